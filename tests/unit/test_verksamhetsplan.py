"""The verksamhetsplan importer against the text form of seeds 001 and 002, field by field,
and what it reports instead of dropping; activities as deadlines; question 18's text."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan, las_verksamhetsplan
from arende.domain.fel import OgiltigUppgift
from arende.domain.verksamhetsplan import (
    Verksamhetsplan,
    aktiviteter_som_frister,
    mal_for_fraga_18,
)

DATA = Path(__file__).resolve().parents[1] / "data"
SEED001 = DATA / "seed_001_verksamhetsplan_vuxenenheten_2012.txt"
SEED002 = DATA / "seed_002_verksamhetsplan_2009.txt"


@pytest.fixture(scope="module")
def plan001() -> Verksamhetsplan:
    return las_verksamhetsplan(SEED001)


@pytest.fixture(scope="module")
def plan002() -> Verksamhetsplan:
    return las_verksamhetsplan(SEED002)


# -- seed 001 -------------------------------------------------------------------------------


def test_seed_001_brevhuvud_och_inledning(plan001: Verksamhetsplan) -> None:
    assert plan001.titel == "Verksamhetsplan Vuxenenheten"
    assert plan001.handlaggare == "Jan Rönnberg"
    assert plan001.telefon == "08-508 10 375"
    assert plan001.till == "Östermalms stadsdelsnämnd"
    assert plan001.inledning[0] == "Enhetens verksamhetsidé och övergripande uppdrag"
    assert plan001.inledning[-1].startswith("I enlighet med stadens Vision 2030")


def test_seed_001_malkedjan(plan001: Verksamhetsplan) -> None:
    assert [(i.nummer, i.text) for i in plan001.inriktningsmal] == [
        (
            "1",
            "Stockholm ska vara en attraktiv, trygg, tillgänglig och växande stad för boende, "
            "företagande och besök",
        ),
        ("2", "Kvalitet och valfrihet ska utvecklas och förbättras"),
        ("3", "Stadens verksamheter ska vara kostnadseffektiva"),
    ]
    assert [(k.nummer, k.text) for k in plan001.kf_mal()] == [
        ("1.2", "Invånare i Stockholm ska vara eller bli självförsörjande"),
        ("1.3", "Stockholms livsmiljö ska vara hållbar"),
        ("2.3", "Stockholmarna ska uppleva att de får god service och omsorg"),
        ("2.4", "Stockholms stad som arbetsgivare ska erbjuda spännande och utmanande arbeten"),
        ("3.1", "Budgeten ska vara i balans"),
    ]
    assert [(k.nummer, [(n.nummer, n.text) for n in k.namndmal]) for k in plan001.kf_mal()] == [
        ("1.2", [(None, "Individen klarar sin egen försörjning")]),
        ("1.3", [(None, "En hållbar livsmiljö ska värnas och utvecklas på Östermalm")]),
        (
            "2.3",
            [
                ("1", "Förebyggande arbete prioriteras"),
                (
                    "2",
                    "Stadsdelsförvaltningens omsorgsverksamheter ska ha hög kvalitet, vara "
                    "tillgängliga och präglas av trygghet, värdighet och valfrihet.",
                ),
                ("3", "Personalen ska ha grundläggande yrkesutbildning"),
                ("4", "Insatser ska i första hand ske i öppenvård och i eget boende"),
                ("5", "Hemlöshet ska motverkas"),
            ],
        ),
        ("2.4", [(None, "Stadsdelsförvaltningen ska vara en attraktiv arbetsgivare")]),
        ("3.1", [(None, "Stadsdelens budget ska vara i balans")]),
    ]


def test_seed_001_ataganden_med_alla_fem_delar(plan001: Verksamhetsplan) -> None:
    ataganden = plan001.ataganden()
    assert [a.text for a in ataganden] == [
        "Vuxenheten ska verka för en miljöeffektiv arbetsplats",
        "Förebyggande arbete och tidiga insatser prioriteras",
        "All personal ska ha adekvat utbildning utifrån arbetsuppgifternas karaktär.",
        "Insatser ska i första hand ske i öppenvård och i eget boende",
        "Hemlöshet ska motverkas",
        "Arbeta aktivt med personal som är sjukskriven",
        "Verka för att medarbetarna upplever att de har en meningsfull arbetssituation.",
        "Alla medarbetare ska vara medvetna om enhetens, avdelningens och förvaltningens "
        "budgetläge.",
    ]
    # The miljö åtagande has only three parts in the seed; every other has all five.
    assert ataganden[0].saknade_delar() == ["Förväntat resultat", "Utveckling"]
    assert all(a.saknade_delar() == [] for a in ataganden[1:])

    forebyggande = ataganden[1]
    assert forebyggande.forvantat_resultat == (
        "Satsning på öppenvård i tidigt skede förväntas minska behovet av kostsamma "
        "institutionsplaceringar, vräkningar och övriga sociala problem."
    )
    assert forebyggande.arbetssatt == (
        "I alla ärenden där det bedöms realistiskt med öppenvårdsinsatser skall det föreslås "
        "brukaren."
    )
    assert forebyggande.resursanvandning == (
        "All personal inom Vuxenenheten i samverkan med Östermalms beroendemottagning."
    )
    assert forebyggande.uppfoljning == (
        "Handläggarna följer regelbundet upp de insatser som har beviljats."
    )
    assert forebyggande.utveckling == (
        "Att handläggarnas kompetens i motiverande samtal MI utvecklas så väl att fler "
        "klienter än hittills väljer öppenvårdsinsatser."
    )
    # Run together in the seed with ** around each heading (line 220).
    personal = ataganden[2]
    assert personal.forvantat_resultat == "God kvalitet på verksamheten."
    assert personal.arbetssatt.startswith("Vid nyanställning finns klara kriterier")
    assert personal.resursanvandning == "Rätt metod/utbildning och erfarenhet för arbetsuppgiften."
    assert personal.uppfoljning == "Genom årliga medarbetarsamtal."
    assert personal.utveckling == (
        "Att vidareutbildning erbjuds inom områden som bedöms viktiga för verksamheten."
    )
    # A part of several paragraphs keeps them, separated by a blank line.
    oppenvard = ataganden[3]
    assert oppenvard.arbetssatt.split("\n\n") == [
        "Vuxenenhetens egna öppenvårdsinsatser ska i första hand användas. Enbart om öppenvård "
        "inte bedöms realistiskt eller på annat sätt inte genomförbart, är det aktuellt med "
        "institutionsvård.",
        "Brukaren ska i största möjliga utsträckning kunna få vård och stöd och samtidigt bo "
        "kvar hemma.",
    ]
    assert len(ataganden[4].arbetssatt.split("\n\n")) == 3
    assert ataganden[7].utveckling.startswith("Snabba och effektiva åtgärder")


def test_seed_001_aktiviteter_med_datum(plan001: Verksamhetsplan) -> None:
    aktiviteter = [(a.kalla, a.beskrivning[:40], a.start, a.slut) for a in plan001.aktiviteter()]
    ar2012 = (date(2012, 1, 1), date(2012, 12, 31))
    assert aktiviteter == [
        ("nämnden", "Åtgärda arbetsplatsens generella otillgä", *ar2012),
        ("nämnden", "Erbjuda praktikplatser för personer med ", *ar2012),
        ("KF", "Vida åtgärder för att förebygga och arbe", date(2012, 1, 1), date(2013, 12, 31)),
        ("nämnden", "Öka medarbetarnas kunskap om levnadsförh", *ar2012),
        ("enheten", "ASI", date(2011, 1, 1), date(2012, 12, 31)),
        ("enheten", "Motiverande samtal", date(2011, 1, 1), date(2012, 12, 31)),
    ]
    # Each is where the seed puts it: the unit's under its åtagande, KF's under the KF mål.
    (personal,) = [a for a in plan001.ataganden() if a.text.startswith("All personal")]
    assert [a.beskrivning for a in personal.aktiviteter] == ["ASI", "Motiverande samtal"]
    kf23 = plan001.kf_mal()[2]
    assert [a.kalla for a in kf23.aktiviteter] == ["KF"]


def test_seed_001_indikatorer(plan001: Verksamhetsplan) -> None:
    kf13, kf23, kf24 = plan001.kf_mal()[1], plan001.kf_mal()[2], plan001.kf_mal()[3]
    assert [(i.namn, i.arsmal, i.kf_arsmal, i.periodicitet) for i in kf13.indikatorer] == [
        (
            "Andel av verksamheter som har ett systematiskt arbete för effektiva resor och "
            "transporter (alla nämnder)",
            None,
            None,
            "År",
        ),
        ("Elanvändning per kvadratmeter", "65 kwh/kvm", "76 kWh", "År"),
    ]
    assert len(kf23.indikatorer) == 6
    assert (kf23.indikatorer[3].arsmal, kf23.indikatorer[3].kf_arsmal) == ("58 %", "öka")
    assert [i.periodicitet for i in kf23.indikatorer] == [
        "År",
        "Tertial",
        "Tertial",
        "Tertial",
        "År",
        "Tertial",
    ]
    assert [(i.namn, i.arsmal, i.kf_arsmal) for i in kf24.indikatorer] == [
        ("Sjukfrånvaro (alla nämnder/bolag)", "2 %", "4,5 %")
    ]


def test_seed_001_budgettabellen(plan001: Verksamhetsplan) -> None:
    (budget,) = plan001.budget
    assert budget.rubrik == "Budget 2012"
    assert budget.kolumner == ("Vuxenenheten", "Kostnader", "Intäkter", "Netto")
    d = Decimal
    assert [(r.namn, r.varden) for r in budget.rader] == [
        ("Administration", (d("7.4"), d("0.4"), d("7.0"))),
        ("Sibyllegatan", (d("0.3"), None, d("0.3"))),
        ("Försökslägenheter", (d("0.6"), d("0.6"), d("0.0"))),
        ("Extern vård", (d("7.0"), d("0.1"), d("6.9"))),
        ("Totalt", (d("15.3"), d("1.1"), d("14.2"))),
    ]
    # The table adds up: the importer read every cell into the right column.
    delar = budget.rader[:-1]
    for kolumn in range(3):
        assert sum((r.varden[kolumn] or d(0)) for r in delar) == budget.rader[-1].varden[kolumn]


def test_seed_001_det_som_inte_kunde_placeras_rapporteras(plan001: Verksamhetsplan) -> None:
    ej = [(e.rad, e.text[:30]) for e in plan001.ej_placerat]
    assert ej == [
        (329, "Resursanvändning"),
        (331, "Total nettobudget är 14,2 mnkr"),
        (333, "Stockholms stad har genomfört "),
        (335, "När personal avslutar sin anst"),
        (337, "Med anledning av bekymmersamt "),
        (348, "Bilaga"),
        (350, "Organisationsskiss, se nedan:"),
    ]
    assert (
        "en andra 'Resursanvändning' i åtagandet 'Alla medarbetare" in plan001.ej_placerat[1].orsak
    )
    # Line numbers are the file's: the reported text is on that line.
    rader = SEED001.read_text(encoding="utf-8").split("\n")
    for e in plan001.ej_placerat:
        assert rader[e.rad - 1].strip() == e.text


# -- seed 002 -------------------------------------------------------------------------------


def _innehallsforteckningens_mal() -> tuple[list[str], list[str]]:
    """KF mål and nämndmål as seed 002's table of contents lists them, read here without
    the importer: the line after each "KF:s MÅL FÖR VERKSAMHETSOMRÅDET:" / "NÄMNDMÅL:"."""
    rader = SEED002.read_text(encoding="utf-8").split("\n")
    start = rader.index("Innehållsförteckning")
    slut = rader.index("Inledning", start)
    poster = [r.split("\t")[0].rstrip(". ").strip() for r in rader[start + 1 : slut] if "\t" in r]
    kf = [poster[i + 1] for i, p in enumerate(poster) if p.startswith("KF:s MÅL FÖR")]
    namnd = [poster[i + 1] for i, p in enumerate(poster) if p.startswith("NÄMNDMÅL")]
    return kf, namnd


def test_seed_002_ger_varje_mal_i_innehallsforteckningen(plan002: Verksamhetsplan) -> None:
    kf, namnd = _innehallsforteckningens_mal()
    assert len(kf) == 10 and len(namnd) == 15
    lasta_kf = [f"{k.nummer} {k.text}" for k in plan002.kf_mal()]
    assert lasta_kf == kf
    lasta_namndmal = [n.text for n in plan002.namndmal()]
    # The body has one nämndmål the table of contents leaves out; all listed ones are there,
    # in the same order.
    assert [n for n in lasta_namndmal if n in namnd] == namnd
    assert [n for n in lasta_namndmal if n not in namnd] == [
        "Tillhandahålla jour samt kris- och säkerhetsberedskap dygnet runt"
    ]
    assert not [e for e in plan002.ej_placerat if "innehållsförteckningen" in e.orsak]


def test_seed_002_brevhuvud_och_malkedja(plan002: Verksamhetsplan) -> None:
    assert plan002.dnr == "I.2-0660/2008"
    assert plan002.datum == date(2008, 12, 1)
    assert plan002.titel == "Verksamhetsplan för socialtjänst- och arbetsmarknadsnämnden"
    # The first inriktningsmål is numbered with roman I in the body.
    assert [i.nummer for i in plan002.inriktningsmal] == ["1", "2", "3"]
    alkohol = plan002.namndmal()[0]
    assert alkohol.text == "Utveckla stadens insatser enligt alkohollagen"
    assert alkohol.beskrivning[0].startswith("Detta ska göras i samråd med andra myndigheter")
    # A sentence cut by a page break ("sär- / skilt") is joined again.
    assert any("ska särskilt beaktas vid tillståndsprövningen" in s for s in alkohol.beskrivning)
    jobb = plan002.kf_mal()[1]
    assert (jobb.nummer, len(jobb.indikatorer), len(jobb.aktiviteter)) == ("1.2", 9, 5)
    assert (jobb.indikatorer[1].arsmal, jobb.indikatorer[1].kf_arsmal) == ("0,05 %", "max 6 %")
    (kriscentrum,) = [n for n in plan002.namndmal() if n.text.startswith("Skydd för")]
    assert [
        (i.namn, i.arsmal, i.kf_arsmal, i.periodicitet, i.kalla) for i in kriscentrum.indikatorer
    ] == [("Beläggning Kriscentrum för Kvinno", "90", None, "Tertial", "nämnden")]


def test_seed_002_budgettabeller_och_ej_placerat(plan002: Verksamhetsplan) -> None:
    assert [(b.rubrik, b.kolumner[0], len(b.rader)) for b in plan002.budget] == [
        ("Nämndens budgetförslag 2009", "Verksamhetsområde", 16),
        ("Nämndens budgetförslag 2009", "Verksamhetsområde", 9),
        ("Kostnads- och intäktsförändringar mellan åren", "Mnkr", 29),
    ]
    totalt = plan002.budget[0].rad_for("Nämnden totalt")
    assert totalt.varden == (Decimal("1632.7"), Decimal("-624.1"), Decimal("1008.6"))
    assert plan002.ekonomi[0].startswith("Socialtjänstnämnden arbetar utifrån riktlinjerna")
    assert [(e.rad, e.orsak.split(" ")[0]) for e in plan002.ej_placerat] == [
        (661, "tabellrad"),
        (662, "tabellrad"),
        (663, "tabellrad"),
        (664, "tabellrad"),
        (1950, "står"),
        (1952, "står"),
        (1954, "står"),
    ]


# -- what cannot be placed, in a small plan -----------------------------------------------------


def test_rader_som_inte_kan_placeras_rapporteras_med_radnummer() -> None:
    text = "\n".join(
        [
            "Verksamhetsplan Provenheten",  # 1
            "Något okänt i brevhuvudet",  # 2
            "NÄMNDMÅL:",  # 3
            "Ett nämndmål utan KF-mål",  # 4
            "KF:s INRIKTNINGSMÅL 1:",  # 5
            "1. Ett inriktningsmål",  # 6
            "KF:s MÅL FÖR VERKSAMHETSOMRÅDET:",  # 7
            "1.1 Ett KF-mål",  # 8
            "NÄMNDMÅL: Ett nämndmål",  # 9
            "Nämndens aktiviteter\tStartdatum\tSlutdatum",  # 10
            "Bra aktivitet\t2020-01-01\t2020-06-30",  # 11
            "Dålig aktivitet\t2020-01-01\t30 juni",  # 12
            "ÅTAGANDE:",  # 13
            "Ett åtagande",  # 14
            "Text före första delen",  # 15
            "Förväntat resultat",  # 16
            "Ett resultat",  # 17
            "Okänd\ttabell",  # 18
        ]
    )
    plan = importera_verksamhetsplan(text)
    assert [(e.rad, e.text) for e in plan.ej_placerat] == [
        (2, "Något okänt i brevhuvudet"),
        (4, "Ett nämndmål utan KF-mål"),
        (12, "Dålig aktivitet\t2020-01-01\t30 juni"),
        (15, "Text före första delen"),
        (18, "Okänd\ttabell"),
    ]
    assert "nämndmålet står inte under något KF-mål" in plan.ej_placerat[1].orsak
    assert "går inte att läsa (30 juni)" in plan.ej_placerat[2].orsak
    (mal,) = plan.namndmal()
    assert [(a.beskrivning, a.slut) for a in mal.aktiviteter] == [
        ("Bra aktivitet", date(2020, 6, 30))
    ]
    assert mal.ataganden[0].forvantat_resultat == "Ett resultat"


def test_tom_plan_avvisas(tmp_path: Path) -> None:
    with pytest.raises(OgiltigUppgift, match="tom"):
        importera_verksamhetsplan("\n \n")
    with pytest.raises(OgiltigUppgift, match="finns inte"):
        las_verksamhetsplan(tmp_path / "saknas.txt")


# -- uses in the tävlingsbidrag ---------------------------------------------------------------


def test_aktiviteter_med_slutdatum_blir_frister(plan001: Verksamhetsplan) -> None:
    frister = aktiviteter_som_frister(plan001)
    assert [d for d, _ in frister] == sorted(d for d, _ in frister)
    assert len(frister) == 6
    assert frister[0] == (
        date(2012, 12, 31),
        "Nämndens aktivitet ska vara genomförd senast den 31 december 2012: Åtgärda "
        "arbetsplatsens generella otillgänglighet såväl fysiskt som psykiskt så att "
        "arbetsplatsen fungerar för arbetstagare med olika typer av funktionsnedsättning.",
    )
    assert frister[-1][0] == date(2013, 12, 31)
    assert frister[-1][1].startswith(
        "KF:s aktivitet ska vara genomförd senast den 31 december 2013"
    )
    utan_slut = importera_verksamhetsplan(
        "KF:s INRIKTNINGSMÅL 1:\n1. M\nKF:s MÅL FÖR VERKSAMHETSOMRÅDET:\n1.1 K\n"
        "KF:s aktiviteter\tStartdatum\tSlutdatum\nPågående\t2020-01-01\t\n"
    )
    assert [a.slut for a in utan_slut.aktiviteter()] == [None]
    assert aktiviteter_som_frister(utan_slut) == []


def test_fraga_18_skrivs_som_seed_003_skriver_den(plan001: Verksamhetsplan) -> None:
    text = mal_for_fraga_18(plan001)
    stycken = text.split("\n\n")
    # Every nämndmål, in order, each followed by its åtaganden's three parts.
    rubriker = [s for s in stycken if s in {n.text for n in plan001.namndmal()}]
    assert rubriker == [n.text for n in plan001.namndmal()]
    i = stycken.index("Hemlöshet ska motverkas")
    assert stycken[i + 1 : i + 3] == [
        "Förväntat resultat",
        "Vräkningsförebyggande arbete förväntas leda till att färre personer vräks från sina "
        "bostäder.",
    ]
    assert stycken[i + 3] == "Arbetssätt"
    assert "Uppföljning" in stycken[i + 3 :]
    # Resursanvändning and Utveckling are not asked for in question 18.
    assert "Resursanvändning" not in stycken and "Utveckling" not in stycken
    assert not re.search(r"\n{3,}", text)
