"""Reading an e-mail (.eml) into what the registration needs: the adapter on its own,
with messages as mail programs build them."""

from __future__ import annotations

import base64
from email.message import EmailMessage

import pytest

from arende.adapters.epostinlasning import las_epost
from arende.domain.fel import OgiltigUppgift
from tests import inkommande_data as data


def test_avsandare_amne_och_bilagor() -> None:
    brev = data.epost(bilagor=data.tva_bilagor(), message_id="<abc@example.se>")
    epost = las_epost(data.over_smtp(brev))
    assert epost.avsandare == "Anna Andersson <anna.andersson@example.se>"
    assert epost.amne == "Yttrande i SoN 2008/1"
    assert epost.message_id == "<abc@example.se>"
    assert [(b.namn, b.innehall[:4]) for b in epost.bilagor] == [
        ("yttrande.docx", b"PK\x03\x04"),
        ("underskrift.pdf", b"%PDF"),
    ]


@pytest.mark.parametrize("radslut", ["crlf", "lf"])
def test_svenska_filnamn_och_bada_radsluten(radslut: str) -> None:
    brev = data.epost(
        amne="Yttrande från förvaltningen – SoN 2008/1",
        bilagor=[("Yttrande från förvaltningen, åäö.pdf", data.PDF, "application", "pdf")],
    )
    ra = data.over_smtp(brev) if radslut == "crlf" else bytes(brev)
    epost = las_epost(ra)
    assert epost.amne == "Yttrande från förvaltningen – SoN 2008/1"
    assert [(b.namn, b.innehall) for b in epost.bilagor] == [
        ("Yttrande från förvaltningen, åäö.pdf", data.PDF)
    ]


def test_samma_brev_med_andra_transporthuvuden_har_samma_nyckel() -> None:
    ra = data.over_smtp(data.epost(bilagor=data.tva_bilagor()))
    igen = b"Received: from mx2.kommun.se by arende; Fri, 4 Dec 2026 22:00:00 +0100\r\n" + ra
    assert las_epost(ra).nyckel == las_epost(igen).nyckel
    # Another message reusing the Message-ID is not taken for it.
    annat = ra.replace(b"Hej!", b"Hallo")
    assert las_epost(annat).nyckel != las_epost(ra).nyckel


def test_djupt_liggande_bilaga_och_vidarebefordrat_brev() -> None:
    brev = data.epost(text="Se bilagorna.")
    brev.add_alternative("<p>Se bilagorna.</p>", subtype="html")
    # A mail program that puts the attachment inside multipart/related inside the body.
    html = next(p for p in brev.walk() if p.get_content_type() == "text/html")
    assert isinstance(html, EmailMessage)
    html.add_related(data.PNG, maintype="image", subtype="png", filename="karta.png")
    vidare = data.epost(
        amne="Ursprungligt brev", bilagor=[("a.pdf", data.PDF, "application", "pdf")]
    )
    brev.add_attachment(vidare, filename="Vidarebefordrat")
    epost = las_epost(data.over_smtp(brev))
    namn = [b.namn for b in epost.bilagor]
    assert namn == ["karta.png", "Vidarebefordrat.eml"]
    # The forwarded e-mail is whole, its own attachment inside it.
    assert las_epost(epost.bilagor[1].innehall).bilagor[0].namn == "a.pdf"


@pytest.mark.parametrize(
    ("ra", "vantat"),
    [
        (b"", "tomt"),
        (b"\x00\x01\x02 binart skrap", "går inte att tolka"),
        (data.over_smtp(data.epost(avsandare=None)), "saknar avsändare"),
        (data.over_smtp(data.epost(avsandare="Ingen adress")), "saknar avsändare"),
        (
            b"From: a@example.se\r\nSubject: SoN 2008/1\r\nContent-Type: multipart/mixed\r\n\r\n"
            b"ingen gr\xe4ns\r\n",
            "struktur är trasig",
        ),
        (
            b'From: a@example.se\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary="q"'
            b"\r\n\r\nutan start\r\n",
            "struktur är trasig",
        ),
    ],
)
def test_trasigt_brev_avvisas(ra: bytes, vantat: str) -> None:
    with pytest.raises(OgiltigUppgift, match=vantat):
        las_epost(ra)


def test_en_inre_grans_som_borjar_som_den_yttre_tas_inte_for_den() -> None:
    ra = (
        b"From: a@example.se\r\nSubject: SoN 2008/1\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        b"--b\r\n"
        b'Content-Type: multipart/alternative; boundary="bx"\r\n\r\n'
        b"--bx\r\nContent-Type: text/plain\r\n\r\nHej\r\n--bx--\r\n"
        b"--b\r\n"
        b'Content-Type: application/pdf\r\nContent-Disposition: attachment; filename="a.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(data.PDF).replace(b"\n", b"\r\n")
        + b"--b--\r\n"
    )
    assert [(b.namn, b.innehall) for b in las_epost(ra).bilagor] == [("a.pdf", data.PDF)]
