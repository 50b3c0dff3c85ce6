"""Every act of a person or of the system, as a command: a frozen dataclass naming the
aggregate it acts on (an ärende by its diarienummer, or a nämnd's sammanträde by nämnd and
day), who acts, the step key and the data.

A command goes to the one runner (service_layer/utforare.py), which takes it in one
transaction: it locks the aggregate, checks the actor (the role the command asks for and
membership of the aggregate's nämnd), calls the domain, writes the audit log, recomputes
the frister and stores the step key with the events. `handling` names the act in the audit
log the way a registrator reads it; `roller` are the roles that may take it (None: who may
is the domain's to say, as for the ordförande and justerare signing a protokoll).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import IO, Any, ClassVar

from arende.domain.diarienummer import Diarienummer
from arende.domain.inloggning import Inloggning
from arende.domain.roller import Roll
from arende.domain.sammantrade.dagordning import KALLA_TILL_SAMMANTRADET
from arende.domain.sammantrade.deltagande import Javsanmalan
from arende.domain.sammantrade.narvaro import Narvaro
from arende.domain.sammantrade.omrostning import Omrostning, Yrkande
from arende.domain.sammantrade.reservation import Reservation
from arende.domain.skeden import Skede, Utfall

# The actor the audit log names for what the system does by itself (an ärendetyp's
# reaction to a decision, the frister it recomputes).
SYSTEMET = "Ärendesystemet"
SYSTEMROLL = "system"

_HANDLAGGARE = frozenset({Roll.HANDLAGGARE})
_SEKRETERARE = frozenset({Roll.NAMNDSEKRETERARE})
_STEGETS_ROLLER: dict[Skede, frozenset[Roll]] = {
    Skede.FORSLAG_FASTSTALLT: frozenset({Roll.CHEF}),
    Skede.EXPEDIERAT: frozenset({Roll.NAMNDSEKRETERARE, Roll.REGISTRATOR}),
}


@dataclass(frozen=True, kw_only=True)
class Kommando:
    """Who acts (a name in the persons register, or SYSTEMET), from which Prefect flow run,
    and under which step key: a command given again under its key returns what it did the
    first time, or is refused the same way, instead of being judged anew. `inloggning` is
    the verified login the act came through (a person's form in the Prefect UI); `aktor`
    is then that login's person, and the audit log names the login too."""

    aktor: str
    nyckel: str | None = None
    flodeskorning: str | None = None
    inloggning: Inloggning | None = None

    handling: ClassVar[str]
    roller: ClassVar[frozenset[Roll] | None]
    # Whether the system may take the step by itself (an ärendetyp's reaction).
    systemet_far: ClassVar[bool] = False
    # Whether `aktor` is a person in the register, checked for role and nämnd. Not so for
    # the ordförande and justerare signing: the sammanträde says who they are.
    aktor_ur_registret: ClassVar[bool] = True
    # Whether the act needs a fresh login (domain/inloggning.py): signing a protokoll.
    kraver_farsk_inloggning: ClassVar[bool] = False

    def behoriga(self) -> frozenset[Roll] | None:
        """The roles that may take this step (None: the handler checks who may)."""
        return self.roller

    def begart(self) -> dict[str, Any]:
        """What was asked, for the audit log: the command's data without the envelope."""
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name not in ("aktor", "nyckel", "flodeskorning", "inloggning")
        }


# -- ärendet ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Arendekommando(Kommando):
    dnr: Diarienummer


@dataclass(frozen=True, kw_only=True)
class RegistreraArende(Kommando):
    """Register an ärende of the type `typ` in the nämnd's diarium. The handläggare registers
    her own ärenden: `aktor` is she."""

    typ: str
    namnd: str
    handlaggare: str
    planerat_sammantrade: date
    uppgifter: Mapping[str, Any] = field(default_factory=dict)
    registreringsdatum: date | None = None

    handling: ClassVar[str] = "registrera ärendet"
    roller: ClassVar[frozenset[Roll] | None] = _HANDLAGGARE


@dataclass(frozen=True, kw_only=True)
class PaborjaBeredning(Arendekommando):
    handling: ClassVar[str] = "påbörja beredning"
    roller: ClassVar[frozenset[Roll] | None] = _HANDLAGGARE


