"""A local Prefect server and a runner serving our deployments, as subprocesses.

Used by `make demo` and by the flow tests: both need a real server (suspend and resume only
work on runs of a deployment) and a process that picks up resumed runs.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from arende.adapters.intyg import skapa_nycklar

PROJEKTROT = Path(__file__).resolve().parents[1]


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_svarar(api_url: str, halsa: str = "/health") -> bool:
    try:
        return httpx.get(f"{api_url}{halsa}", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def prefect_miljo(api_url: str, hem: Path, **extra: str) -> dict[str, str]:
    miljo = dict(os.environ)
    miljo.update(
        PREFECT_API_URL=api_url,
        PREFECT_HOME=str(hem),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_RUNNER_POLL_FREQUENCY="1",
        PREFECT_UI_ENABLED=miljo.get("PREFECT_UI_ENABLED", "true"),
        # Prefect 3.8 sends a new browser to its new React UI (/v2) by default; the forms
        # and the README's journey are the classic UI's, which renders them in full.
        PREFECT_SERVER_UI_V2_ENABLED=miljo.get("PREFECT_SERVER_UI_V2_ENABLED", "false"),
        # Prefect's shortest: a run whose machine vanished is found in two minutes, not
        # twelve (arende.adapters.kraschvakt's heartbeat automation waits four intervals).
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY=miljo.get("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "30"),
    )
    miljo.update(extra)
    return miljo


def _do_med_foraldern() -> None:
    """Runs in the child before exec: on Linux, ask for SIGTERM when our parent dies, so a
    killed `make up` or test run leaves no orphaned server or runner behind."""
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _stoppa(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class Grindmiljo:
    """What the login gate (deployments/grind.py) and its clients are started with: the
    OpenID Connect provider and this system's client there, the service credential, the
    session cookie's key and the folder of the intyg key pair."""

    utfardare: str
    klient_id: str
    klient_hemlighet: str
    tjanstekonto: str
    sessionsnyckel: str
    nycklar: Path

    @property
    def privat_nyckel(self) -> Path:
        return self.nycklar / "intyg.pem"

    @property
    def publik_nyckel(self) -> Path:
        return self.nycklar / "intyg-publik.pem"

    def for_grinden(self, grind_url: str) -> dict[str, str]:
        return {
            "ARENDE_OIDC_UTFARDARE": self.utfardare,
            "ARENDE_OIDC_KLIENT_ID": self.klient_id,
            "ARENDE_OIDC_KLIENT_HEMLIGHET": self.klient_hemlighet,
            "ARENDE_TJANSTEKONTO": self.tjanstekonto,
            "ARENDE_GRIND_SESSIONSNYCKEL": self.sessionsnyckel,
            "ARENDE_GRIND_URL": grind_url,
            "ARENDE_INTYGSNYCKEL": str(self.privat_nyckel),
            "ARENDE_INTYGSNYCKEL_PUBLIK": str(self.publik_nyckel),
        }

    def for_tjansten(self) -> dict[str, str]:
        """Workers, runners, the scheduler: the service credential and the public key only."""
        return {
            "PREFECT_API_AUTH_STRING": self.tjanstekonto,
            "ARENDE_INTYGSNYCKEL_PUBLIK": str(self.publik_nyckel),
        }


def grindmiljo(nycklar: Path, utfardare: str, klient_hemlighet: str = "") -> Grindmiljo:
    """A local gate's settings: a new intyg key pair if there is none, new secrets each
    start (sessions end when `make up` stops)."""
    skapa_nycklar(nycklar / "intyg.pem", nycklar / "intyg-publik.pem")
    return Grindmiljo(
        utfardare=utfardare,
        klient_id="arende",
        klient_hemlighet=klient_hemlighet or secrets.token_urlsafe(24),
        tjanstekonto=f"tjanst:{secrets.token_urlsafe(32)}",
        sessionsnyckel=secrets.token_urlsafe(32),
        nycklar=nycklar,
    )


