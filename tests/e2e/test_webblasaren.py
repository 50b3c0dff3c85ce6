"""The handläggare's, the nämndsekreterare's and the justerare's days in a real browser:
headless Chromium (Debian's) driven by Playwright against a real Prefect server and runner,
as in `make up`.

From an empty UI to an expedierat ärende, every step through Prefect's classic UI: the
nomination is started from the start form of the deployment arende/nominering with seed 000's
data, its samverkan and fastställande answered in the run's forms; then the sammanträde is
started from its deployment's form, opened (närvaro, ordförande, justerare), the nämnd's
beslut recorded, the omedelbart justerad § anslagen, the protokoll signed by the ordförande
(first outside the time for justering, to see the Swedish message and correct it) and the
justerare, the justering anslagen; last the expediering run's form. Then the database and
the documents are checked. A screenshot of each step lands in test-output/e2e/.

Every step is taken by the one whose step it is, signed in through the login page of a
real OpenID Connect provider (the local one of `make up`, with the grunddata's people):
the handläggare starts the nomination and answers the samverkan; she also tries to
fastställa it and is refused in Swedish (and the refusal is logged); the chef fastställer;
the nämndsekreterare runs the meeting; the ordförande and the justerare each log in anew
before they sign; the registrator expedierar. The audit log names each of them and the
login they came from.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from datetime import time as klockslag
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
from prefect.client.schemas.sorting import FlowRunSort
from pydantic import BaseModel

from arende.adapters.arkiv import Filarkiv
from arende.adapters.klocka import Systemklocka
from arende.bootstrap import Arendesystem, starta
from arende.config import Installningar
from arende.domain.handling import Handlingstyp
from arende.domain.sammantrade.mote import Sammantradesstatus
from arende.domain.skeden import Skede
from arende.service_layer import handlingar, visningar
from deployments import svarare
from deployments.demo import EXEMPEL, NOMINERING, SAMMANTRADE
from deployments.lokal_prefect import PROJEKTROT
from deployments.oidc_lokal import anvandare_ur_grunddata, losenord_for
from deployments.serve import SAMMANTRADETS_FALT
from flows.formular import (
    AnslagSvar,
    Arendeuppgifter,
    ExpedieringSvar,
    FaststallSvar,
    SamverkanSvar,
)
from flows.sammantrade import (
    AvslutaSvar,
    SigneraSvar,
    beslutsformular,
    justeringssvar,
    oppningsformular,
)
from flows.tavlingsbidrag import slug
from flows.typformular import startmodell, stegmodell
from flows.uppfoljning import EXPEDIERING
from tests.e2e.webblasare import CHROMIUM_ARGUMENT
from tests.inloggningsmiljo import server_med_inloggning
from tests.prefect_miljo import databas_url

try:
    from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
except ImportError:  # checked in the fixture below: a failure in CI, a skip elsewhere
    sync_playwright = None  # type: ignore[assignment]

# Six minutes of eleven logins, a whole sammanträde and sealing: in `make test-prod`, so that
# `make test` stays under ten minutes on two cores.
pytestmark = [pytest.mark.e2e, pytest.mark.prefect, pytest.mark.prod, pytest.mark.timeout(1800)]

BILDER = PROJEKTROT / "test-output" / "e2e"
VANTAN_MS = 120_000  # the machine is shared: generous, but every wait is on a condition
STEG_TIDSGRANS = 600.0  # seconds for a resumed run to reach its next form
FONSTER = {"width": 1400, "height": 1000}
# A run waiting for a form: Paused while it waits warm in its process, Suspended after.
VANTAR = re.compile(r"^(Paused|Suspended)$")
NAMND = "Socialtjänstnämnden"
SAMMANTRADETS_NAMN = "Socialtjänstnämndens sammanträde 13 maj 2008"


@dataclass
class Miljo:
    ui: str
    hem: Path
    system: Arendesystem
    utfardare: str  # the provider's issuer


@pytest.fixture(scope="module")
def miljo(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Miljo]:
    """The provider, the gate with Prefect's server and UI, and a runner serving our
    deployments, as `make up` starts them, with their own PREFECT_HOME, ärende database and
    archive. The runner loads the reference data before it serves, as under `make up`."""
    hem = tmp_path_factory.mktemp("e2e")
    # The server opens Prefect's classic UI, which the forms are made for (lokal_prefect).
    with server_med_inloggning(hem, NOMINERING, tidsgrans=300) as m:
        svarare.vanta_pa_deployment(SAMMANTRADE)
        system = starta(databas_url(hem))
        system.arkiv = Filarkiv(hem / "arkiv")  # the folder the runner's flows write to
        yield Miljo(m.url, hem, system, m.utfardare)


EPOST = {a["name"]: a["email"] for a in anvandare_ur_grunddata(Installningar().grunddata)}


def logga_in(sida: Page, ui: str, bilder: Bilder, namn: str) -> None:
    """Log out, then in as `namn` on the provider's own page, always with a fresh login
    (prompt=login): the next person at the same computer does not inherit the session."""
    sida.goto(f"{ui}/logga-ut")
    expect(sida.get_by_text("Du är utloggad")).to_be_visible()
    sida.goto(f"{ui}/logga-in?ny=1&till=/deployments")
    epost = EPOST[namn]
    expect(sida.get_by_label("E-postadress")).to_be_visible()
    sida.get_by_label("E-postadress").fill(epost)
    sida.get_by_label("Lösenord").fill(losenord_for(epost))
    bilder.ta(f"inloggning-{slug(namn)}")
    sida.get_by_role("button", name="Logga in").click()
    expect(sida.get_by_role("button", name="Deployments", exact=True)).to_be_visible()


@pytest.fixture
def sida(chromium: str) -> Iterator[Page]:
    with sync_playwright() as p:
        webblasare: Browser = p.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGUMENT, timeout=VANTAN_MS
        )
        try:
            sida = webblasare.new_page(viewport=FONSTER, locale="sv-SE")  # type: ignore[arg-type]
            sida.set_default_timeout(VANTAN_MS)
            expect.set_options(timeout=VANTAN_MS)
            yield sida
        finally:
            webblasare.close()


class Bilder:
    """Numbered screenshots with Swedish names, one per step of the journey. Prefect's UI
    scrolls inside its own panes (a form inside its dialog, whose description shrinks to
    nothing when the window is short), so the window is made as tall as the content for the
    picture; a form is pictured alone, without the run's page behind it."""

    def __init__(self, sida: Page, mapp: Path = BILDER) -> None:
        self.sida, self.nummer, self.mapp = sida, 0, mapp
        shutil.rmtree(mapp, ignore_errors=True)
        mapp.mkdir(parents=True)

    def ta(self, namn: str, omrade: Locator | None = None) -> None:
        self.nummer += 1
        fil = str(self.mapp / f"{self.nummer:02d}-{namn}.png")
        hojd = FONSTER["height"]
        try:
            for _ in range(3):  # a taller window can unsqueeze a pane that then grows
                dolt = (omrade or self.sida.locator("body")).evaluate(
                    """rot => [rot, ...rot.querySelectorAll('*')]
                        .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY))
                        .reduce((summa, e) => summa + e.scrollHeight - e.clientHeight, 0)"""
                )
                if dolt <= 2 or hojd >= 10_000:
                    break
                hojd = min(hojd + dolt, 10_000)
                self.sida.set_viewport_size({"width": FONSTER["width"], "height": hojd})
            if omrade is None:
                self.sida.screenshot(path=fil)
            else:
                omrade.screenshot(path=fil)
        finally:
            self.sida.set_viewport_size(FONSTER)  # type: ignore[arg-type]


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
    """The field's title in the form's model, and the title pydantic makes of its name."""
    info = modell.model_fields[namn]
    return tuple(t for t in (info.title, namn.replace("_", " ").title(), namn) if t)


