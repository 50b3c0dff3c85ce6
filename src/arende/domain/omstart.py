"""When a crashed flow run is started again by itself, and what the run then says.

A run whose process died is restarted (the state Scheduled, named ATERSTARTAS) unless it
crashed MAX_I_RAD times in a row without reaching a form: then a person looks at it. The
states are named by their kind as the workflow engine names them (CRASHED, PAUSED,
SCHEDULED); arende.adapters.kraschvakt reads them from Prefect and carries out the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from arende.domain.datum import STOCKHOLM

ATERSTARTAS = "Återstartas"
MAX_I_RAD = 3
# A crash is acted on once it is this old: Prefect's process worker (3.8.8) reports a killed
# run Crashed twice, a few seconds apart, and a restart between the two would be marked
# Crashed again.
LUGN = timedelta(seconds=10)
# What Prefect's server says when it fails a run whose pause deadline passed.
PAUSEN_GICK_UT = "The flow was paused and never resumed."
# A run with a process (running, or waiting warm in it) sends a heartbeat every interval;
# this many intervals of silence mean the process is gone with no one left to report it.
TYSTA_INTERVALL = 4


@dataclass(frozen=True)
class Tillstand:
    """One state of a run, as much of it as the watch needs."""

    typ: str
    namn: str
    tid: datetime
    meddelande: str = ""


def ar_krasch(tillstand: Tillstand) -> bool:
    """A run whose process is gone: reported Crashed, or (when no one was left to report
    it, the runner gone too) failed by the server when its warm wait's deadline passed,
    which a living process never lets happen (flows/vantan.py goes cold before)."""
    return tillstand.typ == "CRASHED" or (
        tillstand.typ == "FAILED" and tillstand.meddelande == PAUSEN_GICK_UT
    )


def ar_tyst(
    tillstand: Tillstand, senaste_hjartslag: datetime | None, nu: datetime, intervall: timedelta
) -> bool:
    """Whether a run that should have a process (RUNNING, or PAUSED warm: a Suspended run
    has none) has gone silent: no heartbeat, nor any state of its own, for TYSTA_INTERVALL
    intervals. Its process died together with whatever should have reported it (the
    worker, the machine), or hangs."""
    if tillstand.typ not in ("RUNNING", "PAUSED") or tillstand.namn == "Suspended":
        return False
    senast_hord = max(tillstand.tid, senaste_hjartslag or tillstand.tid)
    return nu - senast_hord > TYSTA_INTERVALL * intervall


def tysttext(sekunder: int) -> str:
    return (
        f"Körningens process slutade höras av (inga hjärtslag på {sekunder} sekunder): datorn "
        "eller arbetaren den kördes på försvann eller står still."
    )


@dataclass(frozen=True)
class Beslut:
    atgard: Literal["vanta", "starta_om", "ge_upp"]
    forsok: int = 0
    krasch: Tillstand | None = None


def prova(historik: Sequence[Tillstand], nu: datetime) -> Beslut:
    """What the watch does with a run, from its states: wait while it is not Crashed or
    crashed only just now; restart it; or give up after MAX_I_RAD restarts in a row with no
    form reached (PAUSED) and no other start (a Resume or a person's Retry) in between."""
    if not historik:
        return Beslut("vanta")
    ordnad = sorted(historik, key=lambda t: t.tid)
    senaste = ordnad[-1]
    if not ar_krasch(senaste) or nu - senaste.tid < LUGN:
        return Beslut("vanta")
    tidigare = 0
    for t in reversed(ordnad):
        if t.typ == "PAUSED" or (t.typ == "SCHEDULED" and t.namn != ATERSTARTAS):
            break
        if t.typ == "SCHEDULED":
            tidigare += 1
    if tidigare >= MAX_I_RAD:
        return Beslut("ge_upp", tidigare, senaste)
    return Beslut("starta_om", tidigare + 1, senaste)


def klockslag(tid: datetime) -> str:
    return tid.astimezone(STOCKHOLM).strftime("%H:%M:%S")


def omstartstext(krasch: Tillstand, forsok: int, nu: datetime) -> str:
    orsak = f" ({krasch.meddelande})" if krasch.meddelande else ""
    return (
        f"Körningen kraschade kl. {klockslag(krasch.tid)}{orsak} och startades om av sig "
        f"själv kl. {klockslag(nu)} (omstart {forsok} av högst {MAX_I_RAD}). Det som redan "
        "var gjort görs inte om: varje steg och svar läses från det som sparades."
    )


def uppgivettext(krasch: Tillstand, forsok: int) -> str:
    return (
        f"Körningen har kraschat {forsok + 1} gånger i rad utan att nå nästa formulär, "
        f"senast kl. {klockslag(krasch.tid)}, och startas inte om av sig själv. Se loggen; "
        "tryck Retry när orsaken är åtgärdad."
    )
