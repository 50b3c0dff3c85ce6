"""The sammanträde as a use case of its own: the nämnd decides its ärenden together.

The nämndsekreterare kallar (the dagordning gathers every ärende ready for that meeting and
every ärende bordlagt to it), opens the meeting, records each beslut as the next § with its
yrkanden and any omröstning, closes it (the protokoll is drawn up), the ordförande and the
justerare sign the protokoll's sha256, and the justering is anslagen for all its ärenden at
once. Each step changes the sammanträde and its ärenden in one transaction: an ärende is
beslutat only together with its protokollsutdrag, and is justerat and anslaget when the
protokoll is.

Every step can be asked again with the same answer (a Prefect replay) and does nothing the
second time; the sammanträde's own state says what is done.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from arende.domain.arende import Arende
from arende.domain.datum import svenskt_datum
from arende.domain.fel import ArendeFel, HittasInte, OgiltigUppgift
from arende.domain.handling import Handlingstyp
from arende.domain.roller import Roll
from arende.domain.sammantrade.dagordning import Dagordning, Dagordningspunkt, nasta_dagordning
from arende.domain.sammantrade.mote import Sammantrade, Sammantradesstatus
from arende.domain.sammantrade.narvaro import Narvaro
from arende.domain.sammantrade.omrostning import Omrostning, Paragraf, Yrkande
from arende.domain.skeden import Skede, Utfall
from arende.service_layer import protokollunderlag, underlag
from arende.service_layer.handlers import bild, som_json
from arende.service_layer.handlingar import (
    Dokumentverk,
    Upprattande,
    namndsekreterare,
    uppratta,
)
from arende.service_layer.ports import Klocka, Protokollfil, UnitOfWork

SEKRETERARE = frozenset({Roll.NAMNDSEKRETERARE})


@dataclass(frozen=True)
class Mote:
    """Which sammanträde, who acts, from which flow run."""

    namnd: str
    datum: date
    aktor: str
    flodeskorning: str | None = None
    nyckel: str | None = None  # the form answered (its key in the run), when one was


@dataclass(frozen=True)
class NyttBeslut:
    dnr: str
    utfall: Utfall
    yrkanden: Sequence[Yrkande] = ()
    beslutstext: str = ""
    omrostning: Omrostning | None = None
    omedelbart_justerad: bool = False
    nytt_sammantrade: date | None = None


class _Steg:
    """One step on a sammanträde: the locked aggregate, the acting sekreterare, the log."""

    def __init__(self, uow: UnitOfWork, mote: Mote, handling: str, *, krav: bool = True):
        self.uow, self.mote, self.handling = uow, mote, handling
        if krav:
            person = uow.grunddata.person(mote.aktor)
            self.aktor = person.namn
            self.roll = person.roll_for(SEKRETERARE, handling).value
        else:  # a ledamot signing: the meeting itself says who may (ordförande, justerare)
            self.aktor, self.roll = mote.aktor.strip(), ""
        self.namnd = uow.grunddata.namnd(mote.namnd)

    def hamta(self) -> Sammantrade:
        s = self.uow.sammantraden.hamta(self.namnd.namn, self.mote.datum)
        if s is None:
            raise OgiltigUppgift(
                f"{self.namnd.namn} har inget kallat sammanträde den "
                f"{svenskt_datum(self.mote.datum)}: kalla till det först."
            )
        return s

    def logga(self, innehall: dict[str, Any], dnr: str | None = None, handling: str = "") -> None:
        self.uow.logg.skriv(
            dnr=dnr,
            handling=handling or self.handling,
            aktor=self.aktor,
            roll=self.roll,
            flodeskorning=self.mote.flodeskorning,
            innehall={
                "utfall": "utförd",
                "nämnd": self.namnd.namn,
                "sammanträde": self.mote.datum.isoformat(),
            }
            | innehall,
        )

    def arende_steg(self, arende: Arende, handling: str, gor: Any, begart: dict[str, Any]) -> None:
        """A change of one ärende made by the sammanträde, logged in the ärende's history."""
        fore = bild(arende)
        gor()
        efter = bild(arende)
        self.uow.arenden.spara(arende)
        andrat = sorted(k for k in efter if efter[k] != fore.get(k))
        self.logga(
            {
                "begärt": begart,
                "före": {k: fore.get(k) for k in andrat},
                "efter": {k: efter[k] for k in andrat},
            },
            dnr=str(arende.dnr),
            handling=handling,
        )

    def vem(self, idag: date) -> Upprattande:
        return Upprattande(self.aktor, self.roll, idag, None, self.mote.flodeskorning)


