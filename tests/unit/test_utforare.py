"""The runner's guarantees (service_layer/utforare.py), each on its own, on the fake unit of
work (tests/fakes.py): step keys, refusals logged once, who may act, frister in the step's
own transaction, and the ärendetyper's declared reactions."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from arende.domain.datum import STOCKHOLM
from arende.domain.fel import ArendeFel, BehorighetSaknas, OtillatenOvergang
from arende.domain.frister import Fristtyp
from arende.domain.handelser import (
    ArendetFlyttat,
    BeslutFattat,
    Handelse,
    ReaktionAvvisad,
    TavlingsbidragOppnat,
)
from arende.domain.sammantrade.mote import Sammantradesstatus
from arende.domain.skeden import Skede, Utfall
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from arende.service_layer.kommandon import SYSTEMET, SYSTEMROLL
from arende.service_layer.ports import Loggpost
from tests import hjalp, seed000
from tests.fakes import FakeSystem

OSN = "Östermalms stadsdelsnämnd"
THERESE = "Therese Bengtsson"  # handläggare and chef in Östermalm (seed 003)
MOTE_2020 = date(2020, 5, 14)


def logg(system: FakeSystem, dnr: str | None = None) -> list[Loggpost]:
    return [p for p in system.logg() if dnr is None or p.dnr == dnr]


def nominering_2020(system: FakeSystem) -> str:
    """Östermalm nominates its Vuxenenhet to the award of 2020 (the year with a question
    set), Therese Bengtsson the unit's chef; beredd to a fastställt förslag."""
    dnr = hjalp.registrera(
        system,
        "nominering",
        {
            "utmarkelsear": 2020,
            "enheter": [{"namn": "Vuxenenheten", "klass": "socialtjänst", "chef": THERESE}],
            "omedelbar_justering": "enligt tidsplanen",
        },
        namnd=OSN,
        handlaggare=THERESE,
        sammantrade=MOTE_2020,
        registreringsdatum=date(2020, 3, 2),
    )
    hjalp.bered(
        system,
        dnr,
        samverkan=date(2020, 5, 4),
        faststallt=date(2020, 5, 5),
        handlaggare=THERESE,
        chefer=("Birgitta Sjöberg", THERESE),
    )
    return dnr


def oppna_mote(system: FakeSystem, namnd: str, datum: date, sekreterare: str) -> None:
    """Kallelse and opening, through the sammanträde's own commands."""
    ordf, vice = hjalp.ordforande_och_justerare(system, namnd)
    system.utfor(
        hjalp.sammantradeskommando(
            k.Kalla, datum, namnd=namnd, aktor=sekreterare, utskick=datum - timedelta(days=7)
        )
    )
    system.utfor(
        hjalp.sammantradeskommando(
            k.Oppna,
            datum,
            namnd=namnd,
            aktor=sekreterare,
            narvaro=hjalp.narvaro(system, namnd),
            ordforande=ordf,
            justerare=[vice],
            justering_forsta=datum,
            justering_sista=datum + timedelta(days=14),
        )
    )


# -- the step key ---------------------------------------------------------------------------


def test_ett_kommando_under_en_anvand_nyckel_ger_samma_handelser_och_andrar_inget(
    fake_system: FakeSystem,
) -> None:
    dnr = seed000.registrera(fake_system)
    a = hjalp.d(dnr)
    fake_system.utfor(k.PaborjaBeredning(aktor=hjalp.HANDLAGGARE, nyckel=hjalp.nyckel(), dnr=a))
    samverkan = k.RegistreraSamverkan(
        aktor=hjalp.HANDLAGGARE, nyckel="samverkan-1", dnr=a, datum=date(2008, 5, 6)
    )
    forsta = fake_system.utfor(samverkan)
    assert forsta == [ArendetFlyttat(a, "nominering", Skede.SAMVERKAT.value)]
    fore = (hjalp.arende(fake_system, dnr), logg(fake_system), len(fake_system.databas.commits))

    # The same command again, and another under the same key (another day): not judged anew.
    igen = fake_system.utfor(samverkan)
    annan = fake_system.utfor(dataclasses.replace(samverkan, datum=date(2008, 5, 2)))

    assert igen == annan == forsta
    efter = (hjalp.arende(fake_system, dnr), logg(fake_system), len(fake_system.databas.commits))
    assert efter == fore  # the ärende, the audit log, and no transaction committed
    samverkat = efter[0].samverkan
    assert samverkat is not None and samverkat.datum == date(2008, 5, 6)


