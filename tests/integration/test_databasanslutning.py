"""A full PostgreSQL (every connection slot taken) makes a connection wait for a free slot
instead of failing the step at once; a server that is down, or one that stays full, still
fails. Fullness is made real with a role whose CONNECTION LIMIT is 1, which PostgreSQL
refuses exactly as it refuses the hundred-and-first client (SQLSTATE 53300)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from arende.adapters.databas import skapa_motor
from tests.conftest import PG_URL

pytestmark = pytest.mark.postgres


def _dsn(**andra: Any) -> str:
    return make_url(PG_URL).set(drivername="postgresql", **andra).render_as_string(False)


@pytest.fixture
def begransad(pg_tillganglig: bool) -> Iterator[str]:
    """The URL of a new role allowed one connection at a time."""
    if not pg_tillganglig:
        pytest.skip(f"PostgreSQL på {PG_URL} svarar inte")
    roll = f"begransad_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(_dsn(), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {roll} LOGIN CONNECTION LIMIT 1")
    try:
        yield make_url(PG_URL).set(username=roll).render_as_string(False)
    finally:
        with psycopg.connect(_dsn(), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
                (roll,),
            )
            admin.execute(f"DROP ROLE {roll}")


@pytest.fixture
def forsok(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the engine's attempts to open a connection."""
    antal: list[int] = []
    verklig = PGDialect_psycopg.connect

    def raknad(self: Any, *args: Any, **kw: Any) -> Any:
        antal.append(1)
        return verklig(self, *args, **kw)

    monkeypatch.setattr(PGDialect_psycopg, "connect", raknad)
    return antal


def _upptagen(url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))


def test_vantar_pa_en_ledig_plats(begransad: str, forsok: list[int]) -> None:
    upptagen = _upptagen(begransad)
    # The slot frees a moment later, as when another run's step commits.
    threading.Timer(1.0, upptagen.close).start()
    motor = skapa_motor(begransad, vanta_pa_plats=30)
    try:
        with motor.connect() as anslutning:
            assert (
                anslutning.execute(text("select current_user")).scalar()
                == make_url(begransad).username
            )
    finally:
        motor.dispose()
    assert len(forsok) >= 2  # refused while full, then let in


def test_en_server_som_forblir_full_ger_upp(begransad: str, forsok: list[int]) -> None:
    upptagen = _upptagen(begransad)
    motor = skapa_motor(begransad, vanta_pa_plats=1)
    try:
        with pytest.raises(OperationalError, match="too many connections"):
            motor.connect()
    finally:
        motor.dispose()
        upptagen.close()
    assert len(forsok) >= 2


def test_en_server_som_ar_nere_ger_besked_direkt(forsok: list[int]) -> None:
    # Port 1 on loopback: nothing listens, so the connection is refused. Not worth waiting.
    url = make_url(PG_URL).set(port=1).render_as_string(False)
    motor = skapa_motor(url, vanta_pa_plats=30)
    with pytest.raises(OperationalError):
        motor.connect()
    assert len(forsok) == 1
