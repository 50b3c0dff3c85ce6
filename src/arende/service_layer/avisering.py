"""Work finds its person: when a run waits for someone, the people who may answer get an
e-mail with a direct link to the run's form."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Sequence

from arende.domain.paminnelser import Brev
from arende.service_layer.inloggade import Registrerad
from arende.service_layer.ports import Brevlada

logger = logging.getLogger("arende.avisering")


def aviseringsbrev(mottagare: Sequence[Registrerad], vad: str, lank: str) -> Brev:
    """The e-mail: what waits, and the link that opens its form after the login."""
    return Brev(
        till=tuple(m.epost for m in mottagare),
        kopia=(),
        amne=f"Väntar på dig: {vad}",
        text=(
            "Hej,\n\n"
            f"I ärendesystemet väntar ett steg som du får göra: {vad}.\n\n"
            f"Öppna formuläret här (du loggar in med ditt vanliga konto):\n{lank}\n\n"
            "Brevet går till alla som får göra steget; när någon har gjort det väntar det "
            "inte längre.\n\nÄrendesystemet\n"
        ),
    )


def avisera(brevlada: Brevlada, mottagare: Sequence[Registrerad], vad: str, lank: str) -> list[str]:
    """Send the e-mail; the addresses it went to (none when no one has an e-post or the
    mail server did not take it: the run waits all the same, and `mina-arenden` shows it)."""
    if not mottagare:
        return []
    try:
        brevlada.skicka(aviseringsbrev(mottagare, vad, lank))
    except (OSError, smtplib.SMTPException) as fel:
        logger.warning("Aviseringen om '%s' kunde inte skickas: %s", vad, fel)
        return []
    return [m.epost for m in mottagare]
