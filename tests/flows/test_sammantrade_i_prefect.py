"""The engine on a real Prefect server (issue 9): ärenden of three types, one of them added by
a definition file alone in this test, beredda through their forms, decided at one
sammanträde run (kallelse, beslut, protokoll, two signatures, anslag), then expedierade or
closed; the database and documents afterwards."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.sorting import FlowRunSort
from prefect.input.run_input import keyset_from_paused_state
from pydantic import BaseModel

from arende.adapters.arendetypfil import las_arendetyper
from arende.adapters.arkiv import Filarkiv
from arende.adapters.grunddatafil import las_grunddata
from arende.bootstrap import Arendesystem, starta
from arende.config import Installningar
from arende.domain.datum import STOCKHOLM, svenskt_datum, veckodag
from arende.domain.handling import Handlingstyp
from arende.domain.sammantrade.mote import Sammantradesstatus
from arende.domain.skeden import Skede
from arende.service_layer import handlingar, visningar
from arende.service_layer.regler import REGLER
from deployments import svarare
from flows.arendeflode import FLODE
from flows.formular import (
    AnslagSvar,
    ExpedieringSvar,
    FaststallSvar,
    SamverkanSvar,
    UnderlagSvar,
)
from flows.sammantrade import AvslutaSvar, SigneraSvar, beslutsformular, oppningsformular
from flows.typformular import stegmodell
from tests.prefect_miljo import databas_url, server_och_runner

pytestmark = [pytest.mark.prefect, pytest.mark.timeout(900)]

NAMND = "Socialtjänstnämnden"
SEKRETERARE = "Karin Ekström"
HANDLAGGARE, CHEF = "Lena Murray", "Dag Helin"
ROT = Path(__file__).resolve().parents[2]

# A kind of matter the engine has never seen, defined by this file alone: a remissvar with
# no samverkan, its own start field, a beredning form, the general template, its own förslag
# till beslut (from its fields) and its own sections in its own order.
REMISS = """\
namn = "remiss"
rubrik = "Remissvar"
beskrivning = "Nämnden svarar på en remiss."
titel = "Remissvar: {remiss}"
forslag = ["{namnd} besvarar remissen om {remiss} med förvaltningens tjänsteutlåtande.",
    "Svaret skickas till {remissinstans}."]
frister = ["justering", "anslag", "overklagande", "laga_kraft"]
skeden = ["registrerat", "under beredning", "förslag fastställt", "på dagordning", "beslutat",
    "justerat", "anslaget", "expedierat", "avslutat"]

[dokument."förslag fastställt"]
typ = "tjänsteutlåtande"
mall = "tjansteutlatande_allman.docx"

[[avsnitt]]
rubrik = "Remissen i korthet"
falt = "remissen_i_korthet"

[[avsnitt]]
rubrik = "Förvaltningens synpunkter"
falt = "synpunkter"

[[startfalt]]
namn = "remiss"
typ = "text"
rubrik = "Remissen"

[[startfalt]]
namn = "remissinstans"
typ = "text"
rubrik = "Remissinstans"

[[formular]]
skede = "under beredning"
rubrik = "Skriv remissvaret"

[[formular.falt]]
namn = "sammanfattning"
typ = "långtext"
rubrik = "Sammanfattning"
obligatoriskt = false

[[formular.falt]]
namn = "synpunkter"
typ = "långtext"
rubrik = "Förvaltningens synpunkter"

