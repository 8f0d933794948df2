"""What the user says no to: clauses left out of the search, foreign users who will not come."""

from __future__ import annotations

import pytest

from bot.recommend.denials import denies_coming, without_denials
from bot.recommend.profile import read_profile


@pytest.mark.parametrize(
    ("text", "searched"),
    [
        (
            "노무사 상담 받을 수 있나요? 부가세 신고도 물어보고싶고 규제 이런건 상관없음",
            "노무사 상담 받을 수 있나요? 부가세 신고도 물어보고싶고 ",
        ),
        (
            "실증해볼 수 있는 사업 있나요? 규제 문제는 딱히 없고요, 직원 20명 법인 5년차",
            "실증해볼 수 있는 사업 있나요? 직원 20명 법인 5년차",
        ),
        (
            "해외는 아직 생각 없고 국내 온라인 판매를 늘리고 싶어요",
            "국내 온라인 판매를 늘리고 싶어요",
        ),
        # A lack that is the need stays: the user has no office and looks for one.
        ("사무실이 없어서 구하고 있어요", "사무실이 없어서 구하고 있어요"),
        ("We are not interested in exporting. We need a showroom.", " We need a showroom."),
        # Everything denied: the text is searched as it is rather than nothing.
        ("수출은 생각 없어요", "수출은 생각 없어요"),
    ],
)
def test_denied_clauses_are_not_searched_for(text: str, searched: str) -> None:
    assert without_denials(text) == searched


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        (
            "We're a Japanese drama studio licensing Korean webtoon IPs. We have no plans to "
            "open a Korean office or invest in a Korean company.",
            True,
        ),
        # No office, but investing is the point: an investor still.
        (
            "We're a Singapore VC. We don't plan to open an office, but we'd like to find "
            "promising Seoul startups to invest in.",
            False,
        ),
        ("We're a German robotics company planning to set up a subsidiary in Seoul", False),
        ("일본 기업인데 한국 법인 설립 계획은 없어요", True),
    ],
)
def test_a_foreign_user_who_will_neither_invest_nor_set_up(text: str, denies: bool) -> None:
    assert denies_coming(read_profile(text, now_year=2026)) is denies
