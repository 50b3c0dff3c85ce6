"""The nämnders sammanträden as the public site shows them: the list (from the
sammanträdesplan and the stored sammanträden), one meeting with its kallelse and, once
justerat, its protokoll, and the coming meetings whose kallelse has gone out.

The kallelse and the protokoll are the facts the Word documents are drawn up from
(dokumentdata/protokoll.py), so the page says what the document says. What a page lists of
an ärende's handlingar are its beslutsunderlag: those registered when the kallelse went out,
as the Word kallelse listed them; a sekretess handling by its number and date only.

A protokoll is published only when it is justerat (TF 2 kap. 10 §: a protokoll is upprättat
when justerat); before that the page says when it will be. Nothing here writes, and nothing
locks: the public site reads a read-only database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from arende.domain.datum import svenskt_datum
from arende.domain.fel import HittasInte
from arende.domain.organisation import Namnd
from arende.domain.sammantrade.dagordning import KALLA_TILL_SAMMANTRADET
from arende.domain.sammantrade.justering import PROTOKOLLET_JUSTERAT
from arende.domain.sammantrade.mote import Sammantrade, Sammantradesstatus
from arende.service_layer import hemliga_meningar
from arende.service_layer.dokumentdata import protokoll as protokolldata
from arende.service_layer.ports import Loggpost, UnitOfWork
from arende.service_layer.visningsportar import Handlingspost

# A protokoll is public from its justering on (the anslag follows it).
PUBLICERAT = frozenset({Sammantradesstatus.JUSTERAT, Sammantradesstatus.ANSLAGET})
# The last beslut point of an omedelbart justerad §, as the Word protokoll ends it.
OMEDELBART_JUSTERAD = "Paragrafen förklaras omedelbart justerad."


@dataclass(frozen=True)
class Motespost:
    """One meeting in a list: planned, or stored with how far it has come."""

    namnd: Namnd
    datum: date
    klockan: time | None  # when the sammanträdesplan says it begins
    status: Sammantradesstatus | None  # None: in the plan, nothing done yet
    plats: str = ""
    kallelse_utskickad: date | None = None

    @property
    def kallat(self) -> bool:
        return self.kallelse_utskickad is not None

    @property
    def protokoll_publicerat(self) -> bool:
        return self.status in PUBLICERAT


@dataclass(frozen=True)
class Underlag:
    """A handling on the kallelse as anyone may see it: a sekretess handling keeps only its
    number and date (OSL 5 kap.), and no file is handed out."""

    dnr: str
    nummer: int
    version: int
    datum: date
    titel: str  # the public title
    sekretess: bool
    halls_inne: bool  # no link: sekretess, or came in and not yet looked at
    pdf: bool  # handed out as PDF (else as the Word file)
    # 'Gallrad 2026-11-23 enligt SoN 2019/12' once gallrad: shown instead of a link.
    gallrad: str = ""
    typ: str = ""


@dataclass(frozen=True)
class Sammantradessida:
    post: Motespost
    kallelse: dict[str, Any] | None  # dagordningens_fakta, each punkt with its "underlag"
    kallelsen_lamnas_ut: bool  # the kallelse's document may be downloaded
    # It lists a sekretess handling (by its title) or names a marked ärendemening: kept back.
    sekretess_i_kallelsen: bool
    protokoll: dict[str, Any] | None  # the protokoll's facts, once justerat
    protokollfil: str | None  # "pdf" (sealed) or "docx", once justerat
    omedelbart_justerade: tuple[int, ...]  # §§ justerade at the meeting


def _post(namnd: Namnd, datum: date, klockan: time | None, s: Sammantrade | None) -> Motespost:
    if s is None:
        return Motespost(namnd, datum, klockan, None, namnd.sammantradeslokal)
    return Motespost(
        namnd,
        datum,
        klockan,
        s.status,
        s.plats or namnd.sammantradeslokal,
        s.dagordning.utskickad if s.dagordning else None,
    )


def ar_med_sammantraden(uow: UnitOfWork, namnder: list[Namnd]) -> list[int]:
    """The years some nämnd's sammanträdesplan covers, earliest first."""
    with uow:
        return sorted({d.year for n in namnder for d in uow.planer.sammantraden(n.namn)})


def sammantraden(uow: UnitOfWork, namnder: list[Namnd], ar: int) -> list[Motespost]:
    """Every meeting of the nämnder in the year: each day of the sammanträdesplan, with the
    stored sammanträde where there is one; by day, then nämnd."""
    poster = []
    with uow:
        for namnd in namnder:
            plan = uow.planer.plan(namnd.namn, ar)
            lagrade = {
                s.datum: s
                for s in uow.sammantraden.mellan(namnd.namn, date(ar, 1, 1), date(ar, 12, 31))
            }
            dagar = sorted(set(plan.datum if plan else ()) | set(lagrade))
            poster += [
                _post(namnd, d, plan.klockan(d) if plan else None, lagrade.get(d)) for d in dagar
            ]
    return sorted(poster, key=lambda p: (p.datum, p.namnd.namn))


