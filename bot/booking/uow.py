"""Units of work that write bookings, safe against concurrent writers on both databases.

A booking write reads (is the slot free? which expert?) and then writes. On SQLite,
pysqlite starts transactions lazily at the first write, so the read runs on a snapshot
and the upgrade to a write lock fails *at once* with "database is locked" if another
connection committed in between — the busy timeout does not help there. ``write_scope``
therefore takes the write lock first (``BEGIN IMMEDIATE``): writers queue on the busy
timeout, each one reads the state the previous one committed, and the loser of a race
sees the slot taken instead of failing. Readers are not blocked (WAL).

On PostgreSQL writers do not queue: both may read "free", and the loser's insert into
``booking_slots`` raises a unique violation when the winner commits. The service retries
the whole unit of work (``retrying``) and then sees the winner's rows.

Only these units of work are changed; the shared engine and every other session keep
pysqlite's default behaviour.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final, TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from bot.db.session import session_scope

ATTEMPTS: Final = 10
"""Retries of a unit of work that lost a race; each loss means another booking committed."""

T = TypeVar("T")


@contextmanager
def write_scope(url: str | None = None) -> Iterator[Session]:
    """``session_scope`` that holds the database's write lock from its first statement on SQLite."""
    with session_scope(url) as session:
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield session


def _is_lock_error(exc: OperationalError) -> bool:
    return "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)


def retrying(work: Callable[[], T], *, attempts: int = ATTEMPTS) -> T:
    """Run ``work`` (one whole unit of work) again when it lost a race.

    Retried: unique violations (PostgreSQL's answer to two reservations of one slot, or a
    duplicate booking code) and SQLite lock timeouts. The last failure is re-raised.
    """
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except IntegrityError:
            if attempt == attempts:
                raise
        except OperationalError as exc:
            if not _is_lock_error(exc) or attempt == attempts:
                raise
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")  # pragma: no cover
