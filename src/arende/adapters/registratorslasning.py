"""The registrator's reads: the diarium with filters and pages, the audit chain streamed for
the full check, and the registered handlingar. Nothing here writes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, and_, func, literal, select
from sqlmodel import Session, col

from arende.adapters import fritext
from arende.adapters.handlingsregister import gallrad, markering, notering
from arende.adapters.repository import SqlGrunddata
from arende.adapters.tabeller import (
    ArendeRad,
    GallringRad,
    GranskningshuvudRad,
    GranskningsloggRad,
    HandlingRad,
    NamndRad,
    PersonRad,
)
from arende.domain.kedjekontroll import Kedjerad, Lagrad
from arende.service_layer.ports import Diarierad
from arende.service_layer.visningsportar import Diariesida, Diarieurval, Handlingspost

# Rows fetched per round trip while streaming the chain: the whole log never sits in memory,
# and what is fetched is checked while it is still in the processor's cache.
KEDJEBATCH = 1024


def _offset(urval: Diarieurval) -> int:
    """Where the page begins. A page number of twenty digits (the public e-diarium) would
    not fit the databases' integers; past 2**62 every page is past the end anyway."""
    return min((urval.sida - 1) * urval.per_sida, 2**62)


class SqlRegistratorslasning:
    def __init__(self, session: Session, grunddata: SqlGrunddata) -> None:
        self.s = session
        self.grunddata = grunddata

    def kedjebatchar(self) -> Iterator[Sequence[Lagrad]]:
        """The stored values as the driver returns them, plain tuples in Kedjerad's column
        order, read with the driver's own cursor on the session's connection (in its
        transaction): the ORM's work per row was about a quarter of the check's time, and
        the check needs no object per row. The rows stream, KEDJEBATCH a round trip: on
        PostgreSQL from a server-side cursor; SQLite steps through the table as they are
        fetched."""
        sql = str(self._kedjefraga().compile(self.s.get_bind()))
        anslutning: Any = self.s.connection().connection.driver_connection
        if self._dialekt() == "postgresql":
            markor = anslutning.cursor(name="granskningskedjan")
        else:
            markor = anslutning.cursor()
        try:
            markor.execute(sql)
            while rader := markor.fetchmany(KEDJEBATCH):
                yield rader
        finally:
            markor.close()

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
        villkor = self._urvalsvillkor(urval)
        borjan = _offset(urval)
        if urval.sok:
            text = fritext.normalisera(urval.sok)
            dnr = self._dnrvillkor(text)
            if dnr is None:
                index = fritext.fritextindex(self._dialekt(), text)
                if urval.offentlig and index.kan_matcha():
                    index = fritext.fritextindex(self._dialekt(), text, utom=self._markerade(index))
                return self._fritextsida(index, villkor, urval)
            villkor.append(dnr)  # a dnr finds that ärende, not others that contain its text
        totalt = self.s.execute(
            select(func.count()).select_from(ArendeRad).where(*villkor)
        ).scalar_one()
        sida = (
            select(col(ArendeRad.id))
            .where(*villkor)
            .order_by(*fritext.diarieordning(ArendeRad))
            .offset(borjan)
            .limit(urval.per_sida)
        )
        return Diariesida(
            self._diarierader(sida, urval.offentlig), int(totalt), urval.sida, urval.per_sida
        )

    def _markerade(self, index: fritext.Fritextindex) -> list[int]:
        """The ärenden whose marked ärendemening the words match: few, found through the
        index on the public form's column."""
        return list(
            self.s.execute(
                select(col(ArendeRad.id)).where(
                    col(ArendeRad.offentlig_titel).is_not(None), index.villkor()
                )
            ).scalars()
        )

    def _fritextsida(
        self, index: fritext.Fritextindex, villkor: list[Any], urval: Diarieurval
    ) -> Diariesida:
        """A page of the ärenden that match the words, counted and paged in the database."""
        if not index.kan_matcha():
            return Diariesida([], 0, urval.sida, urval.per_sida)
        borjan = _offset(urval)
        # Walking the diarium in order pays only when the matches are spread evenly along
        # it, which a filter (a year, a nämnd: the order's own columns) would break.
        if not villkor:
            storlek = select(func.max(col(ArendeRad.id))).scalar_subquery()
            totalt, hogsta = self.s.execute(select(index.antal(), storlek)).one()
            if not totalt:
                return Diariesida([], 0, urval.sida, urval.per_sida)
            if fritext.i_ordning_lonar_sig(totalt, borjan + urval.per_sida, hogsta or 0):
                sida = self._diarierader(
                    index.sida_i_ordning(borjan, urval.per_sida), urval.offentlig
                )
                return Diariesida(sida, totalt, urval.sida, urval.per_sida)
        traffar = self.s.execute(index.sorterad_sida(villkor, borjan, urval.per_sida)).all()
        if traffar:
            totalt = int(traffar[0][1])
        else:  # no match, or a page past the last: its number for the message
            totalt = int(
                self.s.execute(
                    select(func.count()).select_from(ArendeRad).where(*villkor, index.villkor())
                ).scalar_one()
            )
        sida = self._diarierader([r[0] for r in traffar], urval.offentlig)
        return Diariesida(sida, totalt, urval.sida, urval.per_sida)

    def _urvalsvillkor(self, urval: Diarieurval) -> list[Any]:
        villkor: list[Any] = []
        if urval.namnd:
            namnd_id = self.grunddata._namnd_rad(urval.namnd).id
            villkor.append(col(ArendeRad.namnd_id) == namnd_id)
        if urval.ar:
            villkor.append(col(ArendeRad.diarie_ar) == urval.ar)
        if urval.status:
            villkor.append(col(ArendeRad.skede) == urval.status)
        if urval.handlaggare:
            person = self.grunddata.person_rad(urval.handlaggare)
            villkor.append(col(ArendeRad.handlaggare_id) == person.id)
        return villkor

    def _dnrvillkor(self, text: str) -> Any:
        """The ärende with the dnr the text is, in any case ('son 2008/7'), or None if the
        text is no dnr of a nämnd here: then its words are searched for."""
        dnr = fritext.som_diarienummer(text)
        if dnr is None:
            return None
        prefix = [
            p
            for p in self.s.execute(select(col(NamndRad.diarieprefix)).distinct()).scalars()
            if p.casefold() == dnr.prefix.casefold()
        ]
        if not prefix:
            return None
        return and_(
            col(ArendeRad.diarieprefix).in_(prefix),
            col(ArendeRad.diarie_ar) == dnr.ar,
            col(ArendeRad.lopnummer) == dnr.lopnummer,
        )

    def _diarierader(
        self, sida: Select[Any] | list[int], offentlig: bool = False
    ) -> list[Diarierad]:
        """The diarium's rows of a page's ids (a select of them, or the ids themselves), in
        the diarium's order; `offentlig`: the public form of a marked ärendemening, and the
        person register not read (the public e-diarium does not show who handles an ärende)."""
        med_handlaggare = not offentlig
        if not isinstance(sida, Select) and not sida:
            return []
        fraga = (
            select(
                col(ArendeRad.dnr),
                col(ArendeRad.registreringsdatum),
                col(NamndRad.namn),
                func.coalesce(col(ArendeRad.offentlig_titel), col(ArendeRad.titel))
                if offentlig
                else col(ArendeRad.titel),
                col(PersonRad.namn) if med_handlaggare else literal(""),
                col(ArendeRad.skede),
            )
            .join(NamndRad, col(NamndRad.id) == col(ArendeRad.namnd_id))
            .where(col(ArendeRad.id).in_(sida))
            .order_by(*fritext.diarieordning(ArendeRad))
        )
        if med_handlaggare:
            fraga = fraga.join(PersonRad, col(PersonRad.id) == col(ArendeRad.handlaggare_id))
        return [Diarierad(*r) for r in self.s.execute(fraga)]

    def _dialekt(self) -> str:
        return self.s.get_bind().dialect.name

    def handlingar(
        self, dnr: str | None = None, *, ogranskade: bool = False
    ) -> list[Handlingspost]:
        fraga = (
            select(
                HandlingRad,
                col(ArendeRad.dnr),
                col(ArendeRad.titel),
                col(ArendeRad.offentlig_titel),
                GallringRad,
            )
            .join(ArendeRad, col(ArendeRad.id) == col(HandlingRad.arende_id))
            .outerjoin(GallringRad, gallrad(HandlingRad))
        )
        if dnr is not None:
            fraga = fraga.where(col(ArendeRad.dnr) == dnr.strip())
        if ogranskade:
            fraga = fraga.where(col(HandlingRad.granskad).is_(False))
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
                markering=markering(h),
                granskad=h.granskad,
                mening=(mening, offentlig) if offentlig else None,
                gallring=notering(g),
            )
            for h, arende_dnr, mening, offentlig, g in self.s.execute(fraga)
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
