"""The recommendation conversation: what to ask, how to read the answer, when to stop asking.

A question is asked only when it matters: for each unanswered question the possible answers
are ranked against the catalogue, and the question is asked only if some answer would change
the five programs shown. At most ``MAX_QUESTIONS`` questions per request, each with a skip
button; a skipped question is not asked again in the conversation. Everything here is pure
(profile in, profile out) apart from ``Ranker``, which reads the catalogue once per turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Final

from sqlalchemy.orm import Session

from bot.db.models import Program
from bot.recommend.criteria import Eligibility
from bot.recommend.matcher import LIMIT, Recommendation, rank, search_ranks
from bot.recommend.profile import Profile, read_profile
from bot.recommend.profile_words import FOREIGN
from bot.recommend.queries import criteria_by_program
from bot.text import clean

MAX_QUESTIONS: Final = 3
"""Questions asked for one request before the cards are shown anyway."""
SKIP: Final = re.compile(
    r"^\s*(건너\s?뛰기|건너\s?뛸게요?|넘어가(기|요|죠|주세요)?|패스|(잘\s?)?(모르겠\w*|몰라\w*)|"
    r"상관\s?없\w*|아무거나|skip|pass|not sure|don'?t know|no idea|whatever)[.!~ ]*$",
    re.I,
)
_BARE_YEARS: Final = re.compile(
    r"^\s*(\d{1,2})\s?(년|years?)?\s?(차|째|정도|쯤)?\s?"
    r"(요|이요|입니다|예요|이에요|됐어요|되었어요)?[.!~ ]*$",
    re.I,
)


@dataclass(frozen=True)
class Option:
    """One answer button: its titles and what it sets in the profile."""

    ko: str
    en: str
    values: dict[str, Any]
    """What the button sets in the profile: sets are merged into what the user said, numbers
    replace it."""


@dataclass(frozen=True)
class Question:
    """One thing the recommender may ask, with its answer buttons."""

    key: str
    """The profile field it fills (``kinds``, ``needs``, ``years``); asked only while unknown."""
    ko: str
    """The question in Korean (``en``: in English), asked in the user's language."""
    en: str
    options: tuple[Option, ...]


QUESTIONS: Final[tuple[Question, ...]] = (
    Question(
        "kind",
        "어느 쪽에 가장 가까우신가요?",
        "Which describes you best?",
        (
            Option("예비창업자", "Planning to start", {"kinds": {"예비창업자"}, "years": 0.0}),
            Option("창업 7년 미만 기업", "Startup under 7 years", {"kinds": {"창업기업"}}),
            Option("중소기업", "SME", {"kinds": {"중소기업"}}),
            Option("소상공인·소공인", "Small shop or workshop", {"kinds": {"소상공인·소공인"}}),
            Option("1인 크리에이터", "Creator", {"kinds": {"1인 크리에이터"}}),
            Option("구직자·청년", "Job seeker", {"kinds": {"구직자·재직자", "구직자"}}),
            Option("외국인 투자기업", "Foreign investor", {"kinds": {FOREIGN}}),
        ),
    ),
    Question(
        "needs",
        "가장 필요한 지원은 무엇인가요?",
        "What do you need most?",
        (
            Option("자금·투자", "Funding", {"needs": {"자금", "투자"}}),
            Option("사무공간", "Office space", {"needs": {"공간"}}),
            Option("판로·수출", "Sales and export", {"needs": {"판로·수출"}}),
            Option("교육·인재", "Training and hiring", {"needs": {"교육·인력", "채용·고용"}}),
            Option("기술개발(R&D)", "R&D", {"needs": {"R&D"}}),
            Option("특허·상표", "Patents and trademarks", {"needs": {"IP"}}),
            Option("컨설팅", "Consulting", {"needs": {"컨설팅"}}),
        ),
    ),
    Question(
        "years",
        "창업하신 지 얼마나 되셨나요?",
        "How long has the business been running?",
        (
            Option("3년 미만", "Under 3 years", {"years": 1.5}),
            Option("3~7년", "3 to 7 years", {"years": 5.0}),
            Option("7년 이상", "7 years or more", {"years": 8.0}),
        ),
    ),
    Question(
        "industry",
        "어떤 업종인가요?",
        "What is your industry?",
        (
            Option("제조", "Manufacturing", {"industries": {"제조"}}),
            Option("콘텐츠·게임", "Content and games", {"industries": {"콘텐츠", "게임"}}),
            Option("뷰티·패션", "Beauty and fashion", {"industries": {"뷰티", "패션"}}),
            Option("식품", "Food", {"industries": {"식품"}}),
            Option("IT·AI", "IT and AI", {"industries": {"IT", "AI"}}),
        ),
    ),
    Question(
        "location",
        "회사가 서울에 있나요? 구 이름을 적어 주셔도 됩니다.",
        "Is the company in Seoul? You can also type the district.",
        (
            Option("서울", "In Seoul", {"seoul": True}),
            Option("서울 밖", "Outside Seoul", {"seoul": False}),
        ),
    ),
)
BY_KEY: Final = {q.key: q for q in QUESTIONS}
SKIP_TITLE: Final = {"ko": "건너뛰기", "en": "Skip"}


