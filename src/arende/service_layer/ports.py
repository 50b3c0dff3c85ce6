"""What the use cases need from the outside world; adapters implement these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any, Protocol, Self

from arende.domain.arende import Arende
from arende.domain.granskning import Lank
from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.organisation import Namnd, Person


@dataclass(frozen=True)
class UtfortSteg:
    """A step already taken for an ärende under an idempotency key: done, or refused."""

    ok: bool
    meddelande: str


@dataclass(frozen=True)
class Diarierad:
    dnr: str
    registreringsdatum: date
    namnd: str
    titel: str
    handlaggare: str
    skede: str


@dataclass(frozen=True)
class Handelse:
    sekvens: int
    tidpunkt: str
    dnr: str | None
    handling: str
    aktor: str
    roll: str
    flodeskorning: str | None
    innehall: dict[str, Any]


class ArendeRepository(Protocol):
    def lagg_till(self, arende: Arende, idempotensnyckel: str | None) -> None: ...
    def hamta(self, dnr: str) -> Arende: ...
    def hamta_via_nyckel(self, idempotensnyckel: str) -> Arende | None: ...
    def spara(self, arende: Arende) -> None: ...
    def paragraf_anvand(self, namnd: str, ar: int, paragraf: int) -> str | None: ...
    def hogsta_paragraf(self, namnd: str, ar: int) -> int: ...
    def diarium(self, namnd: str | None = None, ar: int | None = None) -> list[Diarierad]: ...


class Grunddata(Protocol):
    def namnd(self, namn: str) -> Namnd: ...
    def namnder(self) -> list[Namnd]: ...
    def person(self, namn: str) -> Person: ...
    def utmarkelsear(self, ar: int) -> Utmarkelsear: ...
    def spara_namnd(self, namnd: Namnd) -> None: ...
    def spara_person(self, person: Person) -> None: ...
    def spara_utmarkelsear(self, ar: Utmarkelsear) -> None: ...


class Diarium(Protocol):
    def nasta_nummer(self, prefix: str, ar: int) -> int: ...


class Steglogg(Protocol):
    def hamta(self, dnr: str, nyckel: str) -> UtfortSteg | None: ...
    def registrera(self, dnr: str, nyckel: str, steg: UtfortSteg) -> None: ...


class Granskningslogg(Protocol):
    def skriv(
        self,
        *,
        dnr: str | None,
        handling: str,
        aktor: str,
        roll: str,
        flodeskorning: str | None,
        innehall: dict[str, Any],
    ) -> int: ...
    def for_arende(self, dnr: str) -> list[Handelse]: ...
    def lankar(self) -> list[Lank]: ...


class UnitOfWork(Protocol):
    arenden: ArendeRepository
    grunddata: Grunddata
    diarium: Diarium
    steg: Steglogg
    logg: Granskningslogg

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        typ: type[BaseException] | None,
        fel: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class Klocka(Protocol):
    def idag(self) -> date: ...
