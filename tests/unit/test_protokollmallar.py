"""The Word templates for a whole sammanträde (templates/protokoll.docx and
templates/kallelse_sammantrade.docx), rendered with Wordmallar and read back paragraph by
paragraph: Socialtjänstnämnden's sammanträde of 13 May 2008, §§ 45–49, seed 000's
nomination among them as § 46."""

from __future__ import annotations

import copy
import hashlib
import re
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from arende.adapters.dokumentmallar import Wordmallar, docx_sidhuvud, docx_stycken
from arende.domain.sammantrade.mote import Sammantrade
from arende.service_layer.dokumentdata import protokoll as protokollets_data

MALLAR = Path(__file__).resolve().parents[2] / "templates"
OMEDELBART = "Paragrafen förklaras omedelbart justerad."
SIGNATURLINJE = "_" * 36

# Every politician and official below is made up (fictional names, alphabetical by design);
# only the nämnd, the förvaltning and § 46's decision come from seed 000.
MAJORITET = [
    ("Anna Andersson", "M", "ordförande"),
    ("Cecilia Carlsson", "FP", "vice ordförande"),
    ("Erik Ekblad", "M", ""),
    ("Fatima Falk", "KD", ""),
    ("Gunilla Gran", "M", ""),
]
OPPOSITION = [
    ("Bertil Berglund", "S", "andre vice ordförande"),
    ("David Dahlström", "S", ""),
    ("Johanna Jansson", "S", ""),
    ("Karl Krantz", "V", ""),
    ("Lena Lind", "MP", ""),
]
# Håkan Holm (C) is away; Ingrid Isaksson (C) serves in his place and votes.
TJANSTGORANDE = {"namn": "Ingrid Isaksson", "parti": "C", "for": "Håkan Holm (C)"}


def roster() -> list[dict[str, str]]:
    ja = [{"namn": n, "parti": p, "rost": "ja"} for n, p, _ in MAJORITET]
    ja.append({"namn": TJANSTGORANDE["namn"], "parti": "C", "rost": "ja"})
    nej = [{"namn": n, "parti": p, "rost": "nej"} for n, p, _ in OPPOSITION]
    return ja + nej


def paragraf(nummer: int, rubrik: str, **andrat: Any) -> dict[str, Any]:
    return {
        "nummer": nummer,
        "rubrik": rubrik,
        "dnr": "",
        "beslut": [],
        "arendet": [],
        "yrkanden": [],
        "propositionsordning": [],
        "omrostning": None,
        "omedelbart_justerad": False,
        "narvaro": [],
        "jav": [],
        "reservationer": [],
        "protokollsanteckningar": [],
        "deltar": "",
        "delegationsbeslut": [],
    } | andrat


YRKANDEN_47 = [
    "Anna Andersson (M) yrkar bifall till förvaltningens förslag.",
    "Bertil Berglund (S) yrkar avslag på förvaltningens förslag.",
    "Karl Krantz (V) yrkar bifall till Bertil Berglunds (S) avslagsyrkande.",
]


