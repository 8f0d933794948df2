"""Which experts are free when: one snapshot of the roster and reservations per search.

A search reads everything it needs for its window in three small queries (experts of the
field, reserved units, bookings per day) and then answers "who is free at 14:00?" for
hundreds of grid points in memory. The snapshot is only advice: the reservation itself is
guarded by the ``booking_slots`` primary key when the booking is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.booking.calendar import (
    bookable_range,
    fits_hours,
    floor_to_grid,
    grid_points,
    grid_units,
    holiday_name,
    on_grid,
    overlaps_time_off,
)
from bot.booking.roster import DEFAULT_MINUTES, ExpertSpec, expert_spec
from bot.booking.status import LIVE_STATUSES
from bot.db.models import Booking, BookingSlot, ClosedDay, ConsultationLength, Expert, ExpertField


def minutes_for(field_code: str, *, session: Session) -> int:
    """Consultation length of a field from the loaded roster (``DEFAULT_MINUTES`` if none)."""
    minutes = session.scalar(
        select(ConsultationLength.minutes).where(ConsultationLength.field_code == field_code)
    )
    return int(minutes) if minutes else DEFAULT_MINUTES


@dataclass
class Availability:
    """The experts who serve one field and channel, and what is already reserved.

    All datetimes are naive KST.
    """

    experts: tuple[ExpertSpec, ...]
    """Active experts serving the field and channel, by id."""
    minutes: int
    now: datetime
    closed: Mapping[date, str] = field(default_factory=dict)
    busy: frozenset[tuple[str, datetime]] = frozenset()
    """``(expert_id, unit start)`` reserved by live bookings."""
    load: Counter[tuple[str, date]] = field(default_factory=Counter)
    """Live bookings per ``(expert_id, day)``: the tie-break that spreads work evenly."""

    @property
    def earliest(self) -> datetime:
        """The first bookable grid point."""
        return bookable_range(self.now)[0]

    @property
    def latest(self) -> datetime:
        """The last bookable start (inclusive)."""
        return bookable_range(self.now)[1]

    def end(self, start: datetime) -> datetime:
        """When a consultation starting at ``start`` ends."""
        return start + timedelta(minutes=self.minutes)

    def scheduled(self, start: datetime) -> list[ExpertSpec]:
        """Experts whose hours contain the consultation, on a grid start and a working day."""
        if not on_grid(start) or holiday_name(start.date(), self.closed):
            return []
        return [e for e in self.experts if fits_hours(e.hours, start, self.minutes)]

    def free(self, start: datetime) -> list[ExpertSpec]:
        """Scheduled experts who are neither away nor reserved, fewest bookings that day first.

        Ties go to the smaller id, so the choice is deterministic.
        """
        end = self.end(start)
        units = grid_units(start, end)
        free = [
            e
            for e in self.scheduled(start)
            if not overlaps_time_off(e.time_off, start, end)
            and not any((e.id, u) in self.busy for u in units)
        ]
        return sorted(free, key=lambda e: (self.load[(e.id, start.date())], e.id))

    def free_starts(self, lo: datetime, hi: datetime) -> list[datetime]:
        """Bookable grid points in ``[lo, hi)`` where some expert is free, in order."""
        earliest, latest = bookable_range(self.now)
        return [t for t in grid_points(max(lo, earliest), hi) if t <= latest and self.free(t)]


@dataclass(frozen=True)
class Scope:
    """What every availability read of one request shares, whatever window it reads.

    A refused booking reads again around the refused time for alternatives, and must see
    the same experts and reservations as the check did.
    """

    field: str
    """The field code."""
    channel: str
    now: datetime
    """Naive KST."""
    expert_id: str | None = None
    """Only this expert (a request for a particular person)."""
    ignore_booking: int | None = None
    """Treat this booking's reservation as free: a reschedule may move a booking onto time
    it occupies itself."""


def load_availability(
    scope: Scope, *, session: Session, lo: datetime, hi: datetime
) -> Availability:
    """Read what a search of starts in ``[lo, hi)`` (naive KST) within ``scope`` needs."""
    query = (
        select(Expert)
        .join(ExpertField)
        .where(ExpertField.field_code == scope.field, Expert.active.is_(True))
        .order_by(Expert.id)
    )
    if scope.expert_id is not None:
        query = query.where(Expert.id == scope.expert_id)
    experts = tuple(
        spec
        for spec in map(expert_spec, session.scalars(query).unique())
        if spec.serves(scope.field, scope.channel)
    )
    minutes = minutes_for(scope.field, session=session)
    ids = [e.id for e in experts]
    first = floor_to_grid(lo)
    last = hi + timedelta(minutes=minutes)
    closed = {
        d: n
        for d, n in session.execute(
            select(ClosedDay.day, ClosedDay.name).where(
                ClosedDay.day >= first.date(), ClosedDay.day <= last.date()
            )
        )
    }
    slots = select(BookingSlot.expert_id, BookingSlot.slot_start).where(
        BookingSlot.expert_id.in_(ids),
        BookingSlot.slot_start >= first,
        BookingSlot.slot_start < last,
    )
    day_starts = select(Booking.expert_id, Booking.starts_at).where(
        Booking.expert_id.in_(ids),
        Booking.status.in_(LIVE_STATUSES),
        Booking.starts_at >= datetime.combine(first.date(), time(0)),
        Booking.starts_at < datetime.combine(last.date() + timedelta(days=1), time(0)),
    )
    if scope.ignore_booking is not None:
        slots = slots.where(BookingSlot.booking_id != scope.ignore_booking)
        day_starts = day_starts.where(Booking.id != scope.ignore_booking)
    busy = frozenset((e, s) for e, s in session.execute(slots))
    load = Counter((e, s.date()) for e, s in session.execute(day_starts))
    return Availability(
        experts=experts, minutes=minutes, now=scope.now, closed=closed, busy=busy, load=load
    )
