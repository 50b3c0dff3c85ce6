"""Dates and times in Sweden: the one time zone every moment is read in, and dates and times
of day written the way Swedish documents write them."""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from arende.domain.fel import OgiltigUppgift

# DOMAIN.md: all times are Europe/Stockholm. A signature made at 00:30 Swedish time on the
# day after the last justeringsdag is late, even if its UTC timestamp is still the day before.
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def i_stockholm(tidpunkt: datetime) -> datetime:
    """The moment in Swedish time."""
    # A naive time is read as Swedish local time, as the people entering it mean it.
    if tidpunkt.tzinfo is None:
        return tidpunkt.replace(tzinfo=STOCKHOLM)
    return tidpunkt.astimezone(STOCKHOLM)


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


def svenskt_klockslag(t: time) -> str:
    """'18.00': Swedish documents write the hour and minutes with a point."""
    return f"{t:%H.%M}"


def klockan_text(t: time | None) -> str:
    """'kl. 18.00' as a kallelse or protokoll gives the time; empty when it is not known."""
    return f"kl. {svenskt_klockslag(t)}" if t else ""


_KLOCKSLAG = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")


def tolka_klockslag(varde: time | str, vad: str = "Klockslaget") -> time:
    """A time of day as written in a form, '18:00' or '18.00' (Swedish time), to the minute."""
    if isinstance(varde, time):
        return varde.replace(second=0, microsecond=0, tzinfo=None)
    text = str(varde).strip()
    if not text:
        raise OgiltigUppgift(f"{vad} saknas: skriv timmar och minuter, t.ex. 18:00.")
    traff = _KLOCKSLAG.fullmatch(text)
    if traff is None:
        raise OgiltigUppgift(
            f"{vad} '{varde}' är inget klockslag: skriv timmar och minuter, t.ex. 18:00."
        )
    return time(int(traff.group(1)), int(traff.group(2)))
