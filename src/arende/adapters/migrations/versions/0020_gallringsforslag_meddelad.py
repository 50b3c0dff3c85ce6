"""gallringsforslag: when the registratorer were told by e-mail of a proposal the scheduler
made (the monthly gallring run): set once, in the transaction that sends the mail, so the
mail goes out once. None: not told (a proposal a registrator made herself is never told).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "gallringsforslag",
        sa.Column("meddelad", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite has it since 3.35), not a batch copy: copying the table
    # would drop the old one under the gallring records that refer to it.
    op.execute("ALTER TABLE gallringsforslag DROP COLUMN meddelad")
