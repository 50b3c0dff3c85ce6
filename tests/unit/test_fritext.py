"""The words a user types, as FTS5 gets them (adapters/fritext.py): whatever the text, the
query is quoted tokens only, so FTS5 never reads an operator in it nor fails on it. Checked
against a real FTS5 table with the diarium's tokenizer, in memory."""

from __future__ import annotations

import random
import re
import sqlite3

import pytest

from arende.adapters import fritext
from arende.domain.fel import OgiltigUppgift

# FTS5's syntax, and words and signs that mean something in it or in SQL.
BITAR = [
    *"\"*^:+-()'%_\\{},.;!?/ \t\x00",
    "NEAR",
    "NEAR(",
    "AND",
    "OR",
    "NOT",
    "dnr:",
    "titel:",
    "hemtjänst",
    "får",
    "SoN",
    "2008/7",
    "Ö",
    "a\u030a",  # 'å' as 'a' and a combining ring
    "ﬁ",
    "٣",
]

# Quoted strings of letters and digits, a star after some, spaces between: nothing else.
FRAS = r'"[^\W_]+(?: [^\W_]+)*"\*?'
FRAGA = re.compile(rf"{FRAS}(?: {FRAS})*")


@pytest.fixture
def fts() -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    con.execute(
        "CREATE VIRTUAL TABLE arende_fts USING fts5(dnr, titel, "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    con.executemany(
        "INSERT INTO arende_fts (dnr, titel) VALUES (?, ?)",
        [
            ("SoN 2008/7", "Riktlinjer för hemtjänst"),
            ("SoN 2008/70", "Betesmark för får"),
            ("ÖSN 2020/1", "Ansökan från far och son"),
        ],
    )
    return con


def traffar(con: sqlite3.Connection, text: str) -> list[str]:
    fraga = fritext.fts5_fraga(fritext.normalisera(text))
    if fraga is None:
        return []
    rader = con.execute("SELECT dnr FROM arende_fts WHERE arende_fts MATCH ?", (fraga,))
    return sorted(r[0] for r in rader)


def test_ingen_inmatning_blir_syntax_eller_fel(fts: sqlite3.Connection) -> None:
    slump = random.Random(17)
    for _ in range(3000):
        text = "".join(slump.choice(BITAR) for _ in range(slump.randint(1, 12)))
        try:
            fraga = fritext.fts5_fraga(fritext.normalisera(text))
        except OgiltigUppgift:  # too many words: refused before any query
            continue
        if fraga is not None:
            assert FRAGA.fullmatch(fraga), (text, fraga)
        traffar(fts, text)  # an FTS5 syntax error would raise here


def test_orden_som_fts5_far_dem(fts: sqlite3.Connection) -> None:
    assert traffar(fts, "hemtj") == ["SoN 2008/7"]  # a prefix
    assert traffar(fts, "FÅR") == ["SoN 2008/70"]  # å is not a
    assert traffar(fts, "far") == ["ÖSN 2020/1"]
    assert traffar(fts, "fa\u030ar") == ["SoN 2008/70"]  # composed before it is searched
    assert traffar(fts, "2008/7") == ["SoN 2008/7"]  # a number is not a prefix
    assert traffar(fts, "2008/") == ["SoN 2008/7", "SoN 2008/70"]
    assert traffar(fts, "NEAR(hemtjänst riktlinjer)") == []  # 'near' is a word here
    assert traffar(fts, "dnr:son") == []  # and 'dnr' too, not a column
    assert traffar(fts, "son") == ["SoN 2008/7", "SoN 2008/70", "ÖSN 2020/1"]
    assert traffar(fts, "i") == []  # too short for a prefix: the word 'i' only


def test_styrtecken_ar_mellanrum_och_for_manga_ord_avvisas_pa_svenska() -> None:
    # (Too long a text is refused before it gets here, by visningar.diariesida.)
    assert fritext.normalisera(" a\tb\x00 c ") == "a b c"
    # Words, not signs, and each word once, in any case.
    tio = " ".join(f"ord{n}" for n in range(10))
    assert fritext.normalisera(f"{tio} ! - {tio.upper()}").startswith(tio)
    with pytest.raises(OgiltigUppgift, match="Sök på högst 10 ord åt gången, inte 11"):
        fritext.normalisera(f"{tio} elva")
    assert fritext.fts5_fraga("Hemtjänst hemtjänst HEMTJÄNST") == '"hemtjänst"*'
