"""A verksamhetsplan as a structure (DOMAIN.md, seeds 001 and 002).

KF:s inriktningsmål (1, 2, 3) → KF:s mål för verksamhetsområdet (1.1, 1.2 …) with KF:s
indikatorer and aktiviteter → nämndmål → åtaganden (förväntat resultat, arbetssätt,
resursanvändning, uppföljning, utveckling) with the nämnd's and the unit's aktiviteter and
indikatorer; and the budget tables. Text that belongs to a goal but is none of these parts
(seed 002 describes each nämndmål in prose) is kept as the goal's beskrivning; what an
importer cannot place at all is kept in `ej_placerat`, with its line number, never dropped.

Also the two uses of a plan in the tävlingsbidrag: activities with an end date become
deadlines, and question 18 is prefilled from the nämndmål and åtaganden. And what the
verksamhetsplan ärende needs: the year the plan names, its budget tables' totals, and the
plan as JSON-able data (the ärende keeps it in its uppgifter) and back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from arende.domain.datum import svenskt_datum

# The five parts of an åtagande, as the plans head them, in their order.
ATAGANDEDELAR: tuple[tuple[str, str], ...] = (
    ("forvantat_resultat", "Förväntat resultat"),
    ("arbetssatt", "Arbetssätt"),
    ("resursanvandning", "Resursanvändning"),
    ("uppfoljning", "Uppföljning"),
    ("utveckling", "Utveckling"),
)


@dataclass(frozen=True)
class Indikator:
    namn: str
    arsmal: str | None  # as written: "65 %", "3 231 st", "tas fram av nämnden"
    kf_arsmal: str | None
    periodicitet: str | None  # År, Tertial, Halvår, Månad
    kalla: str  # whose indicator: "KF" or "nämnden"
    rad: int


@dataclass(frozen=True)
class Aktivitet:
    beskrivning: str
    start: date | None
    slut: date | None
    kalla: str  # "KF", "nämnden" or "enheten"
    rad: int


@dataclass
class Atagande:
    text: str
    rad: int
    forvantat_resultat: str = ""
    arbetssatt: str = ""
    resursanvandning: str = ""
    uppfoljning: str = ""
    utveckling: str = ""
    aktiviteter: list[Aktivitet] = field(default_factory=list)
    indikatorer: list[Indikator] = field(default_factory=list)

    def saknade_delar(self) -> list[str]:
        return [rubrik for namn, rubrik in ATAGANDEDELAR if not getattr(self, namn).strip()]


@dataclass
class Namndmal:
    text: str
    rad: int
    nummer: str | None = None  # seed 001 numbers some nämndmål ("1. Förebyggande …")
    beskrivning: list[str] = field(default_factory=list)
    ataganden: list[Atagande] = field(default_factory=list)
    aktiviteter: list[Aktivitet] = field(default_factory=list)
    indikatorer: list[Indikator] = field(default_factory=list)


@dataclass
class KfMal:
    nummer: str  # "1.2"
    text: str
    rad: int
    beskrivning: list[str] = field(default_factory=list)
    indikatorer: list[Indikator] = field(default_factory=list)
    aktiviteter: list[Aktivitet] = field(default_factory=list)
    namndmal: list[Namndmal] = field(default_factory=list)


@dataclass
class Inriktningsmal:
    nummer: str  # "1"
    text: str
    rad: int
    beskrivning: list[str] = field(default_factory=list)
    kf_mal: list[KfMal] = field(default_factory=list)


@dataclass(frozen=True)
class Budgetrad:
    namn: str
    varden: tuple[Decimal | None, ...]  # mnkr as written; an empty cell is None
    rad: int


@dataclass(frozen=True)
class Budgettabell:
    rubrik: str  # the line before the table ("Budget 2012"), or its first column's heading
    kolumner: tuple[str, ...]  # the first column's heading, then each value column's
    rader: tuple[Budgetrad, ...]
    rad: int

    def rad_for(self, namn: str) -> Budgetrad:
        for r in self.rader:
            if r.namn == namn:
                return r
        raise KeyError(namn)


@dataclass(frozen=True)
class EjPlacerat:
    rad: int  # 1-based line number in the imported text
    text: str
    orsak: str  # why it could not be placed, in Swedish


@dataclass(frozen=True)
class InnehallsPost:
    """One line of the plan's own table of contents."""

    slag: str  # "inriktningsmål", "KF-mål", "nämndmål" or "rubrik"
    text: str
    sida: int | None


