"""Shared fixtures: a real SQLite file and a real PostgreSQL schema, both migrated."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import skapa_motor, uppgradera
from arende.bootstrap import Arendesystem, ladda_grunddata
from tests.fakes import FakeSystem, fake_system
from tests.postlada import Postlada, postserver

PG_URL = os.environ.get("ARENDE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
GRUNDDATA = Path(__file__).resolve().parents[1] / "deployments" / "grunddata.toml"


class FastKlocka:
    """Today is a fixed day, so tests of 'in the future' do not depend on the calendar."""

    def __init__(self, dag: date = date(2026, 11, 23)) -> None:
        self.dag = dag

    def idag(self) -> date:
        return self.dag


def pg_schema_url(schema: str) -> str:
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_tillganglig() -> bool:
    try:
        with create_engine(PG_URL).connect() as anslutning:
            anslutning.execute(text("select 1"))
        return True
    except Exception as fel:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL på {PG_URL} måste finnas i CI: {fel}")
        return False


@pytest.fixture
def pg_url(pg_tillganglig: bool) -> Iterator[str]:
    """A fresh schema per test, dropped afterwards, so tests never see each other's rows."""
    if not pg_tillganglig:
        pytest.skip(f"PostgreSQL på {PG_URL} svarar inte")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as anslutning:
        anslutning.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield pg_schema_url(schema)
    finally:
        with admin.connect() as anslutning:
            anslutning.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'arende.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def databas_url(request: pytest.FixtureRequest) -> str:
    namn = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(namn))


@pytest.fixture(name="fake_system")
def fake_system_fixtur(tmp_path: Path) -> FakeSystem:
    """The system on an in-memory unit of work (tests/fakes.py), with the grunddata read in
    and today the fixed day of FastKlocka: for the use cases, without a database."""
    return fake_system(tmp_path / "arkiv", FastKlocka())


@pytest.fixture
def system(databas_url: str, tmp_path: Path) -> Iterator[Arendesystem]:
    uppgradera(databas_url)
    motor = skapa_motor(databas_url)
    # Each test its own archive folder: registered files never leak between tests.
    system = Arendesystem(motor, klocka=FastKlocka(), arkiv=Filarkiv(tmp_path / "arkiv"))
    ladda_grunddata(system, GRUNDDATA)
    yield system
    motor.dispose()


@pytest.fixture
def smtp() -> Iterator[tuple[Postlada, int]]:
    """A real SMTP server on loopback that keeps what it receives: (postlåda, port)."""
    with postserver() as server:
        yield server

