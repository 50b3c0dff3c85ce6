"""`python -m deployments.publik`: the public web site (arende.entrypoints.publik), for
anyone, without a login; `make up` runs it on http://127.0.0.1:4203. It opens the database
for reading only (ARENDE_DATABASE_URL, or ARENDE_PUBLIK_DATABASE_URL when the public site
has a read-only role of its own) after the schema is brought up to date."""

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
    uppgradera(inst.database_url)
    kalla = Publikkalla(skapa_lasmotor(inst.publik_database_url or inst.database_url))
    uvicorn.run(skapa_app(kalla), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
