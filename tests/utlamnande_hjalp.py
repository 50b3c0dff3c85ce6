"""An ärende for the utlämnande tests: an incoming yttrande whose third stycke is secret
(the handling marked under OSL 26 kap. 1 §), and a public letter; the same on the fake
unit of work and on the real databases."""

from __future__ import annotations

import io
from datetime import date, datetime

from docx import Document

from arende.domain.datum import STOCKHOLM
from arende.domain.diarienummer import Diarienummer
from arende.domain.handelser import BegaranRegistrerad, HandlingInkommen
from arende.service_layer.inkommande import filkommando
from arende.service_layer.kommandon import InkommenFil, MarkeraSekretess, RegistreraBegaran
from tests import hjalp

REGISTRATOR = "Per Lindqvist"
HANDLAGGARE = "Lena Murray"
HEMLIGT = "Klienten Xq7 har en diagnos som inte får röjas."
STYCKEN = [
    "Yttrande över ansökan om bistånd",
    "Ansökan kom in den 2 november 2026.",
    HEMLIGT,
    "Förvaltningen föreslår att ansökan beviljas.",
]
BESTAMMELSE = "OSL 26 kap. 1 §"


def tid(text: str) -> datetime:
    """A moment in Swedish time: '2026-11-23 09:30'."""
    return datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


def docx(stycken: list[str]) -> bytes:
    dokument = Document()
    for s in stycken:
        dokument.add_paragraph(s)
    ut = io.BytesIO()
    dokument.save(ut)
    return ut.getvalue()


def inkommen(system: hjalp.System, dnr: str, namn: str, innehall: bytes, vad: str) -> int:
    [h] = [
        h
        for h in system.utfor(
            filkommando(
                [InkommenFil(namn, innehall)],
                aktor=REGISTRATOR,
                dnr=Diarienummer.tolka(dnr),
                inkom=date(2026, 11, 20),
                avsandare="Enskild person",
                beskrivning=vad,
                kanal="kommandoraden",
            )
        )
        if isinstance(h, HandlingInkommen)
    ]
    return h.nummer


def arende_med_hemlighet(system: hjalp.System) -> tuple[str, int, int]:
    """(dnr, the marked yttrande's number, the letter's number)."""
    dnr = hjalp.registrera(
        system,
        "tjansteutlatande",
        {"arendemening": "Ansökan om bistånd"},
        registreringsdatum=date(2026, 11, 2),
        sammantrade=date(2026, 12, 15),
    )
    hemlig = inkommen(system, dnr, "yttrande.docx", docx(STYCKEN), "Yttrande")
    brev = inkommen(system, dnr, "brev.docx", docx(["Ett brev", "utan hemligheter"]), "Brev")
    system.utfor(
        MarkeraSekretess(
            aktor=REGISTRATOR, dnr=Diarienummer.tolka(dnr), nummer=hemlig, bestammelse=BESTAMMELSE
        )
    )
    return dnr, hemlig, brev


def registrera_begaran(
    system: hjalp.System, dnr: str, handlingar: list[int], **andrat: object
) -> int:
    falt: dict[str, object] = {
        "aktor": REGISTRATOR,
        "nyckel": hjalp.nyckel("begaran"),
        "dnr": Diarienummer.tolka(dnr),
        "mottagen": tid("2026-11-23 09:30"),
        "handlingar": handlingar,
    } | andrat
    [h] = system.utfor(RegistreraBegaran(**falt))  # type: ignore[arg-type]
    assert isinstance(h, BegaranRegistrerad)
    return h.nummer


# A Word handling with a layout to keep: a heading, a table, an image, a header and a
# footer, and the masked text also in the places a copy must not carry it (the document's
# properties, a comment, a footnote, a tracked deletion, custom XML, a document variable,
# a footer repeating it).
HEMLIG_RAD = "Klientens Xq7-diagnos Zyx9 journalfördes hemligen."
CELLHEMLIGHET = "Qw8 bor på skyddad adress Vrå 5."
SIDHUVUD = "Socialnämnden sekretessbilaga 2026"
SIDFOT = "Kontakt: socialnamnden@example.org"
INFOGAT = "Beslutet gäller ett år."
LAYOUTSTYCKEN = [
    "Yttrande över ansökan om bistånd",  # 1, a heading
    "Ansökan kom in den 2 november 2026.",  # 2
    HEMLIG_RAD,  # 3, with a footnote and a comment
    "Uppgift",  # 4-7, the table's cells
    "Värde",
    "Adress",
    CELLHEMLIGHET,
    "Förvaltningen föreslår att ansökan beviljas.",  # 8, with tracked changes
    "Med vänlig hälsning Lena Murray",  # 9, after the image (which is no stycke)
]


