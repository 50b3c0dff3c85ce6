"""The justerat protokoll as archive PDF with the nämnd's seal (issue: justering worth
archiving): the ordförande and two justerare sign in turn, and the last signature writes the
protokoll as PDF/A-2b with one PAdES seal per signatory, naming her, her role, the time and
the sha256 she approved. The seals verify with pyHanko's validator and the test CA, and
`verifiera` names the file once a byte of it is changed. One LibreOffice call; SQLite."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pyhanko.keys.pemder import load_certs_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from arende.adapters.arkiv import Filarkiv
from arende.adapters.databas import skapa_motor
from arende.adapters.pdf import hitta_libreoffice
from arende.adapters.sigill import PadesSigill
from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.sammantrade.justering import PROTOKOLLET_JUSTERAT
from arende.domain.sammantrade.mote import Sammantradesstatus
from arende.domain.skeden import Utfall
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from tests import hjalp, pdfa, seed000
from tests.conftest import FastKlocka

MOTE = hjalp.MOTE
MAPP = f"sammantraden/Socialtjänstnämnden-{MOTE}"
TREDJE = "Anders Palmér"


@pytest.fixture
def system(sqlite_klar_url: str, tmp_path: Path) -> Arendesystem:
    if hitta_libreoffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) måste finnas i CI: make installerar det")
        pytest.skip("LibreOffice saknas på maskinen")
    return Arendesystem(
        skapa_motor(sqlite_klar_url),
        klocka=FastKlocka(),
        arkiv=Filarkiv(tmp_path / "arkiv"),
        sigill=PadesSigill(tmp_path / "sigill", testrot=True),
    )


def steg(system: Arendesystem, typ: type[k.Kommando], **data: Any) -> None:
    system.utfor(hjalp.sammantradeskommando(typ, MOTE, **data))


def test_tre_signerar_i_tur_och_protokollet_blir_forseglad_pdf_a(
    system: Arendesystem, tmp_path: Path
) -> None:
    dnr = seed000.registrera(system)
    seed000.till_faststallt(system, dnr)
    ordf, vice = hjalp.ordforande_och_justerare(system)
    steg(system, k.Kalla, utskick=MOTE - timedelta(days=7))
    steg(
        system,
        k.Oppna,
        narvaro=hjalp.narvaro(system),
        ordforande=ordf,
        justerare=[vice, TREDJE],
        justering_forsta=MOTE,
        justering_sista=MOTE + timedelta(days=14),
        borjade="18:00",
    )
    steg(system, k.Besluta, arende=dnr, utfall=Utfall.BIFALL)
    steg(system, k.Stang, upprattat=MOTE, avslutades="19:30")
    protokoll = visningar.protokoll(system.uow(), hjalp.NAMND, MOTE)
    assert protokoll is not None
    tider = [
        datetime(2008, 5, 20, 10, 5, tzinfo=STOCKHOLM),
        datetime(2008, 5, 20, 16, 40, tzinfo=STOCKHOLM),
        datetime(2008, 5, 21, 9, 15, tzinfo=STOCKHOLM),
    ]
    arkiv = system.arkiv
    for namn, tid in zip((ordf, vice, TREDJE), tider, strict=True):
        assert not arkiv.sokvag(f"{MAPP}/protokoll-justerat.pdf").exists()
        steg(
            system,
            k.Signera,
            aktor=namn,
            inloggning=hjalp.inloggning(namn),
            tidpunkt=tid,
            protokoll_sha256=protokoll.sha256,
        )
    s = visningar.sammantrade(system.uow(), hjalp.NAMND, MOTE)
    assert s is not None and s.status is Sammantradesstatus.JUSTERAT

    # The sealed PDF beside the Word file, its sha256 in the audit event beside the docx's.
    pdf = arkiv.las(f"{MAPP}/protokoll-justerat.pdf")
    with system.uow() as uow:
        (handelse,) = [
            e for e in uow.logg.for_korning(hjalp.KORNING) if e.handling == PROTOKOLLET_JUSTERAT
        ]
    i = handelse.innehall
    assert i["pdf"] == f"{MAPP}/protokoll-justerat.pdf"
    assert i["pdf_sha256"] == hashlib.sha256(pdf).hexdigest()
    assert i["sha256"] == hashlib.sha256(arkiv.las(f"{MAPP}/protokoll-justerat.docx")).hexdigest()
    assert len(i["sigill"]) == 3

    # PDF/A-2b, also after the three incremental updates.
    assert pdfa.brister(pdf) == []

    # Three seals in the order they signed, each valid, intact and trusted by pyHanko's own
    # validator with the test CA as the only root.
    rot = list(load_certs_from_pemder([str(tmp_path / "sigill" / "testrot.pem")]))
    signaturer = PdfFileReader(BytesIO(pdf)).embedded_signatures
    assert len(signaturer) == 3
    for sig, namn, roll, tid in zip(
        signaturer,
        (ordf, vice, TREDJE),
        ("ordförande", "justerare", "justerare"),
        tider,
        strict=True,
    ):
        status = validate_pdf_signature(
            sig, ValidationContext(trust_roots=rot, allow_fetching=False)
        )
        assert status.bottom_line and status.intact and status.valid and status.trusted
        assert sig.sig_object["/Name"] == f"{namn} ({roll})"
        skal = str(sig.sig_object["/Reason"])
        assert tid.strftime("%Y-%m-%d %H:%M") in skal and protokoll.sha256 in skal
        assert "Socialtjänstnämnden, Stockholms stad" in status.signing_cert.subject.human_friendly
    assert signaturer[0].sig_object.get("/Type") == "/Sig"

    # `verifiera`: the chain, the files, and the seals.
    resultat = visningar.verifiera(system.uow(), arkiv, sigill=system.sigill)
    assert resultat.intakt and resultat.kontrollerade_sigill == 1, resultat

    # A byte changed after sealing: the file and its seals are named.
    plats = pdf.index(b"/MediaBox") + 1
    arkiv.spara(f"{MAPP}/protokoll-justerat.pdf", pdf[:plats] + b"m" + pdf[plats + 1 :])
    resultat = visningar.verifiera(system.uow(), arkiv, sigill=system.sigill)
    assert not resultat.intakt
    assert any(
        "justerat protokoll för Socialtjänstnämnden 2008-05-13: filen har ändrats" in f
        and "protokoll-justerat.pdf" in f
        for f in resultat.filfel
    ), resultat.filfel
    assert any(
        f"sigillet för {ordf} (ordförande): det signerade innehållet har ändrats" in f
        for f in resultat.sigillfel
    ), resultat.sigillfel
