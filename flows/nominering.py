"""The nomination ärende as a Prefect flow: thin steps over arende's service layer.

A step that waits for a person suspends the run (no process is held for weeks). When the
person answers, Prefect starts the flow again from the top: every earlier `suspend_flow_run`
returns its saved answer at once, and every earlier step is a no-op because the service layer
remembers each step's key. So the keys must be the same on every replay: they are built only
from the answers themselves (round of beredning, number of the hearing, attempt).
"""

from __future__ import annotations

from datetime import date

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment

from arende.config import Installningar
from arende.domain.arende import Nominering
from arende.domain.fel import HittasInte
from arende.domain.skeden import Utfall
from arende.service_layer import frister, handlers, underlag, visningar
from arende.service_layer import tavlingsbidrag as tb
from arende.service_layer.handlers import Kontext
from flows.arendesteg import fortsatt, rubrik, utfor
from flows.arendesteg import korning as _korning
from flows.arendesteg import system as _system
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
from flows.handlingar import redan_visad
from flows.tavlingsbidrag import DEPLOYMENT as TB_DEPLOYMENT
from flows.tavlingsbidrag import fragekalla, fragor_finns, slug


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
    arende = fortsatt(dnr)
    handlaggare = arende.handlaggare
    utfor("paborja_beredning", dnr, handlaggare, "beredning")
    arende = fortsatt(dnr)

    omgang = 1
    while True:  # one round per beredning; a återremiss starts the next
        fraga(
            SamverkanSvar,
            f"samverkan-{omgang}",
            rubrik(arende, "Registrera samverkan i förvaltningsgruppen")
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
        arende = fortsatt(dnr)
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
            rubrik(arende, "Godkänn tjänsteutlåtandet och fastställ förslaget till beslut")
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
        arende = fortsatt(dnr)
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
            arende = fortsatt(dnr)
            mote = arende.sammantrade or arende.planerat_sammantrade
            nasta = visningar.nasta_paragraf(system.uow(), arende.namnd, mote.year)
            beslut = fraga(
                BeslutSvar,
                f"beslut-{omgang}-{behandling}",
                rubrik(arende, f"Registrera nämndens beslut, sammanträdet {mote}")
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
        arende = fortsatt(dnr)

    if Utfall(beslut.utfall) in (Utfall.BIFALL, Utfall.ANDRAT_BESLUT):
        starta_tavlingsbidrag(dnr, uppgifter)
    arende = fortsatt(dnr)
    beslutet = arende.gallande_beslut
    assert beslutet is not None
    fraga(
        JusteringSvar,
        "justering",
        rubrik(arende, "Registrera justeringen")
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
    arende = fortsatt(dnr)
    assert arende.justering is not None
    fraga(
        AnslagSvar,
        "anslag",
        rubrik(arende, "Registrera anslaget")
        + f"Protokollet justerades den {arende.justering.datum}. Anslaget ska sättas upp på "
        "anslagstavlan senast andra dagen efter justeringen.",
        lambda s, k: utfor("registrera_anslag", dnr, s.registreras_av, k, datum=s.datum),
        datum=arende.justering.datum,
    )
    arende = fortsatt(dnr)
    fraga(
        ExpedieringSvar,
        "expediering",
        rubrik(arende, "Bekräfta expedieringen")
        + "Skicka protokollsutdraget till mottagarna och bekräfta här"
        + (f"; det ska vara framme senast den {arende.sista_dag}." if arende.sista_dag else "."),
        lambda s, k: _expediera_och_avsluta(dnr, s, k),
        mottagare=["Stadsledningskontoret"],
        datum=date.today(),
    )
    arende = fortsatt(dnr)
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
    return starta_bidragskorningar(
        dnr, uppgifter.namnd, uppgifter.handlaggare, [e.namn for e in uppgifter.enheter]
    )


def starta_bidragskorningar(
    dnr: str, namnd: str, handlaggare: str, verksamheter: list[str]
) -> list[str]:
    """One tävlingsbidrag run per nominated unit; the idempotency keys make a replay find
    the runs already started instead of starting more."""
    logg = get_run_logger()
    korningar = []
    for verksamhet in verksamheter:
        korning = run_deployment(
            TB_DEPLOYMENT,
            parameters={"dnr": dnr, "verksamhet": verksamhet, "handlaggare": handlaggare},
            flow_run_name=f"{dnr} Tävlingsbidrag {verksamhet}",
            tags=["tavlingsbidrag", f"dnr:{dnr}", f"nämnd:{namnd}"],
            idempotency_key=f"tavlingsbidrag-{dnr}-{verksamhet}",
            timeout=0,
            as_subflow=False,
        )
        assert isinstance(korning, FlowRun)
        korningar.append(str(korning.id))
        logg.info("Tävlingsbidraget för %s: körning %s", verksamhet, korning.id)
    return korningar


def _expediera_och_avsluta(dnr: str, svar: ExpedieringSvar, nyckel: str) -> None:
    """Expediering is the last step the nämnd's staff take; the ärende is then closed."""
    utfor("expediera", dnr, svar.registreras_av, nyckel, datum=svar.datum, mottagare=svar.mottagare)
    utfor("avsluta", dnr, svar.registreras_av, f"{nyckel}-avslut", datum=svar.datum)
