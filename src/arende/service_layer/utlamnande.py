"""Utlämnande of allmän handling beyond the commands: what the prövning's form shows (each
asked handling with its marking and its numbered stycken), the registrator's list of
requests, and the reminder a request still open gets the same working day (TF 2 kap. 15-16 §§:
"genast eller så snart som möjligt", a copy "skyndsamt").

The reminder goes through the scheduler like the frister's (entrypoints/schemalaggare.py):
one job per open request under a stable id, planned from the request table, which is the
truth; sending it records the moment on the request, writes the audit log and sends the
mail in one transaction, so it goes out once, and not at all once the request is decided.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from arende.domain.datum import STOCKHOLM, svenskt_datum, svenskt_klockslag
from arende.domain.fel import ArendeFel, HittasInte, OgiltigUppgift, TjanstSaknas
from arende.domain.handling import Handling
from arende.domain.kalender import Helgdagskalender
from arende.domain.paminnelser import Brev, kontrollera_epost
from arende.domain.roller import Roll
from arende.domain.sekretess import intervall
from arende.domain.text import namnnyckel
from arende.domain.utlamnande import PROVAS, Begaran, Utfall, paminnelsetid
from arende.service_layer.arbetsko import Vantande
from arende.service_layer.kommandon import SYSTEMET, SYSTEMROLL, ProvaBegaran
from arende.service_layer.ports import Brevlada, Ruta, Stycke, Textlasare, UnitOfWork
from arende.service_layer.steg import Beroenden


@dataclass(frozen=True)
class Begard:
    """One handling asked for, as the prövning's form shows it: a sekretessmarkerad one
    comes up as 'prövas' with its marking's provision (one marked in parts as 'lämnas ut
    med maskering' of those stycken), the others as 'lämnas ut'."""

    nummer: int
    beskrivning: str  # kind, date and public title (the marking instead, if marked)
    utfall: str
    bestammelse: str
    stycken: tuple[str, ...]
    maskera: str = ""  # the stycken a marking in parts names: '3–5, 8'


def _beskrivning(h: Handling) -> str:
    if h.sekretess:
        grund = str(h.markering) if h.markering else "OSL"
        return f"{h.typ.value}, {h.datum.isoformat()}: sekretessmarkerad ({grund})"
    return f"{h.typ.value}, {h.datum.isoformat()}: {h.titel}"


def las_fil(beroenden: Beroenden, h: Handling) -> bytes:
    """The file of the handling's version, checked against its registered sha256."""
    innehall = beroenden.dokument.arkiv.las(h.fil)
    if hashlib.sha256(innehall).hexdigest() != h.sha256:
        # A copy given out must be of the handling as registered, never of an altered file.
        raise OgiltigUppgift(
            f"Filen för {h.beteckning} stämmer inte med sin registrerade kontrollsumma "
            "(sha256): den har ändrats, och ingen kopia görs av den. Kör arende verifiera."
        )
    return innehall


def filtyp(h: Handling) -> str:
    return h.fil.rsplit(".", 1)[-1].casefold() if "." in h.fil else ""


def textlasare(beroenden: Beroenden) -> Textlasare:
    if beroenden.textlasare is None:
        raise TjanstSaknas("Ingen textläsare är inkopplad.")
    return beroenden.textlasare


def las_stycken_med_rutor(beroenden: Beroenden, h: Handling) -> list[Stycke]:
    """The handling's latest version as numbered stycken, with where each stands on its
    page (a PDF or an image); empty for a file in which no text is found."""
    return textlasare(beroenden).stycken_med_rutor(las_fil(beroenden, h), filtyp(h))


def las_stycken(beroenden: Beroenden, h: Handling) -> list[str]:
    """The text of the handling's latest version as numbered stycken."""
    return [s.text for s in las_stycken_med_rutor(beroenden, h)]


# Files whose masked copy is painted on their pages rather than written from their text:
# a PDF (scanned or not: its look is the handling) and an image.
BILDKOPIA = frozenset({"pdf", "png", "jpg", "jpeg", "tif", "tiff"})


