"""The sammanträden: Meeting (with the kallelse as invitation, the justerat protokoll as
resultsProtocol, the anslag's dates) and its AgendaItems (the dagordning, then the
paragrafer; a decision shown once its § is justerat)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePosixPath
from typing import Any

from arende.domain.anslagstavla import Anslagsnotis, Anslagsslag
from arende.domain.datum import STOCKHOLM, svenskt_datum
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import HittasInte
from arende.domain.organisation import Namnd
from arende.domain.sammantrade.dagordning import VAL_AV_JUSTERARE
from arende.domain.sammantrade.mote import Sammantrade, Sammantradesstatus, sammantradesmapp
from arende.domain.text import namnnyckel
from arende.service_layer.dokumentdata.protokoll import beslutstext
from arende.service_layer.hemliga_meningar import HemligaMeningar, for_sammantrade
from arende.service_layer.kalenderexport import tider
from arende.service_layer.oppna_data.listor import listsida, sidan
from arende.service_layer.oppna_data.objekt import Adresser, mimetyp, typ, utan_tomma
from arende.service_layer.oppna_data.organisation import alla_namnder, las_namnd, plats
from arende.service_layer.ports import UnitOfWork
from arende.service_layer.visningsportar import Filarkivkontroll

# A meeting's own documents, by the name in their File id.
KALLELSE, PROTOKOLL, PROTOKOLL_PDF = "kallelse", "protokoll", "protokoll-pdf"
_JUSTERAT = (Sammantradesstatus.JUSTERAT, Sammantradesstatus.ANSLAGET)


@dataclass(frozen=True)
class _Mote:
    """What one Meeting is built from, read in one unit of work."""

    namnd: Namnd
    datum: date
    hallet: Sammantrade | None
    planerad: time | None
    notiser: tuple[Anslagsnotis, ...]
    # The meeting's own documents that may be shown, by File name: (path, sha256 or None
    # if the file is gone from the archive).
    filer: dict[str, tuple[str, str | None]]
    meningar: HemligaMeningar

    @property
    def kortnamn(self) -> str:
        return self.namnd.diarieprefix

    @property
    def justerat(self) -> bool:
        return self.hallet is not None and self.hallet.status in _JUSTERAT


def _motets_filer(
    s: Sammantrade | None, arkiv: Filarkivkontroll
) -> dict[str, tuple[str, str | None]]:
    """The kallelse in force once sent; the justerat protokoll (Word, and the sealed PDF if
    one was made) once justerat. Their sha256 is read from the archive: the register of a
    meeting's documents is the audit log, which `arende verifiera` checks them against."""
    if s is None:
        return {}
    mapp = f"sammantraden/{sammantradesmapp(s.namnd, s.datum.isoformat())}"
    filer = {}
    if s.dagordning is not None:
        filer[KALLELSE] = f"{mapp}/kallelse-v{s.dagordning.version}.docx"
    if s.status in _JUSTERAT:
        filer[PROTOKOLL] = f"{mapp}/protokoll-justerat.docx"
        filer[PROTOKOLL_PDF] = f"{mapp}/protokoll-justerat.pdf"
    summor = {namn: (fil, arkiv.sha256(fil)) for namn, fil in filer.items()}
    if summor.get(PROTOKOLL_PDF, ("", None))[1] is None:
        summor.pop(PROTOKOLL_PDF, None)  # no PDF without LibreOffice: nothing to show
    return summor


def _las_mote(
    uow: UnitOfWork,
    arkiv: Filarkivkontroll,
    namnd: Namnd,
    datum: date,
    notiser: Sequence[Anslagsnotis],
) -> _Mote:
    s = uow.sammantraden.hamta(namnd.namn, datum, las=False)
    meningar = for_sammantrade(uow, s)
    return _Mote(
        namnd,
        datum,
        s,
        uow.planer.borjan(namnd.namn, datum),
        # A delegationsbeslut's notice belongs to no meeting (its date is the decision's).
        tuple(
            n
            for n in notiser
            if n.sammantrade == datum and n.slag is not Anslagsslag.DELEGATIONSBESLUT
        ),
        # A kallelse or protokoll naming an ärendemening marked after it was written is
        # not handed out (service_layer/hemliga_meningar.py).
        {} if s is not None and meningar.namns_i(s) else _motets_filer(s, arkiv),
        meningar,
    )


def _stund(datum: date, klockan: time | None) -> str | None:
    return datetime.combine(datum, klockan, STOCKHOLM).isoformat() if klockan else None


def _motestillstand(s: Sammantrade | None) -> str:
    """OParl's recommended meetingState: terminiert (planned), eingeladen (from the
    kallelse until the protokoll is released), durchgeführt (the protokoll released)."""
    if s is None or s.status is Sammantradesstatus.PLANERAT:
        return "terminiert"
    return "durchgeführt" if s.status in _JUSTERAT else "eingeladen"


