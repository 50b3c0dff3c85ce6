"""The handlingar of an ärende in SQL: one row per version, never updated except to add the
PDF rendition once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_
from sqlmodel import Session, col, select

from arende.adapters.tabeller import ArendeRad, GallringRad, HandlingRad
from arende.domain.fel import HittasInte
from arende.domain.gallring import Gallringsnotering
from arende.domain.handling import Handling, Handlingstyp, Riktning
from arende.domain.sekretess import Sekretessmarkering


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
            select(HandlingRad, GallringRad)
            .outerjoin(GallringRad, gallrad(HandlingRad))
            .where(HandlingRad.arende_id == self._arende_id(dnr))
            .order_by(col(HandlingRad.nummer), col(HandlingRad.version))
        )
        return [handling_ur_rad(r, notering(g)) for r, g in rader]

    def med_sha256(self, sha256: str) -> list[tuple[str, Handling]]:
        rader = self.s.exec(
            select(ArendeRad.dnr, HandlingRad)
            .join(ArendeRad, col(ArendeRad.id) == col(HandlingRad.arende_id))
            .where(HandlingRad.sha256 == sha256)
            .order_by(col(HandlingRad.id))
        )
        return [(dnr, handling_ur_rad(rad)) for dnr, rad in rader]

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
                sekretess=handling.markering is not None or handling.sekretess,
                sekretess_grund=handling.markering.bestammelse if handling.markering else None,
                sekretess_datum=handling.markering.datum if handling.markering else None,
                sekretess_av=handling.markering.av if handling.markering else None,
                sekretess_stycken=_stycken(handling.markering),
                ursprungligt_namn=handling.ursprungligt_namn,
                granskad=handling.granskad,
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

    def satt_sekretess(self, dnr: str, nummer: int, markering: Sekretessmarkering | None) -> int:
        """Mark every version of the handling (or lift the marking, with None); returns how
        many versions. The marking belongs to the handling, not to one rendering of it."""
        rader = self._versionerna(dnr, nummer)
        for rad in rader:
            rad.sekretess = markering is not None
            rad.sekretess_grund = markering.bestammelse if markering else None
            rad.sekretess_datum = markering.datum if markering else None
            rad.sekretess_av = markering.av if markering else None
            rad.sekretess_stycken = _stycken(markering)
            self.s.add(rad)
        self.s.flush()
        return len(rader)

    def satt_granskad(self, dnr: str, nummer: int, titel: str | None) -> int:
        """Mark every version of the handling as looked at (with a new title, if given);
        returns how many versions."""
        rader = self._versionerna(dnr, nummer)
        for rad in rader:
            rad.granskad = True
            if titel is not None:
                rad.titel = titel
            self.s.add(rad)
        self.s.flush()
        return len(rader)

    def _versionerna(self, dnr: str, nummer: int) -> list[HandlingRad]:
        """Every version of handling `nummer`, locked until commit."""
        return list(
            self.s.exec(
                select(HandlingRad)
                .where(HandlingRad.arende_id == self._arende_id(dnr))
                .where(HandlingRad.nummer == nummer)
                .with_for_update()
            )
        )


def markering(rad: HandlingRad) -> Sekretessmarkering | None:
    """The row's marking; a handling flagged before the grounds were kept (schema 0014) has
    none to show, though its flag still holds."""
    if not rad.sekretess or rad.sekretess_grund is None or rad.sekretess_datum is None:
        return None
    stycken = (
        tuple(int(s) for s in rad.sekretess_stycken.split(",")) if rad.sekretess_stycken else ()
    )
    return Sekretessmarkering(
        rad.sekretess_grund, rad.sekretess_datum, rad.sekretess_av or "", stycken
    )


def _stycken(markering: Sekretessmarkering | None) -> str | None:
    """The marked stycken as stored: '3,4,5,8' (None: the whole handling, or no marking)."""
    return ",".join(map(str, markering.stycken)) if markering and markering.stycken else None


def gallrad(handling: type[HandlingRad]) -> Any:
    """The join of a handling version to its gallring record, if it has one."""
    return and_(
        col(GallringRad.arende_id) == col(handling.arende_id),
        col(GallringRad.nummer) == col(handling.nummer),
        col(GallringRad.version) == col(handling.version),
    )


def notering(rad: GallringRad | None) -> Gallringsnotering | None:
    """The record of a gallrad version (None: it is not gallrad), for the registers' reads."""
    if rad is None:
        return None
    return Gallringsnotering(
        beslut=rad.beslut,
        beslutsdatum=rad.beslutsdatum,
        organ=rad.organ,
        av=rad.av,
        datum=rad.datum,
        forslag=rad.forslag_id,
        sha256=rad.sha256,
        pdf_sha256=rad.pdf_sha256,
    )


def handling_ur_rad(rad: HandlingRad, gallring: Gallringsnotering | None = None) -> Handling:
    """The version as the domain sees it (with its gallring record, if it has one)."""
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
        markering=markering(rad),
        ursprungligt_namn=rad.ursprungligt_namn,
        granskad=rad.granskad,
        gallring=gallring,
    )
