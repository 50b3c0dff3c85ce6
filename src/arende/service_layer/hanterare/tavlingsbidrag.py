"""The tävlingsbidrag's steps: after the nämnd has nominated, each nominated unit writes its
application, its chef approves it, and its submission to the award's mottagare is recorded
with a receipt and registered as a handling of the nomination ärende.

The bidrag belong to their ärende: each step locks it (the runner does), is taken once
under its key, and is logged in its history. The readers of what people hand in (the
year's questions, a verksamhetsplan's text, a filled answer template) are adapters and come
in through the runner's dependencies.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from arende.domain.arende import Arende
from arende.domain.datum import svenskt_datum
from arende.domain.fel import BehorighetSaknas, OgiltigUppgift, OtillatenOvergang
from arende.domain.handelser import (
    TavlingsbidragInlamnat,
    TavlingsbidragOppnat,
    VerksamhetsplanImporterad,
)
from arende.domain.handling import Handlingstyp
from arende.domain.organisation import Person
from arende.domain.roller import Roll
from arende.domain.skeden import Utfall
from arende.domain.tavlingsbidrag import (
    ADMINISTRATIVA_NYCKLAR,
    Tavlingsbidrag,
    administrativa_fran,
    forifyllda_svar,
)
from arende.domain.verksamhetsplan import Verksamhetsplan, planens_ar
from arende.service_layer.dokumentdata.tavlingsbidrag import tavlingsbidrag as tavlingsdata
from arende.service_layer.kommandon import (
    AterkallaGodkannande,
    Bidragskommando,
    Godkann,
    ImporteraVerksamhetsplan,
    LaddaUppSvarsmall,
    LamnaIn,
    OppnaTavlingsbidrag,
    SkrivSvar,
)
from arende.service_layer.ports import LagratBidrag
from arende.service_layer.steg import Steg

# A unit's contact person writes its answers without any role in the nämnd's organisation.
KONTAKTROLL = "kontaktperson"

# The decisions that nominate: bifall, or the nämnd's own changed decision.
NOMINERANDE_UTFALL = frozenset({Utfall.BIFALL, Utfall.ANDRAT_BESLUT})


def oppna(k: OppnaTavlingsbidrag, steg: Steg) -> None:
    """One bidrag per nominated unit, once the nämnd has decided to nominate; nothing if
    they are all open already. The deadline and the recipient are the award year's
    (grunddata); the question set is the year's. `k.chefer` names, per unit, the chef who
    approves its bidrag (default: the avdelningschef who signed the tjänsteutlåtande)."""
    uow, arende = steg.uow, steg.arendet
    utmarkelsear = arende.uppgifter.get("utmarkelsear")
    enheter = [e["namn"] for e in arende.uppgifter.get("enheter", [])]
    if utmarkelsear is None or not enheter:
        raise OgiltigUppgift(
            f"Ärende {arende.dnr} nominerar inga verksamheter till kvalitetsutmärkelsen: "
            "tävlingsbidrag öppnas bara när nämnden har nominerat."
        )
    _kontrollera_beslutad(arende, "öppna tävlingsbidragen")
    for namn in [*k.chefer, *k.kontaktpersoner]:
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
    if steg.beroenden.fragor is None:
        raise RuntimeError("Tävlingsbidragen saknar sin frågekälla (se bootstrap).")
    batteri = steg.beroenden.fragor(utmarkelsear)
    if batteri.ar != utmarkelsear:
        raise OgiltigUppgift(
            f"Frågorna gäller kvalitetsutmärkelsen {batteri.ar}, men ärende {arende.dnr} "
            f"gäller {utmarkelsear}."
        )
    standardchef = _standardchef(steg, arende)
    dnr = str(arende.dnr)
    befintliga = {lb.bidrag.verksamhet for lb in uow.tavlingsbidrag.for_arende(dnr)}
    oppnade: dict[str, dict[str, str | None]] = {}
    for ordning, enhet in enumerate(enheter, 1):
        if enhet in befintliga:
            continue
        chef = _chef(steg, k.chefer.get(enhet) or standardchef, enhet)
        kontakt = k.kontaktpersoner.get(enhet)
        if kontakt:
            kontakt = uow.grunddata.person(kontakt).namn
        bidrag = Tavlingsbidrag.oppna(batteri, enhet, chef, ar.sista_dag, ar.mottagare)
        uow.tavlingsbidrag.lagg_till(dnr, bidrag, kontakt, ordning)
        oppnade[enhet] = {"chef": chef, "kontaktperson": kontakt}
        steg.hant(TavlingsbidragOppnat(arende.dnr, arende.namnd, enhet, arende.handlaggare))
    if not oppnade:
        return  # all were open already: nothing happened, nothing to log
    steg.logga(
        {
            "begärt": k.begart(),
            "år": batteri.ar,
            "sista_dag": ar.sista_dag.isoformat(),
            "mottagare": ar.mottagare,
            "antal_frågor": len(batteri.fragor),
            "öppnade": oppnade,
        },
        dnr=arende.dnr,
    )
    steg.rord(arende.dnr)


def importera_verksamhetsplan(k: ImporteraVerksamhetsplan, steg: Steg) -> None:
    """Import the unit's verksamhetsplan from its text and prefill the questions the year
    takes from it (2020: question 18), where nothing has been written yet. The lines the
    importer could not place are in the event, for a person to check."""
    uow, arende = steg.uow, steg.arendet
    _kontrollera_beslutad(arende, "importera verksamhetsplanen")
    lagrat = uow.tavlingsbidrag.hamta(str(arende.dnr), k.verksamhet)
    _skribent(steg, lagrat, "importera verksamhetsplanen")
    if steg.beroenden.plantolk is None:
        raise RuntimeError("Tävlingsbidragen saknar sin planinläsare (se bootstrap).")
    bidrag = lagrat.bidrag
    plan = steg.beroenden.plantolk(k.text)
    sha = hashlib.sha256(k.text.encode("utf-8")).hexdigest()
    fore = _bild(bidrag)
    fyllda = bidrag.forifyll(forifyllda_svar(bidrag.fragebatteri, plan))
    ny = uow.tavlingsbidrag.lagg_till_plan(
        str(arende.dnr),
        bidrag.verksamhet,
        plan,
        ar=_planens_ar(plan),
        sha256=sha,
        importerad_av=steg.aktor,
    )
    uow.tavlingsbidrag.spara(bidrag)
    steg.logga(
        {
            "begärt": k.begart(),
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
        dnr=arende.dnr,
    )
    steg.rord(arende.dnr)
    steg.hant(
        VerksamhetsplanImporterad(
            arende.dnr,
            bidrag.verksamhet,
            tuple(f"rad {e.rad}: {e.text[:60]} – {e.orsak}" for e in plan.ej_placerat),
        )
    )


def skriv_svar(k: SkrivSvar, steg: Steg) -> None:
    """Answers as the unit writes them (the form): all is checked before anything is
    written."""
    uow, arende = steg.uow, steg.arendet
    _kontrollera_beslutad(arende, "skriva tävlingsbidragets svar")
    lagrat = uow.tavlingsbidrag.hamta(str(arende.dnr), k.verksamhet)
    _skribent(steg, lagrat, "skriva tävlingsbidragets svar")
    bidrag = lagrat.bidrag
    fore = _bild(bidrag)
    bidrag.fyll_i(
        dict(k.svar),
        k.inledning,
        administrativa_fran(dict(k.administrativa)) if k.administrativa is not None else None,
    )
    uow.tavlingsbidrag.spara(bidrag)
    _logga_bidrag(steg, k, bidrag, fore)


def ladda_upp_svarsmall(k: LaddaUppSvarsmall, steg: Steg) -> None:
    """A filled answer template uploaded for the unit. What the template leaves empty keeps
    what the bidrag already has (a prefilled question 18, an address typed in the form); the
    rest is taken from the file. A file the reader refuses changes nothing."""
    uow, arende = steg.uow, steg.arendet
    _kontrollera_beslutad(arende, "ladda upp svarsmallen")
    lagrat = uow.tavlingsbidrag.hamta(str(arende.dnr), k.verksamhet)
    _skribent(steg, lagrat, "ladda upp svarsmallen")
    if steg.beroenden.svarsmallslasare is None:
        raise RuntimeError("Tävlingsbidragen saknar sin svarsmallsläsare (se bootstrap).")
    bidrag = lagrat.bidrag
    ifylld = steg.beroenden.svarsmallslasare(k.filnamn, k.innehall, bidrag.fragebatteri)
    befintliga = bidrag.administrativa.som_dict() if bidrag.administrativa else {}
    uppgifter = befintliga | {n: t for n, t in ifylld.administrativa.items() if t.strip()}
    fore = _bild(bidrag)
    bidrag.fyll_i(
        ifylld.svar,
        ifylld.inledning if ifylld.inledning.strip() else None,
        administrativa_fran(uppgifter) if uppgifter else None,
    )
    uow.tavlingsbidrag.spara(bidrag)
    _logga_bidrag(
        steg,
        k,
        bidrag,
        fore,
        {"filnamn": k.filnamn, "sha256": hashlib.sha256(k.innehall).hexdigest()},
    )


def godkann(k: Godkann, steg: Steg) -> None:
    """The unit's chef approves the complete bidrag on `k.datum` (default today)."""
    uow, arende = steg.uow, steg.arendet
    _kontrollera_beslutad(arende, "godkänna tävlingsbidraget")
    lagrat = uow.tavlingsbidrag.hamta(str(arende.dnr), k.verksamhet)
    dag = k.datum or steg.idag
    _inte_i_framtiden(dag, steg, "Godkännandet")
    bidrag = lagrat.bidrag
    fore = _bild(bidrag)
    assert steg.person is not None
    bidrag.godkann(steg.person, dag)  # checks that she is the unit's chef
    uow.tavlingsbidrag.spara(bidrag)
    _logga_bidrag(steg, k, bidrag, fore)


