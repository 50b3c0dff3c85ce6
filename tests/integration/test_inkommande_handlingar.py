"""What comes in to the registrator, against the real database (SQLite and PostgreSQL), the
real archive folder and a real SMTP server (aiosmtpd on loopback): a file by the command
line's command, a file and an e-mail put in the inbox folder, and an e-mail sent over SMTP.
Each becomes handlingar numbered, hashed and logged like the generated ones; the same thing
taken in twice registers once; bad input is refused in Swedish with nothing registered and
nothing written anywhere but the inbox's own folders."""

from __future__ import annotations

import hashlib
import os
import re
import smtplib
import socket
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from arende.adapters.postko import Postko
from arende.bootstrap import Arendesystem
from arende.domain.fel import ArendeFel, OgiltigUppgift
from arende.domain.handelser import HandlingInkommen
from arende.entrypoints.epostmottagare import Epostmottagare, Registratorspost
from arende.entrypoints.inkorg import AVVISADE, REGISTRERADE, Inkorg
from arende.service_layer import visningar
from arende.service_layer.inkommande import filkommando
from arende.service_layer.kommandon import InkommenFil
from tests import inkommande_data as data
from tests.conftest import FastKlocka
from tests.integration.test_arendeflode_i_databasen import registrera
from tests.postlada import ledig_port

REGISTRATOR = "Per Lindqvist"
REGISTRATORNS_ADRESS = "registrator@stockholm.example"


@pytest.fixture
def dnr(system: Arendesystem) -> str:
    return registrera(system)


def _inkomna(system: Arendesystem, dnr: str) -> list[visningar.Handlingspost]:
    return [h for h in visningar.handlingar(system.uow(), dnr) if h.riktning == "inkommande"]


def _loggade(system: Arendesystem, dnr: str) -> list[visningar.Loggpost]:
    return [
        h
        for h in visningar.historik(system.uow(), dnr)
        if h.handling == "registrera inkommande handling" and h.innehall["utfall"] == "utförd"
    ]


def _filer(katalog: Path) -> set[Path]:
    return {p for p in katalog.rglob("*") if p.is_file()} if katalog.exists() else set()


def _kontrollera_hashade(system: Arendesystem, poster: list[visningar.Handlingspost]) -> None:
    for h in poster:
        assert hashlib.sha256(system.arkiv.las(h.fil)).hexdigest() == h.sha256


def test_en_fil_fran_kommandoraden_numreras_hashas_och_loggas(
    system: Arendesystem, dnr: str
) -> None:
    fore = {h.nummer for h in visningar.handlingar(system.uow(), dnr)}
    kommando = filkommando(
        [InkommenFil("yttrande.pdf", data.PDF), InkommenFil("bilaga.docx", data.docx())],
        aktor=REGISTRATOR,
        dnr=visningar.hamta_arende(system.uow(), dnr).dnr,
        inkom=FastKlocka().dag,
        avsandare="Stadsledningskontoret",
        beskrivning="Yttrande över nomineringen",
        kanal="kommandoraden",
    )
    handelser = system.utfor(kommando)
    nummer = [h.nummer for h in handelser if isinstance(h, HandlingInkommen)]
    assert len(nummer) == 2 and not set(nummer) & fore
    poster = _inkomna(system, dnr)
    assert [(h.typ, h.motpart, h.fil.rsplit(".", 1)[1]) for h in poster] == [
        ("inkommen handling", "Stadsledningskontoret", "pdf"),
        ("bilaga", "Stadsledningskontoret", "docx"),
    ]
    assert poster[0].titel == "Yttrande över nomineringen"
    assert poster[0].upprattad_av == REGISTRATOR
    _kontrollera_hashade(system, poster)
    logg = _loggade(system, dnr)
    assert [(h.aktor, h.roll, h.innehall["nummer"], h.innehall["sha256"]) for h in logg] == [
        (REGISTRATOR, "registrator", p.nummer, p.sha256) for p in poster
    ]
    # The same files again: found under the key, nothing more registered.
    assert system.utfor(kommando) == handelser
    assert len(_inkomna(system, dnr)) == 2
    # And `arende verifiera`'s check holds for them too.
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert resultat.intakt, resultat.filfel


