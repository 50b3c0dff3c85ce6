"""The ärende and its lifecycle: every transition of DOMAIN.md with its guard.

Each method either moves the ärende one step and records the facts of that step, or
raises an ArendeFel with a Swedish message and leaves the ärende untouched (guards run
before any field is assigned).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from arende.domain.datum import svenskt_datum
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift, OtillatenOvergang
from arende.domain.livscykel import STANDARD, Livscykel
from arende.domain.sekretess import Sekretessmarkering
from arende.domain.skeden import Skede, Utfall
from arende.domain.text import rensa as _text

# The stage each action brings the ärende to; whether it may be taken from where the ärende
# stands is its type's lifecycle's to say (domain/livscykel.py).
_MAL: dict[str, Skede] = {
    "påbörja beredning": Skede.UNDER_BEREDNING,
    "registrera samverkan": Skede.SAMVERKAT,
    "fastställa förslaget till beslut": Skede.FORSLAG_FASTSTALLT,
    "sätta ärendet på dagordningen": Skede.PA_DAGORDNING,
    "registrera nämndens beslut": Skede.BESLUTAT,
    "registrera justeringen": Skede.JUSTERAT,
    "registrera anslaget": Skede.ANSLAGET,
    "expediera beslutet": Skede.EXPEDIERAT,
    "avsluta ärendet": Skede.AVSLUTAT,
}


@dataclass(frozen=True)
class Samverkan:
    datum: date
    anteckning: str


@dataclass(frozen=True)
class Faststallande:
    datum: date
    undertecknare: tuple[str, ...]


@dataclass(frozen=True)
class Beslut:
    utfall: Utfall
    paragraf: int
    sammantrade: date
    omedelbar_justering: bool
    beslutstext: str
    omgang: int


@dataclass(frozen=True)
class Justering:
    datum: date
    ordforande: str
    justerare: tuple[str, ...]
    omedelbar: bool


@dataclass(frozen=True)
class Expediering:
    datum: date
    mottagare: tuple[str, ...]


@dataclass
class Arende:
    dnr: Diarienummer
    namnd: str
    titel: str
    handlaggare: str
    registreringsdatum: date
    arendetyp: str  # the ärendetyp it was registered as (deployments/arendetyper/)
    planerat_sammantrade: date
    # Whether the förslag till beslut proposes that the § be förklarad omedelbart justerad
    # (the type's rules decide it: a deadline that ordinary justering would miss).
    foreslagen_omedelbar_justering: bool = False
    # The last day the matter must be decided and expedierat by, if its type has one.
    sista_dag: date | None = None
    skede: Skede = Skede.REGISTRERAT
    omgang: int = 1  # beredningsomgång: a återremiss starts a new one
    samverkan: Samverkan | None = None
    faststallande: Faststallande | None = None
    # The förslag till beslut as fastställt, point by point: the text the dagordning, the
    # protokoll and the protokollsutdrag give as the nämnd's decision on bifall.
    forslag: tuple[str, ...] = ()
    sammantrade: date | None = None
    beslut: list[Beslut] = field(default_factory=list)
    justering: Justering | None = None
    anslagsdatum: date | None = None
    expediering: Expediering | None = None
    avslutsdatum: date | None = None
    livscykel: Livscykel = STANDARD
    # What the type's forms asked for (start form and steps), as plain JSON-able values.
    uppgifter: dict[str, Any] = field(default_factory=dict)
    # The ärendemening's sekretess marking (OSL 5 kap. 5 §) and the form of it anyone may
    # see (OSL 5 kap. 2 §: the register may leave out what is secret): every public view
    # and every document drawn up after the marking names the ärende by `offentlig_mening`.
    mening_markering: Sekretessmarkering | None = None
    offentlig_mening: str | None = None
    id: int | None = None

    @property
    def offentlig_titel(self) -> str:
        """The ärendemening as anyone may read it."""
        if self.mening_markering is not None and self.offentlig_mening:
            return self.offentlig_mening
        return self.titel

    def markera_mening(self, markering: Sekretessmarkering, offentlig_mening: str) -> None:
        """Mark the ärendemening under an OSL provision, with the form of it that may be
        shown. Marked again, the grounds and the public form are replaced."""
        offentlig = _text(
            " ".join(offentlig_mening.split()), "Den offentliga ärendemeningen", max_langd=300
        )
        if offentlig.casefold() == self.titel.casefold():
            raise OgiltigUppgift(
                "Den offentliga ärendemeningen är densamma som ärendemeningen: skriv den utan "
                "det som omfattas av sekretess (t.ex. 'Ärende enligt socialtjänstlagen')."
            )
        if self.titel.casefold() in offentlig.casefold():
            raise OgiltigUppgift(
                "Den offentliga ärendemeningen innehåller hela ärendemeningen: skriv den utan "
                "det som omfattas av sekretess."
            )
        if (
            self.mening_markering is not None
            and self.mening_markering.bestammelse == markering.bestammelse
            and self.offentlig_mening == offentlig
        ):
            raise OgiltigUppgift(
                f"Ärendemeningen i {self.dnr} är redan markerad enligt "
                f"{markering.bestammelse} med samma offentliga ärendemening."
            )
        self.mening_markering = markering
        self.offentlig_mening = offentlig

    def hav_markering_av_mening(self) -> None:
        if self.mening_markering is None:
            raise OgiltigUppgift(f"Ärendemeningen i {self.dnr} är inte sekretessmarkerad.")
        self.mening_markering = None
        self.offentlig_mening = None

    # -- registrering ---------------------------------------------------------------

    @classmethod
    def registrera(
        cls,
        *,
        dnr: Diarienummer,
        arendetyp: str,
        livscykel: Livscykel,
        titel: str,
        namnd: str,
        handlaggare: str,
        registreringsdatum: date,
        planerat_sammantrade: date,
        uppgifter: dict[str, Any],
        idag: date,
        sista_dag: date | None = None,
        foreslagen_omedelbar_justering: bool = False,
    ) -> Arende:
        """An ärende of any type: what its start form asked is in `uppgifter` (already
        checked against the type's fields and by its rules, which also give its sista dag
        and whether omedelbar justering will be proposed)."""
        _inte_i_framtiden(registreringsdatum, idag, "Registreringsdatumet")
        if planerat_sammantrade < registreringsdatum:
            raise OgiltigUppgift(
                f"Sammanträdet ({svenskt_datum(planerat_sammantrade)}) ligger före "
                f"registreringsdatumet ({svenskt_datum(registreringsdatum)})."
            )
        if sista_dag is not None and planerat_sammantrade > sista_dag:
            raise OgiltigUppgift(
                f"Sammanträdet den {svenskt_datum(planerat_sammantrade)} ligger efter ärendets "
                f"sista dag, den {svenskt_datum(sista_dag)}: välj ett tidigare sammanträde."
            )
        return cls(
            dnr=dnr,
            namnd=namnd,
            titel=_text(titel, "Ärendemeningen", max_langd=300),
            handlaggare=handlaggare,
            registreringsdatum=registreringsdatum,
            planerat_sammantrade=planerat_sammantrade,
            foreslagen_omedelbar_justering=foreslagen_omedelbar_justering,
            sista_dag=sista_dag,
            arendetyp=arendetyp,
            livscykel=livscykel,
            uppgifter=dict(uppgifter),
        )

    def registrera_uppgifter(self, skede: Skede, uppgifter: dict[str, Any]) -> None:
        """The answers to the form of the step into `skede` (the handläggare's text during
        beredning, say), kept until the step is taken; asked again, they replace the last."""
        if self.skede.ordning >= skede.ordning and not (
            skede is Skede.UNDER_BEREDNING and self.skede is Skede.UNDER_BEREDNING
        ):
            raise OtillatenOvergang(
                f"Uppgifterna för skedet '{skede}' i {self.dnr} kan inte ändras: ärendet är "
                f"redan {self.skede}."
            )
        self.uppgifter = {**self.uppgifter, skede.value: dict(uppgifter)}

    # -- beredning ------------------------------------------------------------------

    def paborja_beredning(self) -> None:
        self._kraver("påbörja beredning")
        self.skede = Skede.UNDER_BEREDNING

    def registrera_samverkan(self, datum: date, anteckning: str, *, idag: date) -> None:
        self._kraver("registrera samverkan")
        _inte_i_framtiden(datum, idag, "Datumet för samverkan")
        self._inte_fore_registrering(datum, "Samverkan")
        aterremiss = next((b for b in reversed(self.beslut) if b.utfall is Utfall.ATERREMISS), None)
        if aterremiss and datum < aterremiss.sammantrade:
            raise OgiltigUppgift(
                f"Samverkan den {svenskt_datum(datum)} ligger före återremissen den "
                f"{svenskt_datum(aterremiss.sammantrade)}: den nya beredningen ska samverkas på nytt."
            )
        if datum > self.planerat_sammantrade:
            raise OgiltigUppgift(
                f"Samverkan den {svenskt_datum(datum)} ligger efter sammanträdet den "
                f"{svenskt_datum(self.planerat_sammantrade)}: ärendet ska samverkas innan "
                "nämnden behandlar det."
            )
        self.samverkan = Samverkan(datum, _text(anteckning, "Anteckningen", tom_tillaten=True))
        self.skede = Skede.SAMVERKAT

    def faststall_forslag(
        self,
        datum: date,
        undertecknare: list[str],
        forslag: Sequence[str],
        *,
        idag: date,
    ) -> None:
        """The chefs sign; `forslag` is the förslag till beslut of the tjänsteutlåtande they
        sign, kept as the text the nämnd decides on."""
        self._kraver("fastställa förslaget till beslut")
        _inte_i_framtiden(datum, idag, "Datumet för fastställandet")
        self._inte_fore_registrering(datum, "Fastställandet")
        if self.samverkan is not None and datum < self.samverkan.datum:
            raise OgiltigUppgift(
                f"Förslaget kan inte fastställas den {svenskt_datum(datum)}, före samverkan den "
                f"{svenskt_datum(self.samverkan.datum)}."
            )
        namn = tuple(_text(u, "Undertecknarens namn", max_langd=200) for u in undertecknare)
        if not namn:
            raise OgiltigUppgift("Förslaget till beslut måste undertecknas av minst en chef.")
        punkter = tuple(
            _text(p, f"Punkt {i} i förslaget till beslut", max_langd=2000)
            for i, p in enumerate(forslag, 1)
        )
        if not punkter:
            raise OgiltigUppgift(
                f"Tjänsteutlåtandet i {self.dnr} har inget förslag till beslut att fastställa."
            )
        self.faststallande = Faststallande(datum, namn)
        self.forslag = punkter
        self.skede = Skede.FORSLAG_FASTSTALLT

    def satt_pa_dagordning(self, sammantrade: date) -> None:
        self._kraver("sätta ärendet på dagordningen")
        self._inte_fore_registrering(sammantrade, "Sammanträdet")
        if self.faststallande is not None and sammantrade < self.faststallande.datum:
            raise OgiltigUppgift(
                f"Sammanträdet den {svenskt_datum(sammantrade)} ligger före fastställandet av "
                f"förslaget den {svenskt_datum(self.faststallande.datum)}."
            )
        self.sammantrade = sammantrade
        self.skede = Skede.PA_DAGORDNING

    # -- beslut ---------------------------------------------------------------------

    def besluta(
        self,
        utfall: Utfall,
        paragraf: int,
        *,
        omedelbar_justering: bool,
        beslutstext: str = "",
        nytt_sammantrade: date | None = None,
        idag: date,
    ) -> Beslut:
        self._kraver("registrera nämndens beslut")
        assert self.sammantrade is not None
        _inte_i_framtiden(self.sammantrade, idag, "Sammanträdet")
        if paragraf < 1:
            raise OgiltigUppgift(f"Paragrafnumret måste vara ett positivt heltal, inte {paragraf}.")
        if omedelbar_justering and not utfall.avgor_arendet:
            raise OgiltigUppgift(
                f"Omedelbar justering gäller ett beslut i sak; vid {utfall} finns inget att justera "
                "omedelbart."
            )
        text = _text(beslutstext, "Beslutstexten", tom_tillaten=utfall is not Utfall.ANDRAT_BESLUT)
        if utfall is Utfall.ATERREMISS and not self.livscykel.tillaten(
            Skede.PA_DAGORDNING, Skede.UNDER_BEREDNING
        ):
            raise OgiltigUppgift(
                f"Ett ärende av typen {self.arendetyp} kan inte återremitteras: typen har ingen "
                "beredning att gå tillbaka till."
            )
        if not utfall.avgor_arendet:
            # Both send the matter to a later sammanträde: bordläggning straight onto its
            # dagordning, återremiss after a new beredning. Either way the date must be known,
            # or the next round's samverkan would be judged against the meeting just held.
            if nytt_sammantrade is None:
                raise OgiltigUppgift(
                    "Ange det sammanträde som ärendet bordläggs till."
                    if utfall is Utfall.BORDLAGGNING
                    else "Ange det sammanträde som ärendet väntas tillbaka till efter återremissen."
                )
            if nytt_sammantrade <= self.sammantrade:
                raise OgiltigUppgift(
                    f"Ärendet kan bara skjutas till ett senare sammanträde än den "
                    f"{svenskt_datum(self.sammantrade)}."
                )
            if self.sista_dag and nytt_sammantrade > self.sista_dag:
                raise OgiltigUppgift(
                    f"Sammanträdet den {svenskt_datum(nytt_sammantrade)} ligger efter ärendets "
                    f"sista dag, den {svenskt_datum(self.sista_dag)}."
                )
        elif nytt_sammantrade is not None:
            raise OgiltigUppgift(
                "Ett nytt sammanträde anges bara när ärendet bordläggs eller återremitteras."
            )
        beslut = Beslut(utfall, paragraf, self.sammantrade, omedelbar_justering, text, self.omgang)
        self.beslut.append(beslut)
        if utfall is Utfall.ATERREMISS:
            # Back to beredning: a new round, a new samverkan, a new förslag.
            assert nytt_sammantrade is not None
            self.omgang += 1
            self.samverkan = None
            self.faststallande = None
            self.forslag = ()
            self.sammantrade = None
            self.planerat_sammantrade = nytt_sammantrade
            self.skede = Skede.UNDER_BEREDNING
        elif utfall is Utfall.BORDLAGGNING:
            assert nytt_sammantrade is not None
            self.sammantrade = nytt_sammantrade
            self.planerat_sammantrade = nytt_sammantrade
        else:
            self.skede = Skede.BESLUTAT
        return beslut

    @property
    def gallande_beslut(self) -> Beslut | None:
        """The decision on the matter itself (not a återremiss or bordläggning)."""
        avgorande = [b for b in self.beslut if b.utfall.avgor_arendet]
        return avgorande[-1] if avgorande else None

    # -- efter beslutet -------------------------------------------------------------

    def justera(self, datum: date, ordforande: str, justerare: list[str], *, idag: date) -> None:
        self._kraver("registrera justeringen")
        beslut = self.gallande_beslut
        assert beslut is not None
        _inte_i_framtiden(datum, idag, "Justeringsdatumet")
        if beslut.omedelbar_justering and datum != beslut.sammantrade:
            raise OgiltigUppgift(
                f"Paragrafen förklarades omedelbart justerad: justeringen skedde vid sammanträdet "
                f"den {svenskt_datum(beslut.sammantrade)}, inte den {svenskt_datum(datum)}."
            )
        if datum < beslut.sammantrade:
            raise OgiltigUppgift(
                f"Justeringen den {svenskt_datum(datum)} ligger före sammanträdet den "
                f"{svenskt_datum(beslut.sammantrade)}."
            )
        ordf = _text(ordforande, "Ordförandens namn", max_langd=200)
        namn = tuple(_text(j, "Justerarens namn", max_langd=200) for j in justerare)
        if not namn:
            raise OgiltigUppgift("Ange minst en justerare utöver ordföranden.")
        if ordf.casefold() in {n.casefold() for n in namn}:
            raise OgiltigUppgift(f"{ordf} är ordförande och kan inte också vara justerare.")
        self.justering = Justering(datum, ordf, namn, beslut.omedelbar_justering)
        self.skede = Skede.JUSTERAT

    def ansla(self, datum: date, *, idag: date) -> None:
        self._kraver("registrera anslaget")
        assert self.justering is not None
        _inte_i_framtiden(datum, idag, "Anslagsdatumet")
        if datum < self.justering.datum:
            raise OgiltigUppgift(
                f"Anslaget den {svenskt_datum(datum)} ligger före justeringen den "
                f"{svenskt_datum(self.justering.datum)}."
            )
        self.anslagsdatum = datum
        self.skede = Skede.ANSLAGET

    def expediera(self, datum: date, mottagare: list[str], *, idag: date) -> None:
        self._kraver("expediera beslutet")
        assert self.justering is not None
        _inte_i_framtiden(datum, idag, "Expedieringsdatumet")
        if datum < self.justering.datum:
            raise OgiltigUppgift(
                f"Beslutet kan inte expedieras den {svenskt_datum(datum)}, före justeringen den "
                f"{svenskt_datum(self.justering.datum)}."
            )
        namn = tuple(_text(m, "Mottagarens namn", max_langd=200) for m in mottagare)
        if not namn:
            raise OgiltigUppgift("Ange minst en mottagare av protokollsutdraget.")
        self.expediering = Expediering(datum, namn)
        self.skede = Skede.EXPEDIERAT

    def avsluta(self, datum: date, *, idag: date) -> None:
        self._kraver("avsluta ärendet")
        _inte_i_framtiden(datum, idag, "Avslutsdatumet")
        # A type without expediering is closed after the anslag.
        senast, vad = (
            (self.expediering.datum, "expedieringen")
            if self.expediering
            else (self.anslagsdatum, "anslaget")
        )
        if senast is not None and datum < senast:
            raise OgiltigUppgift(
                f"Ärendet kan inte avslutas den {svenskt_datum(datum)}, före {vad} den "
                f"{svenskt_datum(senast)}."
            )
        self.avslutsdatum = datum
        self.skede = Skede.AVSLUTAT

    # -- hjälp ----------------------------------------------------------------------

    @property
    def for_sent_expedierat(self) -> bool:
        return bool(self.expediering and self.sista_dag and self.expediering.datum > self.sista_dag)

    def _kraver(self, handling: str) -> None:
        mal = _MAL[handling]
        if self.livscykel.framat(self.skede, mal):
            return
        if mal not in self.livscykel.skeden:
            raise OtillatenOvergang(
                f"Det går inte att {handling} i {self.dnr}: ärendetypen {self.arendetyp} har "
                f"inget skede '{mal}'."
            )
        if self.skede.ordning >= mal.ordning:
            raise OtillatenOvergang(
                f"Det går inte att {handling} i {self.dnr}: ärendet är redan {self.skede}."
            )
        raise OtillatenOvergang(
            f"Det går inte att {handling} i {self.dnr} innan {self.livscykel.villkor(mal)}; "
            f"ärendet är nu {self.skede}."
        )

    def _inte_fore_registrering(self, datum: date, vad: str) -> None:
        if datum < self.registreringsdatum:
            raise OgiltigUppgift(
                f"{vad} den {svenskt_datum(datum)} ligger före registreringen av ärendet den "
                f"{svenskt_datum(self.registreringsdatum)}."
            )


def _inte_i_framtiden(datum: date, idag: date, vad: str) -> None:
    if datum > idag:
        raise OgiltigUppgift(
            f"{vad} ({svenskt_datum(datum)}) ligger i framtiden; registrera det som har hänt."
        )
