"""What can be read out of an earlier tjänsteutlåtande, protokoll or verksamhetsplan, as
plain text (from Word, from a PDF's text layer or from OCR), before it is imported into the
diarium: the kind of document, the nämnd, the dnr, the date, the handläggare, the title,
the förslag till beslut (a protokoll's beslut) and who signed.

The rules are pure functions over text, tolerant of what OCR and old conversions do to it:
lines broken in the middle of a sentence, words split with a hyphen ("tjänsteut- låtande"),
ligatures ("ﬁ"), digits run together or read as letters ("200812" for 2008/12, "2OO8" for
2008) and stray characters. What cannot be read is left out, never guessed: the registrator
sees what was found and what was not (`Fynd.saknade`) before anything is registered.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.domain.inkommen_fil import Inkommen, granska, kontrollera_namn, megabyte

# The ärendetyp of an imported ärende: it was handled before this system, under none of its
# types, and only its registration and its document are here.
IMPORTERAT = "importerat"


class Dokumentslag(StrEnum):
    TJANSTEUTLATANDE = "tjänsteutlåtande"
    PROTOKOLL = "protokoll"
    VERKSAMHETSPLAN = "verksamhetsplan"


# The fields, in the order the registrator reads them, with their Swedish headings.
FALT: tuple[tuple[str, str], ...] = (
    ("namnd", "Nämnd"),
    ("dnr", "Dnr"),
    ("datum", "Datum"),
    ("handlaggare", "Handläggare"),
    ("titel", "Titel"),
    ("forslag", "Förslag till beslut"),
    ("undertecknare", "Undertecknare"),
)
# What each kind of document carries: a protokoll names no handläggare, a plan proposes
# nothing and is signed by nobody. A field outside its kind is neither found nor missed.
VANTADE: dict[Dokumentslag, frozenset[str]] = {
    Dokumentslag.TJANSTEUTLATANDE: frozenset(n for n, _ in FALT),
    Dokumentslag.PROTOKOLL: frozenset(n for n, _ in FALT) - {"handlaggare"},
    Dokumentslag.VERKSAMHETSPLAN: frozenset({"namnd", "dnr", "datum", "handlaggare", "titel"}),
}

_HUVUDRADER = 30  # the letterhead: where the dnr and the document's own date stand

_MANADER = {
    "januari": 1,
    "februari": 2,
    "mars": 3,
    "april": 4,
    "maj": 5,
    "juni": 6,
    "juli": 7,
    "augusti": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
# Words that follow a hyphen in Swedish without being the rest of a split word:
# "kris- och utredningscenter", "socialtjänst- och arbetsmarknadsnämnden".
_FORTSATTNINGAR = {"och", "eller", "samt", "till", "respektive", "som", "men", "resp"}
# Characters a letter keeps; anything else outside letters, digits and spaces is a stray
# mark of the scan (a speck read as "|", "~", "¦", "•").
_TILLATNA_TECKEN = set(".,:;!?-–—/()§%&$£\"'+*=@")
# What OCR makes of digits: O and o for 0, l, I and | for 1.
_SIFFERLIK = "0-9OoIl|"
_SIFFROR = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


@dataclass(frozen=True)
class LastDnr:
    """A diarienummer as it was read (`text`) and understood: the diarium's prefix (None
    when the document gave only year and number), year and number."""

    text: str = field(compare=False)  # two readings of one number are the same number
    prefix: str | None
    ar: int
    nummer: int

    def __str__(self) -> str:
        return (
            f"{self.prefix} {self.ar}/{self.nummer}" if self.prefix else f"{self.ar}/{self.nummer}"
        )


@dataclass(frozen=True)
class Fynd:
    """What was read out of one document; None or () where nothing could be read."""

    slag: Dokumentslag
    namnd: str | None = None
    dnr: LastDnr | None = None
    datum: date | None = None
    handlaggare: str | None = None
    titel: str | None = None
    forslag: tuple[str, ...] = ()
    undertecknare: tuple[str, ...] = ()
    # A protokoll's §§ as read, in their order (one for a protokollsutdrag); () otherwise.
    paragrafer: tuple[LastParagraf, ...] = ()

    @property
    def flera_paragrafer(self) -> bool:
        """A protokoll of several §§: each § with a dnr is imported under its own number."""
        return self.slag is Dokumentslag.PROTOKOLL and len(self.paragrafer) > 1

    def varde(self, falt: str) -> str | None:
        """The field as the registrator reads it, or None if it was not found."""
        varde = getattr(self, falt)
        if varde is None or varde == ():
            return None
        if isinstance(varde, tuple):
            if falt == "forslag":
                return " ".join(f"{i}. {p}" for i, p in enumerate(varde, 1))
            return ", ".join(varde)
        if isinstance(varde, date):
            return varde.isoformat()
        return str(varde)

    def hittade(self) -> list[str]:
        return [n for n, _ in FALT if n in VANTADE[self.slag] and self.varde(n) is not None]

    def saknade(self) -> list[str]:
        return [n for n, _ in FALT if n in VANTADE[self.slag] and self.varde(n) is None]


def rubrik(falt: str) -> str:
    return dict(FALT)[falt]


# What is read of each § of a protokoll, with its Swedish heading.
PARAGRAFFALT: tuple[tuple[str, str], ...] = (
    ("titel", "Titel"),
    ("dnr", "Dnr"),
    ("beslut", "Beslut"),
)


@dataclass(frozen=True)
class LastParagraf:
    """One § of a protokoll as read: its number, title, dnr and beslut points, and its lines
    (the text a protokollsutdrag of it repeats)."""

    nummer: int
    titel: str | None = None
    dnr: LastDnr | None = None
    beslut: tuple[str, ...] = ()
    # The lines as they came, which damage of the scan changes where the reading does not.
    text: tuple[str, ...] = field(default=(), compare=False)

    def saknade(self) -> list[str]:
        """The Swedish headings of what could not be read of the §."""
        return [r for n, r in PARAGRAFFALT if getattr(self, n) in (None, ())]


def dubbla_paragrafer(nummer: Iterable[int]) -> list[int]:
    """The § numbers that occur more than once: a protokoll numbers each § once, so a
    repeated number is a misreading (or two protokoll in one file)."""
    sedda: set[int] = set()
    dubbla: dict[int, None] = {}
    for n in nummer:
        if n in sedda:
            dubbla[n] = None
        sedda.add(n)
    return list(dubbla)


# -- cleaning the text ---------------------------------------------------------------------------


def rensa_text(text: str) -> str:
    """The text with what OCR and old conversions do to it undone as far as it can be
    without guessing: ligatures and compatibility forms unfolded (NFKC), columns (tabs,
    runs of spaces) put on lines of their own, stray marks removed, words split over a line
    break or by "- " joined, digits read as letters made digits, blanks collapsed. Blank lines stay: they part
    paragraphs."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    # Columns (tabs, runs of spaces) on lines of their own, before stray marks become spaces.
    text = re.sub(r"\t| {3,}", "\n", text)
    text = "".join(_tecken(t) for t in text)
    # A word split at the end of a line: "tjänsteut-\nlåtande".
    text = re.sub(
        r"([a-zåäöéü])-[ \t]*\n[ \t]*([a-zåäöéü]+)",
        lambda m: m[0] if m[2] in _FORTSATTNINGAR else m[1] + m[2],
        text,
    )
    # A word split within a line: "tjänsteut- låtande" (not "kris- och").
    text = re.sub(
        r"([a-zåäöéü]{2})- ([a-zåäöéü]+)",
        lambda m: m[0] if m[2] in _FORTSATTNINGAR else m[1] + m[2],
        text,
    )
    # A number with letters read for its digits: "2OO8" (at least one real digit).
    text = re.sub(r"\b(?=[OoIl]*\d)[0-9OoIl]{2,}\b", lambda m: siffror(m[0]), text)
    rader: list[str] = []
    for rad in text.split("\n"):
        rader.append(" ".join(rad.split()))
    return "\n".join(rader).strip()


