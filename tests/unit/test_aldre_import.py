"""Importing an earlier document through the one command pipeline, on the fake unit of work:
what the preview says, what the command registers (a closed ärende, the file as a handling,
hashed and logged), how an old dnr is kept without colliding with the diarium's series, and
every refusal (Swedish, nothing written)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from arende.adapters.textlasning import OcrTextlasare
from arende.domain.aldre_handling import IMPORTERAT
from arende.domain.diarienummer import Diarienummer
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
from arende.service_layer.kommandon import ImporteraAldreHandling, InkommenFil
from tests import seed000
from tests.aldre_filer import docx_av
from tests.fakes import FakeSystem

DATA = Path(__file__).parents[1] / "data"
SEED_000 = (DATA / "seed_000_tjansteutlatande.txt").read_bytes()
SEED_002 = (DATA / "seed_002_verksamhetsplan_2009.txt").read_bytes()
PROTOKOLL = (DATA / "protokollsutdrag_son_2008.txt").read_bytes()
REGISTRATOR = "Per Lindqvist"
MB = 1 << 20


def visa(system: FakeSystem, namn: str, innehall: bytes) -> Forhandsvisning:
    return forhandsgranska(system.uow(), OcrTextlasare(), namn, innehall, 100 * MB)


def importera(
    system: FakeSystem, namn: str, innehall: bytes, komplettering: Komplettering | None = None
) -> Diarienummer:
    visning = visa(system, namn, innehall)
    kommando = importkommando(
        visning, komplettering or Komplettering(), InkommenFil(namn, innehall), aktor=REGISTRATOR
    )
    handelser = system.utfor(kommando)
    return next(h.dnr for h in handelser if isinstance(h, AldreHandlingImporterad))


def allt(system: FakeSystem) -> tuple[int, int, list[str]]:
    """How many ärenden and log events there are, and the archive's files: what a refusal
    must leave as it was."""
    antal = len(system.databas.lager.arenden)
    filer = sorted(str(p) for p in system.arkiv.katalog.rglob("*") if p.is_file())
    return antal, len(system.logg()), filer


def test_forhandsvisningen_av_seed_000_sager_vad_som_hittades_och_vad_som_saknas(
    fake_system: FakeSystem,
) -> None:
    fore = allt(fake_system)
    visning = visa(fake_system, "tjansteutlatande.txt", SEED_000)
    rader = {falt: (status, varde) for falt, status, varde in visning.rader()}
    assert rader["Slag"] == ("hittad", "tjänsteutlåtande")
    assert rader["Nämnd"] == ("hittad", "Socialtjänstnämnden")
    assert rader["Handläggare"] == ("hittad", "Lena Murray")
    assert rader["Dnr"] == ("saknas", "")
    assert rader["Datum"] == ("saknas", "")
    assert rader["Undertecknare"][1] == "Dag Helin, Eddie Friberg, Rita Kahn, Eva Sandberg"
    assert visning.namnd_i_registret == "Socialtjänstnämnden"
    assert visning.handlaggare_i_registret == "Lena Murray"
    assert any("datum" in a for a in visning.anmarkningar())
    assert allt(fake_system) == fore  # a preview writes nothing


def test_utan_datum_registreras_inget_och_meddelandet_sager_vad_som_fattas(
    fake_system: FakeSystem,
) -> None:
    visning = visa(fake_system, "tjansteutlatande.txt", SEED_000)
    with pytest.raises(OgiltigUppgift) as fel:
        importkommando(visning, Komplettering(), InkommenFil("t.txt", SEED_000), aktor=REGISTRATOR)
    assert "datum (--datum ÅÅÅÅ-MM-DD)" in fel.value.meddelande


def test_seed_000_blir_ett_avslutat_arende_med_handlingen_hashad_och_loggad(
    fake_system: FakeSystem,
) -> None:
    dnr = importera(
        fake_system, "tjansteutlatande.txt", SEED_000, Komplettering(datum=date(2008, 4, 22))
    )
    # No dnr of its own: the next number of this year's series.
    assert dnr == Diarienummer("SoN", 2026, 1)
    with fake_system.uow() as uow:
        arende = uow.arenden.hamta(str(dnr))
        handlingar = uow.handlingar.for_arende(str(dnr))
    assert arende.skede is Skede.AVSLUTAT
    assert arende.arendetyp == IMPORTERAT
    assert arende.titel == "Stadens kvalitetsutmärkelse 2008"
    assert arende.handlaggare == "Lena Murray"
    assert arende.registreringsdatum == date(2008, 4, 22)
    assert arende.forslag[1] == "Paragrafen förklaras omedelbart justerad."
    assert arende.uppgifter["import"]["undertecknare"][0] == "Dag Helin"
    (handling,) = handlingar
    assert (handling.typ, handling.riktning, handling.last) == (
        Handlingstyp.TJANSTEUTLATANDE,
        Riktning.UPPRATTAD,
        True,
    )
    assert handling.sha256 == hashlib.sha256(SEED_000).hexdigest()
    assert fake_system.arkiv.las(handling.fil) == SEED_000
    logg = [p for p in fake_system.logg() if p.dnr == str(dnr)]
    assert [p.handling for p in logg] == ["importera äldre handling", "registrera äldre handling"]
    assert logg[0].aktor == REGISTRATOR and logg[0].roll == "registrator"
    assert logg[1].innehall["sha256"] == handling.sha256


def test_protokollet_saknar_ingen_handlaggare(fake_system: FakeSystem) -> None:
    visning = visa(fake_system, "protokoll.txt", PROTOKOLL)
    assert ("Handläggare", "–", "") in visning.rader()
    assert visning.anmarkningar() == []


def test_en_handlaggare_som_inte_finns_i_registret_namns(fake_system: FakeSystem) -> None:
    text = (DATA / "seed_001_verksamhetsplan_vuxenenheten_2012.txt").read_bytes()
    visning = visa(fake_system, "plan.txt", text)
    assert any("'Jan Rönnberg' finns inte i personregistret" in a for a in visning.anmarkningar())


def test_ett_eget_dnr_behalls_och_serien_flyttas_forbi_det(fake_system: FakeSystem) -> None:
    dnr = importera(fake_system, "protokoll.txt", PROTOKOLL)
    assert dnr == Diarienummer("SoN", 2008, 12)
    with fake_system.uow() as uow:
        assert uow.arenden.hamta("SoN 2008/12").registreringsdatum == date(2008, 5, 13)
        (handling,) = uow.handlingar.for_arende("SoN 2008/12")
        assert handling.typ is Handlingstyp.PROTOKOLLSUTDRAG
    # A registration dated in 2008 now gets a number after the imported one.
    assert seed000.registrera(fake_system, registreringsdatum="2008-04-22") == "SoN 2008/13"


def test_planens_stockholmsnummer_behalls_med_namnd_och_handlaggare_angivna(
    fake_system: FakeSystem,
) -> None:
    visning = visa(fake_system, "plan.txt", SEED_002)
    assert visning.namnd_i_registret is None  # "Socialtjänst- och arbetsmarknadsnämnden"
    assert any("--namnd" in a for a in visning.anmarkningar())
    dnr = importera(
        fake_system,
        "plan.txt",
        SEED_002,
        Komplettering(namnd="Socialtjänstnämnden", handlaggare="Lena Murray"),
    )
    assert dnr == Diarienummer("I.2", 2008, 660)
    with fake_system.uow() as uow:
        arende = uow.arenden.hamta("I.2 2008/660")
        (handling,) = uow.handlingar.for_arende("I.2 2008/660")
    assert arende.uppgifter["import"]["ursprungligt_dnr"] == "I.2-0660/2008"
    assert arende.uppgifter["import"]["lasta"]["namnd"] == "Socialtjänst- och arbetsmarknadsnämnden"
    assert handling.typ is Handlingstyp.VERKSAMHETSPLAN


def test_word_filen_importeras_som_word(fake_system: FakeSystem) -> None:
    innehall = docx_av(PROTOKOLL.decode())
    visning = visa(fake_system, "protokoll.docx", innehall)
    assert visning.kalla == "docx"
    dnr = importera(fake_system, "protokoll.docx", innehall)
    with fake_system.uow() as uow:
        (handling,) = uow.handlingar.for_arende(str(dnr))
    assert handling.fil.endswith(".docx")


def _vagras(system: FakeSystem, kommando: ImporteraAldreHandling, *ord_: str) -> None:
    fore = allt(system)
    with pytest.raises(ArendeFel) as fel:
        system.utfor(kommando)
    for o in ord_:
        assert o in fel.value.meddelande
    antal, _, filer = allt(system)
    assert (antal, filer) == (fore[0], fore[2])  # the refusal is logged, nothing else


def kommando(**andringar: object) -> ImporteraAldreHandling:
    data: dict[str, object] = {
        "aktor": REGISTRATOR,
        "namnd": "Socialtjänstnämnden",
        "slag": "protokoll",
        "titel": "Stadens kvalitetsutmärkelse 2008",
        "datum": date(2008, 5, 13),
        "handlaggare": "Lena Murray",
        "fil": InkommenFil("protokoll.txt", PROTOKOLL),
        "dnr": "SoN 2008/12",
    }
    return ImporteraAldreHandling(**(data | andringar))  # type: ignore[arg-type]


def test_samma_fil_tva_ganger_vagras(fake_system: FakeSystem) -> None:
    fake_system.utfor(kommando())
    _vagras(fake_system, kommando(dnr=None), "finns redan i diariet", "SoN 2008/12")


def test_ett_dnr_som_redan_finns_vagras(fake_system: FakeSystem) -> None:
    fake_system.utfor(kommando())
    _vagras(
        fake_system,
        kommando(fil=InkommenFil("annan.txt", PROTOKOLL + b"\n")),
        "SoN 2008/12 finns redan i diariet",
    )


def test_ett_nummer_i_arets_egen_serie_vagras(fake_system: FakeSystem) -> None:
    _vagras(fake_system, kommando(dnr="SoN 2026/5"), "diariets egen nummerserie", "--utan-dnr")
    _vagras(fake_system, kommando(dnr="SoN 2027/1"), "diariets egen nummerserie")


@pytest.mark.parametrize(
    ("andringar", "ord_"),
    [
        ({"fil": InkommenFil("tom.txt", b"")}, ("tom",)),
        ({"fil": InkommenFil("fel.pdf", PROTOKOLL)}, ("filändelsen",)),
        ({"fil": InkommenFil("bild.gif", b"GIF89a")}, ("bara Word", "png, jpg, tif")),
        ({"fil": InkommenFil("bild.png", b"")}, ("tom",)),
        ({"fil": InkommenFil("bild.jpg", b"\x89PNG\r\n\x1a\n" + b"0" * 64)}, ("filändelsen",)),
        ({"fil": InkommenFil("bild.tif", PROTOKOLL)}, ("filändelsen",)),
        ({"fil": InkommenFil("latin1.txt", "Förslag".encode("latin-1"))}, ("UTF-8",)),
        ({"fil": InkommenFil("../../etc/passwd.txt", PROTOKOLL)}, ("sökväg",)),
        ({"dnr": "inget nummer"}, ("går inte att läsa som diarienummer",)),
        ({"datum": date(2026, 11, 24)}, ("framtiden",)),
        ({"titel": "  "}, ("Titeln",)),
        ({"slag": "faktura"}, ("Okänt slag",)),
        ({"handlaggare": "Jan Rönnberg"}, ("Jan Rönnberg",)),
        ({"namnd": "Socialtjänst- och arbetsmarknadsnämnden"}, ("nämnd",)),
        ({"aktor": "Lena Murray"}, ("registrator",)),
    ],
)
def test_felaktiga_uppgifter_vagras_och_inget_andras(
    fake_system: FakeSystem, andringar: dict[str, object], ord_: tuple[str, ...]
) -> None:
    _vagras(fake_system, kommando(**andringar), *ord_)


def test_en_avvisad_import_forbrukar_inget_nummer(fake_system: FakeSystem) -> None:
    _vagras(fake_system, kommando(dnr=None, titel=""), "Titeln")
    dnr = importera(fake_system, "protokoll.txt", PROTOKOLL, Komplettering(utan_dnr=True))
    assert dnr == Diarienummer("SoN", 2026, 1)


@pytest.mark.parametrize(
    ("namn", "innehall", "ord_"),
    [
        ("tom.txt", b"", "tom"),
        ("blank.txt", b"   \n\n", "ingen text"),
        ("brev.txt", "Hej!\nHär är fakturan.\n".encode(), "ser inte ut som"),
        ("bidrag.txt", (DATA / "seed_003_tavlingsbidrag_2020.txt").read_bytes(), "ser inte ut som"),
        ("trasig.docx", b"PK\x03\x04 inte en zip", "Word"),
    ],
)
def test_forhandsvisningen_avvisar_det_som_inte_kan_importeras(
    fake_system: FakeSystem, namn: str, innehall: bytes, ord_: str
) -> None:
    fore = allt(fake_system)
    with pytest.raises(OgiltigUppgift) as fel:
        visa(fake_system, namn, innehall)
    assert ord_ in fel.value.meddelande
    assert allt(fake_system) == fore


def test_tabellen_som_markdown() -> None:
    from arende.domain.aldre_handling import las_handling
    from arende.service_layer.aldre_handlingar import Tabell

    tabell = Tabell()
    tabell.lagg_till("seed 000", las_handling(SEED_000.decode()))
    tabell.lagg_till("protokoll", las_handling(PROTOKOLL.decode()))
    tabell.lagg_till("brev", "Handlingen ser inte ut som ett tjänsteutlåtande")
    rader = tabell.markdown().splitlines()
    assert rader[0].startswith("| Dokument | Slag | Nämnd | Dnr | Datum | Handläggare |")
    assert rader[2] == (
        "| seed 000 | tjänsteutlåtande | ✓ | **saknas** | **saknas** | ✓ | ✓ | ✓ | ✓ |"
    )
    assert rader[3] == "| protokoll | protokoll | ✓ | ✓ | ✓ | – | ✓ | ✓ | ✓ |"
    assert rader[4].startswith("| brev | avvisad: Handlingen ser inte ut som")
