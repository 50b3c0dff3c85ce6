"""A real Prefect server with our runner serving the deployments, for the tests that drive
flows: its own PREFECT_HOME, ärende database and archive folder under `hem`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

from deployments import svarare
from deployments.lokal_prefect import (
    Grindmiljo,
    grindmiljo,
    miljovariabler,
    prefect_server,
    runner,
)


def databas_url(hem: Path) -> str:
    return f"sqlite:///{hem / 'arende.db'}"


# The flow tests act through the service credential and answer forms with intyg signed by
# the local gate's key (deployments/svarare.py); nobody logs in, so the gate's provider is
# an address where none answers. The login itself is tested against a real provider
# (tests/e2e, tests/integration/test_grind.py).
INGEN_LEVERANTOR = "http://127.0.0.1:9"


@contextmanager
def server_och_runner(
    hem: Path,
    deployment: str,
    tidsgrans: float = 120,
    grind: Grindmiljo | None = None,
    **miljo: str,
) -> Iterator[str]:
    """Yields the API URL once `deployment` is served; this process's Prefect client points
    at it with the service credential, and holds the gate's key (to answer as a person).
    The server's and runner's logs are printed afterwards (pytest shows them only for a
    failed test)."""
    grind = grind or grindmiljo(hem / "grind", INGEN_LEVERANTOR)
    try:
        with (
            prefect_server(hem, grind, logg=hem / "server.log") as api_url,
            runner(
                api_url,
                hem,
                grind,
                logg=hem / "runner.log",
                ARENDE_DATABASE_URL=databas_url(hem),
                ARENDE_ARKIV_DIR=str(hem / "arkiv"),
                ARENDE_INKORG_DIR=str(hem / "inkorg"),
                **miljo,
            ),
            temporary_settings(
                {PREFECT_API_URL: api_url, PREFECT_API_AUTH_STRING: grind.tjanstekonto}
            ),
            miljovariabler(ARENDE_INTYGSNYCKEL=str(grind.privat_nyckel), **grind.for_tjansten()),
        ):
            svarare.vanta_pa_deployment(deployment, tidsgrans=tidsgrans)
            yield api_url
    finally:
        for logg in ("server.log", "runner.log"):
            if (hem / logg).exists():
                print(f"--- {logg} ---\n{(hem / logg).read_text(errors='replace')[-4000:]}")
