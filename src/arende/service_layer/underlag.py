"""The facts each document about an ärende is written from, gathered in one place.

Templates only place these values; every sentence that depends on the ärende's data (lists
of units, dates in words, the justering clause) is built here, so a kommun's own template
needs no logic and all templates say the same thing the same way.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import Any

from arende.domain.arende import Arende, Beslut
from arende.domain.arendetyp import Arendetyp
from arende.domain.datum import klockan_text, svenskt_datum, veckodag
from arende.domain.fel import OgiltigUppgift
from arende.domain.kalender import Helgdagskalender, lagstadgade_datum
from arende.domain.skeden import Skede, Utfall
from arende.domain.verksamhetsplan import Budgettabell, kort_rad, plan_fran_data, totalrad
from arende.service_layer.ports import Grunddata, UnitOfWork


def uppraknad(namn: list[str]) -> str:
    """'A, B, C samt D', the way seed 000 lists the units."""
    if len(namn) <= 1:
        return "".join(namn)
    return ", ".join(namn[:-1]) + " samt " + namn[-1]


def genitiv(namn: str) -> str:
    """Swedish genitive: 'Socialtjänstnämnden' → 'Socialtjänstnämndens'; 'Hus' → 'Hus'."""
    return namn if namn[-1:].lower() in ("s", "x", "z") else namn + "s"


def stycken(text: str) -> list[str]:
    """Paragraphs of a free text: separated by blank lines; a single newline stays a line
    break inside its paragraph."""
    delar = [d.strip() for d in text.replace("\r\n", "\n").split("\n\n")]
    return [d for d in delar if d]


def forslag_till_beslut(arende: Arende) -> list[str]:
    """Written as if already adopted, one action per point (DOMAIN.md)."""
    punkter = [
        f"{arende.namnd} beslutar nominera "
        f"{uppraknad([n.verksamhet for n in arende.nomineringar])}."
    ]
    if arende.foreslagen_omedelbar_justering:
        punkter.append("Paragrafen förklaras omedelbart justerad.")
    return punkter


def _arendets(arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
    """The facts every tjänsteutlåtande has, whatever the type."""
    namnd = grunddata.namnd(arende.namnd)
    handlaggare = grunddata.person(arende.handlaggare)
    return {
        "forvaltning": namnd.forvaltning,
        "avdelning": handlaggare.avdelning,
        "dnr": str(arende.dnr),
        "datum": (
            arende.faststallande.datum if arende.faststallande else arende.registreringsdatum
        ).isoformat(),
        "handlaggare": handlaggare.namn,
        "telefon": handlaggare.telefon,
        "namnd": namnd.namn,
        # The name as it stands, for copies of older templates that placed this field
        # mid-sentence: it used to be lowercased ("att östermalms stadsdelsnämnd godkänner"),
        # but a nämnd's name is a proper name. The bundled templates use `namnd`.
        "namnd_liten": namnd.namn,
        "titel": arende.titel,
        "undertecknare": [
            {"namn": namn, "titel": grunddata.person(namn).titel}
            for namn in (arende.faststallande.undertecknare if arende.faststallande else ())
        ],
        "samverkan": svenskt_datum(arende.samverkan.datum) if arende.samverkan else None,
    }


def _gemensamt(arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
    if arende.utmarkelsear is None:
        raise OgiltigUppgift(f"Ärende {arende.dnr} gäller inte kvalitetsutmärkelsen.")
    ar = grunddata.utmarkelsear(arende.utmarkelsear)
    klasser_nominerade = sorted({n.klass for n in arende.nomineringar})
    return _arendets(arende, grunddata) | {
        "ar": ar.ar,
        "utdelning": svenskt_datum(ar.utdelning) if ar.utdelning else None,
        "utdelningsplats": ar.utdelningsplats,
        "klasser": list(ar.klasser),
        "klasser_text": uppraknad(list(ar.klasser)),
        "klasser_nominerade": (
            f"klassen {klasser_nominerade[0]}"
            if len(klasser_nominerade) == 1
            else f"klasserna {uppraknad(klasser_nominerade)}"
        ),
        "sista_dag": svenskt_datum(ar.sista_dag) if ar.sista_dag else None,
        "mottagare": ar.mottagare,
        "mottagare_liten": ar.mottagare,  # as namnd_liten: a proper name, kept for old copies
        "enheter_text": uppraknad([n.verksamhet for n in arende.nomineringar]),
        "enheter": [
            {
                "verksamhet": n.verksamhet,
                "klass": n.klass,
                "beskrivning": n.beskrivning,
                "stycken": stycken(n.beskrivning),
            }
            for n in arende.nomineringar
        ],
        "kommentar": stycken(arende.avslutande_kommentar),
    }


def arendets_fakta(arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
    """For a kommun's own template: the facts every ärende has, and its forms' answers."""
    return _arendets(arende, grunddata) | {"uppgifter": arende.uppgifter}


def tjansteutlatande_allman(arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
    """A tjänsteutlåtande written in the type's beredning form: förslag, sammanfattning and
    free sections. Every answer is also there under `uppgifter`, for a kommun's own
    template."""
    skrivet: dict[str, Any] = arende.uppgifter.get(Skede.UNDER_BEREDNING.value, {})
    if not skrivet.get("forslag"):
        raise OgiltigUppgift(
            f"Tjänsteutlåtandet i {arende.dnr} har inget förslag till beslut: skriv det i "
            "formuläret under beredningen innan förslaget fastställs."
        )
    return _arendets(arende, grunddata) | {
        "forslag": list(skrivet["forslag"]),
        "sammanfattning": stycken(skrivet.get("sammanfattning") or ""),
        "avsnitt": [
            {"rubrik": a["rubrik"], "stycken": stycken(a.get("text") or "")}
            for a in skrivet.get("avsnitt", [])
        ],
        "uppgifter": arende.uppgifter,
    }


def antal(n: int, ett: str, flera: str) -> str:
    """'inga åtaganden', '1 åtagande', '16 nämndmål'."""
    if n == 0:
        return f"inga {flera}"
    return f"{n} {ett if n == 1 else flera}"


def mnkr(varde: Decimal) -> str:
    """A budget amount as Swedish text: '1 632,7', '−624,1' (a hard space between the
    thousands, the minus sign)."""
    tecken = "−" if varde < 0 else ""
    heltal, _, decimaler = f"{abs(varde):f}".partition(".")
    grupper = f"{int(heltal):,}".replace(",", "\u00a0")
    return f"{tecken}{grupper}{',' + decimaler if decimaler else ''}"


def _budgettotal(tabell: Budgettabell) -> str | None:
    rad = totalrad(tabell)
    if rad is None:
        return None
    # Footnote marks in the column headings ("Förslag 2009 ¹⁾") are the plan's, not ours.
    kolumner = [k.rstrip(" ⁰¹²³⁴⁵⁶⁷⁸⁹⁾") for k in tabell.kolumner[1:]]
    varden = [
        f"{k} {mnkr(v)} mnkr" for k, v in zip(kolumner, rad.varden, strict=False) if v is not None
    ]
    # The row's name as the plan writes it: it may be a common noun ("Nämnden totalt") or
    # begin with a nämnd's name ("Socialtjänst- och arbetsmarknadsnämnden totalt"), which
    # is a proper name and must keep its capital; nothing here can tell the two apart.
    return f"{tabell.rubrik}, {rad.namn}: {', '.join(varden)}."


def tjansteutlatande_verksamhetsplan(arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
    """The tjänsteutlåtande on a verksamhetsplan, as a Stockholm one reads: the general
    tjänsteutlåtande's parts, and a section "Verksamhetsplanens innehåll" summarising the
    plan kept with the ärende (service_layer/arendetyper.Verksamhetsplanen): each
    inriktningsmål with its KF-mål and the nämndmål under them, how many åtaganden, the
    budget tables' totals, and under "Att kontrollera" the lines that could not be placed."""
    skrivet: dict[str, Any] = arende.uppgifter.get(Skede.UNDER_BEREDNING.value, {})
    lagrad = skrivet.get("plan")
    if not lagrad:
        raise OgiltigUppgift(
            f"Ärendet {arende.dnr} har ingen inläst verksamhetsplan: klistra in planens text i "
            "formuläret under beredningen innan förslaget fastställs."
        )
    plan = plan_fran_data(lagrad["struktur"])
    ar = arende.uppgifter.get("verksamhetsar") or lagrad.get("ar")
    namndmal, ataganden = plan.namndmal(), plan.ataganden()
    innehall = (
        f"Verksamhetsplanen för {ar} utgår från kommunfullmäktiges "
        f"{antal(len(plan.inriktningsmal), 'inriktningsmål', 'inriktningsmål')} och "
        f"{antal(len(plan.kf_mal()), 'mål', 'mål')} för verksamhetsområdet. Under dem har "
        f"nämnden {antal(len(namndmal), 'nämndmål', 'nämndmål')}, och planen redovisar "
        f"{antal(len(ataganden), 'åtagande', 'åtaganden')} för att nå dem."
    )
    att_kontrollera = [
        (f"Rad {e.rad}" if e.rad else "Innehållsförteckningen")
        + f": ”{kort_rad(e.text)}” – {e.orsak}."
        for e in plan.ej_placerat
    ]
    if lagrad.get("ar") is None:
        att_kontrollera.insert(
            0,
            "Planen anger inget år i titeln eller i budgettabellernas rubriker: kontrollera "
            f"att den gäller {ar}.",
        )
    budget = [t for t in (_budgettotal(b) for b in plan.budget) if t]
    return tjansteutlatande_allman(arende, grunddata) | {
        "ar": ar,
        "plan_titel": plan.titel,
        "plan_innehall": innehall,
        "inriktningsmal": [
            {
                "rubrik": f"KF:s inriktningsmål {i.nummer}: {i.text}",
                "kf_mal": [
                    {
                        "rubrik": f"{k.nummer} {k.text}",
                        "namndmal": [
                            n.text
                            + (
                                f" ({antal(len(n.ataganden), 'åtagande', 'åtaganden')})"
                                if n.ataganden
                                else ""
                            )
                            for n in k.namndmal
                        ],
                    }
                    for k in i.kf_mal
                ],
            }
            for i in plan.inriktningsmal
        ],
        "budget": list(dict.fromkeys(budget)),  # seed 002 repeats a table: say it once
        "att_kontrollera": att_kontrollera,
    }


