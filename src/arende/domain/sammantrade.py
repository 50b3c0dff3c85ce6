"""A nämnd's sammanträde: kallelse, närvaro, beslut i paragrafer, justering och anslag.

The sammanträde is the place where ärenden become beslut, so it holds what a protokoll must
show: who was there and who tjänstgjorde, the dagordning as it was sent out (and each later
version), every paragraf with its yrkanden in the order the ordförande put them and any
omröstning, the justerare's signatures and the anslag. Each method either records one fact
or raises an ArendeFel with a Swedish message and leaves the sammanträde untouched (guards
run before any field is assigned).

The statuses follow the meeting: planerat → kallat (kallelse and dagordning sent) → pågår
(opened, beslutför) → avslutat (protokollet upprättat) → justerat (all have signed) →
anslaget (the justering is on the anslagstavla).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from arende.domain.datum import svenskt_datum, svenskt_klockslag, tolka_klockslag
from arende.domain.fel import BehorighetSaknas, OgiltigUppgift, OtillatenOvergang
from arende.domain.kalender import JUSTERINGSFRIST_DAGAR, Helgdagskalender, lagstadgade_datum
from arende.domain.skeden import Utfall
from arende.domain.text import rensa as _text

# DOMAIN.md: all times are Europe/Stockholm. A signature made at 00:30 Swedish time on the
# day after the last justeringsdag is late, even if its UTC timestamp is still the day before.
STOCKHOLM = ZoneInfo("Europe/Stockholm")

# The first point of every sammanträde; it is not an ärende and has no dnr.
VAL_AV_JUSTERARE = "Val av justerare och tillkännagivande av tid för justering"

# Ordföranden justerar alltid; nämnden utser en eller två justerare utöver henne.
MAX_JUSTERARE = 2

_MAX_NAMN = 200
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Sammantradesstatus(StrEnum):
    PLANERAT = "planerat"
    KALLAT = "kallat"
    PAGAR = "pågår"
    AVSLUTAT = "avslutat"  # protokollet är upprättat
    JUSTERAT = "justerat"
    ANSLAGET = "anslaget"

    @property
    def ordning(self) -> int:
        return list(Sammantradesstatus).index(self)


# How each status reads after "Sammanträdet den 13 maj 2008 är ...": "pågår" is a verb and
# cannot follow "är".
_SOM_TILLSTAND: dict[Sammantradesstatus, str] = {
    Sammantradesstatus.PLANERAT: "planerat",
    Sammantradesstatus.KALLAT: "kallat",
    Sammantradesstatus.PAGAR: "öppnat",
    Sammantradesstatus.AVSLUTAT: "avslutat",
    Sammantradesstatus.JUSTERAT: "justerat",
    Sammantradesstatus.ANSLAGET: "anslaget",
}

_S = Sammantradesstatus
# What each action needs the sammanträde to be, said the way a nämndsekreterare would say it.
_KRAV: dict[str, tuple[frozenset[Sammantradesstatus], str]] = {
    "kalla till sammanträdet": (frozenset({_S.PLANERAT}), "sammanträdet är planerat"),
    "ändra dagordningen": (frozenset({_S.KALLAT}), "kallelsen har gått ut"),
    "öppna sammanträdet": (frozenset({_S.KALLAT}), "kallelsen har gått ut"),
    "besluta i ett ärende": (frozenset({_S.PAGAR}), "sammanträdet har öppnats"),
    "registrera ett protokollsutdrag": (frozenset({_S.PAGAR}), "sammanträdet har öppnats"),
    "avsluta sammanträdet": (frozenset({_S.PAGAR}), "sammanträdet har öppnats"),
    "signera protokollet": (frozenset({_S.AVSLUTAT}), "protokollet är upprättat"),
    "anslå justeringen": (frozenset({_S.JUSTERAT}), "protokollet är justerat"),
    # Omedelbart justerade paragrafer are justerade at the meeting; their anslag does not
    # wait for the rest of the protokoll.
    "anslå de omedelbart justerade paragraferna": (
        frozenset({_S.PAGAR, _S.AVSLUTAT, _S.JUSTERAT, _S.ANSLAGET}),
        "sammanträdet har öppnats",
    ),
}


# -- ledamöter och närvaro -------------------------------------------------------------


class Ledamotsroll(StrEnum):
    ORDFORANDE = "ordförande"
    VICE_ORDFORANDE = "vice ordförande"
    LEDAMOT = "ledamot"
    ERSATTARE = "ersättare"

    @property
    def ar_ledamot(self) -> bool:
        """Ordförande and vice ordförande are ledamöter too; only they count for beslutförhet."""
        return self is not Ledamotsroll.ERSATTARE


@dataclass(frozen=True)
class Ledamot:
    namn: str
    roll: Ledamotsroll
    parti: str = ""
    epost: str = ""  # where the justering reminders go when she is to sign a protokoll


@dataclass(frozen=True)
class NarvarandeErsattare:
    """An ersättare at the meeting: tjänstgörande for a named absent ledamot, or only present
    (she may speak but neither yrka nor vote)."""

    namn: str
    tjanstgor_for: str | None = None


@dataclass(frozen=True)
class Tjansteman:
    """Others present (förvaltningschef, nämndsekreterare, handläggare): listed, never voting."""

    namn: str
    titel: str


@dataclass(frozen=True)
class Narvaro:
    """Who was there when the meeting opened. Names refer to the nämnd's ledamöter."""

    ledamoter: tuple[str, ...]
    ersattare: tuple[NarvarandeErsattare, ...] = ()
    ovriga: tuple[Tjansteman, ...] = ()

    @property
    def tjanstgorande(self) -> tuple[str, ...]:
        """Everyone who may yrka and vote: present ledamöter and tjänstgörande ersättare."""
        return self.ledamoter + tuple(e.namn for e in self.ersattare if e.tjanstgor_for)

    @property
    def ej_tjanstgorande_ersattare(self) -> tuple[str, ...]:
        return tuple(e.namn for e in self.ersattare if not e.tjanstgor_for)


# -- dagordning ------------------------------------------------------------------------


@dataclass(frozen=True)
class Dagordningspunkt:
    dnr: str
    titel: str
    forslag: tuple[str, ...]
    # Set on the dagordning after a bordläggning, so kallelse and protokoll can say
    # "bordlagt den 13 maj 2008".
    bordlagt_den: date | None = None


