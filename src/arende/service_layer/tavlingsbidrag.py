"""The use cases of the tävlingsbidrag: after the nämnd has decided to nominate, each
nominated unit writes its application, its chef approves it, and its submission to
Stadsledningskontoret is recorded with a receipt and registered as a handling.

Every step works like the ärende's own steps in handlers.py: it runs in one transaction
under the nomination ärende's row lock, is idempotent under its key (Kontext.nyckel, kept in
the ärende's step log, so a replayed flow takes no step twice and is refused the same way
again), checks who acts, and writes what it did, or why it was refused, to the audit log.

The readers of what people hand in (the year's questions, a verksamhetsplan's text, a filled
answer template) are adapters and come in as callables (tavlingsport.py).

The ärende's frister are not touched here: as after every other step, the flow calls
frister.uppdatera_frister afterwards, which adds the bidrag's deadline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from arende.domain.arende import Arende
from arende.domain.datum import svenskt_datum
from arende.domain.fel import ArendeFel, BehorighetSaknas, OgiltigUppgift, OtillatenOvergang
from arende.domain.handling import Handling, Handlingstyp
from arende.domain.organisation import Person
from arende.domain.roller import Roll
from arende.domain.skeden import Utfall
from arende.domain.tavlingsbidrag import (
    ADMINISTRATIVA_NYCKLAR,
    Fullstandighet,
    Kvitto,
    Tavlingsbidrag,
    administrativa_fran,
    forifyllda_svar,
)
from arende.domain.verksamhetsplan import EjPlacerat, Verksamhetsplan, planens_ar

# The refusal format and JSON form are the ärende steps' own: one audit log, one shape.
from arende.service_layer.handlers import Kontext, _json, _registrera_avvisning
from arende.service_layer.handlingar import Dokumentverk, Upprattande, uppratta
from arende.service_layer.ports import Klocka, UnitOfWork, UtfortSteg
from arende.service_layer.tavlingsport import (
    Fragekalla,
    ImporteradPlan,
    LagratBidrag,
    Plantolk,
    Svarsmallslasare,
)
from arende.service_layer.tavlingsunderlag import tavlingsbidrag as tavlingsdata

# The actor the audit log names when the system opens the bidrag on its own after the
# decision (the same name service_layer/frister.py uses).
SYSTEMET = "Ärendesystemet"
SYSTEMROLL = "system"
# A unit's contact person writes its answers without any role in the nämnd's organisation.
KONTAKTROLL = "kontaktperson"

# The decisions that nominate: bifall, or the nämnd's own changed decision.
NOMINERANDE_UTFALL = frozenset({Utfall.BIFALL, Utfall.ANDRAT_BESLUT})

BEHORIGHET: dict[str, frozenset[Roll]] = {
    "öppna tävlingsbidragen": frozenset({Roll.HANDLAGGARE, Roll.NAMNDSEKRETERARE}),
    "registrera inlämningen av tävlingsbidraget": frozenset({Roll.HANDLAGGARE, Roll.REGISTRATOR}),
}

T = TypeVar("T")


@dataclass(frozen=True)
class _Utfort:
    """What a step did, for the step machinery to store and log."""

    aktor: str
    roll: str
    innehall: dict[str, Any]


# -- opening ------------------------------------------------------------------------------


def oppna_tavlingsbidrag(
    dnr: str,
    uow: UnitOfWork,
    kontext: Kontext,
    fragor: Fragekalla,
    *,
    chefer: Mapping[str, str] | None = None,
    kontaktpersoner: Mapping[str, str] | None = None,
) -> bool:
    """One bidrag per nominated unit, once the nämnd has decided to nominate; False if they
    were already opened (by this key, or all of them before).

    `fragor(ar)` gives the award year's question set (fragebatterifil.las_fragebatteri_for
    bound to the folder); it is stored with each bidrag. The deadline and the recipient are
    the award year's (grunddata). `chefer` names, per unit, the chef who approves its bidrag
    (default: the avdelningschef who signed the tjänsteutlåtande, the last signatory);
    `kontaktpersoner` the grunddata person who may write the unit's answers besides the
    handläggare. Run by the system (Kontext.aktor = SYSTEMET) or a handläggare or
    nämndsekreterare."""
    handling = "öppna tävlingsbidragen"
    begart = {"chefer": dict(chefer or {}), "kontaktpersoner": dict(kontaktpersoner or {})}

    def gor(arende: Arende) -> tuple[bool, _Utfort | None]:
        if kontext.aktor == SYSTEMET:
            aktor, roll = SYSTEMET, SYSTEMROLL
        else:
            person = uow.grunddata.person(kontext.aktor)
            aktor, roll = person.namn, person.roll_for(BEHORIGHET[handling], handling).value
        if arende.arendetyp != "nominering" or arende.utmarkelsear is None:
            raise OgiltigUppgift(
                f"Ärende {arende.dnr} är inte en nominering till kvalitetsutmärkelsen: "
                "tävlingsbidrag öppnas bara när nämnden har nominerat."
            )
        utmarkelsear = arende.utmarkelsear
        _kontrollera_beslutad(arende, "öppna tävlingsbidragen")
        enheter = [n.verksamhet for n in arende.nomineringar]
        for namn in [*(chefer or {}), *(kontaktpersoner or {})]:
            if namn not in enheter:
                raise OgiltigUppgift(
                    f"'{namn}' är inte nominerad i ärende {arende.dnr}; de nominerade är "
                    f"{', '.join(enheter)}."
                )
        ar = uow.grunddata.utmarkelsear(utmarkelsear)
        if ar.sista_dag is None:
            raise OgiltigUppgift(
                f"Kvalitetsutmärkelsen {ar.ar} har ingen sista dag i grunddata; lägg in den "
                "innan tävlingsbidragen öppnas."
            )
        batteri = fragor(utmarkelsear)
        if batteri.ar != utmarkelsear:
            raise OgiltigUppgift(
                f"Frågorna gäller kvalitetsutmärkelsen {batteri.ar}, men ärende {arende.dnr} "
                f"gäller {arende.utmarkelsear}."
            )
        standardchef = _standardchef(uow, arende)
        befintliga = {lb.bidrag.verksamhet for lb in uow.tavlingsbidrag.for_arende(dnr)}
        oppnade: dict[str, dict[str, str | None]] = {}
        for ordning, enhet in enumerate(enheter, 1):
            if enhet in befintliga:
                continue
            chef = _chef(uow, (chefer or {}).get(enhet) or standardchef, enhet)
            kontakt = (kontaktpersoner or {}).get(enhet)
            if kontakt:
                kontakt = uow.grunddata.person(kontakt).namn
            bidrag = Tavlingsbidrag.oppna(batteri, enhet, chef, ar.sista_dag, ar.mottagare)
            uow.tavlingsbidrag.lagg_till(dnr, bidrag, kontakt, ordning)
            oppnade[enhet] = {"chef": chef, "kontaktperson": kontakt}
        if not oppnade:  # all were open already: nothing happened, nothing to log
            return False, None
        return True, _Utfort(
            aktor,
            roll,
            {
                "år": batteri.ar,
                "sista_dag": ar.sista_dag.isoformat(),
                "mottagare": ar.mottagare,
                "antal_frågor": len(batteri.fragor),
                "öppnade": oppnade,
            },
        )

    return _steg(uow, dnr, kontext, handling, begart, gor, lambda _a: False)


# -- writing --------------------------------------------------------------------------------


def importera_verksamhetsplan(
    dnr: str,
    verksamhet: str,
    text: str,
    uow: UnitOfWork,
    kontext: Kontext,
    tolka: Plantolk,
) -> list[EjPlacerat]:
    """Import the unit's verksamhetsplan from its text form (`tolka`:
    verksamhetsplanimport.importera_verksamhetsplan) and prefill the questions the year
    takes from it (2020: question 18), where nothing has been written yet. Returns the lines
    the importer could not place, for a person to check; a replay returns them again."""
    handling = "importera verksamhetsplan"
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    begart = {"verksamhet": verksamhet, "sha256": sha, "tecken": len(text)}

    def gor(arende: Arende) -> tuple[list[EjPlacerat], _Utfort]:
        _kontrollera_beslutad(arende, "importera verksamhetsplanen")
        lagrat = uow.tavlingsbidrag.hamta(dnr, verksamhet)
        person, roll = _skribent(uow, kontext, lagrat, "importera verksamhetsplanen")
        bidrag = lagrat.bidrag
        plan = tolka(text)
        fore = _bild(bidrag)
        fyllda = bidrag.forifyll(forifyllda_svar(bidrag.fragebatteri, plan))
        ny = uow.tavlingsbidrag.lagg_till_plan(
            dnr,
            bidrag.verksamhet,
            plan,
            ar=_planens_ar(plan),
            sha256=sha,
            importerad_av=person.namn,
        )
        uow.tavlingsbidrag.spara(bidrag)
        return list(plan.ej_placerat), _Utfort(
            person.namn,
            roll,
            {
                "verksamhet": bidrag.verksamhet,
                "titel": plan.titel,
                "sha256": sha,
                "ny_text": ny,
                "nämndmål": len(plan.namndmal()),
                "åtaganden": len(plan.ataganden()),
                "ej_placerade_rader": [e.rad for e in plan.ej_placerat],
                "förifyllda_frågor": fyllda,
                **_andringar(fore, _bild(bidrag)),
            },
        )

    def upprepning(_a: Arende) -> list[EjPlacerat]:
        plan = uow.tavlingsbidrag.senaste_plan(dnr, verksamhet)
        return list(plan.ej_placerat) if plan else []

    return _steg(uow, dnr, kontext, handling, begart, gor, upprepning)


def skriv_svar(
    dnr: str,
    verksamhet: str,
    svar: Mapping[int, str],
    inledning: str | None,
    administrativa: Mapping[str, str] | None,
    uow: UnitOfWork,
    kontext: Kontext,
) -> bool:
    """Answers as the unit writes them (the UI form): only the questions given change, an
    empty text clears its answer; `inledning` and `administrativa` None leave them as they
    are. All is checked before anything is written. False on a replay."""
    handling = "skriva tävlingsbidragets svar"
    begart = {
        "verksamhet": verksamhet,
        "frågor": sorted(svar),
        "inledning": inledning is not None,
        "administrativa": dict(administrativa) if administrativa is not None else None,
    }

    def gor(arende: Arende) -> tuple[bool, _Utfort]:
        _kontrollera_beslutad(arende, "skriva tävlingsbidragets svar")
        lagrat = uow.tavlingsbidrag.hamta(dnr, verksamhet)
        person, roll = _skribent(uow, kontext, lagrat, "skriva tävlingsbidragets svar")
        bidrag = lagrat.bidrag
        fore = _bild(bidrag)
        bidrag.fyll_i(
            dict(svar),
            inledning,
            administrativa_fran(dict(administrativa)) if administrativa is not None else None,
        )
        uow.tavlingsbidrag.spara(bidrag)
        return True, _Utfort(
            person.namn,
            roll,
            {"verksamhet": bidrag.verksamhet, **_andringar(fore, _bild(bidrag))},
        )

    return _steg(uow, dnr, kontext, handling, begart, gor, lambda _a: False)


def ladda_upp_svarsmall(
    dnr: str,
    verksamhet: str,
    filnamn: str,
    innehall: bytes,
    uow: UnitOfWork,
    kontext: Kontext,
    las: Svarsmallslasare,
) -> bool:
    """A filled answer template (`las`: svarsmall.las_svarsmall) uploaded for the unit. What
    the template leaves empty keeps what the bidrag already has (a prefilled question 18, an
    address typed in the form); the rest is taken from the file. A file the reader refuses
    changes nothing. False on a replay."""
    handling = "ladda upp svarsmall"
    sha = hashlib.sha256(innehall).hexdigest()
    begart = {"verksamhet": verksamhet, "filnamn": filnamn, "sha256": sha, "byte": len(innehall)}

    def gor(arende: Arende) -> tuple[bool, _Utfort]:
        _kontrollera_beslutad(arende, "ladda upp svarsmallen")
        lagrat = uow.tavlingsbidrag.hamta(dnr, verksamhet)
        person, roll = _skribent(uow, kontext, lagrat, "ladda upp svarsmallen")
        bidrag = lagrat.bidrag
        ifylld = las(filnamn, innehall, bidrag.fragebatteri)
        befintliga = bidrag.administrativa.som_dict() if bidrag.administrativa else {}
        uppgifter = befintliga | {n: t for n, t in ifylld.administrativa.items() if t.strip()}
        fore = _bild(bidrag)
        bidrag.fyll_i(
            ifylld.svar,
            ifylld.inledning if ifylld.inledning.strip() else None,
            administrativa_fran(uppgifter) if uppgifter else None,
        )
        uow.tavlingsbidrag.spara(bidrag)
        return True, _Utfort(
            person.namn,
            roll,
            {
                "verksamhet": bidrag.verksamhet,
                "filnamn": filnamn,
                "sha256": sha,
                **_andringar(fore, _bild(bidrag)),
            },
        )

    return _steg(uow, dnr, kontext, handling, begart, gor, lambda _a: False)


# -- approval and submission --------------------------------------------------------------


def godkann(
    dnr: str,
    verksamhet: str,
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
    datum: date | None = None,
) -> bool:
    """The unit's chef approves the complete bidrag on `datum` (default today). False on a
    replay."""
    handling = "godkänna tävlingsbidraget"
    begart = {"verksamhet": verksamhet, "datum": datum}

    def gor(arende: Arende) -> tuple[bool, _Utfort]:
        _kontrollera_beslutad(arende, "godkänna tävlingsbidraget")
        lagrat = uow.tavlingsbidrag.hamta(dnr, verksamhet)
        person = uow.grunddata.person(kontext.aktor)
        dag = datum or klocka.idag()
        _inte_i_framtiden(dag, klocka, "Godkännandet")
        bidrag = lagrat.bidrag
        fore = _bild(bidrag)
        bidrag.godkann(person, dag)  # checks the role and that it is the unit's chef
        uow.tavlingsbidrag.spara(bidrag)
        return True, _Utfort(
            person.namn,
            Roll.CHEF.value,
            {"verksamhet": bidrag.verksamhet, **_andringar(fore, _bild(bidrag))},
        )

    return _steg(uow, dnr, kontext, handling, begart, gor, lambda _a: False)


def aterkalla_godkannande(dnr: str, verksamhet: str, uow: UnitOfWork, kontext: Kontext) -> bool:
    """The chef takes the approval back so the unit can change its answers. False on a
    replay."""
    handling = "återkalla godkännandet av tävlingsbidraget"

    def gor(arende: Arende) -> tuple[bool, _Utfort]:
        _kontrollera_beslutad(arende, "återkalla godkännandet")
        lagrat = uow.tavlingsbidrag.hamta(dnr, verksamhet)
        person = uow.grunddata.person(kontext.aktor)
        bidrag = lagrat.bidrag
        fore = _bild(bidrag)
        bidrag.aterkalla_godkannande(person)
        uow.tavlingsbidrag.spara(bidrag)
        return True, _Utfort(
            person.namn,
            Roll.CHEF.value,
            {"verksamhet": bidrag.verksamhet, **_andringar(fore, _bild(bidrag))},
        )

    return _steg(uow, dnr, kontext, handling, {"verksamhet": verksamhet}, gor, lambda _a: False)


def lamna_in(
    dnr: str,
    verksamhet: str,
    mottaget: date,
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
    dokument: Dokumentverk,
) -> Kvitto:
    """Record that the mottagare received the approved, complete bidrag on `mottaget`, no
    later than the year's sista dag. The application document is drawn up from the bidrag
    (templates/tavlingsbidrag.docx) and registered, locked, as a handling of the nomination
    ärende: each unit's bidrag its own handling, told apart by its title. Returns the
    receipt; a replay returns the same receipt and registers nothing."""
    handling = "registrera inlämningen av tävlingsbidraget"
    begart = {"verksamhet": verksamhet, "mottaget": mottaget}

    def gor(arende: Arende) -> tuple[Kvitto, _Utfort]:
        _kontrollera_beslutad(arende, "lämna in tävlingsbidraget")
        lagrat = uow.tavlingsbidrag.hamta(dnr, verksamhet)
        person = uow.grunddata.person(kontext.aktor)
        roll = person.roll_for(BEHORIGHET[handling], handling).value
        _inte_i_framtiden(mottaget, klocka, "Inlämningen")
        bidrag = lagrat.bidrag
        fore = _bild(bidrag)
        kvitto = bidrag.lamna_in(mottaget)
        uow.tavlingsbidrag.spara(bidrag)
        registrerad = uppratta(
            uow,
            dokument,
            arende,
            Handlingstyp.TAVLINGSBIDRAG,
            # The document's date is the day it reached the mottagare, not today's.
            Upprattande(person.namn, roll, mottaget, kontext.nyckel, kontext.flodeskorning),
            data=_dokumentdata(uow, arende, bidrag),
            titel=handlingstitel(bidrag),
            motpart=bidrag.mottagare,
        )
        return kvitto, _Utfort(
            person.namn,
            roll,
            {
                "verksamhet": bidrag.verksamhet,
                "kvitto": kvitto.text(),
                "handling": {"nummer": registrerad.nummer, "version": registrerad.version},
                **_andringar(fore, _bild(bidrag)),
            },
        )

    def upprepning(_a: Arende) -> Kvitto:
        kvitto = uow.tavlingsbidrag.hamta(dnr, verksamhet).bidrag.kvitto
        if kvitto is None:  # the step was taken, so the receipt must be there
            raise OtillatenOvergang(
                f"Tävlingsbidraget för {verksamhet} i ärende {dnr} saknar sitt kvitto."
            )
        return kvitto

    return _steg(uow, dnr, kontext, handling, begart, gor, upprepning)


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bidragsoversikt:
    """One unit's bidrag as a form or a list shows it."""

    bidrag: Tavlingsbidrag
    kontaktperson: str | None
    fullstandighet: Fullstandighet
    plan: ImporteradPlan | None  # the latest verksamhetsplan imported for the unit

    @property
    def verksamhet(self) -> str:
        return self.bidrag.verksamhet

    @property
    def status(self) -> str:
        return self.bidrag.status.value

    @property
    def komplett(self) -> bool:
        return self.fullstandighet.komplett

    @property
    def antal_besvarade(self) -> int:
        return len(self.bidrag.fragebatteri.fragor) - len(self.fullstandighet.obesvarade)

    def beskrivning(self) -> str:
        b = self.bidrag
        rad = (
            f"{b.verksamhet}: {b.status.value}, {self.antal_besvarade} av "
            f"{len(b.fragebatteri.fragor)} frågor besvarade; sista dag "
            f"{svenskt_datum(b.sista_dag)}."
        )
        if b.kvitto:
            return f"{rad} {b.kvitto.text()}"
        return f"{rad} {self.fullstandighet.beskrivning()}"


