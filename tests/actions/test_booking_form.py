"""``validate_booking_form`` and the form's ask actions: exact events for every branch."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.booking_form import (
    ActionAskBookingConfirm,
    ActionAskBookingField,
    ActionAskBookingTime,
)
from tests.support.actions_booking import form_answers
from tests.support.actions_turns import Act, Fill

FILLED = {"booking_field": "labor", "booking_channel": "phone", "field": "labor"}
STOP_SLOTS = (
    "booking_field",
    "booking_channel",
    "booking_time",
    "company_name",
    "business_number",
    "contact_phone",
    "booking_confirm",
)
STOP_WORDS = ("취소", "그만할래요", "나중에 할게요")


@pytest.mark.parametrize(
    ("slot", "text", "slots", "expected"),
    [
        ("booking_field", "네", {"field": "labor"}, {"booking_field": "labor", "field": "labor"}),
        ("booking_field", "세무요", {"field": "labor"}, {"booking_field": "tax", "field": "tax"}),
        ("booking_channel", "전화로 할게요", {}, {"booking_channel": "phone"}),
        ("booking_channel", "줌", {}, {"booking_channel": "video"}),
        ("company_name", "(주)서울상회", {}, {"company_name": "(주)서울상회"}),
        ("business_number", "1234567891", {}, {"business_number": "123-45-67891"}),
        ("business_number", "예비창업자라 아직 없어요", {}, {"business_number": "없음"}),
        ("business_number", "없음", {}, {"business_number": "없음"}),
        ("contact_name", "홍길순", {}, {"contact_name": "홍길순"}),
        ("contact_phone", "010 1234 5678", {}, {"contact_phone": "010-1234-5678"}),
        ("contact_phone", "+82 10-9876-5432", {}, {"contact_phone": "010-9876-5432"}),
        ("contact_email", "CEO@Startup.CO.KR", {}, {"contact_email": "CEO@startup.co.kr"}),
        ("contact_email", "없음", {}, {"contact_email": "없음"}),
        ("booking_summary", "퇴직금 계산 문의", {}, {"booking_summary": "퇴직금 계산 문의"}),
        ("booking_confirm", "예약 확정", {}, {"booking_confirm": "yes"}),
        ("booking_confirm", "네", {}, {"booking_confirm": "yes"}),
    ],
)
async def test_valid_answers_are_normalised(
    fill: Fill, slot: str, text: str, slots: dict[str, Any], expected: dict[str, Any]
) -> None:
    said = await fill(text, slot, slots)
    assert said.events == [SlotSet(k, v) for k, v in expected.items()]
    assert said.messages == []


@pytest.mark.parametrize(
    ("slot", "text", "response"),
    [
        ("booking_field", "요리", "utter_invalid_booking_field"),
        ("booking_channel", "아무거나", "utter_invalid_booking_channel"),
        ("company_name", "ㅋㅋㅋ", "utter_invalid_company_name"),
        ("company_name", "<b>회사</b>" * 30, "utter_invalid_company_name"),
        ("business_number", "123-45-6789", "utter_invalid_business_number_length"),
        ("business_number", "123-45-67890", "utter_invalid_business_number_checksum"),
        ("contact_name", "홍길동3", "utter_invalid_contact_name"),
        ("contact_phone", "010-123-45", "utter_invalid_contact_phone"),
        ("contact_phone", "'; DROP TABLE bookings;--", "utter_invalid_contact_phone"),
        ("contact_email", "hong@", "utter_invalid_contact_email"),
        ("booking_summary", "🙂", "utter_invalid_booking_summary"),
        ("booking_confirm", "음 글쎄요", "utter_invalid_booking_confirm"),
    ],
)
async def test_each_invalid_answer_gets_its_own_message_and_a_reask(
    fill: Fill, slot: str, text: str, response: str
) -> None:
    said = await fill(text, slot)
    assert said.events == [SlotSet(slot, None), SlotSet("booking_failures", {slot: 1})]
    assert said.responses == [response]


async def test_second_failure_on_one_question_offers_a_person(fill: Fill) -> None:
    said = await fill(
        "공일공", "contact_phone", {"booking_failures": {"contact_phone": 1, "company_name": 1}}
    )
    assert said.events == [
        SlotSet("contact_phone", None),
        SlotSet("booking_failures", {"contact_phone": 2, "company_name": 1}),
    ]
    assert said.responses == ["utter_invalid_contact_phone", "utter_offer_person"]


@pytest.mark.parametrize(
    ("slot", "text", "exit_reason"),
    [
        # Stop words leave the form from any question.
        *(
            (slot, text, "stop")
            for slot in STOP_SLOTS
            for text in ("취소", "그만할래요", "나중에 할게요")
        ),
        ("company_name", "상담원 연결해 주세요", "handoff"),  # asking for a person
        ("booking_confirm", "아니요", "stop"),  # refusing at the review
    ],
)
async def test_leaving_answers_end_the_form_from_any_question(
    fill: Fill, slot: str, text: str, exit_reason: str
) -> None:
    said = await fill(text, slot)
    assert said.events == [
        SlotSet(slot, None),
        SlotSet("booking_exit", exit_reason),
        SlotSet("requested_slot", None),
    ]
    assert said.messages == []


async def test_start_over_clears_every_answer_but_the_summary(fill: Fill) -> None:
    said = await fill("처음부터 다시", "booking_confirm")
    names = [e["name"] for e in said.events]
    assert "booking_summary" not in names
    assert all(e["value"] is None for e in said.events)
    assert {"booking_field", "booking_time", "contact_phone", "booking_confirm"} <= set(names)


# --------------------------------------------------------------------------- time


@pytest.mark.usefixtures("booking_db", "frozen_now")
@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("내일 오후 3시", "2026-12-02T15:00:00+09:00"),
        ("2026-12-03 10:30", "2026-12-03T10:30:00+09:00"),  # a time button's payload
    ],
)
async def test_a_free_time_is_accepted(fill: Fill, text: str, start: str) -> None:
    said = await fill(text, "booking_time", FILLED)
    assert said.events == [SlotSet("booking_time", start), SlotSet("booking_time_options", None)]
    assert said.messages == []


@pytest.mark.usefixtures("booking_db")
@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("이번 주 토요일 오후 3시", "utter_time_closed"),  # weekend
        ("12월 25일 오후 2시", "utter_time_closed"),  # 성탄절
        ("오늘 오전 9시", "utter_time_past"),
        ("내일 밤 11시", "utter_time_closed"),
    ],
)
async def test_unbookable_times_say_why_and_offer_the_nearest_free_ones(
    frozen_now: datetime, fill: Fill, text: str, response: str
) -> None:
    said = await fill(text, "booking_time", FILLED)
    assert said.responses == [response]
    assert said.events[0] == SlotSet("booking_time", None)
    options = said.events[1]["value"]
    assert said.events[1]["name"] == "booking_time_options" and 3 <= len(options) <= 5
    starts = [datetime.fromisoformat(o["start"]) for o in options]
    assert starts == sorted(starts) and all(s > frozen_now for s in starts)
    assert len(said.events) == 2  # not the user's fault: no failure counted


@pytest.mark.usefixtures("booking_db", "frozen_now")
async def test_a_window_offers_free_times_inside_it(fill: Fill) -> None:
    said = await fill("모레 오후", "booking_time", FILLED)
    assert said.responses == ["utter_time_window_options"]
    starts = [datetime.fromisoformat(o["start"]) for o in said.events[1]["value"]]
    assert starts and all(s.date().isoformat() == "2026-12-03" and s.hour >= 12 for s in starts)


@pytest.mark.usefixtures("booking_db", "frozen_now")
@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("언젠가", "utter_invalid_time_no_time"),
        ("2월 30일 3시", "utter_invalid_time_invalid_date"),
        ("내일이나 모레 3시", "utter_invalid_time_ambiguous"),
    ],
)
async def test_unreadable_times_count_as_failures(fill: Fill, text: str, response: str) -> None:
    said = await fill(text, "booking_time", FILLED)
    assert said.responses == [response]
    assert said.events == [
        SlotSet("booking_time", None),
        SlotSet("booking_time_options", None),
        SlotSet("booking_failures", {"booking_time": 1}),
    ]


# --------------------------------------------------------------------------- ask actions


async def test_field_question_confirms_the_routed_field(
    act: Act, make_tracker: Callable[..., Tracker]
) -> None:
    said = await act(
        ActionAskBookingField(), make_tracker("네", "affirm", slots={"field": "labor"})
    )
    assert said.events == []
    [message] = said.messages
    assert message["response"] == "utter_ask_booking_field_confirm"
    assert message["field_name"] == "노무"
    assert message["buttons"][0] == {"title": "네", "payload": "네"}
    assert len(message["buttons"]) == 10 and "노무" not in [
        b["title"] for b in message["buttons"][1:]
    ]


async def test_field_question_without_a_field_lists_all_ten(
    act: Act, make_tracker: Callable[..., Tracker]
) -> None:
    said = await act(ActionAskBookingField(), make_tracker("네", "affirm"))
    assert said.messages[0]["response"] == "utter_ask_booking_field_choose"
    assert len(said.messages[0]["buttons"]) == 10


@pytest.mark.usefixtures("booking_db")
async def test_time_question_names_the_consultation_length(
    act: Act, make_tracker: Callable[..., Tracker]
) -> None:
    tracker = make_tracker("전화", "inform", slots={"booking_field": "law"})
    said = await act(ActionAskBookingTime(), tracker)
    assert said.messages[0]["response"] == "utter_ask_booking_time"
    assert said.messages[0]["minutes"] == 80  # law in catalog/experts.yml


async def test_time_question_offers_buttons_when_times_were_found(
    act: Act, make_tracker: Callable[..., Tracker]
) -> None:
    options = [
        {"start": "2026-12-02T14:00:00+09:00", "expert_id": "a"},
        {"start": "2026-12-02T15:30:00+09:00", "expert_id": "b"},
    ]
    tracker = make_tracker("주말", "inform", slots={"booking_time_options": options})
    [message] = (await act(ActionAskBookingTime(), tracker)).messages
    assert message["response"] == "utter_booking_time_options"
    assert message["buttons"] == [
        {"title": "12월 2일(수) 오후 2:00", "payload": "2026-12-02 14:00"},
        {"title": "12월 2일(수) 오후 3:30", "payload": "2026-12-02 15:30"},
    ]


async def test_review_shows_everything_with_personal_data_masked(
    act: Act, make_tracker: Callable[..., Tracker]
) -> None:
    slots = form_answers(
        booking_channel="video",
        booking_time="2026-12-02T15:00:00+09:00",
        contact_email="ceo@seoul.co.kr",
        booking_confirm=None,  # not answered yet: the review asks for it
    )
    said = await act(ActionAskBookingConfirm(), make_tracker("x", "inform", slots=slots))
    [message] = said.messages
    assert message["response"] == "utter_booking_review"
    assert {
        k: message[k]
        for k in (
            "field_name",
            "channel_name",
            "when",
            "business_number",
            "phone",
            "email",
            "summary",
        )
    } == {
        "field_name": "노무",
        "channel_name": "화상",
        "when": "12월 2일(수) 오후 3:00",
        "business_number": "123-45-*****",
        "phone": "010-****-5678",
        "email": "c***@seoul.co.kr",
        "summary": "퇴직금 문의",
    }
