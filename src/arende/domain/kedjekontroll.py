"""The registrator's full check of the audit chain: every break, not only the first.

`granskning.verifiera_kedja` stops at the first broken link. An auditor needs each altered,
removed or moved event named (sequence, ärende, what differs), and needs to know when events
were cut off the END of the chain: a tail cut leaves a chain that is valid link by link, so it
can only be seen against something kept outside the database (an anchor: an earlier
(sequence, hash) of the head), or against the head row if the tamperer forgot it.

The log runs to millions of events, so the check goes a batch at a time: a batch in which
every row is exactly as the log writes it (contiguous sequence, each link, each hash, each
column the same as in the hashed text) is confirmed with builtins mapped over its columns,
without an object or a Python call per event; any other batch is walked row by row, and
that walk alone words the findings. The quick confirmation only ever says "this walk would
find nothing".
"""

from __future__ import annotations

import json
import json.scanner
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice, repeat
from json.encoder import encode_basestring
from operator import add, itemgetter, methodcaller, sub
from typing import Any, NamedTuple

from arende.domain.granskning import START_HASH, kedjehash, kedjehashar
from arende.domain.kedjehuvud import PubliceratKedjehuvud

# The columns shown by `historik` are copies of fields inside the hashed content; a column
# altered on its own would mislead a reader while every hash still holds.
KOLUMNER_I_INNEHALLET = (
    ("dnr", "dnr"),
    ("handling", "handling"),
    ("aktör", "aktor"),
    ("roll", "roll"),
    ("flödeskörning", "flodeskorning"),
)

# Rows confirmed together. The confirmation passes over a batch's columns a dozen times,
# so a batch should stay in the processor's cache: 512 rows ran a fifth faster than 4096
# (and 16384 a third slower). A break sends its batch to the row-by-row walk, which is
# then quick; the builtins still pay for their setup many times over.
BATCH = 512

# One stored event as the database hands it over, in `Kedjerad`'s field order: the check
# takes the rows as they come and builds no object for a row it confirms.
Lagrad = tuple[int, str | None, str, str, str, str | None, str, str, str]


class Kedjerad(NamedTuple):
    """One stored event as read back for the full check: its columns and its hashed text."""

    sekvens: int
    dnr: str | None
    handling: str
    aktor: str
    roll: str
    flodeskorning: str | None
    innehall_json: str
    foregaende_hash: str
    hash: str


@dataclass(frozen=True)
class Kontrollpunkt:
    """A (sequence, hash) of the chain kept outside the database, and where it came from."""

    sekvens: int
    hash: str
    kalla: str


@dataclass(frozen=True)
class Fynd:
    sekvens: int
    dnr: str | None
    beskrivning: str
    till: int | None = None  # the last of a run of missing events

    def __str__(self) -> str:
        var = f" i {self.dnr}" if self.dnr else ""
        return f"{_radintervall(self.sekvens, self.till or self.sekvens)}{var}: {self.beskrivning}"


@dataclass(frozen=True)
class Publiceringsfynd(Fynd):
    """A difference from a head published on the anslagstavla: a whole sentence of its own
    (it names its day and sequence itself)."""

    def __str__(self) -> str:
        return self.beskrivning


@dataclass
class Kedjeresultat:
    antal: int = 0
    senaste_sekvens: int = 0
    senaste_hash: str = START_HASH
    fynd: list[Fynd] = field(default_factory=list)

    @property
    def intakt(self) -> bool:
        return not self.fynd


def _kort(h: str) -> str:
    return h[:16] + "…"


def _radintervall(fran: int, till: int) -> str:
    return f"händelse {fran}" if fran == till else f"händelserna {fran}–{till}"


