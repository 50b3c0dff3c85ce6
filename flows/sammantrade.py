"""A nämnd's sammanträde as a Prefect flow: kallelse, the meeting, protokoll, justering and
anslag for every ärende on its dagordning, then each ärende handed on.

The nämndsekreterare starts one run per meeting in the sammanträdesplan. Until the meeting
is opened every replay gathers the dagordning again, so an ärende fastställt after the first
kallelse goes out in a new version of it. After opening, the dagordning is fixed and the run
asks one form per ärende for the nämnd's beslut (yrkanden in the order put, any omröstning),
then draws up the protokoll, waits for the ordförande's and each justerare's signature, and
takes the anslag. Decided ärenden go on to expediering (their own run), återremitterade
back to beredning (a new run of their type), bordlagda to the next meeting's dagordning.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.input import RunInput
from pydantic import BaseModel, Field, create_model

from arende.domain.datum import svenskt_datum, svenskt_klockslag, tolka_klockslag
from arende.domain.fel import OgiltigUppgift
from arende.domain.sammantrade import (
    STOCKHOLM,
    Ledamotsroll,
    NarvarandeErsattare,
    Narvaro,
    Omrostning,
    Rostval,
    Sammantrade,
    Sammantradesstatus,
    Tjansteman,
    Yrkande,
)
from arende.domain.skeden import Skede, Utfall
from arende.service_layer import frister, visningar
from arende.service_layer import sammantraden as sm
from arende.service_layer import tavlingsbidrag as tb
from arende.service_layer.handlers import Kontext
from flows.arendesteg import korning, system, utfor
from flows.formular import KLOCKSLAG, UTFALL, AnslagSvar
from flows.fraga import fraga
from flows.handlingar import filadress, publicera, redan_visad
from flows.nominering import starta_bidragskorningar
from flows.tavlingsbidrag import fragor_finns, slug

FLODE = "sammantrade"
EXPEDIERING = "expediering/expediering"


def _mote(namnd: str, datum: date, sekreterare: str) -> sm.Mote:
    return sm.Mote(namnd, datum, sekreterare, korning())


def _hamta(mote: sm.Mote) -> Sammantrade:
    s = sm.hamta(system().uow(), mote.namnd, mote.datum)
    if s is None:
        raise OgiltigUppgift(f"{mote.namnd} har inget sammanträde den {svenskt_datum(mote.datum)}.")
    return s


def _visa(mote: sm.Mote, fil: str, namn: str, rubrik: str) -> None:
    """A document of the meeting on the run, once: a link and its text."""
    arendesystem = system()
    nyckel = f"{slug(mote.namnd)}-{mote.datum.isoformat()}-{namn}"
    if redan_visad(nyckel):
        return
    create_link_artifact(key=nyckel, link=filadress(arendesystem, fil), link_text=rubrik)
    text = arendesystem.dokument.mallar.som_markdown(arendesystem.arkiv.las(fil))
    create_markdown_artifact(key=f"{nyckel}-text", markdown=f"# {rubrik}\n\n{text}")


@task(name="kalla till sammanträdet", cache_policy=NO_CACHE)
def kalla(mote: sm.Mote, utskick: date | None) -> None:
    arendesystem = system()
    s = sm.hamta(arendesystem.uow(), mote.namnd, mote.datum)
    if s is not None and s.status.ordning >= Sammantradesstatus.PAGAR.ordning:
        return  # opened: the dagordning is as it was when the meeting began
    dagordning = sm.kalla(
        arendesystem.uow(), mote, arendesystem.klocka, arendesystem.dokument, utskick
    )
    _visa(
        mote,
        f"sammantraden/{_mapp(mote)}/kallelse-v{dagordning.version}.docx",
        f"kallelse-v{dagordning.version}",
        f"Kallelse och dagordning, version {dagordning.version}",
    )


def _mapp(mote: sm.Mote) -> str:
    return f"{''.join(c for c in mote.namnd if c.isalnum())}-{mote.datum.isoformat()}"


def _dagordningen(s: Sammantrade) -> str:
    assert s.dagordning is not None
    rader = ["1. Val av justerare och tillkännagivande av tid för justering"]
    for i, p in enumerate(s.dagordning.punkter, start=2):
        rader.append(f"{i}. {p.titel} ({p.dnr})")
    return f"**Dagordning, version {s.dagordning.version}:**\n\n" + "\n".join(rader) + "\n\n"


# -- the forms ------------------------------------------------------------------------------


def oppningsformular(ledamoter: list[str], ersattare: list[str]) -> type[Any]:
    """Närvaro and justering, with the nämnd's own ledamöter as the choices."""
    led: Any = Literal[tuple(ledamoter)]
    ers: Any = Literal[tuple(ersattare)] if ersattare else str
    tjanstgor = create_model(
        "Tjanstgorande",
        namn=(ers, Field(title="Ersättare")),
        for_ledamot=(led, Field(title="Tjänstgör för")),
    )
    falt: dict[str, Any] = {
        "klockan": (
            str,
            Field(
                title="Klockan",
                description="När ordföranden öppnade sammanträdet, svensk tid (TT:MM, t.ex. "
                "18:00). Förifyllt från sammanträdesplanen när den anger en tid.",
                pattern=KLOCKSLAG,
            ),
        ),
        "narvarande": (list[led], Field(title="Närvarande ledamöter")),
        "tjanstgorande_ersattare": (
            list[tjanstgor],
            Field(default_factory=list, title="Tjänstgörande ersättare"),
        ),
        "ersattare": (
            list[ers],
            Field(default_factory=list, title="Närvarande ersättare (tjänstgör inte)"),
        ),
        "ordforande": (led, Field(title="Ordförande")),
        "justerare": (list[led], Field(title="Justerare (en eller två)")),
        "justering_forsta": (date, Field(title="Justering tidigast")),
        "justering_sista": (date, Field(title="Justering senast")),
    }
    modell: type[Any] = create_model("OppnaSammantradet", __base__=RunInput, **falt)
    return modell