def kommande_kallade(uow: UnitOfWork, namnder: list[Namnd], idag: date) -> list[Motespost]:
    """The meetings from `idag` on whose kallelse has gone out: the notices of meetings the
    anslagstavla may carry (kommunallagen 8 kap.), earliest first."""
    poster = []
    with uow:
        for namnd in namnder:
            for s in uow.sammantraden.mellan(namnd.namn, idag, date.max):
                if s.dagordning is not None:
                    poster.append(_post(namnd, s.datum, uow.planer.borjan(namnd.namn, s.datum), s))
    return sorted(poster, key=lambda p: (p.datum, p.namnd.namn))


def sammantradet(uow: UnitOfWork, namnd: Namnd, datum: date) -> Sammantradessida:
    """One meeting's page: HittasInte if the nämnd has none that day."""
    with uow:
        s = hamta(uow, namnd, datum)
        plan = uow.planer.plan(namnd.namn, datum.year)
        post = _post(namnd, datum, plan.klockan(datum) if plan else None, s)
        if s is None or s.dagordning is None:
            return Sammantradessida(post, None, False, False, None, None, ())
        handelser = uow.logg.for_sammantrade(namnd.namn, datum)
        kallelse = protokolldata.dagordningens_fakta(s, namnd, uow)
        underlag = beslutsunderlag(uow, s, handelser)
        meningar = hemliga_meningar.for_sammantrade(uow, s)
        for punkt in kallelse["punkter"]:
            punkt["underlag"] = underlag.get(punkt["dnr"], [])
            punkt["titel"] = meningar.dold(punkt["dnr"], punkt["titel"])
        sekretess = any(u.sekretess for lista in underlag.values() for u in lista)
        sekretess = sekretess or meningar.namns_i(s)
        lamnas_ut = senaste_kallelse(s, handelser) is not None and not sekretess
        protokoll, fil = None, None
        if s.status in PUBLICERAT:
            protokoll = protokolldata.protokoll(
                s, namnd, uow, protokolldata.namndsekreterare(uow, namnd.namn, "")
            )
            for par in protokoll["paragrafer"]:
                par["beslut"] = beslutspunkter(par)
                par["rubrik"] = meningar.dold(par["dnr"] or None, par["rubrik"])
            justerat = justeringen(handelser)
            if justerat is not None and not meningar.namns_i(s):
                fil = "pdf" if "pdf" in justerat.innehall else "docx"
    omedelbara = tuple(p.nummer for p in s.paragrafer if p.omedelbart_justerad)
    return Sammantradessida(post, kallelse, lamnas_ut, sekretess, protokoll, fil, omedelbara)


def hamta(uow: UnitOfWork, namnd: Namnd, datum: date) -> Sammantrade | None:
    """The stored sammanträde, None for a day of the plan where nothing is done yet;
    HittasInte for a day that is neither. Inside an open unit of work."""
    s = uow.sammantraden.hamta(namnd.namn, datum, las=False)
    if s is None:
        plan = uow.planer.plan(namnd.namn, datum.year)
        if plan is None or datum not in plan.datum:
            raise HittasInte(f"{namnd.namn} har inget sammanträde den {svenskt_datum(datum)}.")
    return s


def beslutspunkter(par: dict[str, Any]) -> list[str]:
    """The § 's beslut as the Word protokoll numbers it: the omedelbar justering last."""
    punkter = [b for b in par["beslut"] if b != OMEDELBART_JUSTERAD]
    return punkter + ([OMEDELBART_JUSTERAD] if par["omedelbart_justerad"] else [])


def _utford(h: Loggpost) -> bool:
    return h.innehall.get("utfall") == "utförd"


def senaste_kallelse(s: Sammantrade, handelser: list[Loggpost]) -> Loggpost | None:
    """The audit event of the kallelse in force (its file and sha256), if logged."""
    if s.dagordning is None:
        return None
    version = s.dagordning.version
    return next(
        (
            h
            for h in reversed(handelser)
            if h.handling == KALLA_TILL_SAMMANTRADET
            and _utford(h)
            and h.innehall.get("dagordning") == version
            and "fil" in h.innehall
        ),
        None,
    )


def justeringen(handelser: list[Loggpost]) -> Loggpost | None:
    """The audit event of the justering: the justerat protokoll's files and sha256s."""
    return next(
        (h for h in reversed(handelser) if h.handling == PROTOKOLLET_JUSTERAT and _utford(h)),
        None,
    )


def beslutsunderlag(
    uow: UnitOfWork, s: Sammantrade, handelser: list[Loggpost]
) -> dict[str, list[Underlag]]:
    """Per dnr on the dagordning in force, the handlingar registered when its kallelse went
    out, as the Word kallelse listed them (nothing if the kallelse was never logged)."""
    kallelsen = senaste_kallelse(s, handelser)
    if kallelsen is None or s.dagordning is None:
        return {}
    grans = datetime.fromisoformat(kallelsen.tidpunkt)
    return {
        p.dnr: [_underlag(h) for h in uow.lasning.handlingar(p.dnr) if h.registrerad <= grans]
        for p in s.dagordning.punkter
    }


def _underlag(h: Handlingspost) -> Underlag:
    return Underlag(
        h.dnr,
        h.nummer,
        h.version,
        h.datum,
        h.offentlig_titel,
        h.sekretess,
        h.halls_inne,
        bool(h.pdf_fil and h.pdf_sha256),
        h.gallringstext,
        h.typ,
    )
