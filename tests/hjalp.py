"""Shortcuts for tests that need an ärende at some stage: each takes the real path, one
command after another through the system's runner, with the people and dates of seed 000
unless told otherwise. `hall_sammantrade` runs a whole (small) sammanträde: kallelse,
opening, one beslut per ärende, protokoll, the signatures and the anslag."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from arende.domain.arende import Arende
from arende.domain.datum import STOCKHOLM
from arende.domain.diarienummer import Diarienummer
from arende.domain.handelser import ArendeRegistrerat, Handelse
from arende.domain.inloggning import Inloggning
from arende.domain.sammantrade.mote import Sammantrade, Sammantradesstatus
from arende.domain.sammantrade.narvaro import Ledamotsroll, Narvaro, Tjansteman
from arende.domain.skeden import Skede, Utfall
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from arende.service_layer.ports import UnitOfWork

KORNING = "00000000-0000-0000-0000-000000000000"
NAMND = "Socialtjänstnämnden"
HANDLAGGARE = "Lena Murray"
CHEFER = ("Dag Helin", "Eddie Friberg")
SEKRETERARE = "Karin Ekström"
MOTE = date(2008, 5, 13)


class System(Protocol):
    """What the helpers use of a system: bootstrap's Arendesystem (SQL) or the fake
    (tests/fakes.py)."""

    def uow(self) -> UnitOfWork: ...
    def utfor(self, kommando: k.Kommando) -> list[Handelse]: ...


def nyckel(namn: str = "test") -> str:
    """A step key of its own: each call a new step."""
    return f"{namn}-{uuid.uuid4()}"


def inloggning(namn: str, *, for_minuter_sedan: float = 0) -> Inloggning:
    """`namn` signed in, as the login gate vouches for her act now: logged in just now, or
    `for_minuter_sedan` minutes before the act (a stale login)."""
    nu = datetime.now(UTC)
    return Inloggning(
        namn=namn,
        epost="",
        utfardare="test",
        subjekt=namn,
        inloggad=nu - timedelta(minutes=for_minuter_sedan),
        intygad=nu,
    )


def d(dnr: str | Diarienummer) -> Diarienummer:
    return dnr if isinstance(dnr, Diarienummer) else Diarienummer.tolka(dnr)


def arende(system: System, dnr: str | Diarienummer) -> Arende:
    return visningar.hamta_arende(system.uow(), str(dnr))


def registrera(
    system: System,
    typ: str,
    uppgifter: Mapping[str, Any],
    *,
    namnd: str = NAMND,
    handlaggare: str = HANDLAGGARE,
    sammantrade: date = MOTE,
    registreringsdatum: date | None = date(2008, 4, 14),
    aktor: str | None = None,
    nyckel_: str | None = None,
) -> str:
    """Register an ärende of the type; returns its dnr."""
    handelser = system.utfor(
        k.RegistreraArende(
            aktor=aktor or handlaggare,
            nyckel=nyckel_ or nyckel("registrering"),
            flodeskorning=KORNING,
            typ=typ,
            namnd=namnd,
            handlaggare=handlaggare,
            planerat_sammantrade=sammantrade,
            uppgifter=dict(uppgifter),
            registreringsdatum=registreringsdatum,
        )
    )
    return str(next(h.dnr for h in handelser if isinstance(h, ArendeRegistrerat)))


def bered(
    system: System,
    dnr: str,
    *,
    underlag: Mapping[str, Any] | None = None,
    samverkan: date = date(2008, 5, 6),
    faststallt: date = date(2008, 5, 7),
    handlaggare: str = HANDLAGGARE,
    chefer: Sequence[str] = CHEFER,
) -> None:
    """Take the ärende through the beredning its type has, to a fastställt förslag:
    `underlag` are the answers to the type's beredning form, if it asks any."""
    a = arende(system, dnr)
    skeden = a.livscykel.skeden
    if Skede.UNDER_BEREDNING in skeden and a.skede is Skede.REGISTRERAT:
        system.utfor(k.PaborjaBeredning(aktor=handlaggare, nyckel=nyckel(), dnr=a.dnr))
    if underlag is not None:
        system.utfor(
            k.SkrivUppgifter(
                aktor=handlaggare,
                nyckel=nyckel(),
                dnr=a.dnr,
                skede=Skede.UNDER_BEREDNING,
                svar=dict(underlag),
            )
        )
    if Skede.SAMVERKAT in skeden:
        system.utfor(
            k.RegistreraSamverkan(
                aktor=handlaggare,
                nyckel=nyckel(),
                dnr=a.dnr,
                datum=samverkan,
                anteckning="Samverkat utan erinran",
            )
        )
    if Skede.FORSLAG_FASTSTALLT in skeden:
        system.utfor(
            k.FaststallForslag(
                aktor=chefer[0],
                nyckel=nyckel(),
                dnr=a.dnr,
                datum=faststallt,
                undertecknare=list(chefer),
            )
        )


