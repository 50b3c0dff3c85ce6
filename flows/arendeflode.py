"""Any ärendetyp as a Prefect flow: registration and beredning as its definition says.

One flow runs every type (deployments/arendetyper/*.toml); each type is its own deployment,
whose start form is built from the definition. The run registers the ärende, asks the
type's beredning form if it has one, then samverkan and the chef's fastställande if the
type passes those stages, and ends when the ärende is ready for the dagordning: from there
the sammanträde (flows/sammantrade.py) decides it with the nämnd's other ärenden, and the
expediering run finishes it. After a återremiss the sammanträde starts this flow again for
the same dnr, for the next round of beredning.

As in every flow here, control depends only on the answers the run replays (and on the
definition and round number read at the start, which no answer changes), so a resumed or
restarted run takes every step once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from prefect import flow, get_run_logger, runtime
from prefect.artifacts import create_markdown_artifact
from pydantic import BaseModel, ValidationError

from arende.domain.arende import Arende
from arende.domain.arendetyp import Arendetyp, Formular
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.domain.handelser import ArendeRegistrerat, Handelse
from arende.domain.handling import Handlingstyp
from arende.domain.inloggning import Inloggning
from arende.domain.skeden import Skede
from arende.service_layer import handlingar, visningar
from arende.service_layer.kommandon import (
    Arendekommando,
    FaststallForslag,
    PaborjaBeredning,
    RegistreraArende,
    RegistreraSamverkan,
    SkrivUppgifter,
)
from flows.arendesteg import fortsatt, korning, rubrik, system, utfor
from flows.formular import (
    Arendeuppgifter,
    FaststallSvar,
    SamverkanSvar,
    UnderlagSvar,
    svenska_valideringsfel,
)
from flows.fraga import Akt, Avisering, behoriga, fraga, inloggad, personen
from flows.handlingar import publicera_vantande, redan_visad
from flows.tavlingsbidrag import slug
from flows.typformular import stegmodell, typens_svar

FLODE = "arende"


def arendetyp(namn: str) -> Arendetyp:
    typer = system().typer
    if namn not in typer:
        raise OgiltigUppgift(
            f"Okänd ärendetyp '{namn}'. Kända ärendetyper: {', '.join(sorted(typer))}."
        )
    return typer[namn]


def registrera(
    typnamn: str, uppgifter: dict[str, Any], intyg: str
) -> tuple[Diarienummer, Inloggning]:
    """Register the ärende from the start form, in the name of the signed-in person who
    started the run: she is its handläggare. The run's id is the registration's key: a
    replay finds the ärende registered."""
    typ = arendetyp(typnamn)
    inloggning = inloggad(intyg, deployment=str(runtime.deployment.id))
    standard = {k: uppgifter.get(k) for k in Arendeuppgifter.model_fields if k in uppgifter}
    try:
        grund = Arendeuppgifter.model_validate(standard)
    except ValidationError as fel:
        raise OgiltigUppgift(svenska_valideringsfel(Arendeuppgifter, fel)) from None
    handelser = utfor(
        RegistreraArende(
            aktor=inloggning.namn,
            inloggning=inloggning,
            nyckel=visningar.korningsnyckel(korning()),
            typ=typ.namn,
            namnd=grund.namnd,
            handlaggare=inloggning.namn,
            planerat_sammantrade=grund.sammantrade,
            uppgifter={k: v for k, v in uppgifter.items() if k not in Arendeuppgifter.model_fields},
            registreringsdatum=grund.registreringsdatum,
        )
    )
    return next(h.dnr for h in handelser if isinstance(h, ArendeRegistrerat)), inloggning


def _med_typens_svar(
    typ: Arendetyp, skede: Skede, svar: BaseModel, akt: Akt, steget: Arendekommando
) -> list[Handelse]:
    """The step, with the type's own fields of its form kept with the ärende first."""
    egna = typens_svar(typ.formular.get(skede), svar)
    if egna:
        utfor(
            replace(
                akt.kommando(SkrivUppgifter, dnr=steget.dnr, skede=skede, svar=egna),
                nyckel=f"{akt.nyckel}-uppgifter",
            )
        )
    return utfor(steget)


def _utkast(dnr: str, omgang: int) -> str:
    """The tjänsteutlåtande as it would be fastställt, shown once on the run and in the form."""
    arendesystem = system()
    docx = handlingar.forhandsgranska(
        arendesystem.uow(), arendesystem.dokument, dnr, Handlingstyp.TJANSTEUTLATANDE
    )
    text = arendesystem.dokument.mallar.som_markdown(docx)
    nyckel = f"utkast-{slug(dnr)}-{omgang}"
    if not redan_visad(nyckel):
        create_markdown_artifact(key=nyckel, markdown=text, description=f"Utkast, {dnr}")
    return text


