"""Gallring against the real database (SQLite and PostgreSQL) and archive folder: only what
the plan allows, only after a registrator's decision; the files go, the record stays, and
`arende verifiera` is intact afterwards and names the gallring record. The export, open
data and the registrator's lists show the gallrad handling as gallrad; a gallring record
nobody decided (written into the table by hand to hide a removed file) is an error."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select
from typer.testing import CliRunner

from arende.adapters.arkiv import Filarkiv
from arende.adapters.arkivpaket import Arkivpaket
from arende.adapters.databas import skapa_motor
from arende.adapters.klocka import Systemklocka
from arende.adapters.publiklasning import Publikkalla
from arende.adapters.tabeller import ArendeRad, GallringRad, GallringsforslagRad
from arende.bootstrap import Arendesystem
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import BehorighetSaknas, OgiltigUppgift
from arende.domain.handelser import GallringForeslagen, HandlingGallrad, HandlingInkommen
from arende.entrypoints import cli
from arende.entrypoints.cli import app
from arende.entrypoints.publik import skapa_app
from arende.service_layer import gallring, visningar
from arende.service_layer.export import exportera
from arende.service_layer.inkommande import filkommando
from arende.service_layer.kommandon import BeslutaGallring, ForeslaGallring, InkommenFil
from tests import arkivxml, hjalp
from tests import inkommande_data as data
from tests.conftest import FastKlocka
from tests.fakes import INFORMATIONSHANTERINGSPLAN
from tests.integration.test_publik_sammantraden import (
    SIDA,
    Webb,
    hall,
    justera,
    text_av,
    webb,  # noqa: F401 (the fixture `w`)
)
from tests.integration.test_publik_sammantraden import kalla as kalla_till

NAMND = "Socialtjänstnämnden"
REGISTRATOR = "Per Lindqvist"
ERMS = "{https://DILCIS.eu/XML/ERMS}"


def _epost(system: Arendesystem, dnr: str, text_: str) -> int:
    brev = data.epost(amne=f"Yttrande i {dnr}", text=text_).as_bytes()
    handelser = system.utfor(
        dataclasses.replace(
            filkommando(
                [InkommenFil("yttrande.eml", brev)],
                aktor=REGISTRATOR,
                dnr=Diarienummer.tolka(dnr),
                inkom=date(2008, 5, 2),
                avsandare="Anna Andersson",
                beskrivning=f"Yttrande {text_}",
                kanal="e-post",
            ),
            epost=True,
        )
    )
    return next(h.nummer for h in handelser if isinstance(h, HandlingInkommen))


@pytest.fixture
def stangt(system: Arendesystem) -> tuple[str, int, int]:
    """A closed ärende (avslutat 2008-06-20) with two incoming e-mails (gallras 2 år efter
    avslut under SoN 2019/12) and an open ärende with one; today is 2026-11-23."""
    dnr, oppet = hjalp.beslutat_och_anslaget(system, "Stängt ärende", "Öppet ärende")
    forsta = _epost(system, dnr, "ett")
    andra = _epost(system, dnr, "två")
    _epost(system, oppet, "tre")
    hjalp.expediera(system, dnr, date(2008, 6, 20))
    return dnr, forsta, andra


def _foresla(system: Arendesystem) -> int:
    handelser = system.utfor(ForeslaGallring(aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND))
    return next(h.forslag for h in handelser if isinstance(h, GallringForeslagen))


def _post(system: Arendesystem, dnr: str, nummer: int) -> visningar.Handlingspost:
    return next(h for h in visningar.handlingar(system.uow(), dnr) if h.nummer == nummer)


def test_gallring_efter_beslut_och_verifiera_namner_den(
    system: Arendesystem, stangt: tuple[str, int, int], tmp_path: Path
) -> None:
    dnr, forsta, andra = stangt
    forslag_id = _foresla(system)
    forslag = gallring.forslaget(system.uow, forslag_id)
    assert forslag is not None
    # Only the closed ärende's e-mails: not its tjänsteutlåtande or protokollsutdrag (kept),
    # not its anslag (1 år efter handlingens datum, posted today), not the open ärende's.
    assert [(p.dnr, p.nummer) for p in forslag.poster] == [(dnr, forsta), (dnr, andra)]
    fore = visningar.verifiera(system.uow(), system.arkiv)
    assert fore.intakt and fore.gallrade == []

    # A handläggare may not decide; nothing changes.
    with pytest.raises(BehorighetSaknas):
        system.utfor(
            BeslutaGallring(
                aktor="Lena Murray", nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag_id
            )
        )
    # Nor may anyone gallra what the proposal does not hold (the tjänsteutlåtande, nr 1).
    with pytest.raises(OgiltigUppgift, match="finns inte i gallringsförslag"):
        system.utfor(
            BeslutaGallring(
                aktor=REGISTRATOR,
                nyckel=hjalp.nyckel(),
                namnd=NAMND,
                forslag=forslag_id,
                poster=[(dnr, forsta), (dnr, 1)],
            )
        )
    post = _post(system, dnr, forsta)
    assert post.gallring is None and system.arkiv.sha256(post.fil) == post.sha256

    handelser = system.utfor(
        BeslutaGallring(
            aktor=REGISTRATOR,
            nyckel=hjalp.nyckel(),
            namnd=NAMND,
            forslag=forslag_id,
            poster=[(dnr, forsta)],
        )
    )
    [gallrad] = [h for h in handelser if isinstance(h, HandlingGallrad)]
    assert gallring.ta_bort_filer(system.arkiv, handelser) == [gallrad.fil]
    post = _post(system, dnr, forsta)
    assert system.arkiv.sha256(post.fil) is None
    assert post.gallring is not None and post.gallring.sha256 == post.sha256
    assert post.titel_i_registret == "Yttrande ett [Gallrad 2026-11-23 enligt SoN 2019/12]"
    assert _post(system, dnr, andra).gallring is None

    efter = visningar.verifiera(system.uow(), system.arkiv)
    assert efter.intakt, (efter.kedjefel, efter.filfel)
    assert efter.filfel == []
    assert efter.gallrade == [
        f"handling {forsta} version 1 i {dnr}: gallrad enligt SoN 2019/12 (beslut 2019-03-19, "
        f"av {REGISTRATOR}, den 2026-11-23)"
    ]
    assert efter.kontrollerade_filer == fore.kontrollerade_filer - 1

    # The export: the record with its sha256 and the decision, no file.
    [paket] = exportera(
        system.uow(),
        system.arkiv,
        Arkivpaket(system.arkiv),
        tmp_path / "ut",
        dnr=dnr,
        av=REGISTRATOR,
        plan=system.plan,
    )
    filer = [p.name for p in (paket / "representations" / "rep1" / "data").iterdir()]
    assert f"{forsta:02d}-v1-e-postmeddelande.eml" not in filer
    assert f"{andra:02d}-v1-e-postmeddelande.eml" in filer
    assert arkivxml.paketets_fel(paket) == []  # CITS ERMS 2.1.2 and PREMIS 3.0
    erms = ET.parse(paket / "metadata" / "descriptive" / "erms.xml").getroot()
    [record] = [
        r
        for r in erms.iter(f"{ERMS}record")
        if r.findtext(f"{ERMS}objectId") == f"{dnr}:{forsta}:1"
    ]
    assert "Gallrad 2026-11-23 enligt SoN 2019/12" in (record.findtext(f"{ERMS}description") or "")
    assert post.sha256 in [e.text for e in record.iter(f"{ERMS}extraId")]
    lasmig = (paket / "documentation" / "LASMIG.txt").read_text("utf-8")
    assert "Gallrad 2026-11-23 enligt SoN 2019/12" in lasmig
    # The ärende's place in the classification (a tjänsteutlåtande: process 1.1.1).
    klassificering = (
        "Klassificering: 1 Styra och leda verksamheten › 1.1 Bereda och besluta nämndens "
        "ärenden › 1.1.1 Handlägga ärenden till nämnden."
    )
    assert klassificering in lasmig
    [aggregation] = erms.iter(f"{ERMS}aggregation")
    assert klassificering in (aggregation.findtext(f"{ERMS}description") or "")

    # Open data: type, number, date and the gallring, no file to fetch.
    d = Diarienummer.tolka(dnr)
    kalla = Publikkalla(system.motor, system.klocka, system.mallkatalog, system.arkiv)
    with TestClient(skapa_app(kalla), follow_redirects=False) as klient:
        fil = klient.get(f"/oparl/v1/paper/{d.adress}/file/{forsta}/1").json()
    assert fil["sv:gallrad"] == "Gallrad 2026-11-23 enligt SoN 2019/12"
    assert fil["sv:handlingstyp"] == "e-postmeddelande" and fil["date"] == "2008-05-02"
    assert "fileName" not in fil and "sha256Checksum" not in fil


def test_en_gallringsuppgift_utan_beslut_ar_ett_fel(
    system: Arendesystem, stangt: tuple[str, int, int]
) -> None:
    """Someone who can write to the database removes a file and writes a gallring record for
    it by hand: the chain has no decision for it, and `verifiera` says so."""
    dnr, forsta, _ = stangt
    forslag_id = _foresla(system)
    post = _post(system, dnr, forsta)
    with Session(system.motor) as s:
        arende_id = s.exec(select(ArendeRad.id).where(ArendeRad.dnr == dnr)).one()
        s.add(
            GallringRad(
                arende_id=arende_id,
                nummer=forsta,
                version=1,
                typ=post.typ,
                sha256=post.sha256,
                beslut="SoN 2019/12",
                beslutsdatum=date(2019, 3, 19),
                organ=NAMND,
                av=REGISTRATOR,
                datum=date(2026, 11, 23),
                forslag_id=forslag_id,
                registrerad=datetime.now(UTC),
            )
        )
        s.commit()
    system.arkiv.radera(post.fil)
    resultat = visningar.verifiera(system.uow(), system.arkiv)
    assert not resultat.intakt
    assert resultat.filfel == [
        f"handling {forsta} version 1 i {dnr}: filen saknas och gallringsuppgiften (gallrad "
        f"enligt SoN 2019/12 (beslut 2019-03-19, av {REGISTRATOR}, den 2026-11-23)) har ingen "
        "händelse i granskningsloggen: ingen registrator har beslutat den gallringen"
    ]


def test_gallringsuppgiften_kan_inte_andras_eller_tas_bort(
    system: Arendesystem, stangt: tuple[str, int, int]
) -> None:
    forslag_id = _foresla(system)
    system.utfor(
        BeslutaGallring(aktor=REGISTRATOR, nyckel=hjalp.nyckel(), namnd=NAMND, forslag=forslag_id)
    )
    for sats in ("UPDATE gallring SET av = 'Någon annan'", "DELETE FROM gallring"):
        with (
            system.motor.connect() as anslutning,
            pytest.raises(DBAPIError, match="gallringsuppgift"),
        ):
            anslutning.execute(text(sats))
    with Session(system.motor) as s:
        assert {r.av for r in s.exec(select(GallringRad))} == {REGISTRATOR}


def _satser_for_forslaget(system: Arendesystem) -> int:
    """The SQL statements one gallring run sends."""
    satser: list[str] = []

    def rakna(*args: object) -> None:
        satser.append(str(args[2]))

    event.listen(system.motor, "before_cursor_execute", rakna)
    try:
        _foresla(system)
    finally:
        event.remove(system.motor, "before_cursor_execute", rakna)
    return len(satser)


def test_forslaget_laser_i_ett_fatal_fragor_hur_manga_arenden_det_an_ar(
    system: Arendesystem,
) -> None:
    """The proposal reads the closed ärenden and their handlingar in a few queries, not one
    (or three) per ärende: three more closed ärenden with e-mails send the same number of
    statements, and are all in the next proposal."""
    forst, *fler = hjalp.beslutat_och_anslaget(system, "Ett", "Två", "Tre", "Fyra")
    for d in (forst, *fler):
        _epost(system, d, f"i {d}")
    hjalp.expediera(system, forst, date(2008, 6, 20))
    ett = _satser_for_forslaget(system)
    for d in fler:
        hjalp.expediera(system, d, date(2008, 6, 20))
    fyra = _satser_for_forslaget(system)
    assert fyra == ett
    senaste, tidigare = gallring.forslagen(system.uow, NAMND)
    assert [p.dnr for p in tidigare.poster] == [forst]
    assert [p.dnr for p in senaste.poster] == fler  # the first awaits its decision


OPPNA_PLAN = """
[[handlingstyp]]
typ = "e-postmeddelande"
process = "1.1.1"
gallras = "1 år efter handlingens datum"
beslut = "SoN 2019/12"
aven_oppna = true
"""


def test_en_plan_som_tillater_oppna_arenden_far_med_dem(
    databas_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With a plan that lets e-mails in process 1.1.1 go a year after their date even while
    the ärende is open, the open ärende's e-mail is proposed too (the bulk read takes the
    open ärenden when, and only when, the plan has such a rule)."""
    plan = tmp_path / "plan.toml"
    plan.write_text(INFORMATIONSHANTERINGSPLAN.read_text("utf-8") + OPPNA_PLAN, "utf-8")
    monkeypatch.setenv("ARENDE_INFORMATIONSHANTERINGSPLAN", str(plan))
    motor = skapa_motor(databas_url)
    try:
        system = Arendesystem(motor, klocka=FastKlocka(), arkiv=Filarkiv(tmp_path / "arkiv"))
        dnr, oppet = hjalp.beslutat_och_anslaget(system, "Stängt ärende", "Öppet ärende")
        stangd_post = _epost(system, dnr, "ett")
        oppen_post = _epost(system, oppet, "tre")
        hjalp.expediera(system, dnr, date(2008, 6, 20))
        forslag = gallring.forslaget(system.uow, _foresla(system))
        assert forslag is not None
        assert [(p.dnr, p.nummer, p.frist) for p in forslag.poster] == [
            (dnr, stangd_post, "1 år efter handlingens datum"),
            (oppet, oppen_post, "1 år efter handlingens datum"),
        ]
    finally:
        motor.dispose()


