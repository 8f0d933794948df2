"""Slots set after every user message: the answer ``language`` and the ``manage_action``.

``action_validate_slot_mappings`` is Rasa's hook for slots with custom mappings; it runs
after each user message, inside forms too, so every response (chosen by its ``language``
condition in the domain) follows the user's language from the next turn on, and a booking
request says what to do with the booking (check, change, cancel).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker, ValidationAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.language import detect_language

MANAGE_BY_INTENT = {
    "booking_check": "check",
    "booking_change": "change",
    "booking_cancel": "cancel",
}
SWITCH_CONFIDENCE = 0.8
"""How sure the model must be that a message inside the booking-management form is a new
request rather than an answer."""


class ValidateSlotMappings(ValidationAction):
    """Fills the global custom-mapped slots ``language`` and ``manage_action``."""

    def name(self) -> str:
        """Rasa's fixed name for the global slot-mapping validation action."""
        return "action_validate_slot_mappings"

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The language of the latest message, sticky for short or language-less answers."""
        text = (tracker.latest_message or {}).get("text") or ""
        previous = tracker.get_slot("language")
        answering = bool((tracker.active_loop or {}).get("name"))
        language = detect_language(text, previous, answering=answering)
        return {} if language == previous else {"language": language}

    async def extract_manage_action(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Check, change or cancel: from the request, not from every answer inside the form.

        Inside ``booking_manage_form`` a phone number or a booking code is an answer, and the
        model's guess about it (booking_change at 0.36) must not turn a check into a change;
        only a clear new request ("아니요, 취소할래요") switches.
        """
        parse = tracker.latest_message or {}
        intent = parse.get("intent") or {}
        value = MANAGE_BY_INTENT.get(str(intent.get("name")))
        if value is None or value == tracker.get_slot("manage_action"):
            return {}
        in_form = (tracker.active_loop or {}).get("name") == "booking_manage_form"
        if in_form and float(intent.get("confidence") or 0.0) < SWITCH_CONFIDENCE:
            return {}
        return {"manage_action": value}
