"""Date-word parsing: the rules that find days, weekdays, weeks, weekends and months.

The order of ``DATE_RULES`` matters: rules run first to last and each masks what it
consumed (``bot.booking.timeparse._extract``), so the most specific form comes first —
full dates before month/day, offsets ("3일 후") before day-of-month ("3일"), named days
before the looser numeric forms. The comments in the table say why where it is not
obvious.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from bot.booking.timeparse.days import (
    add_months,
    make_date,
    month_day,
    next_weekday,
    shift_days,
    week_day,
)
from bot.booking.timeparse.hits import Build, Ctx, Days, Hit, Vague, Week, Weekday, Window
from bot.booking.timeparse.request import TimeParseError
from bot.booking.timeparse.words import (
    EN_MONTH_RX,
    EN_MONTHS,
    EN_NUM_RX,
    EN_WEEKDAY_RX,
    KO_REL_RX,
    LATER_KO,
    NAMED_DAYS,
    REL_OFFSETS,
    count_word,
    squash,
    weekday_index,
)


def _one_day(m: re.Match[str], day: date) -> list[Hit]:
    """A single-day hit covering the match."""
    return [Days(m.start(), m.end(), day, day)]


def _build_ymd(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """A full date with year: taken as written, even in the past."""
    return _one_day(m, make_date(int(m["y"]), int(m["mo"]), int(m["d"])))


def _build_md(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "12월 3일": the units make it a date, so an impossible one is an error."""
    return _one_day(m, month_day(ctx.today, int(m["mo"]), int(m["d"])))


