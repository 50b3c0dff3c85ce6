"""What the login gate costs: a call to Prefect's API through the gate against the same call
to Prefect's app served bare, and a whole login (the gate, the provider's login page, back).

Both servers run Prefect's own app under uvicorn, each with its own PREFECT_HOME, one with
the gate around it (deployments/grind.py), measured in the same run one after the other.

    .venv/bin/python -m bench.bench_grind [--antal N]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx

from arende.bootstrap import ladda_grunddata, starta
from deployments.lokal_prefect import (
    ledig_port,
    miljovariabler,
    prefect_miljo,
    prefect_server,
    process_som_svarar,
    server_svarar,
)
from deployments.oidc_lokal import lokal_inloggning, losenord_for

EPOST = "lena.murray@stockholm.example"


@dataclass(frozen=True)
class Grindmatning:
    antal: int
    rak_s: float  # median of one API call to Prefect's bare app
    grind_s: float  # the same call through the gate, with the service credential
    person_s: float  # the same call through the gate, with a person's session
    inloggning_s: float  # median whole login: gate → provider's form → gate


@contextmanager
def rak_prefect(hem: Path) -> Iterator[str]:
    """Prefect's app under uvicorn with no gate: the floor."""
    port = ledig_port()
    api_url = f"http://127.0.0.1:{port}/api"
    kod = (
        "import uvicorn; from prefect.server.api.server import create_app; "
        f"uvicorn.run(create_app(final=True), host='127.0.0.1', port={port}, log_level='warning')"
    )
    hem.mkdir(parents=True, exist_ok=True)
    with process_som_svarar(
        [sys.executable, "-c", kod],
        prefect_miljo(api_url, hem),
        hem / "rak.log",
        lambda: server_svarar(api_url),
        "Prefect utan grind",
        tidsgrans=120,
    ):
        yield api_url


def _median(anrop: Callable[[], httpx.Response], antal: int) -> float:
    for _ in range(20):  # warm up: connections, the server's caches
        anrop().raise_for_status()
    tider = []
    for _ in range(antal):
        borjan = time.perf_counter()
        anrop().raise_for_status()
        tider.append(time.perf_counter() - borjan)
    return statistics.median(tider)


def logga_in(url: str) -> httpx.Client:
    webblasare = httpx.Client(base_url=url, follow_redirects=True, timeout=30)
    sida = webblasare.get("/logga-in", params={"till": "/api/health"})
    traff = re.search(r'<form method="post" action="([^"]+)"', sida.text)
    assert traff, sida.text
    svar = webblasare.post(
        urljoin(str(sida.url), traff.group(1)),
        data={"epost": EPOST, "losenord": losenord_for(EPOST)},
    )
    svar.raise_for_status()
    return webblasare


def mat(antal: int = 300) -> Grindmatning:
    fraga = {"limit": 10}
    with tempfile.TemporaryDirectory(prefix="bench-grind-") as katalog:
        hem = Path(katalog)
        with rak_prefect(hem / "rak") as rak, httpx.Client(base_url=rak) as klient:
            rak_s = _median(lambda: klient.post("/flow_runs/filter", json=fraga), antal)
        url = f"http://127.0.0.1:{ledig_port()}"
        port = int(url.rsplit(":", 1)[1])
        # The gate maps a login to a person in the register: a database of the bench's own
        # with the grunddata, not whatever var/arende.db holds on this machine.
        databas = f"sqlite:///{hem / 'arende.db'}"
        ladda_grunddata(starta(databas))
        with (
            miljovariabler(ARENDE_DATABASE_URL=databas),
            lokal_inloggning(hem, url) as (grind, _),
            prefect_server(hem / "grind", grind, port=port) as api_url,
        ):
            konto = tuple(grind.tjanstekonto.split(":", 1))
            with httpx.Client(base_url=api_url, auth=konto) as tjanst:  # type: ignore[arg-type]
                grind_s = _median(lambda: tjanst.post("/flow_runs/filter", json=fraga), antal)
            person = logga_in(url)
            person_s = _median(lambda: person.post("/api/flow_runs/filter", json=fraga), antal)
            person.close()
            inloggningar = []
            for _ in range(max(5, antal // 30)):
                borjan = time.perf_counter()
                logga_in(url).close()
                inloggningar.append(time.perf_counter() - borjan)
    return Grindmatning(antal, rak_s, grind_s, person_s, statistics.median(inloggningar))


def main() -> None:
    tolk = argparse.ArgumentParser(description=__doc__)
    tolk.add_argument("--antal", type=int, default=300)
    m = mat(tolk.parse_args().antal)
    print(f"{m.antal} anrop POST /api/flow_runs/filter, median:")
    print(f"  Prefect utan grind   {m.rak_s * 1000:.2f} ms")
    print(
        f"  genom grinden, tjänst {m.grind_s * 1000:.2f} ms (+{(m.grind_s - m.rak_s) * 1000:.2f} ms)"
    )
    print(
        f"  genom grinden, person {m.person_s * 1000:.2f} ms (+{(m.person_s - m.rak_s) * 1000:.2f} ms)"
    )
    print(
        f"hel inloggning (grinden, leverantörens formulär, tillbaka): {m.inloggning_s * 1000:.1f} ms"
    )


if __name__ == "__main__":
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    main()
