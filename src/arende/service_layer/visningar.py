"""Read-only views for the registrator: the diarium, an ärende's history, the chain check."""

from __future__ import annotations

from dataclasses import dataclass

from arende.domain.arende import Arende
from arende.domain.fel import HittasInte
from arende.domain.granskning import verifiera_kedja
from arende.service_layer.ports import Diarierad, Handelse, UnitOfWork


def diarium(uow: UnitOfWork, namnd: str | None = None, ar: int | None = None) -> list[Diarierad]:
    with uow:
        return uow.arenden.diarium(namnd=namnd, ar=ar)


def hamta_arende(uow: UnitOfWork, dnr: str) -> Arende:
    with uow:
        return uow.arenden.hamta(dnr)


def korningsnyckel(korning_id: str) -> str:
    return f"flodeskorning:{korning_id}"


def arende_for_korning(uow: UnitOfWork, korning_id: str) -> Arende:
    """The ärende a flow run registered (its id is the registration's idempotency key)."""
    with uow:
        arende = uow.arenden.hamta_via_nyckel(korningsnyckel(korning_id))
    if arende is None:
        raise HittasInte(f"Flödeskörningen {korning_id} har inte registrerat något ärende.")
    return arende


def nasta_paragraf(uow: UnitOfWork, namnd: str, ar: int) -> int:
    """Paragraphs run through the nämnd's year; the next free one is offered in the form."""
    with uow:
        return uow.arenden.hogsta_paragraf(namnd, ar) + 1


def historik(uow: UnitOfWork, dnr: str) -> list[Handelse]:
    with uow:
        uow.arenden.hamta(dnr)  # an unknown dnr is an error, not an empty history
        return uow.logg.for_arende(dnr.strip())


def historikrader(handelser: list[Handelse]) -> list[str]:
    rader = []
    for h in handelser:
        innehall = h.innehall
        vem = f"{h.aktor} ({h.roll})" if h.roll else h.aktor
        if innehall.get("utfall") == "avvisad":
            detalj = f"AVVISAD: {innehall.get('meddelande', '')}"
        elif h.handling == "registrera ärendet":
            a = innehall.get("efter", {})
            detalj = (
                f"{a.get('dnr')} '{a.get('titel')}' i {a.get('namnd')}, registreringsdatum "
                f"{a.get('registreringsdatum')}, {len(a.get('nomineringar', []))} nominerade "
                f"verksamheter, sammanträde {a.get('planerat_sammantrade')}"
            )
        else:
            efter = innehall.get("efter", {})
            detalj = ", ".join(f"{k}: {_kort(v)}" for k, v in efter.items() if k != "beslut")
            if "beslut" in efter and efter["beslut"]:
                b = efter["beslut"][-1]
                detalj = (
                    f"§ {b['paragraf']} {b['utfall']}"
                    + (", omedelbart justerad" if b["omedelbar_justering"] else "")
                    + (f"; {detalj}" if detalj else "")
                )
        korning = f" [flödeskörning {h.flodeskorning}]" if h.flodeskorning else ""
        rader.append(f"{h.sekvens:>5}  {h.tidpunkt[:19]}  {vem}: {h.handling}. {detalj}{korning}")
    return rader


def _kort(varde: object) -> str:
    if isinstance(varde, dict):
        text = "(" + ", ".join(f"{k} {_kort(v)}" for k, v in varde.items()) + ")"
    elif isinstance(varde, list):
        text = ", ".join(_kort(v) for v in varde)
    else:
        text = str(varde)
    return text if len(text) <= 80 else text[:77] + "..."


@dataclass(frozen=True)
class Verifiering:
    intakt: bool
    antal: int
    text: str


def verifiera(uow: UnitOfWork) -> Verifiering:
    with uow:
        lankar = uow.logg.lankar()
    brott = verifiera_kedja(lankar)
    if brott is None:
        ord_ = "händelse" if len(lankar) == 1 else "händelser"
        return Verifiering(True, len(lankar), f"intakt: {len(lankar)} {ord_}")
    return Verifiering(
        False, len(lankar), f"BRUTEN vid händelse {brott.sekvens}: {brott.beskrivning}"
    )
