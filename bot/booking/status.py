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
ALIASES: Final = {"booked": BOOKED, "changed": CHANGED, "cancelled": CANCELLED,
                  "canceled": CANCELLED, "done": DONE, "completed": DONE}
"""English words for the statuses, for command-line filters."""
