"""``action_book_consultation``: saves the confirmed booking and forgets the personal data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking_form import FORM_SLOTS
from actions.booking_submit import WORK_SLOTS, ActionBookConsultation
from bot.booking import outbox, queries, writes
from bot.booking.errors import SlotUnavailable
from bot.booking.status import BOOKED
from tests.support.booking import call, write
from tests.support.db_faults import locked

ACTION = ActionBookConsultation()
START = "2026-12-03T15:00:00+09:00"  # two days ahead: the reminder is due the day before


def confirmed(**changes: Any) -> dict[str, Any]:
    slots = {
        "booking_field": "labor",
        "booking_channel": "phone",
        "booking_time": START,
        "company_name": "서울상회",
        "business_number": "123-45-67891",
        "contact_name": "홍길순",
        "contact_phone": "010-1234-5678",
        "contact_email": "없음",
        "booking_summary": "퇴직금 문의",
        "booking_confirm": "yes",
    }
    slots.update(changes)
    return slots


RESET = [SlotSet(name, None) for name in (*FORM_SLOTS, *WORK_SLOTS)]


async def test_confirmed_booking_is_saved_and_personal_data_cleared(
    booking_db: str,
    frozen_now: datetime,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = make_tracker("예약 확정", "affirm", slots=confirmed())
    events = await ACTION.run(dispatcher, tracker, domain)
    [booking] = call(queries.list_bookings)
    assert events == [*RESET, SlotSet("booking_code", booking.code)]
    assert (booking.field, booking.channel, booking.start.isoformat()) == ("labor", "phone", START)
    assert (booking.business_number, booking.phone, booking.email) == (
        "123-45-67891",
        "010-1234-5678",
        None,
    )
    assert booking.conversation_id == "test-user" and booking.status == BOOKED
    [message] = dispatcher.messages
    assert message["response"] == "utter_booking_confirmed"
    assert message["code"] == booking.code and message["when"] == "12월 3일(목) 오후 3:00~3:50"
    assert message["custom"]["type"] == "booking" and message["custom"]["code"] == booking.code
    kinds = sorted(n.kind for n in call(outbox.list_outbox))
    assert kinds == ["confirmation", "reminder"]


async def test_pre_founder_without_number_and_email_is_booked(
    booking_db: str,
    frozen_now: datetime,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = make_tracker(
        "예약 확정", "affirm", slots=confirmed(business_number="없음", contact_email="a@b.co")
    )
    await ACTION.run(dispatcher, tracker, domain)
    [booking] = call(queries.list_bookings)
    assert (booking.business_number, booking.email) == ("", "a@b.co")


@pytest.mark.parametrize(
    ("exit_reason", "confirm", "response"),
    [
        ("stop", None, "utter_booking_stopped"),
        (None, None, "utter_booking_stopped"),
    ],
)
async def test_leaving_the_form_saves_nothing(
    booking_db: str,
    frozen_now: datetime,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    exit_reason: str | None,
    confirm: str | None,
    response: str,
) -> None:
    tracker = make_tracker(
        "취소", "stop", slots=confirmed(booking_exit=exit_reason, booking_confirm=confirm)
    )
    events = await ACTION.run(dispatcher, tracker, domain)
    assert events == RESET
    assert [m["response"] for m in dispatcher.messages] == [response]
    assert call(queries.list_bookings) == []


async def test_asking_for_a_person_hands_off_and_saves_nothing(
    booking_db: str,
    frozen_now: datetime,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = make_tracker(
        "상담원 연결해 주세요", "human_handoff", slots=confirmed(booking_exit="handoff")
    )
    events = await ACTION.run(dispatcher, tracker, domain)
    assert events == RESET
    assert [m["response"] for m in dispatcher.messages] == ["utter_handoff_waiting"]
    assert call(queries.list_bookings) == []


async def test_slot_taken_meanwhile_keeps_the_answers_and_asks_only_for_a_new_time(
    booking_db: str,
    frozen_now: datetime,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    # Every labor expert free at that time gets booked by someone else first.
    start = datetime.fromisoformat(START)
    while True:
        try:
            write(
                writes.create_booking,
                field="labor",
                channel="phone",
                start=start,
                company_name="다른회사",
                business_number="220-81-67899",
                contact_name="김철수",
                phone="010-2222-3333",
                email=None,
                summary="다른 문의",
                conversation_id="other",
                now=frozen_now,
            )
        except SlotUnavailable:
            break
    tracker = make_tracker("예약 확정", "affirm", slots=confirmed())
    events = await ACTION.run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_booking_slot_taken"]
    assert events[:2] == [SlotSet("booking_time", None), SlotSet("booking_confirm", None)]
    assert events[2]["name"] == "booking_time_options" and 3 <= len(events[2]["value"]) <= 5
    assert START not in [o["start"] for o in events[2]["value"]]
    assert events[3] == FollowupAction("booking_form")
    assert all(b.conversation_id == "other" for b in call(queries.list_bookings))


async def test_database_down_keeps_every_answer_and_asks_to_confirm_again(
    booking_db: str,
    frozen_now: datetime,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    one_second_budget: None,
) -> None:
    """Locked past the write budget: nothing saved, nothing forgotten, one tap retries."""
    tracker = make_tracker("예약 확정", "affirm", slots=confirmed())
    with locked(booking_db):
        events = await ACTION.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("booking_confirm", None),
        ActiveLoop("booking_form"),
        SlotSet("requested_slot", "booking_confirm"),
        FollowupAction("action_ask_booking_confirm"),
    ]
    assert [m["response"] for m in dispatcher.messages] == ["utter_booking_not_saved"]
    assert call(queries.list_bookings) == []
    retry = CollectingDispatcher()
    events = await ACTION.run(retry, tracker, domain)
    [booking] = call(queries.list_bookings)
    assert events == [*RESET, SlotSet("booking_code", booking.code)]
    assert [m["response"] for m in retry.messages] == ["utter_booking_confirmed"]
