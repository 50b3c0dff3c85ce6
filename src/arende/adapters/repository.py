"""SQL implementations of the service layer's repositories, mapping rows to the domain."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import and_, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from arende.adapters.aggregatjson import fran_json, till_json
from arende.adapters.tabeller import (
    ArendeRad,
    BeslutRad,
    DiarieserieRad,
    GranskningshuvudRad,
    GranskningsloggRad,
    KommandoRad,
    NamndRad,
    PersonRad,
    PersonRollRad,
    SammantradeRad,
    UtmarkelsearRad,
)
from arende.domain import livscykel
from arende.domain.arende import (
    Arende,
    Beslut,
    Expediering,
    Faststallande,
    Justering,
    Samverkan,
)
from arende.domain.delegation import Delegationspunkt
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import HittasInte, SamtidigAndring
from arende.domain.granskning import START_HASH, Lank, handelsetext, kedjehash
from arende.domain.handelser import HANDELSETYPER, Handelse
from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.organisation import Namnd, Person
from arende.domain.roller import Roll
from arende.domain.sammantrade.narvaro import Ledamot
from arende.domain.sekretess import Sekretessmarkering
from arende.domain.skeden import Skede, Utfall
from arende.service_layer.ports import Arbetsrad, Arbetsurval, Diarierad, Loggpost, Utfort


def nu() -> datetime:
    return datetime.now(UTC)


def _lista(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()


def _text(lista: tuple[str, ...] | list[str] | None) -> str | None:
    return None if lista is None else json.dumps(list(lista), ensure_ascii=False)


def _id(varde: int | None) -> int:
    assert varde is not None, "raden är inte sparad"
    return varde


def _infoga_om_saknas(session: Session, tabell: Any, varden: dict[str, Any]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING on either dialect."""
    dialekt = session.get_bind().dialect.name
    modul = postgresql if dialekt == "postgresql" else sqlite
    session.execute(modul.insert(tabell).values(**varden).on_conflict_do_nothing())


R = TypeVar("R", NamndRad, PersonRad)


def _efter_namn(session: Session, tabell: type[R], namn: str) -> R | None:
    """Exact name first; then ignoring case, done in Python because SQLite's lower() only
    folds ASCII ('Östermalms' would never match 'östermalms')."""
    namn = namn.strip()
    rad = session.exec(select(tabell).where(tabell.namn == namn)).first()
    if rad is not None:
        return rad
    nyckel = namn.casefold()
    for kandidat in session.exec(select(tabell)):
        if kandidat.namn.casefold() == nyckel:
            return kandidat
    return None


