"""The audit chain's heads published on the anslagstavla (table `publicerat_kedjehuvud`):
one row a day, written once by the publication, read by the public site."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from arende.adapters.tabeller import PubliceratKedjehuvudRad
from arende.domain.fel import SamtidigAndring
from arende.domain.kedjehuvud import PubliceratKedjehuvud


def _huvud(rad: PubliceratKedjehuvudRad) -> PubliceratKedjehuvud:
    return PubliceratKedjehuvud(rad.datum, rad.sekvens, rad.hash, rad.publicerad)


class SqlKedjehuvuden:
    def __init__(self, session: Session) -> None:
        self.s = session

    def publicera(self, huvud: PubliceratKedjehuvud) -> None:
        assert huvud.publicerad is not None
        rad = PubliceratKedjehuvudRad(
            datum=huvud.datum, sekvens=huvud.sekvens, hash=huvud.hash, publicerad=huvud.publicerad
        )
        try:
            with self.s.begin_nested():
                self.s.add(rad)
        except IntegrityError:
            raise SamtidigAndring(
                f"Kedjehuvudet för {huvud.datum.isoformat()} är redan publicerat."
            ) from None

    def for_dag(self, datum: date) -> PubliceratKedjehuvud | None:
        rad = self.s.get(PubliceratKedjehuvudRad, datum)
        return _huvud(rad) if rad is not None else None

    def senaste(self) -> PubliceratKedjehuvud | None:
        rader = self._rader(self._nyast_forst().limit(1))
        return rader[0] if rader else None

    def antal(self) -> int:
        return int(
            self.s.execute(select(func.count()).select_from(PubliceratKedjehuvudRad)).scalar_one()
        )

    def sida(self, gransen: int, forbi: int) -> list[PubliceratKedjehuvud]:
        return self._rader(self._nyast_forst().limit(gransen).offset(forbi))

    def alla(self) -> list[PubliceratKedjehuvud]:
        return self._rader(
            select(PubliceratKedjehuvudRad).order_by(col(PubliceratKedjehuvudRad.datum))
        )

    def _nyast_forst(self) -> Any:
        return select(PubliceratKedjehuvudRad).order_by(col(PubliceratKedjehuvudRad.datum).desc())

    def _rader(self, fraga: Any) -> list[PubliceratKedjehuvud]:
        return [_huvud(rad) for rad in self.s.execute(fraga).scalars()]
