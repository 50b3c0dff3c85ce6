"""`verifiera` as an auditor uses it: every altered, removed, moved or cut-off event named,
on SQLite and PostgreSQL, with the triggers dropped as a tamperer with database rights would;
the outside anchor that reveals a cut tail; and each registered file against its sha256."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, select
from typer.testing import CliRunner

from arende.adapters import registratorslasning
from arende.adapters.arkiv import Filarkiv
from arende.adapters.tabeller import ArendeRad, HandlingRad
from arende.bootstrap import Arendesystem
from arende.domain import kedjekontroll
from arende.domain.kedjekontroll import Kontrollpunkt
from arende.entrypoints.cli import app
from arende.service_layer import kommandon as k
from arende.service_layer import visningar
from tests import hjalp
from tests.integration.test_arendeflode_i_databasen import ogonblicksbild, registrera

korare = CliRunner()


# The chain `kedja` makes: each registration is logged with the frister the runner
# computed in its transaction (1–6), then beredning (7) and samverkan (8) in the first.
PABORJAD, SAMVERKAT = 7, 8
HUVUD = SAMVERKAT


def kedja(system: Arendesystem) -> list[str]:
    """Three ärenden and two more steps in the first: eight events in the chain."""
    dnr = [registrera(system) for _ in range(3)]
    system.utfor(k.PaborjaBeredning(aktor="Lena Murray", nyckel="b", dnr=hjalp.d(dnr[0])))
    system.utfor(
        k.RegistreraSamverkan(
            aktor="Lena Murray",
            nyckel="s",
            dnr=hjalp.d(dnr[0]),
            datum=date(2008, 5, 6),
            anteckning="Utan erinran",
        )
    )
    return dnr


def las_upp_loggen(system: Arendesystem) -> None:
    """What a tamperer with database rights does first: drop the append-only triggers."""
    with system.motor.begin() as c:
        if c.dialect.name == "sqlite":
            c.execute(text("DROP TRIGGER granskningslogg_ingen_update"))
            c.execute(text("DROP TRIGGER granskningslogg_ingen_delete"))
        else:
            c.execute(text("DROP TRIGGER granskningslogg_ingen_andring ON granskningslogg"))


def sql(system: Arendesystem, *satser: str) -> None:
    with system.motor.begin() as c:
        for sats in satser:
            c.execute(text(sats))


def hash_for(system: Arendesystem, sekvens: int) -> str:
    with system.motor.connect() as c:
        return str(
            c.execute(text(f"SELECT hash FROM granskningslogg WHERE sekvens = {sekvens}")).scalar()
        )


def test_intakt_kedja(system: Arendesystem) -> None:
    kedja(system)
    resultat = visningar.verifiera(system.uow())
    assert resultat.intakt and resultat.text == f"intakt: {HUVUD} händelser"
    assert resultat.senaste_sekvens == HUVUD and resultat.senaste_hash == hash_for(system, HUVUD)


def test_andrat_innehall_namnges_med_arende_och_falt(system: Arendesystem) -> None:
    dnr = kedja(system)
    las_upp_loggen(system)
    sql(
        system,
        "UPDATE granskningslogg SET innehall = replace(innehall, 'Lena Murray', 'Dag Helin') "
        f"WHERE sekvens = {PABORJAD}",
    )
    resultat = visningar.verifiera(system.uow())
    assert not resultat.intakt
    assert resultat.kedjefel == [
        f"händelse {PABORJAD} i {dnr[0]}: innehållet har ändrats efter att det skrevs (hashen "
        "stämmer inte)",
        f"händelse {PABORJAD} i {dnr[0]}: aktör skiljer sig: 'Lena Murray' i tabellen, 'Dag "
        "Helin' i det hashade innehållet",
    ]


def test_andrad_kolumn_utan_andrat_innehall(system: Arendesystem) -> None:
    """The column `historik` shows changed alone: every hash holds, the copy does not."""
    dnr = kedja(system)
    las_upp_loggen(system)
    sql(system, f"UPDATE granskningslogg SET roll = 'chef' WHERE sekvens = {SAMVERKAT}")
    assert visningar.verifiera(system.uow()).kedjefel == [
        f"händelse {SAMVERKAT} i {dnr[0]}: roll skiljer sig: 'chef' i tabellen, 'handläggare' i det "
        "hashade innehållet"
    ]


def test_raderad_handelse(system: Arendesystem) -> None:
    kedja(system)
    las_upp_loggen(system)
    sql(system, "DELETE FROM granskningslogg WHERE sekvens IN (2, 3)")
    fel = visningar.verifiera(system.uow()).kedjefel
    assert fel == [
        "händelserna 2–3: saknas (raderad ur tabellen); händelse 4 pekar på en föregående som "
        "inte finns"
    ]


def test_omkastade_handelser(system: Arendesystem) -> None:
    """Events 2 (the first ärende's frister) and 3 (the second's registration) swapped."""
    dnr = kedja(system)
    las_upp_loggen(system)
    sql(
        system,
        "UPDATE granskningslogg SET sekvens = -2 WHERE sekvens = 2",
        "UPDATE granskningslogg SET sekvens = 2 WHERE sekvens = 3",
        "UPDATE granskningslogg SET sekvens = 3 WHERE sekvens = -2",
    )
    fel = visningar.verifiera(system.uow()).kedjefel
    assert (
        f"händelse 2 i {dnr[1]}: händelsen har flyttats: den står på plats 2 men det hashade "
        "innehållet säger 3" in fel
    )
    assert (
        f"händelse 3 i {dnr[0]}: händelsen har flyttats: den står på plats 3 men det hashade "
        "innehållet säger 2" in fel
    )


def test_avskuren_svans_syns_bara_mot_ett_ankare(system: Arendesystem) -> None:
    kedja(system)
    ankare = Kontrollpunkt(HUVUD, hash_for(system, HUVUD), "--forvantat")
    las_upp_loggen(system)
    # A careful tamperer also moves the head row back: link by link the chain is valid.
    sql(
        system,
        "DELETE FROM granskningslogg WHERE sekvens > 3",
        "UPDATE granskningshuvud SET sekvens = 3, hash = "
        "(SELECT hash FROM granskningslogg WHERE sekvens = 3)",
    )
    assert visningar.verifiera(system.uow()).intakt
    resultat = visningar.verifiera(system.uow(), kontrollpunkter=[ankare])
    assert not resultat.intakt
    assert resultat.kedjefel == [
        f"händelserna 4–{HUVUD}: saknas i slutet av kedjan: --forvantat sparade händelse "
        f"{HUVUD} med hash {ankare.hash[:16]}…"
    ]


def test_avskuren_svans_syns_mot_huvudet_om_det_glomts(system: Arendesystem) -> None:
    kedja(system)
    las_upp_loggen(system)
    sql(system, f"DELETE FROM granskningslogg WHERE sekvens = {HUVUD}")
    assert visningar.verifiera(system.uow()).kedjefel == [
        f"händelse {HUVUD}: saknas i slutet av kedjan (kedjans huvud i databasen står på {HUVUD})"
    ]


def test_omskriven_kedja_syns_mot_ankaret(system: Arendesystem) -> None:
    kedja(system)
    ankare = Kontrollpunkt(3, "ab" * 32, "ankarfilen rad 2 (2026-01-01T00:00:00+00:00)")
    fel = visningar.verifiera(system.uow(), kontrollpunkter=[ankare]).kedjefel
    assert len(fel) == 1 and fel[0].startswith("händelse 3 i ")
    assert "men ankarfilen rad 2 (2026-01-01T00:00:00+00:00) sparade abababababababab…" in fel[0]


# --- the chain read in batches ------------------------------------------------------------
#
# The check streams the log and confirms it a batch at a time; a batch with a break is
# walked row by row. With batches of three fetched two rows a round trip, the eight events
# cross batch boundaries and round trips (on PostgreSQL, fetches from the server-side
# cursor), so a break on either side of a boundary, and in the last row, is read for real.


@pytest.fixture
def sma_batchar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kedjekontroll, "BATCH", 3)
    monkeypatch.setattr(registratorslasning, "KEDJEBATCH", 2)


def dnr_for(system: Arendesystem, sekvens: int) -> str:
    with system.motor.connect() as c:
        return str(
            c.execute(text(f"SELECT dnr FROM granskningslogg WHERE sekvens = {sekvens}")).scalar()
        )


def test_tom_logg_ar_intakt(system: Arendesystem) -> None:
    resultat = visningar.verifiera(system.uow())
    assert resultat.intakt and resultat.text == "intakt: 0 händelser"
    assert resultat.senaste_sekvens == 0 and resultat.senaste_hash == "0" * 64


@pytest.mark.usefixtures("sma_batchar")
def test_intakt_kedja_i_sma_batchar(system: Arendesystem) -> None:
    kedja(system)
    resultat = visningar.verifiera(system.uow())
    assert resultat.intakt and resultat.text == f"intakt: {HUVUD} händelser"
    assert resultat.senaste_hash == hash_for(system, HUVUD)


@pytest.mark.usefixtures("sma_batchar")
@pytest.mark.parametrize(
    "sekvens", [1, 3, 4, HUVUD], ids=["forsta", "sist-i-batch", "forst-i-batch", "sista"]
)
def test_andrat_innehall_pa_var_sida_om_en_batchgrans(system: Arendesystem, sekvens: int) -> None:
    kedja(system)
    las_upp_loggen(system)
    # A space after the JSON: it still reads the same, but it is not what was hashed.
    sql(system, f"UPDATE granskningslogg SET innehall = innehall || ' ' WHERE sekvens = {sekvens}")
    resultat = visningar.verifiera(system.uow())
    assert resultat.kedjefel == [
        f"händelse {sekvens} i {dnr_for(system, sekvens)}: innehållet har ändrats efter att det "
        "skrevs (hashen stämmer inte)"
    ]
    assert resultat.text == f"BRUTEN: 1 fel i granskningsloggens kedja ({HUVUD} händelser)"


@pytest.mark.usefixtures("sma_batchar")
def test_raderade_over_en_batchgrans(system: Arendesystem) -> None:
    kedja(system)
    las_upp_loggen(system)
    sql(system, "DELETE FROM granskningslogg WHERE sekvens IN (3, 4)")
    assert visningar.verifiera(system.uow()).kedjefel == [
        "händelserna 3–4: saknas (raderad ur tabellen); händelse 5 pekar på en föregående som "
        "inte finns"
    ]


@pytest.mark.usefixtures("sma_batchar")
def test_omkastade_over_en_batchgrans(system: Arendesystem) -> None:
    kedja(system)
    tredje, fjarde = dnr_for(system, 3), dnr_for(system, 4)
    las_upp_loggen(system)
    sql(
        system,
        "UPDATE granskningslogg SET sekvens = -3 WHERE sekvens = 3",
        "UPDATE granskningslogg SET sekvens = 3 WHERE sekvens = 4",
        "UPDATE granskningslogg SET sekvens = 4 WHERE sekvens = -3",
    )
    assert visningar.verifiera(system.uow()).kedjefel == [
        f"händelse 3 i {fjarde}: händelsen har flyttats: den står på plats 3 men det hashade "
        "innehållet säger 4",
        f"händelse 4 i {tredje}: händelsen har flyttats: den står på plats 4 men det hashade "
        "innehållet säger 3",
    ]


# --- registered files ------------------------------------------------------------------


def lagg_in_handling(
    system: Arendesystem,
    arkiv: Path,
    dnr: str,
    nummer: int,
    innehall: bytes,
    *,
    titel: str = "Inkommande brev",
    sekretess: bool = False,
    pdf: bytes | None = None,
) -> str:
    """A registered handling as the registration will store it: a row and a file."""
    relativ = f"{dnr.replace(' ', '-').replace('/', '-')}/{nummer:02d}-v1-brev.txt"
    (arkiv / relativ).parent.mkdir(parents=True, exist_ok=True)
    (arkiv / relativ).write_bytes(innehall)
    pdf_fil = relativ.replace(".txt", ".pdf") if pdf is not None else None
    if pdf is not None and pdf_fil:
        (arkiv / pdf_fil).write_bytes(pdf)
    with Session(system.motor) as s:
        arende_id = s.exec(select(ArendeRad.id).where(ArendeRad.dnr == dnr)).one()
        assert arende_id is not None
        s.add(
            HandlingRad(
                arende_id=arende_id,
                nummer=nummer,
                version=1,
                typ="inkommande brev",
                riktning="inkommande",
                titel=titel,
                datum=date(2008, 4, 20),
                motpart="Anna Andersson",
                sekretess=sekretess,
                fil=relativ,
                sha256=hashlib.sha256(innehall).hexdigest(),
                pdf_fil=pdf_fil,
                pdf_sha256=hashlib.sha256(pdf).hexdigest() if pdf is not None else None,
                upprattad_av="Per Lindqvist",
                registrerad=datetime(2008, 4, 21, 9, 0, tzinfo=UTC),
            )
        )
        s.commit()
    return relativ


@pytest.fixture
def arkiv(tmp_path: Path) -> Path:
    return tmp_path / "handlingsarkiv"


def test_andrad_och_saknad_fil_namnges(system: Arendesystem, arkiv: Path) -> None:
    dnr = registrera(system)
    forsta = lagg_in_handling(system, arkiv, dnr, 1, b"Brev om nominering", pdf=b"%PDF-1.4 x")
    andra = lagg_in_handling(system, arkiv, dnr, 2, b"Svar")
    resultat = visningar.verifiera(system.uow(), Filarkiv(arkiv))
    assert resultat.intakt and resultat.kontrollerade_filer == 3
    data = bytearray((arkiv / forsta).read_bytes())
    data[0] ^= 1  # one byte
    (arkiv / forsta).write_bytes(bytes(data))
    (arkiv / andra).unlink()
    resultat = visningar.verifiera(system.uow(), Filarkiv(arkiv))
    assert not resultat.intakt and resultat.kedjan_intakt
    assert resultat.filfel == [
        f"handling 1 version 1 i {dnr}: filen har ändrats ({forsta}: sha256 är "
        f"{hashlib.sha256(bytes(data)).hexdigest()}, registrerad "
        f"{hashlib.sha256(b'Brev om nominering').hexdigest()})",
        f"handling 2 version 1 i {dnr}: filen saknas ({andra})",
    ]


def test_sokvag_ut_ur_arkivet_ar_ett_fel(system: Arendesystem, arkiv: Path) -> None:
    dnr = registrera(system)
    relativ = lagg_in_handling(system, arkiv, dnr, 1, b"x")
    sql(system, f"UPDATE handling SET fil = '../../etc/passwd' WHERE fil = '{relativ}'")
    assert visningar.verifiera(system.uow(), Filarkiv(arkiv)).filfel == [
        f"handling 1 version 1 i {dnr}: Sökvägen '../../etc/passwd' pekar ut ur arkivet."
    ]


# --- the command line: the anchor file and --forvantat -----------------------------------


@pytest.fixture
def cli(
    system: Arendesystem, databas_url: str, arkiv: Path, monkeypatch: pytest.MonkeyPatch
) -> Arendesystem:
    monkeypatch.setenv("ARENDE_DATABASE_URL", databas_url)
    monkeypatch.setenv("ARENDE_ARKIV_DIR", str(arkiv))
    return system


def test_ankarfilen_avslojar_avskuren_svans(cli: Arendesystem, tmp_path: Path) -> None:
    kedja(cli)
    ankarfil = tmp_path / "utanfor" / "ankare.txt"
    forsta = korare.invoke(app, ["verifiera", "--ankare", str(ankarfil)])
    assert forsta.exit_code == 0, forsta.output
    assert f"intakt: {HUVUD} händelser, senaste hash {hash_for(cli, HUVUD)}" in forsta.output
    assert f"ankaret {ankarfil} har fått kedjans huvud ({HUVUD})" in " ".join(forsta.output.split())
    rader = [r for r in ankarfil.read_text().splitlines() if not r.startswith("#")]
    assert len(rader) == 1 and rader[0].startswith(f"{HUVUD} {hash_for(cli, HUVUD)} ")
    # Run again unchanged: the file does not grow.
    assert korare.invoke(app, ["verifiera", "--ankare", str(ankarfil)]).exit_code == 0
    assert len(ankarfil.read_text().splitlines()) == len(rader) + 2

    las_upp_loggen(cli)
    sql(
        cli,
        f"DELETE FROM granskningslogg WHERE sekvens = {HUVUD}",
        f"UPDATE granskningshuvud SET sekvens = {HUVUD - 1}, hash = "
        f"(SELECT hash FROM granskningslogg WHERE sekvens = {HUVUD - 1})",
    )
    fore = ankarfil.read_text()
    resultat = korare.invoke(app, ["verifiera", "--ankare", str(ankarfil)])
    assert resultat.exit_code == 1
    text_ = " ".join(resultat.output.split())
    assert f"BRUTEN: 1 fel i granskningsloggens kedja ({HUVUD - 1} händelser)" in text_
    assert f"händelse {HUVUD}: saknas i slutet av kedjan: ankarfilen rad 3 (" in text_
    assert ankarfil.read_text() == fore  # a broken chain is never written as the new anchor


def test_forvantat_pa_kommandoraden(cli: Arendesystem) -> None:
    kedja(cli)
    ratt = korare.invoke(app, ["verifiera", "--forvantat", f"{HUVUD}:{hash_for(cli, HUVUD)}"])
    assert ratt.exit_code == 0, ratt.output
    fel = korare.invoke(app, ["verifiera", "--forvantat", f"{HUVUD + 2}:{'0' * 64}"])
    assert fel.exit_code == 1
    assert (
        f"händelserna {HUVUD + 1}–{HUVUD + 2}: saknas i slutet av kedjan: --forvantat sparade "
        f"händelse {HUVUD + 2}"
    ) in (" ".join(fel.output.split()))


@pytest.mark.parametrize(
    ("argument", "meddelande"),
    [
        pytest.param(
            ["--forvantat", "5-abc"], "--forvantat '5-abc' går inte att läsa", id="forvantat"
        ),
        pytest.param(["--ankare", "TRASIG"], "rad 1 går inte att läsa", id="trasig ankarfil"),
    ],
)
def test_felaktig_kontrollpunkt_ger_svenskt_fel(
    cli: Arendesystem, tmp_path: Path, argument: list[str], meddelande: str
) -> None:
    kedja(cli)
    trasig = tmp_path / "trasig.txt"
    trasig.write_text("inte en ankarrad\n")
    argument = [str(trasig) if a == "TRASIG" else a for a in argument]
    fore = ogonblicksbild(cli)
    resultat = korare.invoke(app, ["verifiera", *argument])
    assert resultat.exit_code == 2
    assert meddelande in " ".join(resultat.output.split())
    assert trasig.read_text() == "inte en ankarrad\n" and ogonblicksbild(cli) == fore


def test_filfel_pa_kommandoraden(cli: Arendesystem, arkiv: Path) -> None:
    dnr = registrera(cli)
    relativ = lagg_in_handling(cli, arkiv, dnr, 1, b"original")
    (arkiv / relativ).write_bytes(b"andrad")
    resultat = korare.invoke(app, ["verifiera"])
    assert resultat.exit_code == 1
    text_ = " ".join(resultat.output.split())
    assert "intakt: 2 händelser, senaste hash" in text_  # the registration and its frister
    assert "handlingar: 1 fel bland 1 filer" in text_
    assert f"handling 1 version 1 i {dnr}: filen har ändrats ({relativ}: sha256 är" in text_