class SqlGrunddata:
    def __init__(self, session: Session) -> None:
        self.s = session

    def _namnd_rad(self, namn: str) -> NamndRad:
        rad = _efter_namn(self.s, NamndRad, namn)
        if rad is None:
            kanda = ", ".join(n.namn for n in self.namnder()) or "inga"
            raise HittasInte(f"Okänd nämnd '{namn}'. Kända nämnder: {kanda}.")
        return rad

    def namnd(self, namn: str) -> Namnd:
        rad = self._namnd_rad(namn)
        return _namnd(rad)

    def namnder(self) -> list[Namnd]:
        rader = self.s.exec(select(NamndRad).order_by(col(NamndRad.namn))).all()
        return [_namnd(r) for r in rader]

    def person_rad(self, namn: str) -> PersonRad:
        rad = _efter_namn(self.s, PersonRad, namn)
        if rad is None:
            raise HittasInte(
                f"Okänd person '{namn}': personen finns inte i personregistret. "
                "Skriv förnamn och efternamn som i registret."
            )
        return rad

    def person(self, namn: str) -> Person:
        rad = self.person_rad(namn)
        roller = self.s.exec(select(PersonRollRad.roll).where(PersonRollRad.person_id == rad.id))
        namnd = self.s.get(NamndRad, rad.namnd_id) if rad.namnd_id else None
        return Person(
            namn=rad.namn,
            roller=frozenset(Roll(r) for r in roller),
            telefon=rad.telefon,
            epost=rad.epost,
            avdelning=rad.avdelning,
            titel=rad.titel,
            namnd=namnd.namn if namnd else None,
        )

    def person_med_epost(self, epost: str) -> Person | None:
        rad = self.s.exec(
            select(PersonRad).where(func.lower(PersonRad.epost) == epost.strip().lower())
        ).first()
        return self.person(rad.namn) if rad is not None and epost.strip() else None

    def personer_i_namnd(self, namnd: str) -> list[Person]:
        namnd_id = self._namnd_rad(namnd).id
        namn = self.s.exec(
            select(PersonRad.namn)
            .where(PersonRad.namnd_id == namnd_id)
            .order_by(col(PersonRad.namn))
        )
        return [self.person(n) for n in namn]

    def alla_utmarkelsear(self) -> list[Utmarkelsear]:
        ar = self.s.exec(select(UtmarkelsearRad.ar).order_by(col(UtmarkelsearRad.ar)))
        return [self.utmarkelsear(a) for a in ar]

    def utmarkelsear(self, ar: int) -> Utmarkelsear:
        rad = self.s.get(UtmarkelsearRad, ar)
        if rad is None:
            kanda = self.s.exec(select(UtmarkelsearRad.ar).order_by(col(UtmarkelsearRad.ar)))
            raise HittasInte(
                f"Kvalitetsutmärkelsen {ar} är inte upplagd. Upplagda år: "
                f"{', '.join(str(a) for a in kanda) or 'inga'}."
            )
        return Utmarkelsear(
            ar=rad.ar,
            klasser=_lista(rad.klasser),
            inbjudan=rad.inbjudan,
            sista_dag=rad.sista_dag,
            utdelning=rad.utdelning,
            utdelningsplats=rad.utdelningsplats,
            mottagare=rad.mottagare,
        )

    def spara_namnd(self, namnd: Namnd) -> None:
        rad = self.s.exec(select(NamndRad).where(NamndRad.namn == namnd.namn)).first()
        rad = rad or NamndRad(namn=namnd.namn, diarieprefix="", forvaltning="")
        rad.diarieprefix, rad.forvaltning = namnd.diarieprefix, namnd.forvaltning
        rad.protokoll_forvaras = namnd.protokoll_forvaras
        rad.sammantradeslokal = namnd.sammantradeslokal
        rad.ledamoter = till_json(list(namnd.ledamoter))
        rad.delegationsordning = till_json(list(namnd.delegationsordning))
        self.s.add(rad)
        self.s.flush()

    def spara_person(self, person: Person) -> None:
        rad = self.s.exec(select(PersonRad).where(PersonRad.namn == person.namn)).first()
        rad = rad or PersonRad(namn=person.namn)
        rad.titel, rad.telefon, rad.epost = person.titel, person.telefon, person.epost
        rad.avdelning = person.avdelning
        rad.namnd_id = self._namnd_rad(person.namnd).id if person.namnd else None
        self.s.add(rad)
        self.s.flush()
        for gammal in self.s.exec(select(PersonRollRad).where(PersonRollRad.person_id == rad.id)):
            self.s.delete(gammal)
        self.s.flush()
        assert rad.id is not None
        for roll in person.roller:
            self.s.add(PersonRollRad(person_id=rad.id, roll=roll.value))
        self.s.flush()

    def spara_utmarkelsear(self, ar: Utmarkelsear) -> None:
        rad = self.s.get(UtmarkelsearRad, ar.ar) or UtmarkelsearRad(ar=ar.ar, klasser="[]")
        rad.klasser = _text(ar.klasser) or "[]"
        rad.inbjudan, rad.sista_dag, rad.utdelning = ar.inbjudan, ar.sista_dag, ar.utdelning
        rad.utdelningsplats, rad.mottagare = ar.utdelningsplats, ar.mottagare
        self.s.add(rad)
        self.s.flush()


