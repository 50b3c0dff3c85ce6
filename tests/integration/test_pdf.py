"""Every generated document opens in a real reader of Word files: LibreOffice makes its PDF."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from arende.adapters.pdf import LibreOfficePdf, hitta_libreoffice
from arende.bootstrap import Arendesystem
from arende.domain.fel import OgiltigUppgift, TjanstSaknas
from arende.domain.handling import Handlingstyp
from arende.service_layer import handlingar, visningar
from tests import pdfa
from tests.seed000 import hela_vagen, registrera, registrera_deltagande, till_faststallt


@pytest.fixture(scope="module")
def libreoffice() -> str:
    program = hitta_libreoffice()
    if program is None:
        if os.environ.get("CI"):
            pytest.fail(
                "LibreOffice (soffice) måste finnas i CI: make installerar libreoffice-writer"
            )
        pytest.skip("LibreOffice saknas på maskinen")
    return program


@pytest.fixture
def sqlite_system(sqlite_url: str, tmp_path: Path) -> Arendesystem:
    from arende.adapters.arkiv import Filarkiv
    from arende.adapters.databas import skapa_motor, uppgradera
    from arende.bootstrap import ladda_grunddata
    from tests.conftest import GRUNDDATA, FastKlocka

    uppgradera(sqlite_url)
    system = Arendesystem(
        skapa_motor(sqlite_url), klocka=FastKlocka(), arkiv=Filarkiv(tmp_path / "arkiv")
    )
    ladda_grunddata(system, GRUNDDATA)
    return system


def test_varje_handling_i_seedens_arende_blir_pdf_en_gang(
    libreoffice: str, sqlite_system: Arendesystem
) -> None:
    system = sqlite_system
    dnr = registrera(system)
    hela_vagen(system, dnr)
    registrerade = handlingar.handlingar(system.uow(), dnr)
    # The tjänsteutlåtande, the protokollsutdrag and the anslag (the kallelse and the
    # protokoll are the sammanträde's, not the ärende's).
    assert [h.typ for h in registrerade] == [
        Handlingstyp.TJANSTEUTLATANDE,
        Handlingstyp.PROTOKOLLSUTDRAG,
        Handlingstyp.ANSLAG,
    ]
    for handling in registrerade:
        med_pdf = handlingar.gor_pdf(
            system.uow(), system.arkiv, LibreOfficePdf(libreoffice), dnr, handling, "test"
        )
        assert med_pdf.pdf_fil == handling.fil.removesuffix(".docx") + ".pdf"
        pdf = system.arkiv.las(med_pdf.pdf_fil)
        assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000
        assert pdfa.brister(pdf) == []  # PDF/A-2b, every archived PDF
        igen = handlingar.gor_pdf(
            system.uow(), system.arkiv, LibreOfficePdf(libreoffice), dnr, handling, "test"
        )
        assert igen.pdf_sha256 == med_pdf.pdf_sha256  # made once; the second call reads it
    loggade = [e for e in visningar.historik(system.uow(), dnr) if e.handling == "registrera PDF"]
    assert len(loggade) == len(registrerade)


def test_mallen_for_deltagande_blir_pdf(libreoffice: str, sqlite_system: Arendesystem) -> None:
    """The deltagande type's tjänsteutlåtande, drawn up when its förslag is fastställt."""
    system = sqlite_system
    dnr = registrera_deltagande(system)
    till_faststallt(system, dnr)
    tu = handlingar.senaste(system.uow(), dnr, Handlingstyp.TJANSTEUTLATANDE)
    assert tu is not None and tu.mall == "tjansteutlatande_deltagande.docx"
    assert LibreOfficePdf(libreoffice).till_pdf(system.arkiv.las(tu.fil)).startswith(b"%PDF-")


def test_ingen_pdf_av_en_andrad_fil(libreoffice: str, sqlite_system: Arendesystem) -> None:
    system = sqlite_system
    dnr = registrera(system)
    hela_vagen(system, dnr)
    handling = handlingar.handlingar(system.uow(), dnr)[0]
    fil = system.arkiv.sokvag(handling.fil)
    fil.write_bytes(fil.read_bytes() + b"\0")
    with pytest.raises(OgiltigUppgift, match="stämmer inte med sin registrerade kontrollsumma"):
        handlingar.gor_pdf(
            system.uow(), system.arkiv, LibreOfficePdf(libreoffice), dnr, handling, "t"
        )
    assert handlingar.handlingar(system.uow(), dnr)[0].pdf_fil is None


def test_utan_libreoffice_ett_tydligt_besked_och_word_filen_finns_kvar(
    sqlite_system: Arendesystem, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    system = sqlite_system
    dnr = registrera(system)
    hela_vagen(system, dnr)
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without soffice or libreoffice
    handling = handlingar.handlingar(system.uow(), dnr)[0]
    with pytest.raises(TjanstSaknas, match="LibreOffice saknas, så ingen PDF kunde göras"):
        handlingar.gor_pdf(system.uow(), system.arkiv, LibreOfficePdf(), dnr, handling, "t")
    kvar = handlingar.handlingar(system.uow(), dnr)[0]
    assert kvar.pdf_fil is None and system.arkiv.las(kvar.fil).startswith(b"PK")
