"""One sammanträde of Socialtjänstnämnden deciding five ärenden of three types (issue 9):
one bordlagt, one omedelbart justerad, one with an omröstning. Paragraph numbers, the
protokoll, justering by signature, anslag and appeal dates, and the bordlagt ärende on the
next dagordning; on SQLite and PostgreSQL."""

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
from arende.service_layer.handlers import Kontext
from docx import Document

from arende.adapters.epost import SmtpBrevlada
from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.frister import Fristtyp
from arende.domain.handling import Handlingstyp
from arende.domain.sammantrade.mote import Sammantradesstatus
from arende.domain.sammantrade.narvaro import NarvarandeErsattare, Narvaro, Tjansteman
from arende.domain.sammantrade.omrostning import Omrostning, Rostval, Yrkande
from arende.domain.skeden import Skede, Utfall
from arende.service_layer import arendetyper as typer
from arende.service_layer import frister, handlingar, visningar
from arende.service_layer import handlers as h
from arende.service_layer import sammantraden as sm
from arende.service_layer.paminnelser import skicka_paminnelse
from tests.conftest import FastKlocka
from tests.integration.test_paminnelser import Postlada
from tests.integration.test_paminnelser import smtp as smtp  # the fixture
from tests.seed000 import exempel

NAMND = "Socialtjänstnämnden"
MOTE, NASTA = date(2008, 5, 13), date(2008, 6, 17)
SEKRETERARE = "Karin Ekström"
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


def k(aktor: str) -> Kontext:
    return Kontext(aktor, None, f"test-{uuid.uuid4()}")


def mote(datum: date = MOTE, aktor: str = SEKRETERARE) -> sm.Mote:
    return sm.Mote(NAMND, datum, aktor)


def registrera(system: Arendesystem, typ: str, uppgifter: dict[str, Any]) -> str:
    return typer.registrera_arende(
        typer.NyttArende(
            typ, NAMND, "Lena Murray", MOTE, uppgifter, registreringsdatum=date(2008, 4, 21)
        ),
        system.typer,
        system.uow(),
        k("Lena Murray"),
        system.klocka,
        system.kalender,
    )


def bered(system: Arendesystem, dnr: str, forslag: list[str] | None = None) -> None:
    u, klocka = system.uow, system.klocka
    h.paborja_beredning(dnr, u(), k("Lena Murray"), klocka)
    if forslag is not None:
        typer.skriv_uppgifter(
            dnr,
            system.typer["tjansteutlatande"],
            Skede.UNDER_BEREDNING,
            {
                "forslag": forslag,
                "sammanfattning": "Förvaltningen föreslår att nämnden beslutar enligt förslaget.",
                "avsnitt": [{"rubrik": "Bakgrund", "text": "Ärendet har beretts.\n\nSe bilagan."}],
            },
            u(),
            k("Lena Murray"),
            klocka,
        )
    h.registrera_samverkan(
        dnr, date(2008, 4, 22), "Samverkat utan erinran", u(), k("Lena Murray"), klocka
    )
    h.faststall_forslag(
        dnr,
        date(2008, 4, 23),
        ["Dag Helin", "Eddie Friberg"],
        u(),
        k("Dag Helin"),
        klocka,
        dokument=system.dokument,
    )


