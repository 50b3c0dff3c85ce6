"""`python -m deployments.grind`: Prefect's server, its API and UI, behind the login gate
(arende.entrypoints.grind) on one port. `make up` runs it in place of `prefect server start`;
Prefect's settings (PREFECT_HOME, PREFECT_API_DATABASE_CONNECTION_URL ...) apply as there.
"""

from __future__ import annotations

import argparse
import logging

import uvicorn
from prefect.server.api.server import create_app

from arende.entrypoints.grind import Grind


def main() -> None:
    tolk = argparse.ArgumentParser(description="Prefects server bakom kommunens inloggning.")
    tolk.add_argument("--host", default="127.0.0.1")
    tolk.add_argument("--port", type=int, default=4200)
    args = tolk.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(Grind(create_app(final=True)), host=args.host, port=args.port, log_level="info")


if __name__ == "__main__":
    main()
