"""The nämnd's seal (adapters/sigill.py) with a local test CA: one PAdES signature per
signatory, each naming her; a changed byte, an update appended after the last seal and a
seal from another CA are each named by the check."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter

from arende.adapters.sigill import PadesSigill, sigillfil, skapa_testsigill
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import TjanstSaknas
from arende.service_layer.ports import Underskrift

NAMND = "Socialtjänstnämnden"
SHA = "9f" * 32
UNDERSKRIFTER = [
    Underskrift("Ulf Larsson", "ordförande", datetime(2008, 5, 20, 10, 0, tzinfo=STOCKHOLM), SHA),
    Underskrift(
        "Anna König Jerlmyr", "justerare", datetime(2008, 5, 20, 11, 5, tzinfo=STOCKHOLM), SHA
    ),
    Underskrift("Mats Gerdau", "justerare", datetime(2008, 5, 21, 9, 30, tzinfo=STOCKHOLM), SHA),
]


def en_pdf() -> bytes:
    """A one-page PDF made with pyHanko's writer (the adapter's input needs no LibreOffice)."""
    w = PdfFileWriter()
    innehall = w.add_object(generic.StreamObject(stream_data=b""))
    w.insert_page(PageObject(innehall, (0, 0, 595, 842)))
    ut = BytesIO()
    w.write(ut)
    return ut.getvalue()


@pytest.fixture
def sigill(tmp_path: Path) -> PadesSigill:
    return PadesSigill(tmp_path / "sigill", testrot=True)


@pytest.fixture
def forseglad(sigill: PadesSigill) -> bytes:
    return sigill.forsegla(en_pdf(), NAMND, UNDERSKRIFTER)


def test_ett_sigill_per_undertecknare_i_ordning_och_alla_haller(
    sigill: PadesSigill, forseglad: bytes
) -> None:
    kontroll = sigill.kontrollera(forseglad)
    assert kontroll.ok and kontroll.brister() == []
    assert [s.namn for s in kontroll.sigill] == [
        "Ulf Larsson (ordförande)",
        "Anna König Jerlmyr (justerare)",
        "Mats Gerdau (justerare)",
    ]
    forsta = kontroll.sigill[0]
    assert "signerade 2008-05-20 10:00 (svensk tid)" in forsta.skal and SHA in forsta.skal
    assert "Socialtjänstnämnden, Stockholms stad" in forsta.utfardat_for
    assert all(s.intakt and s.giltig and s.betrodd for s in kontroll.sigill)
    # Only the last covers the whole file; the earlier ones were followed by signatures only.
    assert [s.hela_filen for s in kontroll.sigill] == [False, False, True]
    assert not any(s.andrat_efter for s in kontroll.sigill)


def test_en_andrad_byte_namns(sigill: PadesSigill, forseglad: bytes) -> None:
    # A byte of the first revision's page tree, inside every signature's range.
    plats = forseglad.index(b"/MediaBox") + 1
    andrad = forseglad[:plats] + b"m" + forseglad[plats + 1 :]
    kontroll = sigill.kontrollera(andrad)
    assert not kontroll.ok
    brister = kontroll.brister()
    assert any("Ulf Larsson (ordförande)" in b and "har ändrats" in b for b in brister), brister


def test_en_uppdatering_efter_sista_sigillet_namns(sigill: PadesSigill, forseglad: bytes) -> None:
    w = IncrementalPdfFileWriter(BytesIO(forseglad))
    w.root["/PageLabels"] = generic.DictionaryObject()
    w.update_root()
    ut = BytesIO()
    w.write(ut)
    kontroll = sigill.kontrollera(ut.getvalue())
    assert not kontroll.ok
    brister = kontroll.brister()
    assert "något har lagts till i filen efter det sista sigillet" in brister
    assert any(
        "Mats Gerdau (justerare)" in b and "ändrats efter signaturen" in b for b in brister
    ), brister


def test_ett_sigill_fran_en_annan_rot_ar_inte_betrott(tmp_path: Path, forseglad: bytes) -> None:
    annan = tmp_path / "annan"
    skapa_testsigill(annan, NAMND)
    kontroll = PadesSigill(annan, testrot=True).kontrollera(forseglad)
    assert not kontroll.ok
    assert all(not s.betrodd and s.intakt for s in kontroll.sigill)
    assert "certifikatet leder inte till någon betrodd rot" in kontroll.brister()[0]


def test_en_trasig_fil_namns(sigill: PadesSigill) -> None:
    kontroll = sigill.kontrollera(b"inte en pdf")
    assert not kontroll.ok and kontroll.brister()[0].startswith("filen kan inte läsas som PDF")


def test_utan_testrot_maste_sigillet_finnas(tmp_path: Path) -> None:
    with pytest.raises(TjanstSaknas, match="Socialtjänstnämndens sigill saknas"):
        PadesSigill(tmp_path, rotcertifikat=[tmp_path / "rot.pem"]).forsegla(
            en_pdf(), NAMND, UNDERSKRIFTER
        )


def test_testsigillet_gors_en_gang_med_losenord(tmp_path: Path) -> None:
    fil = skapa_testsigill(tmp_path, NAMND, "hemligt")
    assert fil == sigillfil(tmp_path, NAMND) and fil.name == "Socialtjanstnamnden.p12"
    innan = fil.read_bytes()
    assert skapa_testsigill(tmp_path, NAMND, "hemligt") == fil and fil.read_bytes() == innan
    sigill = PadesSigill(tmp_path, "hemligt", [tmp_path / "testrot.pem"])
    assert sigill.kontrollera(sigill.forsegla(en_pdf(), NAMND, UNDERSKRIFTER[:1])).ok
    with pytest.raises(TjanstSaknas, match="kunde inte läsas"):
        PadesSigill(tmp_path, "fel", testrot=True).forsegla(en_pdf(), NAMND, UNDERSKRIFTER)