@dataclass(frozen=True, kw_only=True)
class SkrivUppgifter(Arendekommando):
    """The answers to the type's own form for the step into `skede`, kept with the ärende
    for the documents that step draws up."""

    skede: Skede
    svar: Mapping[str, Any]

    handling: ClassVar[str] = "skriva underlaget"
    roller: ClassVar[frozenset[Roll] | None] = _HANDLAGGARE

    def behoriga(self) -> frozenset[Roll] | None:
        """The form of a step is filled in by whoever takes that step."""
        return _STEGETS_ROLLER.get(self.skede, _HANDLAGGARE)


@dataclass(frozen=True, kw_only=True)
class RegistreraSamverkan(Arendekommando):
    datum: date
    anteckning: str = ""

    handling: ClassVar[str] = "registrera samverkan"
    roller: ClassVar[frozenset[Roll] | None] = _HANDLAGGARE


@dataclass(frozen=True, kw_only=True)
class FaststallForslag(Arendekommando):
    """The chefs sign the tjänsteutlåtande; it is drawn up and registered, locked."""

    datum: date
    undertecknare: Sequence[str]

    handling: ClassVar[str] = "fastställa förslaget till beslut"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.CHEF})


@dataclass(frozen=True, kw_only=True)
class Expediera(Arendekommando):
    datum: date
    mottagare: Sequence[str]

    handling: ClassVar[str] = "expediera beslutet"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.NAMNDSEKRETERARE, Roll.REGISTRATOR})


@dataclass(frozen=True, kw_only=True)
class Avsluta(Arendekommando):
    datum: date

    handling: ClassVar[str] = "avsluta ärendet"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.REGISTRATOR, Roll.NAMNDSEKRETERARE})


# -- handlingarna ----------------------------------------------------------------------------

_REGISTRATOR_ELLER_HANDLAGGARE = frozenset({Roll.REGISTRATOR, Roll.HANDLAGGARE})


_BLOCK = 1 << 20


@dataclass(frozen=True)
class InkommenFil:
    """A file as it came in: the name the sender gave it (checked, never used as a path) and
    its content, either in memory (`innehall`: a letter given on the command line, a test's
    bytes) or on disk (`sokvag`: a file in the inbox, an e-mail's attachment as the reader
    wrote it out). One or the other. Everything here reads a file on disk in blocks, so a
    200 MB attachment is checked, hashed and archived without ever being held whole."""

    namn: str
    innehall: bytes | None = None
    sokvag: Path | None = None

    def __post_init__(self) -> None:
        if (self.innehall is None) == (self.sokvag is None):
            raise ValueError("en inkommen fil har antingen sitt innehåll eller sin sökväg")

    def storlek(self) -> int:
        if self.innehall is not None:
            return len(self.innehall)
        assert self.sokvag is not None
        return self.sokvag.stat().st_size

    @contextmanager
    def oppna(self) -> Iterator[IO[bytes]]:
        if self.innehall is not None:
            yield io.BytesIO(self.innehall)
            return
        assert self.sokvag is not None
        with self.sokvag.open("rb") as strom:
            yield strom

    def borjan(self, antal: int) -> bytes:
        """The first `antal` bytes: what a file's type is told by."""
        with self.oppna() as strom:
            return strom.read(antal)

    def las(self) -> bytes:
        """The whole content, for what must have it whole (a document's text is read from
        it); the registration itself never calls this."""
        with self.oppna() as strom:
            return strom.read()

    @cached_property
    def sha256(self) -> str:
        summa = hashlib.sha256()
        with self.oppna() as strom:
            while block := strom.read(_BLOCK):
                summa.update(block)
        return summa.hexdigest()

    def som_logg(self) -> dict[str, Any]:
        return {"namn": self.namn, "sha256": self.sha256, "byte": self.storlek()}


@dataclass(frozen=True, kw_only=True)
class Inkommet(Kommando):
    """What came in, as every registration of it says: the day it came, the sender, what it
    concerns and the files, one handling each. With `epost`, the first file is the e-mail
    itself (.eml) and the rest are its attachments, bilagor to it. `kanal` says how it came
    (kommandoraden, inkorgen, e-post); `sekretess` an OSL provision to mark every handling
    with at once."""

    inkom: date
    avsandare: str
    beskrivning: str
    filer: Sequence[InkommenFil]
    epost: bool = False
    kanal: str = "kommandoraden"
    message_id: str | None = None
    sekretess: str | None = None

    def begart(self) -> dict[str, Any]:
        data = super().begart()
        data["filer"] = [f.som_logg() for f in self.filer]
        return data


