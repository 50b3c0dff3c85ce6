"""The public anslagstavla: the system publishes the justering's notice at the anslag step,
and that day is the posting day; the notice is on the board from then through the last day
to appeal, gone the day after and found in the archive; an Atom feed per nämnd. Bad
addresses get a Swedish page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.entrypoints.publik import skapa_app
from tests import hjalp
from tests.conftest import FastKlocka

JUSTERAT = date(2008, 5, 14)
PUBLICERAT = date(2008, 5, 15)  # the day the nämndsekreterare answers the anslag form
SISTA_DAG = date(2008, 6, 5)  # three weeks after the posting day (kommunallagen 13 kap. 5 §)


@pytest.fixture
def webb(system: Arendesystem) -> Iterator[tuple[TestClient, FastKlocka, str]]:
    klocka = system.klocka
    assert isinstance(klocka, FastKlocka)
    klocka.dag = PUBLICERAT
    (dnr,) = hjalp.beslutat_och_anslaget(system, "Riktlinjer för hemtjänst", justerat=JUSTERAT)
    kalla = Publikkalla(system.motor, klocka, system.mallkatalog, system.arkiv)
    with TestClient(skapa_app(kalla)) as klient:
        yield klient, klocka, dnr


def test_anslaget_publiceras_nar_steget_tas_och_dagen_ar_anslagsdagen(
    webb: tuple[TestClient, FastKlocka, str], system: Arendesystem
) -> None:
    klient, _, dnr = webb
    assert hjalp.arende(system, dnr).anslagsdatum == PUBLICERAT
    svar = klient.get("/anslagstavla")
    assert svar.status_code == 200 and '<html lang="sv">' in svar.text
    assert "<script" not in svar.text
    text = svar.text
    for uppgift in (
        "Socialtjänstnämnden: Justering av protokoll från sammanträdet den 13 maj 2008",
        "<dt>Sammanträdesdatum</dt><dd>2008-05-13</dd>",
        "<dt>Paragrafer</dt><dd>§§ ",
        f"<dt>Protokollet justerat</dt><dd>{JUSTERAT}</dd>",
        f"<dt>Anslaget</dt><dd>{PUBLICERAT}</dd>",
        f"<dt>Sista dag att överklaga</dt><dd>{SISTA_DAG}</dd>",
        "<dt>Anslaget tas ned</dt><dd>2008-06-06</dd>",
        "<dt>Protokollet förvaras</dt><dd>Socialtjänstförvaltningens kansli",
        "Så överklagar du",
        'href="/sammantraden/SoN/2008-05-13"',
    ):
        assert uppgift in text, uppgift
    assert "registrerat i efterhand" not in text
    # On the town hall's screen: the notices alone, in large type, without the site's menu.
    skarm = klient.get("/anslagstavla/skarm").text
    assert f"<dt>Anslaget</dt><dd>{PUBLICERAT}</dd>" in skarm and "Huvudmeny" not in skarm
    # The same board for the nämnd alone; another nämnd's board is empty.
    assert "Justering av protokoll" in klient.get("/anslagstavla?namnd=SoN").text
    assert "Inga anslag sitter uppe i dag." in klient.get("/anslagstavla?namnd=ÖSN").text


@pytest.mark.parametrize(
    ("dag", "uppe"),
    [(date(2008, 5, 14), False), (PUBLICERAT, True), (SISTA_DAG, True), (date(2008, 6, 6), False)],
    ids=["dagen-fore", "anslagsdagen", "sista-dagen-att-overklaga", "dagen-efter"],
)
def test_anslaget_sitter_uppe_genom_overklagandetiden_och_flyttar_sedan_till_arkivet(
    webb: tuple[TestClient, FastKlocka, str], dag: date, uppe: bool
) -> None:
    klient, klocka, _ = webb
    klocka.dag = dag
    tavlan = klient.get("/anslagstavla").text
    arkivet = klient.get("/anslagstavla/arkiv").text
    assert ("Justering av protokoll" in tavlan) is uppe
    i_arkivet = dag >= date(2008, 6, 6)
    assert ("Justering av protokoll" in arkivet) is i_arkivet
    assert ("1 anslag" in arkivet) is i_arkivet


def test_atomflode_per_namnd(webb: tuple[TestClient, FastKlocka, str]) -> None:
    klient, _, _ = webb
    svar = klient.get("/anslagstavla/SoN.atom")
    assert svar.status_code == 200
    assert svar.headers["content-type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    flode = ET.fromstring(svar.content)
    poster = flode.findall("a:entry", ns)
    assert len(poster) == 1
    assert "13 maj 2008" in (poster[0].findtext("a:title", namespaces=ns) or "")
    assert f"sista dag att överklaga {SISTA_DAG}" in (
        poster[0].findtext("a:summary", namespaces=ns) or ""
    )
    assert ET.fromstring(klient.get("/anslagstavla/ÖSN.atom").content).find("a:entry", ns) is None


@pytest.mark.parametrize(
    ("adress", "status", "meddelande"),
    [
        ("/anslagstavla?namnd=XYZ", 404, "Det finns ingen nämnd med förkortningen &#39;XYZ&#39;."),
        ("/anslagstavla/XYZ.atom", 404, "Det finns ingen nämnd med förkortningen"),
        ("/anslagstavla/arkiv?sida=tre", 400, "Sidan ska vara ett heltal, inte &#39;tre&#39;."),
        ("/anslagstavla/arkiv?sida=0", 400, "Sidan måste vara 1 eller större, inte 0."),
        ("/anslagstavla/arkiv?sida=7", 400, "Sidan 7 finns inte: arkivet har 1 sidor."),
        ("/anslagstavla?namnd=" + "x" * 5000, 404, "Det finns ingen nämnd med förkortningen"),
        ("/anslagstavla/arkiv?sida=" + "9" * 30, 400, "finns inte: arkivet har 1 sidor."),
    ],
    ids=[
        "okand-namnd",
        "okant-flode",
        "sida-text",
        "sida-noll",
        "sida-for-stor",
        "enorm",
        "sida-utanfor-heltal",
    ],
)
def test_felaktig_adress_ger_svensk_sida(
    webb: tuple[TestClient, FastKlocka, str], adress: str, status: int, meddelande: str
) -> None:
    klient, _, _ = webb
    svar = klient.get(adress)
    assert svar.status_code == status
    assert meddelande in svar.text and 'role="alert"' in svar.text
    assert "Traceback" not in svar.text
