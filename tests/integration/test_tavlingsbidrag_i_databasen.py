"""The tävlingsbidrag after seed 000's nomination, through the service layer, on SQLite and
PostgreSQL: opened when the nämnd has decided, question 18 prefilled from seed 001's
verksamhetsplan, the rest from seed 003, approved by the unit's chef, handed in before
19 May 2008 with a receipt and a registered handling whose file has every question in
order. Replays are no-ops; refusals are Swedish, logged, and change nothing else."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, select

from arende.adapters.dokumentmallar import docx_stycken
from arende.adapters.fragebatterifil import las_fragebatteri, las_fragebatteri_for
from arende.adapters.svarsmall import las_svarsmall, skapa_svarsmall
from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan, las_verksamhetsplan
from arende.bootstrap import Arendesystem
from arende.domain.fel import ArendeFel, BehorighetSaknas, OtillatenOvergang
from arende.domain.frister import Fristtyp
from arende.domain.handling import Handlingstyp, Riktning
from arende.domain.tavlingsbidrag import Bidragsstatus, Kvitto
from arende.domain.verksamhetsplan import mal_for_fraga_18
from arende.service_layer import frister
from arende.service_layer import tavlingsbidrag as tb
from arende.service_layer.handlingar import handlingar
from tests.integration.test_tavlingsdokument import fyll_svarsmall
from tests.seed000 import exempel, hela_vagen, kontext, registrera, till_faststallt
from tests.seed003 import Seed003, las_seed003

ROT = Path(__file__).resolve().parents[2]
FIL_2020 = ROT / "deployments" / "fragor" / "kvalitetsutmarkelsen_2020.toml"
SEED001 = ROT / "tests" / "data" / "seed_001_verksamhetsplan_vuxenenheten_2012.txt"
ENHETER = [e["namn"] for e in exempel()["uppgifter"]["enheter"]]
FORSTA, ANDRA, TREDJE, FJARDE = ENHETER
SISTA_DAG = date(2008, 5, 19)


@pytest.fixture
def fragekatalog(tmp_path: Path) -> Path:
    """The 2008 award's questions are not known; seed 000's nomination gets the 2020 set,
    read through the real reader from a folder of its own."""
    katalog = tmp_path / "fragor"
    katalog.mkdir()
    text = FIL_2020.read_text(encoding="utf-8").replace("ar = 2020", "ar = 2008", 1)
    (katalog / "kvalitetsutmarkelsen_2008.toml").write_text(text, encoding="utf-8")
    return katalog


@pytest.fixture(scope="module")
def seed() -> Seed003:
    return las_seed003(las_fragebatteri(FIL_2020))


def beslutat(system: Arendesystem) -> str:
    dnr = registrera(system)
    hela_vagen(system, dnr)
    return dnr


def oppna(system: Arendesystem, dnr: str, katalog: Path, nyckel: str = "tavling-oppna") -> bool:
    return tb.oppna_tavlingsbidrag(
        dnr,
        system.uow(),
        kontext(tb.SYSTEMET, nyckel),
        partial(las_fragebatteri_for, katalog),
        chefer={FORSTA: "Dag Helin"},  # the others: the avdelningschef, Eddie Friberg
        kontaktpersoner={ANDRA: "Per Lindqvist"},
    )


def skriv_allt(
    system: Arendesystem, dnr: str, enhet: str, seed: Seed003, utan: frozenset[int] = frozenset()
) -> bool:
    return tb.skriv_svar(
        dnr,
        enhet,
        {n: t for n, t in seed.svar.items() if n not in utan},
        seed.inledning,
        seed.administrativa,
        system.uow(),
        kontext("Lena Murray", f"svar-{enhet}"),
    )


def oversikt(system: Arendesystem, dnr: str) -> dict[str, tb.Bidragsoversikt]:
    return {o.verksamhet: o for o in tb.tavlingsbidrag_for(system.uow(), dnr)}


def ogonblicksbild(system: Arendesystem) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the step log and the audit log, which a refusal writes."""
    with Session(system.motor) as s:
        return {
            t.name: sorted((tuple(map(str, r)) for r in s.execute(select(t))), key=str)
            for t in SQLModel.metadata.sorted_tables
            if t.name not in ("utfort_steg", "granskningslogg", "granskningshuvud")
        }


