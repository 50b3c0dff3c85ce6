"""One transaction per use case; the session's repositories share it."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlmodel import Session

from arende.adapters.anslagstavla import SqlAnslagstavla
from arende.adapters.begaranregister import SqlBegaranregister
from arende.adapters.delegationsregister import SqlDelegationsregister
from arende.adapters.frist_repository import (
    SqlFristregister,
    SqlPaminnelseregister,
    SqlSammantradesplaner,
)
from arende.adapters.gallringsregister import SqlGallringsregister
from arende.adapters.handlingsregister import SqlHandlingsregister
from arende.adapters.kedjehuvuden import SqlKedjehuvuden
from arende.adapters.registratorslasning import SqlRegistratorslasning
from arende.adapters.repository import (
    SqlArendeRepository,
    SqlDiarium,
    SqlGranskningslogg,
    SqlGrunddata,
    SqlKommandologg,
)
from arende.adapters.sammantradesregister import SqlSammantraden
from arende.adapters.tavlingsregister import SqlTavlingsregister
from arende.service_layer.ports import (
    Anslagstavla,
    ArendeRepository,
    Begaranregister,
    Delegationsregister,
    Diarium,
    Fristregister,
    Gallringsregister,
    Granskningslogg,
    Grunddata,
    Handlingsregister,
    Kedjehuvuden,
    Kommandologg,
    Paminnelseregister,
    Sammantraden,
    Sammantradesplaner,
    Tavlingsregister,
)
from arende.service_layer.visningsportar import Registratorslasning


class SqlUnitOfWork:
    def __init__(self, motor: Engine) -> None:
        self.motor = motor

    def __enter__(self) -> SqlUnitOfWork:
        self.session = Session(self.motor, expire_on_commit=False)
        grunddata = SqlGrunddata(self.session)
        self.grunddata: Grunddata = grunddata
        self.arenden: ArendeRepository = SqlArendeRepository(self.session, grunddata)
        self.diarium: Diarium = SqlDiarium(self.session)
        self.kommandon: Kommandologg = SqlKommandologg(self.session)
        self.logg: Granskningslogg = SqlGranskningslogg(self.session)
        self.frister: Fristregister = SqlFristregister(self.session)
        self.paminnelser: Paminnelseregister = SqlPaminnelseregister(self.session)
        self.planer: Sammantradesplaner = SqlSammantradesplaner(self.session)
        self.lasning: Registratorslasning = SqlRegistratorslasning(self.session, grunddata)
        self.handlingar: Handlingsregister = SqlHandlingsregister(self.session)
        self.tavlingsbidrag: Tavlingsregister = SqlTavlingsregister(self.session)
        self.sammantraden: Sammantraden = SqlSammantraden(self.session, grunddata)
        self.anslagstavla: Anslagstavla = SqlAnslagstavla(self.session, grunddata)
        self.kedjehuvuden: Kedjehuvuden = SqlKedjehuvuden(self.session)
        self.begaranden: Begaranregister = SqlBegaranregister(self.session)
        self.gallring: Gallringsregister = SqlGallringsregister(self.session, grunddata)
        self.delegationsbeslut: Delegationsregister = SqlDelegationsregister(
            self.session, grunddata
        )
        return self

    def __exit__(
        self,
        typ: type[BaseException] | None,
        fel: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Anything not committed explicitly is rolled back: a refused step changes nothing.
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
