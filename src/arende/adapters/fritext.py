"""The diarium's free-text search in the databases' own full-text indexes (migration 0012):
PostgreSQL's `arende.sokvektor` (a tsvector with the Swedish configuration, so a word is
found in any of its inflected forms) and SQLite's FTS5 table `arende_fts` (no Swedish
stemmer: each word is a prefix, so 'nominering' finds 'nomineringen' and 'nomineringar').

What the user typed never reaches either query language as it stands. PostgreSQL gets it as
plain text (plainto_tsquery has no operators). FTS5 gets only the letters and digits of each
word, inside quotes: its operators (AND, OR, NOT, NEAR, column filters, `*`, `^`, quotes)
cannot appear, so no input can change the query or make it fail."""

from __future__ import annotations

import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ScalarSelect,
    Select,
    and_,
    func,
    literal_column,
    select,
    table,
)
from sqlmodel import col

from arende.adapters.tabeller import ArendeRad
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift

# Each word is one more list of matches to read and intersect (on SQLite a prefix of a
# common word is a sizeable part of the index): a search is a few words, and a public page
# should not let one request cost seconds.
STORSTA_ANTAL_ORD = 10

FTS = "arende_fts"
# The shortest word FTS5 takes as a prefix: 'om' and 'i' are words, not beginnings.
PREFIX_FRAN = 3
# A token as FTS5's unicode61 tokenizer cuts one: a run of letters and digits (Unicode
# categories L and N); everything else separates tokens.
_TOKEN = re.compile(r"[^\W_]+")


def normalisera(text: str) -> str:
    """The search text as the index holds its words: composed (NFC: an 'å' typed as 'a' and
    a ring is the letter 'å'), control characters as spaces (PostgreSQL refuses NUL in
    text), runs of white space as one. Too many words are refused in Swedish (too long a
    text already was, by the view: visningar.LANGSTA_SOKTEXT)."""
    ren = "".join(
        " " if unicodedata.category(tecken).startswith("C") else tecken
        for tecken in unicodedata.normalize("NFC", text)
    )
    ren = " ".join(ren.split())
    antal = len({o.lower() for o in ren.split() if _TOKEN.search(o)})
    if antal > STORSTA_ANTAL_ORD:
        raise OgiltigUppgift(
            f"Sök på högst {STORSTA_ANTAL_ORD} ord åt gången, inte {antal}: välj de ord "
            "som bäst skiljer ut ärendet."
        )
    return ren


def som_diarienummer(text: str) -> Diarienummer | None:
    """The text read as a dnr ('son  2008 / 7' is SoN 2008/7), or None if it is not one."""
    try:
        return Diarienummer.tolka(re.sub(r"\s*/\s*", "/", text))
    except OgiltigUppgift:
        return None


def fts5_fraga(text: str) -> str | None:
    """The words as an FTS5 query: every word must be found (FTS5's implicit AND), each as a
    string of its tokens in quotes, so '2008/7' is '2008' followed by '7' as in a dnr. A word
    that ends in a letter is a prefix (`"nominering"*`), standing in for the stemmer FTS5
    lacks; one that ends in a digit is not, so '3' does not find '30', nor is a word shorter
    than PREFIX_FRAN (a one-letter prefix would read a large part of the index for every
    word and find nearly everything). None when the text has no letter or digit: nothing
    can match."""
    delar: dict[str, None] = {}  # in order, each once
    for ord_ in text.lower().split():
        tokens = _TOKEN.findall(ord_)
        if tokens:
            fras = '"' + " ".join(tokens) + '"'
            sista = tokens[-1]
            prefix = sista[-1].isalpha() and len(sista) >= PREFIX_FRAN
            delar[fras + "*" if prefix else fras] = None
    return " ".join(delar) or None


def diarieordning(kolumner: Any) -> tuple[Any, ...]:
    """The diarium's order (prefix, year, number), on `arende` or on a CTE's columns."""
    return (kolumner.diarieprefix, kolumner.diarie_ar, kolumner.lopnummer)


def i_ordning_lonar_sig(traffar: int, forbi: int, storlek: int) -> bool:
    """Whether a page is read cheaper by walking the diarium in order and keeping the matches
    than by finding all matches and sorting them. Walking reads about `forbi` (the rows up to
    the page's end) times `storlek / traffar` rows, sorting reads `traffar` rows: a common
    word (a sixth of 200,000) walks 150 rows instead of sorting 33,000; a rare one sorts."""
    return traffar * traffar > forbi * storlek


