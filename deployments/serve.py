"""Serve the deployments to a Prefect server (PREFECT_API_URL) until Ctrl-C.

`make up` runs this beside `prefect server start`. A served deployment runs each flow run in
a subprocess of this process; a resumed run is picked up at the next poll, so the poll
interval is kept short (PREFECT_RUNNER_POLL_FREQUENCY, set by the Makefile) for people who
wait for the next form.
"""

from __future__ import annotations

from typing import Any

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.flows import Flow

from arende.bootstrap import ladda_grunddata, starta
from arende.domain.arendetyp import Arendetyp
from arende.service_layer.valbara import Valbara, valbara
from flows.aldre_handlingar import aldre_handling
from flows.arendeflode import arendeflode
from flows.expediering import expediering
from flows.formular import INTYG, Arendeuppgifter
from flows.gallring import GALLRING_BESKRIVNING, gallring
from flows.mina_arenden import mina_arenden
from flows.paminnelse import PAMINNELSE_BESKRIVNING, paminnelse
from flows.registrator import registrator
from flows.sammantrade import sammantrade
from flows.tavlingsbidrag import tavlingsbidrag
from flows.typformular import startmodell
from flows.utlamnande import utlamnande

TAVLINGSBIDRAG_BESKRIVNING = (
    "Startas av nomineringen, en körning per nominerad verksamhet, när nämnden har beslutat. "
    "Importera verksamhetsplanen (fråga 18 fylls i från den), skriv svaren på årets frågor, "
    "låt enhetens chef godkänna och registrera inlämningen till Stadsledningskontoret före "
    "sista dag; bidraget registreras som handling med kvitto."
)

MINA_ARENDEN_BESKRIVNING = (
    "Din arbetslista: kör den (du är den du är inloggad som). Under fliken Artifacts visas ärendena där nästa "
    "steg är ditt (som handläggare dina egna ärenden; som chef eller nämndsekreterare "
    "nämndens), sedan när de väntar och senaste dag för steget, det mest brådskande först."
)

REGISTRATOR_BESKRIVNING = (
    "Registratorns vy: diariet som tabell (fliken Artifacts) och, om ett diarienummer anges, "
    "ärendets historik som text: granskningsloggens händelser och Prefects körningar i "
    "tidsordning. Läser bara; ändrar ingenting."
)
ALDRE_HANDLING_BESKRIVNING = (
    "Äldre handlingar in: lägg filen (Word, PDF med text eller skannad, txt) i importmappen "
    "(var/import) och ange dess namn. Körningen visar vad som lästes och vad som saknas i ett "
    "formulär; det du bekräftar registreras som ett avslutat ärende med filen som handling."
)


def med_startformular(
    deployment: RunnerDeployment, typ: Arendetyp, val: Valbara
) -> RunnerDeployment:
    """The type's start form as the deployment's parameter schema: the fields every ärende
    has, then the type's own, with the kommun's nämnder, handläggare, years and classes as
    drop-downs. The type itself is fixed: one deployment per type."""
    modell = startmodell(typ, Arendeuppgifter)
    schema = modell.model_json_schema(ref_template="#/definitions/{model}")
    definitioner = schema.pop("$defs", {})
    definitioner[modell.__name__] = schema
    egenskaper = schema["properties"]
    if val.namnder:
        egenskaper["namnd"]["enum"] = val.namnder
    if "utmarkelsear" in egenskaper and val.utmarkelsear:
        egenskaper["utmarkelsear"]["enum"] = val.utmarkelsear
    for definition in definitioner.values():
        if "klass" in definition.get("properties", {}) and val.klasser:
            definition["properties"]["klass"]["enum"] = val.klasser
    parametrar = deployment._parameter_openapi_schema
    parametrar.properties["arendetyp_namn"] = {
        "type": "string",
        "title": "Ärendetyp",
        "enum": [typ.namn],
        "default": typ.namn,
        "position": 0,
    }
    parametrar.properties["uppgifter"] = {
        "title": "Uppgifter",
        "allOf": [{"$ref": f"#/definitions/{modell.__name__}"}],
        "position": 1,
    }
    parametrar.definitions = {**(parametrar.definitions or {}), **definitioner}
    # Not `uppgifter`: after a återremiss the sammanträde starts this deployment with only
    # `dnr` (the ärende is registered), and the server would refuse that run. A start
    # without uppgifter is refused by the flow itself, in Swedish ('Sammanträde' saknas).
    parametrar.required = ["arendetyp_namn"]
    return deployment


