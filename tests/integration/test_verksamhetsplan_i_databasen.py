"""A verksamhetsplan ärende through the runner on a real database, with seed 002's text
pasted in its beredning form: the plan's structure kept in the ärende's uppgifter, and the
tjänsteutlåtande the chefs sign summarising it as a Stockholm one does. Bad plans are
refused in Swedish and change nothing."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from sqlmodel import Session, SQLModel

from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan
from arende.bootstrap import Arendesystem
from arende.domain.fel import OgiltigUppgift
from arende.domain.handling import Handlingstyp
from arende.domain.skeden import Skede
from arende.domain.verksamhetsplan import plan_fran_data
from arende.service_layer import handlingar, visningar
from arende.service_layer import kommandon as k
from tests import hjalp
from tests.conftest import FastKlocka

SEED002 = Path(__file__).resolve().parents[1] / "data" / "seed_002_verksamhetsplan_2009.txt"
NAMND = "Socialtjänstnämnden"
MOTE = date(2008, 12, 16)  # in the nämnd's sammanträdesplan; seed 002 is dated 1 December


def registrera(system: Arendesystem, verksamhetsar: int = 2009) -> str:
    return hjalp.registrera(
        system,
        "verksamhetsplan",
        {"verksamhetsar": verksamhetsar},
        sammantrade=MOTE,
        registreringsdatum=date(2008, 11, 24),
    )


def skriv(system: Arendesystem, dnr: str, plantext: str, **andrat: Any) -> None:
    svar: dict[str, Any] = {
        "plantext": plantext,
        "forslag": [],
        "sammanfattning": (
            "Förvaltningen har tagit fram ett förslag till verksamhetsplan för 2009 utifrån "
            "kommunfullmäktiges mål och budget."
        ),
        "avsnitt": [
            {
                "rubrik": "Ärendets beredning",
                "text": "Ärendet har beretts inom förvaltningsledningen.",
            }
        ],
    } | andrat
    system.utfor(
        k.SkrivUppgifter(
            aktor=hjalp.HANDLAGGARE,
            nyckel=hjalp.nyckel("underlag"),
            dnr=hjalp.d(dnr),
            skede=Skede.UNDER_BEREDNING,
            svar=svar,
        )
    )


def paborja(system: Arendesystem, dnr: str) -> None:
    system.utfor(
        k.PaborjaBeredning(aktor=hjalp.HANDLAGGARE, nyckel=hjalp.nyckel(), dnr=hjalp.d(dnr))
    )


@pytest.fixture
def beredd(system: Arendesystem) -> tuple[Arendesystem, str]:
    """A verksamhetsplan ärende for 2009, under beredning."""
    system.klocka = FastKlocka(date(2008, 12, 3))
    dnr = registrera(system)
    paborja(system, dnr)
    return system, dnr


def ogonblicksbild(system: Arendesystem) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table but the audit log and the steps taken by key: a refused
    step is itself logged, and remembered so that a replay is refused the same way."""
    with Session(system.motor) as s:
        return {
            t.name: sorted((tuple(map(str, r)) for r in s.execute(t.select())), key=str)
            for t in SQLModel.metadata.sorted_tables
            if not t.name.startswith("granskning") and t.name != "kommando"
        }


def docx_stycken(system: Arendesystem, fil: str) -> list[str]:
    return [p.text for p in Document(io.BytesIO(system.arkiv.las(fil))).paragraphs]


