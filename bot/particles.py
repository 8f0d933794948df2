"""Korean particles chosen by how the word before them ends: 활성화는, 사관학교는, R&D는.

A name inserted into a sentence needs 은/는, 이/가, 을/를, 과/와, 으로/로 or 이에요/예요
by its last sound: a final consonant (받침) takes the first form. "도시제조업 활성화은(는)"
reads as a form letter; people write "활성화는". Names end in Hangul, Latin letters, digits
or brackets, so each is read as a Korean speaker says it: "R&D" ends in 디 (no 받침),
"TIPS" in 스, "M+" in 플러스, "2023" in 삼 (받침), "(가칭)" is skipped.
"""

from __future__ import annotations

from typing import Final

PAIRS: Final[dict[str, tuple[str, str]]] = {
    "은/는": ("은", "는"),
    "이/가": ("이", "가"),
    "을/를": ("을", "를"),
    "과/와": ("과", "와"),
    "이에요/예요": ("이에요", "예요"),
    "이라는/라는": ("이라는", "라는"),
    "으로/로": ("으로", "로"),
}
"""Particle → (after a final consonant, after a vowel)."""

_LETTER_FINAL: Final = frozenset("LMNR")
"""Latin letters whose Korean reading ends in a consonant: 엘, 엠, 엔, 알."""
_DIGIT_FINAL: Final = {
    "0": True,
    "1": True,
    "2": False,
    "3": True,
    "4": False,
    "5": False,
    "6": True,
    "7": True,
    "8": True,
    "9": False,
}
"""Digits read as 영, 일, 이, 삼, 사, 오, 육, 칠, 팔, 구: does the reading end in a 받침?"""
_SYMBOLS: Final = {"+": False, "&": False, "%": False, "#": False}
"""Symbols read as 플러스, 앤드, 퍼센트, 샵: all end in a vowel."""
_RIEUL: Final = 8
"""Index of ㄹ among the finals: 으로/로 treats ㄹ like a vowel (서울로, 광주로)."""

_WORDS: Final[dict[str, tuple[bool, bool]]] = {"SETEC": (True, False)}
"""Acronyms said as a word, not letter by letter: SETEC is 세텍."""

_SKIP_TAIL: Final = "()[]{}\"'“”‘’「」『』 .·,"


def _last_sound(word: str) -> tuple[bool, bool] | None:
    """(ends in a 받침, that 받침 is ㄹ) for the last pronounced character of ``word``."""
    text = word.rstrip()
    while text.endswith(")") or text.endswith("]"):  # "서울큐브(가칭)" → 서울큐브
        opener = "(" if text.endswith(")") else "["
        cut = text.rfind(opener)
        if cut <= 0:
            break
        text = text[:cut].rstrip()
    text = text.rstrip(_SKIP_TAIL)
    if not text:
        return None
    char = text[-1]
    for spoken, sound in _WORDS.items():
        if text.endswith(spoken):
            return sound
    if "가" <= char <= "힣":
        final = (ord(char) - 0xAC00) % 28
        return final != 0, final == _RIEUL
    if char.isascii() and char.isalpha():
        upper = char.upper()
        if text[-2:].isalpha() and text[-2:].islower() and len(text) >= 2:
            # an English word read as written: "Seoul" → 서울(ㄹ), "Hub" → 허브, "Lab" → 랩
            return _english_word_final(text)
        return upper in _LETTER_FINAL, upper in ("L", "R")
    if char in _DIGIT_FINAL:
        return _DIGIT_FINAL[char], char in ("1", "7", "8")
    if char in _SYMBOLS:
        return _SYMBOLS[char], False
    return None


def _english_word_final(text: str) -> tuple[bool, bool]:
    word = text.lower()
    if word.endswith(("l", "le")):
        return True, True
    if word.endswith(("m", "n", "ng")):
        return True, False
    return False, False


def particle(word: str, pair: str) -> str:
    """The form of ``pair`` (e.g. ``"은/는"``) that follows ``word``.

    Unknown endings take the vowel form, the more common one after loanwords.

    Raises:
        KeyError: ``pair`` is not one of ``PAIRS``.
    """
    consonant_form, vowel_form = PAIRS[pair]
    sound = _last_sound(word)
    if sound is None:
        return vowel_form
    has_final, is_rieul = sound
    if pair == "으로/로":
        return consonant_form if has_final and not is_rieul else vowel_form
    return consonant_form if has_final else vowel_form


def attach(word: str, pair: str) -> str:
    """``word`` with the right particle: ``attach("도시제조업 활성화", "은/는")`` → "…활성화는"."""
    return f"{word}{particle(word, pair)}"