class YrkandeRad(BaseModel):
    av: str = Field(title="Yrkande av")
    lydelse: str = Field(title="Yrkande", description="T.ex. 'bifall till förvaltningens förslag'.")


def beslutsformular(tjanstgorande: list[str]) -> type[Any]:
    vem: Any = Literal[tuple(tjanstgorande)]
    falt: dict[str, Any] = {
        "utfall": (UTFALL, Field(title="Nämndens beslut")),
        "yrkanden": (
            list[YrkandeRad],
            Field(
                default_factory=list,
                title="Yrkanden",
                description="I den ordning ordföranden ställde dem.",
            ),
        ),  # fmt: skip
        "beslutstext": (
            str,
            Field(
                "",
                title="Beslutstext",
                description="Krävs vid ändrat beslut; vid återremiss: vad som ska kompletteras.",
            ),
        ),  # fmt: skip
        "omedelbart_justerad": (bool, Field(False, title="Omedelbart justerad")),
        "nytt_sammantrade": (
            date | None,
            Field(
                None, title="Nästa sammanträde", description="Vid bordläggning eller återremiss."
            ),
        ),
        "omrostning": (bool, Field(False, title="Omröstning begärdes")),
        "ja_proposition": (str, Field("", title="Ja-proposition")),
        "nej_proposition": (str, Field("", title="Nej-proposition")),
        "ja": (list[vem], Field(default_factory=list, title="Röstade ja")),
        "nej": (list[vem], Field(default_factory=list, title="Röstade nej")),
        "avstar": (list[vem], Field(default_factory=list, title="Avstod")),
    }
    modell: type[Any] = create_model("Paragraf", __base__=RunInput, **falt)
    return modell


class AvslutaSvar(RunInput):
    avslutades: str = Field(
        title="Sammanträdet avslutades kl.",
        description="När ordföranden avslutade sammanträdet, svensk tid (TT:MM, t.ex. 19:30).",
        pattern=KLOCKSLAG,
    )


class SigneraSvar(RunInput):
    """The justering. Its time is a day and a time of day, not Prefect's date-and-time
    widget: that one applies today's UTC offset to any day chosen, so a paper justering
    registered afterwards across a change to or from summer time came out an hour off."""

    namn: str = Field(title="Ditt namn")
    protokoll_sha256: str = Field(
        title="Protokollets kontrollsumma (sha256)",
        description="Kontrollsumman för den version av protokollet du har läst och justerar.",
    )
    jag_justerar: bool = Field(
        False, title="Jag har läst protokollet och justerar det", description="Kryssa i."
    )
    datum: date | None = Field(
        None,
        title="Justerat den",
        description="Lämna tomt: signaturen får tiden nu. Ange ett datum bara när en justering "
        "som gjorts på papper registreras i efterhand.",
    )
    klockslag: str | None = Field(
        None,
        title="Klockslag",
        description="När justeringen gjordes den dagen, svensk tid (TT:MM, t.ex. 14:30); "
        "bara tillsammans med datumet. Lämnas det tomt får signaturen kl. 12.00 den dagen.",
        pattern=KLOCKSLAG,
    )


