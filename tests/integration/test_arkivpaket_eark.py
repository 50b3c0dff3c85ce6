"""The export package through the E-ARK validator (tests/eark.py): structure, the CSIP XML
schema and every Schematron rule of CSIP and SIP 2.1.0; its erms.xml and premis.xml against
CITS ERMS 2.1.2 (schema and rules) and PREMIS 3.0 (tests/arkivxml.py); and a broken METS.xml,
erms.xml or premis.xml is caught."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from arende.adapters.arkiv import Filarkiv
from arende.adapters.arkivpaket import ERMS_SCHEMA, PREMIS_SCHEMA, SCHEMAN, Arkivpaket
from arende.bootstrap import Arendesystem
from arende.service_layer import visningar
from arende.service_layer.export import EXPORT, exportera
from tests import arkivxml, eark
from tests.integration.test_arendeflode_i_databasen import hela_vagen, registrera
from tests.integration.test_registrator_verifiering import lagg_in_handling

METS = "{http://www.loc.gov/METS/}"
CSIP = "{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}"
ERMS = "{https://DILCIS.eu/XML/ERMS}"
PREMIS = "{http://www.loc.gov/premis/v3}"
XLINK = "{http://www.w3.org/1999/xlink}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
NS = {"mets": METS[1:-1], "erms": ERMS[1:-1], "premis": PREMIS[1:-1]}

# What the validator still warns about, each knowingly left (README.md, *Export för
# e-arkivering*): the representation has no METS.xml and no metadata folder of its own.
VANTADE_VARNINGAR = {
    ("struktur", "CSIPSTR12"),  # representations/rep1/METS.xml
    ("struktur", "CSIPSTR13"),  # representations/rep1/metadata/
    ("schematron", "CSIP105"),  # a div per representation with an mptr to its METS.xml
}


def exportera_paket(system: Arendesystem, tmp_path: Path, *, zip: bool = False) -> Path:
    """A closed ärende with its documents and a secret incoming letter with a PDF, exported
    the way `arende export` does it."""
    arkiv = Filarkiv(tmp_path / "arkiv")  # the system fixture's archive
    dnr = registrera(system)
    hela_vagen(system, dnr)
    lagg_in_handling(
        system,
        tmp_path / "arkiv",
        dnr,
        10,
        b"Brev",
        titel="Orosanmälan",
        sekretess=True,
        pdf=b"%PDF",
    )
    (paket,) = exportera(
        system.uow(),
        arkiv,
        Arkivpaket(arkiv),
        tmp_path / "ut",
        dnr=dnr,
        zip=zip,
        av="Per Lindqvist",
    )
    return paket


# Three of the validator's rules cannot be met by a package that meets the others, whatever
# it holds; each must fail exactly where it always fails, and nothing else may.
#
# - CSIP63 tests `(@csip:CONTENTINFORMATIONTYPE = 'OTHER' and @csip:OTHERCONTENTINFORMATIONTYPE)
#   or (@csip:CONTENTINFORMATIONTYPE != 'OTHER' and not(@csip:CONTENTINFORMATIONTYPE))`; in
#   XPath 1.0 the second half is never true (a missing attribute is not != 'OTHER'), so every
#   file group without "OTHER" fails, the E-ARK examples' own too: once per file group.
# - SIP14 asks every note of a CREATOR agent for an unqualified NOTETYPE="IDENTIFICATIONCODE",
#   and SIP11 every CREATOR agent for TYPE ORGANIZATION or INDIVIDUAL; CSIP12-16 require the
#   CREATOR agent that is the software, TYPE="OTHER" with a csip:NOTETYPE="SOFTWARE VERSION"
#   note, and the METS schema refuses an unqualified attribute on a note
#   (test_en_trasig_mets_fangas). The SIP specification's SIP11 and SIP14 are about the
#   archival creator agent (an organisation or person, its note with csip:NOTETYPE). SIP11
#   runs only when each rule runs alone (see eark.varje_regel_for_sig).
def kanda_fel(filgrupper: int, *, sip11: bool) -> list[str]:
    return ["CSIP63"] * filgrupper + ["SIP14"] + (["SIP11"] if sip11 else [])


@pytest.mark.parametrize("zip", [False, True], ids=["mapp", "zip"])
def test_exportpaketet_klarar_eark_validatorn(
    system: Arendesystem, tmp_path: Path, zip: bool
) -> None:
    paket = exportera_paket(system, tmp_path, zip=zip)
    utfall = eark.validera(paket)
    # The structure was good enough for the METS checks to run, and the package is a SIP,
    # so the SIP rules ran beside the CSIP ones.
    assert utfall.schematron_kord and utfall.paketets_typ == "SIP"
    assert sorted(a.regel for a in utfall.fel) == sorted(kanda_fel(3, sip11=False))
    assert {(a.del_, a.regel) for a in utfall.varningar} == VANTADE_VARNINGAR
    if zip:
        return
    # The stricter schema check reads the unpacked METS.xml.
    assert not [str(a) for a in utfall.anmarkningar if a.del_ in {"schema", "schema+csip"}]
    # Also the rules the validator's own run never reaches (CSIP83-84, SIP9, SIP11-13).
    mets = paket / "METS.xml"
    var_for_sig = eark.Utfall(
        eark.varje_regel_for_sig(mets, "CSIP") + eark.varje_regel_for_sig(mets, "SIP"), "SIP", True
    )
    assert sorted(a.regel for a in var_for_sig.fel) == sorted(kanda_fel(3, sip11=True))
    assert [a.regel for a in var_for_sig.varningar] == ["CSIP105"]


def test_vokabularen_kommer_fran_testdata_och_inget_annat_hamtas() -> None:
    oppnare = urllib.request.build_opener(eark._VendoradeVokabular())
    adress = eark.VOKABULARENS_ADRESS + "CSIPVocabularyContentInformationType.xml"
    with oppnare.open(adress) as svar:
        innehall = svar.read()
    assert innehall == (eark.VOKABULAR / "CSIPVocabularyContentInformationType.xml").read_bytes()
    assert b'<Term lang="en">citserms_v2_1</Term>' in innehall
    for annan in (
        eark.VOKABULARENS_ADRESS + "CSIPVocabularyNoteType.xml",  # not vendored
        eark.VOKABULARENS_ADRESS + "../eark/README.md",  # exists beside them
        "https://example.org/CSIPVocabularyStatus.xml",
    ):
        with pytest.raises(urllib.error.URLError, match="vendorerade"):
            oppnare.open(annan)


def test_alla_regeluppsattningar_laddas() -> None:
    """Every section's rules are loaded (none silently empty where the specification has
    rules): CSIP 120 rules, SIP 18, as counted in README.md."""
    csip = eark.regeluppsattningar("CSIP")
    sip = eark.regeluppsattningar("SIP")
    assert sum(csip.values()) == 120 and sum(sip.values()) == 18
    assert all(
        csip[d] > 0
        for d in ("metsRootElement", "metsHdr", "dmdSec", "amdSec", "fileSec", "structMap")
    )


def _utan(xpath: str, attribut: str) -> Callable[[etree._Element], None]:
    def andra(rot: etree._Element) -> None:
        for e in rot.xpath(xpath, namespaces={"mets": METS[1:-1]}):
            del e.attrib[attribut]

    return andra


def _satt(xpath: str, attribut: str, varde: str) -> Callable[[etree._Element], None]:
    def andra(rot: etree._Element) -> None:
        (e, *_) = rot.xpath(xpath, namespaces={"mets": METS[1:-1]})
        e.set(attribut, varde)

    return andra


def brutet_paket(paket: Path, ut: Path, andra: Callable[[etree._Element], None]) -> Path:
    kopia = ut / paket.name
    shutil.copytree(paket, kopia)
    trad = etree.parse(str(kopia / "METS.xml"))
    andra(trad.getroot())
    trad.write(str(kopia / "METS.xml"), xml_declaration=True, encoding="UTF-8")
    return kopia


# Each change to a good METS.xml, and the errors it must add.
TRASIGA: list[tuple[str, Callable[[etree._Element], None], set[tuple[str, str]]]] = [
    (
        "utan PROFILE",
        _utan("/mets:mets", "PROFILE"),
        {("schematron", "CSIP6"), ("schematron", "SIP2")},
    ),
    ("utan OBJID", _utan("/mets:mets", "OBJID"), {("schematron", "CSIP1")}),
    ("utan fileSec/@ID", _utan("//mets:fileSec", "ID"), {("schematron", "CSIP59")}),
    ("utan file/@CREATED", _utan("//mets:file", "CREATED"), {("schematron", "CSIP70")}),
    (
        "utan paketets typ",
        _utan("//mets:metsHdr", f"{CSIP}OAISPACKAGETYPE"),
        {("schematron", "CSIP9")},
    ),
    # Not in the vendored vocabulary, so the vocabulary test fails (and the type must be
    # "Other" for csip:OTHERTYPE to be used).
    (
        "TYPE utanför vokabulären",
        _satt("/mets:mets", "TYPE", "Ärendeakt"),
        {("schematron", "CSIP2")},
    ),
    (
        "okänd CHECKSUMTYPE",
        _satt("//mets:file", "CHECKSUMTYPE", "SHA256"),
        {("schema", "XML-1"), ("schema+csip", "XSD")},
    ),
    (
        "okänd innehållstyp",
        _satt(
            "//mets:fileGrp[@USE='Representations/rep1']",
            f"{CSIP}CONTENTINFORMATIONTYPE",
            "citserms",
        ),
        {("schema+csip", "XSD")},
    ),
]


def test_en_trasig_mets_fangas(system: Arendesystem, tmp_path: Path) -> None:
    """One package, each broken variant of its METS.xml in a copy of its own (one export:
    the variants do not depend on the database)."""
    paket = exportera_paket(system, tmp_path)
    fore = {(a.del_, a.regel) for a in eark.validera(paket).fel}
    fangat = {}
    for i, (namn, andra, _) in enumerate(TRASIGA):
        brutet = brutet_paket(paket, tmp_path / f"brutet-{i}", andra)
        fangat[namn] = {(a.del_, a.regel) for a in eark.validera(brutet).fel} - fore
    assert fangat == {namn: vantat for namn, _, vantat in TRASIGA}

    # A structMap without its ID passes the validator's own run, not the rules one by one.
    brutet = brutet_paket(paket, tmp_path / "utan-structmap-id", _utan("//mets:structMap", "ID"))
    assert "CSIP83" not in {a.regel for a in eark.validera(brutet).fel}
    assert "CSIP83" in {a.regel for a in eark.varje_regel_for_sig(brutet / "METS.xml", "CSIP")}

    # The only way to quiet SIP14 breaks the METS schema: shown, not just said.
    brutet = brutet_paket(
        paket,
        tmp_path / "sip14",
        _satt("//mets:agent[@ROLE='CREATOR']/mets:note", "NOTETYPE", "IDENTIFICATIONCODE"),
    )
    fel = {(a.del_, a.regel) for a in eark.validera(brutet).fel}
    assert ("schematron", "SIP14") not in fel and ("schema", "XML-1") in fel


def test_erms_och_premis_foljer_sina_scheman(system: Arendesystem, tmp_path: Path) -> None:
    """erms.xml against CITS ERMS 2.1.2 (XSD and erms.sch), premis.xml against PREMIS 3.0:
    an ärende taken all the way (decision, justering, anslag, expediering) with its
    documents and a secret incoming letter with a PDF. Each package also carries both
    schemas, names them in its files' xsi:schemaLocation and lists them in METS.xml."""
    paket = exportera_paket(system, tmp_path)
    assert arkivxml.paketets_fel(paket) == []

    erms_fil = paket / "metadata" / "descriptive" / "erms.xml"
    premis_fil = paket / "metadata" / "preservation" / "premis.xml"
    erms = etree.parse(str(erms_fil)).getroot()
    premis = etree.parse(str(premis_fil)).getroot()
    # What the schema made us change says what it did before (README.md): the status
    # and direction are ERMS's words, the dates ERMS's types.
    [akt] = erms.iter(f"{ERMS}aggregation")
    assert akt.find(f"{ERMS}status").get("value") == "closed"
    riktningar = {
        r.findtext(f"{ERMS}title"): dict(r.find(f"{ERMS}direction").attrib)
        for r in akt.iter(f"{ERMS}record")
    }
    assert riktningar["Orosanmälan"] == {"directionDefinition": "incoming"}
    assert {"directionDefinition": "other", "otherDirectionDefinition": "upprättad"} in (
        riktningar.values()
    )
    [brev] = [r for r in akt.iter(f"{ERMS}record") if r.findtext(f"{ERMS}title") == "Orosanmälan"]
    datum = {d.get("dateType"): d.text for d in brev.iter(f"{ERMS}date")}
    assert datum == {"created": "2008-04-21T09:00:00+00:00", "received": "2008-04-20T00:00:00"}
    [restriktion] = brev.iter(f"{ERMS}restriction")
    assert restriktion.get("restrictionType") == "confidential"
    assert brev.find(f"{ERMS}otherTitle").text == "Sekretess (OSL)"

    # Every event of the ärende's audit log up to the export is a PREMIS event, with its
    # agent; the export itself is logged after the package is written.
    dnr = akt.findtext(f"{ERMS}objectId")
    assert dnr is not None
    sekvenser = [e.sekvens for e in visningar.historik(system.uow(), dnr) if e.handling != EXPORT]
    assert [
        int(v)
        for v in premis.xpath(
            "premis:event/premis:eventIdentifier/premis:eventIdentifierValue/text()", namespaces=NS
        )
    ] == sekvenser
    agenter = set(
        premis.xpath(
            "premis:agent/premis:agentIdentifier/premis:agentIdentifierValue/text()", namespaces=NS
        )
    )
    assert (
        set(
            premis.xpath(
                "premis:event/premis:linkingAgentIdentifier/premis:linkingAgentIdentifierValue/text()",
                namespaces=NS,
            )
        )
        == agenter
    )

    # The schemas travel with the package, byte for byte, and the files point at them.
    for namn in (ERMS_SCHEMA, PREMIS_SCHEMA):
        assert (paket / "schemas" / namn).read_bytes() == (SCHEMAN / namn).read_bytes()
    for fil, rot in ((erms_fil, erms), (premis_fil, premis)):
        [ns, plats] = rot.get(f"{XSI}schemaLocation").split()
        assert (
            ns == rot.nsmap[rot.prefix]
            and (fil.parent / plats).resolve().parent == (paket / "schemas").resolve()
        )
    mets = etree.parse(str(paket / "METS.xml")).getroot()
    assert {
        f"schemas/{ERMS_SCHEMA}",
        f"schemas/{PREMIS_SCHEMA}",
    } <= set(
        mets.xpath(
            "//mets:fileGrp[@USE='Schemas']/mets:file/mets:FLocat/@xlink:href",
            namespaces=NS | {"xlink": XLINK[1:-1]},
        )
    )
    # CSIP25 and CSIP39: MDTYPE from METS's list; PREMIS is on it, ERMS is not.
    referenser = {
        r.get(f"{XLINK}href"): {k: v for k, v in r.attrib.items() if "MDTYPE" in k}
        for r in mets.iter(f"{METS}mdRef")
    }
    assert referenser == {
        "metadata/descriptive/erms.xml": {
            "MDTYPE": "OTHER",
            "OTHERMDTYPE": "ERMS",
            "MDTYPEVERSION": "2.1.2",
        },
        "metadata/preservation/premis.xml": {"MDTYPE": "PREMIS", "MDTYPEVERSION": "3.0"},
    }


