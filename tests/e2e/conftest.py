"""The browser tests' Chromium (tests/e2e/webblasare.py)."""

from __future__ import annotations

import pytest

from tests.e2e.webblasare import chromium_sokvag


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_sokvag()
