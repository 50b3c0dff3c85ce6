"""The deadline rules of the domain, each against the statute it comes from.

The calendar here is written by hand (a few real Swedish fridagar of 2008/09, typed in from
the almanac) so the rules are tested without the `holidays` package; the adapter and the
real calendar are tested in tests/integration/test_helgdagar.py.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from arende.domain.fel import OgiltigUppgift
from arende.domain.kalender import (
    Helgdagskalender,
    Lagstadgadedatum,
    ar_vardag,
    behover_omedelbar_justering,
    flytta_till_vardag,
    lagstadgade_datum,
    minus_vardagar,
    plus_manader,
    plus_vardagar,
    plus_veckor,
)
from tests.unit.kalendrar import HandskrivenKalender

D = date.fromisoformat


class KalenderUtanHelger:
    """A careless calendar that forgets weekends: the domain must skip them anyway."""

    def ar_fridag(self, dag: date) -> bool:
        return False

    def namn(self, dag: date) -> str | None:
        return None


class TrasigKalender:
    """Every day a fridag: must fail loudly instead of looping for ever."""

    def ar_fridag(self, dag: date) -> bool:
        return True

    def namn(self, dag: date) -> str | None:
        return "Evig helg"


KALENDER: Helgdagskalender = HandskrivenKalender(
    {
        D("2008-03-21"): "Långfredagen",
        D("2008-03-23"): "Påskdagen",
        D("2008-03-24"): "Annandag påsk",
        D("2008-05-01"): "Första maj",
        D("2008-06-06"): "Nationaldagen",
        D("2008-06-20"): "Midsommarafton",
        D("2008-06-21"): "Midsommardagen",
        D("2008-12-24"): "Julafton",
        D("2008-12-25"): "Juldagen",
        D("2008-12-26"): "Annandag jul",
        D("2008-12-31"): "Nyårsafton",
        D("2009-01-01"): "Nyårsdagen",
        D("2009-01-06"): "Trettondedag jul",
    }
)


# -- vardag --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "vardag"),
    [
        pytest.param("2008-05-14", True, id="onsdag är vardag"),
        pytest.param("2008-05-17", False, id="lördag är ingen vardag"),
        pytest.param("2008-05-18", False, id="söndag är ingen vardag"),
        pytest.param("2008-12-24", False, id="julafton på en onsdag är ingen vardag"),
        pytest.param("2008-12-23", True, id="dagen före julafton är vardag"),
    ],
)
def test_vardag(dag: str, vardag: bool) -> None:
    assert ar_vardag(D(dag), KALENDER) is vardag


def test_helger_raknas_aven_om_kalendern_glommer_dem() -> None:
    assert not ar_vardag(D("2008-05-17"), KalenderUtanHelger())
    assert flytta_till_vardag(D("2008-05-18"), KalenderUtanHelger()) == D("2008-05-19")


# -- 1930:173 2 § --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "flyttad"),
    [
        pytest.param("2008-05-14", "2008-05-14", id="2 § vardag stannar"),
        pytest.param("2008-05-17", "2008-05-19", id="2 § lördag -> måndag"),
        pytest.param("2008-05-18", "2008-05-19", id="2 § söndag -> måndag"),
        pytest.param(
            "2008-03-21", "2008-03-25", id="2 § långfredag 2008 -> tisdag efter annandag påsk"
        ),
        pytest.param("2008-03-22", "2008-03-25", id="2 § påskafton (lördag) 2008 -> 25 mars"),
        pytest.param("2008-03-24", "2008-03-25", id="2 § annandag påsk 2008 -> 25 mars"),
        pytest.param("2008-05-01", "2008-05-02", id="2 § första maj 2008 -> 2 maj"),
        pytest.param("2008-06-06", "2008-06-09", id="2 § nationaldagen fredag 2008 -> måndag"),
        pytest.param("2008-06-20", "2008-06-23", id="2 § midsommarafton 2008 -> 23 juni"),
        pytest.param("2008-12-24", "2008-12-29", id="2 § julafton 2008 -> 29 dec"),
        pytest.param("2008-12-26", "2008-12-29", id="2 § annandag jul 2008 -> 29 dec"),
        pytest.param("2008-12-31", "2009-01-02", id="2 § nyårsafton 2008 -> 2 jan"),
        pytest.param("2009-01-06", "2009-01-07", id="2 § trettondedag jul 2009 -> 7 jan"),
    ],
)
def test_flytta_till_vardag(dag: str, flyttad: str) -> None:
    assert flytta_till_vardag(D(dag), KALENDER) == D(flyttad)


def test_trasig_kalender_ger_fel_i_stallet_for_evig_slinga() -> None:
    with pytest.raises(ValueError, match="kalendern är felaktig"):
        flytta_till_vardag(D("2008-05-14"), TrasigKalender())
    with pytest.raises(ValueError, match="kalendern är felaktig"):
        plus_vardagar(D("2008-05-14"), 1, TrasigKalender())


# -- 1930:173 1 § --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "n", "slut"),
    [
        pytest.param("2008-05-14", 3, "2008-06-04", id="1 § tre veckor från onsdag -> onsdag"),
        pytest.param("2008-05-14", 0, "2008-05-14", id="1 § noll veckor -> samma dag"),
        pytest.param("2008-02-08", 3, "2008-02-29", id="1 § veckor till skottdagen 2008"),
        pytest.param("2008-12-17", 3, "2009-01-07", id="1 § veckor över årsskiftet"),
        pytest.param(
            "2008-12-10", 3, "2008-12-31", id="1 § veckor slutar på nyårsafton, flyttas ej här"
        ),
    ],
)
def test_plus_veckor(dag: str, n: int, slut: str) -> None:
    assert plus_veckor(D(dag), n) == D(slut)


@pytest.mark.parametrize(
    ("dag", "n", "slut"),
    [
        pytest.param("2008-01-15", 1, "2008-02-15", id="1 § månad -> samma tal"),
        pytest.param(
            "2008-01-31", 1, "2008-02-29", id="1 § 31 jan 2008 + 1 mån -> 29 feb (skottår)"
        ),
        pytest.param("2019-01-31", 1, "2019-02-28", id="1 § 31 jan 2019 + 1 mån -> 28 feb"),
        pytest.param("2027-01-30", 1, "2027-02-28", id="1 § 30 jan 2027 + 1 mån -> 28 feb"),
        pytest.param("2008-03-31", 1, "2008-04-30", id="1 § 31 mars + 1 mån -> 30 april"),
        pytest.param("2008-08-31", 6, "2009-02-28", id="1 § 31 aug 2008 + 6 mån -> 28 feb 2009"),
        pytest.param("2007-08-29", 6, "2008-02-29", id="1 § 29 aug 2007 + 6 mån -> 29 feb 2008"),
        pytest.param("2008-02-29", 12, "2009-02-28", id="1 § skottdagen + 12 mån -> 28 feb"),
        pytest.param(
            "2008-02-29", 1, "2008-03-29", id="1 § 29 feb + 1 mån -> 29 mars, inte månadsslut"
        ),
        pytest.param("2008-12-15", 1, "2009-01-15", id="1 § december + 1 mån -> januari nästa år"),
        pytest.param("2008-11-30", 3, "2009-02-28", id="1 § 30 nov + 3 mån -> 28 feb"),
        pytest.param("2008-05-31", 0, "2008-05-31", id="1 § noll månader -> samma dag"),
        pytest.param("2026-06-30", 24, "2028-06-30", id="1 § två år i månader"),
    ],
)
def test_plus_manader(dag: str, n: int, slut: str) -> None:
    assert plus_manader(D(dag), n) == D(slut)


@pytest.mark.parametrize(
    ("funktion", "meddelande"),
    [
        pytest.param(
            lambda: plus_veckor(D("2008-05-14"), -1),
            "Antalet veckor kan inte vara negativt (-1).",
            id="veckor negativt",
        ),
        pytest.param(
            lambda: plus_manader(D("2008-05-14"), -2),
            "Antalet månader kan inte vara negativt (-2).",
            id="månader negativt",
        ),
        pytest.param(
            lambda: plus_vardagar(D("2008-05-14"), -1, KALENDER),
            "Antalet vardagar kan inte vara negativt (-1).",
            id="plus vardagar negativt",
        ),
        pytest.param(
            lambda: minus_vardagar(D("2008-05-14"), -3, KALENDER),
            "Antalet vardagar kan inte vara negativt (-3).",
            id="minus vardagar negativt",
        ),
    ],
)
def test_negativa_antal_vagras(funktion: Callable[[], object], meddelande: str) -> None:
    with pytest.raises(OgiltigUppgift) as fel:
        funktion()
    assert str(fel.value) == meddelande


# -- vardagar ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "n", "slut"),
    [
        pytest.param("2008-05-14", 0, "2008-05-14", id="vardagar +0 -> samma dag"),
        pytest.param("2008-05-17", 0, "2008-05-17", id="vardagar +0 på lördag -> lördagen"),
        pytest.param("2008-05-14", 1, "2008-05-15", id="vardagar onsdag +1 -> torsdag"),
        pytest.param("2008-05-16", 1, "2008-05-19", id="vardagar fredag +1 -> måndag"),
        pytest.param("2008-05-17", 1, "2008-05-19", id="vardagar lördag +1 -> måndag"),
        pytest.param("2008-05-15", 2, "2008-05-19", id="vardagar torsdag +2 -> måndag"),
        pytest.param("2008-05-14", 10, "2008-05-28", id="vardagar +10 -> två veckor"),
        pytest.param("2008-03-20", 1, "2008-03-25", id="vardagar skärtorsdag +1 -> över påsk"),
        pytest.param("2008-06-05", 1, "2008-06-09", id="vardagar +1 över nationaldagen"),
        pytest.param("2008-06-19", 1, "2008-06-23", id="vardagar +1 över midsommar"),
        pytest.param("2008-12-23", 1, "2008-12-29", id="vardagar +1 över jul"),
        pytest.param("2008-12-30", 1, "2009-01-02", id="vardagar +1 över nyår"),
        pytest.param("2008-12-30", 3, "2009-01-07", id="vardagar +3 över nyår och trettondedagen"),
    ],
)
def test_plus_vardagar(dag: str, n: int, slut: str) -> None:
    assert plus_vardagar(D(dag), n, KALENDER) == D(slut)


@pytest.mark.parametrize(
    ("dag", "n", "slut"),
    [
        pytest.param("2008-05-14", 0, "2008-05-14", id="vardagar -0 -> samma dag"),
        pytest.param("2008-05-19", 1, "2008-05-16", id="vardagar måndag -1 -> fredag"),
        pytest.param("2008-05-18", 1, "2008-05-16", id="vardagar söndag -1 -> fredag"),
        pytest.param("2008-05-19", 5, "2008-05-12", id="vardagar -5 -> en vecka"),
        pytest.param("2008-03-25", 1, "2008-03-20", id="vardagar -1 över påsk"),
        pytest.param("2008-06-09", 1, "2008-06-05", id="vardagar -1 över nationaldagen"),
        pytest.param("2008-12-29", 1, "2008-12-23", id="vardagar -1 över jul"),
        pytest.param("2009-01-02", 1, "2008-12-30", id="vardagar -1 över nyår"),
        pytest.param("2009-01-07", 3, "2008-12-30", id="vardagar -3 över trettondedagen och nyår"),
    ],
)
def test_minus_vardagar(dag: str, n: int, slut: str) -> None:
    assert minus_vardagar(D(dag), n, KALENDER) == D(slut)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
@pytest.mark.parametrize(
    "dag", ["2008-03-19", "2008-06-18", "2008-12-22", "2008-12-30", "2009-01-05"]
)
def test_vardagar_fram_och_tillbaka(dag: str, n: int) -> None:
    """From a vardag, n vardagar forward and n back is where we started."""
    slut = plus_vardagar(D(dag), n, KALENDER)
    assert ar_vardag(slut, KALENDER)
    assert minus_vardagar(slut, n, KALENDER) == D(dag)


# -- lagstadgade datum ---------------------------------------------------------------


def datum(*dagar: str | None) -> Lagstadgadedatum:
    j, a, o, lk = (D(x) if x else None for x in dagar)
    assert j is not None
    return Lagstadgadedatum(
        justering_senast=j,
        anslag_senast=a,
        overklagande_slut=o,
        laga_kraft=lk,
        anslag_ned_tidigast=lk,
    )


@pytest.mark.parametrize(
    ("sammantrade", "justering", "anslag", "vantat"),
    [
        pytest.param(
            "2008-05-13",
            "2008-05-13",
            "2008-05-14",
            datum("2008-05-27", "2008-05-15", "2008-06-04", "2008-06-05"),
            id="seed 000: omedelbar justering 13 maj, anslag 14 maj -> laga kraft 5 juni",
        ),
        pytest.param(
            "2008-05-13",
            None,
            None,
            datum("2008-05-27", None, None, None),
            id="KL 5:69 bara sammanträdet känt -> bara justering senast",
        ),
        pytest.param(
            "2008-05-13",
            "2008-05-20",
            None,
            datum("2008-05-27", "2008-05-22", None, None),
            id="KL 8:12 justering känd -> anslag senast andra dagen efter",
        ),
        pytest.param(
            "2008-12-10",
            None,
            None,
            datum("2008-12-29", None, None, None),
            id="KL 5:69 + 2 § justeringsfristen slutar på julafton 2008 -> 29 dec",
        ),
        pytest.param(
            "2008-06-06",
            None,
            None,
            datum("2008-06-23", None, None, None),
            id="KL 5:69 + 2 § justeringsfristen slutar på midsommarafton 2008 -> 23 juni",
        ),
        pytest.param(
            "2008-05-13",
            "2008-05-15",
            None,
            datum("2008-05-27", "2008-05-19", None, None),
            id="KL 8:12 + 2 § anslag senast lördag -> måndag",
        ),
        pytest.param(
            "2008-03-11",
            "2008-03-19",
            None,
            datum("2008-03-25", "2008-03-25", None, None),
            id="KL 8:12 + 2 § anslag senast långfredag 2008 -> 25 mars",
        ),
        pytest.param(
            "2008-06-10",
            "2008-06-18",
            None,
            datum("2008-06-24", "2008-06-23", None, None),
            id="KL 8:12 + 2 § anslag senast midsommarafton 2008 -> 23 juni",
        ),
        pytest.param(
            "2008-12-16",
            "2008-12-22",
            None,
            datum("2008-12-30", "2008-12-29", None, None),
            id="KL 8:12 + 2 § anslag senast julafton 2008 -> 29 dec",
        ),
        pytest.param(
            "2008-11-25",
            "2008-12-02",
            "2008-12-03",
            datum("2008-12-09", "2008-12-04", "2008-12-29", "2008-12-30"),
            id="KL 13:5 + 2 § överklagandetiden slutar julafton 2008 -> 29 dec",
        ),
        pytest.param(
            "2008-12-02",
            "2008-12-09",
            "2008-12-10",
            datum("2008-12-16", "2008-12-11", "2009-01-02", "2009-01-03"),
            id="KL 13:5 + 2 § överklagandetiden slutar nyårsafton 2008 -> 2 jan, laga kraft lördag",
        ),
        pytest.param(
            "2008-05-27",
            "2008-05-28",
            "2008-05-30",
            datum("2008-06-10", "2008-05-30", "2008-06-23", "2008-06-24"),
            id="KL 13:5 + 2 § överklagandetiden slutar midsommarafton 2008 -> 23 juni",
        ),
        pytest.param(
            "2008-02-19",
            "2008-02-27",
            "2008-02-29",
            datum("2008-03-04", "2008-02-29", "2008-03-25", "2008-03-26"),
            id="KL 13:5 + 2 § anslag på skottdagen, tiden slutar långfredag -> 25 mars",
        ),
        pytest.param(
            "2008-05-13",
            "2008-05-13",
            "2008-05-20",
            datum("2008-05-27", "2008-05-15", "2008-06-10", "2008-06-11"),
            id="KL 13:5 sent anslag: tiden räknas från det verkliga anslaget",
        ),
        pytest.param(
            "2008-05-13",
            "2008-05-15",
            "2008-05-17",
            datum("2008-05-27", "2008-05-19", "2008-06-09", "2008-06-10"),
            id="KL 13:5 + 2 § anslag en lördag -> tiden slutar lördag, flyttas till måndag",
        ),
        pytest.param(
            "2008-05-13",
            "2008-05-13",
            "2008-05-13",
            datum("2008-05-27", "2008-05-15", "2008-06-03", "2008-06-04"),
            id="KL 13:5 anslag samma dag som justering och sammanträde",
        ),
    ],
)
def test_lagstadgade_datum(
    sammantrade: str, justering: str | None, anslag: str | None, vantat: Lagstadgadedatum
) -> None:
    faktiskt = lagstadgade_datum(
        D(sammantrade),
        D(justering) if justering else None,
        D(anslag) if anslag else None,
        KALENDER,
    )
    assert faktiskt == vantat


@pytest.mark.parametrize(
    ("frist", "justering_senast"),
    [
        pytest.param(0, "2008-05-13", id="KL 5:69 frist 0 -> samma dag"),
        pytest.param(7, "2008-05-20", id="KL 5:69 frist 7 dagar -> en vecka"),
        pytest.param(5, "2008-05-19", id="KL 5:69 + 2 § frist 5 dagar slutar söndag -> måndag"),
        pytest.param(14, "2008-05-27", id="KL 5:69 frist 14 dagar (standard)"),
    ],
)
def test_justeringsfristen_ar_installbar(frist: int, justering_senast: str) -> None:
    datumen = lagstadgade_datum(D("2008-05-13"), None, None, KALENDER, justeringsfrist_dagar=frist)
    assert datumen.justering_senast == D(justering_senast)


def test_anslaget_far_tas_ned_dagen_efter_overklagandetiden() -> None:
    datumen = lagstadgade_datum(D("2008-05-13"), D("2008-05-13"), D("2008-05-14"), KALENDER)
    assert datumen.overklagande_slut == D("2008-06-04")
    assert datumen.anslag_ned_tidigast == datumen.laga_kraft == D("2008-06-05")


@pytest.mark.parametrize(
    ("sammantrade", "justering", "anslag", "frist", "meddelande"),
    [
        pytest.param(
            "2008-05-13",
            "2008-05-12",
            None,
            14,
            "Justeringen den 12 maj 2008 ligger före sammanträdet den 13 maj 2008.",
            id="justering före sammanträdet",
        ),
        pytest.param(
            "2008-05-13",
            "2008-05-15",
            "2008-05-14",
            14,
            "Anslaget den 14 maj 2008 ligger före justeringen den 15 maj 2008.",
            id="anslag före justeringen",
        ),
        pytest.param(
            "2008-05-13",
            None,
            "2008-05-14",
            14,
            "Anslaget den 14 maj 2008 kan inte anges innan justeringsdatumet är känt: "
            "det är justeringen som anslås.",
            id="anslag utan justering",
        ),
        pytest.param(
            "2008-05-13",
            None,
            None,
            -1,
            "Justeringsfristen kan inte vara negativ (-1 dagar).",
            id="negativ justeringsfrist",
        ),
    ],
)
def test_omojliga_datum_vagras(
    sammantrade: str, justering: str | None, anslag: str | None, frist: int, meddelande: str
) -> None:
    with pytest.raises(OgiltigUppgift) as fel:
        lagstadgade_datum(
            D(sammantrade),
            D(justering) if justering else None,
            D(anslag) if anslag else None,
            KALENDER,
            justeringsfrist_dagar=frist,
        )
    assert str(fel.value) == meddelande


# -- omedelbar justering -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sammantrade", "sista_dag", "frist", "behovs"),
    [
        pytest.param(
            "2008-05-13",
            "2008-05-19",
            14,
            True,
            id="seed 000: 13 maj, sista dag 19 maj -> omedelbar",
        ),
        pytest.param("2008-05-13", None, 14, False, id="ingen sista dag -> ordinarie justering"),
        pytest.param(
            "2008-04-15", "2008-05-19", 14, False, id="fristen slutar 29 april, före sista dag"
        ),
        pytest.param(
            "2008-05-05", "2008-05-19", 14, True, id="fristen slutar på sista dagen -> omedelbar"
        ),
        pytest.param(
            "2008-05-02", "2008-05-19", 14, False, id="fristen slutar fredagen före sista dag"
        ),
        pytest.param(
            "2008-12-10",
            "2008-12-29",
            14,
            True,
            id="2 § fristen slutar julafton, flyttas till sista dagen",
        ),
        pytest.param("2008-12-10", "2008-12-30", 14, False, id="2 § flyttad frist före sista dag"),
        pytest.param(
            "2008-05-13",
            "2008-05-19",
            5,
            True,
            id="frist 5 slutar söndag, flyttas till sista dagen",
        ),
        pytest.param(
            "2008-05-13", "2008-05-19", 3, False, id="frist 3 slutar fredag före sista dag"
        ),
        pytest.param(
            "2008-05-20", "2008-05-19", 14, True, id="sammanträde efter sista dag -> omedelbar"
        ),
    ],
)
def test_behover_omedelbar_justering(
    sammantrade: str, sista_dag: str | None, frist: int, behovs: bool
) -> None:
    assert (
        behover_omedelbar_justering(
            D(sammantrade),
            D(sista_dag) if sista_dag else None,
            KALENDER,
            justeringsfrist_dagar=frist,
        )
        is behovs
    )


def test_omedelbar_justering_vagrar_negativ_frist() -> None:
    with pytest.raises(OgiltigUppgift, match="Justeringsfristen kan inte vara negativ"):
        behover_omedelbar_justering(D("2008-05-13"), D("2008-05-19"), KALENDER, -14)


def test_namn_kommer_fran_kalendern() -> None:
    assert KALENDER.namn(D("2008-12-24")) == "Julafton"
    assert KALENDER.namn(D("2008-05-18")) is None


# -- what is not a day ---------------------------------------------------------------

# Each public function with one of its date arguments left open: (id, what the message
# calls the argument, the call, whether None is allowed there).
DATUMARGUMENT: list[tuple[str, str, Callable[[object], object], bool]] = [
    ("ar_vardag", "Dagen", lambda v: ar_vardag(v, KALENDER), False),  # type: ignore[arg-type]
    (
        "flytta_till_vardag",
        "Dagen",
        lambda v: flytta_till_vardag(v, KALENDER),  # type: ignore[arg-type]
        False,
    ),
    ("plus_veckor", "Dagen att räkna från", lambda v: plus_veckor(v, 3), False),  # type: ignore[arg-type]
    ("plus_manader", "Dagen att räkna från", lambda v: plus_manader(v, 1), False),  # type: ignore[arg-type]
    (
        "plus_vardagar",
        "Dagen att räkna från",
        lambda v: plus_vardagar(v, 1, KALENDER),  # type: ignore[arg-type]
        False,
    ),
    (
        "minus_vardagar",
        "Dagen att räkna från",
        lambda v: minus_vardagar(v, 1, KALENDER),  # type: ignore[arg-type]
        False,
    ),
    (
        "lagstadgade_datum sammanträde",
        "Sammanträdesdagen",
        lambda v: lagstadgade_datum(v, None, None, KALENDER),  # type: ignore[arg-type]
        False,
    ),
    (
        "lagstadgade_datum justering",
        "Justeringsdagen",
        lambda v: lagstadgade_datum(D("2008-05-13"), v, None, KALENDER),  # type: ignore[arg-type]
        True,
    ),
    (
        "lagstadgade_datum anslag",
        "Anslagsdagen",
        lambda v: lagstadgade_datum(D("2008-05-13"), D("2008-05-13"), v, KALENDER),  # type: ignore[arg-type]
        True,
    ),
    (
        "behover_omedelbar_justering sammanträde",
        "Sammanträdesdagen",
        lambda v: behover_omedelbar_justering(v, D("2008-05-19"), KALENDER),  # type: ignore[arg-type]
        False,
    ),
    (
        "behover_omedelbar_justering sista dag",
        "Sista dagen",
        lambda v: behover_omedelbar_justering(D("2008-05-13"), v, KALENDER),  # type: ignore[arg-type]
        True,
    ),
]

# (id, the value, the message after the argument's name)
FELAKTIGA_DAGAR: list[tuple[str, object, str]] = [
    (
        "datetime",
        datetime(2008, 5, 13, 0, 0),
        "ska vara ett datum (ÅÅÅÅ-MM-DD), inte tidpunkten 2008-05-13 00:00: en tidpunkt är ett "
        "ögonblick, inte en dag. Ange dagen utan klockslag (2008-05-13).",
    ),
    (
        "datetime med tidszon",
        datetime(2008, 5, 13, 18, 0, tzinfo=ZoneInfo("Europe/Stockholm")),
        "ska vara ett datum (ÅÅÅÅ-MM-DD), inte tidpunkten 2008-05-13 18:00+02:00: en tidpunkt "
        "är ett ögonblick, inte en dag. Ange dagen utan klockslag (2008-05-13).",
    ),
    ("text", "2008-05-13", "ska vara ett datum (ÅÅÅÅ-MM-DD), inte texten '2008-05-13'."),
    ("None", None, "saknas: ange ett datum (ÅÅÅÅ-MM-DD)."),
    ("heltal", 20080513, "ska vara ett datum (ÅÅÅÅ-MM-DD), inte talet 20080513."),
    ("tom text", "", "ska vara ett datum (ÅÅÅÅ-MM-DD), inte en tom text."),
    (
        "tuppel",
        (2008, 5, 13),
        "ska vara ett datum (ÅÅÅÅ-MM-DD), inte värdet (2008, 5, 13) (tuple).",
    ),
]


@pytest.mark.parametrize(
    ("vad", "anrop", "varde", "meddelande"),
    [
        pytest.param(vad, anrop, varde, meddelande, id=f"{funktion} × {slag}")
        for funktion, vad, anrop, none_tillaten in DATUMARGUMENT
        for slag, varde, meddelande in FELAKTIGA_DAGAR
        if not (varde is None and none_tillaten)
    ],
)
def test_annat_an_ett_datum_vagras(
    vad: str, anrop: Callable[[object], object], varde: object, meddelande: str
) -> None:
    """A datetime, a text, None or a number where a day belongs: an OgiltigUppgift that says
    which date and what it got, never a TypeError or a silently wrong answer."""
    with pytest.raises(OgiltigUppgift) as fel:
        anrop(varde)
    assert str(fel.value) == f"{vad} {meddelande}"


def test_datetime_missade_julafton() -> None:
    """Why a datetime is refused: it never equals the holiday's date, so julafton 2008 at
    10.00 was answered as a vardag and the deadline stayed on it."""
    julafton = datetime(2008, 12, 24, 10, 0)
    assert KALENDER.ar_fridag(julafton) is False  # the calendar alone is fooled
    with pytest.raises(OgiltigUppgift, match="inte en dag"):
        ar_vardag(julafton, KALENDER)
    with pytest.raises(OgiltigUppgift, match="inte en dag"):
        flytta_till_vardag(julafton, KALENDER)


def test_dagen_av_en_tidpunkt_godtas() -> None:
    """What the refusal asks for: the day, taken by the caller, works as any date."""
    dag = datetime(2008, 12, 24, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm")).date()
    assert flytta_till_vardag(dag, KALENDER) == D("2008-12-29")
    assert lagstadgade_datum(dag, dag, dag, KALENDER).laga_kraft == D("2009-01-15")


@pytest.mark.parametrize(
    ("funktion", "meddelande"),
    [
        pytest.param(
            lambda: plus_veckor(D("2008-05-14"), "3"),  # type: ignore[arg-type]
            "Antalet veckor ska vara ett heltal, inte texten '3'.",
            id="veckor som text",
        ),
        pytest.param(
            lambda: plus_manader(D("2008-05-14"), 1.5),  # type: ignore[arg-type]
            "Antalet månader ska vara ett heltal, inte talet 1.5.",
            id="månader med decimaler",
        ),
        pytest.param(
            lambda: plus_vardagar(D("2008-05-14"), None, KALENDER),  # type: ignore[arg-type]
            "Antalet vardagar ska vara ett heltal, inte ett tomt värde.",
            id="plus vardagar None",
        ),
        pytest.param(
            lambda: minus_vardagar(D("2008-05-14"), True, KALENDER),
            "Antalet vardagar ska vara ett heltal, inte sanningsvärdet sant.",
            id="minus vardagar sanningsvärde",
        ),
        pytest.param(
            lambda: lagstadgade_datum(
                D("2008-05-13"),
                None,
                None,
                KALENDER,
                "14",  # type: ignore[arg-type]
            ),
            "Justeringsfristen ska vara ett heltal antal dagar, inte texten '14'.",
            id="justeringsfrist som text",
        ),
        pytest.param(
            lambda: behover_omedelbar_justering(D("2008-05-13"), None, KALENDER, -1),
            "Justeringsfristen kan inte vara negativ (-1 dagar).",
            id="negativ frist utan sista dag",
        ),
    ],
)
def test_antal_som_inte_ar_heltal_vagras(funktion: Callable[[], object], meddelande: str) -> None:
    with pytest.raises(OgiltigUppgift) as fel:
        funktion()
    assert str(fel.value) == meddelande
