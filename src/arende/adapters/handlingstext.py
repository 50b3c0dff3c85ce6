"""The text of a handling's file as numbered stycken, for masking a copy given out.

A Word file's paragraphs (and its tables' cells) in document order, a PDF's text layer line
by line (pypdf), an e-mail's plain-text body paragraph by paragraph. An image, or a scanned
PDF without a text layer, has no stycken: it cannot be masked here.
"""

from __future__ import annotations

import io
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from arende.domain.fel import OgiltigUppgift


class Handlingstext:
    def stycken(self, innehall: bytes, filtyp: str) -> list[str]:
        typ = filtyp.lower().lstrip(".")
        if typ == "docx":
            return _docx(innehall)
        if typ == "pdf":
            return _pdf(innehall)
        if typ == "eml":
            return _eml(innehall)
        return []


def _rad(text: str) -> str:
    return " ".join(text.split())


def _docx(innehall: bytes) -> list[str]:
    dokument = Document(io.BytesIO(innehall))
    ut: list[str] = []
    for del_ in dokument.iter_inner_content():
        if isinstance(del_, Paragraph):
            ut.append(_rad(del_.text))
        elif isinstance(del_, Table):
            for rad in del_.rows:
                for cell in rad.cells:
                    ut.extend(_rad(p.text) for p in cell.paragraphs)
    return [s for s in ut if s]


def _pdf(innehall: bytes) -> list[str]:
    try:
        lasare = PdfReader(io.BytesIO(innehall))
        sidor = [sida.extract_text() or "" for sida in lasare.pages]
    except (PdfReadError, ValueError) as fel:
        raise OgiltigUppgift(f"PDF-filen kan inte läsas: {fel}") from None
    return [r for sida in sidor for r in (_rad(x) for x in sida.splitlines()) if r]


def _eml(innehall: bytes) -> list[str]:
    meddelande = BytesParser(policy=policy.default).parsebytes(innehall)
    assert isinstance(meddelande, EmailMessage)
    kropp = meddelande.get_body(preferencelist=("plain",))
    if kropp is None:
        return []
    text = kropp.get_content() if isinstance(kropp, EmailMessage) else ""
    return [r for r in (_rad(s) for s in re.split(r"\n\s*\n", str(text))) if r]
