"""What a command's handler works with: the locked aggregate, who acts, today, the
dependencies, and the ways to change an ärende, write the audit log and draw up a document.

The runner (utforare.py) makes one Steg per command, inside its transaction; the handlers
(hanterare/) use it and nothing else, so every act is logged, and its ärenden's frister
recomputed, the same way.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from arende.domain.arende import Arende
from arende.domain.arendetyp import Arendetyp
from arende.domain.datum import svenskt_datum
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.domain.gallring import Informationshanteringsplan
from arende.domain.handelser import ArendetFlyttat, Handelse, HandlingUpprattad
from arende.domain.handling import Handling, Handlingstyp
from arende.domain.kalender import Helgdagskalender
from arende.domain.organisation import Namnd, Person
from arende.domain.sammantrade.mote import Sammantrade
from arende.domain.sammantrade.omrostning import Lottning, Rostval
from arende.service_layer.handlingar import Dokumentverk, Upprattande, uppratta
from arende.service_layer.kommandon import (
    Arendekommando,
    Gallringskommando,
    ImporteraAldreHandling,
    ImporteraProtokoll,
    Kommando,
    RegistreraArende,
    RegistreraInkommandeSomNyttArende,
    Sammantradeskommando,
)
from arende.service_layer.ports import (
    Bildmaskering,
    Fragekalla,
    Klocka,
    PdfOmvandlare,
    Plantolk,
    Sigill,
    Svarsmallslasare,
    Textlasare,
    UnitOfWork,
)
from arende.service_layer.regler import Regler

REGISTRERING = "registrering"


def _slumpad_lottning(alternativ: Sequence[Rostval]) -> Rostval:
    """A lottning nobody can foresee: the operating system's random source."""
    return random.SystemRandom().choice(list(alternativ))


@dataclass(frozen=True)
class Beroenden:
    """What handlers need beside the unit of work; bootstrap wires the concrete ones."""

    klocka: Klocka
    kalender: Helgdagskalender
    dokument: Dokumentverk
    typer: Mapping[str, Arendetyp]
    regler: Mapping[str, Regler]
    fragor: Fragekalla | None = None
    plantolk: Plantolk | None = None
    svarsmallslasare: Svarsmallslasare | None = None
    # The justerat protokoll as sealed PDF/A, made in the justering's own step: with both,
    # the last signature seals it; without (most tests), only the Word file is drawn up.
    pdf: PdfOmvandlare | None = None
    sigill: Sigill | None = None
    # The largest file that may come in (ARENDE_INKOMMANDE_STORSTA_MB), in bytes.
    storsta_inkommande: int = 100 << 20
    # Draws the outcome of a tied vote in val and anställning (kommunallagen 5 kap.): the
    # system's random source in production; a seeded one where a test needs the outcome.
    lottning: Lottning = field(default=_slumpad_lottning)
    # Utlämnande of allmän handling: the reader of a handling's text (for the masked copy)
    # and the kammarrätt a refusal is appealed to (ARENDE_KAMMARRATT).
    textlasare: Textlasare | None = None
    kammarratt: str = "Kammarrätten i Stockholm"
    # The masked copy of a PDF or an image, painted on its pages (adapters/bildmaskering.py).
    bildmaskering: Bildmaskering | None = None
    # The nämnd's classification and informationshanteringsplan, read and checked at start;
    # None: gallring is refused (no plan says what may go).
    plan: Informationshanteringsplan | None = None


