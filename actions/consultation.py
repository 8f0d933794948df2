"""Acknowledge a request for an expert consultation and route it to a field."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.fields import FIELD_NAMES, normalise_field


class ActionOfferConsultation(Action):
    """Confirms the field of a consultation request, or asks for it with buttons."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_offer_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Route to the field if known; otherwise offer the ten fields."""
        raw = next(tracker.get_latest_entity_values("field"), None) or tracker.get_slot("field")
        field = normalise_field(raw)
        if field is None:
            dispatcher.utter_message(
                response="utter_ask_field",
                buttons=[
                    {"title": name, "payload": f'/request_consultation{{"field":"{code}"}}'}
                    for code, name in FIELD_NAMES.items()
                ],
            )
            return [SlotSet("field", None)]
        dispatcher.utter_message(response="utter_consultation_field", field_name=FIELD_NAMES[field])
        return [SlotSet("field", field)]
