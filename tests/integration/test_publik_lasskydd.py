"""The public site reads and can do nothing else. Through `Publikkalla(skapa_lasmotor(url))`
an INSERT, UPDATE or DELETE fails: on SQLite (opened mode=ro, query_only) also while the
runner writes beside it in WAL mode, on PostgreSQL by the read-only transactions, and under
the site's own role (`arende publik-roll`) by its grants, which hold even when the
transaction is made read-write. The role reads what the pages show and nothing else (not
the audit log, the commands, the person register or the form answers), cannot create
tables, and the command that makes it can be run again and takes back what is no longer
granted. The database is the same before and after."""

from __future__ import annotations

import multiprocessing
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, delete, insert, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlmodel import SQLModel
from typer.testing import CliRunner

from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import skapa_lasmotor, skapa_motor
from arende.adapters.publiklasning import Publikkalla
from arende.adapters.publikroll import PUBLIKT_LASBART, inratta_publik_roll
from arende.adapters.tabeller import AnslagRad, ArendeRad, NamndRad
from arende.bootstrap import Arendesystem
from arende.domain.fel import BehorighetSaknas, OgiltigUppgift
from arende.entrypoints.cli import app
from arende.service_layer import publikt, visningar
from arende.service_layer.visningsportar import Diarieurval
from tests import hjalp
from tests.conftest import PG_URL, FastKlocka
from tests.publikmiljo import (
    fingeravtryck,
    pg_schema,
    publik_roll,
    rollnamn,
    som_roll,
    ta_bort_roll,
)

korare = CliRunner()

# Every kind of write, through the site's unit of work (its session on the read engine).
SKRIVNINGAR: dict[str, Callable[[Session], Any]] = {
    "insert": lambda s: s.execute(
        insert(NamndRad).values(namn="Gatunämnden", diarieprefix="GN", forvaltning="Gatu")
    ),
    "update": lambda s: s.execute(update(ArendeRad).values(titel="Ändrad av webbplatsen")),
    "delete": lambda s: s.execute(delete(AnslagRad)),
    "ddl": lambda s: s.execute(text("CREATE TABLE webbplatsens_egen (x integer)")),
}
VAGRAT = r"readonly|read-only|permission denied"


def registrera_arenden(url: str, arkiv: Path, antal: int) -> None:
    """The runner's side: `antal` ärenden registered through the write engine."""
    motor = skapa_motor(url)
    try:
        system = Arendesystem(motor, klocka=FastKlocka(), arkiv=Filarkiv(arkiv))
        for i in range(antal):
            hjalp.registrera(system, "tjansteutlatande", {"arendemening": f"Ärende {i}"})
    finally:
        motor.dispose()


def diariets_antal(kalla: Publikkalla) -> int:
    """How many ärenden the e-diarium shows, read as the site reads it (no handläggare)."""
    return visningar.diariesida(kalla.uow(), Diarieurval(per_sida=1000, offentlig=True)).totalt


def skriv_genom(kalla: Publikkalla, skrivning: Callable[[Session], Any], *forst: str) -> None:
    uow = kalla.uow()
    with uow:
        for sats in forst:
            uow.session.execute(text(sats))
        skrivning(uow.session)
        uow.commit()


# --- SQLite ---------------------------------------------------------------------------------


