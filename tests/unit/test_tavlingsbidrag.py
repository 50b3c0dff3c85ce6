"""The question set as data (deployments/fragor/) and the tävlingsbidrag's lifecycle:
completeness, the chef's approval, submission before the deadline with a receipt."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path

import pytest

from arende.adapters.fragebatterifil import las_fragebatteri, las_fragebatteri_for
from arende.adapters.verksamhetsplanimport import las_verksamhetsplan
from arende.domain.fel import BehorighetSaknas, OgiltigUppgift, OtillatenOvergang
from arende.domain.organisation import Person
from arende.domain.roller import Roll
from arende.domain.tavlingsbidrag import (
    AdministrativaUppgifter,
    Bidragsstatus,
    Fragebatteri,
    Tavlingsbidrag,
    forifyllda_svar,
)
from tests.seed003 import SEED003, Seed003, las_seed003

ROT = Path(__file__).resolve().parents[2]
FRAGOR = ROT / "deployments" / "fragor"
FIL_2020 = FRAGOR / "kvalitetsutmarkelsen_2020.toml"
SEED001 = ROT / "tests" / "data" / "seed_001_verksamhetsplan_vuxenenheten_2012.txt"
SISTA_DAG = date(2020, 5, 29)

CHEF = Person("Therese Bengtsson", frozenset({Roll.CHEF}))
ANNAN_CHEF = Person("Karin Ek", frozenset({Roll.CHEF}))
HANDLAGGARE = Person("Anna Handläggare", frozenset({Roll.HANDLAGGARE}))


@pytest.fixture(scope="module")
def batteri() -> Fragebatteri:
    return las_fragebatteri(FIL_2020)


@pytest.fixture(scope="module")
def seed(batteri: Fragebatteri) -> Seed003:
    return las_seed003(batteri)


def nytt(batteri: Fragebatteri) -> Tavlingsbidrag:
    return Tavlingsbidrag.oppna(batteri, "Vuxenenheten", "Therese Bengtsson", SISTA_DAG)


def ifyllt(batteri: Fragebatteri, seed: Seed003) -> Tavlingsbidrag:
    bidrag = nytt(batteri)
    bidrag.fyll_i(seed.svar, seed.inledning, seed.administrativa_uppgifter())
    return bidrag


def tillstand(bidrag: Tavlingsbidrag) -> tuple[object, ...]:
    return (
        dict(bidrag.svar),
        bidrag.inledning,
        bidrag.administrativa,
        bidrag.status,
        bidrag.godkant_av,
        bidrag.godkant_datum,
        bidrag.kvitto,
    )


# -- the question set as data -------------------------------------------------------------


def test_2020_ars_fragor_ar_seed_003s_sex_avsnitt_och_24_fragor(batteri: Fragebatteri) -> None:
    assert batteri.ar == 2020
    assert [(a.rubrik, [f.nummer for f in a.fragor]) for a in batteri.avsnitt] == [
        ("Målgrupp", [1, 2, 3, 4, 5]),
        ("Chef- och ledarskap", [6, 7, 8, 9, 10]),
        ("Medarbetare", [11, 12, 13, 14]),
        ("Resultat och analys", [15, 16]),
        ("Från mål till uppföljning", [17, 18, 19, 20]),
        ("Utveckling", [21, 22, 23, 24]),
    ]
    assert [f.rubrik for f in batteri.administrativa_falt] == [
        "Verksamhetens namn",
        "Verksamhetens chefs namn",
        "Direkttelefonnummer till verksamheten och chefen",
        "E-postadress till verksamheten och till chefen",
        "Postadress och besöksadress",
        "Antal anställda maj 2020",
    ]
    assert batteri.inledning_rubrik == "Inledning"
    assert batteri.fraga(18).forifylls_fran == "verksamhetsplanens_mal"
    assert [f.nummer for f in batteri.fragor if f.forifylls_fran] == [18]


def test_fragornas_text_ar_ordagrant_seed_003s(batteri: Fragebatteri) -> None:
    # Read from the seed's body independently of the data file: "N. text" lines after the
    # table of contents (whose lines end in a tab and a page number).
    rader = SEED003.read_text(encoding="utf-8").split("\n")
    i_brodtext = rader.index("Målgrupp")
    i_seed = {
        int(m[1]): m[2]
        for r in rader[i_brodtext:]
        if (m := re.fullmatch(r"(\d{1,2})\. (.+)", r)) and "\t" not in r and int(m[1]) <= 24
    }
    assert {f.nummer: f.text for f in batteri.fragor} == i_seed


def test_fragorna_valjs_efter_ar(batteri: Fragebatteri) -> None:
    assert las_fragebatteri_for(FRAGOR, 2020) == batteri
    with pytest.raises(OgiltigUppgift, match="kvalitetsutmärkelsen 2031 finns inte"):
        las_fragebatteri_for(FRAGOR, 2031)


def _andrad(tmp_path: Path, namn: str, fore: str, efter: str, antal: int = 1) -> Path:
    text = FIL_2020.read_text(encoding="utf-8")
    assert fore in text
    fil = tmp_path / namn
    fil.write_text(text.replace(fore, efter, antal), encoding="utf-8")
    return fil


@pytest.mark.parametrize(
    ("fore", "efter", "vantat"),
    [
        (
            'nummer = 7\ntext = "Redogör',
            'nummer = 7\ntxt = "Redogör',
            r"\[\[avsnitt\]\] nr 2 \('Chef- och ledarskap'\), \[\[avsnitt.fraga\]\] nr 2: "
            r"okänt fält 'txt'",
        ),
        ("nummer = 12\n", "nummer = 13\n", "fråga nummer 12 har numret 13"),
        ("nummer = 12\n", 'nummer = "12"\n', "fältet 'nummer' ska vara heltal"),
        (
            "langdgrans_tecken = 20000",
            "langdgrans_tecken = 0",
            "längdgränsen ska vara ett positivt",
        ),
        (
            'epost = "E-postadress',
            'e_post = "E-postadress',
            r"\[administrativa_falt\]: okänt fält 'e_post'",
        ),
        ('rubrik = "Utveckling"', 'rubrik = ""', "fältet 'rubrik' är tomt"),
        (
            '\nforifylls_fran = "verksamhetsplanens_mal"',
            '\nforifylls_fran = "budgeten"',
            "fråga 18 ska förifyllas från 'budgeten'",
        ),
        ("ar = 2020", "ar = 2021", "filen heter som år 2020 men fältet 'ar' säger 2021"),
        ("[[avsnitt]]\n", "[[avsnitt]\n", "inte giltig TOML"),
    ],
)
def test_fel_i_fragefilen_namnger_filen_och_faltet(
    tmp_path: Path, fore: str, efter: str, vantat: str
) -> None:
    fil = _andrad(tmp_path, "kvalitetsutmarkelsen_2020.toml", fore, efter)
    with pytest.raises(OgiltigUppgift) as fel:
        las_fragebatteri(fil)
    assert str(fil) in str(fel.value)
    assert re.search(vantat, str(fel.value)), str(fel.value)


def test_en_fraga_kan_ha_egen_langdgrans(tmp_path: Path) -> None:
    fil = _andrad(tmp_path, "egen.toml", "nummer = 19\n", "nummer = 19\nlangdgrans_tecken = 50\n")
    batteri = las_fragebatteri(fil)
    assert batteri.grans_for(batteri.fraga(19)) == 50
    assert batteri.grans_for(batteri.fraga(20)) == 20000


# -- completeness ---------------------------------------------------------------------------


def test_seed_003_ar_ett_komplett_bidrag(batteri: Fragebatteri, seed: Seed003) -> None:
    bidrag = ifyllt(batteri, seed)
    fullstandighet = bidrag.fullstandighet()
    assert fullstandighet.komplett, fullstandighet.beskrivning()
    assert len(bidrag.svar) == 24
    assert bidrag.administrativa is not None
    assert bidrag.administrativa.antal() == 34
    assert bidrag.svar[7].startswith("För att utveckla ledarskapet har både enhetschef")


def test_obesvarade_fragor_och_saknade_uppgifter_visas(
    batteri: Fragebatteri, seed: Seed003
) -> None:
    bidrag = nytt(batteri)
    bidrag.fyll_i({n: t for n, t in seed.svar.items() if n not in (3, 17, 24)})
    fullstandighet = bidrag.fullstandighet()
    assert [f.nummer for f in fullstandighet.obesvarade] == [3, 17, 24]
    assert fullstandighet.saknade_uppgifter == ("Administrativa uppgifter", "Inledning")
    assert fullstandighet.beskrivning() == (
        "Uppgifter saknas: Administrativa uppgifter, Inledning. Frågorna 3, 17, 24 är obesvarade."
    )
    bidrag.skriv_svar(17, "   ")  # only blanks: still unanswered
    assert [f.nummer for f in bidrag.obesvarade()] == [3, 17, 24]


def test_for_langa_svar_visas_mot_arets_langdgrans(tmp_path: Path, seed: Seed003) -> None:
    fil = _andrad(tmp_path, "kort.toml", "langdgrans_tecken = 20000", "langdgrans_tecken = 8000")
    batteri = las_fragebatteri(fil)
    bidrag = nytt(batteri)
    bidrag.fyll_i(seed.svar, seed.inledning, seed.administrativa_uppgifter())
    # Seed 003's answers 5 (8059), 15 (8442) and 18 (14093 characters) are over 8000.
    langa = {f.fraga.nummer: (f.langd, f.grans) for f in bidrag.for_langa()}
    assert set(langa) == {5, 15, 18}
    assert all(langd > 8000 and grans == 8000 for langd, grans in langa.values())
    assert "Svaret på fråga 18 har" in bidrag.fullstandighet().beskrivning()
    with pytest.raises(OtillatenOvergang, match="högst 8000 får plats"):
        bidrag.godkann(CHEF, date(2020, 5, 20))
    assert bidrag.status is Bidragsstatus.UTKAST


# -- approval and submission ----------------------------------------------------------------


def test_chefen_godkanner_och_bidraget_lamnas_in_med_kvitto(
    batteri: Fragebatteri, seed: Seed003
) -> None:
    bidrag = ifyllt(batteri, seed)
    bidrag.godkann(CHEF, date(2020, 5, 25))
    assert bidrag.status is Bidragsstatus.GODKANT
    kvitto = bidrag.lamna_in(date(2020, 5, 29))  # the last day itself is in time
    assert bidrag.status is Bidragsstatus.INLAMNAT
    assert kvitto.mottaget == date(2020, 5, 29)
    assert kvitto.mottagare == "Stadsledningskontoret"
    assert kvitto.antal_svar == 24
    assert kvitto.text() == (
        "Stadsledningskontoret har den 29 maj 2020 tagit emot Vuxenenhetens tävlingsbidrag "
        "till kvalitetsutmärkelsen 2020 (24 besvarade frågor)."
    )
    fore = tillstand(bidrag)
    with pytest.raises(
        OtillatenOvergang, match="lämnades in till Stadsledningskontoret den 29 maj"
    ):
        bidrag.skriv_svar(1, "Ändrat i efterhand")
    with pytest.raises(OtillatenOvergang):
        bidrag.lamna_in(date(2020, 5, 29))
    assert tillstand(bidrag) == fore


def test_bidrag_med_obesvarade_fragor_kan_inte_lamnas_in(
    batteri: Fragebatteri, seed: Seed003
) -> None:
    bidrag = nytt(batteri)
    bidrag.fyll_i(
        {n: t for n, t in seed.svar.items() if n != 12},
        seed.inledning,
        seed.administrativa_uppgifter(),
    )
    fore = tillstand(bidrag)
    with pytest.raises(OtillatenOvergang) as fel:
        bidrag.lamna_in(date(2020, 5, 20))
    assert str(fel.value) == (
        "Tävlingsbidraget för Vuxenenheten kan inte lämnas in. Fråga 12 är obesvarad."
    )
    assert tillstand(bidrag) == fore
    with pytest.raises(OtillatenOvergang, match="kan inte godkännas ännu. Fråga 12"):
        bidrag.godkann(CHEF, date(2020, 5, 20))
    assert tillstand(bidrag) == fore


def test_bidrag_efter_sista_dag_avvisas_med_tydligt_besked(
    batteri: Fragebatteri, seed: Seed003
) -> None:
    bidrag = ifyllt(batteri, seed)
    bidrag.godkann(CHEF, date(2020, 5, 28))
    fore = tillstand(bidrag)
    with pytest.raises(OtillatenOvergang) as fel:
        bidrag.lamna_in(date(2020, 6, 1))
    assert str(fel.value) == (
        "Tävlingsbidraget för Vuxenenheten kan inte lämnas in den 1 juni 2020: sista dag att "
        "lämna det till Stadsledningskontoret var den 29 maj 2020."
    )
    assert tillstand(bidrag) == fore


def test_bidraget_lamnas_inte_in_utan_chefens_godkannande(
    batteri: Fragebatteri, seed: Seed003
) -> None:
    bidrag = ifyllt(batteri, seed)
    with pytest.raises(OtillatenOvergang, match="Therese Bengtsson, har inte godkänt det"):
        bidrag.lamna_in(date(2020, 5, 20))
    assert bidrag.status is Bidragsstatus.UTKAST and bidrag.kvitto is None


def test_bara_verksamhetens_chef_godkanner(batteri: Fragebatteri, seed: Seed003) -> None:
    bidrag = ifyllt(batteri, seed)
    fore = tillstand(bidrag)
    with pytest.raises(BehorighetSaknas, match="det får bara en chef göra"):
        bidrag.godkann(HANDLAGGARE, date(2020, 5, 20))
    with pytest.raises(OtillatenOvergang, match="det gör verksamhetens chef, Therese Bengtsson"):
        bidrag.godkann(ANNAN_CHEF, date(2020, 5, 20))
    assert tillstand(bidrag) == fore


def test_ett_godkant_bidrag_andras_forst_nar_chefen_aterkallat(
    batteri: Fragebatteri, seed: Seed003
) -> None:
    bidrag = ifyllt(batteri, seed)
    bidrag.godkann(CHEF, date(2020, 5, 20))
    with pytest.raises(OtillatenOvergang, match="godkänt av Therese Bengtsson"):
        bidrag.skriv_svar(3, "Nytt svar")
    with pytest.raises(OtillatenOvergang, match="återkalla godkännandet"):
        bidrag.aterkalla_godkannande(ANNAN_CHEF)
    assert bidrag.status is Bidragsstatus.GODKANT
    bidrag.aterkalla_godkannande(CHEF)
    bidrag.skriv_svar(3, "Nytt svar")
    assert bidrag.status is Bidragsstatus.UTKAST and bidrag.svar[3] == "Nytt svar"


def test_inlamning_fore_godkannandet_ar_omojlig(batteri: Fragebatteri, seed: Seed003) -> None:
    bidrag = ifyllt(batteri, seed)
    bidrag.godkann(CHEF, date(2020, 5, 20))
    with pytest.raises(OgiltigUppgift, match="före chefens godkännande den 20 maj 2020"):
        bidrag.lamna_in(date(2020, 5, 19))
    assert bidrag.status is Bidragsstatus.GODKANT


def test_en_uppladdning_med_fel_andrar_ingenting(batteri: Fragebatteri, seed: Seed003) -> None:
    bidrag = nytt(batteri)
    bidrag.skriv_svar(1, "Första svaret")
    fore = copy.deepcopy(tillstand(bidrag))
    with pytest.raises(OgiltigUppgift, match="har ingen fråga 25"):
        bidrag.fyll_i({2: "Andra svaret", 25: "Finns inte"})
    liten = AdministrativaUppgifter(
        "Vuxenenheten", "Therese Bengtsson", "508 10 317", "t@stockholm.se", "Box 1", "3 anställda"
    )
    with pytest.raises(OgiltigUppgift, match="minst 5 anställda; Vuxenenheten anger 3"):
        bidrag.fyll_i({2: "Andra svaret"}, "Inledning", liten)
    fel_epost = AdministrativaUppgifter("V", "T", "1", "inte en adress", "Box 1", "34")
    with pytest.raises(OgiltigUppgift, match="ingen giltig e-postadress"):
        bidrag.ange_administrativa(fel_epost)
    assert tillstand(bidrag) == fore


def test_antal_anstallda_ska_sta_med_siffror(batteri: Fragebatteri, seed: Seed003) -> None:
    bidrag = ifyllt(batteri, seed)
    uppgifter = seed.administrativa | {"antal_anstallda": "trettiofyra"}
    bidrag.ange_administrativa(AdministrativaUppgifter(**uppgifter))
    assert "Antal anställda maj 2020 (skriv antalet med siffror)" in (
        bidrag.fullstandighet().saknade_uppgifter
    )


# -- question 18 from the verksamhetsplan -----------------------------------------------------


def test_fraga_18_forifylls_ur_verksamhetsplanen_men_skriver_inte_over(
    batteri: Fragebatteri,
) -> None:
    plan = las_verksamhetsplan(SEED001)
    forslag = forifyllda_svar(batteri, plan)
    assert list(forslag) == [18]
    bidrag = nytt(batteri)
    assert bidrag.forifyll(forslag) == [18]
    text = bidrag.svar[18]
    assert text.startswith("Individen klarar sin egen försörjning\n\n")
    assert "Förebyggande arbete prioriteras\n\nÅtagande: Förebyggande arbete och tidiga" in text
    assert (
        "Förväntat resultat\n\nSatsning på öppenvård i tidigt skede förväntas minska behovet "
        "av kostsamma institutionsplaceringar, vräkningar och övriga sociala problem."
    ) in text
    bidrag.skriv_svar(18, "Enhetens egen text")
    assert bidrag.forifyll(forslag) == []
    assert bidrag.svar[18] == "Enhetens egen text"
