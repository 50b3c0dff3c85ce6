"""The scheduler process: reminders about frister, by e-mail, exactly once; and the audit
chain's head published on the anslagstavla once a day, shortly after midnight Swedish time.

`make up` starts it beside the Prefect server (`python -m arende.entrypoints.schemalaggare`,
or `arende schemalaggare`). On start it waits for the scheduler lock (a second scheduler
against the same database waits here and sends nothing), recomputes the frister of every
open ärende, rebuilds the job store from the frist table, and then sends each reminder when
it is due. Every five minutes it reconciles again, so deadlines stored by the flow while it
runs get their jobs. If PREFECT_API_URL is set, each sent reminder also starts a run of the
`paminnelse/paminnelse` deployment, so it shows in the Prefect UI.

The publication is one job (id `publicera-kedjehuvud`) planned from its table like the
reminders from theirs: due at 00:05 Swedish time while the day's head is missing (at once,
on a start later in the day), otherwise the next day at 00:05.

The monthly gallring run is one job too (id `gallringsforslag`, off with
ARENDE_GALLRING_DAG=0): on that day of the month (the next vardag if it is none) at 07.00
it proposes for every nämnd with something new to propose, as the system, and tells the
nämnd's registratorer by e-mail (service_layer/gallring.py). A registrator decides.

With PREFECT_API_URL set it also runs the crash watch (arende.adapters.kraschvakt): a flow
run whose process died is started again by itself, at most three times in a row.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import smtplib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from types import FrameType

from pydantic import ValidationError

from arende.adapters.kraschvakt import Kraschvakt
from arende.adapters.prefect_api import tjanstens_klient
from arende.adapters.schemalaggning import (
    BEGARANSFUNKTION,
    GALLRINGSFUNKTION,
    GALLRINGSJOBB,
    KEDJEHUVUDFUNKTION,
    KEDJEHUVUDJOBB,
    Avstamning,
    Jobbplan,
    Schemalaggare,
    las_for,
)
from arende.bootstrap import Arendesystem, starta
from arende.config import Installningar
from arende.domain.datum import STOCKHOLM
from arende.domain.fel import ArendeFel
from arende.domain.gallring import (
    forsta_gallringskorning,
    kontrollera_gallringsdag,
    planerad_gallringskorning,
)
from arende.domain.kedjehuvud import nasta_publicering
from arende.domain.paminnelser import ESKALERING, kontrollera_ledtider
from arende.domain.utlamnande import STANDARD_PAMINNELSETIMMAR, kontrollera_timmar
from arende.service_layer.frister import uppdatera_alla_frister
from arende.service_layer.gallring import foresla_enligt_schema, meddela_forslag
from arende.service_layer.kedjehuvud import publicera_kedjehuvud, publicerat_for
from arende.service_layer.paminnelser import Utskick, planera_paminnelser, skicka_paminnelse
from arende.service_layer.ports import Brevlada
from arende.service_layer.utlamnande import (
    planera_begaranspaminnelser,
    skicka_begaranspaminnelse,
)

logger = logging.getLogger("arende.schemalaggare")

# Generous: a reminder due while the scheduler was down for up to a week is still sent
# (once) on start; older ones are no longer useful and are dropped.
SENT_GRANS = timedelta(days=7)
AVSTAMNINGSINTERVALL = timedelta(minutes=5)
OMFORSOK_SMTP = timedelta(minutes=15)
OMFORSOK_UPPGIFT = timedelta(days=1)
OMFORSOK_PUBLICERING = timedelta(minutes=15)


def systemtid() -> datetime:
    return datetime.now(UTC)


@contextmanager
def utan_cykelsamlaren() -> Iterator[None]:
    """Python's cycle collector paused while a reconciliation makes its objects: a few for
    each of a kommun's hundreds of thousands of jobs, none in a reference cycle (reference
    counting frees them), and the collector, set off by their number, walked them again and
    again for about half of a restart's time. Resumed afterwards, also on an error; left
    off if it was off."""
    var_pa = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if var_pa:
            gc.enable()


class Paminnelsetjanst:
    """The lock, the APScheduler instance and what a job does, wired to one database."""

    def __init__(
        self,
        system: Arendesystem,
        brevlada: Brevlada,
        ledtider: tuple[int, ...] | list[int],
        *,
        klocka: Callable[[], datetime] = systemtid,
        meddela: Callable[[Utskick], None] | None = None,
        vantetid: float = 2.0,
        lopetid: timedelta = timedelta(seconds=30),
        avstamningsintervall: timedelta = AVSTAMNINGSINTERVALL,
        agare: str | None = None,
        begaranstimmar: int = STANDARD_PAMINNELSETIMMAR,
        gallringsdag: int = 0,
    ) -> None:
        # Refused here, before the lock is taken or anything is stored.
        self.ledtider = kontrollera_ledtider(ledtider)
        self.begaranstimmar = kontrollera_timmar(begaranstimmar)
        self.gallringsdag = kontrollera_gallringsdag(gallringsdag)
        self.system, self.brevlada, self.klocka, self.meddela = system, brevlada, klocka, meddela
        self.vantetid, self.avstamningsintervall = vantetid, avstamningsintervall
        self.las = las_for(system.motor, agare, lopetid)
        self._hjartslag_intervall = lopetid.total_seconds() / 3
        self.schemalaggare = Schemalaggare(
            system.motor,
            klocka,
            self._utfor,
            SENT_GRANS,
            publicera=self._publicera,
            paminn_begaran=self._paminn_begaran,
            foresla_gallring=self._foresla_gallring,
        )
        self.skickade: list[Utskick] = []
        self._stopp = threading.Event()
        self._hjartslag: threading.Thread | None = None
        self.har_lasen = False

    def starta(self, avbryt: threading.Event | None = None) -> bool:
        """Wait for the lock, then reconcile and start sending. False if `avbryt` was set
        while waiting."""
        avbryt = avbryt or self._stopp
        if not self.las.forsok():
            logger.info("En annan schemaläggare skickar påminnelserna; väntar på låset.")
            while not self.las.forsok():
                if avbryt.wait(self.vantetid):
                    return False
        self.har_lasen = True
        logger.info("Schemaläggarlåset taget.")
        uppdaterade, fel = uppdatera_alla_frister(self.system.uow, self.system.beroenden)
        for dnr, meddelande in fel.items():
            logger.warning("Fristerna i %s kunde inte räknas om: %s", dnr, meddelande)
        avstamning = self.avstam()
        logger.info(
            "Frister omräknade i %d öppna ärenden; jobb: %d nya, %d flyttade, %d borttagna, "
            "%d oförändrade.",
            uppdaterade,
            avstamning.tillagda,
            avstamning.flyttade,
            avstamning.borttagna,
            avstamning.oforandrade,
        )
        self.schemalaggare.start()
        self._hjartslag = threading.Thread(
            target=self._hall_lasen, name="schemalaggarlas", daemon=True
        )
        self._hjartslag.start()
        return True

    def avstam(self) -> Avstamning:
        """Rebuild the job store from the frist table and the published heads (the truth)."""
        nu = self.klocka()
        with utan_cykelsamlaren():
            planerade = planera_paminnelser(
                self.system.uow(), self.system.kalender, self.ledtider, nu, SENT_GRANS
            )
            begaranden = planera_begaranspaminnelser(
                self.system.uow(), self.system.kalender, self.begaranstimmar, nu, SENT_GRANS
            )
            idag = nu.astimezone(STOCKHOLM).date()
            publicerat = publicerat_for(self.system.uow(), idag) is not None
            avstamning = self.schemalaggare.stam_av(
                [
                    *(Jobbplan(p.jobb_id, (p.frist_id, p.ledtid), p.tid) for p in planerade),
                    Jobbplan(
                        KEDJEHUVUDJOBB,
                        (),
                        nasta_publicering(nu, publicerat),
                        "publicera granskningsloggens huvud",
                        KEDJEHUVUDFUNKTION,
                    ),
                    *(
                        Jobbplan(
                            b.jobb_id,
                            (b.begaran_id,),
                            b.tid,
                            "påminn om begäran om allmän handling",
                            BEGARANSFUNKTION,
                        )
                        for b in begaranden
                    ),
                    *(
                        [
                            Jobbplan(
                                GALLRINGSJOBB,
                                (),
                                planerad_gallringskorning(
                                    nu, self.gallringsdag, self.system.kalender, SENT_GRANS
                                ),
                                "föreslå gallring för varje nämnd",
                                GALLRINGSFUNKTION,
                            )
                        ]
                        if self.gallringsdag
                        else []
                    ),
                ]
            )
            # Freed while the collector is still paused: all made since the pause are its
            # youngest generation, and it would walk every one of them once when it resumed.
            del planerade
        return avstamning

    def bearbeta(self) -> None:
        """Send what is due by the clock now (the thread does this by itself; tests that move
        the clock call it to not wait for the thread)."""
        self.schemalaggare.bearbeta()

    def stoppa(self) -> None:
        self._stopp.set()
        if self.schemalaggare.running:
            self.schemalaggare.shutdown(wait=True)
        if self._hjartslag is not None:
            self._hjartslag.join()
        if self.har_lasen:
            self.las.slapp()
            self.har_lasen = False

    def _hall_lasen(self) -> None:
        """Renew the lease; reconcile now and then. If the lock is lost (a lease that ran
        out while the process hung), stop sending until it is ours again."""
        senast = datetime.now(UTC)
        while not self._stopp.wait(self._hjartslag_intervall):
            if not self.las.fornya():
                self.har_lasen = False
                self.schemalaggare.pause()
                logger.warning("Schemaläggarlåset förlorades; väntar på det igen.")
                while not self.las.forsok():
                    if self._stopp.wait(self.vantetid):
                        return
                self.har_lasen = True
                self.schemalaggare.resume()
            if datetime.now(UTC) - senast >= self.avstamningsintervall:
                senast = datetime.now(UTC)
                try:
                    self.avstam()
                except Exception:
                    logger.exception("Avstämningen av påminnelsejobben misslyckades.")

    def _utfor(self, frist_id: int, ledtid: int) -> datetime | None:
        nu = self.klocka()
        if not self.har_lasen or not self.las.fornya():
            return nu + timedelta(minutes=1)  # not ours to send now; keep the job
        try:
            utskick = skicka_paminnelse(
                frist_id,
                ledtid,
                self.system.uow(),
                self.brevlada,
                self.system.kalender,
                self.ledtider,
                nu,
            )
        except (OSError, smtplib.SMTPException) as fel:
            logger.warning(
                "E-postservern tog inte emot påminnelsen (frist %s, %s): %s. Nytt försök om "
                "%d minuter.",
                frist_id,
                "eskalering" if ledtid == ESKALERING else f"{ledtid} vardagar",
                fel,
                OMFORSOK_SMTP.seconds // 60,
            )
            return nu + OMFORSOK_SMTP
        except ArendeFel as fel:
            logger.warning("Påminnelsen (frist %s) kan inte skickas: %s", frist_id, fel)
            return nu + OMFORSOK_UPPGIFT
        if utskick.skickad:
            logger.info(
                "Påminnelse skickad i %s (frist %s, ledtid %s).", utskick.dnr, frist_id, ledtid
            )
            self.skickade.append(utskick)
            if self.meddela is not None:
                try:
                    self.meddela(utskick)
                except Exception:  # the mail went out; the UI is a courtesy
                    logger.exception("Påminnelsen kunde inte visas i Prefect.")
        return None

    def _paminn_begaran(self, begaran_id: int) -> datetime | None:
        """Remind of an open request for allmän handling; None when done (sent, or no
        longer due: decided, or reminded already)."""
        nu = self.klocka()
        if not self.har_lasen or not self.las.fornya():
            return nu + timedelta(minutes=1)
        try:
            utskick = skicka_begaranspaminnelse(
                begaran_id,
                self.system.uow(),
                self.brevlada,
                self.system.kalender,
                self.begaranstimmar,
                nu,
            )
        except (OSError, smtplib.SMTPException) as fel:
            logger.warning(
                "E-postservern tog inte emot påminnelsen om begäran %s: %s. Nytt försök om "
                "%d minuter.",
                begaran_id,
                fel,
                OMFORSOK_SMTP.seconds // 60,
            )
            return nu + OMFORSOK_SMTP
        except ArendeFel as fel:
            logger.warning("Påminnelsen om begäran %s kan inte skickas: %s", begaran_id, fel)
            return nu + OMFORSOK_UPPGIFT
        if utskick.skickad:
            logger.info("Påminnelse om begäran om allmän handling skickad i %s.", utskick.dnr)
        return None

    def _foresla_gallring(self) -> datetime | None:
        """The monthly run: propose for every nämnd, then tell the registratorer of each
        proposal not yet told. Returns when to run next: next month, or sooner again if the
        mail server or the grunddata stood in the way (what was proposed stays proposed and
        is told then; a rerun proposes nothing twice)."""
        nu = self.klocka()
        if not self.har_lasen or not self.las.fornya():
            return nu + timedelta(minutes=1)  # not ours to run now
        try:
            gjorda = foresla_enligt_schema(
                self.system.uow,
                self.system.utfor,
                self.system.plan,
                nu.astimezone(STOCKHOLM).date(),
            )
            for g in gjorda:
                logger.info(
                    "Gallringsförslag %d för %s: %d handlingar.", g.forslag, g.namnd, g.antal
                )
            meddela_forslag(self.system.uow, self.brevlada, nu)
        except (OSError, smtplib.SMTPException) as fel:
            logger.warning(
                "E-postservern tog inte emot meddelandet om gallringsförslaget: %s. Nytt försök "
                "om %d minuter.",
                fel,
                OMFORSOK_SMTP.seconds // 60,
            )
            return nu + OMFORSOK_SMTP
        except ArendeFel as fel:
            logger.warning("Gallringskörningen kunde inte slutföras: %s", fel)
            return nu + OMFORSOK_UPPGIFT
        return forsta_gallringskorning(
            nu + timedelta(minutes=1), self.gallringsdag, self.system.kalender
        )

    def _publicera(self) -> datetime:
        """Publish today's head; returns when to run next (tomorrow, or soon again)."""
        nu = self.klocka()
        if not self.har_lasen or not self.las.fornya():
            return nu + timedelta(minutes=1)  # not ours to publish now
        try:
            publicering = publicera_kedjehuvud(self.system.uow(), nu.astimezone(STOCKHOLM).date())
        except Exception:  # the database, most likely: the next try may find it back
            logger.exception(
                "Kedjehuvudet kunde inte publiceras; nytt försök om %d minuter.",
                OMFORSOK_PUBLICERING.seconds // 60,
            )
            return nu + OMFORSOK_PUBLICERING
        h = publicering.huvud
        if publicering.ny:
            logger.info(
                "Kedjehuvudet för %s publicerat: löpnummer %d, sha256 %s.",
                h.datum.isoformat(),
                h.sekvens,
                h.hash,
            )
        return nasta_publicering(nu, publicerat_idag=True)