def senaste_handelse(system: Arendesystem, dnr: str) -> Any:
    with system.uow() as uow:
        return uow.logg.for_arende(dnr)[-1]


def test_fran_beslut_till_kvitto_och_registrerad_handling(
    system: Arendesystem, fragekatalog: Path, seed: Seed003
) -> None:
    dnr = beslutat(system)
    batteri = las_fragebatteri_for(fragekatalog, 2008)

    # Opened once the nomination is decided: one bidrag per nominated unit, in its order.
    assert oppna(system, dnr, fragekatalog)
    assert not oppna(system, dnr, fragekatalog)  # the replay
    assert not oppna(system, dnr, fragekatalog, "tavling-oppna-igen")  # all already open
    bidrag = oversikt(system, dnr)
    assert list(bidrag) == ENHETER
    for o in bidrag.values():
        assert o.bidrag.status is Bidragsstatus.UTKAST
        assert o.bidrag.sista_dag == SISTA_DAG
        assert o.bidrag.mottagare == "Stadsledningskontoret"
        assert o.bidrag.fragebatteri == batteri
        assert o.antal_besvarade == 0 and not o.komplett
    assert bidrag[FORSTA].bidrag.ansvarig_chef == "Dag Helin"
    assert bidrag[TREDJE].bidrag.ansvarig_chef == "Eddie Friberg"
    assert bidrag[ANDRA].kontaktperson == "Per Lindqvist"

    # Their sista dag is a frist of the ärende (the nomination's frist, same day, reminds).
    lista = frister.uppdatera_frister(dnr, system.uow(), system.kalender)
    frist = next(f for f in lista if f.typ is Fristtyp.TAVLINGSBIDRAG)
    assert (frist.datum, frist.klar) == (SISTA_DAG, False)

    # Seed 001's verksamhetsplan for the first unit: question 18 prefilled, the lines the
    # importer could not place handed back for a person to check.
    text = SEED001.read_text(encoding="utf-8")
    plan = las_verksamhetsplan(SEED001)
    ej_placerat = tb.importera_verksamhetsplan(
        dnr,
        FORSTA,
        text,
        system.uow(),
        kontext("Lena Murray", "plan-1"),
        importera_verksamhetsplan,
    )
    assert ej_placerat == plan.ej_placerat and ej_placerat
    assert (
        tb.importera_verksamhetsplan(
            dnr,
            FORSTA,
            text,
            system.uow(),
            kontext("Lena Murray", "plan-1"),
            importera_verksamhetsplan,
        )
        == ej_placerat
    )
    forsta = oversikt(system, dnr)[FORSTA]
    assert forsta.bidrag.svar == {18: mal_for_fraga_18(plan)}
    assert forsta.plan is not None
    assert forsta.plan.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert forsta.plan.ar == 2012
    assert forsta.plan.ej_placerat == tuple(plan.ej_placerat)
    assert len(forsta.plan.struktur["inriktningsmal"]) == len(plan.inriktningsmal)

    # The rest from seed 003: question 18 keeps the plan's goals.
    assert skriv_allt(system, dnr, FORSTA, seed, utan=frozenset({18}))
    assert not skriv_allt(system, dnr, FORSTA, seed, utan=frozenset({18}))  # the replay
    for enhet in (ANDRA, TREDJE, FJARDE):
        assert skriv_allt(system, dnr, enhet, seed)
    bidrag = oversikt(system, dnr)
    assert bidrag[FORSTA].bidrag.svar == {**seed.svar, 18: mal_for_fraga_18(plan)}
    assert all(o.komplett for o in bidrag.values()), [o.beskrivning() for o in bidrag.values()]
    assert bidrag[ANDRA].bidrag.svar == seed.svar

    # The unit's chef approves: Dag Helin the first, Eddie Friberg the second.
    godkann = partial(tb.godkann, klocka=system.klocka)
    assert godkann(
        dnr, FORSTA, system.uow(), kontext("Dag Helin", "godkann-1"), datum=date(2008, 5, 15)
    )
    assert not godkann(
        dnr, FORSTA, system.uow(), kontext("Dag Helin", "godkann-1"), datum=date(2008, 5, 15)
    )
    assert godkann(
        dnr, ANDRA, system.uow(), kontext("Eddie Friberg", "godkann-2"), datum=date(2008, 5, 15)
    )

    # Handed in before the deadline: a receipt, and the document registered as a handling.
    lamna_in = partial(tb.lamna_in, klocka=system.klocka, dokument=system.dokument)
    kvitto = lamna_in(dnr, FORSTA, date(2008, 5, 16), system.uow(), kontext("Lena Murray", "in-1"))
    assert kvitto == Kvitto(FORSTA, 2008, "Stadsledningskontoret", date(2008, 5, 16), 24)
    assert kvitto.text() == (
        "Stadsledningskontoret har den 16 maj 2008 tagit emot Uppsökarenheten för vuxnas "
        "tävlingsbidrag till kvalitetsutmärkelsen 2008 (24 besvarade frågor)."
    )
    fore = len(handlingar(system.uow(), dnr))
    assert (
        lamna_in(dnr, FORSTA, date(2008, 5, 16), system.uow(), kontext("Lena Murray", "in-1"))
        == kvitto
    )
    assert len(handlingar(system.uow(), dnr)) == fore  # the replay registered nothing
    lamna_in(dnr, ANDRA, date(2008, 5, 19), system.uow(), kontext("Per Lindqvist", "in-2"))

    forsta_h = tb.handling_for(system.uow(), dnr, FORSTA)
    andra_h = tb.handling_for(system.uow(), dnr, ANDRA)
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
    assert bidrag[FORSTA].bidrag.kvitto == kvitto
    assert bidrag[TREDJE].bidrag.status is Bidragsstatus.UTKAST

    # Two of four handed in: the frist is not done yet.
    lista = frister.uppdatera_frister(dnr, system.uow(), system.kalender)
    assert not next(f for f in lista if f.typ is Fristtyp.TAVLINGSBIDRAG).klar

    # Every step is in the audit log with who, in which role, and from which flow run.
    with system.uow() as uow:
        handelser = uow.logg.for_arende(dnr)
    steg = [
        (e.handling, e.aktor, e.roll)
        for e in handelser
        if "tävlingsbidrag" in e.handling or e.handling in ("importera verksamhetsplan",)
    ]
    assert steg == [
        ("öppna tävlingsbidragen", tb.SYSTEMET, tb.SYSTEMROLL),
        ("importera verksamhetsplan", "Lena Murray", "handläggare"),
        *[("skriva tävlingsbidragets svar", "Lena Murray", "handläggare")] * 4,
        ("godkänna tävlingsbidraget", "Dag Helin", "chef"),
        ("godkänna tävlingsbidraget", "Eddie Friberg", "chef"),
        ("registrera inlämningen av tävlingsbidraget", "Lena Murray", "handläggare"),
        ("registrera inlämningen av tävlingsbidraget", "Per Lindqvist", "registrator"),
    ]
    assert all(e.flodeskorning for e in handelser if "tävlingsbidrag" in e.handling)
    registrerade = [e.innehall for e in handelser if e.handling == "registrera handling"]
    assert [r["typ"] for r in registrerade].count("tävlingsbidrag") == 2


