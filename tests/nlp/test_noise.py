"""Typing noise: jamo arithmetic, keyboard neighbours, deterministic careless copies."""

from __future__ import annotations

import random

import pytest

from bot.nlp.noise import (
    KOREAN_NEAR,
    LATIN_NEAR,
    NoiseLevel,
    add_noise,
    compose,
    decompose,
)


def test_syllables_decompose_into_jamo_indices_and_back() -> None:
    assert decompose("가") == (0, 0, 0)
    assert decompose("한") == (18, 0, 4)  # ㅎ ㅏ ㄴ
    assert decompose("a") is None
    assert decompose("ㅋ") is None
    assert compose(18, 0, 4) == "한"
    assert compose(*decompose("퇴")) == "퇴"  # type: ignore[misc]


def test_neighbouring_keys_follow_the_two_set_layout() -> None:
    assert set("ㄱㅛ") <= set(KOREAN_NEAR["ㅅ"])  # ㅅ sits between ㄱ and ㅛ (QWERTY r, t, y)
    assert "ㅓ" in KOREAN_NEAR["ㅏ"] and "ㅣ" in KOREAN_NEAR["ㅏ"]
    assert "ㅁ" not in KOREAN_NEAR["ㅅ"]
    assert "w" in LATIN_NEAR["q"] and "a" in LATIN_NEAR["q"]
    assert "w" in LATIN_NEAR["e"] and "r" in LATIN_NEAR["e"]


def test_noise_is_deterministic_for_a_seed_and_differs_between_seeds() -> None:
    text = "직원이 퇴직금을 달라고 하는데 얼마 줘야 하나요"
    assert add_noise(text, random.Random(1)) == add_noise(text, random.Random(1))
    copies = {add_noise(text, random.Random(seed)) for seed in range(20)}
    assert len(copies) > 10


@pytest.mark.parametrize(
    "text", ["부가세 신고 언제까지예요", "How long does incorporation take?", "서울창업허브"]
)
def test_a_noisy_copy_always_differs_but_stays_close(text: str) -> None:
    for seed in range(30):
        noisy = add_noise(text, random.Random(seed))
        assert noisy != text
        # One slip per word at most, spaces moved: the length barely changes.
        assert abs(len(noisy) - len(text)) <= len(text.split()) + 1


def test_text_without_letters_is_left_alone() -> None:
    assert add_noise("ㅋㅋ", random.Random(3)) == "ㅋㅋ"
    assert add_noise("123 !!", random.Random(3)) == "123 !!"


def test_a_level_without_noise_still_makes_one_slip() -> None:
    calm = NoiseLevel(typo_per_word=0.0, drop_space=0.0, add_space=0.0)
    noisy = add_noise("사업자등록 방법", random.Random(5), calm)
    assert noisy != "사업자등록 방법"
    assert noisy.count(" ") == 1  # spaces untouched, one jamo or letter changed
    assert sum(a != b for a, b in zip(noisy, "사업자등록 방법", strict=True)) == 1
