"""What the public web site reads with: the database opened for reading only, the archive of
registered files, the clock that says which notices are up today, and the templates.

The public site gets no `Arendesystem` (which wires the write use cases): only this."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from arende.adapters.arkiv import Filarkiv
from arende.adapters.helgdagar import SvenskaHelgdagar
from arende.adapters.klocka import Systemklocka
from arende.adapters.unit_of_work import SqlUnitOfWork
from arende.config import Installningar
from arende.domain.kalender import Helgdagskalender
from arende.service_layer.ports import Klocka


@dataclass
class Publikkalla:
    motor: Engine
    klocka: Klocka = field(default_factory=Systemklocka)
    mallkatalog: Path = field(default_factory=lambda: Installningar().template_dir)
    arkiv: Filarkiv = field(default_factory=lambda: Filarkiv(Installningar().arkiv_dir))
    kalender: Helgdagskalender = field(default_factory=SvenskaHelgdagar)

    def uow(self) -> SqlUnitOfWork:
        """A unit of work for reading: nothing is committed (it rolls back on leaving)."""
        return SqlUnitOfWork(self.motor)
