"""What the registrator's views need from the outside: reads of the diarium, the chain and
the handlingar, the registered files, Prefect's run history and the archive packager.

Kept apart from `ports` because none of it writes: the use cases never need it."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from arende.domain.arende import Arende
from arende.domain.gallring import Gallringsnotering
from arende.domain.kedjekontroll import Kedjerad, Lagrad
from arende.domain.sekretess import Sekretessmarkering
from arende.service_layer.ports import Diarierad, Loggpost

SEKRETESSTITEL = "Sekretess (OSL)"
EJ_GRANSKAD_TITEL = "Inkommen handling, ännu inte granskad av registrator"


def offentlig_titel(titel: str, *, sekretess: bool, granskad: bool) -> str:
    """A handling's title as anyone may see it (the public site, open data, the kallelse)."""
    if sekretess:
        return SEKRETESSTITEL
    return titel if granskad else EJ_GRANSKAD_TITEL


@dataclass(frozen=True)
class Diarieurval:
    namnd: str | None = None
    ar: int | None = None
    status: str | None = None
    handlaggare: str | None = None
    sok: str | None = None
    sida: int = 1
    per_sida: int = 50
    # True for the public e-diarium and open data: they do not show who handles an ärende
    # (their database role may not read the person register: the rows' handläggare is then
    # empty), they show a marked ärendemening in its public form, and a word search does
    # not look in marked ärendemeningar (a match would tell what the marking hides).
    offentlig: bool = False


@dataclass(frozen=True)
class Diariesida:
    rader: list[Diarierad]
    totalt: int
    sida: int
    per_sida: int

    @property
    def sidor(self) -> int:
        return max(1, math.ceil(self.totalt / self.per_sida))


@dataclass(frozen=True)
class Handlingspost:
    """A registered handling as the registrator sees it, with the dnr of its ärende."""

    dnr: str
    nummer: int
    version: int
    typ: str
    riktning: str
    titel: str
    datum: date
    motpart: str | None
    sekretess: bool
    fil: str
    sha256: str
    pdf_fil: str | None
    pdf_sha256: str | None
    upprattad_av: str
    registrerad: datetime
    # The marking's grounds (OSL 5 kap. 5 §), for the registrator and the export; the
    # public views read only `sekretess`.
    markering: Sekretessmarkering | None = None
    # False until the registrator has looked at what came in by itself (domain Handling).
    granskad: bool = True
    # The ärende's marked ärendemening and its public form, if it is marked: the titles the
    # system gave its own handlingar name the ärende, and the public views must not.
    mening: tuple[str, str] | None = None
    # Set once the version is gallrad: its files have gone, its register row and sha256 stay.
    gallring: Gallringsnotering | None = None

    @property
    def halls_inne(self) -> bool:
        """Whether the public views keep its title, sender and file back: sekretess, or
        not yet looked at."""
        return self.sekretess or not self.granskad

    @property
    def sekretesstext(self) -> str:
        """The marking as the registrator's lists show it: 'OSL 26 kap. 1 § (2026-11-23,
        Per Lindqvist)'; a flag set before the grounds were kept says so."""
        if self.markering is not None:
            return str(self.markering)
        return "sekretess (grund ej angiven)" if self.sekretess else ""

    @property
    def titel_i_registret(self) -> str:
        """The title as the registrator's list shows it: the public title, and for a marked
        handling its grounds (OSL 5 kap. 5 §) in place of the hidden title."""
        if self.markering is not None:
            titel = f"Sekretess ({self.markering.bestammelse}; markerad {self.markering.datum.isoformat()} av {self.markering.av})"
        elif self.sekretess:
            titel = SEKRETESSTITEL
        else:
            # The registrator reads what came in in order to look at it: the sender's title.
            titel = self.titel if self.granskad else f"{self.titel} (ej granskad)"
        # A gallrad handling keeps its register row; the list says that its content is gone.
        return f"{titel} [{self.gallringstext}]" if self.gallring is not None else titel

    @property
    def motpart_i_registret(self) -> str | None:
        return None if self.sekretess else self.motpart

    @property
    def offentlig_titel(self) -> str:
        """What may be shown to anyone (OSL 5 kap.): a sekretess handling keeps its type,
        number and date, but its title is not shown; nor is the title of what came in
        before the registrator has looked at it."""
        titel = offentlig_titel(self.titel, sekretess=self.sekretess, granskad=self.granskad)
        if self.mening is not None:
            hemlig, offentlig = self.mening
            titel = titel.replace(hemlig, offentlig)
        return titel

    @property
    def gallringstext(self) -> str:
        """'Gallrad 2026-11-23 enligt SoN 2019/12' for a gallrad version, else ''."""
        return self.gallring.offentlig_text if self.gallring is not None else ""

    @property
    def offentlig_motpart(self) -> str | None:
        return None if self.halls_inne and self.motpart else self.motpart

    @property
    def beteckning(self) -> str:
        return f"handling {self.nummer} version {self.version} i {self.dnr}"

    def filer(self) -> list[tuple[str, str]]:
        """(relative path, sha256) of each file: the registered file and its PDF, if any."""
        filer = [(self.fil, self.sha256)]
        if self.pdf_fil and self.pdf_sha256:
            filer.append((self.pdf_fil, self.pdf_sha256))
        return filer


class Registratorslasning(Protocol):
    # The whole audit chain in sequence order as stored, a batch of rows at a time:
    # streamed, so the log never sits in memory.
    def kedjebatchar(self) -> Iterator[Sequence[Lagrad]]: ...
    def kedjehuvud(self) -> tuple[int, str] | None: ...
    def diariesida(self, urval: Diarieurval) -> Diariesida: ...
    # With `ogranskade`, only what came in by itself and nobody has looked at yet.
    def handlingar(
        self, dnr: str | None = None, *, ogranskade: bool = False
    ) -> list[Handlingspost]: ...
    def dnr_for_ar(self, ar: int) -> list[str]: ...
    def kedjerader_for_arende(self, dnr: str) -> list[Kedjerad]: ...


class Filarkivkontroll(Protocol):
    def sha256(self, relativ: str) -> str | None:
        """The file's sha256, or None if it does not exist."""
        ...

    def sokvag(self, relativ: str) -> Path: ...


@dataclass(frozen=True)
class Korningshandelse:
    """One state of a Prefect flow run, or an answer given to one of its forms."""

    tidpunkt: datetime
    korning: str
    korningsnamn: str
    beskrivning: str
    vem: str = "Prefect"


@dataclass(frozen=True)
class Prefecthistorik:
    handelser: list[Korningshandelse] = field(default_factory=list)
    saknas: str | None = None  # why (part of) Prefect's history could not be shown


class Korningshistorik(Protocol):
    def for_korningar(self, korningar: list[str]) -> Prefecthistorik: ...


@dataclass(frozen=True)
class Arendeakt:
    """Everything an archive package holds about one ärende."""

    arende: Arende
    handlingar: list[Handlingspost]
    handelser: list[Loggpost]
    kedjerader: list[Kedjerad]  # the same events as stored: hashed text and chain hashes
    exporterad: datetime
    # The ärende's place in the nämnd's classification, top first ('1 Styra …', '1.1 …',
    # '1.1.1 …'); empty when no plan was given.
    klassificering: tuple[str, ...] = ()


class Arkivpaketerare(Protocol):
    def paketets_sokvag(self, akt: Arendeakt, ut: Path, zip: bool) -> Path: ...
    def skriv(self, akt: Arendeakt, ut: Path, zip: bool) -> Path: ...
