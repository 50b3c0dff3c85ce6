"""Issue 18 through the one runner: a late arrival, a jäv with an ersättare called in by
grunddata's order, a refused vote by the jävig, a reservation whose written motivation
comes in after the meeting (the protokoll is drawn up again) and is refused once the
justering has begun. Each step is in the audit log; a refused one changes nothing."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime
from typing import Any

import pytest

from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import ArendeFel
from arende.domain.handling import Handlingstyp
from arende.domain.sammantrade.deltagande import Javsanmalan
from arende.domain.sammantrade.omrostning import Omrostning, Rostval, Yrkande
from arende.domain.sammantrade.reservation import Anteckningsslag, Reservation
from arende.domain.skeden import Utfall
from arende.service_layer import handlingar, visningar
from arende.service_layer import kommandon as k
from tests import hjalp
from tests.conftest import FastKlocka
from tests.integration.test_sammantrade_i_databasen import (  # noqa: F401 (fixture)
    LEDAMOTER,
    MOTE,
    ORDF,
    docx_text,
    fem,
    oppna,
    protokollet,
    sammantrade,
    utfor,
)

JAVIG = "Cecilia Holst"  # (L): no L ersättare present, so the order decides


def test_jav_reservation_och_sen_ankomst_genom_kommandona(
    system: Arendesystem,
    fem: dict[str, str],  # noqa: F811 (the fixture imported above)
) -> None:
    korning = str(uuid.uuid4())

    def steg(typ: type[Any], **data: Any) -> Any:
        return utfor(system, typ, flodeskorning=korning, **data)

    system.klocka = FastKlocka(date(2008, 5, 6))
    steg(k.Kalla)
    system.klocka = FastKlocka(MOTE)
    oppna(system)

    # Tomas Rydén (MP) arrives: he takes his seat back from Fatima Karimi (V).
    steg(k.AndraNarvaro, ankommer=["Tomas Rydén"], klockan="18:20")
    s = sammantrade(system)
    assert "Tomas Rydén" in s.tjanstgorande and "Fatima Karimi" not in s.tjanstgorande

    # A vote by the jävig is refused and changes nothing.
    fore = sammantrade(system)
    deltar = [n for n in (*LEDAMOTER, "Tomas Rydén") if n != JAVIG]
    jav = [Javsanmalan(JAVIG, "intressejäv: styrelseledamot i hyresvärden")]
    with pytest.raises(ArendeFel, match=f"{JAVIG} är jävig"):
        steg(
            k.Besluta,
            arende=fem["riktlinjer"],
            utfall=Utfall.BIFALL,
            jav=jav,
            omrostning=Omrostning(
                "förvaltningens förslag", "avslag", tuple((n, Rostval.JA) for n in [*deltar, JAVIG])
            ),
        )
    assert sammantrade(system) == fore

    steg(
        k.Besluta,
        arende=fem["riktlinjer"],
        utfall=Utfall.BIFALL,
        jav=jav,
        yrkanden=[Yrkande(1, ORDF, "bifall till förvaltningens förslag")],
        reservationer=[
            Reservation(Anteckningsslag.RESERVATION, "Hassan Yilmaz", "till förmån för avslag")
        ],
    )
    p = sammantrade(system).paragraf(2)
    assert p is not None and p.deltagande is not None
    # Grunddata's order: no L ersättare is present, so the lowest `ordning` among those
    # listening is called in: Fatima Karimi (1), relieved when Tomas Rydén arrived, before
    # Olle Strand (2).
    assert p.deltagande.jav[0].ersatt_av == "Fatima Karimi"
    assert JAVIG not in p.deltagande.deltar and "Fatima Karimi" in p.deltagande.deltar
    (utdrag,) = [
        h
        for h in handlingar.handlingar(system.uow(), fem["riktlinjer"])
        if h.typ is Handlingstyp.PROTOKOLLSUTDRAG
    ]
    utdragstext = docx_text(system, utdrag.fil)
    assert "Hassan Yilmaz (S) reserverar sig mot beslutet till förmån för avslag." in utdragstext
    assert f"{JAVIG} (L) anmäler jäv" in utdragstext

    for namn in ("nominering", "remiss", "anmalan-1", "anmalan-2"):
        steg(k.Besluta, arende=fem[namn], utfall=Utfall.BIFALL)
    steg(k.Stang)
    forsta = protokollet(system)

    # The written motivation comes in two days later, before anyone has signed: the
    # protokoll is drawn up again with it.
    system.klocka = FastKlocka(date(2008, 5, 15))
    steg(k.MotiveraReservation, paragraf=2, av="hassan yilmaz", motivering="Hyran är för hög.")
    andra = protokollet(system)
    assert andra.sha256 != forsta.sha256
    text = docx_text(system, andra.fil)
    for rad in (
        "Tomas Rydén (MP) ankommer kl. 18.20 och är närvarande från § 2.",
        "Fatima Karimi (V) upphör att tjänstgöra från § 2.",
        f"{JAVIG} (L) anmäler jäv (intressejäv: styrelseledamot i hyresvärden). Nämnden "
        f"finner att {JAVIG} är jävig.",
        "Fatima Karimi (V) tjänstgör i Cecilia Holsts ställe.",
        "Hassan Yilmaz (S) reserverar sig mot beslutet till förmån för avslag och anför "
        "följande: Hyran är för hög.",
        "I beslutet deltar Karin Ekblad (M), ",
    ):
        assert rad in text, rad
    # The protokollsutdrag too: its next version, with the motivation; the first one stays.
    utdragen = [
        h
        for h in handlingar.handlingar(system.uow(), fem["riktlinjer"])
        if h.typ is Handlingstyp.PROTOKOLLSUTDRAG
    ]
    assert [(h.nummer, h.version) for h in utdragen] == [(utdrag.nummer, 1), (utdrag.nummer, 2)]
    assert "och anför följande: Hyran är för hög." in docx_text(system, utdragen[-1].fil)
    assert "Hyran är för hög." not in docx_text(system, utdragen[0].fil)

    # Once the justering has begun, a motivation is refused, logged, and changes nothing.
    system.klocka = FastKlocka(date(2008, 5, 20))
    steg(
        k.Signera,
        aktor=ORDF,
        inloggning=hjalp.inloggning(ORDF),
        tidpunkt=datetime(2008, 5, 20, 10, 5, tzinfo=STOCKHOLM),
        protokoll_sha256=andra.sha256,
    )
    with pytest.raises(ArendeFel, match="Justeringen av protokollet har börjat"):
        steg(k.MotiveraReservation, paragraf=2, av="Hassan Yilmaz", motivering="Igen.")
    assert protokollet(system) == andra

    with system.uow() as uow:
        logg = [(e.handling, e.innehall.get("utfall")) for e in uow.logg.for_korning(korning)]
    for post in [
        ("registrera ändrad närvaro", "utförd"),
        ("registrera nämndens beslut", "avvisad"),
        ("registrera en skriftlig reservation", "utförd"),
        ("registrera en skriftlig reservation", "avvisad"),
    ]:
        assert post in logg, post
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)


def test_sluten_omrostning_i_val_lika_avgors_genom_lottning(system: Arendesystem) -> None:
    """A val (the ärendetyp says so) voted closed, 5–5 with one blank: the draw, from a
    seeded source here, decides, and the protokoll shows counts and the draw, no names."""
    system.klocka = FastKlocka(date(2008, 4, 23))
    val = hjalp.registrera(
        system,
        "valarende",
        {
            "uppdrag": "ombud vid Stiftelsen Hemgårdens stämma",
            "period": "tiden till och med den 31 december 2010",
        },
        registreringsdatum=date(2008, 4, 21),
    )
    system.lottning = lambda alternativ: random.Random(13).choice(list(alternativ))
    forvantat = random.Random(13).choice([Rostval.JA, Rostval.NEJ])
    system.klocka = FastKlocka(date(2008, 5, 6))
    utfor(system, k.Kalla)
    punkt = sammantrade(system).dagordning.punkter[0]  # type: ignore[union-attr]
    assert punkt.dnr == val and punkt.val_eller_anstallning
    system.klocka = FastKlocka(MOTE)
    oppna(system)
    utfor(
        system,
        k.Besluta,
        arende=val,
        utfall=Utfall.BIFALL,
        beslutstext="Till ombud väljs den kandidat som lotten föll på.",
        yrkanden=[
            Yrkande(1, ORDF, "att Anders Palmér (M) väljs"),
            Yrkande(2, "Hassan Yilmaz", "att Maria Öberg (S) väljs"),
        ],
        omrostning=Omrostning(
            "Anders Palmér (M)", "Maria Öberg (S)", sluten=True, ja_roster=5, nej_roster=5, blanka=1
        ),
    )
    p = sammantrade(system).paragraf(2)
    assert p is not None and p.omrostning is not None
    assert p.omrostning.lottning is forvantat and p.omrostning.resultat.lottning
    assert p.deltagande is not None and len(p.deltagande.deltar) == 11
    utfor(system, k.Stang)
    text = docx_text(system, protokollet(system).fil)
    assert "Sluten omröstning begärs och verkställs." in text
    assert (
        "Vid den slutna omröstningen avges 5 ja-röster och 5 nej-röster; 1 röstsedel är "
        "blank." in text
    )
    vinnare = "Anders Palmér (M)" if forvantat is Rostval.JA else "Maria Öberg (S)"
    assert f"Lotten faller på {forvantat.value}-propositionen, bifall till {vinnare}." in text
    assert "Karin Ekblad · M" not in text  # no names in a closed vote


def test_reglementets_justeringsfrist_galler_vid_oppnandet(
    system: Arendesystem,
    fem: dict[str, str],  # noqa: F811 (the fixture imported above)
) -> None:
    """The nämnd's reglemente (grunddata's justeringsdagar) allows seven days: a justering
    set to end on the fourteenth is refused, and the refusal changes nothing."""
    with system.uow() as uow:
        uow.planer.spara_justeringsdagar(hjalp.NAMND, 7)
        uow.commit()
    system.klocka = FastKlocka(date(2008, 5, 6))
    utfor(system, k.Kalla)
    system.klocka = FastKlocka(MOTE)
    fore = sammantrade(system)
    with pytest.raises(ArendeFel, match="inom 7 dagar.*senast den 20 maj 2008.*reglemente"):
        oppna(system, justering_sista=date(2008, 5, 27))
    assert sammantrade(system) == fore
    oppna(system, justering_sista=date(2008, 5, 20))