[[formular.falt]]
namn = "remissen_i_korthet"
typ = "långtext"
rubrik = "Remissen i korthet"
"""
REMISSENS_BESLUT = [
    "Socialtjänstnämnden besvarar remissen om Stadens hemlöshetsstrategi med förvaltningens "
    "tjänsteutlåtande.",
    "Svaret skickas till Kommunstyrelsen.",
]


def mote_i_planen() -> date:
    """The latest sammanträde of the plan at least three days ago, so every date of the
    journey (kallelse before, signatures and anslag after) has already passed today."""
    namnd = next(n for n in las_grunddata(Installningar().grunddata).namnder if n.namn == NAMND)
    return max(d for d in namnd.sammantraden if d <= date.today() - timedelta(days=3))


MOTE = mote_i_planen()


@pytest.fixture(scope="module")
def miljo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Arendesystem]:
    hem = tmp_path_factory.mktemp("prefect")
    typer = hem / "arendetyper"
    shutil.copytree(ROT / "deployments" / "arendetyper", typer)
    (typer / "remiss.toml").write_text(REMISS, encoding="utf-8")
    # A new ärendetyp belongs to a process in the classification, or nothing starts.
    plan = hem / "informationshanteringsplan.toml"
    plan.write_text(
        (ROT / "deployments" / "informationshanteringsplan.toml").read_text(encoding="utf-8")
        + '\n[[klass]]\nkod = "1.1.2"\nnamn = "Besvara remisser"\narendetyper = ["remiss"]\n',
        encoding="utf-8",
    )
    with server_och_runner(
        hem,
        f"{FLODE}/remiss",
        ARENDE_ARENDETYPER_DIR=str(typer),
        ARENDE_INFORMATIONSHANTERINGSPLAN=str(plan),
    ):
        system = starta(databas_url(hem))
        system.arkiv = Filarkiv(hem / "arkiv")
        yield system


def start(typ: str, **egna: Any) -> UUID:
    """Started by the handläggare, signed in."""
    return svarare.starta(
        f"{FLODE}/{typ}",
        {
            "arendetyp_namn": typ,
            "uppgifter": {
                "namnd": NAMND,
                "sammantrade": MOTE.isoformat(),
                "registreringsdatum": (MOTE - timedelta(days=21)).isoformat(),
                **egna,
            },
        },
        som=HANDLAGGARE,
    )


def svara(
    korning: UUID, nyckel: str, modell: type[BaseModel], svar: dict[str, Any], som: str
) -> None:
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == nyckel
    svarare.svara(korning, modell, svar, som)


def formularets_schema(korning: UUID) -> dict[str, Any]:
    """The JSON schema of the form the run waits on, as Prefect's UI draws it."""
    tillstand = svarare.las(korning).state
    assert tillstand is not None
    with get_client(sync_client=True) as klient:
        text = klient.read_flow_run_input(korning, keyset_from_paused_state(tillstand)["schema"])
    return dict(json.loads(text))


def typ(namn: str, katalog: Path) -> Any:
    return las_arendetyper(katalog, mallkatalog=ROT / "templates", regler=REGLER)[namn]


