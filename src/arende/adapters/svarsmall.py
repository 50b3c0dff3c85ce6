"""The answer template (svarsmall): a .docx made from a year's question set, written in Word
by the unit, uploaded and read back into answers.

The template is a plain Word document: a Heading 1 per part (Administrativa uppgifter,
Inledning, each section) and a Heading 2 per administrative field and per question
("Fråga 7. Redogör för …"). The answer is every paragraph (and table row) between a
question's heading and the next recognised heading, so the unit can write several
paragraphs, lists and subheadings of its own. The document's identifier property says which
award year it belongs to; Word keeps it when the file is saved.

An upload is untrusted: its name, size and zip structure are checked before python-docx
opens it, and every question must be present once, in order, with its own text, before
anything is returned. A refusal names what is wrong in Swedish; the caller changes nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.document import Document as Dokument
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from arende.domain.fel import OgiltigUppgift
from arende.domain.tavlingsbidrag import Fragebatteri

MAX_FILSTORLEK = 20 * 1024 * 1024  # bytes uploaded
MAX_UPPACKAT = 60 * 1024 * 1024  # bytes all zip members may expand to
MAX_KVOT = 200  # a Word file's XML compresses perhaps 10:1; a zip bomb 1000:1
MAX_DELAR = 2000
PLATSHALLARE = "Skriv ert svar här."
_IDENTITET = "arende-svarsmall:kvalitetsutmarkelsen:{ar}"
_IDENTITET_RE = re.compile(r"arende-svarsmall:kvalitetsutmarkelsen:(\d{4})")
_FRAGERUBRIK = re.compile(r"Fråga\s+(\d+)\s*[.:]\s*(.*)", re.DOTALL)
_FILNAMN = re.compile(r"[^/\\\x00-\x1f:*?\"<>|]{1,200}\.docx", re.IGNORECASE)


@dataclass(frozen=True)
class IfylldSvarsmall:
    ar: int
    administrativa: dict[str, str]  # nyckel -> text
    inledning: str
    svar: dict[int, str]  # only answered questions


def fragerubrik(nummer: int, text: str) -> str:
    return f"Fråga {nummer}. {text}"


def svarsmall_filnamn(batteri: Fragebatteri, verksamhet: str = "") -> str:
    del_ = re.sub(r"[^0-9A-Za-zÅÄÖåäö_-]+", "_", verksamhet).strip("_")
    return f"svarsmall_kvalitetsutmarkelsen_{batteri.ar}{'_' + del_ if del_ else ''}.docx"


class WordSvarsmall:
    """The empty answer template as the flows reach it (Arendesystem.svarsmall): its file
    name and its Word document."""

    def filnamn(self, batteri: Fragebatteri, verksamhet: str = "") -> str:
        return svarsmall_filnamn(batteri, verksamhet)

    def skapa(self, batteri: Fragebatteri, verksamhet: str = "") -> bytes:
        return skapa_svarsmall(batteri, verksamhet)


# -- generating -------------------------------------------------------------------------


def skapa_svarsmall(batteri: Fragebatteri, verksamhet: str = "") -> bytes:
    """The empty answer template for a year's question set, as .docx bytes."""
    d: Dokument = Document()
    d.core_properties.title = f"Svarsmall – kvalitetsutmärkelsen {batteri.ar}"
    d.core_properties.identifier = _IDENTITET.format(ar=batteri.ar)
    d.core_properties.author = "arende"
    d.styles["Normal"].font.size = Pt(11)
    d.add_heading(f"Tävlingsbidrag till kvalitetsutmärkelsen {batteri.ar}", level=0)
    if verksamhet:
        d.add_paragraph(verksamhet)
    anvisning = d.add_paragraph()
    anvisning.add_run(
        "Skriv svaret under varje rubrik, i stället för texten "
        f'"{PLATSHALLARE}". Ändra inte rubrikerna och ta inte bort eller flytta någon: '
        "systemet läser svaren under dem. Egna underrubriker, listor och tabeller i svaren "
        f"går bra. Varje svar får vara högst {batteri.langdgrans} tecken."
    ).italic = True

    def svarsyta() -> None:
        d.add_paragraph().add_run(PLATSHALLARE).italic = True

    d.add_heading(batteri.administrativa_rubrik, level=1)
    for falt in batteri.administrativa_falt:
        d.add_heading(falt.rubrik, level=2)
        svarsyta()
    d.add_heading(batteri.inledning_rubrik, level=1)
    svarsyta()
    for avsnitt in batteri.avsnitt:
        d.add_heading(avsnitt.rubrik, level=1)
        for fraga in avsnitt.fragor:
            d.add_heading(fragerubrik(fraga.nummer, fraga.text), level=2)
            svarsyta()
    ut = io.BytesIO()
    d.save(ut)
    return ut.getvalue()


# -- reading an upload ------------------------------------------------------------------


