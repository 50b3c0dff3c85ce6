"""External object lists a page at a time, with OParl's `pagination` and `links`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, TypeVar

from arende.domain.fel import HittasInte, OgiltigUppgift

T = TypeVar("T")
PER_SIDA = 25
# The filters OParl 1.1 asks every list to support; this server has no change dates to
# filter on, so it says so rather than return an unfiltered list as if filtered.
FILTER = ("created_since", "created_until", "modified_since", "modified_until")


def kontrollera_filter(parametrar: Sequence[str]) -> None:
    for namn in parametrar:
        if namn in FILTER:
            raise OgiltigUppgift(
                f"Filtret '{namn}' stöds inte: objekten här har inga tidpunkter för när de "
                "skapades eller ändrades. Hämta hela listan."
            )


def sidor(totalt: int) -> int:
    return max(1, math.ceil(totalt / PER_SIDA))


def kontrollera_sidnummer(sida: int) -> None:
    if sida < 1:
        raise OgiltigUppgift(f"Sidan måste vara 1 eller större, inte {sida}.")


def kontrollera_sida(sida: int, totalt: int) -> None:
    kontrollera_sidnummer(sida)
    if sida > sidor(totalt):
        antal = sidor(totalt)
        raise HittasInte(
            f"Sidan {sida} finns inte: listan har {antal} {'sida' if antal == 1 else 'sidor'}."
        )


def listsida(data: list[dict[str, Any]], totalt: int, sida: int, adress: str) -> dict[str, Any]:
    """One page of an external object list, with OParl's `pagination` and `links`."""
    sista = sidor(totalt)

    def lank(n: int) -> str:
        return adress if n == 1 else f"{adress}?page={n}"

    lankar = {"first": lank(1), "self": lank(sida), "last": lank(sista)}
    if sida > 1:
        lankar["prev"] = lank(sida - 1)
    if sida < sista:
        lankar["next"] = lank(sida + 1)
    return {
        "data": data,
        "pagination": {
            "totalElements": totalt,
            "elementsPerPage": PER_SIDA,
            "currentPage": sida,
            "totalPages": sista,
        },
        "links": lankar,
    }


def sidan(alla: Sequence[T], sida: int) -> Sequence[T]:
    kontrollera_sida(sida, len(alla))
    return alla[(sida - 1) * PER_SIDA : sida * PER_SIDA]