def kopieras_som_bild(h: Handling) -> bool:
    return filtyp(h) in BILDKOPIA


def kopians_notis(data: Mapping[str, Any]) -> list[str]:
    """What a masked copy says first of itself: the first paragraphs of a Word handling's
    masked file, and (under a heading) the first page of a PDF's or an image's. The copy
    written from a template says the same in its own words (templates/bygg_mallar.py,
    utlamnad_kopia)."""
    return [
        f"{data['namnd']}, {data['forvaltning']}: kopia med maskering av {data['handling']} "
        f"i {data['dnr']}.",
        f"Utlämnad den {data['datum']} med anledning av begäran {data['begaran']} om allmän "
        f"handling, som kom in {data['mottagen']}. Uppgifter som omfattas av sekretess enligt "
        f"{data['bestammelse']} är maskerade (stycke {data['maskerade']}); övrigt lämnas ut.",
    ]


def forsattsblad(data: Mapping[str, Any]) -> list[str]:
    """The first page of a masked copy of a PDF or an image, the heading first."""
    return [
        f"Kopia av {data['handling']}",
        *kopians_notis(data),
        "De maskerade styckena är svärtade på handlingens sidor, som följer efter detta blad.",
    ]


def maskerad_bildkopia(
    beroenden: Beroenden,
    h: Handling,
    stycken: Sequence[Stycke],
    maskerade: Iterable[int],
    data: Mapping[str, Any],
) -> bytes:
    """The copy of a PDF or an image with the masked stycken painted black on its pages,
    as PDF/A: the boxes are those `las_stycken_med_rutor` gave for the same numbers."""
    if beroenden.bildmaskering is None:
        raise TjanstSaknas("Ingen maskering av PDF och bilder är inkopplad.")
    rutor: list[Ruta] = []
    for nummer in maskerade:
        if not stycken[nummer - 1].rutor:  # pragma: no cover - a PDF's or image's have boxes
            raise OgiltigUppgift(f"Stycke {nummer} i {h.beteckning} har ingen plats på sidan.")
        rutor += stycken[nummer - 1].rutor
    return beroenden.bildmaskering(las_fil(beroenden, h), filtyp(h), rutor, forsattsblad(data))


def redovisning(begaran: Begaran, hanvisa: Callable[[int], str]) -> list[str]:
    """What a tried request came to, a line per handling and one for the decision: the
    command line and the Prefect run say the same, each pointing at a file its own way
    (`hanvisa(nummer)`: a path, a link)."""
    rader = []
    for p in begaran.provningar:
        rad = f"Handling {p.nummer}: {p.utfall.value}"
        if p.bestammelse:
            rad += f" ({p.bestammelse})"
        if p.kopia:
            rad += f"; lämna ut kopian {hanvisa(p.kopia)}"
        elif p.utfall is Utfall.LAMNAS_UT:
            rad += f"; lämna ut {hanvisa(p.nummer)}"
        rader.append(rad)
    if begaran.beslut:
        rader.append(f"Beslut med besvärshänvisning till sökanden: {hanvisa(begaran.beslut)}")
    return rader


def stycken(uow: UnitOfWork, beroenden: Beroenden, dnr: str, nummer: int) -> list[str]:
    with uow:
        versioner = [h for h in uow.handlingar.for_arende(dnr.strip()) if h.nummer == nummer]
    if not versioner:
        raise HittasInte(f"Ärende {dnr} har ingen handling {nummer}.")
    return las_stycken(beroenden, versioner[-1])


