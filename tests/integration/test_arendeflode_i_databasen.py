"""The use cases against real SQLite and real PostgreSQL: storage, idempotency, audit log,
and that every refused input leaves the database exactly as it was."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlmodel import Session, SQLModel

from arende.adapters.tabeller import GranskningsloggRad
from arende.bootstrap import Arendesystem
from arende.domain.arende import Nominering
from arende.domain.fel import ArendeFel, BehorighetSaknas, HittasInte, OgiltigUppgift
from arende.domain.skeden import Skede, Utfall
from arende.service_layer import handlers as h
from arende.service_layer import visningar
from tests.stegordning import HELA_VAGEN_STEG_FOR_STEG as HELA_VAGEN

KLASS = "övrig vård och omsorg"


def ny(**andrat: Any) -> h.NyNominering:
    falt: dict[str, Any] = {
        "namnd": "Socialtjänstnämnden",
        "handlaggare": "Lena Murray",
        "utmarkelsear": 2008,
        "nomineringar": [
            Nominering("Kruton", "Övrig vård och omsorg", "Kris- och utredningscenter."),
            Nominering("BOSSE Råd Stöd & Kunskapscenter", KLASS, "Personalkooperativ."),
        ],
        "planerat_sammantrade": date(2008, 5, 13),
        "registreringsdatum": date(2008, 4, 14),
    }
    falt.update(andrat)
    return h.NyNominering(**falt)


def kontext(aktor: str, nyckel: str | None = None) -> h.Kontext:
    return h.Kontext(aktor, "00000000-0000-0000-0000-000000000001", nyckel)


def registrera(system: Arendesystem, nyckel: str | None = None, **andrat: Any) -> str:
    return h.registrera_nominering(
        ny(**andrat),
        system.uow(),
        kontext(andrat.get("handlaggare", "Lena Murray"), nyckel),
        system.klocka,
        system.kalender,
    )


def ogonblicksbild(system: Arendesystem) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: 'nothing changed' is checked against this."""
    with Session(system.motor) as s:
        return {
            t.name: sorted((tuple(map(str, r)) for r in s.execute(select(t))), key=str)
            for t in SQLModel.metadata.sorted_tables
        }


def hela_vagen(system: Arendesystem, dnr: str, paragraf: int = 45) -> None:
    u, k = system.uow, system.klocka
    h.paborja_beredning(dnr, u(), kontext("Lena Murray", "b"), k)
    h.registrera_samverkan(
        dnr, date(2008, 5, 6), "Utan erinran", u(), kontext("Lena Murray", "s"), k
    )
    h.faststall_forslag(
        dnr,
        date(2008, 5, 7),
        ["Dag Helin", "Eddie Friberg"],
        u(),
        kontext("Dag Helin", "f"),
        k,
        dokument=system.dokument,
    )
    h.satt_pa_dagordning(
        dnr, date(2008, 5, 13), u(), kontext("Lena Murray", "d"), k, dokument=system.dokument
    )
    h.registrera_beslut(dnr, Utfall.BIFALL, paragraf, True, u(), kontext("Karin Ekström", "x"), k)
    h.registrera_justering(
        dnr,
        date(2008, 5, 13),
        "Maria Exempelsson",
        ["Johan Exempelsson"],
        u(),
        kontext("Karin Ekström", "j"),
        k,
        dokument=system.dokument,
    )
    h.registrera_anslag(
        dnr, date(2008, 5, 14), u(), kontext("Karin Ekström", "a"), k, dokument=system.dokument
    )
    h.expediera(
        dnr, date(2008, 5, 15), ["Stadsledningskontoret"], u(), kontext("Per Lindqvist", "e"), k
    )
    h.avsluta(dnr, date(2008, 5, 15), u(), kontext("Per Lindqvist", "av"), k)


def test_ett_arende_genom_alla_skeden_sparas_och_lases_tillbaka(system: Arendesystem) -> None:
    dnr = registrera(system)
    assert dnr == "SoN 2008/1"
    hela_vagen(system, dnr)
    arende = visningar.hamta_arende(system.uow(), dnr)
    assert arende.skede is Skede.AVSLUTAT
    assert [n.verksamhet for n in arende.nomineringar] == [
        "Kruton",
        "BOSSE Råd Stöd & Kunskapscenter",
    ]
    assert arende.nomineringar[0].klass == KLASS  # stored as the year spells it
    assert arende.gallande_beslut is not None and arende.gallande_beslut.paragraf == 45
    assert arende.justering is not None and arende.justering.omedelbar
    assert arende.faststallande is not None
    assert arende.faststallande.undertecknare == ("Dag Helin", "Eddie Friberg")
    assert arende.expediering is not None and arende.expediering.mottagare == (
        "Stadsledningskontoret",
    )
    rader = visningar.diarium(system.uow())
    assert [(r.dnr, r.skede, r.handlaggare) for r in rader] == [(dnr, "avslutat", "Lena Murray")]
    handelser = visningar.historik(system.uow(), dnr)
    assert [e.handling for e in handelser] == HELA_VAGEN
    assert handelser[7].roll == "nämndsekreterare" and handelser[7].aktor == "Karin Ekström"
    assert handelser[7].flodeskorning == "00000000-0000-0000-0000-000000000001"
    assert handelser[2].innehall["före"]["skede"] == "under beredning"
    assert handelser[2].innehall["efter"]["skede"] == "samverkat"
    assert visningar.verifiera(system.uow()).text.startswith(f"intakt: {len(HELA_VAGEN)} händelser")


