"""After the booking form: save the booking, or say why not; then forget the personal data.

The booking table is the only place 사업자등록번호, phone and email are kept. Once the
booking is saved (or abandoned) the form's slots are cleared and only the confirmation
code stays in the conversation, so the tracker store never holds them in plain text.
"""

from __future__ import annotations

import logging
from datetime import datetime

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import BizcallAction
from actions.booking_form import FORM_SLOTS, NO_BUSINESS_NUMBER, NO_EMAIL
from actions.booking_helpers import booking_card, cleared, confirmation_values, slot_options
from actions.handoff import ActionHandoff
from actions.language import language_of
from bot import clock
from bot.booking import writes
from bot.booking.errors import SlotUnavailable
from bot.db.uow import StoreUnavailable, run_write_unit

logger = logging.getLogger(__name__)

WORK_SLOTS = ("booking_time_options", "booking_failures", "booking_exit", "booking_time_hint")


class ActionBookConsultation(BizcallAction):
    """Writes the confirmed booking, or handles a stop, a handoff or a lost race."""

    NAME = "action_book_consultation"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Book when confirmed; always clear the personal data from the slots."""
        reset = cleared(*FORM_SLOTS, *WORK_SLOTS)
        exit_reason = tracker.get_slot("booking_exit")
        if exit_reason == "handoff":
            # handed over here: a follow-up action would be followed by Rasa's fallback
            return [*reset, *await ActionHandoff().act(dispatcher, tracker)]
        if exit_reason == "stop" or tracker.get_slot("booking_confirm") != "yes":
            dispatcher.utter_message(response="utter_booking_stopped")
            return reset
        number = tracker.get_slot("business_number")
        email = tracker.get_slot("contact_email")
        start = datetime.fromisoformat(tracker.get_slot("booking_time"))
        try:
            info = run_write_unit(
                lambda session: writes.create_booking(
                    session=session,
                    field=tracker.get_slot("booking_field"),
                    channel=tracker.get_slot("booking_channel"),
                    start=start,
                    company_name=tracker.get_slot("company_name"),
                    business_number="" if number == NO_BUSINESS_NUMBER else number,
                    contact_name=tracker.get_slot("contact_name"),
                    phone=tracker.get_slot("contact_phone"),
                    email=None if email in (None, NO_EMAIL) else email,
                    summary=tracker.get_slot("booking_summary") or "",
                    conversation_id=tracker.sender_id,
                    now=clock.now(),
                    language=language_of(tracker),
                )
            )
        except SlotUnavailable as lost:
            # Someone took the slot between the check and the save: keep every answer,
            # ask only for a new time, with the nearest free ones as buttons.
            dispatcher.utter_message(response="utter_booking_slot_taken")
            return [
                SlotSet("booking_time", None),
                SlotSet("booking_confirm", None),
                SlotSet("booking_time_options", slot_options(lost.alternatives) or None),
                FollowupAction("booking_form"),
            ]
        except StoreUnavailable:
            # The database is down or locked past the budget; nothing was written. Keep
            # every answer and ask for the confirmation again, so one tap retries. The form
            # is resumed at its last question rather than started again: starting it would
            # re-read every answer as if just typed, and a time already checked would be
            # asked for again (make chaos caught this).
            logger.warning(
                "booking not saved, database unavailable (conversation %s)", tracker.sender_id
            )
            dispatcher.utter_message(response="utter_booking_not_saved")
            return [
                SlotSet("booking_confirm", None),
                ActiveLoop("booking_form"),
                SlotSet("requested_slot", "booking_confirm"),
                FollowupAction("action_ask_booking_confirm"),
            ]
        except Exception:
            logger.exception("booking could not be saved (conversation %s)", tracker.sender_id)
            dispatcher.utter_message(response="utter_booking_failed")
            return reset
        language = language_of(tracker)
        dispatcher.utter_message(
            response="utter_booking_confirmed",
            json_message=booking_card(info, language),
            **confirmation_values(info, language),
        )
        return [*reset, SlotSet("booking_code", info.code)]
