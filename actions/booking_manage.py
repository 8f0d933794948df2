"""Check, move or cancel a booking by confirmation code plus phone number.

Both must match before anything about a booking is shown; a wrong code and a wrong phone
get the same answer, so the assistant never confirms that a code exists. Failed attempts
are counted in the database (per conversation and per code) and blocked for a while
after too many. Once verified, the conversation keeps only the code (``manage_verified``,
valid for 30 minutes) so "그럼 취소해 주세요" does not ask for the phone again.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from datetime import datetime
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import BizcallAction
from actions.booking_helpers import (
    Asked,
    AskTimeAction,
    ControlledFormValidation,
    booking_card,
    cleared,
    confirmation_values,
    slot_options,
)
from actions.handoff import ActionHandoff
from actions.language import language_of
from bot import clock
from bot.booking import lookups, queries, reply_parsing, writes
from bot.booking.choose import choose_time
from bot.booking.errors import LookupFailed, NotChangeable, SlotUnavailable, TooManyAttempts
from bot.booking.format import format_when
from bot.booking.results import BookingInfo
from bot.booking.status import status_label
from bot.db import session_scope
from bot.db.uow import StoreUnavailable, run_write_unit
from bot.validation import normalize_phone

logger = logging.getLogger(__name__)

VERIFIED_FOR_SECONDS = 30 * 60
MANAGE_FAILURES = "manage_failures"
"""The slot counting failed answers per question of this form (see ``Asked.reject``)."""
_CODE = re.compile(r"\bBZ[\s-]?([2-9A-HJKMNP-Z]{4})\b", re.IGNORECASE)
WORK_SLOTS = (
    "manage_code",
    "manage_phone",
    "manage_confirm",
    "manage_new_time",
    "manage_failures",
    "booking_exit",
    "booking_time_options",
)


def find_code(text: str) -> str | None:
    """A confirmation code anywhere in ``text`` ("bz 7k3q 예약 취소요" → "BZ-7K3Q")."""
    m = _CODE.search(text or "")
    return f"BZ-{m.group(1).upper()}" if m else None


def verified_code(tracker: Tracker, now: float | None = None) -> str | None:
    """The code this conversation proved it owns, if that was less than 30 minutes ago."""
    value = tracker.get_slot("manage_verified") or ""
    code, _, stamp = value.partition("@")
    try:
        fresh = (now or clock.timestamp()) - float(stamp) < VERIFIED_FOR_SECONDS
    except ValueError:
        return None
    return code if code and fresh else None


def _verified_booking(tracker: Tracker) -> BookingInfo | None:
    """The booking this conversation proved it owns (``verified_code``), if any."""
    with session_scope() as session:
        return queries.booking_by_code(session=session, code=verified_code(tracker) or "")


def booking_values(info: BookingInfo, language: str = "ko") -> dict[str, str]:
    """Values for the manage responses (time as a single moment, not a span)."""
    return {**confirmation_values(info, language), "when": format_when(info.start, language)}


def ask_about_verified(
    response: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType]:
    """Ask ``response`` naming the verified booking; without one, end the form.

    Both questions of this form name the booking they are about; when the verification
    has lapsed there is nothing left to ask.
    """
    info = _verified_booking(tracker)
    if info is None:
        return [SlotSet("requested_slot", None)]
    dispatcher.utter_message(response=response, **booking_values(info, language_of(tracker)))
    return []


class ValidateBookingManageForm(ControlledFormValidation):
    """Verifies code and phone, then asks what the requested change needs."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "validate_booking_manage_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Code and phone until verified; then the confirmation or the new time."""
        if tracker.get_slot("booking_exit"):
            return []  # leaving (blocked): nothing more to ask
        slots = [] if verified_code(tracker) else ["manage_code", "manage_phone"]
        action = tracker.get_slot("manage_action")
        if action == "cancel":
            slots.append("manage_confirm")
        elif action == "change":
            slots.append("manage_new_time")
        return slots

    async def extract_manage_code(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Pick up a code from any message, e.g. the first one ("BZ-7K3Q 취소해 주세요")."""
        if tracker.get_slot("manage_code") or verified_code(tracker):
            return {}
        code = find_code((tracker.latest_message or {}).get("text") or "")
        return {"manage_code": code} if code else {}

    def validate_manage_code(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """BZ- and four letters or digits, in any case or spacing."""
        code = find_code(str(value or "")) or find_code("BZ-" + str(value or "").strip())
        return Asked("manage_code", dispatcher, tracker, MANAGE_FAILURES).checked(
            code, "utter_invalid_manage_code"
        )

    async def validate_manage_phone(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The phone given at booking time; checked together with the code."""
        phone = normalize_phone(str(value or ""))
        if phone is None:
            return Asked("manage_phone", dispatcher, tracker, MANAGE_FAILURES).reject(
                "utter_invalid_manage_phone"
            )
        code = tracker.get_slot("manage_code")
        with session_scope() as session:
            delay = lookups.lookup_delay(session=session, code=code or "", now=clock.now())
        if delay:  # the code is being guessed at from many conversations: slow, never lock
            await asyncio.sleep(delay)
        try:
            # A failed lookup is recorded in this unit and committed (LookupFailed).
            with session_scope() as session:
                info = lookups.find_booking(
                    session=session,
                    code=code,
                    phone=phone,
                    requester=tracker.sender_id,
                    now=clock.now(),
                )
        except TooManyAttempts as blocked:
            minutes = max(1, math.ceil(blocked.retry_after.total_seconds() / 60))
            dispatcher.utter_message(response="utter_manage_rate_limited", minutes=minutes)
            return {
                "manage_code": None,
                "manage_phone": None,
                "booking_exit": "blocked",
                "requested_slot": None,
            }
        except LookupFailed:
            return {
                "manage_code": None,
                **Asked("manage_phone", dispatcher, tracker, MANAGE_FAILURES).reject(
                    "utter_manage_not_found"
                ),
            }
        # Keep the reference, never the phone number.
        return {
            "manage_code": info.code,
            "manage_phone": None,
            "manage_verified": f"{info.code}@{clock.timestamp():.0f}",
        }

    def validate_manage_confirm(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """네 cancels, 아니요 keeps the booking."""
        text = str(value or "")
        if reply_parsing.is_yes(text):
            return {"manage_confirm": "yes"}
        if reply_parsing.is_no(text):
            return {"manage_confirm": "no"}
        return Asked("manage_confirm", dispatcher, tracker, MANAGE_FAILURES).reject(
            "utter_invalid_manage_confirm"
        )

    def validate_manage_new_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A free time for the same field and channel, or the nearest free ones."""
        with session_scope() as session:
            info = queries.booking_by_code(session=session, code=verified_code(tracker) or "")
            if info is None:
                return {"manage_new_time": None, "requested_slot": None}
            choice = choose_time(
                str(value or ""),
                session=session,
                field_code=info.field,
                channel=info.channel,
                now=clock.now(),
                language=language_of(tracker),
            )
        return Asked("manage_new_time", dispatcher, tracker, MANAGE_FAILURES).time_answer(choice)


class ActionAskManageConfirm(BizcallAction):
    """Asks before it changes anything.

    For example "12월 3일(목) 오후 2:00 노무 상담 예약(BZ-7K3Q)을 취소할까요?".
    """

    NAME = "action_ask_manage_confirm"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Name the booking so the user knows exactly what they cancel."""
        return ask_about_verified("utter_ask_manage_confirm", dispatcher, tracker)


class ActionAskManageNewTime(AskTimeAction):
    """Asks for the new time, or offers the free times found for the last answer."""

    NAME = "action_ask_manage_new_time"

    async def ask(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """The open question naming the booking (the form stops if it is not verified)."""
        return ask_about_verified("utter_ask_manage_new_time", dispatcher, tracker)


class ActionManageBooking(BizcallAction):
    """Shows, cancels or moves the verified booking."""

    NAME = "action_manage_booking"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Do what was asked; always clear the working slots."""
        reset = cleared(*WORK_SLOTS, "manage_action")
        exit_reason = tracker.get_slot("booking_exit")
        if exit_reason == "handoff":
            # handed over here: a follow-up action would be followed by Rasa's fallback
            return [*reset, *await ActionHandoff().act(dispatcher, tracker)]
        if exit_reason == "blocked":
            return reset
        code = verified_code(tracker)
        if exit_reason == "stop" or code is None:
            dispatcher.utter_message(response="utter_manage_stopped")
            return reset
        try:
            return await self._act(dispatcher, tracker, code, reset)
        except NotChangeable as frozen:
            dispatcher.utter_message(
                response="utter_booking_not_changeable",
                status=status_label(frozen.status, language_of(tracker)),
            )
        except SlotUnavailable as lost:
            dispatcher.utter_message(response="utter_booking_slot_taken")
            return [
                SlotSet("manage_new_time", None),
                SlotSet("booking_time_options", slot_options(lost.alternatives) or None),
                FollowupAction("booking_manage_form"),
            ]
        except StoreUnavailable:
            logger.warning("booking %s not changed, database unavailable", code)
            dispatcher.utter_message(response="utter_booking_change_not_saved")
        except Exception:
            logger.exception("booking %s could not be managed", code)
            dispatcher.utter_message(response="utter_service_unavailable")
        return reset

    async def _act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, code: str, reset: list[EventType]
    ) -> list[EventType]:
        with session_scope() as session:
            info = queries.booking_by_code(session=session, code=code)
        if info is None:
            dispatcher.utter_message(response="utter_manage_stopped")
            return reset
        action = tracker.get_slot("manage_action") or "check"
        language = language_of(tracker)
        now = clock.now()
        if action == "cancel":
            if tracker.get_slot("manage_confirm") != "yes":
                dispatcher.utter_message(response="utter_booking_kept", code=info.code)
                return reset
            done = run_write_unit(
                lambda session: writes.cancel_booking(
                    session=session,
                    code=code,
                    phone=info.phone,
                    requester=tracker.sender_id,
                    now=now,
                )
            )
            dispatcher.utter_message(
                response="utter_booking_cancelled", **booking_values(done, language)
            )
            return reset
        if action == "change":
            new_start = tracker.get_slot("manage_new_time")
            moved = run_write_unit(
                lambda session: writes.reschedule_booking(
                    session=session,
                    code=code,
                    phone=info.phone,
                    new_start=datetime.fromisoformat(new_start),
                    requester=tracker.sender_id,
                    now=now,
                )
            )
            dispatcher.utter_message(
                response="utter_booking_rescheduled",
                json_message=booking_card(moved, language),
                **booking_values(moved, language),
            )
            return reset
        dispatcher.utter_message(
            response="utter_booking_details",
            **booking_values(info, language),
            buttons=manage_buttons(language),
        )
        return reset


def manage_buttons(language: str) -> list[dict[str, str]]:
    """What can be done with a booking just shown: change its time or cancel it."""
    titles = ("Change time", "Cancel booking") if language == "en" else ("일정 변경", "예약 취소")
    return [
        {"title": titles[0], "payload": "/booking_change"},
        {"title": titles[1], "payload": "/booking_cancel"},
    ]
