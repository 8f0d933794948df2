"""Turn what a user typed for "when?" into a bookable start time, or a precise reason and options.

The booking form and the reschedule flow ask the same question, so they share this: a
time button's payload or free text ("내일 오후 3시", "다음주 화요일 오후") is parsed, a
window is narrowed to free slots, and a point in time is checked against the calendar.
The result says what to tell the user (a response name) and which slots to offer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from bot.booking import slot_search
from bot.booking.errors import SlotUnavailable
from bot.booking.format import format_when
from bot.booking.reply_parsing import parse_slot_payload
from bot.booking.results import Slot
from bot.booking.timeparse import TimeParseError, parse_time

_PROBLEM_RESPONSES = {
    "empty": "utter_invalid_time_no_time",
    "no_time": "utter_invalid_time_no_time",
    "invalid_date": "utter_invalid_time_invalid_date",
    "ambiguous": "utter_invalid_time_ambiguous",
    "past": "utter_time_past",
    "too_far": "utter_time_too_far",
    "closed": "utter_time_closed",
    "taken": "utter_time_taken",
    "no_expert": "utter_time_taken",
    "window": "utter_time_window_options",
    "window_empty": "utter_time_window_empty",
}


@dataclass(frozen=True)
class TimeChoice:
    """The outcome of one answer to "when?".

    Attributes:
        start: The bookable start, or None when the user must choose again.
        response: What to say when ``start`` is None (a domain response name).
        when: The time the user asked for, formatted, for that response.
        options: Free slots to offer as buttons (3–5, chronological), possibly empty.
        misunderstood: True if the text could not be read as a time at all — the only
            case that counts as a failed answer (a taken slot is not the user's fault).
    """

    start: datetime | None
    response: str | None = None
    when: str = ""
    options: list[Slot] = field(default_factory=list)
    misunderstood: bool = False


def choose_time(
    text: str,
    *,
    session: Session,
    field_code: str,
    channel: str,
    now: datetime,
    language: str = "ko",
) -> TimeChoice:
    """Read ``text`` as a consultation start for ``field_code`` over ``channel``."""
    start = parse_slot_payload(text)
    if start is None:
        try:
            request = parse_time(text, now)
        except TimeParseError as error:
            return TimeChoice(None, _PROBLEM_RESPONSES[error.reason], misunderstood=True)
        if not request.exact:
            options = slot_search.free_slots(
                session=session,
                field=field_code,
                channel=channel,
                start=request.start,
                end=request.end,
                now=now,
            )
            if options:
                return TimeChoice(
                    None, _PROBLEM_RESPONSES["window"], when=request.text, options=options
                )
            options = slot_search.nearest_free_slots(
                session=session,
                field=field_code,
                channel=channel,
                around=max(request.start, now),
                now=now,
            )
            return TimeChoice(
                None, _PROBLEM_RESPONSES["window_empty"], when=request.text, options=options
            )
        start = request.start
    try:
        slot = slot_search.check_slot(
            session=session, field=field_code, channel=channel, start=start, now=now
        )
    except SlotUnavailable as unavailable:
        return TimeChoice(
            None,
            _PROBLEM_RESPONSES.get(unavailable.reason, "utter_time_taken"),
            when=format_when(start, language),
            options=unavailable.alternatives,
        )
    return TimeChoice(slot.start, when=format_when(slot.start, language))