# A paper justering registered with its day but no time of day is put at noon.
JUSTERING_UTAN_KLOCKSLAG = time(12, 0)


def justeringstid(datum: date | None, klockslag: str | None, nu: datetime) -> datetime:
    """The signature's time from the form: the day and time of day typed, in Swedish time
    with the UTC offset valid on that day; nothing typed is `nu`."""
    text = (klockslag or "").strip()
    if datum is None:
        if text:
            raise OgiltigUppgift(
                f"Klockslaget {text} saknar datum: ange också vilken dag du justerade "
                "(Justerat den), eller lämna båda tomma så får signaturen tiden nu."
            )
        return nu
    if not text and datum == nu.astimezone(STOCKHOLM).date():
        return nu
    klockan = tolka_klockslag(text, "Klockslaget") if text else JUSTERING_UTAN_KLOCKSLAG
    return datetime.combine(datum, klockan, tzinfo=STOCKHOLM)


def justeringssvar(tidpunkt: str | datetime) -> dict[str, str]:
    """A signature's time (ISO 8601, any UTC offset) as the justering form takes it: the
    day and the time of day in Swedish time. For scripts that keep signatures as ISO times."""
    stund = datetime.fromisoformat(tidpunkt) if isinstance(tidpunkt, str) else tidpunkt
    stund = stund.replace(tzinfo=STOCKHOLM) if stund.tzinfo is None else stund
    stund = stund.astimezone(STOCKHOLM)
    return {"datum": stund.date().isoformat(), "klockslag": f"{stund:%H:%M}"}


# -- the steps -------------------------------------------------------------------------------


@task(name="öppna sammanträdet", cache_policy=NO_CACHE)
def oppna(mote: sm.Mote, svar: dict[str, Any]) -> None:
    arendesystem = system()
    sm.oppna(
        arendesystem.uow(),
        mote,
        arendesystem.klocka,
        narvaro=Narvaro(
            tuple(svar["narvarande"]),
            tuple(
                NarvarandeErsattare(e["namn"], e["for_ledamot"])
                for e in svar["tjanstgorande_ersattare"]
            )
            + tuple(NarvarandeErsattare(n) for n in svar["ersattare"]),
            (Tjansteman(mote.aktor, "nämndsekreterare"),),
        ),
        ordforande=svar["ordforande"],
        justerare=svar["justerare"],
        justering_forsta=date.fromisoformat(svar["justering_forsta"]),
        justering_sista=date.fromisoformat(svar["justering_sista"]),
        borjade=svar["klockan"],
    )


@task(name="registrera nämndens beslut", cache_policy=NO_CACHE)
def besluta(mote: sm.Mote, dnr: str, svar: dict[str, Any]) -> None:
    arendesystem = system()
    omrostning = None
    if svar["omrostning"]:
        roster = [(n, Rostval.JA) for n in svar["ja"]] + [(n, Rostval.NEJ) for n in svar["nej"]]
        roster += [(n, Rostval.AVSTAR) for n in svar["avstar"]]
        omrostning = Omrostning(svar["ja_proposition"], svar["nej_proposition"], tuple(roster))
    sm.besluta(
        arendesystem.uow(),
        mote,
        arendesystem.klocka,
        arendesystem.dokument,
        sm.NyttBeslut(
            dnr,
            Utfall(svar["utfall"]),
            tuple(Yrkande(i, y["av"], y["lydelse"]) for i, y in enumerate(svar["yrkanden"], 1)),
            svar["beslutstext"],
            omrostning,
            svar["omedelbart_justerad"],
            date.fromisoformat(svar["nytt_sammantrade"]) if svar["nytt_sammantrade"] else None,
        ),
    )
    frister.uppdatera_frister(
        dnr, arendesystem.uow(), arendesystem.kalender, flodeskorning=korning()
    )
    publicera(dnr)