def tavlingsbidrag_for(uow: UnitOfWork, dnr: str) -> list[Bidragsoversikt]:
    """The ärende's bidrag in the nomination's order, with what each still lacks."""
    with uow:
        uow.arenden.hamta(dnr)  # a Swedish HittasInte for an unknown dnr
        return [
            Bidragsoversikt(
                lb.bidrag,
                lb.kontaktperson,
                lb.bidrag.fullstandighet(),
                uow.tavlingsbidrag.senaste_plan(dnr, lb.bidrag.verksamhet),
            )
            for lb in uow.tavlingsbidrag.for_arende(dnr)
        ]


def handlingstitel(bidrag: Tavlingsbidrag) -> str:
    """The public title of the unit's bidrag in the diarium: which unit and which award. A
    nominated unit's name is public (it stands in the tjänsteutlåtande)."""
    return f"Tävlingsbidrag till kvalitetsutmärkelsen {bidrag.fragebatteri.ar}: {bidrag.verksamhet}"


def handling_for(uow: UnitOfWork, dnr: str, verksamhet: str) -> Handling | None:
    """The unit's registered bidrag (latest version), e.g. to make its PDF."""
    with uow:
        bidrag = uow.tavlingsbidrag.hamta(dnr, verksamhet).bidrag
        titel = handlingstitel(bidrag)
        egna = [
            h
            for h in uow.handlingar.for_arende(dnr)
            if h.typ is Handlingstyp.TAVLINGSBIDRAG and h.titel == titel
        ]
        return max(egna, key=lambda h: h.version) if egna else None


