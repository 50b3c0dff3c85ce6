"""What the use cases need from the outside world; adapters implement these.

The unit of work and its repositories (ärenden, the diarium, the step log, the audit log,
frister, reminders, sammanträden, handlingar, tävlingsbidrag), the documents' templates,
archive and PDF converter, and the readers of what people hand in. What the registrator's
read-only views need is in visningsportar.py."""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from datetime import date, datetime, time
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Protocol, Self

from arende.domain.anslagstavla import Anslagsnotis
from arende.domain.arende import Arende
from arende.domain.delegation import Delegationsbeslut
from arende.domain.frister import Frist
from arende.domain.gallring import Forslagspost, Gallringsforslag, Gallringsnotering
from arende.domain.granskning import Lank
from arende.domain.handelser import Handelse
from arende.domain.handling import Handling
from arende.domain.kedjehuvud import PubliceratKedjehuvud
from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.organisation import Namnd, Person
from arende.domain.paminnelser import Brev
from arende.domain.sammantrade.mote import Sammantrade
from arende.domain.sammantradesplan import Sammantradesplan
from arende.domain.sekretess import Sekretessmarkering
from arende.domain.skeden import Skede
from arende.domain.tavlingsbidrag import Fragebatteri, Tavlingsbidrag
from arende.domain.utlamnande import Begaran
from arende.domain.verksamhetsplan import EjPlacerat, Verksamhetsplan

if TYPE_CHECKING:  # visningsportar imports this module's row types
    from arende.service_layer.visningsportar import Registratorslasning


@dataclass(frozen=True)
class Utfort:
    """A command already given under its step key: done (with the events it returned), or
    refused (with the message it was refused with)."""

    ok: bool
    meddelande: str = ""
    handelser: tuple[Handelse, ...] = ()


@dataclass(frozen=True)
class Diarierad:
    dnr: str
    registreringsdatum: date
    namnd: str
    titel: str
    handlaggare: str
    skede: str


@dataclass(frozen=True)
class Arbetsurval:
    """Which open ärenden a work queue lists: those in `alla` skeden, and those in `egna`
    skeden that `handlaggare` handles; of `namnd` only, if one is named."""

    namnd: str | None
    alla: frozenset[Skede]
    egna: frozenset[Skede]
    handlaggare: str


@dataclass(frozen=True)
class Arbetsrad:
    """An open ärende as the work queue shows it, without its whole aggregate."""

    dnr: str
    titel: str
    namnd: str
    skede: Skede
    sista_dag: date | None
    sammantrade: date | None  # the sammanträde whose dagordning it stands on
    beslutets_sammantrade: date | None  # where the decision on the matter was made
    justeringsdatum: date | None
    senaste_handelse: str  # the time of its last audit event, ISO; "" if none


@dataclass(frozen=True)
class Loggpost:
    """One event of the audit log as stored."""

    sekvens: int
    tidpunkt: str
    dnr: str | None
    handling: str
    aktor: str
    roll: str
    flodeskorning: str | None
    innehall: dict[str, Any]


class ArendeRepository(Protocol):
    def lagg_till(self, arende: Arende, idempotensnyckel: str | None) -> None: ...
    def hamta(self, dnr: str, *, las: bool = True) -> Arende:
        """The ärende, locked until commit unless `las` is False (a read for a document or a
        page, which must not wait for the ärende's steps, nor lock on a read-only database)."""
        ...

    def hamta_via_nyckel(self, idempotensnyckel: str) -> Arende | None: ...
    def spara(self, arende: Arende) -> None: ...
    def diarium(self, namnd: str | None = None, ar: int | None = None) -> list[Diarierad]: ...
    def for_sammantrade(self, namnd: str, sammantrade: date) -> list[str]:
        """The dnr of the nämnd's open ärenden planned for or standing on that sammanträde's
        dagordning, in dnr order."""
        ...

    def pa_dagordning(self, namnd: str, sammantrade: date) -> list[tuple[str, str]]:
        """(dnr, title) of the ärenden on the nämnd's dagordning that day, in dnr order."""
        ...

    def i_arbetsko(self, urval: Arbetsurval) -> list[Arbetsrad]:
        """The open ärenden the urval names, in dnr order: read in one go, not aggregate by
        aggregate, for a kommun's thousands open at once."""
        ...


