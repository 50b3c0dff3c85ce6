"""The application document from templates/tavlingsbidrag.docx, and the answer template's
round trip: generated from the question set, filled in Word (here python-docx) with seed
003's answers, uploaded and read back to the same answers; a tampered upload is refused."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.text.paragraph import Paragraph

from arende.adapters.dokumentmallar import Wordmallar, docx_stycken
from arende.adapters.fragebatterifil import las_fragebatteri
from arende.adapters.svarsmall import (
    PLATSHALLARE,
    kontrollera_filnamn,
    las_svarsmall,
    skapa_svarsmall,
    svarsmall_filnamn,
)
from arende.adapters.verksamhetsplanimport import las_verksamhetsplan
from arende.domain.fel import OgiltigUppgift
from arende.domain.organisation import Person
from arende.domain.roller import Roll
from arende.domain.tavlingsbidrag import Fragebatteri, Tavlingsbidrag, forifyllda_svar
from arende.service_layer.dokumentdata.tavlingsbidrag import tavlingsbidrag as tavlingsdata
from tests.seed003 import Seed003, las_seed003

ROT = Path(__file__).resolve().parents[2]
FIL_2020 = ROT / "deployments" / "fragor" / "kvalitetsutmarkelsen_2020.toml"
SEED001 = ROT / "tests" / "data" / "seed_001_verksamhetsplan_vuxenenheten_2012.txt"
MALLAR = Wordmallar(ROT / "templates")


@pytest.fixture(scope="module")
def batteri() -> Fragebatteri:
    return las_fragebatteri(FIL_2020)


@pytest.fixture(scope="module")
def seed(batteri: Fragebatteri) -> Seed003:
    return las_seed003(batteri)


def ifyllt(batteri: Fragebatteri, seed: Seed003) -> Tavlingsbidrag:
    bidrag = Tavlingsbidrag.oppna(batteri, "Vuxenenheten", "Therese Bengtsson", date(2020, 5, 29))
    bidrag.fyll_i(seed.svar, seed.inledning, seed.administrativa_uppgifter())
    return bidrag


# -- the application document ---------------------------------------------------------------


def test_dokumentet_har_varje_fraga_i_ordning_med_sitt_svar(
    batteri: Fragebatteri, seed: Seed003
) -> None:
    bidrag = ifyllt(batteri, seed)
    bidrag.godkann(Person("Therese Bengtsson", frozenset({Roll.CHEF})), date(2020, 5, 25))
    bidrag.lamna_in(date(2020, 5, 28))
    data = tavlingsdata(
        bidrag,
        forvaltning="Östermalms stadsdelsförvaltning",
        handlaggare="Therese Bengtsson",
        telefon="508 10 317",
    )
    stycken = docx_stycken(MALLAR.rendera("tavlingsbidrag.docx", data))
    texter = [t for _, t in stycken]
    rubriker = [(s, t) for s, t in stycken if s.startswith("Heading")]

    # Title, then the table of contents listing every part and question in order.
    assert rubriker[0] == ("Heading 1", "Kvalitetsutmärkelsen 2020 Vuxenenheten")
    assert "Östermalms stadsdelsförvaltning" in texter
    assert "Handläggare: Therese Bengtsson" in texter
    i = texter.index("Innehållsförteckning")
    forvantad_innehall = ["Administrativa uppgifter", "Inledning"]
    for avsnitt in batteri.avsnitt:
        forvantad_innehall += [avsnitt.rubrik] + [f.rubrik for f in avsnitt.fragor]
    assert texter[i + 1 : i + 1 + len(forvantad_innehall)] == forvantad_innehall

    # The body: Administrativa uppgifter, Inledning, sections (level 1), questions (level 2).
    efter_innehall = rubriker[2:]
    forvantade = [("Heading 1", "Administrativa uppgifter")]
    forvantade += [("Heading 3", f.rubrik) for f in batteri.administrativa_falt]
    forvantade.append(("Heading 1", "Inledning"))
    for avsnitt in batteri.avsnitt:
        forvantade.append(("Heading 1", avsnitt.rubrik))
        forvantade += [("Heading 2", f.rubrik) for f in avsnitt.fragor]
    assert efter_innehall == forvantade

    # Each question is followed by its answer's paragraphs, up to the next heading.
    for fraga in batteri.fragor:
        start = max(
            n for n, (s, t) in enumerate(stycken) if t == fraga.rubrik and s.startswith("Heading")
        )
        slut = next(
            (n for n in range(start + 1, len(stycken)) if stycken[n][0].startswith("Heading")),
            len(stycken),
        )
        assert "\n\n".join(texter[start + 1 : slut]) == seed.svar[fraga.nummer], fraga.nummer
    assert "Therese Bengtsson, enhetschef" in texter
    assert "Box 24156, Karlavägen 104, 104 51 Stockholm" in texter
    assert "Godkänt av Therese Bengtsson den 25 maj 2020." in texter
    assert (
        "Stadsledningskontoret har den 28 maj 2020 tagit emot Vuxenenhetens tävlingsbidrag "
        "till kvalitetsutmärkelsen 2020 (24 besvarade frågor)." in texter
    )


def test_ett_utkast_visar_obesvarade_fragor(batteri: Fragebatteri) -> None:
    bidrag = Tavlingsbidrag.oppna(batteri, "Vuxenenheten", "Therese Bengtsson", date(2020, 5, 29))
    bidrag.forifyll(forifyllda_svar(batteri, las_verksamhetsplan(SEED001)))
    texter = [
        t for _, t in docx_stycken(MALLAR.rendera("tavlingsbidrag.docx", tavlingsdata(bidrag)))
    ]
    assert texter.count("Ej besvarad.") == 23
    # The question's last occurrence: the first is in the table of contents.
    i = len(texter) - 1 - texter[::-1].index(batteri.fraga(18).rubrik)
    assert texter[i + 1] == "Individen klarar sin egen försörjning"


# -- the answer template's round trip ---------------------------------------------------------


def fyll_svarsmall(mall: bytes, batteri: Fragebatteri, seed: Seed003) -> bytes:
    """What a unit does in Word: replace each placeholder with its answer's paragraphs."""
    dokument = Document(io.BytesIO(mall))
    svar: dict[str, str] = {batteri.inledning_rubrik: seed.inledning}
    svar |= {f.rubrik: seed.administrativa[f.nyckel] for f in batteri.administrativa_falt}
    svar |= {f"Fråga {f.nummer}. {f.text}": seed.svar[f.nummer] for f in batteri.fragor}
    rubrik = ""
    for p in list(dokument.paragraphs):
        if p.style is not None and p.style.name.startswith("Heading"):
            rubrik = p.text
        elif p.text == PLATSHALLARE:
            for stycke in svar[rubrik].split("\n\n"):
                p.insert_paragraph_before(stycke)
            p._element.getparent().remove(p._element)
    ut = io.BytesIO()
    dokument.save(ut)
    return ut.getvalue()


