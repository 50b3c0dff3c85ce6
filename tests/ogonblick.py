"""Every row of every table, to check that a refused input changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session, SQLModel

# What a refusal writes by design: the audit log's event "avvisad" (and the chain's head),
# and the refusal kept under its step key so a replay is refused the same way.
BEVIS = ("granskningslogg", "granskningshuvud", "kommando")

Bild = dict[str, list[tuple[Any, ...]]]


def ogonblicksbild(motor: Engine) -> Bild:
    """Every row of every table, each table's rows sorted."""
    with Session(motor) as s:
        return {
            t.name: sorted((tuple(map(str, r)) for r in s.execute(select(t))), key=str)
            for t in SQLModel.metadata.sorted_tables
        }


def utom_bevis(bild: Bild) -> Bild:
    """The snapshot without the tables a refusal writes."""
    return {t: rader for t, rader in bild.items() if t not in BEVIS}


def nya(fore: Bild, efter: Bild, tabell: str) -> list[tuple[Any, ...]]:
    """The rows of `tabell` that were not there before."""
    return [r for r in efter[tabell] if r not in fore[tabell]]
