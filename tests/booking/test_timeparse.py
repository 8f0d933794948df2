"""Tests for the booking date/time parser.

Every case runs against a fixed ``now`` so the expected datetimes are exact. The fixed
moments are chosen for their edges:

* WED      2026-11-25 (Wed) 10:00 — an ordinary weekday morning.
* YEAR_END 2026-12-30 (Wed) 16:00 — month and year boundary, late afternoon.
* FEB      2026-02-27 (Fri) 11:00 — February of a non-leap year.
* LEAP     2028-02-28 (Mon) 09:30 — the day before a leap day.
* SUN      2026-11-29 (Sun) 20:00 — the last evening of a Monday-based week.
* FRI_EVE  2026-11-27 (Fri) 19:00 — after business hours before a weekend.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import datetime, timedelta, timezone

import pytest

from bot.booking.timeparse import TimeParseError, TimeRequest, parse_time
from bot.clock import SEOUL

WED = datetime(2026, 11, 25, 10, 0, tzinfo=SEOUL)
YEAR_END = datetime(2026, 12, 30, 16, 0, tzinfo=SEOUL)
FEB = datetime(2026, 2, 27, 11, 0, tzinfo=SEOUL)
LEAP = datetime(2028, 2, 28, 9, 30, tzinfo=SEOUL)
SUN = datetime(2026, 11, 29, 20, 0, tzinfo=SEOUL)
FRI_EVE = datetime(2026, 11, 27, 19, 0, tzinfo=SEOUL)

Expected = tuple[datetime, datetime, bool, bool]  # start, end, exact, assumed_pm


def kst(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A Seoul datetime, to keep expectations short."""
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)


def point(when: datetime, *, pm: bool = False) -> Expected:
    """An exact clock time: end equals start."""
    return when, when, True, pm


def window(start: datetime, end: datetime) -> Expected:
    """A window the user accepts, not an exact time."""
    return start, end, False, False


def day(year: int, month: int, date_: int) -> Expected:
    """A date alone: that day's business hours."""
    return window(kst(year, month, date_, 9), kst(year, month, date_, 18))


# --------------------------------------------------------------------------- relative days

# Relative days count calendar days, across month, year and leap-day boundaries.
RELATIVE_DAYS = [
    ("오늘", WED, day(2026, 11, 25)),
    ("내일", WED, day(2026, 11, 26)),
    ("모레", WED, day(2026, 11, 27)),
    ("글피", WED, day(2026, 11, 28)),
    ("내일모레", WED, day(2026, 11, 27)),
    ("어제", WED, day(2026, 11, 24)),  # past on purpose: the caller rejects it
    ("그저께", WED, day(2026, 11, 23)),
    ("3일 후", WED, day(2026, 11, 28)),
    ("5일 뒤", WED, day(2026, 11, 30)),
    ("이틀 후", WED, day(2026, 11, 27)),
    ("일주일 뒤", WED, day(2026, 12, 2)),
    ("2주 후", WED, day(2026, 12, 9)),
    ("3일 전", WED, day(2026, 11, 22)),
    ("다음 달 3일", WED, day(2026, 12, 3)),
    ("담달 10일", WED, day(2026, 12, 10)),
    ("이번 달 30일", WED, day(2026, 11, 30)),
    ("이번 달 20일", WED, day(2026, 11, 20)),
    ("28일", WED, day(2026, 11, 28)),
    ("25일", WED, day(2026, 11, 25)),  # today's date is not "already past"
    ("15일에 가능해요", WED, day(2026, 12, 15)),  # the 15th has passed: next month
    ("내일", YEAR_END, day(2026, 12, 31)),
    ("모레", YEAR_END, day(2027, 1, 1)),
    ("다음 달 5일", YEAR_END, day(2027, 1, 5)),
    ("이번 달 31일", YEAR_END, day(2026, 12, 31)),
    ("내일", FEB, day(2026, 2, 28)),
    ("모레", FEB, day(2026, 3, 1)),  # no 2월 29일 in 2026
    ("글피", FEB, day(2026, 3, 2)),
    ("3일 후", FEB, day(2026, 3, 2)),
    ("다음 달 31일", FEB, day(2026, 3, 31)),
    ("내일", LEAP, day(2028, 2, 29)),
    ("모레", LEAP, day(2028, 3, 1)),
    ("29일", LEAP, day(2028, 2, 29)),
]


# --------------------------------------------------------------------------- weeks

