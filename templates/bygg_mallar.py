"""Builds the default Word templates in this folder with python-docx.

The .docx files are what the system renders and what a kommun replaces with its own (same
field names, its own letterhead): open one in Word, change the layout, keep the {{ tags }}.
This script only exists so the defaults can be rebuilt and reviewed as code:

    .venv/bin/python templates/bygg_mallar.py

Each tag sits in a run of its own paragraph, so Word never splits it. `{%p … %}` lines are
docxtpl's paragraph tags: the paragraph holding the tag disappears in the result.
Structure and wording follow seed 000 (Socialtjänstnämnden, 2008) and Stockholm's practice,
with one deliberate difference: the name of the nämnd and of the award's recipient is written
as grunddata spells it, mid-sentence too ("föreslår att Östermalms stadsdelsnämnd godkänner",
"lämnas in till Stadsledningskontoret"). Seed 000 writes "socialtjänstnämnden" there, but a
template cannot tell such a name from one that starts with a place name, and "östermalms
stadsdelsnämnd" is wrong in any style.
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
        "Förvaltningen föreslår att {{ namnd }} nominerar {{ enheter_text }} att delta "
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
        "på. Denna redovisning ska lämnas in till {{ mottagare }}"
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
        "verksamheten hör till. Förvaltningen föreslår att {{ namnd }} godkänner att "
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
        "{{ mottagare }}{% if sista_dag %} senast den {{ sista_dag }}{% endif %}.",
    )

    forvaltningens_synpunkter(d)
    tagg(d, "{%p for text in kommentar %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    return d


def tjansteutlatande_allman() -> Dokument:
    """Any ärende with a tjänsteutlåtande: seed 000's head, then the handläggare's own
    sections (Bakgrund, Ärendets beredning, Förvaltningens synpunkter och förslag, ...)."""
    d = tjansteutlatandets_borjan()
    rubrik(d, "Sammanfattning", 2)
    tagg(d, "{%p for text in sammanfattning %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p for del in avsnitt %}")
    rubrik(d, "{{ del.rubrik }}", 2)
    tagg(d, "{%p for text in del.stycken %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p if samverkan %}")
    stycke(d, "Ärendet har samverkats i förvaltningsgruppen den {{ samverkan }}.")
    tagg(d, "{%p endif %}")
    return d


def tjansteutlatande_verksamhetsplan() -> Dokument:
    """The tjänsteutlåtande on a verksamhetsplan: the general one's parts, and after the
    Sammanfattning the plan's content as its structure gives it (each inriktningsmål, its
    KF-mål and the nämndmål under them, the budget tables' totals) and the lines of the plan
    a person must check. Fourth-level headings for the KF-mål, as in the protokoll."""
    d = tjansteutlatandets_borjan()
    fjarde_rubrikniva(d)
    rubrik(d, "Sammanfattning", 2)
    tagg(d, "{%p for text in sammanfattning %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")

    rubrik(d, "Verksamhetsplanens innehåll", 2)
    stycke(d, "{{ plan_innehall }}")
    tagg(d, "{%p for mal in inriktningsmal %}")
    rubrik(d, "{{ mal.rubrik }}", 3)
    tagg(d, "{%p for kf in mal.kf_mal %}")
    rubrik(d, "{{ kf.rubrik }}", 4)
    tagg(d, "{%p for namndmal in kf.namndmal %}")
    stycke(d, "{{ namndmal }}", "List Bullet")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p if not kf.namndmal %}")
    stycke(d, "Nämnden har inget eget mål under detta mål.", kursiv=True)
    tagg(d, "{%p endif %}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endfor %}")
    rubrik(d, "Budget", 3)
    tagg(d, "{%p for rad in budget %}")
    stycke(d, "{{ rad }}", "List Bullet")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p if not budget %}")
    stycke(d, "Planen har ingen budgettabell med en totalrad.", kursiv=True)
    tagg(d, "{%p endif %}")

    tagg(d, "{%p if att_kontrollera %}")
    rubrik(d, "Att kontrollera", 3)
    stycke(
        d,
        "Följande rader i verksamhetsplanens text kunde inte placeras i planens struktur. De "
        "finns kvar i planens text men ingår inte i sammanfattningen ovan; kontrollera dem "
        "innan planen fastställs. Radnumren räknas från planens första rad med text.",
    )
    tagg(d, "{%p for rad in att_kontrollera %}")
    stycke(d, "{{ rad }}", "List Bullet")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endif %}")

    tagg(d, "{%p for del in avsnitt %}")
    rubrik(d, "{{ del.rubrik }}", 2)
    tagg(d, "{%p for text in del.stycken %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p if samverkan %}")
    stycke(d, "Ärendet har samverkats i förvaltningsgruppen den {{ samverkan }}.")
    tagg(d, "{%p endif %}")
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
    # An extract drawn up when an earlier protokoll was imported says so, first and last.
    tagg(d, "{%p if importerat %}")
    tagg(d, "{%p for text in importerat %}")
    stycke(d, "{{ text }}", kursiv=True)
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endif %}")
    tagg(d, "{%p if jav %}")
    rubrik(d, "Jäv", 3)
    tagg(d, "{%p for text in jav %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endif %}")
    rubrik(d, "Beslut", 3)
    tagg(d, "{%p for punkt in beslut %}")
    stycke(d, "{% if beslut|length > 1 %}{{ loop.index }}. {% endif %}{{ punkt }}")
    tagg(d, "{%p endfor %}")
    rubrik(d, "{% if importerat %}Paragrafen som den lästes{% else %}Ärendet{% endif %}", 3)
    tagg(d, "{%p for text in arendet %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    stycken_med_rubrik(d, "Anmälda delegationsbeslut", "delegationsbeslut", niva=3)
    tagg(d, "{%p if omrostning %}")
    rubrik(d, "Omröstning", 3)
    stycke(d, "{{ omrostning.propositioner }}")
    stycke(
        d,
        "{% if omrostning.sluten %}Sluten omröstning: {% endif %}{{ omrostning.ja }} ja-röster "
        "mot {{ omrostning.nej }} nej-röster{% if omrostning.avstar %}, {{ omrostning.avstar }}"
        "{% if omrostning.sluten %} blanka{% else %} avstår{% endif %}{% endif %}.",
    )
    tagg(d, "{%p if omrostning.lottning %}")
    stycke(d, "{{ omrostning.lottning }}")
    tagg(d, "{%p endif %}")
    stycke(d, "{{ omrostning.resultat }}")
    tagg(d, "{%p endif %}")
    for rubriken, lista in (
        ("Reservation", "reservationer"),
        ("Protokollsanteckning", "protokollsanteckningar"),
    ):
        tagg(d, f"{{%p if {lista} %}}")
        rubrik(d, rubriken, 3)
        tagg(d, f"{{%p for text in {lista} %}}")
        stycke(d, "{{ text }}")
        tagg(d, "{%p endfor %}")
        tagg(d, "{%p endif %}")
    tagg(d, "{%p if deltar %}")
    stycke(d, "{{ deltar }}", kursiv=True)
    tagg(d, "{%p endif %}")
    tagg(d, "{%p if importerat %}")
    rubrik(d, "Upprättat vid import", 3)
    stycke(d, "{{ importerat[0] }}")
    stycke(d, "")
    stycke(d, "{{ vid_protokollet }}")
    tagg(d, "{%p else %}")
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
    tagg(d, "{%p endif %}")
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
        "Ledamöter och ersättare i {{ namnd }} kallas till sammanträde "
        "{{ veckodag }}en den {{ sammantrade }}{% if tid %} {{ tid }}{% endif %}.",
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


# -- a whole sammanträde: the protokoll and the kallelse with its dagordning ------------------

OMEDELBART_JUSTERAD = "Paragrafen förklaras omedelbart justerad."


def fjarde_rubrikniva(dokument: Dokument) -> None:
    """Heading 4 like Heading 3, for the parts of a § (Beslut, Ärendet, …)."""
    stil = dokument.styles["Heading 4"]
    stil.font.name = "Arial"
    stil.font.size = Pt(11)
    stil.font.bold = True
    stil.font.italic = False
    stil.font.color.rgb = None
    stil.paragraph_format.space_before = Pt(8)
    stil.paragraph_format.space_after = Pt(2)


def numrerade(d: Dokument, lista: str) -> None:
    """The points of `lista`, numbered when there is more than one (as in seed 000)."""
    tagg(d, f"{{%p for led in {lista} %}}")
    stycke(d, f"{{% if {lista}|length > 1 %}}{{{{ loop.index }}}}. {{% endif %}}{{{{ led }}}}")
    tagg(d, "{%p endfor %}")


def stycken_med_rubrik(d: Dokument, titel: str, lista: str, niva: int = 4) -> None:
    """A heading and one paragraph per string in `lista`; nothing at all when it is empty."""
    tagg(d, f"{{%p if {lista} %}}")
    rubrik(d, titel, niva)
    tagg(d, f"{{%p for text in {lista} %}}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endif %}")


def omrostning(d: Dokument) -> None:
    """The vote of one §: the two propositions, each ledamot's vote, counts and outcome."""
    tagg(d, "{%p if par.omrostning %}")
    tagg(d, "{%p set o = par.omrostning %}")
    rubrik(d, "Omröstning", 4)
    stycke(d, "Följande voteringsproposition godkänns: {{ o.propositioner }}")
    tagg(d, "{%p if o.sluten %}")
    stycke(
        d,
        "Vid den slutna omröstningen avges {{ o.ja }} ja-röster och {{ o.nej }} nej-röster"
        "{% if o.avstar == 1 %}; 1 röstsedel är blank{% elif o.avstar %}; {{ o.avstar }} "
        "röstsedlar är blanka{% endif %}.",
    )
    tagg(d, "{%p else %}")
    tabell = d.add_table(rows=0, cols=3)
    tabell.style = "Table Grid"
    for rad in (
        ("Ledamot", "Parti", "Röst"),
        ("{%tr for r in o.roster %}", "", ""),
        ("{{ r.namn }}", "{{ r.parti }}", "{{ r.rost|capitalize }}"),
        ("{%tr endfor %}", "", ""),
        ("Summa", "", "{{ o.ja }} ja, {{ o.nej }} nej, {{ o.avstar }} avstår"),
    ):
        celler = tabell.add_row().cells
        for cell, text in zip(celler, rad, strict=True):
            kort = cell.paragraphs[0].add_run(text)
            kort.bold = rad[0] in ("Ledamot", "Summa")
    stycke(d, "")
    stycke(
        d,
        "Omröstningen utfaller med {{ o.ja }} ja-röster mot {{ o.nej }} nej-röster"
        "{% if o.avstar %}; {{ o.avstar }} avstår från att rösta{% endif %}.",
    )
    tagg(d, "{%p endif %}")
    tagg(d, "{%p if o.lottning %}")
    stycke(d, "{{ o.lottning }}")
    tagg(d, "{%p endif %}")
    tagg(d, "{%p if o.utslagsrost %}")
    stycke(d, "Rösterna faller lika. Ordföranden har utslagsröst och avgör omröstningen.")
    tagg(d, "{%p endif %}")
    stycke(d, "{{ o.resultat }}")
    tagg(d, "{%p endif %}")


