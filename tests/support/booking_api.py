"""The booking API as the booking tests ask it: tax by phone, at the fixed ``NOW``, as ``r``.

Most booking tests ask the same question with one thing changed — another start, another
channel, another ``now`` — and change bookings with the details fixture's phone. These helpers
hold the usual answers so that a test spells out only what it varies; each still runs the
real call in a unit of work of its own (``tests.support.booking``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from bot.booking import lookups, slot_search, writes
from bot.booking.errors import SlotUnavailable
from bot.booking.results import BookingInfo, Slot
from bot.clock import SEOUL
from tests.support.booking import call, write

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=SEOUL)
"""Monday 2026-11-30 09:00 KST: the booking tests' "now" (see ``tests/booking/conftest.py``)."""
BRN = "220-81-62517"
"""A 사업자등록번호 with a valid check digit."""
PHONE = "010-1234-5678"
"""The contact phone of every booking ``booking_details`` makes; changes and lookups quote it."""


def kst(*args: int) -> datetime:
    """``kst(2026, 12, 3, 14)`` → 2026-12-03 14:00 Asia/Seoul."""
    return datetime(*args, tzinfo=SEOUL)


def booking_details(**overrides: Any) -> dict[str, Any]:
    """Valid ``create_booking`` keyword arguments — tax by phone on Thu 12-03 14:00 — with
    ``overrides`` applied."""
    values: dict[str, Any] = {
        "field": "tax",
        "channel": "phone",
        "start": kst(2026, 12, 3, 14),
        "company_name": "가상상사",
        "business_number": BRN,
        "contact_name": "홍길순",
        "phone": PHONE,
        "email": None,
        "summary": "부가세 신고 기한 문의",
        "conversation_id": "conv-1",
        "now": NOW,
    }
    values.update(overrides)
    return values


def _tax_by_phone(overrides: dict[str, Any]) -> dict[str, Any]:
    """The usual request — tax, by phone, asked at ``NOW`` — with ``overrides`` applied."""
    return {"field": "tax", "channel": "phone", "now": NOW, **overrides}


def _as_owner(overrides: dict[str, Any]) -> dict[str, Any]:
    """The booking's owner asking — their phone, as ``r``, at ``NOW`` — with ``overrides``."""
    return {"phone": PHONE, "requester": "r", "now": NOW, **overrides}


def check(start: datetime, **overrides: Any) -> Slot:
    """``check_slot``: who would take ``start``."""
    return call(slot_search.check_slot, start=start, **_tax_by_phone(overrides))


def refusal(start: datetime, **overrides: Any) -> SlotUnavailable:
    """The ``SlotUnavailable`` that ``check_slot`` raises for ``start`` (fails if it does not)."""
    with pytest.raises(SlotUnavailable) as info:
        check(start, **overrides)
    return info.value


def free(start: datetime, end: datetime, **overrides: Any) -> list[Slot]:
    """``free_slots`` in ``[start, end)``."""
    return call(slot_search.free_slots, start=start, end=end, **_tax_by_phone(overrides))


def nearest(around: datetime, count: int = 5, **overrides: Any) -> list[Slot]:
    """``nearest_free_slots``: the ``count`` free starts nearest to ``around``."""
    return call(
        slot_search.nearest_free_slots, around=around, count=count, **_tax_by_phone(overrides)
    )


def find(code: str, **overrides: Any) -> BookingInfo:
    """``find_booking``, asked from conversation ``conv-x`` unless ``requester`` says otherwise."""
    return call(lookups.find_booking, code=code, **_as_owner({"requester": "conv-x", **overrides}))


def reschedule(code: str, new_start: datetime, **overrides: Any) -> BookingInfo:
    """``reschedule_booking`` of booking ``code`` to ``new_start``."""
    return write(writes.reschedule_booking, code=code, new_start=new_start, **_as_owner(overrides))


def cancel(code: str, **overrides: Any) -> BookingInfo:
    """``cancel_booking`` of booking ``code``."""
    return write(writes.cancel_booking, code=code, **_as_owner(overrides))
