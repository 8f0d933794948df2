"""The current time in Seoul, the Seoul zone and the naive-datetime rule, from one place.

Booking rules depend on "now" (lead time, today's free slots); actions ask this module
rather than the system clock directly so tests can pin the time with ``monkeypatch``.

The naive-datetime rule: the database stores naive Asia/Seoul wall-clock times (Korea has
no daylight saving time, so a naive KST value names exactly one instant). APIs take and
return aware datetimes and convert at the boundary with ``to_kst``/``from_kst``;
``to_kst`` refuses a naive value so that a UTC one can never pass for Seoul time. Only
where a person or a setting writes a time without a zone (a typed "now", ``BIZCALL_NOW``)
is naive read as Seoul (``as_seoul``).
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

SEOUL: Final = ZoneInfo("Asia/Seoul")


PINNED_ENV: Final = "BIZCALL_NOW"
"""An ISO time that every process of a stack takes as "now" (naive = Seoul): for demos and
end-to-end tests of time-dependent behaviour ("a handoff at 23:00"). Unset in production."""


def now() -> datetime:
    """The current time, tz-aware in Asia/Seoul (or the pinned time, if one is set)."""
    pinned = os.environ.get(PINNED_ENV, "").strip()
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError as exc:
            raise SystemExit(f"{PINNED_ENV} must be an ISO time, got {pinned!r}") from exc
        return as_seoul(moment)
    return datetime.now(SEOUL)


def timestamp() -> float:
    """``now()`` as POSIX seconds, for a time kept in a string (a slot value)."""
    return now().timestamp()


def wall_now() -> datetime:
    """The machine's real time in Seoul, ignoring ``BIZCALL_NOW``.

    Only for what another process checks against its own real clock (the expiry of a
    token Rasa verifies); everything the user sees follows ``now()``.
    """
    return datetime.now(SEOUL)


def as_seoul(moment: datetime) -> datetime:
    """``moment`` in Seoul: a naive value is read as Seoul wall-clock time, an aware one
    converted."""
    return moment.replace(tzinfo=SEOUL) if moment.tzinfo is None else moment.astimezone(SEOUL)


def to_kst(value: datetime) -> datetime:
    """The naive Asia/Seoul wall-clock time of an aware datetime (as stored).

    Raises:
        ValueError: for a naive datetime — the API takes aware ones, so that a UTC value
            from ``datetime.utcnow()`` can never be mistaken for Seoul time.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"expected a timezone-aware datetime, got naive {value.isoformat()}")
    return value.astimezone(SEOUL).replace(tzinfo=None)


def from_kst(value: datetime) -> datetime:
    """The aware Asia/Seoul datetime of a naive KST value (as stored)."""
    return value.replace(tzinfo=SEOUL)