# 이번 주 / 다음주 follow Monday-based weeks; a bare weekday is the next one.
WEEKS = [
    ("이번 주 금요일", WED, day(2026, 11, 27)),
    ("이번주 월요일", WED, day(2026, 11, 23)),  # earlier this week: past, still returned
    ("다음주 화요일", WED, day(2026, 12, 1)),
    ("다음 주 화요일", WED, day(2026, 12, 1)),
    ("담주 화욜", WED, day(2026, 12, 1)),
    ("다음 주화요일", WED, day(2026, 12, 1)),
    ("다다음주 월요일", WED, day(2026, 12, 7)),
    ("지난주 금요일", WED, day(2026, 11, 20)),
    ("다음주 중에 화요일", WED, day(2026, 12, 1)),
    ("금요일", WED, day(2026, 11, 27)),
    ("수요일", WED, day(2026, 12, 2)),  # said on a Wednesday: next week's, never today
    ("이번 주말", WED, window(kst(2026, 11, 28, 9), kst(2026, 11, 29, 18))),
    ("다음주 주말", WED, window(kst(2026, 12, 5, 9), kst(2026, 12, 6, 18))),
    ("이번 주 금요일", SUN, day(2026, 11, 27)),  # weeks start on Monday: two days ago
    ("다음주 금요일", SUN, day(2026, 12, 4)),
    ("금요일", SUN, day(2026, 12, 4)),
    ("월요일", SUN, day(2026, 11, 30)),
    ("일요일", SUN, day(2026, 12, 6)),
    ("이번 주말", SUN, window(kst(2026, 11, 28, 9), kst(2026, 11, 29, 18))),
    ("다음 주말", SUN, window(kst(2026, 12, 5, 9), kst(2026, 12, 6, 18))),
    ("이번 주 금요일", YEAR_END, day(2027, 1, 1)),
    ("다음주 월요일", YEAR_END, day(2027, 1, 4)),
    ("다음주 월요일", FEB, day(2026, 3, 2)),
    ("이번 주 수요일", LEAP, day(2028, 3, 1)),
]


@pytest.mark.parametrize("offset", range(7))
def test_weekday_arithmetic_for_every_day_of_the_week(offset: int) -> None:
    """From any day, "X요일" is 1–7 days ahead and "다음주 X요일" lies in next week."""
    now = WED + timedelta(days=offset)
    next_monday = (now - timedelta(days=now.weekday())).date() + timedelta(days=7)
    for weekday, name in enumerate("월화수목금토일"):
        bare = parse_time(f"{name}요일", now).start.date()
        assert 1 <= (bare - now.date()).days <= 7
        assert bare.weekday() == weekday
        following = parse_time(f"다음주 {name}요일", now).start.date()
        assert following == next_monday + timedelta(days=weekday)


# --------------------------------------------------------------------------- absolute dates

# Month/day without a year rolls over to next year once it has passed.
ABSOLUTE = [
    ("12월 3일", WED, day(2026, 12, 3)),
    ("12/3", WED, day(2026, 12, 3)),
    ("12.3", WED, day(2026, 12, 3)),
    ("１２월 ３일", WED, day(2026, 12, 3)),  # full-width digits
    ("11월 25일", WED, day(2026, 11, 25)),  # today is not "already past"
    ("11월 20일", WED, day(2027, 11, 20)),  # past this year: next year
    ("3/12", WED, day(2027, 3, 12)),  # month/day, as in Korea and the US
    ("2026년 1월 5일", WED, day(2026, 1, 5)),  # explicit year: taken as written
    ("2026-01-05", WED, day(2026, 1, 5)),
    ("2027.1.5", WED, day(2027, 1, 5)),
    ("2027. 1. 5.", WED, day(2027, 1, 5)),
    ("2026년 12월 24일(목)", WED, day(2026, 12, 24)),
    ("1월 5일(화)", WED, day(2027, 1, 5)),
    ("12월 3일 목요일", WED, day(2026, 12, 3)),
    ("1월 3일", YEAR_END, day(2027, 1, 3)),
    ("12월 31일", YEAR_END, day(2026, 12, 31)),
    ("12월 3일", YEAR_END, day(2027, 12, 3)),
    ("2월 29일", LEAP, day(2028, 2, 29)),
    ("3월 1일", LEAP, day(2028, 3, 1)),
]


# --------------------------------------------------------------------------- times

