"""PDF for publication and the archive, made by LibreOffice headless (a real reader of Word
files) as PDF/A-2b: fonts embedded, an sRGB output intent, XMP metadata naming the level."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from arende.domain.fel import TjanstSaknas

# LibreOffice's PDF export with its filter options as JSON (7.4 and later): PDF/A-2b.
PDF_A_2B = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def hitta_libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class LibreOfficePdf:
    def __init__(self, program: str | None = None, tidsgrans: float = 180) -> None:
        self.program = program
        self.tidsgrans = tidsgrans

    def till_pdf(self, docx: bytes) -> bytes:
        program = self.program or hitta_libreoffice()
        if program is None:
            raise TjanstSaknas(
                "LibreOffice saknas, så ingen PDF kunde göras (Word-filen finns). "
                "Installera Debians paket libreoffice-writer (make gör det där apt-get finns)."
            )
        with tempfile.TemporaryDirectory(prefix="arende-pdf-") as tmp:
            katalog = Path(tmp)
            (katalog / "dokument.docx").write_bytes(docx)
            # An own profile per call: two conversions at once must not share LibreOffice's.
            profil = (katalog / "profil").as_uri()
            resultat = subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={profil}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    PDF_A_2B,
                    "--outdir",
                    str(katalog),
                    str(katalog / "dokument.docx"),
                ],
                capture_output=True,
                text=True,
                timeout=self.tidsgrans,
                check=False,
            )
            pdf = katalog / "dokument.pdf"
            if resultat.returncode != 0 or not pdf.is_file():
                raise TjanstSaknas(
                    "LibreOffice kunde inte göra någon PDF av dokumentet "
                    f"(slutkod {resultat.returncode}): {resultat.stderr.strip()[-300:]}"
                )
            return pdf.read_bytes()