def test_en_registrering_under_en_anvand_nyckel_registrerar_inget_nytt(
    fake_system: FakeSystem,
) -> None:
    nyckel = hjalp.nyckel("registrering")
    dnr = hjalp.registrera(fake_system, "nominering", seed000.uppgifter(), nyckel_=nyckel)
    igen = hjalp.registrera(fake_system, "nominering", seed000.uppgifter(), nyckel_=nyckel)
    assert igen == dnr == "SoN 2008/1"
    with fake_system.uow() as uow:
        assert [r.dnr for r in uow.arenden.diarium()] == [dnr]


# -- refusals -------------------------------------------------------------------------------


def test_ett_vagrat_kommando_loggas_en_gang_och_vagras_likadant_igen(
    fake_system: FakeSystem,
) -> None:
    dnr = seed000.registrera(fake_system)
    a = hjalp.d(dnr)
    # Samverkan before the beredning has begun.
    samverkan = k.RegistreraSamverkan(
        aktor=hjalp.HANDLAGGARE, nyckel="samverkan-1", dnr=a, datum=date(2008, 5, 6)
    )
    fore = hjalp.arende(fake_system, dnr)
    with pytest.raises(OtillatenOvergang) as forsta:
        fake_system.utfor(samverkan)
    assert "Det går inte att registrera samverkan i SoN 2008/1" in forsta.value.meddelande
    assert hjalp.arende(fake_system, dnr) == fore

    avvisade = [p for p in logg(fake_system, dnr) if p.innehall.get("utfall") == "avvisad"]
    assert [(p.handling, p.aktor, p.roll) for p in avvisade] == [
        ("registrera samverkan", hjalp.HANDLAGGARE, "handläggare")
    ]
    assert avvisade[0].innehall["meddelande"] == forsta.value.meddelande
    assert avvisade[0].innehall["begärt"] == {
        "dnr": "SoN 2008/1",
        "datum": "2008-05-06",
        "anteckning": "",
    }

    # Once the beredning has begun the step could be taken, but under its key it was
    # refused: it is refused the same way, and not logged again.
    fake_system.utfor(k.PaborjaBeredning(aktor=hjalp.HANDLAGGARE, nyckel=hjalp.nyckel(), dnr=a))
    antal = len(logg(fake_system))
    with pytest.raises(ArendeFel) as igen:
        fake_system.utfor(samverkan)
    assert igen.value.meddelande == forsta.value.meddelande
    assert len(logg(fake_system)) == antal
    assert hjalp.arende(fake_system, dnr).skede is Skede.UNDER_BEREDNING


def test_fel_roll_vagras(fake_system: FakeSystem) -> None:
    dnr = seed000.registrera(fake_system)
    fore = (hjalp.arende(fake_system, dnr), fake_system.databas.lager.frister)
    with pytest.raises(BehorighetSaknas) as fel:
        fake_system.utfor(
            k.PaborjaBeredning(aktor="Dag Helin", nyckel=hjalp.nyckel(), dnr=hjalp.d(dnr))
        )
    assert fel.value.meddelande == (
        "Dag Helin får inte påbörja beredning: det får bara en handläggare göra "
        "(Dag Helin har rollen chef)."
    )
    assert (hjalp.arende(fake_system, dnr), fake_system.databas.lager.frister) == fore
    senaste = logg(fake_system, dnr)[-1]
    assert (senaste.handling, senaste.aktor, senaste.innehall["utfall"]) == (
        "påbörja beredning",
        "Dag Helin",
        "avvisad",
    )