class Grunddata(Protocol):
    def namnd(self, namn: str) -> Namnd: ...
    def namnder(self) -> list[Namnd]: ...
    def person(self, namn: str) -> Person: ...
    def utmarkelsear(self, ar: int) -> Utmarkelsear: ...
    def person_med_epost(self, epost: str) -> Person | None: ...
    def personer_i_namnd(self, namnd: str) -> list[Person]: ...
    def alla_utmarkelsear(self) -> list[Utmarkelsear]: ...
    def spara_namnd(self, namnd: Namnd) -> None: ...
    def spara_person(self, person: Person) -> None: ...
    def spara_utmarkelsear(self, ar: Utmarkelsear) -> None: ...


class Diarium(Protocol):
    def nasta_nummer(self, prefix: str, ar: int) -> int: ...
    def minst(self, prefix: str, ar: int, nummer: int) -> None:
        """Move the series (prefix, year) past `nummer`, an earlier document's own number
        taken into the diarium: the next number given is larger (äldre handlingar)."""
        ...


class Kommandologg(Protocol):
    """The step keys of the commands taken, per aggregate (an ärende's dnr, a sammanträde,
    'registrering')."""

    def hamta(self, aggregat: str, nyckel: str) -> Utfort | None: ...
    def registrera(self, aggregat: str, nyckel: str, utfort: Utfort) -> None:
        """SamtidigAndring if the key is already taken (by a concurrent run)."""
        ...


class Granskningslogg(Protocol):
    def skriv(
        self,
        *,
        dnr: str | None,
        handling: str,
        aktor: str,
        roll: str,
        flodeskorning: str | None,
        innehall: dict[str, Any],
    ) -> int: ...
    def for_arende(self, dnr: str) -> list[Loggpost]: ...
    def for_korning(self, flodeskorning: str) -> list[Loggpost]: ...
    def for_sammantrade(self, namnd: str, datum: date) -> list[Loggpost]:
        """The events of the nämnd's sammanträde that day (its kallelse, protokoll,
        justering …: those naming no ärende), in order."""
        ...

    def lankar(self) -> list[Lank]: ...
    def huvud(self) -> tuple[int, str]:
        """The chain's head (sequence, hash) as this transaction sees it; (0, START_HASH)
        before the first event."""
        ...


class Handlingsregister(Protocol):
    def for_arende(self, dnr: str) -> list[Handling]: ...
    def med_sha256(self, sha256: str) -> list[tuple[str, Handling]]:
        """Every registered version whose file has this sha256, with its ärende's dnr: the
        same file imported twice is found (äldre handlingar)."""
        ...

    def lagg_till(self, dnr: str, handling: Handling) -> None: ...
    def satt_pdf(self, dnr: str, nummer: int, version: int, fil: str, sha256: str) -> bool:
        """Record the PDF rendition once; False if one was already recorded."""
        ...

    def satt_sekretess(self, dnr: str, nummer: int, markering: Sekretessmarkering | None) -> int:
        """Mark (or, with None, unmark) every version of handling `nummer`; how many."""
        ...

    def satt_granskad(self, dnr: str, nummer: int, titel: str | None) -> int:
        """Mark every version of handling `nummer` looked at, with a new title if given;
        how many."""
        ...


@dataclass(frozen=True)
class Gallringsunderlag:
    """An ärende as a gallring run weighs it: its type, its avslut (None: open) and every
    version of its handlingar, in number and version order, each with its gallring record
    if it has one."""

    dnr: str
    arendetyp: str
    avslutsdatum: date | None
    handlingar: tuple[Handling, ...]


