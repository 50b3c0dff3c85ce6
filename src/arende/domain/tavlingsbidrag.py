"""The tävlingsbidrag: a nominated unit's written application to the kvalitetsutmärkelse.

The questions belong to a year of the award, not to the code (DOMAIN.md): a Fragebatteri is
read from data (deployments/fragor/) and a Tavlingsbidrag holds one unit's answers to it.
Every action either changes the bidrag and returns, or raises an ArendeFel with a Swedish
message and leaves the bidrag as it was: guards run before any field is assigned, as in
arende.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from arende.domain.datum import svenskt_datum
from arende.domain.fel import OgiltigUppgift, OtillatenOvergang
from arende.domain.organisation import Person
from arende.domain.paminnelser import kontrollera_epost
from arende.domain.roller import Roll
from arende.domain.verksamhetsplan import Verksamhetsplan, mal_for_fraga_18

# The administrative fields every year asks for; the year's data gives their headings.
ADMINISTRATIVA_NYCKLAR = (
    "verksamhetens_namn",
    "chef",
    "telefon",
    "epost",
    "adress",
    "antal_anstallda",
)
# Kvalitetsutmärkelsen is open to units with at least five employees (DOMAIN.md).
MINSTA_ANTAL_ANSTALLDA = 5
# What a question can be prefilled from; the year's data names it per question.
FORIFYLLNINGAR = frozenset({"verksamhetsplanens_mal"})


@dataclass(frozen=True)
class Fraga:
    nummer: int
    text: str
    avsnitt: str
    # A question may allow a different length than the year's default.
    langdgrans: int | None = None
    forifylls_fran: str | None = None

    @property
    def rubrik(self) -> str:
        return f"{self.nummer}. {self.text}"


@dataclass(frozen=True)
class Avsnitt:
    rubrik: str
    fragor: tuple[Fraga, ...]


@dataclass(frozen=True)
class AdministrativtFalt:
    nyckel: str
    rubrik: str


@dataclass(frozen=True)
class Fragebatteri:
    """One award year's question set: sections with numbered questions, the administrative
    fields and the Inledning, and how long an answer may be."""

    ar: int
    avsnitt: tuple[Avsnitt, ...]
    administrativa_falt: tuple[AdministrativtFalt, ...]
    langdgrans: int  # characters (spaces included) per answer
    inledning_rubrik: str = "Inledning"
    administrativa_rubrik: str = "Administrativa uppgifter"
    langdgrans_inledning: int | None = None

    def __post_init__(self) -> None:
        if not self.avsnitt:
            raise OgiltigUppgift(f"Frågorna för kvalitetsutmärkelsen {self.ar} saknar avsnitt.")
        if self.langdgrans <= 0:
            raise OgiltigUppgift(
                f"Kvalitetsutmärkelsen {self.ar}: längdgränsen ska vara ett positivt antal "
                f"tecken, inte {self.langdgrans}."
            )
        rubriker = [a.rubrik for a in self.avsnitt]
        if len(set(rubriker)) != len(rubriker):
            raise OgiltigUppgift(f"Kvalitetsutmärkelsen {self.ar}: två avsnitt har samma rubrik.")
        for avsnitt in self.avsnitt:
            if not avsnitt.rubrik.strip():
                raise OgiltigUppgift(f"Kvalitetsutmärkelsen {self.ar}: ett avsnitt saknar rubrik.")
            if not avsnitt.fragor:
                raise OgiltigUppgift(
                    f"Kvalitetsutmärkelsen {self.ar}: avsnittet '{avsnitt.rubrik}' saknar frågor."
                )
        # Numbers run 1, 2, 3 … through the sections: a gap or a repeat is a typing error
        # that would make answers land under the wrong question.
        for forvantat, fraga in enumerate(self.fragor, 1):
            if fraga.nummer != forvantat:
                raise OgiltigUppgift(
                    f"Kvalitetsutmärkelsen {self.ar}: frågorna ska numreras 1, 2, 3 … i "
                    f"ordning; fråga nummer {forvantat} har numret {fraga.nummer}."
                )
            if not fraga.text.strip():
                raise OgiltigUppgift(
                    f"Kvalitetsutmärkelsen {self.ar}: fråga {fraga.nummer} saknar text."
                )
            if fraga.langdgrans is not None and fraga.langdgrans <= 0:
                raise OgiltigUppgift(
                    f"Kvalitetsutmärkelsen {self.ar}: fråga {fraga.nummer} har längdgränsen "
                    f"{fraga.langdgrans}; den ska vara ett positivt antal tecken."
                )
            if fraga.forifylls_fran is not None and fraga.forifylls_fran not in FORIFYLLNINGAR:
                raise OgiltigUppgift(
                    f"Kvalitetsutmärkelsen {self.ar}: fråga {fraga.nummer} ska förifyllas från "
                    f"'{fraga.forifylls_fran}', som systemet inte känner till (känt: "
                    f"{', '.join(sorted(FORIFYLLNINGAR))})."
                )
        nycklar = [f.nyckel for f in self.administrativa_falt]
        if sorted(nycklar) != sorted(ADMINISTRATIVA_NYCKLAR):
            saknas = [n for n in ADMINISTRATIVA_NYCKLAR if n not in nycklar]
            okanda = [n for n in nycklar if n not in ADMINISTRATIVA_NYCKLAR]
            delar = []
            if saknas:
                delar.append(f"saknar {', '.join(saknas)}")
            if okanda:
                delar.append(f"okända: {', '.join(okanda)}")
            if not delar:
                delar.append("något fält står två gånger")
            raise OgiltigUppgift(
                f"Kvalitetsutmärkelsen {self.ar}: de administrativa uppgifterna ska vara "
                f"{', '.join(ADMINISTRATIVA_NYCKLAR)} ({'; '.join(delar)})."
            )

    @property
    def fragor(self) -> tuple[Fraga, ...]:
        return tuple(f for a in self.avsnitt for f in a.fragor)

    def fraga(self, nummer: int) -> Fraga:
        for f in self.fragor:
            if f.nummer == nummer:
                return f
        raise OgiltigUppgift(
            f"Kvalitetsutmärkelsen {self.ar} har ingen fråga {nummer} "
            f"(frågorna är 1–{len(self.fragor)})."
        )

    def grans_for(self, fraga: Fraga) -> int:
        return fraga.langdgrans or self.langdgrans

    def falt_rubrik(self, nyckel: str) -> str:
        for f in self.administrativa_falt:
            if f.nyckel == nyckel:
                return f.rubrik
        raise OgiltigUppgift(f"Det administrativa fältet '{nyckel}' finns inte.")


@dataclass(frozen=True)
class AdministrativaUppgifter:
    verksamhetens_namn: str
    chef: str
    telefon: str
    epost: str
    adress: str
    # As the unit writes it (seed 003 writes a sentence listing the staff); antal() reads
    # the number out of it.
    antal_anstallda: str

    def antal(self) -> int | None:
        traff = re.search(r"\d+", self.antal_anstallda)
        return int(traff.group()) if traff else None

    def som_dict(self) -> dict[str, str]:
        return {n: getattr(self, n) for n in ADMINISTRATIVA_NYCKLAR}


def administrativa_fran(varden: dict[str, str]) -> AdministrativaUppgifter:
    okanda = sorted(set(varden) - set(ADMINISTRATIVA_NYCKLAR))
    if okanda:
        raise OgiltigUppgift(f"Okända administrativa uppgifter: {', '.join(okanda)}.")
    return AdministrativaUppgifter(**{n: varden.get(n, "").strip() for n in ADMINISTRATIVA_NYCKLAR})


class Bidragsstatus(StrEnum):
    UTKAST = "utkast"
    GODKANT = "godkänt av chefen"
    INLAMNAT = "inlämnat"


@dataclass(frozen=True)
class ForLangtSvar:
    fraga: Fraga
    langd: int
    grans: int


@dataclass(frozen=True)
class Fullstandighet:
    obesvarade: tuple[Fraga, ...]
    for_langa: tuple[ForLangtSvar, ...]
    saknade_uppgifter: tuple[str, ...]  # administrative headings and "Inledning"
    inledning_for_lang: ForLangtSvar | None = None

    @property
    def komplett(self) -> bool:
        return not (
            self.obesvarade or self.for_langa or self.saknade_uppgifter or self.inledning_for_lang
        )

    def beskrivning(self) -> str:
        """What is missing, in the words a unit's contact reads."""
        if self.komplett:
            return "Alla frågor är besvarade och inget svar är för långt."
        delar: list[str] = []
        if self.saknade_uppgifter:
            delar.append(f"Uppgifter saknas: {', '.join(self.saknade_uppgifter)}.")
        if self.obesvarade:
            nummer = ", ".join(str(f.nummer) for f in self.obesvarade)
            if len(self.obesvarade) == 1:
                delar.append(f"Fråga {nummer} är obesvarad.")
            else:
                delar.append(f"Frågorna {nummer} är obesvarade.")
        if self.inledning_for_lang:
            f = self.inledning_for_lang
            delar.append(f"Inledningen har {f.langd} tecken; högst {f.grans} får plats.")
        for f in self.for_langa:
            delar.append(
                f"Svaret på fråga {f.fraga.nummer} har {f.langd} tecken; högst {f.grans} får plats."
            )
        return " ".join(delar)


