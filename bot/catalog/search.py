"""Find programs from what people type: names, aliases, typos and plain descriptions of a need.

Three signals, combined per program:

* **name** — a program's name or alias appears in the query (spacing, case and width
  ignored; a Latin alias must stand as a word, so "CES" is not found in "office space");
* **words** — BM25F over analysed terms (KoNLPy Okt, stemmed, particles dropped) of the
  name, aliases, target groups, purpose, target, content and the rest, with query terms
  expanded through ``catalog/thesaurus.yml`` (공짜 → 무료);
* **spelling** — TF-IDF cosine of character bigrams against names and aliases, which
  survives typos such as 사관학꾜 or 하이서을.

An English question ("coding bootcamp for young people") is scored against a second BM25F
index of the same programs' English texts (``name_en``, ``purpose_en`` …, Latin aliases),
with English terms from ``bot.catalog.english`` and the Latin words and ``groups_en`` of the
thesaurus; a Korean question is scored exactly as before, so Korean recall does not move.

The index is built from the database on first use and rebuilt when the catalogue content
changes, so the action server and the CLI always search what is loaded.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.catalog.english import english_terms
from bot.db.models import CatalogMeta, Program
from bot.db.models import Field as FieldRow
from bot.language import detect_language
from bot.nlp.morph import okt_terms
from bot.settings import get_settings
from bot.text import MAX_INPUT_CHARS, clean, fold, has_words

FIELD_WEIGHTS = {
    "name": 3.0,
    "aliases": 2.0,
    "groups": 1.5,
    "purpose": 1.0,
    "target": 1.0,
    "content": 0.8,
    "parent": 0.6,
    "goals": 0.5,
    "results": 0.3,
    "schedule": 0.2,
}
# Tuned on the even-numbered half of tests/catalog/search_queries.yml, checked on the odd half
# (docs/search.md); the eval prints both halves so overfitting would show.
K1, B = 1.2, 0.3
EXPANSION_WEIGHT = 0.4
SPELLING_WEIGHT = 4.0
NAME_BONUS = 8.0
FUZZY_MIN = 0.8
MIN_SCORE = 1.0
CONFIDENT_SCORE = 8.0
"""A hit found without its name is trusted for an answer only above this (make eval shows
correct first hits score 9+ at the 2nd percentile; off-topic questions stay under 7)."""
CONTENT_TAGS = frozenset({"Noun", "Verb", "Adjective", "Alpha", "Number", "Adverb"})
STOP_TERMS = frozenset(
    "하다 되다 있다 없다 싶다 주다 어떻다 이다 같다 알다 받다 보다 좀 뭐 어디 요 것 수 거 데 "
    "때 저 제 저희 우리 그 이 등 및 너무 진짜 그냥 혹시 어떤 무슨 뭔가 언제 어떻게 the a an "
    "to of and for in is are can i we my our how what where do does program programs project "
    "사업 프로그램 해주다 알려주다 가르쳐주다 부서 담당 자격 문의 방법 가능하다 궁금하다".split()
)
_LATIN = re.compile(r"^[a-z0-9&+.\-]+$")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass(frozen=True, kw_only=True)
class SearchHit:
    """One ranked program with the reasons it matched (in Korean, for users and staff).

    Built by keyword only: its id and name are both strings and easily swapped by position.
    """

    program_id: str
    name: str
    score: float
    reasons: tuple[str, ...]
    named: bool = False
    """The query contains this program's name or an alias (not just related words)."""

    @property
    def trusted(self) -> bool:
        """Good enough to answer with: named, or confident (see ``CONFIDENT_SCORE``)."""
        return self.named or self.score >= CONFIDENT_SCORE


@dataclass
class _Doc:
    program_id: str
    name: str
    names: list[str]
    terms: dict[str, float] = field(default_factory=dict)  # field-weighted term frequencies
    length: float = 0.0
    bigrams: Counter[str] = field(default_factory=Counter)
    terms_en: dict[str, float] = field(default_factory=dict)  # the same, of the English texts
    length_en: float = 0.0


