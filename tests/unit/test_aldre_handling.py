"""The rules that read an earlier document (domain/aldre_handling.py): one case per form a
dnr, a date, a heading or a name can take after OCR, and the seed documents whole and
damaged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from arende.domain.aldre_handling import (
    Dokumentslag,
    LastDnr,
    las_handling,
    rensa_text,
    siffror,
    tolka_datum,
    tolka_dnr,
)
from arende.domain.fel import OgiltigUppgift
from tests.aldre_skador import SKADOR

DATA = Path(__file__).parents[1] / "data"
SEED_000 = (DATA / "seed_000_tjansteutlatande.txt").read_text(encoding="utf-8")
SEED_001 = (DATA / "seed_001_verksamhetsplan_vuxenenheten_2012.txt").read_text(encoding="utf-8")
SEED_002 = (DATA / "seed_002_verksamhetsplan_2009.txt").read_text(encoding="utf-8")
SEED_003 = (DATA / "seed_003_tavlingsbidrag_2020.txt").read_text(encoding="utf-8")
PROTOKOLL = (DATA / "protokollsutdrag_son_2008.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "vantat"),
    [
        ("SoN 2008/12", ("SoN", 2008, 12)),
        ("SoN 2008 / 12", ("SoN", 2008, 12)),
        ("SoN 200812", ("SoN", 2008, 12)),
        ("SoN 2OO8/12", ("SoN", 2008, 12)),
        ("SoN 2008/l2", ("SoN", 2008, 12)),
        ("I.2-0660/2008", ("I.2", 2008, 660)),
        ("I.2-06602008", ("I.2", 2008, 660)),
        ("I.2-0660/2OO8", ("I.2", 2008, 660)),
        ("ÖSN 2019/123.", ("ÖSN", 2019, 123)),
        ("SDN 2019/123", ("SDN", 2019, 123)),
        ("2008/12", (None, 2008, 12)),
        ("SoN 1999/1", ("SoN", 1999, 1)),
    ],
)
def test_diarienummer_i_olika_former(text: str, vantat: tuple[str | None, int, int]) -> None:
    dnr = tolka_dnr(text)
    assert dnr is not None
    assert (dnr.prefix, dnr.ar, dnr.nummer) == vantat


@pytest.mark.parametrize(
    "text", ["", "SoN", "SoN 2008/0", "SoN 3008/12", "Sammanfattning", "12/13", "SoN 08/12"]
)
def test_inget_diarienummer(text: str) -> None:
    assert tolka_dnr(text) is None


def test_diarienumret_skrivs_som_diariet_skriver_det() -> None:
    assert str(LastDnr("I.2-0660/2008", "I.2", 2008, 660)) == "I.2 2008/660"
    assert str(LastDnr("2008/12", None, 2008, 12)) == "2008/12"


@pytest.mark.parametrize(
    ("text", "vantat"),
    [
        ("2008-05-13", date(2008, 5, 13)),
        ("2008- 05-13", date(2008, 5, 13)),
        ("2008 - 05 - 13", date(2008, 5, 13)),
        ("20080513", date(2008, 5, 13)),
        ("2OO8-O5-13", date(2008, 5, 13)),
        ("13 maj 2008", date(2008, 5, 13)),
        ("den 1 december 2008", date(2008, 12, 1)),
        ("1 December 2008", date(2008, 12, 1)),
        ("2008-12-01.", date(2008, 12, 1)),
    ],
)
def test_datum_i_olika_former(text: str, vantat: date) -> None:
    assert tolka_datum(text) == vantat


@pytest.mark.parametrize(
    "text", ["", "2008-13-01", "2008-02-30", "20081301", "13 majj 2008", "maj 2008", "2008"]
)
def test_inget_datum(text: str) -> None:
    assert tolka_datum(text) is None


@pytest.mark.parametrize(
    ("text", "vantat"),
    [
        ("tjänsteut-\nlåtande", "tjänsteutlåtande"),
        ("tjänsteut- låtande", "tjänsteutlåtande"),
        ("kris- och utredningscenter", "kris- och utredningscenter"),
        ("socialtjänst- och\narbetsmarknadsnämnden", "socialtjänst- och\narbetsmarknadsnämnden"),
        ("\ufb01nns \ufb02era", "finns flera"),
        ("| Förslag till beslut ~", "Förslag till beslut"),
        ("Verksamhets · plan", "Verksamhets plan"),
        ("2OO8", "2008"),
        ("Oslo Ola", "Oslo Ola"),
        ("Namn\tTelefon", "Namn\nTelefon"),
        ("a\u00adb", "ab"),
    ],
)
def test_texten_rensas(text: str, vantat: str) -> None:
    assert rensa_text(text) == vantat


def test_siffror_som_lasts_som_bokstaver() -> None:
    assert siffror("2OO8") == "2008"
    assert siffror("l9|2") == "1912"


def test_seed_000_tjansteutlatandet() -> None:
    fynd = las_handling(SEED_000)
    assert fynd.slag is Dokumentslag.TJANSTEUTLATANDE
    assert fynd.namnd == "Socialtjänstnämnden"
    assert fynd.handlaggare == "Lena Murray"
    assert fynd.titel == "Stadens kvalitetsutmärkelse 2008"
    assert len(fynd.forslag) == 2
    assert fynd.forslag[0].startswith("Socialtjänstnämnden beslutar nominera Uppsökarenheten")
    assert fynd.forslag[1] == "Paragrafen förklaras omedelbart justerad."
    assert fynd.undertecknare == ("Dag Helin", "Eddie Friberg", "Rita Kahn", "Eva Sandberg")
    # The document carries no dnr and no date of its own: the dates in its text (19 maj
    # 2008) are not taken for it.
    assert fynd.dnr is None and fynd.datum is None
    assert fynd.saknade() == ["dnr", "datum"]


def test_seed_001_planen() -> None:
    fynd = las_handling(SEED_001)
    assert fynd.slag is Dokumentslag.VERKSAMHETSPLAN
    assert (fynd.namnd, fynd.handlaggare, fynd.titel) == (
        "Östermalms stadsdelsnämnd",
        "Jan Rönnberg",
        "Verksamhetsplan Vuxenenheten",
    )
    assert fynd.saknade() == ["dnr", "datum"]


def test_seed_002_planen() -> None:
    fynd = las_handling(SEED_002)
    assert fynd.slag is Dokumentslag.VERKSAMHETSPLAN
    assert fynd.dnr == LastDnr("I.2-0660/2008", "I.2", 2008, 660)
    assert fynd.datum == date(2008, 12, 1)
    assert fynd.namnd == "Socialtjänst- och arbetsmarknadsnämnden"
    assert fynd.titel == "Verksamhetsplan för socialtjänst- och arbetsmarknadsnämnden"
    assert fynd.saknade() == ["handlaggare"]


def test_protokollsutdraget() -> None:
    fynd = las_handling(PROTOKOLL)
    assert fynd.slag is Dokumentslag.PROTOKOLL
    assert fynd.dnr == LastDnr("SoN 2008/12", "SoN", 2008, 12)
    assert fynd.datum == date(2008, 5, 13)
    assert fynd.titel == "Stadens kvalitetsutmärkelse 2008"
    assert fynd.undertecknare == ("Karin Ekström", "Karin Ekblad", "Johan Sundberg")
    assert len(fynd.forslag) == 2
    assert fynd.saknade() == []
    assert "handlaggare" not in fynd.hittade() + fynd.saknade()


@pytest.mark.parametrize("skada", list(SKADOR))
@pytest.mark.parametrize(
    "text", [SEED_000, SEED_001, SEED_002, PROTOKOLL], ids=["000", "001", "002", "protokoll"]
)
def test_skadade_kopior_ger_samma_uppgifter(text: str, skada: str) -> None:
    """Every damage (and all of them at once) leaves what is read unchanged."""
    hel, skadad = las_handling(text), las_handling(SKADOR[skada](text))
    assert skadad == hel


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        SEED_003,
        "Hej!\nHär kommer en faktura på 1 200 kronor.\nMvh Eva",
        "Handläggare: Lena Murray\nTill\nSocialtjänstnämnden\nEtt brev om något.",
    ],
    ids=["tom", "blank", "tavlingsbidrag", "brev", "utan-forslag"],
)
def test_annat_an_tjansteutlatande_protokoll_eller_plan_avvisas(text: str) -> None:
    with pytest.raises(OgiltigUppgift) as fel:
        las_handling(text)
    assert "ingen text" in fel.value.meddelande or "ser inte ut som" in fel.value.meddelande


def test_rubriker_och_namn_over_radbrytningar() -> None:
    text = (
        "Handläggare: Eva\nLindroth\nTelefon: 08-508 000 00\n\nTill\nSocialtjänstnämnden\n\n"
        "Ett ärende om\nnågot viktigt\n\nFörslag till be- slut\n\n1. Nämnden god-\n"
        "känner förslaget\noch lägger det till handlingarna.\n2. Paragrafen förklaras "
        "omedelbart justerad.\n\nDag Helin\nSocialdirektör\n\nEddie Friberg\nAvdelningschef\n\n"
        "Sammanfattning\n\nText."
    )
    fynd = las_handling(text)
    assert fynd.handlaggare == "Eva Lindroth"
    assert fynd.titel == "Ett ärende om något viktigt"
    assert fynd.forslag == (
        "Nämnden godkänner förslaget och lägger det till handlingarna.",
        "Paragrafen förklaras omedelbart justerad.",
    )
    assert fynd.undertecknare == ("Dag Helin", "Eddie Friberg")


def test_punkter_utan_nummer_ar_ett_stycke() -> None:
    text = (
        "Till Socialtjänstnämnden\n\nTitel\n\nFörslag till beslut\n\nNämnden beslutar att "
        "godkänna\nförslaget.\n\nSammanfattning\n"
    )
    assert las_handling(text).forslag == ("Nämnden beslutar att godkänna förslaget.",)


@pytest.mark.parametrize("paragraf", ["§ 12", "§12", "&12", "$ 12", "S 12", "£12", "812", ""])
def test_paragrafens_tecken_som_ocr_laser_det(paragraf: str) -> None:
    text = PROTOKOLL.replace("§ 12", paragraf)
    assert las_handling(text).titel == "Stadens kvalitetsutmärkelse 2008"


def test_ett_sidnummer_tas_inte_for_paragrafen() -> None:
    text = PROTOKOLL.replace("PROTOKOLLSUTDRAG", "PROTOKOLLSUTDRAG\n\n1\n\nSida 1 av 1")
    assert las_handling(text).titel == "Stadens kvalitetsutmärkelse 2008"


def test_rubriker_brutna_over_tva_rader() -> None:
    text = SEED_000.replace("Förslag till beslut", "Förslag till\nbeslut")
    assert las_handling(text) == las_handling(SEED_000)
    text = PROTOKOLL.replace("Vid protokollet", "Vid\nprotokollet")
    assert las_handling(text) == las_handling(PROTOKOLL)
