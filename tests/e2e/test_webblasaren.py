"""The handläggare's day in a real browser: headless Chromium (Debian's) driven by Playwright
against a real Prefect server and runner, as in `make up`.

The test starts `ny-nominering` from its form in the Prefect UI with seed 000's data, opens
the suspended run, fills every form through to expediering (one of them wrongly first, to see
the Swedish message and correct it) and checks the database and the documents afterwards. A
screenshot of each step lands in test-output/e2e/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from flows.demo import DEPLOYMENT, EXEMPEL, FORMULAR
from flows.lokal_prefect import PROJEKTROT
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
from prefect.client.schemas.sorting import FlowRunSort
from pydantic import BaseModel

from arende.adapters.arkiv import Filarkiv
from arende.bootstrap import Arendesystem, starta
from arende.domain.handling import Handlingstyp
from arende.service_layer import handlingar, visningar
from flows import svarare
from tests.prefect_miljo import databas_url, server_och_runner

try:
    from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
except ImportError:  # checked in the fixture below: a failure in CI, a skip elsewhere
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [pytest.mark.e2e, pytest.mark.prefect, pytest.mark.timeout(1800)]

CHROMIUM = os.environ.get("ARENDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGUMENT = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BILDER = PROJEKTROT / "test-output" / "e2e"
VANTAN_MS = 120_000  # the machine is shared: generous, but every wait is on a condition
STEG_TIDSGRANS = 600.0  # seconds for a resumed run to reach its next form


def _saknas(vad: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{vad} måste finnas i CI (make install installerar den).")
    pytest.skip(f"{vad} saknas: webbläsartestet hoppas över.")


@pytest.fixture(scope="module")
def chromium() -> str:
    if sync_playwright is None:
        _saknas("Playwright (pip-paketet playwright, i dev-tilläggen)")
    sokvag = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not sokvag:
        _saknas(f"Chromium ({CHROMIUM}, Debian-paketet chromium)")
    assert sokvag is not None
    return sokvag


@dataclass
class Miljo:
    ui: str
    hem: Path
    system: Arendesystem


@pytest.fixture(scope="module")
def miljo(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Miljo]:
    """A Prefect server with its UI and a runner serving our deployments, as `make up` starts
    them, with their own PREFECT_HOME, ärende database and archive. The runner loads the
    reference data (deployments/grunddata.toml) before it serves, as under `make up`."""
    hem = tmp_path_factory.mktemp("e2e")
    # The server opens Prefect's classic UI, which the forms are made for (lokal_prefect).
    with server_och_runner(hem, DEPLOYMENT, tidsgrans=300) as api_url:
        system = starta(databas_url(hem))
        system.arkiv = Filarkiv(hem / "arkiv")  # the folder the runner's flows write to
        yield Miljo(api_url.removesuffix("/api"), hem, system)


@pytest.fixture
def sida(chromium: str) -> Iterator[Page]:
    with sync_playwright() as p:
        webblasare: Browser = p.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGUMENT, timeout=VANTAN_MS
        )
        try:
            sida = webblasare.new_page(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
            sida.set_default_timeout(VANTAN_MS)
            expect.set_options(timeout=VANTAN_MS)
            yield sida
        finally:
            webblasare.close()


class Bilder:
    """Numbered screenshots with Swedish names, one per step of the journey."""

    def __init__(self, sida: Page) -> None:
        self.sida, self.nummer = sida, 0
        shutil.rmtree(BILDER, ignore_errors=True)
        BILDER.mkdir(parents=True)

    def ta(self, namn: str) -> None:
        self.nummer += 1
        self.sida.screenshot(path=str(BILDER / f"{self.nummer:02d}-{namn}.png"), full_page=True)


# --- the form widgets of Prefect's UI, found by their visible labels -------------------------


def falt(omrade: Page | Locator, *rubriker: str) -> Locator:
    """The form field whose label is one of `rubriker` (Prefect adds ' (Optional)')."""
    alternativ = "|".join(re.escape(r) for r in rubriker)
    etikett = omrade.locator(".schema-form-property__label").filter(
        has_text=re.compile(rf"^({alternativ})( \(Optional\))?$")
    )
    return etikett.locator(
        "xpath=ancestor::div[contains(concat(' ', @class, ' '), ' schema-form-property ')][1]"
    )


def rubriker(modell: type[BaseModel], namn: str) -> tuple[str, ...]:
    """The field's title from flows/formular.py, and the title pydantic makes of its name:
    Prefect's `with_initial_data` replaces a field given a default and drops its title."""
    info = modell.model_fields[namn]
    return tuple(t for t in (info.title, namn.replace("_", " ").title()) if t)


