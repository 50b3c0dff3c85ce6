"""The export package checked by the E-ARK Foundation's own validator (`eark-validator` from
PyPI, pinned in constraints.txt): the package structure (CSIPSTR), METS.xml against the CSIP
XML schema it ships (METS 1.12 with the DILCIS extension), and the Schematron rules of CSIP
and, since the package says it is a SIP, of SIP, version 2.1.0, all through its
`PackageValidator`, the same path its command line takes.

The validator builds four of its Schematron tests (the vocabularies for mets/@TYPE,
@csip:CONTENTINFORMATIONTYPE, @csip:OAISPACKAGETYPE and @STATUS) when
`eark_validator.ipxml.schematron` is imported, by reading the vocabularies with
`urllib.request.urlopen` from https://earkcsip.dilcis.eu/schema/. There is no network here
(and a test should not depend on a web site), so they are vendored in tests/data/eark/ (where
each came from: the README beside them), and the import runs with an opener installed through
urllib's own extension point (`install_opener`) that answers exactly those addresses from the
vendored files and refuses any other. That keeps the validator's code untouched (no patched
function, no copy of its rules), and a new address in a later version fails loudly instead of
quietly skipping a rule. The opener is removed again right after the import.
"""

from __future__ import annotations

import copy
import email.message
import importlib
import importlib.util
import sys
import urllib.error
import urllib.request
import urllib.response
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from lxml import etree, isoschematron

VOKABULAR = Path(__file__).parent / "data" / "eark"
VOKABULARENS_ADRESS = "https://earkcsip.dilcis.eu/schema/"
SCHEMATRON_VERSION = "V2.1.0"


class _VendoradeVokabular(urllib.request.BaseHandler):
    """Answers the vocabulary addresses from tests/data/eark; refuses everything else."""

    handler_order = 100  # before urllib's own HTTP(S) handlers (500)

    def _svara(self, req: urllib.request.Request) -> urllib.response.addinfourl:
        url = req.full_url
        namn = url.removeprefix(VOKABULARENS_ADRESS)
        fil = VOKABULAR / namn
        if (
            not url.startswith(VOKABULARENS_ADRESS)
            or "/" in namn
            or not namn.endswith(".xml")
            or not fil.is_file()
        ):
            raise urllib.error.URLError(f"{url} finns inte bland de vendorerade vokabulären")
        svar = urllib.response.addinfourl(fil.open("rb"), email.message.Message(), url, 200)
        svar.msg = "OK"  # read by urllib's HTTP response processor
        return svar

    https_open = _svara
    http_open = _svara


def validatorn() -> ModuleType:
    """`eark_validator.packages`, imported with the vendored vocabularies."""
    if importlib.util.find_spec("eark_validator") is None:
        raise ModuleNotFoundError(
            "eark-validator saknas i miljön: kör `make install` (den installeras utan sina "
            "beroenden, se Makefile)."
        )
    if "eark_validator.ipxml.schematron" not in sys.modules:
        urllib.request.install_opener(urllib.request.build_opener(_VendoradeVokabular()))
        try:
            importlib.import_module("eark_validator.ipxml.schematron")
        finally:
            urllib.request.install_opener(None)  # type: ignore[arg-type]
    return importlib.import_module("eark_validator.packages")


@dataclass(frozen=True)
class Anmarkning:
    del_: str  # struktur, schema or schematron
    regel: str
    allvarlighet: str
    plats: str
    text: str

    def __str__(self) -> str:
        return f"{self.del_} {self.regel} ({self.allvarlighet}): {self.text} [{self.plats}]"


@dataclass(frozen=True)
class Utfall:
    anmarkningar: list[Anmarkning]
    paketets_typ: str  # mets/metsHdr/@csip:OAISPACKAGETYPE as the validator read it
    schematron_kord: bool  # False when the structure was too broken to go on

    def med(self, allvarlighet: str) -> list[Anmarkning]:
        return [a for a in self.anmarkningar if a.allvarlighet == allvarlighet]

    @property
    def fel(self) -> list[Anmarkning]:
        return self.med("ERROR")

    @property
    def varningar(self) -> list[Anmarkning]:
        return self.med("WARNING")


