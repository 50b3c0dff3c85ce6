"""Engines and schema upgrades for SQLite (the default) and PostgreSQL."""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

if TYPE_CHECKING:
    from alembic.config import Config

MIGRERINGAR = Path(__file__).parent / "migrations"


# PostgreSQL refuses a connection when its slots are taken (SQLSTATE 53300, which libpq
# gives only as text): max_connections, a role's or a database's CONNECTION LIMIT.
_FULLT = ("too many clients", "too many connections", "remaining connection slots")
# How long a connection waits for a free slot before the step fails: a burst of runs (50
# handläggare pressing Start at once) should queue for a moment, not fail someone's step.
VANTA_PA_PLATS_SEKUNDER = 60.0


def skapa_motor(url: str, *, vanta_pa_plats: float = VANTA_PA_PLATS_SEKUNDER) -> Engine:
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_motor(url)
    return _postgres_motor(url, vanta_pa_plats)


def _postgres_motor(url: str, vanta_pa_plats: float) -> Engine:
    motor = create_engine(url, pool_pre_ping=True)

    @event.listens_for(motor, "do_connect")
    def _anslut(dialect: Any, _post: Any, cargs: Any, cparams: Any) -> Any:
        slut = time.monotonic() + vanta_pa_plats
        paus = 0.1
        while True:
            try:
                return dialect.connect(*cargs, **cparams)
            except dialect.loaded_dbapi.OperationalError as fel:
                # Only a full server is worth waiting for; one that is down or refuses us
                # for another reason says so at once.
                if not any(t in str(fel) for t in _FULLT) or time.monotonic() + paus > slut:
                    raise
            time.sleep(paus)
            paus = min(paus * 2, 2.0)

    return motor


def _sqlite_motor(url: str) -> Engine:
    databas = make_url(url).database
    if databas and databas != ":memory:":
        Path(databas).parent.mkdir(parents=True, exist_ok=True)
    motor = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

    @event.listens_for(motor, "connect")
    def _anslut(dbapi_anslutning: Any, _post: Any) -> None:
        # Let SQLAlchemy's "begin" below decide how transactions start (pysqlite recipe).
        dbapi_anslutning.isolation_level = None
        markor = dbapi_anslutning.cursor()
        markor.execute("PRAGMA journal_mode=WAL")
        markor.execute("PRAGMA foreign_keys=ON")
        markor.execute("PRAGMA busy_timeout=60000")
        markor.close()

    @event.listens_for(motor, "begin")
    def _borja(anslutning: Any) -> None:
        # IMMEDIATE takes the write lock up front: two writers queue instead of both reading
        # the same diarium number or chain head and one failing later with SQLITE_BUSY.
        anslutning.exec_driver_sql("BEGIN IMMEDIATE")

    return motor


# Every transaction of the public site's PostgreSQL connections starts read-only.
_LASSKYDD = "-c default_transaction_read_only=on"


def skapa_lasmotor(url: str) -> Engine:
    """An engine that can only read (the public site's): SQLite opened read-only, with
    query_only as well; PostgreSQL with every transaction read-only (in production also
    under a role that has SELECT only, deployments/produktion/README.md)."""
    adress = make_url(url)
    if adress.get_backend_name() != "sqlite":
        # Added to the address's own options (a search_path, say), which a connect_args
        # "options" would otherwise replace.
        egna = adress.query.get("options", "")
        options = " ".join([*([egna] if isinstance(egna, str) else egna), _LASSKYDD]).strip()
        return create_engine(
            adress.difference_update_query(["options"]),
            pool_pre_ping=True,
            connect_args={"options": options},
        )
    # Opened by SQLite's own URI (mode=ro), with the path percent-encoded: a '#' or '?' in
    # it would otherwise end the path and open another file.
    uri = f"file:{quote(adress.database or '')}?mode=ro"
    motor = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=60, check_same_thread=False),
        poolclass=QueuePool,
    )

    @event.listens_for(motor, "connect")
    def _anslut(dbapi_anslutning: Any, _post: Any) -> None:
        markor = dbapi_anslutning.cursor()
        markor.execute("PRAGMA query_only=ON")
        markor.execute("PRAGMA busy_timeout=60000")
        markor.close()

    return motor


# What the migrations make that the SQLModel tables do not describe, kept out of Alembic's
# comparison of the model with the database (`alembic revision --autogenerate` would
# otherwise write a migration that drops them): the diarium's full-text index (migration
# 0012: FTS5's table and its shadow tables on SQLite, the generated column and its GIN
# index on PostgreSQL) and APScheduler's job store (migration 0003, its own columns).
_UTANFOR_MODELLEN = {
    "table": ("arende_fts", "paminnelsejobb"),
    "column": ("sokvektor",),
    "index": ("ix_arende_sokvektor", "ix_paminnelsejobb_"),
}


def i_modellen(namn: str | None, typ: str, _foraldrar: Any = None) -> bool:
    """Alembic's include_name: False for what the model leaves to the migrations."""
    return not (namn and namn.startswith(_UTANFOR_MODELLEN.get(typ, ())))


def alembic_konfig(url: str) -> Config:
    from alembic.config import Config

    konfig = Config()
    konfig.set_main_option("script_location", str(MIGRERINGAR))
    konfig.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return konfig


def uppgradera(url: str) -> None:
    """Bring the schema to the newest migration (idempotent). Every process that opens the
    database asks this first; a database already at the newest migration, the usual case,
    is told so by one query, without Alembic (whose import and environment took a fifth of
    a flow-run process's start)."""
    if _databasens_revision(url) == _nyaste_revision():
        return
    from alembic import command

    command.upgrade(alembic_konfig(url), "head")


_REVISION = re.compile(r'^revision = "([^"]+)"$', re.MULTILINE)
_FORE = re.compile(r'^down_revision = (?:None|"([^"]+)")$', re.MULTILINE)


def _nyaste_revision() -> str | None:
    """The one revision no migration builds on, read from the files as Alembic finds them;
    None if that is not one (then Alembic decides)."""
    revisioner, fore = set(), set()
    for fil in (MIGRERINGAR / "versions").glob("*.py"):
        text = fil.read_text(encoding="utf-8")
        revision, tidigare = _REVISION.search(text), _FORE.search(text)
        if revision is None or tidigare is None:
            return None
        revisioner.add(revision.group(1))
        if tidigare.group(1):
            fore.add(tidigare.group(1))
    huvuden = revisioner - fore
    return huvuden.pop() if len(huvuden) == 1 else None


def _databasens_revision(url: str) -> str | None:
    motor = create_engine(url)
    try:
        with motor.connect() as anslutning:
            return anslutning.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None  # a new database: no table yet
    finally:
        motor.dispose()
