"""The booking flow in English: buttons, review, confirmation and texts follow ``language``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.booking_form import ActionAskBookingConfirm, ActionAskBookingField
from actions.booking_submit import ActionBookConsultation
from actions.consultation import ActionOfferConsultation
from bot.booking import outbox, queries
from tests.support.actions_booking import form_answers, free_start
from tests.support.actions_turns import Act, Fill
from tests.support.booking import call

EN = {"language": "en"}


def acme(**changes: Any) -> dict[str, Any]:
    """A foreign company's answers in English, for investment and financing."""
    return form_answers(
        **EN,
        booking_field="finance",
        company_name="Acme Korea",
        business_number="없음",
        contact_name="Jane Doe",
        booking_summary="Setting up a Korean subsidiary",
        **changes,
    )


async def test_offer_is_in_english(act: Act, make_tracker: Callable[..., Tracker]) -> None:
    text = "Our Korean subsidiary needs advice on severance pay for a leaving employee"
    said = await act(ActionOfferConsultation(), make_tracker(text, "consult_labor", slots=EN))
    [message] = said.messages
    assert message["field_name"] == "Labor"
    assert [b["title"] for b in message["buttons"]] == ["Yes, book it", "No, thanks"]


async def test_field_question_and_answers_in_english(
    act: Act, fill: Fill, make_tracker: Callable[..., Tracker]
) -> None:
    slots = {**EN, "field": "finance"}
    said = await act(ActionAskBookingField(), make_tracker("yes", "affirm", slots=slots))
    buttons = said.messages[0]["buttons"]
    assert said.messages[0]["field_name"] == "Investment & Financing"
    assert buttons[0] == {"title": "Yes", "payload": "Yes"}
    assert {"title": "Legal", "payload": "Legal"} in buttons
    for answer, code in (("Yes", "finance"), ("Legal", "law"), ("Trade & Export", "export")):
        events = (await fill(answer, "booking_field", slots)).events
        assert events[0] == SlotSet("booking_field", code)


async def test_review_is_in_english(act: Act, make_tracker: Callable[..., Tracker]) -> None:
    slots = acme(
        booking_channel="visit", booking_time="2026-12-03T14:00:00+09:00", booking_confirm=None
    )
    said = await act(ActionAskBookingConfirm(), make_tracker("x", "inform", slots=slots))
    message = said.messages[0]
    assert {
        k: message[k] for k in ("field_name", "channel_name", "when", "business_number", "email")
    } == {
        "field_name": "Investment & Financing",
        "channel_name": "in person",
        "when": "Thu, Dec 3, 2:00 PM",
        "business_number": "not registered yet",
        "email": "none",
    }


@pytest.mark.usefixtures("booking_db")
async def test_english_booking_confirmation_and_text_message(
    frozen_now: datetime, act: Act, make_tracker: Callable[..., Tracker]
) -> None:
    start = free_start("finance", "video", "2026-12-03T14:00:00+09:00", frozen_now)
    slots = acme(
        booking_channel="video",
        booking_time=start.isoformat(),
        contact_email="jane@acme.example",
    )
    said = await act(ActionBookConsultation(), make_tracker("confirm", "affirm", slots=slots))
    message = said.messages[0]
    assert message["response"] == "utter_booking_confirmed"
    assert message["field_name"] == "Investment & Financing" and message["channel_name"] == "video"
    [booking] = call(queries.list_bookings)
    assert message["when"] == "Thu, Dec 3, 1:00 PM–1:50 PM"
    assert message["custom"]["status"] == "booked"
    assert message["expert_name"] == booking.expert_name_en and booking.expert_name_en.isascii()
    assert booking.language == "en"
    confirmation = [n for n in call(outbox.list_outbox) if n.kind == "confirmation"]
    assert confirmation
    for notification in confirmation:
        assert booking.code in notification.body
        assert not any("\uac00" <= ch <= "\ud7a3" for ch in notification.body), notification.body
