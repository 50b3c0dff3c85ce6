"""The registrator's commands for what comes in and for sekretess, through the real command
line (typer) against a real SQLite database and archive folder."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from arende.adapters.klocka import Systemklocka
from arende.adapters.postko import Postko
from arende.bootstrap import Arendesystem
from arende.entrypoints.cli import app
from arende.service_layer import visningar
from tests import inkommande_data as data
from tests.integration.test_arendeflode_i_databasen import registrera

korare = CliRunner()
REGISTRATOR = "Per Lindqvist"


@pytest.fixture
def databas_url(sqlite_klar_url: str) -> str:
    return sqlite_klar_url


def test_ta_in_markera_och_hava(cli_system: Arendesystem, tmp_path: Path) -> None:
    dnr = registrera(cli_system)
    brev = tmp_path / "brev.pdf"
    brev.write_bytes(data.PDF)
    bilaga = tmp_path / "bilaga.docx"
    bilaga.write_bytes(data.docx())
    svar = korare.invoke(
        app,
        [
            "inkommande",
            dnr,
            str(brev),
            "--som",
            REGISTRATOR,
            "--avsandare",
            "Stadsledningskontoret",
            "--beskrivning",
            "Inbjudan till utmärkelsen",
            "--inkom",
            "2026-11-20",
            "--bilaga",
            str(bilaga),
        ],
    )
    assert svar.exit_code == 0, svar.output
    poster = [h for h in visningar.handlingar(cli_system.uow(), dnr) if h.riktning == "inkommande"]
    assert [(h.typ, str(h.datum)) for h in poster] == [
        ("inkommen handling", "2026-11-20"),
        ("bilaga", "2026-11-20"),
    ]
    nummer = poster[0].nummer
    assert f"handling {nummer}, handling {nummer + 1}" in svar.output

    svar = korare.invoke(
        app, ["sekretess", dnr, str(nummer), "OSL 26 kap. 1 §", "--som", REGISTRATOR]
    )
    assert svar.exit_code == 0, svar.output
    assert "OSL 26 kap. 1 §" in svar.output and REGISTRATOR in svar.output
    lista = korare.invoke(app, ["handlingar", dnr], terminal_width=250)
    assert lista.exit_code == 0
    rad = next(r for r in lista.output.splitlines() if "inkommen" in r)
    assert f"Sekretess (OSL 26 kap. 1 §; markerad {Systemklocka().idag().isoformat()} av" in rad
    assert "Inbjudan till utmärkelsen" not in rad

    svar = korare.invoke(
        app, ["hav-sekretess", dnr, str(nummer), "--skal", "prövad", "--som", REGISTRATOR]
    )
    assert svar.exit_code == 0, svar.output
    lista = korare.invoke(app, ["handlingar", dnr], terminal_width=250)
    assert "Inbjudan till utmärkelsen" in lista.output
    # A part of the bilaga (a Word file of one stycke): every stycke is the whole handling.
    svar = korare.invoke(
        app,
        [
            "sekretess",
            dnr,
            str(nummer + 1),
            "OSL 26 kap. 1 §",
            "--stycken",
            "1",
            "--som",
            REGISTRATOR,
        ],
    )
    assert svar.exit_code == 2, svar.output
    assert "markera hela handlingen" in svar.output

    historik = korare.invoke(app, ["historik", dnr])
    for handling in (
        "registrera inkommande handling",
        "sekretessmarkera handling",
        "häva sekretessmarkering",
    ):
        assert handling in historik.output


def test_kommandoraden_avvisar_pa_svenska(cli_system: Arendesystem, tmp_path: Path) -> None:
    dnr = registrera(cli_system)
    fall: list[tuple[str, bytes | None, list[str], str]] = [
        ("tom.pdf", b"", [], "är tom (0 byte)"),
        ("ljuger.pdf", data.docx(), [], "filändelsen stämmer inte"),
        ("bomb.docx", data.zipbomb(), [], "zip-bomb"),
        ("utan.eml", bytes(data.epost(avsandare=None)), [], "saknar avsändare"),
        ("brev.pdf", data.PDF, ["--sekretess", "hemligt"], "ingen bestämmelse"),
        ("brev2.pdf", data.PDF, ["--inkom", "2099-01-01"], "ligger i framtiden"),
        ("stor.pdf", None, [], "största fil som tas emot är 100,0 MB"),
    ]
    for namn, innehall, extra, vantat in fall:
        fil = tmp_path / namn
        if innehall is None:  # 200 MB, sparse: refused from its size, never read
            with fil.open("wb") as ut:
                ut.write(data.PDF)
                ut.truncate(200 << 20)
        else:
            fil.write_bytes(innehall)
        svar = korare.invoke(
            app,
            [
                "inkommande",
                dnr,
                str(fil),
                "--som",
                REGISTRATOR,
                "--avsandare",
                "X",
                "--beskrivning",
                "Y",
                *extra,
            ],
        )
        assert svar.exit_code == 2, (namn, svar.output)
        assert "Fel: " in svar.stderr and vantat in " ".join(svar.stderr.split()), (
            namn,
            svar.stderr,
        )
    assert not [
        h for h in visningar.handlingar(cli_system.uow(), dnr) if h.riktning == "inkommande"
    ]
    assert not (tmp_path / "arkiv").exists() or not list((tmp_path / "arkiv").rglob("*inkommen*"))


def test_inkorgen_en_gang(cli_system: Arendesystem, tmp_path: Path) -> None:
    dnr = registrera(cli_system)
    inkorg = tmp_path / "inkorg"
    inkorg.mkdir()
    (inkorg / "svar.eml").write_bytes(bytes(data.epost(bilagor=data.tva_bilagor())))
    import os
    import time

    gammal = time.time() - 60
    os.utime(inkorg / "svar.eml", (gammal, gammal))
    svar = korare.invoke(app, ["inkorg", "--en-gang"])
    assert svar.exit_code == 0, svar.output
    assert f"svar.eml: registrerad i {dnr}" in svar.output
    assert (
        len([h for h in visningar.handlingar(cli_system.uow(), dnr) if h.riktning == "inkommande"])
        == 3
    )
    # Taken in by itself: waiting for the registrator's look, then looked at and retitled.
    svar = korare.invoke(app, ["ogranskade"])
    assert svar.exit_code == 0, svar.output
    assert "Yttrande i SoN 2008/1" in svar.output
    assert "anna.andersson@example.se" in svar.output
    assert len(visningar.ogranskade(cli_system.uow())) == 3
    nummer = min(h.nummer for h in visningar.ogranskade(cli_system.uow()))
    svar = korare.invoke(
        app, ["granska", dnr, str(nummer), "--som", "Karin Ekström", "--beskrivning", "Yttrande"]
    )
    assert svar.exit_code == 2, svar.output
    assert "det får bara en registrator göra" in svar.output
    svar = korare.invoke(
        app, ["granska", dnr, str(nummer), "--som", REGISTRATOR, "--beskrivning", "Yttrande"]
    )
    assert svar.exit_code == 0, svar.output
    assert f"Handling {nummer} i {dnr} är granskad." in svar.output
    svar = korare.invoke(app, ["ogranskade"])
    assert "Inget inkommet väntar på granskning." in svar.output


def test_arendemeningen_markeras_och_havs(cli_system: Arendesystem) -> None:
    dnr = registrera(cli_system)
    svar = korare.invoke(
        app,
        ["sekretess-mening", dnr, "26:1 OSL", "--offentlig", "Ärende", "--som", REGISTRATOR],
    )
    assert svar.exit_code == 0, svar.output
    assert f"Ärendemeningen i {dnr} är sekretessmarkerad enligt OSL 26 kap. 1 §" in svar.output
    svar = korare.invoke(
        app, ["sekretess-mening", dnr, "hemligt", "--offentlig", "Ärende", "--som", REGISTRATOR]
    )
    assert svar.exit_code == 2, svar.output
    assert "ingen bestämmelse" in svar.output
    svar = korare.invoke(
        app, ["hav-sekretess-mening", dnr, "--skal", "Prövad", "--som", REGISTRATOR]
    )
    assert svar.exit_code == 0, svar.output
    assert f"Sekretessmarkeringen av ärendemeningen i {dnr} är hävd." in svar.output


def test_epost_utan_arende_registreras_ur_kon(cli_system: Arendesystem, tmp_path: Path) -> None:
    """An e-mail without a dnr, taken in by the inbox, waits; `arende ogranskade` says so and
    `arende att-registrera` lists it; the registrator registers it on the ärende, with the
    day it came in (not today) as its inkomstdag, and it leaves the queue."""
    dnr = registrera(cli_system)
    inkorg = tmp_path / "inkorg"
    inkorg.mkdir()
    brev = bytes(data.epost(amne="Synpunkter på riktlinjerna", bilagor=data.tva_bilagor()))
    (inkorg / "synpunkter.eml").write_bytes(brev)
    gammal = time.time() - 60
    os.utime(inkorg / "synpunkter.eml", (gammal, gammal))
    svar = korare.invoke(app, ["inkorg", "--en-gang"])
    assert svar.exit_code == 0, svar.output
    assert "väntar på att registratorn knyter det till ett ärende" in svar.output
    svar = korare.invoke(app, ["ogranskade"])
    assert "1 e-postmeddelande(n) utan ärende väntar på att registreras" in svar.output
    svar = korare.invoke(app, ["att-registrera"])
    assert svar.exit_code == 0, svar.output
    assert "Synpunkter på riktlinjerna" in svar.output
    [vantande] = Postko(inkorg).vantande()
    # The letter came in on an earlier day than the registrator got to it.
    sido = Path(f"{vantande.fil}.toml")
    sido.write_text(
        sido.read_text(encoding="utf-8").replace(
            f"inkom = {vantande.inkom.isoformat()}", "inkom = 2008-04-20"
        ),
        encoding="utf-8",
    )
    svar = korare.invoke(app, ["inkommande", dnr, str(vantande.fil), "--som", REGISTRATOR])
    assert svar.exit_code == 0, svar.output
    assert "flyttat ur kön" in svar.output
    inkomna = [h for h in visningar.handlingar(cli_system.uow(), dnr) if h.riktning == "inkommande"]
    assert [(h.typ, h.datum.isoformat()) for h in inkomna] == [
        ("e-postmeddelande", "2008-04-20"),
        ("bilaga", "2008-04-20"),
        ("bilaga", "2008-04-20"),
    ]
    assert Postko(inkorg).vantande() == []
    assert (inkorg / "registrerade" / vantande.fil.name).read_bytes() == brev
    svar = korare.invoke(app, ["att-registrera"])
    assert "Ingen e-post väntar på att registreras." in svar.output
