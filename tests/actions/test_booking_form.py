"""``validate_booking_form`` and the form's ask actions: exact events for every branch."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking_form import (
    ActionAskBookingConfirm,
    ActionAskBookingField,
    ActionAskBookingTime,
    ValidateBookingForm,
)

FORM = ValidateBookingForm()
FILLED = {"booking_field": "labor", "booking_channel": "phone", "field": "labor"}


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


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
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    slot: str,
    text: str,
    slots: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    events = await FORM.run(dispatcher, form_tracker(text, slot, slots), domain)
    assert events == [SlotSet(k, v) for k, v in expected.items()]
    assert dispatcher.messages == []


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
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    slot: str,
    text: str,
    response: str,
) -> None:
    events = await FORM.run(dispatcher, form_tracker(text, slot), domain)
    assert events == [SlotSet(slot, None), SlotSet("booking_failures", {slot: 1})]
    assert responses(dispatcher) == [response]


async def test_second_failure_on_one_question_offers_a_person(
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = form_tracker(
        "공일공", "contact_phone", {"booking_failures": {"contact_phone": 1, "company_name": 1}}
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("contact_phone", None),
        SlotSet("booking_failures", {"contact_phone": 2, "company_name": 1}),
    ]
    assert responses(dispatcher) == ["utter_invalid_contact_phone", "utter_offer_person"]


@pytest.mark.parametrize(
    "slot",
    [
        "booking_field",
        "booking_channel",
        "booking_time",
        "company_name",
        "business_number",
        "contact_phone",
        "booking_confirm",
    ],
)
@pytest.mark.parametrize("text", ["취소", "그만할래요", "나중에 할게요"])
async def test_stop_words_leave_the_form_from_any_question(
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    slot: str,
    text: str,
) -> None:
    events = await FORM.run(dispatcher, form_tracker(text, slot), domain)
    assert events == [
        SlotSet(slot, None),
        SlotSet("booking_exit", "stop"),
        SlotSet("requested_slot", None),
    ]
    assert dispatcher.messages == []


async def test_asking_for_a_person_leaves_the_form(
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = form_tracker("상담원 연결해 주세요", "company_name")
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("company_name", None),
        SlotSet("booking_exit", "handoff"),
        SlotSet("requested_slot", None),
    ]


async def test_refusing_at_the_review_stops(
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    events = await FORM.run(dispatcher, form_tracker("아니요", "booking_confirm"), domain)
    assert events == [
        SlotSet("booking_confirm", None),
        SlotSet("booking_exit", "stop"),
        SlotSet("requested_slot", None),
    ]


async def test_start_over_clears_every_answer_but_the_summary(
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    events = await FORM.run(dispatcher, form_tracker("처음부터 다시", "booking_confirm"), domain)
    names = [e["name"] for e in events]
    assert "booking_summary" not in names
    assert all(e["value"] is None for e in events)
    assert {"booking_field", "booking_time", "contact_phone", "booking_confirm"} <= set(names)


# --------------------------------------------------------------------------- time


async def test_a_free_time_is_accepted(
    booking_db: str,
    frozen_now: datetime,
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    events = await FORM.run(
        dispatcher, form_tracker("내일 오후 3시", "booking_time", FILLED), domain
    )
    assert events == [
        SlotSet("booking_time", "2026-12-02T15:00:00+09:00"),
        SlotSet("booking_time_options", None),
    ]
    assert dispatcher.messages == []


async def test_a_time_button_payload_is_accepted(
    booking_db: str,
    frozen_now: datetime,
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    events = await FORM.run(
        dispatcher, form_tracker("2026-12-03 10:30", "booking_time", FILLED), domain
    )
    assert events[0] == SlotSet("booking_time", "2026-12-03T10:30:00+09:00")


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
    booking_db: str,
    frozen_now: datetime,
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    text: str,
    response: str,
) -> None:
    events = await FORM.run(dispatcher, form_tracker(text, "booking_time", FILLED), domain)
    assert responses(dispatcher) == [response]
    assert events[0] == SlotSet("booking_time", None)
    options = events[1]["value"]
    assert events[1]["name"] == "booking_time_options" and 3 <= len(options) <= 5
    starts = [datetime.fromisoformat(o["start"]) for o in options]
    assert starts == sorted(starts) and all(s > frozen_now for s in starts)
    assert len(events) == 2  # not the user's fault: no failure counted


async def test_a_window_offers_free_times_inside_it(
    booking_db: str,
    frozen_now: datetime,
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    events = await FORM.run(dispatcher, form_tracker("모레 오후", "booking_time", FILLED), domain)
    assert responses(dispatcher) == ["utter_time_window_options"]
    starts = [datetime.fromisoformat(o["start"]) for o in events[1]["value"]]
    assert starts and all(s.date().isoformat() == "2026-12-03" and s.hour >= 12 for s in starts)


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("언젠가", "utter_invalid_time_no_time"),
        ("2월 30일 3시", "utter_invalid_time_invalid_date"),
        ("내일이나 모레 3시", "utter_invalid_time_ambiguous"),
    ],
)
async def test_unreadable_times_count_as_failures(
    booking_db: str,
    frozen_now: datetime,
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    text: str,
    response: str,
) -> None:
    events = await FORM.run(dispatcher, form_tracker(text, "booking_time", FILLED), domain)
    assert responses(dispatcher) == [response]
    assert events == [
        SlotSet("booking_time", None),
        SlotSet("booking_time_options", None),
        SlotSet("booking_failures", {"booking_time": 1}),
    ]


# --------------------------------------------------------------------------- ask actions


async def test_field_question_confirms_the_routed_field(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = make_tracker("네", "affirm", slots={"field": "labor"})
    assert await ActionAskBookingField().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_booking_field_confirm"
    assert message["field_name"] == "노무"
    assert message["buttons"][0] == {"title": "네", "payload": "네"}
    assert len(message["buttons"]) == 10 and "노무" not in [
        b["title"] for b in message["buttons"][1:]
    ]


async def test_field_question_without_a_field_lists_all_ten(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    await ActionAskBookingField().run(dispatcher, make_tracker("네", "affirm"), domain)
    assert dispatcher.messages[0]["response"] == "utter_ask_booking_field_choose"
    assert len(dispatcher.messages[0]["buttons"]) == 10


async def test_time_question_names_the_consultation_length(
    booking_db: str,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = make_tracker("전화", "inform", slots={"booking_field": "law"})
    await ActionAskBookingTime().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_ask_booking_time"
    assert dispatcher.messages[0]["minutes"] == 80  # law in catalog/experts.yml


async def test_time_question_offers_buttons_when_times_were_found(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    options = [
        {"start": "2026-12-02T14:00:00+09:00", "expert_id": "a"},
        {"start": "2026-12-02T15:30:00+09:00", "expert_id": "b"},
    ]
    tracker = make_tracker("주말", "inform", slots={"booking_time_options": options})
    await ActionAskBookingTime().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_booking_time_options"
    assert message["buttons"] == [
        {"title": "12월 2일(수) 오후 2:00", "payload": "2026-12-02 14:00"},
        {"title": "12월 2일(수) 오후 3:30", "payload": "2026-12-02 15:30"},
    ]


async def test_review_shows_everything_with_personal_data_masked(
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    slots = {
        "booking_field": "labor",
        "booking_channel": "video",
        "booking_time": "2026-12-02T15:00:00+09:00",
        "company_name": "서울상회",
        "business_number": "123-45-67891",
        "contact_name": "홍길순",
        "contact_phone": "010-1234-5678",
        "contact_email": "ceo@seoul.co.kr",
        "booking_summary": "퇴직금 문의",
    }
    await ActionAskBookingConfirm().run(
        dispatcher, make_tracker("x", "inform", slots=slots), domain
    )
    [message] = dispatcher.messages
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
