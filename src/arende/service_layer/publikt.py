"""What the public site shows, read through a unit of work opened for reading: the
anslagstavla and its archive, the audit chain's published heads, and the nämnder by the
short name their addresses use.

Nothing here writes; the public site reaches only this module and the read views."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from arende.domain.anslagstavla import Anslagsnotis
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.kedjehuvud import PubliceratKedjehuvud
from arende.domain.organisation import Namnd
from arende.service_layer.ports import UnitOfWork

ARKIV_PER_SIDA = 25
KONTROLLSUMMOR_PER_SIDA = 50
T = TypeVar("T")


@dataclass(frozen=True)
class Sida(Generic[T]):
    """One page of a list the site pages through (the archive, the checksums)."""

    poster: list[T]
    totalt: int
    sida: int
    per_sida: int

    @property
    def sidor(self) -> int:
        return antal_sidor(self.totalt, self.per_sida)


def antal_sidor(totalt: int, per_sida: int) -> int:
    return max(1, math.ceil(totalt / per_sida))


def kontrollera_sida(sida: int, totalt: int, per_sida: int, vad: str) -> int:
    """The page's offset, once the page is known to exist. Checked against the count before
    anything is read: a huge page number is refused, never sent to the database as an offset
    it cannot hold."""
    if sida < 1:
        raise OgiltigUppgift(f"Sidan måste vara 1 eller större, inte {sida}.")
    if sida > (sidor := antal_sidor(totalt, per_sida)):
        raise OgiltigUppgift(f"Sidan {sida} finns inte: {vad} har {sidor} sidor.")
    return (sida - 1) * per_sida


def namnder(uow: UnitOfWork) -> list[Namnd]:
    with uow:
        return uow.grunddata.namnder()


def namnd_med_kortnamn(uow: UnitOfWork, kortnamn: str) -> Namnd:
    """The nämnd whose diarium prefix ('SoN') names it in the site's addresses."""
    return bland(namnder(uow), kortnamn)


def bland(namnder: Iterable[Namnd], kortnamn: str) -> Namnd:
    """The one of `namnder` with that short name, for a caller already reading them."""
    for namnd in namnder:
        if namnd.diarieprefix.casefold() == kortnamn.strip().casefold():
            return namnd
    raise HittasInte(f"Det finns ingen nämnd med förkortningen '{kortnamn[:40]}'.")


def anslagstavlan(uow: UnitOfWork, idag: date, namnd: str | None = None) -> list[Anslagsnotis]:
    """The notices up on `idag` (each from its posting day through the appeal period)."""
    with uow:
        return uow.anslagstavla.uppe(idag, namnd)


def anslagsarkivet(uow: UnitOfWork, idag: date, namnd: str | None, sida: int) -> Sida[Anslagsnotis]:
    """The notices taken down by `idag`, newest first, a page at a time."""
    with uow:
        totalt = uow.anslagstavla.antal_nedtagna(idag, namnd)
        forbi = kontrollera_sida(sida, totalt, ARKIV_PER_SIDA, "arkivet")
        notiser = uow.anslagstavla.nedtagna(idag, namnd, ARKIV_PER_SIDA, forbi)
    return Sida(notiser, totalt, sida, ARKIV_PER_SIDA)


def alla_anslag(uow: UnitOfWork, namnd: str | None = None) -> list[Anslagsnotis]:
    with uow:
        return uow.anslagstavla.alla(namnd)


# -- the audit chain's published heads ------------------------------------------------------


def senaste_kontrollsumma(uow: UnitOfWork) -> PubliceratKedjehuvud | None:
    """The audit chain's head published last (today's, once the scheduler has run)."""
    with uow:
        return uow.kedjehuvuden.senaste()


def kontrollsummor(uow: UnitOfWork, sida: int) -> Sida[PubliceratKedjehuvud]:
    """Every published head, newest first, a page at a time."""
    with uow:
        totalt = uow.kedjehuvuden.antal()
        forbi = kontrollera_sida(
            sida, totalt, KONTROLLSUMMOR_PER_SIDA, "listan över kontrollsummor"
        )
        huvuden = uow.kedjehuvuden.sida(KONTROLLSUMMOR_PER_SIDA, forbi)
    return Sida(huvuden, totalt, sida, KONTROLLSUMMOR_PER_SIDA)


def alla_kontrollsummor(uow: UnitOfWork) -> list[PubliceratKedjehuvud]:
    """Every published head, oldest first (the open data `arende verifiera` reads)."""
    with uow:
        return uow.kedjehuvuden.alla()
