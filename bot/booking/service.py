"""Expert consultation bookings: the API the conversation (actions/) is written against.

Every function works in the caller's ``session`` and never opens one: the edge (an
action, a web handler, the CLI) owns the unit of work, so two calls can share one
transaction. Writes (``create_booking``, ``reschedule_booking``, ``cancel_booking``) need
a write unit (``bot.db.uow.run_write_unit``), which takes the write lock first and retries
a lost race. Functions take keyword arguments only and take ``now`` from the caller, so
that the rules — lead time, horizon, reminders, rate limits — are testable against fixed
times and never read the clock behind the caller's back. Datetimes in and out are
timezone-aware (Asia/Seoul); see bot/booking/calendar.py for the rules and
docs/booking.md for the design.

Double booking is prevented by the database, not by this module: every live booking
reserves its 30-minute units in ``booking_slots``, whose primary key is
``(expert_id, slot_start)``. This module picks a free expert first (so the normal case
never hits the constraint) and treats a constraint violation as "someone was faster".
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from bot.booking import outbox
from bot.booking.availability import Availability, load_availability, minutes_for
from bot.booking.calendar import (
    GRID,
    HORIZON,
    MIN_LEAD,
    SEOUL,
    bookable_range,
    from_kst,
    grid_units,
    spread,
    to_kst,
)
from bot.booking.channels import CHANNELS
from bot.booking.codes import new_code, normalize_code
from bot.booking.outbox import OutboxItem
from bot.booking.roster import ExpertSpec, expert_spec
from bot.booking.status import BOOKED, CANCELLED, CHANGED, DONE, LIVE_STATUSES, STATUSES
from bot.db.models import Booking, BookingSlot, Expert, ExpertField, OutboxMessage
from bot.db.session import CommittedOutcome
from bot.db.uow import require_write_lock
from bot.fields import FIELD_NAMES
from bot.ratelimit import Limit, delay_for, record_failure, retry_after
from bot.text import clean
from bot.validation import normalize_business_number, normalize_email, normalize_phone

__all__ = [
    "BOOKED", "CANCELLED", "CHANGED", "CHANNELS", "DONE", "HORIZON", "LIVE_STATUSES",
    "MIN_LEAD", "SEOUL", "STATUSES", "BookingError", "BookingInfo", "InvalidDetails",
    "LookupFailed", "NotChangeable", "OutboxItem", "Slot", "SlotUnavailable", "TooManyAttempts",
    "booking_by_code", "cancel_booking", "check_slot", "complete_past_bookings",
    "consultation_minutes", "create_booking", "find_booking", "free_slots", "list_bookings",
    "list_experts", "list_outbox", "mark_sent", "nearest_free_slots", "reschedule_booking",
]

LANGUAGES: Final = ("ko", "en")
SUMMARY_MAX: Final = 200
ALTERNATIVES: Final = 5
LOOKUP_FAILED_MESSAGE: Final = "예약번호 또는 전화번호가 일치하지 않습니다."
REQUESTER_LIMIT: Final = Limit("lookup_requester", 5, timedelta(minutes=15))
"""Failed lookups one conversation may make (code and phone must both match)."""
CODE_REQUESTER_LIMIT: Final = Limit("lookup_code_requester", 5, timedelta(minutes=15))
"""Failed lookups on one code from one conversation."""
CODE_LIMIT: Final = Limit("lookup_code", 10, timedelta(hours=1))
"""Failed lookups on one code from all conversations together: past it, every lookup on
the code waits (``lookup_delay``) instead of being refused, so the owner is never locked
out by strangers."""


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


# --- helpers ----------------------------------------------------------------------------------


def _check_codes(field: str, channel: str) -> None:
    if field not in FIELD_NAMES:
        raise InvalidDetails("field", f"unknown field code {field!r}")
    if channel not in CHANNELS:
        raise InvalidDetails("channel", f"unknown channel code {channel!r}")


def _slot(av: Availability, start: datetime, expert: ExpertSpec | None = None) -> Slot:
    expert = expert or av.free(start)[0]
    return Slot(start=from_kst(start), end=from_kst(av.end(start)), expert_id=expert.id,
                expert_name=expert.name)


def _pick(av: Availability, start: datetime,
          prefer: str | None = None) -> tuple[ExpertSpec | None, str]:
    """The expert to book at ``start``, or None and the reason why nobody can be."""
    if not av.experts:
        return None, "no_expert"
    if start < av.now + MIN_LEAD:
        return None, "past"
    if start > av.latest:
        return None, "too_far"
    if not av.scheduled(start):
        return None, "closed"
    free = av.free(start)
    if not free:
        return None, "taken"
    preferred = [e for e in free if e.id == prefer]
    return (preferred or free)[0], ""


def _nearest(session: Session, *, field: str, channel: str, around: datetime, now: datetime,
             count: int, expert_id: str | None = None, ignore_booking: int | None = None,
             skip: datetime | None = None) -> list[Slot]:
    """Up to ``count`` free starts nearest to ``around`` (naive KST), chronological.

    Looks a week either side first and the whole bookable range only if that is not
    enough, so the common case reads little.
    """
    earliest, latest = bookable_range(now)
    center = min(max(around, earliest), latest)
    for span in (timedelta(days=7), HORIZON):
        lo, hi = max(earliest, center - span), min(latest, center + span) + GRID
        av = load_availability(session, field_code=field, channel=channel, lo=lo, hi=hi,
                               now=now, expert_id=expert_id, ignore_booking=ignore_booking)
        starts = [t for t in av.free_starts(lo, hi) if t != skip]
        if len(starts) >= count:
            break
    starts.sort(key=lambda t: (abs(t - around), t))
    return [_slot(av, t) for t in sorted(starts[:count])]


def _unavailable(session: Session, reason: str, *, field: str, channel: str, around: datetime,
                 now: datetime, expert_id: str | None = None, ignore_booking: int | None = None,
                 skip: datetime | None = None) -> SlotUnavailable:
    alternatives = [] if reason == "no_expert" else _nearest(
        session, field=field, channel=channel, around=around, now=now, count=ALTERNATIVES,
        expert_id=expert_id, ignore_booking=ignore_booking, skip=skip)
    return SlotUnavailable(reason, alternatives)


def _info(b: Booking) -> BookingInfo:
    return BookingInfo(
        code=b.code, field=b.field, channel=b.channel, start=from_kst(b.starts_at),
        end=from_kst(b.ends_at), expert_id=b.expert_id, expert_name=b.expert.name,
        company_name=b.company_name, contact_name=b.contact_name, phone=b.phone, email=b.email,
        summary=b.summary, status=b.status, language=b.language,
        conversation_id=b.conversation_id, business_number=b.business_number,
        expert_title=b.expert.title, expert_name_en=b.expert.name_en or b.expert.name,
        created_at=from_kst(b.created_at),
        updated_at=from_kst(b.updated_at),
    )


def _one_line(text: str | None, limit: int) -> str:
    line = clean(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _details(*, company_name: str, business_number: str, contact_name: str, phone: str,
             email: str | None, summary: str, language: str) -> dict[str, str | None]:
    """Validated, normalised booking details (raises InvalidDetails).

    An empty business number is allowed: 서울비즈콜 also advises 예비창업자 who have no
    사업자등록번호 yet; it is stored as "". A non-empty one must pass the checksum.
    """
    company, contact = _one_line(company_name, 128), _one_line(contact_name, 64)
    brn = normalize_business_number(business_number) if clean(business_number) else ""
    phone_n = normalize_phone(phone or "")
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
    return {"company_name": company, "business_number": brn, "contact_name": contact,
            "phone": phone_n, "email": email_n, "summary": _one_line(summary, SUMMARY_MAX),
            "language": language}


def _fresh_code(session: Session) -> str:
    """An unused code (the unique constraint still guards against a concurrent twin)."""
    while True:
        code = new_code()
        if session.scalar(select(Booking.id).where(Booking.code == code)) is None:
            return code


def _reserve(session: Session, booking: Booking) -> None:
    """Insert the booking's ``booking_slots`` rows: the statement that can lose a race."""
    session.execute(insert(BookingSlot), [
        {"expert_id": booking.expert_id, "slot_start": unit, "booking_id": booking.id}
        for unit in grid_units(booking.starts_at, booking.ends_at)
    ])


