"""The dagordning: the ärenden a sammanträde is to decide, as sent out with the kallelse.

Val av justerare always comes first and is no ärende; each ärende has its förslag till
beslut. A changed dagordning is a new version (the sammanträde keeps every version sent).
An ärende bordlagt at one meeting goes first on the dagordning of the meeting it was put
off to (`nasta_dagordning`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from arende.domain.datum import svenskt_datum
from arende.domain.fel import OgiltigUppgift
from arende.domain.text import MAX_NAMN, namnnyckel
from arende.domain.text import rensa as _text

# The first point of every sammanträde; it is not an ärende and has no dnr.
VAL_AV_JUSTERARE = "Val av justerare och tillkännagivande av tid för justering"
# The audit event of a kallelse sent (the command's handling): the public site finds it.
KALLA_TILL_SAMMANTRADET = "kalla till sammanträdet"


@dataclass(frozen=True)
class Dagordningspunkt:
    dnr: str
    titel: str
    forslag: tuple[str, ...]
    # Set on the dagordning after a bordläggning, so kallelse and protokoll can say
    # "bordlagt den 13 maj 2008".
    bordlagt_den: date | None = None
    # An ärende about val or anställning (from its ärendetyp): its omröstning may be
    # closed, and a tie is decided by lottning, not by the ordförande.
    val_eller_anstallning: bool = False


@dataclass(frozen=True)
class Dagordning:
    version: int
    utskickad: date
    punkter: tuple[Dagordningspunkt, ...]

    @property
    def rubriker(self) -> tuple[str, ...]:
        """The dagordning as printed: Val av justerare first, then the ärenden."""
        return (VAL_AV_JUSTERARE, *(p.titel for p in self.punkter))

    def punkt(self, dnr: str) -> Dagordningspunkt | None:
        nyckel = namnnyckel(dnr)
        return next((p for p in self.punkter if namnnyckel(p.dnr) == nyckel), None)


@dataclass(frozen=True)
class Bordlagt:
    """An ärende bordlagt at a sammanträde: it goes first on the dagordning it was put off to."""

    dnr: str
    titel: str
    forslag: tuple[str, ...]
    bordlagt_den: date
    paragraf: int
    nytt_sammantrade: date


def nasta_dagordning(
    plan_datum: date,
    bordlagda: Iterable[Bordlagt],
    redo: Iterable[Dagordningspunkt],
) -> tuple[Dagordningspunkt, ...]:
    """The dagordning for the sammanträde on `plan_datum`: first the ärenden bordlagda to it
    (or to an earlier meeting, if they were missed), in the order they were bordlagda, then
    the ärenden ready for decision. Pass the result to Sammantrade.kalla.

    A bordlagt ärende may also appear in `redo` (it still stands på dagordning for the new
    date): it is listed once, first. An ärende bordlagt to a later meeting than this one is
    refused, since the nämnd decided to take it up then.
    """
    senaste: dict[str, Bordlagt] = {}
    for b in bordlagda:
        nyckel = namnnyckel(b.dnr)
        # Bordlagt again at a later meeting: the latest bordläggning is the one that counts.
        if nyckel not in senaste or b.bordlagt_den > senaste[nyckel].bordlagt_den:
            senaste[nyckel] = b
    aktuella = sorted(
        (b for b in senaste.values() if b.nytt_sammantrade <= plan_datum),
        key=lambda b: (b.bordlagt_den, b.paragraf),
    )
    redo = list(redo)
    # A bordlagt val keeps its kind: the ärende, ready again, says it.
    val = {namnnyckel(p.dnr) for p in redo if p.val_eller_anstallning}
    punkter = [
        Dagordningspunkt(
            b.dnr,
            b.titel,
            b.forslag,
            bordlagt_den=b.bordlagt_den,
            val_eller_anstallning=namnnyckel(b.dnr) in val,
        )
        for b in aktuella
    ]
    forst = {namnnyckel(b.dnr) for b in aktuella}
    for p in redo:
        nyckel = namnnyckel(p.dnr)
        if nyckel in forst:
            continue
        senare = senaste.get(nyckel)
        if senare is not None:
            raise OgiltigUppgift(
                f"Ärendet {p.dnr} bordlades den {svenskt_datum(senare.bordlagt_den)} "
                f"(§ {senare.paragraf}) till sammanträdet den "
                f"{svenskt_datum(senare.nytt_sammantrade)} och kan inte stå "
                f"på dagordningen den {svenskt_datum(plan_datum)}."
            )
        punkter.append(p)
    return tuple(punkter)


def kontrollera_punkter(punkter: Sequence[Dagordningspunkt]) -> tuple[Dagordningspunkt, ...]:
    if not punkter:
        raise OgiltigUppgift("Dagordningen har inga ärenden.")
    rensade: list[Dagordningspunkt] = []
    sedda: set[str] = set()
    for p in punkter:
        dnr = _text(p.dnr, "Diarienumret", max_langd=MAX_NAMN)
        titel = _text(p.titel, f"Rubriken för {dnr}", max_langd=1000)
        if namnnyckel(dnr) in sedda:
            raise OgiltigUppgift(f"Ärendet {dnr} står två gånger på dagordningen.")
        if namnnyckel(titel) == namnnyckel(VAL_AV_JUSTERARE):
            raise OgiltigUppgift(
                f"'{VAL_AV_JUSTERARE}' är alltid sammanträdets första punkt och är inget ärende; "
                "ta bort den ur listan."
            )
        sedda.add(namnnyckel(dnr))
        if isinstance(p.forslag, str):
            raise OgiltigUppgift(
                f"Förslaget till beslut i {dnr} ska anges som en lista av punkter."
            )
        forslag = tuple(
            _text(f, f"Punkt {i} i förslaget till beslut i {dnr}")
            for i, f in enumerate(p.forslag, start=1)
        )
        if not forslag:
            raise OgiltigUppgift(f"Ärendet {dnr} saknar förslag till beslut.")
        rensade.append(
            Dagordningspunkt(dnr, titel, forslag, p.bordlagt_den, bool(p.val_eller_anstallning))
        )
    return tuple(rensade)
