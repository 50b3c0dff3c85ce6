"""`make up-prod`: the production profile on this machine, against the local PostgreSQL.

What runs, in the order it is started (deployments/produktion/README.md says why):

1. the ärende database on PostgreSQL (ARENDE_DATABASE_URL), created if missing, its schema
   upgraded with Alembic and the reference data loaded (`arende databas`, `arende grunddata`),
   and the public site's own read-only role made (`arende publik-roll`, the user of
   ARENDE_PUBLIK_DATABASE_URL, default `arende_publik`); then the public site
   (python -m deployments.publik, ARENDE_PUBLIK_PORT, default 4203) reading through that
   role alone: its environment has neither the owner's address nor any secret;
2. the Prefect server on its own PostgreSQL database (PREFECT_SERVER_DATABASE_CONNECTION_URL,
   postgresql+asyncpg://...), created if missing;
3. the `process` work pool (ARENDE_ARBETSPOOL, default `arende`), at most
   ARENDE_SAMTIDIGA_KORNINGAR (default 20) runs at once, and our deployments in it
   (deployments/deploy_prod.py);
4. ARENDE_ARBETARE (default 2) `prefect worker start --pool ...` processes: each picks up
   scheduled and resumed runs and runs each in a process of its own;
5. the one reminder scheduler (python -m arende.entrypoints.schemalaggare).

Everything is configured by environment variables; Ctrl-C stops it all. The tests in
tests/prod start the same thing with `produktionsprofil(...)`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from deployments.lokal_prefect import (
    PROJEKTROT,
    Grindmiljo,
    _do_med_foraldern,
    _stoppa,
    ledig_port,
    prefect_miljo,
    prefect_server,
    process_som_svarar,
    server_svarar,
)
from deployments.oidc_lokal import anvandartabell, lokal_inloggning

OIDC_PORT = int(os.environ.get("ARENDE_OIDC_PORT", "4202"))
PG = "postgresql+psycopg://postgres@127.0.0.1:5432"
ARENDE_URL = os.environ.get("ARENDE_DATABASE_URL", f"{PG}/arende_prod")
PREFECT_DB_URL = os.environ.get(
    "PREFECT_SERVER_DATABASE_CONNECTION_URL",
    "postgresql+asyncpg://postgres@127.0.0.1:5432/prefect_prod",
)
PORT = int(os.environ.get("ARENDE_PREFECT_PORT", "4200"))
PUBLIK_PORT = int(os.environ.get("ARENDE_PUBLIK_PORT", "4203"))
# The public site's own role on the ärende database: SELECT on what it shows, nothing else.
PUBLIK_ROLL = "arende_publik"
ARBETARE = int(os.environ.get("ARENDE_ARBETARE", "2"))
ARBETSPOOL = os.environ.get("ARENDE_ARBETSPOOL", "arende")
# How many runs the pool executes at once; the rest wait as Scheduled. Each run holds a
# connection or two to the ärende database and the Prefect server up to 40 to its own, so
# 20 stays well inside PostgreSQL's default max_connections of 100 (50 runs at once did
# not: a registration failed with "too many clients already").
SAMTIDIGA = int(os.environ.get("ARENDE_SAMTIDIGA_KORNINGAR", "20"))
# How often a worker asks for runs: a person who answered a form waits for the next one.
FRAGEINTERVALL = os.environ.get("PREFECT_WORKER_QUERY_SECONDS", "2")


def skapa_databas(url: str) -> bool:
    """Create the PostgreSQL database of `url` if it is missing (connecting to the server's
    `postgres` database with the same user); True if it was created."""
    adress = make_url(url)
    namn = adress.database
    if not namn:
        raise ValueError(f"Adressen {adress.render_as_string()} anger ingen databas.")
    dsn = adress.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(dsn, autocommit=True) as anslutning:
        finns = anslutning.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (namn,)
        ).fetchone()
        if finns:
            return False
        anslutning.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(namn)))
        return True


def publik_adress(arende_url: str, roll: str = PUBLIK_ROLL) -> str:
    """Where the public site reads: the ärende database as its own role (PostgreSQL), or the
    same SQLite file, which it opens read-only."""
    adress = make_url(arende_url)
    if adress.get_backend_name() != "postgresql":
        return arende_url
    return adress.set(username=roll, password=None).render_as_string(hide_password=False)


# What the public site's process gets of our environment: its own database address and where
# the templates and registered files are; not the owner's address, the service credential,
# the gate's or the SMTP server's secrets.
_PUBLIKA_INSTALLNINGAR = ("ARENDE_TEMPLATE_DIR", "ARENDE_ARKIV_DIR")


def publik_miljo(publik_url: str, **installningar: str) -> dict[str, str]:
    miljo = {k: v for k, v in os.environ.items() if not k.startswith(("ARENDE_", "PREFECT_"))}
    miljo |= {
        k: v for k, v in {**os.environ, **installningar}.items() if k in _PUBLIKA_INSTALLNINGAR
    }
    miljo["ARENDE_PUBLIK_DATABASE_URL"] = publik_url
    return miljo


@dataclass
class Produktion:
    """The running profile: the API URL and the processes, so a test can kill one."""

    api_url: str
    hem: Path
    arbetare: list[subprocess.Popen[bytes]] = field(default_factory=list)
    schemalaggare: subprocess.Popen[bytes] | None = None
    publik_url: str = ""  # the public web site
    publik: subprocess.Popen[bytes] | None = None


@contextmanager
def process(
    argv: list[str], miljo: dict[str, str], logg: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A child process in the project directory that dies with us; stopped when the block ends."""
    utdata = open(logg, "wb")  # noqa: SIM115 (closed below)
    barn = subprocess.Popen(
        argv,
        cwd=PROJEKTROT,
        env=miljo,
        stdout=utdata,
        stderr=subprocess.STDOUT,
        preexec_fn=_do_med_foraldern,
    )
    try:
        yield barn
    finally:
        _stoppa(barn)
        utdata.close()