@contextmanager
def prefect_server(
    hem: Path, grind: Grindmiljo, port: int | None = None, logg: Path | None = None
) -> Iterator[str]:
    """Prefect's server behind the login gate (deployments/grind.py), with its own
    PREFECT_HOME; yield its API URL. Only the gate listens: Prefect's app runs inside it."""
    port = port or ledig_port()
    api_url = f"http://127.0.0.1:{port}/api"
    hem.mkdir(parents=True, exist_ok=True)
    with process_som_svarar(
        [sys.executable, "-m", "deployments.grind", "--host", "127.0.0.1", "--port", str(port)],
        prefect_miljo(
            api_url,
            hem,
            PREFECT_UI_API_URL=f"http://127.0.0.1:{port}/api",
            **grind.for_grinden(f"http://127.0.0.1:{port}"),
        ),
        logg or hem / "server.log",
        lambda: server_svarar(api_url),
        "Prefect-servern",
        tidsgrans=120,
    ):
        yield api_url


@contextmanager
def process_som_svarar(
    argv: list[str],
    miljo: dict[str, str] | None,
    logg: Path,
    svarar: Callable[[], bool],
    vad: str,
    tidsgrans: float,
    cwd: Path = PROJEKTROT,
) -> Iterator[subprocess.Popen[bytes]]:
    """A server process, started and waited for until `svarar()`, stopped when the block
    ends; it dies with us even if we are killed. `vad` names it in the Swedish errors."""
    utdata = open(logg, "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        argv,
        cwd=cwd,
        env=miljo,
        stdout=utdata,
        stderr=subprocess.STDOUT,
        preexec_fn=_do_med_foraldern,
    )
    try:
        grans = time.monotonic() + tidsgrans
        while not svarar():
            if process.poll() is not None:
                raise RuntimeError(f"{vad} avslutades; se {utdata.name}")
            if time.monotonic() > grans:
                raise RuntimeError(f"{vad} startade inte inom {tidsgrans:.0f} s; se {utdata.name}")
            time.sleep(0.2)
        yield process
    finally:
        _stoppa(process)
        utdata.close()


@contextmanager
def runner(
    api_url: str, hem: Path, grind: Grindmiljo, logg: Path | None = None, **miljo: str
) -> Iterator[None]:
    """Serve our deployments (deployments/serve.py) against the server until the block ends,
    with the service credential."""
    with barnprocess(
        "deployments.serve",
        api_url,
        hem,
        logg or hem / "runner.log",
        **grind.for_tjansten(),
        ARENDE_GRIND_URL=api_url.removesuffix("/api"),  # the links in notices of waiting work
        **miljo,
    ):
        yield


@contextmanager
def barnprocess(modul: str, api_url: str, hem: Path, logg: Path, **miljo: str) -> Iterator[None]:
    """`python -m modul` beside the server, talking to it, until the block ends; it dies
    with us even if we are killed."""
    utdata = open(logg, "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", modul],
        cwd=PROJEKTROT,
        env=prefect_miljo(api_url, hem, **miljo),
        stdout=utdata,
        stderr=subprocess.STDOUT,
        preexec_fn=_do_med_foraldern,
    )
    try:
        yield
    finally:
        _stoppa(process)
        utdata.close()


def korningens_process(korning: object) -> int:
    """The pid of the process that runs a flow run served on this machine: the runner's
    child with the run's id in its environment (a served run has no infrastructure_pid)."""
    markor = f"PREFECT__FLOW_RUN_ID={korning}".encode()
    pids = []
    for miljo in Path("/proc").glob("[0-9]*/environ"):
        try:
            if markor in miljo.read_bytes().split(b"\0"):
                pids.append(int(miljo.parent.name))
        except OSError:
            continue  # a process that ended, or another user's
    if len(pids) != 1:
        raise RuntimeError(f"Körningen {korning} körs inte i exakt en process här: {pids}")
    return pids[0]


def doda_korning(korning: object) -> None:
    """SIGKILL the process that runs a flow run served here, as an operator's `kill -9`
    would: for the crash test and the bench."""
    os.kill(korningens_process(korning), signal.SIGKILL)


@contextmanager
def miljovariabler(**varden: str) -> Iterator[None]:
    """Environment variables for this process, and the servers it starts, until the block
    ends (the settings the svarare reads; the bench's own database)."""
    fore = {k: os.environ.get(k) for k in varden}
    os.environ.update(varden)
    try:
        yield
    finally:
        for k, v in fore.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
