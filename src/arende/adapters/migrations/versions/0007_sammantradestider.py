"""sammanträdestider: när varje sammanträde i planen börjar (svensk tid), om planen anger det.

Planer från före tiderna saknar dem: kolumnen är tom, och formuläret som öppnar
sammanträdet frågar då efter tiden utan förval.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sammantradesplan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("klockan", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sammantradesplan", schema=None) as batch_op:
        batch_op.drop_column("klockan")
