"""Klassificering and gallring: the nämnd's classification of its processes (in the style of
SKR's Klassa), the informationshanteringsplan that says for each kind of handling whether
it is kept (bevaras) or may be gallrad after a period under a named gallringsbeslut, and
the rule of which handlingar a gallring run may propose.

Gallring follows the rules the kommun has set for its archive (arkivlagen 6 och 10 §§): a
handling may go only when the plan allows it and its time has come, and a registrator
decides. What goes is the content; the record (ärende, number, type, sha256, under which
decision, by whom, when) remains, so that the audit chain stays verifiable and anyone can
see when something was gallrat (OSL 4 kap. 1 §).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from arende.domain.datum import STOCKHOLM
from arende.domain.fel import OgiltigUppgift
from arende.domain.kalender import Helgdagskalender, flytta_till_vardag

# The audit log's name for a registrator's gallring of one handling: `arende verifiera`
# looks for it to know that a gallring record was decided.
GALLRA_HANDLING = "gallra handling"

# Klassa's three levels: verksamhetsområde "1", processgrupp "1.2", process "1.2.3".
NIVAER = ("verksamhetsområde", "processgrupp", "process")
_ARTIKEL = {"verksamhetsområde": "ett", "processgrupp": "en", "process": "en"}
_KOD = re.compile(r"^[1-9]\d{0,2}(\.[1-9]\d{0,2}){0,2}$")


@dataclass(frozen=True)
class Klass:
    """One node of the classification: a verksamhetsområde, processgrupp or process."""

    kod: str
    namn: str
    arendetyper: tuple[str, ...] = ()

    @property
    def niva(self) -> str:
        return NIVAER[self.kod.count(".")]

    def __str__(self) -> str:
        return f"{self.kod} {self.namn}"


def kontrollera_kod(kod: str) -> str:
    """A code as Klassa writes it: one to three numbers joined by dots ('1.2.3')."""
    kod = kod.strip()
    if not _KOD.match(kod):
        raise OgiltigUppgift(
            f"Klassificeringskoden '{kod[:30]}' ska vara ett till tre nummer med punkt "
            "emellan, t.ex. '1', '1.2' eller '1.2.3'."
        )
    return kod


@dataclass(frozen=True)
class Gallringsbeslut:
    """The decision that allows gallring: whose, its dnr and its day."""

    beteckning: str  # the decision's dnr, e.g. 'SoN 2019/12'
    datum: date
    organ: str  # the nämnd (or kommunstyrelse) that decided it
    rubrik: str = ""

    def __str__(self) -> str:
        organ = self.organ if self.organ[-1:] in ("s", "x", "z") else f"{self.organ}s"
        return f"{organ} beslut {self.beteckning} den {self.datum.isoformat()}"


class Fristgrund(StrEnum):
    """What a gallringsfrist counts from."""

    AVSLUT = "ärendets avslut"
    HANDLINGENS_DATUM = "handlingens datum"
    INAKTUALITET = "inaktualitet"  # when it is no longer needed: the registrator judges


class Enhet(StrEnum):
    AR = "år"
    MANADER = "månader"
    DAGAR = "dagar"


_ENHETER = {
    "år": Enhet.AR,
    "månad": Enhet.MANADER,
    "månader": Enhet.MANADER,
    "dag": Enhet.DAGAR,
    "dagar": Enhet.DAGAR,
}
_FRIST = re.compile(
    r"^(?P<antal>[-−]?\s*\d+)\s+(?P<enhet>år|månader|månad|dagar|dag)\s+efter\s+"
    r"(?P<fran>ärendets\s+avslut|avslut|handlingens\s+datum|upprättandet|inkomsten)$",
    re.IGNORECASE,
)
_INAKTUALITET = re.compile(r"^vid\s+inaktualitet$", re.IGNORECASE)
STORSTA_ANTAL = 200  # years: a longer period is a typo (a plan that means 'bevaras' says so)


@dataclass(frozen=True)
class Gallringsfrist:
    """When a handling may be gallrad: a period after the ärende's avslut or the handling's
    own date, or 'vid inaktualitet' (as soon as it is no longer needed)."""

    grund: Fristgrund
    antal: int = 0
    enhet: Enhet = Enhet.AR

    def __str__(self) -> str:
        if self.grund is Fristgrund.INAKTUALITET:
            return "vid inaktualitet"
        enhet = self.enhet.value
        if self.antal == 1:
            enhet = {"månader": "månad", "dagar": "dag"}.get(enhet, enhet)
        return f"{self.antal} {enhet} efter {self.grund.value}"

    def efter(self, start: date) -> date:
        """The first day the handling may go, counted from `start` (a period in years or
        months ends on the corresponding date, lag 1930:173 1 §; the 29th of February
        becomes the 28th in a year without it)."""
        if self.grund is Fristgrund.INAKTUALITET:
            return start
        if self.enhet is Enhet.DAGAR:
            return date.fromordinal(start.toordinal() + self.antal)
        manader = self.antal * 12 if self.enhet is Enhet.AR else self.antal
        ar, manad = divmod(start.month - 1 + manader, 12)
        ar += start.year
        dag = min(start.day, calendar.monthrange(ar, manad + 1)[1])
        return date(ar, manad + 1, dag)


def tolka_frist(text: str) -> Gallringsfrist:
    """'2 år efter ärendets avslut', '6 månader efter handlingens datum', 'vid
    inaktualitet'. Anything else is refused with what to write."""
    rad = " ".join(text.split())
    if _INAKTUALITET.match(rad):
        return Gallringsfrist(Fristgrund.INAKTUALITET)
    traff = _FRIST.match(rad)
    if traff is None:
        raise OgiltigUppgift(
            f"Gallringsfristen '{rad[:60]}' går inte att läsa. Skriv t.ex. '2 år efter "
            "ärendets avslut', '6 månader efter handlingens datum' eller 'vid inaktualitet'."
        )
    antal = int(traff["antal"].replace("−", "-").replace(" ", ""))
    if antal < 0:
        raise OgiltigUppgift(
            f"Gallringsfristen '{rad[:60]}' är negativ: en handling kan inte gallras innan "
            "det den räknas från har hänt."
        )
    enhet = _ENHETER[traff["enhet"].lower()]
    if antal > STORSTA_ANTAL * {Enhet.AR: 1, Enhet.MANADER: 12, Enhet.DAGAR: 366}[enhet]:
        raise OgiltigUppgift(
            f"Gallringsfristen '{rad[:60]}' är längre än {STORSTA_ANTAL} år: skriv "
            "'bevaras = true' för det som ska bevaras."
        )
    fran = traff["fran"].lower()
    grund = Fristgrund.AVSLUT if "avslut" in fran else Fristgrund.HANDLINGENS_DATUM
    return Gallringsfrist(grund, antal, enhet)


