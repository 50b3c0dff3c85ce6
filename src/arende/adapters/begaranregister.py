"""Requests for allmän handling in SQL (table `begaran`, schema 0016): one row per request,
numbered within its ärende; the prövning stored whole as JSON once the request is decided.
Times are aware (SQLModel's UTC column type) and given back in UTC."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from arende.adapters.tabeller import ArendeRad, BegaranRad
from arende.domain.fel import HittasInte
from arende.domain.utlamnande import Begaran, Provning, Utfall


class SqlBegaranregister:
    def __init__(self, session: Session) -> None:
        self.s = session

    def _arende_id(self, dnr: str) -> int:
        arende_id = self.s.exec(select(ArendeRad.id).where(ArendeRad.dnr == dnr)).first()
        if arende_id is None:
            raise HittasInte(f"Ärendet {dnr} finns inte i diariet.")
        return arende_id

    def nasta_nummer(self, dnr: str) -> int:
        hogsta = self.s.exec(
            select(BegaranRad.nummer)
            .where(BegaranRad.arende_id == self._arende_id(dnr))
            .order_by(col(BegaranRad.nummer).desc())
        ).first()
        return (hogsta or 0) + 1

    def lagg_till(self, begaran: Begaran) -> int:
        rad = BegaranRad(
            arende_id=self._arende_id(begaran.dnr),
            nummer=begaran.nummer,
            mottagen=begaran.mottagen,
            sokande=begaran.sokande,
            kontakt=begaran.kontakt,
            beskrivning=begaran.beskrivning,
            handlingar=json.dumps(list(begaran.handlingar)),
            kopia=begaran.kopia,
            registrerad_av=begaran.registrerad_av,
        )
        self.s.add(rad)
        self.s.flush()  # the unique (ärende, nummer) holds here
        assert rad.id is not None
        begaran.id = rad.id
        return rad.id

    def hamta(self, dnr: str, nummer: int) -> Begaran:
        rad = self.s.exec(
            select(BegaranRad)
            .where(BegaranRad.arende_id == self._arende_id(dnr))
            .where(BegaranRad.nummer == nummer)
        ).first()
        if rad is None:
            raise HittasInte(f"Ärende {dnr} har ingen begäran om utlämnande nummer {nummer}.")
        return _begaran(rad, dnr)

    def hamta_id(self, begaran_id: int) -> Begaran | None:
        rad = self.s.get(BegaranRad, begaran_id)
        if rad is None:
            return None
        dnr = self.s.exec(select(ArendeRad.dnr).where(ArendeRad.id == rad.arende_id)).one()
        return _begaran(rad, dnr)

    def for_arende(self, dnr: str) -> list[Begaran]:
        rader = self.s.exec(
            select(BegaranRad)
            .where(BegaranRad.arende_id == self._arende_id(dnr))
            .order_by(col(BegaranRad.nummer))
        )
        return [_begaran(r, dnr) for r in rader]

    def oppna(self) -> list[Begaran]:
        rader = self.s.exec(
            select(BegaranRad, ArendeRad.dnr)
            .join(ArendeRad, col(ArendeRad.id) == BegaranRad.arende_id)
            .where(col(BegaranRad.avgjord).is_(None))
            .order_by(col(BegaranRad.mottagen))
        )
        return [_begaran(r, dnr) for r, dnr in rader]

    def spara_provning(self, begaran: Begaran) -> None:
        assert begaran.id is not None and begaran.avgjord is not None
        rad = self.s.get(BegaranRad, begaran.id, with_for_update=True)
        assert rad is not None
        rad.provningar = json.dumps([_provning_json(p) for p in begaran.provningar])
        rad.beslut = begaran.beslut
        rad.avgjord = begaran.avgjord
        rad.avgjord_av = begaran.avgjord_av
        self.s.add(rad)
        self.s.flush()

    def markera_paminnelse(self, begaran_id: int, nar: datetime) -> bool:
        """Record the reminder, once: False if it was already recorded (or the request
        decided meanwhile), so a second scheduler or a replay sends nothing."""
        resultat = self.s.execute(
            update(BegaranRad)
            .where(col(BegaranRad.id) == begaran_id)
            .where(col(BegaranRad.paminnelse).is_(None))
            .where(col(BegaranRad.avgjord).is_(None))
            .values(paminnelse=nar)
        )
        return bool(resultat.rowcount)  # type: ignore[attr-defined]


def _provning_json(p: Provning) -> dict[str, Any]:
    return {
        "nummer": p.nummer,
        "utfall": p.utfall.value,
        "bestammelse": p.bestammelse,
        "stycken": list(p.stycken),
        "kopia": p.kopia,
    }


def _begaran(rad: BegaranRad, dnr: str) -> Begaran:
    provningar = tuple(
        Provning(
            nummer=p["nummer"],
            utfall=Utfall(p["utfall"]),
            bestammelse=p["bestammelse"],
            stycken=tuple(p["stycken"]),
            kopia=p["kopia"],
        )
        for p in json.loads(rad.provningar or "[]")
    )
    return Begaran(
        id=rad.id,
        nummer=rad.nummer,
        dnr=dnr,
        mottagen=rad.mottagen,
        handlingar=tuple(json.loads(rad.handlingar)),
        registrerad_av=rad.registrerad_av,
        beskrivning=rad.beskrivning,
        sokande=rad.sokande,
        kontakt=rad.kontakt,
        kopia=rad.kopia,
        provningar=provningar,
        beslut=rad.beslut,
        avgjord=rad.avgjord,
        avgjord_av=rad.avgjord_av,
        paminnelse=rad.paminnelse,
    )
