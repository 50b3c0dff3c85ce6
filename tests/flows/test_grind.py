"""The login gate in front of Prefect, against a real OpenID Connect provider (the local one of
`make up`, deployments/oidc) and a real Prefect server inside the gate, with our runner.

People log in through the provider's own login page (httpx following the redirects, as a
browser does); the flows check the gate's intyg and act in the signed-in person's name. What
a client could forge (headers, tokens, someone else's credentials) is refused, and nothing
changes. The same journey in a real browser is tests/e2e/test_webblasaren.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jwt
from joserfc.jwk import RSAKey
from prefect.client.orchestration import get_client

from arende.adapters.klocka import Systemklocka
from arende.bootstrap import starta
from arende.config import Installningar
from arende.entrypoints.grind import Grind
from arende.service_layer import handlingar, visningar
from deployments import svarare
from deployments.oidc_lokal import losenord_for
from tests.inloggningsmiljo import Inloggningsmiljo, inloggning, server_med_inloggning
from tests.postlada import Postlada, postserver
from tests.prefect_miljo import databas_url

pytestmark = [pytest.mark.prefect, pytest.mark.timeout(900)]

HANDLAGGARE = "lena.murray@stockholm.example"
CHEF = "dag.helin@stockholm.example"  # chef in Socialtjänstnämnden
ANNAN_CHEF = "therese.bengtsson@stockholm.example"  # chef in Östermalms stadsdelsnämnd
OKAND = "okand.person@stockholm.example"  # at the provider, not in the register
TYP = "arende/tjansteutlatande"

# Today as the system counts it (the day in Sweden): after midnight there, before it in
# UTC, date.today() would date the samverkan before the ärende's own registration.
IDAG = Systemklocka().idag().isoformat()


@pytest.fixture(scope="module")
def post() -> Iterator[tuple[Postlada, int]]:
    with postserver() as server:
        yield server


@pytest.fixture(scope="module")
def miljo(
    tmp_path_factory: pytest.TempPathFactory, post: tuple[Postlada, int]
) -> Iterator[Inloggningsmiljo]:
    okand = {"sub": "okand", "email": OKAND, "name": "Okänd", "password": losenord_for(OKAND)}
    hem = tmp_path_factory.mktemp("grind")
    with server_med_inloggning(
        hem,
        TYP,
        fler_anvandare=(okand,),
        ARENDE_SMTP_HOST="127.0.0.1",
        ARENDE_SMTP_PORT=str(post[1]),
    ) as m:
        yield m


def logga_in(miljo: Inloggningsmiljo, epost: str) -> httpx.Client:
    """A browser-like client that logged in at the provider through the gate."""
    return inloggning(miljo.url, epost, "/api/health")[0]


def skicka(klient: httpx.Client, sokvag: str, data: dict[str, Any]) -> httpx.Response:
    """POST as Prefect's own client does: a busy server's 503 (its SQLite database locked
    for a moment) is tried again."""
    for forsok in range(6):
        svar = klient.post(sokvag, json=data)
        if svar.status_code != 503:
            return svar
        time.sleep(0.5 * (forsok + 1))
    return svar


def deployment_id(namn: str) -> str:
    with get_client(sync_client=True) as klient:
        return str(klient.read_deployment_by_name(namn).id)


def vanta_pa_formular(korning: str) -> str:
    nyckel = svarare.vanta_pa_formular(korning)  # type: ignore[arg-type]
    assert nyckel is not None
    return nyckel


def historik(miljo: Inloggningsmiljo, dnr: str) -> list[Any]:
    return visningar.historik(starta(databas_url(miljo.hem)).uow(), dnr)


def test_utan_inloggning_nar_ingen_fram(miljo: Inloggningsmiljo) -> None:
    dep = deployment_id(TYP)
    with httpx.Client(base_url=miljo.url) as anonym:
        assert anonym.post(f"/api/deployments/{dep}/create_flow_run", json={}).status_code == 401
        assert (
            anonym.post(f"/api/flow_runs/{dep}/resume", json={"run_input": {}}).status_code == 401
        )
        assert anonym.post("/api/flow_runs/filter", json={}).status_code == 401
        svar = anonym.get("/api/deployments/filter")
        assert svar.status_code == 401 and "Inte inloggad" in svar.json()["detail"]
        sida = anonym.get("/deployments", headers={"accept": "text/html"})
        assert sida.status_code == 303 and sida.headers["location"].startswith("/logga-in")
        assert anonym.get("/arkiv/").status_code == 401
        assert anonym.get("/api/health").status_code == 200  # a liveness check names no one


@pytest.mark.parametrize(
    "huvuden",
    [
        {"x-forwarded-user": "Lena Murray", "x-forwarded-email": HANDLAGGARE},
        {"x-auth-request-email": HANDLAGGARE, "remote-user": "Lena Murray"},
        {"authorization": "Basic dGphbnN0OmZlbA=="},  # tjanst:fel
        {"authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJsZW5hIn0."},
    ],
    ids=["proxyhuvuden", "andra-huvuden", "fel-tjanstekonto", "eget-token"],
)
def test_forfalskade_huvuden_nekas(miljo: Inloggningsmiljo, huvuden: dict[str, str]) -> None:
    dep = deployment_id(TYP)
    with httpx.Client(base_url=miljo.url, headers=huvuden) as klient:
        assert klient.post(f"/api/deployments/{dep}/create_flow_run", json={}).status_code == 401
        assert klient.post("/api/flow_runs/filter", json={}).status_code == 401


def test_en_inloggning_utan_person_i_registret_nekas(miljo: Inloggningsmiljo) -> None:
    webblasare, sida = inloggning(miljo.url, OKAND, "/api/health")
    assert sida.status_code == 403
    assert "ingen i ärendesystemets personregister har den e-postadressen" in sida.text
    assert webblasare.post("/api/flow_runs/filter", json={}).status_code == 401


def test_en_person_far_inte_gora_tjanstens_sak(miljo: Inloggningsmiljo) -> None:
    webblasare = logga_in(miljo, HANDLAGGARE)
    assert webblasare.post("/api/flow_runs/filter", json={}).status_code == 200  # reads
    dep = deployment_id(TYP)
    for metod, sokvag in [
        ("POST", "/api/deployments/get_scheduled_flow_runs"),
        ("DELETE", f"/api/deployments/{dep}"),
        ("POST", f"/api/flow_runs/{dep}/input"),
        ("PATCH", f"/api/deployments/{dep}"),
        ("POST", "/api/work_pools/"),
    ]:
        svar = webblasare.request(metod, sokvag, json={})
        assert svar.status_code == 403, (metod, sokvag, svar.text)
        assert "Lena Murray får inte ändra det här i Prefect" in svar.json()["detail"]
    assert deployment_id(TYP) == dep  # nothing was deleted


def test_en_person_far_avbryta_men_inte_tvinga_fram_ett_tillstand(
    miljo: Inloggningsmiljo,
) -> None:
    """Cancel and Retry, as the UI's buttons; not a forced Completed, nor a waiting run
    resumed past its form."""
    lena = logga_in(miljo, HANDLAGGARE)
    dep = deployment_id("mina-arenden/mina-arenden")
    start = skicka(lena, f"/api/deployments/{dep}/create_flow_run", {"parameters": {}})
    assert start.status_code == 201, start.text
    korning = start.json()["id"]
    for tillstand in (
        {"type": "COMPLETED", "name": "Completed"},
        {"type": "SCHEDULED", "name": "Resuming"},
        {"type": "RUNNING", "name": "Running"},
    ):
        svar = skicka(lena, f"/api/flow_runs/{korning}/set_state", {"state": tillstand})
        assert svar.status_code == 403, (tillstand, svar.text)
        assert "får bara avbryta en körning eller försöka igen" in svar.json()["detail"]
    svar = skicka(
        lena,
        f"/api/flow_runs/{korning}/set_state",
        {"state": {"type": "CANCELLING", "name": "Cancelling"}, "force": True},
    )
    assert svar.status_code == 403
    svar = skicka(lena, f"/api/flow_runs/{korning}/set_state", {"state": {"type": "CANCELLING"}})
    # Let through to Prefect, which judges it by the run's state (it may have finished).
    assert svar.status_code in (200, 201), svar.text
    assert svar.json()["status"] in ("ACCEPT", "REJECT", "ABORT")


def test_inloggad_startar_och_svarar_och_fel_person_avvisas(
    miljo: Inloggningsmiljo, post: tuple[Postlada, int]
) -> None:
    """Lena starts an ärende and answers its forms through the gate; the audit log names her
    and her login. The fastställande is refused to her (no chef) and to a chef of another
    nämnd, in Swedish and logged; the nämnd's own chef fastställer."""
    lena = logga_in(miljo, HANDLAGGARE)
    dep = deployment_id(TYP)
    start = skicka(
        lena,
        f"/api/deployments/{dep}/create_flow_run",
        {
            "parameters": {
                "arendetyp_namn": "tjansteutlatande",
                "uppgifter": {
                    "namnd": "Socialtjänstnämnden",
                    "sammantrade": "2027-01-26",
                    "arendemening": "Riktlinjer för grindtestet",
                },
                # A client's own intyg is replaced by the gate's.
                "intyg": "förfalskat",
            }
        },
    )
    assert start.status_code == 201, start.text
    korning = start.json()["id"]

    def svara(vem: httpx.Client, svar: dict[str, Any]) -> None:
        """Prefect takes the answer (the flow judges it after)."""
        utfall = skicka(vem, f"/api/flow_runs/{korning}/resume", {"run_input": svar})
        assert utfall.status_code in (200, 201), utfall.text
        assert utfall.json()["status"] == "ACCEPT", utfall.json()

    assert vanta_pa_formular(korning).startswith("underlag")
    svara(
        lena,
        {
            "forslag": ["Nämnden godkänner riktlinjerna."],
            "sammanfattning": "Riktlinjerna.",
            "avsnitt": [{"rubrik": "Bakgrund", "text": "Riktlinjerna ses över."}],
        },
    )
    assert vanta_pa_formular(korning).startswith("samverkan")
    svara(lena, {"datum": IDAG, "anteckning": "Samverkat utan erinran"})
    assert vanta_pa_formular(korning) == "faststall-1-1"

    # The nämnd's chefs are told by e-mail, with the link to this run's form.
    postlada = post[0]
    brev = next(b for b in postlada.brev if "Fastställ förslaget" in str(b["Subject"]))
    assert sorted(str(brev["To"]).split(", ")) == [CHEF, "eddie.friberg@stockholm.example"]
    assert f"{miljo.url}/runs/flow-run/{korning}" in brev.get_content()
    assert any(
        "Skriv underlaget" in a and HANDLAGGARE in m[0]
        for a, m in zip(postlada.amnen(), postlada.mottagare, strict=True)
    )

    faststall = {"datum": IDAG, "avdelningschef": ""}
    svara(lena, faststall)  # taken by Prefect, refused by the flow
    assert vanta_pa_formular(korning) == "faststall-1-2"
    annan = logga_in(miljo, ANNAN_CHEF)
    svara(annan, faststall)
    assert vanta_pa_formular(korning) == "faststall-1-3"
    beskrivning = svarare.formularets_beskrivning(korning)  # type: ignore[arg-type]
    assert "Therese Bengtsson får inte fastställa förslaget till beslut" in beskrivning
    chef = logga_in(miljo, CHEF)
    svara(chef, faststall)
    assert svarare.vanta_pa_formular(korning) is None  # type: ignore[arg-type]

    system = starta(databas_url(miljo.hem))
    dnr = str(visningar.arende_for_korning(system.uow(), korning).dnr)
    # The documents through the gate, for the signed-in: the links on the run lead there.
    (utlatande,) = handlingar.handlingar(system.uow(), dnr)
    fil = lena.get(f"/arkiv/{utlatande.fil}")
    assert fil.status_code == 200 and hashlib.sha256(fil.content).hexdigest() == utlatande.sha256
    with httpx.Client(base_url=miljo.url) as anonym:
        assert anonym.get(f"/arkiv/{utlatande.fil}").status_code == 401
    poster = historik(miljo, dnr)
    registrerat = next(p for p in poster if p.handling == "registrera ärendet")
    assert registrerat.aktor == "Lena Murray"
    assert registrerat.innehall["inloggning"]["utfärdare"] == miljo.utfardare
    assert registrerat.innehall["inloggning"]["epost"] == HANDLAGGARE
    avvisade = [p for p in poster if p.innehall.get("utfall") == "avvisad"]
    assert [(p.aktor, p.handling) for p in avvisade] == [
        ("Lena Murray", "fastställa förslaget till beslut"),
        ("Therese Bengtsson", "fastställa förslaget till beslut"),
    ]
    faststallt = next(
        p
        for p in poster
        if p.handling == "fastställa förslaget till beslut" and p.innehall["utfall"] == "utförd"
    )
    assert faststallt.aktor == "Dag Helin"
    assert (
        faststallt.innehall["inloggning"]["subjekt"]
        != registrerat.innehall["inloggning"]["subjekt"]
    )