def granska_kedja(
    rader: Iterable[Lagrad],
    huvud: tuple[int, str] | None = None,
    kontrollpunkter: Sequence[Kontrollpunkt] = (),
    publicerade: Sequence[PubliceratKedjehuvud] = (),
) -> Kedjeresultat:
    """Walk the events in sequence order and name every break.

    Each link is checked against the previous row's STORED hash, so one altered event is
    reported once and the events after it are still checked on their own. `huvud` is the
    chain's head row in the database; `kontrollpunkter` come from outside it, and so do
    `publicerade`, the heads the anslagstavla published. The rows are read once, as they
    stream past: a batch at a time, never the whole log."""
    granskning = _Granskning(kontrollpunkter, publicerade)
    rader = iter(rader)
    while batch := list(islice(rader, BATCH)):
        granskning.batch(batch)
    return granskning.avsluta(huvud)


class _Granskning:
    """The walk's state between rows: what the next row should link to and be numbered."""

    def __init__(
        self, kontrollpunkter: Sequence[Kontrollpunkt], publicerade: Sequence[PubliceratKedjehuvud]
    ) -> None:
        self.resultat = Kedjeresultat()
        self.jamforelse = Publiceringsjamforelse(publicerade)
        self.punkter: dict[int, list[Kontrollpunkt]] = {}
        for p in kontrollpunkter:
            self.punkter.setdefault(p.sekvens, []).append(p)
        self.punktsekvenser = sorted(self.punkter)
        self.foregaende_hash = START_HASH
        self.forvantad = 1
        self.foregaende_flyttad = False

    def batch(self, rader: Sequence[Lagrad]) -> None:
        hashar = _hel_batch(rader, self.forvantad, self.foregaende_hash)
        if hashar is None or not self._punkterna_stammer(hashar):
            for rad in rader:
                self.rad(Kedjerad._make(rad))
            return
        # Everything the row-by-row walk would have noted, for a batch it finds whole.
        forsta, antal = self.forvantad, len(hashar)
        self.jamforelse.se_batch(forsta, hashar)
        self.resultat.antal += antal
        self.resultat.senaste_sekvens = forsta + antal - 1
        self.resultat.senaste_hash = hashar[-1]
        self.foregaende_hash = hashar[-1]
        self.foregaende_flyttad = False
        self.forvantad = forsta + antal

    def _punkterna_stammer(self, hashar: Sequence[str]) -> bool:
        """Whether each anchor inside the batch (which begins at `forvantad`) holds."""
        forsta = self.forvantad
        borjan = bisect_left(self.punktsekvenser, forsta)
        slut = bisect_right(self.punktsekvenser, forsta + len(hashar) - 1)
        return all(
            p.hash == hashar[sekvens - forsta]
            for sekvens in self.punktsekvenser[borjan:slut]
            for p in self.punkter[sekvens]
        )

    def rad(self, rad: Kedjerad) -> None:
        resultat = self.resultat
        fynd = resultat.fynd
        resultat.antal += 1
        if rad.sekvens > self.forvantad:
            fynd.append(
                Fynd(
                    self.forvantad,
                    None,
                    f"saknas (raderad ur tabellen); händelse {rad.sekvens} pekar på en "
                    "föregående som inte finns",
                    till=rad.sekvens - 1,
                )
            )
        lank_ok = rad.foregaende_hash == self.foregaende_hash
        try:
            data = json.loads(rad.innehall_json)
            if not isinstance(data, dict):
                raise ValueError
        except ValueError:
            fynd.append(Fynd(rad.sekvens, rad.dnr, "det hashade innehållet går inte att läsa"))
            data = {}
        flyttad = "sekvens" in data and data["sekvens"] != rad.sekvens
        if flyttad:
            fynd.append(
                Fynd(
                    rad.sekvens,
                    rad.dnr,
                    f"händelsen har flyttats: den står på plats {rad.sekvens} men det hashade "
                    f"innehållet säger {data['sekvens']}",
                )
            )
        elif not lank_ok and rad.sekvens == self.forvantad and not self.foregaende_flyttad:
            fynd.append(
                Fynd(
                    rad.sekvens,
                    rad.dnr,
                    "länken till föregående händelse stämmer inte (sparad föregående hash "
                    f"{_kort(rad.foregaende_hash)}, föregående händelse har "
                    f"{_kort(self.foregaende_hash)})",
                )
            )
        if kedjehash(rad.foregaende_hash, rad.innehall_json) != rad.hash:
            fynd.append(
                Fynd(
                    rad.sekvens,
                    rad.dnr,
                    "innehållet har ändrats efter att det skrevs (hashen stämmer inte)",
                )
            )
        for namn, attribut in KOLUMNER_I_INNEHALLET:
            if namn in data and data[namn] != getattr(rad, attribut):
                fynd.append(
                    Fynd(
                        rad.sekvens,
                        rad.dnr,
                        f"{namn} skiljer sig: '{getattr(rad, attribut)}' i tabellen, "
                        f"'{data[namn]}' i det hashade innehållet",
                    )
                )
        for p in self.punkter.get(rad.sekvens, ()):
            if p.hash != rad.hash:
                fynd.append(
                    Fynd(
                        rad.sekvens,
                        rad.dnr,
                        f"hashen är {_kort(rad.hash)} men {p.kalla} sparade {_kort(p.hash)}: "
                        "kedjan har skrivits om härifrån eller tidigare",
                    )
                )
        self.jamforelse.se(rad.sekvens, rad.hash)
        self.foregaende_hash = rad.hash
        self.foregaende_flyttad = flyttad
        self.forvantad = max(self.forvantad, rad.sekvens) + 1
        resultat.senaste_sekvens, resultat.senaste_hash = rad.sekvens, rad.hash

    def avsluta(self, huvud: tuple[int, str] | None) -> Kedjeresultat:
        """The end of the chain against its head row, the anchors and the published heads."""
        resultat, punkter = self.resultat, self.punkter
        sista = resultat.senaste_sekvens
        if huvud is not None:
            huvud_sekvens, huvud_hash = huvud
            if huvud_sekvens > sista:
                resultat.fynd.append(
                    Fynd(
                        sista + 1,
                        None,
                        "saknas i slutet av kedjan (kedjans huvud i databasen står på "
                        f"{huvud_sekvens})",
                        till=huvud_sekvens,
                    )
                )
            elif huvud_sekvens < sista:
                resultat.fynd.append(
                    Fynd(
                        huvud_sekvens + 1,
                        None,
                        f"ligger efter kedjans huvud i databasen ({huvud_sekvens}): skrevs inte "
                        "av systemet",
                        till=sista,
                    )
                )
            elif huvud_hash != resultat.senaste_hash:
                resultat.fynd.append(
                    Fynd(sista, None, "kedjans huvud i databasen har en annan hash än händelsen")
                )
        bortom = [s for s in punkter if s > sista]
        if bortom:  # the newest anchor beyond the end says how much is gone
            sekvens = max(bortom)
            p = punkter[sekvens][0]
            resultat.fynd.append(
                Fynd(
                    sista + 1,
                    None,
                    f"saknas i slutet av kedjan: {p.kalla} sparade händelse {sekvens} med hash "
                    f"{_kort(p.hash)}",
                    till=sekvens,
                )
            )
        resultat.fynd += self.jamforelse.fynd(sista)
        return resultat


