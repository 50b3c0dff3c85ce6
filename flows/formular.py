"""What the handläggare fills in, in the Prefect UI: the start form and the forms of each
waiting step. Field titles and help texts are Swedish because the UI shows them as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from prefect.input import RunInput
from pydantic import BaseModel, Field, ValidationError

UTFALL = Literal["bifall", "avslag", "ändrat beslut", "återremiss", "bordläggning"]


class Arendeuppgifter(BaseModel):
    """What the start form of every ärendetyp asks first; the type's own fields follow."""

    namnd: str = Field("Socialtjänstnämnden", title="Nämnd", description="Nämnden som ska besluta.")
    handlaggare: str = Field(
        "Lena Murray",
        title="Handläggare",
        description="Du som handlägger ärendet; namnet måste finnas i personregistret.",
    )
    sammantrade: date = Field(
        title="Sammanträde",
        description="Nämndens sammanträde där ärendet ska beslutas (ur sammanträdesplanen).",
    )
    registreringsdatum: date | None = Field(
        None,
        title="Registreringsdatum",
        description="Lämna tomt för dagens datum; ange ett datum bara vid efterregistrering.",
    )


class UnderlagSvar(RunInput):
    registreras_av: str = Field(
        title="Ditt namn", description="Handläggaren som skriver underlaget."
    )


class SamverkanSvar(RunInput):
    datum: date = Field(
        title="Datum för samverkan", description="Dagen då förvaltningsgruppen samverkade ärendet."
    )
    anteckning: str = Field("", title="Anteckning", description="T.ex. 'Samverkat utan erinran'.")
    registreras_av: str = Field(
        title="Ditt namn", description="Handläggaren som registrerar samverkan."
    )


class FaststallSvar(RunInput):
    forvaltningschef: str = Field(
        title="Förvaltningschef / stadsdelsdirektör",
        description="Chefen som undertecknar tjänsteutlåtandet och fastställer förslaget.",
    )
    avdelningschef: str = Field(
        "",
        title="Avdelningschef",
        description="Medundertecknande avdelningschef (kan lämnas tomt).",
    )
    datum: date = Field(title="Datum", description="Dagen då förslaget till beslut fastställdes.")


class AnslagSvar(RunInput):
    datum: date = Field(
        title="Anslaget den",
        description="Dagen då justeringen anslogs på den digitala anslagstavlan "
        "(senast andra dagen efter justeringen, kommunallagen 8 kap. 12 §).",
    )
    registreras_av: str = Field(
        title="Ditt namn", description="Nämndsekreteraren som satte upp anslaget."
    )


class ExpedieringSvar(RunInput):
    datum: date = Field(
        title="Expedierat den", description="Dagen då protokollsutdraget skickades."
    )
    mottagare: list[str] = Field(
        title="Mottagare", description="En rad per mottagare av protokollsutdraget."
    )
    registreras_av: str = Field(
        title="Ditt namn", description="Den som expedierade (nämndsekreterare eller registrator)."
    )


_FELTEXT = {
    "missing": "saknas",
    "date_from_datetime_parsing": "är inget datum",
    "date_parsing": "är inget datum (skriv ÅÅÅÅ-MM-DD)",
    "date_type": "är inget datum (skriv ÅÅÅÅ-MM-DD)",
    "int_parsing": "är inget heltal",
    "int_type": "är inget heltal",
    "literal_error": "har ett värde som inte finns bland valen",
    "string_type": "ska vara text",
    "list_type": "ska vara en lista",
    "bool_parsing": "ska vara ja eller nej",
    "bool_type": "ska vara ja eller nej",
}


def svenska_valideringsfel(modell: type[BaseModel], fel: ValidationError) -> str:
    """Pydantic's errors as one Swedish sentence naming each field by its form title."""
    delar = []
    for e in fel.errors():
        falt = e["loc"][0] if e["loc"] else ""
        info = modell.model_fields.get(str(falt))
        namn = info.title if info and info.title else str(falt)
        delar.append(f"'{namn}' {_FELTEXT.get(e['type'], 'har fel värde')}")
    return "Svaret kunde inte tas emot: " + "; ".join(delar) + "."
