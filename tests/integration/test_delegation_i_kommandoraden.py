"""The register of delegationsbeslut through the real command line (typer) against a real
SQLite database: register, refuse in Swedish (changing nothing), and list with each
decision's standing. Today is the system's day, so the decision dates are days before it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from typer.testing import CliRunner

from arende.adapters.klocka import Systemklocka
from arende.bootstrap import Arendesystem
from arende.entrypoints.cli import app
from tests.integration.test_arendeflode_i_databasen import registrera

korare = CliRunner()
REGISTRATOR = "Per Lindqvist"


@pytest.fixture
def databas_url(sqlite_klar_url: str) -> str:
    return sqlite_klar_url


def test_registrera_vagra_och_lista(cli_system: Arendesystem) -> None:
    dnr = registrera(cli_system)
    igar = (Systemklocka().idag() - timedelta(days=1)).isoformat()

    def kor(*argument: str) -> Any:
        return korare.invoke(app, ["delegationsbeslut", dnr, "--som", REGISTRATOR, *argument])

    svar = kor(
        "--punkt", "2.1", "--delegat", "Eddie Friberg", "--datum", igar,
        "--beslut", "Ekonomiskt bistånd beviljas", "--belopp", "12000",
    )  # fmt: skip
    assert svar.exit_code == 0, svar.output
    ar = igar[:4]
    assert f"Delegationsbeslut 1/{ar} (punkt 2.1) i {dnr} är registrerat." in svar.output
    svar = kor(
        "--punkt", "5.1", "--delegat", REGISTRATOR, "--datum", igar,
        "--beslut", "Begäran om allmän handling avslås",
    )  # fmt: skip
    assert "protokollförs särskilt och är anslaget" in svar.output

    for argument, vantat in [
        (["--punkt", "2.1", "--delegat", "Lena Murray", "--belopp", "1"], "är inte delegat"),
        (["--punkt", "2.1", "--delegat", "Eddie Friberg", "--belopp", "99999"], "överstiger"),
        (["--punkt", "2.1", "--delegat", "Eddie Friberg", "--belopp", "1", "--principiell"],
         "6 kap. 38 §"),
        (["--punkt", "8.8", "--delegat", "Eddie Friberg"], "Punkt '8.8' finns inte"),
    ]:  # fmt: skip
        svar = kor(*argument, "--datum", igar, "--beslut", "X")
        assert svar.exit_code == 2, svar.output
        assert "Fel: " in svar.stderr and vantat in " ".join(svar.stderr.split())

    lista = korare.invoke(app, ["delegationsregister", "--namnd", "Socialtjänstnämnden"])
    assert lista.exit_code == 0, lista.output
    text = " ".join(lista.output.split())
    assert f"1/{ar}" in text and f"2/{ar}" in text and f"3/{ar}" not in text
    assert "väntar på anmälan" in text and "protokollfört särskilt" in text
    tomt = korare.invoke(app, ["delegationsregister", "--namnd", "Östermalms stadsdelsnämnd"])
    assert "har inga registrerade delegationsbeslut" in tomt.output
    okand = korare.invoke(app, ["delegationsregister", "--namnd", "Ingen nämnd"])
    assert okand.exit_code == 2 and "Okänd nämnd" in okand.stderr
