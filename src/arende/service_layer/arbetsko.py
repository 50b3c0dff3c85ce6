"""What is waiting for a person: per ärende the next step, since when it has waited, and by
which date it must be done. The handläggare's, chef's and nämndsekreterare's work queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from arende.domain.arende import Arende
from arende.domain.kalender import Helgdagskalender, lagstadgade_datum
from arende.domain.organisation import Person
from arende.domain.roller import Roll
from arende.domain.skeden import Skede
from arende.service_layer.handlers import BEHORIGHET
from arende.service_layer.ports import UnitOfWork

# The step each stage waits for (its name in BEHORIGHET says who may take it).
NASTA_STEG: dict[Skede, str] = {
    Skede.REGISTRERAT: "påbörja beredning",
    Skede.UNDER_BEREDNING: "registrera samverkan",
    Skede.SAMVERKAT: "fastställa förslaget till beslut",
    Skede.FORSLAG_FASTSTALLT: "sätta ärendet på dagordningen",
    Skede.PA_DAGORDNING: "registrera nämndens beslut",
    Skede.BESLUTAT: "registrera justeringen",
    Skede.JUSTERAT: "registrera anslaget",
    Skede.ANSLAGET: "expediera beslutet",
    Skede.EXPEDIERAT: "avsluta ärendet",
}


@dataclass(frozen=True)
class Vantande:
    dnr: str
    titel: str
    namnd: str
    steg: str
    sedan: str  # the time of the ärende's last event, ISO
    senast: date | None
    varfor_senast: str


def _galler(person: Person, arende: Arende, roller: frozenset[Roll]) -> bool:
    """A handläggare sees the ärenden she handles; other roles those of their nämnd."""
    if person.namnd is not None and person.namnd != arende.namnd:
        return False
    if Roll.HANDLAGGARE in roller & person.roller and arende.handlaggare == person.namn:
        return True
    return bool((roller - {Roll.HANDLAGGARE}) & person.roller)


def _senast(arende: Arende, kalender: Helgdagskalender) -> tuple[date | None, str]:
    beslut = arende.gallande_beslut
    if arende.skede is Skede.BESLUTAT and beslut is not None:
        datum = lagstadgade_datum(beslut.sammantrade, None, None, kalender)
        return datum.justering_senast, "justering inom 14 dagar (KL 5:69)"
    if arende.skede is Skede.JUSTERAT and beslut is not None and arende.justering is not None:
        datum = lagstadgade_datum(beslut.sammantrade, arende.justering.datum, None, kalender)
        return datum.anslag_senast, "anslag senast andra dagen efter justeringen (KL 8:12)"
    if arende.skede is Skede.PA_DAGORDNING:
        return arende.sammantrade, "nämndens sammanträde"
    if arende.sista_dag is not None:
        return arende.sista_dag, "nomineringen ska vara hos Stadsledningskontoret"
    return None, ""


def vantar_pa(uow: UnitOfWork, person_namn: str, kalender: Helgdagskalender) -> list[Vantande]:
    """The open ärenden whose next step this person may take, most urgent first."""
    with uow:
        person = uow.grunddata.person(person_namn)
        oppna = [r.dnr for r in uow.arenden.diarium() if r.skede != Skede.AVSLUTAT.value]
        rader = []
        for dnr in oppna:
            arende = uow.arenden.hamta(dnr)
            steg = NASTA_STEG[arende.skede]
            if not _galler(person, arende, BEHORIGHET[steg]):
                continue
            handelser = uow.logg.for_arende(dnr)
            senast, varfor = _senast(arende, kalender)
            rader.append(
                Vantande(
                    dnr=dnr,
                    titel=arende.titel,
                    namnd=arende.namnd,
                    steg=steg,
                    sedan=handelser[-1].tidpunkt if handelser else "",
                    senast=senast,
                    varfor_senast=varfor,
                )
            )
    return sorted(rader, key=lambda v: (v.senast or date.max, v.dnr))
