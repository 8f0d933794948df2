"""Parse Korean and English date/time expressions for consultation bookings.

Users type booking times the way they speak — "내일 오후 3시", "담주 화욜", "12/3 14시",
"tomorrow 3pm" — and the booking flow needs one concrete answer (a point in time, or a
window the user accepts) or a precise reason why there is none, so that the bot can ask
the right follow-up question instead of guessing.

How it works: the input is folded (full-width characters to ASCII, one character for one,
so positions still point into the original text), then an ordered list of rules finds
*hits* — a day, a weekday, a clock time, a part of the day, ... — most specific rule
first. Each rule masks what it consumed, so a looser later rule cannot reinterpret it
("3일 후" is never also "the 3rd"). The hits are then combined; two different days or two
different times raise ``ambiguous`` rather than picking one silently.

Conventions (Asia/Seoul, business context):

* Weeks start on Monday. "이번 주 X요일" is that weekday of the current week (possibly in
  the past), "다음주 X요일" the one of the following week, and a bare "X요일" the nearest
  future such day (never today). English "this/next/last X" follow the same rule.
* An hour without 오전/오후 follows business hours: 1–6 → 13–18h (``assumed_pm``),
  7–11 → morning, 12 → noon; 0 and 13–24 are read as 24-hour clock, as is a zero-padded
  hour ("03:00").
* A month/day without a year that has already passed this year means next year.
* Without a date, a time or part of the day means its next occurrence that starts after
  ``now``; "아무때나" means the next weekday's business hours. Public holidays are not known.
* A date alone means that day's business hours, 09:00–18:00; a weekend means Saturday
  09:00 to Sunday 18:00.
* Past results (어제, 이번 주 on a Sunday, 오늘 9시 at noon) are returned as they are:
  rejecting them is the caller's decision.
* "자정"/"midnight" is the end of the day named (24:00); "2월 29일" without a year in a
  year without one is an invalid date, not a jump to the next leap year.

Deliberately not understood (they give 'no_time', or are read without the bound):
open-ended bounds ("3시 이후", "before 5pm" are read as the clock time itself), month-day
with a dash ("12-3", which clashes with ranges), vague words ("이따가", "지금", "later",
"월말"), Korean public holidays, and negation ("내일 말고 모레" is 'ambiguous').
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final, Literal, TypeVar
from zoneinfo import ZoneInfo

from bot import clock

SEOUL: Final = ZoneInfo("Asia/Seoul")

Reason = Literal["empty", "no_time", "invalid_date", "ambiguous"]

BUSINESS_START: Final = 9 * 60
"""Minutes after midnight when consultations start; a date alone means from here."""
BUSINESS_END: Final = 18 * 60
"""Minutes after midnight when consultations end (exclusive)."""

_NOON: Final = 12 * 60
_MIDNIGHT: Final = 24 * 60


@dataclass(frozen=True)
class TimeRequest:
    """When the user wants the consultation.

    Attributes:
        start: Tz-aware (Asia/Seoul) start of the request; for a date-only or part-of-day
            request, the start of the window.
        end: Exclusive end of the window the user accepts; equal to ``start`` for an exact
            clock time, so callers can tell points from windows without ``exact``.
        exact: True if a specific clock time was given.
        text: The part of the input that expressed the time, for confirmations
            ("'내일 오후 3시'로 예약할까요?").
        assumed_pm: True when an hour without 오전/오후 was moved to the afternoon by the
            business-hours rule, so the bot can double-check ("오후 3시 맞으세요?").
    """

    start: datetime
    end: datetime
    exact: bool
    text: str
    assumed_pm: bool = False


_MESSAGES: Final[dict[str, str]] = {
    "empty": "the message is empty",
    "no_time": "no date or time expression found",
    "invalid_date": "the date or time does not exist",
    "ambiguous": "the date or time could mean more than one thing",
}


class TimeParseError(ValueError):
    """The text gives no usable booking time.

    Attributes:
        reason: Why, as a stable code the dialogue maps to a follow-up question:
            ``'empty'``, ``'no_time'``, ``'invalid_date'`` (e.g. 2월 30일, 25시) or
            ``'ambiguous'`` (two different days or times, a month or week without a day).
    """

    def __init__(self, reason: Reason, detail: str = "") -> None:
        """Keep the reason machine-readable and the message human-readable."""
        super().__init__(_MESSAGES[reason] + (f": {detail}" if detail else ""))
        self.reason: Reason = reason


# --------------------------------------------------------------------------- hits


@dataclass(frozen=True)
class _Hit:
    """Something a rule found, with its span in the input."""

    start: int
    end: int


@dataclass(frozen=True)
class _Days(_Hit):
    """A calendar day, or an inclusive run of days (a weekend)."""

    first: date
    last: date


@dataclass(frozen=True)
class _Weekday(_Hit):
    """A weekday name: a date of its own, or a check on another date ("1월 5일(월)")."""

    weekday: int


@dataclass(frozen=True)
class _Week(_Hit):
    """A week without a day ("다음주"); needs a weekday to become a date."""

    offset: int


@dataclass(frozen=True)
class _Vague(_Hit):
    """A month without a day ("다음 달", "12월"): time talk, but not bookable."""


@dataclass(frozen=True)
class _ClockSpec:
    """An hour as written, before the meridiem rules turn it into minutes."""

    hour: int
    minute: int
    meridiem: str | None  # 'am', 'pm', 'night', 'day', 'abs' (24-hour) or None (unsaid)


@dataclass(frozen=True)
class _Clock(_Hit):
    """A clock time (one spec) or a range of two clock times."""

    specs: tuple[_ClockSpec, ...]


@dataclass(frozen=True)
class _Window(_Hit):
    """A part of the day in minutes after midnight; ``anytime`` for "아무때나"."""

    start_min: int
    end_min: int
    anytime: bool = False


@dataclass(frozen=True)
class _Moment(_Hit):
    """A time relative to now ("2시간 후"): already a full datetime."""

    at: datetime


@dataclass(frozen=True)
class _Ctx:
    """What rules need to resolve relative expressions."""

    now: datetime

    @property
    def today(self) -> date:
        """The current date in Seoul."""
        return self.now.date()


_Build = Callable[[re.Match[str], _Ctx], "list[_Hit] | None"]


@dataclass(frozen=True)
class _Rule:
    """A pattern and the function that turns a match into hits (None: not a match after all)."""

    pattern: re.Pattern[str]
    build: _Build


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile case-insensitively with ASCII classes, so ``\\b`` works next to Hangul."""
    return re.compile(pattern, re.IGNORECASE | re.ASCII)