def test_en_handlaggare_i_en_annan_namnd_far_inte_registrera(fake_system: FakeSystem) -> None:
    with pytest.raises(BehorighetSaknas) as fel:
        hjalp.registrera(
            fake_system, "nominering", seed000.uppgifter(), handlaggare=THERESE, aktor=THERESE
        )
    assert fel.value.meddelande == (
        "Therese Bengtsson får inte registrera ärendet i Socialtjänstnämndens diarium: det hör "
        "till Socialtjänstnämnden, och Therese Bengtsson hör till Östermalms stadsdelsnämnd."
    )
    with fake_system.uow() as uow:
        assert uow.arenden.diarium() == []
    assert fake_system.databas.lager.diarieserier == {}
    senaste = logg(fake_system)[-1]
    assert (senaste.handling, senaste.aktor, senaste.dnr, senaste.innehall["utfall"]) == (
        "registrera ärendet",
        THERESE,
        None,
        "avvisad",
    )


def test_en_chef_i_en_annan_namnd_far_inte_faststalla(fake_system: FakeSystem) -> None:
    dnr = seed000.registrera(fake_system)
    a = hjalp.d(dnr)
    fake_system.utfor(k.PaborjaBeredning(aktor=hjalp.HANDLAGGARE, nyckel=hjalp.nyckel(), dnr=a))
    fake_system.utfor(
        k.RegistreraSamverkan(
            aktor=hjalp.HANDLAGGARE, nyckel=hjalp.nyckel(), dnr=a, datum=date(2008, 5, 6)
        )
    )
    fore = hjalp.arende(fake_system, dnr)

    def faststall(aktor: str, *undertecknare: str) -> str:
        with pytest.raises(BehorighetSaknas) as fel:
            fake_system.utfor(
                k.FaststallForslag(
                    aktor=aktor,
                    nyckel=hjalp.nyckel(),
                    dnr=a,
                    datum=date(2008, 5, 7),
                    undertecknare=list(undertecknare),
                )
            )
        assert hjalp.arende(fake_system, dnr) == fore
        with fake_system.uow() as uow:
            assert uow.handlingar.for_arende(dnr) == []  # no tjänsteutlåtande registered
        return fel.value.meddelande

    assert faststall("Birgitta Sjöberg", "Birgitta Sjöberg") == (
        "Birgitta Sjöberg får inte fastställa förslaget till beslut i SoN 2008/1: det hör till "
        "Socialtjänstnämnden, och Birgitta Sjöberg hör till Östermalms stadsdelsnämnd."
    )
    # Nor may she sign beside a chef of the nämnd.
    assert faststall("Dag Helin", "Dag Helin", "Birgitta Sjöberg") == (
        "Birgitta Sjöberg får inte underteckna förslaget till beslut i SoN 2008/1: det hör "
        "till Socialtjänstnämnden, och Birgitta Sjöberg hör till Östermalms stadsdelsnämnd."
    )


def test_systemet_far_bara_ta_de_steg_det_far(fake_system: FakeSystem) -> None:
    dnr = seed000.registrera(fake_system)
    fore = hjalp.arende(fake_system, dnr)
    with pytest.raises(BehorighetSaknas) as fel:
        fake_system.utfor(
            k.PaborjaBeredning(aktor=SYSTEMET, nyckel=hjalp.nyckel(), dnr=hjalp.d(dnr))
        )
    assert fel.value.meddelande == "Systemet får inte påbörja beredning på egen hand."
    assert not k.PaborjaBeredning.systemet_far and k.OppnaTavlingsbidrag.systemet_far
    assert hjalp.arende(fake_system, dnr) == fore
    senaste = logg(fake_system, dnr)[-1]
    assert (senaste.aktor, senaste.innehall["utfall"]) == (SYSTEMET, "avvisad")


# -- the login -------------------------------------------------------------------------------


