"""When Socialtjänstnämndens sammanträde on 13 May 2008 began and ended: the kallelse gives
the time of the sammanträdesplan, the meeting is opened and closed at the times the
nämndsekreterare gives, and the protokoll says "Tid: Tisdagen den 13 maj 2008 kl.
18.05–19.30"; an end before the start is refused and nothing is drawn up. The nämnd's
calendar shows the meeting as held. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from arende.adapters.ical import till_ics
from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import OgiltigUppgift
from arende.domain.sammantrade.mote import Sammantradesstatus
from arende.domain.skeden import Utfall
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from arende.service_layer.kalenderexport import kalender
from tests import hjalp, seed000
from tests.hjalp import NAMND, sammantradeskommando

MOTE = date(2008, 5, 13)


def texten(system: Arendesystem, fil: str) -> list[str]:
    return system.dokument.mallar.som_markdown(system.arkiv.las(fil)).splitlines()


def test_tiden_fran_planen_till_protokollet(system: Arendesystem, tmp_path: Path) -> None:
    dnr = seed000.registrera(system)
    seed000.till_faststallt(system, dnr)
    system.utfor(sammantradeskommando(k.Kalla, MOTE, utskick=MOTE - timedelta(days=7)))
    (kallelse,) = (tmp_path / "arkiv").rglob("kallelse-v1.docx")
    # grunddata.toml: klockan = "18:00" in Socialtjänstnämnden's plan for 2008.
    assert (
        "Ledamöter och ersättare i Socialtjänstnämnden kallas till sammanträde tisdagen den "
        "13 maj 2008 kl. 18.00." in texten(system, str(kallelse.relative_to(tmp_path / "arkiv")))
    )

    ordf, justerare = hjalp.ordforande_och_justerare(system)
    system.utfor(
        sammantradeskommando(
            k.Oppna,
            MOTE,
            narvaro=hjalp.narvaro(system),
            ordforande=ordf,
            justerare=[justerare],
            justering_forsta=MOTE + timedelta(days=1),
            justering_sista=MOTE + timedelta(days=14),
            borjade="18:05",
        )
    )
    system.utfor(sammantradeskommando(k.Besluta, MOTE, arende=dnr, utfall=Utfall.BIFALL))
    fore = visningar.sammantrade(system.uow(), NAMND, MOTE)
    with pytest.raises(
        OgiltigUppgift, match="kan inte ha avslutats kl. 17.00: det började kl. 18.05"
    ):
        system.utfor(
            sammantradeskommando(
                k.Stang, MOTE, upprattat=MOTE + timedelta(days=1), avslutades="17:00"
            )
        )
    assert visningar.sammantrade(system.uow(), NAMND, MOTE) == fore
    assert visningar.protokoll(system.uow(), NAMND, MOTE) is None

    system.utfor(
        sammantradeskommando(k.Stang, MOTE, upprattat=MOTE + timedelta(days=1), avslutades="19.30")
    )
    fil = visningar.protokoll(system.uow(), NAMND, MOTE)
    s = visningar.sammantrade(system.uow(), NAMND, MOTE)
    assert fil is not None and s is not None and s.status is Sammantradesstatus.AVSLUTAT
    assert (s.borjade, s.avslutades) == (time(18, 5), time(19, 30))
    text = texten(system, fil.fil)
    assert "Protokoll fört vid sammanträde med Socialtjänstnämnden" in text
    assert "Tid: Tisdagen den 13 maj 2008 kl. 18.05–19.30" in text

    # The nämnd's calendar now shows the meeting as it was held, no longer as planned.
    ics = till_ics(kalender(system.uow(), namnd=NAMND), datetime(2008, 5, 14, tzinfo=STOCKHOLM))
    (hallet,) = [
        e
        for e in Calendar.from_ical(ics).walk("VEVENT")
        if str(e["uid"]).startswith(f"sammantrade-SoN-{MOTE.isoformat()}@")
    ]
    assert hallet.decoded("dtstart") == datetime(2008, 5, 13, 18, 5, tzinfo=STOCKHOLM)
    assert hallet.decoded("dtend") == datetime(2008, 5, 13, 19, 30, tzinfo=STOCKHOLM)
