"""The legal calendar of an ärende: when justering, anslag and the appeal period end.

Every rule cites the statute it comes from, because a date shown to a handläggare must be
one she can defend. The periods are the current ones (kommunallagen 2017:725); the 2008
seed ran under kommunallagen 1991:900, which had the same two days and three weeks.

Which days are holidays is not the domain's knowledge: it asks a Helgdagskalender (the
adapter arende.adapters.helgdagar answers from the `holidays` package). Saturdays and
Sundays are never working days, whatever the calendar says.

Every function here takes days, not moments: a `datetime`, a text, None or anything else
where a date belongs is refused with an OgiltigUppgift saying what was given (see
`kontrollera_datum`), before any arithmetic, so a wrong value can neither slip past the
holidays nor end in a raw TypeError.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from arende.domain.datum import beskriv_varde, kontrollera_datum, svenskt_datum
from arende.domain.fel import OgiltigUppgift

JUSTERINGSFRIST_DAGAR = 14
ANSLAG_DAGAR_EFTER_JUSTERING = 2
OVERKLAGANDETID_VECKOR = 3

# No run of Swedish non-working days is longer than a week (jul and påsk give four); a
# calendar that reports more is broken, and looping on it would hang the caller.
_LANGSTA_LEDIGHET = timedelta(days=31)


class Helgdagskalender(Protocol):
    """Which days a deadline cannot fall on.

    `ar_fridag` is true for Saturdays, Sundays, every allmän helgdag (lag 1989:253) and for
    midsommarafton, julafton and nyårsafton, which lag (1930:173) om beräkning av lagstadgad
    tid, 2 §, puts on the same footing for deadlines although they are not helgdagar.
    `namn` gives the Swedish name of a helgdag or afton, and None for other days, plain
    weekends included.
    """

    def ar_fridag(self, dag: date) -> bool: ...

    def namn(self, dag: date) -> str | None: ...


def ar_vardag(dag: date, kalender: Helgdagskalender) -> bool:
    """A day on which a deadline can fall (1930:173 2 §'s "vardag")."""
    kontrollera_datum(dag)
    # The calendar is asked about weekends too, though its answer cannot make one a vardag:
    # a day it cannot answer for (the adapter's years before 1953) must be refused on a
    # Saturday as on a Tuesday, not pass as "no vardag" unasked.
    fridag = kalender.ar_fridag(dag)
    return dag.weekday() < 5 and not fridag


def flytta_till_vardag(dag: date, kalender: Helgdagskalender) -> date:
    """Lag (1930:173) om beräkning av lagstadgad tid, 2 §: when the last day for an action
    falls on a Sunday, another allmän helgdag, a Saturday, midsommarafton, julafton or
    nyårsafton, the action may be taken the next vardag. A vardag stays where it is."""
    kontrollera_datum(dag)
    return _forsta_vardag(dag, kalender, timedelta(days=1))


def plus_veckor(dag: date, n: int) -> date:
    """Lag (1930:173) 1 §: a period of weeks ends on the day with the same weekday name as
    the day it is counted from, n weeks later (three weeks from a Wednesday: a Wednesday)."""
    kontrollera_datum(dag, "Dagen att räkna från")
    _antal(n, "Antalet veckor")
    return dag + timedelta(weeks=n)


def plus_manader(dag: date, n: int) -> date:
    """Lag (1930:173) 1 §: a period of months ends on the day with the same number in the
    last month; if that month has no such day, on its last day (31 January + 1 month is 28
    or 29 February)."""
    kontrollera_datum(dag, "Dagen att räkna från")
    _antal(n, "Antalet månader")
    manader = dag.year * 12 + (dag.month - 1) + n
    ar, manad = divmod(manader, 12)
    manad += 1
    return date(ar, manad, min(dag.day, monthrange(ar, manad)[1]))


def plus_vardagar(dag: date, n: int, kalender: Helgdagskalender) -> date:
    """The n:th vardag after `dag` (not counting `dag` itself, as 1930:173 1 § does not count
    the first day). Used for lead times such as reminders; 0 gives `dag` back unchanged."""
    kontrollera_datum(dag, "Dagen att räkna från")
    _antal(n, "Antalet vardagar")
    return _stega_vardagar(dag, n, kalender, timedelta(days=1))


def minus_vardagar(dag: date, n: int, kalender: Helgdagskalender) -> date:
    """The n:th vardag before `dag`, e.g. when a reminder must go out three vardagar before
    a deadline; 0 gives `dag` back unchanged."""
    kontrollera_datum(dag, "Dagen att räkna från")
    _antal(n, "Antalet vardagar")
    return _stega_vardagar(dag, n, kalender, timedelta(days=-1))


@dataclass(frozen=True)
class Lagstadgadedatum:
    """The dates the law sets for one paragraf, each already moved off fridagar.

    Dates that depend on a step not yet taken (anslag before justering, the appeal period
    before anslag) are None until that step is known.
    """

    justering_senast: date
    anslag_senast: date | None
    overklagande_slut: date | None
    laga_kraft: date | None
    anslag_ned_tidigast: date | None


def lagstadgade_datum(
    sammantrade: date,
    justering: date | None,
    anslag: date | None,
    kalender: Helgdagskalender,
    justeringsfrist_dagar: int = JUSTERINGSFRIST_DAGAR,
) -> Lagstadgadedatum:
    """The legal dates of a paragraf decided at `sammantrade`.

    - justering_senast: kommunallagen 5 kap. 69 § (for nämnder through 6 kap. 35 §) wants the
      protokoll justerat within 14 days of the sammanträde; a nämnd may set a shorter frist,
      hence the parameter. The sammanträde day is not counted, so it is sammanträde + frist
      days, moved to a vardag by 1930:173 2 §.
    - anslag_senast: kommunallagen 8 kap. 12 §: the justering is announced on the anslagstavla
      "senast andra dagen efter justeringen", moved by 1930:173 2 §.
    - overklagande_slut: kommunallagen 13 kap. 5 §: a laglighetsprövning must reach the
      förvaltningsrätt within three weeks from the day the anslag was posted; 1930:173 1 §
      makes that the same weekday three weeks later, and 2 § moves it off fridagar. This
      counts from the actual anslag, not from anslag_senast: a late anslag delays it.
    - laga_kraft: the day after the appeal period ends, when no appeal can still arrive.
    - anslag_ned_tidigast: the anslag must stay up through the whole appeal period (if it
      comes down early the period does not run out), so the earliest day is laga_kraft.
    """
    kontrollera_datum(sammantrade, "Sammanträdesdagen")
    if justering is not None:
        kontrollera_datum(justering, "Justeringsdagen")
    if anslag is not None:
        kontrollera_datum(anslag, "Anslagsdagen")
    _justeringsfrist(justeringsfrist_dagar)
    if justering is not None and justering < sammantrade:
        raise OgiltigUppgift(
            f"Justeringen den {svenskt_datum(justering)} ligger före sammanträdet den "
            f"{svenskt_datum(sammantrade)}."
        )
    if anslag is not None and justering is None:
        raise OgiltigUppgift(
            f"Anslaget den {svenskt_datum(anslag)} kan inte anges innan justeringsdatumet är "
            "känt: det är justeringen som anslås."
        )
    if anslag is not None and justering is not None and anslag < justering:
        raise OgiltigUppgift(
            f"Anslaget den {svenskt_datum(anslag)} ligger före justeringen den "
            f"{svenskt_datum(justering)}."
        )

    justering_senast = flytta_till_vardag(
        sammantrade + timedelta(days=justeringsfrist_dagar), kalender
    )
    anslag_senast = (
        flytta_till_vardag(justering + timedelta(days=ANSLAG_DAGAR_EFTER_JUSTERING), kalender)
        if justering is not None
        else None
    )
    overklagande_slut = (
        flytta_till_vardag(plus_veckor(anslag, OVERKLAGANDETID_VECKOR), kalender)
        if anslag is not None
        else None
    )
    laga_kraft = overklagande_slut + timedelta(days=1) if overklagande_slut else None
    return Lagstadgadedatum(
        justering_senast=justering_senast,
        anslag_senast=anslag_senast,
        overklagande_slut=overklagande_slut,
        laga_kraft=laga_kraft,
        anslag_ned_tidigast=laga_kraft,
    )


def behover_omedelbar_justering(
    sammantrade: date,
    sista_dag: date | None,
    kalender: Helgdagskalender,
    justeringsfrist_dagar: int = JUSTERINGSFRIST_DAGAR,
) -> bool:
    """Whether the paragraf must be förklarad omedelbart justerad to meet `sista_dag`.

    A protokollsutdrag may be sent only after justering. Ordinary justering may lawfully
    happen as late as justering_senast (sammanträde + frist, moved by 1930:173 2 §); if that
    day is on or after the expediering deadline, the utdrag might not reach the recipient in
    time, so the paragraf must be justerad at the meeting. Seed 000: sammanträde 13 May
    2008, frist ends 27 May, sista dag 19 May, hence "Paragrafen förklaras omedelbart
    justerad". Without a deadline nothing forces it.
    """
    kontrollera_datum(sammantrade, "Sammanträdesdagen")
    if sista_dag is None:
        _justeringsfrist(justeringsfrist_dagar)
        return False
    kontrollera_datum(sista_dag, "Sista dagen")
    senast = lagstadgade_datum(
        sammantrade, None, None, kalender, justeringsfrist_dagar
    ).justering_senast
    return senast >= sista_dag


def _stega_vardagar(dag: date, n: int, kalender: Helgdagskalender, steg: timedelta) -> date:
    aktuell = dag
    for _ in range(n):
        aktuell = _forsta_vardag(aktuell + steg, kalender, steg)
    return aktuell


def _forsta_vardag(dag: date, kalender: Helgdagskalender, steg: timedelta) -> date:
    """`dag` if it is a vardag, else the first one in the direction of `steg`."""
    aktuell = dag
    while not ar_vardag(aktuell, kalender):
        aktuell += steg
        if abs(aktuell - dag) > _LANGSTA_LEDIGHET:
            raise ValueError(
                f"Helgdagskalendern anger ingen vardag inom en månad från "
                f"{svenskt_datum(dag)}; kalendern är felaktig."
            )
    return aktuell


def _antal(n: int, vad: str) -> None:
    # bool is an int to Python, but "True weeks" is no number a person meant.
    if isinstance(n, bool) or not isinstance(n, int):
        raise OgiltigUppgift(f"{vad} ska vara ett heltal, inte {beskriv_varde(n)}.")
    if n < 0:
        raise OgiltigUppgift(f"{vad} kan inte vara negativt ({n}).")


def _justeringsfrist(dagar: int) -> None:
    if isinstance(dagar, bool) or not isinstance(dagar, int):
        raise OgiltigUppgift(
            f"Justeringsfristen ska vara ett heltal antal dagar, inte {beskriv_varde(dagar)}."
        )
    if dagar < 0:
        raise OgiltigUppgift(f"Justeringsfristen kan inte vara negativ ({dagar} dagar).")
