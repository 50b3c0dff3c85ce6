"""A nominated unit's tävlingsbidrag as a flow: import the verksamhetsplan, write the
answers, the chef approves, the submission is recorded with its receipt.

Started by the nomination when the nämnd has decided (one run per unit). Each step waits
for a person in a form, like the nomination's; a refused answer is shown in the next form.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from pydantic import Field, create_model

from arende.bootstrap import Arendesystem, starta
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import HittasInte
from arende.domain.handelser import TavlingsbidragInlamnat, VerksamhetsplanImporterad
from arende.domain.tavlingsbidrag import Fragebatteri
from arende.service_layer import tavlingsvy, visningar
from arende.service_layer.kommandon import Godkann, ImporteraVerksamhetsplan, LamnaIn, SkrivSvar
from flows.arendesteg import utfor
from flows.formular import Formularsvar
from flows.fraga import Akt, Avisering, fraga, personen
from flows.handlingar import filadress, publicera_vantande, redan_visad


class PlanSvar(Formularsvar):
    text: str = Field(
        "",
        title="Verksamhetsplanens text",
        description="Klistra in enhetens verksamhetsplan som text. Fråga 18 fylls i från dess "
        "nämndmål och åtaganden; rader som inte kunde placeras visas i nästa formulär. "
        "Lämna tomt för att hoppa över.",
    )


class GodkannSvar(Formularsvar):
    """Answered by the unit's chef herself, signed in."""

    datum: date = Field(title="Datum för godkännandet")


class InlamningSvar(Formularsvar):
    mottaget: date = Field(
        title="Mottaget av Stadsledningskontoret",
        description="Dagen då bidraget kom fram; senast årets sista dag.",
    )


def svarsformular(batteri: Fragebatteri) -> type[Formularsvar]:
    """One field per administrative item and question, titled as the question set says,
    so the UI shows the year's own questions (the set is data, not code)."""
    falt: dict[str, Any] = {
        "inledning": (str, Field("", title=batteri.inledning_rubrik)),
    }
    for a in batteri.administrativa_falt:
        falt[f"adm_{a.nyckel}"] = (str, Field("", title=a.rubrik))
    for f in batteri.fragor:
        falt[f"fraga_{f.nummer}"] = (
            str,
            Field(
                "",
                title=f"Fråga {f.rubrik}",
                description=f"{f.avsnitt}. Högst {batteri.grans_for(f)} tecken.",
            ),
        )
    modell: type[Formularsvar] = create_model(
        f"Tavlingssvar{batteri.ar}", __base__=Formularsvar, **falt
    )
    return modell


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def _oversikt(system: Arendesystem, dnr: str, verksamhet: str) -> tavlingsvy.Bidragsoversikt:
    for oversikt in tavlingsvy.tavlingsbidrag_for(system.uow(), dnr):
        if oversikt.verksamhet == verksamhet:
            return oversikt
    raise HittasInte(f"Ärende {dnr} har inget tävlingsbidrag för {verksamhet}.")


