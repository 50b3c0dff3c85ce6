"""The checks of a file that comes in, and the reading of an OSL provision, as plain
domain rules (no database)."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest

from arende.domain.fel import OgiltigUppgift
from arende.domain.inkommen_fil import Filtyp, faktisk_typ, granska, kontrollera_namn
from arende.domain.sekretess import Sekretessmarkering, intervall, tolka_bestammelse
from arende.service_layer.inkommande import dnr_i_text
from arende.service_layer.kommandon import InkommenFil
from tests import inkommande_data as data

MB = 1 << 20


@pytest.mark.parametrize(
    ("text", "vantat"),
    [
        ("OSL 26 kap. 1 §", "OSL 26 kap. 1 §"),
        ("26 kap. 1 § OSL", "OSL 26 kap. 1 §"),
        ("osl 26:1", "OSL 26 kap. 1 §"),
        ("OSL 21 kap. 7a §", "OSL 21 kap. 7 a §"),
        ("OSL  25 kap 1 § första stycket", "OSL 25 kap. 1 § första stycket"),
    ],
)
def test_bestammelsen_skrivs_pa_ett_satt(text: str, vantat: str) -> None:
    assert tolka_bestammelse(text) == vantat


@pytest.mark.parametrize("text", ["", "sekretess", "OSL", "OSL 0 kap. 1 §", "OSL 45 kap. 1 §"])
def test_en_bestammelse_som_inte_gar_att_lasa_avvisas(text: str) -> None:
    with pytest.raises(OgiltigUppgift):
        tolka_bestammelse(text)


def test_filtyperna_kanns_igen_pa_sina_forsta_byte() -> None:
    assert faktisk_typ(data.PDF) is Filtyp.PDF
    assert faktisk_typ(data.docx()) is Filtyp.DOCX
    assert faktisk_typ(data.PNG) is Filtyp.PNG
    assert faktisk_typ(b"\xff\xd8\xff\xe0rest") is Filtyp.JPEG
    assert faktisk_typ(b"II*\x00rest") is Filtyp.TIFF
    assert faktisk_typ(bytes(data.epost())) is Filtyp.EML
    assert faktisk_typ(b"MZ\x90\x00") is None


def test_en_god_fil_gar_igenom() -> None:
    assert granska(InkommenFil("Yttrande.DOCX", data.docx()), 10 * MB).typ is Filtyp.DOCX
    assert granska(InkommenFil("skanning.jpeg", b"\xff\xd8\xff\xe0rest"), MB).typ is Filtyp.JPEG


@pytest.mark.parametrize(
    "namn",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "a/b.pdf",
        "a\\b.pdf",
        "x\x00.pdf",
        "x\n.pdf",
        "..",
        "C:fil.pdf",
    ],
)
def test_sokvagar_och_styrtecken_i_namnet_avvisas(namn: str) -> None:
    with pytest.raises(OgiltigUppgift, match="sökväg|styrtecken"):
        kontrollera_namn(namn)


def test_ett_zip_som_inte_ar_word_avvisas() -> None:
    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w") as zf:
        zf.writestr("xl/workbook.xml", "<x/>")
    with pytest.raises(OgiltigUppgift, match="inget Word-dokument"):
        granska(InkommenFil("kalkyl.docx", ut.getvalue()), MB)


def test_en_trasig_docx_avvisas() -> None:
    with pytest.raises(OgiltigUppgift, match="går inte att packa upp"):
        granska(InkommenFil("trasig.docx", data.docx()[:2000]), MB)


def test_zipbomben_stoppas_innan_den_packas_upp() -> None:
    with pytest.raises(OgiltigUppgift, match="zip-bomb"):
        granska(InkommenFil("bomb.docx", data.zipbomb(200 * MB)), 100 * MB)


def test_en_bomb_som_ljuger_om_sin_storlek_avvisas() -> None:
    """The central directory says the document is 1 byte: the declared sizes pass, but the
    member is read (never more than it declared), and what it holds does not match its
    checksum: refused, and never unpacked beyond the declared size."""
    bomb = bytearray(data.zipbomb(8 * MB))
    # Rewrite the declared uncompressed size of word/document.xml in the central directory
    # (and the zip64 extra field) to 1 byte: the header now lies.
    cd = bomb.rfind(b"PK\x01\x02")
    namn_langd = int.from_bytes(bomb[cd + 28 : cd + 30], "little")
    extra_langd = int.from_bytes(bomb[cd + 30 : cd + 32], "little")
    bomb[cd + 24 : cd + 28] = (1).to_bytes(4, "little")
    extra = cd + 46 + namn_langd
    slut = extra + extra_langd
    while extra < slut:
        tag = int.from_bytes(bomb[extra : extra + 2], "little")
        langd = int.from_bytes(bomb[extra + 2 : extra + 4], "little")
        if tag == 1:  # zip64: uncompressed size first
            bomb[extra + 4 : extra + 12] = (1).to_bytes(8, "little")
        extra += 4 + langd
    with pytest.raises(OgiltigUppgift, match="går inte att packa upp"):
        granska(InkommenFil("bomb.docx", bytes(bomb)), 100 * MB)


@pytest.mark.parametrize(
    ("amne", "vantat"),
    [
        ("Yttrande i SoN 2008/1", "SoN 2008/1"),
        ("Re: Yttrande 2008/1 gäller son 2008/17", "SoN 2008/17"),
        ("Dnr ÖSDN 2019/123, komplettering", "ÖSDN 2019/123"),
        ("Yttrande 2008/1", None),
        ("Hej", None),
    ],
)
def test_diarienumret_i_amnesraden(amne: str, vantat: str | None) -> None:
    dnr = dnr_i_text(amne, ["SoN", "ÖSDN"])
    assert (str(dnr) if dnr else None) == vantat


def test_en_pdf_med_skrap_fore_huvudet_ar_en_pdf_och_ett_brev_om_pdf_ar_ett_brev() -> None:
    assert faktisk_typ(b"\r\n\x00junk\n" + data.PDF) is Filtyp.PDF
    assert faktisk_typ(b"From: a@example.se\r\nSubject: %PDF-1.4\r\n\r\n%PDF-1.4") is Filtyp.EML


@pytest.mark.parametrize(
    ("stycken", "text"),
    [((), ""), ((3,), "3"), ((2, 3, 4, 7), "2–4, 7"), ((1, 3, 5), "1, 3, 5"), ((1, 2), "1–2")],
)
def test_styckena_skrivs_som_intervall(stycken: tuple[int, ...], text: str) -> None:
    assert intervall(stycken) == text


def test_en_markering_av_delar_sager_vilka() -> None:
    hel = Sekretessmarkering("OSL 26 kap. 1 §", date(2026, 11, 23), "Per Lindqvist")
    assert str(hel) == "OSL 26 kap. 1 § (2026-11-23, Per Lindqvist)"
    delar = Sekretessmarkering("OSL 26 kap. 1 §", date(2026, 11, 23), "Per Lindqvist", (3, 4, 8))
    assert str(delar) == "OSL 26 kap. 1 §, stycke 3–4, 8 (2026-11-23, Per Lindqvist)"
