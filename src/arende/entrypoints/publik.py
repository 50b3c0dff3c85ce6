"""The public web site, for anyone, without a login: so far the e-diarium.

Server-rendered Swedish pages (Jinja2, templates/publik/), usable without JavaScript and
with a keyboard: a search form, a table, page links. It only reads, through the same view
the registrator's `arende diarium` uses (service_layer/visningar.diariesida), so a search
is checked the same way and a bad one gets the same Swedish message, with nothing read.

`python -m deployments.publik` serves it (`make up` does, on port 4203).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from arende.bootstrap import Arendesystem
from arende.domain.fel import OgiltigUppgift
from arende.domain.skeden import Skede
from arende.service_layer import visningar
from arende.service_layer.valbara import valbara
from arende.service_layer.visningsportar import Diarieurval

PER_SIDA = 25


def skapa_app(system: Callable[[], Arendesystem], kommun: str = "Stockholms stad") -> FastAPI:
    """The site over the system `system()` gives (opened per request: it reads only)."""
    app = FastAPI(title="Ärendesystemets publika sidor", docs_url=None, redoc_url=None)
    mallar = Jinja2Templates(directory=str(system().mallkatalog / "publik"))

    @app.get("/", include_in_schema=False)
    def start() -> RedirectResponse:
        return RedirectResponse("/diarium", 303)

    @app.get("/diarium", response_class=HTMLResponse)
    def diarium(
        request: Request,
        sok: str = "",
        namnd: str = "",
        ar: str = "",
        status: str = "",
        sida: str = "1",
    ) -> HTMLResponse:
        uow = system().uow()
        val = valbara(uow)
        fel, resultat = None, None
        urval = Diarieurval(namnd=namnd or None, sok=sok or None, status=status or None)
        try:
            urval = Diarieurval(
                namnd=namnd or None,
                ar=_heltal(ar, "Året") if ar else None,
                status=status or None,
                sok=sok.strip() or None,
                sida=_heltal(sida, "Sidan"),
                per_sida=PER_SIDA,
            )
            if urval.namnd and urval.namnd not in val.namnder:
                raise OgiltigUppgift(f"Det finns ingen nämnd som heter '{urval.namnd}'.")
            resultat = visningar.diariesida(uow, urval)
        except OgiltigUppgift as avvisning:
            fel = avvisning.meddelande

        def lank(nummer: int) -> str:
            fragor: dict[str, Any] = {"sok": sok, "namnd": namnd, "ar": ar, "status": status}
            return "/diarium?" + urlencode(
                {k: v for k, v in fragor.items() if v} | {"sida": nummer}
            )

        return mallar.TemplateResponse(
            request,
            "diarium.html",
            {
                "rubrik": "E-diariet",
                "kommun": kommun,
                "urval": urval,
                "sida": resultat,
                "fel": fel,
                "lank": lank,
                "namnder": val.namnder,
                "skeden": [s.value for s in Skede],
            },
            status_code=400 if fel else 200,
        )

    return app


def _heltal(text: str, vad: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise OgiltigUppgift(f"{vad} ska vara ett heltal, inte '{text}'.") from None
