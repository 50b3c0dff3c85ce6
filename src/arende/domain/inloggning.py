"""Who acts, as the kommun's login vouched for it.

A person acts in a form only as herself: the login gate in front of Prefect
(arende.entrypoints.grind) verifies her login at the kommun's identity provider, maps it to
a person in the register (by e-post) and vouches for every act she takes with a signed
intyg. The engine checks the intyg and acts in that person's name; the audit log names the
person and the login she came from (the provider's issuer and her subject there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from arende.domain.datum import STOCKHOLM
from arende.domain.fel import BehorighetSaknas

# How fresh a login must be to sign a protokoll: the ordförande and the justerare log in
# again right before they justera, so a session left open on someone's desk cannot sign.
FARSK_INLOGGNING = timedelta(minutes=5)


@dataclass(frozen=True)
class Inloggning:
    """A verified login: the person in the register (`namn`, `epost`), the identity
    provider that vouched (`utfardare`, its issuer URL) and her subject there, when she last
    logged in there (`inloggad`) and when the gate vouched for this act (`intygad`)."""

    namn: str
    epost: str
    utfardare: str
    subjekt: str
    inloggad: datetime
    intygad: datetime

    def kontrollera_farsk(self, handling: str, grans: timedelta = FARSK_INLOGGNING) -> None:
        """Refuse the act if the login is older than `grans` when the act was taken."""
        alder = self.intygad - self.inloggad
        if alder <= grans:
            return
        minuter = int(grans.total_seconds() // 60)
        raise BehorighetSaknas(
            f"För att {handling} måste du ha loggat in inom {minuter} minuter: din "
            f"inloggning är från kl. {self.inloggad.astimezone(STOCKHOLM):%H.%M} den "
            f"{self.inloggad.astimezone(STOCKHOLM):%Y-%m-%d}. Logga in på nytt (länken "
            "'Logga in på nytt' överst i formuläret) och svara igen."
        )

    def som_logg(self) -> dict[str, str]:
        """What the audit log keeps of the login."""
        return {
            "utfärdare": self.utfardare,
            "subjekt": self.subjekt,
            "epost": self.epost,
            "inloggad": self.inloggad.isoformat(),
        }
