"""Debian's Chromium driven by Playwright, for the browser tests: where it is, how it is
started, and what happens when it is missing (a failure in CI, a skip elsewhere)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # checked in `chromium` below
    sync_playwright = None  # type: ignore[assignment]

CHROMIUM = os.environ.get("ARENDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGUMENT = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def saknas(vad: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{vad} måste finnas i CI (make install installerar den).")
    pytest.skip(f"{vad} saknas: webbläsartestet hoppas över.")


def chromium_sokvag() -> str:
    """Where Chromium is; a failure in CI, a skip elsewhere, when it or Playwright is not."""
    if sync_playwright is None:
        saknas("Playwright (pip-paketet playwright, i dev-tilläggen)")
    sokvag = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not sokvag:
        saknas(f"Chromium ({CHROMIUM}, Debian-paketet chromium)")
    assert sokvag is not None
    return sokvag
