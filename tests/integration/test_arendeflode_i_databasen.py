"""The use cases against real SQLite and real PostgreSQL: storage, idempotency, audit log,
and that every refused input leaves the database exactly as it was (but for the refusal's
own line in the audit log, which is evidence)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col

from arende.adapters.tabeller import BeslutRad, GranskningsloggRad
from arende.bootstrap import Arendesystem
from arende.domain.fel import ArendeFel, BehorighetSaknas, HittasInte, OgiltigUppgift
from arende.domain.handelser import Handelse
from arende.domain.skeden import Skede, Utfall
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from tests import hjalp
from tests.seed000 import hela_vagen
from tests.stegordning import HELA_VAGEN, utforda

KLASS = "övrig vård och omsorg"
KORNING = hjalp.KORNING
NASTA = date(2008, 6, 17)  # the nämnd's next sammanträde after seed 000's
ENHETER = [
    {"namn": "Kruton", "klass": "Övrig vård och omsorg", "beskrivning": "Kris- och utredningscenter."},
    {"namn": "BOSSE Råd Stöd & Kunskapscenter", "klass": KLASS, "beskrivning": "Personalkooperativ."},
]  # fmt: skip
# The audit log and what the runner keeps under the step keys hold a refusal as evidence.
BEVIS = ("granskningslogg", "granskningshuvud", "kommando")
# The ärenden, the diarium, the sammanträden and what they hold.
TABELLER = ("arende", "beslut", "kommando", "diarieserie", "sammantrade", "handling", "frist")


def registrera(system: Arendesystem, nyckel: str | None = None, **andrat: Any) -> str:
    """A nomination of two units, by Lena Murray for the sammanträde of 13 May 2008; any of
    the start answers, the nämnd, handläggare, dates or the acting person may be changed."""
    falt: dict[str, Any] = {
        "namnd": hjalp.NAMND,
        "handlaggare": hjalp.HANDLAGGARE,
        "utmarkelsear": 2008,
        "enheter": ENHETER,
        "omedelbar_justering": "enligt tidsplanen",
        "planerat_sammantrade": hjalp.MOTE,
        "registreringsdatum": date(2008, 4, 14),
        "aktor": None,
    } | andrat
    return hjalp.registrera(
        system,
        "nominering",
        {n: falt[n] for n in ("utmarkelsear", "enheter", "omedelbar_justering")},
        namnd=falt["namnd"],
        handlaggare=falt["handlaggare"],
        sammantrade=falt["planerat_sammantrade"],
        registreringsdatum=falt["registreringsdatum"],
        aktor=falt["aktor"],
        nyckel_=nyckel,
    )


def ogonblicksbild(system: Arendesystem) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: 'nothing changed' is checked against this."""
    with Session(system.motor) as s:
        return {
            t.name: sorted((tuple(map(str, r)) for r in s.execute(select(t))), key=str)
            for t in SQLModel.metadata.sorted_tables
        }


def utom(bild: dict[str, list[tuple[Any, ...]]], tabeller: tuple[str, ...] = BEVIS) -> Any:
    return {t: rader for t, rader in bild.items() if t not in tabeller}


def loggen(system: Arendesystem, efter: int = 0) -> list[dict[str, Any]]:
    """The audit log's lines after sekvens `efter`, with what they hold."""
    with Session(system.motor) as s:
        rader = s.execute(
            select(GranskningsloggRad)
            .where(col(GranskningsloggRad.sekvens) > efter)
            .order_by(col(GranskningsloggRad.sekvens))
        ).scalars()
        return [
            {"sekvens": r.sekvens, "dnr": r.dnr, "handling": r.handling}
            | json.loads(r.innehall)["innehåll"]
            for r in rader
        ]


def sista_sekvens(system: Arendesystem) -> int:
    with Session(system.motor) as s:
        return int(
            s.execute(select(func.coalesce(func.max(GranskningsloggRad.sekvens), 0))).scalar_one()
        )


