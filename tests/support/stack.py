"""A real bizcall stack for end-to-end and browser tests.

One place for how tests start the servers, so the REST tests (tests/e2e) and the browser
tests (tests/browser) hold their conversations with the same thing ``make run`` starts.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.booking.roster import load_roster, read_roster
from bot.catalog.loader import load_catalog, read_catalog
from bot.db import session_scope
from bot.db.migrate import upgrade
from bot.runner import Stack, start_stack
from bot.settings import ROOT, load_settings
from tests.support.net import free_port

MODEL = ROOT / "models" / "bizcall.tar.gz"


def start_test_stack(var: Path) -> Stack:
    """Start the three servers on free ports over a fresh SQLite database in ``var``.

    The database holds the real catalogue and expert roster, so answers and free booking
    times are the real ones. Fails the test (not skips) without a trained model: ``make
    test`` trains one before pytest runs, so a missing model is a broken build.
    """
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: `make test` trains it before pytest runs")
    url = f"sqlite:///{var / 'stack.db'}"
    upgrade(url)
    with session_scope(url) as session:
        load_catalog(session, read_catalog(ROOT / "catalog"))
        load_roster(session, read_roster(ROOT / "catalog" / "experts.yml"))
    settings = dataclasses.replace(
        load_settings(), database_url=url, var_dir=var, host="127.0.0.1",
        rasa_port=free_port(), actions_port=free_port(), web_port=free_port(),
    )
    return start_stack(settings, model=MODEL)


@contextlib.contextmanager
def running_stack(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Stack]:
    """``start_test_stack`` in a fresh temporary folder, stopped on exit (module fixtures)."""
    stack = start_test_stack(tmp_path_factory.mktemp(name))
    try:
        yield stack
    finally:
        stack.stop()
