"""The migrations build the catalogue columns the models describe (0003 added the English ones)."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.db import session as db_session
from bot.db.migrate import downgrade, upgrade
from bot.db.models import Base

CATALOGUE_TABLES = {
    "fields",
    "teams",
    "facilities",
    "programs",
    "program_fields",
    "budget_lines",
    "catalog_meta",
}


def _column_diffs(url: str) -> list[Any]:
    """Tables or columns of the catalogue that the database and the models disagree on.

    Index differences are left out: 0001 creates indexes the models do not declare.
    """
    with db_session.get_engine(url).connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    found = []
    for diff in diffs:
        for op in diff if isinstance(diff, list) else [diff]:
            name = op[0]
            if name in ("add_table", "remove_table") and op[1].name in CATALOGUE_TABLES:
                found.append((name, op[1].name))
            elif name.endswith("_column") and op[2] in CATALOGUE_TABLES:
                found.append((name, op[2], op[3].name))
            elif name.startswith("modify_") and op[2] in CATALOGUE_TABLES:
                found.append((name, op[2], op[3]))
    return found


def test_migrated_catalogue_matches_the_models(db_url: str) -> None:
    assert _column_diffs(db_url) == []


def test_english_columns_go_away_on_downgrade_and_come_back(db_url: str) -> None:
    downgrade(db_url, "0002_booking")
    assert ("add_column", "programs", "purpose_en") in _column_diffs(db_url)
    assert ("add_column", "teams", "functions_en") in _column_diffs(db_url)
    upgrade(db_url)
    assert _column_diffs(db_url) == []
