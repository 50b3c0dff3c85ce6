"""What happened: the events a command returns.

A command (service_layer/kommandon.py) changes one aggregate, an ärende or a sammanträde,
and says what it did as events. The flows orchestrate from them (start an expediering run
for every ärende handed on, a tävlingsbidrag run for every bidrag opened), and an
ärendetyp's rules react to them (after a bifall, the kvalitetsutmärkelse opens the
nominated units' tävlingsbidrag). Events are stored with the command's step key, so a
replayed command returns the same events as the first time: they hold plain values only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from arende.domain.diarienummer import Diarienummer


@dataclass(frozen=True)
class Handelse:
    """An event. Subclasses hold plain values (text, numbers, dates, tuples of them)."""


@dataclass(frozen=True)
class ArendeRegistrerat(Handelse):
    dnr: Diarienummer
    namnd: str
    arendetyp: str


@dataclass(frozen=True)
class ArendetFlyttat(Handelse):
    """The ärende reached a new skede (a step of its lifecycle was taken)."""

    dnr: Diarienummer
    arendetyp: str
    skede: str


@dataclass(frozen=True)
class HandlingUpprattad(Handelse):
    """A document was drawn up and registered; its PDF is made after the transaction."""

    dnr: Diarienummer
    typ: str
    nummer: int
    version: int


@dataclass(frozen=True)
class HandlingInkommen(Handelse):
    """A document that came in was registered as handling `nummer` (an e-mail's attachments
    each as their own, in the same registration)."""

    dnr: Diarienummer
    typ: str
    nummer: int


@dataclass(frozen=True)
class SekretessAndrad(Handelse):
    """Handling `nummer` was marked sekretess under `bestammelse`, or its marking lifted
    (`bestammelse` None)."""

    dnr: Diarienummer
    nummer: int
    bestammelse: str | None


@dataclass(frozen=True)
class DagordningSkickad(Handelse):
    namnd: str
    datum: date
    version: int
    fil: str


@dataclass(frozen=True)
class SammantradetOppnat(Handelse):
    namnd: str
    datum: date
    paragraf: int


@dataclass(frozen=True)
class BeslutFattat(Handelse):
    """The nämnd decided in an ärende at its sammanträde (in § `paragraf`)."""

    dnr: Diarienummer
    arendetyp: str
    utfall: str
    paragraf: int
    omedelbart_justerad: bool


@dataclass(frozen=True)
class ProtokollUpprattat(Handelse):
    namnd: str
    datum: date
    fil: str
    sha256: str


@dataclass(frozen=True)
class ProtokolletSignerat(Handelse):
    namnd: str
    datum: date
    namn: str
    roll: str


@dataclass(frozen=True)
class ProtokolletJusterat(Handelse):
    namnd: str
    datum: date
    fil: str
    sha256: str


@dataclass(frozen=True)
class JusteringenAnslagen(Handelse):
    namnd: str
    datum: date
    anslaget: date
    paragrafer: tuple[int, ...]


@dataclass(frozen=True)
class ArendeOverlamnat(Handelse):
    """The ärende's decision is anslagen: it is handed on to be expedierat."""

    dnr: Diarienummer
    namnd: str


@dataclass(frozen=True)
class ArendeAterremitterat(Handelse):
    """Back to beredning: a new round of the ärende's own steps."""

    dnr: Diarienummer
    arendetyp: str
    omgang: int


@dataclass(frozen=True)
class TavlingsbidragOppnat(Handelse):
    dnr: Diarienummer
    namnd: str
    verksamhet: str
    handlaggare: str


@dataclass(frozen=True)
class VerksamhetsplanImporterad(Handelse):
    """A unit's plan was read; the lines nobody could place are for a person to check
    ('rad 12: text – orsak')."""

    dnr: Diarienummer
    verksamhet: str
    ej_placerade: tuple[str, ...]


@dataclass(frozen=True)
class TavlingsbidragInlamnat(Handelse):
    dnr: Diarienummer
    verksamhet: str
    kvitto: str


@dataclass(frozen=True)
class ReaktionAvvisad(Handelse):
    """A reaction of the ärendetyp's rules was refused (its refusal is in the audit log);
    the step that set it off stands."""

    dnr: Diarienummer
    atgard: str
    meddelande: str


@dataclass(frozen=True)
class BegaranRegistrerad(Handelse):
    """A request for allmän handling was registered as request `nummer` of the ärende."""

    dnr: Diarienummer
    nummer: int


@dataclass(frozen=True)
class BegaranProvad(Handelse):
    """The request was tried; `beslut` is the handling holding the written decision (0:
    none, everything asked for was given out whole)."""

    dnr: Diarienummer
    nummer: int
    beslut: int


@dataclass(frozen=True)
class AldreHandlingImporterad(Handelse):
    """An earlier document was taken into the diarium as handling `nummer` of a closed
    ärende (domain/aldre_handling.py)."""

    dnr: Diarienummer
    typ: str
    nummer: int


# -- gallring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GallringForeslagen(Handelse):
    """A gallring run proposed `antal` handlingar of the nämnd's as proposal `forslag`."""

    namnd: str
    forslag: int
    antal: int


@dataclass(frozen=True)
class HandlingGallrad(Handelse):
    """A registrator decided to gallra this version of the handling: its record is kept,
    and its files (`fil`, and `pdf_fil` if any) go from the archive after the commit."""

    dnr: Diarienummer
    nummer: int
    version: int
    fil: str
    pdf_fil: str | None
    beslut: str


@dataclass(frozen=True)
class DelegationsbeslutRegistrerat(Handelse):
    """A delegationsbeslut entered the nämnd's register; `anmals` False: it was protokollfört
    särskilt and announced on the anslagstavla instead of being anmält to the nämnd."""

    dnr: Diarienummer
    namnd: str
    beteckning: str
    punkt: str
    anmals: bool


HANDELSETYPER: dict[str, type[Handelse]] = {
    t.__name__: t
    for t in (
        AldreHandlingImporterad,
        ArendeRegistrerat,
        ArendetFlyttat,
        HandlingUpprattad,
        HandlingInkommen,
        SekretessAndrad,
        DagordningSkickad,
        SammantradetOppnat,
        BeslutFattat,
        ProtokollUpprattat,
        ProtokolletSignerat,
        ProtokolletJusterat,
        JusteringenAnslagen,
        ArendeOverlamnat,
        ArendeAterremitterat,
        TavlingsbidragOppnat,
        VerksamhetsplanImporterad,
        TavlingsbidragInlamnat,
        ReaktionAvvisad,
        BegaranRegistrerad,
        BegaranProvad,
        GallringForeslagen,
        HandlingGallrad,
        DelegationsbeslutRegistrerat,
    )
}