def test_ett_sammantrade_i_prefect_med_en_ny_typ(miljo: Arendesystem, tmp_path: Path) -> None:
    system = miljo
    # Every type is its own deployment, the new one included. The runner registers them
    # one after another, so the fixture having seen "remiss" says nothing of the rest.
    for namn in ("anmalan", "nominering", "tjansteutlatande", "remiss"):
        svarare.vanta_pa_deployment(f"{FLODE}/{namn}", tidsgrans=120)
    svarare.vanta_pa_deployment("sammantrade/sammantrade", tidsgrans=120)

    (tmp_path / "remiss.toml").write_text(REMISS, encoding="utf-8")
    remisstyp = typ("remiss", tmp_path)

    anmalan = start("anmalan", beslutsomrade="bistånd", beslut=["Bistånd beviljat"])
    assert svarare.vanta_pa_formular(anmalan, tidsgrans=300) is None  # registered; done

    remiss = start("remiss", remiss="Stadens hemlöshetsstrategi", remissinstans="Kommunstyrelsen")
    svara(remiss, "underlag-1-1", stegmodell(remisstyp.formular[Skede.UNDER_BEREDNING],
          UnderlagSvar, "Underlag_remiss"),
          {"sammanfattning": "Förvaltningen tillstyrker.",
           "synpunkter": "Strategin är väl avvägd.", "remissen_i_korthet": "Strategin gäller 2027."},
          HANDLAGGARE)  # fmt: skip
    svara(remiss, "faststall-1-1", FaststallSvar,
          {"avdelningschef": "Eddie Friberg", "datum": (MOTE - timedelta(days=13)).isoformat()},
          CHEF)  # fmt: skip
    assert svarare.vanta_pa_formular(remiss, tidsgrans=300) is None

    allman = start("tjansteutlatande", arendemening="Riktlinjer för ekonomiskt bistånd")
    tjtyp = system.typer["tjansteutlatande"]
    svara(allman, "underlag-1-1", stegmodell(tjtyp.formular[Skede.UNDER_BEREDNING], UnderlagSvar,
          "Underlag_tjansteutlatande"),
          {"forslag": ["Nämnden antar riktlinjerna."],
           "sammanfattning": "Riktlinjerna ses över.", "avsnitt": [{"rubrik": "Bakgrund", "text": "Text."}]},
          HANDLAGGARE)  # fmt: skip
    svara(allman, "samverkan-1-1", SamverkanSvar,
          {"datum": (MOTE - timedelta(days=14)).isoformat(), "anteckning": "Samverkat utan erinran"},
          HANDLAGGARE)  # fmt: skip
    svara(allman, "faststall-1-1", FaststallSvar,
          {"avdelningschef": "", "datum": (MOTE - timedelta(days=13)).isoformat()}, CHEF)  # fmt: skip
    assert svarare.vanta_pa_formular(allman, tidsgrans=300) is None

    dnr = {
        namn: str(visningar.arende_for_korning(system.uow(), str(k)).dnr)
        for namn, k in (("anmalan", anmalan), ("remiss", remiss), ("allman", allman))
    }
    remissen = visningar.hamta_arende(system.uow(), dnr["remiss"])
    assert remissen.skede is Skede.FORSLAG_FASTSTALLT
    # The type's own förslag, with its fields filled in, is what the chefs fastställde; its
    # tjänsteutlåtande has the definition's sections in the definition's order.
    assert list(remissen.forslag) == REMISSENS_BESLUT
    (tjut,) = handlingar.handlingar(system.uow(), dnr["remiss"])
    text = system.dokument.mallar.som_markdown(system.arkiv.las(tjut.fil))
    assert "Remissvar: Stadens hemlöshetsstrategi" in text
    delar = ["Förslag till beslut", *REMISSENS_BESLUT, "Sammanfattning", "Förvaltningen tillstyrker",
             "Remissen i korthet", "Strategin gäller 2027", "Förvaltningens synpunkter",
             "Strategin är väl avvägd"]  # fmt: skip
    platser = [text.find(d) for d in delar]
    assert -1 not in platser and platser == sorted(platser), text

    # -- the sammanträde
    mote = svarare.starta(
        "sammantrade/sammantrade",
        {"namnd": NAMND, "datum": MOTE.isoformat(),
         "kallelsedatum": (MOTE - timedelta(days=7)).isoformat(),
         "protokolldatum": (MOTE + timedelta(days=1)).isoformat()},
        som=SEKRETERARE,
    )  # fmt: skip
    namnd = visningar.namnd(system.uow(), NAMND)
    ledamoter = [x.namn for x in namnd.ledamoter if x.roll.ar_ledamot]
    ersattare = [x.namn for x in namnd.ledamoter if not x.roll.ar_ledamot]
    # The time the sammanträdesplan gives (grunddata: klockan = "18:00") is filled in.
    assert svarare.vanta_pa_formular(mote, tidsgrans=300) == "oppna-1"
    schema = formularets_schema(mote)
    assert schema["properties"]["klockan"]["default"] == "18:00"
    assert "klockan" not in schema.get("required", [])
    # The login's intyg is no field the UI shows: the gate fills it in.
    assert "intyg" not in schema["properties"] and "intyg" not in schema.get("required", [])
    svara(mote, "oppna-1", oppningsformular(ledamoter, ersattare),
          {"klockan": "18:05", "narvarande": ledamoter, "tjanstgorande_ersattare": [], "ersattare": [],
           "ordforande": "Karin Ekblad", "justerare": ["Johan Sundberg"],
           "justering_forsta": (MOTE + timedelta(days=1)).isoformat(),
           "justering_sista": (MOTE + timedelta(days=14)).isoformat()}, SEKRETERARE)  # fmt: skip
    s = visningar.sammantrade(system.uow(), NAMND, MOTE)
    assert s is not None and s.dagordning is not None
    ordning = [p.dnr for p in s.dagordning.punkter]
    # The run is named after the meeting, and the dagordning gives the type's own förslag.
    assert svarare.las(mote).name == f"Socialtjänstnämndens sammanträde {svenskt_datum(MOTE)}"
    kallelse = system.dokument.mallar.som_markdown(
        system.arkiv.las(f"sammantraden/Socialtjänstnämnden-{MOTE}/kallelse-v1.docx")
    )
    assert all(punkt in kallelse for punkt in REMISSENS_BESLUT), kallelse
    assert sorted(ordning) == sorted(dnr.values())
    paragrafer = {}
    for d in ordning:
        svara(mote, f"beslut-{d.lower().replace(' ', '-').replace('/', '-')}-1",
              beslutsformular(ledamoter),
              {"utfall": "bifall", "yrkanden": [{"av": "Karin Ekblad", "lydelse": "bifall till förvaltningens förslag"}],
               "beslutstext": "", "omedelbart_justerad": False, "nytt_sammantrade": None,
               "omrostning": False, "ja_proposition": "", "nej_proposition": "",
               "ja": [], "nej": [], "avstar": []}, SEKRETERARE)  # fmt: skip
    # Every beslut taken: the meeting is closed with the time it ended, then the protokoll
    # is drawn up; a closing time before the opening is refused and asked again.
    svara(mote, "avsluta-1", AvslutaSvar, {"avslutades": "17:45"}, SEKRETERARE)
    assert svarare.vanta_pa_formular(mote, tidsgrans=300) == "avsluta-2"
    beskrivning = svarare.formularets_beskrivning(mote)
    assert "Förra svaret kunde inte tas emot" in beskrivning
    assert "kan inte ha avslutats kl. 17.45: det började kl. 18.05" in beskrivning
    svara(mote, "avsluta-2", AvslutaSvar, {"avslutades": "19:30"}, SEKRETERARE)
    # The next form is the ordförande's justering.
    assert svarare.vanta_pa_formular(mote, tidsgrans=300) == "justering-karin-ekblad-1"
    s = visningar.sammantrade(system.uow(), NAMND, MOTE)
    assert s is not None and (s.borjade, s.avslutades) == (time(18, 5), time(19, 30))
    for d in ordning:
        paragrafer[d] = visningar.hamta_arende(system.uow(), d).beslut[-1].paragraf
    assert sorted(paragrafer.values()) == list(
        range(min(paragrafer.values()), min(paragrafer.values()) + 3)
    )

    fil = None
    for i, namn in enumerate(["Karin Ekblad", "Johan Sundberg"]):
        nyckel = f"justering-{namn.lower().replace(' ', '-')}-1"
        assert svarare.vanta_pa_formular(mote, tidsgrans=300) == nyckel
        with system.uow() as uow:
            fil = uow.sammantraden.protokoll(NAMND, MOTE)
        assert fil is not None
        if i == 0:
            text = system.dokument.mallar.som_markdown(system.arkiv.las(fil.fil))
            tid = f"Tid: {veckodag(MOTE).capitalize()}en den {svenskt_datum(MOTE)} kl. 18.05–19.30"
            assert tid in text, text
            # The protokoll records the type's own förslag as the nämnd's decision.
            assert all(punkt in text for punkt in REMISSENS_BESLUT), text
        # Signed the day after the meeting (a paper justering registered afterwards): the
        # day and the time of day, Swedish time.
        dagen_efter = MOTE + timedelta(days=1)
        # Each signs herself, signed in.
        svarare.svara(mote, SigneraSvar, {"protokoll_sha256": fil.sha256,
                                          "jag_justerar": True, "datum": dagen_efter.isoformat(),
                                          "klockslag": f"{10 + i}:15"}, namn)  # fmt: skip
    svara(mote, "anslag-1", AnslagSvar,
          {"datum": (MOTE + timedelta(days=2)).isoformat()}, SEKRETERARE)  # fmt: skip
    assert svarare.vanta_pa_formular(mote, tidsgrans=300) is None

    s = visningar.sammantrade(system.uow(), NAMND, MOTE)
    assert s is not None and s.status is Sammantradesstatus.ANSLAGET
    assert s.justeringsdatum == MOTE + timedelta(days=1)
    dagen_efter = MOTE + timedelta(days=1)
    assert [x.tidpunkt for x in s.signaturer] == [
        datetime.combine(dagen_efter, time(10 + i, 15), tzinfo=STOCKHOLM) for i in range(2)
    ]
    # The anmälan has no expediering: closed with the anslag.
    assert visningar.hamta_arende(system.uow(), dnr["anmalan"]).skede is Skede.AVSLUTAT
    # The others wait in their expediering runs.
    with get_client(sync_client=True) as klient:
        korningar = klient.read_flow_runs(limit=50, sort=FlowRunSort.START_TIME_DESC)
    expedieringar = {k.parameters.get("dnr"): k.id for k in korningar if "expediering" in k.tags}
    assert set(expedieringar) == {dnr["remiss"], dnr["allman"]}
    for d in (dnr["remiss"], dnr["allman"]):
        svara(expedieringar[d], "expediering-1", ExpedieringSvar,
              {"datum": (MOTE + timedelta(days=3)).isoformat(), "mottagare": ["Socialtjänstförvaltningen"]},
              SEKRETERARE)  # fmt: skip
        assert svarare.vanta_pa_formular(expedieringar[d], tidsgrans=300) is None
        arende = visningar.hamta_arende(system.uow(), d)
        assert arende.skede is Skede.AVSLUTAT
        registrerade = handlingar.handlingar(system.uow(), d)
        assert [h.typ for h in registrerade] == [
            Handlingstyp.TJANSTEUTLATANDE,
            Handlingstyp.PROTOKOLLSUTDRAG,
            Handlingstyp.ANSLAG,
        ]
        if d == dnr["remiss"]:  # the protokollsutdrag gives the type's own decision
            utdrag = system.dokument.mallar.som_markdown(system.arkiv.las(registrerade[1].fil))
            assert all(punkt in utdrag for punkt in REMISSENS_BESLUT), utdrag
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)
