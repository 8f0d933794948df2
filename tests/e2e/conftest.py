"""One stack for the e2e modules that pin the clock, started once per package run.

Pinned (``BIZCALL_NOW``) to Monday 7 December 2026, 23:00 in Seoul: no agent works then,
and "내일 오후 3시" is a free time of the roster. Starting a stack costs about half a
minute, so the typed-answer and bad-input modules share this one.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.runner import Stack
from tests.support.stack import running_stack

NIGHT = "2026-12-07T23:00:00+09:00"


@pytest.fixture(scope="package")
def night_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BIZCALL_NOW", NIGHT)
        with running_stack(tmp_path_factory, "night-var") as running:
            yield running
