"""What the nämnd decides is what was proposed, and the frister follow each step at once.

Every shipped ärendetyp (deployments/arendetyper/) is taken through one sammanträde with
bifall: the decision in its protokollsutdrag (read from the registered Word file) is the
förslag till beslut the chefs fastställde, word for word, and the same text stands under
the ärende in the kallelse's dagordning and in the protokoll; its tjänsteutlåtande carries
the diarium's ärendemening as its title. Then the frister: right after the step that
changes them (the meeting's justering window, an omedelbar justering, a justering by
signature, an anslag) they are stored as the law gives them, in that step's transaction,
with nobody recomputing them. On SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from arende.adapters.dokumentmallar import docx_stycken
from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.frister import Fristtyp
from arende.domain.handling import Handlingstyp
from arende.domain.skeden import Skede, Utfall
from arende.service_layer import handlingar, visningar
from arende.service_layer import kommandon as k
from tests import hjalp, seed000

ROT = Path(__file__).resolve().parents[2]
SEED002 = ROT / "tests" / "data" / "seed_002_verksamhetsplan_2009.txt"
NAMND, MOTE = hjalp.NAMND, hjalp.MOTE
ENHETER = [
    {"namn": e["namn"], "klass": e["klass"], "beskrivning": e["beskrivning"]}
    for e in seed000.exempel()["uppgifter"]["enheter"][:2]
]

RIKTLINJERNAS_FORSLAG = [
    "Socialtjänstnämnden antar riktlinjerna för ekonomiskt bistånd.",
    "Riktlinjerna gäller från den 1 juli 2008.",
]

# Per shipped type: its start answers and, if it has a beredning form, the answers to it.
ARENDEN: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {
    "nominering": (seed000.uppgifter(), None),
    "deltagande": ({"utmarkelsear": 2008, "enheter": ENHETER}, None),
    "verksamhetsplan": (
        {"verksamhetsar": 2009},
        {
            "plantext": SEED002.read_text(encoding="utf-8"),
            "forslag": ["Nämnden överlämnar planen till kommunstyrelsen för kännedom."],
            "sammanfattning": "Förvaltningen har tagit fram ett förslag till verksamhetsplan.",
            "avsnitt": [{"rubrik": "Ärendets beredning", "text": "Beretts i ledningen."}],
        },
    ),
    "tjansteutlatande": (
        {"arendemening": "Riktlinjer för ekonomiskt bistånd"},
        {
            "forslag": RIKTLINJERNAS_FORSLAG,
            "sammanfattning": "Förvaltningen föreslår nya riktlinjer.",
            "avsnitt": [{"rubrik": "Bakgrund", "text": "De gamla riktlinjerna är från 2003."}],
        },
    ),
    "anmalan": ({"beslutsomrade": "bistånd, april", "beslut": ["2008-04-02 bistånd"]}, None),
    "valarende": (
        {
            "uppdrag": "ombud vid Stiftelsen Hemgårdens stämma",
            "period": "tiden till och med den 31 december 2010",
        },
        None,
    ),
}


def _utan_nummer(text: str) -> str:
    """A förslag with several points is numbered in the documents ('1. …'); one is not."""
    return re.sub(r"^\d+\. ", "", text)


def punkter_under(stycken: list[tuple[str, str]], start: int, rubrik: str) -> list[str]:
    """The points under the first heading `rubrik` after paragraph `start`, up to the next
    heading or empty paragraph."""
    i = next(
        n
        for n in range(start, len(stycken))
        if stycken[n][0].startswith("Heading") and stycken[n][1] == rubrik
    )
    ut = []
    for stil, text in stycken[i + 1 :]:
        if stil.startswith("Heading") or not text.strip():
            break
        ut.append(_utan_nummer(text))
    return ut


def index(stycken: list[tuple[str, str]], text: str | re.Pattern[str]) -> int:
    return next(
        n
        for n, (stil, t) in enumerate(stycken)
        if stil.startswith("Heading")
        and (t == text if isinstance(text, str) else text.fullmatch(t))
    )


def stycken_i(system: Arendesystem, fil: str) -> list[tuple[str, str]]:
    return docx_stycken(system.arkiv.las(fil))


def registrerad(system: Arendesystem, dnr: str, typ: Handlingstyp) -> str:
    h = handlingar.senaste(system.uow(), dnr, typ)
    assert h is not None, (dnr, typ)
    return h.fil


def test_varje_arendetyp_beslutas_som_forslaget_lyder(system: Arendesystem) -> None:
    # Every type the installation ships is here: a new one must be added to ARENDEN.
    assert set(system.typer) == set(ARENDEN)
    dnr = {
        typ: hjalp.registrera(system, typ, start, registreringsdatum=date(2008, 4, 21))
        for typ, (start, _) in ARENDEN.items()
    }
    for typ, (_, underlag) in ARENDEN.items():
        hjalp.bered(system, dnr[typ], underlag=underlag)
    # The nämnd bifaller each förslag as it stands, its omedelbar justering included.
    hjalp.hall_sammantrade(
        system,
        {
            d: {
                "utfall": Utfall.BIFALL,
                "omedelbart_justerad": hjalp.arende(system, d).foreslagen_omedelbar_justering,
            }
            for d in dnr.values()
        },
    )

    diariet = {r.dnr: r.titel for r in visningar.diarium(system.uow(), NAMND)}
    kallelse = stycken_i(system, f"sammantraden/{NAMND}-{MOTE}/kallelse-v1.docx")
    protokoll = visningar.protokoll(system.uow(), NAMND, MOTE)
    assert protokoll is not None
    protokollen = {
        "protokollet": stycken_i(system, protokoll.fil),
        "det justerade protokollet": stycken_i(
            system, f"sammantraden/{NAMND}-{MOTE}/protokoll-justerat.docx"
        ),
    }
    s = visningar.sammantrade(system.uow(), NAMND, MOTE)
    assert s is not None
    beslutat: dict[str, list[str]] = {}
    for typ, d in dnr.items():
        a = hjalp.arende(system, d)
        assert a.skede in (Skede.ANSLAGET, Skede.AVSLUTAT), typ
        # What the nämnd was asked to decide: fastställt by the chefs, or for an anmälan
        # (no tjänsteutlåtande, nothing to fastställa) the definition's own förslag.
        if Skede.FORSLAG_FASTSTALLT in a.livscykel.skeden:
            forslag = list(a.forslag)
            tu = stycken_i(system, registrerad(system, d, Handlingstyp.TJANSTEUTLATANDE))
            # The tjänsteutlåtande the chefs signed: the diarium's ärendemening as its title,
            # the same förslag.
            (titel,) = [t for stil, t in tu if stil == "Heading 1"]
            assert titel == diariet[d] == a.titel, typ
            assert punkter_under(tu, 0, "Förslag till beslut") == forslag, typ
        else:
            forslag = system.typer[typ].ge_forslag(NAMND, a.uppgifter)
            assert not handlingar.senaste(system.uow(), d, Handlingstyp.TJANSTEUTLATANDE)
        assert forslag, typ
        beslutat[typ] = forslag

        # The protokollsutdrag, registered with the beslut.
        utdrag = stycken_i(system, registrerad(system, d, Handlingstyp.PROTOKOLLSUTDRAG))
        assert punkter_under(utdrag, 0, "Beslut") == forslag, typ
        assert [t for stil, t in utdrag if stil == "Heading 2"] == [diariet[d]], typ

        # The kallelse's dagordning: the point's title is the ärendemening, then its förslag.
        punkt = index(kallelse, re.compile(rf"\d+\. {re.escape(diariet[d])}"))
        assert punkter_under(kallelse, punkt, "Förslag till beslut") == forslag, typ
        dagordningspunkt = s.dagordningar[-1].punkt(d)
        assert dagordningspunkt is not None and list(dagordningspunkt.forslag) == forslag, typ

        # The protokoll's §, before and after justering: the beslut is the förslag, the
        # omedelbar justering it proposed included.
        (paragraf,) = [p for p in s.paragrafer if p.dnr == d]
        for namn, stycken in protokollen.items():
            i = index(stycken, f"§ {paragraf.nummer}")
            assert stycken[i + 1][1] == diariet[d], (typ, namn)
            assert punkter_under(stycken, i, "Beslut") == forslag, (typ, namn)

    # What each type's förslag says: the deltagande is approved, never nominated.
    assert beslutat["deltagande"] == [
        "Socialtjänstnämnden godkänner att Uppsökarenheten för vuxna samt Maria Ungdomsenhet "
        "deltar i Stockholms stads kvalitetsutmärkelse 2008.",
        "Paragrafen förklaras omedelbart justerad.",
    ]
    assert not any("nominera" in p for p in beslutat["deltagande"])
    assert re.fullmatch(
        r"Socialtjänstnämnden beslutar nominera Uppsökarenheten för vuxna, .* samt BOSSE Råd "
        r"Stöd & Kunskapscenter\.",
        beslutat["nominering"][0],
    )
    assert beslutat["verksamhetsplan"] == [
        "Socialtjänstnämnden fastställer verksamhetsplan för 2009.",
        "Nämnden överlämnar planen till kommunstyrelsen för kännedom.",
    ]
    assert beslutat["tjansteutlatande"] == RIKTLINJERNAS_FORSLAG
    assert beslutat["anmalan"] == ["Socialtjänstnämnden lägger anmälan till handlingarna."]


# -- frister ---------------------------------------------------------------------------------


def frister(system: Arendesystem, dnr: str) -> dict[Fristtyp, tuple[date, bool]]:
    """The ärende's frister as stored, read straight from the table."""
    with system.uow() as uow:
        return {f.frist.typ: (f.frist.datum, f.frist.klar) for f in uow.frister.for_arende(dnr)}