# --------------------------------------------------------------------------- vocabulary

_KO_WEEKDAYS: Final = "월화수목금토일"
_EN_WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EN_WEEKDAY_RX: Final = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)"
)
_EN_MONTH_RX: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_EN_MONTHS: Final = ("jan", "feb", "mar", "apr", "may", "jun",
                     "jul", "aug", "sep", "oct", "nov", "dec")
_EN_NUMBERS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_EN_NUM_RX: Final = (
    r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)

_NATIVE_HOURS: Final[dict[str, int]] = {
    "한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
    "아홉": 9, "열": 10, "열한": 11, "열두": 12,
}
_NATIVE_HOUR_RX: Final = "열한|열두|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열"
_NATIVE_DAYS: Final[dict[str, int]] = {
    "하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7,
    "여드레": 8, "아흐레": 9, "열흘": 10,
}
_KO_WEEK_COUNTS: Final[dict[str, int]] = {
    "한": 1, "두": 2, "세": 3, "네": 4, "일": 1, "이": 2, "삼": 3, "사": 4,
}
_KO_COUNTS: Final[dict[str, int]] = {**_NATIVE_HOURS, **_NATIVE_DAYS, **_KO_WEEK_COUNTS}

_REL_OFFSETS: Final[dict[str, int]] = {
    "이번": 0, "요번": 0, "다음": 1, "담": 1, "차": 1, "다다음": 2, "다음다음": 2,
    "지난": -1, "저번": -1, "this": 0, "next": 1, "last": -1,
}
_KO_REL_RX: Final = r"(?P<rel>다다음|다음\s*다음|다음|담|이번|요번|지난|저번|(?<![가-힣])차)"

_NAMED_DAYS: Final[dict[str, int]] = {
    "오늘": 0, "금일": 0, "내일": 1, "낼": 1, "내일모레": 2, "낼모레": 2, "모레": 2,
    "글피": 3, "어제": -1, "어저께": -1, "그제": -2, "그저께": -2,
    "today": 0, "tomorrow": 1, "tmr": 1, "tmrw": 1, "yesterday": -1,
    "dayaftertomorrow": 2, "thedayaftertomorrow": 2,
    "daybeforeyesterday": -2, "thedaybeforeyesterday": -2,
}

_MERIDIEMS: Final[dict[str, str]] = {
    "오전": "am", "아침": "am", "새벽": "am", "a": "am",
    "오후": "pm", "저녁": "pm", "p": "pm",
    "밤": "night", "낮": "day", "점심": "day",
}

_LATER_KO: Final = r"(?P<dir>후|뒤|있다가|이따가?|지나서|이후|전)"
_APPROX: Final = r"(?:\s*(?:쯤|경|즈음|무렵|께|정도|정각))?"


def _squash(word: str) -> str:
    """Drop spaces and case so "다음 다음" and "Day after Tomorrow" find their table key."""
    return re.sub(r"\s+", "", word).lower()


def _count(word: str) -> int:
    """A count written in digits, Korean native numerals or English words."""
    if word.isdigit():
        return int(word)
    return _KO_COUNTS.get(word) or _EN_NUMBERS[word.lower()]