@pytest.fixture(scope="module")
def ifylld(batteri: Fragebatteri, seed: Seed003) -> bytes:
    return fyll_svarsmall(skapa_svarsmall(batteri, "Vuxenenheten"), batteri, seed)


def test_svarsmallen_har_en_rubrik_per_fraga(batteri: Fragebatteri) -> None:
    stycken = docx_stycken(skapa_svarsmall(batteri))
    fragerubriker = [t for s, t in stycken if s == "Heading 2" and t.startswith("Fråga ")]
    assert fragerubriker == [f"Fråga {f.nummer}. {f.text}" for f in batteri.fragor]
    assert [t for s, t in stycken if s == "Heading 1"] == [
        "Administrativa uppgifter",
        "Inledning",
        *[a.rubrik for a in batteri.avsnitt],
    ]
    assert svarsmall_filnamn(batteri, "Vuxenenheten Östermalm") == (
        "svarsmall_kvalitetsutmarkelsen_2020_Vuxenenheten_Östermalm.docx"
    )


def test_ifylld_svarsmall_ger_tillbaka_samma_svar(
    batteri: Fragebatteri, seed: Seed003, ifylld: bytes
) -> None:
    last = las_svarsmall("vuxenenheten.docx", ifylld, batteri)
    assert last.ar == 2020
    assert last.svar == seed.svar
    assert last.inledning == seed.inledning
    assert last.administrativa == seed.administrativa
    bidrag = Tavlingsbidrag.oppna(batteri, "Vuxenenheten", "Therese Bengtsson", date(2020, 5, 29))
    bidrag.fyll_i(last.svar, last.inledning, seed.administrativa_uppgifter())
    assert bidrag.fullstandighet().komplett


