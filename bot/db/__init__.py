"""Database layer: models, one engine per URL built on first use, sessions per unit of work."""

from bot.db.session import CommittedOutcome, get_engine, run_unit, session_scope

__all__ = ["CommittedOutcome", "get_engine", "run_unit", "session_scope"]
