"""Booking fixtures: a small roster whose every slot is known, fixed clocks, valid details.

Tests never read the real clock: ``NOW`` (in ``tests.support.booking_api``, with ``kst`` and
the valid ``booking_details``) is Monday 2026-11-30 09:00 KST, and every other time is spelled
out. The test roster is small on purpose so a test can say exactly
who is free when:

* ``a-tax`` 세무사 — tax; phone, visit; Mon–Fri 09–12, 13–18; off 2026-12-10 13–15 and
  all of 2026-12-11.
* ``b-tax`` 공인회계사 — tax; phone, video; Mon–Fri 13–18, Sat 10–12.
* ``c-law`` 변호사 — law (80 minutes); phone; Tue, Thu 09–12.
* ``d-labor`` 공인노무사 — labor; chat; Mon–Fri 09–18.

So tax by phone on a weekday afternoon has two free experts, in the morning one.
2026-12-16 (Wed) is an extra closed day.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from bot.booking.roster import load_roster, parse_roster
from bot.db import session_scope
from tests.support.booking_api import booking_details

ROSTER: dict[str, Any] = {
    "consultation_minutes": {"default": 50, "law": 80},
    "closed_days": [{"date": datetime(2026, 12, 16).date(), "name": "임시공휴일"}],
    "experts": [
        {
            "id": "a-tax",
            "name": "가세무",
            "name_en": "Ga Semu",
            "title": "세무사",
            "fields": ["tax"],
            "channels": ["phone", "visit"],
            "hours": {"mon-fri": ["09:00-12:00", "13:00-18:00"]},
            "time_off": ["2026-12-10 13:00..15:00", datetime(2026, 12, 11).date()],
        },
        {
            "id": "b-tax",
            "name": "나회계",
            "name_en": "Na Hoegye",
            "title": "공인회계사",
            "fields": ["tax"],
            "channels": ["phone", "video"],
            "hours": {"mon-fri": ["13:00-18:00"], "sat": ["10:00-12:00"]},
        },
        {
            "id": "c-law",
            "name": "다법률",
            "title": "변호사",
            "fields": ["law"],
            "channels": ["phone"],
            "hours": {"tue": ["09:00-12:00"], "thu": ["09:00-12:00"]},
        },
        {
            "id": "d-labor",
            "name": "라노무",
            "title": "공인노무사",
            "fields": ["labor"],
            "channels": ["chat"],
            "hours": {"mon-fri": ["09:00-18:00"]},
        },
    ],
}


def roster_doc() -> dict[str, Any]:
    """A fresh copy of the test roster document, safe to modify."""
    return copy.deepcopy(ROSTER)


def load_test_roster(url: str, doc: dict[str, Any] | None = None) -> None:
    """Load ``doc`` (default: the test roster) into the database at ``url``."""
    with session_scope(url) as session:
        load_roster(parse_roster(doc or roster_doc()), session=session)


@pytest.fixture()
def booking_db(db_url: str) -> str:
    """A migrated SQLite database with the test roster."""
    load_test_roster(db_url)
    return db_url


@pytest.fixture()
def any_booking_db(any_db_url: str) -> str:
    """The test roster on SQLite and on a real PostgreSQL server."""
    load_test_roster(any_db_url)
    return any_db_url


@pytest.fixture()
def details() -> Callable[..., dict[str, Any]]:
    """Valid ``create_booking`` keyword arguments; override any of them."""
    return booking_details
