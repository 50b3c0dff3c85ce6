"""The files the public site hands out: a justerat protokoll (the sealed PDF, or the Word
file), a kallelse's document, and the handlingar on a kallelse.

A file is named by what it is (a nämnd's sammanträde, a dnr and a handling's number and
version) and its path comes from the register, never from the person asking; the bytes read
are checked against the sha256 the register gives (the handlingar table, or the audit event
that logged a sammanträde's document) before anything is handed out. A sekretess handling is
never handed out, nor a kallelse that lists one (it names its title), and a handling only
once it stood on a kallelse sent out: what the site lists is what it serves."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from arende.domain.datum import svenskt_datum
from arende.domain.diarienummer import Diarienummer, paketnamn
from arende.domain.fel import ArendeFel, HittasInte, OgiltigUppgift
from arende.domain.organisation import Namnd
from arende.service_layer import hemliga_meningar
from arende.service_layer.ports import Arkiv, UnitOfWork
from arende.service_layer.publika_sammantraden import (
    PUBLICERAT,
    beslutsunderlag,
    hamta,
    justeringen,
    senaste_kallelse,
)

MEDIATYPER = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class Sekretessbelagd(ArendeFel):
    """The file is or names a handling marked sekretess: it is not handed out here."""


class Arkivavvikelse(ArendeFel):
    """The archived file is missing or differs from its registered sha256: handed out as it
    is, it would not be the document the register describes."""


@dataclass(frozen=True)
class Utlamnad:
    filnamn: str  # ASCII, what the browser saves it as
    innehall: bytes

    @property
    def mediatyp(self) -> str:
        return next(
            (typ for slut, typ in MEDIATYPER.items() if self.filnamn.endswith(slut)),
            "application/octet-stream",
        )


def _las(arkiv: Arkiv, relativ: str, sha256: str, namn: str) -> Utlamnad:
    """The archived file, read once and handed out only if those very bytes are the ones
    registered."""
    try:
        innehall = arkiv.las(relativ)
    except (OgiltigUppgift, OSError):  # a path out of the archive, a missing file
        raise Arkivavvikelse(
            f"Filen till {namn} finns inte i arkivet där registret säger. Den lämnas inte ut; "
            "kontakta nämndens registrator."
        ) from None
    if hashlib.sha256(innehall).hexdigest() != sha256:
        raise Arkivavvikelse(
            f"Filen till {namn} stämmer inte med sin registrerade kontrollsumma (sha256) och "
            "lämnas inte ut; kontakta nämndens registrator."
        )
    slut = "." + relativ.rsplit(".", 1)[-1] if "." in relativ else ""
    return Utlamnad(paketnamn(namn) + slut, innehall)


def protokollet(uow: UnitOfWork, arkiv: Arkiv, namnd: Namnd, datum: date, pdf: bool) -> Utlamnad:
    """The justerat protokoll: the PDF/A with the nämnd's seal, or the Word file."""
    with uow:
        s = hamta(uow, namnd, datum)
        if s is None or s.status not in PUBLICERAT:
            raise HittasInte(
                f"Protokollet från {namnd.namn}s sammanträde den {svenskt_datum(datum)} är inte "
                "justerat än. Protokollet publiceras när det är justerat."
            )
        handelse = justeringen(uow.logg.for_sammantrade(namnd.namn, datum))
        if hemliga_meningar.for_sammantrade(uow, s).namns_i(s):
            raise Sekretessbelagd(
                "Protokollet nämner en ärendemening som sekretessmarkerats efter att det "
                "skrevs och lämnas inte ut här. Det kan begäras ut hos nämndens registrator, "
                "som prövar sekretessen."
            )
    if handelse is None:
        raise Arkivavvikelse(
            f"Justeringen av protokollet från den {svenskt_datum(datum)} finns inte i "
            "granskningsloggen, så filen kan inte kontrolleras och lämnas inte ut."
        )
    fil, sha = ("pdf", "pdf_sha256") if pdf else ("fil", "sha256")
    if fil not in handelse.innehall or sha not in handelse.innehall:
        raise HittasInte(
            "Det justerade protokollet finns inte som PDF; hämta det som Word-fil (protokoll.docx)."
        )
    return _las(
        arkiv,
        str(handelse.innehall[fil]),
        str(handelse.innehall[sha]),
        f"{namnd.diarieprefix} protokoll {datum.isoformat()}",
    )


