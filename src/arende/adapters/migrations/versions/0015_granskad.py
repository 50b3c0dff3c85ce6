"""handling: granskad, whether a person has looked at it.

What the inbox folder and the e-mail receiver register by themselves carries the sender's
subject line as its title and the sender's name, which nobody has read: it is held back
from every public view until the registrator has looked at it. Everything registered before
this migration was registered by a person or drawn up by the system, so it counts as
looked at.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "handling",
        sa.Column("granskad", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    with op.batch_alter_table("handling", schema=None) as batch_op:
        batch_op.drop_column("granskad")
