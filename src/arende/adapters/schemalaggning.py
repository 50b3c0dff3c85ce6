"""APScheduler 3 with its job store in our database, a clock that can be set, and the lock
that lets only one scheduler send.

Why a subclass: APScheduler reads `datetime.now()` itself when it looks for due jobs and
when it judges a misfire. Reminders are days apart, so tests must move time, not wait for
it; `_process_jobs` is therefore the library's own loop with the clock injected, and it runs
each job in the scheduler's thread (one reminder at a time is plenty and keeps the SMTP
conversation and its transaction in one place). Job ids, coalescing, the misfire grace and
the SQLAlchemy job store are APScheduler's.

The job store is rebuilt from the frist table (`stam_av`) in bulk: one transaction that
reads what each stored job was planned from (two columns beside APScheduler's own, schema
0013), deletes the jobs no longer wanted and writes only the new or changed ones, in
batches, instead of one transaction per `add_job`. A restart with nothing changed only
reads.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import logging
import pickle
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple, Protocol
from uuid import uuid4
from zoneinfo import ZoneInfo

from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_PAUSED
from apscheduler.triggers.date import DateTrigger
from apscheduler.util import check_callable_args, datetime_to_utc_timestamp, ref_to_obj
from sqlalchemy import (
    Column,
    Engine,
    Float,
    LargeBinary,
    MetaData,
    Table,
    Text,
    Unicode,
    delete,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlmodel import Session

from arende.adapters.tabeller import SchemalaggarlasRad
from arende.domain.datum import STOCKHOLM

logger = logging.getLogger("arende.schemalaggare")

JOBBTABELL = "paminnelsejobb"  # created by migration 0003 with APScheduler's own columns
LASNAMN = "paminnelser"
# First key of the PostgreSQL advisory lock ("arende" in ASCII, fits a signed int4); the
# second is the schema, so test schemas in one database do not block each other.
PG_LASNYCKEL = 0x61726E64

_BATCH = 1000

# The job table as the reconciliation sees it: APScheduler's three columns (the job store
# reads and writes only those) and the plan each row was written from. NULL in the last two
# (a row from before schema 0013, or one APScheduler added itself) means "unknown plan":
# the next reconciliation rewrites it.
JOBBRADER = Table(
    JOBBTABELL,
    MetaData(),
    Column("id", Unicode(191), primary_key=True),
    Column("next_run_time", Float(25)),
    Column("job_state", LargeBinary, nullable=False),
    Column("planerad", Float(25)),
    Column("plansignatur", Text),
)
# Part of every signature: raised when `_Jobbtillstand` changes what it stores, so that
# every row is rewritten once in the new form.
_TILLSTANDSFORMAT = 1


class Jobbplan(NamedTuple):
    """One job the store should hold: its stable id, its arguments and when it fires.
    A NamedTuple (immutable like a frozen dataclass, at a third of the cost to make): a
    kommun's reconciliation makes hundreds of thousands."""

    jobb_id: str
    args: tuple[int, ...]
    tid: datetime
    namn: str = ""
    funktion: str = ""  # the job function's reference; the reminder's by default


@dataclass(frozen=True)
class Avstamning:
    tillagda: int
    flyttade: int
    borttagna: int
    oforandrade: int


# The job function below runs in the scheduler's thread; the scheduler puts its handler
# here first. A ContextVar rather than a module global: two schedulers in one process (the
# race tests) each see their own.
_UTFORARE: ContextVar[Callable[[int, int], datetime | None]] = ContextVar("paminnelseutforare")


def paminnelsejobb(frist_id: int, ledtid: int) -> datetime | None:
    """What every stored job calls: the running scheduler's handler for (frist, ledtid).
    Returns a time to try again, or None when the job is done."""
    try:
        utfor = _UTFORARE.get()
    except LookupError:
        raise RuntimeError(
            "Påminnelsejobb körs bara av arende.adapters.schemalaggning.Schemalaggare."
        ) from None
    return utfor(frist_id, ledtid)


_JOBBFUNKTION = f"{__name__}:paminnelsejobb"

# The daily publication of the audit chain's head: one job under a stable id, found the
# same way as the reminders' handler.
_PUBLICERARE: ContextVar[Callable[[], datetime | None]] = ContextVar("kedjehuvudpublicerare")


