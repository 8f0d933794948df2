"""A database that is locked too long or unreachable: the booking fails cleanly, at once.

Real faults, not doubles: another connection holds the write lock (SQLite) or an
exclusive table lock (PostgreSQL) past the write budget, or nothing listens at the
database's address. The write must raise ``StoreUnavailable`` instead of waiting for
minutes, leave no row behind, and succeed once the lock is gone.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.booking import writes
from bot.db import session_scope
from bot.db.models import Booking
from bot.db.uow import StoreUnavailable
from bot.runner import free_port
from tests.support.booking import write
from tests.support.db_faults import locked

Details = Callable[..., dict[str, Any]]


def _count(url: str) -> int:
    with session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(Booking)) or 0)


def test_a_lock_held_past_the_budget_fails_cleanly_and_the_retry_books_once(
    any_booking_db: str, details: Details, one_second_budget: None
) -> None:
    url = any_booking_db
    with locked(url), pytest.raises(StoreUnavailable, match="unavailable"):
        write(writes.create_booking, **details(url=url))
    assert _count(url) == 0  # nothing half-written
    info = write(writes.create_booking, **details(url=url))
    assert _count(url) == 1 and info.code.startswith("BZ-")


def test_a_short_lock_is_waited_for_not_failed(booking_db: str, details: Details) -> None:
    """A writer that finishes within the budget only delays the booking."""
    release = threading.Event()
    holding = threading.Event()

    def hold() -> None:
        with locked(booking_db):
            holding.set()
            release.wait(0.3)

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(5)
    info = write(writes.create_booking, **details(url=booking_db))
    holder.join(5)
    assert _count(booking_db) == 1 and info.field == "tax"


def test_an_unreachable_database_fails_the_write_at_once(details: Details) -> None:
    url = f"postgresql+psycopg2://bizcall@127.0.0.1:{free_port()}/bizcall"
    with pytest.raises(StoreUnavailable, match="unavailable"):
        write(writes.create_booking, **details(url=url))
