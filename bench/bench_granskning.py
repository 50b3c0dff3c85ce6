"""Benchmark of the registrator's reads over a large audit log (not run by the tests).

Builds a SQLite database with N ärenden and M audit events (default 200,000 and
2,000,000, the sizes of issue 5) by bulk insert, then measures side by side in one run:

- `verifiera`: the full chain check (every link, every hash, columns against the hashed
  content), beside raw hashlib.sha256 over exactly the same bytes: the ratio is the
  price of reading the rows and checking each event on top of hashing;
- one ärende's history (`historik`), through the index on dnr;
- diarium searches: free text over 200,000 dnr and titles, and a filtered page.

    .venv/bin/python bench/bench_granskning.py [--arenden N] [--handelser M] [--db FIL]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from arende.adapters.databas import skapa_motor, uppgradera
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.config import PROJEKTROT
from arende.domain.granskning import START_HASH, handelsetext, kedjehash
from arende.service_layer import visningar
from arende.service_layer.visningsportar import Diarieurval

STEG = [
    ("registrera ärendet", "Lena Murray", "handläggare", None, "registrerat"),
    ("påbörja beredning", "Lena Murray", "handläggare", "registrerat", "under beredning"),
    ("registrera samverkan", "Lena Murray", "handläggare", "under beredning", "samverkat"),
    ("fastställa förslaget till beslut", "Dag Helin", "chef", "samverkat", "förslag fastställt"),
    (
        "sätta ärendet på dagordningen",
        "Lena Murray",
        "handläggare",
        "förslag fastställt",
        "på dagordning",
    ),
    (
        "registrera nämndens beslut",
        "Karin Ekström",
        "nämndsekreterare",
        "på dagordning",
        "beslutat",
    ),
    ("registrera justeringen", "Karin Ekström", "nämndsekreterare", "beslutat", "justerat"),
    ("registrera anslaget", "Karin Ekström", "nämndsekreterare", "justerat", "anslaget"),
    ("expediera beslutet", "Per Lindqvist", "registrator", "anslaget", "expedierat"),
    ("avsluta ärendet", "Per Lindqvist", "registrator", "expedierat", "avslutat"),
]


ICKE_ASCII = "KVALITETSUTMÄRKELSE 2001"


def bygg(url: str, databas: Path, arenden: int, handelser: int) -> None:
    uppgradera(url)
    system = Arendesystem(skapa_motor(url))
    ladda_grunddata(system, PROJEKTROT / "deployments" / "grunddata.toml")
    system.motor.dispose()
    con = sqlite3.connect(databas)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    namnd_id, prefix = con.execute(
        "SELECT id, diarieprefix FROM namnd WHERE namn = 'Socialtjänstnämnden'"
    ).fetchone()
    handlaggare_id = con.execute("SELECT id FROM person WHERE namn = 'Lena Murray'").fetchone()[0]
    nu = datetime(2026, 1, 1, tzinfo=UTC).isoformat(" ")
    per_ar = 10_000
    dnr = [f"{prefix} {2000 + i // per_ar}/{i % per_ar + 1}" for i in range(arenden)]
    steg_per_arende = max(1, handelser // arenden)
    # The nomination's own answers, which it keeps among its uppgifter (the award's year,
    # the units, the closing comment), as the registration stores them.
    uppgifter = json.dumps(
        {
            "utmarkelsear": 2008,
            "enheter": [{"namn": "Enheten", "klass": "övriga verksamheter", "beskrivning": ""}],
            "omedelbar_justering": "nej",
            "avslutande_kommentar": "",
        },
        ensure_ascii=False,
    )
    con.executemany(
        "INSERT INTO arende (dnr, diarieprefix, diarie_ar, lopnummer, arendetyp, namnd_id, "
        "handlaggare_id, titel, registreringsdatum, skede, omgang, planerat_sammantrade, "
        "foreslagen_omedelbar_justering, uppgifter, skapad, andrad) "
        "VALUES (?, ?, ?, ?, 'nominering', ?, ?, ?, ?, ?, 1, ?, 0, ?, ?, ?)",
        (
            (
                dnr[i],
                prefix,
                2000 + i // per_ar,
                i % per_ar + 1,
                namnd_id,
                handlaggare_id,
                f"Stadens kvalitetsutmärkelse {2000 + i // per_ar}, nominering {i}",
                date(2000 + i // per_ar, 4, 14).isoformat(),
                STEG[min(steg_per_arende, len(STEG)) - 1][4],
                date(2000 + i // per_ar, 5, 13).isoformat(),
                uppgifter,
                nu,
                nu,
            )
            for i in range(arenden)
        ),
    )
    foregaende = START_HASH
    start = datetime(2026, 1, 1, tzinfo=UTC)
    korning = "00000000-0000-0000-0000-000000000001"
    batch: list[tuple[object, ...]] = []
    for n in range(handelser):
        sekvens = n + 1
        # Ten steps per ärende, ärenden interleaved as real work is.
        arende = n % arenden
        handling, aktor, roll, fore, efter = STEG[(n // arenden) % len(STEG)]
        tidpunkt = start + timedelta(seconds=n)
        text = handelsetext(
            sekvens=sekvens,
            tidpunkt=tidpunkt.isoformat(),
            dnr=dnr[arende],
            handling=handling,
            aktor=aktor,
            roll=roll,
            flodeskorning=korning,
            innehall={"utfall": "utförd", "före": {"skede": fore}, "efter": {"skede": efter}},
        )
        ny = kedjehash(foregaende, text)
        batch.append(
            (
                sekvens,
                tidpunkt.isoformat(" "),
                dnr[arende],
                handling,
                aktor,
                roll,
                korning,
                text,
                foregaende,
                ny,
            )
        )
        foregaende = ny
        if len(batch) == 50_000:
            con.executemany("INSERT INTO granskningslogg VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
            batch.clear()
    if batch:
        con.executemany("INSERT INTO granskningslogg VALUES (?,?,?,?,?,?,?,?,?,?)", batch)
    con.execute(
        "INSERT OR REPLACE INTO granskningshuvud (id, sekvens, hash) VALUES (1, ?, ?)",
        (handelser, foregaende),
    )
    con.commit()
    con.close()


def ra_sha256(databas: Path) -> tuple[float, int]:
    """sha256 over exactly the bytes the chain check hashes; only the hashing is timed."""
    con = sqlite3.connect(databas)
    markor = con.execute("SELECT foregaende_hash, innehall FROM granskningslogg ORDER BY sekvens")
    tid, antal_byte = 0.0, 0
    while rader := markor.fetchmany(100_000):
        data = [f"{f}\n{t}".encode() for f, t in rader]
        antal_byte += sum(map(len, data))
        borjan = time.perf_counter()
        for b in data:
            hashlib.sha256(b).hexdigest()
        tid += time.perf_counter() - borjan
    con.close()
    return tid, antal_byte


def bara_lasning(databas: Path) -> float:
    con = sqlite3.connect(databas)
    borjan = time.perf_counter()
    for _ in con.execute("SELECT * FROM granskningslogg ORDER BY sekvens"):
        pass
    tid = time.perf_counter() - borjan
    con.close()
    return tid


def median(funktion: Callable[[], object], ganger: int = 7) -> float:
    tider = []
    for _ in range(ganger):
        borjan = time.perf_counter()
        funktion()
        tider.append(time.perf_counter() - borjan)
    return statistics.median(tider)


def ra_historik(databas: Path, dnr: str) -> float:
    """The same ärende's events by one bare indexed SELECT: the floor for `historik`."""
    con = sqlite3.connect(databas)
    tid = median(
        lambda: con.execute(
            "SELECT * FROM granskningslogg WHERE dnr = ? ORDER BY sekvens", (dnr,)
        ).fetchall()
    )
    con.close()
    return tid


