"""Handing a conversation to a person: queued once, bot paused, and after two misunderstandings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ConversationPaused, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking_manage import WORK_SLOTS, ActionManageBooking
from actions.handoff import ActionHandleFallback, ActionHandoff, failed_twice
from bot.console import handoff

HANDOFF = ActionHandoff()
FALLBACK = ActionHandleFallback()


def user(text: str, intent: str) -> dict[str, Any]:
    return {"event": "user", "text": text,
            "parse_data": {"text": text, "intent": {"name": intent, "confidence": 0.3}}}


def asked_again() -> dict[str, Any]:
    """The bot's "please rephrase" as Rasa stores it (the response name in the metadata)."""
    return {"event": "bot", "text": "죄송합니다…", "metadata": {"utter_action": "utter_default"}}


def tracker_with(events: list[dict[str, Any]], slots: dict[str, Any] | None = None,
                 sender: str = "web-1") -> Tracker:
    latest = next(e for e in reversed(events) if e["event"] == "user")["parse_data"]
    return Tracker(sender_id=sender, slots=slots or {}, latest_message=latest, events=events,
                   paused=False, followup_action=None, active_loop={},
                   latest_action_name="action_listen")


async def test_a_request_is_queued_once_and_pauses_the_bot(
    db_url: str, frozen_now: datetime, dispatcher: CollectingDispatcher, domain: dict,
) -> None:
    tracker = tracker_with([user("상담원 연결해 주세요", "human_handoff")], {"language": "ko"})
    assert await HANDOFF.run(dispatcher, tracker, domain) == [ConversationPaused()]
    assert [m["response"] for m in dispatcher.messages] == ["utter_handoff_waiting"]
    await HANDOFF.run(CollectingDispatcher(), tracker, domain)  # asking again: still one
    [queued] = handoff.list_handoffs()
    assert (queued["conversation_id"], queued["status"], queued["reason"]) == (
        "web-1", "waiting", "requested")


async def test_a_database_failure_keeps_the_bot_talking(
    monkeypatch: Any, frozen_now: datetime, dispatcher: CollectingDispatcher, domain: dict,
) -> None:
    def broken(**_: Any) -> None:
        raise RuntimeError("database down")

    monkeypatch.setattr("actions.handoff.request_handoff", broken)
    tracker = tracker_with([user("사람이랑 얘기할래요", "human_handoff")])
    assert await HANDOFF.run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_handoff_failed"]


async def test_first_misunderstanding_asks_again_second_hands_off(
    db_url: str, frozen_now: datetime, dispatcher: CollectingDispatcher, domain: dict,
) -> None:
    once = tracker_with([user("안녕", "greet"), user("ㅁㄴㅇㄹ", "nlu_fallback")])
    assert await FALLBACK.run(dispatcher, once, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_default"]

    twice = tracker_with([user("ㅁㄴㅇㄹ", "nlu_fallback"), asked_again(),
                          user("ㅋㅋㅋㅋ", "nlu_fallback")], {"language": "en"})
    assert await FALLBACK.run(CollectingDispatcher(), twice, domain) == [
        FollowupAction("action_handoff")]
    said = CollectingDispatcher()
    assert await HANDOFF.run(said, twice, domain) == [ConversationPaused()]
    assert [m["response"] for m in said.messages] == ["utter_handoff_fallback"]
    [queued] = handoff.list_handoffs()
    assert (queued["reason"], queued["language"]) == ("fallback", "en")


def test_only_consecutive_misunderstandings_count() -> None:
    apart = tracker_with([user("ㅁㄴㅇㄹ", "nlu_fallback"), asked_again(), user("네", "affirm"),
                          user("ㅋㅋㅋ", "nlu_fallback")])
    assert not failed_twice(apart)
    assert not failed_twice(tracker_with([user("ㅋㅋㅋ", "nlu_fallback")]))


def test_an_unsure_message_the_context_answered_is_not_a_misunderstanding() -> None:
    answered = {"event": "bot", "text": "The office is …", "metadata": {}}
    tracker = tracker_with([user("Where is it?", "nlu_fallback"), answered,
                            user("ㅋㅋㅋ", "nlu_fallback")])
    assert not failed_twice(tracker)


def unsure(text: str, best: str) -> dict[str, Any]:
    """A user message the model was unsure of: nlu_fallback, with ``best`` ranked first."""
    return {"event": "user", "text": text, "parse_data": {
        "text": text, "intent": {"name": "nlu_fallback", "confidence": 0.3},
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.35},
                           {"name": best, "confidence": 0.3},
                           {"name": "out_of_scope", "confidence": 0.2}]}}


async def test_an_unsure_follow_up_is_answered_from_the_program_under_discussion(
    dispatcher: CollectingDispatcher, domain: dict,
) -> None:
    tracker = tracker_with([unsure("Where is it?", "ask_program_location")],
                           {"program": "startup-hub", "language": "en"})
    assert await FALLBACK.run(dispatcher, tracker, domain) == [
        FollowupAction("action_answer_program")]
    assert dispatcher.messages == []


@pytest.mark.usefixtures("loaded_db")  # the program in context is looked up
async def test_an_unsure_investor_question_goes_to_investseoul(
    dispatcher: CollectingDispatcher, domain: dict,
) -> None:
    # After an InvestSeoul answer, and also without one when it names an investor topic.
    after = tracker_with([unsure("and how long would that take?", "ask_invest")],
                         {"program": "fdi-support", "language": "en"})
    assert await FALLBACK.run(dispatcher, after, domain) == [
        FollowupAction("action_answer_invest")]
    topic = tracker_with([unsure("How long does incorporation take?", "ask_invest")])
    assert await FALLBACK.run(CollectingDispatcher(), topic, domain) == [
        FollowupAction("action_answer_invest")]


async def test_without_a_fitting_context_it_asks_again(
    dispatcher: CollectingDispatcher, domain: dict,
) -> None:
    # A program follow-up with no program discussed, and one that names a new subject.
    nothing = tracker_with([unsure("언제 모집해요?", "ask_program_schedule")])
    assert await FALLBACK.run(dispatcher, nothing, domain) == []
    new_subject = tracker_with([unsure("게임센터는 언제 모집해요?", "ask_program_schedule")],
                               {"program": "startup-hub"})
    assert await FALLBACK.run(CollectingDispatcher(), new_subject, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_default"]


async def test_asking_for_a_person_while_managing_a_booking_hands_off(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict,
) -> None:
    tracker = make_tracker("상담원", "human_handoff", slots={"booking_exit": "handoff"})
    events = await ActionManageBooking().run(dispatcher, tracker, domain)
    reset = [SlotSet(name, None) for name in (*WORK_SLOTS, "manage_action")]
    assert events == [*reset, FollowupAction("action_handoff")]
    assert dispatcher.messages == []
