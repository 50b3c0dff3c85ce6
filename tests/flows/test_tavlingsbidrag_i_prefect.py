"""The tävlingsbidrag after a nomination, on a real Prefect server behind the gate: what
`make demo` does after seed 000. Its own file (and server), beside
tests/flows/test_nominering_i_prefect.py; Östermalm's 2020 nomination shares nothing with
Socialtjänstnämnden's 2008.
"""

from __future__ import annotations

import copy
import json

import pytest

from arende.bootstrap import Arendesystem
from arende.domain.skeden import Skede
from arende.service_layer import handlingar, visningar
from arende.service_layer.tavlingsvy import tavlingsbidrag_for
from deployments import svarare
from deployments.demo import (
    EXEMPEL_BIDRAG,
    VERKSAMHETSPLAN,
    bidragets_korning,
    kor_sammantradesdemo,
    kor_tavlingsbidrag,
    rapport_bidrag,
)
from flows.handlingar import artefakter
from tests.flows.test_nominering_i_prefect import miljo

# The whole tävlingsbidrag through Prefect's forms, a few minutes: in `make test-prod` (CI
# runs it) so that `make test` keeps to its ten minutes; the tävlingsbidrag's use cases are
# tested in make test on both databases (tests/integration/test_tavlingsbidrag_i_databasen.py).
pytestmark = [pytest.mark.prefect, pytest.mark.prod, pytest.mark.timeout(1800)]

__all__ = ["miljo"]  # the server and runner fixture, one per module


def test_tavlingsbidraget_efter_nomineringen(miljo: tuple[str, Arendesystem]) -> None:
    """What `make demo` does after seed 000: Östermalm nominates Vuxenenheten 2020 (its run,
    the stadsdelsnämnd's sammanträde on 14 May 2020 and the expediering), the bifall opens
    the tävlingsbidrag run, seed 001's plan prefills question 18, seed 003's answers fill
    the rest, the chef approves, a late submission is refused in the form and the corrected
    one gets its receipt and a registered document."""
    _, system = miljo
    bidrag = json.loads(EXEMPEL_BIDRAG.read_text(encoding="utf-8"))
    dnr = kor_sammantradesdemo(bidrag, skriv=lambda *_: None)["nominering"]
    assert visningar.hamta_arende(system.uow(), dnr).skede is Skede.AVSLUTAT
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
    assert "arbetskopior/svarsmall_kvalitetsutmarkelsen_2020_Vuxenenheten.docx)" in str(mall.data)


def mal_for_fraga_18_ur_seed_001() -> str:
    from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan
    from arende.domain.verksamhetsplan import mal_for_fraga_18

    return mal_for_fraga_18(importera_verksamhetsplan(VERKSAMHETSPLAN.read_text(encoding="utf-8")))