# A tjänsteutlåtande's answers in its beredning form: förslag, sammanfattning, avsnitt.
UTLATANDE: dict[str, Any] = {
    "forslag": ["Socialtjänstnämnden antar riktlinjerna."],
    "sammanfattning": "Förvaltningen föreslår nya riktlinjer.",
    "avsnitt": [{"rubrik": "Bakgrund", "text": "De gamla riktlinjerna är från 2003."}],
}


def beslutat_och_anslaget(
    system: System, *meningar: str, justerat: date = MOTE + timedelta(days=1)
) -> list[str]:
    """Tjänsteutlåtanden with these ärendemeningar, beredda, bifallna at the sammanträde of
    MOTE, the protokoll justerat on `justerat` and its anslag published by the system today
    (by its clock): what the public site shows. Returns their dnr."""
    dnr = [registrera(system, "tjansteutlatande", {"arendemening": m}) for m in meningar]
    for d in dnr:
        bered(system, d, underlag=UTLATANDE)
    hall_sammantrade(system, dict.fromkeys(dnr, Utfall.BIFALL), justerat=justerat, publicera=True)
    return dnr


def narvaro(system: System, namnd: str = NAMND) -> Narvaro:
    """Every ledamot of the nämnd present, and the nämndsekreterare."""
    ledamoter = visningar.namnd(system.uow(), namnd).ledamoter
    return Narvaro(
        tuple(m.namn for m in ledamoter if m.roll.ar_ledamot),
        (),
        (Tjansteman(SEKRETERARE, "nämndsekreterare"),),
    )


def ordforande_och_justerare(system: System, namnd: str = NAMND) -> tuple[str, str]:
    ledamoter = visningar.namnd(system.uow(), namnd).ledamoter
    ordf = next(m.namn for m in ledamoter if m.roll is Ledamotsroll.ORDFORANDE)
    vice = next(m.namn for m in ledamoter if m.roll is Ledamotsroll.VICE_ORDFORANDE)
    return ordf, vice


def sammantradeskommando(
    typ: type[Any], datum: date = MOTE, *, namnd: str = NAMND, aktor: str = SEKRETERARE, **data: Any
) -> Any:
    return typ(
        aktor=aktor, nyckel=nyckel(), flodeskorning=KORNING, namnd=namnd, datum=datum, **data
    )


