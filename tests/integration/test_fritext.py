"""The diarium's free-text search in the databases' own full-text indexes (migration 0012),
on SQLite (FTS5, each word a prefix) and PostgreSQL (tsvector, Swedish stemming): inflected
forms, case and å/ä/ö, words in any order, a dnr, paging and the count done in the database,
hostile input, and an index that follows the rows when they change and when the migration
runs over ärenden that already exist."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import SQLModel

from arende.adapters import fritext
from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import alembic_konfig, i_modellen, skapa_motor, uppgradera
from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.domain.fel import OgiltigUppgift
from arende.entrypoints.publik import skapa_app
from arende.service_layer import visningar
from arende.service_layer.visningar import LANGSTA_SOKTEXT
from arende.service_layer.visningsportar import Diarieurval
from tests import hjalp
from tests.conftest import GRUNDDATA, FastKlocka

MENINGAR = [
    "Nomineringen av Vuxenenheten till Stadens kvalitetsutmärkelse",  # SoN 2008/1
    "Riktlinjer för hemtjänst i Östermalm",  # SoN 2008/2
    "Betesmark för får på Djurgården",  # SoN 2008/3
    "Ansökan från far och son om bidrag",  # SoN 2008/4
    *(f"Uppföljning av hemtjänst, del {n}" for n in range(5, 13)),  # SoN 2008/5–12
]
HEMTJANST = ["SoN 2008/2", *(f"SoN 2008/{n}" for n in range(5, 13)), "ÖSN 2020/1"]


def registrera_alla(system: Arendesystem) -> None:
    for mening in MENINGAR:
        hjalp.registrera(system, "tjansteutlatande", {"arendemening": mening})
    hjalp.registrera(
        system,
        "tjansteutlatande",
        {"arendemening": "Yttrande om hemtjänst på Östermalm"},
        namnd="Östermalms stadsdelsnämnd",
        handlaggare="Therese Bengtsson",
        sammantrade=date(2020, 5, 14),
        registreringsdatum=date(2020, 4, 1),
    )


@pytest.fixture
def diariet(system: Arendesystem) -> Arendesystem:
    registrera_alla(system)
    return system


def sok(system: Arendesystem, sokord: str, **urval: object) -> list[str]:
    sida = visningar.diariesida(system.uow(), Diarieurval(sok=sokord, per_sida=100, **urval))  # type: ignore[arg-type]
    assert sida.totalt == len(sida.rader)
    return [r.dnr for r in sida.rader]


def dialekt(system: Arendesystem) -> str:
    return system.motor.dialect.name


def test_ordformer_skiftlage_och_ordning(diariet: Arendesystem) -> None:
    # Swedish stemming on PostgreSQL, a prefix on SQLite: both find the inflected form.
    assert sok(diariet, "nominering") == ["SoN 2008/1"]
    assert sok(diariet, "Kvalitetsutmärkelsen") == (
        ["SoN 2008/1"] if dialekt(diariet) == "postgresql" else []
    )
    # Only PostgreSQL knows that 'nomineringar' is 'nominering': FTS5 has no Swedish stemmer
    # and takes the word as the beginning of another (README, the e-diarium).
    assert sok(diariet, "nomineringar") == (
        ["SoN 2008/1"] if dialekt(diariet) == "postgresql" else []
    )
    # Case, also for å, ä and ö; and å is a letter of its own, not an 'a' with a ring.
    assert sok(diariet, "HEMTJÄNST") == HEMTJANST
    assert sok(diariet, "östermalm riktlinjer") == ["SoN 2008/2"]
    assert sok(diariet, "FÅR") == ["SoN 2008/3"]
    assert sok(diariet, "far") == ["SoN 2008/4"]
    # Words in any order, all of them required.
    assert sok(diariet, "hemtjänst riktlinjer") == sok(diariet, "riktlinjer hemtjänst")
    assert sok(diariet, "hemtjänst riktlinjer") == ["SoN 2008/2"]
    assert sok(diariet, "hemtjänst del 7") == ["SoN 2008/7"]
    assert sok(diariet, "hemtjänst nominering") == []
    # A word no ärende has, and one that only begins like one.
    assert sok(diariet, "kommunfullmäktige") == []
    assert sok(diariet, "hemtjänsterna tillsammans") == []
    # The other filters still apply.
    assert sok(diariet, "hemtjänst", namnd="Östermalms stadsdelsnämnd") == ["ÖSN 2020/1"]
    assert sok(diariet, "nominering", namnd="Östermalms stadsdelsnämnd") == []
    assert sok(diariet, "hemtjänst", ar=2008, status="registrerat") == HEMTJANST[:-1]


def test_diarienummer_ger_det_arendet(diariet: Arendesystem) -> None:
    for skrivet in ("SoN 2008/1", "son 2008/1", "  SON   2008 / 1 ", "SoN\t2008/1"):
        assert sok(diariet, skrivet) == ["SoN 2008/1"], skrivet
    # The prefix folded beyond ASCII, as the nämnd's prefix is written.
    assert sok(diariet, "ösn 2020/1") == ["ÖSN 2020/1"]
    # A dnr is that ärende, not 2008/10, /11 and /12 that begin the same.
    assert sok(diariet, "SoN 2008/99") == []
    # Without its prefix, the year and number as in a dnr: only that number.
    assert sok(diariet, "2008/1") == ["SoN 2008/1"]
    assert sok(diariet, "2008/1", namnd="Socialtjänstnämnden") == ["SoN 2008/1"]
    # A prefix of no nämnd here: its words are searched for, and no ärende has them.
    assert sok(diariet, "Budget 2008/1") == []


@pytest.mark.parametrize("per_sida", [3, 4])
def test_sidor_och_antal_med_sokning(diariet: Arendesystem, per_sida: int) -> None:
    # Ten of thirteen ärenden match: with three a page, the first pages are read by walking
    # the diarium in order, the later ones by sorting the matches (see i_ordning_lonar_sig).
    assert fritext.i_ordning_lonar_sig(len(HEMTJANST), 3, 13)
    assert not fritext.i_ordning_lonar_sig(len(HEMTJANST), 9, 13)
    sidor = -(-len(HEMTJANST) // per_sida)
    lasta: list[str] = []
    for nummer in range(1, sidor + 1):
        sida = visningar.diariesida(
            diariet.uow(), Diarieurval(sok="hemtjänst", sida=nummer, per_sida=per_sida)
        )
        assert (sida.totalt, sida.sidor) == (len(HEMTJANST), sidor)
        assert len(sida.rader) == min(per_sida, len(HEMTJANST) - len(lasta))
        lasta += [r.dnr for r in sida.rader]
    # In the diarium's order: 2008/5 before 2008/10 (numbers, not text), SoN before ÖSN.
    assert lasta == HEMTJANST
    # With a filter, the count is of the filtered matches.
    sida = visningar.diariesida(
        diariet.uow(),
        Diarieurval(sok="hemtjänst", namnd="Socialtjänstnämnden", sida=2, per_sida=per_sida),
    )
    assert sida.totalt == len(HEMTJANST) - 1
    assert [r.dnr for r in sida.rader] == HEMTJANST[per_sida : 2 * per_sida]
    with pytest.raises(OgiltigUppgift, match=f"Sidan {sidor + 1} finns inte: urvalet har 10 "):
        visningar.diariesida(
            diariet.uow(), Diarieurval(sok="hemtjänst", sida=sidor + 1, per_sida=per_sida)
        )


@pytest.fixture
def webb(diariet: Arendesystem) -> Iterator[TestClient]:
    kalla = Publikkalla(diariet.motor, diariet.klocka, diariet.mallkatalog, diariet.arkiv)
    with TestClient(skapa_app(kalla)) as klient:
        yield klient


FIENTLIGT = [
    # FTS5's own syntax is only text here, and so it is to plainto_tsquery.
    ('"', []),
    ("*", []),
    ("NEAR(", []),
    ("NEAR(hemtjänst riktlinjer)", []),  # 'near' is a word no ärende has
    ("hemtjänst OR yttrande", []),  # 'or' too: not an alternative
    ("hemtjänst AND", []),
    ("hemtjänst NOT riktlinjer", []),
    ("-riktlinjer", ["SoN 2008/2"]),  # not a NOT
    ("riktlinjer*", ["SoN 2008/2"]),
    ('"riktlinjer', ["SoN 2008/2"]),
    ("titel:riktlinjer", []),  # no column filter: the words 'titel' and 'riktlinjer'
    ("^riktlinjer", ["SoN 2008/2"]),
    ("'; DROP TABLE arende; --", []),
    ("%", []),
    ("_", []),
    ("\\", []),
    ("!!! ??? ...", []),
    ("riktlinjer\x00", ["SoN 2008/2"]),  # PostgreSQL refuses NUL in text: it is a space
    ("Riktlinjer för hemtjänst i Östermalm", ["SoN 2008/2"]),  # a whole ärendemening
    ("x" * LANGSTA_SOKTEXT, []),
    ("hemtjänst " * 15, HEMTJANST),  # the same word many times is one word
]


def test_fientlig_inmatning_ger_tomt_eller_svenskt_besked(
    webb: TestClient, diariet: Arendesystem
) -> None:
    fore = sok(diariet, "hemtjänst")
    for inmatning, vantat in FIENTLIGT:
        assert sok(diariet, inmatning) == vantat, repr(inmatning)
        svar = webb.get("/diarium", params={"sok": inmatning})
        assert svar.status_code == 200, repr(inmatning)
        assert f'id="resultat">{len(vantat)} ärende' in svar.text, repr(inmatning)
    for for_lang in ("hemtjänst " * 1000, "x" * (LANGSTA_SOKTEXT + 1)):
        svar = webb.get("/diarium", params={"sok": for_lang})
        assert svar.status_code == 400 and 'role="alert"' in svar.text
        langd = len(for_lang.strip())
        assert f"Söktexten är för lång: högst {LANGSTA_SOKTEXT} tecken, inte {langd}." in svar.text
        assert "<tr><td>" not in svar.text
    svar = webb.get("/diarium", params={"sok": "ett två tre fyra fem sex sju åtta nio tio elva"})
    assert svar.status_code == 400 and "Sök på högst 10 ord åt gången, inte 11" in svar.text
    # Nothing was changed, nothing dropped.
    assert sok(diariet, "hemtjänst") == fore


def test_indexet_foljer_andrade_nya_och_borttagna_rader(diariet: Arendesystem) -> None:
    with diariet.motor.begin() as s:
        s.execute(
            text("UPDATE arende SET titel = :t WHERE dnr = 'SoN 2008/3'"),
            {"t": "Betesmark för hästar på Gärdet"},
        )
    assert sok(diariet, "hästar gärdet") == ["SoN 2008/3"]
    assert sok(diariet, "får") == []
    assert sok(diariet, "betesmark") == ["SoN 2008/3"]
    # A change of something else leaves the index be and the ärende found.
    with diariet.motor.begin() as s:
        s.execute(text("UPDATE arende SET skede = 'avslutat' WHERE dnr = 'SoN 2008/3'"))
    assert sok(diariet, "hästar") == ["SoN 2008/3"]
    # A row added and removed by other means than ours (a copy of another, new number).
    kolumner = (
        "arendetyp, namnd_id, handlaggare_id, registreringsdatum, skede, omgang, "
        "planerat_sammantrade, foreslagen_omedelbar_justering, skapad, andrad"
    )
    with diariet.motor.begin() as s:
        s.execute(
            text(
                f"INSERT INTO arende (dnr, diarieprefix, diarie_ar, lopnummer, titel, {kolumner}) "
                f"SELECT 'SoN 2008/50', diarieprefix, diarie_ar, 50, 'Tillfälligt ärende om "
                f"snöröjning', {kolumner} FROM arende WHERE dnr = 'SoN 2008/3'"
            )
        )
    assert sok(diariet, "snöröjning") == ["SoN 2008/50"]
    with diariet.motor.begin() as s:
        s.execute(text("DELETE FROM arende WHERE dnr = 'SoN 2008/50'"))
    assert sok(diariet, "snöröjning") == []
    assert sok(diariet, "HEMTJÄNST") == HEMTJANST


@pytest.mark.parametrize("databas", ["sqlite", "postgresql"])
def test_migreringen_indexerar_arenden_som_redan_finns(
    request: pytest.FixtureRequest, databas: str, tmp_path: Path
) -> None:
    url = str(request.getfixturevalue("sqlite_url" if databas == "sqlite" else "pg_url"))
    konfig = alembic_konfig(url)
    # The ärenden are registered by today's code on today's schema, then the schema goes
    # back to 0011 (before the index) with them: today's tables cannot be written on 0011.
    command.upgrade(konfig, "head")
    motor = skapa_motor(url)
    try:
        system = Arendesystem(motor, klocka=FastKlocka(), arkiv=Filarkiv(tmp_path / "arkiv"))
        ladda_grunddata(system, GRUNDDATA)
        registrera_alla(system)
        motor.dispose()
        command.downgrade(konfig, "0011")
        uppgradera(url)
        assert sok(system, "hemtjänst") == HEMTJANST
        assert sok(system, "nominering") == ["SoN 2008/1"]
        # Down and up again: the index is removed whole and built anew from the rows.
        command.downgrade(konfig, "0011")
        command.upgrade(konfig, "head")
        assert sok(system, "hemtjänst") == HEMTJANST
    finally:
        motor.dispose()


def test_jamforelsen_med_modellen_later_indexet_vara(system: Arendesystem) -> None:
    """`alembic revision --autogenerate` compares the model with the database: the index the
    model does not describe must not come out as something to drop."""

    def skillnader(**val: object) -> str:
        with system.motor.connect() as anslutning:
            kontext = MigrationContext.configure(anslutning, opts=val)
            return str(compare_metadata(kontext, SQLModel.metadata))

    index = "arende_fts" if dialekt(system) == "sqlite" else "sokvektor"
    assert index in skillnader()  # what the filter is for
    utan = skillnader(include_name=i_modellen)
    assert index not in utan and "paminnelsejobb" not in utan