class Steg:
    """One command being taken, in its transaction."""

    def __init__(self, uow: UnitOfWork, kommando: Kommando, beroenden: Beroenden) -> None:
        self.uow = uow
        self.kommando = kommando
        self.beroenden = beroenden
        self.idag = beroenden.klocka.idag()
        self.handelser: list[Handelse] = []
        # Who acts, once the runner has checked her: the register's spelling of the name.
        self.aktor = kommando.aktor.strip()
        self.roll = ""
        self.person: Person | None = None
        self.aggregat = ""
        self.namnd: Namnd | None = None
        self._arenden: dict[str, Arende] = {}
        self._rorda: dict[str, None] = {}
        self._sammantrade: Sammantrade | None = None

    # -- the aggregate ------------------------------------------------------------------------

    def las(self) -> None:
        """Lock the command's aggregate until commit and name it for the step keys."""
        k = self.kommando
        if isinstance(k, Arendekommando):
            arende = self.arende(k.dnr)
            self.aggregat = str(arende.dnr)
            self.namnd = self.uow.grunddata.namnd(arende.namnd)
        elif isinstance(k, Sammantradeskommando):
            self.namnd = self.uow.grunddata.namnd(k.namnd)
            self._sammantrade = self.uow.sammantraden.hamta(self.namnd.namn, k.datum)
            self.aggregat = sammantradesnamn(self.namnd.namn, k.datum)
        elif isinstance(
            k,
            RegistreraArende
            | ImporteraAldreHandling
            | ImporteraProtokoll
            | RegistreraInkommandeSomNyttArende,
        ):
            # All take a number of the nämnd's diarium (or an old one beside it).
            self.namnd = self.uow.grunddata.namnd(k.namnd)
            self.aggregat = REGISTRERING
        elif isinstance(k, Gallringskommando):
            self.namnd = self.uow.grunddata.namnd(k.namnd)
            self.aggregat = gallringsnamn(self.namnd.namn)
        else:  # pragma: no cover - every command is one of the four
            raise TypeError(f"{type(k).__name__} names no aggregate")

    @property
    def arendet(self) -> Arende:
        """The ärende an ärende command acts on."""
        assert isinstance(self.kommando, Arendekommando)
        return self.arende(self.kommando.dnr)

    def arende(self, dnr: Diarienummer | str) -> Arende:
        """An ärende, locked until commit; the same object for the whole command."""
        text = str(dnr).strip()
        if text not in self._arenden:
            arende = self.uow.arenden.hamta(text)
            self._arenden[text] = self._arenden[str(arende.dnr)] = arende
        return self._arenden[text]

    def sammantrade(self) -> Sammantrade:
        """The sammanträde a sammanträde command acts on, once it is kallat."""
        k = self.kommando
        assert isinstance(k, Sammantradeskommando) and self.namnd is not None
        if self._sammantrade is None:
            raise OgiltigUppgift(
                f"{self.namnd.namn} har inget kallat sammanträde den {svenskt_datum(k.datum)}: "
                "kalla till det först."
            )
        return self._sammantrade

    def satt_sammantrade(self, sammantrade: Sammantrade) -> None:
        self._sammantrade = sammantrade

    @property
    def rorda(self) -> list[str]:
        """The ärenden the command changed, whose frister the runner recomputes."""
        return list(self._rorda)

    def rord(self, dnr: Diarienummer | str) -> None:
        self._rorda[str(dnr)] = None

    # -- what the command does ----------------------------------------------------------------

    def andra(
        self,
        arende: Arende,
        gor: Callable[[Arende], object],
        *,
        handling: str | None = None,
        begart: Mapping[str, Any] | None = None,
    ) -> None:
        """Change the ärende by `gor(arende)`, store it, and log what was asked and what changed
        (before and after) in its history. A new skede is an event."""
        fore = bild(arende)
        skede = arende.skede
        gor(arende)
        efter = bild(arende)
        self.uow.arenden.spara(arende)
        andrat = sorted(n for n in efter if efter[n] != fore.get(n))
        self.logga(
            {
                "begärt": som_json(self.kommando.begart() if begart is None else begart),
                "före": {n: fore.get(n) for n in andrat},
                "efter": {n: efter[n] for n in andrat},
            },
            dnr=arende.dnr,
            handling=handling,
        )
        self.rord(arende.dnr)
        if arende.skede is not skede:
            self.hant(ArendetFlyttat(arende.dnr, arende.arendetyp, arende.skede.value))

    def logga(
        self,
        innehall: Mapping[str, Any],
        *,
        dnr: Diarienummer | str | None = None,
        handling: str | None = None,
    ) -> None:
        """An event in the audit log, by the acting person in her role, from the flow run;
        a sammanträde's events name the nämnd and the day."""
        grund: dict[str, Any] = {"utfall": "utförd"}
        k = self.kommando
        if isinstance(k, Sammantradeskommando) and self.namnd is not None:
            grund |= {"nämnd": self.namnd.namn, "sammanträde": k.datum.isoformat()}
        if isinstance(k, Gallringskommando) and self.namnd is not None:
            grund["nämnd"] = self.namnd.namn
        if k.inloggning is not None:
            grund["inloggning"] = k.inloggning.som_logg()
        self.uow.logg.skriv(
            dnr=str(dnr) if dnr is not None else None,
            handling=handling or k.handling,
            aktor=self.aktor,
            roll=self.roll,
            flodeskorning=k.flodeskorning,
            innehall=grund | som_json(dict(innehall)),
        )

    def uppratta(
        self,
        arende: Arende,
        typ: Handlingstyp,
        *,
        datum: date | None = None,
        data: dict[str, Any] | None = None,
        titel: str | None = None,
        motpart: str | None = None,
    ) -> Handling:
        """Draw up and register the ärende's document of this type (its PDF is made after
        the transaction, by whoever reads the HandlingUpprattad event)."""
        handling = uppratta(
            self.uow,
            self.beroenden.dokument,
            arende,
            typ,
            self.vem(datum),
            data=data,
            titel=titel,
            motpart=motpart,
        )
        self.hant(HandlingUpprattad(arende.dnr, typ.value, handling.nummer, handling.version))
        self.rord(arende.dnr)
        return handling

    def vem(self, datum: date | None = None) -> Upprattande:
        """Who draws a document up, when, and under which key. A sammanträde's form keys
        repeat from meeting to meeting (every run asks 'beslut-son-2008-2'), so its documents
        are keyed by the meeting too: an ärende bordlagt at one and decided at the next gets
        both its protokollsutdrag."""
        k = self.kommando
        nyckel = k.nyckel
        if nyckel and isinstance(k, Sammantradeskommando):
            nyckel = f"{self.aggregat}:{nyckel}"
        return Upprattande(
            self.aktor, self.roll, datum or self.idag, nyckel, k.flodeskorning, k.inloggning
        )

    def hant(self, handelse: Handelse) -> None:
        self.handelser.append(handelse)


