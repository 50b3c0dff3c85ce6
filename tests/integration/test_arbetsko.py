"""Who sees what in the work queue, and by which date."""

from __future__ import annotations

from datetime import date

from arende.bootstrap import Arendesystem
from arende.domain.skeden import Utfall
from arende.service_layer import kommandon as k
from arende.service_layer.arbetsko import vantar_pa
from tests import hjalp
from tests.seed000 import registrera, till_faststallt


def ko(system: Arendesystem, person: str) -> list[tuple[str, str, date | None]]:
    return [(v.dnr, v.steg, v.senast) for v in vantar_pa(system.uow(), person, system.kalender)]


def kalla(system: Arendesystem) -> None:
    """The kallelse to the sammanträde of 13 May 2008: every ready ärende on its dagordning."""
    system.utfor(hjalp.sammantradeskommando(k.Kalla, utskick=date(2008, 5, 6)))


def test_varje_steg_visas_for_den_som_far_ta_det(system: Arendesystem) -> None:
    dnr = registrera(system)
    d = hjalp.d(dnr)
    # Registered: the handläggare's own ärende waits for beredning, by the award's deadline.
    assert ko(system, "Lena Murray") == [(dnr, "påbörja beredning", date(2008, 5, 19))]
    assert ko(system, "Dag Helin") == [] and ko(system, "Karin Ekström") == []
    system.utfor(k.PaborjaBeredning(aktor="Lena Murray", nyckel=hjalp.nyckel(), dnr=d))
    system.utfor(
        k.RegistreraSamverkan(
            aktor="Lena Murray", nyckel=hjalp.nyckel(), dnr=d, datum=date(2008, 5, 6)
        )
    )
    assert ko(system, "Dag Helin") == [(dnr, "fastställa förslaget till beslut", date(2008, 5, 19))]
    assert ko(system, "Lena Murray") == []
    system.utfor(
        k.FaststallForslag(
            aktor="Dag Helin",
            nyckel=hjalp.nyckel(),
            dnr=d,
            datum=date(2008, 5, 7),
            undertecknare=["Dag Helin"],
        )
    )
    # The kallelse puts it on the dagordning: the nämndsekreterare's, by the meeting.
    assert [(v.dnr, v.steg) for v in vantar_pa(system.uow(), "Karin Ekström", system.kalender)] == [
        (dnr, "kalla till sammanträdet")
    ]
    kalla(system)
    assert ko(system, "Karin Ekström") == [(dnr, "registrera nämndens beslut", date(2008, 5, 13))]
    hjalp.oppna_sammantrade(system)
    system.utfor(hjalp.sammantradeskommando(k.Besluta, arende=dnr, utfall=Utfall.BIFALL))
    # Ordinary justering (the protokoll signed by the ordförande and the justerare): within
    # 14 days of Tue 13 May, i.e. Tue 27 May 2008; the nämndsekreterare sees that it is done.
    assert ko(system, "Karin Ekström") == [(dnr, "justera protokollet", date(2008, 5, 27))]
    # Another nämnd's handläggare sees nothing of Socialtjänstnämnden's ärenden.
    assert ko(system, "Therese Bengtsson") == []


def test_det_mest_bradskande_forst(system: Arendesystem) -> None:
    forsta = registrera(system)
    andra = registrera(system)
    till_faststallt(system, andra)
    kalla(system)
    assert [v.dnr for v in vantar_pa(system.uow(), "Lena Murray", system.kalender)] == [forsta]
    sekreterare = vantar_pa(system.uow(), "Karin Ekström", system.kalender)
    assert [(v.dnr, v.senast) for v in sekreterare] == [(andra, date(2008, 5, 13))]
