"""The facts of a sammanträde's documents (kallelse with dagordning, protokoll, and each §'s
protokollsutdrag), as the templates in templates/ read them."""

from __future__ import annotations

from typing import Any

from arende.domain.arende import Arende
from arende.domain.datum import klockan_text, svenskt_datum, svenskt_klockslag, veckodag
from arende.domain.organisation import Namnd
from arende.domain.roller import Roll
from arende.domain.sammantrade.dagordning import VAL_AV_JUSTERARE
from arende.domain.sammantrade.mote import Sammantrade
from arende.domain.sammantrade.narvaro import Ledamot
from arende.domain.sammantrade.omrostning import Paragraf, Rostval
from arende.domain.sammantrade.reservation import Anteckningsslag
from arende.domain.skeden import Utfall
from arende.domain.text import namnlista
from arende.service_layer.dokumentdata.text import genitiv, stycken
from arende.service_layer.ports import Arkiv, UnitOfWork
from arende.service_layer.visningsportar import offentlig_titel


def namndsekreterare(uow: UnitOfWork, namnd: str, annars: str) -> str:
    for person in uow.grunddata.personer_i_namnd(namnd):
        if Roll.NAMNDSEKRETERARE in person.roller:
            return person.namn
    return annars


def _parti(ledamoter: dict[str, Ledamot], namn: str) -> str:
    ledamot = ledamoter.get(namn.casefold())
    return f"{namn} ({ledamot.parti})" if ledamot and ledamot.parti else namn


def _register(namnd: Namnd) -> dict[str, Ledamot]:
    return {ledamot.namn.casefold(): ledamot for ledamot in namnd.ledamoter}


def kallelse(s: Sammantrade, namnd: Namnd, uow: UnitOfWork, arkiv: Arkiv) -> dict[str, Any]:
    """The kallelse document's facts: the dagordning, each ärende with its handlingar (a
    sekretess handling by its public title only: the kallelse goes to every ledamot and
    ersättare and is often published)."""
    fakta = dagordningens_fakta(s, namnd, uow)
    for punkt in fakta["punkter"]:
        punkt["handlingar"] = [
            {
                "titel": offentlig_titel(h.titel, sekretess=h.sekretess, granskad=h.granskad),
                "fil": arkiv.url(h.pdf_fil or h.fil),
            }
            for h in uow.handlingar.for_arende(punkt["dnr"])
        ]
    return fakta


def dagordningens_fakta(s: Sammantrade, namnd: Namnd, uow: UnitOfWork) -> dict[str, Any]:
    """The kallelse without its handlingar: the day, time and place, the version sent, and
    each point of the dagordning with its förslag till beslut (the public site lists the
    handlingar itself, with what it may show of each)."""
    dagordning = s.dagordning
    assert dagordning is not None
    tidigare = s.dagordningar[-2] if len(s.dagordningar) > 1 else None
    punkter: list[dict[str, Any]] = [
        {
            "nummer": i,
            "titel": punkt.titel
            + (
                f" (bordlagt den {svenskt_datum(punkt.bordlagt_den)})" if punkt.bordlagt_den else ""
            ),
            "dnr": punkt.dnr,
            "forslag": list(punkt.forslag),
        }
        for i, punkt in enumerate(dagordning.punkter, start=2)  # 1 is Val av justerare
    ]
    return {
        "namnd": namnd.namn,
        "namnd_liten": namnd.namn,  # see underlag._arendets: a proper name, for old templates
        "sammantrade": svenskt_datum(s.datum),
        "sammantrade_iso": s.datum.isoformat(),
        "veckodag": veckodag(s.datum),
        "tid": _planerad_tid(s, uow),
        "lokal": s.plats or namnd.sammantradeslokal,
        "utskick_iso": dagordning.utskickad.isoformat(),
        "version": dagordning.version,
        "ersatter": (
            f"version {tidigare.version} utskickad den {svenskt_datum(tidigare.utskickad)}"
            if tidigare
            else ""
        ),
        "punkter": punkter,
        "sekreterare": namndsekreterare(uow, namnd.namn, ""),
    }


def _planerad_tid(s: Sammantrade, uow: UnitOfWork) -> str:
    """'kl. 18.00' when the sammanträdesplan says when the meeting begins."""
    return klockan_text(uow.planer.borjan(s.namnd, s.datum))