def ange_typ(faltet: Locator, typ: str) -> None:
    """An optional field (`str | None`, `date | None`) shows buttons for its types, with
    None chosen: choose the other one, and the field's own widget appears."""
    knapp = faltet.locator(".p-button-group").first.get_by_role("button", name=typ, exact=True)
    if knapp.count() and knapp.get_attribute("aria-selected") != "true":
        knapp.click()
        expect(knapp).to_have_attribute("aria-selected", "true")


def skriv(faltet: Locator, varde: str) -> None:
    ange_typ(faltet, "str")
    ruta = faltet.locator("textarea, input").first
    ruta.fill(varde)
    expect(ruta).to_have_value(varde)


def valj(sida: Page, faltet: Locator, varde: str | int) -> None:
    """A drop-down: opened from the keyboard (in headless Chromium a click on Prefect's
    select button toggles it open and shut again), the option chosen with the mouse; in a
    long list found through its search box first. A number is shown as the
    browser's locale writes it ('2 008' in Swedish)."""
    namn: str | re.Pattern[str] = str(varde)
    if isinstance(varde, int):
        namn = re.compile(r"^" + r"\D?".join(str(varde)) + r"$")
    knapp = faltet.locator("button.p-select-button__control").first
    knapp.focus()
    sida.keyboard.press("ArrowDown")
    lista = sida.get_by_role("listbox")
    expect(lista.get_by_role("option").first).to_be_visible()
    alternativ = lista.get_by_role("option", name=namn, exact=True)
    if not alternativ.count() and lista.get_by_role("combobox").count():
        lista.get_by_role("combobox").fill(str(varde).split(" / ")[-1])
    alternativ.click()
    expect(knapp).to_have_text(namn)


