"""What a program question can ask about, and text helpers both answer languages share."""

from __future__ import annotations

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