def test_bara_registrator_eller_handlaggare_registrerar(system: Arendesystem, dnr: str) -> None:
    kommando = filkommando(
        [InkommenFil("brev.pdf", data.PDF)],
        aktor="Dag Helin",  # a chef
        dnr=visningar.hamta_arende(system.uow(), dnr).dnr,
        inkom=FastKlocka().dag,
        avsandare="Någon",
        beskrivning="Brev",
        kanal="kommandoraden",
    )
    with pytest.raises(ArendeFel):
        system.utfor(kommando)
    assert _inkomna(system, dnr) == []


@pytest.mark.parametrize(
    ("namn", "innehall", "vantat"),
    [
        ("tom.pdf", b"", "är tom (0 byte)"),
        ("bomb.docx", data.zipbomb(), "zip-bomb"),
        ("ljuger.pdf", data.docx(), "filändelsen stämmer inte"),
        ("ljuger.docx", data.PDF, "filändelsen stämmer inte"),
        ("bild.png", b"MZ\x90\x00 inte en bild", "filändelsen stämmer inte"),
        ("program.exe", b"MZ\x90\x00", "filtyp som inte tas emot"),
        ("../../etc/passwd.pdf", data.PDF, "är en sökväg"),
        ("/etc/passwd.pdf", data.PDF, "är en sökväg"),
        ("C:\\Windows\\system.pdf", data.PDF, "är en sökväg"),
        ("brev\x00.pdf", data.PDF, "styrtecken"),
        ("..", data.PDF, "är en sökväg"),
    ],
)
def test_felaktig_fil_avvisas_och_inget_registreras(
    system: Arendesystem, dnr: str, tmp_path: Path, namn: str, innehall: bytes, vantat: str
) -> None:
    fore = _filer(tmp_path)
    with pytest.raises(OgiltigUppgift, match=re.escape(vantat)):
        system.utfor(
            filkommando(
                [InkommenFil("brev.pdf", data.PDF), InkommenFil(namn, innehall)],
                aktor=REGISTRATOR,
                dnr=visningar.hamta_arende(system.uow(), dnr).dnr,
                inkom=FastKlocka().dag,
                avsandare="Någon",
                beskrivning="Brev med bilaga",
                kanal="kommandoraden",
            )
        )
    assert _inkomna(system, dnr) == []
    assert _filer(tmp_path) == fore  # not even the good first file was written
    # The refusal is itself logged, in Swedish.
    avvisade = [
        h
        for h in visningar.historik(system.uow(), dnr)
        if h.handling == "registrera inkommande handling"
    ]
    assert avvisade[-1].innehall["utfall"] == "avvisad"
    assert vantat in avvisade[-1].innehall["meddelande"]


def test_storre_an_gransen_avvisas(system: Arendesystem, dnr: str) -> None:
    system.storsta_inkommande = 1 << 20
    with pytest.raises(OgiltigUppgift, match="största fil som tas emot är 1,0 MB"):
        system.utfor(
            filkommando(
                [InkommenFil("stor.pdf", data.PDF + b"0" * (2 << 20))],
                aktor=REGISTRATOR,
                dnr=visningar.hamta_arende(system.uow(), dnr).dnr,
                inkom=FastKlocka().dag,
                avsandare="Någon",
                beskrivning="Stor skanning",
                kanal="kommandoraden",
            )
        )
    assert _inkomna(system, dnr) == []


# -- the inbox folder ---------------------------------------------------------------------


