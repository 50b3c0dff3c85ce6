"""Delegation (kommunallagen 6 kap. 37–40 §§, 7 kap. 5–8 §§): the nämnd's delegationsordning
as data, and the rules a delegationsbeslut is tried against.

The delegationsordning is the nämnd's own decision and lives in grunddata: its points
(number, what may be decided, the kind of ärende, who the delegat is, limits, whether the
delegat may vidaredelegera, whether it is the ordförande's mandate in urgent matters, and
whether decisions under it are anmälda to the nämnd). What the law says is code here:
which kinds 6 kap. 38 § keeps from delegation, that the ordförande's urgent decisions are
anmälda at the next meeting (6 kap. 39 §), and that only a delegat the point names decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from arende.domain.datum import svenskt_datum
from arende.domain.fel import OgiltigUppgift
from arende.domain.text import MAX_NAMN, namnnyckel
from arende.domain.text import rensa as _text

# The kinds of ärende 6 kap. 38 § keeps from delegation, with the law's words: a
# delegationsordning naming one of them is refused when it is read.
EJ_DELEGERBARA: dict[str, str] = {
    "mål och inriktning": "ärenden som avser verksamhetens mål, inriktning, omfattning eller "
    "kvalitet",
    "yttrande till fullmäktige": "framställningar eller yttranden till fullmäktige och "
    "yttranden med anledning av att nämndens eller fullmäktiges beslut har överklagats",
    "principiell myndighetsutövning": "myndighetsutövning mot enskilda av principiell "
    "beskaffenhet eller annars av större vikt",
    "medborgarförslag": "ärenden som väckts genom medborgarförslag och överlåtits till nämnden",
    "särskild föreskrift": "ärenden som enligt särskilda föreskrifter inte får delegeras",
}

# The kinds a point may have: a closed list, so a typo is not taken for a new kind.
DELEGERBARA: tuple[str, ...] = (
    "myndighetsutövning",
    "ekonomi",
    "upphandling och avtal",
    "personal",
    "yttrande",
    "ordförandebeslut",
    "övrigt",
)

# The delegat roles of the nämnd's elected members (6 kap. 37 §); any other delegat is an
# anställd, named by title. Urgent matters only the ordförande or another ledamot (6:39).
LEDAMOTSROLLER = frozenset({"ordförande", "vice ordförande", "ledamot", "ersättare"})
_BRADSKANDE_ROLLER = frozenset({"ordförande", "vice ordförande", "ledamot"})


@dataclass(frozen=True)
class Delegationspunkt:
    """One point of the delegationsordning."""

    nummer: str  # "3.2", as the nämnd's delegationsordning numbers it
    arende: str  # what may be decided ("Försörjningsstöd enligt 4 kap. 1 § SoL")
    slag: str  # one of DELEGERBARA
    delegat: tuple[str, ...]  # titles or ledamot roles, any of whom may decide
    lagrum: str = ""
    hogsta_belopp: int | None = None  # kronor, if the point is limited to an amount
    begransning: str = ""  # other limits, as the delegationsordning words them
    vidaredelegation: bool = False  # the delegat may pass it on (7 kap. 6 §)
    bradskande: bool = False  # the ordförande's mandate in urgent matters (6 kap. 39 §)
    anmals: bool = True  # decisions under it are anmälda to the nämnd (6 kap. 40 §)

    @property
    def rubrik(self) -> str:
        return f"punkt {self.nummer} ({self.arende})"


def kontrollera_punkt(p: Delegationspunkt, var: str) -> Delegationspunkt:
    """A point as the delegationsordning may have it, or a refusal saying what is wrong."""
    nummer = _text(p.nummer, f"{var}: numret", max_langd=20)
    var = f"{var} (punkt {nummer})"
    arende = _text(p.arende, f"{var}: ärendet", max_langd=1000)
    slag = p.slag.strip().casefold()
    if slag in EJ_DELEGERBARA:
        raise OgiltigUppgift(
            f"{var}: {EJ_DELEGERBARA[slag]} får inte delegeras (kommunallagen 6 kap. 38 §); "
            "ta bort punkten ur delegationsordningen."
        )
    if slag not in DELEGERBARA:
        raise OgiltigUppgift(
            f"{var}: okänt slag av ärende '{p.slag}'; kända är {', '.join(DELEGERBARA)}. "
            f"Får inte delegeras: {', '.join(EJ_DELEGERBARA)}."
        )
    delegat = tuple(_text(d, f"{var}: delegaten", max_langd=MAX_NAMN) for d in p.delegat)
    if not delegat:
        raise OgiltigUppgift(f"{var} anger ingen delegat.")
    if p.hogsta_belopp is not None and p.hogsta_belopp <= 0:
        raise OgiltigUppgift(f"{var}: högsta belopp ska vara ett positivt antal kronor.")
    ledamoter = {d for d in delegat if d.casefold() in LEDAMOTSROLLER}
    if p.bradskande:
        if not all(d.casefold() in _BRADSKANDE_ROLLER for d in delegat):
            raise OgiltigUppgift(
                f"{var}: brådskande ärenden får bara delegeras till ordföranden eller en annan "
                f"ledamot som nämnden utsett (kommunallagen 6 kap. 39 §), inte {', '.join(delegat)}."
            )
        if not p.anmals:
            raise OgiltigUppgift(
                f"{var}: ordförandens beslut i brådskande ärenden ska anmälas vid nämndens "
                "nästa sammanträde (kommunallagen 6 kap. 39 §); 'anmals' kan inte vara false."
            )
    if p.vidaredelegation and ledamoter:
        raise OgiltigUppgift(
            f"{var}: bara förvaltningschefen kan få rätt att vidaredelegera (kommunallagen "
            "7 kap. 6 §), inte en förtroendevald."
        )
    return Delegationspunkt(
        nummer,
        arende,
        slag,
        delegat,
        p.lagrum.strip(),
        p.hogsta_belopp,
        p.begransning.strip(),
        bool(p.vidaredelegation),
        bool(p.bradskande),
        bool(p.anmals),
    )


def kontrollera_ordning(
    punkter: Iterable[Delegationspunkt], var: str
) -> tuple[Delegationspunkt, ...]:
    ut: list[Delegationspunkt] = []
    sedda: set[str] = set()
    for p in punkter:
        punkt = kontrollera_punkt(p, var)
        if punkt.nummer in sedda:
            raise OgiltigUppgift(f"{var}: punkt {punkt.nummer} står två gånger.")
        sedda.add(punkt.nummer)
        ut.append(punkt)
    return tuple(ut)


@dataclass(frozen=True)
class Delegat:
    """Who decided: her name and what she is in the nämnd (title, ledamot role)."""

    namn: str
    roller: frozenset[str]  # casefolded titles and ledamot roles
    anstalld: bool  # in the persons register of the nämnd (not an elected member)


@dataclass(frozen=True)
class Delegationsbeslut:
    """One decision in the register of delegationsbeslut."""

    namnd: str
    nummer: int  # in the nämnd's register, per year of registration
    ar: int
    punkt: str
    delegat: str
    beslutsdatum: date
    dnr: str  # the ärende the decision was taken in
    beslut: str  # what was decided, briefly and without personal data
    registrerat: date
    registrerat_av: str
    handling: int | None = None  # the handling (number in the ärende) holding the decision
    belopp: int | None = None
    vidaredelegerat_av: str | None = None
    bradskande: bool = False  # 6 kap. 39 §: to be anmält at the next meeting
    anmals: bool = True
    anmalan: str | None = None  # dnr of the anmälan that brought it to the nämnd

    @property
    def beteckning(self) -> str:
        return f"{self.nummer}/{self.ar}"

    @property
    def rad(self) -> str:
        """The decision as the anmälan and the protokoll list it."""
        belopp = (
            ", " + f"{self.belopp:,}".replace(",", "\N{NO-BREAK SPACE}") + "\N{NO-BREAK SPACE}kr"
            if self.belopp is not None
            else ""
        )
        vidare = (
            f", vidaredelegerat av {self.vidaredelegerat_av}" if self.vidaredelegerat_av else ""
        )
        bradskande = (
            " Brådskande beslut av ordföranden (kommunallagen 6 kap. 39 §)."
            if self.bradskande
            else ""
        )
        return (
            f"Delegationsbeslut {self.beteckning}, punkt {self.punkt}: {self.beslut.rstrip('.')}"
            f"{belopp} ({self.dnr}). Beslutat den {svenskt_datum(self.beslutsdatum)} av "
            f"{self.delegat}{vidare}.{bradskande}"
        )


def _versal(text: str) -> str:
    """First in a sentence: only the first letter raised (str.capitalize lowers 'SoL')."""
    return text[:1].upper() + text[1:]


def punkt_i(ordning: Sequence[Delegationspunkt], nummer: str, namnd: str) -> Delegationspunkt:
    punkt = next((p for p in ordning if namnnyckel(p.nummer) == namnnyckel(nummer)), None)
    if punkt is None:
        kanda = ", ".join(p.nummer for p in ordning) or "inga"
        raise OgiltigUppgift(
            f"Punkt '{nummer.strip()}' finns inte i {namnd}s delegationsordning. Punkter: {kanda}."
        )
    return punkt


def prova(
    punkt: Delegationspunkt,
    delegat: Delegat,
    *,
    beslutsdatum: date,
    idag: date,
    belopp: int | None,
    principiell: bool,
    vidaredelegerat_av: Delegat | None = None,
) -> None:
    """Refuse a decision the point does not cover: a delegat it does not name, an amount
    above its limit, a kind 6 kap. 38 § keeps from delegation, a date to come."""
    if beslutsdatum > idag:
        raise OgiltigUppgift(
            f"Beslutsdatumet ({svenskt_datum(beslutsdatum)}) ligger i framtiden; registrera "
            "beslut som har fattats."
        )
    if principiell:
        raise OgiltigUppgift(
            f"Ärendet är av principiell beskaffenhet eller annars av större vikt och får inte "
            f"avgöras på delegation (kommunallagen 6 kap. 38 §): {delegat.namn} kan inte besluta "
            f"det enligt {punkt.rubrik}; nämnden beslutar."
        )
    namnda = {d.casefold() for d in punkt.delegat}
    if vidaredelegerat_av is None:
        if not namnda & delegat.roller:
            raise OgiltigUppgift(
                f"{delegat.namn} är inte delegat enligt {punkt.rubrik}: den ger beslutanderätten "
                f"till {' eller '.join(punkt.delegat)}."
            )
    else:
        if not punkt.vidaredelegation:
            raise OgiltigUppgift(
                f"{_versal(punkt.rubrik)} får inte vidaredelegeras; {delegat.namn} kan inte "
                f"besluta på uppdrag av {vidaredelegerat_av.namn}."
            )
        if not namnda & vidaredelegerat_av.roller:
            raise OgiltigUppgift(
                f"{vidaredelegerat_av.namn} är inte delegat enligt {punkt.rubrik} och kan inte "
                "vidaredelegera den."
            )
        if not delegat.anstalld:
            raise OgiltigUppgift(
                f"Vidaredelegation får bara ges till en anställd (kommunallagen 7 kap. 6 §), "
                f"inte till {delegat.namn}."
            )
    if belopp is not None and belopp < 0:
        raise OgiltigUppgift("Beloppet kan inte vara negativt.")
    if punkt.hogsta_belopp is not None:
        if belopp is None:
            raise OgiltigUppgift(
                f"{_versal(punkt.rubrik)} gäller upp till {punkt.hogsta_belopp} kr: ange beslutets belopp."
            )
        if belopp > punkt.hogsta_belopp:
            raise OgiltigUppgift(
                f"Beloppet {belopp} kr överstiger gränsen i {punkt.rubrik}, "
                f"{punkt.hogsta_belopp} kr: beslutet ska fattas av nämnden eller enligt en "
                "annan punkt."
            )


def att_anmala(register: Iterable[Delegationsbeslut], till: date) -> tuple[Delegationsbeslut, ...]:
    """The decisions to be anmälda to the nämnd, in the order of the register: those under a
    point that is anmäld, not yet in an anmälan, and taken by `till`."""
    return tuple(
        sorted(
            (b for b in register if b.anmals and b.anmalan is None and b.beslutsdatum <= till),
            key=lambda b: (b.ar, b.nummer),
        )
    )
