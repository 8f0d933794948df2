"""Particles follow the sound a name ends in, whatever script it ends in."""

from __future__ import annotations

import pytest

from bot.particles import attach, particle


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("도시제조업 활성화", "은/는", "도시제조업 활성화는"),
        ("청년취업사관학교", "은/는", "청년취업사관학교는"),
        ("창업허브운영", "은/는", "창업허브운영은"),
        ("서울형 R&D", "은/는", "서울형 R&D는"),
        ("서울형 팁스(TIPS)", "은/는", "서울형 팁스(TIPS)는"),
        ("서울큐브(가칭)", "은/는", "서울큐브(가칭)는"),
        ("CES 2023", "은/는", "CES 2023은"),
        ("G밸리 창업큐브", "이/가", "G밸리 창업큐브가"),
        ("서울컵", "이에요/예요", "서울컵이에요"),
        ("DMC", "은/는", "DMC는"),
        ("SETEC", "은/는", "SETEC은"),
        ("XR", "을/를", "XR을"),
        ("trade-ON(트레이드온)", "은/는", "trade-ON(트레이드온)은"),
        ("Seoul", "은/는", "Seoul은"),
        ("서울", "으로/로", "서울로"),
        ("공덕", "으로/로", "공덕으로"),
        ("창동", "과/와", "창동과"),
        ("성수", "과/와", "성수와"),
    ],
)
def test_particle_follows_the_last_sound(word: str, pair: str, expected: str) -> None:
    assert attach(word, pair) == expected


def test_empty_or_symbol_only_words_take_the_vowel_form() -> None:
    assert particle("", "은/는") == "는"
    assert particle("()", "이/가") == "가"


def test_unknown_pair_is_an_error() -> None:
    with pytest.raises(KeyError):
        particle("사업", "의/에")