def test_den_inloggade_far_inte_handla_i_nagon_annans_namn(fake_system: FakeSystem) -> None:
    dnr = seed000.registrera(fake_system)
    fore = hjalp.arende(fake_system, dnr)
    paborja = k.PaborjaBeredning(
        aktor=hjalp.HANDLAGGARE,
        inloggning=hjalp.inloggning("Dag Helin"),
        nyckel=hjalp.nyckel(),
        dnr=hjalp.d(dnr),
    )
    with pytest.raises(BehorighetSaknas) as fel:
        fake_system.utfor(paborja)
    assert fel.value.meddelande == (
        "Dag Helin är inloggad och får inte påbörja beredning i Lena Murrays namn."
    )
    assert hjalp.arende(fake_system, dnr) == fore
    senaste = logg(fake_system, dnr)[-1]
    assert (senaste.handling, senaste.aktor, senaste.innehall["utfall"]) == (
        "påbörja beredning",
        hjalp.HANDLAGGARE,
        "avvisad",
    )
    assert senaste.innehall["meddelande"] == fel.value.meddelande
    assert senaste.innehall["inloggning"]["subjekt"] == "Dag Helin"  # who really asked

    # Her own act, through her own login, is taken, and the log names the login.
    fake_system.utfor(
        dataclasses.replace(
            paborja, inloggning=hjalp.inloggning(hjalp.HANDLAGGARE), nyckel=hjalp.nyckel()
        )
    )
    assert hjalp.arende(fake_system, dnr).skede is Skede.UNDER_BEREDNING


def test_loggen_namner_inloggningen_en_akt_kom_genom(fake_system: FakeSystem) -> None:
    dnr = seed000.registrera(fake_system)
    inloggning = hjalp.inloggning(hjalp.HANDLAGGARE)
    fake_system.utfor(
        k.PaborjaBeredning(
            aktor=hjalp.HANDLAGGARE, inloggning=inloggning, nyckel=hjalp.nyckel(), dnr=hjalp.d(dnr)
        )
    )
    [post] = [p for p in logg(fake_system, dnr) if p.handling == "påbörja beredning"]
    assert (post.aktor, post.roll, post.innehall["utfall"]) == (
        hjalp.HANDLAGGARE,
        "handläggare",
        "utförd",
    )
    assert post.innehall["inloggning"] == {
        "utfärdare": "test",
        "subjekt": hjalp.HANDLAGGARE,
        "epost": "",
        "inloggad": inloggning.inloggad.isoformat(),
    }
    # An act without a login (the system's, a command of the CLI) names none.
    registrerat = next(p for p in logg(fake_system, dnr) if p.handling == "registrera ärendet")
    assert "inloggning" not in registrerat.innehall


def protokoll_att_justera(system: FakeSystem) -> str:
    """Seed 000's nomination decided at the sammanträde of 13 May 2008, its protokoll drawn
    up: the sha256 the signatures are given on."""
    dnr = seed000.registrera(system)
    seed000.till_faststallt(system, dnr)
    hjalp.oppna_sammantrade(system)
    system.utfor(hjalp.sammantradeskommando(k.Besluta, arende=dnr, utfall=Utfall.BIFALL))
    system.utfor(hjalp.sammantradeskommando(k.Stang, upprattat=hjalp.MOTE, avslutades="19:30"))
    protokoll = visningar.protokoll(system.uow(), hjalp.NAMND, hjalp.MOTE)
    assert protokoll is not None
    return protokoll.sha256


def signera(system: FakeSystem, namn: str, sha: str, **data: Any) -> list[Handelse]:
    return system.utfor(
        hjalp.sammantradeskommando(
            k.Signera,
            aktor=namn,
            tidpunkt=datetime(2008, 5, 14, 10, tzinfo=STOCKHOLM),
            protokoll_sha256=sha,
            **data,
        )
    )


def justeringar(system: FakeSystem) -> list[Loggpost]:
    return [p for p in logg(system) if p.handling == "justera protokollet"]


def test_bara_den_som_ar_inloggad_far_justera(fake_system: FakeSystem) -> None:
    sha = protokoll_att_justera(fake_system)
    ordf, _ = hjalp.ordforande_och_justerare(fake_system)
    fore = visningar.sammantrade(fake_system.uow(), hjalp.NAMND, hjalp.MOTE)
    with pytest.raises(BehorighetSaknas) as fel:
        signera(fake_system, ordf, sha)
    assert fel.value.meddelande == (
        "Bara den som är inloggad får justera protokollet: logga in och svara igen."
    )
    assert visningar.sammantrade(fake_system.uow(), hjalp.NAMND, hjalp.MOTE) == fore
    [post] = justeringar(fake_system)
    assert (post.aktor, post.innehall["utfall"], post.innehall["meddelande"]) == (
        ordf,
        "avvisad",
        fel.value.meddelande,
    )
    assert "inloggning" not in post.innehall


