"""What an answer's facts rest on, and how old they are: every answer is dated and cited.

The catalogue comes from SBA's work report of November 2022; staff may confirm or change
a record later (its ``as_of``). An answer says which: "2022년 11월 업무보고 기준" or
"2026년 12월 1일 SBA 확인". Dates in a report-era schedule are told as what they are now —
a plan of that year, or a date already past — and every answer ends with where to check
the current call (the responsible team, and SBA's notices page when configured).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from bot import clock
from bot.catalog.phrases import say
from bot.db.models import Facility, Program, Team
from bot.settings import get_settings

REPORT_DATE: Final = date(2022, 11, 1)
"""The work report was presented to the city council in November 2022 (제315회 정례회)."""

_SECTION_HEAD: Final = re.compile(r"^\s*2\.\s*주요\s*업무보고\s*>\s*")
_YEAR_MONTH: Final = re.compile(
    r"(?:(20\d\d)\s*년\s*(\d{1,2})\s*월)|(?:'(\d\d)\.\s?(\d{1,2})\.)|(?:(20\d\d)\.\s?(\d{1,2})\b)"
)
_YEAR: Final = re.compile(r"(20\d\d)\s*년|'(\d\d)년|\b(20\d\d)\b")
_MONTHS_EN: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_EN: Final = re.compile(r"\b(" + "|".join(_MONTHS_EN) + r")\s+(20\d\d)\b", re.I)


@dataclass(frozen=True)
class Basis:
    """Where a record's facts come from and the date they hold for."""

    as_of: date
    confirmed_by_staff: bool
    section: str | None
    lines: str | None


def basis_of(record: Program | Facility) -> Basis:
    """The basis of a catalogue record: the report, or a later staff confirmation."""
    as_of = record.as_of
    return Basis(
        as_of=as_of or REPORT_DATE,
        confirmed_by_staff=as_of is not None,
        section=record.source_section,
        lines=record.source_lines,
    )


def _ko_date(day: date, *, with_day: bool) -> str:
    return f"{day.year}년 {day.month}월 {day.day}일" if with_day else f"{day.year}년 {day.month}월"


def _en_date(day: date, *, with_day: bool) -> str:
    month = _MONTHS_EN[day.month - 1].capitalize()
    return f"{month} {day.day}, {day.year}" if with_day else f"{month} {day.year}"


def as_of_label(basis: Basis, language: str = "ko") -> str:
    """The basis, "2022년 11월 업무보고 기준" / "as of SBA's work report of November 2022"."""
    if language == "en":
        if basis.confirmed_by_staff:
            return f"as confirmed by SBA staff on {_en_date(basis.as_of, with_day=True)}"
        return f"as of SBA's work report of {_en_date(basis.as_of, with_day=False)}"
    if basis.confirmed_by_staff:
        return f"{_ko_date(basis.as_of, with_day=True)} SBA 담당자 확인 기준"
    return f"{_ko_date(basis.as_of, with_day=False)} 서울산업진흥원 업무보고 기준"


def source_line(record: Program | Facility, language: str = "ko") -> str:
    """The closing citation: basis date and the report's section (lines in English)."""
    basis = basis_of(record)
    if language == "en":
        where = f", lines {basis.lines}" if basis.lines else ""
        if basis.confirmed_by_staff:
            return f"(Source: confirmed by SBA staff on {_en_date(basis.as_of, with_day=True)}.)"
        return (
            f"(Source: SBA's work report to the Seoul city council, "
            f"{_en_date(basis.as_of, with_day=False)}{where}.)"
        )
    section = _SECTION_HEAD.sub("", basis.section or "").strip()
    return f"(출처: {as_of_label(basis)}{', ' + section if section else ''})"


def _latest_mentioned(text: str) -> date | None:
    """The latest year-month a text mentions ('22.7.8, 2022년 10월, October 2022, 2023년)."""
    found: list[date] = []
    for m in _YEAR_MONTH.finditer(text):
        year = m.group(1) or (f"20{m.group(3)}" if m.group(3) else None) or m.group(5)
        month = m.group(2) or m.group(4) or m.group(6)
        if year and month and 1 <= int(month) <= 12:
            found.append(date(int(year), int(month), 1))
    for m in _MONTH_EN.finditer(text):
        found.append(date(int(m.group(2)), _MONTHS_EN.index(m.group(1).lower()) + 1, 1))
    for m in _YEAR.finditer(text):
        year = m.group(1) or (f"20{m.group(2)}" if m.group(2) else None) or m.group(3)
        if year:
            found.append(date(int(year), 12, 1))  # a bare year lasts until its end
    return max(found) if found else None


def time_frame(record: Program | Facility, text: str, language: str = "ko") -> str:
    """How to read the dates in ``text`` today: a past plan, or current.

    Report-era texts are "2022년 당시 계획" — and "이미 지난 일정" when every date they
    mention is before this month; a staff-confirmed text is current as of its date.
    """
    basis = basis_of(record)
    today = clock.now().date()
    latest = _latest_mentioned(text)
    past = latest is not None and (latest.year, latest.month) < (today.year, today.month)
    if language == "en":
        if basis.confirmed_by_staff:
            return f"Schedule as confirmed by SBA staff on {_en_date(basis.as_of, with_day=True)}"
        year = basis.as_of.year
        return (
            f"These were SBA's plans in {year}; every date below has passed"
            if past
            else f"These were SBA's plans in {year} (work report)"
        )
    if basis.confirmed_by_staff:
        return f"{_ko_date(basis.as_of, with_day=True)} 담당자가 확인한 일정입니다"
    year = basis.as_of.year
    return (
        f"{year}년 업무보고 당시의 계획으로, 아래 일정은 모두 지났습니다"
        if past
        else f"{year}년 업무보고 당시의 계획입니다"
    )


def team_label(team: Team) -> str:
    """The team as "경제정책본부 교육1팀" — division first when it differs from the team."""
    division = f"{team.division} " if team.division and team.division != team.name else ""
    return f"{division}{team.name}"


def confirm_line(
    team: Team | None, language: str = "ko", team_en: str | None = None, *, named: bool = False
) -> str:
    """Where to check what holds now: the team and, if configured, SBA's notices page.

    ``named``: the answer has just named the team, so "that team" says it without repeating.
    ``team_en`` is the team's English name, which an English line needs (no name: SBA).
    """
    url = get_settings().notices_url
    name = (team_en or None) if language == "en" else (team_label(team) if team else None)
    if name is None:
        who = say("confirm_with_sba", language)
    elif named:
        who = say("confirm_with_that_team", language)
    else:
        who = say("confirm_with_team", language).format(team=name)
    page = say("confirm_page", language).format(url=url) if url else ""
    return say("confirm", language).format(who=who, page=page)
