"""The nomination ärende as a Prefect flow: thin steps over arende's service layer.

A step that waits for a person suspends the run (no process is held for weeks). When the
person answers, Prefect starts the flow again from the top: every earlier `suspend_flow_run`
returns its saved answer at once, and every earlier step is a no-op because the service layer
remembers each step's key. So the keys must be the same on every replay: they are built only
from the answers themselves (round of beredning, number of the hearing, attempt).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from typing import Any

from prefect import flow, get_run_logger, runtime, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment

from arende.bootstrap import Arendesystem, starta
from arende.config import Installningar
from arende.domain.arende import Arende, Nominering
from arende.domain.fel import HittasInte
from arende.domain.skeden import Utfall
from arende.service_layer import frister, handlers, handlingar, underlag, visningar
from arende.service_layer import tavlingsbidrag as tb
from arende.service_layer.handlers import Kontext
from flows.formular import (
    AnslagSvar,
    BeslutSvar,
    ExpedieringSvar,
    FaststallSvar,
    JusteringSvar,
    Nomineringsuppgifter,
    SamverkanSvar,
)
from flows.fraga import fraga
from flows.handlingar import filadress, publicera, redan_visad
from flows.tavlingsbidrag import DEPLOYMENT as TB_DEPLOYMENT
from flows.tavlingsbidrag import fragekalla, fragor_finns, slug


def _system() -> Arendesystem:
    return starta()


def _korning() -> str:
    return str(runtime.flow_run.id)


@task(name="registrera ärendet", cache_policy=NO_CACHE)
def registrera(uppgifter: Nomineringsuppgifter) -> str:
    system = _system()
    omedelbar = {"ja": True, "nej": False}.get(uppgifter.omedelbar_justering)
    cmd = handlers.NyNominering(
        namnd=uppgifter.namnd,
        handlaggare=uppgifter.handlaggare,
        utmarkelsear=uppgifter.utmarkelsear,
        nomineringar=[Nominering(e.namn, e.klass, e.beskrivning) for e in uppgifter.enheter],
        planerat_sammantrade=uppgifter.sammantrade,
        registreringsdatum=uppgifter.registreringsdatum,
        omedelbar_justering=omedelbar,
        avslutande_kommentar=uppgifter.avslutande_kommentar,
    )
    # The flow run's id is the idempotency key: a replay finds the ärende it registered.
    kontext = Kontext(uppgifter.handlaggare, _korning(), visningar.korningsnyckel(_korning()))
    if not _redan_registrerat():  # a replay must not be judged against today's plan
        frister.kontrollera_sammantrade(
            system.uow(),
            uppgifter.namnd,
            uppgifter.sammantrade,
            system.kalender,
            fran=uppgifter.registreringsdatum or system.klocka.idag(),
            utmarkelsear=uppgifter.utmarkelsear,
        )
    dnr = handlers.registrera_nominering(cmd, system.uow(), kontext, system.klocka, system.kalender)
    frister.uppdatera_frister(dnr, system.uow(), system.kalender, flodeskorning=_korning())
    return dnr


def _redan_registrerat() -> bool:
    try:
        visningar.arende_for_korning(_system().uow(), _korning())
        return True
    except HittasInte:
        return False


@task(name="utför steg", cache_policy=NO_CACHE)
def utfor(handling: str, dnr: str, aktor: str, nyckel: str, **argument: Any) -> bool:
    system = _system()
    funktion: Callable[..., bool] = getattr(handlers, handling)
    kontext = Kontext(aktor, _korning(), nyckel)
    if "dokument" in inspect.signature(funktion).parameters:  # the step draws up a document
        argument["dokument"] = system.dokument
    gjord = funktion(dnr, **argument, uow=system.uow(), kontext=kontext, klocka=system.klocka)
    # The frister follow the dates the step set (a no-op when nothing changed).
    frister.uppdatera_frister(dnr, system.uow(), system.kalender, flodeskorning=_korning())
    if "dokument" in argument:
        publicera(dnr)
    return gjord


def hamta(dnr: str) -> Arende:
    return visningar.hamta_arende(_system().uow(), dnr)


def markera(arende: Arende) -> None:
    """Name the run like a diarium line and tag it by nämnd and stage, so the runs list can
    be filtered to one nämnd or to everything waiting for, say, justering."""
    with get_client(sync_client=True) as klient:
        klient.update_flow_run(
            runtime.flow_run.id,
            name=f"{arende.dnr} {arende.titel}",
            tags=[f"nämnd:{arende.namnd}", f"skede:{arende.skede}", "nominering"],
        )


def _rubrik(arende: Arende, fraga_text: str) -> str:
    """What is being decided and on which ärende, with the documents to read first."""
    return (
        f"## {fraga_text}\n\n**Ärende:** {arende.dnr} – {arende.titel}  \n"
        f"**Nämnd:** {arende.namnd}  \n**Handläggare:** {arende.handlaggare}  \n"
        f"**Skede:** {arende.skede}\n\n{_att_lasa(str(arende.dnr))}{_frister(str(arende.dnr))}"
    )


def _frister(dnr: str) -> str:
    lagrade = frister.frister_for(_system().uow(), dnr)
    return frister.frister_som_markdown(dnr, [f.frist for f in lagrade]) + "\n" if lagrade else ""


def _att_lasa(dnr: str) -> str:
    system = _system()
    rader = []
    for h in handlingar.handlingar(system.uow(), dnr):
        lankar = f"[Word]({filadress(system, h.fil)})"
        if h.pdf_fil:
            lankar += f" · [PDF]({filadress(system, h.pdf_fil)})"
        rader.append(f"- {h.titel}, version {h.version} ({h.datum}): {lankar}")
    return "**Handlingar att läsa:**\n\n" + "\n".join(rader) + "\n\n" if rader else ""


def _fortsatt(dnr: str) -> Arende:
    arende = hamta(dnr)
    markera(arende)
    return arende


@flow(name="nominering", log_prints=True)
def ny_nominering(uppgifter: Nomineringsuppgifter) -> str:
    """Registrera ett nomineringsärende till Stadens kvalitetsutmärkelse och för det genom
    beredning, samverkan, beslut, justering, anslag och expediering.

    Args:
        uppgifter: Nämnd, handläggare, utmärkelsens år, verksamheterna som nomineras och
            sammanträdet där nämnden ska besluta.
    """
    system = _system()
    dnr = registrera(uppgifter)
    arende = _fortsatt(dnr)
    handlaggare = arende.handlaggare
    utfor("paborja_beredning", dnr, handlaggare, "beredning")
    arende = _fortsatt(dnr)

    omgang = 1
    while True:  # one round per beredning; a återremiss starts the next
        fraga(
            SamverkanSvar,
            f"samverkan-{omgang}",
            _rubrik(arende, "Registrera samverkan i förvaltningsgruppen")
            + "Ange dagen då ärendet samverkades med de fackliga organisationerna.",
            lambda s, k: utfor(
                "registrera_samverkan",
                dnr,
                s.registreras_av,
                k,
                datum=s.datum,
                anteckning=s.anteckning,
            ),
            registreras_av=handlaggare,
            datum=date.today(),
            anteckning="Samverkat utan erinran",
        )
        arende = _fortsatt(dnr)
        utkast = system.mallar.rendera(
            "tjansteutlatande_nominering.md.j2", underlag.tjansteutlatande_for(dnr, system.uow())
        )
        utkastnyckel = f"utkast-{slug(str(arende.dnr))}-{omgang}"
        if not redan_visad(utkastnyckel):  # every resume replays the flow: show it once
            create_markdown_artifact(
                key=utkastnyckel,
                markdown=utkast,
                description=f"Utkast till tjänsteutlåtande, {arende.dnr}",
            )
        fraga(
            FaststallSvar,
            f"faststall-{omgang}",
            _rubrik(arende, "Godkänn tjänsteutlåtandet och fastställ förslaget till beslut")
            + "Läs utkastet nedan. När du fastställer förslaget undertecknas tjänsteutlåtandet "
            "och ärendet sätts upp på dagordningen för sammanträdet den "
            f"{arende.planerat_sammantrade.isoformat()}.\n\n---\n\n{utkast}",
            lambda s, k: utfor(
                "faststall_forslag",
                dnr,
                s.forvaltningschef,
                k,
                datum=s.datum,
                undertecknare=[s.forvaltningschef, s.avdelningschef],
            ),
            datum=date.today(),
        )
        arende = _fortsatt(dnr)
        utfor(
            "satt_pa_dagordning",
            dnr,
            handlaggare,
            f"dagordning-{omgang}",
            sammantrade=arende.planerat_sammantrade,
        )

        behandling = 1
        while True:  # one hearing per sammanträde; a bordläggning moves it to the next
            # On a replay this reads today's state, which may be a later round: use it only
            # for texts and defaults, never to steer the flow.
            arende = _fortsatt(dnr)
            mote = arende.sammantrade or arende.planerat_sammantrade
            nasta = visningar.nasta_paragraf(system.uow(), arende.namnd, mote.year)
            beslut = fraga(
                BeslutSvar,
                f"beslut-{omgang}-{behandling}",
                _rubrik(arende, f"Registrera nämndens beslut, sammanträdet {mote}")
                + "**Förslag till beslut:**\n\n"
                + "\n".join(
                    f"{i}. {p}" for i, p in enumerate(underlag.forslag_till_beslut(arende), 1)
                )
                + f"\n\nNästa lediga paragraf i {arende.namnd}s protokoll {mote.year} "
                f"är § {nasta}.",
                lambda s, k: utfor(
                    "registrera_beslut",
                    dnr,
                    s.registreras_av,
                    k,
                    utfall=Utfall(s.utfall),
                    paragraf=s.paragraf,
                    omedelbar_justering=s.omedelbar_justering,
                    beslutstext=s.beslutstext,
                    nytt_sammantrade=s.nytt_sammantrade,
                ),
                utfall="bifall",
                paragraf=nasta,
                omedelbar_justering=arende.foreslagen_omedelbar_justering,
            )
            if Utfall(beslut.utfall) is not Utfall.BORDLAGGNING:
                break
            behandling += 1
        if Utfall(beslut.utfall) is not Utfall.ATERREMISS:
            break
        omgang += 1
        arende = _fortsatt(dnr)

    if Utfall(beslut.utfall) in (Utfall.BIFALL, Utfall.ANDRAT_BESLUT):
        starta_tavlingsbidrag(dnr, uppgifter)
    arende = _fortsatt(dnr)
    beslutet = arende.gallande_beslut
    assert beslutet is not None
    fraga(
        JusteringSvar,
        "justering",
        _rubrik(arende, "Registrera justeringen")
        + (
            f"§ {beslutet.paragraf} förklarades **omedelbart justerad** vid sammanträdet den "
            f"{beslutet.sammantrade}: justeringsdatumet är sammanträdets dag."
            if beslutet.omedelbar_justering
            else f"Ange när ordföranden och justerarna justerade protokollet med § {beslutet.paragraf}."
        ),
        lambda s, k: utfor(
            "registrera_justering",
            dnr,
            s.registreras_av,
            k,
            datum=s.datum,
            ordforande=s.ordforande,
            justerare=s.justerare,
        ),
        datum=beslutet.sammantrade,
    )
    arende = _fortsatt(dnr)
    assert arende.justering is not None
    fraga(
        AnslagSvar,
        "anslag",
        _rubrik(arende, "Registrera anslaget")
        + f"Protokollet justerades den {arende.justering.datum}. Anslaget ska sättas upp på "
        "anslagstavlan senast andra dagen efter justeringen.",
        lambda s, k: utfor("registrera_anslag", dnr, s.registreras_av, k, datum=s.datum),
        datum=arende.justering.datum,
    )
    arende = _fortsatt(dnr)
    fraga(
        ExpedieringSvar,
        "expediering",
        _rubrik(arende, "Bekräfta expedieringen")
        + "Skicka protokollsutdraget till mottagarna och bekräfta här"
        + (f"; det ska vara framme senast den {arende.sista_dag}." if arende.sista_dag else "."),
        lambda s, k: _expediera_och_avsluta(dnr, s, k),
        mottagare=["Stadsledningskontoret"],
        datum=date.today(),
    )
    arende = _fortsatt(dnr)
    print(f"{arende.dnr} {arende.titel}: {arende.skede}.")
    return str(arende.dnr)


@task(name="öppna tävlingsbidragen", cache_policy=NO_CACHE)
def starta_tavlingsbidrag(dnr: str, uppgifter: Nomineringsuppgifter) -> list[str]:
    """The nämnd has nominated: open each unit's tävlingsbidrag and start its run. The runs'
    idempotency keys make a replay find them instead of starting more."""
    logg = get_run_logger()
    if not fragor_finns(uppgifter.utmarkelsear):
        logg.warning(
            "Frågorna för kvalitetsutmärkelsen %s finns inte i %s: tävlingsbidragen öppnas inte.",
            uppgifter.utmarkelsear,
            Installningar().fragor_dir,
        )
        return []
    system = _system()
    tb.oppna_tavlingsbidrag(
        dnr,
        system.uow(),
        Kontext(tb.SYSTEMET, _korning(), "tavlingsbidrag-oppna"),
        fragekalla(),
        chefer={e.namn: e.chef for e in uppgifter.enheter if e.chef.strip()} or None,
    )
    frister.uppdatera_frister(dnr, system.uow(), system.kalender, flodeskorning=_korning())
    korningar = []
    for enhet in uppgifter.enheter:
        korning = run_deployment(
            TB_DEPLOYMENT,
            parameters={"dnr": dnr, "verksamhet": enhet.namn, "handlaggare": uppgifter.handlaggare},
            flow_run_name=f"{dnr} Tävlingsbidrag {enhet.namn}",
            tags=["tavlingsbidrag", f"dnr:{dnr}", f"nämnd:{uppgifter.namnd}"],
            idempotency_key=f"tavlingsbidrag-{dnr}-{enhet.namn}",
            timeout=0,
            as_subflow=False,
        )
        assert isinstance(korning, FlowRun)
        korningar.append(str(korning.id))
        logg.info("Tävlingsbidraget för %s: körning %s", enhet.namn, korning.id)
    return korningar


def _expediera_och_avsluta(dnr: str, svar: ExpedieringSvar, nyckel: str) -> None:
    """Expediering is the last step the nämnd's staff take; the ärende is then closed."""
    utfor("expediera", dnr, svar.registreras_av, nyckel, datum=svar.datum, mottagare=svar.mottagare)
    utfor("avsluta", dnr, svar.registreras_av, f"{nyckel}-avslut", datum=svar.datum)
