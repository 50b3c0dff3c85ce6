"""Frister and reminders against the real database (SQLite and PostgreSQL) and a real SMTP
server (aiosmtpd on loopback). Time is a settable clock: the scheduler's idea of "now" is
moved forward by days, nothing sleeps.

Seed 000's ärende (registered 14 April 2008, sammanträde 13 May, omedelbar justering) has
three frister that need action: justering 13 May, anslag 15 May, nominering 19 May. With the
default lead times 10, 5 and 1 vardagar the first reminder is justering's, on 28 April 08:00.
"""

from __future__ import annotations

import pickle
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from apscheduler.job import Job
from apscheduler.triggers.date import DateTrigger
from sqlalchemy import event, func, select, text
from sqlmodel import Session

from arende.adapters.epost import SmtpBrevlada
from arende.adapters.grunddatafil import las_grunddata
from arende.adapters.schemalaggning import KEDJEHUVUDJOBB, Avstamning, paminnelsejobb
from arende.adapters.tabeller import FristRad, GranskningsloggRad, PaminnelseRad
from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import OgiltigUppgift
from arende.domain.frister import Fristtyp
from arende.domain.organisation import Person
from arende.domain.paminnelser import ESKALERING, paminnelsetid
from arende.domain.roller import Roll
from arende.domain.sammantradesplan import Sammantradesprovning, prova_sammantrade
from arende.domain.skeden import Utfall
from arende.entrypoints.schemalaggare import SENT_GRANS, Paminnelsetjanst
from arende.service_layer import frister as fs
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from arende.service_layer.grunddata import las_in_grunddata
from arende.service_layer.paminnelser import jobb_id, paminnelser_for, skicka_paminnelse
from tests import hjalp, seed000
from tests.integration.test_arendeflode_i_databasen import ogonblicksbild, registrera, utom
from tests.postlada import Postlada, ledig_port

LENA = "lena.murray@stockholm.example"
EDDIE = "eddie.friberg@stockholm.example"


class Stallbar:
    """The scheduler's clock: a point in Swedish time that the test moves."""

    def __init__(self, tid: datetime) -> None:
        self.tid = tid

    def __call__(self) -> datetime:
        return self.tid

    def satt(self, dag: str, timme: int = 8, minut: int = 0) -> None:
        self.tid = datetime.combine(
            date.fromisoformat(dag),
            datetime.min.time().replace(hour=timme, minute=minut),
            STOCKHOLM,
        )


@pytest.fixture
def klocka() -> Stallbar:
    k = Stallbar(datetime(2008, 4, 14, 9, 0, tzinfo=STOCKHOLM))
    return k


def tjanst(system: Arendesystem, port: int, klocka: Stallbar, **k: Any) -> Paminnelsetjanst:
    argument: dict[str, Any] = {"klocka": klocka, "vantetid": 0.05}
    argument.update(k)
    return Paminnelsetjanst(
        system,
        SmtpBrevlada("127.0.0.1", port, "arende@stockholm.example", tidsgrans=5),
        argument.pop("ledtider", (10, 5, 1)),
        **argument,
    )


@pytest.fixture(name="seed000")
def seed000_fixture(system: Arendesystem) -> str:
    """Seed 000's ärende, registered: the runner stored its frister in the same transaction."""
    return registrera(system, registreringsdatum=date(2008, 4, 14))


def rader(system: Arendesystem, tabell: Any) -> int:
    with Session(system.motor) as s:
        return int(s.execute(select(func.count()).select_from(tabell)).scalar_one())


@pytest.fixture
def tjanster() -> Iterator[list[Paminnelsetjanst]]:
    """Every scheduler a test starts is stopped at the end, whatever happens."""
    lista: list[Paminnelsetjanst] = []
    yield lista
    for t in lista:
        t.stoppa()


# -- frister in the database ------------------------------------------------------------


def test_frister_lagras_och_ar_idempotenta(system: Arendesystem, seed000: str) -> None:
    lagrade = fs.frister_for(system.uow(), seed000)
    assert [(f.frist.typ.value, f.frist.datum.isoformat()) for f in lagrade] == [
        ("justering", "2008-05-13"),
        ("anslag", "2008-05-15"),
        ("nominering", "2008-05-19"),
    ]
    fore = ogonblicksbild(system)
    fs.uppdatera_frister(seed000, system.uow(), system.beroenden)
    assert ogonblicksbild(system) == fore  # no change, no audit line
    handelser = [x.handling for x in h_historik(system, seed000)]
    assert handelser.count("uppdatera frister") == 1


