"""A verksamhetsplan as a structure (DOMAIN.md, seeds 001 and 002).

KF:s inriktningsmål (1, 2, 3) → KF:s mål för verksamhetsområdet (1.1, 1.2 …) with KF:s
indikatorer and aktiviteter → nämndmål → åtaganden (förväntat resultat, arbetssätt,
resursanvändning, uppföljning, utveckling) with the nämnd's and the unit's aktiviteter and
indikatorer; and the budget tables. Text that belongs to a goal but is none of these parts
(seed 002 describes each nämndmål in prose) is kept as the goal's beskrivning; what an
importer cannot place at all is kept in `ej_placerat`, with its line number, never dropped.

Also the two uses of a plan in the tävlingsbidrag: activities with an end date become
deadlines, and question 18 is prefilled from the nämndmål and åtaganden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

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
