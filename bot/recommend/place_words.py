"""Where the user is: Seoul's districts and the neighbourhoods people name, places outside
Seoul, the countries a foreign company comes from, and Seoul's universities.

The words themselves are in ``place_words.yml`` (format: ``bot.recommend.vocabulary``); this
module names them for the reader and builds the two patterns that are derived from a word
table (a university, a place), so that the tables stay the one place to add a word.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from bot.recommend.vocabulary import load_vocabulary

WORDS: Final = load_vocabulary(Path(__file__).with_name("place_words.yml"))
"""The compiled entries of place_words.yml (their reasons are there)."""

UNIVERSITIES: Final = WORDS.mapping("UNIVERSITIES")
DISTRICTS: Final = WORDS.mapping("DISTRICTS")
OUTSIDE: Final = WORDS.pattern("OUTSIDE")
LOCATED_OUTSIDE: Final = WORDS.pattern("LOCATED_OUTSIDE")
AT: Final = WORDS.pattern("AT")
TO: Final = WORDS.pattern("TO")
ABROAD_HOME: Final = WORDS.pattern("ABROAD_HOME")
RESIDENT: Final = WORDS.pattern("RESIDENT")

UNIVERSITY_WORDS: Final = tuple(sorted(UNIVERSITIES, key=len, reverse=True))
UNIVERSITY: Final = re.compile(
    r"(?<![가-힣])(" + "|".join(UNIVERSITY_WORDS) + r")"
    r"(?:학교|학생|\s?\S*\s?(?:\d\s?학년|재학|학부|다니|생))"
)
"""A university the user studies at: its name, then a year, 재학 or 학생 ("연세대 컴공
2학년", "홍대 재학 중"), so "홍대 앞 카페" stays a place."""
PLACES: Final = tuple(
    (re.compile(re.escape(word) + r"\w*", re.I if word.isascii() else 0), gu)
    for word, gu in sorted(DISTRICTS.items(), key=lambda kv: -len(kv[0]))
)
"""Place words, longest first ("구로디지털" before "구로"), compiled once."""