def aterkalla_godkannande(k: AterkallaGodkannande, steg: Steg) -> None:
    """The chef takes the approval back so the unit can change its answers."""
    uow, arende = steg.uow, steg.arendet
    _kontrollera_beslutad(arende, "återkalla godkännandet")
    lagrat = uow.tavlingsbidrag.hamta(str(arende.dnr), k.verksamhet)
    bidrag = lagrat.bidrag
    fore = _bild(bidrag)
    assert steg.person is not None
    bidrag.aterkalla_godkannande(steg.person)
    uow.tavlingsbidrag.spara(bidrag)
    _logga_bidrag(steg, k, bidrag, fore)


def lamna_in(k: LamnaIn, steg: Steg) -> None:
    """Record that the mottagare received the approved, complete bidrag on `k.mottaget`, no
    later than the year's sista dag. The application document is drawn up from the bidrag
    and registered, locked, as a handling of the nomination ärende: each unit's bidrag its
    own handling, told apart by its title."""
    uow, arende = steg.uow, steg.arendet
    _kontrollera_beslutad(arende, "lämna in tävlingsbidraget")
    lagrat = uow.tavlingsbidrag.hamta(str(arende.dnr), k.verksamhet)
    _inte_i_framtiden(k.mottaget, steg, "Inlämningen")
    bidrag = lagrat.bidrag
    fore = _bild(bidrag)
    kvitto = bidrag.lamna_in(k.mottaget)
    uow.tavlingsbidrag.spara(bidrag)
    registrerad = steg.uppratta(
        arende,
        Handlingstyp.TAVLINGSBIDRAG,
        # The document's date is the day it reached the mottagare, not today's.
        datum=k.mottaget,
        data=_dokumentdata(steg, arende, bidrag),
        titel=handlingstitel(bidrag),
        motpart=bidrag.mottagare,
    )
    _logga_bidrag(
        steg,
        k,
        bidrag,
        fore,
        {
            "kvitto": kvitto.text(),
            "handling": {"nummer": registrerad.nummer, "version": registrerad.version},
        },
    )
    steg.hant(TavlingsbidragInlamnat(arende.dnr, bidrag.verksamhet, kvitto.text()))


