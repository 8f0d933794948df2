"""What the booking API returns: a bookable slot and a booking as callers see it.

Times are timezone-aware (Asia/Seoul); the database stores naive Seoul wall-clock times,
so ``booking_info`` is the one place a row becomes a ``BookingInfo``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from bot.clock import from_kst
from bot.db.models import Booking
from bot.db.rows import same_named


@dataclass(frozen=True)
class Slot:
    """A bookable start time and the expert who would take it."""

    start: datetime
    end: datetime
    expert_id: str
    expert_name: str


@dataclass(frozen=True)
class BookingInfo:
    """A booking as the conversation and staff tools see it (times aware, Asia/Seoul)."""

    code: str
    field: str
    channel: str
    start: datetime
    end: datetime
    expert_id: str
    expert_name: str
    company_name: str
    contact_name: str
    phone: str
    email: str | None
    summary: str
    status: str
    language: str
    conversation_id: str | None
    business_number: str = ""
    expert_title: str = ""
    expert_name_en: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


_SAME_NAMED: Final = (
    "code",
    "field",
    "channel",
    "expert_id",
    "company_name",
    "contact_name",
    "phone",
    "email",
    "summary",
    "status",
    "language",
    "conversation_id",
    "business_number",
)
"""The columns of ``bookings`` that ``BookingInfo`` shows as they are."""


def booking_info(b: Booking) -> BookingInfo:
    """The row ``b`` as callers see it (times aware, the expert's names filled in)."""
    return BookingInfo(
        **same_named(b, _SAME_NAMED),
        start=from_kst(b.starts_at),
        end=from_kst(b.ends_at),
        expert_name=b.expert.name,
        expert_title=b.expert.title,
        expert_name_en=b.expert.name_en or b.expert.name,
        created_at=from_kst(b.created_at),
        updated_at=from_kst(b.updated_at),
    )
