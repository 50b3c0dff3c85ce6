"""One sammanträde of Socialtjänstnämnden deciding five ärenden of three types (issue 9):
one bordlagt, one omedelbart justerad, one with an omröstning. Paragraph numbers, the
protokoll, justering by signature, anslag and appeal dates, and the bordlagt ärende on the
next dagordning; every step a command through the one runner, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from arende.adapters.epost import SmtpBrevlada
from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.frister import Fristtyp
from arende.domain.handelser import (
    ArendeOverlamnat,
    BeslutFattat,
    DagordningSkickad,
    Handelse,
    ProtokollUpprattat,
    SammantradetOppnat,
)
from arende.domain.handling import Handlingstyp
from arende.domain.sammantrade.mote import Sammantrade, Sammantradesstatus
from arende.domain.sammantrade.narvaro import NarvarandeErsattare, Narvaro, Tjansteman
from arende.domain.sammantrade.omrostning import Omrostning, Rostval, Yrkande
from arende.domain.skeden import Skede, Utfall
from arende.service_layer import handlingar, visningar
from arende.service_layer import kommandon as k
from arende.service_layer.frister import frister_for
from arende.service_layer.paminnelser import skicka_paminnelse
from arende.service_layer.ports import Protokollfil
from arende.service_layer.steg import sammantradesnamn
from tests import hjalp, seed000
from tests.conftest import FastKlocka
from tests.postlada import Postlada

NAMND = hjalp.NAMND
MOTE, NASTA = date(2008, 5, 13), date(2008, 6, 17)
SEKRETERARE = hjalp.SEKRETERARE
ORDF, JUSTERARE = "Karin Ekblad", "Johan Sundberg"
# Ten of the eleven ledamöter present; Tomas Rydén (MP) is away and Fatima Karimi (V)
# tjänstgör for him; Olle Strand (S) is there without tjänstgöring.
LEDAMOTER = [
    "Karin Ekblad", "Johan Sundberg", "Anders Palmér", "Cecilia Holst", "Mikael Grahn",
    "Sara Nordin", "Peter Wiklund", "Maria Öberg", "Hassan Yilmaz", "Eva Lindroth",
]  # fmt: skip
NARVARO = Narvaro(
    tuple(LEDAMOTER),
    (NarvarandeErsattare("Fatima Karimi", "Tomas Rydén"), NarvarandeErsattare("Olle Strand")),
    (Tjansteman("Karin Ekström", "nämndsekreterare"),),
)
MAJORITET = {"Karin Ekblad", "Anders Palmér", "Cecilia Holst", "Mikael Grahn", "Sara Nordin",
             "Peter Wiklund"}  # fmt: skip


def utfor(
    system: Arendesystem,
    typ: type[Any],
    datum: date = MOTE,
    *,
    aktor: str = SEKRETERARE,
    nyckel: str | None = "ny",
    flodeskorning: str | None = hjalp.KORNING,
    **data: Any,
) -> list[Handelse]:
    """A step of the nämnd's sammanträde on `datum` through the runner: by default under a
    key of its own; `nyckel=None` is a call outside a flow, with no key."""
    kommando = typ(
        aktor=aktor,
        nyckel=hjalp.nyckel(typ.__name__) if nyckel == "ny" else nyckel,
        flodeskorning=flodeskorning,
        namnd=NAMND,
        datum=datum,
        **data,
    )
    return system.utfor(kommando)


def oppna(system: Arendesystem, **andrat: Any) -> list[Handelse]:
    data: dict[str, Any] = {
        "narvaro": NARVARO,
        "ordforande": ORDF,
        "justerare": [JUSTERARE],
        "justering_forsta": date(2008, 5, 20),
        "justering_sista": date(2008, 5, 27),
    } | andrat
    return utfor(system, k.Oppna, **data)


def sammantrade(system: Arendesystem, datum: date = MOTE) -> Sammantrade:
    s = visningar.sammantrade(system.uow(), NAMND, datum)
    assert s is not None
    return s


def protokollet(system: Arendesystem) -> Protokollfil:
    fil = visningar.protokoll(system.uow(), NAMND, MOTE)
    assert fil is not None
    return fil


def av_typ(handelser: list[Handelse], typ: type[Any]) -> list[Any]:
    return [h for h in handelser if isinstance(h, typ)]


def registrera(system: Arendesystem, typ: str, uppgifter: dict[str, Any]) -> str:
    return hjalp.registrera(system, typ, uppgifter, registreringsdatum=date(2008, 4, 21))


def bered(system: Arendesystem, dnr: str, forslag: list[str] | None = None) -> None:
    hjalp.bered(
        system,
        dnr,
        underlag=(
            {
                "forslag": forslag,
                "sammanfattning": "Förvaltningen föreslår att nämnden beslutar enligt förslaget.",
                "avsnitt": [{"rubrik": "Bakgrund", "text": "Ärendet har beretts.\n\nSe bilagan."}],
            }
            if forslag is not None
            else None
        ),
        samverkan=date(2008, 4, 22),
        faststallt=date(2008, 4, 23),
    )


@pytest.fixture
def fem(system: Arendesystem) -> dict[str, str]:
    """Five ärenden ready for the sammanträde on 13 May 2008."""
    system.klocka = FastKlocka(date(2008, 4, 23))
    dnr = {
        "nominering": registrera(system, "nominering", seed000.uppgifter()),
        "riktlinjer": registrera(
            system, "tjansteutlatande", {"arendemening": "Riktlinjer för ekonomiskt bistånd"}
        ),
        "remiss": registrera(
            system,
            "tjansteutlatande",
            {"arendemening": "Yttrande över remiss om hemlöshetsstrategi"},
        ),
        "anmalan-1": registrera(
            system, "anmalan", {"beslutsomrade": "bistånd, mars", "beslut": ["2008-03-04 bistånd"]}
        ),
        "anmalan-2": registrera(
            system, "anmalan", {"beslutsomrade": "bistånd, april", "beslut": ["2008-04-02 bistånd"]}
        ),
    }
    bered(system, dnr["nominering"])
    bered(system, dnr["riktlinjer"], ["Nämnden antar riktlinjerna för ekonomiskt bistånd."])
    bered(system, dnr["remiss"], ["Nämnden överlämnar tjänsteutlåtandet som svar på remissen."])
    return dnr


def arende(system: Arendesystem, dnr: str) -> Any:
    return visningar.hamta_arende(system.uow(), dnr)


def docx_text(system: Arendesystem, fil: str) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(system.arkiv.las(fil))).paragraphs)


def test_ett_sammantrade_med_fem_arenden_av_tre_typer(
    system: Arendesystem, fem: dict[str, str]
) -> None:
    # -- kallelse: every ready ärende, in dnr order; an anmälan goes there from registrerat.
    system.klocka = FastKlocka(date(2008, 5, 6))
    (skickad,) = av_typ(utfor(system, k.Kalla), DagordningSkickad)
    dagordning = sammantrade(system).dagordning
    assert dagordning is not None and skickad.version == dagordning.version == 1
    assert [p.dnr for p in dagordning.punkter] == sorted(
        fem.values(), key=lambda d: int(d.split("/")[1])
    )
    assert all(arende(system, d).skede is Skede.PA_DAGORDNING for d in fem.values())
    assert utfor(system, k.Kalla) == []  # unchanged: no new version
    assert sammantrade(system).dagordning == dagordning

    # -- the meeting
    system.klocka = FastKlocka(MOTE)
    (oppnat,) = av_typ(oppna(system), SammantradetOppnat)
    assert oppnat.paragraf == 1 and sammantrade(system).paragrafer[0].dnr is None

    (nominering,) = av_typ(utfor(system, k.Besluta,
        arende=fem["nominering"], utfall=Utfall.BIFALL,
        yrkanden=[Yrkande(1, ORDF, "bifall till förvaltningens förslag och att paragrafen förklaras omedelbart justerad")],
        omedelbart_justerad=True,
    ), BeslutFattat)  # fmt: skip
    assert nominering.paragraf == 2
    assert arende(system, fem["nominering"]).skede is Skede.JUSTERAT  # justerad at the meeting

    roster = tuple(
        (n, Rostval.JA if n in MAJORITET else Rostval.NEJ) for n in [*LEDAMOTER, "Fatima Karimi"]
    )
    (riktlinjer,) = av_typ(utfor(system, k.Besluta,
        arende=fem["riktlinjer"], utfall=Utfall.BIFALL,
        yrkanden=[Yrkande(1, ORDF, "bifall till förvaltningens förslag"), Yrkande(2, JUSTERARE, "avslag")],
        omrostning=Omrostning("Den som vill bifalla förvaltningens förslag röstar ja.",
                              "Den som vill avslå förslaget röstar nej.", roster),
    ), BeslutFattat)  # fmt: skip
    paragraf_3 = sammantrade(system).paragraf(3)
    assert riktlinjer.paragraf == 3 and paragraf_3 is not None
    assert paragraf_3.omrostning is not None
    assert (paragraf_3.omrostning.resultat.ja, paragraf_3.omrostning.resultat.nej) == (6, 5)

    utfor(system, k.Besluta,
        arende=fem["remiss"], utfall=Utfall.BORDLAGGNING,
        yrkanden=[Yrkande(1, "Eva Lindroth", "att ärendet bordläggs")], nytt_sammantrade=NASTA,
    )  # fmt: skip

    # A § whose protokollsutdrag cannot be drawn up is not taken: the ärende stays undecided
    # and the meeting cannot be closed while it stands on the dagordning without a §.
    with pytest.raises(ArendeFel, match="protokollsutdrag.docx"):
        utfor(_utan_mall(system), k.Besluta, arende=fem["anmalan-1"], utfall=Utfall.BIFALL)
    assert arende(system, fem["anmalan-1"]).skede is Skede.PA_DAGORDNING
    assert not handlingar.handlingar(system.uow(), fem["anmalan-1"])
    assert len(sammantrade(system).paragrafer) == 4
    with pytest.raises(ArendeFel, match=f"{fem['anmalan-1']}.*har ingen paragraf"):
        utfor(system, k.Stang)

    for namn in ("anmalan-1", "anmalan-2"):
        utfor(system, k.Besluta, arende=fem[namn], utfall=Utfall.BIFALL, nyckel=f"beslut-{namn}")
    # A replay under the step's key returns what it did; the same answer under a new key
    # (a new run asking again) finds it done and does nothing.
    andra = utfor(
        system, k.Besluta, arende=fem["anmalan-2"], utfall=Utfall.BIFALL, nyckel="beslut-anmalan-2"
    )
    assert [b.paragraf for b in av_typ(andra, BeslutFattat)] == [6]
    assert utfor(system, k.Besluta, arende=fem["anmalan-2"], utfall=Utfall.BIFALL) == []
    assert len(sammantrade(system).paragrafer) == 6

    # The justering's frist is the last day the meeting set, not the law's 14 days: the
    # reminders to get the protokoll signed go out before the window closes. The Besluta
    # step stored it; nothing is recomputed here.
    justering = next(
        f.frist
        for f in frister_for(system.uow(), fem["riktlinjer"])
        if f.frist.typ is Fristtyp.JUSTERING
    )
    assert justering.datum == date(2008, 5, 27) and "vid sammanträdet" in justering.regel

    beslutade = {d: arende(system, d) for d in fem.values()}
    for namn, d in fem.items():
        utdrag = [
            x
            for x in handlingar.handlingar(system.uow(), d)
            if x.typ is Handlingstyp.PROTOKOLLSUTDRAG
        ]
        assert len(utdrag) == 1, namn  # every § has its extract, registered with the beslut
    assert beslutade[fem["remiss"]].skede is Skede.PA_DAGORDNING
    assert beslutade[fem["remiss"]].sammantrade == NASTA
    assert [b.paragraf for b in beslutade[fem["anmalan-2"]].beslut] == [6]

    # The omedelbart justerad § goes up the next day, before the protokoll is justerat.
    system.klocka = FastKlocka(date(2008, 5, 14))
    anslaget = utfor(system, k.Ansla, anslaget=date(2008, 5, 14), omedelbart=True)
    assert [h.dnr for h in av_typ(anslaget, ArendeOverlamnat)] == [hjalp.d(fem["nominering"])]
    # Asked again (a replay of the form), nothing more is posted.
    assert utfor(system, k.Ansla, anslaget=date(2008, 5, 14), omedelbart=True) == []

    (upprattat,) = av_typ(utfor(system, k.Stang), ProtokollUpprattat)
    fil = protokollet(system)
    assert (upprattat.fil, upprattat.sha256) == (fil.fil, fil.sha256)
    text = docx_text(system, fil.fil)
    for ord_ in [
        "§ 1", "Val av justerare och tillkännagivande av tid för justering",
        "Nämnden utser Johan Sundberg (S) att jämte ordföranden justera dagens protokoll.",
        "§ 2", "Stadens kvalitetsutmärkelse 2008", "Paragrafen förklaras omedelbart justerad.",
        "§ 3", "Riktlinjer för ekonomiskt bistånd", "Karin Ekblad (M) yrkar bifall till förvaltningens förslag.",
        "Johan Sundberg (S) yrkar avslag.",
        "Ordföranden ställer proposition på Karin Ekblads (M) yrkande mot Johan Sundbergs (S) "
        "yrkande och finner att nämnden beslutat enligt Karin Ekblads (M) yrkande.",
        "Omröstning begärs och verkställs.",
        "§ 4", "Ärendet bordläggs till nämndens sammanträde den 17 juni 2008.",
        "§ 6", "Anmälan av delegationsbeslut: bistånd, april",
    ]:  # fmt: skip
        assert ord_ in text, ord_
    assert text.index("§ 2") < text.index("§ 3") < text.index("§ 4") < text.index("§ 6")

    # -- justering by signature, within the window, on the protokoll's sha256
    system.klocka = FastKlocka(date(2008, 5, 21))
    with pytest.raises(ArendeFel, match="annan version"):
        utfor(system, k.Signera, aktor=ORDF, inloggning=hjalp.inloggning(ORDF),
              tidpunkt=datetime(2008, 5, 20, 10, 5, tzinfo=STOCKHOLM), protokoll_sha256="0" * 64)  # fmt: skip
    assert utfor(system, k.Signera, aktor=ORDF, inloggning=hjalp.inloggning(ORDF),
                 tidpunkt=datetime(2008, 5, 20, 10, 5, tzinfo=STOCKHOLM), protokoll_sha256=fil.sha256)  # fmt: skip
    assert arende(system, fem["riktlinjer"]).skede is Skede.BESLUTAT  # one signature is not enough
    utfor(system, k.Signera, aktor=JUSTERARE, inloggning=hjalp.inloggning(JUSTERARE),
          tidpunkt=datetime(2008, 5, 21, 14, 30, tzinfo=STOCKHOLM), protokoll_sha256=fil.sha256)  # fmt: skip
    s = sammantrade(system)
    assert s.status is Sammantradesstatus.JUSTERAT
    assert s.justeringsdatum == date(2008, 5, 21)
    # The justerat protokoll carries each signature with its time and the sha256 signed.
    justerat = docx_text(system, f"sammantraden/Socialtjänstnämnden-{MOTE}/protokoll-justerat.docx")
    assert "Protokoll nr 5/2008" in justerat  # the fifth meeting in 2008's plan
    for tid in ("20 maj 2008 kl. 10.05", "21 maj 2008 kl. 14.30"):
        assert f"Justerat digitalt den {tid}; signerad version sha256 {fil.sha256}" in justerat
    assert "Socialtjänstnämnden lägger anmälan till handlingarna." in justerat
    for namn in ("riktlinjer", "anmalan-1", "anmalan-2"):
        a = arende(system, fem[namn])
        assert a.skede is Skede.JUSTERAT and a.justering.datum == date(2008, 5, 21), namn

    # -- anslag for all at once; the appeal period ends three weeks later (KL 13 kap. 5 §).
    # The tjänsteutlåtande goes on to expediering; an anmälan has none, and the anslag
    # itself closes it.
    system.klocka = FastKlocka(date(2008, 5, 22))
    anslaget = utfor(system, k.Ansla, anslaget=date(2008, 5, 22))
    assert [h.dnr for h in av_typ(anslaget, ArendeOverlamnat)] == [hjalp.d(fem["riktlinjer"])]
    s = sammantrade(system)
    assert s.anslag is not None
    assert s.anslag.overklagande_slut == date(2008, 6, 12) and not s.anslag.for_sent
    for namn in ("riktlinjer", "anmalan-1", "anmalan-2"):
        assert arende(system, fem[namn]).anslagsdatum == date(2008, 5, 22), namn
    assert arende(system, fem["riktlinjer"]).skede is Skede.ANSLAGET
    for namn in ("anmalan-1", "anmalan-2"):
        assert arende(system, fem[namn]).skede is Skede.AVSLUTAT, namn

    # -- the bordlagt ärende stands first on the next meeting's dagordning, by itself
    system.klocka = FastKlocka(date(2008, 6, 10))
    utfor(system, k.Kalla, NASTA)
    nasta = sammantrade(system, NASTA).dagordning
    assert nasta is not None
    assert nasta.punkter[0].dnr == fem["remiss"] and nasta.punkter[0].bordlagt_den == MOTE

    # Every change is in the audit chain, and the chain and every file are intact.
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)
    historik = [e.handling for e in visningar.historik(system.uow(), fem["riktlinjer"])]
    # Each step's frister are recomputed in its own transaction, logged right after it.
    assert historik[-5:] == [
        "registrera justeringen", "uppdatera frister",
        "registrera anslaget", "registrera handling", "uppdatera frister",
    ]  # fmt: skip
    assert hashlib.sha256(system.arkiv.las(fil.fil)).hexdigest() == fil.sha256


def _utan_mall(system: Arendesystem) -> Arendesystem:
    """The same system, whose protokollsutdrag template went missing after the start."""
    katalog = system.arkiv.sokvag("x").parent.parent / f"mallar-{uuid.uuid4().hex[:6]}"
    shutil.copytree(Path(__file__).resolve().parents[2] / "templates", katalog)
    (katalog / "protokollsutdrag.docx").unlink()
    return dataclasses.replace(system, mallkatalog=katalog)


def test_ett_beslut_utan_sammantrade_vagras(system: Arendesystem) -> None:
    system.klocka = FastKlocka(MOTE)
    with pytest.raises(OgiltigUppgift, match="inget kallat sammanträde den 13 maj 2008"):
        utfor(system, k.Besluta, arende="SoN 2008/1", utfall=Utfall.BIFALL)
    with pytest.raises(OgiltigUppgift, match="inget sammanträde den 14 maj 2008"):
        utfor(system, k.Kalla, date(2008, 5, 14))


def test_en_avvisad_atgard_pa_sammantradet_loggas_en_gang(
    system: Arendesystem, fem: dict[str, str]
) -> None:
    """A refused step on the sammanträde is evidence like a refused step on an ärende: it is
    in the audit log with what was asked and why (in the ärende's history when it named
    one), once per step key even when a replay of the run asks it again: the key is kept,
    refused, in the `kommando` table of the sammanträde."""
    system.klocka = FastKlocka(date(2008, 5, 6))
    utfor(system, k.Kalla)
    system.klocka = FastKlocka(MOTE)
    korning = str(uuid.uuid4())  # a flow run id
    fore = len(visningar.historik(system.uow(), fem["riktlinjer"]))

    # A beslut before the meeting is opened: refused, in the ärende's history.
    def beslut(nyckel: str | None) -> list[Handelse]:
        return utfor(
            system,
            k.Besluta,
            arende=fem["riktlinjer"],
            utfall=Utfall.BIFALL,
            nyckel=nyckel,
            flodeskorning=korning,
        )

    meddelanden = []
    for _ in range(2):  # the person's answer, then the flow's replay of it
        with pytest.raises(ArendeFel, match="innan sammanträdet är öppnat|öppna") as fel:
            beslut("beslut-son-2008-2-1")
        meddelanden.append(fel.value.meddelande)
    assert meddelanden[0] == meddelanden[1]
    historik = visningar.historik(system.uow(), fem["riktlinjer"])
    (avvisad,) = historik[fore:]
    assert avvisad.handling == "registrera nämndens beslut"
    assert avvisad.innehall["utfall"] == "avvisad"
    assert avvisad.innehall["meddelande"] == meddelanden[0]
    assert avvisad.innehall["begärt"]["arende"] == fem["riktlinjer"]
    assert avvisad.innehall["sammanträde"] == MOTE.isoformat()
    assert avvisad.flodeskorning == korning and avvisad.aktor == SEKRETERARE
    # What dedupes the replay is the step key, kept refused for the sammanträde.
    with system.uow() as uow:
        kvar = uow.kommandon.hamta(sammantradesnamn(NAMND, MOTE), "beslut-son-2008-2-1")
    assert kvar is not None and not kvar.ok and kvar.meddelande == meddelanden[0]
    assert arende(system, fem["riktlinjer"]).skede is Skede.PA_DAGORDNING  # nothing changed

    # A signature on a protokoll not yet drawn up: refused, logged for the sammanträde.
    # The replay is refused with the same message (as an ArendeFel: the key keeps the
    # message, not the kind of error).
    for fel_typ in (OgiltigUppgift, ArendeFel):
        with pytest.raises(fel_typ, match="^Protokollet är inte upprättat"):
            utfor(
                system,
                k.Signera,
                aktor=ORDF,
                inloggning=hjalp.inloggning(ORDF),
                nyckel="justering-1",
                flodeskorning=korning,
                tidpunkt=datetime(2008, 5, 13, 12, tzinfo=STOCKHOLM),
                protokoll_sha256="0" * 64,
            )
    with system.uow() as uow:
        i_korningen = uow.logg.for_korning(korning)
    assert [(e.handling, e.dnr, e.aktor) for e in i_korningen] == [
        ("registrera nämndens beslut", fem["riktlinjer"], SEKRETERARE),
        ("justera protokollet", None, ORDF),
    ]
    assert "Protokollet är inte upprättat" in i_korningen[1].innehall["meddelande"]
    assert i_korningen[1].innehall["nämnd"] == NAMND
    # Without a key (a call outside a flow) every refusal is logged, each time.
    for _ in range(2):
        with pytest.raises(ArendeFel):
            beslut(None)
    assert len(visningar.historik(system.uow(), fem["riktlinjer"])) == fore + 3
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)


@pytest.mark.parametrize(
    "stavning_i_grunddata",
    [
        pytest.param(JUSTERARE, id="samma stavning"),
        pytest.param(" johan  SUNDBERG ", id="annan stavning i grunddata"),
    ],
)
def test_ordforande_och_justerare_paminns_om_justeringen(
    system: Arendesystem,
    fem: dict[str, str],
    smtp: tuple[Postlada, int],
    stavning_i_grunddata: str,
) -> None:
    """The justering reminder of a protokoll not yet signed goes to the handläggare and to
    the ordförande or justerare still to sign (their e-mail in grunddata), once per
    protokoll: with the first § awaiting justering. The other ärenden's reminders go to
    their handläggare only, naming who has not signed.

    The address is found the way a signature is matched, without regard to case or extra
    spaces: grunddata loaded again after the meeting with the justerare's name spelt
    " johan  SUNDBERG " still gives Johan Sundberg's address (it used to be left out)."""
    postlada, port = smtp
    system.klocka = FastKlocka(date(2008, 5, 6))
    utfor(system, k.Kalla)
    system.klocka = FastKlocka(MOTE)
    oppna(system)
    for namn in ("nominering", "riktlinjer", "remiss", "anmalan-1", "anmalan-2"):
        utfor(system, k.Besluta,
            arende=fem[namn], utfall=Utfall.BORDLAGGNING if namn == "remiss" else Utfall.BIFALL,
            nytt_sammantrade=NASTA if namn == "remiss" else None,
            omedelbart_justerad=namn == "nominering")  # fmt: skip
    utfor(system, k.Stang)
    fil = protokollet(system)
    system.klocka = FastKlocka(date(2008, 5, 20))
    utfor(system, k.Signera, aktor=ORDF, inloggning=hjalp.inloggning(ORDF),
          tidpunkt=datetime(2008, 5, 20, 10, tzinfo=STOCKHOLM), protokoll_sha256=fil.sha256)  # fmt: skip
    with system.uow() as uow:
        namnd = uow.grunddata.namnd(NAMND)
        ledamoter = tuple(
            dataclasses.replace(m, namn=stavning_i_grunddata) if m.namn == JUSTERARE else m
            for m in namnd.ledamoter
        )
        uow.grunddata.spara_namnd(dataclasses.replace(namnd, ledamoter=ledamoter))
        uow.commit()
    with system.uow() as uow:
        assert stavning_i_grunddata in [m.namn for m in uow.grunddata.namnd(NAMND).ledamoter]

    brevlada = SmtpBrevlada("127.0.0.1", port, "arende@stockholm.example", tidsgrans=5)
    nu = datetime(2008, 5, 20, 9, tzinfo=STOCKHOLM)  # 5 vardagar before 27 May
    utskick = {}
    for namn in ("riktlinjer", "anmalan-1", "nominering"):
        # The frister as the steps stored them: nothing recomputes them here.
        frist = next(
            f for f in frister_for(system.uow(), fem[namn]) if f.frist.typ is Fristtyp.JUSTERING
        )
        assert frist.frist.datum == (MOTE if namn == "nominering" else date(2008, 5, 27))
        utskick[namn] = skicka_paminnelse(
            frist.id, 5, system.uow(), brevlada, system.kalender, (10, 5, 1), nu
        )
    # The nomination was justerad at the meeting: nothing to remind of.
    assert not utskick["nominering"].skickad
    assert [u_.skickad for n, u_ in utskick.items() if n != "nominering"] == [True, True]
    forsta, andra = postlada.brev
    # § 3 (riktlinjer) is the first § awaiting justering: its reminder goes to the justerare.
    assert postlada.mottagare[0] == [
        "lena.murray@stockholm.example",
        "johan.sundberg@politiker.stockholm.example",
    ]
    assert "Hej Lena Murray och Johan Sundberg!" in forsta.get_content()
    assert postlada.mottagare[1] == ["lena.murray@stockholm.example"]
    for brev in (forsta, andra):
        text = brev.get_content()
        assert (
            "Protokollet från sammanträdet den 13 maj 2008 är ännu inte justerat av: "
            "Johan Sundberg (justerare)." in text
        ), text
