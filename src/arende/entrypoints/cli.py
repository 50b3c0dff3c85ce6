"""`arende`: the command line for the registrator and for setting up a database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import OperationalError

from arende.bootstrap import ladda_grunddata, starta
from arende.config import Installningar
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.service_layer import visningar

app = typer.Typer(
    help="Ärendehantering för nämnder: diarium, historik och kontroll av granskningsloggen.",
    no_args_is_help=True,
    add_completion=False,
)
konsol = Console()


@contextmanager
def _svenska_fel() -> Iterator[None]:
    """Everything a person can get wrong ends as one Swedish line and exit code 2, not a
    traceback: our own refusals, a malformed ARENDE_* setting, a database that is down."""
    try:
        yield
    except ArendeFel as fel:
        meddelande = fel.meddelande
    except ValidationError as fel:
        meddelande = "Felaktig inställning: " + "; ".join(
            f"ARENDE_{'_'.join(map(str, e['loc'])).upper()}: {e['msg'].removeprefix('Value error, ')}"
            for e in fel.errors()
        )
    except OperationalError as fel:
        meddelande = f"Databasen svarar inte ({Installningar().database_url}): {fel.orig}"
    else:
        return
    Console(stderr=True, soft_wrap=True).print(f"Fel: {meddelande}", markup=False, highlight=False)
    raise typer.Exit(code=2)


@app.command("databas")
def databas() -> None:
    """Skapa eller uppgradera databasens schema (ARENDE_DATABASE_URL)."""
    with _svenska_fel():
        starta()
    konsol.print("Databasens schema är uppdaterat.")


@app.command("grunddata")
def grunddata(
    fil: Path | None = typer.Argument(None, help="TOML-fil; standard är ARENDE_GRUNDDATA."),
) -> None:
    """Läs in nämnder, personer och kvalitetsutmärkelsens år från en TOML-fil."""
    with _svenska_fel():
        ladda_grunddata(starta(), fil)
    konsol.print("Grunddata inläst.")


@app.command("diarium")
def diarium(
    namnd: str | None = typer.Option(None, "--namnd", help="Bara denna nämnd."),
    ar: int | None = typer.Option(None, "--ar", help="Bara detta diarieår."),
    format: str = typer.Option("tabell", "--format", help="tabell eller json."),
) -> None:
    """Visa diariet: diarienummer, datum, nämnd, ärendemening, handläggare och status."""
    with _svenska_fel():
        if format not in ("tabell", "json"):
            raise OgiltigUppgift(f"Okänt format '{format}': välj tabell eller json.")
        rader = visningar.diarium(starta().uow(), namnd=namnd, ar=ar)
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
    with _svenska_fel():
        handelser = visningar.historik(starta().uow(), dnr)
    for rad in visningar.historikrader(handelser):
        konsol.print(rad, highlight=False, soft_wrap=True, markup=False)


@app.command("verifiera")
def verifiera() -> None:
    """Kontrollera granskningsloggens hashkedja från första till sista händelse."""
    with _svenska_fel():
        resultat = visningar.verifiera(starta().uow())
    konsol.print(resultat.text)
    if not resultat.intakt:
        raise typer.Exit(code=1)