def test_den_som_justerar_ska_ha_loggat_in_inom_fem_minuter(fake_system: FakeSystem) -> None:
    sha = protokoll_att_justera(fake_system)
    ordf, vice = hjalp.ordforande_och_justerare(fake_system)
    fore = visningar.sammantrade(fake_system.uow(), hjalp.NAMND, hjalp.MOTE)
    gammal = hjalp.inloggning(ordf, for_minuter_sedan=5.5)
    with pytest.raises(BehorighetSaknas) as fel:
        signera(fake_system, ordf, sha, inloggning=gammal)
    inloggad = gammal.inloggad.astimezone(STOCKHOLM)
    assert fel.value.meddelande == (
        "För att justera protokollet måste du ha loggat in inom 5 minuter: din inloggning är "
        f"från kl. {inloggad:%H.%M} den {inloggad:%Y-%m-%d}. Logga in på nytt (länken "
        "'Logga in på nytt' överst i formuläret) och svara igen."
    )
    assert visningar.sammantrade(fake_system.uow(), hjalp.NAMND, hjalp.MOTE) == fore
    [post] = justeringar(fake_system)
    assert post.innehall["utfall"] == "avvisad"
    assert post.innehall["inloggning"]["inloggad"] == gammal.inloggad.isoformat()

    # Logged in exactly five minutes before: fresh enough. Both sign; the protokoll is justerat.
    signera(fake_system, ordf, sha, inloggning=hjalp.inloggning(ordf, for_minuter_sedan=5))
    signera(fake_system, vice, sha, inloggning=hjalp.inloggning(vice))
    s = visningar.sammantrade(fake_system.uow(), hjalp.NAMND, hjalp.MOTE)
    assert s is not None and s.status is Sammantradesstatus.JUSTERAT
    tagna = [p for p in justeringar(fake_system) if p.innehall["utfall"] != "avvisad"]
    assert [(p.aktor, p.innehall["inloggning"]["subjekt"]) for p in tagna] == [
        (ordf, ordf),
        (vice, vice),
    ]


def test_ingen_far_justera_i_nagon_annans_namn(fake_system: FakeSystem) -> None:
    sha = protokoll_att_justera(fake_system)
    ordf, vice = hjalp.ordforande_och_justerare(fake_system)
    fore = visningar.sammantrade(fake_system.uow(), hjalp.NAMND, hjalp.MOTE)
    with pytest.raises(BehorighetSaknas) as fel:
        signera(fake_system, ordf, sha, inloggning=hjalp.inloggning(vice))
    assert fel.value.meddelande == (
        f"{vice} är inloggad och får inte justera protokollet i {ordf}s namn."
    )
    assert visningar.sammantrade(fake_system.uow(), hjalp.NAMND, hjalp.MOTE) == fore
    [post] = justeringar(fake_system)
    assert (post.aktor, post.innehall["utfall"]) == (ordf, "avvisad")
    assert post.innehall["inloggning"]["subjekt"] == vice


def test_bara_den_vars_formular_det_ar_far_justera_i_det(fake_system: FakeSystem) -> None:
    """The ordförande's form answered by the justerare, signed in as himself: refused and
    logged, and the protokoll keeps no signature of his from it."""
    sha = protokoll_att_justera(fake_system)
    ordf, vice = hjalp.ordforande_och_justerare(fake_system)
    fore = visningar.sammantrade(fake_system.uow(), hjalp.NAMND, hjalp.MOTE)
    with pytest.raises(BehorighetSaknas) as fel:
        signera(fake_system, vice, sha, inloggning=hjalp.inloggning(vice), signerar=ordf)
    assert fel.value.meddelande == (
        f"Du är inloggad som {vice}: bara {ordf} får justera i det här formuläret."
    )
    assert visningar.sammantrade(fake_system.uow(), hjalp.NAMND, hjalp.MOTE) == fore
    [post] = justeringar(fake_system)
    assert (post.aktor, post.innehall["utfall"]) == (vice, "avvisad")
    assert post.innehall["inloggning"]["subjekt"] == vice