class Gallringsregister(Protocol):
    """The gallring runs' proposals and the records of what was gallrat (schema 0017)."""

    def underlag(self, namnd: str, *, oppna: bool) -> list[Gallringsunderlag]:
        """The nämnd's ärenden in diarium order with their handlingar, read in a few
        queries (not one per ärende); the closed ones only unless `oppna`."""
        ...

    def nytt_forslag(self, namnd: str, datum: date, av: str, poster: Sequence[Forslagspost]) -> int:
        """Store a proposal; its number."""
        ...

    def forslag(self, forslag_id: int) -> Gallringsforslag | None:
        """The proposal, locked until commit (a decision on it waits for another)."""
        ...

    def forslagen(self, namnd: str, *, obeslutade: bool = False) -> list[Gallringsforslag]:
        """The nämnd's proposals, newest first; only the undecided ones if asked (a
        gallring run reads those, not the years of decided ones)."""
        ...

    def besluta(self, forslag_id: int, datum: date, av: str) -> None: ...
    def att_meddela(self, av: str) -> list[Gallringsforslag]:
        """The undecided proposals `av` made whose registratorer are not yet told, oldest
        first (every nämnd)."""
        ...

    def markera_meddelad(self, forslag_id: int, nar: datetime) -> bool:
        """Record that the registratorer were told, once: False if it was already recorded
        (or the proposal decided meanwhile), so a second scheduler sends nothing."""
        ...

    def gallra(self, dnr: str, handling: Handling, notering: Gallringsnotering) -> None:
        """Keep the record of a gallrad version; the record is never changed."""
        ...


class Dokumentmallar(Protocol):
    def rendera(self, mall: str, data: dict[str, Any]) -> bytes:
        """The filled-in document; OgiltigUppgift naming the field if the template is bad."""
        ...

    def som_markdown(self, docx: bytes) -> str: ...


class Arkiv(Protocol):
    def spara(self, relativ: str, innehall: bytes | IO[bytes]) -> str:
        """Store the file whole (a stream is copied in blocks) and return its sha256."""
        ...

    def las(self, relativ: str) -> bytes: ...
    def url(self, relativ: str) -> str: ...
    def radera(self, relativ: str) -> bool:
        """Remove a gallrad file; False if it was already gone."""
        ...


@dataclass(frozen=True)
class Lastext:
    """The text of an earlier document and how it was got: 'docx' (Word's paragraphs),
    'pdf' (the PDF's text layer), 'ocr' (a scanned PDF read by OCR), 'bild' (an image of
    the document read by OCR) or 'txt' (a text file, such as an earlier OCR reading);
    `sidor` for a PDF or an image."""

    text: str
    kalla: str
    sidor: int | None = None


@dataclass(frozen=True)
class Ruta:
    """Where a stycke stands on a page of a PDF or an image: the page (1, 2, ...) and the
    box as fractions of the page's width and height from its top left corner, so a page
    rendered at any resolution is masked at the same place."""

    sida: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Stycke:
    """One numbered stycke of a handling: its text and, for a PDF or an image, the boxes
    it covers on the pages (none for Word and e-mail, whose copy is written from text)."""

    text: str
    rutor: tuple[Ruta, ...] = ()
    # The lines OCR found in the stycke, in order (an image's text for the import keeps
    # its headings on lines of their own); () where the stycke is its one line.
    rader: tuple[str, ...] = field(default=(), compare=False)


