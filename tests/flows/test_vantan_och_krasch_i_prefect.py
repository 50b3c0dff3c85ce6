"""Waiting warm, then suspended, and a killed run that comes back by itself (issue 20).

The runner here waits warm only a few seconds (ARENDE_VARM_VANTAN), so one nomination
shows every way a form is answered: warm in its own process, after it went cold
(suspended, no process held), and after its process was killed with SIGKILL while it
waited, when the crash watch (the scheduler's, run here round by round) starts it again
with no one pressing Retry. Each step is taken once, and the form says what happened.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect import flow
from prefect.client.orchestration import get_client
from prefect.states import Paused, Running, Suspended

from arende.adapters.kraschvakt import Kraschvakt, hjartslagsintervall
from arende.bootstrap import Arendesystem, starta
from arende.domain.omstart import LUGN, TYSTA_INTERVALL
from arende.domain.skeden import Skede
from arende.service_layer import visningar
from deployments import svarare
from deployments.demo import EXEMPEL, NOMINERING
from deployments.lokal_prefect import doda_korning, korningens_process
from flows import vantan
from flows.formular import FaststallSvar, SamverkanSvar
from tests.prefect_miljo import databas_url, server_och_runner
from tests.stegordning import utforda

pytestmark = [pytest.mark.prefect, pytest.mark.timeout(600)]

VARM_S = 3


@pytest.fixture(scope="module")
def miljo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Arendesystem]]:
    hem = tmp_path_factory.mktemp("prefect")
    with server_och_runner(hem, NOMINERING, ARENDE_VARM_VANTAN=str(VARM_S)) as api_url:
        yield api_url, starta(databas_url(hem))


def tillstandet(korning: UUID) -> str:
    tillstand = svarare.las(korning).state
    assert tillstand is not None
    return str(tillstand.name)


def vanta_tills(korning: UUID, namn: str, tidsgrans: float = 120) -> None:
    slut = time.monotonic() + tidsgrans
    while tillstandet(korning) != namn:
        assert time.monotonic() < slut, f"körningen blev aldrig {namn}: {tillstandet(korning)}"
        time.sleep(0.3)


def test_varmt_sedan_vilande_och_efter_en_krasch_tas_varje_steg_en_gang(
    miljo: tuple[str, Arendesystem],
) -> None:
    api_url, system = miljo
    data = json.loads(Path(EXEMPEL).read_text(encoding="utf-8"))
    svar, som = data["svar"], data["som"]
    korning = svarare.starta(
        NOMINERING,
        {"arendetyp_namn": "nominering", "uppgifter": data["uppgifter"]},
        som=som["start"],
    )

    # 1. The form is first shown warm (Paused, the process waits); nobody answers, so after
    # VARM_S the run suspends with the same form and its process ends.
    assert svarare.vanta_pa_formular(korning) == "samverkan-1-1"
    assert tillstandet(korning) == "Paused"
    vanta_tills(korning, "Suspended")
    assert svarare.vanta_pa_formular(korning) == "samverkan-1-1"  # the same form, cold
    assert str(svarare.las(korning).state.state_details.pause_key).endswith("-vilande")  # type: ignore[union-attr]
    svarare.svara(korning, SamverkanSvar, svar["samverkan"], som["samverkan"])

    # 2. The next form, warm again after the replay; its process is killed while it waits.
    assert svarare.vanta_pa_formular(korning) == "faststall-1-1"
    assert tillstandet(korning) == "Paused"
    doda_korning(korning)
    vanta_tills(korning, "Crashed")

    # 3. The crash watch starts it again (its clock moved past the calm period instead of
    # the test sleeping through it); no one presses Retry.
    vakt = Kraschvakt(api_url, klocka=lambda: datetime.now(UTC) + LUGN)
    beslut = vakt.en_runda()[str(korning)]
    assert (beslut.atgard, beslut.forsok) == ("starta_om", 1)
    assert svarare.vanta_pa_formular(korning) == "faststall-1-1"
    beskrivning = svarare.formularets_beskrivning(korning)
    assert "**Obs:** Körningen kraschade kl." in beskrivning
    assert "startades om av sig själv" in beskrivning and "omstart 1 av högst 3" in beskrivning
    assert str(korning) not in vakt.en_runda()  # nothing left for the watch to do

    # 4. Answered: the run completes, and each step was taken once.
    svarare.svara(korning, FaststallSvar, svar["faststall"], som["faststall"])
    assert svarare.vanta_pa_formular(korning) is None
    dnr = str(visningar.arende_for_korning(system.uow(), str(korning)).dnr)
    assert visningar.hamta_arende(system.uow(), dnr).skede is Skede.FORSLAG_FASTSTALLT
    assert utforda(visningar.historik(system.uow(), dnr)) == [
        "registrera ärendet",
        "påbörja beredning",
        "registrera samverkan",
        "fastställa förslaget till beslut",
        "registrera handling",
    ]
    # The run's own history says what happened, in Swedish, for the registrator.
    meddelanden = [s.message or "" for s in _tillstanden(korning)]
    assert any("ingen svarade under den varma väntan" in m for m in meddelanden)
    assert any(m.startswith("Körningen kraschade kl.") for m in meddelanden)


def _tillstanden(korning: UUID) -> list[Any]:
    with get_client(sync_client=True) as klient:
        return list(klient.read_flow_run_states(korning))


def test_hogst_sa_manga_vantar_varmt_samtidigt(
    miljo: tuple[str, Arendesystem], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A work pool's limit does not count Paused runs, so the warm wait has its own cap:
    counted on the server, by the state's name (Suspended runs hold no process and do not
    count)."""
    with get_client(sync_client=True) as klient:
        for tillstand in (Paused(), Suspended()):
            korning = klient.create_flow_run(flow=_tomt)
            klient.set_flow_run_state(korning.id, Running(), force=True)
            klient.set_flow_run_state(korning.id, tillstand, force=True)
    monkeypatch.setenv("ARENDE_VARMA_HOGST", "1")
    assert vantan._for_manga_varma()  # the one Paused run fills the cap
    monkeypatch.setenv("ARENDE_VARMA_HOGST", "2")
    assert not vantan._for_manga_varma()


