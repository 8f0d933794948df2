"""The errors the booking API raises on purpose; callers tell the user what each means."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Final

from bot.booking.results import Slot
from bot.db.session import CommittedOutcome

LOOKUP_FAILED_MESSAGE: Final = "예약번호 또는 전화번호가 일치하지 않습니다."


class BookingError(Exception):
    """Base of every error the booking API raises on purpose."""


class SlotUnavailable(BookingError):
    """The requested start cannot be booked.

    Attributes:
        reason: 'taken' (every expert busy or away), 'past' (earlier than now + MIN_LEAD),
            'too_far' (beyond now + HORIZON), 'closed' (weekend, holiday, outside hours or
            off the 30-minute grid) or 'no_expert' (nobody serves the field and channel).
        alternatives: up to five nearest free slots, chronological (empty for 'no_expert').
    """

    def __init__(self, reason: str, alternatives: Sequence[Slot] = ()):
        super().__init__(f"slot unavailable: {reason}")
        self.reason = reason
        self.alternatives = list(alternatives)


class LookupFailed(BookingError, CommittedOutcome):
    """Code and phone do not match a booking — deliberately one error for both cases.

    The failure is recorded in the caller's session before this is raised; as a
    ``CommittedOutcome`` the unit of work commits that record instead of rolling it back.
    """

    def __init__(self) -> None:
        super().__init__(LOOKUP_FAILED_MESSAGE)


class TooManyAttempts(BookingError):
    """Too many failed lookups; try again after ``retry_after``."""

    def __init__(self, retry_after: timedelta):
        super().__init__(f"too many failed lookups; retry after {retry_after}")
        self.retry_after = retry_after


class NotChangeable(BookingError):
    """The booking can no longer be changed or cancelled.

    Attributes:
        status: the booking's status.
        reason: 'cancelled', 'done' or 'started' (its start has passed).
    """

    def __init__(self, status: str, reason: str):
        super().__init__(f"booking cannot be changed: {reason}")
        self.status = status
        self.reason = reason


class InvalidDetails(BookingError, ValueError):
    """A booking detail is missing or malformed; ``detail`` names it (e.g. 'phone').

    The conversation validates details while collecting them (bot/validation.py); this
    is the last line, so a bad value never reaches the database.
    """

    def __init__(self, detail: str, message: str):
        super().__init__(message)
        self.detail = detail
