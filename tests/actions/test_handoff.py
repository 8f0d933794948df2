"""Handing a conversation to a person: queued once with its place in line, never in silence."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.booking_manage import WORK_SLOTS, ActionManageBooking
from actions.handoff import (
    ActionHandleFallback,
    ActionHandoff,
    ActionRequestCallback,
    ActionStop,
    failed_twice,
)
from bot import clock
from bot.console import handoff
from bot.db import session_scope
from tests.support.actions_turns import Act
from tests.support.booking import call

HANDOFF = ActionHandoff()
FALLBACK = ActionHandleFallback()


def user(text: str, intent: str) -> dict[str, Any]:
    return {
        "event": "user",
        "text": text,
        "parse_data": {"text": text, "intent": {"name": intent, "confidence": 0.3}},
    }


def asked_again() -> dict[str, Any]:
    """The bot's "please rephrase" as Rasa stores it (the response name in the metadata)."""
    return {"event": "bot", "text": "죄송합니다…", "metadata": {"utter_action": "utter_default"}}


def tracker_with(
    events: list[dict[str, Any]], slots: dict[str, Any] | None = None, sender: str = "web-1"
) -> Tracker:
    latest = next(e for e in reversed(events) if e["event"] == "user")["parse_data"]
    return Tracker(
        sender_id=sender,
        slots=slots or {},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.mark.usefixtures("db_url", "frozen_now")
async def test_a_request_is_queued_once_with_its_place_in_line(act: Act) -> None:
    await act(
        HANDOFF, tracker_with([user("상담원 연결해 주세요", "human_handoff")], sender="web-0")
    )
    tracker = tracker_with([user("상담원 연결해 주세요", "human_handoff")], {"language": "ko"})
    said = await act(HANDOFF, tracker)
    # The bot keeps listening while the user waits: no ConversationPaused.
    assert said.events == []
    assert said.messages == [
        {
            "response": "utter_handoff_waiting",
            "position": 2,
            "buttons": [{"title": "대기 취소", "payload": "/stop"}],
            "text": None,
            "image": None,
            "elements": [],
            "attachment": None,
            "template": "utter_handoff_waiting",
            "custom": {},
        }
    ]
    await act(HANDOFF, tracker)  # asking again: still one
    queued = [h for h in call(handoff.list_handoffs) if h.conversation_id == "web-1"]
    assert [(h.status, h.reason) for h in queued] == [("waiting", "requested")]


@pytest.mark.usefixtures("db_url", "frozen_now")
async def test_leaving_the_queue_closes_the_request(act: Act) -> None:
    await act(HANDOFF, tracker_with([user("상담원", "human_handoff")]))
    left = await act(ActionStop(), tracker_with([user("대기 취소", "stop")]))
    assert left.events == []
    assert left.responses == ["utter_queue_left"]
    assert call(handoff.list_handoffs) == []
    again = await act(ActionStop(), tracker_with([user("그만", "stop")]))
    assert again.responses == ["utter_nothing_to_stop"]


@pytest.mark.usefixtures("db_url")
async def test_outside_staff_hours_the_user_hears_so_at_once_and_is_offered_a_booking(
    monkeypatch: pytest.MonkeyPatch, act: Act
) -> None:
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 7, 23, 0, tzinfo=clock.SEOUL))
    tracker = tracker_with([user("상담원 연결해 주세요", "human_handoff")], {"language": "ko"})
    said = await act(HANDOFF, tracker)
    assert said.events == []
    [message] = said.messages
    assert (message["response"], message["opening"]) == (
        "utter_handoff_closed",
        "12월 8일(화) 오전 9:00",
    )
    assert message["buttons"] == [
        {"title": "상담 예약하기", "payload": "/request_consultation"},
        {"title": "답변 요청 남기기", "payload": "/request_callback"},
    ]
    assert call(handoff.list_handoffs) == []  # nobody would come: nothing queued


