"""A sekretess marking of a part of a handling, against the real database (SQLite and
PostgreSQL) and archive: the stycken are named as `arende stycken` numbers them, checked
against the handling's text, kept with the marking and shown with it; a request for the
handling then comes up in the prövning as masking those stycken. Bad input is refused in
Swedish and changes nothing."""

from __future__ import annotations

import pytest

from arende.bootstrap import Arendesystem
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.service_layer import utlamnande, visningar
from arende.service_layer.kommandon import MarkeraSekretess
from tests.skanningar import kraver_ocr, tom_png
from tests.utlamnande_hjalp import (
    BESTAMMELSE,
    HEMLIGT,
    REGISTRATOR,
    arende_med_hemlighet,
    inkommen,
    registrera_begaran,
)


def _markera(system: Arendesystem, dnr: str, nummer: int, stycken: str) -> None:
    system.utfor(
        MarkeraSekretess(
            aktor=REGISTRATOR,
            dnr=Diarienummer.tolka(dnr),
            nummer=nummer,
            bestammelse=BESTAMMELSE,
            stycken=stycken,
        )
    )


def _post(system: Arendesystem, dnr: str, nummer: int) -> visningar.Handlingspost:
    return next(h for h in visningar.handlingar(system.uow(), dnr) if h.nummer == nummer)


def test_delen_markeras_och_provningen_borjar_med_att_maskera_den(system: Arendesystem) -> None:
    dnr, hemlig, brev = arende_med_hemlighet(system)
    # Marked whole by the helper; now only stycke 3 (where the secret is).
    _markera(system, dnr, hemlig, "stycke 3")
    post = _post(system, dnr, hemlig)
    assert post.markering is not None and post.markering.stycken == (3,)
    assert post.sekretesstext.startswith(f"{BESTAMMELSE}, stycke 3 (")
    assert post.offentlig_titel == "Sekretess (OSL)"  # the file holds the part: held back
    historik = [
        h for h in visningar.historik(system.uow(), dnr) if h.handling == MarkeraSekretess.handling
    ]
    assert historik[-1].innehall["efter"]["stycken"] == [3]

    nummer = registrera_begaran(system, dnr, [hemlig, brev])
    [for_hemlig, for_brev] = utlamnande.begard(system.uow(), system.beroenden, dnr, nummer)
    assert (for_hemlig.utfall, for_hemlig.bestammelse, for_hemlig.maskera) == (
        "lämnas ut med maskering",
        BESTAMMELSE,
        "3",
    )
    assert for_hemlig.stycken[2] == HEMLIGT
    assert (for_brev.utfall, for_brev.maskera) == ("lämnas ut", "")


@pytest.mark.parametrize(
    ("stycken", "text"),
    [
        ("9", "har stycke 1–4"),
        ("3-2", "baklänges"),
        ("tre", "inget stycke"),
        ("1-4", "markera hela handlingen"),
    ],
)
def test_fel_delar_avvisas_och_inget_andras(system: Arendesystem, stycken: str, text: str) -> None:
    dnr, hemlig, _ = arende_med_hemlighet(system)
    fore = _post(system, dnr, hemlig)
    with pytest.raises(OgiltigUppgift, match=text):
        _markera(system, dnr, hemlig, stycken)
    assert _post(system, dnr, hemlig) == fore


def test_en_bild_utan_text_har_inga_stycken_att_markera(system: Arendesystem) -> None:
    kraver_ocr()
    dnr, _, _ = arende_med_hemlighet(system)
    bild = inkommen(system, dnr, "foto.png", tom_png(), "Fotografi")
    with pytest.raises(OgiltigUppgift, match="ingen text hittades.*markera hela handlingen"):
        _markera(system, dnr, bild, "1")
    assert not _post(system, dnr, bild).sekretess