# -- the step machinery -------------------------------------------------------------------


def _steg(
    uow: UnitOfWork,
    dnr: str,
    kontext: Kontext,
    handling: str,
    begart: dict[str, Any],
    gor: Callable[[Arende], tuple[T, _Utfort | None]],
    upprepning: Callable[[Arende], T],
) -> T:
    """Take one step on the ärende's bidrag exactly once (handlers._steg's rules): a key
    already used returns `upprepning` (or the same refusal); a refusal rolls everything
    back and is itself stored under the key and logged. A step that found nothing to do
    (`gor` gives no _Utfort) is remembered under its key but not logged."""
    with uow:
        arende = uow.arenden.hamta(dnr)  # locks the ärende's row until commit
        if kontext.nyckel:
            tidigare = uow.steg.hamta(dnr, kontext.nyckel)
            if tidigare is not None:
                if tidigare.ok:
                    return upprepning(arende)
                raise ArendeFel(tidigare.meddelande)
        try:
            resultat, utfort = gor(arende)
            if kontext.nyckel:
                uow.steg.registrera(dnr, kontext.nyckel, UtfortSteg(True, ""))
            if utfort is not None:
                uow.logg.skriv(
                    dnr=dnr,
                    handling=handling,
                    aktor=utfort.aktor,
                    roll=utfort.roll,
                    flodeskorning=kontext.flodeskorning,
                    innehall={
                        "utfall": "utförd",
                        "begärt": _json(begart),
                        **_json(utfort.innehall),
                    },
                )
        except ArendeFel as fel:
            uow.rollback()
            _registrera_avvisning(uow, dnr, kontext, handling, fel, begart)
            raise
        uow.commit()
        return resultat