def underskrift(d: Dokument, namn: str, roll: str) -> None:
    """One person's place in the justering block: the digital signature(s) made in that name,
    or a line to sign on while there is none. `namn` is a Jinja expression."""
    tagg(d, f"{{%p for s in signaturer if s.namn == {namn} %}}")
    stycke(d, "")
    stycke(d, "{{ s.namn }}")
    stycke(d, "{{ s.roll }}", kursiv=True)
    stycke(
        d,
        "Justerat digitalt den {{ s.tidpunkt }}; signerad version sha256 {{ s.sha256 }}",
        kursiv=True,
    )
    tagg(d, "{%p else %}")
    stycke(d, "")
    stycke(d, "")
    stycke(d, "_" * 36)
    stycke(d, f"{{{{ {namn} }}}}")
    stycke(d, roll, kursiv=True)
    tagg(d, "{%p endfor %}")


def protokoll() -> Dokument:
    """The protokoll of a whole sammanträde: who was there, every § with its yrkanden and
    votes, and the justering (digitally signed, or with lines to sign on)."""
    d = nytt_dokument("Protokoll {{ namnd }} {{ sammantrade_iso }}")
    fjarde_rubrikniva(d)
    sidhuvud(
        d,
        ["{{ namnd }}", "{{ forvaltning }}"],
        ["Protokoll nr {{ protokollnummer }}", "Sammanträdesdatum {{ sammantrade_iso }}"],
    )
    rubrik(d, "Protokoll nr {{ protokollnummer }}", 1)
    stycke(d, "Protokoll fört vid sammanträde med {{ namnd }}")
    # "Tid: Tisdagen den 13 maj 2008 kl. 18.00–19.30", as Stockholm's protokoll give it.
    stycke(
        d,
        "Tid: {{ veckodag|capitalize }}en den {{ sammantrade }}{% if tid %} {{ tid }}{% endif %}",
    )
    tagg(d, "{%p if lokal %}")
    stycke(d, "Plats: {{ lokal }}")
    tagg(d, "{%p endif %}")

    rubrik(d, "Närvarande", 2)
    rubrik(d, "Ledamöter", 3)
    # Only the roles that single a ledamot out (ordförande, vice ordförande) are written.
    tagg(d, "{%p for person in ledamoter %}")
    stycke(
        d,
        "{{ person.namn }}{% if person.parti %} ({{ person.parti }}){% endif %}"
        '{% if person.roll and person.roll != "ledamot" %}, {{ person.roll }}{% endif %}',
    )
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p if tjanstgorande_ersattare %}")
    rubrik(d, "Tjänstgörande ersättare", 3)
    tagg(d, "{%p for person in tjanstgorande_ersattare %}")
    stycke(
        d,
        "{{ person.namn }}{% if person.parti %} ({{ person.parti }}){% endif %}"
        '{% if person["for"] %} för {{ person["for"] }}{% endif %}',
    )
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endif %}")
    tagg(d, "{%p if ersattare %}")
    rubrik(d, "Ersättare", 3)
    tagg(d, "{%p for person in ersattare %}")
    stycke(d, "{{ person.namn }}{% if person.parti %} ({{ person.parti }}){% endif %}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endif %}")
    stycke(
        d,
        "I besluten deltar de tjänstgörande ledamöterna och ersättarna ovan, om inget annat "
        "anges under paragrafen.",
        kursiv=True,
    )
    tagg(d, "{%p if ovriga %}")
    rubrik(d, "Övriga närvarande", 3)
    tagg(d, "{%p for person in ovriga %}")
    stycke(d, "{{ person.namn }}{% if person.titel %}, {{ person.titel }}{% endif %}")
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endif %}")

    stycke(d, "")
    faktatabell(
        d,
        [
            ("Justerare", "{{ justerare|join(', ') }}"),
            (
                "Justeringens plats och tid",
                "{% if justering_plats %}{{ justering_plats }}, {% endif %}"
                "{{ justering_forsta }}{% if justering_sista and justering_sista != "
                "justering_forsta %}–{{ justering_sista }}{% endif %}",
            ),
            (
                "Paragrafer",
                "{% if forsta_paragraf == sista_paragraf %}§ {{ forsta_paragraf }}"
                "{% else %}§§ {{ forsta_paragraf }}–{{ sista_paragraf }}{% endif %}",
            ),
        ],
    )

    tagg(d, "{%p for par in paragrafer %}")
    rubrik(d, "§ {{ par.nummer }}", 2)
    rubrik(d, "{{ par.rubrik }}", 3)
    tagg(d, "{%p if par.dnr %}")
    stycke(d, "Dnr {{ par.dnr }}")
    tagg(d, "{%p endif %}")
    # Who came or went before the §, and any jäv: said before the beslut, as protokoll do.
    tagg(d, "{%p for text in par.narvaro %}")
    stycke(d, "{{ text }}", kursiv=True)
    tagg(d, "{%p endfor %}")
    stycken_med_rubrik(d, "Jäv", "par.jav")
    # The omedelbar justering is the last beslut point (seed 000), whether or not the
    # service layer put it among the points already.
    tagg(
        d,
        f'{{%p set beslut = par.beslut|reject("equalto", "{OMEDELBART_JUSTERAD}")|list + '
        f'(["{OMEDELBART_JUSTERAD}"] if par.omedelbart_justerad else []) %}}',
    )
    tagg(d, "{%p if beslut %}")
    rubrik(d, "Beslut", 4)
    numrerade(d, "beslut")
    tagg(d, "{%p endif %}")
    stycken_med_rubrik(d, "Ärendet", "par.arendet")
    # An anmälan's delegationsbeslut, from the register (kommunallagen 6 kap. 39-40 §§).
    stycken_med_rubrik(d, "Anmälda delegationsbeslut", "par.delegationsbeslut")
    stycken_med_rubrik(d, "Yrkanden", "par.yrkanden")
    stycken_med_rubrik(d, "Propositionsordning", "par.propositionsordning")
    omrostning(d)
    stycken_med_rubrik(d, "Reservation", "par.reservationer")
    stycken_med_rubrik(d, "Protokollsanteckning", "par.protokollsanteckningar")
    # Kommunallagen 5 kap. 67 §: which ledamöter took part in the decision.
    tagg(d, "{%p if par.deltar %}")
    stycke(d, "{{ par.deltar }}", kursiv=True)
    tagg(d, "{%p endif %}")
    tagg(d, "{%p endfor %}")

    rubrik(d, "Underskrifter", 2)
    stycke(d, "Vid protokollet")
    underskrift(d, "sekreterare", "Sekreterare")
    stycke(d, "")
    stycke(d, "Justeras")
    underskrift(d, "ordforande", "Ordförande")
    tagg(d, "{%p for person in justerare %}")
    underskrift(d, "person", "Justerare")
    tagg(d, "{%p endfor %}")
    # A signature by someone not named above (a replacing justerare, say) is still shown.
    tagg(d, "{%p for s in signaturer if s.namn not in [sekreterare, ordforande] + justerare %}")
    stycke(d, "")
    stycke(d, "{{ s.namn }}")
    stycke(d, "{{ s.roll }}", kursiv=True)
    stycke(
        d,
        "Justerat digitalt den {{ s.tidpunkt }}; signerad version sha256 {{ s.sha256 }}",
        kursiv=True,
    )
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p if anslagen %}")
    stycke(d, "")
    stycke(d, "Justeringen har tillkännagivits genom anslag den {{ anslagen }}.")
    tagg(d, "{%p endif %}")
    return d