def tid(s: Sammantrade) -> str:
    """The meeting's time as the protokoll's "Tid" gives it after the day: 'kl. 18.00–19.30',
    'kl. 18.00' while it has not ended; empty for a meeting stored without its times."""
    if s.borjade is None:
        return ""
    slut = f"–{svenskt_klockslag(s.avslutades)}" if s.avslutades else ""
    return klockan_text(s.borjade) + slut


def beslutstext(s: Sammantrade, p: Paragraf, namnd: Namnd, arende: Arende | None) -> list[str]:
    """What the nämnd decided in the §, point by point, as the protokoll says it."""
    if not p.ar_arende:
        return stycken(_val_av_justerare(s, namnd))
    assert p.utfall is not None
    if p.utfall is Utfall.BORDLAGGNING:
        assert p.nytt_sammantrade is not None
        return [
            f"Ärendet bordläggs till nämndens sammanträde den {svenskt_datum(p.nytt_sammantrade)}."
        ]
    if p.utfall is Utfall.ATERREMISS:
        return [
            "Ärendet återremitteras till förvaltningen"
            + (f": {p.beslutstext}" if p.beslutstext else ".")
        ]
    if p.utfall is Utfall.AVSLAG:
        return [f"{namnd.namn} avslår förvaltningens förslag.", *stycken(p.beslutstext)]
    if p.utfall is Utfall.ANDRAT_BESLUT:
        return stycken(p.beslutstext)
    punkt = s.dagordningar[-1].punkt(p.dnr or "")
    forslag = [f for f in (punkt.forslag if punkt else ()) if "omedelbart justerad" not in f]
    return forslag + stycken(p.beslutstext)


def _val_av_justerare(s: Sammantrade, namnd: Namnd) -> str:
    register = _register(namnd)
    justerare = " och ".join(_parti(register, j) for j in s.justerare)
    assert s.justering_forsta is not None and s.justering_sista is not None
    return (
        f"Nämnden utser {justerare} att jämte ordföranden justera dagens protokoll. "
        f"Justeringen sker{' på ' + s.justeringsplats if s.justeringsplats else ''} mellan den "
        f"{svenskt_datum(s.justering_forsta)} och den {svenskt_datum(s.justering_sista)}."
    )


def _yrkanden(p: Paragraf, register: dict[str, Ledamot]) -> list[str]:
    return [f"{_parti(register, y.yrkande_av)} yrkar {y.lydelse.rstrip('.')}." for y in p.yrkanden]


def _omrostning(p: Paragraf, register: dict[str, Ledamot]) -> dict[str, Any] | None:
    if p.omrostning is None:
        return None
    r = p.omrostning.resultat
    lottning = ""
    if r.lottning:
        lottning = (
            # Lika röstetal i val och anställning avgörs genom lottning, not the ordförande.
            "Rösterna faller lika, och lottning förrättas. Lotten faller på "
            f"{'ja' if r.vinnare is Rostval.JA else 'nej'}-propositionen, bifall till {r.lydelse}."
        )
    return {
        "propositioner": p.omrostning.propositioner,
        "sluten": p.omrostning.sluten,
        "lottning": lottning,
        "ja_lydelse": p.omrostning.ja_lydelse,
        "nej_lydelse": p.omrostning.nej_lydelse,
        "roster": [
            {
                "namn": namn,
                "parti": register[namn.casefold()].parti if namn.casefold() in register else "",
                "rost": rost.value,
            }
            for namn, rost in p.omrostning.roster
        ],
        "ja": r.ja,
        "nej": r.nej,
        "avstar": r.avstar,
        "utslagsrost": r.utslagsrost,
        "resultat": "Nämnden har beslutat i enlighet med "
        f"{'ja' if r.vinnare is Rostval.JA else 'nej'}-propositionen.",
    }


def _propositionsordning(p: Paragraf, register: dict[str, Ledamot]) -> list[str]:
    """How the ordförande put the yrkanden against each other (only when there were two or
    more), and whether an omröstning was asked for."""
    if len(p.yrkanden) < 2:
        return []
    forsta, andra = p.yrkanden[0], p.yrkanden[1]
    vinnare = forsta
    if p.omrostning is not None and p.omrostning.resultat.vinnare is Rostval.NEJ:
        vinnare = andra

    def yrkande(y: Any) -> str:
        ledamot = register.get(y.yrkande_av.casefold())
        parti = f" ({ledamot.parti})" if ledamot and ledamot.parti else ""
        return f"{genitiv(y.yrkande_av)}{parti} yrkande"

    rader = [
        f"Ordföranden ställer proposition på {yrkande(forsta)} mot {yrkande(andra)} och "
        f"finner att nämnden beslutat enligt {yrkande(vinnare)}."
    ]
    if p.omrostning is not None:
        rader.append(
            "Sluten omröstning begärs och verkställs."
            if p.omrostning.sluten
            else "Omröstning begärs och verkställs."
        )
    return rader


