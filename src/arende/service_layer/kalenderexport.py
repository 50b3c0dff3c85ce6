"""What goes into a handläggare's or a nämnd's calendar: every frist and every sammanträde.

The entries get stable UIDs (the frist's row id, the nämnd and date of a sammanträde), so a
calendar program that imports a newer file updates the entries instead of doubling them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.domain.sammantrade.mote import Sammantrade
from arende.service_layer.ports import UnitOfWork

UID_DOMAN = "arende.stockholm.example"


@dataclass(frozen=True)
class Kalenderpost:
    uid: str
    datum: date
    rubrik: str
    beskrivning: str
    plats: str = ""
    kategori: str = "Frist"
    # When a sammanträde begins and ends (Swedish time): as held once the protokoll says,
    # before that as planned (a start, no end). A frist is a whole day.
    klockan: time | None = None
    slut: time | None = None


@dataclass(frozen=True)
class Kalender:
    namn: str
    poster: list[Kalenderpost]


def kalender(
    uow: UnitOfWork, *, handlaggare: str | None = None, namnd: str | None = None
) -> Kalender:
    """The calendar of one handläggare (her ärenden's frister, her nämnd's sammanträden and
    those her ärenden are planned for) or of one nämnd (all its ärenden and its plan)."""
    if (handlaggare is None) == (namnd is None):
        raise OgiltigUppgift("Ange antingen en handläggare eller en nämnd, inte båda.")
    with uow:
        if handlaggare is not None:
            person = uow.grunddata.person(handlaggare)
            frister = uow.frister.for_handlaggare(person.namn)
            arendemoten = uow.frister.arendenas_sammantraden(handlaggare=person.namn)
            namnder = {person.namnd} if person.namnd else set()
            titel = f"Frister och sammanträden – {person.namn}"
        else:
            assert namnd is not None
            namn = uow.grunddata.namnd(namnd).namn
            frister = uow.frister.for_namnd(namn)
            arendemoten = uow.frister.arendenas_sammantraden(namnd=namn)
            namnder = {namn}
            titel = f"Frister och sammanträden – {namn}"
        poster = [
            Kalenderpost(
                uid=f"frist-{f.id}@{UID_DOMAN}",
                datum=f.frist.datum,
                rubrik=f"{f.frist.typ.rubrik}: {f.dnr}" + (" (klar)" if f.frist.klar else ""),
                beskrivning=f"{f.frist.beskrivning}\nRegel: {f.frist.regel}",
            )
            for f in frister
        ]
        moten: dict[tuple[str, date], list[str]] = {}
        for n in namnder:
            for d in uow.planer.sammantraden(n):
                moten.setdefault((n, d), [])
        for dnr, n, d in arendemoten:
            moten.setdefault((n, d), []).append(dnr)
        poster += _sammantradesposter(uow, moten)
    poster.sort(key=lambda p: (p.datum, p.kategori != "Sammanträde", p.rubrik))
    return Kalender(titel, poster)


def sammantradeskalender(uow: UnitOfWork, namnd: str) -> Kalender:
    """The nämnd's sammanträden alone, one entry per meeting in its plan: the calendar the
    public site offers, which has no frister (they belong to the handläggare's work)."""
    with uow:
        namn = uow.grunddata.namnd(namnd).namn
        moten: dict[tuple[str, date], list[str]] = {
            (namn, d): [] for d in uow.planer.sammantraden(namn)
        }
        poster = _sammantradesposter(uow, moten)
    return Kalender(f"Sammanträden – {namn}", poster)


def _sammantradesposter(
    uow: UnitOfWork, moten: dict[tuple[str, date], list[str]]
) -> list[Kalenderpost]:
    """One entry per (nämnd, day), naming the ärenden planned for it; read in an open unit
    of work."""
    lokaler = {n: uow.grunddata.namnd(n) for n, _ in moten}
    poster = []
    for (n, d), dnrs in sorted(moten.items(), key=lambda m: (m[0][1], m[0][0])):
        borjar, slutar = sammantradets_tider(uow, n, d)
        prefix = lokaler[n].diarieprefix
        poster.append(
            Kalenderpost(
                uid=f"sammantrade-{_uid_del(prefix)}-{d.isoformat()}@{UID_DOMAN}",
                datum=d,
                rubrik=f"Sammanträde: {n}",
                beskrivning=(
                    "Ärenden: " + ", ".join(sorted(dnrs, key=_dnr_ordning))
                    if dnrs
                    else "Enligt nämndens sammanträdesplan."
                ),
                plats=lokaler[n].sammantradeslokal,
                kategori="Sammanträde",
                klockan=borjar,
                slut=slutar,
            )
        )
    return poster


def sammantradets_tider(
    uow: UnitOfWork, namnd: str, datum: date
) -> tuple[time | None, time | None]:
    """When the meeting began and ended if it has been held with its times recorded,
    otherwise when the plan says it begins."""
    return tider(uow.sammantraden.hamta(namnd, datum, las=False), uow.planer.borjan(namnd, datum))


def tider(hallet: Sammantrade | None, planerad: time | None) -> tuple[time | None, time | None]:
    """(start, end) of a meeting: as held once the protokoll records the times, before that
    as planned, with no end."""
    if hallet is not None and hallet.borjade is not None:
        return hallet.borjade, hallet.avslutades
    return planerad, None


def _uid_del(text: str) -> str:
    return "".join(c if c.isascii() and c.isalnum() else "-" for c in text)


def _dnr_ordning(dnr: str) -> tuple[str, int, int]:
    d = Diarienummer.tolka(dnr)
    return (d.prefix, d.ar, d.lopnummer)
