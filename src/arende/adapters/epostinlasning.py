"""An e-mail (.eml, RFC 5322 with MIME) read into what the registration needs: the sender,
the subject, the Message-ID, the attachments, and a hash of its content.

Read as a stream, a line at a time, and each attachment decoded on the way to a file of its
own in `katalog`: a 274 MB e-mail with a 200 MB attachment is registered with the same few
blocks in memory as a small one. Why not Python's `email` parser: it keeps every line of a
message as its own object (a 68 MB e-mail took 600 MB of memory, measured) and returns the
attachments as bytes. The header blocks are still read by Python's own header parser (each
is small; it decodes the RFC 2047/2231 names and addresses); what is ours is finding the
MIME parts by their boundaries (RFC 2046 5.1.1) and decoding base64 and quoted-printable in
pieces.

A message whose structure is broken (a multipart without its boundary, a boundary that never
comes, headers that are not headers) is refused with a Swedish message rather than
registered as whatever a lenient reading made of it.
"""

from __future__ import annotations

import binascii
import hashlib
import quopri
from email import errors, policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from pathlib import Path
from typing import IO

from arende.domain.fel import OgiltigUppgift
from arende.service_layer.inkommande import Epost
from arende.service_layer.kommandon import InkommenFil

# Defects of a header block that mean it cannot be trusted.
_ALLVARLIGA = (
    errors.MissingHeaderBodySeparatorDefect,
    errors.FirstHeaderLineIsContinuationDefect,
    errors.MisplacedEnvelopeHeaderDefect,
)
_RUBRIKER = BytesHeaderParser(policy=policy.default)
_DJUPAST = 20  # multipart inside multipart: real mail programs nest a few levels
# A line longer than this (a whole attachment in one base64 line) is read in pieces of it.
_BIT = 1 << 16
# Headers beyond this are no mail program's: a sender's way to make us hold a lot.
_STORSTA_HUVUD = 1 << 20
_BASE64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
_INTE_BASE64 = bytes(b for b in range(256) if b not in _BASE64)

Bit = tuple[bytes, bool]  # a piece of a line, and whether it begins the line
Traff = tuple[int, bool]  # which boundary a delimiter line is of, and whether it closes


def _trasigt(vad: str) -> OgiltigUppgift:
    return OgiltigUppgift(
        f"E-postmeddelandet går inte att tolka: dess struktur är trasig ({vad}). Be "
        "avsändaren skicka det igen."
    )


class _Lasare:
    """The message's lines from a stream, each in pieces of at most _BIT bytes, with one
    piece of lookback; from `hasha()` on, every byte read is hashed as it is first read."""

    def __init__(self, strom: IO[bytes]) -> None:
        self.strom = strom
        self.tillbaka: list[Bit] = []
        self.radstart = True
        self.summa = hashlib.sha256()
        self.hashar = False

    def nasta(self) -> Bit | None:
        if self.tillbaka:
            return self.tillbaka.pop()
        bit = self.strom.readline(_BIT)
        if not bit:
            return None
        borjar = self.radstart
        self.radstart = bit.endswith(b"\n")
        if self.hashar:
            self.summa.update(bit)
        return bit, borjar

    def lagg_tillbaka(self, bit: Bit) -> None:
        self.tillbaka.append(bit)

    def hasha(self) -> None:
        self.hashar = True

    def innehallshash(self) -> str:
        """The hash of everything after the message's headers, the rest read to its end.
        The headers mail servers add on the way (Received, ...) are left out, so the same
        e-mail delivered twice has the same hash."""
        assert self.hashar and not self.tillbaka
        while block := self.strom.read(1 << 20):
            self.summa.update(block)
        return self.summa.hexdigest()


def _avgransare(bit: Bit, granser: list[bytes]) -> Traff | None:
    """Whether the piece is a delimiter line ('--grans' or '--grans--', only white space
    after) of one of the open multiparts, innermost first, so another part's '--gransX' is
    not taken for '--grans'."""
    rad, borjar = bit
    if not borjar or not rad.startswith(b"--"):
        return None
    for i in range(len(granser) - 1, -1, -1):
        if rad.startswith(granser[i]):
            resten = rad[len(granser[i]) :]
            if not resten.removeprefix(b"--").strip():
                return i, resten.startswith(b"--")
    return None


def _huvud(lasare: _Lasare, granser: list[bytes]) -> EmailMessage:
    """The header block from here to its blank line (a delimiter or the end also ends it)."""
    rader: list[bytes] = []
    storlek = 0
    while (bit := lasare.nasta()) is not None:
        rad, borjar = bit
        if borjar and rad in (b"\r\n", b"\n"):
            break
        if _avgransare(bit, granser) is not None:
            lasare.lagg_tillbaka(bit)
            break
        rader.append(rad)
        storlek += len(rad)
        if storlek > _STORSTA_HUVUD:
            raise _trasigt("rubrikfälten är större än 1 MB")
    if not rader:  # no headers at all: the body begins here
        return EmailMessage(policy=policy.default)
    huvud = b"".join(rader)
    if not huvud.endswith(b"\n"):
        huvud += b"\r\n"
    del_ = _RUBRIKER.parsebytes(huvud)
    assert isinstance(del_, EmailMessage)
    fel = [d for d in del_.defects if isinstance(d, _ALLVARLIGA)]
    if fel:
        raise _trasigt(type(fel[0]).__name__)
    return del_