def _motesfil(adr: Adresser, m: _Mote, namn: str, inbaddad: bool) -> dict[str, Any]:
    s = m.hallet
    assert s is not None
    fil, sha256 = m.filer[namn]
    if namn == KALLELSE:
        datum = s.dagordning.utskickad if s.dagordning else None
        rubrik = f"Kallelse till {m.namnd.namn}s sammanträde den {svenskt_datum(m.datum)}"
    else:
        datum = s.justeringsdatum
        rubrik = f"Justerat protokoll från {m.namnd.namn}s sammanträde den {svenskt_datum(m.datum)}"
    ut: dict[str, Any] = {
        "id": adr.motesfil(m.kortnamn, m.datum, namn),
        "type": typ("File"),
        "name": rubrik + (" (PDF/A med sigill)" if namn == PROTOKOLL_PDF else ""),
        "fileName": PurePosixPath(fil).name,
        "mimeType": mimetyp(fil),
        "date": datum.isoformat() if datum else None,
        "sha256Checksum": sha256,
    }
    if namn == PROTOKOLL and PROTOKOLL_PDF in m.filer:
        ut["derivativeFile"] = [adr.motesfil(m.kortnamn, m.datum, PROTOKOLL_PDF)]
    if namn == PROTOKOLL_PDF:
        ut["masterFile"] = adr.motesfil(m.kortnamn, m.datum, PROTOKOLL)
    if not inbaddad:
        ut["meeting"] = [adr.meeting(m.kortnamn, m.datum)]
    return utan_tomma(ut)


def _punkter(adr: Adresser, m: _Mote) -> list[dict[str, Any]]:
    """The meeting's AgendaItems in order: before it opens, the dagordning in force (Val av
    justerare first); from then, its paragrafer, followed by any point not yet decided. A
    decision is shown once its § is justerad."""
    s = m.hallet
    if s is None:
        return []
    punkter: list[dict[str, Any]] = []

    def punkt(namn: str, dnr: str | None, mer: dict[str, Any] | None = None) -> None:
        ordning = len(punkter) + 1
        punkter.append(
            utan_tomma(
                {
                    "id": adr.agenda_item(m.kortnamn, m.datum, ordning),
                    "type": typ("AgendaItem"),
                    "meeting": adr.meeting(m.kortnamn, m.datum),
                    "order": ordning,
                    "name": namn,
                    "public": True,
                    "sv:arende": adr.paper(Diarienummer.tolka(dnr)) if dnr else None,
                    "sv:diarienummer": dnr,
                }
                | (mer or {})
            )
        )

    beslutade = set()
    for p in s.paragrafer:
        justerad = s.justeringsdatum_for(p.nummer)
        mer: dict[str, Any] = {"number": f"§ {p.nummer}"}
        if justerad is not None:
            mer |= {
                "result": p.utfall.value if p.utfall else None,
                "resolutionText": "\n".join(beslutstext(s, p, m.namnd, None)),
                "sv:justerad": justerad.isoformat(),
                "sv:omedelbartJusterad": p.omedelbart_justerad or None,
            }
        punkt(m.meningar.dold(p.dnr, p.titel) if p.ar_arende else VAL_AV_JUSTERARE, p.dnr, mer)
        if p.dnr:
            beslutade.add(namnnyckel(p.dnr))
    if s.dagordning is not None:
        if not s.paragrafer:
            punkt(VAL_AV_JUSTERARE, None)
        for d in s.dagordning.punkter:
            if namnnyckel(d.dnr) not in beslutade:
                punkt(m.meningar.dold(d.dnr, d.titel), d.dnr)
    return punkter


def _anslag(n: Anslagsnotis) -> dict[str, Any]:
    return {
        "sv:slag": n.slag.value,
        "sv:paragrafer": list(n.paragrafer),
        "sv:justerad": n.justerad.isoformat(),
        "sv:anslaget": n.anslaget.isoformat(),
        "sv:overklagandeSlut": n.overklagande_slut.isoformat(),
        "sv:anslagNed": n.ned.isoformat(),
        "sv:forvaras": n.forvaras,
    }


def _meeting(adr: Adresser, m: _Mote) -> dict[str, Any]:
    s = m.hallet
    borjar, slutar = tider(s, m.planerad)
    protokollet = next((n for n in m.notiser if n.slag is Anslagsslag.JUSTERAT_PROTOKOLL), None)
    ut: dict[str, Any] = {
        "id": adr.meeting(m.kortnamn, m.datum),
        "type": typ("Meeting"),
        "name": f"{m.namnd.namn}s sammanträde den {svenskt_datum(m.datum)}",
        "meetingState": _motestillstand(s),
        "start": _stund(m.datum, borjar),
        "end": _stund(m.datum, slutar),
        "location": plats((s.plats if s else "") or m.namnd.sammantradeslokal),
        "organization": [adr.organization(m.kortnamn)],
        "agendaItem": _punkter(adr, m),
        "sv:datum": m.datum.isoformat(),
        "sv:status": s.status.value if s else Sammantradesstatus.PLANERAT.value,
    }
    if KALLELSE in m.filer:
        ut["invitation"] = _motesfil(adr, m, KALLELSE, inbaddad=True)
    if m.justerat and s is not None:
        # A Swedish protokoll is a beslutsprotokoll: OParl's resultsProtocol. There is no
        # verbatim record of what was said.
        if PROTOKOLL in m.filer:
            ut["resultsProtocol"] = _motesfil(adr, m, PROTOKOLL, inbaddad=True)
        if PROTOKOLL_PDF in m.filer:
            ut["auxiliaryFile"] = [_motesfil(adr, m, PROTOKOLL_PDF, inbaddad=True)]
        if s.narvaro is not None:
            ut["participant"] = [
                adr.person(namn)
                for namn in (*s.narvaro.ledamoter, *(e.namn for e in s.narvaro.ersattare))
            ]
        ut["sv:justerad"] = s.justeringsdatum.isoformat() if s.justeringsdatum else None
    if protokollet is not None:
        ut |= {
            "sv:anslaget": protokollet.anslaget.isoformat(),
            "sv:overklagandeSlut": protokollet.overklagande_slut.isoformat(),
            "sv:anslagNed": protokollet.ned.isoformat(),
        }
    if m.notiser:
        ut["sv:anslag"] = [_anslag(n) for n in sorted(m.notiser, key=lambda n: n.anslaget)]
    return utan_tomma(ut)


