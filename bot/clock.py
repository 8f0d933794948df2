"""The current time in Seoul, from one place.

Booking rules depend on "now" (lead time, today's free slots); actions ask this module
rather than the system clock directly so tests can pin the time with ``monkeypatch``.
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
        return moment.replace(tzinfo=SEOUL) if moment.tzinfo is None else moment.astimezone(SEOUL)
    return datetime.now(SEOUL)


def wall_now() -> datetime:
    """The machine's real time in Seoul, ignoring ``BIZCALL_NOW``.

    Only for what another process checks against its own real clock (the expiry of a
    token Rasa verifies); everything the user sees follows ``now()``.
    """
    return datetime.now(SEOUL)
