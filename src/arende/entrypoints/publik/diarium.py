"""The e-diarium: a search form, a table, page links. It reads through the same view the
registrator's `arende diarium` uses (service_layer/visningar.diariesida), so a search is
checked the same way and a bad one gets the same Swedish message, with nothing read."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from arende.domain.fel import OgiltigUppgift
from arende.domain.skeden import Skede
from arende.entrypoints.publik.visning import Visning, heltal
from arende.service_layer import publikt, visningar
from arende.service_layer.visningsportar import Diarieurval

PER_SIDA = 25


def router(visning: Visning) -> APIRouter:
    app = APIRouter()

    @app.get("/diarium", response_class=HTMLResponse)
    def diarium(
        request: Request,
        sok: str = "",
        namnd: str = "",
        ar: str = "",
        status: str = "",
        sida: str = "1",
    ) -> HTMLResponse:
        uow = visning.kalla.uow()
        # Only the nämnder's names: the form's list, and the check of the one asked for.
        namnder = [n.namn for n in publikt.namnder(uow)]
        fel, resultat = None, None
        urval = Diarieurval(namnd=namnd or None, sok=sok or None, status=status or None)
        try:
            urval = Diarieurval(
                namnd=namnd or None,
                ar=heltal(ar, "Året") if ar else None,
                status=status or None,
                sok=sok.strip() or None,
                sida=heltal(sida, "Sidan"),
                per_sida=PER_SIDA,
                offentlig=True,
            )
            if urval.namnd and urval.namnd not in namnder:
                raise OgiltigUppgift(f"Det finns ingen nämnd som heter '{urval.namnd[:40]}'.")
            resultat = visningar.diariesida(uow, urval)
        except OgiltigUppgift as avvisning:
            fel = avvisning.meddelande

        def lank(nummer: int) -> str:
            fragor: dict[str, Any] = {"sok": sok, "namnd": namnd, "ar": ar, "status": status}
            return "/diarium?" + urlencode(
                {k: v for k, v in fragor.items() if v} | {"sida": nummer}
            )

        return visning.sida(
            request,
            "diarium.html",
            {
                "rubrik": "E-diariet",
                "urval": urval,
                "sida": resultat,
                "fel": fel,
                "lank": lank,
                "namnder": namnder,
                "skeden": [s.value for s in Skede],
            },
            status=400 if fel else 200,
        )

    return app
