"""The login gate: Prefect's server (its API and UI) reached only through the kommun's login.

Prefect's open-source server has no users, so this process is the server people reach: it
runs Prefect's own ASGI app in-process (`prefect.server.api.server.create_app`, as `prefect
server start` does) behind a gate that lets through

- a person signed in at the kommun's OpenID Connect provider (authlib is the relying party:
  it checks the ID token's signature against the provider's keys, its issuer, audience,
  expiry and nonce), whose login maps to a person in the register (by e-post); she may read
  everything and take only the acts of a person: start a run of a deployment, answer a
  waiting form, cancel or retry a run. For the first two the gate puts its signed intyg of
  who she is into what Prefect stores (adapters/intyg.py), and the flow acts in her name;
- the service credential (workers, runners, the scheduler, the CLI: PREFECT_API_AUTH_STRING,
  which Prefect's client sends as HTTP Basic, to the API and its websockets); it never
  carries a person's identity: the gate writes no intyg for it;

and nothing else: no header a client sets names anyone. The session is Starlette's signed
cookie; the gate keeps no state of its own.

`python -m deployments.grind --port 4200` runs it around Prefect's app (`make up` does),
with the settings in arende/config.py (ARENDE_OIDC_*, ARENDE_GRIND_*, ARENDE_TJANSTEKONTO).
"""

from __future__ import annotations

import base64
import hmac
import html
import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.starlette_client import OAuth
from joserfc.errors import JoseError
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route, Router
from starlette.staticfiles import StaticFiles

from arende.adapters import intyg
from arende.bootstrap import starta
from arende.config import Installningar
from arende.domain.inloggning import Inloggning
from arende.service_layer.inloggade import Registrerad, vem_ar

logger = logging.getLogger("arende.grind")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UUID = r"[0-9a-fA-F-]{36}"
# The acts of a person, each vouched for with an intyg bound to it.
STARTA = re.compile(rf"^/api/deployments/(?P<deployment>{UUID})/create_flow_run$")
SVARA = re.compile(rf"^/api/flow_runs/(?P<korning>{UUID})/resume$")
# Cancel and retry (the UI's buttons): they change a run's state but act in no one's name.
TILLSTAND = re.compile(rf"^/api/flow_runs/{UUID}/set_state$")
# What the UI asks by POST only to read (Prefect's filters, counts and the UI's own views).
LASA = re.compile(r"^/api/(ui/.*|.*/(filter|count|paginate|history|validate)|events/count-by/.*)$")
INLOGGNINGSSIDOR = {"/logga-in", "/inloggad", "/logga-ut"}
OPPET = {"/api/health", "/api/version"}  # liveness checks: they tell nothing about anyone