# -- the command line --------------------------------------------------------------------

korare = CliRunner()


def test_kommandoraden_foreslar_verkstaller_och_verifierar(
    sqlite_klar_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ARENDE_DATABASE_URL", sqlite_klar_url)
    monkeypatch.setenv("ARENDE_ARKIV_DIR", str(tmp_path / "arkiv"))
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setattr(cli.konsol, "width", 250)

    motor = skapa_motor(sqlite_klar_url)
    try:
        system = Arendesystem(motor, klocka=FastKlocka(), arkiv=Filarkiv(tmp_path / "arkiv"))
        dnr, oppet = hjalp.beslutat_och_anslaget(system, "Stängt ärende", "Öppet ärende")
        nummer = _epost(system, dnr, "ett")
        hjalp.expediera(system, dnr, date(2008, 6, 20))
    finally:
        motor.dispose()

    plan = korare.invoke(app, ["gallring", "plan"])
    assert plan.exit_code == 0, plan.output
    assert "2.1.1 Delta i Stadens kvalitetsutmärkelse" in plan.output

    svar = korare.invoke(app, ["gallring", "forslag", "--namnd", NAMND, "--som", REGISTRATOR])
    assert svar.exit_code == 0, svar.output
    assert "Gallringsförslag 1 för Socialtjänstnämnden" in svar.output
    assert dnr in svar.output and "SoN 2019/12" in svar.output and oppet not in svar.output
    # A second run while the first awaits its decision: nothing twice, and it says where.
    igen = korare.invoke(app, ["gallring", "forslag", "--namnd", NAMND, "--som", REGISTRATOR])
    assert igen.exit_code == 0, igen.output
    text_ = " ".join(igen.output.split())
    assert "Gallringsförslag 2 för Socialtjänstnämnden" in text_ and "0 handlingar" in text_
    assert "Väntar på beslut sedan tidigare: gallringsförslag 1" in text_
    assert "arende gallring verkstall 1 --som NAMN" in text_

    # A non-registrator, and a handling the proposal does not hold: refused, exit 2.
    fel = korare.invoke(app, ["gallring", "verkstall", "1", "--som", "Lena Murray"])
    assert fel.exit_code == 2 and "registrator" in fel.output
    fel = korare.invoke(
        app, ["gallring", "verkstall", "1", "--som", REGISTRATOR, "--handling", f"{dnr}:1"]
    )
    assert fel.exit_code == 2 and "finns inte i gallringsförslag 1" in fel.output
    fel = korare.invoke(
        app, ["gallring", "verkstall", "1", "--som", REGISTRATOR, "--handling", "SoN 2008/1"]
    )
    assert fel.exit_code == 2 and "'SoN 2008/1:3'" in fel.output
    fel = korare.invoke(app, ["gallring", "verkstall", "9", "--som", REGISTRATOR])
    assert fel.exit_code == 2 and "Gallringsförslag 9 finns inte" in fel.output

    svar = korare.invoke(
        app, ["gallring", "verkstall", "1", "--som", REGISTRATOR, "--handling", f"{dnr}:{nummer}"]
    )
    assert svar.exit_code == 0, svar.output
    assert "1 handlingsversion; 1 fil togs bort ur arkivet" in svar.output

    verifiera = korare.invoke(app, ["verifiera"])
    assert verifiera.exit_code == 0, verifiera.output
    assert "intakt" in verifiera.output
    assert f"handling {nummer} version 1 i {dnr}: gallrad enligt SoN 2019/12" in verifiera.output

    lista = korare.invoke(app, ["handlingar", dnr], terminal_width=250)
    assert "Gallrad" in lista.output and "SoN 2019/12" in lista.output

    visa = korare.invoke(app, ["gallring", "visa", "1"])
    assert visa.exit_code == 0, visa.output
    idag = Systemklocka().idag().isoformat()  # the command line's own clock
    assert f"Beslutat {idag} av {REGISTRATOR}." in visa.output


# -- the public sammanträde page, with a plan that lets a tjänsteutlåtande go ------------

LATT_PLAN = """
[[handlingstyp]]
typ = "tjänsteutlåtande"
process = "1.1.1"
gallras = "vid inaktualitet"
beslut = "SoN 2019/12"
"""


def test_sammantradets_sida_visar_den_gallrade_handlingen_som_gallrad(
    w: Webb, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A plan (the project's, with tjänsteutlåtanden of process 1.1.1 gallrade 'vid
    inaktualitet') lets the closed ärende's tjänsteutlåtande go, which stood on the kallelse:
    the page lists it by number, type and date with its gallring, without a link, and its
    address says it is gone and that the registration remains."""
    plan = tmp_path / "plan.toml"
    plan.write_text(INFORMATIONSHANTERINGSPLAN.read_text("utf-8") + LATT_PLAN, "utf-8")
    monkeypatch.setenv("ARENDE_INFORMATIONSHANTERINGSPLAN", str(plan))
    dnr = kalla_till(w)
    hall(w)
    justera(w)
    w.klocka.dag = date(2026, 11, 23)
    hjalp.expediera(w.system, dnr, date(2008, 6, 20))
    assert 'href="/handlingar/SoN-2008-1/1/1"' in w.sida(SIDA)

    forslag_id = _foresla(w.system)
    forslag = gallring.forslaget(w.system.uow, forslag_id)
    assert forslag is not None
    assert (dnr, 1, "tjänsteutlåtande") in [
        (p.dnr, p.nummer, p.handlingstyp) for p in forslag.poster
    ]
    handelser = w.system.utfor(
        BeslutaGallring(
            aktor=REGISTRATOR,
            nyckel=hjalp.nyckel(),
            namnd=NAMND,
            forslag=forslag_id,
            poster=[(dnr, 1)],
        )
    )
    gallring.ta_bort_filer(w.system.arkiv, handelser)

    sida = w.sida(SIDA)
    assert 'href="/handlingar/SoN-2008-1/1/1"' not in sida
    assert "(tjänsteutlåtande)" in text_av(sida)
    assert "Gallrad 2026-11-23 enligt SoN 2019/12" in text_av(sida)
    svar = w.get("/handlingar/SoN-2008-1/1/1")
    assert svar.status_code == 404
    assert "finns inte längre: Gallrad 2026-11-23 enligt SoN 2019/12" in svar.text
    assert visningar.verifiera(w.system.uow(), w.system.arkiv).intakt


def test_en_trasig_plan_ger_ett_svenskt_fel_pa_kommandoraden(
    sqlite_klar_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A plan that names an ärendetyp the system does not run: the command line says so in
    Swedish (file, line, what) with exit code 2, and proposes nothing."""
    plan = tmp_path / "plan.toml"
    plan.write_text(
        INFORMATIONSHANTERINGSPLAN.read_text("utf-8").replace(
            'arendetyper = ["verksamhetsplan"]', 'arendetyper = ["verksamhetsplan", "bygglov"]'
        ),
        "utf-8",
    )
    monkeypatch.setenv("ARENDE_DATABASE_URL", sqlite_klar_url)
    monkeypatch.setenv("ARENDE_INFORMATIONSHANTERINGSPLAN", str(plan))
    for argument in (
        ["gallring", "plan"],
        ["gallring", "forslag", "--namnd", NAMND, "--som", REGISTRATOR],
    ):
        svar = korare.invoke(app, argument)
        assert svar.exit_code == 2, svar.output
        text_ = " ".join(svar.output.split())
        assert text_.startswith("Fel: ") and "plan.toml" in text_
        assert "nämner ärendetypen 'bygglov', som inte finns" in text_
    motor = skapa_motor(sqlite_klar_url)
    try:
        with Session(motor) as s:
            assert s.exec(select(GallringsforslagRad)).all() == []
    finally:
        motor.dispose()
