"""Expediering of a decided ärende, started by the sammanträde once its justering is
anslagen: the protokollsutdrag goes to its recipients and the ärende is closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from prefect import flow

from arende.domain.datum import svenskt_datum
from arende.domain.diarienummer import Diarienummer
from arende.service_layer.expediering import expedieras_till
from arende.service_layer.kommandon import Avsluta, Expediera
from flows.arendesteg import fortsatt, rubrik, system, utfor
from flows.formular import ExpedieringSvar
from flows.fraga import Avisering, behoriga, fraga
from flows.handlingar import publicera_vantande

FLODE = "expediering"


@flow(name=FLODE, log_prints=True)
def expediering(dnr: str) -> str:
    """Expediera nämndens beslut i ärendet och avsluta det.

    Args:
        dnr: Ärendets diarienummer.
    """
    d = Diarienummer.tolka(dnr)
    arende = fortsatt(dnr, "expediering")
    mottagare = expedieras_till(system().uow(), system().beroenden, dnr)
    fraga(
        ExpedieringSvar,
        "expediering",
        rubrik(arende, "Bekräfta expedieringen")
        + "Skicka protokollsutdraget till mottagarna och bekräfta här"
        + (
            f"; det ska vara framme senast den {svenskt_datum(arende.sista_dag)}."
            if arende.sista_dag
            else "."
        ),
        lambda s, akt: [
            utfor(akt.kommando(Expediera, dnr=d, datum=s.datum, mottagare=s.mottagare)),
            utfor(
                replace(akt.kommando(Avsluta, dnr=d, datum=s.datum), nyckel=f"{akt.nyckel}-avslut")
            ),
        ],
        avisering=Avisering(f"Expediera beslutet i {dnr}", behoriga(arende.namnd, Expediera)),
        mottagare=mottagare,
        datum=date.today(),
    )
    arende = fortsatt(dnr, "expediering")
    print(f"{arende.dnr} {arende.titel}: {arende.skede}.")
    publicera_vantande()
    return str(arende.dnr)
