"""The one runner: every command, of a person or of the system, is taken here.

In one transaction it locks the command's aggregate (the ärende's row, the sammanträde's
row), looks up the step key (a command given again under its key returns the events it
returned the first time, or is refused the same way, without being judged anew), checks the
actor (the role the command asks for and membership of the aggregate's nämnd), calls the
handler (hanterare/), recomputes the frister of every ärende it changed, stores the key with
the events, and commits. A refusal rolls all of that back and is itself evidence: it is
logged, and stored under its key, in a transaction of its own.

After the commit, the events go to the ärendetyper's reactions (regler.py): an ärendetyp
may declare that the system takes a step of its own after, say, a bifall. Each reaction is
a command of the system's, taken here like any other, under a key made from the event, so a
replay finds it taken.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from typing import Any

from arende.domain.datum import svenskt_datum
from arende.domain.fel import ArendeFel, BehorighetSaknas, SamtidigAndring
from arende.domain.handelser import BeslutFattat, Handelse, ReaktionAvvisad
from arende.service_layer import frister
from arende.service_layer.dokumentdata.text import genitiv
from arende.service_layer.hanterare import HANTERARE
from arende.service_layer.kommandon import (
    SYSTEMET,
    SYSTEMROLL,
    Besluta,
    Gallringskommando,
    Kommando,
    Sammantradeskommando,
)
from arende.service_layer.ports import UnitOfWork, Utfort
from arende.service_layer.regler import regler_for
from arende.service_layer.steg import (
    REGISTRERING,
    Beroenden,
    Steg,
    sammantradesnamn,
    som_json,
)


class Utforare:
    def __init__(self, uow: Callable[[], UnitOfWork], beroenden: Beroenden) -> None:
        self.uow = uow
        self.beroenden = beroenden

    def __call__(self, kommando: Kommando) -> list[Handelse]:
        """Take the command; returns its events (and its reactions' events)."""
        try:
            handelser = self._ta(kommando)
        except SamtidigAndring:
            # Someone took the same step (or the same number) at the same moment: the
            # second try finds what they did under the key.
            handelser = self._ta(kommando)
        return handelser + self._reagera(handelser, kommando.flodeskorning)

    # -- one command, one transaction ---------------------------------------------------------

    def _ta(self, kommando: Kommando) -> list[Handelse]:
        with self.uow() as uow:
            steg = Steg(uow, kommando, self.beroenden)
            try:
                steg.las()
            except ArendeFel as fel:
                # An unknown dnr names nothing to log against; a sammanträde step names the
                # nämnd and day it was asked for, and its refusal is logged with them.
                if isinstance(kommando, Sammantradeskommando):
                    uow.rollback()
                    steg.aggregat = sammantradesnamn(kommando.namnd.strip(), kommando.datum)
                    self._avvisa(steg, fel)
                raise
            if kommando.nyckel:
                tidigare = uow.kommandon.hamta(steg.aggregat, kommando.nyckel)
                if tidigare is not None:
                    if tidigare.ok:
                        return list(tidigare.handelser)
                    raise ArendeFel(tidigare.meddelande)
            try:
                self._kontrollera_aktor(steg)
                HANTERARE[type(kommando)](kommando, steg)
                for dnr in steg.rorda:
                    frister.berakna_och_spara(uow, dnr, self.beroenden, kommando.flodeskorning)
                if kommando.nyckel:
                    uow.kommandon.registrera(
                        steg.aggregat, kommando.nyckel, Utfort(True, "", tuple(steg.handelser))
                    )
            except SamtidigAndring:
                raise
            except ArendeFel as fel:
                uow.rollback()
                self._avvisa(steg, fel)
                raise
            uow.commit()
            return steg.handelser

    def _kontrollera_aktor(self, steg: Steg) -> None:
        """The role the command asks for, and membership of the aggregate's nämnd."""
        k = steg.kommando
        if k.inloggning is not None and k.inloggning.namn != k.aktor:
            raise BehorighetSaknas(
                f"{k.inloggning.namn} är inloggad och får inte {k.handling} i {k.aktor}s namn."
            )
        if k.kraver_farsk_inloggning:
            if k.inloggning is None:
                raise BehorighetSaknas(
                    f"Bara den som är inloggad får {k.handling}: logga in och svara igen."
                )
            k.inloggning.kontrollera_farsk(k.handling)
        if steg.aktor == SYSTEMET:
            if not k.systemet_far:
                raise BehorighetSaknas(f"Systemet får inte {k.handling} på egen hand.")
            steg.roll = SYSTEMROLL
            return
        if not k.aktor_ur_registret:
            return  # who she is, the aggregate says (the ordförande of the meeting)
        person = steg.uow.grunddata.person(k.aktor)
        roller = k.behoriga()
        steg.person, steg.aktor = person, person.namn
        steg.roll = person.roll_for(roller, k.handling).value if roller is not None else ""
        assert steg.namnd is not None
        person.kontrollera_tillhorighet(steg.namnd.namn, k.handling, _vad(steg))

    def _avvisa(self, steg: Steg, fel: ArendeFel) -> None:
        """Log the refusal, and keep it under the key so a replay is refused the same way."""
        k = steg.kommando
        with self.uow() as uow:
            if k.nyckel:
                try:
                    uow.kommandon.registrera(steg.aggregat, k.nyckel, Utfort(False, fel.meddelande))
                except SamtidigAndring:
                    return  # a concurrent run refused (or took) it under the same key
            innehall: dict[str, Any] = {
                "utfall": "avvisad",
                "meddelande": fel.meddelande,
                "begärt": som_json(k.begart()),
            }
            if isinstance(k, Sammantradeskommando):
                namnd = steg.namnd.namn if steg.namnd else k.namnd.strip()
                innehall |= {"nämnd": namnd, "sammanträde": k.datum.isoformat()}
            if isinstance(k, Gallringskommando) and steg.namnd is not None:
                innehall["nämnd"] = steg.namnd.namn
            if k.inloggning is not None:
                innehall["inloggning"] = k.inloggning.som_logg()
            uow.logg.skriv(
                dnr=self._avvisad_dnr(uow, steg),
                handling=k.handling,
                aktor=steg.aktor,
                roll=steg.roll,
                flodeskorning=k.flodeskorning,
                innehall=innehall,
            )
            uow.commit()

    @staticmethod
    def _avvisad_dnr(uow: UnitOfWork, steg: Steg) -> str | None:
        """The ärende whose history the refusal belongs in, if it names one that exists."""
        k = steg.kommando
        if isinstance(k, Besluta):
            try:
                return str(uow.arenden.hamta(k.arende).dnr)
            except ArendeFel:  # a dnr that does not exist was what was refused
                return None
        if isinstance(k, Sammantradeskommando | Gallringskommando) or steg.aggregat == REGISTRERING:
            return None
        return steg.aggregat

    # -- the ärendetyper's reactions ----------------------------------------------------------

    def _reagera(self, handelser: list[Handelse], flodeskorning: str | None) -> list[Handelse]:
        """The reactions to the events, taken in the flow run of the command that caused
        them: the audit log links the system's step to the run that made it happen."""
        ut: list[Handelse] = []
        for handelse in handelser:
            if not isinstance(handelse, BeslutFattat):
                continue
            typ = self.beroenden.typer.get(handelse.arendetyp)
            if typ is None:
                continue
            for reaktion in typ.reaktioner:
                if handelse.utfall not in reaktion.vid:
                    continue
                with self.uow() as uow:
                    arende = uow.arenden.hamta(str(handelse.dnr))
                regler = regler_for(typ, self.beroenden.regler)
                kommando = dataclasses.replace(
                    regler.atgard(
                        reaktion.atgard, arende, _reaktionsnyckel(reaktion.atgard, handelse)
                    ),
                    flodeskorning=flodeskorning,
                )
                try:
                    ut += self(kommando)
                except ArendeFel as fel:  # logged in the ärende's history; the beslut stands
                    ut.append(ReaktionAvvisad(handelse.dnr, reaktion.atgard, fel.meddelande))
        return ut


def _reaktionsnyckel(atgard: str, handelse: Handelse) -> str:
    """The same event always gives the same key: a replay finds the reaction taken."""
    return f"reaktion:{atgard}:{hashlib.sha256(repr(handelse).encode()).hexdigest()[:16]}"


def _vad(steg: Steg) -> str:
    """What the command acts on, as a refusal names it."""
    k = steg.kommando
    assert steg.namnd is not None
    if isinstance(k, Sammantradeskommando):
        return f"vid {genitiv(steg.namnd.namn)} sammanträde den {svenskt_datum(k.datum)}"
    if steg.aggregat == REGISTRERING:
        return f"i {genitiv(steg.namnd.namn)} diarium"
    if isinstance(k, Gallringskommando):
        return f"i {genitiv(steg.namnd.namn)} arkiv"
    return f"i {steg.aggregat}"
