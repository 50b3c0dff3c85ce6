"""Migration 0014 on SQLite and PostgreSQL: a handling flagged sekretess before the grounds
were kept keeps its flag (listed as marked without grounds), a marking made after it keeps
its grounds, and the migration goes down (the flag stays) and up again."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import text

from arende.adapters.databas import alembic_konfig, skapa_motor
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.domain.diarienummer import Diarienummer
from arende.service_layer import visningar
from arende.service_layer.kommandon import MarkeraSekretess
from tests.conftest import GRUNDDATA, FastKlocka
from tests.integration.test_arendeflode_i_databasen import registrera


@pytest.fixture(params=["sqlite", "postgresql"])
def tom_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


def test_flaggan_bevaras_och_grunden_foljer_med(tom_url: str) -> None:
    konfig = alembic_konfig(tom_url)
    # The ärende is registered by today's code on today's schema, then the schema goes back
    # to 0013 for the old row: today's tables (namnd has columns 0013 lacks) cannot be
    # read or written on a 0013 schema.
    command.upgrade(konfig, "head")
    motor = skapa_motor(tom_url)
    system = Arendesystem(motor, klocka=FastKlocka())
    try:
        ladda_grunddata(system, GRUNDDATA)
        dnr = registrera(system)
        motor.dispose()
        command.downgrade(konfig, "0013")
        with motor.begin() as con:
            con.execute(
                text(
                    "INSERT INTO handling (arende_id, nummer, version, typ, riktning, titel, "
                    "datum, motpart, sekretess, fil, sha256, upprattad_av, registrerad, last, "
                    "mall) SELECT id, 1, 1, 'inkommen handling', 'inkommande', 'Orosanmälan', "
                    ":datum, 'Anna', :ja, 'x/01-v1-inkommen-handling.pdf', :sha, 'Per Lindqvist', "
                    ":nu, :ja, '' FROM arende WHERE dnr = :dnr"
                ),
                {
                    "datum": date(2008, 4, 20),
                    "ja": True,
                    "sha": "0" * 64,
                    "nu": datetime.now(UTC),
                    "dnr": dnr,
                },
            )
        command.upgrade(konfig, "head")
        [post] = visningar.handlingar(system.uow(), dnr)
        assert post.sekretess and post.markering is None
        assert post.sekretesstext == "sekretess (grund ej angiven)"
        assert post.titel_i_registret == "Sekretess (OSL)"

        system.utfor(
            MarkeraSekretess(
                aktor="Per Lindqvist",
                dnr=Diarienummer.tolka(dnr),
                nummer=1,
                bestammelse="OSL 26 kap. 1 §",
            )
        )
        [post] = visningar.handlingar(system.uow(), dnr)
        assert post.sekretesstext == "OSL 26 kap. 1 § (2026-11-23, Per Lindqvist)"
        [markerad] = [
            h
            for h in visningar.historik(system.uow(), dnr)
            if h.handling == "sekretessmarkera handling"
        ]
        assert markerad.innehall["före"] == {"sekretess": True}

        motor.dispose()
        command.downgrade(konfig, "0013")
        with motor.connect() as con:
            assert con.execute(text("SELECT sekretess FROM handling")).scalar_one()
        command.upgrade(konfig, "head")
        [post] = visningar.handlingar(system.uow(), dnr)
        assert post.sekretess and post.markering is None
    finally:
        motor.dispose()
