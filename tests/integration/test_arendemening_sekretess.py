"""A sekretess-marked ärendemening, against the real database (SQLite and PostgreSQL) and
the real public site: marked with its provision, the day, who, and the form anyone may see
(OSL 5 kap. 2 and 5 §§); every public view shows that form, the public word search does not
find the ärende by what the marking hides, and documents drawn up after the marking use the
public form. Marked after the dagordning was set, the kallelse and protokoll files (which
name the ärendemening as it was) are not handed out; the pages show the public form."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient

from arende.adapters.arkivpaket import Arkivpaket
from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, BehorighetSaknas, OgiltigUppgift
from arende.domain.skeden import Utfall
from arende.entrypoints.publik import skapa_app
from arende.service_layer import visningar
from arende.service_layer.export import exportera
from arende.service_layer.kommandon import (
    HavArendemeningSekretess,
    MarkeraArendemeningSekretess,
)
from arende.service_layer.visningsportar import Diarieurval
from tests import arkivxml, hjalp
from tests.conftest import FastKlocka
from tests.integration.test_publik_sekretess import kryp

REGISTRATOR = "Per Lindqvist"
HEMLIG = "Riktlinjer för placering av barnet Xq7"
OFFENTLIG = "Riktlinjer för placering enligt socialtjänstlagen"
ERMS = "{https://DILCIS.eu/XML/ERMS}"


def _markera(system: Arendesystem, dnr: str, **vad: str) -> None:
    uppgifter = {"bestammelse": "OSL 26 kap. 1 §", "offentlig_mening": OFFENTLIG} | vad
    system.utfor(
        MarkeraArendemeningSekretess(aktor=REGISTRATOR, dnr=Diarienummer.tolka(dnr), **uppgifter)
    )


def _webb(system: Arendesystem) -> TestClient:
    kalla = Publikkalla(system.motor, system.klocka, system.mallkatalog, system.arkiv)
    return TestClient(skapa_app(kalla), follow_redirects=False)


@pytest.fixture
def beslutat(system: Arendesystem) -> str:
    klocka = system.klocka
    assert isinstance(klocka, FastKlocka)
    klocka.dag = date(2008, 5, 15)
    [dnr, _] = hjalp.beslutat_och_anslaget(
        system, HEMLIG, "Riktlinjer för hemtjänst", justerat=date(2008, 5, 14)
    )
    return dnr


@pytest.fixture
def webb(system: Arendesystem) -> Iterator[TestClient]:
    with _webb(system) as klient:
        yield klient


def _offentlig_sok(system: Arendesystem, sok: str) -> list[str]:
    sida = visningar.diariesida(system.uow(), Diarieurval(sok=sok, offentlig=True))
    return [r.titel for r in sida.rader]


def test_markerad_efter_sammantradet_syns_inte_publikt(
    system: Arendesystem, beslutat: str, webb: TestClient, tmp_path: Path
) -> None:
    assert any(HEMLIG.encode() in innehall for innehall in kryp(webb).values())
    _markera(system, beslutat)
    a = hjalp.arende(system, beslutat)
    assert a.mening_markering is not None
    assert (a.mening_markering.bestammelse, a.mening_markering.av) == (
        "OSL 26 kap. 1 §",
        REGISTRATOR,
    )
    assert a.mening_markering.datum == date(2008, 5, 15)
    assert a.offentlig_titel == OFFENTLIG

    besokta = kryp(webb)
    lackor = [adress for adress, innehall in besokta.items() if b"Xq7" in innehall]
    assert lackor == []
    assert any(OFFENTLIG.encode() in innehall for innehall in besokta.values())
    # The protokoll and kallelse name the ärendemening as it was: not handed out.
    assert not any(a.endswith("protokoll.docx") or "kallelse" in a for a in besokta)
    assert webb.get("/sammantraden/SoN/2008-05-13/protokoll.docx").status_code == 403
    # The public word search does not find it by what the marking hides; its dnr does.
    assert _offentlig_sok(system, "Xq7") == []
    assert _offentlig_sok(system, "placering") == []
    assert _offentlig_sok(system, "hemtjänst") == ["Riktlinjer för hemtjänst"]
    assert _offentlig_sok(system, beslutat) == [OFFENTLIG]
    # The registrator sees it whole.
    registratorns = visningar.diariesida(system.uow(), Diarieurval(sok="Xq7"))
    assert [r.titel for r in registratorns.rader] == [HEMLIG]
    # The archive gets the whole ärendemening with the marking's grounds and the public form.
    [paket] = exportera(
        system.uow(),
        system.arkiv,
        Arkivpaket(system.arkiv),
        tmp_path / "ut",
        dnr=beslutat,
        av=REGISTRATOR,
    )
    assert arkivxml.paketets_fel(paket) == []  # CITS ERMS 2.1.2 and PREMIS 3.0
    erms = ET.parse(paket / "metadata" / "descriptive" / "erms.xml").getroot()
    akt = erms.find(f".//{ERMS}aggregation")
    assert akt is not None
    assert akt.findtext(f"{ERMS}title") == HEMLIG
    assert akt.findtext(f"{ERMS}otherTitle") == OFFENTLIG
    assert "26 kap. 1 §" in (akt.findtext(f"{ERMS}restriction/{ERMS}regulation") or "")

    # Lifted: shown again as it is, and the lifting is its own act with why.
    system.utfor(
        HavArendemeningSekretess(
            aktor=REGISTRATOR, dnr=Diarienummer.tolka(beslutat), skal="Prövad: offentlig"
        )
    )
    assert _offentlig_sok(system, "Xq7") == [HEMLIG]
    assert webb.get("/sammantraden/SoN/2008-05-13/protokoll.docx").status_code == 200
    handlingar = [h.handling for h in visningar.historik(system.uow(), beslutat)]
    assert "sekretessmarkera ärendemening" in handlingar
    assert "häva sekretessmarkering av ärendemening" in handlingar


def test_markerad_fore_dagordningen_skrivs_i_offentlig_form(system: Arendesystem) -> None:
    klocka = system.klocka
    assert isinstance(klocka, FastKlocka)
    dnr = hjalp.registrera(system, "tjansteutlatande", {"arendemening": HEMLIG})
    _markera(system, dnr)
    hjalp.bered(system, dnr, underlag=hjalp.UTLATANDE)
    klocka.dag = date(2008, 5, 15)
    hjalp.hall_sammantrade(system, {dnr: Utfall.BIFALL}, justerat=date(2008, 5, 14), publicera=True)
    with _webb(system) as webb:
        besokta = kryp(webb)
        assert [adress for adress, innehall in besokta.items() if b"Xq7" in innehall] == []
        # Written in its public form, the protokoll is handed out.
        svar = webb.get("/sammantraden/SoN/2008-05-13/protokoll.docx")
        assert svar.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(svar.content)).paragraphs)
    assert OFFENTLIG in text
    assert "Xq7" not in text
    # The handlingar the system drew up are titled with the public form.
    titlar = [h.titel for h in visningar.handlingar(system.uow(), dnr)]
    assert titlar and all("Xq7" not in t for t in titlar)


@pytest.mark.parametrize(
    ("vem", "vad", "fel", "text"),
    [
        (REGISTRATOR, {"bestammelse": "hemligt"}, OgiltigUppgift, "ingen bestämmelse"),
        (REGISTRATOR, {"offentlig_mening": "  "}, OgiltigUppgift, "offentliga ärendemeningen"),
        (REGISTRATOR, {"offentlig_mening": HEMLIG.upper()}, OgiltigUppgift, "densamma"),
        (REGISTRATOR, {"offentlig_mening": f"Ärende: {HEMLIG}"}, OgiltigUppgift, "hela"),
        ("Karin Ekström", {}, BehorighetSaknas, "får inte"),
    ],
)
def test_felaktig_markering_avvisas_och_inget_andras(
    system: Arendesystem,
    vem: str,
    vad: dict[str, str],
    fel: type[ArendeFel],
    text: str,
) -> None:
    dnr = hjalp.registrera(system, "tjansteutlatande", {"arendemening": HEMLIG})
    fore = hjalp.arende(system, dnr)
    uppgifter = {"bestammelse": "OSL 26 kap. 1 §", "offentlig_mening": OFFENTLIG} | vad
    with pytest.raises(fel, match=text):
        system.utfor(
            MarkeraArendemeningSekretess(aktor=vem, dnr=Diarienummer.tolka(dnr), **uppgifter)
        )
    assert hjalp.arende(system, dnr) == fore


def test_havning_utan_markering_eller_skal_avvisas(system: Arendesystem) -> None:
    dnr = hjalp.registrera(system, "tjansteutlatande", {"arendemening": HEMLIG})
    with pytest.raises(OgiltigUppgift, match="inte sekretessmarkerad"):
        system.utfor(
            HavArendemeningSekretess(aktor=REGISTRATOR, dnr=Diarienummer.tolka(dnr), skal="x")
        )
    _markera(system, dnr)
    markerat = hjalp.arende(system, dnr)
    with pytest.raises(OgiltigUppgift, match="Ange varför"):
        system.utfor(
            HavArendemeningSekretess(aktor=REGISTRATOR, dnr=Diarienummer.tolka(dnr), skal=" ")
        )
    with pytest.raises(OgiltigUppgift, match="redan markerad"):
        _markera(system, dnr)
    assert hjalp.arende(system, dnr) == markerat
