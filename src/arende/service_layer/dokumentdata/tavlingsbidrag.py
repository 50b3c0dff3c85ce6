"""The facts the application document (templates/tavlingsbidrag.docx) is written from.

As in tjansteutlatande.py, the template only places values: headings, the table of contents and the
paragraphs of every answer are built here, so a kommun's own template needs no logic.
Laid out like seed 003: title, Innehållsförteckning, Administrativa uppgifter, Inledning,
then each section with its numbered questions and answers.
"""

from __future__ import annotations

from typing import Any

from arende.domain.datum import svenskt_datum
from arende.domain.tavlingsbidrag import Tavlingsbidrag
from arende.service_layer.dokumentdata.text import stycken


def tavlingsbidrag(
    bidrag: Tavlingsbidrag,
    *,
    forvaltning: str = "",
    handlaggare: str = "",
    telefon: str = "",
) -> dict[str, Any]:
    """Data for templates/tavlingsbidrag.docx. An unanswered question is printed with
    "Ej besvarad." so a draft can be read, but only a complete bidrag can be submitted."""
    batteri = bidrag.fragebatteri
    adm = bidrag.administrativa.som_dict() if bidrag.administrativa else {}
    administrativa = [
        {"rubrik": f.rubrik, "stycken": stycken(adm.get(f.nyckel, "")) or ["Ej ifylld."]}
        for f in batteri.administrativa_falt
    ]
    avsnitt = [
        {
            "rubrik": a.rubrik,
            "fragor": [
                {
                    "nummer": f.nummer,
                    "rubrik": f.rubrik,
                    "stycken": stycken(bidrag.svar.get(f.nummer, "")) or ["Ej besvarad."],
                }
                for f in a.fragor
            ],
        }
        for a in batteri.avsnitt
    ]
    innehall = [batteri.administrativa_rubrik, batteri.inledning_rubrik]
    for a in batteri.avsnitt:
        innehall.append(a.rubrik)
        innehall.extend(f.rubrik for f in a.fragor)
    kvitto = bidrag.kvitto
    return {
        "ar": batteri.ar,
        "verksamhet": bidrag.verksamhet,
        "titel": f"Kvalitetsutmärkelsen {batteri.ar} {bidrag.verksamhet}",
        "forvaltning": forvaltning,
        "handlaggare": handlaggare,
        "telefon": telefon,
        "status": bidrag.status.value,
        "godkant": (
            f"Godkänt av {bidrag.godkant_av} den {svenskt_datum(bidrag.godkant_datum)}."
            if bidrag.godkant_av and bidrag.godkant_datum
            else ""
        ),
        "kvitto": kvitto.text() if kvitto else "",
        "innehall": innehall,
        "administrativa_rubrik": batteri.administrativa_rubrik,
        "administrativa": administrativa,
        "inledning_rubrik": batteri.inledning_rubrik,
        "inledning": stycken(bidrag.inledning) or ["Ej ifylld."],
        "avsnitt": avsnitt,
    }