def _tecken(t: str) -> str:
    return t if t.isalnum() or t in "\n " or t in _TILLATNA_TECKEN else " "


def siffror(text: str) -> str:
    """A run that should be digits, with what OCR reads for them made digits again:
    '2OO8' -> '2008', 'l9' -> '19'."""
    return text.translate(_SIFFROR)


# -- dnr and dates -------------------------------------------------------------------------------

_D = f"[{_SIFFERLIK}]"
# A prefix begins with a letter; "1.2" is OCR's reading of Stockholm's "I.2" (the I read as
# a 1, an l or a |), made I again in `tolka_dnr`.
_PREFIX = r"(?P<prefix>(?:[A-Za-zÅÄÖåäö]|[1l|](?=\.))[A-Za-zÅÄÖåäö0-9.]*?)"
_AR = rf"(?P<ar>[12lI]{_D}{{3}})"
_DNR_FORMER = (
    # SoN 2008/12, SoN 2008 / 12
    re.compile(rf"{_PREFIX}\s+{_AR}\s*/\s*(?P<nr>{_D}{{1,6}})"),
    # I.2-0660/2008 (Stockholm's form: number, then year)
    re.compile(rf"{_PREFIX}[-\s]\s*(?P<nr>{_D}{{1,6}})\s*/\s*{_AR}"),
    # SoN 200812: the slash lost, year and number run together
    re.compile(rf"{_PREFIX}\s+{_AR}(?P<nr>{_D}{{1,6}})"),
    # I.2-06602008
    re.compile(rf"{_PREFIX}-(?P<nr>{_D}{{1,6}}?){_AR}"),
    # 2008/12, no prefix
    re.compile(rf"(?P<prefix>){_AR}\s*/\s*(?P<nr>{_D}{{1,6}})"),
)


