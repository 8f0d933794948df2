"""Check, reschedule and cancel by code plus phone — and never reveal someone else's booking."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking_manage import (
    WORK_SLOTS,
    ActionManageBooking,
    ValidateBookingManageForm,
    find_code,
    verified_code,
)
from bot import clock
from bot.booking import outbox, queries, writes
from bot.booking.results import BookingInfo
from bot.booking.status import BOOKED, CANCELLED, CHANGED
from tests.support.actions_booking import book, free_start
from tests.support.actions_turns import Act, Turn, form_tracker
from tests.support.booking import call, write
from tests.support.db_faults import locked

FORM = ValidateBookingManageForm()
ACTION = ActionManageBooking()
RESET = [SlotSet(name, None) for name in (*WORK_SLOTS, "manage_action")]
RIGHT_PHONE = "010-1234-5678"
WRONG_PHONE = "010-9999-8888"

Run = Callable[..., Awaitable[Turn]]


@pytest.fixture()
def booking(booking_db: str, frozen_now: datetime) -> BookingInfo:
    return book(free_start("tax", "video", "2026-12-03T10:00:00+09:00", frozen_now), frozen_now)


@pytest.fixture()
def answer_phone(act: Act, booking: BookingInfo) -> Run:
    """Answer the form's phone question for a check of ``code`` (the booking's by default)."""

    async def run(phone: str, code: str | None = None, sender_id: str = "form-user") -> Turn:
        slots = {"manage_code": code or booking.code, "manage_action": "check"}
        tracker = form_tracker(
            phone, "manage_phone", slots, sender_id=sender_id, form="booking_manage_form"
        )
        return await act(FORM, tracker)

    return run


@pytest.fixture()
def manage(act: Act, make_tracker: Callable[..., Tracker], booking: BookingInfo) -> Run:
    """Run the action for the verified owner of ``booking`` after ``text``/``intent``."""

    async def run(text: str, intent: str, **slots: Any) -> Turn:
        verified_slots = {"manage_verified": verified(booking), **slots}
        return await act(ACTION, make_tracker(text, intent, slots=verified_slots))

    return run


def slot_values(events: list[dict]) -> dict:
    """Slot name → value of the SlotSet events, without the form's bookkeeping."""
    return {e["name"]: e["value"] for e in events if e["name"] != "requested_slot"}


def verified(info: BookingInfo) -> str:
    return f"{info.code}@{clock.timestamp():.0f}"


def status_of(info: BookingInfo) -> str:
    """The booking's status as saved now."""
    saved = call(queries.booking_by_code, code=info.code)
    assert saved is not None
    return saved.status


def test_codes_are_found_in_any_spelling() -> None:
    assert find_code("bz 7k3q 예약 취소요") == "BZ-7K3Q"
    assert find_code("예약번호는 BZ7K3Q입니다") is None  # 입니다 glued on: not a word boundary
    assert find_code("BZ-7K3Q") == "BZ-7K3Q"
    assert find_code("BZ-0O1I") is None  # ambiguous characters are never issued


async def test_right_code_and_phone_verify_and_forget_the_phone(
    booking: BookingInfo, answer_phone: Run
) -> None:
    said = await answer_phone("010 1234 5678")
    values = slot_values(said.events)
    assert values.pop("manage_verified").startswith(booking.code + "@")
    assert values == {"manage_phone": None, "manage_code": booking.code}
    assert said.events[-1] == SlotSet("requested_slot", None)  # a check needs nothing more
    assert said.messages == []


@pytest.mark.parametrize(
    ("code", "phone"),
    [
        ("BZ-ZZZZ", RIGHT_PHONE),  # wrong code
        (None, WRONG_PHONE),  # right code, wrong phone
    ],
)
async def test_wrong_code_or_phone_get_the_same_answer(
    booking: BookingInfo, answer_phone: Run, code: str | None, phone: str
) -> None:
    said = await answer_phone(phone, code, sender_id="stranger")
    assert said.responses == ["utter_manage_not_found"]
    assert slot_values(said.events) == {
        "manage_code": None,
        "manage_phone": None,
        "manage_failures": {"manage_phone": 1},
    }
    # The form goes on: Rasa asks the first empty slot again, the code.
    assert SlotSet("requested_slot", None) not in said.events
    assert booking.code not in str(said.messages)