def vanta_tills(villkor: Callable[[], bool], vad: str, sekunder: float = VANTAN_MS / 1000) -> None:
    slut = time.monotonic() + sekunder
    while not villkor():
        if time.monotonic() > slut:
            raise AssertionError(f"Väntade förgäves på {vad}")
        time.sleep(0.2)


def valda(knapp: Locator) -> set[str]:
    """What a multi-select holds: Prefect's select button carries its value as an attribute
    (the chips show only the first few and '+9')."""
    return {v for v in (knapp.get_attribute("modelvalue") or "").split(",") if v}


def valj_flera(sida: Page, faltet: Locator, varden: list[str]) -> None:
    """A multi-select (a list of choices): its options have check boxes; each is clicked
    until exactly `varden` are chosen, and the list is closed again."""
    knapp = faltet.locator("button.p-select-button__control").first
    knapp.focus()
    sida.keyboard.press("ArrowDown")
    lista = sida.get_by_role("listbox")
    expect(lista.get_by_role("option").first).to_be_visible()
    sedda = set()
    for alternativ in lista.get_by_role("option").all():
        namn = alternativ.locator(".p-select-option__text").inner_text().strip()
        sedda.add(namn)
        vald = "p-select-option--selected" in (alternativ.get_attribute("class") or "")
        if vald != (namn in varden):
            alternativ.click()
    assert set(varden) <= sedda, (varden, sedda)
    vanta_tills(lambda: valda(knapp) == set(varden), f"valen {varden}")
    stang_lista(sida)


def stang_lista(sida: Page) -> None:
    """Close an open drop-down: a click outside it, on the dialog's title (Escape and Tab
    leave Prefect's list open; a click on the select button toggles it)."""
    sida.get_by_role("dialog").get_by_text("Resume Flow Run", exact=True).click()
    expect(sida.get_by_role("listbox")).to_have_count(0)


def valj_datum(sida: Page, faltet: Locator, varde: str) -> None:
    """The date picker: its 'Selected Date' box is a native date input; then Apply."""
    dag = date.fromisoformat(varde)
    ange_typ(faltet, "date")
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


def fyll_poster(
    sida: Page, faltet: Locator, modell: type[BaseModel], poster: list[dict[str, Any]]
) -> None:
    """An 'Add item' list of objects: a row per post, each row a little form of its own."""
    rader = faltet.locator(".p-draggable-list__item")
    for i, post in enumerate(poster):
        if rader.count() <= i:
            faltet.get_by_role("button", name="Add item").last.click()
        expect(rader).to_have_count(i + 1)
        fyll_i(sida, rader.nth(i), modell, post)
    expect(rader).to_have_count(len(poster))


def _utan_none(typ: Any) -> Any:
    if isinstance(typ, types.UnionType) or typing.get_origin(typ) is typing.Union:
        ovriga = [t for t in typing.get_args(typ) if t is not type(None)]
        return ovriga[0] if len(ovriga) == 1 else typ
    return typ


def fyll_i(sida: Page, omrade: Locator, modell: type[BaseModel], svar: dict[str, Any]) -> None:
    """Fill each answer into its field, by the widget the UI shows for the field's type."""
    for namn, varde in svar.items():
        faltet = falt(omrade, *rubriker(modell, namn))
        expect(faltet).to_be_visible()
        typ = _utan_none(modell.model_fields[namn].annotation)
        element = typing.get_args(typ)[0] if typing.get_origin(typ) is list else None
        if isinstance(varde, bool):
            brytare = faltet.get_by_role("switch")
            if brytare.get_attribute("aria-checked") != str(varde).lower():
                brytare.click()
            expect(brytare).to_have_attribute("aria-checked", str(varde).lower())
        elif isinstance(element, type) and issubclass(element, BaseModel):
            fyll_poster(sida, faltet, element, varde)
        elif element is not None and typing.get_origin(element) is typing.Literal:
            valj_flera(sida, faltet, varde)
        elif isinstance(varde, list):
            valj_lista(faltet, [str(v) for v in varde])
        elif typ is date:
            valj_datum(sida, faltet, str(varde))
        elif faltet.locator("button.p-select-button__control").count():
            valj(sida, faltet, varde)
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