def kedjehuvudjobb() -> datetime | None:
    """The stored daily job: the running scheduler's publication of the chain's head.
    Returns when to run next."""
    try:
        publicera = _PUBLICERARE.get()
    except LookupError:
        raise RuntimeError(
            "Kedjehuvudjobbet körs bara av arende.adapters.schemalaggning.Schemalaggare."
        ) from None
    return publicera()


KEDJEHUVUDJOBB = "publicera-kedjehuvud"
KEDJEHUVUDFUNKTION = f"{__name__}:kedjehuvudjobb"


# A request for allmän handling still open after its working hours (service_layer/
# utlamnande.py): one job per request, `begaran-<id>`, found the same way.
_BEGARANSPAMINNARE: ContextVar[Callable[[int], datetime | None]] = ContextVar("begaranspaminnare")


def begaransjobb(begaran_id: int) -> datetime | None:
    """The stored job of an open request: the running scheduler's reminder of it."""
    try:
        paminn = _BEGARANSPAMINNARE.get()
    except LookupError:
        raise RuntimeError(
            "Begäransjobb körs bara av arende.adapters.schemalaggning.Schemalaggare."
        ) from None
    return paminn(begaran_id)


BEGARANSFUNKTION = f"{__name__}:begaransjobb"


# The monthly gallring run (service_layer/gallring.py): one job under a stable id, found the
# same way; it returns when to run next.
_GALLRINGSKORARE: ContextVar[Callable[[], datetime | None]] = ContextVar("gallringskorare")


def gallringsjobb() -> datetime | None:
    """The stored monthly job: the running scheduler's gallring proposal for every nämnd."""
    try:
        kor = _GALLRINGSKORARE.get()
    except LookupError:
        raise RuntimeError(
            "Gallringsjobbet körs bara av arende.adapters.schemalaggning.Schemalaggare."
        ) from None
    return kor()


GALLRINGSJOBB = "gallringsforslag"
GALLRINGSFUNKTION = f"{__name__}:gallringsjobb"


def _ingen_gallring() -> None:
    raise RuntimeError("Den här schemaläggaren föreslår inte gallring.")


def _ingen_begaranspaminnelse(_begaran_id: int) -> None:
    raise RuntimeError("Den här schemaläggaren påminner inte om begäranden.")


def _ingen_publicering() -> None:
    raise RuntimeError("Den här schemaläggaren publicerar inte kedjehuvudet.")


def _zon_efter_namn(zon: ZoneInfo) -> Any:
    # ZoneInfo's own reduce goes through its classmethod `_unpickle` and took half of a job's
    # pickling; by key it unpickles to the same cached instance (ZoneInfo(key) is what
    # _unpickle does for a zone from the cache, as STOCKHOLM is). A zone read from a file
    # has no key: its own reduce says what it can.
    if zon.key is None:
        return zon.__reduce__()
    return ZoneInfo, (zon.key,)


_PICKLING = {**copyreg.dispatch_table, ZoneInfo: _zon_efter_namn}


class _Jobbtillstand:
    """Pickles the state APScheduler's Job.__getstate__ gives for a plan (version 1),
    straight from a dict: constructing a Job per row inspects the function's signature each
    time and cost more than the pickling (`stam_av` checks the function once per kind
    instead). tests/integration/test_paminnelser.py holds it equal to the library's own."""

    def __init__(self, protokoll: int, grans: int | None) -> None:
        self._buffert = io.BytesIO()
        self._pickler = pickle.Pickler(self._buffert, protokoll)
        self._pickler.dispatch_table = _PICKLING
        self._grans = grans
        self._utlosare: dict[tuple[datetime, Any], DateTrigger] = {}

    def __call__(self, plan: Jobbplan) -> bytes:
        # One trigger per time, shared by the jobs that fire then (each pickle copies it).
        nyckel = (plan.tid, plan.tid.tzinfo)
        utlosare = self._utlosare.get(nyckel)
        if utlosare is None:
            utlosare = self._utlosare[nyckel] = DateTrigger(plan.tid, timezone=STOCKHOLM)
        self._buffert.seek(0)
        self._buffert.truncate()
        self._pickler.clear_memo()  # each row's pickle stands alone
        self._pickler.dump(
            {
                "version": 1,
                "id": plan.jobb_id,
                "func": plan.funktion or _JOBBFUNKTION,
                "trigger": utlosare,
                "executor": "default",
                "args": plan.args,
                "kwargs": {},
                "name": plan.namn or plan.jobb_id,
                "misfire_grace_time": self._grans,
                "coalesce": True,
                "max_instances": 1,
                "next_run_time": plan.tid,
            }
        )
        return self._buffert.getvalue()


