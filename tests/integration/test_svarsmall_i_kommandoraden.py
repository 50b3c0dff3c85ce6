"""The answer template from the command line: write an empty one for a unit, fill it in
Word (here python-docx, with seed 003's answers), read it back into the unit's bidrag."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from arende.adapters.fragebatterifil import las_fragebatteri
from arende.bootstrap import Arendesystem
from arende.entrypoints.cli import app
from arende.service_layer import tavlingsvy
from arende.service_layer.tavlingsvy import Bidragsoversikt
from tests.integration.test_tavlingsdokument import fyll_svarsmall
from tests.ogonblick import ogonblicksbild, utom_bevis
from tests.seed000 import exempel, hela_vagen, registrera
from tests.seed003 import Seed003, las_seed003

FIL_2020 = (
    Path(__file__).resolve().parents[2]
    / "deployments"
    / "fragor"
    / "kvalitetsutmarkelsen_2020.toml"
)
FORSTA = exempel()["uppgifter"]["enheter"][0]["namn"]


@pytest.fixture
def fragekatalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The 2008 award's questions are not known; seed 000's nomination gets the 2020 set,
    read by the system (ARENDE_FRAGOR_DIR) from a folder of its own."""
    katalog = tmp_path / "fragor"
    katalog.mkdir()
    text = FIL_2020.read_text(encoding="utf-8").replace("ar = 2020", "ar = 2008", 1)
    (katalog / "kvalitetsutmarkelsen_2008.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("ARENDE_FRAGOR_DIR", str(katalog))
    return katalog


@pytest.fixture(scope="module")
def seed() -> Seed003:
    return las_seed003(las_fragebatteri(FIL_2020))


def beslutat(system: Arendesystem) -> str:
    """Seed 000's nomination decided with bifall: the nomination's reaction opens one
    tävlingsbidrag per nominated unit."""
    dnr = registrera(system)
    hela_vagen(system, dnr)
    assert bidraget(system, dnr).bidrag.fragebatteri.ar == 2008
    return dnr


def bidraget(system: Arendesystem, dnr: str) -> Bidragsoversikt:
    (o,) = [o for o in tavlingsvy.tavlingsbidrag_for(system.uow(), dnr) if o.verksamhet == FORSTA]
    return o


def kor(*argument: str) -> tuple[int, str]:
    resultat = CliRunner().invoke(app, list(argument))
    return resultat.exit_code, " ".join(resultat.output.split())


def test_svarsmallen_ut_och_in_genom_kommandoraden(
    cli_system: Arendesystem,  # noqa: F811
    fragekatalog: Path,
    seed: Seed003,
    tmp_path: Path,
) -> None:
    dnr = beslutat(cli_system)
    tom = tmp_path / "svarsmall.docx"
    assert kor("svarsmall", "--dnr", dnr, "--verksamhet", FORSTA, "--ut", str(tom))[0] == 0
    bidrag = bidraget(cli_system, dnr).bidrag
    ifylld = tmp_path / "ifylld.docx"
    ifylld.write_bytes(fyll_svarsmall(tom.read_bytes(), bidrag.fragebatteri, seed))
    las_in = (
        "svarsmall", "--dnr", dnr, "--verksamhet", FORSTA,
        "--fil", str(ifylld), "--som", "Lena Murray",
    )  # fmt: skip

    kod, text = kor(*las_in)

    assert kod == 0, text
    efter = bidraget(cli_system, dnr)
    assert efter.bidrag.svar == seed.svar and efter.komplett
    # The same file again is the same step: nothing changes.
    fore = ogonblicksbild(cli_system.motor)
    assert kor(*las_in)[0] == 0
    assert ogonblicksbild(cli_system.motor) == fore


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
    fragekatalog: Path,
    tmp_path: Path,
    argument: list[str],
    fel: str,
) -> None:
    dnr = beslutat(cli_system)
    (tmp_path / "ifylld.docx").write_bytes(b"PK")
    (tmp_path / "inte_word.docx").write_text("detta är ingen Word-fil", encoding="utf-8")
    filer = {
        "ifylld": str(tmp_path / "ifylld.docx"),
        "inte_word": str(tmp_path / "inte_word.docx"),
        "saknas": str(tmp_path / "saknas.docx"),
    }
    fore = ogonblicksbild(cli_system.motor)
    kod, text = kor(
        "svarsmall", "--dnr", dnr, "--verksamhet", FORSTA, *[a.format(**filer) for a in argument]
    )
    assert kod == 2 and fel in text, text
    # A refused upload is logged (the runner's evidence); nothing else changes.
    assert utom_bevis(ogonblicksbild(cli_system.motor)) == utom_bevis(fore)
