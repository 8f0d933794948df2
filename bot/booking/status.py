"""Booking statuses: the Korean words staff see in listings and the database stores."""

from __future__ import annotations

from typing import Final

BOOKED: Final = "예약됨"
CHANGED: Final = "변경됨"
CANCELLED: Final = "취소됨"
DONE: Final = "완료"
STATUSES: Final = (BOOKED, CHANGED, CANCELLED, DONE)
LIVE_STATUSES: Final = (BOOKED, CHANGED)
"""Bookings in these states hold their slots."""
ALIASES: Final = {
    "booked": BOOKED,
    "changed": CHANGED,
    "cancelled": CANCELLED,
    "canceled": CANCELLED,
    "done": DONE,
    "completed": DONE,
}
"""English words for the statuses, for command-line filters."""

STATUS_EN: Final = {
    BOOKED: "booked",
    CHANGED: "rescheduled",
    CANCELLED: "cancelled",
    DONE: "completed",
}


def status_label(status: str, language: str = "ko") -> str:
    """The status as the user reads it: the Korean word, or its English equivalent."""
    return STATUS_EN.get(status, status) if language == "en" else status