@dataclass
class Verksamhetsplan:
    titel: str = ""
    handlaggare: str = ""
    telefon: str = ""
    dnr: str = ""
    datum: date | None = None
    till: str = ""
    inledning: list[str] = field(default_factory=list)
    innehallsforteckning: list[InnehallsPost] = field(default_factory=list)
    inriktningsmal: list[Inriktningsmal] = field(default_factory=list)
    budget: list[Budgettabell] = field(default_factory=list)
    ekonomi: list[str] = field(default_factory=list)  # prose of the budget chapter
    ej_placerat: list[EjPlacerat] = field(default_factory=list)

    def kf_mal(self) -> list[KfMal]:
        return [k for i in self.inriktningsmal for k in i.kf_mal]

    def namndmal(self) -> list[Namndmal]:
        return [n for k in self.kf_mal() for n in k.namndmal]

    def ataganden(self) -> list[Atagande]:
        return [a for n in self.namndmal() for a in n.ataganden]

    def aktiviteter(self) -> list[Aktivitet]:
        ut: list[Aktivitet] = []
        for k in self.kf_mal():
            ut += k.aktiviteter
            for n in k.namndmal:
                ut += n.aktiviteter
                for a in n.ataganden:
                    ut += a.aktiviteter
        return sorted(ut, key=lambda a: a.rad)


def aktiviteter_som_frister(plan: Verksamhetsplan) -> list[tuple[date, str]]:
    """Each activity with an end date as a deadline: (slutdatum, what is due), by date."""
    vems = {
        "KF": "KF:s aktivitet",
        "nämnden": "Nämndens aktivitet",
        "enheten": "Enhetens aktivitet",
    }
    frister = [
        (
            a.slut,
            f"{vems.get(a.kalla, 'Aktivitet')} ska vara genomförd senast den "
            f"{svenskt_datum(a.slut)}: {a.beskrivning}",
        )
        for a in plan.aktiviteter()
        if a.slut is not None
    ]
    return sorted(frister, key=lambda f: f[0])


def mal_for_fraga_18(plan: Verksamhetsplan) -> str:
    """The answer to "Skriv era mål från verksamhetsplan. Under varje mål ska ni skriva
    förväntat resultat, arbetssätt och hur avser ni att följa upp resultatet." in seed 003's
    layout: each nämndmål, then per åtagande its förväntat resultat, arbetssätt and
    uppföljning under those headings. Paragraphs are separated by blank lines."""
    stycken: list[str] = []
    for mal in plan.namndmal():
        stycken.append(mal.text)
        for atagande in mal.ataganden:
            if atagande.text.strip() and atagande.text.strip() != mal.text.strip():
                stycken.append(f"Åtagande: {atagande.text}")
            for namn, rubrik in (
                ("forvantat_resultat", "Förväntat resultat"),
                ("arbetssatt", "Arbetssätt"),
                ("uppfoljning", "Uppföljning"),
            ):
                text = getattr(atagande, namn).strip()
                if text:
                    stycken.append(rubrik)
                    stycken.append(text)
    return "\n\n".join(stycken)


# -- the year, the totals, and the plan as JSON-able data --------------------------------------

_ARTAL = re.compile(r"\b(19\d{2}|2\d{3})\b")


def planens_ar(plan: Verksamhetsplan) -> tuple[int, str] | None:
    """The year the plan says it is for, and where it says so: its title ("Verksamhetsplan
    2009 för …"), else the first budget table's heading that names one (seed 001's title has
    none, its table is "Budget 2012"; seed 002's is "Nämndens budgetförslag 2009"). None if
    neither names a year: the plan's date is no guide (seed 002 is dated December 2008)."""
    kallor = [(plan.titel, "titeln")] + [(b.rubrik, "budgetrubriken") for b in plan.budget]
    for text, var in kallor:
        traff = _ARTAL.search(text)
        if traff:
            return int(traff.group()), f"{var} '{text}'"
    return None


def kort_rad(text: str, langd: int = 80) -> str:
    """A line of the plan as a message quotes it: table cells apart, at most `langd` long."""
    text = " | ".join(c.strip() for c in text.split("\t") if c.strip())
    return text if len(text) <= langd else text[: langd - 1].rstrip() + "…"