def test_svarsmallen_laddas_upp_och_behaller_forifylld_fraga_18(
    system: Arendesystem, fragekatalog: Path, seed: Seed003
) -> None:
    dnr = beslutat(system)
    oppna(system, dnr, fragekatalog)
    plan = las_verksamhetsplan(SEED001)
    tb.importera_verksamhetsplan(
        dnr,
        ANDRA,
        SEED001.read_text(encoding="utf-8"),
        system.uow(),
        kontext("Per Lindqvist", "plan"),  # the unit's contact person
        importera_verksamhetsplan,
    )
    batteri = oversikt(system, dnr)[ANDRA].bidrag.fragebatteri
    # The unit leaves question 18 empty in Word: the prefilled goals stay.
    utan_18 = replace(seed, svar={**seed.svar, 18: ""})
    fil = fyll_svarsmall(skapa_svarsmall(batteri, ANDRA), batteri, utan_18)
    ladda_upp = partial(tb.ladda_upp_svarsmall, las=las_svarsmall)
    assert ladda_upp(dnr, ANDRA, "svar.docx", fil, system.uow(), kontext("Per Lindqvist", "upp"))
    assert not ladda_upp(
        dnr, ANDRA, "svar.docx", fil, system.uow(), kontext("Per Lindqvist", "upp")
    )
    bidrag = oversikt(system, dnr)[ANDRA]
    assert bidrag.bidrag.svar == {**seed.svar, 18: mal_for_fraga_18(plan)}
    assert bidrag.bidrag.inledning == seed.inledning
    assert bidrag.bidrag.administrativa == seed.administrativa_uppgifter()
    assert bidrag.komplett

    # Someone who is neither a handläggare nor the unit's contact may not upload.
    fore = ogonblicksbild(system)
    with pytest.raises(BehorighetSaknas) as fel:
        ladda_upp(dnr, TREDJE, "svar.docx", fil, system.uow(), kontext("Karin Ekström", "upp-k"))
    assert fel.value.meddelande == (
        "Karin Ekström får inte ladda upp svarsmallen för Kruton kris- och utredningscenter "
        "för flickor: det får en handläggare eller verksamhetens kontaktperson göra (Karin "
        "Ekström har rollen nämndsekreterare)."
    )
    assert ogonblicksbild(system) == fore
    # A file that is not an answer template is refused the same way and changes nothing.
    with pytest.raises(ArendeFel, match="inte en Word-fil"):
        ladda_upp(
            dnr, ANDRA, "svar.docx", b"inte word", system.uow(), kontext("Per Lindqvist", "x")
        )
    assert ogonblicksbild(system) == fore
    assert senaste_handelse(system, dnr).innehall["utfall"] == "avvisad"


