"""Finding a booking by code and phone together, with limits on guessing.

An unknown code and a wrong phone fail alike (``LookupFailed``), so a code's existence is
never revealed. Failures are counted in ``failed_attempts`` (``bot/ratelimit.py``) per
conversation and per code. Functions take the caller's ``session`` (keyword-only) and
never open one: the edge — an action, a web handler, the CLI — owns the unit of work.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.booking.codes import normalize_code
from bot.booking.errors import LookupFailed, TooManyAttempts
from bot.booking.results import BookingInfo, booking_info
from bot.clock import to_kst
from bot.db.models import Booking
from bot.ratelimit import Limit, delay_for, record_failure, retry_after
from bot.text import clean
from bot.validation import normalize_phone

REQUESTER_LIMIT: Final = Limit("lookup_requester", 5, timedelta(minutes=15))
"""Failed lookups one conversation may make (code and phone must both match)."""


CODE_REQUESTER_LIMIT: Final = Limit("lookup_code_requester", 5, timedelta(minutes=15))
"""Failed lookups on one code from one conversation."""


CODE_LIMIT: Final = Limit("lookup_code", 10, timedelta(hours=1))
"""Failed lookups on one code from all conversations together: past it, every lookup on
the code waits (``lookup_delay``) instead of being refused, so the owner is never locked
out by strangers."""


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
    return delay_for(CODE_LIMIT, _lookup_key(code), now=to_kst(now), session=session)


def authenticate(
    *, session: Session, code: str, phone: str, requester: str, now: datetime, lock: bool = False
) -> Booking | None:
    """The booking if code and phone both match, else None; TooManyAttempts if blocked."""
    wait = retry_after(_lookup_buckets(code, requester), now=now, session=session)
    if wait is not None:
        raise TooManyAttempts(wait)
    code_n, phone_n = normalize_code(code), normalize_phone(phone or "")
    if code_n is None or phone_n is None:
        return None
    query = select(Booking).where(Booking.code == code_n)
    if lock:  # PostgreSQL: concurrent changes of one booking queue here
        query = query.with_for_update(of=Booking)
    booking: Booking | None = session.scalars(query).first()
    if booking is None or not hmac.compare_digest(booking.phone.encode(), phone_n.encode()):
        return None
    return booking


def failed_lookup(*, session: Session, code: str, requester: str, now: datetime) -> LookupFailed:
    """Record a failed lookup; the LookupFailed returned commits it (``CommittedOutcome``)."""
    record_failure(
        [*_lookup_buckets(code, requester), (CODE_LIMIT, _lookup_key(code))],
        now=now,
        session=session,
    )
    return LookupFailed()


def find_booking(
    *, session: Session, code: str, phone: str, requester: str, now: datetime
) -> BookingInfo:
    """The booking with this code, if the phone number matches too (any status).

    Raises:
        LookupFailed: unknown code or wrong phone (the same error: a code's existence is
            never revealed). The failure is recorded in ``session`` and counts towards the
            rate limits (it commits: ``CommittedOutcome``).
        TooManyAttempts: too many recent failures for this requester or code.
    """
    now_n = to_kst(now)
    booking = authenticate(session=session, code=code, phone=phone, requester=requester, now=now_n)
    if booking is None:
        raise failed_lookup(session=session, code=code, requester=requester, now=now_n)
    return booking_info(booking)
