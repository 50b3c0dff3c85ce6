"""One OS process's share of the soak (tests/prod/test_utmattning.py): nomination ärenden
taken through every stage by the same service-layer calls the flows make, in the flows'
order, with the documents drawn up in their steps and the frister updated after each step as
the flows do. Run by several processes at once against the production profile's database.

Each ärende is registered in Socialtjänstnämnden's 2019 series (2019's award has no sista
dag, so any sammanträde of the year is allowed) for one of the soak's sammanträden (SAMMANTRADEN,
put in the nämnd's plan by the test), so each meeting decides about a eighteenth of the
ärenden together, as a real dagordning would. Each process holds its own meetings: it
registers and bereder their ärenden, then holds the meeting as flows/sammantrade.py does
(kallelse, öppning, one beslut per ärende, protokoll, the ordförande's and the justerare's
signatures, anslag), then expedierar and closes each ärende. A nämnd sits one meeting at a
time (the first § of a meeting is the next of the year), so the meetings themselves take a
PostgreSQL advisory lock: the processes' beredning and expediering run side by side.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from arende.adapters.arkiv import Filarkiv
from arende.adapters.pdf import hitta_libreoffice
from arende.bootstrap import Arendesystem, starta
from arende.domain.datum import STOCKHOLM
from arende.domain.sammantrade.narvaro import Narvaro, Tjansteman
from arende.domain.sammantrade.omrostning import Yrkande
from arende.domain.skeden import Utfall
from arende.service_layer import arendetyper, frister, handlingar, visningar
from arende.service_layer import handlers as h

NAMND = "Socialtjänstnämnden"
AR = 2019
HANDLAGGARE = "Lena Murray"
CHEFER = ["Dag Helin", "Eddie Friberg"]
SEKRETERARE = "Karin Ekström"
REGISTRATOR = "Per Lindqvist"
ORDFORANDE = "Karin Ekblad"
JUSTERARE = "Johan Sundberg"
# Tuesdays of 2019 outside July: the nämnd's sammanträden in the soak.
SAMMANTRADEN = [date(2019, 2, 5) + timedelta(weeks=2 * i) for i in range(20)]
SAMMANTRADEN = [d for d in SAMMANTRADEN if d.month != 7]
LAS = 0x61726E  # the advisory lock of the nämnd's meetings ("arn")


@dataclass(frozen=True)
class Uppdrag:
    databas: str
    arkiv: str
    moten: list[int]  # this process's sammanträden (indexes into SAMMANTRADEN)
    antal: int  # ärenden in all: ärende i goes to sammanträde i % len(SAMMANTRADEN)
    pdf_var: int  # make the PDFs of every pdf_var:th ärende (0: none)


@dataclass(frozen=True)
class Resultat:
    dnr: list[str]
    pdf: int
    sekunder: float


def kor(uppdrag: Uppdrag) -> Resultat:
    system = starta(uppdrag.databas)
    system.arkiv = Filarkiv(Path(uppdrag.arkiv))
    dsn = make_url(uppdrag.databas).set(drivername="postgresql").render_as_string(False)
    start = time.monotonic()
    alla, pdf = [], 0
    for m in uppdrag.moten:
        mote = SAMMANTRADEN[m]
        index = list(range(m, uppdrag.antal, len(SAMMANTRADEN)))
        dnr = [bered(system, i, mote) for i in index]
        with psycopg.connect(dsn, autocommit=True) as las:
            las.execute("SELECT pg_advisory_lock(%s)", (LAS,))
            sammantrade(system, mote, dnr)
            las.execute("SELECT pg_advisory_unlock(%s)", (LAS,))
        for i, d in zip(index, dnr, strict=True):
            expediera(system, d, mote)
            alla.append(d)
            if uppdrag.pdf_var and i % uppdrag.pdf_var == 0 and hitta_libreoffice():
                # What the flows' publicera task does after a document step: the PDF,
                # outside the step's transaction, registered once.
                for handling in handlingar.handlingar(system.uow(), d):
                    handlingar.gor_pdf(
                        system.uow(), system.arkiv, system.pdf, d, handling, aktor="arende (PDF)"
                    )
                    pdf += 1
    return Resultat(alla, pdf, time.monotonic() - start)


def _frist(system: Arendesystem, dnr: str, korning: str) -> None:
    """As the flows: the frister follow each step."""
    frister.uppdatera_frister(dnr, system.uow(), system.kalender, flodeskorning=korning)


def bered(system: Arendesystem, i: int, mote: date) -> str:
    """The ärende run's part (flows/arendeflode.py): registration, beredning, samverkan and
    the fastställt förslag with its tjänsteutlåtande."""
    u, k, kal = system.uow, system.klocka, system.kalender
    korning = str(uuid.uuid4())  # as a flow run's id: the key of every step
    registrerad = mote - timedelta(days=28)
    frister.kontrollera_sammantrade(u(), NAMND, mote, kal, fran=registrerad, utmarkelsear=AR)
    dnr = arendetyper.registrera_arende(
        arendetyper.NyttArende(
            "nominering",
            NAMND,
            HANDLAGGARE,
            mote,
            {
                "utmarkelsear": AR,
                "enheter": [
                    {
                        "namn": f"Enhet {i}",
                        "klass": "socialtjänst",
                        "beskrivning": f"Verksamhet nummer {i} i utmattningen.",
                    }
                ],
                "omedelbar_justering": "nej",
                "avslutande_kommentar": "Nominerad i utmattningstestet.",
            },
            registrerad,
        ),
        system.typer,
        u(),
        h.Kontext(HANDLAGGARE, korning, visningar.korningsnyckel(korning)),
        k,
        kal,
    )
    _frist(system, dnr, korning)
    h.paborja_beredning(dnr, u(), h.Kontext(HANDLAGGARE, korning, "beredning"), k)
    _frist(system, dnr, korning)
    h.registrera_samverkan(
        dnr,
        mote - timedelta(days=7),
        "Samverkat i förvaltningsgruppen utan erinran",
        u(),
        h.Kontext(HANDLAGGARE, korning, "samverkan-1"),
        k,
    )
    _frist(system, dnr, korning)
    h.faststall_forslag(
        dnr,
        mote - timedelta(days=6),
        CHEFER,
        u(),
        h.Kontext(CHEFER[0], korning, "faststall-1"),
        k,
        dokument=system.dokument,
    )
    _frist(system, dnr, korning)
    return dnr


def sammantrade(system: Arendesystem, datum: date, dnr: list[str]) -> None:
    """The sammanträde run's part (flows/sammantrade.py) for the meeting's ärenden: every
    § bifall, justerad when the ordförande and the justerare have signed the protokoll."""
    u, k, verk = system.uow, system.klocka, system.dokument
    mote = sm.Mote(NAMND, datum, SEKRETERARE, str(uuid.uuid4()))
    dagordning = sm.kalla(u(), mote, k, verk, datum - timedelta(days=6))
    assert sorted(p.dnr for p in dagordning.punkter) == sorted(dnr), dagordning
    ledamoter = [x.namn for x in visningar.namnd(u(), NAMND).ledamoter if x.roll.ar_ledamot]
    sm.oppna(
        u(),
        mote,
        k,
        narvaro=Narvaro(tuple(ledamoter), (), (Tjansteman(SEKRETERARE, "nämndsekreterare"),)),
        ordforande=ORDFORANDE,
        justerare=[JUSTERARE],
        justering_forsta=datum + timedelta(days=7),
        justering_sista=datum + timedelta(days=14),
    )
    for punkt in dagordning.punkter:
        sm.besluta(
            u(),
            mote,
            k,
            verk,
            sm.NyttBeslut(
                punkt.dnr,
                Utfall.BIFALL,
                (Yrkande(1, ORDFORANDE, "bifall till förvaltningens förslag"),),
            ),
        )
        _frist(system, punkt.dnr, mote.flodeskorning or "")
    fil = sm.stang(u(), mote, k, verk, datum + timedelta(days=1))
    for dag, namn in ((7, ORDFORANDE), (8, JUSTERARE)):
        signerat = datum + timedelta(days=dag)
        sm.signera(
            u(),
            sm.Mote(NAMND, datum, namn, mote.flodeskorning),
            k,
            verk,
            tidpunkt=datetime(signerat.year, signerat.month, signerat.day, 10, tzinfo=STOCKHOLM),
            protokoll_sha256=fil.sha256,
        )
    anslagna = sm.ansla(u(), mote, k, verk, datum + timedelta(days=9))
    assert sorted(anslagna) == sorted(dnr), anslagna
    for d in anslagna:
        _frist(system, d, mote.flodeskorning or "")


def expediera(system: Arendesystem, dnr: str, mote: date) -> None:
    """The expediering run's part (flows/expediering.py)."""
    u, k = system.uow, system.klocka
    korning = str(uuid.uuid4())
    dag = mote + timedelta(days=10)
    h.expediera(
        dnr, dag, ["Stadsledningskontoret"], u(), h.Kontext(REGISTRATOR, korning, "expediering"), k
    )
    _frist(system, dnr, korning)
    h.avsluta(dnr, dag, u(), h.Kontext(REGISTRATOR, korning, "expediering-avslut"), k)
    _frist(system, dnr, korning)
