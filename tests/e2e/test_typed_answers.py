"""Over REST, with the real model: people who type instead of clicking get booked.

The stack's clock is pinned (``BIZCALL_NOW``) to Monday 7 December 2026, 23:00 in Seoul:
no agent works then, and the booking times below are real free times of the roster.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.booking import queries
from bot.runner import Stack, say
from tests.support.booking import call

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack(night_stack: Stack) -> Stack:
    return night_stack


def _texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def _titles(replies: list[dict]) -> list[str]:
    return [b["title"] for r in replies for b in r.get("buttons", [])]


def _no_handoff(replies: list[dict]) -> None:
    text = _texts(replies)
    assert "상담원" not in text and "agent" not in text.lower(), text


def _answer_and_confirm(
    stack: Stack, sender: str, steps: list[tuple[str, str]], confirm: str
) -> tuple[str, str, str]:
    """Type each answer (the reply must contain its expected words), confirm, find the booking.

    Returns what was booked, as the tests state it: field, channel and start time.
    """
    for text, expected in steps:
        replies = say(stack, sender, text)
        _no_handoff(replies)
        assert expected.lower() in _texts(replies).lower(), (text, _texts(replies))
    done = _texts(say(stack, sender, confirm))
    code = re.search(r"BZ-[0-9A-Z]{4}", done)
    assert code, done
    booking = call(queries.booking_by_code, code=code.group(0), url=stack.settings.database_url)
    assert booking is not None
    return booking.field, booking.channel, booking.start.isoformat()


def _open_in_korean(stack: Stack, sender: str) -> None:
    """Ask for an expert, type the tax button's title, then "전화": the time is asked next."""
    asked = say(stack, sender, "전문가 상담 받고 싶어요")
    assert "세무" in _titles(asked)
    offer = say(stack, sender, "세무")  # the button's title, typed
    assert "세무 분야 전문가 상담" in _texts(offer), _texts(offer)
    when = say(stack, sender, "전화")  # yes, by phone: the field and channel are not asked again
    assert "언제 상담을" in _texts(when), _texts(when)


KOREAN_ANSWERS = [
    ("내일 오후 3시", "회사(상호) 이름"),
    ("테스트상회", "사업자등록번호"),
    ("없음", "성함"),
    ("홍길순", "휴대전화 번호"),
    ("010 1234 5678", "이메일"),
    ("없어요", "한두 문장"),
    ("세무 신고 기한 문의", "예약 내용을 확인해 주세요"),
]
"""The rest of the Korean booking: each answer typed and words of the question that follows."""


def _open_in_english(stack: Stack, sender: str) -> None:
    """Ask for a consultation, type "Tax", a time and "by phone": free times are shown next."""
    assert "Tax" in _titles(say(stack, sender, "Book a consultation please"))
    offer = say(stack, sender, "Tax")
    assert "Tax" in _texts(offer) and "Yes, book it" in _titles(offer), _texts(offer)
    channel = say(stack, sender, "next Tuesday morning")  # yes, with a time: kept for later
    assert "How would you like" in _texts(channel), _texts(channel)
    times = say(stack, sender, "by phone")
    assert "next Tuesday morning" in _texts(times), _texts(times)
    assert _titles(times)[0] == "Tue, Dec 15, 9:00 AM"


ENGLISH_ANSWERS = [
    ("the first one", "company"),
    ("Test Trading", "business registration"),
    ("not registered yet", "name"),
    ("Jane Kim", "mobile"),
    ("010-2222-3333", "email"),
    ("no email", "what would you like to discuss"),
    ("Tax filing deadlines for a new branch", "please check your booking"),
]
"""The rest of the English booking, as ``KOREAN_ANSWERS``."""


@pytest.mark.parametrize(
    ("sender", "open_booking", "answers", "confirm", "start"),
    [
        (
            "typed-ko",
            _open_in_korean,
            KOREAN_ANSWERS,
            "네 확정해 주세요",
            "2026-12-08T15:00:00+09:00",
        ),
        ("typed-en", _open_in_english, ENGLISH_ANSWERS, "confirm", "2026-12-15T09:00:00+09:00"),
    ],
    ids=["korean", "english"],
)
def test_typed_answers_book_a_consultation(
    stack: Stack,
    sender: str,
    open_booking: Callable[[Stack, str], None],
    answers: list[tuple[str, str]],
    confirm: str,
    start: str,
) -> None:
    """Korean and English alike: tax by phone, every answer typed, at a real free time."""
    open_booking(stack, sender)
    booked = _answer_and_confirm(stack, sender, answers, confirm)
    assert booked == ("tax", "phone", start)


def test_a_handoff_at_night_says_so_and_offers_a_booking(stack: Stack) -> None:
    replies = say(stack, "typed-night", "상담원 연결해 주세요")
    text = _texts(replies)
    assert "근무 시간" in text and "12월 8일(화) 오전 9:00" in text, text
    assert _titles(replies) == ["상담 예약하기", "답변 요청 남기기"]
    booking = say(stack, "typed-night", "상담 예약이요")
    assert "어떤 분야" in _texts(booking), _texts(booking)


def test_follow_ups_are_answered_from_the_catalogue(stack: Stack) -> None:
    say(stack, "typed-invest", "What is InvestSeoul?")
    answer = say(stack, "typed-invest", "How long does incorporation take?")
    assert "incorporation" in _texts(answer)
    assert "Sorry" not in _texts(answer), _texts(answer)
    say(stack, "typed-program", "서울창업허브 알려주세요")
    where = _texts(say(stack, "typed-program", "Where is it?"))
    assert "Seoul Startup Hub" in where and "Sorry" not in where, where