def test_tomma_svar_och_egna_rubriker_i_svaren(batteri: Fragebatteri) -> None:
    """Unanswered questions keep their placeholder and come back unanswered; the unit's own
    subheadings, even one named like a section, stay inside the answer."""
    dokument = Document(io.BytesIO(skapa_svarsmall(batteri)))
    platshallare = [p for p in dokument.paragraphs if p.text == PLATSHALLARE]
    inledningen = platshallare[len(batteri.administrativa_falt)]
    inledningen.insert_paragraph_before("Verksamhet")
    inledningen.insert_paragraph_before("Medarbetare", style="Heading 2")
    inledningen.insert_paragraph_before("Nio socialsekreterare.")
    inledningen.text = ""
    fraga_1 = platshallare[len(batteri.administrativa_falt) + 1]
    fraga_1.text = "Vi arbetar med MI."
    fraga_1.insert_paragraph_before("Bemötande", style="Heading 3")
    ut = io.BytesIO()
    dokument.save(ut)
    last = las_svarsmall("utkast.docx", ut.getvalue(), batteri)
    assert last.inledning == "Verksamhet\n\nMedarbetare\n\nNio socialsekreterare."
    assert last.svar == {1: "Bemötande\n\nVi arbetar med MI."}
    assert last.administrativa == {f.nyckel: "" for f in batteri.administrativa_falt}


# -- tampered and foreign uploads -------------------------------------------------------------


def _andra(docx: bytes, andring) -> bytes:  # type: ignore[no-untyped-def]
    dokument = Document(io.BytesIO(docx))
    andring(dokument)
    ut = io.BytesIO()
    dokument.save(ut)
    return ut.getvalue()


def _rubrik(dokument, borjan: str) -> Paragraph:  # type: ignore[no-untyped-def]
    return next(p for p in dokument.paragraphs if p.text.startswith(borjan))


def _ta_bort_fraga_7(dokument) -> None:  # type: ignore[no-untyped-def]
    p = _rubrik(dokument, "Fråga 7.")
    p._element.getparent().remove(p._element)


def _numrera_om(dokument) -> None:  # type: ignore[no-untyped-def]
    p = _rubrik(dokument, "Fråga 12.")
    p.text = p.text.replace("Fråga 12.", "Fråga 13.")
    q = _rubrik(dokument, "Fråga 13. Beskriv hur ni arbetar för")
    q.text = q.text.replace("Fråga 13.", "Fråga 12.")


def _fraga_25(dokument) -> None:  # type: ignore[no-untyped-def]
    dokument.add_heading("Fråga 25. En fråga till", level=2)


def _dubbel(dokument) -> None:  # type: ignore[no-untyped-def]
    dokument.add_heading(_rubrik(dokument, "Fråga 3.").text, level=2)


def _fel_ar(dokument) -> None:  # type: ignore[no-untyped-def]
    dokument.core_properties.identifier = "arende-svarsmall:kvalitetsutmarkelsen:2019"


def _utan_inledning(dokument) -> None:  # type: ignore[no-untyped-def]
    p = next(p for p in dokument.paragraphs if p.text == "Inledning")
    p.style = dokument.styles["Normal"]


