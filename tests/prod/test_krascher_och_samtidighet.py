"""Crashes and concurrency on the production profile (issue 8).

The decision is the sammanträde run's (sammantrade/sammantrade): its Besluta command records
the § with the ärende's beslut, its protokollsutdrag and its frister in one transaction;
after the commit the nomination's reaction to the bifall follows.

A crash is made deterministic without any hook in the code (tests/prod/hjalp.py,
stoppad_efter_steget): the test holds an EXCLUSIVE lock on the `frist` table, which the
runner writes last in a step's transaction, and once the step waits there, asks for the
`arende` table in ACCESS EXCLUSIVE mode, which is granted the moment the step commits. The
flow run's process then waits at its next read of an ärende, provably between "the step is
recorded" and "the flow moved on". The test sees the wait in pg_locks, kills the process
with SIGKILL, releases the lock, and restarts the crashed run as an operator would
(Prefect's Retry: the run is set to Scheduled and a worker picks it up). The replay must do
nothing twice.
"""

from __future__ import annotations

import contextvars
import threading
from typing import Any
from uuid import UUID

import pytest

from arende.domain.handling import Handlingstyp
from arende.service_layer import handlingar, visningar
from arende.service_layer.kommandon import SYSTEMET
from arende.service_layer.regler import OPPNA_TAVLINGSBIDRAGEN
from deployments import svarare
from tests.prod.hjalp import (
    MOTEN,
    Profil,
    doda,
    exempel_for,
    hela_vagen,
    krascha_efter_steg,
    som_for,
    starta_nominering,
    starta_om,
    stegmodell_for,
    stoppad_efter_steget,
    system_for,
    vanta_pa_krasch,
)
from tests.seed000 import exempel
from tests.stegordning import HELA_VAGEN

pytestmark = [pytest.mark.prod, pytest.mark.postgres, pytest.mark.timeout(600)]


def test_dodad_mitt_i_flodet_slutar_som_en_ostord_korning(produktion: Profil) -> None:
    _, url, _ = produktion
    system = system_for(produktion)
    data = exempel_for(MOTEN["krasch"])
    korning: UUID | None = None

    # 1. The ärende's run killed right after the registration committed, before it moved on.
    def starta() -> None:
        nonlocal korning
        korning = starta_nominering(data)

    with stoppad_efter_steget(url, starta):
        assert korning is not None
        doda(korning)
    arende = visningar.arende_for_korning(system.uow(), str(korning))
    assert arende.skede.value == "registrerat"
    vanta_pa_krasch(korning)
    starta_om(korning)

    dodade = 1

    def efter_beslutet(run: UUID, nyckel: str, modell: Any, svar: dict[str, Any]) -> bool:
        nonlocal dodade
        if not nyckel.startswith("beslut-"):
            return False
        # 2. The sammanträde's run killed after the decision was recorded (with its
        # protokollsutdrag and frister), before the run moved on: the nomination's reaction
        # to the bifall reads the ärende next.
        krascha_efter_steg(
            url, run, lambda: svarare.svara(run, modell, svar, som_for(nyckel, data))
        )
        arende = visningar.arende_for_korning(system.uow(), str(korning))
        # Decided and, omedelbart justerad, justerat in the same transaction; once.
        assert arende.skede.value == "justerat" and len(arende.beslut) == 1, arende.skede
        dodade += 1
        return True

    korningar = hela_vagen(system, data, efter_beslutet, nominering=korning)

    assert dodade == 2
    assert [n.rsplit("-", 1)[0] for n in korningar["arende"][1]] == [
        "samverkan-1",
        "faststall-1",
    ]
    arende = visningar.arende_for_korning(system.uow(), str(korning))
    dnr = str(arende.dnr)
    assert arende.skede.value == "avslutat"
    assert len(arende.beslut) == 1
    # No duplicate dnr: one ärende for the run, and the series has no gap.
    rader = [r for r in visningar.diarium(system.uow()) if r.dnr == dnr]
    assert len(rader) == 1
    # The same steps as an uninterrupted run, each exactly once (tests/flows checks that run).
    handelser = visningar.historik(system.uow(), dnr)
    utforda = [
        e.handling
        for e in handelser
        if e.innehall.get("utfall") == "utförd"
        and e.handling not in ("registrera PDF", "uppdatera frister")
    ]
    assert utforda == HELA_VAGEN
    # No refusal but the system's reaction to the bifall, once: 2008 has no question set
    # for the tävlingsbidrag (the reaction is replayed after the crash, not logged again).
    assert [(e.handling, e.aktor) for e in handelser if e.innehall.get("utfall") == "avvisad"] == [
        (OPPNA_TAVLINGSBIDRAGEN, SYSTEMET)
    ]
    # The sammanträde has one § for the ärende, decided once.
    s = visningar.sammantrade(system.uow(), "Socialtjänstnämnden", MOTEN["krasch"])
    assert s is not None and s.status.value == "anslaget"
    assert [p.dnr for p in s.paragrafer if p.dnr] == [dnr]
    # Each document once, version 1, and its file as registered.
    dokument = handlingar.handlingar(system.uow(), dnr)
    assert [(d.typ, d.version) for d in dokument] == [
        (Handlingstyp.TJANSTEUTLATANDE, 1),
        (Handlingstyp.PROTOKOLLSUTDRAG, 1),
        (Handlingstyp.ANSLAG, 1),
    ]
    assert sum(e.handling == "registrera PDF" for e in handelser) <= len(dokument)
    # The chain is whole: no gap, no duplicate, every file matches its sha256.
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)


def test_tva_svarar_pa_samma_formular_samtidigt(produktion: Profil) -> None:
    """Two handläggare press Submit on the same waiting form at the same moment: the ärende
    takes exactly one answer, once, and the other is told in Swedish that it was not used
    (Prefect's server answers the second with ABORT or 409; svarare says so)."""
    system = system_for(produktion)
    data = exempel()
    korning = starta_nominering(data)
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == "samverkan-1-1"

    start = threading.Barrier(2)
    utfall: dict[str, str] = {}

    def svara(anteckning: str) -> None:
        svar = dict(data["svar"]["samverkan"], anteckning=anteckning)
        start.wait()
        try:
            svarare.svara(
                korning, stegmodell_for(system, "samverkan"), svar, data["som"]["samverkan"]
            )
            utfall[anteckning] = "tagen"
        except Exception as fel:  # noqa: BLE001 - the refusal is what is checked
            utfall[anteckning] = f"avvisad: {fel}"

    # Each thread with a copy of our context: Prefect's settings (the API URL) live in a
    # context variable, and a thread without it would start a temporary server of its own.
    tradar = [
        threading.Thread(target=contextvars.copy_context().run, args=(svara, a))
        for a in ("Första svaret", "Andra svaret")
    ]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join()

    tagna = [a for a, u in utfall.items() if u == "tagen"]
    assert tagna, utfall
    # Whatever Prefect said to each, the ärende took exactly one answer, once.
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == "faststall-1-1"
    arende = visningar.arende_for_korning(system.uow(), str(korning))
    assert arende.samverkan is not None and arende.samverkan.anteckning in tagna
    samverkan = [
        e
        for e in visningar.historik(system.uow(), str(arende.dnr))
        if e.handling == "registrera samverkan"
    ]
    assert len(samverkan) == 1
    assert len(tagna) == 1, utfall
    (avvisning,) = [u for u in utfall.values() if u != "tagen"]
    assert "Formuläret har redan besvarats" in avvisning, avvisning
