"""``action_validate_slot_mappings`` keeps the answer language and the booking request."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.slot_mappings import ValidateSlotMappings

ACTION = ValidateSlotMappings()


@pytest.mark.parametrize(
    ("text", "previous", "events"),
    [
        ("What does InvestSeoul do for foreign investors?", "ko", [SlotSet("language", "en")]),
        ("청년취업사관학교 어디예요", "en", [SlotSet("language", "ko")]),
        ("청년취업사관학교 어디예요", "ko", []),
        ("010-1234-5678", "en", []),
    ],
)
async def test_language_follows_the_user(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    text: str,
    previous: str,
    events: list,
) -> None:
    tracker = make_tracker(text, "ask_invest", slots={"language": previous})
    assert await ACTION.run(dispatcher, tracker, domain) == events
    assert dispatcher.messages == []


def _in_manage_form(
    make: Callable[..., Tracker], text: str, intent: str, confidence: float, action: str | None
) -> Tracker:
    tracker = make(
        text, intent, slots={"language": "ko", "manage_action": action}, confidence=confidence
    )
    tracker.active_loop = {"name": "booking_manage_form"}
    return tracker


@pytest.mark.parametrize(
    ("intent", "value"),
    [("booking_check", "check"), ("booking_change", "change"), ("booking_cancel", "cancel")],
)
async def test_a_booking_request_says_what_to_do(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    intent: str,
    value: str,
) -> None:
    tracker = make_tracker("예약 좀 봐 주세요", intent, slots={"language": "ko"}, confidence=0.5)
    assert await ACTION.run(dispatcher, tracker, domain) == [SlotSet("manage_action", value)]


async def test_an_unsure_answer_inside_the_form_keeps_the_request(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    # The phone number typed as an answer looked a little like a change request.
    phone = _in_manage_form(make_tracker, "010-1234-5678", "booking_change", 0.36, "check")
    assert await ACTION.run(dispatcher, phone, domain) == []
    clear = _in_manage_form(make_tracker, "아니요 그냥 취소할래요", "booking_cancel", 0.93, "check")
    assert await ACTION.run(dispatcher, clear, domain) == [SlotSet("manage_action", "cancel")]
