"""Double booking is impossible: racing threads on SQLite and PostgreSQL, and the bare constraint.

The threads start together behind a barrier and each call ``create_booking`` in its own
unit of work, as concurrent conversations on the action server do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from bot.booking import writes
from bot.booking.errors import SlotUnavailable
from bot.booking.results import BookingInfo
from bot.db import session_scope
from bot.db.models import Booking, BookingSlot
from tests.support.booking import write
from tests.support.booking_api import kst

N = 8
Details = Callable[..., dict[str, Any]]


def _race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls in threads released at once; returns each result or exception."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except Exception as exc:  # collected and checked by the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a booking thread hung"
    return results


def _count(url: str) -> int:
    with session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(Booking)) or 0)


def test_one_expert_one_slot_many_threads_one_booking(
    any_booking_db: str, details: Details
) -> None:
    url, start = any_booking_db, kst(2026, 12, 3, 14)
    results = _race(
        [
            lambda i=i: write(
                writes.create_booking,
                **details(url=url, expert_id="a-tax", conversation_id=f"conv-{i}"),
            )
            for i in range(N)
        ]
    )
    booked = [r for r in results if isinstance(r, BookingInfo)]
    lost = [r for r in results if isinstance(r, SlotUnavailable)]
    assert len(booked) == 1 and len(lost) == N - 1, results
    assert _count(url) == 1
    for exc in lost:
        assert exc.reason == "taken"
        starts = [a.start for a in exc.alternatives]
        assert 3 <= len(starts) <= 5 and start not in starts
        assert all(a.expert_id == "a-tax" for a in exc.alternatives)


def test_two_free_experts_many_threads_two_bookings(any_booking_db: str, details: Details) -> None:
    url = any_booking_db
    results = _race(
        [
            lambda i=i: write(
                writes.create_booking, **details(url=url, conversation_id=f"conv-{i}")
            )
            for i in range(N)
        ]
    )
    booked = [r for r in results if isinstance(r, BookingInfo)]
    lost = [r for r in results if isinstance(r, SlotUnavailable)]
    assert len(booked) == 2 and len(lost) == N - 2, results
    assert sorted(b.expert_id for b in booked) == ["a-tax", "b-tax"]
    assert {e.reason for e in lost} == {"taken"}
    assert _count(url) == 2


def test_racing_reschedules_onto_one_slot_move_only_one(
    any_booking_db: str, details: Details
) -> None:
    url = any_booking_db
    mine = [
        write(writes.create_booking, **details(url=url, start=start, phone=f"010-2222-000{i}"))
        for i, start in enumerate([kst(2026, 12, 4, 9), kst(2026, 12, 4, 13), kst(2026, 12, 4, 13)])
    ]
    target = kst(2026, 12, 3, 10)  # only a-tax works Thursday mornings
    results = _race(
        [
            lambda b=b: write(
                writes.reschedule_booking,
                code=b.code,
                phone=b.phone,
                new_start=target,
                requester=f"r-{b.code}",
                now=kst(2026, 11, 30, 9),
                url=url,
            )
            for b in mine
        ]
    )
    moved = [r for r in results if isinstance(r, BookingInfo)]
    assert len(moved) == 1, results
    assert all(
        isinstance(r, SlotUnavailable) and r.reason == "taken" for r in results if r not in moved
    )


def test_the_database_itself_refuses_an_overlapping_slot_row(
    any_booking_db: str, details: Details
) -> None:
    url = any_booking_db
    booking = write(writes.create_booking, **details(url=url, expert_id="a-tax"))
    other = write(
        writes.create_booking, **details(url=url, start=kst(2026, 12, 4, 14), expert_id="a-tax")
    )
    with session_scope(url) as session:
        other_id = session.scalar(select(Booking.id).where(Booking.code == other.code))
    # Bypassing the service: claim a-tax's 14:30 unit of 12-03 for the other booking.
    with pytest.raises(IntegrityError), session_scope(url) as session:
        session.execute(
            insert(BookingSlot).values(
                expert_id="a-tax", slot_start=datetime(2026, 12, 3, 14, 30), booking_id=other_id
            )
        )
    # And a slot row can never name a different expert than its booking.
    with pytest.raises(IntegrityError), session_scope(url) as session:
        session.execute(
            insert(BookingSlot).values(
                expert_id="b-tax", slot_start=datetime(2026, 12, 3, 9), booking_id=other_id
            )
        )
    assert booking.code != other.code
