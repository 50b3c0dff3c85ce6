"""A nämnd's sammanträdesplan and whether a chosen sammanträde leaves time for the ärende.

Before a sammanträde the ärende must be samverkat in the förvaltningsgrupp, the förslag
fastställt, and the kallelse with the handlingar sent out; after it the protokollsutdrag
must reach the recipient (for a nomination: Stadsledningskontoret) by the award's sista dag.
The lead times are the nämnd's practice, not law, so they are parameters with defaults that
match a common reglemente (kallelse a week before the meeting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from arende.domain.datum import svenskt_datum
from arende.domain.fel import OgiltigUppgift
from arende.domain.kalender import (
    JUSTERINGSFRIST_DAGAR,
    Helgdagskalender,
    behover_omedelbar_justering,
    minus_vardagar,
    plus_vardagar,
)

# Kallelsen går ut minst en vecka före sammanträdet (vanligt i nämndernas reglementen).
KALLELSE_DAGAR = 7
# Samverkan i förvaltningsgruppen minst två vardagar före kallelsen: förslaget ska hinna
# fastställas och läggas till handlingarna.
SAMVERKAN_VARDAGAR_FORE_KALLELSE = 2
# Protokollsutdraget expedieras tidigast vardagen efter sammanträdet (efter omedelbar justering).
EXPEDIERING_VARDAGAR = 1


@dataclass(frozen=True)
class Sammantradesplan:
    namnd: str
    ar: int
    datum: tuple[date, ...]
    # When each meeting is to begin (Swedish time), for the dates the plan gives one.
    tider: tuple[tuple[date, time], ...] = ()

    def __post_init__(self) -> None:
        if not self.datum:
            raise OgiltigUppgift(f"Sammanträdesplanen för {self.namnd} {self.ar} är tom.")
        for d in self.datum:
            if d.year != self.ar:
                raise OgiltigUppgift(
                    f"Sammanträdesplanen för {self.namnd} {self.ar} innehåller "
                    f"{svenskt_datum(d)}, som inte ligger i år {self.ar}."
                )
        if len(set(self.datum)) != len(self.datum):
            raise OgiltigUppgift(
                f"Sammanträdesplanen för {self.namnd} {self.ar} har samma datum två gånger."
            )
        for d, _ in self.tider:
            if d not in self.datum:
                raise OgiltigUppgift(
                    f"Sammanträdesplanen för {self.namnd} {self.ar} anger en tid för den "
                    f"{svenskt_datum(d)}, som inte är ett av planens sammanträden."
                )
        if len({d for d, _ in self.tider}) != len(self.tider):
            raise OgiltigUppgift(
                f"Sammanträdesplanen för {self.namnd} {self.ar} anger två tider för samma dag."
            )
        object.__setattr__(self, "datum", tuple(sorted(self.datum)))
        object.__setattr__(self, "tider", tuple(sorted(self.tider)))

    def klockan(self, datum: date) -> time | None:
        """When the meeting on `datum` is to begin, if the plan says."""
        return next((t for d, t in self.tider if d == datum), None)


@dataclass(frozen=True)
class Sammantradesprovning:
    """What the chosen sammanträde means for the ärende: the last days to act before it."""

    sammantrade: date
    samverkan_senast: date
    kallelse_senast: date
    expediering_tidigast: date
    sista_dag: date | None
    omedelbar_justering_kravs: bool


def prova_sammantrade(
    sammantrade: date,
    plan: Sammantradesplan | None,
    *,
    namnd: str,
    fran: date,
    sista_dag: date | None,
    kalender: Helgdagskalender,
    justeringsdagar: int = JUSTERINGSFRIST_DAGAR,
    kallelse_dagar: int = KALLELSE_DAGAR,
    samverkan_vardagar: int = SAMVERKAN_VARDAGAR_FORE_KALLELSE,
    expediering_vardagar: int = EXPEDIERING_VARDAGAR,
) -> Sammantradesprovning:
    """Check `sammantrade` against the plan and the time around it; `fran` is the first day
    work can start (today, or the registration date of an ärende registered afterwards)."""
    if plan is None:
        raise OgiltigUppgift(
            f"{namnd} har ingen sammanträdesplan för {sammantrade.year}: lägg in den i "
            "grunddata ([[sammantradesplan]])."
        )
    if sammantrade not in plan.datum:
        raise OgiltigUppgift(
            f"{namnd} har inget sammanträde den {svenskt_datum(sammantrade)} enligt "
            f"sammanträdesplanen för {plan.ar}. Planerade sammanträden: "
            f"{', '.join(svenskt_datum(d) for d in plan.datum)}."
        )
    provning = _provning(
        sammantrade,
        sista_dag,
        kalender,
        justeringsdagar,
        kallelse_dagar,
        samverkan_vardagar,
        expediering_vardagar,
    )
    if provning.samverkan_senast < fran:
        raise OgiltigUppgift(
            f"Sammanträdet den {svenskt_datum(sammantrade)} hinner inte förberedas: ärendet ska "
            f"samverkas senast den {svenskt_datum(provning.samverkan_senast)} och kallelsen gå "
            f"ut senast den {svenskt_datum(provning.kallelse_senast)}, men arbetet kan börja "
            f"först den {svenskt_datum(fran)}."
            + _forslag(
                plan,
                fran,
                sista_dag,
                kalender,
                justeringsdagar,
                kallelse_dagar,
                samverkan_vardagar,
                expediering_vardagar,
            )
        )
    if sista_dag is not None and provning.expediering_tidigast > sista_dag:
        raise OgiltigUppgift(
            f"Sammanträdet den {svenskt_datum(sammantrade)} lämnar ingen tid för expediering: "
            f"protokollsutdraget kan skickas tidigast den "
            f"{svenskt_datum(provning.expediering_tidigast)}, men sista dag är den "
            f"{svenskt_datum(sista_dag)}."
            + _forslag(
                plan,
                fran,
                sista_dag,
                kalender,
                justeringsdagar,
                kallelse_dagar,
                samverkan_vardagar,
                expediering_vardagar,
            )
        )
    return provning


def _provning(
    sammantrade: date,
    sista_dag: date | None,
    kalender: Helgdagskalender,
    justeringsdagar: int,
    kallelse_dagar: int,
    samverkan_vardagar: int,
    expediering_vardagar: int,
) -> Sammantradesprovning:
    # The kallelse must be out `kallelse_dagar` before; on a fridag it goes out the vardag
    # before (minus_vardagar from the next day lands on the day itself if it is a vardag).
    kallelse = minus_vardagar(
        sammantrade - timedelta(days=kallelse_dagar) + timedelta(days=1), 1, kalender
    )
    return Sammantradesprovning(
        sammantrade=sammantrade,
        samverkan_senast=minus_vardagar(kallelse, samverkan_vardagar, kalender),
        kallelse_senast=kallelse,
        expediering_tidigast=plus_vardagar(sammantrade, expediering_vardagar, kalender),
        sista_dag=sista_dag,
        omedelbar_justering_kravs=behover_omedelbar_justering(
            sammantrade, sista_dag, kalender, justeringsdagar
        ),
    )


def _forslag(
    plan: Sammantradesplan,
    fran: date,
    sista_dag: date | None,
    kalender: Helgdagskalender,
    *parametrar: int,
) -> str:
    """Name the sammanträden in the plan that would work, so the person can pick one."""
    mojliga = []
    for d in plan.datum:
        p = _provning(d, sista_dag, kalender, *parametrar)
        if p.samverkan_senast >= fran and (
            sista_dag is None or p.expediering_tidigast <= sista_dag
        ):
            mojliga.append(d)
    if not mojliga:
        return " Inget sammanträde i planen hinns med."
    return " Möjliga sammanträden: " + ", ".join(svenskt_datum(d) for d in mojliga) + "."


def planer_per_ar(
    namnd: str, datum: tuple[date, ...], tider: tuple[tuple[date, time], ...] = ()
) -> list[Sammantradesplan]:
    """A nämnd's meeting dates (and their times) split into one plan per year."""
    ar = sorted({d.year for d in datum})
    return [
        Sammantradesplan(
            namnd,
            a,
            tuple(d for d in datum if d.year == a),
            tuple((d, t) for d, t in tider if d.year == a),
        )
        for a in ar
    ]
