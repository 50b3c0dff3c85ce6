"""A nominated unit's verksamhetsplan: its activities' end dates become frister of the
ärende (shown and exported, not reminded: the unit's plan owns them)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan, las_verksamhetsplan
from arende.bootstrap import Arendesystem
from arende.domain.frister import Fristtyp
from arende.domain.verksamhetsplan import aktiviteter_som_frister
from arende.service_layer import frister
from arende.service_layer import tavlingsbidrag as tb
from tests.integration.test_arendeflode_i_databasen import ogonblicksbild
from tests.integration.test_tavlingsbidrag_i_databasen import (  # noqa: F401 (fixture)
    FORSTA,
    SEED001,
    beslutat,
    fragekatalog,
    oppna,
)
from tests.seed000 import kontext


def test_planens_aktiviteter_blir_frister(
    system: Arendesystem,
    fragekatalog: Path,  # noqa: F811
) -> None:
    dnr = beslutat(system)
    oppna(system, dnr, fragekatalog)
    fore = [f.typ for f in frister.uppdatera_frister(dnr, system.uow(), system.kalender)]
    assert Fristtyp.AKTIVITET not in fore
    tb.importera_verksamhetsplan(
        dnr,
        FORSTA,
        SEED001.read_text(encoding="utf-8"),
        system.uow(),
        kontext("Lena Murray", "plan"),
        importera_verksamhetsplan,
    )
    alla = frister.uppdatera_frister(dnr, system.uow(), system.kalender)
    aktiviteter = [f for f in alla if f.typ is Fristtyp.AKTIVITET]
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
    lagrade = [f.frist for f in frister.frister_for(system.uow(), dnr)]
    assert sorted(lagrade, key=lambda f: (f.datum, f.nyckel)) == sorted(
        alla, key=lambda f: (f.datum, f.nyckel)
    )
    # Nothing changed, nothing written: the stored rows are found again by type and key.
    tillstand = ogonblicksbild(system)
    frister.uppdatera_frister(dnr, system.uow(), system.kalender)
    assert ogonblicksbild(system) == tillstand
