"""The organisation around an ärende: nämnder and the persons who act in them."""

from dataclasses import dataclass
from datetime import date, time

from arende.domain.delegation import Delegationspunkt
from arende.domain.fel import BehorighetSaknas
from arende.domain.roller import Roll
from arende.domain.sammantrade.narvaro import Ledamot


@dataclass(frozen=True)
class Namnd:
    namn: str
    diarieprefix: str
    forvaltning: str
    protokoll_forvaras: str = ""  # where the protokoll is kept, as the anslag says it
    sammantradeslokal: str = ""  # where the nämnd meets, as the kallelse says it
    # Days the nämnd allows for justering (kommunallagen 5 kap. 69 §: at most 14).
    justeringsdagar: int = 14
    # The sammanträdesplan as read from the grunddata file, all years. It is stored in its own
    # table and read back through uow.planer; uow.grunddata.namnd() leaves it empty.
    sammantraden: tuple[date, ...] = ()
    # When those meetings begin (Swedish time), for the dates the plan gives a time.
    sammantradestider: tuple[tuple[date, time], ...] = ()
    # The elected ledamöter and ersättare: who may be present, tjänstgöra and vote.
    ledamoter: tuple[Ledamot, ...] = ()
    # The nämnd's delegationsordning (kommunallagen 6 kap. 37 §): who decides what on its
    # behalf, read from grunddata and checked against 6 kap. 38–39 §§ there.
    delegationsordning: tuple[Delegationspunkt, ...] = ()


@dataclass(frozen=True)
class Person:
    namn: str
    roller: frozenset[Roll]
    telefon: str = ""
    epost: str = ""
    avdelning: str = ""
    titel: str = ""
    namnd: str | None = None

    def roll_for(self, tillatna: frozenset[Roll], handling: str) -> Roll:
        """The role under which this person may do the action, or a refusal saying who may."""
        for roll in Roll:
            if roll in tillatna and roll in self.roller:
                return roll
        vilka = " eller ".join(sorted(r.value for r in tillatna))
        har = ", ".join(sorted(r.value for r in self.roller)) or "ingen roll"
        raise BehorighetSaknas(
            f"{self.namn} får inte {handling}: det får bara en {vilka} göra "
            f"({self.namn} har rollen {har})."
        )

    def kontrollera_tillhorighet(self, namnd: str, handling: str, vad: str) -> None:
        """A person acts in her own nämnd's matters: a handläggare or chef of another
        förvaltning may not register, prepare or fastställa them. `vad` names what is acted
        on, with its preposition ('i SoN 2008/1', 'vid Socialtjänstnämndens sammanträde den
        13 maj 2008')."""
        if self.namnd is not None and self.namnd.casefold() == namnd.casefold():
            return
        var = (
            f"{self.namn} hör till {self.namnd}"
            if self.namnd
            else f"{self.namn} hör inte till någon nämnd i personregistret"
        )
        raise BehorighetSaknas(
            f"{self.namn} får inte {handling} {vad}: det hör till {namnd}, och {var}."
        )
