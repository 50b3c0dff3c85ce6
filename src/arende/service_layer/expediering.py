"""Who a decided ärende's protokollsutdrag is expedierat to: what its type's rules say (the
award's mottagare), else its handläggare. The expediering flow asks before its form.

Kept out of the read views (visningar.py) because it needs the runner's dependencies and
the types' rules, which the public site must not reach."""

from __future__ import annotations

from arende.service_layer.ports import UnitOfWork
from arende.service_layer.regler import regler_for
from arende.service_layer.steg import Beroenden


def expedieras_till(uow: UnitOfWork, beroenden: Beroenden, dnr: str) -> list[str]:
    with uow:
        arende = uow.arenden.hamta(dnr)
        typ = beroenden.typer.get(arende.arendetyp)
        mottagare = regler_for(typ, beroenden.regler).mottagare(arende, uow) if typ else []
    return mottagare or [arende.handlaggare]
