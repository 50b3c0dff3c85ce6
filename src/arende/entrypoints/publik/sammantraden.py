"""The nämnders sammanträden: the list by nämnd and year, one meeting's page (the kallelse
with its dagordning and, once justerat, the protokoll as HTML), and the files to download.

Every file is asked for by what it is (a meeting's protokoll or kallelse, a dnr and a
handling's number and version) and found in the register; nothing in an address becomes a
path. Bad addresses get the Swedish page: 400 for what cannot be a date, a number or a dnr,
404 for what does not exist, 403 for what sekretess keeps back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from arende.domain.datum import svenskt_datum
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, HittasInte, OgiltigUppgift
from arende.domain.organisation import Namnd
from arende.entrypoints.publik.visning import Visning, dag, heltal
from arende.service_layer import publika_filer, publika_sammantraden, publikt
from arende.service_layer.publika_filer import Arkivavvikelse, Sekretessbelagd, Utlamnad
from arende.service_layer.publika_sammantraden import Underlag

RUBRIK = "Sammanträden"


def handlingsadress(u: Underlag) -> str:
    return f"/handlingar/{Diarienummer.tolka(u.dnr).adress}/{u.nummer}/{u.version}"


def status_for(fel: ArendeFel) -> int:
    if isinstance(fel, HittasInte):
        return 404
    if isinstance(fel, Sekretessbelagd):
        return 403
    if isinstance(fel, Arkivavvikelse):
        return 500
    return 400


def fil_svar(fil: Utlamnad) -> Response:
    """The file, as its own type; a PDF opens in the browser, a Word file is saved."""
    visas = "inline" if fil.mediatyp == "application/pdf" else "attachment"
    return Response(
        fil.innehall,
        media_type=fil.mediatyp,
        headers={
            "Content-Disposition": f'{visas}; filename="{fil.filnamn}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


def router(visning: Visning) -> APIRouter:
    app = APIRouter()

    def namnder() -> list[Namnd]:
        return publikt.namnder(visning.kalla.uow())

    def motet(kortnamn: str, datum: str) -> tuple[Namnd, date]:
        namnd = publikt.namnd_med_kortnamn(visning.kalla.uow(), kortnamn)
        return namnd, dag(datum, "Sammanträdesdagen")

    @app.get("/sammantraden", response_class=HTMLResponse)
    def listan(request: Request, namnd: str = "", ar: str = "") -> HTMLResponse:
        idag = visning.kalla.klocka.idag()
        alla = namnder()
        try:
            vald = publikt.namnd_med_kortnamn(visning.kalla.uow(), namnd) if namnd else None
            aret = heltal(ar, "Året") if ar else idag.year
            if not 1900 <= aret <= 2999:
                raise OgiltigUppgift(f"Året ska ligga mellan 1900 och 2999, inte {aret}.")
        except ArendeFel as fel:
            return visning.fel(request, RUBRIK, fel.meddelande, status_for(fel))
        poster = publika_sammantraden.sammantraden(
            visning.kalla.uow(), [vald] if vald else alla, aret
        )
        return visning.sida(
            request,
            "sammantraden.html",
            {
                "rubrik": f"{RUBRIK} {aret}" + (f": {vald.namn}" if vald else ""),
                "ar": aret,
                "aren": publika_sammantraden.ar_med_sammantraden(visning.kalla.uow(), alla),
                "vald": vald,
                "namnder": alla,
                "kommande": [p for p in poster if p.datum >= idag],
                "tidigare": [p for p in poster if p.datum < idag],
            },
        )

    @app.get("/sammantraden/{kortnamn}/{datum}", response_class=HTMLResponse)
    def sammantradet(request: Request, kortnamn: str, datum: str) -> HTMLResponse:
        try:
            namnd, dagen = motet(kortnamn, datum)
            sida = publika_sammantraden.sammantradet(visning.kalla.uow(), namnd, dagen)
        except ArendeFel as fel:
            return visning.fel(request, "Sammanträdet", fel.meddelande, status_for(fel))
        return visning.sida(
            request,
            "sammantrade.html",
            {
                "rubrik": f"{namnd.namn}: sammanträde den {svenskt_datum(dagen)}",
                "sida": sida,
                "m": sida.post,
                "k": sida.kallelse,
                "p": sida.protokoll,
                "handlingsadress": handlingsadress,
            },
        )

    def fil(request: Request, rubrik: str, hamta: Callable[[], Utlamnad]) -> Response:
        try:
            return fil_svar(hamta())
        except ArendeFel as fel:
            return visning.fel(request, rubrik, fel.meddelande, status_for(fel))

    @app.get("/sammantraden/{kortnamn}/{datum}/protokoll.{format}")
    def protokoll_fil(request: Request, kortnamn: str, datum: str, format: str) -> Response:
        """The justerat protokoll: the sealed PDF, or the Word file."""

        def hamta() -> Utlamnad:
            if format not in ("pdf", "docx"):
                raise HittasInte(f"Protokollet finns som pdf och docx, inte '{format[:10]}'.")
            namnd, dagen = motet(kortnamn, datum)
            return publika_filer.protokollet(
                visning.kalla.uow(), visning.kalla.arkiv, namnd, dagen, pdf=format == "pdf"
            )

        return fil(request, "Protokollet", hamta)

    @app.get("/sammantraden/{kortnamn}/{datum}/kallelse.docx")
    def kallelse_docx(request: Request, kortnamn: str, datum: str) -> Response:
        def hamta() -> Utlamnad:
            namnd, dagen = motet(kortnamn, datum)
            return publika_filer.kallelsen(visning.kalla.uow(), visning.kalla.arkiv, namnd, dagen)

        return fil(request, "Kallelsen", hamta)

    @app.get("/handlingar/{dnr}/{nummer}/{version}")
    def handling(request: Request, dnr: str, nummer: str, version: str) -> Response:
        def hamta() -> Utlamnad:
            return publika_filer.handlingen(
                visning.kalla.uow(),
                visning.kalla.arkiv,
                Diarienummer.ur_adress(dnr),
                heltal(nummer, "Handlingens nummer"),
                heltal(version, "Versionen"),
            )

        return fil(request, "Handlingen", hamta)

    return app
