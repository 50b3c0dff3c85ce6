"""A nominated unit's verksamhetsplan: its activities' end dates become frister of the
ärende (shown and exported, not reminded: the unit's plan owns them), stored by the import
itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel

from arende.adapters.verksamhetsplanimport import las_verksamhetsplan
from arende.bootstrap import Arendesystem
from arende.domain.frister import Fristtyp
from arende.domain.verksamhetsplan import aktiviteter_som_frister
from arende.service_layer import frister
from tests import hjalp
from tests.integration.test_tavlingsbidrag_i_databasen import (  # noqa: F401 (fixture)
    FORSTA,
    SEED001,
    beslutat,
    fragekatalog,
    importera,
    publicera,
)


def ogonblicksbild(system: Arendesystem) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: 'nothing written' is checked against this."""
    with Session(system.motor) as s:
        return {
            t.name: sorted((tuple(map(str, r)) for r in s.execute(t.select())), key=str)
            for t in SQLModel.metadata.sorted_tables
        }


def typer(system: Arendesystem, dnr: str) -> list[Fristtyp]:
    return [f.frist.typ for f in frister.frister_for(system.uow(), dnr)]


def test_planens_aktiviteter_blir_frister(
    system: Arendesystem,
    fragekatalog: Path,  # noqa: F811
) -> None:
    publicera(fragekatalog)
    dnr = beslutat(system)  # the system opens the bidrag after the bifall
    assert Fristtyp.TAVLINGSBIDRAG in typer(system, dnr)
    assert Fristtyp.AKTIVITET not in typer(system, dnr)
    importera(system, dnr, FORSTA, hjalp.HANDLAGGARE, "plan")
    # The import stored them, in its own transaction: read as they are, not recomputed.
    lagrade = [f.frist for f in frister.frister_for(system.uow(), dnr)]
    aktiviteter = [f for f in lagrade if f.typ is Fristtyp.AKTIVITET]
    # Seed 001 is the 2012 plan; seed 000's ärende was registered 14 April 2008.
    forvantade = [
        (d, text)
        for d, text in aktiviteter_som_frister(las_verksamhetsplan(SEED001))
        if d >= date(2008, 4, 14)
    ]
    assert forvantade, "seed 001 har aktiviteter med slutdatum"
    assert sorted((f.datum, f.beskrivning) for f in aktiviteter) == sorted(
        (d, f"{FORSTA}: {text}"[:300]) for d, text in forvantade
    )
    assert all(not f.kraver_atgard and f.regel == f"{FORSTA}s verksamhetsplan" for f in aktiviteter)
    # Recomputed from the ärende as it stands (the scheduler's start), they are the same,
    # and nothing is written: the stored rows are found again by type and key.
    tillstand = ogonblicksbild(system)
    alla = frister.uppdatera_frister(dnr, system.uow(), system.beroenden)
    assert sorted(lagrade, key=lambda f: (f.datum, f.nyckel)) == sorted(
        alla, key=lambda f: (f.datum, f.nyckel)
    )
    assert ogonblicksbild(system) == tillstand
