"""Crashes in the middle of a document and in the middle of a reminder (issue 8).

A document is drawn up inside its step's transaction (the tjänsteutlåtande in the ärende
run's fastställande, the protokollsutdrag in the sammanträde run's beslut): the Word file is written to the
archive, then registered as a handling (INSERT INTO handling) and logged, then committed.
Holding an EXCLUSIVE lock on `handling` stops the flow run's process at that INSERT: the file
is on disk, nothing of the step is in the database. The process is killed there and the run
restarted as an operator's Retry does; the replay must draw the document up once, under the
same number, with a file that matches its sha256.

A reminder is sent by the scheduler process in one transaction: the record (INSERT INTO
paminnelse), the audit event, the mail, then commit. A lock on `paminnelse` stops it before
the mail; it is killed there and started again: one reminder, one mail, one audit event. The
sent reminder starts a `paminnelse` flow run on the workers; that run's process is killed
while it reads the reminder (ACCESS EXCLUSIVE stops reads) and restarted by the scheduler's
crash watch, with the workers' double crash report: it shows it once.
(On the last vardag before the anslag's frist, a Friday, that frist's reminder is due too:
each is then sent once, with its mail, audit event and run.)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import WorkPoolUpdate
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
from prefect.client.schemas.objects import FlowRun
from prefect.client.schemas.sorting import FlowRunSort

from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.handling import Handlingstyp
from arende.domain.omstart import ATERSTARTAS
from arende.domain.sammantradesplan import Sammantradesplan
from arende.entrypoints.schemalaggare import SENT_GRANS
from arende.service_layer import handlingar, visningar
from arende.service_layer.frister import frister_for
from arende.service_layer.kommandon import SYSTEMET
from arende.service_layer.paminnelser import paminnelser_for, planera_paminnelser
from arende.service_layer.regler import OPPNA_TAVLINGSBIDRAGEN
from deployments import svarare
from deployments.lokal_prefect import prefect_miljo
from deployments.up_prod import process
from flows.handlingar import artefakter
from tests import hjalp
from tests.postlada import postserver
from tests.prod.hjalp import (
    MOTEN,
    Profil,
    doda,
    dsn,
    exempel_for,
    hela_vagen,
    som_for,
    starta_nominering,
    starta_om,
    system_for,
    tabell_last,
    vanta_pa_krasch,
    vanta_pa_lasvantan,
)
from tests.stegordning import HELA_VAGEN

pytestmark = [pytest.mark.prod, pytest.mark.postgres, pytest.mark.timeout(600)]

# The forms whose step draws up one of the ärende's documents, and the document: the
# fastställande in the ärende's run, the beslut in the sammanträde's run.
DOKUMENTSTEG = {
    "faststall": Handlingstyp.TJANSTEUTLATANDE,
    "beslut": Handlingstyp.PROTOKOLLSUTDRAG,
}


def vantande_fraga(url: str, tabell: str) -> str:
    """What the session that waits for `tabell` is doing (its current statement)."""
    with psycopg.connect(dsn(url), autocommit=True) as a:
        rad = a.execute(
            "SELECT s.query FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "JOIN pg_stat_activity s ON s.pid = l.pid AND s.datname = current_database() "
            "WHERE c.relname = %s AND NOT l.granted "
            "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            (tabell,),
        ).fetchone()
    return str(rad[0]) if rad else ""


def test_dodad_mitt_i_dokumentet_slutar_som_en_ostord_korning(produktion: Profil) -> None:
    _, url, arkiv = produktion
    system = system_for(produktion)
    data = exempel_for(MOTEN["dokument"])
    korning = starta_nominering(data)
    dodade: list[Handlingstyp] = []

    def mitt_i_dokumentet(run: UUID, nyckel: str, modell: Any, svar: dict[str, Any]) -> bool:
        typ = DOKUMENTSTEG.get(nyckel.split("-")[0])
        if typ is None:
            return False
        dnr = str(visningar.arende_for_korning(system.uow(), str(korning)).dnr)
        fore = handlingar.handlingar(system.uow(), dnr)
        with tabell_last(url, "handling"):
            svarare.svara(run, modell, svar, som_for(nyckel, data))
            vanta_pa_lasvantan(url, "handling")
            # Stopped at the registration of this very document, not at anything else.
            assert (
                vantande_fraga(url, "handling").lstrip().upper().startswith("INSERT INTO HANDLING")
            ), vantande_fraga(url, "handling")
            # Mid document: its Word file is already in the archive, unregistered.
            mapp = arkiv / dnr.replace(" ", "-").replace("/", "-")
            filer = {p.name for p in mapp.glob("*.docx")}
            registrerade = {Path(h.fil).name for h in fore}
            assert any(f.endswith(f"{_ascii(typ.value)}.docx") for f in filer - registrerade)
            doda(run)
        vanta_pa_krasch(run)
        # Nothing of the killed step was stored: the same handlingar as before it.
        assert handlingar.handlingar(system.uow(), dnr) == fore
        starta_om(run)
        dodade.append(typ)
        return True

    hela_vagen(system, data, mitt_i_dokumentet, nominering=korning)

    assert dodade == list(DOKUMENTSTEG.values())
    arende = visningar.arende_for_korning(system.uow(), str(korning))
    dnr = str(arende.dnr)
    assert arende.skede.value == "avslutat"
    assert len([r for r in visningar.diarium(system.uow()) if r.dnr == dnr]) == 1
    handelser = visningar.historik(system.uow(), dnr)
    utforda = [
        e.handling
        for e in handelser
        if e.innehall.get("utfall") == "utförd"
        and e.handling not in ("registrera PDF", "uppdatera frister")
    ]
    assert utforda == HELA_VAGEN
    # No refusal but the system's reaction to the bifall, once: 2008 has no question set
    # for the tävlingsbidrag.
    assert [(e.handling, e.aktor) for e in handelser if e.innehall.get("utfall") == "avvisad"] == [
        (OPPNA_TAVLINGSBIDRAGEN, SYSTEMET)
    ]
    dokument = handlingar.handlingar(system.uow(), dnr)
    assert [(d.nummer, d.typ, d.version) for d in dokument] == [
        (1, Handlingstyp.TJANSTEUTLATANDE, 1),
        (2, Handlingstyp.PROTOKOLLSUTDRAG, 1),
        (3, Handlingstyp.ANSLAG, 1),
    ]
    # At most one PDF each (none without LibreOffice), and no file but the registered ones:
    # the killed attempt's Word file was replaced by the replay's, under the same name.
    assert sum(e.handling == "registrera PDF" for e in handelser) <= len(dokument)
    mapp = arkiv / dnr.replace(" ", "-").replace("/", "-")
    registrerade = {d.fil for d in dokument} | {d.pdf_fil for d in dokument if d.pdf_fil}
    pa_disk = {str(p.relative_to(arkiv)) for p in mapp.iterdir()}
    assert pa_disk == registrerade
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)


def _ascii(text: str) -> str:
    return text.replace("å", "a").replace("ä", "a").replace("ö", "o").replace(" ", "-")


# -- reminders -------------------------------------------------------------------------


def registrera_med_frist_i_dag(profil: Profil) -> str:
    """An ärende whose sammanträde, with omedelbar justering, is today: the justering's
    frist is today. With the lead time 1 vardag its reminder was due at 08:00 on the last
    vardag, and no other reminder or escalation is due yet, whatever the time of day.

    The registration checks the sammanträde against the nämnd's plan and the time needed to
    prepare it: today is put in this year's plan, and the ärende registered eight weeks ago
    (as a registration in time would have been). 2019's award has no sista dag, so the
    sammanträde may be any day of the plan."""
    system = system_for(profil)
    idag = datetime.now(STOCKHOLM).date()
    with system.uow() as uow:
        plan = uow.planer.plan(hjalp.NAMND, idag.year)
        if plan is None:
            plan = Sammantradesplan(hjalp.NAMND, idag.year, (idag,))
        elif idag not in plan.datum:
            plan = replace(plan, datum=(*plan.datum, idag))
        uow.planer.spara(plan)
        uow.commit()
    return hjalp.registrera(
        system,
        "nominering",
        {
            "utmarkelsear": 2019,
            "enheter": [
                {"namn": "Enheten för påminnelser", "klass": "socialtjänst", "beskrivning": ""}
            ],
            "omedelbar_justering": "ja",
        },
        sammantrade=idag,
        registreringsdatum=idag - timedelta(weeks=8),
        nyckel_=f"paminnelse-{time.time_ns()}",
    )


def paminnelsekorningar(dnr: str) -> list[FlowRun]:
    with get_client(sync_client=True) as klient:
        return klient.read_flow_runs(
            flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[f"ärende:{dnr}"])),
            limit=50,
            sort=FlowRunSort.START_TIME_DESC,
        )


def vanta_pa(villkor: Any, beskrivning: str, tidsgrans: float = 120) -> Any:
    slut = time.monotonic() + tidsgrans
    while time.monotonic() < slut:
        if resultat := villkor():
            return resultat
        time.sleep(0.3)
    raise TimeoutError(f"{beskrivning} inom {tidsgrans} s")


@contextmanager
def pausad_arbetspool(namn: str) -> Iterator[Callable[[], None]]:
    """No worker takes a run from the pool until the returned function is called or the
    block ends (also when the test fails: the pool is shared by the session)."""

    def fortsatt() -> None:
        with get_client(sync_client=True) as klient:
            klient.update_work_pool(namn, WorkPoolUpdate(is_paused=False))

    with get_client(sync_client=True) as klient:
        klient.update_work_pool(namn, WorkPoolUpdate(is_paused=True))
    try:
        yield fortsatt
    finally:
        fortsatt()


def alla(lista: list[Any], antal: int) -> list[Any]:
    """The list once it has all `antal` items, else empty (for vanta_pa)."""
    return lista if len(lista) == antal else []


def forfallna(system: Arendesystem, dnr: str) -> set[tuple[int, int]]:
    """The ärende's reminders due by now at the lead time 1 vardag, as (frist, lead time):
    the justering's (its frist is today), and on the last vardag before the anslag's frist
    (a Friday: the anslag is due on Monday) the anslag's too."""
    egna = {f.id for f in frister_for(system.uow(), dnr)}
    nu = datetime.now(UTC)
    return {
        (p.frist_id, p.ledtid)
        for p in planera_paminnelser(system.uow(), system.kalender, (1,), nu, SENT_GRANS)
        if p.frist_id in egna and p.tid <= nu
    }


