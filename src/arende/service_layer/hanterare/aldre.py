"""Earlier documents into the diarium: a tjänsteutlåtande, protokoll or verksamhetsplan from
before the system becomes a closed ärende with the document as its handling, numbered,
stored under its sha256 and logged like every other (service_layer/aldre_handlingar.py reads
the document and builds the command from what the registrator confirmed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from arende.domain.aldre_handling import (
    IMPORTERAT,
    Dokumentslag,
    dubbla_paragrafer,
    granska_fil,
    prova_aldre_dnr,
    tolka_dnr,
)
from arende.domain.arende import Arende
from arende.domain.datum import svenskt_datum
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.handelser import AldreHandlingImporterad, ArendeRegistrerat
from arende.domain.handling import Handling, Handlingstyp, Riktning, filnamn
from arende.domain.skeden import Skede
from arende.domain.text import rensa
from arende.service_layer.dokumentdata.text import genitiv
from arende.service_layer.handlingar import MALL, registrera_upprattad
from arende.service_layer.kommandon import (
    ImporteraAldreHandling,
    ImporteradParagraf,
    ImporteraProtokoll,
    InkommenFil,
)
from arende.service_layer.steg import Steg, bild, som_json

HANDLINGSTYP: dict[Dokumentslag, Handlingstyp] = {
    Dokumentslag.TJANSTEUTLATANDE: Handlingstyp.TJANSTEUTLATANDE,
    Dokumentslag.PROTOKOLL: Handlingstyp.PROTOKOLLSUTDRAG,
    Dokumentslag.VERKSAMHETSPLAN: Handlingstyp.VERKSAMHETSPLAN,
}


def importera(k: ImporteraAldreHandling, steg: Steg) -> None:
    """Check everything first (the kind, the title, the date, the person, the file, the
    number), then write: a refused import leaves neither a row, a number nor a file."""
    uow, namnd = steg.uow, steg.namnd
    assert namnd is not None
    try:
        slag = Dokumentslag(k.slag)
    except ValueError:
        raise OgiltigUppgift(
            f"Okänt slag av handling '{k.slag}': "
            f"{', '.join(s.value for s in Dokumentslag)} kan importeras."
        ) from None
    titel = rensa(k.titel, "Titeln (ärendemeningen)", max_langd=300)
    if k.datum > steg.idag:
        raise OgiltigUppgift(
            f"Handlingens datum ({svenskt_datum(k.datum)}) ligger i framtiden: en äldre "
            "handling har ett datum som har varit."
        )
    handlaggare = uow.grunddata.person(k.handlaggare)
    andelse = _ny_fil(k.fil, steg)
    forslag = tuple(
        rensa(p, f"Punkt {i} i förslaget till beslut", max_langd=2000)
        for i, p in enumerate(k.forslag, 1)
    )
    undertecknare = tuple(rensa(u, "Undertecknarens namn", max_langd=200) for u in k.undertecknare)

    if k.dnr is not None and k.dnr.strip():
        dnr = _aldre_dnr(k.dnr, steg)
        finns = _finns(dnr, steg)
        if finns is not None:
            raise OgiltigUppgift(
                f"{dnr} finns redan i diariet ('{finns.titel}'): ett diarienummer ges ett "
                "ärende. Är det samma handling är den redan importerad."
            )
        uow.diarium.minst(dnr.prefix, dnr.ar, dnr.lopnummer)
    else:
        nummer = uow.diarium.nasta_nummer(namnd.diarieprefix, steg.idag.year)
        dnr = Diarienummer(namnd.diarieprefix, steg.idag.year, nummer)

    arende = Arende(
        dnr=dnr,
        namnd=namnd.namn,
        titel=titel,
        handlaggare=handlaggare.namn,
        registreringsdatum=k.datum,
        arendetyp=IMPORTERAT,
        planerat_sammantrade=k.datum,
        skede=Skede.AVSLUTAT,
        forslag=forslag,
        # Closed in this diarium the day it was imported: when it was closed before is
        # not known.
        avslutsdatum=steg.idag,
        uppgifter={
            "import": som_json(
                {
                    "slag": slag.value,
                    "kalla": k.kalla,
                    "ursprungligt_dnr": k.dnr,
                    "undertecknare": list(undertecknare),
                    "lasta": dict(k.lasta),
                }
            )
        },
    )
    uow.arenden.lagg_till(arende, k.nyckel)
    uow.arenden.spara(arende)  # the closed state and the förslag, as a later step stores them
    steg.logga({"efter": bild(arende)}, dnr=arende.dnr)

    typ = HANDLINGSTYP[slag]
    _registrera_filen(k, steg, dnr, typ, titel, andelse, ursprungligt_dnr=k.dnr)
    steg.rord(dnr)
    steg.hant(ArendeRegistrerat(dnr, namnd.namn, IMPORTERAT))
    steg.hant(AldreHandlingImporterad(dnr, typ.value, 1))


def _registrera_filen(
    k: ImporteraAldreHandling | ImporteraProtokoll,
    steg: Steg,
    dnr: Diarienummer,
    typ: Handlingstyp,
    titel: str,
    andelse: str,
    **logg: Any,
) -> None:
    """The document as it came, handling 1 of its ärende: stored, registered and logged.
    Locked: it is kept as it came and never rendered anew."""
    relativ = filnamn(dnr.adress, 1, 1, typ, andelse)
    with k.fil.oppna() as strom:
        sparad = steg.beroenden.dokument.arkiv.spara(relativ, strom)
    steg.uow.handlingar.lagg_till(
        str(dnr),
        Handling(
            nummer=1,
            version=1,
            typ=typ,
            riktning=Riktning.UPPRATTAD,
            titel=titel,
            datum=k.datum,
            fil=relativ,
            sha256=sparad,
            upprattad_av=steg.aktor,  # who registered it here; the document names its authors
            last=True,
            nyckel=f"{k.nyckel}:0" if k.nyckel else None,
            flodeskorning=k.flodeskorning,
            ursprungligt_namn=k.fil.namn,
        ),
    )
    steg.logga(
        {
            "typ": typ.value,
            "nummer": 1,
            "version": 1,
            "riktning": Riktning.UPPRATTAD.value,
            "titel": titel,
            "datum": k.datum,
            "fil": relativ,
            "sha256": sparad,
            "byte": k.fil.storlek(),
            "ursprungligt_namn": k.fil.namn,
            "filtyp": andelse,
            "textkalla": k.kalla,
            **logg,
            "låst": True,
        },
        dnr=dnr,
        handling="registrera äldre handling",
    )


def _ny_fil(fil: InkommenFil, steg: Steg) -> str:
    """The file's checked type, refused if the diarium already holds a file of the same
    content: the same document is not imported twice."""
    andelse = granska_fil(fil, steg.beroenden.storsta_inkommande)
    tidigare = steg.uow.handlingar.med_sha256(fil.sha256)
    if tidigare:
        dnr_fore, h = tidigare[0]
        raise OgiltigUppgift(
            f"Filen finns redan i diariet: handling {h.nummer} i {dnr_fore} ('{h.titel}') har "
            "samma innehåll (sha256). Samma handling importeras inte två gånger."
        )
    return andelse


def _aldre_dnr(text: str, steg: Steg) -> Diarienummer:
    """The document's own number (the nämnd's prefix if it gave none), refused if it cannot
    be read or lies in the diarium's own series (`prova_aldre_dnr`)."""
    assert steg.namnd is not None
    last = tolka_dnr(text)
    if last is None:
        raise OgiltigUppgift(
            f"'{text}' går inte att läsa som diarienummer (t.ex. 'SoN 2008/12' eller "
            "'I.2-0660/2008')."
        )
    dnr = Diarienummer(last.prefix or steg.namnd.diarieprefix, last.ar, last.nummer)
    prova_aldre_dnr(
        dnr,
        idag=steg.idag,
        diariets_prefix=[n.diarieprefix for n in steg.uow.grunddata.namnder()],
    )
    return dnr