class Textlasare(Protocol):
    def las(self, namn: str, innehall: bytes) -> Lastext:
        """The document's text; OgiltigUppgift for a file that cannot be read (a broken
        PDF), TjanstSaknas when the program it needs (pdftotext, OCRmyPDF) is missing."""
        ...

    def stycken(self, innehall: bytes, filtyp: str) -> list[str]:
        """The texts of `stycken_med_rutor`, the one numbering of a handling's stycken."""
        ...

    def stycken_med_rutor(self, innehall: bytes, filtyp: str) -> list[Stycke]:
        """The text of a handling's file as numbered stycken in order, with where each one
        stands: a Word paragraph, a paragraph of an e-mail, a line of a PDF's text layer,
        a paragraph that OCR finds on a scanned PDF's or an image's page (png, jpg, tif).
        Empty for a file without text; OgiltigUppgift for one that cannot be read."""
        ...

    def maskerad_kopia(
        self,
        innehall: bytes,
        filtyp: str,
        maskerade: Set[int],
        bestammelse: str,
        inledning: Sequence[str],
    ) -> bytes | None:
        """A copy of the handling's own file that keeps its layout, with the stycken
        `maskerade` (numbered as `stycken` numbers them) replaced by the note of
        `bestammelse` and `inledning` first; for a Word file, the copy as a Word file.
        None for the others: a PDF or an image is masked on its pages (Bildmaskering), an
        e-mail's copy is written from its text."""
        ...


class Bildmaskering(Protocol):
    def __call__(
        self, original: bytes, filtyp: str, rutor: Sequence[Ruta], forsattsblad: Sequence[str]
    ) -> bytes:
        """The copy given out of a PDF or an image with the boxes painted black: an
        image-only PDF/A of its pages (nothing of the original's text layer), OCR-read so
        the rest is searchable, after a first page with `forsattsblad` (a heading, then
        paragraphs)."""
        ...


class PdfOmvandlare(Protocol):
    def till_pdf(self, docx: bytes) -> bytes:
        """The document as PDF/A-2b: every PDF the system archives is PDF/A."""
        ...


@dataclass(frozen=True)
class Underskrift:
    """One person's justering of the protokoll: who, in which role, when, and the sha256 of
    the protokoll she approved."""

    namn: str
    roll: str
    tidpunkt: datetime
    sha256: str


@dataclass(frozen=True)
class Sigillstatus:
    """One PAdES signature of a sealed PDF as the validator found it."""

    falt: str  # the signature field
    namn: str  # the signature's /Name: the signatory and her role
    skal: str  # its /Reason: what she approved, when
    tidpunkt: datetime | None  # when the seal was applied (/M)
    utfardat_for: str  # the certificate's subject: the nämnd's seal
    intakt: bool  # the signed bytes are unchanged
    giltig: bool  # the signature is mathematically valid
    betrodd: bool  # the certificate chains to a configured trust root
    hela_filen: bool  # it covers the whole file: nothing was added after it
    andrat_efter: bool  # something other than later signatures was added after it

    @property
    def ok(self) -> bool:
        return self.intakt and self.giltig and self.betrodd and not self.andrat_efter

    def brist(self) -> str:
        """What is wrong with it, in Swedish (empty if nothing)."""
        fel = []
        if not self.intakt:
            fel.append("det signerade innehållet har ändrats")
        if not self.giltig:
            fel.append("signaturen är ogiltig")
        if not self.betrodd:
            fel.append("certifikatet leder inte till någon betrodd rot")
        if self.andrat_efter:
            fel.append("dokumentet har ändrats efter signaturen")
        return f"sigillet för {self.namn or self.falt}: {', '.join(fel)}" if fel else ""


@dataclass(frozen=True)
class Sigillkontroll:
    """The seals of one PDF: each signature's status, or why the file could not be read."""

    sigill: tuple[Sigillstatus, ...] = ()
    fel: str = ""

    @property
    def ok(self) -> bool:
        return (
            not self.fel
            and bool(self.sigill)
            and all(s.ok for s in self.sigill)
            and any(s.hela_filen for s in self.sigill)
        )

    def brister(self) -> list[str]:
        """Each thing wrong, in Swedish: nothing when the seals hold."""
        if self.fel:
            return [self.fel]
        if not self.sigill:
            return ["filen har inget sigill"]
        rader = [s.brist() for s in self.sigill if not s.ok]
        if not any(s.hela_filen for s in self.sigill):
            rader.append("något har lagts till i filen efter det sista sigillet")
        return rader