def las_epost(fil: InkommenFil, katalog: Path) -> Epost:
    """The e-mail in `fil`, its attachments written to files in `katalog` (which the caller
    removes when the registration is done); OgiltigUppgift in Swedish when it cannot be
    read or has no sender."""
    storlek = fil.storlek()
    if storlek <= _BIT and not fil.borjan(_BIT).strip():
        raise OgiltigUppgift(f"E-postmeddelandet är tomt ({storlek} byte).")
    with fil.oppna() as strom:
        lasare = _Lasare(strom)
        brev = _huvud(lasare, [])
        lasare.hasha()
        if not brev.keys():
            raise OgiltigUppgift(
                "E-postmeddelandet går inte att tolka: det har inga rubrikfält (From, Subject …)."
            )
        avsandare, amne, message_id = _avsandare_och_amne(brev)
        bilagor = _Bilagor(katalog)
        if brev.get_content_maintype() == "multipart":
            _multipart(lasare, brev, [], bilagor, 0)
        innehallshash = lasare.innehallshash()
    return Epost(avsandare, amne, message_id, fil, innehallshash, bilagor.filer)


def _avsandare_och_amne(brev: EmailMessage) -> tuple[str, str, str | None]:
    try:
        franfalt = [str(v) for v in brev.get_all("From", [])]
        adresser = [(n, a) for n, a in getaddresses(franfalt) if a and "@" in a]
        amne = " ".join(str(brev.get("Subject", "")).split())
        message_id = str(brev.get("Message-ID", "")).strip() or None
    except (errors.HeaderParseError, ValueError, IndexError):
        raise OgiltigUppgift(
            "E-postmeddelandet går inte att tolka: rubrikfälten (From, Subject, Message-ID) "
            "är felaktiga."
        ) from None
    if not adresser:
        raise OgiltigUppgift(
            "E-postmeddelandet saknar avsändare (From): registret ska visa vem handlingen kom "
            "från (OSL 5 kap. 2 §), så det registreras inte."
        )
    namn, adress = adresser[0]
    avsandare = f"{namn} <{adress}>" if namn else adress
    if len(avsandare) > 200:  # the register's column: the address alone says who
        avsandare = adress[:200]
    return avsandare, amne, message_id


class _Bilagor:
    """The attachments read so far, each in a file of its own in `katalog`, named by its
    order: the sender's name for it is never a path."""

    def __init__(self, katalog: Path) -> None:
        self.katalog = katalog
        self.filer: list[InkommenFil] = []

    def nasta_sokvag(self) -> Path:
        return self.katalog / f"bilaga-{len(self.filer) + 1}"


def _multipart(
    lasare: _Lasare, del_: EmailMessage, yttre: list[bytes], bilagor: _Bilagor, djup: int
) -> None:
    """The parts of a multipart, from its preamble to its closing delimiter (or to an outer
    one, or the end: then the parts run to there): the attached files, however deep the
    mail program nested them (an attachment inside multipart/related inside
    multipart/alternative), and an attached e-mail whole, not its own attachments: those
    are inside its .eml. A part without a file name (the text, an inline image without a
    name) is the message's own. Returns with the reader before the delimiter that ended it,
    if an outer one did."""
    if djup > _DJUPAST:
        raise _trasigt(f"fler än {_DJUPAST} nivåer av delar")
    grans = del_.get_param("boundary")
    if not isinstance(grans, str) or not grans:
        raise _trasigt("en multipart-del saknar sin gräns (boundary)")
    granser = [*yttre, b"--" + grans.encode("ascii", "replace")]
    egen = len(granser) - 1
    while True:  # the preamble, up to the first delimiter
        bit = lasare.nasta()
        traff = _avgransare(bit, granser) if bit is not None else None
        if bit is None or (traff is not None and (traff[0] != egen or traff[1])):
            raise _trasigt("gränsen mellan delarna (boundary) saknas")
        if traff is not None:
            break
    while True:
        under = _huvud(lasare, granser)
        slut = _del(lasare, under, granser, bilagor, djup)
        if slut is None:
            return
        bit, (niva, sista) = slut
        if niva < egen:  # an outer multipart goes on: this one ended without closing
            lasare.lagg_tillbaka(bit)
            return
        if sista:
            break
    while (bit := lasare.nasta()) is not None:  # the epilogue, up to an outer delimiter
        if _avgransare(bit, yttre) is not None:
            lasare.lagg_tillbaka(bit)
            return


