"""A scan and an image given out with a part masked (TF 2 kap. 15 §), with real OCR
(Tesseract, OCRmyPDF), real files and the real command line against SQLite.

A scanned yttrande of three paragraphs: `arende stycken` lists the paragraphs OCR finds,
the marking of the middle one with --stycken is accepted and shown, the prövning's form
starts from it, and the copy given out is a PDF of the pages in which the middle paragraph
is black: its text (read with pypdf) has none of that paragraph's words and the others'
words all. A PNG of the same page the same, through the adapter. OCR takes seconds a page,
so each file is read once (the reading is kept by its sha256) and each copy made once."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from arende.adapters.bildmaskering import maskerad_kopia_bild
from arende.adapters.textlasning import OcrTextlasare
from arende.bootstrap import Arendesystem
from arende.domain.fel import OgiltigUppgift
from arende.entrypoints.cli import app
from arende.service_layer import handlingar, utlamnande, visningar
from arende.service_layer.ports import Ruta
from tests.skanningar import (
    HEMLIGA_ORD,
    OPPNA_ORD,
    kraver_ocr,
    pdf_text,
    png,
    skanning,
    tom_png,
)
from tests.utlamnande_hjalp import (
    BESTAMMELSE,
    HANDLAGGARE,
    REGISTRATOR,
    arende_med_hemlighet,
    inkommen,
    registrera_begaran,
)

korare = CliRunner()


@pytest.fixture
def databas_url(sqlite_klar_url: str) -> str:
    return sqlite_klar_url


def _post(system: Arendesystem, dnr: str, nummer: int) -> visningar.Handlingspost:
    return next(h for h in visningar.handlingar(system.uow(), dnr) if h.nummer == nummer)


def test_en_skanning_visas_markeras_och_lamnas_ut_i_delar(cli_system: Arendesystem) -> None:
    kraver_ocr()
    system = cli_system
    dnr, _, _ = arende_med_hemlighet(system)
    nummer = inkommen(system, dnr, "skanning.pdf", skanning(), "Skannat yttrande")

    svar = korare.invoke(app, ["stycken", dnr, str(nummer)])
    assert svar.exit_code == 0, svar.output
    rader = svar.output.splitlines()
    assert len(rader) == 3, svar.output
    assert rader[0].startswith("   1  Yttrande över ansökan om bistånd")
    assert rader[1].startswith("   2  Klienten Xq7 har en diagnos") and "framöver." in rader[1]
    assert rader[2].startswith("   3  Förvaltningen föreslår") and "december." in rader[2]

    # A stycke the scan does not have: refused in Swedish, nothing marked.
    fel = korare.invoke(
        app, ["sekretess", dnr, str(nummer), BESTAMMELSE, "--stycken", "4", "--som", REGISTRATOR]
    )
    assert fel.exit_code == 2 and "har stycke 1–3; 4 finns inte" in fel.output, fel.output
    assert not _post(system, dnr, nummer).sekretess

    svar = korare.invoke(
        app, ["sekretess", dnr, str(nummer), BESTAMMELSE, "--stycken", "2", "--som", REGISTRATOR]
    )
    assert svar.exit_code == 0, svar.output
    assert f"är sekretessmarkerad: {BESTAMMELSE}, stycke 2 (" in svar.output
    post = _post(system, dnr, nummer)
    assert post.markering is not None and post.markering.stycken == (2,)

    begaran = registrera_begaran(system, dnr, [nummer])
    [begard] = utlamnande.begard(system.uow(), system.beroenden, dnr, begaran)
    assert (begard.utfall, begard.bestammelse, begard.maskera) == (
        "lämnas ut med maskering",
        BESTAMMELSE,
        "2",
    )
    assert len(begard.stycken) == 3

    svar = korare.invoke(
        app,
        [
            "prova",
            dnr,
            str(begaran),
            "--provning",
            f"{nummer}:maskeras:{BESTAMMELSE}:2",
            "--som",
            HANDLAGGARE,
        ],
    )
    assert svar.exit_code == 0, svar.output
    kopia_nr = utlamnande.hamta(system.uow(), dnr, begaran).provningar[0].kopia
    assert kopia_nr is not None
    [kopia] = [h for h in handlingar.handlingar(system.uow(), dnr) if h.nummer == kopia_nr]
    assert kopia.fil.endswith(".pdf") and f"lämna ut kopian (handling {kopia_nr})" in svar.output
    text = pdf_text(system.arkiv.las(kopia.fil))
    for ord_ in HEMLIGA_ORD:
        assert ord_ not in text, ord_
    for ord_ in OPPNA_ORD:
        assert ord_ in text, ord_
    # The note first, as the Word copy has it (the provision's § is read by OCR, so it is
    # the words around it that are compared).
    assert text.startswith(f"Kopia av handling {nummer} (inkommen handling, 2026-11-20)")
    assert "kopia med maskering av handling" in text
    assert "är maskerade (stycke 2); övrigt lämnas ut" in text
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, resultat.filfel + resultat.kedjefel


def test_en_bild_lamnas_ut_med_stycket_svartat() -> None:
    kraver_ocr()
    stycken = OcrTextlasare().stycken_med_rutor(png(), "png")
    assert [s.text.split()[:2] for s in stycken] == [
        ["Yttrande", "över"],
        ["Klienten", "Xq7"],
        ["Förvaltningen", "föreslår"],
    ]
    assert all(len(s.rutor) == 1 and s.rutor[0].sida == 1 for s in stycken)
    kopia = maskerad_kopia_bild(
        png(), "png", stycken[1].rutor, ["Kopia av handling 4", "Uppgifter är maskerade."]
    )
    text = pdf_text(kopia)
    assert text.startswith("Kopia av handling 4 Uppgifter är maskerade.")
    for ord_ in HEMLIGA_ORD:
        assert ord_ not in text, ord_
    for ord_ in OPPNA_ORD:
        assert ord_ in text, ord_


@pytest.mark.parametrize(
    ("filtyp", "rutor", "fel"),
    [
        ("docx", [], "bara av PDF och bilder"),
        ("png", [Ruta(2, 0.1, 0.1, 0.5, 0.2)], "står på sida 2, men handlingen har 1 sidor"),
    ],
)
def test_en_kopia_som_inte_kan_goras_avvisas(filtyp: str, rutor: list[Ruta], fel: str) -> None:
    kraver_ocr()
    with pytest.raises(OgiltigUppgift, match=fel):
        maskerad_kopia_bild(tom_png(), filtyp, rutor, ["Kopia"])
