"""The anchor file: the chain's head (sequence, hash) written down outside the database.

A chain cut at its tail is valid link by link; only a record kept elsewhere shows that it
was once longer. The file is only ever appended to, one line per verification that found
the chain intact, so each line is a point the chain must still pass through. Keep it where
the database's administrators cannot write (another server, a WORM share, printed).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from arende.domain.fel import OgiltigUppgift
from arende.domain.kedjekontroll import Kontrollpunkt

RAD = re.compile(r"^(\d+) ([0-9a-f]{64})(?: (\S+))?$")
RUBRIK = (
    "# arende: granskningsloggens ankare. En rad per kontroll: sekvens hash tidpunkt.\n"
    "# Filen får bara växa; `arende verifiera --ankare FIL` jämför kedjan med varje rad.\n"
)


def las_ankare(fil: Path) -> list[Kontrollpunkt]:
    if not fil.exists():
        return []
    try:
        text = fil.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as fel:
        raise OgiltigUppgift(f"Ankarfilen {fil} går inte att läsa: {fel}") from None
    punkter = []
    for nummer, rad in enumerate(text.splitlines(), start=1):
        rad = rad.strip()
        if not rad or rad.startswith("#"):
            continue
        traff = RAD.match(rad)
        if traff is None:
            raise OgiltigUppgift(
                f"Ankarfilen {fil} rad {nummer} går inte att läsa: väntade 'SEKVENS HASH "
                f"TIDPUNKT', fick '{rad[:80]}'."
            )
        sekvens, hash_, tid = traff.groups()
        kalla = f"ankarfilen rad {nummer}" + (f" ({tid})" if tid else "")
        punkter.append(Kontrollpunkt(int(sekvens), hash_, kalla))
    return punkter


def lagg_till_ankare(fil: Path, sekvens: int, hash_: str, tid: datetime) -> bool:
    """Append the head unless the last line already holds it; True if a line was written."""
    punkter = las_ankare(fil)
    if punkter and (punkter[-1].sekvens, punkter[-1].hash) == (sekvens, hash_):
        return False
    try:
        fil.parent.mkdir(parents=True, exist_ok=True)
        ny = not fil.exists()
        with fil.open("a", encoding="utf-8") as ut:
            if ny:
                ut.write(RUBRIK)
            ut.write(f"{sekvens} {hash_} {tid.isoformat(timespec='seconds')}\n")
    except OSError as fel:
        raise OgiltigUppgift(f"Ankarfilen {fil} går inte att skriva: {fel}") from None
    return True


def tolka_forvantat(text: str) -> Kontrollpunkt:
    traff = re.fullmatch(r"\s*(\d+):([0-9a-fA-F]{64})\s*", text)
    if traff is None:
        raise OgiltigUppgift(
            f"--forvantat '{text}' går inte att läsa: skriv SEKVENS:HASH, t.ex. "
            "10:<64 hexadecimala tecken> som `arende verifiera` skrev ut."
        )
    return Kontrollpunkt(int(traff.group(1)), traff.group(2).lower(), "--forvantat")
