"""The crash watch: a flow run whose process died (killed, out of memory, the machine
restarted under it) is started again by itself, a bounded number of times.

Prefect marks such a run *Crashed* and leaves it there until someone presses Retry. Every
flow here is safe to replay (each step is taken once, each answer read back from where
it was stored), so the watch does what Retry does: it sets the run Scheduled, named
"Återstartas", and the runner or a worker picks it up and replays it to where it was. It
says so on the run (an artifact, and the next form's text, flows/fraga.py) and in the
run's log. A run that crashes again and again without reaching a form is left after
three restarts in a row, marked Failed with a Swedish message, for a person to look at.
The rule is the domain's (arende.domain.omstart); this module reads and writes Prefect.

The scheduler (arende.entrypoints.schemalaggare) runs the watch while it holds its lock,
so one process in the kommun does it.

A run whose process died together with its worker or machine is never reported Crashed:
nobody is left to see it die, and it would stay Running (or Paused, warm) for good. Every
flow-run process sends Prefect a heartbeat event (PREFECT_FLOWS_HEARTBEAT_FREQUENCY seconds
apart, also while it waits warm), and the watch marks a run Crashed when it has been silent
for four intervals (the rule: domain.omstart.ar_tyst), then restarts it like any other.
(Prefect's guide does this with an automation on the heartbeats; on this server's
in-process event triggers the automation did not fire for a frozen run within five
minutes, where this check, one question per silent-looking run, does.)
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from arende.adapters.prefect_api import tjanstens_klient
from arende.domain.omstart import (
    ATERSTARTAS,
    TYSTA_INTERVALL,
    Beslut,
    Tillstand,
    ar_tyst,
    omstartstext,
    prova,
    tysttext,
    uppgivettext,
)

logger = logging.getLogger("arende.kraschvakt")

INTERVALL = timedelta(seconds=5)
# Crashes older than this are history, not work: a restart of the watch after a long
# stop does not wake runs that crashed last month.
HORISONT = timedelta(days=2)


# How often the watch looks for silent runs: a question per candidate run to the events.
TYSTNADSINTERVALL = timedelta(seconds=30)


def hjartslagsintervall() -> timedelta:
    """Between a flow run's heartbeats, as Prefect reads the setting (default 180 s); the
    scheduler and the runs must have the same."""
    return timedelta(seconds=int(os.environ.get("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "180")))


class Kraschvakt:
    """Looks for crashed runs on Prefect's server every INTERVALL and acts on each."""

    def __init__(self, api_url: str, klocka: Callable[[], datetime] | None = None) -> None:
        self.api_url = api_url
        self.klocka = klocka or (lambda: datetime.now(UTC))

    def en_runda(self) -> dict[str, Beslut]:
        """One look: the decision for each recently crashed run (by id), carried out."""
        nu = self.klocka()
        utfall: dict[str, Beslut] = {}
        with tjanstens_klient(self.api_url) as klient:
            for korning in self._kraschade(klient, nu):
                beslut = prova(self._historik(klient, korning["id"]), nu)
                if beslut.atgard == "starta_om":
                    self._starta_om(klient, korning, beslut, nu)
                elif beslut.atgard == "ge_upp":
                    self._ge_upp(klient, korning, beslut)
                utfall[korning["id"]] = beslut
        return utfall

    def vakta(self, stopp: threading.Event) -> None:
        """Rounds until `stopp` is set; a round that fails (the server away) is logged and
        the next one tries again. Every TYSTNADSINTERVALL a round first looks for silent
        runs."""
        nasta_tystnad = self.klocka()
        while not stopp.wait(INTERVALL.total_seconds()):
            try:
                if self.klocka() >= nasta_tystnad:
                    self.markera_tysta()
                    nasta_tystnad = self.klocka() + TYSTNADSINTERVALL
                self.en_runda()
            except httpx.HTTPError as fel:
                logger.warning("Kraschvakten nådde inte Prefect: %s", fel)

    def markera_tysta(self) -> list[str]:
        """Mark Crashed each run whose process went silent (domain.omstart.ar_tyst): no one
        else will, as whatever should have reported its death died with it. The next rounds
        restart it like any crashed run. Returns the runs' ids."""
        nu, intervall = self.klocka(), hjartslagsintervall()
        tysta = []
        with tjanstens_klient(self.api_url) as klient:
            for korning in self._med_process(klient):
                tillstand = _tillstand(korning["state"])
                if not ar_tyst(tillstand, None, nu, intervall):
                    continue  # heard from lately by its own state: no need to ask
                if ar_tyst(
                    tillstand, self._senaste_hjartslag(klient, korning["id"]), nu, intervall
                ):
                    text = tysttext(int((TYSTA_INTERVALL * intervall).total_seconds()))
                    klient.post(
                        f"/flow_runs/{korning['id']}/set_state",
                        json={"state": {"type": "CRASHED", "message": text}, "force": True},
                    ).raise_for_status()
                    logger.warning("%s: %s", korning.get("name"), text)
                    tysta.append(korning["id"])
        return tysta

    def _med_process(self, klient: httpx.Client) -> list[dict[str, Any]]:
        svar = klient.post(
            "/flow_runs/filter",
            json={
                "flow_runs": {
                    "state": {"type": {"any_": ["RUNNING", "PAUSED"]}},
                    "deployment_id": {"is_null_": False},
                },
                "limit": 200,
            },
        )
        svar.raise_for_status()
        return list(svar.json())

    def _senaste_hjartslag(self, klient: httpx.Client, korning: str) -> datetime | None:
        svar = klient.post(
            "/events/filter",
            json={
                "filter": {
                    "occurred": {"since": (self.klocka() - HORISONT).isoformat()},
                    "event": {"name": ["prefect.flow-run.heartbeat"]},
                    "resource": {"id": [f"prefect.flow-run.{korning}"]},
                    "order": "DESC",
                },
                "limit": 1,
            },
        )
        svar.raise_for_status()
        handelser = svar.json().get("events") or []
        return datetime.fromisoformat(handelser[0]["occurred"]) if handelser else None

    def _kraschade(self, klient: httpx.Client, nu: datetime) -> list[dict[str, Any]]:
        svar = klient.post(
            "/flow_runs/filter",
            json={
                "flow_runs": {
                    "state": {"type": {"any_": ["CRASHED", "FAILED"]}},
                    "end_time": {"after_": (nu - HORISONT).isoformat()},
                    "deployment_id": {"is_null_": False},
                },
                "limit": 200,
            },
        )
        svar.raise_for_status()
        return list(svar.json())

    def _historik(self, klient: httpx.Client, korning: str) -> list[Tillstand]:
        svar = klient.get("/flow_run_states/", params={"flow_run_id": korning})
        svar.raise_for_status()
        return [_tillstand(t) for t in svar.json()]

    def _starta_om(
        self, klient: httpx.Client, korning: dict[str, Any], beslut: Beslut, nu: datetime
    ) -> None:
        assert beslut.krasch is not None
        text = omstartstext(beslut.krasch, beslut.forsok, nu)
        svar = klient.post(
            f"/flow_runs/{korning['id']}/set_state",
            json={
                "state": {"type": "SCHEDULED", "name": ATERSTARTAS, "message": text},
                "force": True,
            },
        )
        svar.raise_for_status()
        logger.info("%s: %s", korning.get("name"), text)
        self._beratta(klient, korning["id"], f"omstart-{beslut.forsok}", text)

    def _ge_upp(self, klient: httpx.Client, korning: dict[str, Any], beslut: Beslut) -> None:
        assert beslut.krasch is not None
        text = uppgivettext(beslut.krasch, beslut.forsok)
        # Failed, not left Crashed: the watch looks only at Crashed runs, so it says this
        # once; a person's Retry later starts the count anew.
        svar = klient.post(
            f"/flow_runs/{korning['id']}/set_state",
            json={"state": {"type": "FAILED", "message": text}, "force": True},
        )
        svar.raise_for_status()
        logger.warning("%s: %s", korning.get("name"), text)
        self._beratta(klient, korning["id"], "omstart-uppgiven", text)

    def _beratta(self, klient: httpx.Client, korning: str, nyckel: str, text: str) -> None:
        """On the run's page (Artifacts) and in its log, where the handläggare looks."""
        klient.post(
            "/artifacts/",
            json={
                "key": nyckel,
                "type": "markdown",
                "data": f"**{text}**",
                "description": "Kraschvakten",
                "flow_run_id": korning,
            },
        ).raise_for_status()
        klient.post(
            "/logs/",
            json=[
                {
                    "name": "arende.kraschvakt",
                    "level": logging.WARNING,
                    "message": text,
                    "timestamp": self.klocka().isoformat(),
                    "flow_run_id": korning,
                }
            ],
        ).raise_for_status()


def _tillstand(t: dict[str, Any]) -> Tillstand:
    return Tillstand(
        typ=t["type"],
        namn=t.get("name") or "",
        tid=datetime.fromisoformat(t["timestamp"]),
        meddelande=(t.get("message") or "").strip(),
    )
