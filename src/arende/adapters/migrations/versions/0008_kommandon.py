"""kommandon: varje kommando som tagits (eller avvisats) under sin stegnyckel, på sitt
aggregat (ett ärendes diarienummer, ett sammanträde eller registreringen), med de händelser
det gav. Ersätter utfort_steg, som bara kände ärendets steg; dess rader flyttas över.
Paragrafnumren hålls på ett ställe, sammanträdet: äldre beslut ger sitt högsta § dit.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "kommando",
        sa.Column("aggregat", _TEXT(length=250), nullable=False),
        sa.Column("nyckel", _TEXT(length=250), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("meddelande", sa.Text(), nullable=False),
        sa.Column("handelser", sa.Text(), nullable=False),
        sa.Column("tidpunkt", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("aggregat", "nyckel"),
    )
    op.execute(
        "INSERT INTO kommando (aggregat, nyckel, ok, meddelande, handelser, tidpunkt) "
        "SELECT arende.dnr, utfort_steg.nyckel, utfort_steg.ok, utfort_steg.meddelande, '[]', "
        "utfort_steg.tidpunkt FROM utfort_steg JOIN arende ON arende.id = utfort_steg.arende_id"
    )
    op.drop_table("utfort_steg")
    # § numbers are kept in one place, the sammanträde: decisions stored before it kept its
    # paragrafer have their highest § carried over from the beslut rows.
    op.execute(
        "UPDATE sammantrade SET hogsta_paragraf = (SELECT max(beslut.paragraf) FROM beslut "
        "WHERE beslut.sammantrade_id = sammantrade.id) WHERE hogsta_paragraf IS NULL"
    )


def downgrade() -> None:
    op.create_table(
        "utfort_steg",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arende_id", sa.Integer(), nullable=False),
        sa.Column("nyckel", _TEXT(length=200), nullable=False),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("meddelande", sa.Text(), nullable=False),
        sa.Column("tidpunkt", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["arende_id"], ["arende.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("arende_id", "nyckel"),
    )
    op.execute(
        "INSERT INTO utfort_steg (arende_id, nyckel, ok, meddelande, tidpunkt) "
        "SELECT arende.id, kommando.nyckel, kommando.ok, kommando.meddelande, kommando.tidpunkt "
        "FROM kommando JOIN arende ON arende.dnr = kommando.aggregat"
    )
    op.drop_table("kommando")
