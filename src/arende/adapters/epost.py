"""Sending mail over SMTP with the standard library (ARENDE_SMTP_* settings)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from arende.domain.paminnelser import Brev


class SmtpBrevlada:
    def __init__(
        self,
        host: str,
        port: int,
        avsandare: str,
        anvandare: str = "",
        losenord: str = "",
        tidsgrans: float = 30.0,
    ) -> None:
        self.host, self.port, self.avsandare = host, port, avsandare
        self.anvandare, self.losenord, self.tidsgrans = anvandare, losenord, tidsgrans

    def skicka(self, brev: Brev) -> None:
        meddelande = EmailMessage()
        meddelande["From"] = self.avsandare
        meddelande["To"] = ", ".join(brev.till)
        if brev.kopia:
            meddelande["Cc"] = ", ".join(brev.kopia)
        meddelande["Subject"] = brev.amne
        meddelande["Date"] = formatdate(localtime=True)
        meddelande["Message-ID"] = make_msgid(domain=self.avsandare.rpartition("@")[2] or None)
        meddelande["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies back
        meddelande.set_content(brev.text)
        with smtplib.SMTP(self.host, self.port, timeout=self.tidsgrans) as smtp:
            smtp.ehlo()
            if self.anvandare:
                if smtp.has_extn("starttls"):
                    smtp.starttls()
                    smtp.ehlo()
                smtp.login(self.anvandare, self.losenord)
            # Raises if no recipient was accepted. A partial refusal is not raised: the mail
            # reached the others, and raising would roll back and send it to them again.
            smtp.send_message(meddelande)