class SqlDiarium:
    def __init__(self, session: Session) -> None:
        self.s = session

    def nasta_nummer(self, prefix: str, ar: int) -> int:
        _infoga_om_saknas(self.s, DiarieserieRad, {"prefix": prefix, "ar": ar, "senaste": 0})
        # UPDATE takes the row lock: concurrent registrations queue here until commit, so
        # each sees the number the previous one committed (or released by rolling back).
        rad = self.s.execute(
            DiarieserieRad.__table__.update()  # type: ignore[attr-defined]
            .where(DiarieserieRad.__table__.c.prefix == prefix)  # type: ignore[attr-defined]
            .where(DiarieserieRad.__table__.c.ar == ar)  # type: ignore[attr-defined]
            .values(senaste=DiarieserieRad.__table__.c.senaste + 1)  # type: ignore[attr-defined]
            .returning(DiarieserieRad.__table__.c.senaste)  # type: ignore[attr-defined]
        ).one()
        return int(rad[0])

    def minst(self, prefix: str, ar: int, nummer: int) -> None:
        _infoga_om_saknas(self.s, DiarieserieRad, {"prefix": prefix, "ar": ar, "senaste": 0})
        tabell = DiarieserieRad.__table__  # type: ignore[attr-defined]
        self.s.execute(
            tabell.update()
            .where(tabell.c.prefix == prefix)
            .where(tabell.c.ar == ar)
            .where(tabell.c.senaste < nummer)
            .values(senaste=nummer)
        )


