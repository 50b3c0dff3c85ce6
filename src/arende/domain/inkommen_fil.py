"""A file that came in from outside (a letter's scan, an e-mail, its attachments), checked
before anything of it is registered or written.

Nothing that arrives is trusted: its name may try to lead out of the archive, its extension
may lie about what it is, a docx (a zip) may unpack to gigabytes. Each check here refuses
with a Swedish message that says what was wrong, and the registration that carried the file
is refused whole: a registration with some of its handlingar missing would be worse than
none, since the register would look complete.

The archive never uses the sender's file name as a path: the handling's file is named by
the ärende, number and verified type (handling.filnamn). The name is still checked, because
a name with path tricks in it is itself a sign that the file is not what it claims.
"""

from __future__ import annotations

import re
import zipfile
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Protocol

from arende.domain.fel import OgiltigUppgift


class Filtyp(StrEnum):
    """What a handling that came in may be: its archive file gets this extension."""

    DOCX = "docx"
    PDF = "pdf"
    EML = "eml"
    PNG = "png"
    JPEG = "jpg"
    TIFF = "tif"


_ANDELSER: dict[str, Filtyp] = {
    "docx": Filtyp.DOCX,
    "pdf": Filtyp.PDF,
    "eml": Filtyp.EML,
    "png": Filtyp.PNG,
    "jpg": Filtyp.JPEG,
    "jpeg": Filtyp.JPEG,
    "tif": Filtyp.TIFF,
    "tiff": Filtyp.TIFF,
}

_BESKRIVNING: dict[Filtyp, str] = {
    Filtyp.DOCX: "ett Word-dokument (docx)",
    Filtyp.PDF: "en PDF",
    Filtyp.EML: "ett e-postmeddelande (eml)",
    Filtyp.PNG: "en PNG-bild",
    Filtyp.JPEG: "en JPEG-bild",
    Filtyp.TIFF: "en TIFF-bild",
}

# An e-mail starts with a header field: a name of printable characters but ':' and a colon.
_RUBRIKFALT = re.compile(rb"^[!-9;-~]{1,76}:")
_DOCX_DELAR = ("[Content_Types].xml", "word/document.xml")
# A zip member may pack this many times smaller than it unpacks before it is called a bomb;
# real Word XML packs about 5-20 times. Members this small are never a risk.
STORSTA_KVOT = 100
_SMA_DELAR = 1 << 20
_STORSTA_ANTAL_DELAR = 5000


# An e-mail's base64 makes it about 4/3 of its attachments, plus its text and headers.
EPOSTMARGINAL = 1.4


def storsta_epost(storsta_fil: int) -> int:
    """The largest e-mail taken in when its files may be `storsta_fil` bytes each."""
    return int(storsta_fil * EPOSTMARGINAL) + (1 << 20)


class Inkommen(Protocol):
    """What the checks read of a file that came in (the service layer's InkommenFil): its
    name, its size, its first bytes and a stream of it; a large file is never read whole."""

    @property
    def namn(self) -> str: ...

    def storlek(self) -> int: ...

    def borjan(self, antal: int) -> bytes: ...

    def oppna(self) -> AbstractContextManager[IO[bytes]]: ...


@dataclass(frozen=True)
class Granskad:
    """A file that passed: its verified type and its size."""

    namn: str
    typ: Filtyp
    storlek: int


def kontrollera_namn(namn: str) -> str:
    """The sender's file name, refused if it tries to be a path: '../../etc/passwd', an
    absolute path, a drive letter, a NUL or another control character."""
    if not namn or not namn.strip():
        raise OgiltigUppgift("Filen saknar namn.")
    synligt = namn.encode("unicode_escape").decode("ascii")[:80]
    if any(ord(t) < 32 or ord(t) == 127 for t in namn):
        raise OgiltigUppgift(
            f"Filnamnet '{synligt}' innehåller styrtecken (t.ex. NUL): filen tas inte emot."
        )
    if "/" in namn or "\\" in namn or re.match(r"^[A-Za-z]:", namn) or namn.strip(". ") == "":
        raise OgiltigUppgift(
            f"Filnamnet '{synligt}' är en sökväg, inte ett filnamn: filen tas inte emot."
        )
    if len(namn) > 255:
        raise OgiltigUppgift(f"Filnamnet '{synligt}…' är längre än 255 tecken.")
    return namn.strip()


def typ_for_namn(namn: str) -> Filtyp:
    andelse = namn.rsplit(".", 1)[-1].lower() if "." in namn else ""
    if andelse not in _ANDELSER:
        kanda = ", ".join(sorted(_ANDELSER))
        raise OgiltigUppgift(
            f"'{namn}' har en filtyp som inte tas emot ('.{andelse}'). Filtyper som tas emot: "
            f"{kanda}."
        )
    return _ANDELSER[andelse]