async def test_repeated_wrong_guesses_are_blocked(answer_phone: Run) -> None:
    answers = []
    for _ in range(7):
        said = await answer_phone(WRONG_PHONE, sender_id="guesser")
        answers.append(said.responses[0])
        if answers[-1] == "utter_manage_rate_limited":
            assert SlotSet("booking_exit", "blocked") in said.events
            assert said.events[-1] == SlotSet("requested_slot", None)
            assert said.messages[0]["minutes"] >= 1
    assert answers[:5] == ["utter_manage_not_found"] * 5
    assert answers[5:] == ["utter_manage_rate_limited"] * 2
    # Even the right phone is refused while blocked.
    said = await answer_phone(RIGHT_PHONE, sender_id="guesser")
    assert said.responses[0] == "utter_manage_rate_limited"


@pytest.mark.usefixtures("booking_db")
async def test_invalid_code_format_is_explained(act: Act) -> None:
    tracker = form_tracker(
        "예약번호 몰라요", "manage_code", {"manage_action": "check"}, form="booking_manage_form"
    )
    said = await act(FORM, tracker)
    assert said.responses == ["utter_invalid_manage_code"]
    assert said.events[0] == SlotSet("manage_code", None)


async def test_check_shows_the_booking_with_change_and_cancel_buttons(
    booking: BookingInfo, manage: Run
) -> None:
    said = await manage("x", "booking_check", manage_action="check")
    assert said.events == RESET
    [message] = said.messages
    assert message["response"] == "utter_booking_details"
    assert (message["code"], message["when"], message["status"]) == (
        booking.code,
        "12월 3일(목) 오후 1:00",
        "예약됨",
    )
    assert [b["payload"] for b in message["buttons"]] == ["/booking_change", "/booking_cancel"]


async def test_cancel_after_confirmation(booking: BookingInfo, manage: Run) -> None:
    said = await manage("네", "affirm", manage_action="cancel", manage_confirm="yes")
    assert said.events == RESET
    assert said.responses[0] == "utter_booking_cancelled"
    assert status_of(booking) == CANCELLED
    assert "cancelled" in [n.kind for n in call(outbox.list_outbox)]


async def test_cancel_declined_keeps_the_booking(booking: BookingInfo, manage: Run) -> None:
    said = await manage("아니요", "deny", manage_action="cancel", manage_confirm="no")
    assert said.responses[0] == "utter_booking_kept"
    assert status_of(booking) == BOOKED


async def test_reschedule_moves_the_booking(
    booking: BookingInfo, frozen_now: datetime, manage: Run
) -> None:
    new_start = free_start("tax", "video", "2026-12-04T14:00:00+09:00", frozen_now)
    said = await manage(
        "x", "inform", manage_action="change", manage_new_time=new_start.isoformat()
    )
    assert said.events == RESET
    [message] = said.messages
    assert message["response"] == "utter_booking_rescheduled"
    assert message["when"] == "12월 4일(금) 오후 6:00" and message["custom"]["code"] == booking.code
    moved = call(queries.booking_by_code, code=booking.code)
    assert moved is not None and moved.status == CHANGED
    assert moved.start == new_start


@pytest.mark.usefixtures("one_second_budget")
async def test_database_down_changes_nothing_and_says_so(
    booking: BookingInfo, booking_db: str, manage: Run
) -> None:
    with locked(booking_db):
        said = await manage("네", "affirm", manage_action="cancel", manage_confirm="yes")
    assert said.events == RESET
    assert said.responses == ["utter_booking_change_not_saved"]
    assert status_of(booking) == BOOKED


async def test_cancelled_booking_cannot_be_moved(
    booking: BookingInfo, frozen_now: datetime, manage: Run
) -> None:
    write(
        writes.cancel_booking,
        code=booking.code,
        phone=booking.phone,
        requester="owner",
        now=frozen_now,
    )
    said = await manage(
        "x", "inform", manage_action="change", manage_new_time="2026-12-04T14:00:00+09:00"
    )
    assert said.responses[0] == "utter_booking_not_changeable"
    assert said.messages[0]["status"] == CANCELLED


async def test_required_slots_follow_the_request(
    booking: BookingInfo,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    for action, expected in (
        ("check", []),
        ("cancel", ["manage_confirm"]),
        ("change", ["manage_new_time"]),
    ):
        unverified = make_tracker("x", "inform", slots={"manage_action": action})
        assert await FORM.required_slots([], dispatcher, unverified, domain) == [
            "manage_code",
            "manage_phone",
            *expected,
        ]
        done = make_tracker(
            "x", "inform", slots={"manage_action": action, "manage_verified": verified(booking)}
        )
        assert await FORM.required_slots([], dispatcher, done, domain) == expected
    stale = make_tracker("x", "inform", slots={"manage_verified": f"{booking.code}@0"})
    assert verified_code(stale) is None
