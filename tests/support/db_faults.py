"""Real database faults for tests: a lock held by another client."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text


@contextmanager
def locked(url: str) -> Iterator[None]:
    """Another client holds the database's write lock (SQLite) or the booking tables
    exclusively (PostgreSQL) until the block ends."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.split("///", 1)[1], isolation_level=None, timeout=5)
        conn.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")
            conn.close()
    else:
        engine = create_engine(url, future=True)
        with engine.connect() as conn:
            conn.execute(text("LOCK TABLE bookings, booking_slots IN ACCESS EXCLUSIVE MODE"))
            try:
                yield
            finally:
                conn.rollback()
        engine.dispose()
