"""Loading the kommun's reference data: an upsert, so loading the same file twice is harmless."""

from arende.domain.kvalitetsutmarkelse import Utmarkelsear
from arende.domain.organisation import Namnd, Person
from arende.domain.paminnelser import kontrollera_epost
from arende.domain.sammantradesplan import planer_per_ar
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
            uow.planer.spara_justeringsdagar(namnd.namn, namnd.justeringsdagar)
            for plan in planer_per_ar(namnd.namn, namnd.sammantraden, namnd.sammantradestider):
                uow.planer.spara(plan)
        for person in personer:
            if person.epost:  # a mistyped address would swallow every reminder to the person
                kontrollera_epost(person.epost, person.namn)
            uow.grunddata.spara_person(person)
        for ar in utmarkelsear:
            uow.grunddata.spara_utmarkelsear(ar)
        uow.commit()
