"""The nomination flow on a real Prefect server, served by a real runner: suspend, resume
with input, replay, and the database afterwards."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from flows.demo import (
    DEPLOYMENT,
    EXEMPEL,
    EXEMPEL_BIDRAG,
    FORMULAR,
    VERKSAMHETSPLAN,
    bidragets_korning,
    kor_nominering,
    kor_tavlingsbidrag,
    rapport,
    rapport_bidrag,
)
from flows.formular import FaststallSvar
from flows.handlingar import artefakter, artefaktnyckel
from prefect.deployments import run_deployment
from prefect.flow_runs import resume_flow_run

from arende.adapters.arkiv import Filarkiv
from arende.bootstrap import Arendesystem, starta
from arende.domain.handling import Handlingstyp
from arende.service_layer import handlingar, visningar
from arende.service_layer.tavlingsbidrag import tavlingsbidrag_for
from flows import svarare
from tests.prefect_miljo import databas_url, server_och_runner
from tests.stegordning import HELA_VAGEN

pytestmark = [pytest.mark.prefect, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def miljo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Arendesystem]]:
    hem = tmp_path_factory.mktemp("prefect")
    with server_och_runner(hem, DEPLOYMENT) as api_url:
        system = starta(databas_url(hem))
        system.arkiv = Filarkiv(hem / "arkiv")  # the folder the runner's flows write to
        yield api_url, system


def exempel() -> dict[str, Any]:
    return json.loads(Path(EXEMPEL).read_text(encoding="utf-8"))


def ogonblick(system: Arendesystem, korning: UUID) -> tuple[Any, ...]:
    arende = visningar.arende_for_korning(system.uow(), str(korning))
    handelser = visningar.historik(system.uow(), str(arende.dnr))
    return arende.skede, len(arende.beslut), len(handelser)


def test_seed_000_hela_vagen_med_ett_felaktigt_svar(miljo: tuple[str, Arendesystem]) -> None:
    _, system = miljo
    data = exempel()
    korning = svarare.starta(DEPLOYMENT, {"uppgifter": data["uppgifter"]})
    steg_sedda = []
    while (nyckel := svarare.vanta_pa_formular(korning)) is not None:
        steg = nyckel.split("-")[0]
        steg_sedda.append(nyckel)
        modell, _ = FORMULAR[steg]
        svar = dict(data["svar"][steg])
        if steg == "faststall":
            # A form with a required field missing: a Swedish message, the run untouched.
            fore = ogonblick(system, korning)
            with pytest.raises(
                svarare.FormularFel, match="'Förvaltningschef / stadsdelsdirektör' saknas"
            ):
                svarare.svara(korning, FaststallSvar, {"datum": "2008-05-07"})
            # The same through the raw API: Prefect's server rejects it against the schema.
            with pytest.raises(RuntimeError, match="Cannot resume"):
                resume_flow_run(korning, run_input={"datum": "2008-05-07"})
            assert svarare.vanta_pa_formular(korning) == nyckel
            assert ogonblick(system, korning) == fore
        if steg == "beslut":
            svar["paragraf"] = 45
        if nyckel == "justering-1":
            svar["datum"] = "2008-05-12"  # before the sammanträde: refused by the domain
        svarare.svara(korning, modell, svar)
        if nyckel == "justering-1":
            assert svarare.vanta_pa_formular(korning) == "justering-2"
            beskrivning = svarare.formularets_beskrivning(korning)
            assert "Förra svaret kunde inte tas emot" in beskrivning
            assert "omedelbart justerad" in beskrivning

    assert steg_sedda == [
        "samverkan-1-1",
        "faststall-1-1",
        "beslut-1-1-1",
        "justering-1",
        "justering-2",
        "anslag-1",
        "expediering-1",
    ]
    korningen = svarare.las(korning)
    arende = visningar.arende_for_korning(system.uow(), str(korning))
    assert korningen.name == f"{arende.dnr} Stadens kvalitetsutmärkelse 2008"
    assert "skede:avslutat" in korningen.tags and "nämnd:Socialtjänstnämnden" in korningen.tags
    assert arende.skede.value == "avslutat"
    assert arende.gallande_beslut is not None and arende.gallande_beslut.paragraf == 45
    assert arende.gallande_beslut.omedelbar_justering
    assert len(arende.nomineringar) == 4
    handelser = visningar.historik(system.uow(), str(arende.dnr))
    utforda = [
        e.handling
        for e in handelser
        if e.innehall.get("utfall") == "utförd"
        and e.handling not in ("registrera PDF", "uppdatera frister")
    ]
    # Seven suspensions meant seven replays from the top; still every step exactly once.
    assert utforda == HELA_VAGEN
    # Each document once, with its PDF (made by LibreOffice) and shown on the run.
    dokument = handlingar.handlingar(system.uow(), str(arende.dnr))
    assert [(d.typ, d.version) for d in dokument] == [
        (Handlingstyp.TJANSTEUTLATANDE, 1),
        (Handlingstyp.KALLELSE, 1),
        (Handlingstyp.PROTOKOLLSUTDRAG, 1),
        (Handlingstyp.ANSLAG, 1),
    ]
    for d in dokument:
        assert d.pdf_fil and system.arkiv.las(d.pdf_fil).startswith(b"%PDF-")
    assert sum(e.handling == "registrera PDF" for e in handelser) == len(dokument)
    nycklar = {a.key for a in artefakter(korning)}
    for d in dokument:
        assert {
            artefaktnyckel(str(arende.dnr), d),
            artefaktnyckel(str(arende.dnr), d) + "-text",
        } <= nycklar
    avvisade = [e for e in handelser if e.innehall.get("utfall") == "avvisad"]
    assert len(avvisade) == 1 and avvisade[0].aktor == "Karin Ekström"
    assert {e.flodeskorning for e in handelser} == {str(korning)}
    assert visningar.verifiera(system.uow()).intakt


def test_bordlaggning_och_aterremiss_gar_tillbaka_ratt_vag(miljo: tuple[str, Arendesystem]) -> None:
    _, system = miljo
    data = exempel()
    svar = copy.deepcopy(data["svar"])
    beslut = iter(
        [
            {
                "utfall": "bordläggning",
                "omedelbar_justering": False,
                "nytt_sammantrade": "2008-05-15",
            },
            {
                "utfall": "återremiss",
                "omedelbar_justering": False,
                "nytt_sammantrade": "2008-05-16",
            },
            {"utfall": "bifall", "omedelbar_justering": True},
        ]
    )
    korning = svarare.starta(DEPLOYMENT, {"uppgifter": data["uppgifter"]})
    nycklar = []
    while (nyckel := svarare.vanta_pa_formular(korning)) is not None:
        nycklar.append(nyckel)
        steg = nyckel.split("-")[0]
        modell, _ = FORMULAR[steg]
        svaret = dict(svar[steg])
        if steg == "beslut":
            svaret.update(next(beslut))
            arende = visningar.arende_for_korning(system.uow(), str(korning))
            svaret["paragraf"] = visningar.nasta_paragraf(system.uow(), arende.namnd, 2008)
            if svaret["utfall"] == "bifall":
                svaret["omedelbar_justering"] = True
        if nyckel in ("samverkan-2-1", "faststall-2-1"):
            svaret["datum"] = "2008-05-15"  # the new beredning starts at the återremiss
        if steg in ("justering", "anslag"):
            arende = visningar.arende_for_korning(system.uow(), str(korning))
            assert arende.sammantrade is not None
            svaret["datum"] = arende.sammantrade.isoformat()
        if steg == "expediering":
            svaret["datum"] = "2008-05-16"
        svarare.svara(korning, modell, svaret)
    assert nycklar == [
        "samverkan-1-1",
        "faststall-1-1",
        "beslut-1-1-1",
        "beslut-1-2-1",
        "samverkan-2-1",
        "faststall-2-1",
        "beslut-2-1-1",
        "justering-1",
        "anslag-1",
        "expediering-1",
    ]
    arende = visningar.arende_for_korning(system.uow(), str(korning))
    assert arende.skede.value == "avslutat" and arende.omgang == 2
    assert [b.utfall.value for b in arende.beslut] == ["bordläggning", "återremiss", "bifall"]
    assert visningar.verifiera(system.uow()).intakt


def test_okand_namnd_stoppas_av_startformularet(miljo: tuple[str, Arendesystem]) -> None:
    """Nämnd, year, handläggare and class are drop-downs from the reference data: a value
    outside them never starts a run (Swedish from our check; Prefect's server refuses too)."""
    data = exempel()
    data["uppgifter"]["namnd"] = "Finansnämnden"
    data["uppgifter"]["enheter"][0]["klass"] = "rymdfart"
    with pytest.raises(
        svarare.FormularFel,
        match=r"(?=.*'Nämnd': 'Finansnämnden' finns inte bland valen \(Socialtjänstnämnden, "
        r"Östermalms stadsdelsnämnd\))(?=.*'Klass': 'rymdfart' finns inte)",
    ):
        svarare.starta(DEPLOYMENT, {"uppgifter": data["uppgifter"]})
    with pytest.raises(Exception, match="Finansnämnden"):
        run_deployment(DEPLOYMENT, parameters={"uppgifter": data["uppgifter"]}, timeout=0)


def test_en_klass_som_aret_saknar_stoppar_korningen_med_svenskt_fel(
    miljo: tuple[str, Arendesystem],
) -> None:
    """The class drop-down offers every year's classes; the year chosen decides which are
    valid, and the registration refuses the rest in Swedish."""
    data = exempel()
    data["uppgifter"]["enheter"][0]["klass"] = "förskola"  # 2019's class, not 2008's
    korning = svarare.starta(DEPLOYMENT, {"uppgifter": data["uppgifter"]})
    with pytest.raises(
        svarare.KorningMisslyckades,
        match="Klassen 'förskola' finns inte i kvalitetsutmärkelsen 2008",
    ):
        svarare.vanta_pa_formular(korning)


def test_demons_skript_kor_hela_vagen(miljo: tuple[str, Arendesystem]) -> None:
    """The same script `make demo` runs, against this server: it must end avslutat."""
    _, system = miljo
    korning, dnr = kor_nominering(exempel(), utskrift=False, system=system)
    assert visningar.arende_for_korning(system.uow(), str(korning)).skede.value == "avslutat"
    assert dnr.startswith("SoN 2008/")
    rader: list[str] = []
    assert rapport(system, dnr, skriv=rader.append)  # what `make demo` prints after the run
    assert any("registrera handling. protokollsutdrag" in r for r in rader)


def test_mina_arenden_visar_vad_som_vantar_som_tabell(miljo: tuple[str, Arendesystem]) -> None:
    _, system = miljo
    vantande = svarare.starta(DEPLOYMENT, {"uppgifter": exempel()["uppgifter"]})
    assert svarare.vanta_pa_formular(vantande) == "samverkan-1-1"
    dnr = str(visningar.arende_for_korning(system.uow(), str(vantande)).dnr)
    korning = svarare.starta("mina-arenden/mina-arenden", {"person": "Lena Murray"})
    assert svarare.vanta_pa_formular(korning) is None  # no form: it ran to the end
    (tabell,) = [a for a in artefakter(korning) if a.type == "table"]
    assert tabell.key == "mina-arenden-lena-murray"
    rader = json.loads(str(tabell.data))
    assert {
        "Dnr": dnr,
        "Nästa steg": "registrera samverkan",
        "Senast": "2008-05-19",
    }.items() <= next(r for r in rader if r["Dnr"] == dnr).items()
    with pytest.raises(svarare.FormularFel, match="'Okänd Person' finns inte bland valen"):
        svarare.starta("mina-arenden/mina-arenden", {"person": "Okänd Person"})


def test_tavlingsbidraget_efter_nomineringen(miljo: tuple[str, Arendesystem]) -> None:
    """What `make demo` does after seed 000: Östermalm nominates Vuxenenheten 2020, the
    nomination opens its tävlingsbidrag run, seed 001's plan prefills question 18, seed 003's
    answers fill the rest, the chef approves, a late submission is refused in the form and
    the corrected one gets its receipt and a registered document."""
    _, system = miljo
    bidrag = json.loads(EXEMPEL_BIDRAG.read_text(encoding="utf-8"))
    _, dnr = kor_nominering(bidrag, utskrift=False, system=system)
    korning = bidragets_korning(dnr, "Vuxenenheten")
    sent = copy.deepcopy(bidrag)
    sent["tavlingsbidrag"]["inlamning"]["mottaget"] = "2020-06-01"
    with pytest.raises(TimeoutError):  # the late answer is refused: the run waits again
        kor_tavlingsbidrag(sent, dnr, skriv=lambda *_: None, tidsgrans=20)
    assert "Förra svaret kunde inte tas emot" in svarare.formularets_beskrivning(korning)
    assert "sista dag att lämna det" in svarare.formularets_beskrivning(korning)
    kor_tavlingsbidrag(bidrag, dnr, skriv=lambda *_: None)
    rader: list[str] = []
    assert rapport_bidrag(system, dnr, skriv=rader.append)
    assert any("den 27 maj 2020 tagit emot Vuxenenhetens tävlingsbidrag" in r for r in rader)
    (oversikt,) = tavlingsbidrag_for(system.uow(), dnr)
    assert oversikt.bidrag.svar[18].startswith(mal_for_fraga_18_ur_seed_001()[:200])
    dokument = [
        h for h in handlingar.handlingar(system.uow(), dnr) if h.typ.value == "tävlingsbidrag"
    ]
    assert len(dokument) == 1 and dokument[0].pdf_fil
    visade = artefakter(korning)
    assert any(a.key and a.key.startswith("kvitto-") for a in visade)
    # The empty answer template to download, beside the ärende's files.
    (mall,) = [a for a in visade if a.key and a.key.startswith("svarsmall-")]
    # A link artifact is stored as Markdown: [text](address).
    assert "arbetskopior/svarsmall_kvalitetsutmarkelsen_2020_Vuxenenheten.docx)" in str(
        mall.data
    )


def mal_for_fraga_18_ur_seed_001() -> str:
    from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan
    from arende.domain.verksamhetsplan import mal_for_fraga_18

    return mal_for_fraga_18(importera_verksamhetsplan(VERKSAMHETSPLAN.read_text(encoding="utf-8")))