def kontrollera_filnamn(filnamn: str) -> str:
    """The uploaded file's name, refused if it could point anywhere but one .docx file."""
    namn = filnamn.strip()
    if not _FILNAMN.fullmatch(namn) or namn.startswith(".") or ".." in namn or namn.startswith("~"):
        raise OgiltigUppgift(
            f"Filnamnet '{filnamn}' är inte tillåtet: ladda upp en Word-fil (.docx) med ett "
            "vanligt filnamn, utan mappar, '..' eller specialtecken. Inget har ändrats."
        )
    return namn


def _kontrollera_zip(innehall: bytes, filnamn: str) -> None:
    if len(innehall) > MAX_FILSTORLEK:
        raise OgiltigUppgift(
            f"'{filnamn}' är {len(innehall) // (1024 * 1024)} MB; en svarsmall får vara högst "
            f"{MAX_FILSTORLEK // (1024 * 1024)} MB. Inget har ändrats."
        )
    inte_word = OgiltigUppgift(
        f"'{filnamn}' är inte en Word-fil (.docx). Spara svarsmallen i Word som "
        "Word-dokument (.docx) och ladda upp den igen. Inget har ändrats."
    )
    try:
        arkiv = zipfile.ZipFile(io.BytesIO(innehall))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise inte_word from None
    with arkiv:
        delar = arkiv.infolist()
        namn = {d.filename for d in delar}
        if "word/document.xml" not in namn or "[Content_Types].xml" not in namn:
            raise inte_word
        if len(delar) > MAX_DELAR:
            raise OgiltigUppgift(
                f"'{filnamn}' innehåller {len(delar)} delar; en svarsmall har långt färre. "
                "Filen har inte lästs och inget har ändrats."
            )
        # The sizes in the zip directory are what zipfile will decompress to at most, so
        # checking them bounds the memory python-docx can be made to use.
        totalt = sum(d.file_size for d in delar)
        for d in delar:
            if d.filename.startswith(("/", "\\")) or ".." in d.filename.split("/"):
                raise OgiltigUppgift(
                    f"'{filnamn}' innehåller delen '{d.filename}' med en sökväg utanför "
                    "dokumentet. Filen har inte lästs och inget har ändrats."
                )
            if d.file_size > 1024 * 1024 and d.file_size > MAX_KVOT * max(d.compress_size, 1):
                raise OgiltigUppgift(
                    f"'{filnamn}' packas upp till mycket mer än den väger ({d.filename}: "
                    f"{d.file_size // (1024 * 1024)} MB ur {d.compress_size // 1024} kB); "
                    "den ser inte ut som ett Word-dokument. Inget har ändrats."
                )
        if totalt > MAX_UPPACKAT:
            raise OgiltigUppgift(
                f"'{filnamn}' packas upp till {totalt // (1024 * 1024)} MB; en svarsmall får "
                f"vara högst {MAX_UPPACKAT // (1024 * 1024)} MB uppackad. Inget har ändrats."
            )


def _block(dokument: Dokument) -> list[tuple[str, str]]:
    """(style, text) for each paragraph; a table row becomes one line of its cells' text."""
    ut: list[tuple[str, str]] = []
    for del_ in dokument.element.body.iterchildren():
        tagg = del_.tag.rsplit("}", 1)[-1]
        if tagg == "p":
            p = Paragraph(del_, dokument)
            ut.append((p.style.name if p.style is not None else "", p.text))
        elif tagg == "tbl":
            for rad in Table(del_, dokument).rows:
                celler = [c.text.strip() for c in rad.cells]
                ut.append(("Tabell", "\t".join(dict.fromkeys(celler))))
    return ut


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _svarstext(stycken: list[str]) -> str:
    delar = [s.strip() for s in stycken if s.strip() and s.strip() != PLATSHALLARE]
    return "\n\n".join(delar)


