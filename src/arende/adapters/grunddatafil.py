"""Reads the kommun's reference data (nämnder, persons, award years) from a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from arende.domain.datum import tolka_klockslag
from arende.domain.delegation import Delegationspunkt, kontrollera_ordning
from arende.domain.diarienummer import kontrollera_prefix
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.kalender import JUSTERINGSFRIST_DAGAR
from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.organisation import Namnd, Person
from arende.domain.paminnelser import kontrollera_epost
from arende.domain.roller import Roll
from arende.domain.sammantrade.narvaro import Ledamot, Ledamotsroll, kontrollera_ledamoter
from arende.domain.sammantradesplan import Sammantradesplan


@dataclass(frozen=True)
class Grunddatafil:
    namnder: list[Namnd]
    personer: list[Person]
    utmarkelsear: list[Utmarkelsear]


def las_grunddata(fil: Path) -> Grunddatafil:
    try:
        data = tomllib.loads(fil.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OgiltigUppgift(f"Grunddatafilen {fil} finns inte.") from None
    except tomllib.TOMLDecodeError as fel:
        raise OgiltigUppgift(f"{fil}: filen är inte giltig TOML ({fel}).") from None
    try:
        namnder = [_namnd(p, fil, i) for i, p in enumerate(data.get("namnd", []), 1)]
        namnder = _med_sammantradesplaner(namnder, data.get("sammantradesplan", []))
        return Grunddatafil(
            namnder=namnder,
            personer=[_person(p, fil, i) for i, p in enumerate(data.get("person", []), 1)],
            utmarkelsear=[
                _ar(p, fil, i) for i, p in enumerate(data.get("kvalitetsutmarkelse", []), 1)
            ],
        )
    except ArendeFel as fel:
        raise OgiltigUppgift(f"{fil}: {fel.meddelande}") from None


def _falt(post: dict[str, Any], falt: str, var: str, typ: type = str, krav: bool = True) -> Any:
    if falt not in post:
        if krav:
            raise OgiltigUppgift(f"{var} saknar fältet '{falt}'.")
        return None
    varde = post[falt]
    if not isinstance(varde, typ):
        raise OgiltigUppgift(f"{var}: fältet '{falt}' ska vara {typnamn(typ)}, inte {varde!r}.")
    return varde


def _namnd(post: dict[str, Any], fil: Path, i: int) -> Namnd:
    var = f"[[namnd]] nr {i}"
    return Namnd(
        namn=_falt(post, "namn", var),
        diarieprefix=kontrollera_prefix(_falt(post, "diarieprefix", var)),
        forvaltning=_falt(post, "forvaltning", var),
        protokoll_forvaras=_falt(post, "protokoll_forvaras", var, krav=False) or "",
        sammantradeslokal=_falt(post, "sammantradeslokal", var, krav=False) or "",
        justeringsdagar=_justeringsdagar(post, var),
        ledamoter=_med_partiernas_ordning(
            tuple(
                _ledamot(x, f"{var}, [[namnd.ledamot]] nr {j}")
                for j, x in enumerate(post.get("ledamot", []), 1)
            ),
            post.get("ersattarordning", []),
            var,
        ),
        delegationsordning=kontrollera_ordning(
            (
                _delegationspunkt(x, f"{var}, [[namnd.delegation]] nr {j}")
                for j, x in enumerate(post.get("delegation", []), 1)
            ),
            f"{var}, delegationsordningen",
        ),
    )


def _med_partiernas_ordning(
    ledamoter: tuple[Ledamot, ...], poster: list[dict[str, Any]], var: str
) -> tuple[Ledamot, ...]:
    """Each [[namnd.ersattarordning]] (parti, ersattare = [...]): the order fullmäktige
    decided for calling in ersättare for that party's ledamöter (kommunallagen 6 kap.
    16–17 §§), kept on each of them. Without one, the general rule orders them."""
    per_parti: dict[str, tuple[str, ...]] = {}
    for i, post in enumerate(poster, 1):
        plats = f"{var}, [[namnd.ersattarordning]] nr {i}"
        okanda = sorted(set(post) - {"parti", "ersattare"})
        if okanda:
            raise OgiltigUppgift(
                f"{plats}: okänt fält {', '.join(repr(o) for o in okanda)}; fälten är parti "
                "och ersattare."
            )
        parti = _falt(post, "parti", plats)
        namn = _falt(post, "ersattare", plats, list)
        if not namn or not all(isinstance(n, str) for n in namn):
            raise OgiltigUppgift(f"{plats}: 'ersattare' ska vara en lista med namn.")
        if parti in per_parti:
            raise OgiltigUppgift(f"{plats}: partiet {parti} har redan en ersättarordning.")
        if not any(m.parti == parti and m.roll.ar_ledamot for m in ledamoter):
            raise OgiltigUppgift(f"{plats}: nämnden har ingen ledamot från partiet {parti}.")
        per_parti[parti] = tuple(namn)
    ut = tuple(
        replace(m, ersattare=per_parti[m.parti])
        if m.roll.ar_ledamot and m.parti in per_parti
        else m
        for m in ledamoter
    )
    if per_parti:  # the names must be the nämnd's ersättare, each once
        kontrollera_ledamoter(ut, var)
    return ut


_DELEGATIONSFALT = {
    "punkt",
    "arende",
    "slag",
    "delegat",
    "lagrum",
    "hogsta_belopp",
    "begransning",
    "vidaredelegation",
    "bradskande",
    "anmals",
}


def _delegationspunkt(post: dict[str, Any], var: str) -> Delegationspunkt:
    """A point of the nämnd's delegationsordning; the law's limits on it are checked by
    kontrollera_ordning (domain/delegation.py)."""
    okanda = sorted(set(post) - _DELEGATIONSFALT)
    if okanda:
        raise OgiltigUppgift(
            f"{var}: okänt fält {', '.join(repr(o) for o in okanda)}; fälten är "
            f"{', '.join(sorted(_DELEGATIONSFALT))}."
        )
    delegat = _falt(post, "delegat", var, list)
    if not all(isinstance(d, str) for d in delegat):
        raise OgiltigUppgift(f"{var}: 'delegat' ska vara en lista med titlar eller roller.")
    return Delegationspunkt(
        nummer=_falt(post, "punkt", var),
        arende=_falt(post, "arende", var),
        slag=_falt(post, "slag", var),
        delegat=tuple(delegat),
        lagrum=_falt(post, "lagrum", var, krav=False) or "",
        hogsta_belopp=_falt(post, "hogsta_belopp", var, int, krav=False),
        begransning=_falt(post, "begransning", var, krav=False) or "",
        vidaredelegation=bool(_falt(post, "vidaredelegation", var, bool, krav=False)),
        bradskande=bool(_falt(post, "bradskande", var, bool, krav=False)),
        anmals=_falt(post, "anmals", var, bool, krav=False) is not False,
    )


def _ledamot(post: dict[str, Any], var: str) -> Ledamot:
    roll = _falt(post, "roll", var)
    try:
        ledamotsroll = Ledamotsroll(roll)
    except ValueError:
        kanda = ", ".join(r.value for r in Ledamotsroll)
        raise OgiltigUppgift(f"{var}: okänd roll '{roll}'; kända är {kanda}.") from None
    namn = _falt(post, "namn", var)
    epost = _falt(post, "epost", var, krav=False) or ""
    # The ersättare's place in the order fullmäktige decided for calling them in.
    ordning = _falt(post, "ordning", var, int, krav=False)
    if ordning is not None and (ledamotsroll.ar_ledamot or ordning < 1):
        raise OgiltigUppgift(
            f"{var}: 'ordning' anger en ersättares plats i ordningen för inkallande (1, 2, 3 …) "
            f"och gäller bara ersättare, inte {ledamotsroll} {namn} med {ordning}."
        )
    return Ledamot(
        namn,
        ledamotsroll,
        _falt(post, "parti", var, krav=False) or "",
        kontrollera_epost(epost, f"{var}, {namn}") if epost else "",
        ordning,
    )


def _justeringsdagar(post: dict[str, Any], var: str) -> int:
    dagar = _falt(post, "justeringsdagar", var, int, krav=False)
    if dagar is None:
        return JUSTERINGSFRIST_DAGAR
    if not 0 <= dagar <= JUSTERINGSFRIST_DAGAR:
        raise OgiltigUppgift(
            f"{var}: justeringsdagar ska vara 0–{JUSTERINGSFRIST_DAGAR} (kommunallagen 5 kap. "
            f"69 § tillåter högst {JUSTERINGSFRIST_DAGAR} dagar), inte {dagar}."
        )
    return int(dagar)


def _med_sammantradesplaner(namnder: list[Namnd], poster: list[dict[str, Any]]) -> list[Namnd]:
    """Attach each [[sammantradesplan]] (namnd, ar, datum = [...], optionally klockan =
    "18:00", when its meetings begin) to its nämnd."""
    per_namnd: dict[str, list[date]] = {}
    tider: dict[str, list[tuple[date, time]]] = {}
    for i, post in enumerate(poster, 1):
        var = f"[[sammantradesplan]] nr {i}"
        namn = _falt(post, "namnd", var)
        if namn not in {n.namn for n in namnder}:
            raise OgiltigUppgift(f"{var}: nämnden '{namn}' finns inte under [[namnd]].")
        datum = _falt(post, "datum", var, list)
        if not all(isinstance(d, date) and not isinstance(d, datetime) for d in datum):
            raise OgiltigUppgift(f"{var}: 'datum' ska vara en lista med datum (ÅÅÅÅ-MM-DD).")
        klockan = _klockan(post, var)
        plan = Sammantradesplan(
            namn,
            _falt(post, "ar", var, int),
            tuple(datum),
            tuple((d, klockan) for d in datum) if klockan else (),
        )
        per_namnd.setdefault(namn, []).extend(plan.datum)
        tider.setdefault(namn, []).extend(plan.tider)
    resultat = []
    for namnd in namnder:
        datum = per_namnd.get(namnd.namn, [])
        if len(set(datum)) != len(datum):
            raise OgiltigUppgift(f"Sammanträdesplanen för {namnd.namn} har samma datum två gånger.")
        resultat.append(
            replace(
                namnd,
                sammantraden=tuple(sorted(datum)),
                sammantradestider=tuple(sorted(tider.get(namnd.namn, []))),
            )
        )
    return resultat


def _klockan(post: dict[str, Any], var: str) -> time | None:
    """When the plan's meetings begin: "18:00" (or a TOML time, 18:00:00), Swedish time."""
    if "klockan" not in post:
        return None
    varde = post["klockan"]
    if not isinstance(varde, str | time):
        raise OgiltigUppgift(f"{var}: 'klockan' ska vara ett klockslag som \"18:00\".")
    return tolka_klockslag(varde, f"{var}: klockan")


