"""The tävlingsbidrag after seed 000's nomination, through the service layer, on SQLite and
PostgreSQL: opened when the nämnd has decided, question 18 prefilled from seed 001's
verksamhetsplan, the rest from seed 003, approved by the unit's chef, handed in before
19 May 2008 with a receipt and a registered handling whose file has every question in
order. Replays are no-ops; refusals are Swedish, logged, and change nothing else."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, SQLModel

from arende.adapters.dokumentmallar import docx_stycken
from arende.adapters.fragebatterifil import las_fragebatteri, las_fragebatteri_for
from arende.adapters.svarsmall import skapa_svarsmall
from arende.adapters.verksamhetsplanimport import las_verksamhetsplan
from arende.bootstrap import Arendesystem
from arende.domain.fel import ArendeFel, BehorighetSaknas, OtillatenOvergang
from arende.domain.frister import Fristtyp
from arende.domain.handelser import (
    BeslutFattat,
    Handelse,
    ReaktionAvvisad,
    TavlingsbidragInlamnat,
    TavlingsbidragOppnat,
    VerksamhetsplanImporterad,
)
from arende.domain.handling import Handlingstyp, Riktning
from arende.domain.skeden import Utfall
from arende.domain.tavlingsbidrag import Bidragsstatus, Kvitto
from arende.domain.verksamhetsplan import mal_for_fraga_18
from arende.service_layer import kommandon as k
from arende.service_layer import tavlingsvy
from arende.service_layer.frister import frister_for
from arende.service_layer.handlingar import handlingar
from arende.service_layer.kommandon import SYSTEMET, SYSTEMROLL
from tests import hjalp
from tests.integration.test_tavlingsdokument import fyll_svarsmall
from tests.seed000 import KORNING, exempel, hela_vagen, registrera, till_faststallt
from tests.seed003 import Seed003, las_seed003

ROT = Path(__file__).resolve().parents[2]
FIL_2020 = ROT / "deployments" / "fragor" / "kvalitetsutmarkelsen_2020.toml"
SEED001 = ROT / "tests" / "data" / "seed_001_verksamhetsplan_vuxenenheten_2012.txt"
ENHETER = [e["namn"] for e in exempel()["uppgifter"]["enheter"]]
FORSTA, ANDRA, TREDJE, FJARDE = ENHETER
SISTA_DAG = date(2008, 5, 19)


@pytest.fixture
def fragekatalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's folder of question sets (ARENDE_FRAGOR_DIR), empty until `publicera`
    puts the 2008 award's questions in it."""
    katalog = tmp_path / "fragor"
    katalog.mkdir()
    monkeypatch.setenv("ARENDE_FRAGOR_DIR", str(katalog))
    return katalog


def publicera(katalog: Path) -> None:
    """The 2008 award's questions are not known; seed 000's nomination gets the 2020 set,
    read through the real reader from the system's folder."""
    text = FIL_2020.read_text(encoding="utf-8").replace("ar = 2020", "ar = 2008", 1)
    (katalog / "kvalitetsutmarkelsen_2008.toml").write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> Seed003:
    return las_seed003(las_fragebatteri(FIL_2020))


def beslutat(system: Arendesystem) -> str:
    """Seed 000's nomination, the first unit's chef named in the start form, decided with
    bifall at the sammanträde (the system then opens the bidrag, if the year's questions are
    there), anslagen and expedierad."""
    enheter = [
        {**e, "chef": "Dag Helin"} if e["namn"] == FORSTA else e
        for e in exempel()["uppgifter"]["enheter"]
    ]
    dnr = registrera(system, enheter=enheter)
    hela_vagen(system, dnr)
    return dnr


def bidragskommando(typ: type[Any], aktor: str, nyckel: str, **data: Any) -> Any:
    """A step on a unit's bidrag, from the flow run, under a step key of the test's."""
    return typ(aktor=aktor, nyckel=nyckel, flodeskorning=KORNING, **data)