def h_historik(system: Arendesystem, dnr: str) -> list[Any]:
    with system.uow() as uow:
        return uow.logg.for_arende(dnr)


def test_frister_foljer_arendet_hela_vagen(system: Arendesystem, seed000: str) -> None:
    ids_fore = {f.frist.typ: f.id for f in fs.frister_for(system.uow(), seed000)}
    driv(system, seed000)
    frister = fs.uppdatera_frister(seed000, system.uow(), system.beroenden)
    assert {f.typ.value: f.datum.isoformat() for f in frister} == {
        "justering": "2008-05-13",
        "anslag": "2008-05-15",
        "nominering": "2008-05-19",
        "overklagande": "2008-06-04",
        "laga_kraft": "2008-06-05",
    }
    lagrade = {f.frist.typ: f for f in fs.frister_for(system.uow(), seed000)}
    # The rows kept their ids, so reminder jobs named after them stay the same.
    assert all(lagrade[t].id == i for t, i in ids_fore.items())
    assert lagrade[Fristtyp.JUSTERING].frist.klar and lagrade[Fristtyp.ANSLAG].frist.klar
    markdown = fs.frister_som_markdown(seed000, frister)
    assert "| 4 juni 2008 | Överklagandetiden löper ut | löper |" in markdown


def test_frist_fore_registreringen_lagras_inte(system: Arendesystem, seed000: str) -> None:
    with system.uow() as uow:
        ar = uow.grunddata.utmarkelsear(2008)
        from dataclasses import replace

        uow.grunddata.spara_utmarkelsear(replace(ar, sista_dag=date(2008, 4, 10)))
        uow.commit()
    fore = ogonblicksbild(system)
    with pytest.raises(OgiltigUppgift, match="ligger före registreringen"):
        fs.uppdatera_frister(seed000, system.uow(), system.beroenden)
    assert ogonblicksbild(system) == fore


def provning(
    system: Arendesystem, namnd: str, sammantrade: date, fran: date, utmarkelsear: int
) -> Sammantradesprovning:
    """The check the registration makes, with the nämnd's stored plan and the award's
    stored sista dag."""
    with system.uow() as uow:
        plan = uow.planer.plan(namnd, sammantrade.year)
        justeringsdagar = uow.planer.justeringsdagar(namnd)
        sista_dag = uow.grunddata.utmarkelsear(utmarkelsear).sista_dag
    return prova_sammantrade(
        sammantrade,
        plan,
        namnd=namnd,
        fran=fran,
        sista_dag=sista_dag,
        kalender=system.kalender,
        justeringsdagar=justeringsdagar,
    )


def test_sammantradet_provas_mot_planen(system: Arendesystem) -> None:
    fore = ogonblicksbild(system)
    p = provning(system, "socialtjänstnämnden", date(2008, 5, 13), date(2008, 4, 14), 2008)
    assert p.omedelbar_justering_kravs
    assert p.kallelse_senast == date(2008, 5, 6)
    assert ogonblicksbild(system) == fore
    # The registration makes that check against the stored plan, and refuses, logging only
    # its refusal.
    with pytest.raises(OgiltigUppgift, match="inget sammanträde den 14 maj 2008"):
        registrera(system, planerat_sammantrade=date(2008, 5, 14))
    with pytest.raises(OgiltigUppgift, match="ingen sammanträdesplan för 2009"):
        registrera(
            system, planerat_sammantrade=date(2009, 5, 12), registreringsdatum=date(2009, 4, 14)
        )
    assert utom(ogonblicksbild(system)) == utom(fore)
    # And a registration it lets through proposes the omedelbar justering the plan calls for.
    dnr = registrera(system)
    assert hjalp.arende(system, dnr).foreslagen_omedelbar_justering


