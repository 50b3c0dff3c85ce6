"""Migration 0017 on SQLite and PostgreSQL: the proposals' and the gallring records' tables
come, a handling registered before them reads as not gallrad, the record table refuses
UPDATE and DELETE, and the migration goes down (the handlingar stay) and up again."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from arende.adapters.databas import alembic_konfig, skapa_motor
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.service_layer import visningar
from tests.conftest import GRUNDDATA, FastKlocka
from tests.integration.test_arendeflode_i_databasen import registrera


@pytest.fixture(params=["sqlite", "postgresql"])
def tom_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


def test_upp_ner_och_upp_igen(tom_url: str) -> None:
    konfig = alembic_konfig(tom_url)
    # Registered by today's code on today's schema, then taken back to before 0017: today's
    # tables cannot be written on an older schema.
    command.upgrade(konfig, "head")
    motor = skapa_motor(tom_url)
    system = Arendesystem(motor, klocka=FastKlocka())
    try:
        ladda_grunddata(system, GRUNDDATA)
        dnr = registrera(system)
        motor.dispose()
        command.downgrade(konfig, "0016")
        with motor.begin() as con:
            con.execute(
                text(
                    "INSERT INTO handling (arende_id, nummer, version, typ, riktning, titel, "
                    "datum, sekretess, fil, sha256, upprattad_av, registrerad, last, mall) "
                    "SELECT id, 1, 1, 'e-postmeddelande', 'inkommande', 'Yttrande', :datum, "
                    ":nej, 'x/01-v1-e-postmeddelande.eml', :sha, 'Per Lindqvist', :nu, :ja, '' "
                    "FROM arende WHERE dnr = :dnr"
                ),
                {
                    "datum": date(2008, 4, 20),
                    "ja": True,
                    "nej": False,
                    "sha": "0" * 64,
                    "nu": datetime.now(UTC),
                    "dnr": dnr,
                },
            )
        command.upgrade(konfig, "head")
        assert {"gallring", "gallringsforslag"} <= set(inspect(motor).get_table_names())
        [post] = visningar.handlingar(system.uow(), dnr)
        assert post.gallring is None and post.gallringstext == ""
        with motor.begin() as con:
            con.execute(
                text(
                    "INSERT INTO gallringsforslag (namnd_id, datum, av, poster) "
                    "SELECT id, :d, 'Per Lindqvist', '[]' FROM namnd WHERE namn = :n"
                ),
                {"d": date(2026, 11, 23), "n": "Socialtjänstnämnden"},
            )
            con.execute(
                text(
                    "INSERT INTO gallring (arende_id, nummer, version, typ, sha256, beslut, "
                    "beslutsdatum, organ, av, datum, forslag_id, registrerad) "
                    "SELECT a.id, 1, 1, 'e-postmeddelande', :sha, 'SoN 2019/12', :b, "
                    "'Socialtjänstnämnden', 'Per Lindqvist', :d, f.id, :nu "
                    "FROM arende a, gallringsforslag f WHERE a.dnr = :dnr"
                ),
                {
                    "sha": "0" * 64,
                    "b": date(2019, 3, 19),
                    "d": date(2026, 11, 23),
                    "nu": datetime.now(UTC),
                    "dnr": dnr,
                },
            )
        [post] = visningar.handlingar(system.uow(), dnr)
        assert post.gallringstext == "Gallrad 2026-11-23 enligt SoN 2019/12"
        for sats in ("UPDATE gallring SET av = 'X'", "DELETE FROM gallring"):
            with motor.connect() as con, pytest.raises(DBAPIError, match="gallringsuppgift"):
                con.execute(text(sats))

        motor.dispose()
        command.downgrade(konfig, "0016")
        assert "gallring" not in inspect(motor).get_table_names()
        with motor.connect() as con:
            assert con.execute(text("SELECT titel FROM handling")).scalar_one() == "Yttrande"
        command.upgrade(konfig, "head")
        [post] = visningar.handlingar(system.uow(), dnr)
        assert post.gallring is None
    finally:
        motor.dispose()


def test_0020_meddelad_upp_ner_och_upp_igen(tom_url: str) -> None:
    """Migration 0020: a proposal made before it reads as not told (so a system proposal
    from before is told once, by the next monthly run); down keeps the proposals."""
    from arende.service_layer import gallring

    konfig = alembic_konfig(tom_url)
    command.upgrade(konfig, "0019")
    motor = skapa_motor(tom_url)
    try:
        with motor.begin() as con:
            con.execute(
                text(
                    "INSERT INTO namnd (namn, diarieprefix, forvaltning, protokoll_forvaras, "
                    "sammantradeslokal) VALUES ('Socialtjänstnämnden', 'SoN', 'Förvaltningen', "
                    "'', '')"
                )
            )
            con.execute(
                text(
                    "INSERT INTO gallringsforslag (namnd_id, datum, av, poster) "
                    "SELECT id, :d, 'Ärendesystemet', '[]' FROM namnd"
                ),
                {"d": date(2026, 11, 23)},
            )
        command.upgrade(konfig, "head")
        assert "meddelad" in {c["name"] for c in inspect(motor).get_columns("gallringsforslag")}
        system = Arendesystem(motor, klocka=FastKlocka())
        [forslag] = gallring.forslagen(system.uow, "Socialtjänstnämnden")
        assert forslag.meddelad is None
        motor.dispose()
        command.downgrade(konfig, "0019")
        assert "meddelad" not in {c["name"] for c in inspect(motor).get_columns("gallringsforslag")}
        with motor.connect() as con:
            assert con.execute(text("SELECT count(*) FROM gallringsforslag")).scalar_one() == 1
        command.upgrade(konfig, "head")
    finally:
        motor.dispose()
