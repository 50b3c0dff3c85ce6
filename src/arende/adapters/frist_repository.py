"""SQL repositories for frister, sent reminders and the nämnders sammanträdesplaner."""

from __future__ import annotations

import json
from datetime import date, datetime, time

from sqlalchemy import delete
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from arende.adapters.tabeller import (
    ArendeRad,
    FristRad,
    NamndRad,
    NamndReglerRad,
    PaminnelseRad,
    PersonRad,
    PersonRollRad,
    SammantradesplanRad,
)
from arende.domain.fel import HittasInte, SamtidigAndring
from arende.domain.frister import Frist, Fristtyp
from arende.domain.kalender import JUSTERINGSFRIST_DAGAR
from arende.domain.organisation import Person
from arende.domain.roller import Roll
from arende.domain.sammantradesplan import Sammantradesplan
from arende.domain.skeden import Skede
from arende.service_layer.ports import LagradFrist, Paminnelsepost

_AVSLUTADE = (Skede.AVSLUTAT.value,)


def _arende_id(session: Session, dnr: str) -> int:
    arende_id = session.exec(select(ArendeRad.id).where(ArendeRad.dnr == dnr.strip())).first()
    if arende_id is None:
        raise HittasInte(f"Det finns inget ärende med diarienummer '{dnr}'.")
    return arende_id


def _namnd_id(session: Session, namn: str) -> int:
    rad = session.exec(select(NamndRad).where(NamndRad.namn == namn.strip())).first()
    if rad is None:
        # Ignoring case in Python: SQLite's lower() only folds ASCII.
        rad = next(
            (r for r in session.exec(select(NamndRad)) if r.namn.casefold() == namn.casefold()),
            None,
        )
    if rad is None or rad.id is None:
        raise HittasInte(f"Okänd nämnd '{namn}'.")
    return rad.id


def _frist(rad: FristRad) -> Frist:
    return _frist_av(rad.typ, rad.datum, rad.beskrivning, rad.regel, rad.klar)


# Looked up by value in a dict: Fristtyp(text) goes through Enum's machinery, which showed
# in the scheduler's reading of every open frist.
_FRISTTYPER = {t.value: t for t in Fristtyp}


def _frist_av(lagringstyp: str, datum: date, beskrivning: str, regel: str, klar: bool) -> Frist:
    typ, _, nyckel = lagringstyp.partition(":")
    return Frist(_FRISTTYPER.get(typ) or Fristtyp(typ), datum, beskrivning, regel, klar, nyckel)


def _lagringstyp(frist: Frist) -> str:
    """The row's type column, unique per ärende: the type, and for a type that comes many
    times (a plan's activities) its key after a colon."""
    return f"{frist.typ.value}:{frist.nyckel}" if frist.nyckel else frist.typ.value


