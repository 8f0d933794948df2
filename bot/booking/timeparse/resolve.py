"""Combining the hits into one ``TimeRequest``, or the reason there is none.

The day the hits agree on, the clock time read under the meridiem rules (an hour without
오전/오후 follows business hours), or the window of a part of the day; two different days
or times raise ``ambiguous`` rather than picking one silently.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date, datetime
from typing import TypeVar

from bot.booking.timeparse.days import monday_of, next_weekday, seoul_at, shift_days, week_day
from bot.booking.timeparse.hits import (
    Clock,
    ClockSpec,
    Days,
    Hit,
    Moment,
    Vague,
    Week,
    Weekday,
    Window,
)
from bot.booking.timeparse.request import (
    BUSINESS_END,
    BUSINESS_START,
    NOON,
    TimeParseError,
    TimeRequest,
)

_H = TypeVar("_H", bound=Hit)


def _of_type(hits: Sequence[Hit], kind: type[_H]) -> list[_H]:
    """The hits of one kind, in input order."""
    return [hit for hit in hits if isinstance(hit, kind)]


def _unique(hits: Sequence[_H], key: Callable[[_H], Hashable], what: str) -> _H | None:
    """The one hit of a kind; two different ones mean the user named two options."""
    if len({key(hit) for hit in hits}) > 1:
        raise TimeParseError("ambiguous", f"more than one {what}")
    return hits[0] if hits else None


def _pick_days(hits: Sequence[Hit], today: date) -> tuple[date, date] | None:
    """The day (or weekend) the hits agree on; weekday names act as a cross-check."""
    spans = {(hit.first, hit.last) for hit in _of_type(hits, Days)}
    weekdays = {hit.weekday for hit in _of_type(hits, Weekday)}
    weeks = {hit.offset for hit in _of_type(hits, Week)}
    if len(spans) > 1 or len(weekdays) > 1 or len(weeks) > 1:
        raise TimeParseError("ambiguous", "more than one day")
    if spans:
        first, last = spans.pop()
        if weekdays and (first != last or first.weekday() not in weekdays):
            raise TimeParseError("ambiguous", "the weekday does not match the date")
        if weeks and monday_of(first) != week_day(today, weeks.pop(), 0):
            raise TimeParseError("ambiguous", "the date is not in that week")
        return first, last
    if weeks:
        if not weekdays:
            raise TimeParseError("ambiguous", "a week without a day")
        day = week_day(today, weeks.pop(), weekdays.pop())
        return day, day
    if weekdays:
        day = next_weekday(today, weekdays.pop())
        return day, day
    return None


def _hour24(hour: int, meridiem: str | None) -> tuple[int, bool]:
    """24-hour value of an hour under a meridiem, and whether the PM rule was assumed."""
    if meridiem is None:
        return (hour + 12, True) if 1 <= hour <= 6 else (hour, False)
    if meridiem == "abs" or (hour > 12 and meridiem != "am"):
        return hour, False  # "오후 15시" is sloppy but clear
    if hour > 12:
        raise TimeParseError("ambiguous", f"오전 {hour}시")
    if meridiem == "am":
        return hour % 12, False
    if meridiem == "pm":
        return hour % 12 + 12, False
    if meridiem == "night":  # 밤 9시 = 21h, 밤 12시 = midnight, 밤 2시 = 2h after midnight
        return (hour + 12 if hour >= 6 and hour != 12 else hour % 12 + 24), False
    return (hour + 12 if hour <= 6 else hour), False  # 낮/점심: 12 and 1–6 are afternoon


def _minutes(spec: ClockSpec, meridiem: str | None) -> tuple[int, bool]:
    """Minutes after midnight of a clock spec read under ``meridiem``."""
    hour, assumed = _hour24(spec.hour, meridiem)
    return hour * 60 + spec.minute, assumed


def _resolve_clock(specs: tuple[ClockSpec, ...], default: str | None) -> tuple[int, int, bool]:
    """(start, end, assumed_pm) in minutes; end == start for a single time.

    In a range an unsaid meridiem is borrowed from the other end ("오후 2시~4시",
    "2-4pm"), and an end that would come before the start is moved 12 hours later.
    """
    first = specs[0]
    if len(specs) == 1:
        start, assumed = _minutes(first, first.meridiem or default)
        return start, start, assumed
    second = specs[1]
    start, assumed_a = _minutes(first, first.meridiem or second.meridiem or default)
    end, assumed_b = _minutes(second, second.meridiem or first.meridiem or default)
    borrowed = first.meridiem is None and second.meridiem is not None
    if end <= start and borrowed and 0 <= start - 12 * 60 < end:
        start, assumed_a = start - 12 * 60, False  # "10~2pm": 10 is the morning
    if end <= start and second.meridiem is None and end + 12 * 60 > start:
        end, assumed_b = end + 12 * 60, True  # "오전 10시~2시": 2 is the afternoon
    if end <= start:
        raise TimeParseError("ambiguous", "the range ends before it starts")
    return start, end, assumed_a or assumed_b


def _window_meridiem(window: Window | None) -> str | None:
    """The half of the day a part-of-day word implies, for "오후쯤 3시" or "tonight at 8"."""
    if window is None or window.anytime:
        return None
    if window.end_min <= NOON:
        return "am"
    return "pm" if window.start_min >= NOON else None


def _first_day_after(now: datetime, minutes: int) -> date:
    """Today if that time of day is still ahead, else tomorrow."""
    today = now.date()
    return today if seoul_at(today, minutes) > now else shift_days(today, 1)


def _next_business_day(now: datetime) -> date:
    """The first weekday whose business hours have not started yet."""
    day = now.date()
    while day.weekday() >= 5 or seoul_at(day, BUSINESS_START) <= now:
        day = shift_days(day, 1)
    return day


def _moment_request(hits: Sequence[Hit], text: str) -> TimeRequest | None:
    """Reads "2시간 후" stands alone; mixed with a day or time it is a contradiction."""
    moments = _of_type(hits, Moment)
    if not moments:
        return None
    if len({hit.at for hit in moments}) > 1 or len(moments) != len(hits):
        raise TimeParseError("ambiguous", "a delay mixed with another time")
    return TimeRequest(moments[0].at, moments[0].at, True, text)


def combine_hits(hits: Sequence[Hit], original: str, now: datetime) -> TimeRequest:
    """Turn the hits into one request, or explain why they do not make one."""
    if not hits:
        raise TimeParseError("no_time")
    text = original[min(h.start for h in hits) : max(h.end for h in hits)].strip()
    if _of_type(hits, Vague):
        raise TimeParseError("ambiguous", "a month without a day")
    moment = _moment_request(hits, text)
    if moment is not None:
        return moment
    days = _pick_days(hits, now.date())
    clock = _unique(_of_type(hits, Clock), lambda h: h.specs, "time")
    windows = _of_type(hits, Window)
    window = _unique([w for w in windows if not w.anytime], lambda h: h.start_min, "window")
    if days is not None and days[0] != days[1]:
        if clock is not None or window is not None:
            raise TimeParseError("ambiguous", "a time on more than one day")
        return TimeRequest(
            seoul_at(days[0], BUSINESS_START), seoul_at(days[1], BUSINESS_END), False, text
        )
    if clock is not None:
        start, end, assumed = _resolve_clock(clock.specs, _window_meridiem(window))
        day = days[0] if days else _first_day_after(now, start)
        return TimeRequest(seoul_at(day, start), seoul_at(day, end), start == end, text, assumed)
    if window is not None:
        day = days[0] if days else _first_day_after(now, window.start_min)
        return TimeRequest(
            seoul_at(day, window.start_min), seoul_at(day, window.end_min), False, text
        )
    day = days[0] if days else _next_business_day(now)  # a date alone, or "아무때나"
    return TimeRequest(seoul_at(day, BUSINESS_START), seoul_at(day, BUSINESS_END), False, text)
