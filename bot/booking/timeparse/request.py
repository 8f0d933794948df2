"""What ``parse_time`` returns or raises, and the day's landmarks its conventions use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

Reason = Literal["empty", "no_time", "invalid_date", "ambiguous"]

BUSINESS_START: Final = 9 * 60
"""Minutes after midnight when consultations start; a date alone means from here."""

BUSINESS_END: Final = 18 * 60
"""Minutes after midnight when consultations end (exclusive)."""

NOON: Final = 12 * 60


@dataclass(frozen=True)
class TimeRequest:
    """When the user wants the consultation.

    Attributes:
        start: Tz-aware (Asia/Seoul) start of the request; for a date-only or part-of-day
            request, the start of the window.
        end: Exclusive end of the window the user accepts; equal to ``start`` for an exact
            clock time, so callers can tell points from windows without ``exact``.
        exact: True if a specific clock time was given.
        text: The part of the input that expressed the time, for confirmations
            ("'내일 오후 3시'로 예약할까요?").
        assumed_pm: True when an hour without 오전/오후 was moved to the afternoon by the
            business-hours rule, so the bot can double-check ("오후 3시 맞으세요?").
    """

    start: datetime
    end: datetime
    exact: bool
    text: str
    assumed_pm: bool = False


_MESSAGES: Final[dict[str, str]] = {
    "empty": "the message is empty",
    "no_time": "no date or time expression found",
    "invalid_date": "the date or time does not exist",
    "ambiguous": "the date or time could mean more than one thing",
}


class TimeParseError(ValueError):
    """The text gives no usable booking time.

    Attributes:
        reason: Why, as a stable code the dialogue maps to a follow-up question:
            ``'empty'``, ``'no_time'``, ``'invalid_date'`` (e.g. 2월 30일, 25시) or
            ``'ambiguous'`` (two different days or times, a month or week without a day).
    """

    def __init__(self, reason: Reason, detail: str = "") -> None:
        """Keep the reason machine-readable and the message human-readable."""
        super().__init__(_MESSAGES[reason] + (f": {detail}" if detail else ""))
        self.reason: Reason = reason