def _finns(dnr: Diarienummer, steg: Steg) -> Arende | None:
    """The ärende the diarium already has under the number, locked, or None."""
    try:
        return steg.arende(dnr)
    except HittasInte:
        return None


def sammantradets_titel(namnd: str, datum: date) -> str:
    """The title of an imported protokoll's ärende: the sammanträde it records."""
    return f"Protokoll från {genitiv(namnd)} sammanträde {svenskt_datum(datum)}"


def importera_protokoll(k: ImporteraProtokoll, steg: Steg) -> None:
    """A protokoll of several §§: everything is checked first (the date, the person, the
    file, that the protokoll is not in the diarium already, each § and its number), then
    the sammanträde's ärende is registered with the file, and each § that names a dnr gets
    its ärende (or, if the diarium has it, the ärende it has) and a protokollsutdrag. One
    transaction: a refusal leaves neither a row, a number nor a file."""
    uow, namnd = steg.uow, steg.namnd
    assert namnd is not None
    if k.datum > steg.idag:
        raise OgiltigUppgift(
            f"Sammanträdets datum ({svenskt_datum(k.datum)}) ligger i framtiden: ett äldre "
            "protokoll har ett datum som har varit."
        )
    handlaggare = uow.grunddata.person(k.handlaggare)
    andelse = _ny_fil(k.fil, steg)
    titel = sammantradets_titel(namnd.namn, k.datum)
    redan = next(
        (r for r in uow.arenden.diarium(namnd.namn) if r.titel == titel),
        None,
    )
    if redan is not None:
        raise OgiltigUppgift(
            f"Protokollet är redan importerat: {redan.dnr} är '{titel}'. Samma protokoll "
            "importeras inte två gånger."
        )
    if not k.paragrafer:
        raise OgiltigUppgift(
            "Protokollet har ingen paragraf (§) att importera: ingen § gick att läsa."
        )
    dubbla = dubbla_paragrafer(p.nummer for p in k.paragrafer)
    if dubbla:
        raise OgiltigUppgift(
            "Protokollet har "
            + ", ".join(f"§ {n}" for n in dubbla)
            + " mer än en gång: varje paragraf har sitt eget nummer. Kontrollera läsningen "
            "(eller filen: är det två protokoll i en?) och försök igen."
        )
    # Each § with its number and the ärende the diarium already has under it (None: new).
    lasta: list[tuple[ImporteradParagraf, str, Diarienummer | None, Arende | None]] = []
    sedda: dict[Diarienummer, int] = {}
    for p in k.paragrafer:
        ptitel = rensa(p.titel, f"Titeln i § {p.nummer}", max_langd=300)
        dnr: Diarienummer | None = None
        finns: Arende | None = None
        if p.dnr is not None and p.dnr.strip():
            try:
                dnr = _aldre_dnr(p.dnr, steg)
            except OgiltigUppgift as fel:
                raise OgiltigUppgift(f"§ {p.nummer}: {fel.meddelande}") from None
            if dnr in sedda:
                raise OgiltigUppgift(
                    f"§ {sedda[dnr]} och § {p.nummer} har samma diarienummer ({dnr}): "
                    "kontrollera läsningen och försök igen."
                )
            sedda[dnr] = p.nummer
            finns = _finns(dnr, steg)
        lasta.append((p, ptitel, dnr, finns))
    beslut = {
        p.nummer: tuple(
            rensa(b, f"Punkt {i} i beslutet i § {p.nummer}", max_langd=2000)
            for i, b in enumerate(p.beslut, 1)
        )
        for p, *_ in lasta
    }
    undertecknare = tuple(rensa(u, "Undertecknarens namn", max_langd=200) for u in k.undertecknare)

    # The sammanträde's ärende, numbered in this year's series: a protokoll has no dnr.
    nummer = uow.diarium.nasta_nummer(namnd.diarieprefix, steg.idag.year)
    protokolldnr = Diarienummer(namnd.diarieprefix, steg.idag.year, nummer)
    for _p, _, dnr, finns in lasta:
        if dnr is not None and finns is None:
            uow.diarium.minst(dnr.prefix, dnr.ar, dnr.lopnummer)
    paragrafer = [
        {
            "paragraf": p.nummer,
            "titel": ptitel,
            "dnr": str(dnr) if dnr else None,
            "ärende": None if dnr is None else ("fanns" if finns else "nytt"),
            "beslut": list(beslut[p.nummer]),
        }
        for p, ptitel, dnr, finns in lasta
    ]
    _importerat_arende(
        k,
        steg,
        protokolldnr,
        titel,
        handlaggare.namn,
        k.nyckel,
        {
            "slag": Dokumentslag.PROTOKOLL.value,
            "kalla": k.kalla,
            "sammanträde": k.datum,
            "undertecknare": list(undertecknare),
            "lasta": dict(k.lasta),
            "paragrafer": paragrafer,
        },
    )
    _registrera_filen(k, steg, protokolldnr, Handlingstyp.PROTOKOLL, titel, andelse)
    steg.rord(protokolldnr)
    steg.hant(ArendeRegistrerat(protokolldnr, namnd.namn, IMPORTERAT))
    steg.hant(AldreHandlingImporterad(protokolldnr, Handlingstyp.PROTOKOLL.value, 1))

    for p, ptitel, dnr, finns in lasta:
        if dnr is None:
            continue  # listed in the sammanträde's ärende only
        arende = finns
        if arende is None:
            arende = _importerat_arende(
                k,
                steg,
                dnr,
                ptitel,
                handlaggare.namn,
                f"{k.nyckel}:§{p.nummer}" if k.nyckel else None,
                {
                    "slag": Dokumentslag.PROTOKOLL.value,
                    "kalla": k.kalla,
                    "ursprungligt_dnr": p.dnr,
                    "protokoll": str(protokolldnr),
                    "paragraf": p.nummer,
                },
                forslag=beslut[p.nummer],
            )
            steg.hant(ArendeRegistrerat(dnr, namnd.namn, IMPORTERAT))
        utdrag = _protokollsutdrag(k, steg, arende, p, ptitel, beslut[p.nummer], protokolldnr)
        steg.rord(dnr)
        steg.hant(AldreHandlingImporterad(dnr, Handlingstyp.PROTOKOLLSUTDRAG.value, utdrag.nummer))


