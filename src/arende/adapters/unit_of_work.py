"""One transaction per use case; the session's repositories share it."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlmodel import Session

from arende.adapters.repository import (
    SqlArendeRepository,
    SqlDiarium,
    SqlGranskningslogg,
    SqlGrunddata,
    SqlSteglogg,
)


class SqlUnitOfWork:
    def __init__(self, motor: Engine) -> None:
        self.motor = motor

    def __enter__(self) -> SqlUnitOfWork:
        self.session = Session(self.motor, expire_on_commit=False)
        self.grunddata = SqlGrunddata(self.session)
        self.arenden = SqlArendeRepository(self.session, self.grunddata)
        self.diarium = SqlDiarium(self.session)
        self.steg = SqlSteglogg(self.session)
        self.logg = SqlGranskningslogg(self.session)
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