def test_planen_och_justeringsfristen_lases_in(system: Arendesystem) -> None:
    with system.uow() as uow:
        plan = uow.planer.plan("Socialtjänstnämnden", 2026)
        assert plan is not None and date(2026, 5, 19) in plan.datum
        # klockan = "18:00" in grunddata.toml: every meeting of the plan begins then.
        assert {plan.klockan(d) for d in plan.datum} == {datetime.strptime("18:00", "%H:%M").time()}
        assert uow.planer.justeringsdagar("Socialtjänstnämnden") == 14
        assert uow.planer.plan("Östermalms stadsdelsnämnd", 2026) is None
        ostermalm = uow.planer.plan("Östermalms stadsdelsnämnd", 2020)
        assert ostermalm is not None and ostermalm.klockan(date(2020, 5, 14)) is None


def test_ogiltig_epost_lagras_inte(system: Arendesystem, tmp_path: Path) -> None:
    fore = ogonblicksbild(system)
    fel_person = Person(
        "Lena Murray",
        frozenset({Roll.HANDLAGGARE}),
        epost="lena.murray",
        namnd="Socialtjänstnämnden",
    )
    with pytest.raises(OgiltigUppgift, match="ingen giltig e-postadress"):
        las_in_grunddata(system.uow(), [], [fel_person], [])
    assert ogonblicksbild(system) == fore
    fil = tmp_path / "grunddata.toml"
    fil.write_text('[[person]]\nnamn = "X Y"\nroller = ["chef"]\nepost = "x@"\n', "utf-8")
    with pytest.raises(OgiltigUppgift, match="'x@' är ingen giltig e-postadress"):
        las_grunddata(fil)


# -- reminders ----------------------------------------------------------------------------