def kallelse_sammantrade() -> Dokument:
    """The kallelse with the whole dagordning: each ärende's förslag till beslut and the
    handlingar that go with it; a new version says which one it replaces."""
    d = nytt_dokument("Kallelse {{ namnd }} {{ sammantrade_iso }}, version {{ version }}")
    fjarde_rubrikniva(d)
    sidhuvud(
        d,
        ["{{ namnd }}"],
        ["Kallelse", "{{ utskick_iso }}", "Dagordning version {{ version }}"],
    )
    rubrik(d, "Kallelse till sammanträde", 1)
    stycke(
        d,
        "Ledamöter och ersättare i {{ namnd }} kallas till sammanträde "
        "{{ veckodag }}en den {{ sammantrade }}{% if tid %} {{ tid }}{% endif %}.",
    )
    tagg(d, "{%p if lokal %}")
    stycke(d, "Plats: {{ lokal }}")
    tagg(d, "{%p endif %}")
    stycke(
        d,
        "Ledamot som är förhindrad att delta anmäler det till nämndsekreteraren, som kallar "
        "ersättare.",
    )
    tagg(d, "{%p if ersatter %}")
    stycke(d, "Denna dagordning ersätter {{ ersatter }}.", kursiv=True)
    tagg(d, "{%p endif %}")

    rubrik(d, "Dagordning", 2)
    rubrik(d, "1. Val av justerare och tillkännagivande av tid för justering", 3)
    tagg(d, "{%p for punkt in punkter %}")
    rubrik(d, "{{ punkt.nummer }}. {{ punkt.titel }}", 3)
    tagg(d, "{%p if punkt.dnr %}")
    stycke(d, "Dnr {{ punkt.dnr }}", kursiv=True)
    tagg(d, "{%p endif %}")
    tagg(d, "{%p if punkt.forslag %}")
    rubrik(d, "Förslag till beslut", 4)
    numrerade(d, "punkt.forslag")
    tagg(d, "{%p endif %}")
    tagg(d, "{%p if punkt.handlingar %}")
    rubrik(d, "Handlingar", 4)
    tagg(d, "{%p for handling in punkt.handlingar %}")
    stycke(
        d,
        "{{ handling.titel }}{% if handling.fil %} – {{ handling.fil }}{% endif %}",
        "List Bullet",
    )
    tagg(d, "{%p endfor %}")
    tagg(d, "{%p endif %}")
    tagg(d, "{%p endfor %}")

    stycke(d, "")
    stycke(d, "{{ sekreterare }}")
    stycke(d, "Nämndsekreterare", kursiv=True)
    return d