def test_ett_arende_genom_alla_skeden_sparas_och_lases_tillbaka(system: Arendesystem) -> None:
    dnr = registrera(system)
    assert dnr == "SoN 2008/1"
    hela_vagen(system, dnr)
    arende = visningar.hamta_arende(system.uow(), dnr)
    assert arende.skede is Skede.AVSLUTAT
    enheter = arende.uppgifter["enheter"]
    assert [e["namn"] for e in enheter] == ["Kruton", "BOSSE Råd Stöd & Kunskapscenter"]
    assert enheter[0]["klass"] == KLASS  # stored as the year spells it
    # § 1 of the year is the meeting's Val av justerare; the nomination is § 2.
    assert arende.gallande_beslut is not None and arende.gallande_beslut.paragraf == 2
    assert arende.justering is not None and arende.justering.omedelbar
    assert arende.faststallande is not None
    assert arende.faststallande.undertecknare == ("Dag Helin", "Eddie Friberg")
    assert arende.expediering is not None and arende.expediering.mottagare == (
        "Stadsledningskontoret",
    )
    rader = visningar.diarium(system.uow())
    assert [(r.dnr, r.skede, r.handlaggare) for r in rader] == [(dnr, "avslutat", "Lena Murray")]
    handelser = visningar.historik(system.uow(), dnr)
    assert utforda(handelser) == HELA_VAGEN
    # The frister are recomputed in the step's own transaction: the registration's line is
    # followed by the system's, from the same flow run.
    assert [(e.handling, e.aktor, e.flodeskorning) for e in handelser[:2]] == [
        ("registrera ärendet", "Lena Murray", KORNING),
        ("uppdatera frister", k.SYSTEMET, KORNING),
    ]
    beslut = next(e for e in handelser if e.handling == "registrera nämndens beslut")
    assert beslut.roll == "nämndsekreterare" and beslut.aktor == "Karin Ekström"
    assert beslut.flodeskorning == KORNING
    assert (
        beslut.innehall["nämnd"] == hjalp.NAMND and beslut.innehall["sammanträde"] == "2008-05-13"
    )
    samverkan = next(e for e in handelser if e.handling == "registrera samverkan")
    assert samverkan.innehall["före"]["skede"] == "under beredning"
    assert samverkan.innehall["efter"]["skede"] == "samverkat"
    # The chain holds the ärende's history and the sammanträde's own events (kallelse,
    # öppnande, protokoll, signaturer, anslag), which name no ärende.
    alla = loggen(system)
    sammantradets = [e for e in alla if e["dnr"] is None]
    assert {e["handling"] for e in sammantradets} >= {
        "kalla till sammanträdet",
        "öppna sammanträdet",
        "upprätta protokollet",
        "justera protokollet",
        "anslå justeringen",
    }
    assert len(alla) == len(handelser) + len(sammantradets)
    assert visningar.verifiera(system.uow()).text == f"intakt: {len(alla)} händelser"


def test_samma_steg_tva_ganger_gor_ingenting_andra_gangen(
    system: Arendesystem, monkeypatch: pytest.MonkeyPatch
) -> None:
    dnr = registrera(system, nyckel="flodeskorning:1")
    assert registrera(system, nyckel="flodeskorning:1") == dnr  # a replayed registration
    givna: list[tuple[k.Kommando, list[Handelse]]] = []
    utfor: Callable[[k.Kommando], list[Handelse]] = system.utfor

    def spela_in(kommando: k.Kommando) -> list[Handelse]:
        handelser = utfor(kommando)
        givna.append((kommando, handelser))
        return handelser

    monkeypatch.setattr(system, "utfor", spela_in)
    hela_vagen(system, dnr)
    assert len(givna) >= 10
    fore = ogonblicksbild(system)
    assert registrera(system, nyckel="flodeskorning:1") == dnr
    for kommando, forsta in givna:  # every step again, same keys: each a no-op
        assert utfor(kommando) == forsta, kommando
    assert ogonblicksbild(system) == fore


def samverkan(dnr: str, datum: date, nyckel: str) -> k.RegistreraSamverkan:
    return k.RegistreraSamverkan(
        aktor="Lena Murray", nyckel=nyckel, flodeskorning=KORNING, dnr=hjalp.d(dnr), datum=datum
    )


def test_ett_avvisat_steg_avvisas_likadant_vid_omkorning(system: Arendesystem) -> None:
    dnr = registrera(system)
    system.utfor(k.PaborjaBeredning(aktor="Lena Murray", nyckel="b", dnr=hjalp.d(dnr)))
    with pytest.raises(OgiltigUppgift, match="ligger efter sammanträdet"):
        system.utfor(samverkan(dnr, date(2008, 5, 20), "s-1"))
    # Even a valid answer under the refused key is refused again: the replay is deterministic.
    with pytest.raises(ArendeFel, match="ligger efter sammanträdet"):
        system.utfor(samverkan(dnr, date(2008, 5, 6), "s-1"))
    assert system.utfor(samverkan(dnr, date(2008, 5, 6), "s-2"))
    avvisade = [
        e for e in visningar.historik(system.uow(), dnr) if e.innehall.get("utfall") == "avvisad"
    ]
    assert len(avvisade) == 1  # logged once, not once per replay
    assert "ligger efter sammanträdet" in avvisade[0].innehall["meddelande"]