def begard(uow: UnitOfWork, beroenden: Beroenden, dnr: str, nummer: int) -> list[Begard]:
    """The handlingar of request `nummer`, pre-filled for the prövning."""
    with uow:
        begaran = uow.begaranden.hamta(dnr.strip(), nummer)
        handlingar = uow.handlingar.for_arende(begaran.dnr)
    senaste = {h.nummer: h for h in handlingar}
    ut = []
    for n in begaran.handlingar:
        h = senaste[n]
        markerad = h.sekretess
        beskrivning = _beskrivning(h)
        try:
            text = tuple(las_stycken(beroenden, h))
        except ArendeFel as fel:  # the form still asks: the handling can be tried whole
            text, beskrivning = (), f"{beskrivning}. Obs: {fel.meddelande}"
        delar = h.markering.stycken if h.markering and text else ()
        utfall = Utfall.MASKERAS.value if delar else PROVAS if markerad else Utfall.LAMNAS_UT.value
        ut.append(
            Begard(
                nummer=n,
                beskrivning=beskrivning,
                utfall=utfall,
                bestammelse=h.markering.bestammelse if h.markering else "",
                stycken=text,
                maskera=intervall(delar),
            )
        )
    return ut


def hamta(uow: UnitOfWork, dnr: str, nummer: int) -> Begaran:
    with uow:
        return uow.begaranden.hamta(dnr.strip(), nummer)


def begaranden(uow: UnitOfWork, dnr: str | None = None, *, oppna: bool = False) -> list[Begaran]:
    """The requests of an ärende, or every open one (oldest first)."""
    with uow:
        if dnr is None:
            return uow.begaranden.oppna()
        alla = uow.begaranden.for_arende(dnr.strip())
    return [b for b in alla if b.oppen or not oppna]


def mottagen_text(begaran: Begaran) -> str:
    tid = begaran.mottagen.astimezone(STOCKHOLM)
    return f"{svenskt_datum(tid.date())} kl. {svenskt_klockslag(tid.time())}"


def att_prova(
    uow: UnitOfWork, person_namn: str, kalender: Helgdagskalender, timmar: int
) -> list[Vantande]:
    """The open requests this person is to try, oldest first, for her work list: those on
    the ärenden she handles, and as registrator those of her nämnd. 'Senast' is the day of
    the reminder: at once or as soon as possible has no date of its own."""
    with uow:
        person = uow.grunddata.person(person_namn)
        oppna = uow.begaranden.oppna()
        arenden = {b.dnr: uow.arenden.hamta(b.dnr, las=False) for b in oppna}
    registrator = Roll.REGISTRATOR in person.roller
    ut = []
    for b in oppna:
        a = arenden[b.dnr]
        egen = namnnyckel(a.handlaggare) == namnnyckel(person.namn)
        i_namnden = registrator and (person.namnd or "").casefold() == a.namnd.casefold()
        if not (egen or i_namnden):
            continue
        ut.append(
            Vantande(
                dnr=b.dnr,
                titel=a.titel,
                namnd=a.namnd,
                steg=f"pröva begäran {b.nummer} om allmän handling ({b.vem})",
                roller=ProvaBegaran.roller or frozenset(),
                sedan=b.mottagen.isoformat(),
                senast=paminnelsetid(b.mottagen, timmar, kalender).astimezone(STOCKHOLM).date(),
                varfor_senast="genast eller så snart som möjligt (TF 2 kap. 15–16 §§)",
            )
        )
    return ut


# -- the reminder --------------------------------------------------------------------------


class PlaneradBegaranspaminnelse(NamedTuple):
    jobb_id: str
    begaran_id: int
    tid: datetime


def jobb_id(begaran_id: int) -> str:
    return f"begaran-{begaran_id}"


def planera_begaranspaminnelser(
    uow: UnitOfWork,
    kalender: Helgdagskalender,
    timmar: int,
    nu: datetime,
    sent_grans: timedelta,
) -> list[PlaneradBegaranspaminnelse]:
    """A job per open request not yet reminded, due the same working day it came in (by
    `timmar` working hours, at the latest 16.00; see domain.utlamnande.paminnelsetid), or
    the next vardag's morning for one that came in after hours (one due longer ago than the
    grace period is left out, as the frister's are)."""
    with uow:
        oppna = uow.begaranden.oppna()
    ut = []
    for b in oppna:
        if b.paminnelse is not None or b.id is None:
            continue
        tid = paminnelsetid(b.mottagen, timmar, kalender)
        if nu - tid > sent_grans:
            continue
        ut.append(PlaneradBegaranspaminnelse(jobb_id(b.id), b.id, tid))
    return ut


