"""The word files load as the reader needs them, and a broken one fails with its entry's name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.recommend.place_words import DISTRICTS, LOCATED_OUTSIDE
from bot.recommend.profile_words import GIVES, INDUSTRY_WORDS, KINDS, SOMEONE_ELSES
from bot.recommend.vocabulary import VocabularyError, load_vocabulary


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "words.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_alternatives_are_joined_and_references_replaced(tmp_path: Path) -> None:
    words = load_vocabulary(
        _write(
            tmp_path,
            "SHOP:\n  any: ['가게', 'shop']\n"
            "NEAR:\n  flags: [IGNORECASE]\n  any: ['${SHOP}\\s?근처', 'near (a )?${OTHER}']\n"
            "TRADES:\n  entries: {'식품': ['반찬', 'food']}\n"
            "PLACES:\n  entries: {'성수': '성동'}\n"
            "KINDS:\n  flags: [IGNORECASE]\n"
            "  labels: {'가게': ['가게', 'store'], '기업': ['회사']}\n",
        ),
        refs={"OTHER": "cafe"},
    )
    assert words.pattern("SHOP").pattern == "가게|shop"
    assert words.pattern("SHOP").flags & re.IGNORECASE == 0
    assert words.pattern("NEAR").pattern == "가게|shop\\s?근처|near (a )?cafe"
    assert words.pattern("NEAR").search("NEAR A CAFE") is not None
    assert words.words("TRADES") == {"식품": ("반찬", "food")}
    assert words.mapping("PLACES") == {"성수": "성동"}
    assert [(label, pattern.pattern) for label, pattern in words.table("KINDS")] == [
        ("가게", "가게|store"),
        ("기업", "회사"),
    ]
    assert words.table("KINDS")[0][1].search("STORE") is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("BAD:\n  any: ['(unclosed']\n", "words.yml: BAD: missing ), unterminated subpattern"),
        (
            "LATER:\n  any: ['${EARLIER}']\n",
            "words.yml: LATER: ${EARLIER} is not defined before it",
        ),
        ("ODD:\n  flags: [VERBOSE]\n  any: ['x']\n", "words.yml: ODD: unknown flag 'VERBOSE'"),
        ("TYPO:\n  anys: ['x']\n", "words.yml: TYPO: expected keys among"),
        ("EMPTY:\n  why: 'no words'\n", "words.yml: EMPTY: needs one of any, labels, entries"),
        ("LOOSE:\n  any: '가게|shop'\n", "words.yml: LOOSE: alternatives must be a list of texts"),
        ("- just a list\n", "words.yml: expected a mapping of entries"),
    ],
)
def test_a_broken_file_names_the_entry(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(VocabularyError) as raised:
        load_vocabulary(_write(tmp_path, text))
    assert str(raised.value).startswith(message)


def test_asking_for_an_entry_of_another_kind_is_an_error(tmp_path: Path) -> None:
    words = load_vocabulary(_write(tmp_path, "SHOP:\n  any: ['가게']\n"))
    with pytest.raises(VocabularyError, match="no entry SHOP of that kind"):
        words.table("SHOP")


def test_the_shipped_files_keep_their_order_and_references() -> None:
    assert [label for label, _ in KINDS][:3] == ["예비창업자", "창업기업", "중소기업"]
    assert GIVES[0][0] == "자금"
    assert INDUSTRY_WORDS["인쇄"] == ("인쇄", "printing")
    assert DISTRICTS["구로디지털"] == "구로"
    assert list(DISTRICTS)[:2] == ["종로", "중구"]
    # ${OUTSIDE} and ${COMMISSIONED} stand for the whole earlier pattern
    assert LOCATED_OUTSIDE.search("판교에 있는 회사") is not None
    assert SOMEONE_ELSES.search("가게 홍보 영상 찍어줄 곳") is not None
