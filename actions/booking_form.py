"""The booking form: validate each answer, ask the questions that depend on earlier answers.

Every answer arrives as text for the requested slot (``from_text``). Before validating it,
the form checks for the words that must work at any point: 취소/그만/나중에 leave the
form, 상담원 asks for a person. A second wrong answer to the same question adds an offer
of a person. The form never holds a booking half-made: nothing is written until the user
confirms and ``action_book_consultation`` runs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import BizcallAction
from actions.booking_helpers import (
    Asked,
    AskTimeAction,
    ControlledFormValidation,
    ParsedAnswers,
    parsed_validators,
    slot_options,
    time_buttons,
)
from actions.form_answers import TIME_HINT, take_early_answers
from actions.language import language_of
from bot import clock
from bot.booking import reply_parsing
from bot.booking.channels import channel_label
from bot.booking.choose import choose_time
from bot.booking.format import format_when
from bot.booking.slot_search import consultation_minutes
from bot.db import session_scope
from bot.fields import FIELD_NAMES, field_name
from bot.privacy import mask_business_number, mask_email, mask_phone
from bot.validation import digits_only, normalize_business_number, normalize_email, normalize_phone

logger = logging.getLogger(__name__)

FORM_SLOTS = (
    "booking_field",
    "booking_channel",
    "booking_time",
    "company_name",
    "business_number",
    "contact_name",
    "contact_phone",
    "contact_email",
    "booking_summary",
    "booking_confirm",
)
NO_BUSINESS_NUMBER = "없음"
"""Slot value for a founder without a 사업자등록번호 yet (예비창업자)."""
NO_EMAIL = "없음"


def field_buttons(codes: Iterable[str], language: str = "ko") -> list[dict[str, str]]:
    """One button per field; the payload is the field's name, read back as text."""
    return [
        {"title": field_name(code, language), "payload": field_name(code, language)}
        for code in codes
    ]


def parse_company_name(text: str) -> str | None:
    """A company name (or 예비창업), up to 100 characters."""
    return reply_parsing.clean_name(text, max_chars=100)


def parse_email_or_none(text: str) -> str | None:
    """An email address, or 없음 (email is optional)."""
    return NO_EMAIL if reply_parsing.means_none(text) else normalize_email(text)


PARSED_ANSWERS: ParsedAnswers = {
    "booking_channel": (reply_parsing.parse_channel, "utter_invalid_booking_channel"),
    "company_name": (parse_company_name, "utter_invalid_company_name"),
    "contact_name": (reply_parsing.clean_person_name, "utter_invalid_contact_name"),
    "contact_phone": (normalize_phone, "utter_invalid_contact_phone"),
    "contact_email": (parse_email_or_none, "utter_invalid_contact_email"),
    "booking_summary": (reply_parsing.clean_summary, "utter_invalid_booking_summary"),
}
"""The answers whose whole rule is one parser (``parsed_validators`` makes their methods)."""


