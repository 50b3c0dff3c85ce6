"""The masked copy of a PDF or an image given out (TF 2 kap. 15 §: the secret part masked,
the rest given out), drawn up from the pages as pictures, not from the text.

Each page is rendered by pdftoppm (Debian's poppler-utils) at `DPI`, or taken as the image
file has it, and the masked stycken's boxes (as textlasning.py numbers and places them) are
painted solid black in its pixels. The pages are then written as a new PDF of images only,
after a first page with the note that this is a copy given out with masking and under which
provision, so nothing of the original's text layer, fonts or metadata goes along. Last,
OCRmyPDF (with Tesseract's Swedish model) reads the pages and adds a text layer of what is
still visible and writes PDF/A: the rest stays searchable, and what is black has no text.

A box is widened by `MARGINAL` of an inch on every side (two pixels at 200 dpi): the boxes
hug the letters, and a grey rim of anti-aliasing is not left around them.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from arende.adapters.textlasning import BILDTYPER, bildsidor, kor, pdf_sidbilder
from arende.domain.fel import OgiltigUppgift, TjanstSaknas
from arende.service_layer.ports import Ruta

DPI = 200  # a scanner's usual resolution: legible, and OCR reads it well
MARGINAL = 0.01  # inch
A4 = (8.27, 11.69)  # inch
_TYPSNITT = Path("/usr/share/fonts/truetype/dejavu")


def maskerad_kopia_bild(
    original: bytes,
    filtyp: str,
    rutor: Sequence[Ruta],
    forsattsblad: Sequence[str],
    *,
    sprak: str = "swe",
    tidsgrans: float = 900,
) -> bytes:
    """The copy as PDF/A: `forsattsblad` (a heading, then paragraphs) on the first page,
    then the original's pages with `rutor` painted black, OCR-read."""
    ocrmypdf = shutil.which("ocrmypdf")
    if ocrmypdf is None:
        raise TjanstSaknas(
            "OCRmyPDF saknas, så ingen maskerad kopia kan göras av en PDF eller bild: "
            "installera Debians paket ocrmypdf och tesseract-ocr-swe (make install gör det "
            "där apt-get finns)."
        )
    typ = filtyp.lower().lstrip(".")
    with tempfile.TemporaryDirectory(prefix="arende-maskering-") as tmp:
        katalog = Path(tmp)
        if typ == "pdf":
            sidor: list[Image.Image] = [
                Image.open(p) for p in pdf_sidbilder(original, katalog, DPI, tidsgrans)
            ]
            upplosning = float(DPI)
        elif typ in BILDTYPER:
            sidor = bildsidor(original)
            upplosning = _bildens_upplosning(sidor[0])
        else:
            raise OgiltigUppgift(
                f"En maskerad kopia som bild görs bara av PDF och bilder (png, jpg, tif), "
                f"inte av '{filtyp}'."
            )
        if not sidor:
            raise OgiltigUppgift("Handlingen har inga sidor att göra en kopia av.")
        for ruta in rutor:
            if not 1 <= ruta.sida <= len(sidor):
                raise OgiltigUppgift(
                    f"Ett maskerat stycke står på sida {ruta.sida}, men handlingen har "
                    f"{len(sidor)} sidor: läs styckena igen (arende stycken)."
                )
        maskerade = [
            _svarta(sida, [r for r in rutor if r.sida == i], upplosning)
            for i, sida in enumerate(sidor, start=1)
        ]
        blad = _forsattsblad(forsattsblad, upplosning)
        bilder = katalog / "bilder.pdf"
        blad.save(bilder, save_all=True, append_images=maskerade, resolution=upplosning)
        kopia = katalog / "kopia.pdf"
        resultat = kor(
            [
                ocrmypdf,
                "--language",
                sprak,
                "--output-type",
                "pdfa",
                "--quiet",
                str(bilder),
                str(kopia),
            ],
            tidsgrans,
        )
        if resultat.returncode != 0 or not kopia.is_file():
            raise TjanstSaknas(
                f"OCR-läsningen av den maskerade kopian misslyckades (slutkod "
                f"{resultat.returncode}): {resultat.stderr.strip()[-300:]}"
            )
        return kopia.read_bytes()


def _bildens_upplosning(sida: Image.Image) -> float:
    """The image's own dpi if it states a plausible one, else what makes its page A4 wide
    or high at most (a photo of a letter, with no dpi, becomes a letter-sized page)."""
    dpi = sida.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and 50 <= float(dpi[0]) <= 1200:
        return float(dpi[0])
    return max(sida.width / A4[0], sida.height / A4[1], 72.0)


def _svarta(sida: Image.Image, rutor: Sequence[Ruta], upplosning: float) -> Image.Image:
    """The page with each box filled black, widened by MARGINAL on every side."""
    bild = sida.convert("L" if sida.mode in ("1", "L") else "RGB")
    if not rutor:
        return bild
    rita = ImageDraw.Draw(bild)
    kant = MARGINAL * upplosning
    b, h = bild.size
    for r in rutor:
        rita.rectangle(
            (
                max(0, int(r.x0 * b - kant)),
                max(0, int(r.y0 * h - kant)),
                min(b - 1, int(r.x1 * b + kant + 1)),
                min(h - 1, int(r.y1 * h + kant + 1)),
            ),
            fill=0,
        )
    return bild


def _typsnitt(storlek: int, fet: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    fil = _TYPSNITT / ("DejaVuSans-Bold.ttf" if fet else "DejaVuSans.ttf")
    if fil.is_file():
        return ImageFont.truetype(str(fil), storlek)
    return ImageFont.load_default(size=storlek)


def _forsattsblad(stycken: Sequence[str], upplosning: float) -> Image.Image:
    """A white A4 page with the heading and the paragraphs, wrapped within the margins."""
    bredd, hojd = int(A4[0] * upplosning), int(A4[1] * upplosning)
    blad = Image.new("L", (bredd, hojd), 255)
    rita = ImageDraw.Draw(blad)
    marginal = int(upplosning)  # an inch
    y = marginal
    for i, text in enumerate(stycken):
        storlek = round(upplosning * (16 if i == 0 else 11) / 72)  # points
        typsnitt = _typsnitt(storlek, fet=i == 0)
        for rad in _radbryt(rita, text, typsnitt, bredd - 2 * marginal):
            rita.text((marginal, y), rad, font=typsnitt, fill=0)
            y += int(storlek * 1.4)
        y += int(storlek * 0.8)
    return blad


def _radbryt(
    rita: ImageDraw.ImageDraw,
    text: str,
    typsnitt: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    bredd: int,
) -> list[str]:
    rader: list[str] = []
    rad = ""
    for ord_ in text.split():
        forsok = f"{rad} {ord_}".strip()
        if rad and rita.textlength(forsok, font=typsnitt) > bredd:
            rader.append(rad)
            rad = ord_
        else:
            rad = forsok
    if rad:
        rader.append(rad)
    return rader
