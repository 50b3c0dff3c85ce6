"""An ärende's frister, the sammanträdesplan check and the reminder rules, in the domain.

Seed 000 is the anchor: sammanträde 13 May 2008, paragraph förklarad omedelbart justerad,
anslag 14 May, so the appeal period ends 4 June and the decision has laga kraft 5 June;
the nomination is due 19 May. The calendar is written by hand (real 2008/09 fridagar) so
each case names the rule it checks without the `holidays` package.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

import pytest

from arende.domain.arende import Arende
from arende.domain.datum import STOCKHOLM
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.frister import Frist, Fristtyp, berakna_frister
from arende.domain.kalender import behover_omedelbar_justering
from arende.domain.kvalitetsutmarkelse import Utmarkelsear, utmarkelsens_frister
from arende.domain.livscykel import STANDARD
from arende.domain.organisation import Person
from arende.domain.paminnelser import (
    ESKALERING,
    chefer_for,
    kontrollera_epost,
    kontrollera_ledtider,
    paminnelsebrev,
    paminnelsetid,
    ska_skickas,
    vardagar_kvar,
)
from arende.domain.roller import Roll
from arende.domain.sammantradesplan import Sammantradesplan, planer_per_ar, prova_sammantrade
from arende.domain.skeden import Utfall
from arende.service_layer.regler import Kvalitetsutmarkelsen
from tests import seed000
from tests.fakes import FakeSystem
from tests.unit.kalendrar import HandskrivenKalender
from tests.unit.test_kalender import KALENDER

D = date.fromisoformat
KLASS = "övrig vård och omsorg"
AR_2008 = Utmarkelsear(
    ar=2008,
    klasser=("förskolor", "skolor", "äldreomsorg", KLASS, "övriga verksamheter"),
    sista_dag=D("2008-05-19"),
    utdelning=D("2008-11-25"),
)
# A year without a nomination deadline: nothing forces omedelbar justering.
AR_UTAN_SISTA_DAG = replace(AR_2008, sista_dag=None)
SENT = D("2009-12-31")  # "today" for the steps: everything in 2008 has happened


FORSLAG = ["Socialtjänstnämnden beslutar nominera Kruton."]


def registrerat(
    sammantrade: str = "2008-05-13",
    registrerat: str = "2008-04-14",
    ar: Utmarkelsear = AR_2008,
    omedelbar: bool | None = None,
) -> Arende:
    """A nomination of the year `ar`, with omedelbar justering proposed as the type's rules
    propose it (service_layer/regler.py) unless `omedelbar` says: when ordinary justering
    would miss the year's sista dag."""
    if omedelbar is None:
        omedelbar = behover_omedelbar_justering(D(sammantrade), ar.sista_dag, KALENDER)
    return Arende.registrera(
        dnr=Diarienummer("SoN", 2008, 1),
        arendetyp="nominering",
        livscykel=STANDARD,
        titel=f"Stadens kvalitetsutmärkelse {ar.ar}",
        namnd="Socialtjänstnämnden",
        handlaggare="Lena Murray",
        registreringsdatum=D(registrerat),
        planerat_sammantrade=D(sammantrade),
        uppgifter={"utmarkelsear": ar.ar, "enheter": [{"namn": "Kruton", "klass": KLASS}]},
        idag=SENT,
        sista_dag=ar.sista_dag,
        foreslagen_omedelbar_justering=omedelbar,
    )


def pa_dagordning(a: Arende, samverkan: str = "2008-05-06") -> Arende:
    a.paborja_beredning()
    a.registrera_samverkan(D(samverkan), "", idag=SENT)
    a.faststall_forslag(D(samverkan), ["Dag Helin"], FORSLAG, idag=SENT)
    a.satt_pa_dagordning(a.planerat_sammantrade)
    return a


