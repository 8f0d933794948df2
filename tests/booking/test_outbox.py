"""Notifications: which rows a booking change writes, when they are due, and what they say."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.booking import outbox, writes
from bot.booking.outbox import OutboxItem, reminder_time
from tests.support.booking import call, write
from tests.support.booking_api import NOW, PHONE, cancel, kst, reschedule

Details = Callable[..., dict[str, Any]]


def _rows(code: str | None = None) -> list[tuple[str, str, str, datetime]]:
    return [
        (o.kind, o.channel, o.status, o.send_after)
        for o in call(outbox.list_outbox)
        if code is None or o.booking_code == code
    ]


def _notice(kind: str) -> OutboxItem:
    """The first outbox row of ``kind`` (``rescheduled``, ``cancelled``, …)."""
    return next(o for o in call(outbox.list_outbox) if o.kind == kind)


def test_reminder_is_the_day_before_at_ten_across_month_and_year() -> None:
    assert reminder_time(datetime(2026, 12, 1, 14)) == datetime(2026, 11, 30, 10)
    assert reminder_time(datetime(2027, 1, 1, 9)) == datetime(2026, 12, 31, 10)


def test_booking_writes_confirmation_now_and_reminder_the_day_before(
    booking_db: str, details: Details
) -> None:
    booking = write(writes.create_booking, **details())
    assert _rows() == [
        ("confirmation", "sms", "pending", NOW),
        ("reminder", "sms", "pending", kst(2026, 12, 2, 10)),
    ]
    confirmation, reminder = call(outbox.list_outbox)
    assert confirmation.recipient == PHONE and confirmation.subject is None
    assert confirmation.body == (
        "[서울비즈콜] 전문가 상담 예약이 확정되었습니다.\n"
        f"예약번호: {booking.code}\n"
        "일시: 12월 3일(목) 오후 2:00 (50분)\n"
        "상담: 세무 · 전화 상담\n"
        "전문가: 가세무 세무사\n"
        "일정 변경이나 취소는 상담 챗봇에서 예약번호와 휴대전화 번호로 하실 수 있습니다."
    )
    assert reminder.body.startswith(
        "[서울비즈콜] 내일 전문가 상담이 예정되어 있어 안내해 드립니다."
    )
    assert "일시: 12월 3일(목) 오후 2:00 (50분)" in reminder.body
    for body in (confirmation.body, reminder.body):
        assert "*" not in body and "220-81" not in body and "홍길순" not in body


def test_email_rows_only_when_the_booking_has_an_email(booking_db: str, details: Details) -> None:
    booking = write(writes.create_booking, **details(email="hong@example.com"))
    assert [(k, c) for k, c, _, _ in _rows()] == [
        ("confirmation", "sms"),
        ("confirmation", "email"),
        ("reminder", "sms"),
        ("reminder", "email"),
    ]
    email = next(o for o in call(outbox.list_outbox) if o.channel == "email")
    assert email.recipient == "hong@example.com"
    assert email.subject == f"[서울비즈콜] 상담 예약 확정 안내 ({booking.code})"
    assert email.body == call(outbox.list_outbox)[0].body


def test_reminder_is_skipped_when_its_time_has_passed(booking_db: str, details: Details) -> None:
    now = kst(2026, 12, 2, 11)  # after 10:00 the day before
    write(writes.create_booking, **details(now=now))
    assert [k for k, *_ in _rows()] == ["confirmation"]
    write(writes.create_booking, **details(now=kst(2026, 12, 2, 9, 59), start=kst(2026, 12, 3, 15)))
    assert [(k, t) for k, _, _, t in _rows()] == [  # by due time
        ("confirmation", kst(2026, 12, 2, 9, 59)),
        ("reminder", kst(2026, 12, 2, 10)),
        ("confirmation", kst(2026, 12, 2, 11)),
    ]


def test_reschedule_cancels_the_old_reminder_and_queues_notice_and_new_reminder(
    booking_db: str, details: Details
) -> None:
    booking = write(writes.create_booking, **details())
    reschedule(booking.code, kst(2026, 12, 8, 10), now=kst(2026, 11, 30, 9, 5))
    assert sorted(_rows()) == sorted(
        [
            ("confirmation", "sms", "pending", NOW),
            ("reminder", "sms", "cancelled", kst(2026, 12, 2, 10)),
            ("rescheduled", "sms", "pending", kst(2026, 11, 30, 9, 5)),
            ("reminder", "sms", "pending", kst(2026, 12, 7, 10)),
        ]
    )
    assert _notice("rescheduled").body == (
        "[서울비즈콜] 상담 예약 일정이 변경되었습니다.\n"
        f"예약번호: {booking.code}\n"
        "변경 전: 12월 3일(목) 오후 2:00\n"
        "변경 후: 12월 8일(화) 오전 10:00 (50분)\n"
        "상담: 세무 · 전화 상담\n"
        "전문가: 가세무 세무사\n"
        "일정 변경이나 취소는 상담 챗봇에서 예약번호와 휴대전화 번호로 하실 수 있습니다."
    )


def test_cancel_cancels_reminders_and_queues_the_notice(booking_db: str, details: Details) -> None:
    booking = write(writes.create_booking, **details(email="hong@example.com"))
    cancel(booking.code)
    assert [(k, c, s) for k, c, s, _ in _rows() if k != "confirmation"] == [
        ("cancelled", "sms", "pending"),
        ("cancelled", "email", "pending"),
        ("reminder", "sms", "cancelled"),
        ("reminder", "email", "cancelled"),
    ]
    assert _notice("cancelled").body == (
        "[서울비즈콜] 상담 예약이 취소되었습니다.\n"
        f"예약번호: {booking.code}\n"
        "취소된 일정: 12월 3일(목) 오후 2:00 (50분)\n"
        "상담: 세무 · 전화 상담\n"
        "전문가: 가세무 세무사\n"
        "다시 상담을 원하시면 언제든 상담 챗봇으로 문의해 주세요."
    )


def test_english_bookings_get_english_texts(booking_db: str, details: Details) -> None:
    booking = write(
        writes.create_booking, **details(language="en", channel="visit", email="jane@example.com")
    )
    sms, email = call(outbox.list_outbox)[:2]
    assert sms.body == (
        "[Seoul BizCall] Your expert consultation is booked.\n"
        f"Booking code: {booking.code}\n"
        "When: Thu, Dec 3, 2:00 PM KST (50 min)\n"
        "Consultation: Tax (in person)\n"
        "Expert: Ga Semu (certified tax accountant)\n"
        "To change or cancel, message our chatbot with your booking code and phone number."
    )
    assert email.subject == f"[Seoul BizCall] Consultation booked ({booking.code})"
    reschedule(booking.code, kst(2026, 12, 8, 10))
    assert _notice("rescheduled").body.splitlines()[:4] == [
        "[Seoul BizCall] Your consultation has been rescheduled.",
        f"Booking code: {booking.code}",
        "Was: Thu, Dec 3, 2:00 PM",
        "Now: Tue, Dec 8, 10:00 AM KST (50 min)",
    ]


def test_english_field_names_come_from_the_catalogue_when_loaded(
    loaded_db: str, details: Details
) -> None:
    from tests.booking.conftest import load_test_roster

    load_test_roster(loaded_db)
    write(writes.create_booking, **details(language="en"))
    assert "Consultation: Tax (phone)" in call(outbox.list_outbox)[0].body


def test_pending_only_and_mark_sent(booking_db: str, details: Details) -> None:
    write(writes.create_booking, **details())
    first = call(outbox.list_outbox)[0]
    assert call(outbox.mark_sent, ids=[first.id], now=kst(2026, 11, 30, 9, 1)) == 1
    assert call(outbox.mark_sent, ids=[first.id], now=kst(2026, 11, 30, 9, 2)) == 0
    pending = call(outbox.list_outbox, pending_only=True)
    assert [o.kind for o in pending] == ["reminder"]
    sent = call(outbox.list_outbox)[0]
    assert (sent.status, sent.sent_at) == ("sent", kst(2026, 11, 30, 9, 1))