@pytest.fixture
def fem(system: Arendesystem) -> dict[str, str]:
    """Five ärenden ready for the sammanträde on 13 May 2008."""
    system.klocka = FastKlocka(date(2008, 4, 23))
    uppgifter = exempel()["uppgifter"]
    dnr = {
        "nominering": registrera(
            system,
            "nominering",
            {
                "utmarkelsear": 2008,
                "enheter": [
                    {"namn": e["namn"], "klass": e["klass"], "beskrivning": e["beskrivning"]}
                    for e in uppgifter["enheter"]
                ],
                "omedelbar_justering": "enligt tidsplanen",
                "avslutande_kommentar": uppgifter["avslutande_kommentar"],
            },
        ),
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
    u, verk = system.uow, system.dokument
    # -- kallelse: every ready ärende, in dnr order; an anmälan goes there from registrerat.
    system.klocka = FastKlocka(date(2008, 5, 6))
    dagordning = sm.kalla(u(), mote(), system.klocka, verk)
    assert [p.dnr for p in dagordning.punkter] == sorted(
        fem.values(), key=lambda d: int(d.split("/")[1])
    )
    assert all(arende(system, d).skede is Skede.PA_DAGORDNING for d in fem.values())
    assert sm.kalla(u(), mote(), system.klocka, verk) == dagordning  # unchanged: no new version

    # -- the meeting
    system.klocka = FastKlocka(MOTE)
    forsta = sm.oppna(
        u(),
        mote(),
        system.klocka,
        narvaro=NARVARO,
        ordforande=ORDF,
        justerare=[JUSTERARE],
        justering_forsta=date(2008, 5, 20),
        justering_sista=date(2008, 5, 27),
    )
    assert forsta.nummer == 1 and forsta.dnr is None

    nominering = sm.besluta(u(), mote(), system.klocka, verk, sm.NyttBeslut(
        fem["nominering"], Utfall.BIFALL,
        [Yrkande(1, ORDF, "bifall till förvaltningens förslag och att paragrafen förklaras omedelbart justerad")],
        omedelbart_justerad=True,
    ))  # fmt: skip
    assert nominering.nummer == 2
    assert arende(system, fem["nominering"]).skede is Skede.JUSTERAT  # justerad at the meeting

    roster = tuple(
        (n, Rostval.JA if n in MAJORITET else Rostval.NEJ) for n in [*LEDAMOTER, "Fatima Karimi"]
    )
    riktlinjer = sm.besluta(u(), mote(), system.klocka, verk, sm.NyttBeslut(
        fem["riktlinjer"], Utfall.BIFALL,
        [Yrkande(1, ORDF, "bifall till förvaltningens förslag"), Yrkande(2, JUSTERARE, "avslag")],
        omrostning=Omrostning("Den som vill bifalla förvaltningens förslag röstar ja.",
                              "Den som vill avslå förslaget röstar nej.", roster),
    ))  # fmt: skip
    assert riktlinjer.nummer == 3 and riktlinjer.omrostning is not None
    assert (riktlinjer.omrostning.resultat.ja, riktlinjer.omrostning.resultat.nej) == (6, 5)

    sm.besluta(u(), mote(), system.klocka, verk, sm.NyttBeslut(
        fem["remiss"], Utfall.BORDLAGGNING, [Yrkande(1, "Eva Lindroth", "att ärendet bordläggs")],
        nytt_sammantrade=NASTA,
    ))  # fmt: skip

    # A § whose protokollsutdrag cannot be drawn up is not taken: the ärende stays undecided
    # and the meeting cannot be closed while it stands on the dagordning without a §.
    with pytest.raises(ArendeFel, match="protokollsutdrag.docx"):
        sm.besluta(u(), mote(), system.klocka, _utan_mall(system),
                   sm.NyttBeslut(fem["anmalan-1"], Utfall.BIFALL))  # fmt: skip
    assert arende(system, fem["anmalan-1"]).skede is Skede.PA_DAGORDNING
    assert not [x for x in handlingar.handlingar(u(), fem["anmalan-1"])]
    with pytest.raises(ArendeFel, match=f"{fem['anmalan-1']}.*har ingen paragraf"):
        sm.stang(u(), mote(), system.klocka, verk)

    for namn in ("anmalan-1", "anmalan-2"):
        sm.besluta(u(), mote(), system.klocka, verk, sm.NyttBeslut(fem[namn], Utfall.BIFALL))
    # A replay of the same answer does nothing.
    assert (
        sm.besluta(
            u(), mote(), system.klocka, verk, sm.NyttBeslut(fem["anmalan-2"], Utfall.BIFALL)
        ).nummer
        == 6
    )

    # The justering's frist is the last day the meeting set, not the law's 14 days: the
    # reminders to get the protokoll signed go out before the window closes.
    fristerna = frister.uppdatera_frister(fem["riktlinjer"], u(), system.kalender)
    justering = next(f for f in fristerna if f.typ is Fristtyp.JUSTERING)
    assert justering.datum == date(2008, 5, 27) and "vid sammanträdet" in justering.regel

    beslutade = {d: arende(system, d) for d in fem.values()}
    for namn, d in fem.items():
        utdrag = [
            x for x in handlingar.handlingar(u(), d) if x.typ is Handlingstyp.PROTOKOLLSUTDRAG
        ]
        assert len(utdrag) == 1, namn  # every § has its extract, registered with the beslut
    assert beslutade[fem["remiss"]].skede is Skede.PA_DAGORDNING
    assert beslutade[fem["remiss"]].sammantrade == NASTA
    assert [b.paragraf for b in beslutade[fem["anmalan-2"]].beslut] == [6]

    # The omedelbart justerad § goes up the next day, before the protokoll is justerat.
    system.klocka = FastKlocka(date(2008, 5, 14))
    assert sm.ansla_omedelbart(u(), mote(), system.klocka, verk, date(2008, 5, 14)) == [
        fem["nominering"]
    ]
    # Asked again (a replay of the form), nothing more is posted.
    assert sm.ansla_omedelbart(u(), mote(), system.klocka, verk, date(2008, 5, 14)) == []

    fil = sm.stang(u(), mote(), system.klocka, verk)
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
        sm.signera(u(), mote(aktor=ORDF), system.klocka, verk,
                   tidpunkt=datetime(2008, 5, 20, 10, 5, tzinfo=STOCKHOLM), protokoll_sha256="0" * 64)  # fmt: skip
    assert sm.signera(u(), mote(aktor=ORDF), system.klocka, verk,
                      tidpunkt=datetime(2008, 5, 20, 10, 5, tzinfo=STOCKHOLM), protokoll_sha256=fil.sha256)  # fmt: skip
    assert arende(system, fem["riktlinjer"]).skede is Skede.BESLUTAT  # one signature is not enough
    sm.signera(u(), mote(aktor=JUSTERARE), system.klocka, verk,
               tidpunkt=datetime(2008, 5, 21, 14, 30, tzinfo=STOCKHOLM), protokoll_sha256=fil.sha256)  # fmt: skip
    s = sm.hamta(u(), NAMND, MOTE)
    assert s is not None and s.status is Sammantradesstatus.JUSTERAT
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

    # -- anslag for all at once; the appeal period ends three weeks later (KL 13 kap. 5 §)
    system.klocka = FastKlocka(date(2008, 5, 22))
    overlamnade = sm.ansla(u(), mote(), system.klocka, verk, date(2008, 5, 22))
    assert sorted(overlamnade) == sorted([fem["riktlinjer"], fem["anmalan-1"], fem["anmalan-2"]])
    s = sm.hamta(u(), NAMND, MOTE)
    assert s is not None and s.anslag is not None
    assert s.anslag.overklagande_slut == date(2008, 6, 12) and not s.anslag.for_sent
    for d in overlamnade:
        assert arende(system, d).anslagsdatum == date(2008, 5, 22)
    # The anmälan closes after its anslag; it has no expediering.
    h.avsluta(fem["anmalan-1"], date(2008, 5, 22), u(), k(SEKRETERARE), system.klocka)
    assert arende(system, fem["anmalan-1"]).skede is Skede.AVSLUTAT

    # -- the bordlagt ärende stands first on the next meeting's dagordning, by itself
    system.klocka = FastKlocka(date(2008, 6, 10))
    nasta = sm.kalla(u(), mote(NASTA), system.klocka, verk)
    assert nasta.punkter[0].dnr == fem["remiss"] and nasta.punkter[0].bordlagt_den == MOTE

    # Every change is in the audit chain, and the chain and every file are intact.
    resultat = visningar.verifiera(u(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)
    historik = [e.handling for e in visningar.historik(u(), fem["riktlinjer"])]
    assert historik[-3:] == ["registrera justeringen", "registrera anslaget", "registrera handling"]
    assert hashlib.sha256(system.arkiv.las(fil.fil)).hexdigest() == fil.sha256


def _utan_mall(system: Arendesystem) -> Any:
    """A document engine whose protokollsutdrag template went missing after the start."""
    katalog = system.arkiv.sokvag("x").parent.parent / f"mallar-{uuid.uuid4().hex[:6]}"
    shutil.copytree(Path(__file__).resolve().parents[2] / "templates", katalog)
    verk = dataclasses.replace(system, mallkatalog=katalog).dokument
    (katalog / "protokollsutdrag.docx").unlink()
    return verk


def test_ett_beslut_utan_sammantrade_vagras(system: Arendesystem) -> None:
    system.klocka = FastKlocka(MOTE)
    with pytest.raises(OgiltigUppgift, match="inget kallat sammanträde den 13 maj 2008"):
        sm.besluta(system.uow(), mote(), system.klocka, system.dokument,
                   sm.NyttBeslut("SoN 2008/1", Utfall.BIFALL))  # fmt: skip
    with pytest.raises(OgiltigUppgift, match="inget sammanträde den 14 maj 2008"):
        sm.kalla(system.uow(), mote(date(2008, 5, 14)), system.klocka, system.dokument)


def test_en_avvisad_atgard_pa_sammantradet_loggas_en_gang(
    system: Arendesystem, fem: dict[str, str]
) -> None:
    """A refused step on the sammanträde is evidence like a refused step on an ärende: it is
    in the audit log with what was asked and why (in the ärende's history when it named
    one), once per form answer even when a replay of the run asks it again."""
    u, verk = system.uow, system.dokument
    system.klocka = FastKlocka(date(2008, 5, 6))
    sm.kalla(u(), mote(), system.klocka, verk)
    system.klocka = FastKlocka(MOTE)
    korning = str(uuid.uuid4())  # a flow run id
    fore = len(visningar.historik(u(), fem["riktlinjer"]))

    # A beslut before the meeting is opened: refused, in the ärende's history.
    beslut = sm.NyttBeslut(fem["riktlinjer"], Utfall.BIFALL)
    fraga = dataclasses.replace(mote(), flodeskorning=korning, nyckel="beslut-son-2008-2-1")
    for _ in range(2):  # the person's answer, then the flow's replay of it
        with pytest.raises(ArendeFel, match="inte öppnat|öppna"):
            sm.besluta(u(), fraga, system.klocka, verk, beslut)
    historik = visningar.historik(u(), fem["riktlinjer"])
    (avvisad,) = historik[fore:]
    assert avvisad.handling == "registrera nämndens beslut"
    assert avvisad.innehall["utfall"] == "avvisad"
    assert avvisad.innehall["begärt"]["beslut"]["dnr"] == fem["riktlinjer"]
    assert avvisad.innehall["formulär"] == "beslut-son-2008-2-1"
    assert avvisad.flodeskorning == korning and avvisad.aktor == SEKRETERARE
    assert arende(system, fem["riktlinjer"]).skede is Skede.PA_DAGORDNING  # nothing changed

    # A signature on a protokoll not yet drawn up: refused, logged for the sammanträde.
    signatur = dataclasses.replace(mote(aktor=ORDF), flodeskorning=korning, nyckel="justering-1")
    for _ in range(2):
        with pytest.raises(OgiltigUppgift, match="Protokollet är inte upprättat"):
            sm.signera(
                u(),
                signatur,
                system.klocka,
                verk,
                tidpunkt=datetime(2008, 5, 13, 12, tzinfo=STOCKHOLM),
                protokoll_sha256="0" * 64,
            )
    with u() as uow:
        i_korningen = uow.logg.for_korning(korning)
    assert [(e.handling, e.dnr, e.aktor) for e in i_korningen] == [
        ("registrera nämndens beslut", fem["riktlinjer"], SEKRETERARE),
        ("justera protokollet", None, ORDF),
    ]
    assert "Protokollet är inte upprättat" in i_korningen[1].innehall["meddelande"]
    # Without a form (a call outside a flow) every refusal is logged.
    with pytest.raises(ArendeFel):
        sm.besluta(u(), mote(), system.klocka, verk, beslut)
    assert len(visningar.historik(u(), fem["riktlinjer"])) == fore + 2
    resultat = visningar.verifiera(u(), system.arkiv)
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
    smtp: tuple[Postlada, int],  # noqa: F811
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
    u, verk = system.uow, system.dokument
    system.klocka = FastKlocka(date(2008, 5, 6))
    sm.kalla(u(), mote(), system.klocka, verk)
    system.klocka = FastKlocka(MOTE)
    sm.oppna(u(), mote(), system.klocka, narvaro=NARVARO, ordforande=ORDF,
             justerare=[JUSTERARE], justering_forsta=date(2008, 5, 20),
             justering_sista=date(2008, 5, 27))  # fmt: skip
    for namn in ("nominering", "riktlinjer", "remiss", "anmalan-1", "anmalan-2"):
        sm.besluta(u(), mote(), system.klocka, verk, sm.NyttBeslut(
            fem[namn], Utfall.BORDLAGGNING if namn == "remiss" else Utfall.BIFALL,
            nytt_sammantrade=NASTA if namn == "remiss" else None,
            omedelbart_justerad=namn == "nominering"))  # fmt: skip
    fil = sm.stang(u(), mote(), system.klocka, verk)
    system.klocka = FastKlocka(date(2008, 5, 20))
    sm.signera(u(), mote(aktor=ORDF), system.klocka, verk,
               tidpunkt=datetime(2008, 5, 20, 10, tzinfo=STOCKHOLM), protokoll_sha256=fil.sha256)  # fmt: skip
    with u() as uow:
        namnd = uow.grunddata.namnd(NAMND)
        ledamoter = tuple(
            dataclasses.replace(m, namn=stavning_i_grunddata) if m.namn == JUSTERARE else m
            for m in namnd.ledamoter
        )
        uow.grunddata.spara_namnd(dataclasses.replace(namnd, ledamoter=ledamoter))
        uow.commit()
    with u() as uow:
        assert stavning_i_grunddata in [m.namn for m in uow.grunddata.namnd(NAMND).ledamoter]

    brevlada = SmtpBrevlada("127.0.0.1", port, "arende@stockholm.example", tidsgrans=5)
    nu = datetime(2008, 5, 20, 9, tzinfo=STOCKHOLM)  # 5 vardagar before 27 May
    utskick = {}
    for namn in ("riktlinjer", "anmalan-1", "nominering"):
        fristerna = frister.uppdatera_frister(fem[namn], u(), system.kalender)
        with u() as uow:
            lagrade = uow.frister.for_arende(fem[namn])
        frist = next(f for f in lagrade if f.frist.typ is Fristtyp.JUSTERING)
        assert frist.frist.datum == (MOTE if namn == "nominering" else date(2008, 5, 27))
        assert fristerna
        utskick[namn] = skicka_paminnelse(
            frist.id, 5, u(), brevlada, system.kalender, (10, 5, 1), nu
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
