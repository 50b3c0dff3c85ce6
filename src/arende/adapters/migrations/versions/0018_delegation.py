"""namnd: delegationsordningen (JSON, ur grunddata); delegationsbeslut: nämndens register
över beslut fattade på delegation och vilken anmälan som förde dem till nämnden.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("namnd", sa.Column("delegationsordning", sa.Text(), nullable=True))
    op.create_table(
        "delegationsbeslut",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("namnd_id", sa.Integer(), sa.ForeignKey("namnd.id"), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("punkt", sa.String(20), nullable=False),
        sa.Column("delegat", sa.String(200), nullable=False),
        sa.Column("beslutsdatum", sa.Date(), nullable=False),
        sa.Column("arende_id", sa.Integer(), sa.ForeignKey("arende.id"), nullable=False),
        sa.Column("beslut", sa.Text(), nullable=False),
        sa.Column("registrerat", sa.Date(), nullable=False),
        sa.Column("registrerat_av", sa.String(200), nullable=False),
        sa.Column("handling", sa.Integer(), nullable=True),
        sa.Column("belopp", sa.Integer(), nullable=True),
        sa.Column("vidaredelegerat_av", sa.String(200), nullable=True),
        sa.Column("bradskande", sa.Boolean(), nullable=False),
        sa.Column("anmals", sa.Boolean(), nullable=False),
        sa.Column("anmalan_id", sa.Integer(), sa.ForeignKey("arende.id"), nullable=True),
        sa.UniqueConstraint("namnd_id", "ar", "nummer"),
    )
    op.create_index("ix_delegationsbeslut_namnd_id", "delegationsbeslut", ["namnd_id"])
    op.create_index("ix_delegationsbeslut_arende_id", "delegationsbeslut", ["arende_id"])
    op.create_index("ix_delegationsbeslut_anmalan_id", "delegationsbeslut", ["anmalan_id"])


def downgrade() -> None:
    op.drop_index("ix_delegationsbeslut_anmalan_id", "delegationsbeslut")
    op.drop_index("ix_delegationsbeslut_arende_id", "delegationsbeslut")
    op.drop_index("ix_delegationsbeslut_namnd_id", "delegationsbeslut")
    op.drop_table("delegationsbeslut")
    # Not batch mode: on SQLite that copies `namnd`, which the other tables reference, and
    # the foreign keys refuse dropping it. SQLite has dropped a plain column since 3.35.
    op.drop_column("namnd", "delegationsordning")
