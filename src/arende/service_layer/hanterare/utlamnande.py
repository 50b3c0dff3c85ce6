"""Utlämnande of allmän handling: registering a request and trying it (TF 2 kap., OSL 6 kap.).

The request is an act on the ärende whose handlingar are asked for: its row is locked while
the request is registered or tried, so a handling cannot be marked, or a second prövning
made, under the first one's feet. Trying it draws up, in the same transaction, a copy of
each handling given out with masking (a Word handling's own file with the masked stycken
replaced, its layout kept; an e-mail written from its text; a PDF or an image as its pages
with them painted black: either way the secret text is not in the copy) and, when anything is refused in
whole or in part, the written decision naming the provision with its besvärshänvisning.
Both are registered as the ärende's handlingar and logged like every other document.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from arende.domain.datum import STOCKHOLM, svenskt_datum, svenskt_klockslag
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.handelser import BegaranProvad, BegaranRegistrerad, HandlingUpprattad
from arende.domain.handling import Handling, Handlingstyp
from arende.domain.sekretess import intervall
from arende.domain.utlamnande import (
    Begaran,
    Provning,
    Utfall,
    maskera,
    ny_begaran,
    prova,
    tolka_utfall,
)
from arende.service_layer.handlingar import registrera_upprattad, uppratta
from arende.service_layer.kommandon import ProvaBegaran, RegistreraBegaran
from arende.service_layer.ports import Stycke
from arende.service_layer.steg import Steg
from arende.service_layer.utlamnande import (
    filtyp,
    kopians_notis,
    kopieras_som_bild,
    las_fil,
    las_stycken_med_rutor,
    maskerad_bildkopia,
    textlasare,
)


def registrera_begaran(k: RegistreraBegaran, steg: Steg) -> None:
    a = steg.arendet
    dnr = str(a.dnr)
    uow = steg.uow
    begaran = ny_begaran(
        nummer=uow.begaranden.nasta_nummer(dnr),
        dnr=dnr,
        mottagen=k.mottagen,
        idag=steg.idag,
        handlingar=list(k.handlingar),
        finns={h.nummer for h in uow.handlingar.for_arende(dnr)},
        registrerad_av=steg.aktor,
        sokande=k.sokande,
        kontakt=k.kontakt,
        beskrivning=k.beskrivning,
        kopia=k.kopia,
    )
    uow.begaranden.lagg_till(begaran)
    steg.logga(
        {
            "begäran": begaran.nummer,
            "mottagen": begaran.mottagen.astimezone(UTC).isoformat(),
            "sökande": begaran.vem,
            "handlingar": list(begaran.handlingar),
            "kopia": begaran.kopia,
            "beskrivning": begaran.beskrivning,
        },
        dnr=a.dnr,
    )
    steg.hant(BegaranRegistrerad(a.dnr, begaran.nummer))


def _senaste(handlingar: list[Handling], nummer: int, dnr: str) -> Handling:
    versioner = [h for h in handlingar if h.nummer == nummer]
    if not versioner:
        raise HittasInte(f"Ärende {dnr} har ingen handling {nummer}.")
    return versioner[-1]


def prova_begaran(k: ProvaBegaran, steg: Steg) -> None:
    """Check every answer first (each handling, each provision, each stycke), then draw up
    and register: a refused prövning leaves neither a document nor a changed request."""
    a = steg.arendet
    dnr = str(a.dnr)
    uow = steg.uow
    begaran = uow.begaranden.hamta(dnr, k.begaran)
    handlingar = uow.handlingar.for_arende(dnr)
    begaran.kontrollera_oppen()
    texter: dict[int, list[str]] = {}
    lasta: dict[int, list[Stycke]] = {}
    provningar: list[Provning] = []
    for svar in k.provningar:
        begaran.kontrollera_begard(svar.nummer)
        antal: int | None = None
        if tolka_utfall(svar.nummer, svar.utfall) is Utfall.MASKERAS:
            h = _senaste(handlingar, svar.nummer, dnr)
            lasta[svar.nummer] = las_stycken_med_rutor(steg.beroenden, h)
            texter[svar.nummer] = [s.text for s in lasta[svar.nummer]]
            antal = len(texter[svar.nummer])
        provningar.append(prova(svar.nummer, svar.utfall, svar.bestammelse, svar.stycken, antal))
    nar = _nu()
    begaran.avgor(provningar, nar, steg.aktor)

    kopior: dict[int, Handling] = {}
    for p in begaran.provningar:
        if p.utfall is not Utfall.MASKERAS:
            continue
        assert p.bestammelse is not None
        original = _senaste(handlingar, p.nummer, dnr)
        data = _kopiedata(steg, begaran, original, p, texter[p.nummer])
        kopia = _registrera(
            steg,
            Handlingstyp.UTLAMNAD_KOPIA,
            f"kopia-{p.nummer}",
            titel=f"Kopia av handling {p.nummer} med maskering (begäran {begaran.nummer})",
            motpart=begaran.vem,
            data=data,
            # A PDF or an image is masked on its pages, its look kept (TF 2 kap. 15 §).
            pdf=maskerad_bildkopia(steg.beroenden, original, lasta[p.nummer], p.stycken, data)
            if kopieras_som_bild(original)
            else None,
            # A Word handling's copy is its own file masked, its layout kept.
            docx=_maskerad_fil(steg, original, p, data),
        )
        kopior[p.nummer] = kopia
        begaran.med_kopia(p.nummer, kopia.nummer)

    beslut: Handling | None = None
    if any(p.utfall is not Utfall.LAMNAS_UT for p in begaran.provningar):
        beslut = _registrera(
            steg,
            Handlingstyp.BESLUT_UTLAMNANDE,
            "beslut",
            titel=f"Beslut med anledning av begäran om allmän handling (begäran {begaran.nummer})",
            motpart=begaran.vem,
            data=_beslutsdata(steg, begaran, handlingar),
        )
        begaran.beslut = beslut.nummer
    uow.begaranden.spara_provning(begaran)
    steg.logga(
        {
            "begäran": begaran.nummer,
            "prövning": [
                {
                    "nummer": p.nummer,
                    "utfall": p.utfall.value,
                    "bestämmelse": p.bestammelse,
                    "stycken": list(p.stycken),
                }
                | (
                    {"kopia": p.kopia, "sha256": kopior[p.nummer].sha256}
                    if p.nummer in kopior
                    else {}
                )
                for p in begaran.provningar
            ],
        }
        | ({"beslut": beslut.nummer, "beslut_sha256": beslut.sha256} if beslut else {}),
        dnr=a.dnr,
    )
    steg.hant(BegaranProvad(a.dnr, begaran.nummer, beslut.nummer if beslut else 0))


def _nu() -> datetime:
    return datetime.now(UTC)


def _registrera(
    steg: Steg,
    typ: Handlingstyp,
    del_: str,
    *,
    titel: str,
    motpart: str,
    data: dict[str, Any],
    pdf: bytes | None = None,
    docx: bytes | None = None,
) -> Handling:
    """Draw up and register one of the prövning's documents, each under a key of its own
    (one step may draw up several copies of one type): from its template, or the `pdf` or
    `docx` made already (the masked copy of a PDF or an image, of a Word handling)."""
    vem = steg.vem()
    if vem.nyckel:
        vem = dataclasses.replace(vem, nyckel=f"{vem.nyckel}:{del_}")
    a = steg.arendet
    if pdf is not None:
        arkiv = steg.beroenden.dokument.arkiv
        handling = registrera_upprattad(
            steg.uow, arkiv, a, typ, vem, pdf, "pdf", titel=titel, motpart=motpart
        )
    else:
        handling = uppratta(
            steg.uow,
            steg.beroenden.dokument,
            a,
            typ,
            vem,
            data=data,
            titel=titel,
            motpart=motpart,
            docx=docx,
        )
    steg.hant(HandlingUpprattad(a.dnr, typ.value, handling.nummer, handling.version))
    steg.rord(a.dnr)
    return handling


def _handlingens_namn(h: Handling) -> str:
    """A handling as a decision names it: number, kind and date, never its title (a
    marked handling's title may itself be what is secret)."""
    return f"handling {h.nummer} ({h.typ.value}, {h.datum.isoformat()})"


def _mottagen_text(begaran: Begaran) -> str:
    tid = begaran.mottagen.astimezone(STOCKHOLM)
    return f"den {svenskt_datum(tid.date())} kl. {svenskt_klockslag(tid.time())}"


def _gemensamt(steg: Steg, begaran: Begaran) -> dict[str, Any]:
    assert steg.namnd is not None
    titel = steg.person.titel if steg.person is not None else ""
    return {
        "namnd": steg.namnd.namn,
        "forvaltning": steg.namnd.forvaltning,
        "dnr": begaran.dnr,
        "begaran": begaran.nummer,
        "datum": svenskt_datum(steg.idag),
        "sokande": begaran.vem,
        "kontakt": begaran.kontakt or "",
        "mottagen": _mottagen_text(begaran),
        "beslutsfattare": steg.aktor,
        "beslutsfattarens_titel": titel,
    }


def _kopiedata(
    steg: Steg, begaran: Begaran, original: Handling, p: Provning, stycken: list[str]
) -> dict[str, Any]:
    assert p.bestammelse is not None
    return _gemensamt(steg, begaran) | {
        "handling": _handlingens_namn(original),
        "maskerade": intervall(p.stycken),
        "bestammelse": p.bestammelse,
        "stycken": maskera(stycken, p.stycken, p.bestammelse),
    }


def _maskerad_fil(
    steg: Steg, original: Handling, p: Provning, data: dict[str, Any]
) -> bytes | None:
    """A Word handling's copy is its own file masked, so it keeps the original's layout,
    with the copy's notice first; None for the others (a PDF's or an image's is painted on
    its pages, an e-mail's the template writes from its text)."""
    assert p.bestammelse is not None
    if kopieras_som_bild(original):
        return None
    return textlasare(steg.beroenden).maskerad_kopia(
        las_fil(steg.beroenden, original),
        filtyp(original),
        set(p.stycken),
        p.bestammelse,
        kopians_notis(data),
    )


def _beslutsdata(steg: Steg, begaran: Begaran, handlingar: list[Handling]) -> dict[str, Any]:
    punkter: list[str] = []
    bestammelser: list[str] = []
    for p in begaran.provningar:
        namn = _handlingens_namn(_senaste(handlingar, p.nummer, begaran.dnr))
        if p.bestammelse and p.bestammelse not in bestammelser:
            bestammelser.append(p.bestammelse)
        if p.utfall is Utfall.LAMNAS_UT:
            punkter.append(f"{namn.capitalize()} lämnas ut.")
        elif p.utfall is Utfall.MASKERAS:
            punkter.append(
                f"{namn.capitalize()} lämnas ut med undantag för de uppgifter som har "
                f"maskerats (stycke {intervall(p.stycken)}). I den delen avslås begäran med "
                f"stöd av {p.bestammelse}."
            )
        else:
            punkter.append(f"Begäran att få ta del av {namn} avslås med stöd av {p.bestammelse}.")
    if not bestammelser:  # pragma: no cover - a decision is drawn up only for a refusal
        raise OgiltigUppgift("Inget avslag att besluta om.")
    grunder = (
        " och ".join(bestammelser)
        if len(bestammelser) < 3
        else (", ".join(bestammelser[:-1]) + " och " + bestammelser[-1])
    )
    return _gemensamt(steg, begaran) | {
        "punkter": punkter,
        "bestammelser": grunder,
        "kammarratt": steg.beroenden.kammarratt,
    }