# The registered documents, for the links in the runs' artifacts (ARENDE_ARKIV_URL).
ARKIV = "/arkiv/"
SIDA = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>{rubrik} – Ärendesystemet</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<main><h1>{rubrik}</h1>{text}</main></body></html>"""


def sida(rubrik: str, text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(SIDA.format(rubrik=html.escape(rubrik), text=text), status_code=status)


def _lokal_adress(till: str | None) -> str:
    """Only a path on this site: a login link cannot send anyone elsewhere afterwards."""
    if not till or not till.startswith("/") or till.startswith("//"):
        return "/"
    delar = urlsplit(till)
    return delar.path + (f"?{delar.query}" if delar.query else "")


class Grind:
    """The gate as an ASGI app in front of `prefect_app`."""

    def __init__(
        self,
        prefect_app: ASGIApp,
        installningar: Installningar | None = None,
        vem: Callable[[str], Registrerad | None] | None = None,
    ) -> None:
        inst = installningar or Installningar()
        self.prefect_app = prefect_app
        self.inst = inst
        self.vem = vem or (lambda epost: vem_ar(starta().uow(), epost))
        if not inst.oidc_utfardare:
            raise SystemExit("ARENDE_OIDC_UTFARDARE saknas: ange kommunens inloggning (issuer).")
        if not inst.tjanstekonto.get_secret_value():
            raise SystemExit("ARENDE_TJANSTEKONTO saknas: tjänstekontot för workers och CLI.")
        if not inst.grind_sessionsnyckel.get_secret_value():
            raise SystemExit("ARENDE_GRIND_SESSIONSNYCKEL saknas: nyckeln för sessionskakan.")
        self.privat_nyckel = inst.intygsnyckel.read_bytes()
        self.oauth = OAuth()
        self.oauth.register(
            "kommunen",
            client_id=inst.oidc_klient_id,
            client_secret=inst.oidc_klient_hemlighet.get_secret_value(),
            server_metadata_url=(
                inst.oidc_utfardare.rstrip("/") + "/.well-known/openid-configuration"
            ),
            client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
        )
        self.klient = self.oauth.create_client("kommunen")
        self.tjanst = (
            "Basic " + base64.b64encode(inst.tjanstekonto.get_secret_value().encode()).decode()
        )
        inst.arkiv_dir.mkdir(parents=True, exist_ok=True)
        self.arkiv = StaticFiles(directory=inst.arkiv_dir)
        self.inloggning = Router(
            routes=[
                Route("/logga-in", self.logga_in),
                Route("/inloggad", self.inloggad),
                Route("/logga-ut", self.logga_ut),
            ]
        )
        self.app = SessionMiddleware(
            self._vidare,
            secret_key=inst.grind_sessionsnyckel.get_secret_value(),
            session_cookie="arende_session",
            max_age=8 * 3600,  # a working day
            same_site="lax",
            https_only=inst.grind_url.startswith("https://"),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # Prefect's own startup: migrations, its services
            await self.prefect_app(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _vidare(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in INLOGGNINGSSIDOR:
            await self.inloggning(scope, receive, send)
            return
        await self.vakt(scope, receive, send)

    # -- login ---------------------------------------------------------------------------

    async def logga_in(self, request: Request) -> Response:
        """To the provider; `ny=1` asks for a fresh login (before signing a protokoll)."""
        request.session["till"] = _lokal_adress(request.query_params.get("till"))
        extra = {"prompt": "login", "max_age": 0} if request.query_params.get("ny") else {}
        tillbaka = self.inst.grind_url.rstrip("/") + "/inloggad"
        svar: Response = await self.klient.authorize_redirect(request, tillbaka, **extra)
        return svar

    async def inloggad(self, request: Request) -> Response:
        """The provider sends the person back here with a code; authlib exchanges it and
        checks the ID token. The login must map to someone in the register."""
        try:
            token = await self.klient.authorize_access_token(request)
        # authlib's own errors (the code, the state, the claims) and joserfc's (the ID
        # token's signature): a forged or stale login gets the Swedish page, not a 500.
        except (AuthlibBaseError, JoseError, httpx.HTTPError, ValueError, KeyError) as fel:
            logger.warning("Inloggningen avvisades: %s", fel)
            return sida(
                "Inloggningen misslyckades",
                "<p>Inloggningen kunde inte styrkas, och ingenting har gjorts. "
                '<a href="/logga-in">Försök igen</a>.</p>',
                status=401,
            )
        anspraak = dict(token.get("userinfo") or {})
        try:
            person = self.person_for(anspraak)
        except PermissionError as fel:
            request.session.clear()
            return sida("Ingen behörighet", f"<p>{html.escape(str(fel))}</p>", status=403)
        request.session["person"] = {
            "namn": person.namn,
            "epost": person.epost,
            "iss": str(anspraak["iss"]),
            "sub": str(anspraak["sub"]),
            "auth_time": int(anspraak.get("auth_time") or anspraak["iat"]),
        }
        logger.info("%s (%s) loggade in via %s", person.namn, person.epost, anspraak["iss"])
        return RedirectResponse(_lokal_adress(request.session.pop("till", "/")), 303)

    def person_for(self, anspraak: dict[str, Any]) -> Registrerad:
        """The register's person for the verified claims, or PermissionError (Swedish)."""
        epost = str(anspraak.get(self.inst.oidc_epost_anspraak) or "").strip()
        if not anspraak.get("sub") or not anspraak.get("iss"):
            raise PermissionError("Inloggningen saknar uppgift om vem du är (sub, iss).")
        if not epost:
            raise PermissionError(
                "Inloggningen saknar din e-postadress, så du kan inte kopplas till "
                "personregistret. Kontakta registratorn."
            )
        person = self.vem(epost)
        if person is None:
            raise PermissionError(
                f"Du är inloggad som {epost}, men ingen i ärendesystemets personregister har "
                "den e-postadressen, så du kan inte göra något här. Kontakta registratorn."
            )
        return person

    async def logga_ut(self, request: Request) -> Response:
        request.session.clear()
        return sida(
            "Utloggad",
            '<p>Du är utloggad ur ärendesystemet. <a href="/logga-in">Logga in igen</a>.</p>',
        )

    # -- the gate ------------------------------------------------------------------------

    def _tjansten(self, scope: Scope) -> bool | None:
        """True: the service credential; False: some other Authorization (refused); None:
        none given."""
        for namn, varde in scope.get("headers", []):
            if namn == b"authorization":
                return hmac.compare_digest(bytes(varde), self.tjanst.encode())
        return None

    async def vakt(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.prefect_app(scope, receive, send)
            return
        sokvag = scope["path"]
        tjanst = self._tjansten(scope)
        if tjanst is True:
            await self.prefect_app(scope, receive, send)
            return
        if sokvag in OPPET and scope["type"] == "http":
            await self.prefect_app(scope, receive, send)
            return
        person = scope.get("session", {}).get("person") if tjanst is None else None
        if person is None and tjanst is None and scope["type"] == "websocket":
            # Prefect's event subscribers authenticate in the socket's first message (the
            # 'prefect' subprotocol), not in the upgrade request.
            await self.prefect_app(
                scope, self._forsta_meddelandet_ar_tjanstens(receive, send), send
            )
            return
        if person is None:
            await self._ej_inloggad(scope, receive, send, sokvag)
            return
        if scope["type"] == "websocket":
            await self.prefect_app(scope, receive, send)
            return
        metod = scope["method"]
        if sokvag.startswith(ARKIV) and metod in ("GET", "HEAD"):
            await self.arkiv(dict(scope, path=sokvag.removeprefix(ARKIV) or "/"), receive, send)
            return
        if metod in ("GET", "HEAD", "OPTIONS") or (metod == "POST" and LASA.match(sokvag)):
            await self.prefect_app(scope, receive, send)
            return
        if metod == "POST" and (traff := STARTA.match(sokvag)):
            await self._med_intyg(
                scope, receive, send, person, "parameters", deployment=traff["deployment"]
            )
            return
        if metod == "POST" and (traff := SVARA.match(sokvag)):
            formular = await self._vantande_formular(traff["korning"])
            if formular is None:
                await JSONResponse(
                    {"detail": "Körningen väntar inte på något formulär: ditt svar användes inte."},
                    409,
                )(scope, receive, send)
                return
            await self._med_intyg(
                scope,
                receive,
                send,
                person,
                "run_input",
                korning=traff["korning"],
                formular=formular,
            )
            return
        if metod == "POST" and TILLSTAND.match(sokvag):
            await self._byt_tillstand(scope, receive, send, person)
            return
        logger.warning("%s nekades %s %s", person["namn"], metod, sokvag)
        await JSONResponse(
            {
                "detail": f"{person['namn']} får inte ändra det här i Prefect ({metod} "
                f"{sokvag}): en person startar körningar, svarar i formulär och avbryter "
                "eller upprepar körningar. Resten gör systemet."
            },
            403,
        )(scope, receive, send)

    def _forsta_meddelandet_ar_tjanstens(self, receive: Receive, send: Send) -> Receive:
        """The socket's messages, once its first is the service credential's auth message;
        anything else closes it before Prefect sees a word."""
        konto = self.inst.tjanstekonto.get_secret_value().encode()
        kontrollerat = False

        async def las() -> Message:
            nonlocal kontrollerat
            meddelande = await receive()
            if kontrollerat or meddelande["type"] != "websocket.receive":
                return meddelande
            kontrollerat = True
            try:
                data = json.loads(meddelande.get("text") or meddelande.get("bytes") or b"")
            except ValueError:
                data = None
            ar_auth = isinstance(data, dict) and data.get("type") == "auth"
            token = str(data.get("token") or "") if isinstance(data, dict) else ""
            if ar_auth and hmac.compare_digest(token.encode(), konto):
                return meddelande
            await send({"type": "websocket.close", "code": 1008})
            return {"type": "websocket.disconnect", "code": 1008}

        return las

    async def _ej_inloggad(self, scope: Scope, receive: Receive, send: Send, sokvag: str) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        text = "Inte inloggad: logga in på " + self.inst.grind_url.rstrip("/") + "/logga-in."
        accept = dict(scope.get("headers", [])).get(b"accept", b"").decode("latin-1")
        if sokvag.startswith("/api/") or "text/html" not in accept:
            await JSONResponse({"detail": text}, 401)(scope, receive, send)
            return
        fraga = scope.get("query_string", b"").decode("latin-1")
        till = sokvag + (f"?{fraga}" if fraga else "")
        await RedirectResponse(f"/logga-in?till={quote(till)}", 303)(scope, receive, send)

    async def _vantande_formular(self, korning: str) -> str | None:
        """The key of the form the run waits for now (its pause key), read from Prefect."""
        transport = httpx.ASGITransport(app=self.prefect_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://grind") as klient:
            svar = await klient.get(f"/api/flow_runs/{korning}")
        if svar.status_code != 200:
            return None
        tillstand = svar.json().get("state") or {}
        if tillstand.get("type") != "PAUSED":
            return None
        nyckel = (tillstand.get("state_details") or {}).get("pause_key")
        return str(nyckel) if nyckel else None

    async def _med_intyg(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        person: dict[str, Any],
        falt: str,
        **bunden_till: str,
    ) -> None:
        """Pass the request on with the gate's intyg in its `falt` (what Prefect stores for
        the run), in place of anything the client put there."""
        data = await _json_kropp(receive)
        if data is None:
            await JSONResponse({"detail": "Begäran är ingen JSON."}, 400)(scope, receive, send)
            return
        inloggning = Inloggning(
            namn=person["namn"],
            epost=person["epost"],
            utfardare=person["iss"],
            subjekt=person["sub"],
            inloggad=datetime.fromtimestamp(person["auth_time"], UTC),
            intygad=datetime.now(UTC),
        )
        innehall = data.get(falt) or {}
        innehall["intyg"] = intyg.utfarda(self.privat_nyckel, inloggning, bunden_till)
        data[falt] = innehall
        logger.info("%s: %s %s", person["namn"], scope["method"], scope["path"])
        await self._vidare_med(scope, receive, send, data)

    async def _byt_tillstand(
        self, scope: Scope, receive: Receive, send: Send, person: dict[str, Any]
    ) -> None:
        """A person may cancel a run or retry it, as the UI's buttons do; no other state
        (a forced Completed, a waiting run resumed without its answer)."""
        data = await _json_kropp(receive)
        tillstand = (data or {}).get("state") or {}
        typ, namn = tillstand.get("type"), tillstand.get("name")
        avbryt = typ in ("CANCELLING", "CANCELLED")
        forsok_igen = typ == "SCHEDULED" and namn == "AwaitingRetry"
        if data is None or data.get("force") or not (avbryt or forsok_igen):
            logger.warning("%s nekades tillståndet %s (%s)", person["namn"], typ, namn)
            await JSONResponse(
                {
                    "detail": f"{person['namn']} får bara avbryta en körning eller försöka "
                    "igen (Cancel, Retry); ett formulär besvaras i formuläret."
                },
                403,
            )(scope, receive, send)
            return
        logger.info("%s: %s %s", person["namn"], typ, scope["path"])
        await self._vidare_med(scope, receive, send, data)

    async def _vidare_med(
        self, scope: Scope, receive: Receive, send: Send, data: dict[str, Any]
    ) -> None:
        """The request on to Prefect with this JSON body."""
        ny = json.dumps(data).encode()
        headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"]
        headers.append((b"content-length", str(len(ny)).encode()))
        skickat = False

        async def las() -> Message:
            nonlocal skickat
            if skickat:
                return await receive()
            skickat = True
            return {"type": "http.request", "body": ny, "more_body": False}

        await self.prefect_app(dict(scope, headers=headers), las, send)


async def _json_kropp(receive: Receive) -> dict[str, Any] | None:
    """The request's body as a JSON object, or None."""
    kropp = b""
    while True:
        meddelande = await receive()
        kropp += meddelande.get("body", b"")
        if not meddelande.get("more_body"):
            break
    try:
        data = json.loads(kropp or b"{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