def _person(post: dict[str, Any], fil: Path, i: int) -> Person:
    var = f"[[person]] nr {i} ({post.get('namn', '?')})"
    roller = _falt(post, "roller", var, list)
    try:
        rollmangd = frozenset(Roll(r) for r in roller)
    except ValueError:
        giltiga = ", ".join(r.value for r in Roll)
        raise OgiltigUppgift(
            f"{var}: okänd roll i {roller}; giltiga roller är {giltiga}."
        ) from None
    return Person(
        namn=_falt(post, "namn", var),
        roller=rollmangd,
        titel=_falt(post, "titel", var, krav=False) or "",
        telefon=_falt(post, "telefon", var, krav=False) or "",
        epost=_epost(post, var),
        avdelning=_falt(post, "avdelning", var, krav=False) or "",
        namnd=_falt(post, "namnd", var, krav=False),
    )


def _epost(post: dict[str, Any], var: str) -> str:
    adress = _falt(post, "epost", var, krav=False) or ""
    return kontrollera_epost(adress, var) if adress else ""


def _ar(post: dict[str, Any], fil: Path, i: int) -> Utmarkelsear:
    var = f"[[kvalitetsutmarkelse]] nr {i}"
    return Utmarkelsear(
        ar=_falt(post, "ar", var, int),
        klasser=tuple(_falt(post, "klasser", var, list)),
        inbjudan=_falt(post, "inbjudan", var, date, krav=False),
        sista_dag=_falt(post, "sista_dag", var, date, krav=False),
        utdelning=_falt(post, "utdelning", var, date, krav=False),
        utdelningsplats=_falt(post, "utdelningsplats", var, krav=False),
        mottagare=_falt(post, "mottagare", var, krav=False) or "Stadsledningskontoret",
    )


def typnamn(typ: type) -> str:
    """A TOML value's kind as a person writing the file says it, not Python's name."""
    namn = {
        str: "text",
        int: "heltal",
        list: "lista",
        dict: "tabell",
        date: "datum",
        bool: "true eller false",
    }
    return namn.get(typ, typ.__name__)
