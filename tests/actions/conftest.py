"""Fixtures for the actions: a database with catalogue and roster, a fixed clock,
and one-call runs of an action (``act``) or of the booking form's validation (``fill``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from rasa_sdk import Action, Tracker

from actions.booking_form import ValidateBookingForm
from bot import clock
from bot.booking.roster import load_roster, read_roster
from bot.db import session as db_session
from bot.settings import ROOT
from tests.support.actions_turns import Act, Fill, Turn, form_tracker, run_action

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=clock.SEOUL)
"""Tuesday 1 December 2026, 10:00 in Seoul: a normal working day with free experts."""


@pytest.fixture()
def booking_db(loaded_db: str) -> str:
    """The catalogue plus the demo roster of experts."""
    with db_session.session_scope(loaded_db) as session:
        load_roster(read_roster(ROOT / "catalog" / "experts.yml"), session=session)
    return loaded_db


@pytest.fixture()
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """Pin the actions' clock to ``NOW``."""
    monkeypatch.setattr(clock, "now", lambda: NOW)
    return NOW


@pytest.fixture()
def act(domain: dict[str, Any]) -> Act:
    """Run an action with the assistant's domain and a fresh dispatcher; returns the ``Turn``."""

    async def run(action: Action, tracker: Tracker) -> Turn:
        return await run_action(action, tracker, domain)

    return run


@pytest.fixture()
def fill(act: Act) -> Fill:
    """Answer the booking form's ``requested`` slot with ``text`` and run its validation.

    Takes ``form_tracker``'s arguments; most booking-form tests are one such answer.
    """
    form = ValidateBookingForm()

    async def answer(
        text: str, requested: str | None, slots: dict[str, Any] | None = None, **options: Any
    ) -> Turn:
        return await act(form, form_tracker(text, requested, slots, **options))

    return answer
