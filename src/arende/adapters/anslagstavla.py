"""The digital anslagstavla's notices (table `anslag`): written once when published, read by
the public site for the board (up today) and its archive (down since)."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Select, func, select
from sqlmodel import Session, col

from arende.adapters.repository import SqlGrunddata
from arende.adapters.tabeller import AnslagRad, NamndRad
from arende.domain.anslagstavla import Anslagsnotis, Anslagsslag


class SqlAnslagstavla:
    def __init__(self, session: Session, grunddata: SqlGrunddata) -> None:
        self.s = session
        self.grunddata = grunddata

    def satt_upp(self, notis: Anslagsnotis) -> None:
        namnd_id = self.grunddata._namnd_rad(notis.namnd).id
        assert namnd_id is not None
        self.s.add(
            AnslagRad(
                slag=notis.slag.value,
                namnd_id=namnd_id,
                sammantrade=notis.sammantrade,
                justerad=notis.justerad,
                paragrafer=json.dumps(list(notis.paragrafer)),
                anslaget=notis.anslaget,
                publicerad=notis.publicerad,
                overklagande_slut=notis.overklagande_slut,
                ned=notis.ned,
                forvaras=notis.forvaras,
                i_efterhand=notis.i_efterhand,
            )
        )
        self.s.flush()

    def uppe(self, idag: date, namnd: str | None = None) -> list[Anslagsnotis]:
        """What is on the board on `idag`, newest first."""
        fraga = self._fraga(namnd).where(col(AnslagRad.anslaget) <= idag, col(AnslagRad.ned) > idag)
        return self._notiser(fraga)

    def nedtagna(
        self, idag: date, namnd: str | None = None, gransen: int = 50, forbi: int = 0
    ) -> tuple[list[Anslagsnotis], int]:
        """The archive: notices down by `idag`, newest first, a page of `gransen` after
        `forbi`; and how many there are in all."""
        fraga = self._fraga(namnd).where(col(AnslagRad.ned) <= idag)
        antal = self.s.execute(
            select(func.count()).select_from(fraga.order_by(None).subquery())
        ).scalar_one()
        # A page past the end is never asked for: its offset might not fit an integer.
        sidan = self._notiser(fraga.limit(gransen).offset(forbi)) if forbi < antal else []
        return sidan, antal

    def alla(self, namnd: str | None = None) -> list[Anslagsnotis]:
        """Every notice ever published (the feed, the open data), newest first."""
        return self._notiser(self._fraga(namnd))

    def _fraga(self, namnd: str | None) -> Select[AnslagRad, str]:
        fraga = (
            select(AnslagRad, col(NamndRad.namn))
            .join(NamndRad, col(NamndRad.id) == col(AnslagRad.namnd_id))
            .order_by(col(AnslagRad.anslaget).desc(), col(AnslagRad.id).desc())
        )
        if namnd is not None:
            fraga = fraga.where(col(NamndRad.namn) == namnd)
        return fraga

    def _notiser(self, fraga: Select[AnslagRad, str]) -> list[Anslagsnotis]:
        return [
            Anslagsnotis(
                slag=Anslagsslag(rad.slag),
                namnd=namn,
                sammantrade=rad.sammantrade,
                justerad=rad.justerad,
                paragrafer=tuple(json.loads(rad.paragrafer)),
                anslaget=rad.anslaget,
                publicerad=rad.publicerad,
                overklagande_slut=rad.overklagande_slut,
                ned=rad.ned,
                forvaras=rad.forvaras,
                i_efterhand=rad.i_efterhand,
            )
            for rad, namn in self.s.execute(fraga).all()
        ]
