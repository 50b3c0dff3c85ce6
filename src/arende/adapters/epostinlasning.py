"""An e-mail (.eml, RFC 5322 with MIME) read into what the registration needs: the sender,
the subject, the Message-ID, the attachments, and a hash of its content.

Python's e-mail parser is lenient by design: it reads almost anything and notes what was
wrong as `defects`. A registration must not rest on a guess, so a message whose structure is
broken (a multipart without its boundary, headers that are not headers) is refused with a
Swedish message rather than registered as whatever the parser made of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from email import errors, message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses

from arende.domain.fel import OgiltigUppgift
from arende.service_layer.inkommande import Epost
from arende.service_layer.kommandon import InkommenFil

# Defects that mean the message's structure cannot be trusted.
_ALLVARLIGA = (
    errors.NoBoundaryInMultipartDefect,
    errors.StartBoundaryNotFoundDefect,
    errors.MultipartInvariantViolationDefect,
    errors.MissingHeaderBodySeparatorDefect,
    errors.FirstHeaderLineIsContinuationDefect,
    errors.MisplacedEnvelopeHeaderDefect,
)


def _innehallshash(ra: bytes) -> str:
    """The hash of the body: the headers mail servers add on the way (Received, ...) are
    left out, so the same e-mail delivered twice has the same hash."""
    for skiljelinje in (b"\r\n\r\n", b"\n\n"):
        if skiljelinje in ra:
            return hashlib.sha256(ra.split(skiljelinje, 1)[1]).hexdigest()
    return hashlib.sha256(ra).hexdigest()


def las_epost(ra: bytes) -> Epost:
    """The e-mail in `ra`; OgiltigUppgift in Swedish when it cannot be read or has no
    sender."""
    if not ra.strip():
        raise OgiltigUppgift("E-postmeddelandet är tomt (0 byte).")
    brev = message_from_bytes(ra, policy=policy.default)
    assert isinstance(brev, EmailMessage)
    if not brev.keys():
        raise OgiltigUppgift(
            "E-postmeddelandet går inte att tolka: det har inga rubrikfält (From, Subject …)."
        )
    fel = [d for d in _alla_defekter(brev) if isinstance(d, _ALLVARLIGA)]
    if fel:
        raise OgiltigUppgift(
            "E-postmeddelandet går inte att tolka: dess struktur är trasig "
            f"({type(fel[0]).__name__}). Be avsändaren skicka det igen."
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
    bilagor = [_bilaga(del_) for del_ in _bifogade(brev)]
    return Epost(avsandare, amne, message_id, ra, _innehallshash(ra), bilagor)


def _bifogade(del_: EmailMessage) -> Iterator[EmailMessage]:
    """The attached files, however deep the mail program nested them (an attachment inside
    multipart/related inside multipart/alternative), and an attached e-mail whole, not its
    own attachments: those are the attached e-mail's, inside its .eml. A part without a
    file name (the text, an inline image without a name) is the message's own text."""
    if not del_.is_multipart():
        return
    for under in del_.iter_parts():
        assert isinstance(under, EmailMessage)
        if under.get_content_type() == "message/rfc822":
            yield under
        elif under.is_multipart():
            yield from _bifogade(under)
        elif under.get_filename() is not None:
            yield under


def _bilaga(del_: EmailMessage) -> InkommenFil:
    filnamn = del_.get_filename()
    if del_.get_content_type() == "message/rfc822":
        # A forwarded e-mail attached whole: it becomes its own .eml.
        inre = del_.get_payload(0)
        namn = filnamn or "bifogat-meddelande.eml"
        if not namn.lower().endswith(".eml"):
            namn += ".eml"
        assert isinstance(inre, EmailMessage)
        return InkommenFil(namn, inre.as_bytes(policy=policy.SMTP))
    assert filnamn is not None
    try:
        innehall = del_.get_payload(decode=True)
    except (ValueError, TypeError, LookupError):
        innehall = None
    if not isinstance(innehall, bytes):
        raise OgiltigUppgift(f"Bilagan '{filnamn[:80]}' i e-postmeddelandet går inte att avkoda.")
    return InkommenFil(filnamn, innehall)


def _alla_defekter(brev: EmailMessage) -> list[errors.MessageDefect]:
    return [d for del_ in brev.walk() for d in del_.defects]