def skriv(faltet: Locator, varde: str) -> None:
    ruta = faltet.locator("textarea, input").first
    ruta.fill(varde)
    expect(ruta).to_have_value(varde)


def valj(sida: Page, faltet: Locator, varde: str) -> None:
    """A drop-down: opened from the keyboard (in headless Chromium a click on Prefect's
    select button toggles it open and shut again), the option chosen with the mouse."""
    knapp = faltet.locator("button.p-select-button__control")
    knapp.focus()
    sida.keyboard.press("ArrowDown")
    sida.get_by_role("listbox").get_by_role("option", name=varde, exact=True).click()
    expect(knapp).to_have_text(varde)


def valj_datum(sida: Page, faltet: Locator, varde: str) -> None:
    """The date picker: its 'Selected Date' box is a native date input; then Apply."""
    dag = date.fromisoformat(varde)
    if faltet.get_by_role("button", name="date", exact=True).count():  # date | None
        faltet.get_by_role("button", name="date", exact=True).click()
    faltet.locator(".p-date-button__control").click()
    valjare = sida.locator(".p-date-picker")
    valjare.locator("input[type=date]").fill(varde)
    valjare.get_by_role("button", name="Apply").click()
    expect(valjare).to_be_hidden()
    expect(faltet.locator(".p-date-button__control")).to_have_text(
        re.compile(rf"{dag:%b} {dag.day}\w*, {dag.year}")
    )


def valj_lista(faltet: Locator, varden: list[str]) -> None:
    rader = faltet.locator(".p-draggable-list__item")
    for i, varde in enumerate(varden):
        if rader.count() <= i:
            faltet.get_by_role("button", name="Add item").click()
        skriv(rader.nth(i), varde)
    expect(rader).to_have_count(len(varden))


def fyll_i(sida: Page, omrade: Locator, modell: type[BaseModel], svar: dict[str, Any]) -> None:
    """Fill each answer into its field, by the widget the UI shows for it."""
    for namn, varde in svar.items():
        faltet = falt(omrade, *rubriker(modell, namn))
        expect(faltet).to_be_visible()
        if isinstance(varde, bool):
            brytare = faltet.get_by_role("switch")
            if brytare.get_attribute("aria-checked") != str(varde).lower():
                brytare.click()
            expect(brytare).to_have_attribute("aria-checked", str(varde).lower())
        elif isinstance(varde, list):
            valj_lista(faltet, [str(v) for v in varde])
        elif (
            faltet.locator(".p-date-button__control").count()
            or faltet.get_by_role("button", name="date", exact=True).count()
        ):
            valj_datum(sida, faltet, str(varde))
        elif faltet.locator("button.p-select-button__control").count():
            valj(sida, faltet, str(varde))
        else:
            skriv(faltet, str(varde))


# --- the journey ------------------------------------------------------------------------------


def nasta_formular(korning: UUID, forra: str | None) -> str | None:
    """Poll the run through Prefect's API until it waits for a form other than `forra`
    (its key) or has completed (None): the UI's answer reaches the runner asynchronously."""
    slut = time.monotonic() + STEG_TIDSGRANS
    while True:
        nyckel = svarare.vanta_pa_formular(korning, tidsgrans=max(1.0, slut - time.monotonic()))
        if nyckel != forra:
            return nyckel
        if time.monotonic() > slut:
            raise TimeoutError(f"Körningen {korning} stod kvar vid formuläret {forra}")
        time.sleep(0.5)


