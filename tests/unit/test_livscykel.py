"""The ärende's lifecycle: every action in every stage, and every guard of every action.

The scenario is seed 000: Socialtjänstnämnden nominates units to Stadens kvalitetsutmärkelse
2008 (sista dag 19 May 2008) at its sammanträde on 13 May 2008, with omedelbar justering.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from arende.domain.arende import Arende
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, OgiltigUppgift, OtillatenOvergang
from arende.domain.livscykel import STANDARD
from arende.domain.skeden import Skede, Utfall

IDAG = date(2026, 11, 23)
DNR = Diarienummer("SoN", 2008, 17)
SISTA_DAG = date(2008, 5, 19)  # the award's sista dag in 2008
REGISTRERAT = date(2008, 4, 14)
SAMVERKAT = date(2008, 4, 22)
FASTSTALLT = date(2008, 4, 24)
SAMMANTRADE = date(2008, 5, 13)
ANSLAGET = date(2008, 5, 14)
EXPEDIERAT = date(2008, 5, 15)
AVSLUTAT = date(2008, 5, 20)
ORDFORANDE = "Anna Ordförande"
FORSLAG = ["Socialtjänstnämnden beslutar nominera Stödboendet Gåsen och Mottagningsenheten."]


def ny_nominering(**andringar: Any) -> Arende:
    """The nomination as its type's rules register it (service_layer/regler.py: the title from
    the award's year, its sista dag, omedelbar justering proposed because ordinary justering
    would miss the sista dag; tested through the command in test_registrering.py)."""
    uppgifter: dict[str, Any] = {
        "dnr": DNR,
        "arendetyp": "nominering",
        "livscykel": STANDARD,
        "titel": "Stadens kvalitetsutmärkelse 2008",
        "namnd": "Socialtjänstnämnden",
        "handlaggare": "Eva Handläggare",
        "registreringsdatum": REGISTRERAT,
        "planerat_sammantrade": SAMMANTRADE,
        "uppgifter": {
            "utmarkelsear": 2008,
            "enheter": [
                {
                    "namn": "Stödboendet Gåsen",
                    "klass": "övrig vård och omsorg",
                    "beskrivning": "Ett boende med stöd.",
                },
                {"namn": "Mottagningsenheten", "klass": "övriga verksamheter", "beskrivning": ""},
            ],
        },
        "idag": IDAG,
        "sista_dag": SISTA_DAG,
        "foreslagen_omedelbar_justering": True,
    }
    uppgifter.update(andringar)
    return Arende.registrera(**uppgifter)


# Each action with arguments that are valid in the stage the action requires.
HANDLINGAR: dict[str, Callable[[Arende], object]] = {
    "paborja_beredning": lambda a: a.paborja_beredning(),
    "registrera_samverkan": lambda a: a.registrera_samverkan(
        SAMVERKAT, "Samverkat i förvaltningsgruppen.", idag=IDAG
    ),
    "faststall_forslag": lambda a: a.faststall_forslag(
        FASTSTALLT, ["Förvaltningschefen", "Avdelningschefen"], FORSLAG, idag=IDAG
    ),
    "satt_pa_dagordning": lambda a: a.satt_pa_dagordning(SAMMANTRADE),
    "besluta": lambda a: a.besluta(Utfall.BIFALL, 12, omedelbar_justering=True, idag=IDAG),
    "justera": lambda a: a.justera(SAMMANTRADE, ORDFORANDE, ["Bo Justerare"], idag=IDAG),
    "ansla": lambda a: a.ansla(ANSLAGET, idag=IDAG),
    "expediera": lambda a: a.expediera(EXPEDIERAT, ["Stadsledningskontoret"], idag=IDAG),
    "avsluta": lambda a: a.avsluta(AVSLUTAT, idag=IDAG),
}
KRAV: dict[str, Skede] = {
    "paborja_beredning": Skede.REGISTRERAT,
    "registrera_samverkan": Skede.UNDER_BEREDNING,
    "faststall_forslag": Skede.SAMVERKAT,
    "satt_pa_dagordning": Skede.FORSLAG_FASTSTALLT,
    "besluta": Skede.PA_DAGORDNING,
    "justera": Skede.BESLUTAT,
    "ansla": Skede.JUSTERAT,
    "expediera": Skede.ANSLAGET,
    "avsluta": Skede.EXPEDIERAT,
}
EFTER: dict[str, Skede] = {
    "paborja_beredning": Skede.UNDER_BEREDNING,
    "registrera_samverkan": Skede.SAMVERKAT,
    "faststall_forslag": Skede.FORSLAG_FASTSTALLT,
    "satt_pa_dagordning": Skede.PA_DAGORDNING,
    "besluta": Skede.BESLUTAT,
    "justera": Skede.JUSTERAT,
    "ansla": Skede.ANSLAGET,
    "expediera": Skede.EXPEDIERAT,
    "avsluta": Skede.AVSLUTAT,
}
NASTA_HANDLING: dict[Skede, str] = {skede: handling for handling, skede in KRAV.items()}


def driv_till(arende: Arende, mal: Skede) -> Arende:
    """Move the ärende forward through the legal actions until it is in the stage `mal`."""
    while arende.skede is not mal:
        assert arende.skede.ordning < mal.ordning, f"{arende.skede} ligger redan efter {mal}"
        HANDLINGAR[NASTA_HANDLING[arende.skede]](arende)
    return arende


def i_skede(skede: Skede) -> Arende:
    return driv_till(ny_nominering(), skede)


def beslutat_utan_omedelbar_justering() -> Arende:
    a = i_skede(Skede.PA_DAGORDNING)
    a.besluta(Utfall.BIFALL, 12, omedelbar_justering=False, idag=IDAG)
    return a


def avvisas(
    arende: Arende,
    felklass: type[ArendeFel],
    handling: Callable[[Arende], object],
    *nyckelord: str,
) -> str:
    """The action raises exactly `felklass`, its Swedish message holds every keyword, and the
    ärende is left exactly as it was."""
    fore = copy.deepcopy(arende)
    with pytest.raises(ArendeFel) as info:
        handling(arende)
    assert type(info.value) is felklass, f"{type(info.value).__name__}: {info.value}"
    meddelande = str(info.value)
    assert meddelande == info.value.meddelande
    for ord_ in nyckelord:
        assert ord_ in meddelande
    assert dataclasses.asdict(arende) == dataclasses.asdict(fore)
    assert arende == fore
    return meddelande


# -- the helper itself -------------------------------------------------------------------


@pytest.mark.parametrize("skede", list(Skede), ids=lambda s: s.name)
def test_hjalparen_når_varje_skede(skede: Skede) -> None:
    assert i_skede(skede).skede is skede


def test_ny_nominering_ar_registrerad_med_omedelbar_justering_foreslagen() -> None:
    a = ny_nominering()
    assert a.skede is Skede.REGISTRERAT
    assert a.omgang == 1
    assert a.titel == "Stadens kvalitetsutmärkelse 2008"
    assert a.sista_dag == date(2008, 5, 19)
    assert a.foreslagen_omedelbar_justering is True
    assert a.beslut == [] and a.forslag == ()
    assert a.arendetyp == "nominering"


# -- every action in every stage ---------------------------------------------------------

TILLATNA = [pytest.param(KRAV[h], h, id=f"{KRAV[h].name}-{h}") for h in HANDLINGAR]
OTILLATNA = [
    pytest.param(skede, h, id=f"{skede.name}-{h}")
    for skede in Skede
    for h in HANDLINGAR
    if skede is not KRAV[h]
]


def test_matrisen_tacker_alla_par() -> None:
    assert len(TILLATNA) + len(OTILLATNA) == len(Skede) * len(HANDLINGAR)
    assert set(KRAV) == set(HANDLINGAR) == set(EFTER)


@pytest.mark.parametrize(("skede", "handling"), TILLATNA)
def test_handlingen_lyckas_i_det_skede_den_kraver(skede: Skede, handling: str) -> None:
    a = i_skede(skede)
    HANDLINGAR[handling](a)
    assert a.skede is EFTER[handling]
    assert EFTER[handling].ordning == skede.ordning + 1


@pytest.mark.parametrize(("skede", "handling"), OTILLATNA)
def test_handlingen_vagras_i_alla_andra_skeden(skede: Skede, handling: str) -> None:
    a = i_skede(skede)
    meddelande = avvisas(a, OtillatenOvergang, HANDLINGAR[handling], "Det går inte att", str(DNR))
    if skede.ordning > KRAV[handling].ordning:
        assert re.search(rf"ärendet är redan {re.escape(skede.value)}\.$", meddelande)
    else:
        assert "innan" in meddelande
        assert re.search(rf"ärendet är nu {re.escape(skede.value)}\.$", meddelande)


# -- the facts each step records ---------------------------------------------------------


def test_hela_vagen_registrerar_fakta() -> None:
    a = i_skede(Skede.AVSLUTAT)
    assert a.samverkan is not None and a.samverkan.datum == SAMVERKAT
    assert a.faststallande is not None
    assert a.faststallande.undertecknare == ("Förvaltningschefen", "Avdelningschefen")
    assert a.forslag == tuple(FORSLAG)
    assert a.sammantrade == SAMMANTRADE
    assert len(a.beslut) == 1
    beslut = a.beslut[0]
    assert (beslut.utfall, beslut.paragraf, beslut.sammantrade) == (
        Utfall.BIFALL,
        12,
        SAMMANTRADE,
    )
    assert beslut.omedelbar_justering is True and beslut.omgang == 1
    assert a.gallande_beslut == beslut
    assert a.justering is not None
    assert a.justering.datum == SAMMANTRADE and a.justering.omedelbar is True
    assert a.justering.ordforande == ORDFORANDE and a.justering.justerare == ("Bo Justerare",)
    assert a.anslagsdatum == ANSLAGET
    assert a.expediering is not None and a.expediering.mottagare == ("Stadsledningskontoret",)
    assert a.avslutsdatum == AVSLUTAT
    assert a.for_sent_expedierat is False


def test_expediering_efter_sista_dag_flaggas_som_for_sen() -> None:
    a = i_skede(Skede.ANSLAGET)
    a.expediera(date(2008, 5, 20), ["Stadsledningskontoret"], idag=IDAG)
    assert a.for_sent_expedierat is True


def test_ordinarie_justering_efter_sammantradet() -> None:
    a = beslutat_utan_omedelbar_justering()
    a.justera(date(2008, 5, 20), ORDFORANDE, ["Bo Justerare", "Cecilia Justerare"], idag=IDAG)
    assert a.skede is Skede.JUSTERAT
    assert a.justering is not None and a.justering.omedelbar is False


# -- decisions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utfall", "text"),
    [
        pytest.param(Utfall.BIFALL, "", id="bifall"),
        pytest.param(Utfall.AVSLAG, "", id="avslag"),
        pytest.param(Utfall.ANDRAT_BESLUT, "  Nämnden nominerar bara Gåsen.  ", id="andrat"),
    ],
)
def test_avgorande_beslut_ger_beslutat_och_ar_gallande(utfall: Utfall, text: str) -> None:
    a = i_skede(Skede.PA_DAGORDNING)
    beslut = a.besluta(utfall, 7, omedelbar_justering=False, beslutstext=text, idag=IDAG)
    assert a.skede is Skede.BESLUTAT
    assert beslut.beslutstext == text.strip()
    assert a.beslut == [beslut]
    assert a.gallande_beslut == beslut


def test_aterremiss_skickar_tillbaka_till_beredning_i_ny_omgang() -> None:
    a = i_skede(Skede.PA_DAGORDNING)
    beslut = a.besluta(
        Utfall.ATERREMISS,
        12,
        omedelbar_justering=False,
        beslutstext="Ärendet återremitteras för komplettering.",
        nytt_sammantrade=date(2008, 5, 16),
        idag=IDAG,
    )
    assert a.skede is Skede.UNDER_BEREDNING
    assert a.omgang == 2
    assert a.samverkan is None
    assert a.faststallande is None
    assert a.forslag == ()  # the next round's förslag is fastställt anew
    assert a.sammantrade is None
    assert beslut.omgang == 1 and beslut.sammantrade == SAMMANTRADE
    assert a.beslut == [beslut]
    assert a.gallande_beslut is None


def test_hel_andra_omgang_efter_aterremiss() -> None:
    # Round 1 reaches an earlier sammanträde than the planned one and is sent back there.
    a = i_skede(Skede.FORSLAG_FASTSTALLT)
    a.satt_pa_dagordning(date(2008, 4, 29))
    aterremiss = a.besluta(
        Utfall.ATERREMISS, 5, omedelbar_justering=False, nytt_sammantrade=SAMMANTRADE, idag=IDAG
    )
    # Round 2: all of beredning again, decided at the planned sammanträde.
    a.registrera_samverkan(date(2008, 5, 6), "Samverkat på nytt.", idag=IDAG)
    a.faststall_forslag(date(2008, 5, 7), ["Förvaltningschefen"], FORSLAG, idag=IDAG)
    a.satt_pa_dagordning(SAMMANTRADE)
    bifall = a.besluta(Utfall.BIFALL, 31, omedelbar_justering=True, idag=IDAG)
    assert bifall.omgang == 2
    a.justera(SAMMANTRADE, ORDFORANDE, ["Bo Justerare"], idag=IDAG)
    a.ansla(ANSLAGET, idag=IDAG)
    a.expediera(EXPEDIERAT, ["Stadsledningskontoret"], idag=IDAG)
    a.avsluta(AVSLUTAT, idag=IDAG)
    assert a.skede is Skede.AVSLUTAT
    assert a.omgang == 2
    assert a.samverkan is not None and a.samverkan.datum == date(2008, 5, 6)
    assert a.beslut == [aterremiss, bifall]
    assert a.gallande_beslut == bifall


def test_andra_omgangens_samverkan_efter_aterremissmotet_godtas() -> None:
    a = i_skede(Skede.PA_DAGORDNING)
    a.besluta(
        Utfall.ATERREMISS,
        12,
        omedelbar_justering=False,
        nytt_sammantrade=date(2008, 5, 16),
        idag=IDAG,
    )
    a.registrera_samverkan(date(2008, 5, 14), "Samverkat på nytt.", idag=IDAG)
    a.faststall_forslag(date(2008, 5, 15), ["Förvaltningschefen"], FORSLAG, idag=IDAG)
    a.satt_pa_dagordning(date(2008, 5, 16))
    a.besluta(Utfall.BIFALL, 40, omedelbar_justering=True, idag=IDAG)
    assert a.skede is Skede.BESLUTAT


def test_andra_omgangens_samverkan_fore_aterremissmotet_vagras() -> None:
    a = i_skede(Skede.PA_DAGORDNING)
    a.besluta(
        Utfall.ATERREMISS,
        12,
        omedelbar_justering=False,
        nytt_sammantrade=date(2008, 5, 16),
        idag=IDAG,
    )
    avvisas(
        a,
        OgiltigUppgift,
        lambda x: x.registrera_samverkan(date(2008, 4, 22), "", idag=IDAG),
        "Samverkan",
    )


def test_bordlaggning_behaller_dagordningen_med_nytt_sammantrade() -> None:
    a = i_skede(Skede.PA_DAGORDNING)
    nytt = date(2008, 5, 16)
    bordlagt = a.besluta(
        Utfall.BORDLAGGNING, 12, omedelbar_justering=False, nytt_sammantrade=nytt, idag=IDAG
    )
    assert a.skede is Skede.PA_DAGORDNING
    assert a.sammantrade == nytt
    assert a.planerat_sammantrade == nytt
    assert a.omgang == 1
    assert a.samverkan is not None and a.faststallande is not None
    assert bordlagt.sammantrade == SAMMANTRADE
    assert a.gallande_beslut is None
    # Decided at the new sammanträde, justerad there.
    bifall = a.besluta(Utfall.BIFALL, 3, omedelbar_justering=True, idag=IDAG)
    assert bifall.sammantrade == nytt
    avvisas(
        a,
        OgiltigUppgift,
        lambda x: x.justera(SAMMANTRADE, ORDFORANDE, ["Bo Justerare"], idag=IDAG),
        "omedelbart justerad",
    )
    a.justera(nytt, ORDFORANDE, ["Bo Justerare"], idag=IDAG)
    assert a.skede is Skede.JUSTERAT
    assert a.beslut == [bordlagt, bifall]
    assert a.gallande_beslut == bifall


def test_bordlaggning_till_sista_dag_godtas() -> None:
    a = i_skede(Skede.PA_DAGORDNING)
    a.besluta(
        Utfall.BORDLAGGNING,
        12,
        omedelbar_justering=False,
        nytt_sammantrade=SISTA_DAG,
        idag=IDAG,
    )
    assert a.sammantrade == date(2008, 5, 19)


def test_gallande_beslut_hoppar_over_aterremiss_och_bordlaggning() -> None:
    a = i_skede(Skede.FORSLAG_FASTSTALLT)
    a.satt_pa_dagordning(date(2008, 4, 29))
    a.besluta(
        Utfall.ATERREMISS,
        4,
        omedelbar_justering=False,
        nytt_sammantrade=date(2008, 5, 6),
        idag=IDAG,
    )
    assert a.gallande_beslut is None
    a.registrera_samverkan(date(2008, 5, 5), "", idag=IDAG)
    a.faststall_forslag(date(2008, 5, 5), ["Förvaltningschefen"], FORSLAG, idag=IDAG)
    a.satt_pa_dagordning(date(2008, 5, 6))
    a.besluta(
        Utfall.BORDLAGGNING,
        9,
        omedelbar_justering=False,
        nytt_sammantrade=SAMMANTRADE,
        idag=IDAG,
    )
    assert a.gallande_beslut is None
    avslag = a.besluta(Utfall.AVSLAG, 21, omedelbar_justering=False, idag=IDAG)
    assert [b.utfall for b in a.beslut] == [Utfall.ATERREMISS, Utfall.BORDLAGGNING, Utfall.AVSLAG]
    assert [b.omgang for b in a.beslut] == [1, 2, 2]
    assert a.gallande_beslut == avslag


@pytest.mark.parametrize(
    ("utfall", "avgor"),
    [pytest.param(u, u not in (Utfall.ATERREMISS, Utfall.BORDLAGGNING), id=u.name) for u in Utfall],
)
def test_utfall_avgor_arendet(utfall: Utfall, avgor: bool) -> None:
    assert utfall.avgor_arendet is avgor


# -- every guard: refused with the right error, a Swedish message, nothing changed -------

Start = Callable[[], Arende]


def _i(skede: Skede) -> Start:
    return lambda: i_skede(skede)


VAGRADE = [
    # samverkan
    pytest.param(
        _i(Skede.UNDER_BEREDNING),
        lambda a: a.registrera_samverkan(date(2008, 5, 14), "", idag=IDAG),
        OgiltigUppgift,
        ("efter sammanträdet", "14 maj 2008", "13 maj 2008"),
        id="samverkan-efter-sammantradet",
    ),
    pytest.param(
        _i(Skede.UNDER_BEREDNING),
        lambda a: a.registrera_samverkan(date(2008, 4, 13), "", idag=IDAG),
        OgiltigUppgift,
        ("före registreringen", "13 april 2008", "14 april 2008"),
        id="samverkan-fore-registrering",
    ),
    pytest.param(
        _i(Skede.UNDER_BEREDNING),
        lambda a: a.registrera_samverkan(SAMVERKAT, "rad\x00", idag=IDAG),
        OgiltigUppgift,
        ("Anteckningen", "styrtecken"),
        id="samverkan-styrtecken",
    ),
    # fastställande
    pytest.param(
        _i(Skede.SAMVERKAT),
        lambda a: a.faststall_forslag(
            date(2008, 4, 21), ["Förvaltningschefen"], FORSLAG, idag=IDAG
        ),
        OgiltigUppgift,
        ("före samverkan", "21 april 2008"),
        id="faststallande-fore-samverkan",
    ),
    pytest.param(
        _i(Skede.SAMVERKAT),
        lambda a: a.faststall_forslag(FASTSTALLT, [], FORSLAG, idag=IDAG),
        OgiltigUppgift,
        ("minst en chef",),
        id="faststallande-utan-undertecknare",
    ),
    pytest.param(
        _i(Skede.SAMVERKAT),
        lambda a: a.faststall_forslag(FASTSTALLT, ["Förvaltningschefen"], [], idag=IDAG),
        OgiltigUppgift,
        ("inget förslag till beslut att fastställa", str(DNR)),
        id="faststallande-utan-forslag",
    ),
    pytest.param(
        _i(Skede.SAMVERKAT),
        lambda a: a.faststall_forslag(FASTSTALLT, ["Förvaltningschefen"], ["  "], idag=IDAG),
        OgiltigUppgift,
        ("Punkt 1 i förslaget till beslut", "saknas: fyll i det fältet"),
        id="faststallande-tom-punkt",
    ),
    pytest.param(
        _i(Skede.SAMVERKAT),
        lambda a: a.faststall_forslag(FASTSTALLT, ["Förvaltningschefen", "  "], FORSLAG, idag=IDAG),
        OgiltigUppgift,
        ("Undertecknarens namn", "saknas: fyll i det fältet"),
        id="faststallande-tom-undertecknare",
    ),
    # dagordning
    pytest.param(
        _i(Skede.FORSLAG_FASTSTALLT),
        lambda a: a.satt_pa_dagordning(date(2008, 4, 23)),
        OgiltigUppgift,
        ("före fastställandet", "23 april 2008"),
        id="dagordning-fore-faststallandet",
    ),
    # beslut
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(Utfall.BIFALL, 0, omedelbar_justering=False, idag=IDAG),
        OgiltigUppgift,
        ("Paragrafnumret", "positivt heltal"),
        id="beslut-paragraf-0",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(Utfall.BIFALL, -3, omedelbar_justering=False, idag=IDAG),
        OgiltigUppgift,
        ("Paragrafnumret", "-3"),
        id="beslut-paragraf-negativ",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(Utfall.ATERREMISS, 12, omedelbar_justering=True, idag=IDAG),
        OgiltigUppgift,
        ("Omedelbar justering", "återremiss"),
        id="beslut-omedelbar-vid-aterremiss",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(
            Utfall.BORDLAGGNING,
            12,
            omedelbar_justering=True,
            nytt_sammantrade=date(2008, 5, 16),
            idag=IDAG,
        ),
        OgiltigUppgift,
        ("Omedelbar justering", "bordläggning"),
        id="beslut-omedelbar-vid-bordlaggning",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(Utfall.ANDRAT_BESLUT, 12, omedelbar_justering=False, idag=IDAG),
        OgiltigUppgift,
        ("Beslutstexten", "saknas: fyll i det fältet"),
        id="andrat-beslut-utan-text",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(
            Utfall.ANDRAT_BESLUT, 12, omedelbar_justering=False, beslutstext=" \n ", idag=IDAG
        ),
        OgiltigUppgift,
        ("Beslutstexten", "saknas: fyll i det fältet"),
        id="andrat-beslut-blank-text",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(Utfall.BORDLAGGNING, 12, omedelbar_justering=False, idag=IDAG),
        OgiltigUppgift,
        ("Ange det sammanträde", "bordläggs"),
        id="bordlaggning-utan-datum",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(
            Utfall.BORDLAGGNING,
            12,
            omedelbar_justering=False,
            nytt_sammantrade=SAMMANTRADE,
            idag=IDAG,
        ),
        OgiltigUppgift,
        ("senare sammanträde", "13 maj 2008"),
        id="bordlaggning-samma-dag",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(
            Utfall.BORDLAGGNING,
            12,
            omedelbar_justering=False,
            nytt_sammantrade=date(2008, 5, 6),
            idag=IDAG,
        ),
        OgiltigUppgift,
        ("senare sammanträde",),
        id="bordlaggning-tidigare-dag",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(
            Utfall.BORDLAGGNING,
            12,
            omedelbar_justering=False,
            nytt_sammantrade=date(2008, 5, 20),
            idag=IDAG,
        ),
        OgiltigUppgift,
        ("efter ärendets sista dag", "20 maj 2008", "19 maj 2008"),
        id="bordlaggning-efter-sista-dag",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(
            Utfall.BIFALL,
            12,
            omedelbar_justering=False,
            nytt_sammantrade=date(2008, 5, 16),
            idag=IDAG,
        ),
        OgiltigUppgift,
        ("nytt sammanträde", "bordläggs"),
        id="nytt-sammantrade-utan-bordlaggning",
    ),
    # justering
    pytest.param(
        _i(Skede.BESLUTAT),
        lambda a: a.justera(date(2008, 5, 14), ORDFORANDE, ["Bo Justerare"], idag=IDAG),
        OgiltigUppgift,
        ("omedelbart justerad", "13 maj 2008", "14 maj 2008"),
        id="omedelbar-justering-annan-dag",
    ),
    pytest.param(
        beslutat_utan_omedelbar_justering,
        lambda a: a.justera(date(2008, 5, 12), ORDFORANDE, ["Bo Justerare"], idag=IDAG),
        OgiltigUppgift,
        ("före sammanträdet", "12 maj 2008"),
        id="justering-fore-sammantradet",
    ),
    pytest.param(
        _i(Skede.BESLUTAT),
        lambda a: a.justera(
            SAMMANTRADE, ORDFORANDE, ["Bo Justerare", "anna ordförande"], idag=IDAG
        ),
        OgiltigUppgift,
        ("ordförande", "också vara justerare"),
        id="ordforande-som-justerare",
    ),
    pytest.param(
        _i(Skede.BESLUTAT),
        lambda a: a.justera(SAMMANTRADE, ORDFORANDE, [], idag=IDAG),
        OgiltigUppgift,
        ("minst en justerare",),
        id="inga-justerare",
    ),
    pytest.param(
        _i(Skede.BESLUTAT),
        lambda a: a.justera(SAMMANTRADE, ORDFORANDE, ["  "], idag=IDAG),
        OgiltigUppgift,
        ("Justerarens namn", "saknas: fyll i det fältet"),
        id="tom-justerare",
    ),
    pytest.param(
        _i(Skede.BESLUTAT),
        lambda a: a.justera(SAMMANTRADE, "", ["Bo Justerare"], idag=IDAG),
        OgiltigUppgift,
        ("Ordförandens namn", "saknas: fyll i det fältet"),
        id="tom-ordforande",
    ),
    # anslag, expediering, avslut
    pytest.param(
        _i(Skede.JUSTERAT),
        lambda a: a.ansla(date(2008, 5, 12), idag=IDAG),
        OgiltigUppgift,
        ("Anslaget", "före justeringen", "12 maj 2008"),
        id="anslag-fore-justering",
    ),
    pytest.param(
        _i(Skede.ANSLAGET),
        lambda a: a.expediera(date(2008, 5, 12), ["Stadsledningskontoret"], idag=IDAG),
        OgiltigUppgift,
        ("expedieras", "före justeringen"),
        id="expediering-fore-justering",
    ),
    pytest.param(
        _i(Skede.ANSLAGET),
        lambda a: a.expediera(EXPEDIERAT, [], idag=IDAG),
        OgiltigUppgift,
        ("minst en mottagare",),
        id="expediering-utan-mottagare",
    ),
    pytest.param(
        _i(Skede.EXPEDIERAT),
        lambda a: a.avsluta(date(2008, 5, 14), idag=IDAG),
        OgiltigUppgift,
        ("avslutas", "före expedieringen", "15 maj 2008"),
        id="avslut-fore-expediering",
    ),
]

# Each dated action, with "today" the day before the date it records.
I_FRAMTIDEN = [
    pytest.param(
        _i(Skede.UNDER_BEREDNING),
        lambda a: a.registrera_samverkan(SAMVERKAT, "", idag=date(2008, 4, 21)),
        OgiltigUppgift,
        ("Datumet för samverkan", "22 april 2008", "i framtiden"),
        id="framtid-samverkan",
    ),
    pytest.param(
        _i(Skede.SAMVERKAT),
        lambda a: a.faststall_forslag(
            FASTSTALLT, ["Förvaltningschefen"], FORSLAG, idag=date(2008, 4, 23)
        ),
        OgiltigUppgift,
        ("fastställandet", "24 april 2008", "i framtiden"),
        id="framtid-faststallande",
    ),
    pytest.param(
        _i(Skede.PA_DAGORDNING),
        lambda a: a.besluta(Utfall.BIFALL, 12, omedelbar_justering=True, idag=date(2008, 5, 12)),
        OgiltigUppgift,
        ("Sammanträdet", "13 maj 2008", "i framtiden"),
        id="framtid-beslut",
    ),
    pytest.param(
        _i(Skede.BESLUTAT),
        lambda a: a.justera(SAMMANTRADE, ORDFORANDE, ["Bo Justerare"], idag=date(2008, 5, 12)),
        OgiltigUppgift,
        ("Justeringsdatumet", "13 maj 2008", "i framtiden"),
        id="framtid-justering",
    ),
    pytest.param(
        _i(Skede.JUSTERAT),
        lambda a: a.ansla(ANSLAGET, idag=date(2008, 5, 13)),
        OgiltigUppgift,
        ("Anslagsdatumet", "14 maj 2008", "i framtiden"),
        id="framtid-anslag",
    ),
    pytest.param(
        _i(Skede.ANSLAGET),
        lambda a: a.expediera(EXPEDIERAT, ["Stadsledningskontoret"], idag=date(2008, 5, 14)),
        OgiltigUppgift,
        ("Expedieringsdatumet", "15 maj 2008", "i framtiden"),
        id="framtid-expediering",
    ),
    pytest.param(
        _i(Skede.EXPEDIERAT),
        lambda a: a.avsluta(AVSLUTAT, idag=date(2008, 5, 19)),
        OgiltigUppgift,
        ("Avslutsdatumet", "20 maj 2008", "i framtiden"),
        id="framtid-avslut",
    ),
]


@pytest.mark.parametrize(("start", "handling", "felklass", "nyckelord"), VAGRADE + I_FRAMTIDEN)
def test_vaktet_vagrar_och_lamnar_arendet_orort(
    start: Start,
    handling: Callable[[Arende], object],
    felklass: type[ArendeFel],
    nyckelord: tuple[str, ...],
) -> None:
    a = start()
    skede = a.skede
    avvisas(a, felklass, handling, *nyckelord)
    assert a.skede is skede


# The same dated actions on the boundary: the date is today, which is not the future.
PA_DAGEN = [
    pytest.param(
        Skede.UNDER_BEREDNING,
        lambda a: a.registrera_samverkan(SAMVERKAT, "", idag=SAMVERKAT),
        id="samverkan",
    ),
    pytest.param(
        Skede.SAMVERKAT,
        lambda a: a.faststall_forslag(FASTSTALLT, ["Förvaltningschefen"], FORSLAG, idag=FASTSTALLT),
        id="faststallande",
    ),
    pytest.param(
        Skede.PA_DAGORDNING,
        lambda a: a.besluta(Utfall.BIFALL, 12, omedelbar_justering=True, idag=SAMMANTRADE),
        id="beslut",
    ),
    pytest.param(
        Skede.BESLUTAT,
        lambda a: a.justera(SAMMANTRADE, ORDFORANDE, ["Bo Justerare"], idag=SAMMANTRADE),
        id="justering",
    ),
    pytest.param(Skede.JUSTERAT, lambda a: a.ansla(ANSLAGET, idag=ANSLAGET), id="anslag"),
    pytest.param(
        Skede.ANSLAGET,
        lambda a: a.expediera(EXPEDIERAT, ["Stadsledningskontoret"], idag=EXPEDIERAT),
        id="expediering",
    ),
    pytest.param(Skede.EXPEDIERAT, lambda a: a.avsluta(AVSLUTAT, idag=AVSLUTAT), id="avslut"),
]


@pytest.mark.parametrize(("skede", "handling"), PA_DAGEN)
def test_datum_idag_godtas(skede: Skede, handling: Callable[[Arende], object]) -> None:
    a = i_skede(skede)
    handling(a)
    assert a.skede.ordning == skede.ordning + 1


# Boundaries the guards must let through.
GRANSFALL = [
    pytest.param(
        Skede.UNDER_BEREDNING,
        lambda a: a.registrera_samverkan(REGISTRERAT, "", idag=IDAG),
        id="samverkan-pa-registreringsdagen",
    ),
    pytest.param(
        Skede.UNDER_BEREDNING,
        lambda a: a.registrera_samverkan(SAMMANTRADE, "", idag=IDAG),
        id="samverkan-pa-sammantradesdagen",
    ),
    pytest.param(
        Skede.SAMVERKAT,
        lambda a: a.faststall_forslag(SAMVERKAT, ["Förvaltningschefen"], FORSLAG, idag=IDAG),
        id="faststallande-samma-dag-som-samverkan",
    ),
    pytest.param(
        Skede.FORSLAG_FASTSTALLT,
        lambda a: a.satt_pa_dagordning(FASTSTALLT),
        id="sammantrade-samma-dag-som-faststallandet",
    ),
    pytest.param(
        Skede.JUSTERAT,
        lambda a: a.ansla(SAMMANTRADE, idag=IDAG),
        id="anslag-samma-dag-som-justeringen",
    ),
    pytest.param(
        Skede.EXPEDIERAT,
        lambda a: a.avsluta(EXPEDIERAT, idag=IDAG),
        id="avslut-samma-dag-som-expedieringen",
    ),
]


@pytest.mark.parametrize(("skede", "handling"), GRANSFALL)
def test_gransfall_godtas(skede: Skede, handling: Callable[[Arende], object]) -> None:
    a = i_skede(skede)
    handling(a)
    assert a.skede.ordning == skede.ordning + 1


def test_anslag_och_expediering_samma_dag_som_omedelbar_justering() -> None:
    a = i_skede(Skede.JUSTERAT)
    a.ansla(SAMMANTRADE, idag=IDAG)
    a.expediera(SAMMANTRADE, ["Stadsledningskontoret"], idag=IDAG)
    assert a.skede is Skede.EXPEDIERAT
    assert a.expediering is not None and a.expediering.datum == SAMMANTRADE