def _kontrollera_beslutad(arende: Arende, vad: str) -> None:
    beslut = arende.gallande_beslut
    if beslut is None:
        raise OtillatenOvergang(
            f"Det går inte att {vad}: nämnden har inte beslutat om nomineringen i ärende "
            f"{arende.dnr} ännu. Tävlingsbidragen öppnas när nomineringen är beslutad."
        )
    if beslut.utfall not in NOMINERANDE_UTFALL:
        raise OtillatenOvergang(
            f"Det går inte att {vad}: nämnden beslutade {beslut.utfall.value} om nomineringen "
            f"i ärende {arende.dnr} (§ {beslut.paragraf}), så inga tävlingsbidrag lämnas in."
        )


def _skribent(
    uow: UnitOfWork, kontext: Kontext, lagrat: LagratBidrag, vad: str
) -> tuple[Person, str]:
    """The person who may write the unit's bidrag: a handläggare, or the unit's contact."""
    person = uow.grunddata.person(kontext.aktor)
    if Roll.HANDLAGGARE in person.roller:
        return person, Roll.HANDLAGGARE.value
    kontakt = lagrat.kontaktperson
    if kontakt and person.namn.casefold() == kontakt.casefold():
        return person, KONTAKTROLL
    har = ", ".join(sorted(r.value for r in person.roller)) or "ingen roll"
    vem = f" ({kontakt})" if kontakt else ""
    raise BehorighetSaknas(
        f"{person.namn} får inte {vad} för {lagrat.bidrag.verksamhet}: det får en "
        f"handläggare eller verksamhetens kontaktperson{vem} göra ({person.namn} har "
        f"rollen {har})."
    )


