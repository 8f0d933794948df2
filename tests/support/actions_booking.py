"""Bookings and booking-form answers the action tests start from.

The form's answers and the applicant behind a saved booking are the same person in every
test that does not care who it is; keeping them here lets a test name only what it changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.booking import slot_search, writes
from bot.booking.results import BookingInfo
from tests.support.booking import call, write

OWNER: Mapping[str, Any] = {
    "company_name": "서울상회",
    "business_number": "123-45-67891",
    "contact_name": "홍길순",
    "phone": "010-1234-5678",
    "email": None,
    "summary": "부가세 신고",
    "conversation_id": "owner",
}
"""Who books when a test saves a booking directly, in ``create_booking``'s words."""


def free_start(field: str, channel: str, around: str, now: datetime) -> datetime:
    """The first free start near ``around`` (ISO 8601) for ``field``; the roster decides which."""
    return call(
        slot_search.nearest_free_slots,
        field=field,
        channel=channel,
        around=datetime.fromisoformat(around),
        now=now,
    )[0].start


def book(
    start: datetime,
    now: datetime,
    *,
    field: str = "tax",
    channel: str = "video",
    applicant: Mapping[str, Any] = OWNER,
) -> BookingInfo:
    """Save a booking at ``start`` as the booking service does (raises if no expert is free)."""
    return write(
        writes.create_booking, field=field, channel=channel, start=start, now=now, **applicant
    )


def form_answers(**changes: Any) -> dict[str, Any]:
    """Every booking-form slot answered and confirmed, with ``changes`` applied."""
    return {
        "booking_field": "labor",
        "booking_channel": "phone",
        "booking_time": "2026-12-03T15:00:00+09:00",
        "company_name": "서울상회",
        "business_number": "123-45-67891",
        "contact_name": "홍길순",
        "contact_phone": "010-1234-5678",
        "contact_email": "없음",
        "booking_summary": "퇴직금 문의",
        "booking_confirm": "yes",
        **changes,
    }