def _xml(xpath: str, andra: Callable[[etree._Element], None]) -> Callable[[etree._Element], None]:
    def gor(rot: etree._Element) -> None:
        traffar = rot.xpath(xpath, namespaces=NS)
        assert traffar, xpath
        andra(traffar[0])

    return gor


def _satt_attribut(namn: str, varde: str) -> Callable[[etree._Element], None]:
    return lambda e: e.set(namn, varde)


def _ta_bort_attribut(namn: str) -> Callable[[etree._Element], None]:
    return lambda e: e.attrib.pop(namn)


def _ta_bort(e: etree._Element) -> None:
    foralder = e.getparent()
    assert foralder is not None
    foralder.remove(e)


def _sist(e: etree._Element) -> None:
    foralder = e.getparent()
    assert foralder is not None
    foralder.append(e)  # moved to the end of its parent: out of the schema's order


# Each change to a good erms.xml or premis.xml, and the start of the error it must give.
TRASIGA_XML: list[tuple[str, str, str, Callable[[etree._Element], None], str]] = [
    (
        "riktning utanför ERMS:s ordlista (exportens gamla 'internal')",
        "erms.xml",
        "//erms:direction",
        _satt_attribut("directionDefinition", "internal"),
        "ERMS.xsd",
    ),
    (
        "datumtyp utanför ERMS:s ordlista (exportens gamla 'registered')",
        "erms.xml",
        "//erms:record//erms:date",
        _satt_attribut("dateType", "registered"),
        "ERMS.xsd",
    ),
    (
        "status utanför ERMS:s ordlista (exportens gamla 'ongoing')",
        "erms.xml",
        "//erms:aggregation/erms:status",
        _satt_attribut("value", "ongoing"),
        "ERMS.xsd",
    ),
    (
        "sekretessen utan lagrum",
        "erms.xml",
        "//erms:restriction/erms:regulation",
        _ta_bort,
        "ERMS.xsd",
    ),
    (
        "ärendemeningen sist i ärendet, ur ordningen",
        "erms.xml",
        "//erms:aggregation/erms:title",
        _sist,
        "ERMS.xsd",
    ),
    (
        "'other' utan att säga vad (bara erms.sch ser det)",
        "erms.xml",
        "//erms:direction[@directionDefinition='other']",
        _ta_bort_attribut("otherDirectionDefinition"),
        "erms.sch",
    ),
    (
        "premis utan version",
        "premis.xml",
        "/premis:premis",
        _ta_bort_attribut("version"),
        "premis.xsd",
    ),
    (
        "händelsens typ sist",
        "premis.xml",
        "//premis:event/premis:eventType",
        _sist,
        "premis.xsd",
    ),
    (
        "objekt av okänd typ",
        "premis.xml",
        "//premis:object",
        _satt_attribut(f"{XSI}type", "premis:fil"),
        "premis.xsd",
    ),
    (
        "fil utan kontrollsummans algoritm",
        "premis.xml",
        "//premis:fixity/premis:messageDigestAlgorithm",
        _ta_bort,
        "premis.xsd",
    ),
]