def ra_filtrerad(databas: Path, ar: int, skede: str, sida: int) -> float:
    """The filtered page as one bare SELECT with a count: the floor for the filtered diarium."""
    con = sqlite3.connect(databas)

    def fraga() -> None:
        villkor = "FROM arende WHERE diarie_ar = ? AND skede = ?"
        con.execute(f"SELECT count(*) {villkor}", (ar, skede)).fetchone()
        con.execute(
            f"SELECT dnr, titel, skede {villkor} ORDER BY lopnummer LIMIT 50 OFFSET ?",
            (ar, skede, (sida - 1) * 50),
        ).fetchall()

    tid = median(fraga)
    con.close()
    return tid


def ra_sokning(databas: Path, sok: str) -> float:
    """A bare LIKE over dnr and titles with a count and one page: the floor for `--sok`
    (SQLite's LIKE folds case for ASCII only, so it does less than the real search)."""
    con = sqlite3.connect(databas)
    monster = f"%{sok}%"

    def fraga() -> None:
        con.execute(
            "SELECT count(*) FROM arende WHERE dnr LIKE ? OR titel LIKE ?", (monster, monster)
        ).fetchone()
        con.execute(
            "SELECT dnr, titel, skede FROM arende WHERE dnr LIKE ? OR titel LIKE ? "
            "ORDER BY diarie_ar, lopnummer LIMIT 50",
            (monster, monster),
        ).fetchall()

    tid = median(fraga)
    con.close()
    return tid


@dataclass(frozen=True)
class Granskningsmatning:
    arenden: int
    handelser: int
    bygge_s: float | None  # None when an existing database was reused
    verifiera_s: float
    sha256_s: float
    antal_byte: int
    lasa_s: float
    historik_dnr: str
    historik_antal: int
    historik_s: float
    ra_historik_s: float
    sok: str
    sok_traffar: int
    sok_s: float
    ra_sok_s: float
    sok_icke_ascii_s: float
    ra_sok_icke_ascii_s: float
    filtrerad_ar: int
    filtrerad_s: float
    ra_filtrerad_s: float