@parsed_validators(PARSED_ANSWERS)
class ValidateBookingForm(ControlledFormValidation):
    """Checks every answer of ``booking_form`` and says exactly what was wrong."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "validate_booking_form"

    def kept_answers(self, tracker: Tracker) -> list[EventType]:
        """Channel and time given with an earlier answer (``take_early_answers``)."""
        return take_early_answers(tracker)

    def validate_booking_field(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A field name, or "네" to confirm the field the inquiry was routed to."""
        code = reply_parsing.parse_field_choice(str(value or ""), tracker.get_slot("field"))
        return Asked("booking_field", dispatcher, tracker).checked(
            code, "utter_invalid_booking_field", field=code
        )

    def validate_booking_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A free start time; otherwise the reason and the nearest free times as buttons."""
        field_code = tracker.get_slot("booking_field") or tracker.get_slot("field")
        with session_scope() as session:
            choice = choose_time(
                str(value or ""),
                session=session,
                field_code=field_code,
                channel=tracker.get_slot("booking_channel"),
                now=clock.now(),
                language=language_of(tracker),
            )
        return Asked("booking_time", dispatcher, tracker).time_answer(choice)

    def validate_business_number(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A checksum-valid 사업자등록번호, or 없음 for a founder not yet registered."""
        text = str(value or "")
        if reply_parsing.means_none(text) or reply_parsing.is_pre_founder(text):
            return {"business_number": NO_BUSINESS_NUMBER}
        number = normalize_business_number(text)
        if number is not None:
            return {"business_number": number}
        digits = digits_only(text)
        response = (
            "utter_invalid_business_number_checksum"
            if digits and len(digits) == 10
            else "utter_invalid_business_number_length"
        )
        return Asked("business_number", dispatcher, tracker).reject(response)

    def validate_booking_confirm(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """예약 확정 books; 처음부터 다시 asks everything again; 그만두기 is handled as stop."""
        text = str(value or "")
        if reply_parsing.wants_restart(text):
            return {slot: None for slot in FORM_SLOTS if slot != "booking_summary"}
        if reply_parsing.is_yes(text):
            return {"booking_confirm": "yes"}
        if reply_parsing.is_no(text):
            return {"booking_confirm": None, "booking_exit": "stop", "requested_slot": None}
        return Asked("booking_confirm", dispatcher, tracker).reject("utter_invalid_booking_confirm")


class ActionAskBookingField(BizcallAction):
    """Asks to confirm the field the inquiry was routed to, or to choose one."""

    NAME = "action_ask_booking_field"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Buttons: 네 plus the other fields, or all ten."""
        current = tracker.get_slot("field")
        language = language_of(tracker)
        if current in FIELD_NAMES:
            others = [code for code in FIELD_NAMES if code != current]
            yes = "Yes" if language == "en" else "네"
            dispatcher.utter_message(
                response="utter_ask_booking_field_confirm",
                field_name=field_name(current, language),
                buttons=[{"title": yes, "payload": yes}, *field_buttons(others, language)],
            )
        else:
            dispatcher.utter_message(
                response="utter_ask_booking_field_choose",
                buttons=field_buttons(FIELD_NAMES, language),
            )
        return []


class ActionAskBookingTime(AskTimeAction):
    """Asks for a time, or offers the free times found for the last answer."""

    NAME = "action_ask_booking_time"

    async def ask(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Buttons for the time said earlier; else the open question with the length."""
        hint = tracker.get_slot(TIME_HINT)
        if hint:
            field_code = tracker.get_slot("booking_field") or tracker.get_slot("field")
            with session_scope() as session:
                choice = choose_time(
                    str(hint),
                    session=session,
                    field_code=field_code,
                    channel=tracker.get_slot("booking_channel"),
                    now=clock.now(),
                    language=language_of(tracker),
                )
            if choice.options:
                dispatcher.utter_message(
                    response=choice.response,
                    when=choice.when,
                    buttons=time_buttons(choice.options, language_of(tracker)),
                )
                return [
                    SlotSet(TIME_HINT, None),
                    SlotSet("booking_time_options", slot_options(choice.options)),
                ]
        field_code = tracker.get_slot("booking_field") or "law"
        try:
            with session_scope() as session:
                minutes = consultation_minutes(session=session, field=field_code)
        except Exception:  # the question matters more than the exact length
            logger.exception("consultation length unavailable")
            minutes = 50
        dispatcher.utter_message(response="utter_ask_booking_time", minutes=minutes)
        return [SlotSet(TIME_HINT, None)] if hint else []


def review_values(tracker: Tracker) -> dict[str, str]:
    """What the review shows: everything the user gave, personal data masked."""
    language = language_of(tracker)
    english = language == "en"
    start = datetime.fromisoformat(tracker.get_slot("booking_time"))
    number = tracker.get_slot("business_number") or NO_BUSINESS_NUMBER
    email = tracker.get_slot("contact_email") or NO_EMAIL
    return {
        "field_name": field_name(tracker.get_slot("booking_field"), language),
        "channel_name": channel_label(tracker.get_slot("booking_channel") or "", language),
        "when": format_when(start, language),
        "company_name": tracker.get_slot("company_name") or "",
        "business_number": (
            ("not registered yet" if english else "등록 전")
            if number == NO_BUSINESS_NUMBER
            else mask_business_number(number)
        ),
        "contact_name": tracker.get_slot("contact_name") or "",
        "phone": mask_phone(tracker.get_slot("contact_phone") or ""),
        "email": ("none" if english else "없음") if email == NO_EMAIL else mask_email(email),
        "summary": tracker.get_slot("booking_summary") or "",
    }


class ActionAskBookingConfirm(BizcallAction):
    """Shows the whole booking for one last check before anything is saved."""

    NAME = "action_ask_booking_confirm"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """The review, with 예약 확정 / 처음부터 다시 / 그만두기 buttons from the domain."""
        dispatcher.utter_message(response="utter_booking_review", **review_values(tracker))
        return []
