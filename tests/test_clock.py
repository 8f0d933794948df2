"""bot/clock owns "now", the Seoul zone and the naive-datetime rule."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot import clock


def test_a_pinned_now_is_read_as_seoul_and_its_timestamp_follows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(clock.PINNED_ENV, "2026-12-08T10:00:00")
    assert clock.now() == datetime(2026, 12, 8, 10, tzinfo=clock.SEOUL)
    assert clock.timestamp() == datetime(2026, 12, 8, 1, tzinfo=timezone.utc).timestamp()


def test_stored_times_are_naive_seoul_and_naive_input_is_refused() -> None:
    utc = datetime(2026, 12, 8, 1, tzinfo=timezone.utc)
    assert clock.to_kst(utc) == datetime(2026, 12, 8, 10)
    assert clock.from_kst(datetime(2026, 12, 8, 10)) == utc
    with pytest.raises(ValueError, match="timezone-aware"):
        clock.to_kst(datetime(2026, 12, 8, 10))
    assert clock.as_seoul(datetime(2026, 12, 8, 10)) == utc
