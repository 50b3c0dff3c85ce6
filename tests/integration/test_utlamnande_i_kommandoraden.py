"""Utlämnande through the real command line (typer) against a real SQLite database: a
request registered anonymously, its handling's stycken shown, the prövning with a masking
and a refusal, and the bad inputs refused in Swedish with exit code 2 and nothing changed."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from arende.bootstrap import Arendesystem
from arende.entrypoints.cli import app
from arende.service_layer import utlamnande
from tests.utlamnande_hjalp import HEMLIGT, REGISTRATOR, arende_med_hemlighet

korare = CliRunner()


@pytest.fixture
def databas_url(sqlite_klar_url: str) -> str:
    return sqlite_klar_url


def test_registrera_visa_och_prova(cli_system: Arendesystem) -> None:
    dnr, hemlig, brev = arende_med_hemlighet(cli_system)
    svar = korare.invoke(
        app,
        [
            "begaran",
            dnr,
            "--handling",
            str(hemlig),
            "--handling",
            str(brev),
            "--som",
            REGISTRATOR,
            "--mottagen",
            "2026-11-23 09:30",
        ],
    )
    assert svar.exit_code == 0, svar.output
    assert f"Begäran 1 i {dnr} registrerad, mottagen 23 november 2026 kl. 09.30" in svar.output
    assert "(Anonym sökande)" in svar.output
    assert "påminns handläggaren 2026-11-23 kl. 13.30" in svar.output

    svar = korare.invoke(app, ["begaranden"])
    assert svar.exit_code == 0 and "ej prövad" in svar.output and dnr in svar.output

    svar = korare.invoke(app, ["stycken", dnr, str(hemlig)])
    assert svar.exit_code == 0
    assert f"   3  {HEMLIGT}" in svar.output.splitlines()

    svar = korare.invoke(
        app,
        [
            "prova",
            dnr,
            "1",
            "--provning",
            f"{hemlig}:maskeras:OSL 26 kap. 1 §:3",
            "--provning",
            f"{brev}:avslås:26:1 OSL",
            "--som",
            "Lena Murray",
        ],
    )
    assert svar.exit_code == 0, svar.output
    assert (
        f"Handling {hemlig}: lämnas ut med maskering (OSL 26 kap. 1 §); lämna ut kopian (handling"
        in svar.output
    )
    assert f"Handling {brev}: avslås (OSL 26 kap. 1 §)" in svar.output
    assert "Beslut med besvärshänvisning till sökanden: (handling" in svar.output
    assert not utlamnande.hamta(cli_system.uow(), dnr, 1).oppen
    svar = korare.invoke(app, ["begaranden"])
    assert "Inga öppna begäranden." in svar.output


@pytest.mark.parametrize(
    ("argument", "fel"),
    [
        (["begaran", "{dnr}", "--handling", "99", "--som", REGISTRATOR], "har ingen handling 99"),
        (
            ["begaran", "{dnr}", "--handling", "1", "--som", REGISTRATOR, "--mottagen", "igår"],
            "är ingen tidpunkt",
        ),
        (
            [
                "begaran",
                "{dnr}",
                "--handling",
                "1",
                "--som",
                REGISTRATOR,
                "--mottagen",
                "2099-01-01 10:00",
            ],
            "i framtiden",
        ),
        (["begaran", "{dnr}", "--handling", "1", "--som", "Okänd Person"], "Okänd"),
        (["prova", "{dnr}", "5", "--provning", "1:ut", "--som", "Lena Murray"], "nummer 5"),
        (
            ["prova", "{dnr}", "1", "--provning", "ett:ut", "--som", "Lena Murray"],
            "går inte att läsa",
        ),
        (
            [
                "prova",
                "{dnr}",
                "1",
                "--provning",
                "1:avslås",
                "--provning",
                "2:ut",
                "--som",
                "Lena Murray",
            ],
            "Ett avslag av handling 1",
        ),
        (["stycken", "{dnr}", "42"], "har ingen handling 42"),
    ],
)
def test_fel_uppgifter_ger_svenskt_besked_och_andrar_inget(
    cli_system: Arendesystem, argument: list[str], fel: str
) -> None:
    dnr, hemlig, brev = arende_med_hemlighet(cli_system)
    assert (hemlig, brev) == (1, 2)
    ok = korare.invoke(
        app,
        [
            "begaran",
            dnr,
            "--handling",
            "1",
            "--handling",
            "2",
            "--som",
            REGISTRATOR,
            "--mottagen",
            "2026-11-23 09:30",
        ],
    )
    assert ok.exit_code == 0, ok.output
    fore = len(utlamnande.begaranden(cli_system.uow(), dnr))
    svar = korare.invoke(app, [a.replace("{dnr}", dnr) for a in argument])
    assert svar.exit_code == 2, svar.output
    assert fel in svar.output
    assert "Traceback" not in svar.output
    assert len(utlamnande.begaranden(cli_system.uow(), dnr)) == fore
    assert utlamnande.hamta(cli_system.uow(), dnr, 1).oppen
