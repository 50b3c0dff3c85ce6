"""`make demo`: seed 000's nomination, from registration to an avslutat ärende.

Starts ny-nominering on a Prefect server, answers each form through Prefect's API as the
handläggare, the chefs and the nämndsekreterare would in the UI, and prints the diarium line
and the audit trail from our database. Uses the server of `make up` if one is running on
port 4200 (so the run shows in its UI); otherwise starts a server and a runner of its own.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import ExitStack
from typing import Any
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
from prefect.client.schemas.sorting import FlowRunSort
from prefect.settings import PREFECT_API_URL, temporary_settings
from pydantic import BaseModel

from arende.bootstrap import Arendesystem, ladda_grunddata, starta
from arende.config import Installningar
from arende.domain.handling import Handlingstyp
from arende.service_layer import handlingar, visningar
from arende.service_layer.tavlingsbidrag import tavlingsbidrag_for
from flows import svarare
from flows.formular import (
    AnslagSvar,
    BeslutSvar,
    ExpedieringSvar,
    FaststallSvar,
    JusteringSvar,
    SamverkanSvar,
)
from flows.lokal_prefect import PROJEKTROT, prefect_server, runner, server_svarar
from flows.tavlingsbidrag import GodkannSvar, InlamningSvar, PlanSvar, fragekalla, svarsformular

EXEMPEL = PROJEKTROT / "deployments" / "exempel" / "seed000_nominering.json"
# Östermalms stadsdelsnämnd nominates Vuxenenheten 2020; its bidrag is seed 003's, and its
# verksamhetsplan (seed 001) prefills question 18.
EXEMPEL_BIDRAG = PROJEKTROT / "deployments" / "exempel" / "seed003_tavlingsbidrag.json"
VERKSAMHETSPLAN = (
    PROJEKTROT / "deployments" / "exempel" / "seed001_verksamhetsplan_vuxenenheten.txt"
)
DEPLOYMENT = "nominering/ny-nominering"
FORMULAR: dict[str, tuple[type[BaseModel], str]] = {
    "samverkan": (SamverkanSvar, "Handläggaren registrerar samverkan"),
    "faststall": (FaststallSvar, "Förvaltningschefen fastställer förslaget"),
    "beslut": (BeslutSvar, "Nämndsekreteraren registrerar nämndens beslut"),
    "justering": (JusteringSvar, "Nämndsekreteraren registrerar justeringen"),
    "anslag": (AnslagSvar, "Nämndsekreteraren registrerar anslaget"),
    "expediering": (ExpedieringSvar, "Registratorn bekräftar expedieringen"),
}


def kor_nominering(
    exempel: dict[str, Any], utskrift: bool = True, system: Arendesystem | None = None
) -> tuple[UUID, str]:
    """Start the deployment and answer every form; returns the run's id and the dnr."""
    system = system or starta()
    skriv = print if utskrift else (lambda *_a, **_k: None)
    korning = svarare.starta(DEPLOYMENT, {"uppgifter": exempel["uppgifter"]})
    skriv(f"Startade {DEPLOYMENT}: flödeskörning {korning}")
    while (nyckel := svarare.vanta_pa_formular(korning)) is not None:
        steg = nyckel.split("-")[0]
        modell, vem = FORMULAR[steg]
        svar = dict(exempel["svar"][steg])
        if steg == "beslut":  # the next free § of the nämnd's year, as the form offers
            arende = visningar.arende_for_korning(system.uow(), str(korning))
            assert arende.sammantrade is not None
            svar["paragraf"] = visningar.nasta_paragraf(
                system.uow(), arende.namnd, arende.sammantrade.year
            )
        skriv(f"  {vem} ({nyckel}): {json.dumps(svar, ensure_ascii=False)}")
        svarare.svara(korning, modell, svar)
        time.sleep(0.2)
    return korning, str(visningar.arende_for_korning(system.uow(), str(korning)).dnr)


def bidragets_korning(dnr: str, verksamhet: str, tidsgrans: float = 120) -> UUID:
    """The tävlingsbidrag run the nomination started for the unit (found by its tags)."""
    slut = time.monotonic() + tidsgrans
    with get_client(sync_client=True) as klient:
        while time.monotonic() < slut:
            korningar = klient.read_flow_runs(
                flow_run_filter=FlowRunFilter(
                    tags=FlowRunFilterTags(all_=["tavlingsbidrag", f"dnr:{dnr}"])
                ),
                limit=50,
                sort=FlowRunSort.START_TIME_DESC,
            )
            for korning in korningar:
                if korning.parameters.get("verksamhet") == verksamhet:
                    return korning.id
            time.sleep(0.5)
    raise TimeoutError(f"Ingen körning för tävlingsbidraget för {verksamhet} i {dnr}")