@dataclass(frozen=True)
class Dagordning:
    version: int
    utskickad: date
    punkter: tuple[Dagordningspunkt, ...]

    @property
    def rubriker(self) -> tuple[str, ...]:
        """The dagordning as printed: Val av justerare first, then the ärenden."""
        return (VAL_AV_JUSTERARE, *(p.titel for p in self.punkter))

    def punkt(self, dnr: str) -> Dagordningspunkt | None:
        nyckel = _nyckel(dnr)
        return next((p for p in self.punkter if _nyckel(p.dnr) == nyckel), None)


# -- beslut ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Yrkande:
    """A motion, numbered in the order the ordförande put it (1, 2, 3 …)."""

    ordning: int
    yrkande_av: str
    lydelse: str


class Rostval(StrEnum):
    JA = "ja"
    NEJ = "nej"
    AVSTAR = "avstår"


@dataclass(frozen=True)
class Omrostningsresultat:
    ja: int
    nej: int
    avstar: int
    vinnare: Rostval  # JA or NEJ
    lydelse: str  # the ja- or nej-lydelse that won
    utslagsrost: bool  # a tie decided by the ordförande's vote


@dataclass(frozen=True)
class Omrostning:
    """A roll-call vote: ja for `ja_lydelse`, nej for `nej_lydelse`.

    `roster` holds each tjänstgörande ledamot's vote, exactly once. `ordforande` is filled in
    by Sammantrade.besluta from the meeting; the caller leaves it empty.
    """

    ja_lydelse: str
    nej_lydelse: str
    roster: tuple[tuple[str, Rostval], ...]
    ordforande: str = ""

    @property
    def resultat(self) -> Omrostningsresultat:
        ja = sum(1 for _, r in self.roster if r is Rostval.JA)
        nej = sum(1 for _, r in self.roster if r is Rostval.NEJ)
        avstar = len(self.roster) - ja - nej
        if ja != nej:
            vinnare = Rostval.JA if ja > nej else Rostval.NEJ
            utslag = False
        else:
            # Kommunallagen 5 kap. 57 §: vid lika röstetal har ordföranden utslagsröst.
            ordf = _nyckel(self.ordforande)
            rost = next((r for n, r in self.roster if _nyckel(n) == ordf), None)
            if rost is None or rost is Rostval.AVSTAR:
                raise OgiltigUppgift(
                    f"Omröstningen slutade lika ({ja}–{nej}) och ordföranden har inte röstat ja "
                    "eller nej: vid lika röstetal har ordföranden utslagsröst (kommunallagen "
                    "5 kap. 57 §) och måste använda den."
                )
            vinnare = rost
            utslag = True
        lydelse = self.ja_lydelse if vinnare is Rostval.JA else self.nej_lydelse
        return Omrostningsresultat(ja, nej, avstar, vinnare, lydelse, utslag)


@dataclass(frozen=True)
class Paragraf:
    nummer: int
    dnr: str | None  # None for Val av justerare, which is no ärende
    titel: str
    yrkanden: tuple[Yrkande, ...]
    omrostning: Omrostning | None
    utfall: Utfall | None  # None for Val av justerare
    beslutstext: str
    omedelbart_justerad: bool
    nytt_sammantrade: date | None
    protokollsutdrag: bool = False

    @property
    def ar_arende(self) -> bool:
        return self.dnr is not None


@dataclass(frozen=True)
class Bordlagt:
    """An ärende bordlagt at a sammanträde: it goes first on the dagordning it was put off to."""

    dnr: str
    titel: str
    forslag: tuple[str, ...]
    bordlagt_den: date
    paragraf: int
    nytt_sammantrade: date


@dataclass(frozen=True)
class OmedelbarJustering:
    paragraf: int
    dnr: str
    justeringsdatum: date


# -- justering och anslag --------------------------------------------------------------


class Signaturroll(StrEnum):
    ORDFORANDE = "ordförande"
    JUSTERARE = "justerare"


@dataclass(frozen=True)
class Signatur:
    namn: str
    roll: Signaturroll
    tidpunkt: datetime  # always Europe/Stockholm
    protokoll_sha256: str


@dataclass(frozen=True)
class Anslag:
    """One notice on the anslagstavla, with the dates the law hangs on it.

    `anslag_senast` is kommunallagen 8 kap. 12 § (the second day after justering, moved off
    fridagar by lag 1930:173 2 §); an anslag after it is late but must still go up, and the
    appeal period runs from the actual day (kalender.lagstadgade_datum).
    """

    datum: date
    justeringsdatum: date
    paragrafer: tuple[int, ...]
    anslag_senast: date
    overklagande_slut: date
    laga_kraft: date

    @property
    def for_sent(self) -> bool:
        return self.datum > self.anslag_senast


# -- sammanträdet ----------------------------------------------------------------------


