"""Prefect's part of an ärende's history, read from its REST API with httpx.

Nothing in arende imports Prefect (an import-linter contract): this adapter speaks to the
server over HTTP, like any other client. The routes are those of Prefect 3.8.8's server
(prefect/server/api/flow_runs.py and flow_run_states.py).

Prefect keeps its history for a limited time and records no user. Whatever it cannot give
is reported as missing; our own audit log never depends on it.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import httpx

from arende.adapters import intyg
from arende.adapters.prefect_api import tjanstens_klient
from arende.config import Installningar
from arende.domain.fel import ArendeFel
from arende.service_layer.visningsportar import Korningshandelse, Prefecthistorik

STANDARD_API_URL = "http://127.0.0.1:4200/api"  # the server of `make up`


def _tid(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _beskriv(tillstand: dict[str, Any], nyckel: str | None) -> str:
    typ = tillstand.get("type", "")
    namn = tillstand.get("name") or ""
    meddelande = (tillstand.get("message") or "").strip()
    formular = f"formuläret {nyckel}" if nyckel else "ett formulär"
    if typ == "SCHEDULED":
        if namn == "Resuming":
            return "körningen återupptas"
        if namn == "Late":
            return "körningen är försenad"
        return "körningen schemalades" + ("" if namn == "Scheduled" else f" ({namn})")
    if typ == "PENDING":
        return "körningen förbereds"
    if typ == "RUNNING":
        return "körningen kör" + ("" if namn == "Running" else f" ({namn})")
    if typ == "PAUSED":
        if namn == "Suspended":
            return f"körningen väntar på {formular} (suspenderad, ingen process hålls)"
        return f"körningen väntar på {formular} (varm väntan i sin process)"
    if typ == "COMPLETED":
        return "körningen är klar"
    if typ == "FAILED":
        return "körningen misslyckades" + (f": {meddelande}" if meddelande else "")
    if typ == "CRASHED":
        return "körningen kraschade" + (f": {meddelande}" if meddelande else "")
    if typ in ("CANCELLING", "CANCELLED"):
        return "körningen avbröts"
    return f"körningen bytte tillstånd till {namn or typ}"


def _svarande(varde: str, korning: str, nyckel: str) -> str | None:
    """Who answered the form, as the login gate's intyg in the answer says: checked with
    the gate's public key and bound to this run and form, or said to be unverified."""
    try:
        svar = json.loads(varde)
    except ValueError:
        return None
    if not isinstance(svar, dict) or not svar.get("intyg"):
        return None
    formular = nyckel.removeprefix("suspended-").removeprefix("paused-").removesuffix("-response")
    try:
        publik = Installningar().intygsnyckel_publik.read_bytes()
        vem = intyg.kontrollera(
            publik, str(svar["intyg"]), {"korning": korning, "formular": formular}
        )
    except (ArendeFel, OSError):
        return "okänd (inloggningen kunde inte styrkas)"
    return vem.namn


class PrefectRestHistorik:
    def __init__(self, api_url: str | None = None, tidsgrans: float = 5.0) -> None:
        self.api_url = (api_url or STANDARD_API_URL).rstrip("/")
        self.tidsgrans = tidsgrans

    def for_korningar(self, korningar: list[str]) -> Prefecthistorik:
        giltiga = []
        for k in dict.fromkeys(korningar):
            try:
                giltiga.append(str(uuid.UUID(k)))
            except ValueError:
                continue  # not a Prefect run id: nothing to ask Prefect about
        if not giltiga:
            return Prefecthistorik()
        try:
            with tjanstens_klient(self.api_url, self.tidsgrans) as klient:
                return self._las(klient, giltiga)
        except (httpx.HTTPError, ValueError, KeyError) as fel:
            return Prefecthistorik(
                saknas=f"Prefect svarar inte på {self.api_url} ({type(fel).__name__}: {fel})"
            )

    def _las(self, klient: httpx.Client, korningar: list[str]) -> Prefecthistorik:
        svar = klient.post(
            "/flow_runs/filter",
            json={
                "flow_runs": {"id": {"any_": korningar}},
                "limit": len(korningar),
                "sort": "ID_DESC",
            },
        )
        svar.raise_for_status()
        namn = {r["id"]: r.get("name") or r["id"] for r in svar.json()}
        handelser: list[Korningshandelse] = []
        for korning in korningar:
            if korning not in namn:
                continue
            tillstand = klient.get("/flow_run_states/", params={"flow_run_id": korning})
            tillstand.raise_for_status()
            indata = klient.post(
                f"/flow_runs/{korning}/input/filter",
                json={"prefix": "", "limit": 200, "exclude_keys": []},
            )
            indata.raise_for_status()
            svarande = {
                rad["key"]: _svarande(rad.get("value", ""), korning, str(rad["key"]))
                for rad in indata.json()
                if str(rad.get("key", "")).endswith("-response")
            }
            handelser.extend(self._handelser(korning, namn[korning], tillstand.json(), svarande))
        saknade = [k for k in korningar if k not in namn]
        saknas = None
        if saknade:
            saknas = (
                f"{len(saknade)} av {len(korningar)} flödeskörningar finns inte längre i Prefect "
                f"({', '.join(saknade)}); Prefect sparar sin historik en begränsad tid"
            )
        return Prefecthistorik(handelser, saknas)

    def _handelser(
        self,
        korning: str,
        namn: str,
        tillstand: list[dict[str, Any]],
        svarande: dict[str, str | None],
    ) -> list[Korningshandelse]:
        handelser = []
        vantande: tuple[str, str | None] | None = None  # (state name, pause key) being waited on
        for t in sorted(tillstand, key=lambda t: _tid(t["timestamp"])):
            detaljer = t.get("state_details") or {}
            nyckel = detaljer.get("pause_key")
            beskrivning = _beskriv(t, nyckel)
            vem = "Prefect"
            if t.get("type") == "PAUSED":
                vantande = (str(t.get("name") or "paused").lower(), nyckel)
            elif vantande is not None and t.get("type") in ("SCHEDULED", "RUNNING"):
                # The first state after a pause is the resume: name who answered the form.
                tillstandsnamn, vantad_nyckel = vantande
                person = svarande.get(f"{tillstandsnamn}-{vantad_nyckel}-response")
                formular = f"formuläret {vantad_nyckel}" if vantad_nyckel else "formuläret"
                if person:
                    vem = f"{person} (enligt formuläret)"
                    beskrivning = f"svarade på {formular}; körningen återupptas"
                else:
                    # A warm wait that ended unanswered says so in its state's message.
                    meddelande = (t.get("message") or "").strip()
                    beskrivning = meddelande or f"körningen återupptas utan svar på {formular}"
                vantande = None
            handelser.append(
                Korningshandelse(_tid(t["timestamp"]), korning, namn, beskrivning, vem)
            )
        return handelser