def kallelsen(uow: UnitOfWork, arkiv: Arkiv, namnd: Namnd, datum: date) -> Utlamnad:
    """The kallelse in force, as sent (Word)."""
    with uow:
        s = hamta(uow, namnd, datum)
        if s is None or s.dagordning is None:
            raise HittasInte(
                f"Kallelsen till {namnd.namn}s sammanträde den {svenskt_datum(datum)} har inte "
                "skickats ut än."
            )
        handelser = uow.logg.for_sammantrade(namnd.namn, datum)
        handelse = senaste_kallelse(s, handelser)
        underlag = beslutsunderlag(uow, s, handelser)
        mening = hemliga_meningar.for_sammantrade(uow, s).namns_i(s)
    if handelse is None:
        raise Arkivavvikelse(
            f"Kallelsen till sammanträdet den {svenskt_datum(datum)} finns inte i "
            "granskningsloggen, så filen kan inte kontrolleras och lämnas inte ut."
        )
    if mening or any(u.sekretess for lista in underlag.values() for u in lista):
        raise Sekretessbelagd(
            "Kallelsen nämner en sekretessmarkerad handling eller ärendemening och lämnas inte "
            "ut här. Dagordningen finns på sammanträdets sida; kallelsen kan begäras ut hos nämndens registrator, "
            "som prövar sekretessen."
        )
    return _las(
        arkiv,
        str(handelse.innehall["fil"]),
        str(handelse.innehall["sha256"]),
        f"{namnd.diarieprefix} kallelse {datum.isoformat()} version {s.dagordning.version}",
    )


def handlingen(
    uow: UnitOfWork, arkiv: Arkiv, dnr: Diarienummer, nummer: int, version: int
) -> Utlamnad:
    """A handling that stood on a kallelse sent out: its PDF if it has one, else its file."""
    namn = f"handling {nummer} version {version} i ärende {dnr}"
    with uow:
        arende = uow.arenden.hamta(str(dnr), las=False)
        post = next(
            (
                h
                for h in uow.lasning.handlingar(str(dnr))
                if (h.nummer, h.version) == (nummer, version)
            ),
            None,
        )
        if post is None:
            raise HittasInte(f"Det finns ingen {namn}.")
        if post.sekretess:
            raise Sekretessbelagd(
                f"Handling {nummer} i ärende {dnr} är sekretessmarkerad och lämnas inte ut här. "
                "Den kan begäras ut hos nämndens registrator, som prövar sekretessen."
            )
        if not post.granskad:
            raise Sekretessbelagd(
                f"Handling {nummer} i ärende {dnr} har kommit in men ännu inte granskats av "
                "registratorn och lämnas inte ut här än. Den kan begäras ut hos nämndens "
                "registrator."
            )
        if post.gallring is not None:
            raise HittasInte(
                f"Handling {nummer} i ärende {dnr} finns inte längre: {post.gallringstext}. "
                "Registreringen finns kvar i diariet."
            )
        publicerad = False
        for s in uow.sammantraden.mellan(arende.namnd, arende.registreringsdatum, date.max):
            if s.dagordning is None or s.dagordning.punkt(str(dnr)) is None:
                continue
            underlag = beslutsunderlag(uow, s, uow.logg.for_sammantrade(arende.namnd, s.datum))
            if any((u.nummer, u.version) == (nummer, version) for u in underlag.get(str(dnr), [])):
                publicerad = True
                break
    if not publicerad:
        raise HittasInte(
            f"{namn.capitalize()} finns inte bland handlingarna till något sammanträde som "
            "kallats till."
        )
    if post.pdf_fil and post.pdf_sha256:
        return _las(arkiv, post.pdf_fil, post.pdf_sha256, f"{dnr} handling {nummer} v{version}")
    return _las(arkiv, post.fil, post.sha256, f"{dnr} handling {nummer} v{version}")
