"""The monthly gallring run through the scheduler, on SQLite and PostgreSQL with a real SMTP
receiver: the job is planned for the day of the month at 07.00, proposes as the system
through the one runner, tells the registrator by e-mail how many handlingar await her
decision and how to decide, moves itself to next month, and a second run while the
proposal is undecided proposes and sends nothing. Nothing to propose: no proposal, no
mail. Day 0: no job. A registrator decides the system's proposal like her own."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from arende.adapters.epost import SmtpBrevlada
from arende.adapters.schemalaggning import GALLRINGSJOBB
from arende.adapters.tabeller import GranskningsloggRad
from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import BehorighetSaknas, OgiltigUppgift
from arende.entrypoints.schemalaggare import Paminnelsetjanst
from arende.service_layer import gallring, visningar
from arende.service_layer.kommandon import SYSTEMET, BeslutaGallring
from tests import hjalp
from tests.integration.test_gallring_i_databasen import NAMND, REGISTRATOR, _epost
from tests.integration.test_paminnelser import Stallbar
from tests.postlada import Postlada


def tid(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def _tjanst(system: Arendesystem, port: int, klocka: Stallbar, dag: int) -> Paminnelsetjanst:
    return Paminnelsetjanst(
        system,
        SmtpBrevlada("127.0.0.1", port, "arende@stockholm.example", tidsgrans=5),
        (10, 5, 1),
        klocka=klocka,
        vantetid=0.05,
        gallringsdag=dag,
    )


def _stangt(system: Arendesystem) -> tuple[str, list[int]]:
    [dnr] = hjalp.beslutat_och_anslaget(system, "Stängt ärende")
    nummer = [_epost(system, dnr, "ett"), _epost(system, dnr, "två")]
    hjalp.expediera(system, dnr, date(2008, 6, 20))
    return dnr, nummer


def test_manadskorningen_foreslar_meddelar_och_upprepar_sig_inte(
    system: Arendesystem, smtp: tuple[Postlada, int]
) -> None:
    postlada, port = smtp
    dnr, nummer = _stangt(system)
    klocka = Stallbar(tid("2026-11-23 06:00"))
    t = _tjanst(system, port, klocka, 23)
    try:
        assert t.starta()
        assert t.schemalaggare.jobb_ids()[GALLRINGSJOBB] == tid("2026-11-23 07:00")
        t.bearbeta()
        assert gallring.forslagen(system.uow, NAMND) == [] and postlada.brev == []

        klocka.tid = tid("2026-11-23 07:00")
        t.bearbeta()
        [forslag] = gallring.forslagen(system.uow, NAMND)
        assert forslag.av == SYSTEMET and forslag.beslutat is None
        assert [(p.dnr, p.nummer) for p in forslag.poster] == [(dnr, n) for n in nummer]
        assert forslag.meddelad == tid("2026-11-23 07:00")
        assert _gallringshandelser(system) == ["föreslå gallring", gallring.MEDDELA_FORSLAG]
        assert postlada.amnen() == [
            f"Gallringsförslag {forslag.id} för {NAMND}: 2 handlingar väntar på beslut"
        ]
        assert postlada.mottagare == [["per.lindqvist@stockholm.example"]]
        text = postlada.brev[0].get_content()
        assert f'arende gallring verkstall {forslag.id} --som "Ditt namn"' in text
        assert f"förslag {forslag.id}" in text and "Inget är gallrat ännu" in text
        # Nothing is gallrat by the run: the files are all there.
        assert all(h.gallring is None for h in visningar.handlingar(system.uow(), dnr))
        # The job has moved itself to next month (23 December, a Wednesday); a
        # reconciliation leaves it there.
        assert t.schemalaggare.jobb_ids()[GALLRINGSJOBB] == tid("2026-12-23 07:00")
        t.avstam()
        assert t.schemalaggare.jobb_ids()[GALLRINGSJOBB] == tid("2026-12-23 07:00")

        # Next month, still undecided: nothing new, no new proposal, no mail.
        klocka.tid = tid("2026-12-23 07:00")
        t.bearbeta()
        assert len(gallring.forslagen(system.uow, NAMND)) == 1 and len(postlada.brev) == 1
        assert len(_gallringshandelser(system)) == 2
        assert t.schemalaggare.jobb_ids()[GALLRINGSJOBB] == tid("2027-01-25 07:00")
    finally:
        t.stoppa()

    # The system may not decide its own proposal; the registrator does.
    with pytest.raises(BehorighetSaknas, match="Systemet får inte besluta om gallring"):
        system.utfor(
            BeslutaGallring(aktor=SYSTEMET, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag.id)
        )
    system.utfor(
        BeslutaGallring(aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag.id)
    )
    assert all(h.gallring is not None for h in visningar.handlingar(system.uow(), dnr)[-2:])


def test_inget_att_foresla_ger_inget_forslag_och_inget_brev(
    system: Arendesystem, smtp: tuple[Postlada, int]
) -> None:
    postlada, port = smtp
    hjalp.beslutat_och_anslaget(system, "Öppet ärende")  # open: nothing may go
    klocka = Stallbar(tid("2026-12-01 07:00"))
    t = _tjanst(system, port, klocka, 1)
    try:
        assert t.starta()
        t.bearbeta()
        assert t.schemalaggare.jobb_ids()[GALLRINGSJOBB] == tid("2027-01-04 07:00")
    finally:
        t.stoppa()
    for namnd in ("Socialtjänstnämnden", "Östermalms stadsdelsnämnd"):
        assert gallring.forslagen(system.uow, namnd) == []
    assert postlada.brev == []
    assert _gallringshandelser(system) == []


def _gallringshandelser(system: Arendesystem) -> list[str]:
    with Session(system.motor) as s:
        return [
            h
            for h in s.exec(select(GranskningsloggRad.handling))
            if h in ("föreslå gallring", gallring.MEDDELA_FORSLAG)
        ]


def test_dag_noll_stanger_av_korningen(system: Arendesystem, smtp: tuple[Postlada, int]) -> None:
    postlada, port = smtp
    _stangt(system)
    klocka = Stallbar(tid("2026-12-01 07:00"))
    t = _tjanst(system, port, klocka, 0)
    try:
        assert t.starta()
        assert GALLRINGSJOBB not in t.schemalaggare.jobb_ids()
        t.bearbeta()
    finally:
        t.stoppa()
    assert gallring.forslagen(system.uow, NAMND) == [] and postlada.brev == []


@pytest.mark.parametrize("dag", [29, -1])
def test_en_dag_som_inte_finns_i_varje_manad_stoppar_starten(
    system: Arendesystem, smtp: tuple[Postlada, int], dag: int
) -> None:
    _, port = smtp
    with pytest.raises(OgiltigUppgift, match="ska vara 1–28"):
        _tjanst(system, port, Stallbar(tid("2026-12-01 07:00")), dag)


def test_en_missad_korning_gors_nar_schemalaggaren_startar(
    system: Arendesystem, smtp: tuple[Postlada, int]
) -> None:
    """Down on the 1st, started on the 3rd: December's run is made at once, once."""
    postlada, port = smtp
    _stangt(system)
    klocka = Stallbar(tid("2026-12-03 09:00"))
    t = _tjanst(system, port, klocka, 1)
    try:
        assert t.starta()
        t.bearbeta()
        assert len(gallring.forslagen(system.uow, NAMND)) == 1 and len(postlada.brev) == 1
        klocka.tid += timedelta(minutes=10)
        t.avstam()
        t.bearbeta()
        assert len(gallring.forslagen(system.uow, NAMND)) == 1 and len(postlada.brev) == 1
    finally:
        t.stoppa()
