"""The heads published on the anslagstavla, read back for `arende verifiera --publicerade`:
from a saved copy of /anslagstavla/kontrollsummor.json, or from the public site itself.

A copy saved outside the kommun's reach is the stronger proof: whoever can rewrite the
audit log can also rewrite the table the site shows. The site is read over HTTP (httpx),
so a check can be run against what is public now, from anywhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from arende.domain.fel import OgiltigUppgift
from arende.domain.kedjehuvud import PubliceratKedjehuvud, fran_oppna_data

SOKVAG = "/anslagstavla/kontrollsummor.json"
TIDSGRANS = 30.0


def json_adress(url: str) -> str:
    """The JSON's address: as given if it names a .json, else the site's own under it."""
    if urlsplit(url).path.endswith(".json"):
        return url
    return url.rstrip("/") + SOKVAG


def las_publicerade(kalla: str, klient: httpx.Client | None = None) -> list[PubliceratKedjehuvud]:
    """The published heads from a file path or an http(s) address of the public site."""
    if urlsplit(kalla).scheme in ("http", "https"):
        adress = json_adress(kalla)
        text, beskrivning = _hamta(adress, klient), f"Kontrollsummorna från {adress}"
    else:
        fil = Path(kalla)
        try:
            text = fil.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise OgiltigUppgift(
                f"Filen {fil} med publicerade kontrollsummor finns inte."
            ) from None
        except (OSError, UnicodeDecodeError) as fel:
            raise OgiltigUppgift(f"Filen {fil} går inte att läsa: {fel}") from None
        beskrivning = f"Filen {fil}"
    try:
        data = json.loads(text)
    except ValueError as fel:
        raise OgiltigUppgift(f"{beskrivning} är inte JSON: {fel}") from None
    return fran_oppna_data(data, beskrivning)


def _hamta(adress: str, klient: httpx.Client | None) -> str:
    try:
        if klient is not None:
            svar = klient.get(adress)
        else:
            with httpx.Client(timeout=TIDSGRANS, follow_redirects=True) as egen:
                svar = egen.get(adress)
    except httpx.HTTPError as fel:
        raise OgiltigUppgift(
            f"Kontrollsummorna kunde inte hämtas från {adress}: {fel or type(fel).__name__}"
        ) from None
    if svar.status_code != 200:
        raise OgiltigUppgift(
            f"Kontrollsummorna kunde inte hämtas från {adress}: webbplatsen svarade "
            f"{svar.status_code}."
        )
    return svar.text
