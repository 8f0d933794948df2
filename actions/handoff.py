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

from bot import clock
from bot.console.handoff import request_handoff

logger = logging.getLogger(__name__)

FALLBACK_INTENT = "nlu_fallback"


def _intent(event: dict[str, Any]) -> str | None:
    return ((event.get("parse_data") or {}).get("intent") or {}).get("name")


def failed_twice(tracker: Tracker) -> bool:
    """True if this message and the user's previous one were both not understood."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    return len(users) >= 2 and all(_intent(e) == FALLBACK_INTENT for e in users[-2:])


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
    """"Please rephrase" the first time; a person the second time in a row."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_handle_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        """Ask again, or hand off after two consecutive misunderstandings."""
        if failed_twice(tracker):
            return [FollowupAction("action_handoff")]
        dispatcher.utter_message(response="utter_default")
        return []
