"""Route a consultation inquiry to a field: confirm it, or ask when two fields are close."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.fields import FIELD_NAMES, normalise_field
from bot.triage import FIELD_BY_INTENT, close_fields


def _field_button(code: str) -> dict[str, str]:
    return {"title": FIELD_NAMES[code], "payload": f'/request_consultation{{"field":"{code}"}}'}


class ActionOfferConsultation(Action):
    """Confirms the field of a consultation inquiry, or asks for it with buttons.

    The field comes from the intent (consult_labor …), else from a ``field`` entity
    ("세무 상담 예약"), else from the slot. When the model's two best fields are close,
    a short question beats a wrong route.
    """

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_offer_consultation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Confirm the field, ask between two close ones, or offer all ten."""
        parse = tracker.latest_message or {}
        intent = (parse.get("intent") or {}).get("name") or ""
        text = parse.get("text") or ""
        events: list[EventType] = []
        if intent in FIELD_BY_INTENT:
            # Keep the user's own words: the booking form pre-fills its summary from them.
            events.append(SlotSet("inquiry", text[:300]))
            close = close_fields(parse)
            if close:
                first, second = close
                dispatcher.utter_message(
                    response="utter_clarify_field",
                    first=FIELD_NAMES[first], second=FIELD_NAMES[second],
                    buttons=[_field_button(first), _field_button(second)],
                )
                return [*events, SlotSet("field", None)]
        field = FIELD_BY_INTENT.get(intent) or normalise_field(
            next(tracker.get_latest_entity_values("field"), None) or tracker.get_slot("field"))
        if field is None:
            dispatcher.utter_message(response="utter_ask_field",
                                     buttons=[_field_button(code) for code in FIELD_NAMES])
            return [*events, SlotSet("field", None)]
        dispatcher.utter_message(response="utter_consultation_field", field_name=FIELD_NAMES[field])
        return [*events, SlotSet("field", field)]
