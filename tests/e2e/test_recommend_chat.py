"""End to end over REST: "which programs fit us?" → only the questions that matter → cards.

Runs on the session's day stack (``tests/conftest.py``): the real Rasa model, the action
server and a database loaded from the catalogue.
"""

from __future__ import annotations

import pytest

from bot.runner import Stack, say
from tests.e2e.test_conversation import _tracker_slots

pytestmark = pytest.mark.e2e
SKIP = {"ko": "건너뛰기", "en": "Skip"}


@pytest.fixture()
def stack(day_stack: Stack) -> Stack:
    """The session's shared stack."""
    return day_stack


def _cards(replies: list[dict]) -> list[dict]:
    return [
        r["custom"]
        for r in replies
        if isinstance(r.get("custom"), dict) and r["custom"].get("type") == "recommendation"
    ]


def _until_cards(
    stack: Stack, sender: str, text: str, language: str = "ko", answers: list[str] | None = None
) -> tuple[list[dict], list[list[dict]]]:
    """Say ``text``, answer each question (with ``answers``, then skip) until cards come.

    Returns the cards and the questions' button lists, in order.
    """
    replies = say(stack, sender, text)
    questions: list[list[dict]] = []
    pending = list(answers or [])
    while not _cards(replies):
        buttons = [b for r in replies for b in r.get("buttons") or []]
        assert buttons and buttons[-1]["title"] == SKIP[language], replies
        assert len(questions) < 3, "more than three questions for one request"
        questions.append(buttons)
        replies = say(stack, sender, pending.pop(0) if pending else buttons[-1]["payload"])
    return _cards(replies), questions


def test_a_bare_request_asks_then_shows_at_most_five_cards(stack: Stack) -> None:
    replies = say(stack, "rec-1", "우리 회사에 맞는 지원사업 좀 추천해주세요")
    assert not _cards(replies)
    titles = [b["title"] for r in replies for b in r.get("buttons") or []]
    assert "건너뛰기" in titles
    cards, questions = _until_cards(stack, "rec-1", "예비창업자")
    assert 1 <= len(cards) <= 5
    assert all(c["reasons"] and c["name"] and c["status_label"] for c in cards)
    assert [c["position"] for c in cards] == list(range(1, len(cards) + 1))
    slots = _tracker_slots(stack, "rec-1")
    assert "예비창업자" in slots["company_profile"]["kinds"]


def test_the_animation_studio_gets_anitown_first_and_a_correction_reranks(stack: Stack) -> None:
    studio = "애니메이션 만드는 3인 스튜디오인데 작업 공간이 필요해요"
    cards, _ = _until_cards(stack, "rec-2", studio)
    assert cards[0]["id"] == "animation-town"
    reasons = " ".join(cards[0]["reasons"])
    assert "애니메이션" in reasons and "작업 공간" in reasons
    replies = say(stack, "rec-2", "사실 업력 4년이에요")
    again = _cards(replies)
    assert again, replies
    assert replies[0]["text"].startswith("바뀐 내용으로 다시 골랐습니다")
    assert "업력 4년" in replies[0]["text"]
    assert _tracker_slots(stack, "rec-2")["company_profile"]["years"] == 4.0


def test_an_english_foreign_company_gets_investseoul_in_english(stack: Stack) -> None:
    company = "We are a German robotics company setting up an office in Seoul."
    cards, _ = _until_cards(stack, "rec-3", f"{company} Which SBA programs fit us?", language="en")
    assert cards[0]["id"] in ("fdi-support", "invest-seoul")
    assert cards[0]["status_label"] in ("Fits as stated", "Check conditions")


def test_a_korean_food_manufacturer_never_gets_investseoul(stack: Stack) -> None:
    company = "저희는 업력 2년차 식품제조 소기업이고 서울 성동구에 있어요."
    cards, _ = _until_cards(stack, "rec-4", f"{company} 맞는 지원사업 추천해 주세요")
    assert cards
    assert not any(c["id"].startswith(("invest-seoul", "fdi")) for c in cards)


def test_a_program_question_mid_way_is_answered(stack: Stack) -> None:
    replies = say(stack, "rec-5", "지원사업 추천 좀 해주세요")
    assert not _cards(replies)
    answer = say(stack, "rec-5", "청년취업사관학교 담당 부서가 어디예요?")
    assert "청년취업사관학교" in "\n".join(r.get("text", "") for r in answer)