def _standardchef(uow: UnitOfWork, arende: Arende) -> str | None:
    """The avdelningschef who signed the tjänsteutlåtande (seed 000 signs förvaltningschef,
    then avdelningschef): the chef closest to the nominated units."""
    if arende.faststallande and arende.faststallande.undertecknare:
        return arende.faststallande.undertecknare[-1]
    chefer = [p.namn for p in uow.grunddata.personer_i_namnd(arende.namnd) if Roll.CHEF in p.roller]
    return chefer[0] if chefer else None


def _chef(uow: UnitOfWork, namn: str | None, enhet: str) -> str:
    if not namn:
        raise OgiltigUppgift(
            f"Ange vilken chef som godkänner tävlingsbidraget för {enhet}: nämnden har "
            "ingen chef i grunddata."
        )
    person = uow.grunddata.person(namn)
    person.roll_for(frozenset({Roll.CHEF}), f"godkänna tävlingsbidraget för {enhet}")
    return person.namn


def _inte_i_framtiden(dag: date, klocka: Klocka, vad: str) -> None:
    idag = klocka.idag()
    if dag > idag:
        raise OgiltigUppgift(
            f"{vad} kan inte registreras den {svenskt_datum(dag)}: den dagen har inte kommit "
            f"(i dag är det den {svenskt_datum(idag)})."
        )