def test_seed_002_sparas_som_struktur_och_sammanfattas_i_tjansteutlatandet(
    beredd: tuple[Arendesystem, str],
) -> None:
    system, dnr = beredd
    text = SEED002.read_text(encoding="utf-8")
    skriv(system, dnr, text, forslag=["Nämnden överlämnar planen till kommunstyrelsen."])

    # -- what is stored: the text as written, and the plan's structure beside it
    arende = visningar.hamta_arende(system.uow(), dnr)
    skrivet = arende.uppgifter["under beredning"]
    assert skrivet["plantext"] == text.strip()
    assert skrivet["forslag"] == [
        "Socialtjänstnämnden fastställer verksamhetsplan för 2009.",
        "Nämnden överlämnar planen till kommunstyrelsen.",
    ]
    lagrad = skrivet["plan"]
    assert lagrad["ar"] == 2009
    assert json.loads(json.dumps(lagrad)) == lagrad  # JSON as it is, nothing to convert
    struktur = lagrad["struktur"]
    assert struktur["dnr"] == "I.2-0660/2008"
    assert [i["nummer"] for i in struktur["inriktningsmal"]] == ["1", "2", "3"]
    assert [k["nummer"] for i in struktur["inriktningsmal"] for k in i["kf_mal"]] == [
        "1.1", "1.2", "1.3", "1.7", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2",
    ]  # fmt: skip
    kf_1_2 = struktur["inriktningsmal"][0]["kf_mal"][1]
    assert [n["text"] for n in kf_1_2["namndmal"]] == [
        "Öka sysselsättningen och medverka till egenförsörjningen"
    ]
    assert len(kf_1_2["indikatorer"]) == 9 and len(kf_1_2["aktiviteter"]) == 5
    forsta_budget = struktur["budget"][0]
    assert forsta_budget["rubrik"] == "Nämndens budgetförslag 2009"
    assert forsta_budget["rader"][-1] == {
        "namn": "Nämnden totalt",
        "varden": ["1632.7", "-624.1", "1008.6"],  # decimal text: no float rounding
        "rad": forsta_budget["rader"][-1]["rad"],
    }
    # The seven lines the importer could not place are kept with their line numbers (in the
    # stored text, whose four leading blank lines are gone: the seed's line 661 is 657).
    assert [(e["rad"], e["orsak"]) for e in struktur["ej_placerat"]] == [
        (657, "tabellrad utan känd tabellrubrik"),
        (658, "tabellrad utan känd tabellrubrik"),
        (659, "tabellrad utan känd tabellrubrik"),
        (660, "tabellrad utan känd tabellrubrik"),
    ] + [
        (rad, "står under rubriken 'Särskilda redovisningar', som inte hör till "
         "verksamhetsplanens struktur")
        for rad in (1946, 1948, 1950)
    ]  # fmt: skip
    # What is stored is the plan: read back, it is what the importer gives.
    assert plan_fran_data(struktur) == importera_verksamhetsplan(text.strip())

    # -- samverkan and fastställande: the tjänsteutlåtande is drawn up from the stored plan
    hjalp.bered(system, dnr, samverkan=date(2008, 12, 2), faststallt=date(2008, 12, 3))
    tu = handlingar.senaste(system.uow(), dnr, Handlingstyp.TJANSTEUTLATANDE)
    assert tu is not None and tu.mall == "tjansteutlatande_verksamhetsplan.docx"
    stycken = docx_stycken(system, tu.fil)
    text_i_dokumentet = "\n".join(stycken)

    assert "Verksamhetsplan 2009" in stycken  # the ärendemening as title
    # Förslag till beslut: the nämnd fastställer the plan for the year, then the other points.
    forslag = stycken.index("Förslag till beslut")
    assert stycken[forslag + 1 : forslag + 3] == [
        "1. Socialtjänstnämnden fastställer verksamhetsplan för 2009.",
        "2. Nämnden överlämnar planen till kommunstyrelsen.",
    ]
    assert stycken.index("Sammanfattning") < stycken.index("Verksamhetsplanens innehåll")
    innehall = stycken.index("Verksamhetsplanens innehåll")
    assert stycken[innehall + 1] == (
        "Verksamhetsplanen för 2009 utgår från kommunfullmäktiges 3 inriktningsmål och 10 mål "
        "för verksamhetsområdet. Under dem har nämnden 16 nämndmål, och planen redovisar inga "
        "åtaganden för att nå dem."
    )
    # Each inriktningsmål, its KF-mål, and the nämndmål under each KF-mål, in the plan's order.
    inriktning_1 = stycken.index(
        "KF:s inriktningsmål 1: Stockholm ska vara en attraktiv, trygg, tillgänglig och växande "
        "stad för boende, företagande och besök"
    )
    assert stycken[inriktning_1 + 1 : inriktning_1 + 5] == [
        "1.1 Stockholm stad ska bli norra Europas mest företagsvänliga stad",
        "Utveckla stadens insatser enligt alkohollagen",
        "1.2 Jobb istället för bidrag",
        "Öka sysselsättningen och medverka till egenförsörjningen",
    ]
    kf_1_7 = stycken.index("1.7 Stockholm ska upplevas som en ren, vacker och trygg stad")
    assert stycken[kf_1_7 + 1 : kf_1_7 + 4] == [
        "Skydd för våldsutsatta kvinnor och deras barn",
        "Utveckla stadens brottsförebyggande arbete",
        "Tillhandahålla jour samt kris- och säkerhetsberedskap dygnet runt",
    ]
    kf_3_1 = stycken.index("3.1 Budgeten ska vara i balans")
    assert stycken[kf_3_1 + 1] == "Nämnden har inget eget mål under detta mål."
    assert stycken[kf_3_1 - 1] == (
        "KF:s inriktningsmål 3: Stadens verksamheter ska vara kostnadseffektiva"
    )
    # The budget tables' totals (the second table repeats the first's heading and totals
    # and adds the nämnd's total net of internal items).
    budget = stycken.index("Budget")
    assert stycken[budget + 1 : budget + 4] == [
        "Nämndens budgetförslag 2009, Nämnden totalt: Kostnader 1\u00a0632,7 mnkr, Intäkter "
        "−624,1 mnkr, KF-anslag 1\u00a0008,6 mnkr.",
        # The nämnd's name in the row keeps its capital (it came out "socialtjänst- och …").
        "Nämndens budgetförslag 2009, Socialtjänst- och arbetsmarknadsnämnden totalt: "
        "Kostnader 1\u00a0411,7 mnkr, Intäkter −403,1 mnkr, KF-anslag 1\u00a0008,6 mnkr.",
        "Kostnads- och intäktsförändringar mellan åren, Socialtjänst- och "
        "arbetsmarknadsnämnden totalt: Förslag 2009 1\u00a0008,6 mnkr, Budget 2008 664,0 "
        "mnkr, Förändring −344,6 mnkr.",
    ]
    # Att kontrollera: the lines that could not be placed, with line number and reason.
    kontroll = stycken.index("Att kontrollera")
    assert stycken[kontroll + 1].startswith("Följande rader i verksamhetsplanens text")
    assert stycken[kontroll + 2] == (
        "Rad 657: ”<i>Studieväg</i> | <i>Antal inskrivna</i> | <i>Andel av den totala "
        "gruppen</i>” – tabellrad utan känd tabellrubrik."
    )
    assert (
        stycken[kontroll + 3]
        == "Rad 658: ”SFI 1 | 393 | 5,6 %” – tabellrad utan känd tabellrubrik."
    )
    assert stycken[kontroll + 6].startswith("Rad 1946: ”Särskilda redovisningar” – står under")
    assert len([s for s in stycken if s.startswith("Rad ")]) == 7
    # Then the handläggare's own sections and the samverkan.
    assert stycken.index("Ärendets beredning") > kontroll
    assert "Ärendet har samverkats i förvaltningsgruppen den 2 december 2008." in stycken
    assert "{{" not in text_i_dokumentet and "{%" not in text_i_dokumentet


