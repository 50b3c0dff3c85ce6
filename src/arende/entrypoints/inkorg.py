"""The registrator's inbox folder: what is put there is registered and moved away.

`arende inkorg` polls the folder (ARENDE_INKORG_DIR) in a small loop; `make up` runs it, and
the e-mail receiver (epostmottagare.py) writes each e-mail it accepts there and takes it in
at once, through the same function. Every file becomes one RegistreraInkommande, the same
command the command line gives, so a file taken in here is numbered, hashed and logged
exactly like one registered by hand:

- `NAMN.eml`: an e-mail; the ärende is the dnr its subject names (or `dnr` in
  `NAMN.eml.toml`), the sender its From header, the description its subject.
- any other file (`brev.pdf`, `skanning.tif`, `yttrande.docx` …) with its sidecar
  `brev.pdf.toml` saying `dnr`, `avsandare`, `beskrivning` and optionally `inkom`
  (ÅÅÅÅ-MM-DD) and `sekretess` ("OSL 26 kap. 1 §"). A file without its sidecar waits.

A registered file is moved to `registrerade/`, a refused one to `avvisade/` beside a
`.fel.txt` with the Swedish reason. An e-mail that names no ärende of ours (no dnr in its
subject, or one that is no ärende here) is not refused: it has come in all the same, and
waits in `att-registrera/` (adapters/postko.py) until the registrator registers it on an
ärende or as a new one. Moving is the last thing done: a crash between the commit and the
move leaves the file in the inbox, and the next pass finds its registration
under the step key (the file's hash, or the e-mail's Message-ID plus content hash) and
only moves it. Nothing is ever written anywhere but these folders and the archive.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from arende.adapters.epostinlasning import las_epost
from arende.adapters.postko import ATT_REGISTRERA, REGISTRERADE, SIDOFIL, Postko, las_toml
from arende.bootstrap import Arendesystem
from arende.domain.datum import STOCKHOLM
from arende.domain.diarienummer import Diarienummer
from arende.domain.fel import ArendeFel, HittasInte, OgiltigUppgift
from arende.domain.handelser import HandlingInkommen
from arende.domain.inkommen_fil import megabyte, storsta_epost
from arende.service_layer.inkommande import (
    UtanArende,
    epostens_uppgifter,
    epostkommando,
    filkommando,
    ladda_prefix,
)
from arende.service_layer.kommandon import SYSTEMET, InkommenFil, RegistreraInkommande

AVVISADE = "avvisade"
VANTAR_PA_REGISTRATORN = "mottaget; väntar på att registratorn knyter det till ett ärende"
MOTTAS = ".mottas"  # the e-mail receiver's files while they are still arriving


@dataclass(frozen=True)
class Utfall:
    """What became of one file: registered (as which handlingar), refused (why), or waiting
    for its sidecar."""

    fil: str
    registrerad: bool
    meddelande: str
    dnr: str | None = None
    nummer: tuple[int, ...] = ()
    vantar: bool = False
    kon: bool = False  # received, waiting in att-registrera/ for the registrator


@dataclass(frozen=True)
class Oplacerat:
    """An e-mail the receiver cannot place on an ärende (why), and what its registration
    will say of it: its step key, the day it came, its sender and subject."""

    meddelande: str
    nyckel: str | None
    inkom: date
    avsandare: str
    beskrivning: str


class Inkorg:
    def __init__(self, system: Arendesystem, katalog: Path, *, lugn: float = 2.0) -> None:
        self.system = system
        self.katalog = katalog
        self.postko = Postko(katalog)
        # A file changed this recently may still be being written (a scanner, a copy).
        self.lugn = lugn
        for del_ in (REGISTRERADE, AVVISADE, MOTTAS, ATT_REGISTRERA):
            (katalog / del_).mkdir(parents=True, exist_ok=True)
        _stada_arbetskataloger(katalog)

    def ga_igenom(self) -> list[Utfall]:
        """One pass over the folder: every file that has settled, oldest name first."""
        utfall = []
        nu = time.time()
        for fil in sorted(self.katalog.iterdir()):
            if fil.name.startswith(".") or fil.name.endswith((SIDOFIL, ".fel.txt", ".tmp")):
                continue
            if fil.is_dir() and not fil.is_symlink():
                continue
            try:
                if not fil.is_symlink() and nu - fil.stat().st_mtime < self.lugn:
                    continue
            except FileNotFoundError:
                continue  # taken in meanwhile (by the e-mail receiver)
            utfall.append(self.ta_in(fil))
        return utfall

    def ta_in(self, fil: Path, kanal: str = "inkorgen") -> Utfall:
        """Register the file and move it away; a refusal is moved to `avvisade/` with its
        reason, and nothing of it is registered."""
        try:
            with arbetskatalog(self.katalog) as bilagor:
                kommando = self._kommando(fil, kanal, Path(bilagor))
                if kommando is None:
                    return Utfall(
                        fil.name,
                        False,
                        f"väntar på uppgiftsfilen {fil.name}{SIDOFIL} (dnr, avsandare, "
                        "beskrivning)",
                        vantar=True,
                    )
                if isinstance(kommando, Oplacerat):
                    return self._till_registratorn(fil, kommando)
                try:
                    handelser = self.system.utfor(kommando)
                except HittasInte as fel:
                    if not kommando.epost or self._sidofil(fil) is not None:
                        raise  # a dnr a person gave: theirs to correct
                    # A dnr in the subject that is no ärende here (mistyped, another
                    # kommun's): the letter is still the registrator's to place.
                    return self._till_registratorn(
                        fil,
                        Oplacerat(
                            fel.meddelande,
                            kommando.nyckel,
                            kommando.inkom,
                            kommando.avsandare,
                            kommando.beskrivning,
                        ),
                    )
        except ArendeFel as fel:
            self._flytta(fil, AVVISADE, fel.meddelande)
            return Utfall(fil.name, False, fel.meddelande)
        nummer = tuple(h.nummer for h in handelser if isinstance(h, HandlingInkommen))
        dnr = str(kommando.dnr)
        self._flytta(fil, REGISTRERADE, None)
        nr = ", ".join(map(str, nummer)) or "redan registrerad"
        return Utfall(fil.name, True, f"registrerad i {dnr}: handling {nr}", dnr, nummer)

    def _till_registratorn(self, fil: Path, utan: Oplacerat) -> Utfall:
        """Keep an e-mail that names no ärende of ours in `att-registrera/` for the
        registrator (OSL 5 kap. 1 §: it has come in, and is kept in order until it is
        registered), with what it is beside it. The same e-mail delivered again waits once."""
        if utan.nyckel and self.postko.har(utan.nyckel):
            fil.unlink(missing_ok=True)
            return Utfall(fil.name, False, f"{VANTAR_PA_REGISTRATORN} (redan i kön)", kon=True)
        mal = self._flytta(fil, ATT_REGISTRERA, None)
        self.postko.anteckna(
            mal,
            {
                "mottaget": datetime.now(UTC).astimezone(STOCKHOLM).replace(microsecond=0),
                "inkom": utan.inkom,
                "avsandare": utan.avsandare,
                "beskrivning": utan.beskrivning,
                "nyckel": utan.nyckel or "",
                "skal": utan.meddelande,
            },
        )
        return Utfall(fil.name, False, f"{VANTAR_PA_REGISTRATORN}: {utan.meddelande}", kon=True)

    def _kommando(
        self, fil: Path, kanal: str, bilagor: Path
    ) -> RegistreraInkommande | Oplacerat | None:
        if fil.is_symlink() or not fil.is_file():
            # A link could point anywhere on the server (/etc/passwd): never followed.
            raise OgiltigUppgift(f"'{fil.name}' är ingen vanlig fil (en länk?) och läses inte.")
        storsta = self.system.storsta_inkommande
        epost = fil.suffix.lower() == ".eml"
        grans = storsta_epost(storsta) if epost else storsta
        storlek = fil.stat().st_size
        if storlek > grans:
            # Refused before it is read: a 200 MB file is never held in memory.
            raise OgiltigUppgift(
                f"'{fil.name}' är {megabyte(storlek)}; största som tas emot är {megabyte(grans)} "
                "(ARENDE_INKOMMANDE_STORSTA_MB)."
            )
        uppgifter = self._sidofil(fil)
        idag = self.system.klocka.idag()
        if epost:
            dnr = uppgifter.get("dnr") if uppgifter else None
            brev = las_epost(InkommenFil(fil.name, sokvag=fil), bilagor)
            inkom = _datum(uppgifter.get("inkom"), idag) if uppgifter else idag
            try:
                return epostkommando(
                    brev,
                    prefix=ladda_prefix(self.system.uow()),
                    aktor=SYSTEMET,
                    inkom=inkom,
                    kanal=kanal,
                    dnr=Diarienummer.tolka(str(dnr)) if dnr else None,
                    sekretess=_text(uppgifter, "sekretess") if uppgifter else None,
                )
            except UtanArende as fel:
                om = epostens_uppgifter(brev)
                return Oplacerat(
                    fel.meddelande, om["nyckel"], inkom, om["avsandare"], om["beskrivning"]
                )
        if uppgifter is None:
            return None
        return filkommando(
            [InkommenFil(fil.name, sokvag=fil)],
            aktor=SYSTEMET,
            dnr=Diarienummer.tolka(_text(uppgifter, "dnr") or ""),
            inkom=_datum(uppgifter.get("inkom"), idag),
            avsandare=_text(uppgifter, "avsandare") or "",
            beskrivning=_text(uppgifter, "beskrivning") or "",
            kanal=kanal,
            sekretess=_text(uppgifter, "sekretess"),
        )

    def _sidofil(self, fil: Path) -> dict[str, object] | None:
        sido = fil.with_name(fil.name + SIDOFIL)
        if not sido.is_file() or sido.is_symlink():
            return None
        return las_toml(sido)

    def _flytta(self, fil: Path, dit: str, fel: str | None) -> Path:
        """Move the file (and its sidecar) into `dit/` under a name that cannot collide; a
        refused one gets its reason beside it. Where it went."""
        stampel = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        # The name's end (its extension) kept within what a file system takes, with room
        # for the stamp, '.toml' and '.fel.txt'.
        namn = fil.name.encode()[-200:].decode(errors="ignore")
        mal = self.katalog / dit / f"{stampel}-{namn}"
        for kalla, ny in ((fil, mal), (fil.with_name(fil.name + SIDOFIL), Path(f"{mal}{SIDOFIL}"))):
            try:
                os.replace(kalla, ny)
            except FileNotFoundError:
                continue  # no sidecar, or moved already by a concurrent pass
        if fel is not None:
            Path(f"{mal}.fel.txt").write_text(fel + "\n", encoding="utf-8")
        return mal


_ARBETE = ".bilagor-"


def arbetskatalog(katalog: Path) -> tempfile.TemporaryDirectory[str]:
    """A folder of its own for an e-mail's attachments while it is registered (removed
    after): beside the inbox, on the disk where the large files are, never in /tmp (which
    may be memory). Its name carries the process id, so a folder left by a process that
    died is known for one (_stada_arbetskataloger)."""
    return tempfile.TemporaryDirectory(dir=katalog / MOTTAS, prefix=f"{_ARBETE}{os.getpid()}-")


def _stada_arbetskataloger(katalog: Path) -> None:
    """Remove the attachment folders of processes that are gone (a crash mid-registration;
    nothing in them was registered unless the registration committed, and then the archive
    has its own copy). Another living process's folder is left alone."""
    for mapp in (katalog / MOTTAS).glob(f"{_ARBETE}*"):
        pid = mapp.name.removeprefix(_ARBETE).split("-", 1)[0]
        if pid.isdigit() and not _lever(int(pid)):
            shutil.rmtree(mapp, ignore_errors=True)


