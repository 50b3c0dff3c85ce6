"""Files for the tests of what comes in: a real Word document, a PDF, a PNG, e-mails with
attachments, and the bad ones (a zip bomb, a file whose extension lies ...)."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import zipfile
from email import policy
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from docx import Document

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
    b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def docx(text: str = "Yttrande över nomineringen") -> bytes:
    dokument = Document()
    dokument.add_paragraph(text)
    ut = io.BytesIO()
    dokument.save(ut)
    return ut.getvalue()


def zipbomb(uppackat: int = 200 << 20) -> bytes:
    """A 'docx' whose document.xml unpacks to `uppackat` bytes of zeros from a few hundred
    kilobytes: what an attacker sends to fill a server's memory or disk."""
    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as del_:
            block = b"\x00" * (1 << 20)
            for _ in range(uppackat >> 20):
                del_.write(block)
    return ut.getvalue()


def epost(
    amne: str = "Yttrande i SoN 2008/1",
    avsandare: str | None = "Anna Andersson <anna.andersson@example.se>",
    bilagor: list[tuple[str, bytes, str, str]] | None = None,
    message_id: str | None = None,
    text: str = "Hej! Här kommer vårt yttrande med bilagor.",
) -> EmailMessage:
    brev = EmailMessage()
    if avsandare is not None:
        brev["From"] = avsandare
    brev["To"] = "registrator@stockholm.example"
    brev["Subject"] = amne
    brev["Message-ID"] = message_id or make_msgid(domain="example.se")
    brev.set_content(text)
    for namn, innehall, huvudtyp, undertyp in bilagor or []:
        brev.add_attachment(innehall, maintype=huvudtyp, subtype=undertyp, filename=namn)
    return brev


def tva_bilagor() -> list[tuple[str, bytes, str, str]]:
    return [
        (
            "yttrande.docx",
            docx(),
            "application",
            "vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("underskrift.pdf", PDF, "application", "pdf"),
    ]


def over_smtp(brev: EmailMessage) -> bytes:
    """The message as a mail client sends it: CRLF line ends (RFC 5321)."""
    return brev.as_bytes(policy=policy.SMTP)


def skriv_stort_brev(fil: Path, storlek: int, amne: str = "Yttrande i SoN 2008/1") -> str:
    """An e-mail to the registrator with one attachment ('yttrande.pdf') of `storlek`
    random bytes in base64, written in pieces (never whole in memory); the attachment's
    sha256."""
    grans = "=_grans_" + os.urandom(8).hex()
    summa = hashlib.sha256()
    with fil.open("wb") as ut:
        ut.write(
            (
                "From: Anna Andersson <anna.andersson@example.se>\r\n"
                "To: registrator@stockholm.example\r\n"
                f"Subject: {amne}\r\n"
                f"Message-ID: {make_msgid(domain='example.se')}\r\n"
                "MIME-Version: 1.0\r\n"
                f'Content-Type: multipart/mixed; boundary="{grans}"\r\n\r\n'
                f"--{grans}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                "Hej! Här kommer vårt yttrande.\r\n"
                f"--{grans}\r\nContent-Type: application/pdf\r\n"
                "Content-Transfer-Encoding: base64\r\n"
                'Content-Disposition: attachment; filename="yttrande.pdf"\r\n\r\n'
            ).encode()
        )
        kvar, forsta = storlek, True
        while kvar > 0:
            bit = min(kvar, 57 * 20_000)  # whole base64 lines of 76 characters
            innehall = os.urandom(bit)
            if forsta:
                innehall = b"%PDF-1.4\n" + innehall[9:]
                forsta = False
            summa.update(innehall)
            kodat = base64.b64encode(innehall)
            ut.write(b"\r\n".join(kodat[i : i + 76] for i in range(0, len(kodat), 76)) + b"\r\n")
            kvar -= bit
        ut.write(f"--{grans}--\r\n".encode())
    return summa.hexdigest()