def kor_tavlingsbidrag(
    exempel: dict[str, Any], dnr: str, skriv: Any = print, tidsgrans: float = 180
) -> UUID:
    """Answer the bidrag's forms as the handläggare, the unit and its chef would."""
    data = exempel["tavlingsbidrag"]
    verksamhet = data["verksamhet"]
    handlaggare = exempel["uppgifter"]["handlaggare"]
    korning = bidragets_korning(dnr, verksamhet)
    batteri = fragekalla()(exempel["uppgifter"]["utmarkelsear"])
    besvarade: set[str] = set()
    while (nyckel := svarare.vanta_pa_formular(korning, tidsgrans)) is not None:
        steget = nyckel.rsplit("-", 1)[0]  # the key without the attempt number
        if steget in besvarade:  # our answer was refused and the form asks again
            raise TimeoutError(f"Formuläret {nyckel} avvisade svaret: se körningen {korning}")
        besvarade.add(steget)
        if "-plan-" in nyckel:
            text = VERKSAMHETSPLAN.read_text(encoding="utf-8")
            skriv(f"  Handläggaren importerar verksamhetsplanen ({len(text)} tecken)")
            svarare.svara(korning, PlanSvar, {"text": text, "registreras_av": handlaggare})
        elif "-svar-" in nyckel:
            svar: dict[str, Any] = {"registreras_av": handlaggare, "inledning": data["inledning"]}
            svar |= {f"adm_{k}": v for k, v in data["administrativa"].items()}
            svar |= {f"fraga_{n}": text for n, text in data["svar"].items()}
            skriv(
                f"  Verksamheten svarar på {len(data['svar'])} frågor "
                "(fråga 18 är redan ifylld från verksamhetsplanen)"
            )
            svarare.svara(korning, svarsformular(batteri), svar)
        elif "-godkann-" in nyckel:
            skriv(f"  Enhetschefen godkänner: {data['godkannande']}")
            svarare.svara(korning, GodkannSvar, data["godkannande"])
        elif "-inlamning-" in nyckel:
            skriv(f"  Inlämningen registreras: {data['inlamning']}")
            svarare.svara(korning, InlamningSvar, data["inlamning"])
        else:
            raise RuntimeError(f"Okänt formulär {nyckel}")
        time.sleep(0.2)
    return korning


def main() -> int:
    exempel = json.loads(EXEMPEL.read_text(encoding="utf-8"))
    with ExitStack() as stack:
        api_url = os.environ.get("PREFECT_API_URL", "http://127.0.0.1:4200/api")
        if server_svarar(api_url):
            print(f"Använder den körande Prefect-servern {api_url} (make up).")
        else:
            hem = PROJEKTROT / "var" / "prefect-demo"
            print("Startar en egen Prefect-server och en runner för demon ...")
            api_url = stack.enter_context(prefect_server(hem))
            stack.enter_context(runner(api_url, hem))
        # Prefect reads its settings once at import; point this process's client explicitly.
        stack.enter_context(temporary_settings({PREFECT_API_URL: api_url}))
        ladda_grunddata(starta())
        start = time.monotonic()
        _, dnr = kor_nominering(exempel)
        sekunder = time.monotonic() - start
        bidrag = json.loads(EXEMPEL_BIDRAG.read_text(encoding="utf-8"))
        print(
            f"\nSedan nominerar {bidrag['uppgifter']['namnd']} {bidrag['tavlingsbidrag']['verksamhet']} 2020:"
        )
        _, dnr_bidrag = kor_nominering(bidrag)
        kor_tavlingsbidrag(bidrag, dnr_bidrag)

    print(f"\nKlart på {sekunder:.0f} s (seed 000).")
    ok = rapport(starta(), dnr)
    print()
    return 0 if ok and rapport_bidrag(starta(), dnr_bidrag) else 1


def rapport_bidrag(system: Arendesystem, dnr: str, skriv: Any = print) -> bool:
    """The bidrag's state, receipt and document; True if every bidrag is submitted."""
    oversikter = tavlingsbidrag_for(system.uow(), dnr)
    for o in oversikter:
        kvitto = o.bidrag.kvitto
        skriv(f"Tävlingsbidraget för {o.verksamhet} i {dnr}: {o.status}.")
        skriv(f"  {kvitto.text() if kvitto else 'Inget kvitto.'}")
        if o.plan is not None:
            skriv(
                f"  Verksamhetsplanen importerad; {len(o.plan.ej_placerat)} rader kunde inte placeras."
            )
    for x in handlingar.handlingar(system.uow(), dnr):
        skriv(f"  {x.nummer}.{x.version} {x.typ.value:<17} {x.fil}  PDF: {x.pdf_fil or 'saknas'}")
    return bool(oversikter) and all(o.bidrag.kvitto is not None for o in oversikter)


def rapport(system: Arendesystem, dnr: str, skriv: Any = print) -> bool:
    """Print what the run left behind; True if the ärende is avslutat with an intact chain
    and its tjänsteutlåtande, protokollsutdrag and anslag registered."""
    skriv("Diarieraden:")
    for rad in visningar.diarium(system.uow()):
        if rad.dnr == dnr:
            skriv(
                f"  {rad.dnr}  {rad.registreringsdatum}  {rad.namnd}  {rad.titel}  "
                f"{rad.handlaggare}  {rad.skede}"
            )
    skriv(f"\nGranskningsloggen för {dnr}:")
    for text in visningar.historikrader(visningar.historik(system.uow(), dnr)):
        skriv("  " + text)
    verifiering = visningar.verifiera(system.uow(), system.arkiv)  # chain and files
    skriv(f"\nHashkedjan: {verifiering.text}")
    registrerade = handlingar.handlingar(system.uow(), dnr)
    skriv(f"\nHandlingar i {dnr} (under {Installningar().arkiv_dir}):")
    for x in registrerade:
        skriv(
            f"  {x.nummer}.{x.version} {x.typ.value:<17} {x.fil}  "
            f"PDF: {x.pdf_fil or 'saknas'}  sha256 {x.sha256[:16]}…"
        )
    slutskede = next(r.skede for r in visningar.diarium(system.uow()) if r.dnr == dnr)
    typer = {x.typ for x in registrerade}
    dokument_klara = {
        Handlingstyp.TJANSTEUTLATANDE,
        Handlingstyp.PROTOKOLLSUTDRAG,
        Handlingstyp.ANSLAG,
    } <= typer
    return slutskede == "avslutat" and verifiering.intakt and dokument_klara


if __name__ == "__main__":
    sys.exit(main())
