"""The registrator's e-mail address, received here: a real SMTP server (aiosmtpd) that
takes mail for the registrator's address (ARENDE_REGISTRATOR_EPOST), writes each message to
disk as it arrives and registers it through the inbox (inkorg.py), the same way as a file
put there.

In production the kommun's mail server keeps the address and forwards (relays) it here
(deployments/produktion/README.md); `make up` starts the receiver on 127.0.0.1:2525.

Why the DATA command is our own: aiosmtpd gathers a whole message in memory before its
handler sees it, and a 200 MB e-mail would sit there whole, more than once. Here each line
goes to a file as it arrives, so memory stays flat whatever the size; a message beyond the
limit is read to its end (the protocol asks for that) and thrown away with 552.

The answer to DATA says what happened: 250 when it is registered (or was already: the same
e-mail delivered twice registers once) or waits for the registrator to place it (it names no
ärende), 550 with the reason when it is refused. The reason
goes in ASCII, since an SMTP reply is read by mail servers; the Swedish text is kept beside
the refused message in the inbox's `avvisade/`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import tempfile
import unicodedata
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from arende.bootstrap import Arendesystem
from arende.domain.inkommen_fil import storsta_epost
from arende.entrypoints.inkorg import MOTTAS, Inkorg


def ascii_text(text: str, langd: int = 400) -> str:
    """Swedish in ASCII for an SMTP reply: 'å' as 'a', anything else unknown as '?'."""
    platt = unicodedata.normalize("NFKD", text)
    ut = "".join(t for t in platt if not unicodedata.combining(t))
    ut = ut.encode("ascii", "replace").decode("ascii")
    return " ".join(ut.split())[:langd]


class Registratorspost:
    """aiosmtpd handler: who may be written to, and what becomes of a received message."""

    def __init__(self, inkorg: Inkorg, adresser: list[str]) -> None:
        self.inkorg = inkorg
        self.adresser = {a.strip().lower() for a in adresser}

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if address.strip().lower() not in self.adresser:
            return "550 5.1.1 Okand mottagare: har tas bara post till registratorn emot"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def ta_emot(self, sokvag: Path) -> str:
        """Register the message now written at `sokvag` (in a thread: the database is not
        asynchronous), and say how it went."""
        loop = asyncio.get_running_loop()
        try:
            utfall = await loop.run_in_executor(None, self.inkorg.ta_in, sokvag, "e-post")
        except Exception:  # noqa: BLE001 - the database down, a disk full: not the sender's fault
            # A temporary failure (4xx): the sending server keeps the message and tries
            # again, and the key makes a retry after a registration that did commit a no-op.
            logging.getLogger(__name__).exception("Brevet %s kunde inte registreras", sokvag)
            sokvag.unlink(missing_ok=True)
            return "451 4.3.0 Tillfalligt fel hos registratorn: forsok igen senare"
        if utfall.registrerad or utfall.kon:
            return f"250 2.0.0 {ascii_text(utfall.meddelande)}"
        return f"550 5.6.0 {ascii_text(utfall.meddelande)}"


class StrommandeSmtp(SMTP):
    """aiosmtpd's SMTP with DATA written to disk line by line (see the module's docstring)."""

    def __init__(self, handler: Registratorspost, katalog: Path, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.registratorspost = handler
        self.katalog = katalog

    async def smtp_DATA(self, arg: str) -> None:
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("DATA"):
            return
        assert self.envelope is not None
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        if arg:
            await self.push("501 Syntax: DATA")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        mottas = self.katalog / MOTTAS
        mottas.mkdir(parents=True, exist_ok=True)
        fd, tillfallig = tempfile.mkstemp(dir=mottas, suffix=".eml.tmp")
        for_mycket = for_lang = False
        antal = 0
        grans = self.data_size_limit
        radstart = True
        try:
            with os.fdopen(fd, "wb") as ut:
                while True:
                    try:
                        rad = await self._reader.readuntil(b"\r\n")
                    except asyncio.LimitOverrunError as fel:
                        # A line beyond the stream's limit: read on, refuse at the end.
                        rad = await self._reader.read(fel.consumed)
                        for_lang = True
                    except asyncio.IncompleteReadError:
                        raise ConnectionResetError from None  # the client went away mid-DATA
                    if radstart and rad == b".\r\n":
                        break
                    antal += len(rad)
                    if grans and antal > grans:
                        for_mycket = True
                    if not (for_mycket or for_lang):
                        # RFC 5321 4.5.2: a line's leading dot was doubled by the sender.
                        ut.write(rad[1:] if radstart and rad.startswith(b".") else rad)
                    radstart = rad.endswith(b"\r\n")
        except BaseException:
            Path(tillfallig).unlink(missing_ok=True)
            raise
        self._set_post_data_state()  # type: ignore[no-untyped-call]  # aiosmtpd's own reset
        if for_mycket or for_lang:
            Path(tillfallig).unlink(missing_ok=True)
            await self.push(
                "552 5.3.4 Brevet ar for stort for registratorn"
                if for_mycket
                else "500 Line too long (see RFC5321 4.5.3.1.6)"
            )
            return
        # Complete: give it its name in the inbox, where a pass would also find it.
        stampel = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        sokvag = mottas / f"epost-{stampel}-{uuid.uuid4().hex[:8]}.eml"
        os.replace(tillfallig, sokvag)
        await self.push(await self.registratorspost.ta_emot(sokvag))


class Epostmottagare(Controller):
    """The receiver on host:port, in a thread of its own, until stop()."""

    def __init__(
        self, system: Arendesystem, katalog: Path, adresser: list[str], host: str, port: int
    ) -> None:
        self.inkorg = Inkorg(system, katalog)
        self.katalog = katalog
        self._aterta_avbrutna()
        super().__init__(
            Registratorspost(self.inkorg, adresser),
            hostname=host,
            port=port,
            data_size_limit=storsta_epost(system.storsta_inkommande),
        )

    def factory(self) -> SMTP:
        return StrommandeSmtp(self.handler, self.katalog, **self.SMTP_kwargs)

    def _aterta_avbrutna(self) -> None:
        """A message received whole before a crash, but not yet taken in, goes to the
        inbox, where the next pass takes it; a half-received one (.tmp) was never accepted
        (the sender got no 250, and sends it again) and is removed."""
        mottas = self.katalog / MOTTAS
        for fil in mottas.glob("*.eml"):
            os.replace(fil, self.katalog / fil.name)
        for fil in mottas.glob("*.tmp"):
            fil.unlink(missing_ok=True)


def main() -> int:  # pragma: no cover - run by `make up` as its own process
    import signal
    import threading

    from arende.bootstrap import starta
    from arende.config import Installningar

    inst = Installningar()
    mottagare = Epostmottagare(
        starta(),
        inst.inkorg_dir,
        inst.registrator_epost,
        inst.epostmottagare_host,
        inst.epostmottagare_port,
    )
    mottagare.start()
    print(
        f"Tar emot e-post till {', '.join(inst.registrator_epost)} på "
        f"{inst.epostmottagare_host}:{inst.epostmottagare_port}; inkorgen {inst.inkorg_dir}",
        flush=True,
    )
    stopp = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopp.set())
    with contextlib.suppress(KeyboardInterrupt):
        stopp.wait()
    mottagare.stop()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
