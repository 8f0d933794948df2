"""Check, reschedule and cancel by code plus phone — and never reveal someone else's booking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

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
from bot.booking import outbox, queries, slot_search, writes
from bot.booking.results import BookingInfo
from bot.booking.status import BOOKED, CANCELLED, CHANGED
from tests.support.booking import call, write
from tests.support.db_faults import locked

FORM = ValidateBookingManageForm()
ACTION = ActionManageBooking()
RESET = [SlotSet(name, None) for name in (*WORK_SLOTS, "manage_action")]


def free_start(around: str, now: datetime) -> datetime:
    """The first free tax/video start near ``around`` (the roster decides which)."""
    return call(
        slot_search.nearest_free_slots,
        field="tax",
        channel="video",
        around=datetime.fromisoformat(around),
        now=now,
    )[0].start


@pytest.fixture()
def booking(booking_db: str, frozen_now: datetime) -> BookingInfo:
    return write(
        writes.create_booking,
        field="tax",
        channel="video",
        start=free_start("2026-12-03T10:00:00+09:00", frozen_now),
        company_name="서울상회",
        business_number="123-45-67891",
        contact_name="홍길순",
        phone="010-1234-5678",
        email=None,
        summary="부가세 신고",
        conversation_id="owner",
        now=frozen_now,
    )


def slot_values(events: list[dict]) -> dict:
    """Slot name → value of the SlotSet events, without the form's bookkeeping."""
    return {e["name"]: e["value"] for e in events if e["name"] != "requested_slot"}


def verified(info: BookingInfo) -> str:
    return f"{info.code}@{clock.timestamp():.0f}"


def test_codes_are_found_in_any_spelling() -> None:
    assert find_code("bz 7k3q 예약 취소요") == "BZ-7K3Q"
    assert find_code("예약번호는 BZ7K3Q입니다") is None  # 입니다 glued on: not a word boundary
    assert find_code("BZ-7K3Q") == "BZ-7K3Q"
    assert find_code("BZ-0O1I") is None  # ambiguous characters are never issued