def _kor(argv: list[str], miljo: dict[str, str], logg: Path) -> None:
    """A setup command run to its end; its output goes to the log, a failure stops us."""
    with open(logg, "ab") as utdata:
        resultat = subprocess.run(
            argv, cwd=PROJEKTROT, env=miljo, stdout=utdata, stderr=subprocess.STDOUT
        )
    if resultat.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv[1:4])} misslyckades (slutkod {resultat.returncode}); se {logg}"
        )


@contextmanager
def produktionsprofil(
    hem: Path,
    grind: Grindmiljo,
    arende_url: str = ARENDE_URL,
    prefect_db_url: str = PREFECT_DB_URL,
    port: int | None = PORT,
    arbetare: int = ARBETARE,
    arbetspool: str = ARBETSPOOL,
    samtidiga: int = SAMTIDIGA,
    schemalaggare: bool = True,
    publik_db_url: str | None = None,
    publik_port: int | None = PUBLIK_PORT,
    **extra: str,
) -> Iterator[Produktion]:
    """Start the profile in the documented order; stop it when the block ends. The public
    site reads `publik_db_url` (default ARENDE_PUBLIK_DATABASE_URL, else the ärende
    database as the role arende_publik); a port of None is any free one."""
    hem.mkdir(parents=True, exist_ok=True)
    publik_db_url = (
        publik_db_url or os.environ.get("ARENDE_PUBLIK_DATABASE_URL") or publik_adress(arende_url)
    )
    if make_url(arende_url).get_backend_name() == "postgresql":
        skapa_databas(arende_url)
    skapa_databas(prefect_db_url)
    bas = dict(
        ARENDE_DATABASE_URL=arende_url,
        ARENDE_ARBETSPOOL=arbetspool,
        PREFECT_SERVER_DATABASE_CONNECTION_URL=prefect_db_url,
        # Prefect's default pool (5 + 10 overflow) ran dry with 50 runs started at once and
        # the server answered 500; PostgreSQL's 100 connections leave room for more.
        PREFECT_SERVER_DATABASE_SQLALCHEMY_POOL_SIZE="20",
        PREFECT_SERVER_DATABASE_SQLALCHEMY_MAX_OVERFLOW="20",
        PREFECT_WORKER_QUERY_SECONDS=FRAGEINTERVALL,
        PREFECT_WORKER_PREFETCH_SECONDS="2",
        **extra,
    )
    forra = {k: os.environ.get(k) for k in bas}
    os.environ.update(bas)  # prefect_server() passes our environment on to the server
    try:
        with ExitStack() as stack:
            # 1. The ärende schema first: nothing may run against an old schema.
            _kor(
                [sys.executable, "-m", "arende.entrypoints.cli", "databas"],
                prefect_miljo("", hem, **bas),
                hem / "uppsattning.log",
            )
            _kor(
                [sys.executable, "-m", "arende.entrypoints.cli", "grunddata"],
                prefect_miljo("", hem, **bas),
                hem / "uppsattning.log",
            )
            # The public site's role, then the site itself reading through it alone.
            if make_url(publik_db_url).get_backend_name() == "postgresql":
                _kor(
                    [sys.executable, "-m", "arende.entrypoints.cli", "publik-roll"],
                    prefect_miljo("", hem, **bas, ARENDE_PUBLIK_DATABASE_URL=publik_db_url),
                    hem / "uppsattning.log",
                )
            publik_url = f"http://127.0.0.1:{publik_port or ledig_port()}"
            publik = stack.enter_context(
                process_som_svarar(
                    [
                        sys.executable,
                        "-m",
                        "deployments.publik",
                        "--port",
                        publik_url.rsplit(":", 1)[1],
                    ],
                    publik_miljo(publik_db_url, **extra),
                    hem / "publik.log",
                    lambda: server_svarar(f"{publik_url}/diarium", halsa=""),
                    "Den publika webbplatsen",
                    tidsgrans=60,
                )
            )
            # 2. The Prefect server (it migrates its own database when it starts).
            api_url = stack.enter_context(
                prefect_server(hem, grind, port=port, logg=hem / "server.log")
            )
            # Everything after the server talks to it with the service credential.
            miljo = prefect_miljo(
                api_url,
                hem,
                **bas,
                **grind.for_tjansten(),
                ARENDE_GRIND_URL=api_url.removesuffix("/api"),
            )
            # 3. The work pool and the deployments in it.
            _kor(
                [
                    sys.executable,
                    "-m",
                    "prefect",
                    "work-pool",
                    "create",
                    arbetspool,
                    "--type",
                    "process",
                    "--overwrite",
                ],
                miljo,
                hem / "uppsattning.log",
            )
            _kor(
                [
                    sys.executable,
                    "-m",
                    "prefect",
                    "work-pool",
                    "set-concurrency-limit",
                    arbetspool,
                    str(samtidiga),
                ],
                miljo,
                hem / "uppsattning.log",
            )
            _kor([sys.executable, "-m", "deployments.deploy_prod"], miljo, hem / "uppsattning.log")
            profil = Produktion(api_url, hem, publik_url=publik_url, publik=publik)
            # 4. The workers.
            for i in range(1, arbetare + 1):
                profil.arbetare.append(
                    stack.enter_context(
                        process(
                            [
                                sys.executable,
                                "-m",
                                "prefect",
                                "worker",
                                "start",
                                "--pool",
                                arbetspool,
                                "--type",
                                "process",
                                "--name",
                                f"arbetare-{i}",
                            ],
                            miljo,
                            hem / f"arbetare-{i}.log",
                        )
                    )
                )
            # 5. The one scheduler.
            if schemalaggare:
                profil.schemalaggare = stack.enter_context(
                    process(
                        [sys.executable, "-m", "arende.entrypoints.schemalaggare"],
                        miljo,
                        hem / "schemalaggare.log",
                    )
                )
            yield profil
    finally:
        for nyckel, varde in forra.items():
            if varde is None:
                os.environ.pop(nyckel, None)
            else:
                os.environ[nyckel] = varde