def oppna(system: Arendesystem, dnr: str, nyckel: str = "tavling-oppna") -> list[Handelse]:
    """The handläggare opens the bidrag herself (the system did not: the questions came
    after the decision), naming the chef of the first unit and the second's contact."""
    return system.utfor(
        bidragskommando(
            k.OppnaTavlingsbidrag,
            hjalp.HANDLAGGARE,
            nyckel,
            dnr=hjalp.d(dnr),
            chefer={FORSTA: "Dag Helin"},  # the others: the avdelningschef, Eddie Friberg
            kontaktpersoner={ANDRA: "Per Lindqvist"},
        )
    )


def skriv_allt(
    system: Arendesystem, dnr: str, enhet: str, seed: Seed003, utan: frozenset[int] = frozenset()
) -> list[Handelse]:
    return system.utfor(
        bidragskommando(
            k.SkrivSvar,
            hjalp.HANDLAGGARE,
            f"svar-{enhet}",
            dnr=hjalp.d(dnr),
            verksamhet=enhet,
            svar={n: t for n, t in seed.svar.items() if n not in utan},
            inledning=seed.inledning,
            administrativa=seed.administrativa,
        )
    )


def importera(system: Arendesystem, dnr: str, enhet: str, aktor: str, nyckel: str) -> Any:
    (importerad,) = [
        h
        for h in system.utfor(
            bidragskommando(
                k.ImporteraVerksamhetsplan,
                aktor,
                nyckel,
                dnr=hjalp.d(dnr),
                verksamhet=enhet,
                text=SEED001.read_text(encoding="utf-8"),
            )
        )
        if isinstance(h, VerksamhetsplanImporterad)
    ]
    return importerad


def godkann(system: Arendesystem, dnr: str, enhet: str, aktor: str, nyckel: str, dag: date) -> Any:
    return system.utfor(
        bidragskommando(k.Godkann, aktor, nyckel, dnr=hjalp.d(dnr), verksamhet=enhet, datum=dag)
    )


def lamna_in(
    system: Arendesystem, dnr: str, enhet: str, mottaget: date, aktor: str, nyckel: str
) -> list[Handelse]:
    return system.utfor(
        bidragskommando(
            k.LamnaIn, aktor, nyckel, dnr=hjalp.d(dnr), verksamhet=enhet, mottaget=mottaget
        )
    )


def oversikt(system: Arendesystem, dnr: str) -> dict[str, tavlingsvy.Bidragsoversikt]:
    return {o.verksamhet: o for o in tavlingsvy.tavlingsbidrag_for(system.uow(), dnr)}


def bidragets_frist(system: Arendesystem, dnr: str) -> Any:
    """The stored frist of the bidrag, as the last step left it: no one recomputes it here."""
    return next(
        f.frist for f in frister_for(system.uow(), dnr) if f.frist.typ is Fristtyp.TAVLINGSBIDRAG
    )


