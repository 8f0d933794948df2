"""The recommendation conversation's pure parts: reading answers, keeping the profile in a
slot, and asking only questions whose answer would change the list."""

from __future__ import annotations

import pytest

from bot.db import session_scope
from bot.recommend.dialogue import (
    BY_KEY,
    MAX_QUESTIONS,
    Ranker,
    Reading,
    absorb,
    from_state,
    next_question,
    question_buttons,
    to_state,
)
from bot.recommend.profile import Profile, read_profile

YEAR = 2026


def _answer(
    start: str | None, text: str, *, question: str | None = None, language: str = "ko"
) -> Reading:
    """Read ``text`` as the answer to ``question`` after ``start``, the user's first message.

    Every test reads in the same year, so the expectations about business age stay fixed.
    """
    profile = read_profile(start, now_year=YEAR) if start is not None else None
    return absorb(profile, text, year=YEAR, language=language, question=question)


def test_a_button_title_sets_exactly_its_values() -> None:
    start = "식품 만드는 회사예요"
    reading = _answer(start, "3~7년", question="years")
    assert reading.understood and reading.changed == ("years",)
    assert reading.profile.years == 5.0
    assert reading.profile.industries == read_profile(start, now_year=YEAR).industries


def test_english_button_titles_are_read_too() -> None:
    reading = _answer(None, "Office space", question="needs", language="en")
    assert reading.profile.needs == frozenset({"공간"})
    assert reading.profile.language == "en"


@pytest.mark.parametrize("text", ["건너뛰기", "잘 모르겠어요", "skip", "패스", "Not sure"])
def test_skip_words_skip_without_changing_anything(text: str) -> None:
    reading = _answer("성수동 반찬 가게", text, question="years")
    assert reading.understood and reading.skipped
    assert reading.profile.years is None and reading.changed == ()


def test_a_bare_number_answers_the_years_question() -> None:
    reading = _answer("스타트업이에요", "4년이요", question="years")
    assert reading.profile.years == 4.0 and reading.changed == ("years",)


def test_a_correction_changes_the_years_whatever_was_asked() -> None:
    start = "업력 2년차 식품제조 소기업이고 성동구에 있어요"
    assert read_profile(start, now_year=YEAR).years == 2.0
    reading = _answer(start, "사실 업력 4년이에요")
    assert reading.profile.years == 4.0
    assert reading.profile.district == "성동" and "식품" in reading.profile.industries
    assert reading.changed == ("years",)


def test_words_that_say_nothing_about_the_company_are_not_understood() -> None:
    reading = _answer("스타트업", "ㅋㅋㅋ", question="needs")
    assert not reading.understood


def test_the_profile_survives_the_slot_round_trip() -> None:
    profile = read_profile(
        "성수동에서 창업 2년차 식품 제조 스타트업인데 판로가 필요해요", now_year=YEAR
    )
    back = from_state(to_state(profile))
    assert back == profile


@pytest.mark.parametrize("junk", [None, "profile", 3, {"years": "many", "kinds": 5}])
def test_a_broken_slot_value_is_no_profile_or_a_safe_one(junk: object) -> None:
    back = from_state(junk)
    assert back is None or (back.years is None and isinstance(back, Profile))


def test_every_question_has_a_skip_button_in_both_languages() -> None:
    for question in BY_KEY.values():
        ko = question_buttons(question, "ko")
        en = question_buttons(question, "en")
        assert ko[-1] == {"title": "건너뛰기", "payload": "건너뛰기"}
        assert en[-1] == {"title": "Skip", "payload": "Skip"}
        assert len(ko) == len(question.options) + 1 <= 10


@pytest.mark.usefixtures("loaded_db")
def test_an_empty_request_is_asked_who_the_user_is_first() -> None:
    profile = read_profile("지원사업 추천해 주세요", now_year=YEAR)
    with session_scope() as session:
        ranker = Ranker.load(session=session, profile=profile)
        question = next_question(profile, ranker, asked=set(), asked_now=0)
    assert question is not None and question.key == "kind"


@pytest.mark.usefixtures("loaded_db")
def test_known_and_asked_questions_are_not_asked_again() -> None:
    profile = read_profile("지원사업 추천해 주세요", now_year=YEAR)
    with session_scope() as session:
        ranker = Ranker.load(session=session, profile=profile)
        question = next_question(profile, ranker, asked={"kind"}, asked_now=1)
        assert question is not None and question.key != "kind"
        assert next_question(profile, ranker, asked=set(), asked_now=MAX_QUESTIONS) is None


@pytest.mark.usefixtures("loaded_db")
def test_a_foreign_investor_is_not_asked_about_business_age() -> None:
    """For a foreign company the years change nothing in the list, so they are not asked."""
    profile = read_profile(
        "We are a German robotics company setting up an office in Seoul", now_year=YEAR
    )
    with session_scope() as session:
        ranker = Ranker.load(session=session, profile=profile)
        asked: set[str] = set()
        keys = []
        while (
            question := next_question(profile, ranker, asked=asked, asked_now=len(keys))
        ) is not None:
            keys.append(question.key)
            asked.add(question.key)
    assert "years" not in keys and "kind" not in keys
