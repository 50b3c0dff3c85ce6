"""The ärende's own steps: registration in the diarium, beredning, samverkan, the chef's
fastställande (with the tjänsteutlåtande), expediering and closing. Each handler is called
by the runner with the ärende locked and the actor checked (utforare.py)."""

from __future__ import annotations

from arende.domain.arende import Arende
from arende.domain.arendetyp import Arendetyp, kontrollera_svar
from arende.domain.datum import svenskt_datum
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.domain.handelser import ArendeRegistrerat
from arende.domain.handling import Handlingstyp
from arende.domain.roller import Roll
from arende.domain.sammantradesplan import prova_sammantrade
from arende.service_layer.dokumentdata.tjansteutlatande import forslag_till_beslut
from arende.service_layer.kommandon import (
    Avsluta,
    Expediera,
    FaststallForslag,
    PaborjaBeredning,
    RegistreraArende,
    RegistreraSamverkan,
    SkrivUppgifter,
)
from arende.service_layer.regler import regler_for
from arende.service_layer.steg import Steg, bild


def arendetyp(steg: Steg, namn: str) -> Arendetyp:
    typer = steg.beroenden.typer
    if namn not in typer:
        raise OgiltigUppgift(
            f"Okänd ärendetyp '{namn}'. Kända ärendetyper: {', '.join(sorted(typer))}."
        )
    return typer[namn]


def registrera(k: RegistreraArende, steg: Steg, *, at_handlaggaren: bool = False) -> None:
    """Register the ärende in the nämnd's diarium. The start answers are checked against the
    type's fields, and the sammanträde against the nämnd's plan, before a number is taken:
    the number is taken in the same transaction as the ärende is stored, so a refused or
    failed registration uses no number and the series stays gapless."""
    uow, namnd = steg.uow, steg.namnd
    assert namnd is not None
    typ = arendetyp(steg, k.typ)
    uppgifter = kontrollera_svar(typ.startfalt, k.uppgifter)
    regler = regler_for(typ, steg.beroenden.regler)
    handlaggare = uow.grunddata.person(k.handlaggare)
    if at_handlaggaren:
        # What came in opens the ärende: registered for the handläggare who will handle it
        # (by the registrator, say), who must be one of the nämnd's handläggare.
        handlaggare.roll_for(frozenset({Roll.HANDLAGGARE}), "handlägga ärendet")
        handlaggare.kontrollera_tillhorighet(namnd.namn, "handlägga ärendet", f"i {namnd.namn}")
    elif steg.aktor.casefold() != handlaggare.namn.casefold():
        raise OgiltigUppgift(
            f"Ärendet registreras av {steg.aktor}, men handläggaren är {handlaggare.namn}: "
            "en handläggare registrerar sina egna ärenden."
        )
    registreringsdatum = k.registreringsdatum or steg.idag
    if registreringsdatum > steg.idag:
        # Before the plan is tried from that day: the date is what is wrong, not the plan.
        raise OgiltigUppgift(
            f"Registreringsdatumet ({svenskt_datum(registreringsdatum)}) ligger i framtiden; "
            "registrera det som har hänt."
        )
    prova_sammantrade(
        k.planerat_sammantrade,
        uow.planer.plan(namnd.namn, k.planerat_sammantrade.year),
        namnd=namnd.namn,
        fran=registreringsdatum,
        sista_dag=regler.sista_dag(uppgifter, uow),
        kalender=steg.beroenden.kalender,
        justeringsdagar=uow.planer.justeringsdagar(namnd.namn),
    )
    nummer = uow.diarium.nasta_nummer(namnd.diarieprefix, registreringsdatum.year)
    dnr = Diarienummer(namnd.diarieprefix, registreringsdatum.year, nummer)
    arende = regler.bygg(typ, k, uppgifter, dnr, uow, steg.idag, steg.beroenden.kalender)
    uow.arenden.lagg_till(arende, k.nyckel)
    regler.registrerat(arende, uow)
    steg.logga({"efter": bild(arende)}, dnr=arende.dnr)
    steg.rord(arende.dnr)
    steg.hant(ArendeRegistrerat(arende.dnr, arende.namnd, arende.arendetyp))


def paborja_beredning(k: PaborjaBeredning, steg: Steg) -> None:
    a = steg.arendet
    steg.andra(a, Arende.paborja_beredning)


def skriv_uppgifter(k: SkrivUppgifter, steg: Steg) -> None:
    """Keep the answers to the type's form for the step into `k.skede` (checked against its
    fields, then by the type's rules against the ärende), for the documents that step draws
    up."""
    a = steg.arendet
    typ = arendetyp(steg, a.arendetyp)
    formular = typ.formular.get(k.skede)
    if formular is None:
        raise OgiltigUppgift(f"Ärendetypen {typ.namn} har inget formulär för skedet '{k.skede}'.")
    uppgifter = kontrollera_svar(formular.falt, k.svar)
    regler = regler_for(typ, steg.beroenden.regler)
    steg.andra(
        a,
        lambda a: a.registrera_uppgifter(k.skede, regler.bered(typ, k.skede, uppgifter, a)),
        begart={"skede": k.skede, "uppgifter": uppgifter},
    )


def registrera_samverkan(k: RegistreraSamverkan, steg: Steg) -> None:
    a = steg.arendet
    steg.andra(a, lambda a: a.registrera_samverkan(k.datum, k.anteckning, idag=steg.idag))


def faststall_forslag(k: FaststallForslag, steg: Steg) -> None:
    """The chefs sign the tjänsteutlåtande: each a chef of the ärende's nämnd. The signed
    tjänsteutlåtande is drawn up and registered, locked, in the same step."""
    a = steg.arendet
    namn = []
    for u in k.undertecknare:
        if not u.strip():
            continue
        chef = steg.uow.grunddata.person(u)
        chef.roll_for(frozenset({Roll.CHEF}), "underteckna förslaget till beslut")
        chef.kontrollera_tillhorighet(a.namnd, "underteckna förslaget till beslut", f"i {a.dnr}")
        namn.append(chef.namn)
    # The förslag the chefs sign is the one the nämnd will decide on: kept with the ärende.
    forslag = forslag_till_beslut(a, arendetyp(steg, a.arendetyp))
    steg.andra(a, lambda a: a.faststall_forslag(k.datum, namn, forslag, idag=steg.idag))
    steg.uppratta(a, Handlingstyp.TJANSTEUTLATANDE)


def expediera(k: Expediera, steg: Steg) -> None:
    a = steg.arendet
    steg.andra(a, lambda a: a.expediera(k.datum, list(k.mottagare), idag=steg.idag))


def avsluta(k: Avsluta, steg: Steg) -> None:
    a = steg.arendet
    steg.andra(a, lambda a: a.avsluta(k.datum, idag=steg.idag))
