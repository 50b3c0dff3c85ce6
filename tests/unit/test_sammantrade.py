"""The sammanträde: kallelse, närvaro, beslut, protokoll, justering by signature and anslag.

The scenario is Socialtjänstnämnden's sammanträde on Tuesday 13 May 2008 (seed 000's
meeting): eleven ledamöter, five ärenden, paragrafer § 45–50. Every refused call must leave
the sammanträde equal to a deepcopy taken before it. The holiday dates are pinned here
from the almanac: Sveriges nationaldag 6 June 2008 (a Friday), midsommarafton 19 June 2026
(a Friday) and midsommardagen 20 June 2026.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from arende.adapters.aggregatjson import fran_json, till_json
from arende.domain.fel import ArendeFel, BehorighetSaknas, OgiltigUppgift, OtillatenOvergang
from arende.domain.sammantrade.dagordning import (
    VAL_AV_JUSTERARE,
    Bordlagt,
    Dagordningspunkt,
    nasta_dagordning,
)
from arende.domain.sammantrade.justering import Anslag, OmedelbarJustering, Signaturroll
from arende.domain.sammantrade.mote import Sammantrade, Sammantradesstatus
from arende.domain.sammantrade.narvaro import (
    Ledamot,
    Ledamotsroll,
    NarvarandeErsattare,
    Narvaro,
    Tjansteman,
)
from arende.domain.sammantrade.omrostning import Omrostning, Rostval, Yrkande
from arende.domain.skeden import Utfall
from tests.unit.kalendrar import HandskrivenKalender

D = date.fromisoformat
S = Sammantradesstatus
IDAG = D("2026-11-23")
NAMND = "Socialtjänstnämnden"
DATUM = D("2008-05-13")  # tisdag
UTSKICK = D("2008-05-06")
FORSTA_PARAGRAF = 45

KALENDER = HandskrivenKalender(
    {
        D("2008-05-01"): "Kristi himmelsfärds dag",
        D("2008-06-06"): "Sveriges nationaldag",
        D("2008-06-20"): "Midsommarafton",
        D("2008-06-21"): "Midsommardagen",
        D("2026-06-06"): "Sveriges nationaldag",
        D("2026-06-19"): "Midsommarafton",
        D("2026-06-20"): "Midsommardagen",
    }
)

ORDF = "Anna Lind"
VICE = "Bo Ek"
JUSTERARE = ("Cecilia Berg", "David Holm")
LEDAMOTER = (
    Ledamot(ORDF, Ledamotsroll.ORDFORANDE, "S"),
    Ledamot(VICE, Ledamotsroll.VICE_ORDFORANDE, "M"),
    Ledamot("Cecilia Berg", Ledamotsroll.LEDAMOT, "S"),
    Ledamot("David Holm", Ledamotsroll.LEDAMOT, "M"),
    Ledamot("Eva Sjö", Ledamotsroll.LEDAMOT, "S"),
    Ledamot("Fredrik Ås", Ledamotsroll.LEDAMOT, "M"),
    Ledamot("Gun Lund", Ledamotsroll.LEDAMOT, "V"),
    Ledamot("Hans Dal", Ledamotsroll.LEDAMOT, "L"),
    Ledamot("Ingrid Strand", Ledamotsroll.LEDAMOT, "MP"),
    Ledamot("Jonas Vik", Ledamotsroll.LEDAMOT, "C"),
    Ledamot("Karin Mo", Ledamotsroll.LEDAMOT, "KD"),
    Ledamot("Lars Bro", Ledamotsroll.ERSATTARE, "KD"),
    Ledamot("Maria Fors", Ledamotsroll.ERSATTARE, "S"),
    Ledamot("Nils Hed", Ledamotsroll.ERSATTARE, "M"),
)
NARVARANDE_LEDAMOTER = tuple(
    m.namn for m in LEDAMOTER if m.roll is not Ledamotsroll.ERSATTARE and m.namn != "Karin Mo"
)
# Karin Mo is away; Lars Bro tjänstgör for her; Maria Fors only listens.
NARVARO = Narvaro(
    ledamoter=NARVARANDE_LEDAMOTER,
    ersattare=(
        NarvarandeErsattare("Lars Bro", tjanstgor_for="Karin Mo"),
        NarvarandeErsattare("Maria Fors"),
    ),
    ovriga=(Tjansteman("Petra Nord", "nämndsekreterare"),),
)
TJANSTGORANDE = (*NARVARANDE_LEDAMOTER, "Lars Bro")

P_NOMINERING = Dagordningspunkt(
    "SoN 2008/17",
    "Stadens kvalitetsutmärkelse 2008",
    (
        "Socialtjänstnämnden nominerar Stödboendet Gåsen till Stadens kvalitetsutmärkelse 2008.",
        "Paragrafen förklaras omedelbart justerad.",
    ),
)
P_VERKSAMHETSPLAN = Dagordningspunkt(
    "SoN 2008/21", "Verksamhetsplan 2009", ("Nämnden godkänner verksamhetsplanen för 2009.",)
)
P_LOKALER = Dagordningspunkt(
    "SoN 2008/23", "Nya lokaler för Vuxenenheten", ("Nämnden godkänner hyresavtalet.",)
)
P_TAXOR = Dagordningspunkt("SoN 2008/30", "Taxor för färdtjänst", ("Nämnden fastställer taxorna.",))
P_REMISS = Dagordningspunkt(
    "SoN 2008/31", "Remissvar om hemlöshetsstrategin", ("Nämnden besvarar remissen.",)
)
PUNKTER = (P_NOMINERING, P_VERKSAMHETSPLAN, P_LOKALER, P_TAXOR, P_REMISS)

SHA_V1 = hashlib.sha256(b"protokoll version 1").hexdigest()
SHA_V2 = hashlib.sha256(b"protokoll version 2").hexdigest()


def kl(dag: date, timme: int = 10, minut: int = 0) -> datetime:
    return datetime(dag.year, dag.month, dag.day, timme, minut)


def roster(
    ja: tuple[str, ...] = (), nej: tuple[str, ...] = (), avstar: tuple[str, ...] = ()
) -> tuple[tuple[str, Rostval], ...]:
    return (
        tuple((n, Rostval.JA) for n in ja)
        + tuple((n, Rostval.NEJ) for n in nej)
        + tuple((n, Rostval.AVSTAR) for n in avstar)
    )


# 6–5: the first six tjänstgörande vote ja, the other five nej.
ROSTER_6_5 = roster(ja=TJANSTGORANDE[:6], nej=TJANSTGORANDE[6:])
# 5–5 with one abstention; the ordförande (Anna Lind) votes nej and breaks the tie.
ROSTER_LIKA = roster(
    ja=TJANSTGORANDE[5:10], nej=(ORDF, *TJANSTGORANDE[1:5]), avstar=(TJANSTGORANDE[10],)
)


# -- builders: a sammanträde in each status --------------------------------------------


def ny(datum: date = DATUM) -> Sammantrade:
    return Sammantrade.planera(NAMND, datum, "Förvaltningshuset, sammanträdesrum 1")


def kallat(datum: date = DATUM) -> Sammantrade:
    s = ny(datum)
    s.kalla(PUNKTER, datum - timedelta(days=7))
    return s


def oppna_args(datum: date = DATUM, **andringar: Any) -> dict[str, Any]:
    uppgifter: dict[str, Any] = {
        "narvarande": NARVARO,
        "ordforande": ORDF,
        "justerare": JUSTERARE,
        "justering_forsta": datum + timedelta(days=1),
        "justering_sista": datum + timedelta(days=14),
        "forsta_paragraf": FORSTA_PARAGRAF,
        "ledamoter": LEDAMOTER,
        "idag": IDAG,
        "justeringsplats": "på förvaltningens kansli",
    }
    uppgifter.update(andringar)
    return uppgifter


def oppnat(datum: date = DATUM) -> Sammantrade:
    s = kallat(datum)
    s.oppna(**oppna_args(datum))
    return s


def besluta_allt(s: Sammantrade) -> None:
    """§ 46 bifall omedelbart justerad, § 47 bifall efter omröstning 6–5, § 48 ändrat beslut
    efter lika röstetal, § 49 bordläggning, § 50 återremiss."""
    s.besluta("SoN 2008/17", [], Utfall.BIFALL, omedelbart_justerad=True)
    s.besluta(
        "SoN 2008/21",
        [
            Yrkande(1, "Eva Sjö", "Bifall till förvaltningens förslag."),
            Yrkande(2, VICE, "Avslag på förvaltningens förslag."),
        ],
        Utfall.BIFALL,
        omrostning=Omrostning("Bifall till förslaget", "Avslag", ROSTER_6_5),
    )
    s.besluta(
        "SoN 2008/23",
        [
            Yrkande(1, "Gun Lund", "Bifall till förvaltningens förslag."),
            Yrkande(2, ORDF, "Hyresavtalet godkänns för tre år i stället för fem."),
        ],
        Utfall.ANDRAT_BESLUT,
        beslutstext="Nämnden godkänner hyresavtalet för tre år.",
        omrostning=Omrostning("Gun Lunds yrkande", "Anna Linds yrkande", ROSTER_LIKA),
    )
    s.besluta(
        "SoN 2008/30",
        [Yrkande(1, VICE, "Ärendet bordläggs.")],
        Utfall.BORDLAGGNING,
        nytt_sammantrade=s.datum + timedelta(days=28),
    )
    s.besluta(
        "SoN 2008/31",
        [Yrkande(1, "Hans Dal", "Ärendet återremitteras för ytterligare beredning.")],
        Utfall.ATERREMISS,
        nytt_sammantrade=s.datum + timedelta(days=126),
    )


def beslutat(datum: date = DATUM) -> Sammantrade:
    s = oppnat(datum)
    besluta_allt(s)
    return s


def avslutat(datum: date = DATUM) -> Sammantrade:
    s = beslutat(datum)
    for nummer in range(46, 51):
        s.markera_protokollsutdrag(nummer)
    s.stang(datum)
    return s


def justerat(datum: date = DATUM, dag: date | None = None) -> Sammantrade:
    s = avslutat(datum)
    dag = dag or datum + timedelta(days=2)
    for namn in (ORDF, *JUSTERARE):
        s.signera(namn, kl(dag), SHA_V1, SHA_V1)
    return s


def anslaget(datum: date = DATUM) -> Sammantrade:
    s = justerat(datum)
    assert s.justeringsdatum is not None
    s.ansla(s.justeringsdatum + timedelta(days=1), KALENDER)
    return s


I_STATUS: dict[Sammantradesstatus, Callable[[], Sammantrade]] = {
    S.PLANERAT: ny,
    S.KALLAT: kallat,
    S.PAGAR: oppnat,
    S.AVSLUTAT: avslutat,
    S.JUSTERAT: justerat,
    S.ANSLAGET: anslaget,
}


def avvisas(
    s: Sammantrade,
    felklass: type[ArendeFel],
    handling: Callable[[Sammantrade], object],
    *nyckelord: str,
) -> str:
    """The call raises exactly `felklass`, its message holds every keyword, and the
    sammanträde is left exactly as it was."""
    fore = copy.deepcopy(s)
    with pytest.raises(ArendeFel) as info:
        handling(s)
    assert type(info.value) is felklass, f"{type(info.value).__name__}: {info.value}"
    meddelande = str(info.value)
    for ord_ in nyckelord:
        assert ord_ in meddelande, meddelande
    assert dataclasses.asdict(s) == dataclasses.asdict(fore)
    assert s == fore
    return meddelande


# -- every action in every status --------------------------------------------------------

HANDLINGAR: dict[str, Callable[[Sammantrade], object]] = {
    "kalla": lambda s: s.kalla(PUNKTER, UTSKICK),
    "andra_dagordning": lambda s: s.andra_dagordning(PUNKTER[:4], D("2008-05-08")),
    "oppna": lambda s: s.oppna(**oppna_args()),
    "besluta": lambda s: s.besluta("SoN 2008/21", [], Utfall.BIFALL),
    "markera_protokollsutdrag": lambda s: s.markera_protokollsutdrag(45),
    "stang": lambda s: s.stang(DATUM),
    "signera": lambda s: s.signera(ORDF, kl(D("2008-05-15")), SHA_V1, SHA_V1),
    "ansla": lambda s: s.ansla(D("2008-05-16"), KALENDER),
}
KRAV: dict[str, Sammantradesstatus] = {
    "kalla": S.PLANERAT,
    "andra_dagordning": S.KALLAT,
    "oppna": S.KALLAT,
    "besluta": S.PAGAR,
    "markera_protokollsutdrag": S.PAGAR,
    "stang": S.PAGAR,
    "signera": S.AVSLUTAT,
    "ansla": S.JUSTERAT,
}
FORM = {
    S.PLANERAT: "planerat",
    S.KALLAT: "kallat",
    S.PAGAR: "öppnat",
    S.AVSLUTAT: "avslutat",
    S.JUSTERAT: "justerat",
    S.ANSLAGET: "anslaget",
}
OTILLATNA = [
    pytest.param(status, h, id=f"{status.name}-{h}")
    for h in HANDLINGAR
    for status in Sammantradesstatus
    if status is not KRAV[h]
]


@pytest.mark.parametrize("status", list(Sammantradesstatus), ids=lambda s: s.name)
def test_hjalparen_nar_varje_status(status: Sammantradesstatus) -> None:
    assert I_STATUS[status]().status is status


@pytest.mark.parametrize(("status", "handling"), OTILLATNA)
def test_handlingen_vagras_i_fel_status(status: Sammantradesstatus, handling: str) -> None:
    s = I_STATUS[status]()
    meddelande = avvisas(s, OtillatenOvergang, HANDLINGAR[handling], "13 maj 2008")
    if status.ordning > KRAV[handling].ordning:
        assert meddelande.startswith(f"Sammanträdet den 13 maj 2008 är redan {FORM[status]}:")
    else:
        assert "innan" in meddelande
        assert meddelande.endswith(f"sammanträdet den 13 maj 2008 är {FORM[status]}.")


def test_justerat_sammantrade_sager_att_det_ar_justerat() -> None:
    avvisas(
        justerat(),
        OtillatenOvergang,
        HANDLINGAR["signera"],
        "Sammanträdet den 13 maj 2008 är redan justerat",
    )


# -- kallelse och dagordning -------------------------------------------------------------


def test_kallelsen_ger_dagordningens_version_1() -> None:
    s = kallat()
    assert s.status is S.KALLAT
    assert s.dagordning is not None
    assert (s.dagordning.version, s.dagordning.utskickad) == (1, UTSKICK)
    assert s.dagordning.punkter == PUNKTER
    assert s.dagordning.rubriker[0] == VAL_AV_JUSTERARE
    assert s.dagordning.rubriker[1:] == tuple(p.titel for p in PUNKTER)


def test_andrad_dagordning_blir_ny_version_och_den_utskickade_finns_kvar() -> None:
    s = kallat()
    ny_punkt = Dagordningspunkt("SoN 2008/40", "Anmälan av delegationsbeslut", ("Läggs till.",))
    v2 = s.andra_dagordning([*PUNKTER[:4], ny_punkt], D("2008-05-09"))
    assert [d.version for d in s.dagordningar] == [1, 2]
    assert s.dagordningar[0].punkter == PUNKTER
    assert s.dagordning is v2
    s.oppna(**oppna_args())
    # SoN 2008/31 stood only on version 1: it is no longer on the dagordning.
    avvisas(
        s,
        OgiltigUppgift,
        lambda x: x.besluta("SoN 2008/31", [], Utfall.BIFALL),
        "SoN 2008/31",
        "version 2",
    )
    assert s.besluta("SoN 2008/40", [], Utfall.BIFALL).titel == "Anmälan av delegationsbeslut"


@pytest.mark.parametrize("handling", ["kalla", "andra_dagordning"])
@pytest.mark.parametrize(
    ("punkter", "nyckelord"),
    [
        pytest.param(
            (P_NOMINERING, P_TAXOR, dataclasses.replace(P_TAXOR, titel="Annan rubrik")),
            ("SoN 2008/30", "två gånger"),
            id="dnr-två-gånger",
        ),
        pytest.param(
            (P_NOMINERING, dataclasses.replace(P_TAXOR, dnr=" son  2008/17 ")),
            ("två gånger",),
            id="samma-dnr-annan-stavning",
        ),
        pytest.param((), ("inga ärenden",), id="tom"),
        pytest.param(
            (Dagordningspunkt("SoN 2008/1", VAL_AV_JUSTERARE, ("x",)),),
            ("första punkt",),
            id="val-av-justerare-är-inget-ärende",
        ),
        pytest.param(
            (dataclasses.replace(P_TAXOR, forslag=()),), ("saknar förslag",), id="utan-förslag"
        ),
        pytest.param((dataclasses.replace(P_TAXOR, titel="  "),), ("Rubriken",), id="utan-rubrik"),
    ],
)
def test_felaktig_dagordning_vagras(
    handling: str, punkter: tuple[Dagordningspunkt, ...], nyckelord: tuple[str, ...]
) -> None:
    if handling == "kalla":
        avvisas(ny(), OgiltigUppgift, lambda s: s.kalla(punkter, UTSKICK), *nyckelord)
    else:
        avvisas(
            kallat(),
            OgiltigUppgift,
            lambda s: s.andra_dagordning(punkter, D("2008-05-08")),
            *nyckelord,
        )


def test_kallelse_efter_sammantradet_och_andring_fore_forsta_utskicket_vagras() -> None:
    avvisas(ny(), OgiltigUppgift, lambda s: s.kalla(PUNKTER, D("2008-05-14")), "efter")
    avvisas(
        kallat(),
        OgiltigUppgift,
        lambda s: s.andra_dagordning(PUNKTER, D("2008-05-05")),
        "före version 1",
    )


def test_dagordningen_kan_inte_andras_efter_oppnandet() -> None:
    avvisas(
        oppnat(),
        OtillatenOvergang,
        HANDLINGAR["andra_dagordning"],
        "Sammanträdet den 13 maj 2008 är redan öppnat",
    )


# -- öppnande: beslutförhet, ordförande, justerare ----------------------------------------


def test_oppnandet_ar_paragraf_45_val_av_justerare() -> None:
    s = kallat()
    paragraf = s.oppna(**oppna_args(ordforande="  anna   LIND ", justerare=["cecilia berg"]))
    assert s.status is S.PAGAR
    assert (paragraf.nummer, paragraf.dnr, paragraf.titel) == (45, None, VAL_AV_JUSTERARE)
    assert paragraf.utfall is None and not paragraf.ar_arende
    assert paragraf.beslutstext == (
        "Nämnden utser Cecilia Berg att jämte ordföranden justera dagens protokoll. "
        "Justeringen sker mellan den 14 maj 2008 och den 27 maj 2008, på förvaltningens kansli."
    )
    # Names are stored as the nämnd's list spells them.
    assert (s.ordforande, s.justerare) == (ORDF, ("Cecilia Berg",))
    assert s.tjanstgorande == TJANSTGORANDE
    assert s.narvaro is not None
    assert s.narvaro.ej_tjanstgorande_ersattare == ("Maria Fors",)
    assert s.narvaro.ovriga == (Tjansteman("Petra Nord", "nämndsekreterare"),)
    assert s.nasta_paragraf == 46


def test_justeringstid_en_dag_utan_plats() -> None:
    s = kallat()
    paragraf = s.oppna(
        **oppna_args(
            justering_forsta=D("2008-05-20"), justering_sista=D("2008-05-20"), justeringsplats=""
        )
    )
    assert paragraf.beslutstext.endswith("Justeringen sker den 20 maj 2008.")
    assert "Cecilia Berg och David Holm" in paragraf.beslutstext


def narvaro_med(ledamoter: tuple[str, ...], *ersattare: NarvarandeErsattare) -> Narvaro:
    return Narvaro(ledamoter, tuple(ersattare))


FEM = (ORDF, VICE, "Cecilia Berg", "David Holm", "Eva Sjö")


@pytest.mark.parametrize(
    ("narvaro", "beslutfor"),
    [
        pytest.param(narvaro_med(FEM), False, id="5-av-11"),
        pytest.param(
            narvaro_med(FEM, NarvarandeErsattare("Lars Bro")),
            False,
            id="5-av-11-och-en-ersättare-som-inte-tjänstgör",
        ),
        pytest.param(
            narvaro_med(FEM, NarvarandeErsattare("Lars Bro", "Karin Mo")),
            True,
            id="6-av-11-med-tjänstgörande-ersättare",
        ),
        pytest.param(narvaro_med((*FEM, "Gun Lund")), True, id="6-av-11"),
    ],
)
def test_beslutforhet(narvaro: Narvaro, beslutfor: bool) -> None:
    s = kallat()
    if beslutfor:
        s.oppna(**oppna_args(narvarande=narvaro))
        assert len(s.tjanstgorande) == 6
    else:
        avvisas(
            s,
            OgiltigUppgift,
            lambda x: x.oppna(**oppna_args(narvarande=narvaro)),
            "inte beslutför",
            "5 av 11",
            "minst 6",
        )


@pytest.mark.parametrize(
    ("andringar", "nyckelord"),
    [
        pytest.param(
            {
                "narvarande": Narvaro(
                    tuple(n for n in NARVARANDE_LEDAMOTER if n != VICE),
                    (NarvarandeErsattare("Lars Bro", "Karin Mo"),),
                ),
                "ordforande": VICE,
            },
            ("Bo Ek", "inte närvarande"),
            id="ordförande-frånvarande",
        ),
        pytest.param({"ordforande": "Maria Fors"}, ("tjänstgör inte",), id="ordförande-ersättare"),
        pytest.param({"justerare": [ORDF]}, ("är ordförande",), id="justerare-är-ordförande"),
        pytest.param(
            {"justerare": ["Cecilia Berg", "David Holm", "Eva Sjö"]},
            ("en eller två",),
            id="tre-justerare",
        ),
        pytest.param({"justerare": []}, ("en eller två",), id="ingen-justerare"),
        pytest.param(
            {"justerare": ["Cecilia Berg", "cecilia berg"]}, ("två gånger",), id="samma-två-gånger"
        ),
        pytest.param({"justerare": ["Maria Fors"]}, ("tjänstgör inte",), id="justerare-ersättare"),
        pytest.param(
            {"justerare": ["Petra Nord"]}, ("varken ledamot eller ersättare",), id="tjänsteman"
        ),
        pytest.param(
            {"justering_forsta": D("2008-05-12")}, ("före sammanträdet",), id="justering-före"
        ),
        pytest.param(
            {"justering_sista": D("2008-05-28")},
            ("inom 14 dagar", "27 maj 2008", "28 maj 2008"),
            id="justering-efter-14-dagar",
        ),
        pytest.param(
            {"justering_forsta": D("2008-05-20"), "justering_sista": D("2008-05-19")},
            ("ligger efter den sista",),
            id="första-efter-sista",
        ),
        pytest.param({"idag": D("2008-05-12")}, ("i framtiden",), id="sammanträde-i-framtiden"),
        pytest.param({"forsta_paragraf": 0}, ("positivt heltal",), id="paragraf-0"),
        pytest.param(
            {
                "narvarande": Narvaro(
                    NARVARANDE_LEDAMOTER, (NarvarandeErsattare("Lars Bro", "Eva Sjö"),)
                )
            },
            ("Eva Sjö", "närvarande och tjänstgör själv"),
            id="ersättare-för-närvarande-ledamot",
        ),
        pytest.param(
            {
                "narvarande": Narvaro(
                    NARVARANDE_LEDAMOTER,
                    (
                        NarvarandeErsattare("Lars Bro", "Karin Mo"),
                        NarvarandeErsattare("Nils Hed", "Karin Mo"),
                    ),
                )
            },
            ("Både Lars Bro och Nils Hed",),
            id="två-ersättare-för-samma",
        ),
        pytest.param(
            {"narvarande": Narvaro((*NARVARANDE_LEDAMOTER, "Okänd Person"))},
            ("Okänd Person", "varken ledamot eller ersättare"),
            id="okänd-närvarande",
        ),
        pytest.param(
            {"narvarande": Narvaro((*NARVARANDE_LEDAMOTER, "Lars Bro"))},
            ("Lars Bro är ersättare",),
            id="ersättare-som-ledamot",
        ),
    ],
)
def test_oppnandet_vagras(andringar: dict[str, Any], nyckelord: tuple[str, ...]) -> None:
    avvisas(kallat(), OgiltigUppgift, lambda s: s.oppna(**oppna_args(**andringar)), *nyckelord)


# -- beslut ----------------------------------------------------------------------------


def test_paragraferna_numreras_vidare_fran_det_angivna_numret() -> None:
    s = beslutat()
    assert [(p.nummer, p.dnr) for p in s.paragrafer] == [
        (45, None),
        (46, "SoN 2008/17"),
        (47, "SoN 2008/21"),
        (48, "SoN 2008/23"),
        (49, "SoN 2008/30"),
        (50, "SoN 2008/31"),
    ]
    assert s.nasta_paragraf == 51
    p47 = s.paragraf(47)
    assert p47 is not None and p47.titel == "Verksamhetsplan 2009"
    assert [y.yrkande_av for y in p47.yrkanden] == ["Eva Sjö", VICE]


def test_omrostning_6_mot_5() -> None:
    s = beslutat()
    p47 = s.paragraf(47)
    assert p47 is not None and p47.omrostning is not None
    resultat = p47.omrostning.resultat
    assert (resultat.ja, resultat.nej, resultat.avstar) == (6, 5, 0)
    assert resultat.vinnare is Rostval.JA
    assert resultat.lydelse == "Bifall till förslaget"
    assert resultat.utslagsrost is False
    assert p47.omrostning.ordforande == ORDF


def test_lika_roster_avgors_av_ordforandens_utslagsrost() -> None:
    s = beslutat()
    p48 = s.paragraf(48)
    assert p48 is not None and p48.omrostning is not None
    resultat = p48.omrostning.resultat
    assert (resultat.ja, resultat.nej, resultat.avstar) == (5, 5, 1)
    assert resultat.vinnare is Rostval.NEJ
    assert resultat.lydelse == "Anna Linds yrkande"
    assert resultat.utslagsrost is True
    assert p48.utfall is Utfall.ANDRAT_BESLUT
    assert p48.beslutstext == "Nämnden godkänner hyresavtalet för tre år."


def besluta_verksamhetsplan(**andringar: Any) -> Callable[[Sammantrade], object]:
    uppgifter: dict[str, Any] = {
        "dnr": "SoN 2008/21",
        "yrkanden": [Yrkande(1, "Eva Sjö", "Bifall."), Yrkande(2, VICE, "Avslag.")],
        "utfall": Utfall.BIFALL,
        "omrostning": Omrostning("Bifall", "Avslag", ROSTER_6_5),
    }
    uppgifter.update(andringar)
    return lambda s: s.besluta(**uppgifter)


@pytest.mark.parametrize(
    ("andringar", "nyckelord"),
    [
        pytest.param(
            {"dnr": "SoN 2008/99"},
            ("SoN 2008/99", "står inte på dagordningen"),
            id="ej-på-dagordningen",
        ),
        pytest.param(
            {"yrkanden": [Yrkande(1, "Eva Sjö", "Bifall."), Yrkande(3, VICE, "Avslag.")]},
            ("utan lucka", "nummer 2 saknas"),
            id="yrkande-lucka",
        ),
        pytest.param(
            {"yrkanden": [Yrkande(1, "Eva Sjö", "Bifall."), Yrkande(1, VICE, "Avslag.")]},
            ("Yrkande 1 finns två gånger",),
            id="yrkande-samma-nummer",
        ),
        pytest.param(
            {"yrkanden": [Yrkande(1, "Maria Fors", "Bifall.")]},
            ("Maria Fors", "tjänstgör inte", "yrka"),
            id="yrkande-av-ej-tjänstgörande",
        ),
        pytest.param(
            {"yrkanden": [Yrkande(1, "Petra Nord", "Bifall.")]},
            ("varken ledamot",),
            id="yrkande-av-tjänsteman",
        ),
        pytest.param(
            {"yrkanden": [Yrkande(1, "Eva Sjö", "  ")]},
            ("Lydelsen av yrkande 1",),
            id="tomt-yrkande",
        ),
        pytest.param(
            {
                "omrostning": Omrostning(
                    "Bifall", "Avslag", (*ROSTER_6_5[:-1], ("Maria Fors", Rostval.NEJ))
                )
            },
            ("Maria Fors", "tjänstgör inte", "rösta"),
            id="fel-röstande-ersättare",
        ),
        pytest.param(
            {"omrostning": Omrostning("Bifall", "Avslag", (*ROSTER_6_5, ("Karin Mo", Rostval.JA)))},
            ("Karin Mo", "inte närvarande", "rösta"),
            id="fel-röstande-frånvarande",
        ),
        pytest.param(
            {"omrostning": Omrostning("Bifall", "Avslag", (*ROSTER_6_5, ("eva sjö", Rostval.NEJ)))},
            ("Eva Sjö har röstat två gånger",),
            id="röstar-två-gånger",
        ),
        pytest.param(
            {"omrostning": Omrostning("Bifall", "Avslag", ROSTER_6_5[:-1])},
            ("Röst saknas för Lars Bro",),
            id="röst-saknas",
        ),
        pytest.param(
            {
                "omrostning": Omrostning(
                    "Bifall",
                    "Avslag",
                    roster(ja=TJANSTGORANDE[1:6], nej=TJANSTGORANDE[6:], avstar=(ORDF,)),
                )
            },
            ("lika (5–5)", "utslagsröst"),
            id="lika-och-ordföranden-avstår",
        ),
        pytest.param(
            {
                "omrostning": Omrostning(
                    "Bifall", "Avslag", (*ROSTER_6_5[:-1], ("Lars Bro", "kanske"))
                )
            },
            ("kanske",),
            id="ogiltig-röst",
        ),
        pytest.param(
            {"omrostning": Omrostning("Bifall", " bifall ", ROSTER_6_5)},
            ("samma lydelse",),
            id="samma-propositioner",
        ),
        pytest.param(
            {
                "utfall": Utfall.BORDLAGGNING,
                "omedelbart_justerad": True,
                "nytt_sammantrade": D("2008-06-10"),
            },
            ("beslut i sak",),
            id="omedelbar-justering-av-bordläggning",
        ),
        pytest.param(
            {"utfall": Utfall.BORDLAGGNING}, ("bordläggs till",), id="bordläggning-utan-datum"
        ),
        pytest.param(
            {"utfall": Utfall.ATERREMISS, "nytt_sammantrade": DATUM},
            ("senare sammanträde",),
            id="återremiss-samma-dag",
        ),
        pytest.param(
            {"nytt_sammantrade": D("2008-06-10")},
            ("bara när ärendet bordläggs",),
            id="datum-vid-bifall",
        ),
        pytest.param(
            {"utfall": Utfall.ANDRAT_BESLUT}, ("Beslutstexten saknas",), id="ändrat-utan-text"
        ),
        pytest.param({"utfall": "kanske"}, ("Utfallet 'kanske'",), id="okänt-utfall"),
    ],
)
def test_beslutet_vagras(andringar: dict[str, Any], nyckelord: tuple[str, ...]) -> None:
    avvisas(oppnat(), OgiltigUppgift, besluta_verksamhetsplan(**andringar), *nyckelord)


def test_samma_arende_kan_inte_beslutas_tva_ganger() -> None:
    s = oppnat()
    s.besluta("SoN 2008/30", [], Utfall.BORDLAGGNING, nytt_sammantrade=D("2008-06-10"))
    avvisas(
        s,
        OtillatenOvergang,
        lambda x: x.besluta("son 2008/30", [], Utfall.BIFALL),
        "SoN 2008/30",
        "redan beslutat",
        "§ 46",
    )


def test_yrkanden_lagras_i_ordforandens_ordning() -> None:
    s = oppnat()
    p = s.besluta(
        "SoN 2008/21",
        [Yrkande(2, VICE, "Avslag."), Yrkande(1, " eva sjö ", " Bifall. ")],
        Utfall.BIFALL,
    )
    assert p.yrkanden == (Yrkande(1, "Eva Sjö", "Bifall."), Yrkande(2, VICE, "Avslag."))


# -- bordläggning och nästa dagordning ----------------------------------------------------

NASTA = D("2008-06-10")
P_NY = Dagordningspunkt("SoN 2008/44", "Tertialrapport 1", ("Nämnden godkänner rapporten.",))


def test_bordlagt_arende_star_forst_pa_nasta_dagordning() -> None:
    s = beslutat()
    bordlagda = s.bordlagda()
    assert bordlagda == (
        Bordlagt("SoN 2008/30", "Taxor för färdtjänst", P_TAXOR.forslag, DATUM, 49, NASTA),
    )
    # The återremitterade ärende (§ 50) waits for a new beredning, not for a dagordning.
    # The service may list the bordlagt ärende among the ready ones too: it appears once.
    punkter = nasta_dagordning(NASTA, bordlagda, [P_NY, P_TAXOR])
    assert [p.dnr for p in punkter] == ["SoN 2008/30", "SoN 2008/44"]
    assert punkter[0].bordlagt_den == DATUM
    nasta = ny(NASTA)
    dagordning = nasta.kalla(punkter, D("2008-06-03"))
    assert dagordning.rubriker[:2] == (VAL_AV_JUSTERARE, "Taxor för färdtjänst")


def test_arende_bordlagt_till_senare_sammantrade_hor_inte_hemma_pa_ett_tidigare() -> None:
    bordlagda = beslutat().bordlagda()
    tidigare = D("2008-06-03")
    assert nasta_dagordning(tidigare, bordlagda, [P_NY]) == (P_NY,)
    with pytest.raises(OgiltigUppgift, match="bordlades den 13 maj 2008 \\(§ 49\\)"):
        nasta_dagordning(tidigare, bordlagda, [P_NY, P_TAXOR])


def test_senaste_bordlaggningen_galler() -> None:
    forsta = Bordlagt("SoN 2008/30", "Taxor", ("x",), DATUM, 49, NASTA)
    igen = Bordlagt("SoN 2008/30", "Taxor", ("x",), NASTA, 61, D("2008-08-26"))
    assert nasta_dagordning(D("2008-06-24"), [igen, forsta], []) == ()
    assert [p.bordlagt_den for p in nasta_dagordning(D("2008-08-26"), [forsta, igen], [])] == [
        NASTA
    ]


# -- protokollsutdrag och avslut -----------------------------------------------------------


def test_avslut_kraver_protokollsutdrag_och_namner_paragraferna() -> None:
    s = beslutat()
    for nummer in (46, 48, 50):
        s.markera_protokollsutdrag(nummer)
    avvisas(
        s, OtillatenOvergang, lambda x: x.stang(DATUM), "protokollsutdrag saknas för § 47, § 49"
    )


def test_avslut_kraver_en_paragraf_for_varje_punkt() -> None:
    s = oppnat()
    s.besluta("SoN 2008/17", [], Utfall.BIFALL)
    s.markera_protokollsutdrag(46)
    avvisas(
        s,
        OtillatenOvergang,
        lambda x: x.stang(DATUM),
        "SoN 2008/21 (Verksamhetsplan 2009)",
        "SoN 2008/31",
    )


def test_avslut_upprattar_protokollet_utan_utdrag_for_val_av_justerare() -> None:
    s = avslutat()
    assert s.status is S.AVSLUTAT
    assert s.protokoll_upprattat == DATUM
    p45 = s.paragraf(45)
    assert p45 is not None and not p45.protokollsutdrag
    assert s.saknade_signaturer == (ORDF, *JUSTERARE)


@pytest.mark.parametrize(
    ("handling", "felklass", "nyckelord"),
    [
        pytest.param(
            lambda s: s.markera_protokollsutdrag(46), OtillatenOvergang, ("redan",), id="två-gånger"
        ),
        pytest.param(
            lambda s: s.markera_protokollsutdrag(99),
            OgiltigUppgift,
            ("ingen § 99", "§ 45, § 46"),
            id="okänd",
        ),
        pytest.param(
            lambda s: s.stang(D("2008-05-12")),
            OgiltigUppgift,
            ("före sammanträdet",),
            id="stäng-före",
        ),
    ],
)
def test_utdrag_och_avslut_vagras(
    handling: Callable[[Sammantrade], object], felklass: type[ArendeFel], nyckelord: tuple[str, ...]
) -> None:
    s = oppnat()
    s.besluta("SoN 2008/17", [], Utfall.BIFALL)
    s.markera_protokollsutdrag(46)
    avvisas(s, felklass, handling, *nyckelord)


# -- tiden: när sammanträdet började och slutade ----------------------------------------------


def klart_att_avsluta(borjade: str | None = "18:00") -> Sammantrade:
    """Opened at `borjade`, every ärende decided and its protokollsutdrag made."""
    s = kallat()
    s.oppna(**oppna_args(borjade=borjade))
    besluta_allt(s)
    for nummer in range(46, 51):
        s.markera_protokollsutdrag(nummer)
    return s


@pytest.mark.parametrize(
    ("skrivet", "klockan"),
    [
        ("18:00", time(18)),
        ("18.00", time(18)),  # as Swedish documents write it
        (" 9:05 ", time(9, 5)),
        ("00:00", time(0)),
        ("23:59", time(23, 59)),
    ],
)
def test_sammantradet_oppnas_vid_klockslaget(skrivet: str, klockan: time) -> None:
    s = kallat()
    s.oppna(**oppna_args(borjade=skrivet))
    assert s.borjade == klockan
    assert s.avslutades is None


def test_sammantradet_avslutas_vid_klockslaget() -> None:
    s = klart_att_avsluta("18:00")
    s.stang(DATUM, "19.30")
    assert (s.borjade, s.avslutades) == (time(18), time(19, 30))
    assert s.status is S.AVSLUTAT and s.protokoll_upprattat == DATUM


def test_oppnat_utan_klockslag_kan_avslutas_med_ett() -> None:
    """Opened before the time was asked (a sammanträde stored then): its end is taken as is."""
    s = klart_att_avsluta(None)
    s.stang(DATUM, "19:30")
    assert (s.borjade, s.avslutades) == (None, time(19, 30))


@pytest.mark.parametrize("skrivet", ["25:00", "24:00", "18:60", "18", "kl. 18", "18:00:00"])
def test_felaktigt_klockslag_vid_oppnandet_vagras(skrivet: str) -> None:
    avvisas(
        kallat(),
        OgiltigUppgift,
        lambda s: s.oppna(**oppna_args(borjade=skrivet)),
        f"Klockslaget då sammanträdet började '{skrivet}' är inget klockslag",
        "t.ex. 18:00",
    )


def test_tomt_klockslag_vid_oppnandet_vagras() -> None:
    avvisas(
        kallat(),
        OgiltigUppgift,
        lambda s: s.oppna(**oppna_args(borjade="  ")),
        "Klockslaget då sammanträdet började saknas",
    )


@pytest.mark.parametrize(
    ("slut", "nyckelord"),
    [
        pytest.param("17:00", ("avslutats kl. 17.00", "det började kl. 18.00"), id="före-start"),
        pytest.param("18:00", ("avslutats kl. 18.00",), id="samma-minut"),
        pytest.param("25:00", ("'25:00' är inget klockslag",), id="25:00"),
        pytest.param("19", ("'19' är inget klockslag",), id="bara-timmen"),
    ],
)
def test_felaktig_sluttid_vagras(slut: str, nyckelord: tuple[str, ...]) -> None:
    avvisas(klart_att_avsluta("18:00"), OgiltigUppgift, lambda s: s.stang(DATUM, slut), *nyckelord)


def test_tiderna_sparas_och_sammantraden_sparade_utan_dem_las_in() -> None:
    """The aggregate is stored whole as JSON (adapters/aggregatjson): the times go with it,
    and a sammanträde stored before they existed loads without them."""
    s = klart_att_avsluta("18:00")
    s.stang(DATUM, "19:30")
    assert fran_json(Sammantrade, till_json(s)) == s
    sparat = json.loads(till_json(s))
    assert (sparat["borjade"], sparat["avslutades"]) == ("18:00:00", "19:30:00")
    del sparat["borjade"], sparat["avslutades"]
    gammalt = fran_json(Sammantrade, json.dumps(sparat))
    assert (gammalt.borjade, gammalt.avslutades) == (None, None)
    assert dataclasses.replace(gammalt, borjade=s.borjade, avslutades=s.avslutades) == s


# -- justering ----------------------------------------------------------------------------


def test_justeringen_ar_klar_nar_alla_har_signerat() -> None:
    s = avslutat()
    s.signera("cecilia berg", kl(D("2008-05-14"), 9), SHA_V1, SHA_V1)
    s.signera(ORDF, kl(D("2008-05-16"), 15), SHA_V1, SHA_V1)
    assert s.status is S.AVSLUTAT
    assert s.saknade_signaturer == ("David Holm",)
    assert s.justeringsdatum is None
    sista = s.signera("David Holm", kl(D("2008-05-15"), 11), SHA_V1.upper(), SHA_V1)
    assert s.status is S.JUSTERAT
    # The last signature to arrive is the 15th, but the latest date signed is the 16th.
    assert s.justeringsdatum == D("2008-05-16")
    assert sista.roll is Signaturroll.JUSTERARE and sista.protokoll_sha256 == SHA_V1
    assert [(x.namn, x.roll) for x in s.signaturer] == [
        ("Cecilia Berg", Signaturroll.JUSTERARE),
        (ORDF, Signaturroll.ORDFORANDE),
        ("David Holm", Signaturroll.JUSTERARE),
    ]
    assert all(x.tidpunkt.tzinfo is not None for x in s.signaturer)


@pytest.mark.parametrize(
    ("namn", "tidpunkt", "lasta", "felklass", "nyckelord"),
    [
        pytest.param(
            ORDF,
            kl(DATUM, 16),
            SHA_V1,
            OgiltigUppgift,
            ("tidigast den 14 maj 2008", "senast den 27 maj 2008", "13 maj 2008", "för tidig"),
            id="före-första-dagen",
        ),
        pytest.param(
            ORDF,
            kl(D("2008-05-28"), 9),
            SHA_V1,
            OgiltigUppgift,
            ("gick ut den 27 maj 2008", "14 maj 2008", "28 maj 2008", "för sen"),
            id="efter-sista-dagen",
        ),
        pytest.param(
            # 22.30 UTC on the 27th is 00.30 on the 28th in Stockholm (CEST).
            ORDF,
            datetime(2008, 5, 27, 22, 30, tzinfo=UTC),
            SHA_V1,
            OgiltigUppgift,
            ("28 maj 2008", "för sen"),
            id="efter-midnatt-svensk-tid",
        ),
        pytest.param(
            "Eva Sjö",
            kl(D("2008-05-15")),
            SHA_V1,
            BehorighetSaknas,
            (
                "Eva Sjö är varken ordförande eller justerare",
                "Anna Lind",
                "Cecilia Berg och David Holm",
            ),
            id="inte-justerare",
        ),
        pytest.param(
            ORDF,
            kl(D("2008-05-15")),
            SHA_V2,
            OgiltigUppgift,
            ("Du har läst en annan version av protokollet",),
            id="annan-version",
        ),
        pytest.param(
            ORDF, kl(D("2008-05-15")), "abc", OgiltigUppgift, ("SHA-256",), id="ingen-sha256"
        ),
    ],
)
def test_signaturen_vagras(
    namn: str,
    tidpunkt: datetime,
    lasta: str,
    felklass: type[ArendeFel],
    nyckelord: tuple[str, ...],
) -> None:
    avvisas(avslutat(), felklass, lambda s: s.signera(namn, tidpunkt, lasta, SHA_V1), *nyckelord)


def test_signatur_strax_fore_midnatt_svensk_tid_ar_i_tid() -> None:
    s = avslutat()
    signatur = s.signera(ORDF, datetime(2008, 5, 27, 21, 30, tzinfo=UTC), SHA_V1, SHA_V1)
    assert signatur.tidpunkt.date() == D("2008-05-27")
    assert signatur.tidpunkt.hour == 23


def test_ingen_signerar_tva_ganger() -> None:
    s = avslutat()
    s.signera("David Holm", kl(D("2008-05-14"), 9, 5), SHA_V1, SHA_V1)
    avvisas(
        s,
        OtillatenOvergang,
        lambda x: x.signera("david holm", kl(D("2008-05-15")), SHA_V1, SHA_V1),
        "David Holm har redan signerat protokollet, den 14 maj 2008 kl. 09.05",
    )


def test_protokollet_far_inte_andras_efter_forsta_signaturen() -> None:
    s = avslutat()
    s.signera(ORDF, kl(D("2008-05-14")), SHA_V1, SHA_V1)
    avvisas(
        s,
        OgiltigUppgift,
        lambda x: x.signera("Cecilia Berg", kl(D("2008-05-15")), SHA_V2, SHA_V2),
        "ändrats sedan Anna Lind signerade",
    )


def test_omedelbart_justerade_paragrafer_ar_justerade_sammantradesdagen() -> None:
    s = avslutat()
    assert s.omedelbart_justerade == (OmedelbarJustering(46, "SoN 2008/17", DATUM),)
    assert s.justeringsdatum_for(46) == DATUM
    assert s.justeringsdatum_for(47) is None
    for namn in (ORDF, *JUSTERARE):
        s.signera(namn, kl(D("2008-05-20")), SHA_V1, SHA_V1)
    assert s.justeringsdatum_for(46) == DATUM
    assert s.justeringsdatum_for(47) == D("2008-05-20")
    assert s.justeringsdatum_for(99) is None


# -- anslag och överklagandetid -------------------------------------------------------------


def test_anslag_och_overklagandetid_over_nationaldagen_2008() -> None:
    s = justerat(dag=D("2008-05-15"))
    anslag = s.ansla(D("2008-05-16"), KALENDER)
    assert s.status is S.ANSLAGET
    # Justerat Thursday 15 May; the second day after is Saturday 17 May, so the anslag is
    # due Monday 19 May. Three weeks from Friday 16 May is Friday 6 June, nationaldagen:
    # the appeal period ends Monday 9 June.
    assert anslag == Anslag(
        datum=D("2008-05-16"),
        justeringsdatum=D("2008-05-15"),
        paragrafer=(45, 46, 47, 48, 49, 50),
        anslag_senast=D("2008-05-19"),
        overklagande_slut=D("2008-06-09"),
        laga_kraft=D("2008-06-10"),
    )
    assert not s.anslaget_for_sent
    assert s.overklagande_slut == D("2008-06-09")
    assert s.anslag_for(47) is anslag


MOTE_2026 = D("2026-06-09")


@pytest.mark.parametrize(
    ("anslagsdag", "for_sent", "overklagande_slut"),
    [
        pytest.param(D("2026-06-18"), False, D("2026-07-09"), id="dagen-efter"),
        # Justerat Wednesday 17 June; the second day after is midsommarafton, then the
        # weekend: the anslag is in time up to Monday 22 June.
        pytest.param(D("2026-06-22"), False, D("2026-07-13"), id="måndagen-efter-midsommar"),
        pytest.param(D("2026-06-23"), True, D("2026-07-14"), id="för-sent"),
    ],
)
def test_anslag_runt_midsommar_2026(
    anslagsdag: date, for_sent: bool, overklagande_slut: date
) -> None:
    s = justerat(MOTE_2026, dag=D("2026-06-17"))
    assert s.justeringsdatum == D("2026-06-17")
    anslag = s.ansla(anslagsdag, KALENDER)
    assert anslag.anslag_senast == D("2026-06-22")
    assert s.anslaget_for_sent is for_sent
    assert s.overklagande_slut == overklagande_slut
    assert anslag.laga_kraft == overklagande_slut + timedelta(days=1)


def test_overklagandetid_som_slutar_pa_midsommarafton_flyttas_till_mandagen() -> None:
    s = justerat(D("2026-05-26"), dag=D("2026-05-28"))
    anslag = s.ansla(D("2026-05-29"), KALENDER)
    # 29 May + three weeks = Friday 19 June 2026, midsommarafton (lag 1930:173 2 §).
    assert anslag.overklagande_slut == D("2026-06-22")
    assert anslag.laga_kraft == D("2026-06-23")


def test_anslag_fore_justeringen_vagras() -> None:
    s = justerat(dag=D("2008-05-15"))
    avvisas(
        s,
        OgiltigUppgift,
        lambda x: x.ansla(D("2008-05-14"), KALENDER),
        "14 maj 2008",
        "före justeringen den 15 maj 2008",
    )


def test_omedelbart_justerad_paragraf_anslas_fore_protokollets_justering() -> None:
    s = avslutat()
    omedelbart = s.ansla_omedelbart(D("2008-05-14"), KALENDER)
    assert s.status is S.AVSLUTAT
    assert omedelbart.paragrafer == (46,)
    assert (omedelbart.justeringsdatum, omedelbart.anslag_senast) == (DATUM, D("2008-05-15"))
    assert (omedelbart.overklagande_slut, omedelbart.laga_kraft) == (
        D("2008-06-04"),
        D("2008-06-05"),
    )
    avvisas(
        s,
        OgiltigUppgift,
        lambda x: x.ansla_omedelbart(D("2008-05-15"), KALENDER),
        "inga omedelbart justerade paragrafer som väntar",
    )
    for namn in (ORDF, *JUSTERARE):
        s.signera(namn, kl(D("2008-05-15")), SHA_V1, SHA_V1)
    protokollet = s.ansla(D("2008-05-16"), KALENDER)
    assert protokollet.paragrafer == (45, 47, 48, 49, 50)
    assert s.anslag_for(46) is omedelbart
    assert s.anslag_for(48) is protokollet


@pytest.mark.parametrize(
    ("status", "felklass", "datum", "nyckelord"),
    [
        pytest.param(
            S.KALLAT,
            OtillatenOvergang,
            D("2008-05-14"),
            ("innan sammanträdet har öppnats",),
            id="kallat",
        ),
        pytest.param(
            S.AVSLUTAT, OgiltigUppgift, D("2008-05-12"), ("före sammanträdet",), id="före-mötet"
        ),
        pytest.param(
            S.ANSLAGET,
            OgiltigUppgift,
            D("2008-05-20"),
            ("inga omedelbart",),
            id="redan-anslaget-med-protokollet",
        ),
    ],
)
def test_omedelbart_anslag_vagras(
    status: Sammantradesstatus, felklass: type[ArendeFel], datum: date, nyckelord: tuple[str, ...]
) -> None:
    avvisas(I_STATUS[status](), felklass, lambda s: s.ansla_omedelbart(datum, KALENDER), *nyckelord)


def test_omedelbart_anslag_utan_omedelbart_justerade_paragrafer_vagras() -> None:
    s = oppnat()
    s.besluta("SoN 2008/17", [], Utfall.BIFALL)
    avvisas(s, OgiltigUppgift, lambda x: x.ansla_omedelbart(DATUM, KALENDER), "inga omedelbart")


def test_planera_kraver_namnd() -> None:
    with pytest.raises(OgiltigUppgift, match="Nämndens namn saknas"):
        Sammantrade.planera("  ", DATUM)