@task(name="upprätta protokollet", cache_policy=NO_CACHE)
def stang(mote: sm.Mote, upprattat: date | None, avslutades: str | None) -> str:
    arendesystem = system()
    fil = sm.stang(
        arendesystem.uow(),
        mote,
        arendesystem.klocka,
        arendesystem.dokument,
        upprattat,
        avslutades=avslutades,
    )
    _visa(mote, fil.fil, "protokoll", "Protokoll för justering")
    return fil.sha256


@task(name="justera protokollet", cache_policy=NO_CACHE)
def signera(
    mote: sm.Mote,
    namn: str,
    sha256: str,
    jag_justerar: bool,
    datum: date | None,
    klockslag: str | None,
) -> None:
    if not jag_justerar:
        raise OgiltigUppgift("Kryssa i att du har läst protokollet och justerar det.")
    tidpunkt = justeringstid(datum, klockslag, datetime.now(STOCKHOLM))
    arendesystem = system()
    sm.signera(
        arendesystem.uow(),
        replace(mote, aktor=namn),
        arendesystem.klocka,
        arendesystem.dokument,
        tidpunkt=tidpunkt,
        protokoll_sha256=sha256.strip(),
    )


@task(name="anslå justeringen", cache_policy=NO_CACHE)
def ansla(mote: sm.Mote, datum: date, omedelbart: bool) -> list[str]:
    arendesystem = system()
    gor = sm.ansla_omedelbart if omedelbart else sm.ansla
    dnr = gor(arendesystem.uow(), mote, arendesystem.klocka, arendesystem.dokument, datum)
    for d in _anslagna(mote, omedelbart):
        frister.uppdatera_frister(
            d, arendesystem.uow(), arendesystem.kalender, flodeskorning=korning()
        )
        publicera(d)
    return dnr


def _anslagna(mote: sm.Mote, omedelbart: bool) -> list[str]:
    """The ärenden of the anslag (again on a replay, when ansla itself returns none)."""
    s = _hamta(mote)
    anslag = s.omedelbara_anslag if omedelbart else ([s.anslag] if s.anslag else [])
    nummer = {n for a in anslag for n in a.paragrafer}
    return [
        p.dnr
        for p in s.paragrafer
        if p.nummer in nummer and p.dnr and p.utfall and p.utfall.avgor_arendet
    ]


@task(name="lämna över ärendena", cache_policy=NO_CACHE)
def lamna_over(mote: sm.Mote, dnr_lista: list[str]) -> list[str]:
    """Each decided ärende to its expediering run (one per ärende: the idempotency key makes
    a replay find it), or closed at once if its type has no expediering."""
    arendesystem = system()
    korningar = []
    for dnr in dnr_lista:
        arende = visningar.hamta_arende(arendesystem.uow(), dnr)
        if arende.skede is not Skede.ANSLAGET:
            continue
        if arende.livscykel.framat(Skede.ANSLAGET, Skede.EXPEDIERAT):
            korning_ = run_deployment(
                EXPEDIERING,
                parameters={"dnr": dnr},
                flow_run_name=f"{dnr} Expediering",
                tags=["expediering", f"nämnd:{arende.namnd}"],
                idempotency_key=f"expediering-{dnr}",
                timeout=0,
                as_subflow=False,
            )
            assert isinstance(korning_, FlowRun)
            korningar.append(str(korning_.id))
        else:
            utfor("avsluta", dnr, mote.aktor, "avslut", datum=arendesystem.klocka.idag())
    return korningar


@task(name="ny beredning efter återremiss", cache_policy=NO_CACHE)
def ny_beredning(dnr: str) -> str:
    arende = visningar.hamta_arende(system().uow(), dnr)
    korning_ = run_deployment(
        f"arende/{arende.arendetyp}",
        parameters={"arendetyp_namn": arende.arendetyp, "dnr": dnr},
        flow_run_name=f"{dnr} {arende.titel} (beredning {arende.omgang})",
        idempotency_key=f"beredning-{dnr}-{arende.omgang}",
        timeout=0,
        as_subflow=False,
    )
    assert isinstance(korning_, FlowRun)
    return str(korning_.id)


