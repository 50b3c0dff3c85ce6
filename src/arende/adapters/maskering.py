"""The masked copy of a Word handling, made from a copy of the handling's own file, so it
looks like the original (styles, tables, headers and footers, images) with the secret
stycken taken out.

The stycken are the ones `arende stycken` numbers (textlasning.docx_stycken, one list for
both): a masked one keeps its paragraph and style, but every run, hyperlink, field result,
image and tracked change in it is removed and the note "[Maskerat: sekretess enligt …]"
stands in its place. The text is gone, not hidden or coloured over.

The masked text must not survive anywhere in the package, so the rest of the file is
cleaned as well:
- tracked changes are accepted (deleted text removed, insertions kept) and the record of
  formatting changes dropped; the revision ids (rsid) and the revision count go too;
- comments (and their people), custom XML, custom document properties, document
  variables, the glossary of building blocks and the thumbnail (a picture of the first
  page) are removed: none of it is what the original shows;
- the document properties that may repeat the text or name a person (title, subject,
  description, keywords, category, status, author, last editor; app.xml's part titles,
  company, manager and template) are removed;
- footnotes and endnotes referenced only from a masked stycke are removed, and images,
  embedded objects and hyperlinks no longer referenced from their part are dropped;
- any paragraph outside the numbered stycken (a header, a footer, a text box, a footnote,
  a diagram's text) that repeats a masked stycke's text is masked too, and so is an
  image's alt text.
Last, every XML part is searched for each masked stycke's text (unless the handläggare
gives the same text out in another stycke): if it is still there (a chart's cached
values, a hyperlink's address), no copy is made.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Sequence, Set
from urllib.parse import unquote

from lxml import etree
from lxml.etree import _Element

from arende.adapters.textlasning import docx_dokument, docx_stycken
from arende.domain.fel import OgiltigUppgift
from arende.domain.utlamnande import maskeringsnotis

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
# A masked text shorter than this ('Ja', '1') is masked where it is numbered but not looked
# for elsewhere: it would be found in every other header and number of the file.
MINSTA_SOKTEXT = 3


# As python-docx reads the parts: no entities resolved, nothing fetched (a file that came
# in from outside must not pull a file of this machine into the copy).
_TOLK = etree.XMLParser(resolve_entities=False, no_network=True)


def _w(namn: str) -> str:
    return f"{{{W}}}{namn}"


_PARAGRAFER = {_w("p"), f"{{{A}}}p"}
# The attributes that hold text a person wrote: an image's alt text, a link's address, a
# field's instruction.
_TEXTATTRIBUT = ("descr", "title", "Target", _w("instr"))
_TEXT = {_w("t"), f"{{{A}}}t", _w("delText"), _w("instrText"), _w("delInstrText")}
_MELLANRUM = {_w("tab"), _w("ptab"), _w("br"), _w("cr"), f"{{{A}}}br", f"{{{A}}}tab"}

# Accepting tracked changes: what was deleted goes with its text, what was inserted stays
# (the wrapper is unwrapped), and the record of earlier formatting is dropped.
_BORT_ANDRINGAR = {
    _w(n)
    for n in (
        "del",
        "moveFrom",
        "delText",
        "delInstrText",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "trPrChange",
        "tcPrChange",
        "tblGridChange",
        "numberingChange",
        "cellDel",
        "cellIns",
        "cellMerge",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
        # Comments are removed with their part; their anchors with them.
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
    )
}
_PACKA_UPP = {_w("ins"), _w("moveTo")}
_BORT_INSTALLNINGAR = {_w("rsids"), _w("docVars"), _w("trackRevisions")}
_REVISIONSID = _w("rsid")  # a style's revision id, as the attributes rsidR, rsidRPr …
_BORT_EGENSKAPER = {
    f"{{{DC}}}title",
    f"{{{DC}}}subject",
    f"{{{DC}}}description",
    f"{{{DC}}}identifier",
    f"{{{CP}}}keywords",
    f"{{{CP}}}category",
    f"{{{CP}}}contentStatus",
    f"{{{CP}}}revision",
    f"{{{CP}}}lastPrinted",
    # Who wrote it: a private person's name may be what is masked (a letter's sender).
    f"{{{DC}}}creator",
    f"{{{CP}}}lastModifiedBy",
    f"{{{EP}}}TitlesOfParts",
    f"{{{EP}}}HeadingPairs",
    f"{{{EP}}}Company",
    f"{{{EP}}}Manager",
    f"{{{EP}}}Template",
    f"{{{EP}}}HyperlinkBase",
}
# Parts no copy carries, by the type of the relationship that reaches them.
_BORT_DELAR = (
    "/comments",
    "/commentsExtended",
    "/commentsIds",
    "/commentsExtensible",
    "/people",
    "/customXml",
    "/custom-properties",
    "/glossaryDocument",
    "/thumbnail",  # a picture of the first page as it was
)
# Relationships to content that a masked stycke may have held: dropped when nothing in
# their part refers to them any more (so the image or the address leaves the package).
_INNEHALLSRELATIONER = (
    "/image",
    "/hyperlink",
    "/oleObject",
    "/package",
    "/chart",
    "/diagramData",
    "/diagramLayout",
    "/diagramQuickStyle",
    "/diagramColors",
    "/diagramDrawing",
    "/video",
    "/audio",
    "/media",
    "/control",
)


def maskerad_kopia_docx(
    original: bytes,
    maskerade: Set[int],
    bestammelse: str,
    *,
    inledning: Sequence[str] = (),
) -> bytes:
    """A copy of the Word file `original` with the stycken `maskerade` (numbered as
    `arende stycken` numbers them, from 1) replaced by the note of `bestammelse`, and
    `inledning` (the copy's notice that it is a copy given out with masking) as italic
    paragraphs first. OgiltigUppgift for a file that is no Word file, for a stycke it does
    not have, and when a masked text would remain somewhere it cannot be masked."""
    dokument = docx_dokument(original)
    numrerade = docx_stycken(dokument)
    if not maskerade:
        raise OgiltigUppgift("Ange minst ett stycke att maskera i Word-filen.")
    utanfor = sorted(n for n in maskerade if not 1 <= n <= len(numrerade))
    if utanfor:
        raise OgiltigUppgift(
            f"Word-filen har stycke 1–{len(numrerade)}; stycke "
            f"{', '.join(map(str, utanfor))} finns inte."
        )
    notis = maskeringsnotis(bestammelse)
    bort = {numrerade[n - 1]._p for n in maskerade}
    texter = [_normaliserad(p.text) for p in numrerade]
    # What is given out anyway: a masked text that stands in a stycke given out (a merged
    # cell counted twice, a repeated heading) or in the notes is not looked for elsewhere.
    utlamnat = [t for p, t in zip(numrerade, texter, strict=True) if p._p not in bort]
    utlamnat += [notis, *inledning]
    oppet = [_normaliserad(t).casefold() for t in utlamnat]
    sokta: dict[str, int] = {}
    for n in sorted(maskerade):
        text = texter[n - 1]
        if (
            len(text) >= MINSTA_SOKTEXT
            and text not in sokta
            and not _Hemliga({text: n}).i_nagon(oppet)
        ):
            sokta[text] = n
    hemliga = _Hemliga(sokta)

    noter: dict[str, set[str]] = {"footnote": set(), "endnote": set()}
    for p in bort:
        for slag, ids in noter.items():
            ids.update(str(i) for i in p.xpath(f".//w:{slag}Reference/@w:id"))
        _tom_paragraf(p, notis)
    # The body's changes accepted before the repeated texts are looked for outside the
    # numbered stycken (a deletion's text is no repetition: it goes anyway).
    _acceptera_andringar(dokument.element)
    _maskera_upprepningar(dokument.element, hemliga, notis, {p._p for p in numrerade})
    kropp = dokument.element.body
    for i, text in enumerate(inledning):
        kropp.insert(i, _inledningsparagraf(text))

    ut = io.BytesIO()
    dokument.save(ut)
    return _rensa_paketet(ut.getvalue(), hemliga, notis, noter)


def _normaliserad(text: str) -> str:
    return " ".join(text.split())


class _Hemliga:
    """Texts looked for as whole words, case and spacing aside, each with its stycke's
    number. A substring test first: the expression runs only where the text may be."""

    def __init__(self, texter: dict[str, int]) -> None:
        self._texter = [
            (t.casefold(), re.compile(r"(?<!\w)" + re.escape(t.casefold()) + r"(?!\w)"), n)
            for t, n in texter.items()
        ]

    def __bool__(self) -> bool:
        return bool(self._texter)

    def i(self, text: str) -> int | None:
        """The number of the first text that stands in `text`."""
        return self._i(_normaliserad(text).casefold())

    def i_nagon(self, rensade: Iterable[str]) -> bool:
        """Whether one stands in any of texts already normalised and casefolded."""
        return any(self._i(r) is not None for r in rensade)

    def _i(self, rensad: str) -> int | None:
        for t, monster, n in self._texter:
            if t in rensad and monster.search(rensad):
                return n
        return None


def _run(text: str, *, kursiv: bool = False) -> _Element:
    """A run of plain text that shows whatever the paragraph's style says: not hidden, in
    the automatic colour."""
    r = etree.Element(_w("r"), nsmap={"w": W})
    rpr = etree.SubElement(r, _w("rPr"))
    if kursiv:
        etree.SubElement(rpr, _w("i"))
    etree.SubElement(rpr, _w("color")).set(_w("val"), "auto")
    etree.SubElement(rpr, _w("vanish")).set(_w("val"), "0")
    t = etree.SubElement(r, _w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def _inledningsparagraf(text: str) -> _Element:
    p = etree.Element(_w("p"), nsmap={"w": W})
    p.append(_run(text, kursiv=True))
    return p


def _tom_paragraf(p: _Element, notis: str) -> None:
    """Everything in the paragraph but its properties removed, the note in its place.
    Bookmarks stay (a range may end in another paragraph) and so do the field characters
    (a field may span paragraphs), emptied of everything else."""
    for barn in list(p):
        if barn.tag in (_w("pPr"), _w("bookmarkStart"), _w("bookmarkEnd")):
            continue
        if barn.tag == _w("r") and barn.find(_w("fldChar")) is not None:
            for b in list(barn):
                if b.tag not in (_w("rPr"), _w("fldChar")):
                    barn.remove(b)
            continue
        p.remove(barn)
    p.insert(1 if p.find(_w("pPr")) is not None else 0, _run(notis))


def _tom_a_paragraf(p: _Element, notis: str) -> None:
    """A DrawingML paragraph (a diagram's, a shape's) emptied the same way."""
    for barn in list(p):
        if barn.tag not in (f"{{{A}}}pPr", f"{{{A}}}endParaRPr"):
            p.remove(barn)
    r = etree.Element(f"{{{A}}}r")
    etree.SubElement(r, f"{{{A}}}t").text = notis
    pPr = p.find(f"{{{A}}}pPr")
    p.insert(1 if pPr is not None else 0, r)


def _egen_text(p: _Element) -> str:
    """The paragraph's own text, without the paragraphs nested in it (a text box's)."""
    delar: list[str] = []

    def ga(e: _Element) -> None:
        for b in e:
            if b.tag in _PARAGRAFER:
                continue
            if b.tag in _TEXT:
                delar.append(b.text or "")
            elif b.tag in _MELLANRUM:
                delar.append(" ")
            ga(b)

    ga(p)
    return _normaliserad("".join(delar))


def _rensa_paketet(docx: bytes, hemliga: _Hemliga, notis: str, noter: dict[str, set[str]]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zin:
        namn = zin.namelist()
        delar = {n: zin.read(n) for n in namn}
    xml: dict[str, _Element] = {}
    for n, innehall in delar.items():
        if n.endswith((".xml", ".rels")):
            xml[n] = etree.fromstring(innehall, _TOLK)

    for rels in [n for n in xml if n.endswith(".rels")]:
        for rel in list(xml[rels]):
            if rel.get("Type", "").endswith(_BORT_DELAR):
                xml[rels].remove(rel)

    for n, rot in xml.items():
        if n.endswith(".rels") or n == "[Content_Types].xml":
            continue
        _acceptera_andringar(rot)
        _rensa_metadata(rot, noter)
        if rot.tag != _w("document"):  # the body's were masked with its stycken known
            _maskera_upprepningar(rot, hemliga, notis, set())
        rels = _rels_for(n)
        if rels in xml:
            _slapp_oanvanda(xml[rels], rot)

    kvar = _nabara(xml)
    typer = xml["[Content_Types].xml"]
    for o in list(typer.iter(f"{{{CT}}}Override")):
        if o.get("PartName", "").lstrip("/") not in kvar:
            typer.remove(o)
    for n in list(xml):
        if n not in kvar:
            del xml[n]
    _kontrollera(xml, hemliga)

    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w", zipfile.ZIP_DEFLATED) as zout:
        for n in namn:
            if n not in kvar:
                continue
            if n in xml:
                zout.writestr(
                    n,
                    etree.tostring(xml[n], xml_declaration=True, encoding="UTF-8", standalone=True),
                )
            else:
                zout.writestr(n, delar[n])
    return ut.getvalue()


def _ta_bort(e: _Element) -> None:
    foralder = e.getparent()
    if foralder is not None:
        foralder.remove(e)


def _packa_upp(e: _Element) -> None:
    foralder = e.getparent()
    if foralder is None:
        return
    plats = foralder.index(e)
    for i, barn in enumerate(list(e)):
        foralder.insert(plats + i, barn)
    foralder.remove(e)


def _acceptera_andringar(rot: _Element) -> None:
    for rad in list(rot.iter(_w("tr"))):  # a deleted row goes, unless it is the table's last
        if (
            rad.find(f"{_w('trPr')}/{_w('del')}") is not None
            and len(rad.getparent().findall(_w("tr"))) > 1
        ):
            _ta_bort(rad)
    for e in list(rot.iter(*_BORT_ANDRINGAR)):
        _ta_bort(e)
    for e in list(rot.iter(*_PACKA_UPP)):
        _packa_upp(e)
    for e in list(rot.iter(_REVISIONSID)):
        _ta_bort(e)
    for e in rot.iter():
        for attribut in [a for a in e.attrib if a.startswith(f"{{{W}}}rsid")]:
            del e.attrib[attribut]


def _rensa_metadata(rot: _Element, noter: dict[str, set[str]]) -> None:
    if rot.tag == _w("settings"):
        for e in list(rot.iter(*_BORT_INSTALLNINGAR)):
            _ta_bort(e)
    elif rot.tag in (f"{{{CP}}}coreProperties", f"{{{EP}}}Properties"):
        for e in list(rot.iter(*_BORT_EGENSKAPER)):
            _ta_bort(e)
    for slag, ids in noter.items():
        if rot.tag == _w(f"{slag}s"):
            for e in list(rot.iter(_w(slag))):
                if e.get(_w("id")) in ids:
                    _ta_bort(e)


def _maskera_upprepningar(
    rot: _Element, hemliga: _Hemliga, notis: str, numrerade: Set[_Element]
) -> None:
    """Mask every paragraph outside the numbered stycken that repeats a masked text, and
    drop an image's alt text that does."""
    if not hemliga:
        return
    for p in list(rot.iter(*_PARAGRAFER)):
        if p in numrerade:
            continue
        text = _egen_text(p)
        if hemliga.i(text) is not None:
            (_tom_paragraf if p.tag == _w("p") else _tom_a_paragraf)(p, notis)
    for e in rot.iter():
        for attribut in ("descr", "title"):
            if e.get(attribut) and hemliga.i(e.get(attribut)) is not None:
                del e.attrib[attribut]