@dataclass(frozen=True)
class Bestammelse:
    """The plan's word on one handlingstyp (in one process, or in all): bevaras, or gallras
    after `frist` under `beslut`. `aven_oppna`: may go while its ärende is still open."""

    handlingstyp: str
    process: str | None  # a process code, or None for every process
    bevaras: bool
    frist: Gallringsfrist | None = None
    beslut: Gallringsbeslut | None = None
    aven_oppna: bool = False

    def __str__(self) -> str:
        if self.bevaras:
            return "bevaras"
        assert self.frist is not None and self.beslut is not None
        return f"gallras {self.frist} enligt {self.beslut}"


@dataclass(frozen=True)
class Informationshanteringsplan:
    """The nämnd's classification and its plan, checked whole when built (`skapa`)."""

    klasser: tuple[Klass, ...]
    beslut: tuple[Gallringsbeslut, ...]
    bestammelser: tuple[Bestammelse, ...]

    @classmethod
    def skapa(
        cls,
        klasser: Sequence[Klass],
        beslut: Sequence[Gallringsbeslut],
        bestammelser: Sequence[Bestammelse],
        *,
        arendetyper: Iterable[str],
        handlingstyper: Iterable[str],
    ) -> Informationshanteringsplan:
        """The plan, or OgiltigUppgift naming the first thing wrong. Every ärendetyp the
        system runs must belong to exactly one process, and every handlingstyp the system
        makes must have a bestämmelse that covers every process: a kind of handling the plan
        says nothing about could be neither kept nor gallrad on good grounds."""
        plan = cls(tuple(klasser), tuple(beslut), tuple(bestammelser))
        plan._kontrollera(set(arendetyper), set(handlingstyper))
        return plan

    def _kontrollera(self, arendetyper: set[str], handlingstyper: set[str]) -> None:
        koder: dict[str, Klass] = {}
        for klass in self.klasser:
            kontrollera_kod(klass.kod)
            if klass.kod in koder:
                raise OgiltigUppgift(f"Klassificeringskoden {klass.kod} finns två gånger.")
            if not klass.namn.strip():
                raise OgiltigUppgift(f"Klassen {klass.kod} saknar namn.")
            if "." in klass.kod:
                overordnad = klass.kod.rsplit(".", 1)[0]
                if overordnad not in koder:
                    raise OgiltigUppgift(
                        f"Klassen {klass} ligger under {overordnad}, som inte finns (före den) "
                        "i klassificeringen."
                    )
            if klass.arendetyper and klass.niva != "process":
                raise OgiltigUppgift(
                    f"Klassen {klass} är {_ARTIKEL[klass.niva]} {klass.niva}: ärendetyper hör "
                    "till en process "
                    "(en kod med tre nivåer, t.ex. '1.2.3')."
                )
            koder[klass.kod] = klass
        hemvist: dict[str, str] = {}
        for klass in self.klasser:
            for typ in klass.arendetyper:
                if typ not in arendetyper:
                    raise OgiltigUppgift(
                        f"Processen {klass} nämner ärendetypen '{typ}', som inte finns "
                        f"(ärendetyperna är {', '.join(sorted(arendetyper))})."
                    )
                if typ in hemvist:
                    raise OgiltigUppgift(
                        f"Ärendetypen '{typ}' hör till både process {hemvist[typ]} och "
                        f"{klass.kod}: en ärendetyp hör till en process."
                    )
                hemvist[typ] = klass.kod
        saknas = sorted(arendetyper - set(hemvist))
        if saknas:
            raise OgiltigUppgift(
                f"Ärendetypen {_lista(saknas)} hör inte till någon process i "
                "klassificeringen: lägg den under en process (arendetyper = [...])."
            )
        beteckningar: set[str] = set()
        for b in self.beslut:
            if b.beteckning in beteckningar:
                raise OgiltigUppgift(f"Gallringsbeslutet {b.beteckning} finns två gånger.")
            beteckningar.add(b.beteckning)
        sedda: set[tuple[str, str | None]] = set()
        for best in self.bestammelser:
            var = f"handlingstypen '{best.handlingstyp}'" + (
                f" i process {best.process}" if best.process else ""
            )
            if best.handlingstyp not in handlingstyper:
                raise OgiltigUppgift(
                    f"Planen nämner {var}, som systemet inte känner "
                    f"(handlingstyperna är {', '.join(sorted(handlingstyper))})."
                )
            if best.process is not None:
                processen = koder.get(best.process)
                if processen is None or processen.niva != "process":
                    raise OgiltigUppgift(
                        f"Planen nämner {var}, men {best.process} är ingen process i "
                        "klassificeringen."
                    )
            if (best.handlingstyp, best.process) in sedda:
                raise OgiltigUppgift(f"Planen säger två gånger vad som gäller för {var}.")
            sedda.add((best.handlingstyp, best.process))
            if best.bevaras and (best.frist or best.beslut or best.aven_oppna):
                raise OgiltigUppgift(
                    f"Planen säger både att {var} bevaras och när den gallras: välj det ena."
                )
            if not best.bevaras:
                if best.frist is None:
                    raise OgiltigUppgift(
                        f"Planen säger att {var} gallras men inte när (gallras = '2 år efter "
                        "ärendets avslut'), eller skriv bevaras = true."
                    )
                if best.beslut is None or best.beslut.beteckning not in beteckningar:
                    raise OgiltigUppgift(
                        f"Gallringen av {var} ska ha ett gallringsbeslut som finns i planen "
                        "(beslut = dess diarienummer): utan beslut får inget gallras."
                    )
        utan = sorted(t for t in handlingstyper if (t, None) not in sedda)
        if utan:
            raise OgiltigUppgift(
                f"Handlingstypen {_lista(utan)} saknas i informationshanteringsplanen: ange "
                "för varje slags handling om den bevaras eller när den gallras."
            )

    @property
    def gallrar_i_oppna(self) -> bool:
        """Whether any bestämmelse lets a handling go while its ärende is open: if none
        does, a gallring run need not read the open ärenden at all."""
        return any(b.aven_oppna for b in self.bestammelser)

    def process_for(self, arendetyp: str) -> Klass | None:
        return next((k for k in self.klasser if arendetyp in k.arendetyper), None)

    def klassificering(self, arendetyp: str) -> list[Klass]:
        """The ärendetyp's process and the classes above it, top first."""
        process = self.process_for(arendetyp)
        if process is None:
            return []
        delar = process.kod.split(".")
        koder = [".".join(delar[: i + 1]) for i in range(len(delar))]
        return [k for kod in koder for k in self.klasser if k.kod == kod]

    def bestammelse(self, arendetyp: str, handlingstyp: str) -> Bestammelse | None:
        """What the plan says for this kind of handling in this ärendetyp's process: the
        process's own bestämmelse if it has one, else the one for every process."""
        process = self.process_for(arendetyp)
        kod = process.kod if process else None
        egen = next(
            (b for b in self.bestammelser if b.handlingstyp == handlingstyp and b.process == kod),
            None,
        )
        if egen is not None or kod is None:
            return egen
        return next(
            (b for b in self.bestammelser if b.handlingstyp == handlingstyp and b.process is None),
            None,
        )

    def beslut_med(self, beteckning: str) -> Gallringsbeslut | None:
        return next((b for b in self.beslut if b.beteckning == beteckning), None)


