"""An ärende the registrator opened from incoming post (`arende inkommande-nytt`) is taken up
by its handläggare in Prefect's UI: the type's deployment started with the ärende's dnr
begins the beredning and waits on the handläggare's first form, on a real Prefect server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from arende.adapters.arkiv import Filarkiv
from arende.bootstrap import Arendesystem, starta
from arende.domain.handelser import ArendeRegistrerat
from arende.domain.skeden import Skede
from arende.service_layer import visningar
from arende.service_layer.inkommande import filnyckel
from arende.service_layer.kommandon import InkommenFil, RegistreraInkommandeSomNyttArende
from deployments import svarare
from flows.arendeflode import FLODE
from tests import inkommande_data as data
from tests.prefect_miljo import databas_url, server_och_runner

pytestmark = [pytest.mark.prefect, pytest.mark.prod, pytest.mark.timeout(600)]
DEPLOYMENT = f"{FLODE}/tjansteutlatande"
HANDLAGGARE = "Lena Murray"
INKOM = date(2008, 4, 14)


@pytest.fixture(scope="module")
def miljo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Arendesystem]:
    hem = tmp_path_factory.mktemp("prefect")
    with server_och_runner(hem, DEPLOYMENT):
        system = starta(databas_url(hem))
        system.arkiv = Filarkiv(hem / "arkiv")
        yield system


def test_handlaggaren_tar_upp_arendet_i_prefect(miljo: Arendesystem) -> None:
    system = miljo
    filer = [InkommenFil("forslag.pdf", data.PDF)]
    handelser = system.utfor(
        RegistreraInkommandeSomNyttArende(
            aktor="Per Lindqvist",
            typ="tjansteutlatande",
            namnd="Socialtjänstnämnden",
            handlaggare=HANDLAGGARE,
            planerat_sammantrade=date(2008, 5, 13),
            uppgifter={"arendemening": "Medborgarförslag om fler parkbänkar"},
            inkom=INKOM,
            avsandare="Anna Andersson",
            beskrivning="Medborgarförslag",
            filer=filer,
            nyckel=filnyckel(filer, "Anna Andersson", "Medborgarförslag", INKOM, None),
        )
    )
    [dnr] = [str(h.dnr) for h in handelser if isinstance(h, ArendeRegistrerat)]

    korning = svarare.starta(
        DEPLOYMENT, {"arendetyp_namn": "tjansteutlatande", "dnr": dnr}, som=HANDLAGGARE
    )
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == "underlag-1-1"
    a = visningar.hamta_arende(system.uow(), dnr)
    assert (a.skede, a.handlaggare) == (Skede.UNDER_BEREDNING, HANDLAGGARE)
    # The persons' steps (the system's recomputed frister between them left out).
    historik = [
        h.handling for h in visningar.historik(system.uow(), dnr) if h.aktor != "Ärendesystemet"
    ]
    assert historik[:3] == [
        "registrera inkommande handling som nytt ärende",
        "registrera inkommande handling som nytt ärende",
        "påbörja beredning",
    ]
