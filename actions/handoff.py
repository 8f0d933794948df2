"""Hand the conversation to a person: on request, or after the bot failed twice in a row.

Thin on purpose: the queue lives in ``bot.console.handoff`` and the hours in
``bot.staff_hours``. During staff hours the user is queued and told their place in line;
the bot keeps listening until an agent takes the conversation in the console, which
pauses the bot, talks through Rasa's HTTP API and resumes it (docs/console.md). Outside
staff hours nobody would come, so the user hears that at once and is offered a booking
or a request that staff answer when they are back.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.base import BizcallAction
from actions.invest import ActionAnswerInvest
from actions.language import language_of
from actions.programs import ActionAnswerProgram
from bot import clock
from bot.booking.format import format_when
from bot.button_answers import open_question
from bot.catalog.aspects import Aspect, aspect_of
from bot.catalog.invest_topics import load_topics, match_topic
from bot.console.handoff import CALLBACK, leave_queue, queue_position, request_handoff
from bot.db import session_scope
from bot.nlp.followup import is_follow_up
from bot.staff_hours import next_opening, staffed
from bot.triage import PROGRAM_INTENTS, best_intent, is_invest

logger = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"


def _intent(event: dict[str, Any]) -> str | None:
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")


def failed_twice(tracker: Tracker) -> bool:
    """True if this message was not understood and neither was the previous one.

    "Not understood" means the bot had to ask again (``utter_default``): a low-confidence
    message that the conversation's context answered does not count.
    """
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    if len(users) < 2 or not all(_intent(tracker.events[i]) == FALLBACK_INTENT for i in users[-2:]):
        return False
    between = tracker.events[users[-2] + 1 : users[-1]]
    return any(
        e.get("event") == "bot" and (e.get("metadata") or {}).get("utter_action") == "utter_default"
        for e in between
    )


def answer_from_context(tracker: Tracker) -> str | None:
    """The action that can answer an unsure message from the conversation so far, if any.

    After a program answer, "Where is it?" or "언제 모집해요?" is about that program even
    when the model was unsure; after InvestSeoul, "How long does incorporation take?" is an
    investor question. Only the model's own best guess is followed, and only when the
    context fits it.
    """
    parse = tracker.latest_message or {}
    intent, _ = best_intent(parse)
    text = parse.get("text") or ""
    program = tracker.get_slot("program")
    if (
        program
        and is_follow_up(text)
        and (intent in PROGRAM_INTENTS or aspect_of(text) is not Aspect.OVERVIEW)
    ):
        # "비용은?" names no program and asks one thing: about the program under discussion.
        return "action_answer_program"
    if intent == "ask_invest" and (
        match_topic(load_topics(), text) is not None or (program and _about_investseoul(program))
    ):
        return "action_answer_invest"
    return None


def _about_investseoul(program_id: str) -> bool:
    """True if the program under discussion is InvestSeoul or one of its services."""
    try:
        with session_scope() as session:
            return is_invest(program_id=program_id, session=session)
    except SQLAlchemyError:
        logger.exception("catalogue lookup failed; the context is not used")
        return False


def closed_buttons(language: str) -> list[dict[str, str]]:
    """What to do when no agent works: book an expert, or leave a request for staff."""
    titles = (
        ("Book a consultation", "Leave a request")
        if language == "en"
        else ("상담 예약하기", "답변 요청 남기기")
    )
    return [
        {"title": titles[0], "payload": "/request_consultation"},
        {"title": titles[1], "payload": "/request_callback"},
    ]


def leave_queue_buttons(language: str) -> list[dict[str, str]]:
    """The way out of the queue for an agent."""
    return [{"title": "Leave the queue" if language == "en" else "대기 취소", "payload": "/stop"}]


def offer_when_closed(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Outside staff hours: say so now, with when staff are back, and what to do instead."""
    language = language_of(tracker)
    opening = format_when(next_opening(clock.now()), language)
    dispatcher.utter_message(
        response="utter_handoff_closed", opening=opening, buttons=closed_buttons(language)
    )


def record_handoff(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str) -> int | None:
    """Queue the conversation for staff (``reason``: fallback, requested, callback) in one unit
    of work: queued and placed, or neither. Its place in line; None, having told the user,
    if it could not be recorded (the user must never be left waiting on nothing)."""
    try:
        with session_scope() as session:
            request_handoff(
                session=session,
                conversation_id=tracker.sender_id,
                reason=reason,
                language=language_of(tracker),
                now=clock.now(),
            )
            return queue_position(session=session, conversation_id=tracker.sender_id) or 1
    except Exception:
        logger.exception("%s could not be recorded (conversation %s)", reason, tracker.sender_id)
        dispatcher.utter_message(response="utter_handoff_failed")
        return None


class ActionHandoff(BizcallAction):
    """Queues the conversation for an agent with its place in line, or, outside staff
    hours, says so at once and offers a booking or a request to be answered later."""

    NAME = "action_handoff"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Record a waiting handoff and say where the user is in line; never go silent.

        The bot keeps listening while the user waits (so "대기 취소" works and questions
        still get answers); the console pauses it when an agent takes the conversation.
        """
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        reason = "fallback" if intent == FALLBACK_INTENT else "requested"
        if not staffed(clock.now()):
            offer_when_closed(dispatcher, tracker)
            return []
        position = record_handoff(dispatcher, tracker, reason)
        if position is None:
            return []
        dispatcher.utter_message(
            response="utter_handoff_fallback" if reason == "fallback" else "utter_handoff_waiting",
            position=position,
            buttons=leave_queue_buttons(language_of(tracker)),
        )
        return []


class ActionRequestCallback(BizcallAction):
    """Leaves a request that staff answer in this chat when they are back at work."""

    NAME = "action_request_callback"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Record the request (it never times out) and say when it will be answered."""
        if record_handoff(dispatcher, tracker, CALLBACK) is None:
            return []
        dispatcher.utter_message(
            response="utter_callback_recorded",
            opening=format_when(next_opening(clock.now()), language_of(tracker)),
        )
        return []


class ActionStop(BizcallAction):
    """Leaves the queue for an agent on "그만" or "대기 취소" outside a form, if waiting in it."""

    NAME = "action_stop"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Close a waiting handoff and confirm; else say there is nothing to stop."""
        try:
            with session_scope() as session:
                left = leave_queue(
                    session=session, conversation_id=tracker.sender_id, now=clock.now()
                )
        except SQLAlchemyError:
            logger.exception("could not leave the queue (conversation %s)", tracker.sender_id)
            dispatcher.utter_message(response="utter_service_unavailable")
            return []
        dispatcher.utter_message(response="utter_queue_left" if left else "utter_nothing_to_stop")
        return []


class ActionHandleFallback(BizcallAction):
    """The context's answer if it has one; the open question again if one waits; else
    "please rephrase", and a person the second time in a row."""

    NAME = "action_handle_fallback"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Answer from context, re-ask an open question, or hand off after two misses."""
        action = answer_from_context(tracker)
        if action is not None:  # answered here: a follow-up action would end in a fallback
            answer = (
                ActionAnswerProgram() if action == "action_answer_program" else ActionAnswerInvest()
            )
            return await answer.act(dispatcher, tracker)
        question = open_question(tracker.events)
        if question is not None:
            dispatcher.utter_message(response="utter_reask_question")
            dispatcher.utter_message(
                text=question.text,
                buttons=[{"title": b.title, "payload": b.payload} for b in question.buttons],
            )
            return []
        if failed_twice(tracker):
            return await ActionHandoff().act(dispatcher, tracker)
        dispatcher.utter_message(response="utter_default")
        return []
