"""What the user says no to: clauses left out of the search, foreign users who will not come."""

from __future__ import annotations

import pytest

from bot.recommend.denials import (
    denied_trades,
    denies_abroad,
    denies_coming,
    in_excluded_trade,
    long_exporter,
    refused_topics,
)
from bot.recommend.profile import read_profile, without_denials


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


@pytest.mark.parametrize(
    ("text", "long"),
    [
        ("수출은 10년째 하고 있어요", True),
        ("수출한 지 3년 됐습니다", True),
        ("We have been exporting for 5 years", True),
        ("수출 2년차예요", False),
        ("수출 준비 중이에요", False),
        ("업력 10년째 국내 판매만 해요", False),
    ],
)
def test_a_long_exporter_is_not_an_early_one(text: str, long: bool) -> None:
    assert long_exporter(text) is long


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        ("수출은 생각 없고 국내 판매만 늘리고 싶어요", True),
        # Never exported, but wants to try abroad: no denial.
        ("수출은 한 번도 안 해봤는데 해외 매장에 시범 입점해 보고 싶어요", False),
        ("We've never exported. We'd like to test our products in a store overseas.", False),
        ("해외 쪽은 아직이고 국내 오픈마켓 입점을 원해요", True),
    ],
)
def test_never_exported_is_not_saying_no_to_abroad(text: str, denies: bool) -> None:
    assert denies_abroad(read_profile(text, now_year=2026)) is denies


@pytest.mark.parametrize(
    ("text", "excluded"),
    [
        ("강남에서 빌딩 임대업 법인 운영중입니다", True),
        ("We run a property rental business in Mapo", True),
        ("온라인 카지노 솔루션 만드는 회사예요", True),
        # Renting an office is a need, and a denied trade is not the user's.
        ("사무실 임대료 지원 받을 수 있나요?", False),
        ("임대업은 아니고 식품 제조업이에요", False),
    ],
)
def test_a_trade_a_program_excludes(text: str, excluded: bool) -> None:
    assert (
        in_excluded_trade(text, ("사행성 업종", "부동산 임대업", "중소기업 제한업종")) is excluded
    )


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("핀테크 회사예요. 저희 콘텐츠 회사 아니고 웹툰이랑도 상관없어요", ["웹툰", "콘텐츠"]),
        ("교육용 XR 콘텐츠 만들어요. 게임회사는 아니고요", ["게임"]),
        # said of the user once and denied once: still theirs
        ("게임 회사인데 웹툰은 안 해요. 게임 말고 다른 건 없어요", ["웹툰"]),
        ("We're a biotech startup, nothing to do with games", ["게임"]),
        ("게임 만드는 스타트업이에요", []),
    ],
)
def test_trades_the_user_says_are_not_theirs(text: str, denied: list[str]) -> None:
    assert sorted(denied_trades(text)) == denied


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        (
            "노무 상담 받을 수 있나요? 특허나 규제 이런건 전혀 상관없어요",
            ["규제", "상관없어요", "이런건", "전혀", "특허"],
        ),
        # a word the user also asks with is not refused
        ("특허 상담이 필요해요. 규제는 상관없고 특허만요", ["규제", "상관없고"]),
        ("특허 출원하고 싶어요", []),
    ],
)
def test_the_topics_of_a_denied_clause(text: str, topics: list[str]) -> None:
    assert sorted(refused_topics(text)) == topics
