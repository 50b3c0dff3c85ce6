"""The public site's own PostgreSQL role: it may log in, connect to the ärende database, use
its schema and SELECT what the public pages show, and nothing else.

`inratta_publik_roll` is run as the database's owner (`arende publik-roll`); it is
idempotent. Every run first takes back everything the role holds on the schema's tables and
sequences, then grants what `PUBLIKT_LASBART` says, so a table or column dropped from the
list is revoked by the next run. Last, in the same transaction, it asks PostgreSQL what the
role can actually do (grants to PUBLIC and role memberships count): anything beyond reading
the listed columns, or creating in the schema or the database, and nothing is kept.

The site's pages read through `service_layer/publikt.py` and the registrator's read views
(`visningar.diariesida`); a page that reads another table or column gets "permission
denied" under the role until it is added here. The hostile-input test runs every page under
the role (tests/integration/test_publik_fientlig_indata.py), so a missing grant shows there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import errors, sql
from sqlalchemy.engine import make_url

from arende.domain.fel import BehorighetSaknas, OgiltigUppgift, TjanstSaknas

# What the public site reads: table -> the columns it may read, or None for all of them.
# The pages read the nämnder, the notices, the diarium, and the sammanträden as their
# documents are built: the whole ärende and its beslut, the handlingar register, the
# sekreterare (person), the plans, and the audit log for the sha256 each published kallelse
# and protokoll file is checked against. Never the commands, frister, reminders, the
# scheduler's lock or the tävlingsbidrag and their answers. Narrowing the ärende and the log
# to views of what is shown is left to do.
PUBLIKT_LASBART: dict[str, tuple[str, ...] | None] = {
    "namnd": None,
    "anslag": None,
    "beslut": None,
    "arende": None,
    "handling": None,
    "person_roll": None,
    "person": None,
    "granskningslogg": None,
    "sammantradesplan": None,
    "publicerat_kedjehuvud": None,
    "sammantrade": None,
    # What was gallrat, when and under which decision (OSL 4 kap. 1 §): the public lists
    # show it in place of the gallrad document.
    "gallring": None,
    # The delegationsbeslut an anmälan brings, listed under its § in the protokoll.
    "delegationsbeslut": None,
}

Anslutning = psycopg.Connection[Any]

# A plain PostgreSQL name: it needs no quoting in a URL or in psql. The predefined roles
# (pg_...) and the names PostgreSQL reserves are refused separately.
_ROLLNAMN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_RESERVERADE = {"public", "none", "current_user", "current_role", "session_user", "all"}
# Attributes that would let the role do more than read, whatever is granted to it.
_ATTRIBUT = {
    "rolsuper": "superanvändare",
    "rolcreaterole": "får skapa roller",
    "rolcreatedb": "får skapa databaser",
    "rolreplication": "får replikera",
    "rolbypassrls": "går förbi radsäkerheten",
}


@dataclass(frozen=True)
class Publikroll:
    namn: str
    skapad: bool  # created by this run (else it existed and its grants were made anew)
    databas: str
    schema: str
    lasbart: dict[str, tuple[str, ...] | None]

    def beskrivning(self) -> str:
        tabeller = ", ".join(
            t if k is None else f"{t} ({', '.join(k)})" for t, k in sorted(self.lasbart.items())
        )
        return (
            f"Rollen {self.namn} ({'skapad' if self.skapad else 'fanns redan'}) får läsa "
            f"{tabeller} i schemat {self.schema} i databasen {self.databas}, och inget annat."
        )


def inratta_publik_roll(
    agarens_url: str,
    namn: str,
    losenord: str | None = None,
    lasbart: dict[str, tuple[str, ...] | None] | None = None,
) -> Publikroll:
    """Create the role `namn` if missing (LOGIN; the password, if one is given, is set),
    and make its grants exactly `lasbart` (default: what the public site reads) on the
    schema the owner's connection works in. Refused with a Swedish message, and nothing
    changed, if the role could do more than that afterwards."""
    lasbart = PUBLIKT_LASBART if lasbart is None else lasbart
    adress = make_url(agarens_url)
    if adress.get_backend_name() != "postgresql":
        raise OgiltigUppgift(
            "En egen roll för den publika webbplatsen finns bara i PostgreSQL. Med SQLite "
            "öppnar webbplatsen databasfilen skrivskyddad (mode=ro och query_only)."
        )
    if not _ROLLNAMN.match(namn):
        raise OgiltigUppgift(
            f"'{namn[:70]}' duger inte som rollnamn: använd små bokstäver a–z, siffror och "
            "understreck, högst 63 tecken, t.ex. arende_publik."
        )
    if namn.startswith("pg_") or namn in _RESERVERADE:
        raise OgiltigUppgift(
            f"'{namn}' är ett av PostgreSQL:s egna rollnamn (pg_… och {', '.join(sorted(_RESERVERADE))})."
        )
    dsn = adress.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(dsn) as anslutning:  # commits at the end, rolls back on error
            return _inratta(anslutning, namn, losenord, lasbart)
    except errors.InsufficientPrivilege as fel:
        raise BehorighetSaknas(
            f"Databasens ägare ({adress.username}) får inte inrätta rollen {namn}: "
            f"{fel.diag.message_primary}. Ägaren behöver CREATEROLE för att skapa rollen "
            "eller ändra dess lösenord; annars kan en databasadministratör skapa den "
            f"(CREATE ROLE {namn} LOGIN PASSWORD '...') och ägaren sedan köra kommandot "
            "med rollens namn, utan lösenord. Inget har ändrats."
        ) from None
    except psycopg.OperationalError as fel:
        raise TjanstSaknas(
            f"Databasen svarar inte ({adress.render_as_string(hide_password=True)}): {fel}"
        ) from None


def _inratta(
    anslutning: Anslutning,
    namn: str,
    losenord: str | None,
    lasbart: dict[str, tuple[str, ...] | None],
) -> Publikroll:
    agare, databas, schema = _rad(
        anslutning, "SELECT current_user, current_database(), current_schema()"
    )
    if schema is None:
        raise OgiltigUppgift("Anslutningen har inget schema (search_path): ange ett i adressen.")
    if namn == agare:
        raise OgiltigUppgift(
            f"Rollen {namn} är den du är ansluten som, databasens ägare: den publika "
            "webbplatsen behöver en egen roll."
        )
    saknas = [t for t in lasbart if not _finns_tabell(anslutning, str(schema), t)]
    if saknas:
        raise OgiltigUppgift(
            f"Tabellerna {', '.join(saknas)} finns inte i schemat {schema}: kör "
            "`arende databas` först."
        )
    roll, sch, db = sql.Identifier(namn), sql.Identifier(str(schema)), sql.Identifier(str(databas))
    attribut = anslutning.execute(
        sql.SQL("SELECT {} FROM pg_roles WHERE rolname = %s").format(
            sql.SQL(", ").join(map(sql.Identifier, [*_ATTRIBUT, "rolcanlogin"]))
        ),
        (namn,),
    ).fetchone()
    skapad = attribut is None
    if attribut is None:
        anslutning.execute(sql.SQL("CREATE ROLE {} LOGIN").format(roll))
    else:
        *egenskaper, kan_logga_in = attribut
        otillatna = [text for text, har in zip(_ATTRIBUT.values(), egenskaper, strict=True) if har]
        if otillatna:
            raise OgiltigUppgift(
                f"Rollen {namn} finns redan och {' och '.join(otillatna)}: den kan göra mer "
                "än att läsa. Välj en annan roll för den publika webbplatsen."
            )
        if not kan_logga_in:
            anslutning.execute(sql.SQL("ALTER ROLE {} LOGIN").format(roll))
    if losenord is not None:
        # Hashed here (SCRAM, as the server's password_encryption says), so the password
        # itself never reaches the server or its statement log.
        hash_ = anslutning.pgconn.encrypt_password(losenord.encode(), namn.encode(), None)
        anslutning.execute(
            sql.SQL("ALTER ROLE {} PASSWORD {}").format(roll, sql.Literal(hash_.decode()))
        )
    # What it held before goes; then exactly what the site reads.
    for mall in (
        "REVOKE ALL ON ALL TABLES IN SCHEMA {sch} FROM {roll}",
        "REVOKE ALL ON ALL SEQUENCES IN SCHEMA {sch} FROM {roll}",
        "REVOKE CREATE ON SCHEMA {sch} FROM {roll}",
        "REVOKE CREATE, TEMPORARY ON DATABASE {db} FROM {roll}",
        "GRANT CONNECT ON DATABASE {db} TO {roll}",
        "GRANT USAGE ON SCHEMA {sch} TO {roll}",
    ):
        anslutning.execute(sql.SQL(mall).format(sch=sch, roll=roll, db=db))
    for tabell, kolumner in lasbart.items():
        anslutning.execute(
            sql.SQL("GRANT SELECT {} ON {}.{} TO {}").format(
                sql.SQL("")
                if kolumner is None
                else sql.SQL("({})").format(sql.SQL(", ").join(map(sql.Identifier, kolumner))),
                sch,
                sql.Identifier(tabell),
                roll,
            )
        )
    for_mycket = _mer_an_lasning(anslutning, namn, str(schema), str(databas), lasbart)
    if for_mycket:
        raise OgiltigUppgift(
            f"Rollen {namn} kan mer än att läsa det webbplatsen visar ({'; '.join(for_mycket)}), "
            "genom PUBLIC eller en roll den är medlem i. Ta bort det (t.ex. REVOKE CREATE ON "
            f"SCHEMA {schema} FROM PUBLIC) och kör igen. Inget har ändrats."
        )
    return Publikroll(namn, skapad, str(databas), str(schema), dict(lasbart))


def _mer_an_lasning(
    anslutning: Anslutning,
    namn: str,
    schema: str,
    databas: str,
    lasbart: dict[str, tuple[str, ...] | None],
) -> list[str]:
    """What the role can do beyond reading `lasbart`, as PostgreSQL itself judges it."""
    fynd: list[str] = []
    if _rad(anslutning, "SELECT has_schema_privilege(%s, %s, 'CREATE')", namn, schema)[0]:
        fynd.append(f"skapa tabeller i schemat {schema}")
    if _rad(anslutning, "SELECT has_database_privilege(%s, %s, 'CREATE')", namn, databas)[0]:
        fynd.append(f"skapa scheman i databasen {databas}")
    kolumner = anslutning.execute(
        """
        SELECT c.relname, a.attname,
               has_column_privilege(%(roll)s, c.oid, a.attnum, 'SELECT'),
               has_column_privilege(%(roll)s, c.oid, a.attnum, 'INSERT, UPDATE, REFERENCES')
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         WHERE n.nspname = %(schema)s AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
         ORDER BY c.relname, a.attnum
        """,
        {"roll": namn, "schema": schema},
    ).fetchall()
    lasa: dict[str, list[str]] = {}
    skriva: dict[str, list[str]] = {}
    alla: dict[str, list[str]] = {}
    for tabell, kolumn, kan_lasa, kan_skriva in kolumner:
        tillatna = lasbart.get(tabell, ())
        alla.setdefault(tabell, []).append(kolumn)
        if kan_skriva:
            skriva.setdefault(tabell, []).append(kolumn)
        if kan_lasa and tillatna is not None and kolumn not in tillatna:
            lasa.setdefault(tabell, []).append(kolumn)
    for verb, fall in (("läsa", lasa), ("skriva i", skriva)):
        fynd += [
            f"{verb} {t}" if k == alla[t] else f"{verb} {t}.{', '.join(k)}" for t, k in fall.items()
        ]
    tabeller = anslutning.execute(
        """
        SELECT c.relname,
               CASE WHEN c.relkind = 'S'
                    THEN has_sequence_privilege(%(roll)s, c.oid, 'USAGE, UPDATE')
                    ELSE has_table_privilege(%(roll)s, c.oid, 'DELETE, TRUNCATE, TRIGGER')
               END
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = %(schema)s AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
         ORDER BY c.relname
        """,
        {"roll": namn, "schema": schema},
    ).fetchall()
    fynd += [f"ändra eller tömma {t}" for t, kan in tabeller if kan]
    return fynd


def _finns_tabell(anslutning: Anslutning, schema: str, t: str) -> bool:
    return bool(
        _rad(
            anslutning,
            "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = %s)",
            schema,
            t,
        )[0]
    )


def _rad(anslutning: Anslutning, fraga: str, *varden: str) -> tuple[Any, ...]:
    rad = anslutning.execute(fraga, varden).fetchone()
    assert rad is not None
    return tuple(rad)
