"""An in-memory unit of work for the use-case tests, and a system wired to it.

`FakeUnitOfWork` implements service_layer/ports.UnitOfWork the way the SQL one behaves where
the use cases can tell (cosmicpython's FakeUnitOfWork, grown to this port): names are looked
up exactly, then ignoring case; an ärende is stored only through `spara`, only with the
fields the SQL row keeps, and its decisions are appended, never rewritten; what a read
returns is a copy, so a change is seen only once it is stored; the audit log numbers its
events without gaps and chains them. A transaction works on its own copy of the committed
state (copy on enter): `commit` makes it the committed state, `rollback` and leaving the
`with` block without a commit discard it. Row ids come from sequences that, as in a
database, are not rolled back.

Each commit is recorded with the stores it wrote (`FakeDatabas.commits`), so a test can
see what one transaction held. The registrator's read-only views (`lasning`) are not here:
they are SQL reads, tested on SQLite and PostgreSQL.

`FakeSystem` is what `Arendesystem` is to the SQL adapters: `uow()` and `utfor(kommando)`
through the one runner, with the real ärendetyper, rules, Word templates and question sets,
and a file archive in a folder of the test's own (rendering is fast; no PDF is made).
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cache, partial
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from arende.adapters.arendetypfil import las_arendetyper
from arende.adapters.arkiv import Filarkiv
from arende.adapters.bildmaskering import maskerad_kopia_bild
from arende.adapters.dokumentmallar import Wordmallar
from arende.adapters.fragebatterifil import las_fragebatteri_for
from arende.adapters.grunddatafil import Grunddatafil, las_grunddata
from arende.adapters.helgdagar import SvenskaHelgdagar
from arende.adapters.informationshanteringsplanfil import las_plan
from arende.adapters.svarsmall import las_svarsmall
from arende.adapters.tavlingsregister import plan_som_data
from arende.adapters.textlasning import OcrTextlasare
from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan
from arende.domain import livscykel
from arende.domain.anslagstavla import Anslagsnotis
from arende.domain.arende import Arende
from arende.domain.arendetyp import Arendetyp
from arende.domain.delegation import Delegationsbeslut
from arende.domain.fel import HittasInte, SamtidigAndring
from arende.domain.frister import Frist
from arende.domain.gallring import (
    Forslagspost,
    Gallringsforslag,
    Gallringsnotering,
    Informationshanteringsplan,
)
from arende.domain.granskning import START_HASH, Lank, handelsetext, kedjehash
from arende.domain.handelser import Handelse
from arende.domain.handling import Handling, Handlingstyp
from arende.domain.kalender import JUSTERINGSFRIST_DAGAR
from arende.domain.kedjehuvud import PubliceratKedjehuvud
from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.organisation import Namnd, Person
from arende.domain.roller import Roll
from arende.domain.sammantrade.mote import Sammantrade
from arende.domain.sammantradesplan import Sammantradesplan
from arende.domain.sekretess import Sekretessmarkering
from arende.domain.skeden import Skede
from arende.domain.tavlingsbidrag import Tavlingsbidrag
from arende.domain.utlamnande import Begaran
from arende.domain.verksamhetsplan import Verksamhetsplan
from arende.service_layer.grunddata import las_in_grunddata
from arende.service_layer.handlingar import Dokumentverk
from arende.service_layer.kommandon import Kommando
from arende.service_layer.ports import (
    Anslagstavla,
    Arbetsrad,
    Arbetsurval,
    ArendeRepository,
    Begaranregister,
    Delegationsregister,
    Diarierad,
    Diarium,
    Fristregister,
    Gallringsregister,
    Gallringsunderlag,
    Granskningslogg,
    Grunddata,
    Handlingsregister,
    ImporteradPlan,
    Kedjehuvuden,
    Klocka,
    Kommandologg,
    LagradFrist,
    LagratBidrag,
    Loggpost,
    Paminnelsepost,
    Paminnelseregister,
    Protokollfil,
    Sammantraden,
    Sammantradesplaner,
    Tavlingsregister,
    Utfort,
)
from arende.service_layer.regler import REGLER, regeluppsattningar
from arende.service_layer.steg import Beroenden
from arende.service_layer.utforare import Utforare
from arende.service_layer.visningsportar import (
    Diariesida,
    Diarieurval,
    Handlingspost,
    Registratorslasning,
)

ROT = Path(__file__).resolve().parents[1]
GRUNDDATA = ROT / "deployments" / "grunddata.toml"
ARENDETYPER = ROT / "deployments" / "arendetyper"
INFORMATIONSHANTERINGSPLAN = ROT / "deployments" / "informationshanteringsplan.toml"
FRAGOR = ROT / "deployments" / "fragor"
MALLAR = ROT / "templates"

T = TypeVar("T")
_OPPNA = (
    Skede.REGISTRERAT,
    Skede.UNDER_BEREDNING,
    Skede.SAMVERKAT,
    Skede.FORSLAG_FASTSTALLT,
    Skede.PA_DAGORDNING,
)


def _kopia(varde: T) -> T:
    return copy.deepcopy(varde)


def _som_lagrad_json(varde: Any) -> Any:
    """What a JSON column gives back (a tuple comes back a list; a date cannot be stored)."""
    return json.loads(json.dumps(varde, ensure_ascii=False))


def _efter_namn(rader: dict[str, T], namn: str) -> T | None:
    """Exact name first, then ignoring case (as the SQL repositories look names up)."""
    namn = namn.strip()
    if namn in rader:
        return rader[namn]
    return next((v for k, v in rader.items() if k.casefold() == namn.casefold()), None)


# -- what the fake database holds ---------------------------------------------------------


@dataclass
class Mote:
    """A sammanträde's row: the aggregate once kallat, its protokoll, its highest §."""

    id: int
    sammantrade: Sammantrade | None = None
    protokoll: Protokollfil | None = None
    hogsta_paragraf: int | None = None


@dataclass
class Lager:
    """The committed state: one field per table (or group of tables)."""

    namnder: dict[str, Namnd] = field(default_factory=dict)
    personer: dict[str, Person] = field(default_factory=dict)
    utmarkelsear: dict[int, Utmarkelsear] = field(default_factory=dict)
    arenden: dict[str, Arende] = field(default_factory=dict)  # by dnr, in registration order
    arendenycklar: dict[str, str] = field(default_factory=dict)  # idempotency key -> dnr
    diarieserier: dict[tuple[str, int], int] = field(default_factory=dict)
    kommandon: dict[tuple[str, str], Utfort] = field(default_factory=dict)
    logg: list[tuple[Loggpost, Lank]] = field(default_factory=list)
    frister: dict[str, dict[str, LagradFrist]] = field(default_factory=dict)  # by dnr, typ
    paminnelser: list[Paminnelsepost] = field(default_factory=list)
    planer: dict[str, dict[date, time | None]] = field(default_factory=dict)
    justeringsdagar: dict[str, int] = field(default_factory=dict)
    handlingar: dict[str, list[Handling]] = field(default_factory=dict)
    tavlingsbidrag: dict[str, list[LagratBidrag]] = field(default_factory=dict)
    verksamhetsplaner: dict[int, list[ImporteradPlan]] = field(default_factory=dict)
    sammantraden: dict[tuple[str, date], Mote] = field(default_factory=dict)
    anslag: list[Anslagsnotis] = field(default_factory=list)
    kedjehuvuden: dict[date, PubliceratKedjehuvud] = field(default_factory=dict)
    begaranden: dict[int, Begaran] = field(default_factory=dict)  # by id
    gallringsforslag: dict[int, Gallringsforslag] = field(default_factory=dict)
    delegationsbeslut: list[Delegationsbeslut] = field(default_factory=list)


