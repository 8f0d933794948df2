"""The words the parser knows: days, weekdays, months, counts and meridiems in Korean and
English, with the regex fragments that match them."""

from __future__ import annotations

import re
from typing import Final

_KO_WEEKDAYS: Final = "월화수목금토일"

_EN_WEEKDAYS: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

EN_WEEKDAY_RX: Final = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)"
)

EN_MONTH_RX: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)

EN_MONTHS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)


def _counting(words: str) -> dict[str, int]:
    """``{word: n}`` for words that count one, two, three …, written in that order.

    The number of a counting word is its place in the count, so the tables say only that.
    """
    return {word: n for n, word in enumerate(words.split(), start=1)}


_EN_NUMBERS: Final[dict[str, int]] = {
    "a": 1,
    "an": 1,
    **_counting("one two three four five six seven eight nine ten eleven twelve"),
}

EN_NUM_RX: Final = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

NATIVE_HOURS: Final = _counting("한 두 세 네 다섯 여섯 일곱 여덟 아홉 열 열한 열두")

NATIVE_HOUR_RX: Final = "열한|열두|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열"

_NATIVE_DAYS: Final = _counting("하루 이틀 사흘 나흘 닷새 엿새 이레 여드레 아흐레 열흘")

_KO_WEEK_COUNTS: Final = {**_counting("한 두 세 네"), **_counting("일 이 삼 사")}

_KO_COUNTS: Final[dict[str, int]] = {**NATIVE_HOURS, **_NATIVE_DAYS, **_KO_WEEK_COUNTS}

REL_OFFSETS: Final[dict[str, int]] = {
    "이번": 0,
    "요번": 0,
    "다음": 1,
    "담": 1,
    "차": 1,
    "다다음": 2,
    "다음다음": 2,
    "지난": -1,
    "저번": -1,
    "this": 0,
    "next": 1,
    "last": -1,
}

KO_REL_RX: Final = r"(?P<rel>다다음|다음\s*다음|다음|담|이번|요번|지난|저번|(?<![가-힣])차)"

NAMED_DAYS: Final[dict[str, int]] = {
    "오늘": 0,
    "금일": 0,
    "내일": 1,
    "낼": 1,
    "내일모레": 2,
    "낼모레": 2,
    "모레": 2,
    "글피": 3,
    "어제": -1,
    "어저께": -1,
    "그제": -2,
    "그저께": -2,
    "today": 0,
    "tomorrow": 1,
    "tmr": 1,
    "tmrw": 1,
    "yesterday": -1,
    "dayaftertomorrow": 2,
    "thedayaftertomorrow": 2,
    "daybeforeyesterday": -2,
    "thedaybeforeyesterday": -2,
}

MERIDIEMS: Final[dict[str, str]] = {
    "오전": "am",
    "아침": "am",
    "새벽": "am",
    "a": "am",
    "오후": "pm",
    "저녁": "pm",
    "p": "pm",
    "밤": "night",
    "낮": "day",
    "점심": "day",
}

LATER_KO: Final = r"(?P<dir>후|뒤|있다가|이따가?|지나서|이후|전)"

APPROX: Final = r"(?:\s*(?:쯤|경|즈음|무렵|께|정도|정각))?"


def squash(word: str) -> str:
    """Drop spaces and case so "다음 다음" and "Day after Tomorrow" find their table key."""
    return re.sub(r"\s+", "", word).lower()


def count_word(word: str) -> int:
    """A count written in digits, Korean native numerals or English words."""
    if word.isdigit():
        return int(word)
    return _KO_COUNTS.get(word) or _EN_NUMBERS[word.lower()]


def weekday_index(word: str) -> int:
    """Monday=0 for 월/화/... or English names and abbreviations."""
    if word[0] in _KO_WEEKDAYS:
        return _KO_WEEKDAYS.index(word[0])
    return _EN_WEEKDAYS.index(word[:3].lower())