def totalrad(tabell: Budgettabell) -> Budgetrad | None:
    """The table's total: its last row named "… totalt" (or "Totalt"), else its last
    "Summa …" row; None if it has neither."""
    namn = [r.namn.casefold() for r in tabell.rader]
    for passar in (
        [i for i, n in enumerate(namn) if "totalt" in n or n == "total"],
        [i for i, n in enumerate(namn) if n.startswith("summa")],
    ):
        if passar:
            return tabell.rader[passar[-1]]
    return None


def plan_som_data(plan: Verksamhetsplan) -> dict[str, Any]:
    """The imported plan as JSON-able data: dates as ISO text, amounts as decimal text (a
    float would change 12,3 mnkr into 12.299999…). plan_fran_data reads it back."""
    data = _data(plan)
    assert isinstance(data, dict)
    return data


def _data(varde: Any) -> Any:
    if is_dataclass(varde) and not isinstance(varde, type):
        return {f.name: _data(getattr(varde, f.name)) for f in fields(varde)}
    if isinstance(varde, date):
        return varde.isoformat()
    if isinstance(varde, Decimal):
        return str(varde)
    if isinstance(varde, dict):
        return {str(k): _data(v) for k, v in varde.items()}
    if isinstance(varde, list | tuple):
        return [_data(v) for v in varde]
    return varde


def plan_fran_data(data: Mapping[str, Any]) -> Verksamhetsplan:
    """The plan from plan_som_data's form (keys it does not know, such as the deadlines a
    tävlingsbidrag keeps beside the plan, are passed over)."""

    def datum(varde: str | None) -> date | None:
        return date.fromisoformat(varde) if varde else None

    def indikator(d: Mapping[str, Any]) -> Indikator:
        return Indikator(
            d["namn"], d["arsmal"], d["kf_arsmal"], d["periodicitet"], d["kalla"], d["rad"]
        )

    def aktivitet(d: Mapping[str, Any]) -> Aktivitet:
        return Aktivitet(
            d["beskrivning"], datum(d["start"]), datum(d["slut"]), d["kalla"], d["rad"]
        )

    def atagande(d: Mapping[str, Any]) -> Atagande:
        return Atagande(
            d["text"],
            d["rad"],
            **{namn: d[namn] for namn, _rubrik in ATAGANDEDELAR},
            aktiviteter=[aktivitet(a) for a in d["aktiviteter"]],
            indikatorer=[indikator(i) for i in d["indikatorer"]],
        )

    def namndmal(d: Mapping[str, Any]) -> Namndmal:
        return Namndmal(
            d["text"],
            d["rad"],
            d["nummer"],
            list(d["beskrivning"]),
            [atagande(a) for a in d["ataganden"]],
            [aktivitet(a) for a in d["aktiviteter"]],
            [indikator(i) for i in d["indikatorer"]],
        )

    def kf_mal(d: Mapping[str, Any]) -> KfMal:
        return KfMal(
            d["nummer"],
            d["text"],
            d["rad"],
            list(d["beskrivning"]),
            [indikator(i) for i in d["indikatorer"]],
            [aktivitet(a) for a in d["aktiviteter"]],
            [namndmal(n) for n in d["namndmal"]],
        )

    def budgettabell(d: Mapping[str, Any]) -> Budgettabell:
        return Budgettabell(
            d["rubrik"],
            tuple(d["kolumner"]),
            tuple(
                Budgetrad(
                    r["namn"],
                    tuple(Decimal(v) if v is not None else None for v in r["varden"]),
                    r["rad"],
                )
                for r in d["rader"]
            ),
            d["rad"],
        )

    return Verksamhetsplan(
        titel=data["titel"],
        handlaggare=data["handlaggare"],
        telefon=data["telefon"],
        dnr=data["dnr"],
        datum=datum(data["datum"]),
        till=data["till"],
        inledning=list(data["inledning"]),
        innehallsforteckning=[
            InnehallsPost(p["slag"], p["text"], p["sida"]) for p in data["innehallsforteckning"]
        ],
        inriktningsmal=[
            Inriktningsmal(
                i["nummer"],
                i["text"],
                i["rad"],
                list(i["beskrivning"]),
                [kf_mal(k) for k in i["kf_mal"]],
            )
            for i in data["inriktningsmal"]
        ],
        budget=[budgettabell(b) for b in data["budget"]],
        ekonomi=list(data["ekonomi"]),
        ej_placerat=[EjPlacerat(e["rad"], e["text"], e["orsak"]) for e in data["ej_placerat"]],
    )
