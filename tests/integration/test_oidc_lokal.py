"""The local OpenID Connect provider (deployments/oidc) as `make up` runs it: a real Node
process with the grunddata's people, spoken to over real HTTP as a browser and a relying
party would, the ID token checked with authlib as the Prefect UI's gate checks it."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import httpx
import pytest
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry

from deployments.oidc_lokal import (
    anvandare_ur_grunddata,
    anvandartabell,
    losenord_for,
    oidc_leverantor,
    sub_for,
)
from tests.conftest import GRUNDDATA

KLIENT = "arende-prefect-ui"
HEMLIGHET = "test-hemlighet"
AVSLUT = "http://127.0.0.1:9/auth/callback"  # nobody listens: the code is read off the redirect
LENA = "lena.murray@stockholm.example"
FEL = "Fel e-postadress eller lösenord."


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if shutil.which("node") is None or (
        shutil.which("npm") is None
        and not (Path(__file__).parents[2] / "deployments/oidc/node_modules").exists()
    ):
        if os.environ.get("CI"):
            pytest.fail("Node.js och npm måste finnas i CI: den lokala inloggningen kräver dem")
        pytest.skip("Node.js eller npm saknas: den lokala OIDC-leverantören kan inte startas")
    klient = {
        "client_id": KLIENT,
        "client_secret": HEMLIGHET,
        "redirect_uris": [AVSLUT],
        "post_logout_redirect_uris": ["http://127.0.0.1:9/"],
    }
    hem = tmp_path_factory.mktemp("oidc")
    with oidc_leverantor(hem, None, [klient], anvandare_ur_grunddata(GRUNDDATA)) as url:
        yield url


@pytest.fixture(scope="module")
def metadata(issuer: str) -> dict[str, object]:
    svar = httpx.get(f"{issuer}/.well-known/openid-configuration")
    svar.raise_for_status()
    return dict(svar.json())


class Webblasare:
    """A browser (an httpx client with its cookie jar: the provider's session) and a
    relying party (authlib's OAuth2Client, which the gate's Starlette client builds on) with
    its PKCE verifier and nonce."""

    def __init__(self, metadata: dict[str, object]) -> None:
        self.metadata = metadata
        self.webblasare = httpx.Client(follow_redirects=False)
        self.klient = OAuth2Client(
            KLIENT,
            HEMLIGHET,
            scope="openid email profile",
            redirect_uri=AVSLUT,
            code_challenge_method="S256",
        )
        self.verifierare = ""
        self.nonce = ""

    def borja(self, **extra: str) -> httpx.Response:
        """GET the authorization endpoint and follow the provider's own redirects: the login
        page, or (with a live session) the redirect back to us with a code."""
        self.verifierare = generate_token(48)
        self.nonce = generate_token(20)
        url, _ = self.klient.create_authorization_url(
            str(self.metadata["authorization_endpoint"]),
            code_verifier=self.verifierare,
            nonce=self.nonce,
            **extra,
        )
        return self.folj(self.webblasare.get(url))

    def folj(self, svar: httpx.Response) -> httpx.Response:
        while svar.is_redirect and not svar.headers["location"].startswith(AVSLUT):
            svar = self.webblasare.get(urljoin(str(svar.url), svar.headers["location"]))
        return svar

    def logga_in(self, sida: httpx.Response, epost: str, losenord: str) -> httpx.Response:
        """Fill in the login page's form and send it, as a person would."""
        traff = re.search(r'<form method="post" action="([^"]+)"', sida.text)
        assert traff, sida.text
        svar = self.webblasare.post(
            urljoin(str(sida.url), traff.group(1)), data={"epost": epost, "losenord": losenord}
        )
        return self.folj(svar)

    def token(self, tillbaka: httpx.Response) -> dict[str, object]:
        assert tillbaka.is_redirect, tillbaka.text
        return dict(
            self.klient.fetch_token(
                str(self.metadata["token_endpoint"]),
                authorization_response=tillbaka.headers["location"],
                code_verifier=self.verifierare,
            )
        )

    def id_token(self, token: dict[str, object]) -> CodeIDToken:
        """Checked as authlib's Starlette client checks it (parse_id_token): signature against
        the provider's JWKS, then iss, aud, exp, nonce and at_hash."""
        jwks = httpx.get(str(self.metadata["jwks_uri"])).json()
        avkodad = jwt.decode(
            str(token["id_token"]),
            KeySet.import_key_set(jwks),
            registry=JWSRegistry(algorithms=["RS256"]),
        )
        anspraak = CodeIDToken(
            avkodad.claims,
            avkodad.header,
            {"iss": {"values": [self.metadata["issuer"]]}},
            {"nonce": self.nonce, "client_id": KLIENT, "access_token": token["access_token"]},
        )
        anspraak.validate()
        return anspraak


def ar_inloggningssidan(svar: httpx.Response) -> bool:
    return svar.status_code in (200, 401) and 'name="losenord"' in svar.text


def test_discovery_names_the_issuer_and_its_keys(issuer: str, metadata: dict[str, object]) -> None:
    assert metadata["issuer"] == issuer
    assert metadata["jwks_uri"] == f"{issuer}/jwks"
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert {"openid", "email", "profile"} <= set(metadata["scopes_supported"])  # type: ignore[call-overload]
    nycklar = httpx.get(str(metadata["jwks_uri"])).json()["keys"]
    assert [(n["kty"], n["alg"], n["use"]) for n in nycklar] == [("RSA", "RS256", "sig")]
    assert all("d" not in n for n in nycklar), "the private part must not be published"


def test_the_handlaggare_logs_in_and_the_id_token_says_who_she_is(
    metadata: dict[str, object],
) -> None:
    webblasare = Webblasare(metadata)
    sida = webblasare.borja()
    assert ar_inloggningssidan(sida)
    assert '<html lang="sv">' in sida.text
    for falt in (
        '<label for="epost">E-postadress</label>',
        '<label for="losenord">Lösenord</label>',
    ):
        assert falt in sida.text
    assert ">Logga in</button>" in sida.text

    fore = int(time.time())
    tillbaka = webblasare.logga_in(sida, "Lena.Murray@stockholm.example", "lena.murray")
    fragor = parse_qs(urlparse(tillbaka.headers["location"]).query)
    assert fragor["iss"] == [metadata["issuer"]]
    token = webblasare.token(tillbaka)
    anspraak = webblasare.id_token(token)

    assert anspraak["sub"] == sub_for(LENA)
    assert anspraak["email"] == LENA
    assert anspraak["email_verified"] is True
    assert anspraak["name"] == "Lena Murray"
    assert anspraak["aud"] == KLIENT
    assert fore - 2 <= anspraak["auth_time"] <= int(time.time()) + 2


def test_the_ordforande_who_signs_protokoll_can_log_in(metadata: dict[str, object]) -> None:
    webblasare = Webblasare(metadata)
    epost = "karin.ekblad@politiker.stockholm.example"
    tillbaka = webblasare.logga_in(webblasare.borja(), epost, losenord_for(epost))
    anspraak = webblasare.id_token(webblasare.token(tillbaka))
    assert (anspraak["name"], anspraak["email"]) == ("Karin Ekblad", epost)


@pytest.mark.parametrize(
    ("epost", "losenord"),
    [(LENA, "fel"), (LENA, ""), ("okand@stockholm.example", "okand"), (LENA, "dag.helin")],
    ids=["fel-losenord", "tomt-losenord", "okand-person", "annans-losenord"],
)
def test_a_wrong_password_gives_the_swedish_error_and_no_code(
    metadata: dict[str, object], epost: str, losenord: str
) -> None:
    webblasare = Webblasare(metadata)
    svar = webblasare.logga_in(webblasare.borja(), epost, losenord)
    assert not svar.is_redirect
    assert svar.status_code == 401
    assert FEL in svar.text
    assert ar_inloggningssidan(svar), "the form is shown again, to try once more"
    assert "code=" not in svar.text


def test_a_live_session_logs_in_without_the_form(metadata: dict[str, object]) -> None:
    """What prompt=login and max_age=0 below are compared with."""
    webblasare = Webblasare(metadata)
    forsta = webblasare.id_token(
        webblasare.token(webblasare.logga_in(webblasare.borja(), LENA, "lena.murray"))
    )
    tillbaka = webblasare.borja()
    assert tillbaka.is_redirect, "a live session needs no new login"
    andra = webblasare.id_token(webblasare.token(tillbaka))
    assert andra["auth_time"] == forsta["auth_time"]


@pytest.mark.parametrize("fraga", [{"prompt": "login"}, {"max_age": "0"}], ids=str)
def test_prompt_login_and_max_age_zero_ask_for_the_password_again(
    metadata: dict[str, object], fraga: dict[str, str]
) -> None:
    """Before a protokoll is signed the gate asks for a fresh login: the provider must show
    its form although the session is live, and the new ID token's auth_time is the new one."""
    webblasare = Webblasare(metadata)
    forsta = webblasare.id_token(
        webblasare.token(webblasare.logga_in(webblasare.borja(), LENA, "lena.murray"))
    )
    time.sleep(1.1)  # auth_time is in whole seconds
    sida = webblasare.borja(**fraga)
    assert ar_inloggningssidan(sida), "the live session must not be enough"
    assert webblasare.logga_in(sida, LENA, "fel").status_code == 401
    andra = webblasare.id_token(webblasare.token(webblasare.logga_in(sida, LENA, "lena.murray")))
    assert andra["sub"] == forsta["sub"]
    assert andra["auth_time"] > forsta["auth_time"]


def test_every_person_and_ledamot_with_an_epost_is_a_user() -> None:
    anvandare = anvandare_ur_grunddata(GRUNDDATA)
    per_epost = {a["email"]: a for a in anvandare}
    assert len(per_epost) == len(anvandare)
    lena = per_epost[LENA]
    assert (lena["name"], lena["password"], lena["roll"]) == (
        "Lena Murray",
        "lena.murray",
        "handläggare (Socialtjänstnämnden)",
    )
    ordforande = per_epost["gunilla.forsberg@politiker.stockholm.example"]
    assert ordforande["roll"] == "ordförande (Östermalms stadsdelsnämnd)"
    assert per_epost["therese.bengtsson@stockholm.example"]["roll"].startswith("handläggare, chef")
    assert len({a["sub"] for a in anvandare}) == len(anvandare)
    tabell = anvandartabell(anvandare)
    assert tabell.splitlines()[0].split() == ["Namn", "Roll", "E-post", "Lösenord"]
    assert "Karin Ekblad" in tabell and "karin.ekblad" in tabell


def test_someone_both_person_and_ledamot_is_one_user_with_both_roles(tmp_path: Path) -> None:
    fil = tmp_path / "grunddata.toml"
    fil.write_text(
        """
[[namnd]]
namn = "Nämnden"
diarieprefix = "N"
forvaltning = "Förvaltningen"

[[namnd.ledamot]]
namn = "Ada Berg"
roll = "ordförande"
epost = "ada.berg@example.se"

[[namnd.ledamot]]
namn = "Utan Adress"
roll = "ledamot"

[[person]]
namn = "Ada Berg"
roller = ["chef"]
namnd = "Nämnden"
epost = "Ada.Berg@example.se"
""",
        encoding="utf-8",
    )
    anvandare = anvandare_ur_grunddata(fil)
    assert len(anvandare) == 1
    assert anvandare[0]["roll"] == "chef (Nämnden); ordförande (Nämnden)"
    assert anvandare[0]["password"] == "ada.berg"
    assert anvandare[0]["sub"] == sub_for("ada.berg@example.se")


def test_without_pkce_the_provider_refuses(metadata: dict[str, object]) -> None:
    svar = httpx.get(
        str(metadata["authorization_endpoint"]),
        params={
            "response_type": "code",
            "client_id": KLIENT,
            "redirect_uri": AVSLUT,
            "scope": "openid email profile",
            "state": "s",
        },
    )
    assert svar.is_redirect and svar.headers["location"].startswith(AVSLUT)
    fragor = parse_qs(urlparse(svar.headers["location"]).query)
    assert fragor["error"] == ["invalid_request"]
    assert "PKCE" in fragor["error_description"][0]
    assert "code" not in fragor
