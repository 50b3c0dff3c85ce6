"""A real SMTP server on loopback (aiosmtpd) that keeps every message it accepts, for the
tests of reminders: `smtp` (in tests/conftest.py) is the fixture, (postlåda, port)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


class Postlada:
    """aiosmtpd handler: keeps every message the server accepted."""

    def __init__(self) -> None:
        self.brev: list[EmailMessage] = []
        self.mottagare: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        brev = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(brev, EmailMessage)
        self.brev.append(brev)
        self.mottagare.append(list(envelope.rcpt_tos))
        return "250 OK"

    def amnen(self) -> list[str]:
        return [str(b["Subject"]) for b in self.brev]


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def postserver() -> Iterator[tuple[Postlada, int]]:
    """The server on a free port until the block ends."""
    postlada = Postlada()
    port = ledig_port()
    server = Controller(postlada, hostname="127.0.0.1", port=port)
    server.start()
    try:
        yield postlada, port
    finally:
        server.stop()
