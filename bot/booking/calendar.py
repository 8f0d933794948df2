"""Working hours, Korean public holidays and the start-time grid, as pure functions.

Everything here works on naive Asia/Seoul wall-clock times. Korea has no daylight saving
time, so a naive KST value names exactly one instant and arithmetic on it is exact; the
booking API converts its aware datetimes at the boundary (``bot.clock.to_kst``/``from_kst``).
Nothing here touches the database, so the rules can be tested exhaustively and cheaply.

Rules (docs/booking.md):

* Consultations start on a 30-minute grid (10:00, 10:30, ...). A consultation occupies
  ``[start, start + minutes)`` and must fit inside one of the expert's working intervals
  of that weekday; the 30-minute units it touches are what ``booking_slots`` reserves.
* Korean public holidays — including substitute holidays (대체공휴일) — are closed, from
  the ``holidays`` package's South Korea calendar, plus any extra closed days the roster
  lists (temporary holidays are announced at short notice and newer than any package).
* A start must be at least ``MIN_LEAD`` after now and at most ``HORIZON`` after now.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Final

import holidays

GRID: Final = timedelta(minutes=30)
"""Start times and reserved units are multiples of this."""
MIN_LEAD: Final = timedelta(hours=1)
"""The earliest bookable start is this long after now: an expert needs a moment to prepare."""
HORIZON: Final = timedelta(days=60)
"""The latest bookable start: rosters and time off are not planned further ahead."""
WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Roster keys for ``date.weekday()`` 0..6."""

Interval = tuple[time, time]
WeeklyHours = Mapping[int, Sequence[Interval]]
"""Weekday (0 = Monday) → working intervals of that day, sorted, not overlapping."""
TimeOff = Sequence[tuple[datetime, datetime]]
"""Naive KST ``[start, end)`` ranges when an expert is away."""


def parse_clock(text: str) -> time:
    """``"09:30"`` → ``time(9, 30)``; raises ValueError for anything else."""
    hh, sep, mm = str(text).strip().partition(":")
    if not sep or len(hh) != 2 or len(mm) != 2 or not (hh + mm).isdigit():
        raise ValueError(f"{text!r} is not HH:MM")
    return time(int(hh), int(mm))


def parse_interval(text: str) -> Interval:
    """``"09:00-12:00"`` → ``(time(9), time(12))``; the end must be after the start."""
    start, sep, end = str(text).partition("-")
    if not sep:
        raise ValueError(f"{text!r} is not HH:MM-HH:MM")
    a, b = parse_clock(start), parse_clock(end)
    if b <= a:
        raise ValueError(f"{text!r} ends before it starts")
    return a, b


def format_interval(interval: Interval) -> str:
    """The inverse of ``parse_interval``."""
    return f"{interval[0]:%H:%M}-{interval[1]:%H:%M}"


def on_grid(value: datetime | time) -> bool:
    """True if ``value`` is a multiple of 30 minutes past midnight."""
    return value.minute % 30 == 0 and value.second == 0 and value.microsecond == 0


def floor_to_grid(value: datetime) -> datetime:
    """The grid point at or before ``value``."""
    return value.replace(minute=value.minute - value.minute % 30, second=0, microsecond=0)


def ceil_to_grid(value: datetime) -> datetime:
    """The grid point at or after ``value``."""
    floor = floor_to_grid(value)
    return floor if floor == value else floor + GRID


def grid_units(start: datetime, end: datetime) -> list[datetime]:
    """The 30-minute units ``[start, end)`` touches: the rows a booking reserves.

    Two intervals that overlap always share a unit, which is why one primary key on
    ``(expert_id, slot_start)`` prevents every overlap, even for lengths that are not a
    multiple of 30 minutes (a 50-minute consultation reserves an hour).
    """
    units = []
    unit = floor_to_grid(start)
    while unit < end:
        units.append(unit)
        unit += GRID
    return units


def grid_points(lo: datetime, hi: datetime) -> Iterator[datetime]:
    """Every grid point in ``[lo, hi)``."""
    point = ceil_to_grid(lo)
    while point < hi:
        yield point
        point += GRID


def bookable_range(now: datetime) -> tuple[datetime, datetime]:
    """The earliest and latest allowed start for a request made at ``now`` (naive KST).

    The earliest is rounded up to the grid; the latest is inclusive.
    """
    return ceil_to_grid(now + MIN_LEAD), now + HORIZON


@functools.lru_cache(maxsize=16)
def _public_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("KR", years=year, language="ko").items())


def holiday_name(day: date, extra: Mapping[date, str] | None = None) -> str | None:
    """The name of the holiday or closed day on ``day``, or None on a normal day.

    Args:
        day: the calendar day in Seoul.
        extra: closed days beyond the public holidays (the roster's ``closed_days``).
    """
    if extra and day in extra:
        return extra[day]
    return _public_holidays(day.year).get(day)


def fits_hours(hours: WeeklyHours, start: datetime, minutes: int) -> bool:
    """True if ``[start, start + minutes)`` lies inside one working interval of that day.

    Holidays and time off are separate checks (``holiday_name``, ``overlaps_time_off``).
    """
    end = start + timedelta(minutes=minutes)
    day = start.date()
    for a, b in hours.get(start.weekday(), ()):
        if datetime.combine(day, a) <= start and end <= datetime.combine(day, b):
            return True
    return False


def overlaps_time_off(time_off: TimeOff, start: datetime, end: datetime) -> bool:
    """True if ``[start, end)`` overlaps any time-off range."""
    return any(a < end and start < b for a, b in time_off)


def spread(starts: Sequence[datetime], limit: int) -> list[datetime]:
    """Pick up to ``limit`` of the sorted ``starts`` so that the picks are spread out.

    Offering "10:00, 10:30, 11:00, 11:30, 12:00" is a poor menu when the person said "next
    week", so: on-the-hour starts are preferred; when the starts span several days, each
    day gives at most two (its first, and one at least three hours later — a morning and an
    afternoon), days in order; within one day the picks are evenly spaced. Only when that
    yields fewer than ``limit`` are other starts added (evenly spaced again). The result
    is chronological.
    """
    if limit <= 0:
        return []
    if len(starts) <= limit:
        return list(starts)
    by_day: dict[date, list[datetime]] = {}
    for s in starts:
        by_day.setdefault(s.date(), []).append(s)
    if len(by_day) == 1:
        preferred = [s for s in starts if s.minute == 0]
        picked = _evenly(preferred, limit)
    else:
        picked = []
        for day_starts in by_day.values():
            preferred = [s for s in day_starts if s.minute == 0] or day_starts
            first = preferred[0]
            picked.append(first)
            later = next((s for s in preferred if s >= first + timedelta(hours=3)), None)
            if later is not None and len(picked) < limit:
                picked.append(later)
            if len(picked) >= limit:
                break
    if len(picked) < limit:
        chosen = set(picked)
        picked += _evenly([s for s in starts if s not in chosen], limit - len(picked))
    return sorted(picked)


def _evenly(items: Sequence[datetime], k: int) -> list[datetime]:
    """``k`` items of ``items`` at evenly spaced positions, first and last included."""
    if len(items) <= k:
        return list(items)
    if k == 1:
        return [items[0]]
    step = (len(items) - 1) / (k - 1)
    return [items[round(i * step)] for i in range(k)]
