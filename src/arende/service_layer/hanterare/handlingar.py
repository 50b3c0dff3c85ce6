"""The registrator's own steps on an ärende's handlingar: registering what came in (from
the command line, the inbox folder or an e-mail, all the same command) and marking a
handling sekretess with its grounds, or lifting the marking.

A handling that comes in is numbered, stored under its sha256 and logged like the ones the
system draws up itself (service_layer/handlingar.py): the same register, the same archive,
the same audit log, in the step's one transaction.
"""

from __future__ import annotations

from typing import Any

from arende.domain.arende import Arende
from arende.domain.datum import svenskt_datum
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.handelser import ArendeRegistrerat, HandlingInkommen, SekretessAndrad
from arende.domain.handling import Handling, Handlingstyp, Riktning, filnamn, nasta_nummer
from arende.domain.inkommen_fil import Filtyp, granska, storsta_epost
from arende.domain.sekretess import Sekretessmarkering, tolka_bestammelse
from arende.domain.utlamnande import tolka_stycken
from arende.service_layer import utlamnande
from arende.service_layer.hanterare.arende import registrera
from arende.service_layer.kommandon import (
    SYSTEMET,
    GranskaInkommande,
    HavArendemeningSekretess,
    HavSekretess,
    Inkommet,
    MarkeraArendemeningSekretess,
    MarkeraSekretess,
    RegistreraArende,
    RegistreraInkommande,
    RegistreraInkommandeSomNyttArende,
)
from arende.service_layer.steg import Steg

TITELLANGD = 300  # the register's column
MOTPARTSLANGD = 200


def registrera_inkommande(k: RegistreraInkommande, steg: Steg) -> None:
    _registrera_filer(k, steg, steg.arendet)


def registrera_som_nytt_arende(k: RegistreraInkommandeSomNyttArende, steg: Steg) -> None:
    """The ärende first (the type's start answers, the sammanträde, the handläggare), then
    what came in as its first handlingar, in the same transaction."""
    arendet = RegistreraArende(
        aktor=k.aktor,
        nyckel=k.nyckel,
        flodeskorning=k.flodeskorning,
        inloggning=k.inloggning,
        typ=k.typ,
        namnd=k.namnd,
        handlaggare=k.handlaggare,
        planerat_sammantrade=k.planerat_sammantrade,
        uppgifter=k.uppgifter,
        registreringsdatum=k.inkom,
    )
    registrera(arendet, steg, at_handlaggaren=True)
    [dnr] = [h.dnr for h in steg.handelser if isinstance(h, ArendeRegistrerat)]
    _registrera_filer(k, steg, steg.arende(dnr))


def _registrera_filer(k: Inkommet, steg: Steg, a: Arende) -> None:
    """Check everything first (the sender, the description, the date, every file), then
    write: a refused registration leaves neither a row nor a file behind."""
    dnr = str(a.dnr)
    avsandare = " ".join(k.avsandare.split())
    if not avsandare:
        raise OgiltigUppgift(
            "Avsändaren saknas: registret ska visa vem handlingen kom från (OSL 5 kap. 2 §)."
        )
    if len(avsandare) > MOTPARTSLANGD:
        raise OgiltigUppgift(f"Avsändaren är längre än {MOTPARTSLANGD} tecken.")
    beskrivning = _beskrivning(k.beskrivning)
    if k.inkom > steg.idag:
        raise OgiltigUppgift(
            f"Inkomstdagen ({svenskt_datum(k.inkom)}) ligger i framtiden; registrera det som "
            "har kommit in."
        )
    if not k.filer:
        raise OgiltigUppgift("Ingen fil att registrera.")
    storsta = steg.beroenden.storsta_inkommande
    granskade = [
        # The e-mail itself holds its attachments (in base64): its own limit is larger.
        granska(f, storsta_epost(storsta) if k.epost and i == 0 else storsta)
        for i, f in enumerate(k.filer)
    ]
    if k.epost and granskade[0].typ is not Filtyp.EML:
        raise OgiltigUppgift(f"'{granskade[0].namn}' är inget e-postmeddelande (eml).")
    markering = (
        Sekretessmarkering(tolka_bestammelse(k.sekretess), steg.idag, steg.aktor)
        if k.sekretess
        else None
    )

    uow, arkiv = steg.uow, steg.beroenden.dokument.arkiv
    forsta = nasta_nummer(uow.handlingar.for_arende(dnr))
    sent = (steg.idag - k.inkom).days
    for i, (fil, granskad) in enumerate(zip(k.filer, granskade, strict=True)):
        nummer = forsta + i
        typ = _typ(k, i)
        relativ = filnamn(a.dnr.adress, nummer, 1, typ, granskad.typ.value)
        with fil.oppna() as strom:
            sha256 = arkiv.spara(relativ, strom)
        handling = Handling(
            nummer=nummer,
            version=1,
            typ=typ,
            riktning=Riktning.INKOMMANDE,
            titel=_titel(beskrivning, forsta, i, granskad.namn),
            datum=k.inkom,
            fil=relativ,
            sha256=sha256,
            upprattad_av=steg.aktor,  # who registered it; the sender is the motpart
            last=True,  # what came in is kept as it came: never a new rendering
            motpart=avsandare,
            sekretess=markering is not None,
            markering=markering,
            nyckel=f"{k.nyckel}:{i}" if k.nyckel else None,
            flodeskorning=k.flodeskorning,
            ursprungligt_namn=granskad.namn,
            # Taken in by itself (the inbox, the e-mail receiver): nobody has read the
            # sender's subject line yet, so it is held back until the registrator has.
            granskad=steg.aktor != SYSTEMET,
        )
        uow.handlingar.lagg_till(dnr, handling)
        steg.logga(
            {
                "typ": typ.value,
                "nummer": nummer,
                "version": 1,
                "riktning": Riktning.INKOMMANDE.value,
                "titel": handling.titel,
                "avsändare": avsandare,
                "inkom": k.inkom,
                "kanal": k.kanal,
                "fil": relativ,
                "sha256": handling.sha256,
                "byte": granskad.storlek,
                "ursprungligt_namn": granskad.namn,
                "filtyp": granskad.typ.value,
                "låst": True,
            }
            | ({} if handling.granskad else {"granskad": False})
            | ({"message_id": k.message_id} if k.message_id else {})
            | ({"bilaga_till": forsta} if i > 0 else {})
            # Registered later than the day after it came (OSL 5 kap. 1 §): worth a flag.
            | ({"sen_registrering_dagar": sent} if sent > 1 else {})
            | (
                {"sekretess": {"bestämmelse": markering.bestammelse, "datum": markering.datum}}
                if markering
                else {}
            ),
            dnr=a.dnr,
        )
        steg.hant(HandlingInkommen(a.dnr, typ.value, nummer))


