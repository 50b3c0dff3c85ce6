"""An archive package per ärende, modelled on Riksarkivet's FGS Paketstruktur 2.0 (E-ARK
CSIP/SIP: METS.xml, metadata/, representations/, documentation/) and FGS Ärendehantering 2.0
(E-ARK CITS ERMS: erms.xml with the ärende as a caseFile aggregation and its handlingar as
records). The audit events go in PREMIS as preservation metadata. README.md says what
follows the specifications and what does not.

The package is written beside its destination and moved in place at the end: an
interrupted export leaves no half package behind.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import shutil
import tempfile
import uuid
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from arende.domain.diarienummer import paketnamn
from arende.domain.fel import OgiltigUppgift
from arende.domain.sekretess import Sekretessmarkering, intervall
from arende.domain.skeden import Skede
from arende.service_layer.visningsportar import Arendeakt, Filarkivkontroll, Handlingspost

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
ERMS = "https://DILCIS.eu/XML/ERMS"
PREMIS = "http://www.loc.gov/premis/v3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
for prefix, ns in (
    ("mets", METS),
    ("xlink", XLINK),
    ("csip", CSIP),
    ("premis", PREMIS),
    ("xsi", XSI),
):
    ET.register_namespace(prefix, ns)
ET.register_namespace("", ERMS)

PROGRAM = "arende"
VERSION = "0.1.0"
SKAPARE = f"{PROGRAM} {VERSION}"
# E-ARK SIP 2.1 (SIP2): a SIP names the SIP profile, which builds on the CSIP one.
PROFIL = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
# The XML schemas of the package's XML files (METS.xml, erms.xml, premis.xml), copied into
# every package's schemas/ (CSIP113, CSIPSTR15; CITS ERMS 2.1 section 3.2 asks for the
# ERMS schema there too); where each came from: arkivpaket_scheman/README.md.
SCHEMAN = Path(__file__).parent / "arkivpaket_scheman"
ERMS_SCHEMA = "ERMS.xsd"  # CITS ERMS 2.1.2
ERMS_VERSION = "2.1.2"
PREMIS_SCHEMA = "premis.xsd"  # PREMIS 3.0
SCHEMAFILER = ("mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd", ERMS_SCHEMA, PREMIS_SCHEMA)
SCHEMAPLATSER = (
    (METS, "mets.xsd"),
    (XLINK, "xlink.xsd"),
    (CSIP, "DILCISExtensionMETS.xsd"),
)
# A stable namespace for UUIDs derived from a dnr: the same ärende gets the same id in
# every export, as ERMS asks of systemIdentifier.
UUID_RYMD = uuid.UUID("6f1c1f2e-7c55-4a8e-9a52-1d1f7a0b5e11")
# A handling's direction in ERMS's vocabulary (ERMS190). ERMS has no word for a handling
# drawn up within the authority ("upprättad"): its internal values are memos and drafts,
# so it is "other", named in otherDirectionDefinition as the schema and erms.sch ask.
RIKTNING = {"inkommande": "incoming", "utgående": "outgoing"}


def _restriktion(foralder: ET.Element, m: Sekretessmarkering | None, vad: str) -> None:
    """The marking's grounds (OSL 5 kap. 5 §) go into the archive with what is marked: the
    provision in `regulation`, the day and who in the text."""
    restriktion = _sub(foralder, ERMS, "restriction", restrictionType="confidential")
    _sub(
        restriktion,
        ERMS,
        "explanatoryText",
        # A handling flagged before the grounds were kept (schema 0014) has none to give.
        f"{vad} {m.datum.isoformat()} av {m.av}"
        + (f", stycke {intervall(m.stycken)}" if m.stycken else "")
        if m
        else "Sekretessmarkerad handling",
    )
    _sub(
        restriktion,
        ERMS,
        "regulation",
        "Offentlighets- och sekretesslagen (2009:400)"
        + (f" {m.bestammelse.removeprefix('OSL ')}" if m else ""),
    )


def _dt(d: date | datetime) -> str:
    if isinstance(d, datetime):
        return d.isoformat(timespec="seconds")
    return f"{d.isoformat()}T00:00:00"


def _sub(
    foralder: ET.Element, ns: str, namn: str, text: str | None = None, **attr: str
) -> ET.Element:
    e = ET.SubElement(foralder, f"{{{ns}}}{namn}", dict(attr))
    if text is not None:
        e.text = text
    return e


def _skriv_xml(rot: ET.Element, fil: Path) -> None:
    ET.indent(rot)
    ET.ElementTree(rot).write(fil, encoding="UTF-8", xml_declaration=True)


def _mimetyp(namn: str) -> str:
    # Python's table has no entry for XML schemas; E-ARK's examples give them application/xml.
    if namn.endswith(".xsd"):
        return "application/xml"
    return mimetypes.guess_type(namn)[0] or "application/octet-stream"


def _sha256(fil: Path) -> str:
    summa = hashlib.sha256()
    with fil.open("rb") as f:
        while block := f.read(1 << 20):
            summa.update(block)
    return summa.hexdigest()


class Arkivpaket:
    def __init__(self, arkiv: Filarkivkontroll) -> None:
        self.arkiv = arkiv

    def paketets_sokvag(self, akt: Arendeakt, ut: Path, zip: bool) -> Path:
        namn = paketnamn(str(akt.arende.dnr))
        return ut / (f"{namn}.zip" if zip else namn)

    def skriv(self, akt: Arendeakt, ut: Path, zip: bool) -> Path:
        mal = self.paketets_sokvag(akt, ut, zip)
        ut.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=ut, prefix=".export-") as tillfallig:
            rot = Path(tillfallig) / paketnamn(str(akt.arende.dnr))
            self._bygg(akt, rot)
            if zip:
                zipfil = Path(tillfallig) / mal.name
                with zipfile.ZipFile(zipfil, "w", zipfile.ZIP_DEFLATED) as z:
                    for fil in sorted(rot.rglob("*")):
                        if fil.is_file():
                            z.write(fil, fil.relative_to(rot.parent).as_posix())
                os.replace(zipfil, mal)
            else:
                os.replace(rot, mal)
        return mal

    # --- the package ---------------------------------------------------------------------

    def _bygg(self, akt: Arendeakt, rot: Path) -> None:
        data = rot / "representations" / "rep1" / "data"
        data.mkdir(parents=True)
        (rot / "metadata" / "descriptive").mkdir(parents=True)
        (rot / "metadata" / "preservation").mkdir(parents=True)
        (rot / "documentation").mkdir()
        (rot / "schemas").mkdir()
        for namn in SCHEMAFILER:
            shutil.copyfile(SCHEMAN / namn, rot / "schemas" / namn)
        filer = self._kopiera(akt.handlingar, data, rot)
        _skriv_xml(self._erms(akt, filer), rot / "metadata" / "descriptive" / "erms.xml")
        _skriv_xml(self._premis(akt, filer), rot / "metadata" / "preservation" / "premis.xml")
        (rot / "documentation" / "LASMIG.txt").write_text(self._lasmig(akt, filer), "utf-8")
        _skriv_xml(self._mets(akt, rot, filer), rot / "METS.xml")

    def _kopiera(
        self, handlingar: list[Handlingspost], data: Path, rot: Path
    ) -> list[tuple[Handlingspost, str, str, str]]:
        """Copy each file; returns (handling, path in the package, archive path, sha256)."""
        filer = []
        anvanda: set[str] = set()
        for h in handlingar:
            if h.gallring is not None:
                continue  # gallrad: the record goes into erms.xml, the content is gone
            for relativ, registrerad in h.filer():
                namn = Path(relativ).name
                if namn in anvanda:
                    namn = f"{h.nummer:02d}-v{h.version}-{namn}"
                anvanda.add(namn)
                mal = data / namn
                shutil.copyfile(self.arkiv.sokvag(relativ), mal)
                kopia = _sha256(mal)
                if kopia != registrerad:  # changed between the check and the copy
                    raise OgiltigUppgift(
                        f"Exporten avbröts, inget skrevs: {h.beteckning}: filen ändrades "
                        f"under exporten ({relativ})."
                    )
                filer.append((h, mal.relative_to(rot).as_posix(), relativ, kopia))
        return filer

    def _erms(self, akt: Arendeakt, filer: list[tuple[Handlingspost, str, str, str]]) -> ET.Element:
        a = akt.arende
        dnr = str(a.dnr)
        erms = ET.Element(
            f"{{{ERMS}}}erms", {f"{{{XSI}}}schemaLocation": f"{ERMS} ../../schemas/{ERMS_SCHEMA}"}
        )
        control = _sub(erms, ERMS, "control")
        _sub(control, ERMS, "identification", a.namnd, identificationType="arkivbildare")
        _sub(control, ERMS, "identification", dnr, identificationType="diarienummer")
        underhall = _sub(control, ERMS, "maintenanceInformation")
        _sub(underhall, ERMS, "maintenanceStatus", value="new")
        byra = _sub(underhall, ERMS, "maintenanceAgency")
        _sub(byra, ERMS, "agencyCode", "arende", type="other")
        _sub(byra, ERMS, "agencyName", a.namnd)
        historik = _sub(underhall, ERMS, "maintenanceHistory")
        skapat = _sub(historik, ERMS, "maintenanceEvent")
        _sub(skapat, ERMS, "eventType", value="created")
        _sub(skapat, ERMS, "eventDateTime", _dt(akt.exporterad))
        agent = _sub(skapat, ERMS, "agent", agentType="creator")
        _sub(agent, ERMS, "name", SKAPARE)

        aggregations = _sub(erms, ERMS, "aggregations")
        akt_e = _sub(
            aggregations,
            ERMS,
            "aggregation",
            systemIdentifier=str(uuid.uuid5(UUID_RYMD, dnr)),
            aggregationType="caseFile",
        )
        _sub(akt_e, ERMS, "objectId", dnr)
        _sub(akt_e, ERMS, "title", a.titel)
        if a.mening_markering is not None:
            # A marked ärendemening: the form anyone may see.
            _sub(akt_e, ERMS, "otherTitle", a.offentlig_titel, titleType="publicTitle")
        # ERMS's status vocabulary (ERMS239) has no word per skede; the skede itself is in
        # the description.
        _sub(akt_e, ERMS, "status", value="closed" if a.skede is Skede.AVSLUTAT else "in_progress")
        if a.mening_markering is not None:
            # The marking's grounds; the schema has the restriction after the status.
            _restriktion(akt_e, a.mening_markering, "Ärendemeningen sekretessmarkerad")
        agenter = _sub(akt_e, ERMS, "agents")
        ansvarig = _sub(agenter, ERMS, "agent", agentType="responsible_person")
        _sub(ansvarig, ERMS, "name", a.handlaggare)
        _sub(ansvarig, ERMS, "organisation", a.namnd)
        beskrivning = [f"Skede: {a.skede.value}."]
        if akt.klassificering:
            beskrivning.append(f"Klassificering: {' › '.join(akt.klassificering)}.")
        if a.justering:
            beskrivning.append(
                f"Justerat {a.justering.datum.isoformat()} av {a.justering.ordforande} och "
                f"{', '.join(a.justering.justerare)}"
                + (" (omedelbar justering)." if a.justering.omedelbar else ".")
            )
        if a.anslagsdatum:
            beskrivning.append(f"Anslaget {a.anslagsdatum.isoformat()}.")
        if a.expediering:
            beskrivning.append(
                f"Expedierat {a.expediering.datum.isoformat()} till "
                f"{', '.join(a.expediering.mottagare)}."
            )
        _sub(akt_e, ERMS, "description", " ".join(beskrivning))
        datum = _sub(akt_e, ERMS, "dates")
        _sub(datum, ERMS, "date", _dt(a.registreringsdatum), dateType="opened")
        if a.avslutsdatum:
            _sub(datum, ERMS, "date", _dt(a.avslutsdatum), dateType="closed")
        for b in a.beslut:
            beslut = _sub(akt_e, ERMS, "action")
            text = f"§ {b.paragraf} {b.utfall.value}" + (
                ", paragrafen förklaras omedelbart justerad" if b.omedelbar_justering else ""
            )
            _sub(beslut, ERMS, "actionText", text + (f": {b.beslutstext}" if b.beslutstext else ""))
            _sub(beslut, ERMS, "actionType", "beslut")
            bdatum = _sub(beslut, ERMS, "dates")
            _sub(bdatum, ERMS, "actionDate", _dt(b.sammantrade), dateType="decision_date")
            bagenter = _sub(beslut, ERMS, "agents")
            _sub(
                _sub(bagenter, ERMS, "agent", agentType="authorising_person"), ERMS, "name", a.namnd
            )

        per_handling: dict[tuple[int, int], list[tuple[str, str]]] = {}
        for h, i_paketet, _, summa in filer:
            per_handling.setdefault((h.nummer, h.version), []).append((i_paketet, summa))
        for h in akt.handlingar:
            record = _sub(
                akt_e,
                ERMS,
                "record",
                systemIdentifier=str(uuid.uuid5(UUID_RYMD, f"{dnr}:{h.nummer}:{h.version}")),
            )
            _sub(record, ERMS, "objectId", f"{dnr}:{h.nummer}:{h.version}")
            for i_paketet, summa in per_handling.get((h.nummer, h.version), []):
                _sub(record, ERMS, "extraId", i_paketet, extraIdType="fil")
                _sub(record, ERMS, "extraId", summa, extraIdType="sha256")
            if h.gallring is not None:
                # What remains of a gallrad handling: its sha256 and, in the description,
                # under which decision.
                _sub(record, ERMS, "extraId", h.gallring.sha256, extraIdType="sha256")
            _sub(record, ERMS, "title", h.titel)
            _sub(record, ERMS, "otherTitle", h.offentlig_titel, titleType="publicTitle")
            _sub(record, ERMS, "runningNumber", str(h.nummer))
            if h.sekretess:
                _restriktion(record, h.markering, "Sekretessmarkerad")
            if h.riktning in RIKTNING:
                _sub(record, ERMS, "direction", directionDefinition=RIKTNING[h.riktning])
            else:
                _sub(
                    record,
                    ERMS,
                    "direction",
                    directionDefinition="other",
                    otherDirectionDefinition=h.riktning,
                )
            ragenter = _sub(record, ERMS, "agents")
            _sub(_sub(ragenter, ERMS, "agent", agentType="creator"), ERMS, "name", h.upprattad_av)
            if h.motpart:
                _sub(
                    _sub(ragenter, ERMS, "agent", agentType="counterpart"), ERMS, "name", h.motpart
                )
            _sub(
                record,
                ERMS,
                "description",
                f"{h.typ}, version {h.version}"
                + (f". {h.gallringstext} ({h.gallring})" if h.gallring else ""),
            )
            # ERMS135: "created" is when the system created the record, for us the
            # registration; the handling's own date is the day it came in ("received") or,
            # for one drawn up or sent, the day it bears ("originated", ERMS136).
            rdatum = _sub(record, ERMS, "dates")
            _sub(rdatum, ERMS, "date", _dt(h.registrerad), dateType="created")
            _sub(
                rdatum,
                ERMS,
                "date",
                _dt(h.datum),
                dateType="received" if h.riktning == "inkommande" else "originated",
            )
        return erms

    def _premis(
        self, akt: Arendeakt, filer: list[tuple[Handlingspost, str, str, str]]
    ) -> ET.Element:
        premis = ET.Element(
            f"{{{PREMIS}}}premis",
            {
                "version": "3.0",
                f"{{{XSI}}}schemaLocation": f"{PREMIS} ../../schemas/{PREMIS_SCHEMA}",
            },
        )
        for _h, i_paketet, relativ, summa in filer:
            objekt = _sub(premis, PREMIS, "object")
            objekt.set(f"{{{XSI}}}type", "premis:file")
            oid = _sub(objekt, PREMIS, "objectIdentifier")
            _sub(oid, PREMIS, "objectIdentifierType", "sökväg i paketet")
            _sub(oid, PREMIS, "objectIdentifierValue", i_paketet)
            egenskaper = _sub(objekt, PREMIS, "objectCharacteristics")
            fixitet = _sub(egenskaper, PREMIS, "fixity")
            _sub(fixitet, PREMIS, "messageDigestAlgorithm", "SHA-256")
            _sub(fixitet, PREMIS, "messageDigest", summa)
            _sub(fixitet, PREMIS, "messageDigestOriginator", "arende (vid registreringen)")
            _sub(egenskaper, PREMIS, "size", str(self.arkiv.sokvag(relativ).stat().st_size))
            fmt = _sub(_sub(egenskaper, PREMIS, "format"), PREMIS, "formatDesignation")
            _sub(
                fmt,
                PREMIS,
                "formatName",
                mimetypes.guess_type(relativ)[0] or "application/octet-stream",
            )
            _sub(objekt, PREMIS, "originalName", relativ)
        agenter: dict[str, str] = {}
        for rad in akt.kedjerader:
            innehall = json.loads(rad.innehall_json)
            handelse = _sub(premis, PREMIS, "event")
            eid = _sub(handelse, PREMIS, "eventIdentifier")
            _sub(eid, PREMIS, "eventIdentifierType", "granskningsloggens sekvensnummer")
            _sub(eid, PREMIS, "eventIdentifierValue", str(rad.sekvens))
            _sub(handelse, PREMIS, "eventType", rad.handling)
            _sub(handelse, PREMIS, "eventDateTime", str(innehall.get("tidpunkt", "")))
            detalj = _sub(handelse, PREMIS, "eventDetailInformation")
            korning = f", flödeskörning {rad.flodeskorning}" if rad.flodeskorning else ""
            _sub(
                detalj, PREMIS, "eventDetail", f"{rad.aktor} ({rad.roll}): {rad.handling}{korning}"
            )
            utfall = _sub(handelse, PREMIS, "eventOutcomeInformation")
            inre = innehall.get("innehåll", {})
            _sub(utfall, PREMIS, "eventOutcome", str(inre.get("utfall", "")))
            # The hashed text itself, and the chain's hashes: anyone can recompute
            # sha256(föregående hash + "\n" + text) and compare, without the system.
            kedja = _sub(utfall, PREMIS, "eventOutcomeDetail")
            _sub(
                kedja,
                PREMIS,
                "eventOutcomeDetailNote",
                f"föregående hash {rad.foregaende_hash}; hash {rad.hash}; hashad text: "
                f"{rad.innehall_json}",
            )
            lank = _sub(handelse, PREMIS, "linkingAgentIdentifier")
            _sub(lank, PREMIS, "linkingAgentIdentifierType", "namn")
            _sub(lank, PREMIS, "linkingAgentIdentifierValue", rad.aktor)
            _sub(lank, PREMIS, "linkingAgentRole", rad.roll)
            agenter[rad.aktor] = rad.roll
        for namn in agenter:
            agent = _sub(premis, PREMIS, "agent")
            aid = _sub(agent, PREMIS, "agentIdentifier")
            _sub(aid, PREMIS, "agentIdentifierType", "namn")
            _sub(aid, PREMIS, "agentIdentifierValue", namn)
            _sub(agent, PREMIS, "agentName", namn)
            _sub(agent, PREMIS, "agentType", "person")
        return premis

    def _lasmig(self, akt: Arendeakt, filer: list[tuple[Handlingspost, str, str, str]]) -> str:
        a = akt.arende
        rader = [
            f"Ärende {a.dnr}: {a.titel}"
            + (
                f" [ÄRENDEMENINGEN SEKRETESSMARKERAD {a.mening_markering.bestammelse}; "
                f"offentligt: {a.offentlig_titel}]"
                if a.mening_markering
                else ""
            ),
            f"Nämnd: {a.namnd}. Handläggare: {a.handlaggare}. Registrerat {a.registreringsdatum}.",
            f"Skede vid exporten: {a.skede.value}. Exporterat {_dt(akt.exporterad)} (UTC) av {SKAPARE}.",
            *([f"Klassificering: {' › '.join(akt.klassificering)}."] if akt.klassificering else []),
            "",
            "Paketets delar (FGS Paketstruktur / E-ARK CSIP):",
            "  METS.xml                              paketets innehållsförteckning med sha256 för varje fil",
            "  metadata/descriptive/erms.xml         ärendet och handlingarna (FGS Ärendehantering / ERMS)",
            "  metadata/preservation/premis.xml      granskningsloggens händelser och filernas sha256 (PREMIS)",
            "  representations/rep1/data/            handlingarnas filer",
            "  schemas/                              XML-scheman för METS.xml (METS 1.12, xlink, E-ARK CSIP),",
            "                                        erms.xml (E-ARK CITS ERMS 2.1.2) och premis.xml (PREMIS 3.0)",
            "",
            "Handlingar:",
        ]
        for h, i_paketet, _, summa in filer:
            sekretess = (
                f" [SEKRETESS {h.markering.bestammelse}]"
                if h.markering
                else (" [SEKRETESS]" if h.sekretess else "")
            )
            rader.append(
                f"  {h.nummer}.{h.version} {h.datum} {h.typ} ({h.riktning}): {h.titel}{sekretess}"
            )
            rader.append(f"      {i_paketet}  sha256 {summa}")
        gallrade = [h for h in akt.handlingar if h.gallring is not None]
        for h in gallrade:
            rader.append(
                f"  {h.nummer}.{h.version} {h.datum} {h.typ} ({h.riktning}): {h.gallringstext}"
            )
            rader.append(f"      {h.gallring}; filen finns inte i paketet, sha256 {h.sha256}")
        if not filer and not gallrade:
            rader.append("  (inga)")
        rader += ["", "Beslut:"]
        rader += [
            f"  § {b.paragraf} {b.sammantrade} {b.utfall.value}"
            + (", omedelbart justerad" if b.omedelbar_justering else "")
            for b in a.beslut
        ] or ["  (inga)"]
        rader += ["", "Händelser ur granskningsloggen (vem, roll, vad, när):"]
        for e in akt.handelser:
            rader.append(f"  {e.sekvens:>6}  {e.tidpunkt}  {e.aktor} ({e.roll}): {e.handling}")
        rader += [
            "",
            "Varje händelses hash är sha256 av föregående händelses hash, en radbrytning och den",
            "hashade texten (UTF-8); båda står i premis.xml. Föregående händelse kan höra till ett",
            "annat ärende: kedjan går genom hela loggen, och `arende verifiera` kontrollerar den.",
        ]
        return "\n".join(rader) + "\n"

    def _mets(
        self, akt: Arendeakt, rot: Path, filer: list[tuple[Handlingspost, str, str, str]]
    ) -> ET.Element:
        dnr = str(akt.arende.dnr)
        namn = paketnamn(dnr)
        mets = ET.Element(
            f"{{{METS}}}mets",
            {
                "OBJID": namn,
                "LABEL": f"{dnr} {akt.arende.titel}",
                "TYPE": "Other",
                f"{{{CSIP}}}OTHERTYPE": "Ärendeakt",
                f"{{{CSIP}}}CONTENTINFORMATIONTYPE": "citserms_v2_1",
                "PROFILE": PROFIL,
                f"{{{XSI}}}schemaLocation": " ".join(
                    f"{ns} schemas/{fil}" for ns, fil in SCHEMAPLATSER
                ),
            },
        )
        huvud = _sub(
            mets,
            METS,
            "metsHdr",
            CREATEDATE=_dt(akt.exporterad),
            LASTMODDATE=_dt(akt.exporterad),  # CSIP8: the package is not changed after
            RECORDSTATUS="NEW",
        )
        huvud.set(f"{{{CSIP}}}OAISPACKAGETYPE", "SIP")
        agent = _sub(huvud, METS, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
        _sub(agent, METS, "name", PROGRAM)
        # CSIP15-16: the creating software's version in a typed note.
        version = _sub(agent, METS, "note", VERSION)
        version.set(f"{{{CSIP}}}NOTETYPE", "SOFTWARE VERSION")
        arkivbildare = _sub(huvud, METS, "agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
        _sub(arkivbildare, METS, "name", akt.arende.namnd)

        def referens(foralder: ET.Element, relativ: str, **typ: str) -> None:
            fil = rot / relativ
            ref = _sub(
                foralder,
                METS,
                "mdRef",
                LOCTYPE="URL",
                **typ,
                MIMETYPE="text/xml",
                SIZE=str(fil.stat().st_size),
                CREATED=_dt(akt.exporterad),
                CHECKSUM=_sha256(fil),
                CHECKSUMTYPE="SHA-256",
            )
            ref.set(f"{{{XLINK}}}type", "simple")
            ref.set(f"{{{XLINK}}}href", relativ)

        dmd = _sub(
            mets, METS, "dmdSec", ID="dmd-erms", CREATED=_dt(akt.exporterad), STATUS="CURRENT"
        )
        # CSIP25, CSIP39: MDTYPE from METS's own list. It has PREMIS (as in CSIP's examples,
        # with the version) but no ERMS, which is therefore OTHER, named in OTHERMDTYPE.
        referens(
            dmd,
            "metadata/descriptive/erms.xml",
            MDTYPE="OTHER",
            OTHERMDTYPE="ERMS",
            MDTYPEVERSION=ERMS_VERSION,
        )
        amd = _sub(mets, METS, "amdSec")
        prov = _sub(amd, METS, "digiprovMD", ID="digiprov-premis", STATUS="CURRENT")
        referens(prov, "metadata/preservation/premis.xml", MDTYPE="PREMIS", MDTYPEVERSION="3.0")

        filsek = _sub(mets, METS, "fileSec", ID="filsektion")
        dok = _sub(filsek, METS, "fileGrp", ID="grp-dokumentation", USE="Documentation")
        sch = _sub(filsek, METS, "fileGrp", ID="grp-scheman", USE="Schemas")
        rep = _sub(filsek, METS, "fileGrp", ID="grp-rep1", USE="Representations/rep1")
        # CSIP62: a representation's file group names its content information type.
        rep.set(f"{{{CSIP}}}CONTENTINFORMATIONTYPE", "citserms_v2_1")
        alla = [(dok, "documentation/LASMIG.txt", _sha256(rot / "documentation" / "LASMIG.txt"))]
        alla += [(sch, f"schemas/{n}", _sha256(rot / "schemas" / n)) for n in SCHEMAFILER]
        alla += [(rep, i_paketet, summa) for _h, i_paketet, _r, summa in filer]
        for i, (grupp, i_paketet, summa) in enumerate(alla, start=1):
            fil = rot / i_paketet
            e = _sub(
                grupp,
                METS,
                "file",
                ID=f"fil-{i}",
                MIMETYPE=_mimetyp(i_paketet),
                SIZE=str(fil.stat().st_size),
                CREATED=_dt(akt.exporterad),
                CHECKSUM=summa,
                CHECKSUMTYPE="SHA-256",
            )
            plats = _sub(e, METS, "FLocat", LOCTYPE="URL")
            plats.set(f"{{{XLINK}}}type", "simple")
            plats.set(f"{{{XLINK}}}href", i_paketet)

        karta = _sub(mets, METS, "structMap", ID="structmap-csip", TYPE="PHYSICAL", LABEL="CSIP")
        paket = _sub(karta, METS, "div", ID="div-paket", LABEL=namn)
        _sub(
            paket,
            METS,
            "div",
            ID="div-metadata",
            LABEL="Metadata",
            DMDID="dmd-erms",
            ADMID="digiprov-premis",
        )
        # CSIP93-104, 116-119: one division each for the documentation, the schemas and the
        # content, pointing at its file group. The content's division is "Representations"
        # (CSIP101, 103): the representation has no METS.xml of its own to point at with an
        # mptr (CSIP105-112).
        for grupp, etikett in (
            (dok, "Documentation"),
            (sch, "Schemas"),
            (rep, "Representations"),
        ):
            div = _sub(paket, METS, "div", ID=f"div-{grupp.get('ID')}", LABEL=etikett)
            _sub(div, METS, "fptr", FILEID=str(grupp.get("ID")))
        return mets
