"""The nämnders sammanträden, each stored whole (adapters/aggregatjson.py) on its row."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from arende.adapters.aggregatjson import fran_json, till_json
from arende.adapters.repository import SqlGrunddata, _infoga_om_saknas
from arende.adapters.tabeller import SammantradeRad
from arende.domain.sammantrade.mote import Sammantrade
from arende.service_layer.ports import Protokollfil


class SqlSammantraden:
    def __init__(self, session: Session, grunddata: SqlGrunddata) -> None:
        self.s = session
        self.grunddata = grunddata

    def _rad(
        self, namnd: str, datum: date, *, skapa: bool = False, las: bool = True
    ) -> SammantradeRad | None:
        namnd_id = self.grunddata._namnd_rad(namnd).id
        if skapa:  # the row may exist already: decisions of earlier releases made it
            _infoga_om_saknas(self.s, SammantradeRad, {"namnd_id": namnd_id, "datum": datum})
        fraga = (
            select(SammantradeRad)
            .where(SammantradeRad.namnd_id == namnd_id)
            .where(SammantradeRad.datum == datum)
        )
        if las:  # one person changes a sammanträde at a time
            fraga = fraga.with_for_update()
        return self.s.exec(fraga).first()

    def hamta(self, namnd: str, datum: date, *, las: bool = True) -> Sammantrade | None:
        rad = self._rad(namnd, datum, las=las)
        if rad is None or rad.data is None:
            return None
        sammantrade = fran_json(Sammantrade, rad.data)
        sammantrade.id = rad.id
        return sammantrade

    def spara(self, sammantrade: Sammantrade) -> None:
        rad = self._rad(sammantrade.namnd, sammantrade.datum, skapa=True)
        assert rad is not None
        rad.status = sammantrade.status.value
        rad.data = till_json(sammantrade)
        nummer = [p.nummer for p in sammantrade.paragrafer]
        rad.hogsta_paragraf = max(nummer) if nummer else None
        self.s.add(rad)
        self.s.flush()
        sammantrade.id = rad.id

    def satt_protokoll(self, namnd: str, datum: date, fil: Protokollfil) -> None:
        rad = self._rad(namnd, datum)
        assert rad is not None
        rad.protokoll_fil, rad.protokoll_sha256 = fil.fil, fil.sha256
        self.s.add(rad)
        self.s.flush()

    def protokoll(self, namnd: str, datum: date) -> Protokollfil | None:
        rad = self._rad(namnd, datum)
        if rad is None or rad.protokoll_fil is None or rad.protokoll_sha256 is None:
            return None
        return Protokollfil(rad.protokoll_fil, rad.protokoll_sha256)

    def hogsta_paragraf(self, namnd: str, ar: int) -> int:
        """The highest § used in the nämnd's protokoll that year (0 before the first)."""
        namnd_id = self.grunddata._namnd_rad(namnd).id
        rader = self.s.exec(
            select(col(SammantradeRad.datum), col(SammantradeRad.hogsta_paragraf))
            .where(SammantradeRad.namnd_id == namnd_id)
            .where(col(SammantradeRad.hogsta_paragraf).is_not(None))
        )
        return max([0, *(int(h) for d, h in rader if d.year == ar and h)])

    def fore(self, namnd: str, datum: date) -> list[Sammantrade]:
        """The nämnd's stored sammanträden before `datum`, latest first."""
        namnd_id = self.grunddata._namnd_rad(namnd).id
        rader = self.s.exec(
            select(SammantradeRad)
            .where(SammantradeRad.namnd_id == namnd_id)
            .where(SammantradeRad.datum < datum)
            .where(col(SammantradeRad.data).is_not(None))
            .order_by(col(SammantradeRad.datum).desc())
        )
        return [fran_json(Sammantrade, r.data) for r in rader if r.data]

    def mellan(self, namnd: str, forsta: date, sista: date) -> list[Sammantrade]:
        """The nämnd's stored sammanträden from `forsta` through `sista`, earliest first."""
        namnd_id = self.grunddata._namnd_rad(namnd).id
        rader = self.s.exec(
            select(SammantradeRad)
            .where(SammantradeRad.namnd_id == namnd_id)
            .where(SammantradeRad.datum >= forsta)
            .where(SammantradeRad.datum <= sista)
            .where(col(SammantradeRad.data).is_not(None))
            .order_by(col(SammantradeRad.datum))
        )
        return [fran_json(Sammantrade, r.data) for r in rader if r.data]
