"""A real Prefect server behind the login gate, a real OpenID Connect provider (the local one
of `make up`) with the grunddata's people, and our runner: for the tests where people log in
(tests/flows/test_grind.py over HTTP, tests/e2e in Chromium)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx
from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_API_URL, temporary_settings

from arende.config import Installningar
from deployments import svarare
from deployments.lokal_prefect import grindmiljo, ledig_port, prefect_server, runner
from deployments.oidc_lokal import anvandare_ur_grunddata, losenord_for, oidc_leverantor
from tests.prefect_miljo import databas_url, miljovariabler

KLIENTHEMLIGHET = "klienthemlighet-for-testet"


@dataclass(frozen=True)
class Inloggningsmiljo:
    url: str  # the gate: where people go
    utfardare: str  # the provider's issuer
    hem: Path


@contextmanager
def server_med_inloggning(
    hem: Path,
    deployment: str,
    fler_anvandare: tuple[dict[str, str], ...] = (),
    tidsgrans: float = 120,
    **extra: str,
) -> Iterator[Inloggningsmiljo]:
    """The provider (the grunddata's people and `fler_anvandare`), the gate with Prefect and
    the runner (with `extra` settings), until the block ends. This process's Prefect client
    uses the service credential and holds the gate's key, like
    tests/prefect_miljo.server_och_runner."""
    url = f"http://127.0.0.1:{ledig_port()}"
    anvandare = [*anvandare_ur_grunddata(Installningar().grunddata), *fler_anvandare]
    klient = {
        "client_id": "arende",
        "client_secret": KLIENTHEMLIGHET,
        "redirect_uris": [f"{url}/inloggad"],
        "post_logout_redirect_uris": [f"{url}/logga-ut"],
    }
    miljo: dict[str, Any] = {
        "ARENDE_DATABASE_URL": databas_url(hem),
        "ARENDE_ARKIV_DIR": str(hem / "arkiv"),
        **extra,
    }
    with (
        miljovariabler(**miljo),
        oidc_leverantor(hem / "oidc", None, [klient], anvandare) as utfardare,
    ):
        grind = grindmiljo(hem / "nycklar", utfardare, KLIENTHEMLIGHET)
        try:
            with (
                prefect_server(hem, grind, port=int(url.rsplit(":", 1)[1])) as api_url,
                runner(api_url, hem, grind, **miljo),
                temporary_settings(
                    {PREFECT_API_URL: api_url, PREFECT_API_AUTH_STRING: grind.tjanstekonto}
                ),
                miljovariabler(**grind.for_grinden(url)),
            ):
                svarare.vanta_pa_deployment(deployment, tidsgrans=tidsgrans)
                yield Inloggningsmiljo(url, utfardare, hem)
        finally:
            for logg in ("server.log", "runner.log", "oidc/oidc.log"):
                if (hem / logg).exists():
                    text = (hem / logg).read_text(errors="replace")[-3000:]
                    print(f"--- {logg} ---\n{text}")


def inloggning(url: str, epost: str, till: str) -> tuple[httpx.Client, httpx.Response]:
    """Log in as a person does, over HTTP: the gate sends her to the provider's login page,
    she fills it in, and the provider sends her back through the gate to `till`."""
    webblasare = httpx.Client(base_url=url, follow_redirects=True, timeout=30)
    sida = webblasare.get("/logga-in", params={"till": till})
    traff = re.search(r'<form method="post" action="([^"]+)"', sida.text)
    assert traff, sida.text
    sist = webblasare.post(
        urljoin(str(sida.url), traff.group(1)),
        data={"epost": epost, "losenord": losenord_for(epost)},
    )
    return webblasare, sist
