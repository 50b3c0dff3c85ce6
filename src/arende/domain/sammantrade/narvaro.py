"""Who sits in the nämnd and who was at the sammanträde: ledamöter, ersättare, tjänstemän.

The nämnd's list (ledamöter and ersättare, from grunddata) is checked once, when the meeting
opens; the närvaro names people on it. Only present ledamöter and tjänstgörande ersättare
may be ordförande or justerare, yrka and vote: `tjanstgorande_namn` gives the name as the
list spells it, or says why she cannot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from arende.domain.fel import OgiltigUppgift
from arende.domain.text import MAX_NAMN, namnnyckel
from arende.domain.text import rensa as _text


class Ledamotsroll(StrEnum):
    ORDFORANDE = "ordförande"
    VICE_ORDFORANDE = "vice ordförande"
    LEDAMOT = "ledamot"
    ERSATTARE = "ersättare"

    @property
    def ar_ledamot(self) -> bool:
        """Ordförande and vice ordförande are ledamöter too; only they count for beslutförhet."""
        return self is not Ledamotsroll.ERSATTARE


@dataclass(frozen=True)
class Ledamot:
    namn: str
    roll: Ledamotsroll
    parti: str = ""
    epost: str = ""  # where the justering reminders go when she is to sign a protokoll
    # An ersättare's place in the order fullmäktige decided (kommunallagen 6 kap. 16-17 §§):
    # 1 is called in first. None (a ledamot, or grunddata without an order) comes after
    # every numbered ersättare, in the order the list gives.
    ordning: int | None = None
    # For a ledamot: the ersättare called in for her seat, in the order fullmäktige decided
    # for her party (grunddata's [[namnd.ersattarordning]]), before the general rule.
    ersattare: tuple[str, ...] = ()


@dataclass(frozen=True)
class NarvarandeErsattare:
    """An ersättare at the meeting: tjänstgörande for a named absent ledamot, or only present
    (she may speak but neither yrka nor vote)."""

    namn: str
    tjanstgor_for: str | None = None


@dataclass(frozen=True)
class Tjansteman:
    """Others present (förvaltningschef, nämndsekreterare, handläggare): listed, never voting."""

    namn: str
    titel: str


@dataclass(frozen=True)
class Narvaro:
    """Who was there when the meeting opened. Names refer to the nämnd's ledamöter."""

    ledamoter: tuple[str, ...]
    ersattare: tuple[NarvarandeErsattare, ...] = ()
    ovriga: tuple[Tjansteman, ...] = ()

    @property
    def tjanstgorande(self) -> tuple[str, ...]:
        """Everyone who may yrka and vote: present ledamöter and tjänstgörande ersättare."""
        return self.ledamoter + tuple(e.namn for e in self.ersattare if e.tjanstgor_for)

    @property
    def ej_tjanstgorande_ersattare(self) -> tuple[str, ...]:
        return tuple(e.namn for e in self.ersattare if not e.tjanstgor_for)


def kontrollera_ledamoter(ledamoter: Sequence[Ledamot], namnd: str) -> dict[str, Ledamot]:
    """The nämnd's ledamöter and ersättare by name key, in the order given."""
    register: dict[str, Ledamot] = {}
    for m in ledamoter:
        namn = _text(m.namn, "Ledamotens namn", max_langd=MAX_NAMN)
        try:
            roll = Ledamotsroll(m.roll)
        except ValueError:
            raise OgiltigUppgift(
                f"Rollen '{m.roll}' för {namn} finns inte: välj "
                f"{', '.join(r.value for r in Ledamotsroll)}."
            ) from None
        if namnnyckel(namn) in register:
            raise OgiltigUppgift(f"{namn} finns två gånger bland ledamöterna i {namnd}.")
        parti = _text(m.parti, f"Partiet för {namn}", tom_tillaten=True, max_langd=MAX_NAMN)
        if m.ordning is not None and (roll.ar_ledamot or m.ordning < 1):
            raise OgiltigUppgift(
                f"Ordningen {m.ordning} för {namn} går inte: bara ersättare har en plats i "
                "ordningen för inkallande, och den är ett positivt heltal."
            )
        if m.ersattare and not roll.ar_ledamot:
            raise OgiltigUppgift(
                f"{namn} är ersättare: ordningen för inkallande av ersättare gäller en "
                "ledamots plats."
            )
        # The register is stored with the meeting: its ersättare order, not the e-post.
        register[namnnyckel(namn)] = Ledamot(
            namn, roll, parti, ordning=m.ordning, ersattare=tuple(m.ersattare)
        )
    if not any(m.roll.ar_ledamot for m in register.values()):
        raise OgiltigUppgift(f"Ange ledamöterna i {namnd}: listan har inga ledamöter.")
    for m in register.values():
        for e in m.ersattare:
            ersattare = register.get(namnnyckel(e))
            if ersattare is None or ersattare.roll.ar_ledamot:
                raise OgiltigUppgift(
                    f"{e} i ersättarordningen för {m.namn} är inte ersättare i {namnd}."
                )
        if len({namnnyckel(e) for e in m.ersattare}) != len(m.ersattare):
            raise OgiltigUppgift(f"Ersättarordningen för {m.namn} nämner någon två gånger.")
    return register


