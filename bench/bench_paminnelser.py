"""Benchmark: rebuilding the reminder job store from 100,000 frister on scheduler start,
beside a bare INSERT of the same job rows. Not part of the test suite.

    .venv/bin/python bench/bench_paminnelser.py [--antal 100000] [--databas URL]

The reconciliation reads the open frister and the reminders already sent, computes each
job's time on the working-day calendar, pickles an APScheduler job per frist and lead time
(three lead times plus the escalation: four jobs per frist) and writes them in one
transaction. The bare insert writes the identical rows (same ids, times, pickles and the
plan each was written from) into an empty copy of the table in one transaction: the floor for
the same amount of data. A second reconciliation with nothing changed shows the cost of a
restart: it reads what each job was planned from and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Column, Index, MetaData, Table, insert, select, text
from sqlmodel import col

from arende.adapters.databas import skapa_motor, uppgradera
from arende.adapters.epost import SmtpBrevlada
from arende.adapters.schemalaggning import JOBBTABELL
from arende.adapters.tabeller import ArendeRad, FristRad, NamndRad, PersonRad
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.entrypoints.schemalaggare import Paminnelsetjanst

GRUNDDATA = Path(__file__).resolve().parents[1] / "deployments" / "grunddata.toml"
NU = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
BATCH = 5000
# A nomination keeps its own answers among its uppgifter (the award's year, the units).
UPPGIFTER = json.dumps(
    {
        "utmarkelsear": 2008,
        "enheter": [{"namn": "Enheten", "klass": "övriga verksamheter", "beskrivning": ""}],
        "omedelbar_justering": "nej",
        "avslutande_kommentar": "",
    },
    ensure_ascii=False,
)


def fyll(system: Arendesystem, antal: int) -> None:
    """`antal` open ärenden, one justering frist each, spread over the coming year."""
    with system.motor.begin() as a:
        namnd_id = a.execute(
            select(col(NamndRad.id)).where(col(NamndRad.namn) == "Socialtjänstnämnden")
        ).scalar_one()
        person_id = a.execute(
            select(col(PersonRad.id)).where(col(PersonRad.namn) == "Lena Murray")
        ).scalar_one()
        arenden = [
            {
                "dnr": f"SoN 2026/{i}",
                "diarieprefix": "SoN",
                "diarie_ar": 2026,
                "lopnummer": i,
                "arendetyp": "nominering",
                "namnd_id": namnd_id,
                "handlaggare_id": person_id,
                "titel": "Stadens kvalitetsutmärkelse 2026",
                "registreringsdatum": date(2026, 1, 2),
                "skede": "under beredning",
                "omgang": 1,
                "planerat_sammantrade": date(2026, 5, 19),
                "foreslagen_omedelbar_justering": False,
                "uppgifter": UPPGIFTER,
                "skapad": NU,
                "andrad": NU,
            }
            for i in range(1, antal + 1)
        ]
        for i in range(0, antal, BATCH):
            a.execute(insert(ArendeRad.__table__), arenden[i : i + BATCH])  # type: ignore[attr-defined]
        ids = [r[0] for r in a.execute(select(col(ArendeRad.id)).order_by(col(ArendeRad.id)))]
        frister = [
            {
                "arende_id": arende_id,
                "typ": "justering",
                "datum": date(2026, 1, 19) + timedelta(days=i % 330),
                "beskrivning": "Protokollet ska vara justerat.",
                "regel": "KL 5 kap. 69 §",
                "klar": False,
            }
            for i, arende_id in enumerate(ids)
        ]
        for i in range(0, antal, BATCH):
            a.execute(insert(FristRad.__table__), frister[i : i + BATCH])  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Paminnelsematning:
    antal: int
    jobb: int
    tillagda: int
    avstamning_s: float
    insert_s: float
    lasa_s: float  # reading the whole job store once: the floor for a restart
    omstart_s: float
    oforandrade: int
    url: str


def mat(antal: int = 100_000, databas: str | None = None) -> Paminnelsematning:
    url = databas or f"sqlite:///{tempfile.mkdtemp(prefix='bench-paminnelser-')}/a.db"
    uppgradera(url)
    motor = skapa_motor(url)
    system = Arendesystem(motor)
    ladda_grunddata(system, GRUNDDATA)
    fyll(system, antal)
    tjanst = Paminnelsetjanst(
        system,
        SmtpBrevlada("127.0.0.1", 1, "bench@stockholm.example"),
        (10, 5, 1),
        klocka=lambda: NU,
    )

    start = time.perf_counter()
    avstamning = tjanst.avstam()
    avstamning_s = time.perf_counter() - start

    jobb = Table(JOBBTABELL, MetaData(), autoload_with=motor)
    # Every column of the job table (APScheduler's three and the plan each row was written
    # from), so the floor writes exactly the rows the reconciliation wrote.
    kopia = Table(
        "paminnelsejobb_kopia",
        MetaData(),
        *(Column(c.name, c.type, primary_key=c.primary_key) for c in jobb.columns),
        Index("ix_paminnelsejobb_kopia_next_run_time", "next_run_time"),
    )
    kopia.create(motor)
    start = time.perf_counter()
    with motor.connect() as a:
        rader = [dict(r._mapping) for r in a.execute(select(jobb))]
    lasa_s = time.perf_counter() - start
    start = time.perf_counter()
    with motor.begin() as a:
        for i in range(0, len(rader), BATCH):
            a.execute(insert(kopia), rader[i : i + BATCH])
    insert_s = time.perf_counter() - start

    start = time.perf_counter()
    igen = tjanst.avstam()
    igen_s = time.perf_counter() - start
    with motor.begin() as a:
        a.execute(text("DROP TABLE paminnelsejobb_kopia"))
    motor.dispose()
    return Paminnelsematning(
        antal=antal,
        jobb=len(rader),
        tillagda=avstamning.tillagda,
        avstamning_s=avstamning_s,
        insert_s=insert_s,
        lasa_s=lasa_s,
        omstart_s=igen_s,
        oforandrade=igen.oforandrade,
        url=url,
    )


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    tolk.add_argument("--antal", type=int, default=100_000)
    tolk.add_argument("--databas", default=None, help="standard: en ny SQLite-fil i /tmp")
    argument = tolk.parse_args()
    print(f"Fyller {argument.antal} frister och stämmer av ...")
    m = mat(argument.antal, argument.databas)
    print(f"Databas: {m.url}")
    print(f"Frister: {m.antal}, jobb i jobblagret: {m.jobb} ({m.tillagda} nya)")
    print(f"Avstämning vid start (tomt jobblager): {m.avstamning_s:8.2f} s")
    print(f"Ren INSERT av samma rader:             {m.insert_s:8.2f} s")
    print(f"Kvot avstämning / ren INSERT:          {m.avstamning_s / m.insert_s:8.1f}")
    print(f"Omstart, inget ändrat ({m.oforandrade} oförändrade): {m.omstart_s:8.2f} s")


if __name__ == "__main__":
    main()
