"""Dates written the way Swedish documents write them."""

from datetime import date

MANADER = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def svenskt_datum(d: date) -> str:
    """'den 19 maj 2008' without 'den': callers add it where the sentence wants it."""
    return f"{d.day} {MANADER[d.month - 1]} {d.year}"


VECKODAGAR = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def veckodag(d: date) -> str:
    """'tisdag'; a kallelse writes 'tisdagen den 13 maj 2008'."""
    return VECKODAGAR[d.weekday()]
