"""What came in starts an ärende of its own, against the real database (SQLite and
PostgreSQL) and archive folder: the registrator registers the ärende for its handläggare and
the file as its first handling in one step; anything wrong and neither is registered (no
number of the diarium is used, no file written)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from arende.bootstrap import Arendesystem
from arende.domain.fel import ArendeFel, BehorighetSaknas, HittasInte, OgiltigUppgift
from arende.domain.handelser import ArendeRegistrerat
from arende.entrypoints import cli
from arende.entrypoints.cli import app
from arende.service_layer import visningar
from arende.service_layer.inkommande import filnyckel
from arende.service_layer.kommandon import InkommenFil, RegistreraInkommandeSomNyttArende
from tests import hjalp
from tests import inkommande_data as data
from tests.conftest import FastKlocka
from tests.ogonblick import ogonblicksbild

REGISTRATOR = "Per Lindqvist"
MENING = "Medborgarförslag om fler parkbänkar"
INKOM = date(2008, 4, 14)


def kommando(**andringar: Any) -> RegistreraInkommandeSomNyttArende:
    filer = [InkommenFil("forslag.pdf", data.PDF)]
    uppgifter: dict[str, Any] = {
        "aktor": REGISTRATOR,
        "typ": "tjansteutlatande",
        "namnd": hjalp.NAMND,
        "handlaggare": hjalp.HANDLAGGARE,
        "planerat_sammantrade": hjalp.MOTE,
        "uppgifter": {"arendemening": MENING},
        "inkom": INKOM,
        "avsandare": "Anna Andersson",
        "beskrivning": "Medborgarförslag",
        "filer": filer,
        "nyckel": filnyckel(filer, "Anna Andersson", "Medborgarförslag", INKOM, None),
    }
    uppgifter.update(andringar)
    return RegistreraInkommandeSomNyttArende(**uppgifter)


def test_arendet_och_handlingen_registreras_i_ett_steg(system: Arendesystem) -> None:
    handelser = system.utfor(kommando())
    [dnr] = [str(h.dnr) for h in handelser if isinstance(h, ArendeRegistrerat)]
    a = hjalp.arende(system, dnr)
    assert (a.titel, a.handlaggare, a.registreringsdatum) == (MENING, hjalp.HANDLAGGARE, INKOM)
    [h] = visningar.handlingar(system.uow(), dnr)
    assert (h.nummer, h.typ, h.riktning, h.motpart, h.granskad) == (
        1,
        "inkommen handling",
        "inkommande",
        "Anna Andersson",
        True,
    )
    assert system.arkiv.las(h.fil) == data.PDF
    logg = visningar.historik(system.uow(), dnr)
    assert [p.handling for p in logg if p.aktor == REGISTRATOR] == [
        "registrera inkommande handling som nytt ärende"
    ] * 2
    # Given again under its key (a retry): registered once.
    system.utfor(kommando())
    assert len(visningar.diarium(system.uow())) == 1


@pytest.mark.parametrize(
    ("andringar", "fel", "text"),
    [
        ({"handlaggare": REGISTRATOR}, BehorighetSaknas, "handlägga ärendet"),
        ({"handlaggare": "Therese Bengtsson"}, BehorighetSaknas, "Socialtjänstnämnden"),
        ({"aktor": "Dag Helin"}, BehorighetSaknas, "får inte"),
        ({"typ": "okand"}, OgiltigUppgift, "okand"),
        ({"uppgifter": {}}, OgiltigUppgift, "rendemening"),
        ({"filer": [InkommenFil("tom.pdf", b"")]}, OgiltigUppgift, "tom"),
        ({"avsandare": " "}, OgiltigUppgift, "Avsändaren saknas"),
        ({"inkom": date(2030, 1, 1)}, OgiltigUppgift, "framtiden"),
        ({"namnd": "Ingen nämnd"}, HittasInte, "Ingen nämnd"),
    ],
)
def test_fel_registrerar_varken_arende_eller_handling(
    system: Arendesystem,
    andringar: dict[str, Any],
    fel: type[ArendeFel],
    text: str,
) -> None:
    fore = ogonblicksbild(system.motor)
    with pytest.raises(fel, match=text):
        system.utfor(kommando(**andringar))
    assert visningar.diarium(system.uow()) == []
    # Nothing but the refusal, logged and kept under its key.
    loggat = {"granskningslogg", "granskningshuvud", "kommando"}
    efter = ogonblicksbild(system.motor)
    assert {t: r for t, r in efter.items() if t not in loggat} == {
        t: r for t, r in fore.items() if t not in loggat
    }
    # The number was not used: the next registration gets number 1.
    system.utfor(kommando(nyckel="en annan registrering"))
    assert [r.dnr for r in visningar.diarium(system.uow())] == ["SoN 2008/1"]


def test_kommandoraden(
    system: Arendesystem,
    databas_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    klocka = system.klocka
    assert isinstance(klocka, FastKlocka)
    monkeypatch.setenv("ARENDE_DATABASE_URL", databas_url)
    monkeypatch.setenv("ARENDE_ARKIV_DIR", str(system.arkiv.sokvag(".").parent))
    monkeypatch.setattr(cli.konsol, "width", 250)
    brev = tmp_path / "brev.eml"
    brev.write_bytes(bytes(data.epost(amne="Medborgarförslag", bilagor=data.tva_bilagor())))
    korare = CliRunner()
    argument = [
        "inkommande-nytt",
        str(brev),
        "--typ",
        "tjansteutlatande",
        "--namnd",
        hjalp.NAMND,
        "--handlaggare",
        hjalp.HANDLAGGARE,
        "--sammantrade",
        "2008-05-13",
        "--inkom",
        "2008-04-14",
        "--som",
        REGISTRATOR,
    ]
    svar = korare.invoke(app, [*argument, "--uppgift", "arendemening"])
    assert svar.exit_code == 2, svar.output
    assert "FÄLT=VÄRDE" in svar.output
    svar = korare.invoke(app, [*argument, "--uppgift", f"arendemening={MENING}"])
    assert svar.exit_code == 0, svar.output
    assert "Registrerade ärendet SoN 2008/1 för Lena Murray" in svar.output
    poster = visningar.handlingar(system.uow(), "SoN 2008/1")
    assert [h.typ for h in poster] == ["e-postmeddelande", "bilaga", "bilaga"]
