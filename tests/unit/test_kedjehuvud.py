"""The audit chain's head published once a day (on the fake unit of work), when the
scheduler publishes it, the open data read back, and the chain checked against what was
published: a rewritten or cut log named by the day and the sequence where it differs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from arende.domain.datum import STOCKHOLM
from arende.domain.fel import OgiltigUppgift
from arende.domain.granskning import START_HASH, kanonisk_json, kedjehash
from arende.domain.kedjehuvud import (
    PubliceratKedjehuvud,
    fran_oppna_data,
    nasta_publicering,
    som_oppna_data,
)
from arende.domain.kedjekontroll import Kedjerad, granska_kedja
from arende.service_layer.kedjehuvud import HANDLING, publicera_kedjehuvud
from tests import hjalp
from tests.fakes import FakeSystem

DAG = date(2026, 12, 3)


def registrera(system: FakeSystem) -> str:
    return hjalp.registrera(system, "tjansteutlatande", {"arendemening": "Riktlinjer"})


# -- publishing ---------------------------------------------------------------------------


def test_dagens_huvud_publiceras_och_publiceringen_loggas_efter_det(
    fake_system: FakeSystem,
) -> None:
    registrera(fake_system)
    fore = fake_system.logg()
    with fake_system.uow() as uow:
        sekvens, hash_ = uow.logg.huvud()
    assert sekvens == len(fore) > 0

    publicering = publicera_kedjehuvud(fake_system.uow(), DAG)

    assert publicering.ny
    h = publicering.huvud
    assert (h.datum, h.sekvens, h.hash) == (DAG, sekvens, hash_)
    assert h.publicerad is not None and h.publicerad.tzinfo is not None
    with fake_system.uow() as uow:
        assert uow.kedjehuvuden.alla() == [h]
        lankar = uow.logg.lankar()
    # The publication's own event comes after the head it published and names it; the
    # published link itself is unchanged, so the head is still a point of the chain.
    efter = fake_system.logg()
    assert len(efter) == sekvens + 1 and efter[:-1] == fore
    assert efter[-1].handling == HANDLING and efter[-1].dnr is None
    assert efter[-1].innehall == {"datum": "2026-12-03", "sekvens": sekvens, "hash": hash_}
    assert lankar[sekvens - 1].hash == hash_
    assert lankar[sekvens].foregaende_hash == hash_


def test_en_gang_per_dag_ett_andra_anrop_andrar_ingenting(fake_system: FakeSystem) -> None:
    registrera(fake_system)
    forsta = publicera_kedjehuvud(fake_system.uow(), DAG)
    registrera(fake_system)  # the chain grows the same day: the day's head stays
    logg = fake_system.logg()
    lager = fake_system.databas.lager
    commits = len(fake_system.databas.commits)

    andra = publicera_kedjehuvud(fake_system.uow(), DAG)

    assert not andra.ny and andra.huvud == forsta.huvud
    assert len(fake_system.databas.commits) == commits  # nothing committed
    assert fake_system.databas.lager is lager and fake_system.logg() == logg
    assert len([p for p in logg if p.handling == HANDLING]) == 1


def test_nasta_dag_publiceras_nytt_huvud_som_tacker_publiceringen(
    fake_system: FakeSystem,
) -> None:
    registrera(fake_system)
    forsta = publicera_kedjehuvud(fake_system.uow(), DAG).huvud
    andra = publicera_kedjehuvud(fake_system.uow(), date(2026, 12, 4)).huvud
    assert andra.sekvens == forsta.sekvens + 1  # the first publication's event
    with fake_system.uow() as uow:
        assert uow.kedjehuvuden.alla() == [forsta, andra]
        assert uow.kedjehuvuden.senaste() == andra
        assert uow.kedjehuvuden.antal() == 2
        assert uow.kedjehuvuden.sida(1, 0) == [andra]
        assert uow.kedjehuvuden.sida(1, 1) == [forsta]


def test_tom_logg_publiceras_som_lopnummer_noll(fake_system: FakeSystem) -> None:
    h = publicera_kedjehuvud(fake_system.uow(), DAG).huvud
    assert (h.sekvens, h.hash) == (0, START_HASH)
    assert [p.handling for p in fake_system.logg()] == [HANDLING]


# -- when the scheduler publishes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("nu", "publicerat", "vantat"),
    [
        (datetime(2026, 12, 3, 0, 1, tzinfo=STOCKHOLM), False, datetime(2026, 12, 3, 0, 5)),
        (datetime(2026, 12, 3, 9, 30, tzinfo=STOCKHOLM), False, datetime(2026, 12, 3, 9, 30)),
        (datetime(2026, 12, 3, 9, 30, tzinfo=STOCKHOLM), True, datetime(2026, 12, 4, 0, 5)),
        # 23:30 UTC on 2 December is 00:30 on 3 December in Sweden: today is the 3rd.
        (datetime(2026, 12, 2, 23, 30, tzinfo=UTC), True, datetime(2026, 12, 4, 0, 5)),
        # Summer time begins at 02:00 on 29 March 2026; midnight is unaffected.
        (datetime(2026, 3, 28, 12, 0, tzinfo=STOCKHOLM), True, datetime(2026, 3, 29, 0, 5)),
        (datetime(2026, 10, 24, 23, 0, tzinfo=STOCKHOLM), True, datetime(2026, 10, 25, 0, 5)),
    ],
    ids=["fore-0005", "start-senare-pa-dagen", "redan-publicerat", "utc", "sommartid", "vintertid"],
)
def test_nasta_publicering(nu: datetime, publicerat: bool, vantat: datetime) -> None:
    tid = nasta_publicering(nu, publicerat)
    assert tid.astimezone(STOCKHOLM).replace(tzinfo=None) == vantat


# -- the open data --------------------------------------------------------------------------


def test_oppna_data_tur_och_retur() -> None:
    h = PubliceratKedjehuvud(DAG, 8407, "ab" * 32, datetime(2026, 12, 3, 0, 5, tzinfo=UTC))
    data = som_oppna_data(h)
    assert data == {"datum": "2026-12-03", "sekvens": 8407, "hash": "ab" * 32}
    assert fran_oppna_data([data], "filen") == [PubliceratKedjehuvud(DAG, 8407, "ab" * 32)]
    assert fran_oppna_data([{**data, "hash": "AB" * 32}], "filen")[0].hash == "ab" * 32


@pytest.mark.parametrize(
    ("data", "meddelande"),
    [
        ({"datum": "2026-12-03"}, "filen är inte en lista över publicerade kontrollsummor"),
        ([{"datum": "2026-12-03", "sekvens": 1}], "filen, post 1: väntade datum, sekvens och hash"),
        (["x"], "filen, post 1: väntade datum, sekvens och hash, fick 'x'"),
        ([{"datum": "3/12", "sekvens": 1, "hash": "a" * 64}], "datum '3/12' är inte ett datum"),
        ([{"datum": 20261203, "sekvens": 1, "hash": "a" * 64}], "är inte ett datum"),
        ([{"datum": "2026-12-03", "sekvens": "9", "hash": "a" * 64}], "sekvens '9' är inte"),
        ([{"datum": "2026-12-03", "sekvens": True, "hash": "a" * 64}], "är inte ett heltal"),
        ([{"datum": "2026-12-03", "sekvens": -1, "hash": "a" * 64}], "kan inte vara negativt"),
        ([{"datum": "2026-12-03", "sekvens": 1, "hash": "a" * 63}], "är inte en sha256"),
        ([{"datum": "2026-12-03", "sekvens": 1, "hash": 7}], "hash ska vara text"),
    ],
    ids=[
        "inte-lista",
        "saknar-hash",
        "inte-objekt",
        "fel-datum",
        "datum-tal",
        "sekvens-text",
        "sekvens-bool",
        "negativ",
        "kort-hash",
        "hash-tal",
    ],
)
def test_trasig_oppen_data_ger_svenskt_fel(data: Any, meddelande: str) -> None:
    with pytest.raises(OgiltigUppgift, match=meddelande):
        fran_oppna_data(data, "filen")


# -- the chain against what was published ---------------------------------------------------


def kedja(antal: int, *, andrad: int | None = None) -> list[Kedjerad]:
    """`antal` events; with `andrad`, that event's content altered and every hash from it
    recomputed, as a tamperer who rewrites the whole tail does."""
    rader, foregaende = [], START_HASH
    for sekvens in range(1, antal + 1):
        innehall = kanonisk_json(
            {"sekvens": sekvens, "text": "ändrad" if sekvens == andrad else "h"}
        )
        hash_ = kedjehash(foregaende, innehall)
        rader.append(Kedjerad(sekvens, None, "h", "a", "r", None, innehall, foregaende, hash_))
        foregaende = hash_
    return rader


def publicerat(rader: list[Kedjerad], *dagar: tuple[int, int]) -> list[PubliceratKedjehuvud]:
    """(day of December 2026, sequence) published from the chain `rader`."""
    return [
        PubliceratKedjehuvud(date(2026, 12, dag), sekvens, rader[sekvens - 1].hash)
        for dag, sekvens in dagar
    ]


def test_kedja_som_stammer_med_det_publicerade() -> None:
    rader = kedja(10)
    huvuden = publicerat(rader, (1, 3), (2, 7), (3, 7), (4, 10))
    huvuden.append(PubliceratKedjehuvud(date(2026, 11, 30), 0, START_HASH))
    assert granska_kedja(iter(rader), publicerade=huvuden).intakt


def test_omskriven_svans_namnges_med_dag_och_lopnummer() -> None:
    rader = kedja(10)
    huvuden = publicerat(rader, (1, 3), (2, 5), (3, 7), (4, 10))
    omskriven = kedja(10, andrad=4)
    assert granska_kedja(iter(omskriven)).intakt  # valid link by link
    fynd = [str(f) for f in granska_kedja(iter(omskriven), publicerade=huvuden).fynd]
    assert fynd == [
        "Granskningsloggen har skrivits om efter den 2026-12-02: löpnummer 5 har en annan "
        "kontrollsumma än den som publicerades.",
        "Fram till löpnummer 3, som publicerades den 2026-12-01, stämmer loggen med det "
        "publicerade: ändringen ligger mellan löpnummer 4 och 5.",
        "Även 2 senare publicerade kontrollsummor skiljer sig från loggen, den senaste från "
        "den 2026-12-04 (löpnummer 10): loggen har ändrats efter den 2026-12-04.",
    ]


def test_omskrivning_direkt_efter_publicerat_lopnummer() -> None:
    huvuden = publicerat(kedja(10), (1, 3), (2, 4))
    fynd = [str(f) for f in granska_kedja(iter(kedja(10, andrad=4)), publicerade=huvuden).fynd]
    assert fynd == [
        "Granskningsloggen har skrivits om efter den 2026-12-02: löpnummer 4 har en annan "
        "kontrollsumma än den som publicerades.",
        "Fram till löpnummer 3, som publicerades den 2026-12-01, stämmer loggen med det "
        "publicerade: ändringen gäller löpnummer 4.",
    ]


def test_avskuren_logg_mot_det_publicerade() -> None:
    huvuden = publicerat(kedja(10), (1, 4), (2, 10))
    fynd = [str(f) for f in granska_kedja(iter(kedja(6)), publicerade=huvuden).fynd]
    assert fynd[0] == (
        "Granskningsloggen har kortats efter den 2026-12-02: löpnummer 10 publicerades men "
        "loggen slutar vid löpnummer 6."
    )


def test_publicerat_lopnummer_som_saknas_mitt_i_loggen() -> None:
    rader = kedja(8)
    huvuden = publicerat(rader, (1, 5))
    utan = [r for r in rader if r.sekvens != 5]
    fynd = [str(f) for f in granska_kedja(iter(utan), publicerade=huvuden).fynd]
    assert (
        "Granskningsloggen har skrivits om efter den 2026-12-01: löpnummer 5 publicerades men "
        "finns inte längre i loggen."
    ) in fynd


def test_publicerad_tom_logg_men_annan_hash() -> None:
    huvud = PubliceratKedjehuvud(date(2026, 12, 1), 0, "ab" * 32)
    fynd = [str(f) for f in granska_kedja(iter(kedja(2)), publicerade=[huvud]).fynd]
    assert fynd == [
        "Granskningsloggen har skrivits om efter den 2026-12-01: löpnummer 0 har en annan "
        "kontrollsumma än den som publicerades."
    ]
