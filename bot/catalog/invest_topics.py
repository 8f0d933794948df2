"""Typical investor questions (visa, minimum investment, incentives, setting up a company …).

An investor asking "Can I get a D-8 visa?" needs more than InvestSeoul's overview: what
InvestSeoul offers for that, what the assistant cannot decide, and where to get a consultation.
The answers are reviewed text in ``catalog/invest_topics.yml`` (both languages), read at first
use and again when the file changes, like the thesaurus; ``bizcall db load`` validates the file
with the rest of the catalogue so a broken topic is caught before it is served.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.catalog.aspects import answer_language
from bot.db.models import Facility
from bot.settings import get_settings
from bot.text import clean, fold

logger = logging.getLogger(__name__)

FILE_NAME = "invest_topics.yml"
TEXT_KEYS = ("answer", "answer_en", "limits", "limits_en")
KEYS = frozenset({"id", "keywords", "keywords_en", "programs", *TEXT_KEYS})
_ASCII = re.compile(r"^[\x20-\x7e]+$")


@dataclass(frozen=True)
class InvestTopic:
    """One investor question: how to recognise it and what to answer, in Korean and English."""

    id: str
    keywords: tuple[str, ...]
    keywords_en: tuple[str, ...]
    programs: tuple[str, ...]
    answer: str
    answer_en: str
    limits: str
    limits_en: str

    def matches(self, text: str) -> bool:
        """True if a keyword of this topic is in ``text``.

        Latin keywords must be whole words ("visa" is not in "advisable"); Korean ones are
        compared folded, since Koreans space compounds freely (법인설립, 법인 설립).
        """
        key, lower = fold(text), clean(text).lower()
        for keyword in (*self.keywords, *self.keywords_en):
            if _ASCII.match(keyword):
                if _pattern(keyword).search(lower):
                    return True
            elif fold(keyword) and fold(keyword) in key:
                return True
        return False


@functools.lru_cache(maxsize=512)
def _pattern(keyword: str) -> re.Pattern[str]:
    """A whole-word pattern: spaces and hyphens optional between words, an "s" or ``*`` end."""
    prefix = keyword.endswith("*")
    words = [re.escape(w) for w in re.split(r"[\s\-]+", keyword.rstrip("*").lower()) if w]
    end = r"[a-z]*" if prefix else r"(?:s|es)?"
    return re.compile(r"(?<![a-z0-9])" + r"[\s\-]*".join(words) + end + r"(?![a-z0-9])")


def parse_topics(doc: Any, source: str = FILE_NAME) -> tuple[list[InvestTopic], list[str]]:
    """The topics of a parsed ``invest_topics.yml`` and every problem found in it."""
    rows = (doc or {}).get("topics") if isinstance(doc, dict) else None
    if not isinstance(rows, list):
        return [], [f"{source}: top-level 'topics' must be a list"]
    topics, problems, seen = [], [], set()
    for i, row in enumerate(rows):
        ident = row.get("id") if isinstance(row, dict) else None
        label = f"{source} {ident or f'#{i + 1}'}"
        found = list(_check(row, label))
        if isinstance(row, dict) and row.get("id") in seen:
            found.append(f"{source}: duplicate id {row['id']!r}")
        problems += found
        if found:
            continue
        seen.add(row["id"])
        topics.append(
            InvestTopic(
                id=row["id"],
                keywords=tuple(map(str, row.get("keywords") or [])),
                keywords_en=tuple(map(str, row.get("keywords_en") or [])),
                programs=tuple(row["programs"]),
                **{k: str(row[k]).strip() for k in TEXT_KEYS},
            )
        )
    return topics, problems


def _check(row: Any, label: str) -> Iterable[str]:
    if not isinstance(row, dict) or not row.get("id"):
        yield f"{label}: needs an 'id'"
        return
    for key in sorted(set(row) - KEYS):
        yield f"{label}: unknown key {key!r}"
    for key in TEXT_KEYS:
        if not isinstance(row.get(key), str) or not row[key].strip():
            yield f"{label}: needs {key} (non-empty text)"
    for key in ("keywords", "keywords_en"):
        words = row.get(key)
        if not isinstance(words, list) or not words or not all(str(w).strip() for w in words):
            yield f"{label}: {key} must be a non-empty list"
    programs = row.get("programs")
    if not isinstance(programs, list) or not programs:
        yield f"{label}: programs must list at least one program id"


def read_topics(path: Path) -> tuple[list[InvestTopic], list[str]]:
    """Topics and problems of the file at ``path`` (none of either if it does not exist)."""
    if not path.exists():
        return [], []
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        return [], [f"{path.name}: not valid YAML ({err})"]
    return parse_topics(doc, path.name)


_lock = threading.Lock()
_cache: dict[tuple[Path, float], list[InvestTopic]] = {}


def load_topics() -> list[InvestTopic]:
    """The topics of the configured catalogue directory, re-read when the file changes.

    A broken file is logged and answered as if it had no topics: the InvestSeoul overview
    is still a correct answer, and ``bizcall db load`` reports the problems.
    """
    path = get_settings().catalog_dir / FILE_NAME
    try:
        key = (path, path.stat().st_mtime)
    except OSError:
        return []
    with _lock:
        if key not in _cache:
            topics, problems = read_topics(path)
            if problems:
                logger.error("invest topics ignored: %s", "; ".join(problems))
                topics = []
            _cache.clear()
            _cache[key] = topics
        return _cache[key]


def match_topic(topics: list[InvestTopic], text: str) -> InvestTopic | None:
    """The first topic (in file order) with a keyword in ``text``."""
    return next((t for t in topics if t.matches(text)), None)


def render_topic(topic: InvestTopic, office: Facility | None, language: str = "ko") -> str:
    """The answer, what the assistant cannot decide, and the offer of a consultation."""
    if answer_language(language) == "en":
        where = (
            f" The Invest Seoul Center's office is at {office.address_en}."
            if office is not None and office.address_en
            else ""
        )
        offer = f"Would you like an Invest Seoul consultation? Just tell me.{where}"
        return f"{topic.answer_en}\n{topic.limits_en}\n{offer}"
    where = (
        f" 인베스트서울센터 사무실은 {office.address}에 있습니다."
        if office is not None and office.address
        else ""
    )
    offer = f"인베스트서울 전문가 상담을 원하시면 말씀해 주세요.{where}"
    return f"{topic.answer}\n{topic.limits}\n{offer}"