class Schemalaggare(BackgroundScheduler):  # type: ignore[misc]
    def __init__(
        self,
        motor: Engine,
        klocka: Callable[[], datetime],
        utfor: Callable[[int, int], datetime | None],
        sent_grans: timedelta,
        langsta_vantan: float = 60.0,
        publicera: Callable[[], datetime | None] | None = None,
        paminn_begaran: Callable[[int], datetime | None] | None = None,
        foresla_gallring: Callable[[], datetime | None] | None = None,
    ) -> None:
        self.motor = motor
        self._paminn_begaran = paminn_begaran
        self._foresla_gallring = foresla_gallring
        self.klocka = klocka
        self._utfor = utfor
        self._publicera = publicera
        self._langsta_vantan = langsta_vantan
        self._bearbetning = threading.RLock()
        self.jobblager = SQLAlchemyJobStore(engine=motor, tablename=JOBBTABELL)
        super().__init__(
            jobstores={"default": self.jobblager},
            job_defaults={
                "coalesce": True,
                "misfire_grace_time": int(sent_grans.total_seconds()),
                "max_instances": 1,
            },
            timezone=STOCKHOLM,
        )

    # -- the loop, with our clock -------------------------------------------------------

    def bearbeta(self) -> float:
        """Run the jobs due by the clock now; returns the seconds until the next is due
        (capped). The scheduler's thread calls it; tests call it after moving the clock."""
        with self._bearbetning:
            nu = self.klocka()
            with self._jobstores_lock:
                for jobb in self.jobblager.get_due_jobs(nu):
                    self._kor(jobb, nu)
                nasta = self.jobblager.get_next_run_time()
        if nasta is None:
            return self._langsta_vantan
        return float(min(max((nasta - nu).total_seconds(), 0.0), self._langsta_vantan))

    def _process_jobs(self) -> float | None:
        if self.state == STATE_PAUSED:
            return None
        try:
            return self.bearbeta()
        except Exception:  # a database hiccup must not kill the thread: try again soon
            logger.exception("Schemaläggaren kunde inte läsa jobben; försöker igen.")
            return min(10.0, self._langsta_vantan)

    def _kor(self, jobb: Job, nu: datetime) -> None:
        kortider = jobb._get_run_times(nu)
        if jobb.coalesce:
            kortider = kortider[-1:]  # several missed runs become one
        if not kortider:
            return
        senast = kortider[-1]
        igen: datetime | None = None
        grans = jobb.misfire_grace_time
        if grans is not None and (nu - senast).total_seconds() > grans:
            logger.warning("Jobbet %s missades (skulle ha körts %s); hoppas över.", jobb.id, senast)
        else:
            token = _UTFORARE.set(self._utfor)
            publicerare = _PUBLICERARE.set(self._publicera or _ingen_publicering)
            begaran = _BEGARANSPAMINNARE.set(self._paminn_begaran or _ingen_begaranspaminnelse)
            gallring = _GALLRINGSKORARE.set(self._foresla_gallring or _ingen_gallring)
            try:
                igen = jobb.func(*jobb.args, **jobb.kwargs)
            except Exception:
                logger.exception("Jobbet %s misslyckades; försöker igen om en timme.", jobb.id)
                igen = nu + timedelta(hours=1)
            finally:
                _GALLRINGSKORARE.reset(gallring)
                _BEGARANSPAMINNARE.reset(begaran)
                _PUBLICERARE.reset(publicerare)
                _UTFORARE.reset(token)
        if igen is not None:
            jobb._modify(trigger=DateTrigger(igen, timezone=STOCKHOLM), next_run_time=igen)
            self.jobblager.update_job(jobb)
            return
        nasta = jobb.trigger.get_next_fire_time(senast, nu)
        if nasta is not None:
            jobb._modify(next_run_time=nasta)
            self.jobblager.update_job(jobb)
            return
        with suppress(JobLookupError):  # a reconciliation removed it meanwhile
            self.jobblager.remove_job(jobb.id)

    # -- rebuilding the store from the frist table ---------------------------------------

    def stam_av(self, planer: Iterable[Jobbplan]) -> Avstamning:
        """Make the job store hold exactly these jobs, in one transaction, writing only the
        rows whose plan changed.

        Each row carries the plan it was written from (`planerad`, `plansignatur`), so the
        comparison reads four short columns and never unpickles a job. A row is left as it is
        when its signature matches and it fires at the planned time or was planned for it
        (a retry the job asked for, e.g. 15 minutes after the mail server refused, moved it
        later: rewriting it would undo the retry). Everything else is deleted and inserted
        again in batches."""
        tabell = JOBBRADER
        grans = self._job_defaults["misfire_grace_time"]
        onskade = {plan.jobb_id: plan for plan in planer}
        tider: dict[datetime, float] = {}
        signaturer: dict[tuple[str, str, int], str] = {}
        with self._bearbetning, self.motor.begin() as anslutning:
            # Not job_state: nothing is unpickled to compare.
            befintliga = {
                jobb_id: (kor, planerad, signatur)
                for jobb_id, kor, planerad, signatur in anslutning.execute(
                    select(
                        tabell.c.id,
                        tabell.c.next_run_time,
                        tabell.c.planerad,
                        tabell.c.plansignatur,
                    )
                ).all()
            }
            bort = [i for i in befintliga if i not in onskade]
            nya: list[dict[str, Any]] = []
            flyttade = 0
            tillstand = _Jobbtillstand(self.jobblager.pickle_protocol, grans)
            # Run for each of a kommun's 400,000 jobs on every reconciliation: the lookups are
            # bound once and the signature is made inline.
            tid_for, lagrad_for = tider.get, befintliga.get
            for jobb_id, plan in onskade.items():
                args, dt = plan.args, plan.tid
                # Many jobs share a time (every frist of one sammanträde, each lead time) and
                # a kind: their timestamp and the signature's fixed part are computed once.
                tid = tid_for(dt)
                if tid is None:
                    tid = tider[dt] = datetime_to_utc_timestamp(dt)
                slag = (plan.funktion, plan.namn, len(args))
                fast = signaturer.get(slag)
                if fast is None:
                    fast = signaturer[slag] = self._signaturens_fasta_del(plan, grans)
                # What the job's state holds besides its id and time, as plain text (not a
                # hash of it): the kind and the arguments, "9c0e5e1a4b2f (4711, 10)".
                signatur = f"{fast} {args!r}"
                lagrad = lagrad_for(jobb_id)
                if lagrad is not None:
                    kor, planerad, lagrad_signatur = lagrad
                    if lagrad_signatur == signatur and tid in (kor, planerad):
                        continue
                    bort.append(jobb_id)
                    flyttade += 1
                nya.append(
                    {
                        "id": jobb_id,
                        "next_run_time": tid,
                        "job_state": tillstand(plan),
                        "planerad": tid,
                        "plansignatur": signatur,
                    }
                )
            for i in range(0, len(bort), _BATCH):
                anslutning.execute(delete(tabell).where(tabell.c.id.in_(bort[i : i + _BATCH])))
            for i in range(0, len(nya), _BATCH):
                anslutning.execute(tabell.insert(), nya[i : i + _BATCH])
        if self.running and nya:
            self.wakeup()
        return Avstamning(
            tillagda=len(nya) - flyttade,
            flyttade=flyttade,
            borttagna=len(bort) - flyttade,
            oforandrade=len(onskade) - len(nya),
        )

    def _signaturens_fasta_del(self, plan: Jobbplan, grans: int | None) -> str:
        """A short hash of what a job's state holds besides its id, arguments and time: the
        same for every job of a kind. The kind is checked here, once, as APScheduler's Job
        would check each job (the function exists and takes the arguments), since
        `_Jobbtillstand` makes no Job."""
        funktion = plan.funktion or _JOBBFUNKTION
        check_callable_args(ref_to_obj(funktion), plan.args, {})
        # The name is the job's id unless the plan gives one; the id is the row's key.
        delar = (_TILLSTANDSFORMAT, funktion, plan.namn, grans, self.jobblager.pickle_protocol)
        return hashlib.blake2b(repr(delar).encode(), digest_size=6).hexdigest()

    def jobb_ids(self) -> dict[str, datetime]:
        """The stored jobs and when each fires next (read straight from the table)."""
        tabell = self.jobblager.jobs_t
        with self.motor.connect() as anslutning:
            return {
                rad.id: datetime.fromtimestamp(rad.next_run_time, UTC)
                for rad in anslutning.execute(select(tabell.c.id, tabell.c.next_run_time))
            }