F = TypeVar("F", bound=Callable[..., Any])
_INTE_BEGART = ("uow", "mote", "klocka", "verk")


def _avvisning_loggas(handling: str) -> Callable[[F], F]:
    """A refused step on the sammanträde is evidence, as a refused step on an ärende is:
    it is logged (in a transaction of its own: the step's was rolled back) with what was
    asked and why it was refused, in the ärende's history when it named one. A replay of
    the flow asks the same form again and is refused the same way: logged once per form
    answer (the run and the form's key), not once per replay."""

    def omslut(steg: F) -> F:
        signatur = inspect.signature(steg)

        @functools.wraps(steg)
        def utfor(uow: UnitOfWork, mote: Mote, *args: Any, **kwargs: Any) -> Any:
            try:
                return steg(uow, mote, *args, **kwargs)
            except ArendeFel as fel:
                bundet = signatur.bind(uow, mote, *args, **kwargs).arguments
                begart = {k: v for k, v in bundet.items() if k not in _INTE_BEGART}
                _logga_avvisning(uow, mote, handling, fel, begart)
                raise

        return utfor  # type: ignore[return-value]

    return omslut


def _logga_avvisning(
    uow: UnitOfWork, mote: Mote, handling: str, fel: ArendeFel, begart: dict[str, Any]
) -> None:
    beslut = begart.get("beslut")
    with uow:
        dnr = getattr(beslut, "dnr", "").strip() or None
        if dnr is not None:
            try:
                dnr = str(uow.arenden.hamta(dnr).dnr)
            except HittasInte:  # a dnr that does not exist was what was refused
                dnr = None  # it stays in begärt
        innehall = {
            "utfall": "avvisad",
            "meddelande": fel.meddelande,
            "nämnd": mote.namnd,
            "sammanträde": mote.datum.isoformat(),
            "begärt": som_json(begart),
        }
        if mote.flodeskorning is not None and mote.nyckel is not None:
            innehall["formulär"] = mote.nyckel
            if any(
                e.handling == handling and e.innehall.get("formulär") == mote.nyckel
                for e in uow.logg.for_korning(mote.flodeskorning)
            ):
                return
        uow.logg.skriv(
            dnr=dnr,
            handling=handling,
            aktor=mote.aktor.strip(),
            roll="",
            flodeskorning=mote.flodeskorning,
            innehall=innehall,
        )
        uow.commit()


# -- kallelse ---------------------------------------------------------------------------------


