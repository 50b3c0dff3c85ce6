"""Read-only views for the registrator: the diarium, an ärende's history, the chain check.

The public site reads through these too, so nothing here may import what writes (the
runner, the steps, the handlers, the commands): an import-linter contract holds it."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import chain
from operator import itemgetter

from arende.domain.arende import Arende
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import HittasInte, OgiltigUppgift
from arende.domain.gallring import GALLRA_HANDLING
from arende.domain.kedjehuvud import PubliceratKedjehuvud
from arende.domain.kedjekontroll import (
    Kedjerad,
    Kontrollpunkt,
    Lagrad,
    Publiceringsfynd,
    granska_kedja,
)
from arende.domain.organisation import Namnd
from arende.domain.sammantrade.justering import PROTOKOLLET_JUSTERAT
from arende.domain.sammantrade.mote import Sammantrade
from arende.domain.skeden import Skede
from arende.service_layer.ports import Diarierad, Loggpost, Protokollfil, Sigill, UnitOfWork
from arende.service_layer.visningsportar import (
    Diariesida,
    Diarieurval,
    Filarkivkontroll,
    Handlingspost,
    Korningshistorik,
)

STORSTA_SIDA = 1000
# A diarium year is a calendar year; a search is a word or a diarienummer, not a document.
FORSTA_AR, SISTA_AR = 1, 9999
LANGSTA_SOKTEXT = 200


def diarium(uow: UnitOfWork, namnd: str | None = None, ar: int | None = None) -> list[Diarierad]:
    with uow:
        return uow.arenden.diarium(namnd=namnd, ar=ar)


def hamta_arende(uow: UnitOfWork, dnr: str) -> Arende:
    with uow:
        return uow.arenden.hamta(dnr)


def namnd(uow: UnitOfWork, namn: str) -> Namnd:
    with uow:
        return uow.grunddata.namnd(namn)


def sammantrade(uow: UnitOfWork, namnd: str, datum: date) -> Sammantrade | None:
    """The nämnd's sammanträde that day as stored (None before it is kallat); read without
    waiting for, or holding up, the meeting's own steps."""
    with uow:
        return uow.sammantraden.hamta(uow.grunddata.namnd(namnd).namn, datum, las=False)


def protokoll(uow: UnitOfWork, namnd: str, datum: date) -> Protokollfil | None:
    """The protokoll as drawn up when the meeting closed: the version the justerare sign."""
    with uow:
        return uow.sammantraden.protokoll(uow.grunddata.namnd(namnd).namn, datum)


def justeringsdagar(uow: UnitOfWork, namnd: str) -> int:
    """The nämnd's justering frist in days: its reglemente's, or the law's 14."""
    with uow:
        return uow.planer.justeringsdagar(namnd)


def planerad_klockan(uow: UnitOfWork, namnd: str, datum: date) -> time | None:
    """When the nämnd's sammanträdesplan says the meeting on `datum` begins, if it says."""
    with uow:
        plan = uow.planer.plan(namnd, datum.year)
        return plan.klockan(datum) if plan else None


def korningsnyckel(korning_id: str) -> str:
    return f"flodeskorning:{korning_id}"


def arende_for_korning(uow: UnitOfWork, korning_id: str) -> Arende:
    """The ärende a flow run registered (its id is the registration's idempotency key)."""
    with uow:
        arende = uow.arenden.hamta_via_nyckel(korningsnyckel(korning_id))
    if arende is None:
        raise HittasInte(f"Flödeskörningen {korning_id} har inte registrerat något ärende.")
    return arende


def nasta_paragraf(uow: UnitOfWork, namnd: str, ar: int) -> int:
    """Paragraphs run through the nämnd's year; the next free one is offered in the form."""
    with uow:
        return uow.sammantraden.hogsta_paragraf(namnd, ar) + 1


def historik(uow: UnitOfWork, dnr: str) -> list[Loggpost]:
    with uow:
        uow.arenden.hamta(dnr)  # an unknown dnr is an error, not an empty history
        return uow.logg.for_arende(dnr.strip())


def historikrader(handelser: list[Loggpost]) -> list[str]:
    return [f"{h.sekvens:>5}  {_lokal(_tid(h.tidpunkt))}  {_handelsetext(h)}" for h in handelser]


