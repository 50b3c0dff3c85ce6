"""Reads the nämnd's classification and informationshanteringsplan
(deployments/informationshanteringsplan.toml) and refuses a broken one whole.

Every refusal names the file, the line and the table in Swedish: the plan is kept by the
archive's people, not by programmers. Unknown keys are refused too, since a misspelt key
(`gallra` for `gallras`) would otherwise be silently ignored and a handling kept or gallrad
on grounds nobody wrote.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from arende.adapters.grunddatafil import typnamn
from arende.adapters.tomlplats import rad_for, radkarta
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.gallring import (
    Bestammelse,
    Gallringsbeslut,
    Informationshanteringsplan,
    Klass,
    kontrollera_kod,
    tolka_frist,
)

_TOPP = {"namn", "klass", "gallringsbeslut", "handlingstyp"}
_KLASS = {"kod", "namn", "arendetyper"}
_BESLUT = {"beteckning", "datum", "organ", "rubrik"}
_HANDLINGSTYP = {"typ", "process", "bevaras", "gallras", "beslut", "aven_oppna"}


class _Planfel(OgiltigUppgift):
    def __init__(self, meddelande: str, vag: str) -> None:
        super().__init__(meddelande)
        self.vag = vag


def las_plan(
    fil: Path, *, arendetyper: Iterable[str], handlingstyper: Iterable[str]
) -> Informationshanteringsplan:
    """The plan, checked against the ärendetyper the system runs and the handlingstyper it
    makes; OgiltigUppgift with file, line and what is wrong otherwise."""
    try:
        text = fil.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OgiltigUppgift(
            f"Informationshanteringsplanen {fil} finns inte (ARENDE_INFORMATIONSHANTERINGSPLAN): "
            "utan den vet systemet inte vad som bevaras och vad som får gallras."
        ) from None
    except UnicodeDecodeError:
        raise OgiltigUppgift(f"{fil}: filen är inte sparad som UTF-8.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as fel:
        raise OgiltigUppgift(f"{fil}: filen är inte giltig TOML ({fel}).") from None
    karta = radkarta(text)
    try:
        klasser, beslut, bestammelser = _las(data)
        return Informationshanteringsplan.skapa(
            klasser, beslut, bestammelser, arendetyper=arendetyper, handlingstyper=handlingstyper
        )
    except _Planfel as fel:
        rad = rad_for(karta, fel.vag)
        var = f"{fil}, rad {rad}" if rad else str(fil)
        raise OgiltigUppgift(f"{var}: {fel.meddelande}") from None
    except ArendeFel as fel:
        raise OgiltigUppgift(f"{fil}: {fel.meddelande}") from None


def _las(
    data: dict[str, Any],
) -> tuple[list[Klass], list[Gallringsbeslut], list[Bestammelse]]:
    _okanda(data, _TOPP, "filen", "")
    klasser = []
    for i, post in enumerate(_tabeller(data, "klass"), 0):
        vag = f"klass[{i}]"
        var = f"[[klass]] nr {i + 1}"
        _okanda(post, _KLASS, var, vag)
        kod = _varde(post, "kod", str, var, vag)
        try:
            kod = kontrollera_kod(kod)
        except OgiltigUppgift as fel:
            raise _Planfel(f"{var}: {fel.meddelande}", f"{vag}.kod") from None
        typer = _varde(post, "arendetyper", list, var, vag, krav=False) or []
        if not all(isinstance(t, str) and t.strip() for t in typer):
            raise _Planfel(f"{var} ({kod}): 'arendetyper' ska vara en lista av namn.", vag)
        klasser.append(
            Klass(kod, " ".join(_varde(post, "namn", str, var, vag).split()), tuple(typer))
        )
    beslut = []
    for i, post in enumerate(_tabeller(data, "gallringsbeslut")):
        vag = f"gallringsbeslut[{i}]"
        var = f"[[gallringsbeslut]] nr {i + 1}"
        _okanda(post, _BESLUT, var, vag)
        beslut.append(
            Gallringsbeslut(
                beteckning=" ".join(_varde(post, "beteckning", str, var, vag).split()),
                datum=_varde(post, "datum", date, var, vag),
                organ=" ".join(_varde(post, "organ", str, var, vag).split()),
                rubrik=" ".join((_varde(post, "rubrik", str, var, vag, krav=False) or "").split()),
            )
        )
    efter_beteckning = {b.beteckning: b for b in beslut}
    bestammelser = []
    for i, post in enumerate(_tabeller(data, "handlingstyp")):
        vag = f"handlingstyp[{i}]"
        var = f"[[handlingstyp]] nr {i + 1}"
        _okanda(post, _HANDLINGSTYP, var, vag)
        typ = _varde(post, "typ", str, var, vag).strip()
        var = f"{var} ('{typ}')"
        bevaras = _varde(post, "bevaras", bool, var, vag, krav=False) or False
        gallras = _varde(post, "gallras", str, var, vag, krav=False)
        if not bevaras and gallras is None:
            raise _Planfel(
                f"{var}: ange bevaras = true eller gallras = '2 år efter ärendets avslut'.", vag
            )
        frist = None
        if gallras is not None:
            try:
                frist = tolka_frist(gallras)
            except OgiltigUppgift as fel:
                raise _Planfel(f"{var}: {fel.meddelande}", f"{vag}.gallras") from None
        beteckning = _varde(post, "beslut", str, var, vag, krav=False)
        gallringsbeslut = None
        if beteckning is not None:
            gallringsbeslut = efter_beteckning.get(" ".join(beteckning.split()))
            if gallringsbeslut is None:
                raise _Planfel(
                    f"{var}: gallringsbeslutet '{beteckning}' finns inte bland "
                    "[[gallringsbeslut]] i filen.",
                    f"{vag}.beslut",
                )
        process = _varde(post, "process", str, var, vag, krav=False)
        bestammelser.append(
            Bestammelse(
                handlingstyp=typ,
                process=process.strip() if process else None,
                bevaras=bevaras,
                frist=frist,
                beslut=gallringsbeslut,
                aven_oppna=_varde(post, "aven_oppna", bool, var, vag, krav=False) or False,
            )
        )
    return klasser, beslut, bestammelser


def _tabeller(data: dict[str, Any], nyckel: str) -> list[dict[str, Any]]:
    poster = data.get(nyckel, [])
    if not isinstance(poster, list) or not all(isinstance(p, dict) for p in poster):
        raise _Planfel(f"'{nyckel}' ska skrivas som tabeller: [[{nyckel}]].", nyckel)
    return poster


def _okanda(post: dict[str, Any], tillatna: set[str], var: str, vag: str) -> None:
    okanda = sorted(set(post) - tillatna)
    if okanda:
        raise _Planfel(
            f"{var}: okänt fält {', '.join(repr(o) for o in okanda)} (tillåtna: "
            f"{', '.join(sorted(tillatna))}).",
            f"{vag}.{okanda[0]}" if vag else okanda[0],
        )


def _varde(
    post: dict[str, Any], falt: str, typ: type, var: str, vag: str, krav: bool = True
) -> Any:
    if falt not in post:
        if krav:
            raise _Planfel(f"{var} saknar fältet '{falt}'.", vag)
        return None
    varde = post[falt]
    # bool is an int in Python, and a datetime a date: both are still mistakes here.
    fel_typ = not isinstance(varde, typ) or (typ is date and type(varde) is not date)
    if fel_typ:
        namn = "sant eller falskt" if typ is bool else typnamn(typ)
        raise _Planfel(f"{var}: fältet '{falt}' ska vara {namn}, inte {varde!r}.", f"{vag}.{falt}")
    if isinstance(varde, str) and not varde.strip():
        raise _Planfel(f"{var}: fältet '{falt}' är tomt.", f"{vag}.{falt}")
    return varde