def _beskrivning(text: str) -> str:
    beskrivning = " ".join(text.split())
    if not beskrivning:
        raise OgiltigUppgift(
            "Beskriv kort vad handlingen gäller, utan att röja något som omfattas av "
            "sekretess (OSL 5 kap. 2 §)."
        )
    if len(beskrivning) > TITELLANGD - 40:
        raise OgiltigUppgift(f"Beskrivningen är längre än {TITELLANGD - 40} tecken.")
    return beskrivning


def _typ(k: Inkommet, i: int) -> Handlingstyp:
    if i == 0:
        return Handlingstyp.EPOST if k.epost else Handlingstyp.INKOMMEN
    return Handlingstyp.BILAGA


def _titel(beskrivning: str, forsta: int, i: int, namn: str) -> str:
    """The main handling has the description; a bilaga says whose it is and its name."""
    if i == 0:
        return beskrivning
    titel = f"Bilaga till handling {forsta} ({beskrivning}): {namn}"
    return titel if len(titel) <= TITELLANGD else titel[: TITELLANGD - 1] + "…"


def _versioner(steg: Steg, nummer: int) -> list[Handling]:
    a = steg.arendet
    versioner = [h for h in steg.uow.handlingar.for_arende(str(a.dnr)) if h.nummer == nummer]
    if not versioner:
        raise HittasInte(f"Ärende {a.dnr} har ingen handling {nummer}.")
    return versioner


def markera_sekretess(k: MarkeraSekretess, steg: Steg) -> None:
    """Mark the handling under the provision, today, by the acting person. Marking again
    under another provision replaces the grounds (logged before and after); under the same
    one is refused, since nothing would change."""
    a = steg.arendet
    senaste = _versioner(steg, k.nummer)[-1]
    bestammelse = tolka_bestammelse(k.bestammelse)
    stycken = _markerade_stycken(k, steg, senaste) if k.stycken.strip() else ()
    fore = senaste.markering
    if fore is not None and (fore.bestammelse, fore.stycken) == (bestammelse, stycken):
        raise OgiltigUppgift(
            f"Handling {k.nummer} i {a.dnr} är redan sekretessmarkerad enligt {fore}."
        )
    ny = Sekretessmarkering(bestammelse, steg.idag, steg.aktor, stycken)
    versioner = steg.uow.handlingar.satt_sekretess(str(a.dnr), k.nummer, ny)
    steg.logga(
        {
            "nummer": k.nummer,
            "versioner": versioner,
            "före": _som_logg(fore)
            if fore
            else ({"sekretess": True} if senaste.sekretess else None),
            "efter": _som_logg(ny),
        },
        dnr=a.dnr,
    )
    steg.hant(SekretessAndrad(a.dnr, k.nummer, bestammelse))


def _markerade_stycken(k: MarkeraSekretess, steg: Steg, h: Handling) -> tuple[int, ...]:
    """The stycken named, checked against the handling's text as `arende stycken` numbers
    it (the same numbering the prövning masks by)."""
    text = utlamnande.las_stycken(steg.beroenden, h)
    if not text:
        raise OgiltigUppgift(
            f"Handling {k.nummer} har ingen text i stycken (ingen text hittades i filen, inte "
            "heller med OCR): markera hela handlingen."
        )
    return tolka_stycken(k.nummer, k.stycken, len(text), vad="sekretessmarkeras")