def _importerat_arende(
    k: ImporteraProtokoll,
    steg: Steg,
    dnr: Diarienummer,
    titel: str,
    handlaggare: str,
    nyckel: str | None,
    uppgifter: dict[str, Any],
    *,
    forslag: tuple[str, ...] = (),
) -> Arende:
    """A closed ärende of the imported protokoll, registered the day of the sammanträde and
    closed the day of the import (when it was closed before is not known), logged."""
    assert steg.namnd is not None
    arende = Arende(
        dnr=dnr,
        namnd=steg.namnd.namn,
        titel=titel,
        handlaggare=handlaggare,
        registreringsdatum=k.datum,
        arendetyp=IMPORTERAT,
        planerat_sammantrade=k.datum,
        skede=Skede.AVSLUTAT,
        forslag=forslag,
        avslutsdatum=steg.idag,
        uppgifter={"import": som_json(uppgifter)},
    )
    steg.uow.arenden.lagg_till(arende, nyckel)
    steg.uow.arenden.spara(arende)
    steg.logga({"efter": bild(arende)}, dnr=arende.dnr)
    return arende


def _protokollsutdrag(
    k: ImporteraProtokoll,
    steg: Steg,
    arende: Arende,
    p: ImporteradParagraf,
    titel: str,
    beslut: tuple[str, ...],
    protokolldnr: Diarienummer,
) -> Handling:
    """The § as a protokollsutdrag, drawn up now from the standard template: it says that
    it was drawn up at the import from the registered protokoll, and repeats the § as read."""
    assert steg.namnd is not None
    kalla = {"ocr": "med OCR", "bild": "med OCR", "docx": "ur Word-filen"}.get(
        k.kalla, "ur filens text"
    )
    data = {
        "namnd": steg.namnd.namn,
        "dnr": str(arende.dnr),
        "titel": titel,
        "paragraf": p.nummer,
        "sammantrade": svenskt_datum(k.datum),
        "sammantrade_iso": k.datum.isoformat(),
        "beslut": list(beslut),
        "arendet": [t for t in p.text if t.strip()],
        "importerat": [
            f"Utdraget är upprättat vid importen den {svenskt_datum(steg.idag)} ur protokollet "
            f"från {genitiv(steg.namnd.namn)} sammanträde den {svenskt_datum(k.datum)}, "
            f"registrerat som handling 1 i ärende {protokolldnr}.",
            f"Paragrafens text är återgiven som den lästes {kalla}; vid avvikelse gäller "
            "protokollet.",
        ],
        "vid_protokollet": steg.aktor,
        # What the template has for an extract drawn up at the sammanträde, and the
        # imported § does not say apart from its text.
        "jav": [],
        "omrostning": None,
        "deltar": "",
        "reservationer": [],
        "protokollsanteckningar": [],
        "delegationsbeslut": [],
        "justering": "",
        "justerande": [],
    }
    mall = MALL[Handlingstyp.PROTOKOLLSUTDRAG]
    docx = steg.beroenden.dokument.mallar.rendera(mall, data)
    vem = steg.vem()
    if vem.nyckel:
        vem = replace(vem, nyckel=f"{vem.nyckel}:§{p.nummer}")
    return registrera_upprattad(
        steg.uow,
        steg.beroenden.dokument.arkiv,
        arende,
        Handlingstyp.PROTOKOLLSUTDRAG,
        vem,
        docx,
        "docx",
        titel=f"Protokollsutdrag § {p.nummer} (import): {arende.offentlig_titel}",
        mall=mall,
        # Drawn up here for the diarium from a registered protokoll; it is sent nowhere.
        riktning=Riktning.UPPRATTAD,
    )