class SqlArendeRepository:
    def __init__(self, session: Session, grunddata: SqlGrunddata) -> None:
        self.s = session
        self.grunddata = grunddata

    def _rad(self, dnr: str, las: bool = True) -> ArendeRad:
        fraga = select(ArendeRad).where(ArendeRad.dnr == dnr.strip())
        if las:
            fraga = fraga.with_for_update()
        rad = self.s.exec(fraga).first()
        if rad is None:
            raise HittasInte(f"Det finns inget ärende med diarienummer '{dnr}'.")
        return rad

    def lagg_till(self, arende: Arende, idempotensnyckel: str | None) -> None:
        namnd = self.grunddata._namnd_rad(arende.namnd)
        handlaggare = self.grunddata.person_rad(arende.handlaggare)
        tid = nu()
        rad = ArendeRad(
            dnr=str(arende.dnr),
            diarieprefix=arende.dnr.prefix,
            diarie_ar=arende.dnr.ar,
            lopnummer=arende.dnr.lopnummer,
            namnd_id=_id(namnd.id),
            handlaggare_id=_id(handlaggare.id),
            titel=arende.titel,
            registreringsdatum=arende.registreringsdatum,
            skede=arende.skede.value,
            sista_dag=arende.sista_dag,
            planerat_sammantrade=arende.planerat_sammantrade,
            foreslagen_omedelbar_justering=arende.foreslagen_omedelbar_justering,
            arendetyp=arende.arendetyp,
            livscykel=json.dumps(livscykel.till_json(arende.livscykel), ensure_ascii=False),
            uppgifter=json.dumps(arende.uppgifter, ensure_ascii=False),
            idempotensnyckel=idempotensnyckel,
            skapad=tid,
            andrad=tid,
        )
        self.s.add(rad)
        try:
            self.s.flush()
        except IntegrityError:
            raise SamtidigAndring(
                f"Ärendet registrerades samtidigt av en annan körning ({idempotensnyckel})."
            ) from None
        assert rad.id is not None
        self.s.flush()
        arende.id = rad.id

    def hamta(self, dnr: str, *, las: bool = True) -> Arende:
        return self._till_doman(self._rad(dnr, las=las))

    def hamta_via_nyckel(self, idempotensnyckel: str) -> Arende | None:
        rad = self.s.exec(
            select(ArendeRad).where(ArendeRad.idempotensnyckel == idempotensnyckel)
        ).first()
        return self._till_doman(rad) if rad else None

    def _till_doman(self, rad: ArendeRad) -> Arende:
        namnd = self.s.get(NamndRad, rad.namnd_id)
        handlaggare = self.s.get(PersonRad, rad.handlaggare_id)
        assert namnd is not None and handlaggare is not None
        beslut = self.s.exec(
            select(BeslutRad).where(BeslutRad.arende_id == rad.id).order_by(col(BeslutRad.id))
        ).all()
        sammantraden = {
            s.id: s.datum
            for s in self.s.exec(
                select(SammantradeRad).where(
                    col(SammantradeRad.id).in_([b.sammantrade_id for b in beslut])
                )
            )
        }
        return Arende(
            id=rad.id,
            dnr=Diarienummer(rad.diarieprefix, rad.diarie_ar, rad.lopnummer),
            namnd=namnd.namn,
            titel=rad.titel,
            handlaggare=handlaggare.namn,
            registreringsdatum=rad.registreringsdatum,
            arendetyp=rad.arendetyp,
            planerat_sammantrade=rad.planerat_sammantrade,
            foreslagen_omedelbar_justering=rad.foreslagen_omedelbar_justering,
            sista_dag=rad.sista_dag,
            skede=Skede(rad.skede),
            omgang=rad.omgang,
            samverkan=(
                Samverkan(rad.samverkan_datum, rad.samverkan_anteckning or "")
                if rad.samverkan_datum
                else None
            ),
            faststallande=(
                Faststallande(rad.faststallt_datum, _lista(rad.faststallt_av))
                if rad.faststallt_datum
                else None
            ),
            forslag=_lista(rad.forslag),
            sammantrade=rad.sammantrade,
            beslut=[
                Beslut(
                    Utfall(b.utfall),
                    b.paragraf,
                    sammantraden[b.sammantrade_id],
                    b.omedelbar_justering,
                    b.beslutstext,
                    b.omgang,
                )
                for b in beslut
            ],
            justering=(
                Justering(
                    rad.justering_datum,
                    rad.justering_ordforande or "",
                    _lista(rad.justerare),
                    bool(rad.justering_omedelbar),
                )
                if rad.justering_datum
                else None
            ),
            anslagsdatum=rad.anslagsdatum,
            expediering=(
                Expediering(rad.expedieringsdatum, _lista(rad.expediering_mottagare))
                if rad.expedieringsdatum
                else None
            ),
            avslutsdatum=rad.avslutsdatum,
            livscykel=livscykel.fran_json(json.loads(rad.livscykel) if rad.livscykel else None),
            uppgifter=json.loads(rad.uppgifter) if rad.uppgifter else {},
            mening_markering=(
                Sekretessmarkering(
                    rad.titel_sekretess_grund,
                    rad.titel_sekretess_datum,
                    rad.titel_sekretess_av or "",
                )
                if rad.titel_sekretess_grund and rad.titel_sekretess_datum
                else None
            ),
            offentlig_mening=rad.offentlig_titel,
        )

    def spara(self, arende: Arende) -> None:
        rad = self._rad(str(arende.dnr))
        rad.skede = arende.skede.value
        rad.omgang = arende.omgang
        rad.planerat_sammantrade = arende.planerat_sammantrade
        rad.sammantrade = arende.sammantrade
        rad.samverkan_datum = arende.samverkan.datum if arende.samverkan else None
        rad.samverkan_anteckning = arende.samverkan.anteckning if arende.samverkan else None
        f = arende.faststallande
        rad.faststallt_datum = f.datum if f else None
        rad.faststallt_av = _text(f.undertecknare) if f else None
        rad.forslag = _text(arende.forslag) if arende.forslag else None
        j = arende.justering
        rad.justering_datum = j.datum if j else None
        rad.justering_ordforande = j.ordforande if j else None
        rad.justerare = _text(j.justerare) if j else None
        rad.justering_omedelbar = j.omedelbar if j else None
        rad.anslagsdatum = arende.anslagsdatum
        e = arende.expediering
        rad.expedieringsdatum = e.datum if e else None
        rad.expediering_mottagare = _text(e.mottagare) if e else None
        rad.avslutsdatum = arende.avslutsdatum
        rad.uppgifter = json.dumps(arende.uppgifter, ensure_ascii=False)
        m = arende.mening_markering
        rad.offentlig_titel = arende.offentlig_mening if m else None
        rad.titel_sekretess_grund = m.bestammelse if m else None
        rad.titel_sekretess_datum = m.datum if m else None
        rad.titel_sekretess_av = m.av if m else None
        rad.andrad = nu()
        self.s.add(rad)
        # Decisions are appended, never rewritten: store those not yet stored.
        lagrade = self.s.exec(
            select(func.count()).select_from(BeslutRad).where(BeslutRad.arende_id == rad.id)
        ).one()
        for beslut in arende.beslut[lagrade:]:
            self._lagra_beslut(rad, beslut)
        self.s.flush()

    def _lagra_beslut(self, rad: ArendeRad, beslut: Beslut) -> None:
        _infoga_om_saknas(
            self.s, SammantradeRad, {"namnd_id": rad.namnd_id, "datum": beslut.sammantrade}
        )
        sammantrade = self.s.exec(
            select(SammantradeRad)
            .where(SammantradeRad.namnd_id == rad.namnd_id)
            .where(SammantradeRad.datum == beslut.sammantrade)
        ).one()
        assert rad.id is not None and sammantrade.id is not None
        self.s.add(
            BeslutRad(
                arende_id=rad.id,
                sammantrade_id=sammantrade.id,
                namnd_id=rad.namnd_id,
                ar=beslut.sammantrade.year,
                paragraf=beslut.paragraf,
                utfall=beslut.utfall.value,
                omedelbar_justering=beslut.omedelbar_justering,
                beslutstext=beslut.beslutstext,
                omgang=beslut.omgang,
            )
        )

    def diarium(self, namnd: str | None = None, ar: int | None = None) -> list[Diarierad]:
        fraga = (
            select(ArendeRad, NamndRad.namn, PersonRad.namn)
            .join(NamndRad, col(NamndRad.id) == col(ArendeRad.namnd_id))
            .join(PersonRad, col(PersonRad.id) == col(ArendeRad.handlaggare_id))
        )
        if namnd:
            fraga = fraga.where(NamndRad.id == self.grunddata._namnd_rad(namnd).id)
        if ar:
            fraga = fraga.where(ArendeRad.diarie_ar == ar)
        fraga = fraga.order_by(
            col(ArendeRad.diarieprefix), col(ArendeRad.diarie_ar), col(ArendeRad.lopnummer)
        )
        return [
            Diarierad(a.dnr, a.registreringsdatum, n, a.titel, h, a.skede)
            for a, n, h in self.s.exec(fraga)
        ]

    def i_arbetsko(self, urval: Arbetsurval) -> list[Arbetsrad]:
        a = ArendeRad
        villkor: list[Any] = [col(a.skede).in_([s.value for s in urval.alla])] if urval.alla else []
        if urval.egna:
            villkor.append(
                and_(
                    col(a.skede).in_([s.value for s in urval.egna]),
                    col(PersonRad.namn) == urval.handlaggare,
                )
            )
        if not villkor:
            return []
        # The last event by the log's index on dnr: a few rows per ärende, not the log.
        senaste = (
            select(func.max(GranskningsloggRad.tidpunkt))
            .where(GranskningsloggRad.dnr == a.dnr)
            .scalar_subquery()
        )
        fraga = (
            sa_select(
                col(a.id),
                col(a.dnr),
                col(a.titel),
                col(NamndRad.namn),
                col(a.skede),
                col(a.sista_dag),
                col(a.sammantrade),
                col(a.justering_datum),
                senaste,
            )
            .join(NamndRad, col(NamndRad.id) == col(a.namnd_id))
            .join(PersonRad, col(PersonRad.id) == col(a.handlaggare_id))
            .where(or_(*villkor))
        )
        if urval.namnd:
            fraga = fraga.where(col(a.namnd_id) == self.grunddata._namnd_rad(urval.namnd).id)
        rader = self.s.execute(
            fraga.order_by(col(a.diarieprefix), col(a.diarie_ar), col(a.lopnummer))
        ).all()
        beslut = self._avgorande_sammantraden([r[0] for r in rader])
        return [
            Arbetsrad(
                dnr=dnr,
                titel=titel,
                namnd=namnd,
                skede=Skede(skede),
                sista_dag=sista_dag,
                sammantrade=sammantrade,
                beslutets_sammantrade=beslut.get(arende_id),
                justeringsdatum=justering,
                senaste_handelse=_iso(tidpunkt),
            )
            for arende_id, dnr, titel, namnd, skede, sista_dag, sammantrade, justering, tidpunkt in rader
        ]

    def _avgorande_sammantraden(self, arende_id: list[int]) -> dict[int, date]:
        """Per ärende, the sammanträde of its decision on the matter (`gallande_beslut`)."""
        avgorande = [u.value for u in Utfall if u.avgor_arendet]
        ut: dict[int, date] = {}
        for borjan in range(0, len(arende_id), 1000):
            for ett_arende, datum in self.s.execute(
                sa_select(col(BeslutRad.arende_id), col(SammantradeRad.datum))
                .join(SammantradeRad, col(SammantradeRad.id) == col(BeslutRad.sammantrade_id))
                .where(col(BeslutRad.arende_id).in_(arende_id[borjan : borjan + 1000]))
                .where(col(BeslutRad.utfall).in_(avgorande))
                .order_by(col(BeslutRad.id))
            ):
                ut[ett_arende] = datum  # the last one stands, as in gallande_beslut
        return ut

    def for_sammantrade(self, namnd: str, sammantrade: date) -> list[str]:
        oppna = [Skede.REGISTRERAT, Skede.UNDER_BEREDNING, Skede.SAMVERKAT]
        oppna += [Skede.FORSLAG_FASTSTALLT, Skede.PA_DAGORDNING]
        rader = self.s.exec(
            select(ArendeRad.dnr)
            .where(ArendeRad.namnd_id == self.grunddata._namnd_rad(namnd).id)
            .where(
                (col(ArendeRad.planerat_sammantrade) == sammantrade)
                | (col(ArendeRad.sammantrade) == sammantrade)
            )
            .where(col(ArendeRad.skede).in_([s.value for s in oppna]))
            .order_by(
                col(ArendeRad.diarieprefix), col(ArendeRad.diarie_ar), col(ArendeRad.lopnummer)
            )
        )
        return list(rader)

    def pa_dagordning(self, namnd: str, sammantrade: date) -> list[tuple[str, str]]:
        rader = self.s.exec(
            select(ArendeRad.dnr, ArendeRad.titel)
            .where(ArendeRad.namnd_id == self.grunddata._namnd_rad(namnd).id)
            .where(ArendeRad.sammantrade == sammantrade)
            .order_by(
                col(ArendeRad.diarieprefix), col(ArendeRad.diarie_ar), col(ArendeRad.lopnummer)
            )
        )
        return [(dnr, titel) for dnr, titel in rader]


