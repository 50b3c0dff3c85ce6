"""The public site under hostile input: SQL and LIKE wildcards in the search box, NUL bytes,
invalid UTF-8, 100 kB values, unknown parameters, page numbers beyond any integer column,
methods other than GET and HEAD, and paths that try to climb out. Every answer is a Swedish
page or a 4xx (405 for a method), never a 500 or a stack trace, and the database is the same
afterwards. On PostgreSQL the site reads under its own role, as in production, so a page
that reads something the role was not granted fails here too.

To cover a new page, add its address to SIDOR (and any parameter of its own to PARAMETRAR)."""

from __future__ import annotations

import asyncio
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote_to_bytes

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine

from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import skapa_lasmotor, skapa_motor
from arende.adapters.publiklasning import Publikkalla
from arende.bootstrap import Arendesystem
from arende.entrypoints.publik import skapa_app
from tests import hjalp
from tests.conftest import PG_URL, FastKlocka
from tests.publikmiljo import fingeravtryck, pg_schema, publik_roll

PUBLICERAT = date(2008, 5, 15)

# Every page of the site, and every parameter any page reads (plus one none does).
SIDOR = [
    "/",
    "/anslagstavla",
    "/anslagstavla/arkiv",
    "/anslagstavla/SoN.atom",
    "/anslagstavla/skarm",
    "/anslagstavla/kontrollsummor",
    "/anslagstavla/kontrollsummor.json",
    "/sammantraden",
    "/sammantraden/SoN/2008-05-13",
    "/sammantraden/SoN.ics",
    "/diarium",
    "/oppna-data",
    "/oparl/v1/system",
    "/oparl/v1/body/kommun/meeting",
    "/oparl/v1/body/kommun/paper",
    "/oparl/v1/paper/SoN-2008-1",
    "/oparl/v1/meeting/SoN/2008-05-13",
]
PARAMETRAR = ["sok", "namnd", "ar", "status", "sida", "okand"]

# Each value as it is sent, percent-encoded (or deliberately not).
VARDEN = {
    "sql": quote("' OR 1=1 --"),
    "sql-union": quote("x' UNION SELECT hash FROM granskningslogg --"),
    "sql-semikolon": quote("'; DELETE FROM arende; --"),
    "procent": "%25",
    "understreck": "_",
    "bakstreck": "%5C",
    "nul": "%00",
    "nul-i-text": "SoN%002008",
    "ogiltig-utf8": "%FF%FE%C3%28",
    "surrogat": "%ED%A0%80",
    "html": quote('"><script>alert(1)</script>'),
    "stort-tal": "99999999999999999999",
    "negativt": "-9223372036854775809",
    "tomt": "",
    "100kB": "x" * 100_000,
}

VAGAR = [
    "/anslagstavla/..%2f..%2fetc%2fpasswd.atom",
    "/anslagstavla/%2e%2e%2f%2e%2e%2fetc%2fpasswd.atom",
    "http://testserver//etc/passwd",
    "/anslagstavla/%00.atom",
    "/anslagstavla/SoN.atom%00",
    "/anslagstavla/" + "x" * 100_000 + ".atom",
    "/%FF",
    "/.env",
    "/templates/publik/bas.html",
    "/openapi.json",
    "/docs",
]


@dataclass
class Webbplats:
    klient: TestClient
    agare: Engine  # the owner's engine, to see that nothing changed
    fore: dict[str, int | str | None]