@_avvisning_loggas("kalla till sammanträdet")
def kalla(
    uow: UnitOfWork,
    mote: Mote,
    klocka: Klocka,
    verk: Dokumentverk,
    utskick: date | None = None,
) -> Dagordning:
    """Gather the dagordning (bordlagda first, then every ärende ready for this meeting), put
    the ärenden on it, and send the kallelse (today, or `utskick` when a kallelse sent
    before is registered afterwards). Asked again when the dagordning has changed (an
    ärende became ready), it sends a new version; unchanged, it does nothing."""
    with uow:
        steg = _Steg(uow, mote, "kalla till sammanträdet")
        idag = utskick or klocka.idag()
        if idag > klocka.idag():
            raise OgiltigUppgift(
                f"Kallelsen ({svenskt_datum(idag)}) kan inte registreras som utskickad i framtiden."
            )
        plan = uow.planer.plan(steg.namnd.namn, mote.datum.year)
        if plan is None or mote.datum not in plan.datum:
            raise OgiltigUppgift(
                f"{steg.namnd.namn} har inget sammanträde den {svenskt_datum(mote.datum)} i "
                "sammanträdesplanen."
            )
        s = uow.sammantraden.hamta(steg.namnd.namn, mote.datum) or Sammantrade.planera(
            steg.namnd.namn, mote.datum, steg.namnd.sammantradeslokal
        )
        arenden = {str(a.dnr): a for a in _redo(uow, steg.namnd.namn, mote.datum)}
        bordlagda = [
            b
            for tidigare in uow.sammantraden.fore(steg.namnd.namn, mote.datum)
            for b in tidigare.bordlagda()
            if b.dnr in arenden
        ]
        punkter = nasta_dagordning(
            mote.datum,
            bordlagda,
            [
                Dagordningspunkt(
                    dnr, a.titel, tuple(underlag.forslag_for(a, verk.typer.get(a.arendetyp)))
                )
                for dnr, a in arenden.items()
            ],
        )
        if not punkter:
            raise OgiltigUppgift(
                f"Inget ärende är redo för {steg.namnd.namn}s sammanträde den "
                f"{svenskt_datum(mote.datum)}: ett ärende kommer på dagordningen när "
                "förslaget till beslut är fastställt."
            )
        if s.dagordning is not None and s.dagordning.punkter == punkter:
            return s.dagordning
        for punkt in punkter:
            arende = arenden[punkt.dnr]
            if arende.skede is not Skede.PA_DAGORDNING:
                steg.arende_steg(
                    arende,
                    "sätta ärendet på dagordningen",
                    lambda a=arende: a.satt_pa_dagordning(mote.datum),
                    {"sammanträde": mote.datum.isoformat()},
                )
        if s.status is Sammantradesstatus.PLANERAT:
            dagordning = s.kalla(punkter, idag)
        else:
            dagordning = s.andra_dagordning(punkter, idag)
        uow.sammantraden.spara(s)
        fil = _spara_dokument(
            verk,
            s,
            f"kallelse-v{dagordning.version}",
            "kallelse_sammantrade.docx",
            protokollunderlag.kallelse(s, steg.namnd, uow, verk),
        )
        steg.logga(
            {
                "dagordning": dagordning.version,
                "ärenden": [p.dnr for p in punkter],
                "fil": fil.fil,
                "sha256": fil.sha256,
            }
        )
        uow.commit()
        return dagordning


def _redo(uow: UnitOfWork, namnd: str, datum: date) -> list[Arende]:
    """The nämnd's ärenden for this meeting that may stand on its dagordning."""
    redo = []
    for dnr in uow.arenden.for_sammantrade(namnd, datum):
        a = uow.arenden.hamta(dnr)
        if a.skede is Skede.PA_DAGORDNING or a.livscykel.framat(a.skede, Skede.PA_DAGORDNING):
            redo.append(a)
    return redo


# -- sammanträdet -----------------------------------------------------------------------------


