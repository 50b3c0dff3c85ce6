"""begaran: begäran om utlämnande av allmän handling (TF 2 kap. 15-18 §§), med tiden den
kom in, den sökande (får vara anonym), de begärda handlingarna, prövningen per handling och
när påminnelsen skickades.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "begaran",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("arende_id", sa.Integer(), sa.ForeignKey("arende.id"), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("mottagen", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("sokande", sa.String(200), nullable=True),
        sa.Column("kontakt", sa.String(200), nullable=True),
        sa.Column("beskrivning", sa.String(250), nullable=False, server_default=""),
        sa.Column("handlingar", sa.Text(), nullable=False),
        sa.Column("kopia", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("registrerad_av", sa.String(200), nullable=False),
        sa.Column("provningar", sa.Text(), nullable=True),
        sa.Column("beslut", sa.Integer(), nullable=True),
        sa.Column("avgjord", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("avgjord_av", sa.String(200), nullable=True),
        sa.Column("paminnelse", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.UniqueConstraint("arende_id", "nummer"),
    )
    op.create_index("ix_begaran_arende_id", "begaran", ["arende_id"])
    op.create_index("ix_begaran_avgjord", "begaran", ["avgjord"])


def downgrade() -> None:
    op.drop_index("ix_begaran_avgjord", table_name="begaran")
    op.drop_index("ix_begaran_arende_id", table_name="begaran")
    op.drop_table("begaran")
