"""A kommun's year waiting at once (issue 20), on the production profile: Prefect's server
and the ärende database on PostgreSQL, two process workers, each in a database of its own
that is dropped afterwards.

N ärenden (1,000; the issue's 10,000 with --antal) are registered through the command
pipeline, and N flow runs of `arende/anmalan` are made Suspended at a beredning form, as
weeks of waiting leave them (made through Prefect's API in that state, not run: a process
each would take hours here). Measured side by side before and after they are added:

- mina-arenden's query (service_layer.arbetsko.vantar_pa) for the handläggare they all
  wait for, and for the nämndsekreterare;
- Prefect's flow-run list as the UI asks for it: a page of runs (/flow_runs/paginate, 10 a
  page as the Runs page shows, and 100), the count, and the Runs page's history chart;
- a new nomination's beredning through the workers, each answer to its next form, with
  everything else waiting.

First, on the empty profile, the soak through Prefect's workers: K nominations (5; 10 with
--full) started at once and answered as their forms appear, their sammanträde, and their
expedieringar at once, as `make test-prod`'s soak does: ärenden through every stage per
minute. The scripted answers are the prod tests' (tests/prod/hjalp.py).

    .venv/bin/python -m bench.bench_vantande [--antal N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import copy_context
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings
from prefect.states import Suspended
from psycopg import sql
from sqlalchemy.engine import make_url

from arende.adapters.prefect_api import tjanstens_klient
from arende.bootstrap import Arendesystem, starta
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from arende.service_layer.arbetsko import vantar_pa
from bench.bench_formular import _matta_svaren
from bench.bench_granskning import median
from deployments import demo, svarare
from deployments.demo import expedieringens_korning
from deployments.lokal_prefect import grindmiljo, miljovariabler
from deployments.up_prod import PG, produktionsprofil, publik_adress
from tests.prod.hjalp import (
    MOTEN,
    exempel_for,
    starta_nominering,
    starta_sammantrade,
    svara_till_slut,
)

INGEN_LEVERANTOR = "http://127.0.0.1:9"
NAMND = "Socialtjänstnämnden"
HANDLAGGARE = "Lena Murray"
SEKRETERARE = "Karin Ekström"
ANMALAN = "arende/anmalan"
MOTE = date(2008, 6, 17)
SAMTIDIGT = 16  # API calls in flight while the waiting runs are made


@dataclass(frozen=True)
class Lasningar:
    """One round of the reads, each the median of a few."""

    mina_handlaggare_s: float
    mina_sekreterare_s: float
    antal_i_kon: int
    sida_10_s: float
    sida_100_s: float
    antal_s: float
    historik_s: float


@dataclass(frozen=True)
class Vantandematning:
    antal: int
    fore: Lasningar
    efter: Lasningar
    svar_fore: list[float]  # answer → next form, nothing else waiting
    svar_efter: list[float]  # the same with the N waiting
    fyllning_s: float  # registering the N and making their runs
    genom: int  # ärenden through every stage in the soak
    genom_s: float  # and the seconds it took

    @property
    def per_minut(self) -> float:
        return self.genom / self.genom_s * 60


def _median(gor: Callable[[], object]) -> float:
    """bench_granskning's median of five calls, after one untimed (a connection opened, a
    cache filled)."""
    gor()
    return median(gor, 5)


def _lasningar(system: Arendesystem, api_url: str) -> Lasningar:
    def mina(person: str) -> Callable[[], object]:
        return lambda: vantar_pa(system.uow(), person, system.kalender)

    with tjanstens_klient(api_url, tidsgrans=120) as klient:

        def post(vag: str, kropp: dict[str, Any]) -> Callable[[], object]:
            return lambda: klient.post(vag, json=kropp).raise_for_status()

        sida = {"page": 1, "sort": "START_TIME_DESC"}
        return Lasningar(
            mina_handlaggare_s=_median(mina(HANDLAGGARE)),
            mina_sekreterare_s=_median(mina(SEKRETERARE)),
            antal_i_kon=len(vantar_pa(system.uow(), HANDLAGGARE, system.kalender)),
            sida_10_s=_median(post("/flow_runs/paginate", sida | {"limit": 10})),
            sida_100_s=_median(post("/flow_runs/paginate", sida | {"limit": 100})),
            antal_s=_median(post("/flow_runs/count", {})),
            historik_s=_median(
                post(
                    "/ui/flow_runs/history",
                    {"sort": "EXPECTED_START_TIME_DESC", "limit": 1000, "offset": 0},
                )
            ),
        )


def _svar(nummer: int) -> dict[str, Any]:
    """The anmälan's own fields (the start form's nämnd and dates are the command's)."""
    return {
        "beslutsomrade": f"bistånd, beslut {nummer}",
        "beslut": [f"Bistånd beviljat ({nummer})"],
    }