@_avvisning_loggas("öppna sammanträdet")
def oppna(
    uow: UnitOfWork,
    mote: Mote,
    klocka: Klocka,
    *,
    narvaro: Narvaro,
    ordforande: str,
    justerare: Sequence[str],
    justering_forsta: date,
    justering_sista: date,
    borjade: str | None = None,
) -> Paragraf:
    """Open the meeting; its first § (Val av justerare) takes the next number of the year.
    `borjade` is when it began, as written in the form ('18:00', Swedish time)."""
    with uow:
        steg = _Steg(uow, mote, "öppna sammanträdet")
        s = steg.hamta()
        if s.status.ordning >= Sammantradesstatus.PAGAR.ordning and s.paragrafer:
            return s.paragrafer[0]
        forsta = uow.arenden.hogsta_paragraf(steg.namnd.namn, mote.datum.year) + 1
        paragraf = s.oppna(
            narvaro,
            ordforande,
            justerare,
            justering_forsta,
            justering_sista,
            forsta,
            ledamoter=steg.namnd.ledamoter,
            idag=klocka.idag(),
            justeringsplats=steg.namnd.forvaltning,
            borjade=borjade,
        )
        uow.sammantraden.spara(s)
        steg.logga(
            {
                "paragraf": paragraf.nummer,
                "närvarande": list(narvaro.tjanstgorande),
                "ordförande": s.ordforande,
                "justerare": list(s.justerare),
                "justering": [justering_forsta.isoformat(), justering_sista.isoformat()],
            }
        )
        uow.commit()
        return paragraf


@_avvisning_loggas("registrera nämndens beslut")
def besluta(
    uow: UnitOfWork, mote: Mote, klocka: Klocka, verk: Dokumentverk, beslut: NyttBeslut
) -> Paragraf:
    """The nämnd's beslut in one ärende: the next §, the ärende's decision and its
    protokollsutdrag, together or not at all. An omedelbart justerad § is justerad now."""
    with uow:
        steg = _Steg(uow, mote, "registrera nämndens beslut")
        s = steg.hamta()
        tidigare = next((p for p in s.paragrafer if p.dnr == beslut.dnr.strip()), None)
        if tidigare is not None and tidigare.utfall is beslut.utfall and tidigare.protokollsutdrag:
            return tidigare  # the same answer again: a replay
        idag = klocka.idag()
        paragraf = s.besluta(
            beslut.dnr,
            beslut.yrkanden,
            beslut.utfall,
            beslut.beslutstext,
            beslut.omrostning,
            beslut.omedelbart_justerad,
            beslut.nytt_sammantrade,
        )
        arende = uow.arenden.hamta(paragraf.dnr or "")
        begart = protokollunderlag.paragraf_som_json(paragraf)
        steg.arende_steg(
            arende,
            "registrera nämndens beslut",
            lambda: arende.besluta(
                beslut.utfall,
                paragraf.nummer,
                omedelbar_justering=beslut.omedelbart_justerad,
                beslutstext=beslut.beslutstext,
                nytt_sammantrade=beslut.nytt_sammantrade,
                idag=idag,
            ),
            begart,
        )
        if beslut.omedelbart_justerad:
            assert s.ordforande is not None
            steg.arende_steg(
                arende,
                "registrera justeringen",
                lambda: arende.justera(s.datum, s.ordforande or "", list(s.justerare), idag=idag),
                {"omedelbar": True, "paragraf": paragraf.nummer},
            )
        uppratta(
            uow,
            verk,
            arende,
            Handlingstyp.PROTOKOLLSUTDRAG,
            steg.vem(idag),
            data=protokollunderlag.protokollsutdrag(s, paragraf, arende, steg.namnd, steg.aktor),
            titel=f"Protokollsutdrag § {paragraf.nummer}: {arende.titel}",
        )
        paragraf = s.markera_protokollsutdrag(paragraf.nummer)
        uow.sammantraden.spara(s)
        uow.commit()
        return paragraf


