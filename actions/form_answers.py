"""What a form reads from a message: a typed button answer, and answers given early.

Shared by the booking forms' validators, before Rasa-SDK validates the slot candidates:

- ``use_button_answer``: a slot filled ``from_text`` receives what the user typed; when the
  NLU read it as a button ("2번", "phone please", ``bot.button_answers``), the candidate
  becomes the button's payload, exactly what a click would have put there.
- ``take_early_answers``: "내일 오후 2시에 전화로요" when the field was asked is kept for the
  channel and the time, and the form then asks only for what is still missing. A time
  given before the field and channel are known (a time is free or not per field and
  channel), or a window ("next Tuesday morning"), waits in ``booking_time_hint``: an exact
  time is checked as soon as field and channel are known, a window when the form comes
  to the time question, which then offers the free times inside it.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from bot.booking.reply_parsing import parse_channel, parse_field_choice, parse_slot_payload
from bot.booking.timeparse import mentions_time, names_exact_time
from bot.button_answers import BUTTON_ANSWER

TIME_HINT = "booking_time_hint"


def typed_text(tracker: Tracker) -> str:
    """What the user typed last (the parse's text is a button's payload after a match)."""
    parse = tracker.latest_message or {}
    answer = parse.get(BUTTON_ANSWER) or {}
    return str(answer.get("typed") or parse.get("text") or "")


def _candidates(tracker: Tracker) -> list[dict[str, Any]]:
    """The slot events Rasa appended for this message (the candidates to validate)."""
    found = []
    for event in reversed(tracker.events):
        if event.get("event") != "slot":
            break
        found.append(event)
    return found


def use_button_answer(tracker: Tracker) -> None:
    """Read a typed button answer's slot candidates as the button's text payload.

    Mutates this request's tracker only (Rasa-SDK builds one per call).
    """
    answer = (tracker.latest_message or {}).get(BUTTON_ANSWER) or {}
    typed, payload = answer.get("typed"), str(answer.get("payload") or "")
    if not typed or not payload or payload.startswith("/"):
        return
    for event in _candidates(tracker):
        if event.get("value") == typed:
            event["value"] = payload
            tracker.slots[str(event.get("name"))] = payload


def _drop_candidate(tracker: Tracker, slot: str) -> None:
    """Take ``slot``'s candidate out of this run (the caller returns SlotSet(slot, None))."""
    candidates = [id(e) for e in _candidates(tracker) if e.get("name") == slot]
    tracker.events[:] = [e for e in tracker.events if id(e) not in candidates]
    tracker.slots[slot] = None


def take_early_answers(tracker: Tracker) -> list[EventType]:
    """Keep a channel or time given before it was asked; return the hint slot's event.

    Adds the early answers as slot candidates of this run, so the validators check them
    as if they had been asked, and drops the asked slot's candidate when the message was
    only an early answer (no "please choose a field" for "내일 2시요"). Returns the event
    that sets or clears ``booking_time_hint`` (if it changes), after a ``SlotSet(slot, None)``
    for every candidate dropped, so Rasa does not keep it either.
    """
    requested = tracker.get_slot("requested_slot")
    text = typed_text(tracker)
    pending = {e.get("name"): e.get("value") for e in _candidates(tracker)}

    def settled(slot: str) -> Any:
        """The slot's value before this message (candidates are not settled yet)."""
        return None if slot in pending else tracker.get_slot(slot)

    current_field = settled("field")
    field_known = bool(
        settled("booking_field")
        or current_field
        or (
            pending.get("booking_field") is not None
            and parse_field_choice(str(pending["booking_field"]), current_field)
        )
    )
    early: dict[str, Any] = {}
    if requested not in (None, "booking_channel") and not settled("booking_channel"):
        channel = parse_channel(text)
        if channel:
            early["booking_channel"] = channel
    channel_known = bool(
        settled("booking_channel")
        or early
        or (
            pending.get("booking_channel") is not None
            and parse_channel(str(pending["booking_channel"]))
        )
    )
    hint = settled(TIME_HINT)
    new_hint = None if requested == "booking_time" else hint
    if requested != "booking_time" and pending.get("booking_time") is not None:
        new_hint = str(pending["booking_time"])  # said with "yes" to the booking offer
        _drop_candidate(tracker, "booking_time")
    elif (
        requested not in (None, "booking_time")
        and not settled("booking_time")
        and mentions_time(text)
    ):
        new_hint = text
    if (
        new_hint
        and field_known
        and channel_known
        and not settled("booking_time")
        and (names_exact_time(new_hint) or parse_slot_payload(new_hint))
    ):
        early["booking_time"], new_hint = new_hint, None  # a window waits for the question
    claimed = bool(early) or new_hint != hint
    if (
        claimed
        and requested == "booking_field"
        and pending.get("booking_field") is not None
        and parse_field_choice(str(pending["booking_field"]), current_field) is None
    ):
        _drop_candidate(tracker, "booking_field")
    if (
        claimed
        and requested == "booking_channel"
        and pending.get("booking_channel") is not None
        and parse_channel(str(pending["booking_channel"])) is None
    ):
        _drop_candidate(tracker, "booking_channel")
    tracker.add_slots([SlotSet(slot, value) for slot, value in early.items()])
    dropped = [
        SlotSet(slot, None)
        for slot in pending
        if slot not in {e.get("name") for e in _candidates(tracker)}
    ]
    return [*dropped, *([SlotSet(TIME_HINT, new_hint)] if new_hint != hint else [])]
