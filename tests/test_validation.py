"""사업자등록번호, phone and email validation: every common spelling in, one canonical form out."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.validation import (
    business_number_checksum_ok,
    normalize_business_number,
    normalize_email,
    normalize_phone,
)
from tests.support.tables import cases_by_function

Normalize = Callable[[str], str | None]

SPELLINGS: dict[Normalize, list[tuple[str, str | None]]] = {
    normalize_business_number: [
        ("123-45-67891", "123-45-67891"),
        ("1234567891", "123-45-67891"),
        ("123 45 67891", "123-45-67891"),
        ("１２３－４５－６７８９１", "123-45-67891"),  # full-width from an IME
        ("220-81-67899", "220-81-67899"),
        ("123-45-67890", None),  # check digit wrong
        ("123-45-6789", None),  # nine digits
        ("123-45-678901", None),
        ("12a-45-67891", None),
        ("", None),
        ("사업자번호 없어요", None),
    ],
    normalize_phone: [
        ("010-1234-5678", "010-1234-5678"),
        ("01012345678", "010-1234-5678"),
        ("010 1234 5678", "010-1234-5678"),
        ("010.1234.5678", "010-1234-5678"),
        ("+82 10-1234-5678", "010-1234-5678"),
        ("+82-010-1234-5678", "010-1234-5678"),
        ("82-10-1234-5678", "010-1234-5678"),
        ("０１０－１２３４－５６７８", "010-1234-5678"),
        ("011-123-4567", "011-123-4567"),
        ("02-123-4567", "02-123-4567"),
        ("(02) 1234-5678", "02-1234-5678"),
        ("031-123-4567", "031-123-4567"),
        ("070-1234-5678", "070-1234-5678"),
        ("1588-1234", "1588-1234"),
        ("010-123-456", None),
        ("010-1234-56789", None),
        ("+1 415 555 1234", None),
        ("공일공 일이삼사", None),
        ("", None),
        ("<script>", None),
    ],
    normalize_email: [
        ("hong@example.com", "hong@example.com"),
        ("Hong.Gil@Example.COM", "Hong.Gil@example.com"),
        (" <ceo@startup.co.kr> ", "ceo@startup.co.kr"),
        ("a@b", None),
        ("x..y@example.com", None),
        ("no at sign", None),
        ("홍길동@example.com", None),
        ("a" * 250 + "@example.com", None),
    ],
}
"""What each normaliser is given and the one form it must return (None: rejected)."""


@pytest.mark.parametrize(("normalize", "text", "expected"), cases_by_function(SPELLINGS))
def test_every_spelling_gives_the_canonical_form(
    normalize: Normalize, text: str, expected: str | None
) -> None:
    assert normalize(text) == expected


def test_checksum_carries_the_ninth_digit() -> None:
    # 9th digit 9 → 9*5=45 adds 4 (tens place); the check digit must account for it.
    assert business_number_checksum_ok("2208167899")
    assert not business_number_checksum_ok("2208167895")
