"""The audit trail as evidence: each event's content is canonical JSON, hashed together with
the previous event's hash, so altering, removing or reordering any event breaks the chain."""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import repeat
from operator import add, methodcaller
from typing import Any

START_HASH = "0" * 64


def kanonisk_json(innehall: dict[str, Any]) -> str:
    """One spelling per content: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(
        innehall, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def handelsetext(
    *,
    sekvens: int,
    tidpunkt: str,
    dnr: str | None,
    handling: str,
    aktor: str,
    roll: str,
    flodeskorning: str | None,
    innehall: dict[str, Any],
) -> str:
    """The hashed text of one audit event, as the log writes it. The columns beside it in
    the table are copies of these fields; the full check (kedjekontroll) relies on this
    layout to compare them without parsing every event."""
    return kanonisk_json(
        {
            "sekvens": sekvens,
            "tidpunkt": tidpunkt,
            "dnr": dnr,
            "handling": handling,
            "aktör": aktor,
            "roll": roll,
            "flödeskörning": flodeskorning,
            "innehåll": innehall,
        }
    )


def kedjehash(foregaende_hash: str, innehall_json: str) -> str:
    return hashlib.sha256(f"{foregaende_hash}\n{innehall_json}".encode()).hexdigest()


def kedjehashar(foregaende_hashar: Iterable[str], innehall_json: Iterable[str]) -> Iterator[str]:
    """`kedjehash` of many links, pairwise: the same bytes hashed the same way, but with no
    Python call per link (each step is a builtin mapped over the rows), so checking millions
    of links costs little more than hashing them. A value that is not text raises TypeError."""
    med_radbrytning = map(add, foregaende_hashar, repeat("\n"))
    texter = map(add, med_radbrytning, innehall_json)
    return map(_HEX, map(hashlib.sha256, map(str.encode, texter)))


_HEX = methodcaller("hexdigest")


@dataclass(frozen=True)
class Lank:
    """One stored link of the chain, as read back for verification."""

    sekvens: int
    innehall_json: str
    foregaende_hash: str
    hash: str


@dataclass(frozen=True)
class Kedjebrott:
    sekvens: int
    beskrivning: str


def verifiera_kedja(lankar: list[Lank]) -> Kedjebrott | None:
    """Walk the chain in sequence order; return the first broken link, or None if intact."""
    foregaende = START_HASH
    forvantad_sekvens = 1
    for lank in lankar:
        if lank.sekvens != forvantad_sekvens:
            return Kedjebrott(
                forvantad_sekvens,
                f"händelse {forvantad_sekvens} saknas (nästa finns är {lank.sekvens})",
            )
        if lank.foregaende_hash != foregaende:
            return Kedjebrott(lank.sekvens, "länken till föregående händelse stämmer inte")
        if kedjehash(foregaende, lank.innehall_json) != lank.hash:
            return Kedjebrott(lank.sekvens, "innehållet har ändrats efter att det skrevs")
        foregaende = lank.hash
        forvantad_sekvens += 1
    return None