def _lista(namn: Sequence[str]) -> str:
    citerade = [f"'{n}'" for n in namn]
    if len(citerade) == 1:
        return citerade[0]
    return ", ".join(citerade[:-1]) + " och " + citerade[-1]


# --- which handlingar may go --------------------------------------------------------------


@dataclass(frozen=True)
class Kandidat:
    """A handling as the proposal weighs it: its ärende's type, whether that is closed and
    when, and the handling's own number, type, date and versions' sha256."""

    dnr: str
    arendetyp: str
    avslutsdatum: date | None  # None: the ärende is open
    nummer: int
    handlingstyp: str
    datum: date
    sha256: tuple[str, ...]  # one per version


@dataclass(frozen=True)
class Forslagspost:
    """One handling (all its versions) a gallring run proposes, with the plan's grounds."""

    dnr: str
    nummer: int
    handlingstyp: str
    datum: date
    beslut: str  # the gallringsbeslut's beteckning
    frist: str  # the period as the plan words it
    fran_och_med: date  # the first day it may go
    sha256: tuple[str, ...]

    def som_data(self) -> dict[str, object]:
        return {
            "dnr": self.dnr,
            "nummer": self.nummer,
            "handlingstyp": self.handlingstyp,
            "datum": self.datum.isoformat(),
            "beslut": self.beslut,
            "frist": self.frist,
            "fran_och_med": self.fran_och_med.isoformat(),
            "sha256": list(self.sha256),
        }

    @classmethod
    def ur_data(cls, data: Mapping[str, object]) -> Forslagspost:
        sha = data["sha256"]
        assert isinstance(sha, list)
        return cls(
            dnr=str(data["dnr"]),
            nummer=int(str(data["nummer"])),
            handlingstyp=str(data["handlingstyp"]),
            datum=date.fromisoformat(str(data["datum"])),
            beslut=str(data["beslut"]),
            frist=str(data["frist"]),
            fran_och_med=date.fromisoformat(str(data["fran_och_med"])),
            sha256=tuple(str(s) for s in sha),
        )


