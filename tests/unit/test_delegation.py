"""Delegation (kommunallagen 6 kap. 37–40 §§, 7 kap. 5–8 §§) as plain rules: the
delegationsordning refused at load when it delegates what 6 kap. 38 § keeps for the nämnd,
the ordförande's urgent mandate (6 kap. 39 §), vidaredelegation (7 kap. 6 §), and a
delegationsbeslut tried against its point: the wrong delegat, an amount over the limit, a
principled matter, a date to come. And which decisions wait for the next anmälan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from arende.adapters.grunddatafil import las_grunddata
from arende.domain.delegation import (
    DELEGERBARA,
    EJ_DELEGERBARA,
    Delegat,
    Delegationsbeslut,
    Delegationspunkt,
    att_anmala,
    kontrollera_ordning,
    kontrollera_punkt,
    prova,
    punkt_i,
)
from arende.domain.fel import OgiltigUppgift

D = date.fromisoformat
IDAG = D("2008-05-06")
BISTAND = Delegationspunkt(
    "2.1",
    "Ekonomiskt bistånd",
    "myndighetsutövning",
    ("Avdelningschef", "Enhetschef"),
    hogsta_belopp=50_000,
)
AVTAL = Delegationspunkt(
    "4.1", "Avtal inom budget", "upphandling och avtal", ("Socialdirektör",), vidaredelegation=True
)
BRADSKANDE = Delegationspunkt(
    "1.1",
    "Brådskande ärenden",
    "ordförandebeslut",
    ("ordförande", "vice ordförande"),
    bradskande=True,
)
ORDNING = (BRADSKANDE, BISTAND, AVTAL)

AVDELNINGSCHEF = Delegat("Eddie Friberg", frozenset({"avdelningschef"}), anstalld=True)
SOCIALDIREKTOR = Delegat("Dag Helin", frozenset({"socialdirektör"}), anstalld=True)
UTREDARE = Delegat("Lena Murray", frozenset({"utredare"}), anstalld=True)
ORDFORANDE = Delegat("Karin Ekblad", frozenset({"ordförande", "ledamot"}), anstalld=False)
LEDAMOT = Delegat("Anders Palmér", frozenset({"ledamot"}), anstalld=False)


def provat(punkt: Delegationspunkt, delegat: Delegat, **andrat: object) -> None:
    data: dict[str, object] = {
        "beslutsdatum": D("2008-04-02"),
        "idag": IDAG,
        "belopp": None,
        "principiell": False,
    } | andrat
    prova(punkt, delegat, **data)  # type: ignore[arg-type]


# -- the delegationsordning, as read ------------------------------------------------------


@pytest.mark.parametrize("slag", sorted(EJ_DELEGERBARA))
def test_ett_slag_som_6_kap_38_paragrafen_undantar_vagras(slag: str) -> None:
    with pytest.raises(OgiltigUppgift, match=r"får inte delegeras \(kommunallagen 6 kap. 38 §\)"):
        kontrollera_punkt(replace(BISTAND, slag=slag), "SoN")


@pytest.mark.parametrize("slag", DELEGERBARA)
def test_de_delegerbara_slagen_godtas(slag: str) -> None:
    assert kontrollera_punkt(replace(BISTAND, slag=f" {slag.upper()} "), "SoN").slag == slag


def test_ett_okant_slag_vagras_med_de_kanda_uppraknade() -> None:
    with pytest.raises(OgiltigUppgift, match="okänt slag av ärende 'bistand'.*myndighetsutövning"):
        kontrollera_punkt(replace(BISTAND, slag="bistand"), "SoN")


@pytest.mark.parametrize(
    ("andrat", "fel"),
    [
        ({"delegat": ()}, "anger ingen delegat"),
        ({"delegat": ("  ",)}, "delegaten saknas"),
        ({"nummer": " "}, "numret saknas"),
        ({"arende": ""}, "ärendet saknas"),
        ({"hogsta_belopp": 0}, "positivt antal kronor"),
        ({"hogsta_belopp": -5}, "positivt antal kronor"),
    ],
)
def test_en_ofullstandig_punkt_vagras(andrat: dict[str, object], fel: str) -> None:
    with pytest.raises(OgiltigUppgift, match=fel):
        kontrollera_punkt(replace(BISTAND, **andrat), "SoN")  # type: ignore[arg-type]


def test_bradskande_arenden_bara_till_ordforanden_eller_en_ledamot() -> None:
    assert kontrollera_punkt(BRADSKANDE, "SoN").bradskande
    assert kontrollera_punkt(replace(BRADSKANDE, delegat=("ledamot",)), "SoN")
    for delegat in (("Socialdirektör",), ("ordförande", "Avdelningschef"), ("ersättare",)):
        with pytest.raises(OgiltigUppgift, match="6 kap. 39 §"):
            kontrollera_punkt(replace(BRADSKANDE, delegat=delegat), "SoN")


def test_bradskande_beslut_kan_inte_sluta_anmalas() -> None:
    with pytest.raises(OgiltigUppgift, match="nästa sammanträde.*6 kap. 39 §"):
        kontrollera_punkt(replace(BRADSKANDE, anmals=False), "SoN")


def test_vidaredelegation_bara_for_en_anstalld() -> None:
    assert kontrollera_punkt(AVTAL, "SoN").vidaredelegation
    with pytest.raises(OgiltigUppgift, match="7 kap. 6 §"):
        kontrollera_punkt(replace(AVTAL, delegat=("ordförande",)), "SoN")


def test_samma_punkt_tva_ganger_vagras() -> None:
    with pytest.raises(OgiltigUppgift, match="punkt 2.1 står två gånger"):
        kontrollera_ordning([BISTAND, replace(BISTAND, arende="Annat")], "SoN")


def test_grunddatafilens_delegationsordning_lases() -> None:
    fil = Path(__file__).parents[2] / "deployments" / "grunddata.toml"
    namnd = las_grunddata(fil).namnder[0]
    punkter = {p.nummer: p for p in namnd.delegationsordning}
    assert punkter["1.1"].bradskande and punkter["1.1"].anmals
    assert punkter["2.1"].hogsta_belopp == 50_000
    assert not punkter["5.1"].anmals


def _grunddata(tmp_path: Path, delegation: str) -> Path:
    fil = tmp_path / "grunddata.toml"
    fil.write_text(
        '[[namnd]]\nnamn = "Socialtjänstnämnden"\ndiarieprefix = "SoN"\n'
        'forvaltning = "Socialtjänstförvaltningen"\n\n' + delegation,
        encoding="utf-8",
    )
    return fil


@pytest.mark.parametrize(
    ("punkt", "fel"),
    [
        (
            'punkt = "1"\narende = "Mål för verksamheten"\nslag = "mål och inriktning"\n'
            'delegat = ["Socialdirektör"]',
            "verksamhetens mål.*får inte delegeras.*6 kap. 38 §",
        ),
        (
            'punkt = "2"\narende = "Medborgarförslag"\nslag = "medborgarförslag"\n'
            'delegat = ["Socialdirektör"]',
            "medborgarförslag.*6 kap. 38 §",
        ),
        ('punkt = "3"\narende = "Bistånd"\nslag = "myndighetsutövning"', "saknar fältet 'delegat'"),
        (
            'punkt = "4"\narende = "Bistånd"\nslag = "myndighetsutövning"\ndelegat = "Chef"',
            "'delegat' ska vara lista",
        ),
        (
            'punkt = "5"\narende = "Bistånd"\nslag = "myndighetsutövning"\n'
            'delegat = ["Chef"]\nhogsta_belopp = "mycket"',
            "'hogsta_belopp' ska vara heltal",
        ),
        (
            'punkt = "6"\narende = "Bistånd"\nslag = "myndighetsutövning"\n'
            'delegat = ["Chef"]\nanmals = "nej"',
            "'anmals' ska vara true eller false",
        ),
        (
            'punkt = "7"\narende = "Bistånd"\nslag = "myndighetsutövning"\n'
            'delegat = ["Chef"]\ngrans = 5',
            "okänt fält 'grans'",
        ),
    ],
)
def test_grunddata_med_en_otillaten_delegationsordning_vagras_nar_den_lases(
    tmp_path: Path, punkt: str, fel: str
) -> None:
    fil = _grunddata(tmp_path, "[[namnd.delegation]]\n" + punkt + "\n")
    with pytest.raises(OgiltigUppgift, match=fel):
        las_grunddata(fil)


# -- a delegationsbeslut, tried against its point -----------------------------------------


def test_delegaten_som_punkten_namner_far_besluta() -> None:
    provat(BISTAND, AVDELNINGSCHEF, belopp=12_000)
    provat(BRADSKANDE, ORDFORANDE)
    provat(AVTAL, SOCIALDIREKTOR)


@pytest.mark.parametrize("delegat", [UTREDARE, SOCIALDIREKTOR, ORDFORANDE, LEDAMOT])
def test_fel_delegat_vagras(delegat: Delegat) -> None:
    with pytest.raises(OgiltigUppgift, match=f"{delegat.namn} är inte delegat enligt punkt 2.1"):
        provat(BISTAND, delegat, belopp=1_000)


def test_en_ledamot_som_inte_ar_ordforande_far_inte_besluta_i_bradskande_arenden() -> None:
    with pytest.raises(OgiltigUppgift, match="inte delegat enligt punkt 1.1.*ordförande"):
        provat(BRADSKANDE, LEDAMOT)


def test_ett_principiellt_arende_far_inte_avgoras_pa_delegation() -> None:
    with pytest.raises(OgiltigUppgift, match="principiell beskaffenhet.*6 kap. 38 §"):
        provat(BISTAND, AVDELNINGSCHEF, belopp=1_000, principiell=True)


@pytest.mark.parametrize(
    ("belopp", "fel"),
    [
        (50_001, "50001 kr överstiger gränsen i punkt 2.1"),
        (None, "ange beslutets belopp"),
        (-1, "kan inte vara negativt"),
    ],
)
def test_beloppsgransen(belopp: int | None, fel: str) -> None:
    with pytest.raises(OgiltigUppgift, match=fel):
        provat(BISTAND, AVDELNINGSCHEF, belopp=belopp)


def test_punktens_text_behaller_sina_versaler_i_beskedet() -> None:
    sol = replace(BISTAND, arende="Bistånd enligt SoL")
    with pytest.raises(OgiltigUppgift, match=r"^Punkt 2.1 \(Bistånd enligt SoL\) gäller upp till"):
        provat(sol, AVDELNINGSCHEF)


def test_beloppet_pa_gransen_godtas() -> None:
    provat(BISTAND, AVDELNINGSCHEF, belopp=50_000)


def test_ett_beslut_i_framtiden_vagras() -> None:
    with pytest.raises(OgiltigUppgift, match="ligger i framtiden"):
        provat(BISTAND, AVDELNINGSCHEF, belopp=1, beslutsdatum=D("2008-05-07"))


def test_vidaredelegation() -> None:
    provat(AVTAL, AVDELNINGSCHEF, vidaredelegerat_av=SOCIALDIREKTOR)
    with pytest.raises(OgiltigUppgift, match="får inte vidaredelegeras"):
        provat(BISTAND, UTREDARE, belopp=1, vidaredelegerat_av=AVDELNINGSCHEF)
    with pytest.raises(OgiltigUppgift, match="Eddie Friberg är inte delegat.*kan inte vidare"):
        provat(AVTAL, UTREDARE, vidaredelegerat_av=AVDELNINGSCHEF)
    with pytest.raises(OgiltigUppgift, match="bara ges till en anställd.*7 kap. 6 §"):
        provat(AVTAL, LEDAMOT, vidaredelegerat_av=SOCIALDIREKTOR)


def test_en_punkt_som_inte_finns() -> None:
    assert punkt_i(ORDNING, " 2.1 ", "Socialtjänstnämnden") is BISTAND
    with pytest.raises(OgiltigUppgift, match="Punkt '9.9' finns inte.*Punkter: 1.1, 2.1, 4.1"):
        punkt_i(ORDNING, "9.9", "Socialtjänstnämnden")


# -- what waits for the next anmälan ------------------------------------------------------


def beslut(nummer: int, **andrat: object) -> Delegationsbeslut:
    data: dict[str, object] = {
        "namnd": "Socialtjänstnämnden",
        "nummer": nummer,
        "ar": 2008,
        "punkt": "2.1",
        "delegat": "Eddie Friberg",
        "beslutsdatum": D("2008-04-02"),
        "dnr": "SoN 2008/7",
        "beslut": "Ekonomiskt bistånd beviljas",
        "registrerat": D("2008-04-03"),
        "registrerat_av": "Per Lindqvist",
    } | andrat
    return Delegationsbeslut(**data)  # type: ignore[arg-type]


def test_att_anmala_tar_de_som_vantar_i_registrets_ordning() -> None:
    register = [
        beslut(3),
        beslut(1, anmalan="SoN 2008/2"),  # already anmält
        beslut(2, anmals=False),  # protokollfört särskilt instead
        beslut(4, beslutsdatum=D("2008-05-07")),  # after the day of the anmälan
        beslut(5, bradskande=True, punkt="1.1"),
        beslut(1, ar=2007),
    ]
    valda = att_anmala(register, D("2008-05-06"))
    assert [b.beteckning for b in valda] == ["1/2007", "3/2008", "5/2008"]


def test_raden_i_anmalan_och_protokollet() -> None:
    assert beslut(3, belopp=12_500).rad == (
        "Delegationsbeslut 3/2008, punkt 2.1: Ekonomiskt bistånd beviljas, 12\N{NO-BREAK SPACE}500\N{NO-BREAK SPACE}kr "
        "(SoN 2008/7). Beslutat den 2 april 2008 av Eddie Friberg."
    )
    bradskande = beslut(4, punkt="1.1", delegat="Karin Ekblad", bradskande=True).rad
    assert bradskande.endswith(
        "av Karin Ekblad. Brådskande beslut av ordföranden (kommunallagen 6 kap. 39 §)."
    )
    assert "vidaredelegerat av Dag Helin" in beslut(5, vidaredelegerat_av="Dag Helin").rad