def test_paminnelsen_skickas_en_gang_fast_schemalaggaren_och_korningen_dodas(
    produktion: Profil,
) -> None:
    profil, url, _ = produktion
    system = system_for(produktion)
    dnr = registrera_med_frist_i_dag(produktion)
    justering = next(f for f in frister_for(system.uow(), dnr) if f.frist.typ.value == "justering")
    assert justering.frist.datum == datetime.now(STOCKHOLM).date()
    vantade = forfallna(system, dnr)
    assert (justering.id, 1) in vantade and len(vantade) <= 2, vantade
    with ExitStack() as stack:
        postlada, port = stack.enter_context(postserver())
        miljo = prefect_miljo(
            profil.api_url,
            profil.hem,
            ARENDE_SMTP_HOST="127.0.0.1",
            ARENDE_SMTP_PORT=str(port),
            ARENDE_PAMINNELSE_LEDTIDER="1",
        )
        argv = [sys.executable, "-m", "arende.entrypoints.schemalaggare"]
        logg = profil.hem / "schemalaggare-test.log"

        # 1. The scheduler is killed while it records a reminder, before the mail.
        with tabell_last(url, "paminnelse"):
            forsta = stack.enter_context(process(argv, miljo, logg))
            vanta_pa_lasvantan(url, "paminnelse", tidsgrans=120)
            fraga = vantande_fraga(url, "paminnelse")
            assert fraga.lstrip().upper().startswith("INSERT INTO PAMINNELSE"), fraga
            forsta.kill()
            forsta.wait()
        assert paminnelser_for(system.uow(), dnr) == []
        assert postlada.brev == []
        assert not [
            e for e in visningar.historik(system.uow(), dnr) if e.handling == "skicka påminnelse"
        ]

        # 2. Started again; the pool is paused so that the reminders' runs wait for us.
        pool = miljo["ARENDE_ARBETSPOOL"]
        with pausad_arbetspool(pool) as fortsatt:
            stack.enter_context(process(argv, miljo, logg))
            skickade = vanta_pa(
                lambda: alla(paminnelser_for(system.uow(), dnr), len(vantade)),
                f"{len(vantade)} påminnelser skickades inte",
            )
            (post,) = [p for p in skickade if p.frist_id == justering.id]
            korningar = vanta_pa(
                lambda: alla(paminnelsekorningar(dnr), len(vantade)),
                f"{len(vantade)} påminnelsekörningar startades inte",
            )
            (korning,) = [k for k in korningar if k.parameters.get("paminnelse_id") == post.id]
            # 3. The justering reminder's run is killed while it reads the reminder (every
            # run waits at that read); the running scheduler's crash watch restarts it, with
            # no one pressing Retry (arende.adapters.kraschvakt).
            with tabell_last(url, "paminnelse", "ACCESS EXCLUSIVE"):
                fortsatt()
                vanta_pa_lasvantan(url, "paminnelse", antal=len(vantade), tidsgrans=180)
                fraga = vantande_fraga(url, "paminnelse")
                assert fraga.lstrip().upper().startswith("SELECT"), fraga
                vanta_pa(lambda: svarare.las(korning.id).infrastructure_pid, "Ingen process")
                doda(korning.id)
        for k in korningar:
            # Crashed for a while (a final state, which vanta_pa_formular would report), then
            # restarted by the watch and completed.
            vanta_pa(lambda k=k: svarare.las(k.id).state.is_completed(), "Klar", tidsgrans=180)
        with get_client(sync_client=True) as klient:
            tillstand = klient.read_flow_run_states(korning.id)
        assert any(t.is_crashed() for t in tillstand)
        assert [t.name for t in tillstand if t.name == ATERSTARTAS] == [ATERSTARTAS]

        # One reminder per frist due, one mail and one audit event each: as if nothing had
        # been killed.
        assert paminnelser_for(system.uow(), dnr) == skickade
        assert {(p.frist_id, p.ledtid) for p in skickade} == vantade
        assert (post.fristtyp, post.fristdatum, post.ledtid) == (
            "justering",
            datetime.now(STOCKHOLM).date(),
            1,
        )
        assert sorted(postlada.amnen()) == sorted(p.amne for p in skickade)
        skickat = [
            e for e in visningar.historik(system.uow(), dnr) if e.handling == "skicka påminnelse"
        ]
        assert len(skickat) == len(vantade)
        assert sorted(k.id for k in paminnelsekorningar(dnr)) == sorted(k.id for k in korningar)
        # The restarted run shows the reminder, once.
        assert len(artefakter(korning.id, [f"paminnelse-{post.id}"])) == 1
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)