def test_samma_steg_tva_ganger_gor_ingenting_andra_gangen(system: Arendesystem) -> None:
    dnr = registrera(system, nyckel="flodeskorning:1")
    assert registrera(system, nyckel="flodeskorning:1") == dnr  # a replayed registration
    hela_vagen(system, dnr)
    fore = ogonblicksbild(system)
    assert registrera(system, nyckel="flodeskorning:1") == dnr
    hela_vagen(system, dnr)  # every step again, same keys: all no-ops
    assert ogonblicksbild(system) == fore


def test_ett_avvisat_steg_avvisas_likadant_vid_omkorning(system: Arendesystem) -> None:
    dnr = registrera(system)
    h.paborja_beredning(dnr, system.uow(), kontext("Lena Murray", "b"), system.klocka)
    with pytest.raises(OgiltigUppgift, match="ligger efter sammanträdet"):
        h.registrera_samverkan(
            dnr, date(2008, 5, 20), "", system.uow(), kontext("Lena Murray", "s-1"), system.klocka
        )
    # Even a valid answer under the refused key is refused again: the replay is deterministic.
    with pytest.raises(ArendeFel, match="ligger efter sammanträdet"):
        h.registrera_samverkan(
            dnr, date(2008, 5, 6), "", system.uow(), kontext("Lena Murray", "s-1"), system.klocka
        )
    assert h.registrera_samverkan(
        dnr, date(2008, 5, 6), "", system.uow(), kontext("Lena Murray", "s-2"), system.klocka
    )
    avvisade = [
        e for e in visningar.historik(system.uow(), dnr) if e.innehall["utfall"] == "avvisad"
    ]
    assert len(avvisade) == 1  # logged once, not once per replay
    assert "ligger efter sammanträdet" in avvisade[0].innehall["meddelande"]


def test_aterremiss_och_bordlaggning_sparas(system: Arendesystem) -> None:
    dnr = registrera(system)
    u, k = system.uow, system.klocka
    h.paborja_beredning(dnr, u(), kontext("Lena Murray", "b"), k)
    h.registrera_samverkan(dnr, date(2008, 4, 20), "", u(), kontext("Lena Murray", "s1"), k)
    h.faststall_forslag(
        dnr,
        date(2008, 4, 21),
        ["Dag Helin"],
        u(),
        kontext("Dag Helin", "f1"),
        k,
        dokument=system.dokument,
    )
    h.satt_pa_dagordning(
        dnr, date(2008, 5, 13), u(), kontext("Lena Murray", "d1"), k, dokument=system.dokument
    )
    h.registrera_beslut(
        dnr,
        Utfall.BORDLAGGNING,
        40,
        False,
        u(),
        kontext("Karin Ekström", "x1"),
        k,
        nytt_sammantrade=date(2008, 5, 15),
    )
    h.registrera_beslut(
        dnr,
        Utfall.ATERREMISS,
        50,
        False,
        u(),
        kontext("Karin Ekström", "x2"),
        k,
        nytt_sammantrade=date(2008, 5, 16),
    )
    arende = visningar.hamta_arende(u(), dnr)
    assert arende.skede is Skede.UNDER_BEREDNING and arende.omgang == 2
    assert [(b.utfall, b.paragraf, b.sammantrade) for b in arende.beslut] == [
        (Utfall.BORDLAGGNING, 40, date(2008, 5, 13)),
        (Utfall.ATERREMISS, 50, date(2008, 5, 15)),
    ]
    assert arende.samverkan is None and arende.gallande_beslut is None


def test_paragrafnummer_ar_unika_per_namnd_och_ar(system: Arendesystem) -> None:
    forsta = registrera(system)
    hela_vagen(system, forsta, paragraf=45)
    andra = registrera(system)
    u, k = system.uow, system.klocka
    h.paborja_beredning(andra, u(), kontext("Lena Murray", "b"), k)
    h.registrera_samverkan(andra, date(2008, 5, 6), "", u(), kontext("Lena Murray", "s"), k)
    h.faststall_forslag(
        andra,
        date(2008, 5, 7),
        ["Dag Helin"],
        u(),
        kontext("Dag Helin", "f"),
        k,
        dokument=system.dokument,
    )
    h.satt_pa_dagordning(
        andra, date(2008, 5, 13), u(), kontext("Lena Murray", "d"), k, dokument=system.dokument
    )
    fore = ogonblicksbild(system)
    with pytest.raises(
        OgiltigUppgift, match=r"§ 45 .* redan använd \(ärende SoN 2008/1\). Nästa lediga är § 46"
    ):
        h.registrera_beslut(andra, Utfall.BIFALL, 45, False, u(), kontext("Karin Ekström", None), k)
    efter = ogonblicksbild(system)
    efter.pop("granskningslogg"), fore.pop("granskningslogg")  # the refusal itself is logged
    efter.pop("granskningshuvud"), fore.pop("granskningshuvud")
    assert efter == fore
    assert visningar.nasta_paragraf(u(), "Socialtjänstnämnden", 2008) == 46


