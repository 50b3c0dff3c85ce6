"""`make demo`: seed 000's nomination and three other ärenden decided at Socialtjänstnämndens
sammanträde on 13 May 2008, then Östermalm's 2020 nomination and its tävlingsbidrag.

Starts the ärendetyper's deployments and the sammanträde's on a Prefect server behind the
login gate, and answers each form through Prefect's API as the handläggare, the chefs, the
nämndsekreterare, the ordförande and the justerare would in the UI, each as herself: the
example names who does what ("som"), and the svarare signs each act's intyg with the local
gate's key, which the audit log marks as taken without a login. It prints the diarium line, the audit trail
and the sammanträde's paragrafer from our database. Uses the server of `make up` if one is running on
port 4200 (so the run shows in its UI); otherwise starts a server and a runner of its own.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import ExitStack
from datetime import date
from typing import Any
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
from prefect.client.schemas.sorting import FlowRunSort
from prefect.input import RunInput
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings
from pydantic import BaseModel

from arende.bootstrap import Arendesystem, ladda_grunddata, starta
from arende.config import Installningar
from arende.domain.datum import svenskt_datum
from arende.domain.diarienummer import Diarienummer
from arende.domain.handelser import DelegationsbeslutRegistrerat
from arende.domain.handling import Handlingstyp
from arende.domain.skeden import Skede
from arende.service_layer import handlingar, visningar
from arende.service_layer.delegationsregister import registret
from arende.service_layer.dokumentdata.text import genitiv
from arende.service_layer.kommandon import RegistreraDelegationsbeslut
from arende.service_layer.tavlingsvy import tavlingsbidrag_for
from deployments import svarare
from deployments.lokal_prefect import (
    PROJEKTROT,
    grindmiljo,
    prefect_server,
    runner,
    server_svarar,
)
from flows.arendeflode import FLODE
from flows.formular import (
    AnslagSvar,
    ExpedieringSvar,
    FaststallSvar,
    SamverkanSvar,
    UnderlagSvar,
)
from flows.sammantrade import (
    AvslutaSvar,
    MotiveringarSvar,
    SigneraSvar,
    beslutsformular,
    justeringssvar,
    oppningsformular,
)
from flows.tavlingsbidrag import (
    GodkannSvar,
    InlamningSvar,
    PlanSvar,
    slug,
    svarsformular,
)
from flows.typformular import stegmodell

EXEMPEL = PROJEKTROT / "deployments" / "exempel" / "seed000_nominering.json"
# Östermalms stadsdelsnämnd nominates Vuxenenheten 2020; its bidrag is seed 003's, and its
# verksamhetsplan (seed 001) prefills question 18.
EXEMPEL_BIDRAG = PROJEKTROT / "deployments" / "exempel" / "seed003_tavlingsbidrag.json"
VERKSAMHETSPLAN = (
    PROJEKTROT / "deployments" / "exempel" / "seed001_verksamhetsplan_vuxenenheten.txt"
)
NOMINERING = "arende/nominering"
DEPLOYMENT = NOMINERING
SAMMANTRADE = "sammantrade/sammantrade"
# The gate of the demo's own server: nobody logs in there (see main).
INGEN_LEVERANTOR = "http://127.0.0.1:9"
BEREDNING: dict[str, str] = {
    "underlag": "Handläggaren skriver underlaget",
    "samverkan": "Handläggaren registrerar samverkan",
    "faststall": "Förvaltningschefen fastställer förslaget",
}


def _modell(typnamn: str, steg: str) -> type[BaseModel]:
    """The form the ärende flow shows at this step, built the same way from the type."""
    typ = starta().typer[typnamn]
    steget: dict[str, tuple[type[RunInput], Skede]] = {
        "underlag": (UnderlagSvar, Skede.UNDER_BEREDNING),
        "samverkan": (SamverkanSvar, Skede.SAMVERKAT),
        "faststall": (FaststallSvar, Skede.FORSLAG_FASTSTALLT),
    }
    bas, skede = steget[steg]
    namn = {"underlag": "Underlag", "samverkan": "Samverkan", "faststall": "Faststall"}[steg]
    return stegmodell(typ.formular.get(skede), bas, f"{namn}_{typnamn}")


def kor_arende(
    typnamn: str,
    uppgifter: dict[str, Any],
    svar: dict[str, Any],
    som: dict[str, str],
    skriv: Any = print,
    system: Arendesystem | None = None,
) -> tuple[UUID, str]:
    """Start the type's deployment as the handläggare (`som["start"]`) and answer its
    beredning forms, each as `som[step]`; returns the run and dnr. The run ends when the
    ärende is ready for the sammanträde."""
    system = system or starta()
    deployment = f"{FLODE}/{typnamn}"
    korning = svarare.starta(
        deployment, {"arendetyp_namn": typnamn, "uppgifter": uppgifter}, som=som["start"]
    )
    skriv(f"Startade {deployment} som {som['start']}: flödeskörning {korning}")
    while (nyckel := svarare.vanta_pa_formular(korning)) is not None:
        steg = nyckel.split("-")[0]
        skriv(
            f"  {BEREDNING[steg]} ({nyckel}, {som[steg]}): "
            f"{json.dumps(svar[steg], ensure_ascii=False)[:140]}"
        )
        svarare.svara(korning, _modell(typnamn, steg), svar[steg], som[steg])
        time.sleep(0.2)
    return korning, str(visningar.arende_for_korning(system.uow(), str(korning)).dnr)


def kor_nominering(
    exempel: dict[str, Any], utskrift: bool = True, system: Arendesystem | None = None
) -> tuple[UUID, str]:
    """The nomination of the example, registered and beredd up to the sammanträde."""
    skriv = print if utskrift else (lambda *_a, **_k: None)
    return kor_arende(
        "nominering", exempel["uppgifter"], exempel["svar"], exempel["som"], skriv, system
    )


def kor_sammantrade(
    data: dict[str, Any],
    namnd: str,
    datum: str,
    dnr_for: dict[str, str],
    skriv: Any = print,
    system: Arendesystem | None = None,
) -> UUID:
    """Start the sammanträde as the nämndsekreterare and answer its forms as she, the
    ordförande and the justerare would, each as herself; `dnr_for` names each ärende's
    answers in `data['beslut']`."""
    system = system or starta()
    sekreterare = data["namndsekreterare"]
    korning = svarare.starta(
        SAMMANTRADE,
        {
            "namnd": namnd,
            "datum": datum,
            "kallelsedatum": data.get("kallelsedatum"),
            "protokolldatum": data.get("protokolldatum"),
        },
        som=sekreterare,
    )
    skriv(f"Startade {SAMMANTRADE} för {namnd} {datum}: flödeskörning {korning}")
    etikett = {slug(d): namn for namn, d in dnr_for.items()}
    register = visningar.namnd(system.uow(), namnd).ledamoter
    besvarade: set[str] = set()
    while (nyckel := svarare.vanta_pa_formular(korning)) is not None:
        steget = nyckel.rsplit("-", 1)[0]
        if steget in besvarade:
            raise RuntimeError(f"Formuläret {nyckel} avvisade svaret: se körningen {korning}")
        besvarade.add(steget)
        som = sekreterare
        if steget == "oppna":
            modell = oppningsformular(
                [x.namn for x in register if x.roll.ar_ledamot],
                [x.namn for x in register if not x.roll.ar_ledamot],
            )
            svar = data["oppna"]
            skriv(f"  Sammanträdet öppnas kl. {svar['klockan']}: ordförande {svar['ordforande']}, "
                  f"justerare {', '.join(svar['justerare'])}")  # fmt: skip
        elif steget.startswith("beslut-"):
            namn = etikett[steget.removeprefix("beslut-")]
            s = visningar.sammantrade(system.uow(), namnd, date.fromisoformat(datum))
            assert s is not None
            modell = beslutsformular(list(s.tjanstgorande), namnden=[x.namn for x in register])
            svar = {**TOMT_BESLUT, **data["beslut"][namn]}
            skriv(f"  Beslut i {dnr_for[namn]} ({namn}): {svar['utfall']}"
                  + (" efter sluten omröstning" if svar.get("sluten")
                     else " efter omröstning" if svar["omrostning"] else "")
                  + "".join(f"; jäv: {j['namn']}" for j in svar.get("jav", []))
                  + "".join(f"; reservation: {r['av']}" for r in svar.get("reservationer", [])))  # fmt: skip
        elif steget == "motiveringar":
            # The written reservations that came in before justering, each to the § of its
            # ärende (the example names the ärende, not a number that depends on the year).
            s = visningar.sammantrade(system.uow(), namnd, date.fromisoformat(datum))
            assert s is not None
            paragraf = {p.dnr: p.nummer for p in s.paragrafer if p.dnr}
            modell = MotiveringarSvar
            svar = {
                "motiveringar": [
                    {"paragraf": paragraf[dnr_for[m["arende"]]], "av": m["av"],
                     "motivering": m["motivering"]}
                    for m in data.get("motiveringar", [])
                ]
            }  # fmt: skip
            for m in svar["motiveringar"]:
                skriv(f"  Skriftlig reservation av {m['av']} till § {m['paragraf']} tas emot")
        elif steget.startswith("justering-"):
            with system.uow() as uow:
                fil = uow.sammantraden.protokoll(namnd, date.fromisoformat(datum))
            assert fil is not None
            vem = next(
                n for n in data["signaturer"] if slug(n) == steget.removeprefix("justering-")
            )
            modell, som = SigneraSvar, vem  # she signs herself
            # The example keeps each signature as an ISO time; the form takes the day and the
            # time of day in Swedish time.
            svar = {"protokoll_sha256": fil.sha256, "jag_justerar": True,
                    **justeringssvar(data["signaturer"][vem])}  # fmt: skip
            skriv(f"  {vem} justerar protokollet (sha256 {fil.sha256[:16]}…)")
        elif steget == "avsluta":
            modell = AvslutaSvar
            svar = data["avsluta"]
            skriv(f"  Sammanträdet avslutas kl. {svar['avslutades']}; protokollet upprättas")
        elif steget in ("anslag", "anslag-omedelbart"):
            modell = AnslagSvar
            svar = data["anslag" if steget == "anslag" else "anslag_omedelbart"]
            skriv(f"  Anslaget ({steget}): {svar['datum']}")
        else:
            raise RuntimeError(f"Okänt formulär {nyckel}")
        svarare.svara(korning, modell, svar, som)
        time.sleep(0.2)
    return korning


TOMT_BESLUT: dict[str, Any] = {
    "beslutstext": "",
    "omedelbart_justerad": False,
    "nytt_sammantrade": None,
    "omrostning": False,
    "ja_proposition": "",
    "nej_proposition": "",
    "ja": [],
    "nej": [],
    "avstar": [],
}


def expedieringens_korning(dnr: str, tidsgrans: float = 120) -> UUID:
    """The expediering run the sammanträde started for the ärende."""
    slut = time.monotonic() + tidsgrans
    with get_client(sync_client=True) as klient:
        while time.monotonic() < slut:
            for korning in klient.read_flow_runs(
                flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=["expediering"])),
                limit=200,
                sort=FlowRunSort.START_TIME_DESC,
            ):
                if korning.parameters.get("dnr") == dnr:
                    return korning.id
            time.sleep(0.5)
    raise TimeoutError(f"Ingen expediering startades för {dnr}")


def kor_expediering(dnr: str, svar: dict[str, Any], som: str, skriv: Any = print) -> UUID:
    """Answer the expediering the system started, as `som` (the registrator or the
    nämndsekreterare)."""
    korning = expedieringens_korning(dnr)
    while (nyckel := svarare.vanta_pa_formular(korning)) is not None:
        skriv(
            f"  Expedieringen av {dnr} ({nyckel}, {som}): "
            f"{', '.join(svar['mottagare'])} {svar['datum']}"
        )
        svarare.svara(korning, ExpedieringSvar, svar, som)
        time.sleep(0.2)
    return korning


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
    """Answer the bidrag's forms as the handläggare, the unit and its chef would, each as
    the example's `som` for the form."""
    data = exempel["tavlingsbidrag"]
    verksamhet = data["verksamhet"]
    som = data["som"]
    korning = bidragets_korning(dnr, verksamhet)
    batteri = starta().fragor(exempel["uppgifter"]["utmarkelsear"])
    besvarade: set[str] = set()
    while (nyckel := svarare.vanta_pa_formular(korning, tidsgrans)) is not None:
        steget = nyckel.rsplit("-", 1)[0]  # the key without the attempt number
        if steget in besvarade:  # our answer was refused and the form asks again
            raise TimeoutError(f"Formuläret {nyckel} avvisade svaret: se körningen {korning}")
        besvarade.add(steget)
        if "-plan-" in nyckel:
            text = VERKSAMHETSPLAN.read_text(encoding="utf-8")
            skriv(f"  Handläggaren importerar verksamhetsplanen ({len(text)} tecken)")
            svarare.svara(korning, PlanSvar, {"text": text}, som["plan"])
        elif "-svar-" in nyckel:
            svar: dict[str, Any] = {"inledning": data["inledning"]}
            svar |= {f"adm_{k}": v for k, v in data["administrativa"].items()}
            svar |= {f"fraga_{n}": text for n, text in data["svar"].items()}
            skriv(
                f"  Verksamheten svarar på {len(data['svar'])} frågor "
                "(fråga 18 är redan ifylld från verksamhetsplanen)"
            )
            svarare.svara(korning, svarsformular(batteri), svar, som["svar"])
        elif "-godkann-" in nyckel:
            skriv(f"  Enhetschefen {som['godkannande']} godkänner: {data['godkannande']}")
            svarare.svara(korning, GodkannSvar, data["godkannande"], som["godkannande"])
        elif "-inlamning-" in nyckel:
            skriv(f"  Inlämningen registreras av {som['inlamning']}: {data['inlamning']}")
            svarare.svara(korning, InlamningSvar, data["inlamning"], som["inlamning"])
        else:
            raise RuntimeError(f"Okänt formulär {nyckel}")
        time.sleep(0.2)
    return korning


