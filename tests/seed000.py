"""Seed 000's nomination run through the runner with the demo's own answers
(deployments/exempel/seed000_nominering.json), so tests read the same facts the demo uses."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from arende.domain.skeden import Utfall
from tests import hjalp

EXEMPEL = (
    Path(__file__).resolve().parents[1] / "deployments" / "exempel" / "seed000_nominering.json"
)
# A copy of ../shared/seeds/000_4575a1c8a2409324.txt, a public Stockholm document.
SEED_000 = Path(__file__).resolve().parent / "data" / "seed_000_tjansteutlatande.txt"
KORNING = hjalp.KORNING


def exempel() -> dict[str, Any]:
    return dict(json.loads(EXEMPEL.read_text(encoding="utf-8")))


def uppgifter(**andrat: Any) -> dict[str, Any]:
    """The nomination's start answers (the type's own fields) as the demo gives them."""
    grund = exempel()["uppgifter"] | andrat
    return {
        n: grund[n]
        for n in ("utmarkelsear", "enheter", "omedelbar_justering", "avslutande_kommentar")
        if n in grund
    }


def registrera(system: hjalp.System, **andrat: Any) -> str:
    """Register seed 000's nomination (a new ärende each call)."""
    grund = exempel()["uppgifter"] | andrat
    return hjalp.registrera(
        system,
        "nominering",
        uppgifter(**andrat),
        namnd=grund["namnd"],
        handlaggare=exempel()["som"]["start"],
        sammantrade=date.fromisoformat(grund["sammantrade"]),
        registreringsdatum=date.fromisoformat(grund["registreringsdatum"]),
    )


def registrera_deltagande(system: hjalp.System) -> str:
    """A deltagande ärende (the nämnd lets the units take part) for seed 000's units."""
    start = uppgifter()
    enheter = [{n: e[n] for n in ("namn", "klass", "beskrivning")} for e in start["enheter"]]
    return hjalp.registrera(
        system, "deltagande", {"utmarkelsear": start["utmarkelsear"], "enheter": enheter}
    )


def till_faststallt(
    system: hjalp.System, dnr: str, omgang: int = 1, datum: date | None = None
) -> None:
    """Samverkan and fastställande with the demo's answers (or both on `datum`)."""
    data = exempel()
    svar = data["svar"]
    f = svar["faststall"]
    hjalp.bered(
        system,
        dnr,
        samverkan=datum or date.fromisoformat(svar["samverkan"]["datum"]),
        faststallt=datum or date.fromisoformat(f["datum"]),
        chefer=(data["som"]["faststall"], f["avdelningschef"]),
    )


def hela_vagen(system: hjalp.System, dnr: str) -> None:
    """Seed 000 to its end: beredning, the sammanträde of 13 May 2008 deciding the
    nomination with omedelbar justering, its anslag on 14 May and expediering on 15 May."""
    data = exempel()
    svar = data["svar"]
    till_faststallt(system, dnr)
    hjalp.hall_sammantrade(
        system,
        {dnr: {"utfall": Utfall.BIFALL, "omedelbart_justerad": True}},
        hjalp.MOTE,
        omedelbart_anslaget=date.fromisoformat(svar["anslag"]["datum"]),
    )
    e = svar["expediering"]
    hjalp.expediera(
        system, dnr, date.fromisoformat(e["datum"]), e["mottagare"], data["som"]["expediering"]
    )