@dataclass
class Sammantrade:
    namnd: str
    datum: date
    plats: str = ""
    status: Sammantradesstatus = Sammantradesstatus.PLANERAT
    dagordningar: list[Dagordning] = field(default_factory=list)
    ledamoter: tuple[Ledamot, ...] = ()
    narvaro: Narvaro | None = None
    ordforande: str | None = None
    justerare: tuple[str, ...] = ()
    justering_forsta: date | None = None
    justering_sista: date | None = None
    justeringsplats: str = ""
    forsta_paragraf: int | None = None
    # When the meeting began and ended, Swedish time, as the protokoll's "Tid" says it.
    # None in sammanträden stored before the times were asked.
    borjade: time | None = None
    avslutades: time | None = None
    paragrafer: list[Paragraf] = field(default_factory=list)
    protokoll_upprattat: date | None = None
    signaturer: list[Signatur] = field(default_factory=list)
    justeringsdatum: date | None = None
    anslag: Anslag | None = None
    omedelbara_anslag: list[Anslag] = field(default_factory=list)
    id: int | None = None

    @classmethod
    def planera(cls, namnd: str, datum: date, plats: str = "") -> Sammantrade:
        return cls(
            namnd=_text(namnd, "Nämndens namn", max_langd=_MAX_NAMN),
            datum=datum,
            plats=_text(plats, "Platsen", tom_tillaten=True, max_langd=_MAX_NAMN),
        )

    # -- kallelse och dagordning ----------------------------------------------------------

    def kalla(self, punkter: Sequence[Dagordningspunkt], utskick: date) -> Dagordning:
        """Send the kallelse: the dagordning as sent becomes version 1."""
        self._kraver("kalla till sammanträdet")
        rensade = _kontrollera_punkter(punkter)
        self._utskick_fore_sammantradet(utskick)
        dagordning = Dagordning(1, utskick, rensade)
        self.dagordningar.append(dagordning)
        self.status = Sammantradesstatus.KALLAT
        return dagordning

    def andra_dagordning(self, punkter: Sequence[Dagordningspunkt], utskick: date) -> Dagordning:
        """A changed dagordning is a new version; the one already sent stays in the list,
        since the ledamöter prepared from it."""
        self._kraver("ändra dagordningen")
        forra = self.dagordningar[-1]
        rensade = _kontrollera_punkter(punkter)
        self._utskick_fore_sammantradet(utskick)
        if utskick < forra.utskickad:
            raise OgiltigUppgift(
                f"Den ändrade dagordningen kan inte skickas ut den {svenskt_datum(utskick)}, "
                f"före version {forra.version} som skickades ut den "
                f"{svenskt_datum(forra.utskickad)}."
            )
        dagordning = Dagordning(forra.version + 1, utskick, rensade)
        self.dagordningar.append(dagordning)
        return dagordning

    @property
    def dagordning(self) -> Dagordning | None:
        """The dagordning in force: the latest version sent."""
        return self.dagordningar[-1] if self.dagordningar else None

    # -- öppnande -------------------------------------------------------------------------

    def oppna(
        self,
        narvarande: Narvaro,
        ordforande: str,
        justerare: Sequence[str],
        justering_forsta: date,
        justering_sista: date,
        forsta_paragraf: int,
        *,
        ledamoter: Sequence[Ledamot],
        idag: date,
        justeringsplats: str = "",
        borjade: time | str | None = None,
    ) -> Paragraf:
        """Open the meeting and record its first paragraf, Val av justerare.

        `forsta_paragraf` is the next free number in the nämnd's year: paragrafer are
        numbered through the year, not per meeting. `borjade` is the time the ordförande
        opened it ('18:00', Swedish time).
        """
        self._kraver("öppna sammanträdet")
        klockan = (
            tolka_klockslag(borjade, "Klockslaget då sammanträdet började")
            if borjade is not None
            else None
        )
        if self.datum > idag:
            raise OgiltigUppgift(
                f"Sammanträdet den {svenskt_datum(self.datum)} ligger i framtiden och kan inte "
                "öppnas ännu."
            )
        register = _kontrollera_ledamoter(ledamoter, self.namnd)
        narvaro = _kontrollera_narvaro(narvarande, register, self.namnd)
        self._beslutfor(narvaro, register)
        ordf = _tjanstgorande_namn(ordforande, narvaro, register, self.namnd, "vara ordförande")
        valda = self._kontrollera_justerare(justerare, ordf, narvaro, register)
        self._kontrollera_justeringstid(justering_forsta, justering_sista)
        if forsta_paragraf < 1:
            raise OgiltigUppgift(
                f"Paragrafnumret måste vara ett positivt heltal, inte {forsta_paragraf}."
            )
        plats = _text(justeringsplats, "Platsen för justeringen", tom_tillaten=True)

        paragraf = Paragraf(
            nummer=forsta_paragraf,
            dnr=None,
            titel=VAL_AV_JUSTERARE,
            yrkanden=(),
            omrostning=None,
            utfall=None,
            beslutstext=_text_val_av_justerare(valda, justering_forsta, justering_sista, plats),
            omedelbart_justerad=False,
            nytt_sammantrade=None,
        )
        self.ledamoter = tuple(register.values())
        self.narvaro = narvaro
        self.ordforande = ordf
        self.justerare = valda
        self.justering_forsta = justering_forsta
        self.justering_sista = justering_sista
        self.justeringsplats = plats
        self.forsta_paragraf = forsta_paragraf
        self.borjade = klockan
        self.paragrafer.append(paragraf)
        self.status = Sammantradesstatus.PAGAR
        return paragraf

    @property
    def tjanstgorande(self) -> tuple[str, ...]:
        return self.narvaro.tjanstgorande if self.narvaro else ()

    @property
    def nasta_paragraf(self) -> int | None:
        """The number the next beslut gets; None before the meeting is opened."""
        if self.forsta_paragraf is None:
            return None
        return self.forsta_paragraf + len(self.paragrafer)

    # -- beslut ---------------------------------------------------------------------------

    def besluta(
        self,
        dnr: str,
        yrkanden: Sequence[Yrkande],
        utfall: Utfall,
        beslutstext: str = "",
        omrostning: Omrostning | None = None,
        omedelbart_justerad: bool = False,
        nytt_sammantrade: date | None = None,
    ) -> Paragraf:
        """Record the nämnd's beslut in an ärende on the dagordning as the next paragraf."""
        self._kraver("besluta i ett ärende")
        narvaro, nummer = self.narvaro, self.nasta_paragraf
        assert narvaro is not None and nummer is not None and self.ordforande is not None
        dagordning = self.dagordningar[-1]
        punkt = dagordning.punkt(dnr)
        if punkt is None:
            raise OgiltigUppgift(
                f"Ärendet {dnr.strip()} står inte på dagordningen (version {dagordning.version}) "
                f"för sammanträdet den {svenskt_datum(self.datum)}: nämnden kan bara besluta i "
                "ärenden på dagordningen."
            )
        tidigare = self._paragraf_for_dnr(punkt.dnr)
        if tidigare is not None:
            raise OtillatenOvergang(
                f"Ärendet {punkt.dnr} är redan beslutat vid sammanträdet den "
                f"{svenskt_datum(self.datum)}, i § {tidigare.nummer} ({tidigare.utfall})."
            )
        utfall = _utfall(utfall)
        rensade_yrkanden = self._kontrollera_yrkanden(yrkanden, narvaro)
        rostning = self._kontrollera_omrostning(omrostning, narvaro) if omrostning else None
        if omedelbart_justerad and not utfall.avgor_arendet:
            raise OgiltigUppgift(
                f"Omedelbar justering gäller ett beslut i sak; vid {utfall} finns inget att "
                "justera omedelbart."
            )
        if not utfall.avgor_arendet:
            if nytt_sammantrade is None:
                raise OgiltigUppgift(
                    "Ange det sammanträde som ärendet bordläggs till."
                    if utfall is Utfall.BORDLAGGNING
                    else "Ange det sammanträde som ärendet väntas tillbaka till efter återremissen."
                )
            if nytt_sammantrade <= self.datum:
                raise OgiltigUppgift(
                    f"Ärendet kan bara skjutas till ett senare sammanträde än det den "
                    f"{svenskt_datum(self.datum)}, inte till den {svenskt_datum(nytt_sammantrade)}."
                )
        elif nytt_sammantrade is not None:
            raise OgiltigUppgift(
                "Ett nytt sammanträde anges bara när ärendet bordläggs eller återremitteras."
            )
        # An ändrat beslut has no förslag to point to, so its wording must be written out.
        text = _text(beslutstext, "Beslutstexten", tom_tillaten=utfall is not Utfall.ANDRAT_BESLUT)

        paragraf = Paragraf(
            nummer=nummer,
            dnr=punkt.dnr,
            titel=punkt.titel,
            yrkanden=rensade_yrkanden,
            omrostning=rostning,
            utfall=utfall,
            beslutstext=text,
            omedelbart_justerad=omedelbart_justerad,
            nytt_sammantrade=nytt_sammantrade,
        )
        self.paragrafer.append(paragraf)
        return paragraf

    def paragraf(self, nummer: int) -> Paragraf | None:
        return next((p for p in self.paragrafer if p.nummer == nummer), None)

    def bordlagda(self) -> tuple[Bordlagt, ...]:
        """The ärenden bordlagda at this meeting, for the dagordning they were put off to."""
        dagordning = self.dagordning
        resultat: list[Bordlagt] = []
        for p in self.paragrafer:
            if p.utfall is not Utfall.BORDLAGGNING:
                continue
            assert p.dnr is not None and p.nytt_sammantrade is not None and dagordning
            punkt = dagordning.punkt(p.dnr)
            assert punkt is not None
            resultat.append(
                Bordlagt(p.dnr, p.titel, punkt.forslag, self.datum, p.nummer, p.nytt_sammantrade)
            )
        return tuple(resultat)

    def markera_protokollsutdrag(self, nummer: int) -> Paragraf:
        """The protokollsutdrag of paragraf `nummer` has been made."""
        self._kraver("registrera ett protokollsutdrag")
        paragraf = self.paragraf(nummer)
        if paragraf is None:
            raise OgiltigUppgift(
                f"Sammanträdet den {svenskt_datum(self.datum)} har ingen § {nummer}: "
                f"paragraferna är {_paragraflista(p.nummer for p in self.paragrafer)}."
            )
        if paragraf.protokollsutdrag:
            raise OtillatenOvergang(f"Protokollsutdraget ur § {nummer} är redan registrerat.")
        ny = dataclasses.replace(paragraf, protokollsutdrag=True)
        self.paragrafer[self.paragrafer.index(paragraf)] = ny
        return ny

    def stang(self, idag: date, avslutades: time | str | None = None) -> None:
        """Close the meeting: the protokoll is upprättat and can be signed. `avslutades` is
        the time the ordförande closed the meeting ('19:30', Swedish time), on its day."""
        self._kraver("avsluta sammanträdet")
        if idag < self.datum:
            raise OgiltigUppgift(
                f"Protokollet kan inte upprättas den {svenskt_datum(idag)}, före sammanträdet "
                f"den {svenskt_datum(self.datum)}."
            )
        slut = (
            tolka_klockslag(avslutades, "Klockslaget då sammanträdet avslutades")
            if avslutades is not None
            else None
        )
        if slut is not None and self.borjade is not None and slut <= self.borjade:
            raise OgiltigUppgift(
                f"Sammanträdet kan inte ha avslutats kl. {svenskt_klockslag(slut)}: det började "
                f"kl. {svenskt_klockslag(self.borjade)} samma dag. Ange ett senare klockslag."
            )
        dagordning = self.dagordningar[-1]
        obehandlade = [p for p in dagordning.punkter if self._paragraf_for_dnr(p.dnr) is None]
        if obehandlade:
            raise OtillatenOvergang(
                "Sammanträdet kan inte avslutas: "
                + ", ".join(f"{p.dnr} ({p.titel})" for p in obehandlade)
                + " står på dagordningen men har ingen paragraf. Besluta, bordlägg eller "
                "återremittera " + ("ärendet" if len(obehandlade) == 1 else "ärendena") + " först."
            )
        utan_utdrag = [p.nummer for p in self.paragrafer if p.ar_arende and not p.protokollsutdrag]
        if utan_utdrag:
            raise OtillatenOvergang(
                "Sammanträdet kan inte avslutas: protokollsutdrag saknas för "
                f"{_paragraflista(utan_utdrag)}."
            )
        self.protokoll_upprattat = idag
        self.avslutades = slut
        self.status = Sammantradesstatus.AVSLUTAT

    # -- justering ------------------------------------------------------------------------

    def signera(
        self, namn: str, tidpunkt: datetime, protokoll_sha256: str, aktuellt_sha256: str
    ) -> Signatur:
        """Justering by signature. `protokoll_sha256` is the version the signer read,
        `aktuellt_sha256` the protokoll as it is now; they must be the same document."""
        self._kraver("signera protokollet")
        assert self.ordforande is not None and self.justering_forsta and self.justering_sista
        assert self.protokoll_upprattat is not None
        last = _sha256(protokoll_sha256, "Kontrollsumman för det signerade protokollet")
        aktuell = _sha256(aktuellt_sha256, "Kontrollsumman för det aktuella protokollet")
        vem = _text(namn, "Namnet", max_langd=_MAX_NAMN)
        roll = self._signaturroll(vem)
        if roll is None:
            raise BehorighetSaknas(
                f"{vem} är varken ordförande eller justerare vid sammanträdet den "
                f"{svenskt_datum(self.datum)}: protokollet justeras av ordföranden "
                f"{self.ordforande} och {_namnlista(self.justerare)}."
            )
        kanonisk = self.ordforande if roll is Signaturroll.ORDFORANDE else self._justerare(vem)
        redan = next((s for s in self.signaturer if s.namn == kanonisk), None)
        if redan is not None:
            raise OtillatenOvergang(
                f"{kanonisk} har redan signerat protokollet, den "
                f"{svenskt_datum(redan.tidpunkt.date())} kl. {redan.tidpunkt:%H.%M}."
            )
        stund = _i_stockholm(tidpunkt)
        dag = stund.date()
        if dag < self.justering_forsta:
            raise OgiltigUppgift(
                f"Protokollet kan justeras tidigast den {svenskt_datum(self.justering_forsta)} "
                f"och senast den {svenskt_datum(self.justering_sista)}; signaturen den "
                f"{svenskt_datum(dag)} är för tidig."
            )
        if dag > self.justering_sista:
            raise OgiltigUppgift(
                f"Tiden för justering gick ut den {svenskt_datum(self.justering_sista)} (den "
                f"började den {svenskt_datum(self.justering_forsta)}); signaturen den "
                f"{svenskt_datum(dag)} är för sen."
            )
        if dag < self.protokoll_upprattat:
            raise OgiltigUppgift(
                f"Signaturen den {svenskt_datum(dag)} ligger före den "
                f"{svenskt_datum(self.protokoll_upprattat)}, då protokollet upprättades."
            )
        if last != aktuell:
            raise OgiltigUppgift(
                "Du har läst en annan version av protokollet än den som nu gäller: öppna "
                "protokollet på nytt, läs det och signera den versionen."
            )
        andrat = [s.namn for s in self.signaturer if s.protokoll_sha256 != aktuell]
        if andrat:
            raise OgiltigUppgift(
                f"Protokollet har ändrats sedan {_namnlista(andrat)} signerade det: en "
                "justering gäller ett och samma protokoll, så det som redan är signerat får "
                "inte ändras."
            )

        signatur = Signatur(kanonisk, roll, stund, aktuell)
        self.signaturer.append(signatur)
        if not self.saknade_signaturer:
            self.justeringsdatum = max(s.tidpunkt.date() for s in self.signaturer)
            self.status = Sammantradesstatus.JUSTERAT
        return signatur

    @property
    def saknade_signaturer(self) -> tuple[str, ...]:
        """Who still has to sign: the ordförande and each justerare, in that order."""
        if self.ordforande is None:
            return ()
        signerat = {s.namn for s in self.signaturer}
        return tuple(n for n in (self.ordforande, *self.justerare) if n not in signerat)

    @property
    def omedelbart_justerade(self) -> tuple[OmedelbarJustering, ...]:
        """Paragrafer förklarade omedelbart justerade: justerade at the meeting, that day."""
        return tuple(
            OmedelbarJustering(p.nummer, p.dnr, self.datum)
            for p in self.paragrafer
            if p.omedelbart_justerad and p.dnr is not None
        )

    def justeringsdatum_for(self, nummer: int) -> date | None:
        """When paragraf `nummer` was justerad (None while it waits for the signatures)."""
        paragraf = self.paragraf(nummer)
        if paragraf is None:
            return None
        return self.datum if paragraf.omedelbart_justerad else self.justeringsdatum

    # -- anslag ---------------------------------------------------------------------------

    def ansla(self, datum: date, kalender: Helgdagskalender) -> Anslag:
        """The justering of the protokoll is posted on the anslagstavla on `datum`.

        It covers every paragraf not already anslagen after an omedelbar justering. A late
        anslag is recorded (it must still go up, and the appeal period runs from it) and
        flagged by `anslaget_for_sent`.
        """
        self._kraver("anslå justeringen")
        assert self.justeringsdatum is not None
        if datum < self.justeringsdatum:
            raise OgiltigUppgift(
                f"Anslaget den {svenskt_datum(datum)} ligger före justeringen den "
                f"{svenskt_datum(self.justeringsdatum)}: det är justeringen som anslås."
            )
        redan = {n for a in self.omedelbara_anslag for n in a.paragrafer}
        paragrafer = tuple(p.nummer for p in self.paragrafer if p.nummer not in redan)
        anslag = _anslag(self.datum, self.justeringsdatum, datum, paragrafer, kalender)
        self.anslag = anslag
        self.status = Sammantradesstatus.ANSLAGET
        return anslag

    def ansla_omedelbart(self, datum: date, kalender: Helgdagskalender) -> Anslag:
        """The omedelbart justerade paragrafer not yet anslagna are posted on `datum`; this
        can happen before the rest of the protokoll is justerat."""
        self._kraver("anslå de omedelbart justerade paragraferna")
        tackta = {n for a in self.omedelbara_anslag for n in a.paragrafer}
        if self.anslag is not None:
            tackta |= set(self.anslag.paragrafer)
        vantande = tuple(o.paragraf for o in self.omedelbart_justerade if o.paragraf not in tackta)
        if not vantande:
            raise OgiltigUppgift(
                f"Sammanträdet den {svenskt_datum(self.datum)} har inga omedelbart justerade "
                "paragrafer som väntar på anslag."
            )
        if datum < self.datum:
            raise OgiltigUppgift(
                f"Anslaget den {svenskt_datum(datum)} ligger före sammanträdet den "
                f"{svenskt_datum(self.datum)}, då paragraferna justerades."
            )
        anslag = _anslag(self.datum, self.datum, datum, vantande, kalender)
        self.omedelbara_anslag.append(anslag)
        return anslag

    @property
    def anslaget_for_sent(self) -> bool:
        """The protokoll's anslag went up after the second day after justering."""
        return self.anslag is not None and self.anslag.for_sent

    @property
    def overklagande_slut(self) -> date | None:
        """The last day to appeal the protokoll's (not omedelbart anslagna) paragrafer."""
        return self.anslag.overklagande_slut if self.anslag else None

    def anslag_for(self, nummer: int) -> Anslag | None:
        """The anslag that covers paragraf `nummer`, from which its appeal period runs."""
        for anslag in (*self.omedelbara_anslag, *([self.anslag] if self.anslag else [])):
            if nummer in anslag.paragrafer:
                return anslag
        return None

    # -- hjälp ----------------------------------------------------------------------------

    def _kraver(self, handling: str) -> None:
        tillatna, villkor = _KRAV[handling]
        if self.status in tillatna:
            return
        datum = svenskt_datum(self.datum)
        if self.status.ordning > max(s.ordning for s in tillatna):
            raise OtillatenOvergang(
                f"Sammanträdet den {datum} är redan {_SOM_TILLSTAND[self.status]}: det går inte "
                f"att {handling}."
            )
        raise OtillatenOvergang(
            f"Det går inte att {handling} innan {villkor}; sammanträdet den {datum} är "
            f"{_SOM_TILLSTAND[self.status]}."
        )

    def _utskick_fore_sammantradet(self, utskick: date) -> None:
        if utskick > self.datum:
            raise OgiltigUppgift(
                f"Kallelsen kan inte skickas ut den {svenskt_datum(utskick)}, efter "
                f"sammanträdet den {svenskt_datum(self.datum)}."
            )

    def _beslutfor(self, narvaro: Narvaro, register: dict[str, Ledamot]) -> None:
        # Kommunallagen 6 kap. 27 §: a nämnd may handle ärenden only when more than half its
        # ledamöter are present. A tjänstgörande ersättare takes the seat of the ledamot she
        # replaces; an ersättare who only listens fills no seat.
        antal = sum(1 for m in register.values() if m.roll.ar_ledamot)
        tjanstgor = len(narvaro.tjanstgorande)
        kravs = antal // 2 + 1
        if tjanstgor < kravs:
            raise OgiltigUppgift(
                f"{self.namnd} är inte beslutför: {tjanstgor} av {antal} ledamöter tjänstgör, "
                f"och minst {kravs} behövs (fler än hälften, kommunallagen 6 kap. 27 §)."
            )

    def _kontrollera_justerare(
        self,
        justerare: Sequence[str],
        ordforande: str,
        narvaro: Narvaro,
        register: dict[str, Ledamot],
    ) -> tuple[str, ...]:
        if isinstance(justerare, str):
            justerare = [justerare]
        if not 1 <= len(justerare) <= MAX_JUSTERARE:
            raise OgiltigUppgift(
                f"Nämnden utser en eller två justerare utöver ordföranden, inte {len(justerare)}."
            )
        valda: list[str] = []
        for j in justerare:
            namn = _tjanstgorande_namn(j, narvaro, register, self.namnd, "vara justerare")
            if namn == ordforande:
                raise OgiltigUppgift(
                    f"{namn} är ordförande och justerar redan; välj en annan justerare."
                )
            if namn in valda:
                raise OgiltigUppgift(f"{namn} är angiven som justerare två gånger.")
            valda.append(namn)
        return tuple(valda)

    def _kontrollera_justeringstid(self, forsta: date, sista: date) -> None:
        # Kommunallagen 5 kap. 69 § (for nämnder through 6 kap. 35 §): justerat within 14 days.
        senast = self.datum + timedelta(days=JUSTERINGSFRIST_DAGAR)
        if forsta < self.datum:
            raise OgiltigUppgift(
                f"Justeringen kan inte börja den {svenskt_datum(forsta)}, före sammanträdet den "
                f"{svenskt_datum(self.datum)}."
            )
        if sista > senast:
            raise OgiltigUppgift(
                f"Protokollet ska vara justerat inom {JUSTERINGSFRIST_DAGAR} dagar efter "
                f"sammanträdet, senast den {svenskt_datum(senast)} (kommunallagen 5 kap. 69 §), "
                f"inte den {svenskt_datum(sista)}."
            )
        if forsta > sista:
            raise OgiltigUppgift(
                f"Justeringens första dag ({svenskt_datum(forsta)}) ligger efter den sista "
                f"({svenskt_datum(sista)})."
            )

    def _kontrollera_yrkanden(
        self, yrkanden: Sequence[Yrkande], narvaro: Narvaro
    ) -> tuple[Yrkande, ...]:
        register = {_nyckel(m.namn): m for m in self.ledamoter}
        ordningar = [y.ordning for y in yrkanden]
        dubbla = sorted({o for o in ordningar if ordningar.count(o) > 1})
        if dubbla:
            raise OgiltigUppgift(
                f"Yrkande {dubbla[0]} finns två gånger: varje yrkande har sitt eget nummer i "
                "den ordning ordföranden ställde dem."
            )
        saknas = sorted(set(range(1, len(ordningar) + 1)) - set(ordningar))
        if saknas:
            raise OgiltigUppgift(
                f"Yrkandena numreras 1–{len(ordningar)} utan lucka i den ordning ordföranden "
                f"ställde dem; nummer {', '.join(str(n) for n in saknas)} saknas (angivna: "
                f"{', '.join(str(o) for o in ordningar)})."
            )
        rensade = [
            Yrkande(
                y.ordning,
                _tjanstgorande_namn(y.yrkande_av, narvaro, register, self.namnd, "yrka"),
                _text(y.lydelse, f"Lydelsen av yrkande {y.ordning}"),
            )
            for y in yrkanden
        ]
        return tuple(sorted(rensade, key=lambda y: y.ordning))

    def _kontrollera_omrostning(self, omrostning: Omrostning, narvaro: Narvaro) -> Omrostning:
        assert self.ordforande is not None
        register = {_nyckel(m.namn): m for m in self.ledamoter}
        ja = _text(omrostning.ja_lydelse, "Ja-propositionens lydelse")
        nej = _text(omrostning.nej_lydelse, "Nej-propositionens lydelse")
        if _nyckel(ja) == _nyckel(nej):
            raise OgiltigUppgift("Ja- och nej-propositionerna har samma lydelse.")
        roster: list[tuple[str, Rostval]] = []
        for namn, rost in omrostning.roster:
            vem = _tjanstgorande_namn(namn, narvaro, register, self.namnd, "rösta")
            if any(v == vem for v, _ in roster):
                raise OgiltigUppgift(
                    f"{vem} har röstat två gånger: varje tjänstgörande ledamot har en röst."
                )
            roster.append((vem, _rostval(rost, vem)))
        saknas = [n for n in narvaro.tjanstgorande if all(v != n for v, _ in roster)]
        if saknas:
            raise OgiltigUppgift(
                f"Röst saknas för {_namnlista(saknas)}: varje tjänstgörande ledamot ska finnas "
                "med i omröstningen, den som avstår också."
            )
        kontrollerad = Omrostning(ja, nej, tuple(roster), self.ordforande)
        _ = kontrollerad.resultat  # refuses a tie the ordförande has not decided
        return kontrollerad

    def _paragraf_for_dnr(self, dnr: str) -> Paragraf | None:
        nyckel = _nyckel(dnr)
        return next(
            (p for p in self.paragrafer if p.dnr is not None and _nyckel(p.dnr) == nyckel), None
        )

    def _signaturroll(self, namn: str) -> Signaturroll | None:
        if self.ordforande is not None and _nyckel(namn) == _nyckel(self.ordforande):
            return Signaturroll.ORDFORANDE
        if any(_nyckel(namn) == _nyckel(j) for j in self.justerare):
            return Signaturroll.JUSTERARE
        return None

    def _justerare(self, namn: str) -> str:
        return next(j for j in self.justerare if _nyckel(j) == _nyckel(namn))

    def osignerade(self) -> list[tuple[str, Signaturroll]]:
        """Who is still to sign the protokoll (ordförande first, then the justerare), once
        it is upprättat and until it is justerat; empty before and after."""
        if self.protokoll_upprattat is None or self.status is not Sammantradesstatus.AVSLUTAT:
            return []
        signerat = {_nyckel(x.namn) for x in self.signaturer}
        alla = [(self.ordforande or "", Signaturroll.ORDFORANDE)]
        alla += [(j, Signaturroll.JUSTERARE) for j in self.justerare]
        return [(n, r) for n, r in alla if n and _nyckel(n) not in signerat]