def protokolldata() -> dict[str, Any]:
    return {
        "namnd": "Socialtjänstnämnden",
        "forvaltning": "Socialtjänstförvaltningen",
        "protokollnummer": "6/2008",
        "sammantrade": "13 maj 2008",
        "sammantrade_iso": "2008-05-13",
        "veckodag": "tisdag",
        "tid": "kl. 18.00–19.30",
        "lokal": "Socialtjänstförvaltningen, sammanträdesrummet",
        "ledamoter": [
            {"namn": n, "parti": p, "roll": r} for n, p, r in MAJORITET[:2] + OPPOSITION[:1]
        ]
        + [{"namn": n, "parti": p, "roll": r} for n, p, r in MAJORITET[2:] + OPPOSITION[1:]],
        "tjanstgorande_ersattare": [TJANSTGORANDE],
        "ersattare": [
            {"namn": "Mats Molin", "parti": "M"},
            {"namn": "Nora Nyström", "parti": "S"},
        ],
        "ovriga": [
            {"namn": "Petra Persson", "titel": "förvaltningschef"},
            {"namn": "Rolf Rask", "titel": "avdelningschef"},
            {"namn": "Olof Ottosson", "titel": "nämndsekreterare"},
        ],
        "justerare": ["Bertil Berglund"],
        "ordforande": "Anna Andersson",
        "justering_plats": "Socialtjänstförvaltningen",
        "justering_forsta": "20 maj 2008",
        "justering_sista": "27 maj 2008",
        "forsta_paragraf": 45,
        "sista_paragraf": 49,
        "paragrafer": [
            paragraf(
                45,
                "Val av justerare och tillkännagivande av tid för justering",
                beslut=[
                    "Nämnden utser Bertil Berglund (S) att jämte ordföranden justera dagens "
                    "protokoll. Justeringen sker på Socialtjänstförvaltningen mellan den "
                    "20 och den 27 maj 2008."
                ],
            ),
            paragraf(
                46,
                "Stadens kvalitetsutmärkelse 2008",
                dnr="SoN 2008/1",
                beslut=[
                    "Socialtjänstnämnden beslutar nominera Uppsökarenheten för vuxna, Maria "
                    "Ungdomsenhet, Kruton kris- och utredningscenter för flickor samt BOSSE Råd "
                    "Stöd & Kunskapscenter."
                ],
                arendet=[
                    "Socialtjänstförvaltningens tjänsteutlåtande daterat den 7 maj 2008 har "
                    "överlämnats.",
                    "Nomineringen ska vara Stadsledningskontoret tillhanda senast den 19 maj 2008.",
                ],
                yrkanden=[
                    "Anna Andersson (M) yrkar bifall till förvaltningens förslag och att "
                    "paragrafen förklaras omedelbart justerad."
                ],
                omedelbart_justerad=True,
            ),
            paragraf(
                47,
                "Reviderade riktlinjer för ekonomiskt bistånd",
                dnr="SoN 2008/14",
                beslut=[
                    "Socialtjänstnämnden antar förvaltningens förslag till reviderade riktlinjer "
                    "för ekonomiskt bistånd.",
                    "Riktlinjerna gäller från och med den 1 juli 2008.",
                ],
                arendet=[
                    "Socialtjänstförvaltningens tjänsteutlåtande daterat den 29 april 2008 har "
                    "överlämnats."
                ],
                yrkanden=YRKANDEN_47,
                propositionsordning=[
                    "Ordföranden ställer proposition på förvaltningens förslag mot Bertil "
                    "Berglunds (S) avslagsyrkande och finner att nämnden beslutat enligt "
                    "förvaltningens förslag.",
                    "Omröstning begärs.",
                ],
                omrostning={
                    "propositioner": "Ja för bifall till förvaltningens förslag, nej för "
                    "bifall till Bertil Berglunds (S) avslagsyrkande.",
                    "sluten": False,
                    "lottning": "",
                    "ja_lydelse": "Den som vill bifalla förvaltningens förslag röstar ja.",
                    "nej_lydelse": "Den som vill bifalla Bertil Berglunds (S) avslagsyrkande "
                    "röstar nej.",
                    "roster": roster(),
                    "ja": 6,
                    "nej": 5,
                    "avstar": 0,
                    "utslagsrost": False,
                    "resultat": "Nämnden har beslutat enligt förvaltningens förslag.",
                },
            ),
            paragraf(
                48,
                "Yttrande över remiss om hemlöshetsstrategi",
                dnr="SoN 2008/9",
                beslut=["Ärendet bordläggs till nämndens sammanträde den 17 juni 2008."],
                yrkanden=["Cecilia Carlsson (FP) yrkar att ärendet bordläggs."],
                propositionsordning=[
                    "Ordföranden ställer proposition på om ärendet ska avgöras i dag eller "
                    "bordläggas och finner att nämnden beslutat att bordlägga ärendet."
                ],
            ),
            paragraf(
                49,
                "Handlingsplan för uppsökande arbete 2008–2010",
                dnr="SoN 2008/11",
                beslut=[
                    "Ärendet återremitteras till förvaltningen för komplettering med en "
                    "redovisning av kostnaderna."
                ],
                yrkanden=[
                    "Bertil Berglund (S) yrkar att ärendet återremitteras till förvaltningen "
                    "för komplettering med en redovisning av kostnaderna.",
                    "Anna Andersson (M) yrkar att ärendet avgörs i dag.",
                ],
                propositionsordning=[
                    "Ordföranden ställer proposition på om ärendet ska avgöras i dag eller "
                    "återremitteras och finner att nämnden beslutat att återremittera ärendet."
                ],
            ),
        ],
        "sekreterare": "Olof Ottosson",
        "signaturer": [],
        "anslagen": "",
    }