def beslutat(a: Arende, omedelbar: bool, samverkan: str = "2008-05-06") -> Arende:
    pa_dagordning(a, samverkan).besluta(Utfall.BIFALL, 45, omedelbar_justering=omedelbar, idag=SENT)
    return a


def lista(a: Arende, ar: Utmarkelsear = AR_2008, **k: Any) -> list[Frist]:
    """The law's frister and the award's own (its sista dag, done once expedierat)."""
    egna = utmarkelsens_frister(ar, a.expediering is not None)
    return berakna_frister(a, KALENDER, egna=egna, **k)


def frister(a: Arende, ar: Utmarkelsear = AR_2008, **k: Any) -> dict[Fristtyp, Frist]:
    return {f.typ: f for f in lista(a, ar, **k)}


def datum(a: Arende, ar: Utmarkelsear = AR_2008, **k: Any) -> dict[str, str]:
    return {t.value: f.datum.isoformat() for t, f in frister(a, ar, **k).items()}


# -- seed 000 --------------------------------------------------------------------------


def test_seed000_vid_registreringen() -> None:
    a = registrerat()
    assert a.foreslagen_omedelbar_justering
    assert datum(a) == {
        "nominering": "2008-05-19",
        "justering": "2008-05-13",  # omedelbar: at the meeting
        "anslag": "2008-05-15",  # KL 8:12, two days after the expected justering
    }
    assert not any(f.klar for f in frister(a).values())


def test_seed000_hela_vagen() -> None:
    a = beslutat(registrerat(), omedelbar=True)
    a.justera(D("2008-05-13"), "Ordförande", ["Justerare"], idag=SENT)
    a.ansla(D("2008-05-14"), idag=SENT)
    f = frister(a)
    assert {t.value: x.datum.isoformat() for t, x in f.items()} == {
        "nominering": "2008-05-19",
        "justering": "2008-05-13",
        "anslag": "2008-05-15",
        "overklagande": "2008-06-04",  # KL 13:5: three weeks from the anslag 14 May
        "laga_kraft": "2008-06-05",
    }
    assert f[Fristtyp.JUSTERING].klar and f[Fristtyp.ANSLAG].klar
    assert not f[Fristtyp.NOMINERING].klar  # not yet expedierat
    assert "13 kap. 5 §" in f[Fristtyp.OVERKLAGANDE].regel
    assert "14 maj 2008" in f[Fristtyp.OVERKLAGANDE].beskrivning
    a.expediera(D("2008-05-15"), ["Stadsledningskontoret"], idag=SENT)
    assert frister(a)[Fristtyp.NOMINERING].klar


def test_seed000_i_datumordning_med_regler() -> None:
    a = beslutat(registrerat(), omedelbar=True)
    a.justera(D("2008-05-13"), "Ordförande", ["Justerare"], idag=SENT)
    a.ansla(D("2008-05-14"), idag=SENT)
    frister_ = lista(a)
    assert [f.typ for f in frister_] == [
        Fristtyp.JUSTERING,
        Fristtyp.ANSLAG,
        Fristtyp.NOMINERING,
        Fristtyp.OVERKLAGANDE,
        Fristtyp.LAGA_KRAFT,
    ]
    assert all(f.regel and f.beskrivning for f in frister_)
    assert "5 kap. 70 §" in frister_[0].regel
    assert "8 kap. 12 §" in frister_[1].regel


def test_atgard_bara_for_nominering_justering_anslag_och_tavlingsbidrag() -> None:
    assert {t for t in Fristtyp if t.kraver_atgard} == {
        Fristtyp.NOMINERING,
        Fristtyp.JUSTERING,
        Fristtyp.ANSLAG,
        Fristtyp.TAVLINGSBIDRAG,
    }


# -- ordinary justering ---------------------------------------------------------------