class SqlFristregister:
    def __init__(self, session: Session) -> None:
        self.s = session

    def ersatt(self, dnr: str, frister: list[Frist]) -> bool:
        arende_id = _arende_id(self.s, dnr)
        befintliga = {
            r.typ: r for r in self.s.exec(select(FristRad).where(FristRad.arende_id == arende_id))
        }
        andrat = False
        nya_typer = {_lagringstyp(f) for f in frister}
        for typ, rad in befintliga.items():
            if typ not in nya_typer:
                self.s.delete(rad)
                andrat = True
        for f in frister:
            gammal = befintliga.get(_lagringstyp(f))
            if gammal is not None and _frist(gammal) == f:
                continue
            rad = gammal or FristRad(
                arende_id=arende_id, typ=_lagringstyp(f), datum=f.datum, beskrivning=""
            )
            rad.datum, rad.beskrivning, rad.regel, rad.klar = (
                f.datum,
                f.beskrivning[:300],
                f.regel[:300],
                f.klar,
            )
            self.s.add(rad)
            andrat = True
        self.s.flush()
        return andrat

    def _lagrade(self, villkor: object) -> list[LagradFrist]:
        # The columns, not FristRad objects: the scheduler reads every open frist on start,
        # and building an ORM object per row cost more than the rest of its reading.
        fraga = sa_select(
            col(FristRad.id),
            col(FristRad.typ),
            col(FristRad.datum),
            col(FristRad.beskrivning),
            col(FristRad.regel),
            col(FristRad.klar),
            col(ArendeRad.dnr),
        ).join(ArendeRad, col(ArendeRad.id) == col(FristRad.arende_id))
        fraga = fraga.where(villkor)  # type: ignore[arg-type]
        fraga = fraga.order_by(col(FristRad.datum), col(ArendeRad.dnr), col(FristRad.id))
        return [
            LagradFrist(i, dnr, _frist_av(typ, datum, beskrivning, regel, klar))
            for i, typ, datum, beskrivning, regel, klar, dnr in self.s.execute(fraga)
        ]

    def for_arende(self, dnr: str) -> list[LagradFrist]:
        return self._lagrade(ArendeRad.id == _arende_id(self.s, dnr))

    def hamta(self, frist_id: int) -> LagradFrist | None:
        traffar = self._lagrade(FristRad.id == frist_id)
        return traffar[0] if traffar else None

    def oppna_arenden(self) -> list[str]:
        return list(
            self.s.exec(
                select(ArendeRad.dnr)
                .where(col(ArendeRad.skede).not_in(_AVSLUTADE))
                .order_by(col(ArendeRad.id))
            )
        )

    def att_bevaka(self) -> list[tuple[int, date]]:
        atgarder = [t.value for t in Fristtyp if t.kraver_atgard]
        fraga = (
            sa_select(col(FristRad.id), col(FristRad.datum))
            .join(ArendeRad, col(ArendeRad.id) == col(FristRad.arende_id))
            .where(
                col(ArendeRad.skede).not_in(_AVSLUTADE)
                & col(FristRad.typ).in_(atgarder)
                & (col(FristRad.klar) == False)  # noqa: E712 (SQL, not Python)
            )
            .order_by(col(FristRad.datum), col(ArendeRad.dnr), col(FristRad.id))
        )
        return [(i, datum) for i, datum in self.s.execute(fraga)]

    def for_handlaggare(self, namn: str) -> list[LagradFrist]:
        return self._lagrade(ArendeRad.handlaggare_id == self._person_id(namn))

    def for_namnd(self, namn: str) -> list[LagradFrist]:
        return self._lagrade(ArendeRad.namnd_id == _namnd_id(self.s, namn))

    def arendenas_sammantraden(
        self, *, handlaggare: str | None = None, namnd: str | None = None
    ) -> list[tuple[str, str, date]]:
        fraga = (
            select(ArendeRad, NamndRad.namn)
            .join(NamndRad, col(NamndRad.id) == col(ArendeRad.namnd_id))
            .where(col(ArendeRad.skede).not_in(_AVSLUTADE))
        )
        if handlaggare is not None:
            fraga = fraga.where(ArendeRad.handlaggare_id == self._person_id(handlaggare))
        if namnd is not None:
            fraga = fraga.where(ArendeRad.namnd_id == _namnd_id(self.s, namnd))
        return [
            (a.dnr, n, a.sammantrade or a.planerat_sammantrade)
            for a, n in self.s.exec(fraga.order_by(col(ArendeRad.id)))
        ]

    def _person_id(self, namn: str) -> int:
        person = self.s.exec(select(PersonRad).where(PersonRad.namn == namn.strip())).first()
        if person is None or person.id is None:
            raise HittasInte(f"Okänd handläggare '{namn}'.")
        return person.id


