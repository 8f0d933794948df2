"""Write units of work for the edges: safe against concurrent writers, bounded in time.

An edge (action, web handler, CLI) that writes bookings runs the whole write through
``run_write_unit``; the booking functions it calls take that unit's session and check
that it holds the write lock (``require_write_lock``), so a write can never run
unguarded.


A booking write reads (is the slot free? which expert?) and then writes. On SQLite,
pysqlite starts transactions lazily at the first write, so the read runs on a snapshot
and the upgrade to a write lock fails *at once* with "database is locked" if another
connection committed in between — the busy timeout does not help there. ``write_scope``
therefore takes the write lock first (``BEGIN IMMEDIATE``): writers queue on the busy
timeout, each one reads the state the previous one committed, and the loser of a race
sees the slot taken instead of failing. Readers are not blocked (WAL).

On PostgreSQL writers do not queue: both may read "free", and the loser's insert into
``booking_slots`` raises a unique violation when the winner commits. ``run_write_unit``
retries the whole unit of work (``retrying``) and then sees the winner's rows.

Every write has a time budget (``BIZCALL_DB_WRITE_SECONDS``): the SQLite busy timeout and
PostgreSQL's ``lock_timeout`` of the unit of work are what is left of it, and no retry
starts after it is spent. A database that is locked too long, unreachable or read-only
raises ``StoreUnavailable`` — one transaction, rolled back, so nothing is half-written —
and the turn says so instead of holding the user (and a server thread) for minutes.

Only these units of work are changed; the shared engine and every other session keep
their defaults.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from bot.db.session import session_scope
from bot.settings import get_settings

ATTEMPTS: Final = 10
"""Retries of a unit of work that lost a race; each loss means another booking committed."""

SQLITE_BUSY_MS: Final = 30_000
"""The engine's own busy timeout (``bot.db.session``), restored after a bounded write."""

WRITE_LOCK: Final = "bizcall_write_lock"
"""``Session.info`` key set by ``write_scope``: this session took the write lock first."""

T = TypeVar("T")


class StoreUnavailable(RuntimeError):
    """The database did not take the write within the budget; nothing was written."""


def _deadline() -> float:
    return time.monotonic() + get_settings().db_write_seconds


def _left_ms(deadline: float) -> int:
    return max(1, int((deadline - time.monotonic()) * 1000))


@contextmanager
def write_scope(url: str | None = None, *, deadline: float | None = None) -> Iterator[Session]:
    """``session_scope`` holding the write lock from its first statement, waiting for it
    at most until ``deadline`` (``time.monotonic()``; default: the configured budget)."""
    deadline = _deadline() if deadline is None else deadline
    with session_scope(url) as session:
        session.info[WRITE_LOCK] = True
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {_left_ms(deadline)}")
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield session
            finally:  # the pooled connection goes back with the engine's own timeout
                with contextlib.suppress(DBAPIError):
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        else:
            if connection.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SET LOCAL lock_timeout = {_left_ms(deadline)}")
            yield session


def _is_lock_error(exc: OperationalError) -> bool:
    return "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)


def retrying(work: Callable[[float], T], *, attempts: int = ATTEMPTS) -> T:
    """Run ``work(deadline)`` (one whole unit of work) again when it lost a race.

    Retried while the budget lasts: unique violations (PostgreSQL's answer to two
    reservations of one slot, or a duplicate booking code) and SQLite lock timeouts.

    Raises:
        StoreUnavailable: the database stayed locked past the budget, or is unreachable
            or refuses writes (any other driver error); the transaction was rolled back.
        IntegrityError: still losing races after ``attempts`` tries.
    """
    deadline = _deadline()
    for attempt in range(1, attempts + 1):
        try:
            return work(deadline)
        except IntegrityError:
            if attempt == attempts:
                raise
        except OperationalError as exc:
            if not _is_lock_error(exc) or attempt == attempts or time.monotonic() >= deadline:
                raise StoreUnavailable(f"booking database unavailable: {exc.orig}") from exc
            time.sleep(0.05 * attempt)
        except DBAPIError as exc:  # connection lost mid-way, read-only file, …
            raise StoreUnavailable(f"booking database unavailable: {exc.orig}") from exc
    raise AssertionError("unreachable")  # pragma: no cover


def run_write_unit(work: Callable[[Session], T], *, url: str | None = None) -> T:
    """``work(session)`` in a ``write_scope``, the whole unit retried when it lost a race.

    ``work`` must be safe to run again: everything it did in a lost attempt was rolled
    back. Raises what ``retrying`` raises, and whatever ``work`` raises.
    """

    def attempt(deadline: float) -> T:
        with write_scope(url, deadline=deadline) as session:
            return work(session)

    return retrying(attempt)


def require_write_lock(*, session: Session) -> None:
    """Refuse to write bookings in a session that did not take the write lock first.

    Raises:
        RuntimeError: ``session`` was not opened by ``write_scope`` (``run_write_unit``);
            without the lock, concurrent writers on SQLite fail instead of queueing.
    """
    if not session.info.get(WRITE_LOCK):
        raise RuntimeError("booking writes need a write unit of work (bot.db.uow.run_write_unit)")
