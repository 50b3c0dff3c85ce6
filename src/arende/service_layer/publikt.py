"""What the public site shows, read through a unit of work opened for reading: the
anslagstavla and its archive, the audit chain's published heads, and the nämnder by the
short name their addresses use.

Nothing here writes; the public site reaches only this module and the read views."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from arende.domain.anslagstavla import Anslagsnotis
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.kedjehuvud import PubliceratKedjehuvud
from arende.domain.organisation import Namnd
from arende.service_layer.ports import UnitOfWork

ARKIV_PER_SIDA = 25


@dataclass(frozen=True)
class Arkivsida:
    notiser: list[Anslagsnotis]
    totalt: int
    sida: int

    @property
    def sidor(self) -> int:
        return max(1, math.ceil(self.totalt / ARKIV_PER_SIDA))


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


def anslagsarkivet(uow: UnitOfWork, idag: date, namnd: str | None, sida: int) -> Arkivsida:
    """The notices taken down by `idag`, newest first, a page at a time. The page is
    checked against the count before it is read: a huge page number is refused, not sent
    to the database as an offset it cannot hold."""
    if sida < 1:
        raise OgiltigUppgift(f"Sidan måste vara 1 eller större, inte {sida}.")
    with uow:
        totalt = uow.anslagstavla.antal_nedtagna(idag, namnd)
        tom = Arkivsida([], totalt, sida)
        if sida > tom.sidor:
            raise OgiltigUppgift(f"Sidan {sida} finns inte: arkivet har {tom.sidor} sidor.")
        notiser = uow.anslagstavla.nedtagna(
            idag, namnd, ARKIV_PER_SIDA, (sida - 1) * ARKIV_PER_SIDA
        )
    return Arkivsida(notiser, totalt, sida)


def alla_anslag(uow: UnitOfWork, namnd: str | None = None) -> list[Anslagsnotis]:
    with uow:
        return uow.anslagstavla.alla(namnd)


# -- the audit chain's published heads ------------------------------------------------------

KONTROLLSUMMOR_PER_SIDA = 50


@dataclass(frozen=True)
class Kontrollsummesida:
    huvuden: list[PubliceratKedjehuvud]
    totalt: int
    sida: int

    @property
    def sidor(self) -> int:
        return _kontrollsummesidor(self.totalt)


def _kontrollsummesidor(totalt: int) -> int:
    return max(1, math.ceil(totalt / KONTROLLSUMMOR_PER_SIDA))


def senaste_kontrollsumma(uow: UnitOfWork) -> PubliceratKedjehuvud | None:
    """The audit chain's head published last (today's, once the scheduler has run)."""
    with uow:
        return uow.kedjehuvuden.senaste()


def kontrollsummor(uow: UnitOfWork, sida: int) -> Kontrollsummesida:
    """Every published head, newest first, a page at a time."""
    if sida < 1:
        raise OgiltigUppgift(f"Sidan måste vara 1 eller större, inte {sida}.")
    with uow:
        totalt = uow.kedjehuvuden.antal()
        if sida > (
            sidor := _kontrollsummesidor(totalt)
        ):  # refused before the query: a huge page number is no offset
            raise OgiltigUppgift(
                f"Sidan {sida} finns inte: listan över kontrollsummor har {sidor} sidor."
            )
        huvuden = uow.kedjehuvuden.sida(
            KONTROLLSUMMOR_PER_SIDA, (sida - 1) * KONTROLLSUMMOR_PER_SIDA
        )
    return Kontrollsummesida(huvuden, totalt, sida)


def alla_kontrollsummor(uow: UnitOfWork) -> list[PubliceratKedjehuvud]:
    """Every published head, oldest first (the open data `arende verifiera` reads)."""
    with uow:
        return uow.kedjehuvuden.alla()