def test_inkorgen_registrerar_flyttar_och_ar_idempotent(
    system: Arendesystem, dnr: str, tmp_path: Path
) -> None:
    katalog = tmp_path / "inkorg"
    inkorg = Inkorg(system, katalog, lugn=0)
    (katalog / "skanning.pdf").write_bytes(data.PDF)
    (katalog / "skanning.pdf.toml").write_text(
        f'dnr = "{dnr}"\navsandare = "Kvalitetsrådet"\nbeskrivning = "Inbjudan"\n'
        "inkom = 2026-11-20\n",
        encoding="utf-8",
    )
    (katalog / "vantar.pdf").write_bytes(data.PDF)  # no sidecar yet
    (katalog / "svar.eml").write_bytes(bytes(data.epost(bilagor=data.tva_bilagor())))
    utfall = {u.fil: u for u in inkorg.ga_igenom()}
    assert utfall["skanning.pdf"].registrerad, utfall["skanning.pdf"].meddelande
    assert utfall["svar.eml"].registrerad, utfall["svar.eml"].meddelande
    assert len(utfall["svar.eml"].nummer) == 3
    assert utfall["vantar.pdf"].vantar
    assert sorted(p.name for p in katalog.iterdir() if p.is_file()) == ["vantar.pdf"]
    registrerade = sorted(p.name.split("-", 1)[1] for p in (katalog / REGISTRERADE).iterdir())
    assert registrerade == ["skanning.pdf", "skanning.pdf.toml", "svar.eml"]
    poster = _inkomna(system, dnr)
    assert [(h.typ, str(h.datum)) for h in poster] == [
        ("inkommen handling", "2026-11-20"),
        ("e-postmeddelande", "2026-11-23"),
        ("bilaga", "2026-11-23"),
        ("bilaga", "2026-11-23"),
    ]
    _kontrollera_hashade(system, poster)
    # The same e-mail put in again (a second copy) registers nothing more.
    (katalog / "svar-igen.eml").write_bytes(
        (katalog / REGISTRERADE).glob("*svar.eml").__next__().read_bytes()
    )
    igen = inkorg.ga_igenom()
    assert [u.fil for u in igen if u.registrerad] == ["svar-igen.eml"]
    assert len(_inkomna(system, dnr)) == 4


def test_inkorgen_avvisar_med_skal_bredvid(system: Arendesystem, dnr: str, tmp_path: Path) -> None:
    katalog = tmp_path / "inkorg"
    inkorg = Inkorg(system, katalog, lugn=0)
    (katalog / "utan-avsandare.eml").write_bytes(bytes(data.epost(avsandare=None)))
    (katalog / "trasig.eml").write_bytes(
        b"From: a@example.se\r\nSubject: SoN 2008/1\r\nContent-Type: multipart/mixed\r\n\r\n"
        b"ingen gr\xe4ns alls\r\n"
    )
    (katalog / "tom.pdf").write_bytes(b"")
    (katalog / "tom.pdf.toml").write_text(
        f'dnr = "{dnr}"\navsandare = "X"\nbeskrivning = "Tom"\n', encoding="utf-8"
    )
    (katalog / "lank.pdf").symlink_to("/etc/passwd")
    (katalog / "lank.pdf.toml").write_text(
        f'dnr = "{dnr}"\navsandare = "X"\nbeskrivning = "Lösenorden"\n', encoding="utf-8"
    )
    (katalog / "bilaga-med-sokvag.eml").write_bytes(
        bytes(data.epost(bilagor=[("../../etc/passwd", data.PDF, "application", "pdf")]))
    )
    utfall = {u.fil: u.meddelande for u in inkorg.ga_igenom()}
    assert "saknar avsändare" in utfall["utan-avsandare.eml"]
    assert "går inte att tolka" in utfall["trasig.eml"]
    assert "är tom" in utfall["tom.pdf"]
    assert "ingen vanlig fil" in utfall["lank.pdf"]
    assert "är en sökväg" in utfall["bilaga-med-sokvag.eml"]
    assert _inkomna(system, dnr) == []
    skal = {p.name.split("-", 1)[1]: p.read_text() for p in (katalog / AVVISADE).glob("*.fel.txt")}
    assert set(skal) == {f"{namn}.fel.txt" for namn in utfall}
    assert not [p for p in katalog.iterdir() if p.is_file() or p.is_symlink()]
    assert not (tmp_path / "etc").exists()