def test_sqlite_las_bredvid_skrivaren_i_wal_men_skriv_aldrig(
    sqlite_klar_url: str, tmp_path: Path
) -> None:
    registrera_arenden(sqlite_klar_url, tmp_path / "arkiv", 1)
    kalla = Publikkalla(skapa_lasmotor(sqlite_klar_url))
    with kalla.motor.connect() as anslutning:
        assert anslutning.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    # The runner in a process of its own writes while the site reads.
    skrivare = multiprocessing.get_context("spawn").Process(
        target=registrera_arenden, args=(sqlite_klar_url, tmp_path / "arkiv", 15)
    )
    skrivare.start()
    sedda = []
    try:
        while skrivare.is_alive():
            sedda.append(diariets_antal(kalla))
            for namn, skrivning in SKRIVNINGAR.items():
                with pytest.raises(DBAPIError, match=VAGRAT):
                    skriv_genom(kalla, skrivning, "PRAGMA query_only=OFF")
                assert namn  # every kind refused, also with query_only turned off
    finally:
        skrivare.join(60)
    assert skrivare.exitcode == 0
    assert len(sedda) > 1 and sedda == sorted(sedda), sedda  # the site saw the runner's work
    assert diariets_antal(kalla) == 16  # and, once it is done, all of it
    fore = fingeravtryck(skapa_motor(sqlite_klar_url))
    for skrivning in SKRIVNINGAR.values():
        with pytest.raises(DBAPIError, match=VAGRAT):
            skriv_genom(kalla, skrivning)
    assert fingeravtryck(skapa_motor(sqlite_klar_url)) == fore
    kalla.motor.dispose()


@pytest.mark.parametrize("katalog", ["med#fyrkant", "med?fraga", "med mellanslag", "åäö"])
def test_sqlite_las_samma_fil_vad_sokvagen_an_innehaller(
    sqlite_mall: Path, tmp_path: Path, katalog: str
) -> None:
    fil = tmp_path / katalog / "arende.db"
    fil.parent.mkdir()
    shutil.copyfile(sqlite_mall, fil)
    # The address as SQLAlchemy spells a path with '?' or '#' in it (percent-encoded).
    kalla = Publikkalla(skapa_lasmotor(URL.create("sqlite", database=str(fil)).render_as_string()))
    try:
        assert [n.diarieprefix for n in publikt.namnder(kalla.uow())]  # the grunddata is there
        with pytest.raises(DBAPIError, match=VAGRAT):
            skriv_genom(kalla, SKRIVNINGAR["insert"])
    finally:
        kalla.motor.dispose()


# --- PostgreSQL -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_med_roll(
    pg_tillganglig: bool, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """(the owner's URL, the role's URL) over a schema with two ärenden and a notice."""
    if not pg_tillganglig:
        pytest.skip(f"PostgreSQL på {PG_URL} svarar inte")
    with pg_schema() as agare:
        registrera_arenden(agare, tmp_path_factory.mktemp("arkiv"), 2)
        with publik_roll(agare) as roll:
            yield agare, roll


@pytest.fixture
def orort(pg_med_roll: tuple[str, str]) -> Iterator[None]:
    """The test leaves the database as it found it."""
    motor = create_engine(pg_med_roll[0])
    fore = fingeravtryck(motor)
    yield
    assert fingeravtryck(motor) == fore
    motor.dispose()


@pytest.mark.usefixtures("orort")
@pytest.mark.parametrize("skrivning", SKRIVNINGAR, ids=list(SKRIVNINGAR))
def test_postgres_utan_roll_ar_varje_transaktion_skrivskyddad(
    pg_med_roll: tuple[str, str], skrivning: str
) -> None:
    kalla = Publikkalla(skapa_lasmotor(pg_med_roll[0]))
    try:
        assert diariets_antal(kalla) == 2
        with pytest.raises(DBAPIError, match="read-only transaction"):
            skriv_genom(kalla, SKRIVNINGAR[skrivning])
    finally:
        kalla.motor.dispose()


@pytest.mark.usefixtures("orort")
@pytest.mark.parametrize("skrivning", SKRIVNINGAR, ids=list(SKRIVNINGAR))
def test_postgres_med_rollen_vagras_skrivning_aven_i_en_las_skriv_transaktion(
    pg_med_roll: tuple[str, str], skrivning: str
) -> None:
    agare, roll = pg_med_roll
    # Without the role the read-only transaction is the only guard, and a session can lift
    # it; the write is rolled back here (the unit of work does not commit), but it went in.
    agarens = Publikkalla(skapa_lasmotor(agare))
    if skrivning != "ddl":
        with agarens.uow() as uow:
            uow.session.execute(text("SET TRANSACTION READ WRITE"))
            SKRIVNINGAR[skrivning](uow.session)
    agarens.motor.dispose()
    # Under the role, the grants refuse it all the same.
    kalla = Publikkalla(skapa_lasmotor(roll))
    try:
        assert diariets_antal(kalla) == 2
        with pytest.raises(DBAPIError, match="permission denied"):
            skriv_genom(kalla, SKRIVNINGAR[skrivning], "SET TRANSACTION READ WRITE")
    finally:
        kalla.motor.dispose()