def bygg(agare: str, arkiv: Path) -> None:
    """Three ärenden in the diarium and a justering on the anslagstavla (through the runner)."""
    motor = skapa_motor(agare)
    try:
        system = Arendesystem(motor, klocka=FastKlocka(PUBLICERAT), arkiv=Filarkiv(arkiv))
        hjalp.beslutat_och_anslaget(system, "Riktlinjer", justerat=date(2008, 5, 14))
        for mening in ("Yttrande om bostäder", "100% av 50_000 kr"):
            hjalp.registrera(system, "tjansteutlatande", {"arendemening": mening})
    finally:
        motor.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def webbplats(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Webbplats]:
    katalog = tmp_path_factory.mktemp("fientlig")
    with ExitStack() as stack:
        if request.param == "sqlite":
            fil = katalog / "arende.db"
            shutil.copyfile(request.getfixturevalue("sqlite_mall"), fil)
            agare = f"sqlite:///{fil}"
        else:
            if not request.getfixturevalue("pg_tillganglig"):
                pytest.skip(f"PostgreSQL på {PG_URL} svarar inte")
            agare = stack.enter_context(pg_schema())
        bygg(agare, katalog / "arkiv")
        # On PostgreSQL the site's own role, as `arende publik-roll` makes it.
        publik = stack.enter_context(publik_roll(agare)) if request.param != "sqlite" else agare
        kalla = Publikkalla(
            skapa_lasmotor(publik), FastKlocka(PUBLICERAT), arkiv=Filarkiv(katalog / "arkiv")
        )
        stack.callback(kalla.motor.dispose)
        agarens = create_engine(agare)
        stack.callback(agarens.dispose)
        klient = stack.enter_context(TestClient(skapa_app(kalla)))
        yield Webbplats(klient, agarens, fingeravtryck(agarens))


@pytest.fixture(autouse=True)
def ofarandrad(webbplats: Webbplats) -> Iterator[None]:
    yield
    assert fingeravtryck(webbplats.agare) == webbplats.fore


def hamta(webbplats: Webbplats, adress: str, metod: str = "GET") -> httpx.Response:
    """The site's answer to one request. httpx refuses to send an address over 64 kB, so a
    longer one goes straight to the ASGI app: uvicorn (h11) itself answers 400 to a request
    line over 16 kB, but behind another server or proxy the app may still get one."""
    if len(adress) < 60_000:
        return webbplats.klient.request(metod, adress)
    vag, _, fraga = adress.partition("?")
    meddelanden: list[dict[str, Any]] = []

    async def ta_emot() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def skicka(meddelande: dict[str, Any]) -> None:
        meddelanden.append(meddelande)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": metod,
        "scheme": "http",
        "path": unquote_to_bytes(vag).decode("utf-8", "replace"),
        "raw_path": vag.encode(),
        "query_string": fraga.encode(),
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
    }
    asyncio.run(webbplats.klient.app(scope, ta_emot, skicka))
    start = next(m for m in meddelanden if m["type"] == "http.response.start")
    kropp = b"".join(m.get("body", b"") for m in meddelanden if m["type"] == "http.response.body")
    return httpx.Response(
        start["status"],
        headers=start["headers"],
        content=kropp,
        request=httpx.Request(metod, "http://testserver" + adress[:100]),
    )


def granska(svar: httpx.Response, *tillatna: int) -> None:
    """A Swedish page (or the Atom feed), with one of the allowed statuses, never a trace."""
    fraga = f"{svar.request.method} {str(svar.request.url)[:120]}"
    assert svar.status_code in tillatna, f"{fraga}: {svar.status_code} {svar.text[:300]}"
    typ = svar.headers["content-type"]
    if typ.startswith("application/atom+xml"):
        ET.fromstring(svar.content)
        return
    if typ.startswith("text/calendar"):
        assert svar.text.startswith("BEGIN:VCALENDAR"), fraga
        return
    if typ.startswith("application/json"):
        data = json.loads(svar.content)  # the API answers JSON, its refusals too
        for spar in ("Traceback", "Exception", "sqlalchemy", "psycopg"):
            assert spar not in svar.text, f"{fraga}: {spar}"
        if svar.status_code >= 400:
            assert isinstance(data, dict) and data.get("message"), fraga
        return
    assert typ.startswith("text/html"), f"{fraga}: {typ}"
    text = svar.text
    assert '<html lang="sv">' in text, fraga
    for spar in ("Traceback", "Exception", '"detail"', "<script>", "sqlalchemy", "psycopg"):
        assert spar not in text, f"{fraga}: {spar}"
    if svar.status_code >= 400:
        assert 'role="alert"' in text, fraga


