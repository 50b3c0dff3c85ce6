"""Earlier documents in, in two steps: first what was read is shown (`forhandsgranska`: the
fields found and missed, nothing written), then the registrator's confirmation, with what
she gave or corrected, becomes the one command that registers it (`importkommando`).

What was read is checked against the register here, so the preview can say what a
registration would still need: the nämnd must be one of the register's (the document's
spelling matched without regard to case), the handläggare a person in it (an earlier
handläggare who has left is kept as read, and someone in the register stands as the
ärende's handläggare), and the date must be known.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from arende.domain.aldre_handling import (
    FALT,
    VANTADE,
    Fynd,
    LastParagraf,
    dubbla_paragrafer,
    granska_fil,
    las_handling,
    prova_aldre_dnr,
    rubrik,
)
from arende.domain.datum import svenskt_datum
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.inloggning import Inloggning
from arende.domain.text import namnnyckel
from arende.service_layer.dokumentdata.text import genitiv
from arende.service_layer.kommandon import (
    ImporteraAldreHandling,
    ImporteradParagraf,
    ImporteraProtokoll,
    InkommenFil,
)
from arende.service_layer.ports import Textlasare, UnitOfWork

HITTAD = "hittad"
SAKNAS = "saknas"
EJ_TILLAMPLIGT = "–"
KALLOR = {
    "docx": "Word",
    "pdf": "PDF:ens text",
    "ocr": "OCR (skannad PDF)",
    "bild": "OCR (bild)",
    "txt": "text",
}
# What a protokoll of several §§ reads per § instead of for the whole document.
PER_PARAGRAF = frozenset({"dnr", "titel", "forslag"})


@dataclass(frozen=True)
class Paragrafvisning:
    """One § of a protokoll as read, and what the import would do with it: `dnr` the number
    in the diarium's form, `finns` the title of the ärende the diarium already has under it,
    `vagras` why the number cannot be taken (the import is refused until it is mended)."""

    paragraf: LastParagraf
    dnr: str | None = None
    finns: str | None = None
    vagras: str | None = None

    def atgard(self) -> str:
        """What the import does with the §, in Swedish."""
        if self.vagras:
            return f"vägras: {self.vagras}"
        if self.dnr is None:
            return "inget dnr: listas bara i sammanträdets ärende"
        if self.finns is not None:
            return (
                f"{self.dnr} finns redan i diariet ('{self.finns}'): protokollsutdraget "
                "registreras i det ärendet, inget nytt ärende"
            )
        return f"nytt avslutat ärende {self.dnr} med protokollsutdrag"


@dataclass(frozen=True)
class Forhandsvisning:
    """What was read out of one file, and what a registration would still need."""

    filnamn: str
    kalla: str
    fynd: Fynd
    # The register's spelling of the nämnd and handläggare read, if they are in it.
    namnd_i_registret: str | None
    handlaggare_i_registret: str | None
    text: str = ""  # the text that was read (OCR's, for a scan)
    # A protokoll of several §§: each § and what its import would do (() otherwise).
    paragrafer: tuple[Paragrafvisning, ...] = ()

    def rader(self) -> list[tuple[str, str, str]]:
        """(field, hittad/saknas/–, value) for every field, in the registrator's order."""
        ut = [("Slag", HITTAD, self.fynd.slag.value)]
        for namn, rubrik_ in FALT:
            varde = self.fynd.varde(namn)
            if self.fynd.flera_paragrafer and namn in PER_PARAGRAF:
                ut.append((rubrik_, EJ_TILLAMPLIGT, "läses per §, se paragraferna"))
            elif namn not in VANTADE[self.fynd.slag]:
                ut.append((rubrik_, EJ_TILLAMPLIGT, varde or ""))
            else:
                ut.append((rubrik_, HITTAD if varde else SAKNAS, varde or ""))
        return ut

    def paragrafrader(self) -> list[tuple[str, str, str, str, str, str]]:
        """(§, titel, dnr, beslut, saknas, vad importen gör) for each § of a protokoll."""
        ut = []
        for v in self.paragrafer:
            p = v.paragraf
            ut.append(
                (
                    f"§ {p.nummer}",
                    p.titel or "",
                    p.dnr.text if p.dnr else "",
                    " ".join(f"{i}. {b}" for i, b in enumerate(p.beslut, 1)),
                    ", ".join(p.saknade()),
                    v.atgard(),
                )
            )
        return ut

    def anmarkningar(self) -> list[str]:
        """What the registrator must give before it can be registered, in Swedish."""
        fynd = self.fynd
        if fynd.flera_paragrafer:
            return self._protokollets_anmarkningar()
        ut = self._namnd_och_datum("handlingen", "Handlingens datum")
        if fynd.titel is None:
            ut.append("Titeln kunde inte läsas: ange ärendemeningen (--titel).")
        if fynd.handlaggare is None and "handlaggare" in VANTADE[fynd.slag]:
            ut.append("Handläggaren kunde inte läsas: ange en person i registret (--handlaggare).")
        elif fynd.handlaggare is not None and self.handlaggare_i_registret is None:
            ut.append(
                f"Handläggaren '{fynd.handlaggare}' finns inte i personregistret: ange en "
                "person i registret som ärendets handläggare (--handlaggare); namnet i "
                "handlingen sparas som det lästes."
            )
        if fynd.dnr is None:
            ut.append("Inget diarienummer lästes: ärendet får nästa nummer i årets serie.")
        return ut

    def _namnd_och_datum(self, vad: str, datum: str) -> list[str]:
        """What is missing of the nämnd and the date, said of `vad` (handlingen,
        protokollet) and `datum` (whose date it is)."""
        fynd = self.fynd
        ut: list[str] = []
        if fynd.namnd is None:
            ut.append("Nämnden kunde inte läsas: ange den (--namnd).")
        elif self.namnd_i_registret is None:
            ut.append(
                f"Nämnden '{fynd.namnd}' finns inte i registret: ange vilken av registrets "
                f"nämnder {vad} hör till (--namnd)."
            )
        if fynd.datum is None:
            ut.append(f"{datum} kunde inte läsas: ange det (--datum ÅÅÅÅ-MM-DD).")
        return ut

    def _protokollets_anmarkningar(self) -> list[str]:
        fynd = self.fynd
        ut = self._namnd_och_datum("protokollet", "Sammanträdets datum")
        ut.append(
            "Ett protokoll har ingen handläggare: ange en person i registret som ärendenas "
            "handläggare (--handlaggare), annars står du som registrerar."
        )
        dubbla = dubbla_paragrafer(v.paragraf.nummer for v in self.paragrafer)
        if dubbla:
            ut.append(
                "Samma paragrafnummer förekommer flera gånger ("
                + ", ".join(f"§ {n}" for n in dubbla)
                + "): protokollet kan inte importeras så."
            )
        for v in self.paragrafer:
            if v.vagras:
                ut.append(f"§ {v.paragraf.nummer}: {v.vagras}")
            elif v.paragraf.titel is None and v.dnr is not None and v.finns is None:
                ut.append(
                    f"§ {v.paragraf.nummer}: titeln kunde inte läsas; ärendet får titeln "
                    f"'{paragraftitel(v.paragraf.nummer, self.namnd_i_registret or '', fynd.datum)}'."
                )
        return ut


