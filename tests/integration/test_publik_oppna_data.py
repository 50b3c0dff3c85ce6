"""Open data on the public site: the OParl-like API can be walked from /oparl/v1/system by
its links alone down to a registered handling's sha256; the sammanträde carries the
anslag's dates; a sekretess handling shows nothing of itself; a protokoll not yet justerat
is not linked; every nämnd has its sammanträden as an .ics; bad requests get OParl's error
object in Swedish."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.domain.skeden import Utfall
from arende.entrypoints.publik import skapa_app
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from arende.service_layer.hanterare.sammantrade import PROTOKOLLET_JUSTERAT
from tests import hjalp
from tests.conftest import FastKlocka
from tests.integration.test_registrator_verifiering import lagg_in_handling

OPARL = "https://schema.oparl.org/1.1/"
MOTE = hjalp.MOTE  # 13 May 2008, justerat the 14th, anslaget the 15th
PUBLICERAT = date(2008, 5, 15)
NASTA = date(2008, 6, 17)  # held and closed, not yet justerat
HEMLIG_TITEL = "Orosanmälan om Kalle, 7 år"
HEMLIGT = b"Uppgifter om Kalle"


@dataclass
class Webb:
    klient: TestClient
    dnr: str  # decided on 13 May, justerat and anslaget
    senare: str  # decided on 17 June, protokoll not yet justerat


def hamta(klient: TestClient, url: str, status: int = 200) -> dict[str, Any]:
    svar = klient.get(url)
    assert svar.status_code == status, (url, svar.text)
    assert svar.headers["content-type"].startswith("application/json")
    assert svar.headers["access-control-allow-origin"] == "*"
    data: dict[str, Any] = svar.json()
    return data


def objekt(klient: TestClient, url: str, typ: str) -> dict[str, Any]:
    """An object fetched by its URL: it names itself by that URL and has the type."""
    data = hamta(klient, url)
    assert data["id"] == url
    assert data["type"] == OPARL + typ
    return data


@pytest.fixture
def webb(system: Arendesystem, tmp_path: Path) -> Iterator[Webb]:
    klocka = system.klocka
    assert isinstance(klocka, FastKlocka)
    klocka.dag = PUBLICERAT
    (dnr,) = hjalp.beslutat_och_anslaget(system, "Riktlinjer för hemtjänst")

    # A month later the next sammanträde is held and closed; its protokoll awaits justering.
    klocka.dag = NASTA
    senare = hjalp.registrera(
        system,
        "tjansteutlatande",
        {"arendemening": "Avgifter i äldreomsorgen"},
        sammantrade=NASTA,
        registreringsdatum=date(2008, 5, 20),
    )
    hjalp.bered(
        system,
        senare,
        underlag={
            "forslag": ["Socialtjänstnämnden antar avgifterna."],
            "sammanfattning": "Förvaltningen föreslår nya avgifter.",
            "avsnitt": [{"rubrik": "Bakgrund", "text": "Avgifterna är från 2001."}],
        },
        samverkan=date(2008, 6, 2),
        faststallt=date(2008, 6, 3),
    )
    hjalp.oppna_sammantrade(system, NASTA)
    for kommando, data in (
        (k.Besluta, {"arende": senare, "utfall": Utfall.BIFALL}),
        (k.Stang, {"upprattat": NASTA, "avslutades": "19:30"}),
    ):
        system.utfor(hjalp.sammantradeskommando(kommando, NASTA, **data))
    # Handlingar that came in to the first ärende, one of them under sekretess. (Added last:
    # the domain's register knows only the types the system draws up itself.)
    arkiv = tmp_path / "arkiv"
    lagg_in_handling(
        system, arkiv, dnr, 10, HEMLIGT, titel=HEMLIG_TITEL, sekretess=True, pdf=b"%PDF hemlig"
    )
    lagg_in_handling(system, arkiv, dnr, 11, b"Brev", titel="Synpunkter från PRO", pdf=b"%PDF")

    kalla = Publikkalla(system.motor, klocka, system.mallkatalog, system.arkiv)
    with TestClient(skapa_app(kalla)) as klient:
        yield Webb(klient, dnr, senare)


def alla_sidor(klient: TestClient, url: str) -> Iterator[dict[str, Any]]:
    """Every object of an external list, following `links.next` from page to page."""
    while True:
        sida = hamta(klient, url)
        yield from sida["data"]
        if "next" not in sida["links"]:
            return
        url = sida["links"]["next"]


def test_fran_system_till_handlingens_kontrollsumma_bara_genom_lankarna(
    webb: Webb, system: Arendesystem
) -> None:
    klient = webb.klient
    start = "http://testserver/oparl/v1/system"
    sys_ = objekt(klient, start, "System")
    assert sys_["oparlVersion"] == OPARL
    kropp = next(alla_sidor(klient, sys_["body"]))
    kropp = objekt(klient, kropp["id"], "Body")
    assert kropp["name"] == "Stockholms stad" and kropp["legislativeTerm"] == []
    namnd = next(o for o in alla_sidor(klient, kropp["organization"]) if o["name"] == hjalp.NAMND)
    namnd = objekt(klient, namnd["id"], "Organization")
    assert namnd["organizationType"] == "Gremium" and namnd["shortName"] == "SoN"
    mote = next(
        m for m in alla_sidor(klient, namnd["meeting"]) if m.get("sv:datum") == "2008-05-13"
    )
    mote = objekt(klient, mote["id"], "Meeting")
    assert mote["organization"] == [namnd["id"]]
    punkt = next(p for p in mote["agendaItem"] if p.get("sv:diarienummer") == webb.dnr)
    punkt = objekt(klient, punkt["id"], "AgendaItem")
    assert punkt["meeting"] == mote["id"]
    arende = objekt(klient, punkt["sv:arende"], "Paper")
    assert arende["reference"] == webb.dnr and arende["name"] == "Riktlinjer för hemtjänst"
    assert arende["sv:namnd"] == namnd["id"]
    fil = objekt(klient, arende["mainFile"]["id"], "File")
    assert fil["paper"] == [arende["id"]]
    registrerad = next(
        h for h in visningar.handlingar(system.uow(), webb.dnr) if h.typ == "tjänsteutlåtande"
    )
    assert fil["sha256Checksum"] == registrerad.sha256
    assert fil["name"] == registrerad.titel and fil["date"] == registrerad.datum.isoformat()
    assert fil["mimeType"].endswith("wordprocessingml.document")
    # The ledamöter: from the meeting's participants to a person and back to the nämnd.
    person = objekt(klient, mote["participant"][0], "Person")
    (uppdrag,) = person["membership"]
    assert uppdrag["organization"] == namnd["id"] and uppdrag["role"] == "ordförande"
    assert uppdrag["votingRight"] is True and uppdrag["sv:parti"] == "M"
    assert objekt(klient, uppdrag["id"], "Membership")["person"] == person["id"]
    assert uppdrag["id"] in namnd["membership"]
    # And the kommun's list of persons holds her.
    assert person["id"] in {p["id"] for p in alla_sidor(klient, kropp["person"])}


def test_sammantradet_bar_justeringen_och_anslagets_dagar(webb: Webb, system: Arendesystem) -> None:
    mote = hamta(webb.klient, "/oparl/v1/meeting/SoN/2008-05-13")
    assert mote["meetingState"] == "durchgeführt" and mote["sv:status"] == "anslaget"
    assert mote["start"] == "2008-05-13T18:00:00+02:00"  # the plan's 18:00, Swedish summer
    assert mote["end"] == "2008-05-13T19:30:00+02:00"
    assert mote["sv:justerad"] == "2008-05-14"
    assert mote["sv:anslaget"] == PUBLICERAT.isoformat()
    assert mote["sv:overklagandeSlut"] == "2008-06-05"  # three weeks from the posting day
    assert mote["sv:anslagNed"] == "2008-06-06"
    assert mote["location"]["description"].startswith("Socialtjänstförvaltningens")
    numrerade = [p for p in mote["agendaItem"] if "number" in p]
    assert [p["order"] for p in mote["agendaItem"]] == [1, 2]
    val, beslut = numrerade
    assert val["name"].startswith("Val av justerare") and "sv:arende" not in val
    assert beslut["result"] == "bifall"
    assert beslut["resolutionText"] == "Socialtjänstnämnden antar riktlinjerna."
    assert beslut["sv:justerad"] == "2008-05-14"
    # The kallelse and the justerat protokoll, with the sha256 the audit log recorded.
    with system.uow() as uow:
        loggat = next(
            h.innehall
            for h in uow.logg.for_korning(hjalp.KORNING)
            if h.handling == PROTOKOLLET_JUSTERAT
        )
    protokoll = objekt(webb.klient, mote["resultsProtocol"]["id"], "File")
    assert protokoll["sha256Checksum"] == loggat["sha256"]
    assert protokoll["fileName"] == "protokoll-justerat.docx"
    assert protokoll["meeting"] == [mote["id"]]
    kallelse = mote["invitation"]
    assert kallelse["date"] == "2008-05-06" and kallelse["fileName"] == "kallelse-v1.docx"
    assert "verbatimProtocol" not in mote


def test_varje_fil_har_registrets_kontrollsumma_och_sekretess_visar_ingenting(
    webb: Webb, system: Arendesystem
) -> None:
    klient = webb.klient
    arende = hamta(klient, "/oparl/v1/paper/SoN-2008-1")
    assert arende["reference"] == webb.dnr == "SoN 2008/1"
    assert arende["sv:skede"] == "anslaget" and arende["paperType"] == "tjansteutlatande"
    assert arende["date"] == "2008-04-14"
    filer = {
        (f["sv:nummer"], f["sv:version"], "masterFile" in f): f for f in arende["auxiliaryFile"]
    }
    filer[(1, 1, False)] = arende["mainFile"]
    registret = visningar.handlingar(system.uow(), webb.dnr)
    for h in registret:
        fil = filer[(h.nummer, h.version, False)]
        if h.sekretess:
            continue
        assert fil["sha256Checksum"] == h.sha256, h.beteckning
        if h.pdf_sha256:
            assert filer[(h.nummer, h.version, True)]["sha256Checksum"] == h.pdf_sha256
    assert {h.nummer for h in registret} >= {1, 10, 11}
    # The sekretess handling: its number, its date and "Sekretess (OSL)", nothing else.
    hemlig = filer[(10, 1, False)]
    assert hemlig == {
        "id": "http://testserver/oparl/v1/paper/SoN-2008-1/file/10/1",
        "type": OPARL + "File",
        "name": "Sekretess (OSL)",
        "date": "2008-04-20",
        "sv:nummer": 10,
        "sv:version": 1,
        "sv:sekretess": True,
    }
    ensam = hamta(klient, hemlig["id"])
    assert set(ensam) == set(hemlig) | {"paper"}
    for url in (hemlig["id"], "/oparl/v1/paper/SoN-2008-1", "/oparl/v1/body/kommun/paper"):
        text = klient.get(url).text
        assert "Orosanm" not in text and "Kalle" not in text
        assert "brev.txt" not in text.replace("11-v1-brev.txt", "")
    hemlig_pdf = hamta(klient, hemlig["id"] + "/pdf", 404)
    assert hemlig_pdf["message"] == "Ärendet SoN 2008/1 har ingen handling 10 version 1 som PDF."
    assert (10, 1, True) not in filer
    # The open one beside it is shown whole, with a MIME type from its name, and its PDF
    # as a File of its own that points back to it.
    oppen = filer[(11, 1, False)]
    assert oppen["name"] == "Synpunkter från PRO" and oppen["mimeType"] == "text/plain"
    pdf = objekt(klient, oppen["derivativeFile"][0], "File")
    assert pdf["masterFile"] == oppen["id"] and pdf["mimeType"] == "application/pdf"
    assert pdf["sha256Checksum"] == hashlib.sha256(b"%PDF").hexdigest()
    assert filer[(11, 1, True)] == {k: v for k, v in pdf.items() if k != "paper"}


def test_protokoll_som_inte_ar_justerat_lankas_inte(webb: Webb) -> None:
    klient = webb.klient
    mote = hamta(klient, f"/oparl/v1/meeting/SoN/{NASTA}")
    assert mote["sv:status"] == "avslutat" and mote["meetingState"] == "eingeladen"
    assert "resultsProtocol" not in mote and "participant" not in mote
    assert "sv:justerad" not in mote and "sv:anslaget" not in mote
    assert "invitation" in mote  # the kallelse went out: it is public
    beslut = next(p for p in mote["agendaItem"] if p.get("sv:diarienummer") == webb.senare)
    assert beslut["number"].startswith("§ ")
    assert not {"result", "resolutionText", "sv:justerad"} & set(beslut)
    fel = hamta(klient, f"/oparl/v1/meeting/SoN/{NASTA}/file/protokoll", 404)
    assert fel["message"] == (
        "Protokollet från sammanträdet den 17 juni 2008 är inte justerat: det blir allmänt "
        "och visas här när det är justerat."
    )
    # Its protokollsutdrag in the ärende: named, but no file until the § is justerat.
    arende = hamta(klient, beslut["sv:arende"])
    utdrag = next(f for f in arende["auxiliaryFile"] if f["name"].startswith("Protokollsutdrag"))
    assert utdrag["sv:justerad"] is False
    assert not {"sha256Checksum", "fileName", "mimeType"} & set(utdrag)
    # The justerat meeting's utdrag is shown whole.
    tidigare = hamta(klient, "/oparl/v1/paper/SoN-2008-1")
    utdrag = next(f for f in tidigare["auxiliaryFile"] if f["name"].startswith("Protokollsutdrag"))
    assert len(utdrag["sha256Checksum"]) == 64 and "sv:justerad" not in utdrag


def test_listorna_kommer_en_sida_i_taget(webb: Webb, system: Arendesystem) -> None:
    klient = webb.klient
    with system.uow() as uow:
        planerade = uow.planer.sammantraden(hjalp.NAMND)
    forsta = hamta(klient, "/oparl/v1/organization/SoN/meeting")
    assert forsta["pagination"] == {
        "totalElements": len(planerade),
        "elementsPerPage": 25,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert len(forsta["data"]) == 25 and "prev" not in forsta["links"]
    andra = hamta(klient, forsta["links"]["next"])
    assert len(andra["data"]) == len(planerade) - 25 and "next" not in andra["links"]
    assert andra["links"]["prev"] == forsta["links"]["self"] == forsta["links"]["first"]
    assert [m["sv:datum"] for m in forsta["data"] + andra["data"]] == [
        d.isoformat() for d in planerade
    ]
    # A planned meeting not yet held: terminiert, its start from the plan, no dagordning.
    planerat = next(m for m in andra["data"] if m["sv:datum"] == "2027-12-14")
    assert planerat["meetingState"] == "terminiert" and "agendaItem" not in planerat
    assert planerat["start"] == "2027-12-14T18:00:00+01:00"
    # The kommun's lists: every nämnd's meetings, every ärende.
    alla = hamta(klient, "/oparl/v1/body/kommun/meeting")
    assert alla["pagination"]["totalElements"] > len(planerade)
    papper = hamta(klient, "/oparl/v1/body/kommun/paper")["data"]
    assert [p["reference"] for p in papper] == [webb.dnr, webb.senare]


def test_kalenderfil_per_namnd(webb: Webb, system: Arendesystem) -> None:
    svar = webb.klient.get("/sammantraden/SoN.ics")
    assert svar.status_code == 200
    assert svar.headers["content-type"] == "text/calendar; charset=utf-8"
    kalender = Calendar.from_ical(svar.content)
    handelser = kalender.walk("VEVENT")
    with system.uow() as uow:
        planerade = uow.planer.sammantraden(hjalp.NAMND)
    assert sorted(e.decoded("dtstart").date() for e in handelser) == planerade
    assert len({str(e["uid"]) for e in handelser}) == len(planerade)
    assert {str(e["summary"]) for e in handelser} == {"Sammanträde: Socialtjänstnämnden"}
    assert str(kalender["x-wr-calname"]) == "Sammanträden – Socialtjänstnämnden"
    stockholm = ZoneInfo("Europe/Stockholm")
    hallet = next(e for e in handelser if e.decoded("dtstart").date() == MOTE)
    assert hallet.decoded("dtstart") == datetime(2008, 5, 13, 18, 0, tzinfo=stockholm)
    assert hallet.decoded("dtend") - hallet.decoded("dtstart") == timedelta(hours=1, minutes=30)
    assert str(hallet["location"]).startswith("Socialtjänstförvaltningens")
    # Another nämnd's calendar has its own plan; an unknown one gets a Swedish page.
    osn = Calendar.from_ical(webb.klient.get("/sammantraden/%C3%96SN.ics").content)
    assert {str(e["summary"]) for e in osn.walk("VEVENT")} == {
        "Sammanträde: Östermalms stadsdelsnämnd"
    }
    okand = webb.klient.get("/sammantraden/XYZ.ics")
    assert okand.status_code == 404 and 'role="alert"' in okand.text
    assert "Det finns ingen nämnd med förkortningen &#39;XYZ&#39;." in okand.text


def test_sidan_om_oppna_data_och_menyn(webb: Webb) -> None:
    sida = webb.klient.get("/oppna-data")
    assert sida.status_code == 200 and '<html lang="sv">' in sida.text
    assert '<a href="/oppna-data">Öppna data</a>' in sida.text
    assert 'href="/oparl/v1/system"' in sida.text and 'href="/sammantraden/SoN.ics"' in sida.text
    assert "<script" not in sida.text
    assert '<a href="/oppna-data">Öppna data</a>' in webb.klient.get("/anslagstavla").text


@pytest.mark.parametrize(
    ("adress", "status", "meddelande"),
    [
        ("/oparl/v1/paper/SoN-2099-1", 404, "Det finns inget ärende med diarienumret SoN 2099/1."),
        ("/oparl/v1/paper/nonsens", 404, "Det finns inget ärende 'nonsens'"),
        ("/oparl/v1/organization/XYZ", 404, "Det finns ingen nämnd med förkortningen 'XYZ'."),
        ("/oparl/v1/person/Ingen%20Alls", 404, "Det finns ingen ledamot eller ersättare"),
        ("/oparl/v1/membership/SoN/Lena%20Murray", 404, "Lena Murray är varken ledamot"),
        ("/oparl/v1/body/annan", 404, "Det finns ingen kommun 'annan' här"),
        ("/oparl/v1/meeting/SoN/2008-05-14", 404, "har inget sammanträde den 14 maj 2008"),
        ("/oparl/v1/meeting/SoN/igar", 404, "'igar' är inget datum"),
        ("/oparl/v1/meeting/SoN/2008-05-13/agendaItem/9", 404, "punkterna är 1–2."),
        ("/oparl/v1/meeting/SoN/2008-05-13/agendaItem/x", 404, "har ingen punkt x"),
        ("/oparl/v1/meeting/SoN/2008-05-13/file/hemligt", 404, "har ingen fil 'hemligt'"),
        ("/oparl/v1/paper/SoN-2008-1/file/99/1", 404, "har ingen handling 99 version 1."),
        ("/oparl/v1/finns/inte", 404, "Det finns inget '/oparl/v1/finns/inte'"),
        ("/oparl/v1/body/kommun/meeting?page=abc", 400, "Sidan ska vara ett heltal, inte 'abc'."),
        ("/oparl/v1/body/kommun/paper?page=0", 400, "Sidan måste vara 1 eller större, inte 0."),
        ("/oparl/v1/body/kommun/paper?page=-1", 400, "Sidan ska vara ett heltal, inte '-1'."),
        ("/oparl/v1/body/kommun/paper?page=3", 404, "Sidan 3 finns inte: listan har 1 sida."),
        ("/oparl/v1/body/kommun/person?page=" + "9" * 5000, 404, "finns inte."),
        ("/oparl/v1/person/" + "x" * 5000, 404, "Det finns ingen ledamot eller ersättare"),
        ("/oparl/v1/body/kommun/paper?sok=" + "å" * 5000, 200, None),
        (
            "/oparl/v1/body/kommun/paper?modified_since=2008-01-01T00%3A00%3A00%2B01%3A00",
            400,
            "Filtret 'modified_since' stöds inte",
        ),
    ],
    ids=[
        "okant-arende",
        "ogiltigt-arende",
        "okand-namnd",
        "okand-person",
        "tjansteman-ar-ingen-ledamot",
        "okand-kommun",
        "inget-sammantrade",
        "inget-datum",
        "ingen-punkt",
        "punkt-text",
        "okand-motesfil",
        "okand-handling",
        "okand-adress",
        "sida-text",
        "sida-noll",
        "sida-negativ",
        "sida-for-stor",
        "sida-enorm",
        "enormt-id",
        "enorm-okand-parameter",
        "filter-stods-inte",
    ],
)
def test_felaktiga_anrop_ger_oparls_felobjekt_pa_svenska(
    webb: Webb, adress: str, status: int, meddelande: str | None
) -> None:
    svar = hamta(webb.klient, adress, status)
    assert "Traceback" not in str(svar)
    if meddelande is None:
        return
    assert svar["type"] == OPARL + "Error"
    assert meddelande in svar["message"], svar["message"]
    assert len(svar["message"]) < 300


def test_api_kan_inte_andra_nagot(webb: Webb) -> None:
    for metod in ("POST", "PUT", "PATCH", "DELETE"):
        svar = webb.klient.request(metod, "/oparl/v1/paper/SoN-2008-1")
        assert svar.status_code == 405 and svar.headers["allow"] == "GET, HEAD"
        assert svar.json()["message"].startswith("Öppna data kan bara hämtas och läsas (GET)")
