"""``action_answer_program`` answers from the database, in the user's language, with a program card,
and never leaves the user without a reply."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import OperationalError

from actions import programs as programs_module
from actions.programs import ActionAnswerProgram
from bot.catalog.queries import get_program
from bot.db import session_scope

pytestmark = pytest.mark.usefixtures("loaded_db")
ACTION = ActionAnswerProgram()
HANGUL = re.compile(r"[\uac00-\ud7a3]")
Ask = Callable[..., Awaitable[list[dict[str, Any]]]]


def _entity(value: str, text: str) -> dict[str, Any]:
    start = text.find(value) if value in text else 0
    return {"entity": "program", "value": value, "start": start, "end": start + len(value)}


async def _run(tracker: Tracker, dispatcher: CollectingDispatcher, domain: dict) -> list:
    return await ACTION.run(dispatcher, tracker, domain)


@pytest.fixture()
def ask(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> Ask:
    """Run the action on one user message; its replies land in ``dispatcher``.

    ``entity`` is a program id the NLU found in the text; ``slots`` are the conversation's.
    """

    async def ask(
        text: str, intent: str, entity: str | None = None, **slots: Any
    ) -> list[dict[str, Any]]:
        entities = [_entity(entity, text)] if entity else []
        return await _run(make_tracker(text, intent, entities, slots), dispatcher, domain)

    return ask


def _program(program_id: str):
    with session_scope() as session:
        return get_program(program_id=program_id, session=session)


@pytest.mark.parametrize(
    ("text", "intent", "entity", "program_id", "expect_attr"),
    [
        (
            "청년취업사관학교 신청 자격이 뭐예요?",
            "ask_program_target",
            "youth-job-academy",
            "youth-job-academy",
            "target",
        ),
        ("서울형 R&D 지원 대상이 어떻게 되나요", "ask_program_target", None, "seoul-rnd", "target"),
        ("인베스트서울 소개해 주세요", "ask_program", "invest-seoul", "invest-seoul", "purpose"),
        (
            "하이서울기업 담당 부서가 어디예요?",
            "ask_program_contact",
            "hi-seoul",
            "hi-seoul",
            "team",
        ),
    ],
)
async def test_answers_the_asked_aspect_from_the_database(
    ask: Ask,
    dispatcher: CollectingDispatcher,
    text: str,
    intent: str,
    entity: str | None,
    program_id: str,
    expect_attr: str,
) -> None:
    events = await ask(text, intent, entity)
    assert events == [SlotSet("program", program_id)]
    program = _program(program_id)
    expected = program.team.name if expect_attr == "team" else getattr(program, expect_attr)
    assert expected, f"catalogue lacks {expect_attr} for {program_id}"
    [message] = dispatcher.messages
    assert expected[:40] in message["text"]


async def test_follow_up_question_uses_the_program_in_the_slot(
    ask: Ask, dispatcher: CollectingDispatcher
) -> None:
    events = await ask("담당 부서는요?", "ask_program_contact", program="youth-job-academy")
    assert events == [SlotSet("program", "youth-job-academy")]
    assert _program("youth-job-academy").team.name in dispatcher.messages[0]["text"]


async def test_new_unknown_subject_is_not_answered_with_the_previous_program(
    ask: Ask, dispatcher: CollectingDispatcher
) -> None:
    events = await ask("우주선 발사 사업 알려줘", "ask_program", program="youth-job-academy")
    assert events == [SlotSet("program", None)]
    [message] = dispatcher.messages
    assert "찾지 못했습니다" in message["text"]
    assert "청년취업사관학교" in message["text"]  # suggestions come from the catalogue
    assert message["buttons"], "the user gets programs to pick from"


@pytest.mark.parametrize(
    "text",
    ["", "ㅋㅋㅋ", "😀😀", "'; DROP TABLE programs;--", "<script>alert(1)</script>", "가" * 10_000],
)
async def test_odd_input_gets_the_unknown_reply_not_an_error(
    ask: Ask, dispatcher: CollectingDispatcher, text: str
) -> None:
    events = await ask(text, "ask_program")
    assert events == [SlotSet("program", None)]
    assert "찾지 못했습니다" in dispatcher.messages[0]["text"]
    with session_scope() as session:  # the SQL-looking text did nothing to the data
        assert get_program(program_id="youth-job-academy", session=session) is not None


async def test_database_failure_gives_a_polite_reply(
    ask: Ask, dispatcher: CollectingDispatcher, domain: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(programs_module, "session_scope", broken)
    events = await ask("청년취업사관학교 알려줘", "ask_program")
    assert events == []
    assert dispatcher.messages[0]["response"] == "utter_service_unavailable"
    assert "utter_service_unavailable" in domain["responses"]


@pytest.mark.parametrize(
    ("intent", "program_id", "expected"),
    [
        ("ask_program_schedule", "youth-job-academy", "schedule"),
        ("ask_program_results", "startup-investment", "results"),
        ("ask_program_budget", "youth-job-academy", "약 202억 5,550만원"),
        ("ask_program_location", "startup-hub-gongdeok-ops", "백범로"),
        ("ask_program_apply", "youth-job-academy", "모집 공고"),
    ],
)
async def test_every_aspect_is_answered_from_the_row(
    ask: Ask,
    dispatcher: CollectingDispatcher,
    intent: str,
    program_id: str,
    expected: str,
) -> None:
    program = _program(program_id)
    text = f"{program.name} 알려주세요"
    await ask(text, intent, program_id)
    answer = dispatcher.messages[0]["text"]
    wanted = getattr(program, expected)[:30] if hasattr(program, expected) else expected
    assert wanted in answer


async def test_description_without_a_name_is_answered_as_a_guess(
    ask: Ask, dispatcher: CollectingDispatcher
) -> None:
    events = await ask("청년들 코딩 공짜로 가르쳐주는 데 어디예요", "ask_program")
    assert events == [SlotSet("program", "youth-job-academy")]
    assert "가장 가까워 보입니다" in dispatcher.messages[0]["text"]


SEOUL_CUP_CARD = {
    "ko": {
        "type": "program",
        "id": "seoul-cup",
        "name": "서울컵",
        "target": "고등학생",
        "schedule": "2022 서울컵 및 리터러시 2022년 10월 28일~30일.",
        "contact": "서울산업진흥원 뷰티산업본부 게임산업팀; 서울e스타디움, "
        "서울시 마포구 상암동 에스플렉스센터 시너지룸 12층, 14~17층",
        "inherited_from": None,
        "basis": "2022년 11월 서울산업진흥원 업무보고 기준",
        "as_of": "2022-11-01",
    },
    "en": {
        "type": "program",
        "id": "seoul-cup",
        "name": "Seoul Cup",
        "target": "High school students",
        "schedule": "2022 Seoul Cup and literacy program 28–30 October 2022.",
        "contact": "Game Industry Team (Beauty Industry Division), SBA; Seoul e-Stadium, "
        "Floors 12 and 14–17, S-PLEX Center Synergy Room, Sangam-dong, Mapo-gu, Seoul",
        "inherited_from": None,
        "basis": "as of SBA's work report of November 2022",
        "as_of": "2022-11-01",
    },
}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("ko", "서울컵 대상이 누구예요?", "서울컵의 신청 대상은 다음과 같습니다.\n고등학생"),
        (
            "en",
            "Who can take part in the Seoul Cup?",
            "Who Seoul Cup is for:\nHigh school students",
        ),
    ],
)
async def test_answer_and_card_are_in_the_conversation_language(
    ask: Ask, dispatcher: CollectingDispatcher, language: str, text: str, expected: str
) -> None:
    events = await ask(text, "ask_program_target", "seoul-cup", language=language)
    assert events == [SlotSet("program", "seoul-cup")]
    [message] = dispatcher.messages
    assert message["text"].startswith(expected)
    assert message["custom"] == SEOUL_CUP_CARD[language]


async def test_english_answer_shows_no_korean_text(
    ask: Ask, dispatcher: CollectingDispatcher
) -> None:
    text = "What is the Seoul Software Academy about?"
    await ask(text, "ask_program", "youth-job-academy", language="en")
    [message] = dispatcher.messages
    assert message["text"].startswith("[Seoul Software Academy (SeSAC)]")
    assert "Education Team 1 (Education Division)" in message["text"]
    assert not HANGUL.search(message["text"]), message["text"]
    assert not HANGUL.search(str(message["custom"]))


async def test_english_description_is_answered_as_a_guess_in_english(
    ask: Ask, dispatcher: CollectingDispatcher
) -> None:
    events = await ask("coding bootcamp for young people", "ask_program", language="en")
    assert events == [SlotSet("program", "youth-job-academy")]
    text = dispatcher.messages[0]["text"]
    assert text.startswith(
        "The closest match to what you describe seems to be Seoul Software " "Academy (SeSAC)."
    )


async def test_unknown_program_in_english_offers_english_names_and_questions(
    ask: Ask, dispatcher: CollectingDispatcher
) -> None:
    events = await ask(
        "tell me about the rocket launch program",
        "ask_program",
        language="en",
        program="youth-job-academy",
    )
    assert events == [SlotSet("program", None)]
    [message] = dispatcher.messages
    assert message["text"].startswith("I couldn't find the program you mean")
    assert "Seoul Software Academy (SeSAC)" in message["text"]
    # Clicking (or typing the name, "the first one") asks about that program by id.
    assert message["buttons"][0] == {
        "title": "Seoul Software Academy (SeSAC)",
        "payload": '/ask_program{"program": "youth-job-academy"}',
    }
    assert not HANGUL.search(message["text"])


async def test_a_follow_up_handed_on_by_the_fallback_answers_the_aspect_its_words_ask(
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    """The fallback passes an unsure "Where is it?" here: the ranking's best guess and the
    words choose the aspect, the slot the program."""
    latest = {
        "text": "Where is it?",
        "intent": {"name": "nlu_fallback", "confidence": 0.3},
        "entities": [],
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.35},
            {"name": "ask_program_location", "confidence": 0.3},
        ],
    }
    tracker = Tracker(
        sender_id="u",
        slots={"program": "startup-hub-seongsu-ops", "language": "en"},
        latest_message=latest,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_handle_fallback",
    )
    events = await _run(tracker, dispatcher, domain)
    assert events == [SlotSet("program", "startup-hub-seongsu-ops")]
    [message] = dispatcher.messages
    assert "runs at:" in message["text"]  # the location answer, with the hub's address
    assert "Seongsu" in message["text"]