STEGORD = {  # a word each form's description must show the person
    "samverkan": "samverka",
    "faststall": "fastställ",
    "beslut": "beslut",
    "justering": "justering",
    "anslag": "anslag",
    "expediering": "expedier",
}


def starta_fran_formularet(sida: Page, ui: str, bilder: Bilder, uppgifter: dict[str, Any]) -> UUID:
    sida.goto(ui)
    meny = sida.get_by_role("button", name="Deployments", exact=True)  # the menu's links
    expect(meny).to_be_visible()
    if sida.get_by_role("button", name="Not now").is_visible():  # "Try the V2 UI" banner
        sida.get_by_role("button", name="Not now").click()
    bilder.ta("startsidan")
    meny.click()
    expect(sida.get_by_role("link", name="ny-nominering")).to_be_visible()
    bilder.ta("deployments")
    sida.get_by_role("link", name="ny-nominering").click()
    expect(sida.get_by_role("button", name="Run", exact=True)).to_be_visible()
    bilder.ta("ny-nominering")
    sida.get_by_role("button", name="Run", exact=True).click()
    sida.get_by_text("Custom run").click()

    # The defaults are seed 000's; chosen again from the drop-downs all the same.
    expect(falt(sida, "Nämnd")).to_be_visible()
    valj(sida, falt(sida, "Nämnd"), uppgifter["namnd"])
    expect(
        falt(sida, "Kvalitetsutmärkelsens år").locator("button.p-select-button__control")
    ).to_contain_text(re.compile(r"2\D?008"))
    valj(sida, falt(sida, "Handläggare"), uppgifter["handlaggare"])
    # Every unit through the UI's "Add item" list: name, class (drop-down), description.
    lista = falt(sida, "Verksamheter att nominera")
    for i, enhet in enumerate(uppgifter["enheter"]):
        lista.get_by_role("button", name="Add item").click()
        rad = lista.locator(".p-draggable-list__item").nth(i)
        skriv(falt(rad, "Verksamhet"), enhet["namn"])
        valj(sida, falt(rad, "Klass"), enhet["klass"])
        skriv(falt(rad, "Förvaltningens beskrivning"), enhet["beskrivning"])
    expect(lista.locator(".p-draggable-list__item")).to_have_count(len(uppgifter["enheter"]))
    valj_datum(sida, falt(sida, "Sammanträde"), uppgifter["sammantrade"])
    valj_datum(sida, falt(sida, "Registreringsdatum"), uppgifter["registreringsdatum"])
    valj(sida, falt(sida, "Föreslå omedelbar justering"), uppgifter["omedelbar_justering"])
    skriv(falt(sida, "Förvaltningens avslutande kommentar"), uppgifter["avslutande_kommentar"])
    bilder.ta("startformular")

    sida.get_by_role("button", name="Submit").click()
    expect(sida.get_by_text("scheduled to start").first).to_be_visible()  # the toast
    bilder.ta("korningen-startad")
    return korningen_for(DEPLOYMENT)


def korningen_for(deployment: str) -> UUID:
    """The one run of the deployment on this test's own server, once it exists."""
    slut = time.monotonic() + STEG_TIDSGRANS
    with get_client(sync_client=True) as klient:
        filter_ = DeploymentFilter(
            id=DeploymentFilterId(any_=[klient.read_deployment_by_name(deployment).id])
        )
        while time.monotonic() < slut:
            korningar = klient.read_flow_runs(
                deployment_filter=filter_, limit=10, sort=FlowRunSort.EXPECTED_START_TIME_DESC
            )
            if korningar:
                assert len(korningar) == 1, [k.name for k in korningar]
                return korningar[0].id
            time.sleep(0.5)
    raise TimeoutError(f"Ingen körning av {deployment} skapades från formuläret")