def regel(system: Arendesystem, dnr: str, typ: Fristtyp) -> str:
    with system.uow() as uow:
        return next(f.frist.regel for f in uow.frister.for_arende(dnr) if f.frist.typ is typ)


def steg(system: Arendesystem, typ: type[Any], **data: Any) -> None:
    system.utfor(hjalp.sammantradeskommando(typ, MOTE, **data))


def test_fristerna_ar_ratt_i_samma_transaktion_som_steget(system: Arendesystem) -> None:
    """Each step recomputes the frister of the ärenden it touches before it commits: read
    right after the step returns, they are already right."""
    nominering = seed000.registrera(system)  # omedelbar justering proposed (sista dag 19 May)
    seed000.till_faststallt(system, nominering)
    riktlinjer = hjalp.registrera(
        system, "tjansteutlatande", {"arendemening": "Riktlinjer för ekonomiskt bistånd"}
    )
    hjalp.bered(
        system,
        riktlinjer,
        underlag={
            "forslag": ["Socialtjänstnämnden antar riktlinjerna."],
            "sammanfattning": "Nya riktlinjer.",
            "avsnitt": [{"rubrik": "Bakgrund", "text": "De gamla är från 2003."}],
        },
    )
    anmalan = hjalp.registrera(
        system, "anmalan", {"beslutsomrade": "bistånd, april", "beslut": ["2008-04-02 bistånd"]}
    )
    ordf, justerare = hjalp.ordforande_och_justerare(system)

    steg(system, k.Kalla, utskick=date(2008, 5, 6))
    # Before the meeting: the law's 14 days for the justering (13 May + 14 = 27 May).
    assert frister(system, riktlinjer)[Fristtyp.JUSTERING] == (date(2008, 5, 27), False)

    # The meeting sets a shorter window for the justering: 14–20 May.
    steg(
        system,
        k.Oppna,
        narvaro=hjalp.narvaro(system),
        ordforande=ordf,
        justerare=[justerare],
        justering_forsta=date(2008, 5, 14),
        justering_sista=date(2008, 5, 20),
        borjade="18:00",
    )
    for dnr in (riktlinjer, anmalan):
        assert frister(system, dnr)[Fristtyp.JUSTERING] == (date(2008, 5, 20), False), dnr
        assert "tillkännagiven vid sammanträdet" in regel(system, dnr, Fristtyp.JUSTERING)

    # The nomination's § is omedelbart justerad: justering done at the meeting, and the
    # anslag due on the second day after it (Thursday 15 May).
    steg(system, k.Besluta, arende=nominering, utfall=Utfall.BIFALL, omedelbart_justerad=True)
    fristerna = frister(system, nominering)
    assert fristerna[Fristtyp.JUSTERING] == (MOTE, True)
    assert fristerna[Fristtyp.ANSLAG] == (date(2008, 5, 15), False)
    assert Fristtyp.OVERKLAGANDE not in fristerna

    steg(system, k.Besluta, arende=riktlinjer, utfall=Utfall.BIFALL)
    steg(system, k.Besluta, arende=anmalan, utfall=Utfall.BIFALL)
    assert frister(system, riktlinjer)[Fristtyp.JUSTERING] == (date(2008, 5, 20), False)

    # Anslagen the next day: the appeal period runs three weeks from it, to 4 June.
    steg(system, k.Ansla, anslaget=date(2008, 5, 14), omedelbart=True)
    fristerna = frister(system, nominering)
    assert fristerna[Fristtyp.ANSLAG] == (date(2008, 5, 15), True)
    assert fristerna[Fristtyp.OVERKLAGANDE] == (date(2008, 6, 4), False)
    assert Fristtyp.OVERKLAGANDE not in frister(system, riktlinjer)

    # The protokoll justerat by signature on Wednesday 14 May: the anslag is due Friday 16.
    steg(system, k.Stang, upprattat=MOTE, avslutades="19:30")
    protokoll = visningar.protokoll(system.uow(), NAMND, MOTE)
    assert protokoll is not None
    for i, namn in enumerate((ordf, justerare)):
        steg(
            system,
            k.Signera,
            aktor=namn,
            inloggning=hjalp.inloggning(namn),
            tidpunkt=datetime(2008, 5, 14, 10, tzinfo=STOCKHOLM) + timedelta(hours=i),
            protokoll_sha256=protokoll.sha256,
        )
    for dnr in (riktlinjer, anmalan):
        fristerna = frister(system, dnr)
        assert fristerna[Fristtyp.JUSTERING] == (date(2008, 5, 20), True), dnr
        assert fristerna[Fristtyp.ANSLAG] == (date(2008, 5, 16), False), dnr

    # Anslagen on 16 May: three weeks end on 6 June, Sweden's national day, so the appeal
    # period runs to the next vardag, Monday 9 June (lag 1930:173). The anmälan, closed by
    # the anslag itself, has its frister right too.
    steg(system, k.Ansla, anslaget=date(2008, 5, 16))
    for dnr in (riktlinjer, anmalan):
        fristerna = frister(system, dnr)
        assert fristerna[Fristtyp.ANSLAG] == (date(2008, 5, 16), True), dnr
        assert fristerna[Fristtyp.OVERKLAGANDE] == (date(2008, 6, 9), False), dnr
    assert hjalp.arende(system, anmalan).skede is Skede.AVSLUTAT
    assert hjalp.arende(system, riktlinjer).skede is Skede.ANSLAGET
