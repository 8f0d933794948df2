"""A real bizcall stack for end-to-end and browser tests.

One place for how tests start the servers, so the REST tests (tests/e2e) and the browser
tests (tests/browser) hold their conversations with the same thing ``make run`` starts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.runner import Stack, start_fresh_stack
from bot.settings import ROOT

MODEL = ROOT / "models" / "bizcall.tar.gz"


def start_test_stack(var: Path) -> Stack:
    """Start the three servers on free ports over a fresh SQLite database in ``var``.

    The database holds the real catalogue and expert roster, so answers and free booking
    times are the real ones. Fails the test (not skips) without a trained model: ``make
    test`` trains one before pytest runs, so a missing model is a broken build.
    """
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: `make test` trains it before pytest runs")
    return start_fresh_stack(var, model=MODEL)


@contextlib.contextmanager
def running_stack(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Stack]:
    """``start_test_stack`` in a fresh temporary folder, stopped on exit (module fixtures)."""
    stack = start_test_stack(tmp_path_factory.mktemp(name))
    try:
        yield stack
    finally:
        stack.stop()