@dataclass(frozen=True, kw_only=True)
class RegistreraInkommande(Inkommet, Arendekommando):
    """Register what came in to the ärende: one registration, one handling per file, each
    numbered, hashed and logged."""

    handling: ClassVar[str] = "registrera inkommande handling"
    roller: ClassVar[frozenset[Roll] | None] = _REGISTRATOR_ELLER_HANDLAGGARE
    systemet_far: ClassVar[bool] = True  # the inbox folder and the e-mail receiver


@dataclass(frozen=True, kw_only=True)
class RegistreraInkommandeSomNyttArende(Inkommet):
    """What came in starts an ärende of its own (a citizen's letter, a remiss to answer): the
    registrator registers the ärende of type `typ` in the nämnd's diarium for the handläggare
    who will handle it, and the files as its first handlingar, in one step: neither is
    registered without the other. The ärende is registered the day the handling came in."""

    typ: str
    namnd: str
    handlaggare: str
    planerat_sammantrade: date
    uppgifter: Mapping[str, Any] = field(default_factory=dict)

    handling: ClassVar[str] = "registrera inkommande handling som nytt ärende"
    roller: ClassVar[frozenset[Roll] | None] = _REGISTRATOR_ELLER_HANDLAGGARE


@dataclass(frozen=True, kw_only=True)
class MarkeraSekretess(Arendekommando):
    """Mark handling `nummer` (every version of it) sekretess under an OSL provision; the
    day and who marks are the step's (OSL 5 kap. 5 §). `stycken` ('3-5, 8', as `arende
    stycken` numbers them): only those parts may be secret; empty: the whole handling."""

    nummer: int
    bestammelse: str
    stycken: str = ""

    handling: ClassVar[str] = "sekretessmarkera handling"
    roller: ClassVar[frozenset[Roll] | None] = _REGISTRATOR_ELLER_HANDLAGGARE


@dataclass(frozen=True, kw_only=True)
class HavSekretess(Arendekommando):
    """Lift the marking of handling `nummer`: an act of its own, with why (`skal`)."""

    nummer: int
    skal: str

    handling: ClassVar[str] = "häva sekretessmarkering"
    roller: ClassVar[frozenset[Roll] | None] = _REGISTRATOR_ELLER_HANDLAGGARE


@dataclass(frozen=True, kw_only=True)
class MarkeraArendemeningSekretess(Arendekommando):
    """Mark the ärendemening sekretess under an OSL provision, with the form of it anyone
    may see (`offentlig_mening`, e.g. 'Ärende enligt socialtjänstlagen'): the day and who
    marks are the step's (OSL 5 kap. 2 and 5 §§)."""

    bestammelse: str
    offentlig_mening: str

    handling: ClassVar[str] = "sekretessmarkera ärendemening"
    roller: ClassVar[frozenset[Roll] | None] = _REGISTRATOR_ELLER_HANDLAGGARE


@dataclass(frozen=True, kw_only=True)
class HavArendemeningSekretess(Arendekommando):
    """Lift the ärendemening's marking: an act of its own, with why (`skal`)."""

    skal: str

    handling: ClassVar[str] = "häva sekretessmarkering av ärendemening"
    roller: ClassVar[frozenset[Roll] | None] = _REGISTRATOR_ELLER_HANDLAGGARE


@dataclass(frozen=True, kw_only=True)
class GranskaInkommande(Arendekommando):
    """The registrator has looked at what came in without a person seeing it (the inbox
    folder, the e-mail receiver): handling `nummer` and the bilagor registered with it may
    now be shown publicly. `beskrivning` replaces the sender's subject line as the title
    where that says too much or too little; `sekretess` marks them at once, in the same
    step, so that nothing is shown between the look and the marking."""

    nummer: int
    beskrivning: str | None = None
    sekretess: str | None = None

    handling: ClassVar[str] = "granska inkommen handling"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.REGISTRATOR})


# -- utlämnande av allmän handling ------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RegistreraBegaran(Arendekommando):
    """Register a request for the ärende's handlingar `handlingar` (their numbers), with the
    moment it came in. `sokande` may be left out: the right to anonymity (TF 2 kap. 18 §)."""

    mottagen: datetime
    handlingar: Sequence[int]
    sokande: str | None = None
    kontakt: str | None = None
    beskrivning: str = ""
    kopia: bool = True

    handling: ClassVar[str] = "registrera begäran om allmän handling"
    roller: ClassVar[frozenset[Roll] | None] = _REGISTRATOR_ELLER_HANDLAGGARE