def _weekday_index(word: str) -> int:
    """Monday=0 for 월/화/... or English names and abbreviations."""
    if word[0] in _KO_WEEKDAYS:
        return _KO_WEEKDAYS.index(word[0])
    return _EN_WEEKDAYS.index(word[:3].lower())


# --------------------------------------------------------------------------- calendar helpers


def _make_date(year: int, month: int, day: int) -> date:
    """Build a date, turning impossible ones (2월 30일) into the 'invalid_date' reason."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise TimeParseError("invalid_date", f"{year}-{month}-{day}") from exc


def _shift(day: date, days: int) -> date:
    """Add days; an overflow past year 9999 is an impossible date, not a crash."""
    try:
        return day + timedelta(days=days)
    except OverflowError as exc:
        raise TimeParseError("invalid_date", "out of range") from exc


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by whole months, for "다음 달 3일"."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _monday(day: date) -> date:
    """Start of the Monday-based week that contains ``day``."""
    return day - timedelta(days=day.weekday())


def _week_day(today: date, offset: int, weekday: int) -> date:
    """That weekday in the week ``offset`` weeks from the current one."""
    return _shift(_monday(today), offset * 7 + weekday)


def _next_weekday(today: date, weekday: int) -> date:
    """Nearest future date with that weekday; never today, as "금요일" said on a Friday
    usually means next Friday (today would be "오늘")."""
    return _shift(today, (weekday - today.weekday() - 1) % 7 + 1)


def _month_day(today: date, month: int, day: int) -> date:
    """A month/day without a year: this year, or next year once it has passed."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise TimeParseError("invalid_date", f"{month}/{day}")
    year = today.year + (1 if (month, day) < (today.month, today.day) else 0)
    return _make_date(year, month, day)


def _at(day: date, minutes: int) -> datetime:
    """A Seoul datetime ``minutes`` after midnight of ``day`` (24:00 rolls to the next day)."""
    return datetime.combine(day, time(0), tzinfo=SEOUL) + timedelta(minutes=minutes)


# --------------------------------------------------------------------------- date builders


def _one_day(m: re.Match[str], day: date) -> list[_Hit]:
    """A single-day hit covering the match."""
    return [_Days(m.start(), m.end(), day, day)]


