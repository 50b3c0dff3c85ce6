"""`arende`: the command line for the registrator and for setting up a database."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from arende.bootstrap import ladda_grunddata, starta
from arende.domain.fel import ArendeFel
from arende.service_layer import visningar

app = typer.Typer(
    help="Ärendehantering för nämnder: diarium, historik och kontroll av granskningsloggen.",
    no_args_is_help=True,
    add_completion=False,
)
konsol = Console()


def _fel(fel: ArendeFel) -> typer.Exit:
    Console(stderr=True).print(f"[red]Fel:[/red] {fel.meddelande}")
    return typer.Exit(code=2)


@app.command("databas")
def databas() -> None:
    """Skapa eller uppgradera databasens schema (ARENDE_DATABASE_URL)."""
    starta()
    konsol.print("Databasens schema är uppdaterat.")


@app.command("grunddata")
def grunddata(
    fil: Path | None = typer.Argument(None, help="TOML-fil; standard är ARENDE_GRUNDDATA."),
) -> None:
    """Läs in nämnder, personer och kvalitetsutmärkelsens år från en TOML-fil."""
    try:
        ladda_grunddata(starta(), fil)
    except ArendeFel as fel:
        raise _fel(fel) from None
    konsol.print("Grunddata inläst.")


@app.command("diarium")
def diarium(
    namnd: str | None = typer.Option(None, "--namnd", help="Bara denna nämnd."),
    ar: int | None = typer.Option(None, "--ar", help="Bara detta diarieår."),
    format: str = typer.Option("tabell", "--format", help="tabell eller json."),
) -> None:
    """Visa diariet: diarienummer, datum, nämnd, ärendemening, handläggare och status."""
    try:
        rader = visningar.diarium(starta().uow(), namnd=namnd, ar=ar)
    except ArendeFel as fel:
        raise _fel(fel) from None
    if format == "json":
        konsol.print_json(json.dumps([r.__dict__ for r in rader], default=str, ensure_ascii=False))
        return
    tabell = Table("Dnr", "Datum", "Nämnd", "Ärendemening", "Handläggare", "Status")
    for r in rader:
        tabell.add_row(
            r.dnr, r.registreringsdatum.isoformat(), r.namnd, r.titel, r.handlaggare, r.skede
        )
    konsol.print(tabell)


@app.command("historik")
def historik(dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'.")) -> None:
    """Visa ett ärendes händelser ur granskningsloggen: vem gjorde vad, när och i vilken roll."""
    try:
        handelser = visningar.historik(starta().uow(), dnr)
    except ArendeFel as fel:
        raise _fel(fel) from None
    for rad in visningar.historikrader(handelser):
        konsol.print(rad, highlight=False, soft_wrap=True, markup=False)


@app.command("verifiera")
def verifiera() -> None:
    """Kontrollera granskningsloggens hashkedja från första till sista händelse."""
    resultat = visningar.verifiera(starta().uow())
    konsol.print(resultat.text)
    if not resultat.intakt:
        raise typer.Exit(code=1)
