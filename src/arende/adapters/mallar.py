"""Text templates rendered in a Jinja2 sandbox: user text is data, never template code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateNotFound, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from arende.domain.fel import OgiltigUppgift


class Textmallar:
    def __init__(self, katalog: Path) -> None:
        self.katalog = katalog
        self.miljo = SandboxedEnvironment(
            loader=FileSystemLoader(katalog),
            undefined=StrictUndefined,  # a field the template names but we lack is an error
            autoescape=False,  # Markdown, not HTML
            keep_trailing_newline=True,
        )

    def rendera(self, namn: str, data: dict[str, Any]) -> str:
        try:
            return self.miljo.get_template(namn).render(**data)
        except TemplateNotFound:
            raise OgiltigUppgift(f"Mallen '{namn}' finns inte i {self.katalog}.") from None
        except UndefinedError as fel:
            raise OgiltigUppgift(
                f"Mallen '{namn}' använder ett fält som saknas: {fel.message}"
            ) from None
