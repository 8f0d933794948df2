"""When people staff the live chat: weekdays 09:00–18:00 in Seoul, not on public holidays.

A request for a person outside these hours must not end in silence: ``action_handoff``
asks here first and, when nobody is working, says so at once with the next opening and
offers a booking or a request to be answered then. The hours are a setting
(``BIZCALL_STAFF_HOURS``, "09:00-18:00"); holidays, substitute holidays included, come
from the ``holidays`` package through ``bot.booking.calendar``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.booking.calendar import Interval, holiday_name, parse_interval
from bot.clock import from_kst, to_kst

DEFAULT_HOURS = "09:00-18:00"


def staff_interval(text: str | None = None) -> Interval:
    """The daily staffed interval, from ``text`` or the setting."""
    if text is None:
        from bot.settings import get_settings

        text = get_settings().staff_hours
    return parse_interval(text or DEFAULT_HOURS)


def _working_day(moment: datetime) -> bool:
    return moment.weekday() < 5 and holiday_name(moment.date()) is None


def staffed(moment: datetime, hours: Interval | None = None) -> bool:
    """True if an agent can be expected to answer at ``moment`` (an aware datetime)."""
    start, end = hours or staff_interval()
    local = to_kst(moment)
    return _working_day(local) and start <= local.time() < end


def next_opening(moment: datetime, hours: Interval | None = None) -> datetime:
    """The next time staff start work after ``moment`` (``moment`` itself if staffed)."""
    start, end = hours or staff_interval()
    if staffed(moment, (start, end)):
        return moment
    local = to_kst(moment)
    day = local.date() if local.time() < start else local.date() + timedelta(days=1)
    for _ in range(30):  # the longest Korean holiday run is far shorter
        candidate = datetime.combine(day, start)
        if _working_day(candidate):
            return from_kst(candidate)
        day += timedelta(days=1)
    raise RuntimeError("no working day within 30 days")