def tolka_dnr(text: str) -> LastDnr | None:
    """The diarienummer in `text` (what follows 'Dnr'), in any of the forms above, or None."""
    kandidat = text.strip().strip(".,:;")
    for form in _DNR_FORMER:
        traff = form.fullmatch(kandidat)
        if traff is None:
            continue
        ar, nr = int(siffror(traff["ar"])), int(siffror(traff["nr"]))
        if not 1900 <= ar <= 2099 or nr < 1:
            continue
        prefix = traff["prefix"] or None
        if prefix is not None and prefix[0] in "1l|":
            prefix = "I" + prefix[1:]
        if prefix is not None and prefix.casefold() in ("dnr", "diarienummer"):
            continue
        return LastDnr(" ".join(kandidat.split()), prefix, ar, nr)
    return None


_ISODATUM = re.compile(rf"(?P<ar>[12lI]{_D}{{3}})\s?-\s?(?P<m>{_D}{{2}})\s?-\s?(?P<d>{_D}{{2}})")
_HOPDATUM = re.compile(rf"(?P<ar>[12lI]{_D}{{3}})(?P<m>{_D}{{2}})(?P<d>{_D}{{2}})")
_ORDDATUM = re.compile(
    rf"(?:den\s+)?(?P<d>{_D}{{1,2}})\s+(?P<m>[a-zåäö]+)\s+(?P<ar>[12lI]{_D}{{3}})", re.IGNORECASE
)


def tolka_datum(text: str) -> date | None:
    """A date written as 2008-05-13 (also '2008- 05-13', '2OO8-05-13'), run together
    (20080513) or in words (13 maj 2008); None if `text` is no date."""
    kandidat = text.strip().strip(".,:;")
    for form in (_ISODATUM, _HOPDATUM):
        traff = form.fullmatch(kandidat)
        if traff:
            return _datum(traff["ar"], traff["m"], traff["d"])
    traff = _ORDDATUM.fullmatch(kandidat)
    if traff and traff["m"].casefold() in _MANADER:
        return _datum(traff["ar"], str(_MANADER[traff["m"].casefold()]), traff["d"])
    return None


def _datum(ar: str, manad: str, dag: str) -> date | None:
    try:
        return date(int(siffror(ar)), int(siffror(manad)), int(siffror(dag)))
    except ValueError:
        return None


# -- the document --------------------------------------------------------------------------------


def _fras(fras: str) -> str:
    """A heading or label as a pattern that also matches it split by OCR: a space or a
    hyphen and a space may stand between any two letters ('Förslag till be- slut')."""
    ord_ = [r"(?:-?\s?)".join(re.escape(t) for t in o) for o in fras.split()]
    return r"\s+".join(ord_)