def _release(session: Session, booking: Booking) -> None:
    session.execute(delete(BookingSlot).where(BookingSlot.booking_id == booking.id))


def _lookup_key(code: str) -> str:
    """What a failed lookup is counted under: the canonical code, else what was typed."""
    return normalize_code(code) or clean(code).upper()[:16]


def _lookup_buckets(code: str, requester: str) -> list[tuple[Limit, str]]:
    """What blocks a lookup: failures of its conversation, and on its code from there.

    Per conversation, one person cannot try many codes or many phones on one code. An
    unknown requester ("") shares one bucket. Failures on the code from everywhere only
    slow lookups down (``lookup_delay``).
    """
    key = _lookup_key(code)
    return [(REQUESTER_LIMIT, requester or ""), (CODE_REQUESTER_LIMIT, f"{key}|{requester}")]


def lookup_delay(*, session: Session, code: str, now: datetime) -> float:
    """Seconds a lookup on ``code`` should wait first (0 unless it is being guessed at)."""
    return delay_for(session, CODE_LIMIT, _lookup_key(code), now=to_kst(now))


def _authenticate(session: Session, *, code: str, phone: str, requester: str, now: datetime,
                  lock: bool = False) -> Booking | None:
    """The booking if code and phone both match, else None; TooManyAttempts if blocked."""
    wait = retry_after(session, _lookup_buckets(code, requester), now=now)
    if wait is not None:
        raise TooManyAttempts(wait)
    code_n, phone_n = normalize_code(code), normalize_phone(phone or "")
    if code_n is None or phone_n is None:
        return None
    query = select(Booking).where(Booking.code == code_n)
    if lock:  # PostgreSQL: concurrent changes of one booking queue here
        query = query.with_for_update(of=Booking)
    booking = session.scalars(query).first()
    if booking is None or not hmac.compare_digest(booking.phone.encode(), phone_n.encode()):
        return None
    return booking


