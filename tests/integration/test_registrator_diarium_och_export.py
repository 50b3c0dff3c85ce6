"""The registrator's diarium (filters, pages, formats), handlingar with sekretess, the
timeline when Prefect is away, and the e-archive export package."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from arende.bootstrap import Arendesystem
from arende.domain.diarienummer import paketnamn
from arende.domain.granskning import kedjehash
from arende.entrypoints.cli import app
from arende.service_layer import visningar
from arende.service_layer.visningsportar import Diarieurval
from tests import arkivxml
from tests.integration.test_arendeflode_i_databasen import hela_vagen, ogonblicksbild, registrera
from tests.integration.test_registrator_verifiering import lagg_in_handling

korare = CliRunner()
ERMS = "{https://DILCIS.eu/XML/ERMS}"
METS = "{http://www.loc.gov/METS/}"
PREMIS = "{http://www.loc.gov/premis/v3}"
XLINK = "{http://www.w3.org/1999/xlink}"


def tre_arenden(system: Arendesystem) -> list[str]:
    """Two of Socialtjänstnämnden's from 2008, one closed, and one of Östermalms
    stadsdelsnämnd from 2020 (the year its sammanträdesplan and award classes are for)."""
    forsta = registrera(system)
    hela_vagen(system, forsta)
    andra = registrera(system)
    tredje = registrera(
        system,
        namnd="Östermalms stadsdelsnämnd",
        handlaggare="Therese Bengtsson",
        utmarkelsear=2020,
        enheter=[{"namn": "Vuxenenheten", "klass": "socialtjänst", "beskrivning": ""}],
        registreringsdatum=date(2020, 4, 1),
        planerat_sammantrade=date(2020, 5, 14),
    )
    return [forsta, andra, tredje]


def test_diariets_urval_och_sidor(system: Arendesystem) -> None:
    forsta, andra, tredje = tre_arenden(system)
    uow = system.uow

    def dnr(**urval: object) -> list[str]:
        return [r.dnr for r in visningar.diariesida(uow(), Diarieurval(**urval)).rader]  # type: ignore[arg-type]

    assert dnr() == [forsta, andra, tredje] or set(dnr()) == {forsta, andra, tredje}
    assert dnr(status="avslutat") == [forsta]
    assert dnr(status="Registrerat") == [andra, tredje]
    assert dnr(handlaggare="therese bengtsson") == [tredje]
    assert dnr(namnd="Östermalms stadsdelsnämnd") == [tredje]
    assert dnr(ar=2009) == []
    # Free text ignores case, also for å, ä, ö. It
    # finds words (and, through the full-text index, their forms), not a piece of a compound:
    # "UTMÄRKELSE" alone does not find "kvalitetsutmärkelse".
    assert set(dnr(sok="KVALITETSUTMÄRKELSE")) == {forsta, andra, tredje}
    assert dnr(sok=andra.lower()) == [andra]
    assert dnr(sok=tredje.upper()) == [tredje]
    sida = visningar.diariesida(uow(), Diarieurval(per_sida=2, sida=2))
    assert (len(sida.rader), sida.totalt, sida.sidor) == (1, 3, 2)


@pytest.fixture
def cli(
    system: Arendesystem, databas_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Arendesystem:
    monkeypatch.setenv("ARENDE_DATABASE_URL", databas_url)
    monkeypatch.setenv("ARENDE_ARKIV_DIR", str(tmp_path / "arkiv"))  # the system fixture's
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # nothing listens there
    return system


def test_diarium_som_csv_json_och_tabell(cli: Arendesystem) -> None:
    forsta, andra, tredje = tre_arenden(cli)
    resultat = korare.invoke(app, ["diarium", "--format", "csv", "--per-sida", "2"])
    assert resultat.exit_code == 0, resultat.output
    rader = list(csv.reader(io.StringIO(resultat.stdout)))
    assert rader[0] == ["dnr", "datum", "nämnd", "ärendemening", "handläggare", "status"]
    assert [r[0] for r in rader[1:]] == [forsta, andra]
    assert "Sida 1 av 2 (3 ärenden)" in resultat.stderr
    resultat = korare.invoke(
        app, ["diarium", "--format", "json", "--handlaggare", "Therese Bengtsson"]
    )
    assert [r["dnr"] for r in json.loads(resultat.stdout)] == [tredje]
    resultat = korare.invoke(app, ["diarium", "--sok", andra, "--status", "registrerat"])
    assert resultat.exit_code == 0
    assert andra in resultat.output and forsta not in resultat.output
    assert "Sida 1 av 1 (1 ärende)" in resultat.output


@pytest.mark.parametrize(
    ("argument", "meddelande"),
    [
        pytest.param(
            ["--status", "klar"], "Okänd status 'klar'. Möjliga: registrerat,", id="status"
        ),
        pytest.param(["--sida", "0"], "Sidan måste vara 1 eller större, inte 0.", id="sida 0"),
        pytest.param(
            ["--sida", "3"], "Sidan 3 finns inte: urvalet har 3 ärenden på 1 sida.", id="sida 3"
        ),
        pytest.param(
            ["--per-sida", "0"], "Antal per sida måste vara mellan 1 och 1000", id="per sida"
        ),
        pytest.param(
            ["--format", "xml"], "Okänt format 'xml': välj tabell, csv eller json.", id="format"
        ),
        pytest.param(["--handlaggare", "Ingen Alls"], "Okänd person 'Ingen Alls'", id="person"),
        pytest.param(["--sok", " "], "Söktexten är tom.", id="tom sökning"),
    ],
)
def test_felaktigt_diarieurval_ger_svenskt_fel(
    cli: Arendesystem, argument: list[str], meddelande: str
) -> None:
    tre_arenden(cli)
    fore = ogonblicksbild(cli)
    resultat = korare.invoke(app, ["diarium", *argument])
    assert resultat.exit_code == 2
    assert meddelande in " ".join(resultat.output.split())
    assert "Traceback" not in resultat.output and ogonblicksbild(cli) == fore


def test_sekretessmarkerad_handling_visar_bara_det_som_far_visas(
    cli: Arendesystem, tmp_path: Path
) -> None:
    dnr = registrera(cli)
    arkiv = tmp_path / "arkiv"
    lagg_in_handling(cli, arkiv, dnr, 1, b"a", titel="Ansökan om bidrag")
    lagg_in_handling(cli, arkiv, dnr, 2, b"b", titel="Orosanmälan om Kalle, 7 år", sekretess=True)
    resultat = korare.invoke(app, ["handlingar", dnr])
    assert resultat.exit_code == 0, resultat.output
    # Rich wraps long cells inside the table: look for the words.
    assert "Ansökan" in resultat.output and "bidrag" in resultat.output
    assert "Sekretess" in resultat.output and "(OSL)" in resultat.output
    assert resultat.output.count("2008-04-20") == 2
    assert "Kalle" not in resultat.output and "Orosanmälan" not in resultat.output
    assert resultat.output.count("Andersson") == 1  # the secret one's motpart is hidden
    assert korare.invoke(app, ["handlingar", "SoN 2008/99"]).exit_code == 2


def test_historik_utan_prefect_visar_var_logg_och_en_rad(cli: Arendesystem) -> None:
    dnr = registrera(cli)
    hela_vagen(cli, dnr)
    resultat = korare.invoke(app, ["historik", dnr])
    assert resultat.exit_code == 0, resultat.output
    rader = resultat.output.strip().splitlines()
    assert len(rader) == len(visningar.historik(cli.uow(), dnr)) + 1
    assert "Lena Murray (handläggare): registrera ärendet." in rader[0]
    assert rader[-1].startswith("Prefects del av historiken saknas: Prefect svarar inte på")
    assert rader[-1].endswith("Händelserna ovan ur granskningsloggen är kompletta utan den.")


# --- export -------------------------------------------------------------------------------


def _las_paket(rot: Path) -> None:
    """Everything in the package is what METS.xml says, byte for byte; erms.xml and
    premis.xml follow their schemas (tests/arkivxml.py)."""
    assert arkivxml.paketets_fel(rot) == []
    mets = ET.parse(rot / "METS.xml").getroot()
    for e in [*mets.iter(f"{METS}file"), *mets.iter(f"{METS}mdRef")]:
        href = e.find(f"{METS}FLocat") if e.tag == f"{METS}file" else e
        assert href is not None
        fil = rot / href.get(f"{XLINK}href", "")
        assert hashlib.sha256(fil.read_bytes()).hexdigest() == e.get("CHECKSUM"), fil
        assert str(fil.stat().st_size) == e.get("SIZE")


def test_export_av_ett_arende(cli: Arendesystem, tmp_path: Path) -> None:
    dnr = registrera(cli)
    hela_vagen(cli, dnr)
    arkiv = tmp_path / "arkiv"
    lagg_in_handling(cli, arkiv, dnr, 10, b"Brev", titel="Orosanmälan", sekretess=True, pdf=b"%PDF")
    poster = visningar.handlingar(cli.uow(), dnr)
    ut = tmp_path / "ut"
    resultat = korare.invoke(
        app, ["export", "--dnr", dnr, "--ut", str(ut), "--som", "Per Lindqvist"]
    )
    assert resultat.exit_code == 0, resultat.output
    rot = ut / dnr.replace(" ", "-").replace("/", "-")
    _las_paket(rot)
    data = rot / "representations" / "rep1" / "data"
    filer = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data.iterdir()}
    assert sorted(filer.values()) == sorted(s for p in poster for _, s in p.filer())

    erms = ET.parse(rot / "metadata" / "descriptive" / "erms.xml").getroot()
    aggregation = erms.find(f"{ERMS}aggregations/{ERMS}aggregation")
    assert aggregation is not None and aggregation.get("aggregationType") == "caseFile"
    assert aggregation.findtext(f"{ERMS}objectId") == dnr
    assert aggregation.findtext(f"{ERMS}title") == "Stadens kvalitetsutmärkelse 2008"
    assert aggregation.find(f"{ERMS}status").get("value") == "closed"  # type: ignore[union-attr]
    assert "§ 2 bifall" in (aggregation.findtext(f"{ERMS}action/{ERMS}actionText") or "")
    records = aggregation.findall(f"{ERMS}record")
    assert len(records) == len(poster)
    hemlig = next(r for r in records if r.findtext(f"{ERMS}objectId") == f"{dnr}:10:1")
    assert hemlig.findtext(f"{ERMS}title") == "Orosanmälan"
    assert hemlig.findtext(f"{ERMS}otherTitle") == "Sekretess (OSL)"
    assert hemlig.find(f"{ERMS}restriction") is not None
    summor = [e.text for e in hemlig.findall(f"{ERMS}extraId") if e.get("extraIdType") == "sha256"]
    assert summor == [hashlib.sha256(b"Brev").hexdigest(), hashlib.sha256(b"%PDF").hexdigest()]

    premis = ET.parse(rot / "metadata" / "preservation" / "premis.xml").getroot()
    handelser = premis.findall(f"{PREMIS}event")
    fore_exporten = [
        e for e in visningar.historik(cli.uow(), dnr) if e.handling != "exportera för e-arkivering"
    ]  # the export is logged after the package is written, so it is not in it
    assert len(handelser) == len(fore_exporten)
    for e in handelser:  # each event's hash can be recomputed from the package alone
        note = (
            e.findtext(
                f"{PREMIS}eventOutcomeInformation/{PREMIS}eventOutcomeDetail/"
                f"{PREMIS}eventOutcomeDetailNote"
            )
            or ""
        )
        foregaende, resten = note.removeprefix("föregående hash ").split("; hash ", 1)
        hash_, text_ = resten.split("; hashad text: ", 1)
        assert kedjehash(foregaende, text_) == hash_
    assert len(premis.findall(f"{PREMIS}object")) == len(filer)
    lasmig = (rot / "documentation" / "LASMIG.txt").read_text()
    assert f"Ärende {dnr}: Stadens kvalitetsutmärkelse 2008" in lasmig
    assert "Karin Ekström (nämndsekreterare): registrera nämndens beslut" in lasmig

    # The same again: refused, nothing overwritten.
    igen = korare.invoke(app, ["export", "--dnr", dnr, "--ut", str(ut), "--som", "Per Lindqvist"])
    assert igen.exit_code == 2 and "paketet finns redan" in " ".join(igen.output.split())


def test_export_av_ett_ar_som_zip(cli: Arendesystem, tmp_path: Path) -> None:
    forsta, andra, _ = tre_arenden(cli)  # the third is from 2020
    ut = tmp_path / "ut"
    resultat = korare.invoke(
        app, ["export", "--ar", "2008", "--ut", str(ut), "--zip", "--som", "Per Lindqvist"]
    )
    assert resultat.exit_code == 0, resultat.output
    zippar = sorted(p.name for p in ut.iterdir())
    assert zippar == sorted(paketnamn(d) + ".zip" for d in (forsta, andra))
    packat = tmp_path / "packat"
    with zipfile.ZipFile(ut / zippar[0]) as z:
        z.extractall(packat)
    (rot,) = packat.iterdir()
    _las_paket(rot)


@pytest.mark.parametrize(
    ("argument", "meddelande"),
    [
        pytest.param(["--ar", "2031"], "Diariet har inga ärenden från 2031.", id="tomt år"),
        pytest.param([], "Ange antingen --dnr DNR eller --ar ÅR", id="inget urval"),
        pytest.param(["--dnr", "SoN 2008/9"], "Det finns inget ärende med diarienummer", id="dnr"),
        pytest.param(
            ["--dnr", "SoN 2008/1"],
            "Exporten avbröts, inget skrevs: handling 10 version 1",
            id="ändrad fil",
        ),
    ],
)
def test_felaktig_export_skriver_ingenting(
    cli: Arendesystem, tmp_path: Path, argument: list[str], meddelande: str
) -> None:
    dnr = registrera(cli)
    relativ = lagg_in_handling(cli, tmp_path / "arkiv", dnr, 10, b"original")
    (tmp_path / "arkiv" / relativ).write_bytes(b"andrad")
    ut = tmp_path / "ut"
    resultat = korare.invoke(app, ["export", *argument, "--ut", str(ut), "--som", "Per Lindqvist"])
    assert resultat.exit_code == 2
    assert meddelande in " ".join(resultat.output.split())
    assert not ut.exists() or not any(ut.iterdir())


def test_bara_registratorn_exporterar_och_exporten_loggas(
    cli: Arendesystem, tmp_path: Path
) -> None:
    dnr = registrera(cli)
    ut = tmp_path / "export"
    korare = CliRunner()
    for som, fel in (
        ([], "Ange vem som exporterar: --som NAMN"),
        (["--som", "Lena Murray"], "Lena Murray får inte exportera för e-arkivering"),
    ):
        resultat = korare.invoke(app, ["export", "--dnr", dnr, "--ut", str(ut), *som])
        assert resultat.exit_code == 2 and fel in " ".join(resultat.output.split())
        assert not ut.exists()
    resultat = korare.invoke(
        app, ["export", "--dnr", dnr, "--ut", str(ut), "--som", "Per Lindqvist"]
    )
    assert resultat.exit_code == 0, resultat.output
    loggat = [
        e for e in visningar.historik(cli.uow(), dnr) if e.handling == "exportera för e-arkivering"
    ]
    assert [(e.aktor, e.innehall["utfall"]) for e in loggat] == [
        ("Lena Murray", "avvisad"),
        ("Per Lindqvist", "utförd"),
    ]
    assert loggat[1].roll == "registrator" and loggat[1].innehall["paket"].startswith(str(ut))
