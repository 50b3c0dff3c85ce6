"""Reading registered files back to check them: a handling's file is fixed by its sha256.

Paths in the database are relative to the archive folder (ARENDE_ARKIV_DIR)."""

from __future__ import annotations

import hashlib

from arende.adapters.arkiv import Filarkiv

BLOCK = 1 << 20  # read in 1 MiB blocks: a large PDF never sits whole in memory


class Arkivfiler(Filarkiv):
    """The archive read for checking: a path in the database that leads out of the archive
    is refused by Filarkiv.sokvag, and is itself a sign of tampering."""

    def sha256(self, relativ: str) -> str | None:
        fil = self.sokvag(relativ)
        if not fil.is_file():
            return None
        summa = hashlib.sha256()
        with fil.open("rb") as inlasning:
            while block := inlasning.read(BLOCK):
                summa.update(block)
        return summa.hexdigest()
