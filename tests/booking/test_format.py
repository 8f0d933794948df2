"""Booking times read the same everywhere: 12월 3일(목) 오후 2:00."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.booking.format import format_clock, format_span, format_when
from tests.support.booking_api import kst


@pytest.mark.parametrize(
    ("moment", "ko", "en"),
    [
        (kst(2026, 12, 3, 14), "12월 3일(목) 오후 2:00", "Thu, Dec 3, 2:00 PM"),
        (kst(2026, 12, 3, 9, 30), "12월 3일(목) 오전 9:30", "Thu, Dec 3, 9:30 AM"),
        (kst(2026, 12, 7, 12), "12월 7일(월) 오후 12:00", "Mon, Dec 7, 12:00 PM"),
        (kst(2027, 1, 1, 0), "1월 1일(금) 오전 12:00", "Fri, Jan 1, 12:00 AM"),
        # UTC input is shown in Seoul time; naive input is taken as Seoul time.
        (
            datetime(2026, 12, 3, 5, 0, tzinfo=timezone.utc),
            "12월 3일(목) 오후 2:00",
            "Thu, Dec 3, 2:00 PM",
        ),
        (datetime(2026, 12, 3, 14, 0), "12월 3일(목) 오후 2:00", "Thu, Dec 3, 2:00 PM"),
    ],
)
def test_format_when(moment: datetime, ko: str, en: str) -> None:
    assert format_when(moment) == ko
    assert format_when(moment, "en") == en


def test_span_drops_repeated_half_of_day() -> None:
    start = kst(2026, 12, 3, 14)
    assert format_span(start, start.replace(minute=50)) == "12월 3일(목) 오후 2:00~2:50"
    assert format_span(start.replace(hour=11, minute=30), start.replace(hour=12, minute=20)) == (
        "12월 3일(목) 오전 11:30~오후 12:20"
    )
    assert format_span(start, start.replace(minute=50), "en") == "Thu, Dec 3, 2:00 PM–2:50 PM"
    assert format_clock(start, "en") == "2:00 PM"
