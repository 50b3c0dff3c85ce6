"""Serve the deployments to a Prefect server (PREFECT_API_URL) until Ctrl-C.

`make up` runs this beside `prefect server start`. A served deployment runs each flow run in
a subprocess of this process; a resumed run is picked up at the next poll, so the poll
interval is kept short (PREFECT_RUNNER_POLL_FREQUENCY, set by the Makefile) for people who
wait for the next form.
"""

from __future__ import annotations

from prefect import serve
from prefect.deployments.runner import RunnerDeployment

from arende.bootstrap import ladda_grunddata, starta
from flows.nominering import ny_nominering

NY_NOMINERING_BESKRIVNING = (
    "Starta här när nämnden ska nominera verksamheter till Stadens kvalitetsutmärkelse. "
    "Ärendet registreras i diariet och får ett diarienummer; därefter väntar körningen på "
    "samverkan, chefens fastställande, nämndens beslut, justering, anslag och expediering, "
    "och visar ett formulär vid varje steg."
)


def deployments() -> list[RunnerDeployment]:
    # to_deployment dispatches on sync/async context; called here it returns the object.
    return [
        ny_nominering.to_deployment(  # type: ignore[list-item]
            name="ny-nominering",
            description=NY_NOMINERING_BESKRIVNING,
            tags=["nominering"],
        )
    ]


def main() -> None:
    system = starta()  # the schema is ready before the first run starts
    ladda_grunddata(system)
    serve(*deployments(), limit=20)


if __name__ == "__main__":
    main()
