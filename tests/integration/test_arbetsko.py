"""Who sees what in the work queue, and by which date."""

from __future__ import annotations

from datetime import date

from arende.bootstrap import Arendesystem
from arende.domain.skeden import Utfall
from arende.service_layer import handlers as h
from arende.service_layer.arbetsko import vantar_pa
from tests.seed000 import kontext, registrera, till_faststallt


def ko(system: Arendesystem, person: str) -> list[tuple[str, str, date | None]]:
    return [(v.dnr, v.steg, v.senast) for v in vantar_pa(system.uow(), person, system.kalender)]


def test_varje_steg_visas_for_den_som_far_ta_det(system: Arendesystem) -> None:
    dnr = registrera(system)
    # Registered: the handläggare's own ärende waits for beredning, by the award's deadline.
    assert ko(system, "Lena Murray") == [(dnr, "påbörja beredning", date(2008, 5, 19))]
    assert ko(system, "Dag Helin") == [] and ko(system, "Karin Ekström") == []
    h.paborja_beredning(dnr, system.uow(), kontext("Lena Murray", "b"), system.klocka)
    h.registrera_samverkan(
        dnr, date(2008, 5, 6), "", system.uow(), kontext("Lena Murray", "s"), system.klocka
    )
    assert ko(system, "Dag Helin") == [(dnr, "fastställa förslaget till beslut", date(2008, 5, 19))]
    assert ko(system, "Lena Murray") == []
    h.faststall_forslag(
        dnr,
        date(2008, 5, 7),
        ["Dag Helin"],
        system.uow(),
        kontext("Dag Helin", "f"),
        system.klocka,
        dokument=system.dokument,
    )
    h.satt_pa_dagordning(
        dnr,
        date(2008, 5, 13),
        system.uow(),
        kontext("Lena Murray", "d"),
        system.klocka,
        dokument=system.dokument,
    )
    assert ko(system, "Karin Ekström") == [(dnr, "registrera nämndens beslut", date(2008, 5, 13))]
    h.registrera_beslut(
        dnr, Utfall.BIFALL, 45, False, system.uow(), kontext("Karin Ekström", "x"), system.klocka
    )
    # Ordinary justering: within 14 days of Tue 13 May, i.e. Tue 27 May 2008.
    assert ko(system, "Karin Ekström") == [(dnr, "registrera justeringen", date(2008, 5, 27))]
    # Another nämnd's handläggare sees nothing of Socialtjänstnämnden's ärenden.
    assert ko(system, "Therese Bengtsson") == []


def test_det_mest_bradskande_forst(system: Arendesystem) -> None:
    forsta = registrera(system)
    andra = registrera(system)
    till_faststallt(system, andra)
    h.satt_pa_dagordning(
        andra,
        date(2008, 5, 13),
        system.uow(),
        kontext("Lena Murray", "d"),
        system.klocka,
        dokument=system.dokument,
    )
    assert [v.dnr for v in vantar_pa(system.uow(), "Lena Murray", system.kalender)] == [forsta]
    sekreterare = vantar_pa(system.uow(), "Karin Ekström", system.kalender)
    assert [(v.dnr, v.senast) for v in sekreterare] == [(andra, date(2008, 5, 13))]