def nasta_dagordning(
    plan_datum: date,
    bordlagda: Iterable[Bordlagt],
    redo: Iterable[Dagordningspunkt],
) -> tuple[Dagordningspunkt, ...]:
    """The dagordning for the sammanträde on `plan_datum`: first the ärenden bordlagda to it
    (or to an earlier meeting, if they were missed), in the order they were bordlagda, then
    the ärenden ready for decision. Pass the result to Sammantrade.kalla.

    A bordlagt ärende may also appear in `redo` (it still stands på dagordning for the new
    date): it is listed once, first. An ärende bordlagt to a later meeting than this one is
    refused, since the nämnd decided to take it up then.
    """
    senaste: dict[str, Bordlagt] = {}
    for b in bordlagda:
        nyckel = _nyckel(b.dnr)
        # Bordlagt again at a later meeting: the latest bordläggning is the one that counts.
        if nyckel not in senaste or b.bordlagt_den > senaste[nyckel].bordlagt_den:
            senaste[nyckel] = b
    aktuella = sorted(
        (b for b in senaste.values() if b.nytt_sammantrade <= plan_datum),
        key=lambda b: (b.bordlagt_den, b.paragraf),
    )
    punkter = [
        Dagordningspunkt(b.dnr, b.titel, b.forslag, bordlagt_den=b.bordlagt_den) for b in aktuella
    ]
    forst = {_nyckel(b.dnr) for b in aktuella}
    for p in redo:
        nyckel = _nyckel(p.dnr)
        if nyckel in forst:
            continue
        senare = senaste.get(nyckel)
        if senare is not None:
            raise OgiltigUppgift(
                f"Ärendet {p.dnr} bordlades den {svenskt_datum(senare.bordlagt_den)} "
                f"(§ {senare.paragraf}) till sammanträdet den "
                f"{svenskt_datum(senare.nytt_sammantrade)} och kan inte stå "
                f"på dagordningen den {svenskt_datum(plan_datum)}."
            )
        punkter.append(p)
    return tuple(punkter)


