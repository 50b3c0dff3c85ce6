"""The Swedish page for every request the site cannot answer: an address that leads
nowhere (404), a method other than GET and HEAD (405, with the Allow header), a value the
framework cannot read (400), and a fault of the site itself (500), which never shows a
stack trace; the server still logs it. And HEAD, answered as GET without the body."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from arende.entrypoints.publik.visning import Visning

_SVAR = {
    404: (
        "Sidan finns inte",
        "Det finns ingen sida på den här adressen. Kontrollera adressen eller börja på startsidan.",
    ),
    405: (
        "Sidan kan bara läsas",
        "Webbplatsens sidor kan bara hämtas och läsas (GET och HEAD), inte ändras eller "
        "skickas till.",
    ),
}


def anslut_felsidor(app: FastAPI, visning: Visning) -> None:
    @app.exception_handler(HTTPException)
    def http_fel(request: Request, fel: Exception) -> HTMLResponse:
        assert isinstance(fel, HTTPException)
        rubrik, meddelande = _SVAR.get(
            fel.status_code,
            ("Begäran kunde inte besvaras", f"Begäran kunde inte besvaras ({fel.status_code})."),
        )
        svar = visning.fel(request, rubrik, meddelande, fel.status_code)
        svar.headers.update(fel.headers or {})
        if fel.status_code == 405:
            svar.headers["allow"] = "GET, HEAD"
        return svar

    @app.exception_handler(RequestValidationError)
    def ogiltig(request: Request, _fel: Exception) -> HTMLResponse:
        return visning.fel(
            request,
            "Felaktig adress",
            "Adressen innehåller ett värde som inte går att tolka. Kontrollera den.",
            400,
        )

    @app.exception_handler(Exception)
    def internt_fel(request: Request, _fel: Exception) -> HTMLResponse:
        return visning.fel(
            request,
            "Ett fel uppstod",
            "Sidan kunde inte visas på grund av ett fel hos oss. Försök igen om en stund.",
            500,
        )


class HeadSomGet:
    """Every page answers HEAD (link checkers, caches) with the headers GET would give,
    Content-Length included, and no body; the routes themselves say only GET."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def utan_kropp(meddelande: Message) -> None:
            if meddelande["type"] == "http.response.body":
                meddelande = {**meddelande, "body": b""}
            await send(meddelande)

        await self.app({**scope, "method": "GET"}, receive, utan_kropp)
