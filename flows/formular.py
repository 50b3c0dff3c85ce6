"""What the handläggare fills in, in the Prefect UI: the start form and the forms of each
waiting step. Field titles and help texts are Swedish because the UI shows them as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from prefect.input import RunInput
from pydantic import BaseModel, ConfigDict, Field, ValidationError

UTFALL = Literal["bifall", "avslag", "ändrat beslut", "återremiss", "bordläggning"]

# A time of day as the forms take it: '18:00' (or '18.00', as Swedish documents write it),
# Swedish time. Prefect's server checks the answer against it before the run sees it.
KLOCKSLAG = r"^([01]?[0-9]|2[0-3])[:.][0-5][0-9]$"


INTYG = "intyg"


def utan_intyg(schema: dict[str, Any]) -> None:
    """The form as the UI shows it, without the intyg: the login gate fills that in for the
    person who answers (arende.entrypoints.grind). The server still accepts it beside the
    form's fields, which it otherwise does not."""
    schema.get("properties", {}).pop(INTYG, None)
    if INTYG in schema.get("required", []):
        schema["required"].remove(INTYG)
    schema.setdefault("patternProperties", {})[f"^{INTYG}$"] = {"type": "string"}


class Formularsvar(RunInput):
    """Every form's answer: the fields the person fills in, and the gate's intyg of who she
    is (flows/fraga.py checks it before the answer is used)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=utan_intyg)

    intyg: str = ""


class Arendeuppgifter(BaseModel):
    """What the start form of every ärendetyp asks first; the type's own fields follow."""

    namnd: str = Field("Socialtjänstnämnden", title="Nämnd", description="Nämnden som ska besluta.")
    sammantrade: date = Field(
        title="Sammanträde",
        description="Nämndens sammanträde där ärendet ska beslutas (ur sammanträdesplanen).",
    )
    registreringsdatum: date | None = Field(
        None,
        title="Registreringsdatum",
        description="Lämna tomt för dagens datum; ange ett datum bara vid efterregistrering.",
    )


class UnderlagSvar(Formularsvar):
    """The type's own fields of the beredning's form (flows/typformular.py) and nothing else."""


class SamverkanSvar(Formularsvar):
    datum: date = Field(
        title="Datum för samverkan", description="Dagen då förvaltningsgruppen samverkade ärendet."
    )
    anteckning: str = Field("", title="Anteckning", description="T.ex. 'Samverkat utan erinran'.")


class FaststallSvar(Formularsvar):
    """Answered by the förvaltningschef (or stadsdelsdirektör) herself: she undertecknar the
    tjänsteutlåtande and fastställer the förslag as the one signed in."""

    avdelningschef: str = Field(
        "",
        title="Avdelningschef",
        description="Medundertecknande avdelningschef (kan lämnas tomt).",
    )
    datum: date = Field(title="Datum", description="Dagen då förslaget till beslut fastställdes.")


class AnslagSvar(Formularsvar):
    # Submitting the form publishes the notice; the system records today as the posting day.
    datum: date | None = Field(
        default=None,
        title="Redan anslaget den (lämna tomt)",
        description="Lämna tomt: anslaget publiceras på kommunens anslagstavla när du "
        "svarar, och dagen blir anslagsdagen. Fyll bara i när justeringen redan anslogs på "
        "en annan anslagstavla, innan nämndens anslag publicerades härifrån: dagen då.",
    )


class ExpedieringSvar(Formularsvar):
    datum: date = Field(
        title="Expedierat den", description="Dagen då protokollsutdraget skickades."
    )
    mottagare: list[str] = Field(
        title="Mottagare", description="En rad per mottagare av protokollsutdraget."
    )


class GallringSvar(Formularsvar):
    handlingar: list[str] = Field(
        title="Handlingar att gallra",
        description="En rad per handling, 'DNR:NR' ur förslaget (t.ex. 'SoN 2008/1:5'). "
        "Ta bort raderna för det som inte ska gallras nu.",
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
    "datetime_parsing": "är ingen tidpunkt (skriv ÅÅÅÅ-MM-DD TT:MM)",
    "datetime_type": "är ingen tidpunkt (skriv ÅÅÅÅ-MM-DD TT:MM)",
    "datetime_from_date_parsing": "är ingen tidpunkt (skriv ÅÅÅÅ-MM-DD TT:MM)",
    "time_parsing": "är inget klockslag (skriv TT:MM, t.ex. 18:00)",
    "time_type": "är inget klockslag (skriv TT:MM, t.ex. 18:00)",
    "string_pattern_mismatch": "har fel form",
    "extra_forbidden": "finns inte i formuläret",
}
# A pattern's own wording, where the generic "har fel form" would leave the person guessing.
_MONSTERTEXT = {KLOCKSLAG: "är inget klockslag (skriv TT:MM, t.ex. 18:00)"}


def svenska_valideringsfel(modell: type[BaseModel], fel: ValidationError) -> str:
    """Pydantic's errors as one Swedish sentence naming each field by its form title."""
    delar = []
    for e in fel.errors():
        falt = e["loc"][0] if e["loc"] else ""
        info = modell.model_fields.get(str(falt))
        namn = info.title if info and info.title else str(falt)
        text = _FELTEXT.get(e["type"], "har fel värde")
        if e["type"] == "string_pattern_mismatch":
            text = _MONSTERTEXT.get(str(e.get("ctx", {}).get("pattern")), text)
        delar.append(f"'{namn}' {text}")
    return "Svaret kunde inte tas emot: " + "; ".join(delar) + "."
