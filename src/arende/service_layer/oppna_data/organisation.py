"""The kommun and its nämnder: System, Body, Organization (each nämnd a "Gremium"), and
the ledamöter and ersättare as Person with a Membership (role, voting right, party)."""

from __future__ import annotations

from typing import Any

from arende.domain.fel import HittasInte
from arende.domain.organisation import Namnd
from arende.domain.sammantrade.narvaro import Ledamot
from arende.domain.text import namnnyckel
from arende.service_layer.oppna_data.listor import listsida, sidan
from arende.service_layer.oppna_data.objekt import OPARL, Adresser, typ, utan_tomma
from arende.service_layer.ports import UnitOfWork
from arende.service_layer.publikt import bland


def system(adr: Adresser, kommun: str) -> dict[str, Any]:
    return {
        "id": adr.system(),
        "type": typ("System"),
        "oparlVersion": OPARL,
        "body": adr.kommuner(),
        "name": f"{kommun}: nämndernas öppna data",
        "web": adr.webb + "/oppna-data",
    }


def kommunerna(adr: Adresser, kommun: str) -> dict[str, Any]:
    """The list of Bodies: the one kommun."""
    return listsida([body(adr, kommun)], 1, 1, adr.kommuner())


def body(adr: Adresser, kommun: str) -> dict[str, Any]:
    return {
        "id": adr.body(),
        "type": typ("Body"),
        "system": adr.system(),
        "name": kommun,
        "classification": "Kommun",
        "organization": adr.bodylista("organization"),
        "person": adr.bodylista("person"),
        "meeting": adr.bodylista("meeting"),
        "paper": adr.bodylista("paper"),
        "legislativeTerm": [],
        "web": adr.webb + "/",
    }


def alla_namnder(uow: UnitOfWork) -> list[Namnd]:
    return sorted(uow.grunddata.namnder(), key=lambda n: n.namn)


def las_namnd(uow: UnitOfWork, kortnamn: str) -> Namnd:
    """The nämnd whose diarium prefix ('SoN') names it in the addresses, read in an open
    unit of work."""
    return bland(uow.grunddata.namnder(), kortnamn)


def plats(text: str) -> dict[str, Any] | None:
    """Where, as OParl's Location reads it (only its description: the kommun gives no
    address as data)."""
    return {"type": typ("Location"), "description": text} if text else None


def _organization(adr: Adresser, namnd: Namnd) -> dict[str, Any]:
    k = namnd.diarieprefix
    return utan_tomma(
        {
            "id": adr.organization(k),
            "type": typ("Organization"),
            "body": adr.body(),
            "name": namnd.namn,
            "shortName": k,
            "organizationType": "Gremium",
            "classification": "Nämnd",
            "membership": [adr.membership(k, m.namn) for m in namnd.ledamoter],
            "meeting": adr.organization(k) + "/meeting",
            "memberCount": len(namnd.ledamoter),
            "votingMemberCount": sum(1 for m in namnd.ledamoter if m.roll.ar_ledamot),
            "location": plats(namnd.sammantradeslokal),
            "sv:forvaltning": namnd.forvaltning,
            "sv:protokollForvaras": namnd.protokoll_forvaras,
        }
    )


def organisationer(uow: UnitOfWork, adr: Adresser, sida: int) -> dict[str, Any]:
    with uow:
        namnder = alla_namnder(uow)
    data = [_organization(adr, n) for n in sidan(namnder, sida)]
    return listsida(data, len(namnder), sida, adr.bodylista("organization"))


def organisation(uow: UnitOfWork, adr: Adresser, kortnamn: str) -> dict[str, Any]:
    with uow:
        return _organization(adr, las_namnd(uow, kortnamn))


def _membership(adr: Adresser, namnd: Namnd, m: Ledamot, inbaddad: bool) -> dict[str, Any]:
    ut = {
        "id": adr.membership(namnd.diarieprefix, m.namn),
        "type": typ("Membership"),
        "organization": adr.organization(namnd.diarieprefix),
        "role": m.roll.value,
        # An ersättare votes only when she tjänstgör for an absent ledamot.
        "votingRight": m.roll.ar_ledamot,
        "sv:parti": m.parti,
    }
    if not inbaddad:
        ut["person"] = adr.person(m.namn)
    return utan_tomma(ut)


def _uppdrag(uow: UnitOfWork) -> dict[str, list[tuple[Namnd, Ledamot]]]:
    """Each ledamot by name key, with her seats, nämnd by nämnd."""
    personer: dict[str, list[tuple[Namnd, Ledamot]]] = {}
    for namnd in alla_namnder(uow):
        for m in namnd.ledamoter:
            personer.setdefault(namnnyckel(m.namn), []).append((namnd, m))
    return personer


def _person(adr: Adresser, uppdrag: list[tuple[Namnd, Ledamot]]) -> dict[str, Any]:
    namn = uppdrag[0][1].namn
    return {
        "id": adr.person(namn),
        "type": typ("Person"),
        "body": adr.body(),
        "name": namn,
        "membership": [_membership(adr, n, m, inbaddad=True) for n, m in uppdrag],
    }


def personer(uow: UnitOfWork, adr: Adresser, sida: int) -> dict[str, Any]:
    with uow:
        alla = sorted(_uppdrag(uow).values(), key=lambda u: namnnyckel(u[0][1].namn))
    data = [_person(adr, u) for u in sidan(alla, sida)]
    return listsida(data, len(alla), sida, adr.bodylista("person"))


def person(uow: UnitOfWork, adr: Adresser, namn: str) -> dict[str, Any]:
    with uow:
        uppdrag = _uppdrag(uow).get(namnnyckel(namn))
    if not uppdrag:
        raise HittasInte(f"Det finns ingen ledamot eller ersättare som heter '{namn[:40]}'.")
    return _person(adr, uppdrag)


def medlemskap(uow: UnitOfWork, adr: Adresser, kortnamn: str, namn: str) -> dict[str, Any]:
    with uow:
        namnd = las_namnd(uow, kortnamn)
    for m in namnd.ledamoter:
        if namnnyckel(m.namn) == namnnyckel(namn):
            return _membership(adr, namnd, m, inbaddad=False)
    raise HittasInte(f"{namn[:40]} är varken ledamot eller ersättare i {namnd.namn}.")
