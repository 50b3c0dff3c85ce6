"""A reminder the scheduler sent shows in Prefect's UI: a run of the `paminnelse`
deployment with the reminder as an artifact (real server, runner, SMTP server)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
from prefect.client.schemas.sorting import FlowRunSort

from arende.bootstrap import Arendesystem, ladda_grunddata, starta
from arende.domain.datum import STOCKHOLM
from arende.entrypoints.schemalaggare import prefect_anmalan
from arende.service_layer import frister as fs
from deployments import svarare
from flows.handlingar import artefakter
from tests.integration.test_paminnelser import Stallbar, tjanst
from tests.postlada import Postlada
from tests.prefect_miljo import databas_url, server_och_runner
from tests.seed000 import registrera

pytestmark = [pytest.mark.prefect, pytest.mark.prod, pytest.mark.timeout(600)]


@pytest.fixture(scope="module")
def miljo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Arendesystem]]:
    hem = tmp_path_factory.mktemp("prefect")
    system = starta(databas_url(hem))
    ladda_grunddata(system)
    with server_och_runner(hem, "paminnelse/paminnelse") as api_url:
        yield api_url, system


def test_en_skickad_paminnelse_syns_som_korning(
    miljo: tuple[str, Arendesystem], smtp: tuple[Postlada, int]
) -> None:
    api_url, system = miljo
    postlada, port = smtp
    dnr = registrera(system)
    fs.uppdatera_frister(dnr, system.uow(), system.beroenden)
    klocka = Stallbar(datetime(2008, 4, 28, 8, 0, tzinfo=STOCKHOLM))  # 10 vardagar före
    t = tjanst(system, port, klocka, meddela=prefect_anmalan(api_url))
    try:
        assert t.starta()
        t.bearbeta()
    finally:
        t.stoppa()
    assert postlada.amnen() == [f"Påminnelse: justering i {dnr} senast 13 maj 2008"]
    korning = None
    slut = time.monotonic() + 120
    while korning is None and time.monotonic() < slut:
        with get_client(sync_client=True) as klient:
            korningar = klient.read_flow_runs(
                flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[f"ärende:{dnr}"])),
                limit=5,
                sort=FlowRunSort.START_TIME_DESC,
            )
        korning = korningar[0].id if korningar else None
        time.sleep(0.5)
    assert korning is not None, "ingen körning av paminnelse startades"
    assert svarare.vanta_pa_formular(korning) is None  # it ran to completion
    (visad,) = [a for a in artefakter(korning) if a.type == "markdown"]
    assert f"Påminnelse: justering i {dnr} senast 13 maj 2008" in str(visad.data)
    assert "lena.murray@stockholm.example" in str(visad.data)