@task(name="öppna tävlingsbidragen", cache_policy=NO_CACHE)
def tavlingsbidrag(dnr: str) -> None:
    """The nämnd has nominated: each unit's tävlingsbidrag is opened and its run started."""
    arendesystem = system()
    arende = visningar.hamta_arende(arendesystem.uow(), dnr)
    if arende.utmarkelsear is None or not fragor_finns(arendesystem.fragor, arende.utmarkelsear):
        get_run_logger().warning("Frågorna för %s finns inte: inga tävlingsbidrag.", dnr)
        return
    chefer = {e["namn"]: e["chef"] for e in arende.uppgifter.get("enheter", []) if e.get("chef")}
    tb.oppna_tavlingsbidrag(
        dnr,
        arendesystem.uow(),
        Kontext(tb.SYSTEMET, korning(), "tavlingsbidrag-oppna"),
        arendesystem.fragor,
        chefer=chefer or None,
    )
    starta_bidragskorningar(
        dnr, arende.namnd, arende.handlaggare, [n.verksamhet for n in arende.nomineringar]
    )


def _beslutet(mote: sm.Mote, dnr: str) -> Any:
    return lambda svar, k: besluta(replace(mote, nyckel=k), dnr, svar.model_dump(mode="json"))


# -- the flow ---------------------------------------------------------------------------------