def kallelsedata() -> dict[str, Any]:
    return {
        "namnd": "Socialtjänstnämnden",
        "sammantrade": "13 maj 2008",
        "sammantrade_iso": "2008-05-13",
        "veckodag": "tisdag",
        "tid": "kl. 18.00",
        "lokal": "Socialtjänstförvaltningen, sammanträdesrummet",
        "utskick_iso": "2008-05-08",
        "version": 2,
        "ersatter": "version 1 utskickad den 6 maj 2008",
        "punkter": [
            {
                "nummer": 2,
                "titel": "Stadens kvalitetsutmärkelse 2008",
                "dnr": "SoN 2008/1",
                "forslag": [
                    "Socialtjänstnämnden beslutar nominera Uppsökarenheten för vuxna, Maria "
                    "Ungdomsenhet, Kruton kris- och utredningscenter för flickor samt BOSSE Råd "
                    "Stöd & Kunskapscenter.",
                    OMEDELBART,
                ],
                "handlingar": [
                    {
                        "titel": "Tjänsteutlåtande: Stadens kvalitetsutmärkelse 2008",
                        "fil": "SoN-2008-1-01-v1.docx",
                    }
                ],
            },
            {
                "nummer": 3,
                "titel": "Reviderade riktlinjer för ekonomiskt bistånd",
                "dnr": "SoN 2008/14",
                "forslag": [
                    "Socialtjänstnämnden antar förvaltningens förslag till reviderade riktlinjer "
                    "för ekonomiskt bistånd."
                ],
                "handlingar": [
                    {"titel": "Tjänsteutlåtande", "fil": "SoN-2008-14-01-v1.docx"},
                    {"titel": "Riktlinjer, förslag", "fil": "https://example.org/riktlinjer.pdf"},
                ],
            },
            {
                "nummer": 4,
                "titel": "Yttrande över remiss om hemlöshetsstrategi",
                "dnr": "SoN 2008/9",
                "forslag": ["Socialtjänstnämnden överlämnar tjänsteutlåtandet som yttrande."],
                "handlingar": [],
            },
            {
                "nummer": 5,
                "titel": "Handlingsplan för uppsökande arbete 2008–2010",
                "dnr": "SoN 2008/11",
                "forslag": ["Socialtjänstnämnden godkänner handlingsplanen."],
                "handlingar": [{"titel": "Handlingsplan", "fil": ""}],
            },
        ],
        "sekreterare": "Olof Ottosson",
    }


def rendera(mall: str, data: dict[str, Any]) -> bytes:
    return Wordmallar(MALLAR).rendera(mall, data)


def texter(docx: bytes) -> list[str]:
    return [t for _, t in docx_stycken(docx)]


def paragrafer(docx: bytes) -> dict[int, list[tuple[str, str]]]:
    """Each § of the protokoll (by number, in document order) with the paragraphs under it."""
    delar: dict[int, list[tuple[str, str]]] = {}
    aktuell: list[tuple[str, str]] | None = None
    for stil, text in docx_stycken(docx):
        if stil == "Heading 2":
            traff = re.fullmatch(r"§ (\d+)", text)
            aktuell = delar.setdefault(int(traff.group(1)), []) if traff else None
        elif aktuell is not None and text.strip():
            aktuell.append((stil, text))
    return delar


def under(del_: list[tuple[str, str]], rubrik: str) -> list[str]:
    """The paragraphs under one Heading 4 of a § (Beslut, Yrkanden, …)."""
    ut: list[str] = []
    inne = False
    for stil, text in del_:
        if stil == "Heading 4":
            inne = text == rubrik
        elif inne:
            ut.append(text)
    return ut


def underskrifter(docx: bytes) -> list[str]:
    text = texter(docx)
    return [t for t in text[text.index("Underskrifter") + 1 :] if t.strip()]


# -- the protokoll --------------------------------------------------------------------------


def test_protokollets_huvud_oppning_och_narvaro() -> None:
    docx = rendera("protokoll.docx", protokolldata())
    assert docx_sidhuvud(docx).splitlines() == [
        "Socialtjänstnämnden",
        "Socialtjänstförvaltningen",
        "Protokoll nr 6/2008",
        "Sammanträdesdatum 2008-05-13",
    ]
    text = texter(docx)
    assert "Dnr" not in docx_sidhuvud(docx)
    assert text[:4] == [
        "Protokoll nr 6/2008",
        "Protokoll fört vid sammanträde med Socialtjänstnämnden",
        "Tid: Tisdagen den 13 maj 2008 kl. 18.00–19.30",
        "Plats: Socialtjänstförvaltningen, sammanträdesrummet",
    ]
    narvaro = text[text.index("Närvarande") : text.index("§ 45")]
    assert [t for t in narvaro if t.strip()] == [
        "Närvarande",
        "Ledamöter",
        "Anna Andersson (M), ordförande",
        "Cecilia Carlsson (FP), vice ordförande",
        "Bertil Berglund (S), andre vice ordförande",
        "Erik Ekblad (M)",
        "Fatima Falk (KD)",
        "Gunilla Gran (M)",
        "David Dahlström (S)",
        "Johanna Jansson (S)",
        "Karl Krantz (V)",
        "Lena Lind (MP)",
        "Tjänstgörande ersättare",
        "Ingrid Isaksson (C) för Håkan Holm (C)",
        "Ersättare",
        "Mats Molin (M)",
        "Nora Nyström (S)",
        "I besluten deltar de tjänstgörande ledamöterna och ersättarna ovan, om inget annat "
        "anges under paragrafen.",
        "Övriga närvarande",
        "Petra Persson, förvaltningschef",
        "Rolf Rask, avdelningschef",
        "Olof Ottosson, nämndsekreterare",
        "Justerare · Bertil Berglund",
        "Justeringens plats och tid · Socialtjänstförvaltningen, 20 maj 2008–27 maj 2008",
        "Paragrafer · §§ 45–49",
    ]