# --- the quick confirmation of a whole batch ----------------------------------------------
#
# `granskning.handelsetext` writes the hashed text with sorted keys and no spaces, so a row
# as written is exactly: a head of its aktör, dnr, flödeskörning and handling as JSON spells
# them, then one JSON value (the innehåll), then its roll and sequence, then one JSON value
# (the tidpunkt) and "}". Checking that shape is checking what parsing the text and comparing
# the fields would: the keys cannot repeat, so each parses to the column it was built from.
# Any other text (another spelling, a repeated key, a broken value) fails the shape and is
# parsed by the row-by-row walk, which then names what is wrong or finds it in order.
#
# The same parser as json.loads, called at a position: it returns the value there and where
# it ends, and raises (JSONDecodeError, or StopIteration when there is no value) otherwise.
# (typeshed types its argument as a scanner, not the decoder it is given: its TODO.)
_SKANNA = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
_SLUT = itemgetter(1)
_SLUTAR_MED_KLAMMER = methodcaller("endswith", "}")


def _hel_batch(rader: Sequence[Lagrad], forvantad: int, foregaende_hash: str) -> list[str] | None:
    """The rows' hashes if the row-by-row walk, starting at sequence `forvantad` after the
    stored hash `foregaende_hash`, would find nothing in them; None if it might.

    Every step is a builtin mapped over a column of the batch: no Python call per row, so
    what a row costs is the builtins' own work (reading its two JSON values, hashing)."""
    try:
        return _hel_batch_eller_fel(rader, forvantad, foregaende_hash)
    except (TypeError, ValueError, StopIteration):
        return None  # a value of the wrong type, or a text that does not parse: row by row


