"""Answers in Korean and English for every aspect; English never shows Korean text silently."""

from __future__ import annotations

import re

import pytest

from bot.catalog.answers import (
    Aspect,
    program_card,
    render,
    render_guess,
    render_unknown,
    suggested_names,
    won,
)
from bot.catalog.answers_en import won_en
from bot.catalog.queries import get_program, list_programs, program_places
from bot.db import session_scope

pytestmark = pytest.mark.usefixtures("loaded_db")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@pytest.mark.parametrize(
    ("thousand_krw", "korean", "english"),
    [
        (20_255_495, "약 202억 5,550만원", "about KRW 20.26 billion"),
        (5_339_262, "약 53억 3,926만원", "about KRW 5.34 billion"),
        (3_600_000, "약 36억원", "about KRW 3.6 billion"),
        (354_000, "약 3억 5,400만원", "about KRW 354 million"),
        (422_435, "약 4억 2,244만원", "about KRW 422.4 million"),
        (30_000, "약 3,000만원", "about KRW 30 million"),
    ],
)
def test_amounts_in_both_languages(thousand_krw: int, korean: str, english: str) -> None:
    assert won(thousand_krw) == korean
    assert won_en(thousand_krw) == english


EXPECTED_EN = {
    Aspect.OVERVIEW: [
        "[Seoul Software Academy (SeSAC)]",
        "Who it is for: Mainly job seekers",
        "Responsible team at SBA: Education Team 1 (Education Division).",
        "Ask me who can apply",
    ],
    Aspect.TARGET: [
        "Who Seoul Software Academy (SeSAC) is for:\nMainly job seekers in their " "20s and 30s"
    ],
    Aspect.APPLY: [
        "How to apply for Seoul Software Academy (SeSAC):",
        "Who: Mainly",
        "When (These were SBA's plans in 2022; every date below has passed): "
        "Construction of the new campuses",
        "please check the call for applications",
    ],
    Aspect.SCHEDULE: [
        "Schedule of Seoul Software Academy (SeSAC)",
        "October 2022–June 2023",
        "For the current call and dates, please check with Education Team 1 "
        "(Education Division).",
    ],
    Aspect.LOCATION: [
        "- SeSAC Yeongdeungpo Campus: 30 Seonyu-ro 9-gil, Yeongdeungpo-gu",
        "- SeSAC Yongsan Campus: address not available",
        "Please check opening hours",
    ],
    Aspect.CONTACT: ["Responsible team at SBA: Education Team 1 (Education Division)."],
    Aspect.BUDGET: [
        "The 2022 budget of Seoul Software Academy (SeSAC) is about KRW 20.26 " "billion.",
        "- Seoul Software Academy (SeSAC) development and operation: "
        "about KRW 20.26 billion (commissioned by the Seoul Metropolitan Government)",
    ],
    Aspect.RESULTS: ["Results of Seoul Software Academy (SeSAC)", "314 found jobs (70.1%"],
}


@pytest.mark.parametrize("aspect", list(Aspect))
def test_each_aspect_in_english(aspect: Aspect) -> None:
    with session_scope() as session:
        program = get_program(program_id="youth-job-academy", session=session)
        answer = render(program, aspect, program_places(program, session=session), "en")
    for part in EXPECTED_EN[aspect]:
        assert part in answer, (part, answer)
    assert not HANGUL.search(answer), answer


@pytest.mark.parametrize("aspect", list(Aspect))
def test_korean_is_the_default_and_unknown_languages_fall_back_to_it(aspect: Aspect) -> None:
    with session_scope() as session:
        program = get_program(program_id="youth-job-academy", session=session)
        places = program_places(program, session=session)
        korean = render(program, aspect, places)
        assert render(program, aspect, places, "ko") == korean
        assert render(program, aspect, places, "fr") == korean
    assert "청년취업사관학교" in korean or "교육1팀" in korean


def test_no_english_answer_of_any_program_contains_korean() -> None:
    with session_scope() as session:
        for program in list_programs(session=session):
            places = program_places(program, session=session)
            for aspect in Aspect:
                answer = render(program, aspect, places, "en")
                assert not HANGUL.search(answer), (program.id, aspect, answer)
            assert not HANGUL.search(str(program_card(program, places, "en"))), program.id


def test_missing_english_is_said_with_the_korean_name() -> None:
    with session_scope() as session:
        program = get_program(program_id="seoul-cup", session=session)
        program.name_en = None
        program.target_en = None
        program.team.name_en = None
        answer = render(program, Aspect.TARGET, language="en")
        session.rollback()
    assert "this program (서울컵; no English name yet)" in answer
    assert "(The target group is not available in English yet; Korean name: 서울컵.)" in answer
    assert "a team without an English name yet (게임산업팀)" in answer
    assert "고등학생" not in answer  # the Korean target itself is not passed off as English


def test_budget_without_lines_points_to_the_parent_in_english() -> None:
    with session_scope() as session:
        program = get_program(program_id="fdi-support", session=session)
        answer = render(program, Aspect.BUDGET, language="en")
    assert answer.startswith("End-to-End FDI Support has no separate line in the 2022 budget")
    assert "parent program, Invest Seoul (about KRW 5.34 billion in total)." in answer


def test_unknown_and_guess_in_english() -> None:
    with session_scope() as session:
        names = suggested_names("en", session=session)
        program = get_program(program_id="youth-job-academy", session=session)
        guess = render_guess(program, "…", "en")
    assert names[:2] == ["Seoul Software Academy (SeSAC)", "Seoul R&D Support Program"]
    unknown = render_unknown(names, language="en")
    assert unknown.startswith("I couldn't find the program you mean in SBA's catalogue.")
    assert "pick one below" in unknown
    assert guess.startswith("The closest match to what you describe seems to be Seoul Software")
    korean = render_unknown(["청년취업사관학교"])
    assert korean.startswith("말씀하신 사업을 카탈로그에서 찾지 못했습니다.")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ko",
            {
                "type": "program",
                "id": "fdi-support",
                "name": "외국인직접투자 전과정 맞춤지원",
                "target": "서울 내 법인 설립이나 증자를 추진하는 외국인 투자자 및 외국인투자기업",
                "schedule": "FDI 비즈매칭 2차 2022년 10월 말 개최.",
                "contact": "서울산업진흥원 인베스트서울센터 글로벌기업지원팀; 인베스트서울, "
                "서울시 종로구 종로 38 서울글로벌센터빌딩 6층 (서린동)",
                "inherited_from": None,
                "basis": "2022년 11월 서울산업진흥원 업무보고 기준",
                "as_of": "2022-11-01",
            },
        ),
        (
            "en",
            {
                "type": "program",
                "id": "fdi-support",
                "name": "End-to-End FDI Support",
                "target": "Foreign investors and foreign-invested companies setting up a legal "
                "entity in Seoul or increasing its capital",
                "schedule": "FDI Biz Matching round 2 at the end of October 2022.",
                "contact": "Global Company Support Team (Invest Seoul Center), SBA; Invest Seoul, "
                "6F Seoul Global Center Building, 38 Jong-ro, Jongno-gu, Seoul "
                "(Seorin-dong)",
                "inherited_from": None,
                "basis": "as of SBA's work report of November 2022",
                "as_of": "2022-11-01",
            },
        ),
    ],
)
def test_program_card(language: str, expected: dict) -> None:
    with session_scope() as session:
        program = get_program(program_id="fdi-support", session=session)
        assert program_card(program, program_places(program, session=session), language) == expected
