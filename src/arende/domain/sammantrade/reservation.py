"""Reservationer and protokollsanteckningar in a paragraf.

A ledamot who took part in the decision may reserve herself against it, announced before
the meeting closes (kommunallagen 4 kap. 27 §); many reglementen let her hand in a written
motivation by the time of justering. A protokollsanteckning is a short statement the
nämnd lets be entered in the protokoll; here anyone present at the paragraf (not a jävig)
may have one entered. Both are printed in the protokoll and the protokollsutdrag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from arende.domain.fel import OgiltigUppgift
from arende.domain.sammantrade.deltagande import Deltagande
from arende.domain.text import MAX_NAMN, namnnyckel
from arende.domain.text import rensa as _text


class Anteckningsslag(StrEnum):
    RESERVATION = "reservation"
    PROTOKOLLSANTECKNING = "protokollsanteckning"


@dataclass(frozen=True)
class Reservation:
    """A reservation (against the beslut) or a protokollsanteckning, by one person.

    `text` is a protokollsanteckning's wording (required), or for a reservation the short
    ground said at the meeting ('till förmån för eget yrkande'; optional). `motivering` is
    the written motivation and `motivering_mottagen` the day it came in, before justering.
    """

    slag: Anteckningsslag
    av: str
    text: str = ""
    motivering: str = ""
    motivering_mottagen: date | None = None


def kontrollera_reservationer(
    reservationer: Sequence[Reservation],
    deltagande: Deltagande,
    narvarande: Sequence[str],
    nummer: int,
    idag: date,
) -> tuple[Reservation, ...]:
    """The reservationer and protokollsanteckningar of paragraf `nummer`, names as the
    nämnd's list spells them. A reservation needs one who took part in the decision; a
    protokollsanteckning one present at the paragraf (`narvarande`, the jäviga excluded)."""
    ut: list[Reservation] = []
    for r in reservationer:
        try:
            slag = Anteckningsslag(r.slag)
        except ValueError:
            raise OgiltigUppgift(
                f"'{r.slag}' finns inte: välj reservation eller protokollsanteckning."
            ) from None
        namn = _text(r.av, "Namnet på den som reserverar sig", max_langd=MAX_NAMN)
        nyckel = namnnyckel(namn)
        if slag is Anteckningsslag.RESERVATION:
            vem = next((d for d in deltagande.deltar if namnnyckel(d) == nyckel), None)
            if vem is None:
                jav = any(namnnyckel(j) == nyckel for j in deltagande.javiga)
                raise OgiltigUppgift(
                    f"{namn} kan inte reservera sig mot beslutet i § {nummer}: bara den som "
                    "deltagit i beslutet får reservera sig (kommunallagen 4 kap. 27 §)"
                    + (", och den som är jävig deltar inte." if jav else ".")
                )
            text = _text(r.text, "Reservationens grund", tom_tillaten=True)
        else:
            vem = next(
                (n for n in narvarande if namnnyckel(n) == nyckel and n not in deltagande.javiga),
                None,
            )
            if vem is None:
                raise OgiltigUppgift(
                    f"{namn} är inte närvarande vid § {nummer} och kan inte få en "
                    "protokollsanteckning införd."
                )
            text = _text(r.text, f"Protokollsanteckningens text för {vem}")
        if any(x.av == vem and x.slag is slag for x in ut):
            raise OgiltigUppgift(f"{vem} har angett {slag} två gånger i § {nummer}.")
        motivering = _text(r.motivering, "Motiveringen", tom_tillaten=True)
        ut.append(Reservation(slag, vem, text, motivering, idag if motivering else None))
    return tuple(ut)