def test_tomma_narvarogrupper_tid_och_lokal_lamnas_ut() -> None:
    data = protokolldata() | {
        "tid": "",
        "lokal": "",
        "tjanstgorande_ersattare": [],
        "ersattare": [],
        "ovriga": [],
        "justerare": ["Bertil Berglund", "Cecilia Carlsson"],
        "justering_sista": "20 maj 2008",
    }
    data["ledamoter"][3]["roll"] = "ledamot"  # the domain's Ledamotsroll.LEDAMOT
    text = texter(rendera("protokoll.docx", data))
    assert text[2] == "Tid: Tisdagen den 13 maj 2008"
    assert not any(t.startswith("Plats:") for t in text)
    for rubrik in ("Tjänstgörande ersättare", "Ersättare", "Övriga närvarande"):
        assert rubrik not in text
    assert "Justerare · Bertil Berglund, Cecilia Carlsson" in text
    assert "Erik Ekblad (M)" in text
    assert "Justeringens plats och tid · Socialtjänstförvaltningen, 20 maj 2008" in text


@pytest.mark.parametrize(
    ("borjade", "avslutades", "raden"),
    [
        (time(18), time(19, 30), "Tid: Tisdagen den 13 maj 2008 kl. 18.00–19.30"),
        (time(9, 5), time(12), "Tid: Tisdagen den 13 maj 2008 kl. 09.05–12.00"),
        (time(18), None, "Tid: Tisdagen den 13 maj 2008 kl. 18.00"),
        # A sammanträde stored before the times were asked: the day alone.
        (None, None, "Tid: Tisdagen den 13 maj 2008"),
    ],
)
def test_tid_ur_sammantradet_i_protokollet(
    borjade: time | None, avslutades: time | None, raden: str
) -> None:
    """The times the nämndsekreterare gave when opening and closing the meeting, as the
    protokoll's "Tid" line reads them (protokolldata.tid into the template)."""
    s = Sammantrade(
        "Socialtjänstnämnden", date(2008, 5, 13), borjade=borjade, avslutades=avslutades
    )
    text = texter(rendera("protokoll.docx", protokolldata() | {"tid": protokollets_data.tid(s)}))
    assert text[2] == raden
    assert [t for t in text if t.startswith("Tid:")] == [raden]


def test_paragraferna_kommer_i_ordning_med_nummer_rubrik_och_dnr() -> None:
    docx = rendera("protokoll.docx", protokolldata())
    delar = paragrafer(docx)
    assert list(delar) == [45, 46, 47, 48, 49]
    rubriker = {nr: del_[0] for nr, del_ in delar.items()}
    assert rubriker[45] == (
        "Heading 3",
        "Val av justerare och tillkännagivande av tid för justering",
    )
    assert rubriker[46] == ("Heading 3", "Stadens kvalitetsutmärkelse 2008")
    # § 45 has no dnr and gets no Dnr line; the others have theirs right under the rubrik.
    assert not any(t.startswith("Dnr") for _, t in delar[45])
    assert [delar[nr][1][1] for nr in (46, 47, 48, 49)] == [
        "Dnr SoN 2008/1",
        "Dnr SoN 2008/14",
        "Dnr SoN 2008/9",
        "Dnr SoN 2008/11",
    ]
    # The parts of a § in the protokoll's order; a part without content is left out.
    delrubriker = {nr: [t for s, t in del_ if s == "Heading 4"] for nr, del_ in delar.items()}
    assert delrubriker == {
        45: ["Beslut"],
        46: ["Beslut", "Ärendet", "Yrkanden"],
        47: ["Beslut", "Ärendet", "Yrkanden", "Propositionsordning", "Omröstning"],
        48: ["Beslut", "Yrkanden", "Propositionsordning"],
        49: ["Beslut", "Yrkanden", "Propositionsordning"],
    }
    # One point stands alone; more than one are numbered.
    assert under(delar[45], "Beslut")[0].startswith("Nämnden utser Bertil Berglund (S)")
    assert under(delar[47], "Beslut") == [
        "1. Socialtjänstnämnden antar förvaltningens förslag till reviderade riktlinjer för "
        "ekonomiskt bistånd.",
        "2. Riktlinjerna gäller från och med den 1 juli 2008.",
    ]
    assert under(delar[48], "Beslut") == [
        "Ärendet bordläggs till nämndens sammanträde den 17 juni 2008."
    ]
    assert under(delar[49], "Beslut") == [
        "Ärendet återremitteras till förvaltningen för komplettering med en redovisning av "
        "kostnaderna."
    ]
    assert under(delar[46], "Ärendet")[1] == (
        "Nomineringen ska vara Stadsledningskontoret tillhanda senast den 19 maj 2008."
    )