_FORSLAG = re.compile(_fras("Förslag till beslut") + r"\s*:?", re.IGNORECASE)
_BESLUT = re.compile(r"(?:\S+\s+)?" + _fras("beslut") + r"\s*:?", re.IGNORECASE)
_HANDLAGGARE = re.compile(_fras("Handläggare") + r"\s*:?", re.IGNORECASE)
_TILL = re.compile(r"Till\b\s*:?\s*(?P<rest>.*)")
_DNR_ETIKETT = re.compile(r"(?:Dnr|DNR|Diarienummer|Dnr\.)\s*[.:]?\s*(?P<rest>.+)", re.IGNORECASE)
_DATUM_ETIKETT = re.compile(
    r"(?:Datum|Sammanträdesdatum|Sammanträde(?:t)?(?:\s+den)?|Sammanträdesdag)\s*:?\s*(?P<rest>.+)",
    re.IGNORECASE,
)
# "§ 12", and what OCR makes of the sign: "&12", "$ 12", "S 12", "£2", the sign read as two
# ("s$12", "&$12"); failing those, a line of a number alone ("812", the sign read as an 8),
# which is no title either way.
_PARAGRAF = re.compile(r"(?:[sS§&]?[§&$£]\s*|S\s+)[0-9OolI]{1,4}")
_PARAGRAF_LOS = re.compile(r"8?[0-9]{1,3}")
_PUNKT = re.compile(r"(?P<nr>[0-9lI]{1,2})\s?[.)]\s+(?P<text>\S.*)")
_NAMNORD = re.compile(r"[A-ZÅÄÖÉ][a-zåäöéüè]+(?:-[A-ZÅÄÖÉ][a-zåäöéüè]+)?")
_ETIKETTORD = {"Telefon", "Tel", "Till", "Datum", "Dnr", "E-post", "Epost", "Avdelning"}
_NAMNDORD = re.compile(r"(nämnd(en)?|styrelse(n)?|fullmäktige|utskott(et)?)$", re.IGNORECASE)
_NAMND_I_TEXT = re.compile(
    r"((?:[a-zåäöA-ZÅÄÖ]+-\s(?:och|samt)\s)?[a-zåäöA-ZÅÄÖ]+nämnd(?:en)?)", re.IGNORECASE
)
_AVSLUTANDE = re.compile(
    _fras("Sammanfattning")
    + "|"
    + _fras("Bakgrund")
    + "|"
    + _fras("Ärendet")
    + "|"
    + _fras("Ärendets beredning")
    + "|"
    + _fras("Justeras")
    + "|"
    + _fras("Justerat")
    + "|"
    + _fras("Vid protokollet")
    + "|"
    + _fras("Reservation"),
    re.IGNORECASE,
)
_SIGNATURRUBRIK = re.compile(
    r"(?:"
    + _fras("Vid protokollet")
    + "|"
    + _fras("Justeras")
    + "|"
    + _fras("Justerat")
    + "|"
    + _fras("Ordförande")
    + "|"
    + _fras("Justerare")
    + "|"
    + _fras("Sekreterare")
    + r")\s*:?\s*(?P<rest>.*)",
    re.IGNORECASE,
)
_TITLAR = re.compile(
    r".*(chef|direktör|ordförande|justerare|sekreterare|kommunalråd)$", re.IGNORECASE
)


def las_handling(text: str) -> Fynd:
    """Read an earlier document's text. Refused (in Swedish) when it holds no text, or is
    neither a tjänsteutlåtande, a protokoll nor a verksamhetsplan."""
    if not text or not text.strip():
        raise OgiltigUppgift(
            "Handlingen innehåller ingen text att läsa: filen är tom, eller en skanning som "
            "inte gick att tolka."
        )
    rader = rensa_text(text).split("\n")
    fyllda = _foga_rubriker([r for r in rader if r])
    slag = dokumentslag(fyllda)
    if slag is None:
        raise OgiltigUppgift(
            "Handlingen ser inte ut som ett tjänsteutlåtande, ett protokoll eller en "
            "verksamhetsplan (ingen rubrik 'Förslag till beslut', 'Protokoll' eller "
            "'Verksamhetsplan' hittades): den importeras inte. Registrera den som inkommande "
            "handling i stället (arende inkommande)."
        )
    huvud = fyllda[:_HUVUDRADER]
    titel = _titel(fyllda, slag)
    paragrafer: tuple[LastParagraf, ...] = ()
    if slag is Dokumentslag.PROTOKOLL:
        forslag = _punkter(fyllda, _BESLUT)
        undertecknare = _protokollets_namn(fyllda)
        paragrafer = _paragrafer(fyllda)
        if (
            not paragrafer
            and _helt_protokoll(fyllda)
            and not any(_PARAGRAF_LOS.fullmatch(r) for r in fyllda)
        ):
            raise OgiltigUppgift(
                "Ingen paragraf (§ och nummer) gick att läsa ur protokollet: dess ärenden kan "
                "inte skiljas åt, och det importeras inte. Kontrollera skanningen (eller "
                "OCR-texten) och försök igen."
            )
    elif slag is Dokumentslag.TJANSTEUTLATANDE:
        forslag = _punkter(fyllda, _FORSLAG)
        undertecknare = _undertecknare(fyllda)
    else:
        forslag, undertecknare = (), ()
    return Fynd(
        slag=slag,
        namnd=_namnd(fyllda, titel),
        dnr=_dnr(huvud),
        datum=_dokumentdatum(huvud),
        handlaggare=_handlaggare(fyllda),
        titel=titel,
        forslag=forslag,
        undertecknare=undertecknare,
        paragrafer=paragrafer,
    )