# -- kontroller ------------------------------------------------------------------------


def _kontrollera_punkter(punkter: Sequence[Dagordningspunkt]) -> tuple[Dagordningspunkt, ...]:
    if not punkter:
        raise OgiltigUppgift("Dagordningen har inga ärenden.")
    rensade: list[Dagordningspunkt] = []
    sedda: set[str] = set()
    for p in punkter:
        dnr = _text(p.dnr, "Diarienumret", max_langd=_MAX_NAMN)
        titel = _text(p.titel, f"Rubriken för {dnr}", max_langd=1000)
        if _nyckel(dnr) in sedda:
            raise OgiltigUppgift(f"Ärendet {dnr} står två gånger på dagordningen.")
        if _nyckel(titel) == _nyckel(VAL_AV_JUSTERARE):
            raise OgiltigUppgift(
                f"'{VAL_AV_JUSTERARE}' är alltid sammanträdets första punkt och är inget ärende; "
                "ta bort den ur listan."
            )
        sedda.add(_nyckel(dnr))
        if isinstance(p.forslag, str):
            raise OgiltigUppgift(
                f"Förslaget till beslut i {dnr} ska anges som en lista av punkter."
            )
        forslag = tuple(
            _text(f, f"Punkt {i} i förslaget till beslut i {dnr}")
            for i, f in enumerate(p.forslag, start=1)
        )
        if not forslag:
            raise OgiltigUppgift(f"Ärendet {dnr} saknar förslag till beslut.")
        rensade.append(Dagordningspunkt(dnr, titel, forslag, p.bordlagt_den))
    return tuple(rensade)