def _fail(session: Session, *, code: str, requester: str, now: datetime) -> LookupFailed:
    """Record a failed lookup; the LookupFailed returned commits it (``CommittedOutcome``)."""
    record_failure(session, [*_lookup_buckets(code, requester),
                             (CODE_LIMIT, _lookup_key(code))], now=now)
    return LookupFailed()


def _ensure_changeable(booking: Booking, now: datetime) -> None:
    if booking.status == CANCELLED:
        raise NotChangeable(booking.status, "cancelled")
    if booking.status == DONE:
        raise NotChangeable(booking.status, "done")
    if booking.starts_at <= now:
        raise NotChangeable(booking.status, "started")


# --- the API ----------------------------------------------------------------------------------


def consultation_minutes(*, session: Session, field: str) -> int:
    """How long a consultation of ``field`` lasts (the roster's ``consultation_minutes``)."""
    if field not in FIELD_NAMES:
        raise InvalidDetails("field", f"unknown field code {field!r}")
    return minutes_for(session, field)


def check_slot(*, session: Session, field: str, channel: str, start: datetime, now: datetime,
               expert_id: str | None = None) -> Slot:
    """The expert who would take ``start``: the free one with the fewest bookings that day.

    Args:
        expert_id: only consider this expert.

    Raises:
        SlotUnavailable: with the reason and up to five nearest free slots around ``start``.
    """
    _check_codes(field, channel)
    start_n, now_n = to_kst(start), to_kst(now)
    av = load_availability(session, field_code=field, channel=channel, lo=start_n,
                           hi=start_n + GRID, now=now_n, expert_id=expert_id)
    expert, reason = _pick(av, start_n)
    if expert is None:
        raise _unavailable(session, reason, field=field, channel=channel, around=start_n,
                           now=now_n, expert_id=expert_id)
    return _slot(av, start_n, expert)


def free_slots(*, session: Session, field: str, channel: str, start: datetime, end: datetime,
               now: datetime, limit: int = 5, expert_id: str | None = None) -> list[Slot]:
    """Distinct free start times in ``[start, end)``, spread out, chronological.

    A wide window is offered as a menu, not as its first five half-hours: on-the-hour
    starts are preferred and a window spanning days gives at most two per day (a morning
    and an afternoon one) — see ``calendar.spread``.
    """
    _check_codes(field, channel)
    now_n = to_kst(now)
    earliest, latest = bookable_range(now_n)
    lo, hi = max(to_kst(start), earliest), min(to_kst(end), latest + GRID)
    if lo >= hi or limit <= 0:
        return []
    av = load_availability(session, field_code=field, channel=channel, lo=lo, hi=hi,
                           now=now_n, expert_id=expert_id)
    return [_slot(av, t) for t in spread(av.free_starts(lo, hi), limit)]


