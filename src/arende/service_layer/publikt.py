"""What the public site shows, read through a unit of work opened for reading: the
anslagstavla and its archive, and the nämnder by the short name their addresses use.

Nothing here writes; the public site reaches only this module and the read views."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from arende.domain.anslagstavla import Anslagsnotis
from arende.domain.fel import HittasInte, OgiltigUppgift
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
    """The notices taken down by `idag`, newest first, a page at a time."""
    if sida < 1:
        raise OgiltigUppgift(f"Sidan måste vara 1 eller större, inte {sida}.")
    with uow:
        notiser, totalt = uow.anslagstavla.nedtagna(
            idag, namnd, ARKIV_PER_SIDA, (sida - 1) * ARKIV_PER_SIDA
        )
    resultat = Arkivsida(notiser, totalt, sida)
    if sida > resultat.sidor:
        raise OgiltigUppgift(f"Sidan {sida} finns inte: arkivet har {resultat.sidor} sidor.")
    return resultat


def alla_anslag(uow: UnitOfWork, namnd: str | None = None) -> list[Anslagsnotis]:
    with uow:
        return uow.anslagstavla.alla(namnd)
