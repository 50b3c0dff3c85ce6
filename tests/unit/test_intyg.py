"""The login gate's intyg (adapters/intyg.py): what the gate signs for one act of a verified
login, and every way an intyg that does not vouch for this act is refused, in Swedish."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import ECKey

from arende.adapters import intyg
from arende.domain.fel import BehorighetSaknas
from arende.domain.inloggning import Inloggning

# Whole seconds: the intyg keeps its times as seconds since the epoch.
INLOGGAD = datetime(2026, 12, 4, 10, 58, 12, tzinfo=UTC)
INTYGAD = datetime(2026, 12, 4, 11, 2, 40, tzinfo=UTC)
KARIN = Inloggning(
    namn="Karin Ekblad",
    epost="karin.ekblad@stad.example",
    utfardare="https://login.stad.example/realms/kommun",
    subjekt="f3b1c2d4-0000-4000-8000-00000000beef",
    inloggad=INLOGGAD,
    intygad=INTYGAD,
)
SVARET = {"korning": "0f4a2b6c-1d2e-4f50-8a9b-0c1d2e3f4a5b", "formular": "justering-karin-ekblad-1"}

EJ_STYRKT = "Inloggningen kunde inte styrkas ({}): svaret togs inte emot."
ANNAN_AKT = (
    "Inloggningen gällde ett annat formulär eller en annan körning: svaret togs inte emot. "
    "Svara i formuläret igen."
)


@pytest.fixture(scope="module")
def nycklar(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes]]:
    """Two key pairs, (private, public): the gate's own, and another gate's."""
    mapp = tmp_path_factory.mktemp("grind")
    par = {}
    for namn in ("grinden", "en-annan"):
        privat, publik = mapp / f"{namn}.pem", mapp / f"{namn}-publik.pem"
        intyg.skapa_nycklar(privat, publik)
        par[namn] = (privat.read_bytes(), publik.read_bytes())
    return par


def avvisning(publik: bytes, text: str, bunden_till: dict[str, str] = SVARET) -> str:
    with pytest.raises(intyg.OgiltigtIntyg) as fel:
        intyg.kontrollera(publik, text, bunden_till)
    assert isinstance(fel.value, BehorighetSaknas)  # refused as a matter of who may act
    return fel.value.meddelande


def pastaenden(**andrat: Any) -> dict[str, Any]:
    """The claims the gate writes for KARIN's answer; a value None leaves the claim out."""
    grund = {
        "iss": intyg.UTFARDARE,
        "aud": intyg.MOTTAGARE,
        "iat": int(INTYGAD.timestamp()),
        "sub": KARIN.subjekt,
        "idp": KARIN.utfardare,
        "namn": KARIN.namn,
        "epost": KARIN.epost,
        "auth_time": int(INLOGGAD.timestamp()),
        "bunden": SVARET,
    } | andrat
    return {k: v for k, v in grund.items() if v is not None}


def signerat(privat: bytes, **andrat: Any) -> str:
    return jwt.encode(
        {"alg": intyg.ALGORITM},
        pastaenden(**andrat),
        ECKey.import_key(privat),
        algorithms=["ES256"],
    )


def test_intyget_styrker_inloggningen_det_utfardades_for(
    nycklar: dict[str, tuple[bytes, bytes]],
) -> None:
    privat, publik = nycklar["grinden"]
    text = intyg.utfarda(privat, KARIN, SVARET)
    assert intyg.kontrollera(publik, text, dict(SVARET)) == KARIN
    # Bound to a deployment (a run's start) just the same.
    start = {"deployment": "7b1c9e2a-3d4f-4a5b-9c6d-7e8f9a0b1c2d"}
    assert intyg.kontrollera(publik, intyg.utfarda(privat, KARIN, start), start) == KARIN


def test_pastaendena_ar_de_grinden_skriver(nycklar: dict[str, tuple[bytes, bytes]]) -> None:
    privat, publik = nycklar["grinden"]
    text = intyg.utfarda(privat, KARIN, SVARET)
    assert jwt.decode(text, ECKey.import_key(publik)).claims == pastaenden()
    # The same claims signed by hand are taken: the test's own token is a valid one.
    assert intyg.kontrollera(publik, signerat(privat), SVARET) == KARIN


def test_ett_tomt_intyg_avvisas(nycklar: dict[str, tuple[bytes, bytes]]) -> None:
    assert avvisning(nycklar["grinden"][1], "") == (
        "Ingen inloggning följde med, så ingen vet vem som agerade: logga in i "
        "ärendesystemet och gör det där."
    )


