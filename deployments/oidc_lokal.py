"""A real local OpenID Connect provider (deployments/oidc, panva's oidc-provider on Node) whose
users are the people of the grunddata file: for `make up` and the tests, where the Prefect UI
sits behind an OpenID Connect login.

Every [[person]] and every [[namnd.ledamot]] with an `epost` can log in: the handläggare and
the nämndsekreterare, and the ordförande and justerare who sign protokoll. The development
password is the e-postadress's part before @ (lena.murray@stockholm.example logs in with
"lena.murray"): a newcomer reads it off the table `make up` prints. Only for this local
provider: a kommun logs in through its own identity provider.

    python -m deployments.oidc_lokal      runs one on http://127.0.0.1:4202 until Ctrl-C
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from arende.adapters.grunddatafil import las_grunddata
from arende.config import Installningar
from arende.domain.roller import Roll
from deployments.lokal_prefect import (
    PROJEKTROT,
    Grindmiljo,
    grindmiljo,
    ledig_port,
    process_som_svarar,
)

OIDC_KATALOG = PROJEKTROT / "deployments" / "oidc"
PROVIDER = OIDC_KATALOG / "provider.mjs"
# Written by npm ci; older than package-lock.json when the pinned versions have changed.
INSTALLERAD = OIDC_KATALOG / "node_modules" / ".package-lock.json"
# The sub of a user: stable across restarts and files, derived from the e-post only.
SUB_NAMNRYMD = uuid.uuid5(uuid.NAMESPACE_URL, "urn:arende:oidc-lokal")


def losenord_for(epost: str) -> str:
    """The development password: the e-postadress's part before @, in lower case."""
    return epost.split("@", 1)[0].lower()


def sub_for(epost: str) -> str:
    return str(uuid.uuid5(SUB_NAMNRYMD, epost.strip().lower()))


def anvandare_ur_grunddata(sokvag: Path) -> list[dict[str, str]]:
    """Every person and ledamot with an e-post: sub, email, name, password, and for the
    table `roll` (with the nämnd). One user per e-post; someone listed twice (a chef who also
    sits in a nämnd) gets both roles."""
    grunddata = las_grunddata(sokvag)
    poster: list[tuple[str, str, str, str]] = []  # (namn, epost, roll, nämnd)
    for person in grunddata.personer:
        if person.epost:
            roller = ", ".join(r.value for r in Roll if r in person.roller)
            poster.append((person.namn, person.epost, roller, person.namnd or ""))
    for namnd in grunddata.namnder:
        for ledamot in namnd.ledamoter:
            if ledamot.epost:
                poster.append((ledamot.namn, ledamot.epost, ledamot.roll.value, namnd.namn))
    anvandare: dict[str, dict[str, str]] = {}
    for namn, epost, roll, namndnamn in poster:
        nyckel = epost.strip().lower()
        beskrivning = f"{roll} ({namndnamn})" if namndnamn else roll
        if nyckel in anvandare:
            anvandare[nyckel]["roll"] += f"; {beskrivning}"
            continue
        anvandare[nyckel] = {
            "sub": sub_for(epost),
            "email": epost.strip(),
            "name": namn,
            "password": losenord_for(epost),
            "roll": beskrivning,  # e.g. "ordförande (Socialtjänstnämnden)"
        }
    return list(anvandare.values())


def anvandartabell(anvandare: list[dict[str, str]]) -> str:
    """The users as a table for the terminal: namn, roll, e-post, lösenord."""
    rader = [("Namn", "Roll", "E-post", "Lösenord")] + [
        (a["name"], a.get("roll", ""), a["email"], a["password"]) for a in anvandare
    ]
    bredd = [max(len(rad[i]) for rad in rader) for i in range(3)]
    return "\n".join(
        "  ".join(falt.ljust(bredd[i]) if i < 3 else falt for i, falt in enumerate(rad))
        for rad in rader
    )


