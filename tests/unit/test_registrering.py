"""Registering a nomination ärende: what is refused, what is cleaned, what is proposed.

Registration is the RegistreraArende command, taken here through the one runner on the
fake unit of work (tests/fakes.py): the start answers are checked against the type's form
(deployments/arendetyper/nominering.toml), then by the kvalitetsutmärkelse's rules (the
year's classes, a unit named twice, the sista dag, omedelbar justering) and against the
nämnd's sammanträdesplan. A refusal is a Swedish message; nothing is registered and no
number of the diarium is used. The ärende's own date guards (domain/arende.py) are tested
on Arende.registrera, the way the rules call it, where the plan would refuse first.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from arende.domain.arende import Arende
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.livscykel import STANDARD
from arende.domain.sammantradesplan import Sammantradesplan
from arende.domain.skeden import Skede
from arende.domain.text import MAX_TEXT
from tests import hjalp
from tests.fakes import FakeSystem

IDAG = date(2026, 11, 23)  # FastKlocka's day
KLASSER_2008 = (
    "förskolor",
    "skolor",
    "äldreomsorg",
    "övrig vård och omsorg",
    "övriga verksamheter",
)
GASEN = {
    "namn": "Stödboendet Gåsen",
    "klass": "övrig vård och omsorg",
    "beskrivning": "Ett boende med stöd.",
}


def enhet(namn: str, klass: str = "skolor", beskrivning: str = "") -> dict[str, str]:
    return {"namn": namn, "klass": klass, "beskrivning": beskrivning}


def registrera(system: FakeSystem, **andringar: Any) -> Arende:
    """Seed 000's registration (Lena Murray, 14 April 2008, the sammanträde of 13 May 2008)
    with `andringar` to the start answers (`enheter`, `utmarkelsear`, `omedelbar_justering`)
    or to the command (`sammantrade`, `registreringsdatum`)."""
    kommando = {
        n: andringar.pop(n) for n in ("sammantrade", "registreringsdatum") if n in andringar
    }
    uppgifter: dict[str, Any] = {
        "utmarkelsear": 2008,
        "enheter": [GASEN],
        "omedelbar_justering": "enligt tidsplanen",
        **andringar,
    }
    return hjalp.arende(system, hjalp.registrera(system, "nominering", uppgifter, **kommando))


def vagras(system: FakeSystem, andringar: dict[str, Any], *nyckelord: str) -> str:
    """Refused with exactly OgiltigUppgift and a message holding every keyword; nothing
    registered, no number taken, and the refusal logged once."""
    fore = len(system.logg())
    with pytest.raises(ArendeFel) as info:
        registrera(system, **andringar)
    assert type(info.value) is OgiltigUppgift, f"{type(info.value).__name__}: {info.value}"
    meddelande = str(info.value)
    for ord_ in nyckelord:
        assert ord_ in meddelande, meddelande
    with system.uow() as uow:
        assert uow.arenden.diarium() == []
    assert system.databas.lager.diarieserier == {}  # no number used: the series stays gapless
    logg = system.logg()[fore:]
    assert [(p.handling, p.innehall["utfall"], p.dnr) for p in logg] == [
        ("registrera ärendet", "avvisad", None)
    ]
    assert logg[0].innehall["meddelande"] == meddelande
    return meddelande


def test_giltig_registrering(fake_system: FakeSystem) -> None:
    a = registrera(
        fake_system,
        enheter=[
            GASEN,
            enhet("  Mottagningsenheten  ", "övriga verksamheter", "  Rad ett\n\tRad två  "),
        ],
    )
    assert a.dnr == Diarienummer("SoN", 2008, 1)
    assert a.arendetyp == "nominering"
    assert a.skede is Skede.REGISTRERAT
    assert a.titel == "Stadens kvalitetsutmärkelse 2008"
    assert a.uppgifter["utmarkelsear"] == 2008
    assert a.sista_dag == date(2008, 5, 19)
    assert a.uppgifter["enheter"] == [
        GASEN | {"chef": None},
        {
            "namn": "Mottagningsenheten",
            "klass": "övriga verksamheter",
            "beskrivning": "Rad ett\n\tRad två",
            "chef": None,
        },
    ]


@pytest.mark.parametrize(
    ("andringar", "nyckelord"),
    [
        pytest.param(
            {"enheter": []}, ("Verksamheter som nomineras", "saknas"), id="inga-verksamheter"
        ),
        pytest.param(
            {"enheter": [GASEN, enhet("stödboendet gåsen", "äldreomsorg")]},
            ("stödboendet gåsen", "nominerad två gånger"),
            id="dubblett-olika-skiftlage",
        ),
        pytest.param(
            {"enheter": [GASEN, enhet(" Stödboendet Gåsen ")]},
            ("nominerad två gånger",),
            id="dubblett-med-blanksteg",
        ),
        pytest.param(
            {"enheter": [enhet("   ")]},
            ("Verksamhetens namn", "saknas: fyll i det fältet"),
            id="tomt-namn",
        ),
        pytest.param(
            {"enheter": [enhet("x" * 201)]},
            ("Verksamhetens namn", "har 201 tecken", "högst 200"),
            id="namn-201-tecken",
        ),
        pytest.param(
            {"enheter": [enhet("Gåsen\x07")]},
            ("Verksamhetens namn", "styrtecken"),
            id="styrtecken-i-namn",
        ),
        pytest.param(
            {"enheter": [enhet("Gåsen", beskrivning="Rad\x00ett")]},
            ("Förvaltningens beskrivning av verksamheten", "styrtecken"),
            id="nulltecken-i-beskrivning",
        ),
        pytest.param(
            {"enheter": [enhet("Gåsen", beskrivning="Färg\x1b[31m")]},
            ("styrtecken",),
            id="escape-i-beskrivning",
        ),
        pytest.param(
            {"enheter": [enhet("Gåsen", beskrivning="x" * (MAX_TEXT + 1))]},
            ("Förvaltningens beskrivning av verksamheten", "har 20001 tecken", "högst 20000"),
            id="beskrivning-20001-tecken",
        ),
        pytest.param(
            {"sammantrade": date(2008, 4, 13)},
            ("inget sammanträde den 13 april 2008", "13 maj 2008"),
            id="sammantrade-fore-registrering-finns-inte-i-planen",
        ),
        pytest.param(
            {"sammantrade": date(2008, 6, 17)},
            ("ingen tid för expediering", "sista dag är den 19 maj 2008", "13 maj 2008"),
            id="sammantrade-efter-sista-dag",
        ),
        pytest.param(
            {
                "utmarkelsear": 2019,
                "enheter": [enhet("Gåsen", "skola")],
                "registreringsdatum": date(2026, 11, 24),
                "sammantrade": date(2026, 12, 15),
            },
            ("Registreringsdatumet", "i framtiden", "24 november 2026"),
            id="registrering-i-framtiden",
        ),
        pytest.param(
            {"omedelbar_justering": "kanske"},
            ("'kanske' finns inte bland alternativen", "enligt tidsplanen"),
            id="omedelbar-justering-utan-alternativ",
        ),
    ],
)
def test_registreringen_vagras(
    fake_system: FakeSystem, andringar: dict[str, Any], nyckelord: tuple[str, ...]
) -> None:
    vagras(fake_system, andringar, *nyckelord)


def test_okand_klass_vagras_och_meddelandet_listar_arets_klasser(fake_system: FakeSystem) -> None:
    meddelande = vagras(
        fake_system,
        {"enheter": [enhet("Gåsen", "socialtjänst")]},
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
    fake_system: FakeSystem, skriven: str, lagrad: str
) -> None:
    a = registrera(fake_system, enheter=[enhet("Gåsen", skriven)])
    assert a.uppgifter["enheter"][0]["klass"] == lagrad


def test_klassen_lagras_som_ett_annat_ar_stavar_den(fake_system: FakeSystem) -> None:
    with fake_system.uow() as uow:
        uow.grunddata.spara_utmarkelsear(
            Utmarkelsear(
                2019,
                klasser=("Förskola", "Skola", "Äldreomsorg", "Socialtjänst", "Andra verksamheter"),
            )
        )
        uow.planer.spara(Sammantradesplan(hjalp.NAMND, 2019, (date(2019, 2, 21),)))
        uow.commit()
    a = registrera(
        fake_system,
        utmarkelsear=2019,
        registreringsdatum=date(2019, 2, 1),
        sammantrade=date(2019, 2, 21),
        enheter=[enhet("Vuxenenheten", "socialtjänst")],
    )
    assert a.uppgifter["enheter"][0]["klass"] == "Socialtjänst"
    assert a.titel == "Stadens kvalitetsutmärkelse 2019"
    assert a.sista_dag is None
    assert a.dnr == Diarienummer("SoN", 2019, 1)


def test_beskrivning_pa_10000_tecken_godtas(fake_system: FakeSystem) -> None:
    text = "å" * 10_000
    a = registrera(fake_system, enheter=[enhet("Gåsen", beskrivning=text)])
    assert a.uppgifter["enheter"][0]["beskrivning"] == text


def test_beskrivning_pa_exakt_maxlangd_godtas(fake_system: FakeSystem) -> None:
    text = "x" * MAX_TEXT
    assert MAX_TEXT == 20_000
    a = registrera(fake_system, enheter=[enhet("Gåsen", beskrivning=text)])
    assert a.uppgifter["enheter"][0]["beskrivning"] == text


def test_tom_beskrivning_godtas(fake_system: FakeSystem) -> None:
    a = registrera(fake_system, enheter=[enhet("Gåsen", beskrivning="   ")])
    assert a.uppgifter["enheter"][0]["beskrivning"] == ""


@pytest.mark.parametrize(
    "tecken",
    [pytest.param("\x7f", id="DEL"), pytest.param("\x9b", id="C1-CSI")],
)
def test_ovriga_styrtecken_vagras(fake_system: FakeSystem, tecken: str) -> None:
    vagras(fake_system, {"enheter": [enhet("Gåsen", beskrivning=f"Rad{tecken}ett")]}, "styrtecken")


def test_registrering_idag_godtas(fake_system: FakeSystem) -> None:
    """Without a registration date the ärende is registered today (2019 has no sista dag)."""
    a = registrera(
        fake_system,
        utmarkelsear=2019,
        enheter=[enhet("Gåsen", "skola")],
        registreringsdatum=None,
        sammantrade=date(2026, 12, 15),
    )
    assert a.registreringsdatum == IDAG
    assert a.dnr == Diarienummer("SoN", 2026, 1)


# -- omedelbar justering -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("registrerat", "sammantrade", "angivet", "foreslaget"),
    [
        pytest.param(date(2008, 4, 14), date(2008, 5, 13), "enligt tidsplanen", True, id="nara"),
        pytest.param(date(2008, 3, 3), date(2008, 4, 22), "enligt tidsplanen", False, id="gott"),
        pytest.param(date(2008, 4, 14), date(2008, 5, 13), "nej", False, id="angivet-nej-galler"),
        pytest.param(date(2008, 3, 3), date(2008, 4, 22), "ja", True, id="angivet-ja-galler"),
    ],
)
def test_foreslagen_omedelbar_justering(
    fake_system: FakeSystem, registrerat: date, sammantrade: date, angivet: str, foreslaget: bool
) -> None:
    """'enligt tidsplanen': proposed when ordinary justering (13 May + 14 days = 27 May) would
    miss the sista dag of 19 May; 22 April leaves time (6 May). An answer ja or nej holds."""
    a = registrera(
        fake_system,
        registreringsdatum=registrerat,
        sammantrade=sammantrade,
        omedelbar_justering=angivet,
    )
    assert a.foreslagen_omedelbar_justering is foreslaget


# -- the ärende's own date guards (domain/arende.py) ---------------------------------------


def arende(**andringar: Any) -> Arende:
    uppgifter: dict[str, Any] = {
        "dnr": Diarienummer("SoN", 2008, 17),
        "arendetyp": "nominering",
        "livscykel": STANDARD,
        "titel": "Stadens kvalitetsutmärkelse 2008",
        "namnd": "Socialtjänstnämnden",
        "handlaggare": "Eva Handläggare",
        "registreringsdatum": date(2008, 4, 14),
        "planerat_sammantrade": date(2008, 5, 13),
        "uppgifter": {"utmarkelsear": 2008, "enheter": [GASEN]},
        "idag": IDAG,
        "sista_dag": date(2008, 5, 19),
    }
    uppgifter.update(andringar)
    return Arende.registrera(**uppgifter)


@pytest.mark.parametrize(
    ("andringar", "nyckelord"),
    [
        pytest.param(
            {"planerat_sammantrade": date(2008, 4, 13)},
            ("före registreringsdatumet", "13 april 2008", "14 april 2008"),
            id="sammantrade-fore-registrering",
        ),
        pytest.param(
            {"planerat_sammantrade": date(2008, 5, 20)},
            ("efter ärendets sista dag", "20 maj 2008", "19 maj 2008", "välj ett tidigare"),
            id="sammantrade-efter-sista-dag",
        ),
        pytest.param(
            {"registreringsdatum": date(2026, 11, 24), "planerat_sammantrade": date(2026, 12, 1)},
            ("Registreringsdatumet", "i framtiden", "24 november 2026"),
            id="registrering-i-framtiden",
        ),
        pytest.param({"titel": "  "}, ("Ärendemeningen", "saknas"), id="tom-arendemening"),
    ],
)
def test_arendets_datum_vagras(andringar: dict[str, Any], nyckelord: tuple[str, ...]) -> None:
    with pytest.raises(OgiltigUppgift) as info:
        arende(**andringar)
    for ord_ in nyckelord:
        assert ord_ in info.value.meddelande, info.value.meddelande


def test_sammantrade_pa_registreringsdagen_och_pa_sista_dag_godtas() -> None:
    assert arende(planerat_sammantrade=date(2008, 4, 14)).planerat_sammantrade == date(2008, 4, 14)
    assert arende(planerat_sammantrade=date(2008, 5, 19)).planerat_sammantrade == date(2008, 5, 19)


def test_registrering_och_sammantrade_idag_godtas() -> None:
    a = arende(registreringsdatum=IDAG, planerat_sammantrade=IDAG, sista_dag=None)
    assert a.registreringsdatum == IDAG