def test_yrkandena_star_i_den_ordning_de_stalldes() -> None:
    delar = paragrafer(rendera("protokoll.docx", protokolldata()))
    assert under(delar[47], "Yrkanden") == YRKANDEN_47
    assert under(delar[49], "Yrkanden") == [
        "Bertil Berglund (S) yrkar att ärendet återremitteras till förvaltningen för "
        "komplettering med en redovisning av kostnaderna.",
        "Anna Andersson (M) yrkar att ärendet avgörs i dag.",
    ]
    assert under(delar[47], "Propositionsordning")[1] == "Omröstning begärs."


def test_omrostningen_med_propositioner_rostlista_och_resultat() -> None:
    delar = paragrafer(rendera("protokoll.docx", protokolldata()))
    assert under(delar[47], "Omröstning") == [
        # Kommunallagen 5 kap.: the propositions are answered yes or no.
        "Följande voteringsproposition godkänns: Ja för bifall till förvaltningens förslag, "
        "nej för bifall till Bertil Berglunds (S) avslagsyrkande.",
        "Ledamot · Parti · Röst",
        "Anna Andersson · M · Ja",
        "Cecilia Carlsson · FP · Ja",
        "Erik Ekblad · M · Ja",
        "Fatima Falk · KD · Ja",
        "Gunilla Gran · M · Ja",
        "Ingrid Isaksson · C · Ja",
        "Bertil Berglund · S · Nej",
        "David Dahlström · S · Nej",
        "Johanna Jansson · S · Nej",
        "Karl Krantz · V · Nej",
        "Lena Lind · MP · Nej",
        "Summa · 6 ja, 5 nej, 0 avstår",
        "Omröstningen utfaller med 6 ja-röster mot 5 nej-röster.",
        "Nämnden har beslutat enligt förvaltningens förslag.",
    ]
    assert [s for s, t in delar[47] if "· Ja" in t or "· Nej" in t] == ["Tabell"] * 11


def test_lika_roster_avgors_med_ordforandens_utslagsrost() -> None:
    data = protokolldata()
    omrostning = data["paragrafer"][2]["omrostning"]
    omrostning["roster"][5]["rost"] = "avstår"  # Ingrid Isaksson (C)
    omrostning |= {"ja": 5, "nej": 5, "avstar": 1, "utslagsrost": True}
    delar = paragrafer(rendera("protokoll.docx", data))
    rader = under(delar[47], "Omröstning")
    assert "Ingrid Isaksson · C · Avstår" in rader
    assert rader[-4:] == [
        "Summa · 5 ja, 5 nej, 1 avstår",
        "Omröstningen utfaller med 5 ja-röster mot 5 nej-röster; 1 avstår från att rösta.",
        "Rösterna faller lika. Ordföranden har utslagsröst och avgör omröstningen.",
        "Nämnden har beslutat enligt förvaltningens förslag.",
    ]


def test_utan_omrostning_ingen_utslagsrost_och_ingen_tabell() -> None:
    docx = rendera("protokoll.docx", protokolldata())
    text = texter(docx)
    assert text.count("Omröstning") == 1
    assert not any("utslagsröst" in t for t in text)
    assert [s for s, t in paragrafer(docx)[48]].count("Tabell") == 0


