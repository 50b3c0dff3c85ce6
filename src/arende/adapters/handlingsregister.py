"""The handlingar of an ärende in SQL: one row per version, never updated except to add the
PDF rendition once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from arende.adapters.tabeller import ArendeRad, HandlingRad
from arende.domain.fel import HittasInte
from arende.domain.handling import Handling, Handlingstyp, Riktning


class SqlHandlingsregister:
    def __init__(self, session: Session) -> None:
        self.s = session

    def _arende_id(self, dnr: str) -> int:
        arende_id = self.s.exec(select(ArendeRad.id).where(ArendeRad.dnr == dnr)).first()
        if arende_id is None:
            raise HittasInte(f"Ärendet {dnr} finns inte i diariet.")
        return arende_id

    def for_arende(self, dnr: str) -> list[Handling]:
        rader = self.s.exec(
            select(HandlingRad)
            .where(HandlingRad.arende_id == self._arende_id(dnr))
            .order_by(col(HandlingRad.nummer), col(HandlingRad.version))
        )
        return [_handling(r) for r in rader]

    def lagg_till(self, dnr: str, handling: Handling) -> None:
        self.s.add(
            HandlingRad(
                arende_id=self._arende_id(dnr),
                nummer=handling.nummer,
                version=handling.version,
                typ=handling.typ.value,
                riktning=handling.riktning.value,
                titel=handling.titel,
                datum=handling.datum,
                motpart=handling.motpart,
                sekretess=handling.sekretess,
                fil=handling.fil,
                sha256=handling.sha256,
                upprattad_av=handling.upprattad_av,
                registrerad=datetime.now(UTC),
                nyckel=handling.nyckel,
                last=handling.last,
                mall=handling.mall,
                flodeskorning=handling.flodeskorning,
            )
        )
        self.s.flush()  # the unique (ärende, nummer, version) and (ärende, nyckel) hold here

    def satt_pdf(self, dnr: str, nummer: int, version: int, fil: str, sha256: str) -> bool:
        rad = self.s.exec(
            select(HandlingRad)
            .where(HandlingRad.arende_id == self._arende_id(dnr))
            .where(HandlingRad.nummer == nummer)
            .where(HandlingRad.version == version)
            .with_for_update()
        ).one()
        if rad.pdf_fil is not None:
            return False
        rad.pdf_fil, rad.pdf_sha256 = fil, sha256
        self.s.add(rad)
        self.s.flush()
        return True


def _handling(rad: HandlingRad) -> Handling:
    return Handling(
        nummer=rad.nummer,
        version=rad.version,
        typ=Handlingstyp(rad.typ),
        riktning=Riktning(rad.riktning),
        titel=rad.titel,
        datum=rad.datum,
        fil=rad.fil,
        sha256=rad.sha256,
        upprattad_av=rad.upprattad_av,
        last=rad.last,
        mall=rad.mall,
        motpart=rad.motpart,
        sekretess=rad.sekretess,
        nyckel=rad.nyckel,
        flodeskorning=rad.flodeskorning,
        pdf_fil=rad.pdf_fil,
        pdf_sha256=rad.pdf_sha256,
    )
