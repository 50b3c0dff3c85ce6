"""Delegationsbeslut through the one runner on SQLite and PostgreSQL: the same scenario as
tests/unit/test_delegationsbeslut.py (refusals, the register, the decision protokollförd
särskilt and announced, the anmälan compiled from the register, its § in the protokoll),
and the delegationsordning kept with the nämnd when grunddata is read in."""

from __future__ import annotations

from arende.bootstrap import Arendesystem
from arende.service_layer import visningar
from tests.unit.test_delegationsbeslut import scenario


def test_delegationsbeslut_genom_kommandona(system: Arendesystem) -> None:
    scenario(system)


def test_delegationsordningen_sparas_med_namnden(system: Arendesystem) -> None:
    ordning = visningar.namnd(system.uow(), "Socialtjänstnämnden").delegationsordning
    assert [p.nummer for p in ordning] == ["1.1", "2.1", "3.1", "4.1", "5.1", "6.1"]
    assert ordning[0].bradskande and not ordning[4].anmals and ordning[1].hogsta_belopp == 50_000
