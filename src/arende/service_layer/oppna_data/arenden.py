"""The diarium: each ärende a Paper, each registered handling (and its PDF) a File with the
register's sha256. A sekretess handling shows its number, date and "Sekretess (OSL)" only;
a protokollsutdrag is described once its § is justerat."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Any

from arende.domain.arende import Arende
from arende.domain.fel import HittasInte
from arende.domain.handling import Handlingstyp
from arende.domain.sammantrade.mote import Sammantrade
from arende.service_layer.oppna_data.listor import (
    PER_SIDA,
    kontrollera_sida,
    kontrollera_sidnummer,
    listsida,
)
from arende.service_layer.oppna_data.objekt import (
    Adresser,
    mimetyp,
    tolka_paper_id,
    typ,
    utan_tomma,
)
from arende.service_layer.ports import UnitOfWork
from arende.service_layer.visningsportar import Diarieurval, Handlingspost

_UTDRAG = re.compile(r"^Protokollsutdrag § (\d+)\b")


@dataclass(frozen=True)
class _Arendet:
    """What one Paper is built from."""

    arende: Arende
    kortnamn: str
    handlingar: tuple[Handlingspost, ...]
    ej_justerade: frozenset[tuple[int, int]]  # (nummer, version) of utdrag not yet public


def _ej_justerade(
    uow: UnitOfWork, arende: Arende, handlingar: Sequence[Handlingspost]
) -> frozenset[tuple[int, int]]:
    """The protokollsutdrag whose § is not justerat yet: the protokoll they are drawn from is
    no allmän handling until then (TF 2 kap. 10 §). An utdrag whose § cannot be found is
    held back too: better late than early."""
    moten: dict[date, Sammantrade | None] = {}
    ut = set()
    for h in handlingar:
        if h.typ != Handlingstyp.PROTOKOLLSUTDRAG.value:
            continue
        traff = _UTDRAG.match(h.titel)
        beslut = [
            b
            for b in arende.beslut
            if traff and b.paragraf == int(traff[1]) and b.sammantrade <= h.datum
        ]
        justerad = False
        if beslut:
            dag = max(b.sammantrade for b in beslut)
            if dag not in moten:
                moten[dag] = uow.sammantraden.hamta(arende.namnd, dag, las=False)
            s = moten[dag]
            justerad = s is not None and s.justeringsdatum_for(beslut[0].paragraf) is not None
        if not justerad:
            ut.add((h.nummer, h.version))
    return frozenset(ut)


def _las_arende(uow: UnitOfWork, dnr: str, kortnamn: dict[str, str]) -> _Arendet:
    arende = uow.arenden.hamta(dnr, las=False)  # a read: it must not lock, or wait
    handlingar = uow.lasning.handlingar(dnr)
    return _Arendet(
        arende,
        kortnamn[arende.namnd],
        tuple(handlingar),
        _ej_justerade(uow, arende, handlingar),
    )


def _fil(
    adr: Adresser, a: _Arendet, h: Handlingspost, *, pdf: bool = False, inbaddad: bool
) -> dict[str, Any]:
    dnr = a.arende.dnr
    ut: dict[str, Any] = {
        "id": adr.fil(dnr, h.nummer, h.version, pdf),
        "type": typ("File"),
        "name": h.offentlig_titel,
        "date": h.datum.isoformat(),
        "sv:nummer": h.nummer,
        "sv:version": h.version,
    }
    if not inbaddad:
        ut["paper"] = [adr.paper(dnr)]
    if h.sekretess:
        # OSL 5 kap.: that it exists, its number and its date; nothing of what it says.
        return ut | {"sv:sekretess": True}
    if not h.granskad:
        # Came in by itself and not yet looked at: held back like sekretess until it is.
        return ut | {"sv:granskad": False}
    if h.gallring is not None:
        # Gallrad: its type, number and date, and when and under which decision it went.
        return ut | {"sv:handlingstyp": h.typ, "sv:gallrad": h.gallringstext}
    if not _visas(a, h):
        return ut | {"sv:justerad": False}
    fil, sha256 = (h.pdf_fil, h.pdf_sha256) if pdf else (h.fil, h.sha256)
    assert fil is not None
    ut |= {
        "fileName": PurePosixPath(fil).name,
        "mimeType": mimetyp(fil),
        "sha256Checksum": sha256,
        "created": h.registrerad.isoformat(),
        "sv:handlingstyp": h.typ,
        "sv:riktning": h.riktning,
    }
    if pdf:
        ut["masterFile"] = adr.fil(dnr, h.nummer, h.version)
    elif h.pdf_fil and h.pdf_sha256:
        ut["derivativeFile"] = [adr.fil(dnr, h.nummer, h.version, pdf=True)]
    return ut


def _visas(a: _Arendet, h: Handlingspost) -> bool:
    """Whether the handling's file may be pointed to and described (a gallrad one has none)."""
    return not h.halls_inne and h.gallring is None and (h.nummer, h.version) not in a.ej_justerade