@dataclass(frozen=True)
class Begaranspaminnelse:
    skickad: bool
    orsak: str
    dnr: str | None = None


def skicka_begaranspaminnelse(
    begaran_id: int,
    uow: UnitOfWork,
    brevlada: Brevlada,
    kalender: Helgdagskalender,
    timmar: int,
    nu: datetime,
) -> Begaranspaminnelse:
    """Remind the ärende's handläggare (with a copy to whoever registered the request) if
    the request is still open and due. Raises OgiltigUppgift if nobody has an address, and
    whatever the mail server raises; either way nothing is recorded."""
    with uow:
        b = uow.begaranden.hamta_id(begaran_id)
        if b is None:
            return Begaranspaminnelse(False, "begäran finns inte")
        if not b.oppen:
            return Begaranspaminnelse(False, "redan prövad", b.dnr)
        if b.paminnelse is not None:
            return Begaranspaminnelse(False, "redan påmind", b.dnr)
        planerad = paminnelsetid(b.mottagen, timmar, kalender)
        if nu < planerad:
            return Begaranspaminnelse(False, "inte aktuell", b.dnr)
        arende = uow.arenden.hamta(b.dnr, las=False)
        handlaggare = uow.grunddata.person(arende.handlaggare)
        if not handlaggare.epost:
            raise OgiltigUppgift(
                f"{handlaggare.namn} saknar e-postadress i grunddata: påminnelsen om "
                f"{b.beteckning} kan inte skickas."
            )
        till = (kontrollera_epost(handlaggare.epost, handlaggare.namn),)
        kopia: tuple[str, ...] = ()
        if b.registrerad_av != handlaggare.namn:
            try:
                registrator = uow.grunddata.person(b.registrerad_av)
            except HittasInte:
                registrator = None
            if registrator is not None and registrator.epost:
                kopia = (kontrollera_epost(registrator.epost, registrator.namn),)
        brev = _brev(b, arende.titel, handlaggare.namn, till, kopia, nu)
        if not uow.begaranden.markera_paminnelse(begaran_id, nu):
            return Begaranspaminnelse(False, "redan påmind", b.dnr)
        uow.logg.skriv(
            dnr=b.dnr,
            handling="påminna om begäran om allmän handling",
            aktor=SYSTEMET,
            roll=SYSTEMROLL,
            flodeskorning=None,
            innehall={
                "utfall": "utförd",
                "begäran": b.nummer,
                "mottagen": b.mottagen.isoformat(),
                "arbetstimmar": timmar,
                "till": list(till),
                "kopia": list(kopia),
                "ämne": brev.amne,
            },
        )
        # Last, inside the transaction: a refused mail rolls the record back.
        brevlada.skicka(brev)
        uow.commit()
        return Begaranspaminnelse(True, "skickad", b.dnr)


def _brev(
    b: Begaran,
    titel: str,
    handlaggare: str,
    till: tuple[str, ...],
    kopia: tuple[str, ...],
    nu: datetime,
) -> Brev:
    vantat = nu - b.mottagen
    timmar = int(vantat.total_seconds() // 3600)
    amne = f"Obesvarad begäran om allmän handling i {b.dnr} (begäran {b.nummer})"
    text = (
        f"Hej {handlaggare}!\n\n"
        f"En begäran om att ta del av allmänna handlingar i ditt ärende kom in "
        f"{mottagen_text(b)} och är ännu inte prövad ({timmar} timmar sedan).\n\n"
        f"Ärende: {b.dnr} – {titel}\n"
        f"Begärda handlingar: {', '.join(map(str, b.handlingar))}\n"
        f"Sökande: {b.vem}\n\n"
        "En begäran ska prövas genast eller så snart som möjligt, och en kopia lämnas ut "
        "skyndsamt (2 kap. 15–16 §§ tryckfrihetsförordningen). Pröva den i körningen "
        f"'utlamnande' eller med: arende prova \"{b.dnr}\" {b.nummer} …\n\n"
        "Meddelandet skickas automatiskt av ärendesystemet, en gång per begäran.\n"
    )
    return Brev(till, kopia, amne, text)