def till_deploymentens_formular(sida: Page, ui: str, bilder: Bilder, namn: str) -> None:
    """From the menu: Deployments, the deployment, Run, Custom run."""
    sida.goto(ui)
    meny = sida.get_by_role("button", name="Deployments", exact=True)  # the menu's links
    expect(meny).to_be_visible()
    if sida.get_by_role("button", name="Not now").is_visible():  # "Try the V2 UI" banner
        sida.get_by_role("button", name="Not now").click()
    if bilder.nummer == 0:
        bilder.ta("startsidan")
    meny.click()
    lank = sida.get_by_role("link", name=namn, exact=True).first  # then its flow's link
    expect(lank).to_be_visible()
    bilder.ta(f"deployments-{namn}")
    lank.click()
    expect(sida.get_by_role("button", name="Run", exact=True)).to_be_visible()
    bilder.ta(f"deployment-{namn}")
    sida.get_by_role("button", name="Run", exact=True).click()
    sida.get_by_text("Custom run").click()
    expect(sida.get_by_role("button", name="Submit")).to_be_visible()


def skicka_startformularet(sida: Page, bilder: Bilder, deployment: str) -> UUID:
    sida.get_by_role("button", name="Submit").click()
    # The run, as the server has it: the UI's toast ("scheduled to start") shows for a few
    # seconds only and was once missed on a loaded machine after a good submission.
    korning = korningen_for(deployment)
    bilder.ta(f"{deployment.split('/')[1]}-startad")
    return korning


def starta_arendet(
    sida: Page, ui: str, bilder: Bilder, system: Arendesystem, uppgifter: dict[str, Any]
) -> UUID:
    """The handläggare starts the nomination from arende/nominering's form (signed in: she is
    its handläggare; the form has no field for her)."""
    till_deploymentens_formular(sida, ui, bilder, "nominering")
    # The ärendetyp is the deployment's own: one choice, already made.
    expect(falt(sida, "Ärendetyp").locator("button.p-select-button__control")).to_have_text(
        "nominering"
    )
    omrade = falt(sida, "Uppgifter")
    modell = startmodell(system.typer["nominering"], Arendeuppgifter)
    ordning = ["namnd", "sammantrade", "registreringsdatum", "utmarkelsear"]
    ordning += [n for n in uppgifter if n not in ordning]
    svar = {n: uppgifter[n] for n in ordning}
    # Every unit through the UI's "Add item" list: name, class (drop-down), description.
    svar["enheter"] = [
        {"namn": e["namn"], "klass": e["klass"], "beskrivning": e["beskrivning"]}
        for e in uppgifter["enheter"]
    ]
    fyll_i(sida, omrade, modell, svar)
    bilder.ta("nominering-startformular")
    return skicka_startformularet(sida, bilder, NOMINERING)


def starta_sammantradet(sida: Page, ui: str, bilder: Bilder, data: dict[str, Any]) -> UUID:
    """The nämndsekreterare, signed in, starts the meeting's run from sammantrade's form
    (she keeps its protokoll: no field names her); the run gets a name of its own, so that
    it is found in the runs list."""
    till_deploymentens_formular(sida, ui, bilder, "sammantrade")
    namnet = sida.locator("input").first
    namnet.fill(SAMMANTRADETS_NAMN)
    expect(namnet).to_have_value(SAMMANTRADETS_NAMN)
    valj(sida, falt(sida, SAMMANTRADETS_FALT["namnd"], "namnd"), NAMND)
    valj_datum(sida, falt(sida, SAMMANTRADETS_FALT["datum"], "datum"), "2008-05-13")
    # This meeting is 2008's: the kallelse went out and the protokoll was drawn up then.
    valj_datum(
        sida,
        falt(sida, SAMMANTRADETS_FALT["kallelsedatum"], "kallelsedatum"),
        data["kallelsedatum"],
    )
    valj_datum(
        sida,
        falt(sida, SAMMANTRADETS_FALT["protokolldatum"], "protokolldatum"),
        data["protokolldatum"],
    )
    bilder.ta("sammantrade-startformular")
    return skicka_startformularet(sida, bilder, SAMMANTRADE)


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


def hitta_korningen(
    sida: Page, bilder: Bilder, namn: str, bildnamn: str, korning: UUID | None = None
) -> None:
    """As a person finds a run: the runs list, the run by its name (and, where two runs
    have the same name, the one waiting: the link to `korning`)."""
    sida.get_by_role("button", name="Runs", exact=True).click()
    lank = sida.get_by_role("link", name=namn, exact=True)
    if korning is not None:
        lank = sida.locator(f"a[href$='/runs/flow-run/{korning}']").filter(has_text=namn)
    expect(lank.first).to_be_visible()
    bilder.ta(bildnamn)
    lank.first.click()
    expect(sida.get_by_role("button", name="Resume")).to_be_visible()