@flow(name=FLODE, log_prints=True)
def sammantrade(
    namnd: str,
    datum: date,
    namndsekreterare: str,
    kallelsedatum: date | None = None,
    protokolldatum: date | None = None,
) -> str:
    """Kalla till nämndens sammanträde, registrera besluten och ta protokollet genom
    justering och anslag.

    Args:
        namnd: Nämnden som sammanträder.
        datum: Sammanträdets dag enligt sammanträdesplanen.
        namndsekreterare: Du som för protokollet.
        kallelsedatum: Lämna tomt: kallelsen skickas i dag. Ange ett datum bara när en
            kallelse som redan skickats registreras i efterhand.
        protokolldatum: Lämna tomt: protokollet upprättas den dag sammanträdet avslutas här.
            Ange ett datum bara när ett sammanträde registreras i efterhand.
    """
    mote = _mote(namnd, datum, namndsekreterare)
    kalla(mote, kallelsedatum)
    s = _hamta(mote)
    register = visningar.namnd(system().uow(), namnd).ledamoter
    ledamoter = [x.namn for x in register if x.roll.ar_ledamot]
    ersattare = [x.namn for x in register if x.roll is Ledamotsroll.ERSATTARE]
    ordf = next((x.namn for x in register if x.roll is Ledamotsroll.ORDFORANDE), ledamoter[0])
    vice = next((x.namn for x in register if x.roll is Ledamotsroll.VICE_ORDFORANDE), ledamoter[-1])
    # Each form below is asked until its step is done; a replay after that does not ask it
    # again (nor reads an answer given to an earlier version of the form).
    if s.status is Sammantradesstatus.KALLAT:
        planerad = visningar.planerad_klockan(system().uow(), namnd, datum)
        fraga(
            oppningsformular(ledamoter, ersattare),
            "oppna",
            f"## Öppna {namnd}s sammanträde den {svenskt_datum(datum)}\n\n{_dagordningen(s)}"
            "Ange när sammanträdet öppnades, vilka som är närvarande och vilka som tjänstgör, "
            "ordförande, justerare och tiden för justering. Nämnden är beslutför när mer än "
            "hälften av ledamöterna tjänstgör (kommunallagen 6 kap. 27 §).",
            lambda svar, k: oppna(replace(mote, nyckel=k), svar.model_dump(mode="json")),
            **({"klockan": f"{planerad:%H:%M}"} if planerad else {}),
            narvarande=ledamoter,
            ordforande=ordf,
            justerare=[vice],
            justering_forsta=datum + timedelta(days=1),
            justering_sista=datum + timedelta(days=14),
        )
    s = _hamta(mote)  # opened: its dagordning and närvaro are fixed from here
    assert s.dagordning is not None
    for i, punkt in enumerate(s.dagordning.punkter, start=2):
        arende = visningar.hamta_arende(system().uow(), punkt.dnr)
        svar = fraga(
            beslutsformular(list(s.tjanstgorande)),
            f"beslut-{slug(punkt.dnr)}",
            f"## Punkt {i}: {punkt.titel} ({punkt.dnr})\n\n**Förslag till beslut:**\n\n"
            + "\n".join(f"{n}. {f}" for n, f in enumerate(punkt.forslag, 1))
            + f"\n\nRegistrera nämndens beslut. Paragrafen blir § {s.nasta_paragraf}"
            " om inget annat beslut redan har registrerats.",
            _beslutet(mote, punkt.dnr),
            yrkanden=[{"av": s.ordforande or "", "lydelse": "bifall till förvaltningens förslag"}],
            utfall="bifall",
            omedelbart_justerad=arende.foreslagen_omedelbar_justering,
        )
        if svar.utfall in ("bifall", "ändrat beslut") and arende.arendetyp == "nominering":
            tavlingsbidrag(punkt.dnr)
        s = _hamta(mote)

    if any(p.omedelbart_justerad for p in s.paragrafer):
        fraga(
            AnslagSvar,
            "anslag-omedelbart",
            "## Anslå de omedelbart justerade paragraferna\n\n"
            + ", ".join(f"§ {p.nummer} {p.titel}" for p in s.paragrafer if p.omedelbart_justerad)
            + " justerades vid sammanträdet. Anslaget ska upp senast andra dagen efter.",
            lambda svar, k: ansla(replace(mote, nyckel=k), svar.datum, True),
            registreras_av=namndsekreterare,
            datum=datum,
        )
        lamna_over(mote, _anslagna(mote, True))

    s = _hamta(mote)
    upprattat: list[str] = []  # the protokoll's sha256 once it is drawn up
    if s.status is Sammantradesstatus.PAGAR:
        borjade = f" Det öppnades kl. {svenskt_klockslag(s.borjade)}." if s.borjade else ""
        fraga(
            AvslutaSvar,
            "avsluta",
            f"## Avsluta {namnd}s sammanträde den {svenskt_datum(datum)}\n\n"
            f"Dagordningens punkter är behandlade i §§ {s.paragrafer[0].nummer}–"
            f"{s.paragrafer[-1].nummer}.{borjade} Ange när ordföranden avslutade "
            "sammanträdet; protokollet upprättas sedan för justering.",
            lambda svar, k: upprattat.append(
                stang(replace(mote, nyckel=k), protokolldatum, svar.avslutades)
            ),
        )
    sha = upprattat[-1] if upprattat else stang(mote, protokolldatum, None)
    s = _hamta(mote)
    assert s.ordforande is not None
    signerat = {sig.namn for sig in s.signaturer}
    for namn in [s.ordforande, *s.justerare]:
        if namn in signerat:
            continue
        fraga(
            SigneraSvar,
            f"justering-{slug(namn)}",
            f"## Justera protokollet, {namn}\n\nProtokollet från {namnd}s sammanträde den "
            f"{svenskt_datum(datum)} finns under fliken Artifacts. Justera mellan den "
            f"{svenskt_datum(s.justering_forsta or datum)} och den "
            f"{svenskt_datum(s.justering_sista or datum)}. Din signatur gäller den version "
            f"vars kontrollsumma (sha256) är `{sha}`.",
            lambda svar, k: signera(
                replace(mote, nyckel=k),
                svar.namn,
                svar.protokoll_sha256,
                svar.jag_justerar,
                svar.datum,
                svar.klockslag,
            ),
            namn=namn,
            protokoll_sha256=sha,
        )
    s = _hamta(mote)
    fraga(
        AnslagSvar,
        "anslag",
        f"## Anslå justeringen\n\nProtokollet justerades den "
        f"{svenskt_datum(s.justeringsdatum or datum)}. Anslaget ska sättas upp på "
        "anslagstavlan senast andra dagen efter justeringen (kommunallagen 8 kap. 12 §).",
        lambda svar, k: ansla(replace(mote, nyckel=k), svar.datum, False),
        registreras_av=namndsekreterare,
        datum=s.justeringsdatum or datum,
    )
    lamna_over(mote, _anslagna(mote, False))
    s = _hamta(mote)
    for p in s.paragrafer:
        if p.dnr and p.utfall is Utfall.ATERREMISS:
            ny_beredning(p.dnr)
    _visa(
        mote,
        f"sammantraden/{_mapp(mote)}/protokoll-justerat.docx",
        "protokoll-justerat",
        "Justerat protokoll",
    )
    bordlagda = [p.dnr for p in s.paragrafer if p.dnr and p.utfall is Utfall.BORDLAGGNING]
    print(
        f"{namnd}s sammanträde den {svenskt_datum(datum)}: {len(s.paragrafer)} paragrafer, "
        f"anslaget den {svenskt_datum(s.anslag.datum) if s.anslag else '–'}"
        + (f"; bordlagda till nästa sammanträde: {', '.join(bordlagda)}" if bordlagda else "")
        + "."
    )
    return f"{namnd} {datum.isoformat()}"
