"""The masked copy of a Word handling (adapters/maskering.py), as a Word file: the stycken
`arende stycken` numbers are masked where they stand, everything else of the original is
kept, and the masked text is nowhere in the package (every part of the zip is searched).
The PDF made of it is read in tests/integration/test_maskerad_kopia_pdf.py."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDokument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from arende.adapters.maskering import maskerad_kopia_docx
from arende.adapters.textlasning import OcrTextlasare
from arende.domain.fel import OgiltigUppgift
from arende.domain.utlamnande import maskera, maskeringsnotis
from tests.utlamnande_hjalp import (
    BESTAMMELSE,
    CELLHEMLIGHET,
    HEMLIG_RAD,
    INFOGAT,
    LAYOUTSTYCKEN,
    SIDFOT,
    SIDHUVUD,
    layoutdocx,
    med_lank,
    png,
)

NOTIS = maskeringsnotis(BESTAMMELSE)
INLEDNING = "Kopia med maskering av handling 3 i SN 2026/5."
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _kopia(maskerade: set[int], original: bytes | None = None) -> bytes:
    return maskerad_kopia_docx(
        original or layoutdocx(), maskerade, BESTAMMELSE, inledning=[INLEDNING]
    )


def _delar(docx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {n: z.read(n).decode("utf-8", "replace") for n in z.namelist()}


def _ord(stycke: str) -> list[str]:
    return [o for o in re.split(r"[\s.,]+", stycke) if o]


def _utan_taggar(xml: str) -> str:
    return re.sub(r"<[^>]+>", "", xml)


def _stycken(docx: bytes) -> list[str]:
    return OcrTextlasare().stycken(docx, "docx")


def test_inget_ord_av_det_maskerade_finns_kvar_i_nagon_del_av_filen() -> None:
    original = layoutdocx()
    # The original carries the text in its properties, comment, footnote, deletion, custom
    # XML, document variable and footer: the test would find it there.
    orig_delar = _delar(original)
    platser = {n for n, xml in orig_delar.items() if "Zyx9" in xml}
    assert {
        "docProps/core.xml",
        "docProps/custom.xml",
        "word/comments.xml",
        "word/footnotes.xml",
        "word/footer1.xml",
        "word/settings.xml",
        "customXml/item9.xml",
    } <= platser

    delar = _delar(_kopia({3}))
    for namn, xml in delar.items():
        for ord_ in _ord(HEMLIG_RAD):
            assert ord_ not in xml and ord_ not in _utan_taggar(xml), (namn, ord_)
    # Nor is there anything a reader would use to bring it back.
    assert not [n for n in delar if "comment" in n or "customXml" in n or "thumbnail" in n]
    assert "docProps/custom.xml" not in delar
    for namn, xml in delar.items():
        assert "w:del " not in xml and "w:delText" not in xml and "rsid" not in xml, namn
    assert "<cp:revision>" not in delar["docProps/core.xml"]


def test_resten_av_originalet_ar_kvar_med_stil_tabell_bild_och_sidhuvud() -> None:
    kopia = _kopia({3})
    # The insertion is accepted, so the proposal has its added sentence.
    forvantat = maskera(LAYOUTSTYCKEN, {3}, BESTAMMELSE)
    forvantat[7] += f" {INFOGAT}"
    assert _stycken(kopia) == [INLEDNING, *forvantat]

    dokument = Document(io.BytesIO(kopia))
    rubrik = next(p for p in dokument.paragraphs if p.text == LAYOUTSTYCKEN[0])
    assert rubrik.style is not None and rubrik.style.name == "Heading 1"
    [tabell] = dokument.tables
    assert [c.text for rad in tabell.rows for c in rad.cells] == LAYOUTSTYCKEN[3:7]
    assert tabell.style is not None and tabell.style.name == "Table Grid"
    sektion = dokument.sections[0]
    assert sektion.header.paragraphs[0].text == SIDHUVUD
    assert sektion.footer.paragraphs[0].text == SIDFOT
    # The footer's repetition of the masked text is masked with it.
    assert sektion.footer.paragraphs[1].text == NOTIS
    [bild] = dokument.inline_shapes
    assert bild.width == Document(io.BytesIO(layoutdocx())).inline_shapes[0].width
    assert any(n.startswith("word/media/") for n in _delar(kopia))
    maskerad = next(p for p in dokument.paragraphs if p.text == NOTIS)
    # The note is visible text, neither hidden nor coloured away.
    for run in maskerad.runs:
        assert run.font.hidden is False and str(run.font.color.rgb or "") == ""


def test_ett_stycke_i_en_tabellcell_maskeras_i_sin_cell() -> None:
    kopia = _kopia({7})
    [tabell] = Document(io.BytesIO(kopia)).tables
    assert [c.text for rad in tabell.rows for c in rad.cells] == [*LAYOUTSTYCKEN[3:6], NOTIS]
    for namn, xml in _delar(kopia).items():
        for ord_ in ("Qw8", "skyddad", "Vrå"):
            assert ord_ not in xml, (namn, ord_)
    assert HEMLIG_RAD in _stycken(kopia)
    assert CELLHEMLIGHET not in " ".join(_stycken(kopia))


def test_forsta_och_sista_stycket() -> None:
    kopia = _kopia({1, 9})
    stycken = _stycken(kopia)
    assert stycken[1] == NOTIS and stycken[-1] == NOTIS
    assert stycken[2:-1] == [*LAYOUTSTYCKEN[1:7], f"{LAYOUTSTYCKEN[7]} {INFOGAT}"]
    dokument = _utan_taggar(_delar(kopia)["word/document.xml"])
    assert "Yttrande över" not in dokument and "vänlig hälsning" not in dokument


def test_alla_stycken() -> None:
    kopia = _kopia(set(range(1, len(LAYOUTSTYCKEN) + 1)))
    assert _stycken(kopia) == [INLEDNING] + [NOTIS] * len(LAYOUTSTYCKEN)
    delar = _delar(kopia)
    text = _utan_taggar(delar["word/document.xml"])
    for stycke in LAYOUTSTYCKEN:
        for ord_ in _ord(stycke):
            if ord_ not in INLEDNING and ord_ not in NOTIS:
                assert ord_ not in text, ord_
    # The header, not a stycke, is kept; the image too (it is no stycke either).
    assert SIDHUVUD in _utan_taggar(delar["word/header1.xml"])
    assert len(Document(io.BytesIO(kopia)).inline_shapes) == 1


def test_en_lank_i_det_maskerade_stycket_gar_med_det() -> None:
    kopia = _kopia({2}, med_lank(2))
    for namn, xml in _delar(kopia).items():
        assert "Zq1hemligt" not in xml and "example.org" not in xml, namn
    assert _stycken(kopia) == [INLEDNING, "Inledning", NOTIS, "Slut"]


def test_det_maskerade_i_en_lankadress_utanfor_stycket_ger_ingen_kopia() -> None:
    with pytest.raises(OgiltigUppgift, match=r"Texten i stycke 2 står också i Word-filens"):
        _kopia({2}, med_lank(1))


@pytest.mark.parametrize(
    ("maskerade", "fel"),
    [
        ({0}, "stycke 1–9; stycke 0 finns inte"),
        ({3, 10}, "stycke 1–9; stycke 10 finns inte"),
        (set(), "minst ett stycke"),
    ],
)
def test_ett_stycke_som_inte_finns_avvisas(maskerade: set[int], fel: str) -> None:
    with pytest.raises(OgiltigUppgift, match=fel):
        _kopia(maskerade)


def test_en_fil_som_inte_ar_word_avvisas() -> None:
    with pytest.raises(OgiltigUppgift, match="Word-filen går inte att läsa"):
        maskerad_kopia_docx(b"PK inte en zip", {1}, BESTAMMELSE)


def test_andra_filtyper_far_ingen_word_kopia() -> None:
    assert OcrTextlasare().maskerad_kopia(b"%PDF-1.4", "pdf", {1}, BESTAMMELSE, []) is None
    assert OcrTextlasare().maskerad_kopia(layoutdocx(), ".DOCX", {3}, BESTAMMELSE, []) is not None


def _spara(dokument: DocxDokument) -> bytes:
    ut = io.BytesIO()
    dokument.save(ut)
    return ut.getvalue()


def test_en_textruta_som_upprepar_det_maskerade_maskeras_i_bada_sina_former() -> None:
    """A text box is written twice (mc:AlternateContent: Word 2010's shape and the VML
    fallback); it is no stycke, but it repeats the masked one."""
    dokument = Document()
    forsta = dokument.add_paragraph("Inledning")
    dokument.add_paragraph(HEMLIG_RAD)
    dokument.add_paragraph("Slut")
    ruta = f"<w:txbxContent><w:p><w:r><w:t>Se: {HEMLIG_RAD}</w:t></w:r></w:p></w:txbxContent>"
    forsta._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
            f'<mc:Choice Requires="wps"><wps:txbx>{ruta}</wps:txbx></mc:Choice>'
            f"<mc:Fallback><w:pict><v:rect><v:textbox>{ruta}</v:textbox></v:rect></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    original = _spara(dokument)
    assert _stycken(original) == ["Inledning", HEMLIG_RAD, "Slut"]
    kopia = _kopia({2}, original)
    xml = _delar(kopia)["word/document.xml"]
    assert "Xq7" not in xml and xml.count(NOTIS) == 3
    assert _stycken(kopia) == [INLEDNING, "Inledning", NOTIS, "Slut"]


def test_en_sammanfogad_cell_raknas_som_textlasningen_raknar_den() -> None:
    dokument = Document()
    dokument.add_paragraph("Rubrik")
    tabell = dokument.add_table(rows=2, cols=2)
    cell = tabell.cell(0, 0).merge(tabell.cell(0, 1))
    cell.text = "Sammanfogad Kv5"
    tabell.cell(1, 0).text, tabell.cell(1, 1).text = "Vänster", "Höger"
    original = _spara(dokument)
    # python-docx gives a merged cell once for each column it covers: two stycken.
    assert _stycken(original) == [
        "Rubrik",
        "Sammanfogad Kv5",
        "Sammanfogad Kv5",
        "Vänster",
        "Höger",
    ]
    for maskerat in (2, 3):
        kopia = _kopia({maskerat}, original)
        assert "Kv5" not in _delar(kopia)["word/document.xml"]
        assert _stycken(kopia) == [INLEDNING, "Rubrik", NOTIS, NOTIS, "Vänster", "Höger"]


def test_en_bild_i_ett_maskerat_stycke_gar_med_det_ur_filen() -> None:
    dokument = Document()
    dokument.add_paragraph("Inledning")
    foto = dokument.add_paragraph("Foto av Xq7:")
    foto.add_run().add_picture(io.BytesIO(png()))
    dokument.add_paragraph("Slut")
    original = _spara(dokument)
    assert any(n.startswith("word/media/") for n in _delar(original))
    delar = _delar(_kopia({2}, original))
    assert not [n for n in delar if n.startswith("word/media/")]
    assert "image" not in delar["word/_rels/document.xml.rels"]
    assert "media/" not in delar["[Content_Types].xml"]


def test_en_struken_tabellrad_gar_med_sin_text() -> None:
    dokument = Document()
    dokument.add_paragraph("Inledning")
    dokument.add_paragraph("Hemlig Pp4 uppgift")
    tabell = dokument.add_table(rows=2, cols=1)
    tabell.cell(0, 0).text = "Kvar"
    tabell.cell(1, 0).text = "Struken"
    rad = tabell.rows[1]._tr
    rad.get_or_add_trPr().append(
        parse_xml(
            '<w:del xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'w:id="5" w:author="Lena Murray" w:date="2026-11-20T10:00:00Z"/>'
        )
    )
    kopia = _kopia({2}, _spara(dokument))
    [tabell] = Document(io.BytesIO(kopia)).tables
    assert [c.text for r in tabell.rows for c in r.cells] == ["Kvar"]


def test_en_text_som_ocksa_lamnas_ut_i_ett_annat_stycke_hindrar_inte_kopian() -> None:
    """The handläggare masks a heading that stands again further down, unmasked: that
    stycke is given out as she chose, and the copy is made."""
    dokument = Document()
    for text in ("Rubrik Hx1", "Text", "Rubrik Hx1"):
        dokument.add_paragraph(text)
    dokument.sections[0].footer.paragraphs[0].text = "Rubrik Hx1"
    kopia = _kopia({1}, _spara(dokument))
    assert _stycken(kopia) == [INLEDNING, NOTIS, "Text", "Rubrik Hx1"]
    assert Document(io.BytesIO(kopia)).sections[0].footer.paragraphs[0].text == "Rubrik Hx1"


def test_en_extern_entitet_i_filen_drar_inte_in_nagot_fran_datorn(tmp_path: Path) -> None:
    """An XML part of a file that came in names a file of this machine as an entity: it is
    not read into the copy."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    hemlig_fil = tmp_path / "maskinen.txt"
    hemlig_fil.write_text("Maskinens Ee3 uppgift")
    dokument = Document()
    dokument.add_paragraph("Inledning")
    dokument.add_paragraph("Hemligt Ff6 stycke")
    noter = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        (
            f'<!DOCTYPE w:footnotes [<!ENTITY e SYSTEM "{hemlig_fil.as_uri()}">]>'
            '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            'main"><w:footnote w:id="1"><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:footnote>'
            "</w:footnotes>"
        ).encode(),
        dokument.part.package,
    )
    dokument.part.relate_to(noter, RT.FOOTNOTES)
    for namn, xml in _delar(_kopia({2}, _spara(dokument))).items():
        assert "Ee3" not in xml and "Ff6" not in xml, namn


def test_en_maskerad_avsandare_som_ocksa_ar_filens_forfattare() -> None:
    """A letter from a private person masks her name, which Word also wrote as the file's
    author and last editor: the copy is made, and the name is in none of its parts."""
    dokument = Document()
    for text in ("Till socialnämnden", "Jag ansöker om bistånd.", "Karin Gg8 Sökande"):
        dokument.add_paragraph(text)
    dokument.core_properties.author = "Karin Gg8 Sökande"
    dokument.core_properties.last_modified_by = "Karin Gg8 Sökande"
    kopia = _kopia({3}, _spara(dokument))
    for namn, xml in _delar(kopia).items():
        assert "Gg8" not in xml, namn
    assert _stycken(kopia) == [INLEDNING, "Till socialnämnden", "Jag ansöker om bistånd.", NOTIS]