def handlingstitel(bidrag: Tavlingsbidrag) -> str:
    """The public title of the unit's bidrag in the diarium: which unit and which award. A
    nominated unit's name is public (it stands in the tjänsteutlåtande)."""
    return f"Tävlingsbidrag till kvalitetsutmärkelsen {bidrag.fragebatteri.ar}: {bidrag.verksamhet}"


# -- hjälp ------------------------------------------------------------------------------------


def _logga_bidrag(
    steg: Steg,
    k: Bidragskommando,
    bidrag: Tavlingsbidrag,
    fore: dict[str, Any],
    mer: Mapping[str, Any] | None = None,
) -> None:
    steg.logga(
        {
            "begärt": k.begart(),
            "verksamhet": bidrag.verksamhet,
            **(mer or {}),
            **_andringar(fore, _bild(bidrag)),
        },
        dnr=k.dnr,
    )
    steg.rord(k.dnr)


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


def _skribent(steg: Steg, lagrat: LagratBidrag, vad: str) -> Person:
    """The person who may write the unit's bidrag: a handläggare, or the unit's contact."""
    person = steg.person
    assert person is not None
    if Roll.HANDLAGGARE in person.roller:
        steg.roll = Roll.HANDLAGGARE.value
        return person
    kontakt = lagrat.kontaktperson
    if kontakt and person.namn.casefold() == kontakt.casefold():
        steg.roll = KONTAKTROLL
        return person
    har = ", ".join(sorted(r.value for r in person.roller)) or "ingen roll"
    vem = f" ({kontakt})" if kontakt else ""
    raise BehorighetSaknas(
        f"{person.namn} får inte {vad} för {lagrat.bidrag.verksamhet}: det får en "
        f"handläggare eller verksamhetens kontaktperson{vem} göra ({person.namn} har "
        f"rollen {har})."
    )


