"""The .ics export per handläggare and per nämnd: every frist and sammanträde, parsed back
with the icalendar package the way a calendar program reads it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from arende.adapters.ical import till_ics
from arende.bootstrap import Arendesystem
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.entrypoints.cli import app
from arende.service_layer.kalenderexport import kalender
from tests.integration.test_arendeflode_i_databasen import registrera
from tests.integration.test_paminnelser import driv

SKAPAD = datetime(2008, 4, 14, 9, 0, tzinfo=UTC)


def dag(e: Any) -> date:
    """The day an entry falls on: a frist is a date, a sammanträde with a time a datetime."""
    start = e.decoded("dtstart")
    return start.date() if isinstance(start, datetime) else start


def handelser(ics: bytes) -> dict[str, tuple[date, str]]:
    cal = Calendar.from_ical(ics)
    return {str(e["uid"]): (dag(e), str(e["summary"])) for e in cal.walk("VEVENT")}


@pytest.fixture
def seed000(system: Arendesystem) -> str:
    """Seed 000's ärende taken to its end; the runner kept its frister with every step."""
    dnr = registrera(system, registreringsdatum=date(2008, 4, 14))
    driv(system, dnr)
    return dnr


def test_handlaggarens_kalender(system: Arendesystem, seed000: str) -> None:
    ics = till_ics(kalender(system.uow(), handlaggare="lena murray"), SKAPAD)
    h = handelser(ics)
    sammanfattningar = {v for v in h.values()}
    assert (date(2008, 5, 19), "Sista dag för nominering: SoN 2008/1 (klar)") in sammanfattningar
    assert (date(2008, 5, 13), "Justering: SoN 2008/1 (klar)") in sammanfattningar
    assert (date(2008, 5, 15), "Anslag av justeringen: SoN 2008/1 (klar)") in sammanfattningar
    assert (date(2008, 6, 4), "Överklagandetiden löper ut: SoN 2008/1") in sammanfattningar
    assert (date(2008, 6, 5), "Laga kraft: SoN 2008/1") in sammanfattningar
    assert (date(2008, 5, 13), "Sammanträde: Socialtjänstnämnden") in sammanfattningar
    assert (date(2026, 5, 19), "Sammanträde: Socialtjänstnämnden") in sammanfattningar
    cal = Calendar.from_ical(ics)
    assert str(cal["x-wr-calname"]) == "Frister och sammanträden – Lena Murray"

    def mote(dag_: date) -> Any:
        return next(
            e
            for e in cal.walk("VEVENT")
            if dag(e) == dag_ and str(e["summary"]).startswith("Sammanträde")
        )

    planerat = mote(date(2026, 5, 19))
    assert "Swedenborgsgatan 20" in str(planerat["location"])
    # The plan says the meetings begin at 18.00: a timed entry in Swedish time (summer time
    # in May, so 16.00 UTC), which makes the calendar's owner busy; a frist is a whole day.
    # A meeting not yet held has a start and no end.
    borjan = planerat.decoded("dtstart")
    assert borjan == datetime(2026, 5, 19, 18, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert borjan.astimezone(UTC) == datetime(2026, 5, 19, 16, 0, tzinfo=UTC)
    assert "dtend" not in planerat and str(planerat["transp"]) == "OPAQUE"
    # The meeting of 13 May 2008 was held from 18.00 to 19.30, as its protokoll says.
    hallet = mote(date(2008, 5, 13))
    assert "Swedenborgsgatan 20" in str(hallet["location"])
    assert hallet.decoded("dtstart") == datetime(
        2008, 5, 13, 18, 0, tzinfo=ZoneInfo("Europe/Stockholm")
    )
    assert hallet.decoded("dtend") == datetime(
        2008, 5, 13, 19, 30, tzinfo=ZoneInfo("Europe/Stockholm")
    )
    assert str(hallet["transp"]) == "OPAQUE"
    frist = next(e for e in cal.walk("VEVENT") if str(e["summary"]).startswith("Laga kraft"))
    assert frist.decoded("dtstart") == date(2008, 6, 5)
    assert frist.decoded("dtend") == date(2008, 6, 6) and str(frist["transp"]) == "TRANSPARENT"
    # A rerun gives the same UIDs, so Outlook updates instead of doubling.
    assert handelser(till_ics(kalender(system.uow(), handlaggare="Lena Murray"), SKAPAD)) == h


def test_namndens_kalender_och_kommandot(
    system: Arendesystem, seed000: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARENDE_DATABASE_URL", system.motor.url.render_as_string(False))
    ut = tmp_path / "son.ics"
    svar = CliRunner().invoke(app, ["kalender", "--namnd", "Socialtjänstnämnden", "--ut", str(ut)])
    assert svar.exit_code == 0, svar.output
    assert "Skrev" in svar.output
    h = handelser(ut.read_bytes())
    assert sum(1 for _, s in h.values() if s.startswith("Sammanträde")) == 33
    assert sum(1 for _, s in h.values() if "SoN 2008/1" in s) == 5
    fel = CliRunner().invoke(app, ["kalender", "--handlaggare", "Ingen Alls", "--ut", str(ut)])
    assert fel.exit_code == 2 and "Okänd person" in fel.output


def test_antingen_handlaggare_eller_namnd(system: Arendesystem) -> None:
    with pytest.raises(OgiltigUppgift, match="antingen en handläggare eller en nämnd"):
        kalender(system.uow())
    with pytest.raises(HittasInte):
        kalender(system.uow(), namnd="Ingen nämnd")
