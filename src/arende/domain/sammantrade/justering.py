"""Justering and anslag: the signatures on the protokoll and the notice of its justering.

The ordförande and one or two justerare sign the protokoll within the justering time, all
of them the same version of it (its SHA-256). Paragrafer förklarade omedelbart justerade are
justerade at the meeting. The justering is posted on the anslagstavla, and the dates the
law hangs on the anslag (the appeal period, laga kraft) are computed from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from arende.domain.datum import svenskt_datum
from arende.domain.fel import OgiltigUppgift
from arende.domain.kalender import Helgdagskalender, lagstadgade_datum
from arende.domain.text import namnlista

# Ordföranden justerar alltid; nämnden utser en eller två justerare utöver henne.
MAX_JUSTERARE = 2
# The audit event of the justering: it names the justerat protokoll's files and sha256s
# (the Word file, the sealed PDF/A), which the registrator's `verifiera` checks. Here, not
# in the step that writes it, so the read views can name it without importing the steps.
PROTOKOLLET_JUSTERAT = "protokollet justerat"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Signaturroll(StrEnum):
    ORDFORANDE = "ordförande"
    JUSTERARE = "justerare"


@dataclass(frozen=True)
class Signatur:
    namn: str
    roll: Signaturroll
    tidpunkt: datetime  # always Europe/Stockholm
    protokoll_sha256: str


@dataclass(frozen=True)
class Anslag:
    """One notice on the anslagstavla, with the dates the law hangs on it.

    `anslag_senast` is kommunallagen 8 kap. 12 § (the second day after justering, moved off
    fridagar by lag 1930:173 2 §); an anslag after it is late but must still go up, and the
    appeal period runs from the actual day (kalender.lagstadgade_datum).
    """

    datum: date
    justeringsdatum: date
    paragrafer: tuple[int, ...]
    anslag_senast: date
    overklagande_slut: date
    laga_kraft: date

    @property
    def for_sent(self) -> bool:
        return self.datum > self.anslag_senast


@dataclass(frozen=True)
class OmedelbarJustering:
    paragraf: int
    dnr: str
    justeringsdatum: date


def kontrollera_sha256(varde: str, vad: str) -> str:
    rensat = varde.strip().lower()
    if not _SHA256.match(rensat):
        raise OgiltigUppgift(f"{vad} är ingen SHA-256-summa (64 hexadecimala tecken).")
    return rensat


def berakna_anslag(
    sammantrade: date,
    justering: date,
    datum: date,
    paragrafer: tuple[int, ...],
    kalender: Helgdagskalender,
) -> Anslag:
    lag = lagstadgade_datum(sammantrade, justering, datum, kalender)
    assert lag.anslag_senast and lag.overklagande_slut and lag.laga_kraft
    return Anslag(
        datum=datum,
        justeringsdatum=justering,
        paragrafer=paragrafer,
        anslag_senast=lag.anslag_senast,
        overklagande_slut=lag.overklagande_slut,
        laga_kraft=lag.laga_kraft,
    )


def text_val_av_justerare(justerare: tuple[str, ...], forsta: date, sista: date, plats: str) -> str:
    tid = (
        f"den {svenskt_datum(forsta)}"
        if forsta == sista
        else f"mellan den {svenskt_datum(forsta)} och den {svenskt_datum(sista)}"
    )
    return (
        f"Nämnden utser {namnlista(justerare)} att jämte ordföranden justera dagens protokoll. "
        f"Justeringen sker {tid}" + (f", {plats}" if plats else "") + "."
    )