def _standardchef(steg: Steg, arende: Arende) -> str | None:
    """The avdelningschef who signed the tjänsteutlåtande (seed 000 signs förvaltningschef,
    then avdelningschef): the chef closest to the nominated units."""
    if arende.faststallande and arende.faststallande.undertecknare:
        return arende.faststallande.undertecknare[-1]
    chefer = [
        p.namn for p in steg.uow.grunddata.personer_i_namnd(arende.namnd) if Roll.CHEF in p.roller
    ]
    return chefer[0] if chefer else None


def _chef(steg: Steg, namn: str | None, enhet: str) -> str:
    if not namn:
        raise OgiltigUppgift(
            f"Ange vilken chef som godkänner tävlingsbidraget för {enhet}: nämnden har "
            "ingen chef i grunddata."
        )
    person = steg.uow.grunddata.person(namn)
    handling = f"godkänna tävlingsbidraget för {enhet}"
    person.roll_for(frozenset({Roll.CHEF}), handling)
    # Named here, she is the only one who may approve it: a chef of another nämnd would be
    # refused by the runner when she tries, and the bidrag could never be approved.
    arende = steg.arendet
    person.kontrollera_tillhorighet(arende.namnd, handling, f"i {arende.dnr}")
    return person.namn


def _inte_i_framtiden(dag: Any, steg: Steg, vad: str) -> None:
    if dag > steg.idag:
        raise OgiltigUppgift(
            f"{vad} kan inte registreras den {svenskt_datum(dag)}: den dagen har inte kommit "
            f"(i dag är det den {svenskt_datum(steg.idag)})."
        )


def _planens_ar(plan: Verksamhetsplan) -> int | None:
    """The year the plan is for, as its title or its budget table says it (seed 001's title
    has none, its table is "Budget 2012"); the plan's date as a last resort."""
    angivet = planens_ar(plan)
    if angivet is not None:
        return angivet[0]
    return plan.datum.year if plan.datum else None


def _dokumentdata(steg: Steg, arende: Arende, bidrag: Tavlingsbidrag) -> dict[str, Any]:
    namnd = steg.uow.grunddata.namnd(arende.namnd)
    handlaggare = steg.uow.grunddata.person(arende.handlaggare)
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
