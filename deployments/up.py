"""`make up`: the Prefect server with its UI on http://127.0.0.1:4200 and our deployments,
until Ctrl-C. The ärende database is made ready and the reference data loaded first."""

from __future__ import annotations

import functools
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from arende.bootstrap import ladda_grunddata, starta
from arende.config import Installningar
from deployments.lokal_prefect import PROJEKTROT, barnprocess, prefect_server, runner, server_svarar

PORT = int(os.environ.get("ARENDE_PREFECT_PORT", "4200"))
ARKIVPORT = int(os.environ.get("ARENDE_ARKIV_PORT", "4201"))


def servera_arkivet(katalog: Path, port: int) -> str:
    """The registered documents over HTTP on loopback, so the links in the UI's artifacts
    open in the browser (a page from http:// may not open file:// links). Read-only, and
    only on this machine: in production the kommun's document server has this role."""
    katalog.mkdir(parents=True, exist_ok=True)
    hanterare = functools.partial(SimpleHTTPRequestHandler, directory=str(katalog))
    server = ThreadingHTTPServer(("127.0.0.1", port), hanterare)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}"


@contextmanager
def schemalaggare(api_url: str, hem: Path, logg: Path) -> Iterator[None]:
    """The reminder scheduler (arende.entrypoints.schemalaggare) as a child process; it
    reports sent reminders to the Prefect API."""
    with barnprocess("arende.entrypoints.schemalaggare", api_url, hem, logg):
        yield


def main() -> int:
    hem = Path(os.environ.get("PREFECT_HOME", PROJEKTROT / "var" / "prefect"))
    api_url = f"http://127.0.0.1:{PORT}/api"
    if server_svarar(api_url):
        print(f"Något svarar redan på {api_url}: stoppa det (eller `make up` som kör) först.")
        return 1
    system = starta()
    ladda_grunddata(system)
    print(f"Ärendedatabas: {Installningar().database_url}")
    arkiv_url = servera_arkivet(Installningar().arkiv_dir, ARKIVPORT)
    print(f"Handlingarna: {Installningar().arkiv_dir}, i webbläsaren på {arkiv_url}")
    print("Startar Prefect-servern ...")
    # Ctrl-C reaches our children too; we only need to leave the wait loop cleanly.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with (
        prefect_server(hem, port=PORT, logg=hem / "server.log") as url,
        runner(url, hem, logg=hem / "runner.log", ARENDE_ARKIV_URL=arkiv_url),
        schemalaggare(url, hem, logg=hem / "schemalaggare.log"),
    ):
        print(
            f"Prefect-UI: http://127.0.0.1:{PORT}  (deployments 'nominering' och 'sammantrade' under Deployments)"
        )
        print(f"Loggar: {hem / 'server.log'} och {hem / 'runner.log'}. Stoppa med Ctrl-C.")
        print(f"Påminnelser om frister: {hem / 'schemalaggare.log'}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("\nStoppar ...")
    return 0


if __name__ == "__main__":
    sys.exit(main())