def nearest_free_slots(*, session: Session, field: str, channel: str, around: datetime,
                       now: datetime, count: int = 5,
                       expert_id: str | None = None) -> list[Slot]:
    """The ``count`` free start times nearest to ``around``, chronological, distinct.

    Never earlier than now + MIN_LEAD nor later than now + HORIZON.
    """
    _check_codes(field, channel)
    return _nearest(session, field=field, channel=channel, around=to_kst(around),
                    now=to_kst(now), count=count, expert_id=expert_id)


def create_booking(*, session: Session, field: str, channel: str, start: datetime,
                   company_name: str, business_number: str, contact_name: str, phone: str,
                   email: str | None, summary: str, conversation_id: str | None,
                   now: datetime, language: str = "ko",
                   expert_id: str | None = None) -> BookingInfo:
    """Book ``start`` and queue the confirmation and the reminder.

    Race-safe in a write unit (``run_write_unit``): if another booking takes the expert
    first, the unit is retried and picks the next free expert at the same time (unless
    ``expert_id`` asks for one person).

    Raises:
        SlotUnavailable: nobody is free then (reason 'taken' if somebody was faster).
        InvalidDetails: a detail is malformed.
        RuntimeError: ``session`` is not a write unit.
    """
    _check_codes(field, channel)
    details = _details(company_name=company_name, business_number=business_number,
                       contact_name=contact_name, phone=phone, email=email, summary=summary,
                       language=language)
    start_n, now_n = to_kst(start), to_kst(now)
    require_write_lock(session)
    av = load_availability(session, field_code=field, channel=channel, lo=start_n,
                           hi=start_n + GRID, now=now_n, expert_id=expert_id)
    expert, reason = _pick(av, start_n)
    if expert is None:
        raise _unavailable(session, reason, field=field, channel=channel,
                           around=start_n, now=now_n, expert_id=expert_id)
    booking = Booking(
        code=_fresh_code(session), field=field, expert_id=expert.id, starts_at=start_n,
        ends_at=av.end(start_n), channel=channel, status=BOOKED, created_at=now_n,
        updated_at=now_n, conversation_id=(conversation_id or "")[:128] or None, **details)
    session.add(booking)
    session.flush()
    _reserve(session, booking)
    outbox.queue(session, booking, "confirmation", now=now_n)
    outbox.queue(session, booking, "reminder", now=now_n)
    session.flush()
    return _info(booking)


def find_booking(*, session: Session, code: str, phone: str, requester: str,
                 now: datetime) -> BookingInfo:
    """The booking with this code, if the phone number matches too (any status).

    Raises:
        LookupFailed: unknown code or wrong phone (the same error: a code's existence is
            never revealed). The failure is recorded in ``session`` and counts towards the
            rate limits (it commits: ``CommittedOutcome``).
        TooManyAttempts: too many recent failures for this requester or code.
    """
    now_n = to_kst(now)
    booking = _authenticate(session, code=code, phone=phone, requester=requester, now=now_n)
    if booking is None:
        raise _fail(session, code=code, requester=requester, now=now_n)
    return _info(booking)


def _change(session: Session, *, code: str, phone: str, requester: str, now: datetime,
            apply: Callable[[Session, Booking], None]) -> BookingInfo:
    """Authenticate, check the booking is changeable, ``apply`` the change.

    The caller's write unit has write-locked the database (SQLite) and the booking row is
    locked here (PostgreSQL), so two changes of one booking cannot interleave; the unit is
    retried by ``run_write_unit`` if it loses a race for a slot.
    """
    require_write_lock(session)
    booking = _authenticate(session, code=code, phone=phone, requester=requester, now=now,
                            lock=True)
    if booking is None:
        raise _fail(session, code=code, requester=requester, now=now)
    _ensure_changeable(booking, now)
    apply(session, booking)
    session.flush()
    return _info(booking)