def test_ordinarie_justering_14_dagar_och_inget_anslag_forran_justeringen() -> None:
    a = registrerat(ar=AR_UTAN_SISTA_DAG)
    assert not a.foreslagen_omedelbar_justering
    assert datum(a, AR_UTAN_SISTA_DAG) == {"justering": "2008-05-27"}
    assert "5 kap. 69 §" in frister(a, AR_UTAN_SISTA_DAG)[Fristtyp.JUSTERING].regel


def test_namndens_egen_justeringsfrist() -> None:
    a = registrerat(ar=AR_UTAN_SISTA_DAG)
    f = frister(a, AR_UTAN_SISTA_DAG, justeringsdagar=7)[Fristtyp.JUSTERING]
    assert f.datum == D("2008-05-20")
    assert "7 dagar" in f.regel and "7 dagar" in f.beskrivning


def test_beslut_utan_omedelbar_justering_trots_forslaget() -> None:
    a = beslutat(registrerat(), omedelbar=False)
    assert datum(a) == {"nominering": "2008-05-19", "justering": "2008-05-27"}


def test_anslag_efter_ordinarie_justering() -> None:
    a = beslutat(registrerat(ar=AR_UTAN_SISTA_DAG), omedelbar=False)
    a.justera(D("2008-05-20"), "Ordförande", ["Justerare"], idag=SENT)
    f = frister(a, AR_UTAN_SISTA_DAG)
    assert f[Fristtyp.ANSLAG].datum == D("2008-05-22")
    assert f[Fristtyp.JUSTERING].klar and not f[Fristtyp.ANSLAG].klar
    assert Fristtyp.OVERKLAGANDE not in f


@pytest.mark.parametrize(
    ("sammantrade", "justering_senast"),
    [
        pytest.param("2008-06-06", "2008-06-23", id="KL 5:69 + 2 §: 20 juni midsommarafton -> 23"),
        pytest.param("2008-12-10", "2008-12-29", id="KL 5:69 + 2 §: 24 dec julafton -> 29"),
        pytest.param("2008-12-17", "2009-01-02", id="KL 5:69 + 2 §: 31 dec nyårsafton -> 2 jan"),
        pytest.param("2008-03-07", "2008-03-25", id="KL 5:69 + 2 §: 21 mars långfredag -> 25"),
        pytest.param("2008-05-17", "2008-06-02", id="KL 5:69 + 2 §: lördag 31 maj -> 2 juni"),
    ],
)
def test_justeringsfristen_flyttas_fran_fridagar(sammantrade: str, justering_senast: str) -> None:
    a = registrerat(sammantrade, registrerat="2008-01-02", ar=AR_UTAN_SISTA_DAG)
    assert frister(a, AR_UTAN_SISTA_DAG)[Fristtyp.JUSTERING].datum == D(justering_senast)


@pytest.mark.parametrize(
    ("justering", "anslag_senast"),
    [
        pytest.param("2008-12-22", "2008-12-29", id="KL 8:12 + 2 §: 24 dec julafton -> 29"),
        pytest.param("2008-12-29", "2009-01-02", id="KL 8:12 + 2 §: 31 dec nyårsafton -> 2 jan"),
        pytest.param("2008-06-18", "2008-06-23", id="KL 8:12 + 2 §: 20 juni midsommarafton -> 23"),
        pytest.param("2008-05-29", "2008-06-02", id="KL 8:12 + 2 §: lördag 31 maj -> 2 juni"),
        pytest.param("2008-04-29", "2008-05-02", id="KL 8:12 + 2 §: 1 maj -> 2 maj"),
    ],
)
def test_anslagsfristen(justering: str, anslag_senast: str) -> None:
    # Ordinary justering may be on the day of the sammanträde itself.
    a = registrerat(justering, registrerat="2008-01-02", ar=AR_UTAN_SISTA_DAG, omedelbar=False)
    a = beslutat(a, omedelbar=False, samverkan="2008-01-03")
    a.justera(D(justering), "Ordförande", ["Justerare"], idag=SENT)
    assert frister(a, AR_UTAN_SISTA_DAG)[Fristtyp.ANSLAG].datum == D(anslag_senast)


