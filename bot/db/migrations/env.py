"""Alembic environment: runs migrations online against the configured URL."""

from __future__ import annotations

from alembic import context

from bot.db.models import Base
from bot.db.session import get_engine

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Migrate through the engine the app uses; SQLite needs batch mode to alter tables."""
    engine = get_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
