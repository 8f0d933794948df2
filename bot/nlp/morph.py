"""Morphological analysis with offsets that point into the original text.

Korean analysers return morphemes, not spans: particles split off (학교+는),
spacing errors are repaired (청년취업 사관학교), and some analysers rewrite the
surface. Entity spans in Rasa must line up with token offsets, so every token
here is a literal slice of the input: ``text[start:end] == token.text`` always.
Morphemes the analyser rewrote are replaced by the original characters they
came from, so no character of the input is lost.

Analysers are created on first use (KoNLPy starts a JVM) and shared by the process.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

BACKENDS = ("okt", "komoran", "mecab", "kiwi", "regex")
"""Analysers this module can use: KoNLPy's Okt and Komoran (Java), MeCab-ko and Kiwi
(native wheels with bundled dictionaries), and ``regex``, a script-change splitter that
needs nothing and is the baseline."""


@dataclass(frozen=True)
class Morph:
    """One token: ``text`` is exactly ``source[start:end]``; ``tag`` is the analyser's POS."""

    text: str
    start: int
    end: int
    tag: str = ""


_lock = threading.Lock()
_WORDISH = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*|[\uAC00-\uD7A3]+|[\u3131-\u318E]+|\S", re.UNICODE)


def _safe(text: str) -> str:
    """Same length as ``text`` but with characters the JVM bridge rejects replaced by spaces."""
    return "".join(
        " "
        if (0xD800 <= ord(ch) <= 0xDFFF or unicodedata.category(ch) in ("Cc", "Cs"))
        and ch not in "\n\t"
        else ch
        for ch in text
    )


def _jvm_heap_mb() -> int:
    """Java heap for KoNLPy's one JVM per process (``BIZCALL_JVM_HEAP_MB``, default 128).

    KoNLPy's own default (1 GB) let the action server's JVM grow to 470 MB resident over
    6,000 analyses; 128 MB holds it at 255 MB at the same speed, while 96 MB was half as
    fast from garbage collection. Komoran needs 384 MB (docs/performance.md).
    """
    from bot.settings import get_settings

    return get_settings().jvm_heap_mb


@functools.cache
def _okt_instance() -> Any:
    from konlpy.tag import Okt  # imported lazily: it starts a JVM

    return Okt(max_heap_size=_jvm_heap_mb())


def _okt(text: str) -> list[tuple[str, str]]:
    okt = _okt_instance()
    with _lock:  # Okt's Java object is not documented as thread-safe
        return list(okt.pos(text, norm=False, stem=False))


def okt_terms(text: str) -> list[tuple[str, str]]:
    """Okt with normalisation and stemming (가르쳐주는 -> 가르치다): terms for search, not spans."""
    okt = _okt_instance()
    with _lock:
        return list(okt.pos(_safe(text), norm=True, stem=True))


@functools.cache
def _komoran_instance() -> Any:
    from konlpy.tag import Komoran

    return Komoran(max_heap_size=_jvm_heap_mb())


def _komoran(text: str) -> list[tuple[str, str]]:
    # Komoran's bridge fails on characters outside the BMP (emoji): blank them, align fills them in.
    bmp = "".join(ch if ord(ch) <= 0xFFFF else " " for ch in text)
    if not bmp.strip():
        return []
    komoran = _komoran_instance()
    with _lock:
        return list(komoran.pos(bmp))


@functools.cache
def _mecab_instance() -> Any:
    import mecab_ko

    return mecab_ko.Tagger()


def mecab_analysis(text: str) -> list[tuple[str, str, str]]:
    """MeCab-ko's (surface, tag, expression) per token; the expression spells out fused
    morphemes (빌릴 → ``빌리/VV/*+ᆯ/ETM/*``) and is empty for simple ones."""
    out = []
    for line in _mecab_instance().parse(text).splitlines():
        if line == "EOS" or "\t" not in line:
            continue
        surface, feature = line.split("\t", 1)
        fields = feature.split(",")
        expression = fields[7] if len(fields) > 7 and fields[7] != "*" else ""
        out.append((surface, fields[0], expression))
    return out