def _foga_rubriker(rader: list[str]) -> list[str]:
    """A heading broken over two lines ("Förslag till" / "beslut") on one line again."""
    ut: list[str] = []
    i = 0
    while i < len(rader):
        if (
            i + 1 < len(rader)
            and not _FORSLAG.fullmatch(rader[i])
            and len(rader[i]) < 20
            and (
                _FORSLAG.fullmatch(f"{rader[i]} {rader[i + 1]}")
                or _SIGNATURRUBRIK.fullmatch(f"{rader[i]} {rader[i + 1]}")
                and rader[i].casefold() == "vid"
            )
        ):
            ut.append(f"{rader[i]} {rader[i + 1]}")
            i += 2
            continue
        ut.append(rader[i])
        i += 1
    return ut


def dokumentslag(rader: list[str]) -> Dokumentslag | None:
    """The kind of document from its headings: 'Protokoll(sutdrag)' in the letterhead, a
    title beginning 'Verksamhetsplan', or a tjänsteutlåtande's 'Förslag till beslut' (or
    the word itself)."""
    huvud = rader[:15]
    if any(re.match(r"(?:" + _fras("Protokoll") + r")", r, re.IGNORECASE) for r in huvud):
        return Dokumentslag.PROTOKOLL
    if any(re.match(_fras("Verksamhetsplan"), r, re.IGNORECASE) for r in huvud):
        return Dokumentslag.VERKSAMHETSPLAN
    if any(_FORSLAG.fullmatch(r) for r in rader) or any(
        re.search(_fras("tjänsteutlåtande") + "|" + _fras("tjänsteskrivelse"), r, re.IGNORECASE)
        for r in huvud
    ):
        return Dokumentslag.TJANSTEUTLATANDE
    return None


def _ar_etikett(rad: str) -> bool:
    """A letterhead line that is no title: a label, a date, a nämnd, a heading word."""
    return bool(
        _DATUM_ETIKETT.fullmatch(rad)
        or tolka_datum(rad)
        or _NAMNDORD.search(rad)
        or re.match(_fras("Protokoll"), rad, re.IGNORECASE)
    )


def _rubrikrad(rader: list[str], monster: re.Pattern[str]) -> int | None:
    return next((i for i, r in enumerate(rader) if monster.fullmatch(r)), None)


def _namnd(rader: list[str], titel: str | None) -> str | None:
    """'Till' and the nämnd on the next line (or the same), else a line of the letterhead
    that is a nämnd's name, else the nämnd a title names ('Verksamhetsplan för socialtjänst-
    och arbetsmarknadsnämnden')."""
    for i, rad in enumerate(rader[:_HUVUDRADER]):
        traff = _TILL.fullmatch(rad)
        if traff is None:
            continue
        kandidat = traff["rest"].strip() or (rader[i + 1] if i + 1 < len(rader) else "")
        if _NAMNDORD.search(kandidat):
            return _versal(kandidat)
    if titel:
        traff = _NAMND_I_TEXT.search(titel)
        if traff:
            return _versal(traff[1])
    for rad in rader[:_HUVUDRADER]:
        if len(rad) <= 80 and _NAMNDORD.search(rad) and _NAMND_I_TEXT.fullmatch(rad):
            return _versal(rad)
    return None