def tjansteutlatande(system: Arendesystem, mening: str, **andrat: Any) -> str:
    """An ärende of the general type, beredd to a fastställt förslag the week before its
    sammanträde."""
    dnr = hjalp.registrera(system, "tjansteutlatande", {"arendemening": mening}, **andrat)
    mote = andrat.get("sammantrade", hjalp.MOTE)
    hjalp.bered(
        system,
        dnr,
        samverkan=mote - timedelta(days=7),
        faststallt=mote - timedelta(days=6),
        underlag={
            "forslag": [f"Nämnden beslutar om {mening.lower()}."],
            "sammanfattning": "Förvaltningen föreslår att nämnden beslutar enligt förslaget.",
            "avsnitt": [{"rubrik": "Bakgrund", "text": "Ärendet har beretts."}],
        },
    )
    return dnr


def test_aterremiss_och_bordlaggning_sparas(system: Arendesystem) -> None:
    """Bordlagt at the sammanträde of 13 May to the one of 17 June, återremitterat there."""
    dnr = tjansteutlatande(system, "Riktlinjer för ekonomiskt bistånd")
    hjalp.hall_sammantrade(
        system, {dnr: {"utfall": Utfall.BORDLAGGNING, "nytt_sammantrade": NASTA}}, hjalp.MOTE
    )
    arende = visningar.hamta_arende(system.uow(), dnr)
    assert arende.skede is Skede.PA_DAGORDNING and arende.sammantrade == NASTA
    hjalp.hall_sammantrade(
        system,
        {dnr: {"utfall": Utfall.ATERREMISS, "nytt_sammantrade": date(2008, 8, 26)}},
        NASTA,
    )
    arende = visningar.hamta_arende(system.uow(), dnr)
    assert arende.skede is Skede.UNDER_BEREDNING and arende.omgang == 2
    # Each meeting's § 1 (then § 3) is its Val av justerare.
    assert [(b.utfall, b.paragraf, b.sammantrade) for b in arende.beslut] == [
        (Utfall.BORDLAGGNING, 2, hjalp.MOTE),
        (Utfall.ATERREMISS, 4, NASTA),
    ]
    assert arende.samverkan is None and arende.gallande_beslut is None
    assert arende.planerat_sammantrade == date(2008, 8, 26)


def test_paragrafnummer_ar_unika_per_namnd_och_ar(system: Arendesystem) -> None:
    """The §§ run on through the nämnd's year, from meeting to meeting; a new year, or another
    nämnd, starts at § 1; and the database itself refuses a § used twice."""
    forsta = registrera(system)
    hela_vagen(system, forsta)
    andra = tjansteutlatande(system, "Yttrande över remiss", sammantrade=NASTA)
    hjalp.hall_sammantrade(system, {andra: Utfall.BIFALL}, NASTA)
    nasta_ar = tjansteutlatande(
        system,
        "Riktlinjer för 2026",
        sammantrade=date(2026, 5, 19),
        registreringsdatum=date(2026, 4, 1),
    )
    hjalp.hall_sammantrade(system, {nasta_ar: Utfall.BIFALL}, date(2026, 5, 19))
    paragraf = {
        dnr: visningar.hamta_arende(system.uow(), dnr).beslut[-1].paragraf
        for dnr in (forsta, andra, nasta_ar)
    }
    assert paragraf == {forsta: 2, andra: 4, nasta_ar: 2}
    assert visningar.nasta_paragraf(system.uow(), hjalp.NAMND, 2008) == 5
    assert visningar.nasta_paragraf(system.uow(), hjalp.NAMND, 2026) == 3
    assert visningar.nasta_paragraf(system.uow(), "Östermalms stadsdelsnämnd", 2008) == 1

    fore = ogonblicksbild(system)
    with Session(system.motor) as s:
        rad = s.execute(select(BeslutRad).where(col(BeslutRad.paragraf) == 4)).scalar_one()
        s.expunge(rad)
        kopia = BeslutRad(**{**rad.model_dump(), "id": None, "utfall": "avslag"})
        s.add(kopia)
        with pytest.raises(IntegrityError):
            s.commit()
    assert ogonblicksbild(system) == fore


def test_granskningsloggen_kan_inte_andras_eller_raderas(system: Arendesystem) -> None:
    dnr = registrera(system)
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
    # The registration and, in its transaction, the frister it gave.
    assert [e.handling for e in visningar.historik(system.uow(), dnr)] == [
        "registrera ärendet",
        "uppdatera frister",
    ]
    with Session(system.motor) as s:
        assert s.execute(select(func.count()).select_from(GranskningsloggRad)).scalar_one() == 2
    assert visningar.verifiera(system.uow()).intakt


# -- bad input: a Swedish message, and nothing changed ------------------------------------

