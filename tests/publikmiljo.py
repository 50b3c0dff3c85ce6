"""The public site's database as in production, for the tests of its read-only access: a
PostgreSQL schema of its own (migrated, with grunddata) and the site's own role on it, made
by `inratta_publik_roll`; both removed afterwards. Roles belong to the whole server, which
other test sessions share: each gets a name of its own and is dropped at the end."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from arende.adapters.databas import skapa_motor, uppgradera
from arende.adapters.publikroll import inratta_publik_roll
from arende.bootstrap import Arendesystem, ladda_grunddata
from tests.conftest import GRUNDDATA, PG_URL, pg_schema_url


@contextmanager
def pg_schema() -> Iterator[str]:
    """A new schema, migrated and with grunddata: the owner's URL. Dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as anslutning:
        anslutning.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = pg_schema_url(schema)
        uppgradera(url)
        motor = skapa_motor(url)
        try:
            ladda_grunddata(Arendesystem(motor), GRUNDDATA)
        finally:
            motor.dispose()
        yield url
    finally:
        with admin.connect() as anslutning:
            anslutning.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def rollnamn() -> str:
    return f"publik_t_{uuid.uuid4().hex[:10]}"


def som_roll(agarens_url: str, roll: str, losenord: str | None = None) -> str:
    """The owner's URL (its schema too) with the role as the user."""
    adress = make_url(agarens_url).set(username=roll, password=losenord)
    return adress.render_as_string(hide_password=False)


def ta_bort_roll(roll: str) -> None:
    """What the role holds in the test database, then the role itself (if it exists)."""
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as anslutning:
            finns = anslutning.execute(
                text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": roll}
            ).first()
            if finns:
                anslutning.execute(text(f'DROP OWNED BY "{roll}"'))
                anslutning.execute(text(f'DROP ROLE "{roll}"'))
    finally:
        admin.dispose()


@contextmanager
def publik_roll(agarens_url: str) -> Iterator[str]:
    """The public site's role on the owner's schema, as `arende publik-roll` makes it: the
    role's URL. Dropped afterwards."""
    roll = rollnamn()
    try:
        inratta_publik_roll(agarens_url, roll)
        yield som_roll(agarens_url, roll)
    finally:
        ta_bort_roll(roll)


def fingeravtryck(motor: Engine) -> dict[str, int | str | None]:
    """How many rows every table has, and the audit chain's head: what a write would change."""
    avtryck: dict[str, int | str | None] = {}
    with motor.connect() as anslutning:
        for tabell in SQLModel.metadata.sorted_tables:
            avtryck[tabell.name] = anslutning.execute(
                select(func.count()).select_from(tabell)
            ).scalar_one()
        huvud = anslutning.execute(text("SELECT hash FROM granskningshuvud")).first()
        avtryck["kedjehuvud"] = huvud[0] if huvud else None
    return avtryck