def far_gallras(plan: Informationshanteringsplan, k: Kandidat, idag: date) -> Forslagspost | None:
    """The proposal's line for the handling if the plan allows it to go today, else None:
    only a handling whose kind the plan says gallras, under a decision, whose period has
    run; never one of an open ärende unless the plan says so for its kind."""
    best = plan.bestammelse(k.arendetyp, k.handlingstyp)
    if best is None or best.bevaras or best.frist is None or best.beslut is None:
        return None
    if k.avslutsdatum is None and not best.aven_oppna:
        return None
    frist = best.frist
    if frist.grund is Fristgrund.AVSLUT:
        if k.avslutsdatum is None:
            return None  # counts from an avslut that has not happened
        start = k.avslutsdatum
    else:
        start = k.datum
    fran = frist.efter(start)
    if fran > idag:
        return None
    return Forslagspost(
        k.dnr, k.nummer, k.handlingstyp, k.datum, best.beslut.beteckning, str(frist), fran, k.sha256
    )


# --- the record that remains --------------------------------------------------------------


@dataclass(frozen=True)
class Gallringsnotering:
    """What remains of a gallrad handling version besides its register row: under which
    decision, by whom, when, from which proposal, and the sha256 of what went."""

    beslut: str  # the gallringsbeslut's beteckning
    beslutsdatum: date
    organ: str
    av: str  # the registrator who decided
    datum: date  # the day it was gallrad
    forslag: int  # the proposal it was decided on
    sha256: str
    pdf_sha256: str | None = None

    def __str__(self) -> str:
        return (
            f"gallrad enligt {self.beslut} (beslut {self.beslutsdatum.isoformat()}, av "
            f"{self.av}, den {self.datum.isoformat()})"
        )

    @property
    def offentlig_text(self) -> str:
        """What the public views and lists show instead of the document."""
        return f"Gallrad {self.datum.isoformat()} enligt {self.beslut}"


