"""`make up`: the system on http://127.0.0.1:4200 until Ctrl-C: a local OpenID Connect
provider with the grunddata's people as users, Prefect's server (API and UI) behind the login
gate, a runner serving our deployments, the reminder scheduler, the public web site
(the e-diarium, on :4203, no login), and the registrator's intake: the e-mail receiver for
the registrator's address (SMTP on 127.0.0.1:2525) and the inbox folder's loop
(var/inkorg). The ärende database is made ready and the reference data loaded first. The registered documents are served by the
gate at /arkiv, to signed-in people only."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from arende.bootstrap import ladda_grunddata, starta
from arende.config import Installningar
from arende.domain.fel import ArendeFel
from deployments.lokal_prefect import (
    PROJEKTROT,
    barnprocess,
    prefect_server,
    process_som_svarar,
    runner,
    server_svarar,
)
from deployments.oidc_lokal import anvandartabell, lokal_inloggning

PORT = int(os.environ.get("ARENDE_PREFECT_PORT", "4200"))
OIDC_PORT = int(os.environ.get("ARENDE_OIDC_PORT", "4202"))
PUBLIK_PORT = int(os.environ.get("ARENDE_PUBLIK_PORT", "4203"))


def main() -> int:
    hem = Path(os.environ.get("PREFECT_HOME", PROJEKTROT / "var" / "prefect"))
    url = f"http://127.0.0.1:{PORT}"
    publik = f"http://127.0.0.1:{PUBLIK_PORT}"
    api_url = f"{url}/api"
    if server_svarar(api_url):
        print(f"Något svarar redan på {api_url}: stoppa det (eller `make up` som kör) först.")
        return 1
    system = starta()
    ladda_grunddata(system)
    try:
        # Every ärendetyp and handlingstyp classified in the plan, or nothing starts.
        system.plan  # noqa: B018
    except ArendeFel as fel:
        print(f"Fel: {fel}")
        return 1
    inst = Installningar()
    print(f"Ärendedatabas: {inst.database_url}")
    print("Startar inloggningen (en lokal OpenID Connect-leverantör), Prefect-servern bakom ")
    print("inloggningen, runnern och schemaläggaren ...")
    # Ctrl-C reaches our children too; we only need to leave the wait loop cleanly.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with (
        lokal_inloggning(hem, url, OIDC_PORT) as (grind, anvandare),
        prefect_server(hem, grind, port=PORT, logg=hem / "server.log") as api,
        runner(api, hem, grind, logg=hem / "runner.log", ARENDE_ARKIV_URL=f"{url}/arkiv"),
        barnprocess(
            "arende.entrypoints.schemalaggare",
            api,
            hem,
            hem / "schemalaggare.log",
            **grind.for_tjansten(),
        ),
        # The registrator's intake: e-mail to her address and files put in the inbox
        # folder, each its own process like the scheduler (README "Inkommande handlingar").
        barnprocess("arende.entrypoints.epostmottagare", api, hem, hem / "epostmottagare.log"),
        barnprocess("arende.entrypoints.inkorg", api, hem, hem / "inkorg.log"),
        process_som_svarar(
            [sys.executable, "-m", "deployments.publik", "--port", str(PUBLIK_PORT)],
            None,
            hem / "publik.log",
            lambda: server_svarar(f"{publik}/diarium", halsa=""),
            "Den publika webbplatsen",
            tidsgrans=60,
        ),
    ):
        print(f"\nÄrendesystemet: {url}  (logga in; deployments under Deployments)")
        print(f"Inloggningen: {grind.utfardare}  (lokal, bara för den här datorn)")
        print(f"Den publika webbplatsen (anslagstavlan, e-diariet; utan inloggning): {publik}")
        print(
            f"Registratorns e-post ({', '.join(inst.registrator_epost)}): SMTP på "
            f"{inst.epostmottagare_host}:{inst.epostmottagare_port}; inkorgen: {inst.inkorg_dir}\n"
        )
        print(anvandartabell(anvandare))
        print(f"\nLoggar: {hem / 'server.log'}, {hem / 'runner.log'}, ")
        print(f"{hem / 'schemalaggare.log'}, {hem / 'epostmottagare.log'},")
        print(f"{hem / 'inkorg.log'}.")
        print("Stoppa med Ctrl-C.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("\nStoppar ...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