def _deltar(p: Paragraf, register: dict[str, Ledamot]) -> str:
    """Who took part in the decision (kommunallagen 5 kap. 67 §), one sentence."""
    if p.deltagande is None:
        return ""
    return f"I beslutet deltar {namnlista([_parti(register, n) for n in p.deltagande.deltar])}."


def _jav(p: Paragraf, register: dict[str, Ledamot], ordforande: str) -> list[str]:
    """The jäv questions as the protokoll states them, and who led the § if not the
    meeting's ordförande."""
    if p.deltagande is None:
        return []
    rader = []
    for j in p.deltagande.jav:
        if j.jav:
            rad = (
                f"{_parti(register, j.namn)} anmäler jäv ({j.grund}). Nämnden finner att "
                f"{j.namn} är jävig. {j.namn} deltar inte i handläggningen av ärendet och "
                "lämnar lokalen under paragrafen."
            )
            if j.ersatt_av:
                rad += f" {_parti(register, j.ersatt_av)} tjänstgör i {genitiv(j.namn)} ställe."
        else:
            rad = (
                f"Fråga om jäv för {_parti(register, j.namn)} ({j.grund}). Nämnden finner att "
                f"{j.namn} inte är jävig."
            )
        if j.i_javsfragan:
            rad += (
                f" {j.namn} deltar i beslutet om jäv, eftersom nämnden annars inte är beslutför "
                "och ingen ersättare kan kallas in (kommunallagen 6 kap. 30 §)."
            )
        rader.append(rad)
    if p.deltagande.utsedd:
        rader.append(
            f"Varken ordföranden eller vice ordföranden kan leda paragrafen. Nämnden utser "
            f"{_parti(register, p.deltagande.ordforande)} att leda sammanträdet under "
            "paragrafen."
        )
    elif p.deltagande.ordforande != ordforande:
        ledamot = register.get(p.deltagande.ordforande.casefold())
        roll = ledamot.roll.value if ledamot else "ledamoten"
        rader.append(
            f"{roll.capitalize()} {_parti(register, p.deltagande.ordforande)} leder "
            "sammanträdet under paragrafen."
        )
    return rader


def _reservationer(p: Paragraf, register: dict[str, Ledamot]) -> dict[str, list[str]]:
    """Reservationer and protokollsanteckningar, each with its written motivation."""
    reservationer: list[str] = []
    anteckningar: list[str] = []
    for r in p.reservationer:
        vem = _parti(register, r.av)
        if r.slag is Anteckningsslag.RESERVATION:
            rad = f"{vem} reserverar sig mot beslutet" + (
                f" {r.text.rstrip('.')}." if r.text else "."
            )
            if r.motivering:
                rad = rad.removesuffix(".") + f" och anför följande: {r.motivering}"
            reservationer.append(rad)
        else:
            anteckningar.append(f"{vem} lämnar följande protokollsanteckning: {r.text}")
    return {"reservationer": reservationer, "protokollsanteckningar": anteckningar}


def _narvaroandringar(s: Sammantrade, nummer: int, register: dict[str, Ledamot]) -> list[str]:
    """Who arrived or left before § `nummer`, and who tjänstgör in whose place from then."""
    rader = []
    for a in s.narvaroandringar:
        if a.fore_paragraf != nummer:
            continue
        tid = f" kl. {svenskt_klockslag(a.klockan)}" if a.klockan else ""
        for n in a.ankommer:
            rader.append(f"{_parti(register, n)} ankommer{tid} och är närvarande från § {nummer}.")
        for n in a.lamnar:
            rader.append(f"{_parti(register, n)} lämnar sammanträdet{tid}, före § {nummer}.")
        for n in a.avlosta:
            rader.append(f"{_parti(register, n)} upphör att tjänstgöra från § {nummer}.")
        for e in a.inkallade:
            rader.append(
                f"{_parti(register, e.namn)} tjänstgör från § {nummer} i "
                f"{genitiv(e.tjanstgor_for or '')} ställe."
            )
    return rader


