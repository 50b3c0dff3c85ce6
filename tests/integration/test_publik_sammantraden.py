"""The nämnders sammanträden on the public site: the list, a meeting's kallelse with its
dagordning and handlingar, the protokoll as HTML once (and only once) it is justerat, the
files to download checked against the register, a sekretess handling kept back everywhere,
and every bad address refused with a Swedish page. The site reads through the read-only
engine it runs on (skapa_lasmotor), on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, select

from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import skapa_lasmotor, skapa_motor
from arende.adapters.pdf import hitta_libreoffice
from arende.adapters.publiklasning import Publikkalla
from arende.adapters.sigill import PadesSigill
from arende.adapters.tabeller import ArendeRad, HandlingRad
from arende.bootstrap import Arendesystem
from arende.domain.sammantrade.omrostning import Omrostning, Rostval, Yrkande
from arende.domain.skeden import Utfall
from arende.entrypoints.publik import skapa_app
from arende.service_layer import handlingar, publika_sammantraden, visningar
from arende.service_layer import kommandon as k
from arende.service_layer.hanterare.sammantrade import PROTOKOLLET_JUSTERAT
from tests import hjalp
from tests.conftest import FastKlocka

KALLAT = date(2008, 5, 7)  # the kallelse goes out: the meeting is still to come
MOTE = hjalp.MOTE  # 2008-05-13
JUSTERAT = date(2008, 5, 14)
PUBLICERAT = date(2008, 5, 15)
MAPP = f"sammantraden/Socialtjänstnämnden-{MOTE}"
SIDA = f"/sammantraden/SoN/{MOTE}"
BESLUT = "Socialtjänstnämnden antar riktlinjerna för hemtjänst."
ANDRA = "Yttrande om ett enskilt ärende"
HEMLIG_TITEL = f"Tjänsteutlåtande: {ANDRA}"  # the second ärende's, when marked sekretess


@dataclass
class Webb:
    klient: TestClient
    system: Arendesystem
    klocka: FastKlocka
    dnr: str = ""

    def get(self, adress: str) -> Response:
        return self.klient.get(adress)

    def sida(self, adress: str) -> str:
        svar = self.get(adress)
        assert svar.status_code == 200, (adress, svar.status_code, svar.text[-500:])
        assert '<html lang="sv">' in svar.text and "<script" not in svar.text
        return svar.text


@pytest.fixture(name="w")
def webb(system: Arendesystem, databas_url: str) -> Iterator[Webb]:
    klocka = system.klocka
    assert isinstance(klocka, FastKlocka)
    klocka.dag = KALLAT
    lasmotor = skapa_lasmotor(databas_url)  # what deployments/publik.py serves with
    kalla = Publikkalla(lasmotor, klocka, system.mallkatalog, system.arkiv)
    with TestClient(skapa_app(kalla)) as klient:
        yield Webb(klient, system, klocka)
    lasmotor.dispose()


def kalla(w: Webb, *, sekretess: bool = False) -> str:
    """Two ärenden ready for the meeting, each with its tjänsteutlåtande (with `sekretess`,
    the second one's marked so), and the kallelse sent today. Returns the first dnr."""
    system = w.system
    dnr = [
        hjalp.registrera(system, "tjansteutlatande", {"arendemening": mening})
        for mening in ("Riktlinjer för hemtjänst", ANDRA)
    ]
    for d, forslag in zip(dnr, (BESLUT, "Socialtjänstnämnden godkänner yttrandet."), strict=True):
        hjalp.bered(
            system,
            d,
            underlag={
                "forslag": [forslag],
                "sammanfattning": "Förvaltningen föreslår ett beslut.",
                "avsnitt": [{"rubrik": "Bakgrund", "text": "Ärendet har beretts."}],
            },
        )
    if sekretess:
        # Nothing in the system marks a handling sekretess yet (the registrator's marking is
        # still to come), so the row is marked as that will mark it: its sekretess column.
        with Session(system.motor) as s:
            arende_id = s.exec(select(ArendeRad.id).where(ArendeRad.dnr == dnr[1])).one()
            rad = s.exec(select(HandlingRad).where(HandlingRad.arende_id == arende_id)).one()
            rad.sekretess = True
            s.add(rad)
            s.commit()
    system.utfor(hjalp.sammantradeskommando(k.Kalla))
    w.dnr = dnr[0]
    return dnr[0]


def hall(w: Webb, *, omedelbart: bool = False) -> None:
    """The meeting held and closed, with two yrkanden and an omröstning in the first ärende
    (and the second's § `omedelbart` justerad): not justerat."""
    w.klocka.dag = MOTE
    hjalp.oppna_sammantrade(w.system)
    ordf, vice = hjalp.ordforande_och_justerare(w.system)
    ledamoter = hjalp.narvaro(w.system).tjanstgorande
    ja = len(ledamoter) // 2 + 1
    w.system.utfor(
        hjalp.sammantradeskommando(
            k.Besluta,
            arende=w.dnr,
            utfall=Utfall.BIFALL,
            yrkanden=[
                Yrkande(1, ordf, "bifall till förvaltningens förslag"),
                Yrkande(2, vice, "avslag"),
            ],
            omrostning=Omrostning(
                "Den som vill bifalla förvaltningens förslag röstar ja.",
                "Den som vill avslå förslaget röstar nej.",
                tuple((n, Rostval.JA if i < ja else Rostval.NEJ) for i, n in enumerate(ledamoter)),
            ),
        )
    )
    w.system.utfor(
        hjalp.sammantradeskommando(
            k.Besluta, arende="SoN 2008/2", utfall=Utfall.BIFALL, omedelbart_justerad=omedelbart
        )
    )
    w.system.utfor(hjalp.sammantradeskommando(k.Stang, upprattat=MOTE, avslutades="19:30"))


def justera(w: Webb) -> None:
    """The ordförande and the justerare sign; the anslag is published the day after."""
    w.klocka.dag = PUBLICERAT
    hjalp.hall_sammantrade(w.system, {}, justerat=JUSTERAT, publicera=True)


def text_av(sida: str) -> str:
    """What the page says, without its markup, whitespace made single spaces."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", sida)).split())


def justeringens_filer(w: Webb) -> dict[str, str]:
    with w.system.uow() as uow:
        (handelse,) = [
            h
            for h in uow.logg.for_sammantrade(hjalp.NAMND, MOTE)
            if h.handling == PROTOKOLLET_JUSTERAT
        ]
    return {
        k: str(v)
        for k, v in handelse.innehall.items()
        if k in ("fil", "sha256", "pdf", "pdf_sha256")
    }


def test_kallat_sammantrade_med_dagordning_och_handlingar_men_inget_protokoll(w: Webb) -> None:
    dnr = kalla(w)
    # The list: the year of today, the meeting among those to come, its kallelse linked.
    lista = w.sida("/sammantraden?namnd=SoN&ar=2008")
    kommande = lista[lista.index('id="kommande"') : lista.index('id="tidigare"')]
    assert f'href="{SIDA}"' in kommande and f'href="{SIDA}#kallelse"' in kommande
    assert "Inte justerat än" not in kommande and "Inget protokoll" in kommande
    assert '<th scope="col">Sammanträde</th>' in lista and '<th scope="row">' in lista
    assert "22 januari 2008" in lista  # a day of the plan that nothing has happened on
    assert f'href="{SIDA}"' in w.sida("/sammantraden")  # the year of today by default
    assert "Inga kommande sammanträden 2008." in w.sida("/sammantraden?namnd=ÖSN&ar=2008")

    sida = w.sida(SIDA)
    text = text_av(sida)
    for uppgift in (
        "Socialtjänstnämnden: sammanträde den 13 maj 2008",
        "Tisdagen den 13 maj 2008",
        "kallas till sammanträde tisdagen den 13 maj 2008 kl. 18.00",
        "Kallelsen skickades ut den 7 maj 2008 (dagordning version 1).",
        "Val av justerare och tillkännagivande av tid för justering",
        "Riktlinjer för hemtjänst",
        f"Dnr {dnr}",
        f"Förslag till beslut {BESLUT}",
        f"Tjänsteutlåtande: Riktlinjer för hemtjänst (Word; handling 1, {KALLAT})",
        f"Tjänsteutlåtande: {ANDRA} (Word; handling 1, {KALLAT})",
        "Sammanträdet har inte hållits än. Protokollet publiceras när det är justerat.",
    ):
        assert uppgift in text, uppgift
    assert "<h1>" in sida and '<h2 id="kallelse">' in sida and '<h4 id="punkt-2">' in sida
    assert (
        'href="/handlingar/SoN-2008-1/1/1"' in sida and 'href="/handlingar/SoN-2008-2/1/1"' in sida
    )
    assert "Beslut" not in text and "protokoll.docx" not in sida

    # The handling as registered (its Word file: no PDF is made here).
    (tu,) = visningar.handlingar(w.system.uow(), dnr)
    utlatandet = w.get("/handlingar/SoN-2008-1/1/1")
    assert utlatandet.status_code == 200 and utlatandet.content == w.system.arkiv.las(tu.fil)
    assert hashlib.sha256(utlatandet.content).hexdigest() == tu.sha256
    assert "attachment" in utlatandet.headers["content-disposition"]

    # The kallelse as sent, the bytes the audit log's sha256 names.
    kallelsen = w.get(f"{SIDA}/kallelse.docx")
    assert kallelsen.status_code == 200
    assert kallelsen.content == w.system.arkiv.las(f"{MAPP}/kallelse-v1.docx")
    assert "Riktlinjer för hemtjänst" in "\n".join(
        p.text for p in Document(io.BytesIO(kallelsen.content)).paragraphs
    )

    # Nothing of a protokoll yet.
    for fil in ("protokoll.docx", "protokoll.pdf"):
        svar = w.get(f"{SIDA}/{fil}")
        assert (
            svar.status_code == 404 and "Protokollet publiceras när det är justerat." in svar.text
        )

    # The anslagstavla carries the notice of the meeting, linked to its page, until the day.
    tavlan = w.sida("/anslagstavla")
    del_ = tavlan[tavlan.index('id="kommande"') : tavlan.index('id="overklaga"')]
    assert "Socialtjänstnämnden: sammanträde tisdagen den 13 maj 2008" in del_
    assert f'href="{SIDA}#kallelse"' in del_ and "<dd>kl. 18.00</dd>" in del_
    assert "Kallelse och dagordning" in w.sida("/anslagstavla?namnd=SoN")
    assert "Ingen kallelse till ett kommande sammanträde har gått ut." in w.sida(
        "/anslagstavla?namnd=ÖSN"
    )
    w.klocka.dag = date(2008, 5, 14)
    assert "Ingen kallelse till ett kommande sammanträde har gått ut." in w.sida("/anslagstavla")


def test_protokollet_publiceras_forst_nar_det_ar_justerat(w: Webb) -> None:
    kalla(w)
    hall(w, omedelbart=True)
    sida = w.sida(SIDA)
    assert "Protokollet är inte justerat än. Protokollet publiceras när det är justerat." in (
        text_av(sida)
    )
    assert "Paragrafen § 3 förklarades omedelbart justerad vid sammanträdet" in text_av(sida)
    assert "§ 2" not in sida and "Omröstning" not in sida and "röstar ja" not in sida
    lista = w.sida("/sammantraden?ar=2008")
    assert "Inte justerat än" in lista and f'href="{SIDA}#protokoll"' not in lista
    stangt = visningar.protokoll(w.system.uow(), hjalp.NAMND, MOTE)
    assert stangt is not None
    for fil in ("protokoll.docx", "protokoll.pdf"):
        svar = w.get(f"{SIDA}/{fil}")
        assert svar.status_code == 404 and svar.content != w.system.arkiv.las(stangt.fil)
    # The protokollsutdrag is drawn up with the beslut: not on the kallelse, not handed out.
    (utdrag,) = [
        h for h in visningar.handlingar(w.system.uow(), w.dnr) if h.typ == "protokollsutdrag"
    ]
    svar = w.get(f"/handlingar/SoN-2008-1/{utdrag.nummer}/1")
    assert svar.status_code == 404 and "finns inte bland handlingarna till något" in svar.text
    assert f"/handlingar/SoN-2008-1/{utdrag.nummer}/" not in w.sida(SIDA)

    justera(w)
    sida = w.sida(SIDA)
    text = text_av(sida)
    ordf, vice = hjalp.ordforande_och_justerare(w.system)
    for uppgift in (
        "Protokoll nr 5/2008, fört vid sammanträde med Socialtjänstnämnden",
        "Tisdagen den 13 maj 2008 kl. 18.00–19.30",
        "§ 1 Val av justerare och tillkännagivande av tid för justering",
        f"Nämnden utser {vice} (S) att jämte ordföranden justera dagens protokoll.",
        "§ 2 Riktlinjer för hemtjänst",
        f"Beslut {BESLUT}",
        f"{ordf} (M) yrkar bifall till förvaltningens förslag.",
        f"{vice} (S) yrkar avslag.",
        "Ordföranden ställer proposition på",
        "Omröstningen utfaller med 6 ja-röster mot 5 nej-röster.",
        "Nämnden har beslutat i enlighet med ja-propositionen.",
        f"{ordf}, ordförande: justerat digitalt den 14 maj 2008 kl. 10.00",
        f"{vice}, justerare: justerat digitalt den 14 maj 2008 kl. 11.00",
        "Justeringen har tillkännagivits genom anslag den 15 maj 2008.",
    ):
        assert uppgift in text, uppgift
    # The omedelbar justering is the § 's last beslut point, as in the Word protokoll.
    assert re.search(
        r"<ol><li>Socialtjänstnämnden godkänner yttrandet.</li>"
        r"<li>Paragrafen förklaras omedelbart justerad.</li></ol>",
        sida,
    )
    assert "förklarades omedelbart justerad vid sammanträdet" not in sida
    for namn in hjalp.narvaro(w.system).tjanstgorande:
        assert namn in text
    assert "<h4>Övriga närvarande</h4>" in sida and f"{hjalp.SEKRETERARE}, nämndsekreterare" in text
    assert '<h2 id="protokoll">' in sida and '<h3 id="paragraf-2">' in sida
    assert '<th scope="col">Ledamot</th>' in sida and f'<th scope="row">{ordf}</th>' in sida
    assert '<th scope="row">Justerare</th>' in sida and "Publiceras när det är justerat" not in sida

    # The page says what the justerat Word protokoll says, from Närvarande to the justering.
    filer = justeringens_filer(w)
    dokument = [p.text for p in Document(io.BytesIO(w.system.arkiv.las(filer["fil"]))).paragraphs]
    innehall = dokument[dokument.index("Närvarande") : dokument.index("Underskrifter")]
    for stycke in filter(None, (re.sub(r"^\d+\. ", "", s).strip() for s in innehall)):
        assert stycke in text, stycke

    # The Word file (no seal without a sigill here), the bytes the justering logged.
    assert f'href="{SIDA}/protokoll.docx"' in sida and "protokoll.pdf" not in sida
    svar = w.get(f"{SIDA}/protokoll.docx")
    assert svar.status_code == 200
    assert hashlib.sha256(svar.content).hexdigest() == filer["sha256"]
    assert svar.content == w.system.arkiv.las(f"{MAPP}/protokoll-justerat.docx")
    pdf = w.get(f"{SIDA}/protokoll.pdf")
    assert pdf.status_code == 404 and "hämta det som Word-fil" in pdf.text

    lista = w.sida("/sammantraden?ar=2008")
    tidigare = lista[lista.index('id="tidigare"') :]
    assert f'href="{SIDA}#protokoll"' in tidigare and "Justerat protokoll" in tidigare
    assert "Ingen kallelse till ett kommande sammanträde har gått ut." in w.sida("/anslagstavla")


def test_sekretessmarkerad_handling_syns_bara_som_nummer_och_datum(w: Webb) -> None:
    kalla(w, sekretess=True)
    hall(w)
    justera(w)
    sidor = {
        adress: w.sida(adress)
        for adress in (
            SIDA,
            "/sammantraden",
            "/sammantraden?ar=2008",
            "/anslagstavla",
            "/anslagstavla/arkiv",
            "/diarium",
            "/",
        )
    }
    for adress, sida in sidor.items():
        assert HEMLIG_TITEL not in sida and html.escape(HEMLIG_TITEL) not in sida, adress
    text = text_av(sidor[SIDA])
    assert f"Handling 1, {KALLAT}: Sekretess (OSL)" in text
    assert "/handlingar/SoN-2008-2/" not in sidor[SIDA]
    assert 'href="/handlingar/SoN-2008-1/1/1"' in sidor[SIDA]  # the other ärende's still is
    assert ANDRA in text  # the ärendemening is public, as in the diarium

    (hemlig,) = [h for h in visningar.handlingar(w.system.uow(), "SoN 2008/2") if h.sekretess]
    svar = w.get("/handlingar/SoN-2008-2/1/1")
    assert svar.status_code == 403 and svar.content != w.system.arkiv.las(hemlig.fil)
    assert svar.headers["content-type"].startswith("text/html")
    assert "sekretessmarkerad och lämnas inte ut" in svar.text and HEMLIG_TITEL not in svar.text
    # The kallelse names it (sent to every ledamot, it was drawn up with the title): kept back
    # too, while the page shows the dagordning.
    kallelsen = w.get(f"{SIDA}/kallelse.docx")
    assert kallelsen.status_code == 403 and kallelsen.headers["content-type"].startswith(
        "text/html"
    )
    assert f'href="{SIDA}/kallelse.docx"' not in sidor[SIDA]
    # Drawn up after the marking, the Word kallelse itself gives the public title only.
    ordet = [
        p.text
        for p in Document(io.BytesIO(w.system.arkiv.las(f"{MAPP}/kallelse-v1.docx"))).paragraphs
    ]
    assert any("Sekretess (OSL)" in s for s in ordet) and not any(HEMLIG_TITEL in s for s in ordet)
    assert "nämner en sekretessmarkerad handling" in text
    assert w.get(f"{SIDA}/protokoll.docx").status_code == 200  # the protokoll names no handling


def test_en_andrad_eller_saknad_fil_lamnas_inte_ut(w: Webb) -> None:
    kalla(w)
    hall(w)
    justera(w)
    arkiv = w.system.arkiv
    for relativ, adress in (
        ("SoN-2008-1/01-v1-tjansteutlatande.docx", "/handlingar/SoN-2008-1/1/1"),
        (f"{MAPP}/protokoll-justerat.docx", f"{SIDA}/protokoll.docx"),
        (f"{MAPP}/kallelse-v1.docx", f"{SIDA}/kallelse.docx"),
    ):
        innehall = arkiv.las(relativ)
        assert w.get(adress).content == innehall
        arkiv.spara(relativ, innehall + b" ")
        svar = w.get(adress)
        assert svar.status_code == 500, adress
        assert "stämmer inte med sin registrerade kontrollsumma" in svar.text
        assert svar.headers["content-type"].startswith("text/html")
        arkiv.sokvag(relativ).unlink()
        svar = w.get(adress)
        assert svar.status_code == 500 and "finns inte i arkivet" in svar.text, adress

    # A register row whose path leads out of the archive (tampering) is not followed.
    utanfor = arkiv.katalog.parent / "utanfor.txt"
    utanfor.write_bytes(b"hemligt utanfor arkivet")
    with Session(w.system.motor) as s:
        arende_id = s.exec(select(ArendeRad.id).where(ArendeRad.dnr == w.dnr)).one()
        rad = s.exec(
            select(HandlingRad)
            .where(HandlingRad.arende_id == arende_id)
            .where(HandlingRad.nummer == 1)
        ).one()
        rad.fil = "../utanfor.txt"
        rad.sha256 = hashlib.sha256(b"hemligt utanfor arkivet").hexdigest()
        s.add(rad)
        s.commit()
    svar = w.get("/handlingar/SoN-2008-1/1/1")
    assert svar.status_code == 500 and b"hemligt utanfor arkivet" not in svar.content


@pytest.fixture
def w_med_sigill(sqlite_klar_url: str, tmp_path: Path) -> Iterator[Webb]:
    """The system with LibreOffice and the nämnd's seal: the justerat protokoll is sealed
    PDF/A (one LibreOffice call for it, one for the tjänsteutlåtande's PDF); SQLite."""
    if hitta_libreoffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) måste finnas i CI: make installerar det")
        pytest.skip("LibreOffice saknas på maskinen")
    klocka = FastKlocka(KALLAT)
    system = Arendesystem(
        skapa_motor(sqlite_klar_url),
        klocka=klocka,
        arkiv=Filarkiv(tmp_path / "arkiv"),
        sigill=PadesSigill(tmp_path / "sigill", testrot=True),
    )
    lasmotor = skapa_lasmotor(sqlite_klar_url)
    kalla_ = Publikkalla(lasmotor, klocka, system.mallkatalog, system.arkiv)
    with TestClient(skapa_app(kalla_)) as klient:
        yield Webb(klient, system, klocka)
    lasmotor.dispose()
    system.motor.dispose()


def test_forseglat_protokoll_och_handlingens_pdf_lamnas_ut_som_de_arkiverats(
    w_med_sigill: Webb,
) -> None:
    w = w_med_sigill
    dnr = kalla(w)
    (tu,) = visningar.handlingar(w.system.uow(), dnr)
    (registrerad,) = handlingar.handlingar(w.system.uow(), dnr)
    gjord = handlingar.gor_pdf(
        w.system.uow(), w.system.arkiv, w.system.pdf, dnr, registrerad, "Lena Murray"
    )
    assert gjord.pdf_fil is not None
    sida = w.sida(SIDA)
    assert "Tjänsteutlåtande: Riktlinjer för hemtjänst (PDF; handling 1" in text_av(sida)
    svar = w.get("/handlingar/SoN-2008-1/1/1")
    assert svar.status_code == 200 and svar.headers["content-type"] == "application/pdf"
    assert svar.content == w.system.arkiv.las(gjord.pdf_fil) and svar.content != w.system.arkiv.las(
        tu.fil
    )
    assert hashlib.sha256(svar.content).hexdigest() == gjord.pdf_sha256

    hall(w)
    justera(w)
    filer = justeringens_filer(w)
    sida = w.sida(SIDA)
    assert f'href="{SIDA}/protokoll.pdf"' in sida and "PDF/A med nämndens sigill" in sida
    pdf = w.get(f"{SIDA}/protokoll.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content == w.system.arkiv.las(f"{MAPP}/protokoll-justerat.pdf")
    assert filer["pdf"] == f"{MAPP}/protokoll-justerat.pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == filer["pdf_sha256"]
    assert w.system.sigill is not None and w.system.sigill.kontrollera(pdf.content).ok
    assert w.get(f"{SIDA}/protokoll.docx").content == w.system.arkiv.las(filer["fil"])


# Each: the address, the status, a part of the Swedish message. A dot-dot, encoded or not,
# an absolute path, an unknown dnr or nämnd, a day that is none: never a file.
FELAKTIGA = [
    ("/sammantraden/SoN/2008-13-45", 400, "Sammanträdesdagen &#39;2008-13-45&#39; är inget datum"),
    ("/sammantraden/SoN/13%20maj", 400, "är inget datum: skriv det som ÅÅÅÅ-MM-DD"),
    ("/sammantraden/SoN/20080513", 400, "är inget datum"),
    ("/sammantraden/SoN/2008-05-13%2f..%2f..", 404, "Det finns ingen sida på den här adressen."),
    ("/sammantraden/XYZ/2008-05-13", 404, "Det finns ingen nämnd med förkortningen"),
    (
        "/sammantraden/SoN/2008-05-14",
        404,
        "Socialtjänstnämnden har inget sammanträde den 14 maj 2008.",
    ),
    ("/sammantraden/SoN/2008-13-45/protokoll.pdf", 400, "är inget datum"),
    ("/sammantraden/%2e%2e/%2e%2e/protokoll.docx", 404, "Det finns ingen nämnd"),
    ("/sammantraden/SoN/..%2f..%2fetc%2fpasswd/kallelse.docx", 404, "Det finns ingen sida"),
    ("/sammantraden/SoN/2008-05-13/..%2f..%2f..%2fetc%2fpasswd", 404, "Det finns ingen sida"),
    ("/sammantraden/SoN/2008-05-13/kallelse-v1.docx", 404, "Det finns ingen sida"),
    ("/sammantraden/SoN/2008-05-13/%2fetc%2fpasswd", 404, "Det finns ingen sida"),
    ("/sammantraden/SoN/2008-06-17/kallelse.docx", 404, "har inte skickats ut än"),
    ("/sammantraden?ar=tjugo", 400, "Året ska vara ett heltal, inte &#39;tjugo&#39;."),
    ("/sammantraden?ar=99999", 400, "Året ska ligga mellan 1900 och 2999"),
    ("/sammantraden?namnd=Gatunämnden", 404, "Det finns ingen nämnd med förkortningen"),
    ("/handlingar/SoN-2008-99/1/1", 404, "Det finns inget ärende med diarienummer"),
    ("/handlingar/SoN-2008-1/9/1", 404, "Det finns ingen handling 9 version 1"),
    ("/handlingar/SoN-2008-1/1/2", 404, "Det finns ingen handling 1 version 2"),
    ("/handlingar/SoN-2008-1/ett/1", 400, "Handlingens nummer ska vara ett heltal"),
    ("/handlingar/SoN-2008-1/1/" + "9" * 5000, 400, "Versionen ska vara ett heltal"),
    ("/handlingar/SoN%202008%2F1/1/1", 404, "Det finns ingen sida"),
    ("/handlingar/%2e%2e/1/1", 400, "&#39;..&#39; är inget diarienummer"),
    ("/handlingar/..%2f..%2fetc/1/1", 404, "Det finns ingen sida"),
    ("/handlingar/%2Fetc%2Fpasswd/1/1", 404, "Det finns ingen sida"),
    ("/handlingar/etc-passwd/1/1", 400, "är inget diarienummer"),
    ("/handlingar/%24%25-2008-1/1/1", 400, "Diarieprefixet"),
    ("/handlingar/SoN-2008-1/1", 404, "Det finns ingen sida"),
    ("/arkiv/SoN-2008-1/01-v1-tjansteutlatande.docx", 404, "Det finns ingen sida"),
    ("/sammantraden/SoN/" + "9" * 5000, 400, "är inget datum"),
]


def test_felaktig_adress_ger_svensk_sida_och_ingen_fil(w: Webb) -> None:
    kalla(w)
    for adress, status, meddelande in FELAKTIGA:
        svar = w.get(adress)
        assert svar.status_code == status, (adress, svar.status_code, svar.text[-400:])
        assert svar.headers["content-type"].startswith("text/html"), adress
        assert meddelande in svar.text and 'role="alert"' in svar.text, (adress, svar.text[-400:])
        assert '<html lang="sv">' in svar.text and "Traceback" not in svar.text, adress
        assert "root:" not in svar.text, adress


def test_ett_internt_fel_ger_svensk_sida_utan_detaljer(
    system: Arendesystem, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever goes wrong inside (here: the read fails) stays inside the server."""

    def trasig(*_: object) -> None:
        raise RuntimeError("anslutningen till /var/lib/postgresql bröts")

    monkeypatch.setattr(publika_sammantraden, "sammantradet", trasig)
    kalla = Publikkalla(system.motor, system.klocka, system.mallkatalog, system.arkiv)
    with TestClient(skapa_app(kalla), raise_server_exceptions=False) as klient:
        svar = klient.get(SIDA)
    assert svar.status_code == 500 and 'role="alert"' in svar.text
    assert (
        "Sidan kunde inte visas på grund av ett fel hos oss." in svar.text
        and '<html lang="sv">' in svar.text
    )
    assert "postgresql" not in svar.text and "Traceback" not in svar.text
