"""The public web site, for anyone, without a login: the anslagstavla, the nämnders
sammanträden with their kallelser and protokoll, and the e-diarium.

Server-rendered Swedish pages (Jinja2, templates/publik/), usable without JavaScript and
with a keyboard. The site only reads, through a `Publikkalla` (adapters/publiklasning.py):
the database opened read-only, the archive, the clock. It never sees the write use cases
(an import-linter contract in pyproject.toml says so). One module per part of the site:

- `anslagstavla`: the notices up today (and the coming meetings whose kallelse has gone out),
  the archive of those taken down, an Atom feed per nämnd;
- `kontrollsummor`: the audit chain's heads published daily on the anslagstavla (and as JSON);
- `sammantraden`: the meetings by nämnd and year, each with its kallelse and, once justerat,
  its protokoll as HTML, and their files (checked against the register before they go out);
- `diarium`: the e-diarium's search;
- `oppna_data`: open data, an OParl-like JSON API and a calendar file per nämnd.

An address that leads nowhere gets the same Swedish page as every other refusal.

`python -m deployments.publik` serves it (`make up` does, on port 4203).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from arende.adapters.publiklasning import Publikkalla
from arende.entrypoints.publik import (
    anslagstavla,
    diarium,
    kontrollsummor,
    oppna_data,
    sammantraden,
)
from arende.entrypoints.publik.visning import Visning


def skapa_app(kalla: Publikkalla, kommun: str = "Stockholms stad") -> FastAPI:
    app = FastAPI(title="Ärendesystemets publika sidor", docs_url=None, redoc_url=None)
    visning = Visning(kalla, kommun)

    @app.get("/", response_class=HTMLResponse)
    def start(request: Request) -> HTMLResponse:
        return visning.sida(request, "start.html", {"rubrik": kommun})

    @app.exception_handler(HTTPException)
    def http_fel(request: Request, fel: HTTPException) -> HTMLResponse:
        if fel.status_code == 404:
            return visning.fel(
                request, "Sidan finns inte", "Det finns ingen sida på den adressen.", 404
            )
        if fel.status_code == 405:
            return visning.fel(request, "Går inte", "Sidorna här går bara att läsa.", 405)
        return visning.fel(request, "Fel", "Frågan kunde inte besvaras.", fel.status_code)

    @app.exception_handler(RequestValidationError)
    def felaktig_fraga(request: Request, _fel: RequestValidationError) -> HTMLResponse:
        return visning.fel(request, "Fel", "Adressen eller frågan går inte att tolka.", 400)

    @app.exception_handler(500)
    def internt_fel(request: Request, _fel: Exception) -> HTMLResponse:
        """Whatever went wrong inside stays inside: a Swedish page, no trace."""
        return visning.fel(
            request, "Något gick fel", "Sidan kunde inte visas just nu. Försök igen senare.", 500
        )

    app.include_router(anslagstavla.router(visning))
    app.include_router(kontrollsummor.router(visning))
    # Before sammantraden: its /sammantraden/{kortnamn}.ics must not be read as a meeting.
    app.include_router(oppna_data.router(visning))
    app.include_router(sammantraden.router(visning))
    app.include_router(diarium.router(visning))
    return app