def _versal(namn: str) -> str:
    namn = " ".join(namn.split())
    if namn.isupper():
        namn = namn.capitalize()
    return namn[:1].upper() + namn[1:]


def _dnr(huvud: list[str]) -> LastDnr | None:
    for rad in huvud:
        for traff in _DNR_ETIKETT.finditer(rad):
            if not re.match(r"(?:Dnr|DNR|Diarienummer)", rad[traff.start() :], re.IGNORECASE):
                continue
            # The number may be followed by other columns of the letterhead on the line.
            delar = traff["rest"].split()
            for langd in range(min(len(delar), 3), 0, -1):
                dnr = tolka_dnr(" ".join(delar[:langd]))
                if dnr is not None:
                    return dnr
    return None


def _dokumentdatum(huvud: list[str]) -> date | None:
    """The document's own date: a labelled date (Datum, Sammanträdesdatum) or a line of
    the letterhead that is only a date. Dates in the text itself are not the document's."""
    for rad in huvud:
        traff = _DATUM_ETIKETT.fullmatch(rad)
        if traff:
            datum = tolka_datum(traff["rest"])
            if datum is not None:
                return datum
    for rad in huvud:
        datum = tolka_datum(rad)
        if datum is not None:
            return datum
    return None


def _handlaggare(rader: list[str]) -> str | None:
    """The name after 'Handläggare', on the same line or the next (a name broken over the
    line end is joined), up to a label such as 'Telefon'."""
    for i, rad in enumerate(rader[:_HUVUDRADER]):
        traff = _HANDLAGGARE.match(rad)
        if traff is None:
            continue
        rest = (rad[traff.end() :] + " " + " ".join(rader[i + 1 : i + 3])).split()
        namn: list[str] = []
        for ord_ in rest:
            ord_ = ord_.strip(",")
            if ord_.rstrip(":") in _ETIKETTORD or not _NAMNORD.fullmatch(ord_):
                break
            namn.append(ord_)
            if len(namn) == 4:
                break
        if len(namn) >= 2:
            return " ".join(namn)
    return None


def _titel(rader: list[str], slag: Dokumentslag) -> str | None:
    if slag is Dokumentslag.PROTOKOLL:
        # The matter under its paragraf: "§ 12", then the title (a Dnr line may come between).
        for monster in (_PARAGRAF, _PARAGRAF_LOS):
            for i, rad in enumerate(rader):
                if monster.fullmatch(rad):
                    for nasta in rader[i + 1 : i + 4]:
                        if _DNR_ETIKETT.match(nasta) or _BESLUT.fullmatch(nasta):
                            continue
                        return nasta
        # No paragraf line read: the matter's title stands just before its Dnr line.
        for i, rad in enumerate(rader[1:_HUVUDRADER], 1):
            if re.match(r"(?:Dnr|DNR|Diarienummer)\b", rad) and not _ar_etikett(rader[i - 1]):
                return rader[i - 1]
        return None
    for i, rad in enumerate(rader[:_HUVUDRADER]):
        if re.match(_fras("Verksamhetsplan"), rad, re.IGNORECASE) and not rad.endswith((".", "1")):
            # A title broken over lines goes on in lower case ("… socialtjänst- och" /
            # "arbetsmarknadsnämnden").
            for nasta in rader[i + 1 : i + 3]:
                if not nasta[:1].islower():
                    break
                rad = f"{rad} {nasta}"
            return rad
    if slag is Dokumentslag.VERKSAMHETSPLAN:
        return None
    # A tjänsteutlåtande: the lines between the nämnd it is addressed to and "Förslag till
    # beslut" (a title broken over two lines is joined).
    forslag = _rubrikrad(rader, _FORSLAG)
    till = next((i for i, r in enumerate(rader[:_HUVUDRADER]) if _TILL.fullmatch(r)), None)
    if forslag is None or till is None or till >= forslag:
        return None
    start = till + 1 if _TILL.fullmatch(rader[till])["rest"] else till + 2  # type: ignore[index]
    titel = " ".join(rader[start:forslag]).strip()
    return titel or None