async def test_right_code_and_phone_verify_and_forget_the_phone(
    booking: BookingInfo,
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = form_tracker(
        "010 1234 5678",
        "manage_phone",
        {"manage_code": booking.code, "manage_action": "check"},
        form="booking_manage_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    values = slot_values(events)
    assert values.pop("manage_verified").startswith(booking.code + "@")
    assert values == {"manage_phone": None, "manage_code": booking.code}
    assert events[-1] == SlotSet("requested_slot", None)  # a check needs nothing more
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("code", "phone"),
    [
        ("BZ-ZZZZ", "010-1234-5678"),  # wrong code
        (None, "010-9999-8888"),  # right code, wrong phone
    ],
)
async def test_wrong_code_or_phone_get_the_same_answer(
    booking: BookingInfo,
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    code: str | None,
    phone: str,
) -> None:
    tracker = form_tracker(
        phone,
        "manage_phone",
        {"manage_code": code or booking.code, "manage_action": "check"},
        sender_id="stranger",
        form="booking_manage_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_manage_not_found"]
    assert slot_values(events) == {
        "manage_code": None,
        "manage_phone": None,
        "manage_failures": {"manage_phone": 1},
    }
    # The form goes on: Rasa asks the first empty slot again, the code.
    assert SlotSet("requested_slot", None) not in events
    assert booking.code not in str(dispatcher.messages)


async def test_repeated_wrong_guesses_are_blocked(
    booking: BookingInfo,
    form_tracker: Callable[..., Tracker],
    domain: dict,
) -> None:
    answers = []
    for _ in range(7):
        dispatcher = CollectingDispatcher()
        tracker = form_tracker(
            "010-9999-8888",
            "manage_phone",
            {"manage_code": booking.code, "manage_action": "check"},
            sender_id="guesser",
            form="booking_manage_form",
        )
        events = await FORM.run(dispatcher, tracker, domain)
        answers.append(dispatcher.messages[0]["response"])
        if answers[-1] == "utter_manage_rate_limited":
            assert SlotSet("booking_exit", "blocked") in events
            assert events[-1] == SlotSet("requested_slot", None)
            assert dispatcher.messages[0]["minutes"] >= 1
    assert answers[:5] == ["utter_manage_not_found"] * 5
    assert answers[5:] == ["utter_manage_rate_limited"] * 2
    # Even the right phone is refused while blocked.
    dispatcher = CollectingDispatcher()
    tracker = form_tracker(
        "010-1234-5678",
        "manage_phone",
        {"manage_code": booking.code, "manage_action": "check"},
        sender_id="guesser",
        form="booking_manage_form",
    )
    await FORM.run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_manage_rate_limited"


async def test_invalid_code_format_is_explained(
    booking_db: str,
    form_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = form_tracker(
        "예약번호 몰라요", "manage_code", {"manage_action": "check"}, form="booking_manage_form"
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_invalid_manage_code"]
    assert events[0] == SlotSet("manage_code", None)


async def test_check_shows_the_booking_with_change_and_cancel_buttons(
    booking: BookingInfo,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = make_tracker(
        "x", "booking_check", slots={"manage_verified": verified(booking), "manage_action": "check"}
    )
    assert await ACTION.run(dispatcher, tracker, domain) == RESET
    [message] = dispatcher.messages
    assert message["response"] == "utter_booking_details"
    assert (message["code"], message["when"], message["status"]) == (
        booking.code,
        "12월 3일(목) 오후 1:00",
        "예약됨",
    )
    assert [b["payload"] for b in message["buttons"]] == ["/booking_change", "/booking_cancel"]


async def test_cancel_after_confirmation(
    booking: BookingInfo,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = make_tracker(
        "네",
        "affirm",
        slots={
            "manage_verified": verified(booking),
            "manage_action": "cancel",
            "manage_confirm": "yes",
        },
    )
    assert await ACTION.run(dispatcher, tracker, domain) == RESET
    assert dispatcher.messages[0]["response"] == "utter_booking_cancelled"
    assert call(queries.booking_by_code, code=booking.code).status == CANCELLED  # type: ignore[union-attr]
    assert "cancelled" in [n.kind for n in call(outbox.list_outbox)]


async def test_cancel_declined_keeps_the_booking(
    booking: BookingInfo,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    tracker = make_tracker(
        "아니요",
        "deny",
        slots={
            "manage_verified": verified(booking),
            "manage_action": "cancel",
            "manage_confirm": "no",
        },
    )
    await ACTION.run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_booking_kept"
    assert call(queries.booking_by_code, code=booking.code).status == BOOKED  # type: ignore[union-attr]


async def test_reschedule_moves_the_booking(
    booking: BookingInfo,
    frozen_now: datetime,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    new_start = free_start("2026-12-04T14:00:00+09:00", frozen_now)
    tracker = make_tracker(
        "x",
        "inform",
        slots={
            "manage_verified": verified(booking),
            "manage_action": "change",
            "manage_new_time": new_start.isoformat(),
        },
    )
    assert await ACTION.run(dispatcher, tracker, domain) == RESET
    [message] = dispatcher.messages
    assert message["response"] == "utter_booking_rescheduled"
    assert message["when"] == "12월 4일(금) 오후 6:00" and message["custom"]["code"] == booking.code
    moved = call(queries.booking_by_code, code=booking.code)
    assert moved is not None and moved.status == CHANGED
    assert moved.start == new_start


async def test_database_down_changes_nothing_and_says_so(
    booking: BookingInfo,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
    booking_db: str,
    one_second_budget: None,
) -> None:
    tracker = make_tracker(
        "네",
        "affirm",
        slots={
            "manage_verified": verified(booking),
            "manage_action": "cancel",
            "manage_confirm": "yes",
        },
    )
    with locked(booking_db):
        assert await ACTION.run(dispatcher, tracker, domain) == RESET
    assert [m["response"] for m in dispatcher.messages] == ["utter_booking_change_not_saved"]
    assert call(queries.booking_by_code, code=booking.code).status == BOOKED  # type: ignore[union-attr]


async def test_cancelled_booking_cannot_be_moved(
    booking: BookingInfo,
    frozen_now: datetime,
    make_tracker: Callable[..., Tracker],
    dispatcher: CollectingDispatcher,
    domain: dict,
) -> None:
    write(
        writes.cancel_booking,
        code=booking.code,
        phone=booking.phone,
        requester="owner",
        now=frozen_now,
    )
    tracker = make_tracker(
        "x",
        "inform",
        slots={
            "manage_verified": verified(booking),
            "manage_action": "change",
            "manage_new_time": "2026-12-04T14:00:00+09:00",
        },
    )
    await ACTION.run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_booking_not_changeable"
    assert dispatcher.messages[0]["status"] == CANCELLED


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
