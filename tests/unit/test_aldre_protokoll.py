"""An earlier protokoll of several §§ into the diarium, on the fake unit of work: what is read
of each §, what the preview says it would do with it, the one command that registers the
protokoll in its sammanträde's ärende and each § with a dnr under its own number (or in the
ärende the diarium has) with a protokollsutdrag drawn up of it, and every refusal (Swedish,
nothing written, no number used)."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from arende.adapters.textlasning import OcrTextlasare
from arende.domain.aldre_handling import IMPORTERAT, las_handling
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.handelser import AldreHandlingImporterad
from arende.domain.handling import Handlingstyp, Riktning
from arende.domain.skeden import Skede
from arende.service_layer.aldre_handlingar import (
    Forhandsvisning,
    Komplettering,
    forhandsgranska,
    importkommando,
)
from arende.service_layer.kommandon import (
    ImporteradParagraf,
    ImporteraProtokoll,
    InkommenFil,
)
from tests.aldre_skador import SKADOR
from tests.fakes import FakeSystem
from tests.unit.test_aldre_import import PROTOKOLL as UTDRAG
from tests.unit.test_aldre_import import REGISTRATOR, allt
from tests.unit.test_aldre_import import importera as importera_utdrag

DATA = Path(__file__).parents[1] / "data"
PROTOKOLL = (DATA / "protokoll_son_2008.txt").read_bytes()
MB = 1 << 20


def visa(
    system: FakeSystem, namn: str, innehall: bytes, namnd: str | None = None
) -> Forhandsvisning:
    return forhandsgranska(
        system.uow(),
        OcrTextlasare(),
        namn,
        innehall,
        100 * MB,
        idag=system.klocka.idag(),
        namnd=namnd,
    )


def kommando(
    system: FakeSystem,
    innehall: bytes = PROTOKOLL,
    komplettering: Komplettering | None = None,
    namn: str = "protokoll.txt",
) -> ImporteraProtokoll:
    k = importkommando(
        visa(system, namn, innehall),
        komplettering or Komplettering(),
        InkommenFil(namn, innehall),
        aktor=REGISTRATOR,
    )
    assert isinstance(k, ImporteraProtokoll)
    return k


def registrerade(system: FakeSystem, k: ImporteraProtokoll) -> list[tuple[str, str, int]]:
    return [
        (str(h.dnr), h.typ, h.nummer)
        for h in system.utfor(k)
        if isinstance(h, AldreHandlingImporterad)
    ]


def vagras(system: FakeSystem, k: ImporteraProtokoll, *ord_: str) -> None:
    """Refused in Swedish, with no ärende, file or diarium number used."""
    fore = allt(system)
    with system.uow() as uow:
        nasta = uow.diarium.nasta_nummer("SoN", 2026)
        uow.rollback()
    with pytest.raises(ArendeFel) as fel:
        system.utfor(k)
    for o in ord_:
        assert o in fel.value.meddelande, fel.value.meddelande
    antal, _, filer = allt(system)
    assert (antal, filer) == (fore[0], fore[2])
    with system.uow() as uow:
        assert uow.diarium.nasta_nummer("SoN", 2026) == nasta
        uow.rollback()


# -- reading -------------------------------------------------------------------------------------


def test_protokollets_paragrafer_lases_var_for_sig() -> None:
    fynd = las_handling(PROTOKOLL.decode())
    assert fynd.flera_paragrafer
    assert [(p.nummer, p.titel, str(p.dnr) if p.dnr else None) for p in fynd.paragrafer] == [
        (11, "Val av justerare", None),
        (12, "Stadens kvalitetsutmärkelse 2008", "SoN 2008/12"),
        (13, "Verksamhetsplan för socialtjänst- och arbetsmarknadsnämnden 2009", "I.2 2008/660"),
        (14, "Anmälan av delegationsbeslut", "SoN 2008/31"),
    ]
    assert fynd.paragrafer[0].saknade() == ["Dnr"]
    assert fynd.paragrafer[1].beslut[1] == "Paragrafen förklaras omedelbart justerad."
    assert fynd.paragrafer[2].beslut == (
        "Socialtjänstnämnden godkänner förvaltningens förslag till verksamhetsplan för 2009.",
        "Nämnden överlämnar verksamhetsplanen till kommunstyrelsen.",
    )
    assert fynd.paragrafer[3].beslut == ("Anmälan läggs till handlingarna.",)
    # The signatures end the last §, and are the protokoll's.
    assert "Vid protokollet" not in fynd.paragrafer[3].text
    assert fynd.undertecknare == ("Karin Ekström", "Karin Ekblad", "Johan Sundberg")
    assert (fynd.namnd, fynd.datum) == ("Socialtjänstnämnden", date(2008, 5, 13))


@pytest.mark.parametrize("skada", list(SKADOR))
def test_skadade_kopior_av_protokollet_ger_samma_paragrafer(skada: str) -> None:
    hel = las_handling(PROTOKOLL.decode())
    skadad = las_handling(SKADOR[skada](PROTOKOLL.decode()))
    assert skadad.paragrafer == hel.paragrafer


def test_paragraftecknet_som_ocr_laser_det() -> None:
    text = PROTOKOLL.decode().replace("§ 12", "&12").replace("§ 13", "$ l3").replace("§ 14", "S 14")
    assert [p.nummer for p in las_handling(text).paragrafer] == [11, 12, 13, 14]


def test_protokollsutdraget_med_en_paragraf_ar_som_forut() -> None:
    fynd = las_handling(UTDRAG.decode())
    assert not fynd.flera_paragrafer
    assert len(fynd.paragrafer) == 1
    assert str(fynd.dnr) == "SoN 2008/12"


def test_ett_protokoll_utan_lasbar_paragraf_avvisas() -> None:
    text = "\n".join(r for r in PROTOKOLL.decode().split("\n") if not r.startswith("§"))
    with pytest.raises(OgiltigUppgift) as fel:
        las_handling(text)
    assert "Ingen paragraf" in fel.value.meddelande


# -- the preview ---------------------------------------------------------------------------------


def test_forhandsvisningen_listar_paragraferna_och_skriver_inget(fake_system: FakeSystem) -> None:
    importera_utdrag(fake_system, "utdrag.txt", UTDRAG)  # SoN 2008/12 is in the diarium now
    fore = allt(fake_system)
    visning = visa(fake_system, "protokoll.txt", PROTOKOLL)
    rader = visning.paragrafrader()
    assert [r[0] for r in rader] == ["§ 11", "§ 12", "§ 13", "§ 14"]
    assert rader[0][4] == "Dnr"
    assert rader[0][5] == "inget dnr: listas bara i sammanträdets ärende"
    assert "finns redan i diariet" in rader[1][5] and "registreras i det ärendet" in rader[1][5]
    assert rader[2][5] == "nytt avslutat ärende I.2 2008/660 med protokollsutdrag"
    assert ("Dnr", "–", "läses per §, se paragraferna") in visning.rader()
    assert allt(fake_system) == fore


def test_forhandsvisningen_sager_att_ett_nummer_i_egna_serien_vagras(
    fake_system: FakeSystem,
) -> None:
    text = PROTOKOLL.replace(b"Dnr SoN 2008/31", b"Dnr SoN 2026/3")
    visning = visa(fake_system, "protokoll.txt", text)
    assert visning.paragrafrader()[3][5].startswith("vägras: SoN 2026/3 ligger i diariets egen")
    assert any(a.startswith("§ 14: SoN 2026/3") for a in visning.anmarkningar())


# -- the import ----------------------------------------------------------------------------------


def test_protokollet_och_varje_paragraf_med_dnr_registreras_i_ett_steg(
    fake_system: FakeSystem,
) -> None:
    importera_utdrag(fake_system, "utdrag.txt", UTDRAG)
    k = kommando(fake_system, komplettering=Komplettering(handlaggare="Lena Murray"))
    gjort = registrerade(fake_system, k)
    # The sammanträde's ärende takes this year's next number (the utdrag kept 2008/12).
    assert gjort == [
        ("SoN 2026/1", "protokoll", 1),
        ("SoN 2008/12", "protokollsutdrag", 2),
        ("I.2 2008/660", "protokollsutdrag", 1),
        ("SoN 2008/31", "protokollsutdrag", 1),
    ]
    with fake_system.uow() as uow:
        sammantrade = uow.arenden.hamta("SoN 2026/1")
        (protokoll,) = uow.handlingar.for_arende("SoN 2026/1")
        plan = uow.arenden.hamta("I.2 2008/660")
        (utdrag,) = uow.handlingar.for_arende("I.2 2008/660")
        fanns = uow.handlingar.for_arende("SoN 2008/12")
    assert sammantrade.titel == "Protokoll från Socialtjänstnämndens sammanträde 13 maj 2008"
    assert (sammantrade.skede, sammantrade.arendetyp) == (Skede.AVSLUTAT, IMPORTERAT)
    paragrafer = sammantrade.uppgifter["import"]["paragrafer"]
    assert [(p["paragraf"], p["dnr"], p["ärende"]) for p in paragrafer] == [
        (11, None, None),
        (12, "SoN 2008/12", "fanns"),
        (13, "I.2 2008/660", "nytt"),
        (14, "SoN 2008/31", "nytt"),
    ]
    assert paragrafer[0]["beslut"] == [
        "Socialtjänstnämnden utser Johan Sundberg att jämte ordföranden justera protokollet."
    ]
    assert protokoll.typ is Handlingstyp.PROTOKOLL
    assert protokoll.sha256 == hashlib.sha256(PROTOKOLL).hexdigest()
    assert fake_system.arkiv.las(protokoll.fil) == PROTOKOLL

    assert plan.titel == "Verksamhetsplan för socialtjänst- och arbetsmarknadsnämnden 2009"
    assert (plan.skede, plan.handlaggare) == (Skede.AVSLUTAT, "Lena Murray")
    assert plan.registreringsdatum == date(2008, 5, 13)
    assert plan.forslag[1] == "Nämnden överlämnar verksamhetsplanen till kommunstyrelsen."
    assert plan.uppgifter["import"]["protokoll"] == "SoN 2026/1"
    assert utdrag.typ is Handlingstyp.PROTOKOLLSUTDRAG and utdrag.fil.endswith(".docx")
    assert utdrag.riktning is Riktning.UPPRATTAD  # drawn up for the diarium, sent nowhere
    text = "\n".join(
        p.text for p in Document(io.BytesIO(fake_system.arkiv.las(utdrag.fil))).paragraphs
    )
    assert "upprättat vid importen" in text
    assert "registrerat som handling 1 i ärende SoN 2026/1" in text
    assert "Förvaltningen har tagit fram ett förslag till verksamhetsplan för 2009." in text
    assert "Dnr I.2 2008/660" in text
    # The ärende the diarium had got the § extract beside its own document.
    assert [h.typ for h in fanns] == [Handlingstyp.PROTOKOLLSUTDRAG] * 2
    assert fanns[1].titel.startswith("Protokollsutdrag § 12 (import)")

    logg = fake_system.logg()
    assert [p.handling for p in logg if p.dnr == "SoN 2026/1"] == [
        "importera äldre protokoll",
        "registrera äldre handling",
    ]
    assert [p.handling for p in logg if p.dnr == "I.2 2008/660"] == [
        "importera äldre protokoll",
        "registrera handling",
    ]
    assert [p.handling for p in logg if p.dnr == "SoN 2008/12"][-1] == "registrera handling"


def test_en_paragraf_utan_titel_far_sin_plats_som_titel(fake_system: FakeSystem) -> None:
    text = PROTOKOLL.replace(b"Anm\xc3\xa4lan av delegationsbeslut\n", b"")
    k = kommando(fake_system, text)
    assert k.paragrafer[3].titel == "§ 14 i Socialtjänstnämndens protokoll 13 maj 2008"


# -- refusals ------------------------------------------------------------------------------------


def test_samma_protokoll_tva_ganger_vagras(fake_system: FakeSystem) -> None:
    fake_system.utfor(kommando(fake_system))
    vagras(fake_system, kommando(fake_system), "finns redan i diariet", "två gånger")
    # Another copy of the same protokoll (a new scan): the sammanträde is in the diarium.
    annan = kommando(fake_system, PROTOKOLL + b"\n", namn="skanning.txt")
    vagras(fake_system, annan, "redan importerat", "Socialtjänstnämndens sammanträde 13 maj 2008")


def test_ett_dnr_i_diariets_egen_serie_vagras(fake_system: FakeSystem) -> None:
    k = kommando(fake_system, PROTOKOLL.replace(b"Dnr SoN 2008/31", b"Dnr SoN 2026/3"))
    vagras(fake_system, k, "§ 14: SoN 2026/3 ligger i diariets egen nummerserie")


def test_dubbla_paragrafnummer_vagras(fake_system: FakeSystem) -> None:
    text = PROTOKOLL.replace(b"\xc2\xa7 13", b"\xc2\xa7 12")
    visning = visa(fake_system, "protokoll.txt", text)
    assert any("§ 12" in a and "flera gånger" in a for a in visning.anmarkningar())
    vagras(fake_system, kommando(fake_system, text), "§ 12 mer än en gång")


def test_ett_framtida_datum_vagras(fake_system: FakeSystem) -> None:
    k = kommando(fake_system, komplettering=Komplettering(datum=date(2027, 1, 12)))
    vagras(fake_system, k, "framtiden")


@pytest.mark.parametrize(
    ("andring", "ord_"),
    [
        ({"paragrafer": ()}, ("ingen paragraf",)),
        (
            {
                "paragrafer": (
                    ImporteradParagraf(12, "A", "SoN 2008/12"),
                    ImporteradParagraf(13, "B", "SoN 2008/12"),
                )
            },
            ("§ 12 och § 13 har samma diarienummer",),
        ),
        ({"paragrafer": (ImporteradParagraf(12, "A", "inget nummer"),)}, ("§ 12:", "går inte")),
        ({"paragrafer": (ImporteradParagraf(12, " ", "SoN 2008/12"),)}, ("Titeln i § 12",)),
        ({"handlaggare": "Okänd Person"}, ("Okänd Person",)),
        ({"aktor": "Lena Murray"}, ("registrator",)),
        ({"fil": InkommenFil("protokoll.pdf", PROTOKOLL)}, ("filändelsen",)),
    ],
)
def test_felaktiga_kommandon_vagras_och_inget_andras(
    fake_system: FakeSystem, andring: dict[str, object], ord_: tuple[str, ...]
) -> None:
    import dataclasses

    vagras(fake_system, dataclasses.replace(kommando(fake_system), **andring), *ord_)  # type: ignore[arg-type]


def test_uppgifter_som_galler_en_paragraf_vagras_for_hela_protokollet(
    fake_system: FakeSystem,
) -> None:
    with pytest.raises(OgiltigUppgift) as fel:
        kommando(fake_system, komplettering=Komplettering(dnr="SoN 2008/40"))
    assert "--dnr" in fel.value.meddelande and "gäller" in fel.value.meddelande
