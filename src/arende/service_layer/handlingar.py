"""Documents drawn up from an ärende's data and registered as its handlingar.

A document is rendered inside the step that calls for it (the chef's fastställande gives
the tjänsteutlåtande, the justering the protokollsutdrag, ...), in the same transaction: if
the template cannot be filled in, the step is refused with the template's error, and neither
the step nor any handling is registered. The PDF is made afterwards, outside the
transaction, because LibreOffice takes seconds and the database must not wait for it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from arende.domain.arende import Arende
from arende.domain.arendetyp import Arendetyp
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.handling import Handling, Handlingstyp, Riktning, filnamn, nasta_plats
from arende.domain.inloggning import Inloggning
from arende.domain.kalender import Helgdagskalender
from arende.service_layer.dokumentdata import anslag, tjansteutlatande
from arende.service_layer.ports import (
    Arkiv,
    Dokumentmallar,
    PdfOmvandlare,
    UnitOfWork,
)
from arende.service_layer.regler import Regler, regler_for


@dataclass(frozen=True)
class Dokumentverk:
    """What drawing up a document needs: the templates, the archive, the calendar (for the
    dates an anslag states), and the ärendetyper (which template each type uses)."""

    mallar: Dokumentmallar
    arkiv: Arkiv
    kalender: Helgdagskalender
    typer: Mapping[str, Arendetyp] = field(default_factory=dict)
    regler: Mapping[str, Regler] | None = None  # the types' rules (default: without adapters)

    def mall_for(self, arende: Arende, typ: Handlingstyp) -> str:
        """The type's own template for this kind of document, else the standard one."""
        definition = self.typer.get(arende.arendetyp)
        if definition is not None:
            for mall in definition.dokument.values():
                if mall.typ is typ:
                    return mall.mall
        return MALL[typ]


MALL: dict[Handlingstyp, str] = {
    # A type that names no template of its own gets the general tjänsteutlåtande.
    Handlingstyp.TJANSTEUTLATANDE: "tjansteutlatande_allman.docx",
    Handlingstyp.KALLELSE: "kallelse_sammantrade.docx",
    Handlingstyp.PROTOKOLLSUTDRAG: "protokollsutdrag.docx",
    Handlingstyp.ANSLAG: "anslag.docx",
    Handlingstyp.TAVLINGSBIDRAG: "tavlingsbidrag.docx",
    Handlingstyp.UTLAMNAD_KOPIA: "utlamnad_kopia.docx",
    Handlingstyp.BESLUT_UTLAMNANDE: "beslut_utlamnande.docx",
}


@dataclass(frozen=True)
class Upprattande:
    """Who draws the document up and under which step, for the register and the log."""

    aktor: str
    roll: str
    idag: date
    nyckel: str | None
    flodeskorning: str | None
    inloggning: Inloggning | None = None


def _offentlig_titel(typ: Handlingstyp, arende: Arende) -> str:
    """The title in the diarium: says what the document is without revealing anything
    secret (OSL 5 kap.): the ärendemening in its public form, if it is marked."""
    return f"{str(typ).capitalize()}: {arende.offentlig_titel}"


def _dnr_mapp(arende: Arende) -> str:
    return f"{arende.dnr.prefix}-{arende.dnr.ar}-{arende.dnr.lopnummer}"


def data_for(
    typ: Handlingstyp, arende: Arende, uow: UnitOfWork, verk: Dokumentverk, aktor: str
) -> dict[str, Any]:
    """The facts of the ärende's own document, read in the step's own transaction. The
    sammanträde's documents (kallelse, protokoll, protokollsutdrag) are written from the
    sammanträde (dokumentdata/protokoll.py), and a tävlingsbidrag from the unit's bidrag: their
    steps pass the facts in."""
    if typ is Handlingstyp.TJANSTEUTLATANDE:
        definition = verk.typer.get(arende.arendetyp)
        if definition is None:  # a type no longer defined: the facts every ärende has
            return tjansteutlatande.arendets_fakta(arende, uow.grunddata)
        egna = regler_for(definition, verk.regler).underlag(arende, uow.grunddata)
        return tjansteutlatande.tjansteutlatande(arende, definition, egna, uow.grunddata)
    if typ is Handlingstyp.ANSLAG:
        return anslag.anslag(arende, uow.grunddata, verk.kalender, underskrift=aktor)
    raise OgiltigUppgift(
        f"{str(typ).capitalize()} i ärende {arende.dnr} upprättas ur sitt eget underlag "
        "(sammanträdet, verksamhetens bidrag), inte ur ärendet."
    )


def uppratta(
    uow: UnitOfWork,
    verk: Dokumentverk,
    arende: Arende,
    typ: Handlingstyp,
    vem: Upprattande,
    *,
    data: dict[str, Any] | None = None,
    titel: str | None = None,
    motpart: str | None = None,
    docx: bytes | None = None,
) -> Handling:
    """Render, store and register a new version of the ärende's document of this type.

    Runs inside an open unit of work; the caller commits. A fastställd document is locked:
    it is never rendered again under its version, a change becomes the next version.

    `data` replaces the facts read from the ärende, and `titel` the public title; a titel
    also makes the document its own handling beside others of its type (one tävlingsbidrag
    per nominated unit). `motpart` is the recipient of an outgoing document. `docx` is a
    document drawn up without a template (the masked copy of a Word handling), registered
    as it is."""
    mall = ""
    if docx is None:
        mall = verk.mall_for(arende, typ)
        fakta = data if data is not None else data_for(typ, arende, uow, verk, vem.aktor)
        docx = verk.mallar.rendera(mall, fakta)
    return registrera_upprattad(
        uow, verk.arkiv, arende, typ, vem, docx, "docx", titel=titel, motpart=motpart, mall=mall
    )