@_avvisning_loggas("upprätta protokollet")
def stang(
    uow: UnitOfWork,
    mote: Mote,
    klocka: Klocka,
    verk: Dokumentverk,
    upprattat: date | None = None,
    avslutades: str | None = None,
) -> Protokollfil:
    """Close the meeting and draw up its protokoll: the version the justerare will sign.
    It is upprättat today, or on `upprattat` when a meeting is registered afterwards;
    `avslutades` is when the meeting ended, as written in the form ('19:30')."""
    with uow:
        steg = _Steg(uow, mote, "upprätta protokollet")
        s = steg.hamta()
        if s.status.ordning >= Sammantradesstatus.AVSLUTAT.ordning:
            fil = uow.sammantraden.protokoll(steg.namnd.namn, mote.datum)
            assert fil is not None
            return fil
        if upprattat is not None and upprattat > klocka.idag():
            raise OgiltigUppgift(
                f"Protokollet kan inte registreras som upprättat den {svenskt_datum(upprattat)}, "
                "i framtiden."
            )
        s.stang(upprattat or klocka.idag(), avslutades)
        uow.sammantraden.spara(s)
        fil = _spara_dokument(
            verk,
            s,
            "protokoll",
            "protokoll.docx",
            protokollunderlag.protokoll(s, steg.namnd, uow, steg.aktor),
        )
        uow.sammantraden.satt_protokoll(steg.namnd.namn, mote.datum, fil)
        steg.logga(
            {"paragrafer": [p.nummer for p in s.paragrafer], "fil": fil.fil, "sha256": fil.sha256}
        )
        uow.commit()
        return fil


@_avvisning_loggas("justera protokollet")
def signera(
    uow: UnitOfWork,
    mote: Mote,
    klocka: Klocka,
    verk: Dokumentverk,
    *,
    tidpunkt: datetime,
    protokoll_sha256: str,
) -> bool:
    """`mote.aktor` (the ordförande or a justerare) signs the protokoll they read. When the
    last has signed, the protokoll is justerat and so is every ärende decided in it; the
    justerat protokoll (with the signatures) is drawn up. False if already signed."""
    with uow:
        steg = _Steg(uow, mote, "justera protokollet", krav=False)
        s = steg.hamta()
        if any(sig.namn.casefold() == steg.aktor.casefold() for sig in s.signaturer):
            return False
        if tidpunkt.date() > klocka.idag():
            raise OgiltigUppgift(
                f"Signaturen är daterad {svenskt_datum(tidpunkt.date())}, i framtiden."
            )
        fil = uow.sammantraden.protokoll(steg.namnd.namn, mote.datum)
        if fil is None:
            raise OgiltigUppgift("Protokollet är inte upprättat än: avsluta sammanträdet först.")
        signatur = s.signera(steg.aktor, tidpunkt, protokoll_sha256, fil.sha256)
        steg.roll = signatur.roll.value
        steg.logga(
            {
                "signatur": signatur.roll.value,
                "tidpunkt": signatur.tidpunkt.isoformat(),
                "sha256": signatur.protokoll_sha256,
            }
        )
        if s.status is Sammantradesstatus.JUSTERAT:
            assert s.justeringsdatum is not None and s.ordforande is not None
            for p in s.paragrafer:
                if (
                    not p.ar_arende
                    or p.omedelbart_justerad
                    or not (p.utfall and p.utfall.avgor_arendet)
                ):
                    continue
                arende = uow.arenden.hamta(p.dnr or "")
                steg.arende_steg(
                    arende,
                    "registrera justeringen",
                    lambda a=arende: a.justera(
                        s.justeringsdatum or s.datum,
                        s.ordforande or "",
                        list(s.justerare),
                        idag=klocka.idag(),
                    ),
                    {"paragraf": p.nummer, "protokoll_sha256": fil.sha256},
                )
            justerat = _spara_dokument(
                verk,
                s,
                "protokoll-justerat",
                "protokoll.docx",
                protokollunderlag.protokoll(
                    s, steg.namnd, uow, namndsekreterare(uow, steg.namnd.namn, steg.aktor)
                ),
            )
            steg.logga(
                {
                    "justerat": s.justeringsdatum.isoformat(),
                    "fil": justerat.fil,
                    "sha256": justerat.sha256,
                },
                handling="protokollet justerat",
            )
        uow.sammantraden.spara(s)
        uow.commit()
        return True


