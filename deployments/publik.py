"""`python -m deployments.publik`: the public web site (arende.entrypoints.publik), for
anyone, without a login; `make up` runs it on http://127.0.0.1:4203."""

from __future__ import annotations

import argparse

import uvicorn

from arende.bootstrap import starta
from arende.entrypoints.publik import skapa_app


def main() -> None:
    tolk = argparse.ArgumentParser(description="Den publika webbplatsen (e-diariet).")
    tolk.add_argument("--host", default="127.0.0.1")
    tolk.add_argument("--port", type=int, default=4203)
    args = tolk.parse_args()
    system = starta()
    uvicorn.run(skapa_app(lambda: system), host=args.host, port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
