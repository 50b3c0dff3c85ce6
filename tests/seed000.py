"""Seed 000's nomination run through the service layer with the demo's own answers
(deployments/exempel/seed000_nominering.json), so tests read the same facts the demo uses."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from arende.bootstrap import Arendesystem
from arende.domain.arende import Nominering
from arende.domain.skeden import Utfall
from arende.service_layer import handlers as h

EXEMPEL = (
    Path(__file__).resolve().parents[1] / "deployments" / "exempel" / "seed000_nominering.json"
)
# A copy of ../shared/seeds/000_4575a1c8a2409324.txt, a public Stockholm document.
SEED_000 = Path(__file__).resolve().parent / "data" / "seed_000_tjansteutlatande.txt"
KORNING = "00000000-0000-0000-0000-000000000000"


def exempel() -> dict[str, Any]:
    return dict(json.loads(EXEMPEL.read_text(encoding="utf-8")))


def kontext(aktor: str, nyckel: str) -> h.Kontext:
    return h.Kontext(aktor, KORNING, nyckel)


def registrera(system: Arendesystem, **andrat: Any) -> str:
    uppgifter = exempel()["uppgifter"] | andrat
    cmd = h.NyNominering(
        namnd=uppgifter["namnd"],
        handlaggare=uppgifter["handlaggare"],
        utmarkelsear=uppgifter["utmarkelsear"],
        nomineringar=[
            Nominering(e["namn"], e["klass"], e["beskrivning"]) for e in uppgifter["enheter"]
        ],
        planerat_sammantrade=date.fromisoformat(uppgifter["sammantrade"]),
        registreringsdatum=date.fromisoformat(uppgifter["registreringsdatum"]),
        avslutande_kommentar=uppgifter["avslutande_kommentar"],
    )
    return h.registrera_nominering(
        cmd,
        system.uow(),
        kontext(cmd.handlaggare, f"registrering-{uuid.uuid4()}"),  # each call a new ärende
        system.klocka,
        system.kalender,
    )


def till_faststallt(
    system: Arendesystem, dnr: str, omgang: int = 1, datum: date | None = None
) -> None:
    """Samverkan and fastställande with the demo's answers (or both on `datum`)."""
    svar = exempel()["svar"]
    u, k, d = system.uow, system.klocka, system.dokument
    if omgang == 1:
        h.paborja_beredning(dnr, u(), kontext("Lena Murray", "beredning"), k)
    h.registrera_samverkan(
        dnr,
        datum or date.fromisoformat(svar["samverkan"]["datum"]),
        svar["samverkan"]["anteckning"],
        u(),
        kontext("Lena Murray", f"samverkan-{omgang}"),
        k,
    )
    f = svar["faststall"]
    h.faststall_forslag(
        dnr,
        datum or date.fromisoformat(f["datum"]),
        [f["forvaltningschef"], f["avdelningschef"]],
        u(),
        kontext(f["forvaltningschef"], f"faststall-{omgang}"),
        k,
        dokument=d,
    )


def hela_vagen(system: Arendesystem, dnr: str, paragraf: int = 45) -> None:
    svar = exempel()["svar"]
    u, k, d = system.uow, system.klocka, system.dokument
    till_faststallt(system, dnr)
    h.satt_pa_dagordning(
        dnr, date(2008, 5, 13), u(), kontext("Lena Murray", "dagordning"), k, dokument=d
    )
    h.registrera_beslut(
        dnr, Utfall.BIFALL, paragraf, True, u(), kontext("Karin Ekström", "beslut"), k
    )
    j = svar["justering"]
    h.registrera_justering(
        dnr,
        date.fromisoformat(j["datum"]),
        j["ordforande"],
        j["justerare"],
        u(),
        kontext("Karin Ekström", "justering"),
        k,
        dokument=d,
    )
    h.registrera_anslag(
        dnr,
        date.fromisoformat(svar["anslag"]["datum"]),
        u(),
        kontext("Karin Ekström", "anslag"),
        k,
        dokument=d,
    )
