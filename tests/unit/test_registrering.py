"""Registering a nomination ärende: what is refused, what is cleaned, what is proposed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from arende.domain.arende import Arende, Nominering
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.skeden import Skede
from arende.domain.text import MAX_TEXT
from tests.unit.kalendrar import BARA_HELGER

IDAG = date(2026, 11, 23)
KLASSER_2008 = (
    "förskolor",
    "skolor",
    "äldreomsorg",
    "övrig vård och omsorg",
    "övriga verksamheter",
)
AR_2008 = Utmarkelsear(
    2008, klasser=KLASSER_2008, sista_dag=date(2008, 5, 19), utdelning=date(2008, 11, 25)
)
GASEN = Nominering("Stödboendet Gåsen", "övrig vård och omsorg", "Ett boende med stöd.")


def registrera(**andringar: Any) -> Arende:
    uppgifter: dict[str, Any] = {
        "dnr": Diarienummer("SoN", 2008, 17),
        "namnd": "Socialtjänstnämnden",
        "handlaggare": "Eva Handläggare",
        "registreringsdatum": date(2008, 4, 14),
        "ar": AR_2008,
        "nomineringar": [GASEN],
        "planerat_sammantrade": date(2008, 5, 13),
        "omedelbar_justering": None,
        "idag": IDAG,
        "kalender": BARA_HELGER,
    }
    uppgifter.update(andringar)
    return Arende.registrera_nominering(**uppgifter)


def vagras(andringar: dict[str, Any], *nyckelord: str) -> str:
    with pytest.raises(ArendeFel) as info:
        registrera(**andringar)
    assert type(info.value) is OgiltigUppgift, f"{type(info.value).__name__}: {info.value}"
    meddelande = str(info.value)
    for ord_ in nyckelord:
        assert ord_ in meddelande
    return meddelande


def test_giltig_registrering() -> None:
    a = registrera(
        nomineringar=[
            GASEN,
            Nominering("  Mottagningsenheten  ", "övriga verksamheter", "  Rad ett\n\tRad två  "),
        ]
    )
    assert a.skede is Skede.REGISTRERAT
    assert a.utmarkelsear == 2008
    assert a.sista_dag == date(2008, 5, 19)
    assert a.nomineringar == (
        GASEN,
        Nominering("Mottagningsenheten", "övriga verksamheter", "Rad ett\n\tRad två"),
    )


@pytest.mark.parametrize(
    ("andringar", "nyckelord"),
    [
        pytest.param({"nomineringar": []}, ("minst en verksamhet",), id="inga-verksamheter"),
        pytest.param(
            {"nomineringar": [GASEN, Nominering("stödboendet gåsen", "äldreomsorg", "")]},
            ("stödboendet gåsen", "nominerad två gånger"),
            id="dubblett-olika-skiftlage",
        ),
        pytest.param(
            {"nomineringar": [GASEN, Nominering(" Stödboendet Gåsen ", "skolor", "")]},
            ("nominerad två gånger",),
            id="dubblett-med-blanksteg",
        ),
        pytest.param(
            {"nomineringar": [Nominering("   ", "skolor", "")]},
            ("Verksamhetens namn", "saknas: fyll i det fältet"),
            id="tomt-namn",
        ),
        pytest.param(
            {"nomineringar": [Nominering("x" * 201, "skolor", "")]},
            ("Verksamhetens namn", "har 201 tecken", "högst 200"),
            id="namn-201-tecken",
        ),
        pytest.param(
            {"nomineringar": [Nominering("Gåsen\x07", "skolor", "")]},
            ("Verksamhetens namn", "styrtecken"),
            id="styrtecken-i-namn",
        ),
        pytest.param(
            {"nomineringar": [Nominering("Gåsen", "skolor", "Rad\x00ett")]},
            ("Beskrivningen av Gåsen", "styrtecken"),
            id="nulltecken-i-beskrivning",
        ),
        pytest.param(
            {"nomineringar": [Nominering("Gåsen", "skolor", "Färg\x1b[31m")]},
            ("styrtecken",),
            id="escape-i-beskrivning",
        ),
        pytest.param(
            {"nomineringar": [Nominering("Gåsen", "skolor", "x" * (MAX_TEXT + 1))]},
            ("Beskrivningen av Gåsen", "har 20001 tecken", "högst 20000"),
            id="beskrivning-20001-tecken",
        ),
        pytest.param(
            {"planerat_sammantrade": date(2008, 4, 13)},
            ("före registreringsdatumet", "13 april 2008", "14 april 2008"),
            id="sammantrade-fore-registrering",
        ),
        pytest.param(
            {"planerat_sammantrade": date(2008, 5, 20)},
            ("efter sista dag", "20 maj 2008", "19 maj 2008"),
            id="sammantrade-efter-sista-dag",
        ),
        pytest.param(
            {"registreringsdatum": date(2026, 11, 24), "planerat_sammantrade": date(2026, 12, 1)},
            ("Registreringsdatumet", "i framtiden", "24 november 2026"),
            id="registrering-i-framtiden",
        ),
    ],
)
def test_registreringen_vagras(andringar: dict[str, Any], nyckelord: tuple[str, ...]) -> None:
    vagras(andringar, *nyckelord)


def test_okand_klass_vagras_och_meddelandet_listar_arets_klasser() -> None:
    meddelande = vagras(
        {"nomineringar": [Nominering("Gåsen", "socialtjänst", "")]},
        "Klassen 'socialtjänst' finns inte",
        "2008",
    )
    assert "Årets klasser är: " + ", ".join(KLASSER_2008) in meddelande


@pytest.mark.parametrize(
    ("skriven", "lagrad"),
    [
        pytest.param("ÄLDREOMSORG", "äldreomsorg", id="versaler"),
        pytest.param("Övrig Vård Och Omsorg", "övrig vård och omsorg", id="blandat"),
        pytest.param("  skolor ", "skolor", id="blanksteg"),
    ],
)
def test_klassen_matchas_oberoende_av_skiftlage_och_lagras_som_aret_stavar_den(
    skriven: str, lagrad: str
) -> None:
    a = registrera(nomineringar=[Nominering("Gåsen", skriven, "")])
    assert a.nomineringar[0].klass == lagrad


def test_klassen_lagras_som_ett_annat_ar_stavar_den() -> None:
    ar_2019 = Utmarkelsear(
        2019, klasser=("Förskola", "Skola", "Äldreomsorg", "Socialtjänst", "Andra verksamheter")
    )
    a = registrera(
        ar=ar_2019,
        registreringsdatum=date(2019, 2, 1),
        planerat_sammantrade=date(2019, 2, 21),
        nomineringar=[Nominering("Vuxenenheten", "socialtjänst", "")],
    )
    assert a.nomineringar[0].klass == "Socialtjänst"
    assert a.titel == "Stadens kvalitetsutmärkelse 2019"
    assert a.sista_dag is None


def test_beskrivning_pa_10000_tecken_godtas() -> None:
    text = "å" * 10_000
    a = registrera(nomineringar=[Nominering("Gåsen", "skolor", text)])
    assert a.nomineringar[0].beskrivning == text


def test_beskrivning_pa_exakt_maxlangd_godtas() -> None:
    text = "x" * MAX_TEXT
    assert MAX_TEXT == 20_000
    a = registrera(nomineringar=[Nominering("Gåsen", "skolor", text)])
    assert a.nomineringar[0].beskrivning == text


def test_tom_beskrivning_godtas() -> None:
    a = registrera(nomineringar=[Nominering("Gåsen", "skolor", "   ")])
    assert a.nomineringar[0].beskrivning == ""


@pytest.mark.parametrize(
    "tecken",
    [pytest.param("\x7f", id="DEL"), pytest.param("\x9b", id="C1-CSI")],
)
def test_ovriga_styrtecken_vagras(tecken: str) -> None:
    vagras(
        {"nomineringar": [Nominering("Gåsen", "skolor", f"Rad{tecken}ett")]},
        "styrtecken",
    )


def test_sammantrade_pa_registreringsdagen_och_pa_sista_dag_godtas() -> None:
    assert registrera(planerat_sammantrade=date(2008, 4, 14)).planerat_sammantrade == date(
        2008, 4, 14
    )
    assert registrera(planerat_sammantrade=date(2008, 5, 19)).planerat_sammantrade == date(
        2008, 5, 19
    )


def test_registrering_idag_godtas() -> None:
    a = registrera(
        registreringsdatum=IDAG, planerat_sammantrade=IDAG, ar=Utmarkelsear(2026, KLASSER_2008)
    )
    assert a.registreringsdatum == IDAG


# -- omedelbar justering -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sammantrade", "angivet", "foreslaget"),
    [
        pytest.param(date(2008, 5, 13), None, True, id="harleds-nara-sista-dag"),
        pytest.param(date(2008, 4, 15), None, False, id="harleds-gott-om-tid"),
        pytest.param(date(2008, 5, 13), False, False, id="angivet-nej-galler"),
        pytest.param(date(2008, 4, 15), True, True, id="angivet-ja-galler"),
    ],
)
def test_foreslagen_omedelbar_justering(
    sammantrade: date, angivet: bool | None, foreslaget: bool
) -> None:
    a = registrera(planerat_sammantrade=sammantrade, omedelbar_justering=angivet)
    assert a.foreslagen_omedelbar_justering is foreslaget
