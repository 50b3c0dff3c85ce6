"""gallringsforslag och gallring: en gallringskörnings förslag (vad informationshanterings-
planen tillåter den dagen) och det som finns kvar av en gallrad handlingsversion: dess
sha256, gallringsbeslutet, vem och när. Tabellen gallring får bara växa: triggrar vägrar
UPDATE och DELETE (och TRUNCATE i PostgreSQL), som för granskningsloggen.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

MEDDELANDE = "En gallringsuppgift får inte ändras eller raderas"


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "gallringsforslag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("namnd_id", sa.Integer(), sa.ForeignKey("namnd.id"), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("av", text(length=200), nullable=False),
        sa.Column("poster", sa.Text(), nullable=False),
        sa.Column("beslutat", sa.Date(), nullable=True),
        sa.Column("beslutat_av", text(length=200), nullable=True),
    )
    op.create_index("ix_gallringsforslag_namnd_id", "gallringsforslag", ["namnd_id"])
    op.create_table(
        "gallring",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("arende_id", sa.Integer(), sa.ForeignKey("arende.id"), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("typ", text(length=60), nullable=False),
        sa.Column("sha256", text(length=64), nullable=False),
        sa.Column("pdf_sha256", text(length=64), nullable=True),
        sa.Column("beslut", text(length=120), nullable=False),
        sa.Column("beslutsdatum", sa.Date(), nullable=False),
        sa.Column("organ", text(length=200), nullable=False),
        sa.Column("av", text(length=200), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("forslag_id", sa.Integer(), sa.ForeignKey("gallringsforslag.id"), nullable=False),
        sa.Column("registrerad", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.UniqueConstraint("arende_id", "nummer", "version"),
    )
    op.create_index("ix_gallring_arende_id", "gallring", ["arende_id"])
    # The record outlives the content it describes: nothing may rewrite or remove it.
    if op.get_bind().dialect.name == "sqlite":
        for handelse in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER gallring_ingen_{handelse.lower()} BEFORE {handelse} ON gallring "
                f"BEGIN SELECT RAISE(ABORT, '{MEDDELANDE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION gallring_vagra() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MEDDELANDE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER gallring_ingen_andring BEFORE UPDATE OR DELETE ON gallring "
            "FOR EACH ROW EXECUTE FUNCTION gallring_vagra()"
        )
        op.execute(
            "CREATE TRIGGER gallring_ingen_tomning BEFORE TRUNCATE ON gallring "
            "FOR EACH STATEMENT EXECUTE FUNCTION gallring_vagra()"
        )


def downgrade() -> None:
    op.drop_table("gallring")  # its triggers go with it
    op.drop_table("gallringsforslag")
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION IF EXISTS gallring_vagra()")
