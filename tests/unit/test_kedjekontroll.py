"""The full chain check confirms whole batches without parsing each event: it must say
exactly what the row-by-row walk says, for chains as the log writes them and for every
kind of tampering, wherever the tampered row falls among the batches."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from arende.domain import kedjekontroll
from arende.domain.granskning import START_HASH, handelsetext, kedjehash, kedjehashar
from arende.domain.kedjehuvud import PubliceratKedjehuvud
from arende.domain.kedjekontroll import (
    Kedjerad,
    Kedjeresultat,
    Kontrollpunkt,
    Lagrad,
    granska_kedja,
)

# Values as a kommun's log holds them, and the ones JSON must escape: the usual case is
# confirmed column by column in one go, the others value by value.
AKTORER = ["Lena Murray", "Dag Helin", 'Anna "Annie" Öberg', "Per\\Lindqvist", "Åsa\tÄng"]
DNR: list[str | None] = ["SoN 2008/17", None, "KS 2009/1", "BoU 2010/3"]
HANDLINGAR = ["registrera ärendet", "beräkna frister", "justera\nprotokollet"]


def handelse(sekvens: int, **andrat: Any) -> dict[str, Any]:
    falt: dict[str, Any] = {
        "sekvens": sekvens,
        "tidpunkt": f"2026-01-01T00:00:{sekvens % 60:02d}.123456+00:00",
        "dnr": DNR[sekvens % len(DNR)],
        "handling": HANDLINGAR[sekvens % len(HANDLINGAR)],
        "aktor": AKTORER[sekvens % len(AKTORER)],
        "roll": "handläggare" if sekvens % 2 else "registrator",
        "flodeskorning": None if sekvens % 3 else f"0000-{sekvens}",
        "innehall": {
            "utfall": "utförd",
            "före": {"skede": None},
            "efter": {"skede": "registrerat", "lista": [1, 2.5, True, 'å"\\']},
        },
    }
    return falt | andrat


def rad(foregaende: str, falt: dict[str, Any]) -> Kedjerad:
    """The row as the log stores it: the columns, the text as written, and the hashes."""
    text = handelsetext(**falt)
    return Kedjerad(
        falt["sekvens"],
        falt["dnr"],
        falt["handling"],
        falt["aktor"],
        falt["roll"],
        falt["flodeskorning"],
        text,
        foregaende,
        kedjehash(foregaende, text),
    )


def kedja(antal: int) -> list[Kedjerad]:
    rader: list[Kedjerad] = []
    for sekvens in range(1, antal + 1):
        rader.append(rad(rader[-1].hash if rader else START_HASH, handelse(sekvens)))
    return rader


def omskriven(rader: list[Kedjerad], fran: int) -> list[Kedjerad]:
    """Every hash from index `fran` recomputed and relinked: a tamperer with database
    rights who rewrites the tail, so that link by link the chain holds again."""
    ut = rader[:fran]
    for r in rader[fran:]:
        foregaende = ut[-1].hash if ut else START_HASH
        ut.append(
            r._replace(foregaende_hash=foregaende, hash=kedjehash(foregaende, r.innehall_json))
        )
    return ut


def rad_for_rad(
    rader: list[Kedjerad],
    huvud: tuple[int, str] | None = None,
    kontrollpunkter: tuple[Kontrollpunkt, ...] = (),
    publicerade: tuple[PubliceratKedjehuvud, ...] = (),
) -> Kedjeresultat:
    """The walk alone, no batch confirmed: what the check has always said."""
    granskning = kedjekontroll._Granskning(kontrollpunkter, publicerade)
    for r in rader:
        granskning.rad(r)
    return granskning.avsluta(huvud)


def som_text(resultat: Kedjeresultat) -> tuple[object, ...]:
    return (
        resultat.antal,
        resultat.senaste_sekvens,
        resultat.senaste_hash,
        [str(f) for f in resultat.fynd],
    )


def ersatt_text(
    index: int, gor: Callable[[str], str]
) -> Callable[[list[Kedjerad]], list[Kedjerad]]:
    """The text of the row at `index` rewritten by `gor`, and the chain rehashed from it."""

    def andra(rader: list[Kedjerad]) -> list[Kedjerad]:
        rader = list(rader)
        rader[index] = rader[index]._replace(innehall_json=gor(rader[index].innehall_json))
        return omskriven(rader, index)

    return andra


def ersatt_rad(index: int, **falt: Any) -> Callable[[list[Kedjerad]], list[Kedjerad]]:
    """Columns of the row at `index` changed in place, nothing rehashed."""

    def andra(rader: list[Kedjerad]) -> list[Kedjerad]:
        rader = list(rader)
        rader[index] = rader[index]._replace(**falt)
        return rader

    return andra


def utan(*index: int) -> Callable[[list[Kedjerad]], list[Kedjerad]]:
    return lambda rader: [r for i, r in enumerate(rader) if i not in index]


def bytta(i: int, j: int) -> Callable[[list[Kedjerad]], list[Kedjerad]]:
    def andra(rader: list[Kedjerad]) -> list[Kedjerad]:
        rader = list(rader)
        a, b = rader[i], rader[j]
        rader[i], rader[j] = b._replace(sekvens=a.sekvens), a._replace(sekvens=b.sekvens)
        return rader

    return andra


def innehall_i(text: str, nytt: str) -> str:
    """The text with its innehåll (the JSON value after the key) replaced by `nytt`."""
    borjan = text.index('"innehåll":') + len('"innehåll":')
    slut = text.index(',"roll":', borjan)
    return text[:borjan] + nytt + text[slut:]


ANDRINGAR: dict[str, Callable[[list[Kedjerad]], list[Kedjerad]]] = {
    "orord": lambda rader: rader,
    # The innehåll no longer one JSON value: a second aktör after it, or a broken value.
    "nyckel-smugglad-i-innehallet": ersatt_text(4, lambda t: innehall_i(t, '1,"aktör":"X"')),
    "trasigt-innehall": ersatt_text(4, lambda t: innehall_i(t, '{"a":')),
    "innehall-med-mellanslag": ersatt_text(4, lambda t: innehall_i(t, '{"a": 1} ')),
    "nyckel-smugglad-i-tidpunkten": ersatt_text(
        4, lambda t: t[: t.rindex('"tidpunkt":')] + '"tidpunkt":"t","roll":"chef"}'
    ),
    "trasig-tidpunkt": ersatt_text(4, lambda t: t[:-2]),
    "mellanslag-sist": ersatt_text(4, lambda t: t + " "),
    "inte-ett-objekt": ersatt_text(4, lambda t: "[1, 2]"),
    "inte-json": ersatt_text(4, lambda t: "inte json"),
    # The same values spelled otherwise: nothing differs, the walk finds nothing.
    "annan-stavning": ersatt_text(4, lambda t: t.replace('"sekvens":5', '"sekvens":5.0')),
    "escapead-stavning": ersatt_text(
        4, lambda t: t.replace('"aktör":"Lena Murray"', '"aktör":"Lena\\u0020Murray"')
    ),
    "flyttad-i-texten": ersatt_text(4, lambda t: t.replace('"sekvens":5', '"sekvens":9')),
    "annan-aktor-i-texten": ersatt_text(4, lambda t: t.replace("Lena Murray", "Per Lindqvist")),
    "null-blir-text": ersatt_text(4, lambda t: t.replace('"dnr":null', '"dnr":"null"')),
    # Columns changed in the table alone.
    "aktor-i-tabellen": ersatt_rad(4, aktor="Per Lindqvist"),
    "dnr-saknas-i-tabellen": ersatt_rad(5, dnr=None),
    "dnr-som-tal": ersatt_rad(5, dnr=5),
    "roll-i-tabellen": ersatt_rad(6, roll="chef"),
    "korning-i-tabellen": ersatt_rad(2, flodeskorning="0000-3 "),
    "sekvens-som-flyttal": ersatt_rad(4, sekvens=5.0),
    "hash-i-tabellen": ersatt_rad(4, hash="f" * 64),
    "foregaende-i-tabellen": ersatt_rad(4, foregaende_hash="e" * 64),
    "text-andrad-utan-ny-hash": ersatt_rad(
        4, innehall_json=handelsetext(**handelse(5, roll="chef"))
    ),
    "raderad": utan(4),
    "raderade-over-granser": utan(2, 3, 4, 5),
    "forsta-raderad": utan(0),
    "sista-raderad": utan(11),
    "bytta": bytta(4, 5),
    "bytta-over-grans": bytta(2, 3),
    "sista-andrad": ersatt_rad(11, roll="chef"),
}


@pytest.mark.parametrize("batch", [1, 3, 4, 5, 100])
@pytest.mark.parametrize("andring", ANDRINGAR, ids=list(ANDRINGAR))
def test_samma_svar_som_rad_for_rad(
    andring: str, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kedjekontroll, "BATCH", batch)
    rader = ANDRINGAR[andring](kedja(12))
    assert (repr(rader) == repr(kedja(12))) == (andring == "orord")  # 5.0 == 5
    huvud = (12, kedja(12)[-1].hash)
    assert som_text(granska_kedja(rader, huvud)) == som_text(rad_for_rad(rader, huvud))


@pytest.mark.parametrize("batch", [2, 3, 100])
def test_kontrollpunkter_och_publicerat_inne_i_en_batch(
    batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kedjekontroll, "BATCH", batch)
    rader = kedja(10)
    andrad = ersatt_text(6, lambda t: t.replace('"utfall":"utförd"', '"utfall":"ändrad"'))(rader)
    punkter = (
        Kontrollpunkt(4, rader[3].hash, "ankaret"),
        Kontrollpunkt(8, rader[7].hash, "ankaret"),
        Kontrollpunkt(8, "ab" * 32, "--forvantat"),
    )
    publicerade = tuple(
        PubliceratKedjehuvud(date(2026, 12, dag), sekvens, rader[sekvens - 1].hash)
        for dag, sekvens in ((1, 2), (2, 5), (3, 7), (4, 9))
    )
    for lista in (rader, andrad):
        assert som_text(granska_kedja(lista, None, punkter, publicerade)) == som_text(
            rad_for_rad(lista, None, punkter, publicerade)
        )
    fynd = [str(f) for f in granska_kedja(andrad, None, punkter, publicerade).fynd]
    assert (
        "Granskningsloggen har skrivits om efter den 2026-12-03: löpnummer 7 har en annan "
        "kontrollsumma än den som publicerades."
    ) in fynd


def test_loggens_text_bekraftas_i_klump() -> None:
    """What `handelsetext` writes (nulls, escapes, non-ASCII) takes the quick path: were
    it to fall to the walk, every check would be as slow as before."""
    rader: list[Lagrad] = list(kedja(40))
    assert kedjekontroll._hel_batch(rader, 1, START_HASH) == [r[8] for r in rader]
    # One row at a time, a column is as often plain text (written between quotes as it
    # is) as it is a null or needs escapes (written value by value).
    foregaende = START_HASH
    for sekvens, r in enumerate(rader, start=1):
        assert kedjekontroll._hel_batch([r], sekvens, foregaende) == [r[8]]
        foregaende = r[8]


def test_kedjehashar_ar_kedjehash_for_varje_lank() -> None:
    foregaende = [START_HASH, "1" * 64, "ab" * 32, ""]
    texter = ['{"a":"å"}', "", "\n", "ärende \u2028 \U0001f600"]
    assert list(kedjehashar(foregaende, texter)) == [
        kedjehash(f, t) for f, t in zip(foregaende, texter, strict=True)
    ]


def test_utskrivbar_text_utan_citattecken_skrivs_som_den_ar() -> None:
    """The quick path writes such text between quotes as it is: JSON must too, and read it
    back unchanged (checked over every character of Unicode)."""
    tecken = "".join(
        c
        for c in map(chr, range(sys.maxunicode + 1))
        if c.isprintable() and c not in '"\\' and not 0xD800 <= ord(c) <= 0xDFFF
    )
    assert json.dumps(tecken, ensure_ascii=False) == f'"{tecken}"'
    assert json.loads(f'"{tecken}"') == tecken
