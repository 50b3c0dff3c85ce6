"""Reading an e-mail (.eml) into what the registration needs: the adapter on its own,
with messages as mail programs build them."""

from __future__ import annotations

import base64
import random
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from arende.adapters.epostinlasning import las_epost
from arende.domain.fel import OgiltigUppgift
from arende.service_layer.inkommande import Epost
from arende.service_layer.kommandon import InkommenFil
from tests import inkommande_data as data


@pytest.fixture
def las(tmp_path: Path) -> Callable[[bytes], Epost]:
    """The e-mail read as the inbox reads it, its attachments written to a folder each."""
    raknare = iter(range(1000))

    def _las(ra: bytes) -> Epost:
        katalog = tmp_path / str(next(raknare))
        katalog.mkdir()
        return las_epost(InkommenFil("brev.eml", ra), katalog)

    return _las


def test_avsandare_amne_och_bilagor(las: Callable[[bytes], Epost]) -> None:
    brev = data.epost(bilagor=data.tva_bilagor(), message_id="<abc@example.se>")
    epost = las(data.over_smtp(brev))
    assert epost.avsandare == "Anna Andersson <anna.andersson@example.se>"
    assert epost.amne == "Yttrande i SoN 2008/1"
    assert epost.message_id == "<abc@example.se>"
    assert [(b.namn, b.las()[:4]) for b in epost.bilagor] == [
        ("yttrande.docx", b"PK\x03\x04"),
        ("underskrift.pdf", b"%PDF"),
    ]


@pytest.mark.parametrize("radslut", ["crlf", "lf"])
def test_svenska_filnamn_och_bada_radsluten(radslut: str, las: Callable[[bytes], Epost]) -> None:
    brev = data.epost(
        amne="Yttrande från förvaltningen – SoN 2008/1",
        bilagor=[("Yttrande från förvaltningen, åäö.pdf", data.PDF, "application", "pdf")],
    )
    ra = data.over_smtp(brev) if radslut == "crlf" else bytes(brev)
    epost = las(ra)
    assert epost.amne == "Yttrande från förvaltningen – SoN 2008/1"
    assert [(b.namn, b.las()) for b in epost.bilagor] == [
        ("Yttrande från förvaltningen, åäö.pdf", data.PDF)
    ]


def test_samma_brev_med_andra_transporthuvuden_har_samma_nyckel(
    las: Callable[[bytes], Epost],
) -> None:
    ra = data.over_smtp(data.epost(bilagor=data.tva_bilagor()))
    igen = b"Received: from mx2.kommun.se by arende; Fri, 4 Dec 2026 22:00:00 +0100\r\n" + ra
    assert las(ra).nyckel == las(igen).nyckel
    # Another message reusing the Message-ID is not taken for it.
    annat = ra.replace(b"Hej!", b"Hallo")
    assert las(annat).nyckel != las(ra).nyckel


def test_djupt_liggande_bilaga_och_vidarebefordrat_brev(las: Callable[[bytes], Epost]) -> None:
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
    epost = las(data.over_smtp(brev))
    namn = [b.namn for b in epost.bilagor]
    assert namn == ["karta.png", "Vidarebefordrat.eml"]
    # The forwarded e-mail is whole, its own attachment inside it.
    assert las(epost.bilagor[1].las()).bilagor[0].namn == "a.pdf"


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
def test_trasigt_brev_avvisas(ra: bytes, vantat: str, las: Callable[[bytes], Epost]) -> None:
    with pytest.raises(OgiltigUppgift, match=vantat):
        las(ra)


def test_en_inre_grans_som_borjar_som_den_yttre_tas_inte_for_den(
    las: Callable[[bytes], Epost],
) -> None:
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
    assert [(b.namn, b.las()) for b in las(ra).bilagor] == [("a.pdf", data.PDF)]


# -- read as a stream: the same attachments as Python's own parser finds ---------------------


