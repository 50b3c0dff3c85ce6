"""Earlier documents in, and a large e-mail in, beside their floors (issue 19).

- N text documents (Word files of the protokollsutdrag, each with its own dnr and title)
  imported one by one as `arende importera --som` does it (read the text, extract the
  fields, register through the one pipeline into SQLite with the file archived and
  logged), beside bare text extraction of the same files (python-docx's paragraphs).
- M scanned pages (one-page scans of the same, rendered by LibreOffice and Ghostscript at
  200 dpi, image only) imported the same way (OCRmyPDF/Tesseract reads them), beside bare
  OCR of the same files (OCRmyPDF with the same settings, nothing else).
- An e-mail of S MB (one attachment of random bytes, base64) taken in along the path the
  SMTP receiver takes once the message is on disk (Inkorg.ta_in: read, parse, register
  with its attachment as a bilaga), in a process of its own whose peak memory (ru_maxrss)
  is measured, beside a process that only reads the file and hashes it in blocks. The per-file
  limit (ARENDE_INKOMMANDE_STORSTA_MB, default 100) is raised to fit the attachment.

    .venv/bin/python -m bench.bench_import [--texter N] [--skannade M] [--epost-mb S]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import skapa_motor, uppgradera
from arende.adapters.pdf import hitta_libreoffice
from arende.adapters.textlasning import OcrTextlasare, docx_text
from arende.bootstrap import Arendesystem, ladda_grunddata

ROT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROT))

from tests.aldre_filer import docx_av, skannad_pdf_av  # noqa: E402
from tests.inkommande_data import skriv_stort_brev  # noqa: E402

GRUNDDATA = ROT / "deployments" / "grunddata.toml"
PROTOKOLL = (ROT / "tests" / "data" / "protokollsutdrag_son_2008.txt").read_text("utf-8")
REGISTRATOR = "Per Lindqvist"
MB = 1 << 20


class Klocka:
    def idag(self) -> date:
        return date(2026, 11, 23)


@dataclass(frozen=True)
class Matning:
    texter: int
    import_text_s: float
    bar_text_s: float
    skannade: int
    import_ocr_s: float
    bar_ocr_s: float
    epost_mb: float
    epost_s: float
    epost_topp_mb: float
    las_s: float
    las_topp_mb: float
    tom_topp_mb: float


def _protokoll(i: int) -> str:
    """The protokollsutdrag as the i:th of a year's: its own paragraf, dnr and title."""
    return (
        PROTOKOLL.replace("§ 12", f"§ {i}")
        .replace("SoN 2008/12", f"SoN 2008/{i}")
        .replace("Stadens kvalitetsutmärkelse 2008", f"Ärende nummer {i} år 2008")
    )


def _system(katalog: Path, storsta: int = 100 * MB) -> Arendesystem:
    url = f"sqlite:///{katalog / 'arende.db'}"
    uppgradera(url)
    system = Arendesystem(
        skapa_motor(url),
        klocka=Klocka(),
        arkiv=Filarkiv(katalog / "arkiv"),
        storsta_inkommande=storsta,
    )
    ladda_grunddata(system, GRUNDDATA)
    return system


def _importera_alla(system: Arendesystem, filer: list[Path]) -> float:
    from arende.service_layer.aldre_handlingar import (
        Komplettering,
        forhandsgranska,
        importkommando,
    )
    from arende.service_layer.kommandon import InkommenFil

    borjan = time.perf_counter()
    for fil in filer:
        innehall = fil.read_bytes()
        visning = forhandsgranska(
            system.uow(), system.textlasare, fil.name, innehall, system.storsta_inkommande
        )
        assert visning.fynd.dnr is not None, fil
        system.utfor(
            importkommando(
                visning, Komplettering(), InkommenFil(fil.name, innehall), aktor=REGISTRATOR
            )
        )
    return time.perf_counter() - borjan


