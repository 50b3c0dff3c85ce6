"""What every page of the public site shares: the templates, the kommun's name, the source
it reads, and the Swedish page for a request that cannot be answered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from arende.adapters.publiklasning import Publikkalla
from arende.domain.datum import svenskt_datum, veckodag
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift


@dataclass
class Visning:
    kalla: Publikkalla
    kommun: str
    mallar: Jinja2Templates = field(init=False)

    def __post_init__(self) -> None:
        self.mallar = Jinja2Templates(directory=str(self.kalla.mallkatalog / "publik"))
        self.mallar.env.globals["svenskt_datum"] = svenskt_datum
        self.mallar.env.filters["adress"] = lambda dnr: Diarienummer.tolka(dnr).adress
        self.mallar.env.globals["veckodag"] = veckodag

    def sida(
        self, request: Request, mall: str, data: dict[str, Any], status: int = 200
    ) -> HTMLResponse:
        return self.mallar.TemplateResponse(
            request, mall, {"kommun": self.kommun, **data}, status_code=status
        )

    def fel(self, request: Request, rubrik: str, meddelande: str, status: int) -> HTMLResponse:
        """A Swedish page saying why, never a stack trace."""
        return self.sida(
            request, "fel.html", {"rubrik": rubrik, "meddelande": meddelande}, status=status
        )


def heltal(text: str, vad: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise OgiltigUppgift(f"{vad} ska vara ett heltal, inte '{text[:40]}'.") from None


_ISODAG = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def dag(text: str, vad: str = "Datumet") -> date:
    """A day in an address, written ÅÅÅÅ-MM-DD and nothing else ('2008-13-45' is refused)."""
    if _ISODAG.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise OgiltigUppgift(
        f"{vad} '{text[:40]}' är inget datum: skriv det som ÅÅÅÅ-MM-DD, t.ex. 2008-05-13."
    )
