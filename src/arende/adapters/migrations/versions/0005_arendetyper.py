"""ärendetyper: varje ärende bär sin typs livscykel (vilka skeden det passerar, som JSON) och
svaren på typens formulär (JSON); utmärkelsens år gäller bara ärenden om utmärkelsen.

Ärenden från före typerna följde standardens livscykel: en tom livscykel läses så.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("arende", schema=None) as batch_op:
        batch_op.add_column(sa.Column("livscykel", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("uppgifter", sa.Text(), nullable=True))
        batch_op.alter_column("utmarkelsear", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("arende", schema=None) as batch_op:
        batch_op.alter_column("utmarkelsear", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("uppgifter")
        batch_op.drop_column("livscykel")
