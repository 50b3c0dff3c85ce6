"""Swedish text as the documents write it."""

from __future__ import annotations

from decimal import Decimal


def uppraknad(namn: list[str]) -> str:
    """'A, B, C samt D', the way seed 000 lists the units."""
    if len(namn) <= 1:
        return "".join(namn)
    return ", ".join(namn[:-1]) + " samt " + namn[-1]


def genitiv(namn: str) -> str:
    """Swedish genitive: 'Socialtjänstnämnden' → 'Socialtjänstnämndens'; 'Hus' → 'Hus'."""
    return namn if namn[-1:].lower() in ("s", "x", "z") else namn + "s"


def stycken(text: str) -> list[str]:
    """Paragraphs of a free text: separated by blank lines; a single newline stays a line
    break inside its paragraph."""
    delar = [d.strip() for d in text.replace("\r\n", "\n").split("\n\n")]
    return [d for d in delar if d]


def antal(n: int, ett: str, flera: str) -> str:
    """'inga åtaganden', '1 åtagande', '16 nämndmål'."""
    if n == 0:
        return f"inga {flera}"
    return f"{n} {ett if n == 1 else flera}"


def mnkr(varde: Decimal) -> str:
    """A budget amount as Swedish text: '1 632,7', '−624,1' (a hard space between the
    thousands, the minus sign)."""
    tecken = "−" if varde < 0 else ""
    heltal, _, decimaler = f"{abs(varde):f}".partition(".")
    grupper = f"{int(heltal):,}".replace(",", "\u00a0")
    return f"{tecken}{grupper}{',' + decimaler if decimaler else ''}"
