"""The export package through the E-ARK validator (tests/eark.py): structure, the CSIP XML
schema and every Schematron rule of CSIP and SIP 2.1.0; and a broken METS.xml is caught."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from arende.adapters.arkiv import Filarkiv
from arende.adapters.arkivpaket import Arkivpaket
from arende.bootstrap import Arendesystem
from arende.service_layer.export import exportera
from tests import eark
from tests.integration.test_arendeflode_i_databasen import hela_vagen, registrera
from tests.integration.test_registrator_verifiering import lagg_in_handling

METS = "{http://www.loc.gov/METS/}"
CSIP = "{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}"

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
