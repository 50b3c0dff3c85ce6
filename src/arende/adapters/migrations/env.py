"""Alembic environment: runs against ARENDE_DATABASE_URL (or the URL set by the caller)."""

from alembic import context
from sqlmodel import SQLModel

import arende.adapters.tabeller  # noqa: F401  (registers the tables on the metadata)
from arende.adapters.databas import i_modellen, skapa_motor

konfig = context.config
url = konfig.get_main_option("sqlalchemy.url")
assert url, "sqlalchemy.url saknas i Alembic-konfigurationen"

motor = skapa_motor(url)
with motor.connect() as anslutning:
    context.configure(
        connection=anslutning,
        target_metadata=SQLModel.metadata,
        render_as_batch=anslutning.dialect.name == "sqlite",
        include_name=i_modellen,  # the full-text index and the job store are not in the model
    )
    with context.begin_transaction():
        context.run_migrations()
motor.dispose()
