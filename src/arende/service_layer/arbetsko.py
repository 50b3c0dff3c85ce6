"""What is waiting for a person: per ärende the next step, since when it has waited, and by
which date it must be done. The handläggare's, chef's and nämndsekreterare's work queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from arende.domain.kalender import Helgdagskalender, lagstadgade_datum
from arende.domain.organisation import Person
from arende.domain.roller import Roll
from arende.domain.skeden import Skede
from arende.service_layer import kommandon as k
from arende.service_layer.ports import Arbetsrad, Arbetsurval, UnitOfWork

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


def _urval(person: Person) -> Arbetsurval:
    """A handläggare sees the ärenden she handles; other roles those of their nämnd (all
    nämnder for a person of none)."""
    alla = {
        s for s, (_, roller) in NASTA_STEG.items() if (roller - {Roll.HANDLAGGARE}) & person.roller
    }
    egna = {
        s for s, (_, roller) in NASTA_STEG.items() if Roll.HANDLAGGARE in roller & person.roller
    }
    return Arbetsurval(person.namnd, frozenset(alla), frozenset(egna - alla), person.namn)


def _senast(rad: Arbetsrad, kalender: Helgdagskalender) -> tuple[date | None, str]:
    beslutat = rad.beslutets_sammantrade
    if rad.skede is Skede.BESLUTAT and beslutat is not None:
        datum = lagstadgade_datum(beslutat, None, None, kalender)
        return datum.justering_senast, "justering inom 14 dagar (KL 5:69)"
    if rad.skede is Skede.JUSTERAT and beslutat is not None and rad.justeringsdatum is not None:
        datum = lagstadgade_datum(beslutat, rad.justeringsdatum, None, kalender)
        return datum.anslag_senast, "anslag senast andra dagen efter justeringen (KL 8:12)"
    if rad.skede is Skede.PA_DAGORDNING:
        return rad.sammantrade, "nämndens sammanträde"
    if rad.sista_dag is not None:
        return rad.sista_dag, "ärendets sista dag"
    return None, ""


def vantar_pa(uow: UnitOfWork, person_namn: str, kalender: Helgdagskalender) -> list[Vantande]:
    """The open ärenden whose next step this person may take, most urgent first. One read
    for all of them: a kommun has thousands open at once."""
    with uow:
        person = uow.grunddata.person(person_namn)
        oppna = uow.arenden.i_arbetsko(_urval(person))
    rader = []
    for rad in oppna:
        steg, roller = NASTA_STEG[rad.skede]
        senast, varfor = _senast(rad, kalender)
        rader.append(
            Vantande(
                dnr=rad.dnr,
                titel=rad.titel,
                namnd=rad.namnd,
                steg=steg,
                roller=roller,
                sedan=rad.senaste_handelse,
                senast=senast,
                varfor_senast=varfor,
            )
        )
    return sorted(rader, key=lambda v: (v.senast or date.max, v.dnr))
