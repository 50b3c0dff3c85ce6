"""The public e-diarium: search by word, dnr, nämnd, year and status, with paging; a bad
search gets a Swedish message and nothing else; the page is Swedish, labelled and works
without JavaScript (a form and links)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.entrypoints.publik import skapa_app
from arende.entrypoints.publik.diarium import PER_SIDA
from tests import hjalp

ANTAL = PER_SIDA + 5


@pytest.fixture
def webb(system: Arendesystem) -> Iterator[TestClient]:
    for i in range(ANTAL):
        mening = f"Riktlinjer för hemtjänst, del {i}" if i % 2 else f"Yttrande om bostäder {i}"
        hjalp.registrera(system, "tjansteutlatande", {"arendemening": mening})
    kalla = Publikkalla(system.motor, system.klocka, system.mallkatalog, system.arkiv)
    with TestClient(skapa_app(kalla)) as klient:
        yield klient


def rader(html: str) -> list[str]:
    return re.findall(r"<tr><td>([^<]+)</td>", html)


def test_hela_diariet_sida_for_sida(webb: TestClient) -> None:
    svar = webb.get("/diarium")
    assert svar.status_code == 200
    assert '<html lang="sv">' in svar.text and "<script" not in svar.text
    assert f"{ANTAL} ärenden, sida 1 av 2" in svar.text
    forsta = rader(svar.text)
    assert len(forsta) == PER_SIDA and forsta[0] == "SoN 2008/1"
    nasta = re.search(r'href="([^"]+)" rel="next"', svar.text)
    assert nasta
    andra = webb.get(nasta.group(1).replace("&amp;", "&"))
    assert rader(andra.text) == [f"SoN 2008/{n}" for n in range(PER_SIDA + 1, ANTAL + 1)]
    assert 'rel="prev"' in andra.text and 'rel="next"' not in andra.text
    # Every field has its label; the table its column headers.
    for falt in ("sok", "namnd", "ar", "status"):
        assert f'<label for="{falt}">' in svar.text and f'id="{falt}"' in svar.text
    assert svar.text.count('<th scope="col">') == 6
    # Each ärende also as open data: its OParl Paper, which a program can read.
    json_lank = re.search(r'href="(/oparl/v1/paper/[^"]+)"', svar.text)
    assert json_lank and json_lank.group(1) == "/oparl/v1/paper/SoN-2008-1"
    paper = webb.get(json_lank.group(1)).json()
    assert paper["reference"] == "SoN 2008/1" and paper["type"].endswith("/Paper")


def test_sok_pa_ord_dnr_namnd_ar_och_status(webb: TestClient) -> None:
    hemtjanst = rader(webb.get("/diarium", params={"sok": "HEMTJÄNST"}).text)
    assert len(hemtjanst) == ANTAL // 2
    assert rader(webb.get("/diarium", params={"sok": "SoN 2008/7"}).text) == ["SoN 2008/7"]
    urval = {"namnd": "Socialtjänstnämnden", "ar": "2008", "status": "registrerat", "sok": "del 3"}
    assert rader(webb.get("/diarium", params=urval).text) == ["SoN 2008/4"]
    tomt = webb.get("/diarium", params={"ar": "2009"})
    assert tomt.status_code == 200 and "0 ärenden" in tomt.text and not rader(tomt.text)


@pytest.mark.parametrize(
    ("fragor", "meddelande"),
    [
        ({"sida": "0"}, "Sidan måste vara 1 eller större, inte 0."),
        ({"sida": "tre"}, "Sidan ska vara ett heltal, inte &#39;tre&#39;."),
        ({"sida": "9"}, "Sidan 9 finns inte: urvalet har 30 ärenden på 2 sidor."),
        ({"ar": "tjugo"}, "Året ska vara ett heltal, inte &#39;tjugo&#39;."),
        ({"namnd": "Gatunämnden"}, "Det finns ingen nämnd som heter &#39;Gatunämnden&#39;."),
        ({"status": "arkiverat"}, "arkiverat"),
        ({"sok": "%"}, "0 ärenden"),
    ],
    ids=[
        "sida-noll",
        "sida-text",
        "sida-for-stor",
        "ar-text",
        "okand-namnd",
        "okand-status",
        "procent",
    ],
)
def test_felaktig_sokning_ger_svenskt_besked(
    webb: TestClient, fragor: dict[str, str], meddelande: str
) -> None:
    svar = webb.get("/diarium", params=fragor)
    assert meddelande in svar.text
    if "ärenden" not in meddelande or "finns inte" in meddelande:
        assert svar.status_code == 400 and 'role="alert"' in svar.text and not rader(svar.text)
