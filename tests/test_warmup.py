"""The action server builds the catalogue search before its first user, and starts anyway
when it cannot."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.catalog import search
from bot.db import session_scope
from bot.warmup import warm_action_server
from tests.conftest import _clear_caches


def test_the_search_index_is_built_before_the_first_question(
    loaded_db: str, caplog: pytest.LogCaptureFixture
) -> None:
    search._cache.clear()
    with caplog.at_level(logging.INFO, logger="bot.warmup"):
        assert warm_action_server() is True
    assert len(search._cache) == 1
    [built] = search._cache.values()
    with session_scope() as session:
        assert search.get_index(session=session) is built  # the first user reuses it
    assert "search index ready: 112 programs" in caplog.text


def test_a_database_without_tables_only_logs_a_warning(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    search._cache.clear()
    monkeypatch.setenv("BIZCALL_DATABASE_URL", f"sqlite:///{tmp_path / 'never-migrated.db'}")
    _clear_caches()
    try:
        with caplog.at_level(logging.WARNING, logger="bot.warmup"):
            assert warm_action_server() is False
    finally:
        _clear_caches()
    assert "warm-up skipped (OperationalError); the first search will build the index" in (
        caplog.text
    )
