"""The export package's erms.xml and premis.xml against their own schemas, with lxml and
without network: erms.xml against E-ARK CITS ERMS 2.1.2 (`ERMS.xsd`) and its Schematron
rules (`erms.sch`), premis.xml against PREMIS 3.0 (`premis.xsd`). The XSDs are the ones every
package carries in its schemas/ (src/arende/adapters/arkivpaket_scheman/, where each came
from: the README there); erms.sch is only for the tests (tests/data/eark/).

Neither XSD imports another (PREMIS 3.0 dropped its xlink import: change 15 in its header).
They are parsed with a resolver that refuses every address, so if a later version imports
something the schema fails to load instead of being fetched or quietly skipped.

erms.sch says `queryBinding="xslt2"`, which lxml's ISO Schematron (XSLT 1) refuses outright.
Its rules use nothing beyond XPath 1.0 (attribute comparisons and `normalize-space`), so the
binding is set to "xslt" on the copy read into memory; the file is untouched.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from lxml import etree, isoschematron

from arende.adapters.arkivpaket import ERMS_SCHEMA, PREMIS_SCHEMA, SCHEMAN

ERMS_REGLER = Path(__file__).parent / "data" / "eark" / "erms.sch"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
SCH = "{http://purl.oclc.org/dsdl/schematron}"


class _IngetUtifran(etree.Resolver):
    """Refuses every address a schema asks for (an xs:import or xs:include)."""

    def resolve(self, url: str | None, pubid: str | None, context: object) -> None:
        raise OSError(f"{url}: scheman här läses utan nät och importerar inget")


def las(fil: Path) -> etree._ElementTree:
    """The file itself is read here; anything it or a schema built from it asks for is
    refused."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_IngetUtifran())
    return etree.parse(io.BytesIO(fil.read_bytes()), parser, base_url=fil.as_uri())


@cache
def schema(namn: str) -> etree.XMLSchema:
    """ERMS.xsd or premis.xsd, as the package carries it."""
    return etree.XMLSchema(las(SCHEMAN / namn))


@cache
def erms_regler() -> isoschematron.Schematron:
    rot = las(ERMS_REGLER).getroot()
    assert rot.tag == f"{SCH}schema" and rot.get("queryBinding") == "xslt2"
    rot.set("queryBinding", "xslt")
    return isoschematron.Schematron(rot, store_report=True)


def schemafel(fil: Path, namn: str) -> list[str]:
    s = schema(namn)
    if s.validate(las(fil)):
        return []
    return [f"{namn} rad {e.line}: {e.message}" for e in s.error_log]


def regelfel(fil: Path) -> list[str]:
    regler = erms_regler()
    if regler.validate(las(fil)):
        return []
    rapport = regler.validation_report.getroot()
    return [
        f"erms.sch {e.get('location')}: {' '.join(e.findtext(f'{SVRL}text', '').split())}"
        for e in rapport.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report")
    ]


def erms_fel(fil: Path) -> list[str]:
    return schemafel(fil, ERMS_SCHEMA) + regelfel(fil)


def premis_fel(fil: Path) -> list[str]:
    return schemafel(fil, PREMIS_SCHEMA)


def paketets_fel(paket: Path) -> list[str]:
    """Everything wrong with an unpacked package's erms.xml and premis.xml; [] when both
    follow their schemas and erms.xml the ERMS rules."""
    return erms_fel(paket / "metadata" / "descriptive" / "erms.xml") + premis_fel(
        paket / "metadata" / "preservation" / "premis.xml"
    )