def hall_sammantrade(
    system: System,
    beslut: Mapping[str, Utfall | Mapping[str, Any]],
    datum: date = MOTE,
    *,
    namnd: str = NAMND,
    sekreterare: str = SEKRETERARE,
    omedelbart_anslaget: date | None = None,
    justerat: date | None = None,
    anslaget: date | None = None,
    publicera: bool = False,
) -> list[Handelse]:
    """The nämnd's sammanträde on `datum` deciding its dagordning: `beslut` per dnr is the
    outcome, or the Besluta command's data (`utfall`, `omedelbart_justerad`, …). The
    protokoll is justerat (by the ordförande and the vice ordförande) on `justerat` (default
    the day after) and anslaget on `anslaget` (default the day after that); the omedelbart
    justerade §§ are anslagna first, on `omedelbart_anslaget` (default the day after the
    meeting). `publicera`: the system publishes the protokoll's anslag today, by its clock,
    as the flow does. Returns every event, in order."""
    ordf, vice = ordforande_och_justerare(system, namnd)
    justerat = justerat or datum + timedelta(days=1)
    anslaget = anslaget or justerat + timedelta(days=1)
    ut: list[Handelse] = []

    def utfor(typ: type[Any], **data: Any) -> None:
        ut.extend(
            system.utfor(
                sammantradeskommando(
                    typ, datum, namnd=namnd, aktor=data.pop("aktor", sekreterare), **data
                )
            )
        )

    s = visningar.sammantrade(system.uow(), namnd, datum)
    if (
        s is None
        or s.status is Sammantradesstatus.KALLAT
        or s.status is Sammantradesstatus.PLANERAT
    ):
        ut += oppna_sammantrade(system, datum, namnd=namnd, sekreterare=sekreterare)
    for dnr, vad in beslut.items():
        data = {"utfall": vad} if isinstance(vad, Utfall) else dict(vad)
        utfor(k.Besluta, arende=dnr, **data)
    s = _sammantrade(system, namnd, datum)
    if any(p.omedelbart_justerad for p in s.paragrafer):
        utfor(
            k.Ansla,
            anslaget=omedelbart_anslaget or datum + timedelta(days=1),
            omedelbart=True,
        )
    utfor(k.Stang, upprattat=datum, avslutades="19:30")
    protokoll = visningar.protokoll(system.uow(), namnd, datum)
    assert protokoll is not None
    for i, namn in enumerate((ordf, vice)):
        utfor(
            k.Signera,
            aktor=namn,
            inloggning=inloggning(namn),
            tidpunkt=datetime.combine(justerat, datetime.min.time(), STOCKHOLM)
            + timedelta(hours=10 + i),
            protokoll_sha256=protokoll.sha256,
        )
    utfor(k.Ansla, anslaget=None if publicera else anslaget)
    return ut


def oppna_sammantrade(
    system: System, datum: date = MOTE, *, namnd: str = NAMND, sekreterare: str = SEKRETERARE
) -> list[Handelse]:
    """The first half of `hall_sammantrade`: the kallelse (sent a week before) with every
    ärende ready, and the meeting opened with every ledamot present, the ordförande and the
    vice ordförande as justerare. Returns the events."""
    ordf, vice = ordforande_och_justerare(system, namnd)
    ut = system.utfor(
        sammantradeskommando(
            k.Kalla, datum, namnd=namnd, aktor=sekreterare, utskick=datum - timedelta(days=7)
        )
    )
    return ut + system.utfor(
        sammantradeskommando(
            k.Oppna,
            datum,
            namnd=namnd,
            aktor=sekreterare,
            narvaro=narvaro(system, namnd),
            ordforande=ordf,
            justerare=[vice],
            justering_forsta=datum,
            justering_sista=datum + timedelta(days=14),
            borjade="18:00",
        )
    )


def _sammantrade(system: System, namnd: str, datum: date) -> Sammantrade:
    s = visningar.sammantrade(system.uow(), namnd, datum)
    assert s is not None
    return s


def expediera(
    system: System,
    dnr: str,
    datum: date,
    mottagare: Sequence[str] = ("Stadsledningskontoret",),
    aktor: str = "Per Lindqvist",
) -> None:
    """Expediera the protokollsutdrag and close the ärende, as the expediering run does."""
    system.utfor(
        k.Expediera(
            aktor=aktor, nyckel=nyckel(), dnr=d(dnr), datum=datum, mottagare=list(mottagare)
        )
    )
    system.utfor(k.Avsluta(aktor=aktor, nyckel=nyckel(), dnr=d(dnr), datum=datum))
