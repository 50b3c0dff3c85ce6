"""Earlier documents into the diarium: a tjänsteutlåtande, protokoll or verksamhetsplan from
before the system becomes a closed ärende with the document as its handling, numbered,
stored under its sha256 and logged like every other (service_layer/aldre_handlingar.py reads
the document and builds the command from what the registrator confirmed)."""

from __future__ import annotations

from arende.domain.aldre_handling import (
    IMPORTERAT,
    Dokumentslag,
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
from arende.service_layer.kommandon import ImporteraAldreHandling
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
    andelse = granska_fil(k.fil, steg.beroenden.storsta_inkommande)
    sha256 = k.fil.sha256
    tidigare = uow.handlingar.med_sha256(sha256)
    if tidigare:
        dnr_fore, h = tidigare[0]
        raise OgiltigUppgift(
            f"Filen finns redan i diariet: handling {h.nummer} i {dnr_fore} ('{h.titel}') har "
            "samma innehåll (sha256). Samma handling importeras inte två gånger."
        )
    forslag = tuple(
        rensa(p, f"Punkt {i} i förslaget till beslut", max_langd=2000)
        for i, p in enumerate(k.forslag, 1)
    )
    undertecknare = tuple(rensa(u, "Undertecknarens namn", max_langd=200) for u in k.undertecknare)

    if k.dnr is not None and k.dnr.strip():
        last = tolka_dnr(k.dnr)
        if last is None:
            raise OgiltigUppgift(
                f"'{k.dnr}' går inte att läsa som diarienummer (t.ex. 'SoN 2008/12' eller "
                "'I.2-0660/2008')."
            )
        dnr = Diarienummer(last.prefix or namnd.diarieprefix, last.ar, last.nummer)
        prova_aldre_dnr(
            dnr, idag=steg.idag, diariets_prefix=[n.diarieprefix for n in uow.grunddata.namnder()]
        )
        try:
            finns = uow.arenden.hamta(str(dnr))
        except HittasInte:
            pass
        else:
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
    relativ = filnamn(dnr.adress, 1, 1, typ, andelse)
    with k.fil.oppna() as strom:
        sparad = steg.beroenden.dokument.arkiv.spara(relativ, strom)
    handling = Handling(
        nummer=1,
        version=1,
        typ=typ,
        riktning=Riktning.UPPRATTAD,
        titel=titel,
        datum=k.datum,
        fil=relativ,
        sha256=sparad,
        upprattad_av=steg.aktor,  # who registered it here; the document names its authors
        last=True,  # kept as it came: never a new rendering
        nyckel=f"{k.nyckel}:0" if k.nyckel else None,
        flodeskorning=k.flodeskorning,
        ursprungligt_namn=k.fil.namn,
    )
    uow.handlingar.lagg_till(str(dnr), handling)
    steg.logga(
        {
            "typ": typ.value,
            "nummer": 1,
            "version": 1,
            "riktning": Riktning.UPPRATTAD.value,
            "titel": titel,
            "datum": k.datum,
            "fil": relativ,
            "sha256": handling.sha256,
            "byte": k.fil.storlek(),
            "ursprungligt_namn": k.fil.namn,
            "filtyp": andelse,
            "textkalla": k.kalla,
            "ursprungligt_dnr": k.dnr,
            "låst": True,
        },
        dnr=dnr,
        handling="registrera äldre handling",
    )
    steg.rord(dnr)
    steg.hant(ArendeRegistrerat(dnr, namnd.namn, IMPORTERAT))
    steg.hant(AldreHandlingImporterad(dnr, typ.value, 1))