@dataclass(frozen=True)
class Gallringsforslag:
    """A stored proposal: what a gallring run found the plan allows, for a registrator to
    decide on; `beslutat` once she has (a proposal is decided once)."""

    id: int
    namnd: str
    datum: date
    av: str
    poster: tuple[Forslagspost, ...]
    beslutat: date | None = None
    beslutat_av: str | None = None
    meddelad: datetime | None = None  # when the registratorer were told of it by e-mail

    def post(self, dnr: str, nummer: int) -> Forslagspost | None:
        return next((p for p in self.poster if p.dnr == dnr and p.nummer == nummer), None)


# --- the monthly run ----------------------------------------------------------------------

# The scheduler proposes gallring for every nämnd once a month, on the day the setting
# names (ARENDE_GALLRING_DAG), moved to the next vardag, before the working day: the
# registrator finds the mail in the morning. Day 28 at most, so every month has it; 0: off.
GALLRINGSKORNING_KLOCKAN = time(7, 0)
SISTA_GALLRINGSDAG = 28


def kontrollera_gallringsdag(dag: int) -> int:
    if isinstance(dag, bool) or not isinstance(dag, int) or not 0 <= dag <= SISTA_GALLRINGSDAG:
        raise OgiltigUppgift(
            f"Dagen i månaden för gallringskörningen ska vara 1–{SISTA_GALLRINGSDAG} (0 stänger "
            f"av den), inte {dag!r}."
        )
    return dag


def forsta_gallringskorning(fran: datetime, dag: int, kalender: Helgdagskalender) -> datetime:
    """The first monthly run at or after `fran`: day `dag` of a month, moved off
    weekends, helgdagar and aftnar to the next vardag (lag 1930:173 2 §'s days, as the
    frister), at 07.00 Swedish time. Starts from the month before `fran`'s, because a run
    moved off a month's last days lands in the next month."""
    if kontrollera_gallringsdag(dag) == 0:
        raise OgiltigUppgift("Gallringskörningen är avstängd (dag 0): den har ingen tid.")
    t = fran.astimezone(STOCKHOLM)
    manader = t.year * 12 + t.month - 2  # the month before, counted from year 0
    while True:
        ar, manad = divmod(manader, 12)
        dagen = flytta_till_vardag(date(ar, manad + 1, dag), kalender)
        korning = datetime.combine(dagen, GALLRINGSKORNING_KLOCKAN, tzinfo=STOCKHOLM)
        if korning >= fran:
            return korning
        manader += 1


def planerad_gallringskorning(
    nu: datetime, dag: int, kalender: Helgdagskalender, grans: timedelta
) -> datetime:
    """The run the scheduler's job is planned for: the first one not older than `grans`,
    so a run missed while the scheduler was down is made when it starts (as the reminders
    are), and one older than that is left for the next month. The job, once run, moves
    itself to the next month; a rerun is harmless all the same, since a run proposes only
    what no undecided proposal holds."""
    return forsta_gallringskorning(nu - grans, dag, kalender)
