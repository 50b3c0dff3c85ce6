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

- `felsidor`: the Swedish page for an address, a method or a fault it cannot answer, and HEAD.

`python -m deployments.publik` serves it (`make up` does, on port 4203).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from arende.adapters.publiklasning import Publikkalla
from arende.entrypoints.publik import (
    anslagstavla,
    diarium,
    kontrollsummor,
    oppna_data,
    sammantraden,
)
from arende.entrypoints.publik.felsidor import HeadSomGet, anslut_felsidor
from arende.entrypoints.publik.visning import Visning


def skapa_app(kalla: Publikkalla, kommun: str = "Stockholms stad") -> FastAPI:
    # No generated API description either: every answer is a Swedish page.
    app = FastAPI(
        title="Ärendesystemets publika sidor", docs_url=None, redoc_url=None, openapi_url=None
    )
    visning = Visning(kalla, kommun)
    anslut_felsidor(app, visning)

    @app.get("/", response_class=HTMLResponse)
    def start(request: Request) -> HTMLResponse:
        return visning.sida(request, "start.html", {"rubrik": kommun})

    app.include_router(anslagstavla.router(visning))
    app.include_router(kontrollsummor.router(visning))
    # Before sammantraden: its /sammantraden/{kortnamn}.ics must not be read as a meeting.
    app.include_router(oppna_data.router(visning))
    app.include_router(sammantraden.router(visning))
    app.include_router(diarium.router(visning))
    app.add_middleware(HeadSomGet)
    return app
