"""A handling's text as numbered stycken (adapters/textlasning.py): a Word file's
paragraphs and table cells in order, an e-mail's plain-text paragraphs, Tesseract's TSV as
paragraphs with their boxes, and a broken PDF or image refused in Swedish. (A PDF's text
layer, line by line, is read in tests/integration/test_utlamnande.py, on a PDF LibreOffice
made; a scan and an image by real OCR in tests/integration/test_maskering_av_skanningar.py.)"""

from __future__ import annotations

import io

import pytest
from docx import Document

from arende.adapters.textlasning import OcrTextlasare, _tsv_stycken
from arende.domain.fel import OgiltigUppgift
from arende.service_layer.ports import Ruta, Stycke
from tests import inkommande_data as data

text = OcrTextlasare()


def test_word_stycken_och_tabellceller_i_ordning_tomma_hoppas_over() -> None:
    dokument = Document()
    dokument.add_paragraph("Första")
    dokument.add_paragraph("   ")
    tabell = dokument.add_table(rows=1, cols=2)
    tabell.rows[0].cells[0].text = "Cell  A"
    tabell.rows[0].cells[1].text = "Cell B"
    dokument.add_paragraph("Sista")
    ut = io.BytesIO()
    dokument.save(ut)
    assert text.stycken(ut.getvalue(), "DOCX") == ["Första", "Cell A", "Cell B", "Sista"]


def test_e_postens_stycken_ar_textens() -> None:
    brev = data.epost(text="Hej!\n\nUppgifterna om\nklienten Xq7.\n\n\nMed vänlig hälsning")
    assert text.stycken(bytes(brev), ".eml") == [
        "Hej!",
        "Uppgifterna om klienten Xq7.",
        "Med vänlig hälsning",
    ]


def test_tesseracts_stycken_ar_dess_block_och_paragrafer_med_rutan_kring_orden() -> None:
    rader = [
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
        "\tconf\ttext",
        "1\t1\t0\t0\t0\t0\t0\t0\t1000\t2000\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t200\t80\t30\t96\tFörsta",
        "5\t1\t1\t1\t2\t1\t100\t240\t300\t30\t95\traden,",
        "4\t1\t2\t1\t1\t0\t100\t400\t200\t30\t-1\t",
        "5\t1\t2\t1\t1\t1\t100\t400\t200\t30\t-1\t ",
        "5\t1\t2\t1\t1\t2\t150\t400\t200\t40\t91\tSista",
    ]
    assert _tsv_stycken("\n".join(rader) + "\n", 3) == [
        Stycke("Första raden,", (Ruta(3, 0.1, 0.1, 0.4, 0.135),)),
        Stycke("Sista", (Ruta(3, 0.15, 0.2, 0.35, 0.22),)),
    ]


@pytest.mark.parametrize("typ", ["png", "jpg", "tif"])
def test_en_trasig_bild_avvisas_pa_svenska(typ: str) -> None:
    # data.PNG has the PNG signature and a header, but no image in it.
    with pytest.raises(OgiltigUppgift, match="går inte att läsa som bild"):
        text.stycken(data.PNG, typ)


@pytest.mark.parametrize("pdf", [b"%PDF-1.4\ntrasig utan struktur", data.PDF])
def test_en_trasig_pdf_avvisas_pa_svenska(pdf: bytes) -> None:
    # data.PDF has no cross-reference table: a reader cannot find its pages.
    with pytest.raises(OgiltigUppgift, match="går inte att läsa som PDF"):
        text.stycken(pdf, "pdf")
