"""handling: granskad, whether a person has looked at it; arende: the ärendemening's
sekretess marking and the form of it anyone may see.

What the inbox folder and the e-mail receiver register by themselves carries the sender's
subject line as its title and the sender's name, which nobody has read: it is held back
from every public view until the registrator has looked at it. Everything registered before
this migration was registered by a person or drawn up by the system, so it counts as
looked at.

An ärendemening that would itself reveal something secret is marked like a handling (the
provision, the day, who) and given a public form (OSL 5 kap. 2 §), which the public views and
the documents drawn up afterwards use.

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
    op.add_column("arende", sa.Column("offentlig_titel", sa.String(300), nullable=True))
    op.add_column("arende", sa.Column("titel_sekretess_grund", sa.String(120), nullable=True))
    op.add_column("arende", sa.Column("titel_sekretess_datum", sa.Date(), nullable=True))
    op.add_column("arende", sa.Column("titel_sekretess_av", sa.String(200), nullable=True))
    op.create_index("ix_arende_offentlig_titel", "arende", ["offentlig_titel"])


def downgrade() -> None:
    with op.batch_alter_table("handling", schema=None) as batch_op:
        batch_op.drop_column("granskad")
    op.drop_index("ix_arende_offentlig_titel", table_name="arende")
    # Not batch_alter_table: on SQLite it rebuilds the table and the full-text index's
    # triggers go with the old one (0012); SQLite 3.35+ drops a column in place.
    with op.batch_alter_table("arende", schema=None, recreate="never") as batch_op:
        for kolumn in (
            "titel_sekretess_av",
            "titel_sekretess_datum",
            "titel_sekretess_grund",
            "offentlig_titel",
        ):
            batch_op.drop_column(kolumn)
