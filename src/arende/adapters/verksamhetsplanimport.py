"""Reads the text form of a verksamhetsplan (seeds 001 and 002) into its structure.

The text is what a Word plan becomes when saved as text: headings such as "KF:s
INRIKTNINGSMÅL 1:", "NÄMNDMÅL:" and "ÅTAGANDE:" on lines of their own (or run together with
their title, or wrapped in ** where the plan had them bold), tables as tab-separated lines,
page breaks as runs of blank lines that may cut a sentence in two. The importer walks the
lines once, keeping where it is in the goal chain, and puts each line where it belongs.
A line it cannot place is reported in `plan.ej_placerat` with its line number and the
reason, never dropped: a person checks those before the plan is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from arende.domain.fel import OgiltigUppgift
from arende.domain.verksamhetsplan import (
    ATAGANDEDELAR,
    Aktivitet,
    Atagande,
    Budgetrad,
    Budgettabell,
    EjPlacerat,
    Indikator,
    InnehallsPost,
    Inriktningsmal,
    KfMal,
    Namndmal,
    Verksamhetsplan,
)

_INRIKTNING = re.compile(r"KF:s\s+INRIKTNINGSMÅL\s*([0-9IVX]+)\s*:\.*", re.IGNORECASE)
_KF_MAL = re.compile(r"KF:s\s+MÅL\s+FÖR\s+VERKSAMHETSOMRÅDET\s*:\.*", re.IGNORECASE)
_NAMNDMAL = re.compile(r"NÄMNDMÅL\s*:\.*", re.IGNORECASE)
_ATAGANDE = re.compile(r"ÅTAGANDE\s*:\.*", re.IGNORECASE)
_RUBRIKER = (_INRIKTNING, _KF_MAL, _NAMNDMAL, _ATAGANDE)
# Run-together forms: "KF:s MÅL FÖR VERKSAMHETSOMRÅDET: 3.1 Budgeten ska vara i balans".
_HOPSKRIVEN = re.compile(
    r"((?:KF:s\s+INRIKTNINGSMÅL\s*[0-9IVX]+|KF:s\s+MÅL\s+FÖR\s+VERKSAMHETSOMRÅDET|NÄMNDMÅL|"
    r"ÅTAGANDE)\s*:)\s*(\S.*)",
    re.IGNORECASE,
)
_INRIKTNING_TITEL = re.compile(r"([0-9IVX]+)\.\s*(\S.*)")
_KF_MAL_TITEL = re.compile(r"([0-9IVX]+\.\d+)\.?\s+(\S.*)")
_NAMNDMAL_TITEL = re.compile(r"(\d+)\.\s+(\S.*)")
# The parts of an åtagande; seed 001 spells Arbetssätt "Arbetsätt" throughout.
_DELAR = {rubrik.casefold(): namn for namn, rubrik in ATAGANDEDELAR} | {"arbetsätt": "arbetssatt"}
_DELRUBRIK = {namn: rubrik for namn, rubrik in ATAGANDEDELAR}
_TABELLER = {
    "kf:s indikatorer": ("indikator", "KF"),
    "nämndens indikatorer": ("indikator", "nämnden"),
    "enhetens indikatorer": ("indikator", "enheten"),
    "kf:s aktiviteter": ("aktivitet", "KF"),
    "nämndens aktiviteter": ("aktivitet", "nämnden"),
    "enhetens aktiviteter": ("aktivitet", "enheten"),
    "enhets aktiviteter": ("aktivitet", "enheten"),
}
_PERIODICITET = {"år", "tertial", "halvår", "månad", "kvartal", "vecka"}
_DATUM = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TAL = re.compile(r"[-−–]?\s?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?|[-−–]?\d+(?:,\d+)?")
_SIDA = re.compile(r"SID\s+\d+\s*\(\d+\)", re.IGNORECASE)
_DNR = re.compile(r"DNR\s+(\S.*)", re.IGNORECASE)
# Chapters after the goals: the budget chapter's prose is kept as the plan's ekonomi; what
# follows "Bilaga" or "Särskilda redovisningar" has no place in the structure.
_EKONOMIKAPITEL = re.compile(
    r"(Nämndens ekonomiska förutsättningar.*|Budget \d{4}|Ekonomi|Budget)", re.IGNORECASE
)
_UTANFOR = re.compile(r"(Bilag(a|or)( \d+)?|Särskilda redovisningar)", re.IGNORECASE)


@dataclass(frozen=True)
class _Rad:
    nr: int
    text: str


def las_verksamhetsplan(fil: Path) -> Verksamhetsplan:
    try:
        text = fil.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OgiltigUppgift(f"Verksamhetsplanen {fil} finns inte.") from None
    except UnicodeDecodeError:
        raise OgiltigUppgift(f"{fil}: filen är inte sparad som UTF-8 text.") from None
    return importera_verksamhetsplan(text)


def importera_verksamhetsplan(text: str) -> Verksamhetsplan:
    if not text.strip():
        raise OgiltigUppgift("Verksamhetsplanen är tom.")
    return _Importor(text).kor()


def _arabisk(nummer: str) -> str:
    """Seed 002 numbers its first inriktningsmål "I", "I.1", "I.7": read as 1, 1.1, 1.7."""
    romerska = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}
    return ".".join(romerska.get(d, d) for d in nummer.split("."))


def _normal(text: str) -> str:
    return " ".join(text.rstrip(". ").split()).casefold()


def _celler(text: str) -> list[str]:
    celler = [c.strip() for c in text.split("\t")]
    while celler and not celler[-1]:
        celler.pop()
    return celler


def _tal(cell: str) -> Decimal | None:
    cell = cell.strip()
    if not cell:
        return None
    if not _TAL.fullmatch(cell):
        raise ValueError(cell)
    try:
        return Decimal(
            re.sub(r"[\s\u00a0]", "", cell).replace(",", ".").replace("−", "-").replace("–", "-")
        )
    except InvalidOperation:
        raise ValueError(cell) from None


def _datum(cell: str) -> date | None:
    cell = cell.strip()
    if not cell:
        return None
    traff = _DATUM.fullmatch(cell)
    if not traff:
        raise ValueError(cell)
    return date(int(traff[1]), int(traff[2]), int(traff[3]))


def _ar_rubrik(text: str) -> bool:
    return any(r.fullmatch(text) for r in _RUBRIKER)


class _Importor:
    def __init__(self, text: str) -> None:
        self.ursprung = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.plan = Verksamhetsplan()
        self.inriktning: Inriktningsmal | None = None
        self.kf: KfMal | None = None
        self.namndmal: Namndmal | None = None
        self.atagande: Atagande | None = None
        self.del_: str | None = None  # the åtagande part being written
        self.avvisad: str | None = None  # why the lines of the current block are unplaced
        self.lage = "huvud"  # huvud, inledning, mal, ekonomi, utanfor
        self.senaste_rubrik = ""

    # -- preparing the lines ----------------------------------------------------------

    def _innehallsforteckning(self) -> range:
        """Reads the table of contents, if any; returns the indexes of its lines."""
        start = next(
            (i for i, r in enumerate(self.ursprung) if r.strip() == "Innehållsförteckning"), None
        )
        if start is None:
            return range(0)
        slag = "rubrik"
        i = start + 1
        while i < len(self.ursprung):
            rad = self.ursprung[i].replace("\u00a0", " ").strip()
            traff = re.fullmatch(r"(.*?)[\s.]*\t\s*(\d+)", rad)
            if rad and not traff:
                break
            i += 1
            if not traff:
                continue
            text = traff[1].strip().rstrip(". ")
            if _INRIKTNING.fullmatch(text + ":") or _INRIKTNING.fullmatch(text):
                slag = "inriktningsmål"
            elif _KF_MAL.fullmatch(text):
                slag = "KF-mål"
            elif _NAMNDMAL.fullmatch(text):
                slag = "nämndmål"
            else:
                self.plan.innehallsforteckning.append(InnehallsPost(slag, text, int(traff[2])))
                slag = "rubrik"
        return range(start, i)

    def _rader(self, innehall: range) -> list[_Rad]:
        """The logical lines outside the table of contents: headings split from their
        titles, sentences cut by a page break joined again. Blank lines stay (they end
        tables)."""
        rader: list[_Rad] = []
        for nr, ra in enumerate(self.ursprung, 1):
            text = "" if nr - 1 in innehall else ra.replace("\u00a0", " ").strip()
            if "**" in text:
                delar = [d.strip() for d in text.split("**") if d.strip()]
                if delar and _HOPSKRIVEN.match(delar[0]) or (delar and _ar_rubrik(delar[0])):
                    for d in delar:
                        rader += self._dela_rubrik(nr, d)
                    continue
                text = text.replace("**", "")
            rader += self._dela_rubrik(nr, text)
        return self._foga_sidbrytningar(rader)

    def _dela_rubrik(self, nr: int, text: str) -> list[_Rad]:
        if "\t" not in text and not _ar_rubrik(text):
            traff = _HOPSKRIVEN.fullmatch(text)
            if traff:
                return [_Rad(nr, traff[1]), _Rad(nr, traff[2].strip())]
        return [_Rad(nr, text)]

    def _foga_sidbrytningar(self, rader: list[_Rad]) -> list[_Rad]:
        ut: list[_Rad] = []
        i = 0
        while i < len(rader):
            rad = rader[i]
            j = i + 1
            while j < len(rader) and not rader[j].text:
                j += 1
            nasta = rader[j] if j < len(rader) else None
            if (
                nasta is not None
                and j > i + 1
                and rad.text
                and "\t" not in rad.text
                and "\t" not in nasta.text
                and re.search(r"[a-zåäöé,-]$", rad.text)
                and nasta.text[0].islower()
                and not _ar_rubrik(rad.text)
            ):
                if rad.text.endswith("-") and rad.text[-2:-1].isalpha():
                    fogad = rad.text[:-1] + nasta.text
                else:
                    fogad = rad.text + " " + nasta.text
                rader[j] = _Rad(rad.nr, fogad)
                i = j
                continue
            ut.append(rad)
            i += 1
        return ut

    # -- reporting ----------------------------------------------------------------------

    def _ej_placerat(self, rad: _Rad, orsak: str) -> None:
        self.plan.ej_placerat.append(EjPlacerat(rad.nr, rad.text, orsak))

    # -- the walk -----------------------------------------------------------------------

    def kor(self) -> Verksamhetsplan:
        rader = self._rader(self._innehallsforteckning())
        i = 0
        while i < len(rader):
            rad = rader[i]
            if not rad.text:
                i += 1
                continue
            if "\t" in rad.text:
                i = self._tabell(rader, i)
                continue
            if (
                _INRIKTNING.fullmatch(rad.text)
                or _KF_MAL.fullmatch(rad.text)
                or _NAMNDMAL.fullmatch(rad.text)
                or _ATAGANDE.fullmatch(rad.text)
            ):
                i = self._malrubrik(rader, i)
                continue
            self._text(rad)
            i += 1
        self._jamfor_med_innehallet()
        return self.plan

    def _nasta_icke_tomma(self, rader: list[_Rad], i: int) -> int:
        while i < len(rader) and not rader[i].text:
            i += 1
        return i

    def _malrubrik(self, rader: list[_Rad], i: int) -> int:
        rubrik = rader[i]
        j = self._nasta_icke_tomma(rader, i + 1)
        titel = rader[j] if j < len(rader) else None
        if titel is None or "\t" in titel.text or _ar_rubrik(titel.text):
            self._ej_placerat(rubrik, "rubriken följs inte av något mål")
            return i + 1
        self.lage = "mal"
        self.avvisad = None
        self.del_ = None
        if traff := _INRIKTNING.fullmatch(rubrik.text):
            nummer = _arabisk(traff[1])
            tt = _INRIKTNING_TITEL.fullmatch(titel.text)
            text = tt[2].strip() if tt else titel.text
            self.inriktning = Inriktningsmal(nummer, text, titel.nr)
            self.plan.inriktningsmal.append(self.inriktning)
            self.kf = self.namndmal = self.atagande = None
        elif _KF_MAL.fullmatch(rubrik.text):
            tt = _KF_MAL_TITEL.fullmatch(titel.text)
            if not tt:
                self._ej_placerat(titel, "KF:s mål saknar sitt nummer (t.ex. 1.2)")
                self.kf = self.namndmal = self.atagande = None
                self.avvisad = "står under ett KF-mål som inte kunde placeras"
                return j + 1
            nummer = _arabisk(tt[1])
            inriktning = next(
                (m for m in self.plan.inriktningsmal if m.nummer == nummer.split(".")[0]), None
            )
            if inriktning is None:
                self._ej_placerat(
                    titel, f"KF:s mål {nummer} hör inte till något inläst inriktningsmål"
                )
                self.kf = self.namndmal = self.atagande = None
                self.avvisad = "står under ett KF-mål som inte kunde placeras"
                return j + 1
            self.inriktning = inriktning
            self.kf = KfMal(nummer, tt[2].strip(), titel.nr)
            inriktning.kf_mal.append(self.kf)
            self.namndmal = self.atagande = None
        elif _NAMNDMAL.fullmatch(rubrik.text):
            if self.kf is None:
                self._ej_placerat(titel, "nämndmålet står inte under något KF-mål")
                self.namndmal = self.atagande = None
                self.avvisad = "står under ett nämndmål som inte kunde placeras"
                return j + 1
            tt = _NAMNDMAL_TITEL.fullmatch(titel.text)
            self.namndmal = Namndmal(
                text=tt[2].strip() if tt else titel.text,
                rad=titel.nr,
                nummer=tt[1] if tt else None,
            )
            self.kf.namndmal.append(self.namndmal)
            self.atagande = None
        else:
            if self.namndmal is None:
                self._ej_placerat(titel, "åtagandet står inte under något nämndmål")
                self.atagande = None
                self.avvisad = "står under ett åtagande som inte kunde placeras"
                return j + 1
            self.atagande = Atagande(titel.text, titel.nr)
            self.namndmal.ataganden.append(self.atagande)
        return j + 1

    def _text(self, rad: _Rad) -> None:
        text = rad.text
        if self.lage == "huvud":
            self._huvud(rad)
            return
        if _UTANFOR.fullmatch(text):
            self.lage = "utanfor"
            self.avvisad = (
                f"står under rubriken '{text}', som inte hör till verksamhetsplanens struktur"
            )
            self._ej_placerat(rad, self.avvisad)
            return
        if self.lage in ("mal", "ekonomi") and _EKONOMIKAPITEL.fullmatch(text):
            self.lage = "ekonomi"
            self.avvisad = None
            self.atagande = self.namndmal = self.kf = None
            self.inriktning = None
            self.del_ = None
            self.senaste_rubrik = text
            return
        if len(text) <= 80 and not text.endswith((".", ",", ";", ":")):
            self.senaste_rubrik = text
        if self.lage == "inledning":
            self.plan.inledning.append(text)
            return
        if self.lage == "ekonomi":
            self.plan.ekonomi.append(text)
            return
        if self.avvisad is not None:
            self._ej_placerat(rad, self.avvisad)
            return
        if self.atagande is not None:
            del_ = _DELAR.get(text.casefold())
            if del_ is not None:
                if getattr(self.atagande, del_):
                    self.avvisad = (
                        f"en andra '{_DELRUBRIK[del_]}' i åtagandet '{self.atagande.text}', "
                        "som redan har en"
                    )
                    self._ej_placerat(rad, self.avvisad)
                    self.del_ = None
                    return
                self.del_ = del_
                return
            if self.del_ is None:
                self._ej_placerat(
                    rad, f"text i åtagandet '{self.atagande.text}' före dess första del"
                )
                return
            tidigare = getattr(self.atagande, self.del_)
            setattr(self.atagande, self.del_, f"{tidigare}\n\n{text}" if tidigare else text)
            return
        if self.namndmal is not None:
            self.namndmal.beskrivning.append(text)
        elif self.kf is not None:
            self.kf.beskrivning.append(text)
        elif self.inriktning is not None:
            self.inriktning.beskrivning.append(text)
        else:
            self._ej_placerat(rad, "text som inte står under något mål")

    def _huvud(self, rad: _Rad) -> None:
        """Lines before the first goal: the letterhead, the title, the Inledning."""
        text = rad.text
        plan = self.plan
        if text == "Inledning":
            self.lage = "inledning"
        elif text.startswith("Handläggare:"):
            plan.handlaggare = text.split(":", 1)[1].strip()
        elif text.startswith("Telefon:"):
            plan.telefon = text.split(":", 1)[1].strip()
        elif traff := _DNR.fullmatch(text):
            plan.dnr = traff[1].strip()
        elif traff := _DATUM.fullmatch(text):
            plan.datum = date(int(traff[1]), int(traff[2]), int(traff[3]))
        elif _SIDA.fullmatch(text):
            pass  # the page number in the letterhead ("SID 1 (92)")
        elif text == "Till":
            plan.till = "?"
        elif plan.till == "?":
            plan.till = text
        elif text.startswith("Verksamhetsplan") and not plan.titel:
            plan.titel = text
        elif text.isupper():
            pass  # the förvaltning's name in the letterhead ("STOCKHOLMS SOCIALTJÄNSTFÖRVALTNING")
        else:
            self._ej_placerat(
                rad, "text före inledningen som inte är en känd uppgift i brevhuvudet"
            )

    # -- tables -------------------------------------------------------------------------

    def _tabell(self, rader: list[_Rad], i: int) -> int:
        huvud = rader[i]
        celler = _celler(huvud.text)
        slag = _TABELLER.get(celler[0].casefold()) if celler else None
        if slag is not None:
            return self._maltabell(rader, i, *slag)
        if self._ar_budgethuvud(rader, i):
            return self._budget(rader, i)
        self._ej_placerat(huvud, "tabellrad utan känd tabellrubrik")
        return i + 1

    def _tabellrader(self, rader: list[_Rad], i: int) -> tuple[list[_Rad], int]:
        """The rows after a table's header: tab lines up to a blank line, a plain line or
        another table's header."""
        ut: list[_Rad] = []
        j = i + 1
        while j < len(rader) and "\t" in rader[j].text:
            celler = _celler(rader[j].text)
            if celler and celler[0].casefold() in _TABELLER:
                break
            ut.append(rader[j])
            j += 1
        return ut, j

    def _maltabell(self, rader: list[_Rad], i: int, slag: str, kalla: str) -> int:
        rubrik = _celler(rader[i].text)[0]
        radlista, j = self._tabellrader(rader, i)
        mal: KfMal | Namndmal | Atagande | None
        if kalla == "KF":
            mal = self.kf
        elif kalla == "enheten":
            mal = self.atagande or self.namndmal
        else:
            mal = self.namndmal or self.kf
        for rad in radlista:
            if mal is None or self.avvisad is not None:
                self._ej_placerat(
                    rad, f"raden i tabellen '{rubrik}' står inte under något mål den kan höra till"
                )
                continue
            celler = _celler(rad.text)
            try:
                if slag == "aktivitet":
                    if len(celler) > 3:
                        raise ValueError("för många kolumner")
                    celler += [""] * (3 - len(celler))
                    mal.aktiviteter.append(
                        Aktivitet(celler[0], _datum(celler[1]), _datum(celler[2]), kalla, rad.nr)
                    )
                else:
                    mal.indikatorer.append(self._indikator(celler, kalla, rad.nr))
            except ValueError as fel:
                self._ej_placerat(rad, f"raden i tabellen '{rubrik}' går inte att läsa ({fel})")
        return j

    def _indikator(self, celler: list[str], kalla: str, nr: int) -> Indikator:
        # KF:s tables have Årsmål, KF:s årsmål, Periodicitet; the nämnd's only Årsmål and
        # Periodicitet.
        kolumner = 4 if kalla == "KF" else 3
        if len(celler) > kolumner or not celler[0]:
            raise ValueError("kolumnerna stämmer inte med tabellens rubrik")
        celler += [""] * (kolumner - len(celler))
        periodicitet = celler[-1] or None
        if periodicitet is not None and periodicitet.casefold() not in _PERIODICITET:
            raise ValueError(f"okänd periodicitet '{periodicitet}'")
        return Indikator(
            namn=celler[0],
            arsmal=celler[1] or None,
            kf_arsmal=(celler[2] or None) if kolumner == 4 else None,
            periodicitet=periodicitet,
            kalla=kalla,
            rad=nr,
        )

    def _ar_budgethuvud(self, rader: list[_Rad], i: int) -> bool:
        celler = _celler(rader[i].text)
        if len(celler) < 3 or any(not c for c in celler[1:]):
            return False
        for c in celler[1:]:
            try:
                _tal(c)
                return False
            except ValueError:
                pass
        if i + 1 >= len(rader) or "\t" not in rader[i + 1].text:
            return False
        return self._budgetrad(rader[i + 1], len(celler)) is not None

    def _budgetrad(self, rad: _Rad, kolumner: int) -> Budgetrad | None:
        celler = _celler(rad.text)
        if not celler or not celler[0] or len(celler) > kolumner:
            return None
        celler += [""] * (kolumner - len(celler))
        try:
            varden = tuple(_tal(c) for c in celler[1:])
        except ValueError:
            return None
        if all(v is None for v in varden):
            return None
        return Budgetrad(celler[0], varden, rad.nr)

    def _budget(self, rader: list[_Rad], i: int) -> int:
        huvud = rader[i]
        kolumner = tuple(_celler(huvud.text))
        radlista, j = self._tabellrader(rader, i)
        lasta: list[Budgetrad] = []
        for rad in radlista:
            budgetrad = self._budgetrad(rad, len(kolumner))
            if budgetrad is None:
                self._ej_placerat(rad, f"raden i budgettabellen '{kolumner[0]}' går inte att läsa")
            else:
                lasta.append(budgetrad)
        self.plan.budget.append(
            Budgettabell(self.senaste_rubrik or kolumner[0], kolumner, tuple(lasta), huvud.nr)
        )
        return j

    # -- the table of contents against the text -------------------------------------------

    def _jamfor_med_innehallet(self) -> None:
        lasta = {
            "inriktningsmål": {_normal(m.text) for m in self.plan.inriktningsmal},
            "KF-mål": {_normal(f"{k.nummer} {k.text}") for k in self.plan.kf_mal()},
            "nämndmål": {_normal(n.text) for n in self.plan.namndmal()},
        }
        for post in self.plan.innehallsforteckning:
            if post.slag not in lasta:
                continue
            text = post.text
            if post.slag == "inriktningsmål":
                tt = _INRIKTNING_TITEL.fullmatch(text)
                text = tt[2] if tt else text
            if _normal(text) not in lasta[post.slag]:
                self.plan.ej_placerat.append(
                    EjPlacerat(
                        0,
                        post.text,
                        f"{post.slag} i innehållsförteckningen (sidan {post.sida}) som inte "
                        "hittades i texten",
                    )
                )