def known(profile: Profile, key: str) -> bool:
    """Whether the profile already answers question ``key``."""
    return {
        "kind": bool(profile.kinds),
        "needs": bool(profile.needs),
        "years": profile.years is not None,
        "industry": bool(profile.industries),
        "location": profile.seoul is not None,
    }[key]


def apply_option(profile: Profile, option: Option, title: str | None = None) -> Profile:
    """``profile`` with a button's values added (sets are merged, numbers replaced);
    ``title`` is the button text the user saw, quoted back in reasons."""
    changes: dict[str, Any] = {}
    said = dict(profile.said)
    for name, value in option.values.items():
        if isinstance(value, set):
            changes[name] = frozenset(getattr(profile, name) | value)
            for item in value:
                said.setdefault(item, title or option.ko)
        else:
            changes[name] = value
    return replace(profile, said=said, **changes)


# ---------------------------------------------------------------- the profile in a slot


def to_state(profile: Profile) -> dict[str, Any]:
    """The profile as a JSON-safe slot value (the tracker store serialises slots)."""
    return {
        **profile.as_dict(),
        "text": profile.text,
        "place_word": profile.place_word,
        "said": dict(profile.said),
    }


def from_state(state: Any) -> Profile | None:
    """The profile a slot holds, or ``None`` for an empty or foreign value."""
    if not isinstance(state, dict):
        return None
    try:
        return Profile(
            text=str(state.get("text") or ""),
            language=str(state.get("language") or "ko"),
            kinds=frozenset(state.get("kinds") or ()),
            years=_number(state.get("years")),
            age=int(state["age"]) if isinstance(state.get("age"), int) else None,
            seoul=state.get("seoul") if isinstance(state.get("seoul"), bool) else None,
            district=state.get("district") or None,
            place_word=state.get("place_word") or None,
            industries=frozenset(state.get("industries") or ()),
            needs=frozenset(state.get("needs") or ()),
            headcount=state["headcount"] if isinstance(state.get("headcount"), int) else None,
            exports=state.get("exports") if isinstance(state.get("exports"), bool) else None,
            stays=state.get("stays") is True,
            university=state.get("university") or None,
            said={str(k): str(v) for k, v in (state.get("said") or {}).items()},
        )
    except (TypeError, ValueError):
        return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


# ---------------------------------------------------------------- reading what the user said


@dataclass(frozen=True)
class Reading:
    """What one message did to the profile."""

    profile: Profile
    understood: bool
    skipped: bool = False
    changed: tuple[str, ...] = field(default_factory=tuple)
    """The questions whose answers this message set or changed."""
    exact: bool = False
    """A button title or a skip word: an answer whatever the NLU thinks the intent is."""


