"""Rate limits on failed booking lookups, persisted so they hold across processes.

A booking is found by code plus phone number. Codes are short, so guessing must be
slow: failed attempts are recorded in ``lookup_failures`` and counted in two sliding
windows — per requester (the conversation), so one person cannot try many codes, and
per code, so many conversations cannot try many phone numbers on one code. Successful
lookups are not recorded and do not count. The action server may run in several
processes, which is why the counts live in the database and not in memory.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.models import LookupFailure

REQUESTER_LIMIT: Final = (5, timedelta(minutes=15))
"""At most this many failures per requester within the window."""
CODE_LIMIT: Final = (10, timedelta(hours=1))
"""At most this many failures per code within the window."""
KEEP: Final = timedelta(days=1)
"""Failures older than this are deleted when new ones are recorded."""


def _wait(times: list[datetime], limit: tuple[int, timedelta], now: datetime) -> timedelta | None:
    """How long until fewer than ``limit`` failures are inside the window, if blocked now."""
    count, window = limit
    recent = sorted(t for t in times if t > now - window)
    if len(recent) < count:
        return None
    return recent[len(recent) - count] + window - now


def retry_after(session: Session, *, requester: str, code: str,
                now: datetime) -> timedelta | None:
    """The wait before ``requester`` may try ``code`` again, or None if allowed now.

    Args:
        requester: the conversation id (or "" when unknown — one shared bucket).
        code: the normalised code tried (or what was typed, if it is not a code).
        now: naive KST.
    """
    by_requester = list(session.scalars(select(LookupFailure.attempted_at).where(
        LookupFailure.requester == requester,
        LookupFailure.attempted_at > now - REQUESTER_LIMIT[1])))
    by_code = list(session.scalars(select(LookupFailure.attempted_at).where(
        LookupFailure.code == code, LookupFailure.attempted_at > now - CODE_LIMIT[1])))
    waits = [w for w in (_wait(by_requester, REQUESTER_LIMIT, now),
                         _wait(by_code, CODE_LIMIT, now)) if w is not None]
    return max(waits) if waits else None


def record_failure(session: Session, *, requester: str, code: str, now: datetime) -> None:
    """Count one failed lookup (and forget failures too old to matter)."""
    session.execute(delete(LookupFailure).where(LookupFailure.attempted_at < now - KEEP))
    session.add(LookupFailure(requester=requester[:128], code=code[:16], attempted_at=now))
