"""The booking flow in English: buttons, review, confirmation and texts follow ``language``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking_form import ActionAskBookingConfirm, ActionAskBookingField, ValidateBookingForm
from actions.booking_submit import ActionBookConsultation
from actions.consultation import ActionOfferConsultation
from bot.booking import outbox, queries, slot_search
from tests.support.booking import call

EN = {"language": "en"}


async def test_offer_is_in_english(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    text = "Our Korean subsidiary needs advice on severance pay for a leaving employee"
    await ActionOfferConsultation().run(
        dispatcher, make_tracker(text, "consult_labor", slots=EN), domain
    )
    [message] = dispatcher.messages
    assert message["field_name"] == "Labor"
    assert [b["title"] for b in message["buttons"]] == ["Yes, book it", "No, thanks"]


async def test_field_question_and_answers_in_english(
    make_tracker: Callable[..., Tracker],
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    await ActionAskBookingField().run(
        dispatcher, make_tracker("yes", "affirm", slots={**EN, "field": "finance"}), domain
    )
    buttons = dispatcher.messages[0]["buttons"]
    assert dispatcher.messages[0]["field_name"] == "Investment & Financing"
    assert buttons[0] == {"title": "Yes", "payload": "Yes"}
    assert {"title": "Legal", "payload": "Legal"} in buttons
    form = ValidateBookingForm()
    for answer, code in (("Yes", "finance"), ("Legal", "law"), ("Trade & Export", "export")):
        events = await form.run(
            CollectingDispatcher(),
            form_tracker(answer, "booking_field", {**EN, "field": "finance"}),
            domain,
        )
        assert events[0] == SlotSet("booking_field", code)


async def test_review_is_in_english(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    slots = {
        **EN,
        "booking_field": "finance",
        "booking_channel": "visit",
        "booking_time": "2026-12-03T14:00:00+09:00",
        "company_name": "Acme Korea",
        "business_number": "없음",
        "contact_name": "Jane Doe",
        "contact_phone": "010-1234-5678",
        "contact_email": "없음",
        "booking_summary": "Setting up a Korean subsidiary",
    }
    await ActionAskBookingConfirm().run(
        dispatcher, make_tracker("x", "inform", slots=slots), domain
    )
    message = dispatcher.messages[0]
    assert {
        k: message[k] for k in ("field_name", "channel_name", "when", "business_number", "email")
    } == {
        "field_name": "Investment & Financing",
        "channel_name": "in person",
        "when": "Thu, Dec 3, 2:00 PM",
        "business_number": "not registered yet",
        "email": "none",
    }


async def test_english_booking_confirmation_and_text_message(
    booking_db: str,
    frozen_now: datetime,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    start = call(
        slot_search.nearest_free_slots,
        field="finance",
        channel="video",
        around=datetime.fromisoformat("2026-12-03T14:00:00+09:00"),
        now=frozen_now,
    )[0].start
    slots = {
        **EN,
        "booking_field": "finance",
        "booking_channel": "video",
        "booking_time": start.isoformat(),
        "company_name": "Acme Korea",
        "business_number": "없음",
        "contact_name": "Jane Doe",
        "contact_phone": "010-1234-5678",
        "contact_email": "jane@acme.example",
        "booking_summary": "Setting up a Korean subsidiary",
        "booking_confirm": "yes",
    }
    await ActionBookConsultation().run(
        dispatcher, make_tracker("confirm", "affirm", slots=slots), domain
    )
    message = dispatcher.messages[0]
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
