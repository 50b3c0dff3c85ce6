"""Gallring as use cases on the fake unit of work: a run proposes only what the plan allows
and whose time has come, a registrator decides, the files go after the commit and the
record remains; a decision by anyone else, on something the proposal did not hold, or
twice, is refused in Swedish and changes nothing."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, BehorighetSaknas, HittasInte, OgiltigUppgift
from arende.domain.handelser import GallringForeslagen, HandlingGallrad
from arende.domain.handling import Handling
from arende.service_layer import gallring
from arende.service_layer.inkommande import filkommando
from arende.service_layer.kommandon import (
    SYSTEMET,
    BeslutaGallring,
    ForeslaGallring,
    InkommenFil,
)
from tests import hjalp
from tests import inkommande_data as data
from tests.fakes import FakeSystem

NAMND = "Socialtjänstnämnden"
REGISTRATOR = "Per Lindqvist"
AVSLUTAT = date(2008, 6, 20)


def _inkommande_epost(system: FakeSystem, dnr: str, inkom: date, text: str = "Hej!") -> None:
    """An e-mail (.eml) registered on the ärende as it came in."""
    brev = data.epost(amne=f"Yttrande i {dnr}", text=text).as_bytes()
    system.utfor(
        dataclasses.replace(
            filkommando(
                [InkommenFil("yttrande.eml", brev)],
                aktor=REGISTRATOR,
                dnr=Diarienummer.tolka(dnr),
                inkom=inkom,
                avsandare="Anna Andersson",
                beskrivning="Yttrande",
                kanal="e-post",
            ),
            epost=True,
        )
    )


def _handlingar(system: FakeSystem, dnr: str) -> list[Handling]:
    with system.uow() as uow:
        return uow.handlingar.for_arende(dnr)


@pytest.fixture
def arenden(fake_system: FakeSystem) -> tuple[str, str]:
    """A closed ärende (decided, anslaget, expedierat, avslutat 2008-06-20) with two incoming
    e-mails and an open one with one; today is 2026-11-23."""
    stangt, oppet = hjalp.beslutat_och_anslaget(fake_system, "Stängt ärende", "Öppet ärende")
    _inkommande_epost(fake_system, stangt, date(2008, 5, 2))
    _inkommande_epost(fake_system, stangt, date(2008, 5, 3), "Ett till")
    _inkommande_epost(fake_system, oppet, date(2008, 5, 2))
    hjalp.expediera(fake_system, stangt, AVSLUTAT)
    return stangt, oppet


def _foresla(system: FakeSystem, aktor: str = REGISTRATOR) -> int:
    [handelse] = [
        h
        for h in system.utfor(ForeslaGallring(aktor=aktor, nyckel=hjalp.nyckel(), namnd=NAMND))
        if isinstance(h, GallringForeslagen)
    ]
    return handelse.forslag


def test_forslaget_har_bara_det_planen_tillater_och_andrar_inget(
    fake_system: FakeSystem, arenden: tuple[str, str]
) -> None:
    stangt, oppet = arenden
    fore = _handlingar(fake_system, stangt)
    forslag = gallring.forslaget(fake_system.uow, _foresla(fake_system))
    assert forslag is not None
    # The closed ärende's e-mails (2 år efter avslut, SoN 2019/12); never what the plan keeps
    # (its tjänsteutlåtande, its protokollsutdrag), not its anslag (1 år efter handlingens
    # datum: it was posted today), never anything of the open ärende.
    assert {h.typ.value for h in fore} == {
        "tjänsteutlåtande",
        "protokollsutdrag",
        "anslag",
        "e-postmeddelande",
    }
    anslag = next(h for h in fore if h.typ.value == "anslag")
    assert anslag.datum == date(2026, 11, 23)
    epostnummer = [h.nummer for h in fore if h.typ.value == "e-postmeddelande"]
    assert [(p.dnr, p.nummer) for p in forslag.poster] == [(stangt, n) for n in epostnummer]
    epost = forslag.poster[0]
    assert (epost.beslut, epost.frist, epost.fran_och_med) == (
        "SoN 2019/12",
        "2 år efter ärendets avslut",
        date(2010, 6, 20),
    )
    # Proposing removes nothing and marks nothing.
    assert _handlingar(fake_system, stangt) == fore
    for h in fore:
        assert fake_system.arkiv.sha256(h.fil) == h.sha256
    assert forslag.beslutat is None


def test_registratorn_beslutar_och_posten_finns_kvar_men_inte_filen(
    fake_system: FakeSystem, arenden: tuple[str, str]
) -> None:
    stangt, _ = arenden
    forslag_id = _foresla(fake_system)
    forslag = gallring.forslaget(fake_system.uow, forslag_id)
    assert forslag is not None
    epost = next(p for p in forslag.poster if p.handlingstyp == "e-postmeddelande")
    handelser = fake_system.utfor(
        BeslutaGallring(
            aktor=REGISTRATOR,
            nyckel="gallring-1",
            namnd=NAMND,
            forslag=forslag_id,
            poster=[(stangt, epost.nummer)],
        )
    )
    gallrade = [h for h in handelser if isinstance(h, HandlingGallrad)]
    assert [(str(h.dnr), h.nummer) for h in gallrade] == [(stangt, epost.nummer)]
    # Until the files are removed after the commit, they are there; then they are gone.
    fil = gallrade[0].fil
    assert fake_system.arkiv.sha256(fil) is not None
    assert gallring.ta_bort_filer(fake_system.arkiv, handelser) == [fil]
    assert fake_system.arkiv.sha256(fil) is None
    # Again (a replay after a stop): nothing more to remove, and no error.
    assert gallring.ta_bort_filer(fake_system.arkiv, handelser) == []

    handling = next(h for h in _handlingar(fake_system, stangt) if h.nummer == epost.nummer)
    assert handling.gallring is not None
    assert handling.sha256 == epost.sha256[0] == handling.gallring.sha256
    assert str(handling.gallring) == (
        f"gallrad enligt SoN 2019/12 (beslut 2019-03-19, av {REGISTRATOR}, den 2026-11-23)"
    )
    assert handling.gallring.offentlig_text == "Gallrad 2026-11-23 enligt SoN 2019/12"
    # Only what she chose: the other e-mail in the same proposal stays.
    andra = next(p for p in forslag.poster if p.nummer != epost.nummer)
    kvar = next(h for h in _handlingar(fake_system, stangt) if h.nummer == andra.nummer)
    assert kvar.gallring is None
    assert fake_system.arkiv.sha256(kvar.fil) == kvar.sha256

    # The ärende's history names what went, its sha256, the decision and who.
    loggat = [p for p in fake_system.logg() if p.handling == "gallra handling"]
    assert len(loggat) == 1
    assert loggat[0].dnr == stangt and loggat[0].aktor == REGISTRATOR
    innehall = loggat[0].innehall
    assert innehall["gallringsbeslut"]["beteckning"] == "SoN 2019/12"
    assert innehall["versioner"][0]["sha256"] == handling.sha256
    assert innehall["förslag"] == forslag_id
    beslutat = gallring.forslaget(fake_system.uow, forslag_id)
    assert beslutat is not None and beslutat.beslutat_av == REGISTRATOR

    # The same decision given again (same key) returns the same events, changes nothing.
    assert (
        fake_system.utfor(
            BeslutaGallring(
                aktor=REGISTRATOR,
                nyckel="gallring-1",
                namnd=NAMND,
                forslag=forslag_id,
                poster=[(stangt, epost.nummer)],
            )
        )
        == handelser
    )


def test_hela_forslaget_nar_inget_val_anges(
    fake_system: FakeSystem, arenden: tuple[str, str]
) -> None:
    stangt, _ = arenden
    forslag_id = _foresla(fake_system)
    handelser = fake_system.utfor(
        BeslutaGallring(aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag_id)
    )
    gallring.ta_bort_filer(fake_system.arkiv, handelser)
    gallrade = [h.nummer for h in _handlingar(fake_system, stangt) if h.gallring]
    forslag = gallring.forslaget(fake_system.uow, forslag_id)
    assert forslag is not None and gallrade == [p.nummer for p in forslag.poster]
    assert len(gallrade) == 2
    # A new run finds nothing more of them to propose.
    nytt = gallring.forslaget(fake_system.uow, _foresla(fake_system))
    assert nytt is not None and nytt.poster == ()


def _oforandrat(system: FakeSystem, dnr: str, fore: list[Handling]) -> None:
    assert _handlingar(system, dnr) == fore
    for h in fore:
        assert system.arkiv.sha256(h.fil) == h.sha256


@pytest.mark.parametrize(
    ("aktor", "fel", "ord_"),
    [
        ("Lena Murray", BehorighetSaknas, "registrator"),  # the handläggare
        ("Dag Helin", BehorighetSaknas, "registrator"),  # a chef
        ("Karin Ekström", BehorighetSaknas, "registrator"),  # the nämndsekreterare
        (SYSTEMET, BehorighetSaknas, "Systemet får inte besluta om gallring"),
        ("Okänd Person", HittasInte, "Okänd Person"),
    ],
)
def test_bara_en_registrator_far_besluta(
    fake_system: FakeSystem,
    arenden: tuple[str, str],
    aktor: str,
    fel: type[ArendeFel],
    ord_: str,
) -> None:
    stangt, _ = arenden
    forslag_id = _foresla(fake_system)
    fore = _handlingar(fake_system, stangt)
    with pytest.raises(fel, match=ord_):
        fake_system.utfor(
            BeslutaGallring(aktor=aktor, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag_id)
        )
    _oforandrat(fake_system, stangt, fore)
    forslag = gallring.forslaget(fake_system.uow, forslag_id)
    assert forslag is not None and forslag.beslutat is None


def test_systemet_far_foresla_men_en_handlaggare_inte(
    fake_system: FakeSystem, arenden: tuple[str, str]
) -> None:
    assert _foresla(fake_system, SYSTEMET) >= 1
    with pytest.raises(BehorighetSaknas):
        _foresla(fake_system, "Lena Murray")


def test_en_handling_som_forslaget_inte_har_vagras_och_inget_gallras(
    fake_system: FakeSystem, arenden: tuple[str, str]
) -> None:
    stangt, oppet = arenden
    forslag_id = _foresla(fake_system)
    forslag = gallring.forslaget(fake_system.uow, forslag_id)
    assert forslag is not None
    epost = next(p for p in forslag.poster if p.handlingstyp == "e-postmeddelande")
    fore = _handlingar(fake_system, stangt)
    fore_oppet = _handlingar(fake_system, oppet)
    # The tjänsteutlåtande (number 1, kept by the plan) beside an item the proposal holds:
    # the whole decision is refused, the e-mail is not gallrad either.
    for poster in ([(stangt, epost.nummer), (stangt, 1)], [(oppet, epost.nummer)], [(stangt, 99)]):
        with pytest.raises(OgiltigUppgift, match=f"finns inte i gallringsförslag {forslag_id}"):
            fake_system.utfor(
                BeslutaGallring(
                    aktor=REGISTRATOR,
                    nyckel=hjalp.nyckel(),
                    namnd=NAMND,
                    forslag=forslag_id,
                    poster=poster,
                )
            )
    _oforandrat(fake_system, stangt, fore)
    _oforandrat(fake_system, oppet, fore_oppet)
    # The refusal is in the audit log, with what was asked.
    avvisade = [
        p
        for p in fake_system.logg()
        if p.handling == "besluta om gallring" and p.innehall["utfall"] == "avvisad"
    ]
    assert len(avvisade) == 3


def test_ett_forslag_beslutas_en_gang_och_ett_okant_finns_inte(
    fake_system: FakeSystem, arenden: tuple[str, str]
) -> None:
    forslag_id = _foresla(fake_system)
    fake_system.utfor(
        BeslutaGallring(aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag_id)
    )
    with pytest.raises(OgiltigUppgift, match=f"Gallringsförslag {forslag_id} är redan beslutat"):
        fake_system.utfor(
            BeslutaGallring(
                aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag_id
            )
        )
    with pytest.raises(HittasInte, match="inget gallringsförslag nummer 77"):
        fake_system.utfor(
            BeslutaGallring(aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=77)
        )


def test_en_tom_plan_ger_ett_tomt_forslag_som_inte_kan_beslutas(
    fake_system: FakeSystem, tmp_path: Path
) -> None:
    forslag_id = _foresla(fake_system)  # no ärenden at all
    with pytest.raises(OgiltigUppgift, match="innehåller inget att gallra"):
        fake_system.utfor(
            BeslutaGallring(
                aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag_id
            )
        )


def test_en_andra_korning_foreslar_inte_det_ett_obeslutat_forslag_redan_har(
    fake_system: FakeSystem, arenden: tuple[str, str]
) -> None:
    """A run while an earlier proposal awaits its decision adds only what is new: the same
    handlingar are not proposed twice (the scheduled monthly run depends on this). Once the
    earlier proposal is decided, what it left behind may be proposed again."""
    stangt, _ = arenden
    forsta = gallring.forslaget(fake_system.uow, _foresla(fake_system))
    assert forsta is not None and len(forsta.poster) == 2
    andra = gallring.forslaget(fake_system.uow, _foresla(fake_system))
    assert andra is not None and andra.poster == ()
    plan = fake_system.beroenden.plan
    assert plan is not None
    with fake_system.uow() as uow:
        assert gallring.att_foresla(uow, plan, NAMND, date(2026, 11, 23)) == []
    # The registrator gallrar one of the two; the other is free to be proposed again.
    behall = forsta.poster[1]
    fake_system.utfor(
        BeslutaGallring(
            aktor=REGISTRATOR,
            nyckel=hjalp.nyckel(),
            namnd=NAMND,
            forslag=forsta.id,
            poster=[(forsta.poster[0].dnr, forsta.poster[0].nummer)],
        )
    )
    tredje = gallring.forslaget(fake_system.uow, _foresla(fake_system))
    assert tredje is not None and tredje.poster == (behall,)


def test_en_handling_som_andrats_sedan_forslaget_vagras(
    fake_system: FakeSystem, arenden: tuple[str, str]
) -> None:
    """A proposal is what the registrator saw: a handling that is not what it was then (here
    it got a new version, so a later run proposes it again as it is now, and a decision on
    that one gallrar it) is not gallrad on the earlier one."""
    stangt, _ = arenden
    forsta = _foresla(fake_system)
    with fake_system.uow() as uow:
        [*_, sista] = uow.handlingar.for_arende(stangt)
        uow.handlingar.lagg_till(
            stangt,
            dataclasses.replace(sista, version=2, sha256="0" * 64, nyckel=None, fil="ny.eml"),
        )
        uow.commit()
    andra = gallring.forslaget(fake_system.uow, _foresla(fake_system))
    assert andra is not None
    assert [(p.nummer, p.sha256[-1]) for p in andra.poster] == [(sista.nummer, "0" * 64)]
    fake_system.utfor(
        BeslutaGallring(aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=andra.id)
    )
    fore = _handlingar(fake_system, stangt)
    with pytest.raises(OgiltigUppgift, match="är redan gallrad"):
        fake_system.utfor(
            BeslutaGallring(aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forsta)
        )
    assert _handlingar(fake_system, stangt) == fore


def test_en_annan_namnds_forslag_beslutas_inte_har(fake_system: FakeSystem) -> None:
    """A proposal belongs to its nämnd: Socialtjänstnämnden's registrator neither decides
    Östermalm's nor reaches it through her own nämnd."""
    ostermalm = "Östermalms stadsdelsnämnd"
    handelser = fake_system.utfor(
        ForeslaGallring(aktor=SYSTEMET, nyckel=hjalp.nyckel(), namnd=ostermalm)
    )
    forslag_id = next(h.forslag for h in handelser if isinstance(h, GallringForeslagen))
    with pytest.raises(BehorighetSaknas, match="Östermalms stadsdelsnämnds arkiv"):
        fake_system.utfor(
            BeslutaGallring(
                aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=ostermalm, forslag=forslag_id
            )
        )
    with pytest.raises(HittasInte, match=f"inget gallringsförslag nummer {forslag_id}"):
        fake_system.utfor(
            BeslutaGallring(
                aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag_id
            )
        )
    forslag = gallring.forslaget(fake_system.uow, forslag_id)
    assert forslag is not None and forslag.beslutat is None
