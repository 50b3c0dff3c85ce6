"""publicerat_kedjehuvud: granskningsloggens huvud (löpnummer och hash) som det publicerades
på anslagstavlan, en rad per dag. Tabellen får bara växa: triggrar vägrar UPDATE och DELETE
(och TRUNCATE i PostgreSQL), som för granskningsloggen.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

MEDDELANDE = "Ett publicerat kedjehuvud får inte ändras eller raderas"


def upgrade() -> None:
    op.create_table(
        "publicerat_kedjehuvud",
        sa.Column("datum", sa.Date(), primary_key=True),
        sa.Column("sekvens", sa.Integer(), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("publicerad", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    )
    # What was published stays as it was published, in the database itself too: the
    # public site shows this table.
    if op.get_bind().dialect.name == "sqlite":
        for handelse in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER publicerat_kedjehuvud_ingen_{handelse.lower()} "
                f"BEFORE {handelse} ON publicerat_kedjehuvud "
                f"BEGIN SELECT RAISE(ABORT, '{MEDDELANDE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION publicerat_kedjehuvud_vagra() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MEDDELANDE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER publicerat_kedjehuvud_ingen_andring BEFORE UPDATE OR DELETE "
            "ON publicerat_kedjehuvud FOR EACH ROW EXECUTE FUNCTION publicerat_kedjehuvud_vagra()"
        )
        op.execute(
            "CREATE TRIGGER publicerat_kedjehuvud_ingen_tomning BEFORE TRUNCATE "
            "ON publicerat_kedjehuvud FOR EACH STATEMENT "
            "EXECUTE FUNCTION publicerat_kedjehuvud_vagra()"
        )


def downgrade() -> None:
    op.drop_table("publicerat_kedjehuvud")  # its triggers go with it
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION IF EXISTS publicerat_kedjehuvud_vagra()")