@dataclass(frozen=True)
class Provningssvar:
    """The form's answer for one handling: `utfall` 'lämnas ut', 'lämnas ut med maskering'
    or 'avslås'; the OSL provision for the last two; the stycken to mask ('3-5, 8')."""

    nummer: int
    utfall: str
    bestammelse: str | None = None
    stycken: str = ""


@dataclass(frozen=True, kw_only=True)
class ProvaBegaran(Arendekommando):
    """Try request `begaran` handling by handling: the masked copies and, for what is
    refused in whole or in part, the written decision with besvärshänvisning are drawn up
    and registered in the same step."""

    begaran: int
    provningar: Sequence[Provningssvar]

    handling: ClassVar[str] = "pröva begäran om allmän handling"
    roller: ClassVar[frozenset[Roll] | None] = frozenset(
        {Roll.HANDLAGGARE, Roll.CHEF, Roll.REGISTRATOR}
    )


# -- gallringen ------------------------------------------------------------------------------

_REGISTRATOR = frozenset({Roll.REGISTRATOR})


@dataclass(frozen=True, kw_only=True)
class Gallringskommando(Kommando):
    """A step of the nämnd's gallring: its aggregate is the nämnd's archive (each ärende a
    decision touches is locked as well)."""

    namnd: str

    roller: ClassVar[frozenset[Roll] | None] = _REGISTRATOR


@dataclass(frozen=True, kw_only=True)
class ForeslaGallring(Gallringskommando):
    """A gallring run: store as a proposal every handling of the nämnd's ärenden that the
    informationshanteringsplan allows to go today. Nothing goes until a registrator decides."""

    handling: ClassVar[str] = "föreslå gallring"
    systemet_far: ClassVar[bool] = True  # a scheduled run may propose, never decide


@dataclass(frozen=True, kw_only=True)
class BeslutaGallring(Gallringskommando):
    """A registrator decides on proposal `forslag`: the handlingar `poster` ((dnr, nummer)
    pairs; empty: the whole proposal) are gallrade, their record kept, their files removed
    after the commit."""

    forslag: int
    poster: Sequence[tuple[str, int]] = ()

    handling: ClassVar[str] = "besluta om gallring"


# -- sammanträdet -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Sammantradeskommando(Kommando):
    """A step of the nämnd's sammanträde on `datum`, taken by the nämndsekreterare."""

    namnd: str
    datum: date

    roller: ClassVar[frozenset[Roll] | None] = _SEKRETERARE


@dataclass(frozen=True, kw_only=True)
class Kalla(Sammantradeskommando):
    """Send the kallelse with the dagordning gathered (bordlagda first, then every ärende
    ready), or a new version when it has changed; `utskick` when a kallelse sent before is
    registered afterwards."""

    utskick: date | None = None

    handling: ClassVar[str] = KALLA_TILL_SAMMANTRADET


@dataclass(frozen=True, kw_only=True)
class Oppna(Sammantradeskommando):
    narvaro: Narvaro
    ordforande: str
    justerare: Sequence[str]
    justering_forsta: date
    justering_sista: date
    borjade: str | None = None  # '18:00', Swedish time

    handling: ClassVar[str] = "öppna sammanträdet"


@dataclass(frozen=True, kw_only=True)
class Besluta(Sammantradeskommando):
    """The nämnd's beslut in the ärende `arende` as the next §, with its protokollsutdrag.
    `jav`: the jäv questions the nämnd decided in it; `reservationer`: reservationer and
    protokollsanteckningar announced against it; `leder`: who the nämnd chose to lead it."""

    arende: str
    utfall: Utfall
    yrkanden: Sequence[Yrkande] = ()
    beslutstext: str = ""
    omrostning: Omrostning | None = None
    omedelbart_justerad: bool = False
    nytt_sammantrade: date | None = None
    jav: Sequence[Javsanmalan] = ()
    reservationer: Sequence[Reservation] = ()
    # The ledamot the nämnd chose to lead the §, when neither the ordförande nor the vice
    # ordförande can (both jäviga, say).
    leder: str | None = None

    handling: ClassVar[str] = "registrera nämndens beslut"