def gallringsnamn(namnd: str) -> str:
    """The aggregate of a nämnd's gallring steps, for their step keys."""
    return f"gallring {namnd}"


def sammantradesnamn(namnd: str, datum: date) -> str:
    return f"{namnd} {datum.isoformat()}"


def bild(arende: Arende) -> dict[str, Any]:
    """The ärende as plain JSON-able data, for the audit log's before/after."""
    data = {f.name: getattr(arende, f.name) for f in dataclasses.fields(arende) if f.name != "id"}
    return som_json(data)  # type: ignore[no-any-return]


def som_json(varde: Any) -> Any:
    """Domain values (dataclasses, enums, dates) as plain JSON-able data for the log."""
    if dataclasses.is_dataclass(varde) and not isinstance(varde, type):
        if isinstance(varde, Diarienummer):
            return str(varde)
        return {f.name: som_json(getattr(varde, f.name)) for f in dataclasses.fields(varde)}
    if isinstance(varde, Enum):
        return str(varde.value)
    if isinstance(varde, date):
        return varde.isoformat()
    if isinstance(varde, bytes):
        return f"{len(varde)} byte"
    if isinstance(varde, Mapping):
        return {str(k): som_json(v) for k, v in varde.items()}
    if isinstance(varde, list | tuple):
        return [som_json(v) for v in varde]
    return varde
