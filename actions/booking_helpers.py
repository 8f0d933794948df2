"""Pieces both booking forms and their final actions share.

The booking form (``booking_form.py``) and the manage form (``booking_manage.py``) ask
"when?" and refuse answers the same way; the booking and the manage actions confirm a
booking with the same card and values (``booking_submit.py``, ``booking_manage.py``). They
live here so that no action module imports another one's internals.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import BizcallAction
from actions.form_answers import typed_text, use_button_answer
from actions.language import language_of
from bot.booking import reply_parsing
from bot.booking.channels import channel_label
from bot.booking.choose import TimeChoice
from bot.booking.format import format_span, format_when
from bot.booking.results import BookingInfo, Slot
from bot.booking.status import status_label
from bot.fields import field_name


def control_events(
    text: str, parse: dict[str, Any], requested: str | None
) -> list[EventType] | None:
    """Leave the form on 취소/그만/나중에 or a request for a person; None to carry on."""
    if not requested:
        return None
    if reply_parsing.wants_to_stop(text, parse):
        exit_reason = "stop"
    elif reply_parsing.wants_person(text, parse):
        exit_reason = "handoff"
    else:
        return None
    return [
        SlotSet(requested, None),
        SlotSet("booking_exit", exit_reason),
        SlotSet("requested_slot", None),
    ]


@dataclass(frozen=True)
class Asked:
    """One question of a booking form as its validator answers it: the slot, where replies go
    and which failure counter the question counts in (each form keeps its own).

    Every validator of both booking forms refuses an answer through here, so the second
    failure on one question offers a person in the same way everywhere.
    """

    slot: str
    dispatcher: CollectingDispatcher
    tracker: Tracker
    counter_slot: str = "booking_failures"

    def count_failure(self) -> dict[str, Any]:
        """Record a failed answer; from the second one on, offer a person."""
        failures = dict(self.tracker.get_slot(self.counter_slot) or {})
        failures[self.slot] = int(failures.get(self.slot, 0)) + 1
        if failures[self.slot] >= 2:
            self.dispatcher.utter_message(response="utter_offer_person")
        return {self.counter_slot: failures}

    def reject(self, response: str) -> dict[str, Any]:
        """Refuse the answer: say why (``response``), ask again, count the failure."""
        self.dispatcher.utter_message(response=response)
        return {self.slot: None, **self.count_failure()}

    def checked(self, parsed: Any, response: str, **also: Any) -> dict[str, Any]:
        """``{slot: parsed, **also}``, or ``reject`` with ``response`` if the answer is ``None``.

        What most validators do once they have parsed the answer: one rule for "not
        understood". The response is named in full at the call, so a search for it finds who
        sends it (and ``tests/test_data.py`` sees that an action uses it).
        """
        if parsed is None:
            return self.reject(response)
        return {self.slot: parsed, **also}

    def time_answer(self, choice: TimeChoice) -> dict[str, Any]:
        """Slot values for an answer to "when?": the start, or the reason and times to offer.

        Only an unreadable answer counts as a failure; a taken or closed time is not the
        user's fault.
        """
        if choice.start is not None:
            return {self.slot: choice.start.isoformat(), "booking_time_options": None}
        self.dispatcher.utter_message(response=choice.response, when=choice.when)
        result: dict[str, Any] = {
            self.slot: None,
            "booking_time_options": slot_options(choice.options) or None,
        }
        if choice.misunderstood:
            result.update(self.count_failure())
        return result


ParsedAnswers = Mapping[str, tuple[Callable[[str], Any], str]]
"""Slot → (parser of the answer's text, the response that refuses it when it finds nothing)."""
FormClass = TypeVar("FormClass", bound=type)


def parsed_validators(table: ParsedAnswers) -> Callable[[FormClass], FormClass]:
    """A class decorator: a ``validate_<slot>`` method for every slot of ``table``.

    For the questions whose whole rule is one parser: the method parses the answer's text
    and keeps the result, or refuses the answer with the response through ``checked``. The
    method's docstring is the parser's (what the answer may be).
    """

    def validator(slot: str, parse: Callable[[str], Any], response: str) -> Callable[..., Any]:
        def validate(
            form: Any, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Any
        ) -> dict[str, Any]:
            return Asked(slot, dispatcher, tracker).checked(parse(str(value or "")), response)

        validate.__doc__ = parse.__doc__
        return validate

    def add(form: FormClass) -> FormClass:
        for slot, (parse, response) in table.items():
            setattr(form, f"validate_{slot}", validator(slot, parse, response))
        return form

    return add


def time_buttons(
    slots: Iterable[Slot | dict[str, str]], language: str = "ko"
) -> list[dict[str, str]]:
    """Buttons for offered start times; the payload is machine-readable, the title is not."""
    buttons = []
    for slot in slots:
        start = slot.start if isinstance(slot, Slot) else datetime.fromisoformat(slot["start"])
        buttons.append(
            {"title": format_when(start, language), "payload": reply_parsing.slot_payload(start)}
        )
    return buttons


def slot_options(slots: Iterable[Slot]) -> list[dict[str, str]]:
    """Offered slots as JSON-safe slot values (the tracker store serialises slots)."""
    return [{"start": s.start.isoformat(), "expert_id": s.expert_id} for s in slots]


def offer_times(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Show the times found for the last answer as buttons; False if there are none."""
    options = tracker.get_slot("booking_time_options")
    if not options:
        return False
    dispatcher.utter_message(
        response="utter_booking_time_options", buttons=time_buttons(options, language_of(tracker))
    )
    return True


class ControlledFormValidation(FormValidationAction):
    """Validates a booking form's answers once the words that work at any question are heard.

    Both booking forms leave on 취소/그만/나중에 or a request for a person, and read a typed
    button answer as a click, before Rasa-SDK validates the candidates. Abstract (``name``),
    so rasa-sdk, which registers every ``Action`` subclass it finds, skips this one.
    """

    @abc.abstractmethod
    def name(self) -> str:
        """Action name used in the domain."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Leave the form on a control word, else validate as usual (then ``kept_answers``)."""
        parse = tracker.latest_message or {}
        stop = control_events(typed_text(tracker), parse, tracker.get_slot("requested_slot"))
        if stop is not None:
            return stop
        use_button_answer(tracker)
        kept = self.kept_answers(tracker)
        return [*await super().run(dispatcher, tracker, domain), *kept]

    def kept_answers(self, tracker: Tracker) -> list[EventType]:
        """Events for answers given before their question, set after the validated ones."""
        return []


class AskTimeAction(BizcallAction):
    """Asks for a time, unless the last answer found free times: then offers those as buttons.

    The booking form and a change of booking ask for a time the same way; a subclass says
    only what its open question is (``ask``). Abstract, so rasa-sdk, which registers every
    ``Action`` subclass it finds, skips this one (it has no name of its own).
    """

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Buttons for the times found for the last answer; else the subclass's question."""
        if offer_times(dispatcher, tracker):
            return []
        return await self.ask(dispatcher, tracker)

    @abc.abstractmethod
    async def ask(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """The open question when no times are on offer; the events it sets."""


def cleared(*names: str) -> list[EventType]:
    """SlotSet(None) for every named slot."""
    return [SlotSet(name, None) for name in names]


def booking_card(info: BookingInfo, language: str = "ko") -> dict[str, Any]:
    """A machine-readable confirmation the web widget draws as a card."""
    return {
        "type": "booking",
        "code": info.code,
        "field": info.field,
        "field_name": field_name(info.field, language),
        "channel": info.channel,
        "channel_name": channel_label(info.channel, language),
        "start": info.start.isoformat(),
        "end": info.end.isoformat(),
        "when": format_span(info.start, info.end, language),
        "expert_name": expert_display(info, language),
        "status": status_label(info.status, language),
    }


def expert_display(info: BookingInfo, language: str) -> str:
    """The expert's name as the user reads it (romanised in English)."""
    return (info.expert_name_en or info.expert_name) if language == "en" else info.expert_name


def confirmation_values(info: BookingInfo, language: str = "ko") -> dict[str, str]:
    """Values for ``utter_booking_confirmed`` and the other booking messages."""
    return {
        "code": info.code,
        "when": format_span(info.start, info.end, language),
        "field_name": field_name(info.field, language),
        "channel_name": channel_label(info.channel, language),
        "expert_name": expert_display(info, language),
        "status": status_label(info.status, language),
    }