def _id_token(nyckel: RSAKey, **andrat: Any) -> str:
    nu = int(time.time())
    anspraak = {
        "iss": "",
        "sub": "lena",
        "aud": "arende",
        "iat": nu,
        "exp": nu + 300,
        "nonce": "n",
        "email": HANDLAGGARE,
    } | andrat
    return jwt.encode({"alg": "RS256", "kid": nyckel.kid}, anspraak, nyckel)


@pytest.mark.parametrize(
    "fel",
    ["annan-nyckel", "fel-utfardare", "fel-mottagare", "utgangen", "utan-sub"],
)
def test_forfalskade_id_token_godtas_inte(miljo: Inloggningsmiljo, fel: str) -> None:
    """The gate takes the person from the provider's ID token only as authlib has checked
    it against the provider's keys (the same call the login makes)."""
    grind = Grind(lambda *_: None, Installningar())  # type: ignore[arg-type, return-value]

    async def kontrollera(token: str) -> object:
        await grind.klient.load_server_metadata()
        return await grind.klient.parse_id_token({"id_token": token}, nonce="n")

    egen = RSAKey.import_key(rsa.generate_private_key(65537, 2048))  # type: ignore[arg-type]
    egen.ensure_kid()
    andrat: dict[str, Any] = {"iss": miljo.utfardare}
    if fel == "fel-utfardare":
        andrat["iss"] = "https://login.annan.example"
    if fel == "fel-mottagare":
        andrat["aud"] = "nagon-annan"
    if fel == "utgangen":
        andrat |= {"iat": int(time.time()) - 7200, "exp": int(time.time()) - 3600}
    if fel == "utan-sub":
        andrat["sub"] = None
    token = _id_token(egen, **andrat)
    with pytest.raises(Exception):  # noqa: B017, PT011 (joserfc's and authlib's own errors)
        asyncio.run(kontrollera(token))