@dataclass
class Formular:
    """A waiting form: its model, what its text must tell the person, and the answers."""

    modell: type[BaseModel]
    visar: list[str | re.Pattern[str]]
    svar: dict[str, Any]
    bildnamn: str


def besvara(
    sida: Page,
    ui: str,
    bilder: Bilder,
    korning: UUID,
    korningsnamn: str | re.Pattern[str],
    formular: Formular,
    meddelande: str | None = None,
    kontroll: Callable[[Locator], None] | None = None,
) -> str:
    """Open the waiting run, its resume form, check what the person is told, fill and send.
    Returns the form's text as the person read it."""
    sida.goto(f"{ui}/runs/flow-run/{korning}")
    expect(sida.get_by_text(VANTAR).first).to_be_visible()
    expect(sida.get_by_text(korningsnamn).first).to_be_visible()
    ateruppta = sida.get_by_role("button", name="Resume")
    expect(ateruppta).to_be_visible()
    ateruppta.click()
    dialog = sida.get_by_role("dialog")
    expect(dialog.locator(".schema-form-property").first).to_be_visible()
    # What is being decided, on which ärende or meeting: the description says it in Swedish.
    for text in formular.visar:
        expect(dialog).to_contain_text(text)
    if meddelande is not None:
        expect(dialog).to_contain_text("Förra svaret kunde inte tas emot")
        expect(dialog).to_contain_text(meddelande)
    if kontroll is not None:
        kontroll(dialog)
    text = dialog.inner_text()
    bilder.ta(f"{formular.bildnamn}-formular", dialog)
    fyll_i(sida, dialog, formular.modell, formular.svar)
    bilder.ta(f"{formular.bildnamn}-ifyllt", dialog)
    skicka(sida, dialog)
    return text


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


