"""Settings from ARENDE_* environment variables (and a .env file, if present)."""

from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJEKTROT = Path(__file__).resolve().parents[2]


class Installningar(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARENDE_", env_file=".env", extra="ignore")

    database_url: str = f"sqlite:///{PROJEKTROT / 'var' / 'arende.db'}"
    grunddata: Path = PROJEKTROT / "deployments" / "grunddata.toml"
    template_dir: Path = PROJEKTROT / "templates"
    # Registered documents (handlingar): handling.fil and handling.pdf_fil are relative to it.
    arkiv_dir: Path = PROJEKTROT / "var" / "handlingar"

    @field_validator("database_url")
    @classmethod
    def _kand_databas(cls, varde: str) -> str:
        if not varde.startswith(("sqlite", "postgresql")):
            raise ValueError(
                "måste vara en SQLite- eller PostgreSQL-adress, "
                "t.ex. sqlite:///var/arende.db eller postgresql+psycopg://user@host/db"
            )
        return varde
