"""The sammanträde's steps: the nämnd decides its ärenden together.

The nämndsekreterare kallar (the dagordning gathers every ärende ready for that meeting and
every ärende bordlagt to it), opens the meeting, records each beslut as the next § with its
yrkanden and any omröstning, closes it (the protokoll is drawn up), the ordförande and the
justerare sign the protokoll's sha256, and the justering is anslagen for all its ärenden at
once. Each step changes the sammanträde and its ärenden in one transaction: an ärende is
beslutat only together with its protokollsutdrag, and is justerat and anslaget when the
protokoll is. Asked again with the same answer, a step finds it done (the sammanträde's own
state says so) and does nothing.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from arende.domain.anslagstavla import Anslagsnotis, Anslagsslag
from arende.domain.arende import Arende
from arende.domain.arendetyp import Arendetyp
from arende.domain.datum import svenskt_datum
from arende.domain.fel import BehorighetSaknas, OgiltigUppgift, TjanstSaknas
from arende.domain.handelser import (
    ArendeAterremitterat,
    ArendeOverlamnat,
    BeslutFattat,
    DagordningSkickad,
    JusteringenAnslagen,
    ProtokolletJusterat,
    ProtokolletSignerat,
    ProtokollUpprattat,
    SammantradetOppnat,
)
from arende.domain.handling import Handlingstyp
from arende.domain.sammantrade.dagordning import Dagordningspunkt, nasta_dagordning
from arende.domain.sammantrade.justering import PROTOKOLLET_JUSTERAT
from arende.domain.sammantrade.mote import Sammantrade, Sammantradesstatus, sammantradesmapp
from arende.domain.skeden import Skede, Utfall
from arende.domain.text import namnnyckel
from arende.service_layer.dokumentdata import protokoll as protokolldata
from arende.service_layer.dokumentdata.tjansteutlatande import forslag_till_beslut
from arende.service_layer.kommandon import (
    AndraNarvaro,
    Ansla,
    Besluta,
    Kalla,
    MotiveraReservation,
    Oppna,
    Signera,
    Stang,
)
from arende.service_layer.ports import Protokollfil, Underskrift
from arende.service_layer.steg import Steg


def kalla(k: Kalla, steg: Steg) -> None:
    """Gather the dagordning (bordlagda first, then every ärende ready for this meeting), put
    the ärenden on it, and send the kallelse (today, or `utskick` when a kallelse sent
    before is registered afterwards). Asked again when the dagordning has changed (an
    ärende became ready), it sends a new version; unchanged, it does nothing."""
    uow, namnd = steg.uow, steg.namnd
    assert namnd is not None
    utskick = k.utskick or steg.idag
    if utskick > steg.idag:
        raise OgiltigUppgift(
            f"Kallelsen ({svenskt_datum(utskick)}) kan inte registreras som utskickad i framtiden."
        )
    plan = uow.planer.plan(namnd.namn, k.datum.year)
    if plan is None or k.datum not in plan.datum:
        raise OgiltigUppgift(
            f"{namnd.namn} har inget sammanträde den {svenskt_datum(k.datum)} i sammanträdesplanen."
        )
    try:
        s = steg.sammantrade()
    except OgiltigUppgift:
        s = Sammantrade.planera(namnd.namn, k.datum, namnd.sammantradeslokal)
        steg.satt_sammantrade(s)
    arenden = {str(a.dnr): a for a in _redo(steg, namnd.namn, k)}
    bordlagda = [
        b
        for tidigare in uow.sammantraden.fore(namnd.namn, k.datum)
        for b in tidigare.bordlagda()
        if b.dnr in arenden
    ]
    typer = steg.beroenden.typer
    punkter = nasta_dagordning(
        k.datum,
        bordlagda,
        [
            Dagordningspunkt(
                dnr,
                # The kallelse and the protokoll go out and are published: a marked
                # ärendemening goes in its public form.
                a.offentlig_titel,
                tuple(forslag_till_beslut(a, typer.get(a.arendetyp))),
                # A val or an anställning (the ärendetyp says so) may be voted closed.
                val_eller_anstallning=_val_eller_anstallning(typer.get(a.arendetyp)),
            )
            for dnr, a in arenden.items()
        ],
    )
    if not punkter:
        raise OgiltigUppgift(
            f"Inget ärende är redo för {namnd.namn}s sammanträde den {svenskt_datum(k.datum)}: "
            "ett ärende kommer på dagordningen när förslaget till beslut är fastställt."
        )
    if s.dagordning is not None and s.dagordning.punkter == punkter:
        return
    for punkt in punkter:
        arende = arenden[punkt.dnr]
        if arende.skede is not Skede.PA_DAGORDNING:
            steg.andra(
                arende,
                lambda a: a.satt_pa_dagordning(k.datum),
                handling="sätta ärendet på dagordningen",
                begart={"sammanträde": k.datum},
            )
    if s.status is Sammantradesstatus.PLANERAT:
        dagordning = s.kalla(punkter, utskick)
    else:
        dagordning = s.andra_dagordning(punkter, utskick)
    uow.sammantraden.spara(s)
    fil = _spara_dokument(
        steg,
        s,
        f"kallelse-v{dagordning.version}",
        "kallelse_sammantrade.docx",
        protokolldata.kallelse(s, namnd, uow, steg.beroenden.dokument.arkiv),
    )
    steg.logga(
        {
            "dagordning": dagordning.version,
            "ärenden": [p.dnr for p in punkter],
            "fil": fil.fil,
            "sha256": fil.sha256,
        }
    )
    steg.hant(DagordningSkickad(namnd.namn, k.datum, dagordning.version, fil.fil))


def _val_eller_anstallning(typ: Arendetyp | None) -> bool:
    return typ is not None and typ.val_eller_anstallning


def _redo(steg: Steg, namnd: str, k: Kalla) -> list[Arende]:
    """The nämnd's ärenden for this meeting that may stand on its dagordning."""
    redo = []
    for dnr in steg.uow.arenden.for_sammantrade(namnd, k.datum):
        a = steg.arende(dnr)
        if a.skede is Skede.PA_DAGORDNING or a.livscykel.framat(a.skede, Skede.PA_DAGORDNING):
            redo.append(a)
    return redo


