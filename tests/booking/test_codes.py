"""Confirmation codes are unambiguous to read aloud and found however they are typed."""

from __future__ import annotations

import re

import pytest

from bot.booking.codes import ALPHABET, new_code, normalize_code


def test_alphabet_leaves_out_look_alike_characters() -> None:
    assert not set("0O1IL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_new_codes_have_the_documented_shape_and_vary() -> None:
    codes = {new_code() for _ in range(200)}
    assert all(re.fullmatch(rf"BZ-[{ALPHABET}]{{4}}", c) for c in codes)
    assert len(codes) > 190  # random, not sequential


@pytest.mark.parametrize(
    "typed",
    [
        "BZ-7K3Q",
        "bz-7k3q",
        "bz 7k3q",
        "BZ7K3Q",
        " BZ - 7K3Q ",
        "ｂｚ－７ｋ３ｑ",
        "7k3q",
        "bz.7k3q",
        "BZ_7K3Q",
    ],
)
def test_typed_variants_normalise_to_one_code(typed: str) -> None:
    assert normalize_code(typed) == "BZ-7K3Q"


def test_a_body_that_starts_with_bz_is_not_mistaken_for_the_prefix() -> None:
    assert normalize_code("BZBZ23") == "BZ-BZ23"
    assert normalize_code("bz23") == "BZ-BZ23"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        None,
        "BZ-7K3O",
        "BZ-7K31",
        "BZ-7K3",
        "BZ-7K3QQ",
        "XY-7K3Q",
        "예약번호",
        "BZ-7K 3Q9",
    ],
)
def test_what_cannot_be_a_code_is_none(typed: str | None) -> None:
    assert normalize_code(typed) is None
