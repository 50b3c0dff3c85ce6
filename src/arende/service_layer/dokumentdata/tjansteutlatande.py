"""The tjänsteutlåtande of any ärendetyp, and the förslag till beslut it proposes."""

from __future__ import annotations

from typing import Any

from arende.domain.arende import Arende
from arende.domain.arendetyp import Arendetyp
from arende.domain.datum import svenskt_datum
from arende.domain.fel import OgiltigUppgift
from arende.domain.skeden import Skede
from arende.domain.verksamhetsplan import Budgettabell, kort_rad, plan_fran_data, totalrad
from arende.service_layer.dokumentdata.text import antal, mnkr, stycken
from arende.service_layer.ports import Grunddata


def alla_uppgifter(arende: Arende) -> dict[str, Any]:
    """The answers of every form the ärende has been through, by field name: the start
    form's, then each step's (a step's own answer wins)."""
    steg = {s.value for s in Skede}
    ut = {k: v for k, v in arende.uppgifter.items() if k not in steg}
    for skede in Skede:
        ut |= arende.uppgifter.get(skede.value, {})
    return ut


def forslag_till_beslut(arende: Arende, typ: Arendetyp | None) -> list[str]:
    """The förslag till beslut, written as if already adopted, one action per point
    (DOMAIN.md): as fastställt, once it is; before that as the beredning wrote it or the
    type's definition gives it, with the omedelbar justering when it is proposed."""
    if arende.forslag:
        return list(arende.forslag)
    skrivet = arende.uppgifter.get(Skede.UNDER_BEREDNING.value, {})
    if skrivet.get("forslag"):
        punkter = list(skrivet["forslag"])
    elif typ is not None and typ.forslag:
        punkter = typ.ge_forslag(arende.namnd, alla_uppgifter(arende))
    else:
        raise OgiltigUppgift(
            f"Ärende {arende.dnr} har inget förslag till beslut: skriv det i formuläret under "
            "beredningen innan förslaget fastställs."
        )
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


def arendets_fakta(arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
    """For a kommun's own template: the facts every ärende has, and its forms' answers."""
    return _arendets(arende, grunddata) | {"uppgifter": arende.uppgifter}


def tjansteutlatande(
    arende: Arende, typ: Arendetyp, egna: dict[str, Any], grunddata: Grunddata
) -> dict[str, Any]:
    """The tjänsteutlåtande of any type: its title is the ärendemening, then the förslag
    till beslut, the Sammanfattning and the sections in the order the type's definition
    gives them (and any the handläggare added in the form); `egna` are the facts the type's
    rules add (the nominated units, a verksamhetsplan's summary). Every answer is also
    there under `uppgifter`, for a kommun's own template."""
    skrivet: dict[str, Any] = arende.uppgifter.get(Skede.UNDER_BEREDNING.value, {})
    svar = alla_uppgifter(arende)
    return (
        _arendets(arende, grunddata)
        | {
            "forslag": forslag_till_beslut(arende, typ),
            "sammanfattning": stycken(skrivet.get("sammanfattning") or ""),
            "avsnitt": [
                {"rubrik": a.rubrik, "stycken": stycken(svar.get(a.falt) or "")}
                for a in typ.avsnitt
            ]
            + [
                {"rubrik": a["rubrik"], "stycken": stycken(a.get("text") or "")}
                for a in skrivet.get("avsnitt", [])
            ],
            "uppgifter": arende.uppgifter,
        }
        | egna
    )


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


def verksamhetsplanens_innehall(arende: Arende) -> dict[str, Any]:
    """What a tjänsteutlåtande on a verksamhetsplan adds, as a Stockholm one reads: a
    section "Verksamhetsplanens innehåll" summarising the plan kept with the ärende
    (regler.Verksamhetsplanen): each
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
    return {
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
