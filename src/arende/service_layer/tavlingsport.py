"""What the tävlingsbidrag's use cases need from the outside world: where the bidrag are
stored, and the readers of what people hand in (the year's questions, a verksamhetsplan's
text, a filled answer template). The readers live in adapters (TOML, text, Word); the use
cases get them as plain callables, so the service layer never imports an adapter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from arende.domain.tavlingsbidrag import Fragebatteri, Tavlingsbidrag
from arende.domain.verksamhetsplan import EjPlacerat, Verksamhetsplan


@dataclass
class LagratBidrag:
    """A stored bidrag and what only the register knows about it."""

    bidrag: Tavlingsbidrag
    # The grunddata person who may write the unit's answers besides the handläggare.
    kontaktperson: str | None
    ordning: int  # the unit's place in the nomination


@dataclass(frozen=True)
class ImporteradPlan:
    """A verksamhetsplan as imported for a unit: the structure as JSON-able data, the
    source text's sha256 (which text it came from), and the lines nobody placed yet."""

    verksamhet: str
    ar: int | None  # the year the plan is for, when the text says it
    titel: str
    sha256: str
    struktur: dict[str, Any]
    ej_placerat: tuple[EjPlacerat, ...]
    importerad_av: str
    importerad: datetime | None = None


class Tavlingsregister(Protocol):
    def for_arende(self, dnr: str) -> list[LagratBidrag]:
        """The ärende's bidrag in the nomination's order (empty before they are opened)."""
        ...

    def hamta(self, dnr: str, verksamhet: str) -> LagratBidrag:
        """HittasInte, in Swedish and naming the ärende's units, if there is none."""
        ...

    def lagg_till(
        self, dnr: str, bidrag: Tavlingsbidrag, kontaktperson: str | None, ordning: int
    ) -> None: ...

    def spara(self, bidrag: Tavlingsbidrag) -> None:
        """Store the bidrag's fields and answers as they are now (it must have an id)."""
        ...

    def lagg_till_plan(
        self,
        dnr: str,
        verksamhet: str,
        plan: Verksamhetsplan,
        *,
        ar: int | None,
        sha256: str,
        importerad_av: str,
    ) -> bool:
        """Store a plan imported for the unit; False (nothing stored) if the same text (by
        sha256) already was."""
        ...

    def senaste_plan(self, dnr: str, verksamhet: str) -> ImporteradPlan | None: ...


# The readers the adapters provide (fragebatterifil.las_fragebatteri_for bound to a
# folder, verksamhetsplanimport.importera_verksamhetsplan, svarsmall.las_svarsmall).
Fragekalla = Callable[[int], Fragebatteri]
Plantolk = Callable[[str], Verksamhetsplan]


class IfylldMall(Protocol):
    """What a filled answer template gives back (svarsmall.IfylldSvarsmall)."""

    @property
    def ar(self) -> int: ...
    @property
    def administrativa(self) -> dict[str, str]: ...
    @property
    def inledning(self) -> str: ...
    @property
    def svar(self) -> dict[int, str]: ...


Svarsmallslasare = Callable[[str, bytes, Fragebatteri], IfylldMall]
