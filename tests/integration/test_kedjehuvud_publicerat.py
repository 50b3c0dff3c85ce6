"""The audit chain's head published daily on the anslagstavla, on SQLite and PostgreSQL: the
public pages show it and give it as JSON; a tamperer with database rights who rewrites an
event and recomputes every hash after it passes the plain `verifiera`, but not
`verifiera --publicerade` with the JSON saved from the site or read from it over HTTP."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.domain.granskning import kanonisk_json, kedjehash
from arende.domain.kedjehuvud import PubliceratKedjehuvud
from arende.entrypoints.cli import app as cli_app
from arende.entrypoints.publik import skapa_app
from arende.service_layer import visningar
from arende.service_layer.kedjehuvud import HANDLING, publicera_kedjehuvud
from arende.service_layer.publikt import KONTROLLSUMMOR_PER_SIDA
from tests.integration.test_arendeflode_i_databasen import ogonblicksbild, registrera
from tests.integration.test_registrator_verifiering import HUVUD, hash_for, kedja, las_upp_loggen
from tests.postlada import ledig_port

korare = CliRunner()

FORSTA_DAGEN, ANDRA_DAGEN = date(2026, 12, 3), date(2026, 12, 4)


def publicerade(system: Arendesystem) -> list[PubliceratKedjehuvud]:
    with system.uow() as uow:
        return uow.kedjehuvuden.alla()


def tva_dagar(system: Arendesystem) -> tuple[PubliceratKedjehuvud, PubliceratKedjehuvud]:
    """The chain of `kedja` (eight events) published on the first day; its publication
    event (9) and a registration (10, 11) the next, then published again."""
    kedja(system)
    forsta = publicera_kedjehuvud(system.uow(), FORSTA_DAGEN).huvud
    registrera(system)
    andra = publicera_kedjehuvud(system.uow(), ANDRA_DAGEN).huvud
    assert (forsta.sekvens, andra.sekvens) == (HUVUD, HUVUD + 3)
    return forsta, andra


def skriv_om_fran(system: Arendesystem, sekvens: int) -> None:
    """What a careful tamperer does: alter one event's hashed content, recompute the hash of
    it and of every event after it, and move the head row along. Link by link the chain is
    then valid again."""
    las_upp_loggen(system)
    with system.motor.begin() as c:
        rader = c.execute(
            text(
                "SELECT sekvens, innehall, foregaende_hash FROM granskningslogg "
                "WHERE sekvens >= :sekvens ORDER BY sekvens"
            ),
            {"sekvens": sekvens},
        ).all()
        foregaende = rader[0].foregaende_hash
        for rad in rader:
            innehall = rad.innehall
            if rad.sekvens == sekvens:
                data = json.loads(innehall)
                data["innehåll"]["tillagt i efterhand"] = True
                innehall = kanonisk_json(data)
            ny = kedjehash(foregaende, innehall)
            c.execute(
                text(
                    "UPDATE granskningslogg SET innehall = :innehall, foregaende_hash = :fore, "
                    "hash = :hash WHERE sekvens = :sekvens"
                ),
                {"innehall": innehall, "fore": foregaende, "hash": ny, "sekvens": rad.sekvens},
            )
            foregaende = ny
        c.execute(
            text("UPDATE granskningshuvud SET sekvens = :sekvens, hash = :hash WHERE id = 1"),
            {"sekvens": rader[-1].sekvens, "hash": foregaende},
        )


def publik_app(system: Arendesystem) -> FastAPI:
    return skapa_app(Publikkalla(system.motor, system.klocka, system.mallkatalog, system.arkiv))


@pytest.fixture
def webb(system: Arendesystem) -> Iterator[TestClient]:
    with TestClient(publik_app(system)) as klient:
        yield klient


# -- publishing ---------------------------------------------------------------------------


def test_publiceras_en_gang_per_dag_och_huvudet_ar_en_punkt_i_kedjan(
    system: Arendesystem,
) -> None:
    kedja(system)
    publicering = publicera_kedjehuvud(system.uow(), FORSTA_DAGEN)
    assert publicering.ny
    huvud = publicering.huvud
    assert (huvud.sekvens, huvud.hash) == (HUVUD, hash_for(system, HUVUD))
    assert publicerade(system) == [huvud]
    # Its own event comes next, chained on the published head.
    handelse = visningar.verifiera(system.uow())
    assert handelse.intakt and handelse.senaste_sekvens == HUVUD + 1
    with system.motor.connect() as c:
        rad = c.execute(
            text("SELECT handling, foregaende_hash FROM granskningslogg WHERE sekvens = :s"),
            {"s": HUVUD + 1},
        ).one()
    assert tuple(rad) == (HANDLING, huvud.hash)

    fore = ogonblicksbild(system)
    igen = publicera_kedjehuvud(system.uow(), FORSTA_DAGEN)
    assert not igen.ny and igen.huvud == huvud
    assert ogonblicksbild(system) == fore


def test_publicerade_huvuden_kan_inte_andras_i_databasen(system: Arendesystem) -> None:
    kedja(system)
    publicera_kedjehuvud(system.uow(), FORSTA_DAGEN)
    for sats in (
        "UPDATE publicerat_kedjehuvud SET sekvens = 1",
        "DELETE FROM publicerat_kedjehuvud",
    ):
        with (
            pytest.raises(DBAPIError, match="Ett publicerat kedjehuvud får inte ändras"),
            system.motor.begin() as c,
        ):
            c.execute(text(sats))
    assert [h.sekvens for h in publicerade(system)] == [HUVUD]


# -- the rewritten log, caught only against what was published ---------------------------


def test_omskriven_logg_passerar_vanlig_verifiering_men_inte_mot_det_publicerade(
    system: Arendesystem,
) -> None:
    forsta, andra = tva_dagar(system)
    assert visningar.verifiera(system.uow(), publicerade=publicerade(system)).intakt

    skriv_om_fran(system, HUVUD + 2)  # the registration's event, after the first day's head

    vanlig = visningar.verifiera(system.uow())
    assert vanlig.intakt, vanlig.kedjefel
    resultat = visningar.verifiera(system.uow(), publicerade=publicerade(system))
    assert not resultat.intakt and resultat.publicerade_avviker
    assert resultat.kedjefel == [
        f"Granskningsloggen har skrivits om efter den 2026-12-04: löpnummer {andra.sekvens} "
        "har en annan kontrollsumma än den som publicerades.",
        f"Fram till löpnummer {forsta.sekvens}, som publicerades den 2026-12-03, stämmer "
        f"loggen med det publicerade: ändringen ligger mellan löpnummer {forsta.sekvens + 1} "
        f"och {andra.sekvens}.",
    ]


# -- the command line ---------------------------------------------------------------------


@pytest.fixture
def cli(
    system: Arendesystem, databas_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Arendesystem:
    monkeypatch.setenv("ARENDE_DATABASE_URL", databas_url)
    monkeypatch.setenv("ARENDE_ARKIV_DIR", str(tmp_path / "handlingsarkiv"))
    return system


def rader(utdata: str) -> str:
    return " ".join(utdata.split())


def test_verifiera_mot_sparad_json_fran_webbplatsen(
    cli: Arendesystem, webb: TestClient, tmp_path: Path
) -> None:
    forsta, _ = tva_dagar(cli)
    sparad = tmp_path / "kontrollsummor.json"
    sparad.write_bytes(webb.get("/anslagstavla/kontrollsummor.json").content)

    ratt = korare.invoke(cli_app, ["verifiera", "--publicerade", str(sparad)])
    assert ratt.exit_code == 0, ratt.output
    assert (
        "publicerade kontrollsummor: 2 jämförda, loggen stämmer med varje publicerat löpnummer"
        in rader(ratt.output)
    )

    skriv_om_fran(cli, forsta.sekvens)
    assert korare.invoke(cli_app, ["verifiera"]).exit_code == 0  # valid link by link
    fel = korare.invoke(cli_app, ["verifiera", "--publicerade", str(sparad)])
    assert fel.exit_code == 1
    text_ = rader(fel.output)
    assert "BRUTEN: 2 fel i granskningsloggens kedja" in text_
    assert (
        "Granskningsloggen har skrivits om efter den 2026-12-03: löpnummer "
        f"{forsta.sekvens} har en annan kontrollsumma än den som publicerades."
    ) in text_
    assert (
        "Även 1 senare publicerad kontrollsumma skiljer sig från loggen, den senaste från den "
        f"2026-12-04 (löpnummer {forsta.sekvens + 3}): loggen har ändrats efter den 2026-12-04."
    ) in text_
    assert "publicerade kontrollsummor:" not in text_


@contextmanager
def webbserver(app: FastAPI) -> Iterator[str]:
    """The public site served over real HTTP on loopback until the block ends."""
    port = ledig_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    trad = threading.Thread(target=server.run, name="publik-webb", daemon=True)
    trad.start()
    grans = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < grans, "webbservern startade inte"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        trad.join(timeout=30)


def test_verifiera_mot_webbplatsen_over_http(cli: Arendesystem) -> None:
    _, andra = tva_dagar(cli)
    with webbserver(publik_app(cli)) as adress:
        # The site's address alone, or the JSON's own.
        for kalla in (adress, adress + "/", adress + "/anslagstavla/kontrollsummor.json"):
            ratt = korare.invoke(cli_app, ["verifiera", "--publicerade", kalla])
            assert ratt.exit_code == 0, ratt.output
        skriv_om_fran(cli, andra.sekvens)
        fel = korare.invoke(cli_app, ["verifiera", "--publicerade", adress])
        saknas = korare.invoke(cli_app, ["verifiera", "--publicerade", adress + "/inget.json"])
    assert fel.exit_code == 1
    assert (
        f"Granskningsloggen har skrivits om efter den 2026-12-04: löpnummer {andra.sekvens} har "
        "en annan kontrollsumma än den som publicerades."
    ) in rader(fel.output)
    assert saknas.exit_code == 2
    assert (
        f"Fel: Kontrollsummorna kunde inte hämtas från {adress}/inget.json: webbplatsen svarade "
        "404."
    ) in rader(saknas.output)


@pytest.mark.parametrize(
    ("innehall", "meddelande"),
    [
        (None, "Fel: Filen {fil} med publicerade kontrollsummor finns inte."),
        ("<html>anslagstavla</html>", "Fel: Filen {fil} är inte JSON:"),
        ('{"datum": "2026-12-03"}', "Fel: Filen {fil} är inte en lista över publicerade"),
        (
            '[{"datum": "2026-12-03", "sekvens": 8, "hash": "xyz"}]',
            "Fel: Filen {fil}, post 1: Kontrollsumman 'xyz' är inte en sha256",
        ),
        ("URL", "Fel: Kontrollsummorna kunde inte hämtas från http://127.0.0.1:{port}/"),
    ],
    ids=["saknas", "inte-json", "inte-lista", "fel-hash", "ingen-server"],
)
def test_felaktiga_publicerade_ger_svenskt_fel_och_andrar_inget(
    cli: Arendesystem, tmp_path: Path, innehall: str | None, meddelande: str
) -> None:
    kedja(cli)
    fil = tmp_path / "kontrollsummor.json"
    port = ledig_port()  # nobody listens there
    kalla = f"http://127.0.0.1:{port}/" if innehall == "URL" else str(fil)
    if innehall not in (None, "URL"):
        fil.write_text(innehall, encoding="utf-8")
    fore = ogonblicksbild(cli)
    resultat = korare.invoke(cli_app, ["verifiera", "--publicerade", kalla])
    assert resultat.exit_code == 2
    assert meddelande.format(fil=fil, port=port) in rader(resultat.output)
    assert "Traceback" not in resultat.output
    assert ogonblicksbild(cli) == fore


def test_publicera_pa_kommandoraden_en_gang_per_dag(cli: Arendesystem) -> None:
    kedja(cli)
    forsta = korare.invoke(cli_app, ["publicera-kedjehuvud"])
    assert forsta.exit_code == 0, forsta.output
    [huvud] = publicerade(cli)
    assert (huvud.sekvens, huvud.hash) == (HUVUD, hash_for(cli, HUVUD))
    assert (
        f"Kedjehuvudet för {huvud.datum} publicerat: löpnummer {HUVUD}, sha256 {huvud.hash}"
        in rader(forsta.output)
    )
    andra = korare.invoke(cli_app, ["publicera-kedjehuvud"])
    assert andra.exit_code == 0
    assert f"redan publicerat, oförändrat: löpnummer {HUVUD}" in rader(andra.output)
    assert publicerade(cli) == [huvud]


# -- the public site ----------------------------------------------------------------------


def test_anslagstavlan_visar_dagens_kontrollsumma(system: Arendesystem, webb: TestClient) -> None:
    tomt = webb.get("/anslagstavla")
    assert tomt.status_code == 200
    assert "Granskningsloggens kontrollsumma" in tomt.text
    assert "Ingen kontrollsumma har publicerats ännu." in tomt.text
    _, andra = tva_dagar(system)
    text_ = webb.get("/anslagstavla").text
    for uppgift in (
        '<h2 id="kontrollsumma">Granskningsloggens kontrollsumma</h2>',
        "<dt>Datum</dt><dd>2026-12-04</dd>",
        f"<dt>Löpnummer</dt><dd>{andra.sekvens}</dd>",
        f'<dt>sha256</dt><dd><code class="hash">{andra.hash}</code></dd>',
        'href="/anslagstavla/kontrollsummor"',
    ):
        assert uppgift in text_, uppgift
    assert "Ingen kontrollsumma" not in text_ and "<script" not in text_


def test_alla_kontrollsummor_och_json(system: Arendesystem, webb: TestClient) -> None:
    forsta, andra = tva_dagar(system)
    sida = webb.get("/anslagstavla/kontrollsummor")
    assert sida.status_code == 200 and '<html lang="sv">' in sida.text
    assert "2 publicerade kontrollsummor" in sida.text
    # Newest first.
    assert sida.text.index(andra.hash) < sida.text.index(forsta.hash)
    assert f"<td>2026-12-03</td><td>{forsta.sekvens}</td>" in sida.text

    svar = webb.get("/anslagstavla/kontrollsummor.json")
    assert svar.status_code == 200 and svar.headers["content-type"] == "application/json"
    assert json.loads(svar.content) == [
        {"datum": "2026-12-03", "sekvens": forsta.sekvens, "hash": forsta.hash},
        {"datum": "2026-12-04", "sekvens": andra.sekvens, "hash": andra.hash},
    ]


def test_kontrollsummorna_delas_i_sidor(system: Arendesystem, webb: TestClient) -> None:
    for dag in range(KONTROLLSUMMOR_PER_SIDA + 1):
        publicera_kedjehuvud(system.uow(), date.fromordinal(date(2026, 1, 1).toordinal() + dag))
    forsta = webb.get("/anslagstavla/kontrollsummor").text
    assert f"{KONTROLLSUMMOR_PER_SIDA + 1} publicerade kontrollsummor, sida 1 av 2" in forsta
    assert 'href="/anslagstavla/kontrollsummor?sida=2" rel="next"' in forsta
    assert "<td>2026-02-20</td>" in forsta and "<td>2026-01-01</td>" not in forsta
    andra = webb.get("/anslagstavla/kontrollsummor?sida=2").text
    assert "<td>2026-01-01</td><td>0</td>" in andra  # the empty log's head, the first day
    assert 'rel="prev"' in andra and 'rel="next"' not in andra
    assert len(json.loads(webb.get("/anslagstavla/kontrollsummor.json").content)) == 51


@pytest.mark.parametrize(
    ("adress", "meddelande"),
    [
        ("/anslagstavla/kontrollsummor?sida=tre", "Sidan ska vara ett heltal, inte &#39;tre&#39;."),
        ("/anslagstavla/kontrollsummor?sida=0", "Sidan måste vara 1 eller större, inte 0."),
        ("/anslagstavla/kontrollsummor?sida=-3", "Sidan måste vara 1 eller större, inte -3."),
        (
            "/anslagstavla/kontrollsummor?sida=2",
            "Sidan 2 finns inte: listan över kontrollsummor har 1 sidor.",
        ),
        ("/anslagstavla/kontrollsummor?sida=" + "9" * 30, f"Sidan {'9' * 30} finns inte"),
    ],
    ids=["text", "noll", "negativ", "for-stor", "enorm"],
)
def test_felaktig_sida_ger_svensk_sida(
    system: Arendesystem, webb: TestClient, adress: str, meddelande: str
) -> None:
    kedja(system)
    publicera_kedjehuvud(system.uow(), FORSTA_DAGEN)
    svar = webb.get(adress)
    assert svar.status_code == 400
    assert meddelande in svar.text and 'role="alert"' in svar.text
    assert "Granskningsloggens kontrollsummor" in svar.text and "Traceback" not in svar.text
