"""``action_offer_consultation`` routes to a field or asks for one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.consultation import ActionOfferConsultation
from bot.fields import FIELD_NAMES
from tests.support.actions_turns import Act, Turn

ACTION = ActionOfferConsultation()

pytestmark = pytest.mark.usefixtures("loaded_db")  # the action looks for a program it names

Offer = Callable[..., Awaitable[Turn]]


@pytest.fixture()
def offer(act: Act, make_tracker: Callable[..., Tracker]) -> Offer:
    """Run the action on a message (``make_tracker``'s arguments, ``ranking`` its intents)."""

    async def run(*message: Any, ranking: list[dict[str, Any]] | None = None, **kw: Any) -> Turn:
        tracker = make_tracker(*message, **kw)
        if ranking:
            tracker.latest_message["intent_ranking"] = ranking
        return await act(ACTION, tracker)

    return run


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
async def test_known_field_is_confirmed(offer: Offer, value: str, code: str) -> None:
    entity = {"entity": "field", "value": value, "start": 0, "end": len(value)}
    said = await offer(f"{value} 상담 받고 싶어요", "request_consultation", [entity])
    assert said.events == [SlotSet("field", code), SlotSet("booking_field", None)]
    [message] = said.messages
    assert message["response"] == "utter_offer_booking_no_summary"
    assert message["field_name"] == FIELD_NAMES[code]
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny"]


async def test_a_chosen_field_is_not_asked_again_in_the_form(offer: Offer) -> None:
    # The field button, clicked or typed ("세무요" reads as its payload).
    said = await offer(
        '/request_consultation{"field":"tax"}',
        "request_consultation",
        [{"entity": "field", "value": "tax"}],
    )
    assert said.events == [SlotSet("field", "tax"), SlotSet("booking_field", "tax")]
    assert said.responses == ["utter_offer_booking_no_summary"]


async def test_unknown_field_asks_with_a_button_per_field(offer: Offer) -> None:
    said = await offer("상담 받고 싶어요", "request_consultation")
    assert said.events == [SlotSet("field", None)]
    [message] = said.messages
    assert message["response"] == "utter_ask_field"
    assert [b["title"] for b in message["buttons"]] == list(FIELD_NAMES.values())
    assert all(b["payload"].startswith("/request_consultation") for b in message["buttons"])


@pytest.mark.parametrize("code", list(FIELD_NAMES))
async def test_problem_story_routes_by_intent_and_keeps_the_words(offer: Offer, code: str) -> None:
    text = "직원이 한 달째 안 나오다가 밀린 월급이랑 퇴직금을 달래요"
    said = await offer(text, f"consult_{code}")
    assert said.events == [
        SlotSet("inquiry", text),
        SlotSet("booking_summary", text),
        SlotSet("field", code),
        SlotSet("booking_field", None),
    ]
    [message] = said.messages
    assert message["response"] == "utter_offer_booking"
    assert (message["field_name"], message["summary"]) == (FIELD_NAMES[code], text)


async def test_two_close_fields_get_a_clarifying_question(offer: Offer) -> None:
    text = "직원 급여에서 세금 떼는 거랑 4대보험 문의"
    ranking = [
        {"name": "consult_labor", "confidence": 0.46},
        {"name": "consult_tax", "confidence": 0.41},
    ]
    said = await offer(text, "consult_labor", confidence=0.46, ranking=ranking)
    assert said.events == [
        SlotSet("inquiry", text),
        SlotSet("booking_summary", text),
        SlotSet("field", None),
    ]
    [message] = said.messages
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
    offer: Offer,
) -> None:
    """The model may read this as a startup consultation; the program is answered anyway,
    the expert is still offered, and the program stays for "거기 어디에 있어요?"."""
    text = "사업자등록번호 없는 예비창업자인데 창업허브 입주 가능한가요?"
    ranking = [
        {"name": "consult_startup", "confidence": 0.88},
        {"name": "ask_program_target", "confidence": 0.05},
    ]
    said = await offer(text, "consult_startup", ranking=ranking)
    assert said.events == [
        SlotSet("inquiry", text),
        SlotSet("booking_summary", text),
        SlotSet("program", "startup-hub"),
        SlotSet("field", "startup"),
        SlotSet("booking_field", None),
    ]
    answer, offered = said.messages
    assert answer["text"].startswith("창업허브운영")  # the target aspect: who may join
    assert "대상" in answer["text"]
    assert (answer["custom"]["type"], answer["custom"]["id"]) == ("program", "startup-hub")
    assert offered["response"] == "utter_offer_booking"


async def test_a_consultation_that_names_no_program_gets_only_the_offer(offer: Offer) -> None:
    said = await offer("거래처가 납품대금을 석 달째 안 줘요 내용증명 보내야 하나요", "consult_law")
    assert SlotSet("program", "startup-hub") not in said.events
    assert said.responses == ["utter_offer_booking"]