# -- frister ----------------------------------------------------------------------------------


def test_fristerna_sparas_i_stegets_egen_transaktion(fake_system: FakeSystem) -> None:
    commits = len(fake_system.databas.commits)
    dnr = seed000.registrera(fake_system)
    # One transaction held the registration and the frister it gives.
    assert fake_system.databas.commits[commits:] == [
        frozenset({"diarium", "arenden", "frister", "logg", "kommandon"})
    ]
    with fake_system.uow() as uow:
        frister = {f.frist.typ: f.frist for f in uow.frister.for_arende(dnr)}
    assert {t: f.datum for t, f in frister.items()} == {
        Fristtyp.JUSTERING: date(2008, 5, 13),  # omedelbar, at the meeting
        Fristtyp.ANSLAG: date(2008, 5, 15),
        Fristtyp.NOMINERING: date(2008, 5, 19),
    }
    assert not frister[Fristtyp.NOMINERING].klar
    # The audit log: the registration, then the system's recomputed frister, same dnr.
    assert [(p.handling, p.aktor) for p in logg(fake_system, dnr)] == [
        ("registrera ärendet", hjalp.HANDLAGGARE),
        ("uppdatera frister", SYSTEMET),
    ]

    # A later step moves them in its own transaction too: expedierat, the nomination's
    # frist is done the moment the command returns.
    seed000.till_faststallt(fake_system, dnr)
    hjalp.hall_sammantrade(
        fake_system, {dnr: {"utfall": Utfall.BIFALL, "omedelbart_justerad": True}}
    )
    commits = len(fake_system.databas.commits)
    fake_system.utfor(
        k.Expediera(
            aktor="Per Lindqvist",
            nyckel=hjalp.nyckel(),
            dnr=hjalp.d(dnr),
            datum=date(2008, 5, 15),
            mottagare=["Stadsledningskontoret"],
        )
    )
    assert fake_system.databas.commits[commits:] == [
        frozenset({"arenden", "frister", "logg", "kommandon"})
    ]
    with fake_system.uow() as uow:
        nominering = next(
            f.frist for f in uow.frister.for_arende(dnr) if f.frist.typ is Fristtyp.NOMINERING
        )
    assert nominering.klar
    assert [p.handling for p in logg(fake_system, dnr)[-2:]] == [
        "expediera beslutet",
        "uppdatera frister",
    ]


# -- the ärendetyper's reactions --------------------------------------------------------------


def test_efter_bifall_oppnar_systemet_tavlingsbidragen(fake_system: FakeSystem) -> None:
    dnr = nominering_2020(fake_system)
    oppna_mote(fake_system, OSN, MOTE_2020, "Mats Holm")
    besluta = k.Besluta(
        aktor="Mats Holm",
        nyckel="beslut-1",
        namnd=OSN,
        datum=MOTE_2020,
        arende=dnr,
        utfall=Utfall.BIFALL,
    )
    handelser = fake_system.utfor(besluta)

    beslut = [h for h in handelser if isinstance(h, BeslutFattat)]
    oppnade = [h for h in handelser if isinstance(h, TavlingsbidragOppnat)]
    assert [(b.utfall, b.arendetyp) for b in beslut] == [("bifall", "nominering")]
    assert [(o.verksamhet, o.handlaggare) for o in oppnade] == [("Vuxenenheten", THERESE)]
    assert handelser.index(oppnade[0]) > handelser.index(beslut[0])  # after the beslut
    assert not any(isinstance(h, ReaktionAvvisad) for h in handelser)
    with fake_system.uow() as uow:
        [bidrag] = uow.tavlingsbidrag.for_arende(dnr)
    assert (bidrag.bidrag.verksamhet, bidrag.bidrag.ansvarig_chef) == ("Vuxenenheten", THERESE)
    assert bidrag.bidrag.sista_dag == date(2020, 5, 29)
    # In the ärende's history as the system's own step, after the nämnd's beslut.
    historik = logg(fake_system, dnr)
    oppnat = [p for p in historik if p.handling == "öppna tävlingsbidragen"]
    assert [(p.aktor, p.roll, p.innehall["utfall"]) for p in oppnat] == [
        (SYSTEMET, SYSTEMROLL, "utförd")
    ]
    assert oppnat[0].innehall["öppnade"] == {
        "Vuxenenheten": {"chef": THERESE, "kontaktperson": None}
    }
    beslutat = next(p for p in historik if p.handling == "registrera nämndens beslut")
    assert beslutat.sekvens < oppnat[0].sekvens

    # The beslut given again: its events and its reaction's, nothing opened twice.
    antal, commits = len(logg(fake_system)), len(fake_system.databas.commits)
    assert fake_system.utfor(besluta) == handelser
    assert (len(logg(fake_system)), len(fake_system.databas.commits)) == (antal, commits)