def kontrollera_narvaro(narvaro: Narvaro, register: dict[str, Ledamot], namnd: str) -> Narvaro:
    """The närvaro with the names spelt as in the nämnd's list."""

    def hitta(namn: str) -> Ledamot:
        rensat = _text(namn, "Namnet", max_langd=MAX_NAMN)
        m = register.get(namnnyckel(rensat))
        if m is None:
            raise OgiltigUppgift(f"{rensat} är varken ledamot eller ersättare i {namnd}.")
        return m

    narvarande: list[str] = []
    for namn in narvaro.ledamoter:
        m = hitta(namn)
        if not m.roll.ar_ledamot:
            raise OgiltigUppgift(
                f"{m.namn} är ersättare: ange henne bland ersättarna, med den ledamot hon "
                "tjänstgör för."
            )
        if m.namn in narvarande:
            raise OgiltigUppgift(f"{m.namn} är angiven som närvarande två gånger.")
        narvarande.append(m.namn)

    ersattare: list[NarvarandeErsattare] = []
    ersatta: dict[str, str] = {}
    for e in narvaro.ersattare:
        m = hitta(e.namn)
        if m.roll.ar_ledamot:
            raise OgiltigUppgift(f"{m.namn} är {m.roll}, inte ersättare.")
        if any(x.namn == m.namn for x in ersattare):
            raise OgiltigUppgift(f"{m.namn} är angiven som närvarande två gånger.")
        for_vem: str | None = None
        if e.tjanstgor_for is not None and e.tjanstgor_for.strip():
            ersatt = hitta(e.tjanstgor_for)
            if not ersatt.roll.ar_ledamot:
                raise OgiltigUppgift(
                    f"{m.namn} kan inte tjänstgöra för {ersatt.namn}, som själv är ersättare."
                )
            if ersatt.namn in narvarande:
                raise OgiltigUppgift(
                    f"{m.namn} kan inte tjänstgöra för {ersatt.namn}, som är närvarande och "
                    "tjänstgör själv."
                )
            if ersatt.namn in ersatta:
                raise OgiltigUppgift(
                    f"Både {ersatta[ersatt.namn]} och {m.namn} anges tjänstgöra för "
                    f"{ersatt.namn}; en ledamot ersätts av en ersättare."
                )
            ersatta[ersatt.namn] = m.namn
            for_vem = ersatt.namn
        ersattare.append(NarvarandeErsattare(m.namn, for_vem))

    ovriga: list[Tjansteman] = []
    for t in narvaro.ovriga:
        namn = _text(t.namn, "Namnet på den övriga närvarande", max_langd=MAX_NAMN)
        titel = _text(t.titel, f"Titeln för {namn}", max_langd=MAX_NAMN)
        if any(namnnyckel(o.namn) == namnnyckel(namn) for o in ovriga):
            raise OgiltigUppgift(f"{namn} är angiven bland övriga närvarande två gånger.")
        ovriga.append(Tjansteman(namn, titel))
    return Narvaro(tuple(narvarande), tuple(ersattare), tuple(ovriga))


def tjanstgorande_namn(
    namn: str, narvaro: Narvaro, register: dict[str, Ledamot], namnd: str, vad: str
) -> str:
    """The name as the nämnd's list spells it, if she tjänstgör; otherwise why she cannot
    `vad` (vara ordförande, vara justerare, yrka, rösta)."""
    rensat = _text(namn, "Namnet", max_langd=MAX_NAMN)
    nyckel = namnnyckel(rensat)
    for t in narvaro.tjanstgorande:
        if namnnyckel(t) == nyckel:
            return t
    if any(namnnyckel(n) == nyckel for n in narvaro.ej_tjanstgorande_ersattare):
        raise OgiltigUppgift(
            f"{rensat} är närvarande ersättare men tjänstgör inte och kan inte {vad}."
        )
    if nyckel in register:
        raise OgiltigUppgift(f"{rensat} är inte närvarande vid sammanträdet och kan inte {vad}.")
    raise OgiltigUppgift(
        f"{rensat} är varken ledamot eller ersättare i {namnd} och kan inte {vad}."
    )


def ersattarordning(ledig: Ledamot, register: dict[str, Ledamot]) -> list[Ledamot]:
    """The ersättare in the order they are called in for `ledig`'s seat: first those of her
    party, then the others, each group by its place in fullmäktige's order (kommunallagen
    6 kap. 16-17 §§) and, without a place, in the order the nämnd's list gives them.

    The party-first rule is the one most fullmäktige decide; the places themselves are data
    (grunddata's `ordning` for each ersättare). Where fullmäktige decided an order per party
    (grunddata's [[namnd.ersattarordning]], kept on each ledamot of the party as
    `ersattare`), those named come first, in that order, and the rule orders the rest."""
    ersattare = [
        (i, m) for i, m in enumerate(register.values()) if m.roll is Ledamotsroll.ERSATTARE
    ]
    partiets = [namnnyckel(n) for n in ledig.ersattare]

    def plats(par: tuple[int, Ledamot]) -> tuple[int, int, int, int]:
        i, m = par
        nyckel = namnnyckel(m.namn)
        beslutad = partiets.index(nyckel) if nyckel in partiets else len(partiets)
        samma_parti = 0 if ledig.parti and m.parti == ledig.parti else 1
        return (beslutad, samma_parti, m.ordning if m.ordning is not None else 10**6, i)

    return [m for _, m in sorted(ersattare, key=plats)]
