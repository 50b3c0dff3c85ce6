"""Crashes and concurrency on the production profile (issue 8).

A crash is made deterministic without any hook in the code: the test holds an EXCLUSIVE lock
on the `frist` table, which lets every read through but stops the first write of frister.
The flow writes frister right after a step has committed (registration, a decision), so the
flow run's process is then provably between "the step is recorded" and "the flow moved on".
The test sees the wait in pg_locks, kills the process with SIGKILL, releases the lock, and
restarts the crashed run as an operator would (Prefect's Retry: the run is set to Scheduled
and a worker picks it up). The replay must do nothing twice.
"""

from __future__ import annotations

import contextvars
import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
import pytest
from flows.demo import DEPLOYMENT, FORMULAR
from flows.formular import SamverkanSvar
from flows.up_prod import Produktion
from prefect.client.orchestration import get_client
from prefect.states import Scheduled
from sqlalchemy.engine import make_url

from arende.adapters.arkiv import Filarkiv
from arende.bootstrap import Arendesystem, starta
from arende.domain.handling import Handlingstyp
from arende.service_layer import handlingar, visningar
from flows import svarare
from tests.seed000 import exempel
from tests.stegordning import HELA_VAGEN

pytestmark = [pytest.mark.prod, pytest.mark.postgres, pytest.mark.timeout(600)]

Profil = tuple[Produktion, str, Path]


def _system(profil: Profil) -> Arendesystem:
    _, url, arkiv = profil
    system = starta(url)
    system.arkiv = Filarkiv(arkiv)
    return system


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def frister_lasta(url: str) -> Iterator[psycopg.Connection[Any]]:
    """Hold an EXCLUSIVE lock on `frist` until the block ends (reads pass, writes wait)."""
    with psycopg.connect(_dsn(url)) as anslutning:
        anslutning.execute("LOCK TABLE frist IN EXCLUSIVE MODE")
        try:
            yield anslutning
        finally:
            anslutning.rollback()


def vanta_pa_lasvantan(url: str, tidsgrans: float = 180) -> None:
    """Until another session waits for our lock on `frist`."""
    slut = time.monotonic() + tidsgrans
    with psycopg.connect(_dsn(url), autocommit=True) as a:
        while time.monotonic() < slut:
            vantar = a.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'frist' AND NOT l.granted"
            ).fetchone()
            if vantar and vantar[0]:
                return
            time.sleep(0.05)
    raise TimeoutError("Ingen körning väntade på fristerna")


def doda(korning: UUID) -> int:
    """SIGKILL the process that runs the flow run (the worker's child)."""
    pid = int(str(svarare.las(korning).infrastructure_pid).rsplit(":", 1)[-1])
    os.kill(pid, signal.SIGKILL)
    return pid


def vanta_pa_krasch(korning: UUID, tidsgrans: float = 120) -> None:
    """Until the run is Crashed and both of the worker's reports are in. Prefect 3.8.8's
    process worker reports a killed run twice (its runner when the process exits, then the
    submission a few seconds later); a restart between the two would be marked Crashed
    again by the second, so both are awaited (or 20 s after the first)."""
    slut = time.monotonic() + tidsgrans
    forsta: float | None = None
    with get_client(sync_client=True) as klient:
        while time.monotonic() < slut:
            tillstand = klient.read_flow_run(korning).state
            if tillstand is not None and tillstand.is_crashed():
                forsta = forsta or time.monotonic()
                kraschade = [s for s in klient.read_flow_run_states(korning) if s.is_crashed()]
                if len(kraschade) - _tidigare_krascher.get(korning, 0) >= 2 or (
                    time.monotonic() - forsta > 20
                ):
                    _tidigare_krascher[korning] = len(kraschade)
                    return
            time.sleep(0.3)
    raise TimeoutError(f"Körningen {korning} markerades inte som kraschad")


_tidigare_krascher: dict[UUID, int] = {}


def starta_om(korning: UUID) -> None:
    """What an operator's Retry does: the crashed run is scheduled again for the workers."""
    with get_client(sync_client=True) as klient:
        klient.set_flow_run_state(korning, Scheduled(), force=True)


def krascha_efter_steg(url: str, korning: UUID, gor: Any = None) -> None:
    """Do `gor` (start or answer) while frister are locked; kill the run's process once it
    waits to write them, i.e. after its step committed; restart it."""
    with frister_lasta(url):
        if gor is not None:
            gor()
        vanta_pa_lasvantan(url)
        doda(korning)
    vanta_pa_krasch(korning)
    starta_om(korning)


def test_dodad_mitt_i_flodet_slutar_som_en_ostord_korning(produktion: Profil) -> None:
    _, url, _ = produktion
    system = _system(produktion)
    data = exempel()
    korning: UUID | None = None

    def starta_korning() -> None:
        nonlocal korning
        korning = svarare.starta(DEPLOYMENT, {"uppgifter": data["uppgifter"]})

    # 1. Killed right after the registration committed, before the flow moved on.
    with frister_lasta(url):
        starta_korning()
        assert korning is not None
        vanta_pa_lasvantan(url)
        arende = visningar.arende_for_korning(system.uow(), str(korning))
        assert arende.skede.value == "registrerat"
        doda(korning)
    vanta_pa_krasch(korning)
    starta_om(korning)

    dodade = 1
    while (nyckel := svarare.vanta_pa_formular(korning, tidsgrans=300)) is not None:
        steg = nyckel.split("-")[0]
        modell, _ = FORMULAR[steg]
        svar = dict(data["svar"][steg])
        if steg == "beslut":
            svar["paragraf"] = visningar.nasta_paragraf(system.uow(), "Socialtjänstnämnden", 2008)
            # 2. Killed after the decision was recorded, before the flow moved on.
            krascha_efter_steg(url, korning, lambda s=svar, m=modell: svarare.svara(korning, m, s))
            arende = visningar.arende_for_korning(system.uow(), str(korning))
            assert arende.skede.value == "beslutat" and len(arende.beslut) == 1
            dodade += 1
            continue
        svarare.svara(korning, modell, svar)

    assert dodade == 2
    arende = visningar.arende_for_korning(system.uow(), str(korning))
    dnr = str(arende.dnr)
    assert arende.skede.value == "avslutat"
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
    assert not [e for e in handelser if e.innehall.get("utfall") == "avvisad"]
    # Each document once, version 1, and its file as registered.
    dokument = handlingar.handlingar(system.uow(), dnr)
    assert [(d.typ, d.version) for d in dokument] == [
        (Handlingstyp.TJANSTEUTLATANDE, 1),
        (Handlingstyp.KALLELSE, 1),
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
    system = _system(produktion)
    data = exempel()
    korning = svarare.starta(DEPLOYMENT, {"uppgifter": data["uppgifter"]})
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == "samverkan-1-1"

    start = threading.Barrier(2)
    utfall: dict[str, str] = {}

    def svara(anteckning: str) -> None:
        svar = dict(data["svar"]["samverkan"], anteckning=anteckning)
        start.wait()
        try:
            svarare.svara(korning, SamverkanSvar, svar)
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