def paragraftitel(nummer: int, namnd: str, datum: date | None) -> str:
    """The title of a § whose own could not be read: where it stands."""
    dag = f" {svenskt_datum(datum)}" if datum else ""
    return f"§ {nummer} i {genitiv(namnd) if namnd else 'nämndens'} protokoll{dag}"


@dataclass(frozen=True)
class Komplettering:
    """What the registrator gives or corrects; None keeps what was read. `utan_dnr` gives
    the ärende a new number even if the document had one."""

    namnd: str | None = None
    dnr: str | None = None
    utan_dnr: bool = False
    datum: date | None = None
    handlaggare: str | None = None
    titel: str | None = None
    forslag: tuple[str, ...] | None = None
    undertecknare: tuple[str, ...] | None = None


def forhandsgranska(
    uow: UnitOfWork,
    lasare: Textlasare,
    namn: str,
    innehall: bytes,
    storsta: int,
    *,
    idag: date | None = None,
    namnd: str | None = None,
) -> Forhandsvisning:
    """Read the file (refused in Swedish if it is empty, broken, of the wrong type, or not a
    tjänsteutlåtande, protokoll or verksamhetsplan). Writes nothing. For a protokoll of
    several §§, each § is looked up in the diarium as of `idag`: `namnd` (the registrator's,
    else the one read) gives the prefix of a number read without one."""
    granska_fil(InkommenFil(namn, innehall), storsta)
    lastext = lasare.las(namn, innehall)
    fynd = las_handling(lastext.text)
    with uow:
        alla = uow.grunddata.namnder()
        namnder = {namnnyckel(n.namn): n for n in alla}
        handlaggare = None
        if fynd.handlaggare:
            with contextlib.suppress(HittasInte):
                handlaggare = uow.grunddata.person(fynd.handlaggare).namn
        i_registret = namnder.get(namnnyckel(fynd.namnd)) if fynd.namnd else None
        vald = namnder.get(namnnyckel(namnd)) if namnd else i_registret
        paragrafer: tuple[Paragrafvisning, ...] = ()
        if fynd.flera_paragrafer:
            prefix = [n.diarieprefix for n in alla]
            paragrafer = tuple(
                _paragrafvisning(
                    uow, p, vald.diarieprefix if vald else None, prefix, idag or date.today()
                )
                for p in fynd.paragrafer
            )
    return Forhandsvisning(
        filnamn=namn,
        kalla=lastext.kalla,
        fynd=fynd,
        namnd_i_registret=i_registret.namn if i_registret else None,
        handlaggare_i_registret=handlaggare,
        text=lastext.text,
        paragrafer=paragrafer,
    )


