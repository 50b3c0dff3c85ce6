"""Who a login is in the register, and who may answer a waiting form.

The kommun's identity provider names a person by her e-post; the register (grunddata) says
who she is here: a tjänsteperson with roles in a nämnd, or a ledamot or ersättare of one.
A login that maps to no one is refused at the gate; nothing is done in an unknown name.
"""

from __future__ import annotations

from dataclasses import dataclass

from arende.domain.roller import Roll
from arende.domain.text import namnnyckel
from arende.service_layer.ports import UnitOfWork


@dataclass(frozen=True)
class Registrerad:
    """The person behind a login: her name in the register and what she is there."""

    namn: str
    epost: str
    beskrivning: str


def vem_ar(uow: UnitOfWork, epost: str) -> Registrerad | None:
    """The person or ledamot in the register with this e-post (case does not matter)."""
    nyckel = epost.strip().lower()
    if not nyckel:
        return None
    with uow:
        person = uow.grunddata.person_med_epost(nyckel)
        if person is not None:
            roller = ", ".join(sorted(r.value for r in person.roller)) or "ingen roll"
            i = f" i {person.namnd}" if person.namnd else ""
            return Registrerad(person.namn, person.epost, f"{roller}{i}")
        for namnd in uow.grunddata.namnder():
            for ledamot in namnd.ledamoter:
                if ledamot.epost.strip().lower() == nyckel:
                    return Registrerad(
                        ledamot.namn, ledamot.epost, f"{ledamot.roll.value} i {namnd.namn}"
                    )
    return None


def kan_svara(uow: UnitOfWork, namnd: str, roller: frozenset[Roll]) -> list[Registrerad]:
    """The people of the nämnd who hold one of the roles and have an e-post: who a waiting
    form is announced to."""
    with uow:
        return [
            Registrerad(p.namn, p.epost, ", ".join(sorted(r.value for r in p.roller & roller)))
            for p in uow.grunddata.personer_i_namnd(namnd)
            if p.roller & roller and p.epost
        ]


def med_namn(uow: UnitOfWork, namn: str, namnd: str) -> list[Registrerad]:
    """The person, or the nämnd's ledamot, of this name, if she has an e-post."""
    nyckel = namnnyckel(namn)
    with uow:
        for person in uow.grunddata.personer_i_namnd(namnd):
            if namnnyckel(person.namn) == nyckel and person.epost:
                return [Registrerad(person.namn, person.epost, "")]
        for ledamot in uow.grunddata.namnd(namnd).ledamoter:
            if namnnyckel(ledamot.namn) == nyckel and ledamot.epost:
                return [Registrerad(ledamot.namn, ledamot.epost, ledamot.roll.value)]
    return []
