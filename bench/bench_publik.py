"""Benchmark of the public site on PostgreSQL (not run by the tests).

Builds a database of its own on the local PostgreSQL (`bench_publik`, dropped and made anew)
with N ärenden (default 200,000, the size of issue 17) spread over ten years and both
nämnder, and a notice on the anslagstavla for each of their sammanträden, by COPY. Then,
side by side in one run, p95 of many requests:

- GET /anslagstavla (today's notices, through the whole app in-process, read-only engine),
  beside the bare SQL query for the same rows;
- GET /diarium?sok=WORD (a word search among all titles, first page), beside the bare SQL
  of the same page and count.

Server time: the app is called in-process (FastAPI's TestClient), so no network is counted.

    .venv/bin/python -m bench.bench_publik [--arenden N] [--ganger K]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from arende.adapters.databas import skapa_lasmotor, skapa_motor, uppgradera
from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.config import PROJEKTROT
from arende.entrypoints.publik import skapa_app

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DATABAS = "bench_publik"
IDAG = date(2009, 12, 1)  # the last of the ten years: its notices are up
SOK = "hemtjänst"


class FastDag:
    def idag(self) -> date:
        return IDAG


@dataclass(frozen=True)
class Matning:
    arenden: int
    anslag: int
    tavla_s: float
    ra_tavla_s: float
    sok_s: float
    ra_sok_s: float
    bygge_s: float


def _url(admin: str, databas: str) -> str:
    return make_url(admin).set(database=databas).render_as_string(hide_password=False)


def bygg(admin: str, arenden: int) -> str:
    """A new database with `arenden` ärenden and a notice per sammanträde; its URL."""
    with psycopg.connect(_url(admin, "test").replace("+psycopg", ""), autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {DATABAS} WITH (FORCE)")
        con.execute(f"CREATE DATABASE {DATABAS}")
    url = _url(admin, DATABAS)
    uppgradera(url)
    system = Arendesystem(skapa_motor(url))
    ladda_grunddata(system, PROJEKTROT / "deployments" / "grunddata.toml")
    system.motor.dispose()
    with psycopg.connect(url.replace("+psycopg", "")) as con:
        namnder = con.execute("SELECT id, diarieprefix FROM namnd ORDER BY id").fetchall()
        person = con.execute("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()
        assert person is not None
        ord_ = ["hemtjänst", "bistånd", "förskola", "kvalitetsutmärkelse", "bostäder", "yttrande"]
        with con.cursor().copy(
            "COPY arende (dnr, diarieprefix, diarie_ar, lopnummer, arendetyp, namnd_id, "
            "handlaggare_id, titel, registreringsdatum, skede, omgang, planerat_sammantrade, "
            "foreslagen_omedelbar_justering, skapad, andrad) FROM STDIN"
        ) as copy:
            for i in range(arenden):
                namnd_id, prefix = namnder[i % len(namnder)]
                ar = 2000 + (i * 10) // arenden
                nr = i // len(namnder) + 1
                copy.write_row(
                    (
                        f"{prefix} {ar}/{nr}",
                        prefix,
                        ar,
                        nr,
                        "tjansteutlatande",
                        namnd_id,
                        person[0],
                        f"Riktlinjer för {ord_[i % len(ord_)]}, del {i}",
                        date(ar, 1, 1) + timedelta(days=i % 300),
                        "avslutat",
                        1,
                        date(ar, 12, 1),
                        False,
                        "2026-01-01 00:00:00+00",
                        "2026-01-01 00:00:00+00",
                    )
                )
        # Eleven sammanträden a year for each nämnd, each with its notice.
        with con.cursor().copy(
            "COPY anslag (slag, namnd_id, sammantrade, justerad, paragrafer, anslaget, "
            "publicerad, overklagande_slut, ned, forvaras, i_efterhand) FROM STDIN"
        ) as copy:
            for namnd_id, _ in namnder:
                for ar in range(2000, 2010):
                    for manad in range(1, 12):
                        mote = date(ar, manad, 10)
                        anslaget = mote + timedelta(days=3)
                        slut = anslaget + timedelta(days=21)
                        copy.write_row(
                            ("justerat protokoll", namnd_id, mote, mote + timedelta(days=2),
                             "[1, 2, 3]", anslaget, "2026-01-01 00:00:00+00", slut,
                             slut + timedelta(days=1), "Kansliet", False)
                        )  # fmt: skip
        con.execute("ANALYZE")
    return url


def p95(funktion: Callable[[], object], ganger: int) -> float:
    funktion()  # warm: the first call pays for imports, templates and the pool
    tider = []
    for _ in range(ganger):
        borjan = time.perf_counter()
        funktion()
        tider.append(time.perf_counter() - borjan)
    return statistics.quantiles(tider, n=20)[-1]


def mat(arenden: int = 200_000, ganger: int = 200, admin: str = PG_ADMIN) -> Matning:
    borjan = time.perf_counter()
    url = bygg(admin, arenden)
    bygge = time.perf_counter() - borjan
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
            villkor = "lower(a.titel) LIKE :m OR lower(a.dnr) LIKE :m"
            con.execute(
                text(f"SELECT count(*) FROM arende a WHERE {villkor}"), {"m": f"%{SOK}%"}
            ).scalar_one()
            rader = con.execute(
                text(
                    "SELECT a.dnr, a.registreringsdatum, n.namn, a.titel, a.skede FROM arende a "
                    f"JOIN namnd n ON n.id = a.namnd_id WHERE {villkor} "
                    "ORDER BY a.diarie_ar, a.lopnummer LIMIT 25"
                ),
                {"m": f"%{SOK}%"},
            ).all()
        assert rader

    matning = Matning(
        arenden=arenden,
        anslag=antal_anslag,
        tavla_s=p95(tavlan, ganger),
        ra_tavla_s=p95(ra_tavlan, ganger),
        sok_s=p95(sok, max(20, ganger // 4)),
        ra_sok_s=p95(ra_sok, max(20, ganger // 4)),
        bygge_s=bygge,
    )
    motor.dispose()
    return matning


def main(argv: list[str] | None = None) -> int:
    tolk = argparse.ArgumentParser(description=__doc__)
    tolk.add_argument("--arenden", type=int, default=200_000)
    tolk.add_argument("--ganger", type=int, default=200)
    arg = tolk.parse_args(argv)
    m = mat(arg.arenden, arg.ganger)
    print(m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
