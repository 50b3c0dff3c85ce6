"""The tävlingsbidrag as a form or a list shows them: each unit's bidrag, what it still
lacks, and its registered application."""

from __future__ import annotations

from dataclasses import dataclass

from arende.domain.datum import svenskt_datum
from arende.domain.handling import Handling, Handlingstyp
from arende.domain.tavlingsbidrag import Fullstandighet, Tavlingsbidrag
from arende.service_layer.hanterare.tavlingsbidrag import handlingstitel
from arende.service_layer.ports import ImporteradPlan, UnitOfWork


@dataclass(frozen=True)
class Bidragsoversikt:
    """One unit's bidrag as a form or a list shows it."""

    bidrag: Tavlingsbidrag
    kontaktperson: str | None
    fullstandighet: Fullstandighet
    plan: ImporteradPlan | None  # the latest verksamhetsplan imported for the unit

    @property
    def verksamhet(self) -> str:
        return self.bidrag.verksamhet

    @property
    def status(self) -> str:
        return self.bidrag.status.value

    @property
    def komplett(self) -> bool:
        return self.fullstandighet.komplett

    @property
    def antal_besvarade(self) -> int:
        return len(self.bidrag.fragebatteri.fragor) - len(self.fullstandighet.obesvarade)

    def beskrivning(self) -> str:
        b = self.bidrag
        rad = (
            f"{b.verksamhet}: {b.status.value}, {self.antal_besvarade} av "
            f"{len(b.fragebatteri.fragor)} frågor besvarade; sista dag "
            f"{svenskt_datum(b.sista_dag)}."
        )
        if b.kvitto:
            return f"{rad} {b.kvitto.text()}"
        return f"{rad} {self.fullstandighet.beskrivning()}"


def tavlingsbidrag_for(uow: UnitOfWork, dnr: str) -> list[Bidragsoversikt]:
    """The ärende's bidrag in the nomination's order, with what each still lacks."""
    with uow:
        uow.arenden.hamta(dnr)  # a Swedish HittasInte for an unknown dnr
        return [
            Bidragsoversikt(
                lb.bidrag,
                lb.kontaktperson,
                lb.bidrag.fullstandighet(),
                uow.tavlingsbidrag.senaste_plan(dnr, lb.bidrag.verksamhet),
            )
            for lb in uow.tavlingsbidrag.for_arende(dnr)
        ]


def handling_for(uow: UnitOfWork, dnr: str, verksamhet: str) -> Handling | None:
    """The unit's registered bidrag (latest version), e.g. to make its PDF."""
    with uow:
        bidrag = uow.tavlingsbidrag.hamta(dnr, verksamhet).bidrag
        titel = handlingstitel(bidrag)
        egna = [
            h
            for h in uow.handlingar.for_arende(dnr)
            if h.typ is Handlingstyp.TAVLINGSBIDRAG and h.titel == titel
        ]
        return max(egna, key=lambda h: h.version) if egna else None
