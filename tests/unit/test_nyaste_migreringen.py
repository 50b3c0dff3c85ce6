"""`uppgradera` skips Alembic when the database is at the newest migration, which it reads
from the migration files itself: it must name the head Alembic would."""

from alembic.script import ScriptDirectory

from arende.adapters import databas


def test_nyaste_revisionen_ar_alembics_huvud() -> None:
    skript = ScriptDirectory.from_config(databas.alembic_konfig("sqlite://"))
    assert databas._nyaste_revision() == skript.get_current_head()