@pytest.mark.parametrize(
    ("andring", "vantat"),
    [
        (_ta_bort_fraga_7, "saknar rubriken för fråga 7. Har de tagits bort?"),
        (_numrera_om, "rubriken för fråga 13 har ändrats .* Har frågorna numrerats om"),
        (_fraga_25, "har bara frågorna 1–24. Har frågorna numrerats om"),
        (_dubbel, "har fråga 3 två gånger"),
        (_fel_ar, "svarsmallen för kvalitetsutmärkelsen 2019, inte 2020"),
        (_utan_inledning, "saknar rubrikerna Inledning"),
    ],
)
def test_andrad_svarsmall_avvisas_och_inget_andras(
    batteri: Fragebatteri,
    seed: Seed003,
    ifylld: bytes,
    andring,
    vantat: str,  # type: ignore[no-untyped-def]
) -> None:
    bidrag = ifyllt(batteri, seed)
    fore = dict(bidrag.svar)
    with pytest.raises(OgiltigUppgift, match=vantat) as fel:
        last = las_svarsmall("bidrag.docx", _andra(ifylld, andring), batteri)
        bidrag.fyll_i(last.svar)
    assert "Inget har ändrats." in str(fel.value)
    assert bidrag.svar == fore


def test_ett_annat_word_dokument_avvisas(batteri: Fragebatteri) -> None:
    dokument = Document()
    dokument.add_heading("Protokoll", level=1)
    dokument.add_paragraph("Något helt annat.")
    ut = io.BytesIO()
    dokument.save(ut)
    with pytest.raises(OgiltigUppgift, match="ingen av frågornas rubriker finns i den"):
        las_svarsmall("protokoll.docx", ut.getvalue(), batteri)


@pytest.mark.parametrize(
    "innehall",
    [b"Detta ar text, inte Word.", b"PK\x03\x04trasig zip", b""],
)
def test_inte_en_docx_avvisas(batteri: Fragebatteri, innehall: bytes) -> None:
    with pytest.raises(OgiltigUppgift, match="är inte en Word-fil"):
        las_svarsmall("svar.docx", innehall, batteri)


def test_zip_utan_word_innehall_avvisas(batteri: Fragebatteri) -> None:
    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w") as z:
        z.writestr("hej.txt", "hej")
    with pytest.raises(OgiltigUppgift, match="är inte en Word-fil"):
        las_svarsmall("svar.docx", ut.getvalue(), batteri)


def test_zipbomb_avvisas_innan_den_packas_upp(batteri: Fragebatteri, ifylld: bytes) -> None:
    """A real .docx with a document.xml that expands to 80 MB of nothing from a few hundred
    kB: refused from the zip directory, before python-docx reads it."""
    kalla = zipfile.ZipFile(io.BytesIO(ifylld))
    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as z:
        for del_ in kalla.infolist():
            if del_.filename != "word/document.xml":
                z.writestr(del_, kalla.read(del_))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            block = b" " * (1024 * 1024)
            for _ in range(80):
                f.write(block)
    bomb = ut.getvalue()
    assert len(bomb) < 1024 * 1024
    with pytest.raises(OgiltigUppgift, match="packas upp till mycket mer än den väger"):
        las_svarsmall("svar.docx", bomb, batteri)


def test_for_stor_fil_avvisas(batteri: Fragebatteri) -> None:
    with pytest.raises(OgiltigUppgift, match="en svarsmall får vara högst 20 MB"):
        las_svarsmall("svar.docx", b"PK" + b"\0" * (21 * 1024 * 1024), batteri)


@pytest.mark.parametrize(
    "namn",
    [
        "../../etc/passwd.docx",
        "/etc/svar.docx",
        "..\\..\\svar.docx",
        "mapp/svar.docx",
        "svar.docm",
        "svar.docx\x00.txt",
        ".docx",
        "svar.exe",
    ],
)
def test_filnamn_som_pekar_utanfor_avvisas(batteri: Fragebatteri, ifylld: bytes, namn: str) -> None:
    with pytest.raises(OgiltigUppgift, match="Filnamnet .* är inte tillåtet"):
        las_svarsmall(namn, ifylld, batteri)


def test_vanliga_filnamn_gar_bra() -> None:
    assert kontrollera_filnamn(" Vuxenenheten svar (2).docx ") == "Vuxenenheten svar (2).docx"
    assert kontrollera_filnamn("SVAR.DOCX") == "SVAR.DOCX"
