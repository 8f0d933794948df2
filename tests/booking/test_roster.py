"""The expert roster: the real file is complete, bad files are rejected, loading keeps bookings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.booking import queries, slot_search, writes
from bot.booking.channels import CHANNELS
from bot.booking.roster import RosterError, load_roster, parse_roster, read_roster
from bot.booking.status import BOOKED
from bot.db import session_scope
from bot.db.models import ClosedDay, ConsultationLength, Expert, ExpertField
from bot.fields import FIELD_NAMES
from bot.settings import ROOT
from tests.booking.conftest import load_test_roster, roster_doc
from tests.support.booking import call, write
from tests.support.booking_api import check, find, kst, refusal

REAL = ROOT / "catalog" / "experts.yml"


# --- the real roster --------------------------------------------------------------------------


def test_real_roster_is_valid_and_fictional() -> None:
    roster = read_roster(REAL)
    assert 20 <= len(roster.experts) <= 24
    assert "(가상)" in REAL.read_text(encoding="utf-8").splitlines()[0]
    assert roster.minutes["tax"] == 50 and roster.minutes["law"] == 80


def test_every_field_has_two_experts_and_every_channel() -> None:
    roster = read_roster(REAL)
    for code in FIELD_NAMES:
        experts = [e for e in roster.experts if code in e.fields]
        assert len(experts) >= 2, code
        for channel in CHANNELS:
            assert any(channel in e.channels for e in experts), (code, channel)


def test_real_roster_hours_vary() -> None:
    roster = read_roster(REAL)
    assert len({str(e.hours_text()) for e in roster.experts}) >= 8
    assert any(5 in e.hours for e in roster.experts)  # someone works on Saturdays
    assert any(e.time_off for e in roster.experts)


# --- validation -------------------------------------------------------------------------------


def _problems(mutate: Callable[[dict[str, Any]], None]) -> list[str]:
    doc = roster_doc()
    mutate(doc)
    with pytest.raises(RosterError) as info:
        parse_roster(doc)
    return info.value.problems


def _expert(doc: dict[str, Any], eid: str) -> dict[str, Any]:
    return next(e for e in doc["experts"] if e["id"] == eid)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: _expert(d, "a-tax")["fields"].append("astrology"),
            "a-tax: unknown field 'astrology'",
        ),
        (
            lambda d: _expert(d, "a-tax").update(channels=["phone", "fax"]),
            "a-tax: unknown channel 'fax'",
        ),
        (
            lambda d: _expert(d, "a-tax").update(fields=[]),
            "a-tax: needs a non-empty list of fields",
        ),
        (
            lambda d: _expert(d, "b-tax")["hours"].update(sun=["9:00-12:00"]),
            "b-tax: hours sun: '9:00' is not HH:MM",
        ),
        (
            lambda d: _expert(d, "b-tax")["hours"].update(sun=["12:00-09:00"]),
            "b-tax: hours sun: '12:00-09:00' ends before it starts",
        ),
        (
            lambda d: _expert(d, "b-tax")["hours"].update(sun=["09:00-12:00", "11:00-14:00"]),
            "b-tax: hours sun: intervals overlap at 11:00",
        ),
        (
            lambda d: _expert(d, "b-tax")["hours"].update(sun=["09:15-12:00"]),
            "b-tax: hours sun: 09:15-12:00 is not on the 30-minute grid",
        ),
        (
            lambda d: _expert(d, "c-law")["hours"].update(fri=["09:00-10:00"]),
            "c-law: hours fri: 09:00-10:00 is shorter than a 80-minute consultation",
        ),
        (
            lambda d: _expert(d, "b-tax")["hours"].update(mon=["09:00-12:00"]),
            "b-tax: hours for mon given twice",
        ),
        (
            lambda d: _expert(d, "b-tax")["hours"].update(weekday=["09:00-12:00"]),
            "b-tax: hours key 'weekday' is not a weekday",
        ),
        (lambda d: d["experts"].append(dict(_expert(d, "c-law"))), "c-law: duplicate id"),
        (lambda d: _expert(d, "c-law").update(title="점술가"), "c-law: unknown title '점술가'"),
        (lambda d: _expert(d, "c-law").update(feilds=["law"]), "c-law: unknown key 'feilds'"),
        (
            lambda d: _expert(d, "c-law").update(time_off=["2026-12-32"]),
            "c-law: time_off '2026-12-32'",
        ),
        (
            lambda d: _expert(d, "c-law").update(time_off=["2026-12-10..2026-12-01"]),
            "c-law: time_off '2026-12-10..2026-12-01' ends before it starts",
        ),
        (lambda d: _expert(d, "c-law").update(id="C Law"), "lower-case letters"),
        (
            lambda d: d["consultation_minutes"].update(astrology=50),
            "consultation_minutes has unknown field 'astrology'",
        ),
        (lambda d: d["consultation_minutes"].update(tax=5), "consultation_minutes.tax must be"),
        (lambda d: d.update(expert=[]), "unknown top-level key 'expert'"),
        (lambda d: d.update(experts=[]), "'experts' must be a non-empty list"),
        (lambda d: d["closed_days"].append({"date": "soon"}), "closed_days entries need a date"),
    ],
)
def test_invalid_rosters_name_the_expert_and_the_problem(
    mutate: Callable[[dict[str, Any]], None], expected: str
) -> None:
    problems = _problems(mutate)
    assert any(expected in p for p in problems), problems


def test_every_problem_is_reported_at_once() -> None:
    def mutate(doc: dict[str, Any]) -> None:
        _expert(doc, "a-tax")["fields"] = ["nope"]
        _expert(doc, "b-tax")["channels"] = ["fax"]

    problems = _problems(mutate)
    assert len(problems) == 2
    assert "a-tax" in problems[0] and "b-tax" in problems[1]


def test_time_off_forms(tmp_path: Path) -> None:
    doc = roster_doc()
    _expert(doc, "c-law")["time_off"] = [
        date(2026, 12, 24),
        "2026-12-28..2026-12-29",
        "2026-12-03 09:00..10:30",
    ]
    spec = next(e for e in parse_roster(doc).experts if e.id == "c-law")
    assert spec.time_off == (
        (datetime(2026, 12, 3, 9), datetime(2026, 12, 3, 10, 30)),
        (datetime(2026, 12, 24), datetime(2026, 12, 25)),
        (datetime(2026, 12, 28), datetime(2026, 12, 30)),
    )


def test_weekday_ranges_expand(tmp_path: Path) -> None:
    spec = parse_roster(roster_doc()).experts[0]
    assert sorted(spec.hours) == [0, 1, 2, 3, 4]
    assert spec.hours[2] == ((time(9), time(12)), (time(13), time(18)))


def test_unreadable_file_is_a_roster_error(tmp_path: Path) -> None:
    bad = tmp_path / "experts.yml"
    bad.write_text("experts: [unclosed", encoding="utf-8")
    with pytest.raises(RosterError, match="cannot read"):
        read_roster(bad)


# --- loading ----------------------------------------------------------------------------------


def test_loading_stores_experts_lengths_and_closed_days(booking_db: str) -> None:
    with session_scope() as session:
        assert session.scalars(select(Expert.id).order_by(Expert.id)).all() == [
            "a-tax",
            "b-tax",
            "c-law",
            "d-labor",
        ]
        assert session.get(ConsultationLength, "law").minutes == 80
        assert session.get(ConsultationLength, "tax").minutes == 50
        assert session.get(ClosedDay, date(2026, 12, 16)).name == "임시공휴일"
    assert call(slot_search.consultation_minutes, field="law") == 80
    assert call(slot_search.consultation_minutes, field="labor") == 50


def test_real_roster_loads_on_both_databases(any_db_url: str) -> None:
    with session_scope(any_db_url) as session:
        counts = load_roster(read_roster(REAL), session=session)
    assert counts["experts"] == len(read_roster(REAL).experts)
    experts = call(queries.list_experts, field="patent", url=any_db_url)
    assert len(experts) >= 2 and all("patent" in e.fields for e in experts)


def test_reload_is_a_full_replace_that_keeps_booked_experts(
    booking_db: str, details: Callable[..., dict[str, Any]]
) -> None:
    booking = write(writes.create_booking, **details(expert_id="a-tax"))
    doc = roster_doc()
    doc["experts"] = [e for e in doc["experts"] if e["id"] not in ("a-tax", "d-labor")]
    _expert(doc, "b-tax")["fields"] = ["tax", "finance"]
    with session_scope() as session:
        counts = load_roster(parse_roster(doc), session=session)
    assert counts == {
        "experts": 2,
        "inactive": 1,
        "deleted": 1,
        "live_bookings_of_inactive": 1,
        "closed_days": 1,
    }
    with session_scope() as session:
        assert session.get(Expert, "d-labor") is None
        assert session.get(Expert, "a-tax").active is False
        assert sorted(
            session.scalars(select(ExpertField.field_code).where(ExpertField.expert_id == "b-tax"))
        ) == ["finance", "tax"]
    # The booking stands and can be found; the inactive expert gets no new bookings.
    found = find(booking.code, requester="r")
    assert found.expert_id == "a-tax" and found.status == BOOKED
    assert check(kst(2026, 12, 3, 14)).expert_id == "b-tax"
    assert refusal(kst(2026, 12, 3, 15), channel="visit").reason == "no_expert"
    # Back in the file: active again.
    load_test_roster(booking_db)
    assert [e.id for e in call(queries.list_experts, field="tax")] == ["a-tax", "b-tax"]
