"""Benchmark of the public site on PostgreSQL and SQLite (not run by the tests).

Builds a database of its own on each (on the local PostgreSQL `bench_publik`, dropped and
made anew; for SQLite a file in a temporary folder) with N ärenden (default 200,000, the
size of issue 17) spread over ten years and both nämnder, and a notice on the anslagstavla
for each of their sammanträden: the same rows on both. Then, for each database, side by side
in one run, p95 of many requests:

- GET /anslagstavla (today's notices, through the whole app in-process, read-only engine),
  beside the bare SQL query for the same rows;
- GET /diarium?sok=WORD (a word search among all titles, first page, a sixth of the
  ärenden match), beside the bare SQL of the same count and page through the database's
  full-text index (PostgreSQL's tsvector, SQLite's FTS5; adapters/fritext.py).

Server time: the app is called in-process (FastAPI's TestClient), so no network is counted.

    .venv/bin/python -m bench.bench_publik [--arenden N] [--ganger K]
                                           [--databas postgresql|sqlite|bada]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from arende.adapters.databas import skapa_lasmotor, skapa_motor, uppgradera
from arende.adapters.fritext import fts5_fraga
from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.config import PROJEKTROT
from arende.entrypoints.publik import skapa_app

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DATABAS = "bench_publik"
IDAG = date(2009, 12, 1)  # the last of the ten years: its notices are up
SOK = "hemtjänst"
SKAPAD = "2026-01-01 00:00:00+00"

ARENDEKOLUMNER = (
    "dnr, diarieprefix, diarie_ar, lopnummer, arendetyp, namnd_id, handlaggare_id, titel, "
    "registreringsdatum, skede, omgang, planerat_sammantrade, foreslagen_omedelbar_justering, "
    "skapad, andrad"
)
ANSLAGSKOLUMNER = (
    "slag, namnd_id, sammantrade, justerad, paragrafer, anslaget, publicerad, "
    "overklagande_slut, ned, forvaras, i_efterhand"
)


# The bare SQL of the search: the count and the first page as the adapter asks for them
# (adapters/fritext.py), through each database's full-text index.
SOKFRAGA = {"postgresql": SOK, "sqlite": fts5_fraga(SOK)}
_SIDA = (
    "SELECT a.dnr, a.registreringsdatum, n.namn, a.titel, a.skede FROM arende a "
    "JOIN namnd n ON n.id = a.namnd_id WHERE {villkor} "
    "ORDER BY a.diarieprefix, a.diarie_ar, a.lopnummer LIMIT 25"
)
_TSVECTOR = "a.sokvektor @@ plainto_tsquery('swedish', :q)"
RA_SOK = {
    "postgresql": (
        f"SELECT count(*) FROM arende a WHERE {_TSVECTOR}",
        _SIDA.format(villkor=_TSVECTOR),
    ),
    "sqlite": (
        "SELECT count(*) FROM arende_fts WHERE arende_fts MATCH :q",
        _SIDA.format(
            villkor="a.id + 0 IN (SELECT rowid FROM arende_fts WHERE arende_fts MATCH :q)"
        ),
    ),
}


class FastDag:
    def idag(self) -> date:
        return IDAG


@dataclass(frozen=True)
class Matning:
    databas: str
    arenden: int
    anslag: int
    tavla_s: float
    ra_tavla_s: float
    sok_s: float
    ra_sok_s: float
    bygge_s: float


def _url(admin: str, databas: str) -> str:
    return make_url(admin).set(database=databas).render_as_string(hide_password=False)


def _ny_databas(url: str) -> None:
    uppgradera(url)
    system = Arendesystem(skapa_motor(url))
    ladda_grunddata(system, PROJEKTROT / "deployments" / "grunddata.toml")
    system.motor.dispose()


def arenderader(namnder: list[Any], person_id: int, arenden: int) -> Iterator[tuple[Any, ...]]:
    """The ärenden, in ARENDEKOLUMNER's order: six words take turns in the titles."""
    ord_ = ["hemtjänst", "bistånd", "förskola", "kvalitetsutmärkelse", "bostäder", "yttrande"]
    for i in range(arenden):
        namnd_id, prefix = namnder[i % len(namnder)]
        ar = 2000 + (i * 10) // arenden
        nr = i // len(namnder) + 1
        yield (
            f"{prefix} {ar}/{nr}",
            prefix,
            ar,
            nr,
            "tjansteutlatande",
            namnd_id,
            person_id,
            f"Riktlinjer för {ord_[i % len(ord_)]}, del {i}",
            date(ar, 1, 1) + timedelta(days=i % 300),
            "avslutat",
            1,
            date(ar, 12, 1),
            False,
            SKAPAD,
            SKAPAD,
        )


def anslagsrader(namnder: list[Any]) -> Iterator[tuple[Any, ...]]:
    """Eleven sammanträden a year for each nämnd, each with its notice (ANSLAGSKOLUMNER)."""
    for namnd_id, _ in namnder:
        for ar in range(2000, 2010):
            for manad in range(1, 12):
                mote = date(ar, manad, 10)
                anslaget = mote + timedelta(days=3)
                slut = anslaget + timedelta(days=21)
                yield (
                    "justerat protokoll", namnd_id, mote, mote + timedelta(days=2), "[1, 2, 3]",
                    anslaget, SKAPAD, slut, slut + timedelta(days=1), "Kansliet", False,
                )  # fmt: skip


