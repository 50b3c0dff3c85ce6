"""Builds the default Word templates in this folder with python-docx.

The .docx files are what the system renders and what a kommun replaces with its own (same
field names, its own letterhead): open one in Word, change the layout, keep the {{ tags }}.
This script only exists so the defaults can be rebuilt and reviewed as code:

    .venv/bin/python templates/bygg_mallar.py

Each tag sits in a run of its own paragraph, so Word never splits it. `{%p … %}` lines are
docxtpl's paragraph tags: the paragraph holding the tag disappears in the result.
Structure and wording follow seed 000 (Socialtjänstnämnden, 2008) and Stockholm's practice.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as Dokument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table

KATALOG = Path(__file__).resolve().parent


def nytt_dokument(titel: str) -> Dokument:
    dokument = Document()
    dokument.core_properties.title = titel
    dokument.core_properties.author = "arende"
    for sektion in dokument.sections:
        sektion.page_height, sektion.page_width = Cm(29.7), Cm(21.0)
        sektion.left_margin = sektion.right_margin = Cm(2.5)
        sektion.top_margin, sektion.bottom_margin = Cm(2.0), Cm(2.0)
    normal = dokument.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    for niva, storlek in ((1, 16), (2, 13), (3, 12)):
        stil = dokument.styles[f"Heading {niva}"]
        stil.font.name = "Arial"
        stil.font.size = Pt(storlek)
        stil.font.bold = True
        stil.font.color.rgb = None
        stil.paragraph_format.space_before = Pt(14 if niva < 3 else 10)
        stil.paragraph_format.space_after = Pt(4)
    return dokument


def sidhuvud(dokument: Dokument, vanster: list[str], hoger: list[str]) -> None:
    """The letterhead: organisation on the left, document kind, dnr and date on the right."""
    huvud = dokument.sections[0].header
    huvud.paragraphs[0].text = ""
    tabell = huvud.add_table(rows=1, cols=2, width=Cm(16))
    tabell.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, rader in zip(tabell.rows[0].cells, (vanster, hoger), strict=True):
        cell.paragraphs[0].text = ""
        for i, rad in enumerate(rader):
            stycke = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            kort = stycke.add_run(rad)
            kort.bold = i == 0
            if cell is tabell.rows[0].cells[1]:
                stycke.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def stycke(dokument: Dokument, text: str, stil: str | None = None, *, kursiv: bool = False) -> None:
    p = dokument.add_paragraph(style=stil)
    kort = p.add_run(text)
    kort.italic = kursiv


def rubrik(dokument: Dokument, text: str, niva: int) -> None:
    dokument.add_heading(text, level=niva)


def tagg(dokument: Dokument, text: str) -> None:
    dokument.add_paragraph(text)


def faktatabell(dokument: Dokument, rader: list[tuple[str, str]]) -> Table:
    tabell = dokument.add_table(rows=0, cols=2)
    tabell.style = "Table Grid"
    for etikett, varde in rader:
        celler = tabell.add_row().cells
        celler[0].paragraphs[0].add_run(etikett).bold = True
        celler[1].paragraphs[0].add_run(varde)
    return tabell


def handlaggare_och_mottagare(dokument: Dokument) -> None:
    stycke(dokument, "Handläggare: {{ handlaggare }}")
    stycke(dokument, "Telefon: {{ telefon }}")
    stycke(dokument, "")
    stycke(dokument, "Till")
    stycke(dokument, "{{ namnd }}")


def forslag_och_underskrifter(dokument: Dokument) -> None:
    rubrik(dokument, "Förslag till beslut", 2)
    tagg(dokument, "{%p for punkt in forslag %}")
    stycke(dokument, "{{ loop.index }}. {{ punkt }}")
    tagg(dokument, "{%p endfor %}")
    tagg(dokument, "{%p for person in undertecknare %}")
    stycke(dokument, "")
    stycke(dokument, "{{ person.namn }}")
    stycke(dokument, "{{ person.titel }}", kursiv=True)
    tagg(dokument, "{%p endfor %}")


def tjansteutlatandets_borjan() -> Dokument:
    """Letterhead, handläggare, recipient, title, förslag and signatures: the same in every
    tjänsteutlåtande."""
    d = nytt_dokument("Tjänsteutlåtande {{ dnr }}: {{ titel }}")
    sidhuvud(
        d,
        ["{{ forvaltning }}", "{{ avdelning }}"],
        ["Tjänsteutlåtande", "Dnr {{ dnr }}", "{{ datum }}"],
    )
    handlaggare_och_mottagare(d)
    rubrik(d, "{{ titel }}", 1)
    forslag_och_underskrifter(d)
    return d


def arendets_beredning(d: Dokument) -> None:
    rubrik(d, "Ärendets beredning", 2)
    stycke(
        d,
        "Detta tjänsteutlåtande har beretts inom {% if avdelning %}{{ avdelning }} på "
        "{% endif %}{{ forvaltning }}.{% if samverkan %} Ärendet har samverkats i "
        "förvaltningsgruppen den {{ samverkan }}.{% endif %}",
    )


def klasslista(d: Dokument) -> None:
    tagg(d, "{%p for klass in klasser %}")
    stycke(d, "{{ klass }}", "List Bullet")
    tagg(d, "{%p endfor %}")


def forvaltningens_synpunkter(d: Dokument) -> None:
    """One part per unit, its description paragraph by paragraph."""
    rubrik(d, "Förvaltningens synpunkter och förslag", 2)
    tagg(d, "{%p for enhet in enheter %}")
    rubrik(d, "{{ enhet.verksamhet }}", 3)
    tagg(d, "{%p for text in enhet.stycken %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endfor %}")


def tjansteutlatande_nominering() -> Dokument:
    d = tjansteutlatandets_borjan()

    rubrik(d, "Sammanfattning", 2)
    stycke(
        d,
        "{% if utdelning %}Den {{ utdelning }} delas årets kvalitetsutmärkelse ut"
        "{% if utdelningsplats %} i {{ utdelningsplats }}{% endif %}. {% endif %}"
        "Stockholms stad delar ut kvalitetsutmärkelser i klasserna {{ klasser_text }}. "
        "Nämnderna inbjuds att nominera verksamheter till tävlan som ska vara "
        "{{ mottagare }} tillhanda{% if sista_dag %} senast den {{ sista_dag }}{% endif %}. "
        "Förvaltningen föreslår att {{ namnd_liten }} nominerar {{ enheter_text }} att delta "
        "i tävlan i {{ klasser_nominerade }}.",
    )

    arendets_beredning(d)

    rubrik(d, "Bakgrund", 2)
    stycke(
        d,
        "Syftet med stadens kvalitetsstrategi från 1999 är att få till stånd en ständig "
        "förbättring av stadens verksamheter. Stadens kvalitetsutmärkelse ska lyfta fram goda "
        "exempel och skapa uppmärksamhet och diskussion kring kvalitetsutveckling inom alla "
        "delar av de verksamheter som staden finansierar. Kvalitetsutmärkelsen delas i år ut "
        "i klasserna:",
    )
    klasslista(d)
    stycke(
        d,
        "Varje deltagande enhet ska lämna in en skriftlig redovisning av sitt "
        "utvecklingsarbete utifrån den struktur som strategin för kvalitetsutveckling bygger "
        "på. Denna redovisning ska lämnas in till {{ mottagare_liten }}"
        "{% if sista_dag %} senast den {{ sista_dag }}{% endif %}.",
    )

    forvaltningens_synpunkter(d)

    rubrik(d, "Förvaltningens avslutande kommentar", 2)
    tagg(d, "{%p for text in kommentar %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    stycke(
        d,
        "{{ enheter_text }} har enligt förvaltningens bedömning systematiskt tillägnat sig "
        "stadens kvalitetsstrategi och föreslås därför nomineras till stadens "
        "kvalitetsutmärkelse {{ ar }}.",
    )
    return d


def tjansteutlatande_deltagande() -> Dokument:
    d = tjansteutlatandets_borjan()

    rubrik(d, "Sammanfattning", 2)
    stycke(
        d,
        "Stockholms stad delar varje år ut en kvalitetsutmärkelse till verksamheter som "
        "arbetar systematiskt med kvalitetsutveckling.{% if utdelning %} Årets utmärkelse "
        "delas ut den {{ utdelning }}{% if utdelningsplats %} i {{ utdelningsplats }}"
        "{% endif %}.{% endif %} En verksamhets deltagande ska beslutas av den nämnd "
        "verksamheten hör till. Förvaltningen föreslår att {{ namnd_liten }} godkänner att "
        "{{ enheter_text }} deltar i tävlan i {{ klasser_nominerade }}.",
    )

    arendets_beredning(d)

    rubrik(d, "Bakgrund", 2)
    stycke(
        d,
        "Kvalitetsutmärkelsen {{ ar }} delas ut i klasserna:",
    )
    klasslista(d)
    stycke(
        d,
        "En verksamhet som deltar ska ha egen budget och eget personalansvar och minst fem "
        "anställda. Den skriftliga redovisningen (tävlingsbidraget) ska lämnas till "
        "{{ mottagare_liten }}{% if sista_dag %} senast den {{ sista_dag }}{% endif %}.",
    )

    forvaltningens_synpunkter(d)
    tagg(d, "{%p for text in kommentar %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    return d


def protokollsutdrag() -> Dokument:
    d = nytt_dokument("Protokollsutdrag {{ namnd }} {{ sammantrade_iso }} § {{ paragraf }}")
    sidhuvud(
        d,
        ["{{ namnd }}"],
        ["Protokollsutdrag", "Sammanträdesdatum {{ sammantrade_iso }}", "Dnr {{ dnr }}"],
    )
    rubrik(d, "§ {{ paragraf }}", 1)
    rubrik(d, "{{ titel }}", 2)
    stycke(d, "Dnr {{ dnr }}")
    rubrik(d, "Beslut", 3)
    tagg(d, "{%p for punkt in beslut %}")
    stycke(d, "{% if beslut|length > 1 %}{{ loop.index }}. {% endif %}{{ punkt }}")
    tagg(d, "{%p endfor %}")
    rubrik(d, "Ärendet", 3)
    tagg(d, "{%p for text in arendet %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    rubrik(d, "Justering", 3)
    stycke(d, "{{ justering }}")
    stycke(d, "")
    stycke(d, "Vid protokollet")
    stycke(d, "")
    stycke(d, "{{ vid_protokollet }}")
    stycke(d, "")
    stycke(d, "Justeras")
    tagg(d, "{%p for person in justerande %}")
    stycke(d, "")
    stycke(d, "{{ person.namn }}")
    stycke(d, "{{ person.roll }}", kursiv=True)
    tagg(d, "{%p endfor %}")
    stycke(d, "")
    stycke(d, "Rätt utdraget intygar")
    stycke(d, "")
    stycke(d, "{{ vid_protokollet }}")
    return d


def anslag() -> Dokument:
    d = nytt_dokument("Anslag {{ namnd }} {{ sammantrade_iso }}")
    sidhuvud(d, ["{{ namnd }}"], ["Anslag/bevis", "{{ uppsatt_iso }}"])
    rubrik(d, "Anslag om justerat protokoll", 1)
    stycke(
        d,
        "Justeringen av {{ namnd_genitiv }} protokoll från sammanträdet den "
        "{{ sammantrade }} har tillkännagivits genom anslag på kommunens anslagstavla.",
    )
    faktatabell(
        d,
        [
            ("Organ", "{{ namnd }}"),
            ("Sammanträdesdatum", "{{ sammantrade_iso }}"),
            ("Paragrafer", "{{ paragrafer }}"),
            ("Datum för justering", "{{ justering_iso }}{{ justering_not }}"),
            ("Datum då anslaget sätts upp", "{{ uppsatt_iso }}"),
            ("Datum då anslaget tas ned", "{{ nedtas_iso }}"),
            ("Förvaringsplats för protokollet", "{{ forvaras }}"),
            ("Underskrift", "{{ underskrift }}"),
        ],
    )
    rubrik(d, "Hur man överklagar", 2)
    stycke(
        d,
        "Den som är medlem i kommunen kan överklaga beslutet genom laglighetsprövning enligt "
        "13 kap. kommunallagen (2017:725). Överklagandet ska ha kommit in till "
        "förvaltningsrätten inom tre veckor från den dag då justeringen tillkännagavs på "
        "anslagstavlan, det vill säga senast den {{ overklagande_sista_dag }}.",
    )
    return d


def kallelse() -> Dokument:
    d = nytt_dokument("Kallelse {{ namnd }} {{ sammantrade_iso }}")
    sidhuvud(d, ["{{ namnd }}"], ["Kallelse", "{{ utskick_iso }}"])
    rubrik(d, "Kallelse till sammanträde", 1)
    stycke(
        d,
        "Ledamöter och ersättare i {{ namnd_liten }} kallas till sammanträde "
        "{{ veckodag }}en den {{ sammantrade }}.",
    )
    stycke(d, "{% if lokal %}Plats: {{ lokal }}{% endif %}")
    rubrik(d, "Dagordning", 2)
    stycke(d, "1. Val av justerare och tillkännagivande av tid för justering")
    tagg(d, "{%p for punkt in punkter %}")
    stycke(d, "{{ loop.index + 1 }}. {{ punkt.titel }}")
    stycke(d, "Dnr {{ punkt.dnr }}", kursiv=True)
    tagg(d, "{%p endfor %}")
    stycke(d, "")
    stycke(d, "Handlingarna till ärendena finns i ärendenas diarium.")
    stycke(d, "")
    stycke(d, "{{ sekreterare }}")
    stycke(d, "Nämndsekreterare", kursiv=True)
    return d


def tavlingsbidrag() -> Dokument:
    """The written application to the kvalitetsutmärkelse, laid out like seed 003."""
    d = nytt_dokument("{{ titel }}")
    sidhuvud(d, ["{{ forvaltning }}"], ["Tävlingsbidrag", "Kvalitetsutmärkelsen {{ ar }}"])
    stycke(d, "{% if handlaggare %}Handläggare: {{ handlaggare }}{% endif %}")
    stycke(d, "{% if telefon %}Telefon: {{ telefon }}{% endif %}")
    rubrik(d, "{{ titel }}", 1)
    stycke(d, "{{ forvaltning }}")
    stycke(d, "{{ godkant }}", kursiv=True)
    stycke(d, "{{ kvitto }}", kursiv=True)

    rubrik(d, "Innehållsförteckning", 2)
    tagg(d, "{%p for rad in innehall %}")
    stycke(d, "{{ rad }}")
    tagg(d, "{%p endfor %}")

    rubrik(d, "{{ administrativa_rubrik }}", 1)
    tagg(d, "{%p for falt in administrativa %}")
    rubrik(d, "{{ falt.rubrik }}", 3)
    tagg(d, "{%p for text in falt.stycken %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endfor %}")

    rubrik(d, "{{ inledning_rubrik }}", 1)
    tagg(d, "{%p for text in inledning %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")

    tagg(d, "{%p for avd in avsnitt %}")
    rubrik(d, "{{ avd.rubrik }}", 1)
    tagg(d, "{%p for fraga in avd.fragor %}")
    rubrik(d, "{{ fraga.rubrik }}", 2)
    tagg(d, "{%p for text in fraga.stycken %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endfor %}")
    return d


MALLAR = {
    "tjansteutlatande_nominering.docx": tjansteutlatande_nominering,
    "tjansteutlatande_deltagande.docx": tjansteutlatande_deltagande,
    "protokollsutdrag.docx": protokollsutdrag,
    "anslag.docx": anslag,
    "kallelse.docx": kallelse,
    "tavlingsbidrag.docx": tavlingsbidrag,
}


def bygg(katalog: Path = KATALOG) -> list[Path]:
    skapade = []
    for namn, bygg_mall in MALLAR.items():
        fil = katalog / namn
        bygg_mall().save(str(fil))
        skapade.append(fil)
    return skapade


if __name__ == "__main__":
    for fil in bygg():
        print(fil)
