"""Gallring around the one runner: what happens after a decision's commit, and the reads the
registrator's commands show.

The decision (hanterare/gallring.py) commits the record of what is gallrat; only then are
the files removed, so a refused or failed decision removes nothing. A run that stops between
the commit and the removal leaves files the record already calls gallrade: giving the same
decision again (the same step key) returns its stored events and removes them then.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from arende.domain.fel import OgiltigUppgift
from arende.domain.gallring import (
    Forslagspost,
    Gallringsforslag,
    Informationshanteringsplan,
    Kandidat,
    far_gallras,
)
from arende.domain.handelser import Handelse, HandlingGallrad
from arende.domain.handling import Handling
from arende.service_layer.ports import Arkiv, UnitOfWork


def per_nummer(handlingar: Iterable[Handling]) -> dict[int, list[Handling]]:
    """The versions of each handling, by its number."""
    ut: dict[int, list[Handling]] = defaultdict(list)
    for h in handlingar:
        ut[h.nummer].append(h)
    return ut


def kandidat(dnr: str, arendetyp: str, avslut: date | None, versioner: list[Handling]) -> Kandidat:
    """One handling (all its versions) as the plan weighs it."""
    forsta = versioner[0]
    return Kandidat(
        dnr=dnr,
        arendetyp=arendetyp,
        avslutsdatum=avslut,
        nummer=forsta.nummer,
        handlingstyp=forsta.typ.value,
        datum=max(v.datum for v in versioner),  # the latest version's: the handling as it is
        sha256=tuple(v.sha256 for v in versioner),
    )


def att_foresla(
    uow: UnitOfWork, plan: Informationshanteringsplan, namnd: str, idag: date
) -> list[Forslagspost]:
    """What a gallring run of the nämnd proposes today (inside the caller's transaction):
    every handling the plan allows to go, in diarium and number order, except one already
    gallrad and one that an undecided proposal already holds as it is now (the same
    versions): a second run while the first awaits its decision adds only what is new.

    The ärenden and their handlingar are read in two queries (`underlag`), the open ärenden
    only if the plan lets anything of an open ärende go; the periods are weighed here, per
    process and kind, as far_gallras rules."""
    vantar = {
        (p.dnr, p.nummer, p.sha256)
        for f in uow.gallring.forslagen(namnd)
        if f.beslutat is None
        for p in f.poster
    }
    poster: list[Forslagspost] = []
    for a in uow.gallring.underlag(namnd, oppna=plan.gallrar_i_oppna):
        for versioner in per_nummer(a.handlingar).values():
            if any(v.gallring is not None for v in versioner):
                continue  # already gallrad
            post = far_gallras(plan, kandidat(a.dnr, a.arendetyp, a.avslutsdatum, versioner), idag)
            if post is not None and (post.dnr, post.nummer, post.sha256) not in vantar:
                poster.append(post)
    return poster


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