def protokoll(s: Sammantrade, namnd: Namnd, uow: UnitOfWork, sekreterare: str) -> dict[str, Any]:
    assert s.narvaro is not None and s.ordforande is not None
    register = _register(namnd)
    tjanstgor_for = {e.namn.casefold(): e.tjanstgor_for for e in s.narvaro.ersattare}
    # Who took part is written under a § only when it differs from those who tjänstgjorde
    # at the opening (listed first, as Swedish protokoll do); the utdrag always says it.
    vid_oppnandet = s.narvaro.tjanstgorande
    paragrafer = []
    for p in s.paragrafer:
        # Read, not locked: the text needs the fastställande only (and the public site reads
        # the protokoll on a read-only database).
        arende = uow.arenden.hamta(p.dnr, las=False) if p.dnr else None
        paragrafer.append(
            {
                "nummer": p.nummer,
                "rubrik": p.titel if p.ar_arende else VAL_AV_JUSTERARE,
                "dnr": p.dnr or "",
                "beslut": beslutstext(s, p, namnd, arende),
                "arendet": _arendet(arende, namnd) if arende else [],
                "yrkanden": _yrkanden(p, register),
                "propositionsordning": _propositionsordning(p, register),
                "omrostning": _omrostning(p, register),
                "omedelbart_justerad": p.omedelbart_justerad,
                "narvaro": _narvaroandringar(s, p.nummer, register),
                "jav": _jav(p, register, s.ordforande),
                "deltar": (
                    _deltar(p, register)
                    if p.deltagande and p.deltagande.deltar != vid_oppnandet
                    else ""
                ),
                "delegationsbeslut": delegationsbeslut(uow, p.dnr),
            }
            | _reservationer(p, register)
        )
    forsta = s.paragrafer[0].nummer if s.paragrafer else 0
    anslagen = s.anslag.datum if s.anslag else None
    return {
        "namnd": namnd.namn,
        "namnd_liten": namnd.namn,  # see underlag._arendets: a proper name, for old templates
        "forvaltning": namnd.forvaltning,
        "protokollnummer": protokollnummer(s, uow),
        "sammantrade": svenskt_datum(s.datum),
        "sammantrade_iso": s.datum.isoformat(),
        "veckodag": veckodag(s.datum),
        "tid": tid(s),
        "lokal": s.plats or namnd.sammantradeslokal,
        "ledamoter": [
            {
                "namn": namn,
                "parti": register[namn.casefold()].parti if namn.casefold() in register else "",
                "roll": register[namn.casefold()].roll.value if namn.casefold() in register else "",
            }
            for namn in s.narvaro.ledamoter
        ],
        "tjanstgorande_ersattare": [
            {
                "namn": e.namn,
                "parti": register[e.namn.casefold()].parti if e.namn.casefold() in register else "",
                "for": _parti(register, tjanstgor_for[e.namn.casefold()] or ""),
            }
            for e in s.narvaro.ersattare
            if e.tjanstgor_for
        ],
        "ersattare": [
            {"namn": n, "parti": register[n.casefold()].parti if n.casefold() in register else ""}
            for n in s.narvaro.ej_tjanstgorande_ersattare
        ],
        "ovriga": [{"namn": t.namn, "titel": t.titel} for t in s.narvaro.ovriga],
        "justerare": list(s.justerare),
        "ordforande": s.ordforande,
        "justering_plats": s.justeringsplats,
        "justering_forsta": svenskt_datum(s.justering_forsta) if s.justering_forsta else "",
        "justering_sista": svenskt_datum(s.justering_sista) if s.justering_sista else "",
        "forsta_paragraf": forsta,
        "sista_paragraf": s.paragrafer[-1].nummer if s.paragrafer else forsta,
        "paragrafer": paragrafer,
        "sekreterare": sekreterare,
        "signaturer": [
            {
                "namn": sig.namn,
                "roll": sig.roll.value.capitalize(),
                "tidpunkt": f"{svenskt_datum(sig.tidpunkt.date())} kl. "
                f"{sig.tidpunkt.strftime('%H.%M')}",
                "sha256": sig.protokoll_sha256,
            }
            for sig in s.signaturer
        ],
        "anslagen": svenskt_datum(anslagen) if anslagen else "",
    }


def protokollnummer(s: Sammantrade, uow: UnitOfWork) -> str:
    """'6/2008': the meeting's place in the nämnd's sammanträdesplan for the year."""
    plan = uow.planer.plan(s.namnd, s.datum.year)
    nummer = plan.datum.index(s.datum) + 1 if plan and s.datum in plan.datum else 0
    return f"{nummer}/{s.datum.year}" if nummer else str(s.datum.year)


