"""The registrator deployment on a real Prefect server and runner: the diarium as a table
artifact, an ärende's history as a Markdown artifact with Prefect's run states merged in;
and the history adapter reading a suspend and a resume with the answering person."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from prefect import flow
from prefect.client.orchestration import get_client
from prefect.states import Completed, Running, Scheduled, Suspended

from arende.adapters.databas import skapa_motor, uppgradera
from arende.adapters.epostinlasning import las_epost
from arende.adapters.prefect_historik import PrefectRestHistorik
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.domain.handelser import ArendeRegistrerat
from arende.service_layer.inkommande import epostkommando
from arende.service_layer.kommandon import SYSTEMET, InkommenFil, RegistreraArende
from deployments import svarare
from flows.registrator import artefaktnyckel
from tests import inkommande_data as data
from tests.conftest import GRUNDDATA, FastKlocka
from tests.prefect_miljo import databas_url, server_och_runner
from tests.seed000 import uppgifter

pytestmark = [pytest.mark.prefect, pytest.mark.prod, pytest.mark.timeout(600)]
DEPLOYMENT = "registrator/registrator"


@pytest.fixture(scope="module")
def miljo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Arendesystem]]:
    hem = tmp_path_factory.mktemp("prefect")
    url = databas_url(hem)
    uppgradera(url)
    # The inbox the runner's flow processes are given (tests/prefect_miljo.py).
    system = Arendesystem(skapa_motor(url), klocka=FastKlocka(), inkorg=hem / "inkorg")
    ladda_grunddata(system, GRUNDDATA)
    with server_och_runner(hem, DEPLOYMENT) as api_url:
        yield api_url, system


def kor(parametrar: dict[str, object]) -> UUID:
    korning = svarare.starta(DEPLOYMENT, parametrar)
    assert svarare.vanta_pa_formular(korning) is None  # ran to completion, asked nothing
    return korning


def artefakt(korning: UUID, nyckel: str) -> str:
    with get_client(sync_client=True) as klient:
        svar = klient._client.post(
            "/artifacts/filter",
            json={
                "artifacts": {"key": {"any_": [nyckel]}, "flow_run_id": {"any_": [str(korning)]}}
            },
        )
        svar.raise_for_status()
        (rad,) = svar.json()
        return str(rad["data"])


def test_diarium_och_historik_som_artefakter(
    miljo: tuple[str, Arendesystem], tmp_path: Path
) -> None:
    _, system = miljo
    # A real flow run whose states Prefect keeps: the ärende is registered under its id.
    forsta = kor({})
    (registrerat,) = [
        h
        for h in system.utfor(
            RegistreraArende(
                aktor="Lena Murray",
                flodeskorning=str(forsta),
                typ="nominering",
                namnd="Socialtjänstnämnden",
                handlaggare="Lena Murray",
                planerat_sammantrade=date(2008, 5, 13),
                uppgifter=uppgifter(),
                registreringsdatum=date(2008, 4, 14),
            )
        )
        if isinstance(h, ArendeRegistrerat)
    ]
    dnr = str(registrerat.dnr)
    # An e-mail the receiver took in by itself: in the registrator's queue until she looks.
    system.utfor(
        epostkommando(
            las_epost(
                InkommenFil("brev.eml", data.over_smtp(data.epost(amne=f"Yttrande i {dnr}"))),
                tmp_path,
            ),
            aktor=SYSTEMET,
            inkom=system.klocka.idag(),
            kanal="e-post",
        )
    )
    # A citizen's letter without a dnr, waiting in the queue for the registrator.
    ko = system.inkorg / "att-registrera"
    ko.mkdir(parents=True)
    brev = ko / "20081215T090000-fraga.eml"
    brev.write_bytes(bytes(data.epost(amne="Fråga om parkbänkarna")))
    system.postko.anteckna(
        brev,
        {
            "inkom": system.klocka.idag(),
            "avsandare": "Anna Andersson <anna.andersson@example.se>",
            "beskrivning": "Fråga om parkbänkarna",
            "nyckel": "epost:1",
            "skal": "nämner inget diarienummer",
        },
    )
    korning = kor({"namnd": "Socialtjänstnämnden", "ar": 2008, "dnr": dnr})
    att_registrera = json.loads(artefakt(korning, "att-registrera"))
    assert [(r["Ämne"], r["Fil"]) for r in att_registrera] == [("Fråga om parkbänkarna", str(brev))]
    ogranskade = json.loads(artefakt(korning, "ogranskade"))
    assert [(r["Dnr"], r["Titel"]) for r in ogranskade] == [(dnr, f"Yttrande i {dnr}")]
    tabell = json.loads(artefakt(korning, "diarium"))
    assert [(r["Dnr"], r["Handläggare"], r["Status"]) for r in tabell] == [
        (dnr, "Lena Murray", "registrerat")
    ]
    historik = artefakt(korning, artefaktnyckel(dnr))
    assert f"# Historik för {dnr}" in historik
    assert "Lena Murray (handläggare): registrera ärendet." in historik
    assert "Prefect: körningen schemalades" in historik
    assert "Prefect: körningen är klar" in historik
    # Time order: Prefect's run finished before our registration under its id was written.
    assert historik.index("Prefect: körningen är klar") < historik.index("registrera ärendet")
    assert "saknas" not in historik


def test_okant_diarienummer_ger_misslyckad_korning_med_svenskt_meddelande(
    miljo: tuple[str, Arendesystem],
) -> None:
    korning = svarare.starta(DEPLOYMENT, {"dnr": "SoN 1999/1"})
    with pytest.raises(
        svarare.KorningMisslyckades, match="Det finns inget ärende med diarienummer"
    ):
        svarare.vanta_pa_formular(korning)


@flow(name="provkorning")
def provkorning() -> None:
    """Only its id and states are used: the run is driven by hand through the API."""


def test_suspenderad_och_ateruppt_korning_med_vem_som_svarade(
    miljo: tuple[str, Arendesystem],
) -> None:
    api_url, _ = miljo
    with get_client(sync_client=True) as klient:
        korning = klient.create_flow_run(provkorning, name="SoN 2008/7 Stadens kvalitetsutmärkelse")
        for tillstand in (
            Running(),
            Suspended(pause_key="samverkan-1-1"),
        ):
            klient.set_flow_run_state(korning.id, tillstand, force=True)
        klient.create_flow_run_input(
            korning.id,
            key="suspended-samverkan-1-1-response",
            # The answer as the gate passes it on: with its intyg of who answered, bound to
            # this run and this form (the form has no name field).
            value=json.dumps(
                {
                    "datum": "2008-05-06",
                    "intyg": svarare.intyg_for(
                        "Lena Murray", korning=str(korning.id), formular="samverkan-1-1"
                    ),
                }
            ),
        )
        for tillstand in (Scheduled(name="Resuming"), Running(), Completed()):
            klient.set_flow_run_state(korning.id, tillstand, force=True)
    historik = PrefectRestHistorik(api_url).for_korningar(
        [str(korning.id), "00000000-0000-0000-0000-00000000dead"]
    )
    rader = [(k.vem, k.beskrivning) for k in historik.handelser]
    assert rader[-5:] == [
        ("Prefect", "körningen kör"),
        (
            "Prefect",
            "körningen väntar på formuläret samverkan-1-1 (suspenderad, ingen process hålls)",
        ),
        (
            "Lena Murray (enligt formuläret)",
            "svarade på formuläret samverkan-1-1; körningen återupptas",
        ),
        ("Prefect", "körningen kör"),
        ("Prefect", "körningen är klar"),
    ]
    assert {k.korningsnamn for k in historik.handelser} == {
        "SoN 2008/7 Stadens kvalitetsutmärkelse"
    }
    assert historik.saknas is not None
    assert historik.saknas.startswith("1 av 2 flödeskörningar finns inte längre i Prefect")
    assert "00000000-0000-0000-0000-00000000dead" in historik.saknas


def test_prefect_nere() -> None:
    """The adapter never raises: our own history never depends on Prefect."""
    historik = PrefectRestHistorik("http://127.0.0.1:9/api", tidsgrans=1).for_korningar(
        ["00000000-0000-0000-0000-000000000001"]
    )
    assert historik.handelser == []
    assert historik.saknas is not None and historik.saknas.startswith(
        "Prefect svarar inte på http://127.0.0.1:9/api"
    )