def prefect_anmalan(api_url: str | None) -> Callable[[Utskick], None] | None:
    """Start a run of the `paminnelse` deployment for each sent reminder, over Prefect's REST
    API (nothing in arende imports Prefect). None without a Prefect server."""
    if not api_url:
        return None
    bas = api_url.rstrip("/")

    def anmal(utskick: Utskick) -> None:
        with tjanstens_klient(bas) as klient:
            svar = klient.get("/deployments/name/paminnelse/paminnelse")
            svar.raise_for_status()
            # A busy Prefect server answers 503 now and then (its SQLite database locked):
            # try again a few times before giving up on showing the reminder.
            for forsok in range(5):
                skapad = klient.post(
                    f"/deployments/{svar.json()['id']}/create_flow_run",
                    json={
                        "parameters": {"paminnelse_id": utskick.paminnelse_id},
                        "tags": ["påminnelse", f"ärende:{utskick.dnr}"],
                    },
                )
                if skapad.status_code < 500 or forsok == 4:
                    skapad.raise_for_status()
                    return
                time.sleep(1 + forsok)

    return anmal


def skapa_tjanst(system: Arendesystem | None = None) -> Paminnelsetjanst:
    system = system or starta()
    return Paminnelsetjanst(
        system,
        system.brevlada,
        Installningar().paminnelse_ledtider,
        begaranstimmar=Installningar().begaran_paminnelse_timmar,
        gallringsdag=Installningar().gallring_dag,
        meddela=prefect_anmalan(os.environ.get("PREFECT_API_URL")),
    )


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        tjanst = skapa_tjanst()
    except ArendeFel as fel:
        print(f"Fel: {fel}", file=sys.stderr)
        return 2
    except ValidationError as fel:
        fel_text = "; ".join(
            f"ARENDE_{'_'.join(map(str, e['loc'])).upper()}: "
            f"{e['msg'].removeprefix('Value error, ')}"
            for e in fel.errors()
        )
        print(f"Fel: felaktig inställning: {fel_text}", file=sys.stderr)
        return 2
    stopp = threading.Event()

    def _stoppa(_signal: int, _ram: FrameType | None) -> None:
        # Not stopp.set() here: the handler runs in the main thread, possibly inside
        # stopp.wait() while it holds the event's lock, and set() would wait for that same
        # lock forever (seen: `make up` stopped with Ctrl-C left the scheduler running).
        threading.Thread(target=stopp.set, name="stopp", daemon=True).start()

    signal.signal(signal.SIGTERM, _stoppa)
    signal.signal(signal.SIGINT, _stoppa)
    if not tjanst.starta(stopp):
        return 0
    if api_url := os.environ.get("PREFECT_API_URL"):
        # The lock's holder also restarts crashed flow runs (arende.adapters.kraschvakt).
        vakt = threading.Thread(
            target=Kraschvakt(api_url).vakta, args=(stopp,), name="kraschvakt", daemon=True
        )
        vakt.start()
    ledtider = ", ".join(map(str, tjanst.ledtider))
    print(f"Schemaläggaren skickar påminnelser {ledtider} vardagar före varje frist.")
    if tjanst.gallringsdag:
        print(
            f"Den föreslår gallring för varje nämnd dag {tjanst.gallringsdag} i månaden "
            "(nästa vardag om den inte är en) kl. 07.00."
        )
    stopp.wait()
    tjanst.stoppa()
    return 0


if __name__ == "__main__":
    sys.exit(main())
