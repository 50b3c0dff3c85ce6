"""The monthly gallring run: when it is due (the day of the month moved to a vardag, at
07.00 Swedish time; a run missed while the scheduler was down made once on start within the
grace period), the setting checked, and the run itself on the fake unit of work: a proposal
as the system for a nämnd with something new, none for one with nothing, the registratorer
told by e-mail once per proposal, and nothing proposed twice."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from arende.adapters.helgdagar import SvenskaHelgdagar
from arende.config import Installningar
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import OgiltigUppgift
from arende.domain.gallring import (
    forsta_gallringskorning,
    kontrollera_gallringsdag,
    planerad_gallringskorning,
)
from arende.domain.paminnelser import Brev
from arende.domain.roller import Roll
from arende.service_layer import gallring
from arende.service_layer.kommandon import SYSTEMET, BeslutaGallring
from tests import hjalp
from tests.fakes import FakeSystem
from tests.unit.test_gallring import AVSLUTAT, NAMND, REGISTRATOR, _foresla, _inkommande_epost

KALENDER = SvenskaHelgdagar()
VECKA = timedelta(days=7)
IDAG = date(2026, 11, 23)


def _tid(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


# -- when ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fran", "dag", "vantat"),
    [
        ("2026-11-23 12:00", 1, "2026-12-01 07:00"),  # a Tuesday
        ("2026-12-01 07:00", 1, "2026-12-01 07:00"),  # at the run itself
        ("2026-12-01 07:01", 1, "2027-01-04 07:00"),  # nyårsdagen, then a weekend
        ("2026-10-15 00:00", 1, "2026-11-02 07:00"),  # 1 November is a Sunday
        ("2026-05-20 00:00", 6, "2026-06-08 07:00"),  # nationaldagen on a Saturday
        ("2026-06-01 00:00", 19, "2026-06-22 07:00"),  # midsommarafton
        ("2026-12-10 00:00", 24, "2026-12-28 07:00"),  # julafton, juldagarna
        ("2026-10-01 00:00", 25, "2026-10-26 07:00"),  # the DST Sunday: Monday, CET
        ("2026-03-01 00:00", 28, "2026-03-02 07:00"),  # February's: 28th a Saturday
        ("2026-03-03 00:00", 28, "2026-03-30 07:00"),  # a Saturday: Monday, in CEST
        # 28 February 2027 is a Sunday: that run lands on 1 March, before March's own.
        ("2027-02-28 08:00", 28, "2027-03-01 07:00"),
        ("2027-03-01 07:01", 28, "2027-03-30 07:00"),  # påskdagen, annandag påsk
    ],
)
def test_forsta_korningen(fran: str, dag: int, vantat: str) -> None:
    assert forsta_gallringskorning(_tid(fran), dag, KALENDER) == _tid(vantat)


def test_tiden_ar_svensk_aven_fran_utc() -> None:
    korning = forsta_gallringskorning(datetime(2026, 6, 30, 23, 0, tzinfo=UTC), 1, KALENDER)
    assert korning.astimezone(UTC) == datetime(2026, 7, 1, 5, 0, tzinfo=UTC)  # 07.00 CEST


def test_en_missad_korning_gors_inom_en_vecka_annars_nasta_manad() -> None:
    # Down over 1 December: started on the 3rd, the run is still the 1st's (at once).
    assert planerad_gallringskorning(_tid("2026-12-03 09:00"), 1, KALENDER, VECKA) == _tid(
        "2026-12-01 07:00"
    )
    # Started on the 10th: too late for December's; January's instead.
    assert planerad_gallringskorning(_tid("2026-12-10 09:00"), 1, KALENDER, VECKA) == _tid(
        "2027-01-04 07:00"
    )


@pytest.mark.parametrize("dag", [-1, 29, 31, True, "1"])
def test_en_dag_som_inte_finns_i_varje_manad_avvisas(dag: object) -> None:
    with pytest.raises(OgiltigUppgift, match="ska vara 1–28 \\(0 stänger av den\\)"):
        kontrollera_gallringsdag(dag)  # type: ignore[arg-type]


def test_avstangd_korning_har_ingen_tid() -> None:
    assert kontrollera_gallringsdag(0) == 0
    with pytest.raises(OgiltigUppgift, match="avstängd"):
        forsta_gallringskorning(_tid("2026-12-01 00:00"), 0, KALENDER)


@pytest.mark.parametrize("varde", ["29", "-1", "tisdag"])
def test_installningen_avvisar_en_dag_som_inte_gar(
    varde: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARENDE_GALLRING_DAG", varde)
    with pytest.raises(ValidationError, match="gallring_dag"):
        Installningar()


def test_installningen_stanger_av_med_noll(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARENDE_GALLRING_DAG", "0")
    assert Installningar().gallring_dag == 0
    monkeypatch.delenv("ARENDE_GALLRING_DAG")
    assert Installningar().gallring_dag == 1


# -- the run on the fake unit of work -----------------------------------------------------


class Brevlada:
    def __init__(self, fel: Exception | None = None) -> None:
        self.brev: list[Brev] = []
        self.fel = fel

    def skicka(self, brev: Brev) -> None:
        if self.fel is not None:
            raise self.fel
        self.brev.append(brev)


@pytest.fixture
def stangt(fake_system: FakeSystem) -> str:
    """A closed ärende with two incoming e-mails that the plan lets go today."""
    [dnr] = hjalp.beslutat_och_anslaget(fake_system, "Stängt ärende")
    _inkommande_epost(fake_system, dnr, date(2008, 5, 2))
    _inkommande_epost(fake_system, dnr, date(2008, 5, 3), "Ett till")
    hjalp.expediera(fake_system, dnr, AVSLUTAT)
    return dnr


def _kor(system: FakeSystem, lada: Brevlada, nu: datetime) -> tuple[list[int], list[int]]:
    plan = system.beroenden.plan
    assert plan is not None
    gjorda = gallring.foresla_enligt_schema(system.uow, system.utfor, plan, nu.date())
    return [g.forslag for g in gjorda], gallring.meddela_forslag(system.uow, lada, nu)


def test_korningen_foreslar_som_systemet_och_meddelar_registratorn_en_gang(
    fake_system: FakeSystem, stangt: str
) -> None:
    lada = Brevlada()
    nu = _tid("2026-11-23 07:00")
    [forslag_id], meddelade = _kor(fake_system, lada, nu)
    assert meddelade == [forslag_id]
    forslag = gallring.forslaget(fake_system.uow, forslag_id)
    assert forslag is not None
    assert (forslag.namnd, forslag.av, len(forslag.poster)) == (NAMND, SYSTEMET, 2)
    assert forslag.beslutat is None and forslag.meddelad == nu
    [brev] = lada.brev
    assert brev.till == ("per.lindqvist@stockholm.example",)
    assert brev.amne == (
        f"Gallringsförslag {forslag_id} för {NAMND}: 2 handlingar väntar på beslut"
    )
    assert "2 handlingar i 1 ärende får gallras" in brev.text
    assert f'arende gallring verkstall {forslag_id} --som "Ditt namn"' in brev.text
    assert f"gallring / gallring med nämnden {NAMND} och förslag {forslag_id}" in brev.text
    [logg] = [p for p in fake_system.logg() if p.handling == gallring.MEDDELA_FORSLAG]
    assert logg.aktor == SYSTEMET and logg.innehall["förslag"] == forslag_id

    # Run again while it is undecided: nothing new, so no proposal and no mail.
    assert _kor(fake_system, lada, nu + timedelta(days=31)) == ([], [])
    assert len(gallring.forslagen(fake_system.uow, NAMND)) == 1 and len(lada.brev) == 1
    # Only a registrator decides: the system's proposal is hers to decide.
    fake_system.utfor(
        BeslutaGallring(aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag_id)
    )


def test_inget_att_foresla_ger_inget_forslag_och_inget_brev(fake_system: FakeSystem) -> None:
    lada = Brevlada()
    assert _kor(fake_system, lada, _tid("2026-11-23 07:00")) == ([], [])
    for namnd in ("Socialtjänstnämnden", "Östermalms stadsdelsnämnd"):
        assert gallring.forslagen(fake_system.uow, namnd) == []
    assert lada.brev == []
    assert [p for p in fake_system.logg() if "gallring" in p.handling] == []


def test_ett_forslag_registratorn_gjort_sjalv_meddelas_inte(
    fake_system: FakeSystem, stangt: str
) -> None:
    _foresla(fake_system)  # Per Lindqvist's own run holds both e-mails
    lada = Brevlada()
    assert _kor(fake_system, lada, _tid("2026-11-23 07:00")) == ([], [])
    assert lada.brev == []


def test_ett_brev_som_inte_gick_fram_skickas_vid_nasta_forsok(
    fake_system: FakeSystem, stangt: str
) -> None:
    """The mail server refuses: the proposal stays, untold, and the retry tells it (and
    proposes nothing twice)."""
    nu = _tid("2026-11-23 07:00")
    with pytest.raises(OSError, match="nere"):
        _kor(fake_system, Brevlada(OSError("nere")), nu)
    [forslag] = gallring.forslagen(fake_system.uow, NAMND)
    assert forslag.meddelad is None
    lada = Brevlada()
    assert _kor(fake_system, lada, nu + timedelta(minutes=15)) == ([], [forslag.id])
    assert len(lada.brev) == 1 and len(gallring.forslagen(fake_system.uow, NAMND)) == 1


def test_utan_registrator_med_epost_ett_svenskt_fel_och_inget_meddelat(
    fake_system: FakeSystem, stangt: str
) -> None:
    with fake_system.uow() as uow:
        for p in uow.grunddata.personer_i_namnd(NAMND):
            if Roll.REGISTRATOR in p.roller:
                uow.grunddata.spara_person(dataclasses.replace(p, epost=None))
        uow.commit()
    lada = Brevlada()
    with pytest.raises(OgiltigUppgift, match="har ingen registrator med e-postadress"):
        _kor(fake_system, lada, _tid("2026-11-23 07:00"))
    [forslag] = gallring.forslagen(fake_system.uow, NAMND)
    assert forslag.meddelad is None and lada.brev == []
