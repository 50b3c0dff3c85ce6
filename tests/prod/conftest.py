"""The production profile (deployments/up_prod.py) started once for tests/prod: the Prefect server
on a PostgreSQL database of its own, the ärende database on PostgreSQL, our deployments in a
`process` work pool and two real Prefect workers. Both databases are new for the session and
dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings
from psycopg import sql
from sqlalchemy.engine import make_url

from deployments import svarare
from deployments.demo import DEPLOYMENT
from deployments.lokal_prefect import grindmiljo
from deployments.up_prod import Produktion, produktionsprofil, publik_adress
from tests.conftest import PG_URL
from tests.prefect_miljo import INGEN_LEVERANTOR, miljovariabler
from tests.publikmiljo import ta_bort_roll


def _adress(namn: str, drivrutin: str) -> str:
    return (
        make_url(PG_URL)
        .set(drivername=drivrutin, database=namn)
        .render_as_string(hide_password=False)
    )


def _ta_bort(namn: str) -> None:
    dsn = make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as a:
        a.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(namn)))


@pytest.fixture(scope="session")
def produktion(
    pg_tillganglig: bool, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Produktion, str, Path]]:
    """(the running profile, the ärende database's URL, the archive folder)."""
    if not pg_tillganglig:
        pytest.skip(f"PostgreSQL på {PG_URL} svarar inte")
    hem = tmp_path_factory.mktemp("produktion")
    id_ = uuid.uuid4().hex[:10]
    arende_db, prefect_db = f"arende_t_{id_}", f"prefect_t_{id_}"
    arende_url = _adress(arende_db, "postgresql+psycopg")
    # The public site's role is the server's, not the database's: one of its own per session.
    publik_roll = f"publik_t_{id_}"
    # The gate in front of the server, as in production; nobody logs in here: this process
    # talks to the server with the service credential and answers forms with intyg signed
    # by the gate's key (deployments/svarare.py), as tests/prefect_miljo.py does.
    grind = grindmiljo(hem / "grind", INGEN_LEVERANTOR)
    try:
        with (
            produktionsprofil(
                hem,
                grind,
                arende_url=arende_url,
                prefect_db_url=_adress(prefect_db, "postgresql+asyncpg"),
                port=None,
                arbetare=2,
                schemalaggare=False,  # no reminder is due for 2008's ärenden; saves a core
                publik_db_url=publik_adress(arende_url, publik_roll),
                publik_port=None,
                ARENDE_ARKIV_DIR=str(hem / "arkiv"),
            ) as profil,
            temporary_settings(
                {PREFECT_API_URL: profil.api_url, PREFECT_API_AUTH_STRING: grind.tjanstekonto}
            ),
            miljovariabler(ARENDE_INTYGSNYCKEL=str(grind.privat_nyckel), **grind.for_tjansten()),
        ):
            svarare.vanta_pa_deployment(DEPLOYMENT)
            yield profil, arende_url, hem / "arkiv"
    finally:
        for logg in (
            "server.log",
            "arbetare-1.log",
            "arbetare-2.log",
            "publik.log",
            "uppsattning.log",
        ):
            if (hem / logg).exists():  # shown by pytest only when a test failed
                print(f"--- {logg} ---\n{(hem / logg).read_text(errors='replace')[-3000:]}")
        _ta_bort(arende_db)
        _ta_bort(prefect_db)
        ta_bort_roll(publik_roll)
