"""An e-mail (.eml, RFC 5322 with MIME) read into what the registration needs: the sender,
the subject, the Message-ID, the attachments, and a hash of its content.

Why not `email.message_from_bytes`: Python's parser keeps every line of a message as its
own object, and a 68 MB e-mail took 600 MB of memory to read (measured). Here the headers
are still read by Python's own header parser (each header block is small: it decodes the
RFC 2047/2231 names and addresses), but the MIME bodies are found by their boundaries in
the bytes as they are, and an attachment is decoded in one step from a view of them: the
message itself, plus each attachment decoded, is what is held.

A message whose structure is broken (a multipart without its boundary, a boundary that never
comes, headers that are not headers) is refused with a Swedish message rather than
registered as whatever a lenient reading made of it.
"""

from __future__ import annotations

import binascii
import hashlib
import quopri
import re
from email import errors, policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import getaddresses

from arende.domain.fel import OgiltigUppgift
from arende.service_layer.inkommande import Epost
from arende.service_layer.kommandon import InkommenFil

# Defects of a header block that mean it cannot be trusted.
_ALLVARLIGA = (
    errors.MissingHeaderBodySeparatorDefect,
    errors.FirstHeaderLineIsContinuationDefect,
    errors.MisplacedEnvelopeHeaderDefect,
)
_TOMT = re.compile(rb"[ \t\r\n]*")
_RUBRIKER = BytesHeaderParser(policy=policy.default)
_DJUPAST = 20  # multipart inside multipart: real mail programs nest a few levels


def _trasigt(vad: str) -> OgiltigUppgift:
    return OgiltigUppgift(
        f"E-postmeddelandet går inte att tolka: dess struktur är trasig ({vad}). Be "
        "avsändaren skicka det igen."
    )


def _dela(ra: bytes, borjan: int, slut: int) -> tuple[EmailMessage, int]:
    """The header block at ra[borjan:slut] read, and where its body starts."""
    ett = ra.find(b"\r\n\r\n", borjan, slut)
    tva = ra.find(b"\n\n", borjan, slut)
    kandidater = [(i, n) for i, n in ((ett, 4), (tva, 2)) if i != -1]
    if ra.startswith((b"\r\n", b"\n"), borjan):  # no headers at all: the body begins here
        kropp = borjan + (2 if ra.startswith(b"\r\n", borjan) else 1)
        return EmailMessage(policy=policy.default), kropp
    if kandidater:
        i, n = min(kandidater)
        huvud, kropp = ra[borjan : i + n], i + n
    else:
        huvud, kropp = ra[borjan:slut] + b"\r\n\r\n", slut
    del_ = _RUBRIKER.parsebytes(huvud)
    assert isinstance(del_, EmailMessage)
    fel = [d for d in del_.defects if isinstance(d, _ALLVARLIGA)]
    if fel:
        raise _trasigt(type(fel[0]).__name__)
    return del_, kropp


def _innehallshash(ra: bytes, kropp: int) -> str:
    """The hash of the body: the headers mail servers add on the way (Received, ...) are
    left out, so the same e-mail delivered twice has the same hash."""
    return hashlib.sha256(memoryview(ra)[kropp:]).hexdigest()


def las_epost(ra: bytes) -> Epost:
    """The e-mail in `ra`; OgiltigUppgift in Swedish when it cannot be read or has no
    sender."""
    if _TOMT.fullmatch(ra):
        raise OgiltigUppgift("E-postmeddelandet är tomt (0 byte).")
    brev, kropp = _dela(ra, 0, len(ra))
    if not brev.keys():
        raise OgiltigUppgift(
            "E-postmeddelandet går inte att tolka: det har inga rubrikfält (From, Subject …)."
        )
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
    bilagor: list[InkommenFil] = []
    if brev.get_content_maintype() == "multipart":
        _bifogade(ra, brev, kropp, len(ra), bilagor, 0)
    return Epost(avsandare, amne, message_id, ra, _innehallshash(ra, kropp), bilagor)


