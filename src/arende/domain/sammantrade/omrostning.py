"""The nämnd's beslut in a paragraf: the yrkanden, the utfall and any omröstning.

Yrkanden are numbered in the order the ordförande put them; only those who take part in the
paragraf yrka and vote. An omröstning sets a ja-proposition against a nej-proposition
("ja för bifall till X, nej för bifall till Y"). An open omröstning records each
participant's vote once; a closed one (only in val and anställning) records the counts and
no names. At a tie the ordförande's vote decides, except in val and anställning, where
lottning decides (kommunallagen 5 kap. 53-56 §§); the draw comes from an injected source so
that it can be replayed in tests, and its outcome is kept with the omröstning.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from arende.domain.fel import OgiltigUppgift
from arende.domain.sammantrade.deltagande import Deltagande
from arende.domain.sammantrade.narvaro import Ledamot, Narvaro, tjanstgorande_namn
from arende.domain.sammantrade.reservation import Reservation
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


# Draws one of the two propositions at a tie in val and anställning. Production passes a
# system random source; tests a seeded one, so the outcome is known.
Lottning = Callable[[Sequence[Rostval]], Rostval]


@dataclass(frozen=True)
class Omrostningsresultat:
    ja: int
    nej: int
    avstar: int
    vinnare: Rostval  # JA or NEJ
    lydelse: str  # the ja- or nej-lydelse that won
    utslagsrost: bool  # a tie decided by the ordförande's vote
    lottning: bool = False  # a tie in val or anställning decided by lot


@dataclass(frozen=True)
class Omrostning:
    """A vote: ja for `ja_lydelse`, nej for `nej_lydelse`.

    Open (`sluten` False): `roster` holds the vote of each who takes part, exactly once.
    Closed (val and anställning only): `roster` is empty and `ja_roster`, `nej_roster` and
    `blanka` are the counted ballots, one per participant. `ordforande` (who leads the
    paragraf), `val_eller_anstallning` and `lottning` (the drawn outcome of a tie) are
    filled in by Sammantrade.besluta; the caller leaves them empty.
    """

    ja_lydelse: str
    nej_lydelse: str
    roster: tuple[tuple[str, Rostval], ...] = ()
    ordforande: str = ""
    sluten: bool = False
    ja_roster: int = 0
    nej_roster: int = 0
    blanka: int = 0
    val_eller_anstallning: bool = False
    lottning: Rostval | None = None

    @property
    def propositioner(self) -> str:
        """The propositions as the ordförande puts them, answerable yes or no."""
        return f"Ja för bifall till {self.ja_lydelse}, nej för bifall till {self.nej_lydelse}."

    @property
    def resultat(self) -> Omrostningsresultat:
        if self.sluten:
            ja, nej, avstar = self.ja_roster, self.nej_roster, self.blanka
        else:
            ja = sum(1 for _, r in self.roster if r is Rostval.JA)
            nej = sum(1 for _, r in self.roster if r is Rostval.NEJ)
            avstar = len(self.roster) - ja - nej
        if ja != nej:
            vinnare = Rostval.JA if ja > nej else Rostval.NEJ
            utslag = False
        elif self.val_eller_anstallning:
            # Kommunallagen 5 kap.: vid lika röstetal i val och anställning avgör lottning.
            if self.lottning is None:
                raise OgiltigUppgift(
                    f"Omröstningen i valet slutade lika ({ja}–{nej}): lika röstetal vid val "
                    "och anställning avgörs genom lottning, som inte är gjord."
                )
            lydelse = self.ja_lydelse if self.lottning is Rostval.JA else self.nej_lydelse
            return Omrostningsresultat(ja, nej, avstar, self.lottning, lydelse, False, True)
        else:
            # Kommunallagen 5 kap. 53–56 §§ (DOMAIN.md): vid lika röstetal har ordföranden
            # utslagsröst. 5 kap. 57 § was cited here, outside the rules on votes.
            ordf = namnnyckel(self.ordforande)
            rost = next((r for n, r in self.roster if namnnyckel(n) == ordf), None)
            if rost is None or rost is Rostval.AVSTAR:
                raise OgiltigUppgift(
                    f"Omröstningen slutade lika ({ja}–{nej}) och ordföranden har inte röstat ja "
                    "eller nej: vid lika röstetal har ordföranden utslagsröst (kommunallagen "
                    "5 kap. 53–56 §§) och måste använda den."
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
    # Who took part, who led it and the jäv questions decided (None in paragrafer stored
    # before participation was recorded per paragraf).
    deltagande: Deltagande | None = None
    reservationer: tuple[Reservation, ...] = ()

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


def _inte_javig(namn: str, javiga: Sequence[str], vad: str) -> None:
    nyckel = namnnyckel(namn)
    for j in javiga:
        if namnnyckel(j) == nyckel:
            raise OgiltigUppgift(
                f"{j} är jävig i ärendet och får varken delta i beslutet eller {vad} "
                "(kommunallagen 6 kap. 28–30 §§)."
            )


def kontrollera_yrkanden(
    yrkanden: Sequence[Yrkande],
    narvaro: Narvaro,
    ledamoter: Sequence[Ledamot],
    namnd: str,
    javiga: Sequence[str] = (),
) -> tuple[Yrkande, ...]:
    """The yrkanden in the order the ordförande put them, numbered 1, 2, 3 … without a gap,
    each by one who takes part (`narvaro` is the paragraf's), named as the list spells her."""
    register = {namnnyckel(m.namn): m for m in ledamoter}
    for y in yrkanden:
        _inte_javig(y.yrkande_av, javiga, "yrka")
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
    *,
    javiga: Sequence[str] = (),
    val_eller_anstallning: bool = False,
    lotta: Lottning | None = None,
) -> Omrostning:
    """The omröstning with each participant's vote once (open) or the counted ballots
    (closed), names as the nämnd's list spells them, the paragraf's ordförande filled in for
    the utslagsröst and, at a tie in val or anställning, the outcome drawn by `lotta`.
    `narvaro` is the paragraf's: its tjänstgörande are those who take part."""
    register = {namnnyckel(m.namn): m for m in ledamoter}
    ja = _text(omrostning.ja_lydelse, "Ja-propositionens lydelse")
    nej = _text(omrostning.nej_lydelse, "Nej-propositionens lydelse")
    if namnnyckel(ja) == namnnyckel(nej):
        raise OgiltigUppgift("Ja- och nej-propositionerna har samma lydelse.")
    if omrostning.sluten:
        return _sluten(omrostning, ja, nej, narvaro, ordforande, val_eller_anstallning, lotta)
    roster: list[tuple[str, Rostval]] = []
    for namn, _ in omrostning.roster:
        _inte_javig(namn, javiga, "rösta")
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
    kontrollerad = Omrostning(
        ja, nej, tuple(roster), ordforande, val_eller_anstallning=val_eller_anstallning
    )
    return _lotta_vid_lika(kontrollerad, lotta)


