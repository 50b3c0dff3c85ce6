"""Waiting for a person's answer: warm at first, then suspended.

A suspended run (Prefect's `suspend_flow_run`) holds no process while it waits, which is
what a form that lies for weeks needs; but its answer reaches the flow only after the
runner's next poll, a new process with its imports, and a replay of the run: several
seconds for every form. Most answers come soon, while the person is still at the run (the
next form of the beredning, the sammanträde's paragraphs one after another). So the run
first waits *warm*: Paused in its own process, which sees the answer within a second
(`ARENDE_VARM_VANTAN`, default five minutes). When nobody answers in that time the run
takes itself back to Running and suspends with the same form, and the process ends. It
goes sooner when other runs wait for a place in the runner (whose limit counts warm
processes), and it does not wait warm at all when `ARENDE_VARMA_HOGST` runs already do (a
work pool's limit does not count Paused runs), so warm runs never keep work from starting
nor grow without bound.

Each way of waiting has its own pause key, since Prefect's server remembers every key
that has fired and refuses it again. A replayed run (after a suspension or a crash) asks
the warm key first: the server refuses it as already fired, and the answer is read from
where it was stored, under the warm key, under the cold one, or (for runs suspended
before this module) under the plain key in the Suspended state's name. So a run answered
warm, answered cold, or answered just as it went cold takes each step once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from prefect import get_run_logger
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterNextScheduledStartTime,
    FlowRunFilterState,
    FlowRunFilterStateName,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import State, StateType
from prefect.client.schemas.sorting import FlowRunSort
from prefect.context import FlowRunContext
from prefect.flow_runs import suspend_flow_run
from prefect.input.actions import read_flow_run_input
from prefect.input.run_input import keyset_from_base_key, run_input_subclass_from_type
from prefect.states import Paused, Running
from prefect.utilities.engine import propose_state_sync
from pydantic import BaseModel

from arende.config import Installningar

S = TypeVar("S", bound=BaseModel)
T = TypeVar("T")

# How often the warm run asks the server whether it was answered: the median wait after
# an answer is half of this.
VARM_FRAGEINTERVALL_S = 0.5
# The server's own deadline for the warm pause lies this far after the run's: the run
# must take itself back to Running (and suspend) before the server would fail it.
SERVERNS_MARGINAL_S = 120
# Every so often the warm run looks whether other runs wait for a place (a run overdue by
# more than a couple of the runner's polls): then it suspends and frees its own.
KO_INTERVALL_S = 5
FORSENAD_S = 10
KALL = "-vilande"  # run input keys allow lowercase letters, digits and dashes
INGEN_SVARADE = "ingen svarade under den varma väntan; körningen suspenderas med samma formulär"


@dataclass(frozen=True)
class Svar(Generic[T]):
    """The answer and the pause key it was given under (the gate's intyg is bound to it)."""

    varde: T
    nyckel: str


def vanta_pa_svar(
    modell: type[S], nyckel: str, medan: Callable[[], None] = lambda: None
) -> Svar[S]:
    """The person's answer to the form `modell` (its description is the form's text),
    waiting warm first and then suspended; the run ends here while suspended and comes
    back through a replay to the same call, which then returns the stored answer. `medan`
    is work that need not keep the person waiting: done once the form is shown, and in
    any case before the process ends at a suspension."""
    sekunder = Installningar().varm_vantan
    varmt = _vanta_varmt(modell, nyckel, sekunder, medan)
    if varmt is not None:
        return varmt
    medan()
    kall = nyckel + KALL
    svar = suspend_flow_run(wait_for_input=modell, key=kall, timeout=None)
    return Svar(svar, kall)


def _vanta_varmt(
    modell: type[S], nyckel: str, sekunder: float, medan: Callable[[], None]
) -> Svar[S] | None:
    """Wait Paused in this process for at most `sekunder`; None when nobody answered (or
    on a replay whose warm wait had ended unanswered): then the cold wait follows."""
    context = FlowRunContext.get()
    assert context is not None and context.flow_run is not None, "bara i en flödeskörning"
    korning = context.flow_run.id
    if nyckel + KALL in (context.flow_run.empirical_policy.pause_keys or set()):
        # This form already went cold in an earlier process (answered there, or the process
        # ended): the cold wait gives its answer. A warm wait now would ask again, when the
        # warm one was skipped then (the cap) and is not now.
        return None
    if sekunder <= 0 or _for_manga_varma():
        # No warm wait; a replay still finds an answer given warm before that was set.
        return _lagrat_svar(modell, nyckel, korning)
    logg = get_run_logger()
    forslag: State[Any] = Paused(
        timeout_seconds=int(sekunder) + SERVERNS_MARGINAL_S, reschedule=False, pause_key=nyckel
    )
    run_input = run_input_subclass_from_type(modell)
    nycklar = keyset_from_base_key(f"paused-{nyckel}")
    forslag.state_details.run_input_keyset = {str(k): v for k, v in nycklar.items()}
    with get_client(sync_client=True) as klient:
        tillstand = propose_state_sync(klient, forslag, flow_run_id=korning)
        if tillstand.is_running():
            # Refused as already fired: a replay. The answer is where it was stored.
            return _lagrat_svar(modell, nyckel, korning)
        if not tillstand.is_paused():
            raise RuntimeError(f"Körningen kunde inte vänta på formuläret: {tillstand}")
        run_input.save(nycklar)
        logg.info("Väntar på svar i formuläret %s (varmt, högst %.0f s).", nyckel, sekunder)
        medan()  # the form is up: the person reads and fills it in meanwhile
        borjan = time.monotonic()
        nasta_koll = borjan + KO_INTERVALL_S
        while (nu_tid := time.monotonic()) < borjan + sekunder:
            time.sleep(VARM_FRAGEINTERVALL_S)
            nu = klient.read_flow_run(korning).state
            if nu is not None and nu.is_running():
                return _lagrat_svar(modell, nyckel, korning)
            if nu is not None and not nu.is_paused():
                raise RuntimeError(f"Körningen lämnade väntan utan svar: {nu.name}")
            if nu_tid >= nasta_koll:
                nasta_koll = nu_tid + KO_INTERVALL_S
                if _andra_vantar_pa_plats(klient):
                    logg.info("Andra körningar väntar på en plats: formuläret väntar vilande.")
                    break
        return _ga_kall(klient, modell, nyckel, korning)


def _for_manga_varma() -> bool:
    """Whether ARENDE_VARMA_HOGST runs already wait warm. A work pool's concurrency limit
    counts only Pending and Running runs, not Paused ones, so without this cap every warm
    process (its memory, its database connections, its polling) would come on top of it."""
    hogst = Installningar().varma_hogst
    varma = FlowRunFilter(state=FlowRunFilterState(name=FlowRunFilterStateName(any_=["Paused"])))
    with get_client(sync_client=True) as klient:
        return bool(klient.count_flow_runs(flow_run_filter=varma) >= hogst)


def _andra_vantar_pa_plats(klient: Any) -> bool:
    """Whether some run is overdue to start: the runner or work pool has no free place,
    and this warm process holds one that a run with work to do needs."""
    sen = FlowRunFilter(
        state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
        next_scheduled_start_time=FlowRunFilterNextScheduledStartTime(
            before_=datetime.now(UTC) - timedelta(seconds=FORSENAD_S)
        ),
    )
    # An explicit sort: Prefect's client sends sort=None otherwise, which the server
    # refuses (422; DESIGN.md, Known traps).
    return bool(klient.read_flow_runs(flow_run_filter=sen, sort=FlowRunSort.ID_DESC, limit=1))


def _ga_kall(klient: Any, modell: type[S], nyckel: str, korning: Any) -> Svar[S] | None:
    """Back to Running so the run may suspend; an answer that came in the same instant
    wins (the server refuses our Running, or took the answer first)."""
    tillstand = propose_state_sync(klient, Running(message=INGEN_SVARADE), flow_run_id=korning)
    if not tillstand.is_running():
        raise RuntimeError(f"Körningen kunde inte gå från varm väntan: {tillstand}")
    return _lagrat_svar(modell, nyckel, korning)


def _lagrat_svar(modell: type[S], nyckel: str, korning: Any) -> Svar[S] | None:
    """The answer stored for this form, warm or (a run from before the warm wait) under the
    plain key suspended; None if there is none, and then the cold wait follows."""
    for bas in (f"paused-{nyckel}", f"suspended-{nyckel}"):
        varde = read_flow_run_input(keyset_from_base_key(bas)["response"], flow_run_id=korning)
        if varde is not None:
            return Svar(modell.model_validate(varde), nyckel)
    return None