def test_plan_kan_skrivas_om_under_beredningen_utan_dubbla_forslag(
    beredd: tuple[Arendesystem, str],
) -> None:
    """Asked again (the form comes back with what was stored), the fixed first point is not
    doubled."""
    system, dnr = beredd
    text = SEED002.read_text(encoding="utf-8")
    skriv(system, dnr, text)
    forra = visningar.hamta_arende(system.uow(), dnr).uppgifter["under beredning"]
    skriv(system, dnr, forra["plantext"], forslag=forra["forslag"])
    skrivet = visningar.hamta_arende(system.uow(), dnr).uppgifter["under beredning"]
    assert skrivet["forslag"] == ["Socialtjänstnämnden fastställer verksamhetsplan för 2009."]
    assert skrivet["plan"] == forra["plan"]


@pytest.mark.parametrize(
    ("plantext", "verksamhetsar", "meddelande"),
    [
        ("", 2009, "Verksamhetsplanens text saknas: fyll i det fältet."),
        (" \n\n  \n", 2009, "Verksamhetsplanens text saknas: fyll i det fältet."),
        (
            "Verksamhetsplan 2009\n\nHär kommer planen senare.\n",
            2009,
            r"Texten är ingen verksamhetsplan: inga nämndmål hittades\. .*"
            r"Rader som inte kunde placeras: rad 3 \('Här kommer planen senare\.'\): text före "
            r"inledningen",
        ),
        (
            SEED002.read_text(encoding="utf-8"),
            2010,
            r"Verksamhetsplanen gäller 2009 \(enligt budgetrubriken 'Nämndens budgetförslag "
            r"2009'\), men ärendet SoN 2008/1 gäller verksamhetsåret 2010\. Klistra in planen "
            r"för 2010",
        ),
    ],
    ids=["tom", "bara-blanka-rader", "ingen-plan", "annat-ar"],
)
def test_felaktig_plan_avvisas_och_inget_andras(
    system: Arendesystem, plantext: str, verksamhetsar: int, meddelande: str
) -> None:
    system.klocka = FastKlocka(date(2008, 12, 3))
    dnr = registrera(system, verksamhetsar)
    paborja(system, dnr)
    fore = ogonblicksbild(system)
    with pytest.raises(OgiltigUppgift, match=meddelande):
        skriv(system, dnr, plantext)
    assert ogonblicksbild(system) == fore
    assert "under beredning" not in visningar.hamta_arende(system.uow(), dnr).uppgifter
    assert handlingar.handlingar(system.uow(), dnr) == []
