"""Sekretess with its grounds (OSL 5 kap. 5 §), against the real database (SQLite and
PostgreSQL): a handling is marked with the provision, the day and who marked it; the marking
shows where the registrator lists handlingar and goes into the export; lifting it is an act
of its own in the audit log; the public views hide what is marked and show it again when
the marking is lifted."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from arende.adapters.arkivpaket import Arkivpaket
from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, BehorighetSaknas, HittasInte, OgiltigUppgift
from arende.domain.handelser import HandlingInkommen
from arende.entrypoints.publik import skapa_app
from arende.service_layer import visningar
from arende.service_layer.export import exportera
from arende.service_layer.inkommande import filkommando
from arende.service_layer.kommandon import HavSekretess, InkommenFil, MarkeraSekretess
from tests import arkivxml, hjalp
from tests import inkommande_data as data
from tests.conftest import FastKlocka
from tests.integration.test_arendeflode_i_databasen import registrera

REGISTRATOR = "Per Lindqvist"
HEMLIG = "Utredning om enskild person Xq7"
ERMS = "{https://DILCIS.eu/XML/ERMS}"


@pytest.fixture
def inkommen(system: Arendesystem) -> tuple[str, int]:
    """An ärende with one incoming handling whose title must never be shown once marked."""
    dnr = registrera(system)
    [handelse] = [
        h
        for h in system.utfor(
            filkommando(
                [InkommenFil("utredning.pdf", data.PDF)],
                aktor=REGISTRATOR,
                dnr=Diarienummer.tolka(dnr),
                inkom=FastKlocka().dag,
                avsandare="Enskild person",
                beskrivning=HEMLIG,
                kanal="kommandoraden",
            )
        )
        if isinstance(h, HandlingInkommen)
    ]
    return dnr, handelse.nummer


def _post(system: Arendesystem, dnr: str, nummer: int) -> visningar.Handlingspost:
    return next(h for h in visningar.handlingar(system.uow(), dnr) if h.nummer == nummer)


def _handelser(system: Arendesystem, dnr: str, handling: str) -> list[visningar.Loggpost]:
    return [h for h in visningar.historik(system.uow(), dnr) if h.handling == handling]


def test_markera_och_hava_med_grund_datum_och_vem(
    system: Arendesystem, inkommen: tuple[str, int]
) -> None:
    dnr, nummer = inkommen
    d = Diarienummer.tolka(dnr)
    system.utfor(
        MarkeraSekretess(aktor=REGISTRATOR, dnr=d, nummer=nummer, bestammelse="26 kap. 1 § OSL")
    )
    post = _post(system, dnr, nummer)
    assert post.sekretess
    assert post.markering is not None
    assert (post.markering.bestammelse, post.markering.datum, post.markering.av) == (
        "OSL 26 kap. 1 §",
        FastKlocka().dag,
        REGISTRATOR,
    )
    assert post.sekretesstext == "OSL 26 kap. 1 § (2026-11-23, Per Lindqvist)"
    assert post.offentlig_titel == "Sekretess (OSL)" and post.offentlig_motpart is None
    [markerad] = _handelser(system, dnr, "sekretessmarkera handling")
    assert markerad.aktor == REGISTRATOR and markerad.roll == "registrator"
    assert markerad.innehall["före"] is None
    assert markerad.innehall["efter"] == {
        "bestämmelse": "OSL 26 kap. 1 §",
        "datum": "2026-11-23",
        "av": REGISTRATOR,
    }
    # The same marking again changes nothing and is refused; another provision replaces it.
    with pytest.raises(OgiltigUppgift, match="redan sekretessmarkerad enligt OSL 26 kap. 1 §"):
        system.utfor(
            MarkeraSekretess(aktor=REGISTRATOR, dnr=d, nummer=nummer, bestammelse="OSL 26:1")
        )
    system.utfor(
        MarkeraSekretess(aktor=REGISTRATOR, dnr=d, nummer=nummer, bestammelse="OSL 21 kap. 1 §")
    )
    assert _post(system, dnr, nummer).sekretesstext.startswith("OSL 21 kap. 1 §")

    # Lifting is its own act, with its reason; the marking stays in the history.
    with pytest.raises(OgiltigUppgift, match="Ange varför"):
        system.utfor(HavSekretess(aktor=REGISTRATOR, dnr=d, nummer=nummer, skal=" "))
    system.utfor(
        HavSekretess(aktor=REGISTRATOR, dnr=d, nummer=nummer, skal="Sekretessen prövad: lämnas ut")
    )
    post = _post(system, dnr, nummer)
    assert not post.sekretess and post.markering is None and post.sekretesstext == ""
    assert post.offentlig_titel == HEMLIG
    [havd] = [
        h
        for h in _handelser(system, dnr, "häva sekretessmarkering")
        if h.innehall["utfall"] == "utförd"
    ]
    assert havd.innehall["skäl"] == "Sekretessen prövad: lämnas ut"
    assert havd.innehall["före"]["bestämmelse"] == "OSL 21 kap. 1 §"
    assert (
        len(
            [
                h
                for h in _handelser(system, dnr, "sekretessmarkera handling")
                if h.innehall["utfall"] == "utförd"
            ]
        )
        == 2
    )
    with pytest.raises(OgiltigUppgift, match="är inte sekretessmarkerad"):
        system.utfor(HavSekretess(aktor=REGISTRATOR, dnr=d, nummer=nummer, skal="igen"))
    assert visningar.verifiera(system.uow(), system.arkiv).intakt


@pytest.mark.parametrize(
    ("aktor", "nummer", "bestammelse", "fel", "text"),
    [
        (REGISTRATOR, None, "känsligt", OgiltigUppgift, "ingen bestämmelse i offentlighets-"),
        (REGISTRATOR, None, "OSL 99 kap. 1 §", OgiltigUppgift, "har kapitel 1–44"),
        (REGISTRATOR, 99, "OSL 26 kap. 1 §", HittasInte, "har ingen handling 99"),
        ("Dag Helin", None, "OSL 26 kap. 1 §", BehorighetSaknas, ""),
    ],
)
def test_felaktig_markering_avvisas(
    system: Arendesystem,
    inkommen: tuple[str, int],
    aktor: str,
    nummer: int | None,
    bestammelse: str,
    fel: type[ArendeFel],
    text: str,
) -> None:
    dnr, egen = inkommen
    with pytest.raises(fel, match=text or None):
        system.utfor(
            MarkeraSekretess(
                aktor=aktor,
                dnr=Diarienummer.tolka(dnr),
                nummer=nummer or egen,
                bestammelse=bestammelse,
            )
        )
    assert not _post(system, dnr, egen).sekretess


def test_markering_vid_registreringen_och_i_exporten(system: Arendesystem, tmp_path: Path) -> None:
    dnr = registrera(system)
    system.utfor(
        filkommando(
            [InkommenFil("utredning.pdf", data.PDF)],
            aktor=REGISTRATOR,
            dnr=Diarienummer.tolka(dnr),
            inkom=FastKlocka().dag,
            avsandare="Enskild person",
            beskrivning=HEMLIG,
            kanal="kommandoraden",
            sekretess="OSL 26 kap. 1 §",
        )
    )
    [post] = [h for h in visningar.handlingar(system.uow(), dnr) if h.riktning == "inkommande"]
    assert post.sekretesstext == "OSL 26 kap. 1 § (2026-11-23, Per Lindqvist)"
    [paket] = exportera(
        system.uow(),
        system.arkiv,
        Arkivpaket(system.arkiv),
        tmp_path / "ut",
        dnr=dnr,
        av=REGISTRATOR,
    )
    # The incoming file is in the package, as it came.
    [kopia] = (paket / "representations" / "rep1" / "data").glob("*inkommen-handling.pdf")
    assert kopia.read_bytes() == data.PDF
    assert arkivxml.paketets_fel(paket) == []  # CITS ERMS 2.1.2 and PREMIS 3.0
    erms = ET.parse(paket / "metadata" / "descriptive" / "erms.xml").getroot()
    [restriktion] = [r for r in erms.iter(f"{ERMS}restriction")]
    assert restriktion.get("restrictionType") == "confidential"
    assert restriktion.findtext(f"{ERMS}regulation") == (
        "Offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §"
    )
    assert restriktion.findtext(f"{ERMS}explanatoryText") == (
        "Sekretessmarkerad 2026-11-23 av Per Lindqvist"
    )


def test_publika_webbplatsen_doljer_det_markerade_och_visar_det_havda(
    system: Arendesystem,
) -> None:
    klocka = system.klocka
    assert isinstance(klocka, FastKlocka)
    klocka.dag = date(2008, 5, 15)
    [dnr, _] = hjalp.beslutat_och_anslaget(
        system,
        "Riktlinjer för hemtjänst",
        "Riktlinjer för ekonomiskt bistånd",
        justerat=date(2008, 5, 14),
    )
    d = Diarienummer.tolka(dnr)
    [handelse] = [
        h
        for h in system.utfor(
            filkommando(
                [InkommenFil("utredning.pdf", data.PDF)],
                aktor=REGISTRATOR,
                dnr=d,
                inkom=klocka.dag,
                avsandare="Enskild person Yz9",
                beskrivning=HEMLIG,
                kanal="kommandoraden",
                sekretess="OSL 26 kap. 1 §",
            )
        )
        if isinstance(h, HandlingInkommen)
    ]
    nummer = handelse.nummer
    kalla = Publikkalla(system.motor, klocka, system.mallkatalog, system.arkiv)
    adresser = [
        f"/oparl/v1/paper/{d.adress}",
        f"/oparl/v1/paper/{d.adress}/file/{nummer}/1",
        "/diarium",
    ]
    with TestClient(skapa_app(kalla), follow_redirects=False) as webb:
        for adress in adresser:
            svar = webb.get(adress)
            assert svar.status_code < 400, adress
            assert HEMLIG.encode() not in svar.content, adress
            assert b"Yz9" not in svar.content, adress
        fil = webb.get(f"/oparl/v1/paper/{d.adress}/file/{nummer}/1").json()
        assert fil["name"] == "Sekretess (OSL)" and fil["sv:sekretess"] is True
        system.utfor(HavSekretess(aktor=REGISTRATOR, dnr=d, nummer=nummer, skal="prövad"))
        fil = webb.get(f"/oparl/v1/paper/{d.adress}/file/{nummer}/1").json()
        assert fil["name"] == HEMLIG and "sv:sekretess" not in fil
        assert HEMLIG.encode() in webb.get(f"/oparl/v1/paper/{d.adress}").content
