"""A handling's text as numbered stycken (adapters/textlasning.py): a Word file's
paragraphs and table cells in order, an e-mail's plain-text paragraphs, nothing for an
image, and a broken PDF refused in Swedish. (A PDF's text layer, line by line, is read in
tests/integration/test_utlamnande.py, on a PDF LibreOffice made.)"""

from __future__ import annotations

import io

import pytest
from docx import Document

from arende.adapters.textlasning import OcrTextlasare
from arende.domain.fel import OgiltigUppgift
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


def test_en_bild_har_inga_stycken() -> None:
    assert text.stycken(data.PNG, "png") == []


@pytest.mark.parametrize("pdf", [b"%PDF-1.4\ntrasig utan struktur", data.PDF])
def test_en_trasig_pdf_avvisas_pa_svenska(pdf: bytes) -> None:
    # data.PDF has no cross-reference table: a reader cannot find its pages.
    with pytest.raises(OgiltigUppgift, match="går inte att läsa som PDF"):
        text.stycken(pdf, "pdf")