# Hours follow the business rule; a time alone is its next future occurrence.
TIMES = [
    ("오후 3시", WED, point(kst(2026, 11, 25, 15))),
    ("오전 11시", WED, point(kst(2026, 11, 25, 11))),
    ("오전 10시", WED, point(kst(2026, 11, 26, 10))),  # 10:00 is now: next occurrence
    ("3시", WED, point(kst(2026, 11, 25, 15), pm=True)),
    ("6시", WED, point(kst(2026, 11, 25, 18), pm=True)),
    ("7시", WED, point(kst(2026, 11, 26, 7))),  # 7–11 are morning; 07:00 has passed
    ("11시", WED, point(kst(2026, 11, 25, 11))),
    ("12시", WED, point(kst(2026, 11, 25, 12))),
    ("10시 반", WED, point(kst(2026, 11, 25, 10, 30))),
    ("3시 30분", WED, point(kst(2026, 11, 25, 15, 30), pm=True)),
    ("2시 반쯤", WED, point(kst(2026, 11, 25, 14, 30), pm=True)),
    ("14시", WED, point(kst(2026, 11, 25, 14))),
    ("14:30", WED, point(kst(2026, 11, 25, 14, 30))),
    ("2:30", WED, point(kst(2026, 11, 25, 14, 30), pm=True)),
    ("03:30", WED, point(kst(2026, 11, 26, 3, 30))),  # zero-padded: 24-hour clock
    ("세시 반", WED, point(kst(2026, 11, 25, 15, 30), pm=True)),
    ("열한시", WED, point(kst(2026, 11, 25, 11))),
    ("정오", WED, point(kst(2026, 11, 25, 12))),
    ("밤 9시", WED, point(kst(2026, 11, 25, 21))),
    ("저녁 7시 반", WED, point(kst(2026, 11, 25, 19, 30))),
    ("새벽 2시", WED, point(kst(2026, 11, 26, 2))),
    ("오후쯤 3시", WED, point(kst(2026, 11, 25, 15))),  # the window says afternoon
    ("오전 중 10시", WED, point(kst(2026, 11, 26, 10))),
    ("2시간 후", WED, point(kst(2026, 11, 25, 12))),
    ("30분 뒤", WED, point(kst(2026, 11, 25, 10, 30))),
    ("30분 전", WED, point(kst(2026, 11, 25, 9, 30))),  # past, like 어제
    ("3시", YEAR_END, point(kst(2026, 12, 31, 15), pm=True)),  # 15:00 has passed
    ("5시", YEAR_END, point(kst(2026, 12, 30, 17), pm=True)),
    ("3시", SUN, point(kst(2026, 11, 30, 15), pm=True)),
    ("10시", LEAP, point(kst(2028, 2, 28, 10))),
    ("9시", LEAP, point(kst(2028, 2, 29, 9))),
    ("9시", FRI_EVE, point(kst(2026, 11, 28, 9))),
]


# --------------------------------------------------------------------------- windows

# Parts of the day and ranges are windows; without a date, the next one to start.
WINDOWS = [
    ("오후", WED, window(kst(2026, 11, 25, 13), kst(2026, 11, 25, 18))),
    ("오전 중", WED, window(kst(2026, 11, 26, 9), kst(2026, 11, 26, 12))),  # already begun
    ("아침", WED, window(kst(2026, 11, 26, 9), kst(2026, 11, 26, 11))),
    ("점심때", WED, window(kst(2026, 11, 25, 12), kst(2026, 11, 25, 13))),
    ("저녁", WED, window(kst(2026, 11, 25, 18), kst(2026, 11, 25, 21))),
    ("퇴근 후", WED, window(kst(2026, 11, 25, 18), kst(2026, 11, 25, 21))),
    ("점심 먹고", WED, window(kst(2026, 11, 25, 13), kst(2026, 11, 25, 18))),
    ("아무때나", WED, day(2026, 11, 26)),
    ("언제든지 좋아요", WED, day(2026, 11, 26)),
    ("내일 아무때나", WED, day(2026, 11, 26)),
    ("오늘 밤", WED, window(kst(2026, 11, 25, 19), kst(2026, 11, 25, 22))),
    ("오후 2시~4시", WED, window(kst(2026, 11, 25, 14), kst(2026, 11, 25, 16))),
    ("3시부터 5시까지", WED, (kst(2026, 11, 25, 15), kst(2026, 11, 25, 17), False, True)),
    ("5시~8시", WED, (kst(2026, 11, 25, 17), kst(2026, 11, 25, 20), False, True)),
    ("14:00-15:00", WED, window(kst(2026, 11, 25, 14), kst(2026, 11, 25, 15))),
    ("오후", YEAR_END, window(kst(2026, 12, 31, 13), kst(2026, 12, 31, 18))),
    ("저녁", YEAR_END, window(kst(2026, 12, 30, 18), kst(2026, 12, 30, 21))),
    ("저녁", SUN, window(kst(2026, 11, 30, 18), kst(2026, 11, 30, 21))),
    ("아무때나", SUN, day(2026, 11, 30)),
    ("아무때나", FRI_EVE, day(2026, 11, 30)),  # skips the weekend
    ("언제든", FRI_EVE, day(2026, 11, 30)),
    ("오후", FRI_EVE, window(kst(2026, 11, 28, 13), kst(2026, 11, 28, 18))),
]