@dataclass(frozen=True, kw_only=True)
class AndraNarvaro(Sammantradeskommando):
    """Someone arrives at or leaves the meeting before the next §; `klockan` when ('19:05')."""

    ankommer: Sequence[str] = ()
    lamnar: Sequence[str] = ()
    klockan: str | None = None

    handling: ClassVar[str] = "registrera ändrad närvaro"


@dataclass(frozen=True, kw_only=True)
class MotiveraReservation(Sammantradeskommando):
    """The written motivation of `av`'s reservation in § `paragraf`, received today."""

    paragraf: int
    av: str
    motivering: str

    handling: ClassVar[str] = "registrera en skriftlig reservation"


@dataclass(frozen=True, kw_only=True)
class Stang(Sammantradeskommando):
    """Close the meeting and draw up its protokoll (upprättat today, or on `upprattat` when
    a meeting is registered afterwards); `avslutades` is when it ended ('19:30')."""

    upprattat: date | None = None
    avslutades: str | None = None

    handling: ClassVar[str] = "upprätta protokollet"


@dataclass(frozen=True, kw_only=True)
class Signera(Sammantradeskommando):
    """`aktor`, the ordförande or a justerare, signs the protokoll she read."""

    tidpunkt: datetime
    protokoll_sha256: str
    # Whose signature the form asked for: only she may give it (empty: whoever signs).
    signerar: str = ""

    handling: ClassVar[str] = "justera protokollet"
    roller: ClassVar[frozenset[Roll] | None] = None
    aktor_ur_registret: ClassVar[bool] = False  # the meeting says who signs
    kraver_farsk_inloggning: ClassVar[bool] = True


@dataclass(frozen=True, kw_only=True)
class Ansla(Sammantradeskommando):
    """The system publishes the justering on the digital anslagstavla now, and today is the
    posting day; `anslaget` only when a notice already posted on another board (before the
    kommun's board moved into the system) is registered afterwards. `omedelbart`: only the
    omedelbart justerade §§, before the rest of the protokoll is justerat."""

    anslaget: date | None = None
    omedelbart: bool = False

    handling: ClassVar[str] = "anslå justeringen"


# -- delegationen ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RegistreraDelegationsbeslut(Arendekommando):
    """Enter a decision `delegat` took on the nämnd's behalf under point `punkt` of its
    delegationsordning, in the ärende `dnr`, into the register of delegationsbeslut.
    `handlingsnummer`: the handling in the ärende that holds the decision; `principiell`:
    the ärende is of a principled kind or otherwise of greater weight (6 kap. 38 §), which
    no delegat may decide; `vidaredelegerat_av`: the delegat who passed the point on."""

    punkt: str
    delegat: str
    beslutsdatum: date
    beslut: str
    handlingsnummer: int | None = None
    belopp: int | None = None
    vidaredelegerat_av: str | None = None
    principiell: bool = False

    handling: ClassVar[str] = "registrera delegationsbeslut"
    roller: ClassVar[frozenset[Roll] | None] = frozenset(
        {Roll.HANDLAGGARE, Roll.CHEF, Roll.NAMNDSEKRETERARE, Roll.REGISTRATOR}
    )


# -- tävlingsbidraget -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class OppnaTavlingsbidrag(Arendekommando):
    """One bidrag per nominated unit, once the nämnd has nominated. `chefer` names, per
    unit, the chef who approves it; `kontaktpersoner` who may write its answers."""

    chefer: Mapping[str, str] = field(default_factory=dict)
    kontaktpersoner: Mapping[str, str] = field(default_factory=dict)

    handling: ClassVar[str] = "öppna tävlingsbidragen"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.HANDLAGGARE, Roll.NAMNDSEKRETERARE})
    systemet_far: ClassVar[bool] = True


@dataclass(frozen=True, kw_only=True)
class Bidragskommando(Arendekommando):
    """A step on one nominated unit's bidrag. A handläggare of the nämnd, or the unit's own
    contact person, writes it; the unit's chef approves it."""

    verksamhet: str

    roller: ClassVar[frozenset[Roll] | None] = None  # the bidrag says who


@dataclass(frozen=True, kw_only=True)
class ImporteraVerksamhetsplan(Bidragskommando):
    text: str

    handling: ClassVar[str] = "importera verksamhetsplan"

    def begart(self) -> dict[str, Any]:
        sha = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return {"verksamhet": self.verksamhet, "sha256": sha, "tecken": len(self.text)}


