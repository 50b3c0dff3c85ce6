"""Shared by the tests in tests/prod: the ärende system on the profile's database, table
locks that stop a process at a known point, killing a flow run's process and restarting it
as an operator's Retry does, and answering the forms of a nomination's runs as the demo does:
the ärende's own run (arende/nominering: samverkan, fastställande), the nämnd's sammanträde
(sammantrade/sammantrade: öppna, beslut, signaturer, anslag) and the expediering run.

The sammanträde is one per nämnd and date in a database, and the tests share the profile's
database: each test that holds a sammanträde takes a date of its own from the 2008 plan
(MOTEN), and seed 000's dates are moved with it (exempel_for).

A crash is made deterministic without any hook in the code: the test holds a lock on a table
that the process must write (or, in ACCESS EXCLUSIVE mode, read) next, sees the process wait
for it in pg_locks, and kills it there. A killed client's transaction is never committed:
PostgreSQL rolls it back when it notices the closed connection. Every step is one
transaction of the runner, frister included, so a process stopped inside a step has
committed nothing of it; to stop one right after a step committed, two locks hand over at
the commit (stoppad_efter_steget).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
from prefect.client.schemas.sorting import LogSort
from prefect.input import RunInput
from prefect.states import Scheduled
from pydantic import BaseModel
from sqlalchemy.engine import make_url

from arende.adapters.arkiv import Filarkiv
from arende.bootstrap import Arendesystem, starta
from arende.domain.skeden import Skede
from arende.service_layer import visningar
from deployments import svarare
from deployments.demo import NOMINERING, SAMMANTRADE, TOMT_BESLUT, expedieringens_korning
from deployments.up_prod import Produktion
from flows.formular import AnslagSvar, ExpedieringSvar, FaststallSvar, SamverkanSvar
from flows.sammantrade import (
    AvslutaSvar,
    SigneraSvar,
    beslutsformular,
    justeringssvar,
    oppningsformular,
)
from flows.tavlingsbidrag import slug
from flows.typformular import stegmodell
from tests.seed000 import exempel

Profil = tuple[Produktion, str, Path]


def system_for(profil: Profil) -> Arendesystem:
    _, url, arkiv = profil
    system = starta(url)
    system.arkiv = Filarkiv(arkiv)
    return system


def dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def tabell_last(
    url: str, tabell: str, lage: str = "EXCLUSIVE"
) -> Iterator[psycopg.Connection[Any]]:
    """Hold a lock on `tabell` until the block ends. EXCLUSIVE lets reads through and stops
    the first write (and SELECT ... FOR UPDATE); ACCESS EXCLUSIVE stops reads too."""
    assert lage in ("EXCLUSIVE", "ACCESS EXCLUSIVE")
    with psycopg.connect(dsn(url)) as anslutning:
        anslutning.execute(f"LOCK TABLE {tabell} IN {lage} MODE")
        try:
            yield anslutning
        finally:
            anslutning.rollback()


@contextmanager
def frister_lasta(url: str) -> Iterator[psycopg.Connection[Any]]:
    """The runner recomputes the ärende's frister last in every step's transaction, just
    before it commits: a lock on `frist` stops the flow run's process inside its step, with
    the rest of the step done and nothing of it committed."""
    with tabell_last(url, "frist") as anslutning:
        yield anslutning


class _LasITur:
    """A connection, in a thread of its own, that asks for `tabell` in ACCESS EXCLUSIVE
    mode and holds it once granted, until `slapp`."""

    def __init__(self, url: str, tabell: str) -> None:
        self.url, self.tabell = url, tabell
        self.pid: int | None = None
        self.beviljad, self._slapp = threading.Event(), threading.Event()
        self.fel: BaseException | None = None
        self._trad = threading.Thread(target=self._hall, daemon=True)

    def _hall(self) -> None:
        try:
            with psycopg.connect(dsn(self.url)) as anslutning:
                self.pid = anslutning.info.backend_pid
                anslutning.execute(f"LOCK TABLE {self.tabell} IN ACCESS EXCLUSIVE MODE")
                self.beviljad.set()
                self._slapp.wait()
                anslutning.rollback()
        except BaseException as fel:  # noqa: BLE001 - handed to the test's thread
            self.fel = fel
            self.beviljad.set()

    def starta(self, tidsgrans: float = 60) -> None:
        """Until the request waits (for a transaction holding the table)."""
        self._trad.start()
        slut = time.monotonic() + tidsgrans
        while time.monotonic() < slut:
            if self.beviljad.is_set():
                raise AssertionError(
                    self.fel or f"{self.tabell} låstes genast: inget steg höll tabellen"
                )
            if self.pid is not None and self.pid in vantande(self.url, self.tabell):
                return
            time.sleep(0.05)
        raise TimeoutError(f"Låset på {self.tabell} begärdes inte inom {tidsgrans} s")

    def vanta(self, tidsgrans: float = 60) -> None:
        if not self.beviljad.wait(tidsgrans) or self.fel is not None:
            raise TimeoutError(self.fel or f"Låset på {self.tabell} beviljades inte")

    def slapp(self) -> None:
        self._slapp.set()
        self._trad.join(timeout=30)


@contextmanager
def stoppad_efter_steget(url: str, gor: Callable[[], Any]) -> Iterator[list[int]]:
    """Do `gor` (start a run, answer its form); the block runs once the run's step has
    committed and its process waits at its next read of an ärende (the flow's next step, or
    the reaction to a beslut): between "the step is recorded" and "the flow moved on".
    Yields the waiting backends.

    Two locks hand over at the commit. The lock on `frist` stops the step inside its
    transaction, which by then has written the ärende's row and so holds the `arende`
    table. A second connection asks for that table in ACCESS EXCLUSIVE mode and waits for
    the step's transaction. The frister are let go, the step commits, and the second lock is
    granted in that moment, before the process can read an ärende again."""
    sparr = _LasITur(url, "arende")
    try:
        with frister_lasta(url):
            gor()
            vanta_pa_lasvantan(url, "frist")
            sparr.starta()
        sparr.vanta()
        yield vanta_pa_lasvantan(url, "arende")
    finally:
        sparr.slapp()


def vantande(url: str, tabell: str | None = None) -> list[int]:
    """The backends (server pids) of this database waiting for a lock: on the table
    `tabell`, or (None) on anything, e.g. a row another transaction holds. pg_locks shows
    the whole cluster, and another database may have a table of the same name (the other
    tests' database): only our database's sessions count."""
    villkor = "c.relname = %s" if tabell else "%s::text IS NULL"
    with psycopg.connect(dsn(url), autocommit=True) as a:
        rader = a.execute(
            "SELECT DISTINCT l.pid FROM pg_locks l "
            "JOIN pg_stat_activity s ON s.pid = l.pid AND s.datname = current_database() "
            "LEFT JOIN pg_class c ON c.oid = l.relation "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            f"WHERE NOT l.granted AND {villkor}",
            (tabell,),
        ).fetchall()
    return [int(r[0]) for r in rader]


def vanta_pa_lasvantan(
    url: str, tabell: str | None = "frist", antal: int = 1, tidsgrans: float = 180
) -> list[int]:
    """Until `antal` other sessions wait for our lock on `tabell` (None: for any lock);
    returns their pids."""
    slut = time.monotonic() + tidsgrans
    while time.monotonic() < slut:
        if len(pids := vantande(url, tabell)) >= antal:
            return pids
        time.sleep(0.05)
    raise TimeoutError(f"{antal} sessioner väntade inte på {tabell or 'lås'} inom {tidsgrans} s")


def processens_pid(korning: UUID) -> int:
    """The pid of the process that runs the flow run (the worker's child)."""
    return int(str(svarare.las(korning).infrastructure_pid).rsplit(":", 1)[-1])


def doda(korning: UUID) -> int:
    """SIGKILL the process that runs the flow run."""
    pid = processens_pid(korning)
    os.kill(pid, signal.SIGKILL)
    return pid


_tidigare_krascher: dict[UUID, int] = {}


def vanta_pa_krasch(korning: UUID, tidsgrans: float = 120) -> None:
    """Until the run is Crashed and both of the worker's reports are in. Prefect 3.8.8's
    process worker reports a killed run twice (its runner when the process exits, then the
    submission a few seconds later); a restart between the two would be marked Crashed
    again by the second, so both are awaited (or 20 s after the first)."""
    slut = time.monotonic() + tidsgrans
    forsta: float | None = None
    with get_client(sync_client=True) as klient:
        while time.monotonic() < slut:
            tillstand = klient.read_flow_run(korning).state
            if tillstand is not None and tillstand.is_crashed():
                forsta = forsta or time.monotonic()
                kraschade = [s for s in klient.read_flow_run_states(korning) if s.is_crashed()]
                if len(kraschade) - _tidigare_krascher.get(korning, 0) >= 2 or (
                    time.monotonic() - forsta > 20
                ):
                    _tidigare_krascher[korning] = len(kraschade)
                    return
            time.sleep(0.3)
    raise TimeoutError(f"Körningen {korning} markerades inte som kraschad")


def starta_om(korning: UUID) -> None:
    """What an operator's Retry does: the crashed run is scheduled again for the workers."""
    with get_client(sync_client=True) as klient:
        klient.set_flow_run_state(korning, Scheduled(), force=True)


def krascha_efter_steg(url: str, korning: UUID, gor: Callable[[], Any]) -> None:
    """Do `gor` (start or answer); kill the run's process once its step has committed,
    before the flow moved on (stoppad_efter_steget); restart it."""
    with stoppad_efter_steget(url, gor):
        doda(korning)
    vanta_pa_krasch(korning)
    starta_om(korning)


def vanta_pa_formular(korning: UUID, tidsgrans: float = 300, intervall: float = 0.5) -> str | None:
    """svarare.vanta_pa_formular, polling at `intervall`: many runs waited for at once at
    0.5 s each would keep the Prefect server busy answering us, on 2 cores."""
    return svarare.vanta_pa_formular(korning, tidsgrans, intervall)


# -- seed 000 on a sammanträde of the test's own ----------------------------------------------

SEED_MOTE = date(2008, 5, 13)
# Socialtjänstnämnden's 2008 sammanträden before the award's sista dag (19 May), one per test
# that holds a sammanträde (the tests share the profile's database).
MOTEN = {
    "krasch": date(2008, 1, 22),
    "dokument": date(2008, 2, 19),
    "tva_processer": date(2008, 3, 18),
    "utmattning": date(2008, 4, 22),
}


def _flytta(varde: Any, dagar: timedelta) -> Any:
    if isinstance(varde, dict):
        return {k: _flytta(v, dagar) for k, v in varde.items()}
    if isinstance(varde, list):
        return [_flytta(v, dagar) for v in varde]
    if isinstance(varde, str) and len(varde) >= 10 and varde[4:5] == "-" and varde[7:8] == "-":
        try:
            if len(varde) == 10:
                return (date.fromisoformat(varde) + dagar).isoformat()
            return (datetime.fromisoformat(varde) + dagar).isoformat()
        except ValueError:
            return varde
    return varde


def exempel_for(mote: date) -> dict[str, Any]:
    """Seed 000's example with every date moved by whole weeks so that its sammanträde is
    `mote` (a Tuesday of the plan, as 13 May 2008 is): the same weekdays, the same spacing."""
    dagar = mote - SEED_MOTE
    assert dagar.days % 7 == 0, mote
    return dict(_flytta(exempel(), dagar))


def starta_nominering(data: dict[str, Any]) -> UUID:
    """Started by the example's handläggare, signed in."""
    return svarare.starta(
        NOMINERING,
        {"arendetyp_namn": "nominering", "uppgifter": data["uppgifter"]},
        som=data["som"]["start"],
    )


def starta_sammantrade(data: dict[str, Any]) -> UUID:
    """Started by the example's nämndsekreterare, signed in: she keeps the protokoll."""
    m = data["sammantrade"]
    return svarare.starta(
        SAMMANTRADE,
        {
            "namnd": data["uppgifter"]["namnd"],
            "datum": data["uppgifter"]["sammantrade"],
            "kallelsedatum": m.get("kallelsedatum"),
            "protokolldatum": m.get("protokolldatum"),
        },
        som=m["namndsekreterare"],
    )


def som_for(nyckel: str, data: dict[str, Any]) -> str:
    """Who answers the form `nyckel`, signed in, as the example says: the ärende's steps by
    its `som`, each signature by its signer, the sammanträde's other forms by the
    nämndsekreterare."""
    steget = nyckel.rsplit("-", 1)[0]
    steg = steget.split("-")[0]
    if steg in ("samverkan", "faststall", "expediering"):
        return str(data["som"][steg])
    m = data["sammantrade"]
    if steg == "justering":
        return str(next(n for n in m["signaturer"] if slug(n) == steget.removeprefix("justering-")))
    return str(m["namndsekreterare"])


def stegmodell_for(system: Arendesystem, steg: str) -> type[BaseModel]:
    """The nomination run's form for samverkan or fastställande, built as the flow does."""
    steget: dict[str, tuple[type[RunInput], Skede, str]] = {
        "samverkan": (SamverkanSvar, Skede.SAMVERKAT, "Samverkan"),
        "faststall": (FaststallSvar, Skede.FORSLAG_FASTSTALLT, "Faststall"),
    }
    bas, skede, namn = steget[steg]
    typ = system.typer["nominering"]
    return stegmodell(typ.formular.get(skede), bas, f"{namn}_nominering")


def svar_for(system: Arendesystem, korning: UUID, nyckel: str, data: dict[str, Any]) -> Any:
    """The form's model and the scripted answer to the form `nyckel` of any of the
    nomination's runs (seed 000's answers, moved to the test's sammanträde). Every ärende on
    a sammanträde here is a nomination: each takes the nomination's beslut."""
    steget = nyckel.rsplit("-", 1)[0]  # without the attempt number
    steg = steget.split("-")[0]
    namnd, mote = data["uppgifter"]["namnd"], date.fromisoformat(data["uppgifter"]["sammantrade"])
    m = data["sammantrade"]
    if steg in ("samverkan", "faststall"):
        return stegmodell_for(system, steg), dict(data["svar"][steg])
    if steg == "expediering":
        return ExpedieringSvar, dict(data["svar"]["expediering"])
    if steg == "oppna":
        register = visningar.namnd(system.uow(), namnd).ledamoter
        modell = oppningsformular(
            [x.namn for x in register if x.roll.ar_ledamot],
            [x.namn for x in register if not x.roll.ar_ledamot],
        )
        return modell, dict(m["oppna"])
    if steg == "beslut":
        s = visningar.sammantrade(system.uow(), namnd, mote)
        assert s is not None
        return beslutsformular(list(s.tjanstgorande)), {**TOMT_BESLUT, **m["beslut"]["nominering"]}
    if steg == "justering":
        with system.uow() as uow:
            fil = uow.sammantraden.protokoll(namnd, mote)
        assert fil is not None
        vem = next(n for n in m["signaturer"] if slug(n) == steget.removeprefix("justering-"))
        svar = {"protokoll_sha256": fil.sha256, "jag_justerar": True,
                **justeringssvar(m["signaturer"][vem])}  # fmt: skip
        return SigneraSvar, svar
    if steget == "avsluta":
        return AvslutaSvar, dict(m["avsluta"])
    if steget == "anslag":
        return AnslagSvar, dict(m["anslag"])
    if steget == "anslag-omedelbart":
        return AnslagSvar, dict(m["anslag_omedelbart"])
    raise AssertionError(f"Okänt formulär {nyckel}")


def svara_till_slut(
    system: Arendesystem,
    korning: UUID,
    data: dict[str, Any],
    eget_svar: Callable[[str, Any, dict[str, Any]], bool] | None = None,
    tidsgrans: float = 300,
    intervall: float = 0.5,
) -> list[str]:
    """Answer every form until the run completes; returns the forms' keys in order.
    `eget_svar(nyckel, modell, svar)` may answer a form in its own way (e.g. under a lock)
    and return True; otherwise the scripted answer is given, by the one whose form it is
    (som_for)."""
    nycklar = []
    while (nyckel := vanta_pa_formular(korning, tidsgrans, intervall)) is not None:
        nycklar.append(nyckel)
        modell, svar = svar_for(system, korning, nyckel, data)
        if eget_svar is None or not eget_svar(nyckel, modell, svar):
            svarare.svara(korning, modell, svar, som_for(nyckel, data))
    return nycklar


def hela_vagen(
    system: Arendesystem,
    data: dict[str, Any],
    eget_svar: Callable[[UUID, str, Any, dict[str, Any]], bool] | None = None,
    nominering: UUID | None = None,
) -> dict[str, tuple[UUID, list[str]]]:
    """One nomination the whole way: its run (started here unless given) to the fastställt
    förslag, the sammanträde that decides it, then its expediering. `eget_svar(korning,
    nyckel, modell, svar)` may answer a form itself. Returns each run and its forms' keys."""

    def egen(korning: UUID) -> Callable[[str, Any, dict[str, Any]], bool] | None:
        if eget_svar is None:
            return None
        return lambda nyckel, modell, svar: eget_svar(korning, nyckel, modell, svar)

    korningar: dict[str, tuple[UUID, list[str]]] = {}
    arende = nominering or starta_nominering(data)
    korningar["arende"] = (arende, svara_till_slut(system, arende, data, egen(arende)))
    mote = starta_sammantrade(data)
    korningar["sammantrade"] = (mote, svara_till_slut(system, mote, data, egen(mote)))
    dnr = str(visningar.arende_for_korning(system.uow(), str(arende)).dnr)
    exp = expedieringens_korning(dnr, tidsgrans=300)
    korningar["expediering"] = (exp, svara_till_slut(system, exp, data, egen(exp)))
    return korningar


def varfor_inte_klar(tillstand: dict[UUID, str], rader: int = 30) -> str:
    """For an assertion message: each run that did not complete, its state's message and
    the last lines of its log, which the session's worker logs would only show at the end."""
    delar = []
    with get_client(sync_client=True) as klient:
        for korning, namn in tillstand.items():
            if namn == "Completed":
                continue
            run = klient.read_flow_run(korning)
            loggar = klient.read_logs(
                log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[korning])),
                limit=200,
                sort=LogSort.TIMESTAMP_ASC,
            )
            text = "\n".join(f"  {rad.message}" for rad in loggar[-rader:])
            meddelande = run.state.message if run.state else ""
            delar.append(f"{run.name} ({korning}) {namn}: {meddelande}\n{text}")
    return "\n\n".join(delar)
