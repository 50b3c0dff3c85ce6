"""Settings from ARENDE_* environment variables (and a .env file, if present)."""

from pathlib import Path
from typing import Annotated

from pydantic import SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJEKTROT = Path(__file__).resolve().parents[2]


class Installningar(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARENDE_", env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{PROJEKTROT / 'var' / 'arende.db'}"
    # The public site's own read-only access (a PostgreSQL role with SELECT only); empty:
    # database_url, opened read-only.
    publik_database_url: str = ""
    grunddata: Path = PROJEKTROT / "deployments" / "grunddata.toml"
    template_dir: Path = PROJEKTROT / "templates"
    # Registered documents (handlingar): handling.fil and handling.pdf_fil are relative to it.
    arkiv_dir: Path = PROJEKTROT / "var" / "handlingar"
    # The award's question sets, one file per year (kvalitetsutmarkelsen_ÅR.toml).
    fragor_dir: Path = PROJEKTROT / "deployments" / "fragor"
    # The ärendetyper the engine runs, one definition file each (deployments/arendetyper/).
    arendetyper_dir: Path = PROJEKTROT / "deployments" / "arendetyper"
    # The nämnd's classification and informationshanteringsplan (README "Klassificering och
    # gallring"): read and checked at start with the ärendetyper.
    informationshanteringsplan: Path = (
        PROJEKTROT / "deployments" / "informationshanteringsplan.toml"
    )
    # Where a browser reaches that folder (`make up` serves it); empty: file:// links.
    arkiv_url: str = ""

    # The login gate in front of Prefect (arende.entrypoints.grind, README "Inloggning").
    # It signs an intyg for every act of a signed-in person with the private key; the flows
    # check it with the public one. `make up` makes a pair under var/grind if there is none.
    intygsnyckel: Path = PROJEKTROT / "var" / "grind" / "intyg.pem"
    intygsnyckel_publik: Path = PROJEKTROT / "var" / "grind" / "intyg-publik.pem"
    # The kommun's OpenID Connect provider (Azure AD/Entra ID, ADFS, Keycloak ...): its
    # issuer URL (discovery at /.well-known/openid-configuration) and this system's client.
    oidc_utfardare: str = ""
    oidc_klient_id: str = "arende"
    oidc_klient_hemlighet: SecretStr = SecretStr("")
    # Which claim of the ID token names the person in the register (by her e-post).
    oidc_epost_anspraak: str = "email"
    # Where people reach the gate (links in e-mails, the login's redirect URI).
    grind_url: str = "http://127.0.0.1:4200"
    # Signs the session cookie; set a long random value in production.
    grind_sessionsnyckel: SecretStr = SecretStr("")
    # The service credential of workers, runners, the scheduler and the CLI: the same value
    # as their PREFECT_API_AUTH_STRING ('tjanst:<long random secret>'). Never a person's.
    tjanstekonto: SecretStr = SecretStr("")

    # The nämnd's seal on the justerat protokoll (PAdES): one PKCS#12 file per nämnd in
    # sigill_dir (Socialtjanstnamnden.p12; default var/sigill, beside the archive), opened
    # with sigill_losenord, and validated against the root certificates in
    # sigill_rotcertifikat (PEM files, "a.pem,b.pem"). With sigill_testrot a local test CA
    # (testrot.pem) and the nämnd's seal are made there when missing: for development and
    # tests, never in production (ARENDE_SIGILL_TESTROT=false).
    sigill_dir: Path | None = None
    sigill_losenord: SecretStr = SecretStr("")
    sigill_rotcertifikat: Annotated[list[Path], NoDecode] = []
    sigill_testrot: bool = True

    @field_validator("sigill_rotcertifikat", mode="before")
    @classmethod
    def _rotcertifikat(cls, varde: object) -> object:
        if isinstance(varde, str):
            return [Path(del_.strip()) for del_ in varde.split(",") if del_.strip()]
        return varde

    @property
    def sigillkatalog(self) -> Path:
        return self.sigill_dir or self.arkiv_dir.parent / "sigill"

    # Reminders about frister go out by SMTP (stdlib smtplib). With a user, the connection
    # is upgraded with STARTTLS when the server offers it, then logged in.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_from: str = "arende@stockholm.example"
    # What comes in (README "Registratorns inkorg"): the largest file taken in, in MB (an
    # e-mail may be about 1.4 times this, for its base64); the inbox folder the inbox
    # loop polls and the e-mail receiver writes to; the receiver's address and port (the
    # kommun's mail server forwards the registrator's address there) and the addresses it
    # takes mail for.
    inkommande_storsta_mb: int = 100
    inkorg_dir: Path = PROJEKTROT / "var" / "inkorg"
    # Where earlier documents are put for the import flow (flows/aldre_handlingar.py) to
    # read: the form names a file in this folder, never a path elsewhere.
    import_dir: Path = PROJEKTROT / "var" / "import"
    epostmottagare_host: str = "127.0.0.1"
    epostmottagare_port: int = 2525
    registrator_epost: Annotated[list[str], NoDecode] = ["registrator@stockholm.example"]

    @field_validator("registrator_epost", mode="before")
    @classmethod
    def _registratorsadresser(cls, varde: object) -> object:
        if isinstance(varde, str):
            varde = [del_.strip() for del_ in varde.split(",") if del_.strip()]
        if isinstance(varde, list):
            for adress in varde:
                if not isinstance(adress, str) or "@" not in adress or " " in adress:
                    raise ValueError(f"'{adress}' är ingen e-postadress")
            if not varde:
                raise ValueError("ange minst en adress, t.ex. registrator@kommun.se")
        return varde

    @field_validator("inkommande_storsta_mb")
    @classmethod
    def _storsta(cls, varde: int) -> int:
        if varde < 1:
            raise ValueError("största fil måste vara minst 1 MB")
        return varde

    # Seconds a run waits for an answer in its own process before it suspends
    # (flows/vantan.py); 0 suspends at once.
    varm_vantan: float = 300
    # At most this many runs wait warm at once; the others suspend at once.
    varma_hogst: int = 20
    # Vardagar before a frist that a reminder goes out: "10,5,1" or "[10, 5, 1]".
    paminnelse_ledtider: Annotated[list[int], NoDecode] = [10, 5, 1]

    @field_validator("paminnelse_ledtider", mode="before")
    @classmethod
    def _ledtider(cls, varde: object) -> object:
        if isinstance(varde, str):
            text = varde.strip().strip("[]")
            try:
                varde = [int(del_) for del_ in text.split(",") if del_.strip()]
            except ValueError:
                raise ValueError(
                    f"ange vardagar som heltal, t.ex. 10,5,1 (inte '{varde}')"
                ) from None
        if isinstance(varde, list) and any(isinstance(v, int) and v < 1 for v in varde):
            raise ValueError("varje ledtid måste vara minst en vardag före fristen")
        if isinstance(varde, list) and not varde:
            raise ValueError("ange minst en ledtid, t.ex. 10,5,1")
        return varde

    # Utlämnande of allmän handling: working hours (vardagar 08-17) before an open request
    # is reminded, though always the same working day, by 16.00 (domain.utlamnande.
    # paminnelsetid), and the kammarrätt a refusal is appealed to (OSL 6 kap. 7 §).
    begaran_paminnelse_timmar: int = 4
    kammarratt: str = "Kammarrätten i Stockholm"

    @field_validator("begaran_paminnelse_timmar")
    @classmethod
    def _begaranstimmar(cls, varde: int) -> int:
        if varde < 1:
            raise ValueError("påminnelsen om en begäran går efter minst en arbetstimme")
        return varde

    # The monthly gallring run (README "Klassificering och gallring"): the day of the month
    # (1-28; the next vardag if it is none) on which the scheduler proposes gallring for
    # every nämnd and tells its registratorer by e-mail; 0 turns it off.
    gallring_dag: int = 1

    @field_validator("gallring_dag")
    @classmethod
    def _gallringsdag(cls, varde: int) -> int:
        if not 0 <= varde <= 28:
            raise ValueError(
                "ange en dag i månaden 1–28 för gallringskörningen, eller 0 för att stänga av den"
            )
        return varde

    @field_validator("smtp_from")
    @classmethod
    def _avsandare(cls, varde: str) -> str:
        if "@" not in varde or " " in varde.strip():
            raise ValueError(f"'{varde}' är ingen e-postadress")
        return varde.strip()

    @field_validator("database_url", "publik_database_url")
    @classmethod
    def _kand_databas(cls, varde: str, info: ValidationInfo) -> str:
        if info.field_name == "publik_database_url" and not varde:
            return varde
        if not varde.startswith(("sqlite", "postgresql")):
            raise ValueError(
                "måste vara en SQLite- eller PostgreSQL-adress, "
                "t.ex. sqlite:///var/arende.db eller postgresql+psycopg://user@host/db"
            )
        return varde
