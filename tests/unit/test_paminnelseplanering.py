"""Which reminder jobs the scheduler should hold, computed without a database; and the
reconciliation's pause of the cycle collector, which must end however it ends."""

from __future__ import annotations

import gc
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from arende.domain.datum import STOCKHOLM
from arende.domain.frister import Frist, Fristtyp
from arende.domain.paminnelser import ESKALERING, paminnelsetid
from arende.entrypoints.schemalaggare import utan_cykelsamlaren
from arende.service_layer.paminnelser import PlaneradPaminnelse, jobb_id, planera_paminnelser
from arende.service_layer.ports import LagradFrist
from tests.unit.test_kalender import KALENDER

LEDTIDER = (10, 5, 1)


class Uow:
    """Just what planera_paminnelser reads: the frister to watch and the reminders sent."""

    def __init__(self, frister: list[LagradFrist], skickade: set[tuple[int, date, int]]) -> None:
        self.frister = SimpleNamespace(att_bevaka=lambda: [(f.id, f.frist.datum) for f in frister])
        self.paminnelser = SimpleNamespace(skickade=lambda: skickade)

    def __enter__(self) -> Uow:
        return self

    def __exit__(self, *_: Any) -> None:
        return None


def test_planeringen_ger_varje_frist_kalenderns_tider() -> None:
    """Many frister on few dates (the planning computes each date's times once): every
    frist still gets the calendar's own time per lead time, a sent reminder is left out, and
    so is one due longer ago than the grace period."""
    # Around påsk 2008 (Långfredagen 21 March, Annandag påsk 24 March) and an ordinary week.
    datum = [date(2008, 3, 25), date(2008, 3, 28), date(2008, 4, 14), date(2008, 3, 25)]
    frister = [
        LagradFrist(i, f"SoN 2008/{i}", Frist(Fristtyp.JUSTERING, datum[i % 4], "", ""))
        for i in range(1, 41)
    ]
    skickade = {(5, datum[1], 10), (6, datum[2], ESKALERING), (7, date(2008, 1, 1), 5)}
    nu = datetime(2008, 3, 20, 9, 0, tzinfo=STOCKHOLM)
    grans = timedelta(days=7)

    planerade = planera_paminnelser(
        Uow(frister, skickade),  # type: ignore[arg-type]
        KALENDER,
        LEDTIDER,
        nu,
        grans,
    )

    vantade = [
        PlaneradPaminnelse(jobb_id(f.id, ledtid), f.id, ledtid, tid)
        for f in frister
        for ledtid in (*LEDTIDER, ESKALERING)
        if (f.id, f.frist.datum, ledtid) not in skickade
        and nu - (tid := paminnelsetid(f.frist.datum, ledtid, KALENDER)) <= grans
    ]
    assert planerade == vantade
    assert jobb_id(5, 10) not in {p.jobb_id for p in planerade}
    assert jobb_id(7, 5) in {p.jobb_id for p in planerade}  # sent for another date
    # Frist 4 is on Tuesday 25 March, after påsk: 5 vardagar before it is Friday 14 March
    # (still within the grace), 10 vardagar Friday 7 March (past it).
    assert {p.ledtid: p.tid for p in planerade if p.frist_id == 4} == {
        5: datetime(2008, 3, 14, 8, 0, tzinfo=STOCKHOLM),
        1: datetime(2008, 3, 20, 8, 0, tzinfo=STOCKHOLM),
        ESKALERING: datetime(2008, 3, 26, 8, 0, tzinfo=STOCKHOLM),
    }


def test_cykelsamlaren_aterstalls_aven_vid_fel() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), utan_cykelsamlaren():
        assert not gc.isenabled()
        raise RuntimeError("avstämningen avbröts")
    assert gc.isenabled()
    gc.disable()
    try:
        with utan_cykelsamlaren():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()