@flow(name="tavlingsbidrag", log_prints=True)
def tavlingsbidrag(dnr: str, verksamhet: str, handlaggare: str) -> str:
    """En nominerad verksamhets tävlingsbidrag: verksamhetsplanen importeras, svaren skrivs,
    chefen godkänner och inlämningen registreras med kvitto. Startas av nomineringen när
    nämnden har beslutat.

    Args:
        dnr: Nomineringsärendets diarienummer.
        verksamhet: Den nominerade verksamheten.
        handlaggare: Handläggaren som fyller i bidraget tillsammans med verksamheten.
    """
    system = starta()
    d = Diarienummer.tolka(dnr)
    oversikt = _oversikt(system, dnr, verksamhet)
    batteri = oversikt.bidrag.fragebatteri
    s = slug(verksamhet)
    namnd = visningar.hamta_arende(system.uow(), dnr).namnd

    def rubrik(vad: str) -> str:
        o = _oversikt(system, dnr, verksamhet)
        return (
            f"## {vad}\n\n**Ärende:** {dnr} – tävlingsbidrag för **{verksamhet}** till "
            f"kvalitetsutmärkelsen {batteri.ar}  \n**Sista dag:** {o.bidrag.sista_dag} hos "
            f"{o.bidrag.mottagare}  \n**Status:** {o.status}, {o.antal_besvarade} av "
            f"{len(batteri.fragor)} frågor besvarade\n\n{o.fullstandighet.beskrivning()}\n\n"
        )

    fraga(
        PlanSvar,
        f"tb-{s}-plan",
        rubrik("Importera verksamhetsplanen"),
        lambda svar, akt: _importera(d, verksamhet, svar, akt),
        avisering=Avisering(
            f"Tävlingsbidraget för {verksamhet} ({dnr}) ska skrivas", personen(handlaggare, namnd)
        ),
    )

    mall = _svarsmall_att_ladda_ner(system, dnr, verksamhet, batteri)
    omgang = 1
    while True:  # until every question is answered and within its length
        o = _oversikt(system, dnr, verksamhet)
        forval: dict[str, Any] = {"inledning": o.bidrag.inledning}
        if o.bidrag.administrativa:
            forval |= {f"adm_{k}": v for k, v in o.bidrag.administrativa.som_dict().items()}
        forval |= {f"fraga_{n}": text for n, text in o.bidrag.svar.items()}
        fraga(
            svarsformular(batteri),
            f"tb-{s}-svar-{omgang}",
            rubrik("Skriv tävlingsbidragets svar")
            + "Fälten är förifyllda med det som redan står i bidraget. Verksamheten kan också "
            f"fylla i [svarsmallen i Word]({mall}) och ladda upp den: `arende svarsmall "
            f'--dnr "{dnr}" --verksamhet "{verksamhet}" --fil IFYLLD.docx --som NAMN`; '
            "skicka sedan formuläret som det är.",
            lambda svar, akt: _skriv(d, verksamhet, batteri, svar, akt),
            **forval,
        )
        if _oversikt(system, dnr, verksamhet).komplett:
            break
        omgang += 1

    fraga(
        GodkannSvar,
        f"tb-{s}-godkann",
        rubrik("Chefen godkänner tävlingsbidraget"),
        lambda svar, akt: utfor(
            akt.kommando(Godkann, dnr=d, verksamhet=verksamhet, datum=svar.datum)
        ),
        avisering=Avisering(
            f"Godkänn tävlingsbidraget för {verksamhet} ({dnr})",
            personen(oversikt.bidrag.ansvarig_chef, namnd),
        ),
        datum=date.today(),
    )
    kvitton: list[str] = []
    fraga(
        InlamningSvar,
        f"tb-{s}-inlamning",
        rubrik("Registrera inlämningen till Stadsledningskontoret"),
        lambda svar, akt: kvitton.extend(
            h.kvitto
            for h in utfor(
                akt.kommando(LamnaIn, dnr=d, verksamhet=verksamhet, mottaget=svar.mottaget)
            )
            if isinstance(h, TavlingsbidragInlamnat)
        ),
        mottaget=oversikt.bidrag.sista_dag,
    )
    kvitto = kvitton[-1]
    create_markdown_artifact(
        key=f"kvitto-{slug(dnr)}-{s}", markdown=f"# Kvitto\n\n{kvitto}", description=kvitto
    )
    print(kvitto)
    publicera_vantande()
    return kvitto


def _svarsmall_att_ladda_ner(
    system: Arendesystem, dnr: str, verksamhet: str, batteri: Fragebatteri
) -> str:
    """The empty answer template, put beside the ärende's files (a working copy, not a
    handling) and shown on the run, so the unit can download it from the UI."""
    d = Diarienummer.tolka(dnr)
    filnamn = system.svarsmall.filnamn(batteri, verksamhet)
    relativ = f"{d.prefix}-{d.ar}-{d.lopnummer}/arbetskopior/{filnamn}"
    adress = filadress(system, relativ)
    nyckel = f"svarsmall-{slug(dnr)}-{slug(verksamhet)}"
    if not redan_visad(nyckel):  # every resume replays the flow: show it once
        system.arkiv.spara(relativ, system.svarsmall.skapa(batteri, verksamhet))
        create_link_artifact(
            key=nyckel,
            link=adress,
            link_text=f"Svarsmall för {verksamhet} (Word)",
            description=f"Svarsmallen för {verksamhet}s tävlingsbidrag i {dnr}",
        )
    return adress


def _importera(d: Diarienummer, verksamhet: str, svar: PlanSvar, akt: Akt) -> None:
    if not svar.text.strip():
        return
    for h in utfor(
        akt.kommando(ImporteraVerksamhetsplan, dnr=d, verksamhet=verksamhet, text=svar.text)
    ):
        if isinstance(h, VerksamhetsplanImporterad) and h.ej_placerade:
            get_run_logger().warning(
                "%d rader i verksamhetsplanen kunde inte placeras: %s",
                len(h.ej_placerade),
                "; ".join(h.ej_placerade[:10]),
            )


def _skriv(
    d: Diarienummer, verksamhet: str, batteri: Fragebatteri, svar: Formularsvar, akt: Akt
) -> None:
    varden = svar.model_dump()
    administrativa = {a.nyckel: str(varden[f"adm_{a.nyckel}"]) for a in batteri.administrativa_falt}
    utfor(
        akt.kommando(
            SkrivSvar,
            dnr=d,
            verksamhet=verksamhet,
            svar={
                f.nummer: str(varden[f"fraga_{f.nummer}"])
                for f in batteri.fragor
                if varden[f"fraga_{f.nummer}"]
            },
            inledning=str(varden["inledning"]) or None,
            administrativa=administrativa if any(administrativa.values()) else None,
        )
    )
