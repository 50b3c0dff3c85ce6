"""The public site in a real browser: Debian's Chromium through Playwright, against the site
served by uvicorn over a database opened read-only, with a clock the test sets.

Seed 000's nomination is decided at Socialtjänstnämnden's sammanträde of 13 May 2008 and
the protokoll justerat; answering the anslag step publishes the notice on 15 May. Then:
- on 15 May the notice is on the anslagstavla with its dates; the day after the appeal
  period it is gone from the board and found in the archive;
- axe-core (tests/e2e/axe, installed by `make install`) finds no WCAG 2.0/2.1 A or AA
  violation on any kind of page;
- with JavaScript off, every page still works: the skip link, the board's choice of
  nämnd and the diarium's search, by keyboard.
No Prefect here: the site reads only the database, so the meeting is held through the
service layer (tests/hjalp.py) as the flows would.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import skapa_lasmotor, skapa_motor
from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.domain.skeden import Utfall
from arende.entrypoints.publik import skapa_app
from tests import hjalp, seed000
from tests.conftest import FastKlocka
from tests.e2e.webblasare import CHROMIUM_ARGUMENT

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # the chromium fixture fails in CI, skips elsewhere
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PUBLICERAT = date(2008, 5, 15)
SISTA_DAG = date(2008, 6, 5)
DAGEN_EFTER = date(2008, 6, 6)
VANTAN_MS = 60_000

# Every kind of page the site has, each at the state that shows the most.
SIDOR = [
    "/",
    "/anslagstavla",
    "/anslagstavla?namnd=SoN",
    "/anslagstavla/arkiv",
    "/anslagstavla/skarm",
    "/anslagstavla/kontrollsummor",
    "/sammantraden?namnd=SoN&ar=2008",
    "/sammantraden/SoN/2008-05-13",
    "/oppna-data",
    "/diarium",
    "/diarium?sok=kvalitet",
    "/diarium?sida=tre",  # the Swedish error inside the page
    "/anslagstavla?namnd=XYZ",  # the error page
]


@dataclass
class Webbplats:
    url: str
    klocka: FastKlocka


def _ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def webbplats(
    chromium: str, sqlite_mall: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Webbplats]:
    if not AXE.is_file():
        pytest.fail(f"axe-core saknas ({AXE}): kör make install.")
    mapp = tmp_path_factory.mktemp("publik")
    fil = mapp / "arende.db"
    fil.write_bytes(sqlite_mall.read_bytes())
    url = f"sqlite:///{fil}"
    klocka = FastKlocka(PUBLICERAT)
    system = Arendesystem(skapa_motor(url), klocka=klocka, arkiv=Filarkiv(mapp / "arkiv"))
    dnr = seed000.registrera(system)
    seed000.till_faststallt(system, dnr)
    hjalp.hall_sammantrade(
        system,
        {dnr: {"utfall": Utfall.BIFALL, "omedelbart_justerad": True}},
        justerat=date(2008, 5, 14),
        publicera=True,
    )
    system.motor.dispose()

    kalla = Publikkalla(skapa_lasmotor(url), klocka, arkiv=Filarkiv(mapp / "arkiv"))
    port = _ledig_port()
    server = uvicorn.Server(
        uvicorn.Config(skapa_app(kalla), host="127.0.0.1", port=port, log_level="warning")
    )
    trad = threading.Thread(target=server.run, daemon=True)
    trad.start()
    slut = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < slut, "den publika webbplatsen startade inte"
        time.sleep(0.05)
    try:
        yield Webbplats(f"http://127.0.0.1:{port}", klocka)
    finally:
        server.should_exit = True
        trad.join(10)


@pytest.fixture(scope="module")
def webblasare(chromium: str) -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGUMENT, timeout=VANTAN_MS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def sida(webblasare: Browser, webbplats: Webbplats) -> Iterator[Page]:
    webbplats.klocka.dag = PUBLICERAT
    sida = webblasare.new_page(locale="sv-SE")
    sida.set_default_timeout(VANTAN_MS)
    yield sida
    sida.close()


@pytest.fixture
def sida_utan_js(webblasare: Browser, webbplats: Webbplats) -> Iterator[Page]:
    webbplats.klocka.dag = PUBLICERAT
    sammanhang = webblasare.new_context(java_script_enabled=False, locale="sv-SE")
    sida = sammanhang.new_page()
    sida.set_default_timeout(VANTAN_MS)
    yield sida
    sammanhang.close()


def test_anslaget_syns_med_sina_datum_och_flyttar_till_arkivet(
    sida: Page, webbplats: Webbplats
) -> None:
    sida.goto(f"{webbplats.url}/anslagstavla")
    anslag = sida.get_by_role("article").filter(has_text="Justering av protokoll")
    expect(anslag).to_have_count(1)
    for text in ("2008-05-13", "2008-05-14", "2008-05-15", "2008-06-05", "2008-06-06"):
        expect(anslag).to_contain_text(text)
    expect(anslag).to_contain_text("Socialtjänstförvaltningens kansli")
    # The nomination's omedelbart justerad § went up on its own notice, the day after.
    expect(sida.get_by_role("article")).to_have_count(2)

    webbplats.klocka.dag = SISTA_DAG
    sida.reload()
    expect(sida.get_by_role("article").filter(has_text="Justering av protokoll")).to_have_count(1)

    webbplats.klocka.dag = DAGEN_EFTER
    sida.reload()
    expect(sida.get_by_text("Inga anslag sitter uppe i dag.")).to_be_visible()
    sida.get_by_role("link", name="arkivet").click()
    expect(sida.get_by_role("heading", level=1)).to_have_text("Anslagstavlans arkiv")
    expect(sida.get_by_role("article").filter(has_text="Justering av protokoll")).to_contain_text(
        "2008-06-05"
    )


def axe_brister(sida: Page) -> list[dict[str, Any]]:
    """axe-core's violations of WCAG 2.0 and 2.1, levels A and AA, on the page as shown."""
    sida.add_script_tag(path=str(AXE))
    resultat: dict[str, Any] = sida.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
        })"""
    )
    return [
        {"regel": b["id"], "vad": b["help"], "var": [n["target"] for n in b["nodes"]]}
        for b in resultat["violations"]
    ]


@pytest.mark.parametrize("adress", SIDOR)
def test_inga_brister_enligt_axe(sida: Page, webbplats: Webbplats, adress: str) -> None:
    sida.goto(webbplats.url + adress)
    brister = axe_brister(sida)
    assert brister == [], json.dumps(brister, ensure_ascii=False, indent=1)
    assert sida.locator("html").get_attribute("lang") == "sv"


def test_granskningen_kan_finna_brister(sida: Page) -> None:
    # The check above is worth something only if it can fail: a page without a language,
    # an image without text and an unlabelled field are three violations.
    sida.set_content("<html><body><img src='x.png'><input type='text'></body></html>")
    assert {b["regel"] for b in axe_brister(sida)} >= {"html-has-lang", "image-alt", "label"}


def test_utan_javascript_med_tangentbordet(sida_utan_js: Page, webbplats: Webbplats) -> None:
    sida = sida_utan_js
    sida.goto(f"{webbplats.url}/anslagstavla")
    # The first Tab reaches the skip link, which leads to the content.
    sida.keyboard.press("Tab")
    expect(sida.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()
    sida.keyboard.press("Enter")
    assert sida.url.endswith("#innehall")
    # The board's choice of nämnd: a plain form.
    sida.get_by_label("Nämnd", exact=True).select_option(label="Östermalms stadsdelsnämnd")
    sida.get_by_role("button", name="Visa").focus()
    sida.keyboard.press("Enter")
    expect(sida.get_by_text("Inga anslag sitter uppe i dag.")).to_be_visible()
    assert "namnd=" in sida.url
    # The diarium's search, typed and sent with Enter.
    sida.goto(f"{webbplats.url}/diarium")
    sida.get_by_label("Sökord eller diarienummer").fill("kvalitetsutmärkelse")
    sida.keyboard.press("Enter")
    expect(sida.get_by_role("heading", name="1 ärende")).to_be_visible()
    expect(sida.get_by_role("cell", name="SoN 2008/1", exact=True)).to_be_visible()
