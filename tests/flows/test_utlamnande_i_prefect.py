"""A request for allmän handling on a real Prefect server, served by a real runner: the
registrator starts the deployment utlamnande/utlamnande (anonymous sökande), the run
registers the request and waits for the prövning form, where the marked handling comes up
as 'prövas' with its provision and its text in numbered stycken. A wrong answer (an avslag
without provision) comes back in the next form with its Swedish reason; the right one draws
up the masked copy, whose PDF (made by the run) has the secret stycke masked and the rest
legible, and the run shows what is given out."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from pypdf import PdfReader

from arende.adapters.arkiv import Filarkiv
from arende.bootstrap import Arendesystem, ladda_grunddata, starta
from arende.service_layer import handlingar, utlamnande
from deployments import svarare
from flows.handlingar import artefakter
from flows.tavlingsbidrag import slug
from flows.utlamnande import provningsformular
from tests.conftest import GRUNDDATA, FastKlocka
from tests.prefect_miljo import databas_url, server_och_runner
from tests.utlamnande_hjalp import (
    BESTAMMELSE,
    HANDLAGGARE,
    HEMLIGT,
    REGISTRATOR,
    STYCKEN,
    arende_med_hemlighet,
)

pytestmark = [pytest.mark.prefect, pytest.mark.prod, pytest.mark.timeout(900)]
DEPLOYMENT = "utlamnande/utlamnande"


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Arendesystem]:
    hem = tmp_path_factory.mktemp("prefect")
    from arende.adapters.databas import uppgradera

    uppgradera(databas_url(hem))
    with server_och_runner(hem, DEPLOYMENT):
        arendesystem = starta(databas_url(hem))
        arendesystem.klocka = FastKlocka()
        arendesystem.arkiv = Filarkiv(hem / "arkiv")  # the folder the runner's flows write to
        ladda_grunddata(arendesystem, GRUNDDATA)
        yield arendesystem


def test_begaran_provas_i_formularet_och_kopian_ar_maskerad(system: Arendesystem) -> None:
    dnr, hemlig, brev = arende_med_hemlighet(system)
    korning = svarare.starta(
        DEPLOYMENT,
        {"dnr": dnr, "handlingar": [hemlig, brev], "kontakt": "x@example.org"},
        som=REGISTRATOR,
    )
    nyckel = f"provning-{slug(dnr)}-1"
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == f"{nyckel}-1"
    [b] = utlamnande.begaranden(system.uow(), dnr)
    assert b.oppen and b.sokande is None and b.registrerad_av == REGISTRATOR
    beskrivning = svarare.formularets_beskrivning(korning)
    assert "Anonym sökande" in beskrivning
    assert f"sekretessmarkerad ({BESTAMMELSE}" in beskrivning
    assert f"3. {HEMLIGT}" in beskrivning

    modell = provningsformular([hemlig, brev])
    # An avslag without its provision: refused, the same form again with the reason.
    svarare.svara(
        korning,
        modell,
        {f"utfall_{hemlig}": "avslås", f"bestammelse_{hemlig}": "", f"utfall_{brev}": "lämnas ut"},
        HANDLAGGARE,
    )
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) == f"{nyckel}-2"
    assert "Ett avslag av handling" in svarare.formularets_beskrivning(korning)
    assert utlamnande.hamta(system.uow(), dnr, 1).oppen

    svarare.svara(
        korning,
        modell,
        {
            f"utfall_{hemlig}": "lämnas ut med maskering",
            f"bestammelse_{hemlig}": BESTAMMELSE,
            f"stycken_{hemlig}": "3",
            f"utfall_{brev}": "lämnas ut",
        },
        HANDLAGGARE,
    )
    assert svarare.vanta_pa_formular(korning, tidsgrans=300) is None
    b = utlamnande.hamta(system.uow(), dnr, 1)
    assert not b.oppen and b.avgjord_av == HANDLAGGARE and b.beslut is not None
    kopia_nr = b.provningar[0].kopia
    assert kopia_nr is not None
    [kopia] = [h for h in handlingar.handlingar(system.uow(), dnr) if h.nummer == kopia_nr]
    assert kopia.pdf_fil is not None  # made by the run before it ended
    text = " ".join(
        " ".join((s.extract_text() or "").split())
        for s in PdfReader(io.BytesIO(system.arkiv.las(kopia.pdf_fil))).pages
    )
    assert "Xq7" not in text and f"[Maskerat: sekretess enligt {BESTAMMELSE}]" in text
    assert STYCKEN[3] in text
    [artefakt] = artefakter(korning, [f"utlamnande-{slug(dnr)}-1"])
    assert f"lämna ut kopian [handling {kopia_nr}]" in str(artefakt.data)
