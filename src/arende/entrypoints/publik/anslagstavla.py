"""The digital anslagstavla (kommunallagen 8 kap. 9–12 §§): the notices up today, by nämnd or
all, and the coming meetings whose kallelse has gone out; the archive of those taken down; an
Atom feed per nämnd. What is up is decided by the
clock of the site's source, so a test can stand on any day."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.organisation import Namnd
from arende.entrypoints.publik.visning import Visning, heltal
from arende.service_layer import publika_sammantraden, publikt

RUBRIK = "Anslagstavla"


def router(visning: Visning) -> APIRouter:
    app = APIRouter()

    def vald_namnd(kortnamn: str) -> Namnd | None:
        return publikt.namnd_med_kortnamn(visning.kalla.uow(), kortnamn) if kortnamn else None

    def kortnamn() -> dict[str, str]:
        return {n.namn: n.diarieprefix for n in publikt.namnder(visning.kalla.uow())}

    @app.get("/anslagstavla", response_class=HTMLResponse)
    def tavlan(request: Request, namnd: str = "") -> HTMLResponse:
        idag = visning.kalla.klocka.idag()
        try:
            vald = vald_namnd(namnd)
        except HittasInte as fel:
            return visning.fel(request, RUBRIK, fel.meddelande, 404)
        notiser = publikt.anslagstavlan(visning.kalla.uow(), idag, vald.namn if vald else None)
        kommande = publika_sammantraden.kommande_kallade(
            visning.kalla.uow(), [vald] if vald else publikt.namnder(visning.kalla.uow()), idag
        )
        return visning.sida(
            request,
            "anslagstavla.html",
            {
                "rubrik": RUBRIK + (f": {vald.namn}" if vald else ""),
                "idag": idag,
                "notiser": notiser,
                "kommande": kommande,
                "vald": vald,
                "namnder": publikt.namnder(visning.kalla.uow()),
                "kortnamn": kortnamn(),
                "kontrollsumma": publikt.senaste_kontrollsumma(visning.kalla.uow()),
            },
        )

    @app.get("/anslagstavla/skarm", response_class=HTMLResponse)
    def skarmen(request: Request) -> HTMLResponse:
        """The board for a screen in the town hall (8 kap. 9 §): today's notices in large
        type, nothing else."""
        idag = visning.kalla.klocka.idag()
        return visning.sida(
            request,
            "anslagstavla_skarm.html",
            {
                "rubrik": RUBRIK,
                "idag": idag,
                "notiser": publikt.anslagstavlan(visning.kalla.uow(), idag),
                "kortnamn": {},
            },
        )

    @app.get("/anslagstavla/arkiv", response_class=HTMLResponse)
    def arkivet(request: Request, namnd: str = "", sida: str = "1") -> HTMLResponse:
        idag = visning.kalla.klocka.idag()
        try:
            vald = vald_namnd(namnd)
            resultat = publikt.anslagsarkivet(
                visning.kalla.uow(), idag, vald.namn if vald else None, heltal(sida, "Sidan")
            )
        except HittasInte as fel:
            return visning.fel(request, "Anslagstavlans arkiv", fel.meddelande, 404)
        except OgiltigUppgift as fel:
            return visning.fel(request, "Anslagstavlans arkiv", fel.meddelande, 400)
        return visning.sida(
            request,
            "anslagsarkiv.html",
            {
                "rubrik": "Anslagstavlans arkiv" + (f": {vald.namn}" if vald else ""),
                "sida": resultat,
                "vald": vald,
                "namnder": publikt.namnder(visning.kalla.uow()),
                "kortnamn": kortnamn(),
            },
        )

    @app.get("/anslagstavla/{namnd}.atom")
    def flode(request: Request, namnd: str) -> Response:
        try:
            vald = publikt.namnd_med_kortnamn(visning.kalla.uow(), namnd)
        except HittasInte as fel:
            return visning.fel(request, RUBRIK, fel.meddelande, 404)
        notiser = publikt.alla_anslag(visning.kalla.uow(), vald.namn)
        uppdaterad = max((n.publicerad for n in notiser), default=datetime(2000, 1, 1, tzinfo=UTC))
        svar = visning.sida(
            request,
            "anslagstavla.atom.xml",
            {
                "rubrik": f"Anslagstavla: {vald.namn}",
                "namnd": vald,
                "notiser": notiser,
                "uppdaterad": uppdaterad,
                "bas": str(request.base_url).rstrip("/"),
            },
        )
        svar.headers["content-type"] = "application/atom+xml; charset=utf-8"
        return svar

    return app