def _paragrafvisning(
    uow: UnitOfWork, p: LastParagraf, prefix: str | None, egna: list[str], idag: date
) -> Paragrafvisning:
    """The § with its number checked as the import will check it (read-only)."""
    if p.dnr is None:
        return Paragrafvisning(p)
    if p.dnr.prefix is None and prefix is None:
        return Paragrafvisning(
            p, str(p.dnr), vagras="numret saknar prefix och nämnden är okänd: ange nämnden."
        )
    dnr = Diarienummer(p.dnr.prefix or prefix or "", p.dnr.ar, p.dnr.nummer)
    try:
        prova_aldre_dnr(dnr, idag=idag, diariets_prefix=egna)
    except OgiltigUppgift as fel:
        return Paragrafvisning(p, str(dnr), vagras=fel.meddelande)
    try:
        finns = uow.arenden.hamta(str(dnr), las=False)
    except HittasInte:
        return Paragrafvisning(p, str(dnr))
    return Paragrafvisning(p, str(dnr), finns=finns.titel)


def importkommando(
    visning: Forhandsvisning,
    komplettering: Komplettering,
    fil: InkommenFil,
    *,
    aktor: str,
    nyckel: str | None = None,
    flodeskorning: str | None = None,
    inloggning: Inloggning | None = None,
) -> ImporteraAldreHandling | ImporteraProtokoll:
    """The command that registers the document: what was read, with what the registrator
    gave in its place. Refused, naming every missing field, when a registration would lack
    one. A protokoll of several §§ becomes the one command that imports all of them."""
    fynd, k = visning.fynd, komplettering
    if fynd.flera_paragrafer:
        return _protokollkommando(
            visning,
            k,
            fil,
            aktor=aktor,
            nyckel=nyckel,
            flodeskorning=flodeskorning,
            inloggning=inloggning,
        )
    namnd = k.namnd or visning.namnd_i_registret
    datum = k.datum or fynd.datum
    titel = k.titel or fynd.titel
    handlaggare = k.handlaggare or visning.handlaggare_i_registret
    if handlaggare is None and "handlaggare" not in VANTADE[fynd.slag]:
        # A protokoll names no handläggare: the registrator who imports it stands as one.
        handlaggare = aktor
    saknas = [
        text
        for varde, text in (
            (namnd, "nämnden (--namnd)"),
            (datum, "datum (--datum ÅÅÅÅ-MM-DD)"),
            (titel, "titeln (--titel)"),
            (handlaggare, "en handläggare i registret (--handlaggare)"),
        )
        if not varde
    ]
    if saknas:
        raise OgiltigUppgift(
            "Handlingen kan inte registreras förrän detta är angivet: " + ", ".join(saknas) + "."
        )
    assert namnd and datum and titel and handlaggare
    dnr = None if k.utan_dnr else (k.dnr or (fynd.dnr.text if fynd.dnr else None))
    lasta: dict[str, Any] = {
        namn: fynd.varde(namn) for namn, _ in FALT if fynd.varde(namn) is not None
    }
    return ImporteraAldreHandling(
        aktor=aktor,
        nyckel=nyckel,
        flodeskorning=flodeskorning,
        inloggning=inloggning,
        namnd=namnd,
        slag=fynd.slag.value,
        titel=titel,
        datum=datum,
        handlaggare=handlaggare,
        fil=fil,
        dnr=dnr,
        forslag=k.forslag if k.forslag is not None else fynd.forslag,
        undertecknare=k.undertecknare if k.undertecknare is not None else fynd.undertecknare,
        lasta=lasta,
        kalla=visning.kalla,
    )