def oppna(k: Oppna, steg: Steg) -> None:
    """Open the meeting; its first § (Val av justerare) takes the next number of the
    year."""
    uow, namnd = steg.uow, steg.namnd
    assert namnd is not None
    s = steg.sammantrade()
    if s.status.ordning >= Sammantradesstatus.PAGAR.ordning and s.paragrafer:
        return  # opened already: the same answer again
    forsta = uow.sammantraden.hogsta_paragraf(namnd.namn, k.datum.year) + 1
    paragraf = s.oppna(
        k.narvaro,
        k.ordforande,
        k.justerare,
        k.justering_forsta,
        k.justering_sista,
        forsta,
        ledamoter=namnd.ledamoter,
        idag=steg.idag,
        justeringsplats=namnd.forvaltning,
        borjade=k.borjade,
        # The reglemente's frist, if shorter than the law's 14 days (grunddata).
        justeringsdagar=uow.planer.justeringsdagar(namnd.namn),
    )
    uow.sammantraden.spara(s)
    # The justering's last day the meeting set is the justering frist of every ärende on
    # its dagordning: the runner recomputes theirs in this transaction.
    assert s.dagordning is not None
    for punkt in s.dagordning.punkter:
        steg.rord(punkt.dnr)
    steg.logga(
        {
            "paragraf": paragraf.nummer,
            "närvarande": list(k.narvaro.tjanstgorande),
            "ordförande": s.ordforande,
            "justerare": list(s.justerare),
            "justering": [k.justering_forsta.isoformat(), k.justering_sista.isoformat()],
        }
    )
    steg.hant(SammantradetOppnat(namnd.namn, k.datum, paragraf.nummer))


