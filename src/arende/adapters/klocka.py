"""The system's clock: what day it is in Sweden (tests pass a fixed one)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

SVENSK_TID = ZoneInfo("Europe/Stockholm")


class Systemklocka:
    def idag(self) -> date:
        # The day in Sweden, whatever the server's own time zone: a notice posted at 00.30
        # Swedish time is posted that day.
        return datetime.now(SVENSK_TID).date()
