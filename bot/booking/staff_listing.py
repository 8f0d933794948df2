"""How bookings, outbox rows and experts look in staff tools (``bizcall bookings``).

Listings go to terminals, screenshots and pasted chat messages, so personal data is
masked unless staff ask for it (``--reveal``): names keep their first character, phone
numbers their last four digits, 사업자등록번호 the office and type digits, emails the
first letter and the domain, and free text has every number-like personal datum masked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from bot.booking.calendar import WEEKDAYS, format_interval
from bot.booking.outbox import OutboxItem
from bot.booking.results import BookingInfo
from bot.booking.roster import ExpertSpec
from bot.privacy import mask_business_number, mask_email, mask_phone, mask_text

_STAMP = "%Y-%m-%d %H:%M"


def mask_name(name: str) -> str:
    """``홍길순`` → ``홍*순``, ``김철`` → ``김*``, ``Jane Doe`` → ``J*****e``."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def booking_dict(info: BookingInfo, *, reveal: bool = False) -> dict[str, Any]:
    """The JSON shape of a booking (``bizcall bookings --json``)."""

    def keep(value: str, mask: Any) -> str:
        return value if reveal else mask(value)

    return {
        "code": info.code,
        "status": info.status,
        "field": info.field,
        "channel": info.channel,
        "start": info.start.isoformat(),
        "end": info.end.isoformat(),
        "expert_id": info.expert_id,
        "expert_name": info.expert_name,
        "company_name": info.company_name,
        "business_number": keep(info.business_number, mask_business_number),
        "contact_name": keep(info.contact_name, mask_name),
        "phone": keep(info.phone, mask_phone),
        "email": keep(info.email, mask_email) if info.email else None,
        "summary": keep(info.summary, mask_text),
        "language": info.language,
        "conversation_id": info.conversation_id,
        "created_at": info.created_at.isoformat() if info.created_at else None,
        "updated_at": info.updated_at.isoformat() if info.updated_at else None,
    }


def booking_row(info: BookingInfo, *, reveal: bool = False) -> list[str]:
    """A table row: code, start, field, channel, expert, company, contact, phone, status."""
    return [
        info.code,
        info.start.strftime(_STAMP),
        info.field,
        info.channel,
        info.expert_name,
        info.company_name,
        info.contact_name if reveal else mask_name(info.contact_name),
        info.phone if reveal else mask_phone(info.phone),
        info.status,
    ]


BOOKING_HEADERS = [
    "code",
    "start",
    "field",
    "channel",
    "expert",
    "company",
    "contact",
    "phone",
    "status",
]


def _recipient(item: OutboxItem, reveal: bool) -> str:
    if reveal:
        return item.recipient
    return mask_email(item.recipient) if item.channel == "email" else mask_phone(item.recipient)


def outbox_dict(item: OutboxItem, *, reveal: bool = False) -> dict[str, Any]:
    """The JSON shape of an outbox row (``bizcall bookings outbox --json``)."""
    return {
        "id": item.id,
        "booking_code": item.booking_code,
        "kind": item.kind,
        "channel": item.channel,
        "recipient": _recipient(item, reveal),
        "subject": item.subject,
        "body": item.body if reveal else mask_text(item.body),
        "send_after": item.send_after.isoformat(),
        "status": item.status,
        "created_at": item.created_at.isoformat(),
        "sent_at": item.sent_at.isoformat() if item.sent_at else None,
    }


def outbox_row(item: OutboxItem, *, reveal: bool = False) -> list[str]:
    """A table row: id, code, kind, channel, recipient, due, status."""
    return [
        str(item.id),
        item.booking_code,
        item.kind,
        item.channel,
        _recipient(item, reveal),
        item.send_after.strftime(_STAMP),
        item.status,
    ]


OUTBOX_HEADERS = ["id", "code", "kind", "channel", "recipient", "send after", "status"]


@dataclass(frozen=True)
class Listing:
    """How one kind of item is listed: a JSON object and a table row, both taking ``reveal``.

    Keeps the pieces of one listing together, so a command cannot print bookings under the
    outbox's headers.
    """

    as_dict: Callable[..., dict[str, Any]]
    as_row: Callable[..., list[str]]
    headers: list[str]


BOOKINGS: Final = Listing(booking_dict, booking_row, BOOKING_HEADERS)
OUTBOX: Final = Listing(outbox_dict, outbox_row, OUTBOX_HEADERS)


def hours_summary(spec: ExpertSpec) -> str:
    """``mon-fri 09:00-12:00,13:00-18:00; sat 10:00-13:00``: runs of equal days merged."""
    runs: list[list[int]] = []
    for day in sorted(d for d, intervals in spec.hours.items() if intervals):
        if runs and runs[-1][-1] == day - 1 and spec.hours[runs[-1][-1]] == spec.hours[day]:
            runs[-1].append(day)
        else:
            runs.append([day])
    return "; ".join(
        WEEKDAYS[run[0]]
        + (f"-{WEEKDAYS[run[-1]]}" if len(run) > 1 else "")
        + " "
        + ",".join(format_interval(i) for i in spec.hours[run[0]])
        for run in runs
    )


def expert_dict(spec: ExpertSpec) -> dict[str, Any]:
    """The JSON shape of an expert (``bizcall experts --json``); roster data, not personal."""
    return {
        "id": spec.id,
        "name": spec.name,
        "name_en": spec.name_en,
        "title": spec.title,
        "fields": list(spec.fields),
        "channels": list(spec.channels),
        "hours": spec.hours_text(),
        "time_off": [[a.isoformat(), b.isoformat()] for a, b in spec.time_off],
        "active": spec.active,
    }
