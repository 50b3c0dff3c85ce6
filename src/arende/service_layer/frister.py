"""An ärende's deadlines, and the check of a sammanträde against the nämnd's plan.

`berakna_och_spara` is called by the runner inside every command's transaction (and
`uppdatera_alla_frister` for all open ärenden when the scheduler starts): it recomputes the
frister from the ärende as it stands and makes the `frist` table say exactly that. It is
idempotent: a second call changes nothing and writes nothing to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from arende.domain.datum import svenskt_datum
from arende.domain.fel import ArendeFel
from arende.domain.frister import Frist, Planaktivitet, berakna_frister
from arende.service_layer.kommandon import SYSTEMET, SYSTEMROLL
from arende.service_layer.ports import LagradFrist, UnitOfWork
from arende.service_layer.regler import regler_for
from arende.service_layer.steg import Beroenden


def uppdatera_frister(
    dnr: str,
    uow: UnitOfWork,
    beroenden: Beroenden,
    flodeskorning: str | None = None,
) -> list[Frist]:
    """Recompute and store the ärende's frister in a transaction of their own (the
    scheduler's start, for every open ärende); returns them in date order."""
    with uow:
        frister = berakna_och_spara(uow, dnr, beroenden, flodeskorning)
        uow.commit()
        return frister


def berakna_och_spara(
    uow: UnitOfWork,
    dnr: str,
    beroenden: Beroenden,
    flodeskorning: str | None = None,
) -> list[Frist]:
    """Recompute the ärende's frister from it as it stands in this transaction and store
    them; the runner calls it before every command commits, so the frister are never
    behind the step. A change is logged by the system. OgiltigUppgift if a frist would fall
    before the registration (the command is then refused)."""
    arende = uow.arenden.hamta(dnr)  # locks the ärende: a concurrent step waits
    typ = beroenden.typer.get(arende.arendetyp)
    egna = regler_for(typ, beroenden.regler).frister(arende, uow) if typ else []
    aktiviteter = [
        Planaktivitet(lb.bidrag.verksamhet, date.fromisoformat(f["datum"]), f["text"])
        for lb in uow.tavlingsbidrag.for_arende(dnr)
        if (plan := uow.tavlingsbidrag.senaste_plan(dnr, lb.bidrag.verksamhet))
        for f in plan.struktur.get("frister", [])
    ]
    mote = (
        uow.sammantraden.hamta(arende.namnd, arende.sammantrade, las=False)
        if arende.sammantrade
        else None
    )
    frister = berakna_frister(
        arende,
        beroenden.kalender,
        uow.planer.justeringsdagar(arende.namnd),
        aktiviteter,
        justeringstid=mote.justering_sista if mote else None,
        egna=egna,
    )
    fore = [_json(f.frist) for f in uow.frister.for_arende(dnr)]
    if uow.frister.ersatt(str(arende.dnr), frister):
        uow.logg.skriv(
            dnr=str(arende.dnr),
            handling="uppdatera frister",
            aktor=SYSTEMET,
            roll=SYSTEMROLL,
            flodeskorning=flodeskorning,
            innehall={"före": fore, "efter": [_json(f) for f in frister]},
        )
    return frister


def frister_for(uow: UnitOfWork, dnr: str) -> list[LagradFrist]:
    """The ärende's stored frister, in date order."""
    with uow:
        return uow.frister.for_arende(dnr)


def uppdatera_alla_frister(
    uow_fabrik: Callable[[], UnitOfWork], beroenden: Beroenden
) -> tuple[int, dict[str, str]]:
    """Recompute the frister of every open ärende, one transaction each. Returns how many
    were updated and, per dnr, the Swedish message of any that could not be (its stored
    frister are left as they were)."""
    with uow_fabrik() as uow:
        oppna = uow.frister.oppna_arenden()
    fel: dict[str, str] = {}
    for dnr in oppna:
        try:
            uppdatera_frister(dnr, uow_fabrik(), beroenden)
        except ArendeFel as e:
            fel[dnr] = e.meddelande
    return len(oppna) - len(fel), fel


def frister_som_markdown(dnr: str, frister: list[Frist]) -> str:
    """A table for a Prefect artifact or a form: what is due when, and under which rule."""
    rader = [
        f"### Frister i {dnr}",
        "",
        "| Datum | Frist | Status | Regel |",
        "| --- | --- | --- | --- |",
    ]
    for f in frister:
        status = ("klar" if f.klar else "att göra") if f.kraver_atgard else "löper"
        rader.append(f"| {svenskt_datum(f.datum)} | {f.typ.rubrik} | {status} | {f.regel} |")
    return "\n".join(rader) + "\n"


def _json(frist: Frist) -> dict[str, Any]:
    return {
        "typ": frist.typ.value,
        "datum": frist.datum.isoformat(),
        "klar": frist.klar,
        "regel": frist.regel,
    }
