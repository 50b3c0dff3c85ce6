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
from arende.service_layer import kommandon as k
from arende.service_layer.ports import UnitOfWork

_SEKRETERARE = frozenset({Roll.NAMNDSEKRETERARE})


def _steg(kommando: type[k.Kommando]) -> tuple[str, frozenset[Roll]]:
    assert kommando.roller is not None
    return kommando.handling, kommando.roller


# The step each stage waits for, and who may take it (the command's own roles). The
# justering is the ordförande's and justerarnas; the nämndsekreterare sees that it is done.
NASTA_STEG: dict[Skede, tuple[str, frozenset[Roll]]] = {
    Skede.REGISTRERAT: _steg(k.PaborjaBeredning),
    Skede.UNDER_BEREDNING: _steg(k.RegistreraSamverkan),
    Skede.SAMVERKAT: _steg(k.FaststallForslag),
    Skede.FORSLAG_FASTSTALLT: _steg(k.Kalla),
    Skede.PA_DAGORDNING: _steg(k.Besluta),
    Skede.BESLUTAT: (k.Signera.handling, _SEKRETERARE),
    Skede.JUSTERAT: _steg(k.Ansla),
    Skede.ANSLAGET: _steg(k.Expediera),
    Skede.EXPEDIERAT: _steg(k.Avsluta),
}


@dataclass(frozen=True)
class Vantande:
    dnr: str
    titel: str
    namnd: str
    steg: str
    roller: frozenset[Roll]  # who may take the step
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
        return arende.sista_dag, "ärendets sista dag"
    return None, ""


def vantar_pa(uow: UnitOfWork, person_namn: str, kalender: Helgdagskalender) -> list[Vantande]:
    """The open ärenden whose next step this person may take, most urgent first."""
    with uow:
        person = uow.grunddata.person(person_namn)
        oppna = [r.dnr for r in uow.arenden.diarium() if r.skede != Skede.AVSLUTAT.value]
        rader = []
        for dnr in oppna:
            arende = uow.arenden.hamta(dnr)
            steg, roller = NASTA_STEG[arende.skede]
            if not _galler(person, arende, roller):
                continue
            handelser = uow.logg.for_arende(dnr)
            senast, varfor = _senast(arende, kalender)
            rader.append(
                Vantande(
                    dnr=dnr,
                    titel=arende.titel,
                    namnd=arende.namnd,
                    steg=steg,
                    roller=roller,
                    sedan=handelser[-1].tidpunkt if handelser else "",
                    senast=senast,
                    varfor_senast=varfor,
                )
            )
    return sorted(rader, key=lambda v: (v.senast or date.max, v.dnr))