def absorb(
    profile: Profile | None, text: str, *, year: int, language: str, question: str | None = None
) -> Reading:
    """Read ``text`` into the profile; ``question`` is the one just asked, if any.

    A button title sets exactly its values. A skip word skips the question. Anything else is
    read for every profile fact it holds ("사실 업력 4년이에요" changes the years whatever
    was asked), and a bare number answers the years question when that was asked.
    """
    before = profile or Profile(language=language)
    text = clean(text or "")[:2000]
    asked = BY_KEY.get(question or "")
    # The asked question's buttons first, then any other's (an older button pressed late).
    for candidate in sorted(QUESTIONS, key=lambda q: q is not asked):
        for option in candidate.options:
            title = next(
                (t for t in (option.ko, option.en) if t.casefold() == text.casefold()), None
            )
            if title is not None:
                after = replace(apply_option(before, option, title), language=language)
                return Reading(after, True, changed=(candidate.key,), exact=True)
    if asked is not None and SKIP.match(text):
        return Reading(replace(before, language=language), True, skipped=True, exact=True)
    merged = read_profile(text, now_year=year, previous=before)
    merged = replace(
        merged, language=language, text=f"{before.text} {text}".strip() if before.text else text
    )
    if (
        asked is not None
        and asked.key == "years"
        and merged.years == before.years
        and (found := _BARE_YEARS.match(text))
    ):
        merged = replace(merged, years=float(found.group(1)), said={**merged.said, "years": text})
    changed = tuple(q.key for q in QUESTIONS if _value(merged, q.key) != _value(before, q.key))
    return Reading(merged, bool(changed), changed=changed)


def _value(profile: Profile, key: str) -> Any:
    return {
        "kind": profile.kinds,
        "needs": profile.needs,
        "years": profile.years,
        "industry": profile.industries,
        "location": (profile.seoul, profile.district),
    }[key]


# ---------------------------------------------------------------- choosing the next question


@dataclass
class Ranker:
    """The catalogue's criteria and the search ranks for one profile text, read once a turn."""

    table: dict[str, tuple[Program, Eligibility]]
    ranks: dict[str, int]

    @classmethod
    def load(cls, *, session: Session, profile: Profile) -> Ranker:
        """Read the criteria table and search the catalogue for the user's own words."""
        return cls(criteria_by_program(session=session), search_ranks(profile, session=session))

    def top(self, profile: Profile, limit: int = LIMIT) -> list[Recommendation]:
        """The programs shown for ``profile``."""
        return rank(profile, self.table, self.ranks, limit)


def next_question(
    profile: Profile, ranker: Ranker, *, asked: set[str] | frozenset[str], asked_now: int
) -> Question | None:
    """The first question, in ``QUESTIONS`` order, whose answer would change the list shown.

    Args:
        profile: what the user has said so far.
        ranker: the catalogue for this turn.
        asked: questions already asked or skipped in this conversation (never again).
        asked_now: questions asked since the user last asked for recommendations.
    """
    if asked_now >= MAX_QUESTIONS:
        return None
    shown = [r.program_id for r in ranker.top(profile)]
    for question in QUESTIONS:
        if question.key in asked or known(profile, question.key):
            continue
        if any(
            [r.program_id for r in ranker.top(apply_option(profile, option))] != shown
            for option in question.options
        ):
            return question
    return None


def question_buttons(question: Question, language: str) -> list[dict[str, str]]:
    """The question's answer buttons and a skip button; each payload is its title, read back
    as text by ``absorb``."""
    titles = [o.en if language == "en" else o.ko for o in question.options]
    titles.append(SKIP_TITLE["en" if language == "en" else "ko"])
    return [{"title": t, "payload": t} for t in titles]