class Sigill(Protocol):
    """The nämnd's electronic seal on the justerat protokoll (PAdES), and its check.

    The adapter today seals with the nämnd's seal certificate, one signature per signatory
    naming her, her role, the time and the sha256 she approved. An e-signing service (each
    signatory's own BankID signature through the kommun's e-underskriftstjänst) would
    implement the same port: `forsegla` sends the PDF and the underskrifter and returns the
    PDF signed by the service, `kontrollera` validates what it returns."""

    def forsegla(self, pdf: bytes, namnd: str, underskrifter: Sequence[Underskrift]) -> bytes:
        """The PDF with one PAdES signature per underskrift, in order, each an incremental
        update so the earlier ones stay valid."""
        ...

    def kontrollera(self, pdf: bytes) -> Sigillkontroll: ...


@dataclass(frozen=True)
class LagradFrist:
    """A frist as stored: its row id (reminder jobs are named after it) and its ärende."""

    id: int
    dnr: str
    frist: Frist


@dataclass(frozen=True)
class Paminnelsepost:
    id: int
    dnr: str
    frist_id: int
    fristtyp: str
    fristdatum: date
    ledtid: int
    slag: str
    till: tuple[str, ...]
    kopia: tuple[str, ...]
    amne: str
    planerad: datetime
    skickad: datetime


class Fristregister(Protocol):
    def ersatt(self, dnr: str, frister: list[Frist]) -> bool:
        """Make the ärende's stored frister exactly these (upsert by typ, delete the rest);
        True if anything changed. Row ids of kept typer stay the same."""
        ...

    def for_arende(self, dnr: str) -> list[LagradFrist]: ...
    def hamta(self, frist_id: int) -> LagradFrist | None: ...
    def oppna_arenden(self) -> list[str]: ...
    def att_bevaka(self) -> list[tuple[int, date]]:
        """(id, date) of the frister of open ärenden whose action is not done: the ones
        reminders are for, in date order. Only what planning the reminders needs: the
        scheduler reads every one on each reconciliation."""
        ...

    def for_handlaggare(self, namn: str) -> list[LagradFrist]: ...
    def for_namnd(self, namn: str) -> list[LagradFrist]: ...
    def arendenas_sammantraden(
        self, *, handlaggare: str | None = None, namnd: str | None = None
    ) -> list[tuple[str, str, date]]:
        """(dnr, nämnd, sammanträde) of the open ärenden of a handläggare or a nämnd."""
        ...


class Paminnelseregister(Protocol):
    def lagg_till(
        self,
        *,
        frist: LagradFrist,
        ledtid: int,
        slag: str,
        till: tuple[str, ...],
        kopia: tuple[str, ...],
        amne: str,
        planerad: datetime,
        skickad: datetime,
    ) -> int:
        """Record a reminder; SamtidigAndring if it is already recorded (by anyone)."""
        ...

    def skickade(self) -> set[tuple[int, date, int]]:
        """(frist id, frist date, ledtid) of every reminder recorded for a stored frist."""
        ...

    def hamta(self, paminnelse_id: int) -> Paminnelsepost | None: ...
    def for_arende(self, dnr: str) -> list[Paminnelsepost]: ...
    def chefer(self, namnd: str) -> list[Person]: ...


class Brevlada(Protocol):
    def skicka(self, brev: Brev) -> None:
        """Deliver the mail or raise (OSError, smtplib.SMTPException): nothing half-sent."""
        ...


class Sammantradesplaner(Protocol):
    def spara(self, plan: Sammantradesplan) -> None: ...
    def plan(self, namnd: str, ar: int) -> Sammantradesplan | None: ...
    def sammantraden(self, namnd: str) -> list[date]: ...
    def borjan(self, namnd: str, datum: date) -> time | None: ...
    def spara_justeringsdagar(self, namnd: str, dagar: int) -> None: ...
    def justeringsdagar(self, namnd: str) -> int: ...


@dataclass(frozen=True)
class Protokollfil:
    """The protokoll as drawn up when the meeting closed: the version the justerare sign."""

    fil: str
    sha256: str