def test_fran_tomt_ui_till_expedierat_arende(miljo: Miljo, sida: Page) -> None:
    exempel = json.loads(Path(EXEMPEL).read_text(encoding="utf-8"))
    uppgifter, svar, mote = exempel["uppgifter"], exempel["svar"], exempel["sammantrade"]
    som = exempel["som"]
    system, ui = miljo.system, miljo.ui
    typ = system.typer["nominering"]
    bilder = Bilder(sida)

    # -- the handläggare registers the nomination and the chef fastställer it ------------
    # Nothing of Prefect without a login: the gate sends the browser to the provider.
    sida.goto(ui)
    expect(sida.get_by_label("E-postadress")).to_be_visible()
    bilder.ta("inloggningssidan")
    logga_in(sida, ui, bilder, som["start"])
    arendet = starta_arendet(sida, ui, bilder, system, uppgifter)
    assert nasta_formular(arendet, None) == "samverkan-1-1"
    namn = svarare.las(arendet).name
    assert re.fullmatch(r"SoN 2008/\d+ Stadens kvalitetsutmärkelse 2008", namn), namn
    dnr = namn.split(" Stadens")[0]
    hitta_korningen(sida, bilder, namn, "korningarna-arendet")
    expect(sida.get_by_text(VANTAR).first).to_be_visible()
    bilder.ta("arendet-vantar")
    ett_arende: list[str | re.Pattern[str]] = [dnr, re.compile("samverka", re.IGNORECASE)]
    besvara(sida, ui, bilder, arendet, namn, Formular(
        stegmodell(typ.formular.get(Skede.SAMVERKAT), SamverkanSvar, "Samverkan_nominering"),
        ett_arende, svar["samverkan"], "samverkan"))  # fmt: skip
    assert nasta_formular(arendet, "samverkan-1-1") == "faststall-1-1"
    # The handläggare may not fastställa her own förslag: refused, and the form asks again.
    faststall = Formular(
        stegmodell(typ.formular.get(Skede.FORSLAG_FASTSTALLT), FaststallSvar, "Faststall_nominering"),
        [dnr, "Godkänn tjänsteutlåtandet", "2008-05-13"], svar["faststall"], "faststall")  # fmt: skip
    besvara(sida, ui, bilder, arendet, namn, replace(faststall, bildnamn="faststall-handlaggaren"))
    assert nasta_formular(arendet, "faststall-1-1") == "faststall-1-2"
    logga_in(sida, ui, bilder, som["faststall"])
    besvara(sida, ui, bilder, arendet, namn, faststall,
            f"{som['start']} får inte fastställa förslaget till beslut")  # fmt: skip
    # Ready for the dagordning: the ärende's own run is done.
    assert nasta_formular(arendet, "faststall-1-2") is None
    sida.goto(f"{ui}/runs/flow-run/{arendet}")
    expect(sida.get_by_text("Completed").first).to_be_visible()
    bilder.ta("arendet-redo-for-sammantradet")

    # -- the nämndsekreterare starts the sammanträde; the nämnd meets ---------------------
    logga_in(sida, ui, bilder, mote["namndsekreterare"])
    motet = starta_sammantradet(sida, ui, bilder, mote)
    register = visningar.namnd(system.uow(), NAMND).ledamoter
    ledamoter = [x.namn for x in register if x.roll.ar_ledamot]
    ersattare = [x.namn for x in register if not x.roll.ar_ledamot]
    assert nasta_formular(motet, None) == "oppna-1"
    hitta_korningen(sida, bilder, SAMMANTRADETS_NAMN, "korningarna-sammantradet")
    i_motet = [NAMND, "13 maj 2008"]
    besvara(sida, ui, bilder, motet, SAMMANTRADETS_NAMN, Formular(
        oppningsformular(ledamoter, ersattare), [*i_motet, f"({dnr})"], mote["oppna"],
        "oppna"))  # fmt: skip
    tjanstgorande = [*mote["oppna"]["narvarande"], *(
        e["namn"] for e in mote["oppna"]["tjanstgorande_ersattare"])]  # fmt: skip

    beslutet = mote["beslut"]["nominering"]
    assert nasta_formular(motet, "oppna-1") == f"beslut-{slug(dnr)}-1"
    text = besvara(sida, ui, bilder, motet, SAMMANTRADETS_NAMN, Formular(
        beslutsformular(tjanstgorande), [dnr, "Förslag till beslut", "omedelbart justerad"],
        {"utfall": beslutet["utfall"], "yrkanden": beslutet["yrkanden"],
         "omedelbart_justerad": beslutet["omedelbart_justerad"]}, "beslut"))  # fmt: skip
    traff = re.search(r"Paragrafen blir § (\d+)", text)
    assert traff, text
    paragraf = int(traff.group(1))  # § 1 is the val av justerare

    assert nasta_formular(motet, f"beslut-{slug(dnr)}-1") == "anslag-omedelbart-1"
    besvara(sida, ui, bilder, motet, SAMMANTRADETS_NAMN, Formular(
        AnslagSvar, [f"§ {paragraf} Stadens kvalitetsutmärkelse 2008", "omedelbart"],
        mote["anslag_omedelbart"], "anslag-omedelbart"))  # fmt: skip

    # -- the meeting is closed at the time it ended; the protokoll is drawn up -------------
    assert nasta_formular(motet, "anslag-omedelbart-1") == "avsluta-1"
    besvara(sida, ui, bilder, motet, SAMMANTRADETS_NAMN, Formular(
        AvslutaSvar, ["Avsluta", *i_motet, "Det öppnades kl. 18.00"], mote["avsluta"],
        "avsluta"))  # fmt: skip

    # -- the justering: the ordförande signs, first outside the time for it ---------------
    assert nasta_formular(motet, "avsluta-1") == "justering-karin-ekblad-1"
    with system.uow() as uow:
        protokollet = uow.sammantraden.protokoll(NAMND, date(2008, 5, 13))
    assert protokollet is not None

    def ratt_protokoll(dialog: Locator) -> None:  # prefilled: the version drawn up
        expect(falt(dialog, "Protokollets kontrollsumma (sha256)").locator("textarea, input")
               ).to_have_value(protokollet.sha256)  # fmt: skip

    signaturer = mote["signaturer"]
    fonster = ["Justera mellan den 20 maj 2008 och den 27 maj 2008"]
    for nyckel, vem, tidpunkt, bildnamn, meddelande in (
        ("justering-karin-ekblad-1", "Karin Ekblad", "2008-05-19T10:05:00+02:00",
         "justering-ordforande-fel-dag", None),
        ("justering-karin-ekblad-2", "Karin Ekblad", signaturer["Karin Ekblad"],
         "justering-ordforande-rattad", "Protokollet kan justeras tidigast den 20 maj 2008 "
         "och senast den 27 maj 2008; signaturen den 19 maj 2008 är för tidig."),
        ("justering-johan-sundberg-1", "Johan Sundberg", signaturer["Johan Sundberg"],
         "justering-justerare", None),
    ):  # fmt: skip
        assert svarare.vanta_pa_formular(motet, STEG_TIDSGRANS) == nyckel
        logga_in(sida, ui, bilder, vem)  # herself, and a fresh login
        besvara(sida, ui, bilder, motet, SAMMANTRADETS_NAMN, Formular(
            SigneraSvar, [f"Justera protokollet, {vem}", *fonster],
            {"jag_justerar": True, **justeringssvar(tidpunkt)}, bildnamn),
            meddelande, ratt_protokoll)  # fmt: skip
        assert nasta_formular(motet, nyckel) != nyckel

    assert nasta_formular(motet, "justering-johan-sundberg-1") == "anslag-1"
    logga_in(sida, ui, bilder, mote["namndsekreterare"])
    # Nothing to fill in: answering publishes the notice, and today is the posting day (the
    # omedelbart justerad § above was registered as posted on its 2008 day instead).
    besvara(sida, ui, bilder, motet, SAMMANTRADETS_NAMN, Formular(
        AnslagSvar, ["Anslå justeringen", "21 maj 2008", "publicerar systemet anslaget"], {},
        "anslag"))  # fmt: skip
    assert nasta_formular(motet, "anslag-1") is None
    sida.goto(f"{ui}/runs/flow-run/{motet}")
    expect(sida.get_by_text("Completed").first).to_be_visible()
    bilder.ta("sammantradet-klart")

    # The justerat protokoll on the meeting's run, with the ärende's §.
    sida.get_by_text("Artifacts", exact=True).first.click()
    lank = sida.get_by_text("socialtjanstnamnden-2008-05-13-protokoll-justerat-text", exact=True)
    expect(lank).to_be_visible()
    bilder.ta("sammantradet-artifacts")
    lank.click()
    expect(sida.get_by_text("Justerat protokoll").first).to_be_visible()
    paragrafen = sida.get_by_text(f"§ {paragraf}", exact=True)
    expect(paragrafen).to_be_visible()
    for text in (f"Dnr {dnr}", "Paragrafen förklaras omedelbart justerad.",
                 "Tid: Tisdagen den 13 maj 2008 kl. 18.00–19.30",
                 "Justerat digitalt den 20 maj 2008 kl. 10.05",
                 "Justerat digitalt den 21 maj 2008 kl. 14.30"):  # fmt: skip
        expect(sida.get_by_text(text).first).to_be_visible()
    bilder.ta("protokollet")

    # -- the expediering, in its own run --------------------------------------------------
    # The sammanträde started it when the omedelbart justerad § was anslagen; the run names
    # itself after the ärende (dnr and title), as the ärende's own run does.
    expedieringen = korningen_for(EXPEDIERING)
    assert nasta_formular(expedieringen, None) == "expediering-1"
    namn = svarare.las(expedieringen).name
    assert namn.startswith(dnr), namn
    hitta_korningen(sida, bilder, namn, "korningarna-expedieringen", expedieringen)
    logga_in(sida, ui, bilder, som["expediering"])  # the registrator
    besvara(sida, ui, bilder, expedieringen, namn, Formular(
        ExpedieringSvar, [dnr, re.compile("expedier", re.IGNORECASE)],
        svar["expediering"], "expediering"))  # fmt: skip
    assert nasta_formular(expedieringen, "expediering-1") is None
    sida.goto(f"{ui}/runs/flow-run/{expedieringen}")
    expect(sida.get_by_text("Completed").first).to_be_visible()
    expect(sida.get_by_text("skede:avslutat")).to_be_visible()
    bilder.ta("arendet-avslutat")

    # -- the database: what the people filled in through the UI is what was registered ----
    arende = visningar.arende_for_korning(system.uow(), str(arendet))
    assert arende == visningar.hamta_arende(system.uow(), dnr)
    assert arende.skede is Skede.AVSLUTAT
    assert (arende.namnd, arende.handlaggare, arende.uppgifter["utmarkelsear"]) == (
        uppgifter["namnd"],
        som["start"],  # the one who started the run
        uppgifter["utmarkelsear"],
    )
    assert [(e["namn"], e["klass"], e["beskrivning"]) for e in arende.uppgifter["enheter"]] == [
        (e["namn"], e["klass"], e["beskrivning"]) for e in uppgifter["enheter"]
    ]
    assert arende.planerat_sammantrade == date.fromisoformat(uppgifter["sammantrade"])
    assert arende.registreringsdatum == date.fromisoformat(uppgifter["registreringsdatum"])
    assert arende.uppgifter["avslutande_kommentar"] == uppgifter["avslutande_kommentar"]
    assert arende.samverkan is not None
    assert arende.samverkan.datum == date.fromisoformat(svar["samverkan"]["datum"])
    assert arende.samverkan.anteckning == svar["samverkan"]["anteckning"]
    assert arende.faststallande is not None
    assert arende.faststallande.undertecknare == (
        som["faststall"],  # the one who answered the form
        svar["faststall"]["avdelningschef"],
    )
    beslut = arende.gallande_beslut
    assert beslut is not None and beslut.utfall.value == "bifall"
    assert (beslut.paragraf, beslut.sammantrade) == (paragraf, date(2008, 5, 13))
    assert beslut.omedelbar_justering
    assert arende.justering is not None and arende.justering.omedelbar
    assert arende.justering.ordforande == mote["oppna"]["ordforande"]
    assert list(arende.justering.justerare) == mote["oppna"]["justerare"]
    assert arende.anslagsdatum == date.fromisoformat(mote["anslag_omedelbart"]["datum"])
    assert arende.expediering is not None
    assert arende.expediering.datum == date.fromisoformat(svar["expediering"]["datum"])
    assert list(arende.expediering.mottagare) == svar["expediering"]["mottagare"]

    s = visningar.sammantrade(system.uow(), NAMND, date(2008, 5, 13))
    assert s is not None and s.status is Sammantradesstatus.ANSLAGET
    assert s.ordforande == "Karin Ekblad" and list(s.justerare) == ["Johan Sundberg"]
    assert set(s.tjanstgorande) == set(tjanstgorande)
    assert s.justeringsdatum == date(2008, 5, 21)
    assert (s.borjade, s.avslutades) == (klockslag(18), klockslag(19, 30))
    assert s.anslag is not None and s.anslag.datum == Systemklocka().idag()
    with system.uow() as uow:
        tavlan = {(n.slag.value, n.anslaget, n.i_efterhand) for n in uow.anslagstavla.alla(NAMND)}
    assert tavlan == {
        ("omedelbart justerade paragrafer", arende.anslagsdatum, True),
        ("justerat protokoll", Systemklocka().idag(), False),
    }
    # One signature each, on the day given in the form; the refused one left none.
    assert [(x.namn, x.tidpunkt.date()) for x in s.signaturer] == [
        ("Karin Ekblad", date(2008, 5, 20)),
        ("Johan Sundberg", date(2008, 5, 21)),
    ]
    assert [p.dnr for p in s.paragrafer if p.dnr] == [dnr]
    assert [p.nummer for p in s.paragrafer if p.dnr] == [paragraf]

    # The documents: each registered once, its file in the archive folder; the chain intact.
    dokument = handlingar.handlingar(system.uow(), dnr)
    assert [d.typ for d in dokument] == [
        Handlingstyp.TJANSTEUTLATANDE,
        Handlingstyp.PROTOKOLLSUTDRAG,
        Handlingstyp.ANSLAG,
    ]
    for d in dokument:
        fil = miljo.hem / "arkiv" / d.fil
        assert fil.is_file() and fil.stat().st_size > 0, fil
    assert protokollet is not None
    justerat = system.arkiv.las(str(Path(protokollet.fil).parent / "protokoll-justerat.docx"))
    text = system.dokument.mallar.som_markdown(justerat)
    assert f"§ {paragraf}" in text and f"Dnr {dnr}" in text, text
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, (resultat.kedjefel, resultat.filfel)

    # The audit log names who did each act and the login it came from (the provider's
    # issuer and her subject there); the handläggare's refused fastställande is logged too.
    poster = visningar.historik(system.uow(), dnr)
    inloggade = {
        (p.aktor, p.handling): p.innehall["inloggning"]
        for p in poster
        if "inloggning" in p.innehall and p.innehall.get("utfall") == "utförd"
    }
    for vem, handling in [
        (som["start"], "registrera ärendet"),
        (som["samverkan"], "registrera samverkan"),
        (som["faststall"], "fastställa förslaget till beslut"),
        (som["expediering"], "expediera beslutet"),
    ]:
        assert inloggade[(vem, handling)]["utfärdare"] == miljo.utfardare, (vem, handling)
        assert inloggade[(vem, handling)]["epost"] == EPOST[vem]
    # (The system's own refusal to open 2008's tävlingsbidrag, a year without a question
    # set, is logged too, by Ärendesystemet: no person acted there.)
    avvisade = [
        p for p in poster if p.innehall.get("utfall") == "avvisad" and "inloggning" in p.innehall
    ]
    assert [(p.aktor, p.handling) for p in avvisade] == [
        (som["start"], "fastställa förslaget till beslut")
    ]
    assert avvisade[0].innehall["inloggning"]["utfärdare"] == miljo.utfardare
