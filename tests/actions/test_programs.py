"""``action_answer_program`` answers from the database and never leaves the user without a reply."""

from __future__ import annotations

from collections.abc import Callable
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

ACTION = ActionAnswerProgram()


def _entity(value: str, text: str) -> dict[str, Any]:
    start = text.find(value) if value in text else 0
    return {"entity": "program", "value": value, "start": start, "end": start + len(value)}


async def _run(tracker: Tracker, dispatcher: CollectingDispatcher, domain: dict) -> list:
    return await ACTION.run(dispatcher, tracker, domain)


def _program(program_id: str):
    with session_scope() as session:
        return get_program(session, program_id=program_id)


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize(
    ("text", "intent", "entity", "program_id", "expect_attr"),
    [
        ("청년취업사관학교 신청 자격이 뭐예요?", "ask_program_target", "youth-job-academy",
         "youth-job-academy", "target"),
        ("서울형 R&D 지원 대상이 어떻게 되나요", "ask_program_target", None, "seoul-rnd", "target"),
        ("인베스트서울 소개해 주세요", "ask_program", "invest-seoul", "invest-seoul", "purpose"),
        ("하이서울기업 담당 부서가 어디예요?", "ask_program_contact", "hi-seoul", "hi-seoul",
         "team"),
    ],
)
async def test_answers_the_asked_aspect_from_the_database(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict,
    text: str, intent: str, entity: str | None, program_id: str, expect_attr: str,
) -> None:
    entities = [_entity(entity, text)] if entity else []
    events = await _run(make_tracker(text, intent, entities), dispatcher, domain)

    assert events == [SlotSet("program", program_id)]
    program = _program(program_id)
    expected = program.team.name if expect_attr == "team" else getattr(program, expect_attr)
    assert expected, f"catalogue lacks {expect_attr} for {program_id}"
    [message] = dispatcher.messages
    assert expected[:40] in message["text"]


@pytest.mark.usefixtures("loaded_db")
async def test_follow_up_question_uses_the_program_in_the_slot(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    tracker = make_tracker("담당 부서는요?", "ask_program_contact",
                           slots={"program": "youth-job-academy"})
    events = await _run(tracker, dispatcher, domain)
    assert events == [SlotSet("program", "youth-job-academy")]
    assert _program("youth-job-academy").team.name in dispatcher.messages[0]["text"]


@pytest.mark.usefixtures("loaded_db")
async def test_new_unknown_subject_is_not_answered_with_the_previous_program(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    tracker = make_tracker("우주선 발사 사업 알려줘", "ask_program",
                           slots={"program": "youth-job-academy"})
    events = await _run(tracker, dispatcher, domain)
    assert events == [SlotSet("program", None)]
    [message] = dispatcher.messages
    assert "찾지 못했습니다" in message["text"]
    assert "청년취업사관학교" in message["text"]  # suggestions come from the catalogue
    assert message["buttons"], "the user gets programs to pick from"


@pytest.mark.usefixtures("loaded_db")
@pytest.mark.parametrize("text", ["", "ㅋㅋㅋ", "😀😀", "'; DROP TABLE programs;--",
                                  "<script>alert(1)</script>", "가" * 10_000])
async def test_odd_input_gets_the_unknown_reply_not_an_error(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict,
    text: str,
) -> None:
    events = await _run(make_tracker(text, "ask_program"), dispatcher, domain)
    assert events == [SlotSet("program", None)]
    assert "찾지 못했습니다" in dispatcher.messages[0]["text"]
    with session_scope() as session:  # the SQL-looking text did nothing to the data
        assert get_program(session, program_id="youth-job-academy") is not None


async def test_database_failure_gives_a_polite_reply(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(programs_module, "session_scope", broken)
    events = await _run(make_tracker("청년취업사관학교 알려줘", "ask_program"), dispatcher, domain)
    assert events == []
    assert dispatcher.messages[0]["response"] == "utter_service_unavailable"
    assert "utter_service_unavailable" in domain["responses"]


@pytest.mark.usefixtures("loaded_db")
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
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict,
    intent: str, program_id: str, expected: str,
) -> None:
    program = _program(program_id)
    text = f"{program.name} 알려주세요"
    await _run(make_tracker(text, intent, [_entity(program_id, text)]), dispatcher, domain)
    answer = dispatcher.messages[0]["text"]
    wanted = getattr(program, expected)[:30] if hasattr(program, expected) else expected
    assert wanted in answer


@pytest.mark.usefixtures("loaded_db")
async def test_description_without_a_name_is_answered_as_a_guess(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    tracker = make_tracker("청년들 코딩 공짜로 가르쳐주는 데 어디예요", "ask_program")
    events = await _run(tracker, dispatcher, domain)
    assert events == [SlotSet("program", "youth-job-academy")]
    assert "가장 가까워 보입니다" in dispatcher.messages[0]["text"]