def reschedule_booking(*, session: Session, code: str, phone: str, new_start: datetime,
                       requester: str, now: datetime) -> BookingInfo:
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
        av = load_availability(session, field_code=booking.field, channel=booking.channel,
                               lo=new_n, hi=new_n + GRID, now=now_n, ignore_booking=booking.id)
        expert, reason = _pick(av, new_n, prefer=booking.expert_id)
        if expert is None:
            raise _unavailable(session, reason, field=booking.field, channel=booking.channel,
                               around=new_n, now=now_n, ignore_booking=booking.id,
                               skip=booking.starts_at)
        previous = booking.starts_at
        _release(session, booking)
        booking.expert = session.get(Expert, expert.id)
        booking.starts_at, booking.ends_at = new_n, av.end(new_n)
        booking.status, booking.updated_at = CHANGED, now_n
        session.flush()
        _reserve(session, booking)
        outbox.cancel_pending_reminders(session, booking.id)
        outbox.queue(session, booking, "rescheduled", now=now_n, previous_start=previous)
        outbox.queue(session, booking, "reminder", now=now_n)

    return _change(session, code=code, phone=phone, requester=requester, now=now_n, apply=move)


def cancel_booking(*, session: Session, code: str, phone: str, requester: str,
                   now: datetime) -> BookingInfo:
    """Cancel a booking: status 취소됨, its slots freed, reminders cancelled, notice queued.

    Raises:
        LookupFailed, TooManyAttempts: as ``find_booking``.
        NotChangeable: already cancelled, completed or started.
    """
    now_n = to_kst(now)

    def cancel(session: Session, booking: Booking) -> None:
        _release(session, booking)
        booking.status, booking.updated_at = CANCELLED, now_n
        outbox.cancel_pending_reminders(session, booking.id)
        outbox.queue(session, booking, "cancelled", now=now_n)

    return _change(session, code=code, phone=phone, requester=requester, now=now_n,
                   apply=cancel)


def list_bookings(*, session: Session, day: date | None = None, expert_id: str | None = None,
                  status: str | None = None) -> list[BookingInfo]:
    """Bookings by start time, optionally of one day (KST), one expert or one status."""
    if status is not None and status not in STATUSES:
        raise InvalidDetails("status", f"status must be one of {', '.join(STATUSES)}")
    query = select(Booking).order_by(Booking.starts_at, Booking.id)
    if day is not None:
        first = datetime.combine(day, time(0))
        query = query.where(Booking.starts_at >= first,
                            Booking.starts_at < first + timedelta(days=1))
    if expert_id is not None:
        query = query.where(Booking.expert_id == expert_id)
    if status is not None:
        query = query.where(Booking.status == status)
    return [_info(b) for b in session.scalars(query)]


def booking_by_code(*, session: Session, code: str) -> BookingInfo | None:
    """The booking with this code, without a phone check — for staff tools and for the
    conversation after it has verified the code and phone once (``find_booking``)."""
    code_n = normalize_code(code)
    if code_n is None:
        return None
    booking = session.scalars(select(Booking).where(Booking.code == code_n)).first()
    return _info(booking) if booking is not None else None


def list_outbox(*, session: Session, pending_only: bool = False) -> list[OutboxItem]:
    """Outbox rows by due time; ``pending_only`` for what a sender has still to send."""
    query = select(OutboxMessage).order_by(OutboxMessage.send_after, OutboxMessage.id)
    if pending_only:
        query = query.where(OutboxMessage.status == outbox.PENDING)
    return [outbox.outbox_item(row) for row in session.scalars(query)]


def mark_sent(*, session: Session, ids: Sequence[int], now: datetime) -> int:
    """Mark pending outbox rows as sent (for the sender); returns how many changed."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.status == outbox.PENDING)
        .values(status=outbox.SENT, sent_at=to_kst(now))
        .execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


def complete_past_bookings(*, session: Session, now: datetime) -> int:
    """Mark live bookings that have ended as 완료; returns how many changed."""
    now_n = to_kst(now)
    result = session.execute(
        update(Booking)
        .where(Booking.status.in_(LIVE_STATUSES), Booking.ends_at <= now_n)
        .values(status=DONE, updated_at=now_n)
        .execution_options(synchronize_session=False))
    return int(result.rowcount or 0)


def list_experts(*, session: Session, field: str | None = None,
                 include_inactive: bool = False) -> list[ExpertSpec]:
    """The roster as loaded, by id; ``field`` keeps the experts of one field code."""
    query = select(Expert).order_by(Expert.id)
    if field is not None:
        query = query.where(Expert.id.in_(
            select(ExpertField.expert_id).where(ExpertField.field_code == field)))
    if not include_inactive:
        query = query.where(Expert.active.is_(True))
    return [expert_spec(row) for row in session.scalars(query)]