@pytest.mark.parametrize(
    ("anslag", "slut", "laga_kraft"),
    [
        pytest.param("2008-05-14", "2008-06-04", "2008-06-05", id="KL 13:5: seed 000"),
        pytest.param("2008-05-30", "2008-06-23", "2008-06-24", id="KL 13:5 + 2 §: midsommarafton"),
        pytest.param("2008-12-03", "2008-12-29", "2008-12-30", id="KL 13:5 + 2 §: julafton"),
        pytest.param("2008-12-10", "2009-01-02", "2009-01-03", id="KL 13:5 + 2 §: nyårsafton"),
        pytest.param("2008-03-03", "2008-03-25", "2008-03-26", id="KL 13:5 + 2 §: påsk"),
        pytest.param("2008-05-10", "2008-06-02", "2008-06-03", id="KL 13:5 + 2 §: lördag"),
    ],
)
def test_overklagandetid_och_laga_kraft(anslag: str, slut: str, laga_kraft: str) -> None:
    a = registrerat("2008-03-03", registrerat="2008-01-02", ar=AR_UTAN_SISTA_DAG, omedelbar=True)
    a = beslutat(a, omedelbar=True, samverkan="2008-01-03")
    a.justera(D("2008-03-03"), "Ordförande", ["Justerare"], idag=SENT)
    a.ansla(D(anslag), idag=SENT)
    f = frister(a, AR_UTAN_SISTA_DAG)
    assert f[Fristtyp.OVERKLAGANDE].datum == D(slut)
    assert f[Fristtyp.LAGA_KRAFT].datum == D(laga_kraft)


def test_bordlaggning_flyttar_justeringen() -> None:
    a = registrerat("2008-04-22", registrerat="2008-04-01", ar=AR_UTAN_SISTA_DAG)
    a = pa_dagordning(a, samverkan="2008-04-10")
    fore = frister(a, AR_UTAN_SISTA_DAG)[Fristtyp.JUSTERING].datum
    a.besluta(
        Utfall.BORDLAGGNING,
        12,
        omedelbar_justering=False,
        nytt_sammantrade=D("2008-05-13"),
        idag=SENT,
    )
    efter = frister(a, AR_UTAN_SISTA_DAG)[Fristtyp.JUSTERING].datum
    assert (fore, efter) == (D("2008-05-06"), D("2008-05-27"))


def test_aterremiss_raknar_fran_det_nya_sammantradet() -> None:
    a = registrerat("2008-04-22", registrerat="2008-04-01", ar=AR_UTAN_SISTA_DAG)
    a = pa_dagordning(a, samverkan="2008-04-10")
    a.besluta(
        Utfall.ATERREMISS,
        13,
        omedelbar_justering=False,
        nytt_sammantrade=D("2008-06-17"),
        idag=SENT,
    )
    assert frister(a, AR_UTAN_SISTA_DAG)[Fristtyp.JUSTERING].datum == D("2008-07-01")


def test_frist_fore_registreringen_vagras() -> None:
    a = registrerat()
    flyttad = replace(AR_2008, sista_dag=D("2008-04-10"), inbjudan=None)
    with pytest.raises(OgiltigUppgift, match="ligger före registreringen av ärendet SoN 2008/1"):
        lista(a, flyttad)


