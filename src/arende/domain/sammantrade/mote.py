"""The sammanträde as one aggregate, and the statuses it passes through.

`Sammantrade` records each step of the meeting: kallelse, öppnande (närvaro, ordförande,
justerare), beslut, protokollsutdrag, avslutning, signaturer and anslag. `_KRAV` says which
status each step needs, and `_SOM_TILLSTAND` how a status reads in a refusal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from arende.domain.datum import i_stockholm, svenskt_datum, svenskt_klockslag, tolka_klockslag
from arende.domain.fel import BehorighetSaknas, OgiltigUppgift, OtillatenOvergang
from arende.domain.kalender import JUSTERINGSFRIST_DAGAR, Helgdagskalender
from arende.domain.sammantrade.dagordning import (
    VAL_AV_JUSTERARE,
    Bordlagt,
    Dagordning,
    Dagordningspunkt,
    kontrollera_punkter,
)
from arende.domain.sammantrade.deltagande import (
    Deltagande,
    Javsanmalan,
    Narvaroandring,
    andra_narvaro,
    kontrollera_ersattarordning,
    paragrafens_deltagande,
)
from arende.domain.sammantrade.justering import (
    MAX_JUSTERARE,
    Anslag,
    OmedelbarJustering,
    Signatur,
    Signaturroll,
    berakna_anslag,
    kontrollera_sha256,
    text_val_av_justerare,
)
from arende.domain.sammantrade.narvaro import (
    Ledamot,
    NarvarandeErsattare,
    Narvaro,
    kontrollera_ledamoter,
    kontrollera_narvaro,
    tjanstgorande_namn,
)
from arende.domain.sammantrade.omrostning import (
    Lottning,
    Omrostning,
    Paragraf,
    Yrkande,
    kontrollera_omrostning,
    kontrollera_yrkanden,
    tolka_utfall,
)
from arende.domain.sammantrade.reservation import (
    Anteckningsslag,
    Reservation,
    kontrollera_reservationer,
)
from arende.domain.skeden import Utfall
from arende.domain.text import MAX_NAMN, namnlista, namnnyckel
from arende.domain.text import rensa as _text


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
    "ändra närvaron": (frozenset({_S.PAGAR}), "sammanträdet har öppnats"),
    # A reservation's written motivation may come in after the meeting, until justering.
    "lämna en motivering till en reservation": (
        frozenset({_S.PAGAR, _S.AVSLUTAT}),
        "sammanträdet har öppnats",
    ),
    "signera protokollet": (frozenset({_S.AVSLUTAT}), "protokollet är upprättat"),
    "anslå justeringen": (frozenset({_S.JUSTERAT}), "protokollet är justerat"),
    # Omedelbart justerade paragrafer are justerade at the meeting; their anslag does not
    # wait for the rest of the protokoll.
    "anslå de omedelbart justerade paragraferna": (
        frozenset({_S.PAGAR, _S.AVSLUTAT, _S.JUSTERAT, _S.ANSLAGET}),
        "sammanträdet har öppnats",
    ),
}


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
    # Arrivals and departures after the opening, each with the närvaro from then on.
    narvaroandringar: list[Narvaroandring] = field(default_factory=list)
    id: int | None = None

    @classmethod
    def planera(cls, namnd: str, datum: date, plats: str = "") -> Sammantrade:
        return cls(
            namnd=_text(namnd, "Nämndens namn", max_langd=MAX_NAMN),
            datum=datum,
            plats=_text(plats, "Platsen", tom_tillaten=True, max_langd=MAX_NAMN),
        )

    # -- kallelse och dagordning ----------------------------------------------------------

    def kalla(self, punkter: Sequence[Dagordningspunkt], utskick: date) -> Dagordning:
        """Send the kallelse: the dagordning as sent becomes version 1."""
        self._kraver("kalla till sammanträdet")
        rensade = kontrollera_punkter(punkter)
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
        rensade = kontrollera_punkter(punkter)
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
        justeringsdagar: int = JUSTERINGSFRIST_DAGAR,
    ) -> Paragraf:
        """Open the meeting and record its first paragraf, Val av justerare.

        `forsta_paragraf` is the next free number in the nämnd's year: paragrafer are
        numbered through the year, not per meeting. `borjade` is the time the ordförande
        opened it ('18:00', Swedish time). `justeringsdagar` is the nämnd's justering frist
        (its reglemente may set less than the law's 14 days).
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
        register = kontrollera_ledamoter(ledamoter, self.namnd)
        narvaro = kontrollera_narvaro(narvarande, register, self.namnd)
        kontrollera_ersattarordning(narvaro, register)
        self._beslutfor(narvaro, register)
        ordf = tjanstgorande_namn(ordforande, narvaro, register, self.namnd, "vara ordförande")
        valda = self._kontrollera_justerare(justerare, ordf, narvaro, register)
        self._kontrollera_justeringstid(justering_forsta, justering_sista, justeringsdagar)
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
            beslutstext=text_val_av_justerare(valda, justering_forsta, justering_sista, plats),
            omedelbart_justerad=False,
            nytt_sammantrade=None,
            deltagande=Deltagande(ordf, narvaro.tjanstgorande, (), _tjanstgor(narvaro)),
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
    def aktuell_narvaro(self) -> Narvaro | None:
        """Who is there now: the opening's närvaro after every later change."""
        if self.narvaroandringar:
            return self.narvaroandringar[-1].narvaro
        return self.narvaro

    @property
    def tjanstgorande(self) -> tuple[str, ...]:
        """Who tjänstgör now (before any jäv in the next paragraf)."""
        narvaro = self.aktuell_narvaro
        return narvaro.tjanstgorande if narvaro else ()

    @property
    def alla_som_tjanstgjort(self) -> tuple[str, ...]:
        """Everyone who tjänstgjorde in some paragraf, for the protokoll's list of those who
        served (kommunallagen 5 kap. 66 §)."""
        sedda: list[str] = []
        for p in self.paragrafer:
            for n in p.deltagande.deltar if p.deltagande else ():
                if n not in sedda:
                    sedda.append(n)
        return tuple(sedda)

    def andra_narvaro(
        self,
        ankommer: Sequence[str] = (),
        lamnar: Sequence[str] = (),
        klockan: time | str | None = None,
    ) -> Narvaroandring:
        """Someone arrives or leaves before the next paragraf. A ledamot who arrives takes
        back her seat; an empty seat is filled by a present ersättare in the order."""
        self._kraver("ändra närvaron")
        narvaro, nummer = self.aktuell_narvaro, self.nasta_paragraf
        assert narvaro is not None and nummer is not None
        tid = tolka_klockslag(klockan, "Klockslaget för närvaroändringen") if klockan else None
        register = {namnnyckel(m.namn): m for m in self.ledamoter}
        if self.ordforande is not None and any(
            namnnyckel(n) == namnnyckel(self.ordforande) for n in lamnar
        ):
            raise OgiltigUppgift(
                f"Ordföranden {self.ordforande} kan inte lämna sammanträdet medan det pågår: "
                "vid jäv leder vice ordföranden den paragrafen, i övrigt avslutas sammanträdet."
            )
        ny, inkallade, avlosta = andra_narvaro(narvaro, register, ankommer, lamnar, self.namnd)
        andring = Narvaroandring(
            fore_paragraf=nummer,
            klockan=tid,
            ankommer=tuple(register[namnnyckel(n.strip())].namn for n in ankommer),
            lamnar=tuple(register[namnnyckel(n.strip())].namn for n in lamnar),
            inkallade=inkallade,
            avlosta=avlosta,
            narvaro=ny,
        )
        self.narvaroandringar.append(andring)
        return andring

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
        *,
        jav: Sequence[Javsanmalan] = (),
        reservationer: Sequence[Reservation] = (),
        lotta: Lottning | None = None,
        idag: date | None = None,
        leder: str | None = None,
    ) -> Paragraf:
        """Record the nämnd's beslut in an ärende on the dagordning as the next paragraf.

        `jav` are the jäv questions the nämnd decided in it: each jävig leaves for the
        paragraf and a present ersättare takes her seat by the order. `lotta` draws the
        outcome of a tied vote in val and anställning; `idag` dates a written motivation
        handed in at the meeting; `leder` is the ledamot the nämnd chose to lead the
        paragraf when neither the ordförande nor the vice ordförande can."""
        self._kraver("besluta i ett ärende")
        narvaro, nummer = self.aktuell_narvaro, self.nasta_paragraf
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
        utfall = tolka_utfall(utfall)
        register = {namnnyckel(m.namn): m for m in self.ledamoter}
        deltagande = paragrafens_deltagande(
            narvaro, register, jav, self.ordforande, self.namnd, nummer, leder
        )
        javiga = deltagande.javiga
        # The paragraf's own närvaro: its tjänstgörande are exactly those who take part.
        tjanstgor = {e.namn for e in deltagande.tjanstgorande_ersattare}
        lyssnar = tuple(
            NarvarandeErsattare(e.namn)
            for e in narvaro.ersattare
            if e.namn not in tjanstgor and e.namn not in javiga
        )
        i_paragrafen = Narvaro(
            tuple(n for n in narvaro.ledamoter if n in deltagande.deltar),
            deltagande.tjanstgorande_ersattare + lyssnar,
            narvaro.ovriga,
        )
        rensade_yrkanden = kontrollera_yrkanden(
            yrkanden, i_paragrafen, self.ledamoter, self.namnd, javiga
        )
        rostning = (
            kontrollera_omrostning(
                omrostning,
                i_paragrafen,
                self.ledamoter,
                self.namnd,
                deltagande.ordforande,
                javiga=javiga,
                val_eller_anstallning=punkt.val_eller_anstallning,
                lotta=lotta,
            )
            if omrostning
            else None
        )
        narvarande = (*narvaro.ledamoter, *(e.namn for e in narvaro.ersattare))
        rensade_reservationer = kontrollera_reservationer(
            reservationer, deltagande, narvarande, nummer, idag or self.datum
        )
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
            deltagande=deltagande,
            reservationer=rensade_reservationer,
        )
        self.paragrafer.append(paragraf)
        return paragraf

    def motivera_reservation(
        self, nummer: int, av: str, motivering: str, mottagen: date
    ) -> Reservation:
        """The written motivation of `av`'s reservation in paragraf `nummer`, received on
        `mottagen`. It must come before justering: once the ordförande or a justerare has
        signed, the protokoll they signed may not change."""
        self._kraver("lämna en motivering till en reservation")
        if self.signaturer:
            raise OtillatenOvergang(
                f"Justeringen av protokollet har börjat ({namnlista([s.namn for s in self.signaturer])} "
                "har signerat): en skriftlig motivering till en reservation ska lämnas före "
                "justeringen och kan inte längre tas emot."
            )
        paragraf = self.paragraf(nummer)
        if paragraf is None:
            raise OgiltigUppgift(
                f"Sammanträdet den {svenskt_datum(self.datum)} har ingen § {nummer}: "
                f"paragraferna är {_paragraflista(p.nummer for p in self.paragrafer)}."
            )
        vem = _text(av, "Namnet på den som reserverat sig", max_langd=MAX_NAMN)
        reservation = next(
            (
                r
                for r in paragraf.reservationer
                if r.slag is Anteckningsslag.RESERVATION and namnnyckel(r.av) == namnnyckel(vem)
            ),
            None,
        )
        if reservation is None:
            raise OgiltigUppgift(
                f"{vem} har inte reserverat sig i § {nummer}: en reservation anmäls vid "
                "sammanträdet, innan det avslutas, och kan sedan motiveras skriftligt."
            )
        if reservation.motivering:
            raise OtillatenOvergang(
                f"{reservation.av}s skriftliga motivering till reservationen i § {nummer} "
                f"togs emot den {svenskt_datum(reservation.motivering_mottagen or self.datum)}."
            )
        text = _text(motivering, "Motiveringen")
        if mottagen < self.datum:
            raise OgiltigUppgift(
                f"Motiveringen kan inte ha tagits emot den {svenskt_datum(mottagen)}, före "
                f"sammanträdet den {svenskt_datum(self.datum)}."
            )
        ny = dataclasses.replace(reservation, motivering=text, motivering_mottagen=mottagen)
        nya = tuple(ny if r is reservation else r for r in paragraf.reservationer)
        self.paragrafer[self.paragrafer.index(paragraf)] = dataclasses.replace(
            paragraf, reservationer=nya
        )
        return ny

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
        last = kontrollera_sha256(protokoll_sha256, "Kontrollsumman för det signerade protokollet")
        aktuell = kontrollera_sha256(aktuellt_sha256, "Kontrollsumman för det aktuella protokollet")
        vem = _text(namn, "Namnet", max_langd=MAX_NAMN)
        roll = self._signaturroll(vem)
        if roll is None:
            raise BehorighetSaknas(
                f"{vem} är varken ordförande eller justerare vid sammanträdet den "
                f"{svenskt_datum(self.datum)}: protokollet justeras av ordföranden "
                f"{self.ordforande} och {namnlista(self.justerare)}."
            )
        kanonisk = self.ordforande if roll is Signaturroll.ORDFORANDE else self._justerare(vem)
        redan = next((s for s in self.signaturer if s.namn == kanonisk), None)
        if redan is not None:
            raise OtillatenOvergang(
                f"{kanonisk} har redan signerat protokollet, den "
                f"{svenskt_datum(redan.tidpunkt.date())} kl. {redan.tidpunkt:%H.%M}."
            )
        stund = i_stockholm(tidpunkt)
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
                f"Protokollet har ändrats sedan {namnlista(andrat)} signerade det: en "
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
        anslag = berakna_anslag(self.datum, self.justeringsdatum, datum, paragrafer, kalender)
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
        anslag = berakna_anslag(self.datum, self.datum, datum, vantande, kalender)
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
            namn = tjanstgorande_namn(j, narvaro, register, self.namnd, "vara justerare")
            if namn == ordforande:
                raise OgiltigUppgift(
                    f"{namn} är ordförande och justerar redan; välj en annan justerare."
                )
            if namn in valda:
                raise OgiltigUppgift(f"{namn} är angiven som justerare två gånger.")
            valda.append(namn)
        return tuple(valda)

    def _kontrollera_justeringstid(
        self, forsta: date, sista: date, dagar: int = JUSTERINGSFRIST_DAGAR
    ) -> None:
        # Kommunallagen 5 kap. 69 § (for nämnder through 6 kap. 35 §): justerat within 14
        # days, or fewer when the nämnd's reglemente says so (grunddata's justeringsdagar).
        dagar = min(dagar, JUSTERINGSFRIST_DAGAR)
        senast = self.datum + timedelta(days=dagar)
        if forsta < self.datum:
            raise OgiltigUppgift(
                f"Justeringen kan inte börja den {svenskt_datum(forsta)}, före sammanträdet den "
                f"{svenskt_datum(self.datum)}."
            )
        if sista > senast:
            grund = (
                "kommunallagen 5 kap. 69 §"
                if dagar == JUSTERINGSFRIST_DAGAR
                else f"nämndens reglemente; lagen medger {JUSTERINGSFRIST_DAGAR} dagar"
            )
            raise OgiltigUppgift(
                f"Protokollet ska vara justerat inom {dagar} dagar efter "
                f"sammanträdet, senast den {svenskt_datum(senast)} ({grund}), "
                f"inte den {svenskt_datum(sista)}."
            )
        if forsta > sista:
            raise OgiltigUppgift(
                f"Justeringens första dag ({svenskt_datum(forsta)}) ligger efter den sista "
                f"({svenskt_datum(sista)})."
            )

    def _paragraf_for_dnr(self, dnr: str) -> Paragraf | None:
        nyckel = namnnyckel(dnr)
        return next(
            (p for p in self.paragrafer if p.dnr is not None and namnnyckel(p.dnr) == nyckel), None
        )

    def _signaturroll(self, namn: str) -> Signaturroll | None:
        if self.ordforande is not None and namnnyckel(namn) == namnnyckel(self.ordforande):
            return Signaturroll.ORDFORANDE
        if any(namnnyckel(namn) == namnnyckel(j) for j in self.justerare):
            return Signaturroll.JUSTERARE
        return None

    def _justerare(self, namn: str) -> str:
        return next(j for j in self.justerare if namnnyckel(j) == namnnyckel(namn))

    def osignerade(self) -> list[tuple[str, Signaturroll]]:
        """Who is still to sign the protokoll (ordförande first, then the justerare), once
        it is upprättat and until it is justerat; empty before and after."""
        if self.protokoll_upprattat is None or self.status is not Sammantradesstatus.AVSLUTAT:
            return []
        signerat = {namnnyckel(x.namn) for x in self.signaturer}
        alla = [(self.ordforande or "", Signaturroll.ORDFORANDE)]
        alla += [(j, Signaturroll.JUSTERARE) for j in self.justerare]
        return [(n, r) for n, r in alla if n and namnnyckel(n) not in signerat]


def _tjanstgor(narvaro: Narvaro) -> tuple[NarvarandeErsattare, ...]:
    return tuple(e for e in narvaro.ersattare if e.tjanstgor_for)


def _paragraflista(nummer: Iterable[int]) -> str:
    return ", ".join(f"§ {n}" for n in nummer)


def sammantradesmapp(namnd: str, datum: str) -> str:
    """The sammanträde's folder in the archive: 'Socialtjänstnämnden-2008-05-13'."""
    return f"{''.join(c for c in namnd if c.isalnum())}-{datum}"
