"""Migration 0018 on SQLite and PostgreSQL: a database at 0014 with a nämnd and an ärende
gains the delegationsordning (read in again from grunddata) and the register; a decision
registered afterwards is kept; the migration goes down (the ärende stays) and up again."""

from __future__ import annotations

from datetime import date

import pytest
from alembic import command
from sqlalchemy import inspect, text

from arende.adapters.databas import alembic_konfig, skapa_motor
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.domain.diarienummer import Diarienummer
from arende.service_layer import visningar
from arende.service_layer.kommandon import RegistreraDelegationsbeslut
from tests.conftest import GRUNDDATA, FastKlocka
from tests.integration.test_arendeflode_i_databasen import registrera


@pytest.fixture(params=["sqlite", "postgresql"])
def tom_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url"))


def test_registret_kommer_till_och_gar_att_ta_bort(tom_url: str) -> None:
    konfig = alembic_konfig(tom_url)
    command.upgrade(konfig, "0017")
    motor = skapa_motor(tom_url)
    try:
        with motor.connect() as con:
            assert "delegationsbeslut" not in inspect(con).get_table_names()
        command.upgrade(konfig, "head")
        system = Arendesystem(motor, klocka=FastKlocka())
        ladda_grunddata(system, GRUNDDATA)
        dnr = registrera(system)
        ordning = visningar.namnd(system.uow(), "Socialtjänstnämnden").delegationsordning
        assert [p.nummer for p in ordning][:2] == ["1.1", "2.1"]
        system.utfor(
            RegistreraDelegationsbeslut(
                aktor="Per Lindqvist",
                dnr=Diarienummer.tolka(dnr),
                punkt="2.1",
                delegat="Eddie Friberg",
                beslutsdatum=date(2026, 11, 20),
                beslut="Ekonomiskt bistånd beviljas",
                belopp=5_000,
            )
        )
        with system.uow() as uow:
            (beslut,) = uow.delegationsbeslut.for_namnd("Socialtjänstnämnden")
        assert (beslut.beteckning, beslut.dnr) == ("1/2026", dnr)

        motor.dispose()
        command.downgrade(konfig, "0017")
        with motor.connect() as con:
            tabeller = inspect(con).get_table_names()
            kolumner = {k["name"] for k in inspect(con).get_columns("namnd")}
            assert con.execute(text("SELECT count(*) FROM arende")).scalar_one() == 1
        assert "delegationsbeslut" not in tabeller and "delegationsordning" not in kolumner
        command.upgrade(konfig, "head")
        ladda_grunddata(system, GRUNDDATA)
        assert visningar.namnd(system.uow(), "Socialtjänstnämnden").delegationsordning
    finally:
        motor.dispose()
