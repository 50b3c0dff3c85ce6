"""The audit chain's heads, published on the anslagstavla once a day: every one of them,
newest first, a page at a time, and the same as JSON for `arende verifiera --publicerade`
and for anyone who keeps copies (the proof is stronger the more places hold them)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from arende.domain.fel import OgiltigUppgift
from arende.domain.kedjehuvud import som_oppna_data
from arende.entrypoints.publik.visning import Visning, heltal
from arende.service_layer import publikt

RUBRIK = "Granskningsloggens kontrollsummor"


def router(visning: Visning) -> APIRouter:
    app = APIRouter()

    @app.get("/anslagstavla/kontrollsummor", response_class=HTMLResponse)
    def kontrollsummor(request: Request, sida: str = "1") -> HTMLResponse:
        try:
            resultat = publikt.kontrollsummor(visning.kalla.uow(), heltal(sida, "Sidan"))
        except OgiltigUppgift as fel:
            return visning.fel(request, RUBRIK, fel.meddelande, 400)
        return visning.sida(request, "kontrollsummor.html", {"rubrik": RUBRIK, "sida": resultat})

    @app.get("/anslagstavla/kontrollsummor.json")
    def kontrollsummor_json() -> JSONResponse:
        return JSONResponse(
            [som_oppna_data(h) for h in publikt.alla_kontrollsummor(visning.kalla.uow())]
        )

    return app
