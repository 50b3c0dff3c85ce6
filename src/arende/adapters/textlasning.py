"""The text of a document: Word's paragraphs and tables (python-docx), a PDF's text layer
(pdftotext from Debian's poppler-utils) and, for a PDF without one (a scan), OCR by OCRmyPDF
with Tesseract's Swedish model (Debian's ocrmypdf, tesseract-ocr-swe; `make install`
installs them where apt-get and root are at hand). `las` gives an earlier document's text
for the import; `stycken` a handling's text as numbered stycken, for masking a copy given
out (a Word paragraph or table cell, a line of a PDF's text, a paragraph of an e-mail), and
`maskerad_kopia` a Word handling's copy with those stycken masked.

A PDF counts as scanned when its text layer has fewer than `minsta_tecken_per_sida`
characters per page; then the whole document is OCR-read (--force-ocr) and the text is
OCRmyPDF's sidecar file. Programs run in a temporary folder of their own, with a time limit.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence, Set
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDokument
from docx.table import Table
from docx.text.paragraph import Paragraph

from arende.domain.fel import OgiltigUppgift, TjanstSaknas
from arende.service_layer.ports import Lastext


class OcrTextlasare:
    def __init__(
        self, sprak: str = "swe", minsta_tecken_per_sida: int = 40, tidsgrans: float = 900
    ) -> None:
        self.sprak = sprak
        self.minsta_tecken_per_sida = minsta_tecken_per_sida
        self.tidsgrans = tidsgrans

    def las(self, namn: str, innehall: bytes) -> Lastext:
        andelse = namn.rsplit(".", 1)[-1].casefold()
        if andelse == "txt":
            return Lastext(innehall.decode("utf-8"), "txt")
        if andelse == "docx":
            return Lastext(docx_text(innehall), "docx")
        if andelse == "pdf":
            return self._pdf(namn, innehall)
        raise OgiltigUppgift(f"'{namn}': bara docx, pdf och txt kan läsas.")

    def stycken(self, innehall: bytes, filtyp: str) -> list[str]:
        """Empty for a file without text (an image, a scan: it cannot be masked here)."""
        typ = filtyp.lower().lstrip(".")
        if typ == "docx":
            return [" ".join(p.text.split()) for p in docx_stycken(docx_dokument(innehall))]
        if typ == "pdf":
            with tempfile.TemporaryDirectory(prefix="arende-text-") as tmp:
                pdf = Path(tmp) / "handling.pdf"
                pdf.write_bytes(innehall)
                return _rader(pdf_text(pdf, "handlingen", self.tidsgrans).splitlines())
        if typ == "eml":
            meddelande = BytesParser(policy=policy.default).parsebytes(innehall)
            assert isinstance(meddelande, EmailMessage)
            kropp = meddelande.get_body(preferencelist=("plain",))
            text = kropp.get_content() if isinstance(kropp, EmailMessage) else ""
            return _rader(re.split(r"\n\s*\n", str(text)))
        return []

    def maskerad_kopia(
        self,
        innehall: bytes,
        filtyp: str,
        maskerade: Set[int],
        bestammelse: str,
        inledning: Sequence[str],
    ) -> bytes | None:
        """A Word file's copy is the file itself, masked (adapters/maskering.py); the
        others' are written from their text for now."""
        if filtyp.lower().lstrip(".") != "docx":
            return None
        # Imported here: the masking numbers the stycken with this module's docx_stycken.
        from arende.adapters.maskering import maskerad_kopia_docx

        return maskerad_kopia_docx(innehall, maskerade, bestammelse, inledning=inledning)

    def _pdf(self, namn: str, innehall: bytes) -> Lastext:
        with tempfile.TemporaryDirectory(prefix="arende-text-") as tmp:
            pdf = Path(tmp) / "handling.pdf"
            pdf.write_bytes(innehall)
            text = pdf_text(pdf, namn, self.tidsgrans)
            sidor = max(text.count("\f"), 1)
            if len("".join(text.split())) >= self.minsta_tecken_per_sida * sidor:
                return Lastext(text.replace("\f", "\n\n"), "pdf", sidor)
            return Lastext(self.ocr(pdf, namn), "ocr", sidor)

    def ocr(self, pdf: Path, namn: str) -> str:
        """The PDF's text as Tesseract reads its pages (OCRmyPDF's sidecar)."""
        program = shutil.which("ocrmypdf")
        if program is None:
            raise TjanstSaknas(
                f"'{namn}' är en skannad PDF utan text, och OCRmyPDF saknas: installera "
                "Debians paket ocrmypdf och tesseract-ocr-swe (make install gör det där "
                "apt-get finns)."
            )
        sidecar = pdf.with_suffix(".txt")
        resultat = _kor(
            [
                program,
                "--force-ocr",
                "--language",
                self.sprak,
                "--output-type",
                "none",
                "--sidecar",
                str(sidecar),
                "--quiet",
                str(pdf),
                "-",
            ],
            self.tidsgrans,
        )
        if resultat.returncode != 0 or not sidecar.is_file():
            fel = resultat.stderr.strip()[-300:]
            if resultat.returncode in (2, 6):  # bad input file, unreadable PDF
                raise OgiltigUppgift(f"'{namn}' går inte att läsa som PDF: {fel}")
            raise TjanstSaknas(
                f"OCR-läsningen av '{namn}' misslyckades (slutkod {resultat.returncode}): {fel}"
            )
        return sidecar.read_text(encoding="utf-8").replace("\f", "\n\n")