# -- only one scheduler sends --------------------------------------------------------------


class Schemalaggarlas(Protocol):
    def forsok(self) -> bool:
        """Take the lock if free (or ours); never blocks."""
        ...

    def fornya(self) -> bool:
        """Still ours? (Renews a lease.)"""
        ...

    def slapp(self) -> None: ...


class PostgresLas:
    """A session-level advisory lock on a connection held for the scheduler's life: the
    server releases it if the process dies, so no lease is needed."""

    def __init__(self, motor: Engine) -> None:
        self.motor = motor
        self._anslutning: Connection | None = None

    def forsok(self) -> bool:
        if self._anslutning is None:
            self._anslutning = self.motor.connect().execution_options(isolation_level="AUTOCOMMIT")
        fick = self._anslutning.execute(
            text("SELECT pg_try_advisory_lock(:nyckel, hashtext(current_schema()))"),
            {"nyckel": PG_LASNYCKEL},
        ).scalar()
        return bool(fick)

    def fornya(self) -> bool:
        if self._anslutning is None:
            return False
        try:
            har = self._anslutning.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND pid = pg_backend_pid() AND classid::bigint = :nyckel AND granted"
                ),
                {"nyckel": PG_LASNYCKEL},
            ).scalar()
        except Exception:
            logger.exception("Förbindelsen som håller schemaläggarlåset är bruten.")
            return False
        return bool(har)

    def slapp(self) -> None:
        if self._anslutning is not None:
            try:
                self._anslutning.execute(
                    text("SELECT pg_advisory_unlock(:nyckel, hashtext(current_schema()))"),
                    {"nyckel": PG_LASNYCKEL},
                )
            finally:
                self._anslutning.close()
                self._anslutning = None


