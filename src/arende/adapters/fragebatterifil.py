"""Reads an award year's question set (deployments/fragor/kvalitetsutmarkelsen_ÅR.toml).

Every refusal names the file and the field, in Swedish, because the person who edits the
file for next year's award is not a programmer; unknown keys are refused too, since a
misspelt key (`langdgrans` for `langdgrans_tecken`) would otherwise be silently ignored.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from arende.adapters.grunddatafil import typnamn
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.tavlingsbidrag import (
    ADMINISTRATIVA_NYCKLAR,
    AdministrativtFalt,
    Avsnitt,
    Fraga,
    Fragebatteri,
)

_TOPPNYCKLAR = {
    "ar",
    "langdgrans_tecken",
    "langdgrans_inledning_tecken",
    "inledning",
    "administrativa_uppgifter",
    "administrativa_falt",
    "avsnitt",
}
_AVSNITTSNYCKLAR = {"rubrik", "fraga"}
_FRAGENYCKLAR = {"nummer", "text", "langdgrans_tecken", "forifylls_fran"}
_FILNAMN = re.compile(r"kvalitetsutmarkelsen_(\d{4})\.toml")


def fragefil(katalog: Path, ar: int) -> Path:
    return katalog / f"kvalitetsutmarkelsen_{ar}.toml"


def las_fragebatteri_for(katalog: Path, ar: int) -> Fragebatteri:
    fil = fragefil(katalog, ar)
    if not fil.is_file():
        raise OgiltigUppgift(
            f"Frågorna för kvalitetsutmärkelsen {ar} finns inte: {fil} saknas. Lägg in årets "
            "frågor i en sådan fil (se kvalitetsutmarkelsen_2020.toml)."
        )
    return las_fragebatteri(fil)


def las_fragebatteri(fil: Path) -> Fragebatteri:
    try:
        data = tomllib.loads(fil.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OgiltigUppgift(f"Frågefilen {fil} finns inte.") from None
    except UnicodeDecodeError:
        raise OgiltigUppgift(f"{fil}: filen är inte sparad som UTF-8.") from None
    except tomllib.TOMLDecodeError as fel:
        raise OgiltigUppgift(f"{fil}: filen är inte giltig TOML ({fel}).") from None
    try:
        batteri = _batteri(data)
    except ArendeFel as fel:
        raise OgiltigUppgift(f"{fil}: {fel.meddelande}") from None
    namn = _FILNAMN.fullmatch(fil.name)
    if namn and int(namn.group(1)) != batteri.ar:
        raise OgiltigUppgift(
            f"{fil}: filen heter som år {namn.group(1)} men fältet 'ar' säger {batteri.ar}."
        )
    return batteri


def _okanda(post: dict[str, Any], tillatna: set[str], var: str) -> None:
    okanda = sorted(set(post) - tillatna)
    if okanda:
        raise OgiltigUppgift(
            f"{var}: okänt fält {', '.join(repr(o) for o in okanda)} (tillåtna: "
            f"{', '.join(sorted(tillatna))})."
        )


def _falt(post: dict[str, Any], falt: str, var: str, typ: type, krav: bool = True) -> Any:
    if falt not in post:
        if krav:
            raise OgiltigUppgift(f"{var} saknar fältet '{falt}'.")
        return None
    varde = post[falt]
    # bool is an int in Python; `nummer = true` is still a mistake.
    if not isinstance(varde, typ) or (typ is int and isinstance(varde, bool)):
        raise OgiltigUppgift(f"{var}: fältet '{falt}' ska vara {typnamn(typ)}, inte {varde!r}.")
    if isinstance(varde, str) and not varde.strip():
        raise OgiltigUppgift(f"{var}: fältet '{falt}' är tomt.")
    return varde


def _batteri(data: dict[str, Any]) -> Fragebatteri:
    _okanda(data, _TOPPNYCKLAR, "filen")
    ar = _falt(data, "ar", "filen", int)
    if not 1990 <= ar <= 2200:
        raise OgiltigUppgift(f"fältet 'ar' ska vara ett årtal, inte {ar}.")
    falt = _falt(data, "administrativa_falt", "filen", dict)
    _okanda(falt, set(ADMINISTRATIVA_NYCKLAR), "[administrativa_falt]")
    administrativa = tuple(
        AdministrativtFalt(n, _falt(falt, n, "[administrativa_falt]", str).strip())
        for n in ADMINISTRATIVA_NYCKLAR
    )
    avsnitt = []
    for i, post in enumerate(_falt(data, "avsnitt", "filen", list), 1):
        var = f"[[avsnitt]] nr {i}"
        if not isinstance(post, dict):
            raise OgiltigUppgift(f"{var} ska vara en tabell.")
        _okanda(post, _AVSNITTSNYCKLAR, var)
        rubrik = _falt(post, "rubrik", var, str).strip()
        fragor = []
        for j, fpost in enumerate(_falt(post, "fraga", var, list), 1):
            fvar = f"{var} ('{rubrik}'), [[avsnitt.fraga]] nr {j}"
            if not isinstance(fpost, dict):
                raise OgiltigUppgift(f"{fvar} ska vara en tabell.")
            _okanda(fpost, _FRAGENYCKLAR, fvar)
            fragor.append(
                Fraga(
                    nummer=_falt(fpost, "nummer", fvar, int),
                    text=" ".join(_falt(fpost, "text", fvar, str).split()),
                    avsnitt=rubrik,
                    langdgrans=_falt(fpost, "langdgrans_tecken", fvar, int, krav=False),
                    forifylls_fran=_falt(fpost, "forifylls_fran", fvar, str, krav=False),
                )
            )
        avsnitt.append(Avsnitt(rubrik, tuple(fragor)))
    return Fragebatteri(
        ar=ar,
        avsnitt=tuple(avsnitt),
        administrativa_falt=administrativa,
        langdgrans=_falt(data, "langdgrans_tecken", "filen", int),
        inledning_rubrik=(
            _falt(data, "inledning", "filen", str, krav=False) or "Inledning"
        ).strip(),
        administrativa_rubrik=(
            _falt(data, "administrativa_uppgifter", "filen", str, krav=False)
            or "Administrativa uppgifter"
        ).strip(),
        langdgrans_inledning=_falt(data, "langdgrans_inledning_tecken", "filen", int, krav=False),
    )
