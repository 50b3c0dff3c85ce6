"""`make up` until it is ready (issue 20), on an installed clone's first start: a new
PREFECT_HOME and a new ärende database, from `python -m deployments.up` (what `make up`
runs once the venv is there) until Prefect's API answers behind the gate, the runner
serves every deployment (its start message, printed once all are registered) and the public
site answers. Beside it, Prefect's own server alone (`prefect server start`) on the same
machine until its API answers: the floor, a part of the above.

    .venv/bin/python -m bench.bench_up
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from deployments.lokal_prefect import PROJEKTROT, ledig_port, server_svarar

SERVERAD = "Your deployments are being served"
TIDSGRANS = 300


@dataclass(frozen=True)
class Upmatning:
    redo_s: float  # deployments.up until everything is ready
    server_s: float  # prefect server start alone until its API answers


def _tills(villkor: Callable[[], bool], process: subprocess.Popen[bytes], logg: Path) -> float:
    borjan = time.perf_counter()
    while not villkor():
        if process.poll() is not None:
            raise RuntimeError(f"slutade med {process.returncode}: {logg.read_text()[-2000:]}")
        if time.perf_counter() - borjan > TIDSGRANS:
            raise RuntimeError(f"inte redo efter {TIDSGRANS} s: {logg.read_text()[-2000:]}")
        time.sleep(0.2)
    return time.perf_counter() - borjan


def _stoppa(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _make_up(katalog: Path) -> float:
    port, publik = ledig_port(), ledig_port()
    miljo = dict(
        os.environ,
        PREFECT_HOME=str(katalog / "prefect"),
        ARENDE_DATABASE_URL=f"sqlite:///{katalog / 'arende.db'}",
        ARENDE_ARKIV_DIR=str(katalog / "arkiv"),
        ARENDE_PREFECT_PORT=str(port),
        ARENDE_OIDC_PORT=str(ledig_port()),
        ARENDE_PUBLIK_PORT=str(publik),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
    )
    logg = katalog / "up.log"
    runnerlogg = katalog / "prefect" / "runner.log"
    with open(logg, "wb") as ut:
        process = subprocess.Popen(
            [sys.executable, "-m", "deployments.up"], cwd=PROJEKTROT, env=miljo, stdout=ut,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:

            def redo() -> bool:
                return (
                    runnerlogg.is_file()
                    and SERVERAD in runnerlogg.read_text(errors="replace")
                    and server_svarar(f"http://127.0.0.1:{port}/api")
                    and server_svarar(f"http://127.0.0.1:{publik}/diarium", halsa="")
                )

            return _tills(redo, process, logg)
        finally:
            _stoppa(process)


def _prefect_server(katalog: Path) -> float:
    port = ledig_port()
    miljo = dict(
        os.environ,
        PREFECT_HOME=str(katalog / "golv"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_API_URL=f"http://127.0.0.1:{port}/api",
    )
    logg = katalog / "golv.log"
    prefect = Path(sys.executable).with_name("prefect")
    with open(logg, "wb") as ut:
        process = subprocess.Popen(
            [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=miljo, stdout=ut, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            return _tills(lambda: server_svarar(f"http://127.0.0.1:{port}/api"), process, logg)
        finally:
            _stoppa(process)


def mat() -> Upmatning:
    with tempfile.TemporaryDirectory(prefix="bench-up-") as katalog:
        server = _prefect_server(Path(katalog))
        redo = _make_up(Path(katalog))
    return Upmatning(redo, server)


def main() -> int:
    m = mat()
    print(f"make up redo (ny databas, nytt PREFECT_HOME): {m.redo_s:.1f} s")
    print(f"prefect server start ensam, tills API:t svarar: {m.server_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