def validera(paket: Path) -> Utfall:
    """Run the validator on an unpacked package folder (or a zip of one)."""
    packages = validatorn()
    rapport: Any = packages.PackageValidator(paket).validation_report

    def anm(del_: str, resultat: list[Any]) -> list[Anmarkning]:
        return [
            Anmarkning(del_, r.rule_id or "", r.severity.name, r.location or "", r.message or "")
            for r in resultat
        ]

    anmarkningar = anm("struktur", rapport.structure.messages)
    if rapport.metadata is not None:
        anmarkningar += anm("schema", rapport.metadata.schema_results.messages)
        anmarkningar += anm("schematron", rapport.metadata.schematron_results.messages)
    if paket.is_dir():
        anmarkningar += _schema_med_tillaggen(paket / "METS.xml")
    typ = rapport.package.details.oaispackagetype if rapport.package else ""
    return Utfall(anmarkningar, typ, rapport.metadata is not None)


def _schema_med_tillaggen(mets: Path) -> list[Anmarkning]:
    """The validator checks METS.xml against METS 1.12 only (its `IP_SCHEMA['csip']`), where
    the csip: attributes are let through unchecked (METS allows other namespaces' attributes,
    processContents="lax"). It also ships `IP_SCHEMA['sip']`, which adds the DILCIS CSIP and
    SIP extension schemas, so the csip: attributes' values are checked too."""
    validatorn()
    schema = importlib.import_module("eark_validator.ipxml.schema").IP_SCHEMA["sip"]
    if schema.validate(etree.parse(str(mets))):
        return []
    return [
        Anmarkning("schema+csip", "XSD", "ERROR", f"{e.filename}:{e.line}", e.message)
        for e in schema.error_log
    ]


SCH = "{http://purl.oclc.org/dsdl/schematron}"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def varje_regel_for_sig(mets: Path, typ: str) -> list[Anmarkning]:
    """Every rule of the validator's CSIP, SIP or DIP rule sets, each in a pattern of its own.

    In Schematron a node is checked only by the first rule of a pattern whose context it
    matches, and some of the validator's patterns have a general rule before a specific one
    with the same path (`structMap` before `structMap[@LABEL = 'CSIP']`, `agent` before
    `agent[@ROLE = 'CREATOR']`): the later rule never fires in `PackageValidator`. Here each
    rule is lifted out of the rule set as the validator loaded it (vocabularies filled in)
    and run alone with lxml's ISO Schematron, so every rule runs."""
    validatorn()
    rules = importlib.import_module("eark_validator.rules")
    spec = importlib.import_module("eark_validator.specifications.specification")
    profil = rules.ValidationProfile(
        spec.SpecificationType.from_string(typ), spec.SpecificationVersion.V2_1_0
    )
    dokument = etree.parse(str(mets))
    anmarkningar: list[Anmarkning] = []
    for regler in profil.rulesets.values():
        rot = etree.fromstring(bytes(regler.schematron.schematron))
        for regel in list(rot.iter(f"{SCH}rule")):
            ensam = etree.Element(f"{SCH}schema", nsmap=rot.nsmap)
            ensam.extend(copy.deepcopy(ns) for ns in rot.findall(f"{SCH}ns"))
            etree.SubElement(ensam, f"{SCH}pattern").append(copy.deepcopy(regel))
            schematron = isoschematron.Schematron(ensam, store_report=True)
            schematron.validate(dokument)
            for e in schematron.validation_report.getroot().iter(
                f"{SVRL}failed-assert", f"{SVRL}successful-report"
            ):
                roll = (e.get("role") or "ERROR").upper()
                anmarkningar.append(
                    Anmarkning(
                        f"schematron {typ}, varje regel för sig",
                        (e.get("id") or "").split("_")[0],
                        {"WARN": "WARNING", "INFO": "INFORMATION"}.get(roll, roll),
                        f"{regel.get('context')} {e.get('test')}",
                        " ".join(e.findtext(f"{SVRL}text", "").split()),
                    )
                )
    return anmarkningar


def regeluppsattningar(typ: str) -> dict[str, int]:
    """The validator's Schematron rule sets for CSIP, SIP or DIP: section -> number of rules
    (assert and report), as loaded by the validator itself."""
    validatorn()
    rules = importlib.import_module("eark_validator.rules")
    spec = importlib.import_module("eark_validator.specifications.specification")
    profil = rules.ValidationProfile(
        spec.SpecificationType.from_string(typ), spec.SpecificationVersion.V2_1_0
    )
    return {
        namn: len(list(r.assertions)) + len(list(r.reports)) for namn, r in profil.rulesets.items()
    }
