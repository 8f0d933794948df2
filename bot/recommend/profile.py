"""A company profile read from what the user wrote: who they are, where, how old the
business is, what trade it is in and what they need. Unknown stays unknown.

Rules, not a model: every value comes from words the user typed, so the matcher's reasons
can quote them back ("성수동에 계셔서", "창업 2년차라서").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.recommend.place_words import (
    AT,
    LOCATED_OUTSIDE,
    OUTSIDE,
    PLACES,
    RESIDENT,
    TO,
    UNIVERSITIES,
    UNIVERSITY,
)
from bot.recommend.profile_words import (
    AGE,
    CLAUSE,
    COMPANY_SELF,
    DECADE,
    DENIED_CLAUSE,
    DOMESTIC_ONLY,
    EMPLOYER,
    ENDING,
    EXPORTS,
    FOREIGN,
    FOUNDED,
    GIVES,
    HEADCOUNT,
    HIRES,
    INDUSTRY_WORDS,
    INVESTING,
    KINDS,
    KOREAN_OWNED,
    MANUFACTURING,
    MODIFIER,
    NO_COMPANY,
    NOT_AFTER_LISTED,
    NOT_BEFORE,
    NOT_MODIFIER,
    SEEKING,
    SETTING_UP,
    SOGONGIN_HEADCOUNT,
    SOMEONE_ELSES,
    STAYS,
    UNDER,
    WANT,
    WORKER_KINDS,
    WORKING,
    YEARS,
)
from bot.text import clean


@dataclass(frozen=True)
class Profile:
    """What the user said about themselves; ``None`` or empty where they said nothing."""

    text: str = ""
    language: str = "ko"
    kinds: frozenset[str] = frozenset()
    years: float | None = None
    age: int | None = None
    seoul: bool | None = None
    district: str | None = None
    place_word: str | None = None
    """The word the district came from ("성수동"), for reasons in the user's own terms."""
    industries: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    headcount: int | None = None
    exports: bool | None = None
    """Whether the business exports: ``False`` only when the user says it does not ("수출은
    아직 하지 않습니다", "국내에만 납품합니다"), so export-only programs can be left out."""
    stays: bool = False
    """The user said the company will not move: programs tied to another district are out."""
    university: str | None = None
    """The university a student names, as the report names it ("홍대" → 홍익대)."""
    said: dict[str, str] = field(default_factory=dict)
    """The user's words behind each value (kind, need, industry → matched text)."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape (``bizcall recommend``, ``POST /api/recommend``)."""
        return {
            "kinds": sorted(self.kinds),
            "years": self.years,
            "age": self.age,
            "seoul": self.seoul,
            "district": self.district,
            "industries": sorted(self.industries),
            "needs": sorted(self.needs),
            "headcount": self.headcount,
            "exports": self.exports,
            "stays": self.stays,
            "university": self.university,
            "language": self.language,
        }


def _whole_word(text: str, hit: str) -> str:
    """The user's whole word around a keyword ("애니" → "애니메이션"), without a particle,
    so reasons quote what they typed."""
    if hit.isascii():
        return hit
    start = text.find(hit)
    if start < 0:
        return hit
    end = start + len(hit)
    while end < len(text) and ("가" <= text[end] <= "힣"):
        end += 1
    word = text[start:end]
    stripped = ENDING.sub("", word)
    return stripped if len(stripped) >= len(hit) else word


def _need_phrase(text: str, pattern: re.Pattern[str]) -> str | None:
    """The words that state a need, as the user put them ("작업 공간"), or ``None``.

    Of several matches the one followed by a verb of wanting wins ("3인 스튜디오인데 작업
    공간이 필요해요" needs space; the studio is who they are); a plain noun just before it
    is kept with it.
    """
    matches = [m for m in pattern.finditer(text) if not _negated(text, m)]
    if not matches:
        return None
    found = next(
        (m for m in matches if WANT.match(text, m.end()) or WANT.match(text, m.end() + 1)),
        matches[0],
    )
    word = _whole_word(text[found.start() :], found.group(0))
    before = text[: found.start()].split()
    if (
        before
        and text[found.start() - 1 : found.start()].isspace()
        and MODIFIER.match(before[-1])
        and not NOT_MODIFIER.search(before[-1])
    ):
        return f"{before[-1]} {word}"
    return word


def _negated(text: str, found: re.Match[str]) -> bool:
    """Whether the user said the opposite ("수출 같은 건 전혀 안 합니다", "We don't export")."""
    return bool(
        NOT_AFTER_LISTED.match(text, found.end())
        or NOT_BEFORE.search(text[max(0, found.start() - 40) : found.start()])
    )