def _build_ymd(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """A full date with year: taken as written, even in the past."""
    return _one_day(m, _make_date(int(m["y"]), int(m["mo"]), int(m["d"])))


def _build_md(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"12월 3일": the units make it a date, so an impossible one is an error."""
    return _one_day(m, _month_day(ctx.today, int(m["mo"]), int(m["d"])))


def _build_md_numeric(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"12/3", "12.3" (month first, as in Korea and the US).

    Numbers that cannot be a month and day (3.45, 13/5) are left alone rather than reported
    as invalid dates: they are more likely a ratio or a decimal than a typo.
    """
    month, day = int(m["mo"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _one_day(m, _month_day(ctx.today, month, day))


def _build_en_md(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"Dec 3", "3rd of December, 2026"."""
    month = _EN_MONTHS.index(m["mon"][:3].lower()) + 1
    if m["y"]:
        return _one_day(m, _make_date(int(m["y"]), month, int(m["d"])))
    return _one_day(m, _month_day(ctx.today, month, int(m["d"])))


def _build_month_rel_day(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"다음 달 3일", "이번 달 15일" (this month's day may be past)."""
    year, month = _add_months(ctx.today.year, ctx.today.month, _REL_OFFSETS[_squash(m["rel"])])
    return _one_day(m, _make_date(year, month, int(m["d"])))


def _build_day_of_month(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"15일", "the 15th": this month, or next month once the day has passed."""
    day, today = int(m["d"]), ctx.today
    year, month = (today.year, today.month)
    if day < today.day:
        year, month = _add_months(year, month, 1)
    return _one_day(m, _make_date(year, month, day))


def _build_day_offset(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"3일 후", "이틀 뒤", "일주일 뒤", "in 2 days", "3 days ago"."""
    days = _count(m["n"]) * (7 if m.groupdict().get("week") else 1)
    backwards = (m.groupdict().get("dir") or "").lower() in ("전", "ago")
    return _one_day(m, _shift(ctx.today, -days if backwards else days))


def _build_week_weekday(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"다음주 화요일", "this Friday"; "coming Friday" is the nearest one."""
    weekday = _weekday_index(m["wd"])
    if _squash(m["rel"]) in ("coming", "thiscoming"):
        return _one_day(m, _next_weekday(ctx.today, weekday))
    return _one_day(m, _week_day(ctx.today, _REL_OFFSETS[_squash(m["rel"])], weekday))


def _build_weekend(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"이번 주말", "다음 주말", "next weekend": Saturday and Sunday of that week."""
    saturday = _week_day(ctx.today, _REL_OFFSETS[_squash(m["rel"] or "this")], 5)
    return [_Days(m.start(), m.end(), saturday, _shift(saturday, 1))]


def _build_named_day(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"오늘", "모레", "the day after tomorrow", ..."""
    return _one_day(m, _shift(ctx.today, _NAMED_DAYS[_squash(m[0])]))


def _build_tonight(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"tonight" is a day and a part of the day in one word."""
    return [*_one_day(m, ctx.today), _Window(m.start(), m.end(), 18 * 60, 21 * 60)]


def _build_today(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"this" in "this afternoon" means today; the window rule reads "afternoon"."""
    return _one_day(m, ctx.today)


def _build_weekday(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """A weekday name on its own or in brackets; resolved when combining."""
    return [_Weekday(m.start(), m.end(), _weekday_index(m["wd"]))]


def _build_week(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"다음주", "next week": a week waiting for a weekday."""
    return [_Week(m.start(), m.end(), _REL_OFFSETS[_squash(m["rel"])])]


def _build_vague_month(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"12월", "다음 달": bookable only with a day; "13월" is an impossible month."""
    month = m.groupdict().get("mo")
    if month is not None and not 1 <= int(month) <= 12:
        raise TimeParseError("invalid_date", f"month {month}")
    return [_Vague(m.start(), m.end())]


# --------------------------------------------------------------------------- time builders


def _meridiem(korean: str | None, english: str | None) -> str | None:
    """Normalise 오전/오후/저녁/am/pm...; an English am/pm is the more precise of the two."""
    word = english or korean
    return _MERIDIEMS[word.lower()] if word else None


def _clock_spec(m: re.Match[str], p: str) -> _ClockSpec:
    """Read the hour, minute and meridiem of the clock pattern with group prefix ``p``."""
    g = m.groupdict()
    meridiem = _meridiem(g[p + "mer"], g[p + "ap"])
    if g.get(p + "before"):
        # "3시 10분 전": ten to three, or "before 3:10"? Korean uses both.
        raise TimeParseError("ambiguous", "분 전")
    if g[p + "h"] is not None or g[p + "nh"] is not None:
        raw = g[p + "h"]
        hour = int(raw) if raw is not None else _NATIVE_HOURS[g[p + "nh"]]
        minute = 30 if g[p + "half"] else int(g[p + "m"] or 0)
    elif g[p + "ch"] is not None:
        raw, hour, minute = g[p + "ch"], int(g[p + "ch"]), int(g[p + "cm"])
    else:
        raw = next(g[p + k] for k in ("eh", "oh", "ah", "bh") if g.get(p + k) is not None)
        hour, minute = int(raw), 0
    if raw is not None and len(raw) == 2 and raw[0] == "0" and meridiem is None:
        meridiem = "abs"  # "03:00" / "09시" are written in 24-hour style
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        raise TimeParseError("invalid_date", f"{hour}:{minute:02d}")
    return _ClockSpec(hour, minute, meridiem)


def _build_clock(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"오후 3시", "10시 반", "14:30", "3pm", "at 3"."""
    return [_Clock(m.start(), m.end(), (_clock_spec(m, "a_"),))]


def _build_range(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"오후 2시~4시", "3시부터 5시까지", "between 2 and 4pm"."""
    return [_Clock(m.start(), m.end(), (_clock_spec(m, "a_"), _clock_spec(m, "b_")))]


def _build_fixed_clock(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"정오"/"noon" and "자정"/"midnight" (the end of that day)."""
    hour = 12 if _squash(m[0]) in ("정오", "noon", "midday") else 24
    return [_Clock(m.start(), m.end(), (_ClockSpec(hour, 0, "abs"),))]


def _build_moment(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
    """"2시간 후", "30분 뒤", "in 2 hours": now plus a delay, to the minute ("전": minus)."""
    g = m.groupdict()
    minutes = 30 if g.get("halfhour") else 0
    if g.get("h"):
        minutes += _count(g["h"]) * 60 + (30 if g.get("half") else 0)
    if g.get("mi"):
        minutes += int(g["mi"])
    if g.get("n"):
        minutes += _count(g["n"]) * (60 if g["unit"].lower().startswith("h") else 1)
    if g.get("dir") == "전":
        minutes = -minutes
    at = (ctx.now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    return [_Moment(m.start(), m.end(), at)]


def _window(start: int, end: int, *, anytime: bool = False) -> _Build:
    """A builder for a part-of-day word with a fixed window."""

    def build(m: re.Match[str], ctx: _Ctx) -> list[_Hit] | None:
        return [_Window(m.start(), m.end(), start, end, anytime)]

    return build


# --------------------------------------------------------------------------- clock patterns

_AFTER_NATIVE_SI: Final = r"(?=$|[^가-힣]|반|쯤|경|에|요|이|까|부|정|즈|께|전|나|도|는|가|로|면)"
_AMPM_AHEAD: Final = r"(?=\s*[ap]\.?\s*m\b)"
_AT_EXCLUDE: Final = r"(?!\s*(?:%|days?|weeks?|hours?|hrs?|mins?|minutes?|months?|years?)\b)"


def _clock_rx(p: str, *, bare: bool = False) -> str:
    """One clock time with group names prefixed by ``p`` (a range needs two copies).

    ``bare`` also accepts a plain number, for the first half of "2~4시" / "2-4pm" whose
    unit comes after the second number.
    """
    hour_si = (
        rf"(?:(?<![\d.:/])(?P<{p}h>\d{{1,2}})\s*시(?!간|즌|청|험|장)"
        rf"|(?:(?<=오전|오후|아침|저녁|새벽|점심)|(?<=밤|낮)|(?<![가-힣]))"
        rf"(?P<{p}nh>{_NATIVE_HOUR_RX})\s*시{_AFTER_NATIVE_SI})"
        rf"(?:\s*(?:(?P<{p}half>반)|(?P<{p}m>\d{{1,2}})\s*분(?P<{p}before>\s*전)?))?"
    )
    forms = [
        hour_si,
        rf"(?<![\d:.])(?P<{p}ch>\d{{1,2}}):(?P<{p}cm>\d{{2}})(?::\d{{2}})?(?![\d:])",
        rf"(?<![\d:.])(?P<{p}eh>\d{{1,2}}){_AMPM_AHEAD}",
        rf"(?<![\d:.])(?P<{p}oh>\d{{1,2}})\s*o['’]?\s*clock\b",
    ]
    if bare:
        forms.append(rf"(?<![\d:./-])(?P<{p}bh>\d{{1,2}})(?![\d:/.])")
    spoken = (
        rf"(?:(?P<{p}mer>오전|오후|아침|저녁|새벽|점심|밤|낮)\s*(?:에\s*)?)?(?:(?:\bat|@)\s*)?"
        rf"(?:{'|'.join(forms)})(?:\s*(?P<{p}ap>[ap])\.?\s*m\b\.?)?"
    )
    at_hour = rf"(?:\bat|@)\s*(?P<{p}ah>\d{{1,2}})(?![\d:/.]){_AT_EXCLUDE}"
    return rf"(?:{spoken}|{at_hour}){_APPROX}"


_RANGE_RX: Final = (
    rf"(?:\b(?:from|between)\s+)?{_clock_rx('a_', bare=True)}"
    r"\s*(?:~|-|–|—|부터|에서|\bto\b|\buntil\b|\btill\b|\band\b)\s*"
    rf"{_clock_rx('b_')}(?:\s*(?:까지|사이에?|중에?))?"
)

# --------------------------------------------------------------------------- rules

_KO_WD_RX: Final = r"(?P<wd>[월화수목금토일])"
_BARE_WEEK_TAIL: Final = r"(?=$|[^가-힣]|에|중|쯤|내|안|까지|의|는|엔|초|부터)"
_MONTH_TAIL: Final = r"(?=$|[^가-힣]|에|중|쯤|내|안|까지|의|은|는|엔|초|말|부터)"
_DAY_TAIL: Final = (
    r"(?!\s*(?:동안|간|째|차|이내|안에|만에))"
    r"(?=$|[^가-힣]|에|은|는|이|쯤|경|까지|부터|날|요|로|도|이나|정도)"
)

_DATE_RULES: Final[tuple[tuple[str, _Build], ...]] = (
    # Full dates first: nothing looser may take their parts.
    (r"(?<!\d)(?P<y>\d{4})\s*년\s*(?P<mo>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일", _build_ymd),
    (r"(?<![\d.])(?P<y>\d{4})\s*(?P<sep>[-./])\s*(?P<mo>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
     r"(?!\d)(?:\s*\.)?", _build_ymd),
    (r"(?<!\d)(?P<mo>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일", _build_md),
    (r"(?P<rel>다다음|다음\s*다음|다음|담|이번|요번|지난|저번)\s*달\s*(?:의\s*|에\s*)?"
     r"(?P<d>\d{1,2})\s*일", _build_month_rel_day),
    (rf"\b(?P<mon>{_EN_MONTH_RX})\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
     rf"(?:,?\s*(?P<y>\d{{4}})\b)?", _build_en_md),
    (rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_EN_MONTH_RX})\b\.?"
     rf"(?:,?\s*(?P<y>\d{{4}})\b)?", _build_en_md),
    # Offsets before day-of-month, so "3일 후" is not "the 3rd".
    (rf"(?<!\d)(?P<n>\d{{1,3}})\s*일\s*{_LATER_KO}", _build_day_offset),
    (rf"(?P<n>하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레|열흘)\s*{_LATER_KO}",
     _build_day_offset),
    (rf"(?<!\d)(?P<n>\d{{1,2}}|한|두|세|네|일|이|삼|사)\s*(?P<week>주)(?:일)?\s*{_LATER_KO}",
     _build_day_offset),
    (rf"\bin\s+(?P<n>{_EN_NUM_RX})\s+(?:(?P<week>weeks?)|days?)\b", _build_day_offset),
    (rf"\b(?P<n>{_EN_NUM_RX})\s+(?:(?P<week>weeks?)|days?)\s+"
     r"(?:from\s+(?:now|today)|later|(?P<dir>ago))\b", _build_day_offset),
    # Weeks and weekends.
    (rf"{_KO_REL_RX}\s*주\s*(?:에\s*|의\s*)?{_KO_WD_RX}(?:요일|욜|(?![가-힣]))",
     _build_week_weekday),
    (rf"\b(?P<rel>this\s+coming|coming|this|next|last)\s+(?P<wd>{_EN_WEEKDAY_RX})\b",
     _build_week_weekday),
    (rf"(?:{_KO_REL_RX}\s*(?:주\s*)?)?주말", _build_weekend),
    (r"\b(?:(?P<rel>this|next|last)\s+)?weekend\b", _build_weekend),
    # Named days.
    (r"\btonight\b", _build_tonight),
    (r"\bthis(?=\s+(?:morning|afternoon|evening)\b)", _build_today),
    (r"\b(?:the\s+)?day\s+(?:after\s+tomorrow|before\s+yesterday)\b|\btoday\b|\btomorrow\b"
     r"|\btmrw?\b|\byesterday\b|내일\s*모레|(?<![가-힣])낼\s*모레|오늘|금일|내일|모레|글피"
     r"|어저께|어제|그저께|그제|(?<![가-힣])낼", _build_named_day),
    # Looser forms.
    (r"(?<![\d/.:-])(?P<mo>\d{1,2})[/.](?P<d>\d{1,2})"
     r"(?!\d|[/.:]\d|\s*(?:%|시간|[만천억원배]))\.?", _build_md_numeric),
    (rf"{_KO_WD_RX}(?:요일|욜)", _build_weekday),
    (rf"\(\s*(?P<wd>[월화수목금토일]|{_EN_WEEKDAY_RX})\s*(?:요일|욜)?\s*\)", _build_weekday),
    (r"\b(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
     _build_weekday),
    (rf"(?<![\d/.:-])(?P<d>\d{{1,2}})\s*일{_DAY_TAIL}", _build_day_of_month),
    (r"\bthe\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b", _build_day_of_month),
    # A week or month without a day.
    (rf"{_KO_REL_RX}\s*주{_BARE_WEEK_TAIL}", _build_week),
    (r"\b(?P<rel>this|next|last)\s+week\b", _build_week),
    (rf"(?:다다음|다음\s*다음|다음|담|이번|요번|지난|저번)\s*달{_MONTH_TAIL}", _build_vague_month),
    (r"(?:(?<!\d)\d{4}\s*년\s*)?(?<!\d)(?P<mo>\d{1,2})\s*월(?!요일|욜)", _build_vague_month),
    (r"\b(?:this|next|last)\s+month\b|\b(?:in\s+)?(?:january|february|april|june|july|august"
     r"|september|october|november|december)\b", _build_vague_month),
)

_WINDOW_TAIL: Final = r"(?:\s*(?:쯤|경|즈음|무렵|중에?|때|시간대?))?"


def _part(pattern: str) -> str:
    """A part-of-day pattern with its optional tail ("오전 중", "점심때", "오후쯤")."""
    return rf"(?:{pattern}){_WINDOW_TAIL}"


_TIME_RULES: Final[tuple[tuple[str, _Build], ...]] = (
    # Clock times before moments ("3시 30분 후" is a clock time) and windows ("오후 3시").
    (_RANGE_RX, _build_range),
    (_clock_rx("a_"), _build_clock),
    (r"정오|자정|\bnoon\b|\bmidday\b|\bmidnight\b", _build_fixed_clock),
    (rf"(?<!\d)(?P<h>\d{{1,2}}|한|두|세|네|다섯|여섯)\s*시간\s*(?:(?P<half>반)\s*)?"
     rf"(?:(?P<mi>\d{{1,2}})\s*분\s*)?{_LATER_KO}", _build_moment),
    (rf"(?P<halfhour>반)\s*시간\s*{_LATER_KO}", _build_moment),
    (rf"(?<!\d)(?P<mi>\d{{1,3}})\s*분\s*{_LATER_KO}", _build_moment),
    (rf"\bin\s+(?:(?P<n>{_EN_NUM_RX})\s+(?P<unit>hours?|hrs?|minutes?|mins?)"
     r"|(?P<halfhour>half\s+an?\s+hour))\b", _build_moment),
    # Parts of the day; "점심 후" and "퇴근 후" before the bare words.
    (_part(r"점심\s*(?:시간\s*)?(?:후|이후|지나서|먹고|끝나고)|\bafter\s+lunch\b"),
     _window(13 * 60, BUSINESS_END)),
    (_part(r"퇴근\s*(?:시간\s*)?(?:후|이후|하고|뒤|길|끝나고)|\bafter\s+work\b"),
     _window(18 * 60, 21 * 60)),
    (_part(r"아무\s*때(?:나|든지?|라도)?|아무\s*시간(?:이나|이든지?|대나)?|언제(?:든지?|라도)"
     r"|\bany\s*time\b|\bwhenever\b"), _window(BUSINESS_START, BUSINESS_END, anytime=True)),
    (_part(r"점심|\blunch\s*time\b|\blunch\b|\blunchtime\b"), _window(_NOON, 13 * 60)),
    (_part(r"오전|\bmorning\b"), _window(BUSINESS_START, _NOON)),
    (_part(r"아침"), _window(BUSINESS_START, 11 * 60)),
    (_part(r"오후|\bafternoon\b"), _window(13 * 60, BUSINESS_END)),
    (_part(r"저녁|\bevening\b"), _window(18 * 60, 21 * 60)),
    (_part(r"밤(?=$|[^가-힣]|에|은|는|중|쯤|늦게|이나|시간)|\bnight\b"), _window(19 * 60, 22 * 60)),
    (_part(r"새벽"), _window(0, 6 * 60)),
)

_RULES: Final[tuple[_Rule, ...]] = tuple(
    _Rule(_rx(pattern), build) for pattern, build in _DATE_RULES + _TIME_RULES
)


# --------------------------------------------------------------------------- extraction

_MASK: Final = "\x00"


def _fold(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII, odd spaces to a space.

    Every character maps to exactly one character, so match positions stay valid in the
    original text (needed for ``TimeRequest.text``).
    """
    return text.translate(_FOLD_TABLE)


def _fold_table() -> dict[int, int]:
    """The translation table behind :func:`_fold`."""
    table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    table.update(dict.fromkeys((0x00A0, 0x2007, 0x202F, 0x3000), 0x20))
    table.update({0x301C: ord("~"), 0x2019: ord("'"), 0x2013: ord("-")})
    return table


_FOLD_TABLE: Final = _fold_table()


def _extract(text: str, ctx: _Ctx) -> list[_Hit]:
    """Run the rules in order, masking each match so later rules cannot reuse it."""
    hits: list[_Hit] = []
    for rule in _RULES:
        spans: list[tuple[int, int]] = []
        for match in rule.pattern.finditer(text):
            found = rule.build(match, ctx)
            if found is not None:
                hits.extend(found)
                spans.append(match.span())
        text = _mask(text, spans)
    return hits


def _mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Blank out matched spans, keeping every other position where it was."""
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        pieces += [text[last:start], _MASK * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


# --------------------------------------------------------------------------- combination

_H = TypeVar("_H", bound=_Hit)


def _of_type(hits: Sequence[_Hit], kind: type[_H]) -> list[_H]:
    """The hits of one kind, in input order."""
    return [hit for hit in hits if isinstance(hit, kind)]


def _unique(hits: Sequence[_H], key: Callable[[_H], Hashable], what: str) -> _H | None:
    """The one hit of a kind; two different ones mean the user named two options."""
    if len({key(hit) for hit in hits}) > 1:
        raise TimeParseError("ambiguous", f"more than one {what}")
    return hits[0] if hits else None


def _pick_days(hits: Sequence[_Hit], today: date) -> tuple[date, date] | None:
    """The day (or weekend) the hits agree on; weekday names act as a cross-check."""
    spans = {(hit.first, hit.last) for hit in _of_type(hits, _Days)}
    weekdays = {hit.weekday for hit in _of_type(hits, _Weekday)}
    weeks = {hit.offset for hit in _of_type(hits, _Week)}
    if len(spans) > 1 or len(weekdays) > 1 or len(weeks) > 1:
        raise TimeParseError("ambiguous", "more than one day")
    if spans:
        first, last = spans.pop()
        if weekdays and (first != last or first.weekday() not in weekdays):
            raise TimeParseError("ambiguous", "the weekday does not match the date")
        if weeks and _monday(first) != _week_day(today, weeks.pop(), 0):
            raise TimeParseError("ambiguous", "the date is not in that week")
        return first, last
    if weeks:
        if not weekdays:
            raise TimeParseError("ambiguous", "a week without a day")
        day = _week_day(today, weeks.pop(), weekdays.pop())
        return day, day
    if weekdays:
        day = _next_weekday(today, weekdays.pop())
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


def _minutes(spec: _ClockSpec, meridiem: str | None) -> tuple[int, bool]:
    """Minutes after midnight of a clock spec read under ``meridiem``."""
    hour, assumed = _hour24(spec.hour, meridiem)
    return hour * 60 + spec.minute, assumed


def _resolve_clock(specs: tuple[_ClockSpec, ...], default: str | None) -> tuple[int, int, bool]:
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


def _window_meridiem(window: _Window | None) -> str | None:
    """The half of the day a part-of-day word implies, for "오후쯤 3시" or "tonight at 8"."""
    if window is None or window.anytime:
        return None
    if window.end_min <= _NOON:
        return "am"
    return "pm" if window.start_min >= _NOON else None


def _first_day_after(now: datetime, minutes: int) -> date:
    """Today if that time of day is still ahead, else tomorrow."""
    today = now.date()
    return today if _at(today, minutes) > now else _shift(today, 1)


def _next_business_day(now: datetime) -> date:
    """The first weekday whose business hours have not started yet."""
    day = now.date()
    while day.weekday() >= 5 or _at(day, BUSINESS_START) <= now:
        day = _shift(day, 1)
    return day


def _moment_request(hits: Sequence[_Hit], text: str) -> TimeRequest | None:
    """"2시간 후" stands alone; mixed with a day or time it is a contradiction."""
    moments = _of_type(hits, _Moment)
    if not moments:
        return None
    if len({hit.at for hit in moments}) > 1 or len(moments) != len(hits):
        raise TimeParseError("ambiguous", "a delay mixed with another time")
    return TimeRequest(moments[0].at, moments[0].at, True, text)


def _combine(hits: Sequence[_Hit], original: str, now: datetime) -> TimeRequest:
    """Turn the hits into one request, or explain why they do not make one."""
    if not hits:
        raise TimeParseError("no_time")
    text = original[min(h.start for h in hits):max(h.end for h in hits)].strip()
    if _of_type(hits, _Vague):
        raise TimeParseError("ambiguous", "a month without a day")
    moment = _moment_request(hits, text)
    if moment is not None:
        return moment
    days = _pick_days(hits, now.date())
    clock = _unique(_of_type(hits, _Clock), lambda h: h.specs, "time")
    windows = _of_type(hits, _Window)
    window = _unique([w for w in windows if not w.anytime], lambda h: h.start_min, "window")
    if days is not None and days[0] != days[1]:
        if clock is not None or window is not None:
            raise TimeParseError("ambiguous", "a time on more than one day")
        return TimeRequest(_at(days[0], BUSINESS_START), _at(days[1], BUSINESS_END), False, text)
    if clock is not None:
        start, end, assumed = _resolve_clock(clock.specs, _window_meridiem(window))
        day = days[0] if days else _first_day_after(now, start)
        return TimeRequest(_at(day, start), _at(day, end), start == end, text, assumed)
    if window is not None:
        day = days[0] if days else _first_day_after(now, window.start_min)
        return TimeRequest(_at(day, window.start_min), _at(day, window.end_min), False, text)
    day = days[0] if days else _next_business_day(now)  # a date alone, or "아무때나"
    return TimeRequest(_at(day, BUSINESS_START), _at(day, BUSINESS_END), False, text)


# --------------------------------------------------------------------------- public API


def _to_seoul(now: datetime) -> datetime:
    """Read a naive ``now`` as Seoul time; convert an aware one."""
    return now.replace(tzinfo=SEOUL) if now.tzinfo is None else now.astimezone(SEOUL)


def parse_time(text: str, now: datetime) -> TimeRequest:
    """Find the booking time in a chat message.

    Args:
        text: The user's message, Korean or English, with any amount of noise around the
            time expression ("내일 오후 3시에 가능할까요?").
        now: The reference time; naive values are taken as Asia/Seoul.

    Returns:
        The requested point in time or window, in Asia/Seoul.

    Raises:
        TimeParseError: With ``reason`` 'empty', 'no_time', 'invalid_date' or 'ambiguous'.
            Nothing else is raised for any string, so the dialogue needs one handler.
    """
    if not isinstance(text, str) or not text.strip():
        raise TimeParseError("empty")
    local_now = _to_seoul(now)
    try:
        return _combine(_extract(_fold(text), _Ctx(local_now)), text, local_now)
    except TimeParseError:
        raise
    except (ValueError, OverflowError) as exc:  # arithmetic at the edge of datetime's range
        raise TimeParseError("invalid_date", str(exc)) from exc


def mentions_time(text: str, now: datetime | None = None) -> bool:
    """True if ``text`` names a day or a time of day that ``parse_time`` can read."""
    try:
        parse_time(text, now or clock.now())
    except TimeParseError as error:
        return error.reason == "ambiguous"
    return True


def names_exact_time(text: str, now: datetime | None = None) -> bool:
    """True if ``text`` gives one clock time ("내일 오후 3시"), not a window ("화요일 오전")."""
    try:
        return parse_time(text, now or clock.now()).exact
    except TimeParseError:
        return False