def bygg_postgres(admin: str, arenden: int) -> str:
    """A new PostgreSQL database with the rows, filled by COPY; its URL."""
    with psycopg.connect(_url(admin, "test").replace("+psycopg", ""), autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {DATABAS} WITH (FORCE)")
        con.execute(f"CREATE DATABASE {DATABAS}")
    url = _url(admin, DATABAS)
    _ny_databas(url)
    with psycopg.connect(url.replace("+psycopg", "")) as con:
        namnder = con.execute("SELECT id, diarieprefix FROM namnd ORDER BY id").fetchall()
        person = con.execute("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()
        assert person is not None
        with con.cursor().copy(f"COPY arende ({ARENDEKOLUMNER}) FROM STDIN") as copy:
            for rad in arenderader(namnder, person[0], arenden):
                copy.write_row(rad)
        with con.cursor().copy(f"COPY anslag ({ANSLAGSKOLUMNER}) FROM STDIN") as copy:
            for rad in anslagsrader(namnder):
                copy.write_row(rad)
    # As autovacuum leaves a table some time after a bulk load: statistics, visibility map.
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as con:
        con.execute("VACUUM ANALYZE")
    return url


def _sqlite_varde(varde: Any) -> Any:
    """As SQLAlchemy stores it in SQLite: dates as ISO text, times without the offset."""
    if isinstance(varde, date):
        return varde.isoformat()
    if varde == SKAPAD:
        return "2026-01-01 00:00:00.000000"
    return varde


def bygg_sqlite(katalog: Path, arenden: int) -> str:
    """A new SQLite file with the same rows, in one transaction; its URL."""
    fil = katalog / "publik.db"
    url = f"sqlite:///{fil}"
    _ny_databas(url)
    con = sqlite3.connect(fil)
    namnder = con.execute("SELECT id, diarieprefix FROM namnd ORDER BY id").fetchall()
    person = con.execute("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()
    for tabell, kolumner, rader in (
        ("arende", ARENDEKOLUMNER, arenderader(namnder, person[0], arenden)),
        ("anslag", ANSLAGSKOLUMNER, anslagsrader(namnder)),
    ):
        platser = ", ".join("?" * len(kolumner.split(",")))
        con.executemany(
            f"INSERT INTO {tabell} ({kolumner}) VALUES ({platser})",
            (tuple(map(_sqlite_varde, rad)) for rad in rader),
        )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return url


def p95(funktion: Callable[[], object], ganger: int) -> float:
    funktion()  # warm: the first call pays for imports, templates and the pool
    tider = []
    for _ in range(ganger):
        borjan = time.perf_counter()
        funktion()
        tider.append(time.perf_counter() - borjan)
    return statistics.quantiles(tider, n=20)[-1]


def mat(
    arenden: int = 200_000,
    ganger: int = 200,
    admin: str = PG_ADMIN,
    databas: str = "postgresql",
) -> Matning:
    """One database's figures; `databas` is "postgresql" or "sqlite"."""
    with tempfile.TemporaryDirectory(prefix="bench-publik-") as katalog:
        borjan = time.perf_counter()
        if databas == "sqlite":
            url = bygg_sqlite(Path(katalog), arenden)
        else:
            url = bygg_postgres(admin, arenden)
        bygge = time.perf_counter() - borjan
        return _mat(url, databas, arenden, ganger, bygge)


def _mat(url: str, databas: str, arenden: int, ganger: int, bygge: float) -> Matning:
    motor = skapa_lasmotor(url)
    klient = TestClient(skapa_app(Publikkalla(motor, FastDag())))
    with motor.connect() as con:
        antal_anslag = con.execute(text("SELECT count(*) FROM anslag")).scalar_one()

    def tavlan() -> None:
        svar = klient.get("/anslagstavla")
        assert svar.status_code == 200 and "Justering av protokoll" in svar.text

    def ra_tavlan() -> None:
        with motor.connect() as con:
            rader = con.execute(
                text(
                    "SELECT a.*, n.namn FROM anslag a JOIN namnd n ON n.id = a.namnd_id "
                    "WHERE a.anslaget <= :d AND a.ned > :d ORDER BY a.anslaget DESC, a.id DESC"
                ),
                {"d": IDAG},
            ).all()
        assert rader

    def sok() -> None:
        svar = klient.get("/diarium", params={"sok": SOK})
        assert svar.status_code == 200 and "Riktlinjer för hemtjänst" in svar.text

    def ra_sok() -> None:
        with motor.connect() as con:
            con.execute(text(RA_SOK[databas][0]), {"q": SOKFRAGA[databas]}).scalar_one()
            rader = con.execute(text(RA_SOK[databas][1]), {"q": SOKFRAGA[databas]}).all()
        assert rader

    matning = Matning(
        databas=databas,
        arenden=arenden,
        anslag=antal_anslag,
        tavla_s=p95(tavlan, ganger),
        ra_tavla_s=p95(ra_tavlan, ganger),
        sok_s=p95(sok, ganger),
        ra_sok_s=p95(ra_sok, ganger),
        bygge_s=bygge,
    )
    motor.dispose()
    return matning


def main(argv: list[str] | None = None) -> int:
    tolk = argparse.ArgumentParser(description=__doc__)
    tolk.add_argument("--arenden", type=int, default=200_000)
    tolk.add_argument("--ganger", type=int, default=200)
    tolk.add_argument("--databas", choices=["postgresql", "sqlite", "bada"], default="bada")
    arg = tolk.parse_args(argv)
    databaser = ["postgresql", "sqlite"] if arg.databas == "bada" else [arg.databas]
    for databas in databaser:
        m = mat(arg.arenden, arg.ganger, databas=databas)
        print(m)
        print(
            f"  {m.databas}: /anslagstavla p95 {m.tavla_s * 1000:.1f} ms "
            f"(rå SQL {m.ra_tavla_s * 1000:.1f} ms); /diarium?sok={SOK} p95 "
            f"{m.sok_s * 1000:.1f} ms (rå SQL {m.ra_sok_s * 1000:.1f} ms); "
            f"bygget {m.bygge_s:.0f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