def test_omedelbar_justering_ar_sista_beslutspunkten_och_bara_dar_den_beslutats() -> None:
    data = protokolldata()
    delar = paragrafer(rendera("protokoll.docx", data))
    assert under(delar[46], "Beslut") == [
        "1. Socialtjänstnämnden beslutar nominera Uppsökarenheten för vuxna, Maria "
        "Ungdomsenhet, Kruton kris- och utredningscenter för flickor samt BOSSE Råd Stöd & "
        "Kunskapscenter.",
        f"2. {OMEDELBART}",
    ]
    for nr in (45, 47, 48, 49):
        assert not any("omedelbart justerad." in t for _, t in delar[nr])
    # The service layer's beslutspunkter() already ends with the point: it is not repeated.
    data["paragrafer"][1]["beslut"].append(OMEDELBART)
    delar = paragrafer(rendera("protokoll.docx", data))
    assert [t for t in under(delar[46], "Beslut") if OMEDELBART in t] == [f"2. {OMEDELBART}"]


def test_osignerat_protokoll_har_linjer_att_skriva_pa() -> None:
    docx = rendera("protokoll.docx", protokolldata())
    assert underskrifter(docx) == [
        "Vid protokollet",
        SIGNATURLINJE,
        "Olof Ottosson",
        "Sekreterare",
        "Justeras",
        SIGNATURLINJE,
        "Anna Andersson",
        "Ordförande",
        SIGNATURLINJE,
        "Bertil Berglund",
        "Justerare",
    ]
    assert not any("tillkännagivits" in t for t in texter(docx))


def test_digitalt_justerat_protokoll_visar_tid_och_kontrollsumma() -> None:
    data = protokolldata()
    osignerad = hashlib.sha256(rendera("protokoll.docx", data)).hexdigest()
    data["signaturer"] = [
        {"namn": namn, "roll": roll, "tidpunkt": tid, "sha256": osignerad}
        for namn, roll, tid in (
            ("Olof Ottosson", "Sekreterare", "20 maj 2008 kl. 13.40"),
            ("Anna Andersson", "Ordförande", "20 maj 2008 kl. 14.05"),
            ("Bertil Berglund", "Justerare", "21 maj 2008 kl. 09.12"),
        )
    ]
    data["anslagen"] = "22 maj 2008"
    docx = rendera("protokoll.docx", data)
    justerat = f"; signerad version sha256 {osignerad}"
    assert underskrifter(docx) == [
        "Vid protokollet",
        "Olof Ottosson",
        "Sekreterare",
        f"Justerat digitalt den 20 maj 2008 kl. 13.40{justerat}",
        "Justeras",
        "Anna Andersson",
        "Ordförande",
        f"Justerat digitalt den 20 maj 2008 kl. 14.05{justerat}",
        "Bertil Berglund",
        "Justerare",
        f"Justerat digitalt den 21 maj 2008 kl. 09.12{justerat}",
        "Justeringen har tillkännagivits genom anslag den 22 maj 2008.",
    ]


def test_delvis_justerat_och_signatur_av_nagon_annan() -> None:
    """The ordförande has signed, the justerare not yet; a signature in a name the block does
    not list (a justerare replaced after the meeting, say) is shown, not dropped."""
    data = protokolldata()
    data["signaturer"] = [
        {
            "namn": "Anna Andersson",
            "roll": "Ordförande",
            "tidpunkt": "20 maj 2008 kl. 14.05",
            "sha256": "a" * 64,
        },
        {
            "namn": "Lena Lind",
            "roll": "Justerare (ersätter)",
            "tidpunkt": "23 maj 2008 kl. 10.00",
            "sha256": "b" * 64,
        },
    ]
    rader = underskrifter(rendera("protokoll.docx", data))
    assert rader[4:] == [
        "Justeras",
        "Anna Andersson",
        "Ordförande",
        f"Justerat digitalt den 20 maj 2008 kl. 14.05; signerad version sha256 {'a' * 64}",
        SIGNATURLINJE,
        "Bertil Berglund",
        "Justerare",
        "Lena Lind",
        "Justerare (ersätter)",
        f"Justerat digitalt den 23 maj 2008 kl. 10.00; signerad version sha256 {'b' * 64}",
    ]


# -- the kallelse ----------------------------------------------------------------------------