class Fritextindex(ABC):
    """One database's full-text index: which ärenden a text matches, how many, and the ids of
    a page of them in the diarium's order."""

    def __init__(self, text: str, utom: Sequence[int] = ()) -> None:
        self.text = text
        # Ärenden not to be found by these words although they match (the public site's
        # search past a marked ärendemening): few, so kept out by their ids.
        self.utom = tuple(utom)

    def _utom(self, villkor: ColumnElement[bool]) -> ColumnElement[bool]:
        return and_(villkor, col(ArendeRad.id).not_in(self.utom)) if self.utom else villkor

    def kan_matcha(self) -> bool:
        """False when the text holds no letter or digit (only punctuation): nothing to ask."""
        return bool(_TOKEN.search(self.text))

    @abstractmethod
    def villkor(self, *, i_ordning: bool = False) -> ColumnElement[bool]:
        """The matching ärenden as a condition on `arende`; `i_ordning` when the page is to
        be read by walking the diarium's order (see `i_ordning_lonar_sig`)."""

    def antal(self) -> ScalarSelect[int]:
        """How many ärenden in the whole diarium match."""
        return select(func.count()).select_from(ArendeRad).where(self.villkor()).scalar_subquery()

    def sida_i_ordning(self, borjan: int, antal: int) -> Select[Any]:
        """The ids of one page of the matches, read by walking the diarium in order."""
        return (
            select(col(ArendeRad.id))
            .where(self.villkor(i_ordning=True))
            .order_by(*diarieordning(ArendeRad))
            .offset(borjan)
            .limit(antal)
        )

    def sorterad_sida(self, urval: list[Any], borjan: int, antal: int) -> Select[Any, Any]:
        """The ids of one page of the matches that also meet `urval`, each with the number of
        all of them: found through the index, counted and sorted in one pass."""
        return (
            select(col(ArendeRad.id), func.count().over())
            .where(*urval, self.villkor())
            .order_by(*diarieordning(ArendeRad))
            .offset(borjan)
            .limit(antal)
        )


class Fts5index(Fritextindex):
    def __init__(self, text: str, utom: Sequence[int] = ()) -> None:
        super().__init__(text, utom)
        self.fraga = fts5_fraga(text)

    def kan_matcha(self) -> bool:
        return self.fraga is not None

    def _rader(self) -> Select[Any]:
        return (
            select(literal_column("rowid"))
            .select_from(table(FTS))
            .where(literal_column(FTS).op("MATCH")(self.fraga))
        )

    def villkor(self, *, i_ordning: bool = False) -> ColumnElement[bool]:
        # Without `+ 0` SQLite looks each match up by rowid and sorts them all; with it, it
        # walks the ordered index and tests each row against the set of matches (built once).
        arende_id = col(ArendeRad.id) + 0 if i_ordning else col(ArendeRad.id)
        return self._utom(arende_id.in_(self._rader()))

    def antal(self) -> ScalarSelect[int]:
        # The index alone knows, without reading arende: its triggers keep it row for row.
        # Those kept out all match (that is why they are kept out): subtracted.
        return (
            select(func.count() - len(self.utom))
            .select_from(self._rader().subquery())
            .scalar_subquery()
        )


class Tsvectorindex(Fritextindex):
    def villkor(self, *, i_ordning: bool = False) -> ColumnElement[bool]:
        # One condition either way: PostgreSQL's planner walks the ordered index by itself
        # when its statistics say that most rows match.
        return self._utom(
            literal_column("arende.sokvektor").op("@@")(
                func.plainto_tsquery(literal_column("'swedish'::regconfig"), self.text)
            )
        )

    def sorterad_sida(self, urval: list[Any], borjan: int, antal: int) -> Select[Any, Any]:
        # A word outside the planner's statistics is guessed at 0.5 % of the rows, so for a
        # rare word it would walk all 200,000 rows in order looking for the one match. In a
        # materialized CTE the matches are found through the GIN index, then sorted.
        traffar = (
            select(col(ArendeRad.id), *diarieordning(ArendeRad))
            .where(*urval, self.villkor())
            .cte("traffar")
            .prefix_with("MATERIALIZED")
        )
        return (
            select(traffar.c.id, func.count().over())
            .order_by(*diarieordning(traffar.c))
            .offset(borjan)
            .limit(antal)
        )


def fritextindex(dialekt: str, text: str, utom: Sequence[int] = ()) -> Fritextindex:
    return Fts5index(text, utom) if dialekt == "sqlite" else Tsvectorindex(text, utom)
