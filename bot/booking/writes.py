"""Booking writes: create, reschedule, cancel, and closing bookings that have ended.

Double booking is prevented by the database, not by this module: every live booking
reserves its 30-minute units in ``booking_slots``, whose primary key is
``(expert_id, slot_start)``. This module picks a free expert first (so the normal case
never hits the constraint) and treats a constraint violation as "someone was faster".

Functions take the caller's ``session`` (keyword-only) and never open one: the edge — an
action, a web handler, the CLI — owns the unit of work. Create, reschedule and cancel need
a write unit (``bot.db.uow.run_write_unit``), which takes the write lock first and retries a
lost race; they refuse any other session.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Final

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session
from typing_extensions import NotRequired, TypedDict, Unpack

from bot.booking import outbox
from bot.booking.availability import Scope, load_availability
from bot.booking.calendar import GRID, grid_units
from bot.booking.codes import new_code
from bot.booking.errors import InvalidDetails, NotChangeable
from bot.booking.lookups import authenticate, failed_lookup
from bot.booking.results import BookingInfo, booking_info
from bot.booking.slot_search import (
    SlotQuery,
    check_codes,
    expert_at,
    pick_expert,
    query_scope,
    unavailable,
)
from bot.booking.status import BOOKED, CANCELLED, CHANGED, DONE, LIVE_STATUSES
from bot.clock import to_kst
from bot.db.models import Booking, BookingSlot, Expert
from bot.db.uow import require_write_lock
from bot.text import clean
from bot.validation import normalize_business_number, normalize_email, normalize_phone

LANGUAGES: Final = ("ko", "en")


SUMMARY_MAX: Final = 200


def _one_line(text: str | None, limit: int) -> str:
    line = clean(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class BookingDetails(TypedDict):
    """Who books and why, as the user gave them; ``_details`` checks and normalises them."""

    company_name: str
    business_number: str
    """A 사업자등록번호, or empty for a 예비창업자 who has none yet."""
    contact_name: str
    phone: str
    email: str | None
    summary: str
    """The user's own words about the problem (one line of at most ``SUMMARY_MAX`` is kept)."""
    language: NotRequired[str]
    """The language of the notifications: ``ko`` (the default) or ``en``."""


class BookingRequest(SlotQuery, BookingDetails):
    """What ``create_booking`` takes besides the start: the slot asked for and who books it."""


def _details(details: BookingDetails) -> dict[str, str | None]:
    """Validated, normalised booking details (raises InvalidDetails).

    An empty business number is allowed: 서울비즈콜 also advises 예비창업자 who have no
    사업자등록번호 yet; it is stored as "". A non-empty one must pass the checksum.
    """
    business_number, email = details["business_number"], details["email"]
    language = details.get("language", "ko")
    company = _one_line(details["company_name"], 128)
    contact = _one_line(details["contact_name"], 64)
    brn = normalize_business_number(business_number) if clean(business_number) else ""
    phone_n = normalize_phone(details["phone"] or "")
    email_n = normalize_email(email) if email and email.strip() else None
    problems = [
        ("company_name", not company, "company name is empty"),
        ("business_number", brn is None, "business number is not a valid 사업자등록번호"),
        ("contact_name", not contact, "contact name is empty"),
        ("phone", phone_n is None, "phone is not a valid Korean phone number"),
        ("email", bool(email and email.strip()) and email_n is None, "email is not valid"),
        ("language", language not in LANGUAGES, "language must be 'ko' or 'en'"),
    ]
    for detail, bad, message in problems:
        if bad:
            raise InvalidDetails(detail, message)
    return {
        "company_name": company,
        "business_number": brn,
        "contact_name": contact,
        "phone": phone_n,
        "email": email_n,
        "summary": _one_line(details["summary"], SUMMARY_MAX),
        "language": language,
    }


def _fresh_code(*, session: Session) -> str:
    """An unused code (the unique constraint still guards against a concurrent twin)."""
    while True:
        code = new_code()
        if session.scalar(select(Booking.id).where(Booking.code == code)) is None:
            return code


def _reserve(booking: Booking, *, session: Session) -> None:
    """Insert the booking's ``booking_slots`` rows: the statement that can lose a race."""
    session.execute(
        insert(BookingSlot),
        [
            {"expert_id": booking.expert_id, "slot_start": unit, "booking_id": booking.id}
            for unit in grid_units(booking.starts_at, booking.ends_at)
        ],
    )


def _release(booking: Booking, *, session: Session) -> None:
    session.execute(delete(BookingSlot).where(BookingSlot.booking_id == booking.id))


def _ensure_changeable(booking: Booking, now: datetime) -> None:
    if booking.status == CANCELLED:
        raise NotChangeable(booking.status, "cancelled")
    if booking.status == DONE:
        raise NotChangeable(booking.status, "done")
    if booking.starts_at <= now:
        raise NotChangeable(booking.status, "started")


