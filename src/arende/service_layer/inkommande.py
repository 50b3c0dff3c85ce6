"""What came in, made into the one command that registers it (RegistreraInkommande),
whichever way it came: the command line, the inbox folder or the e-mail receiver.

An e-mail is one registration: the e-mail itself (its .eml, exactly as it came) and each
attachment as a bilaga of it. Its step key is made from its Message-ID and a hash of its
content (the body, not the headers the mail servers add on the way), so the same e-mail
delivered twice finds its registration under the key and registers nothing more, while a
different message that happens to reuse a Message-ID is not taken for it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.service_layer.kommandon import InkommenFil, RegistreraInkommande
from arende.service_layer.ports import UnitOfWork

# A dnr anywhere in a text ('Re: Yttrande i SoN 2008/1'): the prefix must stand alone.
_DNR_I_TEXT = re.compile(
    r"(?<![\w.\-])(?P<prefix>[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö0-9.\-]{0,19}) (?P<ar>\d{4})/(?P<nr>\d{1,9})\b"
)


class UtanArende(OgiltigUppgift):
    """An e-mail that names no ärende: not wrong in itself (a citizen's letter, a new
    matter), only not for the receiver to place. It waits for the registrator, who
    registers it on an ärende or as a new one."""


@dataclass(frozen=True)
class Epost:
    """An e-mail as it came: who sent it (the From header), its subject, Message-ID, the
    whole message as received (`fil`), the hash of its content and its attachments."""

    avsandare: str
    amne: str
    message_id: str | None
    fil: InkommenFil
    innehallshash: str
    bilagor: list[InkommenFil] = field(default_factory=list)

    @property
    def nyckel(self) -> str:
        """Message-ID plus content hash: the same e-mail delivered twice has the same key."""
        grund = f"{self.message_id or ''}\n{self.innehallshash}"
        return f"epost:{hashlib.sha256(grund.encode()).hexdigest()[:40]}"


def dnr_i_text(text: str, prefix: Collection[str] = ()) -> Diarienummer | None:
    """The first diarienummer a subject line names ('Yttrande i SoN 2008/1'), if any. With
    the diarier's prefixes, only a number in one of them counts (in its own spelling), so
    'Yttrande 2008/1' in 'Re: Yttrande 2008/1 SoN 2008/1' is not taken for one."""
    kanda = {p.casefold(): p for p in prefix}
    for traff in _DNR_I_TEXT.finditer(text):
        forled = traff["prefix"]
        if kanda:
            if forled.casefold() not in kanda:
                continue
            forled = kanda[forled.casefold()]
        try:
            return Diarienummer(forled, int(traff["ar"]), int(traff["nr"]))
        except OgiltigUppgift:
            continue
    return None


def ladda_prefix(uow: UnitOfWork) -> list[str]:
    """The diarier's prefixes ('SoN', 'ÖSDN' ...), for finding a dnr in a subject line."""
    with uow:
        return [n.diarieprefix for n in uow.grunddata.namnder()]


def epostkommando(
    epost: Epost,
    *,
    aktor: str,
    inkom: date,
    kanal: str,
    dnr: Diarienummer | None = None,
    filnamn: str = "meddelande.eml",
    sekretess: str | None = None,
    prefix: Collection[str] = (),
) -> RegistreraInkommande:
    """The registration of an e-mail on the ärende its subject names (or `dnr`)."""
    if dnr is None:
        dnr = dnr_i_text(epost.amne, prefix)
    if dnr is None:
        raise UtanArende(
            f"E-postmeddelandet ('{epost.amne[:80]}') nämner inget diarienummer i ämnesraden, "
            "t.ex. 'SoN 2008/1', och knyts inte till ett ärende av sig självt."
        )
    return RegistreraInkommande(
        aktor=aktor,
        dnr=dnr,
        inkom=inkom,
        kanal=kanal,
        sekretess=sekretess,
        **epostens_uppgifter(epost, filnamn),
    )


def epostens_uppgifter(epost: Epost, filnamn: str = "meddelande.eml") -> dict[str, Any]:
    """What a registration of the e-mail says of it: its key, sender, subject and files."""
    return {
        "nyckel": epost.nyckel,
        "avsandare": epost.avsandare,
        # A subject longer than the register's title is cut, not refused: the sender chose
        # it, and the whole of it is in the registered .eml.
        "beskrivning": _kortad(epost.amne, AMNESLANGD) or "E-postmeddelande utan ämne",
        "filer": [replace(epost.fil, namn=filnamn), *epost.bilagor],
        "epost": True,
        "message_id": epost.message_id,
    }


AMNESLANGD = 250


def filnyckel(
    filer: list[InkommenFil], avsandare: str, beskrivning: str, inkom: date, sekretess: str | None
) -> str:
    """The key of a registration of files: their sha256 with what is said about them."""
    summa = hashlib.sha256()
    for fil in filer:
        summa.update(bytes.fromhex(fil.sha256))
    for uppgift in (avsandare, beskrivning, inkom.isoformat(), sekretess or ""):
        summa.update(b"\0" + uppgift.encode())
    return f"inkommen:{summa.hexdigest()[:40]}"


def _kortad(text: str, langd: int) -> str:
    return text if len(text) <= langd else text[: langd - 1] + "…"


def filkommando(
    filer: list[InkommenFil],
    *,
    aktor: str,
    dnr: Diarienummer,
    inkom: date,
    avsandare: str,
    beskrivning: str,
    kanal: str,
    sekretess: str | None = None,
) -> RegistreraInkommande:
    """The registration of a file (a letter's scan, a document), and any bilagor after it,
    on the ärende. The key is the files' sha256 with what is said about them: the same
    files taken in twice with the same particulars register once, while a registration
    refused for a particular (a date in the future, a provision mistyped) can be given
    again corrected: a refusal is kept under its key and would otherwise be repeated."""
    return RegistreraInkommande(
        aktor=aktor,
        nyckel=filnyckel(filer, avsandare, beskrivning, inkom, sekretess),
        dnr=dnr,
        inkom=inkom,
        avsandare=avsandare,
        beskrivning=beskrivning,
        filer=filer,
        kanal=kanal,
        sekretess=sekretess,
    )
