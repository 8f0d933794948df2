"""Typing noise as people make it: adjacent keys, slipped jamo, spaces dropped and added.

Two uses, with different seeds: training data is augmented with noisy copies so the model
has seen 퇴직굼 and 부가새 before a user types them, and ``make eval`` measures how much
accuracy falls when the blind set is typed carelessly.

Korean is typed on the 두벌식 layout, one jamo per key, so a slip replaces one jamo of a
syllable with a neighbouring key's (ㅅ↔ㄱ, ㅓ↔ㅏ) or leaves out or doubles a final consonant
(했어요 → 해어요, 돼요 → 됬요-style vowel mix-ups). Latin letters slip to QWERTY neighbours.
Every function is deterministic for a given ``random.Random``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONGSEONG = ["", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"]
_BASE, _LAST = 0xAC00, 0xD7A3

# 두벌식 keys by QWERTY position; the row strings line up with QWERTY_ROWS.
DUBEOLSIK_ROWS = ("ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", "ㅋㅌㅊㅍㅠㅜㅡ")
QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")

VOWEL_SLIPS = {
    "ㅐ": "ㅔ",
    "ㅔ": "ㅐ",
    "ㅚ": "ㅙ",
    "ㅙ": "ㅞ",
    "ㅞ": "ㅚ",
    "ㅕ": "ㅓ",
    "ㅓ": "ㅕ",
    "ㅛ": "ㅗ",
    "ㅠ": "ㅜ",
    "ㅢ": "ㅣ",
    "ㅒ": "ㅖ",
}
"""Vowels people confuse in spelling, not only on the keyboard (되요/돼요, 애/에)."""


def _neighbours(rows: tuple[str, ...]) -> dict[str, str]:
    """Keys left, right, above and below each key (the grid is offset like a real keyboard)."""
    out: dict[str, str] = {}
    for r, row in enumerate(rows):
        for c, key in enumerate(row):
            near = []
            if c > 0:
                near.append(row[c - 1])
            if c + 1 < len(row):
                near.append(row[c + 1])
            for other in (r - 1, r + 1):
                if 0 <= other < len(rows):
                    near.extend(
                        rows[other][i]
                        for i in (c - 1, c, c + 1)
                        if 0 <= i < len(rows[other]) and (other > r or i >= c)
                    )
            out[key] = "".join(dict.fromkeys(near))
    return out


KOREAN_NEAR = _neighbours(DUBEOLSIK_ROWS)
LATIN_NEAR = _neighbours(QWERTY_ROWS)


def decompose(syllable: str) -> tuple[int, int, int] | None:
    """Indices (initial, medial, final) of a Hangul syllable, or None for anything else."""
    code = ord(syllable) - _BASE
    if not 0 <= code <= _LAST - _BASE:
        return None
    return code // 588, (code % 588) // 28, code % 28


def compose(initial: int, medial: int, final: int) -> str:
    """The syllable of three jamo indices (see ``decompose``)."""
    return chr(_BASE + initial * 588 + medial * 28 + final)


def _slip_syllable(syllable: str, rng: random.Random) -> str:
    """One jamo of ``syllable`` replaced, dropped or added the way fingers and spelling slip."""
    parts = decompose(syllable)
    if parts is None:
        return syllable
    initial, medial, final = parts
    kind = rng.choice(("initial", "medial", "final"))
    if kind == "initial":
        near = [j for j in KOREAN_NEAR.get(CHOSEONG[initial], "") if j in CHOSEONG]
        if near:
            return compose(CHOSEONG.index(rng.choice(near)), medial, final)
    if kind == "medial":
        vowel = JUNGSEONG[medial]
        choices = [j for j in KOREAN_NEAR.get(vowel, "") if j in JUNGSEONG]
        if vowel in VOWEL_SLIPS:
            choices.append(VOWEL_SLIPS[vowel])
        if choices:
            return compose(initial, JUNGSEONG.index(rng.choice(choices)), final)
    if final:  # a dropped 받침 (했어요 → 해어요) or a neighbouring one
        near = [j for j in KOREAN_NEAR.get(JONGSEONG[final], "") if j in JONGSEONG]
        if near and rng.random() < 0.5:
            return compose(initial, medial, JONGSEONG.index(rng.choice(near)))
        return compose(initial, medial, 0)
    return compose(initial, medial, JONGSEONG.index(rng.choice("ㄴㅇㄹㅁ")))  # an extra 받침


def _slip_latin(ch: str, rng: random.Random) -> str:
    near = LATIN_NEAR.get(ch.lower(), "")
    if not near:
        return ch
    new = rng.choice(near)
    return new.upper() if ch.isupper() else new


@dataclass(frozen=True)
class NoiseLevel:
    """How careless the typing is (per message)."""

    typo_per_word: float = 0.12
    """Chance that a word gets one slipped jamo or letter."""
    drop_space: float = 0.25
    """Chance that a space is left out."""
    add_space: float = 0.05
    """Chance per word that a space is typed inside it."""


DEFAULT_LEVEL = NoiseLevel()


def add_noise(text: str, rng: random.Random, level: NoiseLevel = DEFAULT_LEVEL) -> str:
    """``text`` as typed carelessly; at least one change when the text has a word to change."""
    words = text.split(" ")
    changed = False
    for i, word in enumerate(words):
        if len(word) >= 2 and rng.random() < level.typo_per_word:
            words[i], changed = _typo(word, rng), True
        if len(words[i]) >= 4 and rng.random() < level.add_space:
            cut = rng.randrange(1, len(words[i]))
            words[i], changed = words[i][:cut] + " " + words[i][cut:], True
    out = words[0] if words else ""
    for word in words[1:]:
        if rng.random() < level.drop_space:
            out, changed = out + word, True
        else:
            out += " " + word
    if not changed:
        candidates = [i for i, ch in enumerate(out) if decompose(ch) or ch.isalpha()]
        if candidates:
            i = rng.choice(candidates)
            out = out[:i] + _typo(out[i], rng) + out[i + 1 :]
    return out


def _typo(word: str, rng: random.Random) -> str:
    """One slip in ``word``: a Hangul syllable's jamo or a Latin letter."""
    positions = [i for i, ch in enumerate(word) if decompose(ch) or (ch.isascii() and ch.isalpha())]
    if not positions:
        return word
    i = rng.choice(positions)
    ch = word[i]
    new = _slip_syllable(ch, rng) if decompose(ch) else _slip_latin(ch, rng)
    return word[:i] + new + word[i + 1 :]