@dataclass(frozen=True)
class Kvitto:
    """Stadsledningskontoret's receipt: the day the bidrag was received."""

    verksamhet: str
    ar: int
    mottagare: str
    mottaget: date
    antal_svar: int

    def text(self) -> str:
        return (
            f"{self.mottagare} har den {svenskt_datum(self.mottaget)} tagit emot "
            f"{self.verksamhet}s tävlingsbidrag till kvalitetsutmärkelsen {self.ar} "
            f"({self.antal_svar} besvarade frågor)."
        )


def forifyllda_svar(batteri: Fragebatteri, plan: Verksamhetsplan) -> dict[int, str]:
    """The answers the year's data says come from the verksamhetsplan (2020: question 18,
    the unit's nämndmål with förväntat resultat, arbetssätt and uppföljning)."""
    svar: dict[int, str] = {}
    for fraga in batteri.fragor:
        if fraga.forifylls_fran == "verksamhetsplanens_mal":
            text = mal_for_fraga_18(plan)
            if text:
                svar[fraga.nummer] = text
    return svar


def _langd(text: str) -> int:
    # Counted the way Word counts "tecken (inkl. blanksteg)": line breaks are not characters.
    return len(text.replace("\r", "").replace("\n", ""))


@dataclass
class Tavlingsbidrag:
    fragebatteri: Fragebatteri
    verksamhet: str
    ansvarig_chef: str  # the person (grunddata name) who approves the bidrag
    sista_dag: date
    mottagare: str = "Stadsledningskontoret"
    administrativa: AdministrativaUppgifter | None = None
    inledning: str = ""
    svar: dict[int, str] = field(default_factory=dict)
    status: Bidragsstatus = Bidragsstatus.UTKAST
    godkant_av: str | None = None
    godkant_datum: date | None = None
    kvitto: Kvitto | None = None
    id: int | None = None

    @classmethod
    def oppna(
        cls,
        fragebatteri: Fragebatteri,
        verksamhet: str,
        ansvarig_chef: str,
        sista_dag: date,
        mottagare: str = "Stadsledningskontoret",
    ) -> Tavlingsbidrag:
        """A new, empty bidrag for a nominated unit."""
        if not verksamhet.strip():
            raise OgiltigUppgift("Tävlingsbidraget saknar verksamhetens namn.")
        if not ansvarig_chef.strip():
            raise OgiltigUppgift(
                f"Tävlingsbidraget för {verksamhet} saknar den chef som ska godkänna det."
            )
        return cls(
            fragebatteri=fragebatteri,
            verksamhet=verksamhet.strip(),
            ansvarig_chef=ansvarig_chef.strip(),
            sista_dag=sista_dag,
            mottagare=mottagare,
        )

    # -- guards -----------------------------------------------------------------------

    def _kan_andras(self, vad: str) -> None:
        if self.status is Bidragsstatus.INLAMNAT:
            assert self.kvitto is not None
            raise OtillatenOvergang(
                f"Det går inte att {vad}: tävlingsbidraget för {self.verksamhet} lämnades in "
                f"till {self.mottagare} den {svenskt_datum(self.kvitto.mottaget)}."
            )
        if self.status is Bidragsstatus.GODKANT:
            raise OtillatenOvergang(
                f"Det går inte att {vad}: tävlingsbidraget för {self.verksamhet} är godkänt "
                f"av {self.godkant_av}. Chefen får återkalla godkännandet först."
            )

    def _kontrollera_svar(self, nummer: int, text: str) -> str:
        self.fragebatteri.fraga(nummer)
        return text.replace("\r\n", "\n").strip()

    # -- writing ----------------------------------------------------------------------

    def skriv_svar(self, nummer: int, text: str) -> None:
        """An answer as the unit writes it; an empty text clears the answer. Too long an
        answer is kept (the unit shortens it) and shown by fullstandighet()."""
        self._kan_andras(f"ändra svaret på fråga {nummer}")
        rensad = self._kontrollera_svar(nummer, text)
        if rensad:
            self.svar[nummer] = rensad
        else:
            self.svar.pop(nummer, None)

    def skriv_inledning(self, text: str) -> None:
        self._kan_andras("ändra inledningen")
        self.inledning = text.replace("\r\n", "\n").strip()

    def ange_administrativa(self, uppgifter: AdministrativaUppgifter) -> None:
        self._kan_andras("ändra de administrativa uppgifterna")
        self._kontrollera_administrativa(uppgifter)
        self.administrativa = uppgifter

    def _kontrollera_administrativa(self, uppgifter: AdministrativaUppgifter) -> None:
        if uppgifter.epost.strip():
            kontrollera_epost(uppgifter.epost, "verksamhetens e-postadress")
        antal = uppgifter.antal()
        if antal is not None and antal < MINSTA_ANTAL_ANSTALLDA:
            raise OgiltigUppgift(
                f"Kvalitetsutmärkelsen är öppen för verksamheter med minst "
                f"{MINSTA_ANTAL_ANSTALLDA} anställda; {uppgifter.verksamhetens_namn or self.verksamhet} "
                f"anger {antal}."
            )

    def fyll_i(
        self,
        svar: dict[int, str],
        inledning: str | None = None,
        administrativa: AdministrativaUppgifter | None = None,
    ) -> None:
        """Everything from one uploaded answer template at once: all of it is checked before
        anything is written, so a refused upload changes nothing."""
        self._kan_andras("fylla i tävlingsbidraget")
        rensade = {n: self._kontrollera_svar(n, t) for n, t in svar.items()}
        if administrativa is not None:
            self._kontrollera_administrativa(administrativa)
        for nummer, text in rensade.items():
            if text:
                self.svar[nummer] = text
            else:
                self.svar.pop(nummer, None)
        if inledning is not None:
            self.inledning = inledning.replace("\r\n", "\n").strip()
        if administrativa is not None:
            self.administrativa = administrativa

    def forifyll(self, forslag: dict[int, str]) -> list[int]:
        """Prefilled answers (question 18 from the verksamhetsplan) go only where the unit
        has not written anything yet; returns the questions that were filled."""
        self._kan_andras("förifylla svar")
        for nummer in forslag:
            self.fragebatteri.fraga(nummer)
        fyllda = [n for n, t in sorted(forslag.items()) if t.strip() and n not in self.svar]
        for nummer in fyllda:
            self.svar[nummer] = forslag[nummer].strip()
        return fyllda

    # -- completeness -----------------------------------------------------------------

    def obesvarade(self) -> list[Fraga]:
        return [f for f in self.fragebatteri.fragor if not self.svar.get(f.nummer, "").strip()]

    def for_langa(self) -> list[ForLangtSvar]:
        ut = []
        for f in self.fragebatteri.fragor:
            langd = _langd(self.svar.get(f.nummer, ""))
            grans = self.fragebatteri.grans_for(f)
            if langd > grans:
                ut.append(ForLangtSvar(f, langd, grans))
        return ut

    def fullstandighet(self) -> Fullstandighet:
        saknade: list[str] = []
        batteri = self.fragebatteri
        if self.administrativa is None:
            saknade.append(batteri.administrativa_rubrik)
        else:
            for falt in batteri.administrativa_falt:
                if not getattr(self.administrativa, falt.nyckel).strip():
                    saknade.append(falt.rubrik)
            if self.administrativa.antal_anstallda.strip() and self.administrativa.antal() is None:
                saknade.append(
                    f"{batteri.falt_rubrik('antal_anstallda')} (skriv antalet med siffror)"
                )
        if not self.inledning.strip():
            saknade.append(batteri.inledning_rubrik)
        inledning_for_lang = None
        if batteri.langdgrans_inledning is not None:
            langd = _langd(self.inledning)
            if langd > batteri.langdgrans_inledning:
                inledning_for_lang = ForLangtSvar(
                    Fraga(0, batteri.inledning_rubrik, batteri.inledning_rubrik),
                    langd,
                    batteri.langdgrans_inledning,
                )
        return Fullstandighet(
            obesvarade=tuple(self.obesvarade()),
            for_langa=tuple(self.for_langa()),
            saknade_uppgifter=tuple(saknade),
            inledning_for_lang=inledning_for_lang,
        )

    # -- approval and submission ------------------------------------------------------

    def godkann(self, person: Person, datum: date) -> None:
        """The unit's chef approves the complete bidrag for submission."""
        self._kan_andras("godkänna tävlingsbidraget")
        person.roll_for(frozenset({Roll.CHEF}), "godkänna tävlingsbidraget")
        if person.namn != self.ansvarig_chef:
            raise OtillatenOvergang(
                f"{person.namn} får inte godkänna tävlingsbidraget för {self.verksamhet}: "
                f"det gör verksamhetens chef, {self.ansvarig_chef}."
            )
        fullstandighet = self.fullstandighet()
        if not fullstandighet.komplett:
            raise OtillatenOvergang(
                f"Tävlingsbidraget för {self.verksamhet} kan inte godkännas ännu. "
                f"{fullstandighet.beskrivning()}"
            )
        if datum > self.sista_dag:
            raise OtillatenOvergang(self._for_sent(datum))
        self.status = Bidragsstatus.GODKANT
        self.godkant_av = person.namn
        self.godkant_datum = datum

    def aterkalla_godkannande(self, person: Person) -> None:
        if self.status is not Bidragsstatus.GODKANT:
            raise OtillatenOvergang(
                f"Tävlingsbidraget för {self.verksamhet} är {self.status.value}, inte godkänt; "
                "det finns inget godkännande att återkalla."
            )
        person.roll_for(frozenset({Roll.CHEF}), "återkalla godkännandet av tävlingsbidraget")
        if person.namn != self.ansvarig_chef:
            raise OtillatenOvergang(
                f"{person.namn} får inte återkalla godkännandet: det gör "
                f"{self.ansvarig_chef}, verksamhetens chef."
            )
        self.status = Bidragsstatus.UTKAST
        self.godkant_av = None
        self.godkant_datum = None

    def _for_sent(self, datum: date) -> str:
        return (
            f"Tävlingsbidraget för {self.verksamhet} kan inte lämnas in den "
            f"{svenskt_datum(datum)}: sista dag att lämna det till {self.mottagare} var den "
            f"{svenskt_datum(self.sista_dag)}."
        )

    def lamna_in(self, mottaget: date) -> Kvitto:
        """Records that the mottagare received the bidrag on `mottaget`, with a receipt."""
        if self.status is Bidragsstatus.INLAMNAT:
            self._kan_andras("lämna in tävlingsbidraget igen")
        fullstandighet = self.fullstandighet()
        if not fullstandighet.komplett:
            raise OtillatenOvergang(
                f"Tävlingsbidraget för {self.verksamhet} kan inte lämnas in. "
                f"{fullstandighet.beskrivning()}"
            )
        if self.status is not Bidragsstatus.GODKANT:
            raise OtillatenOvergang(
                f"Tävlingsbidraget för {self.verksamhet} kan inte lämnas in: verksamhetens "
                f"chef, {self.ansvarig_chef}, har inte godkänt det."
            )
        if mottaget > self.sista_dag:
            raise OtillatenOvergang(self._for_sent(mottaget))
        assert self.godkant_datum is not None
        if mottaget < self.godkant_datum:
            raise OgiltigUppgift(
                f"Tävlingsbidraget kan inte ha lämnats in den {svenskt_datum(mottaget)}, före "
                f"chefens godkännande den {svenskt_datum(self.godkant_datum)}."
            )
        kvitto = Kvitto(
            verksamhet=self.verksamhet,
            ar=self.fragebatteri.ar,
            mottagare=self.mottagare,
            mottaget=mottaget,
            antal_svar=len(self.svar),
        )
        self.status = Bidragsstatus.INLAMNAT
        self.kvitto = kvitto
        return kvitto
