"""The ersättare order per party in grunddata ([[namnd.ersattarordning]]), when fullmäktige
decided one (kommunallagen 6 kap. 16–17 §§): read onto each ledamot of the party, and a
malformed one refused with the file's place named."""

from __future__ import annotations

from pathlib import Path

import pytest

from arende.adapters.grunddatafil import las_grunddata
from arende.domain.fel import OgiltigUppgift

NAMND = """[[namnd]]
namn = "Socialtjänstnämnden"
diarieprefix = "SoN"
forvaltning = "Socialtjänstförvaltningen"

[[namnd.ledamot]]
namn = "Anna Lind"
roll = "ordförande"
parti = "S"

[[namnd.ledamot]]
namn = "Bo Ek"
roll = "ledamot"
parti = "M"

[[namnd.ledamot]]
namn = "Cecilia Berg"
roll = "ledamot"
parti = "S"

[[namnd.ledamot]]
namn = "Lars Bro"
roll = "ersättare"
parti = "M"
ordning = 1

[[namnd.ledamot]]
namn = "Maria Fors"
roll = "ersättare"
parti = "S"
ordning = 2
"""


def fil(tmp_path: Path, ordning: str) -> Path:
    ut = tmp_path / "grunddata.toml"
    ut.write_text(NAMND + "\n" + ordning, encoding="utf-8")
    return ut


def test_partiets_ordning_hamnar_pa_partiets_ledamoter(tmp_path: Path) -> None:
    namnd = las_grunddata(
        fil(
            tmp_path,
            '[[namnd.ersattarordning]]\nparti = "S"\nersattare = ["Lars Bro", "Maria Fors"]\n',
        )
    ).namnder[0]
    ordning = {m.namn: m.ersattare for m in namnd.ledamoter}
    assert ordning["Anna Lind"] == ordning["Cecilia Berg"] == ("Lars Bro", "Maria Fors")
    assert ordning["Bo Ek"] == () and ordning["Lars Bro"] == ()


def test_utan_partiordning_galler_regeln(tmp_path: Path) -> None:
    namnd = las_grunddata(fil(tmp_path, "")).namnder[0]
    assert all(m.ersattare == () for m in namnd.ledamoter)


@pytest.mark.parametrize(
    ("ordning", "fel"),
    [
        ('parti = "KD"\nersattare = ["Lars Bro"]', "ingen ledamot från partiet KD"),
        ('parti = "S"\nersattare = ["Okänd"]', "Okänd i ersättarordningen"),
        ('parti = "S"\nersattare = ["Bo Ek"]', "Bo Ek i ersättarordningen.*inte ersättare"),
        ('parti = "S"\nersattare = []', "ska vara en lista med namn"),
        ('parti = "S"\nersattare = "Lars Bro"', "'ersattare' ska vara lista"),
        ('ersattare = ["Lars Bro"]', "saknar fältet 'parti'"),
        ('parti = "S"\nersattare = ["Lars Bro"]\nordning = 1', "okänt fält 'ordning'"),
    ],
)
def test_en_felaktig_partiordning_vagras_nar_filen_lases(
    tmp_path: Path, ordning: str, fel: str
) -> None:
    with pytest.raises(OgiltigUppgift, match=fel):
        las_grunddata(fil(tmp_path, "[[namnd.ersattarordning]]\n" + ordning + "\n"))


def test_samma_parti_tva_ganger_vagras(tmp_path: Path) -> None:
    post = '[[namnd.ersattarordning]]\nparti = "S"\nersattare = ["Lars Bro"]\n'
    with pytest.raises(OgiltigUppgift, match="partiet S har redan en ersättarordning"):
        las_grunddata(fil(tmp_path, post + "\n" + post))