def test_utmarkelsens_frister_ur_arendets_eget_ar(fake_system: FakeSystem) -> None:
    """The award's frister come from the year the ärende names, as the register has it (the
    rules look it up; a wrong year cannot be passed in): 2008's sista dag for seed 000's
    nomination although 2020 is registered too, stored when it is registered; a year nobody
    registered is refused in Swedish, naming the years there are."""
    dnr = seed000.registrera(fake_system)
    with fake_system.uow() as uow:
        assert {a.ar for a in uow.grunddata.alla_utmarkelsear()} >= {2008, 2020}
        lagrade = {f.frist.typ: f.frist.datum for f in uow.frister.for_arende(dnr)}
        assert lagrade[Fristtyp.NOMINERING] == D("2008-05-19")
        arende = uow.arenden.hamta(dnr)
        arende.uppgifter["utmarkelsear"] = 2031
        with pytest.raises(HittasInte, match="Kvalitetsutmärkelsen 2031 är inte upplagd") as fel:
            Kvalitetsutmarkelsen().frister(arende, uow)
        assert "Upplagda år: 2008, 2019, 2020" in fel.value.meddelande


# -- sammanträdesplan ------------------------------------------------------------------

PLAN_2008 = Sammantradesplan(
    "Socialtjänstnämnden",
    2008,
    tuple(D(d) for d in ("2008-04-22", "2008-05-13", "2008-06-17", "2008-01-22")),
)


def prova(sammantrade: str, fran: str = "2008-04-14", **k: Any) -> Any:
    argument: dict[str, Any] = {
        "namnd": "Socialtjänstnämnden",
        "fran": D(fran),
        "sista_dag": D("2008-05-19"),
        "kalender": KALENDER,
    }
    argument.update(k)
    plan = argument.pop("plan", PLAN_2008)
    return prova_sammantrade(D(sammantrade), plan, **argument)


def test_seed000_sammantradet_i_planen_ger_tid_fore_och_efter() -> None:
    p = prova("2008-05-13")
    assert p.kallelse_senast == D("2008-05-06")
    assert p.samverkan_senast == D("2008-05-02")  # two vardagar before, 1 maj skipped
    assert p.expediering_tidigast == D("2008-05-14")
    assert p.omedelbar_justering_kravs
    assert PLAN_2008.datum == tuple(sorted(PLAN_2008.datum))


def test_sammantrade_utanfor_planen_vagras() -> None:
    with pytest.raises(OgiltigUppgift, match="inget sammanträde den 14 maj 2008") as fel:
        prova("2008-05-14")
    assert "13 maj 2008" in str(fel.value)  # the plan is listed


def test_ingen_plan_for_aret() -> None:
    with pytest.raises(OgiltigUppgift, match="ingen sammanträdesplan för 2008"):
        prova("2008-05-13", plan=None)


def test_for_sent_for_samverkan_och_kallelse() -> None:
    with pytest.raises(OgiltigUppgift, match="hinner inte förberedas") as fel:
        prova("2008-05-13", fran="2008-05-05")
    assert "Inget sammanträde i planen hinns med" in str(fel.value)


def test_for_sent_nar_sista_dagen_inte_hinns() -> None:
    with pytest.raises(OgiltigUppgift, match="ingen tid för expediering") as fel:
        prova("2008-06-17")
    assert "Möjliga sammanträden: 13 maj 2008" in str(fel.value)


def test_kallelsen_flyttas_bakat_fran_helg() -> None:
    plan = Sammantradesplan("N", 2008, (D("2008-05-08"),))  # torsdag; -7 = 1 maj
    p = prova("2008-05-08", plan=plan, sista_dag=None)
    assert p.kallelse_senast == D("2008-04-30")


@pytest.mark.parametrize(
    ("datum_", "meddelande"),
    [
        pytest.param(("2009-01-20",), "inte ligger i år 2008", id="fel år"),
        pytest.param(("2008-01-22", "2008-01-22"), "samma datum två gånger", id="dubblett"),
        pytest.param((), "är tom", id="tom"),
    ],
)
def test_ogiltig_plan(datum_: tuple[str, ...], meddelande: str) -> None:
    with pytest.raises(OgiltigUppgift, match=meddelande):
        Sammantradesplan("N", 2008, tuple(D(d) for d in datum_))