def _punkter(rader: list[str], rubrik_: re.Pattern[str]) -> tuple[str, ...]:
    """The numbered points after the heading; a line that does not begin a point continues
    the one before it when that one has not ended (or the line begins in lower case). No
    numbers: the first paragraph is the one point."""
    start = _rubrikrad(rader, rubrik_)
    if start is None:
        return ()
    punkter: list[str] = []
    for rad in rader[start + 1 :]:
        traff = _PUNKT.fullmatch(rad)
        if traff:
            punkter.append(traff["text"])
            continue
        if _AVSLUTANDE.fullmatch(rad) or _SIGNATURRUBRIK.fullmatch(rad):
            break
        if not punkter:
            punkter.append(rad)
            continue
        if rad[:1].islower() or not punkter[-1].endswith((".", "!", ":")):
            punkter[-1] = f"{punkter[-1]} {rad}"
            continue
        break
    return tuple(p for p in punkter if p)


def _ar_namn(rad: str) -> bool:
    ord_ = rad.split()
    return 2 <= len(ord_) <= 4 and len(rad) <= 40 and all(_NAMNORD.fullmatch(o) for o in ord_)


def _undertecknare(rader: list[str]) -> tuple[str, ...]:
    """The names after the förslag till beslut, before the next heading: each on its line,
    perhaps with a title line under it ('Förvaltningschef')."""
    start = _rubrikrad(rader, _FORSLAG)
    if start is None:
        return ()
    namn: list[str] = []
    i = start + 1
    while i < len(rader) and (_PUNKT.fullmatch(rader[i]) or not namn and not _ar_namn(rader[i])):
        i += 1
        if i - start > 40:
            return ()
    for rad in rader[i:]:
        if _ar_namn(rad) and rad.split()[0] not in _ETIKETTORD:
            namn.append(rad)
        elif _TITLAR.fullmatch(rad) and len(rad) <= 60:
            continue
        else:
            break
    return tuple(namn)


def _protokollets_namn(rader: list[str]) -> tuple[str, ...]:
    """The secretary and the justerare: the names after 'Vid protokollet', 'Justeras' …"""
    namn: list[str] = []
    i = 0
    while i < len(rader):
        traff = _SIGNATURRUBRIK.fullmatch(rader[i])
        if traff is None:
            i += 1
            continue
        if traff["rest"] and _ar_namn(traff["rest"]):
            namn.append(traff["rest"])
        i += 1
        while i < len(rader) and (_ar_namn(rader[i]) or _TITLAR.fullmatch(rader[i])):
            if _ar_namn(rader[i]) and not _TITLAR.fullmatch(rader[i]):
                namn.append(rader[i])
            i += 1
    return tuple(dict.fromkeys(namn))


# -- a protokoll's §§ -----------------------------------------------------------------------------

# A § heading that carries its title on the same line: "§ 12 Stadens kvalitetsutmärkelse 2008"
# (only with the sign itself, or what OCR makes of it, never a bare number).
_PARAGRAF_MED_TITEL = re.compile(
    r"[sS§&]?[§&$£]\s*(?P<nr>[0-9OolI]{1,4})\s+(?P<titel>[A-ZÅÄÖa-zåäö].*)"
)
_UTDRAG = re.compile(_fras("Protokollsutdrag"), re.IGNORECASE)


def _helt_protokoll(rader: list[str]) -> bool:
    """The letterhead says 'Protokoll' (a whole protokoll), not 'Protokollsutdrag'."""
    return any(
        re.match(_fras("Protokoll"), r, re.IGNORECASE) and not _UTDRAG.match(r) for r in rader[:15]
    )


def _paragrafnummer(rad: str) -> tuple[int, str | None] | None:
    """The number of the § a heading line opens, and the title on the same line if any."""
    if _PARAGRAF.fullmatch(rad):
        return int(siffror(re.sub(r"^(?:[sS§&]?[§&$£]|S\s)\s*", "", rad))), None
    traff = _PARAGRAF_MED_TITEL.fullmatch(rad)
    if traff:
        return int(siffror(traff["nr"])), traff["titel"]
    return None


