"""`make demo`'s first part on a real Prefect server, with a database of its own (the
sammanträde it holds, Socialtjänstnämndens on 13 May 2008, is held once per database; the
seed 000 journey in test_nominering_i_prefect.py needs the same one): seed 000's nomination
and three other ärenden beredda in their runs, decided at one sammanträde run, then
expedierade, closed, or bordlagda to the next meeting."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from docx import Document

from arende.adapters.arkiv import Filarkiv
from arende.bootstrap import Arendesystem, starta
from arende.domain.handling import Handlingstyp
from arende.domain.sammantrade.mote import Sammantradesstatus
from arende.domain.skeden import Skede
from arende.service_layer import handlingar, visningar
from deployments import svarare
from deployments.demo import (
    EXEMPEL,
    NOMINERING,
    SAMMANTRADE,
    kor_sammantradesdemo,
    rapport,
    rapport_sammantrade,
)
from tests.prefect_miljo import databas_url, server_och_runner

# The whole demo, every form of five ärenden and a sammanträde: long, and its journey is
# covered piece by piece by the other flow tests and the browser test, so it runs with the
# production profile's tests (make test-prod, which CI runs too).
pytestmark = [pytest.mark.prefect, pytest.mark.prod, pytest.mark.timeout(1800)]

NAMND = "Socialtjänstnämnden"
MOTE = date(2008, 5, 13)


@pytest.fixture(scope="module")
def miljo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Arendesystem]:
    hem = tmp_path_factory.mktemp("prefect")
    with pytest.MonkeyPatch.context() as mp:
        # The demo opens the ärende database from the settings, as `make demo` does.
        mp.setenv("ARENDE_DATABASE_URL", databas_url(hem))
        mp.setenv("ARENDE_ARKIV_DIR", str(hem / "arkiv"))
        with server_och_runner(hem, NOMINERING):
            svarare.vanta_pa_deployment(SAMMANTRADE)
            system = starta(databas_url(hem))
            system.arkiv = Filarkiv(hem / "arkiv")
            yield system


def exempel() -> dict[str, Any]:
    return dict(json.loads(EXEMPEL.read_text(encoding="utf-8")))


def test_demons_skript_kor_hela_vagen(miljo: Arendesystem) -> None:
    """The script `make demo` runs, against this server: the nomination ends avslutat with
    its documents, the sammanträde is anslaget, and every ärende went its own way."""
    system = miljo
    utskrift: list[str] = []
    dnr_for = kor_sammantradesdemo(exempel(), skriv=utskrift.append)
    assert set(dnr_for) == {"nominering", "riktlinjer", "remiss", "anmalan", "val"}
    assert dnr_for["nominering"].startswith("SoN 2008/")

    def skede(namn: str) -> Skede:
        return visningar.hamta_arende(system.uow(), dnr_for[namn]).skede

    # Decided and expedierade; the anmälan has no expediering and closed with the anslag.
    for namn in ("nominering", "riktlinjer", "anmalan", "val"):
        assert skede(namn) is Skede.AVSLUTAT, namn
    # Bordlagd: waiting on the dagordning for the next meeting in the plan.
    remiss = visningar.hamta_arende(system.uow(), dnr_for["remiss"])
    assert remiss.skede is Skede.PA_DAGORDNING and remiss.sammantrade == date(2008, 6, 17)

    s = visningar.sammantrade(system.uow(), NAMND, MOTE)
    assert s is not None and s.status is Sammantradesstatus.ANSLAGET
    utfall = {p.dnr: p.utfall.value for p in s.paragrafer if p.dnr and p.utfall}
    assert utfall == {
        dnr_for["nominering"]: "bifall",
        dnr_for["riktlinjer"]: "bifall",
        dnr_for["remiss"]: "bordläggning",
        dnr_for["anmalan"]: "bifall",
        dnr_for["val"]: "bifall",
    }
    riktlinjer = next(p for p in s.paragrafer if p.dnr == dnr_for["riktlinjer"])
    assert riktlinjer.omrostning is not None
    assert (riktlinjer.omrostning.resultat.ja, riktlinjer.omrostning.resultat.nej) == (6, 5)
    # Issue 18: a reservation with its written motivation, a jäv with an ersättare called
    # in by grunddata's order, and a closed val; the protokoll says each.
    (reservation, *_) = riktlinjer.reservationer
    assert reservation.av == "Johan Sundberg" and reservation.motivering
    remiss_p = next(p for p in s.paragrafer if p.dnr == dnr_for["remiss"])
    assert remiss_p.deltagande is not None
    assert remiss_p.deltagande.javiga == ("Sara Nordin",)
    assert remiss_p.deltagande.jav[0].ersatt_av == "Olle Strand"
    val = next(p for p in s.paragrafer if p.dnr == dnr_for["val"])
    assert val.omrostning is not None and val.omrostning.sluten and val.omrostning.roster == ()
    fil = visningar.protokoll(system.uow(), NAMND, MOTE)
    assert fil is not None
    text = "\n".join(p.text for p in Document(io.BytesIO(system.arkiv.las(fil.fil))).paragraphs)
    for rad in (
        "Sara Nordin (C) anmäler jäv",
        "Olle Strand (S) tjänstgör i Sara Nordins ställe.",
        "Johan Sundberg (S) reserverar sig mot beslutet till förmån för eget yrkande och anför "
        "följande: Vi socialdemokrater",
        "Sluten omröstning begärs och verkställs.",
        "Vid den slutna omröstningen avges 6 ja-röster och 5 nej-röster.",
        "Till representant väljs Anders Palmér (M).",
        # The anmälan's three delegationsbeslut, from the register; the ordförande's urgent
        # one flagged (kommunallagen 6 kap. 39 §).
        "Anmälda delegationsbeslut",
        "Delegationsbeslut 1/2008, punkt 1.1: Nämnden begär anstånd med yttrandet över "
        f"remissen till efter sammanträdet den 13 maj 2008 ({dnr_for['remiss']}). Beslutat den "
        "16 april 2008 av Karin Ekblad. Brådskande beslut av ordföranden (kommunallagen 6 kap. "
        "39 §).",
        "Delegationsbeslut 3/2008, punkt 6.1: Två medarbetare deltar i",
    ):
        assert rad in text, rad
    with system.uow() as uow:
        register = uow.delegationsbeslut.for_namnd(NAMND, 2008)
    assert [b.anmalan for b in register] == [dnr_for["anmalan"]] * 3
    nominering = visningar.hamta_arende(system.uow(), dnr_for["nominering"])
    assert nominering.gallande_beslut is not None
    assert nominering.gallande_beslut.omedelbar_justering
    typer = [d.typ for d in handlingar.handlingar(system.uow(), dnr_for["nominering"])]
    assert typer == [
        Handlingstyp.TJANSTEUTLATANDE,
        Handlingstyp.PROTOKOLLSUTDRAG,
        Handlingstyp.ANSLAG,
    ]

    # Each step by the one the example names, as herself: the handläggare who started the
    # run, the chef, the registrator; each signature by its signer.
    steg = {
        e.handling: e.aktor
        for e in visningar.historik(system.uow(), dnr_for["nominering"])
        if e.innehall.get("utfall") == "utförd"
    }
    som = exempel()["som"]
    assert steg["registrera ärendet"] == som["start"] == nominering.handlaggare
    assert steg["fastställa förslaget till beslut"] == som["faststall"]
    assert steg["expediera beslutet"] == som["expediering"]
    assert [x.namn for x in s.signaturer] == list(exempel()["sammantrade"]["signaturer"])

    # What `make demo` prints afterwards.
    rader: list[str] = []
    assert rapport(system, dnr_for["nominering"], skriv=rader.append)
    assert any("registrera handling. protokollsutdrag" in r for r in rader)
    assert any("Hashkedjan: intakt" in r for r in rader)
    mote: list[str] = []
    assert rapport_sammantrade(system, NAMND, MOTE, dnr_for, skriv=mote.append)
    assert any(f"({dnr_for['remiss']}): bordläggning" in r for r in mote)
    assert any("Justerat av Johan Sundberg" in r for r in mote)
    assert visningar.verifiera(system.uow(), system.arkiv).intakt