def test_planer_per_ar() -> None:
    planer = planer_per_ar("N", (D("2008-05-13"), D("2026-01-27"), D("2008-01-22")))
    assert [(p.ar, len(p.datum)) for p in planer] == [(2008, 2), (2026, 1)]


def test_planens_tider_per_ar_och_dag() -> None:
    """The plan may say when a meeting begins: the form that opens it starts from that."""
    planer = planer_per_ar(
        "N",
        (D("2008-05-13"), D("2026-01-27"), D("2008-01-22")),
        ((D("2008-05-13"), time(18)), (D("2026-01-27"), time(17, 30))),
    )
    assert [p.klockan(p.datum[-1]) for p in planer] == [time(18), time(17, 30)]
    assert planer[0].klockan(D("2008-01-22")) is None  # the plan gives it no time
    assert planer[0].klockan(D("2008-06-17")) is None  # not in the plan


@pytest.mark.parametrize(
    ("tider", "meddelande"),
    [
        pytest.param(((D("2008-05-14"), time(18)),), "inte är ett av planens", id="okänd-dag"),
        pytest.param(
            ((D("2008-05-13"), time(18)), (D("2008-05-13"), time(13))),
            "två tider för samma dag",
            id="två-tider",
        ),
    ],
)
def test_ogiltiga_tider_i_planen(tider: tuple[tuple[date, time], ...], meddelande: str) -> None:
    with pytest.raises(OgiltigUppgift, match=meddelande):
        Sammantradesplan("N", 2008, (D("2008-05-13"),), tider)


# -- reminders -------------------------------------------------------------------------


def test_standardledtider_och_ogiltiga() -> None:
    assert kontrollera_ledtider([1, 10, 5, 5]) == (10, 5, 1)
    for fel in ([0], [-3], [], [5, 0]):
        with pytest.raises(OgiltigUppgift, match="ledtid|Ledtiden"):
            kontrollera_ledtider(fel)


@pytest.mark.parametrize(
    "adress",
    ["lena.murray", "lena murray@stockholm.se", "@stockholm.se", "lena@", "08-508 256 15", "a@b"],
)
def test_ogiltig_epost(adress: str) -> None:
    with pytest.raises(OgiltigUppgift, match="ingen giltig e-postadress"):
        kontrollera_epost(adress, "Lena Murray")


def test_giltig_epost() -> None:
    assert (
        kontrollera_epost(" lena.murray@stockholm.example ", "x") == "lena.murray@stockholm.example"
    )


NOMINERING = Frist(Fristtyp.NOMINERING, D("2008-05-19"), "b", "r")


@pytest.mark.parametrize(
    ("ledtid", "dag"),
    [
        pytest.param(1, "2008-05-16", id="1 vardag före måndag: fredag"),
        pytest.param(5, "2008-05-12", id="5 vardagar"),
        pytest.param(10, "2008-05-05", id="10 vardagar, över 1 maj"),
        pytest.param(ESKALERING, "2008-05-20", id="eskalering vardagen efter"),
    ],
)
def test_paminnelsetid(ledtid: int, dag: str) -> None:
    tid = paminnelsetid(NOMINERING.datum, ledtid, KALENDER)
    assert tid == datetime.combine(D(dag), datetime.min.time().replace(hour=8), STOCKHOLM)


def test_eskalering_efter_jul_kommer_forsta_vardagen() -> None:
    tid = paminnelsetid(D("2008-12-23"), ESKALERING, KALENDER)
    assert tid.date() == D("2008-12-29")


def kl(dag: str, timme: int = 9) -> datetime:
    return datetime.combine(D(dag), datetime.min.time().replace(hour=timme), STOCKHOLM)


def test_bara_den_narmaste_forfallna_paminnelsen_skickas() -> None:
    ledtider = (10, 5, 1)
    nu = kl("2008-05-13")  # 10 and 5 are both due; only 5 goes out
    assert not ska_skickas(NOMINERING, 10, ledtider, nu, KALENDER)
    assert ska_skickas(NOMINERING, 5, ledtider, nu, KALENDER)
    assert not ska_skickas(NOMINERING, 1, ledtider, nu, KALENDER)
    assert not ska_skickas(NOMINERING, ESKALERING, ledtider, nu, KALENDER)