def test_en_vagrad_reaktion_ger_en_handelse_och_beslutet_star_kvar(
    fake_system: FakeSystem,
) -> None:
    """2008 has no question set: the tävlingsbidrag cannot be opened. The nämnd's beslut
    stands (the reaction is taken after it was committed); the refusal is in the history."""
    dnr = seed000.registrera(fake_system)
    seed000.till_faststallt(fake_system, dnr)
    handelser = hjalp.hall_sammantrade(
        fake_system, {dnr: {"utfall": Utfall.BIFALL, "omedelbart_justerad": True}}
    )

    [avvisad] = [h for h in handelser if isinstance(h, ReaktionAvvisad)]
    assert (avvisad.dnr, avvisad.atgard) == (hjalp.d(dnr), "öppna tävlingsbidragen")
    assert avvisad.meddelande.startswith("Frågorna för kvalitetsutmärkelsen 2008 finns inte")
    assert any(isinstance(h, BeslutFattat) and h.utfall == "bifall" for h in handelser)
    arende = hjalp.arende(fake_system, dnr)
    assert arende.skede is Skede.ANSLAGET
    assert [b.utfall for b in arende.beslut] == [Utfall.BIFALL]
    with fake_system.uow() as uow:
        assert uow.tavlingsbidrag.for_arende(dnr) == []
    vagrad = [p for p in logg(fake_system, dnr) if p.handling == "öppna tävlingsbidragen"]
    assert [(p.aktor, p.innehall["utfall"], p.innehall["meddelande"]) for p in vagrad] == [
        (SYSTEMET, "avvisad", avvisad.meddelande)
    ]


# -- the fake itself --------------------------------------------------------------------------


def test_fakens_transaktion_kastar_det_som_inte_bekraftas(fake_system: FakeSystem) -> None:
    """What the runner's refusals rely on: a change not committed is gone, in the same
    unit of work after a rollback and for the next one."""
    dnr = seed000.registrera(fake_system)
    with fake_system.uow() as uow:
        a = uow.arenden.hamta(dnr)
        a.paborja_beredning()
        uow.arenden.spara(a)
        uow.logg.skriv(dnr=dnr, handling="x", aktor="x", roll="", flodeskorning=None, innehall={})
        assert uow.arenden.hamta(dnr).skede is Skede.UNDER_BEREDNING
        uow.rollback()
        assert uow.arenden.hamta(dnr).skede is Skede.REGISTRERAT
        uow.arenden.spara(a)
    with fake_system.uow() as uow:
        assert uow.arenden.hamta(dnr).skede is Skede.REGISTRERAT
        assert [p.handling for p in uow.logg.for_arende(dnr)][-1] == "uppdatera frister"
        # What a read returns is a copy: changing it changes nothing stored.
        uow.arenden.hamta(dnr).titel = "Ändrad"
        assert uow.arenden.hamta(dnr).titel == "Stadens kvalitetsutmärkelse 2008"