def mat(
    arenden: int = 200_000, handelser: int = 2_000_000, db: Path | None = None
) -> Granskningsmatning:
    with tempfile.TemporaryDirectory() as tillfallig:
        databas = db or Path(tillfallig) / "bench.db"
        url = f"sqlite:///{databas}"
        bygge_s = None
        if not databas.exists():
            borjan = time.perf_counter()
            bygg(url, databas, arenden, handelser)
            bygge_s = time.perf_counter() - borjan
        system = Arendesystem(skapa_motor(url))

        borjan = time.perf_counter()
        resultat = visningar.verifiera(system.uow())
        t_verifiera = time.perf_counter() - borjan
        assert resultat.intakt, resultat.kedjefel[:3]
        t_sha, antal_byte = ra_sha256(databas)
        t_las = bara_lasning(databas)

        dnr = (
            visningar.diariesida(system.uow(), Diarieurval(per_sida=1, sida=arenden // 2 + 1))
            .rader[0]
            .dnr
        )
        antal_historik = len(visningar.historik(system.uow(), dnr))
        t_historik = median(lambda: visningar.historik(system.uow(), dnr))
        sok = dnr.split(" ", 1)[1]
        ar = int(sok.split("/")[0])
        traffar = visningar.diariesida(system.uow(), Diarieurval(sok=sok)).totalt
        t_sok = median(lambda: visningar.diariesida(system.uow(), Diarieurval(sok=sok)))
        t_icke_ascii = median(
            lambda: visningar.diariesida(system.uow(), Diarieurval(sok=ICKE_ASCII)),
            3,
        )
        t_filtrerad = median(
            lambda: visningar.diariesida(
                system.uow(), Diarieurval(ar=ar, status="avslutat", sida=3)
            )
        )
        system.motor.dispose()
        return Granskningsmatning(
            arenden=arenden,
            handelser=resultat.antal,
            bygge_s=bygge_s,
            verifiera_s=t_verifiera,
            sha256_s=t_sha,
            antal_byte=antal_byte,
            lasa_s=t_las,
            historik_dnr=dnr,
            historik_antal=antal_historik,
            historik_s=t_historik,
            ra_historik_s=ra_historik(databas, dnr),
            sok=sok,
            sok_traffar=traffar,
            sok_s=t_sok,
            ra_sok_s=ra_sokning(databas, sok),
            sok_icke_ascii_s=t_icke_ascii,
            ra_sok_icke_ascii_s=ra_sokning(databas, ICKE_ASCII),
            filtrerad_ar=ar,
            filtrerad_s=t_filtrerad,
            ra_filtrerad_s=ra_filtrerad(databas, ar, "avslutat", 3),
        )


def main() -> int:
    tolk = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    tolk.add_argument("--arenden", type=int, default=200_000)
    tolk.add_argument("--handelser", type=int, default=2_000_000)
    tolk.add_argument("--db", type=Path, help="behåll databasen här (standard: en tillfällig fil)")
    arg = tolk.parse_args()
    m = mat(arg.arenden, arg.handelser, arg.db)
    if m.bygge_s is not None:
        print(f"byggde {m.arenden:,} ärenden och {arg.handelser:,} händelser på {m.bygge_s:.1f} s")
    print(
        f"verifiera:          {m.verifiera_s:8.2f} s  ({m.handelser / m.verifiera_s:,.0f} händelser/s)"
    )
    print(
        f"rå sha256, samma byte: {m.sha256_s:5.2f} s  ({m.antal_byte / m.sha256_s / 1e6:,.0f} MB/s över {m.antal_byte / 1e6:,.0f} MB)"
    )
    print(f"  kvot verifiera / rå sha256: {m.verifiera_s / m.sha256_s:.1f}")
    print(f"  (bara läsa raderna med sqlite3: {m.lasa_s:.2f} s)")
    print(
        f"historik för {m.historik_dnr} ({m.historik_antal} händelser): "
        f"{m.historik_s * 1000:.1f} ms (median; rå SELECT {m.ra_historik_s * 1000:.2f} ms)"
    )
    print(
        f"diarium --sok '{m.sok}' ({m.sok_traffar} träffar bland {m.arenden:,}): "
        f"{m.sok_s * 1000:.1f} ms (rå LIKE {m.ra_sok_s * 1000:.1f} ms)"
    )
    print(
        f"diarium --sok '{ICKE_ASCII}' (icke-ASCII, skiftläge): {m.sok_icke_ascii_s * 1000:.1f} ms"
    )
    print(
        f"diarium --ar {m.filtrerad_ar} --status avslutat --sida 3: {m.filtrerad_s * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