def main() -> int:
    hem = Path(os.environ.get("PREFECT_HOME", PROJEKTROT / "var" / "prefect-prod"))
    api_url = f"http://127.0.0.1:{PORT}/api"
    if server_svarar(api_url):
        print(f"Något svarar redan på {api_url}: stoppa det (eller `make up` som kör) först.")
        return 1
    print(f"Ärendedatabas: {ARENDE_URL}")
    print(f"Prefects databas: {PREFECT_DB_URL}")
    print(
        "Startar schemat, den publika webbplatsen (med en egen roll som bara får läsa), "
        "Prefect-servern, arbetspoolen, arbetarna och schemaläggaren ..."
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with (
            lokal_inloggning(hem, f"http://127.0.0.1:{PORT}", OIDC_PORT) as (grind, anvandare),
            produktionsprofil(hem, grind) as profil,
        ):
            print(anvandartabell(anvandare))
            print(
                f"Prefect-UI: http://127.0.0.1:{PORT}  (deployments 'nominering' och 'sammantrade' under Deployments)"
            )
            print(f"Den publika webbplatsen (utan inloggning): {profil.publik_url}")
            print(
                f"Arbetspool '{ARBETSPOOL}' med {len(profil.arbetare)} arbetare. Loggar i {hem}: "
                "server.log, arbetare-N.log, schemalaggare.log, publik.log, uppsattning.log. "
                "Stoppa med Ctrl-C."
            )
            while True:
                for barn in profil.arbetare:
                    if barn.poll() is not None:
                        print(
                            f"En arbetare avslutades (slutkod {barn.returncode}); se loggarna i {hem}."
                        )
                        return 1
                if profil.publik is not None and profil.publik.poll() is not None:
                    print(
                        f"Den publika webbplatsen avslutades (slutkod {profil.publik.returncode}); "
                        f"se {hem / 'publik.log'}."
                    )
                    return 1
                time.sleep(5)
    except KeyboardInterrupt:
        print("\nStoppar ...")
    except (RuntimeError, psycopg.OperationalError) as fel:
        print(f"Produktionsprofilen kunde inte startas: {fel}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
