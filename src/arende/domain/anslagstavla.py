"""The kommun's digital anslagstavla (kommunallagen 8 kap. 9–12 §§): what is on it, and when.

A notice goes up when the system publishes it (the anslag step of a sammanträde), and that
moment is the posting day the appeal period runs from (13 kap. 5 §). It must stay up through
the whole appeal period, so it comes down by itself on the day after (`ned`); from then on
it is only in the archive. Beside the notices the board may carry notices of meetings and
their beslutsunderlag (8 kap. 11 §), and here also the audit chain's published head.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime


class Anslagsslag(enum.StrEnum):
    JUSTERAT_PROTOKOLL = "justerat protokoll"
    OMEDELBART_JUSTERADE = "omedelbart justerade paragrafer"
    # A delegationsbeslut protokollfört särskilt, not anmält to the nämnd (8 kap. 10 §):
    # its `sammantrade` is the day of the decision, `justerad` the day it was protokollfört
    # and `paragrafer` its number in the nämnd's register.
    DELEGATIONSBESLUT = "protokollfört delegationsbeslut"


@dataclass(frozen=True)
class Anslagsnotis:
    """One notice of a justering, with what 8 kap. 12 § asks for (where the protokoll is
    kept, the day it was posted) and what kommuner show beside it.

    `i_efterhand`: posted somewhere else before it was registered here (a kommun moving
    its board into the system); its dates are the ones given, not the publication's."""

    slag: Anslagsslag
    namnd: str
    sammantrade: date
    justerad: date
    paragrafer: tuple[int, ...]
    anslaget: date
    publicerad: datetime
    overklagande_slut: date
    ned: date  # the first day it is no longer on the board: the day after the appeal period
    forvaras: str
    i_efterhand: bool = False

    def uppe(self, idag: date) -> bool:
        return self.anslaget <= idag < self.ned

    @property
    def paragraftext(self) -> str:
        if not self.paragrafer:
            return ""
        if len(self.paragrafer) == 1:
            return f"§ {self.paragrafer[0]}"
        forsta, sista = min(self.paragrafer), max(self.paragrafer)
        if sorted(self.paragrafer) == list(range(forsta, sista + 1)):
            return f"§§ {forsta}–{sista}"
        return "§§ " + ", ".join(str(n) for n in sorted(self.paragrafer))