def _kontrollera_ledamoter(ledamoter: Sequence[Ledamot], namnd: str) -> dict[str, Ledamot]:
    """The nämnd's ledamöter and ersättare by name key, in the order given."""
    register: dict[str, Ledamot] = {}
    for m in ledamoter:
        namn = _text(m.namn, "Ledamotens namn", max_langd=_MAX_NAMN)
        try:
            roll = Ledamotsroll(m.roll)
        except ValueError:
            raise OgiltigUppgift(
                f"Rollen '{m.roll}' för {namn} finns inte: välj "
                f"{', '.join(r.value for r in Ledamotsroll)}."
            ) from None
        if _nyckel(namn) in register:
            raise OgiltigUppgift(f"{namn} finns två gånger bland ledamöterna i {namnd}.")
        parti = _text(m.parti, f"Partiet för {namn}", tom_tillaten=True, max_langd=_MAX_NAMN)
        register[_nyckel(namn)] = Ledamot(namn, roll, parti)
    if not any(m.roll.ar_ledamot for m in register.values()):
        raise OgiltigUppgift(f"Ange ledamöterna i {namnd}: listan har inga ledamöter.")
    return register


def _kontrollera_narvaro(narvaro: Narvaro, register: dict[str, Ledamot], namnd: str) -> Narvaro:
    """The närvaro with the names spelt as in the nämnd's list."""

    def hitta(namn: str) -> Ledamot:
        rensat = _text(namn, "Namnet", max_langd=_MAX_NAMN)
        m = register.get(_nyckel(rensat))
        if m is None:
            raise OgiltigUppgift(f"{rensat} är varken ledamot eller ersättare i {namnd}.")
        return m

    narvarande: list[str] = []
    for namn in narvaro.ledamoter:
        m = hitta(namn)
        if not m.roll.ar_ledamot:
            raise OgiltigUppgift(
                f"{m.namn} är ersättare: ange henne bland ersättarna, med den ledamot hon "
                "tjänstgör för."
            )
        if m.namn in narvarande:
            raise OgiltigUppgift(f"{m.namn} är angiven som närvarande två gånger.")
        narvarande.append(m.namn)

    ersattare: list[NarvarandeErsattare] = []
    ersatta: dict[str, str] = {}
    for e in narvaro.ersattare:
        m = hitta(e.namn)
        if m.roll.ar_ledamot:
            raise OgiltigUppgift(f"{m.namn} är {m.roll}, inte ersättare.")
        if any(x.namn == m.namn for x in ersattare):
            raise OgiltigUppgift(f"{m.namn} är angiven som närvarande två gånger.")
        for_vem: str | None = None
        if e.tjanstgor_for is not None and e.tjanstgor_for.strip():
            ersatt = hitta(e.tjanstgor_for)
            if not ersatt.roll.ar_ledamot:
                raise OgiltigUppgift(
                    f"{m.namn} kan inte tjänstgöra för {ersatt.namn}, som själv är ersättare."
                )
            if ersatt.namn in narvarande:
                raise OgiltigUppgift(
                    f"{m.namn} kan inte tjänstgöra för {ersatt.namn}, som är närvarande och "
                    "tjänstgör själv."
                )
            if ersatt.namn in ersatta:
                raise OgiltigUppgift(
                    f"Både {ersatta[ersatt.namn]} och {m.namn} anges tjänstgöra för "
                    f"{ersatt.namn}; en ledamot ersätts av en ersättare."
                )
            ersatta[ersatt.namn] = m.namn
            for_vem = ersatt.namn
        ersattare.append(NarvarandeErsattare(m.namn, for_vem))

    ovriga: list[Tjansteman] = []
    for t in narvaro.ovriga:
        namn = _text(t.namn, "Namnet på den övriga närvarande", max_langd=_MAX_NAMN)
        titel = _text(t.titel, f"Titeln för {namn}", max_langd=_MAX_NAMN)
        if any(_nyckel(o.namn) == _nyckel(namn) for o in ovriga):
            raise OgiltigUppgift(f"{namn} är angiven bland övriga närvarande två gånger.")
        ovriga.append(Tjansteman(namn, titel))
    return Narvaro(tuple(narvarande), tuple(ersattare), tuple(ovriga))


