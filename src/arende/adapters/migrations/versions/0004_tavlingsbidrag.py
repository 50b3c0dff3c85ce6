"""tävlingsbidrag: ett bidrag per nominerad verksamhet i nomineringsärendet (med årets
frågor), ett svar per fråga, och verksamhetsplaner inlästa för verksamheten (strukturen som
JSON, källtextens sha256 och raderna som inte kunde placeras).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "tavlingsbidrag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arende_id", sa.Integer(), nullable=False),
        sa.Column("ordning", sa.Integer(), nullable=False),
        sa.Column("verksamhet", _TEXT(length=200), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=False),
        sa.Column("fragebatteri", sa.Text(), nullable=False),
        sa.Column("ansvarig_chef", _TEXT(length=200), nullable=False),
        sa.Column("kontaktperson", _TEXT(length=200), nullable=True),
        sa.Column("sista_dag", sa.Date(), nullable=False),
        sa.Column("mottagare", _TEXT(length=200), nullable=False),
        sa.Column("status", _TEXT(length=40), nullable=False),
        sa.Column("godkant_av", _TEXT(length=200), nullable=True),
        sa.Column("godkant_datum", sa.Date(), nullable=True),
        sa.Column("mottaget", sa.Date(), nullable=True),
        sa.Column("kvitto_antal_svar", sa.Integer(), nullable=True),
        sa.Column("administrativa", sa.Text(), nullable=True),
        sa.Column("inledning", sa.Text(), nullable=False),
        sa.Column("skapad", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("andrad", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["arende_id"], ["arende.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("arende_id", "verksamhet"),
    )
    with op.batch_alter_table("tavlingsbidrag", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tavlingsbidrag_arende_id"), ["arende_id"], unique=False
        )

    op.create_table(
        "tavlingssvar",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tavlingsbidrag_id", sa.Integer(), nullable=False),
        sa.Column("nummer", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["tavlingsbidrag_id"], ["tavlingsbidrag.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tavlingsbidrag_id", "nummer"),
    )
    with op.batch_alter_table("tavlingssvar", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tavlingssvar_tavlingsbidrag_id"), ["tavlingsbidrag_id"], unique=False
        )

    op.create_table(
        "verksamhetsplan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tavlingsbidrag_id", sa.Integer(), nullable=False),
        sa.Column("verksamhet", _TEXT(length=200), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=True),
        sa.Column("titel", _TEXT(length=300), nullable=False),
        sa.Column("sha256", _TEXT(length=64), nullable=False),
        sa.Column("struktur", sa.Text(), nullable=False),
        sa.Column("ej_placerat", sa.Text(), nullable=False),
        sa.Column("importerad_av", _TEXT(length=200), nullable=False),
        sa.Column("importerad", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["tavlingsbidrag_id"], ["tavlingsbidrag.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tavlingsbidrag_id", "sha256"),
    )
    with op.batch_alter_table("verksamhetsplan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_verksamhetsplan_tavlingsbidrag_id"), ["tavlingsbidrag_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("verksamhetsplan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_verksamhetsplan_tavlingsbidrag_id"))
    op.drop_table("verksamhetsplan")
    with op.batch_alter_table("tavlingssvar", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tavlingssvar_tavlingsbidrag_id"))
    op.drop_table("tavlingssvar")
    with op.batch_alter_table("tavlingsbidrag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tavlingsbidrag_arende_id"))
    op.drop_table("tavlingsbidrag")
