"""The booking form reads typed button answers as clicks and keeps answers given early."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import SlotSet

from actions.booking_manage import ValidateBookingManageForm
from tests.support.actions_turns import Act, Fill, Turn, form_tracker

pytestmark = pytest.mark.usefixtures("booking_db", "frozen_now")

UNSURE: dict[str, Any] = {"intent": "nlu_fallback", "confidence": 0.3, "sender_id": "early"}
"""How these answers arrive: the model is unsure of them, the form reads them itself."""


async def answer(
    fill: Fill, text: str, requested: str | None, slots: dict[str, Any], **options: Any
) -> Turn:
    """One unsure answer to the booking form."""
    return await fill(text, requested, slots, **UNSURE, **options)


@pytest.mark.parametrize(
    ("text", "requested", "slots", "button", "expected"),
    [
        (
            "2번",  # a typed ordinal for a free time books that time
            "booking_time",
            {"booking_field": "labor", "booking_channel": "phone", "field": "labor"},
            {"title": "12월 3일(목) 오전 10:30", "payload": "2026-12-03 10:30"},
            [
                SlotSet("booking_time", "2026-12-03T10:30:00+09:00"),
                SlotSet("booking_time_options", None),
            ],
        ),
        (
            "전화로 내일 오후 3시요",  # a time given when the channel was asked is kept
            "booking_channel",
            {"booking_field": "labor", "field": "labor"},
            None,
            [
                SlotSet("booking_channel", "phone"),
                SlotSet("booking_time", "2026-12-02T15:00:00+09:00"),
                SlotSet("booking_time_options", None),
            ],
        ),
        (
            "세무요 전화로",  # a channel given with the field is kept
            "booking_field",
            {},
            None,
            [
                SlotSet("booking_field", "tax"),
                SlotSet("booking_channel", "phone"),
                SlotSet("field", "tax"),
            ],
        ),
    ],
    ids=["typed-ordinal", "time-with-channel", "channel-with-field"],
)
async def test_early_and_typed_answers_are_kept(
    fill: Fill,
    text: str,
    requested: str,
    slots: dict[str, Any],
    button: dict[str, str] | None,
    expected: list[dict[str, Any]],
) -> None:
    said = await answer(fill, text, requested, slots, button=button)
    assert said.events == expected
    assert said.messages == []


async def test_a_time_given_before_the_channel_waits_for_it(fill: Fill) -> None:
    # "tomorrow at 3pm" when the field was confirmed: no complaint about the field answer,
    # the time is held until the channel is known, then checked.
    tax = {"booking_field": "tax", "field": "tax"}
    first = await answer(fill, "tomorrow at 3pm", "booking_channel", tax)
    assert first.events == [
        SlotSet("booking_channel", None),
        SlotSet("booking_time_hint", "tomorrow at 3pm"),
    ]
    assert first.messages == []
    second = await answer(
        fill, "video", "booking_channel", {**tax, "booking_time_hint": "tomorrow at 3pm"}
    )
    assert second.events == [
        SlotSet("booking_channel", "video"),
        SlotSet("booking_time", "2026-12-02T15:00:00+09:00"),
        SlotSet("booking_time_options", None),
        SlotSet("booking_time_hint", None),
    ]


async def test_yes_with_a_time_to_the_offer_starts_the_form_holding_the_time(fill: Fill) -> None:
    # At activation Rasa validates what the offer's answer filled: the time waits.
    said = await answer(
        fill,
        "next Tuesday morning",
        None,
        {"field": "tax"},
        candidates={"booking_time": "next Tuesday morning"},
    )
    assert said.events == [
        SlotSet("booking_time", None),
        SlotSet("booking_time_hint", "next Tuesday morning"),
    ]
    assert said.messages == []


async def test_a_typed_yes_to_the_cancel_question_of_the_manage_form(act: Act) -> None:
    tracker = form_tracker(
        "네 취소해 주세요",
        "manage_confirm",
        {"manage_action": "cancel", "manage_verified": "BZ-7K3Q@9999999999"},
        button={"title": "네, 취소합니다", "payload": "네"},
        **UNSURE,
    )
    said = await act(ValidateBookingManageForm(), tracker)
    assert SlotSet("manage_confirm", "yes") in said.events
