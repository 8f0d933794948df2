"""Rank the programs that fit a profile: stated criteria decide, silence is "확인 필요".

For each program (criteria inherited from its parents) a stated criterion the profile
clearly fails removes it: a foreign-investor program for a Korean company, an age or
business-age limit, a required trade, Seoul-only for a company elsewhere. What fits adds
to the score — what the program gives against what the user needs, the trade, the
district, the kind of applicant, and how well the catalogue search finds the program for
the user's words. Whatever the report or the user leaves open becomes ``to_check``; a
program with anything to check is ``check``, otherwise ``eligible``. Deterministic: the
same profile always gives the same list.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy.orm import Session

from bot.catalog.search import search_programs
from bot.db.models import Program
from bot.recommend.criteria import Eligibility, en
from bot.recommend.denials import (
    abroad_program,
    denied,
    denies_abroad,
    denies_coming,
    in_excluded_trade,
    long_exporter,
    not_their_trade,
    refuses,
    speaks_of_abroad,
    wants_abroad,
)
from bot.recommend.kinds_trades import PEOPLE, UMBRELLAS, kinds_of, related, trades_of
from bot.recommend.profile import Profile, without_denials
from bot.recommend.queries import criteria_by_program, program_names

LIMIT: Final = 5
SEARCHED: Final = 15
"""How many of the catalogue search's hits count toward the score; a program it did not
return ranks after all of them."""
WEAK: Final = 0.4
"""A program scoring under this share of the best one is a filler, not listed: "at most
five" is a limit, not a quota. Such a program ties to the user by one coarse thing only
(one of the thirteen kinds of help it gives, 네트워킹 for a 마곡 bio company that asked for
joint research) while the best ones match their need, trade, district or kind together;
filling the five places with them is how a program the user must not get got listed. On the
dev sets every expected program listed scores at least 0.52 of the best, and the fillers
that were excluded ones 0.25-0.35 (0.3-0.45 all give the same figures)."""
SPECIFIC_MARGIN: Final = 0.0
"""A sub-program replaces its parent in the list when it scores at least as well, less this,
or when it fits the user in a way the parent does not (``Recommendation.fits``)."""
YOUTH: Final = (19, 34, 39)
"""청년 by the common definitions, as (youngest, oldest everywhere, oldest anywhere): 19–34
in 청년기본법, 19–39 in 서울특별시 청년 기본 조례. The report says "청년" with no age
(L724 "청년구직자"); this reading is ours, so only an age past both (40 and over) leaves a
청년 program out, and 35–39, under 19 or no age stated is "확인 필요"."""
TRAITS: Final = frozenset({"수출기업"})
"""Kinds a business is only known to be when it says so: a company that has not said it
exports may still be asked; a shop, a founder-to-be or a job seeker is not an exporter."""
MAY_HAVE_TRAITS: Final = frozenset({"중소기업", "창업기업", "콘텐츠·게임 기업", "대·중견기업"})
FOREIGN: Final = "외국인 투자자·기업"
GENERAL: Final = frozenset({"중소기업", "시민"})
"""Kinds of applicant too general to make a program relevant on their own."""
BROAD: Final = frozenset({"시민"})
GENERIC: Final = re.compile(
    r"지원\s?사업|사업|추천\w*|맞는|알려\s?주\w*|뭐\s?있\w*|있을까요|있나요|있어요|우리|저희|"
    r"회사|기업|좀|해\s?주\w*|해줘|받을\s?수\s?있는|신청할\s?수\s?있는|\bSBA\b|programs?|"
    r"support|which|what|fits?|recommend\w*|\b(my|our|company|for|us|me|please|can|get|could|"
    r"you|we|the|a|are|any|is|there|do|i)\b",
    re.I,
)
"""Words of a bare request ("우리 회사에 맞는 지원사업 추천해 주세요"): no need or trade in
them, so searching the catalogue with only these would rank programs by accident."""


@dataclass(frozen=True)
class Recommendation:
    """One program for the profile, why it fits and what to confirm."""

    program_id: str
    name: str
    status: str
    score: float
    reasons: tuple[str, ...]
    to_check: tuple[str, ...]
    fits: frozenset[str] = frozenset()
    """The user's needs the program gives, the user's own kinds it is for and its example
    needs the user wrote out whole (not part of the JSON): a sub-program that fits in a way
    its parent does not says more than the parent (장위 봉제 교육 for a 봉제 workshop that
    wants 교육, under 도시제조업; 서울컵 for a 고등학생, under e스포츠 for 시민; IP바로지원 for
    "특허 홍보영상", under 지식재산권 지원)."""

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of one recommended program."""
        return {
            "id": self.program_id,
            "name": self.name,
            "status": self.status,
            "reasons": list(self.reasons),
            "to_check": list(self.to_check),
        }


