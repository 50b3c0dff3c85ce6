"""The registrator's reads: the diarium with filters and pages, the audit chain streamed for
the full check, and the registered handlingar. Nothing here writes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, literal, or_, select
from sqlmodel import Session, col

from arende.adapters.repository import SqlGrunddata
from arende.adapters.tabeller import (
    ArendeRad,
    GranskningshuvudRad,
    GranskningsloggRad,
    HandlingRad,
    NamndRad,
    PersonRad,
)
from arende.domain.kedjekontroll import Kedjerad
from arende.service_layer.ports import Diarierad
from arende.service_layer.visningsportar import Diariesida, Diarieurval, Handlingspost

# Rows fetched per round trip while streaming the chain: the whole log never sits in memory.
KEDJEBATCH = 20_000


def _likemonster(text: str) -> str:
    """A LIKE pattern that finds at least every match, on both databases.

    SQLite's lower() folds only ASCII, so a non-ASCII letter becomes the one-character
    wildcard here and the exact, case-folded comparison is made in Python afterwards."""
    delar = []
    for tecken in text:
        if tecken in "%_\\":
            delar.append("\\" + tecken)
        elif tecken.isascii():
            delar.append(tecken)
        else:
            delar.append("_")
    return "%" + "".join(delar) + "%"


class SqlRegistratorslasning:
    def __init__(self, session: Session, grunddata: SqlGrunddata) -> None:
        self.s = session
        self.grunddata = grunddata

    def kedjerader(self) -> Iterator[Kedjerad]:
        fraga = self._kedjefraga().execution_options(yield_per=KEDJEBATCH)
        for rad in self.s.execute(fraga):
            yield Kedjerad(*rad)

    def kedjerader_for_arende(self, dnr: str) -> list[Kedjerad]:
        fraga = self._kedjefraga().where(col(GranskningsloggRad.dnr) == dnr.strip())
        return [Kedjerad(*rad) for rad in self.s.execute(fraga)]

    def _kedjefraga(self) -> Any:
        g = GranskningsloggRad
        return select(
            col(g.sekvens),
            col(g.dnr),
            col(g.handling),
            col(g.aktor),
            col(g.roll),
            col(g.flodeskorning),
            col(g.innehall),
            col(g.foregaende_hash),
            col(g.hash),
        ).order_by(col(g.sekvens))

    def kedjehuvud(self) -> tuple[int, str] | None:
        huvud = self.s.get(GranskningshuvudRad, 1)
        return (huvud.sekvens, huvud.hash) if huvud else None

    def diariesida(self, urval: Diarieurval) -> Diariesida:
        fraga: Any = select(
            col(ArendeRad.dnr),
            col(ArendeRad.registreringsdatum),
            col(NamndRad.namn),
            col(ArendeRad.titel),
            col(PersonRad.namn) if urval.med_handlaggare else literal(""),
            col(ArendeRad.skede),
        ).join(NamndRad, col(NamndRad.id) == col(ArendeRad.namnd_id))
        if urval.med_handlaggare:
            fraga = fraga.join(PersonRad, col(PersonRad.id) == col(ArendeRad.handlaggare_id))
        if urval.namnd:
            fraga = fraga.where(
                col(ArendeRad.namnd_id) == self.grunddata._namnd_rad(urval.namnd).id
            )
        if urval.ar:
            fraga = fraga.where(col(ArendeRad.diarie_ar) == urval.ar)
        if urval.status:
            fraga = fraga.where(col(ArendeRad.skede) == urval.status)
        if urval.handlaggare:
            person = self.grunddata.person_rad(urval.handlaggare)
            fraga = fraga.where(col(ArendeRad.handlaggare_id) == person.id)
        fraga = fraga.order_by(
            col(ArendeRad.diarieprefix), col(ArendeRad.diarie_ar), col(ArendeRad.lopnummer)
        )
        borjan = (urval.sida - 1) * urval.per_sida
        if urval.sok:
            monster = _likemonster(urval.sok)
            fraga = fraga.where(
                or_(
                    col(ArendeRad.dnr).ilike(monster, escape="\\"),
                    col(ArendeRad.titel).ilike(monster, escape="\\"),
                )
            )
            nyckel = urval.sok.casefold()
            traffar = [
                Diarierad(*r)
                for r in self.s.execute(fraga)
                if nyckel in r[0].casefold() or nyckel in r[3].casefold()
            ]
            return Diariesida(
                traffar[borjan : borjan + urval.per_sida], len(traffar), urval.sida, urval.per_sida
            )
        totalt = self.s.execute(select(func.count()).select_from(fraga.subquery())).scalar_one()
        # A page past the end is never asked for: its offset might not even fit the
        # database's integers (a page number of twenty digits in the public e-diarium).
        rader = (
            [Diarierad(*r) for r in self.s.execute(fraga.offset(borjan).limit(urval.per_sida))]
            if borjan < totalt
            else []
        )
        return Diariesida(rader, int(totalt), urval.sida, urval.per_sida)

    def handlingar(self, dnr: str | None = None) -> list[Handlingspost]:
        fraga = select(HandlingRad, col(ArendeRad.dnr)).join(
            ArendeRad, col(ArendeRad.id) == col(HandlingRad.arende_id)
        )
        if dnr is not None:
            fraga = fraga.where(col(ArendeRad.dnr) == dnr.strip())
        fraga = fraga.order_by(
            col(ArendeRad.diarieprefix),
            col(ArendeRad.diarie_ar),
            col(ArendeRad.lopnummer),
            col(HandlingRad.nummer),
            col(HandlingRad.version),
        )
        return [
            Handlingspost(
                dnr=arende_dnr,
                nummer=h.nummer,
                version=h.version,
                typ=h.typ,
                riktning=h.riktning,
                titel=h.titel,
                datum=h.datum,
                motpart=h.motpart,
                sekretess=h.sekretess,
                fil=h.fil,
                sha256=h.sha256,
                pdf_fil=h.pdf_fil,
                pdf_sha256=h.pdf_sha256,
                upprattad_av=h.upprattad_av,
                registrerad=h.registrerad,
            )
            for h, arende_dnr in self.s.execute(fraga)
        ]

    def dnr_for_ar(self, ar: int) -> list[str]:
        return list(
            self.s.execute(
                select(col(ArendeRad.dnr))
                .where(col(ArendeRad.diarie_ar) == ar)
                .order_by(
                    col(ArendeRad.diarieprefix), col(ArendeRad.diarie_ar), col(ArendeRad.lopnummer)
                )
            ).scalars()
        )
