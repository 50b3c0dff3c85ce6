"""fritext: diariets sökning i databasens eget fulltextindex, över diarienummer och ärendemening.

PostgreSQL: kolumnen `arende.sokvektor`, en tsvector med den svenska konfigurationen
(svensk ordstam: 'nominering' finner 'nomineringen' och 'nomineringar') som databasen själv
räknar ut (GENERATED ALWAYS ... STORED), med ett GIN-index.

SQLite: FTS5-tabellen `arende_fts` med externt innehåll (raderna i `arende`, inget
dubblerat), hållen i takt med `arende` av triggrar vid INSERT, UPDATE och DELETE. Tokeniseraren
`unicode61 remove_diacritics 0`: å, ä och ö är bokstäver, inte accenter att ta bort ('får'
och 'far' är olika ord). FTS5 har ingen svensk ordstam; sökningen gör varje ord till ett
prefix (adapters/fritext.py).

Befintliga ärenden indexeras av migreringen (PostgreSQL räknar ut kolumnen för varje rad när
den läggs till; FTS5 byggs om med 'rebuild').

OBS för senare migreringar på SQLite: `batch_alter_table("arende")` bygger om tabellen
(kopierar den och tar bort den gamla), och triggrarna försvinner med den gamla tabellen. En
sådan migrering måste skapa triggrarna igen (`skapa_triggrar` nedan, samma SQL) och köra
'rebuild'; testet av en ändrad ärendemening (tests/integration/test_fritext.py) fångar det.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

FTS = "arende_fts"

# The FTS5 documentation's recipe for an external content table: the index holds only the
# tokens, and a row's old tokens must be deleted with its old values before new ones go in.
_TRIGGRAR = {
    f"{FTS}_ny": f"""
        CREATE TRIGGER {FTS}_ny AFTER INSERT ON arende BEGIN
            INSERT INTO {FTS} (rowid, dnr, titel) VALUES (new.id, new.dnr, new.titel);
        END""",
    f"{FTS}_bort": f"""
        CREATE TRIGGER {FTS}_bort AFTER DELETE ON arende BEGIN
            INSERT INTO {FTS} ({FTS}, rowid, dnr, titel)
            VALUES ('delete', old.id, old.dnr, old.titel);
        END""",
    # Only when dnr or titel is among the columns set: a change of skede leaves the index be.
    f"{FTS}_andrad": f"""
        CREATE TRIGGER {FTS}_andrad AFTER UPDATE OF dnr, titel ON arende BEGIN
            INSERT INTO {FTS} ({FTS}, rowid, dnr, titel)
            VALUES ('delete', old.id, old.dnr, old.titel);
            INSERT INTO {FTS} (rowid, dnr, titel) VALUES (new.id, new.dnr, new.titel);
        END""",
}


def skapa_triggrar() -> None:
    for sql in _TRIGGRAR.values():
        op.execute(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"CREATE VIRTUAL TABLE {FTS} USING fts5(dnr, titel, content='arende', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
        )
        skapa_triggrar()
        op.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('rebuild')")
    else:
        # to_tsvector with a named configuration is immutable, as a generated column needs.
        op.execute(
            "ALTER TABLE arende ADD COLUMN sokvektor tsvector GENERATED ALWAYS AS "
            "(to_tsvector('swedish'::regconfig, dnr || ' ' || titel)) STORED"
        )
        # fastupdate off: a new ärende goes straight into the index (at the pace of
        # registrations that costs nothing), instead of into a pending list that every
        # search must read through until a vacuum merges it.
        op.execute(
            "CREATE INDEX ix_arende_sokvektor ON arende USING gin (sokvektor) "
            "WITH (fastupdate = off)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for namn in _TRIGGRAR:
            op.execute(f"DROP TRIGGER IF EXISTS {namn}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    else:
        op.execute("DROP INDEX IF EXISTS ix_arende_sokvektor")
        op.execute("ALTER TABLE arende DROP COLUMN IF EXISTS sokvektor")
