"""Engines and sessions.

rasa-sdk imports every action module once and shares one instance of each
action between all users, so nothing here connects at import time: the engine
is created on first use and cached per URL, and every unit of work gets its own
short-lived session.

Who opens a session: only the edge — an action, a web handler, a CLI command, a script
or a test. Query and service functions below it (``bot/catalog/queries.py``, ``bot/booking/``,
``bot/console/``) take the caller's ``session`` and never open one, so one unit of work can
span several of them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import get_settings

T = TypeVar("T")


class CommittedOutcome(Exception):
    """A refusal whose unit of work is committed, not rolled back, before it propagates.

    For an outcome that must leave a record behind although the caller hears "no": a
    failed booking lookup counts towards the lookup limits (``bot.booking.lookups``).
    Raise it only when whatever the unit wrote so far should stand.
    """


@functools.lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """Return the process-wide engine for ``url`` (default: the configured database).

    Args:
        url: any SQLAlchemy URL; ``None`` means ``BIZCALL_DATABASE_URL`` or the
            embedded SQLite file under ``var/``.
    """
    url = url or get_settings().database_url
    kwargs: dict[str, Any] = {"future": True, "pool_pre_ping": True}
    if url.startswith("sqlite"):
        db_path = url.split("///", 1)[-1]
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        # The action server answers from several threads; SQLite must allow that.
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    elif url.startswith("postgresql"):
        # An unreachable server fails the unit of work in seconds instead of hanging it.
        kwargs["connect_args"] = {"connect_timeout": 5}
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


@functools.lru_cache(maxsize=8)
def _session_factory(url: str | None) -> sessionmaker:
    return sessionmaker(bind=get_engine(url), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """One unit of work: commit on success or a ``CommittedOutcome``, roll back on any
    other error, always close."""
    session: Session = _session_factory(url)()
    try:
        yield session
        session.commit()
    except CommittedOutcome:
        session.commit()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def run_unit(work: Callable[[Session], T], *, url: str | None = None) -> T:
    """``work(session)`` as one unit of work; for edges that hand a callable to a thread."""
    with session_scope(url) as session:
        return work(session)
