"""Diarienummer: '<prefix> <år>/<löpnummer>', e.g. 'SoN 2008/17'. Gapless per diarium and year."""

import re
import unicodedata
from dataclasses import dataclass

from arende.domain.fel import OgiltigUppgift

_MONSTER = re.compile(r"^(?P<prefix>\S(?:.*\S)?) (?P<ar>\d{4})/(?P<nr>\d+)$")
# A dnr in a web address: 'SoN 2008/17' is 'SoN-2008-17' (a prefix may hold '-' too, so the
# year and number are read from the right).
_I_ADRESS = re.compile(r"(?P<prefix>.+)-(?P<ar>[0-9]{4})-(?P<nr>[0-9]{1,9})")
_PREFIX = re.compile(r"^[A-Za-zÅÄÖåäö][A-Za-zÅÄÖåäö0-9.\-]{0,19}$")


@dataclass(frozen=True, order=True)
class Diarienummer:
    prefix: str
    ar: int
    lopnummer: int

    def __post_init__(self) -> None:
        kontrollera_prefix(self.prefix)
        if not 1900 <= self.ar <= 2999 or self.lopnummer < 1:
            raise OgiltigUppgift(
                f"Ogiltigt diarienummer: {self.prefix} {self.ar}/{self.lopnummer}."
            )

    def __str__(self) -> str:
        return f"{self.prefix} {self.ar}/{self.lopnummer}"

    @classmethod
    def tolka(cls, text: str) -> "Diarienummer":
        traff = _MONSTER.match(text.strip())
        if not traff:
            raise OgiltigUppgift(
                f"'{text}' är inget diarienummer. Skriv det som 'SoN 2008/17' (prefix, år, löpnummer)."
            )
        return cls(traff["prefix"], int(traff["ar"]), int(traff["nr"]))

    @property
    def adress(self) -> str:
        """The dnr as one segment of a web address: 'SoN-2008-17'."""
        return f"{self.prefix}-{self.ar}-{self.lopnummer}"

    @classmethod
    def ur_adress(cls, text: str) -> "Diarienummer":
        """The dnr `adress` wrote; anything else is refused in Swedish."""
        traff = _I_ADRESS.fullmatch(text.strip())
        if traff is None:
            raise OgiltigUppgift(
                f"'{text[:40]}' är inget diarienummer: skriv det som i adressen, t.ex. "
                "SoN-2008-17 för SoN 2008/17."
            )
        return cls(traff["prefix"], int(traff["ar"]), int(traff["nr"]))


def kontrollera_prefix(prefix: str) -> str:
    if not _PREFIX.match(prefix):
        raise OgiltigUppgift(
            f"Diarieprefixet '{prefix}' duger inte: 1–20 tecken, börjar med en bokstav, "
            "bara bokstäver, siffror, punkt och bindestreck (t.ex. 'SoN' eller 'I.2')."
        )
    return prefix


def paketnamn(dnr: str) -> str:
    """'SoN 2008/1' -> 'SoN-2008-1', 'ÖSN 2008/1' -> 'OSN-2008-1': a folder name that means
    the same on every file system."""
    utan = "".join(t for t in unicodedata.normalize("NFKD", dnr) if not unicodedata.combining(t))
    return re.sub(r"[^A-Za-z0-9]+", "-", utan).strip("-")
