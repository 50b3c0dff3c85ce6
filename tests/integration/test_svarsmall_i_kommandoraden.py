"""The answer template from the command line: write an empty one for a unit, fill it in
Word (here python-docx, with seed 003's answers), read it back into the unit's bidrag."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from arende.bootstrap import Arendesystem
from arende.entrypoints.cli import app
from arende.service_layer import tavlingsbidrag as tb
from tests.integration.test_arendeflode_i_databasen import ogonblicksbild
from tests.integration.test_kommandoraden import cli_system  # noqa: F401 (fixture)
from tests.integration.test_tavlingsbidrag_i_databasen import (  # noqa: F401 (fixtures)
    FORSTA,
    beslutat,
    fragekatalog,
    oppna,
    seed,
)
from tests.integration.test_tavlingsdokument import fyll_svarsmall
from tests.seed003 import Seed003


def kor(*argument: str) -> tuple[int, str]:
    resultat = CliRunner().invoke(app, list(argument))
    return resultat.exit_code, " ".join(resultat.output.split())


def test_svarsmallen_ut_och_in_genom_kommandoraden(
    cli_system: Arendesystem,  # noqa: F811
    fragekatalog: Path,  # noqa: F811
    seed: Seed003,  # noqa: F811
    tmp_path: Path,
) -> None:
    dnr = beslutat(cli_system)
    oppna(cli_system, dnr, fragekatalog)
    tom = tmp_path / "svarsmall.docx"
    assert kor("svarsmall", "--dnr", dnr, "--verksamhet", FORSTA, "--ut", str(tom))[0] == 0
    (bidrag,) = [
        o.bidrag for o in tb.tavlingsbidrag_for(cli_system.uow(), dnr) if o.verksamhet == FORSTA
    ]
    ifylld = tmp_path / "ifylld.docx"
    ifylld.write_bytes(fyll_svarsmall(tom.read_bytes(), bidrag.fragebatteri, seed))

    kod, text = kor(
        "svarsmall",
        "--dnr",
        dnr,
        "--verksamhet",
        FORSTA,
        "--fil",
        str(ifylld),
        "--som",
        "Lena Murray",
    )
    assert kod == 0, text
    (efter,) = [o for o in tb.tavlingsbidrag_for(cli_system.uow(), dnr) if o.verksamhet == FORSTA]
    assert efter.bidrag.svar == seed.svar and efter.komplett
    # The same file again is the same step: nothing changes.
    fore = ogonblicksbild(cli_system)
    assert (
        kor(
            "svarsmall",
            "--dnr",
            dnr,
            "--verksamhet",
            FORSTA,
            "--fil",
            str(ifylld),
            "--som",
            "Lena Murray",
        )[0]
        == 0
    )
    assert ogonblicksbild(cli_system) == fore


@pytest.mark.parametrize(
    ("argument", "fel"),
    [
        ([], "Ange antingen --ut FIL"),
        (["--fil", "{ifylld}"], "Ange vem som laddar upp: --som NAMN"),
        (["--fil", "{inte_word}", "--som", "Lena Murray"], "är inte en Word-fil (.docx)"),
        (["--fil", "{saknas}", "--som", "Lena Murray"], "går inte att läsa"),
    ],
    ids=["varken-ut-eller-fil", "utan-som", "inte-en-word-fil", "filen-finns-inte"],
)
def test_fel_i_kommandoraden_andrar_inget(
    cli_system: Arendesystem,  # noqa: F811
    fragekatalog: Path,  # noqa: F811
    tmp_path: Path,
    argument: list[str],
    fel: str,
) -> None:
    dnr = beslutat(cli_system)
    oppna(cli_system, dnr, fragekatalog)
    (tmp_path / "ifylld.docx").write_bytes(b"PK")
    (tmp_path / "inte_word.docx").write_text("detta är ingen Word-fil", encoding="utf-8")
    filer = {
        "ifylld": str(tmp_path / "ifylld.docx"),
        "inte_word": str(tmp_path / "inte_word.docx"),
        "saknas": str(tmp_path / "saknas.docx"),
    }
    fore = ogonblicksbild(cli_system)
    kod, text = kor(
        "svarsmall", "--dnr", dnr, "--verksamhet", FORSTA, *[a.format(**filer) for a in argument]
    )
    assert kod == 2 and fel in text, text
    fore_utan_logg = {
        k: v
        for k, v in fore.items()
        if k not in ("granskningslogg", "granskningshuvud", "utfort_steg")
    }
    efter = {
        k: v
        for k, v in ogonblicksbild(cli_system).items()
        if k not in ("granskningslogg", "granskningshuvud", "utfort_steg")
    }
    assert efter == fore_utan_logg  # a refused upload may be logged, nothing else changes
