"""Gallring in SQL: the proposals of the gallring runs, and the record that remains of each
gallrad handling version (a table that only grows: triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from arende.adapters.handlingsregister import gallrad, handling_ur_rad, notering
from arende.adapters.repository import SqlGrunddata
from arende.adapters.tabeller import (
    ArendeRad,
    GallringRad,
    GallringsforslagRad,
    HandlingRad,
    NamndRad,
)
from arende.domain.fel import HittasInte
from arende.domain.gallring import Forslagspost, Gallringsforslag, Gallringsnotering
from arende.domain.handling import Handling
from arende.service_layer.ports import Gallringsunderlag


class SqlGallringsregister:
    def __init__(self, session: Session, grunddata: SqlGrunddata) -> None:
        self.s = session
        self.grunddata = grunddata

    def underlag(self, namnd: str, *, oppna: bool) -> list[Gallringsunderlag]:
        """Two queries whatever the diarium's size: the ärenden, then every version of their
        handlingar with its gallring record (a closed ärende is one with an avslutsdatum, as
        the domain reads it)."""
        villkor: list[Any] = [ArendeRad.namnd_id == self.grunddata._namnd_rad(namnd).id]
        if not oppna:
            villkor.append(col(ArendeRad.avslutsdatum).is_not(None))
        arenden = self.s.exec(
            select(
                col(ArendeRad.id),
                col(ArendeRad.dnr),
                col(ArendeRad.arendetyp),
                col(ArendeRad.avslutsdatum),
            )
            .where(*villkor)
            .order_by(
                col(ArendeRad.diarieprefix), col(ArendeRad.diarie_ar), col(ArendeRad.lopnummer)
            )
        ).all()
        handlingar: dict[int, list[Handling]] = defaultdict(list)
        for rad, g in self.s.exec(
            select(HandlingRad, GallringRad)
            .join(ArendeRad, col(ArendeRad.id) == col(HandlingRad.arende_id))
            .outerjoin(GallringRad, gallrad(HandlingRad))
            .where(*villkor)
            .order_by(col(HandlingRad.arende_id), col(HandlingRad.nummer), col(HandlingRad.version))
        ):
            handlingar[rad.arende_id].append(handling_ur_rad(rad, notering(g)))
        return [
            Gallringsunderlag(dnr, typ, avslut, tuple(handlingar.get(arende_id, ())))
            for arende_id, dnr, typ, avslut in arenden
            if arende_id is not None
        ]

    def nytt_forslag(self, namnd: str, datum: date, av: str, poster: Sequence[Forslagspost]) -> int:
        namnd_id = self.grunddata._namnd_rad(namnd).id
        assert namnd_id is not None
        rad = GallringsforslagRad(
            namnd_id=namnd_id,
            datum=datum,
            av=av,
            poster=json.dumps([p.som_data() for p in poster], ensure_ascii=False),
        )
        self.s.add(rad)
        self.s.flush()
        assert rad.id is not None
        return rad.id

    def forslag(self, forslag_id: int) -> Gallringsforslag | None:
        rad = self.s.exec(
            select(GallringsforslagRad, NamndRad.namn)
            .join(NamndRad, col(NamndRad.id) == col(GallringsforslagRad.namnd_id))
            .where(GallringsforslagRad.id == forslag_id)
            .with_for_update(of=GallringsforslagRad)
        ).first()
        return _forslag(*rad) if rad is not None else None

    def forslagen(self, namnd: str, *, obeslutade: bool = False) -> list[Gallringsforslag]:
        namnd_rad = self.grunddata._namnd_rad(namnd)
        fraga = select(GallringsforslagRad).where(GallringsforslagRad.namnd_id == namnd_rad.id)
        if obeslutade:
            fraga = fraga.where(col(GallringsforslagRad.beslutat).is_(None))
        rader = self.s.exec(fraga.order_by(col(GallringsforslagRad.id).desc()))
        return [_forslag(r, namnd_rad.namn) for r in rader]

    def besluta(self, forslag_id: int, datum: date, av: str) -> None:
        rad = self.s.get(GallringsforslagRad, forslag_id)
        if rad is None:
            raise HittasInte(f"Gallringsförslag {forslag_id} finns inte.")
        rad.beslutat, rad.beslutat_av = datum, av
        self.s.add(rad)
        self.s.flush()

    def att_meddela(self, av: str) -> list[Gallringsforslag]:
        rader = self.s.exec(
            select(GallringsforslagRad, NamndRad.namn)
            .join(NamndRad, col(NamndRad.id) == col(GallringsforslagRad.namnd_id))
            .where(GallringsforslagRad.av == av)
            .where(col(GallringsforslagRad.beslutat).is_(None))
            .where(col(GallringsforslagRad.meddelad).is_(None))
            .order_by(col(GallringsforslagRad.id))
        )
        return [_forslag(r, namnd) for r, namnd in rader]

    def markera_meddelad(self, forslag_id: int, nar: datetime) -> bool:
        resultat = self.s.execute(
            update(GallringsforslagRad)
            .where(col(GallringsforslagRad.id) == forslag_id)
            .where(col(GallringsforslagRad.meddelad).is_(None))
            .where(col(GallringsforslagRad.beslutat).is_(None))
            .values(meddelad=nar)
        )
        return bool(resultat.rowcount)  # type: ignore[attr-defined]

    def gallra(self, dnr: str, handling: Handling, notering: Gallringsnotering) -> None:
        arende_id = self.s.exec(select(ArendeRad.id).where(ArendeRad.dnr == dnr)).first()
        if arende_id is None:
            raise HittasInte(f"Ärendet {dnr} finns inte i diariet.")
        self.s.add(
            GallringRad(
                arende_id=arende_id,
                nummer=handling.nummer,
                version=handling.version,
                typ=handling.typ.value,
                sha256=notering.sha256,
                pdf_sha256=notering.pdf_sha256,
                beslut=notering.beslut,
                beslutsdatum=notering.beslutsdatum,
                organ=notering.organ,
                av=notering.av,
                datum=notering.datum,
                forslag_id=notering.forslag,
                registrerad=datetime.now(UTC),
            )
        )
        self.s.flush()  # the unique (ärende, nummer, version): a version is gallrad once


def _forslag(rad: GallringsforslagRad, namnd: str) -> Gallringsforslag:
    assert rad.id is not None
    return Gallringsforslag(
        id=rad.id,
        namnd=namnd,
        datum=rad.datum,
        av=rad.av,
        poster=tuple(Forslagspost.ur_data(p) for p in json.loads(rad.poster)),
        beslutat=rad.beslutat,
        beslutat_av=rad.beslutat_av,
        meddelad=rad.meddelad,
    )
