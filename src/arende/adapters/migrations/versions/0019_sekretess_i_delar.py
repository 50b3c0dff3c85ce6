"""handling: the stycken a sekretess marking covers, when only a part of the handling may be
secret (OSL 5 kap. 5 §: a marking may concern a part). None: the whole handling, as every
marking before this migration.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("handling", sa.Column("sekretess_stycken", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("handling", schema=None) as batch_op:
        batch_op.drop_column("sekretess_stycken")