def _tid(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _lokal(tid: datetime) -> str:
    """All times a person reads are Europe/Stockholm (DOMAIN.md)."""
    return tid.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M:%S")


def _handelsetext(h: Loggpost) -> str:
    innehall = h.innehall
    vem = f"{h.aktor} ({h.roll})" if h.roll else h.aktor
    if innehall.get("utfall") == "avvisad":
        detalj = f"AVVISAD: {innehall.get('meddelande', '')}"
    elif h.handling == "registrera ärendet":
        a = innehall.get("efter", {})
        detalj = (
            f"{a.get('dnr')} '{a.get('titel')}' ({a.get('arendetyp')}) i {a.get('namnd')}, "
            f"registreringsdatum {a.get('registreringsdatum')}, sammanträde "
            f"{a.get('planerat_sammantrade')}"
        )
    elif h.handling in ("registrera handling", "registrera PDF"):
        detalj = (
            f"{innehall.get('typ', 'PDF')} nr {innehall.get('nummer')} version "
            f"{innehall.get('version')}, {innehall.get('fil')}, sha256 "
            f"{str(innehall.get('sha256', ''))[:16]}…"
        )
    elif h.handling == "registrera inkommande handling":
        detalj = (
            f"{innehall.get('typ')} nr {innehall.get('nummer')} från {innehall.get('avsändare')}, "
            f"inkom {innehall.get('inkom')} ({innehall.get('kanal')}), {innehall.get('fil')}, "
            f"sha256 {str(innehall.get('sha256', ''))[:16]}…"
            + (
                f", registrerad {innehall['sen_registrering_dagar']} dagar efter att den kom in"
                if innehall.get("sen_registrering_dagar")
                else ""
            )
        )
    elif h.handling in ("sekretessmarkera handling", "häva sekretessmarkering"):
        efter, fore = innehall.get("efter"), innehall.get("före")
        if isinstance(efter, dict):
            detalj = f"handling {innehall.get('nummer')}: {efter.get('bestämmelse')}"
        else:
            grund = fore.get("bestämmelse", "utan angiven grund") if isinstance(fore, dict) else ""
            detalj = (
                f"handling {innehall.get('nummer')}: markeringen {grund} hävd, skäl: "
                f"{innehall.get('skäl')}"
            )
    elif isinstance(innehall.get("efter"), list):  # the frister, recomputed
        detalj = "; ".join(
            f"{rad.get('typ')} {rad.get('datum')}" + (" (klar)" if rad.get("klar") else "")
            for rad in innehall["efter"]
            if isinstance(rad, dict)
        )
    else:
        efter = innehall.get("efter") or {}
        detalj = ", ".join(f"{k}: {_kort(v)}" for k, v in efter.items() if k != "beslut")
        if "beslut" in efter and efter["beslut"]:
            b = efter["beslut"][-1]
            detalj = (
                f"§ {b['paragraf']} {b['utfall']}"
                + (", omedelbart justerad" if b["omedelbar_justering"] else "")
                + (f"; {detalj}" if detalj else "")
            )
    korning = f" [flödeskörning {h.flodeskorning}]" if h.flodeskorning else ""
    return f"{vem}: {h.handling}. {detalj}{korning}"


def _kort(varde: object) -> str:
    if isinstance(varde, dict):
        text = "(" + ", ".join(f"{k} {_kort(v)}" for k, v in varde.items()) + ")"
    elif isinstance(varde, list):
        text = ", ".join(_kort(v) for v in varde)
    else:
        text = str(varde)
    return text if len(text) <= 80 else text[:77] + "..."


def _ascii(text: str) -> str:
    """'förslag fastställt' and 'forslag-faststallt' name the same status on a keyboard
    without å, ä, ö."""
    utan = unicodedata.normalize("NFKD", text.casefold())
    return "".join(t for t in utan if not unicodedata.combining(t)).replace("-", " ").strip()


def tolka_status(text: str) -> Skede:
    for skede in Skede:
        if _ascii(text) == _ascii(skede.value):
            return skede
    mojliga = ", ".join(s.value for s in Skede)
    raise OgiltigUppgift(f"Okänd status '{text[:40]}'. Möjliga: {mojliga}.")


def diariesida(uow: UnitOfWork, urval: Diarieurval) -> Diariesida:
    """One page of the diarium. Bad input is refused before anything is read."""
    if urval.sida < 1:
        raise OgiltigUppgift(f"Sidan måste vara 1 eller större, inte {urval.sida}.")
    if not 1 <= urval.per_sida <= STORSTA_SIDA:
        raise OgiltigUppgift(
            f"Antal per sida måste vara mellan 1 och {STORSTA_SIDA}, inte {urval.per_sida}."
        )
    if urval.status is not None:
        urval = Diarieurval(**{**urval.__dict__, "status": tolka_status(urval.status).value})
    if urval.ar is not None and not FORSTA_AR <= urval.ar <= SISTA_AR:
        raise OgiltigUppgift(
            f"Året ska vara mellan {FORSTA_AR} och {SISTA_AR}, inte {str(urval.ar)[:40]}."
        )
    if urval.sok is not None:
        if not urval.sok.strip():
            raise OgiltigUppgift("Söktexten är tom.")
        if len(urval.sok) > LANGSTA_SOKTEXT:
            raise OgiltigUppgift(
                f"Söktexten är för lång: högst {LANGSTA_SOKTEXT} tecken, inte {len(urval.sok)}."
            )
    with uow:
        sida = uow.lasning.diariesida(urval)
    if urval.sida > sida.sidor:
        raise OgiltigUppgift(
            f"Sidan {urval.sida} finns inte: urvalet har {sida.totalt} ärenden på "
            f"{sida.sidor} {'sida' if sida.sidor == 1 else 'sidor'}."
        )
    return sida


def handlingar(uow: UnitOfWork, dnr: str) -> list[Handlingspost]:
    with uow:
        uow.arenden.hamta(dnr)  # an unknown dnr is an error, not an empty list
        return uow.lasning.handlingar(dnr)


def ogranskade(uow: UnitOfWork) -> list[Handlingspost]:
    """What came in by itself (the inbox, the e-mail receiver) and nobody has looked at
    yet: the registrator's queue, oldest ärende first. Bilagor go with their handling."""
    with uow:
        return uow.lasning.handlingar(ogranskade=True)


# --- the merged timeline: our audit events and Prefect's run states ---------------------


@dataclass(frozen=True)
class Tidslinje:
    rader: list[str]
    prefect_saknas: str | None


def tidslinje(uow: UnitOfWork, dnr: str, prefect: Korningshistorik) -> Tidslinje:
    """Our events and Prefect's states of the ärende's flow runs, in time order.

    Our events come from our own log and are always all there; Prefect's part is added
    when Prefect still has it, and its absence is said in one line."""
    handelser = historik(uow, dnr)
    korningar = list(dict.fromkeys(h.flodeskorning for h in handelser if h.flodeskorning))
    fran_prefect = prefect.for_korningar(korningar)
    poster: list[tuple[datetime, int, int, str]] = [
        (_tid(h.tidpunkt), 0, h.sekvens, f"{h.sekvens:>5}  {_handelsetext(h)}") for h in handelser
    ]
    for i, k in enumerate(fran_prefect.handelser):
        poster.append(
            (
                k.tidpunkt,
                1,
                i,
                f"{'P':>5}  {k.vem}: {k.beskrivning} [körning '{k.korningsnamn}']",
            )
        )
    poster.sort(key=lambda p: (p[0], p[1], p[2]))
    rader = [f"{_lokal(tid)}  {text}" for tid, _, _, text in poster]
    saknas = None
    if fran_prefect.saknas:
        saknas = (
            f"Prefects del av historiken saknas: {fran_prefect.saknas}. "
            "Händelserna ovan ur granskningsloggen är kompletta utan den."
        )
    return Tidslinje(rader, saknas)


# --- verification: the chain, its tail against an outside anchor, and the files ----------


@dataclass(frozen=True)
class Verifiering:
    intakt: bool
    antal: int
    text: str
    senaste_sekvens: int = 0
    senaste_hash: str = ""
    kedjefel: list[str] = field(default_factory=list)
    filfel: list[str] = field(default_factory=list)
    kontrollerade_filer: int = 0
    sigillfel: list[str] = field(default_factory=list)
    kontrollerade_sigill: int = 0  # sealed PDFs whose seals were validated
    # The heads published on the anslagstavla compared (None: not asked), and whether the
    # log differs from any of them.
    publicerade: int | None = None
    publicerade_avviker: bool = False
    # One line per gallrad handling version, naming its gallring record: not an error.
    gallrade: list[str] = field(default_factory=list)

    @property
    def kedjan_intakt(self) -> bool:
        return not self.kedjefel


def kontrollera_filer(
    handlingar_: Sequence[Handlingspost],
    arkiv: Filarkivkontroll,
    loggade_gallringar: set[tuple[str, int, int, str]] | None = None,
    gallrade: list[str] | None = None,
) -> tuple[int, list[str]]:
    """(files checked, one line per missing or changed file). A gallrad version's files are
    gone by decision: it is named in `gallrade` with its record, if the audit chain logged
    that gallring (`loggade_gallringar`: dnr, nummer, version, sha256) with the same sha256
    as the register; a record the chain does not back is an error, since anyone who can
    write to the table could otherwise hide a removed file behind it."""
    antal, fel = 0, list[str]()
    for h in handlingar_:
        if h.gallring is not None:
            _kontrollera_gallrad(h, arkiv, loggade_gallringar, gallrade, fel)
            continue
        for relativ, registrerad in h.filer():
            antal += 1
            if (avvikelse := _filfel(arkiv, relativ, registrerad, "registrerad")) is not None:
                fel.append(f"{h.beteckning}: {avvikelse}")
    return antal, fel


def _kontrollera_gallrad(
    h: Handlingspost,
    arkiv: Filarkivkontroll,
    loggade: set[tuple[str, int, int, str]] | None,
    gallrade: list[str] | None,
    fel: list[str],
) -> None:
    g = h.gallring
    assert g is not None
    if g.sha256 != h.sha256 or g.pdf_sha256 != (h.pdf_sha256 if h.pdf_fil else None):
        fel.append(
            f"{h.beteckning}: gallringsuppgiften har sha256 {g.sha256} men registret {h.sha256}"
            + (f" (PDF: {g.pdf_sha256} mot {h.pdf_sha256})" if g.sha256 == h.sha256 else "")
        )
        return
    if loggade is not None and (h.dnr, h.nummer, h.version, h.sha256) not in loggade:
        fel.append(
            f"{h.beteckning}: filen saknas och gallringsuppgiften ({g}) har ingen händelse i "
            "granskningsloggen: ingen registrator har beslutat den gallringen"
        )
        return
    rad = f"{h.beteckning}: {g}"
    kvar = [relativ for relativ, _ in h.filer() if _finns(arkiv, relativ)]
    if kvar:
        rad += f"; filen finns ännu kvar ({', '.join(kvar)}): ge samma beslut igen"
    if gallrade is not None:
        gallrade.append(rad)


def _finns(arkiv: Filarkivkontroll, relativ: str) -> bool:
    try:
        return arkiv.sha256(relativ) is not None
    except OgiltigUppgift:
        return False


def _filfel(arkiv: Filarkivkontroll, relativ: str, vantad: str, enligt: str) -> str | None:
    """What is wrong with the archived file against the sha256 it should have (None: it
    is there, unchanged)."""
    try:
        verklig = arkiv.sha256(relativ)
    except OgiltigUppgift as utanfor:
        return utanfor.meddelande
    if verklig is None:
        return f"filen saknas ({relativ})"
    if verklig != vantad:
        return f"filen har ändrats ({relativ}: sha256 är {verklig}, {enligt} {vantad})"
    return None


@dataclass(frozen=True)
class JusteratProtokoll:
    """The files of a justerat protokoll as its audit event names them."""

    beteckning: str
    filer: tuple[tuple[str, str], ...]  # (relative path, sha256): the Word file, the PDF
    forseglad: str | None  # the sealed PDF, if one was made


_HANDLING = itemgetter(Kedjerad._fields.index("handling"))


def _justerade(
    batchar: Iterable[Sequence[Lagrad]], ut: list[JusteratProtokoll]
) -> Iterator[Sequence[Lagrad]]:
    """The chain's batches passed on unchanged, noting on the way each justerat protokoll
    (looked for with a builtin over the batch: a handful of events among millions)."""
    for batch in batchar:
        if PROTOKOLLET_JUSTERAT in map(_HANDLING, batch):
            for rad in map(Kedjerad._make, batch):
                if rad.handling == PROTOKOLLET_JUSTERAT:
                    _notera_justerat(rad, ut)
        yield batch


def _gallringar(
    batchar: Iterable[Sequence[Lagrad]], ut: set[tuple[str, int, int, str]]
) -> Iterator[Sequence[Lagrad]]:
    """The chain's batches passed on unchanged, noting each gallring a registrator decided
    (dnr, nummer, version, sha256), as the chain hashed it."""
    for batch in batchar:
        if GALLRA_HANDLING in map(_HANDLING, batch):
            for rad in map(Kedjerad._make, batch):
                if rad.handling == GALLRA_HANDLING and rad.dnr:
                    _notera_gallring(rad, ut)
        yield batch


def _notera_gallring(rad: Kedjerad, ut: set[tuple[str, int, int, str]]) -> None:
    try:
        innehall = json.loads(rad.innehall_json).get("innehåll")
    except (ValueError, AttributeError):
        return  # the chain check names a broken row
    if not isinstance(innehall, dict) or innehall.get("utfall") != "utförd":
        return
    for v in innehall.get("versioner", []):
        try:
            ut.add((str(rad.dnr), int(innehall["nummer"]), int(v["version"]), str(v["sha256"])))
        except (KeyError, TypeError, ValueError):
            continue


def _notera_justerat(rad: Kedjerad, ut: list[JusteratProtokoll]) -> None:
    try:  # what the chain hashed: the event with its content under "innehåll"
        innehall = json.loads(rad.innehall_json).get("innehåll")
    except (ValueError, AttributeError):
        innehall = None  # the chain check names a broken row
    if isinstance(innehall, dict) and innehall.get("utfall") == "utförd":
        filer = [
            (str(innehall[f]), str(innehall[h]))
            for f, h in (("fil", "sha256"), ("pdf", "pdf_sha256"))
            if f in innehall and h in innehall
        ]
        ut.append(
            JusteratProtokoll(
                f"justerat protokoll för {innehall.get('nämnd')} {innehall.get('sammanträde')}",
                tuple(filer),
                str(innehall["pdf"]) if "pdf" in innehall else None,
            )
        )


def kontrollera_protokoll(
    protokoll: Sequence[JusteratProtokoll], arkiv: Filarkivkontroll, sigill: Sigill | None
) -> tuple[int, list[str], int, list[str]]:
    """(files checked, file errors, sealed PDFs checked, seal errors) for the justerade
    protokoll: each file against the sha256 its audit event gives, each seal validated."""
    antal, filfel, forseglade, sigillfel = 0, [], 0, []
    for p in protokoll:
        for relativ, loggad in p.filer:
            antal += 1
            if (avvikelse := _filfel(arkiv, relativ, loggad, "loggad")) is not None:
                filfel.append(f"{p.beteckning}: {avvikelse}")
        if p.forseglad is None or sigill is None:
            continue
        try:
            fil = arkiv.sokvag(p.forseglad)
        except OgiltigUppgift:
            continue  # named above
        if not fil.is_file():
            continue
        forseglade += 1
        kontroll = sigill.kontrollera(fil.read_bytes())
        sigillfel += [
            f"{p.beteckning}: sigillet håller inte ({p.forseglad}): {brist}"
            for brist in kontroll.brister()
        ]
    return antal, filfel, forseglade, sigillfel


def verifiera(
    uow: UnitOfWork,
    arkiv: Filarkivkontroll | None = None,
    kontrollpunkter: Sequence[Kontrollpunkt] = (),
    sigill: Sigill | None = None,
    publicerade: Sequence[PubliceratKedjehuvud] | None = None,
) -> Verifiering:
    """The chain; with the archive, every registered file and every justerat protokoll's
    files against their sha256; with the seal's validator, every sealed protokoll's seals;
    with the heads published on the anslagstavla, the chain against each of them (in the
    same streamed pass)."""
    justerade: list[JusteratProtokoll] = []
    loggade_gallringar: set[tuple[str, int, int, str]] = set()
    with uow:
        kedja = granska_kedja(
            chain.from_iterable(
                _gallringar(_justerade(uow.lasning.kedjebatchar(), justerade), loggade_gallringar)
            ),
            uow.lasning.kedjehuvud(),
            kontrollpunkter,
            publicerade or (),
        )
        poster = uow.lasning.handlingar() if arkiv is not None else []
    gallrade: list[str] = []
    antal_filer, filfel = (
        kontrollera_filer(poster, arkiv, loggade_gallringar, gallrade)
        if arkiv is not None
        else (0, [])
    )
    sigillfel: list[str] = []
    forseglade = 0
    if arkiv is not None:
        fler, protokollfel, forseglade, sigillfel = kontrollera_protokoll(justerade, arkiv, sigill)
        antal_filer += fler
        filfel += protokollfel
    ord_ = "händelse" if kedja.antal == 1 else "händelser"
    if kedja.intakt:
        text = f"intakt: {kedja.antal} {ord_}"
    else:
        text = f"BRUTEN: {len(kedja.fynd)} fel i granskningsloggens kedja ({kedja.antal} {ord_})"
    return Verifiering(
        intakt=kedja.intakt and not filfel and not sigillfel,
        antal=kedja.antal,
        text=text,
        senaste_sekvens=kedja.senaste_sekvens,
        senaste_hash=kedja.senaste_hash,
        kedjefel=[str(f) for f in kedja.fynd],
        filfel=filfel,
        kontrollerade_filer=antal_filer,
        sigillfel=sigillfel,
        kontrollerade_sigill=forseglade,
        publicerade=len(publicerade) if publicerade is not None else None,
        publicerade_avviker=any(isinstance(f, Publiceringsfynd) for f in kedja.fynd),
        gallrade=gallrade,
    )