def oppna_arendet(sida: Page, bilder: Bilder, namn: str) -> None:
    """As the handläggare finds it: the runs list, the run named by dnr and title."""
    sida.get_by_role("button", name="Runs", exact=True).click()
    lank = sida.get_by_role("link", name=namn, exact=True).first
    expect(lank).to_be_visible()
    bilder.ta("korningarna")
    lank.click()
    expect(sida.get_by_role("button", name="Resume")).to_be_visible()


def besvara(
    sida: Page,
    ui: str,
    bilder: Bilder,
    korning: UUID,
    nyckel: str,
    svar: dict[str, Any],
    bildnamn: str,
    meddelande: str | None = None,
) -> None:
    """Open the waiting run, its resume form, check what the person is told, fill and send."""
    steg = nyckel.split("-")[0]
    modell, _ = FORMULAR[steg]
    sida.goto(f"{ui}/runs/flow-run/{korning}")
    expect(sida.get_by_text("Suspended").first).to_be_visible()
    expect(sida.get_by_text(re.compile(r"SoN \d{4}/\d+ ")).first).to_be_visible()
    ateruppta = sida.get_by_role("button", name="Resume")
    expect(ateruppta).to_be_visible()
    ateruppta.click()
    dialog = sida.get_by_role("dialog")
    expect(dialog.locator(".schema-form-property").first).to_be_visible()
    # What is being decided, on which ärende: the description says it in Swedish.
    expect(dialog).to_contain_text(re.compile(r"SoN \d{4}/\d+"))
    expect(dialog).to_contain_text(re.compile(STEGORD[steg], re.IGNORECASE))
    if meddelande is not None:
        expect(dialog).to_contain_text(meddelande)
    bilder.ta(f"{bildnamn}-formular")
    fyll_i(sida, dialog, modell, svar)
    bilder.ta(f"{bildnamn}-ifyllt")
    skicka(sida, dialog)


def skicka(sida: Page, dialog: Locator) -> None:
    """Submit the form and wait for Prefect to accept the resume. Under load a click can
    land while the form is still settling (a date picker closing) and do nothing, and
    Prefect's server can answer 503 while its SQLite database is busy (the form stays
    open, as it would for a person, who presses Submit again): click again, at most three
    times. A refusal (4xx) fails at once."""
    for _ in range(3):
        try:
            with sida.expect_response(
                lambda r: r.url.endswith("/resume") and r.request.method == "POST",
                timeout=20_000,
            ) as svar:
                dialog.get_by_role("button", name="Submit").click()
        except PlaywrightTimeoutError:
            continue
        if svar.value.status >= 500:
            sida.wait_for_timeout(2_000)
            continue
        assert svar.value.ok, f"Prefect avvisade svaret: {svar.value.status}"
        break
    expect(dialog).to_be_hidden()