def test_en_trasig_erms_eller_premis_fangas(system: Arendesystem, tmp_path: Path) -> None:
    """The check can fail: each broken variant of a good package's erms.xml or premis.xml
    gives errors, from the schema (or erms.sch) named, and only for that file."""
    paket = exportera_paket(system, tmp_path)
    assert arkivxml.paketets_fel(paket) == []
    filer = {
        "erms.xml": paket / "metadata" / "descriptive" / "erms.xml",
        "premis.xml": paket / "metadata" / "preservation" / "premis.xml",
    }
    fangat = {}
    for i, (namn, fil, xpath, andra, _) in enumerate(TRASIGA_XML):
        trad = etree.parse(str(filer[fil]))
        _xml(xpath, andra)(trad.getroot())
        brutet = tmp_path / f"brutet-{i}-{fil}"
        trad.write(str(brutet), xml_declaration=True, encoding="UTF-8")
        fel = arkivxml.erms_fel(brutet) if fil == "erms.xml" else arkivxml.premis_fel(brutet)
        fangat[namn] = {f.split()[0] for f in fel}
    assert fangat == {namn: {kalla} for namn, _, _, _, kalla in TRASIGA_XML}


def test_schemat_lases_utan_nat(tmp_path: Path) -> None:
    """A schema that imports another is refused, not fetched: the two vendored ones import
    nothing, and a later version that does must fail here rather than reach for the net."""
    fil = tmp_path / "importerar.xsd"
    fil.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a">'
        '<xs:import namespace="urn:b" schemaLocation="https://example.org/b.xsd"/>'
        '<xs:element name="a"/></xs:schema>'
    )
    with pytest.raises(etree.XMLSchemaParseError, match="example.org/b.xsd"):
        etree.XMLSchema(arkivxml.las(fil))
    for namn in (ERMS_SCHEMA, PREMIS_SCHEMA):
        assert arkivxml.schema(namn) is not None