@lru_cache(maxsize=256)  # one message is read for the profile, the search and each program
def without_denials(text: str) -> str:
    """``text`` less the clauses that say what the user does not want or need ("규제 이런건
    상관없음", "해외는 아직 생각 없고"): the catalogue search would otherwise rank the denied
    topic's programs by its words. A lack that is a need ("사무실이 없어서") stays."""
    kept = [c for c in CLAUSE.findall(text) if not DENIED_CLAUSE.search(c)]
    return "".join(kept) if kept else text


@lru_cache(maxsize=256)
def refused_needs(text: str) -> frozenset[str]:
    """The kinds of help the user says no to and does not ask for elsewhere ("R&D 과제는 이번엔
    안 하려고요. … VC 후속투자 연결"): a program that gives only these is not for them. A
    topic denied in one clause and wanted in another ("규제는 상관없고 노무 상담") stays."""
    wanted = without_denials(text)
    if wanted == text:
        return frozenset()
    refused = [c for c in CLAUSE.findall(text) if DENIED_CLAUSE.search(c)]
    return frozenset(
        give
        for give, pattern in GIVES
        if any(pattern.search(c) for c in refused) and not pattern.search(wanted)
    )


def negations(text: str, word: str) -> list[bool]:
    """For each mention of ``word`` in ``text``, whether it is a denial ("게임 회사는 아님",
    "nothing to do with games"). A longer English word matches in any case."""
    flags = re.IGNORECASE if word.isascii() and len(word) > 3 else 0
    return [_negated(text, m) for m in re.finditer(re.escape(word), text, flags)]


def trade_said(text: str, word: str) -> bool:
    """Whether ``text`` says ``word`` of the user, not only in a denial."""
    return not all(negations(text, word))


