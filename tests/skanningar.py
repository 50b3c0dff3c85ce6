"""A yttrande of three paragraphs, each over two lines, the middle one secret, as the files a
handling that is not Word may be: a PDF with text (LibreOffice), the same scanned (pages as
images only, tests/aldre_filer.py) and a PNG of its page (pdftoppm at 200 dpi), plus an
image with no writing. Made at test time; the masked copies are read with pypdf."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from arende.adapters.pdf import hitta_libreoffice
from tests.aldre_filer import ocr_finns, skannad_pdf_av, textpdf_av

TRE_STYCKEN = [
    "Yttrande över ansökan om bistånd från enskild person i stadsdelen, inkommen till "
    "förvaltningen under hösten och nu beredd av handläggaren.",
    "Klienten Xq7 har en diagnos som inte får röjas och som enligt läkarintyget kräver "
    "fortsatt behandling under lång tid framöver.",
    "Förvaltningen föreslår att ansökan beviljas i sin helhet och att beslutet gäller från "
    "och med den första december.",
]
# Words only the secret paragraph has, and words of each of the others.
HEMLIGA_ORD = ("Xq7", "diagnos", "läkarintyget", "behandling")
OPPNA_ORD = ("Yttrande", "bistånd", "handläggaren", "Förvaltningen", "beviljas", "december")


def kraver_ocr() -> None:
    """OCRmyPDF, Tesseract, poppler and LibreOffice (which makes the test's PDF)."""
    if not ocr_finns() or not shutil.which("pdftoppm") or hitta_libreoffice() is None:
        if os.environ.get("CI"):
            pytest.fail("OCRmyPDF, Tesseract, poppler-utils och LibreOffice måste finnas i CI.")
        pytest.skip("OCRmyPDF/Tesseract/LibreOffice saknas: make install installerar dem")


@cache
def textpdf() -> bytes:
    return textpdf_av("\n".join(TRE_STYCKEN))


@cache
def skanning() -> bytes:
    return skannad_pdf_av(textpdf())


@cache
def png() -> bytes:
    with tempfile.TemporaryDirectory(prefix="arende-png-") as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(textpdf())
        subprocess.run(
            ["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(Path(tmp) / "sida")],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (Path(tmp) / "sida.png").read_bytes()


def tom_png() -> bytes:
    """A white page: an image in which OCR finds no text."""
    ut = io.BytesIO()
    Image.new("L", (850, 1100), 255).save(ut, format="PNG")
    return ut.getvalue()


def pdf_text(pdf: bytes) -> str:
    """Every page's text layer, whitespace made single spaces."""
    return " ".join(
        " ".join((s.extract_text() or "").split()) for s in PdfReader(io.BytesIO(pdf)).pages
    )
