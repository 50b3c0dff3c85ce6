"""Reads the ärendetyper (deployments/arendetyper/*.toml) and refuses a broken one whole.

Every refusal says file, line and field in Swedish: the person who adds a type for the
nämnd's next kind of matter edits a file, not code. Unknown keys are refused as well, since
a misspelt key would otherwise be silently ignored and the type would run without it.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from arende.adapters.grunddatafil import typnamn
from arende.adapters.tomlplats import rad_for, radkarta
from arende.domain.arendetyp import (
    Arendetyp,
    Avsnitt,
    Definitionsfel,
    Dokumentmall,
    Falt,
    Faltyp,
    Formular,
    Reaktion,
    kontrollera_typ,
)
from arende.domain.fel import OgiltigUppgift
from arende.domain.frister import Fristtyp
from arende.domain.handling import Handlingstyp
from arende.domain.livscykel import Livscykel
from arende.domain.skeden import Skede, Utfall

_TOPP = {
    "namn",
    "rubrik",
    "beskrivning",
    "titel",
    "regler",
    "frister",
    "skeden",
    "aterremiss",
    "overgangar",
    "dokument",
    "startfalt",
    "formular",
    "forslag",
    "reaktion",
    "avsnitt",
    "val_eller_anstallning",
}
_FALT = {"namn", "typ", "rubrik", "hjalp", "obligatoriskt", "val", "max_langd", "falt"}
_FORMULAR = {"skede", "rubrik", "falt"}
_DOKUMENT = {"typ", "mall"}
_REAKTION = {"vid", "gor"}
_AVSNITT = {"rubrik", "falt"}

E = TypeVar("E")


def _sant_eller_falskt(f: _Fil, data: dict[str, Any], nyckel: str) -> bool:
    varde = data.get(nyckel, False)
    if not isinstance(varde, bool):
        raise f.fel(nyckel, f"ska vara true eller false, inte {typnamn(type(varde))}")
    return varde


class _Fil:
    """One file being read: knows where each field is, and says so in every refusal."""

    def __init__(self, fil: Path, text: str) -> None:
        self.fil = fil
        self.karta = radkarta(text)

    def fel(self, vag: str, meddelande: str) -> OgiltigUppgift:
        rad = rad_for(self.karta, vag)
        var = f"{self.fil.name}, rad {rad}" if rad else self.fil.name
        return OgiltigUppgift(f"Ärendetypen i {var}, fältet '{vag}': {meddelande}.")

    def tabell(self, varde: Any, vag: str, tillatna: set[str]) -> dict[str, Any]:
        if not isinstance(varde, dict):
            raise self.fel(vag, f"ska vara en tabell, inte {typnamn(type(varde))}")
        for nyckel in varde:
            if nyckel not in tillatna:
                raise self.fel(
                    f"{vag}.{nyckel}" if vag else nyckel,
                    f"okänd nyckel '{nyckel}'; tillåtna är {', '.join(sorted(tillatna))}",
                )
        return varde

    def text(self, data: dict[str, Any], nyckel: str, vag: str, *, krav: bool = True) -> str:
        varde = data.get(nyckel, "")
        if not isinstance(varde, str):
            raise self.fel(_led(vag, nyckel), f"ska vara text, inte {typnamn(type(varde))}")
        if krav and not varde.strip():
            raise self.fel(_led(vag, nyckel), "saknas eller är tomt")
        return varde.strip()

    def lista(self, varde: Any, vag: str) -> list[Any]:
        if not isinstance(varde, list):
            raise self.fel(vag, f"ska vara en lista, inte {typnamn(type(varde))}")
        return varde

    def uppslag(
        self, varde: Any, vag: str, slag: Callable[[str], E], kanda: Iterable[Any], vad: str
    ) -> E:
        try:
            return slag(varde)
        except ValueError:
            raise self.fel(
                vag, f"okänt {vad} '{varde}'; kända är {', '.join(repr(str(k)) for k in kanda)}"
            ) from None


def _led(vag: str, nyckel: str) -> str:
    return f"{vag}.{nyckel}" if vag else nyckel


def las_arendetyp(
    fil: Path, *, mallkatalog: Path, regler: Mapping[str, frozenset[str]] | None = None
) -> Arendetyp:
    """One definition. `regler`: the rule sets a definition may name, each with the steps
    (åtgärder) its reactions may take."""
    regler = regler or {}
    try:
        text = fil.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OgiltigUppgift(f"Ärendetypen {fil} finns inte.") from None
    except UnicodeDecodeError:
        raise OgiltigUppgift(f"{fil}: filen är inte sparad som UTF-8.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as fel:
        raise OgiltigUppgift(f"Ärendetypen i {fil.name} är inte giltig TOML: {fel}.") from None
    f = _Fil(fil, text)
    f.tabell(data, "", _TOPP)
    typ = Arendetyp(
        namn=f.text(data, "namn", ""),
        rubrik=f.text(data, "rubrik", ""),
        beskrivning=f.text(data, "beskrivning", "", krav=False),
        titel=f.text(data, "titel", ""),
        livscykel=_livscykel(f, data),
        startfalt=_falt_lista(f, data.get("startfalt", []), "startfalt"),
        formular=_formular(f, data.get("formular", [])),
        dokument=_dokument(f, data.get("dokument", {}), mallkatalog),
        frister=tuple(
            f.uppslag(v, f"frister[{i}]", Fristtyp, Fristtyp, "fristslag")
            for i, v in enumerate(f.lista(data.get("frister", []), "frister"))
        ),
        regler=(regelnamn := _regler(f, data, set(regler))),
        avsnitt=tuple(
            Avsnitt(f.text(a, "rubrik", f"avsnitt[{i}]"), f.text(a, "falt", f"avsnitt[{i}]"))
            for i, a in enumerate(
                f.tabell(x, f"avsnitt[{j}]", _AVSNITT)
                for j, x in enumerate(f.lista(data.get("avsnitt", []), "avsnitt"))
            )
        ),
        reaktioner=_reaktioner(f, data, regelnamn, regler.get(regelnamn or "", frozenset())),
        forslag=tuple(
            _forslagspunkt(f, v, f"forslag[{i}]")
            for i, v in enumerate(f.lista(data.get("forslag", []), "forslag"))
        ),
        val_eller_anstallning=_sant_eller_falskt(f, data, "val_eller_anstallning"),
    )
    if typ.namn != fil.stem:
        raise f.fel("namn", f"'{typ.namn}' ska vara samma som filens namn, '{fil.stem}'")
    try:
        kontrollera_typ(typ)
    except Definitionsfel as fel:
        vag = fel.falt
        if fel.skede and vag == "overgangar":
            vag = f"overgangar.{fel.skede}" if "overgangar" in data else "skeden"
        raise f.fel(vag, fel.meddelande) from None
    return typ


def las_arendetyper(
    katalog: Path, *, mallkatalog: Path, regler: Mapping[str, frozenset[str]] | None = None
) -> dict[str, Arendetyp]:
    """Every definition in the folder, by name; the first broken one refuses them all, so
    the runner never starts with half the types."""
    filer = sorted(katalog.glob("*.toml"))
    if not filer:
        raise OgiltigUppgift(f"Det finns inga ärendetyper i {katalog} (filer *.toml).")
    return {
        t.namn: t for t in (las_arendetyp(x, mallkatalog=mallkatalog, regler=regler) for x in filer)
    }


def _skede(f: _Fil, varde: Any, vag: str) -> Skede:
    return f.uppslag(varde, vag, Skede, Skede, "skede")


def _livscykel(f: _Fil, data: dict[str, Any]) -> Livscykel:
    if ("skeden" in data) == ("overgangar" in data):
        raise f.fel(
            "skeden",
            "ange antingen skeden = [...] (i ordning, vart och ett leder till nästa) eller "
            "en tabell [overgangar] med vart varje skede leder",
        )
    if "skeden" in data:
        skeden = [
            _skede(f, v, f"skeden[{i}]") for i, v in enumerate(f.lista(data["skeden"], "skeden"))
        ]
        aterremiss = data.get("aterremiss", True)
        if not isinstance(aterremiss, bool):
            raise f.fel(
                "aterremiss", f"ska vara true eller false, inte {typnamn(type(aterremiss))}"
            )
        for i, (a, b) in enumerate(zip(skeden, skeden[1:], strict=False)):
            if b.ordning <= a.ordning:
                raise f.fel(
                    f"skeden[{i + 1}]",
                    f"'{b}' står efter '{a}' men kommer före det i ett ärendes liv; skriv "
                    "skedena i ordning",
                )
        return Livscykel.linjar(skeden, aterremiss=aterremiss)
    if "aterremiss" in data:
        raise f.fel("aterremiss", "gäller bara skeden = [...]; i [overgangar] skrivs vägen ut")
    tabell = data["overgangar"]
    if not isinstance(tabell, dict):
        raise f.fel("overgangar", f"ska vara en tabell, inte {typnamn(type(tabell))}")
    overgangar: dict[Skede, frozenset[Skede]] = {}
    for nyckel, till in tabell.items():
        vag = f"overgangar.{nyckel}"
        overgangar[_skede(f, nyckel, vag)] = frozenset(
            _skede(f, t, vag) for t in f.lista(till, vag)
        )
    return Livscykel(overgangar)


def _falt_lista(f: _Fil, varde: Any, vag: str) -> tuple[Falt, ...]:
    return tuple(_falt(f, x, f"{vag}[{i}]") for i, x in enumerate(f.lista(varde, vag)))


def _falt(f: _Fil, varde: Any, vag: str) -> Falt:
    data = f.tabell(varde, vag, _FALT)
    obligatoriskt = data.get("obligatoriskt", True)
    if not isinstance(obligatoriskt, bool):
        raise f.fel(f"{vag}.obligatoriskt", "ska vara true eller false")
    max_langd = data.get("max_langd")
    if max_langd is not None and (isinstance(max_langd, bool) or not isinstance(max_langd, int)):
        raise f.fel(f"{vag}.max_langd", f"ska vara ett heltal, inte {typnamn(type(max_langd))}")
    val = f.lista(data.get("val", []), f"{vag}.val")
    if not all(isinstance(v, str) and v.strip() for v in val):
        raise f.fel(f"{vag}.val", "alternativen ska vara text")
    return Falt(
        namn=f.text(data, "namn", vag),
        typ=f.uppslag(data.get("typ"), f"{vag}.typ", Faltyp, Faltyp, "fältslag"),
        rubrik=f.text(data, "rubrik", vag),
        hjalp=f.text(data, "hjalp", vag, krav=False),
        obligatoriskt=obligatoriskt,
        val=tuple(v.strip() for v in val),
        max_langd=max_langd,
        falt=_falt_lista(f, data.get("falt", []), f"{vag}.falt"),
    )


def _formular(f: _Fil, varde: Any) -> dict[Skede, Formular]:
    formular: dict[Skede, Formular] = {}
    for i, x in enumerate(f.lista(varde, "formular")):
        vag = f"formular[{i}]"
        data = f.tabell(x, vag, _FORMULAR)
        skede = _skede(f, data.get("skede"), f"{vag}.skede")
        if skede in formular:
            raise f.fel(f"{vag}.skede", f"skedet '{skede}' har redan ett formulär")
        formular[skede] = Formular(
            skede, f.text(data, "rubrik", vag), _falt_lista(f, data.get("falt", []), f"{vag}.falt")
        )
    return formular


def _dokument(f: _Fil, varde: Any, mallkatalog: Path) -> dict[Skede, Dokumentmall]:
    if not isinstance(varde, dict):
        raise f.fel("dokument", f"ska vara en tabell, inte {typnamn(type(varde))}")
    dokument: dict[Skede, Dokumentmall] = {}
    for nyckel, x in varde.items():
        vag = f"dokument.{nyckel}"
        skede = _skede(f, nyckel, vag)
        data = f.tabell(x, vag, _DOKUMENT)
        typ = f.uppslag(data.get("typ"), f"{vag}.typ", Handlingstyp, Handlingstyp, "handlingsslag")
        mall = f.text(data, "mall", vag)
        if Path(mall).name != mall or not mall.endswith(".docx"):
            raise f.fel(f"{vag}.mall", f"'{mall}' ska vara namnet på en .docx-fil i mallkatalogen")
        if not (mallkatalog / mall).is_file():
            raise f.fel(f"{vag}.mall", f"mallen '{mall}' finns inte i {mallkatalog}")
        dokument[skede] = Dokumentmall(typ, mall)
    return dokument


def _forslagspunkt(f: _Fil, varde: Any, vag: str) -> str:
    if not isinstance(varde, str) or not varde.strip():
        raise f.fel(vag, "en punkt i förslaget till beslut ska vara en text")
    try:
        delar = list(string.Formatter().parse(varde))
    except ValueError:
        raise f.fel(vag, "klamrarna i förslaget går inte ihop ({fält} eller {{ }})") from None
    if any(namn is not None and not namn.isidentifier() for _, namn, _, _ in delar):
        raise f.fel(vag, "inom klamrar står ett fältnamn, t.ex. {namnd} eller {enheter}")
    return varde.strip()


def _regler(f: _Fil, data: dict[str, Any], kanda: set[str]) -> str | None:
    if "regler" not in data:
        return None
    namn = f.text(data, "regler", "")
    if namn not in kanda:
        raise f.fel(
            "regler",
            f"okända regler '{namn}'; kända är {', '.join(sorted(kanda)) or 'inga'}",
        )
    return namn


def _reaktioner(
    f: _Fil, data: dict[str, Any], regler: str | None, atgarder: frozenset[str]
) -> tuple[Reaktion, ...]:
    reaktioner = []
    for i, post in enumerate(f.lista(data.get("reaktion", []), "reaktion")):
        vag = f"reaktion[{i}]"
        post = f.tabell(post, vag, _REAKTION)
        vid = frozenset(
            f.uppslag(v, f"{vag}.vid[{j}]", Utfall, Utfall, "beslut")
            for j, v in enumerate(f.lista(post.get("vid", []), f"{vag}.vid"))
        )
        if not vid:
            raise f.fel(f"{vag}.vid", 'ange efter vilka beslut (t.ex. ["bifall"])')
        atgard = f.text(post, "gor", vag)
        if atgard not in atgarder:
            kanda = ", ".join(repr(a) for a in sorted(atgarder)) or "inga"
            vems = f"reglerna '{regler}'" if regler else "en typ utan regler"
            raise f.fel(f"{vag}.gor", f"okänd åtgärd '{atgard}'; {vems} kan: {kanda}")
        reaktioner.append(Reaktion(vid, atgard))
    return tuple(reaktioner)