def affirmed(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text`` that is not negated."""
    return next((m for m in pattern.finditer(text) if not _negated(text, m)), None)


def _hangul_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum("가" <= c <= "힣" for c in letters) / len(letters) if letters else 1.0


def read_profile(text: str, *, now_year: int, previous: Profile | None = None) -> Profile:
    """The profile in ``text``; values the user states again override ``previous``.

    Args:
        text: what the user wrote.
        now_year: the current year (for "founded in 2021").
        previous: the profile gathered so far in the conversation.
    """
    text = clean(text or "")[:2000]
    said: dict[str, str] = dict(previous.said) if previous else {}
    kinds = set(previous.kinds) if previous else set()
    about_me = SOMEONE_ELSES.sub(" ", text)
    if EMPLOYER.search(text):
        about_me = HIRES.sub(" ", about_me)
    for kind, pattern in KINDS:  # "They're all employed, not job seekers": not 구직자
        if found := affirmed(pattern, about_me):
            kinds.add(kind)
            said[kind] = found.group(0)
    if (
        FOREIGN in kinds
        and KOREAN_OWNED.search(text)
        and not re.match(
            r"from|invest|family|sovereign|venture|private", said.get(FOREIGN, ""), re.I
        )
    ):
        kinds.discard(FOREIGN)  # "a Korean startup in Seoul" is not a foreign investor;
        # "we're from Singapore and invest in Korean startups" still is
    if FOREIGN in kinds and RESIDENT.search(text) and not affirmed(INVESTING, text):
        kinds.discard(FOREIGN)
    if "예비창업자" in kinds and "창업기업" in kinds and re.search(r"예비|준비|planning", text):
        kinds.discard("창업기업")
    if "대·중견기업" in kinds:
        kinds.discard("중소기업")  # "저희는 중견기업입니다": not an SME
    if NO_COMPANY.search(text):  # "아직 법인이나 사업자는 없어요": no business to support yet
        kinds -= {"중소기업", "창업기업"}
    if kinds & WORKER_KINDS:
        # Which of the two ("영업하다가 그만뒀어 … 취업까지"); only for someone who spoke of
        # work at all: "희망퇴직했습니다" alone may as well be a founder-to-be.
        seeking, working = affirmed(SEEKING, text), affirmed(WORKING, text)
        if seeking and not working:
            kinds = (kinds - {"재직자"}) | {"구직자·재직자", "구직자"}
            said["구직자"] = seeking.group(0)
        elif working and not seeking:
            kinds = (kinds - {"구직자"}) | {"구직자·재직자", "재직자"}
            said["재직자"] = working.group(0)
    exports = previous.exports if previous else None
    exporting = affirmed(EXPORTS, text)
    if DOMESTIC_ONLY.search(text) or (not exporting and EXPORTS.search(text)):
        # sales at home only, or only denials ("해외매출은 아직 0원"): not an exporter now
        kinds.discard("수출기업")
        exports = False
    elif exporting:
        kinds.add("수출기업")
        said["수출기업"], exports = exporting.group(0), True
    person = kinds & {"고등학생", "대학생"} or ("구직자" in kinds and "재직자" not in kinds)
    if person and not COMPANY_SELF.search(about_me):
        # a student or a job seeker who names a trade ("프로게이머 되고 싶은", "웹툰 작가
        # 지망생", "스타트업 직무체험") is a person, not a company
        kinds -= {"콘텐츠·게임 기업", "중소기업", "창업기업"}
    university = previous.university if previous else None
    if found := UNIVERSITY.search(text):
        university = UNIVERSITIES[found.group(1)]
        said["대학생"] = found.group(0)
    needs = set(previous.needs) if previous else set()
    wanted = without_denials(text)  # "R&D 과제는 … 이번엔 안 하려고요": not a need
    for give, pattern in GIVES:
        if phrase := _need_phrase(wanted, pattern):
            needs.add(give)
            said[give] = phrase
    industries = set(previous.industries) if previous else set()
    for industry, words in INDUSTRY_WORDS.items():  # about_me: "가게 홍보 영상" is no trade
        if hit := next((w for w in words if trade_said(about_me, w)), None):
            industries.add(industry)
            said[industry] = _whole_word(about_me, hit)
    years = previous.years if previous else None
    for pattern in YEARS:
        if found := pattern.search(text):
            years = float(found.group(1))
            if UNDER.match(text, found.end()):  # "창업 7년 미만": somewhere below seven
                years = max(0.0, years - 0.5)
            said["years"] = found.group(0)
            break
    if (founded := FOUNDED.search(text)) and years is None:
        years = float(max(0, now_year - int(founded.group(1))))
        said["years"] = founded.group(0)
    if "예비창업자" in kinds and years is None:
        years = 0.0
    age = previous.age if previous else None
    if found := AGE.search(text):
        age = int(found.group(1) or found.group(2))
    elif found := DECADE.search(text):
        age = int(found.group(1)) * 10 + 5
    district, place_word = (previous.district, previous.place_word) if previous else (None, None)
    if here := _where(text, university):
        district, place_word = here
    seoul = previous.seoul if previous else None
    stays = bool(STAYS.search(text)) or (previous.stays if previous else False)
    if LOCATED_OUTSIDE.search(text) or (FOREIGN in kinds and SETTING_UP.search(text)):
        # "경기도 김포에 있는 … 마곡에 있는 대기업들이랑"; "planning to establish a Korean
        # subsidiary in Seoul next year": not in Seoul (yet)
        seoul, district, place_word = False, None, None
    elif district or re.search(r"서울|seoul", text, re.I):
        seoul = True
    elif OUTSIDE.search(text):
        seoul = False
    headcount = previous.headcount if previous else None
    if found := HEADCOUNT.search(text):
        headcount = int(found.group(1) or found.group(2))
    if (
        headcount is not None
        and headcount < SOGONGIN_HEADCOUNT
        and "중소기업" in kinds
        and industries & MANUFACTURING
    ):
        kinds.add("소상공인·소공인")  # a maker with under ten people is a 소공인
    return Profile(
        text=text,
        language="en" if _hangul_share(text) < 0.3 else "ko",
        # who: the kinds, trades and needs as sets, then the facts in numbers and places
        kinds=frozenset(kinds),
        industries=frozenset(industries),
        needs=frozenset(needs),
        years=years,
        age=age,
        headcount=headcount,
        seoul=seoul,
        district=district,
        place_word=place_word,
        university=university,
        exports=exports,
        stays=stays,
        said=said,
    )


def _where(text: str, university: str | None) -> tuple[str, str] | None:
    """The district where the company is, and the user's word for it.

    Of several places the one said to be where the company is wins ("성수동 소재 … G밸리
    지원도 알아봤는데"), else the first one named that is not a place to move to; the
    longest word at one position ("구로디지털" before "구로"). A student's university
    ("홍대 재학") is not where a company is, nor a place the user denies ("not located in
    Magok").
    """
    found: list[tuple[int, int, str, str]] = []
    for pattern, gu in PLACES:
        for m in pattern.finditer(text):
            word = m.group(0)
            if (university and UNIVERSITIES.get(word) == university) or _negated(text, m):
                continue  # "홍대 재학" is the student's; "마곡 쪽은 아니고" is not here
            if not any(start <= m.start() < end for start, end, _, _ in found):
                found.append((m.start(), m.end(), gu, word))
    if not found:
        return None
    found.sort()
    at = [f for f in found if AT.match(text, f[0])]
    away = [f for f in found if TO.match(text, f[0])]
    start, _, gu, word = (at or [f for f in found if f not in away] or found)[0]
    return gu, ENDING.sub("", word) or word


def describes_company(text: str, *, now_year: int) -> bool:
    """Whether ``text`` says who the company is and what it needs ("성수동에서 반찬 가게
    하는데 온라인 판매를 늘리고 싶어요"): enough to offer recommendations beside an answer."""
    profile = read_profile(text, now_year=now_year)
    # Advice is what every consultation asks for, and "employee" is who the question is
    # about: neither says the company wants support from a program.
    return bool(profile.kinds - WORKER_KINDS or profile.industries) and bool(
        profile.needs - {"컨설팅"}
    )
