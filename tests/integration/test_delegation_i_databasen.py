"""Delegationsbeslut through the one runner on SQLite and PostgreSQL: the same scenario as
tests/unit/test_delegationsbeslut.py (refusals, the register, the decision protokollförd
särskilt and announced, the anmälan compiled from the register, its § in the protokoll),
and the delegationsordning kept with the nämnd when grunddata is read in."""

from __future__ import annotations

import html
from datetime import date

from fastapi.testclient import TestClient

from arende.adapters.databas import skapa_lasmotor
from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.entrypoints.publik import skapa_app
from arende.service_layer import visningar
from tests.conftest import FastKlocka
from tests.unit.test_delegationsbeslut import scenario


def test_delegationsbeslut_genom_kommandona(system: Arendesystem) -> None:
    scenario(system)


def test_delegationsordningen_sparas_med_namnden(system: Arendesystem) -> None:
    ordning = visningar.namnd(system.uow(), "Socialtjänstnämnden").delegationsordning
    assert [p.nummer for p in ordning] == ["1.1", "2.1", "3.1", "4.1", "5.1", "6.1"]
    assert ordning[0].bradskande and not ordning[4].anmals and ordning[1].hogsta_belopp == 50_000


def test_den_publika_webbplatsen_visar_anmalan_och_det_protokollforda_beslutet(
    system: Arendesystem, databas_url: str
) -> None:
    """The protokoll page lists the anmälan's decisions as the Word protokoll does, and the
    decision that is not anmält is on the anslagstavla (in its archive once its appeal
    period has run), in the feed too, read through the site's read-only engine."""
    scenario(system)
    assert isinstance(system.klocka, FastKlocka)
    lasmotor = skapa_lasmotor(databas_url)
    try:
        kalla = Publikkalla(lasmotor, system.klocka, system.mallkatalog, system.arkiv)
        with TestClient(skapa_app(kalla)) as klient:
            sida = html.unescape(klient.get("/sammantraden/SoN/2008-05-13").text)
            assert "Anmälda delegationsbeslut" in sida
            assert "Delegationsbeslut 2/2008, punkt 1.1" in sida and "6 kap. 39 §" in sida
            assert "4/2008" not in sida
            # Posted 23 April, down after 14 May: in the archive on 16 May.
            arkiv = html.unescape(klient.get("/anslagstavla/arkiv?namnd=SoN").text)
            assert "Delegationsbeslut 4/2008 fattat den 22 april 2008" in arkiv
            assert "Sista dag att överklaga</dt><dd>2008-05-14" in arkiv
            system.klocka.dag = date(2008, 4, 30)  # while it is up
            tavlan = html.unescape(klient.get("/anslagstavla?namnd=SoN").text)
            assert "Delegationsbeslut 4/2008 fattat den 22 april 2008" in tavlan
            flode = html.unescape(klient.get("/anslagstavla/SoN.atom").text)
            assert "delegationsbeslut 4/2008 fattat den 22 april 2008" in flode
            # 22 April 2008 is also a day of the nämnd's plan: the open data's meeting that
            # day carries no notice, since the decision's notice belongs to no meeting.
            mote = klient.get("/oparl/v1/meeting/SoN/2008-04-22").json()
            assert "sv:anslag" not in mote
    finally:
        lasmotor.dispose()


def test_demons_rapport_visar_registret(system: Arendesystem) -> None:
    from deployments.demo import rapport_delegation

    scenario(system)
    rader: list[str] = []
    rapport_delegation(system, "Socialtjänstnämnden", rader.append)
    assert rader[0] == "\nSocialtjänstnämndens register över delegationsbeslut:"
    assert rader[1].startswith("  1/2008 punkt 2.1 2008-04-15 Eddie Friberg (SoN 2008/1): anmält i")
    assert rader[4].endswith("protokollfört särskilt och anslaget (anmäls inte)")
