"""Which stages an ärende of a given type passes, as a graph over the standard lifecycle.

DOMAIN.md's lifecycle is the law and practice every ärende follows; a type may leave out the
stages its kind of matter does not need (an anmälningsärende is not samverkat, a report from
a delegation has no förslag to fastställa), but never the ones that make it a decision of the
nämnd: it is registered, put on a dagordning, decided, justerat, anslaget and closed. The one
way back is the nämnd's återremiss, from the dagordning to beredning.

An ärende keeps the graph it was registered under, so a later change of its type's definition
never rewrites the path of a matter already under way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from arende.domain.skeden import Skede

# The stages no ärende of a nämnd can skip.
OBLIGATORISKA = frozenset(
    {
        Skede.REGISTRERAT,
        Skede.PA_DAGORDNING,
        Skede.BESLUTAT,
        Skede.JUSTERAT,
        Skede.ANSLAGET,
        Skede.AVSLUTAT,
    }
)
VALFRIA = frozenset(Skede) - OBLIGATORISKA
FORSTA, SISTA = Skede.REGISTRERAT, Skede.AVSLUTAT

# What has happened when an ärende has reached a stage, as a handläggare says it; the
# refusal "det går inte att X innan …" is built from it.
NADD: dict[Skede, str] = {
    Skede.REGISTRERAT: "registrerat",
    Skede.UNDER_BEREDNING: "ärendet är under beredning",
    Skede.SAMVERKAT: "ärendet har samverkats i förvaltningsgruppen",
    Skede.FORSLAG_FASTSTALLT: "förslaget till beslut är fastställt",
    Skede.PA_DAGORDNING: "förslaget till beslut är fastställt och ärendet står på dagordningen",
    Skede.BESLUTAT: "nämnden har beslutat",
    Skede.JUSTERAT: "protokollet är justerat",
    Skede.ANSLAGET: "justeringen är anslagen på anslagstavlan",
    Skede.EXPEDIERAT: "beslutet är expedierat",
}


def _laglig(fran: Skede, till: Skede) -> bool:
    """Forward over optional stages only; back only by återremiss, dagordning → beredning."""
    if till.ordning > fran.ordning:
        mellan = [s for s in Skede if fran.ordning < s.ordning < till.ordning]
        return all(s in VALFRIA for s in mellan)
    return fran is Skede.PA_DAGORDNING and till is Skede.UNDER_BEREDNING


@dataclass(frozen=True)
class Livscykel:
    overgangar: Mapping[Skede, frozenset[Skede]]

    @classmethod
    def linjar(cls, skeden: Iterable[Skede], *, aterremiss: bool = True) -> Livscykel:
        """The stages in order, each leading to the next; återremiss back to beredning when
        the type has beredning and `aterremiss`."""
        ordning = sorted(set(skeden), key=lambda s: s.ordning)
        overgangar: dict[Skede, set[Skede]] = {s: set() for s in ordning}
        for fran, till in zip(ordning, ordning[1:], strict=False):
            overgangar[fran].add(till)
        if aterremiss and Skede.UNDER_BEREDNING in overgangar:
            overgangar[Skede.PA_DAGORDNING].add(Skede.UNDER_BEREDNING)
        return cls({s: frozenset(t) for s, t in overgangar.items()})

    @property
    def skeden(self) -> tuple[Skede, ...]:
        alla = set(self.overgangar) | {t for m in self.overgangar.values() for t in m}
        return tuple(sorted(alla, key=lambda s: s.ordning))

    def tillaten(self, fran: Skede, till: Skede) -> bool:
        return till in self.overgangar.get(fran, frozenset())

    def framat(self, fran: Skede, till: Skede) -> bool:
        """A step a person takes: forward only (the way back is the nämnd's återremiss, which
        only a decision takes)."""
        return till.ordning > fran.ordning and self.tillaten(fran, till)

    def fore(self, skede: Skede) -> list[Skede]:
        """The stages that lead forward into this one (återremiss is not a way *into* a
        stage someone waits for: it is the nämnd sending the matter back)."""
        return [
            f for f, till in self.overgangar.items() if skede in till and f.ordning < skede.ordning
        ]

    def villkor(self, skede: Skede) -> str:
        """'innan …': what must have happened before the ärende can reach `skede`."""
        return " eller ".join(NADD[f] for f in sorted(self.fore(skede), key=lambda s: s.ordning))

    def fel(self) -> list[tuple[str, str]]:
        """Every way the graph is unlawful or can never end, as (which stage, message);
        empty when it is sound. Pure: the loader turns each into a message naming file and
        line."""
        fel: list[tuple[str, str]] = []
        skeden = set(self.skeden)
        for saknat in sorted(OBLIGATORISKA - skeden, key=lambda s: s.ordning):
            fel.append(
                (
                    saknat.value,
                    f"skedet '{saknat}' saknas; ett ärende i nämnden "
                    "registreras, står på dagordningen, beslutas, justeras, anslås och avslutas",
                )
            )
        if self.overgangar.get(SISTA):
            fel.append((SISTA.value, "ett avslutat ärende leder inte vidare"))
        for fran in sorted(self.overgangar, key=lambda s: s.ordning):
            for till in sorted(self.overgangar[fran], key=lambda s: s.ordning):
                if not _laglig(fran, till):
                    fel.append((fran.value, _olaglig(fran, till)))
        nas = _nas_fran(self.overgangar, [FORSTA])
        bakat = {s: {f for f, m in self.overgangar.items() if s in m} for s in skeden}
        nar_slutet = _nas_fran(bakat, [SISTA]) if SISTA in skeden else set()
        fast = sorted((nas - nar_slutet) & skeden, key=lambda s: s.ordning)
        if fast and SISTA in skeden:
            krets = " → ".join(s.value for s in fast)
            fel.append(
                (
                    fast[0].value,
                    f"från skedena {krets} leder ingen väg till '{SISTA}': ett ärende där "
                    "kommer aldrig till ett slut",
                )
            )
        for s in sorted(skeden - nas, key=lambda s: s.ordning):
            fel.append((s.value, f"skedet '{s}' nås aldrig från '{FORSTA}'"))
        return fel


def _olaglig(fran: Skede, till: Skede) -> str:
    if till.ordning <= fran.ordning:
        return (
            f"övergången '{fran}' → '{till}' går bakåt; den enda vägen tillbaka är återremiss "
            f"från '{Skede.PA_DAGORDNING}' till '{Skede.UNDER_BEREDNING}'"
        )
    hoppade = [
        s.value for s in Skede if fran.ordning < s.ordning < till.ordning and s in OBLIGATORISKA
    ]
    return f"övergången '{fran}' → '{till}' hoppar över {', '.join(repr(h) for h in hoppade)}"


def _nas_fran(grannar: Mapping[Skede, Iterable[Skede]], start: list[Skede]) -> set[Skede]:
    sedda: set[Skede] = set()
    kvar = list(start)
    while kvar:
        s = kvar.pop()
        if s in sedda:
            continue
        sedda.add(s)
        kvar.extend(grannar.get(s, ()))
    return sedda


STANDARD = Livscykel.linjar(Skede)


def fran_json(data: Mapping[str, Iterable[str]] | None) -> Livscykel:
    """As stored with the ärende; an ärende from before types existed followed the standard."""
    if not data:
        return STANDARD
    return Livscykel({Skede(k): frozenset(Skede(t) for t in v) for k, v in data.items()})


def till_json(livscykel: Livscykel) -> dict[str, list[str]]:
    return {
        s.value: sorted((t.value for t in m), key=lambda v: Skede(v).ordning)
        for s, m in sorted(livscykel.overgangar.items(), key=lambda p: p[0].ordning)
    }