def registrera_delegationsbeslut(
    poster: list[dict[str, Any]],
    dnr_for: dict[str, str],
    skriv: Any = print,
    system: Arendesystem | None = None,
) -> None:
    """The decisions taken on delegation before the sammanträde, entered in the nämnd's
    register by whoever the example names (the command line's way: no form, no flow)."""
    system = system or starta()
    for post in poster:
        dnr = dnr_for[post["arende"]]
        handelser = system.utfor(
            RegistreraDelegationsbeslut(
                aktor=post["som"],
                nyckel=f"demo-delegationsbeslut-{dnr}-{post['punkt']}",
                dnr=Diarienummer.tolka(dnr),
                punkt=post["punkt"],
                delegat=post["delegat"],
                beslutsdatum=date.fromisoformat(post["beslutsdatum"]),
                beslut=post["beslut"],
                belopp=post.get("belopp"),
            )
        )
        (h,) = [h for h in handelser if isinstance(h, DelegationsbeslutRegistrerat)]
        skriv(
            f"  Delegationsbeslut {h.beteckning} (punkt {h.punkt}, {post['delegat']}) i {dnr} "
            f"registreras av {post['som']}"
        )


def kor_sammantradesdemo(exempel: dict[str, Any], skriv: Any = print) -> dict[str, str]:
    """The example's nomination and its other ärenden, beredda; then the sammanträde that
    decides them; then each decided ärende's expediering. Returns the dnr by label."""
    uppgifter = exempel["uppgifter"]
    _, dnr = kor_nominering(exempel, utskrift=skriv is print)
    dnr_for = {"nominering": dnr}
    for ovrigt in exempel.get("ovriga_arenden", []):
        if ovrigt["typ"] == "anmalan":
            # The anmälan takes its decisions from the register: they go in first.
            registrera_delegationsbeslut(exempel.get("delegationsbeslut", []), dnr_for, skriv)
        _, dnr_for[ovrigt["etikett"]] = kor_arende(
            ovrigt["typ"], ovrigt["uppgifter"], ovrigt["svar"], ovrigt["som"], skriv
        )
    dag = svenskt_datum(date.fromisoformat(uppgifter["sammantrade"]))
    skriv(f"\n{uppgifter['namnd']}s sammanträde den {dag}:")
    kor_sammantrade(
        exempel["sammantrade"], uppgifter["namnd"], uppgifter["sammantrade"], dnr_for, skriv
    )
    kor_expediering(dnr, exempel["svar"]["expediering"], exempel["som"]["expediering"], skriv)
    for ovrigt in exempel.get("ovriga_arenden", []):
        if "expediering" in ovrigt["svar"]:
            kor_expediering(
                dnr_for[ovrigt["etikett"]],
                ovrigt["svar"]["expediering"],
                ovrigt["som"]["expediering"],
                skriv,
            )
    return dnr_for


