"""The register of delegationsbeslut (table `delegationsbeslut`), per nämnd and year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from arende.adapters.repository import SqlGrunddata
from arende.adapters.tabeller import ArendeRad, DelegationsbeslutRad, NamndRad
from arende.domain.delegation import Delegationsbeslut
from arende.domain.fel import HittasInte, SamtidigAndring


class SqlDelegationsregister:
    def __init__(self, session: Session, grunddata: SqlGrunddata) -> None:
        self.s = session
        self.grunddata = grunddata

    def _namnd_id(self, namnd: str) -> int:
        namnd_id = self.grunddata._namnd_rad(namnd).id
        assert namnd_id is not None
        return namnd_id

    def _arende_id(self, dnr: str) -> int:
        arende_id = self.s.exec(select(ArendeRad.id).where(ArendeRad.dnr == dnr.strip())).first()
        if arende_id is None:
            raise HittasInte(f"Det finns inget ärende med diarienummer '{dnr}'.")
        return arende_id

    def nasta_nummer(self, namnd: str, ar: int) -> int:
        hogsta = self.s.exec(
            select(func.max(DelegationsbeslutRad.nummer)).where(
                DelegationsbeslutRad.namnd_id == self._namnd_id(namnd),
                DelegationsbeslutRad.ar == ar,
            )
        ).one()
        return int(hogsta or 0) + 1

    def lagg_till(self, beslut: Delegationsbeslut) -> None:
        rad = DelegationsbeslutRad(
            namnd_id=self._namnd_id(beslut.namnd),
            ar=beslut.ar,
            nummer=beslut.nummer,
            punkt=beslut.punkt,
            delegat=beslut.delegat,
            beslutsdatum=beslut.beslutsdatum,
            arende_id=self._arende_id(beslut.dnr),
            beslut=beslut.beslut,
            registrerat=beslut.registrerat,
            registrerat_av=beslut.registrerat_av,
            handling=beslut.handling,
            belopp=beslut.belopp,
            vidaredelegerat_av=beslut.vidaredelegerat_av,
            bradskande=beslut.bradskande,
            anmals=beslut.anmals,
            anmalan_id=self._arende_id(beslut.anmalan) if beslut.anmalan else None,
        )
        try:
            # Two decisions registered at once in different ärenden may take the same number:
            # the second is retried by the runner and takes the next.
            with self.s.begin_nested():
                self.s.add(rad)
        except IntegrityError:
            raise SamtidigAndring(
                f"Delegationsbeslut {beslut.beteckning} registrerades samtidigt av någon annan."
            ) from None

    def for_namnd(
        self, namnd: str, ar: int | None = None, *, vantande: bool = False
    ) -> list[Delegationsbeslut]:
        fraga = self._fraga().where(DelegationsbeslutRad.namnd_id == self._namnd_id(namnd))
        if ar is not None:
            fraga = fraga.where(DelegationsbeslutRad.ar == ar)
        if vantande:
            fraga = fraga.where(
                col(DelegationsbeslutRad.anmals).is_(True),
                col(DelegationsbeslutRad.anmalan_id).is_(None),
            )
        return self._beslut(fraga)

    def anmal(self, namnd: str, beslut: Sequence[Delegationsbeslut], anmalan: str) -> None:
        anmalan_id = self._arende_id(anmalan)
        namnd_id = self._namnd_id(namnd)
        for b in beslut:
            rad = self.s.exec(
                select(DelegationsbeslutRad).where(
                    DelegationsbeslutRad.namnd_id == namnd_id,
                    DelegationsbeslutRad.ar == b.ar,
                    DelegationsbeslutRad.nummer == b.nummer,
                )
            ).one()
            rad.anmalan_id = anmalan_id
            self.s.add(rad)
        self.s.flush()

    def i_anmalan(self, anmalan: str) -> list[Delegationsbeslut]:
        anmalan_id = self.s.exec(select(ArendeRad.id).where(ArendeRad.dnr == anmalan.strip()))
        forsta = anmalan_id.first()
        if forsta is None:
            return []
        return self._beslut(self._fraga().where(DelegationsbeslutRad.anmalan_id == forsta))

    def _fraga(self) -> Any:
        anmalan = aliased(ArendeRad)
        return (
            select(DelegationsbeslutRad, NamndRad.namn, ArendeRad.dnr, anmalan.dnr)
            .join(NamndRad, col(NamndRad.id) == col(DelegationsbeslutRad.namnd_id))
            .join(ArendeRad, col(ArendeRad.id) == col(DelegationsbeslutRad.arende_id))
            .outerjoin(anmalan, col(anmalan.id) == col(DelegationsbeslutRad.anmalan_id))
            .order_by(col(DelegationsbeslutRad.ar), col(DelegationsbeslutRad.nummer))
        )

    def _beslut(self, fraga: Any) -> list[Delegationsbeslut]:
        return [
            Delegationsbeslut(
                namnd=namnd,
                nummer=rad.nummer,
                ar=rad.ar,
                punkt=rad.punkt,
                delegat=rad.delegat,
                beslutsdatum=rad.beslutsdatum,
                dnr=dnr,
                beslut=rad.beslut,
                registrerat=rad.registrerat,
                registrerat_av=rad.registrerat_av,
                handling=rad.handling,
                belopp=rad.belopp,
                vidaredelegerat_av=rad.vidaredelegerat_av,
                bradskande=rad.bradskande,
                anmals=rad.anmals,
                anmalan=anmalan,
            )
            for rad, namnd, dnr, anmalan in self.s.exec(fraga).all()
        ]
