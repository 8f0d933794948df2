"""Fixtures for the booking actions: a database with catalogue and roster, a fixed clock,
and trackers shaped like the ones a form's validation action receives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Tracker

from bot import clock
from bot.booking.roster import load_roster, read_roster
from bot.db import session as db_session
from bot.settings import ROOT

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=clock.SEOUL)
"""Tuesday 1 December 2026, 10:00 in Seoul: a normal working day with free experts."""


@pytest.fixture()
def booking_db(loaded_db: str) -> str:
    """The catalogue plus the demo roster of experts."""
    with db_session.session_scope(loaded_db) as session:
        load_roster(session, read_roster(ROOT / "catalog" / "experts.yml"))
    return loaded_db


@pytest.fixture()
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Pin the actions' clock to ``NOW``."""
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture()
def form_tracker() -> Callable[..., Tracker]:
    """A tracker as a form's validation action sees it after the user answered ``text``.

    The candidate value for ``requested`` is the trailing SlotSet event (that is how
    Rasa hands slot candidates to a validation action).
    """

    def make(
        text: str,
        requested: str,
        slots: dict[str, Any] | None = None,
        intent: str = "inform",
        confidence: float = 0.9,
        value: Any = None,
        sender_id: str = "form-user",
        form: str = "booking_form",
    ) -> Tracker:
        value = text if value is None else value
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": [],
        }
        all_slots = {**(slots or {}), "requested_slot": requested, requested: value}
        return Tracker(
            sender_id=sender_id,
            slots=all_slots,
            latest_message=latest,
            events=[
                {"event": "user", "text": text, "parse_data": latest},
                {"event": "slot", "name": requested, "value": value},
            ],
            paused=False,
            followup_action=None,
            active_loop={"name": form},
            latest_action_name="action_listen",
        )

    return make