def test_inte_fore_sin_tid_och_inte_efter_fristen() -> None:
    ledtider = (10, 5, 1)
    assert not ska_skickas(NOMINERING, 10, ledtider, kl("2008-05-05", 7), KALENDER)
    assert ska_skickas(NOMINERING, 10, ledtider, kl("2008-05-05", 8), KALENDER)
    assert ska_skickas(NOMINERING, 1, ledtider, kl("2008-05-19", 16), KALENDER)
    efter = kl("2008-05-20")
    assert not ska_skickas(NOMINERING, 1, ledtider, efter, KALENDER)
    assert ska_skickas(NOMINERING, ESKALERING, ledtider, efter, KALENDER)


def test_klar_eller_bara_lopande_frist_paminns_inte() -> None:
    nu = kl("2008-05-16")
    assert not ska_skickas(replace(NOMINERING, klar=True), 1, (1,), nu, KALENDER)
    lopande = Frist(Fristtyp.OVERKLAGANDE, D("2008-05-19"), "b", "r")
    assert not ska_skickas(lopande, 1, (1,), nu, KALENDER)


def test_vardagar_kvar() -> None:
    assert vardagar_kvar(D("2008-05-16"), D("2008-05-19"), KALENDER) == 1
    assert vardagar_kvar(D("2008-05-19"), D("2008-05-19"), KALENDER) == 0
    assert vardagar_kvar(D("2008-04-30"), D("2008-05-05"), KALENDER) == 2  # 1 maj, helg


def test_brevet_ar_pa_svenska_med_regel() -> None:
    brev = paminnelsebrev(
        frist=NOMINERING,
        ledtid=5,
        dnr="SoN 2008/1",
        titel="Stadens kvalitetsutmärkelse 2008",
        namnd="Socialtjänstnämnden",
        handlaggare="Lena Murray",
        mottagare_namn="Lena Murray",
        till=("lena.murray@stockholm.example",),
        kopia=(),
        idag=D("2008-05-12"),
        kalender=KALENDER,
    )
    assert brev.amne == "Påminnelse: sista dag för nominering i SoN 2008/1 senast 19 maj 2008"
    assert "om 5 vardagar" in brev.text and "Regel: r" in brev.text


def person(namn: str, avdelning: str = "", roll: Roll = Roll.CHEF) -> Person:
    return Person(namn, frozenset({roll}), avdelning=avdelning, namnd="N")


def test_eskalering_till_avdelningens_chef_annars_ledningen() -> None:
    lena = person("Lena Murray", "IOV", Roll.HANDLAGGARE)
    eddie, dag = person("Eddie Friberg", "IOV"), person("Dag Helin")
    annan = person("Anna Annan", "Annan avdelning")
    assert chefer_for(lena, [dag, eddie, annan]) == [eddie]
    assert chefer_for(lena, [dag, annan]) == [dag]
    assert chefer_for(lena, [annan]) == [annan]
    assert chefer_for(lena, []) == []


def test_paminnelsetid_ar_svensk_tid() -> None:
    tid = paminnelsetid(D("2008-12-01"), 1, KALENDER)
    assert tid.astimezone(UTC).hour == 7  # CET in winter
    sommar = paminnelsetid(D("2008-06-02"), 1, KALENDER)
    assert sommar.astimezone(UTC).hour == 6  # CEST


def test_handskriven_kalender_anvands() -> None:
    # Guard: the cases above rely on these fridagar being in the hand-written calendar.
    assert isinstance(KALENDER, HandskrivenKalender)
    assert KALENDER.ar_fridag(D("2008-06-20")) and KALENDER.ar_fridag(D("2008-12-31"))