def installera_oidc_provider() -> None:
    """`npm ci` in deployments/oidc when node_modules is missing or older than the lock file
    (as `make oidc` does)."""
    if shutil.which("node") is None:
        raise RuntimeError(
            "Node.js saknas: installera Node.js 20 eller senare för den lokala inloggningen "
            "(deployments/oidc)."
        )
    lasfil = OIDC_KATALOG / "package-lock.json"
    if INSTALLERAD.exists() and INSTALLERAD.stat().st_mtime >= lasfil.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "npm saknas: installera Node.js med npm, eller kör `npm ci` i deployments/oidc, "
            "för den lokala inloggningen."
        )
    resultat = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=OIDC_KATALOG,
        capture_output=True,
        text=True,
    )
    if resultat.returncode != 0:
        raise RuntimeError(
            f"`npm ci` i {OIDC_KATALOG} misslyckades:\n{resultat.stdout}{resultat.stderr}"
        )


def leverantoren_svarar(issuer: str) -> bool:
    try:
        svar = httpx.get(f"{issuer}/.well-known/openid-configuration", timeout=2)
        return svar.status_code == 200 and svar.json().get("issuer") == issuer
    except (httpx.HTTPError, ValueError):
        return False


@contextmanager
def oidc_leverantor(
    hem: Path,
    port: int | None,
    klienter: list[dict[str, Any]],
    anvandare: list[dict[str, str]],
) -> Iterator[str]:
    """Run deployments/oidc/provider.mjs until the block ends; yield its issuer URL.

    `klienter`: client_id, client_secret, redirect_uris, post_logout_redirect_uris (and any
    other client metadata oidc-provider knows). `anvandare`: sub, email, name, password, as
    from `anvandare_ur_grunddata`. The config (with the passwords) and the log are written
    under `hem`. The process dies with ours, even if we are killed."""
    installera_oidc_provider()
    port = port or ledig_port()
    issuer = f"http://127.0.0.1:{port}"
    hem.mkdir(parents=True, exist_ok=True)
    konfig = hem / "oidc.json"
    # The file holds the passwords and client secrets: readable by us only.
    konfig.touch(mode=0o600)
    konfig.chmod(0o600)
    konfig.write_text(
        json.dumps(
            {
                "issuer": issuer,
                "host": "127.0.0.1",
                "port": port,
                "clients": klienter,
                "users": [
                    {k: a[k] for k in ("sub", "email", "name", "password")} for a in anvandare
                ],
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    with process_som_svarar(
        ["node", str(PROVIDER), str(konfig)],
        None,
        hem / "oidc.log",
        lambda: leverantoren_svarar(issuer),
        "OIDC-leverantören",
        tidsgrans=30,
        cwd=OIDC_KATALOG,
    ):
        yield issuer


@contextmanager
def lokal_inloggning(
    hem: Path, grind_url: str, port: int | None = None
) -> Iterator[tuple[Grindmiljo, list[dict[str, str]]]]:
    """The local provider with the grunddata's people and the gate's client registered for
    `grind_url`, and the gate's settings against it (`make up`, `make up-prod`)."""
    anvandare = anvandare_ur_grunddata(Installningar().grunddata)
    hemlighet = secrets.token_urlsafe(24)
    klient = {
        "client_id": "arende",
        "client_secret": hemlighet,
        "redirect_uris": [f"{grind_url}/inloggad"],
        "post_logout_redirect_uris": [f"{grind_url}/logga-ut"],
    }
    with oidc_leverantor(hem / "oidc", port, [klient], anvandare) as utfardare:
        yield grindmiljo(PROJEKTROT / "var" / "grind", utfardare, hemlighet), anvandare


def main() -> int:
    """A provider with the grunddata's people and one client for the Prefect UI on :4200."""
    hem = Path(os.environ.get("PREFECT_HOME", PROJEKTROT / "var" / "prefect"))
    port = int(os.environ.get("ARENDE_OIDC_PORT", "4202"))
    anvandare = anvandare_ur_grunddata(Installningar().grunddata)
    klient = {
        "client_id": "arende-prefect-ui",
        "client_secret": os.environ.get("ARENDE_OIDC_HEMLIGHET", "lokal-utveckling"),
        "redirect_uris": ["http://127.0.0.1:4200/auth/callback"],
        "post_logout_redirect_uris": ["http://127.0.0.1:4200/"],
    }
    # SIGTERM ends the wait as Ctrl-C does, so the provider is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with oidc_leverantor(hem / "oidc", port, [klient], anvandare) as issuer:
        print(anvandartabell(anvandare))
        print(f"\nInloggningen (OpenID Connect) på {issuer}; Ctrl-C avslutar.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
