"""The verksamhetsplan ärendetyp's rules: the plan pasted in the beredning form is read and
kept as structure beside its text, the förslag begins with the fastställande, and empty
texts, texts that are no plan and plans for another year are refused in Swedish. Also the
plan's year, its budget totals and its JSON form, and the tjänsteutlåtande's summary."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from arende.adapters.arendetypfil import las_arendetyp
from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan
from arende.domain.arende import Arende
from arende.domain.arendetyp import Arendetyp, Falt, Faltyp, kontrollera_svar
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.domain.skeden import Skede
from arende.domain.verksamhetsplan import (
    kort_rad,
    plan_fran_data,
    plan_som_data,
    planens_ar,
    totalrad,
)
from arende.service_layer.dokumentdata import text, tjansteutlatande
from arende.service_layer.regler import REGLER, Verksamhetsplanen, regeluppsattningar

ROT = Path(__file__).resolve().parents[2]
DATA = ROT / "tests" / "data"
SEED001 = (DATA / "seed_001_verksamhetsplan_vuxenenheten_2012.txt").read_text(encoding="utf-8")
SEED002 = (DATA / "seed_002_verksamhetsplan_2009.txt").read_text(encoding="utf-8")

# A plan as small as the importer takes one: a goal chain, one åtagande, no year anywhere.
LITEN = """\
Verksamhetsplan för Vuxenenheten

Inledning

Enheten ger stöd till vuxna.

KF:s INRIKTNINGSMÅL 1:
1. Stockholm ska vara en attraktiv stad

KF:s MÅL FÖR VERKSAMHETSOMRÅDET:
1.2 Jobb istället för bidrag

NÄMNDMÅL:
Öka sysselsättningen

ÅTAGANDE:
Alla som söker bistånd får stöd att söka arbete.