class SqliteLas:
    """A lease row: SQLite has no lock that outlives a transaction without blocking every
    writer, so the holder renews a row with an expiry time; a crashed holder's lease runs out
    and the next scheduler takes over. Times are wall-clock UTC, not the injected clock."""

    def __init__(self, motor: Engine, agare: str, lopetid: timedelta) -> None:
        self.motor, self.agare, self.lopetid = motor, agare, lopetid

    def forsok(self) -> bool:
        return self._ta(bara_egen=False)

    def fornya(self) -> bool:
        return self._ta(bara_egen=True)

    def _ta(self, *, bara_egen: bool) -> bool:
        nu = datetime.now(UTC)
        with Session(self.motor) as s:  # BEGIN IMMEDIATE: one contender at a time
            rad = s.get(SchemalaggarlasRad, LASNAMN)
            if rad is None:
                if bara_egen:
                    return False
                rad = SchemalaggarlasRad(namn=LASNAMN, agare=self.agare, giltig_till=nu)
            elif rad.agare != self.agare and (bara_egen or rad.giltig_till > nu):
                return False
            rad.agare, rad.giltig_till = self.agare, nu + self.lopetid
            s.add(rad)
            s.commit()
            return True

    def slapp(self) -> None:
        with Session(self.motor) as s:
            rad = s.get(SchemalaggarlasRad, LASNAMN)
            if rad is not None and rad.agare == self.agare:
                s.delete(rad)
                s.commit()


def las_for(
    motor: Engine, agare: str | None = None, lopetid: timedelta | None = None
) -> Schemalaggarlas:
    if motor.dialect.name == "postgresql":
        return PostgresLas(motor)
    return SqliteLas(motor, agare or uuid4().hex, lopetid or timedelta(seconds=30))
