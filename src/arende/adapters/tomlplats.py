"""Which line of a TOML file a field was written on, for messages that say where to look.

tomllib gives values, not positions. This reads the file's lines for table headers and keys
and maps each path ('formular[1].falt[0].typ') to its line. It knows the forms our
definition files use: [table], [[array.of.tables]], quoted and dotted keys, inline tables on
one line. A path it cannot place (a value inside an inline table, say) falls back to the
nearest enclosing one, which is the line a person should look at anyway.
"""

from __future__ import annotations

import re

_HUVUD = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(#.*)?$")
_NYCKEL = re.compile(
    r'^\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_\-]+)(\s*\.\s*(?:"[^"]*"|[A-Za-z0-9_\-]+))*\s*='
)
_DEL = re.compile(r'"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_\-]+)')


def _delar(text: str) -> list[str]:
    return [a if a else b for a, b in _DEL.findall(text)]


def radkarta(text: str) -> dict[str, int]:
    """Path → line number (1-based) of every table header and key in the file."""
    karta: dict[str, int] = {}
    antal: dict[str, int] = {}  # array-of-tables path (with parent indices) → elements seen
    kontext = ""
    i_flerradig = False
    lista: tuple[str, int] | None = None  # an array written over several lines: path, items
    for nr, rad in enumerate(text.splitlines(), start=1):
        if lista is not None:  # one path per string item, so 'skeden[3]' finds its own line
            vag, n = lista
            for _ in re.findall(r'"(?:[^"\\]|\\.)*"', rad.split("#")[0]):
                karta.setdefault(f"{vag}[{n}]", nr)
                n += 1
            lista = None if "]" in rad.split("#")[0] else (vag, n)
            continue
        if i_flerradig:  # inside a multi-line string: nothing here is a key
            if rad.count('"""') % 2 == 1:
                i_flerradig = False
            continue
        if m := _HUVUD.match(rad):
            delar = _delar(m.group(2))
            kontext = _placera(delar, m.group(1) == "[[", antal, kontext)
            karta.setdefault(kontext, nr)
            continue
        if m := _NYCKEL.match(rad):
            nyckel = ".".join(_delar(rad[: m.end() - 1]))
            vag = f"{kontext}.{nyckel}" if kontext else nyckel
            karta.setdefault(vag, nr)
            varde = rad[m.end() :].split("#")[0].strip()
            if varde.startswith("[") and varde.count("[") > varde.count("]"):
                poster = re.findall(r'"(?:[^"\\]|\\.)*"', varde)
                for i in range(len(poster)):
                    karta.setdefault(f"{vag}[{i}]", nr)
                lista = (vag, len(poster))
            if rad.count('"""') % 2 == 1:
                i_flerradig = True
    return karta


def _placera(delar: list[str], lista: bool, antal: dict[str, int], kontext: str) -> str:
    """The path of a header: each array table along it carries its current index."""
    vag = ""
    for j, del_ in enumerate(delar):
        vag = f"{vag}.{del_}" if vag else del_
        sista = j == len(delar) - 1
        if sista and lista:
            antal[vag] = antal.get(vag, 0) + 1
            # A new element: the counts of the arrays nested in the previous one restart.
            for k in [k for k in antal if k.startswith(f"{vag}[")]:
                del antal[k]
            vag = f"{vag}[{antal[vag] - 1}]"
        elif vag in antal:  # an enclosing array table: we are in its latest element
            vag = f"{vag}[{antal[vag] - 1}]"
    return vag


def rad_for(karta: dict[str, int], vag: str) -> int | None:
    """The line of `vag`, or of the nearest enclosing path the file has."""
    while vag:
        if vag in karta:
            return karta[vag]
        vag = re.sub(r"(\[\d+\]|\.[^.\[]+|^[^.\[]+)$", "", vag)
    return None
