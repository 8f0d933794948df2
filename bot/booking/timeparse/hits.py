"""What the rules find: typed *hits* with their span in the input, and the rule type.

A rule only records what it read (a day, a weekday, a clock time, a part of the day ...);
``resolve.py`` decides what the hits mean together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Hit:
    """Something a rule found, with its span in the input."""

    start: int
    end: int


@dataclass(frozen=True)
class Days(Hit):
    """A calendar day, or an inclusive run of days (a weekend)."""

    first: date
    last: date


@dataclass(frozen=True)
class Weekday(Hit):
    """A weekday name: a date of its own, or a check on another date ("1월 5일(월)")."""

    weekday: int


@dataclass(frozen=True)
class Week(Hit):
    """A week without a day ("다음주"); needs a weekday to become a date."""

    offset: int


@dataclass(frozen=True)
class Vague(Hit):
    """A month without a day ("다음 달", "12월"): time talk, but not bookable."""


@dataclass(frozen=True)
class ClockSpec:
    """An hour as written, before the meridiem rules turn it into minutes."""

    hour: int
    minute: int
    meridiem: str | None  # 'am', 'pm', 'night', 'day', 'abs' (24-hour) or None (unsaid)


@dataclass(frozen=True)
class Clock(Hit):
    """A clock time (one spec) or a range of two clock times."""

    specs: tuple[ClockSpec, ...]


@dataclass(frozen=True)
class Window(Hit):
    """A part of the day in minutes after midnight; ``anytime`` for "아무때나"."""

    start_min: int
    end_min: int
    anytime: bool = False


@dataclass(frozen=True)
class Moment(Hit):
    """A time relative to now ("2시간 후"): already a full datetime."""

    at: datetime


@dataclass(frozen=True)
class Ctx:
    """What rules need to resolve relative expressions."""

    now: datetime

    @property
    def today(self) -> date:
        """The current date in Seoul."""
        return self.now.date()


Build = Callable[[re.Match[str], Ctx], "list[Hit] | None"]


@dataclass(frozen=True)
class Rule:
    """A pattern and the function that turns a match into hits (None: not a match after all)."""

    pattern: re.Pattern[str]
    build: Build


def rx(pattern: str) -> re.Pattern[str]:
    r"""Compile case-insensitively with ASCII classes, so ``\b`` works next to Hangul."""
    return re.compile(pattern, re.IGNORECASE | re.ASCII)