def _mecab(text: str) -> list[tuple[str, str]]:
    return [(surface, tag) for surface, tag, _ in mecab_analysis(text)]


@functools.cache
def _kiwi_instance() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


def _kiwi(text: str) -> list[tuple[str, str]]:
    # Kiwi reports offsets itself; forms can be restored (이 -> 이다), so take the slice.
    return [
        (text[t.start : t.start + t.len], t.tag)
        for t in _kiwi_instance().tokenize(text)
        if t.len > 0
    ]


def _regex(text: str) -> list[tuple[str, str]]:
    return [(m.group(), "") for m in _WORDISH.finditer(text)]


def analyser(backend: str) -> Callable[[str], list[tuple[str, str]]]:
    """The analyse function of ``backend`` (created on first call)."""
    if backend == "okt":
        return _okt
    if backend == "komoran":
        return _komoran
    if backend == "mecab":
        return _mecab
    if backend == "kiwi":
        return _kiwi
    if backend == "regex":
        return _regex
    raise ValueError(f"unknown Korean analyser backend {backend!r}; choose from {BACKENDS}")


def align(text: str, morphs: list[tuple[str, str]]) -> list[Morph]:
    """Turn analyser output into tokens that are exact slices of ``text``.

    Each morpheme is looked up from the current position; whatever lies between
    two located morphemes (text the analyser rewrote or dropped) becomes tokens
    of its own, split at whitespace and at script changes.
    """
    out: list[Morph] = []
    cursor = 0

    def fill(upto: int) -> None:
        for m in _WORDISH.finditer(text, cursor, upto):
            if not _safe(m.group()).strip():
                continue  # a lone surrogate or control character carries no meaning
            out.append(Morph(m.group(), m.start(), m.end(), "X"))

    parts = [(part, tag) for surface, tag in morphs for part in surface.split()]
    for surface, tag in parts:
        idx = text.find(surface, cursor)
        # A morpheme found far ahead is more likely a repeat than this one: treat it as rewritten.
        if idx == -1 or len(text[cursor:idx].split()) > 1:
            continue
        if idx > cursor:
            fill(idx)
        out.append(Morph(surface, idx, idx + len(surface), tag))
        cursor = idx + len(surface)
    fill(len(text))
    out.sort(key=lambda m: m.start)
    return out


MAX_ANALYSED = 2000
"""Characters of one message given to the analyser; the rest (pasted documents) is split cheaply."""
MAX_WORD = 40
"""Longer space-free runs (ㅋ×500, pasted hashes) skip the analyser: Okt is superlinear on them."""
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD + 1},}}")


def tokenize(text: str, backend: str = "okt") -> list[Morph]:
    """Tokens of ``text`` with exact offsets; empty for empty or whitespace-only text."""
    if not text or not text.strip():
        return []
    analyse = analyser(backend)
    out: list[Morph] = []
    pos = 0
    # Analyse ordinary stretches with the backend and very long words with the regex splitter.
    for long_word in [*_LONG_WORD.finditer(text), None]:
        end = long_word.start() if long_word else len(text)
        cut = max(pos, min(end, MAX_ANALYSED))
        if text[pos:cut].strip():
            out.extend(_shift(align(text[pos:cut], analyse(_safe(text[pos:cut]))), pos))
        if text[cut:end].strip():  # past the analysed budget: cheap splitting keeps offsets right
            out.extend(_shift(align(text[cut:end], _regex(text[cut:end])), cut))
        if long_word:
            chunk = long_word.group()
            out.extend(_shift(align(chunk, _regex(chunk)), long_word.start()))
            pos = long_word.end()
    return out


def _shift(morphs: list[Morph], offset: int) -> list[Morph]:
    if not offset:
        return morphs
    return [Morph(m.text, m.start + offset, m.end + offset, m.tag) for m in morphs]