def _kopiera(lager: Lager) -> Lager:
    """A copy a transaction may change without touching `lager`: the mutable aggregates
    (ärenden, sammanträden, tävlingsbidrag) copied deep, the frozen rows by their tables."""
    return Lager(
        namnder=dict(lager.namnder),
        personer=dict(lager.personer),
        utmarkelsear=dict(lager.utmarkelsear),
        arenden=_kopia(lager.arenden),
        arendenycklar=dict(lager.arendenycklar),
        diarieserier=dict(lager.diarieserier),
        kommandon=dict(lager.kommandon),
        logg=list(lager.logg),
        frister={dnr: dict(f) for dnr, f in lager.frister.items()},
        paminnelser=list(lager.paminnelser),
        planer={n: dict(p) for n, p in lager.planer.items()},
        justeringsdagar=dict(lager.justeringsdagar),
        handlingar={dnr: list(h) for dnr, h in lager.handlingar.items()},
        tavlingsbidrag=_kopia(lager.tavlingsbidrag),
        verksamhetsplaner={i: list(p) for i, p in lager.verksamhetsplaner.items()},
        sammantraden=_kopia(lager.sammantraden),
        anslag=list(lager.anslag),
        kedjehuvuden=dict(lager.kedjehuvuden),
        begaranden=_kopia(lager.begaranden),
        gallringsforslag=dict(lager.gallringsforslag),
        delegationsbeslut=list(lager.delegationsbeslut),
    )


class FakeDatabas:
    """The committed state the units of work share, its commits, and the id sequences."""

    def __init__(self) -> None:
        self.lager = Lager()
        self.generation = 0
        # The stores each commit wrote, in order (an empty set: a commit that wrote nothing).
        self.commits: list[frozenset[str]] = []
        self._sekvenser: dict[str, Iterator[int]] = {}

    def nasta_id(self, tabell: str) -> int:
        return next(self._sekvenser.setdefault(tabell, itertools.count(1)))


# -- the unit of work -----------------------------------------------------------------------


