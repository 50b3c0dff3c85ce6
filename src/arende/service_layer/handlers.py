"""The use cases: one function per thing a person does to an ärende.

Every step is idempotent under its key (Kontext.nyckel): a step already taken is not taken
again, and a step already refused is refused again with the same message. That is what lets a
Prefect flow be re-run from the start after a resume or a crash without doing anything twice.
Every step taken or refused is written to the audit log with who, in which role, and from
which flow run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from arende.domain.arende import Arende, Nominering
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, OgiltigUppgift, SamtidigAndring
from arende.domain.handling import Handlingstyp
from arende.domain.kalender import Helgdagskalender
from arende.domain.organisation import Person
from arende.domain.roller import Roll
from arende.domain.skeden import Skede, Utfall
from arende.service_layer.handlingar import Dokumentverk, Upprattande, uppratta
from arende.service_layer.ports import Klocka, UnitOfWork, UtfortSteg


@dataclass(frozen=True)
class Kontext:
    """Who acts, from which Prefect flow run, and under which idempotency key."""

    aktor: str
    flodeskorning: str | None = None
    nyckel: str | None = None


# Which roles may do what (DOMAIN.md: the handläggare prepares, a chef fastställer, the
# nämndsekreterare records what the nämnd did, the registrator keeps the diarium).
BEHORIGHET: dict[str, frozenset[Roll]] = {
    "registrera ärendet": frozenset({Roll.HANDLAGGARE}),
    "påbörja beredning": frozenset({Roll.HANDLAGGARE}),
    "registrera samverkan": frozenset({Roll.HANDLAGGARE}),
    "fastställa förslaget till beslut": frozenset({Roll.CHEF}),
    "sätta ärendet på dagordningen": frozenset({Roll.HANDLAGGARE, Roll.NAMNDSEKRETERARE}),
    "registrera nämndens beslut": frozenset({Roll.NAMNDSEKRETERARE}),
    "registrera justeringen": frozenset({Roll.NAMNDSEKRETERARE}),
    "registrera anslaget": frozenset({Roll.NAMNDSEKRETERARE}),
    "expediera beslutet": frozenset({Roll.NAMNDSEKRETERARE, Roll.REGISTRATOR}),
    "avsluta ärendet": frozenset({Roll.REGISTRATOR, Roll.NAMNDSEKRETERARE}),
    "skriva underlaget": frozenset({Roll.HANDLAGGARE}),
}


@dataclass(frozen=True)
class NyNominering:
    namnd: str
    handlaggare: str
    utmarkelsear: int
    nomineringar: list[Nominering]
    planerat_sammantrade: date
    registreringsdatum: date | None = None
    omedelbar_justering: bool | None = None  # None: decide from the award's deadline
    avslutande_kommentar: str = ""


def registrera_nominering(
    cmd: NyNominering,
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
    kalender: Helgdagskalender,
) -> str:
    """Register a nomination ärende in the nämnd's diarium; returns its dnr."""

    def bygg(dnr: Diarienummer, idag: date) -> Arende:
        return Arende.registrera_nominering(
            dnr=dnr,
            namnd=uow.grunddata.namnd(cmd.namnd).namn,
            handlaggare=uow.grunddata.person(cmd.handlaggare).namn,
            registreringsdatum=cmd.registreringsdatum or idag,
            ar=uow.grunddata.utmarkelsear(cmd.utmarkelsear),
            nomineringar=cmd.nomineringar,
            planerat_sammantrade=cmd.planerat_sammantrade,
            omedelbar_justering=cmd.omedelbar_justering,
            idag=idag,
            kalender=kalender,
            avslutande_kommentar=cmd.avslutande_kommentar,
        )

    return registrera_med(
        cmd.namnd, cmd.handlaggare, cmd.registreringsdatum, bygg, uow, kontext, klocka
    )


