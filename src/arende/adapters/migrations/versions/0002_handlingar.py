"""handlingar: genererade dokument med nyckel, låsning och PDF; nämndens förvaringsplats
för protokollet och sammanträdeslokal; förvaltningens avslutande kommentar i ärendet.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handling", schema=None) as batch_op:
        # The step key that produced this version: a replayed step finds it, makes no other.
        batch_op.add_column(
            sa.Column("nyckel", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True)
        )
        batch_op.add_column(
            sa.Column("last", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column(
                "mall",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("pdf_fil", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True)
        )
        batch_op.add_column(
            sa.Column("pdf_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.add_column(
            sa.Column("flodeskorning", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
        )
        batch_op.create_unique_constraint("uq_handling_arende_nyckel", ["arende_id", "nyckel"])

    with op.batch_alter_table("namnd", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "protokoll_forvaras",
                sqlmodel.sql.sqltypes.AutoString(length=300),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column(
                "sammantradeslokal",
                sqlmodel.sql.sqltypes.AutoString(length=300),
                nullable=False,
                server_default="",
            )
        )

    with op.batch_alter_table("arende", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("avslutande_kommentar", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("arende", schema=None) as batch_op:
        batch_op.drop_column("avslutande_kommentar")
    with op.batch_alter_table("namnd", schema=None) as batch_op:
        batch_op.drop_column("sammantradeslokal")
        batch_op.drop_column("protokoll_forvaras")
    with op.batch_alter_table("handling", schema=None) as batch_op:
        batch_op.drop_constraint("uq_handling_arende_nyckel", type_="unique")
        for kolumn in ("flodeskorning", "pdf_sha256", "pdf_fil", "mall", "last", "nyckel"):
            batch_op.drop_column(kolumn)
