"""The anslag: the notice on the anslagstavla that the protokoll with the ärende's decision
is justerat, with the dates the law hangs on it."""

from __future__ import annotations

from typing import Any

from arende.domain.arende import Arende
from arende.domain.datum import svenskt_datum
from arende.domain.kalender import Helgdagskalender, lagstadgade_datum
from arende.service_layer.dokumentdata.text import genitiv
from arende.service_layer.ports import Grunddata


def anslag(
    arende: Arende,
    grunddata: Grunddata,
    kalender: Helgdagskalender,
    underskrift: str,
) -> dict[str, Any]:
    beslut = arende.gallande_beslut
    justering = arende.justering
    if beslut is None or justering is None or arende.anslagsdatum is None:
        raise ValueError("Ett anslag skrivs först när protokollet är justerat och anslaget.")
    namnd = grunddata.namnd(arende.namnd)
    datum = lagstadgade_datum(beslut.sammantrade, justering.datum, arende.anslagsdatum, kalender)
    assert datum.overklagande_slut is not None and datum.anslag_ned_tidigast is not None
    return {
        "namnd": namnd.namn,
        "namnd_genitiv": genitiv(namnd.namn),
        "sammantrade": svenskt_datum(beslut.sammantrade),
        "sammantrade_iso": beslut.sammantrade.isoformat(),
        "paragrafer": f"§ {beslut.paragraf}",
        "justering_iso": justering.datum.isoformat(),
        "justering_not": " (paragrafen omedelbart justerad)" if justering.omedelbar else "",
        "uppsatt_iso": arende.anslagsdatum.isoformat(),
        "nedtas_iso": datum.anslag_ned_tidigast.isoformat(),
        "overklagande_sista_dag": svenskt_datum(datum.overklagande_slut),
        "forvaras": namnd.protokoll_forvaras or namnd.forvaltning,
        "underskrift": underskrift,
    }
