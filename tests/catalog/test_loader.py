"""The catalogue files load into the database, completely and repeatably; bad files are rejected."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.catalog.loader import Catalog, load_catalog, read_catalog
from bot.catalog.queries import get_program, list_programs
from bot.db import session_scope
from bot.db.models import BudgetLine, Program
from tests.support.misc_catalog import program_row, rejections, write_files


def test_real_catalogue_loads_every_record(loaded_db: str, catalog: Catalog) -> None:
    with session_scope() as session:
        programs = list_programs(session=session)
        assert {p.id for p in programs} == {p["id"] for p in catalog.programs}
        budget_rows = session.scalar(select(func.count()).select_from(BudgetLine))
    assert budget_rows == sum(len(p.get("budget") or []) for p in catalog.programs)


def test_program_has_target_content_team_and_source(loaded_db: str) -> None:
    with session_scope() as session:
        p = get_program(program_id="youth-job-academy", session=session)
        assert p is not None
        assert p.name == "청년취업사관학교"
        assert "20~30대" in p.target
        assert "SW" in p.content
        assert p.team.name == "교육1팀"
        assert p.parent.id == "talent-development"
        assert p.source_lines and p.source_section.startswith("2. 주요 업무보고")
        assert [b.amount_thousand_krw for b in p.budget_lines] == [20_255_495]


def test_loading_twice_replaces_instead_of_duplicating(loaded_db: str, catalog: Catalog) -> None:
    with session_scope() as session:
        load_catalog(catalog, session=session)
    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(Program)) == len(catalog.programs)


def test_removed_record_disappears_on_reload(loaded_db: str, catalog: Catalog) -> None:
    smaller = copy.deepcopy(catalog)
    smaller.programs = [p for p in smaller.programs if p["id"] != "seoul-cup"]
    with session_scope() as session:
        load_catalog(smaller, session=session)
    with session_scope() as session:
        assert get_program(program_id="seoul-cup", session=session) is None


@pytest.mark.parametrize(
    ("programs", "message"),
    [
        ([program_row(), program_row()], "duplicate id 'p1'"),
        ([program_row(parent="nope")], "unknown parent 'nope'"),
        ([program_row(fields=["astrology"])], "unknown field 'astrology'"),
        ([program_row(fields=[])], "needs at least one consultation field"),
        ([program_row(area="space")], "area must be one of"),
        ([program_row(team="없는팀")], "unknown team '없는팀'"),
        (
            [program_row(budget=[{"line": "x", "amount_thousand_krw": "many", "kind": "고유"}])],
            "integer amount",
        ),
        ([{"name": "no id"}], "needs 'id' and 'name'"),
    ],
)
def test_inconsistent_files_are_rejected_with_a_clear_message(
    tmp_path: Path, programs: list, message: str
) -> None:
    problems = rejections(
        tmp_path, programs={"programs": programs}, teams={"teams": [{"id": "t", "name": "있는팀"}]}
    )
    assert any(message in p for p in problems), problems


def test_children_listed_before_parents_still_load(db_url: str, tmp_path: Path) -> None:
    write_files(
        tmp_path,
        programs={"programs": [program_row(id="child", parent="parent"), program_row(id="parent")]},
    )
    with session_scope() as session:
        load_catalog(read_catalog(tmp_path), session=session)
    with session_scope() as session:
        assert get_program(program_id="child", session=session).parent_id == "parent"
