"""The nämnd's gallring: a run proposes, a registrator decides.

A gallring run weighs every handling of the nämnd's ärenden against the
informationshanteringsplan (domain/gallring.py) and stores what may go today as a proposal.
A registrator then decides on the proposal, or on part of it: each handling is weighed
again (the plan, the ärende and the handling may have changed since), its record kept (the
sha256 of every version, under which gallringsbeslut, by whom, when) and the act logged in
the ärende's history. The files go from the archive after the commit
(service_layer/gallring.py), so a refused or rolled-back decision removes nothing.
"""

from __future__ import annotations

from arende.domain.fel import HittasInte, OgiltigUppgift, TjanstSaknas
from arende.domain.gallring import (
    GALLRA_HANDLING,
    Forslagspost,
    Gallringsnotering,
    Informationshanteringsplan,
    far_gallras,
)
from arende.domain.handelser import GallringForeslagen, HandlingGallrad
from arende.service_layer.gallring import att_foresla, kandidat
from arende.service_layer.kommandon import BeslutaGallring, ForeslaGallring
from arende.service_layer.steg import Steg


def _plan(steg: Steg) -> Informationshanteringsplan:
    plan = steg.beroenden.plan
    if plan is None:
        raise TjanstSaknas(
            "Ingen informationshanteringsplan är inläst: utan den får inget gallras "
            "(ARENDE_INFORMATIONSHANTERINGSPLAN)."
        )
    return plan


def foresla(k: ForeslaGallring, steg: Steg) -> None:
    """Store what the plan allows to go today, handling by handling (all its versions),
    leaving out what an undecided proposal already holds (service_layer/gallring.py)."""
    plan = _plan(steg)
    assert steg.namnd is not None
    namnd = steg.namnd.namn
    uow = steg.uow
    poster = att_foresla(uow, plan, namnd, steg.idag)
    forslag = uow.gallring.nytt_forslag(namnd, steg.idag, steg.aktor, poster)
    steg.logga(
        {
            "förslag": forslag,
            "antal": len(poster),
            "poster": [
                {"dnr": p.dnr, "nummer": p.nummer, "typ": p.handlingstyp, "beslut": p.beslut}
                for p in poster
            ],
        }
    )
    steg.hant(GallringForeslagen(namnd, forslag, len(poster)))


def besluta(k: BeslutaGallring, steg: Steg) -> None:
    """Gallra what the registrator chose from the proposal: only what the proposal held,
    only what the plan still allows today, only versions unchanged since the proposal."""
    plan = _plan(steg)
    assert steg.namnd is not None
    uow = steg.uow
    forslag = uow.gallring.forslag(k.forslag)
    if forslag is None or forslag.namnd != steg.namnd.namn:
        raise HittasInte(f"{steg.namnd.namn} har inget gallringsförslag nummer {k.forslag}.")
    if forslag.beslutat is not None:
        raise OgiltigUppgift(
            f"Gallringsförslag {forslag.id} är redan beslutat ({forslag.beslutat.isoformat()}, "
            f"{forslag.beslutat_av}): gör en ny gallringskörning för det som återstår."
        )
    valda: list[Forslagspost] = []
    for dnr, nummer in k.poster:
        post = forslag.post(dnr.strip(), nummer)
        if post is None:
            raise OgiltigUppgift(
                f"Handling {nummer} i {dnr.strip()} finns inte i gallringsförslag {forslag.id}: "
                "bara det ett förslag innehåller kan gallras."
            )
        if post not in valda:
            valda.append(post)
    if not k.poster:
        valda = list(forslag.poster)
    if not valda:
        raise OgiltigUppgift(f"Gallringsförslag {forslag.id} innehåller inget att gallra.")

    antal = 0
    for post in valda:
        arende = steg.arende(post.dnr)  # locked until commit
        dnr = str(arende.dnr)
        versioner = [h for h in uow.handlingar.for_arende(dnr) if h.nummer == post.nummer]
        if any(v.gallring is not None for v in versioner):
            raise OgiltigUppgift(f"Handling {post.nummer} i {dnr} är redan gallrad.")
        if tuple(v.sha256 for v in versioner) != post.sha256:
            raise OgiltigUppgift(
                f"Handling {post.nummer} i {dnr} har ändrats sedan gallringsförslag "
                f"{forslag.id} gjordes: gör en ny gallringskörning."
            )
        nu = far_gallras(
            plan, kandidat(dnr, arende.arendetyp, arende.avslutsdatum, versioner), steg.idag
        )
        if nu is None or nu.beslut != post.beslut:
            raise OgiltigUppgift(
                f"Handling {post.nummer} i {dnr} får inte gallras i dag enligt "
                "informationshanteringsplanen (planen eller ärendet har ändrats sedan "
                f"gallringsförslag {forslag.id}): gör en ny gallringskörning."
            )
        beslut = plan.beslut_med(post.beslut)
        assert beslut is not None  # far_gallras found it in the plan
        for v in versioner:
            uow.gallring.gallra(
                dnr,
                v,
                Gallringsnotering(
                    beslut=beslut.beteckning,
                    beslutsdatum=beslut.datum,
                    organ=beslut.organ,
                    av=steg.aktor,
                    datum=steg.idag,
                    forslag=forslag.id,
                    sha256=v.sha256,
                    pdf_sha256=v.pdf_sha256,
                ),
            )
            steg.hant(
                HandlingGallrad(
                    arende.dnr, v.nummer, v.version, v.fil, v.pdf_fil, beslut.beteckning
                )
            )
            antal += 1
        steg.logga(
            {
                "förslag": forslag.id,
                "nummer": post.nummer,
                "typ": post.handlingstyp,
                "datum": post.datum,
                "gallringsbeslut": {
                    "beteckning": beslut.beteckning,
                    "datum": beslut.datum,
                    "organ": beslut.organ,
                },
                "frist": post.frist,
                "versioner": [
                    {"version": v.version, "fil": v.fil, "sha256": v.sha256}
                    | ({"pdf": v.pdf_fil, "pdf_sha256": v.pdf_sha256} if v.pdf_fil else {})
                    for v in versioner
                ],
            },
            dnr=arende.dnr,
            handling=GALLRA_HANDLING,
        )
    uow.gallring.besluta(forslag.id, steg.idag, steg.aktor)
    steg.logga(
        {
            "förslag": forslag.id,
            "handlingar": [{"dnr": p.dnr, "nummer": p.nummer} for p in valda],
            "versioner": antal,
        }
    )
