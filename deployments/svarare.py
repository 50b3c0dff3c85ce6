"""Answering a waiting flow run through Prefect's API, as a person does through the UI.

The demo and the flow tests use this. Each answer is first checked against the form's own
model, so a person (or script) with a missing field gets a Swedish message and the run is
not touched.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import httpx
from jsonschema import Draft7Validator
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import FlowRun
from prefect.client.schemas.responses import SetStateStatus
from prefect.deployments import run_deployment
from prefect.exceptions import ObjectNotFound, PrefectHTTPStatusError
from prefect.input.run_input import keyset_from_paused_state
from pydantic import BaseModel, ValidationError

from arende.adapters import intyg
from arende.config import Installningar
from arende.domain.inloggning import Inloggning
from flows.formular import INTYG, svenska_valideringsfel
from flows.vantan import INGEN_SVARADE, KALL


class FormularFel(ValueError):
    """An answer that the form would not accept; the message is Swedish."""


class KorningMisslyckades(RuntimeError):
    pass


def vanta_pa_deployment(deployment: str, tidsgrans: float = 120) -> None:
    """The runner registers its deployments when it starts; wait for that."""
    slut = time.monotonic() + tidsgrans
    with get_client(sync_client=True) as klient:
        while True:
            try:
                klient.read_deployment_by_name(deployment)
                return
            except ObjectNotFound:
                if time.monotonic() > slut:
                    raise TimeoutError(
                        f"Deploymenten {deployment} finns inte efter {tidsgrans} s"
                    ) from None
                time.sleep(0.5)


# The issuer the audit log names for an act answered here rather than through the gate:
# the demo and the tests, which hold the local gate's key, act in a person's name without
# her login, and the log says so.
UTAN_INLOGGNING = "deployments.svarare (ingen inloggning: demo och test)"


def intyg_for(som: str, **bunden_till: str) -> str:
    """The intyg the login gate would write for `som`'s act, signed with the local gate's
    key (ARENDE_INTYGSNYCKEL): only a process holding that key can do this."""
    nu = datetime.now(UTC)
    inloggning = Inloggning(
        namn=som, epost="", utfardare=UTAN_INLOGGNING, subjekt=som, inloggad=nu, intygad=nu
    )
    return intyg.utfarda(Installningar().intygsnyckel.read_bytes(), inloggning, bunden_till)


def starta(deployment: str, parametrar: dict[str, Any], som: str | None = None) -> UUID:
    """Start a run of the deployment, as `som` (a person in the register) if given; a run
    the system starts (expediering, tävlingsbidrag) names no one."""
    vanta_pa_deployment(deployment)
    with get_client(sync_client=True) as klient:
        lagrad = klient.read_deployment_by_name(deployment)
    kontrollera_startformular(lagrad.parameter_openapi_schema or {}, parametrar)
    if som is not None:
        parametrar = {**parametrar, INTYG: intyg_for(som, deployment=str(lagrad.id))}
    korning = run_deployment(deployment, parameters=parametrar, timeout=0)
    assert isinstance(korning, FlowRun)
    return korning.id


def kontrollera_startformular(schema: dict[str, Any], parametrar: dict[str, Any]) -> None:
    """Check the parameters against the deployment's form as Prefect's server will, but say
    what is wrong in Swedish, naming each field by its title in the form."""
    fel = sorted(
        Draft7Validator(schema).iter_errors(parametrar),
        key=lambda e: [str(d) for d in e.absolute_path],
    )
    if not fel:
        return
    delar = []
    for e in fel:
        namn = str(e.schema.get("title") or ".".join(map(str, e.absolute_path)) or "formuläret")
        if e.validator == "enum":
            val = ", ".join(map(str, e.validator_value))
            delar.append(f"'{namn}': '{e.instance}' finns inte bland valen ({val})")
        elif e.validator == "required":
            delar.append(f"{e.message.split(' ')[0]} saknas")
        else:
            delar.append(f"'{namn}' har fel värde ({e.instance!r})")
    raise FormularFel("Startformuläret kunde inte tas emot: " + "; ".join(delar) + ".")


def las(korning_id: UUID) -> FlowRun:
    with get_client(sync_client=True) as klient:
        return klient.read_flow_run(korning_id)


def vanta_pa_formular(
    korning_id: UUID, tidsgrans: float = 180, intervall: float = 0.5
) -> str | None:
    """Wait until the run asks for input (returns the form's key) or completes (None),
    asking Prefect's server every `intervall` seconds."""
    slut = time.monotonic() + tidsgrans
    while time.monotonic() < slut:
        korning = las(korning_id)
        tillstand = korning.state
        if tillstand is not None:
            if tillstand.is_paused() and _formularet_visas(korning_id, tillstand):
                # The form's key, whether the run waits warm or suspended (flows/vantan.py).
                return str(tillstand.state_details.pause_key).removesuffix(KALL)
            if tillstand.is_completed():
                return None
            if tillstand.is_final():
                raise KorningMisslyckades(
                    f"Körningen {korning.name} slutade {tillstand.name}: {tillstand.message}"
                )
        time.sleep(intervall)
    raise TimeoutError(f"Körningen {korning_id} väntade inte på något formulär inom {tidsgrans} s")


def _formularet_visas(korning_id: UUID, tillstand: Any) -> bool:
    """Prefect's suspend_flow_run sets the run Paused first and stores the form's schema
    after: in between, the UI shows no form and the server REJECTs an answer ("Run input
    schema not found"). A form is there once its schema is."""
    nycklar = tillstand.state_details.run_input_keyset
    if not nycklar:
        return True
    with get_client(sync_client=True) as klient:
        try:
            klient.read_flow_run_input(korning_id, nycklar["schema"])
        except (ObjectNotFound, PrefectHTTPStatusError) as fel:
            # Prefect's client raises its HTTP error, not ObjectNotFound, for a missing input.
            if isinstance(fel, PrefectHTTPStatusError) and fel.response.status_code != 404:
                raise
            return False
    return True


def formularets_beskrivning(korning_id: UUID) -> str:
    korning = las(korning_id)
    assert korning.state is not None
    nyckel = keyset_from_paused_state(korning.state)["description"]
    with get_client(sync_client=True) as klient:
        return str(klient.read_flow_run_input(korning_id, nyckel))


REDAN_BESVARAT = (
    "Formuläret har redan besvarats (av någon annan, eller två gånger): ditt svar användes "
    "inte. Öppna körningen igen och se vad den väntar på nu."
)


def svara(korning_id: UUID, modell: type[BaseModel], svar: dict[str, Any], som: str) -> None:
    """Answer the waiting form as `som`, or say in Swedish why the answer was not taken.

    Prefect's own resume_flow_run raises only on REJECT: when two people answer at once,
    the server ABORTs the second ("not paused") or refuses it with 409, and the second
    person would be told nothing or told it in English."""
    try:
        varde = modell.model_validate(svar)
    except ValidationError as fel:
        raise FormularFel(svenska_valideringsfel(modell, fel)) from None
    slut = time.monotonic() + 60
    besvaras: str | None = None  # the form being answered, warm or cold
    with get_client(sync_client=True) as klient:
        while True:
            korning = klient.read_flow_run(korning_id)
            if _gar_till_vilande(korning) and time.monotonic() < slut:
                # Answered as the warm wait ended: the same form comes back suspended.
                time.sleep(0.2)
                continue
            if korning.state is None or not korning.state.is_paused():
                raise FormularFel(REDAN_BESVARAT)
            formular = str(korning.state.state_details.pause_key)
            if besvaras is None:
                besvaras = formular.removesuffix(KALL)
            elif formular.removesuffix(KALL) != besvaras:
                raise FormularFel(REDAN_BESVARAT)
            run_input = varde.model_dump(mode="json") | {
                INTYG: intyg_for(som, korning=str(korning_id), formular=formular)
            }
            try:
                utfall = klient.resume_flow_run(korning_id, run_input=run_input)
            except httpx.HTTPStatusError as fel:
                if fel.response.status_code == 409:
                    raise FormularFel(REDAN_BESVARAT) from None
                raise
            if utfall.status is SetStateStatus.ACCEPT:
                return
            skal = str(getattr(utfall.details, "reason", "") or "")
            ej_klart = utfall.status is SetStateStatus.REJECT and "schema not found" in skal
            if ej_klart and time.monotonic() < slut:
                # Answered in the instant between Paused and the form's schema being
                # stored (see _formularet_visas): the form is about to be there.
                time.sleep(0.5)
                continue
            if utfall.status is SetStateStatus.REJECT:
                raise FormularFel(f"Prefect tog inte emot svaret: {skal}")
            if _gar_till_vilande(klient.read_flow_run(korning_id)):
                continue
            raise FormularFel(REDAN_BESVARAT)


def _gar_till_vilande(korning: FlowRun) -> bool:
    """Whether the run just left its warm wait unanswered and is about to suspend with the
    same form (flows/vantan.py); an answer then waits for the form to be back."""
    tillstand = korning.state
    return (
        tillstand is not None
        and tillstand.is_running()
        and (tillstand.message or "").startswith(INGEN_SVARADE)
    )