def _textpdfer(docx: list[Path], ut: Path) -> list[Path]:
    """Many Word files to PDF in one LibreOffice process (one per file would be the
    LibreOffice start, not the documents)."""
    program = hitta_libreoffice()
    assert program is not None, "LibreOffice saknas"
    profil = (ut / "profil").as_uri()
    subprocess.run(
        [program, f"-env:UserInstallation={profil}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(ut), *map(str, docx)],
        check=True, capture_output=True, timeout=1800,
    )  # fmt: skip
    return [ut / f"{d.stem}.pdf" for d in docx]


def texter(antal: int, katalog: Path) -> tuple[float, float]:
    filer = []
    for i in range(1, antal + 1):
        fil = katalog / f"protokoll-{i:04d}.docx"
        fil.write_bytes(docx_av(_protokoll(i)))
        filer.append(fil)
    borjan = time.perf_counter()
    for fil in filer:
        docx_text(fil.read_bytes())
    bar = time.perf_counter() - borjan
    system = _system(katalog / "texter")
    return _importera_alla(system, filer), bar


def skannade(antal: int, katalog: Path) -> tuple[float, float]:
    docx = []
    for i in range(1, antal + 1):
        fil = katalog / f"skanning-{i:04d}.docx"
        fil.write_bytes(docx_av(_protokoll(i)))
        docx.append(fil)
    filer = []
    for pdf in _textpdfer(docx, katalog):
        skannad = pdf.with_name(pdf.stem + "-skannad.pdf")
        skannad.write_bytes(skannad_pdf_av(pdf.read_bytes()))
        filer.append(skannad)
    lasare = OcrTextlasare()
    borjan = time.perf_counter()
    for fil in filer:
        lasare.ocr(fil, fil.name)
    bar = time.perf_counter() - borjan
    system = _system(katalog / "skannade")
    return _importera_alla(system, filer), bar


def _barn(lage: str, katalog: str, fil: str) -> None:
    """In the child process: take the e-mail in (or only read and hash it), print the time
    and this process's peak memory as JSON."""
    borjan = time.perf_counter()
    if lage == "epost":
        from arende.entrypoints.inkorg import Inkorg

        storsta = os.path.getsize(fil) + 10 * MB
        system = _system(Path(katalog), storsta=storsta)
        utfall = Inkorg(system, Path(katalog) / "inkorg").ta_in(Path(fil), "e-post")
        assert utfall.registrerad, utfall.meddelande
    elif lage == "las":
        summa = hashlib.sha256()
        with Path(fil).open("rb") as strom:
            while block := strom.read(MB):
                summa.update(block)
    tid = time.perf_counter() - borjan
    print(json.dumps({"s": tid, "topp": _topp()}))


def _topp() -> int:
    """This process's peak resident memory in bytes: VmHWM, which starts anew at exec
    (ru_maxrss would carry the forking parent's peak over)."""
    for rad in Path("/proc/self/status").read_text().splitlines():
        if rad.startswith("VmHWM:"):
            return int(rad.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _kor_barn(lage: str, katalog: Path, fil: Path) -> tuple[float, float]:
    svar = subprocess.run(
        [sys.executable, "-m", "bench.bench_import", "--barn", lage, str(katalog), str(fil)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROT,
        timeout=3600,
    )
    data = json.loads(svar.stdout.strip().splitlines()[-1])
    return float(data["s"]), float(data["topp"]) / MB


def epost(storlek_mb: int, katalog: Path) -> tuple[float, float, float, float, float, float]:
    """(size MB, time, peak MB) of taking the e-mail in, (time, peak MB) of only reading
    it, and the peak of a child that does nothing (the interpreter and imports)."""
    # The ärende the e-mail is about (an imported protokoll, SoN 2008/1), registered before
    # the child opens the database.
    system = _system(katalog)
    protokoll = katalog / "protokoll.docx"
    protokoll.write_bytes(docx_av(_protokoll(1)))
    _importera_alla(system, [protokoll])
    fil = katalog / "inkorg" / "stort.eml"
    fil.parent.mkdir(exist_ok=True)
    skriv_stort_brev(fil, storlek_mb * MB)
    storlek = fil.stat().st_size / MB
    _, tom = _kor_barn("inget", katalog, fil)
    las_s, las_topp = _kor_barn("las", katalog, fil)
    epost_s, epost_topp = _kor_barn("epost", katalog, fil)
    return storlek, epost_s, epost_topp, las_s, las_topp, tom


def mat(texter_antal: int, skannade_antal: int, epost_mb: int) -> Matning:
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        katalog = Path(tmp)
        (katalog / "t").mkdir()
        (katalog / "s").mkdir()
        (katalog / "e").mkdir()
        import_text, bar_text = texter(texter_antal, katalog / "t")
        import_ocr, bar_ocr = skannade(skannade_antal, katalog / "s")
        storlek, epost_s, epost_topp, las_s, las_topp, tom = epost(epost_mb, katalog / "e")
    return Matning(
        texter_antal,
        import_text,
        bar_text,
        skannade_antal,
        import_ocr,
        bar_ocr,
        storlek,
        epost_s,
        epost_topp,
        las_s,
        las_topp,
        tom,
    )


def main(argv: list[str] | None = None) -> int:
    tolk = argparse.ArgumentParser(description=__doc__)
    tolk.add_argument("--texter", type=int, default=100)
    tolk.add_argument("--skannade", type=int, default=10)
    tolk.add_argument("--epost-mb", type=int, default=20)
    tolk.add_argument("--barn", nargs=3, metavar=("LAGE", "KATALOG", "FIL"), help=argparse.SUPPRESS)
    arg = tolk.parse_args(argv)
    if arg.barn:
        _barn(*arg.barn)
        return 0
    print(mat(arg.texter, arg.skannade, arg.epost_mb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