@dataclass
class _Tally:
    """What one program's assessment has found so far: its score, the reasons it fits and
    what to confirm, each said in the user's language."""

    ko: bool
    score: float = 0.0
    reasons: list[str] = dataclasses.field(default_factory=list)
    check: list[str] = dataclasses.field(default_factory=list)

    def fits(self, points: float, korean: str, english: str) -> None:
        """Add ``points`` and a reason the program fits."""
        self.score += points
        self.reasons.append(korean if self.ko else english)

    def confirm(self, korean: str, english: str, points: float = 0.0) -> None:
        """Add ``points`` (a penalty when negative) and something the user should confirm."""
        self.score += points
        self.check.append(korean if self.ko else english)


def _assess(
    profile: Profile,
    crit: Eligibility,
    search_rank: int | None,
    broad: bool = False,
) -> tuple[float, list[str], list[str]] | None:
    """(score, reasons, to_check), or ``None`` when a stated criterion rules it out.

    ``broad`` also keeps programs whose only tie is the kind of applicant ("중소기업"): the
    fallback for a profile too thin to say more (every question skipped).
    """
    if refuses(profile, crit):
        return None  # "R&D 과제는 이번엔 안 하려고요" and an R&D program
    ko = profile.language != "en"
    kinds = kinds_of(profile)
    t = _Tally(ko)
    if crit.applicants is not None:
        if crit.applicants == {FOREIGN} and (FOREIGN not in kinds or denies_coming(profile)):
            return None
        if FOREIGN in crit.applicants and FOREIGN not in kinds and not speaks_of_abroad(profile):
            return None  # 맞춤형 투자유치 brings investors from abroad: a Korean startup that
            # wants investment without a word of abroad is not asking for it
        if FOREIGN in kinds and FOREIGN in crit.applicants:
            t.fits(
                6,
                "외국인 투자자·외국인투자기업을 돕는 사업입니다",
                "it serves foreign investors and foreign-invested companies",
            )
        elif crit.applicants <= TRAITS and profile.exports is False:
            return None  # "수출은 아직 하지 않습니다" and a program for exporters
        elif (
            crit.applicants <= TRAITS
            and not kinds & crit.applicants
            and (not profile.kinds or profile.kinds & MAY_HAVE_TRAITS)
        ):
            who = sorted(crit.applicants)
            t.confirm(
                "신청 자격(대상: " + ", ".join(who) + ")",
                "who may apply (" + ", ".join(en(a) for a in who) + ")",
            )
        elif profile.kinds and not (kinds & crit.applicants):
            return None
        elif kinds & crit.applicants:
            best = sorted(kinds & crit.applicants - {"중소기업", "시민"}) or sorted(
                kinds & crit.applicants
            )
            t.score += 2 if best[0] not in ("중소기업", "시민") else 1
            t.fits(0, f"{best[0]} 대상 사업입니다", f"it is for {en(best[0])}")
        else:
            who = sorted(crit.applicants)
            t.confirm(
                "신청 자격(대상: " + ", ".join(who) + ")",
                "who may apply (" + ", ".join(en(a) for a in who) + ")",
            )
        if FOREIGN in kinds and FOREIGN not in crit.applicants:
            t.score -= 3
    else:
        t.confirm(
            "신청 자격(업무보고에 대상이 적혀 있지 않음)", "who may apply (the report does not say)"
        )
    person = _as_person(profile)
    if (
        person
        and profile.age is not None
        and (
            (crit.min_age is not None and profile.age < crit.min_age)
            or (crit.max_age is not None and profile.age > crit.max_age)
        )
    ):
        return None
    if person and crit.youth and crit.max_age is None and crit.min_age is None:
        youngest, surely, oldest = YOUTH
        if profile.age is not None and profile.age > oldest:
            return None  # a 43-year-old and "청년구직자" (L724): see ``YOUTH``
        if profile.age is None or not youngest <= profile.age <= surely:
            t.confirm(
                "청년 대상(나이 기준은 공고 확인)",
                "it is for young people (check the age limit in the notice)",
            )
    if person and crit.max_age is not None and profile.age is None:
        t.confirm(f"나이 제한(만 {crit.max_age}세 이하)", f"age limit ({crit.max_age})")
    pre = "예비창업자" in profile.kinds
    if crit.pre_founder is False and pre:
        return None
    if profile.years is not None and crit.max_years is not None:
        if profile.years >= crit.max_years:
            return None
        t.fits(
            0,
            f"업력 {crit.max_years:g}년 미만 대상에 해당합니다",
            f"it is for businesses under {crit.max_years:g} years",
        )
    elif crit.max_years is not None:
        t.confirm(
            f"업력 {crit.max_years:g}년 미만인지",
            f"whether the business is under {crit.max_years:g} years old",
        )
    if crit.seoul and profile.seoul is False:
        return None
    if crit.seoul and profile.seoul is None:
        t.confirm("서울 소재 여부", "whether the company is in Seoul")
    if crit.districts:
        if profile.district is not None and (
            (crit.resident and profile.district not in crit.resident)
            or (profile.stays and profile.district not in crit.districts)
        ):
            return None  # "G밸리 소재" and a company in 성동; or one that will not move
        if profile.district in crit.districts:
            t.fits(
                3,
                f"{profile.place_word}에 계셔서 가까운 거점입니다",
                f"it is near you ({profile.place_word})",
            )
        elif profile.district is not None:
            t.confirm(
                "입주·이용 위치(" + ", ".join(crit.districts) + "구)",
                "location (" + ", ".join(crit.districts) + ")",
                points=-1,
            )
    if crit.universities:
        if profile.university in crit.universities:
            t.fits(
                2, f"{profile.university}은(는) 참여 대학입니다", f"{profile.university} takes part"
            )
        elif profile.university is not None:
            return None  # a student of a university the report does not list
        elif "대학생" in kinds:
            t.confirm(
                "참여 대학(" + ", ".join(crit.universities) + ")",
                "participating universities (" + ", ".join(crit.universities) + ")",
            )
    if crit.industries:
        if fit := _trades_fit(profile, crit):
            word = profile.said.get(min(fit), min(fit))
            # a trade under a broad one it names (식품 and "B2C 소비재") fits, less than its own
            narrow = any(m not in UMBRELLAS.get(i, ()) for i in crit.industries for m in fit)
            t.fits(
                3 if narrow else 2,
                f"{word} 분야 기업을 지원합니다",
                f"it supports businesses like yours ({word})",
            )
        elif not_their_trade(profile, crit):
            return None
        else:  # unsaid, or only within the user's broad trade (a 게임 program for "콘텐츠")
            t.confirm(
                "업종(" + ", ".join(crit.industries) + ")",
                "industry (" + ", ".join(en(i) for i in crit.industries) + ")",
            )
    abroad = abroad_program(crit)
    if abroad and denies_abroad(profile):
        return None  # "해외 판매는 생각 없어요" and a program for selling abroad
    gives = [
        g
        for g in crit.gives
        if g in profile.needs and not (g == "판로·수출" and abroad and not wants_abroad(profile))
    ]
    if gives:
        t.score += 3 * min(len(gives), 2)
        words = [profile.said.get(g, g) for g in gives]
        t.fits(
            0,
            f"말씀하신 '{words[0]}'에 맞는 {gives[0]} 지원이 있습니다",
            f"it offers {en(gives[0])}, which you asked about ('{words[0]}')",
        )
    if search_rank is not None:
        t.score += max(0.5, 6 - search_rank * 0.5)
        if not t.reasons:
            t.fits(
                0,
                "말씀하신 내용과 사업 설명이 가장 가깝습니다",
                "its description is closest to what you wrote",
            )
    wanted = without_denials(profile.text)
    for need in crit.needs:
        if any(word in wanted for word in need.split() if len(word) >= 2):
            t.score += 0.5
    if crit.participants_of and not _participant(profile.text, crit):
        return None  # for another program's participants, and the user did not say so
    if in_excluded_trade(profile.text, crit.excluded):
        return None  # 하이서울기업 excludes 부동산 임대업 (L1279)
    if any(
        denied(profile.text, need)
        # one who has not exported yet is who "수출 초기기업" (L532) is for
        or ("수출" in need and "초기" not in need and profile.exports is False)
        or ("초기" in need and long_exporter(profile.text))
        for need in crit.requires
    ):
        return None  # "하이서울기업 인증은 아직 없어요" and a program for certified ones
    t.check.extend(crit.requires)
    relevant = (
        gives
        or (search_rank is not None and search_rank < 8)
        or (crit.districts and profile.district in crit.districts)
        or (crit.applicants and FOREIGN in kinds and FOREIGN in crit.applicants)
        or (crit.applicants and (kinds & crit.applicants) - (BROAD if broad else GENERAL))
    )
    if not relevant or not t.reasons:
        return None
    return t.score, t.reasons, t.check


