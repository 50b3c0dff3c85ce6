"""sammanträden: nämndens ledamöter (JSON på nämnden) och sammanträdet som ett helt
aggregat (dagordningar, närvaro, paragrafer, signaturer, anslag; JSON), med status, högsta
använda paragraf och det upprättade protokollets fil och sha256.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("namnd", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ledamoter", sa.Text(), nullable=True))
    with op.batch_alter_table("sammantrade", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", _TEXT(length=40), nullable=True))
        batch_op.add_column(sa.Column("data", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("hogsta_paragraf", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("protokoll_fil", _TEXT(length=300), nullable=True))
        batch_op.add_column(sa.Column("protokoll_sha256", _TEXT(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sammantrade", schema=None) as batch_op:
        for kolumn in ("protokoll_sha256", "protokoll_fil", "hogsta_paragraf", "data", "status"):
            batch_op.drop_column(kolumn)
    with op.batch_alter_table("namnd", schema=None) as batch_op:
        batch_op.drop_column("ledamoter")