def test_kallelsen_har_hela_dagordningen() -> None:
    docx = rendera("kallelse_sammantrade.docx", kallelsedata())
    assert docx_sidhuvud(docx).splitlines() == [
        "Socialtjänstnämnden",
        "Kallelse",
        "2008-05-08",
        "Dagordning version 2",
    ]
    stycken = [(s, t) for s, t in docx_stycken(docx) if t.strip()]
    text = [t for _, t in stycken]
    assert text[:5] == [
        "Kallelse till sammanträde",
        "Ledamöter och ersättare i Socialtjänstnämnden kallas till sammanträde tisdagen den "
        "13 maj 2008 kl. 18.00.",
        "Plats: Socialtjänstförvaltningen, sammanträdesrummet",
        "Ledamot som är förhindrad att delta anmäler det till nämndsekreteraren, som kallar "
        "ersättare.",
        "Denna dagordning ersätter version 1 utskickad den 6 maj 2008.",
    ]
    assert [t for s, t in stycken if s == "Heading 3"] == [
        "1. Val av justerare och tillkännagivande av tid för justering",
        "2. Stadens kvalitetsutmärkelse 2008",
        "3. Reviderade riktlinjer för ekonomiskt bistånd",
        "4. Yttrande över remiss om hemlöshetsstrategi",
        "5. Handlingsplan för uppsökande arbete 2008–2010",
    ]
    punkt2 = text[
        text.index("2. Stadens kvalitetsutmärkelse 2008") : text.index(
            "3. Reviderade riktlinjer för ekonomiskt bistånd"
        )
    ]
    assert punkt2 == [
        "2. Stadens kvalitetsutmärkelse 2008",
        "Dnr SoN 2008/1",
        "Förslag till beslut",
        "1. Socialtjänstnämnden beslutar nominera Uppsökarenheten för vuxna, Maria "
        "Ungdomsenhet, Kruton kris- och utredningscenter för flickor samt BOSSE Råd Stöd & "
        "Kunskapscenter.",
        f"2. {OMEDELBART}",
        "Handlingar",
        "Tjänsteutlåtande: Stadens kvalitetsutmärkelse 2008 – SoN-2008-1-01-v1.docx",
    ]
    assert ("List Bullet", "Riktlinjer, förslag – https://example.org/riktlinjer.pdf") in stycken
    assert (
        "Socialtjänstnämnden antar förvaltningens förslag till reviderade riktlinjer för "
        "ekonomiskt bistånd."
    ) in text  # a single förslag is not numbered
    punkt4 = text[text.index("4. Yttrande över remiss om hemlöshetsstrategi") :]
    assert (
        "Handlingar"
        not in punkt4[: punkt4.index("5. Handlingsplan för uppsökande arbete 2008–2010")]
    )
    assert ("List Bullet", "Handlingsplan") in stycken
    assert text[-2:] == ["Olof Ottosson", "Nämndsekreterare"]


def test_forsta_versionen_av_dagordningen_ersatter_ingen() -> None:
    data = kallelsedata() | {"version": 1, "ersatter": "", "tid": "", "utskick_iso": "2008-05-06"}
    docx = rendera("kallelse_sammantrade.docx", data)
    assert "Dagordning version 1" in docx_sidhuvud(docx)
    text = texter(docx)
    assert not any(t.startswith("Denna dagordning ersätter") for t in text)
    assert (
        "Ledamöter och ersättare i Socialtjänstnämnden kallas till sammanträde tisdagen den "
        "13 maj 2008." in text
    )


# -- user text is data, never template code ------------------------------------------------

FARLIG_TEXT = [
    "{{ 7*7 }}",
    "{% if true %}X{% endif %}",
    "{%p if true %}",
    "<w:p>inte XML</w:p> & <b>fet</b> &amp; &lt;",
    "\"citat\" och 'apostrof'",
]


@pytest.mark.parametrize("text", FARLIG_TEXT)
def test_anvandartext_kommer_ut_ordagrant_i_protokollet(text: str) -> None:
    data = copy.deepcopy(protokolldata())
    par = data["paragrafer"][2]
    par["rubrik"] = f"Rubrik {text}"
    par["yrkanden"] = [f"Yrkande {text}", *YRKANDEN_47]
    par["omrostning"]["roster"][0]["namn"] = f"Namn {text}"
    data["lokal"] = f"Lokal {text}"
    data["signaturer"] = [
        {
            "namn": "Anna Andersson",
            "roll": f"Roll {text}",
            "tidpunkt": "20 maj 2008 kl. 14.05",
            "sha256": text,
        },
    ]
    docx = rendera("protokoll.docx", data)
    stycken = texter(docx)
    assert f"Rubrik {text}" in stycken
    assert f"Yrkande {text}" in stycken
    assert f"Plats: Lokal {text}" in stycken
    assert f"Namn {text} · M · Ja" in stycken
    assert f"Roll {text}" in stycken
    assert f"Justerat digitalt den 20 maj 2008 kl. 14.05; signerad version sha256 {text}" in (
        stycken
    )