@_avvisning_loggas("anslå justeringen")
def ansla(
    uow: UnitOfWork, mote: Mote, klocka: Klocka, verk: Dokumentverk, datum: date
) -> list[str]:
    """The justering goes up on the anslagstavla: every ärende decided in sak in the
    protokoll is anslaget that day (the appeal period runs from it) and gets its anslag
    document. Returns the ärenden handed on to expediering."""
    return _ansla(uow, mote, klocka, verk, datum, omedelbart=False)


@_avvisning_loggas("anslå justeringen")
def ansla_omedelbart(
    uow: UnitOfWork, mote: Mote, klocka: Klocka, verk: Dokumentverk, datum: date
) -> list[str]:
    """The omedelbart justerade §§ go up before the rest of the protokoll is justerat."""
    return _ansla(uow, mote, klocka, verk, datum, omedelbart=True)


def _ansla(
    uow: UnitOfWork,
    mote: Mote,
    klocka: Klocka,
    verk: Dokumentverk,
    datum: date,
    *,
    omedelbart: bool,
) -> list[str]:
    with uow:
        steg = _Steg(uow, mote, "anslå justeringen")
        s = steg.hamta()
        idag = klocka.idag()
        if datum > idag:
            raise OgiltigUppgift(
                f"Anslagsdatumet ({svenskt_datum(datum)}) ligger i framtiden; registrera det "
                "som har hänt."
            )
        if not omedelbart and s.anslag is not None:
            return []  # a replay: the protokoll's anslag is up
        redan = {n for a in s.omedelbara_anslag for n in a.paragrafer}
        omedelbara = [p.nummer for p in s.paragrafer if p.omedelbart_justerad]
        if omedelbart and omedelbara and all(n in redan for n in omedelbara):
            return []  # a replay: every omedelbart justerad § is anslagen
        anslag = (
            s.ansla_omedelbart(datum, verk.kalender)
            if omedelbart
            else s.ansla(datum, verk.kalender)
        )
        overlamnade = []
        for nummer in anslag.paragrafer:
            p = s.paragraf(nummer)
            if p is None or not p.ar_arende or not (p.utfall and p.utfall.avgor_arendet):
                continue
            arende = uow.arenden.hamta(p.dnr or "")
            if arende.skede is not Skede.JUSTERAT:
                continue
            steg.arende_steg(
                arende,
                "registrera anslaget",
                lambda a=arende: a.ansla(datum, idag=idag),
                {"datum": datum.isoformat(), "paragraf": nummer},
            )
            uppratta(uow, verk, arende, Handlingstyp.ANSLAG, steg.vem(idag))
            overlamnade.append(str(arende.dnr))
        steg.logga(
            {
                "anslaget": datum.isoformat(),
                "paragrafer": list(anslag.paragrafer),
                "överklagande_slut": anslag.overklagande_slut.isoformat(),
                "för_sent": anslag.for_sent,
            }
        )
        uow.sammantraden.spara(s)
        uow.commit()
        return overlamnade


# -- hjälp -----------------------------------------------------------------------------------


def hamta(uow: UnitOfWork, namnd: str, datum: date) -> Sammantrade | None:
    with uow:
        return uow.sammantraden.hamta(uow.grunddata.namnd(namnd).namn, datum)


def _spara_dokument(
    verk: Dokumentverk, s: Sammantrade, namn: str, mall: str, data: dict[str, Any]
) -> Protokollfil:
    """A document of the sammanträde itself (kallelse, protokoll), kept in its own folder of
    the archive; its sha256 goes into the audit log."""
    docx = verk.mallar.rendera(mall, data)
    fil = f"sammantraden/{_mapp(s)}/{namn}.docx"
    sha = verk.arkiv.spara(fil, docx)
    assert sha == hashlib.sha256(docx).hexdigest()
    return Protokollfil(fil, sha)


def _mapp(s: Sammantrade) -> str:
    return f"{''.join(c for c in s.namnd if c.isalnum())}-{s.datum.isoformat()}"
