"""The registrator's command line against a real SQLite database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session
from typer.testing import CliRunner

from arende.bootstrap import Arendesystem
from arende.entrypoints.cli import app
from arende.service_layer import visningar
from tests.ogonblick import ogonblicksbild
from tests.seed000 import hela_vagen, registrera

korare = CliRunner()


@pytest.fixture
def databas_url(sqlite_klar_url: str) -> str:  # the CLI is exercised on SQLite only
    return sqlite_klar_url


def test_diarium_historik_och_verifiering(cli_system: Arendesystem) -> None:
    dnr = registrera(cli_system)
    hela_vagen(cli_system, dnr)
    resultat = korare.invoke(app, ["diarium", "--format", "json"])
    assert resultat.exit_code == 0, resultat.output
    rader = json.loads(resultat.stdout)  # the page line goes to stderr
    assert "Sida 1 av 1 (1 ärende)" in resultat.stderr
    assert [(r["dnr"], r["skede"], r["handlaggare"]) for r in rader] == [
        (dnr, "avslutat", "Lena Murray")
    ]
    historik = korare.invoke(app, ["historik", dnr])
    assert historik.exit_code == 0
    # Seed 000's sammanträde: § 1 is the Val av justerare, § 2 the nomination.
    assert (
        "Karin Ekström (nämndsekreterare): registrera nämndens beslut. § 2 bifall, "
        "omedelbart justerad" in historik.output
    )
    assert (
        "'Stadens kvalitetsutmärkelse 2008' (nominering) i Socialtjänstnämnden" in historik.output
    )
    assert "[flödeskörning 00000000-0000-0000-0000-000000000000]" in historik.output
    # Every event of the chain: the ärende's steps, the sammanträde's and the frister's.
    with Session(cli_system.motor) as s:
        antal = s.execute(text("SELECT count(*) FROM granskningslogg")).scalar_one()
    verifiera = korare.invoke(app, ["verifiera"])
    assert verifiera.exit_code == 0, verifiera.output
    assert f"intakt: {antal} händelser, senaste hash " in verifiera.output


def test_verifiera_hittar_en_andrad_handelse(cli_system: Arendesystem, databas_url: str) -> None:
    dnr = registrera(cli_system)
    hela_vagen(cli_system, dnr)
    beslut = next(
        h.sekvens
        for h in visningar.historik(cli_system.uow(), dnr)
        if h.handling == "registrera nämndens beslut"
    )
    with Session(cli_system.motor) as s:  # a tamperer who can drop the trigger
        s.execute(text("DROP TRIGGER granskningslogg_ingen_update"))
        s.execute(
            text(
                "UPDATE granskningslogg SET innehall = replace(innehall, 'Karin', 'Karen') "
                f"WHERE sekvens = {beslut}"
            )
        )
        s.commit()
    resultat = korare.invoke(app, ["verifiera"])
    assert resultat.exit_code == 1
    assert "BRUTEN: 2 fel i granskningsloggens kedja" in resultat.output
    assert (
        f"händelse {beslut} i {dnr}: innehållet har ändrats efter att det skrevs" in resultat.output
    )
    assert (
        f"händelse {beslut} i {dnr}: aktör skiljer sig: 'Karin Ekström' i tabellen, "
        "'Karen Ekström' i det hashade innehållet" in resultat.output
    )


def test_okant_diarienummer_ger_svenskt_fel(cli_system: Arendesystem) -> None:
    resultat = korare.invoke(app, ["historik", "SoN 2008/77"])
    assert resultat.exit_code == 2
    assert "Det finns inget ärende med diarienummer 'SoN 2008/77'" in resultat.output


@pytest.mark.parametrize(
    ("innehall", "meddelande"),
    [
        pytest.param("[[namnd]\nnamn=", "är inte giltig TOML", id="trasig toml"),
        pytest.param(
            '[[person]]\nnamn = "A B"\nroller = ["kung"]\n', "okänd roll", id="okänd roll"
        ),
        pytest.param(
            '[[namnd]]\nnamn = "X"\nforvaltning = "Y"\n',
            "saknar fältet 'diarieprefix'",
            id="saknat fält",
        ),
        pytest.param(
            '[[namnd]]\nnamn = "X"\ndiarieprefix = "1 2"\nforvaltning = "Y"\n',
            "Diarieprefixet '1 2' duger inte",
            id="dåligt prefix",
        ),
        pytest.param(
            "[[kvalitetsutmarkelse]]\nar = 2030\nklasser = []\n",
            "saknar klasser",
            id="inga klasser",
        ),
        pytest.param(
            '[[namnd]]\nnamn = "X"\ndiarieprefix = "X"\nforvaltning = "Y"\n'
            '[[namnd.ledamot]]\nnamn = "A B"\nroll = "ordförande"\nepost = "a.b(at)x"\n',
            "'a.b(at)x' är ingen giltig e-postadress",
            id="ledamot med fel e-post",
        ),
    ],
)
def test_felaktig_grunddatafil_avvisas_och_andrar_ingenting(
    cli_system: Arendesystem, tmp_path: Path, innehall: str, meddelande: str
) -> None:
    fil = tmp_path / "grunddata.toml"
    fil.write_text(innehall, encoding="utf-8")
    fore = ogonblicksbild(cli_system.motor)
    resultat = korare.invoke(app, ["grunddata", str(fil)])
    assert resultat.exit_code == 2
    assert meddelande in resultat.output
    assert ogonblicksbild(cli_system.motor) == fore


@pytest.mark.parametrize(
    ("miljo", "argument", "meddelande"),
    [
        pytest.param({}, ["diarium", "--format", "xml"], "Okänt format 'xml'", id="okänt format"),
        pytest.param(
            {"ARENDE_DATABASE_URL": "mysql://x/y"},
            ["diarium"],
            "ARENDE_DATABASE_URL: måste vara en SQLite- eller PostgreSQL-adress",
            id="fel databasadress",
        ),
        pytest.param(
            {"ARENDE_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/test"},
            ["verifiera"],
            "Databasen svarar inte",
            id="databasen nere",
        ),
    ],
)
def test_installnings_och_databasfel_ger_svenskt_fel(
    cli_system: Arendesystem,
    monkeypatch: pytest.MonkeyPatch,
    miljo: dict[str, str],
    argument: list[str],
    meddelande: str,
) -> None:
    for namn, varde in miljo.items():
        monkeypatch.setenv(namn, varde)
    fore = ogonblicksbild(cli_system.motor)
    resultat = korare.invoke(app, argument)
    assert resultat.exit_code == 2
    assert meddelande in " ".join(resultat.output.split())  # Rich may wrap the line
    assert "Traceback" not in resultat.output
    assert ogonblicksbild(cli_system.motor) == fore
