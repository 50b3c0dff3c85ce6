"""Many handläggare registering at the same moment: distinct, gapless diarium numbers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from arende.bootstrap import Arendesystem
from arende.domain.arende import Nominering
from arende.service_layer import handlers as h
from arende.service_layer import visningar

ANTAL = 50


def _registrera(system: Arendesystem, i: int) -> str:
    cmd = h.NyNominering(
        namnd="Socialtjänstnämnden",
        handlaggare="Lena Murray",
        utmarkelsear=2008,
        nomineringar=[Nominering(f"Enhet {i}", "skolor", "")],
        planerat_sammantrade=date(2008, 5, 13),
        registreringsdatum=date(2008, 4, 14),
    )
    kontext = h.Kontext("Lena Murray", None, f"flodeskorning:{i}")
    return h.registrera_nominering(cmd, system.uow(), kontext, system.klocka, system.kalender)


def test_50_samtidiga_registreringar_ger_50_luckfria_nummer(system: Arendesystem) -> None:
    with ThreadPoolExecutor(max_workers=ANTAL) as pool:
        dnr = list(pool.map(lambda i: _registrera(system, i), range(ANTAL)))
    nummer = sorted(int(d.split("/")[1]) for d in dnr)
    assert nummer == list(range(1, ANTAL + 1))
    assert len(visningar.diarium(system.uow())) == ANTAL
    # The audit chain stayed one chain while 50 writers appended to it.
    assert visningar.verifiera(system.uow()).text == f"intakt: {ANTAL} händelser"


def test_samma_nyckel_samtidigt_ger_ett_arende(system: Arendesystem) -> None:
    """A replayed registration racing the first one (e.g. a resumed run on two workers)."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        dnr = list(pool.map(lambda _: _registrera(system, 7), range(8)))
    assert dnr == ["SoN 2008/1"] * 8  # every racer learns the one dnr
    assert len(visningar.diarium(system.uow())) == 1
    assert visningar.verifiera(system.uow()).text == "intakt: 1 händelse"
