"""Use cases for reminders: which jobs the scheduler should hold, and sending one.

The frist table is the truth. `planera_paminnelser` derives from it the reminder jobs that
should exist (one per frist needing action and lead time, plus an escalation after it),
leaving out those already sent; the scheduler reconciles its job store with that list on
start. `skicka_paminnelse` is what a job does when it fires: it rereads the frist, decides
whether this reminder is still the one to send, records it under its unique key, writes the
audit log and sends the mail, all in one transaction. A second sender (or a replay) hits the
unique key and sends nothing; a failed send rolls the record back, so it is tried again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from arende.domain.arende import Arende
from arende.domain.datum import STOCKHOLM, svenskt_datum
from arende.domain.fel import OgiltigUppgift, SamtidigAndring
from arende.domain.frister import Fristtyp
from arende.domain.kalender import Helgdagskalender
from arende.domain.paminnelser import (
    ESKALERING,
    chefer_for,
    kontrollera_epost,
    kontrollera_ledtider,
    paminnelsebrev,
    paminnelsetid,
    ska_skickas,
)
from arende.domain.text import namnnyckel
from arende.service_layer.kommandon import SYSTEMET, SYSTEMROLL
from arende.service_layer.ports import Brevlada, Paminnelsepost, UnitOfWork


class PlaneradPaminnelse(NamedTuple):
    """A reminder job that should exist. A NamedTuple rather than a frozen dataclass: one is
    made per frist and lead time on every reconciliation, and it is three times cheaper."""

    jobb_id: str
    frist_id: int
    ledtid: int
    tid: datetime


@dataclass(frozen=True)
class Utskick:
    skickad: bool
    orsak: str
    paminnelse_id: int | None = None
    dnr: str | None = None


def jobb_id(frist_id: int, ledtid: int) -> str:
    """Stable: the same frist and lead time always name the same job, so reconciling twice
    or restarting replaces a job instead of adding a second one."""
    if ledtid == ESKALERING:
        return f"frist-{frist_id}-eskalering"
    return f"frist-{frist_id}-ledtid-{ledtid}"


def planera_paminnelser(
    uow: UnitOfWork,
    kalender: Helgdagskalender,
    ledtider: tuple[int, ...],
    nu: datetime,
    sent_grans: timedelta,
) -> list[PlaneradPaminnelse]:
    """The jobs the store should hold now. A reminder already recorded is left out, and so is
    one due longer ago than `sent_grans` (the scheduler's misfire grace would drop it)."""
    ledtider = kontrollera_ledtider(ledtider)
    with uow:
        frister = uow.frister.att_bevaka()
        skickade = uow.paminnelser.skickade()
    planerade = []
    alla = (*ledtider, ESKALERING)
    # Frister crowd on few dates (every ärende of a sammanträde shares its justering day):
    # each date's working-day walk is done once per lead time, not once per frist. None:
    # due longer ago than the grace period.
    tider: dict[tuple[date, int], datetime | None] = {}
    for frist_id, datum in frister:
        for ledtid in alla:
            if (frist_id, datum, ledtid) in skickade:
                continue
            nyckel = (datum, ledtid)
            if nyckel not in tider:
                ny = paminnelsetid(datum, ledtid, kalender)
                tider[nyckel] = None if nu - ny > sent_grans else ny
            tid = tider[nyckel]
            if tid is None:
                continue
            planerade.append(PlaneradPaminnelse(jobb_id(frist_id, ledtid), frist_id, ledtid, tid))
    return planerade


def skicka_paminnelse(
    frist_id: int,
    ledtid: int,
    uow: UnitOfWork,
    brevlada: Brevlada,
    kalender: Helgdagskalender,
    ledtider: tuple[int, ...],
    nu: datetime,
) -> Utskick:
    """Send the reminder (or, for ledtid ESKALERING, the escalation) if it is due and not
    sent. Raises OgiltigUppgift if there is nobody with a valid address to send it to, and
    whatever the mail server raises; either way nothing is recorded."""
    ledtider = kontrollera_ledtider(ledtider)
    justering = ""  # for a justering: who has not yet signed the protokoll
    with uow:
        lf = uow.frister.hamta(frist_id)
        if lf is None:
            return Utskick(False, "fristen finns inte längre")
        if not ska_skickas(lf.frist, ledtid, ledtider, nu, kalender):
            return Utskick(False, "inte aktuell", dnr=lf.dnr)
        arende = uow.arenden.hamta(lf.dnr)
        handlaggare = uow.grunddata.person(arende.handlaggare)
        if ledtid == ESKALERING:
            chefer = [
                c for c in chefer_for(handlaggare, uow.paminnelser.chefer(arende.namnd)) if c.epost
            ]
            if not chefer:
                raise OgiltigUppgift(
                    f"Fristen i {lf.dnr} har passerat, men {arende.namnd} har ingen chef med "
                    "e-postadress att eskalera till: lägg in en i grunddata."
                )
            mottagare_namn = " och ".join(c.namn for c in chefer)
            till = tuple(kontrollera_epost(c.epost, c.namn) for c in chefer)
            kopia: tuple[str, ...] = (kontrollera_epost(handlaggare.epost, handlaggare.namn),)
            slag, handling = "eskalering", "eskalera försenad frist"
        else:
            if not handlaggare.epost:
                raise OgiltigUppgift(
                    f"{handlaggare.namn} saknar e-postadress i grunddata: påminnelsen om "
                    f"{lf.frist.typ.rubrik.lower()} i {lf.dnr} kan inte skickas."
                )
            mottagare_namn = handlaggare.namn
            till = (kontrollera_epost(handlaggare.epost, handlaggare.namn),)
            kopia = ()
            slag, handling = "påminnelse", "skicka påminnelse"
            if lf.frist.typ is Fristtyp.JUSTERING:
                justering, undertecknare = _osignerat(uow, arende)
                if undertecknare:
                    namn = [handlaggare.namn, *(n for n, _ in undertecknare)]
                    mottagare_namn = ", ".join(namn[:-1]) + " och " + namn[-1]
                    till += tuple(e for _, e in undertecknare)
        brev = paminnelsebrev(
            frist=lf.frist,
            ledtid=ledtid,
            dnr=lf.dnr,
            titel=arende.titel,
            namnd=arende.namnd,
            handlaggare=handlaggare.namn,
            mottagare_namn=mottagare_namn,
            till=till,
            kopia=kopia,
            idag=nu.astimezone(STOCKHOLM).date(),
            kalender=kalender,
            tillagg=justering,
        )
        try:
            paminnelse_id = uow.paminnelser.lagg_till(
                frist=lf,
                ledtid=ledtid,
                slag=slag,
                till=till,
                kopia=kopia,
                amne=brev.amne,
                planerad=paminnelsetid(lf.frist.datum, ledtid, kalender),
                skickad=nu,
            )
        except SamtidigAndring:
            return Utskick(False, "redan skickad", dnr=lf.dnr)
        uow.logg.skriv(
            dnr=lf.dnr,
            handling=handling,
            aktor=SYSTEMET,
            roll=SYSTEMROLL,
            flodeskorning=None,
            innehall={
                "frist": lf.frist.typ.value,
                "fristdatum": lf.frist.datum.isoformat(),
                "ledtid": ledtid,
                "till": list(till),
                "kopia": list(kopia),
                "ämne": brev.amne,
            },
        )
        # Last, inside the transaction: if the mail server refuses, the record and the log
        # line roll back and the reminder is tried again; once it accepted, we commit.
        brevlada.skicka(brev)
        uow.commit()
        return Utskick(True, "skickad", paminnelse_id, lf.dnr)


def _osignerat(uow: UnitOfWork, arende: Arende) -> tuple[str, list[tuple[str, str]]]:
    """For a justering reminder: who has not yet signed the protokoll the ärende was
    decided in (a line for the letter), and those of them with an e-mail address in the
    nämnd's register. Every ärende of a meeting has the same justering frist, so the
    ordförande and justerare are written to once per protokoll and ledtid: on the reminder
    of its first § still to be justerat; the other ärenden's reminders carry the line only."""
    if not arende.beslut:
        return "", []
    beslut = arende.beslut[-1]
    s = uow.sammantraden.hamta(arende.namnd, beslut.sammantrade, las=False)
    if s is None or not (kvar := s.osignerade()):
        return "", []
    namnen = ", ".join(f"{n} ({r.value})" for n, r in kvar)
    rad = (
        f"Protokollet från sammanträdet den {svenskt_datum(s.datum)} är ännu inte justerat "
        f"av: {namnen}."
    )
    vantar = [
        p.nummer
        for p in s.paragrafer
        if p.ar_arende and not p.omedelbart_justerad and p.utfall and p.utfall.avgor_arendet
    ]
    if not vantar or min(vantar) != beslut.paragraf:
        return rad, []
    # Matched as the signatures are (namnnyckel): the sammanträde spells a name as grunddata
    # did when it was opened, and grunddata may since have been loaded with "johan  sundberg".
    ledamoter = uow.grunddata.namnd(arende.namnd).ledamoter
    adresser = {namnnyckel(x.namn): x.epost for x in ledamoter if x.epost}
    return rad, [(n, adresser[namnnyckel(n)]) for n, _ in kvar if namnnyckel(n) in adresser]


def visa_paminnelse(uow: UnitOfWork, paminnelse_id: int) -> Paminnelsepost:
    with uow:
        post = uow.paminnelser.hamta(paminnelse_id)
    if post is None:
        raise OgiltigUppgift(f"Det finns ingen skickad påminnelse med nummer {paminnelse_id}.")
    return post


def paminnelser_for(uow: UnitOfWork, dnr: str) -> list[Paminnelsepost]:
    with uow:
        return uow.paminnelser.for_arende(dnr)
