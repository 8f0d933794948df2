"""Sliding-window limits on failed attempts, shared by booking lookups and console logins.

Guessing must be slow wherever a short secret is checked: a booking code with a phone
number, a staff password. Each failure is recorded once per *bucket* it counts against
(for a lookup: the conversation, and the code tried from that conversation; for a login:
the username from that address, and the address), and an attempt is refused while any
of its buckets holds ``count`` failures inside ``window``. Successes are not recorded.

Blocking keys include the source, so an attacker cannot lock the owner out by failing on
purpose from elsewhere (ten conversations guessing one code's phone number, five wrong
passwords for a staff account from another address). Guessing spread over many sources is
slowed instead: the failures on the secret itself (the code, the username) add a delay
that doubles with each failure past the limit, up to ``cap`` (``delay_for``) — the owner
waits a few seconds at worst, a distributed guesser pays it on every try.

The rows live in the database, not in memory, because the action server and the web app
may run as several processes and restart. Bucket keys are stored as SHA-256 digests: the
limiter only needs equality, and a copy of the table then reveals no addresses,
usernames or conversation ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from bot.db.models import FailedAttempt

KEEP: Final = timedelta(days=1)
"""Failures older than this are deleted when new ones are recorded (longer than any window)."""


@dataclass(frozen=True)
class Limit:
    """At most ``count`` failures per key of ``kind`` within ``window``."""

    kind: str
    count: int
    window: timedelta
    cap: timedelta = timedelta(seconds=30)
    """Longest delay ``delay_for`` imposes for this limit."""


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _in_window(limit: Limit, key: str, *, now: datetime) -> tuple[ColumnElement[bool], ...]:
    """The conditions of a failure of ``key`` that still counts against ``limit``."""
    return (
        FailedAttempt.kind == limit.kind,
        FailedAttempt.key == _digest(key),
        FailedAttempt.attempted_at > now - limit.window,
    )


def retry_after(
    buckets: Iterable[tuple[Limit, str]], *, session: Session, now: datetime
) -> timedelta | None:
    """The wait before an attempt counted against ``buckets`` is allowed, or None if now.

    Args:
        session: the unit of work the attempt belongs to.
        buckets: ``(limit, key)`` pairs the attempt counts against.
        now: the time of the attempt (naive KST, like every stored time).

    Returns:
        The longest wait over the buckets: until fewer than ``limit.count`` failures of a
        key are inside its window — at least one second, so a caller never says "wait 0".
    """
    waits = []
    for limit, key in buckets:
        recent = list(
            session.scalars(
                select(FailedAttempt.attempted_at)
                .where(*_in_window(limit, key, now=now))
                .order_by(FailedAttempt.attempted_at.desc())
                .limit(limit.count)
            )
        )
        if len(recent) >= limit.count:  # the count-th newest must leave the window first
            waits.append(max(timedelta(seconds=1), recent[-1] + limit.window - now))
    return max(waits) if waits else None


def delay_for(limit: Limit, key: str, *, session: Session, now: datetime) -> float:
    """Seconds to wait before an attempt on ``key``: 0 below ``limit.count`` failures in the
    window, then 1, 2, 4 … seconds per further failure, at most ``limit.cap``."""
    failures = len(
        list(
            session.scalars(
                select(FailedAttempt.id)
                .where(*_in_window(limit, key, now=now))
                .limit(limit.count + 16)
            )
        )
    )
    if failures < limit.count:
        return 0.0
    return float(min(limit.cap.total_seconds(), 2.0 ** (failures - limit.count)))


def record_failure(
    buckets: Iterable[tuple[Limit, str]], *, session: Session, now: datetime
) -> None:
    """Count one failure against every bucket (and forget failures too old to matter)."""
    session.execute(delete(FailedAttempt).where(FailedAttempt.attempted_at < now - KEEP))
    for limit, key in buckets:
        session.add(FailedAttempt(kind=limit.kind, key=_digest(key), attempted_at=now))


def purge(*, session: Session, now: datetime, keep: timedelta = KEEP) -> None:
    """Delete failures older than ``keep``; housekeeping for processes that rarely record."""
    session.execute(delete(FailedAttempt).where(FailedAttempt.attempted_at < now - keep))