@pytest.mark.parametrize("text", FARLIG_TEXT)
def test_anvandartext_kommer_ut_ordagrant_i_kallelsen(text: str) -> None:
    data = copy.deepcopy(kallelsedata())
    data["punkter"][0]["titel"] = f"Titel {text}"
    data["punkter"][0]["forslag"] = [f"Förslag {text}"]
    data["punkter"][0]["handlingar"] = [{"titel": f"Handling {text}", "fil": text}]
    data["ersatter"] = text
    data["namnd"] = f"Nämnd {text}"
    docx = rendera("kallelse_sammantrade.docx", data)
    stycken = texter(docx)
    assert f"2. Titel {text}" in stycken
    assert f"Förslag {text}" in stycken
    assert f"Handling {text} – {text}" in stycken
    assert f"Denna dagordning ersätter {text}." in stycken
    assert f"Nämnd {text}" in docx_sidhuvud(docx)


def test_jav_narvaroandring_reservation_och_deltagande_i_paragrafen() -> None:
    data = protokolldata()
    data["paragrafer"][2] |= {
        "narvaro": ["Karl Krantz (V) lämnar sammanträdet kl. 19.05, före § 47."],
        "jav": [
            "Cecilia Carlsson (FP) anmäler jäv (intressejäv). Nämnden finner att Cecilia "
            "Carlsson är jävig. Cecilia Carlsson deltar inte i handläggningen av ärendet och "
            "lämnar lokalen under paragrafen."
        ],
        "reservationer": [
            "Bertil Berglund (S) reserverar sig mot beslutet till förmån för eget yrkande. "
            "Skriftlig motivering: Riktlinjerna är för snäva."
        ],
        "protokollsanteckningar": ["Lena Lind (MP) lämnar följande protokollsanteckning: X."],
        "deltar": "I beslutet deltar Anna Andersson (M) och Bertil Berglund (S).",
    }
    delar = paragrafer(rendera("protokoll.docx", data))
    texter_47 = [t for _, t in delar[47]]
    # The change of närvaro and the jäv come before the beslut; reservation and who took
    # part after the vote, as a Swedish protokoll orders them.
    ordning = [
        "Karl Krantz (V) lämnar sammanträdet kl. 19.05, före § 47.",
        "Jäv",
        "Beslut",
        "Omröstning",
        "Reservation",
        "Protokollsanteckning",
        "I beslutet deltar Anna Andersson (M) och Bertil Berglund (S).",
    ]
    platser = [texter_47.index(t) for t in ordning]
    assert platser == sorted(platser)
    assert under(delar[47], "Reservation")[0].endswith("Riktlinjerna är för snäva.")
    assert "Jäv" not in [t for _, t in delar[48]]


def test_sluten_omrostning_utan_namn_och_lottning() -> None:
    data = protokolldata()
    data["paragrafer"][2]["omrostning"] |= {
        "sluten": True,
        "roster": [],
        "ja": 5,
        "nej": 5,
        "avstar": 1,
        "lottning": "Rösterna faller lika. Lotten faller på ja-propositionen.",
    }
    delar = paragrafer(rendera("protokoll.docx", data))
    rader = under(delar[47], "Omröstning")
    assert (
        "Vid den slutna omröstningen avges 5 ja-röster och 5 nej-röster; 1 röstsedel är blank."
        in rader
    )
    assert not any("·" in r for r in rader)  # no roll-call table, no names
    assert "Rösterna faller lika. Lotten faller på ja-propositionen." in rader


def test_anmalan_av_delegationsbeslut_listar_besluten_under_arendet() -> None:
    data = protokolldata()
    rader = [
        "Delegationsbeslut 1/2008, punkt 2.1: Ekonomiskt bistånd beviljas (SoN 2008/7). "
        "Beslutat den 15 april 2008 av Eddie Friberg.",
        "Delegationsbeslut 2/2008, punkt 1.1: Yttrande till förvaltningsrätten (SoN 2008/7). "
        "Beslutat den 18 april 2008 av Karin Ekblad. Brådskande beslut av ordföranden "
        "(kommunallagen 6 kap. 39 §).",
    ]
    data["paragrafer"][2] |= {
        "rubrik": "Anmälan av delegationsbeslut: april 2008",
        "arendet": ["Ärendet har anmälts till nämnden."],
        "delegationsbeslut": rader,
    }
    delar = paragrafer(rendera("protokoll.docx", data))
    assert under(delar[47], "Anmälda delegationsbeslut") == rader
    texter = [t for _, t in delar[47]]
    assert texter.index("Ärendet") < texter.index("Anmälda delegationsbeslut")
    # No other § has the heading.
    assert all(
        "Anmälda delegationsbeslut" not in [t for _, t in d] for n, d in delar.items() if n != 47
    )