def png(bredd: int = 40, hojd: int = 20) -> bytes:
    """A real PNG (a red rectangle), for Word to place."""
    import struct
    import zlib

    def bit(typ: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + typ
            + data
            + struct.pack(">I", zlib.crc32(typ + data) & 0xFFFFFFFF)
        )

    rader = b"".join(b"\x00" + b"\xff\x00\x00" * bredd for _ in range(hojd))
    return (
        b"\x89PNG\r\n\x1a\n"
        + bit(b"IHDR", struct.pack(">IIBBBBB", bredd, hojd, 8, 2, 0, 0, 0))
        + bit(b"IDAT", zlib.compress(rader))
        + bit(b"IEND", b"")
    )


def layoutdocx() -> bytes:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.shared import Cm

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    dokument = Document()
    egenskaper = dokument.core_properties
    egenskaper.title = egenskaper.subject = egenskaper.comments = HEMLIG_RAD
    egenskaper.keywords = "Zyx9"
    sektion = dokument.sections[0]
    sektion.header.paragraphs[0].text = SIDHUVUD
    sektion.footer.paragraphs[0].text = SIDFOT
    sektion.footer.add_paragraph(f"Intern anteckning: {HEMLIG_RAD}")

    dokument.add_heading(LAYOUTSTYCKEN[0], 1)
    dokument.add_paragraph(LAYOUTSTYCKEN[1])
    hemlig = dokument.add_paragraph()
    run = hemlig.add_run(HEMLIG_RAD)
    dokument.add_comment(run, text=f"Stämmer {HEMLIG_RAD}", author="Lena Murray")
    hemlig._p.append(
        parse_xml(
            f'<w:r {w}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r>'
        )
    )
    tabell = dokument.add_table(rows=2, cols=2)
    tabell.style = "Table Grid"
    for cell, text in zip(
        [c for rad in tabell.rows for c in rad.cells], LAYOUTSTYCKEN[3:7], strict=True
    ):
        cell.text = text
    forslag = dokument.add_paragraph(LAYOUTSTYCKEN[7])
    forslag._p.append(
        parse_xml(
            f'<w:del {w} w:id="90" w:author="Lena Murray" w:date="2026-11-20T10:00:00Z">'
            f'<w:r><w:delText xml:space="preserve"> {HEMLIG_RAD}</w:delText></w:r></w:del>'
        )
    )
    forslag._p.append(
        parse_xml(
            f'<w:ins {w} w:id="91" w:author="Lena Murray" w:date="2026-11-20T10:00:00Z">'
            f'<w:r><w:t xml:space="preserve"> {INFOGAT}</w:t></w:r></w:ins>'
        )
    )
    dokument.add_picture(io.BytesIO(png()), width=Cm(4))
    dokument.add_paragraph(LAYOUTSTYCKEN[8])

    fotnoter = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        (
            f"<w:footnotes {w}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            "</w:footnote>"
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote>"
            f'<w:footnote w:id="1"><w:p><w:r><w:t>Journal Zyx9 för Xq7.</w:t></w:r></w:p>'
            "</w:footnote></w:footnotes>"
        ).encode(),
        dokument.part.package,
    )
    dokument.part.relate_to(fotnoter, RT.FOOTNOTES)
    anpassad = Part(
        PackURI("/customXml/item9.xml"),
        "application/xml",
        f"<uppgifter><klient>{HEMLIG_RAD}</klient></uppgifter>".encode(),
        dokument.part.package,
    )
    dokument.part.relate_to(anpassad, RT.CUSTOM_XML)
    egna = Part(
        PackURI("/docProps/custom.xml"),
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
        (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
            f'pid="2" name="Klient"><vt:lpwstr>{HEMLIG_RAD}</vt:lpwstr></property></Properties>'
        ).encode(),
        dokument.part.package,
    )
    dokument.part.package.relate_to(egna, RT.CUSTOM_PROPERTIES)
    dokument.settings.element.append(
        parse_xml(f'<w:docVars {w}><w:docVar w:name="klient" w:val="Zyx9 Xq7"/></w:docVars>')
    )
    ut = io.BytesIO()
    dokument.save(ut)
    return ut.getvalue()


def med_lank(lankstycke: int) -> bytes:
    """Three stycken; `lankstycke` holds a link whose address names the second's text."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    dokument = Document()
    stycken = [dokument.add_paragraph(t) for t in ("Inledning", "Zq1hemligt", "Slut")]
    rid = dokument.part.relate_to("https://example.org/Zq1hemligt", RT.HYPERLINK, True)
    stycken[lankstycke - 1]._p.append(
        parse_xml(
            '<w:hyperlink xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships" r:id="{rid}"><w:r><w:t> källa</w:t></w:r></w:hyperlink>'
        )
    )
    ut = io.BytesIO()
    dokument.save(ut)
    return ut.getvalue()