def faktisk_typ(innehall: bytes) -> Filtyp | None:
    """What the file's first bytes (its magic number) say it is, whatever its name says."""
    if innehall.startswith(b"PK\x03\x04"):
        return Filtyp.DOCX  # a zip: whether it is a Word document is checked when unpacked
    if innehall.startswith(b"\x89PNG\r\n\x1a\n"):
        return Filtyp.PNG
    if innehall.startswith(b"\xff\xd8\xff"):
        return Filtyp.JPEG
    if innehall.startswith((b"II*\x00", b"MM\x00*")):
        return Filtyp.TIFF
    if innehall.startswith(b"%PDF-"):
        return Filtyp.PDF
    if _RUBRIKFALT.match(innehall.lstrip(b"\r\n")[:80]):
        return Filtyp.EML
    if b"%PDF-" in innehall[:1024]:
        # PDF readers look for the header within the first kilobyte, and scanners and
        # some mail gateways do put bytes before it: such a file is still a PDF.
        return Filtyp.PDF
    return None


def granska(fil: Inkommen, storsta: int) -> Granskad:
    """Check a file that came in: its name, that it is not empty nor larger than `storsta`
    bytes, that its first bytes are what its extension says, and that a docx unpacks to a
    Word document of sane size. Returns the verified type; refuses in Swedish otherwise."""
    namn = kontrollera_namn(fil.namn)
    storlek = fil.storlek()
    if not storlek:
        raise OgiltigUppgift(f"'{namn}' är tom (0 byte): det finns inget att registrera.")
    if storlek > storsta:
        raise OgiltigUppgift(
            f"'{namn}' är {megabyte(storlek)}; största fil som tas emot är {megabyte(storsta)}."
        )
    anges = typ_for_namn(namn)
    faktisk = faktisk_typ(fil.borjan(_TYPBYTE))
    if faktisk is not anges:
        vad = _BESKRIVNING[faktisk] if faktisk else "inget av de filtyper som tas emot"
        raise OgiltigUppgift(
            f"'{namn}' heter {_BESKRIVNING[anges]} men innehållet är {vad}: filändelsen "
            "stämmer inte med filen, som inte tas emot."
        )
    if anges is Filtyp.DOCX:
        with fil.oppna() as strom:
            kontrollera_docx(namn, strom, storsta)
    return Granskad(namn, anges, storlek)


# What faktisk_typ looks at: a PDF's header may come anywhere in the first kilobyte.
_TYPBYTE = 4096


def kontrollera_docx(namn: str, innehall: IO[bytes], storsta: int) -> None:
    """A docx is a zip: check what it unpacks to before anything opens it. The sizes the
    zip declares can lie, so each member is also read (and thrown away) with a cap: a bomb
    is stopped at the cap, never unpacked whole."""
    try:
        with zipfile.ZipFile(innehall) as zf:
            delar = zf.infolist()
            if len(delar) > _STORSTA_ANTAL_DELAR:
                raise OgiltigUppgift(
                    f"'{namn}' innehåller {len(delar)} filer: ett Word-dokument har några tiotal."
                )
            namnen = {d.filename for d in delar}
            if not all(d in namnen for d in _DOCX_DELAR):
                raise OgiltigUppgift(
                    f"'{namn}' är ett zip-arkiv men inget Word-dokument (word/document.xml saknas)."
                )
            tak = 4 * storsta  # the whole document unpacked
            totalt = 0
            for d in delar:
                if d.file_size > _SMA_DELAR and d.file_size > STORSTA_KVOT * max(
                    d.compress_size, 1
                ):
                    raise _bomb(namn)
                totalt += d.file_size
                if totalt > tak:
                    raise _bomb(namn)
            lasta = 0
            for d in delar:
                kvar_for_delen = max(d.file_size, 0) + 1
                with zf.open(d) as del_:
                    lasta_i_delen = 0
                    while block := del_.read(1 << 16):
                        lasta_i_delen += len(block)
                        lasta += len(block)
                        # More than it declared, or more than the cap: the header lied.
                        if lasta_i_delen > kvar_for_delen or lasta > tak:
                            raise _bomb(namn)
    except OgiltigUppgift:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise OgiltigUppgift(
            f"'{namn}' går inte att packa upp: filen är skadad och inget Word-dokument."
        ) from None


def _bomb(namn: str) -> OgiltigUppgift:
    return OgiltigUppgift(
        f"'{namn}' packas upp till orimligt mycket mer än filens storlek (en zip-bomb?): "
        "filen tas inte emot."
    )


def megabyte(byte: int) -> str:
    """'100,0 MB': a size as a Swedish reader writes it."""
    return f"{byte / (1 << 20):.1f} MB".replace(".", ",")
