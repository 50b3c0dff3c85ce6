"""The tävlingsbidrag of a nomination ärende in SQL: one row per nominated unit, one row per
answer, and the verksamhetsplaner imported for the units."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from arende.adapters.tabeller import (
    ArendeRad,
    TavlingsbidragRad,
    TavlingssvarRad,
    VerksamhetsplanRad,
)
from arende.domain.fel import HittasInte
from arende.domain.tavlingsbidrag import (
    AdministrativtFalt,
    Avsnitt,
    Bidragsstatus,
    Fraga,
    Fragebatteri,
    Kvitto,
    Tavlingsbidrag,
    administrativa_fran,
)
from arende.domain.verksamhetsplan import EjPlacerat, Verksamhetsplan, aktiviteter_som_frister
from arende.domain.verksamhetsplan import plan_som_data as planens_data
from arende.service_layer.ports import ImporteradPlan, LagratBidrag


def _nu() -> datetime:
    return datetime.now(UTC)


class SqlTavlingsregister:
    def __init__(self, session: Session) -> None:
        self.s = session

    def _arende_id(self, dnr: str) -> int:
        arende_id = self.s.exec(select(ArendeRad.id).where(ArendeRad.dnr == dnr.strip())).first()
        if arende_id is None:
            raise HittasInte(f"Det finns inget ärende med diarienummer '{dnr}'.")
        return arende_id

    def _rader(self, dnr: str) -> list[TavlingsbidragRad]:
        return list(
            self.s.exec(
                select(TavlingsbidragRad)
                .where(TavlingsbidragRad.arende_id == self._arende_id(dnr))
                .order_by(col(TavlingsbidragRad.ordning))
            )
        )

    def _rad(self, dnr: str, verksamhet: str) -> TavlingsbidragRad:
        rader = self._rader(dnr)
        namn = verksamhet.strip()
        # Exact name first, then ignoring case in Python (SQLite's lower() folds only ASCII).
        rad = next((r for r in rader if r.verksamhet == namn), None) or next(
            (r for r in rader if r.verksamhet.casefold() == namn.casefold()), None
        )
        if rad is None:
            if not rader:
                raise HittasInte(f"Ärendet {dnr} har inga tävlingsbidrag.")
            raise HittasInte(
                f"Ärendet {dnr} har inget tävlingsbidrag från '{verksamhet}'. Bidragen är från: "
                f"{', '.join(r.verksamhet for r in rader)}."
            )
        return rad

    def for_arende(self, dnr: str) -> list[LagratBidrag]:
        return [self._lagrat(r) for r in self._rader(dnr)]

    def hamta(self, dnr: str, verksamhet: str) -> LagratBidrag:
        return self._lagrat(self._rad(dnr, verksamhet))

    def lagg_till(
        self, dnr: str, bidrag: Tavlingsbidrag, kontaktperson: str | None, ordning: int
    ) -> None:
        tid = _nu()
        rad = TavlingsbidragRad(
            arende_id=self._arende_id(dnr),
            ordning=ordning,
            verksamhet=bidrag.verksamhet,
            ar=bidrag.fragebatteri.ar,
            fragebatteri=json.dumps(batteri_som_data(bidrag.fragebatteri), ensure_ascii=False),
            ansvarig_chef=bidrag.ansvarig_chef,
            kontaktperson=kontaktperson,
            sista_dag=bidrag.sista_dag,
            mottagare=bidrag.mottagare,
            status=bidrag.status.value,
            inledning="",
            skapad=tid,
            andrad=tid,
        )
        self.s.add(rad)
        self.s.flush()  # the unique (ärende, verksamhet) holds here
        bidrag.id = rad.id
        self.spara(bidrag)

    def spara(self, bidrag: Tavlingsbidrag) -> None:
        assert bidrag.id is not None, "tävlingsbidraget är inte sparat"
        rad = self.s.get(TavlingsbidragRad, bidrag.id)
        assert rad is not None
        rad.status = bidrag.status.value
        rad.godkant_av = bidrag.godkant_av
        rad.godkant_datum = bidrag.godkant_datum
        rad.mottaget = bidrag.kvitto.mottaget if bidrag.kvitto else None
        rad.kvitto_antal_svar = bidrag.kvitto.antal_svar if bidrag.kvitto else None
        rad.administrativa = (
            json.dumps(bidrag.administrativa.som_dict(), ensure_ascii=False)
            if bidrag.administrativa
            else None
        )
        rad.inledning = bidrag.inledning
        rad.andrad = _nu()
        self.s.add(rad)
        befintliga = {
            s.nummer: s
            for s in self.s.exec(
                select(TavlingssvarRad).where(TavlingssvarRad.tavlingsbidrag_id == bidrag.id)
            )
        }
        for nummer, svar in befintliga.items():
            if nummer not in bidrag.svar:
                self.s.delete(svar)
        for nummer, text in bidrag.svar.items():
            svar = befintliga.get(nummer) or TavlingssvarRad(
                tavlingsbidrag_id=bidrag.id, nummer=nummer, text=text
            )
            if svar.text != text or svar.id is None:
                svar.text = text
                self.s.add(svar)
        self.s.flush()

    def lagg_till_plan(
        self,
        dnr: str,
        verksamhet: str,
        plan: Verksamhetsplan,
        *,
        ar: int | None,
        sha256: str,
        importerad_av: str,
    ) -> bool:
        rad = self._rad(dnr, verksamhet)
        finns = self.s.exec(
            select(VerksamhetsplanRad.id)
            .where(VerksamhetsplanRad.tavlingsbidrag_id == rad.id)
            .where(VerksamhetsplanRad.sha256 == sha256)
        ).first()
        if finns is not None:
            return False
        assert rad.id is not None
        self.s.add(
            VerksamhetsplanRad(
                tavlingsbidrag_id=rad.id,
                verksamhet=rad.verksamhet,
                ar=ar,
                titel=plan.titel[:300],
                sha256=sha256,
                struktur=json.dumps(plan_som_data(plan), ensure_ascii=False),
                ej_placerat=json.dumps(
                    [dataclasses.asdict(e) for e in plan.ej_placerat], ensure_ascii=False
                ),
                importerad_av=importerad_av,
                importerad=_nu(),
            )
        )
        self.s.flush()
        return True

    def senaste_plan(self, dnr: str, verksamhet: str) -> ImporteradPlan | None:
        bidrag_id = self._rad(dnr, verksamhet).id
        rad = self.s.exec(
            select(VerksamhetsplanRad)
            .where(VerksamhetsplanRad.tavlingsbidrag_id == bidrag_id)
            .order_by(col(VerksamhetsplanRad.id).desc())
        ).first()
        if rad is None:
            return None
        return ImporteradPlan(
            verksamhet=rad.verksamhet,
            ar=rad.ar,
            titel=rad.titel,
            sha256=rad.sha256,
            struktur=json.loads(rad.struktur),
            ej_placerat=tuple(EjPlacerat(**e) for e in json.loads(rad.ej_placerat)),
            importerad_av=rad.importerad_av,
            importerad=rad.importerad,
        )

    def _lagrat(self, rad: TavlingsbidragRad) -> LagratBidrag:
        batteri = batteri_fran_data(json.loads(rad.fragebatteri))
        svar = {
            s.nummer: s.text
            for s in self.s.exec(
                select(TavlingssvarRad)
                .where(TavlingssvarRad.tavlingsbidrag_id == rad.id)
                .order_by(col(TavlingssvarRad.nummer))
            )
        }
        kvitto = (
            Kvitto(
                verksamhet=rad.verksamhet,
                ar=rad.ar,
                mottagare=rad.mottagare,
                mottaget=rad.mottaget,
                antal_svar=rad.kvitto_antal_svar or 0,
            )
            if rad.mottaget is not None
            else None
        )
        bidrag = Tavlingsbidrag(
            fragebatteri=batteri,
            verksamhet=rad.verksamhet,
            ansvarig_chef=rad.ansvarig_chef,
            sista_dag=rad.sista_dag,
            mottagare=rad.mottagare,
            administrativa=(
                administrativa_fran(json.loads(rad.administrativa)) if rad.administrativa else None
            ),
            inledning=rad.inledning,
            svar=svar,
            status=Bidragsstatus(rad.status),
            godkant_av=rad.godkant_av,
            godkant_datum=rad.godkant_datum,
            kvitto=kvitto,
            id=rad.id,
        )
        return LagratBidrag(bidrag, rad.kontaktperson, rad.ordning)


# -- JSON forms ---------------------------------------------------------------------------


def batteri_som_data(batteri: Fragebatteri) -> dict[str, Any]:
    return {
        "ar": batteri.ar,
        "langdgrans": batteri.langdgrans,
        "langdgrans_inledning": batteri.langdgrans_inledning,
        "inledning_rubrik": batteri.inledning_rubrik,
        "administrativa_rubrik": batteri.administrativa_rubrik,
        "administrativa_falt": [[f.nyckel, f.rubrik] for f in batteri.administrativa_falt],
        "avsnitt": [
            {
                "rubrik": a.rubrik,
                "fragor": [
                    {
                        "nummer": f.nummer,
                        "text": f.text,
                        "langdgrans": f.langdgrans,
                        "forifylls_fran": f.forifylls_fran,
                    }
                    for f in a.fragor
                ],
            }
            for a in batteri.avsnitt
        ],
    }


def batteri_fran_data(data: dict[str, Any]) -> Fragebatteri:
    return Fragebatteri(
        ar=data["ar"],
        avsnitt=tuple(
            Avsnitt(
                a["rubrik"],
                tuple(
                    Fraga(
                        nummer=f["nummer"],
                        text=f["text"],
                        avsnitt=a["rubrik"],
                        langdgrans=f["langdgrans"],
                        forifylls_fran=f["forifylls_fran"],
                    )
                    for f in a["fragor"]
                ),
            )
            for a in data["avsnitt"]
        ),
        administrativa_falt=tuple(AdministrativtFalt(n, r) for n, r in data["administrativa_falt"]),
        langdgrans=data["langdgrans"],
        inledning_rubrik=data["inledning_rubrik"],
        administrativa_rubrik=data["administrativa_rubrik"],
        langdgrans_inledning=data["langdgrans_inledning"],
    )


def plan_som_data(plan: Verksamhetsplan) -> dict[str, Any]:
    """The imported plan as JSON-able data (domain/verksamhetsplan.plan_som_data), with the
    activities' end dates as deadlines, kept with the plan so the ärende's frister can be
    recomputed from what is stored without parsing the plan again."""
    data = planens_data(plan)
    data["frister"] = [
        {"datum": d.isoformat(), "text": text} for d, text in aktiviteter_som_frister(plan)
    ]
    return data