def ogonblicksbild(system: Arendesystem) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the step keys and the audit log, which a refusal writes."""
    with Session(system.motor) as s:
        return {
            t.name: sorted((tuple(map(str, r)) for r in s.execute(t.select())), key=str)
            for t in SQLModel.metadata.sorted_tables
            if t.name not in ("kommando", "granskningslogg", "granskningshuvud")
        }


def logg(system: Arendesystem, dnr: str) -> list[Any]:
    with system.uow() as uow:
        return uow.logg.for_arende(dnr)


def senaste_handelse(system: Arendesystem, dnr: str) -> Any:
    return logg(system, dnr)[-1]


def test_fran_beslut_till_kvitto_och_registrerad_handling(
    system: Arendesystem, fragekatalog: Path, seed: Seed003
) -> None:
    publicera(fragekatalog)
    dnr = beslutat(system)
    batteri = las_fragebatteri_for(fragekatalog, 2008)

    # Opened by the system after the bifall: one bidrag per nominated unit, in its order.
    bidrag = oversikt(system, dnr)
    assert list(bidrag) == ENHETER
    for o in bidrag.values():
        assert o.bidrag.status is Bidragsstatus.UTKAST
        assert o.bidrag.sista_dag == SISTA_DAG
        assert o.bidrag.mottagare == "Stadsledningskontoret"
        assert o.bidrag.fragebatteri == batteri
        assert o.antal_besvarade == 0 and not o.komplett
    assert bidrag[FORSTA].bidrag.ansvarig_chef == "Dag Helin"  # named in the start form
    assert bidrag[TREDJE].bidrag.ansvarig_chef == "Eddie Friberg"  # signed as avdelningschef
    # Asked again, by a person, nothing more is opened and nothing is logged.
    fore = len(logg(system, dnr))
    assert not [h for h in oppna(system, dnr) if isinstance(h, TavlingsbidragOppnat)]
    assert len(logg(system, dnr)) == fore

    # Their sista dag is a frist of the ärende (the nomination's frist, same day, reminds),
    # stored by the step that opened them.
    frist = bidragets_frist(system, dnr)
    assert (frist.datum, frist.klar) == (SISTA_DAG, False)

    # Seed 001's verksamhetsplan for the first unit: question 18 prefilled, the lines the
    # importer could not place handed back for a person to check.
    text = SEED001.read_text(encoding="utf-8")
    plan = las_verksamhetsplan(SEED001)
    importerad = importera(system, dnr, FORSTA, hjalp.HANDLAGGARE, "plan-1")
    assert plan.ej_placerat
    assert [e.split(":")[0] for e in importerad.ej_placerade] == [
        f"rad {e.rad}" for e in plan.ej_placerat
    ]
    assert importera(system, dnr, FORSTA, hjalp.HANDLAGGARE, "plan-1") == importerad  # replay
    forsta = oversikt(system, dnr)[FORSTA]
    assert forsta.bidrag.svar == {18: mal_for_fraga_18(plan)}
    assert forsta.plan is not None
    assert forsta.plan.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert forsta.plan.ar == 2012
    assert forsta.plan.ej_placerat == tuple(plan.ej_placerat)
    assert len(forsta.plan.struktur["inriktningsmal"]) == len(plan.inriktningsmal)

    # The rest from seed 003: question 18 keeps the plan's goals.
    skriv_allt(system, dnr, FORSTA, seed, utan=frozenset({18}))
    fore = len(logg(system, dnr))
    skriv_allt(system, dnr, FORSTA, seed, utan=frozenset({18}))  # the replay
    assert len(logg(system, dnr)) == fore
    for enhet in (ANDRA, TREDJE, FJARDE):
        skriv_allt(system, dnr, enhet, seed)
    bidrag = oversikt(system, dnr)
    assert bidrag[FORSTA].bidrag.svar == {**seed.svar, 18: mal_for_fraga_18(plan)}
    assert all(o.komplett for o in bidrag.values()), [o.beskrivning() for o in bidrag.values()]
    assert bidrag[ANDRA].bidrag.svar == seed.svar

    # The unit's chef approves: Dag Helin the first, Eddie Friberg the second.
    godkann(system, dnr, FORSTA, "Dag Helin", "godkann-1", date(2008, 5, 15))
    fore = len(logg(system, dnr))
    godkann(system, dnr, FORSTA, "Dag Helin", "godkann-1", date(2008, 5, 15))
    assert len(logg(system, dnr)) == fore  # the replay
    godkann(system, dnr, ANDRA, "Eddie Friberg", "godkann-2", date(2008, 5, 15))

    # Handed in before the deadline: a receipt, and the document registered as a handling.
    inlamnat = lamna_in(system, dnr, FORSTA, date(2008, 5, 16), hjalp.HANDLAGGARE, "in-1")
    kvitto = oversikt(system, dnr)[FORSTA].bidrag.kvitto
    assert kvitto == Kvitto(FORSTA, 2008, "Stadsledningskontoret", date(2008, 5, 16), 24)
    assert kvitto.text() == (
        "Stadsledningskontoret har den 16 maj 2008 tagit emot Uppsökarenheten för vuxnas "
        "tävlingsbidrag till kvalitetsutmärkelsen 2008 (24 besvarade frågor)."
    )
    assert TavlingsbidragInlamnat(hjalp.d(dnr), FORSTA, kvitto.text()) in inlamnat
    fore_h = len(handlingar(system.uow(), dnr))
    assert lamna_in(system, dnr, FORSTA, date(2008, 5, 16), hjalp.HANDLAGGARE, "in-1") == inlamnat
    assert len(handlingar(system.uow(), dnr)) == fore_h  # the replay registered nothing
    # The registrator registers the second's.
    lamna_in(system, dnr, ANDRA, date(2008, 5, 19), "Per Lindqvist", "in-2")

    forsta_h = tavlingsvy.handling_for(system.uow(), dnr, FORSTA)
    andra_h = tavlingsvy.handling_for(system.uow(), dnr, ANDRA)
    assert forsta_h is not None and andra_h is not None
    assert forsta_h.nummer != andra_h.nummer  # each unit's bidrag is its own handling
    assert (forsta_h.version, andra_h.version) == (1, 1)
    assert forsta_h.typ is Handlingstyp.TAVLINGSBIDRAG
    assert forsta_h.titel == f"Tävlingsbidrag till kvalitetsutmärkelsen 2008: {FORSTA}"
    assert (forsta_h.riktning, forsta_h.motpart) == (Riktning.UTGAENDE, "Stadsledningskontoret")
    assert (forsta_h.datum, forsta_h.last, forsta_h.upprattad_av) == (
        date(2008, 5, 16),
        True,
        "Lena Murray",
    )
    docx = system.arkiv.las(forsta_h.fil)
    assert hashlib.sha256(docx).hexdigest() == forsta_h.sha256

    # The file reads back with every question in order, each followed by its answer.
    stycken = docx_stycken(docx)
    texter = [t for _, t in stycken]
    fragerubriker = [t for s, t in stycken if s == "Heading 2" and t != "Innehållsförteckning"]
    assert fragerubriker == [f.rubrik for f in batteri.fragor]
    svar = {**seed.svar, 18: mal_for_fraga_18(plan)}
    for fraga in batteri.fragor:
        start = max(n for n, (s, t) in enumerate(stycken) if s == "Heading 2" and t == fraga.rubrik)
        slut = next(
            (n for n in range(start + 1, len(stycken)) if stycken[n][0].startswith("Heading")),
            len(stycken),
        )
        assert "\n\n".join(texter[start + 1 : slut]) == svar[fraga.nummer], fraga.nummer
    assert "Godkänt av Dag Helin den 15 maj 2008." in texter
    assert kvitto.text() in texter

    bidrag = oversikt(system, dnr)
    assert bidrag[FORSTA].bidrag.status is Bidragsstatus.INLAMNAT
    assert bidrag[TREDJE].bidrag.status is Bidragsstatus.UTKAST

    # Two of four handed in: the frist, as the last inlämning stored it, is not done yet.
    assert not bidragets_frist(system, dnr).klar

    # Every step is in the audit log with who, in which role, and from which flow run.
    handelser = logg(system, dnr)
    steg = [
        (e.handling, e.aktor, e.roll)
        for e in handelser
        if "tävlingsbidrag" in e.handling or e.handling in ("importera verksamhetsplan",)
    ]
    assert steg == [
        ("öppna tävlingsbidragen", SYSTEMET, SYSTEMROLL),
        ("importera verksamhetsplan", "Lena Murray", "handläggare"),
        *[("skriva tävlingsbidragets svar", "Lena Murray", "handläggare")] * 4,
        ("godkänna tävlingsbidraget", "Dag Helin", "chef"),
        ("godkänna tävlingsbidraget", "Eddie Friberg", "chef"),
        ("registrera inlämningen av tävlingsbidraget", "Lena Murray", "handläggare"),
        ("registrera inlämningen av tävlingsbidraget", "Per Lindqvist", "registrator"),
    ]
    # The system's opening too: it runs in the flow run of the sammanträde that decided.
    assert all(e.flodeskorning == KORNING for e in handelser if "tävlingsbidrag" in e.handling)
    registrerade = [e.innehall for e in handelser if e.handling == "registrera handling"]
    assert [r["typ"] for r in registrerade].count("tävlingsbidrag") == 2


def test_ett_bifall_oppnar_bidragen_med_fristen_i_samma_steg(
    system: Arendesystem, fragekatalog: Path
) -> None:
    """The bidrag are opened by the system right after the bifall, their frist stored in the
    same transaction as the opening."""
    publicera(fragekatalog)
    dnr = registrera(system)
    till_faststallt(system, dnr)
    handelser = hjalp.hall_sammantrade(
        system, {dnr: {"utfall": Utfall.BIFALL, "omedelbart_justerad": True}}
    )
    oppnade = [h.verksamhet for h in handelser if isinstance(h, TavlingsbidragOppnat)]
    assert oppnade == ENHETER
    assert (bidragets_frist(system, dnr).datum, bidragets_frist(system, dnr).klar) == (
        SISTA_DAG,
        False,
    )
    oppning = [e for e in logg(system, dnr) if e.handling == "öppna tävlingsbidragen"]
    assert len(oppning) == 1
    # The frister were recomputed in the opening's own transaction: the next audit event of
    # the ärende after the opening is the system's "uppdatera frister".
    efter = [e for e in logg(system, dnr) if e.sekvens > oppning[0].sekvens]
    assert efter[0].handling == "uppdatera frister"
    assert "tavlingsbidrag" in [r["typ"] for r in efter[0].innehall["efter"]]
    assert "tavlingsbidrag" not in [r["typ"] for r in efter[0].innehall["före"]]


def test_svarsmallen_laddas_upp_och_behaller_forifylld_fraga_18(
    system: Arendesystem, fragekatalog: Path, seed: Seed003
) -> None:
    # The questions come after the nämnd has decided: the system could not open the bidrag
    # (the beslut stands, the refusal is in the history), the handläggare opens them when
    # the questions are there, naming the second unit's contact person.
    dnr = registrera(system)
    till_faststallt(system, dnr)
    handelser = hjalp.hall_sammantrade(
        system, {dnr: {"utfall": Utfall.BIFALL, "omedelbart_justerad": True}}
    )
    (avvisad,) = [h for h in handelser if isinstance(h, ReaktionAvvisad)]
    assert "Frågorna för kvalitetsutmärkelsen 2008 finns inte" in avvisad.meddelande
    assert any(isinstance(h, BeslutFattat) for h in handelser)
    assert tavlingsvy.tavlingsbidrag_for(system.uow(), dnr) == []
    publicera(fragekatalog)
    oppna(system, dnr)
    assert oversikt(system, dnr)[ANDRA].kontaktperson == "Per Lindqvist"

    plan = las_verksamhetsplan(SEED001)
    importera(system, dnr, ANDRA, "Per Lindqvist", "plan")  # the unit's contact person
    batteri = oversikt(system, dnr)[ANDRA].bidrag.fragebatteri
    # The unit leaves question 18 empty in Word: the prefilled goals stay.
    utan_18 = replace(seed, svar={**seed.svar, 18: ""})
    fil = fyll_svarsmall(skapa_svarsmall(batteri, ANDRA), batteri, utan_18)

    def ladda_upp(enhet: str, aktor: str, nyckel: str, innehall: bytes = fil) -> list[Handelse]:
        return system.utfor(
            bidragskommando(
                k.LaddaUppSvarsmall,
                aktor,
                nyckel,
                dnr=hjalp.d(dnr),
                verksamhet=enhet,
                filnamn="svar.docx",
                innehall=innehall,
            )
        )

    ladda_upp(ANDRA, "Per Lindqvist", "upp")
    fore = len(logg(system, dnr))
    ladda_upp(ANDRA, "Per Lindqvist", "upp")  # the replay
    assert len(logg(system, dnr)) == fore
    bidrag = oversikt(system, dnr)[ANDRA]
    assert bidrag.bidrag.svar == {**seed.svar, 18: mal_for_fraga_18(plan)}
    assert bidrag.bidrag.inledning == seed.inledning
    assert bidrag.bidrag.administrativa == seed.administrativa_uppgifter()
    assert bidrag.komplett
    assert [e.roll for e in logg(system, dnr) if e.handling == "ladda upp svarsmall"] == [
        "kontaktperson"
    ]

    # Someone who is neither a handläggare nor the unit's contact may not upload.
    avvisas(
        system,
        dnr,
        lambda: ladda_upp(TREDJE, "Karin Ekström", "upp-k"),
        BehorighetSaknas,
        "Karin Ekström får inte ladda upp svarsmallen för Kruton kris- och utredningscenter "
        "för flickor: det får en handläggare eller verksamhetens kontaktperson göra (Karin "
        "Ekström har rollen nämndsekreterare).",
    )
    # A file that is not an answer template is refused the same way and changes nothing.
    fore_bild = ogonblicksbild(system)
    with pytest.raises(ArendeFel, match="inte en Word-fil"):
        ladda_upp(ANDRA, "Per Lindqvist", "x", b"inte word")
    assert ogonblicksbild(system) == fore_bild
    assert senaste_handelse(system, dnr).innehall["utfall"] == "avvisad"


def avvisas(
    system: Arendesystem, dnr: str, steg: Any, typ: type[ArendeFel], meddelande: str
) -> None:
    """The step is refused with exactly this Swedish message, logged as refused, changes
    nothing else, and its replay (the same key) is refused the same way without being
    logged again."""
    fore = ogonblicksbild(system)
    with pytest.raises(typ) as fel:
        steg()
    assert fel.value.meddelande == meddelande
    assert ogonblicksbild(system) == fore
    handelse = senaste_handelse(system, dnr)
    assert handelse.innehall["utfall"] == "avvisad"
    assert handelse.innehall["meddelande"] == meddelande
    with pytest.raises(ArendeFel) as igen:
        steg()
    assert igen.value.meddelande == meddelande
    assert ogonblicksbild(system) == fore
    assert senaste_handelse(system, dnr).sekvens == handelse.sekvens


def test_svar_innan_nomineringen_ar_beslutad_avvisas(
    system: Arendesystem, fragekatalog: Path, seed: Seed003
) -> None:
    publicera(fragekatalog)
    dnr = registrera(system)
    till_faststallt(system, dnr)
    avvisas(
        system,
        dnr,
        lambda: skriv_allt(system, dnr, FORSTA, seed),
        OtillatenOvergang,
        f"Det går inte att skriva tävlingsbidragets svar: nämnden har inte beslutat om "
        f"nomineringen i ärende {dnr} ännu. Tävlingsbidragen öppnas när nomineringen är "
        "beslutad.",
    )
    avvisas(
        system,
        dnr,
        lambda: oppna(system, dnr),
        OtillatenOvergang,
        f"Det går inte att öppna tävlingsbidragen: nämnden har inte beslutat om "
        f"nomineringen i ärende {dnr} ännu. Tävlingsbidragen öppnas när nomineringen är "
        "beslutad.",
    )
    assert tavlingsvy.tavlingsbidrag_for(system.uow(), dnr) == []


def test_inlamning_och_godkannande_som_inte_far_ske_avvisas(
    system: Arendesystem, fragekatalog: Path, seed: Seed003
) -> None:
    publicera(fragekatalog)
    dnr = beslutat(system)

    # Unanswered questions: cannot be handed in (nor approved).
    system.utfor(
        bidragskommando(
            k.SkrivSvar,
            hjalp.HANDLAGGARE,
            "svar-delvis",
            dnr=hjalp.d(dnr),
            verksamhet=TREDJE,
            svar={n: seed.svar[n] for n in range(1, 23)},
            inledning=seed.inledning,
            administrativa=seed.administrativa,
        )
    )
    avvisas(
        system,
        dnr,
        lambda: lamna_in(system, dnr, TREDJE, date(2008, 5, 16), hjalp.HANDLAGGARE, "in-3"),
        OtillatenOvergang,
        f"Tävlingsbidraget för {TREDJE} kan inte lämnas in. Frågorna 23, 24 är obesvarade.",
    )

    # A handläggare cannot approve.
    skriv_allt(system, dnr, FJARDE, seed)
    avvisas(
        system,
        dnr,
        lambda: godkann(system, dnr, FJARDE, "Lena Murray", "g-4", date(2008, 5, 15)),
        BehorighetSaknas,
        "Lena Murray får inte godkänna tävlingsbidraget: det får bara en chef göra (Lena "
        "Murray har rollen handläggare).",
    )
    # Nor a chef who is not the unit's.
    avvisas(
        system,
        dnr,
        lambda: godkann(system, dnr, FJARDE, "Dag Helin", "g-4b", date(2008, 5, 15)),
        OtillatenOvergang,
        f"Dag Helin får inte godkänna tävlingsbidraget för {FJARDE}: det gör verksamhetens "
        "chef, Eddie Friberg.",
    )

    # After the deadline: refused, with the day it should have been there.
    godkann(system, dnr, FJARDE, "Eddie Friberg", "g-4c", SISTA_DAG)
    # The chef can take the approval back (the unit changes an answer) and approve again.
    system.utfor(
        bidragskommando(
            k.AterkallaGodkannande, "Eddie Friberg", "a-4", dnr=hjalp.d(dnr), verksamhet=FJARDE
        )
    )
    assert oversikt(system, dnr)[FJARDE].bidrag.status is Bidragsstatus.UTKAST
    godkann(system, dnr, FJARDE, "Eddie Friberg", "g-4d", SISTA_DAG)
    assert oversikt(system, dnr)[FJARDE].bidrag.status is Bidragsstatus.GODKANT
    avvisas(
        system,
        dnr,
        lambda: lamna_in(system, dnr, FJARDE, date(2008, 5, 20), hjalp.HANDLAGGARE, "in-4"),
        OtillatenOvergang,
        f"Tävlingsbidraget för {FJARDE} kan inte lämnas in den 20 maj 2008: sista dag att "
        "lämna det till Stadsledningskontoret var den 19 maj 2008.",
    )
    # A chef cannot register the submission; the registrator can, on the last day.
    avvisas(
        system,
        dnr,
        lambda: lamna_in(system, dnr, FJARDE, SISTA_DAG, "Eddie Friberg", "in-4b"),
        BehorighetSaknas,
        "Eddie Friberg får inte registrera inlämningen av tävlingsbidraget: det får bara en "
        "handläggare eller registrator göra (Eddie Friberg har rollen chef).",
    )
    lamna_in(system, dnr, FJARDE, SISTA_DAG, "Per Lindqvist", "in-4c")
    kvitto = oversikt(system, dnr)[FJARDE].bidrag.kvitto
    assert kvitto is not None and kvitto.mottaget == SISTA_DAG
    # Once handed in, the answers are fixed.
    avvisas(
        system,
        dnr,
        lambda: system.utfor(
            bidragskommando(
                k.SkrivSvar,
                hjalp.HANDLAGGARE,
                "sent",
                dnr=hjalp.d(dnr),
                verksamhet=FJARDE,
                svar={1: "Nytt svar"},
            )
        ),
        OtillatenOvergang,
        f"Det går inte att fylla i tävlingsbidraget: tävlingsbidraget för {FJARDE} lämnades "
        "in till Stadsledningskontoret den 19 maj 2008.",
    )


def test_avslag_ger_inga_tavlingsbidrag(system: Arendesystem, fragekatalog: Path) -> None:
    publicera(fragekatalog)
    dnr = registrera(system)
    till_faststallt(system, dnr)
    handelser = hjalp.hall_sammantrade(system, {dnr: Utfall.AVSLAG})
    (beslut,) = [h for h in handelser if isinstance(h, BeslutFattat)]
    # No reaction to an avslag: the system opens nothing, and a person cannot either.
    assert not [h for h in handelser if isinstance(h, TavlingsbidragOppnat | ReaktionAvvisad)]
    avvisas(
        system,
        dnr,
        lambda: oppna(system, dnr),
        OtillatenOvergang,
        f"Det går inte att öppna tävlingsbidragen: nämnden beslutade avslag om nomineringen i "
        f"ärende {dnr} (§ {beslut.paragraf}), så inga tävlingsbidrag lämnas in.",
    )


def test_fragor_for_ett_ar_som_saknas_avvisas(system: Arendesystem, fragekatalog: Path) -> None:
    dnr = beslutat(system)  # the folder has no questions for 2008
    (avvisad,) = [e for e in logg(system, dnr) if e.handling == "öppna tävlingsbidragen"]
    assert avvisad.aktor == SYSTEMET and avvisad.innehall["utfall"] == "avvisad"
    assert "Frågorna för kvalitetsutmärkelsen 2008 finns inte" in avvisad.innehall["meddelande"]
    fore = ogonblicksbild(system)
    with pytest.raises(ArendeFel, match="Frågorna för kvalitetsutmärkelsen 2008 finns inte"):
        oppna(system, dnr)
    assert ogonblicksbild(system) == fore