def _planens_ar(plan: Verksamhetsplan) -> int | None:
    """The year the plan is for, as its title or its budget table says it (seed 001's title
    has none, its table is "Budget 2012"); the plan's date as a last resort."""
    angivet = planens_ar(plan)
    if angivet is not None:
        return angivet[0]
    return plan.datum.year if plan.datum else None


def _dokumentdata(uow: UnitOfWork, arende: Arende, bidrag: Tavlingsbidrag) -> dict[str, Any]:
    namnd = uow.grunddata.namnd(arende.namnd)
    handlaggare = uow.grunddata.person(arende.handlaggare)
    return tavlingsdata(
        bidrag,
        forvaltning=namnd.forvaltning,
        handlaggare=handlaggare.namn,
        telefon=handlaggare.telefon,
    )


def _text(text: str) -> dict[str, Any] | None:
    """An answer in the audit log: its length and sha256, which prove what was written
    without copying every answer into the log at every save."""
    if not text:
        return None
    return {"tecken": len(text), "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}


def _bild(bidrag: Tavlingsbidrag) -> dict[str, Any]:
    adm = bidrag.administrativa.som_dict() if bidrag.administrativa else {}
    return {
        "status": bidrag.status.value,
        "godkänt_av": bidrag.godkant_av,
        "godkänt_datum": bidrag.godkant_datum,
        "mottaget": bidrag.kvitto.mottaget if bidrag.kvitto else None,
        "administrativa": {n: adm.get(n, "") for n in ADMINISTRATIVA_NYCKLAR} if adm else None,
        "inledning": _text(bidrag.inledning),
        "svar": {n: _text(t) for n, t in sorted(bidrag.svar.items())},
    }


def _andringar(fore: dict[str, Any], efter: dict[str, Any]) -> dict[str, Any]:
    """Before and after of what changed; of the answers, only the questions that changed."""
    andrat = sorted(k for k in efter if efter[k] != fore.get(k) and k != "svar")
    ut_fore = {k: fore.get(k) for k in andrat}
    ut_efter = {k: efter[k] for k in andrat}
    fsvar, esvar = fore["svar"], efter["svar"]
    nummer = sorted(n for n in set(fsvar) | set(esvar) if fsvar.get(n) != esvar.get(n))
    if nummer:
        ut_fore["svar"] = {n: fsvar.get(n) for n in nummer}
        ut_efter["svar"] = {n: esvar.get(n) for n in nummer}
    return {"före": ut_fore, "efter": ut_efter}
