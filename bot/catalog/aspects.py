"""What a program question can ask about, and text helpers both answer languages share."""

from __future__ import annotations

import re
from enum import Enum

from bot.language import DEFAULT, LANGUAGES, Language

MAX_CHARS = 600
"""Chat bubbles stay readable: long report passages are cut at a sentence."""
ENGLISH_LENGTH = 2
"""English takes about twice the characters of Korean for the same facts, so English limits
are this many times the Korean ones (else an English answer would say half as much)."""


class Aspect(str, Enum):
    """What a user asks about a program."""

    OVERVIEW = "overview"
    TARGET = "target"
    APPLY = "apply"
    SCHEDULE = "schedule"
    LOCATION = "location"
    CONTACT = "contact"
    BUDGET = "budget"
    RESULTS = "results"


def shorten(text: str | None, limit: int = MAX_CHARS) -> str:
    """``text`` cut after the last (Korean or English) sentence that fits in ``limit``."""
    text = (text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    stop = max(cut.rfind("다."), cut.rfind(". "), cut.rfind("\n"))
    return (cut[: stop + 2] if stop > limit // 2 else cut).rstrip() + " …"


def answer_language(language: str | None) -> Language:
    """The language to render in: the slot's value if it is one we answer in, else Korean.

    The slot is set by the conversation; a missing or unexpected value must not break an answer.
    """
    return language if language in LANGUAGES else DEFAULT  # type: ignore[return-value]


_ASPECT_CUES: tuple[tuple[Aspect, re.Pattern[str]], ...] = (
    (
        Aspect.LOCATION,
        re.compile(r"어디|위치|주소|가는\s?길|찾아가|where|address|located|location", re.I),
    ),
    (
        Aspect.CONTACT,
        re.compile(
            r"연락처|전화|문의처|담당(자|부서|팀)|이메일|" r"contact|phone|e-?mail|who do i", re.I
        ),
    ),
    (
        Aspect.SCHEDULE,
        re.compile(
            r"언제|기간|마감|일정|모집\s?(시기|기간)|when|deadline|schedule|" r"how long", re.I
        ),
    ),
    (
        Aspect.BUDGET,
        re.compile(
            r"예산|얼마|지원금|금액|비용|무료|공짜|budget|how much|cost|fee|"
            r"price|free of charge",
            re.I,
        ),
    ),
    (Aspect.RESULTS, re.compile(r"실적|성과|몇\s?(개|곳|명|팀)|results|how many", re.I)),
    (
        Aspect.APPLY,
        re.compile(
            r"신청\s?(방법|하려면|어떻게)|어떻게\s?신청|접수|" r"how (do|can) (i|we) apply", re.I
        ),
    ),
    (
        Aspect.TARGET,
        re.compile(
            r"대상|자격|조건|가능한가|가능할까|되나요|될까요|저도|우리도|"
            r"eligible|qualify|can (i|we) (join|apply)",
            re.I,
        ),
    ),
)


def aspect_of(text: str) -> Aspect:
    """The aspect a message asks about, from its words (for answers not led by an intent).

    Used when the model's intent is not a program aspect — a consultation message that names
    a program, or a follow-up the model was unsure of — so the answer still fits the question.
    """
    for aspect, cue in _ASPECT_CUES:
        if cue.search(text or ""):
            return aspect
    return Aspect.OVERVIEW
