"""``action_book_consultation``: saves the confirmed booking and forgets the personal data."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from actions.booking_form import FORM_SLOTS
from actions.booking_submit import WORK_SLOTS, ActionBookConsultation
from bot.booking import outbox, queries
from bot.booking.errors import SlotUnavailable
from bot.booking.status import BOOKED
from tests.support.actions_booking import book, form_answers
from tests.support.actions_turns import Act, Turn
from tests.support.booking import call
from tests.support.db_faults import locked

pytestmark = pytest.mark.usefixtures("booking_db", "frozen_now")

ACTION = ActionBookConsultation()
START = "2026-12-03T15:00:00+09:00"  # two days ahead: the reminder is due the day before
RESET = [SlotSet(name, None) for name in (*FORM_SLOTS, *WORK_SLOTS)]
OTHER = {
    "company_name": "다른회사",
    "business_number": "220-81-67899",
    "contact_name": "김철수",
    "phone": "010-2222-3333",
    "email": None,
    "summary": "다른 문의",
    "conversation_id": "other",
}
"""Someone else who books the same time first."""

Submit = Callable[..., Awaitable[Turn]]


@pytest.fixture()
def submit(act: Act, make_tracker: Callable[..., Tracker]) -> Submit:
    """Run the action after ``text``/``intent`` with the form answered (``changes`` applied)."""

    async def run(text: str = "예약 확정", intent: str = "affirm", **changes: Any) -> Turn:
        return await act(ACTION, make_tracker(text, intent, slots=form_answers(**changes)))

    return run


async def test_confirmed_booking_is_saved_and_personal_data_cleared(
    submit: Submit,
) -> None:
    said = await submit()
    [booking] = call(queries.list_bookings)
    assert said.events == [*RESET, SlotSet("booking_code", booking.code)]
    assert (booking.field, booking.channel, booking.start.isoformat()) == ("labor", "phone", START)
    assert (booking.business_number, booking.phone, booking.email) == (
        "123-45-67891",
        "010-1234-5678",
        None,
    )
    assert booking.conversation_id == "test-user" and booking.status == BOOKED
    [message] = said.messages
    assert message["response"] == "utter_booking_confirmed"
    assert message["code"] == booking.code and message["when"] == "12월 3일(목) 오후 3:00~3:50"
    assert message["custom"]["type"] == "booking" and message["custom"]["code"] == booking.code
    kinds = sorted(n.kind for n in call(outbox.list_outbox))
    assert kinds == ["confirmation", "reminder"]


async def test_pre_founder_without_number_and_email_is_booked(
    submit: Submit,
) -> None:
    await submit(business_number="없음", contact_email="a@b.co")
    [booking] = call(queries.list_bookings)
    assert (booking.business_number, booking.email) == ("", "a@b.co")


@pytest.mark.parametrize(
    ("text", "intent", "exit_reason", "confirm", "response"),
    [
        ("취소", "stop", "stop", None, "utter_booking_stopped"),
        ("취소", "stop", None, None, "utter_booking_stopped"),
        # Asking for a person hands off.
        ("상담원 연결해 주세요", "human_handoff", "handoff", "yes", "utter_handoff_waiting"),
    ],
)
async def test_leaving_the_form_saves_nothing(
    submit: Submit,
    text: str,
    intent: str,
    exit_reason: str | None,
    confirm: str | None,
    response: str,
) -> None:
    said = await submit(text, intent, booking_exit=exit_reason, booking_confirm=confirm)
    assert said.events == RESET
    assert said.responses == [response]
    assert call(queries.list_bookings) == []


async def test_slot_taken_meanwhile_keeps_the_answers_and_asks_only_for_a_new_time(
    frozen_now: datetime, submit: Submit
) -> None:
    # Every labor expert free at that time gets booked by someone else first.
    start = datetime.fromisoformat(START)
    while True:
        try:
            book(start, frozen_now, field="labor", channel="phone", applicant=OTHER)
        except SlotUnavailable:
            break
    said = await submit()
    assert said.responses == ["utter_booking_slot_taken"]
    assert said.events[:2] == [SlotSet("booking_time", None), SlotSet("booking_confirm", None)]
    options = said.events[2]["value"]
    assert said.events[2]["name"] == "booking_time_options" and 3 <= len(options) <= 5
    assert START not in [o["start"] for o in options]
    assert said.events[3] == FollowupAction("booking_form")
    assert all(b.conversation_id == "other" for b in call(queries.list_bookings))


@pytest.mark.usefixtures("one_second_budget")
async def test_database_down_keeps_every_answer_and_asks_to_confirm_again(
    booking_db: str, submit: Submit
) -> None:
    """Locked past the write budget: nothing saved, nothing forgotten, one tap retries."""
    with locked(booking_db):
        said = await submit()
    assert said.events == [
        SlotSet("booking_confirm", None),
        ActiveLoop("booking_form"),
        SlotSet("requested_slot", "booking_confirm"),
        FollowupAction("action_ask_booking_confirm"),
    ]
    assert said.responses == ["utter_booking_not_saved"]
    assert call(queries.list_bookings) == []
    retry = await submit()
    [booking] = call(queries.list_bookings)
    assert retry.events == [*RESET, SlotSet("booking_code", booking.code)]
    assert retry.responses == ["utter_booking_confirmed"]
