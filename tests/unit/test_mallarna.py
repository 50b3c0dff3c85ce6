"""The Word templates in templates/ are the ones templates/bygg_mallar.py builds: whoever
changes the builder must rebuild them (and a reviewer can read the layout as code)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from arende.adapters.dokumentmallar import docx_sidhuvud, docx_stycken

MALLAR = Path(__file__).resolve().parents[2] / "templates"


def byggaren():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bygg_mallar", MALLAR / "bygg_mallar.py")
    assert spec and spec.loader
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


@pytest.mark.parametrize("namn", sorted(byggaren().MALLAR))
def test_mallen_ar_byggd_av_byggaren(namn: str, tmp_path: Path) -> None:
    byggaren().bygg(tmp_path)
    ny, incheckad = (tmp_path / namn).read_bytes(), (MALLAR / namn).read_bytes()
    assert docx_stycken(ny) == docx_stycken(incheckad), (
        f"{namn} skiljer sig från vad templates/bygg_mallar.py bygger: kör "
        ".venv/bin/python templates/bygg_mallar.py"
    )
    assert docx_sidhuvud(ny) == docx_sidhuvud(incheckad)
