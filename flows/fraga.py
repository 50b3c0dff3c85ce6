"""Asking a person through a suspended run, in a form, until the answer is accepted.

Every answer carries the login gate's intyg (arende.entrypoints.grind): who answered, as the
kommun's login vouched for it. The person who acts is that login's person, never a name
typed into the form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar
from urllib.parse import quote
from uuid import UUID

from prefect import get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import StateType
from pydantic import create_model
from pydantic.fields import FieldInfo

from arende.config import Installningar
from arende.domain.fel import ArendeFel
from arende.domain.inloggning import Inloggning
from arende.domain.omstart import ATERSTARTAS
from arende.service_layer.avisering import avisera
from arende.service_layer.inloggade import Registrerad, kan_svara, med_namn
from arende.service_layer.kommandon import Kommando
from flows.arendesteg import korning, system
from flows.formular import Formularsvar
from flows.handlingar import publicera_vantande, redan_visad
from flows.vantan import vanta_pa_svar

S = TypeVar("S", bound=Formularsvar)
K = TypeVar("K", bound=Kommando)


@dataclass(frozen=True)
class Akt:
    """One accepted answer: the form's step key and the login that answered it."""

    nyckel: str
    inloggning: Inloggning

    @property
    def aktor(self) -> str:
        return self.inloggning.namn

    def kommando(self, typ: type[K], **data: Any) -> K:
        """The command this answer gives, in the name of the person who answered."""
        return typ(aktor=self.aktor, inloggning=self.inloggning, nyckel=self.nyckel, **data)


@dataclass(frozen=True)
class Avisering:
    """Who is told by e-mail that the form waits for them (by role and nämnd, or by name),
    and what waits, in a few words."""

    vad: str
    till: Sequence[Registrerad]


def behoriga(namnd: str, kommando: type[Kommando]) -> list[Registrerad]:
    """Those of the nämnd whose role may take the command's step."""
    return kan_svara(system().uow(), namnd, kommando.roller or frozenset())


def personen(namn: str, namnd: str) -> list[Registrerad]:
    """The person (or the nämnd's ledamot) of this name."""
    return med_namn(system().uow(), namn, namnd)


def formularlank(ny_inloggning: bool = False) -> str:
    """This run's page in the UI, where its form is; through a fresh login if asked."""
    bas = Installningar().grind_url.rstrip("/")
    sida = f"/runs/flow-run/{korning()}"
    return f"{bas}/logga-in?ny=1&till={quote(sida)}" if ny_inloggning else bas + sida


def _avisera(nyckel: str, avisering: Avisering) -> None:
    """Once per form (a replay finds it told): the e-mail, and on the run who got it."""
    artefakt = f"avisering-{nyckel}"
    if redan_visad(artefakt):
        return
    till = avisera(system().brevlada, avisering.till, avisering.vad, formularlank())
    create_markdown_artifact(
        key=artefakt,
        markdown=f"**{avisering.vad}**\n\nAviserade med e-post: "
        + (
            ", ".join(till) if till else "ingen (ingen e-postadress, eller e-posten gick inte fram)"
        ),
        description=f"Avisering: {avisering.vad}",
    )


def inloggad(intyg: str, **bunden_till: str) -> Inloggning:
    """The verified login behind an intyg bound to this act (or a Swedish refusal)."""
    return system().kontrollera_intyg(intyg, bunden_till)


def fraga(
    modell: type[S],
    nyckel: str,
    beskrivning: str,
    utfor_svar: Callable[[S, Akt], object],
    avisering: Avisering | None = None,
    **forval: Any,
) -> S:
    """Ask a person through a waiting run (flows/vantan.py); a refused answer is shown in the next form
    with its Swedish reason, and the run waits again instead of failing. The answer counts
    only with the gate's intyg for this run and this form."""
    logg = get_run_logger()
    if avisering is not None:
        _avisera(nyckel, avisering)
    forsok, fel = 1, ""
    omstart = omstartsnotis(korning())
    while True:
        text = (
            beskrivning
            if not fel
            else f"> **Förra svaret kunde inte tas emot:** {fel}\n\n{beskrivning}"
        )
        if omstart:
            text = f"> **Obs:** {omstart}\n\n{text}"
        steg_nyckel = f"{nyckel}-{forsok}"
        besvarat = vanta_pa_svar(
            med_forval(modell, text, **forval), steg_nyckel, medan=publicera_vantande
        )
        svar = besvarat.varde
        try:
            # The intyg is bound to the pause key the answer came under (warm or cold);
            # the step's key stays the form's, so a replay finds the step taken.
            inloggning = inloggad(svar.intyg, korning=korning(), formular=besvarat.nyckel)
            utfor_svar(svar, Akt(steg_nyckel, inloggning))
            return svar
        except ArendeFel as avvisning:
            fel = avvisning.meddelande
            logg.warning("Svaret avvisades: %s", fel)
            forsok += 1
            # The next form starts from what the person wrote, so only the fault is fixed.
            forval = {**forval, **svar.model_dump(mode="json", exclude={"intyg"})}


@cache
def omstartsnotis(korning_id: str) -> str:
    """What the crash watch said when it started this attempt of the run (its Scheduled
    state's message), for the forms this process shows; empty for any other start. Read
    once per process: an attempt's start does not change."""
    with get_client(sync_client=True) as klient:
        tillstand = klient.read_flow_run_states(UUID(korning_id))
    schemalagda = sorted(
        (t for t in tillstand if t.type == StateType.SCHEDULED), key=lambda t: t.timestamp
    )
    if schemalagda and schemalagda[-1].name == ATERSTARTAS:
        return schemalagda[-1].message or ""
    return ""


def med_forval(modell: type[S], beskrivning: str, **forval: Any) -> type[S]:
    """The form with these defaults. Prefect's own `with_initial_data` rebuilds each field
    from its bare type, and the UI then loses the Swedish title and help text and shows
    the field as optional: keep each field's own definition, only with a new default."""
    falt: dict[str, Any] = {}
    for namn, varde in forval.items():
        original = modell.model_fields[namn]
        ny_info = FieldInfo.merge_field_infos(original)
        # A list field's default is a factory; a default of its own replaces it.
        ny_info.default_factory = None
        ny_info.default = varde
        falt[namn] = (original.annotation, ny_info)
    ny: type[S] = create_model(modell.__name__, __base__=modell, **falt)
    ny._description = beskrivning
    return ny
