"""What the handläggare fills in, in the Prefect UI: the start form and the forms of each
waiting step. Field titles and help texts are Swedish because the UI shows them as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from prefect.input import RunInput
from pydantic import BaseModel, Field, ValidationError

UTFALL = Literal["bifall", "avslag", "ändrat beslut", "återremiss", "bordläggning"]
OMEDELBAR = Literal["enligt tidsplanen", "ja", "nej"]


class Enhet(BaseModel):
    namn: str = Field(title="Verksamhet", description="Den nominerade enhetens namn.")
    klass: str = Field(
        title="Klass",
        description="En av årets klasser, t.ex. 'övrig vård och omsorg' (2008).",
    )
    beskrivning: str = Field(
        "",
        title="Förvaltningens beskrivning",
        description="Texten under enhetens rubrik i 'Förvaltningens synpunkter och förslag'.",
    )
    chef: str = Field(
        "",
        title="Enhetens chef",
        description="Chefen som godkänner enhetens tävlingsbidrag; tomt: den som undertecknar "
        "tjänsteutlåtandet.",
    )


class Nomineringsuppgifter(BaseModel):
    namnd: str = Field("Socialtjänstnämnden", title="Nämnd", description="Nämnden som nominerar.")
    utmarkelsear: int = Field(
        2008, title="Kvalitetsutmärkelsens år", description="Året för utmärkelsen (t.ex. 2008)."
    )
    handlaggare: str = Field(
        "Lena Murray",
        title="Handläggare",
        description="Du som handlägger ärendet; namnet måste finnas i personregistret.",
    )
    enheter: list[Enhet] = Field(
        default_factory=list,
        title="Verksamheter att nominera",
        description="En rad per enhet: namn, klass och förvaltningens beskrivning.",
    )
    sammantrade: date = Field(
        title="Sammanträde",
        description="Nämndens sammanträde där ärendet ska beslutas (före sista dag för nominering).",
    )
    registreringsdatum: date | None = Field(
        None,
        title="Registreringsdatum",
        description="Lämna tomt för dagens datum; ange ett datum bara vid efterregistrering.",
    )
    omedelbar_justering: OMEDELBAR = Field(
        "enligt tidsplanen",
        title="Föreslå omedelbar justering",
        description="'enligt tidsplanen' föreslår omedelbar justering när ordinarie justering "
        "inte hinner bli klar före sista dag för nominering.",
    )
    avslutande_kommentar: str = Field(
        "",
        title="Förvaltningens avslutande kommentar",
        description="Texten under 'Förvaltningens avslutande kommentar' i tjänsteutlåtandet; "
        "stycken skiljs med en tom rad. Meningen om att enheterna föreslås nomineras läggs "
        "till av systemet.",
    )


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


class BeslutSvar(RunInput):
    utfall: UTFALL = Field(title="Nämndens beslut", description="Vad nämnden beslutade i ärendet.")
    paragraf: int = Field(title="Paragraf (§)", description="Paragrafens nummer i protokollet.")
    omedelbar_justering: bool = Field(
        False,
        title="Omedelbart justerad",
        description="Förklarades paragrafen omedelbart justerad?",
    )
    beslutstext: str = Field(
        "",
        title="Beslutstext",
        description="Krävs vid ändrat beslut: beslutet som det lyder i protokollet.",
    )
    nytt_sammantrade: date | None = Field(
        None,
        title="Nästa sammanträde",
        description="Vid bordläggning: sammanträdet som ärendet bordläggs till. Vid återremiss: "
        "sammanträdet då ärendet väntas tillbaka. Lämnas tomt vid andra beslut.",
    )
    registreras_av: str = Field(
        title="Ditt namn", description="Nämndsekreteraren som registrerar beslutet."
    )


class JusteringSvar(RunInput):
    datum: date = Field(
        title="Justeringsdatum", description="Dagen då protokollet (paragrafen) justerades."
    )
    ordforande: str = Field(title="Ordförande", description="Ordföranden som justerade.")
    justerare: list[str] = Field(title="Justerare", description="En rad per justerare.")
    registreras_av: str = Field(
        title="Ditt namn", description="Nämndsekreteraren som registrerar justeringen."
    )


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