def test_handlaggarens_dag_i_webblasaren(miljo: Miljo, sida: Page) -> None:
    exempel = json.loads(Path(EXEMPEL).read_text(encoding="utf-8"))
    uppgifter, svar = exempel["uppgifter"], exempel["svar"]
    bilder = Bilder(sida)

    korning = starta_fran_formularet(sida, miljo.ui, bilder, uppgifter)

    sedda: list[str] = []
    nyckel = nasta_formular(korning, None)
    assert nyckel == "samverkan-1-1", nyckel
    namn = svarare.las(korning).name
    assert re.fullmatch(r"SoN 2008/\d+ Stadens kvalitetsutmärkelse 2008", namn), namn
    oppna_arendet(sida, bilder, namn)
    expect(sida.get_by_text("Suspended").first).to_be_visible()
    bilder.ta("korningen-vantar")
    meddelande = None
    while nyckel is not None:
        sedda.append(nyckel)
        steg = nyckel.split("-")[0]
        detta = dict(svar[steg])
        detta.pop("paragraf", None)  # the § number: the form's default (next free §)
        bildnamn = steg
        if nyckel == "justering-1":
            # Wrong on purpose: the justering before the sammanträde (2008-05-13).
            detta["datum"] = "2008-05-12"
            bildnamn = "justering-fel-datum"
        elif nyckel == "justering-2":
            bildnamn = "justering-rattad"
        besvara(sida, miljo.ui, bilder, korning, nyckel, detta, bildnamn, meddelande)
        meddelande = "Förra svaret kunde inte tas emot" if nyckel == "justering-1" else None
        nyckel = nasta_formular(korning, nyckel)

    assert sedda == [
        "samverkan-1-1",
        "faststall-1-1",
        "beslut-1-1-1",
        "justering-1",
        "justering-2",
        "anslag-1",
        "expediering-1",
    ]
    sida.goto(f"{miljo.ui}/runs/flow-run/{korning}")
    expect(sida.get_by_text("Completed").first).to_be_visible()
    expect(sida.get_by_text("skede:avslutat")).to_be_visible()
    bilder.ta("arendet-avslutat")

    # The database: what the person filled in through the UI is what was registered.
    system = miljo.system
    arende = visningar.arende_for_korning(system.uow(), str(korning))
    assert arende == visningar.hamta_arende(system.uow(), str(arende.dnr))
    assert arende.skede.value == "avslutat"
    assert (arende.namnd, arende.handlaggare, arende.utmarkelsear) == (
        uppgifter["namnd"],
        uppgifter["handlaggare"],
        uppgifter["utmarkelsear"],
    )
    assert [(n.verksamhet, n.klass, n.beskrivning) for n in arende.nomineringar] == [
        (e["namn"], e["klass"], e["beskrivning"]) for e in uppgifter["enheter"]
    ]
    assert arende.planerat_sammantrade == date.fromisoformat(uppgifter["sammantrade"])
    assert arende.registreringsdatum == date.fromisoformat(uppgifter["registreringsdatum"])
    assert arende.avslutande_kommentar == uppgifter["avslutande_kommentar"]
    assert arende.samverkan is not None
    assert arende.samverkan.datum == date.fromisoformat(svar["samverkan"]["datum"])
    assert arende.samverkan.anteckning == svar["samverkan"]["anteckning"]
    assert arende.faststallande is not None
    assert arende.faststallande.undertecknare == (
        svar["faststall"]["forvaltningschef"],
        svar["faststall"]["avdelningschef"],
    )
    beslutet = arende.gallande_beslut
    assert beslutet is not None and beslutet.utfall.value == "bifall"
    assert beslutet.paragraf == 1  # the form's default: the first § of a fresh protokoll
    assert beslutet.omedelbar_justering
    assert arende.justering is not None
    assert arende.justering.datum == date.fromisoformat(svar["justering"]["datum"])
    assert arende.justering.ordforande == svar["justering"]["ordforande"]
    assert list(arende.justering.justerare) == svar["justering"]["justerare"]
    assert arende.anslagsdatum == date.fromisoformat(svar["anslag"]["datum"])
    assert arende.expediering is not None
    assert arende.expediering.datum == date.fromisoformat(svar["expediering"]["datum"])
    assert list(arende.expediering.mottagare) == svar["expediering"]["mottagare"]
    handelser = visningar.historik(system.uow(), str(arende.dnr))
    avvisade = [e for e in handelser if e.innehall.get("utfall") == "avvisad"]
    assert len(avvisade) == 1 and avvisade[0].aktor == svar["justering"]["registreras_av"]

    # The documents: each registered once, its file in the archive folder.
    dokument = handlingar.handlingar(system.uow(), str(arende.dnr))
    assert {d.typ for d in dokument} >= {
        Handlingstyp.TJANSTEUTLATANDE,
        Handlingstyp.KALLELSE,
        Handlingstyp.PROTOKOLLSUTDRAG,
        Handlingstyp.ANSLAG,
    }
    for d in dokument:
        fil = miljo.hem / "arkiv" / d.fil
        assert fil.is_file() and fil.stat().st_size > 0, fil
