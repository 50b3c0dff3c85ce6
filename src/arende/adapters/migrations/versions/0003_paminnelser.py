"""påminnelser: frister får regel och klar; nämndens justeringsfrist och sammanträdesplan;
skickade påminnelser (unika per frist, fristdatum och ledtid); schemaläggarens lås och
APSchedulers jobbtabell.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("frist", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "regel",
                sqlmodel.sql.sqltypes.AutoString(length=300),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("klar", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    op.create_table(
        "namnd_regler",
        sa.Column("namnd_id", sa.Integer(), nullable=False),
        sa.Column("justeringsdagar", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["namnd_id"], ["namnd.id"]),
        sa.PrimaryKeyConstraint("namnd_id"),
    )

    op.create_table(
        "sammantradesplan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("namnd_id", sa.Integer(), nullable=False),
        sa.Column("ar", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["namnd_id"], ["namnd.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("namnd_id", "datum"),
    )
    with op.batch_alter_table("sammantradesplan", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sammantradesplan_namnd_id"), ["namnd_id"], unique=False
        )

    op.create_table(
        "paminnelse",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("arende_id", sa.Integer(), nullable=False),
        sa.Column("frist_id", sa.Integer(), nullable=False),
        sa.Column("fristtyp", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("fristdatum", sa.Date(), nullable=False),
        sa.Column("ledtid", sa.Integer(), nullable=False),
        sa.Column("slag", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("till", sa.Text(), nullable=False),
        sa.Column("kopia", sa.Text(), nullable=False),
        sa.Column("amne", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("planerad", sa.DateTime(timezone=True), nullable=False),
        sa.Column("skickad", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["arende_id"], ["arende.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "arende_id", "fristtyp", "fristdatum", "ledtid", name="uq_paminnelse_frist_ledtid"
        ),
    )
    with op.batch_alter_table("paminnelse", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paminnelse_arende_id"), ["arende_id"], unique=False)

    op.create_table(
        "schemalaggarlas",
        sa.Column("namn", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("agare", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("giltig_till", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("namn"),
    )

    # APScheduler 3's SQLAlchemyJobStore table, with the columns it creates itself; made
    # here so the schema has one owner and the job store finds it ready.
    op.create_table(
        "paminnelsejobb",
        sa.Column("id", sa.Unicode(191), nullable=False),
        sa.Column("next_run_time", sa.Float(25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_paminnelsejobb_next_run_time", "paminnelsejobb", ["next_run_time"])


def downgrade() -> None:
    op.drop_index("ix_paminnelsejobb_next_run_time", table_name="paminnelsejobb")
    op.drop_table("paminnelsejobb")
    op.drop_table("schemalaggarlas")
    with op.batch_alter_table("paminnelse", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paminnelse_arende_id"))
    op.drop_table("paminnelse")
    with op.batch_alter_table("sammantradesplan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sammantradesplan_namnd_id"))
    op.drop_table("sammantradesplan")
    op.drop_table("namnd_regler")
    with op.batch_alter_table("frist", schema=None) as batch_op:
        batch_op.drop_column("klar")
        batch_op.drop_column("regel")
