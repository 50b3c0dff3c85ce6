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

from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any, Literal, TypeVar

from prefect import flow, runtime
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.client.orchestration import get_client
from pydantic import BaseModel, Field, create_model

from arende.domain.datum import (
    STOCKHOLM,
    i_stockholm,
    svenskt_datum,
    svenskt_klockslag,
    tolka_klockslag,
)
from arende.domain.fel import OgiltigUppgift
from arende.domain.handelser import ArendeAterremitterat, Handelse
from arende.domain.sammantrade.deltagande import Javsanmalan
from arende.domain.sammantrade.mote import Sammantrade, Sammantradesstatus, sammantradesmapp
from arende.domain.sammantrade.narvaro import Ledamotsroll, NarvarandeErsattare, Narvaro, Tjansteman
from arende.domain.sammantrade.omrostning import Omrostning, Rostval, Yrkande
from arende.domain.sammantrade.reservation import Anteckningsslag, Reservation
from arende.domain.skeden import Utfall
from arende.service_layer import visningar
from arende.service_layer.dokumentdata.text import genitiv
from arende.service_layer.kommandon import (
    AndraNarvaro,
    Ansla,
    Besluta,
    Kalla,
    MotiveraReservation,
    Oppna,
    Signera,
    Stang,
)
from flows.arendesteg import system, utfor
from flows.formular import KLOCKSLAG, UTFALL, AnslagSvar, Formularsvar
from flows.fraga import Akt, Avisering, behoriga, formularlank, fraga, inloggad, personen
from flows.handlingar import filadress, publicera_vantande, redan_visad
from flows.tavlingsbidrag import slug
from flows.uppfoljning import folj_upp

FLODE = "sammantrade"
K = TypeVar("K", Kalla, Oppna, Besluta, Stang, Ansla, AndraNarvaro, MotiveraReservation)
ANSLAG_PUBLICERAS = (
    "När du svarar publicerar systemet anslaget på kommunens anslagstavla, och dagen blir "
    "anslagsdagen som överklagandetiden räknas från."
)


def _hamta(namnd: str, datum: date) -> Sammantrade:
    s = visningar.sammantrade(system().uow(), namnd, datum)
    if s is None:
        raise OgiltigUppgift(f"{namnd} har inget sammanträde den {svenskt_datum(datum)}.")
    return s


def _visa(namnd: str, datum: date, namn: str, rubrik: str) -> None:
    """A document of the meeting on the run, once: a link and its text."""
    arendesystem = system()
    nyckel = f"{slug(namnd)}-{datum.isoformat()}-{namn}"
    if redan_visad(nyckel):
        return
    fil = f"sammantraden/{sammantradesmapp(namnd, datum.isoformat())}/{namn}.docx"
    create_link_artifact(key=nyckel, link=filadress(arendesystem, fil), link_text=rubrik)
    pdf = fil.removesuffix(".docx") + ".pdf"
    if arendesystem.arkiv.sha256(pdf) is not None:  # the justerat protokoll, sealed PDF/A
        create_link_artifact(
            key=f"{nyckel}-pdf",
            link=filadress(arendesystem, pdf),
            link_text=f"{rubrik} (PDF/A med nämndens sigill)",
        )
    text = arendesystem.dokument.mallar.som_markdown(arendesystem.arkiv.las(fil))
    create_markdown_artifact(key=f"{nyckel}-text", markdown=f"# {rubrik}\n\n{text}")


def _namnge(namnd: str, datum: date) -> None:
    """The run is named after the meeting, not Prefect's random words."""
    with get_client(sync_client=True) as klient:
        taggar = set(klient.read_flow_run(runtime.flow_run.id).tags) | {f"nämnd:{namnd}"}
        klient.update_flow_run(
            runtime.flow_run.id,
            name=f"{genitiv(namnd)} sammanträde {svenskt_datum(datum)}",
            tags=sorted(taggar),
        )


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
    modell: type[Any] = create_model("OppnaSammantradet", __base__=Formularsvar, **falt)
    return modell


class YrkandeRad(BaseModel):
    av: str = Field(title="Yrkande av")
    lydelse: str = Field(title="Yrkande", description="T.ex. 'bifall till förvaltningens förslag'.")


