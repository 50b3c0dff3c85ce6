"""Engines and schema upgrades for SQLite (the default) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

MIGRERINGAR = Path(__file__).parent / "migrations"


def skapa_motor(url: str) -> Engine:
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_motor(url)
    return create_engine(url, pool_pre_ping=True)


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


def alembic_konfig(url: str) -> Config:
    konfig = Config()
    konfig.set_main_option("script_location", str(MIGRERINGAR))
    konfig.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return konfig


def uppgradera(url: str) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    command.upgrade(alembic_konfig(url), "head")
