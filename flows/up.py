"""`make up`: the Prefect server with its UI on http://127.0.0.1:4200 and our deployments,
until Ctrl-C. The ärende database is made ready and the reference data loaded first."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from arende.bootstrap import ladda_grunddata, starta
from arende.config import Installningar
from flows.lokal_prefect import PROJEKTROT, prefect_server, runner, server_svarar

PORT = int(os.environ.get("ARENDE_PREFECT_PORT", "4200"))


def main() -> int:
    hem = Path(os.environ.get("PREFECT_HOME", PROJEKTROT / "var" / "prefect"))
    api_url = f"http://127.0.0.1:{PORT}/api"
    if server_svarar(api_url):
        print(f"Något svarar redan på {api_url}: stoppa det (eller `make up` som kör) först.")
        return 1
    system = starta()
    ladda_grunddata(system)
    print(f"Ärendedatabas: {Installningar().database_url}")
    print("Startar Prefect-servern ...")
    # Ctrl-C reaches our children too; we only need to leave the wait loop cleanly.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with (
        prefect_server(hem, port=PORT, logg=hem / "server.log") as url,
        runner(url, hem, logg=hem / "runner.log"),
    ):
        print(
            f"Prefect-UI: http://127.0.0.1:{PORT}  (deployment 'ny-nominering' under Deployments)"
        )
        print(f"Loggar: {hem / 'server.log'} och {hem / 'runner.log'}. Stoppa med Ctrl-C.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("\nStoppar ...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
