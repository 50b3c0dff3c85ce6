"""Many handläggare registering at the same moment: distinct, gapless diarium numbers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlmodel import Session, select

from arende.adapters.tabeller import KommandoRad
from arende.bootstrap import Arendesystem
from arende.service_layer import visningar
from tests import hjalp

ANTAL = 50


def _registrera(system: Arendesystem, i: int) -> str:
    return hjalp.registrera(
        system,
        "nominering",
        {
            "utmarkelsear": 2008,
            "enheter": [{"namn": f"Enhet {i}", "klass": "skolor", "beskrivning": ""}],
            "omedelbar_justering": "enligt tidsplanen",
        },
        nyckel_=f"flodeskorning:{i}",
    )


def nycklar(system: Arendesystem) -> list[tuple[str, str, bool]]:
    """The step keys the runner kept: (aggregate, key, whether it was taken)."""
    with Session(system.motor) as s:
        return sorted((r.aggregat, r.nyckel, r.ok) for r in s.exec(select(KommandoRad)))


def test_50_samtidiga_registreringar_ger_50_luckfria_nummer(system: Arendesystem) -> None:
    with ThreadPoolExecutor(max_workers=ANTAL) as pool:
        dnr = list(pool.map(lambda i: _registrera(system, i), range(ANTAL)))
    nummer = sorted(int(d.split("/")[1]) for d in dnr)
    assert nummer == list(range(1, ANTAL + 1))
    assert len(visningar.diarium(system.uow())) == ANTAL
    assert nycklar(system) == sorted(
        ("registrering", f"flodeskorning:{i}", True) for i in range(ANTAL)
    )
    # The audit chain stayed one chain while 50 writers appended to it: each registration
    # and, in its transaction, the frister it gave.
    assert visningar.verifiera(system.uow()).text == f"intakt: {2 * ANTAL} händelser"


def test_samma_nyckel_samtidigt_ger_ett_arende(system: Arendesystem) -> None:
    """A replayed registration racing the first one (e.g. a resumed run on two workers)."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        dnr = list(pool.map(lambda _: _registrera(system, 7), range(8)))
    assert dnr == ["SoN 2008/1"] * 8  # every racer learns the one dnr
    assert len(visningar.diarium(system.uow())) == 1
    assert nycklar(system) == [("registrering", "flodeskorning:7", True)]
    assert visningar.verifiera(system.uow()).text == "intakt: 2 händelser"
