"""The folder where registered documents live; paths in the database are relative to it."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import IO

from arende.domain.fel import OgiltigUppgift

_BLOCK = 1 << 20


class Filarkiv:
    def __init__(self, katalog: Path) -> None:
        self.katalog = katalog

    def sokvag(self, relativ: str) -> Path:
        fil = (self.katalog / relativ).resolve()
        if not fil.is_relative_to(self.katalog.resolve()):
            raise OgiltigUppgift(f"Sökvägen '{relativ}' pekar ut ur arkivet.")
        return fil

    def spara(self, relativ: str, innehall: bytes | IO[bytes]) -> str:
        """Write the file whole or not at all (a crash leaves no half file), return its
        sha256: of the bytes written, so what the register says is what is on disk. A
        stream (an e-mail's 200 MB attachment) is copied in blocks, never held whole."""
        fil = self.sokvag(relativ)
        fil.parent.mkdir(parents=True, exist_ok=True)
        fd, tillfallig = tempfile.mkstemp(dir=fil.parent, prefix=".", suffix=".tmp")
        summa = hashlib.sha256()
        try:
            with os.fdopen(fd, "wb") as ut:
                if isinstance(innehall, bytes):
                    summa.update(innehall)
                    ut.write(innehall)
                else:
                    while block := innehall.read(_BLOCK):
                        summa.update(block)
                        ut.write(block)
                ut.flush()
                os.fsync(ut.fileno())
            os.replace(tillfallig, fil)
        except BaseException:
            Path(tillfallig).unlink(missing_ok=True)
            raise
        return summa.hexdigest()

    def sha256(self, relativ: str) -> str | None:
        """The file's sha256 read in blocks (a large PDF never sits whole in memory), or
        None if it is gone. A path that leads out of the archive is refused by sokvag, and
        in the database it is itself a sign of tampering."""
        fil = self.sokvag(relativ)
        if not fil.is_file():
            return None
        summa = hashlib.sha256()
        with fil.open("rb") as inlasning:
            while block := inlasning.read(_BLOCK):
                summa.update(block)
        return summa.hexdigest()

    def las(self, relativ: str) -> bytes:
        return self.sokvag(relativ).read_bytes()

    def radera(self, relativ: str) -> bool:
        """Remove a gallrad file (its record and sha256 stay in the database); False if it
        was already gone, as after a run that removed it and then stopped."""
        fil = self.sokvag(relativ)
        try:
            fil.unlink()
        except FileNotFoundError:
            return False
        return True

    def url(self, relativ: str) -> str:
        return self.sokvag(relativ).as_uri()
