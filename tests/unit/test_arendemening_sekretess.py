"""The ärendemening's sekretess marking (domain/arende.py): the public form it may be shown
in, and what a marking or its lifting refuses."""

from __future__ import annotations

from datetime import date

import pytest

from arende.domain.fel import OgiltigUppgift
from arende.domain.sekretess import Sekretessmarkering
from tests.unit.test_registrering import arende

MENING = "Stadens kvalitetsutmärkelse 2008"
MARKERING = Sekretessmarkering("OSL 26 kap. 1 §", date(2008, 5, 15), "Per Lindqvist")


def test_omarkerad_visas_som_den_ar() -> None:
    a = arende()
    assert a.offentlig_titel == MENING


def test_markerad_visas_i_offentlig_form_och_havd_som_den_ar() -> None:
    a = arende()
    a.markera_mening(MARKERING, "  Ärende om   utmärkelse ")
    assert (a.offentlig_titel, a.titel) == ("Ärende om utmärkelse", MENING)
    assert a.mening_markering == MARKERING
    a.hav_markering_av_mening()
    assert (a.offentlig_titel, a.mening_markering, a.offentlig_mening) == (MENING, None, None)


def test_ny_grund_eller_ny_form_ersatter_den_gamla() -> None:
    a = arende()
    a.markera_mening(MARKERING, "Ärende om utmärkelse")
    ny = Sekretessmarkering("OSL 21 kap. 1 §", date(2008, 5, 16), "Per Lindqvist")
    a.markera_mening(ny, "Ärende om utmärkelse")
    a.markera_mening(ny, "Ärende")
    assert (a.mening_markering, a.offentlig_titel) == (ny, "Ärende")


@pytest.mark.parametrize(
    ("offentlig", "nyckelord"),
    [
        ("", "saknas"),
        ("   ", "saknas"),
        ("x" * 301, "300"),
        (MENING, "densamma"),
        (MENING.upper(), "densamma"),
        (f"Ärende: {MENING}", "hela"),
        (f"{MENING.lower()} m.m.", "hela"),
    ],
)
def test_en_offentlig_form_som_rojer_eller_saknas_avvisas(offentlig: str, nyckelord: str) -> None:
    a = arende()
    with pytest.raises(OgiltigUppgift, match=nyckelord):
        a.markera_mening(MARKERING, offentlig)
    assert (a.mening_markering, a.offentlig_mening) == (None, None)


def test_samma_markering_igen_och_havning_utan_markering_avvisas() -> None:
    a = arende()
    with pytest.raises(OgiltigUppgift, match="inte sekretessmarkerad"):
        a.hav_markering_av_mening()
    a.markera_mening(MARKERING, "Ärende")
    with pytest.raises(OgiltigUppgift, match="redan markerad"):
        a.markera_mening(MARKERING, "Ärende")
