"""Loading the kommun's reference data: an upsert, so loading the same file twice is harmless."""

from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.organisation import Namnd, Person
from arende.service_layer.ports import UnitOfWork


def las_in_grunddata(
    uow: UnitOfWork,
    namnder: list[Namnd],
    personer: list[Person],
    utmarkelsear: list[Utmarkelsear],
) -> None:
    with uow:
        for namnd in namnder:
            uow.grunddata.spara_namnd(namnd)
        for person in personer:
            uow.grunddata.spara_person(person)
        for ar in utmarkelsear:
            uow.grunddata.spara_utmarkelsear(ar)
        uow.commit()
