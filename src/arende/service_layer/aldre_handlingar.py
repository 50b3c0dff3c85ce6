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
    granska_fil,
    las_handling,
    rubrik,
)
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.inloggning import Inloggning
from arende.domain.text import namnnyckel
from arende.service_layer.kommandon import ImporteraAldreHandling, InkommenFil
from arende.service_layer.ports import Textlasare, UnitOfWork

HITTAD = "hittad"
SAKNAS = "saknas"
EJ_TILLAMPLIGT = "–"
KALLOR = {"docx": "Word", "pdf": "PDF:ens text", "ocr": "OCR (skannad PDF)", "txt": "text"}


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

    def rader(self) -> list[tuple[str, str, str]]:
        """(field, hittad/saknas/–, value) for every field, in the registrator's order."""
        ut = [("Slag", HITTAD, self.fynd.slag.value)]
        for namn, rubrik_ in FALT:
            varde = self.fynd.varde(namn)
            if namn not in VANTADE[self.fynd.slag]:
                ut.append((rubrik_, EJ_TILLAMPLIGT, varde or ""))
            else:
                ut.append((rubrik_, HITTAD if varde else SAKNAS, varde or ""))
        return ut

    def anmarkningar(self) -> list[str]:
        """What the registrator must give before it can be registered, in Swedish."""
        fynd = self.fynd
        ut: list[str] = []
        if fynd.namnd is None:
            ut.append("Nämnden kunde inte läsas: ange den (--namnd).")
        elif self.namnd_i_registret is None:
            ut.append(
                f"Nämnden '{fynd.namnd}' finns inte i registret: ange vilken av registrets "
                "nämnder handlingen hör till (--namnd)."
            )
        if fynd.datum is None:
            ut.append("Handlingens datum kunde inte läsas: ange det (--datum ÅÅÅÅ-MM-DD).")
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
    uow: UnitOfWork, lasare: Textlasare, namn: str, innehall: bytes, storsta: int
) -> Forhandsvisning:
    """Read the file (refused in Swedish if it is empty, broken, of the wrong type, or not a
    tjänsteutlåtande, protokoll or verksamhetsplan). Writes nothing."""
    granska_fil(InkommenFil(namn, innehall), storsta)
    lastext = lasare.las(namn, innehall)
    fynd = las_handling(lastext.text)
    with uow:
        namnder = {namnnyckel(n.namn): n.namn for n in uow.grunddata.namnder()}
        handlaggare = None
        if fynd.handlaggare:
            with contextlib.suppress(HittasInte):
                handlaggare = uow.grunddata.person(fynd.handlaggare).namn
    return Forhandsvisning(
        filnamn=namn,
        kalla=lastext.kalla,
        fynd=fynd,
        namnd_i_registret=namnder.get(namnnyckel(fynd.namnd)) if fynd.namnd else None,
        handlaggare_i_registret=handlaggare,
        text=lastext.text,
    )


def importkommando(
    visning: Forhandsvisning,
    komplettering: Komplettering,
    fil: InkommenFil,
    *,
    aktor: str,
    nyckel: str | None = None,
    flodeskorning: str | None = None,
    inloggning: Inloggning | None = None,
) -> ImporteraAldreHandling:
    """The command that registers the document: what was read, with what the registrator
    gave in its place. Refused, naming every missing field, when a registration would lack
    one."""
    fynd, k = visning.fynd, komplettering
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