def test_granskningsloggen_kan_inte_andras_eller_raderas(system: Arendesystem) -> None:
    registrera(system)
    with (
        Session(system.motor) as s,
        pytest.raises(Exception, match="Granskningsloggen får inte ändras"),
    ):
        s.execute(text("UPDATE granskningslogg SET aktor = 'Någon annan'"))
        s.commit()
    with (
        Session(system.motor) as s,
        pytest.raises(Exception, match="Granskningsloggen får inte ändras"),
    ):
        s.execute(text("DELETE FROM granskningslogg"))
        s.commit()
    with Session(system.motor) as s:
        assert s.execute(select(func.count()).select_from(GranskningsloggRad)).scalar_one() == 1
    assert visningar.verifiera(system.uow()).intakt


# -- bad input: a Swedish message, and nothing changed ------------------------------------

FELAKTIG_REGISTRERING = [
    pytest.param(
        {"namnd": "Finansnämnden"}, HittasInte, "Okänd nämnd 'Finansnämnden'", id="okänd nämnd"
    ),
    pytest.param({"nomineringar": []}, OgiltigUppgift, "minst en verksamhet", id="tom lista"),
    pytest.param(
        {"nomineringar": [Nominering("Kruton", "socialtjänst", "")]},
        OgiltigUppgift,
        "Klassen 'socialtjänst' finns inte i kvalitetsutmärkelsen 2008",
        id="fel klass",
    ),
    pytest.param(
        {"planerat_sammantrade": date(2008, 4, 1)},
        OgiltigUppgift,
        "ligger före registreringsdatumet",
        id="sammanträde före registrering",
    ),
    pytest.param(
        {"planerat_sammantrade": date(2008, 6, 10)},
        OgiltigUppgift,
        "efter sista dag för nominering",
        id="sammanträde efter sista dag",
    ),
    pytest.param(
        {"registreringsdatum": date(2027, 1, 1)},
        OgiltigUppgift,
        "ligger i framtiden",
        id="framtida datum",
    ),
    pytest.param(
        {"utmarkelsear": 1999},
        HittasInte,
        "Kvalitetsutmärkelsen 1999 är inte upplagd",
        id="okänt år",
    ),
    pytest.param(
        {"handlaggare": "Okänd Okändsson"}, HittasInte, "Okänd person", id="okänd handläggare"
    ),
    pytest.param(
        {"handlaggare": "Dag Helin"}, BehorighetSaknas, "bara en handläggare", id="chef registrerar"
    ),
]


@pytest.mark.parametrize(("andrat", "feltyp", "meddelande"), FELAKTIG_REGISTRERING)
def test_felaktig_registrering_avvisas_och_andrar_ingenting(
    system: Arendesystem, andrat: dict[str, Any], feltyp: type[Exception], meddelande: str
) -> None:
    fore = ogonblicksbild(system)
    with pytest.raises(feltyp, match=meddelande):
        registrera(system, **andrat)
    assert ogonblicksbild(system) == fore
    assert registrera(system) == "SoN 2008/1"  # the refused one took no number


def test_steg_i_fel_ordning_och_fel_roll_avvisas_och_loggas(system: Arendesystem) -> None:
    dnr = registrera(system)
    u, k = system.uow, system.klocka
    fore = ogonblicksbild(system)
    with pytest.raises(ArendeFel, match="innan förslaget till beslut är fastställt"):
        h.registrera_beslut(dnr, Utfall.BIFALL, 1, False, u(), kontext("Karin Ekström"), k)
    with pytest.raises(ArendeFel, match="innan nämnden har beslutat"):
        h.registrera_justering(
            dnr,
            date(2008, 5, 13),
            "A",
            ["B"],
            u(),
            kontext("Karin Ekström"),
            k,
            dokument=system.dokument,
        )
    with pytest.raises(BehorighetSaknas, match="Lena Murray får inte registrera nämndens beslut"):
        h.registrera_beslut(dnr, Utfall.BIFALL, 1, False, u(), kontext("Lena Murray"), k)
    with pytest.raises(HittasInte, match="inget ärende med diarienummer 'SoN 2008/99'"):
        h.paborja_beredning("SoN 2008/99", u(), kontext("Lena Murray"), k)
    efter = ogonblicksbild(system)
    loggat = [e.innehall for e in visningar.historik(u(), dnr)][1:]
    assert [e["utfall"] for e in loggat] == ["avvisad"] * 3  # each refusal is evidence
    assert "får inte registrera nämndens beslut" in loggat[2]["meddelande"]
    for tabell in ("arende", "beslut", "utfort_steg", "nominering", "diarieserie"):
        assert efter[tabell] == fore[tabell]
