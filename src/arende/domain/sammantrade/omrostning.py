"""The nämnd's beslut in a paragraf: the yrkanden, the utfall and any omröstning.

Yrkanden are numbered in the order the ordförande put them; only tjänstgörande ledamöter
yrka and vote. An omröstning sets a ja-lydelse against a nej-lydelse and records every
tjänstgörande ledamot's vote once; at a tie the ordförande's vote decides (kommunallagen
5 kap. 57 §).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from arende.domain.fel import OgiltigUppgift
from arende.domain.sammantrade.narvaro import Ledamot, Narvaro, tjanstgorande_namn
from arende.domain.skeden import Utfall
from arende.domain.text import namnlista, namnnyckel
from arende.domain.text import rensa as _text


@dataclass(frozen=True)
class Yrkande:
    """A motion, numbered in the order the ordförande put it (1, 2, 3 …)."""

    ordning: int
    yrkande_av: str
    lydelse: str


class Rostval(StrEnum):
    JA = "ja"
    NEJ = "nej"
    AVSTAR = "avstår"


@dataclass(frozen=True)
class Omrostningsresultat:
    ja: int
    nej: int
    avstar: int
    vinnare: Rostval  # JA or NEJ
    lydelse: str  # the ja- or nej-lydelse that won
    utslagsrost: bool  # a tie decided by the ordförande's vote


@dataclass(frozen=True)
class Omrostning:
    """A roll-call vote: ja for `ja_lydelse`, nej for `nej_lydelse`.

    `roster` holds each tjänstgörande ledamot's vote, exactly once. `ordforande` is filled in
    by Sammantrade.besluta from the meeting; the caller leaves it empty.
    """

    ja_lydelse: str
    nej_lydelse: str
    roster: tuple[tuple[str, Rostval], ...]
    ordforande: str = ""

    @property
    def resultat(self) -> Omrostningsresultat:
        ja = sum(1 for _, r in self.roster if r is Rostval.JA)
        nej = sum(1 for _, r in self.roster if r is Rostval.NEJ)
        avstar = len(self.roster) - ja - nej
        if ja != nej:
            vinnare = Rostval.JA if ja > nej else Rostval.NEJ
            utslag = False
        else:
            # Kommunallagen 5 kap. 57 §: vid lika röstetal har ordföranden utslagsröst.
            ordf = namnnyckel(self.ordforande)
            rost = next((r for n, r in self.roster if namnnyckel(n) == ordf), None)
            if rost is None or rost is Rostval.AVSTAR:
                raise OgiltigUppgift(
                    f"Omröstningen slutade lika ({ja}–{nej}) och ordföranden har inte röstat ja "
                    "eller nej: vid lika röstetal har ordföranden utslagsröst (kommunallagen "
                    "5 kap. 57 §) och måste använda den."
                )
            vinnare = rost
            utslag = True
        lydelse = self.ja_lydelse if vinnare is Rostval.JA else self.nej_lydelse
        return Omrostningsresultat(ja, nej, avstar, vinnare, lydelse, utslag)


@dataclass(frozen=True)
class Paragraf:
    nummer: int
    dnr: str | None  # None for Val av justerare, which is no ärende
    titel: str
    yrkanden: tuple[Yrkande, ...]
    omrostning: Omrostning | None
    utfall: Utfall | None  # None for Val av justerare
    beslutstext: str
    omedelbart_justerad: bool
    nytt_sammantrade: date | None
    protokollsutdrag: bool = False

    @property
    def ar_arende(self) -> bool:
        return self.dnr is not None


def tolka_utfall(utfall: Utfall | str) -> Utfall:
    try:
        return Utfall(utfall)
    except ValueError:
        raise OgiltigUppgift(
            f"Utfallet '{utfall}' finns inte: välj {', '.join(u.value for u in Utfall)}."
        ) from None


def _rostval(rost: Rostval | str, vem: str) -> Rostval:
    try:
        return Rostval(rost)
    except ValueError:
        raise OgiltigUppgift(
            f"Rösten '{rost}' för {vem} finns inte: ange ja, nej eller avstår."
        ) from None


def kontrollera_yrkanden(
    yrkanden: Sequence[Yrkande], narvaro: Narvaro, ledamoter: Sequence[Ledamot], namnd: str
) -> tuple[Yrkande, ...]:
    """The yrkanden in the order the ordförande put them, numbered 1, 2, 3 … without a gap,
    each by a tjänstgörande ledamot named as the nämnd's list spells her."""
    register = {namnnyckel(m.namn): m for m in ledamoter}
    ordningar = [y.ordning for y in yrkanden]
    dubbla = sorted({o for o in ordningar if ordningar.count(o) > 1})
    if dubbla:
        raise OgiltigUppgift(
            f"Yrkande {dubbla[0]} finns två gånger: varje yrkande har sitt eget nummer i "
            "den ordning ordföranden ställde dem."
        )
    saknas = sorted(set(range(1, len(ordningar) + 1)) - set(ordningar))
    if saknas:
        raise OgiltigUppgift(
            f"Yrkandena numreras 1–{len(ordningar)} utan lucka i den ordning ordföranden "
            f"ställde dem; nummer {', '.join(str(n) for n in saknas)} saknas (angivna: "
            f"{', '.join(str(o) for o in ordningar)})."
        )
    rensade = [
        Yrkande(
            y.ordning,
            tjanstgorande_namn(y.yrkande_av, narvaro, register, namnd, "yrka"),
            _text(y.lydelse, f"Lydelsen av yrkande {y.ordning}"),
        )
        for y in yrkanden
    ]
    return tuple(sorted(rensade, key=lambda y: y.ordning))


def kontrollera_omrostning(
    omrostning: Omrostning,
    narvaro: Narvaro,
    ledamoter: Sequence[Ledamot],
    namnd: str,
    ordforande: str,
) -> Omrostning:
    """The omröstning with each tjänstgörande ledamot's vote once, names as the nämnd's list
    spells them, and the meeting's ordförande filled in for the utslagsröst."""
    register = {namnnyckel(m.namn): m for m in ledamoter}
    ja = _text(omrostning.ja_lydelse, "Ja-propositionens lydelse")
    nej = _text(omrostning.nej_lydelse, "Nej-propositionens lydelse")
    if namnnyckel(ja) == namnnyckel(nej):
        raise OgiltigUppgift("Ja- och nej-propositionerna har samma lydelse.")
    roster: list[tuple[str, Rostval]] = []
    for namn, rost in omrostning.roster:
        vem = tjanstgorande_namn(namn, narvaro, register, namnd, "rösta")
        if any(v == vem for v, _ in roster):
            raise OgiltigUppgift(
                f"{vem} har röstat två gånger: varje tjänstgörande ledamot har en röst."
            )
        roster.append((vem, _rostval(rost, vem)))
    saknas = [n for n in narvaro.tjanstgorande if all(v != n for v, _ in roster)]
    if saknas:
        raise OgiltigUppgift(
            f"Röst saknas för {namnlista(saknas)}: varje tjänstgörande ledamot ska finnas "
            "med i omröstningen, den som avstår också."
        )
    kontrollerad = Omrostning(ja, nej, tuple(roster), ordforande)
    _ = kontrollerad.resultat  # refuses a tie the ordförande has not decided
    return kontrollerad
