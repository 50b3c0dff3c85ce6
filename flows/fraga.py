"""Asking a person through a suspended run, in a form, until the answer is accepted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from prefect import get_run_logger
from prefect.flow_runs import suspend_flow_run
from prefect.input import RunInput
from pydantic import create_model
from pydantic.fields import FieldInfo

from arende.domain.fel import ArendeFel

S = TypeVar("S", bound=RunInput)


def fraga(
    modell: type[S],
    nyckel: str,
    beskrivning: str,
    utfor_svar: Callable[[S, str], object],
    **forval: Any,
) -> S:
    """Ask a person through a suspended run; a refused answer is shown in the next form
    with its Swedish reason, and the run waits again instead of failing."""
    logg = get_run_logger()
    forsok, fel = 1, ""
    while True:
        text = (
            beskrivning
            if not fel
            else f"> **Förra svaret kunde inte tas emot:** {fel}\n\n{beskrivning}"
        )
        steg_nyckel = f"{nyckel}-{forsok}"
        svar = suspend_flow_run(
            wait_for_input=med_forval(modell, text, **forval),
            key=steg_nyckel,
            timeout=None,
        )
        try:
            utfor_svar(svar, steg_nyckel)
            return svar
        except ArendeFel as avvisning:
            fel = avvisning.meddelande
            logg.warning("Svaret avvisades: %s", fel)
            forsok += 1
            # The next form starts from what the person wrote, so only the fault is fixed.
            forval = {**forval, **svar.model_dump(mode="json")}


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
