"""Booking listings for staff tools and the conversation: bookings, one by code, experts.

Read-only; no phone check (``lookups.find_booking`` is the one for users).
Functions take the caller's ``session`` (keyword-only) and never open one: the edge — an
action, a web handler, the CLI — owns the unit of work.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.booking.codes import normalize_code
from bot.booking.errors import InvalidDetails
from bot.booking.results import BookingInfo, booking_info
from bot.booking.roster import ExpertSpec, expert_spec
from bot.booking.status import STATUSES
from bot.db.models import Booking, Expert, ExpertField


def list_bookings(
    *,
    session: Session,
    day: date | None = None,
    expert_id: str | None = None,
    status: str | None = None,
) -> list[BookingInfo]:
    """Bookings by start time, optionally of one day (KST), one expert or one status."""
    if status is not None and status not in STATUSES:
        raise InvalidDetails("status", f"status must be one of {', '.join(STATUSES)}")
    query = select(Booking).order_by(Booking.starts_at, Booking.id)
    if day is not None:
        first = datetime.combine(day, time(0))
        query = query.where(
            Booking.starts_at >= first, Booking.starts_at < first + timedelta(days=1)
        )
    if expert_id is not None:
        query = query.where(Booking.expert_id == expert_id)
    if status is not None:
        query = query.where(Booking.status == status)
    return [booking_info(b) for b in session.scalars(query)]


def booking_by_code(*, session: Session, code: str) -> BookingInfo | None:
    """The booking with this code, without a phone check — for staff tools and for the
    conversation after it has verified the code and phone once (``find_booking``)."""
    code_n = normalize_code(code)
    if code_n is None:
        return None
    booking = session.scalars(select(Booking).where(Booking.code == code_n)).first()
    return booking_info(booking) if booking is not None else None


def list_experts(
    *, session: Session, field: str | None = None, include_inactive: bool = False
) -> list[ExpertSpec]:
    """The roster as loaded, by id; ``field`` keeps the experts of one field code."""
    query = select(Expert).order_by(Expert.id)
    if field is not None:
        query = query.where(
            Expert.id.in_(select(ExpertField.expert_id).where(ExpertField.field_code == field))
        )
    if not include_inactive:
        query = query.where(Expert.active.is_(True))
    return [expert_spec(row) for row in session.scalars(query)]
