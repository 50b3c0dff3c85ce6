"""Bad input, catalogued (issue 8): every case below is something a person can get wrong
through the forms, the commands, the command line or the importers.

For each case the test checks three things: the refusal says what is wrong in Swedish (a
phrase from the message is asserted), the database is unchanged (every row of every table,
before and after), and no file was added to the archive. A refused *command* is itself
evidence and is logged by the runner (one audit event "avvisad" with the same message, and
the refusal kept under the command's step key, so a replay is refused the same way): for
those cases exactly that, and nothing else, may differ. A command that names nothing that
exists (an unknown dnr, an unknown nämnd) has nothing to be logged against and changes
nothing at all.

One database per backend (SQLite and PostgreSQL) is prepared once for the module with an
ärende at each stage and sammanträden in each state; since no case may change anything, the
cases share it.
"""

from __future__ import annotations

import dataclasses
import io
import json
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
from arende.domain.datum import STOCKHOLM
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel
from arende.domain.sammantrade.narvaro import NarvarandeErsattare, Narvaro, Tjansteman
from arende.domain.sammantrade.omrostning import Omrostning, Rostval, Yrkande
from arende.domain.skeden import Skede, Utfall
from arende.entrypoints.cli import app
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from flows.formular import (
    Arendeuppgifter,
    ExpedieringSvar,
    SamverkanSvar,
    svenska_valideringsfel,
)
from flows.sammantrade import AvslutaSvar, SigneraSvar, beslutsformular
from flows.typformular import startmodell
from tests import hjalp
from tests.conftest import GRUNDDATA, PG_URL, FastKlocka, pg_schema_url
from tests.ogonblick import BEVIS, nya, ogonblicksbild
from tests.seed000 import registrera, till_faststallt

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


NAMND = hjalp.NAMND
SEKRETERARE = hjalp.SEKRETERARE
KORNING = hjalp.KORNING
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
# Socialtjänstnämndens sammanträden in 2008, each with a nomination of its own: one kallat,
# one pågår with its ärende undecided, one avslutat with its protokoll unsigned, one
# justerat whose justering is not anslagen yet. Seed 000's of 13 May is held to its end.
KALLAT, PAGAR, AVSLUTAT = date(2008, 2, 19), date(2008, 4, 22), date(2008, 3, 18)
JUSTERAT = date(2008, 1, 22)
SAMMANTRADE = hjalp.MOTE
JUSTERINGSDAG = JUSTERAT + timedelta(days=2)


def utfor(m: Miljo, kommando: k.Kommando) -> str:
    """The Swedish message of the runner's refusal of `kommando`."""
    return avvisning(lambda: m.system.utfor(kommando))


def sammantradessteg(typ: type[Any], datum: date, aktor: str = SEKRETERARE, **data: Any) -> Any:
    return hjalp.sammantradeskommando(typ, datum, namnd=NAMND, aktor=aktor, **data)


def _nominering_till(system: Arendesystem, sammantrade: date) -> str:
    """A nomination registered four weeks before `sammantrade` with the start answers of
    arende/nominering, beredd and fastställd two weeks before it."""
    dnr = hjalp.registrera(
        system,
        "nominering",
        start_uppgifter(),
        sammantrade=sammantrade,
        registreringsdatum=sammantrade - timedelta(days=28),
    )
    hjalp.bered(
        system,
        dnr,
        samverkan=sammantrade - timedelta(days=14),
        faststallt=sammantrade - timedelta(days=13),
        chefer=("Dag Helin",),
    )
    return dnr


def _oppna(system: Arendesystem, datum: date) -> None:
    system.utfor(
        sammantradessteg(
            k.Oppna,
            datum,
            narvaro=NARVARO,
            ordforande=ORDF,
            justerare=[JUSTERARE],
            justering_forsta=datum + timedelta(days=1),
            justering_sista=datum + timedelta(days=14),
        )
    )


def _sammantraden(system: Arendesystem) -> dict[str, str]:
    """The four sammanträden, each through its commands as far as its state."""
    dnr = {}
    moten = (("kallat", KALLAT), ("pagar", PAGAR), ("avslutat", AVSLUTAT), ("justerat", JUSTERAT))
    for namn, datum in moten:
        dnr[f"mote-{namn}"] = _nominering_till(system, datum)
        system.utfor(sammantradessteg(k.Kalla, datum, utskick=datum - timedelta(days=7)))
    for datum in (PAGAR, AVSLUTAT, JUSTERAT):
        _oppna(system, datum)
    for namn, datum in (("avslutat", AVSLUTAT), ("justerat", JUSTERAT)):
        system.utfor(
            sammantradessteg(k.Besluta, datum, arende=dnr[f"mote-{namn}"], utfall=Utfall.BIFALL)
        )
        system.utfor(sammantradessteg(k.Stang, datum, upprattat=datum + timedelta(days=1)))
    sha = protokollets_sha(system, JUSTERAT)
    for i, namn in enumerate((ORDF, JUSTERARE)):
        system.utfor(
            sammantradessteg(
                k.Signera,
                JUSTERAT,
                aktor=namn,
                inloggning=hjalp.inloggning(namn),
                tidpunkt=datetime(2008, 1, 24, 10 + i, tzinfo=STOCKHOLM),
                protokoll_sha256=sha,
            )
        )
    return dnr