def _protokollkommando(
    visning: Forhandsvisning,
    k: Komplettering,
    fil: InkommenFil,
    *,
    aktor: str,
    nyckel: str | None,
    flodeskorning: str | None,
    inloggning: Inloggning | None,
) -> ImporteraProtokoll:
    """A protokoll of several §§: its §§ as read, the nämnd, the sammanträde's date and the
    handläggare of the ärenden (the registrator if none is given). What is read per § (dnr,
    title, beslut) is not given for the whole document."""
    fynd = visning.fynd
    andrat = [
        flagga
        for varde, flagga in (
            (k.dnr, "--dnr"),
            (k.utan_dnr, "--utan-dnr"),
            (k.titel, "--titel"),
            (k.forslag, "förslag till beslut"),
        )
        if varde
    ]
    if andrat:
        raise OgiltigUppgift(
            f"Protokollet har {len(fynd.paragrafer)} paragrafer som importeras var och en "
            "under sitt eget diarienummer och sin titel: " + ", ".join(andrat) + " gäller "
            "inte för ett sådant protokoll. Ange bara nämnd, datum och handläggare."
        )
    namnd = k.namnd or visning.namnd_i_registret
    datum = k.datum or fynd.datum
    saknas = [
        text
        for varde, text in ((namnd, "nämnden (--namnd)"), (datum, "datum (--datum ÅÅÅÅ-MM-DD)"))
        if not varde
    ]
    if saknas:
        raise OgiltigUppgift(
            "Protokollet kan inte registreras förrän detta är angivet: " + ", ".join(saknas) + "."
        )
    assert namnd and datum
    lasta: dict[str, Any] = {
        namn: fynd.varde(namn)
        for namn, _ in FALT
        if namn not in PER_PARAGRAF and fynd.varde(namn) is not None
    }
    return ImporteraProtokoll(
        aktor=aktor,
        nyckel=nyckel,
        flodeskorning=flodeskorning,
        inloggning=inloggning,
        namnd=namnd,
        datum=datum,
        handlaggare=k.handlaggare or aktor,
        fil=fil,
        paragrafer=tuple(
            ImporteradParagraf(
                nummer=p.nummer,
                titel=p.titel or paragraftitel(p.nummer, namnd, datum),
                dnr=p.dnr.text if p.dnr else None,
                beslut=p.beslut,
                text=p.text,
            )
            for p in fynd.paragrafer
        ),
        undertecknare=k.undertecknare if k.undertecknare is not None else fynd.undertecknare,
        lasta=lasta,
        kalla=visning.kalla,
    )


@dataclass
class Tabell:
    """The fields found and missed per document, as a Markdown table (the README's table,
    the test's artefact, the flow's preview)."""

    rader: list[tuple[str, Fynd | str]] = field(default_factory=list)

    def lagg_till(self, dokument: str, fynd: Fynd | str) -> None:
        """`fynd` is what was read, or the Swedish refusal when nothing could be."""
        self.rader.append((dokument, fynd))

    def markdown(self) -> str:
        rubriker = ["Dokument", "Slag", *(rubrik(n) for n, _ in FALT)]
        ut = [
            "| " + " | ".join(rubriker) + " |",
            "|" + "---|" * len(rubriker),
        ]
        for dokument, fynd in self.rader:
            if isinstance(fynd, str):
                ut.append(f"| {dokument} | avvisad: {fynd} |" + " |" * len(FALT))
                continue
            celler = [
                "–"
                if n not in VANTADE[fynd.slag]
                else ("✓" if fynd.varde(n) is not None else "**saknas**")
                for n, _ in FALT
            ]
            ut.append(f"| {dokument} | {fynd.slag.value} | " + " | ".join(celler) + " |")
        return "\n".join(ut)
