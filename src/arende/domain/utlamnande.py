"""A request for allmän handling (begäran om utlämnande) and the prövning of it.

Anyone may ask to read or to have a copy of an allmän handling (TF 2 kap. 15–16 §§): the
request is answered at once or as soon as possible, a copy skyndsamt, so it is registered
with the moment it came in (date and time), and a reminder goes out the same working day.
The person asking need not say who she is (TF 2 kap. 18 §): the name is optional.

The handläggare tries each handling asked for: it is given out, given out with the secret
parts masked, or refused, and for the last two the OSL provision must be named (OSL 6 kap.
3 § and the decision's appeal need it). A part of a handling is identified by its stycken,
numbered 1, 2, 3 … in the order the handling's text has them (a Word paragraph, a line of a
PDF's text, a paragraph of an e-mail, a paragraph OCR finds on a scan or an image): the form
and `arende stycken` show the numbers. A Word handling's copy is its own file with those
stycken replaced by a note of the provision (`maskeringsnotis`), its layout kept; an
e-mail's is written from its text so replaced (`maskera`); a PDF's or an image's is its
pages with them painted black. Either way the masked text is not in the copy at all.

Plain Python: the service layer reads the handlingar and their text and draws up the copy
and the decision.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from arende.domain.datum import STOCKHOLM
from arende.domain.fel import OgiltigUppgift
from arende.domain.kalender import Helgdagskalender, ar_vardag, flytta_till_vardag
from arende.domain.sekretess import tolka_bestammelse

ANONYM = "Anonym sökande"
SOKANDELANGD = 200
BESKRIVNINGSLANGD = 250
# A working day for the reminder's hours: vardagar (lag 1930:173's sense) 08.00-17.00,
# Swedish time.
ARBETSDAGEN = (time(8, 0), time(17, 0))
STANDARD_PAMINNELSETIMMAR = 4
# The reminder goes out the same working day: by this time at the latest, but never less
# than MINSTA_ANSTAND after the request came in (and never after the day's end); see
# `paminnelsetid`.
SENAST_SAMMA_DAG = time(16, 0)
MINSTA_ANSTAND = timedelta(hours=1)


class Utfall(StrEnum):
    """The outcome of the prövning of one handling."""

    LAMNAS_UT = "lämnas ut"
    MASKERAS = "lämnas ut med maskering"
    AVSLAS = "avslås"

    @property
    def kraver_bestammelse(self) -> bool:
        return self is not Utfall.LAMNAS_UT


# The form's choice before anyone has tried the handling: a sekretessmarkerad handling comes
# up so, with its marking's provision, and is refused until it is decided.
PROVAS = "prövas"

_UTFALL_ORD = {
    "lämnas ut": Utfall.LAMNAS_UT,
    "lamnas ut": Utfall.LAMNAS_UT,
    "ut": Utfall.LAMNAS_UT,
    "lämnas ut med maskering": Utfall.MASKERAS,
    "lamnas ut med maskering": Utfall.MASKERAS,
    "maskeras": Utfall.MASKERAS,
    "maskering": Utfall.MASKERAS,
    "avslås": Utfall.AVSLAS,
    "avslas": Utfall.AVSLAS,
    "avslag": Utfall.AVSLAS,
}


def tolka_utfall(nummer: int, text: str) -> Utfall:
    """'lämnas ut', 'lämnas ut med maskering' or 'avslås' (also 'ut', 'maskeras', 'avslag')."""
    ord_ = " ".join(text.split()).casefold()
    if ord_ == PROVAS:
        raise OgiltigUppgift(
            f"Handling {nummer} är inte prövad: välj lämnas ut, lämnas ut med maskering "
            "eller avslås."
        )
    utfall = _UTFALL_ORD.get(ord_)
    if utfall is None:
        raise OgiltigUppgift(
            f"'{text[:40]}' är inget utfall för handling {nummer}: välj lämnas ut, lämnas ut "
            "med maskering eller avslås."
        )
    return utfall


_INTERVALL = re.compile(r"^(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?$")


def tolka_stycken(nummer: int, text: str, antal: int, *, vad: str = "maskeras") -> tuple[int, ...]:
    """'2', '2-4', '2–4, 7' → the stycken (1 … antal) to mask (or mark: `vad`), in order."""
    rensad = re.sub(r"(?i)^\s*stycke(?:na|n)?\s*", "", text or "").strip()
    if not rensad:
        raise OgiltigUppgift(
            f"Ange vilka stycken i handling {nummer} som ska {vad}, t.ex. '3' eller '3-5, 8'."
        )
    valda: set[int] = set()
    for del_ in rensad.split(","):
        traff = _INTERVALL.match(del_.strip())
        if traff is None:
            raise OgiltigUppgift(
                f"'{del_.strip()[:30]}' i handling {nummer} är inget stycke eller intervall; "
                "skriv t.ex. '3' eller '3-5, 8'."
            )
        forsta = int(traff[1])
        sista = int(traff[2]) if traff[2] else forsta
        if sista < forsta:
            raise OgiltigUppgift(f"Intervallet {forsta}–{sista} i handling {nummer} går baklänges.")
        if forsta < 1 or sista > antal:
            raise OgiltigUppgift(
                f"Handling {nummer} har stycke 1–{antal}; {del_.strip()} finns inte."
            )
        valda.update(range(forsta, sista + 1))
    if len(valda) == antal:
        raise OgiltigUppgift(
            f"Hela handling {nummer} skulle maskeras: då är det ett avslag, inte en maskering."
            if vad == "maskeras"
            else f"Alla stycken i handling {nummer} är angivna: markera hela handlingen i "
            "stället (utan stycken)."
        )
    return tuple(sorted(valda))


@dataclass(frozen=True)
class Provning:
    """One handling's prövning. `stycken` are the masked ones (MASKERAS only); `kopia` the
    number of the handling that holds the masked copy once it is drawn up."""

    nummer: int
    utfall: Utfall
    bestammelse: str | None = None
    stycken: tuple[int, ...] = ()
    kopia: int | None = None


def prova(
    nummer: int,
    utfall: str | Utfall,
    bestammelse: str | None,
    stycken: str | Sequence[int] | None,
    antal_stycken: int | None,
) -> Provning:
    """The prövning checked: a provision for a masking or refusal, stycken for a masking
    only, and only stycken the handling has. A handling given out whole carries no
    provision (one pre-filled from the marking is dropped with the choice)."""
    u = utfall if isinstance(utfall, Utfall) else tolka_utfall(nummer, utfall)
    text = " ".join((bestammelse or "").split())
    if u is Utfall.LAMNAS_UT:
        if stycken and (not isinstance(stycken, str) or stycken.strip()):
            raise OgiltigUppgift(
                f"Handling {nummer} lämnas ut hel men stycken att maskera är angivna: välj "
                "lämnas ut med maskering, eller ta bort styckena."
            )
        return Provning(nummer, u)
    if not text:
        vad = "Ett avslag" if u is Utfall.AVSLAS else "En maskering"
        raise OgiltigUppgift(
            f"{vad} av handling {nummer} ska ange bestämmelsen i offentlighets- och "
            "sekretesslagen som sekretessen följer av, t.ex. 'OSL 26 kap. 1 §' "
            "(OSL 6 kap. 3 §)."
        )
    grund = tolka_bestammelse(text)
    if u is Utfall.AVSLAS:
        if stycken and (not isinstance(stycken, str) or stycken.strip()):
            raise OgiltigUppgift(
                f"Handling {nummer} avslås helt men stycken är angivna: välj lämnas ut med "
                "maskering för att lämna ut resten."
            )
        return Provning(nummer, u, grund)
    if antal_stycken is None or antal_stycken < 2:
        raise OgiltigUppgift(
            f"Handling {nummer} har ingen text i stycken som kan maskeras (ingen text hittades "
            "i filen, eller bara ett stycke): lämna ut den hel eller avslå."
        )
    if isinstance(stycken, str) or stycken is None:
        valda = tolka_stycken(nummer, stycken or "", antal_stycken)
    else:
        valda = tolka_stycken(nummer, ", ".join(map(str, stycken)), antal_stycken)
    return Provning(nummer, u, grund, valda)


def maskeringsnotis(bestammelse: str) -> str:
    """What stands in a copy where a masked stycke stood."""
    return f"[Maskerat: sekretess enligt {bestammelse}]"


def maskera(stycken: Sequence[str], maskerade: Iterable[int], bestammelse: str) -> list[str]:
    """The text given out: each masked stycke replaced by a note of the provision, the rest
    as it is. The masked text is not carried on in any form."""
    bort = set(maskerade)
    notis = maskeringsnotis(bestammelse)
    return [notis if i in bort else s for i, s in enumerate(stycken, start=1)]


@dataclass
class Begaran:
    """A request for allmän handling, on the handlingar of one ärende (`dnr`); `nummer` is
    its number among the ärende's requests, `id` the register's."""

    nummer: int
    dnr: str
    mottagen: datetime
    handlingar: tuple[int, ...]
    registrerad_av: str
    beskrivning: str = ""
    sokande: str | None = None
    kontakt: str | None = None
    kopia: bool = True
    provningar: tuple[Provning, ...] = ()
    beslut: int | None = None  # the handling holding the written decision, if any
    avgjord: datetime | None = None
    avgjord_av: str | None = None
    paminnelse: datetime | None = None
    id: int | None = field(default=None, compare=False)

    @property
    def oppen(self) -> bool:
        return self.avgjord is None

    @property
    def vem(self) -> str:
        return self.sokande or ANONYM

    @property
    def beteckning(self) -> str:
        return f"begäran {self.nummer} i {self.dnr}"

    def kontrollera_oppen(self) -> None:
        if not self.oppen:
            assert self.avgjord is not None
            raise OgiltigUppgift(
                f"{self.beteckning.capitalize()} är redan prövad "
                f"({self.avgjord.astimezone(STOCKHOLM):%Y-%m-%d %H.%M}, {self.avgjord_av})."
            )

    def kontrollera_begard(self, nummer: int) -> None:
        if nummer not in self.handlingar:
            raise OgiltigUppgift(
                f"Handling {nummer} är inte begärd i {self.beteckning} "
                f"(begärda: {_lista(self.handlingar)})."
            )

    def avgor(self, provningar: Sequence[Provning], nar: datetime, av: str) -> None:
        """Every handling asked for tried exactly once, and none that was not asked for."""
        self.kontrollera_oppen()
        sedda: set[int] = set()
        for p in provningar:
            self.kontrollera_begard(p.nummer)
            if p.nummer in sedda:
                raise OgiltigUppgift(f"Handling {p.nummer} är prövad två gånger.")
            sedda.add(p.nummer)
        saknas = [n for n in self.handlingar if n not in sedda]
        if saknas:
            raise OgiltigUppgift(
                f"Handling {_lista(saknas)} i {self.beteckning} är inte prövad: varje begärd "
                "handling prövas."
            )
        ordning = {n: i for i, n in enumerate(self.handlingar)}
        self.provningar = tuple(sorted(provningar, key=lambda p: ordning[p.nummer]))
        self.avgjord, self.avgjord_av = nar, av

    def med_kopia(self, nummer: int, kopia: int) -> None:
        self.provningar = tuple(
            replace(p, kopia=kopia) if p.nummer == nummer else p for p in self.provningar
        )


def _lista(nummer: Iterable[int]) -> str:
    return ", ".join(map(str, nummer))


def ny_begaran(
    *,
    nummer: int,
    dnr: str,
    mottagen: datetime,
    idag: date,
    handlingar: Sequence[int],
    finns: Iterable[int],
    registrerad_av: str,
    sokande: str | None = None,
    kontakt: str | None = None,
    beskrivning: str = "",
    kopia: bool = True,
) -> Begaran:
    """A request checked: a time it came in (not in the future, with its time zone), at
    least one handling, each one the ärende has. No name is asked for: the sökande may be
    anonymous (TF 2 kap. 18 §)."""
    if mottagen.tzinfo is None:
        mottagen = mottagen.replace(tzinfo=STOCKHOLM)
    if mottagen.astimezone(STOCKHOLM).date() > idag:
        raise OgiltigUppgift(
            f"Begäran kan inte ha kommit in {mottagen.astimezone(STOCKHOLM):%Y-%m-%d %H.%M}: "
            "det är i framtiden."
        )
    if not handlingar:
        raise OgiltigUppgift(
            f"Ange vilka handlingar i {dnr} som begärs (deras nummer, se arende handlingar)."
        )
    kanda = set(finns)
    valda: list[int] = []
    for n in handlingar:
        if n not in kanda:
            raise OgiltigUppgift(
                f"Ärende {dnr} har ingen handling {n} (handlingarna är "
                f"{_lista(sorted(kanda)) or 'inga'})."
            )
        if n not in valda:
            valda.append(n)
    namn = " ".join((sokande or "").split()) or None
    if namn and len(namn) > SOKANDELANGD:
        raise OgiltigUppgift(f"Sökandens namn är längre än {SOKANDELANGD} tecken.")
    adress = " ".join((kontakt or "").split()) or None
    if adress and len(adress) > SOKANDELANGD:
        raise OgiltigUppgift(f"Kontaktuppgiften är längre än {SOKANDELANGD} tecken.")
    text = " ".join(beskrivning.split())
    if len(text) > BESKRIVNINGSLANGD:
        raise OgiltigUppgift(f"Beskrivningen är längre än {BESKRIVNINGSLANGD} tecken.")
    return Begaran(
        nummer=nummer,
        dnr=dnr,
        mottagen=mottagen,
        handlingar=tuple(valda),
        registrerad_av=registrerad_av,
        beskrivning=text,
        sokande=namn,
        kontakt=adress,
        kopia=kopia,
    )


def kontrollera_timmar(timmar: int) -> int:
    if isinstance(timmar, bool) or not isinstance(timmar, int) or timmar < 1:
        raise OgiltigUppgift(
            f"Påminnelsen om en begäran om allmän handling ska gå efter minst en arbetstimme, "
            f"inte {timmar!r}."
        )
    return timmar


def paminnelsetid(mottagen: datetime, timmar: int, kalender: Helgdagskalender) -> datetime:
    """When a request still open is reminded: on the working day it came in, not later.

    TF 2 kap. 15-16 §§ want an answer "genast eller så snart som möjligt": hours or a day,
    not weeks, so a reminder that slips into the next day comes late. The reminder therefore goes out on the request's own working day (a
    vardag in lag 1930:173's sense, 08.00-17.00 Swedish time), at the earlier of:

    - `timmar` working hours after it came in (from 08.00 if it came before), so a request
      in the morning is reminded in the early afternoon, and
    - the day's cut-off, 16.00: an hour before the working day ends leaves the handläggare
      time to try the request, or at least to answer the sökande, the same day, which a
      reminder at 17.00 would not. A request that comes in after 15.00 gets one hour
      before it is reminded (the handläggare may already be on it; a reminder within
      minutes is noise), but never past 17.00, when the reminder would in fact be read
      the next day.

    A request that comes in at or after 17.00, or on a day that is no vardag (weekend,
    helgdag, midsommar-, jul- or nyårsafton: the calendar's fridagar), is treated as come
    in at 08.00 on the next vardag and reminded by the same rule: by 12.00 with 4 hours.
    DST never moves a result: the clocks change on a Sunday night, outside every working
    day, and each time is built from the day's own wall clock."""
    kvar = timedelta(hours=kontrollera_timmar(timmar))
    borjar, slutar = ARBETSDAGEN
    t = mottagen.astimezone(STOCKHOLM)
    dag = t.date()
    if ar_vardag(dag, kalender) and t.time() < slutar:
        t = max(t, datetime.combine(dag, borjar, tzinfo=STOCKHOLM))
    else:
        dag = flytta_till_vardag(dag + timedelta(days=1), kalender)
        t = datetime.combine(dag, borjar, tzinfo=STOCKHOLM)
    sparr = max(datetime.combine(dag, SENAST_SAMMA_DAG, tzinfo=STOCKHOLM), t + MINSTA_ANSTAND)
    return min(t + kvar, sparr, datetime.combine(dag, slutar, tzinfo=STOCKHOLM))