def tabellen(namn: str) -> list[str]:
    return [k.name for k in SQLModel.metadata.tables[namn].columns]


# What the role may read (every column PUBLIKT_LASBART names) and what it may not: every
# other table, and the other columns of a table it reads in part.
LASBART = [
    f"SELECT {', '.join(kolumner or tabellen(t))} FROM {t}"
    for t, kolumner in PUBLIKT_LASBART.items()
]
OLASBART = [
    f"SELECT {k} FROM {t}"
    for t in SQLModel.metadata.tables
    for k in (
        ["count(*)"]
        if t not in PUBLIKT_LASBART
        else [k for k in tabellen(t) if k not in (PUBLIKT_LASBART[t] or tabellen(t))]
    )
] + ["SELECT count(*) FROM alembic_version"]


def test_kommandona_fristerna_och_tavlingsbidragen_ar_aldrig_publika() -> None:
    # The protokoll page and the files are built as the documents are (the whole ärende,
    # the sekreterare's name, the audit log's sha256 of each published file): those tables
    # are read. The commands, frister, reminders and the tävlingsbidrag's answers never are.
    hemligt = {"kommando", "frist", "paminnelse", "tavlingsbidrag", "tavlingssvar"}
    assert hemligt.isdisjoint(PUBLIKT_LASBART)
    assert "SELECT count(*) FROM kommando" in OLASBART


@pytest.mark.usefixtures("orort")
def test_rollen_laser_det_webbplatsen_visar(pg_med_roll: tuple[str, str]) -> None:
    motor = skapa_lasmotor(pg_med_roll[1])
    try:
        with motor.connect() as anslutning:
            for fraga in LASBART:
                anslutning.execute(text(fraga)).all()
            assert anslutning.execute(text("SELECT count(titel) FROM arende")).scalar_one() == 2
    finally:
        motor.dispose()


@pytest.mark.usefixtures("orort")
@pytest.mark.parametrize("fraga", OLASBART)
def test_rollen_laser_inget_annat(pg_med_roll: tuple[str, str], fraga: str) -> None:
    motor = skapa_lasmotor(pg_med_roll[1])
    try:
        with motor.connect() as anslutning, pytest.raises(DBAPIError, match="permission denied"):
            anslutning.execute(text(fraga))
    finally:
        motor.dispose()


