"""nasta_plats: one handling per type, or per type and title when a title is given (one
tävlingsbidrag per nominated unit beside the ärende's single tjänsteutlåtande)."""

from __future__ import annotations

from datetime import date

from arende.domain.handling import Handling, Handlingstyp, Riktning, nasta_plats


def handling(nummer: int, version: int, typ: Handlingstyp, titel: str) -> Handling:
    return Handling(
        nummer, version, typ, Riktning.UTGAENDE, titel, date(2008, 5, 16), "f", "0", "x", True
    )


BEFINTLIGA = [
    handling(1, 1, Handlingstyp.TJANSTEUTLATANDE, "Tjänsteutlåtande: Nominering"),
    handling(2, 1, Handlingstyp.TAVLINGSBIDRAG, "Tävlingsbidrag: Kruton"),
    handling(2, 2, Handlingstyp.TAVLINGSBIDRAG, "Tävlingsbidrag: Kruton"),
    handling(3, 1, Handlingstyp.TAVLINGSBIDRAG, "Tävlingsbidrag: BOSSE"),
]


def test_utan_titel_en_handling_per_typ() -> None:
    assert nasta_plats(BEFINTLIGA, Handlingstyp.TJANSTEUTLATANDE) == (1, 2)
    assert nasta_plats(BEFINTLIGA, Handlingstyp.KALLELSE) == (4, 1)


def test_med_titel_en_handling_per_typ_och_titel() -> None:
    assert nasta_plats(BEFINTLIGA, Handlingstyp.TAVLINGSBIDRAG, "Tävlingsbidrag: Kruton") == (2, 3)
    assert nasta_plats(BEFINTLIGA, Handlingstyp.TAVLINGSBIDRAG, "Tävlingsbidrag: BOSSE") == (3, 2)
    assert nasta_plats(BEFINTLIGA, Handlingstyp.TAVLINGSBIDRAG, "Tävlingsbidrag: Maria") == (4, 1)