class Sammantraden(Protocol):
    def hamta(self, namnd: str, datum: date, *, las: bool = True) -> Sammantrade | None:
        """The sammanträde, locked until commit unless `las` is False (a read that must not
        wait for, or hold up, the meeting's own steps); None if it is not planned yet."""
        ...

    def spara(self, sammantrade: Sammantrade) -> None: ...
    def satt_protokoll(self, namnd: str, datum: date, fil: Protokollfil) -> None: ...
    def protokoll(self, namnd: str, datum: date) -> Protokollfil | None: ...
    def fore(self, namnd: str, datum: date) -> list[Sammantrade]: ...
    def mellan(self, namnd: str, forsta: date, sista: date) -> list[Sammantrade]:
        """The nämnd's stored sammanträden from `forsta` through `sista`, earliest first,
        read without locking."""
        ...

    def hogsta_paragraf(self, namnd: str, ar: int) -> int:
        """The highest § of the nämnd's protokoll that year: the one place § numbers are
        kept (each sammanträde's paragrafer run on from it)."""
        ...


# -- the tävlingsbidrag ---------------------------------------------------------------------


@dataclass
class LagratBidrag:
    """A stored bidrag and what only the register knows about it."""

    bidrag: Tavlingsbidrag
    # The grunddata person who may write the unit's answers besides the handläggare.
    kontaktperson: str | None
    ordning: int  # the unit's place in the nomination


@dataclass(frozen=True)
class ImporteradPlan:
    """A verksamhetsplan as imported for a unit: the structure as JSON-able data, the
    source text's sha256 (which text it came from), and the lines nobody placed yet."""

    verksamhet: str
    ar: int | None  # the year the plan is for, when the text says it
    titel: str
    sha256: str
    struktur: dict[str, Any]
    ej_placerat: tuple[EjPlacerat, ...]
    importerad_av: str
    importerad: datetime | None = None


class Anslagstavla(Protocol):
    def satt_upp(self, notis: Anslagsnotis) -> None:
        """Publish the notice: from now on it is on the public anslagstavla."""
        ...

    def uppe(self, idag: date, namnd: str | None = None) -> list[Anslagsnotis]:
        """What is on the board on `idag`, newest first."""
        ...

    def nedtagna(
        self, idag: date, namnd: str | None = None, gransen: int = 50, forbi: int = 0
    ) -> list[Anslagsnotis]:
        """The archive: notices down by `idag`, newest first, a page of `gransen` after
        `forbi`."""
        ...

    def antal_nedtagna(self, idag: date, namnd: str | None = None) -> int: ...

    def alla(self, namnd: str | None = None) -> list[Anslagsnotis]:
        """Every notice ever published, newest first."""
        ...


class Kedjehuvuden(Protocol):
    """The audit chain's heads published on the anslagstavla, one a day; never changed."""

    def publicera(self, huvud: PubliceratKedjehuvud) -> None:
        """SamtidigAndring if the day already has its head (a concurrent publisher)."""
        ...

    def for_dag(self, datum: date) -> PubliceratKedjehuvud | None: ...
    def senaste(self) -> PubliceratKedjehuvud | None: ...
    def antal(self) -> int: ...
    def sida(self, gransen: int, forbi: int) -> list[PubliceratKedjehuvud]:
        """Newest first, a page of `gransen` after `forbi`."""
        ...

    def alla(self) -> list[PubliceratKedjehuvud]:
        """Every published head, oldest first."""
        ...