def _hel_batch_eller_fel(
    rader: Sequence[Lagrad], forvantad: int, foregaende_hash: str
) -> list[str] | None:
    sekvenser, dnr, handling, aktor, roll, korning, texter, foregaende, hashar = zip(
        *rader, strict=True
    )
    antal = len(rader)
    if sekvenser != tuple(range(forvantad, forvantad + antal)):
        return None  # a gap, or rows out of order
    if foregaende[0] != foregaende_hash or foregaende[1:] != hashar[:-1]:
        return None  # a broken link
    falt, varden = _mall(
        (("aktör", aktor), ("dnr", dnr), ("flödeskörning", korning), ("handling", handling))
    )
    huvuden = list(map(("{" + falt + ',"innehåll":').__mod__, zip(*varden, strict=True)))
    if not all(map(str.startswith, texter, huvuden)):
        return None  # a column differs from the text, or the text is spelled otherwise
    # A StopIteration from the parser ends a map early: the count says so.
    innehall_slut = list(map(_SLUT, map(_SKANNA, texter, map(len, huvuden))))
    falt, varden = _mall((("roll", roll),))
    svansar = list(
        map(
            ("," + falt + ',"sekvens":%s,"tidpunkt":').__mod__, zip(*varden, sekvenser, strict=True)
        )
    )
    if len(innehall_slut) != antal or not all(map(str.startswith, texter, svansar, innehall_slut)):
        return None
    tidpunkt_borjar = map(add, innehall_slut, map(len, svansar))
    tidpunkt_slut = list(map(_SLUT, map(_SKANNA, texter, tidpunkt_borjar)))
    if tidpunkt_slut != list(map(sub, map(len, texter), repeat(1))):
        return None
    if not all(map(_SLUTAR_MED_KLAMMER, texter)):
        return None
    if tuple(kedjehashar(foregaende, texter)) != hashar:
        return None  # a text changed after it was hashed
    return list(hashar)


def _mall(falt: Sequence[tuple[str, tuple[Any, ...]]]) -> tuple[str, list[Iterable[Any]]]:
    """A %-template for `"nyckel":value,…` and the columns to fill it, each value as
    canonical JSON spells it. A column of printable text without quotes or backslashes,
    the usual case, goes in as it is between quotes written in the template; a column with
    a None or an escape goes value by value. A value that is not text (SQLite stores what
    it is given) raises TypeError: no JSON string parses to it."""
    delar: list[str] = []
    varden: list[Iterable[Any]] = []
    for nyckel, kolumn in falt:
        try:
            text = "".join(kolumn)
            ren = text.isprintable() and '"' not in text and "\\" not in text
        except TypeError:  # a None, or not text
            ren = False
        if ren:
            delar.append(f'"{nyckel}":"%s"')
            varden.append(kolumn)
        else:
            delar.append(f'"{nyckel}":%s')
            varden.append(map(_json_varde, kolumn))
    return ",".join(delar), varden


def _json_varde(varde: object) -> str:
    if varde is None:
        return "null"
    if type(varde) is not str:
        raise TypeError(varde)  # another type in a text column (SQLite allows it)
    return encode_basestring(varde)