def besluta(k: Besluta, steg: Steg) -> None:
    """The nämnd's beslut in one ärende: the next §, the ärende's decision and its
    protokollsutdrag, together or not at all. An omedelbart justerad § is justerad now."""
    namnd = steg.namnd
    assert namnd is not None
    s = steg.sammantrade()
    tidigare = next((p for p in s.paragrafer if p.dnr == k.arende.strip()), None)
    if tidigare is not None and tidigare.utfall is k.utfall and tidigare.protokollsutdrag:
        return  # the same answer again
    paragraf = s.besluta(
        k.arende,
        k.yrkanden,
        k.utfall,
        k.beslutstext,
        k.omrostning,
        k.omedelbart_justerad,
        k.nytt_sammantrade,
        jav=k.jav,
        reservationer=k.reservationer,
        lotta=steg.beroenden.lottning,
        idag=steg.idag,
        leder=k.leder,
    )
    arende = steg.arende(paragraf.dnr or "")
    steg.andra(
        arende,
        lambda a: a.besluta(
            k.utfall,
            paragraf.nummer,
            omedelbar_justering=k.omedelbart_justerad,
            beslutstext=k.beslutstext,
            nytt_sammantrade=k.nytt_sammantrade,
            idag=steg.idag,
        ),
        begart=protokolldata.paragraf_som_json(paragraf),
    )
    if k.omedelbart_justerad:
        assert s.ordforande is not None
        steg.andra(
            arende,
            lambda a: a.justera(s.datum, s.ordforande or "", list(s.justerare), idag=steg.idag),
            handling="registrera justeringen",
            begart={"omedelbar": True, "paragraf": paragraf.nummer},
        )
    steg.uppratta(
        arende,
        Handlingstyp.PROTOKOLLSUTDRAG,
        data=protokolldata.protokollsutdrag(
            s,
            paragraf,
            arende,
            namnd,
            steg.aktor,
            protokolldata.delegationsbeslut(steg.uow, paragraf.dnr),
        ),
        titel=f"Protokollsutdrag § {paragraf.nummer}: {arende.offentlig_titel}",
    )
    s.markera_protokollsutdrag(paragraf.nummer)
    steg.uow.sammantraden.spara(s)
    steg.hant(
        BeslutFattat(
            arende.dnr,
            arende.arendetyp,
            k.utfall.value,
            paragraf.nummer,
            k.omedelbart_justerad,
        )
    )
    if k.utfall is Utfall.ATERREMISS:
        steg.hant(ArendeAterremitterat(arende.dnr, arende.arendetyp, arende.omgang))


def andra_narvaro(k: AndraNarvaro, steg: Steg) -> None:
    """Someone arrives or leaves before the next §; empty seats are filled by present
    ersättare in the order fullmäktige decided."""
    s = steg.sammantrade()
    andring = s.andra_narvaro(k.ankommer, k.lamnar, k.klockan)
    steg.uow.sammantraden.spara(s)
    steg.logga(
        {
            "före_paragraf": andring.fore_paragraf,
            "klockan": andring.klockan.isoformat() if andring.klockan else None,
            "ankommer": list(andring.ankommer),
            "lämnar": list(andring.lamnar),
            "inkallade": {e.namn: e.tjanstgor_for for e in andring.inkallade},
            "avlösta": list(andring.avlosta),
            "tjänstgörande": list(andring.narvaro.tjanstgorande),
        }
    )


