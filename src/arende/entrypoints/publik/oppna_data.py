"""Open data: a read-only JSON API under /oparl/v1/ modelled on OParl 1.1, a page that
explains it (/oppna-data), and each nämnd's sammanträden as a calendar file
(/sammantraden/{kortnamn}.ics) built by the same iCalendar export the CLI uses.

The objects are built by service_layer/oppna_data/; this module only reads the request
and answers. Every answer an API client can cause to fail is OParl's error object with a
Swedish message and a 400 or 404, never a stack trace."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from arende.adapters.ical import till_ics
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.entrypoints.publik.visning import Visning
from arende.service_layer import publikt
from arende.service_layer.kalenderexport import sammantradeskalender
from arende.service_layer.oppna_data import arenden, listor, moten, organisation
from arende.service_layer.oppna_data.objekt import OPARL, Adresser

FEL = OPARL + "Error"
# OParl asks for cross-origin reads (a browser client on another site), GET only.
CORS = {"Access-Control-Allow-Origin": "*"}
ANDRA_METODER = ["POST", "PUT", "PATCH", "DELETE"]


def _fel(status: int, meddelande: str) -> JSONResponse:
    return JSONResponse(
        {"type": FEL, "message": meddelande, "debug": {"status": status}},
        status_code=status,
        headers=CORS,
    )


def _sidnummer(text: str) -> int:
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        raise OgiltigUppgift(f"Sidan ska vara ett heltal, inte '{text[:40]}'.")
    if len(text) > 6:
        raise HittasInte(f"Sidan {text[:40]}… finns inte.")
    return int(text)


def router(visning: Visning) -> APIRouter:
    app = APIRouter()
    kalla = visning.kalla

    def svara(request: Request, bygg: Callable[[Adresser], dict[str, Any]]) -> JSONResponse:
        try:
            data = bygg(Adresser(str(request.base_url)))
        except HittasInte as fel:
            return _fel(404, fel.meddelande)
        except OgiltigUppgift as fel:
            return _fel(400, fel.meddelande)
        return JSONResponse(data, headers=CORS)

    def lista(
        request: Request, page: str, bygg: Callable[[Adresser, int], dict[str, Any]]
    ) -> JSONResponse:
        def sida(adr: Adresser) -> dict[str, Any]:
            listor.kontrollera_filter(list(request.query_params))
            return bygg(adr, _sidnummer(page))

        return svara(request, sida)

    @app.get("/oppna-data", response_class=HTMLResponse)
    def sidan_om_oppna_data(request: Request) -> HTMLResponse:
        return visning.sida(
            request,
            "oppna_data.html",
            {
                "rubrik": "Öppna data",
                "bas": str(request.base_url).rstrip("/"),
                "namnder": publikt.namnder(kalla.uow()),
            },
        )

    @app.get("/sammantraden/{kortnamn}.ics")
    def sammantradeskalender_ics(request: Request, kortnamn: str) -> Response:
        try:
            namnd = publikt.namnd_med_kortnamn(kalla.uow(), kortnamn)
        except HittasInte as fel:
            return visning.fel(request, "Sammanträden", fel.meddelande, 404)
        ics = till_ics(sammantradeskalender(kalla.uow(), namnd.namn), datetime.now(UTC))
        return Response(ics, media_type="text/calendar; charset=utf-8")

    @app.get("/oparl/v1/system")
    def api_system(request: Request) -> JSONResponse:
        return svara(request, lambda adr: organisation.system(adr, visning.kommun))

    @app.get("/oparl/v1/body")
    def api_kommuner(request: Request, page: str = "1") -> JSONResponse:
        def bygg(adr: Adresser, sida: int) -> dict[str, Any]:
            listor.kontrollera_sida(sida, 1)
            return organisation.kommunerna(adr, visning.kommun)

        return lista(request, page, bygg)

    @app.get("/oparl/v1/body/{kommun}")
    def api_kommun(request: Request, kommun: str) -> JSONResponse:
        def bygg(adr: Adresser) -> dict[str, Any]:
            if adr.body() != f"{adr.kommuner()}/{kommun}":
                raise HittasInte(f"Det finns ingen kommun '{kommun[:40]}' här: bara 'kommun'.")
            return organisation.body(adr, visning.kommun)

        return svara(request, bygg)

    @app.get("/oparl/v1/body/kommun/organization")
    def api_organisationer(request: Request, page: str = "1") -> JSONResponse:
        return lista(
            request, page, lambda adr, sida: organisation.organisationer(kalla.uow(), adr, sida)
        )

    @app.get("/oparl/v1/body/kommun/person")
    def api_personer(request: Request, page: str = "1") -> JSONResponse:
        return lista(request, page, lambda adr, sida: organisation.personer(kalla.uow(), adr, sida))

    @app.get("/oparl/v1/body/kommun/meeting")
    def api_alla_moten(request: Request, page: str = "1") -> JSONResponse:
        return lista(
            request,
            page,
            lambda adr, sida: moten.moten(kalla.uow(), kalla.arkiv, adr, sida, None),
        )

    @app.get("/oparl/v1/body/kommun/paper")
    def api_arenden(request: Request, page: str = "1") -> JSONResponse:
        return lista(request, page, lambda adr, sida: arenden.arenden(kalla.uow(), adr, sida))

    @app.get("/oparl/v1/organization/{kortnamn}")
    def api_organisation(request: Request, kortnamn: str) -> JSONResponse:
        return svara(request, lambda adr: organisation.organisation(kalla.uow(), adr, kortnamn))

    @app.get("/oparl/v1/organization/{kortnamn}/meeting")
    def api_namndens_moten(request: Request, kortnamn: str, page: str = "1") -> JSONResponse:
        return lista(
            request,
            page,
            lambda adr, sida: moten.moten(kalla.uow(), kalla.arkiv, adr, sida, kortnamn),
        )

    @app.get("/oparl/v1/person/{namn}")
    def api_person(request: Request, namn: str) -> JSONResponse:
        return svara(request, lambda adr: organisation.person(kalla.uow(), adr, namn))

    @app.get("/oparl/v1/membership/{kortnamn}/{namn}")
    def api_medlemskap(request: Request, kortnamn: str, namn: str) -> JSONResponse:
        return svara(request, lambda adr: organisation.medlemskap(kalla.uow(), adr, kortnamn, namn))

    @app.get("/oparl/v1/meeting/{kortnamn}/{datum}")
    def api_mote(request: Request, kortnamn: str, datum: str) -> JSONResponse:
        return svara(
            request, lambda adr: moten.mote(kalla.uow(), kalla.arkiv, adr, kortnamn, datum)
        )

    @app.get("/oparl/v1/meeting/{kortnamn}/{datum}/agendaItem/{ordning}")
    def api_punkt(request: Request, kortnamn: str, datum: str, ordning: str) -> JSONResponse:
        return svara(
            request,
            lambda adr: moten.dagordningspunkt(
                kalla.uow(), kalla.arkiv, adr, kortnamn, datum, ordning
            ),
        )

    @app.get("/oparl/v1/meeting/{kortnamn}/{datum}/file/{namn}")
    def api_motesfil(request: Request, kortnamn: str, datum: str, namn: str) -> JSONResponse:
        return svara(
            request,
            lambda adr: moten.motesfil(kalla.uow(), kalla.arkiv, adr, kortnamn, datum, namn),
        )

    @app.get("/oparl/v1/paper/{pid}")
    def api_arende(request: Request, pid: str) -> JSONResponse:
        return svara(request, lambda adr: arenden.arende(kalla.uow(), adr, pid))

    @app.get("/oparl/v1/paper/{pid}/file/{nummer}/{version}")
    def api_fil(request: Request, pid: str, nummer: str, version: str) -> JSONResponse:
        return svara(
            request, lambda adr: arenden.fil(kalla.uow(), adr, pid, nummer, version, False)
        )

    @app.get("/oparl/v1/paper/{pid}/file/{nummer}/{version}/pdf")
    def api_pdf(request: Request, pid: str, nummer: str, version: str) -> JSONResponse:
        return svara(request, lambda adr: arenden.fil(kalla.uow(), adr, pid, nummer, version, True))

    @app.get("/oparl/v1/{rest:path}")
    def api_okand(rest: str) -> JSONResponse:
        return _fel(
            404,
            f"Det finns inget '/oparl/v1/{rest[:60]}'. Börja vid /oparl/v1/system och följ "
            "länkarna.",
        )

    @app.api_route("/oparl/v1/{rest:path}", methods=ANDRA_METODER)
    def api_bara_lasning(request: Request, rest: str) -> JSONResponse:
        svar = _fel(
            405, f"Öppna data kan bara hämtas och läsas (GET), inte ändras med {request.method}."
        )
        svar.headers["Allow"] = "GET, HEAD"
        return svar

    return app
