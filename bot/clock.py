"""The current time in Seoul, from one place.

Booking rules depend on "now" (lead time, today's free slots); actions ask this module
rather than the system clock directly so tests can pin the time with ``monkeypatch``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

SEOUL: Final = ZoneInfo("Asia/Seoul")


def now() -> datetime:
    """The current time, tz-aware in Asia/Seoul."""
    return datetime.now(SEOUL)