def main() -> int:
    exempel = json.loads(EXEMPEL.read_text(encoding="utf-8"))
    with ExitStack() as stack:
        api_url = os.environ.get("PREFECT_API_URL", "http://127.0.0.1:4200/api")
        tjanstekonto = os.environ.get("PREFECT_API_AUTH_STRING", "")
        if server_svarar(api_url) and tjanstekonto:
            # `make up`'s gate: this process needs its service credential and the gate's key
            # (ARENDE_INTYGSNYCKEL, by default var/grind/intyg.pem as `make up` makes it).
            print(f"Använder den körande Prefect-servern {api_url} (make up).")
        else:
            if server_svarar(api_url):
                print(
                    f"En Prefect-server svarar på {api_url}, men PREFECT_API_AUTH_STRING (dess "
                    "tjänstekonto) är inte satt: demon startar en egen."
                )
            hem = PROJEKTROT / "var" / "prefect-demo"
            print("Startar en egen Prefect-server bakom inloggningen och en runner för demon ...")
            # Nobody logs in to the demo's own server: its provider is an address where none
            # answers, and the demo answers with intyg signed by its gate's key.
            grind = grindmiljo(hem / "grind", INGEN_LEVERANTOR)
            api_url = stack.enter_context(prefect_server(hem, grind))
            stack.enter_context(runner(api_url, hem, grind))
            tjanstekonto = grind.tjanstekonto
            for namn, varde in (
                ("ARENDE_INTYGSNYCKEL", str(grind.privat_nyckel)),
                *grind.for_tjansten().items(),
            ):
                os.environ[namn] = varde
        # Prefect reads its settings once at import; point this process's client explicitly.
        stack.enter_context(
            temporary_settings({PREFECT_API_URL: api_url, PREFECT_API_AUTH_STRING: tjanstekonto})
        )
        ladda_grunddata(starta())
        redan = visningar.sammantrade(starta().uow(), "Socialtjänstnämnden", date(2008, 5, 13))
        if redan is not None:
            print(
                "Demon har redan körts mot den här databasen: Socialtjänstnämndens sammanträde "
                f"den 13 maj 2008 är {redan.status}. Töm var/ (make clean) för att köra den "
                "igen från början."
            )
            return 0 if redan.status.value == "anslaget" else 1
        start = time.monotonic()
        dnr_for = kor_sammantradesdemo(exempel)
        sekunder = time.monotonic() - start
        bidrag = json.loads(EXEMPEL_BIDRAG.read_text(encoding="utf-8"))
        print(
            f"\nSedan nominerar {bidrag['uppgifter']['namnd']} {bidrag['tavlingsbidrag']['verksamhet']} 2020:"
        )
        dnr_bidrag = kor_sammantradesdemo(bidrag)["nominering"]
        kor_tavlingsbidrag(bidrag, dnr_bidrag)

    print(f"\nKlart på {sekunder:.0f} s (seed 000 och sammanträdet den 13 maj 2008).")
    ok = rapport(starta(), dnr_for["nominering"])
    ok = rapport_sammantrade(starta(), "Socialtjänstnämnden", date(2008, 5, 13), dnr_for) and ok
    rapport_delegation(starta(), "Socialtjänstnämnden")
    print()
    return 0 if ok and rapport_bidrag(starta(), dnr_bidrag) else 1


