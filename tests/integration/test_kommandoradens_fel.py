"""The `arende` command's own usage errors (a missing option, an unknown command or option,
a value of the wrong type) are Swedish one-liners with exit code 2, like every other error
a person can cause; click alone would answer in English."""

from __future__ import annotations

import pytest

from arende.entrypoints.cli import main


@pytest.mark.parametrize(
    ("argument", "svar"),
    [
        (["svarsmall"], "Fel: --dnr saknas. Se `arende svarsmall --help`."),
        (["diarium", "--ar", "tjugo"], "Fel: --ar ska vara ett heltal."),
        (["finns-inte"], "Fel: Okänt kommando. Kommandona är: "),
        (["diarium", "--okand"], "Fel: Det finns inget val --okand."),
        (["diarium", "extra"], "Fel: Argument som inte hör dit: extra."),
    ],
    ids=["val-saknas", "fel-typ", "okant-kommando", "okant-val", "extra-argument"],
)
def test_anvandningsfel_pa_svenska(
    argument: list[str],
    svar: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.argv", ["arende", *argument])
    with pytest.raises(SystemExit) as slut:
        main()
    assert slut.value.code == 2
    fel = " ".join(capsys.readouterr().err.split())
    assert fel.startswith(svar), fel
    assert "Error" not in fel and "Missing" not in fel


def test_hjalpen_slutar_med_noll(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["arende", "--help"])
    with pytest.raises(SystemExit) as slut:
        main()
    assert slut.value.code == 0
    assert "diarium" in capsys.readouterr().out
