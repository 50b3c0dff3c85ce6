"""Forms built from an ärendetyp's definition: its start form as a deployment's parameter
schema, and its step forms as the models a suspended run waits for.

The definition's fields become pydantic fields with the Swedish rubrik as title and the
hjälptext as description, so the Prefect UI shows them as the definition says. The answers
are checked again by the service layer against the definition (domain/arendetyp.py), which
gives the Swedish message; the schema only makes the UI offer the right widgets.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from prefect.input import RunInput
from pydantic import BaseModel, Field, create_model

from arende.domain.arendetyp import Arendetyp, Falt, Faltyp, Formular


def _pydantictyp(falt: Falt, modellnamn: str) -> Any:
    match falt.typ:
        case Faltyp.DATUM:
            return date
        case Faltyp.HELTAL:
            return int
        case Faltyp.JA_NEJ:
            return bool
        case Faltyp.VAL:
            return Literal[falt.val]  # a drop-down in the UI
        case Faltyp.LISTA:
            return list[str]
        case Faltyp.POSTER:
            return list[modell(f"{modellnamn}_{falt.namn}", falt.falt)]  # type: ignore[misc]
        case _:
            return str


def _falt(falt: Falt, modellnamn: str) -> tuple[Any, Any]:
    typ = _pydantictyp(falt, modellnamn)
    text: dict[str, Any] = {
        "title": falt.rubrik,
        "description": falt.hjalp or None,
        "json_schema_extra": {"format": "textarea"} if falt.typ is Faltyp.LANGTEXT else None,
    }
    if falt.obligatoriskt:
        return typ, Field(**text)
    if falt.typ in (Faltyp.LISTA, Faltyp.POSTER):
        return typ, Field(default_factory=list, **text)
    return typ | None, Field(None, **text)


def modell(namn: str, falt: tuple[Falt, ...], bas: type[BaseModel] = BaseModel) -> type[BaseModel]:
    definitioner: dict[str, Any] = {f.namn: _falt(f, namn) for f in falt}
    return create_model(namn, __base__=bas, **definitioner)


def startmodell(typ: Arendetyp, standard: type[BaseModel]) -> type[BaseModel]:
    """The start form: what every ärende asks (`standard`), then the type's own fields."""
    return modell(f"Start_{typ.namn}", typ.startfalt, standard)


def stegmodell(formular: Formular | None, bas: type[RunInput], namn: str) -> type[Any]:
    """The form of a step: the engine's own fields (`bas`) and the type's, if it has any."""
    if formular is None:
        return bas
    return modell(namn, formular.falt, bas)


def typens_svar(formular: Formular | None, svar: BaseModel) -> dict[str, Any]:
    """The answers to the type's own fields of a step form, as JSON."""
    if formular is None:
        return {}
    data = svar.model_dump(mode="json")
    return {f.namn: data.get(f.namn) for f in formular.falt}
