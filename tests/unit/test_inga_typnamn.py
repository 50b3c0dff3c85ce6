"""Nothing outside the ärendetypers' rules names an ärendetyp (DESIGN.md, "One command, one
path": reactions run from events, not from `if type == …` in flows).

The names are the definition files' stems (deployments/arendetyper/*.toml) and the rule
sets a definition may name (regler.REGLER). The flows and the service layer, except
service_layer/regler.py, may hold none of them as a string literal (compared, a dict key,
a match case, an argument), and may not compare an ärende's type with anything: what a
type does differently, its definition and its rules say.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from arende.service_layer.regler import REGLER

ROT = Path(__file__).resolve().parents[2]
TYPNAMN = frozenset(p.stem for p in (ROT / "deployments" / "arendetyper").glob("*.toml"))
NAMN = TYPNAMN | frozenset(REGLER)
REGLERNA = ROT / "src" / "arende" / "service_layer" / "regler.py"
FILER = sorted(
    f
    for f in [
        *(ROT / "flows").rglob("*.py"),
        *(ROT / "src" / "arende" / "service_layer").rglob("*.py"),
    ]
    if f != REGLERNA
)
# What holds an ärende's type (Arende.arendetyp, an event's arendetyp).
TYPFALT = frozenset({"arendetyp"})


def _identifierare(nod: ast.expr) -> str | None:
    if isinstance(nod, ast.Name):
        return nod.id
    if isinstance(nod, ast.Attribute):
        return nod.attr
    return None


def typnamn_i(kallkod: str, namn: frozenset[str] = NAMN) -> list[tuple[int, str]]:
    """(line, what) for every string constant equal to a name, and every comparison of an
    ärende's type, in the source."""
    fynd: list[tuple[int, str]] = []
    for nod in ast.walk(ast.parse(kallkod)):
        if isinstance(nod, ast.Constant) and isinstance(nod.value, str):
            if nod.value.strip().casefold() in namn:
                fynd.append((nod.lineno, repr(nod.value)))
        elif isinstance(nod, ast.Compare):
            if any(_identifierare(d) in TYPFALT for d in [nod.left, *nod.comparators]):
                fynd.append((nod.lineno, ast.unparse(nod)))
        elif isinstance(nod, ast.Match) and _identifierare(nod.subject) in TYPFALT:
            fynd.append((nod.lineno, f"match {ast.unparse(nod.subject)}"))
    return fynd


def test_namnen_ar_typernas_och_reglernas() -> None:
    assert {
        "nominering",
        "deltagande",
        "verksamhetsplan",
        "tjansteutlatande",
        "anmalan",
        "valarende",
    } == TYPNAMN
    assert {"kvalitetsutmarkelse", "verksamhetsplan"} <= NAMN
    assert len(FILER) > 20 and REGLERNA.is_file() and REGLERNA not in FILER
    assert ROT / "flows" / "arendeflode.py" in FILER
    assert ROT / "src" / "arende" / "service_layer" / "hanterare" / "arende.py" in FILER


@pytest.mark.parametrize("fil", FILER, ids=lambda f: f.relative_to(ROT).as_posix())
def test_inget_typnamn_utanfor_reglerna(fil: Path) -> None:
    fynd = typnamn_i(fil.read_text(encoding="utf-8"))
    assert fynd == [], "\n".join(f"{fil.relative_to(ROT)}:{rad}: {vad}" for rad, vad in fynd)


@pytest.mark.parametrize(
    ("kallkod", "rad"),
    [
        ('if arende.arendetyp == "nominering":\n    pass', 1),
        ('x = 1\nTYP = "Anmalan "', 2),
        ('oppna(typ="deltagande")', 1),
        ('ATGARDER = {"verksamhetsplan": 1}', 1),
        ('match typ:\n    case "tjansteutlatande":\n        pass', 2),
        ("if h.arendetyp in SARSKILDA:\n    pass", 1),
        ("match arende.arendetyp:\n    case _:\n        pass", 1),
        ('regler = "kvalitetsutmarkelse"', 1),
    ],
)
def test_sokningen_hittar_ett_typnamn(kallkod: str, rad: int) -> None:
    assert {r for r, _ in typnamn_i(kallkod)} == {rad}


def test_sokningen_later_annat_vara() -> None:
    kallkod = (
        '"""Om nomineringen och verksamhetsplanen."""\n'
        'handling = "importera verksamhetsplan"\n'
        "typ = typer.get(arende.arendetyp)\n"
        "if typ is Handlingstyp.TJANSTEUTLATANDE:\n    pass\n"
        'mall = "tjansteutlatande_allman.docx"\n'
    )
    assert typnamn_i(kallkod) == []