@dataclass
class _Stats:
    """Document frequencies of one language's terms: what BM25 needs besides the query."""

    idf: dict[str, float]
    avg_len: float

    @classmethod
    def of(cls, term_dicts: list[dict[str, float]], lengths: list[float]) -> _Stats:
        n_docs = max(len(term_dicts), 1)
        df: Counter[str] = Counter()
        for terms in term_dicts:
            df.update(terms.keys())
        idf = {t: math.log(1 + (n_docs - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        return cls(idf, (sum(lengths) / n_docs) or 1.0)


def analyse(text: str) -> list[str]:
    """Search terms of ``text``: stemmed content morphemes, lower case, no stop words."""
    out = []
    for word, tag in okt_terms(clean(text)[:MAX_INPUT_CHARS]):
        term = word.lower()
        if tag in CONTENT_TAGS and term not in STOP_TERMS and (len(term) > 1 or tag == "Alpha"):
            out.append(term)
    return out


def _english_texts(p: Program) -> dict[str, str]:
    """The English texts of ``p`` by BM25F field (Latin aliases stand in for English ones)."""
    latin_aliases = [a for a in p.aliases if not _HANGUL.search(a)]
    return {
        "name": p.name_en or "",
        "aliases": " ".join(latin_aliases),
        "purpose": p.purpose_en or "",
        "target": p.target_en or "",
        "content": p.content_en or "",
        "parent": (p.parent.name_en or "") if p.parent else "",
        "goals": p.goals_en or "",
        "results": p.results_en or "",
        "schedule": p.schedule_en or "",
    }


def _weighted_terms(
    texts: dict[str, str], analyser: Callable[[str], list[str]]
) -> dict[str, float]:
    terms: dict[str, float] = {}
    for fname, text in texts.items():
        for term in analyser(text) if text else []:
            terms[term] = terms.get(term, 0.0) + FIELD_WEIGHTS[fname]
    return terms


def _bigrams(text: str) -> Counter[str]:
    key = fold(text)
    return Counter(key[i : i + 2] for i in range(len(key) - 1)) if len(key) > 1 else Counter(key)


def _related(groups: Iterable[Iterable[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for words in map(set, groups):
        for w in words:
            out.setdefault(w, set()).update(words - {w})
    return out


@functools.lru_cache(maxsize=4)
def _thesaurus(path: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Related terms for Korean queries, and for English ones (stemmed).

    English queries use the Latin words of ``groups`` (coding, developer …) and ``groups_en``,
    which holds English-only synonyms so that Korean queries expand exactly as before.
    """
    if not path.exists():
        return {}, {}
    doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    groups = [[str(w).lower() for w in g] for g in doc.get("groups") or []]
    groups_en = [
        [str(w) for w in g if not _HANGUL.search(str(w))]
        for g in [*groups, *(doc.get("groups_en") or [])]
    ]
    stemmed = [{t for w in g for t in english_terms(w)} for g in groups_en]
    return _related(groups), _related(stemmed)


class SearchIndex:
    """An in-memory BM25F + bigram index over the programs of one catalogue version."""

    def __init__(
        self,
        programs: Iterable[Program],
        thesaurus: dict[str, set[str]],
        thesaurus_en: dict[str, set[str]] | None = None,
    ):
        self.thesaurus = thesaurus  # term -> related terms (query side)
        self.thesaurus_en = thesaurus_en or {}  # the same for English (stemmed) terms
        self.docs: list[_Doc] = []
        for p in programs:
            names = [p.name, p.name_en or "", *p.aliases]
            doc = _Doc(p.id, p.name, [n for n in names if n])
            texts = {
                "name": p.name,
                "aliases": " ".join([p.name_en or "", *p.aliases]),
                "groups": " ".join(p.target_groups),
                "purpose": p.purpose or "",
                "target": p.target or "",
                "content": p.content or "",
                "parent": p.parent.name if p.parent else "",
                "goals": p.goals or "",
                "results": p.results or "",
                "schedule": p.schedule or "",
            }
            doc.terms = _weighted_terms(texts, analyse)
            doc.length = sum(doc.terms.values())
            doc.terms_en = _weighted_terms(_english_texts(p), english_terms)
            doc.length_en = sum(doc.terms_en.values())
            for n in doc.names:
                doc.bigrams.update(_bigrams(n))
            self.docs.append(doc)
        n_docs = max(len(self.docs), 1)
        bdf: Counter[str] = Counter()
        for d in self.docs:
            bdf.update(d.bigrams.keys())
        self.stats = {
            "ko": _Stats.of([d.terms for d in self.docs], [d.length for d in self.docs]),
            "en": _Stats.of([d.terms_en for d in self.docs], [d.length_en for d in self.docs]),
        }
        self.bidf = {t: math.log(1 + n_docs / c) for t, c in bdf.items()}
        self.bnorm = {d.program_id: self._norm(d.bigrams) for d in self.docs}
        self._names = [(fold(n), n, d) for d in self.docs for n in d.names if len(fold(n)) >= 2]

    def _norm(self, vec: Counter[str]) -> float:
        return math.sqrt(sum((c * self.bidf.get(t, 0.0)) ** 2 for t, c in vec.items())) or 1.0

    def _name_hits(self, query: str) -> dict[str, tuple[float, str]]:
        """Names and aliases in the query; a Latin name must be whole words ("CES" ≠ "office")."""
        key = fold(query)
        words = [fold(w) for w in re.findall(r"[a-z0-9&+.\-]+", clean(query).lower())]
        runs = {
            "".join(words[i:j])
            for i in range(len(words))
            for j in range(i + 1, min(i + 4, len(words)) + 1)
        }
        hits: dict[str, tuple[float, str]] = {}
        for name_key, name, doc in self._names:
            if name_key not in key or (_LATIN.match(name_key) and name_key not in runs):
                continue
            score = NAME_BONUS + len(name_key) / 4
            if score > hits.get(doc.program_id, (0.0, ""))[0]:
                hits[doc.program_id] = (score, name)
        return hits

    def _fuzzy_name_hits(
        self, query: str, exact: dict[str, tuple[float, str]]
    ) -> dict[str, tuple[float, str]]:
        """Names typed with a typo (서울어우드, 하이서을): close to a slice of the query."""
        key = fold(query)
        q_bi = set(_bigrams(query))
        hits: dict[str, tuple[float, str]] = {}
        for name_key, name, doc in self._names:
            if doc.program_id in exact or not 4 <= len(name_key) <= 16 or _LATIN.match(name_key):
                continue
            n_bi = set(_bigrams(name_key))
            if len(n_bi & q_bi) < max(1, len(n_bi) // 3):
                continue  # cheap filter before the slower similarity
            best = 0.0
            for size in (len(name_key) - 1, len(name_key), len(name_key) + 1):
                for i in range(0, max(1, len(key) - size + 1)):
                    ratio = difflib.SequenceMatcher(None, name_key, key[i : i + size]).ratio()
                    best = max(best, ratio)
            if best >= FUZZY_MIN:
                score = NAME_BONUS * best * 0.8 + len(name_key) / 8
                if score > hits.get(doc.program_id, (0.0, ""))[0]:
                    hits[doc.program_id] = (score, name)
        return hits

    def search(self, query: str, limit: int = 5) -> list[SearchHit]:
        """Ranked programs for ``query``; empty if nothing scores above the noise floor."""
        query = clean(query)[:MAX_INPUT_CHARS]
        if not has_words(query):
            return []
        language = detect_language(query)
        english = language == "en"
        q_terms = Counter(english_terms(query) if english else analyse(query))
        thesaurus = self.thesaurus_en if english else self.thesaurus
        stats = self.stats[language]
        weights: dict[str, float] = {t: float(c) for t, c in q_terms.items()}
        for t in list(q_terms):
            for syn in thesaurus.get(t, ()):
                weights.setdefault(syn, EXPANSION_WEIGHT)
        q_bi = _bigrams(query)
        q_bnorm = self._norm(q_bi)
        names = self._name_hits(query)
        fuzzy = self._fuzzy_name_hits(query, names)
        hits = []
        for d in self.docs:
            score = 0.0
            matched: list[tuple[float, str]] = []
            terms, length = (d.terms_en, d.length_en) if english else (d.terms, d.length)
            for t, w in weights.items():
                tf = terms.get(t)
                if not tf:
                    continue
                part = (
                    stats.idf.get(t, 0.0)
                    * tf
                    * (K1 + 1)
                    / (tf + K1 * (1 - B + B * length / stats.avg_len))
                )
                score += w * part
                matched.append((w * part, t))
            dot = sum(
                c * self.bidf.get(b, 0.0) * d.bigrams.get(b, 0) * self.bidf.get(b, 0.0)
                for b, c in q_bi.items()
            )
            spelling = dot / (q_bnorm * self.bnorm[d.program_id])
            score += SPELLING_WEIGHT * spelling
            reasons = []
            if d.program_id in names:
                bonus, name = names[d.program_id]
                score += bonus
                reasons.append(f"이름 일치: {name}")
            if matched:
                top = [t for _, t in sorted(matched, reverse=True)[:4]]
                reasons.append("키워드: " + ", ".join(top))
            if d.program_id in fuzzy:
                bonus, name = fuzzy[d.program_id]
                score += bonus
                reasons.append(f"비슷한 이름: {name}")
            if score >= MIN_SCORE and reasons:
                hits.append(
                    SearchHit(
                        program_id=d.program_id,
                        name=d.name,
                        score=round(score, 3),
                        reasons=tuple(reasons),
                        named=d.program_id in names,
                    )
                )
        hits.sort(key=lambda h: (-h.score, h.program_id))
        return hits[:limit]


_lock = threading.Lock()
_cache: dict[str, SearchIndex] = {}


def _fingerprint(programs: list[Program], thesaurus_path: Path) -> str:
    h = hashlib.sha256()
    for p in programs:
        for value in (
            p.id,
            p.name,
            p.name_en,
            *p.aliases,
            *p.target_groups,
            p.purpose,
            p.target,
            p.content,
            p.goals,
            p.results,
            p.schedule,
            p.parent_id,
            p.purpose_en,
            p.target_en,
            p.content_en,
            p.goals_en,
            p.results_en,
            p.schedule_en,
        ):
            h.update(str(value).encode())
    if thesaurus_path.exists():
        h.update(thesaurus_path.read_bytes())
    return h.hexdigest()


def _field_expansions(fields: list[FieldRow]) -> dict[str, set[str]]:
    """What people say for a field (퇴직금, 부가세, 변호사) points to the field's name (노무 …)."""
    out: dict[str, set[str]] = {}
    for f in fields:
        targets = set(analyse(f.name.replace("·", " ")))
        for keyword in f.keywords:
            terms = analyse(keyword)
            if len(terms) == 1 and terms[0] not in targets:
                out.setdefault(terms[0], set()).update(targets)
    return out


def _file_stamp(path: Path) -> str:
    """Size and modification time of the thesaurus: enough to notice an edit, no read."""
    try:
        stat = path.stat()
    except OSError:
        return "absent"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def get_index(*, session: Session) -> SearchIndex:
    """The index of the catalogue currently in the database (rebuilt only when it changed).

    A loaded catalogue carries a version (``catalog_meta``, written by ``bizcall db load``),
    so the usual request costs one primary-key read and a ``stat`` of the thesaurus. A
    database without a version (rows written some other way) is fingerprinted row by row.
    """
    path = get_settings().catalog_dir / "thesaurus.yml"
    version = session.get(CatalogMeta, "version")
    key = f"version:{version.value}:{_file_stamp(path)}" if version is not None else None
    if key is not None:
        with _lock:
            cached = _cache.get(key)
        if cached is not None:
            return cached
    programs = list(session.scalars(select(Program).order_by(Program.id)).unique())
    fields = list(session.scalars(select(FieldRow).order_by(FieldRow.code)))
    if key is None:
        key = _fingerprint(programs, path) + str([(f.code, f.keywords) for f in fields])
    with _lock:
        index = _cache.get(key)
        if index is None:
            korean, english = _thesaurus(path)
            thesaurus = {k: set(v) for k, v in korean.items()}
            for term, related in _field_expansions(fields).items():
                thesaurus.setdefault(term, set()).update(related)
            index = SearchIndex(programs, thesaurus, {k: set(v) for k, v in english.items()})
            _cache.clear()
            _cache[key] = index
    return index


def search_programs(*, session: Session, query: str, limit: int = 5) -> list[SearchHit]:
    """Search the loaded catalogue (see the module docstring for how hits are ranked)."""
    return get_index(session=session).search(query, limit=limit)
