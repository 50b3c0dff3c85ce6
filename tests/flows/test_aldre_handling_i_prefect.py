"""The import of an earlier document on a real Prefect server and runner: the run reads the
file, shows what was found and missed as an artifact and in its form (pre-filled with what
was read), and registers what the registrator confirms, as her; unchecked, nothing; a bad
file ends the run with a Swedish message and nothing registered."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.input.run_input import keyset_from_paused_state

from arende.adapters.databas import skapa_motor, uppgradera
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.service_layer import visningar
from deployments import svarare
from flows.aldre_handlingar import AldreHandlingSvar, AldreProtokollSvar
from tests.aldre_filer import docx_av
from tests.conftest import GRUNDDATA, FastKlocka
from tests.flows.test_registrator import artefakt
from tests.prefect_miljo import databas_url, server_och_runner

pytestmark = [pytest.mark.prefect, pytest.mark.prod, pytest.mark.timeout(600)]
DEPLOYMENT = "aldre-handling/aldre-handling"
DATA = Path(__file__).resolve().parents[1] / "data"
REGISTRATOR = "Per Lindqvist"


@pytest.fixture(scope="module")
def miljo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Arendesystem]]:
    hem = tmp_path_factory.mktemp("prefect")
    url = databas_url(hem)
    uppgradera(url)
    system = Arendesystem(skapa_motor(url), klocka=FastKlocka())
    ladda_grunddata(system, GRUNDDATA)
    importmapp = hem / "import"
    importmapp.mkdir()
    with server_och_runner(hem, DEPLOYMENT, ARENDE_IMPORT_DIR=str(importmapp)):
        yield importmapp, system


def formularets_forval(korning: UUID) -> dict[str, object]:
    """The defaults of the waiting form's fields, as the UI fills them in."""
    state = svarare.las(korning).state
    assert state is not None
    with get_client(sync_client=True) as klient:
        schema = json.loads(
            klient.read_flow_run_input(korning, keyset_from_paused_state(state)["schema"])
        )
    return {n: f.get("default") for n, f in schema["properties"].items()}


def test_formularet_visar_det_lasta_och_registrerar_det_bekraftade(
    miljo: tuple[Path, Arendesystem],
) -> None:
    importmapp, system = miljo
    text = (DATA / "seed_000_tjansteutlatande.txt").read_text("utf-8")
    (importmapp / "tjansteutlatande-2008.docx").write_bytes(docx_av(text))
    korning = svarare.starta(DEPLOYMENT, {"fil": "tjansteutlatande-2008.docx"})
    assert svarare.vanta_pa_formular(korning) is not None
    tabell = artefakt(korning, "import-tabell")
    assert "| Datum | **saknas** |" in tabell and "| Handläggare | hittad | Lena Murray |" in tabell
    beskrivning = svarare.formularets_beskrivning(korning)
    assert "**saknas**" in beskrivning and "--datum" in beskrivning
    forval = formularets_forval(korning)
    assert forval["namnd"] == "Socialtjänstnämnden"
    assert forval["handlaggare"] == "Lena Murray"
    assert forval["titel"] == "Stadens kvalitetsutmärkelse 2008"
    assert forval["undertecknare"] == ["Dag Helin", "Eddie Friberg", "Rita Kahn", "Eva Sandberg"]
    assert forval["datum"] is None and forval["dnr"] == ""

    svar = {k: v for k, v in forval.items() if k != "intyg"} | {"datum": "2008-04-22"}
    svarare.svara(korning, AldreHandlingSvar, svar, som=REGISTRATOR)
    assert svarare.vanta_pa_formular(korning) is None
    arende = visningar.hamta_arende(system.uow(), "SoN 2026/1")
    assert arende.titel == "Stadens kvalitetsutmärkelse 2008"
    assert arende.skede.value == "avslutat"
    with system.uow() as uow:
        poster = uow.logg.for_arende("SoN 2026/1")
    assert [(p.handling, p.aktor, p.flodeskorning) for p in poster[:1]] == [
        ("importera äldre handling", REGISTRATOR, str(korning))
    ]
    assert poster[0].innehall["inloggning"]  # answered through the gate's intyg