def test_ett_intyg_fran_en_annan_nyckel_avvisas(nycklar: dict[str, tuple[bytes, bytes]]) -> None:
    annan = intyg.utfarda(nycklar["en-annan"][0], KARIN, SVARET)
    assert avvisning(nycklar["grinden"][1], annan) == EJ_STYRKT.format("BadSignatureError")


def test_ett_andrat_intyg_avvisas(nycklar: dict[str, tuple[bytes, bytes]]) -> None:
    """Karin's intyg with another name put in: the signature no longer holds."""
    privat, publik = nycklar["grinden"]
    huvud, _, signatur = intyg.utfarda(privat, KARIN, SVARET).split(".")
    falskt = pastaenden(namn="Johan Sundberg")
    kropp = base64.urlsafe_b64encode(json.dumps(falskt).encode()).rstrip(b"=").decode()
    assert avvisning(publik, f"{huvud}.{kropp}.{signatur}") == EJ_STYRKT.format("BadSignatureError")


def test_ett_osignerat_intyg_avvisas(nycklar: dict[str, tuple[bytes, bytes]]) -> None:
    def b64(d: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()

    osignerat = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(pastaenden())}."
    meddelande = avvisning(nycklar["grinden"][1], osignerat)
    assert meddelande.startswith("Inloggningen kunde inte styrkas ("), meddelande
    assert meddelande.endswith("): svaret togs inte emot."), meddelande


@pytest.mark.parametrize("text", ["inloggad", "a.b.c"])
def test_text_som_inte_ar_ett_intyg_avvisas(
    nycklar: dict[str, tuple[bytes, bytes]], text: str
) -> None:
    assert avvisning(nycklar["grinden"][1], text) == EJ_STYRKT.format("DecodeError")


@pytest.mark.parametrize(
    ("andrat", "fel"),
    [
        pytest.param({"iss": "en-annan-grind"}, "InvalidClaimError", id="fel-utfardare"),
        pytest.param({"aud": "ett-annat-system"}, "InvalidClaimError", id="fel-mottagare"),
        pytest.param({"iss": None}, "MissingClaimError", id="utan-utfardare"),
        pytest.param({"aud": None}, "MissingClaimError", id="utan-mottagare"),
        pytest.param({"sub": None}, "MissingClaimError", id="utan-subjekt"),
        pytest.param({"idp": None}, "MissingClaimError", id="utan-leverantor"),
        pytest.param({"namn": None}, "MissingClaimError", id="utan-namn"),
        pytest.param({"iat": None}, "MissingClaimError", id="utan-tidpunkt"),
        pytest.param({"auth_time": None}, "MissingClaimError", id="utan-inloggningstid"),
    ],
)
def test_ett_intyg_med_fel_eller_utan_pastaenden_avvisas(
    nycklar: dict[str, tuple[bytes, bytes]], andrat: dict[str, Any], fel: str
) -> None:
    privat, publik = nycklar["grinden"]
    assert avvisning(publik, signerat(privat, **andrat)) == EJ_STYRKT.format(fel)


@pytest.mark.parametrize(
    "bunden_till",
    [
        pytest.param(SVARET | {"formular": "justering-johan-sundberg-1"}, id="ett-annat-formular"),
        pytest.param(
            SVARET | {"korning": "11111111-1111-4111-8111-111111111111"}, id="en-annan-korning"
        ),
        pytest.param({"deployment": SVARET["korning"]}, id="en-start"),
        pytest.param({"korning": SVARET["korning"]}, id="bara-korningen"),
    ],
)
def test_ett_intyg_for_en_annan_akt_avvisas(
    nycklar: dict[str, tuple[bytes, bytes]], bunden_till: dict[str, str]
) -> None:
    """An intyg copied from one answer vouches for no other form, run or start."""
    privat, publik = nycklar["grinden"]
    assert avvisning(publik, intyg.utfarda(privat, KARIN, SVARET), bunden_till) == ANNAN_AKT


def test_ett_intyg_utan_bindning_avvisas(nycklar: dict[str, tuple[bytes, bytes]]) -> None:
    privat, publik = nycklar["grinden"]
    assert avvisning(publik, signerat(privat, bunden=None)) == ANNAN_AKT


def test_nycklarna_skapas_en_gang_och_den_privata_lases_bara_av_agaren(tmp_path: Path) -> None:
    privat, publik = tmp_path / "grind" / "intyg.pem", tmp_path / "grind" / "intyg-publik.pem"
    intyg.skapa_nycklar(privat, publik)
    assert privat.stat().st_mode & 0o777 == 0o600
    fore = (privat.read_bytes(), publik.read_bytes())
    intyg.skapa_nycklar(privat, publik)  # there is a pair: kept
    assert (privat.read_bytes(), publik.read_bytes()) == fore