def utlamnad_kopia() -> Dokument:
    """The copy of a handling given out with its secret stycken masked: written from the
    handling's text, each masked stycke replaced by a note of the provision. A Word
    handling's copy is its own file masked instead (adapters/maskering.py), with this
    notice written first."""
    d = nytt_dokument("Kopia av {{ handling }} i {{ dnr }}")
    sidhuvud(d, ["{{ namnd }}", "{{ forvaltning }}"], ["Kopia med maskering", "Dnr {{ dnr }}"])
    rubrik(d, "Kopia av {{ handling }}", 1)
    stycke(
        d,
        "Utlämnad den {{ datum }} med anledning av begäran {{ begaran }} om allmän handling, "
        "som kom in {{ mottagen }}. Uppgifter som omfattas av sekretess enligt "
        "{{ bestammelse }} är maskerade (stycke {{ maskerade }}); övrigt lämnas ut.",
        kursiv=True,
    )
    stycke(d, "")
    tagg(d, "{%p for text in stycken %}")
    stycke(d, "{{ text }}")
    tagg(d, "{%p endfor %}")
    return d


def beslut_utlamnande() -> Dokument:
    """The written decision on a request for allmän handling refused in whole or in part
    (OSL 6 kap. 3 §), with the besvärshänvisning to kammarrätten (OSL 6 kap. 7-8 §§)."""
    d = nytt_dokument("Beslut om utlämnande av allmän handling {{ dnr }}")
    sidhuvud(d, ["{{ namnd }}", "{{ forvaltning }}"], ["Beslut", "{{ datum }}", "Dnr {{ dnr }}"])
    stycke(d, "Till: {{ sokande }}{% if kontakt %}, {{ kontakt }}{% endif %}")
    rubrik(d, "Beslut med anledning av begäran om att ta del av allmän handling", 1)
    rubrik(d, "Beslut", 2)
    tagg(d, "{%p for punkt in punkter %}")
    stycke(d, "{{ punkt }}")
    tagg(d, "{%p endfor %}")
    rubrik(d, "Ärendet", 2)
    stycke(
        d,
        "En begäran om att ta del av allmänna handlingar i ärende {{ dnr }} kom in till "
        "{{ namnd }} {{ mottagen }} (begäran {{ begaran }}).",
    )
    rubrik(d, "Skäl för beslutet", 2)
    stycke(
        d,
        "Var och en har rätt att ta del av allmänna handlingar (2 kap. 1 § "
        "tryckfrihetsförordningen). Rätten får begränsas genom bestämmelser i offentlighets- "
        "och sekretesslagen (2 kap. 2 § tryckfrihetsförordningen). {{ namnd }} har prövat "
        "varje begärd handling och bedömer att de uppgifter som inte lämnas ut omfattas av "
        "sekretess enligt {{ bestammelser }}. Övriga uppgifter lämnas ut.",
    )
    stycke(d, "")
    stycke(d, "{{ beslutsfattare }}")
    stycke(d, "{{ beslutsfattarens_titel }}", kursiv=True)
    rubrik(d, "Hur man överklagar", 2)
    stycke(
        d,
        "Du kan överklaga beslutet hos {{ kammarratt }} (6 kap. 7 och 8 §§ offentlighets- och "
        "sekretesslagen). Skriv till {{ kammarratt }}, men skicka eller lämna skrivelsen till "
        "{{ namnd }}, {{ forvaltning }}.",
    )
    stycke(
        d,
        "Överklagandet ska ha kommit in till {{ namnd }} inom tre veckor från den dag då du "
        "fick del av beslutet (44 § förvaltningslagen). Har det kommit in för sent prövas "
        "det inte.",
    )
    stycke(
        d,
        "Skriv vilket beslut du överklagar (diarienummer {{ dnr }} och beslutets datum), "
        "hur du vill att beslutet ska ändras och varför. Om {{ namnd }} inte själv ändrar "
        "beslutet så som du begär, skickas överklagandet vidare till {{ kammarratt }}.",
    )
    return d


MALLAR = {
    "tjansteutlatande_nominering.docx": tjansteutlatande_nominering,
    "tjansteutlatande_deltagande.docx": tjansteutlatande_deltagande,
    "tjansteutlatande_allman.docx": tjansteutlatande_allman,
    "tjansteutlatande_verksamhetsplan.docx": tjansteutlatande_verksamhetsplan,
    "protokollsutdrag.docx": protokollsutdrag,
    "anslag.docx": anslag,
    "kallelse.docx": kallelse,
    "tavlingsbidrag.docx": tavlingsbidrag,
    "protokoll.docx": protokoll,
    "kallelse_sammantrade.docx": kallelse_sammantrade,
    "utlamnad_kopia.docx": utlamnad_kopia,
    "beslut_utlamnande.docx": beslut_utlamnande,
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
