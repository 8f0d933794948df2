"""Route a consultation inquiry to a field (or ask when two are close), then offer a booking."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.booking.replies import clean_summary
from bot.fields import FIELD_NAMES, field_name, normalise_field
from bot.triage import FIELD_BY_INTENT, close_fields


def _field_button(code: str, language: str = "ko") -> dict[str, str]:
    return {"title": field_name(code, language),
            "payload": f'/request_consultation{{"field":"{code}"}}'}


def _offer_buttons(language: str) -> list[dict[str, str]]:
    if language == "en":
        return [{"title": "Yes, book it", "payload": "/affirm"},
                {"title": "No, thanks", "payload": "/deny"}]
    return [{"title": "네, 예약할게요", "payload": "/affirm"},
            {"title": "괜찮아요", "payload": "/deny"}]


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
        language = tracker.get_slot("language") or "ko"
        events: list[EventType] = []
        summary = clean_summary(text) if intent in FIELD_BY_INTENT else None
        if summary:
            # Keep the user's own words: the booking form's summary starts from them.
            events += [SlotSet("inquiry", text[:300]), SlotSet("booking_summary", summary)]
        if intent in FIELD_BY_INTENT:
            close = close_fields(parse)
            if close:
                first, second = close
                dispatcher.utter_message(
                    response="utter_clarify_field",
                    first=field_name(first, language), second=field_name(second, language),
                    buttons=[_field_button(first, language), _field_button(second, language)],
                )
                return [*events, SlotSet("field", None)]
        field = FIELD_BY_INTENT.get(intent) or normalise_field(
            next(tracker.get_latest_entity_values("field"), None) or tracker.get_slot("field"))
        if field is None:
            dispatcher.utter_message(response="utter_ask_field",
                                     buttons=[_field_button(code, language)
                                              for code in FIELD_NAMES])
            return [*events, SlotSet("field", None)]
        summary = summary or tracker.get_slot("booking_summary")
        buttons = _offer_buttons(language)
        if summary:
            dispatcher.utter_message(response="utter_offer_booking", buttons=buttons,
                                     field_name=field_name(field, language), summary=summary)
        else:
            dispatcher.utter_message(response="utter_offer_booking_no_summary", buttons=buttons,
                                     field_name=field_name(field, language))
        return [*events, SlotSet("field", field)]