def _bifogade(
    ra: bytes, del_: EmailMessage, borjan: int, slut: int, ut: list[InkommenFil], djup: int
) -> None:
    """The attached files of the multipart ra[borjan:slut], however deep the mail program
    nested them (an attachment inside multipart/related inside multipart/alternative), and
    an attached e-mail whole, not its own attachments: those are inside its .eml. A part
    without a file name (the text, an inline image without a name) is the message's own."""
    if djup > _DJUPAST:
        raise _trasigt(f"fler än {_DJUPAST} nivåer av delar")
    grans = del_.get_param("boundary")
    if not isinstance(grans, str) or not grans:
        raise _trasigt("en multipart-del saknar sin gräns (boundary)")
    for under_borjan, under_slut in _delar(ra, borjan, slut, grans.encode("ascii", "replace")):
        under, kropp = _dela(ra, under_borjan, under_slut)
        typ = under.get_content_type()
        if typ == "message/rfc822":
            # A forwarded e-mail attached whole: it becomes its own .eml.
            eml = under.get_filename() or "bifogat-meddelande.eml"
            if not eml.lower().endswith(".eml"):
                eml += ".eml"
            ut.append(InkommenFil(eml, ra[kropp:under_slut]))
        elif under.get_content_maintype() == "multipart":
            _bifogade(ra, under, kropp, under_slut, ut, djup + 1)
        elif (namn := under.get_filename()) is not None:
            ut.append(InkommenFil(namn, _avkoda(under, memoryview(ra)[kropp:under_slut], namn)))


def _delar(ra: bytes, borjan: int, slut: int, grans: bytes) -> list[tuple[int, int]]:
    """Where each part of a multipart body lies (RFC 2046 5.1.1): between a line '--grans'
    and the line break before the next; the preamble and epilogue are not parts."""
    avgransare = b"--" + grans
    traffar: list[tuple[int, int, bool]] = []
    i = ra.find(avgransare, borjan, slut)
    while i != -1:
        efter = i + len(avgransare)
        radslut = ra.find(b"\n", efter, slut)
        resten = ra[efter : slut if radslut == -1 else radslut]
        sista = resten.startswith(b"--")
        # A delimiter is a whole line: '--grans' (or '--grans--') and only white space after,
        # so another part's '--gransX' is not taken for it.
        if (i == borjan or ra[i - 1 : i] == b"\n") and not resten.removeprefix(b"--").strip():
            traffar.append((i, slut if radslut == -1 else radslut + 1, sista))
            if sista:
                break
        i = ra.find(avgransare, i + 1, slut)
    if not traffar or traffar[0][2]:
        raise _trasigt("gränsen mellan delarna (boundary) saknas")
    delar = []
    for (_, start, _), nasta in zip(traffar, [*traffar[1:], None], strict=True):
        if nasta is None:
            delar.append((start, slut))  # no closing boundary: the part runs to the end
            continue
        stopp = nasta[0]
        # The line break before a boundary belongs to the boundary, not to the part.
        if ra[stopp - 2 : stopp] == b"\r\n":
            stopp -= 2
        elif ra[stopp - 1 : stopp] == b"\n":
            stopp -= 1
        delar.append((start, max(start, stopp)))
    return delar


def _avkoda(del_: EmailMessage, kropp: memoryview, namn: str) -> bytes:
    kodning = str(del_.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    try:
        if kodning == "base64":
            # Non-strict: the line breaks (and any stray character) are skipped.
            return binascii.a2b_base64(kropp)
        if kodning == "quoted-printable":
            return quopri.decodestring(bytes(kropp))
    except (binascii.Error, ValueError):
        raise OgiltigUppgift(
            f"Bilagan '{namn[:80]}' i e-postmeddelandet går inte att avkoda."
        ) from None
    return bytes(kropp)
