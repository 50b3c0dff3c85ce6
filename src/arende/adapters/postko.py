"""The registrator's queue of e-mail that names no ärende: the inbox's `att-registrera/`.

An e-mail to the registrator's address that the receiver cannot place (no dnr in its
subject, or one that is no ärende here) is not refused: it has come in all the same, and
OSL 5 kap. 1 § asks that it be registered, or kept in order until it is. It waits here,
exactly as it came, with a note beside it (`NAMN.eml.toml`: when it was received, the day
it came in, the sender, the subject, its step key and why it waits), until the registrator
registers it on an ärende or as a new one from the command line; then it leaves the queue
for `registrerade/`. The receiver and the inbox (entrypoints/inkorg.py) put letters here;
the command line and the registrator's Prefect run read it.
"""

from __future__ import annotations

import contextlib
import json
import os
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from arende.domain.fel import OgiltigUppgift

ATT_REGISTRERA = "att-registrera"
REGISTRERADE = "registrerade"
SIDOFIL = ".toml"


@dataclass(frozen=True)
class Vantande:
    """An e-mail in the queue: where it lies, when and from whom it came, about what, and
    why it waits."""

    fil: Path
    mottaget: datetime | None
    inkom: date
    avsandare: str
    beskrivning: str
    skal: str


def las_toml(sido: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(sido.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as fel:
        raise OgiltigUppgift(f"Uppgiftsfilen {sido.name} går inte att läsa: {fel}.") from None


def _som_toml(uppgifter: dict[str, Any]) -> str:
    """A flat TOML table of texts, dates and times (tomllib reads, it does not write)."""
    rader = []
    for namn, varde in uppgifter.items():
        if isinstance(varde, (date, datetime)):
            rader.append(f"{namn} = {varde.isoformat()}")
        else:
            rader.append(f"{namn} = {json.dumps(str(varde), ensure_ascii=False)}")
    return "\n".join(rader) + "\n"


class Postko:
    def __init__(self, inkorg: Path) -> None:
        self.inkorg = inkorg
        self.katalog = inkorg / ATT_REGISTRERA

    def har(self, nyckel: str) -> bool:
        """Whether an e-mail with this step key already waits (the same e-mail delivered
        again waits once)."""
        return any(
            las_toml(sido).get("nyckel") == nyckel for sido in self.katalog.glob(f"*{SIDOFIL}")
        )

    def anteckna(self, fil: Path, uppgifter: dict[str, Any]) -> None:
        """The note beside a letter just put in the queue."""
        Path(f"{fil}{SIDOFIL}").write_text(_som_toml(uppgifter), encoding="utf-8")

    def vantande(self) -> list[Vantande]:
        """The e-mails waiting, oldest first (their names begin with when they came)."""
        ut = []
        for sido in sorted(self.katalog.glob(f"*{SIDOFIL}")):
            fil = sido.with_name(sido.name.removesuffix(SIDOFIL))
            if not fil.is_file():
                continue
            uppgifter = las_toml(sido)
            mottaget = uppgifter.get("mottaget")
            inkom = uppgifter.get("inkom")
            ut.append(
                Vantande(
                    fil=fil,
                    mottaget=mottaget if isinstance(mottaget, datetime) else None,
                    inkom=inkom
                    if isinstance(inkom, date)
                    else date.fromtimestamp(fil.stat().st_mtime),
                    avsandare=str(uppgifter.get("avsandare", "")),
                    beskrivning=str(uppgifter.get("beskrivning", "")),
                    skal=str(uppgifter.get("skal", "")),
                )
            )
        return ut

    def _i_kon(self, fil: Path) -> bool:
        return fil.resolve().parent == self.katalog.resolve()

    def inkomstdag(self, fil: Path) -> date | None:
        """The day a waiting e-mail came in, as the receiver noted it: its registration
        says that day, not the day the registrator got to it. None for any other file."""
        sido = fil.with_name(fil.name + SIDOFIL)
        if not self._i_kon(fil) or not sido.is_file():
            return None
        inkom = las_toml(sido).get("inkom")
        return inkom if isinstance(inkom, date) and not isinstance(inkom, datetime) else None

    def ta_ur(self, fil: Path) -> bool:
        """A letter the registrator has registered leaves the queue for registrerade/ (with
        its note); True if it was one of the queue's."""
        if not self._i_kon(fil):
            return False
        (self.inkorg / REGISTRERADE).mkdir(parents=True, exist_ok=True)
        for kalla in (fil, fil.with_name(fil.name + SIDOFIL)):
            with contextlib.suppress(FileNotFoundError):
                os.replace(kalla, self.inkorg / REGISTRERADE / kalla.name)
        return True