def _motesdagar(uow: UnitOfWork, namnder: Sequence[Namnd]) -> list[tuple[date, Namnd]]:
    """Every planned sammanträde of the nämnder, by day and then nämnd: a stable order."""
    return sorted(
        ((d, n) for n in namnder for d in uow.planer.sammantraden(n.namn)),
        key=lambda dn: (dn[0], dn[1].namn),
    )


def moten(
    uow: UnitOfWork, arkiv: Filarkivkontroll, adr: Adresser, sida: int, kortnamn: str | None
) -> dict[str, Any]:
    """The Meetings of one nämnd (or of all), a page at a time."""
    with uow:
        namnder = [las_namnd(uow, kortnamn)] if kortnamn is not None else alla_namnder(uow)
        alla = _motesdagar(uow, namnder)
        valda = sidan(alla, sida)
        notiser = {n.namn: uow.anslagstavla.alla(n.namn) for n in {n for _, n in valda}}
        data = [_meeting(adr, _las_mote(uow, arkiv, n, d, notiser[n.namn])) for d, n in valda]
    adress = (
        adr.organization(kortnamn.strip()) + "/meeting"
        if kortnamn is not None
        else adr.bodylista("meeting")
    )
    return listsida(data, len(alla), sida, adress)


def _mote(uow: UnitOfWork, arkiv: Filarkivkontroll, kortnamn: str, datum: str) -> _Mote:
    """Read in an open unit of work: the nämnd's sammanträde that day, planned or held."""
    namnd = las_namnd(uow, kortnamn)
    try:
        dag = date.fromisoformat(datum.strip())
    except ValueError:
        raise HittasInte(
            f"'{datum[:40]}' är inget datum: ett sammanträde anges med sin dag, som 2008-05-13."
        ) from None
    m = _las_mote(uow, arkiv, namnd, dag, uow.anslagstavla.alla(namnd.namn))
    if m.hallet is None and dag not in uow.planer.sammantraden(namnd.namn):
        raise HittasInte(f"{namnd.namn} har inget sammanträde den {svenskt_datum(dag)}.")
    return m


def mote(
    uow: UnitOfWork, arkiv: Filarkivkontroll, adr: Adresser, kortnamn: str, datum: str
) -> dict[str, Any]:
    with uow:
        return _meeting(adr, _mote(uow, arkiv, kortnamn, datum))


def dagordningspunkt(
    uow: UnitOfWork,
    arkiv: Filarkivkontroll,
    adr: Adresser,
    kortnamn: str,
    datum: str,
    ordning: str,
) -> dict[str, Any]:
    with uow:
        m = _mote(uow, arkiv, kortnamn, datum)
    punkter = _punkter(adr, m)
    nummer = int(ordning) if ordning.isascii() and ordning.isdigit() and len(ordning) < 7 else 0
    if 1 <= nummer <= len(punkter):
        return punkter[nummer - 1]
    raise HittasInte(
        f"Sammanträdet den {svenskt_datum(m.datum)} har ingen punkt {ordning[:40]}: "
        + (f"punkterna är 1–{len(punkter)}." if punkter else "dagordningen är inte utskickad.")
    )


def motesfil(
    uow: UnitOfWork,
    arkiv: Filarkivkontroll,
    adr: Adresser,
    kortnamn: str,
    datum: str,
    namn: str,
) -> dict[str, Any]:
    with uow:
        m = _mote(uow, arkiv, kortnamn, datum)
    if namn in m.filer:
        return _motesfil(adr, m, namn, inbaddad=False)
    if namn in (PROTOKOLL, PROTOKOLL_PDF) and not m.justerat:
        raise HittasInte(
            f"Protokollet från sammanträdet den {svenskt_datum(m.datum)} är inte justerat: "
            "det blir allmänt och visas här när det är justerat."
        )
    raise HittasInte(
        f"Sammanträdet den {svenskt_datum(m.datum)} har ingen fil '{namn[:40]}'"
        + (f": filerna är {', '.join(m.filer)}." if m.filer else ".")
    )
