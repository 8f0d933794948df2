"""Notification texts and the outbox they wait in.

Bookings do not send anything themselves: they write outbox rows in the same transaction
as the booking change, so a notification exists if and only if the change committed, and
a separate sender (SMS gateway, mailer) delivers rows whose ``send_after`` has come. A
reschedule or cancel cancels the pending reminders of the old time in that transaction.

Texts are SMS-sized, polite Korean (존댓말) — or English for bookings made in English —
and name everything a person needs to recognise the appointment: the code, day and time
("12월 3일(목) 오후 2:00", bot/booking/format.py like every other place a time is shown),
field, channel and expert. They never include the
business number, and the email text is the SMS text with a subject line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Final

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.booking.channels import channel_label
from bot.booking.format import format_when
from bot.booking.roster import TITLES
from bot.clock import from_kst, to_kst
from bot.db.models import Booking, OutboxMessage
from bot.db.models import Field as FieldRow
from bot.db.rows import same_named
from bot.fields import FIELD_NAMES

KINDS: Final = ("confirmation", "reminder", "rescheduled", "cancelled")
REMINDER_AT: Final = time(10, 0)
"""Reminders go out the day before the consultation at this time (KST)."""
PENDING, SENT, CANCELLED = "pending", "sent", "cancelled"

_SUBJECTS: Final = {
    "ko": {
        "confirmation": "상담 예약 확정 안내",
        "reminder": "내일 상담 일정 안내",
        "rescheduled": "상담 일정 변경 안내",
        "cancelled": "상담 예약 취소 안내",
    },
    "en": {
        "confirmation": "Consultation booked",
        "reminder": "Your consultation is tomorrow",
        "rescheduled": "Consultation rescheduled",
        "cancelled": "Consultation cancelled",
    },
}
_HEADS: Final = {
    "ko": {
        "confirmation": "전문가 상담 예약이 확정되었습니다.",
        "reminder": "내일 전문가 상담이 예정되어 있어 안내해 드립니다.",
        "rescheduled": "상담 예약 일정이 변경되었습니다.",
        "cancelled": "상담 예약이 취소되었습니다.",
    },
    "en": {
        "confirmation": "Your expert consultation is booked.",
        "reminder": "A reminder: your expert consultation is tomorrow.",
        "rescheduled": "Your consultation has been rescheduled.",
        "cancelled": "Your consultation has been cancelled.",
    },
}
_TAILS: Final = {
    "ko": {
        "confirmation": "일정 변경이나 취소는 상담 챗봇에서 예약번호와 휴대전화 번호로 하실 수 "
        "있습니다.",
        "reminder": "참석이 어려우시면 상담 챗봇에서 미리 변경하거나 취소해 주세요.",
        "rescheduled": "일정 변경이나 취소는 상담 챗봇에서 예약번호와 휴대전화 번호로 하실 수 "
        "있습니다.",
        "cancelled": "다시 상담을 원하시면 언제든 상담 챗봇으로 문의해 주세요.",
    },
    "en": {
        "confirmation": "To change or cancel, message our chatbot with your booking code and "
        "phone number.",
        "reminder": "If you cannot make it, please change or cancel it in our chatbot.",
        "rescheduled": "To change or cancel, message our chatbot with your booking code and "
        "phone number.",
        "cancelled": "If you would like another consultation, just ask our chatbot.",
    },
}
_BRAND: Final = {"ko": "[서울비즈콜]", "en": "[Seoul BizCall]"}
_LABELS: Final = {
    "ko": {
        "code": "예약번호",
        "was": "변경 전",
        "now": "변경 후",
        "when": "일시",
        "cancelled": "취소된 일정",
        "consultation": "상담",
        "expert": "전문가",
    },
    "en": {
        "code": "Booking code",
        "was": "Was",
        "now": "Now",
        "when": "When",
        "cancelled": "Cancelled",
        "consultation": "Consultation",
        "expert": "Expert",
    },
}


@dataclass(frozen=True)
class Message:
    """A rendered notification: ``subject`` is used by email only."""

    subject: str
    body: str


@dataclass(frozen=True)
class OutboxItem:
    """An outbox row as staff tools and senders see it (times aware, Asia/Seoul)."""

    id: int
    booking_code: str
    kind: str
    channel: str
    recipient: str
    subject: str | None
    body: str
    send_after: datetime
    status: str
    created_at: datetime
    sent_at: datetime | None = None


def render(
    kind: str,
    booking: Booking,
    *,
    field_en: str | None = None,
    previous_start: datetime | None = None,
) -> Message:
    """The notification of ``kind`` for ``booking`` (a row with its expert), in its language.

    Args:
        field_en: the field's English name (from the catalogue), for English texts.
        previous_start: the old start of a rescheduled booking (naive KST).
    """
    lang = "en" if booking.language == "en" else "ko"
    minutes = int((booking.ends_at - booking.starts_at).total_seconds() // 60)
    expert, labels = booking.expert, _LABELS[lang]
    if lang == "en":
        duration = f"KST ({minutes} min)"
        consultation = (
            f"{field_en or booking.field.capitalize()} " f"({channel_label(booking.channel, 'en')})"
        )
        who = f"{expert.name_en or expert.name} ({TITLES.get(expert.title, expert.title)})"
    else:
        duration = f"({minutes}분)"
        consultation = (
            f"{FIELD_NAMES.get(booking.field, booking.field)} · "
            f"{channel_label(booking.channel, 'ko')} 상담"
        )
        who = f"{expert.name} {expert.title}"
    lines = [f"{_BRAND[lang]} {_HEADS[lang][kind]}", f"{labels['code']}: {booking.code}"]
    if previous_start is not None:
        lines.append(f"{labels['was']}: {format_when(previous_start, lang)}")
    label = (
        labels["cancelled"]
        if kind == "cancelled"
        else (labels["now"] if previous_start is not None else labels["when"])
    )
    lines += [
        f"{label}: {format_when(booking.starts_at, lang)} {duration}",
        f"{labels['consultation']}: {consultation}",
        f"{labels['expert']}: {who}",
        _TAILS[lang][kind],
    ]
    return Message(
        subject=f"{_BRAND[lang]} {_SUBJECTS[lang][kind]} ({booking.code})", body="\n".join(lines)
    )


def reminder_time(start: datetime) -> datetime:
    """When the reminder of a consultation at ``start`` goes out: 10:00 the day before."""
    return datetime.combine(start.date() - timedelta(days=1), REMINDER_AT)


def queue(
    booking: Booking,
    kind: str,
    *,
    session: Session,
    now: datetime,
    previous_start: datetime | None = None,
) -> list[OutboxMessage]:
    """Write the ``kind`` notification of ``booking`` as SMS (and email if it has one).

    Reminders are scheduled for ``reminder_time``; one whose time has already passed is
    not written at all (a late reminder after a same-day confirmation is only noise).
    Everything else is due at ``now``. Times are naive KST.
    """
    send_after = now
    if kind == "reminder":
        send_after = reminder_time(booking.starts_at)
        if send_after <= now:
            return []
    field_en = None
    if booking.language == "en":
        field_en = session.scalar(select(FieldRow.name_en).where(FieldRow.code == booking.field))
    message = render(kind, booking, field_en=field_en, previous_start=previous_start)
    # (channel, recipient, subject): a text message always, an email when there is an address
    targets: list[tuple[str, str, str | None]] = [("sms", booking.phone, None)]
    if booking.email:
        targets.append(("email", booking.email, message.subject))
    rows = [
        OutboxMessage(
            booking_id=booking.id,
            kind=kind,
            channel=channel,
            recipient=recipient,
            subject=subject,
            body=message.body,
            send_after=send_after,
            status=PENDING,
            created_at=now,
        )
        for channel, recipient, subject in targets
    ]
    session.add_all(rows)
    return rows


def cancel_pending_reminders(booking_id: int, *, session: Session) -> int:
    """Cancel the reminders of a booking that have not gone out; returns how many."""
    result = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.booking_id == booking_id,
            OutboxMessage.kind == "reminder",
            OutboxMessage.status == PENDING,
        )
        .values(status=CANCELLED)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def outbox_item(row: OutboxMessage) -> OutboxItem:
    """The public view of an outbox row."""
    return OutboxItem(
        **same_named(row, ("id", "kind", "channel", "recipient", "subject", "body", "status")),
        booking_code=row.booking.code,
        send_after=from_kst(row.send_after),
        created_at=from_kst(row.created_at),
        sent_at=from_kst(row.sent_at) if row.sent_at else None,
    )


def list_outbox(*, session: Session, pending_only: bool = False) -> list[OutboxItem]:
    """Outbox rows by due time; ``pending_only`` for what a sender has still to send."""
    query = select(OutboxMessage).order_by(OutboxMessage.send_after, OutboxMessage.id)
    if pending_only:
        query = query.where(OutboxMessage.status == PENDING)
    return [outbox_item(row) for row in session.scalars(query)]


def mark_sent(*, session: Session, ids: Sequence[int], now: datetime) -> int:
    """Mark pending outbox rows as sent (for the sender); returns how many changed."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(list(ids)), OutboxMessage.status == PENDING)
        .values(status=SENT, sent_at=to_kst(now))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)
