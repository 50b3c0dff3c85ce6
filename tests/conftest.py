"""Shared fixtures: a real SQLite file and a real PostgreSQL schema, both migrated and with
grunddata loaded.

Migrating a schema and loading grunddata takes a few tenths of a second, and a thousand
tests need a database: so it is done once per session. Each SQLite test gets a copy of a
migrated file; the PostgreSQL tests share one migrated schema per session, emptied
(TRUNCATE, the audit log's own triggers set aside for the moment) and given grunddata
again before each test. A test that removed one of the schema's triggers (a tamperer, in
the registrator's tests) leaves it to be built anew for the next. `pg_url` and
`sqlite_url` are still empty, unmigrated databases for the tests of migration itself."""

from __future__ import annotations

import os
import shutil
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
from arende.entrypoints import cli
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


def _klar(url: str) -> None:
    """Migrated and with grunddata, as `make up` leaves a new database."""
    uppgradera(url)
    motor = skapa_motor(url)
    try:
        ladda_grunddata(Arendesystem(motor), GRUNDDATA)
    finally:
        motor.dispose()  # SQLite's last connection closing moves its WAL into the file


@pytest.fixture(scope="session")
def sqlite_mall(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fil = tmp_path_factory.mktemp("mall") / "arende.db"
    _klar(f"sqlite:///{fil}")
    return fil


@pytest.fixture
def sqlite_klar_url(sqlite_mall: Path, tmp_path: Path) -> str:
    fil = tmp_path / "arende.db"
    shutil.copyfile(sqlite_mall, fil)
    assert not sqlite_mall.with_name("arende.db-wal").exists(), "mallens WAL är inte tömd"
    return f"sqlite:///{fil}"


class DeltSchema:
    """One migrated PostgreSQL schema for the session, emptied before each test."""

    def __init__(self) -> None:
        self.admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        self.schema = ""
        self.triggrar = 0

    def _bygg(self) -> None:
        if self.schema:
            self.stang()
        self.schema = f"t_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as anslutning:
            anslutning.execute(text(f'CREATE SCHEMA "{self.schema}"'))
        uppgradera(pg_schema_url(self.schema))
        self.triggrar = self._antal_triggrar()

    def _antal_triggrar(self) -> int:
        with self.admin.connect() as anslutning:
            return int(
                anslutning.execute(
                    text(
                        "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON t.tgrelid = c.oid "
                        "JOIN pg_namespace n ON c.relnamespace = n.oid "
                        "WHERE n.nspname = :schema AND NOT t.tgisinternal"
                    ),
                    {"schema": self.schema},
                ).scalar_one()
            )

    def tomt(self) -> str:
        """The schema's URL, empty but for grunddata (built anew if a trigger is gone)."""
        if not self.schema or self._antal_triggrar() != self.triggrar:
            self._bygg()
        url = pg_schema_url(self.schema)
        with self.admin.connect() as anslutning:
            tabeller = [
                r[0]
                for r in anslutning.execute(
                    text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = :schema "
                        "AND tablename <> 'alembic_version'"
                    ),
                    {"schema": self.schema},
                )
            ]
            # The audit log refuses TRUNCATE by trigger; as replica the session fires none.
            anslutning.execute(text("SET session_replication_role = replica"))
            try:
                anslutning.execute(
                    text(
                        "TRUNCATE "
                        + ", ".join(f'"{self.schema}"."{t}"' for t in tabeller)
                        + " RESTART IDENTITY CASCADE"
                    )
                )
            finally:
                anslutning.execute(text("SET session_replication_role = DEFAULT"))
        motor = skapa_motor(url)
        try:
            ladda_grunddata(Arendesystem(motor), GRUNDDATA)
        finally:
            motor.dispose()
        return url

    def stang(self) -> None:
        with self.admin.connect() as anslutning:
            anslutning.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))


@pytest.fixture(scope="session")
def delat_pg_schema(pg_tillganglig: bool) -> Iterator[DeltSchema]:
    if not pg_tillganglig:
        pytest.skip(f"PostgreSQL på {PG_URL} svarar inte")
    schema = DeltSchema()
    try:
        yield schema
    finally:
        if schema.schema:
            schema.stang()
        schema.admin.dispose()


@pytest.fixture
def pg_klar_url(delat_pg_schema: DeltSchema) -> str:
    return delat_pg_schema.tomt()


@pytest.fixture(params=["sqlite", "postgresql"])
def databas_url(request: pytest.FixtureRequest) -> str:
    """A migrated database with grunddata: a copied SQLite file, or the emptied shared
    PostgreSQL schema."""
    namn = "sqlite_klar_url" if request.param == "sqlite" else "pg_klar_url"
    return str(request.getfixturevalue(namn))


@pytest.fixture
def system(databas_url: str, tmp_path: Path) -> Iterator[Arendesystem]:
    motor = skapa_motor(databas_url)
    # Each test its own archive folder: registered files never leak between tests.
    system = Arendesystem(
        motor,
        klocka=FastKlocka(),
        arkiv=Filarkiv(tmp_path / "arkiv"),
        inkorg=tmp_path / "inkorg",
    )
    yield system
    motor.dispose()


@pytest.fixture
def cli_system(
    system: Arendesystem, databas_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Arendesystem:
    """The command line (typer, in this process) against the same database, archive and
    inbox as `system`. A module that tests the command line overrides `databas_url` to
    SQLite: the commands are the same on both databases, and the layers below are tested
    on both."""
    monkeypatch.setenv("ARENDE_DATABASE_URL", databas_url)
    monkeypatch.setenv("ARENDE_ARKIV_DIR", str(tmp_path / "arkiv"))
    monkeypatch.setenv("ARENDE_INKORG_DIR", str(tmp_path / "inkorg"))
    # Prefect is not running here: `historik` must say so and still show our events.
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    # Tables whole, not cut: the CLI's console took its width when the module was first
    # imported (in another test, under xdist), so COLUMNS alone is too late.
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setattr(cli.konsol, "width", 250)
    return system


@pytest.fixture(name="fake_system")
def fake_system_fixtur(tmp_path: Path) -> FakeSystem:
    """The system on an in-memory unit of work (tests/fakes.py), with the grunddata read in
    and today the fixed day of FastKlocka: for the use cases, without a database."""
    return fake_system(tmp_path / "arkiv", FastKlocka())


@pytest.fixture
def smtp() -> Iterator[tuple[Postlada, int]]:
    """A real SMTP server on loopback that keeps what it receives: (postlåda, port)."""
    with postserver() as server:
        yield server