def test_varje_sida_visar_sitt(webbplats: Webbplats) -> None:
    """The baseline: under the role every page reads what it shows."""
    sidor = {sida: webbplats.klient.get(sida) for sida in SIDOR}
    for svar in sidor.values():
        granska(svar, 200)
    assert "SoN 2008/3" in sidor["/diarium"].text
    assert "Justering av protokoll" in sidor["/anslagstavla"].text
    assert "<entry>" in sidor["/anslagstavla/SoN.atom"].text


@pytest.mark.parametrize("varde", VARDEN)
@pytest.mark.parametrize("sida", SIDOR)
def test_fientliga_varden_i_varje_parameter(webbplats: Webbplats, sida: str, varde: str) -> None:
    for parameter in PARAMETRAR:
        granska(hamta(webbplats, f"{sida}?{parameter}={VARDEN[varde]}"), 200, 400, 404)


@pytest.mark.parametrize(
    ("adress", "meddelande"),
    [
        ("/diarium?sok=%27%20OR%201%3D1%20--", "0 ärenden"),
        # A sign is no word to the full-text index: nothing found, and never a wildcard.
        ("/diarium?sok=%25", "0 ärenden"),
        ("/diarium?sok=_", "0 ärenden"),
        ("/diarium?sok=%5C", "0 ärenden"),
        ("/diarium?sida=99999999999999999999", "Sidan 99999999999999999999 finns inte"),
        ("/diarium?ar=99999999999999999999", "Året ska vara mellan"),
        ("/diarium?sok=" + "x" * 100_000, "Söktexten är för lång"),
        ("/diarium?sok=Riktlinjer%00", "1 ärende"),  # a NUL is a space, not an error
        ("/anslagstavla/arkiv?sida=99999999999999999999", "Sidan 99999999999999999999 finns inte"),
        ("/anslagstavla?namnd=%27%20OR%201%3D1%20--", "ingen nämnd med förkortningen"),
    ],
    ids=[
        "sql",
        "procent",
        "understreck",
        "bakstreck",
        "stor-sida",
        "stort-ar",
        "100kB-sok",
        "nul-i-sok",
        "stor-arkivsida",
        "sql-namnd",
    ],
)
def test_svenskt_besked(webbplats: Webbplats, adress: str, meddelande: str) -> None:
    svar = hamta(webbplats, adress)
    granska(svar, 200, 400, 404)
    assert meddelande in svar.text, svar.text[-1500:]


@pytest.mark.parametrize("sida", SIDOR)
def test_head_som_get_och_andra_metoder_405(webbplats: Webbplats, sida: str) -> None:
    get = webbplats.klient.get(sida)
    head = webbplats.klient.head(sida)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    for metod in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS"):
        svar = webbplats.klient.request(metod, sida, content=b"namn=x")
        granska(svar, 405)
        assert svar.headers["allow"] == "GET, HEAD"
        assert "kan bara hämtas och läsas" in svar.text


@pytest.mark.parametrize("adress", VAGAR, ids=[v[:40] for v in VAGAR])
def test_vagar_ut_ur_webbplatsen_leder_ingenstans(webbplats: Webbplats, adress: str) -> None:
    svar = hamta(webbplats, adress)
    granska(svar, 404)
    assert "root:" not in svar.text and "ARENDE_" not in svar.text


def test_ett_fel_hos_webbplatsen_ger_en_svensk_sida_utan_spar(tmp_path: Path) -> None:
    """A fault of the site's own (here: a database without its tables) is a 500 with the
    Swedish page, not the framework's text or a stack trace; the server logs it."""
    tom = Publikkalla(skapa_lasmotor(f"sqlite:///{tmp_path / 'tom.db'}"))
    (tmp_path / "tom.db").touch()
    with TestClient(skapa_app(tom), raise_server_exceptions=False) as klient:
        for sida in ("/diarium", "/anslagstavla"):
            svar = klient.get(sida)
            granska(svar, 500)
            assert "fel hos oss" in svar.text and "no such table" not in svar.text
    tom.motor.dispose()