class Publiceringsjamforelse:
    """The stored chain against the heads published on the anslagstavla, one row at a time
    as the chain streams past (the published heads, one a day, are few; the chain is not).

    Once an event is rewritten and the hashes after it recomputed, every head published
    after it differs too: one line names the earliest differing head, the first published
    point past the rewrite; one the latest head that still holds before it (the rewrite is
    between the two); and one, if more differ, the latest differing head, which bounds when
    the log was rewritten: after that day."""

    def __init__(self, publicerade: Sequence[PubliceratKedjehuvud]) -> None:
        self._pa_sekvens: dict[int, list[PubliceratKedjehuvud]] = {}
        for p in publicerade:
            self._pa_sekvens.setdefault(p.sekvens, []).append(p)
        self._sekvenser = sorted(self._pa_sekvens)
        self._avvikande: list[PubliceratKedjehuvud] = []
        self._stammer: list[PubliceratKedjehuvud] = []
        self.se(0, START_HASH)  # a head published before the first event

    def se(self, sekvens: int, hash_: str) -> None:
        for p in self._pa_sekvens.pop(sekvens, ()):
            (self._stammer if p.hash == hash_ else self._avvikande).append(p)

    def se_batch(self, forsta: int, hashar: Sequence[str]) -> None:
        """`se` for each of the contiguous sequences `forsta`, `forsta` + 1, … with `hashar`,
        looking only at those a head was published for."""
        borjan = bisect_left(self._sekvenser, forsta)
        slut = bisect_right(self._sekvenser, forsta + len(hashar) - 1)
        for sekvens in self._sekvenser[borjan:slut]:
            self.se(sekvens, hashar[sekvens - forsta])

    def fynd(self, sista_sekvens: int) -> list[Fynd]:
        """What differs, once the whole chain (ending at `sista_sekvens`) has passed."""
        saknade = [p for lista in self._pa_sekvens.values() for p in lista]
        alla = sorted(self._avvikande + saknade, key=lambda p: (p.datum, p.sekvens))
        if not alla:
            return []
        forsta = alla[0]
        dag = forsta.datum.isoformat()
        if forsta not in saknade:
            text = (
                f"Granskningsloggen har skrivits om efter den {dag}: löpnummer {forsta.sekvens} "
                "har en annan kontrollsumma än den som publicerades."
            )
        elif forsta.sekvens > sista_sekvens:
            text = (
                f"Granskningsloggen har kortats efter den {dag}: löpnummer {forsta.sekvens} "
                f"publicerades men loggen slutar vid löpnummer {sista_sekvens}."
            )
        else:
            text = (
                f"Granskningsloggen har skrivits om efter den {dag}: löpnummer {forsta.sekvens} "
                "publicerades men finns inte längre i loggen."
            )
        fynd: list[Fynd] = [Publiceringsfynd(forsta.sekvens, None, text)]
        tidigare = [
            p for p in self._stammer if p.datum <= forsta.datum and p.sekvens < forsta.sekvens
        ]
        if tidigare:
            stammer = max(tidigare, key=lambda p: (p.datum, p.sekvens))
            var = (
                f"gäller löpnummer {forsta.sekvens}"
                if stammer.sekvens + 1 == forsta.sekvens
                else f"ligger mellan löpnummer {stammer.sekvens + 1} och {forsta.sekvens}"
            )
            fynd.append(
                Publiceringsfynd(
                    stammer.sekvens,
                    None,
                    f"Fram till löpnummer {stammer.sekvens}, som publicerades den "
                    f"{stammer.datum.isoformat()}, stämmer loggen med det publicerade: "
                    f"ändringen {var}.",
                )
            )
        if len(alla) > 1:
            senaste = alla[-1]
            antal = (
                "1 senare publicerad kontrollsumma skiljer"
                if len(alla) == 2
                else f"{len(alla) - 1} senare publicerade kontrollsummor skiljer"
            )
            fynd.append(
                Publiceringsfynd(
                    senaste.sekvens,
                    None,
                    f"Även {antal} sig från loggen, den senaste från den "
                    f"{senaste.datum.isoformat()} (löpnummer {senaste.sekvens}): loggen har "
                    f"ändrats efter den {senaste.datum.isoformat()}.",
                )
            )
        return fynd