@dataclass(frozen=True, kw_only=True)
class SkrivSvar(Bidragskommando):
    """Only the questions given change; an empty text clears its answer; `inledning` and
    `administrativa` None leave them as they are."""

    svar: Mapping[int, str]
    inledning: str | None = None
    administrativa: Mapping[str, str] | None = None

    handling: ClassVar[str] = "skriva tävlingsbidragets svar"

    def begart(self) -> dict[str, Any]:
        return {
            "verksamhet": self.verksamhet,
            "frågor": sorted(self.svar),
            "inledning": self.inledning is not None,
            "administrativa": (
                dict(self.administrativa) if self.administrativa is not None else None
            ),
        }


@dataclass(frozen=True, kw_only=True)
class LaddaUppSvarsmall(Bidragskommando):
    filnamn: str
    innehall: bytes

    handling: ClassVar[str] = "ladda upp svarsmall"

    def begart(self) -> dict[str, Any]:
        sha = hashlib.sha256(self.innehall).hexdigest()
        return {
            "verksamhet": self.verksamhet,
            "filnamn": self.filnamn,
            "sha256": sha,
            "byte": len(self.innehall),
        }


@dataclass(frozen=True, kw_only=True)
class Godkann(Bidragskommando):
    """The unit's chef approves the complete bidrag (the bidrag names its chef)."""

    datum: date | None = None  # None: today

    handling: ClassVar[str] = "godkänna tävlingsbidraget"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.CHEF})


@dataclass(frozen=True, kw_only=True)
class AterkallaGodkannande(Bidragskommando):
    handling: ClassVar[str] = "återkalla godkännandet av tävlingsbidraget"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.CHEF})


@dataclass(frozen=True, kw_only=True)
class LamnaIn(Bidragskommando):
    mottaget: date

    handling: ClassVar[str] = "registrera inlämningen av tävlingsbidraget"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.HANDLAGGARE, Roll.REGISTRATOR})


# -- äldre handlingar ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ImporteraAldreHandling(Kommando):
    """Take an earlier tjänsteutlåtande, protokoll or verksamhetsplan into the nämnd's diarium
    as a closed ärende with the document as its handling: what the registrator confirmed of
    what was read (service_layer/aldre_handlingar.py). `dnr` is the document's own number
    ("I.2-0660/2008"), kept if it cannot collide with the diarium's series; None gives the
    next number of this year. `handlaggare` is a person in the register; `lasta` what was
    read out of the document (its own handläggare, signatories …), kept with the ärende."""

    namnd: str
    slag: str
    titel: str
    datum: date
    handlaggare: str
    fil: InkommenFil
    dnr: str | None = None
    forslag: Sequence[str] = ()
    undertecknare: Sequence[str] = ()
    lasta: Mapping[str, Any] = field(default_factory=dict)
    kalla: str = "text"  # how the text was got: docx, pdf, ocr, txt

    handling: ClassVar[str] = "importera äldre handling"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.REGISTRATOR})

    def begart(self) -> dict[str, Any]:
        data = super().begart()
        data["fil"] = self.fil.som_logg()
        return data


@dataclass(frozen=True)
class ImporteradParagraf:
    """One § of an earlier protokoll as the registrator confirmed it: `dnr` the number it
    names (None: the § is listed in the sammanträde's ärende only), `text` its lines as read,
    repeated in the protokollsutdrag drawn up of it."""

    nummer: int
    titel: str
    dnr: str | None = None
    beslut: Sequence[str] = ()
    text: Sequence[str] = ()


@dataclass(frozen=True, kw_only=True)
class ImporteraProtokoll(Kommando):
    """Take an earlier protokoll of several §§ into the nämnd's diarium in one step: the
    file as handling 1 of a closed ärende for the sammanträde, and each § that names a dnr
    as a closed ärende under that number (or, if the diarium has it, in that ärende) with a
    protokollsutdrag of the § drawn up from what was read. All or nothing."""

    namnd: str
    datum: date  # the sammanträde's
    handlaggare: str
    fil: InkommenFil
    paragrafer: Sequence[ImporteradParagraf]
    undertecknare: Sequence[str] = ()
    lasta: Mapping[str, Any] = field(default_factory=dict)
    kalla: str = "text"

    handling: ClassVar[str] = "importera äldre protokoll"
    roller: ClassVar[frozenset[Roll] | None] = frozenset({Roll.REGISTRATOR})

    def begart(self) -> dict[str, Any]:
        data = super().begart()
        data["fil"] = self.fil.som_logg()
        return data
