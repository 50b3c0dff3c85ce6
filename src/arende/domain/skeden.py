"""The stages of an ärende (DOMAIN.md, "The life of an ärende") in their lawful order."""

from enum import StrEnum


class Skede(StrEnum):
    REGISTRERAT = "registrerat"
    UNDER_BEREDNING = "under beredning"
    SAMVERKAT = "samverkat"
    FORSLAG_FASTSTALLT = "förslag fastställt"
    PA_DAGORDNING = "på dagordning"
    BESLUTAT = "beslutat"
    JUSTERAT = "justerat"
    ANSLAGET = "anslaget"
    EXPEDIERAT = "expedierat"
    AVSLUTAT = "avslutat"

    @property
    def ordning(self) -> int:
        return list(Skede).index(self)


class Utfall(StrEnum):
    """What the nämnd can decide on an ärende at a sammanträde."""

    BIFALL = "bifall"
    AVSLAG = "avslag"
    ANDRAT_BESLUT = "ändrat beslut"
    ATERREMISS = "återremiss"
    BORDLAGGNING = "bordläggning"

    @property
    def avgor_arendet(self) -> bool:
        """Återremiss and bordläggning leave the matter undecided; the others settle it."""
        return self not in (Utfall.ATERREMISS, Utfall.BORDLAGGNING)
