"""What the nämnd's nomination sets going once it is decided: one tävlingsbidrag run per
nominated unit (flows/tavlingsbidrag.py). The nomination itself is an ärendetyp like any
other (deployments/arendetyper/nominering.toml), run by flows/arendeflode.py and decided at
the sammanträde (flows/sammantrade.py), which calls this after a bifall."""

from __future__ import annotations

from prefect import get_run_logger
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment

from flows.tavlingsbidrag import DEPLOYMENT as TB_DEPLOYMENT


def starta_bidragskorningar(
    dnr: str, namnd: str, handlaggare: str, verksamheter: list[str]
) -> list[str]:
    """One tävlingsbidrag run per nominated unit; the idempotency keys make a replay find
    the runs already started instead of starting more."""
    logg = get_run_logger()
    korningar = []
    for verksamhet in verksamheter:
        korning = run_deployment(
            TB_DEPLOYMENT,
            parameters={"dnr": dnr, "verksamhet": verksamhet, "handlaggare": handlaggare},
            flow_run_name=f"{dnr} Tävlingsbidrag {verksamhet}",
            tags=["tavlingsbidrag", f"dnr:{dnr}", f"nämnd:{namnd}"],
            idempotency_key=f"tavlingsbidrag-{dnr}-{verksamhet}",
            timeout=0,
            as_subflow=False,
        )
        assert isinstance(korning, FlowRun)
        korningar.append(str(korning.id))
        logg.info("Tävlingsbidraget för %s: körning %s", verksamhet, korning.id)
    return korningar