def beslutsformular(
    tjanstgorande: list[str],
    narvarande: list[str] | None = None,
    namnden: list[str] | None = None,
) -> type[Any]:
    """One § of the meeting: närvaro changes before it, jäv, the beslut with its yrkanden
    and any omröstning (open, or closed in val and anställning), reservationer and
    protokollsanteckningar. The names offered are everyone on the nämnd's list (`namnden`)
    when given: the närvaro changes during the meeting, and a replayed run rebuilds each
    form and must still accept the answer given to it, so the choices cannot follow who is
    present now. The domain says, in Swedish, who is not present or does not take part."""
    namnden = namnden or narvarande or tjanstgorande
    vem: Any = Literal[tuple(dict.fromkeys(namnden))]
    alla: Any = vem
    javrad = create_model(
        "Jav",
        namn=(vem, Field(title="Vem anmäler jäv")),
        grund=(
            str,
            Field(
                title="Jävsgrund",
                description="T.ex. 'intressejäv: styrelseledamot i hyresvärden' "
                "(kommunallagen 6 kap. 28–30 §§).",
            ),
        ),
        javig=(bool, Field(True, title="Nämnden finner att jäv föreligger")),
    )
    slag: Any = Literal["reservation", "protokollsanteckning"]
    reservationsrad = create_model(
        "Reservation",
        av=(vem, Field(title="Av")),
        slag=(
            slag,
            Field("reservation", title="Reservation eller protokollsanteckning"),
        ),
        text=(
            str,
            Field(
                "",
                title="Text",
                description="Reservation: t.ex. 'till förmån för eget yrkande'. "
                "Protokollsanteckning: hela texten.",
            ),
        ),
        motivering=(
            str,
            Field(
                "",
                title="Skriftlig motivering",
                description="Om den lämnades vid sammanträdet; annars kan den tas emot "
                "efter sammanträdet, före justeringen.",
            ),
        ),
    )
    falt: dict[str, Any] = {
        "ankommer": (
            list[alla],
            Field(default_factory=list, title="Kommer till sammanträdet före paragrafen"),
        ),
        "lamnar": (
            list[vem],
            Field(default_factory=list, title="Lämnar sammanträdet före paragrafen"),
        ),
        "narvaro_klockan": (
            str,
            Field(
                "",
                title="Klockan för närvaroändringen",
                description="Svensk tid (TT:MM); lämna tomt om ingen kommer eller går.",
            ),
        ),
        "jav": (
            list[javrad],
            Field(
                default_factory=list,
                title="Jäv",
                description="Den som är jävig deltar inte och är inte närvarande under "
                "paragrafen; en närvarande ersättare kallas in i fullmäktiges ordning.",
            ),
        ),
        "leder": (
            vem | None,
            Field(
                None,
                title="Leder paragrafen",
                description="Bara när varken ordföranden eller vice ordföranden kan (t.ex. "
                "båda jäviga): den ledamot nämnden utser.",
            ),
        ),
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
        "ja_proposition": (
            str,
            Field("", title="Ja för bifall till", description="T.ex. 'förvaltningens förslag'."),
        ),
        "nej_proposition": (
            str,
            Field("", title="Nej för bifall till", description="T.ex. 'Cecilia Holsts yrkande'."),
        ),
        "ja": (list[vem], Field(default_factory=list, title="Röstade ja")),
        "nej": (list[vem], Field(default_factory=list, title="Röstade nej")),
        "avstar": (list[vem], Field(default_factory=list, title="Avstod")),
        "sluten": (
            bool,
            Field(
                False,
                title="Sluten omröstning (bara val och anställning)",
                description="Ange då bara antalet röster nedan, inga namn.",
            ),
        ),
        "ja_antal": (int, Field(0, ge=0, title="Sluten omröstning: antal ja")),
        "nej_antal": (int, Field(0, ge=0, title="Sluten omröstning: antal nej")),
        "blanka": (int, Field(0, ge=0, title="Sluten omröstning: antal blanka")),
        "reservationer": (
            list[reservationsrad],
            Field(
                default_factory=list,
                title="Reservationer och protokollsanteckningar",
                description="Bara den som deltagit i beslutet kan reservera sig.",
            ),
        ),
    }
    modell: type[Any] = create_model("Paragraf", __base__=Formularsvar, **falt)
    return modell


