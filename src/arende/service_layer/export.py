"""Export for e-archiving: one package per ärende with its handlingar, its metadata and its
audit events. Every file is checked against its registered sha256 before anything is
written, so a package never carries a file that differs from the one registered."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.gallring import Informationshanteringsplan
from arende.domain.roller import Roll
from arende.service_layer.ports import UnitOfWork
from arende.service_layer.visningar import kontrollera_filer
from arende.service_layer.visningsportar import Arendeakt, Arkivpaketerare, Filarkivkontroll


def exportera(
    uow: UnitOfWork,
    arkiv: Filarkivkontroll,
    paketerare: Arkivpaketerare,
    ut: Path,
    *,
    dnr: str | None = None,
    ar: int | None = None,
    zip: bool = False,
    av: str | None = None,
    plan: Informationshanteringsplan | None = None,
) -> list[Path]:
    """Write the packages; `av` is the registrator exporting. The export is logged on each
    ärende (who, where, which files with their sha256), and a refused one is logged too."""
    if (dnr is None) == (ar is None):
        raise OgiltigUppgift("Ange antingen --dnr DNR eller --ar ÅR (inte båda).")
    if ut.exists() and not ut.is_dir():
        raise OgiltigUppgift(f"{ut} finns redan och är ingen mapp.")
    with uow:
        if dnr is not None:
            uow.arenden.hamta(dnr)  # an unknown dnr is a Swedish error
            dnrs = [dnr.strip()]
        else:
            assert ar is not None
            dnrs = uow.lasning.dnr_for_ar(ar)
            if not dnrs:
                raise OgiltigUppgift(f"Diariet har inga ärenden från {ar}.")
        roll = _registratorn(uow, av, dnrs)
        tid = datetime.now(UTC)
        akter = [
            Arendeakt(
                arende=uow.arenden.hamta(d),
                handlingar=uow.lasning.handlingar(d),
                handelser=uow.logg.for_arende(d),
                kedjerader=uow.lasning.kedjerader_for_arende(d),
                exporterad=tid,
            )
            for d in dnrs
        ]
    if plan is not None:
        akter = [
            dataclasses.replace(
                akt,
                klassificering=tuple(str(k) for k in plan.klassificering(akt.arende.arendetyp)),
            )
            for akt in akter
        ]
    fel: list[str] = []
    for akt in akter:
        fel += kontrollera_filer(akt.handlingar, arkiv)[1]
    if fel:
        raise OgiltigUppgift(
            "Exporten avbröts, inget skrevs: " + "; ".join(fel) + ". Kör `arende verifiera`."
        )
    finns = [p for akt in akter if (p := paketerare.paketets_sokvag(akt, ut, zip)).exists()]
    if finns:
        raise OgiltigUppgift(
            "Exporten avbröts, inget skrevs: paketet finns redan: "
            + ", ".join(str(p) for p in finns)
            + "."
        )
    paket = [paketerare.skriv(akt, ut, zip) for akt in akter]
    with uow:
        for i, akt in enumerate(akter):  # (`zip` is the option's name here)
            uow.logg.skriv(
                dnr=str(akt.arende.dnr),
                handling=EXPORT,
                aktor=str(av),
                roll=roll,
                flodeskorning=None,
                innehall={
                    "utfall": "utförd",
                    "paket": str(paket[i]),
                    "filer": {h.fil: h.sha256 for h in akt.handlingar if h.gallring is None},
                },
            )
        uow.commit()
    return paket


EXPORT = "exportera för e-arkivering"


def _registratorn(uow: UnitOfWork, av: str | None, dnrs: list[str]) -> str:
    """Only the registrator exports the diarium's records; a refusal is itself logged."""
    if not av or not av.strip():
        raise OgiltigUppgift("Ange vem som exporterar: --som NAMN (registratorn).")
    try:
        person = uow.grunddata.person(av)
        return person.roll_for(frozenset({Roll.REGISTRATOR}), EXPORT).value
    except ArendeFel as fel:
        uow.rollback()
        for d in dnrs:
            uow.logg.skriv(
                dnr=d,
                handling=EXPORT,
                aktor=av,
                roll="",
                flodeskorning=None,
                innehall={"utfall": "avvisad", "meddelande": fel.meddelande},
            )
        uow.commit()
        raise
