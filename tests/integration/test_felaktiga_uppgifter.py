"""Bad input, catalogued (issue 8): every case below is something a person can get wrong
through the forms, the service layer, the command line or the importers.

For each case the test checks three things: the refusal says what is wrong in Swedish (a
phrase from the message is asserted), the database is unchanged (every row of every table,
before and after), and no file was added to the archive. A refused *step* on an existing
ärende is itself evidence and is logged by design (one audit event "avvisad" and the step's
key, so a replay is refused the same way): for those cases exactly that, and nothing else,
may differ.

One database per backend (SQLite and PostgreSQL) is prepared once for the module with an
ärende at each stage; since no case may change anything, the cases share it.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pydantic import BaseModel, ValidationError
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import skapa_motor, uppgradera
from arende.adapters.fragebatterifil import las_fragebatteri, las_fragebatteri_for
from arende.adapters.svarsmall import las_svarsmall, skapa_svarsmall
from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan, las_verksamhetsplan
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.domain.arende import Nominering
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import ArendeFel
from arende.domain.sammantrade.narvaro import NarvarandeErsattare, Narvaro, Tjansteman
from arende.domain.sammantrade.omrostning import Omrostning, Rostval, Yrkande
from arende.domain.skeden import Utfall
from arende.entrypoints.cli import app
from arende.service_layer import arendetyper, frister, visningar
from arende.service_layer import handlers as h
from arende.service_layer import sammantraden as sm
from flows.formular import (
    Arendeuppgifter,
    ExpedieringSvar,
    SamverkanSvar,
    svenska_valideringsfel,
)
from flows.sammantrade import AvslutaSvar, SigneraSvar, beslutsformular
from flows.typformular import startmodell
from tests.conftest import GRUNDDATA, PG_URL, FastKlocka, pg_schema_url
from tests.integration.test_arendeflode_i_databasen import ogonblicksbild
from tests.seed000 import exempel, kontext, registrera, till_faststallt

PROJEKT = Path(__file__).resolve().parents[2]
FRAGOR = PROJEKT / "deployments" / "fragor"
MALLAR = PROJEKT / "templates"
korare = CliRunner()


@dataclass
class Miljo:
    system: Arendesystem
    url: str
    arkiv: Path
    tmp: Path
    dnr: dict[str, str]  # stage -> an ärende at that stage


# -- the shared database ------------------------------------------------------------------


NAMND = "Socialtjänstnämnden"
SEKRETERARE = "Karin Ekström"
ORDF, JUSTERARE = "Karin Ekblad", "Johan Sundberg"
# Ten of the eleven ledamöter; Fatima Karimi tjänstgör for Tomas Rydén, Olle Strand listens.
LEDAMOTER = (
    "Karin Ekblad", "Johan Sundberg", "Anders Palmér", "Cecilia Holst", "Mikael Grahn",
    "Sara Nordin", "Peter Wiklund", "Maria Öberg", "Hassan Yilmaz", "Eva Lindroth",
)  # fmt: skip
TJANSTGORANDE = [*LEDAMOTER, "Fatima Karimi"]
NARVARO = Narvaro(
    LEDAMOTER,
    (NarvarandeErsattare("Fatima Karimi", "Tomas Rydén"), NarvarandeErsattare("Olle Strand")),
    (Tjansteman(SEKRETERARE, "nämndsekreterare"),),
)
# Three sammanträden of Socialtjänstnämnden in 2008, each with a nomination of its own:
# one kallat, one pågår with its ärende undecided, one avslutat with its protokoll unsigned.
KALLAT, PAGAR, AVSLUTAT = date(2008, 2, 19), date(2008, 4, 22), date(2008, 3, 18)


def mote(datum: date, aktor: str = SEKRETERARE) -> sm.Mote:
    return sm.Mote(NAMND, datum, aktor)


def _nominering_till(system: Arendesystem, sammantrade: date) -> str:
    """A nomination registered as arende/nominering does (the type's start form), beredd
    and fastställd three weeks before `sammantrade`."""
    u, k = system.uow, system.klocka
    dnr = arendetyper.registrera_arende(
        arendetyper.NyttArende(
            "nominering",
            NAMND,
            "Lena Murray",
            sammantrade,
            start_uppgifter(),
            registreringsdatum=sammantrade - timedelta(days=28),
        ),
        system.typer,
        u(),
        kontext("Lena Murray", f"registrering-{uuid.uuid4()}"),
        k,
        system.kalender,
    )
    h.paborja_beredning(dnr, u(), kontext("Lena Murray", "beredning"), k)
    h.registrera_samverkan(
        dnr, sammantrade - timedelta(days=14), "", u(), kontext("Lena Murray", "samverkan"), k
    )
    h.faststall_forslag(
        dnr,
        sammantrade - timedelta(days=13),
        ["Dag Helin"],
        u(),
        kontext("Dag Helin", "faststall"),
        k,
        dokument=system.dokument,
    )
    return dnr


def _oppna(system: Arendesystem, datum: date) -> None:
    sm.oppna(
        system.uow(),
        mote(datum),
        system.klocka,
        narvaro=NARVARO,
        ordforande=ORDF,
        justerare=[JUSTERARE],
        justering_forsta=datum + timedelta(days=1),
        justering_sista=datum + timedelta(days=14),
    )


def _sammantraden(system: Arendesystem) -> dict[str, str]:
    u, k, verk = system.uow, system.klocka, system.dokument
    dnr = {}
    for namn, datum in (("kallat", KALLAT), ("pagar", PAGAR), ("avslutat", AVSLUTAT)):
        dnr[f"mote-{namn}"] = _nominering_till(system, datum)
        sm.kalla(u(), mote(datum), k, verk, datum - timedelta(days=7))
    _oppna(system, PAGAR)
    _oppna(system, AVSLUTAT)
    sm.besluta(u(), mote(AVSLUTAT), k, verk, sm.NyttBeslut(dnr["mote-avslutat"], Utfall.BIFALL))
    sm.stang(u(), mote(AVSLUTAT), k, verk, AVSLUTAT + timedelta(days=1))
    return dnr


def _bygg(system: Arendesystem) -> dict[str, str]:
    """Seven ärenden, one per stage a step can be tried from (seed 000's facts), and three
    sammanträden with an ärende each (made first: their paragrafer are the year's first)."""
    u, k, d = system.uow, system.klocka, system.dokument
    svar = exempel()["svar"]
    moten = _sammantraden(system)
    dnr: dict[str, str] = {"registrerat": registrera(system), **moten}

    dnr["beredning"] = registrera(system)
    h.paborja_beredning(dnr["beredning"], u(), kontext("Lena Murray", "beredning"), k)

    for steg in ("samverkat", "dagordning", "beslutat", "justerat", "anslaget"):
        dnr[steg] = registrera(system)
        if steg == "samverkat":
            h.paborja_beredning(dnr[steg], u(), kontext("Lena Murray", "beredning"), k)
            h.registrera_samverkan(
                dnr[steg], date(2008, 5, 6), "", u(), kontext("Lena Murray", "samverkan-1"), k
            )
            continue
        till_faststallt(system, dnr[steg])
        h.satt_pa_dagordning(
            dnr[steg], date(2008, 5, 13), u(), kontext("Lena Murray", "dagordning"), k, dokument=d
        )
    for paragraf, steg in enumerate(("beslutat", "justerat", "anslaget"), 45):
        h.registrera_beslut(
            dnr[steg], Utfall.BIFALL, paragraf, True, u(), kontext("Karin Ekström", "beslut"), k
        )
    j = svar["justering"]
    for steg in ("justerat", "anslaget"):
        h.registrera_justering(
            dnr[steg],
            date(2008, 5, 13),
            j["ordforande"],
            j["justerare"],
            u(),
            kontext("Karin Ekström", "justering"),
            k,
            dokument=d,
        )
    h.registrera_anslag(
        dnr["anslaget"], date(2008, 5, 14), u(), kontext("Karin Ekström", "anslag"), k, dokument=d
    )
    return dnr


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def miljo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Miljo]:
    tmp = tmp_path_factory.mktemp("felaktiga")
    schema = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'arende.db'}"
    else:
        if not request.getfixturevalue("pg_tillganglig"):
            pytest.skip(f"PostgreSQL på {PG_URL} svarar inte")
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with create_engine(PG_URL, isolation_level="AUTOCOMMIT").connect() as a:
            a.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = pg_schema_url(schema)
    uppgradera(url)
    motor = skapa_motor(url)
    system = Arendesystem(motor, klocka=FastKlocka(), arkiv=Filarkiv(tmp / "arkiv"))
    ladda_grunddata(system, GRUNDDATA)
    try:
        yield Miljo(system, url, tmp / "arkiv", tmp, _bygg(system))
    finally:
        motor.dispose()
        if schema:
            with create_engine(PG_URL, isolation_level="AUTOCOMMIT").connect() as a:
                a.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


# -- how a refusal is caught ----------------------------------------------------------------


def avvisning(gor: Callable[[], object]) -> str:
    """The Swedish message of a refusal; a case that is not refused fails the test."""
    try:
        resultat = gor()
    except ArendeFel as fel:
        return fel.meddelande
    raise AssertionError(f"togs emot, men skulle avvisas (gav {resultat!r})")


def formular(modell: type[BaseModel], svar: dict[str, Any]) -> str:
    """An answer checked by the form's own model, as deployments/svarare.py and the UI do."""
    try:
        modell.model_validate(svar)
    except ValidationError as fel:
        return svenska_valideringsfel(modell, fel)
    raise AssertionError("formuläret tog emot svaret")


def cli(m: Miljo, *argument: str, **miljovariabler: str) -> str:
    """`arende ...` against the module's database; a refusal is exit code 2 and one line on
    stderr, never a traceback."""
    env = {
        "ARENDE_DATABASE_URL": m.url,
        "ARENDE_ARKIV_DIR": str(m.arkiv),
        "PREFECT_API_URL": "http://127.0.0.1:9/api",
        **miljovariabler,
    }
    resultat = korare.invoke(app, list(argument), env=env)
    assert resultat.exit_code == 2, (resultat.exit_code, resultat.output, resultat.exception)
    assert "Traceback" not in resultat.output
    return resultat.stderr


# -- the service layer: registration ----------------------------------------------------------


def nominering(m: Miljo, aktor: str | None = None, **andrat: Any) -> str:
    uppgifter = exempel()["uppgifter"]
    falt: dict[str, Any] = {
        "namnd": uppgifter["namnd"],
        "handlaggare": uppgifter["handlaggare"],
        "utmarkelsear": uppgifter["utmarkelsear"],
        "nomineringar": [Nominering("Maria Ungdomsenhet", "övrig vård och omsorg", "")],
        "planerat_sammantrade": date(2008, 5, 13),
        "registreringsdatum": date(2008, 4, 14),
    } | andrat
    cmd = h.NyNominering(**falt)
    vem = kontext(aktor or cmd.handlaggare, f"registrering-{uuid.uuid4()}")
    return avvisning(
        lambda: h.registrera_nominering(
            cmd, m.system.uow(), vem, m.system.klocka, m.system.kalender
        )
    )


def start_uppgifter(**andrat: Any) -> dict[str, Any]:
    """The nomination's own fields of the start form of arende/nominering."""
    return {
        "utmarkelsear": 2008,
        "enheter": [
            {"namn": "Maria Ungdomsenhet", "klass": "övrig vård och omsorg", "beskrivning": ""}
        ],
        "omedelbar_justering": "enligt tidsplanen",
        "avslutande_kommentar": "",
    } | andrat


def ny_typ(m: Miljo, typ: str = "nominering", **andrat: Any) -> str:
    """The registration the run of arende/nominering makes, with the start form's answers
    (the type's fields checked against its definition before a number is taken)."""
    cmd = arendetyper.NyttArende(
        typ,
        NAMND,
        "Lena Murray",
        date(2008, 5, 13),
        start_uppgifter(**andrat),
        registreringsdatum=date(2008, 4, 14),
    )
    vem = kontext("Lena Murray", f"registrering-{uuid.uuid4()}")
    return avvisning(
        lambda: arendetyper.registrera_arende(
            cmd, m.system.typer, m.system.uow(), vem, m.system.klocka, m.system.kalender
        )
    )


def startformular(m: Miljo, svar: dict[str, Any]) -> str:
    """The start form of arende/nominering as the deployment's schema is built from it."""
    return formular(startmodell(m.system.typer["nominering"], Arendeuppgifter), svar)


# -- the service layer: the sammanträde --------------------------------------------------------


def kalla(m: Miljo, datum: date, aktor: str = SEKRETERARE, utskick: date | None = None) -> str:
    s = m.system
    return avvisning(lambda: sm.kalla(s.uow(), mote(datum, aktor), s.klocka, s.dokument, utskick))


def oppna(m: Miljo, datum: date = KALLAT, **andrat: Any) -> str:
    """Open the kallat meeting with one thing wrong."""
    s = m.system
    argument: dict[str, Any] = {
        "narvaro": NARVARO,
        "ordforande": ORDF,
        "justerare": [JUSTERARE],
        "justering_forsta": datum + timedelta(days=1),
        "justering_sista": datum + timedelta(days=14),
    } | andrat
    return avvisning(lambda: sm.oppna(s.uow(), mote(datum), s.klocka, **argument))


def besluta(m: Miljo, datum: date = PAGAR, arende: str = "mote-pagar", **beslut: Any) -> str:
    """A beslut at the meeting that pågår, in its ärende unless another is named."""
    s = m.system
    nytt = sm.NyttBeslut(m.dnr[arende], **({"utfall": Utfall.BIFALL} | beslut))
    return avvisning(lambda: sm.besluta(s.uow(), mote(datum), s.klocka, s.dokument, nytt))


def protokollets_sha(m: Miljo, datum: date = AVSLUTAT) -> str:
    with m.system.uow() as uow:
        fil = uow.sammantraden.protokoll(NAMND, datum)
    return fil.sha256 if fil else "0" * 64


def signera(
    m: Miljo,
    namn: str = JUSTERARE,
    sha: str | None = None,
    tid: datetime = datetime(2008, 3, 20, 10, tzinfo=STOCKHOLM),
    datum: date = AVSLUTAT,
) -> str:
    """A signature of the avslutat meeting's protokoll (the version it has, unless `sha`)."""
    s = m.system
    summa = protokollets_sha(m, datum) if sha is None else sha
    return avvisning(
        lambda: sm.signera(
            s.uow(), mote(datum, namn), s.klocka, s.dokument, tidpunkt=tid, protokoll_sha256=summa
        )
    )


def ansla(m: Miljo, datum: date, dag: date, omedelbart: bool = False) -> str:
    s = m.system
    gor = sm.ansla_omedelbart if omedelbart else sm.ansla
    return avvisning(lambda: gor(s.uow(), mote(datum), s.klocka, s.dokument, dag))


def beslutssvar(**svar: Any) -> dict[str, Any]:
    return {"utfall": "bifall"} | svar


def enhet(
    namn: str = "Maria Ungdomsenhet", klass: str = "övrig vård och omsorg", beskr: str = ""
) -> list[Nominering]:
    return [Nominering(namn, klass, beskr)]


# -- the service layer: steps --------------------------------------------------------------


def steg(m: Miljo, skede: str, handling: str, aktor: str, *arg: Any, **kw: Any) -> str:
    """One step on the ärende at `skede`, under a key of its own."""
    funktion = getattr(h, handling)
    if handling in (
        "faststall_forslag",
        "satt_pa_dagordning",
        "registrera_justering",
        "registrera_anslag",
    ):
        kw["dokument"] = m.system.dokument
    dnr = kw.pop("dnr", None) or m.dnr[skede]
    vem = kontext(aktor, f"fel-{uuid.uuid4()}")
    return avvisning(lambda: funktion(dnr, *arg, m.system.uow(), vem, m.system.klocka, **kw))


def med_mall(m: Miljo, innehall: str | None) -> str:
    """fastställ with a kommun's own template folder whose tjänsteutlåtande has
    `innehall` as its only paragraph (None: the template went missing after the engine
    started; a folder without it at the start stops the start, tests/unit/test_arendetyper)."""
    katalog = m.tmp / f"mallar-{uuid.uuid4().hex[:8]}"
    shutil.copytree(MALLAR, katalog)
    fil = katalog / "tjansteutlatande_nominering.docx"
    system = dataclasses.replace(m.system, mallkatalog=katalog)
    verk = system.dokument
    if innehall is None:
        fil.unlink()
    else:
        d = Document()
        d.add_paragraph(innehall)
        d.save(str(fil))
    vem = kontext("Dag Helin", f"fel-{uuid.uuid4()}")
    return avvisning(
        lambda: h.faststall_forslag(
            m.dnr["samverkat"],
            date(2008, 5, 7),
            ["Dag Helin"],
            system.uow(),
            vem,
            system.klocka,
            dokument=verk,
        )
    )


# -- the importers ---------------------------------------------------------------------------


def grunddatafil(m: Miljo, andra: Callable[[str], str]) -> str:
    fil = m.tmp / f"grunddata-{uuid.uuid4().hex[:8]}.toml"
    fil.write_text(andra(GRUNDDATA.read_text(encoding="utf-8")), encoding="utf-8")
    return avvisning(lambda: ladda_grunddata(m.system, fil))


def fragefil(m: Miljo, andra: Callable[[str], str], namn: str = "") -> str:
    katalog = m.tmp / f"fragor-{uuid.uuid4().hex[:8]}"
    katalog.mkdir()
    fil = katalog / (namn or "kvalitetsutmarkelsen_2020.toml")
    fil.write_text(
        andra((FRAGOR / "kvalitetsutmarkelsen_2020.toml").read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    return avvisning(lambda: las_fragebatteri(fil))


def batteri_2020() -> Any:
    return las_fragebatteri(FRAGOR / "kvalitetsutmarkelsen_2020.toml")


def svarsmall(filnamn: str, innehall: bytes) -> Callable[[Miljo], str]:
    return lambda _m: avvisning(lambda: las_svarsmall(filnamn, innehall, batteri_2020()))


def _mall_2020() -> bytes:
    return skapa_svarsmall(batteri_2020(), "Maria Ungdomsenhet")


def _med_del(namn: str, data: bytes) -> bytes:
    """A genuine answer template with one more zip member: a tampered upload."""
    ut = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_mall_2020())) as orig, zipfile.ZipFile(ut, "w") as ny:
        for d in orig.infolist():
            ny.writestr(d, orig.read(d))
        ny.writestr(zipfile.ZipInfo(namn), data, compress_type=zipfile.ZIP_DEFLATED)
    return ut.getvalue()


def _omskriven_fraga() -> bytes:
    """A genuine template in which the unit rewrote the heading of question 3."""
    d = Document(io.BytesIO(_mall_2020()))
    for p in d.paragraphs:
        if p.style is not None and p.style.name == "Heading 2" and p.text.startswith("Fråga 3."):
            p.text = "Fråga 3. Beskriv något helt annat"
            break
    ut = io.BytesIO()
    d.save(ut)
    return ut.getvalue()


def _annat_ars_mall() -> bytes:
    return skapa_svarsmall(dataclasses.replace(batteri_2020(), ar=2019))


def verksamhetsplan(m: Miljo, innehall: bytes) -> str:
    fil = m.tmp / f"vp-{uuid.uuid4().hex[:8]}.txt"
    fil.write_bytes(innehall)
    return avvisning(lambda: las_verksamhetsplan(fil))


# -- the catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fall:
    id: str
    gor: Callable[[Miljo], str]
    svenska: str  # a phrase the Swedish message must contain
    loggas: bool = False  # a refused step on an ärende: one "avvisad" event and its key


LANG = "x" * 20_001
NAMN_201 = "E" * 201
SAMMANTRADE = date(2008, 5, 13)

FALL = [
    # Registration through the service layer.
    Fall(
        "reg-okand-namnd",
        lambda m: nominering(m, namnd="Finansnämnden"),
        "Okänd nämnd 'Finansnämnden'",
    ),
    Fall(
        "reg-okand-handlaggare",
        lambda m: nominering(m, handlaggare="Okänd Person"),
        "finns inte i personregistret",
    ),
    Fall(
        "reg-fel-roll",
        lambda m: nominering(m, handlaggare="Karin Ekström"),
        "får inte registrera ärendet",
    ),
    Fall(
        "reg-nagon-annans-arende",
        lambda m: nominering(m, aktor="Dag Helin"),
        "en handläggare registrerar sina egna ärenden",
    ),
    Fall(
        "reg-okant-utmarkelsear",
        lambda m: nominering(m, utmarkelsear=1999),
        "Kvalitetsutmärkelsen 1999 är inte upplagd",
    ),
    Fall(
        "reg-inga-verksamheter",
        lambda m: nominering(m, nomineringar=[]),
        "Ange minst en verksamhet",
    ),
    Fall(
        "reg-samma-verksamhet-tva-ganger",
        lambda m: nominering(m, nomineringar=enhet() + enhet("maria ungdomsenhet")),
        "nominerad två gånger",
    ),
    Fall(
        "reg-okand-klass",
        lambda m: nominering(m, nomineringar=enhet(klass="rymdfart")),
        "Klassen 'rymdfart' finns inte",
    ),
    Fall(
        "reg-tomt-verksamhetsnamn",
        lambda m: nominering(m, nomineringar=enhet("   ")),
        "Verksamhetens namn saknas: fyll i det fältet",
    ),
    Fall(
        "reg-for-langt-verksamhetsnamn",
        lambda m: nominering(m, nomineringar=enhet(NAMN_201)),
        "har 201 tecken; det får vara högst 200 tecken",
    ),
    Fall(
        "reg-for-lang-beskrivning",
        lambda m: nominering(m, nomineringar=enhet(beskr=LANG)),
        "har 20001 tecken; det får vara högst 20000",
    ),
    Fall(
        "reg-for-lang-kommentar",
        lambda m: nominering(m, avslutande_kommentar=LANG),
        "Den avslutande kommentaren har 20001 tecken",
    ),
    Fall(
        "reg-styrtecken-i-namn",
        lambda m: nominering(m, nomineringar=enhet("Maria\x07Ungdom")),
        "innehåller otillåtna styrtecken",
    ),
    Fall(
        "reg-nollbyte-i-kommentar",
        lambda m: nominering(m, avslutande_kommentar="Bra\x00arbete"),
        "otillåtna styrtecken",
    ),
    Fall(
        "reg-registrering-i-framtiden",
        lambda m: nominering(m, registreringsdatum=date(2027, 1, 4)),
        "ligger i framtiden",
    ),
    Fall(
        "reg-sammantrade-fore-registrering",
        lambda m: nominering(m, planerat_sammantrade=date(2008, 4, 1)),
        "ligger före registreringsdatumet",
    ),
    Fall(
        "reg-sammantrade-efter-sista-dag",
        lambda m: nominering(
            m, planerat_sammantrade=date(2008, 6, 10), registreringsdatum=date(2008, 4, 14)
        ),
        "ligger efter sista dag för nominering",
    ),
    Fall(
        "reg-sammantrade-utanfor-planen",
        lambda m: avvisning(
            lambda: frister.kontrollera_sammantrade(
                m.system.uow(),
                "Socialtjänstnämnden",
                date(2008, 5, 12),
                m.system.kalender,
                fran=date(2008, 4, 14),
                utmarkelsear=2008,
            )
        ),
        "har inget sammanträde den 12 maj 2008 enligt sammanträdesplanen",
    ),
    # The steps, each from the stage where it would be next.
    Fall(
        "steg-okant-dnr",
        lambda m: steg(m, "", "paborja_beredning", "Lena Murray", dnr="SoN 2008/999"),
        "Det finns inget ärende med diarienummer 'SoN 2008/999'",
    ),
    Fall(
        "steg-sql-i-dnr",
        lambda m: steg(m, "", "paborja_beredning", "Lena Murray", dnr="x'; DROP TABLE arende; --"),
        "Det finns inget ärende med diarienummer",
    ),
    Fall(
        "beredning-av-nämndsekreterare",
        lambda m: steg(m, "registrerat", "paborja_beredning", "Karin Ekström"),
        "får inte påbörja beredning",
        loggas=True,
    ),
    Fall(
        "samverkan-okand-person",
        lambda m: steg(
            m, "beredning", "registrera_samverkan", "Okänd Person", date(2008, 5, 6), ""
        ),
        "Okänd person 'Okänd Person'",
        loggas=True,
    ),
    Fall(
        "samverkan-fore-beredning",
        lambda m: steg(
            m, "registrerat", "registrera_samverkan", "Lena Murray", date(2008, 5, 6), ""
        ),
        "innan ärendet är under beredning",
        loggas=True,
    ),
    Fall(
        "samverkan-efter-sammantradet",
        lambda m: steg(
            m, "beredning", "registrera_samverkan", "Lena Murray", date(2008, 5, 20), ""
        ),
        "ligger efter sammanträdet",
        loggas=True,
    ),
    Fall(
        "samverkan-i-framtiden",
        lambda m: steg(m, "beredning", "registrera_samverkan", "Lena Murray", date(2027, 1, 4), ""),
        "ligger i framtiden",
        loggas=True,
    ),
    Fall(
        "samverkan-fore-registreringen",
        lambda m: steg(m, "beredning", "registrera_samverkan", "Lena Murray", date(2008, 4, 1), ""),
        "ligger före registreringen",
        loggas=True,
    ),
    Fall(
        "samverkan-for-lang-anteckning",
        lambda m: steg(
            m, "beredning", "registrera_samverkan", "Lena Murray", date(2008, 5, 6), LANG
        ),
        "Anteckningen har",
        loggas=True,
    ),
    Fall(
        "samverkan-styrtecken",
        lambda m: steg(
            m, "beredning", "registrera_samverkan", "Lena Murray", date(2008, 5, 6), "ok\x1b[31m"
        ),
        "otillåtna styrtecken",
        loggas=True,
    ),
    Fall(
        "faststall-av-handlaggare",
        lambda m: steg(
            m, "samverkat", "faststall_forslag", "Lena Murray", date(2008, 5, 7), ["Dag Helin"]
        ),
        "får inte fastställa förslaget",
        loggas=True,
    ),
    Fall(
        "faststall-undertecknare-ej-chef",
        lambda m: steg(
            m, "samverkat", "faststall_forslag", "Dag Helin", date(2008, 5, 7), ["Lena Murray"]
        ),
        "får inte underteckna förslaget",
        loggas=True,
    ),
    Fall(
        "faststall-okand-undertecknare",
        lambda m: steg(
            m, "samverkat", "faststall_forslag", "Dag Helin", date(2008, 5, 7), ["Okänd Chef"]
        ),
        "Okänd person 'Okänd Chef'",
        loggas=True,
    ),
    Fall(
        "faststall-utan-undertecknare",
        lambda m: steg(
            m, "samverkat", "faststall_forslag", "Dag Helin", date(2008, 5, 7), ["", " "]
        ),
        "minst en chef",
        loggas=True,
    ),
    Fall(
        "faststall-fore-samverkan",
        lambda m: steg(
            m, "samverkat", "faststall_forslag", "Dag Helin", date(2008, 5, 1), ["Dag Helin"]
        ),
        "före samverkan den",
        loggas=True,
    ),
    Fall(
        "beslut-av-handlaggare",
        lambda m: steg(
            m, "dagordning", "registrera_beslut", "Lena Murray", Utfall.BIFALL, 50, True
        ),
        "får inte registrera nämndens beslut",
        loggas=True,
    ),
    Fall(
        "beslut-paragraf-noll",
        lambda m: steg(
            m, "dagordning", "registrera_beslut", "Karin Ekström", Utfall.BIFALL, 0, True
        ),
        "positivt heltal, inte 0",
        loggas=True,
    ),
    Fall(
        "beslut-paragraf-upptagen",
        lambda m: steg(
            m, "dagordning", "registrera_beslut", "Karin Ekström", Utfall.BIFALL, 45, True
        ),
        "§ 45 i Socialtjänstnämndens protokoll 2008 är redan använd",
        loggas=True,
    ),
    Fall(
        "beslut-andrat-utan-text",
        lambda m: steg(
            m, "dagordning", "registrera_beslut", "Karin Ekström", Utfall.ANDRAT_BESLUT, 50, False
        ),
        "Beslutstexten saknas: fyll i det fältet",
        loggas=True,
    ),
    Fall(
        "beslut-bordlaggning-utan-datum",
        lambda m: steg(
            m, "dagordning", "registrera_beslut", "Karin Ekström", Utfall.BORDLAGGNING, 50, False
        ),
        "Ange det sammanträde som ärendet bordläggs till",
        loggas=True,
    ),
    Fall(
        "beslut-omedelbar-vid-aterremiss",
        lambda m: steg(
            m,
            "dagordning",
            "registrera_beslut",
            "Karin Ekström",
            Utfall.ATERREMISS,
            50,
            True,
            nytt_sammantrade=date(2008, 5, 16),
        ),
        "Omedelbar justering gäller ett beslut i sak",
        loggas=True,
    ),
    Fall(
        "justering-fel-dag-vid-omedelbar",
        lambda m: steg(
            m,
            "beslutat",
            "registrera_justering",
            "Karin Ekström",
            date(2008, 5, 12),
            "Ordf",
            ["Just"],
        ),
        "förklarades omedelbart justerad",
        loggas=True,
    ),
    Fall(
        "justering-ordforande-ar-justerare",
        lambda m: steg(
            m,
            "beslutat",
            "registrera_justering",
            "Karin Ekström",
            SAMMANTRADE,
            "Anna A",
            ["anna a"],
        ),
        "är ordförande och kan inte också vara justerare",
        loggas=True,
    ),
    Fall(
        "justering-utan-justerare",
        lambda m: steg(
            m, "beslutat", "registrera_justering", "Karin Ekström", SAMMANTRADE, "Anna A", []
        ),
        "Ange minst en justerare",
        loggas=True,
    ),
    Fall(
        "anslag-fore-justeringen",
        lambda m: steg(m, "justerat", "registrera_anslag", "Karin Ekström", date(2008, 5, 12)),
        "ligger före justeringen",
        loggas=True,
    ),
    Fall(
        "anslag-av-registrator",
        lambda m: steg(m, "justerat", "registrera_anslag", "Per Lindqvist", date(2008, 5, 14)),
        "får inte registrera anslaget",
        loggas=True,
    ),
    Fall(
        "anslag-en-gang-till",
        lambda m: steg(m, "anslaget", "registrera_anslag", "Karin Ekström", date(2008, 5, 14)),
        "ärendet är redan anslaget",
        loggas=True,
    ),
    Fall(
        "expediering-utan-mottagare",
        lambda m: steg(m, "anslaget", "expediera", "Karin Ekström", date(2008, 5, 15), []),
        "Ange minst en mottagare",
        loggas=True,
    ),
    Fall(
        "expediering-styrtecken-mottagare",
        lambda m: steg(m, "anslaget", "expediera", "Karin Ekström", date(2008, 5, 15), ["S\x0cLK"]),
        "Mottagarens namn innehåller otillåtna styrtecken",
        loggas=True,
    ),
    Fall(
        "expediering-i-framtiden",
        lambda m: steg(m, "anslaget", "expediera", "Karin Ekström", date(2030, 1, 2), ["SLK"]),
        "ligger i framtiden",
        loggas=True,
    ),
    # The forms: wrong types, checked by the forms' own models before anything runs.
    Fall(
        "formular-datum-som-text",
        lambda _m: formular(SamverkanSvar, {"datum": "igår", "registreras_av": "Lena Murray"}),
        "'Datum för samverkan' är inget datum",
    ),
    Fall(
        "formular-30-februari",
        lambda _m: formular(
            SamverkanSvar, {"datum": "2008-02-30", "registreras_av": "Lena Murray"}
        ),
        "'Datum för samverkan' är inget datum",
    ),
    Fall(
        "formular-okant-utfall",
        lambda _m: formular(beslutsformular(TJANSTGORANDE), beslutssvar(utfall="kanske")),
        "'Nämndens beslut' har ett värde som inte finns bland valen",
    ),
    Fall(
        "formular-omedelbar-som-text",
        lambda _m: formular(
            beslutsformular(TJANSTGORANDE), beslutssvar(omedelbart_justerad="kanske")
        ),
        "'Omedelbart justerad' ska vara ja eller nej",
    ),
    Fall(
        "formular-nytt-sammantrade-som-text",
        lambda _m: formular(
            beslutsformular(TJANSTGORANDE),
            beslutssvar(utfall="bordläggning", nytt_sammantrade="nästa gång"),
        ),
        "'Nästa sammanträde' är inget datum",
    ),
    Fall(
        "formular-rost-av-den-som-inte-tjanstgor",
        lambda _m: formular(
            beslutsformular(TJANSTGORANDE),
            beslutssvar(omrostning=True, ja=["Karin Ekblad", "Olle Strand"]),
        ),
        "'Röstade ja' har ett värde som inte finns bland valen",
    ),
    Fall(
        "formular-yrkanden-ej-lista",
        lambda _m: formular(
            beslutsformular(TJANSTGORANDE), beslutssvar(yrkanden="bifall till förslaget")
        ),
        "'Yrkanden' ska vara en lista",
    ),
    Fall(
        "formular-signatur-utan-kontrollsumma",
        lambda _m: formular(SigneraSvar, {"namn": ORDF, "jag_justerar": True}),
        "'Protokollets kontrollsumma (sha256)' saknas",
    ),
    Fall(
        "formular-signatur-kryss-som-text",
        lambda _m: formular(
            SigneraSvar, {"namn": ORDF, "protokoll_sha256": "0" * 64, "jag_justerar": "kanske"}
        ),
        "'Jag har läst protokollet och justerar det' ska vara ja eller nej",
    ),
    Fall(
        "formular-signatur-klockan-25",
        lambda _m: formular(
            SigneraSvar,
            {
                "namn": ORDF,
                "protokoll_sha256": "0" * 64,
                "jag_justerar": True,
                "datum": "2008-05-20",
                "klockslag": "25:00",
            },
        ),
        "'Klockslag' är inget klockslag (skriv TT:MM, t.ex. 18:00)",
    ),
    Fall(
        "formular-signatur-datum-som-text",
        lambda _m: formular(
            SigneraSvar,
            {
                "namn": ORDF,
                "protokoll_sha256": "0" * 64,
                "jag_justerar": True,
                "datum": "i tisdags",
            },
        ),
        "'Justerat den' är inget datum",
    ),
    Fall(
        "formular-avslutat-i-ord",
        lambda _m: formular(AvslutaSvar, {"avslutades": "halv åtta"}),
        "'Sammanträdet avslutades kl.' är inget klockslag",
    ),
    Fall(
        "formular-namn-saknas",
        lambda _m: formular(ExpedieringSvar, {"datum": "2008-05-15", "mottagare": ["SLK"]}),
        "'Ditt namn' saknas",
    ),
    Fall(
        "formular-start-utan-sammantrade",
        lambda m: startformular(m, {"namnd": "Socialtjänstnämnden"} | start_uppgifter()),
        "'Sammanträde' saknas",
    ),
    Fall(
        "formular-start-ar-som-text",
        lambda m: startformular(
            m, {"sammantrade": "2008-05-13"} | start_uppgifter(utmarkelsear="tjugohundraåtta")
        ),
        "'Utmärkelsens år' är inget heltal",
    ),
    Fall(
        "formular-start-okant-val",
        lambda m: startformular(
            m, {"sammantrade": "2008-05-13"} | start_uppgifter(omedelbar_justering="kanske")
        ),
        "'Omedelbar justering' har ett värde som inte finns bland valen",
    ),
    Fall(
        "formular-start-verksamheter-ej-lista",
        lambda m: startformular(
            m, {"sammantrade": "2008-05-13"} | start_uppgifter(enheter="Maria Ungdomsenhet")
        ),
        "'Verksamheter som nomineras' ska vara en lista",
    ),
    # The start answers of arende/nominering, checked against the type's definition by the
    # registration (what reaches it past the form, e.g. through the API).
    Fall(
        "typ-okand-arendetyp",
        lambda m: ny_typ(m, typ="skrivelse"),
        "Okänd ärendetyp 'skrivelse'. Kända ärendetyper: anmalan, deltagande",
    ),
    Fall(
        "typ-okant-falt",
        lambda m: ny_typ(m, rymdfart="ja"),
        "Formuläret har inget fält 'rymdfart'",
    ),
    Fall(
        "typ-ar-som-text",
        lambda m: ny_typ(m, utmarkelsear="tjugohundraåtta"),
        "Utmärkelsens år ska vara ett heltal, inte 'tjugohundraåtta'",
    ),
    Fall(
        "typ-okant-val",
        lambda m: ny_typ(m, omedelbar_justering="kanske"),
        "Omedelbar justering: 'kanske' finns inte bland alternativen",
    ),
    Fall(
        "typ-verksamhet-utan-namn",
        lambda m: ny_typ(m, enheter=[{"namn": " ", "klass": "övrig vård och omsorg"}]),
        "Verksamhetens namn saknas: fyll i det fältet",
    ),
    Fall(
        "typ-verksamheter-ej-poster",
        lambda m: ny_typ(m, enheter=["Maria Ungdomsenhet"]),
        "Verksamheter som nomineras ska vara en lista med poster",
    ),
    Fall(
        "typ-klass-fran-ett-annat-ar",
        lambda m: ny_typ(m, enheter=[{"namn": "Maria Ungdomsenhet", "klass": "förskola"}]),
        "Klassen 'förskola' finns inte i kvalitetsutmärkelsen 2008",
    ),
    Fall(
        "typ-styrtecken-i-verksamhetens-namn",
        lambda m: ny_typ(
            m, enheter=[{"namn": "Maria\x07Ungdom", "klass": "övrig vård och omsorg"}]
        ),
        "Verksamhetens namn innehåller otillåtna styrtecken",
    ),
    # The sammanträde (service_layer/sammantraden.py): a refused step is rolled back whole.
    Fall(
        "mote-kalla-utanfor-planen",
        lambda m: kalla(m, date(2008, 5, 14)),
        "har inget sammanträde den 14 maj 2008 i sammanträdesplanen",
    ),
    Fall(
        "mote-kalla-utan-redo-arenden",
        lambda m: kalla(m, date(2008, 8, 26)),
        "Inget ärende är redo för Socialtjänstnämndens sammanträde den 26 augusti 2008",
    ),
    Fall(
        "mote-kallelse-i-framtiden",
        lambda m: kalla(m, KALLAT, utskick=date(2027, 1, 4)),
        "kan inte registreras som utskickad i framtiden",
    ),
    Fall(
        "mote-kallar-handlaggaren",
        lambda m: kalla(m, KALLAT, aktor="Lena Murray"),
        "Lena Murray får inte kalla till sammanträdet",
    ),
    Fall(
        "mote-oppna-utan-kallelse",
        lambda m: oppna(m, date(2008, 6, 17)),
        "inget kallat sammanträde den 17 juni 2008: kalla till det först",
    ),
    Fall(
        "mote-inte-beslutfor",
        lambda m: oppna(m, narvaro=dataclasses.replace(NARVARO, ledamoter=LEDAMOTER[:4])),
        "Socialtjänstnämnden är inte beslutför: 5 av 11 ledamöter tjänstgör",
    ),
    Fall(
        "mote-justering-efter-14-dagar",
        lambda m: oppna(m, justering_sista=KALLAT + timedelta(days=20)),
        "ska vara justerat inom 14 dagar efter sammanträdet",
    ),
    Fall(
        "mote-ordforande-som-justerare",
        lambda m: oppna(m, justerare=[ORDF]),
        "Karin Ekblad är ordförande och justerar redan",
    ),
    Fall(
        "mote-franvarande-justerare",
        lambda m: oppna(m, justerare=["Tomas Rydén"]),
        "Tomas Rydén är inte närvarande vid sammanträdet och kan inte vara justerare",
    ),
    Fall(
        "mote-ersattare-som-inte-tjanstgor-justerar",
        lambda m: oppna(m, justerare=["Olle Strand"]),
        "Olle Strand är närvarande ersättare men tjänstgör inte",
    ),
    Fall(
        "mote-beslut-innan-motet-oppnats",
        lambda m: besluta(m, KALLAT, "mote-kallat"),
        "Det går inte att besluta i ett ärende innan",
    ),
    Fall(
        "mote-beslut-i-arende-utanfor-dagordningen",
        lambda m: besluta(m, arende="registrerat"),
        "står inte på dagordningen (version 1) för sammanträdet den 22 april 2008",
    ),
    Fall(
        "mote-beslut-efter-avslutat-mote",
        lambda m: besluta(m, AVSLUTAT, "mote-avslutat", utfall=Utfall.AVSLAG),
        "Sammanträdet den 18 mars 2008 är redan",
    ),
    Fall(
        "mote-bordlaggning-utan-datum",
        lambda m: besluta(m, utfall=Utfall.BORDLAGGNING),
        "Ange det sammanträde som ärendet bordläggs till",
    ),
    Fall(
        "mote-bordlaggning-bakat",
        lambda m: besluta(m, utfall=Utfall.BORDLAGGNING, nytt_sammantrade=AVSLUTAT),
        "kan bara skjutas till ett senare sammanträde än det den 22 april 2008",
    ),
    Fall(
        "mote-omedelbar-vid-aterremiss",
        lambda m: besluta(
            m,
            utfall=Utfall.ATERREMISS,
            omedelbart_justerad=True,
            nytt_sammantrade=date(2008, 5, 13),
        ),
        "Omedelbar justering gäller ett beslut i sak",
    ),
    Fall(
        "mote-nytt-sammantrade-vid-bifall",
        lambda m: besluta(m, nytt_sammantrade=date(2008, 5, 13)),
        "Ett nytt sammanträde anges bara när ärendet bordläggs eller återremitteras",
    ),
    Fall(
        "mote-andrat-beslut-utan-text",
        lambda m: besluta(m, utfall=Utfall.ANDRAT_BESLUT),
        "Beslutstexten saknas: fyll i det fältet",
    ),
    Fall(
        "mote-yrkande-av-okand",
        lambda m: besluta(m, yrkanden=[Yrkande(1, "Okänd Person", "bifall")]),
        "Okänd Person är varken ledamot eller ersättare i Socialtjänstnämnden och kan inte yrka",
    ),
    Fall(
        "mote-yrkanden-med-lucka",
        lambda m: besluta(
            m, yrkanden=[Yrkande(1, ORDF, "bifall"), Yrkande(3, JUSTERARE, "avslag")]
        ),
        "nummer 2 saknas",
    ),
    Fall(
        "mote-omrostning-med-saknade-roster",
        lambda m: besluta(
            m,
            omrostning=Omrostning(
                "Den som vill bifalla förslaget röstar ja.",
                "Den som vill avslå förslaget röstar nej.",
                ((ORDF, Rostval.JA), (JUSTERARE, Rostval.NEJ)),
            ),
        ),
        "Röst saknas för",
    ),
    Fall(
        "mote-avslutas-med-obehandlat-arende",
        lambda m: avvisning(
            lambda: sm.stang(m.system.uow(), mote(PAGAR), m.system.klocka, m.system.dokument, PAGAR)
        ),
        "står på dagordningen men har ingen paragraf",
    ),
    Fall(
        "mote-omedelbart-anslag-utan-omedelbar-paragraf",
        lambda m: ansla(m, PAGAR, PAGAR, omedelbart=True),
        "har inga omedelbart justerade paragrafer som väntar på anslag",
    ),
    Fall(
        "signatur-av-den-som-inte-justerar",
        lambda m: signera(m, "Anders Palmér"),
        "Anders Palmér är varken ordförande eller justerare vid sammanträdet den 18 mars 2008",
    ),
    Fall(
        "signatur-pa-en-annan-version",
        lambda m: signera(m, sha="0" * 64),
        "Du har läst en annan version av protokollet än den som nu gäller",
    ),
    Fall(
        "signatur-utan-kontrollsumma",
        lambda m: signera(m, sha="inte en summa"),
        "är ingen SHA-256-summa (64 hexadecimala tecken)",
    ),
    Fall(
        "signatur-fore-justeringstiden",
        lambda m: signera(m, tid=datetime(2008, 3, 18, 21, tzinfo=STOCKHOLM)),
        "signaturen den 18 mars 2008 är för tidig",
    ),
    Fall(
        "signatur-efter-justeringstiden",
        lambda m: signera(m, tid=datetime(2008, 4, 3, 9, tzinfo=STOCKHOLM)),
        "Tiden för justering gick ut den 1 april 2008",
    ),
    Fall(
        "signatur-i-framtiden",
        lambda m: signera(m, tid=datetime(2027, 1, 4, 9, tzinfo=STOCKHOLM)),
        "Signaturen är daterad 4 januari 2027, i framtiden",
    ),
    Fall(
        "signatur-innan-protokollet-finns",
        lambda m: signera(m, datum=PAGAR, tid=datetime(2008, 4, 23, 9, tzinfo=STOCKHOLM)),
        "Protokollet är inte upprättat än: avsluta sammanträdet först",
    ),
    Fall(
        "anslag-innan-protokollet-justerats",
        lambda m: ansla(m, AVSLUTAT, date(2008, 3, 20)),
        "Det går inte att anslå justeringen innan",
    ),
    Fall(
        "anslag-i-framtiden",
        lambda m: ansla(m, AVSLUTAT, date(2027, 1, 4)),
        "Anslagsdatumet (4 januari 2027) ligger i framtiden",
    ),
    # The command line.
    Fall(
        "cli-handlingar-okant-dnr",
        lambda m: cli(m, "handlingar", "SoN 2008/999"),
        "Det finns inget ärende med diarienummer",
    ),
    Fall(
        "cli-historik-okant-dnr",
        lambda m: cli(m, "historik", "SoN 1999/1"),
        "Det finns inget ärende med diarienummer",
    ),
    Fall("cli-okant-format", lambda m: cli(m, "diarium", "--format", "xml"), "Okänt format 'xml'"),
    Fall(
        "cli-sida-noll",
        lambda m: cli(m, "diarium", "--sida", "0"),
        "Sidan måste vara 1 eller större, inte 0",
    ),
    Fall(
        "cli-for-manga-per-sida",
        lambda m: cli(m, "diarium", "--per-sida", "5000"),
        "Antal per sida måste vara mellan 1 och 1000",
    ),
    Fall(
        "cli-okand-status",
        lambda m: cli(m, "diarium", "--status", "klar"),
        "Okänd status 'klar'. Möjliga: registrerat",
    ),
    Fall(
        "cli-felaktig-databasadress",
        lambda m: cli(m, "diarium", ARENDE_DATABASE_URL="mysql://root@localhost/arende"),
        "Felaktig inställning: ARENDE_DATABASE_URL: måste vara en SQLite- eller PostgreSQL-adress",
    ),
    Fall(
        "cli-databasen-nere",
        lambda m: cli(
            m, "diarium", ARENDE_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:1/test"
        ),
        "Databasen svarar inte",
    ),
    Fall(
        "cli-felaktig-ledtid",
        lambda m: cli(m, "diarium", ARENDE_PAMINNELSE_LEDTIDER="tio,fem"),
        "ange vardagar som heltal",
    ),
    Fall(
        "cli-export-okant-dnr",
        lambda m: cli(m, "export", "--dnr", "SoN 2008/999", "--ut", str(m.tmp / "export")),
        "Det finns inget ärende med diarienummer 'SoN 2008/999'",
    ),
    Fall(
        "cli-verifiera-felaktigt-forvantat",
        lambda m: cli(m, "verifiera", "--forvantat", "inte-en-hash"),
        "går inte att läsa: skriv SEKVENS:HASH",
    ),
    Fall(
        "cli-kalender-okand-handlaggare",
        lambda m: cli(m, "kalender", "--handlaggare", "Okänd Person", "--ut", str(m.tmp / "k.ics")),
        "Okänd person",
    ),
    Fall(
        "cli-grunddata-trasig-toml",
        lambda m: cli(m, "grunddata", str(_skriv(m, "[[namnd]\nnamn = ", "trasig.toml"))),
        "är inte giltig TOML",
    ),
    # The importers: reference data, a year's questions, a verksamhetsplan, an upload.
    Fall(
        "grunddata-fil-saknas",
        lambda m: avvisning(lambda: ladda_grunddata(m.system, m.tmp / "finns-inte.toml")),
        "Grunddatafilen",
    ),
    Fall(
        "grunddata-falt-saknas",
        lambda m: grunddatafil(m, lambda t: t.replace('diarieprefix = "SoN"', "", 1)),
        "saknar fältet 'diarieprefix'",
    ),
    Fall(
        "grunddata-fel-typ",
        lambda m: grunddatafil(
            m, lambda t: t.replace('diarieprefix = "SoN"', "diarieprefix = 7", 1)
        ),
        "fältet 'diarieprefix' ska vara",
    ),
    Fall(
        "grunddata-plan-for-okand-namnd",
        lambda m: grunddatafil(
            m,
            lambda t: (
                t
                + '\n[[sammantradesplan]]\nnamnd = "Finansnämnden"\nar = 2008\ndatum = [2008-05-13]\n'
            ),
        ),
        "nämnden 'Finansnämnden' finns inte",
    ),
    Fall(
        "grunddata-plan-klockan-25",
        lambda m: grunddatafil(m, lambda t: t.replace('klockan = "18:00"', 'klockan = "25:00"', 1)),
        "[[sammantradesplan]] nr 1: klockan '25:00' är inget klockslag",
    ),
    Fall(
        "fragor-okant-falt",
        lambda m: fragefil(m, lambda t: "langdgrans = 5\n" + t),
        "okänt fält 'langdgrans'",
    ),
    Fall(
        "fragor-fel-ar-i-filnamnet",
        lambda m: fragefil(m, lambda t: t, "kvalitetsutmarkelsen_2021.toml"),
        "filen heter som år 2021",
    ),
    Fall(
        "fragor-inte-toml",
        lambda m: fragefil(m, lambda t: t + "\n[[avsnitt\n"),
        "är inte giltig TOML",
    ),
    Fall(
        "fragor-inte-utf8",
        lambda m: avvisning(
            lambda: las_fragebatteri(
                _skriv(m, "ar = 2020\n# åäö", "kvalitetsutmarkelsen_2020.toml", "latin-1")
            )
        ),
        "inte sparad som UTF-8",
    ),
    Fall(
        "fragor-ar-saknas",
        lambda m: avvisning(lambda: las_fragebatteri_for(FRAGOR, 1995)),
        "Frågorna för kvalitetsutmärkelsen 1995 finns inte",
    ),
    Fall(
        "verksamhetsplan-tom",
        lambda m: avvisning(lambda: importera_verksamhetsplan("  \n\n")),
        "Verksamhetsplanen är tom",
    ),
    Fall(
        "verksamhetsplan-fil-saknas",
        lambda m: avvisning(lambda: las_verksamhetsplan(m.tmp / "vp-saknas.txt")),
        "finns inte",
    ),
    Fall(
        "verksamhetsplan-inte-utf8",
        lambda m: verksamhetsplan(m, "Verksamhetsplan för Äldreomsorgen".encode("latin-1")),
        "inte sparad som UTF-8",
    ),
    Fall(
        "svarsmall-sokvag-uppat",
        svarsmall("../../etc/svar.docx", b""),
        "Filnamnet '../../etc/svar.docx' är inte tillåtet",
    ),
    Fall("svarsmall-absolut-sokvag", svarsmall("/tmp/svar.docx", b""), "är inte tillåtet"),
    Fall("svarsmall-windows-sokvag", svarsmall("..\\..\\svar.docx", b""), "är inte tillåtet"),
    Fall("svarsmall-nollbyte-i-namnet", svarsmall("svar\x00.docx", b""), "är inte tillåtet"),
    Fall("svarsmall-fel-filandelse", svarsmall("svar.exe", b"MZ"), "är inte tillåtet"),
    Fall(
        "svarsmall-inte-docx",
        svarsmall("svar.docx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        "är inte en Word-fil",
    ),
    Fall(
        "svarsmall-manipulerad-zip-sokvag",
        lambda m: svarsmall("svar.docx", _med_del("../../etc/cron.d/x", b"x"))(m),
        "med en sökväg utanför dokumentet",
    ),
    Fall(
        "svarsmall-zipbomb",
        lambda m: svarsmall(
            "svar.docx", _med_del("word/media/bomb.bin", b"\0" * (3 * 1024 * 1024))
        )(m),
        "packas upp till mycket mer än den väger",
    ),
    Fall(
        "svarsmall-omskriven-fraga",
        lambda m: svarsmall("svar.docx", _omskriven_fraga())(m),
        "rubriken för fråga 3 har ändrats",
    ),
    Fall(
        "svarsmall-annat-ar",
        lambda m: svarsmall("svar.docx", _annat_ars_mall())(m),
        "är svarsmallen för kvalitetsutmärkelsen 2019, inte 2020",
    ),
    # The document templates: a kommun's own template that does not fit.
    Fall(
        "mall-saknat-falt",
        lambda m: med_mall(m, "Till {{ mottagarens_titel }}"),
        "använder fältet 'mottagarens_titel'",
        loggas=True,
    ),
    Fall(
        "mall-trasig-jinja",
        lambda m: med_mall(m, "{% if dnr %}ingen slutpunkt"),
        "har ett fel i en Jinja-tagg",
        loggas=True,
    ),
    Fall(
        "mall-sandladan",
        lambda m: med_mall(m, "{{ dnr.__class__.__mro__ }}"),
        "försöker göra något som inte är tillåtet i en mall",
        loggas=True,
    ),
    Fall(
        "mall-saknas",
        lambda m: med_mall(m, None),
        "Dokumentmallen 'tjansteutlatande_nominering.docx' finns inte",
        loggas=True,
    ),
]


def _skriv(m: Miljo, innehall: str, namn: str, kodning: str = "utf-8") -> Path:
    katalog = m.tmp / f"fil-{uuid.uuid4().hex[:8]}"
    katalog.mkdir()
    fil = katalog / namn
    fil.write_bytes(innehall.encode(kodning))
    return fil


def test_katalogen_har_minst_40_fall() -> None:
    assert len(FALL) >= 40
    assert len({f.id for f in FALL}) == len(FALL)


def filer(katalog: Path) -> set[str]:
    return {str(p.relative_to(katalog)) for p in katalog.rglob("*")} if katalog.exists() else set()


LOGGTABELLER = ("granskningslogg", "granskningshuvud", "utfort_steg")
SAMMANTRADETS_STEG = ("mote-", "signatur-", "anslag-")


@pytest.mark.parametrize("fall", FALL, ids=[f.id for f in FALL])
def test_felaktig_uppgift_avvisas_pa_svenska_och_andrar_inget(miljo: Miljo, fall: Fall) -> None:
    fore = ogonblicksbild(miljo.system)
    filer_fore = filer(miljo.arkiv)

    meddelande = fall.gor(miljo)

    assert fall.svenska in meddelande, meddelande
    efter = ogonblicksbild(miljo.system)
    # Nothing else changed: every table but the audit log's is row for row the same.
    for tabell in fore:
        if tabell not in LOGGTABELLER:
            assert efter[tabell] == fore[tabell], f"tabellen {tabell} ändrades"
    nya_handelser = [r for r in efter["granskningslogg"] if r not in fore["granskningslogg"]]
    nya_steg = [r for r in efter["utfort_steg"] if r not in fore["utfort_steg"]]
    if fall.loggas:
        # The refusal is evidence: one event "avvisad" with the same message, one key.
        assert len(nya_handelser) == 1 and "avvisad" in str(nya_handelser[0])
        assert len(nya_steg) == 1
    elif fall.id.startswith(SAMMANTRADETS_STEG):
        # A refused step on the sammanträde is evidence too: one event "avvisad" (a replay
        # is recognised by the run and the form's key, not by a step key).
        assert len(nya_handelser) == 1 and "avvisad" in str(nya_handelser[0])
        assert fall.svenska in str(nya_handelser[0])
        assert not nya_steg
    else:
        assert efter == fore
    assert filer(miljo.arkiv) == filer_fore, "en fil lades i arkivet"
    assert visningar.verifiera(miljo.system.uow()).kedjan_intakt


# -- template syntax is data, not an error ------------------------------------------------------


def test_malltaggar_i_anvandarens_text_kommer_ut_ordagrant(miljo: Miljo) -> None:
    """Jinja tags, XML and a sandbox escape typed into a form are accepted as text and come
    out literally in the tjänsteutlåtande: the sandbox renders user text as data."""
    from arende.adapters.dokumentmallar import docx_stycken
    from arende.service_layer import handlingar

    kommentar = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} <w:p/> & {{ ''.__class__ }}"
    dnr = registrera(
        miljo.system,
        enheter=[
            {
                "namn": "{{ namnd }} & <b>Enhet</b>",
                "klass": "övrig vård och omsorg",
                "beskrivning": "{# inte en kommentar #}",
            }
        ],
        avslutande_kommentar=kommentar,
    )
    till_faststallt(miljo.system, dnr)
    (utlatande,) = handlingar.handlingar(miljo.system.uow(), dnr)
    text_i_dokumentet = "\n".join(t for _, t in docx_stycken(miljo.system.arkiv.las(utlatande.fil)))
    assert kommentar in text_i_dokumentet
    assert "{{ namnd }} & <b>Enhet</b>" in text_i_dokumentet
    assert "{# inte en kommentar #}" in text_i_dokumentet
    assert "49" not in text_i_dokumentet.replace("2008", "")  # 7*7 was not evaluated
    assert visningar.verifiera(miljo.system.uow()).kedjan_intakt
