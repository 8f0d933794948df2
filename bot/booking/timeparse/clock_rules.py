"""Time-of-day parsing: clock times, ranges, delays ("2시간 후") and parts of the day.

The order of ``TIME_RULES`` matters (they run after the date rules, each masking what it
consumed): a range before a single clock time, clock times before delays ("3시 30분 후"
is a clock time) and before parts of the day ("오후 3시"), and compound parts of the day
("점심 후", "퇴근 후") before the bare words.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Final

from bot.booking.timeparse.hits import Build, Clock, ClockSpec, Ctx, Hit, Moment, Window
from bot.booking.timeparse.request import BUSINESS_END, BUSINESS_START, NOON, TimeParseError
from bot.booking.timeparse.words import (
    APPROX,
    EN_NUM_RX,
    LATER_KO,
    MERIDIEMS,
    NATIVE_HOUR_RX,
    NATIVE_HOURS,
    count_word,
    squash,
)


def _meridiem(korean: str | None, english: str | None) -> str | None:
    """Normalise 오전/오후/저녁/am/pm...; an English am/pm is the more precise of the two."""
    word = english or korean
    return MERIDIEMS[word.lower()] if word else None


def _clock_spec(m: re.Match[str], p: str) -> ClockSpec:
    """Read the hour, minute and meridiem of the clock pattern with group prefix ``p``."""
    g = m.groupdict()
    meridiem = _meridiem(g[p + "mer"], g[p + "ap"])
    if g.get(p + "before"):
        # "3시 10분 전": ten to three, or "before 3:10"? Korean uses both.
        raise TimeParseError("ambiguous", "분 전")
    if g[p + "h"] is not None or g[p + "nh"] is not None:
        raw = g[p + "h"]
        hour = int(raw) if raw is not None else NATIVE_HOURS[g[p + "nh"]]
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
    return ClockSpec(hour, minute, meridiem)


def _build_clock(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "오후 3시", "10시 반", "14:30", "3pm", "at 3"."""
    return [Clock(m.start(), m.end(), (_clock_spec(m, "a_"),))]


def _build_range(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "오후 2시~4시", "3시부터 5시까지", "between 2 and 4pm"."""
    return [Clock(m.start(), m.end(), (_clock_spec(m, "a_"), _clock_spec(m, "b_")))]


def _build_fixed_clock(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "정오"/"noon" and "자정"/"midnight" (the end of that day)."""
    hour = 12 if squash(m[0]) in ("정오", "noon", "midday") else 24
    return [Clock(m.start(), m.end(), (ClockSpec(hour, 0, "abs"),))]


def _build_moment(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
    """Reads "2시간 후", "30분 뒤", "in 2 hours": now plus a delay, to the minute ("전": minus)."""
    g = m.groupdict()
    minutes = 30 if g.get("halfhour") else 0
    if g.get("h"):
        minutes += count_word(g["h"]) * 60 + (30 if g.get("half") else 0)
    if g.get("mi"):
        minutes += int(g["mi"])
    if g.get("n"):
        minutes += count_word(g["n"]) * (60 if g["unit"].lower().startswith("h") else 1)
    if g.get("dir") == "전":
        minutes = -minutes
    at = (ctx.now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    return [Moment(m.start(), m.end(), at)]


def _window(start: int, end: int, *, anytime: bool = False) -> Build:
    """A builder for a part-of-day word with a fixed window."""

    def build(m: re.Match[str], ctx: Ctx) -> list[Hit] | None:
        return [Window(m.start(), m.end(), start, end, anytime)]

    return build


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
        rf"(?P<{p}nh>{NATIVE_HOUR_RX})\s*시{_AFTER_NATIVE_SI})"
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
    return rf"(?:{spoken}|{at_hour}){APPROX}"


_RANGE_RX: Final = (
    rf"(?:\b(?:from|between)\s+)?{_clock_rx('a_', bare=True)}"
    r"\s*(?:~|-|–|—|부터|에서|\bto\b|\buntil\b|\btill\b|\band\b)\s*"
    rf"{_clock_rx('b_')}(?:\s*(?:까지|사이에?|중에?))?"
)

_WINDOW_TAIL: Final = r"(?:\s*(?:쯤|경|즈음|무렵|중에?|때|시간대?))?"


def _part(pattern: str) -> str:
    """A part-of-day pattern with its optional tail ("오전 중", "점심때", "오후쯤")."""
    return rf"(?:{pattern}){_WINDOW_TAIL}"


TIME_RULES: Final[tuple[tuple[str, Build], ...]] = (
    # Clock times before moments ("3시 30분 후" is a clock time) and windows ("오후 3시").
    (_RANGE_RX, _build_range),
    (_clock_rx("a_"), _build_clock),
    (r"정오|자정|\bnoon\b|\bmidday\b|\bmidnight\b", _build_fixed_clock),
    (
        rf"(?<!\d)(?P<h>\d{{1,2}}|한|두|세|네|다섯|여섯)\s*시간\s*(?:(?P<half>반)\s*)?"
        rf"(?:(?P<mi>\d{{1,2}})\s*분\s*)?{LATER_KO}",
        _build_moment,
    ),
    (rf"(?P<halfhour>반)\s*시간\s*{LATER_KO}", _build_moment),
    (rf"(?<!\d)(?P<mi>\d{{1,3}})\s*분\s*{LATER_KO}", _build_moment),
    (
        rf"\bin\s+(?:(?P<n>{EN_NUM_RX})\s+(?P<unit>hours?|hrs?|minutes?|mins?)"
        r"|(?P<halfhour>half\s+an?\s+hour))\b",
        _build_moment,
    ),
    # Parts of the day; "점심 후" and "퇴근 후" before the bare words.
    (
        _part(r"점심\s*(?:시간\s*)?(?:후|이후|지나서|먹고|끝나고)|\bafter\s+lunch\b"),
        _window(13 * 60, BUSINESS_END),
    ),
    (
        _part(r"퇴근\s*(?:시간\s*)?(?:후|이후|하고|뒤|길|끝나고)|\bafter\s+work\b"),
        _window(18 * 60, 21 * 60),
    ),
    (
        _part(
            r"아무\s*때(?:나|든지?|라도)?|아무\s*시간(?:이나|이든지?|대나)?|언제(?:든지?|라도)"
            r"|\bany\s*time\b|\bwhenever\b"
        ),
        _window(BUSINESS_START, BUSINESS_END, anytime=True),
    ),
    (_part(r"점심|\blunch\s*time\b|\blunch\b|\blunchtime\b"), _window(NOON, 13 * 60)),
    (_part(r"오전|\bmorning\b"), _window(BUSINESS_START, NOON)),
    (_part(r"아침"), _window(BUSINESS_START, 11 * 60)),
    (_part(r"오후|\bafternoon\b"), _window(13 * 60, BUSINESS_END)),
    (_part(r"저녁|\bevening\b"), _window(18 * 60, 21 * 60)),
    (_part(r"밤(?=$|[^가-힣]|에|은|는|중|쯤|늦게|이나|시간)|\bnight\b"), _window(19 * 60, 22 * 60)),
    (_part(r"새벽"), _window(0, 6 * 60)),
)