def _bygg(system: Arendesystem) -> dict[str, str]:
    """An ärende at each stage a step can be tried from (seed 000's facts), the four
    sammanträden with an ärende each, and seed 000's sammanträde of 13 May held to its end
    (its nomination anslagen, waiting for expediering)."""
    moten = _sammantraden(system)
    dnr: dict[str, str] = {"registrerat": registrera(system), **moten}
    dnr["beredning"] = registrera(system)
    system.utfor(
        k.PaborjaBeredning(
            aktor="Lena Murray", nyckel=hjalp.nyckel(), dnr=hjalp.d(dnr["beredning"])
        )
    )
    dnr["samverkat"] = registrera(system)
    for kommando in (
        k.PaborjaBeredning(
            aktor="Lena Murray", nyckel=hjalp.nyckel(), dnr=hjalp.d(dnr["samverkat"])
        ),
        k.RegistreraSamverkan(
            aktor="Lena Murray",
            nyckel=hjalp.nyckel(),
            dnr=hjalp.d(dnr["samverkat"]),
            datum=date(2008, 5, 6),
        ),
    ):
        system.utfor(kommando)
    dnr["anslaget"] = registrera(system)
    till_faststallt(system, dnr["anslaget"])
    hjalp.hall_sammantrade(
        system,
        {dnr["anslaget"]: Utfall.BIFALL},
        SAMMANTRADE,
        justerat=date(2008, 5, 14),
        anslaget=date(2008, 5, 14),
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


# -- registration ------------------------------------------------------------------------------


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


def enhet(
    namn: str = "Maria Ungdomsenhet", klass: str = "övrig vård och omsorg", beskr: str = ""
) -> list[dict[str, str]]:
    return [{"namn": namn, "klass": klass, "beskrivning": beskr}]


def registrering(
    m: Miljo,
    *,
    typ: str = "nominering",
    aktor: str | None = None,
    namnd: str = NAMND,
    handlaggare: str = "Lena Murray",
    sammantrade: date = SAMMANTRADE,
    registreringsdatum: date = date(2008, 4, 14),
    **uppgifter: Any,
) -> str:
    """The registration the run of arende/nominering makes (seed 000's nomination), with
    one thing wrong: the start answers are checked against the type's definition, and the
    sammanträde against the plan, before a number is taken."""
    return utfor(
        m,
        k.RegistreraArende(
            aktor=aktor or handlaggare,
            nyckel=hjalp.nyckel("registrering"),
            flodeskorning=KORNING,
            typ=typ,
            namnd=namnd,
            handlaggare=handlaggare,
            planerat_sammantrade=sammantrade,
            uppgifter=start_uppgifter(**uppgifter),
            registreringsdatum=registreringsdatum,
        ),
    )


def startformular(m: Miljo, svar: dict[str, Any]) -> str:
    """The start form of arende/nominering as the deployment's schema is built from it."""
    return formular(startmodell(m.system.typer["nominering"], Arendeuppgifter), svar)


# -- the ärende's steps -----------------------------------------------------------------------


def steg(m: Miljo, typ: type[Any], vid: str, aktor: str, dnr: str = "", **data: Any) -> str:
    """A command of `typ` on the ärende at stage `vid` (or `dnr`, as typed), under a key of
    its own."""
    return avvisning(
        lambda: m.system.utfor(
            typ(
                aktor=aktor,
                nyckel=hjalp.nyckel("fel"),
                flodeskorning=KORNING,
                dnr=Diarienummer.tolka(dnr or m.dnr[vid]),
                **data,
            )
        )
    )


def faststall(
    m: Miljo, aktor: str, undertecknare: list[str], datum: date = date(2008, 5, 7)
) -> str:
    return steg(m, k.FaststallForslag, "samverkat", aktor, datum=datum, undertecknare=undertecknare)


def med_mall(m: Miljo, innehall: str | None) -> str:
    """fastställ with a kommun's own template folder whose tjänsteutlåtande has
    `innehall` as its only paragraph (None: the template went missing after the engine
    started; a folder without it at the start stops the start, tests/unit/test_arendetyper)."""
    katalog = m.tmp / f"mallar-{uuid.uuid4().hex[:8]}"
    shutil.copytree(MALLAR, katalog)
    fil = katalog / "tjansteutlatande_nominering.docx"
    system = dataclasses.replace(m.system, mallkatalog=katalog)
    assert system.typer  # the engine starts with the kommun's templates as they were
    if innehall is None:
        fil.unlink()
    else:
        d = Document()
        d.add_paragraph(innehall)
        d.save(str(fil))
    return avvisning(
        lambda: system.utfor(
            k.FaststallForslag(
                aktor="Dag Helin",
                nyckel=hjalp.nyckel("fel"),
                dnr=hjalp.d(m.dnr["samverkat"]),
                datum=date(2008, 5, 7),
                undertecknare=["Dag Helin"],
            )
        )
    )


# -- the sammanträde ---------------------------------------------------------------------------


def kalla(m: Miljo, datum: date, aktor: str = SEKRETERARE, utskick: date | None = None) -> str:
    return utfor(m, sammantradessteg(k.Kalla, datum, aktor, utskick=utskick))


def oppna(m: Miljo, datum: date = KALLAT, **andrat: Any) -> str:
    """Open the kallat meeting with one thing wrong."""
    data: dict[str, Any] = {
        "narvaro": NARVARO,
        "ordforande": ORDF,
        "justerare": [JUSTERARE],
        "justering_forsta": datum + timedelta(days=1),
        "justering_sista": datum + timedelta(days=14),
    } | andrat
    return utfor(m, sammantradessteg(k.Oppna, datum, **data))


def besluta(
    m: Miljo,
    datum: date = PAGAR,
    arende: str = "mote-pagar",
    aktor: str = SEKRETERARE,
    **beslut: Any,
) -> str:
    """A beslut at the meeting that pågår, in its ärende unless another is named."""
    dnr = m.dnr.get(arende, arende)
    data = {"utfall": Utfall.BIFALL} | beslut
    return utfor(m, sammantradessteg(k.Besluta, datum, aktor, arende=dnr, **data))


def protokollets_sha(system: Arendesystem, datum: date = AVSLUTAT) -> str:
    fil = visningar.protokoll(system.uow(), NAMND, datum)
    return fil.sha256 if fil else "0" * 64


def signera(
    m: Miljo,
    namn: str = JUSTERARE,
    sha: str | None = None,
    tid: datetime = datetime(2008, 3, 20, 10, tzinfo=STOCKHOLM),
    datum: date = AVSLUTAT,
) -> str:
    """A signature of the avslutat meeting's protokoll (the version it has, unless `sha`)."""
    summa = protokollets_sha(m.system, datum) if sha is None else sha
    return utfor(
        m,
        sammantradessteg(
            k.Signera,
            datum,
            namn,
            inloggning=hjalp.inloggning(namn),
            tidpunkt=tid,
            protokoll_sha256=summa,
        ),
    )


def ansla(
    m: Miljo, datum: date, dag: date, omedelbart: bool = False, aktor: str = SEKRETERARE
) -> str:
    return utfor(m, sammantradessteg(k.Ansla, datum, aktor, anslaget=dag, omedelbart=omedelbart))


def beslutssvar(**svar: Any) -> dict[str, Any]:
    return {"utfall": "bifall"} | svar


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
    # A command the runner refused: one "avvisad" event with the message, and its key.
    loggas: bool = False


LANG = "x" * 20_001
NAMN_201 = "E" * 201

FALL = [
    # Registration (RegistreraArende, as the run of arende/nominering gives it).
    Fall(
        "reg-okand-namnd",
        lambda m: registrering(m, namnd="Finansnämnden"),
        "Okänd nämnd 'Finansnämnden'",
    ),
    Fall(
        "reg-okand-handlaggare",
        lambda m: registrering(m, handlaggare="Okänd Person"),
        "Okänd person 'Okänd Person': personen finns inte i personregistret",
        loggas=True,
    ),
    Fall(
        "reg-fel-roll",
        lambda m: registrering(m, handlaggare="Karin Ekström"),
        "får inte registrera ärendet",
        loggas=True,
    ),
    Fall(
        "reg-nagon-annans-arende",
        lambda m: registrering(m, aktor="Lena Murray", handlaggare="Dag Helin"),
        "en handläggare registrerar sina egna ärenden",
        loggas=True,
    ),
    Fall(
        "reg-okant-utmarkelsear",
        lambda m: registrering(m, utmarkelsear=1999),
        "Kvalitetsutmärkelsen 1999 är inte upplagd",
        loggas=True,
    ),
    Fall(
        "reg-inga-verksamheter",
        lambda m: registrering(m, enheter=[]),
        "Verksamheter som nomineras saknas: fyll i det fältet",
        loggas=True,
    ),
    Fall(
        "reg-samma-verksamhet-tva-ganger",
        lambda m: registrering(m, enheter=enhet() + enhet("maria ungdomsenhet")),
        "nominerad två gånger",
        loggas=True,
    ),
    Fall(
        "reg-okand-klass",
        lambda m: registrering(m, enheter=enhet(klass="rymdfart")),
        "Klassen 'rymdfart' finns inte",
        loggas=True,
    ),
    Fall(
        "reg-klass-fran-ett-annat-ar",
        lambda m: registrering(m, enheter=enhet(klass="förskola")),
        "Klassen 'förskola' finns inte i kvalitetsutmärkelsen 2008",
        loggas=True,
    ),
    Fall(
        "reg-tomt-verksamhetsnamn",
        lambda m: registrering(m, enheter=enhet("   ")),
        "Verksamhetens namn saknas: fyll i det fältet",
        loggas=True,
    ),
    Fall(
        "reg-for-langt-verksamhetsnamn",
        lambda m: registrering(m, enheter=enhet(NAMN_201)),
        "Verksamhetens namn har 201 tecken; det får vara högst 200 tecken",
        loggas=True,
    ),
    Fall(
        "reg-for-lang-beskrivning",
        lambda m: registrering(m, enheter=enhet(beskr=LANG)),
        "Förvaltningens beskrivning av verksamheten har 20001 tecken; det får vara högst 20000",
        loggas=True,
    ),
    Fall(
        "reg-for-lang-kommentar",
        lambda m: registrering(m, avslutande_kommentar=LANG),
        "Avslutande kommentar i tjänsteutlåtandet har 20001 tecken",
        loggas=True,
    ),
    Fall(
        "reg-styrtecken-i-namn",
        lambda m: registrering(m, enheter=enhet("Maria\x07Ungdom")),
        "Verksamhetens namn innehåller otillåtna styrtecken",
        loggas=True,
    ),
    Fall(
        "reg-nollbyte-i-kommentar",
        lambda m: registrering(m, avslutande_kommentar="Bra\x00arbete"),
        "otillåtna styrtecken",
        loggas=True,
    ),
    Fall(
        "reg-registrering-i-framtiden",
        lambda m: registrering(m, registreringsdatum=date(2027, 1, 4)),
        "ligger i framtiden",
        loggas=True,
    ),
    Fall(
        "reg-sammantrade-fore-registrering",
        lambda m: registrering(m, sammantrade=AVSLUTAT),
        "den 18 mars 2008 hinner inte förberedas: ärendet ska samverkas senast den 7 mars 2008",
        loggas=True,
    ),
    Fall(
        "reg-sammantrade-efter-sista-dag",
        lambda m: registrering(m, sammantrade=date(2008, 6, 17)),
        "lämnar ingen tid för expediering: protokollsutdraget kan skickas tidigast den 18 juni 2008, men sista dag är den 19 maj 2008",
        loggas=True,
    ),
    Fall(
        "reg-sammantrade-utanfor-planen",
        lambda m: registrering(m, sammantrade=date(2008, 5, 12)),
        "har inget sammanträde den 12 maj 2008 enligt sammanträdesplanen",
        loggas=True,
    ),
    Fall(
        "reg-okand-arendetyp",
        lambda m: registrering(m, typ="skrivelse"),
        "Okänd ärendetyp 'skrivelse'. Kända ärendetyper: anmalan, deltagande",
        loggas=True,
    ),
    Fall(
        "reg-okant-falt",
        lambda m: registrering(m, rymdfart="ja"),
        "Formuläret har inget fält 'rymdfart'",
        loggas=True,
    ),
    Fall(
        "reg-ar-som-text",
        lambda m: registrering(m, utmarkelsear="tjugohundraåtta"),
        "Utmärkelsens år ska vara ett heltal, inte 'tjugohundraåtta'",
        loggas=True,
    ),
    Fall(
        "reg-okant-val",
        lambda m: registrering(m, omedelbar_justering="kanske"),
        "Omedelbar justering: 'kanske' finns inte bland alternativen",
        loggas=True,
    ),
    Fall(
        "reg-verksamheter-ej-poster",
        lambda m: registrering(m, enheter=["Maria Ungdomsenhet"]),
        "Verksamheter som nomineras ska vara en lista med poster",
        loggas=True,
    ),
    # The ärende's steps, each from the stage where it would be next.
    Fall(
        "steg-okant-dnr",
        lambda m: steg(m, k.PaborjaBeredning, "", "Lena Murray", dnr="SoN 2008/999"),
        "Det finns inget ärende med diarienummer 'SoN 2008/999'",
    ),
    Fall(
        "steg-ogiltigt-dnr",
        lambda m: steg(m, k.PaborjaBeredning, "", "Lena Murray", dnr="x'; DROP TABLE arende; --"),
        "är inget diarienummer",
    ),
    Fall(
        "steg-sql-i-dnr",
        lambda m: besluta(m, arende="x'; DROP TABLE arende; --"),
        "står inte på dagordningen (version 1) för sammanträdet den 22 april 2008",
        loggas=True,
    ),
    Fall(
        "beredning-av-nämndsekreterare",
        lambda m: steg(m, k.PaborjaBeredning, "registrerat", "Karin Ekström"),
        "får inte påbörja beredning",
        loggas=True,
    ),
    Fall(
        "samverkan-okand-person",
        lambda m: steg(
            m, k.RegistreraSamverkan, "beredning", "Okänd Person", datum=date(2008, 5, 6)
        ),
        "Okänd person 'Okänd Person'",
        loggas=True,
    ),
    Fall(
        "samverkan-fore-beredning",
        lambda m: steg(
            m, k.RegistreraSamverkan, "registrerat", "Lena Murray", datum=date(2008, 5, 6)
        ),
        "innan ärendet är under beredning",
        loggas=True,
    ),
    Fall(
        "samverkan-efter-sammantradet",
        lambda m: steg(
            m, k.RegistreraSamverkan, "beredning", "Lena Murray", datum=date(2008, 5, 20)
        ),
        "ligger efter sammanträdet",
        loggas=True,
    ),
    Fall(
        "samverkan-i-framtiden",
        lambda m: steg(
            m, k.RegistreraSamverkan, "beredning", "Lena Murray", datum=date(2027, 1, 4)
        ),
        "ligger i framtiden",
        loggas=True,
    ),
    Fall(
        "samverkan-fore-registreringen",
        lambda m: steg(
            m, k.RegistreraSamverkan, "beredning", "Lena Murray", datum=date(2008, 4, 1)
        ),
        "ligger före registreringen",
        loggas=True,
    ),
    Fall(
        "samverkan-for-lang-anteckning",
        lambda m: steg(
            m,
            k.RegistreraSamverkan,
            "beredning",
            "Lena Murray",
            datum=date(2008, 5, 6),
            anteckning=LANG,
        ),
        "Anteckningen har",
        loggas=True,
    ),
    Fall(
        "samverkan-styrtecken",
        lambda m: steg(
            m,
            k.RegistreraSamverkan,
            "beredning",
            "Lena Murray",
            datum=date(2008, 5, 6),
            anteckning="ok\x1b[31m",
        ),
        "otillåtna styrtecken",
        loggas=True,
    ),
    Fall(
        "underlag-utan-formular",
        lambda m: steg(
            m,
            k.SkrivUppgifter,
            "beredning",
            "Lena Murray",
            skede=Skede.UNDER_BEREDNING,
            svar={"plantext": "Nämndmål"},
        ),
        "Ärendetypen nominering har inget formulär för skedet",
        loggas=True,
    ),
    Fall(
        "faststall-av-handlaggare",
        lambda m: faststall(m, "Lena Murray", ["Dag Helin"]),
        "får inte fastställa förslaget",
        loggas=True,
    ),
    Fall(
        "faststall-undertecknare-ej-chef",
        lambda m: faststall(m, "Dag Helin", ["Lena Murray"]),
        "får inte underteckna förslaget",
        loggas=True,
    ),
    Fall(
        "faststall-okand-undertecknare",
        lambda m: faststall(m, "Dag Helin", ["Okänd Chef"]),
        "Okänd person 'Okänd Chef'",
        loggas=True,
    ),
    Fall(
        "faststall-utan-undertecknare",
        lambda m: faststall(m, "Dag Helin", ["", " "]),
        "minst en chef",
        loggas=True,
    ),
    Fall(
        "faststall-fore-samverkan",
        lambda m: faststall(m, "Dag Helin", ["Dag Helin"], date(2008, 5, 1)),
        "före samverkan den",
        loggas=True,
    ),
    Fall(
        "expediering-utan-mottagare",
        lambda m: steg(
            m, k.Expediera, "anslaget", SEKRETERARE, datum=date(2008, 5, 15), mottagare=[]
        ),
        "Ange minst en mottagare",
        loggas=True,
    ),
    Fall(
        "expediering-styrtecken-mottagare",
        lambda m: steg(
            m,
            k.Expediera,
            "anslaget",
            SEKRETERARE,
            datum=date(2008, 5, 15),
            mottagare=["S\x0cLK"],
        ),
        "Mottagarens namn innehåller otillåtna styrtecken",
        loggas=True,
    ),
    Fall(
        "expediering-i-framtiden",
        lambda m: steg(
            m, k.Expediera, "anslaget", SEKRETERARE, datum=date(2030, 1, 2), mottagare=["SLK"]
        ),
        "ligger i framtiden",
        loggas=True,
    ),
    Fall(
        "expediering-fore-anslaget",
        lambda m: steg(
            m, k.Expediera, "anslaget", SEKRETERARE, datum=date(2008, 5, 13), mottagare=["SLK"]
        ),
        "kan inte expedieras den 13 maj 2008, före justeringen den 14 maj 2008",
        loggas=True,
    ),
    Fall(
        "avsluta-fore-expedieringen",
        lambda m: steg(m, k.Avsluta, "anslaget", SEKRETERARE, datum=date(2008, 5, 15)),
        "innan beslutet är expedierat; ärendet är nu anslaget",
        loggas=True,
    ),
    # The forms: wrong types, checked by the forms' own models before anything runs.
    Fall(
        "formular-datum-som-text",
        lambda _m: formular(SamverkanSvar, {"datum": "igår"}),
        "'Datum för samverkan' är inget datum",
    ),
    Fall(
        "formular-30-februari",
        lambda _m: formular(SamverkanSvar, {"datum": "2008-02-30"}),
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
        lambda _m: formular(SigneraSvar, {"jag_justerar": True}),
        "'Protokollets kontrollsumma (sha256)' saknas",
    ),
    Fall(
        "formular-signatur-kryss-som-text",
        lambda _m: formular(SigneraSvar, {"protokoll_sha256": "0" * 64, "jag_justerar": "kanske"}),
        "'Jag har läst protokollet och justerar det' ska vara ja eller nej",
    ),
    Fall(
        "formular-signatur-klockan-25",
        lambda _m: formular(
            SigneraSvar,
            {
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
        "formular-mottagare-saknas",
        lambda _m: formular(ExpedieringSvar, {"datum": "2008-05-15"}),
        "'Mottagare' saknas",
    ),
    # Nobody types who she is: the login says it. An answer naming someone is refused.
    Fall(
        "formular-namn-finns-inte-langre",
        lambda _m: formular(
            ExpedieringSvar,
            {"datum": "2008-05-15", "mottagare": ["SLK"], "registreras_av": "Per Lindqvist"},
        ),
        "'registreras_av' finns inte i formuläret",
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
    # The sammanträde: a refused step is rolled back whole.
    Fall(
        "mote-okand-namnd",
        lambda m: utfor(
            m,
            hjalp.sammantradeskommando(k.Kalla, KALLAT, namnd="Finansnämnden"),
        ),
        "Okänd nämnd 'Finansnämnden'",
        loggas=True,  # the nämnd and day it was asked for name the refusal
    ),
    Fall(
        "mote-kalla-utanfor-planen",
        lambda m: kalla(m, date(2008, 5, 14)),
        "har inget sammanträde den 14 maj 2008 i sammanträdesplanen",
        loggas=True,
    ),
    Fall(
        "mote-kalla-utan-redo-arenden",
        lambda m: kalla(m, date(2008, 8, 26)),
        "Inget ärende är redo för Socialtjänstnämndens sammanträde den 26 augusti 2008",
        loggas=True,
    ),
    Fall(
        "mote-kallelse-i-framtiden",
        lambda m: kalla(m, KALLAT, utskick=date(2027, 1, 4)),
        "kan inte registreras som utskickad i framtiden",
        loggas=True,
    ),
    Fall(
        "mote-kallar-handlaggaren",
        lambda m: kalla(m, KALLAT, aktor="Lena Murray"),
        "Lena Murray får inte kalla till sammanträdet",
        loggas=True,
    ),
    Fall(
        "mote-oppna-utan-kallelse",
        lambda m: oppna(m, date(2008, 6, 17)),
        "inget kallat sammanträde den 17 juni 2008: kalla till det först",
        loggas=True,
    ),
    Fall(
        "mote-inte-beslutfor",
        lambda m: oppna(m, narvaro=dataclasses.replace(NARVARO, ledamoter=LEDAMOTER[:4])),
        "Socialtjänstnämnden är inte beslutför: 5 av 11 ledamöter tjänstgör",
        loggas=True,
    ),
    Fall(
        "mote-justering-efter-14-dagar",
        lambda m: oppna(m, justering_sista=KALLAT + timedelta(days=20)),
        "ska vara justerat inom 14 dagar efter sammanträdet",
        loggas=True,
    ),
    Fall(
        "mote-ordforande-som-justerare",
        lambda m: oppna(m, justerare=[ORDF]),
        "Karin Ekblad är ordförande och justerar redan",
        loggas=True,
    ),
    Fall(
        "mote-ordforande-som-justerare-i-gemener",
        lambda m: oppna(m, justerare=[ORDF.lower()]),
        "Karin Ekblad är ordförande och justerar redan",
        loggas=True,
    ),
    Fall(
        "mote-utan-justerare",
        lambda m: oppna(m, justerare=[]),
        "Nämnden utser en eller två justerare utöver ordföranden, inte 0",
        loggas=True,
    ),
    Fall(
        "mote-franvarande-justerare",
        lambda m: oppna(m, justerare=["Tomas Rydén"]),
        "Tomas Rydén är inte närvarande vid sammanträdet och kan inte vara justerare",
        loggas=True,
    ),
    Fall(
        "mote-ersattare-som-inte-tjanstgor-justerar",
        lambda m: oppna(m, justerare=["Olle Strand"]),
        "Olle Strand är närvarande ersättare men tjänstgör inte",
        loggas=True,
    ),
    Fall(
        "mote-beslut-av-handlaggare",
        lambda m: besluta(m, aktor="Lena Murray"),
        "Lena Murray får inte registrera nämndens beslut",
        loggas=True,
    ),
    Fall(
        "mote-beslut-innan-motet-oppnats",
        lambda m: besluta(m, KALLAT, "mote-kallat"),
        "Det går inte att besluta i ett ärende innan",
        loggas=True,
    ),
    Fall(
        "mote-beslut-i-arende-utanfor-dagordningen",
        lambda m: besluta(m, arende="registrerat"),
        "står inte på dagordningen (version 1) för sammanträdet den 22 april 2008",
        loggas=True,
    ),
    Fall(
        "mote-beslut-efter-avslutat-mote",
        lambda m: besluta(m, AVSLUTAT, "mote-avslutat", utfall=Utfall.AVSLAG),
        "Sammanträdet den 18 mars 2008 är redan",
        loggas=True,
    ),
    Fall(
        "mote-bordlaggning-utan-datum",
        lambda m: besluta(m, utfall=Utfall.BORDLAGGNING),
        "Ange det sammanträde som ärendet bordläggs till",
        loggas=True,
    ),
    Fall(
        "mote-bordlaggning-bakat",
        lambda m: besluta(m, utfall=Utfall.BORDLAGGNING, nytt_sammantrade=AVSLUTAT),
        "kan bara skjutas till ett senare sammanträde än det den 22 april 2008",
        loggas=True,
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
        loggas=True,
    ),
    Fall(
        "mote-nytt-sammantrade-vid-bifall",
        lambda m: besluta(m, nytt_sammantrade=date(2008, 5, 13)),
        "Ett nytt sammanträde anges bara när ärendet bordläggs eller återremitteras",
        loggas=True,
    ),
    Fall(
        "mote-andrat-beslut-utan-text",
        lambda m: besluta(m, utfall=Utfall.ANDRAT_BESLUT),
        "Beslutstexten saknas: fyll i det fältet",
        loggas=True,
    ),
    Fall(
        "mote-yrkande-av-okand",
        lambda m: besluta(m, yrkanden=[Yrkande(1, "Okänd Person", "bifall")]),
        "Okänd Person är varken ledamot eller ersättare i Socialtjänstnämnden och kan inte yrka",
        loggas=True,
    ),
    Fall(
        "mote-yrkanden-med-lucka",
        lambda m: besluta(
            m, yrkanden=[Yrkande(1, ORDF, "bifall"), Yrkande(3, JUSTERARE, "avslag")]
        ),
        "nummer 2 saknas",
        loggas=True,
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
        loggas=True,
    ),
    Fall(
        "mote-avslutas-med-obehandlat-arende",
        lambda m: utfor(m, sammantradessteg(k.Stang, PAGAR, upprattat=PAGAR)),
        "står på dagordningen men har ingen paragraf",
        loggas=True,
    ),
    Fall(
        "mote-protokoll-upprattat-i-framtiden",
        lambda m: utfor(m, sammantradessteg(k.Stang, KALLAT, upprattat=date(2027, 1, 4))),
        "Protokollet kan inte registreras som upprättat den 4 januari 2027, i framtiden",
        loggas=True,
    ),
    Fall(
        "mote-omedelbart-anslag-utan-omedelbar-paragraf",
        lambda m: ansla(m, PAGAR, PAGAR, omedelbart=True),
        "har inga omedelbart justerade paragrafer som väntar på anslag",
        loggas=True,
    ),
    Fall(
        "signatur-av-den-som-inte-justerar",
        lambda m: signera(m, "Anders Palmér"),
        "Anders Palmér är varken ordförande eller justerare vid sammanträdet den 18 mars 2008",
        loggas=True,
    ),
    Fall(
        "signatur-pa-en-annan-version",
        lambda m: signera(m, sha="0" * 64),
        "Du har läst en annan version av protokollet än den som nu gäller",
        loggas=True,
    ),
    Fall(
        "signatur-utan-kontrollsumma",
        lambda m: signera(m, sha="inte en summa"),
        "är ingen SHA-256-summa (64 hexadecimala tecken)",
        loggas=True,
    ),
    Fall(
        "signatur-fore-justeringstiden",
        lambda m: signera(m, tid=datetime(2008, 3, 18, 21, tzinfo=STOCKHOLM)),
        "signaturen den 18 mars 2008 är för tidig",
        loggas=True,
    ),
    Fall(
        "signatur-efter-justeringstiden",
        lambda m: signera(m, tid=datetime(2008, 4, 3, 9, tzinfo=STOCKHOLM)),
        "Tiden för justering gick ut den 1 april 2008",
        loggas=True,
    ),
    Fall(
        "signatur-i-framtiden",
        lambda m: signera(m, tid=datetime(2027, 1, 4, 9, tzinfo=STOCKHOLM)),
        "Signaturen är daterad 4 januari 2027, i framtiden",
        loggas=True,
    ),
    Fall(
        "signatur-innan-protokollet-finns",
        lambda m: signera(m, datum=PAGAR, tid=datetime(2008, 4, 23, 9, tzinfo=STOCKHOLM)),
        "Protokollet är inte upprättat än: avsluta sammanträdet först",
        loggas=True,
    ),
    Fall(
        "anslag-innan-protokollet-justerats",
        lambda m: ansla(m, AVSLUTAT, date(2008, 3, 20)),
        "Det går inte att anslå justeringen innan",
        loggas=True,
    ),
    Fall(
        "anslag-fore-justeringen",
        lambda m: ansla(m, JUSTERAT, JUSTERAT + timedelta(days=1)),
        "Anslaget den 23 januari 2008 ligger före justeringen den 24 januari 2008",
        loggas=True,
    ),
    Fall(
        "anslag-av-registrator",
        lambda m: ansla(m, JUSTERAT, JUSTERINGSDAG, aktor="Per Lindqvist"),
        "Per Lindqvist får inte anslå justeringen",
        loggas=True,
    ),
    Fall(
        "anslag-i-framtiden",
        lambda m: ansla(m, AVSLUTAT, date(2027, 1, 4)),
        "Anslagsdatumet (4 januari 2027) ligger i framtiden",
        loggas=True,
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


@pytest.mark.parametrize("fall", FALL, ids=[f.id for f in FALL])
def test_felaktig_uppgift_avvisas_pa_svenska_och_andrar_inget(miljo: Miljo, fall: Fall) -> None:
    fore = ogonblicksbild(miljo.system.motor)
    filer_fore = filer(miljo.arkiv)

    meddelande = fall.gor(miljo)

    assert fall.svenska in meddelande, meddelande
    efter = ogonblicksbild(miljo.system.motor)
    # Nothing else changed: every table but the evidence of the refusal is row for row the same.
    for tabell in fore:
        if tabell not in BEVIS:
            assert efter[tabell] == fore[tabell], f"tabellen {tabell} ändrades"
    if fall.loggas:
        # The refusal is evidence: one event "avvisad" with the same message, one key.
        assert len(nya(fore, efter, "granskningslogg")) == 1
        assert senaste_handelse(miljo)["utfall"] == "avvisad"
        assert senaste_handelse(miljo)["meddelande"] == meddelande
        (steget,) = nya(fore, efter, "kommando")
        assert meddelande in steget
    else:
        assert efter == fore
    assert filer(miljo.arkiv) == filer_fore, "en fil lades i arkivet"
    assert visningar.verifiera(miljo.system.uow()).kedjan_intakt


def senaste_handelse(m: Miljo) -> dict[str, Any]:
    """The innehåll of the audit log's last event."""
    with m.system.motor.connect() as anslutning:
        innehall = anslutning.execute(
            text("SELECT innehall FROM granskningslogg ORDER BY sekvens DESC LIMIT 1")
        ).scalar_one()
    return dict(json.loads(innehall)["innehåll"])


def test_anslag_en_gang_till_andrar_inget(miljo: Miljo) -> None:
    """The justering of 13 May is anslagen: anslå it again and it is found done (the
    sammanträde's own state says so). Not refused, and nothing changes, no new anslag, no
    event; only the step's key is kept."""
    fore = ogonblicksbild(miljo.system.motor)
    assert (
        miljo.system.utfor(sammantradessteg(k.Ansla, SAMMANTRADE, anslaget=date(2008, 5, 15))) == []
    )
    efter = ogonblicksbild(miljo.system.motor)
    assert {t: r for t, r in efter.items() if t != "kommando"} == {
        t: r for t, r in fore.items() if t != "kommando"
    }
    assert len(nya(fore, efter, "kommando")) == 1
    assert hjalp.arende(miljo.system, miljo.dnr["anslaget"]).anslagsdatum == date(2008, 5, 14)


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