def motivera_reservation(k: MotiveraReservation, steg: Steg) -> None:
    """A reservation's written motivation, received today, before justering. The §'s
    protokollsutdrag is drawn up again with it (a new version), and so is the protokoll if
    it is already upprättat: nobody has signed it yet (the domain refuses once someone has),
    so no signature is lost."""
    uow, namnd = steg.uow, steg.namnd
    assert namnd is not None
    s = steg.sammantrade()
    p = s.paragraf(k.paragraf)
    if p is not None and any(
        r.av.casefold() == k.av.strip().casefold() and r.motivering == k.motivering.strip()
        for r in p.reservationer
    ):
        return  # the same motivation again
    reservation = s.motivera_reservation(k.paragraf, k.av, k.motivering, steg.idag)
    uow.sammantraden.spara(s)
    paragraf = s.paragraf(k.paragraf)
    if paragraf is not None and paragraf.dnr:
        # The protokollsutdrag says what the protokoll says: its next version carries the
        # motivation too (the one drawn up with the beslut stays in the register).
        arende = steg.arende(paragraf.dnr)
        steg.uppratta(
            arende,
            Handlingstyp.PROTOKOLLSUTDRAG,
            data=protokolldata.protokollsutdrag(
                s,
                paragraf,
                arende,
                namnd,
                protokolldata.namndsekreterare(uow, namnd.namn, steg.aktor),
                protokolldata.delegationsbeslut(uow, paragraf.dnr),
            ),
            titel=f"Protokollsutdrag § {paragraf.nummer}: {arende.titel}",
        )
    innehall: dict[str, Any] = {
        "paragraf": k.paragraf,
        "av": reservation.av,
        "motivering": reservation.motivering,
        "mottagen": steg.idag.isoformat(),
    }
    if s.status is Sammantradesstatus.AVSLUTAT:
        fil = _spara_dokument(
            steg,
            s,
            "protokoll",
            "protokoll.docx",
            protokolldata.protokoll(
                s, namnd, uow, protokolldata.namndsekreterare(uow, namnd.namn, steg.aktor)
            ),
        )
        uow.sammantraden.satt_protokoll(namnd.namn, k.datum, fil)
        innehall |= {"fil": fil.fil, "sha256": fil.sha256}
    steg.logga(innehall)


def stang(k: Stang, steg: Steg) -> None:
    """Close the meeting and draw up its protokoll: the version the justerare will sign."""
    uow, namnd = steg.uow, steg.namnd
    assert namnd is not None
    s = steg.sammantrade()
    if s.status.ordning >= Sammantradesstatus.AVSLUTAT.ordning:
        return  # closed already
    if k.upprattat is not None and k.upprattat > steg.idag:
        raise OgiltigUppgift(
            f"Protokollet kan inte registreras som upprättat den {svenskt_datum(k.upprattat)}, "
            "i framtiden."
        )
    s.stang(k.upprattat or steg.idag, k.avslutades)
    uow.sammantraden.spara(s)
    fil = _spara_dokument(
        steg,
        s,
        "protokoll",
        "protokoll.docx",
        protokolldata.protokoll(s, namnd, uow, steg.aktor),
    )
    uow.sammantraden.satt_protokoll(namnd.namn, k.datum, fil)
    steg.logga(
        {"paragrafer": [p.nummer for p in s.paragrafer], "fil": fil.fil, "sha256": fil.sha256}
    )
    steg.hant(ProtokollUpprattat(namnd.namn, k.datum, fil.fil, fil.sha256))


