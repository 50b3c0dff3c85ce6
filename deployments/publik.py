"""`python -m deployments.publik`: the public web site (arende.entrypoints.publik), for
anyone, without a login; `make up` runs it on http://127.0.0.1:4203.

With ARENDE_PUBLIK_DATABASE_URL (production: the site's own role, `arende publik-roll`) it
reads through that and nothing else: it needs no owner's credentials and touches no schema,
which `arende databas` keeps up to date. Without it (`make up`, SQLite) it brings
ARENDE_DATABASE_URL's schema up to date first and then opens that database read-only."""

from __future__ import annotations

import argparse

import uvicorn

from arende.adapters.databas import skapa_lasmotor, uppgradera
from arende.adapters.publiklasning import Publikkalla
from arende.config import Installningar
from arende.entrypoints.publik import skapa_app


def main() -> None:
    tolk = argparse.ArgumentParser(
        description="Den publika webbplatsen (anslagstavlan, sammanträdena, e-diariet)."
    )
    tolk.add_argument("--host", default="127.0.0.1")
    tolk.add_argument("--port", type=int, default=4203)
    args = tolk.parse_args()
    inst = Installningar()
    if inst.publik_database_url:
        url = inst.publik_database_url
    else:
        uppgradera(inst.database_url)
        url = inst.database_url
    kalla = Publikkalla(skapa_lasmotor(url))
    uvicorn.run(skapa_app(kalla), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
