"""Gallring around the one runner: what happens after a decision's commit, and the reads the
registrator's commands show.

The decision (hanterare/gallring.py) commits the record of what is gallrat; only then are
the files removed, so a refused or failed decision removes nothing. A run that stops between
the commit and the removal leaves files the record already calls gallrade: giving the same
decision again (the same step key) returns its stored events and removes them then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from arende.domain.fel import OgiltigUppgift
from arende.domain.gallring import Gallringsforslag
from arende.domain.handelser import Handelse, HandlingGallrad
from arende.service_layer.ports import Arkiv, UnitOfWork


def ta_bort_filer(arkiv: Arkiv, handelser: Sequence[Handelse]) -> list[str]:
    """Remove the files of the versions the decision gallrade; the paths removed now."""
    borttagna = []
    for h in handelser:
        if isinstance(h, HandlingGallrad):
            for fil in (h.fil, h.pdf_fil):
                if fil and arkiv.radera(fil):
                    borttagna.append(fil)
    return borttagna


def forslagen(uow: Callable[[], UnitOfWork], namnd: str) -> list[Gallringsforslag]:
    """The nämnd's proposals, newest first."""
    with uow() as u:
        return u.gallring.forslagen(namnd)


def forslaget(uow: Callable[[], UnitOfWork], forslag_id: int) -> Gallringsforslag | None:
    with uow() as u:
        return u.gallring.forslag(forslag_id)


def tolka_post(text: str) -> tuple[str, int]:
    """'SoN 2008/1:5' as (dnr, handlingens nummer), as the registrator writes a handling of
    a proposal on the command line and in the form."""
    dnr, _, nummer = text.strip().rpartition(":")
    if not dnr.strip() or not nummer.strip().isdigit():
        raise OgiltigUppgift(
            f"'{text[:60]}' ska vara diarienummer och handlingens nummer, t.ex. 'SoN 2008/1:3'."
        )
    return " ".join(dnr.split()), int(nummer)


def som_rad(dnr: str, nummer: int) -> str:
    return f"{dnr}:{nummer}"
