"""What a person waits for after pressing Submit: from an answer accepted by Prefect's
server to the next form of the same run being shown (Paused, with its form stored).

Our figure is every such wait in the demo's journey (seed 000's nomination and three other
ärenden through beredning, their sammanträde, the expedieringar), answered through
Prefect's API as the UI does. Beside it, measured against the same server in the same run:
the bare round trip of an empty flow that asks five forms (bench/tomma_floden.py), once
suspending (what every form here did before issue 20) and once pausing in its process.
Last, a run is killed with SIGKILL while its form waits, with the scheduler's crash watch
running: the seconds until the form is shown again, with no one pressing Retry.

    .venv/bin/python -m bench.bench_formular
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.deployments import run_deployment
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

from arende.adapters.kraschvakt import Kraschvakt
from arende.bootstrap import ladda_grunddata, starta
from bench.tomma_floden import FORMULAR
from deployments import demo, svarare
from deployments.lokal_prefect import (
    barnprocess,
    doda_korning,
    grindmiljo,
    prefect_server,
    runner,
)

INGEN_LEVERANTOR = "http://127.0.0.1:9"
FRAGEINTERVALL = 0.05  # how often the bench asks whether the next form is there


@dataclass(frozen=True)
class Formularmatning:
    vantan: list[float]  # each answer → next form of the same run, in the demo's journey
    golv_vilande: list[float]  # the empty flow, suspending
    golv_varmt: list[float]  # the empty flow, pausing in its process
    krasch_s: float  # SIGKILL of a waiting run → its form shown again, by the crash watch

    @staticmethod
    def median(varden: list[float]) -> float:
        return statistics.median(varden)

    @staticmethod
    def p95(varden: list[float]) -> float:
        ordnade = sorted(varden)
        return ordnade[min(len(ordnade) - 1, round(0.95 * (len(ordnade) - 1)))]


@contextmanager
def _matta_svaren(vantan: list[float]) -> Iterator[None]:
    """svarare.svara and vanta_pa_formular as the demo calls them, timing each answer to
    the next form of its run (a run that ends after an answer counts no wait)."""
    svara, vanta = svarare.svara, svarare.vanta_pa_formular
    besvarad: dict[UUID, float] = {}

    def svara_och_notera(korning: UUID, *args: Any, **kwargs: Any) -> None:
        svara(korning, *args, **kwargs)
        besvarad[korning] = time.perf_counter()

    def vanta_och_mata(korning: UUID, tidsgrans: float = 180, intervall: float = 0.5) -> str | None:
        nyckel = vanta(korning, tidsgrans, FRAGEINTERVALL)
        if korning in besvarad and nyckel is not None:
            vantan.append(time.perf_counter() - besvarad.pop(korning))
            if os.environ.get("BENCH_VISA"):
                print(f"  {vantan[-1]:.2f} s till {nyckel}", file=sys.stderr)
        return nyckel

    svarare.svara, svarare.vanta_pa_formular = svara_och_notera, vanta_och_mata  # type: ignore[assignment]
    try:
        yield
    finally:
        svarare.svara, svarare.vanta_pa_formular = svara, vanta


def _golv(deployment: str) -> list[float]:
    """Start the empty flow and answer its five forms the moment each is shown."""
    svarare.vanta_pa_deployment(deployment)
    korning = run_deployment(deployment, timeout=0).id  # type: ignore[union-attr]
    tider = []
    with get_client(sync_client=True) as klient:
        for i in range(FORMULAR):
            assert svarare.vanta_pa_formular(korning, 120, FRAGEINTERVALL) is not None
            start = time.perf_counter()
            klient.resume_flow_run(korning, run_input={"svar": f"{i}"})
            if i + 1 < FORMULAR:
                assert svarare.vanta_pa_formular(korning, 120, FRAGEINTERVALL) is not None
                tider.append(time.perf_counter() - start)
    return tider


def mat(skriv: Callable[..., None] = lambda *_: None) -> Formularmatning:
    exempel = json.loads(Path(demo.EXEMPEL).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="bench-formular-") as katalog, ExitStack() as stack:
        hem = Path(katalog)
        grind = grindmiljo(hem / "grind", INGEN_LEVERANTOR)
        url = f"sqlite:///{hem / 'arende.db'}"
        miljo = {"ARENDE_DATABASE_URL": url, "ARENDE_ARKIV_DIR": str(hem / "arkiv")}
        api_url = stack.enter_context(prefect_server(hem, grind))
        stack.enter_context(runner(api_url, hem, grind, hem / "runner.log", **miljo))
        stack.enter_context(
            barnprocess(
                "bench.tomma_floden", api_url, hem, hem / "golv.log", **grind.for_tjansten()
            )
        )
        stack.enter_context(
            temporary_settings(
                {PREFECT_API_URL: api_url, PREFECT_API_AUTH_STRING: grind.tjanstekonto}
            )
        )
        fore = dict(os.environ)
        os.environ.update(
            ARENDE_INTYGSNYCKEL=str(grind.privat_nyckel), **grind.for_tjansten(), **miljo
        )
        try:
            ladda_grunddata(starta(url))
            golv_vilande = _golv("tomt-vilande/golv")
            golv_varmt = _golv("tomt-varmt/golv")
            vantan: list[float] = []
            with _matta_svaren(vantan):
                demo.kor_sammantradesdemo(exempel, skriv)
            # Another nämnd's ärende: the demo's sammanträde is held by now.
            bidrag = json.loads(Path(demo.EXEMPEL_BIDRAG).read_text(encoding="utf-8"))
            krasch = _krasch_till_formular(api_url, bidrag)
        finally:
            os.environ.clear()
            os.environ.update(fore)
    return Formularmatning(vantan, golv_vilande, golv_varmt, krasch)


def _krasch_till_formular(api_url: str, exempel: dict[str, Any]) -> float:
    """A nomination killed (SIGKILL) while its first form waits warm, with the scheduler's
    crash watch running as in `make up`: seconds from the kill to the form shown again."""
    korning = svarare.starta(
        demo.NOMINERING,
        {"arendetyp_namn": "nominering", "uppgifter": exempel["uppgifter"]},
        som=exempel["som"]["start"],
    )
    assert svarare.vanta_pa_formular(korning, 120, FRAGEINTERVALL) is not None
    stopp = threading.Event()
    vakt = threading.Thread(target=Kraschvakt(api_url).vakta, args=(stopp,), daemon=True)
    vakt.start()
    try:
        start = time.perf_counter()
        doda_korning(korning)
        # Paused until the runner sees the process die, then Crashed until the watch acts
        # (vanta_pa_formular would report a Crashed run as ended).
        while (tillstand := svarare.las(korning).state) is None or (
            tillstand.is_paused() or tillstand.is_crashed()
        ):
            time.sleep(FRAGEINTERVALL)
        assert svarare.vanta_pa_formular(korning, 180, FRAGEINTERVALL) is not None
        return time.perf_counter() - start
    finally:
        stopp.set()
        vakt.join()


def main() -> int:
    m = mat(print)
    for namn, varden in (
        ("demon, svar → nästa formulär", m.vantan),
        ("tomt flöde, suspend_flow_run", m.golv_vilande),
        ("tomt flöde, pause_flow_run", m.golv_varmt),
    ):
        print(
            f"{namn}: {len(varden)} svar, median {m.median(varden):.2f} s, "
            f"p95 {m.p95(varden):.2f} s, längst {max(varden):.2f} s"
        )
    print(f"SIGKILL → formuläret igen (kraschvakten): {m.krasch_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
