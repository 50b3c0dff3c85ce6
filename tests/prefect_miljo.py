"""A real Prefect server with our runner serving the deployments, for the tests that drive
flows: its own PREFECT_HOME, ärende database and archive folder under `hem`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from prefect.settings import PREFECT_API_URL, temporary_settings

from deployments import svarare
from deployments.lokal_prefect import prefect_server, runner


def databas_url(hem: Path) -> str:
    return f"sqlite:///{hem / 'arende.db'}"


@contextmanager
def server_och_runner(
    hem: Path, deployment: str, tidsgrans: float = 120, **miljo: str
) -> Iterator[str]:
    """Yields the API URL once `deployment` is served; this process's Prefect client points
    at it. The server's and runner's logs are printed afterwards (pytest shows them only
    for a failed test)."""
    try:
        with (
            prefect_server(hem, logg=hem / "server.log") as api_url,
            runner(
                api_url,
                hem,
                logg=hem / "runner.log",
                ARENDE_DATABASE_URL=databas_url(hem),
                ARENDE_ARKIV_DIR=str(hem / "arkiv"),
                **miljo,
            ),
            temporary_settings({PREFECT_API_URL: api_url}),
        ):
            svarare.vanta_pa_deployment(deployment, tidsgrans=tidsgrans)
            yield api_url
    finally:
        for logg in ("server.log", "runner.log"):
            if (hem / logg).exists():
                print(f"--- {logg} ---\n{(hem / logg).read_text(errors='replace')[-4000:]}")
