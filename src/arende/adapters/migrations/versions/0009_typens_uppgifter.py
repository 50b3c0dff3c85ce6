"""typens uppgifter: kvalitetsutmärkelsens år, nominerade verksamheter och avslutande
kommentar hör till ärendetypen och står bland ärendets uppgifter, inte i egna kolumner och
en egen tabell; ärenden från före ärendetyperna får sina uppgifter därifrån. Det fastställda
förslaget till beslut sparas med ärendet (`forslag`), så att protokollet och utdraget säger
det som chefen undertecknade.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    arenden = bind.execute(
        sa.text("SELECT id, utmarkelsear, avslutande_kommentar, uppgifter FROM arende")
    ).all()
    for arende_id, ar, kommentar, uppgifter in arenden:
        data = json.loads(uppgifter) if uppgifter else {}
        if ar is None or "utmarkelsear" in data:
            continue
        enheter = bind.execute(
            sa.text(
                "SELECT verksamhet, klass, beskrivning FROM nominering WHERE arende_id = :id "
                "ORDER BY ordning"
            ),
            {"id": arende_id},
        ).all()
        data |= {
            "utmarkelsear": ar,
            "enheter": [{"namn": v, "klass": k, "beskrivning": b} for v, k, b in enheter],
            "avslutande_kommentar": kommentar or "",
        }
        bind.execute(
            sa.text("UPDATE arende SET uppgifter = :u WHERE id = :id"),
            {"u": json.dumps(data, ensure_ascii=False), "id": arende_id},
        )
    op.drop_table("nominering")
    with op.batch_alter_table("arende", schema=None) as batch_op:
        batch_op.drop_column("utmarkelsear")
        batch_op.drop_column("avslutande_kommentar")
        batch_op.add_column(sa.Column("forslag", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("arende", schema=None) as batch_op:
        batch_op.drop_column("forslag")
        batch_op.add_column(
            sa.Column("avslutande_kommentar", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("utmarkelsear", sa.Integer(), nullable=True))
    op.create_table(
        "nominering",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arende_id", sa.Integer(), nullable=False),
        sa.Column("ordning", sa.Integer(), nullable=False),
        sa.Column("verksamhet", sa.String(length=200), nullable=False),
        sa.Column("klass", sa.String(length=200), nullable=False),
        sa.Column("beskrivning", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["arende_id"], ["arende.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
