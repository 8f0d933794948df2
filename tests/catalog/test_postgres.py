"""The catalogue migrates, loads and answers the same on SQLite and on a real PostgreSQL."""

from __future__ import annotations

from sqlalchemy import inspect

from bot.catalog.loader import Catalog, load_catalog
from bot.catalog.queries import get_program, list_programs
from bot.catalog.search import search_programs
from bot.db import get_engine, session_scope
from bot.db.migrate import downgrade, upgrade


def test_load_and_query_on_both_databases(any_db_url: str, catalog: Catalog) -> None:
    with session_scope(any_db_url) as session:
        counts = load_catalog(catalog, session=session)
    assert counts["programs"] == len(catalog.programs)
    with session_scope(any_db_url) as session:
        assert len(list_programs(session=session)) == len(catalog.programs)
        program = get_program(program_id="youth-job-academy", session=session)
        assert program.team.name == "교육1팀"
        assert [b.amount_thousand_krw for b in program.budget_lines] == [20_255_495]
        assert (
            search_programs(query="서울형 TIPS 알려줘", session=session)[0].program_id
            == "seoul-tips"
        )
        # JSON columns round-trip Korean text unchanged.
        assert "SeSAC" in program.aliases


def test_migrations_go_down_and_up_cleanly(any_db_url: str) -> None:
    downgrade(any_db_url, "base")
    assert set(inspect(get_engine(any_db_url)).get_table_names()) <= {"alembic_version"}
    upgrade(any_db_url)
    assert {"programs", "teams", "facilities", "fields", "budget_lines", "program_fields"} <= set(
        inspect(get_engine(any_db_url)).get_table_names()
    )