@flow(name=FLODE, log_prints=True)
def arendeflode(
    arendetyp_namn: str,
    uppgifter: dict[str, Any] | None = None,
    dnr: str | None = None,
    intyg: str = "",
) -> str:
    """Registrera ett ärende och bered det fram till nämndens sammanträde.

    Args:
        arendetyp_namn: Ärendetypen (bestäms av deploymenten).
        uppgifter: Startformulärets uppgifter: nämnd, sammanträde och typens egna fält.
        dnr: Bara när ett återremitterat ärende bereds på nytt: ärendets diarienummer.
        intyg: Inloggningens intyg om vem som startade körningen (fylls i av inloggningen).
    """
    typ = arendetyp(arendetyp_namn)
    # The one who started the run registers the ärende (a återremiss starts it with dnr).
    d, start = (
        registrera(typ.namn, uppgifter or {}, intyg)
        if dnr is None
        else (Diarienummer.tolka(dnr), None)
    )
    dnr = str(d)
    arende = fortsatt(dnr)
    omgang, handlaggare = arende.omgang, arende.handlaggare
    skeden = typ.livscykel.skeden
    if Skede.UNDER_BEREDNING in skeden and omgang == 1:
        # The registration's next step, in the same run: by the handläggare who started it.
        utfor(PaborjaBeredning(aktor=handlaggare, inloggning=start, nyckel="beredning", dnr=d))
        arende = fortsatt(dnr)

    underlag = typ.formular.get(Skede.UNDER_BEREDNING)
    if underlag is not None:
        modell = stegmodell(underlag, UnderlagSvar, f"Underlag_{typ.namn}")
        fraga(
            modell,
            f"underlag-{omgang}",
            rubrik(arende, underlag.rubrik)
            + "Det du skriver här blir tjänsteutlåtandet; chefen läser det innan förslaget "
            "fastställs.",
            lambda s, akt: utfor(
                akt.kommando(
                    SkrivUppgifter,
                    dnr=d,
                    skede=Skede.UNDER_BEREDNING,
                    svar=typens_svar(underlag, s),
                )
            ),
            avisering=Avisering(f"Skriv underlaget i {dnr}", personen(handlaggare, arende.namnd)),
            **_tidigare(arende, underlag),
        )
        arende = fortsatt(dnr)

    if Skede.SAMVERKAT in skeden:
        modell = stegmodell(
            typ.formular.get(Skede.SAMVERKAT), SamverkanSvar, f"Samverkan_{typ.namn}"
        )
        fraga(
            modell,
            f"samverkan-{omgang}",
            rubrik(arende, "Registrera samverkan i förvaltningsgruppen")
            + "Ange dagen då ärendet samverkades med de fackliga organisationerna.",
            lambda s, akt: _med_typens_svar(
                typ,
                Skede.SAMVERKAT,
                s,
                akt,
                akt.kommando(RegistreraSamverkan, dnr=d, datum=s.datum, anteckning=s.anteckning),
            ),
            avisering=Avisering(
                f"Registrera samverkan i {dnr}", personen(handlaggare, arende.namnd)
            ),
            datum=date.today(),
            anteckning="Samverkat utan erinran",
        )
        arende = fortsatt(dnr)

    if Skede.FORSLAG_FASTSTALLT in skeden:
        utkast = _utkast(dnr, omgang) if Skede.FORSLAG_FASTSTALLT in typ.dokument else ""
        modell = stegmodell(
            typ.formular.get(Skede.FORSLAG_FASTSTALLT), FaststallSvar, f"Faststall_{typ.namn}"
        )
        fraga(
            modell,
            f"faststall-{omgang}",
            rubrik(arende, "Godkänn tjänsteutlåtandet och fastställ förslaget till beslut")
            + "När du fastställer förslaget undertecknas tjänsteutlåtandet och ärendet kan "
            f"tas upp på sammanträdet den {arende.planerat_sammantrade.isoformat()}."
            + (f"\n\n---\n\n{utkast}" if utkast else ""),
            lambda s, akt: _med_typens_svar(
                typ,
                Skede.FORSLAG_FASTSTALLT,
                s,
                akt,
                akt.kommando(
                    FaststallForslag,
                    dnr=d,
                    datum=s.datum,
                    undertecknare=[akt.aktor, s.avdelningschef],
                ),
            ),
            avisering=Avisering(
                f"Fastställ förslaget till beslut i {dnr}",
                behoriga(arende.namnd, FaststallForslag),
            ),
            datum=date.today(),
        )
        arende = fortsatt(dnr)

    get_run_logger().info(
        "%s %s: %s; nämnden behandlar ärendet på sammanträdet den %s.",
        arende.dnr,
        arende.titel,
        arende.skede,
        arende.planerat_sammantrade,
    )
    publicera_vantande()
    return str(arende.dnr)


def _tidigare(arende: Arende, formular: Formular) -> dict[str, Any]:
    """What was written in this form before (a återremiss asks it again), as defaults: only
    the form's own fields, not what the type's rules kept beside them (a read plan)."""
    falt = {f.namn for f in formular.falt}
    skrivet = arende.uppgifter.get(formular.skede.value, {})
    return {k: v for k, v in skrivet.items() if k in falt and v not in (None, [])}