def _lever(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _text(uppgifter: dict[str, object], namn: str) -> str | None:
    varde = uppgifter.get(namn)
    if varde is None:
        return None
    if not isinstance(varde, str):
        raise OgiltigUppgift(f"'{namn}' i uppgiftsfilen ska vara en text inom citattecken.")
    return varde


def _datum(varde: object, idag: date) -> date:
    if varde is None:
        return idag
    if isinstance(varde, date):
        return varde
    try:
        return date.fromisoformat(str(varde))
    except ValueError:
        raise OgiltigUppgift(f"inkom = '{varde}' är inget datum (ÅÅÅÅ-MM-DD).") from None


def kor(system: Arendesystem, katalog: Path, intervall: float, en_gang: bool) -> int:
    """Poll until stopped (or once): one line per file taken in."""
    inkorg = Inkorg(system, katalog)
    while True:
        try:
            for u in inkorg.ga_igenom():
                if not u.vantar:
                    print(f"{u.fil}: {u.meddelande}", flush=True)
        except Exception:  # noqa: BLE001 - a database that is down: the next pass tries again
            # What was not registered stays in the folder; nothing is lost by waiting.
            print("Inkorgen kunde inte gås igenom, försöker igen:", flush=True)
            traceback.print_exc()
        if en_gang:
            return 0
        time.sleep(intervall)


if __name__ == "__main__":  # pragma: no cover - `make up` runs it as its own process
    from arende.bootstrap import starta
    from arende.config import Installningar

    sys.exit(kor(starta(), Installningar().inkorg_dir, 5.0, False))
