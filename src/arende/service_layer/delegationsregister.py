"""The register of delegationsbeslut as the registrator reads it (a view: it only reads):
each decision with where it stands, anmäld to the nämnd in which anmälan, waiting for the
next one (the ordförande's urgent decisions by the next sammanträde of the plan, 6 kap.
39 §), or protokollförd särskilt and announced on the anslagstavla."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from arende.domain.datum import svenskt_datum
from arende.domain.delegation import Delegationsbeslut
from arende.service_layer.ports import UnitOfWork


@dataclass(frozen=True)
class Registerrad:
    beslut: Delegationsbeslut
    status: str


def status(beslut: Delegationsbeslut, nasta_sammantrade: date | None) -> str:
    if not beslut.anmals:
        return "protokollfört särskilt och anslaget (anmäls inte)"
    if beslut.anmalan:
        return f"anmält i {beslut.anmalan}"
    if beslut.bradskande:
        nar = (
            f"den {svenskt_datum(nasta_sammantrade)}"
            if nasta_sammantrade
            else "(inget i sammanträdesplanen)"
        )
        return f"ska anmälas vid nämndens nästa sammanträde {nar} (kommunallagen 6 kap. 39 §)"
    return "väntar på anmälan"


def registret(uow: UnitOfWork, namnd: str, ar: int | None = None) -> list[Registerrad]:
    with uow:
        namn = uow.grunddata.namnd(namnd).namn
        plan = uow.planer.sammantraden(namn)
        return [
            Registerrad(b, status(b, next((d for d in sorted(plan) if d > b.beslutsdatum), None)))
            for b in uow.delegationsbeslut.for_namnd(namn, ar)
        ]
