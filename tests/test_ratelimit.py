"""The shared failed-attempt limiter (booking lookups and console logins use it)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.db.migrate import downgrade, upgrade
from bot.db.models import FailedAttempt
from bot.db.session import session_scope
from bot.ratelimit import Limit, purge, record_failure, retry_after

NOW = datetime(2026, 12, 1, 9, 0)
THREE = Limit("test_three", 3, timedelta(minutes=10))
TWO_OTHER = Limit("test_other", 2, timedelta(hours=1))


def _fail(url: str, buckets: list[tuple[Limit, str]], at: datetime) -> None:
    with session_scope(url) as session:
        record_failure(buckets, now=at, session=session)


def _wait(url: str, buckets: list[tuple[Limit, str]], at: datetime) -> timedelta | None:
    with session_scope(url) as session:
        return retry_after(buckets, now=at, session=session)


def test_blocks_at_the_count_until_the_oldest_counted_failure_leaves(any_db_url: str) -> None:
    for minute in (0, 2, 4):
        assert _wait(any_db_url, [(THREE, "a")], NOW + timedelta(minutes=minute)) is None
        _fail(any_db_url, [(THREE, "a")], NOW + timedelta(minutes=minute))
    assert _wait(any_db_url, [(THREE, "a")], NOW + timedelta(minutes=5)) == timedelta(minutes=5)
    assert _wait(any_db_url, [(THREE, "a")], NOW + timedelta(minutes=10, seconds=1)) is None


def test_more_failures_than_the_count_wait_for_the_count_th_newest(any_db_url: str) -> None:
    for minute in (0, 1, 6, 7):  # four failures; after 0 and 1 leave, two remain (< 3)
        _fail(any_db_url, [(THREE, "a")], NOW + timedelta(minutes=minute))
    assert _wait(any_db_url, [(THREE, "a")], NOW + timedelta(minutes=8)) == timedelta(minutes=3)


def test_keys_and_kinds_are_separate_buckets_and_the_longest_wait_wins(db_url: str) -> None:
    for _ in range(3):
        _fail(db_url, [(THREE, "a"), (TWO_OTHER, "a")], NOW)
    assert _wait(db_url, [(THREE, "b")], NOW) is None
    assert _wait(db_url, [(Limit("test_new", 3, timedelta(minutes=10)), "a")], NOW) is None
    both = [(THREE, "a"), (TWO_OTHER, "a")]
    assert _wait(db_url, both, NOW + timedelta(minutes=1)) == timedelta(minutes=59)


def test_wait_is_never_zero(db_url: str) -> None:
    for _ in range(3):
        _fail(db_url, [(THREE, "a")], NOW)
    assert _wait(
        db_url, [(THREE, "a")], NOW + timedelta(minutes=10) - timedelta(microseconds=1)
    ) == timedelta(seconds=1)


@pytest.mark.parametrize(
    "key", ["010-1234-5678", "203.0.113.7", "대화-😀-'; DROP TABLE x;--", "\udcff broken", ""]
)
def test_keys_are_stored_only_as_digests(db_url: str, key: str) -> None:
    _fail(db_url, [(THREE, key)], NOW)
    with session_scope(db_url) as session:
        stored = session.execute(select(FailedAttempt.key)).scalar_one()
    assert len(stored) == 64 and stored != key
    assert all(c in "0123456789abcdef" for c in stored)
    for _ in range(2):
        _fail(db_url, [(THREE, key)], NOW)
    assert _wait(db_url, [(THREE, key)], NOW) is not None  # still counted per key


def test_old_failures_are_forgotten(db_url: str) -> None:
    _fail(db_url, [(THREE, "a")], NOW)
    _fail(db_url, [(THREE, "b")], NOW + timedelta(days=2))  # recording prunes day-old rows
    with session_scope(db_url) as session:
        assert session.execute(select(FailedAttempt.kind)).scalars().all() == ["test_three"]
        purge(now=NOW + timedelta(days=4), session=session)
    with session_scope(db_url) as session:
        assert session.execute(select(FailedAttempt)).all() == []


def test_migration_replaces_the_two_old_tables_and_back(db_url: str) -> None:
    from sqlalchemy import inspect

    from bot.db.session import get_engine

    def tables() -> set[str]:
        return set(inspect(get_engine(db_url)).get_table_names())

    assert {"failed_attempts"} <= tables()
    assert not {"lookup_failures", "login_failures"} & tables()
    downgrade(db_url, "0004_console")
    assert {"lookup_failures", "login_failures"} <= tables() and "failed_attempts" not in tables()
    upgrade(db_url)
    assert "failed_attempts" in tables() and "lookup_failures" not in tables()
