"""How booking times read to people, in Korean and English.

One function for every place a time is shown (chat replies, buttons, SMS texts, staff
listings), so the bot never says "12월 3일 14시" in one message and "오후 2:00" in the next.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from bot.clock import as_seoul

_KO_WEEKDAYS: Final = "월화수목금토일"
_EN_WEEKDAYS: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_EN_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def format_clock(moment: datetime, language: str = "ko") -> str:
    """``오후 2:00`` / ``2:00 PM``: 12-hour clock, as Koreans and Americans read times."""
    moment = as_seoul(moment)
    hour12 = moment.hour % 12 or 12
    if language == "en":
        return f"{hour12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
    return f"{'오전' if moment.hour < 12 else '오후'} {hour12}:{moment.minute:02d}"


def format_day(moment: datetime, language: str = "ko") -> str:
    """``12월 3일(목)`` / ``Thu, Dec 3``."""
    moment = as_seoul(moment)
    if language == "en":
        return f"{_EN_WEEKDAYS[moment.weekday()]}, {_EN_MONTHS[moment.month - 1]} {moment.day}"
    return f"{moment.month}월 {moment.day}일({_KO_WEEKDAYS[moment.weekday()]})"


def format_when(moment: datetime, language: str = "ko") -> str:
    """``12월 3일(목) 오후 2:00`` / ``Thu, Dec 3, 2:00 PM`` (Asia/Seoul)."""
    separator = ", " if language == "en" else " "
    return f"{format_day(moment, language)}{separator}{format_clock(moment, language)}"


def format_span(start: datetime, end: datetime, language: str = "ko") -> str:
    """``12월 3일(목) 오후 2:00~2:50`` — a consultation from start to end."""
    end_clock = format_clock(end, language)
    if language != "en" and (as_seoul(start).hour < 12) == (as_seoul(end).hour < 12):
        end_clock = end_clock.split(" ", 1)[1]  # "오후 2:00~2:50", not "오후 2:00~오후 2:50"
    return f"{format_when(start, language)}{'–' if language == 'en' else '~'}{end_clock}"
