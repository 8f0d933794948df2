"""Finding free consultation times: check one start, list a window, or the nearest ones.

Read-only queries over the availability snapshot (``availability.py``) under the calendar
rules (``calendar.py``); ``writes.py`` uses ``expert_at``, ``pick_expert`` and
``unavailable`` so a booking picks its expert and explains a refusal exactly as a search
would. Functions take the caller's ``session`` (keyword-only) and never open one: the
edge — an action, a web handler, the CLI — owns the unit of work.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from sqlalchemy.orm import Session
from typing_extensions import NotRequired, TypedDict, Unpack

from bot.booking.availability import Availability, Scope, load_availability, minutes_for
from bot.booking.calendar import GRID, HORIZON, MIN_LEAD, bookable_range, spread
from bot.booking.channels import CHANNELS
from bot.booking.errors import InvalidDetails, SlotUnavailable
from bot.booking.results import Slot
from bot.booking.roster import ExpertSpec
from bot.clock import from_kst, to_kst
from bot.fields import FIELD_NAMES

ALTERNATIVES: Final = 5


class SlotQuery(TypedDict):
    """What a search for consultation times is about, as its callers name it.

    Every search (``check_slot``, ``free_slots``, ``nearest_free_slots``) and
    ``writes.create_booking`` take these as keyword arguments (``**query``), so they are
    declared once and mean the same everywhere.
    """

    field: str
    """The field code (``tax`` …)."""
    channel: str
    """The channel code (``phone`` …)."""
    now: datetime
    """The time of asking, timezone-aware."""
    expert_id: NotRequired[str | None]
    """Only consider this expert (a request for a particular person)."""


def query_scope(query: SlotQuery) -> Scope:
    """The availability ``Scope`` of ``query``: its ``now`` as naive KST.

    Raises:
        ValueError: ``now`` is naive.
    """
    return Scope(
        query["field"], query["channel"], to_kst(query["now"]), expert_id=query.get("expert_id")
    )


def check_codes(field: str, channel: str) -> None:
    """Refuse an unknown field or channel code (``InvalidDetails``)."""
    if field not in FIELD_NAMES:
        raise InvalidDetails("field", f"unknown field code {field!r}")
    if channel not in CHANNELS:
        raise InvalidDetails("channel", f"unknown channel code {channel!r}")


def _slot(av: Availability, start: datetime, expert: ExpertSpec | None = None) -> Slot:
    expert = expert or av.free(start)[0]
    return Slot(
        start=from_kst(start),
        end=from_kst(av.end(start)),
        expert_id=expert.id,
        expert_name=expert.name,
    )


def pick_expert(
    av: Availability, start: datetime, prefer: str | None = None
) -> tuple[ExpertSpec | None, str]:
    """The expert to book at ``start``, or None and the reason why nobody can be."""
    if not av.experts:
        return None, "no_expert"
    if start < av.now + MIN_LEAD:
        return None, "past"
    if start > av.latest:
        return None, "too_far"
    if not av.scheduled(start):
        return None, "closed"
    free = av.free(start)
    if not free:
        return None, "taken"
    preferred = [e for e in free if e.id == prefer]
    return (preferred or free)[0], ""


def _nearest(
    scope: Scope, *, session: Session, around: datetime, count: int, skip: datetime | None = None
) -> list[Slot]:
    """Up to ``count`` free starts nearest to ``around`` (naive KST), chronological.

    Looks a week either side first and the whole bookable range only if that is not
    enough, so the common case reads little.
    """
    earliest, latest = bookable_range(scope.now)
    center = min(max(around, earliest), latest)
    for span in (timedelta(days=7), HORIZON):
        lo, hi = max(earliest, center - span), min(latest, center + span) + GRID
        av = load_availability(scope, lo=lo, hi=hi, session=session)
        starts = [t for t in av.free_starts(lo, hi) if t != skip]
        if len(starts) >= count:
            break
    starts.sort(key=lambda t: (abs(t - around), t))
    return [_slot(av, t) for t in sorted(starts[:count])]


def unavailable(
    reason: str, *, session: Session, scope: Scope, around: datetime, skip: datetime | None = None
) -> SlotUnavailable:
    """The ``SlotUnavailable`` for ``reason``, with the nearest free times as alternatives."""
    alternatives = (
        []
        if reason == "no_expert"
        else _nearest(scope, around=around, count=ALTERNATIVES, skip=skip, session=session)
    )
    return SlotUnavailable(reason, alternatives)


def expert_at(
    *, session: Session, scope: Scope, start: datetime
) -> tuple[Availability, ExpertSpec]:
    """The availability at ``start`` (naive KST) and the expert who would take it.

    Shared by ``check_slot`` and ``writes.create_booking``, so a booking picks exactly the
    expert a check promised.

    Raises:
        SlotUnavailable: nobody can; with the reason and up to five nearest free slots.
    """
    av = load_availability(scope, lo=start, hi=start + GRID, session=session)
    expert, reason = pick_expert(av, start)
    if expert is None:
        raise unavailable(reason, session=session, scope=scope, around=start)
    return av, expert


def consultation_minutes(*, session: Session, field: str) -> int:
    """How long a consultation of ``field`` lasts (the roster's ``consultation_minutes``)."""
    if field not in FIELD_NAMES:
        raise InvalidDetails("field", f"unknown field code {field!r}")
    return minutes_for(field, session=session)


def check_slot(*, session: Session, start: datetime, **query: Unpack[SlotQuery]) -> Slot:
    """The expert who would take ``start``: the free one with the fewest bookings that day.

    Raises:
        SlotUnavailable: with the reason and up to five nearest free slots around ``start``.
    """
    check_codes(query["field"], query["channel"])
    start_n = to_kst(start)
    av, expert = expert_at(session=session, scope=query_scope(query), start=start_n)
    return _slot(av, start_n, expert)


def free_slots(
    *,
    session: Session,
    start: datetime,
    end: datetime,
    limit: int = 5,
    **query: Unpack[SlotQuery],
) -> list[Slot]:
    """Distinct free start times in ``[start, end)``, spread out, chronological.

    A wide window is offered as a menu, not as its first five half-hours: on-the-hour
    starts are preferred and a window spanning days gives at most two per day (a morning
    and an afternoon one) — see ``calendar.spread``.
    """
    check_codes(query["field"], query["channel"])
    scope = query_scope(query)
    earliest, latest = bookable_range(scope.now)
    lo, hi = max(to_kst(start), earliest), min(to_kst(end), latest + GRID)
    if lo >= hi or limit <= 0:
        return []
    av = load_availability(scope, lo=lo, hi=hi, session=session)
    return [_slot(av, t) for t in spread(av.free_starts(lo, hi), limit)]


def nearest_free_slots(
    *, session: Session, around: datetime, count: int = 5, **query: Unpack[SlotQuery]
) -> list[Slot]:
    """The ``count`` free start times nearest to ``around``, chronological, distinct.

    Never earlier than now + MIN_LEAD nor later than now + HORIZON.
    """
    check_codes(query["field"], query["channel"])
    scope = query_scope(query)
    return _nearest(scope, around=to_kst(around), count=count, session=session)
