"""Utlämnande of allmän handling: the domain's rules as plain cases (the outcome, the
provision, the stycken, the request, the reminder's working hours), and the use cases on
the fake unit of work: registering a request (anonymous or not), trying it, the masked copy
and the written decision, and every bad answer refused in Swedish with nothing changed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from arende.adapters.helgdagar import SvenskaHelgdagar
from arende.adapters.textlasning import OcrTextlasare
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, BehorighetSaknas, HittasInte, OgiltigUppgift
from arende.domain.handelser import BegaranProvad, HandlingInkommen
from arende.domain.handling import Handlingstyp
from arende.domain.utlamnande import (
    ANONYM,
    PROVAS,
    Begaran,
    Provning,
    Utfall,
    maskera,
    ny_begaran,
    paminnelsetid,
    prova,
    tolka_stycken,
    tolka_utfall,
)
from arende.service_layer import utlamnande
from arende.service_layer.inkommande import filkommando
from arende.service_layer.kommandon import (
    InkommenFil,
    ProvaBegaran,
    Provningssvar,
)
from tests import hjalp
from tests.fakes import FakeSystem
from tests.utlamnande_hjalp import (
    HANDLAGGARE,
    HEMLIGT,
    REGISTRATOR,
    STYCKEN,
    arende_med_hemlighet,
    registrera_begaran,
    tid,
)

KALENDER = SvenskaHelgdagar()


_tid = tid


# -- the outcome and the provision ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "vantat"),
    [
        ("lämnas ut", Utfall.LAMNAS_UT),
        ("Lämnas  ut", Utfall.LAMNAS_UT),
        ("ut", Utfall.LAMNAS_UT),
        ("lämnas ut med maskering", Utfall.MASKERAS),
        ("maskeras", Utfall.MASKERAS),
        ("avslås", Utfall.AVSLAS),
        ("avslag", Utfall.AVSLAS),
        ("AVSLAS", Utfall.AVSLAS),
    ],
)
def test_utfallet_laes(text: str, vantat: Utfall) -> None:
    assert tolka_utfall(1, text) is vantat


def test_provas_ar_inget_utfall() -> None:
    with pytest.raises(OgiltigUppgift, match="Handling 3 är inte prövad"):
        tolka_utfall(3, PROVAS)


@pytest.mark.parametrize("text", ["", "kanske", "lämnas", "ja"])
def test_ett_okant_utfall_avvisas(text: str) -> None:
    with pytest.raises(OgiltigUppgift, match="inget utfall för handling 2"):
        tolka_utfall(2, text)


def test_avslag_utan_bestammelse_avvisas() -> None:
    with pytest.raises(OgiltigUppgift, match="Ett avslag av handling 4 ska ange bestämmelsen"):
        prova(4, "avslås", "", None, None)
    with pytest.raises(OgiltigUppgift, match="Ett avslag"):
        prova(4, "avslås", None, None, None)


def test_maskering_utan_bestammelse_avvisas() -> None:
    with pytest.raises(OgiltigUppgift, match="En maskering av handling 4 ska ange"):
        prova(4, "maskeras", "  ", "2", 4)


def test_en_bestammelse_som_inte_ar_osl_avvisas() -> None:
    with pytest.raises(OgiltigUppgift, match="ingen bestämmelse i offentlighets"):
        prova(4, "avslås", "känsligt", None, None)


def test_avslaget_far_bestammelsen_skriven_pa_ett_satt() -> None:
    assert prova(4, "avslag", "26:1 OSL", "", None) == Provning(4, Utfall.AVSLAS, "OSL 26 kap. 1 §")


def test_en_handling_som_lamnas_ut_har_ingen_bestammelse() -> None:
    # The form pre-fills the marking's provision; choosing 'lämnas ut' drops it.
    assert prova(2, "lämnas ut", "OSL 26 kap. 1 §", "", None) == Provning(2, Utfall.LAMNAS_UT)


def test_stycken_for_en_handling_som_lamnas_ut_hel_avvisas() -> None:
    with pytest.raises(OgiltigUppgift, match="lämnas ut hel men stycken"):
        prova(2, "lämnas ut", None, "3", 4)


def test_stycken_for_ett_avslag_avvisas() -> None:
    with pytest.raises(OgiltigUppgift, match="avslås helt men stycken"):
        prova(2, "avslås", "OSL 26 kap. 1 §", "3", 4)


def test_en_handling_utan_text_kan_inte_maskeras() -> None:
    with pytest.raises(OgiltigUppgift, match="ingen text i stycken"):
        prova(5, "maskeras", "OSL 26 kap. 1 §", "1", 0)
    with pytest.raises(OgiltigUppgift, match="ingen text i stycken"):
        prova(5, "maskeras", "OSL 26 kap. 1 §", "1", None)


# -- the stycken ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "vantat"),
    [
        ("3", (3,)),
        ("2-3", (2, 3)),
        ("2–3", (2, 3)),
        (" 1 , 3 ", (1, 3)),
        ("stycke 2", (2,)),
        ("Styckena 1-2, 4", (1, 2, 4)),
        ("3, 2, 3", (2, 3)),
    ],
)
def test_styckena_laes(text: str, vantat: tuple[int, ...]) -> None:
    assert tolka_stycken(1, text, 5) == vantat


@pytest.mark.parametrize(
    ("text", "fel"),
    [
        ("", "Ange vilka stycken"),
        ("stycke", "Ange vilka stycken"),
        ("tre", "inget stycke eller intervall"),
        ("2-", "inget stycke eller intervall"),
        ("4-2", "går baklänges"),
        ("0", "har stycke 1–5"),
        ("6", "har stycke 1–5"),
        ("3-9", "har stycke 1–5"),
        ("1-5", "då är det ett avslag"),
    ],
)
def test_fel_stycken_avvisas(text: str, fel: str) -> None:
    with pytest.raises(OgiltigUppgift, match=fel):
        tolka_stycken(1, text, 5)


def test_maskeringen_tar_bort_texten_och_namnger_bestammelsen() -> None:
    ut = maskera(STYCKEN, (3,), "OSL 26 kap. 1 §")
    assert ut[2] == "[Maskerat: sekretess enligt OSL 26 kap. 1 §]"
    assert ut[:2] == STYCKEN[:2] and ut[3] == STYCKEN[3]
    assert not any(HEMLIGT in s for s in ut)


# -- the request ----------------------------------------------------------------------------


def _ny(**andrat: object) -> Begaran:
    falt: dict[str, object] = {
        "nummer": 1,
        "dnr": "SoN 2026/1",
        "mottagen": _tid("2026-11-23 09:30"),
        "idag": date(2026, 11, 23),
        "handlingar": [1, 2],
        "finns": [1, 2, 3],
        "registrerad_av": REGISTRATOR,
    } | andrat
    return ny_begaran(**falt)  # type: ignore[arg-type]


def test_en_anonym_begaran_ar_giltig() -> None:
    b = _ny(sokande="   ")
    assert b.sokande is None and b.vem == ANONYM
    assert b.oppen


def test_dubbla_handlingar_blir_en() -> None:
    assert _ny(handlingar=[2, 1, 2]).handlingar == (2, 1)


def test_en_tid_utan_zon_ar_svensk_tid() -> None:
    b = _ny(mottagen=datetime(2026, 11, 23, 9, 30))
    assert b.mottagen.utcoffset() is not None
    assert b.mottagen.astimezone(UTC).hour == 8


@pytest.mark.parametrize(
    ("andrat", "fel"),
    [
        ({"handlingar": []}, "Ange vilka handlingar"),
        ({"handlingar": [9]}, "har ingen handling 9"),
        ({"mottagen": _tid("2026-11-24 08:00")}, "i framtiden"),
        ({"sokande": "x" * 201}, "Sökandens namn är längre"),
        ({"kontakt": "x" * 201}, "Kontaktuppgiften är längre"),
        ({"beskrivning": "x" * 251}, "Beskrivningen är längre"),
    ],
)
def test_en_felaktig_begaran_avvisas(andrat: dict[str, object], fel: str) -> None:
    with pytest.raises(OgiltigUppgift, match=fel):
        _ny(**andrat)


def test_varje_begard_handling_provas_en_gang() -> None:
    b = _ny()
    nu = _tid("2026-11-23 10:00")
    with pytest.raises(OgiltigUppgift, match="Handling 2 i begäran 1 i SoN 2026/1 är inte prövad"):
        b.avgor([Provning(1, Utfall.LAMNAS_UT)], nu, HANDLAGGARE)
    with pytest.raises(OgiltigUppgift, match="Handling 3 är inte begärd"):
        b.avgor([Provning(3, Utfall.LAMNAS_UT)], nu, HANDLAGGARE)
    with pytest.raises(OgiltigUppgift, match="prövad två gånger"):
        b.avgor([Provning(1, Utfall.LAMNAS_UT)] * 2, nu, HANDLAGGARE)
    assert b.oppen
    b.avgor([Provning(2, Utfall.AVSLAS, "OSL 26 kap. 1 §"), Provning(1, Utfall.LAMNAS_UT)], nu, "X")
    assert not b.oppen
    assert [p.nummer for p in b.provningar] == [1, 2]  # in the order asked for
    with pytest.raises(OgiltigUppgift, match="redan prövad"):
        b.avgor([Provning(1, Utfall.LAMNAS_UT), Provning(2, Utfall.LAMNAS_UT)], nu, "X")


# -- the reminder's working hours ------------------------------------------------------------


# The reminder goes out on the request's own working day (TF 2 kap. 15-16 §§: at once or as
# soon as possible is hours, not days): after `timmar` working hours, but by 16.00, with at
# least an hour's grace and never past 17.00. These replace the earlier rule's cases, in
# which a request after about 13.00 waited for the next vardag (15.00 → 10.00 the day
# after): that is the delay the rule now removes.
@pytest.mark.parametrize(
    ("mottagen", "timmar", "vantat"),
    [
        # Monday 23 November 2026.
        ("2026-11-23 09:30", 4, "2026-11-23 13:30"),  # morning: timmar later
        ("2026-11-23 07:00", 4, "2026-11-23 12:00"),  # before the working day: from 08.00
        ("2026-11-23 08:00", 4, "2026-11-23 12:00"),
        ("2026-11-23 12:00", 4, "2026-11-23 16:00"),  # noon: timmar and cut-off agree
        ("2026-11-23 12:01", 4, "2026-11-23 16:00"),  # past noon: the cut-off
        ("2026-11-23 13:30", 4, "2026-11-23 16:00"),  # was the next vardag 09.30
        ("2026-11-23 15:00", 4, "2026-11-23 16:00"),  # was the next vardag 10.00
        ("2026-11-23 15:50", 4, "2026-11-23 16:50"),  # an hour's grace past the cut-off
        ("2026-11-23 16:30", 4, "2026-11-23 17:00"),  # the grace ends at the day's end
        ("2026-11-23 16:59", 4, "2026-11-23 17:00"),
        ("2026-11-23 17:00", 4, "2026-11-24 12:00"),  # the day is over: next vardag
        ("2026-11-23 17:30", 4, "2026-11-24 12:00"),
        ("2026-11-23 23:59", 4, "2026-11-24 12:00"),
        ("2026-11-24 00:30", 4, "2026-11-24 12:00"),  # after midnight: that morning
        # `timmar` still sets the time when it comes first.
        ("2026-11-23 09:00", 1, "2026-11-23 10:00"),
        ("2026-11-23 13:30", 1, "2026-11-23 14:30"),
        ("2026-11-23 15:30", 1, "2026-11-23 16:30"),
        ("2026-11-23 15:00", 2, "2026-11-23 16:00"),
        ("2026-11-23 08:00", 9, "2026-11-23 16:00"),  # was 17.00
        ("2026-11-23 08:00", 40, "2026-11-23 16:00"),  # was days later
        ("2026-11-23 18:00", 2, "2026-11-24 10:00"),  # evening, a short setting
        # Friday evening and the weekend: Monday.
        ("2026-11-27 16:00", 4, "2026-11-27 17:00"),  # was Monday 11.00
        ("2026-11-27 17:30", 4, "2026-11-30 12:00"),
        ("2026-11-27 22:00", 1, "2026-11-30 09:00"),
        ("2026-11-28 10:00", 1, "2026-11-30 09:00"),  # Saturday
        ("2026-11-28 10:00", 4, "2026-11-30 12:00"),
        ("2026-11-29 14:00", 4, "2026-11-30 12:00"),  # Sunday
        # The day before a helgdag, and the helgdagar and aftnar themselves.
        ("2026-05-13 13:30", 4, "2026-05-13 16:00"),  # before Kristi himmelsfärds dag
        ("2026-05-13 18:00", 4, "2026-05-15 12:00"),  # → the Friday after it
        ("2026-05-14 10:00", 4, "2026-05-15 12:00"),  # on the helgdag
        ("2026-06-18 17:30", 4, "2026-06-22 12:00"),  # midsommarafton, the weekend
        ("2026-12-23 16:00", 4, "2026-12-23 17:00"),  # was 28 December 11.00
        ("2026-12-23 18:00", 4, "2026-12-28 12:00"),  # julafton, juldagen, annandag jul
        ("2026-12-24 10:00", 4, "2026-12-28 12:00"),  # on julafton
        ("2026-12-30 20:00", 4, "2027-01-04 12:00"),  # nyårsafton, nyårsdagen, weekend
    ],
)
def test_paminnelsen_samma_arbetsdag(mottagen: str, timmar: int, vantat: str) -> None:
    tid = paminnelsetid(_tid(mottagen), timmar, KALENDER)
    assert tid == _tid(vantat)
    assert tid.tzinfo is not None


@pytest.mark.parametrize(
    ("mottagen", "vantat_utc"),
    [
        # 29 March 2026: summer time from 02.00 (CET +01 → CEST +02); 25 October 2026:
        # back at 03.00. Both are Sundays, so a request that night waits for Monday, and
        # Monday's 12.00 is in the new offset.
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "2026-03-30 10:00"),  # Sunday 00.30
        (datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "2026-03-30 10:00"),  # 03.30 CEST
        (datetime(2026, 3, 27, 12, 30, tzinfo=UTC), "2026-03-27 15:00"),  # Friday 13.30 CET
        (datetime(2026, 3, 30, 7, 30, tzinfo=UTC), "2026-03-30 11:30"),  # Monday 09.30 CEST
        (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "2026-10-26 11:00"),  # 02.30 CEST
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), "2026-10-26 11:00"),  # 02.30 CET again
        (datetime(2026, 10, 23, 11, 30, tzinfo=UTC), "2026-10-23 14:00"),  # Friday 13.30 CEST
        (datetime(2026, 10, 26, 8, 30, tzinfo=UTC), "2026-10-26 12:30"),  # Monday 09.30 CET
    ],
)
def test_paminnelsen_over_sommartidens_skiften(mottagen: datetime, vantat_utc: str) -> None:
    tid = paminnelsetid(mottagen, 4, KALENDER)
    assert tid.astimezone(UTC) == datetime.fromisoformat(vantat_utc).replace(tzinfo=UTC)


def test_paminnelsen_gar_alltid_samma_arbetsdag() -> None:
    """Every quarter hour of five weeks around jul and nyår: the reminder is on a vardag,
    between 08.00 and 17.00, at least a minute after the request, and on the request's own
    day when that is a vardag before 17.00 (otherwise on the first vardag after it)."""
    from datetime import timedelta

    from arende.domain.kalender import ar_vardag, flytta_till_vardag

    t = _tid("2026-12-14 00:00")
    while t < _tid("2027-01-18 00:00"):
        for timmar in (1, 4, 12):
            p = paminnelsetid(t, timmar, KALENDER)
            assert ar_vardag(p.date(), KALENDER), (t, p)
            assert time(8) < p.time() <= time(17), (t, p)
            assert p > t
            if ar_vardag(t.date(), KALENDER) and t.time() < time(17):
                assert p.date() == t.date(), (t, p)
                assert p - max(t, _tid(f"{t.date()} 08:00")) <= timedelta(hours=timmar)
            else:
                assert p.date() == flytta_till_vardag(t.date() + timedelta(days=1), KALENDER)
        t += timedelta(minutes=15)


@pytest.mark.parametrize("timmar", [0, -1, True])
def test_paminnelsen_kraver_minst_en_timme(timmar: int) -> None:
    with pytest.raises(OgiltigUppgift, match="minst en arbetstimme"):
        paminnelsetid(_tid("2026-11-23 09:00"), timmar, KALENDER)


# -- the use cases on the fake unit of work ---------------------------------------------------


@pytest.fixture
def arende(fake_system: FakeSystem) -> tuple[str, int, int]:
    return arende_med_hemlighet(fake_system)


def _registrera(system: FakeSystem, dnr: str, handlingar: list[int], **andrat: object) -> int:
    return registrera_begaran(system, dnr, handlingar, **andrat)


def test_registrerad_begaran_med_tid_och_anonym_sokande(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    dnr, hemlig, brev = arende
    nummer = _registrera(fake_system, dnr, [hemlig, brev])
    b = utlamnande.hamta(fake_system.uow(), dnr, nummer)
    assert (b.nummer, b.handlingar, b.sokande, b.vem) == (1, (hemlig, brev), None, ANONYM)
    assert b.mottagen == _tid("2026-11-23 09:30")
    [post] = [
        p for p in fake_system.logg() if p.handling == "registrera begäran om allmän handling"
    ]
    assert post.aktor == REGISTRATOR
    assert post.innehall["sökande"] == ANONYM
    assert post.innehall["mottagen"] == "2026-11-23T08:30:00+00:00"


def test_formularet_visar_den_markerade_som_provas_med_bestammelsen(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    dnr, hemlig, brev = arende
    nummer = _registrera(fake_system, dnr, [hemlig, brev])
    forst, sedan = utlamnande.begard(fake_system.uow(), fake_system.beroenden, dnr, nummer)
    assert (forst.nummer, forst.utfall, forst.bestammelse) == (hemlig, PROVAS, "OSL 26 kap. 1 §")
    assert "sekretessmarkerad (OSL 26 kap. 1 §" in forst.beskrivning
    assert "Yttrande" not in forst.beskrivning  # the marked title is not shown
    assert forst.stycken == tuple(STYCKEN)
    assert (sedan.nummer, sedan.utfall, sedan.bestammelse) == (brev, "lämnas ut", "")


def _prova(system: FakeSystem, dnr: str, nummer: int, *svar: Provningssvar, **andrat: object):  # type: ignore[no-untyped-def]
    falt: dict[str, object] = {
        "aktor": HANDLAGGARE,
        "nyckel": hjalp.nyckel("prova"),
        "dnr": Diarienummer.tolka(dnr),
        "begaran": nummer,
        "provningar": list(svar),
    } | andrat
    return system.utfor(ProvaBegaran(**falt))  # type: ignore[arg-type]


def test_maskerad_kopia_och_beslut_med_besvarshanvisning(
    fake_system: FakeSystem, arende: tuple[str, int, int], tmp_path: Path
) -> None:
    dnr, hemlig, brev = arende
    nummer = _registrera(fake_system, dnr, [hemlig, brev], sokande="Anna Andersson")
    handelser = _prova(
        fake_system,
        dnr,
        nummer,
        Provningssvar(hemlig, "lämnas ut med maskering", "OSL 26 kap. 1 §", "3"),
        Provningssvar(brev, "avslås", "OSL 26 kap. 1 §"),
    )
    [provad] = [h for h in handelser if isinstance(h, BegaranProvad)]
    b = utlamnande.hamta(fake_system.uow(), dnr, nummer)
    assert not b.oppen and b.avgjord_av == HANDLAGGARE
    kopia_nr = b.provningar[0].kopia
    assert kopia_nr is not None and b.beslut == provad.beslut
    with fake_system.uow() as uow:
        handlingar = {h.nummer: h for h in uow.handlingar.for_arende(dnr)}
    kopia, beslut = handlingar[kopia_nr], handlingar[provad.beslut]
    assert kopia.typ is Handlingstyp.UTLAMNAD_KOPIA and kopia.motpart == "Anna Andersson"
    assert beslut.typ is Handlingstyp.BESLUT_UTLAMNANDE
    text = OcrTextlasare()
    kopians = text.stycken(fake_system.arkiv.las(kopia.fil), "docx")
    assert HEMLIGT not in " ".join(kopians)
    assert "[Maskerat: sekretess enligt OSL 26 kap. 1 §]" in kopians
    for s in (STYCKEN[0], STYCKEN[1], STYCKEN[3]):
        assert s in kopians
    beslutets = " ".join(text.stycken(fake_system.arkiv.las(beslut.fil), "docx"))
    assert "avslås med stöd av OSL 26 kap. 1 §" in beslutets
    assert "Kammarrätten i Stockholm" in beslutets
    assert "inom tre veckor från den dag då du fick del av beslutet" in beslutets
    assert "skicka eller lämna skrivelsen till Socialtjänstnämnden" in beslutets
    assert "Till: Anna Andersson" in beslutets
    assert HEMLIGT not in beslutets and "Yttrande" not in beslutets
    [post] = [p for p in fake_system.logg() if p.handling == "pröva begäran om allmän handling"]
    assert post.innehall["prövning"][0]["stycken"] == [3]
    assert post.innehall["beslut"] == provad.beslut


def test_allt_lamnas_ut_ger_inget_beslut(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    dnr, hemlig, brev = arende
    nummer = _registrera(fake_system, dnr, [brev])
    with fake_system.uow() as uow:
        fore = len(uow.handlingar.for_arende(dnr))
    [provad] = _prova(fake_system, dnr, nummer, Provningssvar(brev, "lämnas ut"))
    assert isinstance(provad, BegaranProvad) and provad.beslut == 0
    with fake_system.uow() as uow:
        assert len(uow.handlingar.for_arende(dnr)) == fore


def _oforandrat(system: FakeSystem, dnr: str) -> tuple[int, int]:
    with system.uow() as uow:
        return len(uow.handlingar.for_arende(dnr)), sum(b.oppen for b in uow.begaranden.oppna())


@pytest.mark.parametrize(
    ("svar", "fel"),
    [
        (lambda h, b: [Provningssvar(h, "avslås"), Provningssvar(b, "lämnas ut")], "Ett avslag"),
        (lambda h, b: [Provningssvar(h, PROVAS, "OSL 26 kap. 1 §")], "inte prövad"),
        (lambda h, b: [Provningssvar(h, "lämnas ut")], f"Handling {'{b}'}"),
        (
            lambda h, b: [
                Provningssvar(h, "maskeras", "OSL 26 kap. 1 §", "9"),
                Provningssvar(b, "lämnas ut"),
            ],
            "har stycke 1–4",
        ),
        (
            lambda h, b: [
                Provningssvar(h, "maskeras", "OSL 26 kap. 1 §", "1-4"),
                Provningssvar(b, "lämnas ut"),
            ],
            "då är det ett avslag",
        ),
        (
            lambda h, b: [Provningssvar(h, "lämnas ut"), Provningssvar(99, "lämnas ut")],
            "Handling 99 är inte begärd",
        ),
        (
            lambda h, b: [Provningssvar(h, "avslås", "OSL 99 kap. 1 §"), Provningssvar(b, "ut")],
            "kapitel 1–44",
        ),
    ],
)
def test_fel_i_provningen_avvisas_och_inget_andras(
    fake_system: FakeSystem,
    arende: tuple[str, int, int],
    svar,
    fel: str,  # type: ignore[no-untyped-def]
) -> None:
    dnr, hemlig, brev = arende
    nummer = _registrera(fake_system, dnr, [hemlig, brev])
    fore = _oforandrat(fake_system, dnr)
    fel = fel.replace("{b}", str(brev))
    with pytest.raises(OgiltigUppgift, match=fel):
        _prova(fake_system, dnr, nummer, *svar(hemlig, brev))
    assert _oforandrat(fake_system, dnr) == fore
    assert utlamnande.hamta(fake_system.uow(), dnr, nummer).oppen
    # The refusal is logged in the ärende's history, with what was asked.
    assert any(
        p.handling == "pröva begäran om allmän handling" and p.innehall["utfall"] == "avvisad"
        for p in fake_system.logg()
    )


def test_en_bild_utan_text_kan_inte_maskeras(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    from tests.skanningar import kraver_ocr, tom_png

    kraver_ocr()
    dnr, _, _ = arende
    [bild] = [
        h
        for h in fake_system.utfor(
            filkommando(
                [InkommenFil("skanning.png", tom_png())],
                aktor=REGISTRATOR,
                dnr=Diarienummer.tolka(dnr),
                inkom=date(2026, 11, 20),
                avsandare="Enskild person",
                beskrivning="Skanning",
                kanal="kommandoraden",
            )
        )
        if isinstance(h, HandlingInkommen)
    ]
    nummer = _registrera(fake_system, dnr, [bild.nummer])
    with pytest.raises(OgiltigUppgift, match="ingen text i stycken"):
        _prova(
            fake_system,
            dnr,
            nummer,
            Provningssvar(bild.nummer, "maskeras", "OSL 26 kap. 1 §", "1"),
        )


def test_en_provad_begaran_provas_inte_igen(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    dnr, _, brev = arende
    nummer = _registrera(fake_system, dnr, [brev])
    _prova(fake_system, dnr, nummer, Provningssvar(brev, "lämnas ut"))
    with pytest.raises(OgiltigUppgift, match="redan prövad"):
        _prova(fake_system, dnr, nummer, Provningssvar(brev, "lämnas ut"))


def test_samma_nyckel_ger_samma_utfall(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    dnr, hemlig, _ = arende
    nyckel = hjalp.nyckel("en-begaran")
    forsta = _registrera(fake_system, dnr, [hemlig], nyckel=nyckel)
    assert _registrera(fake_system, dnr, [hemlig], nyckel=nyckel) == forsta
    assert len(utlamnande.begaranden(fake_system.uow(), dnr)) == 1


def test_okand_handling_okant_arende_och_okand_begaran(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    dnr, hemlig, _ = arende
    with pytest.raises(OgiltigUppgift, match="har ingen handling 42"):
        _registrera(fake_system, dnr, [hemlig, 42])
    with pytest.raises(HittasInte):
        _registrera(fake_system, "SoN 2026/99", [1])
    with pytest.raises(HittasInte, match="ingen begäran om utlämnande nummer 7"):
        _prova(fake_system, dnr, 7, Provningssvar(hemlig, "lämnas ut"))
    assert utlamnande.begaranden(fake_system.uow(), dnr) == []


def test_framtida_tid_avvisas(fake_system: FakeSystem, arende: tuple[str, int, int]) -> None:
    dnr, hemlig, _ = arende
    with pytest.raises(OgiltigUppgift, match="i framtiden"):
        _registrera(fake_system, dnr, [hemlig], mottagen=_tid("2026-12-01 09:00"))


def test_en_ledamot_utan_roll_far_inte_prova(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    dnr, hemlig, _ = arende
    nummer = _registrera(fake_system, dnr, [hemlig])
    with pytest.raises(BehorighetSaknas):
        _prova(fake_system, dnr, nummer, Provningssvar(hemlig, "lämnas ut"), aktor="Karin Ekström")
    # A handläggare of another nämnd may not register a request here either.
    with pytest.raises(ArendeFel):
        _registrera(fake_system, dnr, [hemlig], aktor="Therese Bengtsson")


def test_paminnelsen_planeras_och_skickas_en_gang(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    from datetime import timedelta

    dnr, hemlig, _ = arende
    nummer = _registrera(fake_system, dnr, [hemlig])
    [plan] = utlamnande.planera_begaranspaminnelser(
        fake_system.uow(), KALENDER, 4, _tid("2026-11-23 10:00"), timedelta(days=7)
    )
    assert plan.tid == _tid("2026-11-23 13:30")

    class Brevlada:
        def __init__(self) -> None:
            self.brev: list[object] = []

        def skicka(self, brev: object) -> None:
            self.brev.append(brev)

    lada = Brevlada()
    tidigt = utlamnande.skicka_begaranspaminnelse(
        plan.begaran_id, fake_system.uow(), lada, KALENDER, 4, _tid("2026-11-23 13:00")
    )
    assert not tidigt.skickad and lada.brev == []
    skickad = utlamnande.skicka_begaranspaminnelse(
        plan.begaran_id, fake_system.uow(), lada, KALENDER, 4, _tid("2026-11-23 13:30")
    )
    assert skickad.skickad
    [brev] = lada.brev
    assert brev.till == ("lena.murray@stockholm.example",)  # type: ignore[attr-defined]
    assert brev.kopia == ("per.lindqvist@stockholm.example",)  # type: ignore[attr-defined]
    assert f"begäran {nummer}" in brev.amne  # type: ignore[attr-defined]
    igen = utlamnande.skicka_begaranspaminnelse(
        plan.begaran_id, fake_system.uow(), lada, KALENDER, 4, _tid("2026-11-23 14:00")
    )
    assert not igen.skickad and len(lada.brev) == 1
    assert (
        utlamnande.planera_begaranspaminnelser(
            fake_system.uow(), KALENDER, 4, _tid("2026-11-23 14:00"), timedelta(days=7)
        )
        == []
    )


def test_arbetslistan_visar_oppna_begaranden_for_handlaggaren_och_registratorn(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    dnr, hemlig, brev = arende
    nummer = _registrera(fake_system, dnr, [hemlig])
    for person in (HANDLAGGARE, REGISTRATOR):
        [rad] = utlamnande.att_prova(fake_system.uow(), person, KALENDER, 4)
        assert (rad.dnr, rad.senast) == (dnr, date(2026, 11, 23))
        assert f"pröva begäran {nummer} om allmän handling (Anonym sökande)" == rad.steg
    # A chef of the nämnd, and a registrator-less person of another nämnd, see none.
    assert utlamnande.att_prova(fake_system.uow(), "Dag Helin", KALENDER, 4) == []
    assert utlamnande.att_prova(fake_system.uow(), "Therese Bengtsson", KALENDER, 4) == []
    _prova(fake_system, dnr, nummer, Provningssvar(hemlig, "lämnas ut"))
    assert utlamnande.att_prova(fake_system.uow(), HANDLAGGARE, KALENDER, 4) == []


def test_en_andrad_fil_ger_ingen_kopia(
    fake_system: FakeSystem, arende: tuple[str, int, int]
) -> None:
    dnr, hemlig, brev = arende
    nummer = _registrera(fake_system, dnr, [hemlig])
    with fake_system.uow() as uow:
        [h] = [h for h in uow.handlingar.for_arende(dnr) if h.nummer == hemlig]
    fake_system.arkiv.sokvag(h.fil).write_bytes(b"andrad")
    with pytest.raises(OgiltigUppgift, match="har ändrats, och ingen kopia görs"):
        _prova(
            fake_system,
            dnr,
            nummer,
            Provningssvar(hemlig, "maskeras", "OSL 26 kap. 1 §", "3"),
        )
    assert utlamnande.hamta(fake_system.uow(), dnr, nummer).oppen
    # The form still comes up, saying why the text is not shown: it can be tried whole.
    [begard] = utlamnande.begard(fake_system.uow(), fake_system.beroenden, dnr, nummer)
    assert begard.stycken == () and "har ändrats" in begard.beskrivning