@pytest.mark.usefixtures("db_url")
async def test_a_request_left_at_night_waits_for_staff_and_does_not_time_out(
    monkeypatch: pytest.MonkeyPatch, act: Act
) -> None:
    night = datetime(2026, 12, 11, 22, 0, tzinfo=clock.SEOUL)  # a Friday
    monkeypatch.setattr(clock, "now", lambda: night)
    tracker = tracker_with([user("leave a request", "request_callback")], {"language": "en"})
    said = await act(ActionRequestCallback(), tracker)
    assert said.events == []
    [message] = said.messages
    assert (message["response"], message["opening"]) == (
        "utter_callback_recorded",
        "Mon, Dec 14, 9:00 AM",
    )
    assert (
        call(handoff.expire_waiting, now=night + timedelta(hours=11), wait=timedelta(minutes=10))
        == []
    )
    [queued] = call(handoff.list_handoffs)
    assert (queued.reason, queued.status, queued.language) == ("callback", "waiting", "en")
    with session_scope() as session:
        assert handoff.queue_position(session=session, conversation_id="web-1") == 1


@pytest.mark.usefixtures("frozen_now")
async def test_a_database_failure_keeps_the_bot_talking(
    monkeypatch: pytest.MonkeyPatch, act: Act
) -> None:
    def broken(**_: Any) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr("actions.handoff.request_handoff", broken)
    said = await act(HANDOFF, tracker_with([user("사람이랑 얘기할래요", "human_handoff")]))
    assert said.events == []
    assert said.responses == ["utter_handoff_failed"]


@pytest.mark.usefixtures("db_url", "frozen_now")
async def test_first_misunderstanding_asks_again_second_hands_off(act: Act) -> None:
    once = await act(
        FALLBACK, tracker_with([user("안녕", "greet"), user("ㅁㄴㅇㄹ", "nlu_fallback")])
    )
    assert once.events == []
    assert once.responses == ["utter_default"]

    twice = tracker_with(
        [user("ㅁㄴㅇㄹ", "nlu_fallback"), asked_again(), user("ㅋㅋㅋㅋ", "nlu_fallback")],
        {"language": "en"},
    )
    said = await act(FALLBACK, twice)
    assert said.events == []
    assert said.responses == ["utter_handoff_fallback"]
    [queued] = call(handoff.list_handoffs)
    assert (queued.reason, queued.language) == ("fallback", "en")


@pytest.mark.usefixtures("db_url", "frozen_now")
async def test_misunderstood_answers_to_a_question_ask_it_again_instead_of_handing_off(
    act: Act,
) -> None:
    buttons = [{"title": "채팅", "payload": "채팅"}, {"title": "전화", "payload": "전화"}]
    question = {
        "event": "bot",
        "text": "어떤 방식으로 상담받으시겠어요?",
        "data": {"buttons": buttons},
        "metadata": {},
    }
    events: list[dict[str, Any]] = [question, user("ㅁㄴㅇㄹ", "nlu_fallback")]
    for _ in range(2):
        said = await act(FALLBACK, tracker_with(events))
        assert said.events == []
        assert said.responses == ["utter_reask_question", None]
        asked = said.messages[1]
        assert (asked["text"], asked["buttons"]) == ("어떤 방식으로 상담받으시겠어요?", buttons)
        events += [
            {
                "event": "bot",
                "text": asked["text"],
                "data": {"buttons": asked["buttons"]},
                "metadata": {},
            },
            user("ㅋㅋㅋ", "nlu_fallback"),
        ]
    assert call(handoff.list_handoffs) == []


def test_only_consecutive_misunderstandings_count() -> None:
    apart = tracker_with(
        [
            user("ㅁㄴㅇㄹ", "nlu_fallback"),
            asked_again(),
            user("네", "affirm"),
            user("ㅋㅋㅋ", "nlu_fallback"),
        ]
    )
    assert not failed_twice(apart)
    assert not failed_twice(tracker_with([user("ㅋㅋㅋ", "nlu_fallback")]))


