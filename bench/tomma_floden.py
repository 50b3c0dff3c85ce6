"""The floor of a form round trip: an empty flow that asks five forms and does nothing
else, served like ours, once suspending (`suspend_flow_run`: the run ends, the runner
starts it again on resume and it replays) and once pausing in its own process
(`pause_flow_run`). bench/bench_formular.py serves these beside our deployments.

    python -m bench.tomma_floden    # serve both until stopped
"""

from __future__ import annotations

from prefect import flow, serve
from prefect.flow_runs import pause_flow_run, suspend_flow_run
from pydantic import BaseModel

from flows.vantan import VARM_FRAGEINTERVALL_S

FORMULAR = 5


class Tomt(BaseModel):
    svar: str = ""


@flow(name="tomt-vilande")
def tomt_vilande() -> None:
    for i in range(FORMULAR):
        suspend_flow_run(wait_for_input=Tomt, key=f"f{i}", timeout=None)


@flow(name="tomt-varmt")
def tomt_varmt() -> None:
    for i in range(FORMULAR):
        # Polled as often as our warm wait polls (flows/vantan.py), so the two compare.
        pause_flow_run(  # type: ignore[call-overload]
            wait_for_input=Tomt,
            key=f"f{i}",
            timeout=600,
            poll_interval=VARM_FRAGEINTERVALL_S,
        )


if __name__ == "__main__":
    serve(
        tomt_vilande.to_deployment(name="golv"),  # type: ignore[arg-type]
        tomt_varmt.to_deployment(name="golv"),  # type: ignore[arg-type]
    )