def _arendet(arende: Arende, namnd: Namnd) -> list[str]:
    if arende.faststallande is None:
        return ["Ärendet har anmälts till nämnden."]
    return [
        f"{genitiv(namnd.forvaltning)} tjänsteutlåtande daterat den "
        f"{svenskt_datum(arende.faststallande.datum)} har överlämnats."
    ]


def delegationsbeslut(uow: UnitOfWork, dnr: str | None) -> list[str]:
    """The delegationsbeslut an anmälan brings to the nämnd, from the register, one line each
    (empty for any other §)."""
    return [b.rad for b in uow.delegationsbeslut.i_anmalan(dnr)] if dnr else []


def protokollsutdrag(
    s: Sammantrade,
    p: Paragraf,
    arende: Arende,
    namnd: Namnd,
    vid_protokollet: str,
    anmalda: list[str] | None = None,
) -> dict[str, Any]:
    """The extract of one §, drawn up with the beslut (protokollsutdrag.docx); `anmalda` the
    delegationsbeslut an anmälan brings (see `delegationsbeslut`)."""
    assert s.justering_forsta is not None and s.justering_sista is not None
    register = _register(namnd)
    return {
        "namnd": namnd.namn,
        "dnr": str(arende.dnr),
        "titel": arende.offentlig_titel,
        "paragraf": p.nummer,
        "sammantrade": svenskt_datum(s.datum),
        "sammantrade_iso": s.datum.isoformat(),
        "beslut": beslutstext(s, p, namnd, arende)
        + (["Paragrafen förklaras omedelbart justerad."] if p.omedelbart_justerad else []),
        "arendet": _arendet(arende, namnd) + _yrkanden(p, register),
        "jav": _jav(p, register, s.ordforande or ""),
        "omrostning": _omrostning(p, register),
        "deltar": _deltar(p, register),
        "justering": (
            "Paragrafen förklarades omedelbart justerad vid sammanträdet den "
            f"{svenskt_datum(s.datum)}."
            if p.omedelbart_justerad
            else f"Protokollet justeras mellan den {svenskt_datum(s.justering_forsta)} och den "
            f"{svenskt_datum(s.justering_sista)}."
        ),
        "vid_protokollet": vid_protokollet,
        "delegationsbeslut": anmalda or [],
        "importerat": [],  # only an extract drawn up when an earlier protokoll is imported
        "justerande": [{"namn": s.ordforande or "", "roll": "Ordförande"}]
        + [{"namn": j, "roll": "Justerare"} for j in s.justerare],
    } | _reservationer(p, register)


def paragraf_som_json(p: Paragraf) -> dict[str, Any]:
    """The § as the audit log keeps it: every yrkande and vote, not only the outcome."""
    return {
        "paragraf": p.nummer,
        "utfall": p.utfall.value if p.utfall else None,
        "yrkanden": [
            {"ordning": y.ordning, "av": y.yrkande_av, "lydelse": y.lydelse} for y in p.yrkanden
        ],
        "omröstning": (
            {
                "ja": p.omrostning.ja_lydelse,
                "nej": p.omrostning.nej_lydelse,
                "sluten": p.omrostning.sluten,
                # A closed vote keeps the counts only, here too.
                "röster": {n: r.value for n, r in p.omrostning.roster},
                "antal": {
                    "ja": p.omrostning.resultat.ja,
                    "nej": p.omrostning.resultat.nej,
                    "avstår": p.omrostning.resultat.avstar,
                },
                "lottning": p.omrostning.lottning.value if p.omrostning.lottning else None,
                "ordförande": p.omrostning.ordforande,
            }
            if p.omrostning
            else None
        ),
        "deltar_i_paragrafen": (
            {
                "ordförande": p.deltagande.ordforande,
                "utsedd_att_leda": p.deltagande.utsedd,
                "deltar": list(p.deltagande.deltar),
                "jäv": [
                    {
                        "namn": j.namn,
                        "grund": j.grund,
                        "jävig": j.jav,
                        "ersatt_av": j.ersatt_av,
                        "i_jävsfrågan": j.i_javsfragan,
                    }
                    for j in p.deltagande.jav
                ],
            }
            if p.deltagande
            else None
        ),
        "reservationer": [
            {"slag": r.slag.value, "av": r.av, "text": r.text, "motivering": r.motivering}
            for r in p.reservationer
        ],
        "omedelbart_justerad": p.omedelbart_justerad,
        "nytt_sammanträde": p.nytt_sammantrade.isoformat() if p.nytt_sammantrade else None,
        "beslutstext": p.beslutstext,
    }
