"""The seed documents as the files an earlier diarium holds: a Word file (one paragraph per
line), a PDF with a text layer (LibreOffice, as the system makes its own), a scanned PDF
(the pages as images only, rendered by Ghostscript's pdfimage8 device at 200 dpi, as a
scanner gives them: no text layer, so only OCR reads them) and an image of its pages (a
photographed or scanned page: PNG, JPEG, or a TIFF of all pages). Made at test time from the
seed text, so the test data is the seed itself."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from PIL import Image

from arende.adapters.pdf import LibreOfficePdf


def docx_av(text: str) -> bytes:
    dokument = Document()
    for rad in text.strip("\n").split("\n"):
        dokument.add_paragraph(rad)
    ut = io.BytesIO()
    dokument.save(ut)
    return ut.getvalue()


def textpdf_av(text: str) -> bytes:
    return LibreOfficePdf().till_pdf(docx_av(text))


def skannad_pdf_av(pdf: bytes, dpi: int = 200) -> bytes:
    """The PDF's pages as grey images in a PDF, no text: what a scanner makes."""
    gs = shutil.which("gs")
    assert gs is not None, "Ghostscript saknas (Debians ghostscript, ett beroende av ocrmypdf)"
    with tempfile.TemporaryDirectory(prefix="arende-skanning-") as tmp:
        in_, ut = Path(tmp) / "in.pdf", Path(tmp) / "ut.pdf"
        in_.write_bytes(pdf)
        subprocess.run(
            [
                gs,
                "-q",
                "-dBATCH",
                "-dNOPAUSE",
                "-dSAFER",
                "-sDEVICE=pdfimage8",
                f"-r{dpi}",
                f"-sOutputFile={ut}",
                str(in_),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return ut.read_bytes()


def bild_av(pdf: bytes, format_: str, dpi: int = 200) -> bytes:
    """The PDF's pages as an image file (pdftoppm, grey): the first page for PNG and JPEG,
    every page for TIFF."""
    with tempfile.TemporaryDirectory(prefix="arende-bild-") as tmp:
        in_ = Path(tmp) / "in.pdf"
        in_.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(in_), str(Path(tmp) / "sida")],
            check=True,
            capture_output=True,
            timeout=300,
        )
        sidor = [
            Image.open(p)
            for p in sorted(Path(tmp).glob("sida-*.png"), key=lambda p: int(p.stem.split("-")[1]))
        ]
        ut = io.BytesIO()
        if format_ == "TIFF":
            sidor[0].save(
                ut,
                format="TIFF",
                save_all=True,
                append_images=sidor[1:],
                compression="tiff_deflate",
            )
        else:
            sidor[0].save(ut, format=format_)
        return ut.getvalue()


def ocr_finns() -> bool:
    return all(shutil.which(p) for p in ("ocrmypdf", "tesseract", "pdftotext", "gs"))