def avvisas(
    system: Arendesystem, dnr: str, steg: Any, typ: type[ArendeFel], meddelande: str
) -> None:
    """The step is refused with exactly this Swedish message, logged as refused, changes
    nothing else, and its replay is refused the same way."""
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


def test_svar_innan_nomineringen_ar_beslutad_avvisas(
    system: Arendesystem, fragekatalog: Path, seed: Seed003
) -> None:
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
        lambda: oppna(system, dnr, fragekatalog),
        OtillatenOvergang,
        f"Det går inte att öppna tävlingsbidragen: nämnden har inte beslutat om "
        f"nomineringen i ärende {dnr} ännu. Tävlingsbidragen öppnas när nomineringen är "
        "beslutad.",
    )
    assert tb.tavlingsbidrag_for(system.uow(), dnr) == []


def test_inlamning_och_godkannande_som_inte_far_ske_avvisas(
    system: Arendesystem, fragekatalog: Path, seed: Seed003
) -> None:
    dnr = beslutat(system)
    oppna(system, dnr, fragekatalog)
    lamna_in = partial(tb.lamna_in, klocka=system.klocka, dokument=system.dokument)

    # Unanswered questions: cannot be handed in (nor approved).
    tb.skriv_svar(
        dnr,
        TREDJE,
        {n: seed.svar[n] for n in range(1, 23)},
        seed.inledning,
        seed.administrativa,
        system.uow(),
        kontext("Lena Murray", "svar-delvis"),
    )
    avvisas(
        system,
        dnr,
        lambda: lamna_in(
            dnr, TREDJE, date(2008, 5, 16), system.uow(), kontext("Lena Murray", "in-3")
        ),
        OtillatenOvergang,
        f"Tävlingsbidraget för {TREDJE} kan inte lämnas in. Frågorna 23, 24 är obesvarade.",
    )

    # A handläggare cannot approve.
    skriv_allt(system, dnr, FJARDE, seed)
    avvisas(
        system,
        dnr,
        lambda: tb.godkann(
            dnr,
            FJARDE,
            system.uow(),
            kontext("Lena Murray", "g-4"),
            system.klocka,
            date(2008, 5, 15),
        ),
        BehorighetSaknas,
        "Lena Murray får inte godkänna tävlingsbidraget: det får bara en chef göra (Lena "
        "Murray har rollen handläggare).",
    )
    # Nor a chef who is not the unit's.
    avvisas(
        system,
        dnr,
        lambda: tb.godkann(
            dnr,
            FJARDE,
            system.uow(),
            kontext("Dag Helin", "g-4b"),
            system.klocka,
            date(2008, 5, 15),
        ),
        OtillatenOvergang,
        f"Dag Helin får inte godkänna tävlingsbidraget för {FJARDE}: det gör verksamhetens "
        "chef, Eddie Friberg.",
    )

    # After the deadline: refused, with the day it should have been there.
    assert tb.godkann(
        dnr, FJARDE, system.uow(), kontext("Eddie Friberg", "g-4c"), system.klocka, SISTA_DAG
    )
    # The chef can take the approval back (the unit changes an answer) and approve again.
    assert tb.aterkalla_godkannande(dnr, FJARDE, system.uow(), kontext("Eddie Friberg", "a-4"))
    assert oversikt(system, dnr)[FJARDE].bidrag.status is Bidragsstatus.UTKAST
    assert tb.godkann(
        dnr, FJARDE, system.uow(), kontext("Eddie Friberg", "g-4d"), system.klocka, SISTA_DAG
    )
    avvisas(
        system,
        dnr,
        lambda: lamna_in(
            dnr, FJARDE, date(2008, 5, 20), system.uow(), kontext("Lena Murray", "in-4")
        ),
        OtillatenOvergang,
        f"Tävlingsbidraget för {FJARDE} kan inte lämnas in den 20 maj 2008: sista dag att "
        "lämna det till Stadsledningskontoret var den 19 maj 2008.",
    )
    # A chef cannot register the submission; the registrator can, on the last day.
    avvisas(
        system,
        dnr,
        lambda: lamna_in(dnr, FJARDE, SISTA_DAG, system.uow(), kontext("Eddie Friberg", "in-4b")),
        BehorighetSaknas,
        "Eddie Friberg får inte registrera inlämningen av tävlingsbidraget: det får bara en "
        "handläggare eller registrator göra (Eddie Friberg har rollen chef).",
    )
    kvitto = lamna_in(dnr, FJARDE, SISTA_DAG, system.uow(), kontext("Per Lindqvist", "in-4c"))
    assert kvitto.mottaget == SISTA_DAG
    # Once handed in, the answers are fixed.
    avvisas(
        system,
        dnr,
        lambda: tb.skriv_svar(
            dnr, FJARDE, {1: "Nytt svar"}, None, None, system.uow(), kontext("Lena Murray", "sent")
        ),
        OtillatenOvergang,
        f"Det går inte att fylla i tävlingsbidraget: tävlingsbidraget för {FJARDE} lämnades "
        "in till Stadsledningskontoret den 19 maj 2008.",
    )


