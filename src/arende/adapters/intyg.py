"""The login gate's intyg: a signed statement (a JWT, ES256) that a verified login took one act.

The gate (arende.entrypoints.grind) issues one for each act a signed-in person takes in
the Prefect UI, starting a run or answering a form, and puts it into what Prefect stores
for the run (the run's parameters, the form's answer). The flow checks it before it acts:
the gate's signature, that it was made for this engine, and that it is bound to this very
act (the flow run and the form it answers, or the deployment it started), so an intyg
copied from one act vouches for no other. Only the gate holds the private key; the flows
and `arende verifiera` need only the public one.

joserfc (the JOSE library under authlib) signs and checks; nothing is parsed by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey

from arende.domain.fel import BehorighetSaknas
from arende.domain.inloggning import Inloggning

UTFARDARE = "arende-grind"
MOTTAGARE = "arende"
ALGORITM = "ES256"


class OgiltigtIntyg(BehorighetSaknas):
    """An act whose login could not be verified: refused, nothing changed."""


def skapa_nycklar(privat: Path, publik: Path) -> None:
    """A new key pair for the gate, if there is none: the private key only the gate reads."""
    if privat.exists() and publik.exists():
        return
    privat.parent.mkdir(parents=True, exist_ok=True)
    nyckel = ec.generate_private_key(ec.SECP256R1())
    privat.write_bytes(
        nyckel.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    privat.chmod(0o600)
    publik.write_bytes(
        nyckel.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


def utfarda(
    privat_nyckel: bytes,
    inloggning: Inloggning,
    bunden_till: Mapping[str, str],
) -> str:
    """The intyg for one act of `inloggning`, bound to `bunden_till` (e.g. {"korning": id,
    "svar": the form's key} or {"deployment": id})."""
    nyckel = ECKey.import_key(privat_nyckel)
    pastaende = {
        "iss": UTFARDARE,
        "aud": MOTTAGARE,
        "iat": int(inloggning.intygad.timestamp()),
        "sub": inloggning.subjekt,
        "idp": inloggning.utfardare,
        "namn": inloggning.namn,
        "epost": inloggning.epost,
        "auth_time": int(inloggning.inloggad.timestamp()),
        "bunden": dict(bunden_till),
    }
    return jwt.encode({"alg": ALGORITM}, pastaende, nyckel, algorithms=[ALGORITM])


def kontrollera(publik_nyckel: bytes, intyg: str, bunden_till: Mapping[str, str]) -> Inloggning:
    """The login that took this act, or OgiltigtIntyg saying in Swedish why not.

    No expiry is checked: a run replayed weeks later reads the same stored answer, and the
    act it vouches for was taken when the gate issued it (`intygad`)."""
    if not intyg:
        raise OgiltigtIntyg(
            "Ingen inloggning följde med, så ingen vet vem som agerade: logga in i "
            "ärendesystemet och gör det där."
        )
    try:
        token = jwt.decode(intyg, ECKey.import_key(publik_nyckel), algorithms=[ALGORITM])
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": UTFARDARE},
            aud={"essential": True, "value": MOTTAGARE},
            sub={"essential": True},
            idp={"essential": True},
            namn={"essential": True},
            iat={"essential": True},
            auth_time={"essential": True},
        ).validate(token.claims)
    except (JoseError, ValueError) as fel:
        raise OgiltigtIntyg(
            f"Inloggningen kunde inte styrkas ({type(fel).__name__}): svaret togs inte emot."
        ) from None
    p = token.claims
    if p.get("bunden") != dict(bunden_till):
        raise OgiltigtIntyg(
            "Inloggningen gällde ett annat formulär eller en annan körning: svaret togs inte "
            "emot. Svara i formuläret igen."
        )
    return Inloggning(
        namn=str(p["namn"]),
        epost=str(p.get("epost", "")),
        utfardare=str(p["idp"]),
        subjekt=str(p["sub"]),
        inloggad=datetime.fromtimestamp(int(p["auth_time"]), UTC),
        intygad=datetime.fromtimestamp(int(p["iat"]), UTC),
    )