def rapport_sammantrade(
    system: Arendesystem, namnd: str, datum: date, dnr_for: dict[str, str], skriv: Any = print
) -> bool:
    """The sammanträde's paragrafer and where each ärende stands; True if it is anslaget,
    its protokoll justerat, and every ärende decided in sak avslutat."""
    s = visningar.sammantrade(system.uow(), namnd, datum)
    if s is None:
        skriv(f"Inget sammanträde för {namnd} {datum}.")
        return False
    skriv(f"\n{genitiv(namnd)} sammanträde den {svenskt_datum(datum)}: {s.status}")
    for p in s.paragrafer:
        skriv(f"  § {p.nummer} {p.titel}" + (f" ({p.dnr}): {p.utfall}" if p.dnr else ""))
    for sig in s.signaturer:
        skriv(f"  Justerat av {sig.namn} ({sig.roll}) {sig.tidpunkt:%Y-%m-%d %H.%M}")
    if s.anslag:
        skriv(
            f"  Anslaget {s.anslag.datum}; överklagandetiden löper ut {s.anslag.overklagande_slut}"
        )
        # The demo replays 2008: its notices were posted then, so today they are in the
        # anslagstavla's archive on the public site (make up serves it).
        skriv(
            "  På den publika webbplatsen (make up): http://127.0.0.1:4203/anslagstavla/arkiv"
            f"?namnd={visningar.namnd(system.uow(), namnd).diarieprefix}"
        )
    with system.uow() as uow:
        fil = uow.sammantraden.protokoll(namnd, datum)
    if fil is not None:
        skriv(f"  Protokollet (det som justerades): {fil.fil}, sha256 {fil.sha256[:16]}…")
        justerat = fil.fil.replace("protokoll.docx", "protokoll-justerat.docx")
        if s.signaturer:
            skriv(f"  Det justerade protokollet med signaturerna: {justerat}")
    klara = True
    for namn, dnr in dnr_for.items():
        arende = visningar.hamta_arende(system.uow(), dnr)
        skriv(f"  {dnr} ({namn}): {arende.skede}")
        beslut = arende.gallande_beslut
        if beslut is not None and arende.skede.value != "avslutat":
            klara = False
    return s.status.value == "anslaget" and klara


def rapport_delegation(system: Arendesystem, namnd: str, skriv: Any = print) -> None:
    """The nämnd's register of delegationsbeslut, as `arende delegationsregister` shows it."""
    skriv(f"\n{genitiv(namnd)} register över delegationsbeslut:")
    for rad in registret(system.uow(), namnd):
        b = rad.beslut
        skriv(
            f"  {b.beteckning} punkt {b.punkt} {b.beslutsdatum} {b.delegat} ({b.dnr}): {rad.status}"
        )


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
