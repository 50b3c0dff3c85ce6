"""Gallring around the one runner: what a run proposes, what happens after a decision's
commit, the reads the registrator's commands show, and the scheduler's monthly run.

The decision (hanterare/gallring.py) commits the record of what is gallrat; only then are
the files removed, so a refused or failed decision removes nothing. A run that stops between
the commit and the removal leaves files the record already calls gallrade: giving the same
decision again (the same step key) returns its stored events and removes them then.

The monthly run (entrypoints/schemalaggare.py) proposes for every nämnd through the same
command as `arende gallring forslag`, as the system, which may propose but never decide; a
nämnd with nothing new to propose gets no proposal at all. The registratorer are then told
by e-mail, once per proposal: the moment is recorded on the proposal, the audit log
written and the mail sent in one transaction, as the reminders are.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from arende.domain.fel import OgiltigUppgift
from arende.domain.gallring import (
    Forslagspost,
    Gallringsforslag,
    Informationshanteringsplan,
    Kandidat,
    far_gallras,
)
from arende.domain.handelser import GallringForeslagen, Handelse, HandlingGallrad
from arende.domain.handling import Handling
from arende.domain.paminnelser import Brev, kontrollera_epost
from arende.domain.roller import Roll
from arende.service_layer.kommandon import SYSTEMET, SYSTEMROLL, ForeslaGallring, Kommando
from arende.service_layer.ports import Arkiv, Brevlada, UnitOfWork

logger = logging.getLogger("arende.gallring")

# The audit log's name for telling the registratorer of a scheduled proposal.
MEDDELA_FORSLAG = "meddela gallringsförslag"


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
        for f in uow.gallring.forslagen(namnd, obeslutade=True)
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


# -- the monthly run ---------------------------------------------------------------------


def foresla_enligt_schema(
    uow: Callable[[], UnitOfWork],
    utfor: Callable[[Kommando], list[Handelse]],
    plan: Informationshanteringsplan,
    idag: date,
) -> list[GallringForeslagen]:
    """The scheduled run: for every nämnd with something new to propose, a proposal as the
    system through the one runner (the same command as `arende gallring forslag`). A nämnd
    with nothing new gets none: no empty proposal, no audit event, no mail. A nämnd that
    cannot be weighed (an unknown one, say) does not stop the others; its error is logged
    and raised after them."""
    with uow() as u:
        namnder = [n.namn for n in u.grunddata.namnder()]
    gjorda: list[GallringForeslagen] = []
    fel: list[str] = []
    for namnd in namnder:
        with uow() as u:
            nytt = att_foresla(u, plan, namnd, idag)
        if not nytt:
            continue
        try:
            handelser = utfor(ForeslaGallring(aktor=SYSTEMET, namnd=namnd))
        except OgiltigUppgift as e:
            logger.warning("Gallringsförslaget för %s kunde inte göras: %s", namnd, e)
            fel.append(f"{namnd}: {e}")
            continue
        gjorda += [h for h in handelser if isinstance(h, GallringForeslagen) and h.antal]
    if fel:
        raise OgiltigUppgift("; ".join(fel))
    return gjorda


def meddela_forslag(uow: Callable[[], UnitOfWork], brevlada: Brevlada, nu: datetime) -> list[int]:
    """Tell the registratorer of each nämnd of the system's undecided proposals they have
    not been told of, one mail per proposal; the proposals told now. The moment is recorded
    on the proposal and the audit log written in the transaction the mail is sent in, so a
    refused mail records nothing and is tried again, and a sent one is not sent twice.
    Raises OgiltigUppgift naming each nämnd without a registrator with an e-post (after
    telling the others), and whatever the mail server raises."""
    with uow() as u:
        forslagen = [f for f in u.gallring.att_meddela(SYSTEMET) if f.poster]
    meddelade: list[int] = []
    saknas: list[str] = []
    for f in forslagen:
        with uow() as u:
            till = tuple(
                kontrollera_epost(p.epost, p.namn)
                for p in u.grunddata.personer_i_namnd(f.namnd)
                if Roll.REGISTRATOR in p.roller and p.epost
            )
            if not till:
                saknas.append(
                    f"{f.namnd} har ingen registrator med e-postadress i grunddata: "
                    f"gallringsförslag {f.id} kan inte meddelas"
                )
                continue
            brev = gallringsbrev(f, till)
            if not u.gallring.markera_meddelad(f.id, nu):
                continue  # another scheduler told them, or it was decided meanwhile
            u.logg.skriv(
                dnr=None,
                handling=MEDDELA_FORSLAG,
                aktor=SYSTEMET,
                roll=SYSTEMROLL,
                flodeskorning=None,
                innehall={
                    "utfall": "utförd",
                    "nämnd": f.namnd,
                    "förslag": f.id,
                    "antal": len(f.poster),
                    "till": list(till),
                    "ämne": brev.amne,
                },
            )
            # Last, inside the transaction: a refused mail rolls the record back.
            brevlada.skicka(brev)
            u.commit()
            meddelade.append(f.id)
    if saknas:
        raise OgiltigUppgift("; ".join(saknas) + ".")
    return meddelade


def gallringsbrev(f: Gallringsforslag, till: tuple[str, ...]) -> Brev:
    """The mail to the nämnd's registratorer: how many handlingar await a decision and how
    to decide (the command line, or the form in Prefect's UI)."""
    antal = len(f.poster)
    handlingar = "handling" if antal == 1 else "handlingar"
    arenden = len({p.dnr for p in f.poster})
    exempel = som_rad(f.poster[0].dnr, f.poster[0].nummer)
    amne = f"Gallringsförslag {f.id} för {f.namnd}: {antal} {handlingar} väntar på beslut"
    text = (
        "Hej!\n\n"
        f"Den månatliga gallringskörningen den {f.datum.isoformat()} har gjort "
        f"gallringsförslag {f.id} för {f.namnd}: {antal} {handlingar} i {arenden} "
        f"{'ärende' if arenden == 1 else 'ärenden'} får gallras enligt "
        "informationshanteringsplanen. Inget är gallrat ännu: en registrator beslutar.\n\n"
        "Se förslaget:\n"
        f"  arende gallring visa {f.id}\n"
        "Besluta om hela förslaget:\n"
        f'  arende gallring verkstall {f.id} --som "Ditt namn"\n'
        "eller bara om vissa handlingar:\n"
        f'  arende gallring verkstall {f.id} --som "Ditt namn" --handling "{exempel}" …\n\n'
        "Eller i Prefects UI: starta deploymenten gallring / gallring med nämnden "
        f"{f.namnd} och förslag {f.id}. Formuläret visar förslaget, och du väljer vilka "
        "handlingar som gallras.\n\n"
        "Ett förslag beslutas en gång. Det som inte gallras nu kommer med i en senare "
        "körning.\n\n"
        "Meddelandet skickas automatiskt av ärendesystemet, en gång per förslag.\n"
    )
    return Brev(till, (), amne, text)