def recommend(*, session: Session, profile: Profile, limit: int = LIMIT) -> list[Recommendation]:
    """At most ``limit`` programs for ``profile``, best first (see the module docstring)."""
    return rank(
        profile, criteria_by_program(session=session), search_ranks(profile, session=session), limit
    )


def search_ranks(profile: Profile, *, session: Session) -> dict[str, int]:
    """Where the catalogue search puts each program for the user's own words (0 = first);
    nothing for a bare request, whose words say nothing about the company. What the user
    denies ("규제 이런건 상관없음") is not searched for."""
    query = without_denials(profile.text)
    if len(re.sub(r"\W", "", GENERIC.sub(" ", query))) < 2:
        return {}
    return {
        hit.program_id: i
        for i, hit in enumerate(search_programs(query=query, limit=SEARCHED, session=session))
    }


def rank(
    profile: Profile,
    table: dict[str, tuple[Program, Eligibility]],
    ranks: dict[str, int],
    limit: int = LIMIT,
) -> list[Recommendation]:
    """``recommend`` without the database: the conversation ranks many "what if" answers
    against one table and one search, to ask only the questions that change the list."""
    scored = _scored(profile, table, ranks, broad=False) or _scored(
        profile, table, ranks, broad=True
    )
    chosen: list[Recommendation] = []
    unique_words = _unique_need_words(table)
    passed_over: dict[str, list[Recommendation]] = {}  # sub-programs a chosen parent kept out
    for rec in scored:  # a parent and its sub-program say the same thing twice: keep one
        ancestors = _ancestors(table, rec.program_id)
        above = next((c for c in chosen if c.program_id in ancestors), None)
        if above is not None:
            if (
                rec.score >= above.score - SPECIFIC_MARGIN
                or rec.fits - above.fits
                or ranks.get(rec.program_id, SEARCHED) < ranks.get(above.program_id, SEARCHED)
                or (
                    _named(profile, table[rec.program_id][0])
                    and not _named(profile, table[above.program_id][0])
                )
                or _own_need_said(profile, table[rec.program_id][1], unique_words)
            ):  # the narrower one says more, the search finds it first for the user's words,
                # the user used its own name for it ("채용관" and 서울기업 온택트 채용관) or a
                # word of a need only it meets ("우수상품" and 서울어워드 under 국내 판로지원)
                at = chosen.index(above)
                # The parent's other sub-programs it kept out, better scored than this one,
                # come back beside it (투자정보 for "the investment environment" when
                # 맞춤형 투자유치 replaces InvestSeoul), unless this one is their parent.
                back = [
                    r
                    for r in passed_over.pop(above.program_id, [])
                    if rec.program_id not in _ancestors(table, r.program_id)
                ]
                chosen[at : at + 1] = [rec, *back]
            else:
                passed_over.setdefault(above.program_id, []).append(rec)
            continue
        if any(rec.program_id in _ancestors(table, c.program_id) for c in chosen):
            continue
        chosen.append(rec)
    best = max((c.score for c in chosen), default=0.0)
    floor = best * WEAK if best > 0 else float("-inf")
    return [c for c in chosen if c.score >= floor][:limit]  # no fillers (``WEAK``)


