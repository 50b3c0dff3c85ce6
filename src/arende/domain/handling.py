"""A handling: a registered document of an ärende, with its versions.

A handling keeps its number within the ärende for its whole life; every new rendering of it
is a new version, and a registered version is never overwritten (its file is fixed by its
sha256). A fastställd version is also locked: it is the text the nämnd decided on, and a
later change (after a återremiss, say) can only be a new version beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from arende.domain.gallring import Gallringsnotering
from arende.domain.sekretess import Sekretessmarkering


class Handlingstyp(StrEnum):
    TJANSTEUTLATANDE = "tjänsteutlåtande"
    KALLELSE = "kallelse"
    PROTOKOLLSUTDRAG = "protokollsutdrag"
    ANSLAG = "anslag"
    TAVLINGSBIDRAG = "tävlingsbidrag"
    # What comes in from outside: a letter or document, an e-mail, an e-mail's attachment.
    INKOMMEN = "inkommen handling"
    EPOST = "e-postmeddelande"
    BILAGA = "bilaga"
    # Utlämnande of allmän handling (domain/utlamnande.py): the copy given out with its
    # secret parts masked, and the written decision on what was refused.
    UTLAMNAD_KOPIA = "utlämnad kopia"
    BESLUT_UTLAMNANDE = "beslut om utlämnande"
    # An earlier plan imported into the diarium (tjänsteutlåtanden and protokoll keep
    # their own types).
    VERKSAMHETSPLAN = "verksamhetsplan"
    # An earlier protokoll of several §§, whole, in the ärende of its sammanträde (each §
    # with a dnr gets a protokollsutdrag in its own ärende).
    PROTOKOLL = "protokoll"


class Riktning(StrEnum):
    INKOMMANDE = "inkommande"
    UTGAENDE = "utgående"
    UPPRATTAD = "upprättad"  # internal: drawn up within the förvaltning


@dataclass(frozen=True)
class Handling:
    nummer: int
    version: int
    typ: Handlingstyp
    riktning: Riktning
    titel: str
    datum: date
    fil: str  # relative to the archive folder
    sha256: str
    upprattad_av: str
    last: bool
    mall: str = ""
    motpart: str | None = None
    sekretess: bool = False
    nyckel: str | None = None
    flodeskorning: str | None = None
    pdf_fil: str | None = None
    pdf_sha256: str | None = None
    # The sekretess marking with its grounds; `sekretess` is True exactly when it is set.
    markering: Sekretessmarkering | None = None
    # The name an incoming file had when it came (the archive names it by nummer and type).
    ursprungligt_namn: str | None = None
    # Whether a person has looked at it. What the inbox folder or the e-mail receiver took
    # in by itself has a title and a sender nobody has read: until the registrator has
    # (GranskaInkommande), every public view holds it back like a sekretess handling.
    granskad: bool = True
    # Set once the version is gallrad: its content has gone, its record and sha256 remain.
    gallring: Gallringsnotering | None = None

    @property
    def beteckning(self) -> str:
        return f"handling {self.nummer} version {self.version}"


def nasta_plats(
    befintliga: list[Handling], typ: Handlingstyp, titel: str | None = None
) -> tuple[int, int]:
    """(nummer, version) for a new rendering of a document of this type in the ärende.

    One handling per type: a new rendering becomes the next version of it. A new type gets
    the next free number in the ärende. With a titel, one handling per type and titel: a
    nomination has one tjänsteutlåtande but one tävlingsbidrag per nominated unit, and each
    unit's bidrag is its own handling, told apart by its public title (its subject)."""
    av_typen = [h for h in befintliga if h.typ is typ and (titel is None or h.titel == titel)]
    if av_typen:
        senaste = max(av_typen, key=lambda h: h.version)
        return senaste.nummer, senaste.version + 1
    return max((h.nummer for h in befintliga), default=0) + 1, 1


def nasta_nummer(befintliga: list[Handling]) -> int:
    """The next free number in the ärende: every handling that comes in is its own."""
    return max((h.nummer for h in befintliga), default=0) + 1


def filnamn(
    dnr_fil: str, nummer: int, version: int, typ: Handlingstyp, andelse: str = "docx"
) -> str:
    """A path that says what the file is even outside the system, and never collides:
    'SoN-2008-1/01-v1-tjansteutlatande.docx'. The extension is the file's verified type,
    never a name a sender chose."""
    ascii_typ = typ.value.replace("å", "a").replace("ä", "a").replace("ö", "o").replace(" ", "-")
    return f"{dnr_fil}/{nummer:02d}-v{version}-{ascii_typ}.{andelse}"
