"""The production profile's public site: it reads the ärende database as its own role (made
by `arende publik-roll` when the profile starts), and its process holds neither the owner's
address nor any secret. What the runner registers shows in its e-diarium at once; a POST is
refused, and the role cannot write whatever the site were made to send."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import psycopg
import pytest

from tests import hjalp
from tests.prod.hjalp import Profil, dsn, system_for

pytestmark = [pytest.mark.prod, pytest.mark.postgres, pytest.mark.timeout(600)]

# What the public site's process must not have: the owner's address and every secret.
HEMLIGT = {
    "ARENDE_DATABASE_URL",
    "ARENDE_TJANSTEKONTO",
    "ARENDE_INTYGSNYCKEL",
    "ARENDE_OIDC_KLIENT_HEMLIGHET",
    "ARENDE_GRIND_SESSIONSNYCKEL",
    "PREFECT_API_AUTH_STRING",
    "PREFECT_SERVER_DATABASE_CONNECTION_URL",
}


def test_publika_webbplatsen_laser_som_sin_egen_roll(produktion: Profil) -> None:
    profil, url, _ = produktion
    assert profil.publik is not None and profil.publik.poll() is None
    miljo = Path(f"/proc/{profil.publik.pid}/environ").read_bytes().split(b"\0")
    namn = {rad.split(b"=", 1)[0].decode() for rad in miljo if rad}
    assert "ARENDE_PUBLIK_DATABASE_URL" in namn
    assert not HEMLIGT & namn, HEMLIGT & namn

    mening = f"Publikt prov {uuid.uuid4().hex[:8]}"
    dnr = hjalp.registrera(system_for(produktion), "tjansteutlatande", {"arendemening": mening})
    svar = httpx.get(f"{profil.publik_url}/diarium", params={"sok": mening}, timeout=30)
    assert svar.status_code == 200 and '<html lang="sv">' in svar.text
    assert f"<tr><td>{dnr}</td>" in svar.text
    post = httpx.post(f"{profil.publik_url}/diarium", data={"sok": "x"}, timeout=30)
    assert post.status_code == 405 and "kan bara hämtas och läsas" in post.text

    with psycopg.connect(dsn(url), autocommit=True) as anslutning:
        roller = {
            rad[0]
            for rad in anslutning.execute(
                "SELECT usename FROM pg_stat_activity WHERE datname = current_database()"
            )
        }
        roll = next(r for r in roller if r.startswith("publik_t_"))  # the site's pooled one
        assert anslutning.execute(
            "SELECT NOT has_table_privilege(%s, 'arende', 'INSERT, UPDATE, DELETE') "
            "AND NOT has_table_privilege(%s, 'kommando', 'SELECT')",
            (roll, roll),
        ).fetchone() == (True,)
