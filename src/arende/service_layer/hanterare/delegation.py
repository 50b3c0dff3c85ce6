"""Delegationsbeslut (kommunallagen 6 kap. 37–40 §§): a decision taken on the nämnd's behalf
enters its register, tried against the nämnd's delegationsordning (grunddata). A decision
under a point the nämnd does not have anmäld is protokollförd särskilt (the register entry)
and announced on the anslagstavla at once (8 kap. 10 §); the others wait for the next
anmälan, which the ärendetyp anmalan compiles from the register (regler.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from arende.domain.anslagstavla import Anslagsnotis, Anslagsslag
from arende.domain.delegation import (
    Delegat,
    Delegationsbeslut,
    kontrollera_punkt,
    prova,
    punkt_i,
)
from arende.domain.fel import OgiltigUppgift
from arende.domain.handelser import DelegationsbeslutRegistrerat
from arende.domain.kalender import OVERKLAGANDETID_VECKOR, flytta_till_vardag, plus_veckor
from arende.domain.organisation import Namnd
from arende.domain.text import MAX_NAMN, namnnyckel, rensa
from arende.service_layer.kommandon import RegistreraDelegationsbeslut
from arende.service_layer.ports import UnitOfWork
from arende.service_layer.steg import Steg, som_json


def delegat(uow: UnitOfWork, namnd: Namnd, namn: str) -> Delegat:
    """Who decided, as the delegationsordning names delegater: an elected member by her role
    in the nämnd, an anställd of its förvaltning by her title."""
    namn = rensa(namn, "Delegaten", max_langd=MAX_NAMN)
    ledamot = next((x for x in namnd.ledamoter if namnnyckel(x.namn) == namnnyckel(namn)), None)
    if ledamot is not None:
        roller = {ledamot.roll.value}
        if ledamot.roll.ar_ledamot:
            roller.add("ledamot")
        return Delegat(ledamot.namn, frozenset(roller), anstalld=False)
    person = uow.grunddata.person(namn)
    if person.namnd is None or namnnyckel(person.namnd) != namnnyckel(namnd.namn):
        raise OgiltigUppgift(
            f"{person.namn} är varken ledamot eller ersättare i {namnd.namn} eller anställd i "
            f"{namnd.forvaltning}, och kan inte besluta på nämndens vägnar."
        )
    titlar = {person.titel.casefold()} if person.titel else set()
    return Delegat(person.namn, frozenset(titlar), anstalld=True)


def registrera_delegationsbeslut(k: RegistreraDelegationsbeslut, steg: Steg) -> None:
    uow, namnd, arende = steg.uow, steg.namnd, steg.arendet
    assert namnd is not None
    # Tried again here, not only when grunddata is read: a point of a kind 6 kap. 38 §
    # keeps for the nämnd is refused however it came into the database.
    punkt = kontrollera_punkt(
        punkt_i(namnd.delegationsordning, k.punkt, namnd.namn), "Delegationsordningen"
    )
    beslutat_av = delegat(uow, namnd, k.delegat)
    vidare = (
        delegat(uow, namnd, k.vidaredelegerat_av)
        if k.vidaredelegerat_av and k.vidaredelegerat_av.strip()
        else None
    )
    text = rensa(k.beslut, "Beslutet", max_langd=2000)
    prova(
        punkt,
        beslutat_av,
        beslutsdatum=k.beslutsdatum,
        idag=steg.idag,
        belopp=k.belopp,
        principiell=k.principiell,
        vidaredelegerat_av=vidare,
    )
    if k.handlingsnummer is not None and not any(
        h.nummer == k.handlingsnummer for h in uow.handlingar.for_arende(str(arende.dnr))
    ):
        raise OgiltigUppgift(f"{arende.dnr} har ingen handling nummer {k.handlingsnummer}.")
    # Numbered in the year of the decision, as the anmälan and the protokoll cite it.
    ar = k.beslutsdatum.year
    beslut = Delegationsbeslut(
        namnd=namnd.namn,
        nummer=uow.delegationsbeslut.nasta_nummer(namnd.namn, ar),
        ar=ar,
        punkt=punkt.nummer,
        delegat=beslutat_av.namn,
        beslutsdatum=k.beslutsdatum,
        dnr=str(arende.dnr),
        beslut=text,
        registrerat=steg.idag,
        registrerat_av=steg.aktor,
        handling=k.handlingsnummer,
        belopp=k.belopp,
        vidaredelegerat_av=vidare.namn if vidare else None,
        bradskande=punkt.bradskande,
        anmals=punkt.anmals,
    )
    uow.delegationsbeslut.lagg_till(beslut)
    logg = {
        "begärt": som_json(k.begart()),
        "delegationsbeslut": beslut.beteckning,
        "punkt": punkt.rubrik,
        "anmäls": (
            "vid nämndens nästa sammanträde (kommunallagen 6 kap. 39 §)"
            if punkt.bradskande
            else "till nämnden"
            if punkt.anmals
            else "nej: protokollfört särskilt och tillkännagivet på anslagstavlan"
        ),
    }
    steg.logga(logg, dnr=arende.dnr)
    if not punkt.anmals:
        _ansla(steg, namnd, beslut)
    steg.hant(
        DelegationsbeslutRegistrerat(
            arende.dnr, namnd.namn, beslut.beteckning, punkt.nummer, punkt.anmals
        )
    )


def _ansla(steg: Steg, namnd: Namnd, beslut: Delegationsbeslut) -> None:
    """A delegationsbeslut that is not anmält to the nämnd is announced on the anslagstavla
    the day it is protokollfört (kommunallagen 8 kap. 10 §): the appeal period runs three
    weeks from then (13 kap. 5 §), and the notice stays up through it."""
    idag = steg.idag
    slut = flytta_till_vardag(plus_veckor(idag, OVERKLAGANDETID_VECKOR), steg.beroenden.kalender)
    steg.uow.anslagstavla.satt_upp(
        Anslagsnotis(
            slag=Anslagsslag.DELEGATIONSBESLUT,
            namnd=namnd.namn,
            sammantrade=beslut.beslutsdatum,
            justerad=idag,
            paragrafer=(beslut.nummer,),
            anslaget=idag,
            publicerad=datetime.now(UTC),
            overklagande_slut=slut,
            ned=slut + timedelta(days=1),
            forvaras=namnd.protokoll_forvaras or namnd.forvaltning,
        )
    )