def _scored(
    profile: Profile,
    table: dict[str, tuple[Program, Eligibility]],
    ranks: dict[str, int],
    *,
    broad: bool,
) -> list[Recommendation]:
    scored = []
    for pid, (program, crit) in table.items():
        assessed = _assess(profile, crit, ranks.get(pid), broad)
        if assessed is None:
            continue
        score, reasons, check = assessed
        name = program.name if profile.language != "en" else (program.name_en or program.name)
        scored.append(
            Recommendation(
                pid,
                name,
                "check" if check else "eligible",
                round(score, 2),
                tuple(reasons),
                tuple(check),
                (frozenset(crit.gives) & profile.needs)
                | (crit.applicants or frozenset()) & profile.kinds
                | _needs_said(profile, crit)
                | _trades_fit(profile, crit),
            )
        )
    scored.sort(key=lambda r: (-r.score, r.program_id))
    return scored


def _trades_fit(profile: Profile, crit: Eligibility) -> frozenset[str]:
    """The user's trades the program is for, not only within one of them (a 게임 program
    and "콘텐츠" is a trade to check, not a fit)."""
    return frozenset(
        mine
        for i in crit.industries or ()
        for mine in trades_of(profile)
        if related(i, mine) and i not in UMBRELLAS.get(mine, ())
    )