def _rels_for(del_: str) -> str:
    katalog, fil = posixpath.split(del_)
    return posixpath.join(katalog, "_rels", f"{fil}.rels")


def _slapp_oanvanda(rels: _Element, rot: _Element) -> None:
    """Relationships to content no element of the part names any more."""
    namnda = {v for e in rot.iter() for v in e.attrib.values()}
    for rel in list(rels):
        if rel.get("Type", "").endswith(_INNEHALLSRELATIONER) and rel.get("Id") not in namnda:
            rels.remove(rel)


def _nabara(xml: dict[str, _Element]) -> set[str]:
    """The parts reached from the package's relationships, and their relationships."""
    kvar = {"[Content_Types].xml"}
    att_ga = ["_rels/.rels"]
    while att_ga:
        rels = att_ga.pop()
        if rels in kvar or rels not in xml:
            continue
        kvar.add(rels)
        kalla = posixpath.dirname(posixpath.dirname(rels))
        for rel in xml[rels]:
            if rel.get("TargetMode") == "External":
                continue
            mal = unquote(rel.get("Target", ""))  # a part name in the zip is not escaped
            del_ = (
                mal.lstrip("/")
                if mal.startswith("/")
                else posixpath.normpath(posixpath.join(kalla, mal))
            )
            if del_ not in kvar:
                kvar.add(del_)
                att_ga.append(_rels_for(del_))
    return kvar


def _block(rot: _Element) -> Iterable[str]:
    """The texts of a part as the search sees them: a paragraph's text whole, every other
    element's text, and the attributes that hold text one by one."""
    for e in rot.iter():
        if e.tag in _PARAGRAFER:
            yield _egen_text(e)
        elif e.tag not in _TEXT and isinstance(e.tag, str) and e.text and e.text.strip():
            yield e.text  # a run's text is its paragraph's
        yield from (e.get(a) or "" for a in _TEXTATTRIBUT)


def _kontrollera(xml: dict[str, _Element], hemliga: _Hemliga) -> None:
    for del_, rot in xml.items():
        for text in _block(rot):
            nummer = hemliga.i(text)
            if nummer is not None:
                raise OgiltigUppgift(
                    f"Texten i stycke {nummer} står också i Word-filens {del_} (ett diagram, "
                    "en länkadress eller ett inbäddat objekt), där den inte kan maskeras: "
                    "ingen kopia gjordes. Avslå handlingen, eller maskera den för hand "
                    "utanför systemet."
                )
