"""Stadens kvalitetsutmärkelse: one award year, as data (the classes change by year), the
units a nämnd nominates, and the award's own deadlines.

The kvalitetsutmärkelse's ärendetyper (nominering, deltagande) name these rules
(service_layer/regler.py); nothing else in the engine knows about the award.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from arende.domain.fel import OgiltigUppgift
from arende.domain.frister import Frist, Fristtyp
from arende.domain.text import rensa


@dataclass(frozen=True)
class Utmarkelsear:
    ar: int
    klasser: tuple[str, ...]
    # Dates are optional: only what the year's invitation states is entered.
    inbjudan: date | None = None
    sista_dag: date | None = None  # nomination and written application at Stadsledningskontoret
    utdelning: date | None = None
    utdelningsplats: str | None = None
    mottagare: str = "Stadsledningskontoret"
    _klasser_lagre: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.klasser:
            raise OgiltigUppgift(f"Kvalitetsutmärkelsen {self.ar} saknar klasser.")
        object.__setattr__(self, "_klasser_lagre", frozenset(k.casefold() for k in self.klasser))
        if self.inbjudan and self.sista_dag and self.sista_dag < self.inbjudan:
            raise OgiltigUppgift(
                f"Kvalitetsutmärkelsen {self.ar}: sista dag ({self.sista_dag}) "
                f"ligger före inbjudan ({self.inbjudan})."
            )
        if self.sista_dag and self.utdelning and self.utdelning < self.sista_dag:
            raise OgiltigUppgift(
                f"Kvalitetsutmärkelsen {self.ar}: utdelningen ({self.utdelning}) "
                f"ligger före sista dag för nominering ({self.sista_dag})."
            )

    def kontrollera_klass(self, klass: str) -> str:
        """Return the class as the year spells it, or refuse one the year does not have."""
        for k in self.klasser:
            if k.casefold() == klass.strip().casefold():
                return k
        raise OgiltigUppgift(
            f"Klassen '{klass}' finns inte i kvalitetsutmärkelsen {self.ar}. "
            f"Årets klasser är: {', '.join(self.klasser)}."
        )


@dataclass(frozen=True)
class Nominering:
    """A unit the nämnd nominates (or lets take part), in a class of the award's year."""

    verksamhet: str
    klass: str
    beskrivning: str


def kontrollera_nomineringar(
    ar: Utmarkelsear, nomineringar: Sequence[Nominering]
) -> tuple[Nominering, ...]:
    """The units with names and classes as the year spells them; refused if none, or if a
    unit is named twice."""
    if not nomineringar:
        raise OgiltigUppgift("Ange minst en verksamhet att nominera.")
    rensade: list[Nominering] = []
    sedda: set[str] = set()
    for n in nomineringar:
        namn = rensa(n.verksamhet, "Verksamhetens namn", max_langd=200)
        if namn.casefold() in sedda:
            raise OgiltigUppgift(f"Verksamheten '{namn}' är nominerad två gånger.")
        sedda.add(namn.casefold())
        beskrivning = rensa(n.beskrivning, f"Beskrivningen av {namn}", tom_tillaten=True)
        rensade.append(Nominering(namn, ar.kontrollera_klass(n.klass), beskrivning))
    return tuple(rensade)


@dataclass(frozen=True)
class Bidragsinlamning:
    """A nominated unit's tävlingsbidrag as its deadline sees it."""

    verksamhet: str
    sista_dag: date
    inlamnat: bool


def utmarkelsens_frister(
    ar: Utmarkelsear, expedierat: bool, tavlingsbidrag: Sequence[Bidragsinlamning] = ()
) -> list[Frist]:
    """The award's deadlines for an ärende about it: the nomination at the mottagare by the
    sista dag (done when the protokollsutdrag is expedierat there) and, once the nominated
    units' tävlingsbidrag are opened, their sista dag, done when every one is handed in."""
    frister: list[Frist] = []
    if ar.sista_dag is not None:
        frister.append(
            Frist(
                Fristtyp.NOMINERING,
                ar.sista_dag,
                f"Nominering och tävlingsbidrag ska vara hos {ar.mottagare} senast denna dag "
                f"(Stadens kvalitetsutmärkelse {ar.ar}); protokollsutdraget expedieras dit.",
                f"Inbjudan till Stadens kvalitetsutmärkelse {ar.ar}",
                klar=expedierat,
            )
        )
    if tavlingsbidrag:
        kvar = [b.verksamhet for b in tavlingsbidrag if not b.inlamnat]
        frister.append(
            Frist(
                Fristtyp.TAVLINGSBIDRAG,
                min(b.sista_dag for b in tavlingsbidrag),
                f"Tävlingsbidragen från de {len(tavlingsbidrag)} nominerade verksamheterna ska "
                f"vara godkända av verksamheternas chefer och inlämnade till {ar.mottagare} "
                f"senast denna dag (Stadens kvalitetsutmärkelse {ar.ar})."
                if len(tavlingsbidrag) > 1
                else f"Tävlingsbidraget från {tavlingsbidrag[0].verksamhet} ska vara godkänt "
                f"av verksamhetens chef och inlämnat till {ar.mottagare} senast denna dag "
                f"(Stadens kvalitetsutmärkelse {ar.ar}).",
                f"Inbjudan till Stadens kvalitetsutmärkelse {ar.ar}",
                klar=not kvar,
            )
        )
    return frister
