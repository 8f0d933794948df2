"""Run an action the way the action server does and keep what it returned and said.

Every action test needs the same three steps: a fresh ``CollectingDispatcher``, ``run`` with
the domain, then the events and the messages. ``Turn`` holds both so a test asserts on one
value, and ``form_tracker`` builds the tracker a form's validation action receives.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


@dataclass(frozen=True)
class Turn:
    """The events one action run returned and the messages it sent."""

    events: list[dict[str, Any]]
    messages: list[dict[str, Any]]

    @property
    def responses(self) -> list[str | None]:
        """The response names, in order: what most tests check of the messages."""
        return [m["response"] for m in self.messages]


Act = Callable[[Action, Tracker], Awaitable[Turn]]
"""``await act(action, tracker)``: one run with a fresh dispatcher (the ``act`` fixture)."""

Fill = Callable[..., Awaitable[Turn]]
"""``await fill(text, requested, slots, **options)``: one answer to the booking form (``fill``)."""


async def run_action(action: Action, tracker: Tracker, domain: dict[str, Any]) -> Turn:
    """Run ``action`` once as the action server would, with a dispatcher of its own."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return Turn(events, dispatcher.messages)


def form_tracker(
    text: str,
    requested: str | None,
    slots: dict[str, Any] | None = None,
    *,
    intent: str = "inform",
    confidence: float = 0.9,
    value: Any = None,
    candidates: dict[str, Any] | None = None,
    button: dict[str, str] | None = None,
    sender_id: str = "form-user",
    form: str = "booking_form",
) -> Tracker:
    """A tracker as a form's validation action sees it after the user answered ``text``.

    Rasa hands slot candidates to a validation action as trailing SlotSet events: by default
    the one for ``requested`` (``value``, else the text), or ``candidates`` when an answer
    fills other slots (or the form is just starting, ``requested`` None). ``button`` is a
    typed answer read as that button's payload.
    """
    latest: dict[str, Any] = {
        "text": button["payload"] if button else text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": [],
    }
    if button:
        latest["button_answer"] = {**button, "typed": text}
    if candidates is None:
        candidates = {requested: text if value is None else value} if requested else {}
    return Tracker(
        sender_id=sender_id,
        slots={**(slots or {}), "requested_slot": requested, **candidates},
        latest_message=latest,
        events=[
            {"event": "user", "text": text, "parse_data": latest},
            *({"event": "slot", "name": k, "value": v} for k, v in candidates.items()),
        ],
        paused=False,
        followup_action=None,
        active_loop={"name": form},
        latest_action_name="action_listen",
    )