class SqlKommandologg:
    def __init__(self, session: Session) -> None:
        self.s = session

    def hamta(self, aggregat: str, nyckel: str) -> Utfort | None:
        rad = self.s.get(KommandoRad, (aggregat, nyckel))
        if rad is None:
            return None
        return Utfort(rad.ok, rad.meddelande, handelser_fran_json(rad.handelser))

    def registrera(self, aggregat: str, nyckel: str, utfort: Utfort) -> None:
        self.s.add(
            KommandoRad(
                aggregat=aggregat,
                nyckel=nyckel,
                ok=utfort.ok,
                meddelande=utfort.meddelande,
                handelser=handelser_till_json(utfort.handelser),
                tidpunkt=nu(),
            )
        )
        try:
            self.s.flush()
        except IntegrityError:
            raise SamtidigAndring(
                f"Steget {nyckel} i {aggregat} togs samtidigt av en annan körning."
            ) from None


def handelser_till_json(handelser: tuple[Handelse, ...]) -> str:
    """The events by type name, so a replay gets back the same classes."""
    return json.dumps(
        [{"typ": type(h).__name__, "data": json.loads(till_json(h))} for h in handelser],
        ensure_ascii=False,
    )


def handelser_fran_json(text: str) -> tuple[Handelse, ...]:
    return tuple(
        fran_json(HANDELSETYPER[post["typ"]], json.dumps(post["data"]))
        for post in json.loads(text or "[]")
    )


