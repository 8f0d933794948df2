"""The booking date/time parser never fails in any other way than ``TimeParseError``.

Users paste anything into the booking form; the dialogue has one handler for what the parser
cannot read. Random fragments, pasted documents and clocks at the ends of the calendar must all
give a result or that error — never another exception, never a run that does not finish.
"""

from __future__ import annotations

import contextlib
import random
from datetime import datetime

import pytest

from bot.booking.timeparse import TimeParseError, TimeRequest, parse_time
from bot.clock import SEOUL

WED = datetime(2026, 11, 25, 10, 0, tzinfo=SEOUL)
"""An ordinary weekday morning (the parser tests' ``WED``)."""
SUN = datetime(2026, 11, 29, 20, 0, tzinfo=SEOUL)
"""The last evening of a Monday-based week (the parser tests' ``SUN``)."""

_ATOMS = [
    "내일",
    "모레",
    "오후",
    "오전",
    "3시",
    "반",
    "12월",
    "3일",
    "30분",
    "후",
    "전",
    "다음주",
    "화요일",
    "주말",
    "~",
    "-",
    "/",
    ".",
    ":",
    "(",
    ")",
    "월",
    "일",
    "시",
    "분",
    "pm",
    "at",
    "in",
    "days",
    "next",
    "Friday",
    "Dec",
    "3rd",
    "2026",
    "년",
    "13",
    "99",
    "0",
    "24",
    "60",
    "🙂",
    "\x00",
    "\n",
    " ",
    "세시",
    "이틀",
    "아무때나",
    "밤",
    "정오",
    "between",
    "부터",
    "까지",
    "요일",
    "욜",
    "담주",
    "달",
    "일주일",
    "시간",
    "１２",
    "：",
    "～",
    "\u200b",
]

_NOWS = [
    WED,
    SUN,
    datetime(9999, 12, 31, 23, 59, tzinfo=SEOUL),  # arithmetic overflows here
    datetime(1, 1, 1, 0, 0, tzinfo=SEOUL),
    datetime(2026, 12, 30, 16, 0),  # naive
]


def _random_text(rng: random.Random) -> str:
    """Fragments of real expressions glued in odd ways, or random code points."""
    if rng.random() < 0.6:
        sep = rng.choice(["", " ", "  "])
        return sep.join(rng.choice(_ATOMS) for _ in range(rng.randint(1, 8)))
    points = [rng.randint(0, 0x10FFFF) for _ in range(rng.randint(0, 24))]
    return "".join(chr(p) for p in points if not 0xD800 <= p <= 0xDFFF)


def _assert_well_formed(result: TimeRequest, text: str) -> None:
    """Invariants every successful result keeps."""
    assert result.start.tzinfo is SEOUL
    assert result.start <= result.end
    assert result.exact == (result.start == result.end)
    assert result.text and result.text in text


def test_fuzz_only_ever_raises_time_parse_error() -> None:
    """Any string gives a result or a TimeParseError: the dialogue needs one handler."""
    rng = random.Random(20261125)
    for _ in range(5000):
        text = _random_text(rng)
        try:
            result = parse_time(text, rng.choice(_NOWS))
        except TimeParseError as exc:
            assert exc.reason in {"empty", "no_time", "invalid_date", "ambiguous"}
        else:
            _assert_well_formed(result, text)


@pytest.mark.parametrize(
    "text",
    [
        "가" * 10_000,
        "🙂" * 10_000,
        "3시 " * 2_500,
        "1 " * 5_000,
        "(" * 10_000,
        "다음" * 5_000,
        " " * 9_990 + "내일 오후 3시",
        "\x00\ufffd\U0010ffff" * 3_000,
    ],
)
def test_long_input_is_safe(text: str) -> None:
    """A pasted document gets an answer or a TimeParseError, never another error.

    No wall-clock limit here: it measures the machine's load as much as the parser, so it
    can fail a correct parser on a busy machine. Catastrophic regex backtracking would
    show as a run that does not finish.
    """
    with contextlib.suppress(TimeParseError):
        parse_time(text, WED)


@pytest.mark.parametrize("text", ["내일", "자정", "in 3 hours", "다음주 월요일"])
def test_extreme_now_does_not_overflow(text: str) -> None:
    """Date arithmetic past year 9999 becomes an invalid date, not an OverflowError."""
    with pytest.raises(TimeParseError) as caught:
        parse_time(text, datetime(9999, 12, 31, 23, 0, tzinfo=SEOUL))
    assert caught.value.reason == "invalid_date"