def test_avmarkerat_registreras_inget(miljo: tuple[Path, Arendesystem]) -> None:
    importmapp, system = miljo
    (importmapp / "protokoll.txt").write_bytes(
        (DATA / "protokollsutdrag_son_2008.txt").read_bytes()
    )
    korning = svarare.starta(DEPLOYMENT, {"fil": "protokoll.txt"})
    assert svarare.vanta_pa_formular(korning) is not None
    forval = formularets_forval(korning)
    assert forval["dnr"] == "SoN 2008/12"
    svar = {k: v for k, v in forval.items() if k != "intyg"} | {"registrera": False}
    svarare.svara(korning, AldreHandlingSvar, svar, som=REGISTRATOR)
    assert svarare.vanta_pa_formular(korning) is None
    with pytest.raises(Exception, match="inget ärende"):
        visningar.hamta_arende(system.uow(), "SoN 2008/12")


def test_ett_protokoll_med_flera_paragrafer_listas_och_registreras_per_paragraf(
    miljo: tuple[Path, Arendesystem],
) -> None:
    importmapp, system = miljo
    (importmapp / "protokoll-2008-05-13.txt").write_bytes(
        (DATA / "protokoll_son_2008.txt").read_bytes()
    )
    korning = svarare.starta(DEPLOYMENT, {"fil": "protokoll-2008-05-13.txt"})
    assert svarare.vanta_pa_formular(korning) is not None
    tabell = artefakt(korning, "import-tabell")
    assert "**Protokollets 4 paragrafer**" in tabell
    assert "| § 11 | Val av justerare |  |" in tabell and "| **Dnr** |" in tabell
    assert "nytt avslutat ärende I.2 2008/660 med protokollsutdrag" in tabell
    beskrivning = svarare.formularets_beskrivning(korning)
    assert "Äldre protokoll" in beskrivning and "§ 14" in beskrivning
    forval = formularets_forval(korning)
    # Only what holds for the whole protokoll is asked; the §§ are read-only above.
    assert set(forval) - {"intyg"} == {"registrera", "namnd", "datum", "handlaggare"}
    assert forval["namnd"] == "Socialtjänstnämnden" and forval["datum"] == "2008-05-13"

    svar = {k: v for k, v in forval.items() if k != "intyg"} | {"handlaggare": "Lena Murray"}
    svarare.svara(korning, AldreProtokollSvar, svar, som=REGISTRATOR)
    assert svarare.vanta_pa_formular(korning) is None
    plan = visningar.hamta_arende(system.uow(), "I.2 2008/660")
    assert plan.skede.value == "avslutat" and plan.handlaggare == "Lena Murray"
    poster = visningar.handlingar(system.uow(), "I.2 2008/660")
    assert [p.typ for p in poster] == ["protokollsutdrag"]
    with system.uow() as uow:
        logg = uow.logg.for_arende("I.2 2008/660")
    assert logg[0].handling == "importera äldre protokoll"
    assert logg[0].flodeskorning == str(korning) and logg[0].innehall["inloggning"]


@pytest.mark.parametrize(
    ("fil", "innehall", "meddelande"),
    [
        ("tom.txt", b"", "tom"),
        ("brev.txt", "Hej!\nHär är fakturan.\n".encode(), "ser inte ut som"),
        ("../grunddata.toml", None, "sökväg"),
        ("finns-inte.pdf", None, "finns inte i importmappen"),
    ],
)
def test_en_fil_som_inte_kan_importeras_ger_ett_svenskt_besked(
    miljo: tuple[Path, Arendesystem], fil: str, innehall: bytes | None, meddelande: str
) -> None:
    importmapp, system = miljo
    if innehall is not None:
        (importmapp / fil).write_bytes(innehall)
    korning = svarare.starta(DEPLOYMENT, {"fil": fil})
    with pytest.raises(svarare.KorningMisslyckades, match=meddelande):
        svarare.vanta_pa_formular(korning)