class AvslutaSvar(Formularsvar):
    avslutades: str = Field(
        title="Sammanträdet avslutades kl.",
        description="När ordföranden avslutade sammanträdet, svensk tid (TT:MM, t.ex. 19:30).",
        pattern=KLOCKSLAG,
    )


class SigneraSvar(Formularsvar):
    """The justering. Its time is a day and a time of day, not Prefect's date-and-time
    widget: that one applies today's UTC offset to any day chosen, so a paper justering
    registered afterwards across a change to or from summer time came out an hour off."""

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
    stund = i_stockholm(stund)
    return {"datum": stund.date().isoformat(), "klockslag": f"{stund:%H:%M}"}


# -- the steps -------------------------------------------------------------------------------


def _oppna(svar: dict[str, Any], sekreterare: str) -> dict[str, Any]:
    """The opening form's answers as the Oppna command takes them."""
    return {
        "narvaro": Narvaro(
            tuple(svar["narvarande"]),
            tuple(
                NarvarandeErsattare(e["namn"], e["for_ledamot"])
                for e in svar["tjanstgorande_ersattare"]
            )
            + tuple(NarvarandeErsattare(n) for n in svar["ersattare"]),
            (Tjansteman(sekreterare, "nämndsekreterare"),),
        ),
        "ordforande": svar["ordforande"],
        "justerare": svar["justerare"],
        "justering_forsta": date.fromisoformat(svar["justering_forsta"]),
        "justering_sista": date.fromisoformat(svar["justering_sista"]),
        "borjade": svar["klockan"],
    }


def _beslut(svar: dict[str, Any]) -> dict[str, Any]:
    """The beslut form's answers as the Besluta command takes them."""
    omrostning = None
    if svar["omrostning"] and svar.get("sluten"):
        # A closed vote: the counts only; names typed anyway are refused by the domain.
        roster = [(n, Rostval.JA) for n in svar["ja"]] + [(n, Rostval.NEJ) for n in svar["nej"]]
        omrostning = Omrostning(
            svar["ja_proposition"],
            svar["nej_proposition"],
            tuple(roster),
            sluten=True,
            ja_roster=svar["ja_antal"],
            nej_roster=svar["nej_antal"],
            blanka=svar["blanka"],
        )
    elif svar["omrostning"]:
        roster = [(n, Rostval.JA) for n in svar["ja"]] + [(n, Rostval.NEJ) for n in svar["nej"]]
        roster += [(n, Rostval.AVSTAR) for n in svar["avstar"]]
        omrostning = Omrostning(svar["ja_proposition"], svar["nej_proposition"], tuple(roster))
    return {
        "jav": tuple(Javsanmalan(j["namn"], j["grund"], j["javig"]) for j in svar.get("jav", [])),
        "leder": svar.get("leder") or None,
        "reservationer": tuple(
            Reservation(Anteckningsslag(r["slag"]), r["av"], r["text"], r["motivering"])
            for r in svar.get("reservationer", [])
        ),
        "utfall": Utfall(svar["utfall"]),
        "yrkanden": tuple(
            Yrkande(i, y["av"], y["lydelse"]) for i, y in enumerate(svar["yrkanden"], 1)
        ),
        "beslutstext": svar["beslutstext"],
        "omrostning": omrostning,
        "omedelbart_justerad": svar["omedelbart_justerad"],
        "nytt_sammantrade": (
            date.fromisoformat(svar["nytt_sammantrade"]) if svar["nytt_sammantrade"] else None
        ),
    }


def _andra_narvaro(s: Sammantrade, svar: dict[str, Any]) -> dict[str, Any] | None:
    """The beslut form's närvaro change as the AndraNarvaro command takes it; None when there
    is none, or when it is already in effect (an earlier answer to this form registered it
    and the beslut was refused: the corrected answer does not register it twice)."""
    ankommer, lamnar = list(svar.get("ankommer", [])), list(svar.get("lamnar", []))
    if not ankommer and not lamnar:
        return None
    narvaro = s.aktuell_narvaro
    har = {*narvaro.ledamoter, *(e.namn for e in narvaro.ersattare)} if narvaro else set()
    if all(n in har for n in ankommer) and not any(n in har for n in lamnar):
        return None
    return {
        "ankommer": ankommer,
        "lamnar": lamnar,
        "klockan": svar.get("narvaro_klockan") or None,
    }


