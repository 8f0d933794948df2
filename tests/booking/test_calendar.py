"""Working hours, holidays, the grid, lead time and horizon — pure rules and through the API.

Every ``now`` is fixed; months and years are crossed on purpose.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from bot.booking.calendar import (
    HORIZON,
    MIN_LEAD,
    bookable_range,
    ceil_to_grid,
    fits_hours,
    grid_points,
    grid_units,
    holiday_name,
    on_grid,
    overlaps_time_off,
    spread,
)
from bot.clock import to_kst
from tests.support.booking_api import NOW, check, free, kst, refusal

HOURS = {d: ((time(9), time(12)), (time(13), time(18))) for d in range(5)}


def naive(*args: int) -> datetime:
    return datetime(*args)


# --- holidays ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 12, 25),  # 성탄절 (Fri)
        date(2027, 1, 1),  # 신정
        date(2027, 2, 6),
        date(2027, 2, 7),
        date(2027, 2, 8),  # 설날 연휴 (Sat–Mon)
        date(2027, 2, 9),  # 설날 대체공휴일 (Tue)
        date(2026, 10, 5),  # 개천절 대체공휴일
        date(2026, 9, 24),
        date(2026, 9, 25),  # 추석 연휴
    ],
)
def test_korean_public_holidays_including_substitute_days_are_closed(day: date) -> None:
    assert holiday_name(day)


@pytest.mark.parametrize("day", [date(2026, 12, 24), date(2027, 2, 10), date(2026, 12, 31)])
def test_ordinary_days_are_not_holidays(day: date) -> None:
    assert holiday_name(day) is None


def test_substitute_holiday_has_a_korean_name() -> None:
    assert "대체" in (holiday_name(date(2027, 2, 9)) or "")


def test_extra_closed_days_come_from_the_roster() -> None:
    assert holiday_name(date(2026, 12, 16), {date(2026, 12, 16): "임시공휴일"}) == "임시공휴일"
    assert holiday_name(date(2026, 12, 17), {date(2026, 12, 16): "임시공휴일"}) is None


# --- hours, grid, time off --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "minutes", "fits"),
    [
        (naive(2026, 12, 3, 9, 0), 50, True),  # first start of the morning
        (naive(2026, 12, 3, 11, 0), 50, True),  # ends 11:50
        (naive(2026, 12, 3, 11, 30), 50, False),  # would run into lunch
        (naive(2026, 12, 3, 11, 30), 30, True),  # a 30-minute one fits exactly
        (naive(2026, 12, 3, 12, 0), 30, False),  # lunch
        (naive(2026, 12, 3, 13, 0), 50, True),
        (naive(2026, 12, 3, 17, 0), 50, True),  # ends 17:50
        (naive(2026, 12, 3, 17, 30), 50, False),  # would end 18:20
        (naive(2026, 12, 3, 10, 30), 80, True),  # 80 minutes end 11:50
        (naive(2026, 12, 3, 11, 0), 80, False),
        (naive(2026, 12, 3, 8, 30), 50, False),  # before opening
        (naive(2026, 12, 5, 10, 0), 50, False),  # Saturday without hours
        (naive(2026, 12, 6, 10, 0), 50, False),  # Sunday
    ],
)
def test_a_consultation_must_fit_inside_one_working_interval(
    start: datetime, minutes: int, fits: bool
) -> None:
    assert fits_hours(HOURS, start, minutes) is fits


def test_grid_units_are_every_half_hour_the_consultation_touches() -> None:
    start = naive(2026, 12, 3, 14)
    assert grid_units(start, start + timedelta(minutes=30)) == [start]
    assert grid_units(start, start + timedelta(minutes=50)) == [
        start,
        start + timedelta(minutes=30),
    ]
    assert len(grid_units(start, start + timedelta(minutes=80))) == 3


@pytest.mark.parametrize("minutes", [30, 40, 50, 60, 80, 120])
def test_two_consultations_overlap_exactly_when_they_share_a_unit(minutes: int) -> None:
    """The property the booking_slots primary key relies on."""
    day = [naive(2026, 12, 3, 9) + timedelta(minutes=30 * i) for i in range(16)]
    length = timedelta(minutes=minutes)
    for a in day:
        for b in day:
            overlap = a < b + length and b < a + length
            shared = bool(set(grid_units(a, a + length)) & set(grid_units(b, b + length)))
            assert overlap == shared, (a, b, minutes)


def test_grid_rounding_and_points_cross_midnight_and_the_year() -> None:
    assert on_grid(naive(2026, 12, 3, 10, 30)) and not on_grid(naive(2026, 12, 3, 10, 15))
    assert ceil_to_grid(naive(2026, 12, 31, 23, 40)) == naive(2027, 1, 1, 0, 0)
    assert ceil_to_grid(naive(2026, 12, 3, 10, 0)) == naive(2026, 12, 3, 10, 0)
    points = list(grid_points(naive(2026, 12, 31, 23, 1), naive(2027, 1, 1, 1, 0)))
    assert points == [
        naive(2026, 12, 31, 23, 30),
        naive(2027, 1, 1, 0, 0),
        naive(2027, 1, 1, 0, 30),
    ]


def test_time_off_overlap_is_half_open() -> None:
    off = [(naive(2026, 12, 10, 13), naive(2026, 12, 10, 15))]
    assert overlaps_time_off(off, naive(2026, 12, 10, 14), naive(2026, 12, 10, 14, 50))
    assert overlaps_time_off(off, naive(2026, 12, 10, 12, 30), naive(2026, 12, 10, 13, 20))
    assert not overlaps_time_off(off, naive(2026, 12, 10, 15), naive(2026, 12, 10, 15, 50))
    assert not overlaps_time_off(off, naive(2026, 12, 10, 12), naive(2026, 12, 10, 13))


def test_bookable_range_rounds_the_lead_up_and_keeps_the_horizon() -> None:
    earliest, latest = bookable_range(naive(2026, 11, 30, 9, 10))
    assert earliest == naive(2026, 11, 30, 10, 30)
    assert latest == naive(2027, 1, 29, 9, 10)
    assert (timedelta(hours=1), timedelta(days=60)) == (MIN_LEAD, HORIZON)
    assert bookable_range(naive(2026, 12, 31, 23, 30))[0] == naive(2027, 1, 1, 0, 30)


def test_api_datetimes_must_be_aware_and_are_converted_to_seoul() -> None:
    assert to_kst(datetime(2026, 12, 3, 5, tzinfo=timezone.utc)) == naive(2026, 12, 3, 14)
    with pytest.raises(ValueError, match="timezone-aware"):
        to_kst(naive(2026, 12, 3, 14))


# --- spreading a menu of starts ---------------------------------------------------------------


def test_spread_within_one_day_prefers_on_the_hour_and_spaces_them() -> None:
    starts = [naive(2026, 12, 3, 9) + timedelta(minutes=30 * i) for i in range(18)]  # 9–17:30
    picked = spread(starts, 5)
    assert len(picked) == 5 and picked == sorted(picked)
    assert all(p.minute == 0 for p in picked)
    assert picked[0] == naive(2026, 12, 3, 9) and picked[-1] == naive(2026, 12, 3, 17)


def test_spread_over_days_gives_a_morning_and_an_afternoon_per_day() -> None:
    starts = [
        datetime.combine(date(2026, 12, d), time(h, m))
        for d in (1, 2, 3)
        for h in (9, 10, 11, 13, 14, 15, 16, 17)
        for m in (0, 30)
    ]
    picked = spread(starts, 5)
    assert picked == [
        naive(2026, 12, 1, 9),
        naive(2026, 12, 1, 13),
        naive(2026, 12, 2, 9),
        naive(2026, 12, 2, 13),
        naive(2026, 12, 3, 9),
    ]


def test_spread_fills_up_when_the_preferred_starts_are_too_few() -> None:
    starts = [
        naive(2026, 12, 3, 9, 30),
        naive(2026, 12, 3, 10, 0),
        naive(2026, 12, 3, 10, 30),
        naive(2026, 12, 3, 11, 30),
        naive(2026, 12, 3, 13, 30),
        naive(2026, 12, 3, 14, 30),
    ]
    picked = spread(starts, 4)
    assert len(picked) == 4 and naive(2026, 12, 3, 10) in picked and picked == sorted(picked)
    assert spread(starts[:3], 5) == starts[:3]


# --- the same rules through the API (SQLite, test roster) -------------------------------------


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        (kst(2026, 12, 25, 14), "closed"),  # 성탄절
        (kst(2026, 12, 16, 14), "closed"),  # the roster's extra closed day
        (kst(2026, 12, 6, 14), "closed"),  # Sunday
        (kst(2026, 12, 3, 12), "closed"),  # lunch
        (kst(2026, 12, 3, 18), "closed"),  # after hours
        (kst(2026, 12, 3, 14, 15), "closed"),  # off the grid
        (kst(2026, 11, 30, 9, 30), "past"),  # inside the one-hour lead
        (kst(2026, 11, 29, 14), "past"),
        (kst(2027, 1, 29, 9, 30), "too_far"),  # 60 days and 30 minutes ahead
        (kst(2026, 12, 11, 10), "taken"),  # a-tax's day off; b-tax works afternoons only
    ],
)
def test_unbookable_starts_say_why(booking_db: str, start: datetime, reason: str) -> None:
    assert refusal(start).reason == reason


def test_channel_nobody_serves_is_no_expert(booking_db: str) -> None:
    assert refusal(kst(2026, 12, 3, 14), channel="chat").reason == "no_expert"


def test_lead_time_and_horizon_edges_are_inclusive(booking_db: str) -> None:
    assert check(kst(2026, 11, 30, 10)).expert_id == "a-tax"
    assert check(kst(2027, 1, 29, 9)).start == kst(2027, 1, 29, 9)


def test_time_off_blocks_only_its_hours(booking_db: str) -> None:
    # a-tax is away 13–15 on Thu 12-10: b-tax takes 14:00, a-tax is back at 15:00.
    assert check(kst(2026, 12, 10, 15), channel="visit").expert_id == "a-tax"
    assert refusal(kst(2026, 12, 10, 14), channel="visit").reason == "taken"
    assert check(kst(2026, 12, 10, 14)).expert_id == "b-tax"


def test_saturday_with_hours_is_bookable(booking_db: str) -> None:
    slot = check(kst(2026, 12, 5, 10), channel="video")
    assert slot.expert_id == "b-tax" and slot.end == kst(2026, 12, 5, 10, 50)


def test_seollal_and_its_substitute_day_are_closed(booking_db: str) -> None:
    now = kst(2027, 1, 15, 9)
    for day in (8, 9):  # Mon and the substitute Tue; Wed 2-10 is a normal day again
        assert refusal(kst(2027, 2, day, 14), now=now).reason == "closed"
    assert check(kst(2027, 2, 10, 14), now=now).expert_id == "a-tax"


def test_year_boundary_alternatives_skip_new_years_day(booking_db: str) -> None:
    now = kst(2026, 12, 31, 16)
    refused = refusal(kst(2027, 1, 1, 14), now=now)
    alternatives = refused.alternatives
    assert refused.reason == "closed" and 3 <= len(alternatives) <= 5
    assert all(a.start.date() != date(2027, 1, 1) for a in alternatives)
    assert all(a.start >= now + MIN_LEAD for a in alternatives)
    assert kst(2026, 12, 31, 17) in [a.start for a in alternatives]
    assert [a.start for a in alternatives] == sorted(a.start for a in alternatives)


def test_month_boundary_first_free_slot_is_next_morning(booking_db: str) -> None:
    slots = free(kst(2026, 11, 30), kst(2026, 12, 2), now=kst(2026, 11, 30, 17, 30))
    assert slots[0].start == kst(2026, 12, 1, 9)


def test_free_slots_never_go_past_the_horizon(booking_db: str) -> None:
    slots = free(kst(2027, 1, 28), kst(2027, 3, 1), limit=10)
    assert slots and all(s.start <= NOW + HORIZON for s in slots)
    assert slots[-1].start == kst(2027, 1, 29, 9)
