"""Text normalisation shared by search, entity matching and input checks.

Korean users write names with or without spaces (청년 취업 사관학교,
청년취업사관학교), in full-width or half-width forms, and mix English in any
case. Comparing on a folded key makes all of those equal.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_KEY_DROP = re.compile(r"[\s\-_·・.,()\[\]{}'\"“”‘’/]+")
_JAMO_ONLY = re.compile(r"^[\u3131-\u318E\u1100-\u11FF\s]+$")
_HAS_WORD = re.compile(r"[\w\uAC00-\uD7A3]", re.UNICODE)

MAX_INPUT_CHARS = 2000
"""Longest message we analyse; longer input is cut (and the user told) rather than rejected."""


def clean(text: str | None) -> str:
    """NFC-normalise, drop control characters and collapse whitespace."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return _SPACE.sub(" ", text).strip()


def fold(text: str | None) -> str:
    """A comparison key: NFKC, lower case, no spaces or separator punctuation."""
    return _KEY_DROP.sub("", clean(text).lower())


def is_jamo_only(text: str) -> bool:
    """True for messages like ㅋㅋㅋ or ㅠㅠ that carry no words."""
    return bool(_JAMO_ONLY.match(text)) if text.strip() else False


def has_words(text: str) -> bool:
    """True if the text contains at least one letter or digit (emoji-only is False)."""
    return bool(_HAS_WORD.search(text)) and not is_jamo_only(text)


def storable(text: str | None) -> str:
    r"""``text`` without what UTF-8 cannot encode (lone surrogates such as "\ud800").

    A database column or a JSON API rejects them; one stored in an event once made every
    console page fail. Channels clean what arrives; readers of stored data clean again.
    """
    return (text or "").encode("utf-8", "ignore").decode("utf-8")
