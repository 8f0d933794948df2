"""Database layer: models, one engine per URL built on first use, sessions per unit of work."""

from bot.db.session import get_engine, session_scope

__all__ = ["get_engine", "session_scope"]