FELAKTIG_REGISTRERING = [
    pytest.param(
        {"namnd": "Finansnämnden"}, HittasInte, "Okänd nämnd 'Finansnämnden'", id="okänd nämnd"
    ),
    pytest.param(
        {"enheter": []},
        OgiltigUppgift,
        "Verksamheter som nomineras saknas: fyll i det fältet.",
        id="tom lista",
    ),
    pytest.param(
        {"enheter": [{"namn": "Kruton", "klass": "socialtjänst", "beskrivning": ""}]},
        OgiltigUppgift,
        "Klassen 'socialtjänst' finns inte i kvalitetsutmärkelsen 2008",
        id="fel klass",
    ),
    pytest.param(
        {"planerat_sammantrade": date(2008, 3, 18)},
        OgiltigUppgift,
        "hinner inte förberedas: .* men arbetet kan börja först den 14 april 2008",
        id="sammanträde före registrering",
    ),
    pytest.param(
        {"planerat_sammantrade": date(2008, 6, 10)},
        OgiltigUppgift,
        "inget sammanträde den 10 juni 2008 enligt sammanträdesplanen",
        id="sammanträde utanför planen",
    ),
    pytest.param(
        {"planerat_sammantrade": NASTA},
        OgiltigUppgift,
        "lämnar ingen tid för expediering: .* sista dag är den 19 maj 2008",
        id="sammanträde efter sista dag",
    ),
    pytest.param(
        {"registreringsdatum": date(2027, 1, 1)},
        OgiltigUppgift,
        r"Registreringsdatumet \(1 januari 2027\) ligger i framtiden",
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
    pytest.param(
        {"aktor": "Therese Bengtsson"},
        BehorighetSaknas,
        "Therese Bengtsson .*Socialtjänstnämnden",
        id="annan nämnds handläggare",
    ),
    pytest.param(
        {"handlaggare": "Therese Bengtsson", "aktor": "Lena Murray"},
        OgiltigUppgift,
        "en handläggare registrerar sina egna ärenden",
        id="någon annans ärende",
    ),
]


@pytest.mark.parametrize(("andrat", "feltyp", "meddelande"), FELAKTIG_REGISTRERING)
def test_felaktig_registrering_avvisas_och_andrar_ingenting(
    system: Arendesystem, andrat: dict[str, Any], feltyp: type[Exception], meddelande: str
) -> None:
    fore, sekvens = ogonblicksbild(system), sista_sekvens(system)
    with pytest.raises(feltyp, match=meddelande):
        registrera(system, **andrat)
    assert utom(ogonblicksbild(system)) == utom(fore)
    # What the runner refused is logged once, naming no ärende (none was registered); a
    # nämnd that does not exist names nothing to log against.
    loggat = loggen(system, sekvens)
    assert [(r["handling"], r["dnr"], r["utfall"]) for r in loggat] in (
        [],
        [("registrera ärendet", None, "avvisad")],
    )
    assert registrera(system) == "SoN 2008/1"  # the refused one took no number


def test_steg_i_fel_ordning_och_fel_roll_avvisas_och_loggas(system: Arendesystem) -> None:
    """A step before its turn, a step by the wrong role and a step in an ärende that does not
    exist: each refused with its reason, logged in the ärende's history, nothing changed."""
    dnr = registrera(system)
    redo = tjansteutlatande(system, "Riktlinjer för ekonomiskt bistånd")
    # The sammanträde is kallat with the ärende that is ready, and opened.
    hjalp.oppna_sammantrade(system)
    fore = ogonblicksbild(system)

    def besluta(aktor: str, arende: str) -> k.Besluta:  # without a key: nothing kept
        b: k.Besluta = hjalp.sammantradeskommando(
            k.Besluta, aktor=aktor, arende=arende, utfall=Utfall.BIFALL
        )
        return dataclasses.replace(b, nyckel=None)

    with pytest.raises(ArendeFel, match=f"Ärendet {dnr} står inte på dagordningen"):
        system.utfor(besluta("Karin Ekström", dnr))
    with pytest.raises(ArendeFel, match="Det går inte att expediera beslutet i SoN 2008/1 innan"):
        system.utfor(
            k.Expediera(
                aktor="Per Lindqvist", dnr=hjalp.d(dnr), datum=date(2008, 5, 15), mottagare=["X"]
            )
        )
    with pytest.raises(BehorighetSaknas, match="Lena Murray får inte registrera nämndens beslut"):
        system.utfor(besluta("Lena Murray", redo))
    with pytest.raises(HittasInte, match="inget ärende med diarienummer 'SoN 2008/99'"):
        system.utfor(k.PaborjaBeredning(aktor="Lena Murray", dnr=hjalp.d("SoN 2008/99")))
    efter = ogonblicksbild(system)

    def avvisade(dnr: str) -> list[str]:
        return [
            e.innehall["meddelande"]
            for e in visningar.historik(system.uow(), dnr)
            if e.innehall.get("utfall") == "avvisad"
        ]

    # Each refusal is evidence, in the history of the ärende it was about.
    assert len(avvisade(dnr)) == 2
    assert [m for m in avvisade(redo) if "får inte registrera nämndens beslut" in m]
    for tabell in TABELLER:
        assert efter[tabell] == fore[tabell]
