"""Date arithmetic for the parser: Monday-based weeks, month steps, "the next Friday".

An impossible date (2월 30일, past year 9999) becomes ``TimeParseError('invalid_date')``
instead of a crash.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.booking.timeparse.request import TimeParseError
from bot.clock import SEOUL


def make_date(year: int, month: int, day: int) -> date:
    """Build a date, turning impossible ones (2월 30일) into the 'invalid_date' reason."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise TimeParseError("invalid_date", f"{year}-{month}-{day}") from exc


def shift_days(day: date, days: int) -> date:
    """Add days; an overflow past year 9999 is an impossible date, not a crash."""
    try:
        return day + timedelta(days=days)
    except OverflowError as exc:
        raise TimeParseError("invalid_date", "out of range") from exc


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by whole months, for "다음 달 3일"."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def monday_of(day: date) -> date:
    """Start of the Monday-based week that contains ``day``."""
    return day - timedelta(days=day.weekday())


def week_day(today: date, offset: int, weekday: int) -> date:
    """That weekday in the week ``offset`` weeks from the current one."""
    return shift_days(monday_of(today), offset * 7 + weekday)


def next_weekday(today: date, weekday: int) -> date:
    """Nearest future date with that weekday; never today, as "금요일" said on a Friday
    usually means next Friday (today would be "오늘")."""
    return shift_days(today, (weekday - today.weekday() - 1) % 7 + 1)


def month_day(today: date, month: int, day: int) -> date:
    """A month/day without a year: this year, or next year once it has passed."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise TimeParseError("invalid_date", f"{month}/{day}")
    year = today.year + (1 if (month, day) < (today.month, today.day) else 0)
    return make_date(year, month, day)


def seoul_at(day: date, minutes: int) -> datetime:
    """A Seoul datetime ``minutes`` after midnight of ``day`` (24:00 rolls to the next day)."""
    return datetime.combine(day, time(0), tzinfo=SEOUL) + timedelta(minutes=minutes)
