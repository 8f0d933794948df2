"""Shared fixtures: a migrated SQLite database per test, the real catalogue, rasa-sdk doubles.

Settings and engines are cached per process in production; fixtures point them at
a temporary database and clear the caches so tests never touch ``var/``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.catalog.loader import Catalog, load_catalog, read_catalog
from bot.db import session as db_session
from bot.db.migrate import upgrade
from bot.settings import ROOT, get_settings

# The suite runs Okt and the optional Komoran tokenizer in one JVM; Komoran needs 384 MB.
os.environ.setdefault("BIZCALL_JVM_HEAP_MB", "384")


def _clear_caches() -> None:
    get_settings.cache_clear()
    db_session.get_engine.cache_clear()
    db_session._session_factory.cache_clear()


@pytest.fixture()
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An empty, migrated SQLite database that the code under test uses by default."""
    url = f"sqlite:///{tmp_path / 'test.db'}"
    monkeypatch.setenv("BIZCALL_DATABASE_URL", url)
    monkeypatch.setenv("BIZCALL_VAR_DIR", str(tmp_path / "var"))
    _clear_caches()
    upgrade(url)
    yield url
    db_session.get_engine(url).dispose()
    _clear_caches()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The real catalogue files of the repository."""
    return read_catalog(ROOT / "catalog")


@pytest.fixture()
def loaded_db(db_url: str, catalog: Catalog) -> str:
    """``db_url`` with the real catalogue loaded."""
    with db_session.session_scope(db_url) as session:
        load_catalog(catalog, session=session)
    return db_url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a real PostgreSQL server started for this test session.

    ``make test`` installs the server first (``make test-services``) and sets
    ``BIZCALL_REQUIRE_SERVICES``, so there a missing server fails the run: a silent skip
    would let CI pass without ever testing PostgreSQL. Elsewhere it skips with the reason.
    """
    from tests.support import postgres

    server, reason = postgres.start()
    if server is None:
        if os.environ.get("BIZCALL_REQUIRE_SERVICES"):
            pytest.fail(f"PostgreSQL unavailable although make test-services ran: {reason}")
        pytest.skip(f"PostgreSQL unavailable: {reason}")
    try:
        yield server.url
    finally:
        db_session.get_engine(server.url).dispose()
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """An empty, migrated database on SQLite and on a real PostgreSQL server."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'any.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        from bot.db.migrate import downgrade

        downgrade(url, "base")  # a clean schema for every test
    monkeypatch.setenv("BIZCALL_DATABASE_URL", url)
    _clear_caches()
    upgrade(url)
    yield url
    db_session.get_engine(url).dispose()
    _clear_caches()


@pytest.fixture()
def one_second_budget(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Booking writes give up on the database after one second (``BIZCALL_DB_WRITE_SECONDS``)."""
    monkeypatch.setenv("BIZCALL_DB_WRITE_SECONDS", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def day_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One running stack for the REST conversations (tests/e2e/test_conversation.py) and
    the browser tests: starting Rasa is most of their cost, so they share it.

    Its clock is pinned to a Tuesday morning (``BIZCALL_NOW``): agents are at work, so a
    request for a person joins the queue, and booking times are the same on every run.
    Tests keep to their own conversation ids and never depend on another's data.
    """
    from tests.support.stack import running_stack

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BIZCALL_NOW", "2026-12-08T10:00:00+09:00")
        with running_stack(tmp_path_factory, "day-var") as running:
            yield running


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    """Collects what an action says."""
    return CollectingDispatcher()


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The assistant's domain as a dict, as the action server receives it."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture()
def make_tracker() -> Callable[..., Tracker]:
    """Build a tracker whose latest user message has the given text, intent and entities."""

    def make(
        text: str,
        intent: str,
        entities: list[dict[str, Any]] | None = None,
        slots: dict[str, Any] | None = None,
        confidence: float = 0.95,
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "entities": entities or [],
        }
        return Tracker(
            sender_id="test-user",
            slots=slots or {},
            latest_message=latest,
            events=[{"event": "user", "text": text, "parse_data": latest}],
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    return make
