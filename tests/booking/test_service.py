"""The booking API: create, find, reschedule, cancel, lookups and their limits, listings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.booking import lookups, queries, writes
from bot.booking.calendar import MIN_LEAD
from bot.booking.errors import (
    BookingError,
    InvalidDetails,
    LookupFailed,
    NotChangeable,
    SlotUnavailable,
    TooManyAttempts,
)
from bot.booking.results import BookingInfo
from bot.booking.status import BOOKED, CANCELLED, CHANGED, DONE
from bot.clock import SEOUL
from bot.db import session_scope
from bot.db.models import Booking, BookingSlot
from tests.support.booking import call, write
from tests.support.booking_api import (
    NOW,
    PHONE,
    cancel,
    check,
    find,
    free,
    kst,
    nearest,
    refusal,
    reschedule,
)

Details = Callable[..., dict[str, Any]]


def _slots(url: str | None = None) -> list[tuple[str, Any, int]]:
    with session_scope(url) as session:
        return [
            tuple(r)
            for r in session.execute(
                select(
                    BookingSlot.expert_id, BookingSlot.slot_start, BookingSlot.booking_id
                ).order_by(BookingSlot.expert_id, BookingSlot.slot_start)
            )
        ]


def test_happy_path_on_both_databases(any_booking_db: str, details: Details) -> None:
    url = any_booking_db
    created = write(writes.create_booking, **details(url=url, email="Hong@Example.COM"))
    assert created.code.startswith("BZ-") and created.status == BOOKED == "예약됨"
    assert (created.start, created.end) == (kst(2026, 12, 3, 14), kst(2026, 12, 3, 14, 50))
    assert created.expert_id == "a-tax" and created.expert_name == "가세무"
    assert created.email == "Hong@example.com" and created.phone == PHONE
    assert created.business_number == "220-81-62517" and created.start.tzinfo is SEOUL
    assert len(_slots(url)) == 2

    typed = created.code.lower().replace("-", " ")
    found = find(typed, phone="010 1234 5678", requester="conv-9", url=url)
    assert found == created

    moved = reschedule(
        created.code, kst(2026, 12, 4, 10), phone="+82 10-1234-5678", requester="conv-9", url=url
    )
    assert moved.status == CHANGED == "변경됨"
    assert (moved.start, moved.end) == (kst(2026, 12, 4, 10), kst(2026, 12, 4, 10, 50))
    assert (moved.field, moved.channel, moved.code) == ("tax", "phone", created.code)
    assert [s[1].hour for s in _slots(url)] == [10, 10]

    cancelled = cancel(created.code, requester="conv-9", url=url)
    assert cancelled.status == CANCELLED == "취소됨"
    assert _slots(url) == []
    assert call(queries.booking_by_code, code=created.code, url=url).status == "취소됨"


def test_first_free_expert_is_the_least_busy_that_day_then_by_id(
    booking_db: str, details: Details
) -> None:
    at = kst(2026, 12, 3, 14)
    first = check(at)
    assert first.expert_id == "a-tax"
    # a-tax now has one that day
    write(writes.create_booking, **details(start=kst(2026, 12, 3, 16)))
    slot = check(at)
    assert (slot.expert_id, slot.expert_name) == ("b-tax", "나회계")
    assert slot.end - slot.start == timedelta(minutes=50)


def test_law_consultations_take_their_configured_length(booking_db: str, details: Details) -> None:
    booking = write(writes.create_booking, **details(field="law", start=kst(2026, 12, 3, 9)))
    assert booking.end == kst(2026, 12, 3, 10, 20)
    assert [s[1].strftime("%H:%M") for s in _slots()] == ["09:00", "09:30", "10:00"]
    with pytest.raises(SlotUnavailable) as info:  # 10:00 overlaps the third unit
        write(writes.create_booking, **details(field="law", start=kst(2026, 12, 3, 10)))
    assert info.value.reason == "taken"
    assert write(writes.create_booking, **details(field="law", start=kst(2026, 12, 3, 10, 30)))


def test_taken_slot_offers_nearest_alternatives(booking_db: str, details: Details) -> None:
    write(writes.create_booking, **details(start=kst(2026, 12, 3, 10), expert_id="a-tax"))
    refused = refusal(kst(2026, 12, 3, 10))
    starts = [a.start for a in refused.alternatives]
    assert refused.reason == "taken"
    # 9:30 would run into 10:00, 11:30 into lunch; b-tax only works afternoons.
    assert starts == [
        kst(2026, 12, 3, 9),
        kst(2026, 12, 3, 11),
        kst(2026, 12, 3, 13),
        kst(2026, 12, 3, 13, 30),
        kst(2026, 12, 3, 14),
    ]


def test_free_slots_and_nearest_free_slots(booking_db: str) -> None:
    week = free(kst(2026, 12, 1), kst(2026, 12, 8))
    assert [s.start for s in week] == [
        kst(2026, 12, 1, 9),
        kst(2026, 12, 1, 13),
        kst(2026, 12, 2, 9),
        kst(2026, 12, 2, 13),
        kst(2026, 12, 3, 9),
    ]
    assert len({s.start for s in week}) == 5
    saturday = nearest(kst(2026, 12, 5, 12), 3)
    # Saturday: b-tax works 10–12, so 11:00 is the last start that fits.
    assert [s.start for s in saturday] == [
        kst(2026, 12, 5, 10),
        kst(2026, 12, 5, 10, 30),
        kst(2026, 12, 5, 11),
    ]
    assert all(s.start >= NOW + MIN_LEAD for s in saturday)
    assert free(kst(2026, 11, 1), kst(2026, 11, 2)) == []


def test_nearest_slots_are_the_closest_in_either_direction(booking_db: str) -> None:
    # 11:30 + 50 minutes would run into lunch, so 11:00 is the last morning start.
    assert [s.start for s in nearest(kst(2026, 12, 3, 12), 4)] == [
        kst(2026, 12, 3, 10, 30),
        kst(2026, 12, 3, 11),
        kst(2026, 12, 3, 13),
        kst(2026, 12, 3, 13, 30),
    ]


def test_requested_expert_who_does_not_serve_is_no_expert(
    booking_db: str, details: Details
) -> None:
    with pytest.raises(SlotUnavailable) as info:
        write(writes.create_booking, **details(expert_id="c-law"))
    assert info.value.reason == "no_expert" and info.value.alternatives == []


@pytest.mark.parametrize(
    ("override", "detail"),
    [
        ({"phone": "12345"}, "phone"),
        ({"business_number": "123-45-67890"}, "business_number"),
        ({"email": "not-an-email"}, "email"),
        ({"company_name": "  "}, "company_name"),
        ({"contact_name": ""}, "contact_name"),
        ({"language": "jp"}, "language"),
        ({"field": "astrology"}, "field"),
        ({"channel": "fax"}, "channel"),
    ],
)
def test_invalid_details_are_refused_before_touching_the_database(
    booking_db: str, details: Details, override: dict[str, Any], detail: str
) -> None:
    with pytest.raises(InvalidDetails) as info:
        write(writes.create_booking, **details(**override))
    assert info.value.detail == detail and isinstance(info.value, ValueError)
    assert call(queries.list_bookings) == []


def test_pre_founders_book_without_a_business_number(booking_db: str, details: Details) -> None:
    booking = write(writes.create_booking, **details(business_number="  "))
    assert booking.business_number == ""


def test_summary_is_one_trimmed_line(booking_db: str, details: Details) -> None:
    booking = write(writes.create_booking, **details(summary="  첫 줄\n둘째 줄\t" + "가" * 300))
    assert "\n" not in booking.summary and booking.summary.startswith("첫 줄 둘째 줄 가")
    assert len(booking.summary) == 200 and booking.summary.endswith("…")


def test_naive_datetimes_are_refused(booking_db: str, details: Details) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        write(writes.create_booking, **details(start=kst(2026, 12, 3, 14).replace(tzinfo=None)))


# --- lookups ----------------------------------------------------------------------------------


@pytest.fixture()
def booked(booking_db: str, details: Details) -> BookingInfo:
    return write(writes.create_booking, **details())


def _lookup_error(code: str, phone: str, requester: str = "conv-x", now: Any = NOW) -> BookingError:
    with pytest.raises(BookingError) as info:
        find(code, phone=phone, requester=requester, now=now)
    return info.value


def test_wrong_code_and_wrong_phone_give_the_same_error(booked: BookingInfo) -> None:
    other = "BZ-2222" if booked.code != "BZ-2222" else "BZ-3333"
    errors = [
        _lookup_error(other, PHONE),
        _lookup_error(booked.code, "010-9999-9999"),
        _lookup_error("garbage", PHONE),
        _lookup_error(booked.code, "not a phone"),
    ]
    assert all(type(e) is LookupFailed for e in errors)
    assert len({str(e) for e in errors}) == 1
    assert str(errors[0]) == "예약번호 또는 전화번호가 일치하지 않습니다."


def test_five_failures_block_the_requester_for_fifteen_minutes(booked: BookingInfo) -> None:
    for minute in range(5):
        now = NOW + timedelta(minutes=minute)
        assert isinstance(_lookup_error(booked.code, "010-0000-0000", now=now), LookupFailed)
    blocked = _lookup_error(booked.code, PHONE, now=NOW + timedelta(minutes=5))
    assert isinstance(blocked, TooManyAttempts)
    assert blocked.retry_after == timedelta(minutes=10)  # the first failure ages out at 09:15
    # Another conversation is not blocked; the blocked one is again once the window passes.
    assert find(booked.code, requester="someone-else", now=NOW + timedelta(minutes=5)).code == (
        booked.code
    )
    assert find(booked.code, now=NOW + timedelta(minutes=15)).code == booked.code


def test_successful_lookups_do_not_count(booked: BookingInfo) -> None:
    for _ in range(8):
        find(booked.code)
    for _ in range(4):
        _lookup_error(booked.code, "010-0000-0000")
    assert find(booked.code).code == booked.code


def test_strangers_failing_on_a_code_slow_it_down_but_never_lock_the_owner_out(
    booked: BookingInfo,
) -> None:
    for i in range(11):
        assert isinstance(
            _lookup_error(
                booked.code.lower(),
                f"010-0000-00{i:02d}",
                requester=f"attacker-{i}",
                now=NOW + timedelta(minutes=i),
            ),
            LookupFailed,
        )
    at = NOW + timedelta(minutes=11)
    assert call(lookups.lookup_delay, code=booked.code, now=at) == 2.0  # 11 failures: 2**(11-10)
    assert call(lookups.lookup_delay, code="BZ-9999", now=at) == 0.0
    assert find(booked.code, requester="the-owner", now=at).code == booked.code
    assert cancel(booked.code, requester="the-owner", now=at).status == "취소됨"


def test_one_conversation_guessing_one_code_is_blocked(booked: BookingInfo) -> None:
    for minute in range(5):
        _lookup_error(
            booked.code,
            f"010-0000-000{minute}",
            requester="guesser",
            now=NOW + timedelta(minutes=minute),
        )
    blocked = _lookup_error(booked.code, PHONE, requester="guesser", now=NOW + timedelta(minutes=5))
    assert isinstance(blocked, TooManyAttempts)


def test_reschedule_and_cancel_check_code_and_phone_too(booked: BookingInfo) -> None:
    with pytest.raises(LookupFailed):
        reschedule(booked.code, kst(2026, 12, 4, 10), phone="010-0000-0000")
    with pytest.raises(LookupFailed):
        cancel(booked.code, phone="010-0000-0000")
    assert call(queries.booking_by_code, code=booked.code).status == BOOKED


# --- changes ----------------------------------------------------------------------------------


def test_cancelled_or_started_bookings_are_not_changeable(booked: BookingInfo) -> None:
    started = booked.start + timedelta(minutes=10)
    with pytest.raises(NotChangeable) as info:
        cancel(booked.code, now=started)
    assert (info.value.status, info.value.reason) == ("예약됨", "started")
    cancel(booked.code)
    for change in (
        lambda: cancel(booked.code),
        lambda: reschedule(booked.code, kst(2026, 12, 4, 10)),
    ):
        with pytest.raises(NotChangeable) as info:
            change()
        assert (info.value.status, info.value.reason) == ("취소됨", "cancelled")


def test_completed_bookings_are_not_changeable(booked: BookingInfo) -> None:
    assert call(writes.complete_past_bookings, now=kst(2026, 12, 3, 14, 49)) == 0
    assert call(writes.complete_past_bookings, now=kst(2026, 12, 3, 15)) == 1
    with pytest.raises(NotChangeable) as info:
        cancel(booked.code)
    assert info.value.status == DONE == "완료"


def test_reschedule_keeps_the_expert_when_free_and_may_overlap_itself(booked: BookingInfo) -> None:
    moved = reschedule(booked.code, kst(2026, 12, 3, 14, 30))
    assert moved.expert_id == booked.expert_id == "a-tax"
    assert [s[1].strftime("%H:%M") for s in _slots()] == ["14:30", "15:00"]


def test_reschedule_may_change_expert(booking_db: str, details: Details) -> None:
    mine = write(writes.create_booking, **details())
    write(
        writes.create_booking,
        **details(start=kst(2026, 12, 4, 15), expert_id="a-tax", phone="010-2222-3333"),
    )
    moved = reschedule(mine.code, kst(2026, 12, 4, 15))
    assert moved.expert_id == "b-tax" and moved.expert_name == "나회계"
    assert ("a-tax", kst(2026, 12, 3, 14).replace(tzinfo=None), 1) not in _slots()


def test_reschedule_to_a_taken_time_keeps_the_booking(booking_db: str, details: Details) -> None:
    mine = write(writes.create_booking, **details(start=kst(2026, 12, 3, 10)))
    write(writes.create_booking, **details(start=kst(2026, 12, 4, 10), phone="010-2222-3333"))
    with pytest.raises(SlotUnavailable) as info:
        reschedule(mine.code, kst(2026, 12, 4, 10))
    assert info.value.reason == "taken"
    starts = [a.start for a in info.value.alternatives]
    assert starts and kst(2026, 12, 3, 10) not in starts and kst(2026, 12, 4, 10) not in starts
    after = call(queries.booking_by_code, code=mine.code)
    assert (after.start, after.status) == (kst(2026, 12, 3, 10), BOOKED)
    with pytest.raises(SlotUnavailable) as closed:
        reschedule(mine.code, kst(2026, 12, 25, 10))
    assert closed.value.reason == "closed"


def test_cancel_frees_the_slot_for_someone_else(booking_db: str, details: Details) -> None:
    first = write(writes.create_booking, **details(start=kst(2026, 12, 3, 10), expert_id="a-tax"))
    with pytest.raises(SlotUnavailable):
        write(writes.create_booking, **details(start=kst(2026, 12, 3, 10), expert_id="a-tax"))
    cancel(first.code)
    second = write(writes.create_booking, **details(start=kst(2026, 12, 3, 10), expert_id="a-tax"))
    assert second.code != first.code and second.expert_id == "a-tax"


# --- listings ---------------------------------------------------------------------------------


def test_list_bookings_filters_by_day_expert_and_status(booking_db: str, details: Details) -> None:
    a = write(writes.create_booking, **details(start=kst(2026, 12, 3, 14)))
    b = write(writes.create_booking, **details(start=kst(2026, 12, 3, 14)))
    c = write(writes.create_booking, **details(start=kst(2026, 12, 4, 9)))
    cancel(c.code)
    assert [x.code for x in call(queries.list_bookings)] == [a.code, b.code, c.code]
    assert [x.code for x in call(queries.list_bookings, day=date(2026, 12, 3))] == [a.code, b.code]
    assert [x.code for x in call(queries.list_bookings, expert_id="b-tax")] == [b.code]
    assert [x.code for x in call(queries.list_bookings, status="취소됨")] == [c.code]
    with pytest.raises(InvalidDetails):
        call(queries.list_bookings, status="cancelled")


def test_booking_by_code_accepts_typed_variants(booked: BookingInfo) -> None:
    assert call(queries.booking_by_code, code=booked.code.replace("-", "").lower()) == booked
    other = "BZ-2345" if booked.code != "BZ-2345" else "BZ-3456"
    assert call(queries.booking_by_code, code=other) is None
    assert call(queries.booking_by_code, code="nonsense") is None


def test_codes_are_unique_even_when_the_generator_repeats(
    booking_db: str, details: Details, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = iter(["BZ-AAAA", "BZ-AAAA", "BZ-AAAA", "BZ-BBBB"])
    monkeypatch.setattr(writes, "new_code", lambda: next(codes))
    first = write(writes.create_booking, **details())
    second = write(writes.create_booking, **details())
    assert (first.code, second.code) == ("BZ-AAAA", "BZ-BBBB")
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(Booking)) == 2


def test_writes_refuse_a_session_without_the_write_lock(booking_db: str, details: Details) -> None:
    # Without BEGIN IMMEDIATE first, concurrent writers on SQLite fail instead of queueing.
    with pytest.raises(RuntimeError, match="write unit"), session_scope() as session:
        writes.create_booking(session=session, **details())
    assert call(queries.list_bookings) == []