def create_booking(
    *,
    session: Session,
    start: datetime,
    conversation_id: str | None,
    **request: Unpack[BookingRequest],
) -> BookingInfo:
    """Book ``start`` and queue the confirmation and the reminder.

    Race-safe in a write unit (``run_write_unit``): if another booking takes the expert
    first, the unit is retried and picks the next free expert at the same time (unless
    ``expert_id`` asks for one person).

    Raises:
        SlotUnavailable: nobody is free then (reason 'taken' if somebody was faster).
        InvalidDetails: a detail is malformed.
        RuntimeError: ``session`` is not a write unit.
    """
    check_codes(request["field"], request["channel"])
    details = _details(request)
    start_n = to_kst(start)
    scope = query_scope(request)
    require_write_lock(session=session)
    av, expert = expert_at(session=session, scope=scope, start=start_n)
    booking = Booking(
        code=_fresh_code(session=session),
        field=scope.field,
        expert_id=expert.id,
        starts_at=start_n,
        ends_at=av.end(start_n),
        channel=scope.channel,
        status=BOOKED,
        created_at=scope.now,
        updated_at=scope.now,
        conversation_id=(conversation_id or "")[:128] or None,
        **details,
    )
    session.add(booking)
    session.flush()
    _reserve(booking, session=session)
    outbox.queue(booking, "confirmation", now=scope.now, session=session)
    outbox.queue(booking, "reminder", now=scope.now, session=session)
    session.flush()
    return booking_info(booking)


def _change(
    *,
    session: Session,
    code: str,
    phone: str,
    requester: str,
    now: datetime,
    apply: Callable[[Session, Booking], None],
) -> BookingInfo:
    """Authenticate, check the booking is changeable, ``apply`` the change.

    The caller's write unit has write-locked the database (SQLite) and the booking row is
    locked here (PostgreSQL), so two changes of one booking cannot interleave; the unit is
    retried by ``run_write_unit`` if it loses a race for a slot.
    """
    require_write_lock(session=session)
    booking = authenticate(
        session=session, code=code, phone=phone, requester=requester, now=now, lock=True
    )
    if booking is None:
        raise failed_lookup(session=session, code=code, requester=requester, now=now)
    _ensure_changeable(booking, now)
    apply(session, booking)
    session.flush()
    return booking_info(booking)


def reschedule_booking(
    *, session: Session, code: str, phone: str, new_start: datetime, requester: str, now: datetime
) -> BookingInfo:
    """Move a booking to ``new_start`` (same field and channel); status becomes 변경됨.

    The current expert keeps the booking if free then; otherwise another free expert of
    the field takes it. Pending reminders of the old time are cancelled, and the
    'rescheduled' notice and a new reminder are queued.

    Raises:
        LookupFailed, TooManyAttempts: as ``find_booking``.
        NotChangeable: cancelled, completed or already started.
        SlotUnavailable: ``new_start`` is not free (alternatives exclude the current time).
    """
    new_n, now_n = to_kst(new_start), to_kst(now)

    def move(session: Session, booking: Booking) -> None:
        scope = Scope(booking.field, booking.channel, now_n, ignore_booking=booking.id)
        av = load_availability(scope, lo=new_n, hi=new_n + GRID, session=session)
        expert, reason = pick_expert(av, new_n, prefer=booking.expert_id)
        if expert is None:
            raise unavailable(
                reason, session=session, scope=scope, around=new_n, skip=booking.starts_at
            )
        previous = booking.starts_at
        _release(booking, session=session)
        booking.expert = session.get(Expert, expert.id)
        booking.starts_at, booking.ends_at = new_n, av.end(new_n)
        booking.status, booking.updated_at = CHANGED, now_n
        session.flush()
        _reserve(booking, session=session)
        outbox.cancel_pending_reminders(booking.id, session=session)
        outbox.queue(booking, "rescheduled", now=now_n, previous_start=previous, session=session)
        outbox.queue(booking, "reminder", now=now_n, session=session)

    return _change(
        code=code, phone=phone, requester=requester, now=now_n, apply=move, session=session
    )


def cancel_booking(
    *, session: Session, code: str, phone: str, requester: str, now: datetime
) -> BookingInfo:
    """Cancel a booking: status 취소됨, its slots freed, reminders cancelled, notice queued.

    Raises:
        LookupFailed, TooManyAttempts: as ``find_booking``.
        NotChangeable: already cancelled, completed or started.
    """
    now_n = to_kst(now)

    def cancel(session: Session, booking: Booking) -> None:
        _release(booking, session=session)
        booking.status, booking.updated_at = CANCELLED, now_n
        outbox.cancel_pending_reminders(booking.id, session=session)
        outbox.queue(booking, "cancelled", now=now_n, session=session)

    return _change(
        code=code, phone=phone, requester=requester, now=now_n, apply=cancel, session=session
    )


def complete_past_bookings(*, session: Session, now: datetime) -> int:
    """Mark live bookings that have ended as 완료; returns how many changed."""
    now_n = to_kst(now)
    result = session.execute(
        update(Booking)
        .where(Booking.status.in_(LIVE_STATUSES), Booking.ends_at <= now_n)
        .values(status=DONE, updated_at=now_n)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)
