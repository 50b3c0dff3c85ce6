"""iCalendar (.ics, RFC 5545) files from calendar entries, so Outlook shows the frister."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

from arende.domain.datum import STOCKHOLM
from arende.service_layer.kalenderexport import Kalender


def till_ics(kalender: Kalender, skapad: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//arende//Frister och sammanträden//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", kalender.namn)
    for post in kalender.poster:
        handelse = Event()
        handelse.add("uid", post.uid)
        handelse.add("dtstamp", skapad)
        if post.klockan is None:
            # All-day entries: a frist is a day, not a moment, in every time zone.
            handelse.add("dtstart", post.datum)
            handelse.add("dtend", post.datum + timedelta(days=1))
        else:
            # A sammanträde with a time begins then, Swedish time. Until it has been held
            # there is no end, and RFC 5545 reads a DTSTART without DTEND as ending then.
            handelse.add("dtstart", datetime.combine(post.datum, post.klockan, STOCKHOLM))
            if post.slut is not None:
                handelse.add("dtend", datetime.combine(post.datum, post.slut, STOCKHOLM))
        handelse.add("summary", post.rubrik)
        handelse.add("description", post.beskrivning)
        if post.plats:
            handelse.add("location", post.plats)
        handelse.add("categories", [post.kategori])
        # A deadline does not make you busy; a meeting does.
        handelse.add("transp", "TRANSPARENT" if post.kategori == "Frist" else "OPAQUE")
        cal.add_component(handelse)
    return bytes(cal.to_ical())
