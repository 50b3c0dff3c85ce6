"""Reminders about deadlines: when each one is due, to whom, and what it says.

A frist gets one reminder per lead time (ledtid, counted in vardagar before the frist) and,
if it passes with the action not done, one escalation to the handläggare's chef on the
first vardag after it. The records are unique per frist, frist date and ledtid, so a
reminder goes out once; a frist whose date moves (a bordlagt ärende) is a new deadline and
is reminded again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from arende.domain.datum import STOCKHOLM, svenskt_datum
from arende.domain.fel import OgiltigUppgift
from arende.domain.frister import Frist
from arende.domain.kalender import Helgdagskalender, ar_vardag, minus_vardagar, plus_vardagar
from arende.domain.organisation import Person

STANDARD_LEDTIDER = (10, 5, 1)
# The escalation is stored beside the reminders with ledtid 0, which no configured lead
# time can take (lead times are at least one vardag).
ESKALERING = 0
# Reminders go out at the start of the working day, Swedish time.
KLOCKSLAG = time(8, 0)

# Deliberately plain: one @, no spaces, a dot in the domain. Enough to catch a phone number
# or a name typed into the field; delivery is the mail server's business.
_EPOST = re.compile(r"^[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")


def kontrollera_ledtider(ledtider: Iterable[int]) -> tuple[int, ...]:
    """Lead times in vardagar, largest first, each at least one."""
    resultat: set[int] = set()
    for ledtid in ledtider:
        if isinstance(ledtid, bool) or not isinstance(ledtid, int):
            raise OgiltigUppgift(f"Ledtiden '{ledtid}' är inget heltal antal vardagar.")
        if ledtid < 1:
            raise OgiltigUppgift(
                f"Ledtiden måste vara minst en vardag före fristen, inte {ledtid}."
            )
        resultat.add(ledtid)
    if not resultat:
        raise OgiltigUppgift("Ange minst en ledtid för påminnelser (t.ex. 10, 5 och 1 vardagar).")
    return tuple(sorted(resultat, reverse=True))


def kontrollera_epost(adress: str, vems: str) -> str:
    rensad = adress.strip()
    if not _EPOST.match(rensad):
        raise OgiltigUppgift(
            f"'{adress}' är ingen giltig e-postadress ({vems}); skriv t.ex. "
            "fornamn.efternamn@stockholm.se."
        )
    return rensad


def paminnelsetid(frist_datum: date, ledtid: int, kalender: Helgdagskalender) -> datetime:
    """When the reminder `ledtid` vardagar before the frist (or, for ESKALERING, the
    escalation on the first vardag after it) goes out: 08:00 Swedish time that day."""
    if ledtid == ESKALERING:
        dag = plus_vardagar(frist_datum, 1, kalender)
    else:
        dag = minus_vardagar(frist_datum, ledtid, kalender)
    return datetime.combine(dag, KLOCKSLAG, tzinfo=STOCKHOLM)


def vardagar_kvar(idag: date, frist_datum: date, kalender: Helgdagskalender) -> int:
    """Vardagar from tomorrow up to and including the frist day (0 on the day itself)."""
    antal = 0
    dag = idag + timedelta(days=1)
    while dag <= frist_datum:
        antal += ar_vardag(dag, kalender)
        dag += timedelta(days=1)
    return antal


def ska_skickas(
    frist: Frist,
    ledtid: int,
    ledtider: tuple[int, ...],
    nu: datetime,
    kalender: Helgdagskalender,
) -> bool:
    """Whether the reminder or escalation `ledtid` is the one to send now.

    After downtime several reminders of one frist can be due at once; only the nearest one
    (smallest ledtid already due) is sent, so the handläggare gets one mail, not three.
    A reminder is not sent once the frist has passed: then it is the escalation's turn.
    """
    if frist.klar or not frist.kraver_atgard:
        return False
    idag = nu.astimezone(STOCKHOLM).date()
    if ledtid == ESKALERING:
        return nu >= paminnelsetid(frist.datum, ESKALERING, kalender)
    if idag > frist.datum or nu < paminnelsetid(frist.datum, ledtid, kalender):
        return False
    return not any(
        annan < ledtid and paminnelsetid(frist.datum, annan, kalender) <= nu for annan in ledtider
    )


@dataclass(frozen=True)
class Brev:
    till: tuple[str, ...]
    kopia: tuple[str, ...]
    amne: str
    text: str


def paminnelsebrev(
    *,
    frist: Frist,
    ledtid: int,
    dnr: str,
    titel: str,
    namnd: str,
    handlaggare: str,
    mottagare_namn: str,
    till: tuple[str, ...],
    kopia: tuple[str, ...],
    idag: date,
    kalender: Helgdagskalender,
    tillagg: str = "",
) -> Brev:
    datum = svenskt_datum(frist.datum)
    if ledtid == ESKALERING:
        amne = f"Försenat: {frist.typ.rubrik.lower()} i {dnr} senast {datum}"
        inledning = (
            f"Fristen nedan i {handlaggare}s ärende passerade den {datum} utan att åtgärden "
            "är registrerad. Du får detta meddelande som chef; handläggaren får en kopia."
        )
    else:
        kvar = vardagar_kvar(idag, frist.datum, kalender)
        nar = "i dag" if kvar == 0 else f"om {kvar} vardag{'ar' if kvar != 1 else ''}"
        amne = f"Påminnelse: {frist.typ.rubrik.lower()} i {dnr} senast {datum}"
        inledning = f"Fristen nedan i ditt ärende löper ut {nar}, den {datum}."
    text = (
        f"Hej {mottagare_namn}!\n\n{inledning}\n\n"
        f"Ärende: {dnr} – {titel} ({namnd})\n"
        f"Frist: {frist.typ.rubrik}, senast {datum}\n"
        f"{frist.beskrivning}\n"
        f"Regel: {frist.regel}\n\n"
        + (f"{tillagg}\n\n" if tillagg else "")
        + "Meddelandet skickas automatiskt av ärendesystemet, en gång per frist och ledtid.\n"
    )
    return Brev(till, kopia, amne, text)


def chefer_for(handlaggare: Person, chefer: list[Person]) -> list[Person]:
    """Who an overdue frist escalates to: the chef of the handläggare's avdelning; failing
    that the nämnd's chefs without an avdelning (förvaltningsledningen); failing that any
    chef of the nämnd. Never the handläggare herself."""
    andra = [c for c in chefer if c.namn != handlaggare.namn]
    if handlaggare.avdelning:
        samma = [c for c in andra if c.avdelning == handlaggare.avdelning]
        if samma:
            return samma
    ledning = [c for c in andra if not c.avdelning]
    return ledning or andra
