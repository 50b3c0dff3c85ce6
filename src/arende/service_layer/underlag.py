"""The facts a document about an ärende is written from, gathered in one place."""

from __future__ import annotations

from typing import Any

from arende.domain.arende import Arende
from arende.domain.datum import svenskt_datum
from arende.service_layer.ports import UnitOfWork


def _uppraknad(namn: list[str]) -> str:
    """'A, B, C samt D', the way seed 000 lists the units."""
    if len(namn) <= 1:
        return "".join(namn)
    return ", ".join(namn[:-1]) + " samt " + namn[-1]


def forslag_till_beslut(arende: Arende) -> list[str]:
    """Written as if already adopted, one action per point (DOMAIN.md)."""
    punkter = [
        f"{arende.namnd} beslutar nominera "
        f"{_uppraknad([n.verksamhet for n in arende.nomineringar])}."
    ]
    if arende.foreslagen_omedelbar_justering:
        punkter.append("Paragrafen förklaras omedelbart justerad.")
    return punkter


def tjansteutlatande(dnr: str, uow: UnitOfWork) -> dict[str, Any]:
    with uow:
        arende = uow.arenden.hamta(dnr)
        namnd = uow.grunddata.namnd(arende.namnd)
        handlaggare = uow.grunddata.person(arende.handlaggare)
        ar = uow.grunddata.utmarkelsear(arende.utmarkelsear)
    klasser_nominerade = sorted({n.klass for n in arende.nomineringar})
    return {
        "forvaltning": namnd.forvaltning,
        "avdelning": handlaggare.avdelning,
        "dnr": str(arende.dnr),
        "datum": (
            arende.faststallande.datum if arende.faststallande else arende.registreringsdatum
        ).isoformat(),
        "handlaggare": handlaggare.namn,
        "telefon": handlaggare.telefon,
        "namnd": namnd.namn,
        "namnd_liten": namnd.namn[0].lower() + namnd.namn[1:],
        "titel": arende.titel,
        "forslag": forslag_till_beslut(arende),
        "undertecknare": list(arende.faststallande.undertecknare) if arende.faststallande else [],
        "utdelning": svenskt_datum(ar.utdelning) if ar.utdelning else None,
        "utdelningsplats": ar.utdelningsplats,
        "klasser": list(ar.klasser),
        "klasser_text": _uppraknad(list(ar.klasser)),
        "klasser_nominerade": (
            f"klassen {klasser_nominerade[0]}"
            if len(klasser_nominerade) == 1
            else f"klasserna {_uppraknad(klasser_nominerade)}"
        ),
        "sista_dag": svenskt_datum(ar.sista_dag) if ar.sista_dag else None,
        "mottagare": ar.mottagare,
        "enheter_text": _uppraknad([n.verksamhet for n in arende.nomineringar]),
        "enheter": [
            {"verksamhet": n.verksamhet, "klass": n.klass, "beskrivning": n.beskrivning}
            for n in arende.nomineringar
        ],
        "samverkan": svenskt_datum(arende.samverkan.datum) if arende.samverkan else None,
    }