class FakeUnitOfWork:
    """A transaction on a copy of the committed state; see the module's docstring."""

    def __init__(self, databas: FakeDatabas) -> None:
        self.databas = databas
        self._data: Lager | None = None
        self._generation = 0
        self._skrivna: set[str] = set()
        self.arenden: ArendeRepository = FakeArenden(self)
        self.grunddata: Grunddata = FakeGrunddata(self)
        self.diarium: Diarium = FakeDiarium(self)
        self.kommandon: Kommandologg = FakeKommandologg(self)
        self.logg: Granskningslogg = FakeGranskningslogg(self)
        self.frister: Fristregister = FakeFristregister(self)
        self.paminnelser: Paminnelseregister = FakePaminnelseregister(self)
        self.planer: Sammantradesplaner = FakeSammantradesplaner(self)
        self.lasning: Registratorslasning = IngenRegistratorslasning()
        self.handlingar: Handlingsregister = FakeHandlingsregister(self)
        self.tavlingsbidrag: Tavlingsregister = FakeTavlingsregister(self)
        self.sammantraden: Sammantraden = FakeSammantraden(self)
        self.anslagstavla: Anslagstavla = FakeAnslagstavla(self)
        self.kedjehuvuden: Kedjehuvuden = FakeKedjehuvuden(self)
        self.begaranden: Begaranregister = FakeBegaranregister(self)
        self.gallring: Gallringsregister = FakeGallringsregister(self)
        self.delegationsbeslut: Delegationsregister = FakeDelegationsregister(self)

    def __enter__(self) -> Self:
        self._borja()
        return self

    def __exit__(
        self,
        typ: type[BaseException] | None,
        fel: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # As the SQL unit of work: what was not committed is rolled back.
        self._data = None
        self._skrivna.clear()

    def _borja(self) -> None:
        self._data = _kopiera(self.databas.lager)
        self._generation = self.databas.generation
        self._skrivna.clear()

    def commit(self) -> None:
        data = self.data
        if self._skrivna and self.databas.generation != self._generation:
            # In a database the second writer would wait for the first one's lock; here that
            # means a test holds two transactions open that both write: a test bug.
            raise RuntimeError(
                "FakeUnitOfWork: another unit of work committed while this one was open; "
                "its writes would be lost"
            )
        self.databas.lager = data
        if self._skrivna:
            self.databas.generation += 1
        self.databas.commits.append(frozenset(self._skrivna))
        self._borja()

    def rollback(self) -> None:
        self.data  # noqa: B018 (refuses a rollback outside the with block)
        self._borja()

    @property
    def data(self) -> Lager:
        if self._data is None:
            raise RuntimeError("FakeUnitOfWork används utanför sitt with-block")
        return self._data

    def skriver(self, tabell: str) -> Lager:
        """The state, about to be written in `tabell`."""
        self._skrivna.add(tabell)
        return self.data

    def namnd_namn(self, namn: str) -> str:
        """The nämnd's stored name (the frister's and plans' tables word an unknown one
        more briefly than the grunddata)."""
        namnd = _efter_namn(self.data.namnder, namn)
        if namnd is None:
            raise HittasInte(f"Okänd nämnd '{namn}'.")
        return namnd.namn

    def hela_loggen(self) -> list[Loggpost]:
        """Every event of the audit log, in order (the fake's own: for tests)."""
        return [_kopia(p) for p, _ in self.data.logg]

    def arende_dnr(self, dnr: str, meddelande: str | None = None) -> str:
        """The stored dnr (HittasInte as the SQL repositories word it)."""
        if dnr.strip() not in self.data.arenden:
            raise HittasInte(meddelande or f"Det finns inget ärende med diarienummer '{dnr}'.")
        return dnr.strip()


class _Repo:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    @property
    def d(self) -> Lager:
        return self.uow.data


class FakeGrunddata(_Repo):
    def _namnd(self, namn: str) -> Namnd:
        namnd = _efter_namn(self.d.namnder, namn)
        if namnd is None:
            kanda = ", ".join(n.namn for n in self.namnder()) or "inga"
            raise HittasInte(f"Okänd nämnd '{namn}'. Kända nämnder: {kanda}.")
        return namnd

    def namnd(self, namn: str) -> Namnd:
        return self._namnd(namn)

    def namnder(self) -> list[Namnd]:
        return [self.d.namnder[n] for n in sorted(self.d.namnder)]

    def person(self, namn: str) -> Person:
        person = _efter_namn(self.d.personer, namn)
        if person is None:
            raise HittasInte(
                f"Okänd person '{namn}': personen finns inte i personregistret. "
                "Skriv förnamn och efternamn som i registret."
            )
        return person

    def person_med_epost(self, epost: str) -> Person | None:
        nyckel = epost.strip().lower()
        return next(
            (p for p in self.d.personer.values() if nyckel and p.epost.lower() == nyckel), None
        )

    def personer_i_namnd(self, namnd: str) -> list[Person]:
        namn = self._namnd(namnd).namn
        return [p for _, p in sorted(self.d.personer.items()) if p.namnd == namn]

    def utmarkelsear(self, ar: int) -> Utmarkelsear:
        if ar not in self.d.utmarkelsear:
            kanda = ", ".join(str(a) for a in sorted(self.d.utmarkelsear)) or "inga"
            raise HittasInte(f"Kvalitetsutmärkelsen {ar} är inte upplagd. Upplagda år: {kanda}.")
        return self.d.utmarkelsear[ar]

    def alla_utmarkelsear(self) -> list[Utmarkelsear]:
        return [self.d.utmarkelsear[a] for a in sorted(self.d.utmarkelsear)]

    def spara_namnd(self, namnd: Namnd) -> None:
        # As stored: the plan, its times and the justering days are kept apart (uow.planer).
        self.uow.skriver("grunddata").namnder[namnd.namn] = Namnd(
            namnd.namn,
            namnd.diarieprefix,
            namnd.forvaltning,
            protokoll_forvaras=namnd.protokoll_forvaras,
            sammantradeslokal=namnd.sammantradeslokal,
            ledamoter=namnd.ledamoter,
            delegationsordning=namnd.delegationsordning,
        )

    def spara_person(self, person: Person) -> None:
        namnd = self._namnd(person.namnd).namn if person.namnd else None
        lagrad = dataclasses.replace(person, namnd=namnd)
        self.uow.skriver("grunddata").personer[person.namn] = lagrad

    def spara_utmarkelsear(self, ar: Utmarkelsear) -> None:
        self.uow.skriver("grunddata").utmarkelsear[ar.ar] = ar


class FakeDiarium(_Repo):
    def nasta_nummer(self, prefix: str, ar: int) -> int:
        serier = self.uow.skriver("diarium").diarieserier
        serier[(prefix, ar)] = serier.get((prefix, ar), 0) + 1
        return serier[(prefix, ar)]

    def minst(self, prefix: str, ar: int, nummer: int) -> None:
        serier = self.uow.skriver("diarium").diarieserier
        serier[(prefix, ar)] = max(serier.get((prefix, ar), 0), nummer)


# The fields of an ärende its row changes after registration (SqlArendeRepository.spara);
# the rest is kept as registered.
_ANDRINGSBARA = (
    "skede",
    "omgang",
    "planerat_sammantrade",
    "sammantrade",
    "samverkan",
    "faststallande",
    "forslag",
    "justering",
    "anslagsdatum",
    "expediering",
    "avslutsdatum",
)


class FakeArenden(_Repo):
    def lagg_till(self, arende: Arende, idempotensnyckel: str | None) -> None:
        grunddata = self.uow.grunddata
        namnd, handlaggare = grunddata.namnd(arende.namnd), grunddata.person(arende.handlaggare)
        dnr = str(arende.dnr)
        if dnr in self.d.arenden or (
            idempotensnyckel is not None and idempotensnyckel in self.d.arendenycklar
        ):
            raise SamtidigAndring(
                f"Ärendet registrerades samtidigt av en annan körning ({idempotensnyckel})."
            )
        arende.id = self.uow.databas.nasta_id("arende")
        lagrad = dataclasses.replace(
            _kopia(arende),
            namnd=namnd.namn,
            handlaggare=handlaggare.namn,
            livscykel=livscykel.fran_json(_som_lagrad_json(livscykel.till_json(arende.livscykel))),
            uppgifter=_som_lagrad_json(arende.uppgifter),
        )
        d = self.uow.skriver("arenden")
        d.arenden[dnr] = lagrad
        if idempotensnyckel is not None:
            d.arendenycklar[idempotensnyckel] = dnr

    def hamta(self, dnr: str, *, las: bool = True) -> Arende:
        return _kopia(self.d.arenden[self.uow.arende_dnr(dnr)])

    def hamta_via_nyckel(self, idempotensnyckel: str) -> Arende | None:
        dnr = self.d.arendenycklar.get(idempotensnyckel)
        return self.hamta(dnr) if dnr is not None else None

    def spara(self, arende: Arende) -> None:
        dnr = self.uow.arende_dnr(str(arende.dnr))
        d = self.uow.skriver("arenden")
        lagrad = d.arenden[dnr]
        for namn in _ANDRINGSBARA:
            setattr(lagrad, namn, _kopia(getattr(arende, namn)))
        lagrad.uppgifter = _som_lagrad_json(arende.uppgifter)
        # Decisions are appended, never rewritten: those not yet stored. A § number is the
        # nämnd's once a year (the table's unique key: in SQL an IntegrityError, a bug).
        nya = _kopia(arende.beslut[len(lagrad.beslut) :])
        tagna = {
            (a.namnd, b.sammantrade.year, b.paragraf) for a in d.arenden.values() for b in a.beslut
        }
        for b in nya:
            if (lagrad.namnd, b.sammantrade.year, b.paragraf) in tagna:
                raise RuntimeError(
                    f"§ {b.paragraf} {b.sammantrade.year} finns redan i {lagrad.namnd}"
                )
        lagrad.beslut = [*lagrad.beslut, *nya]

    def _i_ordning(self) -> list[Arende]:
        return sorted(
            self.d.arenden.values(), key=lambda a: (a.dnr.prefix, a.dnr.ar, a.dnr.lopnummer)
        )

    def diarium(self, namnd: str | None = None, ar: int | None = None) -> list[Diarierad]:
        namn = self.uow.grunddata.namnd(namnd).namn if namnd else None
        return [
            Diarierad(
                str(a.dnr), a.registreringsdatum, a.namnd, a.titel, a.handlaggare, a.skede.value
            )
            for a in self._i_ordning()
            if (namn is None or a.namnd == namn) and (not ar or a.dnr.ar == ar)
        ]

    def for_sammantrade(self, namnd: str, sammantrade: date) -> list[str]:
        namn = self.uow.grunddata.namnd(namnd).namn
        return [
            str(a.dnr)
            for a in self._i_ordning()
            if a.namnd == namn
            and sammantrade in (a.planerat_sammantrade, a.sammantrade)
            and a.skede in _OPPNA
        ]

    def pa_dagordning(self, namnd: str, sammantrade: date) -> list[tuple[str, str]]:
        namn = self.uow.grunddata.namnd(namnd).namn
        return [
            (str(a.dnr), a.titel)
            for a in self._i_ordning()
            if a.namnd == namn and a.sammantrade == sammantrade
        ]

    def i_arbetsko(self, urval: Arbetsurval) -> list[Arbetsrad]:
        namn = self.uow.grunddata.namnd(urval.namnd).namn if urval.namnd else None
        rader = []
        for a in self._i_ordning():
            egen = a.skede in urval.egna and a.handlaggare == urval.handlaggare
            if (namn is not None and a.namnd != namn) or not (a.skede in urval.alla or egen):
                continue
            beslut = a.gallande_beslut
            handelser = [p for p, _ in self.d.logg if p.dnr == str(a.dnr)]
            rader.append(
                Arbetsrad(
                    dnr=str(a.dnr),
                    titel=a.titel,
                    namnd=a.namnd,
                    skede=a.skede,
                    sista_dag=a.sista_dag,
                    sammantrade=a.sammantrade,
                    beslutets_sammantrade=beslut.sammantrade if beslut else None,
                    justeringsdatum=a.justering.datum if a.justering else None,
                    senaste_handelse=handelser[-1].tidpunkt if handelser else "",
                )
            )
        return rader


class FakeKommandologg(_Repo):
    def hamta(self, aggregat: str, nyckel: str) -> Utfort | None:
        return _kopia(self.d.kommandon.get((aggregat, nyckel)))

    def registrera(self, aggregat: str, nyckel: str, utfort: Utfort) -> None:
        if (aggregat, nyckel) in self.d.kommandon:
            raise SamtidigAndring(
                f"Steget {nyckel} i {aggregat} togs samtidigt av en annan körning."
            )
        self.uow.skriver("kommandon").kommandon[(aggregat, nyckel)] = _kopia(utfort)


class FakeGranskningslogg(_Repo):
    def skriv(
        self,
        *,
        dnr: str | None,
        handling: str,
        aktor: str,
        roll: str,
        flodeskorning: str | None,
        innehall: dict[str, Any],
    ) -> int:
        d = self.uow.skriver("logg")
        sekvens = len(d.logg) + 1  # the head row is in the transaction: no gaps
        foregaende = d.logg[-1][1].hash if d.logg else START_HASH
        tidpunkt = datetime.now(UTC).isoformat()
        text = handelsetext(
            sekvens=sekvens,
            tidpunkt=tidpunkt,
            dnr=dnr,
            handling=handling,
            aktor=aktor,
            roll=roll,
            flodeskorning=flodeskorning,
            innehall=innehall,
        )
        post = Loggpost(
            sekvens,
            tidpunkt,
            dnr,
            handling,
            aktor,
            roll,
            flodeskorning,
            json.loads(text)["innehåll"],
        )
        d.logg.append((post, Lank(sekvens, text, foregaende, kedjehash(foregaende, text))))
        return sekvens

    def for_arende(self, dnr: str) -> list[Loggpost]:
        return [_kopia(p) for p, _ in self.d.logg if p.dnr == dnr]

    def for_korning(self, flodeskorning: str) -> list[Loggpost]:
        return [_kopia(p) for p, _ in self.d.logg if p.flodeskorning == flodeskorning]

    def for_sammantrade(self, namnd: str, datum: date) -> list[Loggpost]:
        return [
            _kopia(p)
            for p, _ in self.d.logg
            if p.dnr is None
            and p.innehall.get("nämnd") == namnd
            and p.innehall.get("sammanträde") == datum.isoformat()
        ]

    def lankar(self) -> list[Lank]:
        return [lank for _, lank in self.d.logg]

    def huvud(self) -> tuple[int, str]:
        return (len(self.d.logg), self.d.logg[-1][1].hash) if self.d.logg else (0, START_HASH)


def _lagringstyp(frist: Frist) -> str:
    return f"{frist.typ.value}:{frist.nyckel}" if frist.nyckel else frist.typ.value


class FakeFristregister(_Repo):
    def ersatt(self, dnr: str, frister: list[Frist]) -> bool:
        dnr = self.uow.arende_dnr(dnr)
        befintliga = self.d.frister.get(dnr, {})
        nya: dict[str, LagradFrist] = {}
        for f in frister:
            # As stored: the texts cut to the column's length.
            f = dataclasses.replace(f, beskrivning=f.beskrivning[:300], regel=f.regel[:300])
            gammal = befintliga.get(_lagringstyp(f))
            frist_id = gammal.id if gammal else self.uow.databas.nasta_id("frist")
            nya[_lagringstyp(f)] = LagradFrist(frist_id, dnr, f)
        if nya == befintliga:
            return False
        self.uow.skriver("frister").frister[dnr] = nya
        return True

    def _lagrade(self, villkor: Callable[[LagradFrist, Arende], bool]) -> list[LagradFrist]:
        traffar = [
            f
            for dnr, frister in self.d.frister.items()
            for f in frister.values()
            if villkor(f, self.d.arenden[dnr])
        ]
        return sorted(traffar, key=lambda f: (f.frist.datum, f.dnr, f.id))

    def for_arende(self, dnr: str) -> list[LagradFrist]:
        dnr = self.uow.arende_dnr(dnr)
        return self._lagrade(lambda f, a: f.dnr == dnr)

    def hamta(self, frist_id: int) -> LagradFrist | None:
        return next(iter(self._lagrade(lambda f, a: f.id == frist_id)), None)

    def oppna_arenden(self) -> list[str]:
        oppna = [a for a in self.d.arenden.values() if a.skede is not Skede.AVSLUTAT]
        return [str(a.dnr) for a in sorted(oppna, key=lambda a: a.id or 0)]

    def att_bevaka(self) -> list[tuple[int, date]]:
        bevakade = self._lagrade(
            lambda f, a: (
                a.skede is not Skede.AVSLUTAT and f.frist.kraver_atgard and not f.frist.klar
            )
        )
        return [(f.id, f.frist.datum) for f in bevakade]

    def for_handlaggare(self, namn: str) -> list[LagradFrist]:
        if namn.strip() not in self.d.personer:
            raise HittasInte(f"Okänd handläggare '{namn}'.")
        return self._lagrade(lambda f, a: a.handlaggare == namn.strip())

    def for_namnd(self, namn: str) -> list[LagradFrist]:
        namnd = self.uow.namnd_namn(namn)
        return self._lagrade(lambda f, a: a.namnd == namnd)

    def arendenas_sammantraden(
        self, *, handlaggare: str | None = None, namnd: str | None = None
    ) -> list[tuple[str, str, date]]:
        if handlaggare is not None and handlaggare.strip() not in self.d.personer:
            raise HittasInte(f"Okänd handläggare '{handlaggare}'.")
        namn = self.uow.namnd_namn(namnd) if namnd is not None else None
        oppna = sorted(
            (a for a in self.d.arenden.values() if a.skede is not Skede.AVSLUTAT),
            key=lambda a: a.id or 0,
        )
        return [
            (str(a.dnr), a.namnd, a.sammantrade or a.planerat_sammantrade)
            for a in oppna
            if (handlaggare is None or a.handlaggare == handlaggare.strip())
            and (namn is None or a.namnd == namn)
        ]


class FakePaminnelseregister(_Repo):
    def lagg_till(
        self,
        *,
        frist: LagradFrist,
        ledtid: int,
        slag: str,
        till: tuple[str, ...],
        kopia: tuple[str, ...],
        amne: str,
        planerad: datetime,
        skickad: datetime,
    ) -> int:
        self.uow.arende_dnr(frist.dnr)
        nyckel = (frist.dnr, frist.frist.typ.value, frist.frist.datum, ledtid)
        if any((p.dnr, p.fristtyp, p.fristdatum, p.ledtid) == nyckel for p in self.d.paminnelser):
            raise SamtidigAndring(
                f"Påminnelsen om {frist.frist.typ.rubrik.lower()} i {frist.dnr} är redan skickad."
            )
        post = Paminnelsepost(
            id=self.uow.databas.nasta_id("paminnelse"),
            dnr=frist.dnr,
            frist_id=frist.id,
            fristtyp=frist.frist.typ.value,
            fristdatum=frist.frist.datum,
            ledtid=ledtid,
            slag=slag,
            till=tuple(till),
            kopia=tuple(kopia),
            amne=amne[:300],
            planerad=planerad,
            skickad=skickad,
        )
        self.uow.skriver("paminnelser").paminnelser.append(post)
        return post.id

    def skickade(self) -> set[tuple[int, date, int]]:
        frister = {
            (f.dnr, f.frist.typ.value): f.id for fs in self.d.frister.values() for f in fs.values()
        }
        return {
            (frister[(p.dnr, p.fristtyp)], p.fristdatum, p.ledtid)
            for p in self.d.paminnelser
            if (p.dnr, p.fristtyp) in frister
        }

    def hamta(self, paminnelse_id: int) -> Paminnelsepost | None:
        return next((p for p in self.d.paminnelser if p.id == paminnelse_id), None)

    def for_arende(self, dnr: str) -> list[Paminnelsepost]:
        dnr = self.uow.arende_dnr(dnr)
        return [p for p in self.d.paminnelser if p.dnr == dnr]

    def chefer(self, namnd: str) -> list[Person]:
        namn = self.uow.namnd_namn(namnd)
        return [
            dataclasses.replace(p, roller=frozenset({Roll.CHEF}), namnd=namnd)
            for _, p in sorted(self.d.personer.items())
            if p.namnd == namn and Roll.CHEF in p.roller
        ]


class FakeSammantradesplaner(_Repo):
    def namnd(self, namn: str) -> str:
        return self.uow.namnd_namn(namn)

    def spara(self, plan: Sammantradesplan) -> None:
        namn = self.namnd(plan.namnd)
        planer = self.uow.skriver("planer").planer.setdefault(namn, {})
        for d in [d for d in planer if d.year == plan.ar]:
            del planer[d]
        planer.update({d: plan.klockan(d) for d in plan.datum})

    def plan(self, namnd: str, ar: int) -> Sammantradesplan | None:
        dagar = self.d.planer.get(self.namnd(namnd), {})
        datum = sorted(d for d in dagar if d.year == ar)
        if not datum:
            return None
        tider = tuple((d, t) for d in datum if (t := dagar[d]) is not None)
        return Sammantradesplan(namnd.strip(), ar, tuple(datum), tider)

    def sammantraden(self, namnd: str) -> list[date]:
        return sorted(self.d.planer.get(self.namnd(namnd), {}))

    def borjan(self, namnd: str, datum: date) -> time | None:
        return self.d.planer.get(self.namnd(namnd), {}).get(datum)

    def spara_justeringsdagar(self, namnd: str, dagar: int) -> None:
        self.uow.skriver("planer").justeringsdagar[self.namnd(namnd)] = dagar

    def justeringsdagar(self, namnd: str) -> int:
        return self.d.justeringsdagar.get(self.namnd(namnd), JUSTERINGSFRIST_DAGAR)


class FakeHandlingsregister(_Repo):
    def _dnr(self, dnr: str) -> str:
        # The SQL register looks the dnr up as given (not stripped).
        if dnr not in self.d.arenden:
            raise HittasInte(f"Ärendet {dnr} finns inte i diariet.")
        return dnr

    def for_arende(self, dnr: str) -> list[Handling]:
        handlingar = self.d.handlingar.get(self._dnr(dnr), [])
        return sorted(handlingar, key=lambda h: (h.nummer, h.version))

    def med_sha256(self, sha256: str) -> list[tuple[str, Handling]]:
        return [(dnr, h) for dnr, hs in self.d.handlingar.items() for h in hs if h.sha256 == sha256]

    def lagg_till(self, dnr: str, handling: Handling) -> None:
        befintliga = self.d.handlingar.get(self._dnr(dnr), [])
        for h in befintliga:
            if (h.nummer, h.version) == (handling.nummer, handling.version) or (
                handling.nyckel is not None and h.nyckel == handling.nyckel
            ):
                # A unique constraint of the table: in SQL an IntegrityError, a bug, not a refusal.
                raise RuntimeError(f"{handling.beteckning} ({handling.nyckel}) finns redan i {dnr}")
        self.uow.skriver("handlingar").handlingar.setdefault(dnr, []).append(handling)

    def satt_pdf(self, dnr: str, nummer: int, version: int, fil: str, sha256: str) -> bool:
        handlingar = self.uow.skriver("handlingar").handlingar[self._dnr(dnr)]
        i = next(i for i, h in enumerate(handlingar) if (h.nummer, h.version) == (nummer, version))
        if handlingar[i].pdf_fil is not None:
            return False
        handlingar[i] = dataclasses.replace(handlingar[i], pdf_fil=fil, pdf_sha256=sha256)
        return True

    def satt_sekretess(self, dnr: str, nummer: int, markering: Sekretessmarkering | None) -> int:
        handlingar = self.uow.skriver("handlingar").handlingar.get(self._dnr(dnr), [])
        antal = 0
        for i, h in enumerate(handlingar):
            if h.nummer == nummer:
                handlingar[i] = dataclasses.replace(
                    h, sekretess=markering is not None, markering=markering
                )
                antal += 1
        return antal

    def satt_granskad(self, dnr: str, nummer: int, titel: str | None) -> int:
        handlingar = self.uow.skriver("handlingar").handlingar.get(self._dnr(dnr), [])
        antal = 0
        for i, h in enumerate(handlingar):
            if h.nummer == nummer:
                handlingar[i] = dataclasses.replace(h, granskad=True, titel=titel or h.titel)
                antal += 1
        return antal


class FakeGallringsregister(_Repo):
    """The proposals by number; a gallring record lives on its handling version, as the SQL
    registers join it there (and, as there, a version is gallrad once)."""

    def underlag(self, namnd: str, *, oppna: bool) -> list[Gallringsunderlag]:
        namn = self.uow.namnd_namn(namnd)
        return [
            Gallringsunderlag(
                str(a.dnr),
                a.arendetyp,
                a.avslutsdatum,
                tuple(
                    sorted(
                        self.d.handlingar.get(str(a.dnr), []), key=lambda h: (h.nummer, h.version)
                    )
                ),
            )
            for a in sorted(
                self.d.arenden.values(), key=lambda a: (a.dnr.prefix, a.dnr.ar, a.dnr.lopnummer)
            )
            if a.namnd == namn and (oppna or a.avslutsdatum is not None)
        ]

    def nytt_forslag(self, namnd: str, datum: date, av: str, poster: Sequence[Forslagspost]) -> int:
        forslag_id = self.uow.databas.nasta_id("gallringsforslag")
        self.uow.skriver("gallring").gallringsforslag[forslag_id] = Gallringsforslag(
            forslag_id, self.uow.namnd_namn(namnd), datum, av, tuple(poster)
        )
        return forslag_id

    def forslag(self, forslag_id: int) -> Gallringsforslag | None:
        return self.d.gallringsforslag.get(forslag_id)

    def forslagen(self, namnd: str, *, obeslutade: bool = False) -> list[Gallringsforslag]:
        namn = self.uow.namnd_namn(namnd)
        return sorted(
            (
                f
                for f in self.d.gallringsforslag.values()
                if f.namnd == namn and not (obeslutade and f.beslutat is not None)
            ),
            key=lambda f: -f.id,
        )

    def besluta(self, forslag_id: int, datum: date, av: str) -> None:
        data = self.uow.skriver("gallring")
        data.gallringsforslag[forslag_id] = dataclasses.replace(
            data.gallringsforslag[forslag_id], beslutat=datum, beslutat_av=av
        )

    def att_meddela(self, av: str) -> list[Gallringsforslag]:
        return sorted(
            (
                f
                for f in self.d.gallringsforslag.values()
                if f.av == av and f.beslutat is None and f.meddelad is None
            ),
            key=lambda f: f.id,
        )

    def markera_meddelad(self, forslag_id: int, nar: datetime) -> bool:
        forslag = self.d.gallringsforslag.get(forslag_id)
        if forslag is None or forslag.meddelad is not None or forslag.beslutat is not None:
            return False
        data = self.uow.skriver("gallring")
        data.gallringsforslag[forslag_id] = dataclasses.replace(forslag, meddelad=nar)
        return True

    def gallra(self, dnr: str, handling: Handling, notering: Gallringsnotering) -> None:
        handlingar = self.uow.skriver("handlingar").handlingar[self.uow.arende_dnr(dnr)]
        i = next(
            i
            for i, h in enumerate(handlingar)
            if (h.nummer, h.version) == (handling.nummer, handling.version)
        )
        if handlingar[i].gallring is not None:
            raise RuntimeError(f"{handling.beteckning} i {dnr} är redan gallrad")  # unique row
        handlingar[i] = dataclasses.replace(handlingar[i], gallring=notering)


class FakeTavlingsregister(_Repo):
    def _lagrade(self, dnr: str) -> list[LagratBidrag]:
        return sorted(
            self.d.tavlingsbidrag.get(self.uow.arende_dnr(dnr), []), key=lambda b: b.ordning
        )

    def _ett(self, dnr: str, verksamhet: str) -> LagratBidrag:
        lagrade = self._lagrade(dnr)
        efter_namn = {lb.bidrag.verksamhet: lb for lb in lagrade}
        lagrat = _efter_namn(efter_namn, verksamhet)
        if lagrat is None:
            if not lagrade:
                raise HittasInte(f"Ärendet {dnr} har inga tävlingsbidrag.")
            raise HittasInte(
                f"Ärendet {dnr} har inget tävlingsbidrag från '{verksamhet}'. Bidragen är från: "
                f"{', '.join(lb.bidrag.verksamhet for lb in lagrade)}."
            )
        return lagrat

    def for_arende(self, dnr: str) -> list[LagratBidrag]:
        return _kopia(self._lagrade(dnr))

    def hamta(self, dnr: str, verksamhet: str) -> LagratBidrag:
        return _kopia(self._ett(dnr, verksamhet))

    def lagg_till(
        self, dnr: str, bidrag: Tavlingsbidrag, kontaktperson: str | None, ordning: int
    ) -> None:
        dnr = self.uow.arende_dnr(dnr)
        if any(lb.bidrag.verksamhet == bidrag.verksamhet for lb in self._lagrade(dnr)):
            raise RuntimeError(f"{dnr} har redan ett tävlingsbidrag från {bidrag.verksamhet}")
        bidrag.id = self.uow.databas.nasta_id("tavlingsbidrag")
        lagrat = LagratBidrag(_kopia(bidrag), kontaktperson, ordning)
        self.uow.skriver("tavlingsbidrag").tavlingsbidrag.setdefault(dnr, []).append(lagrat)

    def spara(self, bidrag: Tavlingsbidrag) -> None:
        assert bidrag.id is not None, "tävlingsbidraget är inte sparat"
        d = self.uow.skriver("tavlingsbidrag")
        lagrat = next(
            lb
            for lagrade in d.tavlingsbidrag.values()
            for lb in lagrade
            if lb.bidrag.id == bidrag.id
        )
        gammalt = lagrat.bidrag
        # What the row keeps from the opening (the question set, the unit, its chef, the
        # year's sista dag and mottagare) is not changed by a later save.
        lagrat.bidrag = dataclasses.replace(
            _kopia(bidrag),
            fragebatteri=gammalt.fragebatteri,
            verksamhet=gammalt.verksamhet,
            ansvarig_chef=gammalt.ansvarig_chef,
            sista_dag=gammalt.sista_dag,
            mottagare=gammalt.mottagare,
        )

    def lagg_till_plan(
        self,
        dnr: str,
        verksamhet: str,
        plan: Verksamhetsplan,
        *,
        ar: int | None,
        sha256: str,
        importerad_av: str,
    ) -> bool:
        lagrat = self._ett(dnr, verksamhet)
        assert lagrat.bidrag.id is not None
        if any(p.sha256 == sha256 for p in self.d.verksamhetsplaner.get(lagrat.bidrag.id, [])):
            return False
        importerad = ImporteradPlan(
            verksamhet=lagrat.bidrag.verksamhet,
            ar=ar,
            titel=plan.titel[:300],
            sha256=sha256,
            struktur=_som_lagrad_json(plan_som_data(plan)),
            ej_placerat=tuple(plan.ej_placerat),
            importerad_av=importerad_av,
            importerad=datetime.now(UTC),
        )
        planer = self.uow.skriver("tavlingsbidrag").verksamhetsplaner
        planer.setdefault(lagrat.bidrag.id, []).append(importerad)
        return True

    def senaste_plan(self, dnr: str, verksamhet: str) -> ImporteradPlan | None:
        lagrat = self._ett(dnr, verksamhet)
        assert lagrat.bidrag.id is not None
        planer = self.d.verksamhetsplaner.get(lagrat.bidrag.id, [])
        return planer[-1] if planer else None


class FakeSammantraden(_Repo):
    def _nyckel(self, namnd: str, datum: date) -> tuple[str, date]:
        return self.uow.grunddata.namnd(namnd).namn, datum

    def hamta(self, namnd: str, datum: date, *, las: bool = True) -> Sammantrade | None:
        mote = self.d.sammantraden.get(self._nyckel(namnd, datum))
        if mote is None or mote.sammantrade is None:
            return None
        sammantrade = _kopia(mote.sammantrade)
        sammantrade.id = mote.id
        return sammantrade

    def spara(self, sammantrade: Sammantrade) -> None:
        nyckel = self._nyckel(sammantrade.namnd, sammantrade.datum)
        d = self.uow.skriver("sammantraden")
        mote = d.sammantraden.get(nyckel)
        if mote is None:
            mote = d.sammantraden[nyckel] = Mote(self.uow.databas.nasta_id("sammantrade"))
        mote.sammantrade = _kopia(sammantrade)
        nummer = [p.nummer for p in sammantrade.paragrafer]
        mote.hogsta_paragraf = max(nummer) if nummer else None
        sammantrade.id = mote.id

    def satt_protokoll(self, namnd: str, datum: date, fil: Protokollfil) -> None:
        mote = self.uow.skriver("sammantraden").sammantraden.get(self._nyckel(namnd, datum))
        assert mote is not None
        mote.protokoll = fil

    def protokoll(self, namnd: str, datum: date) -> Protokollfil | None:
        mote = self.d.sammantraden.get(self._nyckel(namnd, datum))
        return mote.protokoll if mote else None

    def fore(self, namnd: str, datum: date) -> list[Sammantrade]:
        namn = self.uow.grunddata.namnd(namnd).namn
        tidigare = [
            (d, m.sammantrade)
            for (n, d), m in self.d.sammantraden.items()
            if n == namn and d < datum and m.sammantrade is not None
        ]
        return [_kopia(s) for _, s in sorted(tidigare, key=lambda t: t[0], reverse=True)]

    def mellan(self, namnd: str, forsta: date, sista: date) -> list[Sammantrade]:
        namn = self.uow.grunddata.namnd(namnd).namn
        valda = [
            (d, m.sammantrade)
            for (n, d), m in self.d.sammantraden.items()
            if n == namn and forsta <= d <= sista and m.sammantrade is not None
        ]
        return [_kopia(s) for _, s in sorted(valda, key=lambda t: t[0])]

    def hogsta_paragraf(self, namnd: str, ar: int) -> int:
        namn = self.uow.grunddata.namnd(namnd).namn
        return max(
            [0]
            + [
                m.hogsta_paragraf
                for (n, d), m in self.d.sammantraden.items()
                if n == namn and d.year == ar and m.hogsta_paragraf
            ]
        )


class FakeAnslagstavla(_Repo):
    def satt_upp(self, notis: Anslagsnotis) -> None:
        self.uow.skriver("anslag").anslag.append(notis)

    def alla(self, namnd: str | None = None) -> list[Anslagsnotis]:
        valda = [n for n in self.d.anslag if namnd is None or n.namnd == namnd]
        return sorted(valda, key=lambda n: n.anslaget, reverse=True)

    def uppe(self, idag: date, namnd: str | None = None) -> list[Anslagsnotis]:
        return [n for n in self.alla(namnd) if n.uppe(idag)]

    def nedtagna(
        self, idag: date, namnd: str | None = None, gransen: int = 50, forbi: int = 0
    ) -> list[Anslagsnotis]:
        return [n for n in self.alla(namnd) if n.ned <= idag][forbi : forbi + gransen]

    def antal_nedtagna(self, idag: date, namnd: str | None = None) -> int:
        return len([n for n in self.alla(namnd) if n.ned <= idag])


class FakeKedjehuvuden(_Repo):
    def publicera(self, huvud: PubliceratKedjehuvud) -> None:
        if huvud.datum in self.d.kedjehuvuden:  # the SQL table's primary key
            raise SamtidigAndring(f"Kedjehuvudet för {huvud.datum} är redan publicerat.")
        self.uow.skriver("kedjehuvuden").kedjehuvuden[huvud.datum] = huvud

    def for_dag(self, datum: date) -> PubliceratKedjehuvud | None:
        return self.d.kedjehuvuden.get(datum)

    def alla(self) -> list[PubliceratKedjehuvud]:
        return [self.d.kedjehuvuden[d] for d in sorted(self.d.kedjehuvuden)]

    def senaste(self) -> PubliceratKedjehuvud | None:
        alla = self.alla()
        return alla[-1] if alla else None

    def antal(self) -> int:
        return len(self.d.kedjehuvuden)

    def sida(self, gransen: int, forbi: int) -> list[PubliceratKedjehuvud]:
        return self.alla()[::-1][forbi : forbi + gransen]


class FakeBegaranregister(_Repo):
    """Requests for allmän handling: what is read is a copy, as in SQL."""

    def nasta_nummer(self, dnr: str) -> int:
        dnr = self.uow.arende_dnr(dnr)
        return max((b.nummer for b in self.d.begaranden.values() if b.dnr == dnr), default=0) + 1

    def lagg_till(self, begaran: Begaran) -> int:
        self.uow.arende_dnr(begaran.dnr)
        if any(
            (b.dnr, b.nummer) == (begaran.dnr, begaran.nummer) for b in self.d.begaranden.values()
        ):
            raise RuntimeError(f"{begaran.beteckning} finns redan")  # the unique constraint
        begaran.id = self.uow.databas.nasta_id("begaran")
        self.uow.skriver("begaranden").begaranden[begaran.id] = _kopia(begaran)
        return begaran.id

    def hamta(self, dnr: str, nummer: int) -> Begaran:
        dnr = self.uow.arende_dnr(dnr, f"Ärendet {dnr} finns inte i diariet.")
        for b in self.d.begaranden.values():
            if (b.dnr, b.nummer) == (dnr, nummer):
                return _kopia(b)
        raise HittasInte(f"Ärende {dnr} har ingen begäran om utlämnande nummer {nummer}.")

    def hamta_id(self, begaran_id: int) -> Begaran | None:
        return _kopia(self.d.begaranden.get(begaran_id))

    def for_arende(self, dnr: str) -> list[Begaran]:
        dnr = self.uow.arende_dnr(dnr)
        return sorted(
            (_kopia(b) for b in self.d.begaranden.values() if b.dnr == dnr),
            key=lambda b: b.nummer,
        )

    def oppna(self) -> list[Begaran]:
        return sorted(
            (_kopia(b) for b in self.d.begaranden.values() if b.oppen),
            key=lambda b: b.mottagen,
        )

    def spara_provning(self, begaran: Begaran) -> None:
        assert begaran.id is not None
        self.uow.skriver("begaranden").begaranden[begaran.id] = _kopia(begaran)

    def markera_paminnelse(self, begaran_id: int, nar: datetime) -> bool:
        b = self.d.begaranden.get(begaran_id)
        if b is None or b.paminnelse is not None or not b.oppen:
            return False
        self.uow.skriver("begaranden").begaranden[begaran_id] = dataclasses.replace(
            b, paminnelse=nar
        )
        return True


class FakeDelegationsregister(_Repo):
    def nasta_nummer(self, namnd: str, ar: int) -> int:
        namn = self.uow.namnd_namn(namnd)
        return 1 + max(
            (b.nummer for b in self.d.delegationsbeslut if b.namnd == namn and b.ar == ar),
            default=0,
        )

    def lagg_till(self, beslut: Delegationsbeslut) -> None:
        self.uow.arende_dnr(beslut.dnr)
        if any(
            (b.namnd, b.ar, b.nummer) == (beslut.namnd, beslut.ar, beslut.nummer)
            for b in self.d.delegationsbeslut
        ):  # the SQL table's unique constraint
            raise SamtidigAndring(f"Delegationsbeslut {beslut.beteckning} finns redan.")
        self.uow.skriver("delegationsbeslut").delegationsbeslut.append(beslut)

    def for_namnd(
        self, namnd: str, ar: int | None = None, *, vantande: bool = False
    ) -> list[Delegationsbeslut]:
        namn = self.uow.namnd_namn(namnd)
        return sorted(
            (
                b
                for b in self.d.delegationsbeslut
                if b.namnd == namn
                and (ar is None or b.ar == ar)
                and (not vantande or (b.anmals and b.anmalan is None))
            ),
            key=lambda b: (b.ar, b.nummer),
        )

    def anmal(self, namnd: str, beslut: Sequence[Delegationsbeslut], anmalan: str) -> None:
        dnr = self.uow.arende_dnr(anmalan)
        valda = {(b.ar, b.nummer) for b in beslut}
        namn = self.uow.namnd_namn(namnd)
        d = self.uow.skriver("delegationsbeslut")
        d.delegationsbeslut = [
            dataclasses.replace(b, anmalan=dnr)
            if b.namnd == namn and (b.ar, b.nummer) in valda
            else b
            for b in d.delegationsbeslut
        ]

    def i_anmalan(self, anmalan: str) -> list[Delegationsbeslut]:
        return sorted(
            (b for b in self.d.delegationsbeslut if b.anmalan == anmalan.strip()),
            key=lambda b: (b.ar, b.nummer),
        )


class IngenRegistratorslasning:
    """The registrator's read-only views are SQL reads: tested on SQLite and PostgreSQL."""

    def _saknas(self) -> RuntimeError:
        return RuntimeError(
            "FakeUnitOfWork har ingen registratorsläsning: testa den mot databasen "
            "(tests/integration)"
        )

    def kedjebatchar(self) -> Iterator[Any]:
        raise self._saknas()

    def kedjehuvud(self) -> tuple[int, str] | None:
        raise self._saknas()

    def diariesida(self, urval: Diarieurval) -> Diariesida:
        raise self._saknas()

    def handlingar(
        self, dnr: str | None = None, *, ogranskade: bool = False
    ) -> list[Handlingspost]:
        raise self._saknas()

    def dnr_for_ar(self, ar: int) -> list[str]:
        raise self._saknas()

    def kedjerader_for_arende(self, dnr: str) -> list[Any]:
        raise self._saknas()


# -- a system on the fake -------------------------------------------------------------------


@cache
def _grunddata() -> Grunddatafil:
    return las_grunddata(GRUNDDATA)


@cache
def _typer() -> dict[str, Arendetyp]:
    return las_arendetyper(ARENDETYPER, mallkatalog=MALLAR, regler=REGLER)


@cache
def _plan() -> Informationshanteringsplan:
    return las_plan(
        INFORMATIONSHANTERINGSPLAN,
        arendetyper=_typer(),
        handlingstyper=[t.value for t in Handlingstyp],
    )


@dataclass
class FakeSystem:
    """`Arendesystem` on the fake unit of work: `uow()` and `utfor(kommando)`."""

    databas: FakeDatabas
    beroenden: Beroenden
    arkiv: Filarkiv

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.databas)

    @property
    def klocka(self) -> Klocka:
        return self.beroenden.klocka

    @klocka.setter
    def klocka(self, klocka: Klocka) -> None:
        """Today as Arendesystem lets a test set it (`system.klocka = FastKlocka(...)`)."""
        self.beroenden = dataclasses.replace(self.beroenden, klocka=klocka)

    def utfor(self, kommando: Kommando) -> list[Handelse]:
        """Take a command through the one runner; returns its events."""
        return Utforare(self.uow, self.beroenden)(kommando)

    def logg(self) -> list[Loggpost]:
        """The whole audit log as committed, in order."""
        with self.uow() as uow:
            return uow.hela_loggen()


def fake_system(arkiv: Path, klocka: Klocka, *, grunddata: bool = True) -> FakeSystem:
    """A system on an empty fake database, with the grunddata of deployments/ read in
    (through the same use case `make up` loads it with), the real ärendetyper, rules, Word
    templates and question sets, and its archive in the folder `arkiv`."""
    kalender = SvenskaHelgdagar()
    typer = _typer()
    regler = regeluppsattningar(importera_verksamhetsplan)
    filarkiv = Filarkiv(arkiv)
    system = FakeSystem(
        FakeDatabas(),
        Beroenden(
            klocka=klocka,
            kalender=kalender,
            dokument=Dokumentverk(Wordmallar(MALLAR), filarkiv, kalender, typer, regler),
            typer=typer,
            regler=regler,
            fragor=partial(las_fragebatteri_for, FRAGOR),
            plantolk=importera_verksamhetsplan,
            svarsmallslasare=las_svarsmall,
            textlasare=OcrTextlasare(),
            bildmaskering=maskerad_kopia_bild,
            plan=_plan(),
        ),
        filarkiv,
    )
    if grunddata:
        data = _grunddata()
        las_in_grunddata(system.uow(), data.namnder, data.personer, data.utmarkelsear)
    return system