@flow(name="vantan-test")
def _tomt() -> None:
    """Only a flow for the test's runs to belong to; never run."""


def test_en_korning_som_tystnar_markeras_kraschad_och_startas_om(
    miljo: tuple[str, Arendesystem],
) -> None:
    """A run whose process hangs (frozen with SIGSTOP while it waits warm) is reported by
    no one: its heartbeats stop, and the watch, its clock moved past the silence, marks it
    Crashed. (A runner starts no run again while its old process lives, so the frozen one
    is then killed, as a hung machine's runner would be with it; under workers another
    takes the run at once, tests/prod/test_hjartslag.py.) The watch restarts it, and a new
    process replays it to the same form."""
    api_url, system = miljo
    data = json.loads(Path(EXEMPEL).read_text(encoding="utf-8"))
    svar, som = data["svar"], data["som"]
    korning = svarare.starta(
        NOMINERING,
        {"arendetyp_namn": "nominering", "uppgifter": data["uppgifter"]},
        som=som["start"],
    )
    assert svarare.vanta_pa_formular(korning) == "samverkan-1-1"
    fryst = korningens_process(korning)
    os.kill(fryst, signal.SIGSTOP)
    assert tillstandet(korning) == "Paused"  # frozen before its warm wait ran out
    assert str(korning) not in Kraschvakt(api_url).markera_tysta()  # heard just now
    senare = datetime.now(UTC) + TYSTA_INTERVALL * hjartslagsintervall() + LUGN
    assert str(korning) in Kraschvakt(api_url, klocka=lambda: senare).markera_tysta()
    tillstand = svarare.las(korning).state
    assert tillstand is not None and tillstand.is_crashed()
    assert "slutade höras av" in str(tillstand.message)

    os.kill(fryst, signal.SIGKILL)
    slut = time.monotonic() + 60
    while Path(f"/proc/{fryst}").exists():  # until the runner has reaped it
        assert time.monotonic() < slut, "den frysta processen dog aldrig"
        time.sleep(0.2)
    time.sleep(2)  # the runner's report of it (refused: the run is Crashed already)
    vakt = Kraschvakt(api_url, klocka=lambda: senare + LUGN)
    assert vakt.en_runda()[str(korning)].atgard == "starta_om"
    assert svarare.vanta_pa_formular(korning) == "samverkan-1-1"
    assert "startades om av sig själv" in svarare.formularets_beskrivning(korning)
    svarare.svara(korning, SamverkanSvar, svar["samverkan"], som["samverkan"])
    assert svarare.vanta_pa_formular(korning) == "faststall-1-1"
    svarare.svara(korning, FaststallSvar, svar["faststall"], som["faststall"])
    assert svarare.vanta_pa_formular(korning) is None
    dnr = str(visningar.arende_for_korning(system.uow(), str(korning)).dnr)
    steg = utforda(visningar.historik(system.uow(), dnr))
    assert steg.count("registrera samverkan") == 1
    assert steg.count("fastställa förslaget till beslut") == 1