class Tavlingsregister(Protocol):
    def for_arende(self, dnr: str) -> list[LagratBidrag]:
        """The ärende's bidrag in the nomination's order (empty before they are opened)."""
        ...

    def hamta(self, dnr: str, verksamhet: str) -> LagratBidrag:
        """HittasInte, in Swedish and naming the ärende's units, if there is none."""
        ...

    def lagg_till(
        self, dnr: str, bidrag: Tavlingsbidrag, kontaktperson: str | None, ordning: int
    ) -> None: ...

    def spara(self, bidrag: Tavlingsbidrag) -> None:
        """Store the bidrag's fields and answers as they are now (it must have an id)."""
        ...

    def lagg_till_plan(
        self,
        dnr: str,
        verksamhet: str,
        plan: Verksamhetsplan,
        *,
        ar: int | None,
        sha256: str,
        importerad_av: str,
    ) -> bool:
        """Store a plan imported for the unit; False (nothing stored) if the same text (by
        sha256) already was."""
        ...

    def senaste_plan(self, dnr: str, verksamhet: str) -> ImporteradPlan | None: ...


# The readers the adapters provide (fragebatterifil.las_fragebatteri_for bound to a
# folder, verksamhetsplanimport.importera_verksamhetsplan, svarsmall.las_svarsmall).
Fragekalla = Callable[[int], Fragebatteri]
Plantolk = Callable[[str], Verksamhetsplan]


class IfylldMall(Protocol):
    """What a filled answer template gives back (svarsmall.IfylldSvarsmall)."""

    @property
    def ar(self) -> int: ...
    @property
    def administrativa(self) -> dict[str, str]: ...
    @property
    def inledning(self) -> str: ...
    @property
    def svar(self) -> dict[int, str]: ...


Svarsmallslasare = Callable[[str, bytes, Fragebatteri], IfylldMall]


class Begaranregister(Protocol):
    """Requests for allmän handling (domain/utlamnande.py), numbered within their ärende."""

    def nasta_nummer(self, dnr: str) -> int: ...
    def lagg_till(self, begaran: Begaran) -> int:
        """Store a new request; returns (and sets) its id."""
        ...

    def hamta(self, dnr: str, nummer: int) -> Begaran: ...
    def hamta_id(self, begaran_id: int) -> Begaran | None: ...
    def for_arende(self, dnr: str) -> list[Begaran]: ...
    def oppna(self) -> list[Begaran]: ...
    def spara_provning(self, begaran: Begaran) -> None: ...
    def markera_paminnelse(self, begaran_id: int, nar: datetime) -> bool:
        """Record the reminder once; False if already recorded or the request decided."""


class Delegationsregister(Protocol):
    """The register of delegationsbeslut (kommunallagen 6 kap. 40 §), per nämnd."""

    def nasta_nummer(self, namnd: str, ar: int) -> int:
        """The next number in the nämnd's register for the year."""
        ...

    def lagg_till(self, beslut: Delegationsbeslut) -> None: ...

    def for_namnd(
        self, namnd: str, ar: int | None = None, *, vantande: bool = False
    ) -> list[Delegationsbeslut]:
        """The nämnd's register (one year's, or all), in order; `vantande`: only those
        still waiting for an anmälan (anmälda, not yet in one)."""
        ...

    def anmal(self, namnd: str, beslut: Sequence[Delegationsbeslut], anmalan: str) -> None:
        """Record that the decisions are anmälda to the nämnd in the ärende `anmalan`."""
        ...

    def i_anmalan(self, anmalan: str) -> list[Delegationsbeslut]:
        """The decisions the anmälan `anmalan` (a dnr) brings to the nämnd, in order."""
        ...


class UnitOfWork(Protocol):
    arenden: ArendeRepository
    grunddata: Grunddata
    diarium: Diarium
    kommandon: Kommandologg
    logg: Granskningslogg
    frister: Fristregister
    paminnelser: Paminnelseregister
    planer: Sammantradesplaner
    lasning: Registratorslasning
    handlingar: Handlingsregister
    tavlingsbidrag: Tavlingsregister
    sammantraden: Sammantraden
    anslagstavla: Anslagstavla
    kedjehuvuden: Kedjehuvuden
    begaranden: Begaranregister
    gallring: Gallringsregister
    delegationsbeslut: Delegationsregister

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        typ: type[BaseException] | None,
        fel: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


class Klocka(Protocol):
    def idag(self) -> date: ...
