"""Stadens kvalitetsutmärkelse: one award year, as data (the classes change by year)."""

from dataclasses import dataclass, field
from datetime import date

from arende.domain.fel import OgiltigUppgift


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
