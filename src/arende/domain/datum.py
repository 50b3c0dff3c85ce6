"""Dates and times in Sweden: the one time zone every moment is read in, and dates and times
of day written the way Swedish documents write them."""

import re
from datetime import date, datetime, time
from decimal import Decimal
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


def kontrollera_datum(varde: object, vad: str = "Dagen") -> date:
    """`varde` if it is a day (a `date`), else an OgiltigUppgift naming what was given.

    A `datetime` is refused although Python makes it a subclass of `date`: it is a moment,
    not a day. Its time of day (and zone) would ride along into date arithmetic unseen, and
    it never equals the plain date of the same day, so a lookup among holidays or deadlines
    silently misses it. The caller must say which day it means (`.date()` in its own zone).
    A text such as '2008-05-13' is refused too: reading forms is the caller's business, and
    a calendar that guessed would hide the caller's mistake.
    """
    # First: isinstance(varde, date) is true for a datetime too. Refused, not truncated to
    # its date: which day a moment falls on depends on the zone, and that is for the caller.
    if isinstance(varde, datetime):
        raise OgiltigUppgift(
            f"{vad} ska vara ett datum (ÅÅÅÅ-MM-DD), inte tidpunkten "
            f"{varde.isoformat(sep=' ', timespec='minutes')}: en tidpunkt är ett ögonblick, "
            f"inte en dag. Ange dagen utan klockslag ({varde.date().isoformat()})."
        )
    if isinstance(varde, date):
        return varde
    if varde is None:
        raise OgiltigUppgift(f"{vad} saknas: ange ett datum (ÅÅÅÅ-MM-DD).")
    raise OgiltigUppgift(f"{vad} ska vara ett datum (ÅÅÅÅ-MM-DD), inte {beskriv_varde(varde)}.")


def beskriv_varde(varde: object) -> str:
    """What was given, for an error message: "texten '13/5'", "talet 20080513"."""
    if varde is None:
        return "ett tomt värde"
    if isinstance(varde, str):
        text = varde if len(varde) <= 40 else varde[:40] + "…"
        return f"texten '{text}'" if text.strip() else "en tom text"
    if isinstance(varde, bool):
        return f"sanningsvärdet {'sant' if varde else 'falskt'}"
    if isinstance(varde, int | float | Decimal):
        return f"talet {varde}"
    text = repr(varde)
    return f"värdet {text if len(text) <= 40 else text[:40] + '…'} ({type(varde).__name__})"


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
