"""handling: sekretessmarkeringens grund (OSL 5 kap. 5 §: bestämmelsen, dagen och vem som
markerade) och, för en inkommen handling, avsändarens filnamn.

`sekretess` finns kvar och är sann precis när en markering finns: den publika webbplatsen,
öppna data och exporten läser den som förut. En handling som markerats före migreringen
(utan grund) behåller sin flagga med tomma grundkolumner.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("handling", sa.Column("sekretess_grund", sa.String(120), nullable=True))
    op.add_column("handling", sa.Column("sekretess_datum", sa.Date(), nullable=True))
    op.add_column("handling", sa.Column("sekretess_av", sa.String(200), nullable=True))
    op.add_column("handling", sa.Column("ursprungligt_namn", sa.String(255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("handling", schema=None) as batch_op:
        batch_op.drop_column("ursprungligt_namn")
        batch_op.drop_column("sekretess_av")
        batch_op.drop_column("sekretess_datum")
        batch_op.drop_column("sekretess_grund")