def _tjanstgorande_namn(
    namn: str, narvaro: Narvaro, register: dict[str, Ledamot], namnd: str, vad: str
) -> str:
    """The name as the nämnd's list spells it, if she tjänstgör; otherwise why she cannot
    `vad` (vara ordförande, vara justerare, yrka, rösta)."""
    rensat = _text(namn, "Namnet", max_langd=_MAX_NAMN)
    nyckel = _nyckel(rensat)
    for t in narvaro.tjanstgorande:
        if _nyckel(t) == nyckel:
            return t
    if any(_nyckel(n) == nyckel for n in narvaro.ej_tjanstgorande_ersattare):
        raise OgiltigUppgift(
            f"{rensat} är närvarande ersättare men tjänstgör inte och kan inte {vad}."
        )
    if nyckel in register:
        raise OgiltigUppgift(f"{rensat} är inte närvarande vid sammanträdet och kan inte {vad}.")
    raise OgiltigUppgift(
        f"{rensat} är varken ledamot eller ersättare i {namnd} och kan inte {vad}."
    )


def _utfall(utfall: Utfall | str) -> Utfall:
    try:
        return Utfall(utfall)
    except ValueError:
        raise OgiltigUppgift(
            f"Utfallet '{utfall}' finns inte: välj {', '.join(u.value for u in Utfall)}."
        ) from None