class MotiveringRad(BaseModel):
    paragraf: int = Field(title="Paragraf (§)")
    av: str = Field(title="Reservation av")
    motivering: str = Field(title="Skriftlig motivering")


class MotiveringarSvar(Formularsvar):
    motiveringar: list[MotiveringRad] = Field(
        default_factory=list,
        title="Skriftliga motiveringar som kommit in",
        description="En rad utan motivering hoppas över. Efter justeringens början tas inga emot.",
    )


def _signera(namnd: str, datum: date, namn: str, svar: SigneraSvar, akt: Akt) -> list[Handelse]:
    """`namn`'s signature, which only `namn` herself, signed in, may give (the runner
    checks it and logs a refusal)."""
    if not svar.jag_justerar:
        raise OgiltigUppgift("Kryssa i att du har läst protokollet och justerar det.")
    return utfor(
        akt.kommando(
            Signera,
            namnd=namnd,
            datum=datum,
            tidpunkt=justeringstid(svar.datum, svar.klockslag, datetime.now(STOCKHOLM)),
            protokoll_sha256=svar.protokoll_sha256.strip(),
            signerar=namn,
        )
    )


# -- the flow ---------------------------------------------------------------------------------


@flow(name=FLODE, log_prints=True)
def sammantrade(
    namnd: str,
    datum: date,
    kallelsedatum: date | None = None,
    protokolldatum: date | None = None,
    intyg: str = "",
) -> str:
    """Kalla till nämndens sammanträde, registrera besluten och ta protokollet genom
    justering och anslag.

    Args:
        namnd: Nämnden som sammanträder.
        datum: Sammanträdets dag enligt sammanträdesplanen.
        kallelsedatum: Lämna tomt: kallelsen skickas i dag. Ange ett datum bara när en
            kallelse som redan skickats registreras i efterhand.
        protokolldatum: Lämna tomt: protokollet upprättas den dag sammanträdet avslutas här.
            Ange ett datum bara när ett sammanträde registreras i efterhand.
        intyg: Inloggningens intyg om vem som startade körningen (fylls i av inloggningen).
    """
    # The nämndsekreterare who starts the run keeps its protokoll; each form is answered by
    # whoever is signed in, and the runner checks her role and nämnd.
    start = inloggad(intyg, deployment=str(runtime.deployment.id))
    sekreterare = start.namn
    _namnge(namnd, datum)

    def kommando(typ: type[K], akt: Akt | None, **data: Any) -> K:
        if akt is None:  # the run's own step (the kallelse), by the one who started it
            return typ(aktor=sekreterare, inloggning=start, namnd=namnd, datum=datum, **data)
        return akt.kommando(typ, namnd=namnd, datum=datum, **data)

    s = visningar.sammantrade(system().uow(), namnd, datum)
    if s is None or s.status.ordning < Sammantradesstatus.PAGAR.ordning:
        # Until it is opened, every replay gathers the dagordning again: an ärende made
        # ready after the kallelse goes out in a new version of it.
        utfor(kommando(Kalla, None, utskick=kallelsedatum))
    s = _hamta(namnd, datum)
    for dagordning in s.dagordningar:
        _visa(
            namnd,
            datum,
            f"kallelse-v{dagordning.version}",
            f"Kallelse och dagordning, version {dagordning.version}",
        )
    register = visningar.namnd(system().uow(), namnd).ledamoter
    ledamoter = [x.namn for x in register if x.roll.ar_ledamot]
    ersattare = [x.namn for x in register if x.roll is Ledamotsroll.ERSATTARE]
    ordf = next((x.namn for x in register if x.roll is Ledamotsroll.ORDFORANDE), ledamoter[0])
    vice = next((x.namn for x in register if x.roll is Ledamotsroll.VICE_ORDFORANDE), ledamoter[-1])
    # Each form below is asked until its step is done; a replay after that does not ask it
    # again (nor reads an answer given to an earlier version of the form).
    if s.status is Sammantradesstatus.KALLAT:
        planerad = visningar.planerad_klockan(system().uow(), namnd, datum)
        klockan: dict[str, Any] = {"klockan": f"{planerad:%H:%M}"} if planerad else {}
        fraga(
            oppningsformular(ledamoter, ersattare),
            "oppna",
            f"## Öppna {namnd}s sammanträde den {svenskt_datum(datum)}\n\n{_dagordningen(s)}"
            "Ange när sammanträdet öppnades, vilka som är närvarande och vilka som tjänstgör, "
            "ordförande, justerare och tiden för justering. Nämnden är beslutför när mer än "
            "hälften av ledamöterna tjänstgör (kommunallagen 6 kap. 27 §).",
            lambda svar, akt: utfor(
                kommando(Oppna, akt, **_oppna(svar.model_dump(mode="json"), sekreterare))
            ),
            **klockan,
            narvarande=ledamoter,
            ordforande=ordf,
            justerare=[vice],
            justering_forsta=datum + timedelta(days=1),
            # The nämnd's reglemente may set less than the law's 14 days (grunddata).
            justering_sista=datum
            + timedelta(days=visningar.justeringsdagar(system().uow(), namnd)),
        )
    s = _hamta(namnd, datum)  # opened: its dagordning and närvaro are fixed from here
    assert s.dagordning is not None
    aterremitterade: list[Handelse] = []
    for i, punkt in enumerate(s.dagordning.punkter, start=2):
        arende = visningar.hamta_arende(system().uow(), punkt.dnr)
        handelser: list[Handelse] = []

        def besluta(
            svar: Formularsvar, akt: Akt, dnr: str = punkt.dnr, ut: list[Handelse] = handelser
        ) -> None:
            data = svar.model_dump(mode="json")
            andring = _andra_narvaro(_hamta(namnd, datum), data)
            if andring is not None:
                # Its own step key: the runner keys steps per sammanträde, and the beslut
                # below is a step of its own.
                narvaroakt = Akt(f"{akt.nyckel}-narvaro", akt.inloggning)
                utfor(kommando(AndraNarvaro, narvaroakt, **andring))
            beslut = _beslut(data)
            ut.extend(utfor(kommando(Besluta, akt, arende=dnr, **beslut)))

        fraga(
            beslutsformular(list(s.tjanstgorande), namnden=[x.namn for x in register]),
            f"beslut-{slug(punkt.dnr)}",
            f"## Punkt {i}: {punkt.titel} ({punkt.dnr})\n\n**Förslag till beslut:**\n\n"
            + "\n".join(f"{n}. {f}" for n, f in enumerate(punkt.forslag, 1))
            + f"\n\nRegistrera nämndens beslut. Paragrafen blir § {s.nasta_paragraf}"
            " om inget annat beslut redan har registrerats.",
            besluta,
            yrkanden=[{"av": s.ordforande or "", "lydelse": "bifall till förvaltningens förslag"}],
            utfall="bifall",
            omedelbart_justerad=arende.foreslagen_omedelbar_justering,
        )
        folj_upp([h for h in handelser if not isinstance(h, ArendeAterremitterat)])
        aterremitterade += [h for h in handelser if isinstance(h, ArendeAterremitterat)]
        s = _hamta(namnd, datum)

    if any(p.omedelbart_justerad for p in s.paragrafer):
        fraga(
            AnslagSvar,
            "anslag-omedelbart",
            "## Anslå de omedelbart justerade paragraferna\n\n"
            + ", ".join(f"§ {p.nummer} {p.titel}" for p in s.paragrafer if p.omedelbart_justerad)
            + " justerades vid sammanträdet. Anslaget ska upp senast andra dagen efter. "
            + ANSLAG_PUBLICERAS,
            lambda svar, akt: folj_upp(
                utfor(kommando(Ansla, akt, anslaget=svar.datum, omedelbart=True))
            ),
        )

    s = _hamta(namnd, datum)
    if s.status is Sammantradesstatus.PAGAR:
        borjade = f" Det öppnades kl. {svenskt_klockslag(s.borjade)}." if s.borjade else ""
        fraga(
            AvslutaSvar,
            "avsluta",
            f"## Avsluta {namnd}s sammanträde den {svenskt_datum(datum)}\n\n"
            f"Dagordningens punkter är behandlade i §§ {s.paragrafer[0].nummer}–"
            f"{s.paragrafer[-1].nummer}.{borjade} Ange när ordföranden avslutade "
            "sammanträdet; protokollet upprättas sedan för justering.",
            lambda svar, akt: utfor(
                kommando(Stang, akt, upprattat=protokolldatum, avslutades=svar.avslutades)
            ),
        )
    s = _hamta(namnd, datum)
    utan_motivering = [
        (p.nummer, r.av)
        for p in s.paragrafer
        for r in p.reservationer
        if r.slag is Anteckningsslag.RESERVATION and not r.motivering
    ]
    if utan_motivering and not s.signaturer:

        def motivera(svar: MotiveringarSvar, akt: Akt) -> None:
            for i, rad in enumerate(svar.motiveringar, 1):
                if not rad.motivering.strip():
                    continue  # a row left as the form offered it: none came in
                rad_akt = Akt(f"{akt.nyckel}-{i}", akt.inloggning)
                utfor(
                    kommando(
                        MotiveraReservation,
                        rad_akt,
                        paragraf=rad.paragraf,
                        av=rad.av,
                        motivering=rad.motivering,
                    )
                )

        fraga(
            MotiveringarSvar,
            "motiveringar",
            "## Skriftliga reservationer\n\nReservationer utan skriftlig motivering: "
            + ", ".join(f"§ {n} {av}" for n, av in utan_motivering)
            + ". Skriv in de motiveringar som har kommit in före justeringen; protokollet "
            "upprättas då på nytt med dem. Lämna motiveringen tom för den som inte har "
            "lämnat någon.",
            motivera,
            motiveringar=[{"paragraf": n, "av": av, "motivering": ""} for n, av in utan_motivering],
        )
    _visa(namnd, datum, "protokoll", "Protokoll för justering")
    protokoll = visningar.protokoll(system().uow(), namnd, datum)
    assert protokoll is not None
    s = _hamta(namnd, datum)
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
            f"vars kontrollsumma (sha256) är `{protokoll.sha256}`.\n\n"
            f"Du justerar som den du är inloggad som, och inloggningen får vara högst fem "
            f"minuter gammal: [Logga in på nytt]({formularlank(ny_inloggning=True)}) och "
            "justera sedan här.",
            partial(_signera, namnd, datum, namn),
            avisering=Avisering(
                f"Justera protokollet från {genitiv(namnd)} sammanträde den {svenskt_datum(datum)}",
                personen(namn, namnd),
            ),
            protokoll_sha256=protokoll.sha256,
        )
    s = _hamta(namnd, datum)
    fraga(
        AnslagSvar,
        "anslag",
        f"## Anslå justeringen\n\nProtokollet justerades den "
        f"{svenskt_datum(s.justeringsdatum or datum)}. Anslaget ska sättas upp på "
        "anslagstavlan senast andra dagen efter justeringen (kommunallagen 8 kap. 12 §). "
        + ANSLAG_PUBLICERAS,
        lambda svar, akt: folj_upp(utfor(kommando(Ansla, akt, anslaget=svar.datum))),
        avisering=Avisering(
            f"Anslå justeringen av {genitiv(namnd)} protokoll från den {svenskt_datum(datum)}",
            behoriga(namnd, Ansla),
        ),
    )
    folj_upp(aterremitterade)
    s = _hamta(namnd, datum)
    _visa(namnd, datum, "protokoll-justerat", "Justerat protokoll")
    bordlagda = [p.dnr for p in s.paragrafer if p.dnr and p.utfall is Utfall.BORDLAGGNING]
    print(
        f"{namnd}s sammanträde den {svenskt_datum(datum)}: {len(s.paragrafer)} paragrafer, "
        f"anslaget den {svenskt_datum(s.anslag.datum) if s.anslag else '–'}"
        + (f"; bordlagda till nästa sammanträde: {', '.join(bordlagda)}" if bordlagda else "")
        + "."
    )
    publicera_vantande()
    return f"{namnd} {datum.isoformat()}"
