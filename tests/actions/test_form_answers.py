"""The booking form reads typed button answers as clicks and keeps answers given early."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking_form import ValidateBookingForm
from actions.booking_manage import ValidateBookingManageForm

FORM = ValidateBookingForm()


def answered(
    text: str,
    requested: str | None,
    slots: dict[str, Any] | None = None,
    candidates: dict[str, Any] | None = None,
    button: dict[str, str] | None = None,
) -> Tracker:
    """A form's tracker after ``text``: Rasa's slot candidates trail the events."""
    latest: dict[str, Any] = {
        "text": button["payload"] if button else text,
        "intent": {"name": "nlu_fallback", "confidence": 0.3},
        "entities": [],
    }
    if button:
        latest["button_answer"] = {**button, "typed": text}
    if candidates is None:
        candidates = {requested: text} if requested else {}
    all_slots = {**(slots or {}), "requested_slot": requested, **candidates}
    return Tracker(
        sender_id="early",
        slots=all_slots,
        latest_message=latest,
        events=[
            {"event": "user", "text": text, "parse_data": latest},
            *({"event": "slot", "name": k, "value": v} for k, v in candidates.items()),
        ],
        paused=False,
        followup_action=None,
        active_loop={"name": "booking_form"},
        latest_action_name="action_listen",
    )


async def test_a_typed_ordinal_for_a_free_time_books_that_time(
    booking_db: str,
    frozen_now: datetime,
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = answered(
        "2번",
        "booking_time",
        {"booking_field": "labor", "booking_channel": "phone", "field": "labor"},
        button={"title": "12월 3일(목) 오전 10:30", "payload": "2026-12-03 10:30"},
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("booking_time", "2026-12-03T10:30:00+09:00"),
        SlotSet("booking_time_options", None),
    ]
    assert dispatcher.messages == []


async def test_a_time_given_when_the_channel_was_asked_is_kept(
    booking_db: str,
    frozen_now: datetime,
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = answered(
        "전화로 내일 오후 3시요", "booking_channel", {"booking_field": "labor", "field": "labor"}
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("booking_channel", "phone"),
        SlotSet("booking_time", "2026-12-02T15:00:00+09:00"),
        SlotSet("booking_time_options", None),
    ]
    assert dispatcher.messages == []


async def test_a_time_given_before_the_channel_waits_for_it(
    booking_db: str,
    frozen_now: datetime,
    domain: dict,
) -> None:
    # "tomorrow at 3pm" when the field was confirmed: no complaint about the field answer,
    # the time is held until the channel is known, then checked.
    first = CollectingDispatcher()
    events = await FORM.run(
        first,
        answered("tomorrow at 3pm", "booking_channel", {"booking_field": "tax", "field": "tax"}),
        domain,
    )
    assert events == [
        SlotSet("booking_channel", None),
        SlotSet("booking_time_hint", "tomorrow at 3pm"),
    ]
    assert first.messages == []
    second = CollectingDispatcher()
    events = await FORM.run(
        second,
        answered(
            "video",
            "booking_channel",
            {"booking_field": "tax", "field": "tax", "booking_time_hint": "tomorrow at 3pm"},
        ),
        domain,
    )
    assert events == [
        SlotSet("booking_channel", "video"),
        SlotSet("booking_time", "2026-12-02T15:00:00+09:00"),
        SlotSet("booking_time_options", None),
        SlotSet("booking_time_hint", None),
    ]


async def test_a_channel_given_with_the_field_is_kept(
    booking_db: str,
    frozen_now: datetime,
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    events = await FORM.run(dispatcher, answered("세무요 전화로", "booking_field"), domain)
    assert events == [
        SlotSet("booking_field", "tax"),
        SlotSet("booking_channel", "phone"),
        SlotSet("field", "tax"),
    ]
    assert dispatcher.messages == []


async def test_yes_with_a_time_to_the_offer_starts_the_form_holding_the_time(
    booking_db: str,
    frozen_now: datetime,
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    # At activation Rasa validates what the offer's answer filled: the time waits.
    tracker = answered(
        "next Tuesday morning",
        None,
        {"field": "tax"},
        candidates={"booking_time": "next Tuesday morning"},
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("booking_time", None),
        SlotSet("booking_time_hint", "next Tuesday morning"),
    ]
    assert dispatcher.messages == []


async def test_a_typed_yes_to_the_cancel_question_of_the_manage_form(
    booking_db: str,
    frozen_now: datetime,
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = answered(
        "네 취소해 주세요",
        "manage_confirm",
        {"manage_action": "cancel", "manage_verified": "BZ-7K3Q@9999999999"},
        button={"title": "네, 취소합니다", "payload": "네"},
    )
    events = await ValidateBookingManageForm().run(dispatcher, tracker, domain)
    assert SlotSet("manage_confirm", "yes") in events
