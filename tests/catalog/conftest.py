"""Catalogue tests run twice: on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from bot.catalog.loader import Catalog, load_catalog
from bot.db import session_scope


@pytest.fixture()
def loaded_db(any_db_url: str, catalog: Catalog) -> str:
    """``any_db_url`` (SQLite, then PostgreSQL) with the real catalogue loaded."""
    with session_scope(any_db_url) as session:
        load_catalog(catalog, session=session)
    return any_db_url