def test_saknad_e_post_i_inloggningen_ger_svenskt_nej(miljo: Inloggningsmiljo) -> None:
    grind = Grind(lambda *_: None, Installningar())  # type: ignore[arg-type, return-value]
    with pytest.raises(PermissionError, match="saknar din e-postadress"):
        grind.person_for({"iss": miljo.utfardare, "sub": "x"})
    with pytest.raises(PermissionError, match="ingen i ärendesystemets personregister"):
        grind.person_for({"iss": miljo.utfardare, "sub": "x", "email": OKAND})
    person = grind.person_for(
        {"iss": miljo.utfardare, "sub": "x", "email": "LENA.MURRAY@stockholm.example"}
    )
    assert person.namn == "Lena Murray"


def test_tjansten_arbetar_med_sitt_konto(miljo: Inloggningsmiljo) -> None:
    """Workers and the runner use the service credential (the runs above ran); it is no
    person's: an intyg the service did not get from the gate is refused by the flow."""
    konto = Installningar().tjanstekonto.get_secret_value()
    with httpx.Client(base_url=miljo.url, auth=tuple(konto.split(":", 1))) as tjanst:  # type: ignore[arg-type]
        assert tjanst.post("/api/flow_runs/filter", json={}).status_code == 200
        dep = deployment_id("mina-arenden/mina-arenden")
        start = skicka(
            tjanst, f"/api/deployments/{dep}/create_flow_run", {"parameters": {"intyg": ""}}
        )
        assert start.status_code == 201
    korning = start.json()["id"]
    slut = time.monotonic() + 120
    while time.monotonic() < slut:
        tillstand = svarare.las(korning).state  # type: ignore[arg-type]
        if tillstand is not None and tillstand.is_final():
            break
        time.sleep(0.5)
    assert tillstand is not None and tillstand.is_failed()
    assert "Ingen inloggning följde med" in str(tillstand.message)