def tjansteutlatande(arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
    """The tjänsteutlåtande proposing the nomination (seed 000)."""
    return _gemensamt(arende, grunddata) | {"forslag": forslag_till_beslut(arende)}


def tjansteutlatande_for(dnr: str, uow: UnitOfWork) -> dict[str, Any]:
    with uow:
        return tjansteutlatande(uow.arenden.hamta(dnr), uow.grunddata)


def tjansteutlatande_deltagande(arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
    """The tjänsteutlåtande in which the nämnd approves its units' participation."""
    data = _gemensamt(arende, grunddata)
    return data | {
        "titel": f"Deltagande i Stockholms stads kvalitetsutmärkelse {data['ar']}",
        "forslag": [
            f"{arende.namnd} godkänner att {data['enheter_text']} deltar i Stockholms stads "
            f"kvalitetsutmärkelse {data['ar']}."
        ],
    }


def forslag_for(arende: Arende, typ: Arendetyp | None) -> list[str]:
    """The förslag till beslut the dagordning shows for the ärende, whatever its type: the
    nomination's own, the one written in beredning, or the type's fixed one (an anmälan)."""
    if arende.nomineringar:
        return forslag_till_beslut(arende)
    skrivet = arende.uppgifter.get(Skede.UNDER_BEREDNING.value, {})
    if skrivet.get("forslag"):
        return list(skrivet["forslag"])
    if typ is not None and typ.forslag:
        return [f.format(namnd=arende.namnd) for f in typ.forslag]
    return [f"{arende.namnd} lägger ärendet till handlingarna."]


def beslutspunkter(arende: Arende, beslut: Beslut) -> list[str]:
    """What the protokoll says the nämnd decided, point by point."""
    if beslut.utfall is Utfall.BIFALL:
        punkter = [p for p in forslag_till_beslut(arende) if "omedelbart justerad" not in p]
    elif beslut.utfall is Utfall.AVSLAG:
        punkter = [f"{arende.namnd} avslår förvaltningens förslag."]
        punkter += stycken(beslut.beslutstext)
    else:
        punkter = stycken(beslut.beslutstext)
    if beslut.omedelbar_justering:
        punkter.append("Paragrafen förklaras omedelbart justerad.")
    return punkter


def protokollsutdrag(arende: Arende, grunddata: Grunddata, vid_protokollet: str) -> dict[str, Any]:
    beslut = arende.gallande_beslut
    justering = arende.justering
    if beslut is None or justering is None:
        raise ValueError("Ett protokollsutdrag skrivs först när beslutet är justerat.")
    namnd = grunddata.namnd(arende.namnd)
    arendet = []
    if arende.faststallande:
        arendet.append(
            f"{genitiv(namnd.forvaltning)} tjänsteutlåtande daterat den "
            f"{svenskt_datum(arende.faststallande.datum)} har överlämnats."
        )
    if beslut.utfall is Utfall.BIFALL:
        arendet.append(f"{arende.namnd} beslutade enligt förvaltningens förslag.")
    return {
        "namnd": namnd.namn,
        "dnr": str(arende.dnr),
        "titel": arende.titel,
        "paragraf": beslut.paragraf,
        "sammantrade": svenskt_datum(beslut.sammantrade),
        "sammantrade_iso": beslut.sammantrade.isoformat(),
        "beslut": beslutspunkter(arende, beslut),
        "arendet": arendet,
        "justering": (
            "Paragrafen förklarades omedelbart justerad vid sammanträdet den "
            f"{svenskt_datum(beslut.sammantrade)}."
            if justering.omedelbar
            else f"Protokollet justerades den {svenskt_datum(justering.datum)}."
        ),
        "vid_protokollet": vid_protokollet,
        "justerande": [{"namn": justering.ordforande, "roll": "Ordförande"}]
        + [{"namn": namn, "roll": "Justerare"} for namn in justering.justerare],
    }


def anslag(
    arende: Arende,
    grunddata: Grunddata,
    kalender: Helgdagskalender,
    underskrift: str,
) -> dict[str, Any]:
    beslut = arende.gallande_beslut
    justering = arende.justering
    if beslut is None or justering is None or arende.anslagsdatum is None:
        raise ValueError("Ett anslag skrivs först när protokollet är justerat och anslaget.")
    namnd = grunddata.namnd(arende.namnd)
    datum = lagstadgade_datum(beslut.sammantrade, justering.datum, arende.anslagsdatum, kalender)
    assert datum.overklagande_slut is not None and datum.anslag_ned_tidigast is not None
    return {
        "namnd": namnd.namn,
        "namnd_genitiv": genitiv(namnd.namn),
        "sammantrade": svenskt_datum(beslut.sammantrade),
        "sammantrade_iso": beslut.sammantrade.isoformat(),
        "paragrafer": f"§ {beslut.paragraf}",
        "justering_iso": justering.datum.isoformat(),
        "justering_not": " (paragrafen omedelbart justerad)" if justering.omedelbar else "",
        "uppsatt_iso": arende.anslagsdatum.isoformat(),
        "nedtas_iso": datum.anslag_ned_tidigast.isoformat(),
        "overklagande_sista_dag": svenskt_datum(datum.overklagande_slut),
        "forvaras": namnd.protokoll_forvaras or namnd.forvaltning,
        "underskrift": underskrift,
    }


def kallelse(
    arende: Arende,
    grunddata: Grunddata,
    punkter: list[tuple[str, str]],
    sekreterare: str,
    utskick: date,
    klockan: time | None = None,
) -> dict[str, Any]:
    """The kallelse to the sammanträde the ärende is on, with every ärende on its dagordning
    (`punkter`: dnr and title, in dagordning order) and, when the plan says, its time."""
    if arende.sammantrade is None:
        raise ValueError("En kallelse skrivs först när ärendet står på en dagordning.")
    namnd = grunddata.namnd(arende.namnd)
    return {
        "namnd": namnd.namn,
        "namnd_liten": namnd.namn,  # see _arendets: a proper name, kept for old templates
        "sammantrade": svenskt_datum(arende.sammantrade),
        "sammantrade_iso": arende.sammantrade.isoformat(),
        "veckodag": veckodag(arende.sammantrade),
        "tid": klockan_text(klockan),
        "lokal": namnd.sammantradeslokal,
        "punkter": [{"dnr": dnr, "titel": titel} for dnr, titel in punkter],
        "sekreterare": sekreterare,
        "utskick_iso": utskick.isoformat(),
    }
