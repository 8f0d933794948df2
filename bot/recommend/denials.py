"""What rules a program out: a condition the user lacks, selling abroad, coming to Korea, a
topic they refuse, a trade the program excludes.

A program the user plainly does not qualify for or does not want is left out, not ranked low
(``matcher._assess``). ``profile`` reads the denials that set a profile value (exports: no)
and drops the clauses that deny a topic (``profile.without_denials``); these are the ones
the matcher weighs against a program's criteria.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from bot.recommend.criteria import Eligibility
from bot.recommend.kinds_trades import UMBRELLAS, trades_of
from bot.recommend.profile import Profile, affirmed, negations, refused_needs, without_denials
from bot.recommend.profile_words import (
    CLAUSE,
    DENIED_CLAUSE,
    EXCLUDED_TRADES,
    EXPORTS,
    INDUSTRY_WORDS,
    INVESTING,
)

ABROAD: Final = re.compile(
    r"해외|수출|바이어|현지|글로벌|global|overseas|abroad|export|international|foreign market",
    re.I,
)
"""Words of selling abroad. A program whose example needs mostly say them (해외 판로, 수출
상담) answers "판로" only for a user who speaks of going abroad: a 반찬 가게 that wants more
online sales asks for 판로 at home."""
_DENIAL: Final = re.compile(
    r"[^.?!\n]{0,12}?(아직\s?)?(없|안\s?(받|했|됐)|아니|못\s?받)|"
    r"[^.?!\n]{0,12}?\b(not|don't have|haven't)\b",
    re.I,
)
_DENIED_BEFORE: Final = re.compile(
    r"\b(don'?t|do not|doesn'?t|does not|no|not|never|without)\b[^.?!]{0,40}$", re.I
)
CONDITION_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "하이서울기업": ("하이서울기업", "하이서울 인증", "hi seoul", "hi-seoul"),
    "규제특례": ("규제특례", "실증특례", "규제 샌드박스", "규제샌드박스", "규제", "regulat"),
}
"""The names a user may give a required condition (by the condition's first words), in Korean
and English: "규제 문제는 딱히 없고요" denies 규제특례(실증특례 등) 승인."""


def denied(text: str, condition: str) -> bool:
    """Whether the user says they lack ``condition``: its first word (하이서울기업) or another
    name of it, then a denial within a few words ("인증은 아직 없어요"), or an English denial
    before it ("we don't have any certifications like Hi Seoul")."""
    word = condition.split()[0]
    names = next((n for key, n in CONDITION_NAMES.items() if condition.startswith(key)), (word,))
    lowered = text.lower()
    for name in names:
        at = lowered.find(name.lower())
        if at >= 0 and (
            _DENIAL.match(text, at + len(name)) or _DENIED_BEFORE.search(text[max(0, at - 60) : at])
        ):
            return True
    return False


def in_excluded_trade(text: str, excluded: tuple[str, ...]) -> bool:
    """Whether the user's business is in a trade the program excludes ("강남에서 빌딩 임대업
    법인 운영중" and 하이서울기업's "부동산 임대업 … 제외", L1279); a denied one ("임대업은
    아니고") is not."""
    return any(
        trade in excluded and affirmed(pattern, text) is not None
        for trade, pattern in EXCLUDED_TRADES
    )


def abroad_program(crit: Eligibility) -> bool:
    """Whether most of the program's example needs are about selling abroad (``ABROAD``)."""
    return 2 * sum(bool(ABROAD.search(need)) for need in crit.needs) > len(crit.needs)


def wants_abroad(profile: Profile) -> bool:
    """Whether the user exports or speaks of markets abroad (and has not denied it); one who
    has never exported may still want to ("수출은 한 번도 안 해봤는데 해외 매장에 입점해
    보고 싶어요")."""
    if profile.exports is None:
        return bool(ABROAD.search(profile.text))
    return profile.exports or speaks_of_abroad(profile)


def speaks_of_abroad(profile: Profile) -> bool:
    """Whether a word of abroad stands, not negated, outside the clauses the user denies
    ("해외 VC 투자 유치", not "해외 투자는 관심 없고")."""
    return _speaks_of_abroad(profile.text)


@lru_cache(maxsize=256)  # asked for every program that sells abroad, of one message
def _speaks_of_abroad(text: str) -> bool:
    return affirmed(ABROAD, without_denials(text)) is not None


def denies_abroad(profile: Profile) -> bool:
    """Whether the user says no to selling abroad ("해외 판매는 생각 없어요"), not only that
    they sell at home now ("지금은 국내에만 납품합니다. 내년에 미국 진출하려고")."""
    return (
        profile.exports is False
        and EXPORTS.search(profile.text) is not None
        and affirmed(EXPORTS, profile.text) is None
        and not speaks_of_abroad(profile)
    )


_NOT_COMING: Final = re.compile(
    r"\b(no|not|don'?t|do not|never)\s(\w+\s){0,3}?(plans?|planning|intention|intend|want)\s"
    r"(\w+\s){0,2}?to\s(open|set up|establish|invest|incorporate|enter)|"
    r"(투자|법인\s?설립|지사\s?설립|진출)(할|하려는)?\s?(생각|계획|의향)(은|이|도)?\s?(전혀\s?)?없",
    re.I,
)


def denies_coming(profile: Profile) -> bool:
    """Whether a foreign user says they will neither invest in Korea nor set up here ("We have
    no plans to open a Korean office or invest"): a buyer or a partner, for whom the
    programs only for foreign investors and foreign-invested companies are not meant."""
    return (
        _NOT_COMING.search(profile.text) is not None
        and affirmed(INVESTING, profile.text) is None  # "no office, but we'd like to invest"
    )


_EXPORT_YEARS: Final = re.compile(
    r"수출(은|을|도|만)?\s?(한\s?지\s?)?(벌써\s?)?(?P<ko>\d+)\s?년\s?(째|차|이상|넘|됐|되|가까이)|"
    r"export\w*\s(for|over|more than)\s(?P<en>\d+)\+?\s?years",
    re.I,
)
EARLY_EXPORTER_YEARS: Final = 3
"""An exporter of this many years or more is past "수출 초기" (the report does not define the
term; three years is the common cut of 수출 초기기업 in public notices, and only a user who says
how long they have exported is read against it)."""


def long_exporter(text: str) -> bool:
    """Whether the user says they have exported for years ("수출은 10년째"): not a 수출 초기
    기업, for which 해외 협력매장 입점 is meant (L532)."""
    found = _EXPORT_YEARS.search(text)
    if found is None:
        return False
    return int(found.group("ko") or found.group("en")) >= EARLY_EXPORTER_YEARS


@lru_cache(maxsize=256)
def denied_trades(text: str) -> frozenset[str]:
    """The trades ``text`` names only to say the user is not in them ("게임 회사는 아니고",
    "저희 콘텐츠 회사 아니고", "nothing to do with games")."""
    denied = set()
    for trade, words in INDUSTRY_WORDS.items():
        mentions = [n for w in words for n in negations(text, w)]
        if mentions and all(mentions):  # named, and every time to deny it
            denied.add(trade)
    return frozenset(denied)


def denies_trades(profile: Profile, crit: Eligibility) -> bool:
    """Whether every trade the program is for is one the user says they are not in (or lies
    within one: "콘텐츠 회사 아니고" and a 게임 program). A program for any trade stays."""
    denied = denied_trades(profile.text)
    return bool(denied and crit.industries) and all(
        any(t == d or t in UMBRELLAS.get(d, ()) for d in denied) for t in crit.industries or ()
    )


def not_their_trade(profile: Profile, crit: Eligibility) -> bool:
    """Whether the program's trades are not the user's: the user named another trade, not one
    under any of them, or said it is not theirs ("게임 회사는 아님"). Only for a program with
    trades and none the user's fits (``matcher._trades_fit``)."""
    if denies_trades(profile, crit):
        return True
    mine = trades_of(profile)
    return bool(profile.industries) and not any(
        t in UMBRELLAS.get(m, ()) for t in crit.industries or () for m in mine
    )


_PARTICLE: Final = re.compile(r"(이나|나|이랑|랑|은|는|이|가|을|를|도|과|와|하고|만)$")
_WORD: Final = re.compile(r"[가-힣A-Za-z&]{2,}")


@lru_cache(maxsize=256)
def refused_topics(text: str) -> frozenset[str]:
    """The words of the clauses the user denies ("특허나 규제 이런건 전혀 상관없어요") that the
    rest of the message does not use: the topics they say are not theirs."""
    wanted = without_denials(text)
    if wanted == text:
        return frozenset()
    words = {
        _PARTICLE.sub("", w) if len(w) > 2 else w
        for clause in CLAUSE.findall(text)
        if DENIED_CLAUSE.search(clause)
        for w in _WORD.findall(clause)
    }
    return frozenset(w for w in words if len(w) >= 2 and w not in wanted)


def refuses(profile: Profile, crit: Eligibility) -> bool:
    """Whether the program is about what the user says no to: every kind of help it gives is
    refused (``profile.refused_needs``; R&D money is R&D, advice on a refused topic is that
    topic), or every one of its example needs names a refused topic (규제개혁지원센터, whose
    needs all say 규제, for "규제 이런건 상관없어요")."""
    refused = refused_needs(profile.text)
    help_ = set(crit.gives) - ({"자금", "컨설팅"} - refused)
    if refused and help_ and help_ <= refused:
        return True
    topics = refused_topics(profile.text)
    return bool(topics and crit.needs) and all(
        any(topic in need for topic in topics) for need in crit.needs
    )
