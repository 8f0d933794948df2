"""The words a company profile is read from: the kinds of applicant, needs, trades and the
phrases for ages, years, headcounts and denials (places: ``bot.recommend.place_words``).

The words themselves are in ``profile_words.yml`` (format: ``bot.recommend.vocabulary``), each
with the reason it is there; this module names them for ``bot.recommend.profile`` and keeps
the few facts that are not words (which kinds are people, which trades make things). Apart
from the reader so that its logic fits on a few screens and the word lists can grow without
burying it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from bot.recommend.place_words import ABROAD_HOME, UNIVERSITY
from bot.recommend.vocabulary import load_vocabulary

WORDS: Final = load_vocabulary(
    Path(__file__).with_name("profile_words.yml"),
    refs={"UNIVERSITY": UNIVERSITY.pattern, "ABROAD_HOME": ABROAD_HOME.pattern},
)
"""The compiled entries of profile_words.yml (their reasons are there)."""

KINDS: Final = WORDS.table("KINDS")
GIVES: Final = WORDS.table("GIVES")
INDUSTRY_WORDS: Final = WORDS.words("INDUSTRY_WORDS")
EXCLUDED_TRADES: Final = WORDS.table("EXCLUDED_TRADES")
YEARS: Final = (
    WORDS.pattern("YEARS_SINCE"),
    WORDS.pattern("YEARS_COUNTED"),
    WORDS.pattern("YEARS_EN"),
)
KOREAN_OWNED: Final = WORDS.pattern("KOREAN_OWNED")
UNDER: Final = WORDS.pattern("UNDER")
FOUNDED: Final = WORDS.pattern("FOUNDED")
AGE: Final = WORDS.pattern("AGE")
DECADE: Final = WORDS.pattern("DECADE")
HEADCOUNT: Final = WORDS.pattern("HEADCOUNT")
ENDING: Final = WORDS.pattern("ENDING")
WANT: Final = WORDS.pattern("WANT")
MODIFIER: Final = WORDS.pattern("MODIFIER")
NOT_MODIFIER: Final = WORDS.pattern("NOT_MODIFIER")
NOT_AFTER: Final = WORDS.pattern("NOT_AFTER")
NOT_BEFORE: Final = WORDS.pattern("NOT_BEFORE")
NOT_AFTER_LISTED: Final = re.compile(
    f"(?:{WORDS.pattern('LIST_ITEM').pattern}){{0,3}}(?:{NOT_AFTER.pattern})"
)
"""A denial after the word, or after up to three more items of a list it begins."""
COMMISSIONED: Final = WORDS.pattern("COMMISSIONED")
SOMEONE_ELSES: Final = WORDS.pattern("SOMEONE_ELSES")
SEEKING: Final = WORDS.pattern("SEEKING")
WORKING: Final = WORDS.pattern("WORKING")
EXPORTS: Final = WORDS.pattern("EXPORTS")
DOMESTIC_ONLY: Final = WORDS.pattern("DOMESTIC_ONLY")
STAYS: Final = WORDS.pattern("STAYS")
SETTING_UP: Final = WORDS.pattern("SETTING_UP")
NO_COMPANY: Final = WORDS.pattern("NO_COMPANY")
EMPLOYER: Final = WORDS.pattern("EMPLOYER")
HIRES: Final = WORDS.pattern("HIRES")
COMPANY_SELF: Final = WORDS.pattern("COMPANY_SELF")
CLAUSE: Final = WORDS.pattern("CLAUSE")
DENIED_CLAUSE: Final = WORDS.pattern("DENIED_CLAUSE")
INVESTING: Final = WORDS.pattern("INVESTING")


FOREIGN: Final = "외국인 투자자·기업"
"""The kind for foreign investors and companies (InvestSeoul's users)."""
WORKER_KINDS: Final = frozenset({"구직자·재직자", "구직자", "재직자"})
"""Someone who works or seeks work (which one, when they said): a person, not a company."""
MANUFACTURING: Final = frozenset(
    {
        "기계금속",
        "인쇄",
        "하드웨어",
        "전기·전자",
        "로봇",
        "의류 제조",
        "봉제",
        "수제화",
        "주얼리",
        "식품",
        "화장품",
    }
)
"""The trades that are making things (under the umbrella trade 제조)."""
SOGONGIN_HEADCOUNT: Final = 10
"""A maker with fewer people than this is a 소공인: the report never defines the word, so
this is the legal one (소공인 특별지원법: 상시근로자 10명 미만 제조업), our reading."""