def registrera_med(
    namnd: str,
    handlaggare: str,
    registreringsdatum: date | None,
    bygg: Callable[[Diarienummer, date], Arende],
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
) -> str:
    """Register the ärende `bygg` makes of its dnr (and today) in the nämnd's diarium.

    The number is taken in the same transaction as the ärende is stored, so a refused or
    failed registration uses no number and the series stays gapless. If the same request
    (same key) raced us and won, the retry finds its ärende and returns that dnr."""
    try:
        return _registrera(namnd, handlaggare, registreringsdatum, bygg, uow, kontext, klocka)
    except SamtidigAndring:
        return _registrera(namnd, handlaggare, registreringsdatum, bygg, uow, kontext, klocka)


def _registrera(
    namnd_namn: str,
    handlaggare: str,
    registreringsdatum: date | None,
    bygg: Callable[[Diarienummer, date], Arende],
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
) -> str:
    handling = "registrera ärendet"
    with uow:
        if kontext.nyckel:
            befintligt = uow.arenden.hamta_via_nyckel(kontext.nyckel)
            if befintligt is not None:
                return str(befintligt.dnr)
        namnd = uow.grunddata.namnd(namnd_namn)
        person = uow.grunddata.person(handlaggare)
        roll = person.roll_for(BEHORIGHET[handling], handling)
        _kontrollera_aktor(kontext, person)
        idag = klocka.idag()
        ar = (registreringsdatum or idag).year
        nummer = uow.diarium.nasta_nummer(namnd.diarieprefix, ar)
        arende = bygg(Diarienummer(namnd.diarieprefix, ar, nummer), idag)
        uow.arenden.lagg_till(arende, kontext.nyckel)
        uow.logg.skriv(
            dnr=str(arende.dnr),
            handling=handling,
            aktor=person.namn,
            roll=roll.value,
            flodeskorning=kontext.flodeskorning,
            innehall={"utfall": "utförd", "efter": bild(arende)},
        )
        uow.commit()
        return str(arende.dnr)


def paborja_beredning(dnr: str, uow: UnitOfWork, kontext: Kontext, klocka: Klocka) -> bool:
    return steg(
        uow, dnr, kontext, klocka, "påbörja beredning", lambda a, _p, _d: a.paborja_beredning()
    )


def registrera_samverkan(
    dnr: str, datum: date, anteckning: str, uow: UnitOfWork, kontext: Kontext, klocka: Klocka
) -> bool:
    return steg(
        uow,
        dnr,
        kontext,
        klocka,
        "registrera samverkan",
        lambda a, _p, idag: a.registrera_samverkan(datum, anteckning, idag=idag),
        {"datum": datum, "anteckning": anteckning},
    )


def faststall_forslag(
    dnr: str,
    datum: date,
    undertecknare: list[str],
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
    *,
    dokument: Dokumentverk,
) -> bool:
    """The chefs sign the tjänsteutlåtande. Each signatory must be a known chef. The signed
    tjänsteutlåtande is drawn up and registered, locked, in the same step."""

    def gor(a: Arende, _p: Person, idag: date) -> None:
        namn = []
        for u in undertecknare:
            if not u.strip():
                continue
            chef = uow.grunddata.person(u)
            chef.roll_for(frozenset({Roll.CHEF}), "underteckna förslaget till beslut")
            namn.append(chef.namn)
        a.faststall_forslag(datum, namn, idag=idag)

    return steg(
        uow,
        dnr,
        kontext,
        klocka,
        "fastställa förslaget till beslut",
        gor,
        {"datum": datum, "undertecknare": undertecknare},
        _dokument(dokument, Handlingstyp.TJANSTEUTLATANDE),
    )


def satt_pa_dagordning(
    dnr: str,
    sammantrade: date,
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
    *,
    dokument: Dokumentverk,
) -> bool:
    """The ärende goes on the dagordning; the kallelse to that sammanträde is drawn up."""
    return steg(
        uow,
        dnr,
        kontext,
        klocka,
        "sätta ärendet på dagordningen",
        lambda a, _p, _d: a.satt_pa_dagordning(sammantrade),
        {"sammanträde": sammantrade},
        _dokument(dokument, Handlingstyp.KALLELSE),
    )


