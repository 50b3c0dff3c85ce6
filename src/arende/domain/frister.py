"""The deadlines (frister) of one ärende, computed from what is known about it today.

A frist is a date by which something must be done (nominering, justering, anslag) or a date
the law attaches to the decision (end of the appeal period, laga kraft). Each carries the
rule it comes from, because a handläggare who is reminded of a date must be able to defend
it. The function is pure: the service layer stores its result and recomputes it after every
step, so a moved sammanträde or a late anslag moves the dates that depend on it.

Dates that depend on a step not yet taken are left out rather than guessed, with one
exception the law itself makes certain: a paragraf to be förklarad omedelbart justerad is
justerad at the meeting, so its anslag is due two days after the sammanträde.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from arende.domain.arende import Arende
from arende.domain.datum import svenskt_datum
from arende.domain.fel import OgiltigUppgift
from arende.domain.kalender import (
    ANSLAG_DAGAR_EFTER_JUSTERING,
    JUSTERINGSFRIST_DAGAR,
    Helgdagskalender,
    flytta_till_vardag,
    lagstadgade_datum,
)
from arende.domain.skeden import Skede

REGEL_1930_2 = "lag (1930:173) om beräkning av lagstadgad tid 2 §"


class Fristtyp(StrEnum):
    NOMINERING = "nominering"
    JUSTERING = "justering"
    ANSLAG = "anslag"
    OVERKLAGANDE = "overklagande"
    LAGA_KRAFT = "laga_kraft"
    TAVLINGSBIDRAG = "tavlingsbidrag"
    # An activity's end date in a nominated unit's verksamhetsplan: the unit's own deadline,
    # shown with the ärende and in the calendar; the unit's plan, not the nämnd, owns it.
    AKTIVITET = "aktivitet"

    @property
    def kraver_atgard(self) -> bool:
        """Whether someone must act by the date. The appeal period and laga kraft only pass:
        they are shown and exported, but nobody is reminded or escalated about them."""
        # The tävlingsbidrag shares the nomination's sista dag, but the nomination's frist is
        # done once the protokollsutdrag is expedierat, while a bidrag may still be missing:
        # it is reminded on its own until every unit has handed in.
        return self in (
            Fristtyp.NOMINERING,
            Fristtyp.JUSTERING,
            Fristtyp.ANSLAG,
            Fristtyp.TAVLINGSBIDRAG,
        )

    @property
    def rubrik(self) -> str:
        return _RUBRIKER[self]


_RUBRIKER = {
    Fristtyp.NOMINERING: "Sista dag för nominering",
    Fristtyp.JUSTERING: "Justering",
    Fristtyp.ANSLAG: "Anslag av justeringen",
    Fristtyp.OVERKLAGANDE: "Överklagandetiden löper ut",
    Fristtyp.LAGA_KRAFT: "Laga kraft",
    Fristtyp.TAVLINGSBIDRAG: "Sista dag för tävlingsbidrag",
    Fristtyp.AKTIVITET: "Aktivitet i verksamhetsplanen",
}


@dataclass(frozen=True)
class Frist:
    typ: Fristtyp
    datum: date
    beskrivning: str
    regel: str
    klar: bool = False  # the action is done (always False for dates that only pass)
    # Tells apart several frister of one type (the activities of a plan); "" for the rest.
    nyckel: str = ""

    @property
    def kraver_atgard(self) -> bool:
        return self.typ.kraver_atgard


def berakna_frister(
    arende: Arende,
    kalender: Helgdagskalender,
    justeringsdagar: int = JUSTERINGSFRIST_DAGAR,
    aktiviteter: Sequence[Planaktivitet] = (),
    justeringstid: date | None = None,
    egna: Sequence[Frist] = (),
) -> list[Frist]:
    """The ärende's deadlines in date order: the law's (justering, anslag, the appeal
    period, laga kraft), the end dates of activities in imported plans, and `egna`, the
    deadlines its type's rules add (the award's sista dag).

    Raises OgiltigUppgift if a deadline would fall before the ärende was registered: that
    means the data it derives from is wrong (e.g. an award year whose sista dag was changed
    to before the registration), and storing such a frist would send reminders about a day
    that had passed before the matter existed.
    """
    # The type's own deadlines (the award's sista dag), from its rules.
    frister: list[Frist] = list(egna)
    if arende.skede is Skede.AVSLUTAT and not arende.beslut:
        # Closed without a decision here (an earlier document imported, domain/
        # aldre_handling.py): nothing was decided that a justering or appeal could follow.
        return sorted(frister, key=lambda f: (f.datum, list(Fristtyp).index(f.typ), f.nyckel))

    beslut = arende.gallande_beslut
    sammantrade = (
        beslut.sammantrade if beslut else arende.sammantrade or arende.planerat_sammantrade
    )
    omedelbar = beslut.omedelbar_justering if beslut else arende.foreslagen_omedelbar_justering
    justering = arende.justering.datum if arende.justering else None
    lag = lagstadgade_datum(sammantrade, justering, arende.anslagsdatum, kalender, justeringsdagar)
    vid = "beslutade" if beslut else "planerade"

    if omedelbar:
        frister.append(
            Frist(
                Fristtyp.JUSTERING,
                sammantrade,
                f"Paragrafen justeras omedelbart vid det {vid} sammanträdet den "
                f"{svenskt_datum(sammantrade)}.",
                "kommunallagen 5 kap. 70 § (omedelbar justering), för nämnder 6 kap. 35 §",
                klar=justering is not None,
            )
        )
    elif justeringstid is not None:
        # The sammanträde set the justering's last day (within the law's 14 days): that is
        # the date the ordförande and justerare must have signed by.
        frister.append(
            Frist(
                Fristtyp.JUSTERING,
                justeringstid,
                f"Ordföranden och justerarna ska ha justerat protokollet från sammanträdet den "
                f"{svenskt_datum(sammantrade)} senast denna dag, som nämnden bestämde vid "
                "sammanträdet.",
                "kommunallagen 5 kap. 69 §, för nämnder 6 kap. 35 §; tiden för justering "
                "tillkännagiven vid sammanträdet",
                klar=justering is not None,
            )
        )
    else:
        frister.append(
            Frist(
                Fristtyp.JUSTERING,
                lag.justering_senast,
                f"Protokollet ska vara justerat senast {justeringsdagar} dagar efter det "
                f"{vid} sammanträdet den {svenskt_datum(sammantrade)}.",
                "kommunallagen 5 kap. 69 §, för nämnder 6 kap. 35 §"
                + (
                    f" (nämndens justeringsfrist {justeringsdagar} dagar)"
                    if justeringsdagar != JUSTERINGSFRIST_DAGAR
                    else ""
                )
                + f"; {REGEL_1930_2}",
                klar=justering is not None,
            )
        )

    regel_anslag = f"kommunallagen 8 kap. 12 §; {REGEL_1930_2}"
    if lag.anslag_senast is not None and justering is not None:
        frister.append(
            Frist(
                Fristtyp.ANSLAG,
                lag.anslag_senast,
                f"Justeringen den {svenskt_datum(justering)} ska anslås på kommunens "
                "anslagstavla senast andra dagen efter justeringen.",
                regel_anslag,
                klar=arende.anslagsdatum is not None,
            )
        )
    elif omedelbar:
        frister.append(
            Frist(
                Fristtyp.ANSLAG,
                flytta_till_vardag(
                    sammantrade + timedelta(days=ANSLAG_DAGAR_EFTER_JUSTERING), kalender
                ),
                "Den omedelbara justeringen vid sammanträdet den "
                f"{svenskt_datum(sammantrade)} ska anslås på kommunens anslagstavla senast "
                "andra dagen efter justeringen.",
                regel_anslag,
            )
        )

    if lag.overklagande_slut is not None and lag.laga_kraft is not None:
        assert arende.anslagsdatum is not None
        frister.append(
            Frist(
                Fristtyp.OVERKLAGANDE,
                lag.overklagande_slut,
                "Sista dag för laglighetsprövning: ett överklagande ska ha kommit in till "
                "förvaltningsrätten inom tre veckor från anslaget den "
                f"{svenskt_datum(arende.anslagsdatum)}. Anslaget ska sitta uppe hela tiden.",
                "kommunallagen 13 kap. 5 §; lag (1930:173) 1 och 2 §§",
            )
        )
        frister.append(
            Frist(
                Fristtyp.LAGA_KRAFT,
                lag.laga_kraft,
                "Beslutet vinner laga kraft om det inte har överklagats; anslaget får tas "
                "ned tidigast denna dag.",
                "kommunallagen 13 kap. 5 § (dagen efter överklagandetidens slut)",
            )
        )

    for frist in frister:
        if frist.datum < arende.registreringsdatum:
            raise OgiltigUppgift(
                f"Fristen '{frist.typ.rubrik}' den {svenskt_datum(frist.datum)} ligger före "
                f"registreringen av ärendet {arende.dnr} den "
                f"{svenskt_datum(arende.registreringsdatum)}; kontrollera underlaget "
                f"({frist.regel})."
            )
    # A plan's activities that ended before the ärende existed are history, not deadlines.
    for i, a in enumerate(sorted(aktiviteter, key=lambda a: (a.slut, a.verksamhet, a.text)), 1):
        if a.slut >= arende.registreringsdatum:
            frister.append(
                Frist(
                    Fristtyp.AKTIVITET,
                    a.slut,
                    f"{a.verksamhet}: {a.text}"[:300],
                    f"{a.verksamhet}s verksamhetsplan",
                    nyckel=str(i),
                )
            )
    return sorted(frister, key=lambda f: (f.datum, list(Fristtyp).index(f.typ), f.nyckel))


@dataclass(frozen=True)
class Planaktivitet:
    """An activity with an end date from a nominated unit's imported verksamhetsplan."""

    verksamhet: str
    slut: date
    text: str