def _rader(texter: list[str]) -> list[str]:
    """Each text on one line with single spaces; the empty ones left out."""
    return [r for r in (" ".join(x.split()) for x in texter) if r]


def docx_dokument(innehall: bytes) -> DocxDokument:
    try:
        return Document(io.BytesIO(innehall))
    except Exception as fel:  # python-docx raises what the zip or the XML raised
        raise OgiltigUppgift(f"Word-filen går inte att läsa: {fel}") from None


def docx_stycken(dokument: DocxDokument) -> list[Paragraph]:
    """The paragraphs that are a Word file's numbered stycken: stycke n is element n - 1.
    The body's paragraphs and its tables' cells in document order (a merged cell once for
    each grid column it covers, as python-docx's row gives its cells); a paragraph with
    only white space is no stycke. The masked copy (adapters/maskering.py) finds the
    stycken here too, so the numbers the handläggare chose are the paragraphs it masks."""
    ut: list[Paragraph] = []
    for del_ in dokument.iter_inner_content():
        if isinstance(del_, Paragraph):
            kandidater = [del_]
        else:
            kandidater = [p for rad in del_.rows for c in rad.cells for p in c.paragraphs]
        ut += [p for p in kandidater if p.text.split()]
    return ut


def _docx_delar(innehall: bytes) -> Iterator[Paragraph | Table]:
    """A Word file's paragraphs and tables in document order."""
    return docx_dokument(innehall).iter_inner_content()


def docx_text(innehall: bytes) -> str:
    """The paragraphs and table rows of a Word file, in their order (a row's cells by tab)."""
    rader: list[str] = []
    for del_ in _docx_delar(innehall):
        if isinstance(del_, Paragraph):
            rader.append(del_.text)
        elif isinstance(del_, Table):
            rader += ["\t".join(c.text for c in rad.cells) for rad in del_.rows]
            rader.append("")
    return "\n".join(rader)


def pdf_text(pdf: Path, namn: str, tidsgrans: float = 300) -> str:
    """The PDF's text layer (pages parted by form feeds), as pdftotext gives it."""
    program = shutil.which("pdftotext")
    if program is None:
        raise TjanstSaknas(
            "pdftotext saknas: installera Debians paket poppler-utils (make install gör det "
            "där apt-get finns)."
        )
    resultat = _kor([program, "-enc", "UTF-8", str(pdf), "-"], tidsgrans)
    if resultat.returncode != 0:
        raise OgiltigUppgift(
            f"'{namn}' går inte att läsa som PDF (den är trasig eller krypterad): "
            f"{resultat.stderr.strip()[-200:]}"
        )
    return resultat.stdout


def _kor(kommando: list[str], tidsgrans: float) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            kommando, capture_output=True, text=True, timeout=tidsgrans, check=False
        )
    except subprocess.TimeoutExpired:
        raise TjanstSaknas(
            f"{Path(kommando[0]).name} blev inte klar inom {tidsgrans:.0f} s."
        ) from None
