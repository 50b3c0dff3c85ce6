"""Word templates (.docx with Jinja tags) rendered with docxtpl in a Jinja2 sandbox.

Why docxtpl: a kommun edits its templates in Word, letterhead and all, and docxtpl renders
the Jinja tags inside them without us rebuilding the layout in code. The environment is
sandboxed, undefined names are errors (a field a kommun's template asks for and we lack is
named to the person, and nothing is registered), and every value is XML-escaped, so user
text is data and never template code or markup.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from docx import Document
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from arende.domain.fel import OgiltigUppgift

# Characters XML 1.0 cannot carry. docxtpl would also turn \a and \f into paragraph and page
# breaks, so a control character in user text could change the layout: drop them all.
_OGILTIGA_XML_TECKEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SAKNAT_FALT = re.compile(r"'(?:[^']*object' has no attribute )?'?([^' ]+)'")


def rensa(varde: Any) -> Any:
    """Make every string in the data safe to put into a Word document, recursively."""
    if isinstance(varde, str):
        return _OGILTIGA_XML_TECKEN.sub("", varde.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(varde, dict):
        return {k: rensa(v) for k, v in varde.items()}
    if isinstance(varde, list | tuple):
        return [rensa(v) for v in varde]
    return varde


class Wordmallar:
    def __init__(self, katalog: Path) -> None:
        self.katalog = katalog

    def _miljo(self) -> SandboxedEnvironment:
        return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)

    def rendera(self, mall: str, data: dict[str, Any]) -> bytes:
        """The filled-in document as .docx bytes, or a Swedish error naming what is wrong."""
        fil = (self.katalog / mall).resolve()
        if not fil.is_relative_to(self.katalog.resolve()) or not fil.is_file():
            raise OgiltigUppgift(f"Dokumentmallen '{mall}' finns inte i {self.katalog}.")
        try:
            dokument = DocxTemplate(str(fil))
            dokument.render(rensa(data), jinja_env=self._miljo(), autoescape=True)
        except UndefinedError as fel:
            traff = _SAKNAT_FALT.search(fel.message or "")
            falt = traff.group(1) if traff else (fel.message or "?")
            raise OgiltigUppgift(
                f"Dokumentmallen '{mall}' använder fältet '{falt}', som inte finns i "
                "ärendets uppgifter. Rätta mallen (eller välj en annan); inget har registrerats."
            ) from None
        except TemplateSyntaxError as fel:
            raise OgiltigUppgift(
                f"Dokumentmallen '{mall}' har ett fel i en Jinja-tagg ({fel.message}); "
                "inget har registrerats."
            ) from None
        except SecurityError as fel:
            raise OgiltigUppgift(
                f"Dokumentmallen '{mall}' försöker göra något som inte är tillåtet i en "
                f"mall ({fel}); inget har registrerats."
            ) from None
        except TemplateError as fel:
            raise OgiltigUppgift(
                f"Dokumentmallen '{mall}' kunde inte fyllas i ({fel}); inget har registrerats."
            ) from None
        ut = io.BytesIO()
        dokument.save(ut)
        return ut.getvalue()

    def som_markdown(self, docx: bytes) -> str:
        return docx_som_markdown(docx)


def docx_stycken(docx: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph in the body, tables read row by row."""
    dokument = Document(io.BytesIO(docx))
    stycken: list[tuple[str, str]] = []
    for del_ in dokument.element.body.iterchildren():
        tagg = del_.tag.rsplit("}", 1)[-1]
        if tagg == "p":
            from docx.text.paragraph import Paragraph

            stycke = Paragraph(del_, dokument)
            stycken.append((stycke.style.name if stycke.style else "", stycke.text))
        elif tagg == "tbl":
            from docx.table import Table

            for rad in Table(del_, dokument).rows:
                celler = [c.text.strip() for c in rad.cells if c.text.strip()]
                if celler:
                    stycken.append(("Tabell", " · ".join(dict.fromkeys(celler))))
    return stycken


def docx_sidhuvud(docx: bytes) -> str:
    dokument = Document(io.BytesIO(docx))
    delar: list[str] = []
    for sektion in dokument.sections:
        for tabell in sektion.header.tables:
            for rad in tabell.rows:
                delar.extend(c.text.strip() for c in rad.cells if c.text.strip())
        delar.extend(p.text.strip() for p in sektion.header.paragraphs if p.text.strip())
    return "\n".join(delar)


def docx_som_markdown(docx: bytes) -> str:
    """A Markdown preview of the document's text for the Prefect UI."""
    rader: list[str] = []
    sidhuvud = docx_sidhuvud(docx)
    if sidhuvud:
        rader.append("  \n".join(sidhuvud.splitlines()))
        rader.append("")
    for stil, text in docx_stycken(docx):
        if not text.strip():
            continue
        if stil.startswith("Heading") or stil == "Title":
            niva = int(stil.split()[-1]) if stil[-1].isdigit() else 1
            rader.append(f"{'#' * (niva + 1)} {text}")
        elif stil.startswith("List Bullet"):
            rader.append(f"- {text}")
        else:
            rader.append(text.replace("\n", "  \n"))
        rader.append("")
    return "\n".join(rader)
