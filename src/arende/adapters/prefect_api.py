"""An HTTP client of Prefect's REST API with the service credential.

Prefect's server is reached only through the login gate (arende.entrypoints.grind); the
system's own processes (the scheduler, the registrator's history) identify themselves with
the service credential that Prefect's client also uses, PREFECT_API_AUTH_STRING, sent as
HTTP Basic. Nothing in arende imports Prefect, so the setting is read here by its name.
"""

from __future__ import annotations

import os

import httpx


def tjanstens_klient(api_url: str, tidsgrans: float = 10) -> httpx.Client:
    """A client of the API at `api_url`, with the service credential when one is set."""
    auth: httpx.BasicAuth | None = None
    konto = os.environ.get("PREFECT_API_AUTH_STRING", "")
    if konto:
        anvandare, _, losenord = konto.partition(":")
        auth = httpx.BasicAuth(anvandare, losenord)
    return httpx.Client(base_url=api_url.rstrip("/"), timeout=tidsgrans, auth=auth)
