"""Listing programs by field, target group and place; finding facilities and teams."""

from __future__ import annotations

import pytest

from bot.catalog.queries import find_facilities, find_team, list_programs
from bot.db import session_scope
from bot.db.models import Program

pytestmark = pytest.mark.usefixtures("loaded_db")


def _listed(**criteria: str) -> dict[str, Program]:
    """The programs ``list_programs`` gives for ``criteria``, by id, read in one unit of work."""
    with session_scope() as session:
        return {p.id: p for p in list_programs(**criteria, session=session)}


def test_list_by_field_only_returns_programs_of_that_field() -> None:
    patent = _listed(field="patent")
    assert patent and all("patent" in [f.code for f in p.fields] for p in patent.values())
    assert "ip-support" in patent


@pytest.mark.parametrize(
    ("group", "expected"),
    [
        ("청년 구직자", "youth-job-academy"),
        ("소공인", "regional-sogongin-center"),
        ("외국인 투자자", "invest-seoul"),
        ("예비창업자", "ip-didimdol"),
    ],
)
def test_list_by_target_group(group: str, expected: str) -> None:
    programs = _listed(target_group=group)
    assert expected in programs
    assert all(
        any(g.replace(" ", "") == group.replace(" ", "") for g in p.target_groups)
        for p in programs.values()
    )


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("startup-hub-gongdeok", "startup-hub-gongdeok-ops"),
        ("도봉구", "startup-hub-changdong-ops"),
        ("서울창업허브 M+", "startup-hub-mplus-ops"),
    ],
)
def test_list_by_place(place: str, expected: str) -> None:
    assert expected in _listed(place=place)


def test_find_facility_by_alias_and_district() -> None:
    with session_scope() as session:
        found = find_facilities(text="공덕 창업허브", session=session)
        assert "startup-hub-gongdeok" in {f.id for f in found}
        in_mapo = find_facilities(text="마포구", session=session)
        assert in_mapo and all(f.district == "마포구" for f in in_mapo)
        assert find_facilities(text="ㅋ", session=session) == []


def test_find_team_answers_who_is_responsible() -> None:
    with session_scope() as session:
        team = find_team(text="지식재산팀은 뭐 해요?", session=session)
        assert team is not None and team.division == "혁신성장본부"
        assert any("지식재산" in f for f in team.functions)
        assert find_team(text="우주개발팀", session=session) is None
