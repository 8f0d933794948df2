"""A follow-up names nothing of its own, in Korean and in English."""

from __future__ import annotations

import pytest

from bot.nlp.followup import is_follow_up


@pytest.mark.parametrize(
    "text",
    [
        "거기 어디에 있어요?",
        "언제 모집해요?",
        "담당 부서는요?",
        "작년에 몇 곳 뽑았어요",
        "그거 저도 되나요?",
        "Where is it?",
        "When can we apply?",
        "Who do I contact?",
        "How much funding?",
        "is it free?",
    ],
)
def test_questions_that_name_nothing_are_follow_ups(text: str) -> None:
    assert is_follow_up(text)


@pytest.mark.parametrize(
    "text",
    [
        "우주선 발사 사업 알려줘",
        "게임센터는 언제 모집해요?",
        "What about the game center?",
        "Tell me about the rocket launch program",
    ],
)
def test_questions_that_name_a_subject_are_not(text: str) -> None:
    assert not is_follow_up(text)
