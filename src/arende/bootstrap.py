"""The one place that wires concrete adapters to the service layer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from sqlalchemy import Engine

from arende.adapters import intyg
from arende.adapters.arendetypfil import las_arendetyper
from arende.adapters.arkiv import Filarkiv
from arende.adapters.bildmaskering import maskerad_kopia_bild
from arende.adapters.databas import skapa_motor, uppgradera
from arende.adapters.dokumentmallar import Wordmallar
from arende.adapters.epost import SmtpBrevlada
from arende.adapters.fragebatterifil import las_fragebatteri_for
from arende.adapters.grunddatafil import las_grunddata
from arende.adapters.helgdagar import SvenskaHelgdagar
from arende.adapters.informationshanteringsplanfil import las_plan
from arende.adapters.klocka import Systemklocka
from arende.adapters.mallar import Textmallar
from arende.adapters.pdf import LibreOfficePdf
from arende.adapters.postko import Postko
from arende.adapters.prefect_historik import PrefectRestHistorik
from arende.adapters.sigill import PadesSigill
from arende.adapters.svarsmall import WordSvarsmall, las_svarsmall
from arende.adapters.textlasning import OcrTextlasare
from arende.adapters.unit_of_work import SqlUnitOfWork
from arende.adapters.verksamhetsplanimport import importera_verksamhetsplan
from arende.config import Installningar
from arende.domain.arendetyp import Arendetyp
from arende.domain.fel import TjanstSaknas
from arende.domain.gallring import Informationshanteringsplan
from arende.domain.handelser import Handelse
from arende.domain.handling import Handlingstyp
from arende.domain.inloggning import Inloggning
from arende.domain.kalender import Helgdagskalender
from arende.domain.sammantrade.omrostning import Lottning
from arende.service_layer.grunddata import las_in_grunddata
from arende.service_layer.handlingar import Dokumentverk
from arende.service_layer.kommandon import Kommando
from arende.service_layer.ports import Fragekalla, Klocka, PdfOmvandlare, Plantolk, Sigill
from arende.service_layer.regler import REGLER, Regler, regeluppsattningar
from arende.service_layer.steg import Beroenden
from arende.service_layer.utforare import Utforare
from arende.service_layer.visningsportar import Korningshistorik


@dataclass
class Arendesystem:
    motor: Engine
    klocka: Klocka = field(default_factory=Systemklocka)
    kalender: Helgdagskalender = field(default_factory=SvenskaHelgdagar)

    # ARENDE_TEMPLATE_DIR: a kommun's own templates (its letterhead), same field names.
    mallkatalog: Path = field(default_factory=lambda: Installningar().template_dir)
    arkiv: Filarkiv = field(default_factory=lambda: Filarkiv(Installningar().arkiv_dir))
    # ARENDE_INKORG_DIR: the inbox folder, and beside it the e-mail waiting for a dnr.
    inkorg: Path = field(default_factory=lambda: Installningar().inkorg_dir)
    pdf: PdfOmvandlare = field(default_factory=LibreOfficePdf)
    # The nämnd's seal on the justerat protokoll; None: the justering draws up the Word file
    # only (tests that do not look at the sealed PDF). `starta` wires the configured one.
    sigill: Sigill | None = None
    # The largest file that may come in, in bytes (ARENDE_INKOMMANDE_STORSTA_MB).
    storsta_inkommande: int = field(
        default_factory=lambda: Installningar().inkommande_storsta_mb << 20
    )
    # The draw at a tied vote in val and anställning; None: the system's random source.
    # A test sets a seeded one to know the outcome.
    lottning: Lottning | None = None

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.motor)

    @property
    def postko(self) -> Postko:
        """The e-mail to the registrator that names no ärende, waiting to be registered."""
        return Postko(self.inkorg)

    @property
    def mallar(self) -> Textmallar:
        return Textmallar(self.mallkatalog)

    @property
    def typer(self) -> dict[str, Arendetyp]:
        return las_typer(Installningar().arendetyper_dir, self.mallkatalog)

    @property
    def plan(self) -> Informationshanteringsplan:
        """The classification and informationshanteringsplan, checked against the ärendetyper
        and the handlingstyper: a plan that leaves one out stops the start."""
        return las_informationshanteringsplan(
            Installningar().informationshanteringsplan,
            Installningar().arendetyper_dir,
            self.mallkatalog,
        )

    @property
    def dokument(self) -> Dokumentverk:
        return Dokumentverk(
            Wordmallar(self.mallkatalog), self.arkiv, self.kalender, self.typer, self.regler
        )

    @property
    def regler(self) -> dict[str, Regler]:
        """The ärendetypers' rule sets, with the adapters they need (the plan importer)."""
        return regeluppsattningar(self.plantolk)

    @property
    def plantolk(self) -> Plantolk:
        """Reads a verksamhetsplan's text into its structure."""
        return importera_verksamhetsplan

    @property
    def fragor(self) -> Fragekalla:
        """The award year's question set (ARENDE_FRAGOR_DIR), read when asked for."""
        return partial(las_fragebatteri_for, Installningar().fragor_dir)

    @property
    def svarsmall(self) -> WordSvarsmall:
        """The empty answer template of a question set: its file name and its Word file."""
        return WordSvarsmall()

    @property
    def brevlada(self) -> SmtpBrevlada:
        """The kommun's mail server (ARENDE_SMTP_*): reminders and notices of waiting work."""
        inst = Installningar()
        return SmtpBrevlada(
            inst.smtp_host,
            inst.smtp_port,
            inst.smtp_from,
            inst.smtp_user,
            inst.smtp_password.get_secret_value(),
        )

    @property
    def textlasare(self) -> OcrTextlasare:
        """Reads a document's text: Word, a PDF's text layer, OCR of a scan, e-mail."""
        return OcrTextlasare()

    def kontrollera_intyg(self, intygstext: str, bunden_till: Mapping[str, str]) -> Inloggning:
        """The verified login behind the login gate's intyg for one act (adapters/intyg.py)."""
        nyckel = Installningar().intygsnyckel_publik
        if not nyckel.is_file():
            raise TjanstSaknas(
                f"Inloggningens publika nyckel saknas ({nyckel}; ARENDE_INTYGSNYCKEL_PUBLIK): "
                "ingen inloggning kan styrkas. `make up` skapar den."
            )
        return intyg.kontrollera(nyckel.read_bytes(), intygstext, bunden_till)

    def korningshistorik(self, api_url: str | None = None) -> Korningshistorik:
        """Prefect's run states of the ärenden, read over HTTP from the API at api_url (the
        flows pass Prefect's own setting; nothing in arende imports Prefect)."""
        return PrefectRestHistorik(api_url)

    @property
    def beroenden(self) -> Beroenden:
        return Beroenden(
            klocka=self.klocka,
            kalender=self.kalender,
            dokument=self.dokument,
            typer=self.typer,
            regler=self.regler,
            fragor=self.fragor,
            plantolk=self.plantolk,
            svarsmallslasare=las_svarsmall,
            pdf=self.pdf,
            sigill=self.sigill,
            storsta_inkommande=self.storsta_inkommande,
            textlasare=self.textlasare,
            bildmaskering=maskerad_kopia_bild,
            kammarratt=Installningar().kammarratt,
            plan=self.plan,
            **({"lottning": self.lottning} if self.lottning is not None else {}),
        )

    def utfor(self, kommando: Kommando) -> list[Handelse]:
        """Take a command through the one runner; returns its events."""
        return Utforare(self.uow, self.beroenden)(kommando)