def test_inkorgen_laser_inte_en_for_stor_fil(
    system: Arendesystem, dnr: str, tmp_path: Path
) -> None:
    """A 200 MB attachment-sized file is refused from its size alone: it is sparse here, and
    would take 200 MB of memory if it were read."""
    katalog = tmp_path / "inkorg"
    inkorg = Inkorg(system, katalog, lugn=0)
    stor = katalog / "stor.pdf"
    with stor.open("wb") as ut:
        ut.write(data.PDF)
        ut.truncate(200 << 20)
    (katalog / "stor.pdf.toml").write_text(
        f'dnr = "{dnr}"\navsandare = "X"\nbeskrivning = "Stor"\n', encoding="utf-8"
    )
    [utfall] = inkorg.ga_igenom()
    assert "största som tas emot är 100,0 MB" in utfall.meddelande
    assert _inkomna(system, dnr) == []


# -- e-mail over SMTP ------------------------------------------------------------------------


@pytest.fixture
def mottagare(system: Arendesystem, tmp_path: Path) -> Iterator[tuple[Path, int]]:
    katalog = tmp_path / "inkorg"
    port = ledig_port()
    server = Epostmottagare(system, katalog, [REGISTRATORNS_ADRESS], "127.0.0.1", port)
    server.start()
    try:
        yield katalog, port
    finally:
        server.stop()


def _skicka(port: int, brev: bytes, till: str = REGISTRATORNS_ADRESS) -> tuple[int, bytes]:
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
        smtp.ehlo()
        smtp.mail("anna.andersson@example.se")
        kod, svar = smtp.rcpt(till)
        if kod != 250:
            return kod, svar
        return smtp.data(brev)


def test_epost_med_tva_bilagor_blir_en_registrering_med_tre_handlingar(
    system: Arendesystem, dnr: str, mottagare: tuple[Path, int]
) -> None:
    katalog, port = mottagare
    brev = data.over_smtp(data.epost(bilagor=data.tva_bilagor()))
    kod, svar = _skicka(port, brev)
    assert kod == 250, svar
    assert b"handling" in svar
    poster = _inkomna(system, dnr)
    assert [h.typ for h in poster] == ["e-postmeddelande", "bilaga", "bilaga"]
    assert {h.motpart for h in poster} == {"Anna Andersson <anna.andersson@example.se>"}
    assert poster[0].titel == "Yttrande i SoN 2008/1"
    assert [h.fil.rsplit(".", 1)[1] for h in poster] == ["eml", "docx", "pdf"]
    # The e-mail is kept as it came; each attachment is its own file with its own hash.
    assert system.arkiv.las(poster[0].fil) == brev
    assert system.arkiv.las(poster[2].fil) == data.PDF
    _kontrollera_hashade(system, poster)
    logg = _loggade(system, dnr)
    assert [
        (h.aktor, h.innehall["nummer"], h.innehall["sha256"], h.innehall["kanal"]) for h in logg
    ] == [("Ärendesystemet", p.nummer, p.sha256, "e-post") for p in poster]
    assert logg[0].innehall["message_id"].endswith("@example.se>")
    # Delivered twice (a mail server's retry): registered once, and the sender told so.
    kod, svar = _skicka(port, brev)
    assert kod == 250, svar
    assert len(_inkomna(system, dnr)) == 3
    assert len(_loggade(system, dnr)) == 3
    assert len(list((katalog / REGISTRERADE).iterdir())) == 2