def registrera_beslut(
    dnr: str,
    utfall: Utfall,
    paragraf: int,
    omedelbar_justering: bool,
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
    beslutstext: str = "",
    nytt_sammantrade: date | None = None,
) -> bool:
    def gor(a: Arende, _p: Person, idag: date) -> None:
        if a.skede is Skede.PA_DAGORDNING and a.sammantrade is not None:
            upptagen = uow.arenden.paragraf_anvand(a.namnd, a.sammantrade.year, paragraf)
            if upptagen is not None:
                raise OgiltigUppgift(
                    f"§ {paragraf} i {a.namnd}s protokoll {a.sammantrade.year} är redan "
                    f"använd (ärende {upptagen}). Nästa lediga är "
                    f"§ {uow.arenden.hogsta_paragraf(a.namnd, a.sammantrade.year) + 1}."
                )
        a.besluta(
            utfall,
            paragraf,
            omedelbar_justering=omedelbar_justering,
            beslutstext=beslutstext,
            nytt_sammantrade=nytt_sammantrade,
            idag=idag,
        )

    return steg(
        uow,
        dnr,
        kontext,
        klocka,
        "registrera nämndens beslut",
        gor,
        {
            "utfall": utfall,
            "paragraf": paragraf,
            "omedelbar_justering": omedelbar_justering,
            "beslutstext": beslutstext,
            "nytt_sammanträde": nytt_sammantrade,
        },
    )


def registrera_justering(
    dnr: str,
    datum: date,
    ordforande: str,
    justerare: list[str],
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
    *,
    dokument: Dokumentverk,
) -> bool:
    """The justering is recorded; the protokollsutdrag for the paragraf is drawn up."""
    return steg(
        uow,
        dnr,
        kontext,
        klocka,
        "registrera justeringen",
        lambda a, _p, idag: a.justera(datum, ordforande, justerare, idag=idag),
        {"datum": datum, "ordförande": ordforande, "justerare": justerare},
        _dokument(dokument, Handlingstyp.PROTOKOLLSUTDRAG),
    )


def registrera_anslag(
    dnr: str,
    datum: date,
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
    *,
    dokument: Dokumentverk,
) -> bool:
    """The anslag is posted; the notice with its dates and the appeal period is drawn up."""
    return steg(
        uow,
        dnr,
        kontext,
        klocka,
        "registrera anslaget",
        lambda a, _p, idag: a.ansla(datum, idag=idag),
        {"datum": datum},
        _dokument(dokument, Handlingstyp.ANSLAG),
    )


def expediera(
    dnr: str,
    datum: date,
    mottagare: list[str],
    uow: UnitOfWork,
    kontext: Kontext,
    klocka: Klocka,
) -> bool:
    return steg(
        uow,
        dnr,
        kontext,
        klocka,
        "expediera beslutet",
        lambda a, _p, idag: a.expediera(datum, mottagare, idag=idag),
        {"datum": datum, "mottagare": mottagare},
    )


def avsluta(dnr: str, datum: date, uow: UnitOfWork, kontext: Kontext, klocka: Klocka) -> bool:
    return steg(
        uow,
        dnr,
        kontext,
        klocka,
        "avsluta ärendet",
        lambda a, _p, idag: a.avsluta(datum, idag=idag),
        {"datum": datum},
    )


# -- the step machinery ------------------------------------------------------------------