Förväntat resultat
Fler går från bistånd till arbete.
"""


@pytest.fixture(scope="module")
def typ() -> Arendetyp:
    return las_arendetyp(
        ROT / "deployments" / "arendetyper" / "verksamhetsplan.toml",
        mallkatalog=ROT / "templates",
        regler=REGLER,
    )


def arende(typ: Arendetyp, verksamhetsar: int = 2009, namnd: str = "Socialtjänstnämnden") -> Arende:
    return Arende.registrera(
        dnr=Diarienummer("SoN", 2008, 7),
        arendetyp=typ.namn,
        livscykel=typ.livscykel,
        titel=typ.ge_titel({"verksamhetsar": verksamhetsar}),
        namnd=namnd,
        handlaggare="Lena Murray",
        registreringsdatum=date(2008, 11, 24),
        planerat_sammantrade=date(2008, 12, 16),
        uppgifter={"verksamhetsar": verksamhetsar},
        idag=date(2008, 12, 3),
    )


def svar(typ: Arendetyp, plantext: str, **andrat: Any) -> dict[str, Any]:
    """The beredning form's answers, checked against the type's fields as the service layer
    checks them before the rules see them."""
    return kontrollera_svar(
        typ.formular[Skede.UNDER_BEREDNING].falt,
        {
            "plantext": plantext,
            "sammanfattning": "Förvaltningen föreslår att nämnden fastställer planen.",
            "avsnitt": [{"rubrik": "Bakgrund", "text": "Planen bygger på KF:s budget."}],
        }
        | andrat,
    )


REGEL = Verksamhetsplanen(importera_verksamhetsplan)


# -- the definition -----------------------------------------------------------------------


def test_typen_klistrar_in_planen_i_beredningen_och_har_egen_mall(typ: Arendetyp) -> None:
    assert typ.regler == "verksamhetsplan"
    falt = {f.namn: f for f in typ.formular[Skede.UNDER_BEREDNING].falt}
    assert falt["plantext"].typ is Faltyp.LANGTEXT  # a textarea in the Prefect form
    assert falt["plantext"].max_langd is not None
    assert falt["plantext"].max_langd > len(SEED002)  # 92 pages fit
    assert falt["forslag"].obligatoriskt is False  # the first point is the system's
    assert typ.dokument[Skede.FORSLAG_FASTSTALLT].mall == "tjansteutlatande_verksamhetsplan.docx"


def test_varje_regelnamn_har_sina_regler() -> None:
    assert set(regeluppsattningar()) == set(REGLER)


# -- the rules ----------------------------------------------------------------------------


def test_planen_lases_in_och_sparas_som_struktur_bredvid_texten(typ: Arendetyp) -> None:
    a = arende(typ, 2012, "Östermalms stadsdelsnämnd")
    kept = REGEL.bered(typ, Skede.UNDER_BEREDNING, svar(typ, SEED001), a)
    assert kept["plantext"] == SEED001.strip()
    assert kept["forslag"] == ["Östermalms stadsdelsnämnd fastställer verksamhetsplan för 2012."]
    plan = kept["plan"]
    assert plan["ar"] == 2012  # seed 001's title has no year; its budget table is "Budget 2012"
    assert json.loads(json.dumps(plan)) == plan
    struktur = plan_fran_data(plan["struktur"])
    assert struktur == importera_verksamhetsplan(SEED001.strip())
    assert len(struktur.namndmal()) == 9 and len(struktur.ataganden()) == 8
    assert len(struktur.ej_placerat) == 7  # kept, not refused: listed in the tjänsteutlåtande


def test_forslaget_borjar_med_faststallandet_och_behaller_ovriga_punkter(typ: Arendetyp) -> None:
    a = arende(typ)
    punkt = "Socialtjänstnämnden fastställer verksamhetsplan för 2009."
    kept = REGEL.bered(
        typ,
        Skede.UNDER_BEREDNING,
        svar(typ, SEED002, forslag=["Nämnden överlämnar planen till kommunstyrelsen.", punkt]),
        a,
    )
    assert kept["forslag"] == [punkt, "Nämnden överlämnar planen till kommunstyrelsen."]
    # Asked again with what was kept, nothing is doubled.
    igen = REGEL.bered(typ, Skede.UNDER_BEREDNING, svar(typ, SEED002, forslag=kept["forslag"]), a)
    assert igen["forslag"] == kept["forslag"]


def test_en_plan_utan_artal_sparas_och_aret_blir_att_kontrollera(typ: Arendetyp) -> None:
    kept = REGEL.bered(typ, Skede.UNDER_BEREDNING, svar(typ, LITEN), arende(typ))
    assert kept["plan"]["ar"] is None
    assert kept["forslag"] == ["Socialtjänstnämnden fastställer verksamhetsplan för 2009."]


def test_andra_skeden_och_typer_utan_plantext_lamnas_som_de_ar(typ: Arendetyp) -> None:
    uppgifter = {"anteckning": "Samverkat utan erinran"}
    assert REGEL.bered(typ, Skede.SAMVERKAT, uppgifter, arende(typ)) is uppgifter
    utan = {"forslag": ["Nämnden antar riktlinjerna."]}
    assert REGEL.bered(typ, Skede.UNDER_BEREDNING, utan, arende(typ)) is utan


@pytest.mark.parametrize(
    ("plantext", "verksamhetsar", "meddelande"),
    [
        (
            "",
            2009,
            "Verksamhetsplanens text är tom: klistra in hela verksamhetsplanen som text.",
        ),
        (
            "Detta är ett brev om lokalerna.\n\nVi hörs.",
            2009,
            r"Texten är ingen verksamhetsplan: inga nämndmål hittades\. En plan har rubrikerna "
            r"'KF:s INRIKTNINGSMÅL 1:', 'KF:s MÅL FÖR VERKSAMHETSOMRÅDET:' och 'NÄMNDMÅL:' på "
            r"egna rader, följda av målen\. Klistra in hela planens text\. Rader som inte kunde "
            r"placeras: rad 1 \('Detta är ett brev om lokalerna\.'\): text före inledningen som "
            r"inte är en känd uppgift i brevhuvudet; rad 3 \('Vi hörs\.'\)",
        ),
        (
            # Goals without a nämndmål are no nämnd's plan either.
            "KF:s INRIKTNINGSMÅL 1:\n1. Stockholm ska vara en attraktiv stad\n",
            2009,
            r"Texten är ingen verksamhetsplan: inga nämndmål hittades\.",
        ),
        (
            SEED002,
            2010,
            r"^Verksamhetsplanen gäller 2009 \(enligt budgetrubriken 'Nämndens budgetförslag "
            r"2009'\), men ärendet SoN 2008/7 gäller verksamhetsåret 2010\. Klistra in planen "
            r"för 2010, eller registrera ett eget ärende för verksamhetsplanen 2009\.$",
        ),
        (
            LITEN.replace("Verksamhetsplan för", "Verksamhetsplan 2010 för"),
            2009,
            r"gäller 2010 \(enligt titeln 'Verksamhetsplan 2010 för Vuxenenheten'\), men "
            r"ärendet SoN 2008/7 gäller verksamhetsåret 2009",
        ),
    ],
    ids=["tom", "inget-mal", "inga-namndmal", "annat-ar-i-budgeten", "annat-ar-i-titeln"],
)
def test_felaktiga_planer_avvisas_pa_svenska(
    typ: Arendetyp, plantext: str, verksamhetsar: int, meddelande: str
) -> None:
    a = arende(typ, verksamhetsar)
    fore = dict(a.uppgifter)
    with pytest.raises(OgiltigUppgift, match=meddelande):
        REGEL.bered(typ, Skede.UNDER_BEREDNING, {"plantext": plantext, "forslag": []}, a)
    assert a.uppgifter == fore


def test_manga_oplacerade_rader_namns_med_de_forsta_fem(typ: Arendetyp) -> None:
    text = "\n".join(f"Rad nummer {i} utan mål." for i in range(1, 9))
    with pytest.raises(
        OgiltigUppgift, match=r"rad 5 \('Rad nummer 5 utan mål\.'\).* och 3 till\.$"
    ):
        REGEL.bered(typ, Skede.UNDER_BEREDNING, {"plantext": text}, arende(typ))


def test_reglerna_utan_inlasare_ar_ett_kopplingsfel(typ: Arendetyp) -> None:
    with pytest.raises(RuntimeError, match="saknar sin inläsare"):
        Verksamhetsplanen(None).bered(
            typ, Skede.UNDER_BEREDNING, {"plantext": SEED002}, arende(typ)
        )


def test_en_langtext_med_bara_blanka_rader_ar_tom() -> None:
    falt = (Falt("plantext", Faltyp.LANGTEXT, "Verksamhetsplanens text"),)
    with pytest.raises(
        OgiltigUppgift, match="^Verksamhetsplanens text saknas: fyll i det fältet.$"
    ):
        kontrollera_svar(falt, {"plantext": "  \n\n\t\n"})
    frivilligt = (Falt("text", Faltyp.LANGTEXT, "Text", obligatoriskt=False),)
    assert kontrollera_svar(frivilligt, {"text": " \n "}) == {"text": None}
    # Inside a text, the layout stays.
    assert kontrollera_svar(frivilligt, {"text": "\n a\n\n b \n"}) == {"text": "a\n\n b"}


# -- the plan's year, totals and JSON form --------------------------------------------------


def test_planens_ar_ur_titeln_eller_budgetrubriken() -> None:
    assert planens_ar(importera_verksamhetsplan(SEED001)) == (
        2012,
        "budgetrubriken 'Budget 2012'",
    )
    assert planens_ar(importera_verksamhetsplan(SEED002)) == (
        2009,
        "budgetrubriken 'Nämndens budgetförslag 2009'",
    )
    assert planens_ar(importera_verksamhetsplan(LITEN)) is None  # its date is no guide
    titel = importera_verksamhetsplan(LITEN.replace("för Vux", "2013 för Vux"))
    assert planens_ar(titel) == (2013, "titeln 'Verksamhetsplan 2013 för Vuxenenheten'")


def test_budgettabellernas_totalrad() -> None:
    tabeller = importera_verksamhetsplan(SEED002).budget
    assert [(r.namn, r.varden) for r in map(totalrad, tabeller) if r] == [
        ("Nämnden totalt", (Decimal("1632.7"), Decimal("-624.1"), Decimal("1008.6"))),
        (
            "Socialtjänst- och arbetsmarknadsnämnden totalt",
            (Decimal("1411.7"), Decimal("-403.1"), Decimal("1008.6")),
        ),
        (
            "Socialtjänst- och arbetsmarknadsnämnden totalt",
            (Decimal("1008.6"), Decimal("664.0"), Decimal("-344.6")),
        ),
    ]
    (vuxenenheten,) = importera_verksamhetsplan(SEED001).budget
    total = totalrad(vuxenenheten)
    assert total is not None and total.namn == "Totalt"


@pytest.mark.parametrize("text", [SEED001, SEED002, LITEN])
def test_planen_som_json_och_tillbaka(text: str) -> None:
    plan = importera_verksamhetsplan(text)
    data = json.loads(json.dumps(plan_som_data(plan), ensure_ascii=False))
    assert plan_fran_data(data) == plan


def test_kort_rad() -> None:
    assert kort_rad("SFI 1\t393\t5,6 %\t") == "SFI 1 | 393 | 5,6 %"
    assert kort_rad("x" * 100, 10) == "xxxxxxxxx…"


# -- the tjänsteutlåtande's summary ---------------------------------------------------------


def test_belopp_och_antal_pa_svenska() -> None:
    assert text.mnkr(Decimal("1632.7")) == "1\u00a0632,7"
    assert text.mnkr(Decimal("-624.1")) == "−624,1"
    assert text.mnkr(Decimal("0.0")) == "0,0"
    assert text.mnkr(Decimal("1234567")) == "1\u00a0234\u00a0567"
    assert text.antal(0, "åtagande", "åtaganden") == "inga åtaganden"
    assert text.antal(1, "åtagande", "åtaganden") == "1 åtagande"
    assert text.antal(8, "åtagande", "åtaganden") == "8 åtaganden"


class Grunddata:
    """Just what a tjänsteutlåtande reads of the grunddata."""

    def namnd(self, namn: str) -> Any:
        return SimpleNamespace(namn=namn, forvaltning="Socialtjänstförvaltningen")

    def person(self, namn: str) -> Any:
        return SimpleNamespace(namn=namn, avdelning="", telefon="08-508 256 15", titel="")


def test_tjansteutlatandets_sammanfattning_av_planen(typ: Arendetyp) -> None:
    a = arende(typ)
    a.registrera_uppgifter(
        Skede.UNDER_BEREDNING, REGEL.bered(typ, Skede.UNDER_BEREDNING, svar(typ, LITEN), a)
    )
    grunddata: Any = Grunddata()
    data = tjansteutlatande.tjansteutlatande(a, typ, REGEL.underlag(a, grunddata), grunddata)
    assert data["forslag"] == ["Socialtjänstnämnden fastställer verksamhetsplan för 2009."]
    assert data["plan_innehall"] == (
        "Verksamhetsplanen för 2009 utgår från kommunfullmäktiges 1 inriktningsmål och 1 mål "
        "för verksamhetsområdet. Under dem har nämnden 1 nämndmål, och planen redovisar "
        "1 åtagande för att nå dem."
    )
    assert data["inriktningsmal"] == [
        {
            "rubrik": "KF:s inriktningsmål 1: Stockholm ska vara en attraktiv stad",
            "kf_mal": [
                {
                    "rubrik": "1.2 Jobb istället för bidrag",
                    "namndmal": ["Öka sysselsättningen (1 åtagande)"],
                }
            ],
        }
    ]
    assert data["budget"] == []
    # The year the plan does not name is the first thing to check.
    assert data["att_kontrollera"] == [
        "Planen anger inget år i titeln eller i budgettabellernas rubriker: kontrollera att "
        "den gäller 2009."
    ]


def test_utan_inlast_plan_upprattas_inget_tjansteutlatande(typ: Arendetyp) -> None:
    a = arende(typ)
    with pytest.raises(OgiltigUppgift, match="har ingen inläst verksamhetsplan"):
        REGEL.underlag(a, Grunddata())  # type: ignore[arg-type]
