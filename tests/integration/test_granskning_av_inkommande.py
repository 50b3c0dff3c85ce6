"""What comes in by itself (the e-mail receiver, the inbox folder) is held back from every
public view until the registrator has looked at it, against the real database (SQLite and
PostgreSQL) and the real public site.

The sender chose the subject line and nobody has read it: it may name a person, a diagnosis,
a child. So until `GranskaInkommande`, the public site, open data and the file links show the
handling only by number, date and "ännu inte granskad", the way a sekretess handling is
shown; the registrator's own lists show it with its title, marked as not looked at. The
look may retitle it and mark it sekretess in the same step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from arende.adapters.epostinlasning import las_epost
from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, BehorighetSaknas, HittasInte, OgiltigUppgift
from arende.domain.handelser import HandlingInkommen
from arende.entrypoints.publik import skapa_app
from arende.service_layer import visningar
from arende.service_layer.inkommande import epostkommando, filkommando
from arende.service_layer.kommandon import SYSTEMET, GranskaInkommande, InkommenFil
from tests import hjalp
from tests import inkommande_data as data
from tests.conftest import FastKlocka
from tests.integration.test_publik_sekretess import kryp

REGISTRATOR = "Per Lindqvist"
HANDLAGGARE = "Karin Ekström"
# What the sender wrote, which must not be shown before anyone has read it.
AMNE = "Orosanmälan om barnet Xq7 Lind"
AVSANDARE = "Granne Yz9 <granne@example.se>"


@pytest.fixture
def inkommet(system: Arendesystem, tmp_path: Path) -> tuple[str, list[int]]:
    """A decided and announced ärende (what the public site shows) with an e-mail and two
    attachments taken in by the e-mail receiver, as the system."""
    klocka = system.klocka
    assert isinstance(klocka, FastKlocka)
    klocka.dag = date(2008, 5, 15)
    [dnr] = hjalp.beslutat_och_anslaget(
        system, "Riktlinjer för hemtjänst", justerat=date(2008, 5, 14)
    )
    brev = data.over_smtp(
        data.epost(amne=f"{AMNE} {dnr}", avsandare=AVSANDARE, bilagor=data.tva_bilagor())
    )
    handelser = system.utfor(
        epostkommando(
            las_epost(InkommenFil("brev.eml", brev), tmp_path),
            aktor=SYSTEMET,
            inkom=klocka.dag,
            kanal="e-post",
        )
    )
    return dnr, [h.nummer for h in handelser if isinstance(h, HandlingInkommen)]


def _webb(system: Arendesystem) -> TestClient:
    kalla = Publikkalla(system.motor, system.klocka, system.mallkatalog, system.arkiv)
    return TestClient(skapa_app(kalla), follow_redirects=False)


@pytest.fixture
def webb(system: Arendesystem) -> Iterator[TestClient]:
    with _webb(system) as klient:
        yield klient


def _poster(system: Arendesystem, dnr: str, nummer: list[int]) -> list[visningar.Handlingspost]:
    return [h for h in visningar.handlingar(system.uow(), dnr) if h.nummer in nummer]


def _lackor(besokta: dict[str, bytes], *hemliga: str) -> list[str]:
    return [
        f"{adress}: {hemlig}"
        for adress, innehall in besokta.items()
        for hemlig in hemliga
        if hemlig.encode() in innehall
    ]


def test_det_som_kommit_in_av_sig_sjalvt_visas_inte_forran_det_granskats(
    system: Arendesystem, inkommet: tuple[str, list[int]], webb: TestClient
) -> None:
    dnr, nummer = inkommet
    assert len(nummer) == 3
    poster = _poster(system, dnr, nummer)
    assert [h.granskad for h in poster] == [False, False, False]
    # The registrator sees them, with their titles, in her queue and her list.
    assert [(h.dnr, h.nummer) for h in visningar.ogranskade(system.uow())] == [
        (dnr, n) for n in nummer
    ]
    assert poster[0].titel_i_registret == f"{AMNE} {dnr} (ej granskad)"
    assert poster[0].motpart_i_registret == AVSANDARE
    # Nothing the sender wrote leaves through the public site, the open data or the files.
    besokta = kryp(webb)
    assert _lackor(besokta, "Xq7", "Yz9", "granne@example.se") == []
    assert any("ännu inte granskad".encode() in innehall for innehall in besokta.values())
    svar = webb.get(f"/handlingar/{Diarienummer.tolka(dnr).adress}/{nummer[0]}/1")
    assert svar.status_code in (403, 404), svar.status_code

    system.utfor(
        GranskaInkommande(
            aktor=REGISTRATOR,
            dnr=Diarienummer.tolka(dnr),
            nummer=nummer[0],
            beskrivning="Anmälan från privatperson",
        )
    )
    poster = _poster(system, dnr, nummer)
    assert [h.granskad for h in poster] == [True, True, True]
    assert [h.titel for h in poster] == [
        "Anmälan från privatperson",
        f"Bilaga till handling {nummer[0]} (Anmälan från privatperson): yttrande.docx",
        f"Bilaga till handling {nummer[0]} (Anmälan från privatperson): underskrift.pdf",
    ]
    assert visningar.ogranskade(system.uow()) == []
    [logg] = [
        h
        for h in visningar.historik(system.uow(), dnr)
        if h.handling == "granska inkommen handling" and h.innehall["utfall"] == "utförd"
    ]
    assert logg.aktor == REGISTRATOR
    assert logg.innehall["handlingar"] == nummer
    assert logg.innehall["titel"][str(nummer[0])]["före"] == f"{AMNE} {dnr}"
    # Now shown as any handling: the new title, not the sender's subject.
    besokta = kryp(webb)
    assert any("Anmälan från privatperson".encode() in innehall for innehall in besokta.values())
    assert _lackor(besokta, "Xq7") == []


def test_granskningen_kan_sekretessmarkera_i_samma_steg(
    system: Arendesystem, inkommet: tuple[str, list[int]], webb: TestClient
) -> None:
    dnr, nummer = inkommet
    system.utfor(
        GranskaInkommande(
            aktor=REGISTRATOR,
            dnr=Diarienummer.tolka(dnr),
            nummer=nummer[0],
            sekretess="26:1 OSL",
        )
    )
    poster = _poster(system, dnr, nummer)
    assert all(h.granskad and h.sekretess for h in poster)
    assert {h.markering.bestammelse for h in poster if h.markering} == {"OSL 26 kap. 1 §"}
    assert _lackor(kryp(webb), "Xq7", "Yz9") == []


def test_det_en_person_registrerar_ar_granskat(system: Arendesystem) -> None:
    [dnr] = hjalp.beslutat_och_anslaget(system, "Riktlinjer för hemtjänst")
    handelser = system.utfor(
        filkommando(
            [InkommenFil("yttrande.pdf", data.PDF)],
            aktor=REGISTRATOR,
            dnr=Diarienummer.tolka(dnr),
            inkom=system.klocka.idag(),
            avsandare="Stadsledningskontoret",
            beskrivning="Yttrande",
            kanal="kommandoraden",
        )
    )
    [nummer] = [h.nummer for h in handelser if isinstance(h, HandlingInkommen)]
    assert [h.granskad for h in _poster(system, dnr, [nummer])] == [True]
    assert visningar.ogranskade(system.uow()) == []


@pytest.mark.parametrize(
    ("vem", "vad", "fel", "text"),
    [
        (HANDLAGGARE, {}, BehorighetSaknas, "registrator"),
        (REGISTRATOR, {"nummer": 2}, OgiltigUppgift, "bilaga"),
        (REGISTRATOR, {"nummer": 99}, HittasInte, "ingen handling 99"),
        (REGISTRATOR, {"beskrivning": "   "}, OgiltigUppgift, "Beskriv kort"),
        (REGISTRATOR, {"sekretess": "hemligt"}, OgiltigUppgift, "ingen bestämmelse"),
    ],
)
def test_felaktig_granskning_avvisas_och_inget_andras(
    system: Arendesystem,
    inkommet: tuple[str, list[int]],
    vem: str,
    vad: dict[str, object],
    fel: type[ArendeFel],
    text: str,
) -> None:
    dnr, nummer = inkommet
    fore = _poster(system, dnr, nummer)
    uppgifter: dict[str, object] = {"nummer": nummer[0]} | vad
    if uppgifter["nummer"] == 2:
        uppgifter["nummer"] = nummer[1]  # a bilaga of the e-mail
    with pytest.raises(fel, match=text):
        system.utfor(
            GranskaInkommande(aktor=vem, dnr=Diarienummer.tolka(dnr), **uppgifter)  # type: ignore[arg-type]
        )
    assert _poster(system, dnr, nummer) == fore


def test_det_som_redan_ar_granskat_granskas_inte_igen(
    system: Arendesystem, inkommet: tuple[str, list[int]]
) -> None:
    dnr, nummer = inkommet
    kommando = GranskaInkommande(aktor=REGISTRATOR, dnr=Diarienummer.tolka(dnr), nummer=nummer[0])
    system.utfor(kommando)
    fore = _poster(system, dnr, nummer)
    with pytest.raises(OgiltigUppgift, match="redan granskad"):
        system.utfor(
            GranskaInkommande(
                aktor=REGISTRATOR, dnr=Diarienummer.tolka(dnr), nummer=nummer[0], beskrivning="X"
            )
        )
    assert _poster(system, dnr, nummer) == fore