@cache
def las_typer(katalog: Path, mallkatalog: Path) -> dict[str, Arendetyp]:
    """The ärendetyper, read and checked once per process: a broken one stops the start."""
    return las_arendetyper(katalog, mallkatalog=mallkatalog, regler=REGLER)


@cache
def las_informationshanteringsplan(
    fil: Path, typkatalog: Path, mallkatalog: Path
) -> Informationshanteringsplan:
    """The plan, read and checked once per process, against the ärendetyper the system runs
    and every handlingstyp it makes."""
    return las_plan(
        fil,
        arendetyper=las_typer(typkatalog, mallkatalog),
        handlingstyper=[t.value for t in Handlingstyp],
    )


@cache
def _motor(url: str, migrera: bool) -> Engine:
    # Once per process and database: upgrading the schema is idempotent but not free.
    if migrera:
        uppgradera(url)
    return skapa_motor(url)


def sigill(installningar: Installningar | None = None) -> PadesSigill:
    """The nämnd's seal as configured (ARENDE_SIGILL_*)."""
    inst = installningar or Installningar()
    return PadesSigill(
        inst.sigillkatalog,
        inst.sigill_losenord.get_secret_value(),
        inst.sigill_rotcertifikat,
        testrot=inst.sigill_testrot,
    )


def starta(database_url: str | None = None, *, migrera: bool = True) -> Arendesystem:
    return Arendesystem(
        _motor(database_url or Installningar().database_url, migrera), sigill=sigill()
    )


def ladda_grunddata(system: Arendesystem, fil: Path | None = None) -> None:
    data = las_grunddata(fil or Installningar().grunddata)
    las_in_grunddata(system.uow(), data.namnder, data.personer, data.utmarkelsear)