def las_svarsmall(filnamn: str, innehall: bytes, batteri: Fragebatteri) -> IfylldSvarsmall:
    """The answers in a filled answer template, or a Swedish refusal saying what is wrong."""
    namn = kontrollera_filnamn(filnamn)
    _kontrollera_zip(innehall, namn)
    try:
        dokument = Document(io.BytesIO(innehall))
    except Exception:  # noqa: BLE001 - untrusted bytes: any failure to parse is the same refusal
        raise OgiltigUppgift(
            f"'{namn}' kunde inte läsas som ett Word-dokument. Spara svarsmallen i Word som "
            "Word-dokument (.docx) och ladda upp den igen. Inget har ändrats."
        ) from None
    identitet = dokument.core_properties.identifier or ""
    ar = _IDENTITET_RE.fullmatch(identitet)
    if ar and int(ar.group(1)) != batteri.ar:
        raise OgiltigUppgift(
            f"'{namn}' är svarsmallen för kvalitetsutmärkelsen {ar.group(1)}, inte "
            f"{batteri.ar}. Ladda ned årets svarsmall och skriv svaren i den. Inget har ändrats."
        )

    # The headings in the order the template has them: (key, normalised text). "-" marks a
    # section heading, which only separates; the others start an answer. A heading other
    # than a question's is recognised only where it is next in this order, so a subheading
    # of the unit's own ("Medarbetare" inside the Inledning, as in seed 003) that happens
    # to share a section's name stays part of the answer.
    ordningsfoljd: list[tuple[str, str]] = [("-", _normal(batteri.administrativa_rubrik))]
    ordningsfoljd += [(f.nyckel, _normal(f.rubrik)) for f in batteri.administrativa_falt]
    ordningsfoljd.append(("inledning", _normal(batteri.inledning_rubrik)))
    for a in batteri.avsnitt:
        ordningsfoljd.append(("-", _normal(a.rubrik)))
        ordningsfoljd += [(str(f.nummer), _normal(f.text)) for f in a.fragor]
    position = {nyckel: i for i, (nyckel, _) in enumerate(ordningsfoljd) if nyckel != "-"}
    fragor = {f.nummer: f for f in batteri.fragor}

    def nasta_rubrik(text: str, fran: int) -> tuple[str, int] | None:
        for j in range(fran, len(ordningsfoljd)):
            nyckel, rubriktext = ordningsfoljd[j]
            if rubriktext == _normal(text) and not nyckel.isdigit():
                return nyckel, j
            if nyckel != "-":
                return None
        return None

    ordning: list[str] = []  # the keys in the order their headings occur
    innehall_per: dict[str, list[str]] = {}
    aktuell: str | None = None
    pos = 0
    for stil, text in _block(dokument):
        rubrik = stil.startswith("Heading")
        nyckel: str | None = None
        traff = _FRAGERUBRIK.fullmatch(text.strip()) if rubrik else None
        if traff:
            nummer = int(traff.group(1))
            fraga = fragor.get(nummer)
            if fraga is None:
                raise OgiltigUppgift(
                    f"'{namn}' har rubriken \"{text.strip()[:80]}\", men kvalitetsutmärkelsen "
                    f"{batteri.ar} har bara frågorna 1–{len(fragor)}. Har frågorna numrerats "
                    "om? Använd årets svarsmall utan att ändra rubrikerna. Inget har ändrats."
                )
            if _normal(traff.group(2)) != _normal(fraga.text):
                raise OgiltigUppgift(
                    f"'{namn}': rubriken för fråga {nummer} har ändrats (där står "
                    f'"{traff.group(2).strip()[:80]}", frågan är "{fraga.text[:80]}"). '
                    "Har frågorna numrerats om eller flyttats? Använd årets svarsmall utan "
                    "att ändra rubrikerna. Inget har ändrats."
                )
            nyckel = str(nummer)
            pos = max(pos, position[nyckel] + 1)
        elif rubrik and (hittad := nasta_rubrik(text, pos)) is not None:
            nyckel, j = hittad
            pos = j + 1
        if nyckel is None:
            if aktuell is not None:
                innehall_per[aktuell].append(text)
            continue
        if nyckel == "-":
            aktuell = None
            continue
        if nyckel in innehall_per:
            raise OgiltigUppgift(
                f"'{namn}' har fråga {nyckel} två gånger; varje fråga får bara finnas en gång "
                "i svarsmallen. Inget har ändrats."
            )
        ordning.append(nyckel)
        innehall_per[nyckel] = []
        aktuell = nyckel

    saknade = [f.nummer for f in batteri.fragor if str(f.nummer) not in innehall_per]
    if len(saknade) == len(fragor):
        raise OgiltigUppgift(
            f"'{namn}' är inte en svarsmall för kvalitetsutmärkelsen {batteri.ar}: ingen av "
            "frågornas rubriker finns i den. Ladda ned svarsmallen, skriv svaren i den och "
            "ladda upp den igen. Inget har ändrats."
        )
    if saknade:
        raise OgiltigUppgift(
            f"'{namn}' saknar rubriken för {'fråga' if len(saknade) == 1 else 'frågorna'} "
            f"{', '.join(map(str, saknade))}. Har de tagits bort? Lägg tillbaka rubrikerna från "
            "årets svarsmall (svaren läses under dem). Inget har ändrats."
        )
    saknade_falt = [f.rubrik for f in batteri.administrativa_falt if f.nyckel not in innehall_per]
    if batteri_saknar := saknade_falt + (
        [batteri.inledning_rubrik] if "inledning" not in innehall_per else []
    ):
        raise OgiltigUppgift(
            f"'{namn}' saknar rubrikerna {', '.join(batteri_saknar)}. Lägg tillbaka dem från "
            "årets svarsmall. Inget har ändrats."
        )
    fragenummer = [int(n) for n in ordning if n.isdigit()]
    if fragenummer != sorted(fragenummer):
        raise OgiltigUppgift(
            f"'{namn}': frågorna står inte i ordning ({', '.join(map(str, fragenummer))}). Har "
            "de flyttats? Använd årets svarsmall utan att flytta rubrikerna. Inget har ändrats."
        )

    svar = {f.nummer: _svarstext(innehall_per[str(f.nummer)]) for f in batteri.fragor}
    return IfylldSvarsmall(
        ar=batteri.ar,
        administrativa={
            f.nyckel: _svarstext(innehall_per[f.nyckel]) for f in batteri.administrativa_falt
        },
        inledning=_svarstext(innehall_per["inledning"]),
        svar={n: t for n, t in svar.items() if t},
    )