def test_epost_utan_avsandare_avvisas_over_smtp(
    system: Arendesystem, dnr: str, mottagare: tuple[Path, int]
) -> None:
    katalog, port = mottagare
    kod, svar = _skicka(port, data.over_smtp(data.epost(avsandare=None)))
    assert kod == 550
    assert b"saknar avsandare" in svar
    assert _inkomna(system, dnr) == []
    [skal] = (katalog / AVVISADE).glob("*.fel.txt")
    assert "saknar avsändare (From)" in skal.read_text()


def test_okand_mottagare_och_for_stor_epost_avvisas(
    system: Arendesystem, dnr: str, tmp_path: Path
) -> None:
    system.storsta_inkommande = 1 << 20
    katalog = tmp_path / "inkorg"
    port = ledig_port()
    server = Epostmottagare(system, katalog, [REGISTRATORNS_ADRESS], "127.0.0.1", port)
    server.start()
    try:
        kod, _ = _skicka(port, data.over_smtp(data.epost()), till="nagon.annan@stockholm.example")
        assert kod == 550
        stor = data.epost(
            bilagor=[("stor.pdf", data.PDF + os.urandom(3 << 20), "application", "pdf")]
        )
        kod, svar = _skicka(port, data.over_smtp(stor))
        assert kod == 552, svar
    finally:
        server.stop()
    assert _inkomna(system, dnr) == []
    assert not [p for p in katalog.rglob("*") if p.is_file()]  # nothing kept of it


def test_ingen_pdf_gors_av_det_som_kommit_in(system: Arendesystem, dnr: str) -> None:
    """What came in is kept as it came: the flows' PDF step (handlingar.gor_pdf) refuses
    it in Swedish instead of handing a PDF or an e-mail to LibreOffice as Word."""
    from arende.service_layer import handlingar

    system.utfor(
        filkommando(
            [InkommenFil("brev.pdf", data.PDF)],
            aktor=REGISTRATOR,
            dnr=visningar.hamta_arende(system.uow(), dnr).dnr,
            inkom=FastKlocka().dag,
            avsandare="Någon",
            beskrivning="Brev",
            kanal="kommandoraden",
        )
    )
    [brev] = [
        h for h in handlingar.handlingar(system.uow(), dnr) if h.typ.value == "inkommen handling"
    ]
    with pytest.raises(OgiltigUppgift, match="ingen Word-fil"):
        handlingar.gor_pdf(system.uow(), system.arkiv, system.pdf, dnr, brev, aktor="test")


# -- a big e-mail is streamed to disk -------------------------------------------------------


class _Matt(Registratorspost):
    """The receiver's own handler, but the registration replaced by noting the file's size:
    this test measures only how the message is received, not the parsing afterwards."""

    def __init__(self, inkorg: Inkorg, adresser: list[str]) -> None:
        super().__init__(inkorg, adresser)
        self.storlekar: list[int] = []

    async def ta_emot(self, sokvag: Path) -> str:
        self.storlekar.append(sokvag.stat().st_size)
        return "250 OK"


