"""The crash watch's rule (arende.domain.omstart): when a crashed run starts again by itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from arende.domain.omstart import (
    ATERSTARTAS,
    LUGN,
    MAX_I_RAD,
    PAUSEN_GICK_UT,
    Tillstand,
    ar_tyst,
    omstartstext,
    prova,
    uppgivettext,
)

T0 = datetime(2026, 12, 4, 13, 0, tzinfo=UTC)


def _t(typ: str, sekunder: int, namn: str = "", meddelande: str = "") -> Tillstand:
    return Tillstand(typ, namn or typ.title(), T0 + timedelta(seconds=sekunder), meddelande)


def _start() -> list[Tillstand]:
    return [_t("SCHEDULED", 0), _t("PENDING", 1), _t("RUNNING", 2)]


def _omstart(sekunder: int) -> list[Tillstand]:
    return [_t("SCHEDULED", sekunder, ATERSTARTAS), _t("RUNNING", sekunder + 1)]


def test_en_korning_som_inte_kraschat_lamnas() -> None:
    assert prova(_start(), T0 + timedelta(hours=1)).atgard == "vanta"
    assert prova([], T0).atgard == "vanta"


def test_en_nyss_kraschad_korning_far_lugna_sig_forst() -> None:
    historik = [*_start(), _t("CRASHED", 10)]
    assert prova(historik, T0 + timedelta(seconds=10) + LUGN / 2).atgard == "vanta"
    beslut = prova(historik, T0 + timedelta(seconds=10) + LUGN)
    assert (beslut.atgard, beslut.forsok) == ("starta_om", 1)
    assert beslut.krasch == historik[-1]


def test_ordningen_i_svaret_spelar_ingen_roll() -> None:
    historik = [*_start(), _t("CRASHED", 10)]
    assert prova(list(reversed(historik)), T0 + timedelta(minutes=1)).atgard == "starta_om"


def test_omstarter_i_rad_utan_formular_raknas_och_tar_slut() -> None:
    historik = [*_start(), _t("CRASHED", 10)]
    for n in range(1, MAX_I_RAD + 1):
        beslut = prova(historik, historik[-1].tid + LUGN)
        assert (beslut.atgard, beslut.forsok) == ("starta_om", n)
        sist = int((historik[-1].tid - T0).total_seconds())
        historik += [*_omstart(sist + 20), _t("CRASHED", sist + 30)]
    beslut = prova(historik, historik[-1].tid + LUGN)
    assert (beslut.atgard, beslut.forsok) == ("ge_upp", MAX_I_RAD)


@pytest.mark.parametrize(
    "framsteg",
    [
        _t("PAUSED", 45, "Suspended"),  # the restarted run reached a form
        _t("PAUSED", 45, "Paused"),  # waited warm
        _t("SCHEDULED", 45, "AwaitingRetry"),  # a person pressed Retry
        _t("SCHEDULED", 45, "Resuming"),  # a person answered a suspended form
    ],
)
def test_ett_formular_eller_en_persons_start_borjar_rakningen_om(framsteg: Tillstand) -> None:
    historik = [*_start(), _t("CRASHED", 10)]
    for sist in (20, 30):
        historik += [*_omstart(sist), _t("CRASHED", sist + 5)]
    historik += [framsteg, _t("RUNNING", 46), _t("CRASHED", 50)]
    beslut = prova(historik, T0 + timedelta(minutes=5))
    assert (beslut.atgard, beslut.forsok) == ("starta_om", 1)


def test_en_varm_vantan_som_servern_lat_ga_ut_ar_en_krasch() -> None:
    # The runner died with its process: no Crashed report, the server failed the run when
    # the warm wait's deadline passed.
    historik = [*_start(), _t("PAUSED", 5, "Paused"), _t("FAILED", 500, meddelande=PAUSEN_GICK_UT)]
    assert prova(historik, T0 + timedelta(minutes=10)).atgard == "starta_om"
    # A run that failed for any other reason (its own error, the watch giving up) is not.
    annat = [*_start(), _t("FAILED", 50, meddelande="Körningen har kraschat 4 gånger i rad")]
    assert prova(annat, T0 + timedelta(minutes=10)).atgard == "vanta"


def test_texterna_sager_nar_och_hur_manga_pa_svensk_tid() -> None:
    krasch = _t("CRASHED", 0, meddelande="Flow run process exited with non-zero status code -9.")
    text = omstartstext(krasch, 2, T0 + timedelta(seconds=12))
    assert "kl. 14:00:00" in text and "kl. 14:00:12" in text  # CET in December
    assert f"omstart 2 av högst {MAX_I_RAD}" in text
    assert "status code -9" in text
    uppgiven = uppgivettext(krasch, MAX_I_RAD)
    assert f"kraschat {MAX_I_RAD + 1} gånger i rad" in uppgiven and "Retry" in uppgiven


# -- a run that has gone silent (its process gone with whatever should report it) ----------

INTERVALL = timedelta(seconds=30)


def _tyst(typ: str, namn: str, sedan_tillstand: int, sedan_hjartslag: int | None) -> bool:
    nu = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    tillstand = Tillstand(typ, namn, nu - timedelta(seconds=sedan_tillstand))
    hjartslag = None if sedan_hjartslag is None else nu - timedelta(seconds=sedan_hjartslag)
    return ar_tyst(tillstand, hjartslag, nu, INTERVALL)


@pytest.mark.parametrize(
    ("typ", "namn", "sedan_tillstand", "sedan_hjartslag", "tyst"),
    [
        ("RUNNING", "Running", 600, 30, False),  # beats: alive, however long the step
        ("RUNNING", "Running", 600, 121, True),  # four intervals without a beat
        ("RUNNING", "Running", 600, 120, False),  # exactly four: not yet
        ("PAUSED", "Paused", 200, 150, True),  # waiting warm, its process gone quiet
        ("PAUSED", "Suspended", 86400, None, False),  # cold: no process to hear from
        ("RUNNING", "Running", 60, None, False),  # just started: its state is recent
        ("RUNNING", "Running", 200, None, True),  # never a beat, and long ago
        ("SCHEDULED", "Återstartas", 600, None, False),  # waits for a worker, not silent
        ("COMPLETED", "Completed", 600, 600, False),
        ("CRASHED", "Crashed", 600, 600, False),  # already known
    ],
)
def test_tyst_korning(
    typ: str, namn: str, sedan_tillstand: int, sedan_hjartslag: int | None, tyst: bool
) -> None:
    assert _tyst(typ, namn, sedan_tillstand, sedan_hjartslag) is tyst
