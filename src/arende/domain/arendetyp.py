"""An ärendetyp: the definition of one kind of matter, which the engine runs as it says.

A definition says which stages the kind passes (its lifecycle over DOMAIN.md's stages),
what the start form and the forms of the human steps ask, which documents are drawn up from
which templates on reaching which stage, and which deadlines apply. It is data (a file in
deployments/arendetyper/), validated whole when it is read: the engine never meets a
definition it cannot run to the end.

The answers a form collects are checked here too, against the field's type, so a bad
value is refused with a Swedish message before anything is stored.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from arende.domain.datum import svenskt_datum
from arende.domain.fel import OgiltigUppgift
from arende.domain.frister import Fristtyp
from arende.domain.handling import Handlingstyp
from arende.domain.livscykel import Livscykel
from arende.domain.skeden import Skede, Utfall
from arende.domain.text import MAX_TEXT


class Faltyp(StrEnum):
    TEXT = "text"  # one line
    LANGTEXT = "långtext"  # paragraphs
    DATUM = "datum"
    HELTAL = "heltal"
    JA_NEJ = "ja/nej"
    VAL = "val"  # one of the field's `val`
    PERSON = "person"  # a name in the persons register
    LISTA = "lista"  # several lines of text
    POSTER = "poster"  # several records, each with the field's own `falt`


# The stages a person takes with a form. The others are the system's (beredning starts by
# itself) or the sammanträde's (the decision, justering and anslag are taken for all its
# ärenden at once).
STEG_MED_FORMULAR: dict[Skede, str] = {
    Skede.UNDER_BEREDNING: "handläggaren skriver underlaget",
    Skede.SAMVERKAT: "handläggaren registrerar samverkan",
    Skede.FORSLAG_FASTSTALLT: "chefen fastställer förslaget",
    Skede.EXPEDIERAT: "beslutet expedieras",
}

# Fields every ärende has, asked by the engine itself; a type cannot redefine them.
RESERVERADE_FALT = frozenset(
    {
        "namnd",
        "handlaggare",
        "sammantrade",
        "registreringsdatum",
        "registreras_av",
        "datum",
        "titel",
    }
)
FALTNAMN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TYPNAMN = re.compile(r"^[a-z][a-z0-9_-]{1,39}$")
MAX_RAD = 300


class Definitionsfel(OgiltigUppgift):
    """A definition that cannot be run, with where in it: `falt` is the path to the field
    ('formular[2].falt[1].typ'), `skede` the stage the error is about, if any."""

    def __init__(self, meddelande: str, falt: str, skede: str | None = None) -> None:
        super().__init__(meddelande)
        self.falt = falt
        self.skede = skede


@dataclass(frozen=True)
class Falt:
    namn: str
    typ: Faltyp
    rubrik: str
    hjalp: str = ""
    obligatoriskt: bool = True
    val: tuple[str, ...] = ()
    max_langd: int | None = None
    falt: tuple[Falt, ...] = ()  # the columns of a POSTER field


@dataclass(frozen=True)
class Formular:
    skede: Skede
    rubrik: str
    falt: tuple[Falt, ...]


@dataclass(frozen=True)
class Dokumentmall:
    typ: Handlingstyp
    mall: str


@dataclass(frozen=True)
class Avsnitt:
    """A section of the type's tjänsteutlåtande: its heading and the form field whose text
    it holds. The definition lists them in the order the tjänsteutlåtande gives them."""

    rubrik: str
    falt: str


@dataclass(frozen=True)
class Reaktion:
    """What the system does by itself after the nämnd's beslut in an ärende of the type:
    `atgard`, a step the type's rules provide, after a beslut with one of the outcomes
    `vid` (e.g. after bifall, the kvalitetsutmärkelse opens the units' tävlingsbidrag)."""

    vid: frozenset[Utfall]
    atgard: str


@dataclass(frozen=True)
class Arendetyp:
    namn: str  # also the deployment's name
    rubrik: str  # what a person calls it
    beskrivning: str
    titel: str  # the ärendemening, with {fält} from the start form
    livscykel: Livscykel
    startfalt: tuple[Falt, ...] = ()
    formular: Mapping[Skede, Formular] = field(default_factory=dict)
    dokument: Mapping[Skede, Dokumentmall] = field(default_factory=dict)
    frister: tuple[Fristtyp, ...] = ()
    regler: str | None = None  # a rule set in Python for what data cannot say
    # The förslag till beslut, point by point, with {namnd} and {fält} from the forms;
    # used when the beredning form asks for no förslag of its own (an anmälan, a nominering).
    forslag: tuple[str, ...] = ()
    # The tjänsteutlåtande's sections in order, after Sammanfattning.
    avsnitt: tuple[Avsnitt, ...] = ()
    reaktioner: tuple[Reaktion, ...] = ()
    # Ärenden about val or anställning: their omröstning may be closed, and a tie is
    # decided by lottning (kommunallagen 5 kap.).
    val_eller_anstallning: bool = False

    def ge_titel(self, uppgifter: Mapping[str, Any]) -> str:
        return self.titel.format_map({k: som_text(v) for k, v in uppgifter.items()})

    def ge_forslag(self, namnd: str, uppgifter: Mapping[str, Any]) -> list[str]:
        """The definition's förslag till beslut with the nämnd and the forms' answers."""
        varden = {k: som_text(v) for k, v in uppgifter.items()} | {"namnd": namnd}
        return [p.format_map(_Tomt(varden)) for p in self.forslag]

    @property
    def alla_falt(self) -> dict[str, Falt]:
        """Every field the type's forms ask, by name (start form first)."""
        falt = {f.namn: f for f in self.startfalt}
        for formular in self.formular.values():
            falt |= {f.namn: f for f in formular.falt}
        return falt


class _Tomt(dict[str, str]):
    """A field left empty reads as nothing in the text, not as an error."""

    def __missing__(self, nyckel: str) -> str:
        return ""


def kontrollera_typ(typ: Arendetyp) -> None:
    """Refuse a definition the engine could not run, naming the field."""
    if not TYPNAMN.fullmatch(typ.namn):
        raise Definitionsfel(
            f"namnet '{typ.namn}' duger inte som namn på en ärendetyp: använd små bokstäver "
            "a–z, siffror, - och _ (det blir deploymentens namn)",
            "namn",
        )
    for skede, meddelande in typ.livscykel.fel():
        raise Definitionsfel(meddelande, "overgangar", skede)
    kontrollera_falt(typ.startfalt, "startfalt")
    try:
        typ.ge_titel({f.namn: "x" for f in typ.startfalt})
    except (KeyError, ValueError, IndexError) as fel:
        raise Definitionsfel(
            f"titeln '{typ.titel}' nämner {fel}, som inte är ett fält i startformuläret",
            "titel",
        ) from None
    for i, (skede, formular) in enumerate(typ.formular.items()):
        if skede not in STEG_MED_FORMULAR:
            raise Definitionsfel(
                f"skedet '{skede}' tas inte med ett formulär; formulär finns för "
                + ", ".join(f"'{s}' ({v})" for s, v in STEG_MED_FORMULAR.items()),
                f"formular[{i}].skede",
                skede.value,
            )
        if skede not in typ.livscykel.skeden:
            raise Definitionsfel(
                f"ärendetypen har inget skede '{skede}' att ha ett formulär för",
                f"formular[{i}].skede",
                skede.value,
            )
        kontrollera_falt(formular.falt, f"formular[{i}].falt")
    for skede in typ.dokument:
        if skede not in typ.livscykel.skeden:
            raise Definitionsfel(
                f"ärendetypen har inget skede '{skede}' att upprätta en handling i",
                f"dokument.{skede}",
                skede.value,
            )
    falt = typ.alla_falt
    for i, punkt in enumerate(typ.forslag):
        for namn in _platshallare(punkt):
            if namn != "namnd" and namn not in falt:
                raise Definitionsfel(
                    f"förslaget nämner {{{namn}}}, som inte är ett fält i typens formulär "
                    f"(fälten är {', '.join(sorted(falt)) or 'inga'}, och {{namnd}})",
                    f"forslag[{i}]",
                )
    for i, avsnitt in enumerate(typ.avsnitt):
        if avsnitt.falt not in falt:
            raise Definitionsfel(
                f"avsnittet '{avsnitt.rubrik}' hämtar sin text ur '{avsnitt.falt}', som inte är "
                f"ett fält i typens formulär (fälten är {', '.join(sorted(falt)) or 'inga'})",
                f"avsnitt[{i}].falt",
            )
        if falt[avsnitt.falt].typ not in (Faltyp.TEXT, Faltyp.LANGTEXT):
            raise Definitionsfel(
                f"avsnittet '{avsnitt.rubrik}' hämtar sin text ur '{avsnitt.falt}', som är av "
                f"typen '{falt[avsnitt.falt].typ}'; ett avsnitt är text eller långtext",
                f"avsnitt[{i}].falt",
            )


def _platshallare(text: str) -> list[str]:
    """The {fält} a text names."""
    return [namn for _, namn, _, _ in string.Formatter().parse(text) if namn]


def kontrollera_falt(falt: tuple[Falt, ...], plats: str, *, i_poster: bool = False) -> None:
    sedda: set[str] = set()
    for i, f in enumerate(falt):
        var = f"{plats}[{i}]"
        if not FALTNAMN.fullmatch(f.namn):
            raise Definitionsfel(
                f"fältnamnet '{f.namn}' duger inte: små bokstäver a–z, siffror och _, "
                "börja med en bokstav",
                f"{var}.namn",
            )
        if f.namn in RESERVERADE_FALT:
            raise Definitionsfel(
                f"fältet '{f.namn}' frågar motorn själv efter i varje ärende; välj ett annat namn",
                f"{var}.namn",
            )
        if f.namn in sedda:
            raise Definitionsfel(f"fältet '{f.namn}' finns två gånger", f"{var}.namn")
        sedda.add(f.namn)
        if not f.rubrik.strip():
            raise Definitionsfel(f"fältet '{f.namn}' saknar rubrik", f"{var}.rubrik")
        if f.typ is Faltyp.VAL and not f.val:
            raise Definitionsfel(
                f"fältet '{f.namn}' är ett val men listar inga alternativ (val = [...])",
                f"{var}.val",
            )
        if f.typ is not Faltyp.VAL and f.val:
            raise Definitionsfel(
                f"fältet '{f.namn}' har alternativ men är av typen '{f.typ}', inte 'val'",
                f"{var}.val",
            )
        if f.max_langd is not None and f.max_langd < 1:
            raise Definitionsfel(
                f"fältet '{f.namn}' har längdgränsen {f.max_langd}; den ska vara minst 1",
                f"{var}.max_langd",
            )
        if f.typ is Faltyp.POSTER:
            if i_poster:
                raise Definitionsfel(
                    f"fältet '{f.namn}': poster kan inte ligga i poster", f"{var}.typ"
                )
            if not f.falt:
                raise Definitionsfel(
                    f"fältet '{f.namn}' är av typen poster men har inga egna fält",
                    f"{var}.falt",
                )
            kontrollera_falt(f.falt, f"{var}.falt", i_poster=True)
        elif f.falt:
            raise Definitionsfel(
                f"fältet '{f.namn}' har egna fält men är av typen '{f.typ}', inte 'poster'",
                f"{var}.falt",
            )


# -- the answers ----------------------------------------------------------------------------


def kontrollera_svar(falt: tuple[Falt, ...], svar: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to a form, cleaned and as JSON-able values; OgiltigUppgift naming the
    field (by its rubrik, as the person saw it) for the first one that does not fit."""
    kanda = {f.namn for f in falt}
    okanda = sorted(set(svar) - kanda)
    if okanda:
        raise OgiltigUppgift(
            f"Formuläret har inget fält {', '.join(repr(o) for o in okanda)}. "
            f"Fälten är: {', '.join(f.rubrik for f in falt)}."
        )
    return {f.namn: _varde(f, svar.get(f.namn)) for f in falt}


def _tomt(varde: Any) -> bool:
    return varde is None or (isinstance(varde, str | list | tuple) and not varde)


def _varde(f: Falt, varde: Any) -> Any:
    # A långtext keeps its inner layout, but one of only blank lines is as empty as any.
    if isinstance(varde, str) and (f.typ is not Faltyp.LANGTEXT or not varde.strip()):
        varde = varde.strip()
    if _tomt(varde):
        if f.obligatoriskt:
            raise OgiltigUppgift(f"{f.rubrik} saknas: fyll i det fältet.")
        return [] if f.typ in (Faltyp.LISTA, Faltyp.POSTER) else None
    match f.typ:
        case Faltyp.TEXT | Faltyp.PERSON:
            return _text(f, varde, f.max_langd or MAX_RAD, radbrytning=False)
        case Faltyp.LANGTEXT:
            return _text(f, varde, f.max_langd or MAX_TEXT, radbrytning=True)
        case Faltyp.DATUM:
            return _datum(f, varde).isoformat()
        case Faltyp.HELTAL:
            if isinstance(varde, bool) or not isinstance(varde, int | str):
                raise OgiltigUppgift(f"{f.rubrik} ska vara ett heltal, inte {varde!r}.")
            try:
                return int(varde)
            except ValueError:
                raise OgiltigUppgift(f"{f.rubrik} ska vara ett heltal, inte '{varde}'.") from None
        case Faltyp.JA_NEJ:
            if isinstance(varde, bool):
                return varde
            if isinstance(varde, str) and varde.casefold() in ("ja", "nej"):
                return varde.casefold() == "ja"
            raise OgiltigUppgift(f"{f.rubrik} besvaras med ja eller nej, inte '{varde}'.")
        case Faltyp.VAL:
            if varde not in f.val:
                raise OgiltigUppgift(
                    f"{f.rubrik}: '{varde}' finns inte bland alternativen ({', '.join(f.val)})."
                )
            return varde
        case Faltyp.LISTA:
            if isinstance(varde, str) or not isinstance(varde, list | tuple):
                raise OgiltigUppgift(f"{f.rubrik} ska vara en lista med rader.")
            rader = [_text(f, r, f.max_langd or MAX_RAD, radbrytning=False) for r in varde]
            return [r for r in rader if r]
        case Faltyp.POSTER:
            if not isinstance(varde, list | tuple) or not all(isinstance(p, dict) for p in varde):
                raise OgiltigUppgift(f"{f.rubrik} ska vara en lista med poster.")
            return [kontrollera_svar(f.falt, p) for p in varde]
    raise AssertionError(f.typ)  # pragma: no cover - every Faltyp is matched above


def _text(f: Falt, varde: Any, max_langd: int, *, radbrytning: bool) -> str:
    if not isinstance(varde, str):
        raise OgiltigUppgift(f"{f.rubrik} ska vara text, inte {varde!r}.")
    text = varde.strip()
    if len(text) > max_langd:
        raise OgiltigUppgift(
            f"{f.rubrik} har {len(text)} tecken; det får vara högst {max_langd} tecken."
        )
    tillatna = "\n\r\t" if radbrytning else "\t"
    if any(unicodedata.category(c) == "Cc" and c not in tillatna for c in text):
        raise OgiltigUppgift(
            f"{f.rubrik} innehåller otillåtna styrtecken"
            + ("." if radbrytning else " (radbrytningar hör hemma i ett långtextfält).")
        )
    return text


def _datum(f: Falt, varde: Any) -> date:
    if isinstance(varde, date):
        return varde
    if isinstance(varde, str):
        try:
            return date.fromisoformat(varde)
        except ValueError:
            pass
    raise OgiltigUppgift(f"{f.rubrik} ska vara ett datum (ÅÅÅÅ-MM-DD), inte '{varde}'.")


def som_text(varde: Any) -> str:
    """An answer as it reads in a sentence: a date in words, a list 'A, B samt C', a
    record by its first field (a unit by its name)."""
    if isinstance(varde, date):
        return svenskt_datum(varde)
    if isinstance(varde, dict):
        return som_text(next(iter(varde.values()), ""))
    if isinstance(varde, list):
        delar = [som_text(v) for v in varde]
        return ", ".join(delar[:-1]) + " samt " + delar[-1] if len(delar) > 1 else "".join(delar)
    return "" if varde is None else str(varde)