def _pythons_bilagor(ra: bytes) -> list[tuple[str, bytes]]:
    """What Python's email parser (which holds the whole message) makes of the attachments:
    the reference the streaming reader is held to."""
    brev = message_from_bytes(ra, policy=policy.default)
    ut = []
    for del_ in brev.walk():
        if del_.get_content_type() == "message/rfc822":
            continue  # compared on its own below
        namn = del_.get_filename()
        if namn is not None and not del_.is_multipart():
            innehall = del_.get_payload(decode=True)
            assert isinstance(innehall, bytes)
            ut.append((namn, innehall))
    return ut


@pytest.mark.parametrize("fro", range(12))
def test_samma_bilagor_som_pythons_egen_tolkning(fro: int, las: Callable[[bytes], Epost]) -> None:
    """Messages as mail programs build them, with attachments of sizes around the reader's
    piece size (64 KB), binary and text, in base64 and quoted-printable, some nested, both
    line ends: every attachment comes out byte for byte as Python's parser decodes it."""
    slump = random.Random(fro)
    brev = data.epost(text="Hej!\nSe bilagorna." if fro % 2 else "Hej")
    if fro % 3 == 0:
        brev.add_alternative("<p>Hej</p>", subtype="html")
    for i in range(slump.randint(1, 4)):
        storlek = slump.choice([0, 1, 2, 3, 57, 76, 1 << 16, (1 << 16) + 1, 200_000])
        if slump.random() < 0.5:
            innehall = slump.randbytes(storlek)
            brev.add_attachment(
                innehall, maintype="application", subtype="pdf", filename=f"bilaga {i} å.pdf"
            )
        else:
            # Text with long lines and '=' signs: quoted-printable's soft line breaks and
            # escapes across the pieces the reader takes.
            rad = "".join(slump.choice("abcåäö =\t") for _ in range(slump.randint(1, 300)))
            text = "\n".join(rad for _ in range(max(1, storlek // max(len(rad), 1))))
            brev.add_attachment(
                text, subtype="plain", filename=f"text{i}.txt", cte="quoted-printable"
            )
    ra = data.over_smtp(brev) if fro % 4 else bytes(brev)
    assert [(b.namn, b.las()) for b in las(ra).bilagor] == _pythons_bilagor(ra)


def test_base64_utan_radbrytningar_och_med_skrap(las: Callable[[bytes], Epost]) -> None:
    """One 300 KB base64 line (no line breaks at all), and one with stray characters and
    lines of uneven length: decoded whole, as a lenient decoding of the whole would."""
    innehall = random.Random(1).randbytes(300_000)
    kodat = base64.b64encode(innehall)
    ojamn = b"\r\n".join(
        kodat[i : i + n] for i, n in zip(range(0, len(kodat), 50), [50] * 99999, strict=False)
    )
    for kropp in (kodat, ojamn.replace(b"A", b"A!", 3)):
        ra = (
            b"From: a@example.se\r\nSubject: SoN 2008/1\r\n"
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            b'Content-Type: application/pdf\r\nContent-Disposition: attachment; filename="a.pdf"\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\n" + kropp + b"\r\n--b--\r\n"
        )
        assert [(b.namn, b.las()) for b in las(ra).bilagor] == [("a.pdf", innehall)]


def test_en_del_utan_avslutande_grans_gar_till_slutet(las: Callable[[bytes], Epost]) -> None:
    ra = (
        b"From: a@example.se\r\nSubject: SoN 2008/1\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b'Content-Type: application/pdf\r\nContent-Disposition: attachment; filename="a.pdf"\r\n'
        b"\r\n%PDF-1.4\r\nslut utan gr\xe4ns\r\n"
    )
    assert [(b.namn, b.las()) for b in las(ra).bilagor] == [
        ("a.pdf", b"%PDF-1.4\r\nslut utan gr\xe4ns\r\n")
    ]


def test_orimligt_stora_rubrikfalt_avvisas(las: Callable[[bytes], Epost]) -> None:
    ra = b"From: a@example.se\r\nSubject: SoN 2008/1\r\n" + b"X-Fyll: " + b"a" * 70 + b"\r\n"
    ra += (b" " + b"a" * 70 + b"\r\n") * 16_000 + b"\r\nHej\r\n"
    with pytest.raises(OgiltigUppgift, match="rubrikfälten är större än 1 MB"):
        las(ra)