def steg(
    uow: UnitOfWork,
    dnr: str,
    kontext: Kontext,
    klocka: Klocka,
    handling: str,
    gor: Callable[[Arende, Person, date], None],
    begart: dict[str, Any] | None = None,
    efterat: Callable[[UnitOfWork, Arende, Upprattande], object] | None = None,
) -> bool:
    """Take one step on an ärende exactly once. Returns False if it was already taken.

    `efterat` runs after the step, in its transaction (documents the step draws up): if it
    is refused, so is the step, and nothing of either is stored."""
    with uow:
        arende = uow.arenden.hamta(dnr)  # locks the ärende's row until commit
        if kontext.nyckel:
            tidigare = uow.steg.hamta(dnr, kontext.nyckel)
            if tidigare is not None:
                if tidigare.ok:
                    return False
                raise ArendeFel(tidigare.meddelande)
        try:
            person = uow.grunddata.person(kontext.aktor)
            roll = person.roll_for(BEHORIGHET[handling], handling)
            fore = bild(arende)
            idag = klocka.idag()
            gor(arende, person, idag)
            efter = bild(arende)
            uow.arenden.spara(arende)
            if kontext.nyckel:
                uow.steg.registrera(dnr, kontext.nyckel, UtfortSteg(True, ""))
            andrat = sorted(k for k in efter if efter[k] != fore.get(k))
            uow.logg.skriv(
                dnr=dnr,
                handling=handling,
                aktor=person.namn,
                roll=roll.value,
                flodeskorning=kontext.flodeskorning,
                innehall={
                    "utfall": "utförd",
                    "begärt": _json(begart or {}),
                    "före": {k: fore.get(k) for k in andrat},
                    "efter": {k: efter[k] for k in andrat},
                },
            )
            if efterat is not None:
                efterat(
                    uow,
                    arende,
                    Upprattande(
                        person.namn, roll.value, idag, kontext.nyckel, kontext.flodeskorning
                    ),
                )
        except ArendeFel as fel:
            uow.rollback()
            _registrera_avvisning(uow, dnr, kontext, handling, fel, begart or {})
            raise
        uow.commit()
        return True


def _dokument(
    verk: Dokumentverk, typ: Handlingstyp
) -> Callable[[UnitOfWork, Arende, Upprattande], object]:
    """A step's follow-up that draws up and registers the document of this type."""
    return lambda uow, arende, vem: uppratta(uow, verk, arende, typ, vem)


def _registrera_avvisning(
    uow: UnitOfWork,
    dnr: str,
    kontext: Kontext,
    handling: str,
    fel: ArendeFel,
    begart: dict[str, Any],
) -> None:
    """A refused step is itself evidence: log it, and remember it under its key so that a
    replay of the flow is refused the same way instead of being judged anew."""
    with uow:
        if kontext.nyckel:
            uow.steg.registrera(dnr, kontext.nyckel, UtfortSteg(False, fel.meddelande))
        uow.logg.skriv(
            dnr=dnr,
            handling=handling,
            aktor=kontext.aktor,
            roll="",
            flodeskorning=kontext.flodeskorning,
            innehall={"utfall": "avvisad", "meddelande": fel.meddelande, "begärt": _json(begart)},
        )
        uow.commit()


def _kontrollera_aktor(kontext: Kontext, person: Person) -> None:
    if kontext.aktor.strip().casefold() != person.namn.casefold():
        raise OgiltigUppgift(
            f"Ärendet registreras av {kontext.aktor}, men handläggaren är {person.namn}: "
            "en handläggare registrerar sina egna ärenden."
        )


def bild(arende: Arende) -> dict[str, Any]:
    """The ärende as plain JSON-able data, for the audit log's before/after."""
    data = {f.name: getattr(arende, f.name) for f in dataclasses.fields(arende) if f.name != "id"}
    return _json(data)  # type: ignore[no-any-return]


def som_json(varde: Any) -> Any:
    """Domain values (dataclasses, enums, dates) as plain JSON-able data for the log."""
    return _json(varde)


def _json(varde: Any) -> Any:
    if dataclasses.is_dataclass(varde) and not isinstance(varde, type):
        if isinstance(varde, Diarienummer):
            return str(varde)
        return {f.name: _json(getattr(varde, f.name)) for f in dataclasses.fields(varde)}
    if isinstance(varde, Enum):
        return str(varde.value)
    if isinstance(varde, date):
        return varde.isoformat()
    if isinstance(varde, dict):
        return {str(k): _json(v) for k, v in varde.items()}
    if isinstance(varde, list | tuple):
        return [_json(v) for v in varde]
    return varde