def signera(k: Signera, steg: Steg) -> None:
    """The ordförande or a justerare signs the protokoll she read. When the last has signed,
    the protokoll is justerat and so is every ärende decided in it; the justerat protokoll
    (with the signatures) is drawn up."""
    uow, namnd = steg.uow, steg.namnd
    assert namnd is not None
    s = steg.sammantrade()
    if k.signerar and namnnyckel(k.signerar) != namnnyckel(steg.aktor):
        raise BehorighetSaknas(
            f"Du är inloggad som {steg.aktor}: bara {k.signerar} får justera i det här formuläret."
        )
    if any(sig.namn.casefold() == steg.aktor.casefold() for sig in s.signaturer):
        return  # signed already
    if k.tidpunkt.date() > steg.idag:
        raise OgiltigUppgift(
            f"Signaturen är daterad {svenskt_datum(k.tidpunkt.date())}, i framtiden."
        )
    fil = uow.sammantraden.protokoll(namnd.namn, k.datum)
    if fil is None:
        raise OgiltigUppgift("Protokollet är inte upprättat än: avsluta sammanträdet först.")
    signatur = s.signera(steg.aktor, k.tidpunkt, k.protokoll_sha256, fil.sha256)
    steg.aktor, steg.roll = signatur.namn, signatur.roll.value
    steg.logga(
        {
            "signatur": signatur.roll.value,
            "tidpunkt": signatur.tidpunkt.isoformat(),
            "sha256": signatur.protokoll_sha256,
        }
    )
    steg.hant(ProtokolletSignerat(namnd.namn, k.datum, signatur.namn, signatur.roll.value))
    if s.status is Sammantradesstatus.JUSTERAT:
        assert s.justeringsdatum is not None and s.ordforande is not None
        for p in s.paragrafer:
            if (
                not p.ar_arende
                or p.omedelbart_justerad
                or not (p.utfall and p.utfall.avgor_arendet)
            ):
                continue
            arende = steg.arende(p.dnr or "")
            steg.andra(
                arende,
                lambda a: a.justera(
                    s.justeringsdatum or s.datum,
                    s.ordforande or "",
                    list(s.justerare),
                    idag=steg.idag,
                ),
                handling="registrera justeringen",
                begart={"paragraf": p.nummer, "protokoll_sha256": fil.sha256},
            )
        justerat = _spara_dokument(
            steg,
            s,
            "protokoll-justerat",
            "protokoll.docx",
            protokolldata.protokoll(
                s, namnd, uow, protokolldata.namndsekreterare(uow, namnd.namn, steg.aktor)
            ),
        )
        steg.logga(
            {
                "justerat": s.justeringsdatum.isoformat(),
                "fil": justerat.fil,
                "sha256": justerat.sha256,
            }
            | _forsegla(steg, s, justerat),
            handling=PROTOKOLLET_JUSTERAT,
        )
        steg.hant(ProtokolletJusterat(namnd.namn, k.datum, justerat.fil, justerat.sha256))
    uow.sammantraden.spara(s)


def _forsegla(steg: Steg, s: Sammantrade, justerat: Protokollfil) -> dict[str, Any]:
    """The justerat protokoll as PDF/A with the nämnd's seal, one PAdES signature per
    signatory in the order they signed (naming her, her role, the time and the sha256 she
    approved), stored beside the Word file. Made here, in the justering's transaction,
    because the seal is part of the act: a seal that cannot be made refuses the step. Without
    LibreOffice there is no PDF to seal; the audit event says why."""
    pdf, sigill = steg.beroenden.pdf, steg.beroenden.sigill
    if pdf is None or sigill is None:
        return {}
    arkiv = steg.beroenden.dokument.arkiv
    try:
        innehall = pdf.till_pdf(arkiv.las(justerat.fil))
    except TjanstSaknas as fel:
        return {"pdf_saknas": fel.meddelande}
    underskrifter = [
        Underskrift(u.namn, u.roll.value, u.tidpunkt, u.protokoll_sha256) for u in s.signaturer
    ]
    forseglat = sigill.forsegla(innehall, s.namnd, underskrifter)
    fil = justerat.fil.removesuffix(".docx") + ".pdf"
    sha = arkiv.spara(fil, forseglat)
    return {
        "pdf": fil,
        "pdf_sha256": sha,
        "sigill": [f"{u.namn} ({u.roll}) {u.tidpunkt.isoformat()}" for u in underskrifter],
    }


