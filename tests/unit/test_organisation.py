"""Persons and roles, and the award year's own guards."""

from __future__ import annotations

from datetime import date

import pytest

from arende.domain.fel import ArendeFel, BehorighetSaknas, OgiltigUppgift
from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.organisation import Person
from arende.domain.roller import Roll

EVA = Person("Eva Handläggare", frozenset({Roll.HANDLAGGARE}))
KARL = Person("Karl Chef", frozenset({Roll.CHEF, Roll.HANDLAGGARE}))
LISA = Person("Lisa Sekreterare", frozenset({Roll.NAMNDSEKRETERARE}))


@pytest.mark.parametrize(
    ("person", "tillatna", "roll"),
    [
        pytest.param(EVA, frozenset({Roll.HANDLAGGARE}), Roll.HANDLAGGARE, id="handlaggare"),
        pytest.param(KARL, frozenset({Roll.CHEF}), Roll.CHEF, id="chef-av-tva-roller"),
        pytest.param(
            LISA,
            frozenset({Roll.NAMNDSEKRETERARE, Roll.REGISTRATOR}),
            Roll.NAMNDSEKRETERARE,
            id="en-av-tva-tillatna",
        ),
        pytest.param(
            KARL,
            frozenset({Roll.CHEF, Roll.HANDLAGGARE}),
            Roll.HANDLAGGARE,
            id="forsta-i-rollordningen",
        ),
    ],
)
def test_roll_for_ger_rollen(person: Person, tillatna: frozenset[Roll], roll: Roll) -> None:
    assert person.roll_for(tillatna, "registrera ärendet") is roll


@pytest.mark.parametrize(
    ("person", "tillatna", "vilka", "har"),
    [
        pytest.param(EVA, frozenset({Roll.CHEF}), "chef", "handläggare", id="handlaggare-ej-chef"),
        pytest.param(
            KARL,
            frozenset({Roll.REGISTRATOR, Roll.NAMNDSEKRETERARE}),
            "nämndsekreterare eller registrator",
            "chef, handläggare",
            id="tva-tillatna-tva-roller",
        ),
        pytest.param(
            Person("Okänd", frozenset()),
            frozenset({Roll.HANDLAGGARE}),
            "handläggare",
            "ingen roll",
            id="utan-roll",
        ),
    ],
)
def test_roll_for_vagrar_och_sager_vem_som_far(
    person: Person, tillatna: frozenset[Roll], vilka: str, har: str
) -> None:
    with pytest.raises(ArendeFel) as info:
        person.roll_for(tillatna, "fastställa förslaget")
    assert type(info.value) is BehorighetSaknas
    assert str(info.value) == (
        f"{person.namn} får inte fastställa förslaget: det får bara en {vilka} göra "
        f"({person.namn} har rollen {har})."
    )


# -- Utmarkelsear ------------------------------------------------------------------------


def test_giltigt_ar() -> None:
    ar = Utmarkelsear(
        2008,
        ("förskolor", "skolor"),
        inbjudan=date(2008, 2, 1),
        sista_dag=date(2008, 5, 19),
        utdelning=date(2008, 11, 25),
        utdelningsplats="Blå Hallen, Stadshuset",
    )
    assert ar.mottagare == "Stadsledningskontoret"
    assert ar.kontrollera_klass("SKOLOR") == "skolor"


def test_ar_utan_klasser_vagras() -> None:
    with pytest.raises(OgiltigUppgift) as info:
        Utmarkelsear(2008, ())
    assert str(info.value) == "Kvalitetsutmärkelsen 2008 saknar klasser."


@pytest.mark.parametrize(
    ("datum", "nyckelord"),
    [
        pytest.param(
            {"inbjudan": date(2008, 5, 20), "sista_dag": date(2008, 5, 19)},
            "ligger före inbjudan",
            id="sista-dag-fore-inbjudan",
        ),
        pytest.param(
            {"sista_dag": date(2008, 5, 19), "utdelning": date(2008, 5, 18)},
            "ligger före sista dag för nominering",
            id="utdelning-fore-sista-dag",
        ),
        pytest.param(
            {
                "inbjudan": date(2008, 2, 1),
                "sista_dag": date(2008, 5, 19),
                "utdelning": date(2008, 1, 1),
            },
            "ligger före sista dag för nominering",
            id="utdelning-fore-sista-dag-med-inbjudan",
        ),
    ],
)
def test_datum_i_fel_ordning_vagras(datum: dict[str, date], nyckelord: str) -> None:
    with pytest.raises(OgiltigUppgift) as info:
        Utmarkelsear(2008, ("skolor",), **datum)
    assert "Kvalitetsutmärkelsen 2008" in str(info.value)
    assert nyckelord in str(info.value)


@pytest.mark.parametrize(
    "datum",
    [
        pytest.param({}, id="inga-datum"),
        pytest.param(
            {"inbjudan": date(2008, 5, 19), "sista_dag": date(2008, 5, 19)}, id="samma-dag"
        ),
        pytest.param(
            {"sista_dag": date(2008, 5, 19), "utdelning": date(2008, 5, 19)},
            id="utdelning-pa-sista-dag",
        ),
        pytest.param(
            {"inbjudan": date(2008, 6, 1), "utdelning": date(2008, 5, 1)}, id="utan-sista-dag"
        ),
    ],
)
def test_ofullstandiga_eller_lika_datum_godtas(datum: dict[str, date]) -> None:
    assert Utmarkelsear(2008, ("skolor",), **datum).klasser == ("skolor",)
