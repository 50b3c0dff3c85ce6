"""The audit hash chain: intact chains verify; any alteration names the first broken link."""

from __future__ import annotations

import dataclasses

import pytest

from arende.domain.granskning import (
    START_HASH,
    Kedjebrott,
    Lank,
    kanonisk_json,
    kedjehash,
    verifiera_kedja,
)

HANDELSER = [
    {"handelse": "registrerat", "dnr": "SoN 2008/17", "datum": "2008-04-14"},
    {"handelse": "samverkat", "datum": "2008-04-22"},
    {"handelse": "beslutat", "utfall": "bifall", "paragraf": 12},
    {"handelse": "justerat", "ordförande": "Anna Ordförande"},
]


def bygg_kedja(innehall: list[dict[str, object]]) -> list[Lank]:
    lankar = []
    foregaende = START_HASH
    for sekvens, handelse in enumerate(innehall, start=1):
        text = kanonisk_json(handelse)
        hash_ = kedjehash(foregaende, text)
        lankar.append(Lank(sekvens, text, foregaende, hash_))
        foregaende = hash_
    return lankar


def test_hel_kedja_ar_intakt() -> None:
    kedja = bygg_kedja(HANDELSER)
    assert kedja[0].foregaende_hash == "0" * 64
    assert len({lank.hash for lank in kedja}) == len(kedja)
    assert verifiera_kedja(kedja) is None


def test_tom_kedja_ar_intakt() -> None:
    assert verifiera_kedja([]) is None


def test_kanonisk_json_ar_oberoende_av_nyckelordning_och_behaller_utf8() -> None:
    assert kanonisk_json({"b": 1, "å": "ä"}) == kanonisk_json({"å": "ä", "b": 1})
    assert kanonisk_json({"b": 1, "å": "ä"}) == '{"b":1,"å":"ä"}'


def test_kedjehash_beror_pa_foregaende_hash() -> None:
    text = kanonisk_json(HANDELSER[0])
    assert kedjehash(START_HASH, text) != kedjehash("1" * 64, text)
    assert len(kedjehash(START_HASH, text)) == 64


@pytest.mark.parametrize("index", [0, 1, 3], ids=lambda i: f"handelse-{i + 1}")
def test_andrat_innehall(index: int) -> None:
    kedja = bygg_kedja(HANDELSER)
    kedja[index] = dataclasses.replace(
        kedja[index], innehall_json=kedja[index].innehall_json.replace('"', "'", 2)
    )
    brott = verifiera_kedja(kedja)
    assert brott == Kedjebrott(index + 1, "innehållet har ändrats efter att det skrevs")


@pytest.mark.parametrize("index", [0, 2, 3], ids=lambda i: f"handelse-{i + 1}")
def test_andrad_lagrad_hash(index: int) -> None:
    kedja = bygg_kedja(HANDELSER)
    kedja[index] = dataclasses.replace(kedja[index], hash="f" * 64)
    brott = verifiera_kedja(kedja)
    assert brott is not None
    assert brott.sekvens == index + 1
    assert "ändrats" in brott.beskrivning


def test_omraknad_hash_efter_andring_bryter_nasta_lank() -> None:
    kedja = bygg_kedja(HANDELSER)
    falsk = kanonisk_json({"handelse": "samverkat", "datum": "2008-05-14"})
    kedja[1] = dataclasses.replace(
        kedja[1], innehall_json=falsk, hash=kedjehash(kedja[1].foregaende_hash, falsk)
    )
    assert verifiera_kedja(kedja) == Kedjebrott(3, "länken till föregående händelse stämmer inte")


@pytest.mark.parametrize("index", [0, 1, 2], ids=lambda i: f"handelse-{i + 1}")
def test_borttagen_handelse(index: int) -> None:
    kedja = bygg_kedja(HANDELSER)
    del kedja[index]
    brott = verifiera_kedja(kedja)
    assert brott is not None
    assert brott.sekvens == index + 1
    assert f"händelse {index + 1} saknas" in brott.beskrivning


def test_borttagen_och_omnumrerad_handelse() -> None:
    kedja = bygg_kedja(HANDELSER)
    del kedja[1]
    kedja = [dataclasses.replace(lank, sekvens=nr) for nr, lank in enumerate(kedja, start=1)]
    assert verifiera_kedja(kedja) == Kedjebrott(2, "länken till föregående händelse stämmer inte")


def test_bytt_plats_pa_tva_handelser() -> None:
    kedja = bygg_kedja(HANDELSER)
    kedja[1], kedja[2] = kedja[2], kedja[1]
    brott = verifiera_kedja(kedja)
    assert brott is not None
    assert brott.sekvens == 2


def test_bytt_innehall_mellan_tva_handelser_med_sekvensnumren_kvar() -> None:
    kedja = bygg_kedja(HANDELSER)
    andra, tredje = kedja[1], kedja[2]
    kedja[1] = dataclasses.replace(tredje, sekvens=2)
    kedja[2] = dataclasses.replace(andra, sekvens=3)
    assert verifiera_kedja(kedja) == Kedjebrott(2, "länken till föregående händelse stämmer inte")
