"""Hand the conversation to a person: on request, or after the bot failed twice in a row.

Thin on purpose: the queue lives in ``bot.console.handoff``; the staff console takes the
conversation, talks through Rasa's HTTP API and resumes the bot (docs/console.md).
``ConversationPaused`` keeps the bot silent until then; Rasa still stores what the user
writes, and the agent reads it.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from bot import clock
from bot.catalog.invest_topics import load_topics, match_topic
from bot.console.handoff import request_handoff
from bot.db import session_scope
from bot.nlp.followup import is_follow_up
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
    if len(users) < 2 or not all(_intent(tracker.events[i]) == FALLBACK_INTENT
                                 for i in users[-2:]):
        return False
    between = tracker.events[users[-2] + 1 : users[-1]]
    return any(e.get("event") == "bot" and (e.get("metadata") or {}).get("utter_action")
               == "utter_default" for e in between)


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
    if intent in PROGRAM_INTENTS and program and is_follow_up(text):
        return "action_answer_program"
    if intent == "ask_invest" and (match_topic(load_topics(), text) is not None
                                   or (program and _about_investseoul(program))):
        return "action_answer_invest"
    return None


def _about_investseoul(program_id: str) -> bool:
    """True if the program under discussion is InvestSeoul or one of its services."""
    try:
        with session_scope() as session:
            return is_invest(session, program_id=program_id)
    except SQLAlchemyError:
        logger.exception("catalogue lookup failed; the context is not used")
        return False


class ActionHandoff(Action):
    """Queues the conversation for an agent, tells the user, and pauses the bot."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        """Record a waiting handoff; if that fails, say so and keep the bot talking."""
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        reason = "fallback" if intent == FALLBACK_INTENT else "requested"
        try:
            request_handoff(conversation_id=tracker.sender_id, reason=reason,
                            language=tracker.get_slot("language") or "ko", now=clock.now())
        except Exception:
            logger.exception("handoff could not be recorded (conversation %s)",
                             tracker.sender_id)
            dispatcher.utter_message(response="utter_handoff_failed")
            return []
        dispatcher.utter_message(
            response="utter_handoff_fallback" if reason == "fallback" else "utter_handoff_waiting")
        return [ConversationPaused()]


class ActionHandleFallback(Action):
    """The context's answer if it has one; else "please rephrase", and a person the second
    time in a row."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_handle_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        """Answer from context, ask again, or hand off after two misunderstandings in a row."""
        action = answer_from_context(tracker)
        if action is not None:
            return [FollowupAction(action)]
        if failed_twice(tracker):
            return [FollowupAction("action_handoff")]
        dispatcher.utter_message(response="utter_default")
        return []