# --------------------------------------------------------------------------- English

# English follows the same rules, including Monday-based "this/next" weeks.
ENGLISH = [
    ("tomorrow 3pm", WED, point(kst(2026, 11, 26, 15))),
    ("today at 10:30 am", WED, point(kst(2026, 11, 25, 10, 30))),
    ("next Tuesday morning", WED, window(kst(2026, 12, 1, 9), kst(2026, 12, 1, 12))),
    ("Dec 3 at 2 pm", WED, point(kst(2026, 12, 3, 14))),
    ("December 3rd 14:00", WED, point(kst(2026, 12, 3, 14))),
    ("3rd of December", WED, day(2026, 12, 3)),
    ("this Friday afternoon", WED, window(kst(2026, 11, 27, 13), kst(2026, 11, 27, 18))),
    ("in 2 days", WED, day(2026, 11, 27)),
    ("the day after tomorrow", WED, day(2026, 11, 27)),
    ("a week from today", WED, day(2026, 12, 2)),
    ("tonight at 8", WED, point(kst(2026, 11, 25, 20))),
    ("at 3", WED, point(kst(2026, 11, 25, 15), pm=True)),
    ("noon tomorrow", WED, point(kst(2026, 11, 26, 12))),
    ("between 2 and 4 pm", WED, window(kst(2026, 11, 25, 14), kst(2026, 11, 25, 16))),
    ("10~2pm", WED, window(kst(2026, 11, 26, 10), kst(2026, 11, 26, 14))),  # 10 is morning
    ("in half an hour", WED, point(kst(2026, 11, 25, 10, 30))),
    ("Tuesday next week", WED, day(2026, 12, 1)),
    ("this Friday", SUN, day(2026, 11, 27)),
    ("next Friday", SUN, day(2026, 12, 4)),
    ("this coming Friday", SUN, day(2026, 12, 4)),
    ("Jan 2", YEAR_END, day(2027, 1, 2)),
    ("in 3 days", YEAR_END, day(2027, 1, 2)),
]


# --------------------------------------------------------------------------- mixed and noisy

# Dates and times combine, and the words around them are ignored.
MIXED = [
    ("내일 오후 3시에 가능할까요?", WED, point(kst(2026, 11, 26, 15))),
    ("모레 10시 반이요", WED, point(kst(2026, 11, 27, 10, 30))),
    ("다음주 화요일 오후쯤", WED, window(kst(2026, 12, 1, 13), kst(2026, 12, 1, 18))),
    ("12월 3일 14시", WED, point(kst(2026, 12, 3, 14))),
    ("내일 3시", WED, point(kst(2026, 11, 26, 15), pm=True)),
    ("오늘 9시", WED, point(kst(2026, 11, 25, 9))),  # a given date is kept even if past
    ("내일 두 시", WED, point(kst(2026, 11, 26, 14), pm=True)),
    ("혹시 다음 주 수요일 오전 10시 괜찮으세요?", WED, point(kst(2026, 12, 2, 10))),
    ("금요일 저녁 7시쯤 상담 가능?", WED, point(kst(2026, 11, 27, 19))),
    ("1월 5일(화) 오후", WED, window(kst(2027, 1, 5, 13), kst(2027, 1, 5, 18))),
    ("12/3 오후 2시", WED, point(kst(2026, 12, 3, 14))),
    ("１２월 ３일 오후 ３：３０", WED, point(kst(2026, 12, 3, 15, 30))),
    ("2026-12-04T14:30", WED, point(kst(2026, 12, 4, 14, 30))),
    ("Can we do tomorrow at 3pm?", WED, point(kst(2026, 11, 26, 15))),
    ("1/2 10시", YEAR_END, point(kst(2027, 1, 2, 10))),
    ("12월 31일 밤 11시", YEAR_END, point(kst(2026, 12, 31, 23))),
]


PARSED = {
    "relative_days": RELATIVE_DAYS,
    "weeks": WEEKS,
    "absolute": ABSOLUTE,
    "times": TIMES,
    "windows": WINDOWS,
    "english": ENGLISH,
    "mixed": MIXED,
}


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        pytest.param(*case, id=f"{group}-{n}")
        for group, cases in PARSED.items()
        for n, case in enumerate(cases)
    ],
)
def test_parsed_start_end_exact_and_assumed_pm(
    text: str, now: datetime, expected: Expected
) -> None:
    """All four result fields are compared at once, so a failure shows them all."""
    result = parse_time(text, now)
    assert (result.start, result.end, result.exact, result.assumed_pm) == expected, text
    assert result.start.tzinfo is SEOUL


