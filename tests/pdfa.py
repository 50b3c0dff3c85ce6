"""A check of the PDF/A-2b requirements that can be read from the file's structure, with
pyHanko's PDF reader: veraPDF (the reference validator) cannot be installed on this machine
(it comes from Maven Central or verapdf.org, neither reachable; no Debian, PyPI or npm
package ships it). It checks, in every revision's final state:

- the header and its binary comment line, a file identifier (/ID), no encryption;
- the XMP metadata stream declaring pdfaid:part 2 and conformance B;
- an output intent GTS_PDFA1 with an embedded ICC profile;
- the document information entries equal to their XMP counterparts (Title, Author,
  Producer, Creator, CreationDate, ModDate);
- every font used on a page, in a form XObject or an annotation's appearance embedded;
- no JavaScript, no embedded files, no LZW, no actions on open other than GoTo;
- every annotation printable and not hidden, with an appearance unless its Rect is empty.

`brister` returns what is wrong, in Swedish: an empty list means the checks pass.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from io import BytesIO
from typing import Any

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
NS = {
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _xmp_varden(xml: bytes) -> dict[str, str]:
    """XMP properties as 'prefix:namn' -> text (attribute and element forms; the first item
    of an rdf:Alt/Seq)."""
    varden: dict[str, str] = {}
    rot = ET.fromstring(xml)
    prefix = {v: k for k, v in NS.items()}
    for beskrivning in rot.iter(f"{RDF}Description"):
        for nyckel, varde in beskrivning.attrib.items():
            if nyckel.startswith("{"):
                ns, namn = nyckel[1:].split("}")
                if ns in prefix:
                    varden[f"{prefix[ns]}:{namn}"] = varde
        for barn in beskrivning:
            ns, namn = barn.tag[1:].split("}")
            if ns not in prefix:
                continue
            li = next(barn.iter(f"{RDF}li"), None)
            text = (li.text if li is not None else barn.text) or ""
            varden[f"{prefix[ns]}:{namn}"] = text.strip()
    return varden


def _datum(text: str) -> datetime | None:
    try:
        if text.startswith("D:"):
            return generic.parse_pdf_date(text.rstrip("'"), strict=False)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except Exception:
        return None


def _fonter(resurser: Any, sett: set[int], ut: list[str]) -> None:
    """Every font in these resources (and their form XObjects) not embedded, into ut."""
    if not isinstance(resurser, generic.DictionaryObject):
        return
    fonter = resurser.get("/Font")
    if isinstance(fonter, generic.DictionaryObject):
        for namn, ref in fonter.items():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type3":
                continue
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            beskr = font.get("/FontDescriptor")
            beskr = beskr.get_object() if beskr is not None else None
            if beskr is None or not any(
                k in beskr for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                ut.append(f"typsnittet {font.get('/BaseFont', namn)} är inte inbäddat")
    xobjekt = resurser.get("/XObject")
    if isinstance(xobjekt, generic.DictionaryObject):
        for ref in xobjekt.values():
            if isinstance(ref, generic.IndirectObject):
                if ref.idnum in sett:
                    continue
                sett.add(ref.idnum)
            x = ref.get_object()
            if x.get("/Subtype") == "/Form":
                _fonter(x.get("/Resources"), sett, ut)


def brister(pdf: bytes) -> list[str]:
    ut: list[str] = []
    if not re.match(rb"%PDF-1\.[4-7]\r?\n%[\x80-\xff]{4}", pdf[:20]):
        ut.append("huvudet saknar %PDF-1.x och en binär kommentarrad")
    r = PdfFileReader(BytesIO(pdf))
    trailer = r.trailer_view
    if "/Encrypt" in trailer:
        ut.append("filen är krypterad")
    if "/ID" not in trailer:
        ut.append("filen saknar identifierare (/ID)")
    rot = r.root
    meta = rot.get("/Metadata")
    if meta is None:
        return [*ut, "XMP-metadata saknas"]
    xmp = _xmp_varden(meta.get_object().data)
    if xmp.get("pdfaid:part") != "2" or xmp.get("pdfaid:conformance") != "B":
        ut.append(
            f"XMP säger inte PDF/A-2b (part {xmp.get('pdfaid:part')}, conformance "
            f"{xmp.get('pdfaid:conformance')})"
        )
    avsikter = rot.get("/OutputIntents")
    if not avsikter or not any(
        a.get_object().get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in a.get_object()
        for a in avsikter
    ):
        ut.append("output intent GTS_PDFA1 med ICC-profil saknas")
    info = trailer.get("/Info")
    if info is not None:
        info = info.get_object()
        for nyckel, egenskap in (
            ("/Title", "dc:title"),
            ("/Author", "dc:creator"),
            ("/Producer", "pdf:Producer"),
            ("/Creator", "xmp:CreatorTool"),
        ):
            if nyckel in info and str(info[nyckel]) != xmp.get(egenskap):
                ut.append(
                    f"{nyckel} i Info ({info[nyckel]}) är inte XMP:s {egenskap} "
                    f"({xmp.get(egenskap)})"
                )
        for nyckel, egenskap in (
            ("/CreationDate", "xmp:CreateDate"),
            ("/ModDate", "xmp:ModifyDate"),
        ):
            if nyckel in info and _datum(str(info[nyckel])) != _datum(xmp.get(egenskap, "")):
                ut.append(f"{nyckel} i Info är inte XMP:s {egenskap}")
    namn = rot.get("/Names")
    if namn is not None and ("/JavaScript" in namn or "/EmbeddedFiles" in namn):
        ut.append("filen har JavaScript eller inbäddade filer")
    if "/AA" in rot:
        ut.append("katalogen har automatiska åtgärder (/AA)")
    oppna = rot.get("/OpenAction")
    if isinstance(oppna, generic.DictionaryObject) and oppna.get("/S") != "/GoTo":
        ut.append("filen gör något annat än att visa en sida när den öppnas")
    if b"/LZWDecode" in pdf:
        ut.append("filen använder LZW")
    sett: set[int] = set()
    sidor = r.root["/Pages"]
    for i in range(int(sidor["/Count"])):
        sida = r.find_page_for_modification(i)[0]
        sida = sida.get_object()
        _fonter(sida.get("/Resources"), sett, ut)
        for a in sida.get("/Annots", []):
            a = a.get_object()
            flaggor = int(a.get("/F", 0))
            if not flaggor & 4 or flaggor & (1 | 2 | 32):
                ut.append(
                    f"annoteringen {a.get('/T', a.get('/Subtype'))} skrivs inte ut eller döljs"
                )
            rect = [float(v) for v in a.get("/Rect", [0, 0, 0, 0])]
            tom = rect[2] - rect[0] == 0 and rect[3] - rect[1] == 0
            if "/AP" not in a and not tom and a.get("/Subtype") not in ("/Popup", "/Link"):
                ut.append(f"annoteringen {a.get('/T', a.get('/Subtype'))} saknar utseende (/AP)")
            ap = a.get("/AP")
            if ap is not None and "/N" in ap:
                n = ap["/N"].get_object()
                if isinstance(n, generic.StreamObject):
                    _fonter(n.get("/Resources"), sett, ut)
    return sorted(set(ut))
