"""A sekretess marking with its grounds (OSL 5 kap. 5 §): the provision it rests on, the day
it was made and who made it.

The marking is a note to whoever is asked for the handling that it may hold secret
information; it is not itself the prövning, which is made when someone asks (TF 2 kap.). So
the marking must say *which* provision, and when it was made and by whom, so that it can be
weighed again later; a bare flag says none of that. Lifting a marking is an act of its own,
logged beside the marking: the history shows both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from arende.domain.fel import OgiltigUppgift

# Offentlighets- och sekretesslagen (2009:400) has 44 chapters.
OSL_KAPITEL = 44

# 'OSL 26 kap. 1 §', '26 kap. 1 § OSL', 'OSL 26:1', with an optional letter paragraph
# ('OSL 21 kap. 7 a §') and stycke/punkt after it ('första stycket').
_KAP_PARAGRAF = re.compile(
    r"^(?:OSL\s*)?(?P<kap>\d{1,2})\s*kap\.?\s*(?P<par>\d{1,3}(?:\s?[a-z])?)\s*§"
    r"(?P<rest>[^§]*?)(?:\s*,?\s*OSL)?$",
    re.IGNORECASE,
)
_KOLON = re.compile(r"^(?:OSL\s*)?(?P<kap>\d{1,2}):(?P<par>\d{1,3}(?:\s?[a-z])?)(?:\s*OSL)?$", re.I)
_REST = re.compile(r"^[\w ,.]{0,60}$")


def tolka_bestammelse(text: str) -> str:
    """The provision written the one way the register shows it: 'OSL 26 kap. 1 §'.

    A marking without a provision that can be read is refused: OSL 5 kap. 5 § asks for the
    provision, and a free text ('sekretess', 'känsligt') could not be weighed later."""
    rad = " ".join(text.split())
    traff = _KAP_PARAGRAF.match(rad) or _KOLON.match(rad)
    if traff is None:
        raise OgiltigUppgift(
            f"'{rad[:60]}' är ingen bestämmelse i offentlighets- och sekretesslagen. Skriv "
            "kapitel och paragraf, t.ex. 'OSL 26 kap. 1 §'."
        )
    kapitel = int(traff["kap"])
    if not 1 <= kapitel <= OSL_KAPITEL:
        raise OgiltigUppgift(
            f"Offentlighets- och sekretesslagen har kapitel 1–{OSL_KAPITEL}, inte {kapitel}."
        )
    paragraf = traff["par"].replace(" ", "")
    if paragraf[-1].isalpha():
        paragraf = f"{paragraf[:-1]} {paragraf[-1].lower()}"
    rest = (traff.groupdict().get("rest") or "").strip(" ,")
    if rest and not _REST.match(rest):
        raise OgiltigUppgift(
            f"'{rest[:60]}' efter paragrafen går inte att läsa: skriv stycke eller punkt, "
            "t.ex. 'OSL 26 kap. 1 § första stycket'."
        )
    return f"OSL {kapitel} kap. {paragraf} §" + (f" {rest}" if rest else "")


@dataclass(frozen=True)
class Sekretessmarkering:
    """The marking of a handling: which provision, which day, by whom (OSL 5 kap. 5 §), and,
    when only a part of it may be secret, which stycken (as `arende stycken` numbers them):
    the prövning then starts from masking those."""

    bestammelse: str
    datum: date
    av: str
    stycken: tuple[int, ...] = ()

    def __str__(self) -> str:
        delar = f", stycke {intervall(self.stycken)}" if self.stycken else ""
        return f"{self.bestammelse}{delar} ({self.datum.isoformat()}, {self.av})"


def intervall(nummer: tuple[int, ...]) -> str:
    """(2, 3, 4, 7) → '2–4, 7'."""
    delar: list[str] = []
    i = 0
    while i < len(nummer):
        j = i
        while j + 1 < len(nummer) and nummer[j + 1] == nummer[j] + 1:
            j += 1
        delar.append(str(nummer[i]) if i == j else f"{nummer[i]}–{nummer[j]}")
        i = j + 1
    return ", ".join(delar)