def _as_person(profile: Profile) -> bool:
    """Whether the program's age limits concern the user: not when the user is a company and
    no person (청년취업사관학교's 기업 매칭 is open to the SMEs that hire its 39-and-under
    trainees; the trainees' age says nothing of the company's CEO)."""
    return not profile.kinds or bool(kinds_of(profile) & PEOPLE)


def _named(profile: Profile, program: Program) -> bool:
    """Whether a word the user said for who they are or what they need is in one of the
    program's names ("채용관": 서울기업 온택트 채용관)."""
    words = {w.replace(" ", "") for w in profile.said.values() if len(w) >= 2}
    return any(w in n for w in words for n in program_names(program))


def _participant(text: str, crit: Eligibility) -> bool:
    """Whether the user names the program ``crit`` serves the participants of, not only a
    longer name that holds one of its names ("새싹클래스" is not 새싹)."""
    for longer in crit.participants_not:
        text = text.replace(longer, " ")
    return any(word in text for word in crit.participants_words)


def _unique_need_words(table: dict[str, tuple[Program, Eligibility]]) -> frozenset[str]:
    """Words (three letters or more) in the example needs of one program only ("우수상품"):
    a user who writes one means that program, where "콘텐츠" or "마케팅" could mean many."""
    counts = Counter(
        word for _, crit in table.values() for word in {w for n in crit.needs for w in n.split()}
    )
    return frozenset(word for word, n in counts.items() if n == 1 and len(word) >= 3)


def _own_need_said(profile: Profile, narrow: Eligibility, unique: frozenset[str]) -> bool:
    """Whether the user wrote a word that only ``narrow``'s needs have (``unique``): what the
    sub-program is for and its parent is not (서울어워드's "우수상품" under 국내 판로지원)."""
    return any(
        word in unique and word in profile.text for need in narrow.needs for word in need.split()
    )


def _needs_said(profile: Profile, crit: Eligibility) -> frozenset[str]:
    """The program's example needs the user wrote out whole ("특허 홍보영상", spaces aside)."""
    squeezed = profile.text.replace(" ", "")
    return frozenset(n for n in crit.needs if n.replace(" ", "") in squeezed)


def _ancestors(table: dict[str, tuple[Program, Eligibility]], pid: str) -> set[str]:
    found: set[str] = set()
    node = table[pid][0].parent_id
    while node and node not in found and node in table:
        found.add(node)
        node = table[node][0].parent_id
    return found