class SqlGranskningslogg:
    def __init__(self, session: Session) -> None:
        self.s = session

    def skriv(
        self,
        *,
        dnr: str | None,
        handling: str,
        aktor: str,
        roll: str,
        flodeskorning: str | None,
        innehall: dict[str, Any],
    ) -> int:
        _infoga_om_saknas(self.s, GranskningshuvudRad, {"id": 1, "sekvens": 0, "hash": START_HASH})
        # FOR UPDATE on the single head row: concurrent writers queue and each chains to the
        # head the previous one committed.
        huvud = self.s.exec(
            select(GranskningshuvudRad).where(GranskningshuvudRad.id == 1).with_for_update()
        ).one()
        tidpunkt = nu()
        sekvens = huvud.sekvens + 1
        text = handelsetext(
            sekvens=sekvens,
            tidpunkt=tidpunkt.isoformat(),
            dnr=dnr,
            handling=handling,
            aktor=aktor,
            roll=roll,
            flodeskorning=flodeskorning,
            innehall=innehall,
        )
        ny_hash = kedjehash(huvud.hash, text)
        self.s.add(
            GranskningsloggRad(
                sekvens=sekvens,
                tidpunkt=tidpunkt,
                dnr=dnr,
                handling=handling,
                aktor=aktor,
                roll=roll,
                flodeskorning=flodeskorning,
                innehall=text,
                foregaende_hash=huvud.hash,
                hash=ny_hash,
            )
        )
        huvud.sekvens, huvud.hash = sekvens, ny_hash
        self.s.add(huvud)
        self.s.flush()
        return sekvens

    def huvud(self) -> tuple[int, str]:
        rad = self.s.get(GranskningshuvudRad, 1)
        return (rad.sekvens, rad.hash) if rad is not None else (0, START_HASH)

    def for_arende(self, dnr: str) -> list[Loggpost]:
        return self._handelser(GranskningsloggRad.dnr == dnr)

    def for_korning(self, flodeskorning: str) -> list[Loggpost]:
        return self._handelser(GranskningsloggRad.flodeskorning == flodeskorning)

    def for_sammantrade(self, namnd: str, datum: date) -> list[Loggpost]:
        # A sammanträde's events name no ärende (dnr is NULL: few rows, by the dnr index);
        # the day narrows them in SQL, the nämnd and the day are compared exactly here.
        dag = datum.isoformat()
        kandidater = self._handelser(
            and_(
                col(GranskningsloggRad.dnr).is_(None),
                col(GranskningsloggRad.innehall).contains(dag, autoescape=True),
            )
        )
        return [
            h
            for h in kandidater
            if h.innehall.get("nämnd") == namnd and h.innehall.get("sammanträde") == dag
        ]

    def _handelser(self, villkor: Any) -> list[Loggpost]:
        rader = self.s.exec(
            select(GranskningsloggRad).where(villkor).order_by(col(GranskningsloggRad.sekvens))
        ).all()
        handelser = []
        for r in rader:
            data = json.loads(r.innehall)
            handelser.append(
                Loggpost(
                    r.sekvens,
                    data["tidpunkt"],
                    r.dnr,
                    r.handling,
                    r.aktor,
                    r.roll,
                    r.flodeskorning,
                    data["innehåll"],
                )
            )
        return handelser

    def lankar(self) -> list[Lank]:
        rader = self.s.exec(select(GranskningsloggRad).order_by(col(GranskningsloggRad.sekvens)))
        return [Lank(r.sekvens, r.innehall, r.foregaende_hash, r.hash) for r in rader]


def _namnd(rad: NamndRad) -> Namnd:
    return Namnd(
        rad.namn,
        rad.diarieprefix,
        rad.forvaltning,
        protokoll_forvaras=rad.protokoll_forvaras,
        sammantradeslokal=rad.sammantradeslokal,
        ledamoter=tuple(fran_json(list[Ledamot], rad.ledamoter)) if rad.ledamoter else (),
        delegationsordning=(
            tuple(fran_json(list[Delegationspunkt], rad.delegationsordning))
            if rad.delegationsordning
            else ()
        ),
    )


def _iso(tidpunkt: datetime | None) -> str:
    """A stored time as the log writes it: UTC, with its offset (SQLite returns it naive)."""
    if tidpunkt is None:
        return ""
    return (tidpunkt if tidpunkt.tzinfo else tidpunkt.replace(tzinfo=UTC)).isoformat()
