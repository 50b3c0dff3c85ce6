"""`arende`: the command line for the registrator and for setting up a database."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import OperationalError

# Typer 0.29 carries its own copy of click; its usage errors are raised from there.
from typer._click import exceptions as click
from typer.core import TyperGroup

from arende.adapters.ankarfil import lagg_till_ankare, las_ankare, tolka_forvantat
from arende.adapters.arkiv import Filarkiv
from arende.adapters.arkivpaket import Arkivpaket
from arende.adapters.prefect_historik import PrefectRestHistorik
from arende.adapters.publicerade_kontrollsummor import las_publicerade
from arende.bootstrap import Arendesystem, ladda_grunddata, starta
from arende.config import Installningar
from arende.domain.datum import STOCKHOLM as STOCKHOLM_ZON
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.gallring import Gallringsforslag
from arende.service_layer import visningar
from arende.service_layer.export import exportera
from arende.service_layer.kedjehuvud import publicera_kedjehuvud
from arende.service_layer.visningsportar import Diarieurval

if TYPE_CHECKING:
    from arende.service_layer.kommandon import InkommenFil

FORMAT = ("tabell", "csv", "json")

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
    status: str | None = typer.Option(
        None, "--status", help="Bara ärenden i detta skede, t.ex. 'beslutat' eller 'avslutat'."
    ),
    handlaggare: str | None = typer.Option(
        None, "--handlaggare", help="Bara denna handläggares ärenden."
    ),
    sok: str | None = typer.Option(
        None, "--sok", help="Fritext i diarienummer och ärendemening (skiftläge spelar ingen roll)."
    ),
    sida: int = typer.Option(1, "--sida", help="Vilken sida som visas."),
    per_sida: int = typer.Option(50, "--per-sida", help="Ärenden per sida (högst 1000)."),
    format: str = typer.Option("tabell", "--format", help="tabell, csv eller json."),
) -> None:
    """Visa diariet: diarienummer, datum, nämnd, ärendemening, handläggare och status."""
    with _svenska_fel():
        if format not in FORMAT:
            raise OgiltigUppgift(f"Okänt format '{format}': välj tabell, csv eller json.")
        urval = Diarieurval(namnd, ar, status, handlaggare, sok, sida, per_sida)
        resultat = visningar.diariesida(starta().uow(), urval)
    sidrad = (
        f"Sida {resultat.sida} av {resultat.sidor} ({resultat.totalt} "
        f"{'ärende' if resultat.totalt == 1 else 'ärenden'})"
    )
    if format == "json":
        # stdout stays machine-readable: the page line goes to stderr.
        typer.echo(
            json.dumps(
                [r.__dict__ for r in resultat.rader], default=str, ensure_ascii=False, indent=2
            )
        )
        typer.echo(sidrad, err=True)
        return
    if format == "csv":
        skrivare = csv.writer(sys.stdout, lineterminator="\n")
        skrivare.writerow(["dnr", "datum", "nämnd", "ärendemening", "handläggare", "status"])
        for r in resultat.rader:
            skrivare.writerow(
                [r.dnr, r.registreringsdatum.isoformat(), r.namnd, r.titel, r.handlaggare, r.skede]
            )
        sys.stdout.flush()
        typer.echo(sidrad, err=True)
        return
    tabell = Table("Dnr", "Datum", "Nämnd", "Ärendemening", "Handläggare", "Status")
    for r in resultat.rader:
        tabell.add_row(
            r.dnr, r.registreringsdatum.isoformat(), r.namnd, r.titel, r.handlaggare, r.skede
        )
    konsol.print(tabell)
    konsol.print(sidrad, highlight=False, markup=False)


@app.command("handlingar")
def handlingar(dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'.")) -> None:
    """Visa ärendets registrerade handlingar. En sekretessmarkerad handling visar typ, nummer,
    datum och markeringen (bestämmelsen, dagen, vem): titel och motpart visas inte (OSL 5 kap.)."""
    with _svenska_fel():
        poster = visningar.handlingar(starta().uow(), dnr)
    if not poster:
        konsol.print(f"{dnr.strip()} har inga registrerade handlingar.", markup=False)
        return
    tabell = Table("Nr", "Version", "Datum", "Typ", "Riktning", "Titel", "Motpart")
    for h in poster:
        tabell.add_row(
            str(h.nummer),
            str(h.version),
            h.datum.isoformat(),
            h.typ,
            h.riktning,
            h.titel_i_registret,
            h.motpart_i_registret or "",
        )
    konsol.print(tabell)


@app.command("inkommande")
def inkommande(
    dnr: str = typer.Argument(..., help="Ärendets diarienummer, t.ex. 'SoN 2008/1'."),
    fil: Path = typer.Argument(
        ..., help="Handlingen: docx, pdf, eml (e-post, med sina bilagor), png, jpg eller tif."
    ),
    som: str = typer.Option(..., "--som", help="Du som registrerar (registrator)."),
    avsandare: str | None = typer.Option(
        None, "--avsandare", help="Vem handlingen kom från (för e-post: brevets From)."
    ),
    beskrivning: str | None = typer.Option(
        None,
        "--beskrivning",
        help="Kort vad handlingen gäller, utan att röja något sekretessbelagt (för e-post: "
        "ämnesraden).",
    ),
    inkom: datetime | None = typer.Option(
        None, "--inkom", formats=["%Y-%m-%d"], help="Dagen den kom in (standard i dag)."
    ),
    bilaga: list[Path] = typer.Option(
        [], "--bilaga", help="En bilaga till handlingen (kan anges flera gånger)."
    ),
    sekretess: str | None = typer.Option(
        None, "--sekretess", help="Sekretessmarkera genast, t.ex. 'OSL 26 kap. 1 §'."
    ),
) -> None:
    """Registrera en inkommen handling i ärendet: numreras, får sin sha256 och loggas som
    de handlingar systemet själv upprättar. Samma fil två gånger registreras en gång."""
    from arende.domain.diarienummer import Diarienummer
    from arende.domain.handelser import HandlingInkommen
    from arende.service_layer.kommandon import RegistreraInkommande

    with _svenska_fel():
        system = starta()
        diarienummer = Diarienummer.tolka(dnr)
        dag = _inkomstdag(system, fil, inkom)
        with _det_inkomna(system, fil, bilaga, avsandare, beskrivning, dag, sekretess) as om:
            handelser = system.utfor(
                RegistreraInkommande(
                    aktor=som,
                    dnr=diarienummer,
                    inkom=dag,
                    kanal="kommandoraden",
                    sekretess=sekretess,
                    **om,
                )
            )
    nummer = [h.nummer for h in handelser if isinstance(h, HandlingInkommen)]
    typer.echo(
        f"Registrerade i {diarienummer}: " + ", ".join(f"handling {n}" for n in nummer),
    )
    _ur_kon(system, fil)


@app.command("inkommande-nytt")
def inkommande_nytt(
    fil: Path = typer.Argument(
        ..., help="Handlingen: docx, pdf, eml (e-post, med sina bilagor), png, jpg eller tif."
    ),
    typ: str = typer.Option(..., "--typ", help="Ärendetypen, t.ex. tjansteutlatande."),
    namnd: str = typer.Option(..., "--namnd", help="Nämnden, t.ex. Socialtjänstnämnden."),
    handlaggare: str = typer.Option(..., "--handlaggare", help="Den som ska handlägga ärendet."),
    sammantrade: datetime = typer.Option(
        ..., "--sammantrade", formats=["%Y-%m-%d"], help="Sammanträdet det planeras till."
    ),
    uppgift: list[str] = typer.Option(
        [],
        "--uppgift",
        help="Ett av ärendetypens startfält som FÄLT=VÄRDE, t.ex. "
        "arendemening='Medborgarförslag om parkbänkar' (kan anges flera gånger).",
    ),
    som: str = typer.Option(..., "--som", help="Du som registrerar (registrator)."),
    avsandare: str | None = typer.Option(
        None, "--avsandare", help="Vem handlingen kom från (för e-post: brevets From)."
    ),
    beskrivning: str | None = typer.Option(
        None, "--beskrivning", help="Kort vad handlingen gäller (för e-post: ämnesraden)."
    ),
    inkom: datetime | None = typer.Option(
        None, "--inkom", formats=["%Y-%m-%d"], help="Dagen den kom in (standard i dag)."
    ),
    bilaga: list[Path] = typer.Option([], "--bilaga", help="En bilaga (kan anges flera gånger)."),
    sekretess: str | None = typer.Option(
        None, "--sekretess", help="Sekretessmarkera genast, t.ex. 'OSL 26 kap. 1 §'."
    ),
) -> None:
    """Registrera en inkommen handling som ett nytt ärende: ärendet registreras i nämndens
    diarium för handläggaren, och handlingen (med bilagor) blir dess första handlingar, i
    ett och samma steg."""
    from arende.domain.handelser import ArendeRegistrerat
    from arende.service_layer.kommandon import RegistreraInkommandeSomNyttArende

    with _svenska_fel():
        system = starta()
        dag = _inkomstdag(system, fil, inkom)
        with _det_inkomna(system, fil, bilaga, avsandare, beskrivning, dag, sekretess) as om:
            handelser = system.utfor(
                RegistreraInkommandeSomNyttArende(
                    aktor=som,
                    typ=typ,
                    namnd=namnd,
                    handlaggare=handlaggare,
                    planerat_sammantrade=sammantrade.date(),
                    uppgifter=_uppgifter(uppgift),
                    inkom=dag,
                    kanal="kommandoraden",
                    sekretess=sekretess,
                    **om,
                )
            )
    [dnr] = [h.dnr for h in handelser if isinstance(h, ArendeRegistrerat)]
    typer.echo(
        f"Registrerade ärendet {dnr} för {handlaggare}, med den inkomna handlingen som handling 1."
    )
    _ur_kon(system, fil)


def _inkomstdag(system: Arendesystem, fil: Path, inkom: datetime | None) -> date:
    """The day it came in: as given; for an e-mail from att-registrera/, the day the
    receiver took it (the register says when it came, not when it was placed); else today."""
    if inkom is not None:
        return inkom.date()
    return system.postko.inkomstdag(fil) or system.klocka.idag()


def _ur_kon(system: Arendesystem, fil: Path) -> None:
    if system.postko.ta_ur(fil):
        typer.echo("Brevet är flyttat ur kön (att-registrera/) till inkorgens registrerade/.")


@contextmanager
def _det_inkomna(
    system: Arendesystem,
    fil: Path,
    bilaga: list[Path],
    avsandare: str | None,
    beskrivning: str | None,
    dag: date,
    sekretess: str | None,
) -> Iterator[dict[str, Any]]:
    """What a registration says of the files given (RegistreraInkommande's and
    RegistreraInkommandeSomNyttArende's common part), for as long as the registration
    takes: an e-mail (.eml) with its sender, subject and attachments read out of it (each
    attachment written to a folder beside the inbox, removed after); other files with the
    sender and description given. Each file larger than the limit is refused before it is
    read, and none is read whole."""
    # Imported here: only these commands read e-mail.
    from arende.adapters.epostinlasning import las_epost
    from arende.domain.inkommen_fil import storsta_epost
    from arende.entrypoints.inkorg import MOTTAS, arbetskatalog
    from arende.service_layer.inkommande import epostens_uppgifter, filnyckel

    epost = fil.suffix.lower() == ".eml"
    if epost and bilaga:
        raise OgiltigUppgift(
            "Ett e-postmeddelandes bilagor läses ur meddelandet: ange ingen --bilaga."
        )
    storsta = storsta_epost(system.storsta_inkommande) if epost else system.storsta_inkommande
    filer = [_inkommen_fil(f, storsta) for f in [fil, *bilaga]]
    if epost:
        (system.inkorg / MOTTAS).mkdir(parents=True, exist_ok=True)
        with arbetskatalog(system.inkorg) as bilagor:
            yield epostens_uppgifter(las_epost(filer[0], Path(bilagor)), fil.name)
        return
    if not avsandare or not beskrivning:
        raise OgiltigUppgift(
            "Ange --avsandare och --beskrivning: registret visar vem handlingen kom "
            "från och kort vad den gäller (OSL 5 kap. 2 §)."
        )
    yield {
        "nyckel": filnyckel(filer, avsandare, beskrivning, dag, sekretess),
        "avsandare": avsandare,
        "beskrivning": beskrivning,
        "filer": filer,
    }


def _uppgifter(uppgifter: list[str]) -> dict[str, str]:
    """FÄLT=VÄRDE pairs as the type's start answers."""
    ut = {}
    for par in uppgifter:
        falt, lika, varde = par.partition("=")
        if not lika or not falt.strip():
            raise OgiltigUppgift(f"'{par[:60]}' är inte FÄLT=VÄRDE, t.ex. arendemening='…'.")
        ut[falt.strip()] = varde.strip()
    return ut


def _inkommen_fil(fil: Path, storsta: int) -> InkommenFil:
    """The file as it came in, read where it lies; one larger than the limit is refused
    before it is read."""
    from arende.domain.inkommen_fil import megabyte
    from arende.service_layer.kommandon import InkommenFil  # noqa: F811 - at run time

    try:
        if not fil.is_file():
            raise OgiltigUppgift(f"Filen {fil} finns inte (eller är ingen vanlig fil).")
        storlek = fil.stat().st_size
        if storlek > storsta:
            raise OgiltigUppgift(
                f"'{fil.name}' är {megabyte(storlek)}; största fil som tas emot är "
                f"{megabyte(storsta)} (ARENDE_INKOMMANDE_STORSTA_MB)."
            )
        with fil.open("rb"):
            pass  # readable: a file without read permission is said here, in Swedish
    except OSError as fel:
        raise OgiltigUppgift(f"Filen {fil} går inte att läsa: {fel.strerror}.") from None
    return InkommenFil(fil.name, sokvag=fil)


@app.command("importera")
def importera(
    fil: Path = typer.Argument(
        ...,
        help="Den äldre handlingen: docx, pdf (med text eller skannad), en bild av den (png, "
        "jpg, tif) eller txt (OCR-text).",
    ),
    visa: bool = typer.Option(
        False, "--visa", help="Visa bara vad som lästes ur handlingen; registrera inget."
    ),
    som: str | None = typer.Option(
        None, "--som", help="Du som registrerar (registrator); utan --som registreras inget."
    ),
    namnd: str | None = typer.Option(None, "--namnd", help="Nämnden, om den inte kunde läsas."),
    dnr: str | None = typer.Option(
        None,
        "--dnr",
        help="Handlingens diarienummer, om det inte kunde läsas (t.ex. 'SoN 2008/12').",
    ),
    utan_dnr: bool = typer.Option(
        False, "--utan-dnr", help="Ge ärendet nästa nummer i årets serie i stället för handlingens."
    ),
    datum: datetime | None = typer.Option(
        None, "--datum", formats=["%Y-%m-%d"], help="Handlingens datum, om det inte kunde läsas."
    ),
    handlaggare: str | None = typer.Option(
        None, "--handlaggare", help="Ärendets handläggare (en person i registret)."
    ),
    titel: str | None = typer.Option(
        None, "--titel", help="Ärendemeningen, om den inte kunde läsas."
    ),
    text: bool = typer.Option(False, "--text", help="Skriv också ut texten som lästes (OCR)."),
) -> None:
    """Importera en äldre handling (tjänsteutlåtande, protokoll, verksamhetsplan) till
    diariet. Först visas vad som lästes ur den och vad som saknas; registrering sker bara med
    --som (och inte med --visa), när nämnd, datum, titel och handläggare är kända. Ett
    protokoll med flera §§ visas § för §: protokollet registreras i ett ärende för
    sammanträdet, och varje § med diarienummer i sitt eget ärende med ett protokollsutdrag."""
    from arende.domain.handelser import AldreHandlingImporterad, ArendeRegistrerat
    from arende.service_layer.aldre_handlingar import (
        KALLOR,
        SAKNAS,
        Komplettering,
        forhandsgranska,
        importkommando,
    )

    with _svenska_fel():
        system = starta()
        inkommen = _inkommen_fil(fil, system.storsta_inkommande)
        visning = forhandsgranska(
            system.uow(),
            system.textlasare,
            fil.name,
            inkommen.las(),
            system.storsta_inkommande,
            idag=system.klocka.idag(),
            namnd=namnd,
        )
        tabell = Table(
            title=f"{fil.name}: läst ur {KALLOR.get(visning.kalla, visning.kalla)}",
            title_justify="left",
        )
        for kolumn in ("Fält", "Status", "Värde"):
            tabell.add_column(kolumn)
        for falt, status, varde in visning.rader():
            kort = varde if len(varde) <= 90 else varde[:89] + "…"
            tabell.add_row(falt, f"[bold red]{status}[/]" if status == SAKNAS else status, kort)
        konsol.print(tabell)
        if visning.paragrafer:
            paragrafer = Table(
                title=f"Protokollets {len(visning.paragrafer)} paragrafer", title_justify="left"
            )
            for kolumn in ("§", "Titel", "Dnr", "Beslut", "Saknas", "Vid import"):
                paragrafer.add_column(kolumn)
            for rad in visning.paragrafrader():
                beslut = rad[3] if len(rad[3]) <= 60 else rad[3][:59] + "…"
                paragrafer.add_row(
                    rad[0],
                    rad[1],
                    rad[2],
                    beslut,
                    f"[bold red]{rad[4]}[/]" if rad[4] else "",
                    rad[5],
                )
            konsol.print(paragrafer)
        for anmarkning in visning.anmarkningar():
            konsol.print(f"- {anmarkning}", markup=False, highlight=False)
        if text:
            typer.echo(visning.text)
        if visa or som is None:
            if not visa:
                typer.echo("Inget registrerat: ange --som NAMN för att registrera handlingen.")
            return
        kommando = importkommando(
            visning,
            Komplettering(
                namnd=namnd,
                dnr=dnr,
                utan_dnr=utan_dnr,
                datum=datum.date() if datum else None,
                handlaggare=handlaggare,
                titel=titel,
            ),
            inkommen,
            aktor=som,
        )
        handelser = system.utfor(kommando)
    nya = {str(h.dnr) for h in handelser if isinstance(h, ArendeRegistrerat)}
    for h in handelser:
        if isinstance(h, AldreHandlingImporterad) and str(h.dnr) in nya:
            typer.echo(f"Registrerade {h.dnr}: handling {h.nummer} ({h.typ}), ärendet avslutat.")
        elif isinstance(h, AldreHandlingImporterad):
            typer.echo(
                f"Registrerade handling {h.nummer} ({h.typ}) i det befintliga ärendet {h.dnr}."
            )


@app.command("sekretess")
def sekretess(
    dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'."),
    nummer: int = typer.Argument(..., help="Handlingens nummer i ärendet."),
    bestammelse: str = typer.Argument(..., help="Bestämmelsen i OSL, t.ex. 'OSL 26 kap. 1 §'."),
    som: str = typer.Option(..., "--som", help="Du som markerar (registrator, handläggare)."),
    stycken: str = typer.Option(
        "",
        "--stycken",
        help="Bara dessa delar, t.ex. '3-5, 8' (styckena som `arende stycken` numrerar dem).",
    ),
) -> None:
    """Sekretessmarkera en handling (alla dess versioner) med bestämmelsen i offentlighets-
    och sekretesslagen; dagen och vem som markerade sparas (OSL 5 kap. 5 §). Med --stycken
    gäller markeringen bara de delarna: prövningen av en begäran börjar då med att maskera dem."""
    from arende.domain.diarienummer import Diarienummer
    from arende.service_layer.kommandon import MarkeraSekretess

    with _svenska_fel():
        system = starta()
        diarienummer = Diarienummer.tolka(dnr)
        system.utfor(
            MarkeraSekretess(
                aktor=som,
                dnr=diarienummer,
                nummer=nummer,
                bestammelse=bestammelse,
                stycken=stycken,
            )
        )
        post = next(h for h in visningar.handlingar(system.uow(), dnr) if h.nummer == nummer)
    typer.echo(
        f"Handling {nummer} i {diarienummer} är sekretessmarkerad: {post.sekretesstext}",
    )


@app.command("sekretess-mening")
def sekretess_mening(
    dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'."),
    bestammelse: str = typer.Argument(..., help="Bestämmelsen i OSL, t.ex. 'OSL 26 kap. 1 §'."),
    offentlig: str = typer.Option(
        ...,
        "--offentlig",
        help="Ärendemeningen som den får visas, t.ex. 'Ärende enligt socialtjänstlagen'.",
    ),
    som: str = typer.Option(..., "--som", help="Du som markerar (registrator, handläggare)."),
) -> None:
    """Sekretessmarkera ärendemeningen: den publika webbplatsen, öppna data och de dokument
    som upprättas därefter visar den offentliga formen (OSL 5 kap. 2 och 5 §§)."""
    from arende.domain.diarienummer import Diarienummer
    from arende.domain.sekretess import tolka_bestammelse
    from arende.service_layer.kommandon import MarkeraArendemeningSekretess

    with _svenska_fel():
        diarienummer = Diarienummer.tolka(dnr)
        starta().utfor(
            MarkeraArendemeningSekretess(
                aktor=som, dnr=diarienummer, bestammelse=bestammelse, offentlig_mening=offentlig
            )
        )
        grund = tolka_bestammelse(bestammelse)
    typer.echo(
        f"Ärendemeningen i {diarienummer} är sekretessmarkerad enligt {grund}; "
        f"publikt visas den som '{' '.join(offentlig.split())}'."
    )


@app.command("hav-sekretess-mening")
def hav_sekretess_mening(
    dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'."),
    skal: str = typer.Option(..., "--skal", help="Varför markeringen hävs."),
    som: str = typer.Option(..., "--som", help="Du som häver markeringen."),
) -> None:
    """Häv ärendemeningens sekretessmarkering: en egen handling i granskningsloggen, med skäl."""
    from arende.domain.diarienummer import Diarienummer
    from arende.service_layer.kommandon import HavArendemeningSekretess

    with _svenska_fel():
        diarienummer = Diarienummer.tolka(dnr)
        starta().utfor(HavArendemeningSekretess(aktor=som, dnr=diarienummer, skal=skal))
    typer.echo(f"Sekretessmarkeringen av ärendemeningen i {diarienummer} är hävd.")


@app.command("ogranskade")
def ogranskade() -> None:
    """Visa det som kommit in med e-post eller genom inkorgen och som ingen har granskat än.
    Det hålls borta från den publika webbplatsen och öppna data tills det är granskat
    (arende granska)."""
    with _svenska_fel():
        system = starta()
        poster = visningar.ogranskade(system.uow())
        utan_arende = len(system.postko.vantande())
    if utan_arende:
        konsol.print(
            f"{utan_arende} e-postmeddelande(n) utan ärende väntar på att registreras: "
            "arende att-registrera.",
            markup=False,
        )
    if not poster:
        konsol.print("Inget inkommet väntar på granskning.", markup=False)
        return
    tabell = Table("Ärende", "Nr", "Inkom", "Typ", "Avsändare", "Titel")
    for h in poster:
        tabell.add_row(
            h.dnr, str(h.nummer), h.datum.isoformat(), h.typ, h.motpart_i_registret or "", h.titel
        )
    konsol.print(tabell)


@app.command("att-registrera")
def att_registrera() -> None:
    """Visa e-post som kommit till registratorn utan att nämna något ärende (inget eller ett
    okänt diarienummer i ämnesraden). Breven är mottagna och väntar i inkorgens
    att-registrera/; registrera vart och ett på ett ärende (arende inkommande FIL --dnr …) eller
    som ett nytt ärende (arende inkommande-nytt FIL …). Inkomstdagen blir den dag brevet kom."""
    with _svenska_fel():
        vantande = starta().postko.vantande()
    if not vantande:
        konsol.print("Ingen e-post väntar på att registreras.", markup=False)
        return
    tabell = Table("Mottaget", "Avsändare", "Ämne", "Fil", "Varför")
    for v in vantande:
        mottaget = v.mottaget.strftime("%Y-%m-%d %H.%M") if v.mottaget else v.inkom.isoformat()
        tabell.add_row(mottaget, v.avsandare, v.beskrivning, str(v.fil), v.skal)
    konsol.print(tabell)


@app.command("granska")
def granska(
    dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'."),
    nummer: int = typer.Argument(..., help="Den inkomna handlingens nummer (inte en bilagas)."),
    som: str = typer.Option(..., "--som", help="Du som granskar (registrator)."),
    beskrivning: str | None = typer.Option(
        None,
        "--beskrivning",
        help="Ny titel i stället för avsändarens ämnesrad, utan att röja något sekretessbelagt.",
    ),
    sekretess: str | None = typer.Option(
        None, "--sekretess", help="Sekretessmarkera samtidigt, t.ex. 'OSL 26 kap. 1 §'."
    ),
) -> None:
    """Granska en handling som kommit in med e-post eller genom inkorgen: den och dess
    bilagor visas därefter publikt som andra handlingar (eller sekretessmarkeras i samma steg)."""
    from arende.domain.diarienummer import Diarienummer
    from arende.domain.sekretess import tolka_bestammelse
    from arende.service_layer.kommandon import GranskaInkommande

    with _svenska_fel():
        diarienummer = Diarienummer.tolka(dnr)
        starta().utfor(
            GranskaInkommande(
                aktor=som,
                dnr=diarienummer,
                nummer=nummer,
                beskrivning=beskrivning,
                sekretess=sekretess,
            )
        )
    typer.echo(
        f"Handling {nummer} i {diarienummer} är granskad"
        + (f" och sekretessmarkerad enligt {tolka_bestammelse(sekretess)}." if sekretess else ".")
    )


@app.command("hav-sekretess")
def hav_sekretess(
    dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'."),
    nummer: int = typer.Argument(..., help="Handlingens nummer i ärendet."),
    skal: str = typer.Option(..., "--skal", help="Varför markeringen hävs."),
    som: str = typer.Option(..., "--som", help="Du som häver markeringen."),
) -> None:
    """Häv en handlings sekretessmarkering: en egen handling i granskningsloggen, med skäl.
    Markeringen finns kvar i historiken."""
    from arende.domain.diarienummer import Diarienummer
    from arende.service_layer.kommandon import HavSekretess

    with _svenska_fel():
        diarienummer = Diarienummer.tolka(dnr)
        starta().utfor(HavSekretess(aktor=som, dnr=diarienummer, nummer=nummer, skal=skal))
    typer.echo(
        f"Sekretessmarkeringen av handling {nummer} i {diarienummer} är hävd.",
    )


# -- utlämnande av allmän handling ------------------------------------------------------------


def _tolka_mottagen(text: str | None) -> datetime:
    """'2026-11-23 09:30' in Swedish time; now when not given."""
    if not text:
        return datetime.now(STOCKHOLM_ZON)
    try:
        tid = datetime.fromisoformat(text.strip())
    except ValueError:
        raise OgiltigUppgift(
            f"'{text}' är ingen tidpunkt: skriv datum och klockslag, t.ex. '2026-11-23 09:30'."
        ) from None
    return tid if tid.tzinfo else tid.replace(tzinfo=STOCKHOLM_ZON)


def _tolka_provning(text: str) -> tuple[int, str, str | None, str]:
    """'3:maskeras:OSL 26 kap. 1 §:2-4', '4:avslås:OSL 26 kap. 1 §', '5:ut'."""
    delar = text.split(":", 2)
    if len(delar) < 2 or not delar[0].strip().isdigit():
        raise OgiltigUppgift(
            f"'{text}' går inte att läsa: skriv NR:UTFALL[:BESTÄMMELSE[:STYCKEN]], t.ex. "
            "'3:maskeras:OSL 26 kap. 1 §:2-4', '4:avslås:OSL 26 kap. 1 §' eller '5:ut'."
        )
    nummer, utfall = int(delar[0]), delar[1].strip()
    rest = delar[2] if len(delar) == 3 else ""
    stycken = ""
    if utfall.casefold() in ("maskeras", "lämnas ut med maskering") and ":" in rest:
        rest, stycken = rest.rsplit(":", 1)
    return nummer, utfall, rest.strip() or None, stycken.strip()


@app.command("begaran")
def begaran(
    dnr: str = typer.Argument(..., help="Ärendet vars handlingar begärs, t.ex. 'SoN 2008/1'."),
    handling: list[int] = typer.Option(..., "--handling", help="En begärd handlings nummer."),
    som: str = typer.Option(..., "--som", help="Du som registrerar (registrator, handläggare)."),
    sokande: str = typer.Option("", "--sokande", help="Vem som begär (valfritt: anonym)."),
    kontakt: str = typer.Option("", "--kontakt", help="E-post eller adress för svaret."),
    mottagen: str = typer.Option(
        "", "--mottagen", help="När begäran kom in, 'ÅÅÅÅ-MM-DD TT:MM' (standard: nu)."
    ),
    beskrivning: str = typer.Option("", "--beskrivning", help="Vad som begärs, med egna ord."),
    pa_stallet: bool = typer.Option(
        False, "--pa-stallet", help="Sökanden vill läsa på stället, inte få en kopia."
    ),
) -> None:
    """Registrera en begäran om att ta del av allmänna handlingar, med tiden den kom in.
    Sökanden behöver inte uppge namn (TF 2 kap. 18 §)."""
    from arende.domain.diarienummer import Diarienummer
    from arende.domain.handelser import BegaranRegistrerad
    from arende.domain.utlamnande import paminnelsetid
    from arende.service_layer import utlamnande
    from arende.service_layer.kommandon import RegistreraBegaran

    with _svenska_fel():
        system = starta()
        diarienummer = Diarienummer.tolka(dnr)
        handelser = system.utfor(
            RegistreraBegaran(
                aktor=som,
                dnr=diarienummer,
                mottagen=_tolka_mottagen(mottagen),
                handlingar=handling,
                sokande=sokande,
                kontakt=kontakt,
                beskrivning=beskrivning,
                kopia=not pa_stallet,
            )
        )
        nummer = next(h.nummer for h in handelser if isinstance(h, BegaranRegistrerad))
        b = utlamnande.hamta(system.uow(), str(diarienummer), nummer)
        timmar = Installningar().begaran_paminnelse_timmar
        paminns = paminnelsetid(b.mottagen, timmar, system.kalender)
    typer.echo(
        f"Begäran {nummer} i {diarienummer} registrerad, mottagen "
        f"{utlamnande.mottagen_text(b)} ({b.vem}): handling "
        f"{', '.join(map(str, b.handlingar))}. Är den inte prövad påminns handläggaren "
        f'{paminns:%Y-%m-%d kl. %H.%M}. Pröva med: arende prova "{diarienummer}" {nummer} …'
    )


@app.command("begaranden")
def begaranden(
    dnr: str = typer.Argument("", help="Ett ärendes begäranden; utan: alla som inte är prövade."),
) -> None:
    """Visa begäranden om allmän handling: ett ärendes alla, eller alla öppna, äldst först."""
    from arende.service_layer import utlamnande

    with _svenska_fel():
        lista = utlamnande.begaranden(starta().uow(), dnr or None)
    if not lista:
        konsol.print("Inga begäranden." if dnr else "Inga öppna begäranden.", markup=False)
        return
    tabell = Table("Dnr", "Nr", "Mottagen", "Sökande", "Handlingar", "Prövad", "Beslut")
    for b in lista:
        provad = (
            f"{b.avgjord.astimezone(STOCKHOLM_ZON):%Y-%m-%d %H.%M} ({b.avgjord_av})"
            if b.avgjord
            else "ej prövad"
        )
        tabell.add_row(
            b.dnr,
            str(b.nummer),
            utlamnande.mottagen_text(b),
            b.vem,
            ", ".join(
                f"{p.nummer}: {p.utfall.value}" + (f" ({p.bestammelse})" if p.bestammelse else "")
                for p in b.provningar
            )
            or ", ".join(map(str, b.handlingar)),
            provad,
            f"handling {b.beslut}" if b.beslut else "",
        )
    konsol.print(tabell)


@app.command("delegationsbeslut")
def delegationsbeslut(
    dnr: str = typer.Argument(..., help="Ärendet beslutet fattades i, t.ex. 'SoN 2008/1'."),
    punkt: str = typer.Option(..., "--punkt", help="Punkten i delegationsordningen, t.ex. 2.1."),
    delegat: str = typer.Option(..., "--delegat", help="Den som fattade beslutet."),
    datum: datetime = typer.Option(..., "--datum", formats=["%Y-%m-%d"], help="Beslutsdagen."),
    beslut: str = typer.Option(..., "--beslut", help="Vad som beslutades, utan personuppgifter."),
    som: str = typer.Option(..., "--som", help="Du som registrerar."),
    handling: int | None = typer.Option(
        None, "--handling", help="Handlingen i ärendet som innehåller beslutet."
    ),
    belopp: int | None = typer.Option(None, "--belopp", help="Beslutets belopp i kronor."),
    vidaredelegerat_av: str | None = typer.Option(
        None, "--vidaredelegerat-av", help="Delegaten som vidaredelegerade punkten."
    ),
    principiell: bool = typer.Option(
        False, "--principiell", help="Ärendet är av principiell beskaffenhet (vägras)."
    ),
) -> None:
    """Registrera ett beslut som fattats på delegation i nämndens register. Beslutet prövas
    mot nämndens delegationsordning (grunddata): fel delegat, ett belopp över gränsen eller ett
    ärende som inte får delegeras (kommunallagen 6 kap. 38 §) vägras. Ett beslut enligt en
    punkt som inte anmäls protokollförs särskilt och anslås på anslagstavlan."""
    from arende.domain.diarienummer import Diarienummer
    from arende.domain.handelser import DelegationsbeslutRegistrerat
    from arende.service_layer.kommandon import RegistreraDelegationsbeslut

    with _svenska_fel():
        diarienummer = Diarienummer.tolka(dnr)
        handelser = starta().utfor(
            RegistreraDelegationsbeslut(
                aktor=som,
                dnr=diarienummer,
                punkt=punkt,
                delegat=delegat,
                beslutsdatum=datum.date(),
                beslut=beslut,
                handlingsnummer=handling,
                belopp=belopp,
                vidaredelegerat_av=vidaredelegerat_av,
                principiell=principiell,
            )
        )
    (h,) = [h for h in handelser if isinstance(h, DelegationsbeslutRegistrerat)]
    typer.echo(
        f"Delegationsbeslut {h.beteckning} (punkt {h.punkt}) i {diarienummer} är registrerat"
        + ("." if h.anmals else "; det protokollförs särskilt och är anslaget på anslagstavlan.")
    )


@app.command("delegationsregister")
def delegationsregister(
    namnd: str = typer.Option(..., "--namnd", help="Nämndens namn."),
    ar: int | None = typer.Option(None, "--ar", help="Bara detta år."),
) -> None:
    """Visa nämndens register över delegationsbeslut: vem som beslutade vad enligt vilken
    punkt, när, i vilket ärende, och om beslutet är anmält till nämnden."""
    from arende.service_layer.delegationsregister import registret

    with _svenska_fel():
        rader = registret(starta().uow(), namnd, ar)
    if not rader:
        konsol.print(f"{namnd.strip()} har inga registrerade delegationsbeslut.", markup=False)
        return
    tabell = Table("Nr", "Punkt", "Beslutsdag", "Delegat", "Ärende", "Beslut", "Status")
    for r in rader:
        b = r.beslut
        tabell.add_row(
            b.beteckning,
            b.punkt,
            b.beslutsdatum.isoformat(),
            b.delegat,
            b.dnr,
            b.beslut,
            r.status,
        )
    konsol.print(tabell)


@app.command("stycken")
def stycken(
    dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'."),
    nummer: int = typer.Argument(..., help="Handlingens nummer i ärendet."),
) -> None:
    """Visa handlingens text i numrerade stycken: numren anges vid maskering."""
    from arende.service_layer import utlamnande

    with _svenska_fel():
        system = starta()
        lista = utlamnande.stycken(system.uow(), system.beroenden, dnr, nummer)
    if not lista:
        typer.echo(
            f"Handling {nummer} har ingen text att visa (ingen hittades, inte heller med OCR): "
            "den kan inte maskeras."
        )
    for i, text in enumerate(lista, start=1):
        typer.echo(f"{i:>4}  {text}")


@app.command("prova")
def prova(
    dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'."),
    nummer: int = typer.Argument(..., help="Begärans nummer i ärendet."),
    provning: list[str] = typer.Option(
        ...,
        "--provning",
        help="Per handling: NR:UTFALL[:BESTÄMMELSE[:STYCKEN]], UTFALL ut, maskeras eller avslås.",
    ),
    som: str = typer.Option(..., "--som", help="Du som prövar (handläggare, chef, registrator)."),
) -> None:
    """Pröva en begäran handling för handling. Maskerade kopior och, när något avslås helt
    eller delvis, ett skriftligt beslut med besvärshänvisning upprättas och registreras."""
    from arende.domain.diarienummer import Diarienummer
    from arende.domain.fel import TjanstSaknas
    from arende.domain.handelser import HandlingUpprattad
    from arende.service_layer import handlingar as hs
    from arende.service_layer import utlamnande
    from arende.service_layer.kommandon import ProvaBegaran, Provningssvar

    with _svenska_fel():
        system = starta()
        diarienummer = Diarienummer.tolka(dnr)
        svar = [Provningssvar(*_tolka_provning(p)) for p in provning]
        handelser = system.utfor(
            ProvaBegaran(aktor=som, dnr=diarienummer, begaran=nummer, provningar=svar)
        )
        nya = {h.nummer for h in handelser if isinstance(h, HandlingUpprattad)}
        filer: dict[int, str] = {}
        for h in hs.handlingar(system.uow(), str(diarienummer)):
            if h.nummer in nya and h.fil.endswith(".docx"):  # a masked scan is a PDF already
                try:
                    h = hs.gor_pdf(
                        system.uow(), system.arkiv, system.pdf, str(diarienummer), h, som
                    )
                except TjanstSaknas as fel:
                    typer.echo(f"Obs: {fel.meddelande}", err=True)
            filer[h.nummer] = h.pdf_fil or h.fil
        b = utlamnande.hamta(system.uow(), str(diarienummer), nummer)
    typer.echo(f"Begäran {nummer} i {diarienummer} är prövad:")
    for rad in utlamnande.redovisning(b, lambda n: f"(handling {n}) {filer[n]}"):
        typer.echo(f"  {rad}")


@app.command("inkorg")
def inkorg(
    en_gang: bool = typer.Option(False, "--en-gang", help="Gå igenom inkorgen en gång och sluta."),
    intervall: float = typer.Option(5.0, "--intervall", help="Sekunder mellan genomgångarna."),
) -> None:
    """Registrera det som läggs i inkorgen (ARENDE_INKORG_DIR): e-post (.eml) och filer med
    en uppgiftsfil (brev.pdf.toml). Registrerat flyttas till registrerade/, avvisat till
    avvisade/ med skälet bredvid."""
    from arende.entrypoints.inkorg import kor

    with _svenska_fel():
        system = starta()
        kor(system, Installningar().inkorg_dir, intervall, en_gang)


@app.command("historik")
def historik(dnr: str = typer.Argument(..., help="Diarienummer, t.ex. 'SoN 2008/1'.")) -> None:
    """Visa ärendets tidslinje: granskningsloggens händelser (vem, roll, vad) och Prefects
    körningar (schemalagd, kör, väntar på formulär, återupptagen av vem, klar), i tidsordning.
    Prefect nås via PREFECT_API_URL; saknas dess historik sägs det på en rad."""
    with _svenska_fel():
        linje = visningar.tidslinje(
            starta().uow(), dnr, PrefectRestHistorik(os.environ.get("PREFECT_API_URL"))
        )
    for rad in linje.rader:
        konsol.print(rad, highlight=False, soft_wrap=True, markup=False)
    if linje.prefect_saknas:
        konsol.print(linje.prefect_saknas, highlight=False, soft_wrap=True, markup=False)


@app.command("verifiera")
def verifiera(
    ankare: Path | None = typer.Option(
        None,
        "--ankare",
        help="Ankarfil utanför databasen: kedjan jämförs med varje rad, och kedjans huvud "
        "läggs till när allt stämmer. Avslöjar händelser som skurits bort i slutet.",
    ),
    forvantat: list[str] = typer.Option(
        [],
        "--forvantat",
        help="SEKVENS:HASH som kedjan måste passera, t.ex. från en tidigare utskrift.",
    ),
    publicerade: str | None = typer.Option(
        None,
        "--publicerade",
        metavar="FIL_ELLER_URL",
        help="Kontrollsummorna som anslagstavlan har publicerat (kontrollsummor.json): en "
        "sparad fil eller den publika webbplatsens adress. Kedjan måste ha samma hash vid "
        "varje publicerat löpnummer; annars har loggen skrivits om efter den dagen.",
    ),
) -> None:
    """Kontrollera granskningsloggens hashkedja (varje ändrad, raderad eller flyttad händelse
    och avskurna händelser i slutet), varje registrerad handlings fil mot dess sha256 och
    sigillen (PAdES) på varje justerat protokoll."""
    with _svenska_fel():
        punkter = [tolka_forvantat(f) for f in forvantat]
        if ankare is not None:
            punkter += las_ankare(ankare)
        publicerat = las_publicerade(publicerade) if publicerade is not None else None
        system = starta()
        resultat = visningar.verifiera(
            system.uow(),
            Filarkiv(Installningar().arkiv_dir),
            punkter,
            system.sigill,
            publicerat,
        )
        skrev = False
        if ankare is not None and resultat.intakt:
            skrev = lagg_till_ankare(
                ankare, resultat.senaste_sekvens, resultat.senaste_hash, datetime.now(UTC)
            )
    skriv = Console(soft_wrap=True, highlight=False)
    if resultat.kedjan_intakt:
        skriv.print(f"{resultat.text}, senaste hash {resultat.senaste_hash}", markup=False)
    else:
        skriv.print(resultat.text, markup=False)
        for fel in resultat.kedjefel:
            skriv.print(f"  {fel}", markup=False)
    if resultat.publicerade is not None and not resultat.publicerade_avviker:
        skriv.print(
            f"publicerade kontrollsummor: {resultat.publicerade} jämförda, loggen stämmer med "
            "varje publicerat löpnummer",
            markup=False,
        )
    if resultat.filfel:
        skriv.print(
            f"handlingar: {len(resultat.filfel)} fel bland {resultat.kontrollerade_filer} filer",
            markup=False,
        )
        for fel in resultat.filfel:
            skriv.print(f"  {fel}", markup=False)
    else:
        skriv.print(
            f"handlingar: {resultat.kontrollerade_filer} filer stämmer med sin sha256",
            markup=False,
        )
    if resultat.gallrade:
        skriv.print(
            f"gallrade: {_antal(len(resultat.gallrade), 'handlingsversion', 'er')}, var och en "
            "med sitt gallringsbeslut i granskningsloggen",
            markup=False,
        )
        for rad in resultat.gallrade:
            skriv.print(f"  {rad}", markup=False)
    if resultat.sigillfel:
        skriv.print(
            f"sigill: {len(resultat.sigillfel)} fel bland {resultat.kontrollerade_sigill} "
            "förseglade protokoll",
            markup=False,
        )
        for fel in resultat.sigillfel:
            skriv.print(f"  {fel}", markup=False)
    elif resultat.kontrollerade_sigill:
        skriv.print(
            f"sigill: {resultat.kontrollerade_sigill} förseglade protokoll, varje sigill "
            "intakt, giltigt och betrott",
            markup=False,
        )
    if ankare is not None:
        if skrev:
            skriv.print(
                f"ankaret {ankare} har fått kedjans huvud ({resultat.senaste_sekvens})",
                markup=False,
            )
        elif not resultat.intakt:
            skriv.print(
                f"ankaret {ankare} har inte ändrats: kedjan eller filerna stämmer inte",
                markup=False,
            )
    if not resultat.intakt:
        raise typer.Exit(code=1)


@app.command("publicera-kedjehuvud")
def publicera_kedjehuvudet() -> None:
    """Publicera granskningsloggens huvud (löpnummer och kontrollsumma) för i dag på
    anslagstavlan. Schemaläggaren gör det strax efter midnatt; en gång per dag, ett andra
    anrop samma dag ändrar ingenting."""
    with _svenska_fel():
        system = starta()
        publicering = publicera_kedjehuvud(system.uow(), system.klocka.idag())
    h = publicering.huvud
    vad = "publicerat" if publicering.ny else "redan publicerat, oförändrat"
    Console(soft_wrap=True, highlight=False).print(
        f"Kedjehuvudet för {h.datum.isoformat()} {vad}: löpnummer {h.sekvens}, sha256 {h.hash}",
        markup=False,
    )


@app.command("export")
def export(
    dnr: str | None = typer.Option(None, "--dnr", help="Exportera detta ärende."),
    ar: int | None = typer.Option(None, "--ar", help="Exportera alla ärenden från detta diarieår."),
    ut: Path = typer.Option(..., "--ut", help="Mappen där paketen skrivs."),
    zip: bool = typer.Option(
        False, "--zip", help="Ett zip-arkiv per ärende i stället för en mapp."
    ),
    som: str | None = typer.Option(
        None, "--som", help="Registratorn som exporterar (loggas i granskningsloggen)."
    ),
) -> None:
    """Exportera för e-arkivering: ett paket per ärende med handlingarnas filer, METS.xml,
    erms.xml (ärendet och handlingarna med sha256) och granskningsloggens händelser.
    Varje fil kontrolleras mot sin registrerade sha256 innan något skrivs."""
    with _svenska_fel():
        arkiv = Filarkiv(Installningar().arkiv_dir)
        system = starta()
        paket = exportera(
            system.uow(),
            arkiv,
            Arkivpaket(arkiv),
            ut,
            dnr=dnr,
            ar=ar,
            zip=zip,
            av=som,
            plan=system.plan,
        )
    for p in paket:
        konsol.print(f"Skrev {p}", markup=False, highlight=False)


@app.command("kalender")
def kalender(
    handlaggare: str | None = typer.Option(None, "--handlaggare", help="Handläggarens namn."),
    namnd: str | None = typer.Option(None, "--namnd", help="Nämndens namn."),
    ut: Path = typer.Option(..., "--ut", help="Filen att skriva (.ics)."),
) -> None:
    """Skriv en iCalendar-fil (.ics) med alla frister och sammanträden för en handläggare
    eller en nämnd, att öppna i Outlook eller en annan kalender."""
    # Imported here: the command is additive to this module and the others do not need it.
    from datetime import UTC, datetime

    from arende.adapters.ical import till_ics
    from arende.service_layer.kalenderexport import kalender as bygg_kalender

    with _svenska_fel():
        innehall = bygg_kalender(starta().uow(), handlaggare=handlaggare, namnd=namnd)
        try:
            ut.write_bytes(till_ics(innehall, datetime.now(UTC)))
        except OSError as fel:
            raise OgiltigUppgift(f"Kunde inte skriva {ut}: {fel.strerror}.") from None
    konsol.print(
        f"Skrev {ut}: {len(innehall.poster)} händelser ({innehall.namn}).",
        markup=False,
        highlight=False,
    )


@app.command("publik-roll")
def publik_roll(
    namn: str | None = typer.Argument(
        None, help="Rollens namn; utan det användaren i ARENDE_PUBLIK_DATABASE_URL."
    ),
    losenord: str | None = typer.Option(
        None,
        "--losenord",
        help="Rollens lösenord; utan det lösenordet i ARENDE_PUBLIK_DATABASE_URL när "
        "rollen tas därifrån, annars lämnas lösenordet som det är.",
    ),
) -> None:
    """Inrätta den publika webbplatsens egen PostgreSQL-roll: får logga in och läsa det
    webbplatsen visar (SELECT), inget annat. Körs som databasens ägare
    (ARENDE_DATABASE_URL), skapar rollen om den saknas och kan köras igen; det rollen fått
    tidigare men inte behöver längre tas tillbaka."""
    # Imported here: only this command needs it.
    from sqlalchemy.engine import make_url

    from arende.adapters.publikroll import inratta_publik_roll

    with _svenska_fel():
        inst = Installningar()
        if namn is None:
            if not inst.publik_database_url:
                raise OgiltigUppgift(
                    "Ange rollens namn (arende publik-roll arende_publik) eller sätt "
                    "ARENDE_PUBLIK_DATABASE_URL."
                )
            publik, agare = make_url(inst.publik_database_url), make_url(inst.database_url)
            if (publik.host, publik.port, publik.database) != (
                agare.host,
                agare.port,
                agare.database,
            ):
                raise OgiltigUppgift(
                    f"ARENDE_PUBLIK_DATABASE_URL pekar på databasen {publik.database} på "
                    f"{publik.host}, men ARENDE_DATABASE_URL på {agare.database} på "
                    f"{agare.host}: den publika rollen ska läsa ärendedatabasen."
                )
            if not publik.username:
                raise OgiltigUppgift("ARENDE_PUBLIK_DATABASE_URL anger ingen användare.")
            namn = publik.username
            losenord = losenord if losenord is not None else publik.password
        roll = inratta_publik_roll(inst.database_url, namn, losenord)
    konsol.print(roll.beskrivning(), markup=False, highlight=False)


@app.command("schemalaggare")
def schemalaggare() -> None:
    """Starta schemaläggaren som skickar påminnelser om frister med e-post (Ctrl-C stoppar).
    En andra schemaläggare mot samma databas väntar tills den första har stoppats."""
    from arende.entrypoints.schemalaggare import main as schemalaggarens_main

    raise typer.Exit(code=schemalaggarens_main())


@app.command("svarsmall")
def svarsmall(
    dnr: str = typer.Option(..., "--dnr", help="Nomineringsärendets diarienummer."),
    verksamhet: str = typer.Option(..., "--verksamhet", help="Den nominerade verksamheten."),
    ut: Path | None = typer.Option(
        None, "--ut", help="Skriv en tom svarsmall (Word) för verksamheten hit."
    ),
    fil: Path | None = typer.Option(
        None, "--fil", help="Läs in en ifylld svarsmall (Word) i verksamhetens bidrag."
    ),
    som: str | None = typer.Option(
        None, "--som", help="Du som laddar upp (handläggare eller verksamhetens kontakt)."
    ),
) -> None:
    """Tävlingsbidragets svarsmall i Word: skriv ut en tom mall med --ut, eller läs in en
    ifylld med --fil och --som. Frågorna är årets; det mallen lämnar tomt behåller det
    bidraget redan har (t.ex. fråga 18 från verksamhetsplanen)."""
    # Imported here: only this command needs the tävlingsbidrag's adapters.
    import hashlib

    from arende.adapters.svarsmall import skapa_svarsmall
    from arende.domain.diarienummer import Diarienummer
    from arende.service_layer import tavlingsvy
    from arende.service_layer.kommandon import LaddaUppSvarsmall

    with _svenska_fel():
        if (ut is None) == (fil is None):
            raise OgiltigUppgift("Ange antingen --ut FIL (tom mall) eller --fil FIL (ifylld mall).")
        system = starta()
        bidrag = next(
            (
                o.bidrag
                for o in tavlingsvy.tavlingsbidrag_for(system.uow(), dnr)
                if o.verksamhet == verksamhet
            ),
            None,
        )
        if bidrag is None:
            raise OgiltigUppgift(f"Ärende {dnr} har inget tävlingsbidrag för '{verksamhet}'.")
        if ut is not None:
            ut.write_bytes(skapa_svarsmall(bidrag.fragebatteri, verksamhet))
            konsol.print(f"Skrev {ut}", markup=False, highlight=False)
            return
        assert fil is not None
        if not som:
            raise OgiltigUppgift("Ange vem som laddar upp: --som NAMN.")
        try:
            innehall = fil.read_bytes()
        except OSError:
            raise OgiltigUppgift(f"Filen {fil} går inte att läsa.") from None
        # The file's own checksum is the step's key: the same file twice changes nothing.
        nyckel = f"svarsmall-{hashlib.sha256(innehall).hexdigest()[:16]}"
        system.utfor(
            LaddaUppSvarsmall(
                aktor=som,
                nyckel=nyckel,
                dnr=Diarienummer.tolka(dnr),
                verksamhet=verksamhet,
                filnamn=fil.name,
                innehall=innehall,
            )
        )
    konsol.print(f"Läste in {fil.name} i tävlingsbidraget för {verksamhet}.", markup=False)


# -- klassificering och gallring ----------------------------------------------------------

gallring_app = typer.Typer(
    help="Klassificering och gallring: planen, gallringsförslag och registratorns beslut.",
    no_args_is_help=True,
)
app.add_typer(gallring_app, name="gallring")


@gallring_app.command("plan")
def gallring_plan() -> None:
    """Visa klassificeringen (verksamhetsområde, processgrupp, process med ärendetyper) och
    informationshanteringsplanen: vad som bevaras och vad som gallras, när och enligt vilket
    beslut."""
    with _svenska_fel():
        plan = starta(migrera=False).plan
    for klass in plan.klasser:
        indrag = "  " * klass.kod.count(".")
        typer_ = f"  (ärendetyper: {', '.join(klass.arendetyper)})" if klass.arendetyper else ""
        konsol.print(f"{indrag}{klass.kod} {klass.namn}{typer_}", markup=False)
    tabell = Table("Handlingstyp", "Process", "Bevaras eller gallras")
    for b in plan.bestammelser:
        tabell.add_row(b.handlingstyp, b.process or "alla", str(b))
    konsol.print(tabell)


@gallring_app.command("forslag")
def gallring_forslag(
    namnd: str = typer.Option(..., "--namnd", help="Nämnden vars arkiv gallras."),
    som: str = typer.Option(..., "--som", help="Du som gör körningen (registrator)."),
) -> None:
    """Gör en gallringskörning: allt som informationshanteringsplanen tillåter att gallras i
    dag sparas som ett förslag. Inget tas bort förrän en registrator beslutar
    (`arende gallring verkstall`)."""
    from arende.domain.handelser import GallringForeslagen
    from arende.service_layer import gallring
    from arende.service_layer.kommandon import ForeslaGallring

    with _svenska_fel():
        system = starta()
        handelser = system.utfor(ForeslaGallring(aktor=som, namnd=namnd))
        [handelse] = [h for h in handelser if isinstance(h, GallringForeslagen)]
        forslag = gallring.forslaget(system.uow, handelse.forslag)
        assert forslag is not None
        # What an earlier, undecided proposal holds is not proposed again: say where it is.
        vantande = [
            f
            for f in gallring.forslagen(system.uow, forslag.namnd)
            if f.beslutat is None and f.poster and f.id != forslag.id
        ]
    _skriv_forslag(forslag)
    for f in reversed(vantande):
        konsol.print(
            f"Väntar på beslut sedan tidigare: gallringsförslag {f.id} ({f.datum.isoformat()}, "
            f"{f.av}): {_antal(len(f.poster), 'handling', 'ar')}. Besluta: arende gallring "
            f"verkstall {f.id} --som NAMN",
            markup=False,
        )


@gallring_app.command("visa")
def gallring_visa(forslag_id: int = typer.Argument(..., help="Förslagets nummer.")) -> None:
    """Visa ett gallringsförslag och om det är beslutat."""
    from arende.domain.fel import HittasInte
    from arende.service_layer import gallring

    with _svenska_fel():
        forslag = gallring.forslaget(starta().uow, forslag_id)
        if forslag is None:
            raise HittasInte(f"Gallringsförslag {forslag_id} finns inte.")
    _skriv_forslag(forslag)


def _skriv_forslag(forslag: Gallringsforslag) -> None:
    tabell = Table("Diarienummer", "Nr", "Typ", "Datum", "Gallras", "Gallringsbeslut", "Tidigast")
    for p in forslag.poster:
        tabell.add_row(
            p.dnr,
            str(p.nummer),
            p.handlingstyp,
            p.datum.isoformat(),
            p.frist,
            p.beslut,
            p.fran_och_med.isoformat(),
        )
    konsol.print(
        f"Gallringsförslag {forslag.id} för {forslag.namnd} ({forslag.datum.isoformat()}, "
        f"{forslag.av}): {_antal(len(forslag.poster), 'handling', 'ar')}",
        markup=False,
    )
    if forslag.poster:
        konsol.print(tabell)
    if forslag.beslutat is not None:
        konsol.print(
            f"Beslutat {forslag.beslutat.isoformat()} av {forslag.beslutat_av}.", markup=False
        )
    elif forslag.poster:
        konsol.print(
            f"Besluta: arende gallring verkstall {forslag.id} --som NAMN [--handling 'DNR:NR' …]",
            markup=False,
        )


@gallring_app.command("verkstall")
def gallring_verkstall(
    forslag_id: int = typer.Argument(..., help="Gallringsförslagets nummer."),
    som: str = typer.Option(..., "--som", help="Du som beslutar (registrator)."),
    handling: list[str] = typer.Option(
        [],
        "--handling",
        help="En handling ur förslaget, 'DNR:NR' (t.ex. 'SoN 2008/1:3'); kan anges flera "
        "gånger. Utan: hela förslaget.",
    ),
) -> None:
    """Besluta om gallring enligt förslaget: handlingarnas filer tas bort ur arkivet, och
    kvar blir registreringen och en gallringsuppgift (sha256, gallringsbeslutet, vem och
    när). Samma beslut en gång till tar bort det som blev kvar efter ett avbrott."""
    import hashlib

    from arende.domain.fel import HittasInte
    from arende.service_layer import gallring
    from arende.service_layer.kommandon import BeslutaGallring

    with _svenska_fel():
        poster = [gallring.tolka_post(h) for h in handling]
        system = starta()
        forslag = gallring.forslaget(system.uow, forslag_id)
        if forslag is None:
            raise HittasInte(f"Gallringsförslag {forslag_id} finns inte.")
        # The key names the decision (who, which): a corrected retry is a new step, the same
        # decision again a replay that removes what an interrupted run left.
        summa = hashlib.sha256(repr((som.strip(), sorted(poster))).encode()).hexdigest()[:16]
        handelser = system.utfor(
            BeslutaGallring(
                aktor=som,
                nyckel=f"gallring-{forslag_id}-{summa}",
                namnd=forslag.namnd,
                forslag=forslag_id,
                poster=poster,
            )
        )
        borttagna = gallring.ta_bort_filer(system.arkiv, handelser)
    antal = sum(1 for h in handelser if type(h).__name__ == "HandlingGallrad")
    konsol.print(
        f"Gallrat enligt förslag {forslag_id}: {_antal(antal, 'handlingsversion', 'er')}; "
        f"{_antal(len(borttagna), 'fil', 'er')} togs bort ur arkivet. Registreringarna och deras "
        "sha256 finns kvar; `arende verifiera` namnger varje gallring.",
        markup=False,
    )


def _antal(antal: int, ord_: str, plural: str) -> str:
    """'1 handling', '2 handlingar'."""
    return f"{antal} {ord_}{'' if antal == 1 else plural}"


# -- the command line's own errors, in Swedish ------------------------------------------

# What click's (English) reason says the value should have been, in Swedish.
_VANTAT = {"integer": "ett heltal", "date": "ett datum (ÅÅÅÅ-MM-DD)", "path": "en sökväg"}


def svenskt_anvandningsfel(fel: click.UsageError) -> str:
    """Click's usage errors (a missing option, an unknown command, a value of the wrong
    type) said in Swedish; click itself only speaks English."""
    kommando = fel.ctx.command_path if fel.ctx else "arende"
    hjalp = f"Se `{kommando} --help`."
    if isinstance(fel, click.MissingParameter) and fel.param is not None:
        namn = "/".join(fel.param.opts) or str(fel.param.name)
        return f"{namn} saknas. {hjalp}"
    if isinstance(fel, click.NoSuchOption):
        forslag = f" Menade du {', '.join(sorted(fel.possibilities))}?" if fel.possibilities else ""
        return f"Det finns inget val {fel.option_name}.{forslag} {hjalp}"
    if isinstance(fel, click.BadParameter) and fel.param is not None:
        namn = "/".join(fel.param.opts) or str(fel.param.name)
        orsak = fel.message.lower()
        vantat = next((v for k, v in _VANTAT.items() if k in orsak), None)
        return (
            f"{namn} ska vara {vantat}. {hjalp}"
            if vantat
            else f"{namn} har ett värde som inte går att tolka. {hjalp}"
        )
    if fel.ctx is not None and isinstance(fel.ctx.command, TyperGroup):
        kommandon = ", ".join(sorted(fel.ctx.command.list_commands(fel.ctx)))
        return f"Okänt kommando. Kommandona är: {kommandon}. {hjalp}"
    if "unexpected extra argument" in fel.message:
        extra = fel.message.rsplit("(", 1)[-1].rstrip(")")
        return f"Argument som inte hör dit: {extra}. {hjalp}"
    return f"Kommandoraden kunde inte tolkas ({fel.format_message()}). {hjalp}"


def main() -> None:
    """The `arende` command: the app, with click's usage errors in Swedish (exit 2)."""
    try:
        utfall = app(standalone_mode=False)
    except click.UsageError as fel:
        Console(stderr=True, highlight=False).print(
            f"Fel: {svenskt_anvandningsfel(fel)}", markup=False
        )
        sys.exit(2)
    except typer.Abort:
        Console(stderr=True).print("Avbrutet.", markup=False)
        sys.exit(1)
    sys.exit(utfall if isinstance(utfall, int) else 0)


if __name__ == "__main__":
    main()
