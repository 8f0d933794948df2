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

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from bot import clock
from bot.booking.timeparse.clock_rules import TIME_RULES
from bot.booking.timeparse.date_rules import DATE_RULES
from bot.booking.timeparse.hits import Ctx, Hit, Rule, rx
from bot.booking.timeparse.request import TimeParseError, TimeRequest
from bot.booking.timeparse.resolve import combine_hits

__all__ = ["TimeParseError", "TimeRequest", "mentions_time", "names_exact_time", "parse_time"]

_RULES: Final[tuple[Rule, ...]] = tuple(
    Rule(rx(pattern), build) for pattern, build in DATE_RULES + TIME_RULES
)
"""Every rule, in the order ``_extract`` runs them: all date rules before all time rules.

The order is part of the meaning — each rule masks what it matched, so a later, looser
rule cannot read it again ("3일 후" is never also "the 3rd"; "오후 3시" is a clock time,
not the window "오후" plus a stray "3시"). See the ordering notes in ``date_rules`` and
``clock_rules``."""

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


def _extract(text: str, ctx: Ctx) -> list[Hit]:
    """Run the rules in order, masking each match so later rules cannot reuse it."""
    hits: list[Hit] = []
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
    local_now = clock.as_seoul(now)
    try:
        return combine_hits(_extract(_fold(text), Ctx(local_now)), text, local_now)
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
