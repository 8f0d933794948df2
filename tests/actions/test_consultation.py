"""``action_offer_consultation`` routes to a field or asks for one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.consultation import ActionOfferConsultation
from bot.fields import FIELD_NAMES

ACTION = ActionOfferConsultation()

pytestmark = pytest.mark.usefixtures("loaded_db")  # the action looks for a program it names


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("labor", "labor"),
        ("노무", "labor"),
        ("세무", "tax"),
        ("특허", "patent"),
        ("변리·특허", "patent"),
        ("무역", "export"),
        ("마케팅", "marketing"),
    ],
)
async def test_known_field_is_confirmed(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    value: str,
    code: str,
) -> None:
    tracker = make_tracker(
        f"{value} 상담 받고 싶어요",
        "request_consultation",
        [{"entity": "field", "value": value, "start": 0, "end": len(value)}],
    )
    events = await ACTION.run(dispatcher, tracker, domain)
    assert events == [SlotSet("field", code), SlotSet("booking_field", None)]
    [message] = dispatcher.messages
    assert message["response"] == "utter_offer_booking_no_summary"
    assert message["field_name"] == FIELD_NAMES[code]
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny"]


async def test_a_chosen_field_is_not_asked_again_in_the_form(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    # The field button, clicked or typed ("세무요" reads as its payload).
    tracker = make_tracker(
        '/request_consultation{"field":"tax"}',
        "request_consultation",
        [{"entity": "field", "value": "tax"}],
    )
    events = await ACTION.run(dispatcher, tracker, domain)
    assert events == [SlotSet("field", "tax"), SlotSet("booking_field", "tax")]
    assert [m["response"] for m in dispatcher.messages] == ["utter_offer_booking_no_summary"]


async def test_unknown_field_asks_with_a_button_per_field(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    events = await ACTION.run(
        dispatcher, make_tracker("상담 받고 싶어요", "request_consultation"), domain
    )
    assert events == [SlotSet("field", None)]
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_field"
    assert [b["title"] for b in message["buttons"]] == list(FIELD_NAMES.values())
    assert all(b["payload"].startswith("/request_consultation") for b in message["buttons"])


@pytest.mark.parametrize("code", list(FIELD_NAMES))
async def test_problem_story_routes_by_intent_and_keeps_the_words(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    code: str,
) -> None:
    text = "직원이 한 달째 안 나오다가 밀린 월급이랑 퇴직금을 달래요"
    tracker = make_tracker(text, f"consult_{code}")
    events = await ACTION.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("inquiry", text),
        SlotSet("booking_summary", text),
        SlotSet("field", code),
        SlotSet("booking_field", None),
    ]
    [message] = dispatcher.messages
    assert message["response"] == "utter_offer_booking"
    assert (message["field_name"], message["summary"]) == (FIELD_NAMES[code], text)


async def test_two_close_fields_get_a_clarifying_question(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    text = "직원 급여에서 세금 떼는 거랑 4대보험 문의"
    tracker = make_tracker(text, "consult_labor", confidence=0.46)
    tracker.latest_message["intent_ranking"] = [
        {"name": "consult_labor", "confidence": 0.46},
        {"name": "consult_tax", "confidence": 0.41},
    ]
    events = await ACTION.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("inquiry", text),
        SlotSet("booking_summary", text),
        SlotSet("field", None),
    ]
    [message] = dispatcher.messages
    assert message["response"] == "utter_clarify_field"
    assert (message["first"], message["second"]) == ("노무", "세무")
    assert [b["title"] for b in message["buttons"]] == ["노무", "세무"]


def test_every_response_the_actions_use_is_in_the_domain(domain: dict) -> None:
    for name in (
        "utter_ask_field",
        "utter_offer_booking",
        "utter_offer_booking_no_summary",
        "utter_service_unavailable",
        "utter_clarify_field",
    ):
        assert name in domain["responses"]
    assert "{summary}" in domain["responses"]["utter_offer_booking"][0]["text"]
    assert "{first}" in domain["responses"]["utter_clarify_field"][0]["text"]


async def test_a_consultation_that_asks_about_a_named_program_gets_the_program_first(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    """The model may read this as a startup consultation; the program is answered anyway,
    the expert is still offered, and the program stays for "거기 어디에 있어요?"."""
    text = "사업자등록번호 없는 예비창업자인데 창업허브 입주 가능한가요?"
    tracker = make_tracker(text, "consult_startup")
    tracker.latest_message["intent_ranking"] = [
        {"name": "consult_startup", "confidence": 0.88},
        {"name": "ask_program_target", "confidence": 0.05},
    ]
    events = await ACTION.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("inquiry", text),
        SlotSet("booking_summary", text),
        SlotSet("program", "startup-hub"),
        SlotSet("field", "startup"),
        SlotSet("booking_field", None),
    ]
    answer, offer = dispatcher.messages
    assert answer["text"].startswith("창업허브운영")  # the target aspect: who may join
    assert "대상" in answer["text"]
    assert (answer["custom"]["type"], answer["custom"]["id"]) == ("program", "startup-hub")
    assert offer["response"] == "utter_offer_booking"


async def test_a_consultation_that_names_no_program_gets_only_the_offer(
    make_tracker: Callable[..., Tracker], dispatcher: CollectingDispatcher, domain: dict
) -> None:
    text = "거래처가 납품대금을 석 달째 안 줘요 내용증명 보내야 하나요"
    events = await ACTION.run(dispatcher, make_tracker(text, "consult_law"), domain)
    assert SlotSet("program", "startup-hub") not in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_offer_booking"]