def test_an_unsure_message_the_context_answered_is_not_a_misunderstanding() -> None:
    answered = {"event": "bot", "text": "The office is …", "metadata": {}}
    tracker = tracker_with(
        [user("Where is it?", "nlu_fallback"), answered, user("ㅋㅋㅋ", "nlu_fallback")]
    )
    assert not failed_twice(tracker)


def unsure(text: str, best: str) -> dict[str, Any]:
    """A user message the model was unsure of: nlu_fallback, with ``best`` ranked first."""
    return {
        "event": "user",
        "text": text,
        "parse_data": {
            "text": text,
            "intent": {"name": "nlu_fallback", "confidence": 0.3},
            "intent_ranking": [
                {"name": "nlu_fallback", "confidence": 0.35},
                {"name": best, "confidence": 0.3},
                {"name": "out_of_scope", "confidence": 0.2},
            ],
        },
    }


@pytest.mark.usefixtures("loaded_db")  # the program in context is looked up
@pytest.mark.parametrize(
    ("text", "best", "slots", "program", "snippet"),
    [
        # An unsure follow-up is answered from the program under discussion.
        (
            "Where is it?",
            "ask_program_location",
            {"program": "startup-hub", "language": "en"},
            "startup-hub",
            "Seoul Startup Hub",
        ),
        # The model's best guess is a funding consultation; "비용은?" names no subject of its own.
        (
            "비용은?",
            "consult_finance",
            {"program": "youth-job-academy", "language": "ko"},
            "youth-job-academy",
            "예산",
        ),
    ],
    ids=["follow-up", "short-aspect-question"],
)
async def test_an_unsure_question_is_about_the_program_under_discussion(
    act: Act, text: str, best: str, slots: dict[str, Any], program: str, snippet: str
) -> None:
    said = await act(FALLBACK, tracker_with([unsure(text, best)], slots))
    assert said.events == [SlotSet("program", program)]
    assert snippet in said.messages[0]["text"]


@pytest.mark.usefixtures("loaded_db")  # the program in context is looked up
async def test_an_unsure_investor_question_goes_to_investseoul(act: Act) -> None:
    # After an InvestSeoul answer, and also without one when it names an investor topic.
    after = tracker_with(
        [unsure("and how long would that take?", "ask_invest")],
        {"program": "fdi-support", "language": "en"},
    )
    said = await act(FALLBACK, after)
    assert said.events != []
    assert "Invest Seoul" in said.messages[0]["text"]
    topic = tracker_with(
        [unsure("How long does incorporation take?", "ask_invest")], {"language": "en"}
    )
    said = await act(FALLBACK, topic)
    assert "incorporation" in said.messages[0]["text"]


async def test_without_a_fitting_context_it_asks_again(act: Act) -> None:
    # A program follow-up with no program discussed, and one that names a new subject.
    nothing = await act(FALLBACK, tracker_with([unsure("언제 모집해요?", "ask_program_schedule")]))
    assert nothing.events == []
    new_subject = tracker_with(
        [unsure("게임센터는 언제 모집해요?", "ask_program_schedule")], {"program": "startup-hub"}
    )
    assert (await act(FALLBACK, new_subject)).events == []
    assert nothing.responses == ["utter_default"]


@pytest.mark.usefixtures("db_url", "frozen_now")
async def test_asking_for_a_person_while_managing_a_booking_hands_off(
    act: Act, make_tracker: Callable[..., Tracker]
) -> None:
    tracker = make_tracker("상담원", "human_handoff", slots={"booking_exit": "handoff"})
    said = await act(ActionManageBooking(), tracker)
    assert said.events == [SlotSet(name, None) for name in (*WORK_SLOTS, "manage_action")]
    assert said.responses == ["utter_handoff_waiting"]
