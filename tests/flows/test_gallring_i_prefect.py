"""The gallring deployment on a real Prefect server and runner: the system proposes, the
form waits for a registrator; a handläggare's answer is refused with the Swedish reason in
the next form, the registrator's decision gallrar what she left in the list, and
`verifiera` names the gallring afterwards."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest

from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import skapa_motor, uppgradera
from arende.bootstrap import Arendesystem, ladda_grunddata
from arende.domain.diarienummer import Diarienummer
from arende.domain.handelser import HandlingInkommen
from arende.service_layer import gallring as gallringen
from arende.service_layer import visningar
from arende.service_layer.inkommande import filkommando
from arende.service_layer.kommandon import InkommenFil
from deployments import svarare
from flows.formular import GallringSvar
from tests import hjalp
from tests import inkommande_data as data
from tests.conftest import GRUNDDATA, FastKlocka
from tests.prefect_miljo import databas_url, server_och_runner

pytestmark = [pytest.mark.prefect, pytest.mark.prod, pytest.mark.timeout(600)]
DEPLOYMENT = "gallring/gallring"
REGISTRATOR = "Per Lindqvist"


@pytest.fixture(scope="module")
def miljo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Arendesystem]:
    hem = tmp_path_factory.mktemp("prefect")
    url = databas_url(hem)
    uppgradera(url)
    system = Arendesystem(skapa_motor(url), klocka=FastKlocka(), arkiv=Filarkiv(hem / "arkiv"))
    ladda_grunddata(system, GRUNDDATA)
    with server_och_runner(hem, DEPLOYMENT):
        yield system


def _epost(system: Arendesystem, dnr: str, text: str) -> int:
    brev = data.epost(amne=f"Yttrande i {dnr}", text=text).as_bytes()
    handelser = system.utfor(
        dataclasses.replace(
            filkommando(
                [InkommenFil("yttrande.eml", brev)],
                aktor=REGISTRATOR,
                dnr=Diarienummer.tolka(dnr),
                inkom=date(2008, 5, 2),
                avsandare="Anna Andersson",
                beskrivning=f"Yttrande {text}",
                kanal="e-post",
            ),
            epost=True,
        )
    )
    return next(h.nummer for h in handelser if isinstance(h, HandlingInkommen))


def test_forslag_och_registratorns_beslut_i_formularet(miljo: Arendesystem) -> None:
    system = miljo
    dnr, _ = hjalp.beslutat_och_anslaget(system, "Stängt ärende", "Öppet ärende")
    forsta = _epost(system, dnr, "ett")
    andra = _epost(system, dnr, "två")
    hjalp.expediera(system, dnr, date(2008, 6, 20))

    korning = svarare.starta(DEPLOYMENT, {"namnd": "Socialtjänstnämnden"}, som=REGISTRATOR)
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == "gallring-1-1"
    beskrivning = svarare.formularets_beskrivning(korning)
    assert f"| {dnr} | {forsta} | e-postmeddelande |" in beskrivning
    assert "SoN 2019/12" in beskrivning

    # The handläggare may not decide: asked again, with the reason.
    svarare.svara(korning, GallringSvar, {"handlingar": [f"{dnr}:{forsta}"]}, "Lena Murray")
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == "gallring-1-2"
    assert "Förra svaret kunde inte tas emot" in svarare.formularets_beskrivning(korning)
    assert all(h.gallring is None for h in visningar.handlingar(system.uow(), dnr))

    # The registrator keeps the second e-mail back and gallrar the first.
    svarare.svara(korning, GallringSvar, {"handlingar": [f"{dnr}:{forsta}"]}, REGISTRATOR)
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) is None
    poster = {h.nummer: h for h in visningar.handlingar(system.uow(), dnr)}
    assert poster[forsta].gallring is not None and poster[forsta].gallring.av == REGISTRATOR
    assert poster[andra].gallring is None
    assert system.arkiv.sha256(poster[forsta].fil) is None
    assert system.arkiv.sha256(poster[andra].fil) == poster[andra].sha256

    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)
    assert [r.split(":")[0] for r in resultat.gallrade] == [f"handling {forsta} version 1 i {dnr}"]

    # The next monthly run (the scheduler's, as the system) proposes the second e-mail; the
    # registrator decides that proposal by its number, as the mail tells her. A number
    # that is not the nämnd's fails the run with the Swedish reason.
    plan = system.plan
    [manadens] = gallringen.foresla_enligt_schema(system.uow, system.utfor, plan, date(2026, 12, 1))
    assert manadens.antal == 1
    fel = svarare.starta(
        DEPLOYMENT, {"namnd": "Socialtjänstnämnden", "forslag": 99}, som=REGISTRATOR
    )
    with pytest.raises(svarare.KorningMisslyckades, match="har inget gallringsförslag nummer 99"):
        svarare.vanta_pa_formular(fel, tidsgrans=300)
    korning = svarare.starta(
        DEPLOYMENT, {"namnd": "Socialtjänstnämnden", "forslag": manadens.forslag}, som=REGISTRATOR
    )
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == f"gallring-{manadens.forslag}-1"
    beskrivning = svarare.formularets_beskrivning(korning)
    assert f"| {dnr} | {andra} | e-postmeddelande |" in beskrivning
    assert f"| {dnr} | {forsta} |" not in beskrivning
    svarare.svara(korning, GallringSvar, {"handlingar": [f"{dnr}:{andra}"]}, REGISTRATOR)
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) is None
    poster = {h.nummer: h for h in visningar.handlingar(system.uow(), dnr)}
    assert poster[andra].gallring is not None and poster[andra].gallring.forslag == manadens.forslag
    # Decided once; and a proposal belongs to its nämnd.
    for namnd, skal in (
        ("Socialtjänstnämnden", f"Gallringsförslag {manadens.forslag} är redan beslutat"),
        ("Östermalms stadsdelsnämnd", f"har inget gallringsförslag nummer {manadens.forslag}"),
    ):
        igen = svarare.starta(
            DEPLOYMENT, {"namnd": namnd, "forslag": manadens.forslag}, som=REGISTRATOR
        )
        with pytest.raises(svarare.KorningMisslyckades, match=skal):
            svarare.vanta_pa_formular(igen, tidsgrans=300)
