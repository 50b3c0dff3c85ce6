"""The audit chain's head as published on the anslagstavla: once a day, (date, sequence,
hash), where the kommun cannot take it back.

The chain proves that no event was altered relative to the events after it, but a
tamperer with database rights can rewrite an event and recompute every hash after it: the
chain is then valid link by link again. What the kommun published on a given day, and
anyone may have saved, fixes the chain up to that sequence as it was that day; a stored
chain with another hash at that sequence was rewritten afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from arende.domain.datum import STOCKHOLM
from arende.domain.fel import OgiltigUppgift

# Shortly after midnight Swedish time: the day before is over, the day's head goes up.
PUBLICERINGSTID = time(0, 5)

_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class PubliceratKedjehuvud:
    """The head (`sekvens`, `hash`) published on `datum`; `publicerad` is when the system
    wrote it (None when read back from the open data, which carries only the three)."""

    datum: date
    sekvens: int
    hash: str
    publicerad: datetime | None = None

    def __post_init__(self) -> None:
        if self.sekvens < 0:
            raise OgiltigUppgift(f"Löpnumret kan inte vara negativt ({self.sekvens}).")
        if not _HASH.fullmatch(self.hash):
            raise OgiltigUppgift(
                f"Kontrollsumman '{self.hash[:80]}' är inte en sha256 (64 hexadecimala tecken)."
            )


def nasta_publicering(nu: datetime, publicerat_idag: bool) -> datetime:
    """When the scheduler publishes next: today at PUBLICERINGSTID (or now, if that has
    passed) while today's head is missing; tomorrow's otherwise. `nu` is timezone-aware."""
    lokal = nu.astimezone(STOCKHOLM)
    idag = datetime.combine(lokal.date(), PUBLICERINGSTID, STOCKHOLM)
    if not publicerat_idag:
        return max(idag, lokal)
    return datetime.combine(lokal.date() + timedelta(days=1), PUBLICERINGSTID, STOCKHOLM)


def som_oppna_data(huvud: PubliceratKedjehuvud) -> dict[str, str | int]:
    """One head as the public site publishes it (kontrollsummor.json): date, sequence, hash."""
    return {"datum": huvud.datum.isoformat(), "sekvens": huvud.sekvens, "hash": huvud.hash}


def fran_oppna_data(data: object, kalla: str) -> list[PubliceratKedjehuvud]:
    """The heads read back from the public site's JSON (a list of `som_oppna_data`), as
    anyone saved it; OgiltigUppgift naming `kalla` and the entry if it is not that."""
    if not isinstance(data, list):
        raise OgiltigUppgift(
            f"{kalla} är inte en lista över publicerade kontrollsummor (väntade en JSON-lista "
            "med datum, sekvens och hash, som /anslagstavla/kontrollsummor.json)."
        )
    huvuden = []
    for nummer, post in enumerate(data, start=1):
        if not isinstance(post, dict) or not {"datum", "sekvens", "hash"} <= post.keys():
            raise OgiltigUppgift(
                f"{kalla}, post {nummer}: väntade datum, sekvens och hash, fick '{str(post)[:80]}'."
            )
        datum, sekvens, hash_ = post["datum"], post["sekvens"], post["hash"]
        try:
            if not isinstance(datum, str):
                raise ValueError
            dag = date.fromisoformat(datum)
        except ValueError:
            raise OgiltigUppgift(
                f"{kalla}, post {nummer}: datum '{str(datum)[:40]}' är inte ett datum (ÅÅÅÅ-MM-DD)."
            ) from None
        if isinstance(sekvens, bool) or not isinstance(sekvens, int):
            raise OgiltigUppgift(
                f"{kalla}, post {nummer}: sekvens '{str(sekvens)[:40]}' är inte ett heltal."
            )
        if not isinstance(hash_, str):
            raise OgiltigUppgift(f"{kalla}, post {nummer}: hash ska vara text.")
        try:
            huvuden.append(PubliceratKedjehuvud(dag, sekvens, hash_.lower()))
        except OgiltigUppgift as fel:
            raise OgiltigUppgift(f"{kalla}, post {nummer}: {fel.meddelande}") from None
    return huvuden