def typdeployments(
    val: Valbara, flode: Flow[..., Any] = arendeflode, **fler: Any
) -> list[RunnerDeployment]:
    """One deployment per ärendetyp (deployments/arendetyper/*.toml), all running the same
    flow: a new type needs a file, not code."""
    resultat = []
    for typ in starta().typer.values():
        deployment: RunnerDeployment = flode.to_deployment(  # type: ignore[assignment]
            name=typ.namn,
            description=f"{typ.rubrik}. {typ.beskrivning} Startformuläret registrerar ärendet; "
            "körningen väntar sedan på varje steg i beredningen. Nämnden beslutar på "
            "sammanträdet (deploymenten sammantrade).",
            tags=["ärende", typ.namn],
            parameters={"arendetyp_namn": typ.namn},
            **fler,
        )
        resultat.append(med_startformular(deployment, typ, val))
    return resultat


SAMMANTRADE_BESKRIVNING = (
    "Nämndsekreterarens körning för ett sammanträde: kallelse med dagordning (ärendena som är "
    "redo och de som bordlagts till sammanträdet), närvaro och justerare, nämndens beslut i "
    "varje ärende som paragraf med yrkanden och omröstning, protokollet, justeringen med "
    "ordförandens och justerarnas signaturer och anslaget. Besluten lämnas sedan över till "
    "expediering."
)

EXPEDIERING_BESKRIVNING = (
    "Startas av sammanträdet när justeringen är anslagen, en körning per beslutat ärende: "
    "bekräfta att protokollsutdraget har skickats; ärendet avslutas."
)


SAMMANTRADETS_FALT = {
    "namnd": "Nämnd",
    "datum": "Sammanträdets dag",
    "kallelsedatum": "Kallelsen skickades (bara vid efterregistrering)",
    "protokolldatum": "Protokollet upprättades (bara vid efterregistrering)",
}


def med_sammantradesval(deployment: RunnerDeployment, val: Valbara) -> RunnerDeployment:
    """The sammanträde's start form in Swedish (the UI labels a top-level parameter with its
    bare name unless the schema gives a title) with the nämnder and persons as choices."""
    egenskaper = deployment._parameter_openapi_schema.properties
    for falt, rubrik in SAMMANTRADETS_FALT.items():
        egenskaper[falt]["title"] = rubrik
    if val.namnder:
        egenskaper["namnd"]["enum"] = val.namnder
    return deployment


UTLAMNANDE_BESKRIVNING = (
    "En begäran om att ta del av allmänna handlingar: ange ärendet, de begärda handlingarnas "
    "nummer och när begäran kom in; sökanden får vara anonym. Körningen registrerar begäran och "
    "väntar på handläggarens prövning, handling för handling: lämnas ut, lämnas ut med "
    "maskering eller avslås med bestämmelsen i OSL. Maskerade kopior och ett skriftligt beslut "
    "med besvärshänvisning upprättas; en obesvarad begäran påminns samma dag."
)

UTLAMNANDETS_FALT = {
    "dnr": "Ärende (diarienummer)",
    "handlingar": "Begärda handlingar (nummer)",
    "sokande": "Sökande (valfritt: får vara anonym)",
    "kontakt": "Kontaktuppgift (valfritt)",
    "mottagen": "Begäran kom in (tomt: nu)",
    "beskrivning": "Vad som begärs (valfritt)",
    "kopia": "Sökanden vill ha en kopia",
}