def _uppgifter(nummer: int) -> dict[str, Any]:
    """The start form as the handläggare fills it in."""
    return _svar(nummer) | {
        "namnd": NAMND,
        "sammantrade": MOTE.isoformat(),
        "registreringsdatum": (MOTE - timedelta(days=21)).isoformat(),
    }


def _registrera(system: Arendesystem, antal: int) -> None:
    for nummer in range(antal):
        system.utfor(
            k.RegistreraArende(
                aktor=HANDLAGGARE,
                nyckel=f"bench-vantande-{nummer}",
                flodeskorning=None,
                typ="anmalan",
                namnd=NAMND,
                handlaggare=HANDLAGGARE,
                planerat_sammantrade=MOTE,
                uppgifter=_svar(nummer),
                registreringsdatum=MOTE - timedelta(days=21),
            )
        )


async def _vilande_korningar(antal: int) -> None:
    """N runs of the anmälan's deployment, Suspended at the beredning's form as a run that
    waited out its warm period leaves itself (flows/vantan.py)."""
    async with get_client() as klient:
        deployment = await klient.read_deployment_by_name(ANMALAN)
        grind = asyncio.Semaphore(SAMTIDIGT)

        async def en(nummer: int) -> None:
            async with grind:
                await klient.create_flow_run_from_deployment(
                    deployment.id,
                    parameters={"arendetyp_namn": "anmalan", "uppgifter": _uppgifter(nummer)},
                    state=Suspended(
                        timeout_seconds=90 * 24 * 3600, pause_key="underlag-1-1-vilande"
                    ),
                )

        await asyncio.gather(*(en(n) for n in range(antal)))


def _beredning(exempel: dict[str, Any], system: Arendesystem, ganger: int = 3) -> list[float]:
    """Nominations through their beredning, one after the other: each answer to the next
    form of its run."""
    vantan: list[float] = []
    with _matta_svaren(vantan):
        for _ in range(ganger):
            demo.kor_nominering(exempel, utskrift=False, system=system)
    return vantan


def _genom_prefect(system: Arendesystem, antal: int) -> float:
    """The soak through the workers, as tests/prod/test_utmattning.py's part 2: seconds."""
    data = exempel_for(MOTEN["utmattning"])
    borjan = time.perf_counter()

    def alla(korningar: list[UUID]) -> None:
        with ThreadPoolExecutor(max_workers=max(len(korningar), 1)) as pool:
            framtider = [
                pool.submit(copy_context().run, svara_till_slut, system, k, data, None, 600, 1)
                for k in korningar
            ]
            for framtid in framtider:
                framtid.result()

    korningar = [starta_nominering(data) for _ in range(antal)]
    alla(korningar)
    svara_till_slut(system, starta_sammantrade(data), data, tidsgrans=600, intervall=1)
    dnr = [str(visningar.arende_for_korning(system.uow(), str(k)).dnr) for k in korningar]
    alla([expedieringens_korning(d, tidsgrans=300) for d in dnr])
    return time.perf_counter() - borjan


@contextmanager
def _databaser() -> Iterator[tuple[str, str, str]]:
    """Two new databases and the public site's role: (ärende URL, Prefect URL, role)."""
    id_ = uuid.uuid4().hex[:8]
    namn = (f"arende_bench_{id_}", f"prefect_bench_{id_}")
    roll = f"publik_bench_{id_}"
    try:
        yield f"{PG}/{namn[0]}", f"{PG.replace('+psycopg', '+asyncpg')}/{namn[1]}", roll
    finally:
        admin = make_url(f"{PG}/postgres").set(drivername="postgresql")
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as a:
            for databas in namn:
                a.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(databas)
                    )
                )
            a.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(roll)))


