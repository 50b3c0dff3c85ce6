"""Diarienummer: written 'SoN 2008/17', read back from text, impossible ones refused."""

from __future__ import annotations

import pytest

from arende.domain.diarienummer import Diarienummer, kontrollera_prefix
from arende.domain.fel import ArendeFel, OgiltigUppgift


def test_skrivs_som_prefix_ar_snedstreck_lopnummer() -> None:
    assert str(Diarienummer("SoN", 2008, 17)) == "SoN 2008/17"


@pytest.mark.parametrize(
    ("text", "prefix", "ar", "lopnummer"),
    [
        pytest.param("SoN 2008/17", "SoN", 2008, 17, id="SoN"),
        pytest.param("I.2 2008/660", "I.2", 2008, 660, id="I.2"),
        pytest.param("ÖSN 2012/1", "ÖSN", 2012, 1, id="ÖSN"),
        pytest.param("SDN 2019/123", "SDN", 2019, 123, id="SDN"),
        pytest.param("Dnr-3 2020/45", "Dnr-3", 2020, 45, id="bindestreck"),
    ],
)
def test_tolka_och_tillbaka(text: str, prefix: str, ar: int, lopnummer: int) -> None:
    dnr = Diarienummer.tolka(text)
    assert dnr == Diarienummer(prefix, ar, lopnummer)
    assert str(dnr) == text
    assert Diarienummer.tolka(str(dnr)) == dnr


def test_tolka_tal_bort_omgivande_blanksteg() -> None:
    assert Diarienummer.tolka("  SoN 2008/17\n") == Diarienummer("SoN", 2008, 17)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="tom"),
        pytest.param("SoN", id="bara-prefix"),
        pytest.param("SoN2008/17", id="utan-blanksteg"),
        pytest.param("SoN 08/17", id="tvasiffrigt-ar"),
        pytest.param("SoN 2008-17", id="bindestreck-i-stallet-for-snedstreck"),
        pytest.param("SoN 2008/", id="utan-lopnummer"),
        pytest.param("2008/17", id="utan-prefix"),
        pytest.param("SoN 2008/17a", id="bokstav-i-lopnummer"),
        pytest.param("I.2-0660/2008", id="seed-002-format"),
    ],
)
def test_felaktig_text_vagras(text: str) -> None:
    with pytest.raises(OgiltigUppgift) as info:
        Diarienummer.tolka(text)
    assert "är inget diarienummer" in str(info.value)
    assert "Skriv det som 'SoN 2008/17'" in str(info.value)


@pytest.mark.parametrize(
    "prefix",
    [
        pytest.param("", id="tomt"),
        pytest.param("2SoN", id="borjar-med-siffra"),
        pytest.param(".SoN", id="borjar-med-punkt"),
        pytest.param("So N", id="blanksteg"),
        pytest.param("SoN/1", id="snedstreck"),
        pytest.param("A" * 21, id="21-tecken"),
    ],
)
def test_felaktigt_prefix_vagras(prefix: str) -> None:
    with pytest.raises(OgiltigUppgift) as info:
        Diarienummer(prefix, 2008, 17)
    assert f"Diarieprefixet '{prefix}' duger inte" in str(info.value)


def test_felaktigt_prefix_vagras_aven_vid_tolkning() -> None:
    with pytest.raises(OgiltigUppgift, match="Diarieprefixet 'So N' duger inte"):
        Diarienummer.tolka("So N 2008/17")


@pytest.mark.parametrize("prefix", ["A", "A" * 20, "I.2", "ÖSN", "åäö-1.2"])
def test_giltigt_prefix_godtas(prefix: str) -> None:
    assert kontrollera_prefix(prefix) == prefix


@pytest.mark.parametrize(
    ("ar", "lopnummer"),
    [
        pytest.param(2008, 0, id="lopnummer-0"),
        pytest.param(2008, -1, id="lopnummer-negativt"),
        pytest.param(1899, 1, id="ar-1899"),
        pytest.param(3000, 1, id="ar-3000"),
    ],
)
def test_omojligt_nummer_vagras(ar: int, lopnummer: int) -> None:
    with pytest.raises(ArendeFel) as info:
        Diarienummer("SoN", ar, lopnummer)
    assert type(info.value) is OgiltigUppgift
    assert str(info.value) == f"Ogiltigt diarienummer: SoN {ar}/{lopnummer}."


def test_lopnummer_0_vagras_vid_tolkning() -> None:
    with pytest.raises(OgiltigUppgift, match="Ogiltigt diarienummer"):
        Diarienummer.tolka("SoN 2008/0")


def test_ordnas_efter_prefix_ar_och_lopnummer() -> None:
    nummer = [
        Diarienummer("SoN", 2009, 1),
        Diarienummer("SoN", 2008, 17),
        Diarienummer("SoN", 2008, 2),
    ]
    assert [str(d) for d in sorted(nummer)] == ["SoN 2008/2", "SoN 2008/17", "SoN 2009/1"]


@pytest.mark.parametrize("dnr", ["SoN 2008/17", "ÖSN 2020/1", "I.2-A 1999/123456789"])
def test_i_en_adress_och_tillbaka(dnr: str) -> None:
    d = Diarienummer.tolka(dnr)
    assert "/" not in d.adress and " " not in d.adress
    assert Diarienummer.ur_adress(d.adress) == d


@pytest.mark.parametrize(
    "text", ["SoN 2008/17", "SoN-08-17", "SoN-2008-", "-2008-17", "SoN-2008-0", "../etc", "x" * 500]
)
def test_en_adress_som_inte_ar_ett_diarienummer(text: str) -> None:
    with pytest.raises(OgiltigUppgift):
        Diarienummer.ur_adress(text)