def _sluten(
    omrostning: Omrostning,
    ja: str,
    nej: str,
    narvaro: Narvaro,
    ordforande: str,
    val_eller_anstallning: bool,
    lotta: Lottning | None,
) -> Omrostning:
    if not val_eller_anstallning:
        raise OgiltigUppgift(
            "Sluten omröstning får bara användas i ärenden om val och anställning "
            "(kommunallagen 5 kap. 53–56 §§); här röstar var och en öppet med sitt namn."
        )
    if omrostning.roster:
        raise OgiltigUppgift(
            "En sluten omröstning redovisar bara antalet röster, inte vem som röstade hur: "
            "ange antalet ja, nej och blanka."
        )
    antal = (omrostning.ja_roster, omrostning.nej_roster, omrostning.blanka)
    if any(a < 0 for a in antal):
        raise OgiltigUppgift("Antalet röster kan inte vara negativt.")
    deltar = len(narvaro.tjanstgorande)
    if sum(antal) != deltar:
        raise OgiltigUppgift(
            f"I den slutna omröstningen räknades {sum(antal)} röstsedlar ({antal[0]} ja, "
            f"{antal[1]} nej, {antal[2]} blanka), men {deltar} deltar i beslutet: var och en "
            "lämnar en röstsedel, blank eller inte."
        )
    kontrollerad = Omrostning(
        ja,
        nej,
        (),
        ordforande,
        sluten=True,
        ja_roster=antal[0],
        nej_roster=antal[1],
        blanka=antal[2],
        val_eller_anstallning=True,
    )
    return _lotta_vid_lika(kontrollerad, lotta)


def _lotta_vid_lika(omrostning: Omrostning, lotta: Lottning | None) -> Omrostning:
    """Draw the outcome of a tie in val or anställning; elsewhere the resultat refuses a tie
    the ordförande has not decided."""
    if omrostning.val_eller_anstallning:
        r = omrostning
        ja = r.ja_roster if r.sluten else sum(1 for _, v in r.roster if v is Rostval.JA)
        nej = r.nej_roster if r.sluten else sum(1 for _, v in r.roster if v is Rostval.NEJ)
        if ja == nej:
            if ja == 0:
                raise OgiltigUppgift(
                    "Ingen röstade ja eller nej i valet: det finns inget att lotta mellan."
                )
            assert lotta is not None, "lottning needs a random source"
            utfall = lotta((Rostval.JA, Rostval.NEJ))
            omrostning = dataclasses.replace(omrostning, lottning=Rostval(utfall))
    _ = omrostning.resultat
    return omrostning