def mat(
    antal: int, genom: int = 5, skriv: Callable[..., None] = lambda *_: None
) -> Vantandematning:
    exempel = json.loads(Path(demo.EXEMPEL).read_text(encoding="utf-8"))
    with (
        tempfile.TemporaryDirectory(prefix="bench-vantande-") as katalog,
        _databaser() as (arende_url, prefect_url, roll),
    ):
        hem = Path(katalog)
        grind = grindmiljo(hem / "grind", INGEN_LEVERANTOR)
        with (
            produktionsprofil(
                hem,
                grind,
                arende_url=arende_url,
                prefect_db_url=prefect_url,
                port=None,
                arbetare=2,
                schemalaggare=False,
                publik_db_url=publik_adress(arende_url, roll),
                publik_port=None,
                ARENDE_ARKIV_DIR=str(hem / "arkiv"),
            ) as profil,
            temporary_settings(
                {PREFECT_API_URL: profil.api_url, PREFECT_API_AUTH_STRING: grind.tjanstekonto}
            ),
            miljovariabler(
                ARENDE_INTYGSNYCKEL=str(grind.privat_nyckel),
                ARENDE_DATABASE_URL=arende_url,
                ARENDE_ARKIV_DIR=str(hem / "arkiv"),
                **grind.for_tjansten(),
            ),
        ):
            system = starta(arende_url)
            svarare.vanta_pa_deployment(demo.NOMINERING)
            svarare.vanta_pa_deployment(ANMALAN)
            skriv(f"{genom} ärenden hela vägen genom arbetarna ...")
            genom_s = _genom_prefect(system, genom)
            skriv("Läser och svarar utan väntande ärenden ...")
            fore = _lasningar(system, profil.api_url)
            svar_fore = _beredning(exempel, system)
            skriv(f"Registrerar {antal} ärenden och gör deras körningar vilande ...")
            borjan = time.perf_counter()
            _registrera(system, antal)
            asyncio.run(_vilande_korningar(antal))
            fyllning = time.perf_counter() - borjan
            skriv(f"  {fyllning:.0f} s; läser och svarar igen ...")
            efter = _lasningar(system, profil.api_url)
            svar_efter = _beredning(exempel, system)
    return Vantandematning(antal, fore, efter, svar_fore, svar_efter, fyllning, genom, genom_s)


def main(argv: list[str] | None = None) -> int:
    tolk = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    tolk.add_argument("--antal", type=int, default=1000, help="väntande ärenden (1000)")
    tolk.add_argument("--genom", type=int, default=5, help="ärenden hela vägen (5)")
    arg = tolk.parse_args(argv)
    m = mat(arg.antal, arg.genom, print)
    print(
        f"{m.genom} ärenden hela vägen genom arbetarna på {m.genom_s:.0f} s: {m.per_minut:.1f} per minut"
    )
    for namn, f, e in (
        ("mina-arenden, handläggaren", m.fore.mina_handlaggare_s, m.efter.mina_handlaggare_s),
        ("mina-arenden, nämndsekreteraren", m.fore.mina_sekreterare_s, m.efter.mina_sekreterare_s),
        ("körningslistan, 10 per sida", m.fore.sida_10_s, m.efter.sida_10_s),
        ("körningslistan, 100 per sida", m.fore.sida_100_s, m.efter.sida_100_s),
        ("körningar, antal", m.fore.antal_s, m.efter.antal_s),
        ("körningssidans diagram", m.fore.historik_s, m.efter.historik_s),
    ):
        print(f"{namn}: {f * 1000:.0f} ms utan, {e * 1000:.0f} ms med {m.antal} väntande")
    print(f"i handläggarens kö: {m.efter.antal_i_kon}")
    for namn, varden in (("utan", m.svar_fore), ("med", m.svar_efter)):
        print(
            f"svar → nästa formulär {namn} väntande: median {statistics.median(varden):.2f} s, "
            f"längst {max(varden):.2f} s ({len(varden)} svar)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
