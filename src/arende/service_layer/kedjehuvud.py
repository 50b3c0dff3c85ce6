"""Publishing the audit chain's head on the anslagstavla, once a day (the scheduler does it
shortly after midnight, `arende publicera-kedjehuvud` by hand), so that anyone can later
prove that the log up to that event was not rewritten after that day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from arende.domain.fel import SamtidigAndring
from arende.domain.kedjehuvud import PubliceratKedjehuvud
from arende.service_layer.kommandon import SYSTEMET, SYSTEMROLL
from arende.service_layer.ports import UnitOfWork

HANDLING = "publicera kedjehuvud"


@dataclass(frozen=True)
class Publicering:
    huvud: PubliceratKedjehuvud
    ny: bool  # False: the day's head was already published (by an earlier call)


def publicerat_for(uow: UnitOfWork, idag: date) -> PubliceratKedjehuvud | None:
    with uow:
        return uow.kedjehuvuden.for_dag(idag)


def publicera_kedjehuvud(uow: UnitOfWork, idag: date) -> Publicering:
    """Publish today's head; a second call the same day changes nothing and returns the
    head published first."""
    with uow:
        if (publicerat := uow.kedjehuvuden.for_dag(idag)) is not None:
            return Publicering(publicerat, ny=False)
        # Ordering: the head is read BEFORE the publication's own audit event is written.
        # That event becomes the next link and names the head it published; it chains on
        # the head without changing it (a link's hash covers only what comes before it), so
        # the published (sekvens, hash) stays a point of the chain, and tomorrow's head
        # covers today's publication. Reading the head after writing the event would
        # publish a head whose event could not hold its own hash.
        sekvens, hash_ = uow.logg.huvud()
        huvud = PubliceratKedjehuvud(idag, sekvens, hash_, datetime.now(UTC))
        try:
            uow.kedjehuvuden.publicera(huvud)
        except SamtidigAndring:  # another publisher was first: its head stands
            uow.rollback()
            befintligt = uow.kedjehuvuden.for_dag(idag)
            assert befintligt is not None
            return Publicering(befintligt, ny=False)
        uow.logg.skriv(
            dnr=None,
            handling=HANDLING,
            aktor=SYSTEMET,
            roll=SYSTEMROLL,
            flodeskorning=None,
            innehall={"datum": idag.isoformat(), "sekvens": sekvens, "hash": hash_},
        )
        uow.commit()
    return Publicering(huvud, ny=True)
