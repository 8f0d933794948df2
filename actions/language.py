"""Keep the ``language`` slot up to date after every user message (Korean or English).

``action_validate_slot_mappings`` is Rasa's hook for slots with custom mappings; it runs
after each user message, inside forms too, so every response (chosen by its ``language``
condition in the domain) follows the user's language from the next turn on.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker, ValidationAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.language import detect_language


class ValidateSlotMappings(ValidationAction):
    """Fills global custom-mapped slots; today only ``language``."""

    def name(self) -> str:
        """Rasa's fixed name for the global slot-mapping validation action."""
        return "action_validate_slot_mappings"

    async def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        """The language of the latest message, sticky for short or language-less answers."""
        text = (tracker.latest_message or {}).get("text") or ""
        previous = tracker.get_slot("language")
        answering = bool((tracker.active_loop or {}).get("name"))
        language = detect_language(text, previous, answering=answering)
        return {} if language == previous else {"language": language}