def _del(
    lasare: _Lasare,
    del_: EmailMessage,
    granser: list[bytes],
    bilagor: _Bilagor,
    djup: int,
) -> tuple[Bit, Traff] | None:
    """One part's body, read to the delimiter that ends it (returned) or to the end."""
    typ = del_.get_content_type()
    if del_.get_content_maintype() == "multipart":
        _multipart(lasare, del_, granser, bilagor, djup + 1)
        return _till_avgransare(lasare, granser, None)
    namn = del_.get_filename()
    if typ == "message/rfc822":
        # A forwarded e-mail attached whole: it becomes its own .eml.
        eml = namn or "bifogat-meddelande.eml"
        namn = eml if eml.lower().endswith(".eml") else eml + ".eml"
        kodning = "7bit"  # kept as it came, whatever its header says
    elif namn is None:
        return _till_avgransare(lasare, granser, None)
    else:
        kodning = str(del_.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    sokvag = bilagor.nasta_sokvag()
    with sokvag.open("xb") as ut:
        avkodare = _avkodare(kodning, ut, namn)
        slut = _till_avgransare(lasare, granser, avkodare)
        avkodare.slut()
    bilagor.filer.append(InkommenFil(namn, sokvag=sokvag))
    return slut


class _Ra:
    """A body kept as it came (7bit, 8bit, binary, an attached e-mail)."""

    def __init__(self, ut: IO[bytes]) -> None:
        self.ut = ut

    def skriv(self, data: bytes) -> None:
        self.ut.write(data)

    def slut(self) -> None:
        pass


class _Base64(_Ra):
    """base64 decoded in pieces of whole four-character groups; as in a non-strict decoding
    of the whole, line breaks and stray characters are skipped."""

    def __init__(self, ut: IO[bytes], namn: str) -> None:
        super().__init__(ut)
        self.namn = namn
        self.rest = b""

    def skriv(self, data: bytes) -> None:
        tecken = self.rest + data.translate(None, _INTE_BASE64)
        hela = len(tecken) - len(tecken) % 4
        self.rest = tecken[hela:]
        if hela:
            self._avkoda(tecken[:hela])

    def slut(self) -> None:
        if self.rest:
            self._avkoda(self.rest)

    def _avkoda(self, tecken: bytes) -> None:
        try:
            self.ut.write(binascii.a2b_base64(tecken))
        except (binascii.Error, ValueError):
            raise _avkodningsfel(self.namn) from None


class _QuotedPrintable(_Ra):
    """quoted-printable decoded a line at a time (a soft line break '=' joins a line to
    the next); a line longer than a piece is decoded where no escape is cut in two."""

    def __init__(self, ut: IO[bytes]) -> None:
        super().__init__(ut)
        self.rad = b""

    def skriv(self, data: bytes) -> None:
        self.rad += data
        if self.rad.endswith(b"\n"):
            self.ut.write(quopri.decodestring(self.rad))
            self.rad = b""
        elif len(self.rad) > _BIT:
            # Up to (not into) an escape that may go on in the next piece.
            kapa = len(self.rad) - 2
            while kapa < len(self.rad) and self.rad[kapa : kapa + 1] != b"=":
                kapa += 1
            self.ut.write(quopri.decodestring(self.rad[:kapa]))
            self.rad = self.rad[kapa:]

    def slut(self) -> None:
        if self.rad:
            self.ut.write(quopri.decodestring(self.rad))


def _avkodare(kodning: str, ut: IO[bytes], namn: str) -> _Ra:
    if kodning == "base64":
        return _Base64(ut, namn)
    if kodning == "quoted-printable":
        return _QuotedPrintable(ut)
    return _Ra(ut)


def _avkodningsfel(namn: str) -> OgiltigUppgift:
    return OgiltigUppgift(f"Bilagan '{namn[:80]}' i e-postmeddelandet går inte att avkoda.")


def _till_avgransare(
    lasare: _Lasare, granser: list[bytes], ut: _Ra | None
) -> tuple[Bit, Traff] | None:
    """Read a body to the next delimiter of an open multipart (returned with the line) or to
    the end, writing it to `ut` if given. The line break before a delimiter belongs to the
    delimiter, not to the body, so each piece is written only when the next is known."""
    forra: bytes | None = None
    while (bit := lasare.nasta()) is not None:
        traff = _avgransare(bit, granser)
        if traff is not None:
            if ut is not None and forra is not None:
                ut.skriv(forra.removesuffix(b"\n").removesuffix(b"\r"))
            return bit, traff
        if ut is not None:
            if forra is not None:
                ut.skriv(forra)
            forra = bit[0]
    if ut is not None and forra is not None:
        ut.skriv(forra)  # no closing delimiter: the part runs to the end
    return None
