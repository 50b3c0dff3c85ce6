"""The ärendetyper's rules in Python: what a definition file cannot say.

The definition (domain/arendetyp.py) says what the forms ask, the lifecycle, the documents
and the frister; a rule set named in it (`regler = "..."`) says the rest: the
kvalitetsutmärkelse's classes belong to the award's year, its sista dag decides omedelbar
justering, its ärenden carry the nominated units, and after a bifall it opens their
tävlingsbidrag (a reaction the definition declares); a verksamhetsplan ärende reads the plan
pasted in its beredning form and keeps its structure. Nothing outside this module names an
ärendetyp or its rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from arende.domain.arende import Arende
from arende.domain.arendetyp import Arendetyp
from arende.domain.datum import svenskt_datum
from arende.domain.delegation import att_anmala
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import OgiltigUppgift
from arende.domain.frister import Frist
from arende.domain.kalender import Helgdagskalender, behover_omedelbar_justering
from arende.domain.kvalitetsutmarkelse import (
    Bidragsinlamning,
    Nominering,
    kontrollera_nomineringar,
    utmarkelsens_frister,
)
from arende.domain.skeden import Skede
from arende.domain.verksamhetsplan import EjPlacerat, kort_rad, plan_som_data, planens_ar
from arende.service_layer.dokumentdata.text import stycken, uppraknad
from arende.service_layer.dokumentdata.tjansteutlatande import verksamhetsplanens_innehall
from arende.service_layer.kommandon import (
    SYSTEMET,
    Kommando,
    OppnaTavlingsbidrag,
    RegistreraArende,
)
from arende.service_layer.ports import Grunddata, Plantolk, UnitOfWork


class Regler(Protocol):
    """A type's rules in Python: builds the ärende from its checked start answers, and says
    what the checked answers to a step's form become when they are kept with it."""

    def bygg(
        self,
        typ: Arendetyp,
        cmd: RegistreraArende,
        uppgifter: dict[str, Any],
        dnr: Diarienummer,
        uow: UnitOfWork,
        idag: date,
        kalender: Helgdagskalender,
    ) -> Arende: ...

    def bered(
        self, typ: Arendetyp, skede: Skede, uppgifter: dict[str, Any], arende: Arende
    ) -> dict[str, Any]:
        """The answers to the form for `skede` (already checked against its fields) as they
        are kept: checked further against the ärende, and with what they give added.
        OgiltigUppgift refuses them, and nothing is stored."""
        ...

    def sista_dag(self, uppgifter: dict[str, Any], uow: UnitOfWork) -> date | None:
        """The last day the ärende must be decided and expedierat by, if its type has one
        (the award's sista dag): the sammanträde chosen must leave time for it."""
        ...

    def frister(self, arende: Arende, uow: UnitOfWork) -> list[Frist]:
        """The type's own deadlines, beside the law's (the award's sista dag)."""
        ...

    def underlag(self, arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
        """What the type's tjänsteutlåtande says beside what every one says (the nominated
        units, a verksamhetsplan's summary), for its template."""
        ...

    def mottagare(self, arende: Arende, uow: UnitOfWork) -> list[str]:
        """Who the protokollsutdrag is expedierat to, as the expediering form proposes it
        (empty: the handläggare)."""
        ...

    def atgard(self, namn: str, arende: Arende, nyckel: str) -> Kommando:
        """The system's command for the reaction `namn` (one of ATGARDER[rule set]) on the
        ärende, under the step key `nyckel`."""
        ...

    def registrerat(self, arende: Arende, uow: UnitOfWork) -> None:
        """What the type does once the ärende is stored, in the registration's transaction
        (an anmälan takes the delegationsbeslut it brings to the nämnd off the register's
        waiting list)."""
        ...


def _registrera(
    typ: Arendetyp,
    cmd: RegistreraArende,
    uppgifter: dict[str, Any],
    dnr: Diarienummer,
    uow: UnitOfWork,
    idag: date,
    *,
    sista_dag: date | None = None,
    omedelbar: bool = False,
) -> Arende:
    """The ärende of the type, its title from the start answers, with the names as the
    register spells them."""
    return Arende.registrera(
        dnr=dnr,
        arendetyp=typ.namn,
        livscykel=typ.livscykel,
        titel=typ.ge_titel(uppgifter),
        namnd=uow.grunddata.namnd(cmd.namnd).namn,
        handlaggare=uow.grunddata.person(cmd.handlaggare).namn,
        registreringsdatum=cmd.registreringsdatum or idag,
        planerat_sammantrade=cmd.planerat_sammantrade,
        uppgifter=uppgifter,
        idag=idag,
        sista_dag=sista_dag,
        foreslagen_omedelbar_justering=omedelbar,
    )


class Allmanna:
    """Any type without rules of its own: the title from the start form, nothing more."""

    def bygg(
        self,
        typ: Arendetyp,
        cmd: RegistreraArende,
        uppgifter: dict[str, Any],
        dnr: Diarienummer,
        uow: UnitOfWork,
        idag: date,
        kalender: Helgdagskalender,
    ) -> Arende:
        return _registrera(typ, cmd, uppgifter, dnr, uow, idag)

    def bered(
        self, typ: Arendetyp, skede: Skede, uppgifter: dict[str, Any], arende: Arende
    ) -> dict[str, Any]:
        return uppgifter

    def sista_dag(self, uppgifter: dict[str, Any], uow: UnitOfWork) -> date | None:
        return None

    def frister(self, arende: Arende, uow: UnitOfWork) -> list[Frist]:
        return []

    def underlag(self, arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
        return {}

    def mottagare(self, arende: Arende, uow: UnitOfWork) -> list[str]:
        return []

    def atgard(self, namn: str, arende: Arende, nyckel: str) -> Kommando:
        raise OgiltigUppgift(f"Ärendetypen {arende.arendetyp} har ingen åtgärd '{namn}'.")

    def registrerat(self, arende: Arende, uow: UnitOfWork) -> None:
        return None


class Kvalitetsutmarkelsen(Allmanna):
    """Nominering and deltagande: the units, their classes in the award's year, and the
    omedelbar justering the award's sista dag calls for (DOMAIN.md, seed 000)."""

    def bygg(
        self,
        typ: Arendetyp,
        cmd: RegistreraArende,
        uppgifter: dict[str, Any],
        dnr: Diarienummer,
        uow: UnitOfWork,
        idag: date,
        kalender: Helgdagskalender,
    ) -> Arende:
        ar = uow.grunddata.utmarkelsear(uppgifter["utmarkelsear"])
        enheter = kontrollera_nomineringar(
            ar,
            [
                Nominering(e["namn"], e["klass"], e.get("beskrivning") or "")
                for e in uppgifter.get("enheter", [])
            ],
        )
        # The units as the year spells their classes, kept with the ärende.
        uppgifter = {
            **uppgifter,
            "enheter": [
                {**e, "namn": n.verksamhet, "klass": n.klass, "beskrivning": n.beskrivning}
                for e, n in zip(uppgifter.get("enheter", []), enheter, strict=True)
            ],
        }
        omedelbar = {"ja": True, "nej": False}.get(uppgifter.get("omedelbar_justering") or "")
        if omedelbar is None:  # 'enligt tidsplanen': when ordinary justering misses sista dag
            omedelbar = behover_omedelbar_justering(
                cmd.planerat_sammantrade, ar.sista_dag, kalender
            )
        return _registrera(
            typ, cmd, uppgifter, dnr, uow, idag, sista_dag=ar.sista_dag, omedelbar=omedelbar
        )

    def sista_dag(self, uppgifter: dict[str, Any], uow: UnitOfWork) -> date | None:
        return uow.grunddata.utmarkelsear(uppgifter["utmarkelsear"]).sista_dag

    def frister(self, arende: Arende, uow: UnitOfWork) -> list[Frist]:
        ar = uow.grunddata.utmarkelsear(arende.uppgifter["utmarkelsear"])
        bidrag = [
            Bidragsinlamning(
                lb.bidrag.verksamhet, lb.bidrag.sista_dag, lb.bidrag.kvitto is not None
            )
            for lb in uow.tavlingsbidrag.for_arende(str(arende.dnr))
        ]
        return utmarkelsens_frister(ar, arende.expediering is not None, bidrag)

    def mottagare(self, arende: Arende, uow: UnitOfWork) -> list[str]:
        return [uow.grunddata.utmarkelsear(arende.uppgifter["utmarkelsear"]).mottagare]

    def underlag(self, arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
        """The award's year (classes, sista dag, the ceremony) and one part per unit, with
        the förvaltning's closing comment, as seed 000 reads."""
        ar = grunddata.utmarkelsear(arende.uppgifter["utmarkelsear"])
        enheter = arende.uppgifter.get("enheter", [])
        klasser_nominerade = sorted({e["klass"] for e in enheter})
        return {
            "ar": ar.ar,
            "utdelning": svenskt_datum(ar.utdelning) if ar.utdelning else None,
            "utdelningsplats": ar.utdelningsplats,
            "klasser": list(ar.klasser),
            "klasser_text": uppraknad(list(ar.klasser)),
            "klasser_nominerade": (
                f"klassen {klasser_nominerade[0]}"
                if len(klasser_nominerade) == 1
                else f"klasserna {uppraknad(klasser_nominerade)}"
            ),
            "sista_dag": svenskt_datum(ar.sista_dag) if ar.sista_dag else None,
            "mottagare": ar.mottagare,
            "mottagare_liten": ar.mottagare,  # as namnd_liten: a proper name, for old copies
            "enheter_text": uppraknad([e["namn"] for e in enheter]),
            "enheter": [
                {
                    "verksamhet": e["namn"],
                    "klass": e["klass"],
                    "beskrivning": e.get("beskrivning") or "",
                    "stycken": stycken(e.get("beskrivning") or ""),
                }
                for e in enheter
            ],
            "kommentar": stycken(arende.uppgifter.get("avslutande_kommentar") or ""),
        }

    def atgard(self, namn: str, arende: Arende, nyckel: str) -> Kommando:
        if namn != OPPNA_TAVLINGSBIDRAGEN:
            return super().atgard(namn, arende, nyckel)
        # The chef named per unit in the start form approves its bidrag.
        chefer = {
            e["namn"]: e["chef"] for e in arende.uppgifter.get("enheter", []) if e.get("chef")
        }
        return OppnaTavlingsbidrag(aktor=SYSTEMET, nyckel=nyckel, dnr=arende.dnr, chefer=chefer)


class Verksamhetsplanen(Allmanna):
    """The verksamhetsplan ärende (seed 002): the handläggare pastes the plan's text in the
    beredning form (field `plantext`, a långtext); it is read (`tolka`:
    verksamhetsplanimport.importera_verksamhetsplan) and its structure kept beside the text
    under `plan`, for the tjänsteutlåtande's summary. The first point of the förslag till
    beslut is that the nämnd fastställer the plan for the ärende's verksamhetsår.

    Refused, with nothing stored: an empty text, a text in which no nämndmål is found (it is
    no plan), and a plan that names another year than the ärende's.

    Lines the importer could not place do not refuse the plan. Seed 002, a real plan the
    nämnd fastställde, leaves seven (a table of sfi students with no known heading, and the
    chapter "Särskilda redovisningar" that has no place in the goal chain), and seed 001, a
    unit's plan, seven as well: a refusal would make every real plan impossible to register
    without editing the nämnd's own text. They are kept with the plan and listed in the
    tjänsteutlåtande under "Att kontrollera", with line number and reason, where the chef
    reads them before fastställandet and the nämnd sees them with the plan."""

    FALT = "plantext"
    PLAN = "plan"

    def __init__(self, tolka: Plantolk | None) -> None:
        self.tolka = tolka

    def underlag(self, arende: Arende, grunddata: Grunddata) -> dict[str, Any]:
        return verksamhetsplanens_innehall(arende)

    def bered(
        self, typ: Arendetyp, skede: Skede, uppgifter: dict[str, Any], arende: Arende
    ) -> dict[str, Any]:
        if skede is not Skede.UNDER_BEREDNING or self.FALT not in uppgifter:
            return uppgifter
        if self.tolka is None:
            raise RuntimeError("Verksamhetsplanens regler saknar sin inläsare (se bootstrap).")
        text = uppgifter[self.FALT] or ""
        if not text.strip():
            raise OgiltigUppgift(
                "Verksamhetsplanens text är tom: klistra in hela verksamhetsplanen som text."
            )
        plan = self.tolka(text)
        if not plan.namndmal():
            raise OgiltigUppgift(
                "Texten är ingen verksamhetsplan: inga nämndmål hittades. En plan har "
                "rubrikerna 'KF:s INRIKTNINGSMÅL 1:', 'KF:s MÅL FÖR VERKSAMHETSOMRÅDET:' och "
                "'NÄMNDMÅL:' på egna rader, följda av målen. Klistra in hela planens text."
                + _forsta_ej_placerade(plan.ej_placerat)
            )
        verksamhetsar = arende.uppgifter.get("verksamhetsar")
        angivet = planens_ar(plan)
        if angivet is not None and verksamhetsar is not None and angivet[0] != verksamhetsar:
            ar, var = angivet
            raise OgiltigUppgift(
                f"Verksamhetsplanen gäller {ar} (enligt {var}), men ärendet {arende.dnr} gäller "
                f"verksamhetsåret {verksamhetsar}. Klistra in planen för {verksamhetsar}, eller "
                f"registrera ett eget ärende för verksamhetsplanen {ar}."
            )
        ar_for = verksamhetsar if verksamhetsar is not None else (angivet or (None, ""))[0]
        punkt = f"{arende.namnd} fastställer verksamhetsplan" + (
            f" för {ar_for}." if ar_for is not None else "en."
        )
        ovriga = [
            p for p in uppgifter.get("forslag") or [] if p.strip().casefold() != punkt.casefold()
        ]
        return {
            **uppgifter,
            "forslag": [punkt, *ovriga],
            self.PLAN: {
                "ar": angivet[0] if angivet else None,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "struktur": plan_som_data(plan),
            },
        }


def _forsta_ej_placerade(ej_placerat: list[EjPlacerat], antal: int = 5) -> str:
    if not ej_placerat:
        return ""
    rader = "; ".join(f"rad {e.rad} ('{kort_rad(e.text)}'): {e.orsak}" for e in ej_placerat[:antal])
    fler = f" och {len(ej_placerat) - antal} till" if len(ej_placerat) > antal else ""
    return f" Rader som inte kunde placeras: {rader}{fler}."


OPPNA_TAVLINGSBIDRAGEN = "öppna tävlingsbidragen"


class Delegationsanmalan(Allmanna):
    """Anmälan av delegationsbeslut (kommunallagen 6 kap. 39–40 §§): the decisions are
    compiled from the nämnd's register, every one taken by the day of registration and not
    yet anmält, the ordförande's urgent ones among them; the free-text list (`beslut`) is
    for decisions outside the register (taken before it was kept here)."""

    def bygg(
        self,
        typ: Arendetyp,
        cmd: RegistreraArende,
        uppgifter: dict[str, Any],
        dnr: Diarienummer,
        uow: UnitOfWork,
        idag: date,
        kalender: Helgdagskalender,
    ) -> Arende:
        namnd = uow.grunddata.namnd(cmd.namnd).namn
        # Every decision taken by the day the anmälan is registered.
        beslut = att_anmala(
            uow.delegationsbeslut.for_namnd(namnd, vantande=True), cmd.registreringsdatum or idag
        )
        if not beslut and not uppgifter.get("beslut"):
            raise OgiltigUppgift(
                f"{namnd} har inga delegationsbeslut att anmäla: registret har inga som väntar "
                "på anmälan, och inga andra beslut har angetts."
            )
        uppgifter = uppgifter | {"delegationsbeslut": [b.beteckning for b in beslut]}
        return _registrera(typ, cmd, uppgifter, dnr, uow, idag)

    def registrerat(self, arende: Arende, uow: UnitOfWork) -> None:
        valda = set(arende.uppgifter.get("delegationsbeslut", []))
        beslut = [
            b
            for b in uow.delegationsbeslut.for_namnd(arende.namnd, vantande=True)
            if b.beteckning in valda
        ]
        uow.delegationsbeslut.anmal(arende.namnd, beslut, str(arende.dnr))


# The rule sets a definition may name (`regler = "…"`), each with the steps its reactions
# may take. They are built with the adapters they need by `regeluppsattningar`, which
# bootstrap calls with the plan importer.
REGLER: dict[str, frozenset[str]] = {
    "kvalitetsutmarkelse": frozenset({OPPNA_TAVLINGSBIDRAGEN}),
    "verksamhetsplan": frozenset(),
    "delegationsanmalan": frozenset(),
}


def regeluppsattningar(tolka: Plantolk | None = None) -> dict[str, Regler]:
    """The rule sets by name. Without `tolka` a verksamhetsplan ärende can be registered, but
    its plan cannot be read."""
    return {
        "kvalitetsutmarkelse": Kvalitetsutmarkelsen(),
        "verksamhetsplan": Verksamhetsplanen(tolka),
        "delegationsanmalan": Delegationsanmalan(),
    }


def regler_for(typ: Arendetyp, regler: Mapping[str, Regler] | None) -> Regler:
    if not typ.regler:
        return Allmanna()
    return (regler if regler is not None else regeluppsattningar())[typ.regler]