def _build_md_numeric(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "12/3", "12.3" (month first, as in Korea and the US).

    Numbers that cannot be a month and day (3.45, 13/5) are left alone rather than reported
    as invalid dates: they are more likely a ratio or a decimal than a typo.
    """
    month, day = int(m["mo"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _one_day(m, month_day(ctx.today, month, day))


def _build_en_md(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "Dec 3", "3rd of December, 2026"."""
    month = EN_MONTHS.index(m["mon"][:3].lower()) + 1
    if m["y"]:
        return _one_day(m, make_date(int(m["y"]), month, int(m["d"])))
    return _one_day(m, month_day(ctx.today, month, int(m["d"])))


def _build_month_rel_day(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "다음 달 3일", "이번 달 15일" (this month's day may be past)."""
    year, month = add_months(ctx.today.year, ctx.today.month, REL_OFFSETS[squash(m["rel"])])
    return _one_day(m, make_date(year, month, int(m["d"])))


def _build_day_of_month(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "15일", "the 15th": this month, or next month once the day has passed."""
    day, today = int(m["d"]), ctx.today
    year, month = (today.year, today.month)
    if day < today.day:
        year, month = add_months(year, month, 1)
    return _one_day(m, make_date(year, month, day))


def _build_day_offset(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "3일 후", "이틀 뒤", "일주일 뒤", "in 2 days", "3 days ago"."""
    days = count_word(m["n"]) * (7 if m.groupdict().get("week") else 1)
    backwards = (m.groupdict().get("dir") or "").lower() in ("전", "ago")
    return _one_day(m, shift_days(ctx.today, -days if backwards else days))


def _build_week_weekday(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "다음주 화요일", "this Friday"; "coming Friday" is the nearest one."""
    weekday = weekday_index(m["wd"])
    if squash(m["rel"]) in ("coming", "thiscoming"):
        return _one_day(m, next_weekday(ctx.today, weekday))
    return _one_day(m, week_day(ctx.today, REL_OFFSETS[squash(m["rel"])], weekday))


def _build_weekend(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "이번 주말", "다음 주말", "next weekend": Saturday and Sunday of that week."""
    saturday = week_day(ctx.today, REL_OFFSETS[squash(m["rel"] or "this")], 5)
    return [Days(m.start(), m.end(), saturday, shift_days(saturday, 1))]


def _build_named_day(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "오늘", "모레", "the day after tomorrow", ..."""
    return _one_day(m, shift_days(ctx.today, NAMED_DAYS[squash(m[0])]))


def _build_tonight(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "tonight" is a day and a part of the day in one word."""
    return [*_one_day(m, ctx.today), Window(m.start(), m.end(), 18 * 60, 21 * 60)]


def _build_today(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "this" in "this afternoon" means today; the window rule reads "afternoon"."""
    return _one_day(m, ctx.today)


def _build_weekday(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """A weekday name on its own or in brackets; resolved when combining."""
    return [Weekday(m.start(), m.end(), weekday_index(m["wd"]))]


def _build_week(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "다음주", "next week": a week waiting for a weekday."""
    return [Week(m.start(), m.end(), REL_OFFSETS[squash(m["rel"])])]


def _build_vague_month(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "12월", "다음 달": bookable only with a day; "13월" is an impossible month."""
    month = m.groupdict().get("mo")
    if month is not None and not 1 <= int(month) <= 12:
        raise TimeParseError("invalid_date", f"month {month}")
    return [Vague(m.start(), m.end())]


_KO_WD_RX: Final = r"(?P<wd>[월화수목금토일])"

_BARE_WEEK_TAIL: Final = r"(?=$|[^가-힣]|에|중|쯤|내|안|까지|의|는|엔|초|부터)"

_MONTH_TAIL: Final = r"(?=$|[^가-힣]|에|중|쯤|내|안|까지|의|은|는|엔|초|말|부터)"

_DAY_TAIL: Final = (
    r"(?!\s*(?:동안|간|째|차|이내|안에|만에))"
    r"(?=$|[^가-힣]|에|은|는|이|쯤|경|까지|부터|날|요|로|도|이나|정도)"
)

DATE_RULES: Final[tuple[tuple[str, Build], ...]] = (
    # Full dates first: nothing looser may take their parts.
    (r"(?<!\d)(?P<y>\d{4})\s*년\s*(?P<mo>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일", _build_ymd),
    (
        r"(?<![\d.])(?P<y>\d{4})\s*(?P<sep>[-./])\s*(?P<mo>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
        r"(?!\d)(?:\s*\.)?",
        _build_ymd,
    ),
    (r"(?<!\d)(?P<mo>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일", _build_md),
    (
        r"(?P<rel>다다음|다음\s*다음|다음|담|이번|요번|지난|저번)\s*달\s*(?:의\s*|에\s*)?"
        r"(?P<d>\d{1,2})\s*일",
        _build_month_rel_day,
    ),
    (
        rf"\b(?P<mon>{EN_MONTH_RX})\.?\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?:,?\s*(?P<y>\d{{4}})\b)?",
        _build_en_md,
    ),
    (
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{EN_MONTH_RX})\b\.?"
        rf"(?:,?\s*(?P<y>\d{{4}})\b)?",
        _build_en_md,
    ),
    # Offsets before day-of-month, so "3일 후" is not "the 3rd".
    (rf"(?<!\d)(?P<n>\d{{1,3}})\s*일\s*{LATER_KO}", _build_day_offset),
    (
        rf"(?P<n>하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레|열흘)\s*{LATER_KO}",
        _build_day_offset,
    ),
    (
        rf"(?<!\d)(?P<n>\d{{1,2}}|한|두|세|네|일|이|삼|사)\s*(?P<week>주)(?:일)?\s*{LATER_KO}",
        _build_day_offset,
    ),
    (rf"\bin\s+(?P<n>{EN_NUM_RX})\s+(?:(?P<week>weeks?)|days?)\b", _build_day_offset),
    (
        rf"\b(?P<n>{EN_NUM_RX})\s+(?:(?P<week>weeks?)|days?)\s+"
        r"(?:from\s+(?:now|today)|later|(?P<dir>ago))\b",
        _build_day_offset,
    ),
    # Weeks and weekends.
    (
        rf"{KO_REL_RX}\s*주\s*(?:에\s*|의\s*)?{_KO_WD_RX}(?:요일|욜|(?![가-힣]))",
        _build_week_weekday,
    ),
    (
        rf"\b(?P<rel>this\s+coming|coming|this|next|last)\s+(?P<wd>{EN_WEEKDAY_RX})\b",
        _build_week_weekday,
    ),
    (rf"(?:{KO_REL_RX}\s*(?:주\s*)?)?주말", _build_weekend),
    (r"\b(?:(?P<rel>this|next|last)\s+)?weekend\b", _build_weekend),
    # Named days.
    (r"\btonight\b", _build_tonight),
    (r"\bthis(?=\s+(?:morning|afternoon|evening)\b)", _build_today),
    (
        r"\b(?:the\s+)?day\s+(?:after\s+tomorrow|before\s+yesterday)\b|\btoday\b|\btomorrow\b"
        r"|\btmrw?\b|\byesterday\b|내일\s*모레|(?<![가-힣])낼\s*모레|오늘|금일|내일|모레|글피"
        r"|어저께|어제|그저께|그제|(?<![가-힣])낼",
        _build_named_day,
    ),
    # Looser forms.
    (
        r"(?<![\d/.:-])(?P<mo>\d{1,2})[/.](?P<d>\d{1,2})"
        r"(?!\d|[/.:]\d|\s*(?:%|시간|[만천억원배]))\.?",
        _build_md_numeric,
    ),
    (rf"{_KO_WD_RX}(?:요일|욜)", _build_weekday),
    (rf"\(\s*(?P<wd>[월화수목금토일]|{EN_WEEKDAY_RX})\s*(?:요일|욜)?\s*\)", _build_weekday),
    (
        r"\b(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
        _build_weekday,
    ),
    (rf"(?<![\d/.:-])(?P<d>\d{{1,2}})\s*일{_DAY_TAIL}", _build_day_of_month),
    (r"\bthe\s+(?P<d>\d{1,2})(?:st|nd|rd|th)\b", _build_day_of_month),
    # A week or month without a day.
    (rf"{KO_REL_RX}\s*주{_BARE_WEEK_TAIL}", _build_week),
    (r"\b(?P<rel>this|next|last)\s+week\b", _build_week),
    (rf"(?:다다음|다음\s*다음|다음|담|이번|요번|지난|저번)\s*달{_MONTH_TAIL}", _build_vague_month),
    (r"(?:(?<!\d)\d{4}\s*년\s*)?(?<!\d)(?P<mo>\d{1,2})\s*월(?!요일|욜)", _build_vague_month),
    (
        r"\b(?:this|next|last)\s+month\b|\b(?:in\s+)?(?:january|february|april|june|july|august"
        r"|september|october|november|december)\b",
        _build_vague_month,
    ),
)