# --------------------------------------------------------------------------- matched text


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("내일 오후 3시에 가능할까요?", "내일 오후 3시"),
        ("모레 10시 반이요", "모레 10시 반"),
        ("다음주 화요일 오후쯤 괜찮아요", "다음주 화요일 오후쯤"),
        ("１２월 ３일", "１２월 ３일"),  # the original characters, not the folded ones
        ("2026년 12월 24일(목)", "2026년 12월 24일(목)"),
        ("Can we do tomorrow at 3pm?", "tomorrow at 3pm"),
    ],
)
def test_matched_text_is_a_substring_of_the_input(text: str, matched: str) -> None:
    """``text`` is quoted back to the user, so it must be exactly what they wrote."""
    result = parse_time(text, WED)
    assert result.text == matched
    assert result.text in text


# --------------------------------------------------------------------------- errors

ERRORS = [
    ("", WED, "empty"),
    ("   ", WED, "empty"),
    ("\n\t\u3000", WED, "empty"),
    ("안녕하세요", WED, "no_time"),
    ("상담 신청하고 싶어요", WED, "no_time"),
    ("상담 시간 알려주세요", WED, "no_time"),
    ("3시간 정도 걸려요", WED, "no_time"),  # a duration, not a time
    ("이번 주문 확인해 주세요", WED, "no_time"),  # 이번 주(문) is not a week
    ("010-1234-5678", WED, "no_time"),
    ("3.5%", WED, "no_time"),
    ("ㅋㅋㅋ", WED, "no_time"),
    ("🙂🙂", WED, "no_time"),
    ("2월 30일", WED, "invalid_date"),
    ("4월 31일", WED, "invalid_date"),
    ("13월", WED, "invalid_date"),
    ("13월 5일", WED, "invalid_date"),
    ("2026-02-29", WED, "invalid_date"),
    ("2월 29일", FEB, "invalid_date"),
    ("30일", LEAP, "invalid_date"),
    ("31일", WED, "invalid_date"),  # there is no 11월 31일
    ("25시", WED, "invalid_date"),
    ("3시 70분", WED, "invalid_date"),
    ("내일이나 모레", WED, "ambiguous"),
    ("3시나 4시", WED, "ambiguous"),
    ("다음주", WED, "ambiguous"),
    ("다음 달", WED, "ambiguous"),
    ("12월", WED, "ambiguous"),
    ("next week", WED, "ambiguous"),
    ("12월 3일 수요일", WED, "ambiguous"),  # 2026-12-03 is a Thursday
    ("1월 5일(월)", WED, "ambiguous"),  # 2027-01-05 is a Tuesday
    ("주말 오후 3시", WED, "ambiguous"),  # Saturday or Sunday?
    ("오전 14시", WED, "ambiguous"),
    ("3시 10분 전", WED, "ambiguous"),  # 2:50, or before 3:10?
    ("2시간 후 내일", WED, "ambiguous"),
]


@pytest.mark.parametrize(("text", "now", "reason"), ERRORS)
def test_errors_carry_a_reason(text: str, now: datetime, reason: str) -> None:
    """The dialogue picks its follow-up question from the reason code."""
    with pytest.raises(TimeParseError) as caught:
        parse_time(text, now)
    assert caught.value.reason == reason


def test_error_is_a_value_error() -> None:
    """Callers that only know ValueError still catch it."""
    with pytest.raises(ValueError, match="does not exist"):
        parse_time("2월 30일", WED)


# --------------------------------------------------------------------------- now handling


def test_aware_now_in_another_zone_is_converted() -> None:
    """01:00 UTC is 10:00 in Seoul: "3시" is still today in Seoul."""
    now = datetime(2026, 11, 25, 1, 0, tzinfo=timezone.utc)
    assert parse_time("3시", now).start == kst(2026, 11, 25, 15)


def test_naive_now_is_read_as_seoul_time() -> None:
    """The bot runs in Korea; a naive clock value is local time."""
    now = datetime(2026, 11, 25, 16, 0)
    assert parse_time("3시", now).start == kst(2026, 11, 26, 15)


def test_result_is_immutable() -> None:
    """Requests are passed around the dialogue and must not change underneath it."""
    result = parse_time("내일", WED)
    assert isinstance(result, TimeRequest)
    with pytest.raises(FrozenInstanceError):
        result.start = WED  # type: ignore[misc]