class SqlPaminnelseregister:
    def __init__(self, session: Session) -> None:
        self.s = session

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
        rad = PaminnelseRad(
            arende_id=_arende_id(self.s, frist.dnr),
            frist_id=frist.id,
            fristtyp=frist.frist.typ.value,
            fristdatum=frist.frist.datum,
            ledtid=ledtid,
            slag=slag,
            till=json.dumps(list(till)),
            kopia=json.dumps(list(kopia)),
            amne=amne[:300],
            planerad=planerad,
            skickad=skickad,
        )
        # A savepoint, so that a duplicate leaves the rest of the transaction usable.
        try:
            with self.s.begin_nested():
                self.s.add(rad)
        except IntegrityError:
            raise SamtidigAndring(
                f"Påminnelsen om {frist.frist.typ.rubrik.lower()} i {frist.dnr} är redan skickad."
            ) from None
        return _id(rad.id)

    def skickade(self) -> set[tuple[int, date, int]]:
        fraga = select(
            col(FristRad.id), col(PaminnelseRad.fristdatum), col(PaminnelseRad.ledtid)
        ).join(
            FristRad,
            (col(FristRad.arende_id) == col(PaminnelseRad.arende_id))
            & (col(FristRad.typ) == col(PaminnelseRad.fristtyp)),
        )
        return {(_id(i), d, ledtid) for i, d, ledtid in self.s.execute(fraga)}

    def _post(self, rad: PaminnelseRad, dnr: str) -> Paminnelsepost:
        return Paminnelsepost(
            id=_id(rad.id),
            dnr=dnr,
            frist_id=rad.frist_id,
            fristtyp=rad.fristtyp,
            fristdatum=rad.fristdatum,
            ledtid=rad.ledtid,
            slag=rad.slag,
            till=tuple(json.loads(rad.till)),
            kopia=tuple(json.loads(rad.kopia)),
            amne=rad.amne,
            planerad=rad.planerad,
            skickad=rad.skickad,
        )

    def hamta(self, paminnelse_id: int) -> Paminnelsepost | None:
        rad = self.s.exec(
            select(PaminnelseRad, ArendeRad.dnr)
            .join(ArendeRad, col(ArendeRad.id) == col(PaminnelseRad.arende_id))
            .where(PaminnelseRad.id == paminnelse_id)
        ).first()
        return self._post(*rad) if rad else None

    def for_arende(self, dnr: str) -> list[Paminnelsepost]:
        rader = self.s.exec(
            select(PaminnelseRad)
            .where(PaminnelseRad.arende_id == _arende_id(self.s, dnr))
            .order_by(col(PaminnelseRad.id))
        )
        return [self._post(r, dnr.strip()) for r in rader]

    def chefer(self, namnd: str) -> list[Person]:
        namnd_id = _namnd_id(self.s, namnd)
        rader = self.s.exec(
            select(PersonRad)
            .join(PersonRollRad, col(PersonRollRad.person_id) == col(PersonRad.id))
            .where(PersonRad.namnd_id == namnd_id)
            .where(PersonRollRad.roll == Roll.CHEF.value)
            .order_by(col(PersonRad.namn))
        )
        return [
            Person(
                namn=r.namn,
                roller=frozenset({Roll.CHEF}),
                telefon=r.telefon,
                epost=r.epost,
                avdelning=r.avdelning,
                titel=r.titel,
                namnd=namnd,
            )
            for r in rader
        ]


class SqlSammantradesplaner:
    def __init__(self, session: Session) -> None:
        self.s = session

    def spara(self, plan: Sammantradesplan) -> None:
        """Replace the nämnd's plan for that year (a re-read file may have moved a date)."""
        namnd_id = _namnd_id(self.s, plan.namnd)
        self.s.execute(
            delete(SammantradesplanRad)
            .where(col(SammantradesplanRad.namnd_id) == namnd_id)
            .where(col(SammantradesplanRad.ar) == plan.ar)
        )
        for d in plan.datum:
            self.s.add(
                SammantradesplanRad(namnd_id=namnd_id, ar=plan.ar, datum=d, klockan=plan.klockan(d))
            )
        self.s.flush()

    def plan(self, namnd: str, ar: int) -> Sammantradesplan | None:
        namnd_id = _namnd_id(self.s, namnd)
        rader = self.s.exec(
            select(SammantradesplanRad)
            .where(SammantradesplanRad.namnd_id == namnd_id)
            .where(SammantradesplanRad.ar == ar)
            .order_by(col(SammantradesplanRad.datum))
        ).all()
        if not rader:
            return None
        return Sammantradesplan(
            namnd.strip(),
            ar,
            tuple(r.datum for r in rader),
            tuple((r.datum, r.klockan) for r in rader if r.klockan is not None),
        )

    def sammantraden(self, namnd: str) -> list[date]:
        namnd_id = _namnd_id(self.s, namnd)
        return list(
            self.s.exec(
                select(col(SammantradesplanRad.datum))
                .where(SammantradesplanRad.namnd_id == namnd_id)
                .order_by(col(SammantradesplanRad.datum))
            )
        )

    def borjan(self, namnd: str, datum: date) -> time | None:
        """When the planned sammanträde on `datum` begins, if the plan says."""
        return self.s.exec(
            select(col(SammantradesplanRad.klockan))
            .where(SammantradesplanRad.namnd_id == _namnd_id(self.s, namnd))
            .where(SammantradesplanRad.datum == datum)
        ).first()

    def spara_justeringsdagar(self, namnd: str, dagar: int) -> None:
        namnd_id = _namnd_id(self.s, namnd)
        rad = self.s.get(NamndReglerRad, namnd_id) or NamndReglerRad(namnd_id=namnd_id)
        rad.justeringsdagar = dagar
        self.s.add(rad)
        self.s.flush()

    def justeringsdagar(self, namnd: str) -> int:
        rad = self.s.get(NamndReglerRad, _namnd_id(self.s, namnd))
        return rad.justeringsdagar if rad else JUSTERINGSFRIST_DAGAR


def _id(varde: int | None) -> int:
    assert varde is not None, "raden är inte sparad"
    return varde
