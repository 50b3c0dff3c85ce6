"""Text a person typed: checked the same way everywhere it is stored, names compared the same
way everywhere they are looked up, and lists of names written as a Swedish sentence does."""

import unicodedata
from collections.abc import Sequence

from arende.domain.fel import OgiltigUppgift

MAX_TEXT = 20_000
MAX_NAMN = 200  # a name, a place or a dnr


def rensa(varde: str, vad: str, *, tom_tillaten: bool = False, max_langd: int = MAX_TEXT) -> str:
    """The text without surrounding blanks; refused (naming `vad`) when empty and it may not
    be, too long, or holding control characters that Word and the audit log cannot carry."""
    rensad = varde.strip()
    if not rensad and not tom_tillaten:
        raise OgiltigUppgift(f"{vad} saknas: fyll i det fältet.")
    if len(rensad) > max_langd:
        raise OgiltigUppgift(
            f"{vad} har {len(rensad)} tecken; det får vara högst {max_langd} tecken."
        )
    if any(unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in rensad):
        raise OgiltigUppgift(f"{vad} innehåller otillåtna styrtecken.")
    return rensad


def namnnyckel(text: str) -> str:
    """Names and dnr compare without regard to case or extra spaces."""
    return " ".join(text.split()).casefold()


def namnlista(namn: Sequence[str]) -> str:
    """'Anna, Bertil och Cecilia'."""
    if len(namn) <= 1:
        return "".join(namn)
    return ", ".join(namn[:-1]) + " och " + namn[-1]
