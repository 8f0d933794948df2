"""Dashboard figures: inquiries per field per day, who resolved them, booking conversion.

Computed from ``inquiries`` (the edge syncs them first), ``handoffs`` and ``bookings`` over a window
of days in Seoul time. Small enough to aggregate in Python, which keeps the date
arithmetic identical on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.console.models import Handoff, Inquiry
from bot.db.models import Booking
from bot.fields import FIELD_NAMES


@dataclass
class Stats:
    """The dashboard's numbers for ``days`` days up to and including ``last_day``.

    The counts start at zero so that ``compute`` can tally each inquiry straight into them.
    """

    days: list[str]
    per_field: dict[str, list[int]]
    """Consultation inquiries per field code, one count per day."""
    per_topic: dict[str, int]
    total: int
    resolved_by_bot: int = 0
    handed_off: int = 0
    unresolved: int = 0
    consultations: int = 0
    booked: int = 0

    @property
    def conversion(self) -> float:
        """Share of consultation inquiries that led to a booking in the same conversation."""
        return self.booked / self.consultations if self.consultations else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``/api/stats``, with the conversion rate rounded."""
        return {**asdict(self), "conversion": round(self.conversion, 4)}


def _conversations_among(
    column: InstrumentedAttribute[Any], ids: list[str], *, session: Session
) -> set[str]:
    """Which of the conversations ``ids`` have a row in ``column``'s table.

    Handoffs and bookings are asked the same question; a window without inquiries asks
    the database nothing.
    """
    if not ids:
        return set()
    return set(session.execute(select(column).where(column.in_(ids))).scalars())


def compute(*, session: Session, last_day: date, days: int = 14) -> Stats:
    """Figures for the ``days`` days ending on ``last_day`` (KST)."""
    first = last_day - timedelta(days=days - 1)
    labels = [(first + timedelta(days=i)) for i in range(days)]
    start, end = (
        datetime.combine(first, time()),
        datetime.combine(last_day, time()) + timedelta(days=1),
    )
    topic_col = func.coalesce(Inquiry.label_topic, Inquiry.topic)
    field_col = func.coalesce(Inquiry.label_field, Inquiry.field)
    rows = session.execute(
        select(
            Inquiry.conversation_id, Inquiry.asked_at, topic_col, field_col, Inquiry.status
        ).where(Inquiry.asked_at >= start, Inquiry.asked_at < end)
    ).all()
    ids = [r[0] for r in rows]
    handed = _conversations_among(Handoff.conversation_id, ids, session=session)
    booked = _conversations_among(Booking.conversation_id, ids, session=session)
    figures = Stats(
        days=[d.isoformat() for d in labels],
        per_field={code: [0] * days for code in FIELD_NAMES},
        per_topic={},
        total=len(rows),
    )
    for conversation, asked_at, topic, field_code, status in rows:
        figures.per_topic[topic] = figures.per_topic.get(topic, 0) + 1
        if topic == "consultation":
            figures.consultations += 1
            figures.booked += conversation in booked
            if field_code in figures.per_field:
                figures.per_field[field_code][(asked_at.date() - first).days] += 1
        if conversation in handed:
            figures.handed_off += 1
        elif status in ("answered", "booked"):
            figures.resolved_by_bot += 1
        else:
            figures.unresolved += 1
    return figures
