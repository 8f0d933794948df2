"""Route a consultation inquiry to a field (or ask when two are close), then offer a booking."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.base import BizcallAction
from actions.language import language_of
from bot import clock
from bot.booking.reply_parsing import clean_summary
from bot.catalog.answers import program_card, render
from bot.catalog.aspects import aspect_of
from bot.catalog.queries import get_program, program_places
from bot.db import session_scope
from bot.fields import FIELD_NAMES, field_name, normalise_field
from bot.recommend.cards import recommend_button
from bot.recommend.profile import describes_company
from bot.triage import FIELD_BY_INTENT, close_fields, program_instead

logger = logging.getLogger(__name__)


def field_choice_button(code: str, language: str = "ko") -> dict[str, str]:
    """A field to choose: clicking (or typing "세무요", "tax please") routes to it."""
    return {
        "title": field_name(code, language),
        "payload": f'/request_consultation{{"field":"{code}"}}',
    }


def answer_program_first(
    dispatcher: CollectingDispatcher, parse: dict[str, Any], language: str
) -> str | None:
    """Answer the program a consultation message is also about; return its id, if any.

    "예비창업자인데 창업허브 입주 가능한가요?" may reach the consultation action when the
    model reads it as a startup consultation. The catalogue then says what the user asked
    (the 창업허브 entry, for the aspect the words ask about) before the expert is offered,
    and the program stays in the conversation for "거기 어디에 있어요?".
    """
    try:
        with session_scope() as session:
            program_id = program_instead(parse, session=session)
            program = get_program(program_id=program_id, session=session) if program_id else None
            if program is None:
                return None
            places = program_places(program, session=session)
            dispatcher.utter_message(
                text=render(program, aspect_of(parse.get("text") or ""), places, language),
                json_message=program_card(program, places, language),
            )
            return program.id
    except SQLAlchemyError:
        logger.exception("catalogue lookup failed; the consultation offer goes on without it")
        return None


def offer_buttons(language: str) -> list[dict[str, str]]:
    """Yes/no to "shall I book?" ("전화로요" and "tomorrow at 2" read as yes too)."""
    if language == "en":
        return [
            {"title": "Yes, book it", "payload": "/affirm"},
            {"title": "No, thanks", "payload": "/deny"},
        ]
    return [
        {"title": "네, 예약할게요", "payload": "/affirm"},
        {"title": "괜찮아요", "payload": "/deny"},
    ]


class ActionOfferConsultation(BizcallAction):
    """Confirms the field of a consultation inquiry, or asks for it with buttons.

    The field comes from the intent (consult_labor …), else from a ``field`` entity
    ("세무 상담 예약"), else from the slot. When the model's two best fields are close,
    a short question beats a wrong route.
    """

    NAME = "action_offer_consultation"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Confirm the field, ask between two close ones, or offer all ten."""
        parse = tracker.latest_message or {}
        intent = (parse.get("intent") or {}).get("name") or ""
        text = parse.get("text") or ""
        language = language_of(tracker)
        events: list[EventType] = []
        summary = clean_summary(text) if intent in FIELD_BY_INTENT else None
        if summary:
            # Keep the user's own words: the booking form's summary starts from them.
            events += [SlotSet("inquiry", text[:300]), SlotSet("booking_summary", summary)]
        if intent in FIELD_BY_INTENT:
            program_id = answer_program_first(dispatcher, parse, language)
            if program_id:
                events.append(SlotSet("program", program_id))
        if intent in FIELD_BY_INTENT:
            close = close_fields(parse)
            if close:
                first, second = close
                dispatcher.utter_message(
                    response="utter_clarify_field",
                    first=field_name(first, language),
                    second=field_name(second, language),
                    buttons=[
                        field_choice_button(first, language),
                        field_choice_button(second, language),
                    ],
                )
                return [*events, SlotSet("field", None)]
        field = FIELD_BY_INTENT.get(intent) or normalise_field(
            next(tracker.get_latest_entity_values("field"), None) or tracker.get_slot("field")
        )
        if field is None:
            dispatcher.utter_message(
                response="utter_ask_field",
                buttons=[field_choice_button(code, language) for code in FIELD_NAMES],
            )
            return [*events, SlotSet("field", None)]
        summary = summary or tracker.get_slot("booking_summary")
        buttons = offer_buttons(language)
        if intent in FIELD_BY_INTENT and describes_company(text, now_year=clock.now().year):
            buttons.append(recommend_button(language))
        if summary:
            dispatcher.utter_message(
                response="utter_offer_booking",
                buttons=buttons,
                field_name=field_name(field, language),
                summary=summary,
            )
        else:
            dispatcher.utter_message(
                response="utter_offer_booking_no_summary",
                buttons=buttons,
                field_name=field_name(field, language),
            )
        # A field the user chose (a button, clicked or typed) needs no "is it 세무?" in the
        # form; one the model inferred from a story is confirmed there first.
        chosen = field if (parse.get("text") or "").startswith("/request_consultation") else None
        return [*events, SlotSet("field", field), SlotSet("booking_field", chosen)]
