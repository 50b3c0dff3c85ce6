"""What a person may choose between in a form: the kommun's own nämnder, persons, award
years and classes, read from the reference data so the UI offers drop-downs, not free text."""

from __future__ import annotations

from dataclasses import dataclass

from arende.domain.roller import Roll
from arende.service_layer.ports import UnitOfWork


@dataclass(frozen=True)
class Valbara:
    namnder: list[str]
    utmarkelsear: list[int]
    klasser: list[str]  # every year's classes; the year chosen decides which are valid
    handlaggare: list[str]
    personer: list[str]


def valbara(uow: UnitOfWork) -> Valbara:
    with uow:
        namnder = uow.grunddata.namnder()
        ar = uow.grunddata.alla_utmarkelsear()
        personer = [p for n in namnder for p in uow.grunddata.personer_i_namnd(n.namn)]
    klasser: list[str] = []
    for a in sorted(ar, key=lambda a: -a.ar):  # the newest year's spelling first
        klasser += [k for k in a.klasser if k not in klasser]
    return Valbara(
        namnder=[n.namn for n in namnder],
        utmarkelsear=[a.ar for a in ar],
        klasser=klasser,
        handlaggare=sorted(p.namn for p in personer if Roll.HANDLAGGARE in p.roller),
        personer=sorted({p.namn for p in personer}),
    )