def registrera_upprattad(
    uow: UnitOfWork,
    arkiv: Arkiv,
    arende: Arende,
    typ: Handlingstyp,
    vem: Upprattande,
    innehall: bytes,
    andelse: str,
    *,
    titel: str | None = None,
    motpart: str | None = None,
    mall: str = "",
    riktning: Riktning | None = None,
) -> Handling:
    """Store and register a document drawn up by the system as the ärende's handling: one
    rendered from a template (`uppratta`), or a file made another way (the masked copy of a
    scan, a PDF already: `andelse` 'pdf', no template). Same place, lock and log. Without
    `riktning`, a tjänsteutlåtande is upprättad and the rest go out (utgående)."""
    if riktning is None:
        riktning = Riktning.UPPRATTAD if typ is Handlingstyp.TJANSTEUTLATANDE else Riktning.UTGAENDE
    dnr = str(arende.dnr)
    nummer, version = nasta_plats(uow.handlingar.for_arende(dnr), typ, titel)
    fil = filnamn(_dnr_mapp(arende), nummer, version, typ, andelse)
    handling = Handling(
        nummer=nummer,
        version=version,
        typ=typ,
        riktning=riktning,
        titel=titel or _offentlig_titel(typ, arende),
        datum=vem.idag,
        fil=fil,
        sha256=arkiv.spara(fil, innehall),
        upprattad_av=arende.handlaggare if typ is Handlingstyp.TJANSTEUTLATANDE else vem.aktor,
        last=True,  # every document here is drawn up when its step is final
        motpart=motpart,
        mall=mall,
        nyckel=f"{vem.nyckel}:{typ.value}" if vem.nyckel else None,
        flodeskorning=vem.flodeskorning,
    )
    uow.handlingar.lagg_till(dnr, handling)
    uow.logg.skriv(
        dnr=dnr,
        handling="registrera handling",
        aktor=vem.aktor,
        roll=vem.roll,
        flodeskorning=vem.flodeskorning,
        innehall=({"inloggning": vem.inloggning.som_logg()} if vem.inloggning is not None else {})
        | {
            "utfall": "utförd",
            "typ": typ.value,
            "nummer": nummer,
            "version": version,
            "titel": handling.titel,
            "fil": fil,
            "sha256": handling.sha256,
            "mall": mall,
            "låst": handling.last,
        },
    )
    return handling


def forhandsgranska(uow: UnitOfWork, verk: Dokumentverk, dnr: str, typ: Handlingstyp) -> bytes:
    """The document as it would be drawn up now, without registering it: the draft a chef
    reads before fastställandet."""
    with uow:
        arende = uow.arenden.hamta(dnr)
        mall = verk.mall_for(arende, typ)
        return verk.mallar.rendera(mall, data_for(typ, arende, uow, verk, arende.handlaggare))


def senaste_version(uow: UnitOfWork, dnr: str, handling: Handling) -> Handling:
    """The registered row of this very version, as it is now."""
    for h in uow.handlingar.for_arende(dnr):
        if (h.nummer, h.version) == (handling.nummer, handling.version):
            return h
    raise HittasInte(f"{handling.beteckning} finns inte i ärende {dnr}.")


def handlingar(uow: UnitOfWork, dnr: str) -> list[Handling]:
    with uow:
        return uow.handlingar.for_arende(dnr)


def senaste(uow: UnitOfWork, dnr: str, typ: Handlingstyp) -> Handling | None:
    av_typen = [h for h in handlingar(uow, dnr) if h.typ is typ]
    return av_typen[-1] if av_typen else None


def gor_pdf(
    uow: UnitOfWork,
    arkiv: Arkiv,
    pdf: PdfOmvandlare,
    dnr: str,
    handling: Handling,
    aktor: str,
    flodeskorning: str | None = None,
) -> Handling:
    """The PDF rendition of a registered version, made once. The Word file is checked
    against its registered sha256 first: a PDF is never made of an altered file."""
    with uow:
        registrerad = senaste_version(uow, dnr, handling)
    if registrerad.pdf_fil:
        return registrerad
    if not registrerad.fil.endswith(".docx"):
        # A handling that came in (a PDF, an e-mail, a scan) is kept as it came.
        raise OgiltigUppgift(
            f"{registrerad.beteckning} i ärende {dnr} är ingen Word-fil: ingen PDF görs av den."
        )
    docx = arkiv.las(registrerad.fil)
    if hashlib.sha256(docx).hexdigest() != registrerad.sha256:
        raise OgiltigUppgift(
            f"Filen för {registrerad.beteckning} i ärende {dnr} stämmer inte med sin "
            "registrerade kontrollsumma (sha256): den har ändrats. Ingen PDF gjordes."
        )
    innehall = pdf.till_pdf(docx)  # seconds: outside any transaction
    pdf_fil = registrerad.fil.removesuffix(".docx") + ".pdf"
    sha = hashlib.sha256(innehall).hexdigest()
    with uow:
        # Under the row's lock: if another process registered its PDF meanwhile, keep that
        # one and write nothing (its file must stay the one its sha256 describes).
        if not uow.handlingar.satt_pdf(dnr, registrerad.nummer, registrerad.version, pdf_fil, sha):
            return senaste_version(uow, dnr, registrerad)
        arkiv.spara(pdf_fil, innehall)
        uow.logg.skriv(
            dnr=dnr,
            handling="registrera PDF",
            aktor=aktor,
            roll="system",
            flodeskorning=flodeskorning,
            innehall={
                "utfall": "utförd",
                "nummer": registrerad.nummer,
                "version": registrerad.version,
                "fil": pdf_fil,
                "sha256": sha,
            },
        )
        uow.commit()
    return replace(registrerad, pdf_fil=pdf_fil, pdf_sha256=sha)
