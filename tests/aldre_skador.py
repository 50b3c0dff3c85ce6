"""Deliberately damaged copies of the seed documents, the way OCR and old conversions
damage text: lines broken in the middle of sentences and words, words split by "- ",
ligatures, digits run together or read as letters, stray marks. Deterministic, so a test
that reads them asserts the same thing every time."""

from __future__ import annotations

import re
from collections.abc import Callable


def bryt_rader(text: str, bredd: int = 38) -> str:
    """Every line broken at `bredd` characters; a long word at the break is split with a
    hyphen at the line end ("tjänsteut-" / "låtande")."""
    ut: list[str] = []
    for rad in text.split("\n"):
        aktuell = ""
        for ord_ in rad.split(" "):
            if aktuell and len(aktuell) + 1 + len(ord_) > bredd:
                plats = bredd - len(aktuell) - 2
                if len(ord_) >= 10 and ord_.isalpha() and plats >= 4:
                    ut.append(f"{aktuell} {ord_[:plats]}-")
                    aktuell = ord_[plats:]
                    continue
                ut.append(aktuell)
                aktuell = ord_
            else:
                aktuell = f"{aktuell} {ord_}" if aktuell else ord_
        ut.append(aktuell)
    return "\n".join(ut)


def dela_ord(text: str) -> str:
    """Every word of twelve letters or more split in the middle by '- '."""
    return re.sub(
        r"\b[A-Za-zÅÄÖåäö]{12,}\b",
        lambda m: f"{m[0][: len(m[0]) // 2]}- {m[0][len(m[0]) // 2 :]}",
        text,
    )


def ligaturer(text: str) -> str:
    return text.replace("ffi", "\ufb03").replace("fi", "\ufb01").replace("fl", "\ufb02")


def siffror_ihop(text: str) -> str:
    """The slash of a dnr and the hyphens of a date lost: 2008/12 -> 200812,
    I.2-0660/2008 -> I.2-06602008, 2008-12-01 -> 20081201."""
    text = re.sub(r"(\d)/(\d)", r"\1\2", text)
    return re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", r"\1\2\3", text)


def siffror_som_bokstaver(text: str) -> str:
    """A zero in a year read as the letter O: 2008 -> 2OO8."""
    return re.sub(r"\b(19|20)(\d\d)\b", lambda m: (m[1] + m[2]).replace("0", "O"), text)


def strotecken(text: str) -> str:
    """Specks read as characters at the edges of every third line."""
    rader = text.split("\n")
    return "\n".join(f"| {r} ~" if i % 3 == 0 and r.strip() else r for i, r in enumerate(rader))


def alla(text: str) -> str:
    return strotecken(ligaturer(dela_ord(bryt_rader(siffror_som_bokstaver(siffror_ihop(text))))))


SKADOR: dict[str, Callable[[str], str]] = {
    "brutna rader": bryt_rader,
    "delade ord": dela_ord,
    "ligaturer": ligaturer,
    "siffror ihop": siffror_ihop,
    "siffror som bokstäver": siffror_som_bokstaver,
    "strötecken": strotecken,
    "allt på en gång": alla,
}
