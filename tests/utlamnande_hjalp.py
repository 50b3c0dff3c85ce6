"""An ärende for the utlämnande tests: an incoming yttrande whose third stycke is secret
(the handling marked under OSL 26 kap. 1 §), and a public letter; the same on the fake
unit of work and on the real databases."""

from __future__ import annotations

import io
from datetime import date, datetime

from docx import Document

from arende.domain.datum import STOCKHOLM
from arende.domain.diarienummer import Diarienummer
from arende.domain.handelser import BegaranRegistrerad, HandlingInkommen
from arende.service_layer.inkommande import filkommando
from arende.service_layer.kommandon import InkommenFil, MarkeraSekretess, RegistreraBegaran
from tests import hjalp

REGISTRATOR = "Per Lindqvist"
HANDLAGGARE = "Lena Murray"
HEMLIGT = "Klienten Xq7 har en diagnos som inte får röjas."
STYCKEN = [
    "Yttrande över ansökan om bistånd",
    "Ansökan kom in den 2 november 2026.",
    HEMLIGT,
    "Förvaltningen föreslår att ansökan beviljas.",
]
BESTAMMELSE = "OSL 26 kap. 1 §"


def tid(text: str) -> datetime:
    """A moment in Swedish time: '2026-11-23 09:30'."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def docx(stycken: list[str]) -> bytes:
    dokument = Document()
    for s in stycken:
        dokument.add_paragraph(s)
    ut = io.BytesIO()
    dokument.save(ut)
    return ut.getvalue()


def inkommen(system: hjalp.System, dnr: str, namn: str, innehall: bytes, vad: str) -> int:
    [h] = [
        h
        for h in system.utfor(
            filkommando(
                [InkommenFil(namn, innehall)],
                aktor=REGISTRATOR,
                dnr=Diarienummer.tolka(dnr),
                inkom=date(2026, 11, 20),
                avsandare="Enskild person",
                beskrivning=vad,
                kanal="kommandoraden",
            )
        )
        if isinstance(h, HandlingInkommen)
    ]
    return h.nummer


def arende_med_hemlighet(system: hjalp.System) -> tuple[str, int, int]:
    """(dnr, the marked yttrande's number, the letter's number)."""
    dnr = hjalp.registrera(
        system,
        "tjansteutlatande",
        {"arendemening": "Ansökan om bistånd"},
        registreringsdatum=date(2026, 11, 2),
        sammantrade=date(2026, 12, 15),
    )
    hemlig = inkommen(system, dnr, "yttrande.docx", docx(STYCKEN), "Yttrande")
    brev = inkommen(system, dnr, "brev.docx", docx(["Ett brev", "utan hemligheter"]), "Brev")
    system.utfor(
        MarkeraSekretess(
            aktor=REGISTRATOR, dnr=Diarienummer.tolka(dnr), nummer=hemlig, bestammelse=BESTAMMELSE
        )
    )
    return dnr, hemlig, brev


def registrera_begaran(
    system: hjalp.System, dnr: str, handlingar: list[int], **andrat: object
) -> int:
    falt: dict[str, object] = {
        "aktor": REGISTRATOR,
        "nyckel": hjalp.nyckel("begaran"),
        "dnr": Diarienummer.tolka(dnr),
        "mottagen": tid("2026-11-23 09:30"),
        "handlingar": handlingar,
    } | andrat
    [h] = system.utfor(RegistreraBegaran(**falt))  # type: ignore[arg-type]
    assert isinstance(h, BegaranRegistrerad)
    return h.nummer