def hav_sekretess(k: HavSekretess, steg: Steg) -> None:
    """Lift the marking: the handling is no longer marked; the marking stays in the log."""
    a = steg.arendet
    senaste = _versioner(steg, k.nummer)[-1]
    if not senaste.sekretess:
        raise OgiltigUppgift(f"Handling {k.nummer} i {a.dnr} är inte sekretessmarkerad.")
    skal = " ".join(k.skal.split())
    if not skal:
        raise OgiltigUppgift(
            "Ange varför markeringen hävs (t.ex. 'sekretessen har upphört efter prövning')."
        )
    versioner = steg.uow.handlingar.satt_sekretess(str(a.dnr), k.nummer, None)
    steg.logga(
        {
            "nummer": k.nummer,
            "versioner": versioner,
            "skäl": skal,
            "före": _som_logg(senaste.markering) if senaste.markering else {"sekretess": True},
            "efter": None,
        },
        dnr=a.dnr,
    )
    steg.hant(SekretessAndrad(a.dnr, k.nummer, None))


def markera_arendemening(k: MarkeraArendemeningSekretess, steg: Steg) -> None:
    """Mark the ärendemening under the provision, today, by the acting person."""
    markering = Sekretessmarkering(tolka_bestammelse(k.bestammelse), steg.idag, steg.aktor)
    steg.andra(steg.arendet, lambda a: a.markera_mening(markering, k.offentlig_mening))


def hav_arendemening(k: HavArendemeningSekretess, steg: Steg) -> None:
    """Lift the ärendemening's marking: the marking stays in the log, with why."""
    skal = " ".join(k.skal.split())
    if not skal:
        raise OgiltigUppgift(
            "Ange varför markeringen hävs (t.ex. 'sekretessen har upphört efter prövning')."
        )
    steg.andra(steg.arendet, lambda a: a.hav_markering_av_mening())


def granska_inkommande(k: GranskaInkommande, steg: Steg) -> None:
    """Handling `nummer` and the bilagor registered with it become granskade: shown
    publicly from now on (or, with `sekretess`, marked in the same step). A new description
    retitles them all, as the registration would have; the old titles stay in the log."""
    a = steg.arendet
    dnr = str(a.dnr)
    alla = steg.uow.handlingar.for_arende(dnr)
    huvud = _versioner(steg, k.nummer)[-1]
    if huvud.granskad:
        raise OgiltigUppgift(f"Handling {k.nummer} i {a.dnr} är redan granskad.")
    if huvud.typ is Handlingstyp.BILAGA:
        raise OgiltigUppgift(
            f"Handling {k.nummer} i {a.dnr} är en bilaga: granska handlingen den hör till, "
            "så granskas bilagorna med den."
        )
    bilagor = _bilagor(huvud, alla)
    beskrivning = _beskrivning(k.beskrivning) if k.beskrivning is not None else None
    markering = (
        Sekretessmarkering(tolka_bestammelse(k.sekretess), steg.idag, steg.aktor)
        if k.sekretess
        else None
    )
    titlar = {}
    for i, h in enumerate([huvud, *bilagor]):
        titel = (
            _titel(beskrivning, huvud.nummer, i, h.ursprungligt_namn or h.fil)
            if beskrivning is not None
            else None
        )
        if titel is not None and titel != h.titel:
            titlar[h.nummer] = {"före": h.titel, "efter": titel}
        steg.uow.handlingar.satt_granskad(dnr, h.nummer, titel)
        if markering is not None:
            steg.uow.handlingar.satt_sekretess(dnr, h.nummer, markering)
    steg.logga(
        {
            "nummer": huvud.nummer,
            "handlingar": [huvud.nummer, *(b.nummer for b in bilagor)],
        }
        | ({"titel": titlar} if titlar else {})
        | ({"sekretess": _som_logg(markering)} if markering else {}),
        dnr=a.dnr,
    )
    if markering is not None:
        for h in [huvud, *bilagor]:
            steg.hant(SekretessAndrad(a.dnr, h.nummer, markering.bestammelse))


def _bilagor(huvud: Handling, alla: list[Handling]) -> list[Handling]:
    """The bilagor registered together with `huvud`: the same registration's step key with
    their place after it (RegistreraInkommande's `nyckel:i`)."""
    if huvud.nyckel is None or not huvud.nyckel.endswith(":0"):
        return []
    grund = huvud.nyckel[:-1]
    return [
        h
        for h in alla
        if h.version == 1
        and h.nyckel is not None
        and h.nyckel.startswith(grund)
        and h.nummer != huvud.nummer
    ]


def _som_logg(m: Sekretessmarkering) -> dict[str, Any]:
    return {"bestämmelse": m.bestammelse, "datum": m.datum.isoformat(), "av": m.av} | (
        {"stycken": list(m.stycken)} if m.stycken else {}
    )
