"""A run whose machine stops answering comes back by itself (issue 20).

Its process is frozen with SIGSTOP while it waits warm at a form: the process neither
ends nor answers, so its worker reports nothing, and without more the run would stay
Paused (or Running) for good. Its heartbeats stop, and the crash watch (as the scheduler
runs it, on the real clock) marks it Crashed after four intervals of silence (the profile's
PREFECT_FLOWS_HEARTBEAT_FREQUENCY is 30 s) and restarts it; a worker replays it to the
same form in a new process, and it is answered to the end with each step once.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import State

from arende.adapters.kraschvakt import Kraschvakt
from arende.service_layer import visningar
from deployments import svarare
from tests.prod.hjalp import (
    Profil,
    processens_pid,
    starta_nominering,
    svara_till_slut,
    system_for,
    vanta_pa_formular,
)
from tests.seed000 import exempel
from tests.stegordning import utforda

pytestmark = [pytest.mark.prod, pytest.mark.postgres, pytest.mark.timeout(600)]


def _tillstand(korning: UUID) -> tuple[str, str]:
    tillstand = svarare.las(korning).state
    assert tillstand is not None
    return str(tillstand.name), str(tillstand.message or "")


def test_en_korning_vars_dator_tystnar_startas_om_av_sig_sjalv(
    produktion: Profil, monkeypatch: pytest.MonkeyPatch
) -> None:
    profil, _, _ = produktion
    # The watch here reads the interval the profile's processes were given (lokal_prefect).
    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "30")
    system = system_for(produktion)
    data = exempel()  # 13 May 2008: no test here holds that sammanträde
    vakt = Kraschvakt(profil.api_url)
    stopp = threading.Event()
    vaktare = threading.Thread(target=vakt.vakta, args=(stopp,), daemon=True)
    vaktare.start()
    fryst: int | None = None
    try:
        korning = starta_nominering(data)
        assert vanta_pa_formular(korning) == "samverkan-1-1"
        assert _tillstand(korning)[0] == "Paused"  # waiting warm, in its process
        fryst = processens_pid(korning)
        os.kill(fryst, signal.SIGSTOP)

        # Nobody reports it: the watch does, after 4 × 30 s without a heartbeat.
        slut = time.monotonic() + 300
        while (tillstand := _tillstand(korning))[0] in ("Paused", "Running"):
            assert time.monotonic() < slut, f"körningen blev aldrig kraschad: {tillstand}"
            time.sleep(2)
        kraschad = [
            s
            for s in svarare_tillstand(korning)
            if s.is_crashed() and "slutade höras av" in str(s.message)
        ]
        assert kraschad, "kraschen kom inte från kraschvaktens tystnad"

        # The watch restarts it (LUGN after the crash); a worker replays it to the same
        # form, which says so. (vanta_pa_formular would take a Crashed run as ended.)
        while _tillstand(korning)[0] == "Crashed":
            assert time.monotonic() < slut + 120, "kraschvakten startade aldrig om körningen"
            time.sleep(1)
        assert vanta_pa_formular(korning) == "samverkan-1-1"
        beskrivning = svarare.formularets_beskrivning(korning)
        assert "**Obs:** Körningen kraschade kl." in beskrivning
        assert "startades om av sig själv" in beskrivning
        assert processens_pid(korning) != fryst  # a new process, not the frozen one
        svara_till_slut(system, korning, data)
        assert _tillstand(korning)[0] == "Completed"
    finally:
        stopp.set()
        vaktare.join()
        if fryst is not None:
            os.kill(fryst, signal.SIGKILL)  # the frozen one, now that the run has ended

    # Its worker now reports the frozen process's death: the run stays Completed.
    time.sleep(10)
    assert _tillstand(korning)[0] == "Completed"
    dnr = str(visningar.arende_for_korning(system.uow(), str(korning)).dnr)
    assert utforda(visningar.historik(system.uow(), dnr)) == [
        "registrera ärendet",
        "påbörja beredning",
        "registrera samverkan",
        "fastställa förslaget till beslut",
        "registrera handling",
    ]


def svarare_tillstand(korning: UUID) -> list[State]:
    with get_client(sync_client=True) as klient:
        return list(klient.read_flow_run_states(korning))