def _paper(adr: Adresser, a: _Arendet) -> dict[str, Any]:
    arende = a.arende
    # The main file is the tjänsteutlåtande the nämnd decides on, in its latest version.
    utlatanden = [h for h in a.handlingar if h.typ == Handlingstyp.TJANSTEUTLATANDE.value]
    huvud = max(utlatanden, key=lambda h: h.version) if utlatanden else None
    ovriga = [_fil(adr, a, h, inbaddad=True) for h in a.handlingar if h is not huvud]
    ovriga += [
        _fil(adr, a, h, pdf=True, inbaddad=True)
        for h in a.handlingar
        if h.pdf_fil and h.pdf_sha256 and _visas(a, h)
    ]
    return utan_tomma(
        {
            "id": adr.paper(arende.dnr),
            "type": typ("Paper"),
            "body": adr.body(),
            "name": arende.offentlig_titel,
            "reference": str(arende.dnr),
            "date": arende.registreringsdatum.isoformat(),
            "paperType": arende.arendetyp,
            "mainFile": _fil(adr, a, huvud, inbaddad=True) if huvud else None,
            "auxiliaryFile": ovriga,
            "sv:diarienummer": str(arende.dnr),
            "sv:skede": arende.skede.value,
            "sv:namnd": adr.organization(a.kortnamn),
        }
    )


def _kortnamn(uow: UnitOfWork) -> dict[str, str]:
    return {n.namn: n.diarieprefix for n in uow.grunddata.namnder()}


def arenden(uow: UnitOfWork, adr: Adresser, sida: int) -> dict[str, Any]:
    """Every ärende of the diarium as a Paper, in dnr order, a page at a time."""
    kontrollera_sidnummer(sida)  # before it becomes an offset
    with uow:
        resultat = uow.lasning.diariesida(Diarieurval(sida=sida, per_sida=PER_SIDA, offentlig=True))
        kontrollera_sida(sida, resultat.totalt)
        kortnamn = _kortnamn(uow)
        data = [_paper(adr, _las_arende(uow, r.dnr, kortnamn)) for r in resultat.rader]
    return listsida(data, resultat.totalt, sida, adr.bodylista("paper"))


def _hamta_arende(uow: UnitOfWork, pid: str) -> _Arendet:
    dnr = tolka_paper_id(pid)
    try:
        return _las_arende(uow, dnr, _kortnamn(uow))
    except HittasInte:
        raise HittasInte(f"Det finns inget ärende med diarienumret {dnr}.") from None


def arende(uow: UnitOfWork, adr: Adresser, pid: str) -> dict[str, Any]:
    with uow:
        return _paper(adr, _hamta_arende(uow, pid))


def fil(
    uow: UnitOfWork, adr: Adresser, pid: str, nummer: str, version: str, pdf: bool
) -> dict[str, Any]:
    with uow:
        a = _hamta_arende(uow, pid)
    for h in a.handlingar:
        if str(h.nummer) == nummer.strip() and str(h.version) == version.strip():
            if pdf and not (_visas(a, h) and h.pdf_fil and h.pdf_sha256):
                break
            return _fil(adr, a, h, pdf=pdf, inbaddad=False)
    raise HittasInte(
        f"Ärendet {a.arende.dnr} har ingen handling {nummer[:12]} version {version[:12]}"
        + (" som PDF." if pdf else ".")
    )
