"""Delegationsbeslut through the one runner, on the fake unit of work: the register, the
refusals (the wrong delegat, a principled matter, a point that does not exist, an amount
over the limit, a handling that does not exist, someone without the role), the anmälan
compiled from the register onto the next dagordning and its § in the protokoll, and the
decision not anmäld, protokollförd särskilt and announced on the anslagstavla.
tests/integration/test_delegation_i_databasen.py runs `scenario` on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from typing import Any

import pytest
from docx import Document

from arende.domain.anslagstavla import Anslagsslag
from arende.domain.delegation import Delegationspunkt
from arende.domain.fel import ArendeFel, BehorighetSaknas, HittasInte, OgiltigUppgift
from arende.domain.handelser import DelegationsbeslutRegistrerat
from arende.domain.handling import Handlingstyp
from arende.domain.skeden import Utfall
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from tests import hjalp
from tests.conftest import FastKlocka

NAMND = hjalp.NAMND
REGISTRATOR = "Per Lindqvist"
IDAG = date(2008, 4, 23)


def registrera_beslut(system: Any, dnr: str, aktor: str = REGISTRATOR, **data: Any) -> Any:
    return system.utfor(
        k.RegistreraDelegationsbeslut(
            aktor=aktor,
            nyckel=hjalp.nyckel("delegation"),
            flodeskorning=hjalp.KORNING,
            dnr=hjalp.d(dnr),
            **data,
        )
    )


def registret(system: Any) -> list[Any]:
    with system.uow() as uow:
        return list(uow.delegationsbeslut.for_namnd(NAMND))


def docx_text(system: Any, fil: str) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(system.arkiv.las(fil))).paragraphs)


BISTAND = {
    "punkt": "2.1",
    "delegat": "Eddie Friberg",
    "beslutsdatum": date(2008, 4, 15),
    "beslut": "Ekonomiskt bistånd till livsföringen i övrigt beviljas",
    "belopp": 12_000,
}


def scenario(system: Any) -> None:
    system.klocka = FastKlocka(IDAG)
    arendet = hjalp.registrera(system, "tjansteutlatande", {"arendemening": "Bistånd, april"})

    # -- refused: each with its Swedish reason, nothing in the register ----------------------
    for andrat, typ, fel in [
        (
            {"delegat": "Lena Murray"},
            OgiltigUppgift,
            "Lena Murray är inte delegat enligt punkt 2.1",
        ),
        ({"principiell": True}, OgiltigUppgift, "principiell beskaffenhet.*6 kap. 38 §"),
        ({"punkt": "9.9"}, OgiltigUppgift, "Punkt '9.9' finns inte"),
        ({"belopp": 60_000}, OgiltigUppgift, "överstiger gränsen"),
        ({"beslutsdatum": date(2008, 4, 24)}, OgiltigUppgift, "ligger i framtiden"),
        ({"handlingsnummer": 7}, OgiltigUppgift, "har ingen handling nummer 7"),
        ({"delegat": "Okänd Person"}, HittasInte, "Okänd person"),
        ({"delegat": "Therese Bengtsson"}, OgiltigUppgift, "varken ledamot"),
        ({"beslut": "  "}, OgiltigUppgift, "Beslutet saknas"),
    ]:
        with pytest.raises(typ, match=fel):
            registrera_beslut(system, arendet, **(BISTAND | andrat))
    # Who registers must belong to the nämnd (the runner's check for every command).
    with pytest.raises(BehorighetSaknas, match="Therese Bengtsson.*hör till Östermalms"):
        registrera_beslut(system, arendet, aktor="Therese Bengtsson", **BISTAND)
    assert registret(system) == []
    with system.uow() as uow:
        vagrade = [
            p for p in uow.logg.for_arende(arendet) if p.handling.startswith("registrera del")
        ]
    assert len(vagrade) == 10 and {p.innehall["utfall"] for p in vagrade} == {"avvisad"}

    # -- the register -------------------------------------------------------------------------
    (h,) = [
        x
        for x in registrera_beslut(system, arendet, **BISTAND)
        if isinstance(x, DelegationsbeslutRegistrerat)
    ]
    assert (h.beteckning, h.punkt, h.anmals) == ("1/2008", "2.1", True)
    registrera_beslut(
        system,
        arendet,
        aktor="Karin Ekström",
        punkt="1.1",
        delegat="Karin Ekblad",
        beslutsdatum=date(2008, 4, 18),
        beslut="Yttrande till förvaltningsrätten i mål om vård enligt LVM",
    )
    registrera_beslut(
        system,
        arendet,
        aktor="Dag Helin",
        punkt="3.1",
        delegat="Dag Helin",
        beslutsdatum=date(2008, 4, 21),
        beslut="Yttrande till länsstyrelsen över tillsynsrapport",
    )
    registrera_beslut(
        system,
        arendet,
        punkt="5.1",
        delegat=REGISTRATOR,
        beslutsdatum=date(2008, 4, 22),
        beslut="Begäran om att lämna ut allmän handling avslås",
    )
    register = registret(system)
    assert [(b.beteckning, b.delegat, b.bradskande, b.anmals) for b in register] == [
        ("1/2008", "Eddie Friberg", False, True),
        ("2/2008", "Karin Ekblad", True, True),
        ("3/2008", "Dag Helin", False, True),
        ("4/2008", REGISTRATOR, False, False),
    ]
    with system.uow() as uow:
        handelser = [p.handling for p in uow.logg.for_arende(arendet)]
        (notis,) = uow.anslagstavla.alla(NAMND)
    assert handelser.count("registrera delegationsbeslut") == 14  # ten refused, four taken
    # Not anmält: protokollfört särskilt (the register) and announced at once.
    assert notis.slag is Anslagsslag.DELEGATIONSBESLUT
    assert (notis.paragrafer, notis.anslaget, notis.sammantrade) == ((4,), IDAG, date(2008, 4, 22))
    assert notis.overklagande_slut == date(2008, 5, 14)

    # -- the anmälan, compiled from the register ----------------------------------------------
    # Registered on 14 April, it would take nothing (every decision came later); today, all.
    with pytest.raises(OgiltigUppgift, match="inga delegationsbeslut att anmäla"):
        hjalp.registrera(system, "anmalan", {"beslutsomrade": "april 2008"})
    anmalan = hjalp.registrera(
        system, "anmalan", {"beslutsomrade": "april 2008"}, registreringsdatum=IDAG
    )
    assert hjalp.arende(system, anmalan).uppgifter["delegationsbeslut"] == [
        "1/2008",
        "2/2008",
        "3/2008",
    ]
    assert [b.anmalan for b in registret(system)] == [anmalan, anmalan, anmalan, None]
    with pytest.raises(OgiltigUppgift, match="inga delegationsbeslut att anmäla"):
        hjalp.registrera(system, "anmalan", {"beslutsomrade": "maj 2008"}, registreringsdatum=IDAG)

    # -- onto the dagordning, and into the protokoll as a § -----------------------------------
    system.klocka = FastKlocka(date(2008, 5, 16))
    hjalp.hall_sammantrade(system, {anmalan: Utfall.BIFALL})
    fil = visningar.protokoll(system.uow(), NAMND, hjalp.MOTE)
    assert fil is not None
    text = docx_text(system, fil.fil)
    assert "Anmälan av delegationsbeslut: april 2008" in text
    assert "Anmälda delegationsbeslut" in text
    assert (
        "Delegationsbeslut 2/2008, punkt 1.1: Yttrande till förvaltningsrätten i mål om vård "
        "enligt LVM (SoN 2008/1). Beslutat den 18 april 2008 av Karin Ekblad. Brådskande "
        "beslut av ordföranden (kommunallagen 6 kap. 39 §)."
    ) in text
    assert "4/2008" not in text
    assert "Socialtjänstnämnden lägger anmälan till handlingarna." in text
    # The protokollsutdrag of the anmälan lists them too.
    with system.uow() as uow:
        (utdrag,) = [
            h for h in uow.handlingar.for_arende(anmalan) if h.typ is Handlingstyp.PROTOKOLLSUTDRAG
        ]
    utdragstext = docx_text(system, utdrag.fil)
    assert "Anmälda delegationsbeslut" in utdragstext
    assert "Delegationsbeslut 1/2008, punkt 2.1" in utdragstext and "4/2008" not in utdragstext


def test_delegationsbeslut_genom_kommandona(fake_system: Any) -> None:
    scenario(fake_system)


def test_en_anmalan_utan_register_tar_fritextlistan(fake_system: Any) -> None:
    fake_system.klocka = FastKlocka(IDAG)
    anmalan = hjalp.registrera(
        fake_system, "anmalan", {"beslutsomrade": "mars", "beslut": ["2008-03-04 bistånd"]}
    )
    uppgifter = hjalp.arende(fake_system, anmalan).uppgifter
    assert uppgifter["delegationsbeslut"] == [] and uppgifter["beslut"] == ["2008-03-04 bistånd"]


def test_ett_avvisat_beslut_andrar_inget(fake_system: Any) -> None:
    fake_system.klocka = FastKlocka(IDAG)
    arendet = hjalp.registrera(fake_system, "tjansteutlatande", {"arendemening": "Bistånd"})
    fore = len(fake_system.databas.commits)
    with pytest.raises(ArendeFel):
        registrera_beslut(fake_system, arendet, **(BISTAND | {"delegat": "Lena Murray"}))
    # Only the refusal's own commit (its log entry and key), nothing in the register.
    assert fake_system.databas.commits[fore:] == [frozenset({"kommandon", "logg"})]


def test_vidaredelegation_genom_kommandot(fake_system: Any) -> None:
    fake_system.klocka = FastKlocka(IDAG)
    arendet = hjalp.registrera(fake_system, "tjansteutlatande", {"arendemening": "Avtal"})
    avtal = {
        "punkt": "4.1",
        "beslutsdatum": date(2008, 4, 20),
        "beslut": "Avtal om lokalvård",
        "belopp": 90_000,
    }
    # The socialdirektör passed point 4.1 on to the avdelningschef (7 kap. 6 §).
    registrera_beslut(
        fake_system, arendet, delegat="Eddie Friberg", vidaredelegerat_av="Dag Helin", **avtal
    )
    (beslut,) = registret(fake_system)
    assert (beslut.delegat, beslut.vidaredelegerat_av) == ("Eddie Friberg", "Dag Helin")
    assert "vidaredelegerat av Dag Helin" in beslut.rad
    # A ledamot is no anställd; the ordförande is not the delegat of point 2.1.
    with pytest.raises(OgiltigUppgift, match="bara ges till en anställd"):
        registrera_beslut(
            fake_system, arendet, delegat="Karin Ekblad", vidaredelegerat_av="Dag Helin", **avtal
        )
    with pytest.raises(OgiltigUppgift, match="Karin Ekblad är inte delegat enligt punkt 2.1"):
        registrera_beslut(fake_system, arendet, **(BISTAND | {"delegat": "Karin Ekblad"}))
    assert len(registret(fake_system)) == 1


def test_en_punkt_som_6_kap_38_paragrafen_undantar_vagras_aven_i_databasen(
    fake_system: Any,
) -> None:
    """Grunddata refuses such a point when read; one that reached the database another way
    is refused when a decision names it."""
    fake_system.klocka = FastKlocka(IDAG)
    arendet = hjalp.registrera(fake_system, "tjansteutlatande", {"arendemening": "Mål"})
    with fake_system.uow() as uow:
        namnd = uow.grunddata.namnd(NAMND)
        mal = Delegationspunkt(
            "9.1", "Verksamhetens mål", "mål och inriktning", ("Socialdirektör",)
        )
        uow.grunddata.spara_namnd(
            dataclasses.replace(namnd, delegationsordning=(*namnd.delegationsordning, mal))
        )
        uow.commit()
    with pytest.raises(OgiltigUppgift, match=r"verksamhetens mål.*6 kap. 38 §"):
        registrera_beslut(
            fake_system,
            arendet,
            aktor="Dag Helin",
            punkt="9.1",
            delegat="Dag Helin",
            beslutsdatum=date(2008, 4, 20),
            beslut="Nya mål för verksamheten",
        )
    assert registret(fake_system) == []
