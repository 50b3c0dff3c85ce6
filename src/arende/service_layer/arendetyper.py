"""Registering and preparing an ärende of any type, as its definition says.

The definition (domain/arendetyp.py) says what the start form asks; the answers are checked
against it before a diarienummer is taken. What data cannot say, a type's rule set says in
Python (`Regler`): the kvalitetsutmärkelse's classes belong to the award's year, its sista
dag decides omedelbar justering, and its ärenden carry the nominated units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

from arende.domain.arende import Arende, Nominering
from arende.domain.arendetyp import Arendetyp, kontrollera_svar
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.domain.kalender import Helgdagskalender
from arende.domain.skeden import Skede
from arende.service_layer.handlers import Kontext, registrera_med, steg
from arende.service_layer.ports import Klocka, UnitOfWork


@dataclass(frozen=True)
class NyttArende:
    typ: str
    namnd: str
    handlaggare: str
    planerat_sammantrade: date
    uppgifter: dict[str, Any] = field(default_factory=dict)
    registreringsdatum: date | None = None


class Regler(Protocol):
    """A type's rules in Python: builds the ärende from its checked start answers."""

    def bygg(
        self,
        typ: Arendetyp,
        cmd: NyttArende,
        uppgifter: dict[str, Any],
        dnr: Diarienummer,
        uow: UnitOfWork,
        idag: date,
        kalender: Helgdagskalender,
    ) -> Arende: ...


class Kvalitetsutmarkelsen:
    """Nominering and deltagande: the units, their classes in the award's year, and the
    omedelbar justering the award's sista dag calls for (DOMAIN.md, seed 000)."""

    def bygg(
        self,
        typ: Arendetyp,
        cmd: NyttArende,
        uppgifter: dict[str, Any],
        dnr: Diarienummer,
        uow: UnitOfWork,
        idag: date,
        kalender: Helgdagskalender,
    ) -> Arende:
        omedelbar = {"ja": True, "nej": False}.get(uppgifter.get("omedelbar_justering") or "")
        arende = Arende.registrera_nominering(
            dnr=dnr,
            namnd=uow.grunddata.namnd(cmd.namnd).namn,
            handlaggare=uow.grunddata.person(cmd.handlaggare).namn,
            registreringsdatum=cmd.registreringsdatum or idag,
            ar=uow.grunddata.utmarkelsear(uppgifter["utmarkelsear"]),
            nomineringar=[
                Nominering(e["namn"], e["klass"], e.get("beskrivning") or "")
                for e in uppgifter.get("enheter", [])
            ],
            planerat_sammantrade=cmd.planerat_sammantrade,
            omedelbar_justering=omedelbar,
            idag=idag,
            kalender=kalender,
            avslutande_kommentar=uppgifter.get("avslutande_kommentar") or "",
        )
        return replace(
            arende,
            titel=typ.ge_titel(uppgifter),
            arendetyp=typ.namn,
            livscykel=typ.livscykel,
            uppgifter=uppgifter,
        )


class Allmanna:
    """Any type without rules of its own: the title from the start form, nothing more."""

    def bygg(
        self,
        typ: Arendetyp,
        cmd: NyttArende,
        uppgifter: dict[str, Any],
        dnr: Diarienummer,
        uow: UnitOfWork,
        idag: date,
        kalender: Helgdagskalender,
    ) -> Arende:
        return Arende.registrera(
            dnr=dnr,
            arendetyp=typ.namn,
            livscykel=typ.livscykel,
            titel=typ.ge_titel(uppgifter),
            namnd=uow.grunddata.namnd(cmd.namnd).namn,
            handlaggare=uow.grunddata.person(cmd.handlaggare).namn,
            registreringsdatum=cmd.registreringsdatum or idag,
            planerat_sammantrade=cmd.planerat_sammantrade,
            uppgifter=uppgifter,
            idag=idag,
        )


# The rule sets a definition may name (`regler = "…"`).
REGLER: Mapping[str, Regler] = {"kvalitetsutmarkelse": Kvalitetsutmarkelsen()}


def registrera_arende(
    cmd: NyttArende,
    typer: Mapping[str, Arendetyp],
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
    kalender: Helgdagskalender,
) -> str:
    """Register an ärende of the type `cmd.typ`; returns its dnr. The start answers are
    checked against the type's fields before any number is taken."""
    typ = typer.get(cmd.typ)
    if typ is None:
        raise OgiltigUppgift(
            f"Okänd ärendetyp '{cmd.typ}'. Kända ärendetyper: {', '.join(sorted(typer))}."
        )
    uppgifter = kontrollera_svar(typ.startfalt, cmd.uppgifter)
    regler = REGLER[typ.regler] if typ.regler else Allmanna()
    return registrera_med(
        cmd.namnd,
        cmd.handlaggare,
        cmd.registreringsdatum,
        lambda dnr, idag: regler.bygg(typ, cmd, uppgifter, dnr, uow, idag, kalender),
        uow,
        kontext,
        klocka,
    )


def skriv_uppgifter(
    dnr: str,
    typ: Arendetyp,
    skede: Skede,
    svar: Mapping[str, Any],
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
) -> bool:
    """Keep the answers to the type's form for the step into `skede` (checked against its
    fields) with the ärende, for the documents that step draws up."""
    formular = typ.formular.get(skede)
    if formular is None:
        raise OgiltigUppgift(f"Ärendetypen {typ.namn} har inget formulär för skedet '{skede}'.")
    uppgifter = kontrollera_svar(formular.falt, svar)
    return steg(
        uow,
        dnr,
        kontext,
        klocka,
        "skriva underlaget",
        lambda a, _p, _d: a.registrera_uppgifter(skede, uppgifter),
        {"skede": skede, "uppgifter": uppgifter},
    )
