"""The scheduler process stops when asked, also when the signal comes while it waits:
`make up` stopped with Ctrl-C once left it running (its signal handler deadlocked)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

PROJEKTROT = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(180)
def test_schemalaggaren_stannar_pa_sigterm_och_sigint(tmp_path: Path) -> None:
    miljo = dict(
        os.environ,
        ARENDE_DATABASE_URL=f"sqlite:///{tmp_path / 'arende.db'}",
        PYTHONUNBUFFERED="1",
    )
    miljo.pop("PREFECT_API_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "arende.entrypoints.schemalaggare"],
        cwd=PROJEKTROT,
        env=miljo,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        sedda = []
        for rad in process.stdout:  # wait until it has the lock and is sending
            sedda.append(rad)
            if "Schemaläggaren skickar påminnelser" in rad:
                break
        assert any("Schemaläggaren skickar" in r for r in sedda), "".join(sedda)
        # A burst of signals, as a terminal's Ctrl-C, make's SIGTERM and our parent's
        # terminate() give together: a second one arriving inside the first's handler is
        # what deadlocked it.
        # (A race: without the fix this hung in about one run of three here.)
        for _ in range(300):
            if process.poll() is not None:
                break
            process.send_signal(signal.SIGINT)
        # It must end, not hang: 0 from its own shutdown, or the default action of a
        # signal that arrived after it had already begun to exit.
        assert process.wait(timeout=30) in (0, -signal.SIGTERM, -signal.SIGINT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