def test_paminnelse_i_ratt_tid_och_bara_en_gang(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    postlada, port = smtp
    t = tjanst(system, port, klocka)
    tjanster.append(t)
    assert t.starta()
    jobb = t.schemalaggare.jobb_ids()
    # three frister x (three lead times + escalation), and the daily publication
    assert len(jobb) == 3 * 4 + 1 and KEDJEHUVUDJOBB in jobb
    t.bearbeta()
    assert postlada.brev == []
    klocka.satt("2008-04-28", 7, 59)
    t.bearbeta()
    assert postlada.brev == []
    klocka.satt("2008-04-28", 8, 0)
    t.bearbeta()
    t.bearbeta()
    assert postlada.amnen() == ["Påminnelse: justering i SoN 2008/1 senast 13 maj 2008"]
    assert postlada.mottagare == [[LENA]]
    assert "om 10 vardagar" in postlada.brev[0].get_content()
    [post] = paminnelser_for(system.uow(), seed000)
    assert (post.fristtyp, post.ledtid, post.slag, post.till) == (
        "justering",
        10,
        "påminnelse",
        (LENA,),
    )
    logg = [x for x in h_historik(system, seed000) if x.handling == "skicka påminnelse"]
    assert len(logg) == 1 and logg[0].innehall["ledtid"] == 10
    # The thread finds nothing more either.
    time.sleep(0.2)
    assert len(postlada.brev) == 1


def test_omstart_skickar_inte_igen(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    postlada, port = smtp
    klocka.satt("2008-04-28", 9)
    forsta = tjanst(system, port, klocka)
    tjanster.append(forsta)
    assert forsta.starta()
    forsta.bearbeta()
    assert len(postlada.brev) == 1
    forsta.stoppa()
    andra = tjanst(system, port, klocka)
    tjanster.append(andra)
    assert andra.starta()
    andra.bearbeta()
    assert len(postlada.brev) == 1
    assert not any(i.endswith("justering") for i in andra.schemalaggare.jobb_ids())
    assert any(i.startswith("frist-") for i in andra.schemalaggare.jobb_ids())
    klocka.satt("2008-04-30", 8)
    andra.bearbeta()
    assert (
        postlada.amnen()[1] == "Påminnelse: anslag av justeringen i SoN 2008/1 senast 15 maj 2008"
    )
    assert rader(system, PaminnelseRad) == 2


def test_driftstopp_over_paminnelserna_ger_en_per_frist(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    """Down from 14 April to 13 May 09:00: several reminders per frist fell due meanwhile.
    On start each frist gets one mail, the nearest lead time still in the grace period."""
    postlada, port = smtp
    klocka.satt("2008-05-13", 9)
    t = tjanst(system, port, klocka)
    tjanster.append(t)
    assert t.starta()
    t.bearbeta()
    with system.uow() as uow:
        skickade = sorted((p.fristtyp, p.ledtid) for p in uow.paminnelser.for_arende(seed000))
    assert skickade == [("anslag", 5), ("justering", 1), ("nominering", 5)]
    assert len(postlada.brev) == 3
    assert any("om 4 vardagar" in str(b.get_content()) for b in postlada.brev)  # nominering
    # Later, each comes when due, once: nominering's last reminder, and the escalations of
    # justering (due 13 May, escalated 14 May) and anslag (due 15 May, escalated 16 May).
    klocka.satt("2008-05-16", 8)
    t.bearbeta()
    t.bearbeta()
    with system.uow() as uow:
        alla = sorted((p.fristtyp, p.ledtid) for p in uow.paminnelser.for_arende(seed000))
    assert sorted(set(alla) - set(skickade)) == [
        ("anslag", ESKALERING),
        ("justering", ESKALERING),
        ("nominering", 1),
    ]
    assert len(postlada.brev) == 6


def test_forsenad_frist_eskaleras_till_chefen(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    postlada, port = smtp
    klocka.satt("2008-05-20", 9)
    t = tjanst(system, port, klocka)
    tjanster.append(t)
    assert t.starta()
    t.bearbeta()
    eskaleringar = [
        (b, m)
        for b, m in zip(postlada.brev, postlada.mottagare, strict=True)
        if str(b["Subject"]).startswith("Försenat")
    ]
    amnen = sorted(str(b["Subject"]) for b, _ in eskaleringar)
    assert amnen == [
        "Försenat: anslag av justeringen i SoN 2008/1 senast 15 maj 2008",
        "Försenat: justering i SoN 2008/1 senast 13 maj 2008",
        "Försenat: sista dag för nominering i SoN 2008/1 senast 19 maj 2008",
    ]
    brev, mottagare = eskaleringar[0]
    assert brev["To"] == EDDIE and brev["Cc"] == LENA and sorted(mottagare) == [EDDIE, LENA]
    assert "Hej Eddie Friberg!" in brev.get_content()
    with system.uow() as uow:
        assert {p.ledtid for p in uow.paminnelser.for_arende(seed000)} == {ESKALERING}


def test_klar_frist_paminns_inte(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    driv(system, seed000)
    klocka.satt("2008-05-28", 9)
    t = tjanst(system, port := smtp[1], klocka)
    assert port
    tjanster.append(t)
    assert t.starta()
    t.bearbeta()
    assert smtp[0].brev == [] and set(t.schemalaggare.jobb_ids()) == {KEDJEHUVUDJOBB}


def test_smtp_nere_lagrar_inget_och_forsoker_igen(
    system: Arendesystem,
    seed000: str,
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    postlada = Postlada()
    port = ledig_port()  # nobody listens on it yet
    klocka.satt("2008-04-28", 8)
    t = tjanst(system, port, klocka)
    tjanster.append(t)
    assert t.starta()
    t.bearbeta()
    assert rader(system, PaminnelseRad) == 0
    assert not [x for x in h_historik(system, seed000) if x.handling == "skicka påminnelse"]
    server = Controller(postlada, hostname="127.0.0.1", port=port)
    server.start()
    try:
        klocka.satt("2008-04-28", 8, 14)
        t.bearbeta()
        assert postlada.brev == []  # the retry is 15 minutes later
        klocka.satt("2008-04-28", 8, 15)
        t.bearbeta()
        assert len(postlada.brev) == 1 and rader(system, PaminnelseRad) == 1
    finally:
        server.stop()


def test_ledtid_noll_eller_negativ_vagras(
    system: Arendesystem, seed000: str, klocka: Stallbar
) -> None:
    fore = ogonblicksbild(system)
    for ledtider in ((0,), (10, -1), ()):
        with pytest.raises(OgiltigUppgift, match="ledtid|Ledtiden"):
            tjanst(system, 1, klocka, ledtider=ledtider)
    assert ogonblicksbild(system) == fore
    with Session(system.motor) as s:
        assert s.execute(text("SELECT count(*) FROM paminnelsejobb")).scalar_one() == 0


# -- the audit chain's head, published daily ------------------------------------------------


def publicerade_dagar(system: Arendesystem) -> list[tuple[date, int]]:
    with system.uow() as uow:
        return [(h.datum, h.sekvens) for h in uow.kedjehuvuden.alla()]


def test_kedjehuvudet_publiceras_vid_start_och_strax_efter_midnatt(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    with system.uow() as uow:
        huvud = uow.logg.huvud()
    t = tjanst(system, smtp[1], klocka)
    tjanster.append(t)
    assert t.starta()
    t.bearbeta()
    # Today's head was missing: published at once, on start (14 April, 09:00).
    assert publicerade_dagar(system) == [(date(2008, 4, 14), huvud[0])]
    nasta = datetime(2008, 4, 15, 0, 5, tzinfo=STOCKHOLM)
    assert t.schemalaggare.jobb_ids()[KEDJEHUVUDJOBB] == nasta
    # The reconciliation every five minutes keeps it at tomorrow's time.
    t.avstam()
    assert t.schemalaggare.jobb_ids()[KEDJEHUVUDJOBB] == nasta
    klocka.satt("2008-04-15", 0, 4)
    t.bearbeta()
    assert len(publicerade_dagar(system)) == 1
    klocka.satt("2008-04-15", 0, 5)
    t.bearbeta()
    t.bearbeta()
    # The day's head covers the first publication's own event.
    assert publicerade_dagar(system) == [
        (date(2008, 4, 14), huvud[0]),
        (date(2008, 4, 15), huvud[0] + 1),
    ]
    assert t.schemalaggare.jobb_ids()[KEDJEHUVUDJOBB] == nasta + timedelta(days=1)
    assert visningar.verifiera(system.uow()).intakt


def test_omstart_samma_dag_publicerar_inte_igen(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    klocka.satt("2008-04-14", 0, 1)
    forsta = tjanst(system, smtp[1], klocka)
    tjanster.append(forsta)
    assert forsta.starta()
    forsta.bearbeta()
    assert publicerade_dagar(system) == []  # before 00:05: not yet
    assert forsta.schemalaggare.jobb_ids()[KEDJEHUVUDJOBB] == datetime(
        2008, 4, 14, 0, 5, tzinfo=STOCKHOLM
    )
    klocka.satt("2008-04-14", 0, 5)
    forsta.bearbeta()
    assert len(publicerade_dagar(system)) == 1
    forsta.stoppa()
    klocka.satt("2008-04-14", 13)
    andra = tjanst(system, smtp[1], klocka)
    tjanster.append(andra)
    fore = ogonblicksbild(system)
    assert andra.starta()
    andra.bearbeta()
    assert len(publicerade_dagar(system)) == 1
    assert utom(ogonblicksbild(system), ("paminnelsejobb", "schemalaggarlas")) == utom(
        fore, ("paminnelsejobb", "schemalaggarlas")
    )


def test_utan_laset_publiceras_inget(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    a = tjanst(system, smtp[1], klocka)
    b = tjanst(system, smtp[1], klocka)
    tjanster.extend([a, b])
    assert a.starta()
    a.bearbeta()
    assert len(publicerade_dagar(system)) == 1
    # B has no lock: its job, run by hand, waits a minute and publishes nothing.
    klocka.satt("2008-04-15", 0, 5)
    assert b._publicera() == klocka() + timedelta(minutes=1)
    assert len(publicerade_dagar(system)) == 1


# -- two schedulers ------------------------------------------------------------------------


def test_andra_schemalaggaren_vantar_pa_laset(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    postlada, port = smtp
    a = tjanst(system, port, klocka)
    b = tjanst(system, port, klocka)
    tjanster.extend([a, b])
    assert a.starta()
    b_startad = threading.Event()
    trad = threading.Thread(target=lambda: b.starta() and b_startad.set(), daemon=True)
    trad.start()
    time.sleep(0.5)
    assert not b_startad.is_set() and not b.har_lasen
    klocka.satt("2008-04-28", 8)
    a.bearbeta()
    assert len(postlada.brev) == 1
    a.stoppa()
    assert b_startad.wait(10), "B tog inte över låset när A stoppade"
    b.bearbeta()
    time.sleep(0.2)
    assert len(postlada.brev) == 1  # B sees A's record and sends nothing again
    klocka.satt("2008-04-30", 8)
    b.bearbeta()
    assert len(postlada.brev) == 2


def test_samtidiga_utskick_av_samma_paminnelse_blir_ett(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
) -> None:
    """Even without the lock (two processes that both believe they may send), the unique
    record taken before the mail, in the same transaction, lets only one through."""
    postlada, port = smtp
    brevlada = SmtpBrevlada("127.0.0.1", port, "arende@stockholm.example")
    [justering] = [
        f for f in fs.frister_for(system.uow(), seed000) if f.frist.typ is Fristtyp.JUSTERING
    ]
    nu = datetime(2008, 4, 28, 8, 0, tzinfo=STOCKHOLM)
    start = threading.Barrier(4)
    resultat: list[bool] = []

    def skicka() -> None:
        start.wait()
        u = skicka_paminnelse(
            justering.id, 10, system.uow(), brevlada, system.kalender, (10, 5, 1), nu
        )
        resultat.append(u.skickad)

    tradar = [threading.Thread(target=skicka) for _ in range(4)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join(60)
    assert sorted(resultat) == [False, False, False, True]
    assert len(postlada.brev) == 1
    with Session(system.motor) as s:
        antal = s.execute(
            select(func.count())
            .select_from(GranskningsloggRad)
            .where(GranskningsloggRad.handling == "skicka påminnelse")
        ).scalar_one()
    assert antal == 1


def test_fristrader_tas_bort_nar_de_inte_galler(system: Arendesystem, seed000: str) -> None:
    """An ärende decided without omedelbar justering has no anslag frist until justering."""
    driv(system, seed000, omedelbar=False, till="beslut")
    with Session(system.motor) as s:
        typer = sorted(r.typ for r in s.execute(select(FristRad)).scalars())
    assert typer == ["justering", "nominering"]
    assert fs.frister_for(system.uow(), seed000)[-1].frist.datum == date(2008, 5, 27)


def driv(system: Arendesystem, dnr: str, *, omedelbar: bool = True, till: str = "slut") -> None:
    """Take seed 000's ärende through the real steps: to the end (omedelbart justerad at the
    sammanträde of 13 May 2008, anslagen 14 May, expedierad 15 May), or only to the
    nämnd's beslut at that sammanträde (`till="beslut"`), justering still to come."""
    if till == "slut":
        assert omedelbar, "seed 000's way is with omedelbar justering"
        seed000.hela_vagen(system, dnr)
        return
    seed000.till_faststallt(system, dnr)
    hjalp.oppna_sammantrade(system)
    system.utfor(
        hjalp.sammantradeskommando(
            k.Besluta, arende=dnr, utfall=Utfall.BIFALL, omedelbart_justerad=omedelbar
        )
    )


# -- the job store's reconciliation: only what changed is written --------------------------


@contextmanager
def jobbskrivningar(system: Arendesystem) -> Iterator[list[tuple[str, Any]]]:
    """The statements (and their parameters) that write the job table while the block runs,
    whoever sends them: the reconciliation, APScheduler's job store or the scheduler."""
    skrivna: list[tuple[str, Any]] = []

    def lyssna(_a: Any, _m: Any, sql: str, parametrar: Any, _k: Any, _flera: bool) -> None:
        borjan = sql.lstrip().upper()
        if "PAMINNELSEJOBB" in borjan and borjan.startswith(("INSERT", "UPDATE", "DELETE")):
            skrivna.append((sql, parametrar))

    event.listen(system.motor, "before_cursor_execute", lyssna)
    try:
        yield skrivna
    finally:
        event.remove(system.motor, "before_cursor_execute", lyssna)


def skrivna_jobb(skrivna: list[tuple[str, Any]], kanda: set[str]) -> set[str]:
    """The job ids among the written statements' parameters (SQLite and psycopg pass them
    differently: tuples, lists, dicts with numbered keys)."""

    def varden(p: Any) -> Iterator[Any]:
        if isinstance(p, dict):
            p = list(p.values())
        if isinstance(p, list | tuple):
            for x in p:
                yield from varden(x)
        else:
            yield p

    return {v for _, p in skrivna for v in varden(p) if isinstance(v, str) and v in kanda}


def fristjobb(system: Arendesystem, dnr: str) -> dict[str, str]:
    """The ärende's reminder jobs that should exist, by id: {job id: frist type}."""
    return {
        jobb_id(f.id, ledtid): f.frist.typ.value
        for f in fs.frister_for(system.uow(), dnr)
        if f.frist.typ.kraver_atgard and not f.frist.klar
        for ledtid in (10, 5, 1, ESKALERING)
    }


def test_omstart_ger_andrad_frist_ny_tid_och_tar_bort_borttagen_frists_jobb(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    """Stopped, then the nämnd decides without omedelbar justering: the justering frist
    moves from 13 to 27 May and the anslag frist goes (it waits for the justering). The
    restarted scheduler moves the one's jobs, removes the other's and leaves the
    nomination's alone."""
    forsta = tjanst(system, smtp[1], klocka)
    tjanster.append(forsta)
    assert forsta.starta()
    fore = forsta.schemalaggare.jobb_ids()
    fore_typer = fristjobb(system, seed000)
    forsta.stoppa()

    driv(system, seed000, omedelbar=False, till="beslut")
    efter_typer = fristjobb(system, seed000)
    assert sorted(set(efter_typer.values())) == ["justering", "nominering"]

    andra = tjanst(system, smtp[1], klocka)
    tjanster.append(andra)
    with jobbskrivningar(system) as skrivna:
        assert andra.starta()
    efter = andra.schemalaggare.jobb_ids()
    assert set(efter) == {*efter_typer, KEDJEHUVUDJOBB}
    anslag = {i for i, t in fore_typer.items() if t == "anslag"}
    assert len(anslag) == 4 and not anslag & set(efter)
    for i, typ in efter_typer.items():
        ledtid = ESKALERING if i.endswith("eskalering") else int(i.rsplit("-", 1)[1])
        ny = paminnelsetid(date(2008, 5, 27), ledtid, system.kalender)
        assert efter[i] == (ny if typ == "justering" else fore[i]), i
    # Only the justering's jobs were written again and the anslag's deleted; the
    # nomination's and the daily publication's rows were not touched.
    justering = {i for i, t in efter_typer.items() if t == "justering"}
    assert skrivna_jobb(skrivna, {*fore, *efter}) == justering | anslag


def test_omstart_tar_bort_jobben_for_klara_frister(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    forsta = tjanst(system, smtp[1], klocka)
    tjanster.append(forsta)
    assert forsta.starta()
    assert len(forsta.schemalaggare.jobb_ids()) == 3 * 4 + 1
    forsta.stoppa()
    driv(system, seed000)  # justerad, anslagen and expedierad: every frist is done
    andra = tjanst(system, smtp[1], klocka)
    tjanster.append(andra)
    assert andra.starta()
    assert set(andra.schemalaggare.jobb_ids()) == {KEDJEHUVUDJOBB}
    assert andra.avstam() == Avstamning(tillagda=0, flyttade=0, borttagna=0, oforandrade=1)


def test_omstart_utan_andring_skriver_inget(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    forsta = tjanst(system, smtp[1], klocka)
    tjanster.append(forsta)
    assert forsta.starta()
    forsta.bearbeta()  # the day's head is published; its job moves to tomorrow 00:05
    assert len(publicerade_dagar(system)) == 1
    forsta.stoppa()
    fore = forsta.schemalaggare.jobb_ids()

    andra = tjanst(system, smtp[1], klocka)
    tjanster.append(andra)
    with jobbskrivningar(system) as skrivna:
        assert andra.starta()
        andra.bearbeta()
        assert andra.avstam() == Avstamning(
            tillagda=0, flyttade=0, borttagna=0, oforandrade=3 * 4 + 1
        )
    assert skrivna == []
    assert andra.schemalaggare.jobb_ids() == fore


def test_jobben_fran_avstamningen_ar_de_apscheduler_kor(
    system: Arendesystem,
    seed000: str,
    smtp: tuple[Postlada, int],
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    """The reconciliation pickles the job state itself (no Job per row): APScheduler's job
    store must read back the very job its own Job would have stored, and run it."""
    postlada, port = smtp
    t = tjanst(system, port, klocka)
    tjanster.append(t)
    assert t.starta()
    s = t.schemalaggare
    jobben = {j.id: j for j in s.get_jobs()}  # APScheduler's reading: unpickled, every one
    assert set(jobben) == set(s.jobb_ids())
    with Session(system.motor) as session:
        tillstand = {
            i: bytes(b)
            for i, b in session.execute(text("SELECT id, job_state FROM paminnelsejobb"))
        }
    [justering] = [
        f for f in fs.frister_for(system.uow(), seed000) if f.frist.typ is Fristtyp.JUSTERING
    ]
    jobb_ = jobb_id(justering.id, 10)
    tid = paminnelsetid(justering.frist.datum, 10, system.kalender)
    bibliotekets = Job(
        s,
        id=jobb_,
        func=paminnelsejobb,
        args=(justering.id, 10),
        kwargs={},
        name=jobb_,
        trigger=DateTrigger(tid, timezone=STOCKHOLM),
        executor="default",
        misfire_grace_time=int(SENT_GRANS.total_seconds()),
        coalesce=True,
        max_instances=1,
        next_run_time=tid,
    ).__getstate__()
    vart = pickle.loads(tillstand[jobb_])
    assert vart.keys() == bibliotekets.keys()
    for nyckel in bibliotekets.keys() - {"trigger"}:
        assert vart[nyckel] == bibliotekets[nyckel], nyckel
    assert type(vart["trigger"]) is DateTrigger
    assert vart["trigger"].run_date == tid and vart["trigger"].run_date.tzinfo is STOCKHOLM
    assert vart["next_run_time"].tzinfo is STOCKHOLM
    assert jobben[jobb_].next_run_time == tid and jobben[jobb_].func is paminnelsejobb

    # Due: APScheduler finds it, runs it (the reminder goes out) and removes it.
    klocka.satt("2008-04-28", 8)
    t.bearbeta()
    assert postlada.amnen() == ["Påminnelse: justering i SoN 2008/1 senast 13 maj 2008"]
    assert jobb_ not in s.jobb_ids() and s.get_job(jobb_) is None


def test_avstamningen_later_ett_omforsok_sta(
    system: Arendesystem,
    seed000: str,
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    """The mail server refused at 08:00 and the job asked to be tried again at 08:15: the
    reconciliation every five minutes leaves that be (nothing about the frist changed)
    instead of setting the job back to 08:00."""
    klocka.satt("2008-04-28", 8)
    t = tjanst(system, ledig_port(), klocka)  # nobody listens there
    tjanster.append(t)
    assert t.starta()
    t.bearbeta()
    [justering] = [
        f for f in fs.frister_for(system.uow(), seed000) if f.frist.typ is Fristtyp.JUSTERING
    ]
    omforsok = datetime(2008, 4, 28, 8, 15, tzinfo=STOCKHOLM)
    assert t.schemalaggare.jobb_ids()[jobb_id(justering.id, 10)] == omforsok
    klocka.satt("2008-04-28", 8, 5)
    with jobbskrivningar(system) as skrivna:
        assert t.avstam().oforandrade == 3 * 4 + 1
    assert skrivna == []
    assert t.schemalaggare.jobb_ids()[jobb_id(justering.id, 10)] == omforsok


def test_jobb_utan_kand_plan_skrivs_om_en_gang(
    system: Arendesystem,
    seed000: str,
    klocka: Stallbar,
    tjanster: list[Paminnelsetjanst],
) -> None:
    """A job stored before schema 0013 (or by APScheduler itself) has no plan beside it: the
    next reconciliation writes it again, the one after leaves it."""
    t = tjanst(system, 1, klocka)
    tjanster.append(t)
    assert t.avstam().tillagda == 3 * 4 + 1
    with system.motor.begin() as a:
        a.execute(text("UPDATE paminnelsejobb SET planerad = NULL, plansignatur = NULL"))
    assert t.avstam() == Avstamning(tillagda=0, flyttade=3 * 4 + 1, borttagna=0, oforandrade=0)
    with jobbskrivningar(system) as skrivna:
        assert t.avstam().oforandrade == 3 * 4 + 1
    assert skrivna == []