@pytest.mark.usefixtures("orort")
@pytest.mark.parametrize(
    "sats",
    [
        "CREATE TABLE webbplatsens_egen (x integer)",
        "CREATE TABLE public.webbplatsens_egen (x integer)",
        "CREATE SCHEMA webbplatsens_eget",
        "CREATE VIEW webbplatsens_vy AS SELECT 1",
        "CREATE FUNCTION webbplatsens_f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    ],
)
def test_rollen_kan_inte_skapa_nagot(pg_med_roll: tuple[str, str], sats: str) -> None:
    motor = create_engine(pg_med_roll[1])  # not even with a read-write transaction
    try:
        with motor.connect() as anslutning, pytest.raises(DBAPIError, match="permission denied"):
            anslutning.execute(text(sats))
    finally:
        motor.dispose()


# --- arende publik-roll ---------------------------------------------------------------------


def rollens_rattigheter(agare: str, roll: str) -> set[tuple[str, str, str]]:
    """(table, column or '*', privilege) the role holds on the schema, as granted."""
    motor = create_engine(agare)
    try:
        with motor.connect() as anslutning:
            tabeller = anslutning.execute(
                text(
                    "SELECT table_name, '*', privilege_type FROM information_schema"
                    ".role_table_grants WHERE grantee = :r AND table_schema = current_schema()"
                ),
                {"r": roll},
            ).all()
            kolumner = anslutning.execute(
                text(
                    "SELECT table_name, column_name, privilege_type FROM information_schema"
                    ".column_privileges WHERE grantee = :r AND table_schema = current_schema()"
                ),
                {"r": roll},
            ).all()
        return {(str(t), str(k), str(p)) for t, k, p in [*tabeller, *kolumner]}
    finally:
        motor.dispose()


def forvantade_rattigheter() -> set[tuple[str, str, str]]:
    """What PUBLIKT_LASBART says, as information_schema spells it (a whole-table grant is
    listed for the table and for each of its columns)."""
    ut: set[tuple[str, str, str]] = set()
    for tabell, kolumner in PUBLIKT_LASBART.items():
        if kolumner is None:
            ut.add((tabell, "*", "SELECT"))
            # The full-text vector is the database's own column (migration 0012), not the model's.
            kolumner = tuple(tabellen(tabell)) + (("sokvektor",) if tabell == "arende" else ())
        ut |= {(tabell, k, "SELECT") for k in kolumner}
    return ut


@pytest.fixture
def cli_pg(pg_tillganglig: bool, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """(the owner's URL, a role name not yet made) with ARENDE_DATABASE_URL set."""
    if not pg_tillganglig:
        pytest.skip(f"PostgreSQL på {PG_URL} svarar inte")
    roll = rollnamn()
    with pg_schema() as agare:
        monkeypatch.setenv("ARENDE_DATABASE_URL", agare)
        monkeypatch.delenv("ARENDE_PUBLIK_DATABASE_URL", raising=False)
        try:
            yield agare, roll
        finally:
            ta_bort_roll(roll)


def test_publik_roll_tva_ganger_ar_ofarligt_och_tar_tillbaka_det_som_inte_behovs(
    cli_pg: tuple[str, str],
) -> None:
    agare, roll = cli_pg
    forsta = korare.invoke(app, ["publik-roll", roll])
    assert forsta.exit_code == 0, forsta.output
    assert f"Rollen {roll} (skapad) får läsa anslag, arende, beslut," in forsta.output
    assert rollens_rattigheter(agare, roll) == forvantade_rattigheter()
    fore = fingeravtryck(create_engine(agare))
    andra = korare.invoke(app, ["publik-roll", roll])
    assert andra.exit_code == 0, andra.output
    assert f"Rollen {roll} (fanns redan)" in andra.output
    assert rollens_rattigheter(agare, roll) == forvantade_rattigheter()
    assert fingeravtryck(create_engine(agare)) == fore
    # Something granted by hand, or a table the site no longer reads, is taken back.
    with create_engine(agare, isolation_level="AUTOCOMMIT").connect() as anslutning:
        anslutning.execute(text(f'GRANT SELECT, INSERT ON kommando TO "{roll}"'))
        anslutning.execute(text(f'GRANT UPDATE (titel) ON arende TO "{roll}"'))
    assert ("kommando", "*", "INSERT") in rollens_rattigheter(agare, roll)
    assert korare.invoke(app, ["publik-roll", roll]).exit_code == 0
    assert rollens_rattigheter(agare, roll) == forvantade_rattigheter()
    inratta_publik_roll(agare, roll, lasbart={"namnd": None})
    assert {t for t, _, _ in rollens_rattigheter(agare, roll)} == {"namnd"}


def test_publik_roll_ur_adressen_med_losenord(
    cli_pg: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    agare, roll = cli_pg
    monkeypatch.setenv("ARENDE_PUBLIK_DATABASE_URL", som_roll(agare, roll, "hemligt"))
    resultat = korare.invoke(app, ["publik-roll"])
    assert resultat.exit_code == 0, resultat.output
    with create_engine(PG_URL).connect() as anslutning:
        hash_ = anslutning.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = :r AND rolcanlogin"),
            {"r": roll},
        ).scalar_one()
    # Stored as SCRAM, made by the client: the password itself never went to the server.
    assert hash_.startswith("SCRAM-SHA-256$") and "hemligt" not in hash_
    kalla = Publikkalla(skapa_lasmotor(som_roll(agare, roll, "hemligt")))
    assert diariets_antal(kalla) == 0
    kalla.motor.dispose()


@pytest.mark.parametrize(
    ("argument", "miljo", "meddelande"),
    [
        (["Robert'); DROP TABLE arende; --"], {}, "duger inte som rollnamn"),
        (["pg_read_all_data"], {}, "PostgreSQL:s egna"),
        (["public"], {}, "PostgreSQL:s egna"),
        (["postgres"], {}, "den du är ansluten som"),
        ([], {}, "Ange rollens namn"),
        (
            [],
            {"ARENDE_PUBLIK_DATABASE_URL": "postgresql+psycopg://x@127.0.0.1:5432/annan"},
            "pekar på databasen annan",
        ),
        (
            ["arende_publik"],
            {"ARENDE_DATABASE_URL": "sqlite:///var/arende.db"},
            "finns bara i PostgreSQL",
        ),
    ],
    ids=["injektion", "pg-roll", "public", "agaren-sjalv", "utan-namn", "annan-databas", "sqlite"],
)
def test_publik_roll_vagrar_pa_svenska(
    cli_pg: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    argument: list[str],
    miljo: dict[str, str],
    meddelande: str,
) -> None:
    agare, _ = cli_pg
    for nyckel, varde in miljo.items():
        monkeypatch.setenv(nyckel, varde)
    fore = fingeravtryck(create_engine(agare))
    resultat = korare.invoke(app, ["publik-roll", *argument])
    assert resultat.exit_code == 2 and meddelande in resultat.output, resultat.output
    assert "Traceback" not in resultat.output
    assert fingeravtryck(create_engine(agare)) == fore


@pytest.mark.parametrize(
    ("forbered", "meddelande"),
    [
        ("ALTER ROLE {roll} SUPERUSER", "superanvändare"),
        ("ALTER ROLE {roll} CREATEDB CREATEROLE", "får skapa roller och får skapa databaser"),
        ("GRANT pg_read_all_data TO {roll}", "läsa kommando;"),
        ("GRANT pg_write_all_data TO {roll}", "skriva i arende;"),
        ("GRANT CREATE ON SCHEMA {schema} TO PUBLIC", "skapa tabeller i schemat"),
    ],
    ids=["superanvandare", "skapar-roller", "laser-allt", "skriver-allt", "public-skapar"],
)
def test_en_roll_som_kan_mer_an_att_lasa_vagras_och_inget_andras(
    cli_pg: tuple[str, str], forbered: str, meddelande: str
) -> None:
    agare, roll = cli_pg
    admin = create_engine(agare, isolation_level="AUTOCOMMIT")
    with admin.connect() as anslutning:
        schema = anslutning.execute(text("SELECT current_schema()")).scalar_one()
        anslutning.execute(text(f'CREATE ROLE "{roll}" LOGIN'))
        anslutning.execute(text(forbered.format(roll=f'"{roll}"', schema=f'"{schema}"')))
    with pytest.raises(OgiltigUppgift, match=meddelande):
        inratta_publik_roll(agare, roll)
    assert rollens_rattigheter(agare, roll) == set()  # the grants were rolled back
    admin.dispose()


def test_en_agare_utan_createrole_far_ett_svenskt_besked(cli_pg: tuple[str, str]) -> None:
    agare, roll = cli_pg
    svag = rollnamn()
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as anslutning:
            anslutning.execute(text(f'CREATE ROLE "{svag}" LOGIN'))
            schema = make_url(agare).query["options"]
            anslutning.execute(
                text(f'GRANT USAGE ON SCHEMA "{str(schema).split("=")[1]}" TO "{svag}"')
            )
        with pytest.raises(BehorighetSaknas, match="behöver CREATEROLE"):
            inratta_publik_roll(som_roll(agare, svag), roll)
    finally:
        ta_bort_roll(svag)
        admin.dispose()
