"""The text of a document: Word's paragraphs and tables (python-docx), a PDF's text layer
(pdftotext from Debian's poppler-utils) and, for a PDF without one (a scan), OCR by OCRmyPDF
with Tesseract's Swedish model (Debian's ocrmypdf, tesseract-ocr-swe; `make install`
installs them where apt-get and root are at hand). `las` gives an earlier document's text
for the import (of an image too: the same OCR as its stycken, line by line); `stycken_med_rutor` a handling's text as numbered stycken, for marking and
masking a part of it (a Word paragraph or table cell, a paragraph of an e-mail, a line of a
PDF's text layer, a paragraph Tesseract finds on a scanned page or an image), with where
each stands on its page. It is the one numbering: `arende stycken`, the marking's check,
the prövning's form and the masked copy all read it from here. `maskerad_kopia` gives a
Word handling's copy with those stycken masked (adapters/maskering.py).

A PDF's stycken are the lines of its text layer, as pdftotext has always given them, so a
marking made of a text PDF keeps naming the same lines; `pdftotext -bbox-layout` gives each
line's box. A scan has no lines of its own to keep: Tesseract's paragraphs (its TSV's
block and par) are what a reader calls stycken, and one is masked whole.

A PDF counts as scanned when its text layer has fewer than `minsta_tecken_per_sida`
characters per page; then the whole document is OCR-read: for the import by OCRmyPDF
(--force-ocr, its sidecar file), for the stycken by Tesseract on each page rendered by
pdftoppm at `OCR_DPI`. OCR of the same file gives the same stycken, so a reading is kept in
memory by the file's sha256 (the form, the check and the copy of one prövning read the
file once). Programs run in a temporary folder of their own, with a time limit.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence, Set
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDokument
from docx.table import Table
from docx.text.paragraph import Paragraph
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from arende.domain.fel import OgiltigUppgift, TjanstSaknas
from arende.service_layer.ports import Lastext, Ruta, Stycke

# Images a handling may be (domain/inkommen_fil.py's Filtyp, with the longer spellings).
BILDTYPER = frozenset({"png", "jpg", "jpeg", "tif", "tiff"})
# Tesseract reads a page best at 300 dpi; a scanner's 200 dpi page is rendered up to it.
OCR_DPI = 300
# An image larger than this many pixels a page is refused rather than read (Pillow's
# decompression-bomb guard is 89 million; an A3 page at 600 dpi is 70 million).
STORSTA_BILDPUNKTER = 100_000_000
_OCR_MINNE = 16


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
        if andelse in BILDTYPER:
            # The stycken's OCR, its lines kept: a heading ("§ 12", "Dnr …") on a line of its
            # own, as the import's reading expects, stycken parted by a blank line.
            stycken = self._ocr_stycken(innehall, "bild")
            text = "\n\n".join("\n".join(s.rader or (s.text,)) for s in stycken)
            sidor = max((r.sida for s in stycken for r in s.rutor), default=1)
            return Lastext(text, "bild", sidor)
        raise OgiltigUppgift(f"'{namn}': bara docx, pdf, bilder (png, jpg, tif) och txt kan läsas.")

    def stycken(self, innehall: bytes, filtyp: str) -> list[str]:
        return [s.text for s in self.stycken_med_rutor(innehall, filtyp)]

    def stycken_med_rutor(self, innehall: bytes, filtyp: str) -> list[Stycke]:
        """Empty for a file without text (a blank page, a photo without writing)."""
        typ = filtyp.lower().lstrip(".")
        if typ == "docx":
            return [Stycke(" ".join(p.text.split())) for p in docx_stycken(docx_dokument(innehall))]
        if typ == "pdf":
            with tempfile.TemporaryDirectory(prefix="arende-text-") as tmp:
                pdf = Path(tmp) / "handling.pdf"
                pdf.write_bytes(innehall)
                rader, sidor = pdf_rader(pdf, "handlingen", self.tidsgrans)
                tecken = sum(len("".join(r.text.split())) for r in rader)
                if tecken >= self.minsta_tecken_per_sida * max(sidor, 1):
                    return rader
            return self._ocr_stycken(innehall, "pdf")
        if typ in BILDTYPER:
            return self._ocr_stycken(innehall, "bild")
        if typ == "eml":
            meddelande = BytesParser(policy=policy.default).parsebytes(innehall)
            assert isinstance(meddelande, EmailMessage)
            kropp = meddelande.get_body(preferencelist=("plain",))
            text = kropp.get_content() if isinstance(kropp, EmailMessage) else ""
            return [Stycke(t) for t in _rader(re.split(r"\n\s*\n", str(text)))]
        return []

    def _ocr_stycken(self, innehall: bytes, slag: str) -> list[Stycke]:
        """The paragraphs Tesseract finds on each page, read once per file and language."""
        nyckel = (hashlib.sha256(innehall).hexdigest(), slag, self.sprak)
        if nyckel in _lasta:
            return _lasta[nyckel]
        stycken: list[Stycke] = []
        with tempfile.TemporaryDirectory(prefix="arende-ocr-") as tmp:
            sidor = (
                pdf_sidbilder(innehall, Path(tmp), OCR_DPI, self.tidsgrans, gra=True)
                if slag == "pdf"
                else _bildfiler(innehall, Path(tmp))
            )
            tesseract = shutil.which("tesseract")
            if tesseract is None:
                raise TjanstSaknas(
                    "Handlingen är en skanning eller en bild och Tesseract saknas: installera "
                    "Debians paket tesseract-ocr och tesseract-ocr-swe (make install gör det "
                    "där apt-get finns)."
                )
            for nummer, sida in enumerate(sidor, start=1):
                resultat = kor(
                    [tesseract, str(sida), "stdout", "-l", self.sprak, "tsv"], self.tidsgrans
                )
                if resultat.returncode != 0:
                    raise TjanstSaknas(
                        f"OCR-läsningen av sida {nummer} misslyckades (slutkod "
                        f"{resultat.returncode}): {resultat.stderr.strip()[-300:]}"
                    )
                stycken += _tsv_stycken(resultat.stdout, nummer)
        if len(_lasta) >= _OCR_MINNE:
            _lasta.pop(next(iter(_lasta)))
        _lasta[nyckel] = stycken
        return stycken

    def maskerad_kopia(
        self,
        innehall: bytes,
        filtyp: str,
        maskerade: Set[int],
        bestammelse: str,
        inledning: Sequence[str],
    ) -> bytes | None:
        """A Word file's copy is the file itself, masked (adapters/maskering.py); None for
        the others (a PDF's or an image's is painted on its pages, an e-mail's written from
        its text)."""
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
        resultat = kor(
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


_lasta: dict[tuple[str, str, str], list[Stycke]] = {}


def _tsv_stycken(tsv: str, sida: int) -> list[Stycke]:
    """Tesseract's TSV of one page as its paragraphs in reading order: the words of each
    (block, paragraph) joined, and the box around them as fractions of the page."""
    bredd = hojd = 0
    ordning: dict[tuple[int, int], list[tuple[str, int, int, int, int]]] = {}
    rader: dict[tuple[int, int], dict[int, list[str]]] = {}
    for rad in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if rad["level"] == "1":
            bredd, hojd = int(rad["width"]), int(rad["height"])
        elif rad["level"] == "5" and (rad.get("text") or "").strip():
            x, y = int(rad["left"]), int(rad["top"])
            stycke = (int(rad["block_num"]), int(rad["par_num"]))
            ordning.setdefault(stycke, []).append(
                (rad["text"].strip(), x, y, x + int(rad["width"]), y + int(rad["height"]))
            )
            rader.setdefault(stycke, {}).setdefault(int(rad["line_num"]), []).append(
                rad["text"].strip()
            )
    if not bredd or not hojd:
        return []
    ut = []
    for stycke, ord_ in ordning.items():
        ruta = Ruta(
            sida,
            min(o[1] for o in ord_) / bredd,
            min(o[2] for o in ord_) / hojd,
            max(o[3] for o in ord_) / bredd,
            max(o[4] for o in ord_) / hojd,
        )
        ut.append(
            Stycke(
                " ".join(o[0] for o in ord_),
                (ruta,),
                tuple(" ".join(r) for r in rader[stycke].values()),
            )
        )
    return ut


def pdf_rader(pdf: Path, namn: str, tidsgrans: float = 300) -> tuple[list[Stycke], int]:
    """The lines of the PDF's text layer with their boxes (pdftotext -bbox-layout), in the
    order pdftotext reads them, and the number of pages."""
    program = shutil.which("pdftotext")
    if program is None:
        raise TjanstSaknas(
            "pdftotext saknas: installera Debians paket poppler-utils (make install gör det "
            "där apt-get finns)."
        )
    resultat = kor([program, "-enc", "UTF-8", "-bbox-layout", str(pdf), "-"], tidsgrans)
    if resultat.returncode != 0:
        raise OgiltigUppgift(
            f"'{namn}' går inte att läsa som PDF (den är trasig eller krypterad): "
            f"{resultat.stderr.strip()[-200:]}"
        )
    # A character XML does not allow (a control code in a broken font's text) is dropped.
    xml = re.sub(
        r"[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", resultat.stdout
    )
    try:
        rot = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml, count=1))
    except ET.ParseError as fel:
        raise OgiltigUppgift(f"Texten i '{namn}' går inte att läsa ut: {fel}") from None
    ns = "{http://www.w3.org/1999/xhtml}"
    rader: list[Stycke] = []
    sidor = rot.iter(f"{ns}page")
    antal = 0
    for antal, sida in enumerate(sidor, start=1):
        bredd, hojd = float(sida.get("width", 0)), float(sida.get("height", 0))
        if bredd <= 0 or hojd <= 0:
            continue
        for rad in sida.iter(f"{ns}line"):
            text = " ".join(" ".join((o.text or "") for o in rad.iter(f"{ns}word")).split())
            if not text:
                continue
            x0, y0 = float(rad.get("xMin", 0)), float(rad.get("yMin", 0))
            x1, y1 = float(rad.get("xMax", 0)), float(rad.get("yMax", 0))
            rader.append(Stycke(text, (Ruta(antal, x0 / bredd, y0 / hojd, x1 / bredd, y1 / hojd),)))
    return rader, antal


def pdf_sidbilder(
    innehall: bytes, katalog: Path, dpi: int, tidsgrans: float, *, gra: bool = False
) -> list[Path]:
    """The PDF's pages as PNG files in `katalog`, rendered by pdftoppm, in page order."""
    program = shutil.which("pdftoppm")
    if program is None:
        raise TjanstSaknas(
            "pdftoppm saknas: installera Debians paket poppler-utils (make install gör det "
            "där apt-get finns)."
        )
    pdf = katalog / "original.pdf"
    pdf.write_bytes(innehall)
    resultat = kor(
        [
            program,
            "-r",
            str(dpi),
            *(["-gray"] if gra else []),
            "-png",
            str(pdf),
            str(katalog / "sida"),
        ],
        tidsgrans,
    )
    if resultat.returncode != 0:
        raise OgiltigUppgift(
            "Handlingen går inte att läsa som PDF (den är trasig eller krypterad): "
            f"{resultat.stderr.strip()[-200:]}"
        )
    return sorted(katalog.glob("sida-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def bildsidor(innehall: bytes) -> list[Image.Image]:
    """An image file's pages (a TIFF may hold several), turned upright as its EXIF says,
    in grey or colour: the OCR and the masked copy see the same pixels."""
    try:
        bild = Image.open(io.BytesIO(innehall))
        sidor = []
        for ram in ImageSequence.Iterator(bild):
            if ram.width * ram.height > STORSTA_BILDPUNKTER:
                raise OgiltigUppgift(
                    f"Bilden är för stor att läsa ({ram.width} × {ram.height} bildpunkter)."
                )
            sida = ImageOps.exif_transpose(ram)
            sidor.append(sida.convert("L" if sida.mode in ("1", "L", "I;16", "I") else "RGB"))
        return sidor
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
    ) as fel:
        raise OgiltigUppgift(f"Handlingen går inte att läsa som bild: {fel}") from None


def _bildfiler(innehall: bytes, katalog: Path) -> list[Path]:
    filer = []
    for i, sida in enumerate(bildsidor(innehall), start=1):
        fil = katalog / f"sida-{i}.png"
        sida.save(fil)
        filer.append(fil)
    return filer


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
    resultat = kor([program, "-enc", "UTF-8", str(pdf), "-"], tidsgrans)
    if resultat.returncode != 0:
        raise OgiltigUppgift(
            f"'{namn}' går inte att läsa som PDF (den är trasig eller krypterad): "
            f"{resultat.stderr.strip()[-200:]}"
        )
    return resultat.stdout


def kor(kommando: list[str], tidsgrans: float) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            kommando, capture_output=True, text=True, timeout=tidsgrans, check=False
        )
    except subprocess.TimeoutExpired:
        raise TjanstSaknas(
            f"{Path(kommando[0]).name} blev inte klar inom {tidsgrans:.0f} s."
        ) from None