def _paragrafer(rader: list[str]) -> tuple[LastParagraf, ...]:
    """The §§ of a protokoll: each from its heading ('§ 12', as OCR reads it too) to the next,
    the last up to the signatures ('Vid protokollet', 'Justeras'). In each, the title is the
    first line that is neither a Dnr line nor the Beslut heading, the dnr the labelled one,
    the beslut the points under 'Beslut'."""
    starter = [(i, p) for i, r in enumerate(rader) if (p := _paragrafnummer(r)) is not None]
    ut: list[LastParagraf] = []
    for j, (start, (nummer, titel)) in enumerate(starter):
        slut = starter[j + 1][0] if j + 1 < len(starter) else len(rader)
        block = rader[start + 1 : slut]
        if j + 1 == len(starter):
            signatur = next((i for i, r in enumerate(block) if _SIGNATURRUBRIK.fullmatch(r)), None)
            if signatur is not None:
                block = block[:signatur]
        titelrad = -1
        if titel is None:
            titel, titelrad = _paragraftitel(block)
        ut.append(
            LastParagraf(
                nummer=nummer,
                titel=titel,
                dnr=_dnr(block[:6]),
                beslut=_punkter(block[titelrad + 1 :], _BESLUT),
                text=tuple(block),
            )
        )
    return tuple(ut)


def _paragraftitel(block: list[str]) -> tuple[str | None, int]:
    """The title of a § and the index of its last line: the lines after the heading (and a
    Dnr line before it) up to the Dnr line or the Beslut heading, so a title OCR broke over
    lines is whole; the first line alone if neither follows within three lines. None when the
    § goes straight to its beslut."""
    start = 0
    while start < len(block) and _DNR_ETIKETT.match(block[start]):
        start += 1
    if start >= len(block) or _BESLUT.fullmatch(block[start]):
        return None, start - 1
    for slut in range(start + 1, min(start + 4, len(block))):
        if _DNR_ETIKETT.match(block[slut]) or _BESLUT.fullmatch(block[slut]):
            return " ".join(block[start:slut]), slut - 1
    return block[start], start


# -- what may be imported, and under which number ------------------------------------------------

# A photographed or scanned page may come as an image: OCR reads it like a scanned PDF.
FILTYPER = ("docx", "pdf", "txt", "png", "jpg", "jpeg", "tif", "tiff")


def granska_fil(fil: Inkommen, storsta: int) -> str:
    """The file's checked type (docx, pdf, an image: png, jpg or tif, or txt: the text of an
    earlier OCR), refused in Swedish if it is empty, too large, not what its name says (the
    first bytes of a PDF, Word file or image), a zip bomb, or text that is not UTF-8."""
    namn = kontrollera_namn(fil.namn)
    andelse = namn.rsplit(".", 1)[-1].casefold() if "." in namn else ""
    if andelse not in FILTYPER:
        raise OgiltigUppgift(
            f"'{namn}': bara Word (docx), PDF (med text eller skannad), en bild av handlingen "
            "(png, jpg, tif) och text (txt, t.ex. en tidigare OCR-läsning) kan importeras."
        )
    if andelse != "txt":
        return granska(fil, storsta).typ.value
    storlek = fil.storlek()
    if not storlek:
        raise OgiltigUppgift(f"'{namn}' är tom (0 byte): det finns inget att importera.")
    if storlek > storsta:
        raise OgiltigUppgift(
            f"'{namn}' är {megabyte(storlek)}; största fil som tas emot är {megabyte(storsta)}."
        )
    with fil.oppna() as strom:
        innehall = strom.read()
    try:
        text = innehall.decode("utf-8")
    except UnicodeDecodeError:
        raise OgiltigUppgift(f"'{namn}' är ingen text sparad som UTF-8.") from None
    if "\x00" in text:
        raise OgiltigUppgift(f"'{namn}' innehåller binära data, ingen text.")
    return "txt"


def prova_aldre_dnr(dnr: Diarienummer, *, idag: date, diariets_prefix: Iterable[str]) -> None:
    """An earlier document keeps its dnr, but not one the diarium's own series gives or will
    give: a number of this year (or later) in one of the system's diarier is refused. A
    number of an earlier year is taken, and the registration moves that year's series past
    it, so a later registration dated in that year gets a number after it."""
    egna = {p.casefold() for p in diariets_prefix}
    if dnr.prefix.casefold() in egna and dnr.ar >= idag.year:
        raise OgiltigUppgift(
            f"{dnr} ligger i diariets egen nummerserie för {dnr.ar}, som diariet numrerar "
            "självt: en äldre handling kan inte ta ett nummer där. Importera utan "
            "diarienummer (--utan-dnr), så får ärendet nästa nummer i serien."
        )