def med_utlamnandets_rubriker(deployment: RunnerDeployment) -> RunnerDeployment:
    """The request's start form in Swedish (the UI labels a top-level parameter with its
    bare name unless the schema gives a title)."""
    egenskaper = deployment._parameter_openapi_schema.properties
    for falt, rubrik in UTLAMNANDETS_FALT.items():
        egenskaper[falt]["title"] = rubrik
    return deployment


def med_namndval(deployment: RunnerDeployment, val: Valbara) -> RunnerDeployment:
    """The nämnd as a titled drop-down of the nämnder in grunddata, and the proposal's
    number with a Swedish title (the gallring's start)."""
    egenskaper = deployment._parameter_openapi_schema.properties
    egenskaper["namnd"]["title"] = "Nämnd"
    if val.namnder:
        egenskaper["namnd"]["enum"] = val.namnder
    if "forslag" in egenskaper:
        egenskaper["forslag"]["title"] = "Gallringsförslag att besluta om (0: gör ett nytt)"
    return deployment


def utan_intyg(deployment: RunnerDeployment) -> RunnerDeployment:
    """The start form without the `intyg` parameter: the login gate fills it in for the
    signed-in person who starts the run (the server accepts parameters beyond the form)."""
    deployment._parameter_openapi_schema.properties.pop(INTYG, None)
    return deployment


def deployments() -> list[RunnerDeployment]:
    return [utan_intyg(d) for d in _deployments()]


def _deployments() -> list[RunnerDeployment]:
    val = valbara(starta().uow())
    # to_deployment dispatches on sync/async context; called here it returns the object.
    return [
        mina_arenden.to_deployment(  # type: ignore[list-item]
            name="mina-arenden",
            description=MINA_ARENDEN_BESKRIVNING,
            tags=["arbetslista"],
        ),
        registrator.to_deployment(  # type: ignore[list-item]
            name="registrator",
            description=REGISTRATOR_BESKRIVNING,
            tags=["registrator"],
        ),
        aldre_handling.to_deployment(  # type: ignore[list-item]
            name="aldre-handling",
            description=ALDRE_HANDLING_BESKRIVNING,
            tags=["registrator"],
        ),
        paminnelse.to_deployment(  # type: ignore[list-item]
            name="paminnelse",
            description=PAMINNELSE_BESKRIVNING,
            tags=["påminnelse"],
        ),
        tavlingsbidrag.to_deployment(  # type: ignore[list-item]
            name="tavlingsbidrag",
            description=TAVLINGSBIDRAG_BESKRIVNING,
            tags=["tavlingsbidrag"],
        ),
        med_sammantradesval(
            sammantrade.to_deployment(  # type: ignore[arg-type]
                name="sammantrade",
                description=SAMMANTRADE_BESKRIVNING,
                tags=["sammanträde"],
            ),
            val,
        ),
        expediering.to_deployment(  # type: ignore[list-item]
            name="expediering",
            description=EXPEDIERING_BESKRIVNING,
            tags=["expediering"],
        ),
        med_utlamnandets_rubriker(
            utlamnande.to_deployment(  # type: ignore[arg-type]
                name="utlamnande",
                description=UTLAMNANDE_BESKRIVNING,
                tags=["utlämnande"],
            )
        ),
        med_namndval(
            gallring.to_deployment(  # type: ignore[arg-type]
                name="gallring", description=GALLRING_BESKRIVNING, tags=["gallring"]
            ),
            val,
        ),
        *typdeployments(val),
    ]


def main() -> None:
    system = starta()  # the schema is ready before the first run starts
    ladda_grunddata(system)
    system.plan  # noqa: B018 (a plan that leaves a type unclassified stops the start)
    serve(*deployments(), limit=20)


if __name__ == "__main__":
    main()
