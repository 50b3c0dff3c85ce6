"""Register our deployments in a `process` work pool (the production profile).

`make up` serves the deployments from one runner process; in production the deployments
live in a work pool, and any number of `prefect worker start --pool ...` processes pick up
the runs, each run in a process of its own. The flow code is loaded from this project
directory (from_source with a local path): every worker runs on a machine with the same
checkout and venv, and starts the flow with the directory as its working directory, so
`flows` and `arende` import as under `make up`.

    PREFECT_API_URL=http://127.0.0.1:4200/api .venv/bin/python -m deployments.deploy_prod

The start form keeps the drop-downs from the reference data (as in deployments/serve.py): run this
again after loading new reference data.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from prefect.deployments.runner import RunnerDeployment
from prefect.flows import Flow

from arende.bootstrap import ladda_grunddata, starta
from arende.service_layer.valbara import valbara
from deployments.lokal_prefect import PROJEKTROT
from deployments.serve import (
    ALDRE_HANDLING_BESKRIVNING,
    EXPEDIERING_BESKRIVNING,
    MINA_ARENDEN_BESKRIVNING,
    REGISTRATOR_BESKRIVNING,
    SAMMANTRADE_BESKRIVNING,
    TAVLINGSBIDRAG_BESKRIVNING,
    UTLAMNANDE_BESKRIVNING,
    med_namndval,
    med_sammantradesval,
    med_utlamnandets_rubriker,
    typdeployments,
    utan_intyg,
)
from flows.gallring import GALLRING_BESKRIVNING
from flows.paminnelse import PAMINNELSE_BESKRIVNING

ARBETSPOOL = os.environ.get("ARENDE_ARBETSPOOL", "arende")

# (entrypoint, deployment name, description, tags): the deployments of deployments/serve.py; the
# ärendetyper's (one per type, same flow) are added by typdeployments.
DEPLOYMENTS = [
    (
        "flows/mina_arenden.py:mina_arenden",
        "mina-arenden",
        MINA_ARENDEN_BESKRIVNING,
        ["arbetslista"],
    ),
    ("flows/registrator.py:registrator", "registrator", REGISTRATOR_BESKRIVNING, ["registrator"]),
    (
        "flows/aldre_handlingar.py:aldre_handling",
        "aldre-handling",
        ALDRE_HANDLING_BESKRIVNING,
        ["registrator"],
    ),
    ("flows/paminnelse.py:paminnelse", "paminnelse", PAMINNELSE_BESKRIVNING, ["påminnelse"]),
    (
        "flows/tavlingsbidrag.py:tavlingsbidrag",
        "tavlingsbidrag",
        TAVLINGSBIDRAG_BESKRIVNING,
        ["tavlingsbidrag"],
    ),
    ("flows/sammantrade.py:sammantrade", "sammantrade", SAMMANTRADE_BESKRIVNING, ["sammanträde"]),
    ("flows/expediering.py:expediering", "expediering", EXPEDIERING_BESKRIVNING, ["expediering"]),
    ("flows/utlamnande.py:utlamnande", "utlamnande", UTLAMNANDE_BESKRIVNING, ["utlämnande"]),
    ("flows/gallring.py:gallring", "gallring", GALLRING_BESKRIVNING, ["gallring"]),
]


def _fran_kallan(entrypoint: str) -> Flow[..., Any]:
    # from_source dispatches on sync/async context; called here it returns the flow.
    return Flow.from_source(source=str(PROJEKTROT), entrypoint=entrypoint)  # type: ignore[return-value]


def deployments() -> list[RunnerDeployment]:
    val = valbara(starta().uow())
    resultat = []
    for entrypoint, namn, beskrivning, taggar in DEPLOYMENTS:
        deployment: RunnerDeployment = _fran_kallan(entrypoint).to_deployment(  # type: ignore[assignment]
            name=namn, description=beskrivning, tags=taggar, work_pool_name=ARBETSPOOL
        )
        if namn == "sammantrade":
            deployment = med_sammantradesval(deployment, val)
        if namn == "utlamnande":
            deployment = med_utlamnandets_rubriker(deployment)
        if namn == "gallring":
            deployment = med_namndval(deployment, val)
        resultat.append(deployment)
    arende = _fran_kallan("flows/arendeflode.py:arendeflode")
    return [
        utan_intyg(d) for d in resultat + typdeployments(val, arende, work_pool_name=ARBETSPOOL)
    ]


def registrera() -> list[str]:
    """Register (or update) the deployments in the work pool; returns their ids.

    Each deployment is applied directly rather than through `prefect.deploy(...)`: with
    Prefect 3.8.8 and fastapi<0.155, deploy() first lists the pool's workers without a
    limit and the server rejects that (422), like read_flow_runs (DESIGN.md, Known traps).
    deploy() would only add that check and an image build we do not use."""
    return [str(d.apply(work_pool_name=ARBETSPOOL)) for d in deployments()]


def main() -> int:
    ladda_grunddata(starta())  # the drop-downs are read from the reference data
    ids = registrera()
    print(f"{len(ids)} deployments registrerade i arbetspoolen '{ARBETSPOOL}'.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
