"""`mina-arenden`: what is waiting for a person, as a table on the run, so nobody needs to
search the runs list to know what to do next."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from prefect import flow, runtime
from prefect.artifacts import create_table_artifact

from arende.bootstrap import starta
from arende.config import Installningar
from arende.service_layer.arbetsko import vantar_pa
from arende.service_layer.utlamnande import att_prova
from flows.fraga import inloggad


def _nyckel(namn: str) -> str:
    ascii_namn = unicodedata.normalize("NFKD", namn).encode("ascii", "ignore").decode().lower()
    return "mina-arenden-" + re.sub(r"[^a-z0-9]+", "-", ascii_namn).strip("-")


@flow(name="mina-arenden", log_prints=True)
def mina_arenden(intyg: str = "") -> list[dict[str, Any]]:
    """Visa vad som väntar på dig: ärendena där nästa steg är ditt, hur länge de har väntat
    och vilket datum steget senast ska vara gjort. Resultatet visas som en tabell under
    fliken Artifacts.

    Args:
        intyg: Inloggningens intyg om vem du är (fylls i av inloggningen).
    """
    person = inloggad(intyg, deployment=str(runtime.deployment.id)).namn
    system = starta()
    rader = [
        {
            "Senast": v.senast.isoformat() if v.senast else "",
            "Varför": v.varfor_senast,
            "Dnr": v.dnr,
            "Ärende": v.titel,
            "Nämnd": v.namnd,
            "Nästa steg": v.steg,
            "Roll som får göra det": " eller ".join(sorted(r.value for r in v.roller)),
            "Väntar sedan": v.sedan[:16].replace("T", " "),
        }
        # Requests for allmän handling first: they are answered within hours, not weeks.
        for v in [
            *att_prova(
                system.uow(), person, system.kalender, Installningar().begaran_paminnelse_timmar
            ),
            *vantar_pa(system.uow(), person, system.kalender),
        ]
    ]
    create_table_artifact(
        key=_nyckel(person),
        table=rader,
        description=f"Väntar på {person}: {len(rader)} ärenden, det mest brådskande först.",
    )
    print(f"{len(rader)} ärenden väntar på {person}.")
    return rader
