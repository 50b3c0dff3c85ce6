"""anslag: den digitala anslagstavlans anslag, ett per publicering, som den publika
webbplatsen visar från anslagsdagen till dagen efter överklagandetiden och sedan i arkivet.
Sammanträden som redan anslagits får sina anslag härifrån (publicerade i efterhand).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

import json
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "anslag",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("slag", _TEXT(length=60), nullable=False),
        sa.Column("namnd_id", sa.Integer(), sa.ForeignKey("namnd.id"), nullable=False),
        sa.Column("sammantrade", sa.Date(), nullable=False),
        sa.Column("justerad", sa.Date(), nullable=False),
        sa.Column("paragrafer", _TEXT(length=2000), nullable=False),
        sa.Column("anslaget", sa.Date(), nullable=False),
        sa.Column("publicerad", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("overklagande_slut", sa.Date(), nullable=False),
        sa.Column("ned", sa.Date(), nullable=False),
        sa.Column("forvaras", _TEXT(length=300), nullable=False),
        sa.Column("i_efterhand", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_anslag_namnd_id", "anslag", ["namnd_id"])
    op.create_index("ix_anslag_anslaget", "anslag", ["anslaget"])
    op.create_index("ix_anslag_ned", "anslag", ["ned"])
    _fran_sammantraden()


def _fran_sammantraden() -> None:
    """Meetings anslagna before this table existed: their anslag, as the aggregate holds them."""
    bind = op.get_bind()
    rader = bind.execute(
        sa.text(
            "SELECT s.namnd_id, s.datum, s.data, n.protokoll_forvaras, n.forvaltning "
            "FROM sammantrade s JOIN namnd n ON n.id = s.namnd_id WHERE s.data IS NOT NULL"
        )
    ).all()
    tabell = sa.table(
        "anslag",
        *(sa.column(n) for n in ("slag", "namnd_id", "sammantrade", "justerad", "paragrafer",
                                  "anslaget", "publicerad", "overklagande_slut", "ned",
                                  "forvaras", "i_efterhand")),
    )  # fmt: skip
    for namnd_id, datum, data, forvaras, forvaltning in rader:
        mote = json.loads(data)
        anslag = [("omedelbart justerade paragrafer", a) for a in mote.get("omedelbara_anslag") or []]
        if mote.get("anslag"):
            anslag.append(("justerat protokoll", mote["anslag"]))
        for slag, a in anslag:
            slut = date.fromisoformat(a["overklagande_slut"])
            bind.execute(
                tabell.insert().values(
                    slag=slag,
                    namnd_id=namnd_id,
                    sammantrade=datum if isinstance(datum, date) else date.fromisoformat(datum),
                    justerad=date.fromisoformat(a["justeringsdatum"]),
                    paragrafer=json.dumps(a["paragrafer"]),
                    anslaget=date.fromisoformat(a["datum"]),
                    publicerad=datetime.now(UTC),
                    overklagande_slut=slut,
                    ned=slut + timedelta(days=1),
                    forvaras=forvaras or forvaltning or "",
                    i_efterhand=True,
                )
            )


def downgrade() -> None:
    op.drop_table("anslag")