def _rader(megabyte: int) -> Iterator[bytes]:
    yield b"From: Anna <anna@example.se>\r\nSubject: SoN 2008/1 stor skanning\r\n"
    yield b"Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    rad = b"QUFB" * 19 + b"\r\n"  # 78 bytes, a base64 line
    for _ in range((megabyte << 20) // len(rad)):
        yield rad


def _skicka_strommande(port: int, rader: Iterator[bytes]) -> tuple[int, bytes]:
    """A client that sends the message a piece at a time (smtplib copies it whole)."""
    with socket.create_connection(("127.0.0.1", port), timeout=120) as s:
        fil = s.makefile("rb")

        def svar() -> tuple[int, bytes]:
            while True:
                rad = fil.readline()
                if rad[3:4] != b"-":
                    return int(rad[:3]), rad[4:].strip()

        svar()
        for kommando in (
            b"EHLO test",
            b"MAIL FROM:<anna@example.se>",
            f"RCPT TO:<{REGISTRATORNS_ADRESS}>".encode(),
            b"DATA",
        ):
            s.sendall(kommando + b"\r\n")
            svar()
        block = bytearray()
        for rad in rader:
            block += rad
            if len(block) > 1 << 16:
                s.sendall(block)
                block.clear()
        s.sendall(bytes(block) + b".\r\n")
        return svar()


def test_ett_stort_brev_skrivs_till_disk_inte_till_minnet(
    system: Arendesystem, tmp_path: Path
) -> None:
    katalog = tmp_path / "inkorg"
    port = ledig_port()
    server = Epostmottagare(system, katalog, [REGISTRATORNS_ADRESS], "127.0.0.1", port)
    matt = _Matt(server.inkorg, [REGISTRATORNS_ADRESS])
    server.handler = matt
    server.start()
    try:
        tracemalloc.start()
        try:
            kod, svar = _skicka_strommande(port, _rader(24))
            _, topp = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    finally:
        server.stop()
    assert kod == 250, svar
    assert matt.storlekar and matt.storlekar[0] > (24 << 20) - 100
    # 24 MB went through; the receiving side never held more than a few blocks of it.
    assert topp < 4 << 20, topp


def test_ett_tillfalligt_fel_ger_451_sa_att_avsandaren_forsoker_igen(
    system: Arendesystem, dnr: str, mottagare: tuple[Path, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """When registering fails for a reason that is not the message's (the database down),
    the sending server is told to try again (4xx), not that the message is bad (5xx); the
    retry then registers it."""
    katalog, port = mottagare
    brev = data.over_smtp(data.epost(bilagor=data.tva_bilagor()))
    riktig = Inkorg.ta_in

    def nere(self: Inkorg, fil: Path, kanal: str = "inkorgen") -> object:
        raise ConnectionError("databasen svarar inte")

    monkeypatch.setattr(Inkorg, "ta_in", nere)
    kod, _ = _skicka(port, brev)
    assert kod == 451
    assert _inkomna(system, dnr) == []
    assert not list((katalog / ".mottas").iterdir())
    monkeypatch.setattr(Inkorg, "ta_in", riktig)
    kod, svar = _skicka(port, brev)
    assert kod == 250, svar
    assert len(_inkomna(system, dnr)) == 3


def test_ett_brev_far_vara_storre_an_gransen_for_en_fil_men_inte_bilagan(
    system: Arendesystem, dnr: str, mottagare: tuple[Path, int]
) -> None:
    """The limit is per file: an e-mail carries its attachment in base64 (4/3 of it), so an
    attachment just under the limit makes an e-mail over it, and that is taken in."""
    system.storsta_inkommande = 1 << 20
    katalog, port = mottagare
    bilaga = data.PDF + os.urandom(900 << 10)
    brev = data.over_smtp(data.epost(bilagor=[("skanning.pdf", bilaga, "application", "pdf")]))
    assert len(brev) > 1 << 20
    kod, svar = _skicka(port, brev)
    assert kod == 250, svar
    assert [h.typ for h in _inkomna(system, dnr)] == ["e-postmeddelande", "bilaga"]


def test_ett_stort_brev_registreras_utan_att_hallas_i_minnet(
    system: Arendesystem, dnr: str, tmp_path: Path
) -> None:
    """A 24 MB attachment taken in from the inbox (the path the SMTP receiver takes once the
    message is on disk): read, decoded, checked, hashed and archived in blocks. Python's
    own allocations stay within a few MB, while holding the message or the attachment whole
    once would take 24-33 MB. The attachment in the archive is the one that was sent, and
    the folder its decoding was written to is gone afterwards."""
    katalog = tmp_path / "inkorg"
    inkorg = Inkorg(system, katalog, lugn=0)
    brev = katalog / "stort.eml"
    sha256 = data.skriv_stort_brev(brev, 24 << 20, amne=f"Stor skanning till {dnr}")
    tracemalloc.start()
    try:
        utfall = inkorg.ta_in(brev, "e-post")
        _, topp = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert utfall.registrerad, utfall.meddelande
    assert topp < 4 << 20, topp
    eml, bilaga = _inkomna(system, dnr)
    assert bilaga.sha256 == sha256
    assert system.arkiv.sokvag(bilaga.fil).stat().st_size == 24 << 20
    [flyttat] = (katalog / REGISTRERADE).iterdir()
    assert eml.sha256 == hashlib.sha256(flyttat.read_bytes()).hexdigest()
    assert not list((katalog / ".mottas").iterdir())


def test_bilagornas_mapp_stadas_ocksa_nar_brevet_avvisas(
    system: Arendesystem, tmp_path: Path
) -> None:
    """Refused after its attachments were written out (no dnr in the subject): nothing
    registered, nothing left beside the inbox; and a folder left by a process that died
    mid-registration is removed when the inbox opens next, while a living one's stays."""
    katalog = tmp_path / "inkorg"
    inkorg = Inkorg(system, katalog, lugn=0)
    brev = katalog / "fel-dnr.eml"
    data.skriv_stort_brev(brev, 1 << 20)
    # A dnr a person gave in its note, for an ärende that does not exist: refused.
    (katalog / "fel-dnr.eml.toml").write_text('dnr = "SoN 2099/999"\n', encoding="utf-8")
    utfall = inkorg.ta_in(brev, "e-post")
    assert not utfall.registrerad and not utfall.kon
    assert "SoN 2099/999" in utfall.meddelande
    assert not list((katalog / ".mottas").iterdir())
    dod = katalog / ".mottas" / ".bilagor-999999999-x"
    levande = katalog / ".mottas" / f".bilagor-{os.getpid()}-y"
    for mapp in (dod, levande):
        mapp.mkdir()
        (mapp / "bilaga-1").write_bytes(b"x")
    Inkorg(system, katalog, lugn=0)
    assert not dod.exists() and levande.exists()


# -- e-mail that names no ärende waits for the registrator ---------------------------------


def test_epost_utan_arende_tas_emot_och_vantar_pa_registratorn(
    system: Arendesystem, dnr: str, mottagare: tuple[Path, int]
) -> None:
    """A citizen's letter with no dnr, and a reply naming a dnr that is no ärende here: both
    are received (250: the sender gets no bounce), nothing is registered on any ärende, and
    both wait in att-registrera/ with when, from whom and about what; the same letter
    delivered again waits once."""
    katalog, port = mottagare
    utan = data.over_smtp(data.epost(amne="Fråga om parkbänkarna", bilagor=data.tva_bilagor()))
    okant = data.over_smtp(data.epost(amne="Svar i SoN 2099/999"))
    for brev in (utan, okant, utan):
        kod, svar = _skicka(port, brev)
        assert kod == 250, svar
        assert b"registratorn" in svar
    assert _inkomna(system, dnr) == []
    vantande = Postko(katalog).vantande()
    assert [(v.beskrivning, v.avsandare) for v in vantande] == [
        ("Fråga om parkbänkarna", "Anna Andersson <anna.andersson@example.se>"),
        ("Svar i SoN 2099/999", "Anna Andersson <anna.andersson@example.se>"),
    ]
    assert "nämner inget diarienummer" in vantande[0].skal
    assert "SoN 2099/999" in vantande[1].skal
    assert vantande[0].inkom == system.klocka.idag()
    assert vantande[0].mottaget is not None
    assert vantande[0].fil.read_bytes() == utan  # kept exactly as it came
    assert not list((katalog / AVVISADE).iterdir())
    assert not list((katalog / ".mottas").iterdir())