def ansla(k: Ansla, steg: Steg) -> None:
    """The justering goes up on the anslagstavla: the system publishes the notice now, and
    today is the posting day (or the day given, for a notice posted on another board before
    it was registered here). Every ärende decided in sak in the protokoll (or, `omedelbart`,
    in its omedelbart justerade §§) is anslaget that day (the appeal period runs from it)
    and gets its anslag document. Each is then handed on to expediering, or closed at once
    if its type has none (an anmälan)."""
    namnd = steg.namnd
    assert namnd is not None
    s = steg.sammantrade()
    kalender = steg.beroenden.kalender
    anslaget = k.anslaget or steg.idag
    if anslaget > steg.idag:
        raise OgiltigUppgift(
            f"Anslagsdatumet ({svenskt_datum(anslaget)}) ligger i framtiden; registrera det "
            "som har hänt."
        )
    if not k.omedelbart and s.anslag is not None:
        return  # the protokoll's anslag is up
    redan = {n for a in s.omedelbara_anslag for n in a.paragrafer}
    omedelbara = [p.nummer for p in s.paragrafer if p.omedelbart_justerad]
    if k.omedelbart and omedelbara and all(n in redan for n in omedelbara):
        return  # every omedelbart justerad § is anslagen
    anslag = s.ansla_omedelbart(anslaget, kalender) if k.omedelbart else s.ansla(anslaget, kalender)
    for nummer in anslag.paragrafer:
        p = s.paragraf(nummer)
        if p is None or not p.ar_arende or not (p.utfall and p.utfall.avgor_arendet):
            continue
        arende = steg.arende(p.dnr or "")
        if arende.skede is not Skede.JUSTERAT:
            continue
        steg.andra(
            arende,
            lambda a: a.ansla(anslaget, idag=steg.idag),
            handling="registrera anslaget",
            begart={"datum": anslaget, "paragraf": nummer},
        )
        steg.uppratta(arende, Handlingstyp.ANSLAG)
        if arende.livscykel.framat(Skede.ANSLAGET, Skede.EXPEDIERAT):
            steg.hant(ArendeOverlamnat(arende.dnr, namnd.namn))
        else:
            steg.andra(
                arende,
                lambda a: a.avsluta(anslaget, idag=steg.idag),
                handling="avsluta ärendet",
                begart={"datum": anslaget},
            )
    notis = Anslagsnotis(
        slag=Anslagsslag.OMEDELBART_JUSTERADE if k.omedelbart else Anslagsslag.JUSTERAT_PROTOKOLL,
        namnd=namnd.namn,
        sammantrade=s.datum,
        justerad=anslag.justeringsdatum,
        paragrafer=tuple(anslag.paragrafer),
        anslaget=anslaget,
        publicerad=datetime.now(UTC),
        overklagande_slut=anslag.overklagande_slut,
        ned=anslag.laga_kraft,
        forvaras=namnd.protokoll_forvaras or namnd.forvaltning,
        i_efterhand=k.anslaget is not None,
    )
    steg.uow.anslagstavla.satt_upp(notis)
    steg.logga(
        {
            "anslaget": anslaget.isoformat(),
            "paragrafer": list(anslag.paragrafer),
            "överklagande_slut": anslag.overklagande_slut.isoformat(),
            "för_sent": anslag.for_sent,
            "publicerat": "registrerat i efterhand" if notis.i_efterhand else "på anslagstavlan",
        }
    )
    steg.uow.sammantraden.spara(s)
    steg.hant(JusteringenAnslagen(namnd.namn, k.datum, anslaget, tuple(anslag.paragrafer)))


def _spara_dokument(
    steg: Steg, s: Sammantrade, namn: str, mall: str, data: dict[str, Any]
) -> Protokollfil:
    """A document of the sammanträde itself (kallelse, protokoll), kept in its own folder of
    the archive; its sha256 goes into the audit log."""
    verk = steg.beroenden.dokument
    docx = verk.mallar.rendera(mall, data)
    fil = f"sammantraden/{sammantradesmapp(s.namnd, s.datum.isoformat())}/{namn}.docx"
    sha = verk.arkiv.spara(fil, docx)
    assert sha == hashlib.sha256(docx).hexdigest()
    return Protokollfil(fil, sha)
