"""One OS process's share of the soak (tests/prod/test_utmattning.py): nomination ärenden
taken through every stage by the same commands the flows give, in the flows' order and under
the flows' step keys, each through the system's one runner (`Arendesystem.utfor`), which draws
up the documents in their steps and recomputes the frister in the same transaction. Run by
several processes at once against the production profile's database.

Each ärende is registered in Socialtjänstnämnden's 2019 series (2019's award has no sista
dag, so any sammanträde of the year is allowed) for one of the soak's sammanträden (SAMMANTRADEN,
put in the nämnd's plan by the test; the registration checks the sammanträde against it), so
each meeting decides about a eighteenth of the ärenden together, as a real dagordning would.
Each process holds its own meetings: it registers and bereder their ärenden, then holds the
meeting as flows/sammantrade.py does (kallelse, öppning, one beslut per ärende, protokoll, the
ordförande's and the justerare's signatures, anslag), then expedierar and closes each ärende.
A nämnd sits one meeting at a time (the first § of a meeting is the next of the year), so the
meetings themselves take a PostgreSQL advisory lock: the processes' beredning and expediering
run side by side.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from arende.adapters.arkiv import Filarkiv
from arende.adapters.pdf import hitta_libreoffice
from arende.bootstrap import Arendesystem, starta
from arende.domain.datum import STOCKHOLM
from arende.domain.diarienummer import Diarienummer
from arende.domain.handelser import ArendeOverlamnat, ArendeRegistrerat, Handelse
from arende.domain.sammantrade.narvaro import Narvaro, Tjansteman
from arende.domain.sammantrade.omrostning import Yrkande
from arende.domain.skeden import Utfall
from arende.service_layer import handlingar, visningar
from arende.service_layer import kommandon as k
from tests.hjalp import inloggning

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


def bered(system: Arendesystem, i: int, mote: date) -> str:
    """The ärende run's part (flows/arendeflode.py): registration (which checks the
    sammanträde against the nämnd's plan), beredning, samverkan and the fastställt förslag
    with its tjänsteutlåtande, each a command of the run, under the run's keys."""
    korning = str(uuid.uuid4())  # as a flow run's id: the registration's key

    def utfor(kommando: k.Kommando) -> list[Handelse]:
        return system.utfor(kommando)

    handelser = utfor(
        k.RegistreraArende(
            aktor=HANDLAGGARE,
            nyckel=visningar.korningsnyckel(korning),
            flodeskorning=korning,
            typ="nominering",
            namnd=NAMND,
            handlaggare=HANDLAGGARE,
            planerat_sammantrade=mote,
            uppgifter={
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
            registreringsdatum=mote - timedelta(days=28),
        )
    )
    dnr = next(h.dnr for h in handelser if isinstance(h, ArendeRegistrerat))
    steg: dict[str, Any] = {"aktor": HANDLAGGARE, "flodeskorning": korning, "dnr": dnr}
    utfor(k.PaborjaBeredning(nyckel="beredning", **steg))
    utfor(
        k.RegistreraSamverkan(
            nyckel="samverkan-1-1",
            datum=mote - timedelta(days=7),
            anteckning="Samverkat i förvaltningsgruppen utan erinran",
            **steg,
        )
    )
    utfor(
        k.FaststallForslag(
            aktor=CHEFER[0],
            nyckel="faststall-1-1",
            flodeskorning=korning,
            dnr=dnr,
            datum=mote - timedelta(days=6),
            undertecknare=CHEFER,
        )
    )
    return str(dnr)


def sammantrade(system: Arendesystem, datum: date, dnr: list[str]) -> None:
    """The sammanträde run's part (flows/sammantrade.py) for the meeting's ärenden: every
    § bifall, justerad when the ordförande and the justerare have signed the protokoll."""
    korning = str(uuid.uuid4())

    def utfor(typ: type[k.Sammantradeskommando], nyckel: str | None, **data: Any) -> list[Handelse]:
        data.setdefault("aktor", SEKRETERARE)
        return system.utfor(
            typ(nyckel=nyckel, flodeskorning=korning, namnd=NAMND, datum=datum, **data)
        )

    utfor(k.Kalla, None, utskick=datum - timedelta(days=6))
    s = visningar.sammantrade(system.uow(), NAMND, datum)
    assert s is not None and s.dagordning is not None
    assert sorted(p.dnr for p in s.dagordning.punkter) == sorted(dnr), s.dagordning
    ledamoter = [
        x.namn for x in visningar.namnd(system.uow(), NAMND).ledamoter if x.roll.ar_ledamot
    ]
    utfor(
        k.Oppna,
        "oppna-1",
        narvaro=Narvaro(tuple(ledamoter), (), (Tjansteman(SEKRETERARE, "nämndsekreterare"),)),
        ordforande=ORDFORANDE,
        justerare=[JUSTERARE],
        justering_forsta=datum + timedelta(days=7),
        justering_sista=datum + timedelta(days=14),
    )
    for punkt in s.dagordning.punkter:
        utfor(
            k.Besluta,
            f"beslut-{punkt.dnr}-1",
            arende=punkt.dnr,
            utfall=Utfall.BIFALL,
            yrkanden=(Yrkande(1, ORDFORANDE, "bifall till förvaltningens förslag"),),
        )
    utfor(k.Stang, "avsluta-1", upprattat=datum + timedelta(days=1))
    protokoll = visningar.protokoll(system.uow(), NAMND, datum)
    assert protokoll is not None
    for dag, namn in ((7, ORDFORANDE), (8, JUSTERARE)):
        signerat = datum + timedelta(days=dag)
        utfor(
            k.Signera,
            f"justering-{namn}-1",
            aktor=namn,
            inloggning=inloggning(namn),
            tidpunkt=datetime(signerat.year, signerat.month, signerat.day, 10, tzinfo=STOCKHOLM),
            protokoll_sha256=protokoll.sha256,
        )
    handelser = utfor(k.Ansla, "anslag-1", anslaget=datum + timedelta(days=9))
    anslagna = [str(h.dnr) for h in handelser if isinstance(h, ArendeOverlamnat)]
    assert sorted(anslagna) == sorted(dnr), anslagna


def expediera(system: Arendesystem, dnr: str, mote: date) -> None:
    """The expediering run's part (flows/expediering.py)."""
    korning = str(uuid.uuid4())
    dag = mote + timedelta(days=10)
    d = Diarienummer.tolka(dnr)
    system.utfor(
        k.Expediera(
            aktor=REGISTRATOR,
            nyckel="expediering-1",
            flodeskorning=korning,
            dnr=d,
            datum=dag,
            mottagare=["Stadsledningskontoret"],
        )
    )
    system.utfor(
        k.Avsluta(
            aktor=REGISTRATOR,
            nyckel="expediering-1-avslut",
            flodeskorning=korning,
            dnr=d,
            datum=dag,
        )
    )