def _rostval(rost: Rostval | str, vem: str) -> Rostval:
    try:
        return Rostval(rost)
    except ValueError:
        raise OgiltigUppgift(
            f"Rösten '{rost}' för {vem} finns inte: ange ja, nej eller avstår."
        ) from None


def _sha256(varde: str, vad: str) -> str:
    rensat = varde.strip().lower()
    if not _SHA256.match(rensat):
        raise OgiltigUppgift(f"{vad} är ingen SHA-256-summa (64 hexadecimala tecken).")
    return rensat


def _i_stockholm(tidpunkt: datetime) -> datetime:
    # A naive time is read as Swedish local time, as the people entering it mean it.
    if tidpunkt.tzinfo is None:
        return tidpunkt.replace(tzinfo=STOCKHOLM)
    return tidpunkt.astimezone(STOCKHOLM)


def _anslag(
    sammantrade: date,
    justering: date,
    datum: date,
    paragrafer: tuple[int, ...],
    kalender: Helgdagskalender,
) -> Anslag:
    lag = lagstadgade_datum(sammantrade, justering, datum, kalender)
    assert lag.anslag_senast and lag.overklagande_slut and lag.laga_kraft
    return Anslag(
        datum=datum,
        justeringsdatum=justering,
        paragrafer=paragrafer,
        anslag_senast=lag.anslag_senast,
        overklagande_slut=lag.overklagande_slut,
        laga_kraft=lag.laga_kraft,
    )


def _text_val_av_justerare(
    justerare: tuple[str, ...], forsta: date, sista: date, plats: str
) -> str:
    tid = (
        f"den {svenskt_datum(forsta)}"
        if forsta == sista
        else f"mellan den {svenskt_datum(forsta)} och den {svenskt_datum(sista)}"
    )
    return (
        f"Nämnden utser {_namnlista(justerare)} att jämte ordföranden justera dagens protokoll. "
        f"Justeringen sker {tid}" + (f", {plats}" if plats else "") + "."
    )


def _namnlista(namn: Sequence[str]) -> str:
    if len(namn) <= 1:
        return "".join(namn)
    return ", ".join(namn[:-1]) + " och " + namn[-1]


def _paragraflista(nummer: Iterable[int]) -> str:
    return ", ".join(f"§ {n}" for n in nummer)


def _nyckel(text: str) -> str:
    """Names and dnr compare without regard to case or extra spaces."""
    return " ".join(text.split()).casefold()


def namnnyckel(namn: str) -> str:
    """A name as the sammanträde compares it (ordförande, justerare, signatures): without
    regard to case or extra spaces. For those outside who must find the same person, e.g.
    her e-mail address among the nämnd's ledamöter in grunddata."""
    return _nyckel(namn)