def test_avslag_ger_inga_tavlingsbidrag(system: Arendesystem, fragekatalog: Path) -> None:
    from arende.domain.skeden import Utfall
    from arende.service_layer import handlers as h

    dnr = registrera(system)
    till_faststallt(system, dnr)
    h.satt_pa_dagordning(
        dnr,
        date(2008, 5, 13),
        system.uow(),
        kontext("Lena Murray", "d"),
        system.klocka,
        dokument=system.dokument,
    )
    h.registrera_beslut(
        dnr, Utfall.AVSLAG, 45, False, system.uow(), kontext("Karin Ekström", "b"), system.klocka
    )
    avvisas(
        system,
        dnr,
        lambda: oppna(system, dnr, fragekatalog),
        OtillatenOvergang,
        f"Det går inte att öppna tävlingsbidragen: nämnden beslutade avslag om nomineringen i "
        f"ärende {dnr} (§ 45), så inga tävlingsbidrag lämnas in.",
    )


def test_fragor_for_ett_ar_som_saknas_avvisas(system: Arendesystem, tmp_path: Path) -> None:
    dnr = beslutat(system)
    tom = tmp_path / "tom"
    tom.mkdir()
    fore = ogonblicksbild(system)
    with pytest.raises(ArendeFel, match="Frågorna för kvalitetsutmärkelsen 2008 finns inte"):
        oppna(system, dnr, tom)
    assert ogonblicksbild(system) == fore
