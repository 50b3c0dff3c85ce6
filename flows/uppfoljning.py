"""What the flows start from the events a command returned: each ärende handed on gets its
expediering run, each opened tävlingsbidrag its own run, each återremitterat ärende a new
run of its type's beredning. One place says which event starts which run; the idempotency
keys make a replay find the runs already started instead of starting more."""

from __future__ import annotations

from collections.abc import Iterable

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment

from arende.domain.handelser import (
    ArendeAterremitterat,
    ArendeOverlamnat,
    Handelse,
    ReaktionAvvisad,
    TavlingsbidragOppnat,
)
from flows.arendesteg import hamta

EXPEDIERING = "expediering/expediering"
TAVLINGSBIDRAG = "tavlingsbidrag/tavlingsbidrag"


@task(name="starta följande körningar", cache_policy=NO_CACHE)
def folj_upp(handelser: Iterable[Handelse]) -> list[str]:
    """Start the runs the events call for; returns their ids."""
    logg = get_run_logger()
    korningar = []
    for h in handelser:
        if isinstance(h, ArendeOverlamnat):
            korningar.append(
                _starta(
                    EXPEDIERING,
                    {"dnr": str(h.dnr)},
                    f"{h.dnr} Expediering",
                    ["expediering", f"nämnd:{h.namnd}"],
                    f"expediering-{h.dnr}",
                )
            )
        elif isinstance(h, TavlingsbidragOppnat):
            korningar.append(
                _starta(
                    TAVLINGSBIDRAG,
                    {"dnr": str(h.dnr), "verksamhet": h.verksamhet, "handlaggare": h.handlaggare},
                    f"{h.dnr} Tävlingsbidrag {h.verksamhet}",
                    ["tavlingsbidrag", f"dnr:{h.dnr}", f"nämnd:{h.namnd}"],
                    f"tavlingsbidrag-{h.dnr}-{h.verksamhet}",
                )
            )
        elif isinstance(h, ArendeAterremitterat):
            arende = hamta(str(h.dnr))
            korningar.append(
                _starta(
                    f"arende/{h.arendetyp}",
                    {"arendetyp_namn": h.arendetyp, "dnr": str(h.dnr)},
                    f"{h.dnr} {arende.titel} (beredning {h.omgang})",
                    [f"nämnd:{arende.namnd}"],
                    f"beredning-{h.dnr}-{h.omgang}",
                )
            )
        elif isinstance(h, ReaktionAvvisad):
            logg.warning("%s: %s gjordes inte: %s", h.dnr, h.atgard, h.meddelande)
    return korningar


def _starta(
    deployment: str, parametrar: dict[str, str], namn: str, taggar: list[str], nyckel: str
) -> str:
    korning = run_deployment(
        deployment,
        parameters=parametrar,
        flow_run_name=namn,
        tags=taggar,
        idempotency_key=nyckel,
        timeout=0,
        as_subflow=False,
    )
    assert isinstance(korning, FlowRun)
    get_run_logger().info("%s: körning %s", namn, korning.id)
    return str(korning.id)
