"""paminnelsejobb: vilken plan varje jobb skrevs från (planerad tid och en signatur av resten),
så att avstämningen vid start jämför två korta kolumner i stället för att skriva om varje jobb.

APScheduler läser bara id, next_run_time och job_state; de nya kolumnerna är avstämningens
egna (arende.adapters.schemalaggning.Schemalaggare.stam_av). De får vara tomma: ett jobb som
lagrats före migreringen, eller av APScheduler självt, har ingen känd plan och skrivs om en
gång vid nästa avstämning.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("paminnelsejobb", sa.Column("planerad", sa.Float(25), nullable=True))
    op.add_column("paminnelsejobb", sa.Column("plansignatur", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("paminnelsejobb", schema=None) as batch_op:
        batch_op.drop_column("plansignatur")
        batch_op.drop_column("planerad")
